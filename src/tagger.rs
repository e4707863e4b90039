//! The tagger: one Aho-Corasick automaton over every normalised alias.
//!
//! Matching runs on the normalised text (see [`crate::normalize`]). The automaton reports
//! *overlapping* candidates; each is checked for whole-word boundaries and, for case-sensitive
//! aliases, for the exact capitalisation; only then are leftmost-longest, non-overlapping
//! mentions chosen. Filtering before choosing means a long candidate that fails the boundary
//! check never hides a shorter valid one ("Reutersal-Sudani" still yields "Sudani").
//! The decision and its alternatives are written down in `docs/matching.md`.

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, AhoCorasickKind, MatchKind};

/// Up to this many patterns the automaton is a DFA: fastest to search, and small enough
/// (a few MB). Above it, the crate's own choice (a contiguous NFA) keeps memory in check.
const DFA_MAX_PATTERNS: usize = 20_000;

use crate::error::{Error, Result};
use crate::gazetteer::{ActorIdx, Gazetteer, Pattern};
use crate::normalize::{is_word_char, normalize_into, normalize_keep_case, Normalized};

/// One tagged mention: a byte span of the original text and the actor it names.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Mention {
    /// Byte offset of the first byte, in the original text.
    pub start: usize,
    /// Byte offset one past the last byte, in the original text.
    pub end: usize,
    /// The actor.
    pub actor: ActorIdx,
}

/// A compiled gazetteer.
#[derive(Debug, Clone)]
pub struct Tagger {
    automaton: AhoCorasick,
    patterns: Vec<Pattern>,
    /// Per pattern: must the first / last character of the match sit on a word boundary?
    /// Only where the alias itself starts / ends with a word character ("U.S." ends with ".").
    bounds: Vec<(bool, bool)>,
}

/// Reusable buffers for [`Tagger::tag_with`], one per thread.
#[derive(Debug, Default)]
pub struct Scratch {
    normalized: Normalized,
    candidates: Vec<Candidate>,
}

#[derive(Debug, Clone, Copy)]
struct Candidate {
    start: usize,
    end: usize,
    actor: ActorIdx,
}

impl Tagger {
    /// Compiles the gazetteer's aliases into one automaton.
    pub fn new(gazetteer: &Gazetteer) -> Result<Tagger> {
        let patterns = gazetteer.patterns.clone();
        let kind = (patterns.len() <= DFA_MAX_PATTERNS).then_some(AhoCorasickKind::DFA);
        let automaton = AhoCorasickBuilder::new()
            .match_kind(MatchKind::Standard)
            .kind(kind)
            .build(patterns.iter().map(|p| p.key.as_bytes()))
            .map_err(|e| Error::Usage(format!("cannot compile the gazetteer: {e}")))?;
        let bounds = patterns
            .iter()
            .map(|p| {
                let first = p.key.chars().next().is_some_and(is_word_char);
                let last = p.key.chars().next_back().is_some_and(is_word_char);
                (first, last)
            })
            .collect();
        Ok(Tagger {
            automaton,
            patterns,
            bounds,
        })
    }

    /// Heap memory used by the automaton, in bytes.
    pub fn memory_usage(&self) -> usize {
        self.automaton.memory_usage()
    }

    /// Tags `text`; mentions are sorted by start offset and do not overlap.
    pub fn tag(&self, text: &str) -> Vec<Mention> {
        let mut scratch = Scratch::default();
        let mut out = Vec::new();
        self.tag_with(text, &mut scratch, &mut out);
        out
    }

    /// Tags `text` into `out` (cleared first), reusing `scratch`.
    pub fn tag_with(&self, text: &str, scratch: &mut Scratch, out: &mut Vec<Mention>) {
        out.clear();
        let Scratch {
            normalized,
            candidates,
        } = scratch;
        normalize_into(text, true, normalized);
        let hay = normalized.as_str();
        candidates.clear();
        for m in self.automaton.find_overlapping_iter(hay) {
            let pi = m.pattern().as_usize();
            let (need_left, need_right) = self.bounds[pi];
            if need_left && !left_boundary(hay, m.start()) {
                continue;
            }
            if need_right && !right_boundary(hay, m.end()) {
                continue;
            }
            let pattern = &self.patterns[pi];
            let (start, end) = normalized.original_span(text, m.start(), m.end());
            let mut surface: Option<String> = None;
            for rule in &pattern.rules {
                let ok = match &rule.exact {
                    None => true,
                    Some(exact) => {
                        let s =
                            surface.get_or_insert_with(|| normalize_keep_case(&text[start..end]));
                        s == exact
                    }
                };
                if ok {
                    candidates.push(Candidate {
                        start,
                        end,
                        actor: rule.actor,
                    });
                    break;
                }
            }
        }
        choose_leftmost_longest(candidates, out);
    }
}

/// Sorts candidates by (start, longest first) and keeps the non-overlapping ones greedily.
fn choose_leftmost_longest(candidates: &mut [Candidate], out: &mut Vec<Mention>) {
    candidates.sort_unstable_by(|a, b| {
        a.start
            .cmp(&b.start)
            .then(b.end.cmp(&a.end))
            .then(a.actor.cmp(&b.actor))
    });
    let mut covered = 0;
    for c in candidates.iter() {
        if c.start >= covered {
            out.push(Mention {
                start: c.start,
                end: c.end,
                actor: c.actor,
            });
            covered = c.end;
        }
    }
}

fn left_boundary(hay: &str, at: usize) -> bool {
    hay[..at]
        .chars()
        .next_back()
        .is_none_or(|c| !is_word_char(c))
}

fn right_boundary(hay: &str, at: usize) -> bool {
    hay[at..].chars().next().is_none_or(|c| !is_word_char(c))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::gazetteer::Source;

    const GAZ: &str = r#"{"actors": [
      {"id": "sudani", "label": "Mohammed Shia al-Sudani", "type": "person",
       "aliases": ["Al-Sudani", "Sudani", "Mohammed S. Al-Sudani"]},
      {"id": "kh", "label": "Kataib Hezbollah", "type": "armed_group"},
      {"id": "hezbollah", "label": "Hezbollah", "type": "armed_group"},
      {"id": "cjtf", "label": "Combined Joint Task Force - Operation Inherent Resolve", "type": "coalition",
       "aliases": ["Operation Inherent Resolve", "CJTF-OIR"]},
      {"id": "us", "label": "United States", "type": "state", "aliases": ["US", "U.S."]},
      {"id": "iran", "label": "Iran", "type": "state"},
      {"id": "israel", "label": "Israel", "type": "state"},
      {"id": "hamas", "label": "Hamas", "type": "armed_group"},
      {"id": "fran", "label": "Fran", "type": "person"},
      {"id": "francais", "label": "Français", "type": "media"},
      {"id": "pmf", "label": "Popular Mobilization Forces", "type": "armed_group", "aliases": ["PMF"]},
      {"id": "pm", "label": "Prime Minister", "type": "role", "aliases": [{"text": "pm", "case": "sensitive"}]},
      {"id": "istanbul", "label": "Istanbul", "type": "place"}
    ]}"#;

    fn tagger() -> (Gazetteer, Tagger) {
        let (g, _) = Gazetteer::from_sources(&[Source {
            name: "t.json",
            bytes: GAZ.as_bytes(),
        }])
        .unwrap();
        let t = Tagger::new(&g).unwrap();
        (g, t)
    }

    /// Expected mentions: (surface, actor id), in order.
    type Expected = &'static [(&'static str, &'static str)];

    /// (name, text, expected mentions)
    const CASES: &[(&str, &str, Expected)] = &[
        ("plain", "Sudani spoke.", &[("Sudani", "sudani")]),
        (
            "longest wins",
            "Mohammed Shia al-Sudani spoke",
            &[("Mohammed Shia al-Sudani", "sudani")],
        ),
        (
            "case insensitive",
            "AL-SUDANI spoke",
            &[("AL-SUDANI", "sudani")],
        ),
        (
            "en dash in name",
            "Al–Sudani spoke",
            &[("Al–Sudani", "sudani")],
        ),
        (
            "em dash, glued",
            "Combined Joint Task Force—Operation Inherent Resolve",
            &[(
                "Combined Joint Task Force—Operation Inherent Resolve",
                "cjtf",
            )],
        ),
        (
            "spaced hyphen",
            "Combined Joint Task Force - Operation Inherent Resolve said",
            &[(
                "Combined Joint Task Force - Operation Inherent Resolve",
                "cjtf",
            )],
        ),
        (
            "lower case",
            "operation inherent resolve",
            &[("operation inherent resolve", "cjtf")],
        ),
        (
            "line break inside name",
            "Combined Joint Task\nForce – Operation Inherent Resolve",
            &[(
                "Combined Joint Task\nForce – Operation Inherent Resolve",
                "cjtf",
            )],
        ),
        (
            "nbsp inside name",
            "Kataib\u{a0}Hezbollah",
            &[("Kataib\u{a0}Hezbollah", "kh")],
        ),
        (
            "glued prefix keeps shorter valid match",
            "Reutersal-Sudani said",
            &[("Sudani", "sudani")],
        ),
        ("iran-backed", "Iran-backed groups", &[("Iran", "iran")]),
        (
            "israel-hamas",
            "the Israel-Hamas war",
            &[("Israel", "israel"), ("Hamas", "hamas")],
        ),
        ("us-led", "the US-led coalition", &[("US", "us")]),
        (
            "slash boundary",
            "Iran/Israel",
            &[("Iran", "iran"), ("Israel", "israel")],
        ),
        (
            "possessive",
            "Iran's and Iran’s",
            &[("Iran", "iran"), ("Iran", "iran")],
        ),
        ("acronym case sensitive", "let us know", &[]),
        ("acronym matches capitals", "the US said", &[("US", "us")]),
        ("dotted acronym", "the U.S.-led mission", &[("U.S.", "us")]),
        (
            "explicit sensitive lower",
            "at 5 pm the PM left",
            &[("pm", "pm")],
        ),
        (
            "kataib hides hezbollah",
            "Kataib Hezbollah fighters",
            &[("Kataib Hezbollah", "kh")],
        ),
        (
            "hezbollah alone",
            "Hezbollah fighters",
            &[("Hezbollah", "hezbollah")],
        ),
        ("no prefix match", "Sudanese officials", &[]),
        (
            "no match inside word",
            "francais français",
            &[("français", "francais")],
        ),
        (
            "fran not in français",
            "Fran and français",
            &[("Fran", "fran"), ("français", "francais")],
        ),
        (
            "nfd text",
            "Franc\u{327}ais",
            &[("Franc\u{327}ais", "francais")],
        ),
        (
            "nfd text lower",
            "FRANC\u{327}AIS",
            &[("FRANC\u{327}AIS", "francais")],
        ),
        (
            "digits are word chars",
            "PMF2 and 2PMF and PMF",
            &[("PMF", "pmf")],
        ),
        (
            "initials inside alias",
            "Mohammed S. Al-Sudani said",
            &[("Mohammed S. Al-Sudani", "sudani")],
        ),
        (
            "dotted I before",
            "İstanbul, Sudani",
            &[("Sudani", "sudani")],
        ),
        ("accent after blocks", "Sudaniè", &[]),
        ("mark after blocks", "Sudani\u{301}", &[]),
        (
            "underscore is a boundary",
            "_Sudani_",
            &[("Sudani", "sudani")],
        ),
        (
            "adjacent mentions",
            "Iran,Israel",
            &[("Iran", "iran"), ("Israel", "israel")],
        ),
    ];

    #[test]
    fn matching_table() {
        let (g, t) = tagger();
        for (name, text, expected) in CASES {
            let got: Vec<(&str, &str)> = t
                .tag(text)
                .iter()
                .map(|m| (&text[m.start..m.end], g.actor(m.actor).id.as_str()))
                .collect();
            assert_eq!(&got, expected, "case {name}: {text:?}");
        }
    }

    #[test]
    fn mentions_are_sorted_and_disjoint() {
        let (_, t) = tagger();
        let text = "Sudani Sudani, Al-Sudani and Kataib Hezbollah met Hezbollah.";
        let ms = t.tag(text);
        assert_eq!(ms.len(), 5);
        for w in ms.windows(2) {
            assert!(w[0].end <= w[1].start);
        }
    }
}
