//! Property tests for the extraction core's invariants.

use actorgraph::gazetteer::{Gazetteer, Source};
use actorgraph::normalize::{is_word_char, normalize, normalize_keep_case};
use actorgraph::sentence::{split, LineBreaks};
use actorgraph::tagger::Tagger;
use proptest::prelude::*;

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

/// Brute force over the normalised text: every occurrence of every alias at every offset, the
/// whole-word check, then leftmost-longest. Returns normalised surfaces and actor ids. It knows
/// nothing of case rules, so it is only compared on case-insensitive gazetteers.
fn reference(g: &Gazetteer, text: &str) -> Vec<(String, String)> {
    let hay = normalize(text);
    let mut cands: Vec<(usize, usize, String)> = Vec::new();
    for actor in g.actors() {
        let names = std::iter::once(actor.label.as_str())
            .chain(actor.aliases.iter().map(|a| a.text.as_str()));
        for alias in names {
            let key = normalize(alias);
            for start in 0..hay.len() {
                if !hay.is_char_boundary(start) || !hay[start..].starts_with(&key) {
                    continue;
                }
                let end = start + key.len();
                let first = key.chars().next().unwrap();
                let last = key.chars().next_back().unwrap();
                if is_word_char(first) && glued_before(&hay[..start]) {
                    continue;
                }
                if is_word_char(last) && glued_after(&hay[end..]) {
                    continue;
                }
                cands.push((start, end, actor.id.clone()));
            }
        }
    }
    cands.sort_by(|a, b| a.0.cmp(&b.0).then(b.1.cmp(&a.1)).then(a.2.cmp(&b.2)));
    let mut out = Vec::new();
    let mut covered = 0;
    for (s, e, id) in cands {
        if s >= covered {
            out.push((hay[s..e].to_owned(), id));
            covered = e;
        }
    }
    out
}

/// Is the text before a match part of the same word? A word character, or an apostrophe
/// after a word character ("O'Brien": docs/matching.md).
fn glued_before(head: &str) -> bool {
    let mut it = head.chars().rev();
    match it.next() {
        Some('\'') => it.next().is_some_and(is_word_char),
        Some(c) => is_word_char(c),
        None => false,
    }
}

/// Is the text after a match part of the same word? A word character, or an apostrophe before
/// a word character, except the possessive "'s" that ends the word.
fn glued_after(tail: &str) -> bool {
    if let Some(rest) = tail.strip_prefix("'s") {
        return rest.chars().next().is_some_and(is_word_char);
    }
    let mut it = tail.chars();
    match it.next() {
        Some('\'') => it.next().is_some_and(is_word_char),
        Some(c) => is_word_char(c),
        None => false,
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn spans_slice_the_original_text(aliases in prop::collection::vec(alias(), 1..6), t in text()) {
        if let Some(g) = gazetteer(&aliases) {
            let tagger = Tagger::new(&g).unwrap();
            for m in tagger.tag(&t) {
                prop_assert!(t.is_char_boundary(m.start) && t.is_char_boundary(m.end));
                let surface = &t[m.start..m.end];
                let actor = g.actor(m.actor);
                let keys: Vec<String> = std::iter::once(&actor.label).chain(actor.aliases.iter().map(|a| &a.text)).map(|a| normalize(a)).collect();
                prop_assert!(keys.contains(&normalize(surface)), "{surface:?} is not an alias of {}", actor.id);
            }
        }
    }

    #[test]
    fn tagger_equals_brute_force_reference(aliases in prop::collection::vec(alias(), 1..6), t in text()) {
        // Case-insensitive aliases only: the reference works on normalised text alone.
        let aliases: Vec<String> = aliases.into_iter().map(|a| a.to_lowercase()).collect();
        if let Some(g) = gazetteer(&aliases) {
            let tagger = Tagger::new(&g).unwrap();
            let got: Vec<(String, String)> = tagger
                .tag(&t)
                .iter()
                .map(|m| (normalize(&t[m.start..m.end]), g.actor(m.actor).id.clone()))
                .collect();
            prop_assert_eq!(got, reference(&g, &t));
        }
    }

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
