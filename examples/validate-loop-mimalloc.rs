//! `validate-loop` with mimalloc, the CLI's global allocator: the same loop, so the two can be
//! run interleaved on a busy machine (`cargo build --profile bench --example validate-loop
//! --example validate-loop-mimalloc`).

#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[path = "validate-loop.rs"]
mod validate_loop;

fn main() {
    validate_loop::main();
}
