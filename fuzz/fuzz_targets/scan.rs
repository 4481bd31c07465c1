#![no_main]
//! cargo fuzz run scan — see fuzz/entries.rs for what it checks.

#[path = "../entries.rs"]
#[allow(dead_code)]
mod entries;

libfuzzer_sys::fuzz_target!(|data: &[u8]| entries::scan(data));
