//! Property tests for the extraction core's invariants. The tagger's own oracle (a brute-force
//! matcher sharing no code with the library) is in `tagger_oracle.rs`. Seeded: a fixed proptest
//! seed, so every run checks the same cases; failures become rows of a table.

use actorgraph::gazetteer::{Gazetteer, Source};
use actorgraph::normalize::{normalize, normalize_keep_case};
use actorgraph::sentence::{split, LineBreaks};
use actorgraph::tagger::Tagger;
use proptest::prelude::*;
use proptest::test_runner::{Config, RngSeed};

fn config() -> Config {
    Config {
        cases: 1024,
        rng_seed: RngSeed::Fixed(0x5e47_e9ce),
        failure_persistence: None,
        ..Config::default()
    }
}

/// Pieces that exercise every normalisation rule: case, dashes, apostrophes, white space,
/// NFC/NFD, length-changing lower case, marks and sentence punctuation.
const PIECES: &[&str] = &[
    "a", "b", "A", "B", "ab", "Ab", "US", "us", " ", "  ", "\n", "\n\n", "\u{a0}", "-", "–", "—",
    "'", "’", ".", ". ", "? ", "\"", "”", "é", "e\u{301}", "É", "İ", "ß", "ﬁ", "\u{ad}", "Σ",
    "x.y", "Mr. ", "U.S. ", "(", ")",
];

fn text() -> impl Strategy<Value = String> {
    prop::collection::vec(prop::sample::select(PIECES), 0..40).prop_map(|v| v.concat())
}

fn alias() -> impl Strategy<Value = String> {
    prop::collection::vec(
        prop::sample::select(
            &[
                "a", "b", "A", "ab", "US", "é", "e\u{301}", "İ", "-", " ", "'", "U.S.",
            ][..],
        ),
        1..4,
    )
    .prop_map(|v| v.concat())
    .prop_filter("non-blank", |s| !s.trim().is_empty())
}

/// A gazetteer with one actor per distinct normalised alias, so no conflicts arise.
fn gazetteer(aliases: &[String]) -> Option<Gazetteer> {
    let mut seen = std::collections::HashSet::new();
    let mut actors = Vec::new();
    for (i, a) in aliases.iter().enumerate() {
        if seen.insert(normalize(a.trim())) {
            actors.push(serde_json::json!({"id": format!("a{i}"), "label": a, "type": "t"}));
        }
    }
    let json = serde_json::json!({ "actors": actors }).to_string();
    Gazetteer::from_sources(&[Source {
        name: "p.json",
        bytes: json.as_bytes(),
    }])
    .ok()
    .map(|(g, _)| g)
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn case_sensitive_aliases_need_their_capitals(t in text()) {
        let g = gazetteer(&["US".to_owned()]).unwrap();
        let tagger = Tagger::new(&g).unwrap();
        for m in tagger.tag(&t) {
            prop_assert_eq!(normalize_keep_case(&t[m.start..m.end]), "US");
        }
    }

    #[test]
    fn sentences_tile_the_document(t in text(), mode in prop::sample::select(&[LineBreaks::Auto, LineBreaks::Paragraph, LineBreaks::Space][..])) {
        let s = split(&t, &[], mode);
        if t.is_empty() {
            prop_assert!(s.is_empty());
        } else {
            prop_assert_eq!(s.first().unwrap().start, 0);
            prop_assert_eq!(s.last().unwrap().end, t.len());
            for w in s.windows(2) {
                prop_assert_eq!(w[0].end, w[1].start);
                prop_assert!(w[0].paragraph <= w[1].paragraph);
                prop_assert!(w[0].start < w[0].end);
            }
        }
    }

    #[test]
    fn sentences_never_cut_a_mention(aliases in prop::collection::vec(alias(), 1..6), t in text()) {
        if let Some(g) = gazetteer(&aliases) {
            let tagger = Tagger::new(&g).unwrap();
            let ms = tagger.tag(&t);
            for s in split(&t, &ms, LineBreaks::Auto) {
                for m in &ms {
                    prop_assert!(!(m.start < s.end && s.end < m.end), "sentence end {} inside {:?}", s.end, m);
                }
            }
        }
    }
}
