#![no_main]
//! cargo fuzz run lint_stix — see fuzz/entries.rs for what it checks.

#[path = "../entries.rs"]
#[allow(dead_code)]
mod entries;

libfuzzer_sys::fuzz_target!(|data: &[u8]| entries::lint_stix(data));
