//! Any bytes as a gazetteer file: an error naming `f.json:LINE:COL`, or a gazetteer whose every
//! name, tagged alone, is one mention of its own actor covering every visible character
//! (`tests/oracle/invariants.rs::gazetteer`).
#![no_main]

#[path = "../../tests/oracle/invariants.rs"]
mod invariants;

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| invariants::gazetteer(data));
