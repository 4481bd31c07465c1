#![no_main]
//! cargo fuzz run gate — see fuzz/entries.rs for what it checks.

#[path = "../entries.rs"]
#[allow(dead_code)]
mod entries;

libfuzzer_sys::fuzz_target!(|data: &[u8]| entries::gate(data));
