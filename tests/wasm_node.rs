//! The JS API under node (wasm-bindgen-test's default runner).
#![cfg(target_arch = "wasm32")]

#[path = "wasm/api.rs"]
mod api;
