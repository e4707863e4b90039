//! The first pass over a corpus: which documents are duplicates, and which lines repeat across
//! many documents (site furniture). Both must be known before counting, so the library run
//! reads re-readable inputs twice (standard input is kept in memory). The pass computes per
//! document values only — a [`Signature`](crate::dedup::Signature) and the document's line
//! hashes — so it splits and merges like the counts (`docs/duplicates.md`, `docs/zones.md`).

use rayon::prelude::*;

use crate::dedup::{self, Candidate, Duplicates, Index};
use crate::error::Result;
use crate::input::{Corpus, Diagnostics};
use crate::zone::{Cues, LineCounts, Linking, ZoneRules};

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

/// What the first pass found.
#[derive(Debug, Default)]
pub struct Scan {
    /// Documents set aside as copies.
    pub duplicates: Duplicates,
    /// Line counts over the distinct documents, when repeated lines are looked for.
    pub lines: Option<LineCounts>,
    /// From how many documents a line is furniture.
    pub repeated_lines: u32,
}

impl Scan {
    /// The zone rules for the analysis pass.
    pub fn zone_rules(&self) -> ZoneRules<'_> {
        ZoneRules {
            cues: Cues::embedded(),
            repeated: self.lines.as_ref().map(|l| (l, self.repeated_lines)),
        }
    }

    /// Whether the document `id` is a copy and must not be counted.
    pub fn is_duplicate(&self, id: &str) -> bool {
        self.duplicates.contains(id)
    }
}

/// Reads `corpus` once and returns what the analysis pass needs. Lines are counted once per
/// document and only in documents that copy no earlier one (so a story syndicated five times
/// is not furniture); which copy counts does not change the counts.
pub fn scan(corpus: Corpus<'_>, options: &ScanOptions, diag: &mut Diagnostics) -> Result<Scan> {
    let want_lines = options.repeated_lines > 0;
    if !options.duplicates && !want_lines {
        return Ok(Scan::default());
    }
    let mut candidates = Vec::new();
    let mut lines = want_lines.then(LineCounts::default);
    let mut index = Index::default();
    let mut scratch = Vec::new();
    let mut slot = 0u32;
    corpus.for_each_batch(diag, |batch| {
        let sigs: Vec<_> = batch
            .par_iter()
            .map(|d| dedup::signature(&d.text))
            .collect();
        for (doc, sig) in batch.into_iter().zip(sigs) {
            if let Some(lines) = lines.as_mut() {
                if index.find_or_insert(&sig, slot).is_none() {
                    lines.add_document(&doc.text, &mut scratch);
                }
                slot += 1;
            }
            if options.duplicates {
                candidates.push(Candidate {
                    id: doc.id,
                    date: doc.date,
                    signature: sig,
                });
            }
        }
        Ok(())
    })?;
    Ok(Scan {
        duplicates: dedup::decide(candidates),
        lines,
        repeated_lines: options.repeated_lines,
    })
}
