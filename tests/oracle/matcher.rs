//! An independent matcher for the tagger: its own normalisation (case, dashes, apostrophes,
//! white space, é in NFC and NFD), its own rule for word characters and its own case rule, all
//! written from `docs/matching.md` and `docs/gazetteer.md` for a small alphabet, sharing no
//! code with the library. Used by `tests/tagger_oracle.rs`, `tests/fuzz_oracles.rs` and the
//! `tag` fuzz target (which includes this file by path).
#![allow(dead_code)]

use actorgraph::gazetteer::{Gazetteer, Source};
use actorgraph::tagger::Tagger;

/// Words and separators aliases are made of (aliases use canonical spellings).
/// "Ab" and "Bé" are capitalized, "AB", "A", "US" and "B1" acronyms ("A" and "US" also
/// English words).
pub const WORDS: &[&str] = &[
    "a", "b", "ab", "ba", "é", "AB", "A", "B1", "abé", "Ab", "Bé", "US",
];
pub const SEPS: &[&str] = &[" ", "-", "'"];
/// Filler between aliases: boundaries, glue, near misses, apostrophes that join or end a word,
/// and all-caps words (for acronyms that are also English words in all-caps copy).
pub const FILLER: &[&str] = &[
    " ", "  ", "\n", "\u{a0}", ".", ", ", "-", "–", "'", "’", "(", ")", "x", "a", "b", "é",
    "e\u{301}", "1", "_", "/", "\u{301}", "ab", "A", "Ab", "'s ", "’S ", "'t", "x'", "O’", "THE ",
    "LET ", " SAID", "\nTHE ", "the ", "‐",
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

/// The case rule an alias gets by default (docs/gazetteer.md, "Case rule").
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Case {
    /// Acronyms: the surface, normalised without case folding, must equal the alias.
    Sensitive,
    /// One word with a capital first and a lower-case letter: the text must capitalise it.
    Capitalized,
    Insensitive,
}

/// Acronyms (capitals and digits, one to five letters) match case-sensitively; a single word
/// (no white space) that starts with a capital and has a lower-case letter is capitalized.
pub fn case_rule(alias: &str) -> Case {
    let letters = alias.chars().filter(|c| c.is_alphabetic()).count();
    let caps_or_digits = alias
        .chars()
        .all(|c| c.is_ascii_uppercase() || c == 'É' || c.is_ascii_digit());
    let one_word = !alias.chars().any(|c| c == ' ');
    let first_capital = alias.chars().next().is_some_and(|c| c.is_uppercase());
    if (1..=5).contains(&letters) && caps_or_digits {
        Case::Sensitive
    } else if one_word && first_capital && alias.chars().any(|c| c.is_lowercase()) {
        Case::Capitalized
    } else {
        Case::Insensitive
    }
}

pub fn sensitive(alias: &str) -> bool {
    case_rule(alias) == Case::Sensitive
}

/// Acronyms that are also English words, as far as this alphabet can spell them (the full list
/// is the library's data; these are the ones the generators reach).
const CAPS_WORDS: &[&str] = &["A", "US"];

/// The letters next to `text[s..e]` on its line: the nearest run before and after.
fn neighbours(text: &str, s: usize, e: usize) -> (Option<String>, Option<String>) {
    let line_break = |c: &char| matches!(c, '\n' | '\r');
    let before: Vec<char> = text[..s]
        .chars()
        .rev()
        .take_while(|c| !line_break(c))
        .collect();
    let prev: String = before
        .iter()
        .skip_while(|c| !c.is_alphabetic())
        .take_while(|c| c.is_alphabetic())
        .collect::<Vec<_>>()
        .into_iter()
        .rev()
        .collect();
    let after: Vec<char> = text[e..].chars().take_while(|c| !line_break(c)).collect();
    let next: String = after
        .iter()
        .skip_while(|c| !c.is_alphabetic())
        .take_while(|c| c.is_alphabetic())
        .collect();
    let some = |w: String| (!w.is_empty()).then_some(w);
    (some(prev), some(next))
}

/// A case-sensitive alias that is also an English word, in all-caps copy: the neighbouring
/// words on the line (at least one) are all capitals, and it is neither after "THE" nor
/// followed by a hyphen. Written from docs/matching.md, "Capitalised names and all-caps copy".
fn english_word_in_caps_copy(text: &str, s: usize, e: usize) -> bool {
    if text[e..].starts_with(['-', '\u{2010}', '\u{2011}']) {
        return false;
    }
    let (prev, next) = neighbours(text, s, e);
    if prev.is_none() && next.is_none() || prev.as_deref() == Some("THE") {
        return false;
    }
    let caps = |w: &Option<String>| {
        w.as_ref()
            .is_none_or(|w| w.chars().any(char::is_uppercase) && !w.chars().any(char::is_lowercase))
    };
    caps(&prev) && caps(&next)
}

/// Every whole-word occurrence of `alias` that passes its case rule: original byte spans.
fn occurrences(alias: &str, text: &str) -> Vec<(usize, usize)> {
    let hay = normalise(text, false);
    let hay_case = chars(&normalise(text, true));
    let h = chars(&hay);
    let key = chars(&normalise(alias, false));
    let key_case = chars(&normalise(alias, true));
    let rule = case_rule(alias);
    let mut out = Vec::new();
    for start in 0..h.len() {
        let end = start + key.len();
        if end > h.len() || h[start..end] != key[..] {
            continue;
        }
        // Left: not after a word character, nor after an apostrophe that follows one
        // ("O'Brien").
        if word(key[0]) && start > 0 {
            let joined = h[start - 1] == '\'' && start > 1 && word(h[start - 2]);
            if word(h[start - 1]) || joined {
                continue;
            }
        }
        // Right: not before a word character, nor before an apostrophe and a word character
        // ("isn't"), except the possessive 's ("Sudani's").
        if word(key[key.len() - 1]) && end < h.len() {
            let after = |i: usize| h.get(end + i).copied();
            let blocked = if word(h[end]) {
                true
            } else if h[end] == '\'' && after(1).is_some_and(word) {
                after(1) != Some('s') || after(2).is_some_and(word)
            } else {
                false
            };
            if blocked {
                continue;
            }
        }
        let (s, e) = (hay[start].1, hay[end - 1].2);
        let ok = match rule {
            Case::Insensitive => true,
            Case::Capitalized => text[s..e]
                .chars()
                .find(|c| c.is_alphabetic())
                .is_none_or(|c| !c.is_lowercase()),
            Case::Sensitive => {
                hay_case[start..end] == key_case[..]
                    && !(CAPS_WORDS.contains(&alias) && english_word_in_caps_copy(text, s, e))
            }
        };
        if ok {
            out.push((s, e));
        }
    }
    out
}

/// An exclusion: its owner (an alias index) or `None` for a global one, and its phrase.
pub type Exclusion = (Option<usize>, String);

/// Every whole-word occurrence of every alias, minus those inside an exclusion that applies to
/// them, then leftmost-longest, non-overlapping.
pub fn reference(aliases: &[String], text: &str) -> Vec<(usize, usize, usize)> {
    reference_excluding(aliases, &[], text)
}

pub fn reference_excluding(
    aliases: &[String],
    exclusions: &[Exclusion],
    text: &str,
) -> Vec<(usize, usize, usize)> {
    let key = |a: &str| chars(&normalise(a, false));
    let mut hiding = Vec::new();
    for (owner, phrase) in exclusions {
        // A global exclusion equal to a name is ignored: the name wins.
        if owner.is_none() && aliases.iter().any(|a| key(a) == key(phrase)) {
            continue;
        }
        for (s, e) in occurrences(phrase, text) {
            hiding.push((s, e, *owner));
        }
    }
    let mut cands = Vec::new();
    for (actor, alias) in aliases.iter().enumerate() {
        for (s, e) in occurrences(alias, text) {
            let hidden = hiding
                .iter()
                .any(|&(xs, xe, o)| xs <= s && e <= xe && o.is_none_or(|o| o == actor));
            if !hidden {
                cands.push((s, e, actor));
            }
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
/// space, é decomposed or capitalised, other capitals (insensitive aliases), all capitals
/// (a quarter of the time, unless sensitive), and now and then a lower-case first letter on a
/// capitalized alias (which then must not match).
pub fn variant(alias: &str, mut seed: u64) -> String {
    let mut next = |n: u64| {
        seed = seed
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        (seed >> 33) % n
    };
    let rule = case_rule(alias);
    let upper = rule != Case::Sensitive && next(4) == 0;
    let mut out = String::new();
    for (i, c) in alias.chars().enumerate() {
        let options: &[&str] = match c {
            '-' => &["-", "–", "—", " - ", " – "],
            '\'' => &["'", "’"],
            ' ' => &[" ", "\u{a0}", "\n", "  "],
            'é' if upper => &["É"],
            'é' if rule == Case::Insensitive => &["é", "e\u{301}", "É"],
            'é' => &["é", "e\u{301}"],
            _ => &[],
        };
        let flip = match rule {
            Case::Sensitive => false,
            Case::Capitalized if i == 0 => next(8) == 0,
            Case::Capitalized => next(2) == 0,
            Case::Insensitive => next(2) == 0,
        };
        if !options.is_empty() {
            out.push_str(options[next(options.len() as u64) as usize]);
        } else if upper {
            out.push(c.to_ascii_uppercase());
        } else if flip && c.is_ascii_alphabetic() {
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
    gazetteer_excluding(aliases, &[])
}

pub fn gazetteer_excluding(aliases: &[String], exclusions: &[Exclusion]) -> Gazetteer {
    let actors: Vec<serde_json::Value> = aliases
        .iter()
        .enumerate()
        .map(|(i, a)| {
            let own: Vec<&String> = exclusions
                .iter()
                .filter(|(o, _)| *o == Some(i))
                .map(|(_, p)| p)
                .collect();
            serde_json::json!({"id": format!("a{i}"), "label": a, "type": "t", "exclude": own})
        })
        .collect();
    let global: Vec<&String> = exclusions
        .iter()
        .filter(|(o, _)| o.is_none())
        .map(|(_, p)| p)
        .collect();
    let json = serde_json::json!({ "actors": actors, "exclude": global }).to_string();
    let src = Source {
        name: "p.json",
        bytes: json.as_bytes(),
    };
    Gazetteer::from_sources(&[src])
        .unwrap_or_else(|e| panic!("{aliases:?} {exclusions:?}: {e}"))
        .0
}

pub fn library(aliases: &[String], text: &str) -> Vec<(usize, usize, usize)> {
    library_excluding(aliases, &[], text)
}

pub fn library_excluding(
    aliases: &[String],
    exclusions: &[Exclusion],
    text: &str,
) -> Vec<(usize, usize, usize)> {
    let g = gazetteer_excluding(aliases, exclusions);
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

/// Exclusions for `aliases`: each phrase is an alias with a word glued before or after (so it
/// covers a name), owned by that alias's actor or global. The phrase may equal another
/// alias; phrases equal to the owner's own name, or to another exclusion, are left out.
pub fn exclusions(aliases: &[String], picks: &[(u8, u8, u8)]) -> Vec<Exclusion> {
    let key = |a: &str| chars(&normalise(a, false));
    let mut out: Vec<Exclusion> = Vec::new();
    for &(which, word_at, how) in picks {
        let i = usize::from(which) % aliases.len();
        let w = WORDS[usize::from(word_at) % WORDS.len()];
        let phrase = if how % 2 == 0 {
            format!("{w} {}", aliases[i])
        } else {
            format!("{} {w}", aliases[i])
        };
        let owner = (how % 4 < 2).then_some(i);
        // An actor may not exclude its own name (a load error); another actor's name, or
        // a global exclusion equal to a name (ignored: the name wins), are fair cases.
        let clash = owner.is_some_and(|o| key(&aliases[o]) == key(&phrase))
            || out.iter().any(|(_, p)| key(p) == key(&phrase));
        if !clash {
            out.push((owner, phrase));
        }
    }
    out
}

/// Aliases and a text decoded from any bytes, within the matcher's alphabet: the first byte
/// gives the number of aliases, each alias is two words and a separator, the next byte the
/// number of exclusions (0-2, three bytes each, see [`exclusions`]), then every byte is
/// either an alias spelt some other way or a filler piece. For fuzzing.
pub fn decode(data: &[u8]) -> (Vec<String>, Vec<Exclusion>, String) {
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
    let picks: Vec<(u8, u8, u8)> = (0..next().unwrap_or(0) % 3)
        .map(|_| {
            (
                next().unwrap_or(0),
                next().unwrap_or(0),
                next().unwrap_or(0),
            )
        })
        .collect();
    let excl = exclusions(&aliases, &picks);
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
    (aliases, excl, text)
}

/// The library's mentions equal the independent matcher's, and slice the text.
pub fn check(aliases: &[String], text: &str) {
    check_excluding(aliases, &[], text);
}

pub fn check_excluding(aliases: &[String], exclusions: &[Exclusion], text: &str) {
    let want = reference_excluding(aliases, exclusions, text);
    let got = library_excluding(aliases, exclusions, text);
    assert_eq!(
        got, want,
        "aliases {aliases:?}, exclusions {exclusions:?}, text {text:?}"
    );
    for (s, e, _) in got {
        assert!(text.is_char_boundary(s) && text.is_char_boundary(e) && s < e);
    }
}
