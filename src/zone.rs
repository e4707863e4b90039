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
    let mut parts = s.split_whitespace();
    let (Some(m), Some(d), Some(y), None) =
        (parts.next(), parts.next(), parts.next(), parts.next())
    else {
        return false;
    };
    let m = m.trim_end_matches('.').to_lowercase();
    let d = d.trim_end_matches(',');
    crate::sentence::is_month(&m)
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

/// Counts, for each line, in how many documents it occurs: a count-min sketch (4 × 2^bits
/// saturating 16-bit counters), so memory is fixed whatever the corpus size. A count is
/// never under the truth and over it only by collisions, which lines that repeat by the
/// thousand make common enough to matter (docs/zones.md): the sketch only names the
/// candidates, and [`Recount`] counts them exactly. Lines are given by their keys
/// ([`LineCounts::line_keys`]). Sketches of the same size merge by adding.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LineCounts {
    bits: u8,
    counters: Vec<u16>,
}

const ROWS: usize = 4;

impl Default for LineCounts {
    /// 2^20 counters per row: 8 MB.
    fn default() -> LineCounts {
        LineCounts::new(20)
    }
}

impl LineCounts {
    /// An empty sketch with `2^bits` counters per row (4 to 28).
    pub fn new(bits: u8) -> LineCounts {
        let bits = bits.clamp(4, 28);
        LineCounts {
            bits,
            counters: vec![0; ROWS << bits],
        }
    }

    /// Counts each distinct line of `text` once (`scratch` holds its keys).
    pub fn add_document(&mut self, text: &str, scratch: &mut Vec<u64>) {
        LineCounts::line_keys(text, scratch);
        self.add_keys(scratch);
    }

    /// The keys of the distinct non-blank lines of `text`, sorted, into `out`: what the
    /// document adds to a sketch, so that a first pass can keep a document's lines until it
    /// knows whether the document counts. A key is the trimmed line's 64-bit XXH3 hash: two
    /// different lines share one with probability 2^-64 (with 32 bits, one line of the 268 MB
    /// benchmark corpus already took the key of a repeated line).
    pub fn line_keys(text: &str, out: &mut Vec<u64>) {
        out.clear();
        out.extend(split_lines(text).filter_map(line_key));
        out.sort_unstable();
        out.dedup();
    }

    /// Counts a document given by its [`line_keys`](LineCounts::line_keys).
    pub fn add_keys(&mut self, keys: &[u64]) {
        for &k in keys {
            for s in slots(self.bits, k) {
                self.counters[s] = self.counters[s].saturating_add(1);
            }
        }
    }

    /// In how many documents `line` occurs, as the sketch tells it (an upper bound).
    pub fn count(&self, line: &str) -> u32 {
        line_key(line).map_or(0, |k| {
            slots(self.bits, k)
                .iter()
                .map(|&s| u32::from(self.counters[s]))
                .min()
                .unwrap_or(0)
        })
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

/// The 4 counters of the line keyed `key` in a sketch of `2^bits` counters per row, all in one
/// 64-byte block (32 counters), one per quarter-block, so that a look-up costs one cache miss,
/// not four (a "blocked" count-min sketch). The block comes from the key's low bits (at most
/// 25), the counters from its top 12.
fn slots(bits: u8, key: u64) -> [usize; ROWS] {
    let blocks = (ROWS << bits) / 32;
    let base = (key as usize & (blocks - 1)) * 32;
    std::array::from_fn(|i| base + i * 8 + ((key >> (52 + 3 * i)) as usize & 7))
}

/// The exact count of the lines a sketch counts in at least `min` documents (the candidates):
/// the documents' keys are given again ([`Recount::add_keys`]), and only the candidates'
/// are counted, in a map as large as the candidates. On the 268 MB benchmark corpus the
/// sketch alone marked 44 of 255,652 lines in fewer than 5 documents as repeated (lines in
/// the same block as furniture seen thousands of times); counted again, none.
#[derive(Debug)]
pub struct Recount {
    bits: u8,
    /// One bit per counter of the sketch, set when the counter is at `min` or more: a key
    /// is a candidate when its 4 bits are set (512 KB for the default sketch, so the check
    /// mostly hits the cache).
    candidates: Vec<u64>,
    min: u32,
    counts: rustc_hash::FxHashMap<u64, u32>,
}

impl Recount {
    /// The candidates of `sketch` from `min` documents; `None` when there are none (then no
    /// line is repeated and the documents need not be read again).
    pub fn new(sketch: &LineCounts, min: u32) -> Option<Recount> {
        let mut candidates = vec![0u64; sketch.counters.len().div_ceil(64)];
        let mut any = false;
        for (i, &c) in sketch.counters.iter().enumerate() {
            if u32::from(c) >= min {
                candidates[i / 64] |= 1 << (i % 64);
                any = true;
            }
        }
        any.then(|| Recount {
            bits: sketch.bits,
            candidates,
            min,
            counts: rustc_hash::FxHashMap::default(),
        })
    }

    /// Counts a document given by its line keys (the same documents the sketch counted).
    pub fn add_keys(&mut self, keys: &[u64]) {
        for &k in keys {
            let candidate = slots(self.bits, k)
                .iter()
                .all(|&s| self.candidates[s / 64] >> (s % 64) & 1 == 1);
            if candidate {
                *self.counts.entry(k).or_default() += 1;
            }
        }
    }

    /// The lines counted in at least `min` documents.
    pub fn finish(self) -> Repeated {
        let mut keys: Vec<u64> = self
            .counts
            .into_iter()
            .filter(|&(_, c)| c >= self.min)
            .map(|(k, _)| k)
            .collect();
        keys.sort_unstable();
        Repeated::from_keys(keys)
    }
}

/// The lines found in at least `min` documents of the corpus, by key: what the counting pass
/// looks up for every line. A bitmap of 2^22 bits (512 KB) answers most look-ups (a line
/// that is not furniture) from the cache; a set bit sends the look-up to the sorted keys.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Repeated {
    keys: Vec<u64>,
    filter: Vec<u64>,
}

/// Bits of the key that index [`Repeated`]'s bitmap.
const FILTER_BITS: u32 = 22;

impl Repeated {
    /// The lines whose keys are `keys` (sorted).
    fn from_keys(keys: Vec<u64>) -> Repeated {
        debug_assert!(keys.is_sorted());
        let mut filter = Vec::new();
        if !keys.is_empty() {
            filter = vec![0u64; (1 << FILTER_BITS) / 64];
            for &k in &keys {
                let b = (k >> (64 - FILTER_BITS)) as usize;
                filter[b / 64] |= 1 << (b % 64);
            }
        }
        Repeated { keys, filter }
    }

    /// The lines of `docs` in at least `min` of them, found as a build finds them (a sketch
    /// of `2^bits` counters per row, then the candidates counted again).
    pub fn of_documents<'a>(
        docs: impl IntoIterator<Item = &'a str> + Clone,
        min: u32,
        bits: u8,
    ) -> (LineCounts, Repeated) {
        let mut sketch = LineCounts::new(bits);
        let mut keys = Vec::new();
        for d in docs.clone() {
            sketch.add_document(d, &mut keys);
        }
        let repeated = Recount::new(&sketch, min).map_or_else(Repeated::default, |mut r| {
            for d in docs {
                LineCounts::line_keys(d, &mut keys);
                r.add_keys(&keys);
            }
            r.finish()
        });
        (sketch, repeated)
    }

    /// Number of lines found repeated.
    pub fn len(&self) -> usize {
        self.keys.len()
    }

    /// No line is repeated.
    pub fn is_empty(&self) -> bool {
        self.keys.is_empty()
    }

    /// Whether `line` (trimmed) is in at least `min` documents.
    pub fn contains(&self, line: &str) -> bool {
        !self.keys.is_empty()
            && line_key(line).is_some_and(|k| {
                let b = (k >> (64 - FILTER_BITS)) as usize;
                self.filter[b / 64] >> (b % 64) & 1 == 1 && self.keys.binary_search(&k).is_ok()
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

/// The key of a line as counted: the trimmed line's 64-bit XXH3 hash (fixed seed); blank lines
/// are not counted.
fn line_key(line: &str) -> Option<u64> {
    let t = line.trim();
    (!t.is_empty()).then(|| xxhash_rust::xxh3::xxh3_64_with_seed(t.as_bytes(), 0x5a0e))
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
    fn a_cue_line_is_at_most_300_bytes_longer_lines_are_running_text() {
        // (bytes in the line, trimmed; whether it is a cue): "Read more: xxx…".
        for (len, cue) in [
            (12, true),
            (299, true),
            (300, true),
            (301, false),
            (600, false),
        ] {
            let line = format!("  Read more: {}\n", "x".repeat(len - "Read more: ".len()));
            assert_eq!(line.trim().len(), len);
            let got = Cues::embedded().matching(&line).map(|c| c.id.as_str());
            assert_eq!(got.is_some(), cue, "{len}: {got:?}");
        }
    }

    #[test]
    fn list_markers_and_the_word_limit_of_a_cue() {
        let words = |n: usize| vec!["talks"; n].join(" ");
        // (line, a cue): "read more" has a limit of 30 words, its two words included; a list
        // marker is stripped when a space follows it.
        let cases = [
            (format!("Read more: {}", words(28)), true),
            (format!("Read more: {}", words(29)), false),
            (format!("- Read more: {}", words(28)), true),
            ("• Read more: Iraq talks resume".to_owned(), true),
            ("-Read more: Iraq talks resume".to_owned(), false),
        ];
        for (line, cue) in cases {
            let got = Cues::embedded().matching(&line).map(|c| c.id.as_str());
            assert_eq!(got.is_some(), cue, "{line}: {got:?}");
        }
    }

    #[test]
    fn a_post_signature_ends_with_a_whole_date() {
        // (what follows "— Iraqi PM (@IraqiPMO) ", a signature): month (3 letters or more, a
        // full stop allowed), day of one or two digits, a comma, a four-digit year, nothing more.
        let cases = [
            ("January 27, 2024", true),
            ("Jan 27, 2024", true),
            ("Jan. 7, 2024", true),
            ("SEPT 30, 2023", true),
            ("said so", false),
            ("Ja 27, 2024", false),
            ("Jab 27, 2024", false),
            ("January , 2024", false),
            ("January 270, 2024", false),
            ("January 2x, 2024", false),
            ("January 27, 20245", false),
            ("January 27, 2O24", false),
            ("January 27, 2024 at noon", false),
        ];
        for (date, signature) in cases {
            let line = format!("— Iraqi PM (@IraqiPMO) {date}");
            assert_eq!(post_signature(&line), signature, "{line}");
        }
        assert!(!post_signature("Iraqi PM (@IraqiPMO) January 27, 2024"));
        assert!(!post_signature("— Iraqi PM (IraqiPMO) January 27, 2024"));
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
        let docs: Vec<String> = (0..5)
            .map(|i| format!("Story {i} began.\n{furniture}\n{furniture}\n"))
            .collect();
        let text = "Iraq and Iran met.\nShafaq News Agency - Baghdad\n";
        for (min, expected) in [(5, Zone::Boilerplate), (6, Zone::Body)] {
            let (counts, repeated) =
                Repeated::of_documents(docs.iter().map(String::as_str), min, 12);
            // Counted once per document, however often it repeats inside one.
            assert_eq!(counts.count(furniture), 5);
            assert_eq!(counts.count("  Shafaq News Agency - Baghdad "), 5);
            assert_eq!(counts.count("Story 1 began."), 1);
            assert_eq!(repeated.len(), usize::from(min == 5), "min {min}");
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
    fn repeated_is_the_exact_count_at_least_min_however_small_the_sketch() {
        // Sketches of 2^4 and 2^6 counters per row, so that lines share counters and the
        // sketch's counts go over their truth; what is repeated must not.
        let lines: Vec<String> = (0..300).map(|i| format!("line {i}")).collect();
        let docs: Vec<String> = (0..40)
            .map(|d| {
                let doc: Vec<&str> = lines
                    .iter()
                    .enumerate()
                    .filter(|(i, _)| (i * 7 + d) % 11 < 1 + i % 6)
                    .map(|(_, l)| l.as_str())
                    .collect();
                doc.join("\n")
            })
            .collect();
        let truth = |line: &str| {
            docs.iter()
                .filter(|d| d.lines().any(|l| l.trim() == line.trim()))
                .count() as u32
        };
        for bits in [4, 6, 20] {
            for min in [1, 5, 9, 20, 41] {
                let (counts, repeated) =
                    Repeated::of_documents(docs.iter().map(String::as_str), min, bits);
                let mut over = 0;
                for line in lines
                    .iter()
                    .map(String::as_str)
                    .chain(["unseen", "  line 3 ", ""])
                {
                    let n = truth(line);
                    assert!(counts.count(line) >= n, "{line:?}");
                    over += usize::from(counts.count(line) >= min && n < min);
                    assert_eq!(
                        repeated.contains(line),
                        n >= min,
                        "{line:?} from {min}, 2^{bits}"
                    );
                }
                // The small sketches do over-count: the test would see a wrong recount.
                if bits == 4 && (5..=20).contains(&min) {
                    assert!(over > 0, "2^{bits}, from {min}: no collision to correct");
                }
            }
        }
        let (_, none) = Repeated::of_documents(["line 1"], 2, 4);
        assert!(none.is_empty() && !none.contains("line 1"));
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
