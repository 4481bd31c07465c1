//! Runs the edge gate's check on one request body in a loop, for profilers (callgrind, perf):
//!
//!   cargo build --release --example gate-probe
//!   valgrind --tool=callgrind target/release/examples/gate-probe [FILE] [N]
//!
//! Without FILE the body is the 8 KB report `bench/edge-load.mjs` sends (the scanning fixture
//! with sha256 indicators up to 8 KB). Run with N = 1 and N = 11: the difference over 10 is the
//! steady-state cost of one request, without the scanner's one-off compilation.
use sha2::{Digest, Sha256};
use tearsheet::gate::{check, GateConfig, GateRequest};

fn report_8k() -> Vec<u8> {
    let mut r: serde_json::Value = serde_json::from_str(include_str!("../tests/fixtures/scanning.json")).expect("fixture");
    r["detection"]["indicators"] = serde_json::json!([]);
    for i in 0.. {
        if r.to_string().len() >= 8192 {
            break;
        }
        let value: String = Sha256::digest(format!("sample-{i}")).iter().map(|b| format!("{b:02x}")).collect();
        r["detection"]["indicators"].as_array_mut().expect("list").push(serde_json::json!({
            "type": "sha256", "value": value, "purpose": "reconnaissance",
            "description": format!("Scanner build {i} seen probing model-serving endpoints on port 11434"),
        }));
    }
    r.to_string().into_bytes()
}

fn main() {
    let mut args = std::env::args().skip(1);
    let body = match args.next().filter(|a| a != "-") {
        Some(path) => std::fs::read(path).expect("readable file"),
        None => report_8k(),
    };
    let n: usize = args.next().and_then(|s| s.parse().ok()).unwrap_or(1);
    let config = GateConfig::default();
    let mut status = 0;
    for _ in 0..n {
        status = check(GateRequest { path: "/api/reports", content_type: "application/json", body: &body, now: None }, &config).status;
    }
    println!("{n} checks of {} bytes, last status {status}", body.len());
}
