//! The analysis run behind `tag` and `build`: documents in, `(document, analysis)` out, in
//! corpus order, on every core, with the GIL released.
//!
//! Documents given in memory are analysed a batch at a time with rayon, as the library's
//! pipeline does for files; runs of paths go through the library's reader and pipeline
//! unchanged, so reading a folder from Python and from the CLI is the same code.

use pyo3::prelude::*;
use rayon::prelude::*;

use actorgraph::analysis::{analyze, Analysis};
use actorgraph::input::{Corpus, Diagnostics, Document, Input};
use actorgraph::pipeline;
use actorgraph::tagger::{Scratch, Tagger};

use crate::docs::{Chunk, Reader};
use crate::errors::{to_py, usage};
use crate::options::Reading;

/// Analyses `docs` (`None`: the embedded seed articles) and calls `each` in corpus order.
/// Returns what reading found that did not stop it (warnings, skipped inputs).
pub fn run(
    py: Python<'_>,
    docs: Option<&Bound<'_, PyAny>>,
    tagger: &Tagger,
    reading: &Reading,
    each: &mut (dyn FnMut(&Document, &Analysis) + Send),
) -> PyResult<Diagnostics> {
    let mut diag = Diagnostics::default();
    let Some(docs) = docs else {
        read_inputs(py, vec![Input::Seeds], tagger, reading, &mut diag, each)?;
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
                        let analyses: Vec<Analysis> = batch
                            .par_iter()
                            .map_init(Scratch::default, |scratch, doc| {
                                analyze(&doc.text, tagger, reading.line_breaks, scratch)
                            })
                            .collect();
                        for (doc, analysis) in batch.iter().zip(&analyses) {
                            each(doc, analysis);
                        }
                    })
                });
            }
            Chunk::Paths(paths) => {
                let inputs = paths.into_iter().map(Input::Path).collect();
                read_inputs(py, inputs, tagger, reading, &mut diag, each)?;
            }
        }
        // Let Ctrl-C in a notebook stop a long run between batches.
        py.check_signals()?;
    }
    if diag.documents == 0 && diag.failed_inputs > 0 {
        let first = diag
            .warnings
            .first()
            .map_or("", |w| w.trim_end_matches("; skipped"));
        return Err(usage(format!("no input could be read: {first}")));
    }
    Ok(diag)
}

fn read_inputs(
    py: Python<'_>,
    inputs: Vec<Input>,
    tagger: &Tagger,
    reading: &Reading,
    diag: &mut Diagnostics,
    each: &mut (dyn FnMut(&Document, &Analysis) + Send),
) -> PyResult<()> {
    py.detach(|| {
        reading.install(|| {
            pipeline::run(
                Corpus::new(&inputs, reading.read),
                tagger,
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
