//! An independent matcher for the tagger: its own normalisation (case, dashes, apostrophes,
//! white space, é in NFC and NFD), its own rule for word characters and its own case rule, all
//! written from `docs/matching.md` and `docs/gazetteer.md` for a small alphabet, sharing no
//! code with the library. Used by `tests/tagger_oracle.rs`, `tests/fuzz_oracles.rs` and the
//! `tag` fuzz target (which includes this file by path).
#![allow(dead_code)]

use actorgraph::gazetteer::{Gazetteer, Source};
use actorgraph::tagger::Tagger;

/// Words and separators aliases are made of (aliases use canonical spellings).
pub const WORDS: &[&str] = &["a", "b", "ab", "ba", "é", "AB", "A", "B1", "abé"];
pub const SEPS: &[&str] = &[" ", "-", "'"];
/// Filler between aliases: boundaries, glue and near misses.
pub const FILLER: &[&str] = &[
    " ", "  ", "\n", "\u{a0}", ".", ", ", "-", "–", "'", "’", "(", ")", "x", "a", "b", "é",
    "e\u{301}", "1", "_", "/", "\u{301}", "ab", "A", "Ab",
];

/// The normalised form of one character, written from docs/matching.md for this alphabet.
fn fold(c: char, keep_case: bool) -> String {
    match c {
        '–' | '—' | '‐' => "-".into(),
        '’' | '‘' => "'".into(),
        ' ' | '\n' | '\t' | '\u{a0}' => " ".into(),
        'é' => "e\u{301}".into(),
        'É' if keep_case => "E\u{301}".into(),
        'É' => "e\u{301}".into(),
        c if !keep_case && c.is_ascii_uppercase() => c.to_ascii_lowercase().to_string(),
        c => c.to_string(),
    }
}

/// Word characters: letters, digits and combining marks (here only U+0301).
fn word(c: char) -> bool {
    c.is_ascii_alphanumeric() || matches!(c, 'é' | 'É' | '\u{301}')
}

/// Normalised characters of `text`, each with the byte range of the character it came from:
/// white-space runs become one space, and a space next to a dash disappears.
pub fn normalise(text: &str, keep_case: bool) -> Vec<(char, usize, usize)> {
    let mut out: Vec<(char, usize, usize)> = Vec::new();
    for (i, c) in text.char_indices() {
        for f in fold(c, keep_case).chars() {
            let (s, e) = (i, i + c.len_utf8());
            if f == ' ' && matches!(out.last(), Some((' ', ..))) {
                out.last_mut().unwrap().2 = e;
            } else if f == ' ' && matches!(out.last(), Some(('-', ..))) {
                // dropped
            } else if f == '-' && matches!(out.last(), Some((' ', ..))) {
                out.pop();
                out.push((f, s, e));
            } else {
                out.push((f, s, e));
            }
        }
    }
    out
}

pub fn chars(n: &[(char, usize, usize)]) -> Vec<char> {
    n.iter().map(|x| x.0).collect()
}

/// Acronyms (capitals and digits, one to five letters) match case-sensitively.
pub fn sensitive(alias: &str) -> bool {
    let letters = alias.chars().filter(|c| c.is_ascii_alphabetic()).count();
    (1..=5).contains(&letters)
        && alias
            .chars()
            .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit())
}

/// Every whole-word occurrence of every alias, then leftmost-longest, non-overlapping.
pub fn reference(aliases: &[String], text: &str) -> Vec<(usize, usize, usize)> {
    let hay = normalise(text, false);
    let hay_case = normalise(text, true);
    let h = chars(&hay);
    let mut cands = Vec::new();
    for (actor, alias) in aliases.iter().enumerate() {
        let key = chars(&normalise(alias, false));
        let key_case = chars(&normalise(alias, true));
        for start in 0..h.len() {
            let end = start + key.len();
            if end > h.len() || h[start..end] != key[..] {
                continue;
            }
            if word(key[0]) && start > 0 && word(h[start - 1]) {
                continue;
            }
            if word(key[key.len() - 1]) && end < h.len() && word(h[end]) {
                continue;
            }
            let (s, e) = (hay[start].1, hay[end - 1].2);
            if sensitive(alias) {
                // The surface, normalised without case folding, must equal the alias.
                let surface = &chars(&hay_case)[start..end];
                if surface != key_case {
                    continue;
                }
            }
            cands.push((s, e, actor));
        }
    }
    cands.sort_by(|a, b| a.0.cmp(&b.0).then(b.1.cmp(&a.1)));
    let mut out = Vec::new();
    let mut covered = 0;
    for c in cands {
        if c.0 >= covered {
            out.push(c);
            covered = c.1;
        }
    }
    out
}

/// A spelling of `alias` that normalises to the same thing: other dashes, apostrophes, white
/// space, é decomposed or capitalised, other capitals (insensitive aliases only).
pub fn variant(alias: &str, mut seed: u64) -> String {
    let mut next = |n: u64| {
        seed = seed
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        (seed >> 33) % n
    };
    let free_case = !sensitive(alias);
    let mut out = String::new();
    for c in alias.chars() {
        let options: &[&str] = match c {
            '-' => &["-", "–", "—", " - ", " – "],
            '\'' => &["'", "’"],
            ' ' => &[" ", "\u{a0}", "\n", "  "],
            'é' if free_case => &["é", "e\u{301}", "É"],
            'é' => &["é", "e\u{301}"],
            _ => &[],
        };
        if !options.is_empty() {
            out.push_str(options[next(options.len() as u64) as usize]);
        } else if free_case && c.is_ascii_alphabetic() && next(2) == 0 {
            out.push(if c.is_ascii_lowercase() {
                c.to_ascii_uppercase()
            } else {
                c.to_ascii_lowercase()
            });
        } else {
            out.push(c);
        }
    }
    out
}

pub fn gazetteer(aliases: &[String]) -> Gazetteer {
    let actors: Vec<serde_json::Value> = aliases
        .iter()
        .enumerate()
        .map(|(i, a)| serde_json::json!({"id": format!("a{i}"), "label": a, "type": "t"}))
        .collect();
    let json = serde_json::json!({ "actors": actors }).to_string();
    let src = Source {
        name: "p.json",
        bytes: json.as_bytes(),
    };
    Gazetteer::from_sources(&[src])
        .unwrap_or_else(|e| panic!("{aliases:?}: {e}"))
        .0
}

pub fn library(aliases: &[String], text: &str) -> Vec<(usize, usize, usize)> {
    let g = gazetteer(aliases);
    let tagger = Tagger::new(&g).unwrap();
    tagger
        .tag(text)
        .iter()
        .map(|m| {
            let id = &g.actor(m.actor).id;
            (m.start, m.end, id[1..].parse().unwrap())
        })
        .collect()
}

/// Aliases and a text decoded from any bytes, within the matcher's alphabet: the first byte
/// gives the number of aliases, each alias is two words and a separator, then every byte is
/// either an alias spelt some other way or a filler piece. For fuzzing.
pub fn decode(data: &[u8]) -> (Vec<String>, String) {
    let mut it = data.iter().copied();
    let mut next = || it.next();
    let n = 1 + usize::from(next().unwrap_or(0)) % 4;
    let mut aliases: Vec<String> = Vec::new();
    for _ in 0..n {
        let (w1, sep, w2) = (
            next().unwrap_or(0),
            next().unwrap_or(0),
            next().unwrap_or(0),
        );
        let mut a = WORDS[usize::from(w1) % WORDS.len()].to_owned();
        if sep % 2 == 1 {
            a.push_str(SEPS[usize::from(sep / 2) % SEPS.len()]);
            a.push_str(WORDS[usize::from(w2) % WORDS.len()]);
        }
        let key = chars(&normalise(&a, false));
        if !aliases.iter().any(|b| chars(&normalise(b, false)) == key) {
            aliases.push(a);
        }
    }
    let mut text = String::new();
    while let Some(b) = next() {
        if b < 96 {
            let seed = u64::from(next().unwrap_or(0));
            text.push_str(&variant(&aliases[usize::from(b) % aliases.len()], seed));
            if b % 4 != 0 {
                text.push(' ');
            }
        } else {
            text.push_str(FILLER[usize::from(b) % FILLER.len()]);
        }
    }
    (aliases, text)
}

/// The library's mentions equal the independent matcher's, and slice the text.
pub fn check(aliases: &[String], text: &str) {
    let want = reference(aliases, text);
    let got = library(aliases, text);
    assert_eq!(got, want, "aliases {aliases:?}, text {text:?}");
    for (s, e, _) in got {
        assert!(text.is_char_boundary(s) && text.is_char_boundary(e) && s < e);
    }
}
