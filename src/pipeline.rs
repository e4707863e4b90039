//! Streaming documents through the tagger on every core, in corpus order.
//!
//! Documents arrive in batches (from [`crate::input::Corpus`], or cut from any iterator by
//! [`for_each_document`]); each batch is analysed in parallel with rayon and then handed to
//! the caller one document at a time, in corpus order, so that every output is identical for
//! any number of threads. Memory is bounded by one batch.

use rayon::prelude::*;

use crate::analysis::{analyze_document, Analysis};
use crate::error::Result;
use crate::gazetteer::Gazetteer;
use crate::input::{Corpus, Diagnostics, Document};
use crate::relation::{self, Lexicon};
use crate::sentence::LineBreaks;
use crate::tagger::{Scratch, Tagger};
use crate::zone::ZoneRules;

/// About this much text is analysed per batch when documents come from an iterator.
pub const BATCH_BYTES: usize = 4 << 20;

/// What to extract besides mentions and sentences: typed relations with this gazetteer and
/// lexicon (into [`Analysis::relations`]), on the same cores as the tagging.
#[derive(Clone, Copy)]
pub struct Extract<'a> {
    /// The gazetteer the tagger was built from.
    pub gazetteer: &'a Gazetteer,
    /// The relation lexicon.
    pub lexicon: &'a Lexicon,
}

/// Analyses one batch on every core with the embedded zone cues; the analyses are in the
/// batch's order.
pub fn analyze_batch(
    batch: &[Document],
    tagger: &Tagger,
    line_breaks: LineBreaks,
) -> Vec<Analysis> {
    analyze_batch_with(batch, tagger, line_breaks, &ZoneRules::default(), None)
}

/// Like [`analyze_batch`], with the zone rules (cues, corpus line counts) given, also
/// extracting relations when `extract` is given.
pub fn analyze_batch_with(
    batch: &[Document],
    tagger: &Tagger,
    line_breaks: LineBreaks,
    rules: &ZoneRules<'_>,
    extract: Option<Extract<'_>>,
) -> Vec<Analysis> {
    batch
        .par_iter()
        .map_init(
            || (Scratch::default(), relation::Scratch::default()),
            |(scratch, rscratch), doc| {
                let mut a = analyze_document(doc, tagger, line_breaks, rules, scratch);
                if let Some(x) = extract {
                    let mut found = Vec::new();
                    relation::extract_with(
                        &doc.text,
                        &a,
                        x.gazetteer,
                        x.lexicon,
                        rscratch,
                        &mut found,
                    );
                    a.relations = found;
                }
                a
            },
        )
        .collect()
}

/// Analyses every document of `corpus` and calls `each` in corpus order.
pub fn run(
    corpus: Corpus<'_>,
    tagger: &Tagger,
    line_breaks: LineBreaks,
    diag: &mut Diagnostics,
    each: impl FnMut(&Document, &Analysis) -> Result<()>,
) -> Result<()> {
    run_with(
        corpus,
        tagger,
        line_breaks,
        &ZoneRules::default(),
        None,
        diag,
        each,
    )
}

/// Like [`run`], with the zone rules (cues, corpus line counts) given, also extracting
/// relations when `extract` is given.
pub fn run_with(
    corpus: Corpus<'_>,
    tagger: &Tagger,
    line_breaks: LineBreaks,
    rules: &ZoneRules<'_>,
    extract: Option<Extract<'_>>,
    diag: &mut Diagnostics,
    mut each: impl FnMut(&Document, &Analysis) -> Result<()>,
) -> Result<()> {
    corpus.for_each_batch(diag, |batch| {
        let analyses = analyze_batch_with(&batch, tagger, line_breaks, rules, extract);
        for (doc, analysis) in batch.iter().zip(&analyses) {
            each(doc, analysis)?;
        }
        Ok(())
    })
}

/// Analyses every document of `docs` (any iterator) and calls `each` in iterator order.
pub fn for_each_document(
    docs: impl IntoIterator<Item = Document>,
    tagger: &Tagger,
    line_breaks: LineBreaks,
    each: impl FnMut(&Document, &Analysis) -> Result<()>,
) -> Result<()> {
    for_each_document_with(docs, tagger, line_breaks, &ZoneRules::default(), None, each)
}

/// Like [`for_each_document`], with the zone rules (cues, corpus line counts) given, also
/// extracting relations when `extract` is given.
pub fn for_each_document_with(
    docs: impl IntoIterator<Item = Document>,
    tagger: &Tagger,
    line_breaks: LineBreaks,
    rules: &ZoneRules<'_>,
    extract: Option<Extract<'_>>,
    mut each: impl FnMut(&Document, &Analysis) -> Result<()>,
) -> Result<()> {
    let mut batch = Vec::new();
    let mut size = 0;
    let mut flush = |batch: &mut Vec<Document>| -> Result<()> {
        let analyses = analyze_batch_with(batch, tagger, line_breaks, rules, extract);
        for (doc, analysis) in batch.iter().zip(&analyses) {
            each(doc, analysis)?;
        }
        batch.clear();
        Ok(())
    };
    for doc in docs {
        size += doc.text.len() + 64;
        batch.push(doc);
        if size >= BATCH_BYTES {
            size = 0;
            flush(&mut batch)?;
        }
    }
    if !batch.is_empty() {
        flush(&mut batch)?;
    }
    Ok(())
}
