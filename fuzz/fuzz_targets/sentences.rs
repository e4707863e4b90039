//! Sentence splitting in all three line-break modes: sentences are non-empty, tile the text
//! exactly, start and end on character boundaries, are never blank in a non-blank text, and
//! paragraphs never decrease (`tests/oracle/invariants.rs::sentences`).
#![no_main]

#[path = "../../tests/oracle/invariants.rs"]
mod invariants;

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| invariants::sentences(&String::from_utf8_lossy(data)));
