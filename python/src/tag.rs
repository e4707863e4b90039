//! `tag` and `relations`: every mention, every typed relation, as the CLI's JSON Lines.
//!
//! The rows are written by the library's own writers (`export::mentions`,
//! `relation::write`), so the fields are the CLI's by construction; the Python package parses
//! them into dicts.

use std::path::PathBuf;

use pyo3::prelude::*;

use actorgraph::export::mentions::{self, RowFormat};
use actorgraph::pipeline::Extract;
use actorgraph::relation::write::{self as relation_write};
use actorgraph::relation::Lexicon;
use actorgraph::zone::ZoneRules;

use crate::engine::{self, Analyse};
use crate::errors::to_py;
use crate::gazetteer::Gazetteer;
use crate::options::Reading;
use crate::scan::Scan;

/// Tags `docs` (None: the embedded seeds); the zones use the repeated lines of `scan` when
/// given (the CLI's `tag` makes that first pass). Returns the mentions as JSON Lines and the
/// warnings of the run.
#[pyfunction]
#[pyo3(signature = (docs, gazetteer=None, *, scan=None, line_breaks="auto", threads=None, skip_bad_lines=false, text=false))]
#[allow(clippy::too_many_arguments)]
pub fn tag(
    py: Python<'_>,
    docs: Option<&Bound<'_, PyAny>>,
    gazetteer: Option<&Gazetteer>,
    scan: Option<&Scan>,
    line_breaks: &str,
    threads: Option<usize>,
    skip_bad_lines: bool,
    text: bool,
) -> PyResult<(String, Vec<String>)> {
    let reading = Reading::new(line_breaks, threads, skip_bad_lines, text)?;
    let compiled = Gazetteer::resolve(py, gazetteer)?;
    let default_rules = ZoneRules::default();
    let rules = match scan {
        Some(s) => s.decided()?.zone_rules(),
        None => default_rules,
    };
    let how = Analyse {
        rules: &rules,
        extract: None,
    };
    let mut out: Vec<u8> = Vec::new();
    let diag = engine::analyse(py, docs, &compiled, &reading, how, &mut |doc, analysis| {
        // Writing into memory cannot fail.
        let _ = mentions::write_document(
            &mut out,
            RowFormat::Jsonl,
            &compiled.gazetteer,
            doc,
            analysis,
        );
    })?;
    let jsonl = String::from_utf8(out).expect("serde_json writes UTF-8");
    Ok((jsonl, diag.warnings.iter().map(|w| w.to_string()).collect()))
}

/// Typed relations in `docs` (None: the embedded seeds) with the embedded lexicon or the one
/// in `lexicon`. Returns them as JSON Lines (`actorgraph relations`) and the warnings.
#[pyfunction]
#[pyo3(signature = (docs, gazetteer=None, *, lexicon=None, line_breaks="auto", threads=None, skip_bad_lines=false, text=false))]
#[allow(clippy::too_many_arguments)]
pub fn relations(
    py: Python<'_>,
    docs: Option<&Bound<'_, PyAny>>,
    gazetteer: Option<&Gazetteer>,
    lexicon: Option<PathBuf>,
    line_breaks: &str,
    threads: Option<usize>,
    skip_bad_lines: bool,
    text: bool,
) -> PyResult<(String, Vec<String>)> {
    let reading = Reading::new(line_breaks, threads, skip_bad_lines, text)?;
    let compiled = Gazetteer::resolve(py, gazetteer)?;
    let lexicon = match lexicon {
        Some(p) => py.detach(|| Lexicon::load_file(&p)).map_err(to_py)?,
        None => Lexicon::embedded(),
    };
    // As `actorgraph relations`: the embedded zone cues, no first pass.
    let rules = ZoneRules::default();
    let how = Analyse {
        rules: &rules,
        extract: Some(Extract {
            gazetteer: &compiled.gazetteer,
            lexicon: &lexicon,
        }),
    };
    let mut out: Vec<u8> = Vec::new();
    let diag = engine::analyse(py, docs, &compiled, &reading, how, &mut |doc, analysis| {
        // Writing into memory cannot fail.
        let _ = relation_write::write_document(
            &mut out,
            RowFormat::Jsonl,
            &compiled.gazetteer,
            &lexicon,
            doc,
            &analysis.relations,
        );
    })?;
    let jsonl = String::from_utf8(out).expect("serde_json writes UTF-8");
    Ok((jsonl, diag.warnings.iter().map(|w| w.to_string()).collect()))
}
