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
