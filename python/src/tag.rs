//! `tag`: every mention of every document, as the CLI's JSON Lines.
//!
//! The rows are written by the library's own writer (`export::mentions`), so the fields are
//! the CLI's by construction; the Python package parses them into dicts.

use pyo3::prelude::*;

use actorgraph::export::mentions::{self, MentionFormat};

use crate::engine;
use crate::gazetteer::Gazetteer;
use crate::options::Reading;

/// Tags `docs` (None: the embedded seeds). Returns the mentions as JSON Lines and the
/// warnings of the run.
#[pyfunction]
#[pyo3(signature = (docs, gazetteer=None, *, line_breaks="auto", threads=None, skip_bad_lines=false, text=false))]
pub fn tag(
    py: Python<'_>,
    docs: Option<&Bound<'_, PyAny>>,
    gazetteer: Option<&Gazetteer>,
    line_breaks: &str,
    threads: Option<usize>,
    skip_bad_lines: bool,
    text: bool,
) -> PyResult<(String, Vec<String>)> {
    let reading = Reading::new(line_breaks, threads, skip_bad_lines, text)?;
    let compiled = Gazetteer::resolve(py, gazetteer)?;
    let mut out: Vec<u8> = Vec::new();
    let diag = engine::analyse(py, docs, &compiled, &reading, &mut |doc, analysis| {
        // Writing into memory cannot fail.
        let _ = mentions::write_document(
            &mut out,
            MentionFormat::Jsonl,
            &compiled.gazetteer,
            doc,
            analysis,
        );
    })?;
    let jsonl = String::from_utf8(out).expect("serde_json writes UTF-8");
    Ok((jsonl, diag.warnings.iter().map(|w| w.to_string()).collect()))
}
