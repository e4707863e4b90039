//! The first pass over a corpus: which documents are duplicates, and which lines repeat across
//! many documents (site furniture). Both must be known before counting.
//!
//! The pass is split so that it gives the same answer however the corpus is split (one run,
//! `scan` + `build --partial --scan`, Python, Spark):
//!
//! - a [`Survey`] is what the pass saw: per document its id, date, [`Signature`] and the keys
//!   of its distinct lines. It is made from any part of a corpus, saved ([`crate::scanfile`]),
//!   and [`Survey::merge`]d with other parts in any grouping and order;
//! - [`Survey::decide`] turns the survey of the whole corpus into a [`Scan`]: the documents set
//!   aside (earliest dated kept, ties by id: an order that depends only on the documents), and
//!   the line counts over the kept documents only (so a story syndicated five times is not
//!   furniture). It is a pure function of the set of documents surveyed.
//!
//! Design and memory: `docs/duplicates.md`.

use rayon::prelude::*;

use chrono::NaiveDate;

use crate::dedup::{self, Candidate, Duplicate, Duplicates, Signature};
use crate::error::{Error, Result};
use crate::input::{Corpus, Diagnostics, Document};
use crate::zone::{Cues, LineCounts, Linking, Repeated, ZoneRules};

/// What the first pass looks for, and which zones link.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ScanOptions {
    /// Find duplicate documents (off with `--keep-duplicates`).
    pub duplicates: bool,
    /// A line in at least this many documents is boilerplate (0: never).
    pub repeated_lines: u32,
    /// Which zones are linked.
    pub linking: Linking,
}

impl Default for ScanOptions {
    fn default() -> ScanOptions {
        ScanOptions {
            duplicates: true,
            repeated_lines: 5,
            linking: Linking::default(),
        }
    }
}

impl ScanOptions {
    /// Whether there is a first pass at all.
    pub fn wanted(&self) -> bool {
        self.duplicates || self.repeated_lines > 0
    }
}

/// What the first pass found: what the counting pass needs.
#[derive(Debug, Default)]
pub struct Scan {
    /// Documents set aside as copies.
    pub duplicates: Duplicates,
    /// Line counts over the distinct documents, when repeated lines are looked for.
    pub lines: Option<LineCounts>,
    /// From how many documents a line is furniture.
    pub repeated_lines: u32,
    /// The lines of `lines` in at least `repeated_lines` documents: what the counting pass
    /// looks up.
    pub furniture: Option<Repeated>,
    /// The keys (id and text length, hashed) of the documents surveyed (sorted), when the
    /// scan was decided from a survey: every document counted with this scan must be among
    /// them ([`Scan::covers`]).
    pub surveyed: Option<Vec<u64>>,
    /// What the survey it was decided from took in memory ([`Survey::memory`]).
    pub survey_memory: usize,
}

impl Scan {
    /// The zone rules for the analysis pass.
    pub fn zone_rules(&self) -> ZoneRules<'_> {
        ZoneRules {
            cues: Cues::embedded(),
            repeated: self.furniture.as_ref(),
            copies: (!self.duplicates.is_empty()).then_some(&self.duplicates),
        }
    }

    /// Whether the document `id` is a copy and must not be counted.
    pub fn is_duplicate(&self, id: &str) -> bool {
        self.duplicates.contains(id)
    }

    /// Whether the document `id`, of `len` bytes of text, was surveyed by this scan (always,
    /// for a scan that surveyed nothing: duplicates and lines were not looked for). A
    /// document counted with a scan that never saw it would be decided without the rest of
    /// the corpus: its partial would not merge into the result of one build. The length
    /// tells a document edited since its scan (a saved scan reused after the corpus
    /// changed) from the one surveyed.
    pub fn covers(&self, id: &str, len: usize) -> bool {
        self.surveyed
            .as_ref()
            .is_none_or(|s| s.binary_search(&doc_key(id, len as u64)).is_ok())
    }
}

/// What a scan keeps to recognise a document: its id and text length, hashed (8 bytes).
fn doc_key(id: &str, len: u64) -> u64 {
    dedup::hash_bytes(
        id.as_bytes(),
        0x5ca7 ^ len.wrapping_mul(0x9e37_79b9_7f4a_7c15),
    )
}

/// One document as the first pass saw it (what [`Survey::see`] computes, and
/// [`Survey::push`] stores in the survey's columns).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Seen {
    /// Id, date and signature: what the duplicate decision reads.
    pub candidate: Candidate,
    /// [`LineCounts::line_keys`] of the text (empty when repeated lines are not looked for).
    pub lines: Box<[u32]>,
    /// The length of the text in bytes (with the id, how a build recognises the document).
    pub bytes: u64,
}

/// One surveyed document, borrowed from the survey's columns ([`Survey::get`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SeenRef<'a> {
    /// Document id.
    pub id: &'a str,
    /// Publication date.
    pub date: Option<NaiveDate>,
    /// Its signature.
    pub signature: &'a Signature,
    /// Its line keys (empty when repeated lines are not looked for).
    pub lines: &'a [u32],
    /// The length of its text in bytes.
    pub bytes: u64,
}

/// What the first pass saw over some documents: mergeable, and decided once for the whole
/// corpus. Kept in columns, so that a document costs its data and no allocation of its own:
/// the signature (80 bytes), the date (4), the text length (8), the id (its length + 8) and,
/// when repeated lines are looked for, 4 bytes per distinct line + 8 (`docs/duplicates.md`,
/// "Memory").
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Survey {
    /// Find duplicates (else every document counts, but lines are still counted once per
    /// story).
    pub duplicates: bool,
    /// The repeated-lines threshold (0: lines are not kept).
    pub repeated_lines: u32,
    /// Per document, in the order they were added (the decision does not depend on it).
    signatures: Vec<Signature>,
    dates: Vec<Option<NaiveDate>>,
    bytes: Vec<u64>,
    /// Every id, one after another; document `i`'s ends at `id_ends[i]`.
    ids: String,
    id_ends: Vec<usize>,
    /// Every document's line keys, one after another; document `i`'s end at `line_ends[i]`
    /// (both empty when repeated lines are not looked for).
    lines: Vec<u32>,
    line_ends: Vec<usize>,
}

impl Survey {
    /// An empty survey for `options`.
    pub fn new(options: &ScanOptions) -> Survey {
        Survey {
            duplicates: options.duplicates,
            repeated_lines: options.repeated_lines,
            signatures: Vec::new(),
            dates: Vec::new(),
            bytes: Vec::new(),
            ids: String::new(),
            id_ends: Vec::new(),
            lines: Vec::new(),
            line_ends: Vec::new(),
        }
    }

    /// Whether documents need to be looked at at all.
    fn wanted(&self) -> bool {
        self.duplicates || self.repeated_lines > 0
    }

    /// What the pass records of one document (computed from the document alone).
    pub fn see(&self, doc: &Document) -> Seen {
        let mut lines = Vec::new();
        if self.repeated_lines > 0 {
            LineCounts::line_keys(&doc.text, &mut lines);
        }
        Seen {
            candidate: Candidate {
                id: doc.id.clone(),
                date: doc.date,
                signature: dedup::signature(&doc.text),
            },
            lines: lines.into_boxed_slice(),
            bytes: doc.text.len() as u64,
        }
    }

    /// Adds one document as seen (line keys are dropped when repeated lines are not looked
    /// for).
    pub fn push(&mut self, seen: SeenRef<'_>) {
        self.signatures.push(*seen.signature);
        self.dates.push(seen.date);
        self.bytes.push(seen.bytes);
        self.ids.push_str(seen.id);
        self.id_ends.push(self.ids.len());
        if self.repeated_lines > 0 {
            self.lines.extend_from_slice(seen.lines);
            self.line_ends.push(self.lines.len());
        }
    }

    /// Document `i` (in the order added).
    pub fn get(&self, i: usize) -> SeenRef<'_> {
        SeenRef {
            id: self.id(i),
            date: self.dates[i],
            signature: &self.signatures[i],
            lines: self.lines_of(i),
            bytes: self.bytes[i],
        }
    }

    /// Every document, in the order added.
    pub fn iter(&self) -> impl ExactSizeIterator<Item = SeenRef<'_>> + '_ {
        (0..self.len()).map(|i| self.get(i))
    }

    fn id(&self, i: usize) -> &str {
        let start = if i == 0 { 0 } else { self.id_ends[i - 1] };
        &self.ids[start..self.id_ends[i]]
    }

    fn lines_of(&self, i: usize) -> &[u32] {
        if self.line_ends.is_empty() {
            return &[];
        }
        let start = if i == 0 { 0 } else { self.line_ends[i - 1] };
        &self.lines[start..self.line_ends[i]]
    }

    /// Adds a batch of documents, computing their signatures on every core.
    pub fn add_batch(&mut self, batch: &[Document]) {
        if !self.wanted() {
            return;
        }
        let seen: Vec<Seen> = batch.par_iter().map(|d| self.see(d)).collect();
        for s in &seen {
            self.push(SeenRef {
                id: &s.candidate.id,
                date: s.candidate.date,
                signature: &s.candidate.signature,
                lines: &s.lines,
                bytes: s.bytes,
            });
        }
    }

    /// Adds the documents of `other`. Surveys made with different options cannot be merged
    /// (the message names both); merging is associative and commutative up to the order of
    /// the documents, which the decision does not read.
    pub fn merge(&mut self, other: Survey) -> Result<()> {
        self.check(&other, "the other scan", "this one")?;
        for seen in other.iter() {
            self.push(seen);
        }
        Ok(())
    }

    /// Fails unless `other` was made with the options of this survey; `name` and `mine` name
    /// the two in the message.
    pub fn check(&self, other: &Survey, name: &str, mine: &str) -> Result<()> {
        let flags = |s: &Survey| {
            format!(
                "{}--repeated-lines {}",
                if s.duplicates {
                    ""
                } else {
                    "--keep-duplicates "
                },
                s.repeated_lines
            )
        };
        if (self.duplicates, self.repeated_lines) != (other.duplicates, other.repeated_lines) {
            return Err(Error::Usage(format!(
                "scans made with different options cannot be combined: {name} was made with {}, \
                 {mine} with {}; scan again with the same --keep-duplicates and --repeated-lines",
                flags(other),
                flags(self)
            )));
        }
        Ok(())
    }

    /// The bytes the surveyed documents take (their data, not the vectors' spare capacity):
    /// what `--verbose` reports per document.
    pub fn memory(&self) -> usize {
        use std::mem::size_of_val;
        size_of_val(&self.signatures[..])
            + size_of_val(&self.dates[..])
            + size_of_val(&self.bytes[..])
            + self.ids.len()
            + size_of_val(&self.id_ends[..])
            + size_of_val(&self.lines[..])
            + size_of_val(&self.line_ends[..])
    }

    /// Number of documents surveyed.
    pub fn len(&self) -> usize {
        self.signatures.len()
    }

    /// No document was surveyed.
    pub fn is_empty(&self) -> bool {
        self.signatures.is_empty()
    }

    /// The decision over every document surveyed: copies set aside (when duplicates are
    /// looked for), lines counted once in each kept document (always once per story, so that
    /// a syndicated story is not furniture even with `--keep-duplicates`).
    pub fn decide(&self) -> Scan {
        let matches = dedup::matches(self);
        let mut list = Vec::new();
        let mut lines = (self.repeated_lines > 0).then(LineCounts::default);
        for (i, m) in matches.iter().enumerate() {
            match m {
                Some((k, how)) if self.duplicates => list.push(Duplicate {
                    id: self.id(i).to_owned(),
                    kept: self.id(*k as usize).to_owned(),
                    how: *how,
                }),
                Some(_) => {}
                None => {
                    if let Some(lines) = lines.as_mut() {
                        lines.add_keys(self.lines_of(i));
                    }
                }
            }
        }
        drop(matches);
        list.sort();
        let mut surveyed: Vec<u64> = (0..self.len())
            .map(|i| doc_key(self.id(i), self.bytes[i]))
            .collect();
        surveyed.sort_unstable();
        Scan {
            duplicates: Duplicates { list },
            furniture: lines
                .as_ref()
                .map(|l| Repeated::new(l, self.repeated_lines)),
            lines,
            repeated_lines: self.repeated_lines,
            surveyed: self.wanted().then_some(surveyed),
            survey_memory: self.memory(),
        }
    }
}

impl dedup::Candidates for Survey {
    fn count(&self) -> usize {
        self.len()
    }
    fn id(&self, i: usize) -> &str {
        Survey::id(self, i)
    }
    fn date(&self, i: usize) -> Option<NaiveDate> {
        self.dates[i]
    }
    fn signature(&self, i: usize) -> &Signature {
        &self.signatures[i]
    }
}

/// Reads `corpus` once and returns what it saw, to merge with other parts or decide.
pub fn survey(corpus: Corpus<'_>, options: &ScanOptions, diag: &mut Diagnostics) -> Result<Survey> {
    let mut survey = Survey::new(options);
    if !options.wanted() {
        return Ok(survey);
    }
    corpus.for_each_batch(diag, |batch| {
        survey.add_batch(&batch);
        Ok(())
    })?;
    Ok(survey)
}

/// Reads `corpus` once and returns what the analysis pass needs: [`survey`], then
/// [`Survey::decide`].
pub fn scan(corpus: Corpus<'_>, options: &ScanOptions, diag: &mut Diagnostics) -> Result<Scan> {
    if !options.wanted() {
        return Ok(Scan::default());
    }
    Ok(survey(corpus, options, diag)?.decide())
}

#[cfg(test)]
mod tests {
    use super::*;

    const STORY: &str = "Iraq said on Sunday it had resumed talks with the United States on \
        the future of the coalition, expressing hope that they would not be disrupted and lead \
        to an outcome soon.\n\nA first round of talks opened on January 27 but was swiftly \
        suspended after a drone attack killed three US military personnel at a base in Jordan \
        the following day.\n\nFurther meetings are planned in the coming weeks, he added.";
    const FURNITURE: &str = "Iraq and Iran coverage from our Baghdad desk";

    fn doc(id: &str, date: Option<&str>, text: &str) -> Document {
        let mut d = Document::new(id, text);
        d.date = date.map(|s| s.parse().unwrap());
        d
    }

    /// (document set aside, kept copy), by id.
    fn set_aside(scan: &Scan) -> Vec<(&str, &str)> {
        let list = &scan.duplicates.list;
        list.iter()
            .map(|d| (d.id.as_str(), d.kept.as_str()))
            .collect()
    }

    fn owned(s: SeenRef<'_>) -> Seen {
        Seen {
            candidate: Candidate {
                id: s.id.to_owned(),
                date: s.date,
                signature: *s.signature,
            },
            lines: s.lines.into(),
            bytes: s.bytes,
        }
    }

    /// Six documents: a story, its verbatim and edited copies, and three others carrying the
    /// furniture line (with the story: four kept documents, five with a copy).
    fn corpus() -> Vec<Document> {
        let edited = format!("Wire copy\n\n{}", STORY.rsplit_once("\n\n").unwrap().0);
        vec![
            doc("b", Some("2024-02-11"), &format!("{STORY}\n{FURNITURE}")),
            doc("a", None, &format!("{STORY}\n{FURNITURE}")),
            doc("c", Some("2024-02-12"), &edited),
            doc("x", None, &format!("Sudani spoke.\n{FURNITURE}")),
            doc("y", None, &format!("Vowell spoke.\n{FURNITURE}")),
            doc("z", None, &format!("Rasool spoke.\n{FURNITURE}")),
        ]
    }

    #[test]
    fn options_decide_what_is_set_aside_and_counted() {
        let docs = corpus();
        let copies = vec![("a", "b"), ("c", "b")];
        // (name, options, documents set aside, documents carrying the furniture line)
        let cases = [
            ("default", ScanOptions::default(), copies.clone(), Some(4)),
            (
                "--keep-duplicates: none set aside, lines still once per story",
                ScanOptions {
                    duplicates: false,
                    ..ScanOptions::default()
                },
                vec![],
                Some(4),
            ),
            (
                "--repeated-lines 0: no line counted, no furniture",
                ScanOptions {
                    repeated_lines: 0,
                    ..ScanOptions::default()
                },
                copies,
                None,
            ),
        ];
        for (name, options, want, furniture) in cases {
            let mut survey = Survey::new(&options);
            survey.add_batch(&docs);
            let scan = survey.decide();
            assert_eq!(set_aside(&scan), want, "{name}");
            let count = scan.lines.as_ref().map(|l| l.count(FURNITURE));
            assert_eq!(count, furniture, "{name}");
            assert_eq!(scan.furniture.is_some(), furniture.is_some(), "{name}");
            assert_eq!(scan.survey_memory, survey.memory(), "{name}");
        }
    }

    #[test]
    fn a_document_costs_its_data_and_no_allocation() {
        use std::mem::size_of;
        // Every document: a one-byte id, a date, two distinct lines (one of them twice).
        let docs: Vec<Document> = (0..100u8)
            .map(|i| {
                let id = char::from(b'a' + i % 26).to_string();
                doc(&id, Some("2024-02-11"), "Line one\nLine two\n\nLine one")
            })
            .collect();
        let fixed = size_of::<Signature>() + size_of::<Option<NaiveDate>>() + 8 + 1 + 8;
        assert_eq!(size_of::<Signature>(), 80);
        // (options, bytes per document)
        let cases = [
            (ScanOptions::default(), fixed + 2 * 4 + 8),
            (
                ScanOptions {
                    repeated_lines: 0,
                    ..ScanOptions::default()
                },
                fixed,
            ),
        ];
        for (options, per_document) in cases {
            let mut survey = Survey::new(&options);
            survey.add_batch(&docs);
            assert_eq!(survey.memory(), 100 * per_document, "{options:?}");
        }
    }

    #[test]
    fn any_split_merged_in_any_order_decides_the_same() {
        let options = ScanOptions::default();
        let docs = corpus();
        let mut whole = Survey::new(&options);
        whole.add_batch(&docs);
        let want = whole.decide();
        // The dated story is kept; the undated copy and the later edited copy are set aside.
        assert_eq!(set_aside(&want), [("a", "b"), ("c", "b")]);
        // Four kept documents carry the line: under the threshold of 5, whatever the split.
        assert_eq!(want.lines.as_ref().unwrap().count(FURNITURE), 4);
        // (name, parts as document indices, merge order)
        type Case<'a> = (&'a str, &'a [&'a [usize]], &'a [usize]);
        let cases: &[Case] = &[
            ("two parts", &[&[0, 1, 2], &[3, 4, 5]], &[0, 1]),
            ("reversed", &[&[0, 1, 2], &[3, 4, 5]], &[1, 0]),
            ("copies apart", &[&[1, 3], &[0, 4], &[2, 5]], &[2, 0, 1]),
            (
                "one per part",
                &[&[5], &[4], &[3], &[2], &[1], &[0]],
                &[3, 1, 5, 0, 2, 4],
            ),
        ];
        for (name, parts, order) in cases {
            let surveys: Vec<Survey> = parts
                .iter()
                .map(|idx| {
                    let mut s = Survey::new(&options);
                    let batch: Vec<Document> = idx.iter().map(|&i| docs[i].clone()).collect();
                    s.add_batch(&batch);
                    s
                })
                .collect();
            let mut merged = Survey::new(&options);
            for &i in *order {
                merged.merge(surveys[i].clone()).unwrap();
            }
            // The columns hold every document as it was seen, whatever the split.
            let mut got: Vec<Seen> = merged.iter().map(owned).collect();
            let mut all: Vec<Seen> = docs.iter().map(|d| whole.see(d)).collect();
            got.sort_by(|a, b| a.candidate.id.cmp(&b.candidate.id));
            all.sort_by(|a, b| a.candidate.id.cmp(&b.candidate.id));
            assert_eq!(got, all, "{name}");
            let got = merged.decide();
            assert_eq!(got.duplicates, want.duplicates, "{name}");
            assert_eq!(got.lines.as_ref().unwrap().count(FURNITURE), 4, "{name}");
        }
    }
}
