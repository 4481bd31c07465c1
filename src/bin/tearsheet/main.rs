//! `tearsheet`: the core on the command line, for pipelines.
//!
//! Output is JSON on stdout. Exit status: 0 when the input is fine, 1 when validation found an
//! error-severity finding, 2 when the input cannot be read or is not a report (a JSON error
//! object with `code`, `message` and, where known, `path`, `line`, `column` goes to stderr).
//!
//! Native only: on wasm32 (where integration tests for the JS API are built) it is empty.

#[cfg(not(target_arch = "wasm32"))]
mod cli;

/// mimalloc rather than the system's malloc: validation and redaction make many small
/// allocations (see Cargo.toml for the figures).
#[cfg(not(target_arch = "wasm32"))]
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[cfg(not(target_arch = "wasm32"))]
fn main() -> std::process::ExitCode {
    cli::main()
}

#[cfg(target_arch = "wasm32")]
fn main() {}
