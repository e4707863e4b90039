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
use crate::spill::Records;
use crate::zone::{Cues, LineCounts, Linking, Recount, Repeated, ZoneRules};

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
    /// What the survey it was decided from wrote to its temporary file ([`Survey::on_disk`]).
    pub survey_on_disk: u64,
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
    pub lines: Box<[u64]>,
    /// The length of the text in bytes (with the id, how a build recognises the document).
    pub bytes: u64,
}

impl Seen {
    /// Borrowed, as [`Survey::push`] takes it.
    pub fn as_ref(&self) -> SeenRef<'_> {
        SeenRef {
            id: &self.candidate.id,
            date: self.candidate.date,
            signature: &self.candidate.signature,
            lines: &self.lines,
            bytes: self.bytes,
        }
    }
}

impl From<SeenRef<'_>> for Seen {
    fn from(s: SeenRef<'_>) -> Seen {
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
}

/// One surveyed document, borrowed ([`Survey::for_each`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SeenRef<'a> {
    /// Document id.
    pub id: &'a str,
    /// Publication date.
    pub date: Option<NaiveDate>,
    /// Its signature.
    pub signature: &'a Signature,
    /// Its line keys (empty when repeated lines are not looked for).
    pub lines: &'a [u64],
    /// The length of its text in bytes.
    pub bytes: u64,
}

/// What the first pass saw over some documents: mergeable, and decided once for the whole
/// corpus. Memory holds, per document, only what the duplicate sieve reads (a
/// [`dedup::SieveKey`]: 36 bytes); the records themselves (id, date, signature, line keys,
/// text length: [`Seen`]) go to a temporary file ([`crate::spill::Records`]) and are read back
/// twice by [`Survey::decide`] (`docs/duplicates.md`, "Memory").
#[derive(Debug)]
pub struct Survey {
    /// Find duplicates (else every document counts, but lines are still counted once per
    /// story).
    pub duplicates: bool,
    /// The repeated-lines threshold (0: lines are not kept).
    pub repeated_lines: u32,
    /// Per document, in the order added (the decision does not depend on it).
    keys: Vec<dedup::SieveKey>,
    /// The documents as seen, in the same order.
    records: Records,
    /// Counters per row of the line sketch (2^20; tests make it small so that lines share
    /// counters).
    sketch_bits: u8,
}

impl Survey {
    /// An empty survey for `options`.
    pub fn new(options: &ScanOptions) -> Survey {
        Survey {
            duplicates: options.duplicates,
            repeated_lines: options.repeated_lines,
            keys: Vec::new(),
            records: Records::new(),
            sketch_bits: 20,
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
    /// for). Fails only when the temporary file cannot be written.
    pub fn push(&mut self, seen: SeenRef<'_>) -> Result<()> {
        let lines = if self.repeated_lines > 0 {
            seen.lines
        } else {
            &[]
        };
        self.records.push(&SeenRef { lines, ..seen })?;
        self.keys.push(dedup::SieveKey::from(seen.signature));
        Ok(())
    }

    /// Calls `f` with every document, in the order added (fails only when the temporary file
    /// cannot be read).
    pub fn for_each(&self, mut f: impl FnMut(SeenRef<'_>)) -> Result<()> {
        self.records.for_each(|_, s| f(s))
    }

    /// Writes every document's record, as stored, to `w` ([`crate::spill::Records::write_to`]).
    pub fn write_records<E: From<Error> + From<std::io::Error>>(
        &self,
        w: &mut impl std::io::Write,
    ) -> Result<(), E> {
        self.records.write_to(w)
    }

    /// [`Survey::for_each`] with a callback that can fail: stops at the first error.
    pub fn try_for_each<E: From<Error>>(
        &self,
        mut f: impl FnMut(SeenRef<'_>) -> Result<(), E>,
    ) -> Result<(), E> {
        self.records.try_for_each(|_, s| f(s))
    }

    /// Adds a batch of documents, computing their signatures on every core.
    pub fn add_batch(&mut self, batch: &[Document]) -> Result<()> {
        if !self.wanted() {
            return Ok(());
        }
        let seen: Vec<Seen> = batch.par_iter().map(|d| self.see(d)).collect();
        for s in &seen {
            self.push(s.as_ref())?;
        }
        Ok(())
    }

    /// Adds the documents of `other`. Surveys made with different options cannot be merged
    /// (the message names both); merging is associative and commutative up to the order of
    /// the documents, which the decision does not read.
    pub fn merge(&mut self, other: Survey) -> Result<()> {
        self.check(&other, "the other scan", "this one")?;
        if self.is_empty() {
            *self = other;
            return Ok(());
        }
        other.try_for_each(|seen| self.push(seen))
    }

    /// A copy, with a temporary file of its own.
    pub fn try_clone(&self) -> Result<Survey> {
        Ok(Survey {
            duplicates: self.duplicates,
            repeated_lines: self.repeated_lines,
            keys: self.keys.clone(),
            records: self.records.try_clone()?,
            sketch_bits: self.sketch_bits,
        })
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

    /// The bytes the surveyed documents take in memory (the sieve keys, not the vector's
    /// spare capacity): what `--verbose` reports per document.
    pub fn memory(&self) -> usize {
        std::mem::size_of_val(&self.keys[..])
    }

    /// The bytes of the records in the temporary file.
    pub fn on_disk(&self) -> u64 {
        self.records.bytes()
    }

    /// Number of documents surveyed.
    pub fn len(&self) -> usize {
        self.keys.len()
    }

    /// No document was surveyed.
    pub fn is_empty(&self) -> bool {
        self.keys.is_empty()
    }

    /// The decision over every document surveyed: copies set aside (when duplicates are
    /// looked for), lines counted once in each kept document (always once per story, so that
    /// a syndicated story is not furniture even with `--keep-duplicates`).
    ///
    /// The sieve keys leave the documents that may match ([`dedup::may_match`]); their
    /// records are read back and decided ([`dedup::matches`]); a second read counts the
    /// lines of every kept document and hashes what recognises each one. Fails only when the
    /// temporary file cannot be read.
    pub fn decide(&self) -> Result<Scan> {
        let maybe = dedup::may_match(&self.keys);
        let mut candidates = Vec::with_capacity(maybe.len());
        let mut next = maybe.iter().copied().peekable();
        self.records.for_each(|i, s| {
            if next.next_if_eq(&i).is_some() {
                candidates.push(Candidate {
                    id: s.id.to_owned(),
                    date: s.date,
                    signature: *s.signature,
                });
            }
        })?;
        let mut list = Vec::new();
        let mut copies = Vec::new();
        for (j, m) in dedup::matches(&candidates[..]).into_iter().enumerate() {
            if let Some((k, how)) = m {
                copies.push(maybe[j]);
                if self.duplicates {
                    list.push(Duplicate {
                        id: candidates[j].id.clone(),
                        kept: candidates[k as usize].id.clone(),
                        how,
                    });
                }
            }
        }
        drop(candidates);
        list.sort();
        let mut lines = (self.repeated_lines > 0).then(|| LineCounts::new(self.sketch_bits));
        let mut surveyed = Vec::with_capacity(self.len());
        let kept = |copies: &mut std::iter::Peekable<std::slice::Iter<'_, usize>>, i| {
            copies.next_if_eq(&&i).is_none()
        };
        let mut set_aside = copies.iter().peekable();
        self.records.for_each(|i, s| {
            if kept(&mut set_aside, i) {
                if let Some(lines) = lines.as_mut() {
                    lines.add_keys(s.lines);
                }
            }
            surveyed.push(doc_key(s.id, s.bytes));
        })?;
        surveyed.sort_unstable();
        // The sketch names the candidates; a third read counts them exactly.
        let mut recount = lines
            .as_ref()
            .and_then(|l| Recount::new(l, self.repeated_lines));
        if let Some(r) = recount.as_mut() {
            let mut set_aside = copies.iter().peekable();
            self.records.for_each(|i, s| {
                if kept(&mut set_aside, i) {
                    r.add_keys(s.lines);
                }
            })?;
        }
        Ok(Scan {
            duplicates: Duplicates { list },
            furniture: lines
                .as_ref()
                .map(|_| recount.map_or_else(Repeated::default, Recount::finish)),
            lines,
            repeated_lines: self.repeated_lines,
            surveyed: self.wanted().then_some(surveyed),
            survey_memory: self.memory(),
            survey_on_disk: self.on_disk(),
        })
    }
}

/// Reads `corpus` once and returns what it saw, to merge with other parts or decide.
pub fn survey(corpus: Corpus<'_>, options: &ScanOptions, diag: &mut Diagnostics) -> Result<Survey> {
    let mut survey = Survey::new(options);
    if !options.wanted() {
        return Ok(survey);
    }
    corpus.for_each_batch(diag, |batch| survey.add_batch(&batch))?;
    Ok(survey)
}

/// Reads `corpus` once and returns what the analysis pass needs: [`survey`], then
/// [`Survey::decide`].
pub fn scan(corpus: Corpus<'_>, options: &ScanOptions, diag: &mut Diagnostics) -> Result<Scan> {
    if !options.wanted() {
        return Ok(Scan::default());
    }
    survey(corpus, options, diag)?.decide()
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

    /// Every document of `survey`, as it was seen, in the order added.
    fn records(survey: &Survey) -> Vec<Seen> {
        let mut out = Vec::new();
        survey.for_each(|s| out.push(Seen::from(s))).unwrap();
        out
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
            survey.add_batch(&docs).unwrap();
            let scan = survey.decide().unwrap();
            assert_eq!(set_aside(&scan), want, "{name}");
            let count = scan.lines.as_ref().map(|l| l.count(FURNITURE));
            assert_eq!(count, furniture, "{name}");
            assert_eq!(scan.furniture.is_some(), furniture.is_some(), "{name}");
            assert_eq!(scan.survey_memory, survey.memory(), "{name}");
        }
    }

    #[test]
    fn memory_holds_the_sieve_keys_and_the_file_the_rest() {
        // Every document: a one-byte id, a date, two distinct lines (one of them twice).
        let docs: Vec<Document> = (0..100u8)
            .map(|i| {
                let id = char::from(b'a' + i % 26).to_string();
                doc(&id, Some("2024-02-11"), "Line one\nLine two\n\nLine one")
            })
            .collect();
        assert_eq!(std::mem::size_of::<dedup::SieveKey>(), 36);
        // (options, line keys kept per document)
        let cases = [
            (ScanOptions::default(), 2),
            (
                ScanOptions {
                    repeated_lines: 0,
                    ..ScanOptions::default()
                },
                0,
            ),
        ];
        for (options, kept) in cases {
            let mut survey = Survey::new(&options);
            survey.add_batch(&docs).unwrap();
            assert_eq!(survey.memory(), 100 * 36, "{options:?}");
            let want: Vec<Seen> = docs
                .iter()
                .map(|d| {
                    let mut s = survey.see(d);
                    if options.repeated_lines == 0 {
                        s.lines = Box::default();
                    }
                    s
                })
                .collect();
            assert_eq!(want[0].lines.len(), kept, "{options:?}");
            // On disk: each record's encoding, nothing more.
            let record = crate::spill::Record::new(&want[0].as_ref());
            let on_disk = record.encode(Vec::new()).len() as u64;
            assert_eq!(survey.on_disk(), 100 * on_disk, "{options:?}");
            assert_eq!(records(&survey), want, "{options:?}");
            assert_eq!(records(&survey.try_clone().unwrap()), want, "{options:?}");
            // A document seen with line keys (by a survey that looks for repeated lines)
            // keeps them only in a survey that does too.
            let with_lines = Survey::new(&ScanOptions::default()).see(&docs[0]);
            assert_eq!(with_lines.lines.len(), 2);
            let mut one = Survey::new(&options);
            one.push(with_lines.as_ref()).unwrap();
            assert_eq!(one.on_disk(), on_disk, "{options:?}");
        }
    }

    /// Copies set aside count for no line, in the sketch nor in the exact recount of its
    /// candidates: with a sketch so small that every counter is shared, a story's own line is
    /// a candidate, and only counting its four copies too would make it furniture.
    #[test]
    fn copies_count_for_no_line_even_among_candidates() {
        // Documents of 19 one-word lines, 18 of them shared: under MIN_WORDS, so compared
        // exactly only, and all different.
        let furniture: Vec<String> = (0..18).map(|i| format!("Furniture{i}")).collect();
        let mut docs: Vec<Document> = (0..8)
            .map(|d| {
                let text = format!("Own{d}\n{}", furniture.join("\n"));
                doc(&format!("f{d}"), None, &text)
            })
            .collect();
        docs.push(doc("s", Some("2024-01-01"), STORY));
        for c in 0..4 {
            docs.push(doc(&format!("s{c}"), Some("2024-02-01"), STORY));
        }
        let mut survey = Survey::new(&ScanOptions::default());
        survey.sketch_bits = 4;
        survey.add_batch(&docs).unwrap();
        let scan = survey.decide().unwrap();
        assert_eq!(scan.duplicates.len(), 4);
        let sketch = scan.lines.as_ref().unwrap();
        let repeated = scan.furniture.as_ref().unwrap();
        let story_lines: Vec<&str> = STORY.lines().filter(|l| !l.trim().is_empty()).collect();
        // The small sketch over-counts the story's lines: some are candidates ...
        let candidates = story_lines.iter().filter(|l| sketch.count(l) >= 5).count();
        assert!(candidates > 0, "no collision to test");
        // ... but each is in one kept document.
        for l in story_lines {
            assert!(!repeated.contains(l), "{l:?}");
        }
        assert!(furniture.iter().all(|f| repeated.contains(f)));
        assert_eq!(repeated.len(), furniture.len());
    }

    #[test]
    fn any_split_merged_in_any_order_decides_the_same() {
        let options = ScanOptions::default();
        let docs = corpus();
        let mut whole = Survey::new(&options);
        whole.add_batch(&docs).unwrap();
        let want = whole.decide().unwrap();
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
                    s.add_batch(&batch).unwrap();
                    s
                })
                .collect();
            let mut merged = Survey::new(&options);
            for &i in *order {
                merged.merge(surveys[i].try_clone().unwrap()).unwrap();
            }
            // The records hold every document as it was seen, whatever the split.
            let mut got: Vec<Seen> = records(&merged);
            let mut all: Vec<Seen> = docs.iter().map(|d| whole.see(d)).collect();
            got.sort_by(|a, b| a.candidate.id.cmp(&b.candidate.id));
            all.sort_by(|a, b| a.candidate.id.cmp(&b.candidate.id));
            assert_eq!(got, all, "{name}");
            let got = merged.decide().unwrap();
            assert_eq!(got.duplicates, want.duplicates, "{name}");
            assert_eq!(got.lines.as_ref().unwrap().count(FURNITURE), 4, "{name}");
        }
    }
}
