//! Streaming the corpus through the tagger on every core, in corpus order.
//!
//! Documents arrive in batches ([`crate::input::Corpus`]); each batch is analysed in parallel
//! with rayon and then handed to the caller one document at a time, in corpus order, so that
//! every output is identical for any number of threads. Memory is bounded by one batch.

use rayon::prelude::*;

use crate::analysis::{analyze_document, Analysis};
use crate::error::Result;
use crate::input::{Corpus, Diagnostics, Document};
use crate::sentence::LineBreaks;
use crate::tagger::{Scratch, Tagger};
use crate::zone::ZoneRules;

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
        diag,
        each,
    )
}

/// Like [`run`], with the zone rules (cues, corpus line counts) given.
pub fn run_with(
    corpus: Corpus<'_>,
    tagger: &Tagger,
    line_breaks: LineBreaks,
    rules: &ZoneRules<'_>,
    diag: &mut Diagnostics,
    mut each: impl FnMut(&Document, &Analysis) -> Result<()>,
) -> Result<()> {
    corpus.for_each_batch(diag, |batch| {
        let analyses: Vec<Analysis> = batch
            .par_iter()
            .map_init(Scratch::default, |scratch, doc| {
                analyze_document(doc, tagger, line_breaks, rules, scratch)
            })
            .collect();
        for (doc, analysis) in batch.iter().zip(&analyses) {
            each(doc, analysis)?;
        }
        Ok(())
    })
}
