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
pub(crate) fn tokenize(
    text: &str,
    start: usize,
    end: usize,
    mentions: &[(usize, usize)],
    lex: &Lexicon,
    buf: &mut String,
    out: &mut Vec<Tok>,
) {
    out.clear();
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
            fold_word(&text[at..e], buf);
            out.push(Tok {
                start: at,
                end: e,
                kind: Kind::Word(lex.word(buf)),
                cap: c.is_uppercase(),
                digit: c.is_numeric(),
                verbish: buf.ends_with("ed") || buf.ends_with("ing"),
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
                kind: Kind::Word(lex.word("'s")),
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
        type Case = (
            &'static str,
            &'static [(usize, usize)],
            &'static [&'static str],
        );
        let cases: &[Case] = &[
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
        let mut out = Vec::new();
        for (text, ms, expected) in cases {
            tokenize(text, 0, text.len(), ms, &lex, &mut buf, &mut out);
            let got: Vec<&str> = out.iter().map(|t| &text[t.start..t.end]).collect();
            assert_eq!(&got, expected, "{text}");
        }
        let text = "a - b-c";
        tokenize(text, 0, text.len(), &[], &lex, &mut buf, &mut out);
        assert_eq!(out[1].punct(), Some(Punct::Dash));
        assert_eq!(out[3].punct(), Some(Punct::Hyphen));
    }
}
