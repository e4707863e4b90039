//! The tagger: one Aho-Corasick automaton over every normalised name.
//!
//! Matching runs on the normalised text (see [`crate::normalize`]). The automaton reports
//! *overlapping* candidates; each is checked in its context (`context`: whole words,
//! capitalisation, all-caps copy) and, for case-sensitive aliases, for the exact
//! capitalisation. Exclusions ("Latin America") then hide the candidates inside them; only
//! then are leftmost-longest, non-overlapping mentions chosen, and role mentions resolved to
//! the holder on the document's date (a title before a person's name adds no mention; a
//! former or future holder stays unresolved: `docs/roles.md`). Filtering before choosing
//! means a long candidate that fails a check never hides a shorter valid one
//! ("Reutersal-Sudani" still yields "Sudani").
//! The decisions and their alternatives are written down in `docs/matching.md`.

mod context;
mod fill;

pub(crate) use context::is_caps_word;

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, AhoCorasickKind, MatchKind};
use chrono::NaiveDate;

/// Up to this many patterns the automaton is a DFA: fastest to search, and small enough
/// (a few MB). Above it, the crate's own choice (a contiguous NFA) keeps memory in check.
const DFA_MAX_PATTERNS: usize = 20_000;

use crate::error::{Error, Result};
use crate::gazetteer::{ActorIdx, CaseRule, Gazetteer, Pattern, RoleIdx, Target};
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
    /// When the text named a role ("the Iraqi prime minister"): the role, resolved to `actor`,
    /// its holder on the document's date.
    pub role: Option<RoleIdx>,
}

/// A role mention with no holder: the document has no date, or nobody held the role that
/// day. It is reported and counted, never linked.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct RoleMention {
    /// Byte offset of the first byte, in the original text.
    pub start: usize,
    /// Byte offset one past the last byte, in the original text.
    pub end: usize,
    /// The role.
    pub role: RoleIdx,
}

/// A compiled gazetteer.
#[derive(Debug, Clone)]
pub struct Tagger {
    automaton: AhoCorasick,
    patterns: Vec<Pattern>,
    /// Per pattern: must the first / last character of the match sit on a word boundary?
    /// Only where the alias itself starts / ends with a word character ("U.S." ends with ".").
    bounds: Vec<(bool, bool)>,
    /// Role holders, copied so the tagger resolves roles on its own.
    roles: Vec<crate::gazetteer::Role>,
    /// Per actor: a person (type `person`), whose name a role can be the title of.
    persons: Vec<bool>,
}

/// Reusable buffers for [`Tagger::tag_with`], one per thread.
#[derive(Debug, Default)]
pub struct Scratch {
    normalized: Normalized,
    candidates: Vec<Candidate>,
    exclusions: Vec<Candidate>,
    chosen: Vec<Candidate>,
}

#[derive(Debug, Clone, Copy)]
struct Candidate {
    start: usize,
    end: usize,
    target: Target,
}

impl Tagger {
    /// Compiles the gazetteer's names into one automaton.
    pub fn new(gazetteer: &Gazetteer) -> Result<Tagger> {
        let patterns = gazetteer.patterns.clone();
        let kind = (patterns.len() <= DFA_MAX_PATTERNS).then_some(AhoCorasickKind::DFA);
        let fillers = fill::fillers(patterns.iter().map(|p| p.key.as_bytes()));
        let automaton = AhoCorasickBuilder::new()
            .match_kind(MatchKind::Standard)
            .kind(kind)
            .build(
                patterns
                    .iter()
                    .map(|p| p.key.as_bytes())
                    .chain(fillers.iter().map(Vec::as_slice)),
            )
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
            roles: gazetteer.roles().to_vec(),
            persons: gazetteer
                .actors()
                .iter()
                .map(|a| a.kind == "person")
                .collect(),
        })
    }

    /// Heap memory used by the automaton, in bytes.
    pub fn memory_usage(&self) -> usize {
        self.automaton.memory_usage()
    }

    /// Tags undated `text`; mentions are sorted by start offset and do not overlap. Role
    /// mentions cannot be resolved without a date and are left out: see [`Tagger::tag_dated`].
    pub fn tag(&self, text: &str) -> Vec<Mention> {
        let mut scratch = Scratch::default();
        let mut out = Vec::new();
        self.tag_with(text, &mut scratch, &mut out);
        out
    }

    /// Tags undated `text` into `out` (cleared first), reusing `scratch`.
    pub fn tag_with(&self, text: &str, scratch: &mut Scratch, out: &mut Vec<Mention>) {
        let mut unresolved = Vec::new();
        self.tag_dated(text, None, scratch, out, &mut unresolved);
    }

    /// Tags `text`, dated `date`, into `out` (cleared first); role mentions resolve to the
    /// holder on `date`, and those without one go to `unresolved` (cleared first).
    pub fn tag_dated(
        &self,
        text: &str,
        date: Option<NaiveDate>,
        scratch: &mut Scratch,
        out: &mut Vec<Mention>,
        unresolved: &mut Vec<RoleMention>,
    ) {
        out.clear();
        unresolved.clear();
        let Scratch {
            normalized,
            candidates,
            exclusions,
            chosen,
        } = scratch;
        normalize_into(text, true, normalized);
        let hay = normalized.as_str();
        candidates.clear();
        exclusions.clear();
        for m in self.automaton.find_overlapping_iter(hay) {
            let pi = m.pattern().as_usize();
            let Some(&(need_left, need_right)) = self.bounds.get(pi) else {
                continue; // a filler (see `fill`), not a name
            };
            if need_left && !context::left_boundary(hay, m.start()) {
                continue;
            }
            if need_right && !context::right_boundary(hay, m.end()) {
                continue;
            }
            let pattern = &self.patterns[pi];
            let (start, end) = normalized.original_span(text, m.start(), m.end());
            let surface = &text[start..end];
            let mut kept_case: Option<String> = None;
            for rule in &pattern.rules {
                let ok = match rule.case {
                    CaseRule::Insensitive => true,
                    CaseRule::Capitalized => context::capitalized(surface),
                    CaseRule::Sensitive => {
                        let exact = rule.exact.as_deref().unwrap_or_default();
                        let s = kept_case.get_or_insert_with(|| normalize_keep_case(surface));
                        s == exact
                            && !(context::is_caps_word(exact)
                                && context::caps_word_in_caps_copy(text, start, end))
                    }
                };
                if ok {
                    let c = Candidate {
                        start,
                        end,
                        target: rule.target,
                    };
                    match rule.target {
                        Target::Exclude(_) => exclusions.push(c),
                        _ => candidates.push(c),
                    }
                    break;
                }
            }
        }
        if !exclusions.is_empty() {
            candidates.retain(|c| !exclusions.iter().any(|x| hides(x, c)));
        }
        choose_leftmost_longest(candidates, chosen);
        for (i, c) in chosen.iter().enumerate() {
            match c.target {
                Target::Actor(actor) => out.push(Mention {
                    start: c.start,
                    end: c.end,
                    actor,
                    role: None,
                }),
                Target::Role(_) if self.titles_next(text, c, chosen.get(i + 1)) => {
                    // "US President Joe Biden": the name says who; the title adds no mention.
                }
                Target::Role(role) => {
                    // "the former Iraqi prime minister", "US President Barack Obama" (a name
                    // the gazetteer does not know): not the holder, nobody to resolve.
                    let someone_else = not_the_holder(text, c.start)
                        || titles_unknown_name(text, c, chosen.get(i + 1));
                    let holder = date
                        .filter(|_| !someone_else)
                        .and_then(|d| self.roles[role as usize].holder_on(d));
                    match holder {
                        Some(actor) => out.push(Mention {
                            start: c.start,
                            end: c.end,
                            actor,
                            role: Some(role),
                        }),
                        None => unresolved.push(RoleMention {
                            start: c.start,
                            end: c.end,
                            role,
                        }),
                    }
                }
                Target::Exclude(_) => {}
            }
        }
    }
}

impl Tagger {
    /// Whether role candidate `c` is the title of the person named right after it ("Iraqi
    /// Prime Minister Mohammed Shia al-Sudani", "US President Joe Biden"): only spaces, on one
    /// line, between them. Not after a comma: "the spokesman for the Iraqi prime minister,
    /// Yehia Rasool," names the spokesman.
    fn titles_next(&self, text: &str, c: &Candidate, next: Option<&Candidate>) -> bool {
        let Some(&Candidate {
            start,
            target: Target::Actor(a),
            ..
        }) = next
        else {
            return false;
        };
        let gap = &text[c.end..start];
        self.persons[a as usize] && !gap.is_empty() && gap.chars().all(|ch| ch == ' ')
    }
}

/// Words before a role that say it is not the holder on the document's date: a former or a
/// future one ("the former Iraqi prime minister", "ex-US President", "then-U.S. President",
/// "the incoming U.S. president"), another office ("deputy head of the PMF"), or nobody in
/// particular ("no U.S. president has been removed").
const NOT_THE_HOLDER: &[&str] = &[
    "any",
    "deputy",
    "each",
    "erstwhile",
    "every",
    "ex",
    "former",
    "future",
    "incoming",
    "late",
    "next",
    "no",
    "one-time",
    "onetime",
    "past",
    "previous",
    "then",
    "vice",
    "would-be",
];

/// Words before "for" that make the role the office sought, not its holder ("his campaign
/// for President of the United States", "the nominee for US President").
const OFFICE_SOUGHT: &[&str] = &[
    "bid",
    "campaign",
    "candidacy",
    "candidate",
    "nominee",
    "nomination",
    "race",
    "ran",
    "run",
    "running",
    "runs",
];

/// Whether the words before `start` say the role is not its holder that day: one of
/// [`NOT_THE_HOLDER`] (across spaces, or a hyphen: "ex-", "then-"), or "for" after one of
/// [`OFFICE_SOUGHT`].
fn not_the_holder(text: &str, start: usize) -> bool {
    let (word, rest) = word_before(&text[..start]);
    let is = |list: &[&str], w: &str| list.iter().any(|x| x.eq_ignore_ascii_case(w));
    is(NOT_THE_HOLDER, word)
        || (word.eq_ignore_ascii_case("for") && is(OFFICE_SOUGHT, word_before(rest).0))
}

/// The word that ends `before` (across trailing spaces, or one hyphen), and what precedes it.
fn word_before(before: &str) -> (&str, &str) {
    let before = match before.strip_suffix('-') {
        Some(b) => b,
        None => before.trim_end(),
    };
    let start = before
        .char_indices()
        .rev()
        .take_while(|&(_, ch)| ch.is_alphabetic() || ch == '-')
        .last()
        .map_or(before.len(), |(i, _)| i);
    (&before[start..], &before[..start])
}

/// Whether role candidate `c` is the title of a name the gazetteer does not know ("US
/// President Barack Obama", "statue of US President Andrew Jackson"): a capitalised word one
/// space after it (not after a comma, as in [`Tagger::titles_next`]) that no candidate starts
/// at, on a line that is not in title case (where every word is capitalised: "US President
/// Vows To Stay", "Iraqi PM Meets with Biden").
fn titles_unknown_name(text: &str, c: &Candidate, next: Option<&Candidate>) -> bool {
    const DAYS: &[&str] = &[
        "Monday",
        "Tuesday",
        "Wednesday",
        "Thursday",
        "Friday",
        "Saturday",
        "Sunday",
    ];
    let after = &text[c.end..];
    let Some(rest) = after.strip_prefix(' ') else {
        return false;
    };
    let at = text.len() - rest.len();
    let word = rest
        .split(|ch: char| !ch.is_alphabetic())
        .next()
        .unwrap_or_default();
    let capitalised = word.chars().next().is_some_and(char::is_uppercase);
    if !capitalised || DAYS.contains(&word) || next.is_some_and(|n| n.start == at) {
        return false;
    }
    // Title case capitalises every word but the short function words; prose has some other
    // word in lower case.
    const SHORT: &[&str] = &[
        "amid", "down", "from", "into", "like", "near", "onto", "over", "past", "than", "that",
        "upon", "with",
    ];
    // The role's line (from its line feed: white space, as the line feed after it).
    let line_start = text[..c.start].rfind('\n').unwrap_or(0);
    let line_end = text[c.end..].find('\n').map_or(text.len(), |p| c.end + p);
    text[line_start..line_end].split_whitespace().any(|w| {
        let w = w.trim_matches(|ch: char| !ch.is_alphabetic());
        w.chars().count() >= 4
            && w.chars().next().is_some_and(char::is_lowercase)
            && !SHORT.contains(&w)
    })
}

/// Does exclusion `x` hide candidate `c`? When it covers it and blocks its actor (a per-actor
/// exclusion) or everything (a global one).
fn hides(x: &Candidate, c: &Candidate) -> bool {
    let covers = x.start <= c.start && c.end <= x.end;
    covers
        && match x.target {
            Target::Exclude(None) => true,
            Target::Exclude(Some(a)) => c.target == Target::Actor(a),
            _ => false,
        }
}

fn rank(t: Target) -> (u8, u32) {
    match t {
        Target::Actor(a) => (0, a),
        Target::Role(r) => (1, r),
        Target::Exclude(_) => (2, 0),
    }
}

/// Sorts candidates by (start, longest first) and keeps the non-overlapping ones greedily.
fn choose_leftmost_longest(candidates: &mut [Candidate], out: &mut Vec<Candidate>) {
    out.clear();
    candidates.sort_unstable_by(|a, b| {
        a.start
            .cmp(&b.start)
            .then(b.end.cmp(&a.end))
            .then(rank(a.target).cmp(&rank(b.target)))
    });
    let mut covered = 0;
    for c in candidates.iter() {
        if c.start >= covered {
            out.push(*c);
            covered = c.end;
        }
    }
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
            "francais Français",
            &[("Français", "francais")],
        ),
        (
            "fran not in français",
            "Fran and Français",
            &[("Fran", "fran"), ("Français", "francais")],
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

    #[test]
    fn fillers_of_a_prefix_chain_never_tag() {
        // w1..w999: dense enough that the prefix `w` becomes a filler pattern (see `fill`).
        let mut json = String::from(r#"{"actors": ["#);
        for i in 1..1000 {
            if i > 1 {
                json.push(',');
            }
            json.push_str(&format!(
                r#"{{"id": "w{i}", "label": "w{i}", "type": "thing"}}"#
            ));
        }
        json.push_str("]}");
        let (g, _) = Gazetteer::from_sources(&[Source {
            name: "chain.json",
            bytes: json.as_bytes(),
        }])
        .unwrap();
        assert!(!fill::fillers(g.patterns.iter().map(|p| p.key.as_bytes())).is_empty());
        let t = Tagger::new(&g).unwrap();
        let text = "w w1 w12 w999 w1000 W7 xw3";
        let got: Vec<(&str, &str)> = t
            .tag(text)
            .iter()
            .map(|m| (&text[m.start..m.end], g.actor(m.actor).id.as_str()))
            .collect();
        assert_eq!(
            got,
            [("w1", "w1"), ("w12", "w12"), ("w999", "w999"), ("W7", "w7")]
        );
    }
}
