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
use actorgraph::pipeline;
use actorgraph::run::{Counting, Settings};
use actorgraph::scan::Scan;
use actorgraph::warning::Warning;

use crate::docs::{Chunk, Reader};
use crate::errors::{to_py, usage};
use crate::gazetteer::Compiled;
use crate::options::Reading;

/// Analyses `docs` (`None`: the embedded seed articles) and calls `each` in corpus order.
/// Returns what reading found that did not stop it (warnings, skipped inputs).
pub fn analyse(
    py: Python<'_>,
    docs: Option<&Bound<'_, PyAny>>,
    compiled: &Compiled,
    reading: &Reading,
    each: &mut (dyn FnMut(&Document, &Analysis) + Send),
) -> PyResult<Diagnostics> {
    let tagger = &compiled.tagger;
    let mut diag = Diagnostics::default();
    let Some(docs) = docs else {
        read_inputs(py, vec![Input::Seeds], compiled, reading, &mut diag, each)?;
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
                        let analyses = pipeline::analyze_batch(&batch, tagger, reading.line_breaks);
                        for (doc, analysis) in batch.iter().zip(&analyses) {
                            each(doc, analysis);
                        }
                    })
                });
            }
            Chunk::Paths(paths) => {
                let inputs = paths.into_iter().map(Input::Path).collect();
                read_inputs(py, inputs, compiled, reading, &mut diag, each)?;
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
    diag: &mut Diagnostics,
    each: &mut (dyn FnMut(&Document, &Analysis) + Send),
) -> PyResult<()> {
    py.detach(|| {
        reading.install(|| {
            pipeline::run(
                Corpus::new(&inputs, reading.read.clone()),
                &compiled.tagger,
                reading.line_breaks,
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

/// Counts `docs` as `actorgraph build` does; returns the counts and the run's warnings.
pub fn count(
    py: Python<'_>,
    docs: Option<&Bound<'_, PyAny>>,
    compiled: &Compiled,
    settings: &Settings,
    reading: &Reading,
) -> PyResult<(Counts, Vec<Warning>)> {
    // The library's counting step, as `actorgraph build` feeds it: zones that do not link are
    // dropped and counted in the stats. There is no first pass here (documents may be a
    // one-shot iterator), so the scan is empty and the settings say so.
    let scan = Scan::default();
    let mut counting = Counting::new(&compiled.gazetteer, settings, &scan, None);
    let diag = analyse(py, docs, compiled, reading, &mut |doc, analysis| {
        counting.add(doc, analysis)
    })?;
    let mut warnings = diag.warnings;
    let (counts, counted) = py.detach(|| counting.finish());
    warnings.extend(counted);
    Ok((counts, warnings))
}
