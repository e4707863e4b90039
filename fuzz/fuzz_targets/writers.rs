//! Every writer on a graph whose ids come from the input (NUL-separated names): valid ids come
//! back exactly from JSON, GraphML, GEXF (roxmltree), DOT (decoded by Graphviz's lexer rule)
//! and CSV, so distinct ids stay distinct; invalid ones are refused by the DOT and XML writers
//! and by the saved-graph loader. The oracle is `tests/oracle/invariants.rs::writers`.
#![no_main]

#[path = "../../tests/oracle/invariants.rs"]
mod invariants;

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let s = String::from_utf8_lossy(data);
    let mut names: Vec<String> =
        s.split('\0').filter(|n| !n.trim().is_empty()).take(6).map(str::to_owned).collect();
    names.sort();
    names.dedup();
    if !names.is_empty() {
        invariants::writers(&names);
    }
});
