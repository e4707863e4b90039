//! Tagging against the independent matcher of `tests/oracle/matcher.rs` (its own normalisation,
//! word and apostrophe rules, case rules, all-caps rule and exclusions): the bytes are decoded
//! into aliases, exclusions and a text within the matcher's
//! alphabet, and the library must report exactly the matcher's mentions. Then the raw bytes as
//! a text with their first line as '|'-separated aliases: mentions sorted, disjoint, on
//! character boundaries, each normalising to its actor's label.
#![no_main]

#[path = "../../tests/oracle/matcher.rs"]
mod matcher;

use actorgraph::gazetteer::{Gazetteer, Source};
use actorgraph::normalize::normalize;
use actorgraph::tagger::Tagger;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let (aliases, exclusions, text) = matcher::decode(data);
    matcher::check_excluding(&aliases, &exclusions, &text);

    let s = String::from_utf8_lossy(data);
    let (head, text) = s.split_once('\n').unwrap_or((&s, ""));
    let mut seen = std::collections::HashSet::new();
    let actors: Vec<serde_json::Value> = head
        .split('|')
        .filter(|a| !a.trim().is_empty() && seen.insert(normalize(a.trim())))
        .take(16)
        .enumerate()
        .map(|(i, a)| serde_json::json!({"id": format!("a{i}"), "label": a, "type": "t"}))
        .collect();
    let json = serde_json::json!({ "actors": actors }).to_string();
    let Ok((g, _)) = Gazetteer::from_sources(&[Source { name: "f", bytes: json.as_bytes() }]) else {
        return;
    };
    let t = Tagger::new(&g).unwrap();
    let mut last = 0;
    for m in t.tag(text) {
        assert!(m.start >= last && m.start < m.end, "sorted, disjoint, non-empty");
        assert!(text.is_char_boundary(m.start) && text.is_char_boundary(m.end));
        let surface = normalize(&text[m.start..m.end]);
        assert_eq!(surface, normalize(&g.actor(m.actor).label), "{:?}", &text[m.start..m.end]);
        last = m.end;
    }
});
