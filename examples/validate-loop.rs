//! Runs validation of the complete fixture in a loop, for profilers (callgrind, perf).
pub fn main() {
    let bytes = include_bytes!("../tests/fixtures/prompt-injection-copilot.json");
    // Second argument: a built-in profile name (default jcdc-ai).
    let profile = std::env::args().nth(2).and_then(|n| tearsheet::Profile::builtin(&n).ok()).unwrap_or_else(tearsheet::Profile::default_profile);
    let n: usize = std::env::args().nth(1).and_then(|s| s.parse().ok()).unwrap_or(1000);
    let options = tearsheet::Options { now: tearsheet::Timestamp::parse("2025-03-03T00:00:00Z") };
    let t = std::time::Instant::now();
    let mut valid = 0;
    for _ in 0..n {
        valid += usize::from(tearsheet::validate_bytes(bytes, &profile, options).map(|v| v.valid).unwrap_or(false));
    }
    println!("{n} validations, {valid} valid, {:.1} µs each", t.elapsed().as_secs_f64() * 1e6 / n as f64);
}
