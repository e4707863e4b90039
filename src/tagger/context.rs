//! The checks a candidate match must pass in its context: whole words (with the apostrophe
//! rule), capitalisation, and the all-caps rule for acronyms that are also English words.
//! The rules and their examples are in `docs/matching.md`.

use crate::normalize::is_word_char;

/// Acronyms that are also common English words. In all-caps copy ("LET US RECALL") such an
/// alias matches only when it cannot be the word: after "THE" or glued to a hyphen ("US-LED").
/// Data, not logic: add a word here with a case in `tests/matching.rs`.
const CAPS_WORDS: &[&str] = &[
    "A", "AM", "AN", "AND", "ANY", "ARE", "AS", "AT", "BE", "BUT", "BY", "CAN", "DO", "FOR", "GO",
    "HAS", "HE", "HER", "HIS", "IF", "IN", "IS", "IT", "ITS", "ME", "MAY", "MY", "NO", "NOT",
    "NOW", "OF", "ON", "ONE", "OR", "OUR", "OUT", "SHE", "SO", "THE", "TO", "UP", "US", "WAS",
    "WE", "WHO", "WILL", "YOU",
];

/// Is `exact` (a case-sensitive alias, normalised with case kept) also an English word?
pub(crate) fn is_caps_word(exact: &str) -> bool {
    CAPS_WORDS.contains(&exact)
}

/// May a match start at normalised offset `at`? Not inside a word, and not after an
/// apostrophe that joins two letters ("O'Brien", "d'Estaing", "isn't").
pub(super) fn left_boundary(hay: &str, at: usize) -> bool {
    let mut before = hay[..at].chars().rev();
    match before.next() {
        None => true,
        Some('\'') => !before.next().is_some_and(is_word_char),
        Some(c) => !is_word_char(c),
    }
}

/// May a match end at normalised offset `at`? Not inside a word; an apostrophe followed by a
/// letter joins the word ("isn't"), except the possessive "'s" ("Sudani's"), which ends it.
pub(super) fn right_boundary(hay: &str, at: usize) -> bool {
    let mut after = hay[at..].chars();
    match after.next() {
        None => true,
        Some('\'') => match after.next() {
            Some('s') => !after.next().is_some_and(is_word_char),
            Some(c) => !is_word_char(c),
            None => true,
        },
        Some(c) => !is_word_char(c),
    }
}

/// Does the original surface start with a capital (or a character without case)?
pub(super) fn capitalized(surface: &str) -> bool {
    surface
        .chars()
        .find(|c| c.is_alphabetic())
        .is_none_or(|c| !c.is_lowercase())
}

/// Is the match `text[start..end]` an all-caps word of all-caps copy that may be the English
/// word rather than the acronym? True when every neighbouring word on the same line (the one
/// before and the one after, at least one present) has letters and no lower-case letter, and
/// the match is neither after "THE" nor glued to a hyphen.
pub(super) fn caps_word_in_caps_copy(text: &str, start: usize, end: usize) -> bool {
    if text[end..].starts_with(['-', '\u{2010}', '\u{2011}']) {
        return false;
    }
    let prev = word_before(text, start);
    let next = word_after(text, end);
    if prev.is_none() && next.is_none() {
        return false;
    }
    if prev.is_some_and(|w| w == "THE") {
        return false;
    }
    let caps = |w: Option<&str>| {
        w.is_none_or(|w| w.chars().any(char::is_uppercase) && !w.chars().any(char::is_lowercase))
    };
    caps(prev) && caps(next)
}

fn is_line_break(c: char) -> bool {
    matches!(c, '\n' | '\r' | '\u{2028}' | '\u{2029}')
}

/// The nearest run of letters before `at` on the same line.
fn word_before(text: &str, at: usize) -> Option<&str> {
    let head = &text[..at];
    let mut end = None;
    for (i, c) in head.char_indices().rev() {
        if is_line_break(c) {
            break;
        }
        if c.is_alphabetic() {
            end = Some(i + c.len_utf8());
            break;
        }
    }
    let end = end?;
    let start = head[..end]
        .char_indices()
        .rev()
        .take_while(|(_, c)| c.is_alphabetic())
        .last()
        .map_or(end, |(i, _)| i);
    Some(&head[start..end])
}

/// The nearest run of letters after `at` on the same line.
fn word_after(text: &str, at: usize) -> Option<&str> {
    let tail = &text[at..];
    let (start, _) = tail
        .char_indices()
        .take_while(|(_, c)| !is_line_break(*c))
        .find(|(_, c)| c.is_alphabetic())?;
    let len = tail[start..]
        .char_indices()
        .find(|(_, c)| !c.is_alphabetic())
        .map_or(tail.len() - start, |(i, _)| i);
    Some(&tail[start..start + len])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn neighbour_words() {
        let t = "LET US RECALL\nnext";
        assert_eq!(word_before(t, 4), Some("LET"));
        assert_eq!(word_after(t, 6), Some("RECALL"));
        assert_eq!(word_after(t, 13), None, "stops at the line break");
        assert_eq!(word_before("x\n US", 3), None);
    }

    #[test]
    fn caps_copy_table() {
        // (text, match start, match end, is the English word in caps copy?)
        let cases = [
            ("LET US RECALL", 4, 6, true),
            ("GIVES US OUR ORDERS", 6, 8, true),
            ("THE US SAID", 4, 6, false),
            ("US-LED FORCES", 0, 2, false),
            ("the US said", 4, 6, false),
            ("PMF, US and Iran", 5, 7, false),
            ("US", 0, 2, false),
        ];
        for (text, s, e, expected) in cases {
            assert_eq!(caps_word_in_caps_copy(text, s, e), expected, "{text}");
        }
    }
}
