//! The fuzz targets' oracles (tests/oracle/) on stable Rust: seeded inputs, the committed fuzz
//! seeds and past crashes. The fuzz targets (fuzz/, nightly) run the same functions on what
//! libFuzzer finds; docs/testing.md records how long each ran.

mod oracle;
mod util;

use std::fs;

use oracle::{invariants, matcher};
use proptest::prelude::*;
use proptest::test_runner::{Config, RngSeed};

fn config(cases: u32, seed: u64) -> Config {
    Config {
        cases,
        rng_seed: RngSeed::Fixed(seed),
        failure_persistence: None,
        ..Config::default()
    }
}

/// Every committed seed of a fuzz target.
fn seeds(target: &str) -> Vec<Vec<u8>> {
    let dir = util::root().join("fuzz/seeds").join(target);
    let mut files: Vec<_> = fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    files.sort();
    assert!(!files.is_empty(), "{}", dir.display());
    files.into_iter().map(|f| fs::read(f).unwrap()).collect()
}

#[test]
fn fuzz_seeds_satisfy_every_oracle() {
    for s in seeds("gazetteer") {
        invariants::gazetteer(&s);
    }
    for s in seeds("sentences") {
        invariants::sentences(&String::from_utf8_lossy(&s));
    }
    for s in seeds("tag") {
        let (aliases, exclusions, text) = matcher::decode(&s);
        matcher::check_excluding(&aliases, &exclusions, &text);
    }
    for s in seeds("writers") {
        writers_from_bytes(&s);
    }
    for s in seeds("jsonl") {
        invariants::corpus_file(&s, "c.jsonl");
        invariants::corpus_file(&s, "c.json");
    }
}

/// As the `writers` fuzz target: NUL-separated names, sorted, distinct, not blank.
fn writers_from_bytes(data: &[u8]) {
    let s = String::from_utf8_lossy(data);
    let mut names: Vec<String> = s
        .split('\0')
        .filter(|n| !n.trim().is_empty())
        .take(6)
        .map(str::to_owned)
        .collect();
    names.sort();
    names.dedup();
    if !names.is_empty() {
        invariants::writers(&names);
    }
}

/// Pieces for names, labels and texts: hostile to writers, splitters and parsers.
const PIECES: &[&str] = &[
    "a",
    "Z",
    " ",
    "\"",
    "'",
    "\\",
    "<",
    "&",
    "]]>",
    "\n",
    "\n\n",
    "\t",
    "\r",
    "\u{1}",
    "\u{b}",
    "\u{1b}",
    "\u{7f}",
    "\u{85}",
    "\u{fffe}",
    "\u{fffd}",
    "🇮🇶",
    "עברית",
    ". ",
    "? ",
    "Mr. ",
    "U.S. ",
    "é",
    "e\u{301}",
    "\u{a0}",
    "\u{ad}",
    "\u{feff}",
    "-",
    "–",
    "(",
    ")",
    "{",
    "}",
    ",",
    ":",
];

fn hostile(max: usize) -> impl Strategy<Value = String> {
    prop::collection::vec(prop::sample::select(PIECES), 0..max).prop_map(|v| v.concat())
}

proptest! {
    #![proptest_config(config(512, 0xf022_0001))]

    #[test]
    fn writers_keep_distinct_ids_distinct(names in prop::collection::vec(hostile(5), 1..6)) {
        let mut bytes = Vec::new();
        for n in names {
            bytes.extend(n.bytes());
            bytes.push(0);
        }
        writers_from_bytes(&bytes);
    }

    #[test]
    fn sentences_are_non_empty_and_tile(text in hostile(40)) {
        invariants::sentences(&text);
    }

    #[test]
    fn tagger_matches_the_independent_matcher_on_decoded_bytes(data in prop::collection::vec(any::<u8>(), 0..64)) {
        let (aliases, exclusions, text) = matcher::decode(&data);
        matcher::check_excluding(&aliases, &exclusions, &text);
    }

    #[test]
    fn gazetteers_load_and_tag_their_own_names_or_say_where(bytes in gazetteer_bytes()) {
        invariants::gazetteer(&bytes);
    }
}

proptest! {
    #![proptest_config(config(256, 0xf022_0002))]

    #[test]
    fn json_corpus_files_give_documents_or_say_where(bytes in json_bytes()) {
        invariants::corpus_file(&bytes, "c.json");
        invariants::corpus_file(&bytes, "c.jsonl");
    }
}

/// JSON corpus files as dumps hold them, and broken: records (good ones, ones without text,
/// syntax errors, an actorgraph graph) laid out as an array, one per line, or one pretty-printed;
/// after white space or a BOM; sometimes cut short or with stray pieces.
fn json_bytes() -> impl Strategy<Value = Vec<u8>> {
    const LEADS: &[&str] = &["", "\u{feff}", "\n\n", " \t", "\u{feff}\n"];
    let text = || hostile(6).prop_map(|t| serde_json::to_string(&t).unwrap());
    let record = prop_oneof![
        4 => text().prop_map(|t| format!("{{\"text\": {t}}}")),
        2 => text().prop_map(|t| format!("{{\"id\": 17, \"date\": \"2024-02-11\", \"text\": {t}}}")),
        1 => Just("{\"id\": \"a\"}".to_owned()),
        1 => Just("{\"text\": }".to_owned()),
        1 => Just("{\"format\": \"actorgraph\", \"nodes\": []}".to_owned()),
        1 => Just("17".to_owned()),
        1 => text().prop_map(|t| format!("{{\n  \"text\":\n  {t}\n}}")),
    ];
    let records = prop::collection::vec(record, 0..6);
    let layout = prop_oneof![
        records
            .clone()
            .prop_map(|r| format!("[{}]", r.join(",\n "))),
        records.clone().prop_map(|r| r.join("\n")),
        records.prop_map(|r| r.join(" ")),
    ];
    let lead = prop::sample::select(LEADS);
    (
        lead,
        layout,
        any::<prop::sample::Index>(),
        0..4u8,
        hostile(2),
    )
        .prop_map(|(lead, body, cut, how, stray)| {
            let mut s = format!("{lead}{body}");
            match how {
                // Cut short (on a character boundary).
                0 => {
                    let mut at = cut.index(s.len() + 1);
                    while !s.is_char_boundary(at) {
                        at -= 1;
                    }
                    s.truncate(at);
                }
                1 => s.push_str(&stray),
                _ => {}
            }
            s.into_bytes()
        })
}

/// Gazetteer files from hostile names: ids distinct and mostly valid (a third carry hostile
/// pieces); a quarter of the files truncated, so syntax errors must say where too.
fn gazetteer_bytes() -> impl Strategy<Value = Vec<u8>> {
    let actor = (
        hostile(4),
        hostile(6),
        prop::collection::vec(hostile(6), 0..3),
    );
    (
        prop::collection::vec(actor, 1..4),
        any::<prop::sample::Index>(),
        0..4u8,
    )
        .prop_map(|(actors, cut, truncate)| {
            let list: Vec<serde_json::Value> = actors
                .iter()
                .enumerate()
                .map(|(i, (id, label, aliases))| {
                    let id = if id.len() % 3 == 0 {
                        format!("a{i}{id}")
                    } else {
                        format!("a{i}")
                    };
                    let label = format!("L{i}{label}");
                    serde_json::json!({"id": id, "label": label, "type": "t", "aliases": aliases})
                })
                .collect();
            let mut bytes = serde_json::json!({ "actors": list })
                .to_string()
                .into_bytes();
            if truncate == 0 {
                let at = cut.index(bytes.len());
                bytes.truncate(at);
            }
            bytes
        })
}

/// Both branches of the gazetteer oracle run often.
#[test]
fn gazetteer_generator_makes_valid_and_invalid_files() {
    use proptest::strategy::ValueTree;
    let mut runner = proptest::test_runner::TestRunner::new(config(512, 0xf022_0001));
    let mut ok = 0;
    for _ in 0..512 {
        let bytes = gazetteer_bytes().new_tree(&mut runner).unwrap().current();
        let src = actorgraph::gazetteer::Source {
            name: "f.json",
            bytes: &bytes,
        };
        ok += usize::from(actorgraph::gazetteer::Gazetteer::from_sources(&[src]).is_ok());
    }
    assert!((100..=412).contains(&ok), "{ok} of 512 load");
}
