//! The runs behind `tag` and `count`: documents in, on every core, with the GIL released.
//!
//! Documents given in memory are analysed a batch at a time by the library's
//! `pipeline::analyze_batch`; runs of paths go through the library's reader and pipeline
//! unchanged, so reading a folder from Python and from the CLI is the same code. Counting
//! feeds one library `Counter` from both, in corpus order, as `actorgraph build` does.

use pyo3::prelude::*;

use actorgraph::analysis::Analysis;
use actorgraph::counts::Counts;
use actorgraph::input::{Corpus, Diagnostics, Document, Input};
use actorgraph::pipeline::{self, Extract};
use actorgraph::relation::Lexicon;
use actorgraph::run::{Counting, Settings};
use actorgraph::scan::Scan;
use actorgraph::warning::Warning;
use actorgraph::zone::ZoneRules;

use crate::docs::{Chunk, Reader};
use crate::errors::{to_py, usage};
use crate::gazetteer::Compiled;
use crate::options::Reading;

/// How documents are analysed beyond tagging: the zone rules (with the first pass's line
/// counts) and, for relations, what to extract.
#[derive(Clone, Copy)]
pub struct Analyse<'a> {
    pub rules: &'a ZoneRules<'a>,
    pub extract: Option<Extract<'a>>,
}

/// Analyses `docs` (`None`: the embedded seed articles) and calls `each` in corpus order.
/// Returns what reading found that did not stop it (warnings, skipped inputs).
pub fn analyse(
    py: Python<'_>,
    docs: Option<&Bound<'_, PyAny>>,
    compiled: &Compiled,
    reading: &Reading,
    how: Analyse<'_>,
    each: &mut (dyn FnMut(&Document, &Analysis) + Send),
) -> PyResult<Diagnostics> {
    let tagger = &compiled.tagger;
    let mut diag = Diagnostics::default();
    let Some(docs) = docs else {
        read_inputs(
            py,
            vec![Input::Seeds],
            compiled,
            reading,
            how,
            &mut diag,
            each,
        )?;
        return Ok(diag);
    };
    let mut reader = Reader::new(docs)?;
    while let Some(chunk) = reader.next_chunk()? {
        match chunk {
            Chunk::Docs(batch) => {
                diag.documents += batch.len();
                diag.bytes += batch.iter().map(|d| d.text.len() as u64).sum::<u64>();
                py.detach(|| {
                    reading.install(|| {
                        let analyses = pipeline::analyze_batch_with(
                            &batch,
                            tagger,
                            reading.line_breaks,
                            how.rules,
                            how.extract,
                        );
                        for (doc, analysis) in batch.iter().zip(&analyses) {
                            each(doc, analysis);
                        }
                    })
                });
            }
            Chunk::Paths(paths) => {
                let inputs = paths.into_iter().map(Input::Path).collect();
                read_inputs(py, inputs, compiled, reading, how, &mut diag, each)?;
            }
        }
        // Let Ctrl-C in a notebook stop a long run between batches.
        py.check_signals()?;
    }
    if diag.documents == 0 && diag.failed_inputs > 0 {
        let first = diag
            .warnings
            .first()
            .map_or_else(String::new, |w| w.located());
        return Err(usage(format!("no input could be read: {first}")));
    }
    Ok(diag)
}

fn read_inputs(
    py: Python<'_>,
    inputs: Vec<Input>,
    compiled: &Compiled,
    reading: &Reading,
    how: Analyse<'_>,
    diag: &mut Diagnostics,
    each: &mut (dyn FnMut(&Document, &Analysis) + Send),
) -> PyResult<()> {
    py.detach(|| {
        reading.install(|| {
            pipeline::run_with(
                Corpus::new(&inputs, reading.read.clone()),
                &compiled.tagger,
                reading.line_breaks,
                how.rules,
                how.extract,
                diag,
                |doc, analysis| {
                    each(doc, analysis);
                    Ok(())
                },
            )
        })
    })
    .map_err(to_py)
}

/// Counts `docs` as `actorgraph build` does, given the first pass `scan` over them (the
/// empty scan when `settings` ask for none); returns the counts and the run's warnings.
pub fn count(
    py: Python<'_>,
    docs: Option<&Bound<'_, PyAny>>,
    compiled: &Compiled,
    settings: &Settings,
    scan: &Scan,
    reading: &Reading,
) -> PyResult<(Counts, Vec<Warning>)> {
    // The library's counting step, as `actorgraph build` feeds it: copies are skipped, zones
    // that do not link are dropped and counted in the stats, relations counted when asked.
    let lexicon = settings.edges.relations().then(Lexicon::embedded);
    let mut counting = Counting::new(&compiled.gazetteer, settings, scan, lexicon.as_ref());
    let how = Analyse {
        rules: &scan.zone_rules(),
        extract: lexicon.as_ref().map(|lexicon| Extract {
            gazetteer: &compiled.gazetteer,
            lexicon,
        }),
    };
    let diag = analyse(py, docs, compiled, reading, how, &mut |doc, analysis| {
        counting.add(doc, analysis)
    })?;
    counting.coverage().map_err(to_py)?;
    let mut warnings = diag.warnings;
    let (counts, counted) = py.detach(|| counting.finish());
    warnings.extend(counted);
    Ok((counts, warnings))
}
