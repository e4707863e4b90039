//! Any bytes as a JSON Lines file and as a `.json` file: documents or an error naming the
//! file, never a panic; `--skip-bad-lines` never loses a document
//! (`tests/oracle/invariants.rs::corpus_file`).
#![no_main]

#[path = "../../tests/oracle/invariants.rs"]
mod invariants;

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    invariants::corpus_file(data, "c.jsonl");
    invariants::corpus_file(data, "c.json");
});
