//! One sentence as tokens: each tagged mention is a single token, words carry the lexicon's
//! word id, and punctuation is classified. The rules ([`super::rules`]) only read tokens.

use crate::normalize::is_word_char;

use super::lexicon::{fold_word, Lexicon, Word, NONE};

/// Grammar words the rules test by name; interned in every lexicon.
pub(crate) const GRAMMAR: &[&str] = &[
    "by", "and", "or", "between", "among", "that", "which", "who", "whose", "whom", "'s", "'",
    "of", "for", "the", "a", "an", "both", "with", "from", "it", "they", "he", "she", "as", "is",
    "was", "are", "were", "been", "has", "had", "have", "served", "its", "their", "his", "her",
    "became", "becomes", "remains", "remained", "to", "in", "at", "on", "into", "against", "near",
];

/// Punctuation classes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Punct {
    Comma,
    /// `;` `:` `!` `?` — clause ends.
    Stop,
    Period,
    Open,
    Close,
    /// A hyphen glued to the words around it ("Iran-backed").
    Hyphen,
    /// A dash (en/em, or a spaced hyphen): like a comma.
    Dash,
    Quote,
    Other,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Kind {
    /// Index into the sentence's mentions.
    Mention(u32),
    Word(Word),
    Punct(Punct),
}

/// One token: a byte span of the document and what it is.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Tok {
    pub start: usize,
    pub end: usize,
    pub kind: Kind,
    /// The word starts with a capital letter (titles: "Gen.", "Major").
    pub cap: bool,
    /// The word starts with a digit ("46", "4th").
    pub digit: bool,
    /// The word ends in "-ed" or "-ing": likely a verb ("led", "trailed", "leading").
    pub verbish: bool,
}

impl Tok {
    pub fn word(&self) -> Word {
        match self.kind {
            Kind::Word(w) => w,
            _ => NONE,
        }
    }
    pub fn mention(&self) -> Option<usize> {
        match self.kind {
            Kind::Mention(i) => Some(i as usize),
            _ => None,
        }
    }
    pub fn punct(&self) -> Option<Punct> {
        match self.kind {
            Kind::Punct(p) => Some(p),
            _ => None,
        }
    }
}

/// Byte spans of the words of a lexicon phrase ("'s" is a word of its own).
pub(crate) fn word_spans(s: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut it = s.char_indices().peekable();
    while let Some((i, c)) = it.next() {
        if is_word_char(c) {
            let mut end = i + c.len_utf8();
            while let Some(&(j, d)) = it.peek() {
                if is_word_char(d) || (is_apostrophe(d) && next_is_word(s, j + d.len_utf8())) {
                    end = j + d.len_utf8();
                    it.next();
                } else {
                    break;
                }
            }
            out.push((i, end));
        } else if !c.is_whitespace() {
            let mut end = i + c.len_utf8();
            if is_apostrophe(c) {
                while let Some(&(j, d)) = it.peek() {
                    if is_word_char(d) {
                        end = j + d.len_utf8();
                        it.next();
                    } else {
                        break;
                    }
                }
            }
            out.push((i, end));
        }
    }
    out
}

fn is_apostrophe(c: char) -> bool {
    matches!(c, '\'' | '\u{2019}' | '`')
}

fn next_is_word(s: &str, at: usize) -> bool {
    s[at..].chars().next().is_some_and(is_word_char)
}

/// Tokenizes `text[start..end]`; `mentions` are the sentence's mentions, sorted.
#[allow(clippy::too_many_arguments)]
pub(crate) fn tokenize(
    text: &str,
    start: usize,
    end: usize,
    mentions: &[(usize, usize)],
    lex: &Lexicon,
    buf: &mut String,
    known: &mut Vec<(usize, usize, Word)>,
    out: &mut Vec<Tok>,
) {
    out.clear();
    // The known ASCII words of the sentence, in one automaton pass.
    known.clear();
    if let Some(ac) = &lex.automaton {
        for m in ac.find_iter(&text[start..end]) {
            let id = lex.pattern_word[m.pattern().as_usize()];
            known.push((start + m.start(), start + m.end(), id));
        }
    }
    let mut ki = 0;
    let mut at = start;
    let mut mi = 0;
    let bytes = text.as_bytes();
    while at < end {
        if mi < mentions.len() && mentions[mi].0 <= at {
            let (ms, me) = mentions[mi];
            out.push(Tok {
                start: ms,
                end: me,
                kind: Kind::Mention(mi as u32),
                cap: true,
                digit: false,
                verbish: false,
            });
            at = me.max(at);
            mi += 1;
            continue;
        }
        let limit = mentions.get(mi).map_or(end, |m| m.0.min(end));
        if bytes[at] == b' ' {
            at += 1;
            continue;
        }
        let c = match text[at..].chars().next() {
            Some(c) => c,
            None => break,
        };
        let len = c.len_utf8();
        if c.is_whitespace() {
            at += len;
            continue;
        }
        if is_word_char(c) {
            let mut e = at + len;
            // ASCII letters and digits first: most words never leave this loop.
            while e < limit && bytes[e].is_ascii_alphanumeric() {
                e += 1;
            }
            while e < limit {
                let d = text[e..].chars().next().unwrap_or(' ');
                if is_word_char(d)
                    || (is_apostrophe(d)
                        && e + d.len_utf8() < limit
                        && next_is_word(text, e + d.len_utf8()))
                        && !possessive_at(text, e, limit)
                {
                    e += d.len_utf8();
                } else {
                    break;
                }
            }
            let word = &text[at..e];
            let id = if word.is_ascii() && lex.automaton.is_some() {
                while ki < known.len() && known[ki].0 < at {
                    ki += 1;
                }
                match known.get(ki) {
                    Some(&(s, e2, id)) if s == at && e2 == e => id,
                    _ => NONE,
                }
            } else {
                fold_word(word, buf);
                lex.word(buf)
            };
            let b = word.as_bytes();
            let verbish = b.len() >= 3
                && (b[b.len() - 2..].eq_ignore_ascii_case(b"ed")
                    || b.len() >= 4 && b[b.len() - 3..].eq_ignore_ascii_case(b"ing"));
            out.push(Tok {
                start: at,
                end: e,
                kind: Kind::Word(id),
                cap: c.is_uppercase(),
                digit: c.is_numeric(),
                verbish,
            });
            at = e;
            continue;
        }
        if is_apostrophe(c) && possessive_at(text, at, limit) {
            // "'s" after a word or a mention.
            let e = at + len + 1;
            out.push(Tok {
                start: at,
                end: e,
                kind: Kind::Word(lex.g.poss),
                cap: false,
                digit: false,
                verbish: false,
            });
            at = e;
            continue;
        }
        let p = match c {
            ',' => Punct::Comma,
            ';' | ':' | '!' | '?' => Punct::Stop,
            '.' | '…' => Punct::Period,
            '(' | '[' => Punct::Open,
            ')' | ']' => Punct::Close,
            '-' | '\u{2010}' | '\u{2011}' => {
                let glued = at > start
                    && !bytes[at - 1].is_ascii_whitespace()
                    && at + len < end
                    && !bytes[at + len].is_ascii_whitespace();
                if glued {
                    Punct::Hyphen
                } else {
                    Punct::Dash
                }
            }
            '–' | '—' => Punct::Dash,
            '"' | '\'' | '“' | '”' | '‘' | '’' | '«' | '»' | '`' => Punct::Quote,
            _ => Punct::Other,
        };
        out.push(Tok {
            start: at,
            end: at + len,
            kind: Kind::Punct(p),
            cap: false,
            digit: false,
            verbish: false,
        });
        at += len;
    }
}

/// An apostrophe at `at` followed by "s" and a non-word character: a possessive.
fn possessive_at(text: &str, at: usize, limit: usize) -> bool {
    let mut it = text[at..].chars();
    match (it.next(), it.next(), it.next()) {
        (Some(a), Some('s' | 'S'), next) if is_apostrophe(a) => {
            at + a.len_utf8() < limit && next.is_none_or(|n| !is_word_char(n))
        }
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_table() {
        let lex = Lexicon::embedded();
        // (text, mention spans, expected token texts)
        let cases: &[(&str, &[(usize, usize)], &[&str])] = &[
            (
                "Iran-backed groups",
                &[(0, 4)],
                &["Iran", "-", "backed", "groups"],
            ),
            (
                "Iraq's prime minister",
                &[(0, 4)],
                &["Iraq", "'s", "prime", "minister"],
            ),
            ("Iraq’s army", &[(0, 4)], &["Iraq", "’s", "army"]),
            (
                "did not, didn't meet",
                &[],
                &["did", "not", ",", "didn't", "meet"],
            ),
            (
                "Maj. Gen. JB Vowell",
                &[(10, 19)],
                &["Maj", ".", "Gen", ".", "JB Vowell"],
            ),
            ("a - b", &[], &["a", "-", "b"]),
        ];
        let mut buf = String::new();
        let mut known = Vec::new();
        let mut out = Vec::new();
        for (text, ms, expected) in cases {
            tokenize(
                text,
                0,
                text.len(),
                ms,
                &lex,
                &mut buf,
                &mut known,
                &mut out,
            );
            let got: Vec<&str> = out.iter().map(|t| &text[t.start..t.end]).collect();
            assert_eq!(&got, expected, "{text}");
        }
        let text = "a - b-c";
        tokenize(
            text,
            0,
            text.len(),
            &[],
            &lex,
            &mut buf,
            &mut known,
            &mut out,
        );
        assert_eq!(out[1].punct(), Some(Punct::Dash));
        assert_eq!(out[3].punct(), Some(Punct::Hyphen));
        // Known words get their ids in any case, by the automaton or by hashing.
        let text = "MET Met met Erdoğan’s didn’t";
        tokenize(
            text,
            0,
            text.len(),
            &[],
            &lex,
            &mut buf,
            &mut known,
            &mut out,
        );
        let ids: Vec<Word> = out.iter().map(|t| t.word()).collect();
        assert_eq!(&ids[..3], &[lex.word("met"); 3]);
        assert_ne!(ids[0], NONE);
        assert_eq!(ids[ids.len() - 1], lex.word("didn't"));
        assert_ne!(ids[ids.len() - 1], NONE);
    }
}
