//! Streaming documents through the tagger on every core, in corpus order.
//!
//! Documents arrive in batches (from [`crate::input::Corpus`], or cut from any iterator by
//! [`for_each_document`]); each batch is analysed in parallel with rayon and then handed to
//! the caller one document at a time, in corpus order, so that every output is identical for
//! any number of threads. Memory is bounded by one batch.

use rayon::prelude::*;

use crate::analysis::{analyze, Analysis};
use crate::error::Result;
use crate::input::{Corpus, Diagnostics, Document};
use crate::sentence::LineBreaks;
use crate::tagger::{Scratch, Tagger};

/// About this much text is analysed per batch when documents come from an iterator.
pub const BATCH_BYTES: usize = 4 << 20;

/// Analyses one batch on every core; the analyses are in the batch's order.
pub fn analyze_batch(
    batch: &[Document],
    tagger: &Tagger,
    line_breaks: LineBreaks,
) -> Vec<Analysis> {
    batch
        .par_iter()
        .map_init(Scratch::default, |scratch, doc| {
            analyze(&doc.text, tagger, line_breaks, scratch)
        })
        .collect()
}

/// Analyses every document of `corpus` and calls `each` in corpus order.
pub fn run(
    corpus: Corpus<'_>,
    tagger: &Tagger,
    line_breaks: LineBreaks,
    diag: &mut Diagnostics,
    mut each: impl FnMut(&Document, &Analysis) -> Result<()>,
) -> Result<()> {
    corpus.for_each_batch(diag, |batch| {
        let analyses = analyze_batch(&batch, tagger, line_breaks);
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
    mut each: impl FnMut(&Document, &Analysis) -> Result<()>,
) -> Result<()> {
    let mut batch = Vec::new();
    let mut size = 0;
    let mut flush = |batch: &mut Vec<Document>| -> Result<()> {
        let analyses = analyze_batch(batch, tagger, line_breaks);
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
