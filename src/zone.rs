//! Zones: which sentences are the article (`body`), its `headline`, or page furniture
//! (`boilerplate`) that should be tagged but never linked.
//!
//! Boilerplate is found two ways (decisions in `docs/zones.md`):
//! - **cues**, kept as data in `gazetteer/boilerplate.json`: "Read more:", "You might also
//!   like" and the teaser list after it, "Copyright ©", share/follow lines, photo credits,
//!   embedded-post signatures; each entry carries the lines it must and must not match;
//! - **lines repeated verbatim across many documents** of the corpus (site furniture), counted
//!   in a fixed-size [`LineCounts`] sketch during a first pass.
//!
//! Headlines are a record's title (placed at the start of the text by the reader) or the first
//! line of a plain-text document when it has no terminal punctuation.

use std::sync::OnceLock;

use serde::{Deserialize, Serialize};

use crate::dedup::Duplicates;
use crate::error::{Error, Result};
use crate::sentence::Sentence;

/// The part of a document a sentence belongs to.
#[derive(
    Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize,
)]
#[serde(rename_all = "lowercase")]
pub enum Zone {
    /// The title, or a first line without terminal punctuation.
    Headline,
    /// The article itself.
    #[default]
    Body,
    /// Page furniture: tagged, never linked (unless asked).
    Boilerplate,
}

impl Zone {
    /// The name used in every output.
    pub fn as_str(self) -> &'static str {
        match self {
            Zone::Headline => "headline",
            Zone::Body => "body",
            Zone::Boilerplate => "boilerplate",
        }
    }
}

/// What to do with headlines in the graph (`--headlines`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Headlines {
    /// A headline is a unit of its own and links what it names.
    #[default]
    Link,
    /// Headlines are left out of the graph.
    Skip,
}

/// Which zones are linked in the graph.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Linking {
    /// Link boilerplate too (`--keep-boilerplate`).
    pub keep_boilerplate: bool,
    /// Headline policy.
    pub headlines: Headlines,
}

impl Linking {
    /// Whether mentions in `zone` are linked.
    pub fn links(&self, zone: Zone) -> bool {
        match zone {
            Zone::Body => true,
            Zone::Headline => self.headlines == Headlines::Link,
            Zone::Boilerplate => self.keep_boilerplate,
        }
    }
}

/// The embedded cue list.
pub const BOILERPLATE_JSON: &str = include_str!("../gazetteer/boilerplate.json");

/// Lines longer than this (in bytes) are running text: never a cue.
const MAX_CUE_LINE: usize = 300;

/// One cue entry of `boilerplate.json`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Cue {
    /// Name of the entry.
    pub id: String,
    /// Lower-case line prefixes, followed by a word boundary.
    #[serde(default)]
    pub starts: Vec<String>,
    /// Lower-case whole lines (trailing punctuation ignored).
    #[serde(default)]
    pub lines: Vec<String>,
    /// Lower-case substrings.
    #[serde(default)]
    pub contains: Vec<String>,
    /// A built-in check: `post-signature`.
    #[serde(default)]
    pub check: Option<String>,
    /// Longest matching line, in words.
    #[serde(default)]
    pub max_words: Option<usize>,
    /// Also marks the teaser list that follows.
    #[serde(default)]
    pub block: bool,
    /// Lines the entry must match.
    #[serde(default)]
    pub examples: Vec<String>,
    /// Lines the entry must not match.
    #[serde(default)]
    pub counterexamples: Vec<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct CueFile {
    #[allow(dead_code)]
    about: Option<String>,
    cues: Vec<Cue>,
}

/// The compiled cue list.
#[derive(Debug, Clone)]
pub struct Cues {
    /// Entries in file order.
    pub cues: Vec<Cue>,
}

impl Cues {
    /// Parses a cue file.
    pub fn from_json(name: &str, json: &str) -> Result<Cues> {
        let file: CueFile = serde_json::from_str(json).map_err(|e| Error::Input {
            location: format!("{name}:{}:{}", e.line(), e.column()),
            message: format!("bad boilerplate cue file: {e}"),
        })?;
        for c in &file.cues {
            if let Some(check) = c.check.as_deref().filter(|c| *c != "post-signature") {
                return Err(Error::Input {
                    location: name.to_owned(),
                    message: format!(
                        "cue \"{}\": unknown check \"{check}\" (known: post-signature)",
                        c.id
                    ),
                });
            }
        }
        Ok(Cues { cues: file.cues })
    }

    /// The embedded `gazetteer/boilerplate.json`, parsed once.
    pub fn embedded() -> &'static Cues {
        static CUES: OnceLock<Cues> = OnceLock::new();
        CUES.get_or_init(|| {
            Cues::from_json("gazetteer/boilerplate.json", BOILERPLATE_JSON)
                .expect("the embedded cue file is valid (tested)")
        })
    }

    /// The first entry matching `line`, if any.
    pub fn matching(&self, line: &str) -> Option<&Cue> {
        let raw = line.trim();
        if raw.is_empty() || raw.len() > MAX_CUE_LINE {
            return None;
        }
        let lower = strip_list_marker(raw).to_lowercase();
        let words = lower.split_whitespace().count();
        let bare = lower.trim_end_matches(|c: char| !c.is_alphanumeric());
        self.cues.iter().find(|c| {
            if c.max_words.is_some_and(|m| words > m) {
                return false;
            }
            c.lines.iter().any(|l| l == bare)
                || c.starts.iter().any(|p| starts_word(&lower, p))
                || c.contains.iter().any(|s| lower.contains(s.as_str()))
                || (c.check.as_deref() == Some("post-signature") && post_signature(raw))
        })
    }
}

fn strip_list_marker(line: &str) -> &str {
    let t = line.trim_start_matches(['-', '•', '*', '·', '▪', '►', '>', '–']);
    if t.len() != line.len() && t.starts_with(' ') {
        t.trim_start()
    } else {
        line
    }
}

/// `line` starts with `prefix` and the prefix ends at a word boundary.
fn starts_word(line: &str, prefix: &str) -> bool {
    line.starts_with(prefix)
        && (!prefix.ends_with(|c: char| c.is_alphanumeric())
            || !line[prefix.len()..].starts_with(|c: char| c.is_alphanumeric()))
}

/// "— Name (@handle) January 27, 2024": the signature under an embedded social-media post.
fn post_signature(line: &str) -> bool {
    let Some(rest) = line.strip_prefix(['—', '–', '-']) else {
        return false;
    };
    let Some(at) = rest.find("(@") else {
        return false;
    };
    let Some(close) = rest[at..].find(')') else {
        return false;
    };
    is_month_day_year(rest[at + close + 1..].trim())
}

/// "January 27, 2024", "Jan 27, 2024", "Jan. 27, 2024".
fn is_month_day_year(s: &str) -> bool {
    const MONTHS: [&str; 12] = [
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
    ];
    let mut parts = s.split_whitespace();
    let (Some(m), Some(d), Some(y), None) =
        (parts.next(), parts.next(), parts.next(), parts.next())
    else {
        return false;
    };
    let m = m.trim_end_matches('.').to_lowercase();
    let month = m.len() >= 3 && MONTHS.iter().any(|full| full.starts_with(m.as_str()));
    let d = d.trim_end_matches(',');
    month
        && !d.is_empty()
        && d.len() <= 2
        && d.bytes().all(|b| b.is_ascii_digit())
        && y.len() == 4
        && y.bytes().all(|b| b.is_ascii_digit())
}

/// A line ends with a terminator, possibly inside closing quotes or brackets.
fn ends_terminal(line: &str) -> bool {
    let t = line
        .trim_end()
        .trim_end_matches(['"', '\'', '”', '’', '»', ')', ']']);
    t.ends_with(['.', '!', '?', '…', '。', '！', '？'])
}

fn is_list_item(line: &str) -> bool {
    strip_list_marker(line.trim()).len() != line.trim().len()
}

/// Counts, for each line text, in how many documents it occurs: a count-min sketch (4 × 2^bits
/// saturating 16-bit counters), so memory is fixed whatever the corpus size. A count is
/// never under the truth and over it only by collisions (docs/zones.md). Sketches of the same
/// size merge by adding.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LineCounts {
    bits: u8,
    counters: Vec<u16>,
}

const ROWS: usize = 4;

impl Default for LineCounts {
    /// 2^20 counters per row: 8 MB; collisions stay rare up to millions of distinct lines.
    fn default() -> LineCounts {
        LineCounts::new(20)
    }
}

impl LineCounts {
    /// An empty sketch with `2^bits` counters per row.
    pub fn new(bits: u8) -> LineCounts {
        let bits = bits.clamp(4, 28);
        LineCounts {
            bits,
            counters: vec![0; ROWS << bits],
        }
    }

    /// The line's 4 counters, all in one 64-byte block (32 counters), so that a look-up costs
    /// one cache miss, not four (a "blocked" count-min sketch); one counter per quarter-block.
    fn slots(&self, h: u64) -> [usize; ROWS] {
        slots(self.bits, h)
    }

    /// Counts each distinct line of `text` once.
    pub fn add_document(&mut self, text: &str, scratch: &mut Vec<u64>) {
        scratch.clear();
        scratch.extend(split_lines(text).filter_map(line_hash));
        scratch.sort_unstable();
        scratch.dedup();
        for &h in scratch.iter() {
            for s in self.slots(h) {
                self.counters[s] = self.counters[s].saturating_add(1);
            }
        }
    }

    /// The keys of the distinct non-blank lines of `text`, sorted, into `out`: what the
    /// document adds to a sketch, 4 bytes per line. A key keeps the 29 bits of the line's hash
    /// that choose its counters in a sketch of at most 2^20 counters per row (the default), so
    /// a first pass can keep a document's lines until it knows whether the document counts.
    pub fn line_keys(text: &str, out: &mut Vec<u32>) {
        out.clear();
        out.extend(
            split_lines(text)
                .filter_map(line_hash)
                .map(|h| (h & 0x1_ffff) as u32 | (((h >> 32) & 0xfff) as u32) << 17),
        );
        out.sort_unstable();
        out.dedup();
    }

    /// Counts a document given by its [`line_keys`](LineCounts::line_keys) (this sketch has
    /// at most 2^20 counters per row).
    pub fn add_keys(&mut self, keys: &[u32]) {
        debug_assert!(
            self.bits <= 20,
            "line keys address at most 2^20 counters per row"
        );
        for &k in keys {
            let h = u64::from(k & 0x1_ffff) | u64::from(k >> 17) << 32;
            for s in self.slots(h) {
                self.counters[s] = self.counters[s].saturating_add(1);
            }
        }
    }

    /// In how many documents `line` occurs (an upper bound).
    pub fn count(&self, line: &str) -> u32 {
        line_hash(line).map_or(0, |h| self.count_hash(h))
    }

    fn count_hash(&self, h: u64) -> u32 {
        self.slots(h)
            .iter()
            .map(|&s| u32::from(self.counters[s]))
            .min()
            .unwrap_or(0)
    }

    /// Adds `other`'s counts (sketches of different sizes cannot be merged).
    pub fn merge(&mut self, other: &LineCounts) -> Result<()> {
        if other.bits != self.bits {
            return Err(Error::Usage(format!(
                "line sketches of different sizes (2^{} and 2^{}) cannot be merged",
                self.bits, other.bits
            )));
        }
        for (a, b) in self.counters.iter_mut().zip(&other.counters) {
            *a = a.saturating_add(*b);
        }
        Ok(())
    }
}

/// The 4 counters of the line hashed to `h` in a sketch of `2^bits` counters per row.
fn slots(bits: u8, h: u64) -> [usize; ROWS] {
    let blocks = (ROWS << bits) / 32;
    let base = (h as usize & (blocks - 1)) * 32;
    std::array::from_fn(|i| base + i * 8 + ((h >> (32 + 3 * i)) as usize & 7))
}

/// The lines a [`LineCounts`] counts in at least `min` documents: one bit per counter, set
/// when the counter is at `min` or more, so that a line is repeated exactly when
/// `count(line) >= min` (a count is its counters' minimum). A sixteenth of the sketch's
/// memory (512 KB by default instead of 8 MB), so the look-up the counting pass makes for
/// every line mostly hits the cache; and none at all when no line is repeated.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Repeated {
    bits: u8,
    set: Vec<u64>,
    any: bool,
}

impl Repeated {
    /// The lines of `counts` found in at least `min` documents.
    pub fn new(counts: &LineCounts, min: u32) -> Repeated {
        let mut set = vec![0u64; counts.counters.len().div_ceil(64)];
        for (i, &c) in counts.counters.iter().enumerate() {
            if u32::from(c) >= min {
                set[i / 64] |= 1 << (i % 64);
            }
        }
        let any = set.iter().any(|&w| w != 0);
        Repeated {
            bits: counts.bits,
            set,
            any,
        }
    }

    /// Whether `line` (trimmed) is in at least `min` documents.
    pub fn contains(&self, line: &str) -> bool {
        self.any
            && line_hash(line).is_some_and(|h| {
                slots(self.bits, h)
                    .iter()
                    .all(|&s| self.set[s / 64] >> (s % 64) & 1 == 1)
            })
    }
}

/// The pieces of `text` between line feeds. Trimmed, they are the lines of `str::lines`
/// (which also drops a `\r` before the line feed, and a last empty line), found with
/// `memchr`'s vectorised search: several times faster than `str::lines` on lines of a few
/// hundred bytes, and the first pass splits every document.
fn split_lines(text: &str) -> impl Iterator<Item = &str> {
    let mut start = 0;
    memchr::memchr_iter(b'\n', text.as_bytes())
        .map(Some)
        .chain([None])
        .map(move |nl| {
            let end = nl.unwrap_or(text.len());
            let line = &text[start..end];
            start = end + 1;
            line
        })
}

/// Hash of a line as counted: trimmed; blank lines are not counted.
fn line_hash(line: &str) -> Option<u64> {
    let t = line.trim();
    (!t.is_empty()).then(|| crate::dedup::fast_hash(t.as_bytes(), 0x5a0e))
}

/// What decides the zones of a document.
#[derive(Debug, Clone, Copy)]
pub struct ZoneRules<'a> {
    /// Cue list (usually [`Cues::embedded`]).
    pub cues: &'a Cues,
    /// The lines repeated in enough documents of the corpus to be furniture.
    pub repeated: Option<&'a Repeated>,
    /// Documents set aside as copies of another: none of their text is linked, so they are
    /// not analysed at all (counting skips them; a document given twice is still analysed,
    /// since its first arrival counts).
    pub copies: Option<&'a Duplicates>,
}

impl ZoneRules<'_> {
    /// Whether `id` is a copy whose analysis nobody reads.
    pub fn skips(&self, id: &str) -> bool {
        self.copies
            .is_some_and(|d| d.contains(id) && !d.is_repeat_of_itself(id))
    }
}

impl Default for ZoneRules<'_> {
    fn default() -> Self {
        ZoneRules {
            cues: Cues::embedded(),
            repeated: None,
            copies: None,
        }
    }
}

/// The zone of every sentence. `title_end` is where a record's title ends in `text` (the
/// reader puts it first); without one, a first line with no terminal punctuation that is a
/// sentence of its own is the headline.
pub fn zones(
    text: &str,
    sentences: &[Sentence],
    title_end: Option<usize>,
    rules: &ZoneRules<'_>,
) -> Vec<Zone> {
    let furniture = boilerplate_lines(text, rules);
    let headline_end = title_end.or_else(|| first_line_headline(text, sentences));
    let mut fi = 0;
    sentences
        .iter()
        .map(|s| {
            let body = &text[s.start..s.end];
            let at = s.start + (body.len() - body.trim_start().len());
            while fi < furniture.len() && furniture[fi].1 <= at {
                fi += 1;
            }
            if furniture.get(fi).is_some_and(|&(a, _)| a <= at) {
                Zone::Boilerplate
            } else if headline_end.is_some_and(|h| at < h) {
                Zone::Headline
            } else {
                Zone::Body
            }
        })
        .collect()
}

/// The end of the first line when it is a headline: no terminal punctuation, and the first
/// sentence ends with it.
fn first_line_headline(text: &str, sentences: &[Sentence]) -> Option<usize> {
    let first = sentences.first()?;
    let lead = text.len() - text.trim_start().len();
    let line_end = text[lead..].find('\n').map_or(text.len(), |p| lead + p);
    let line = &text[lead..line_end];
    let sentence = first.text(text);
    (sentence.len() == line.trim_end().len() && !ends_terminal(line) && line.len() <= 400)
        .then_some(line_end)
}

/// Byte ranges of the lines that are furniture, in order.
fn boilerplate_lines(text: &str, rules: &ZoneRules<'_>) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut in_block = false;
    let mut ls = 0;
    while ls < text.len() {
        let le = memchr::memchr(b'\n', &text.as_bytes()[ls..]).map_or(text.len(), |p| ls + p + 1);
        let line = &text[ls..le];
        ls = le;
        if line.trim().is_empty() {
            continue;
        }
        let start = le - line.len();
        let cue = rules.cues.matching(line);
        let repeated = rules.repeated.is_some_and(|r| r.contains(line));
        let teaser = in_block && (is_list_item(line) || !ends_terminal(line));
        if cue.is_some() || repeated || teaser {
            out.push((start, le));
        }
        in_block = match cue {
            Some(c) => c.block,
            None => teaser,
        };
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sentence::{split, LineBreaks};

    #[test]
    fn every_cue_matches_its_examples_and_not_its_counterexamples() {
        let cues = Cues::embedded();
        assert!(cues.cues.len() >= 7);
        for c in &cues.cues {
            assert!(!c.examples.is_empty(), "cue {} has no examples", c.id);
            assert!(
                !c.counterexamples.is_empty(),
                "cue {} has no counterexamples",
                c.id
            );
            for e in &c.examples {
                let got = cues.matching(e).map(|m| m.id.as_str());
                assert_eq!(got, Some(c.id.as_str()), "cue {} must match {e:?}", c.id);
            }
            for e in &c.counterexamples {
                let got = cues.matching(e).map(|m| m.id.as_str());
                assert_eq!(got, None, "cue {} must not match {e:?}", c.id);
            }
        }
    }

    fn zone_names(text: &str, title_end: Option<usize>, rules: &ZoneRules) -> Vec<(String, Zone)> {
        let s = split(text, &[], LineBreaks::Auto);
        let z = zones(text, &s, title_end, rules);
        s.iter().map(|s| s.text(text).to_owned()).zip(z).collect()
    }

    #[test]
    fn zone_table() {
        use Zone::*;
        // (name, text, expected zones in sentence order)
        let cases: &[(&str, &str, &[Zone])] = &[
            ("headline line", "Iraq resumes talks\nThe talks began. They ended.", &[Headline, Body, Body]),
            ("first line is a sentence", "Iraq resumed talks.\nThe talks began.", &[Body, Body]),
            ("read more", "Talks began.\nRead more: PMF chief: Iraq should be cleansed\nThey ended.", &[Body, Boilerplate, Body]),
            (
                "teaser list",
                "Talks began.\nYou might also like\n- In Germany, 2 people are killed.\n- The UN calls for diplomacy, Trump is told.",
                &[Body, Boilerplate, Boilerplate, Boilerplate],
            ),
            (
                "block ends at running text",
                "Related Articles\nIraq talks resume\n\nThe talks began on Sunday. They ended.",
                &[Boilerplate, Boilerplate, Body, Body],
            ),
            ("signature", "Talks began today.\n— PMO (@IraqiPMO) January 27, 2024\nMore came.", &[Body, Boilerplate, Body]),
            ("copyright", "Talks began.\n\nCopyright © 2025 Shafaq News", &[Body, Boilerplate]),
        ];
        let rules = ZoneRules::default();
        for (name, text, expected) in cases {
            let got: Vec<Zone> = zone_names(text, None, &rules)
                .into_iter()
                .map(|p| p.1)
                .collect();
            assert_eq!(
                &got,
                expected,
                "{name}: {:?}",
                zone_names(text, None, &rules)
            );
        }
    }

    #[test]
    fn title_end_marks_the_title_as_headline() {
        let text = "Kataib Hezbollah suspends attacks.\n\nThe group announced the pause.";
        let got: Vec<Zone> = zone_names(text, Some(34), &ZoneRules::default())
            .into_iter()
            .map(|p| p.1)
            .collect();
        assert_eq!(got, [Zone::Headline, Zone::Body]);
    }

    #[test]
    fn repeated_lines_become_boilerplate_from_the_threshold() {
        let furniture = "Shafaq News Agency - Baghdad";
        let mut counts = LineCounts::new(12);
        let mut scratch = Vec::new();
        for i in 0..5 {
            let doc = format!("Story {i} began.\n{furniture}\n{furniture}\n");
            counts.add_document(&doc, &mut scratch);
        }
        // Counted once per document, however often it repeats inside one.
        assert_eq!(counts.count(furniture), 5);
        assert_eq!(counts.count("  Shafaq News Agency - Baghdad "), 5);
        assert_eq!(counts.count("Story 1 began."), 1);
        let text = "Iraq and Iran met.\nShafaq News Agency - Baghdad\n";
        for (min, expected) in [(5, Zone::Boilerplate), (6, Zone::Body)] {
            let repeated = Repeated::new(&counts, min);
            let rules = ZoneRules {
                cues: Cues::embedded(),
                repeated: Some(&repeated),
                copies: None,
            };
            let got = zone_names(text, None, &rules);
            assert_eq!(got[1].1, expected, "min {min}");
        }
    }

    #[test]
    fn split_lines_trimmed_are_the_lines_trimmed() {
        // (text, the pieces between line feeds)
        let cases: &[(&str, &[&str])] = &[
            ("", &[""]),
            ("\n", &["", ""]),
            ("a", &["a"]),
            ("a\n", &["a", ""]),
            ("a\r\nb\r\n", &["a\r", "b\r", ""]),
            ("\n\na\n\n b \n", &["", "", "a", "", " b ", ""]),
            ("é\nü\r\n\r\n", &["é", "ü\r", "\r", ""]),
            ("x\r", &["x\r"]),
        ];
        for (text, pieces) in cases {
            let got: Vec<&str> = split_lines(text).collect();
            assert_eq!(got, *pieces, "{text:?}");
            let trimmed = |it: &mut dyn Iterator<Item = &str>| -> Vec<String> {
                it.map(str::trim)
                    .filter(|l| !l.is_empty())
                    .map(str::to_owned)
                    .collect()
            };
            assert_eq!(
                trimmed(&mut split_lines(text)),
                trimmed(&mut text.lines()),
                "{text:?}"
            );
        }
    }

    #[test]
    fn repeated_is_count_at_least_min_for_every_line() {
        // A small sketch, so that lines share counters and a count is over its truth.
        let mut counts = LineCounts::new(4);
        let mut scratch = Vec::new();
        let lines: Vec<String> = (0..300).map(|i| format!("line {i}")).collect();
        for d in 0..40 {
            let doc: Vec<&str> = lines
                .iter()
                .enumerate()
                .filter(|(i, _)| (i * 7 + d) % 11 < 1 + i % 6)
                .map(|(_, l)| l.as_str())
                .collect();
            counts.add_document(&doc.join("\n"), &mut scratch);
        }
        for min in [1, 5, 9, 20, 41] {
            let repeated = Repeated::new(&counts, min);
            for line in lines
                .iter()
                .map(String::as_str)
                .chain(["unseen", "  line 3 ", ""])
            {
                assert_eq!(
                    repeated.contains(line),
                    counts.count(line) >= min,
                    "{line:?} from {min}"
                );
            }
        }
        assert!(!Repeated::new(&LineCounts::new(4), 1).contains("line 1"));
    }

    #[test]
    fn line_counts_merge_like_one_sketch() {
        let docs = ["a\nb\n", "b\nc\n", "a\nc\nd\n", "a\n"];
        let mut scratch = Vec::new();
        let mut whole = LineCounts::new(10);
        for d in docs {
            whole.add_document(d, &mut scratch);
        }
        let (mut left, mut right) = (LineCounts::new(10), LineCounts::new(10));
        for d in &docs[..2] {
            left.add_document(d, &mut scratch);
        }
        for d in &docs[2..] {
            right.add_document(d, &mut scratch);
        }
        right.merge(&left).unwrap();
        assert_eq!(right, whole);
        assert_eq!(whole.count("a"), 3);
        assert!(LineCounts::new(10).merge(&LineCounts::new(11)).is_err());
    }

    #[test]
    fn bad_cue_files_name_the_problem() {
        let err = Cues::from_json("b.json", r#"{"cues": [{"id": "x", "check": "magic"}]}"#)
            .unwrap_err()
            .to_string();
        assert!(err.contains("unknown check \"magic\""), "{err}");
        let err = Cues::from_json("b.json", "{\"cues\": [\n{\"id\": 5}]}")
            .unwrap_err()
            .to_string();
        assert!(err.starts_with("b.json:2:"), "{err}");
    }
}
