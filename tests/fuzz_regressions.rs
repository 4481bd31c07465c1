//! The fuzz corpora as plain regression tests on stable Rust: every file in
//! `fuzz/corpus/<target>/` (seeds) and `fuzz/regressions/<target>/` (inputs that once crashed a
//! target, kept after the fix) goes through the same entry point as `cargo fuzz run <target>`.
//! A panic in any of them fails this test and names the file.

#[path = "../fuzz/entries.rs"]
mod entries;

use std::path::Path;

fn files(dir: &Path) -> Vec<std::path::PathBuf> {
    let mut out: Vec<_> = std::fs::read_dir(dir)
        .map(|rd| rd.filter_map(|e| e.ok()).map(|e| e.path()).filter(|p| p.is_file()).collect())
        .unwrap_or_default();
    out.sort();
    out
}

#[test]
fn every_corpus_and_regression_file_runs_without_panic() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("fuzz");
    let mut total = 0;
    for (name, target) in entries::TARGETS {
        let mut n = 0;
        for kind in ["corpus", "regressions"] {
            for file in files(&root.join(kind).join(name)) {
                let data = std::fs::read(&file).unwrap();
                let outcome = std::panic::catch_unwind(|| target(&data));
                assert!(outcome.is_ok(), "fuzz target {name} panicked on {}", file.display());
                n += 1;
            }
        }
        assert!(n > 0, "no corpus for fuzz target {name}: the regression test would prove nothing");
        total += n;
    }
    eprintln!("{total} fuzz inputs replayed");
}
