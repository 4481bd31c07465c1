//! `benches/validate.rs` with mimalloc, the global allocator of the CLI
//! (`src/bin/tearsheet/main.rs`): what validating costs in the shipped native tool.

#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[path = "support/validate.rs"]
mod validate;

fn bench(c: &mut criterion::Criterion) {
    validate::bench(c, "mimalloc, as the CLI");
}

criterion::criterion_group!(benches, bench);
criterion::criterion_main!(benches);
