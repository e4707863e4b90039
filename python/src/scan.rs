//! `Scan`: the first pass over documents (duplicate signatures, line keys), mergeable and
//! picklable.
//!
//! It wraps the library's `scan::Survey`. Surveys of any split of a corpus merge (in any order
//! and grouping) into the survey of the whole, and the decision made from it (which copies are
//! set aside, which lines are furniture) depends only on the set of documents: this is what
//! lets `count(part, scan=whole)` on every part, merged, equal one `build`. A Scan pickles as
//! a scan file (`actorgraph scan -o x.ags`'s format).

use std::sync::OnceLock;

use pyo3::prelude::*;
use pyo3::types::{PyBytes, PyTuple};

use actorgraph::input::{Corpus, Diagnostics, Input};
use actorgraph::scan::{self as lib, ScanOptions, Survey};
use actorgraph::scanfile;

use crate::docs::{Chunk, Reader};
use crate::errors::{to_py, to_py_ref};
use crate::options::Reading;

/// What the first pass saw (the compiled half of `actorgraph.Scan`).
#[pyclass(frozen, module = "actorgraph._actorgraph")]
pub struct Scan {
    pub survey: Survey,
    /// The decision, made once on first use (a broadcast Scan decides once per process); it
    /// fails only when the survey's temporary file cannot be read.
    decided: OnceLock<actorgraph::Result<lib::Scan>>,
}

impl Scan {
    pub fn new(survey: Survey) -> Scan {
        Scan {
            survey,
            decided: OnceLock::new(),
        }
    }

    /// The decision over every document surveyed, on a thread pool of its own: the decision
    /// sorts on every core, and rayon's global pool does not survive a fork, so a Scan decided
    /// in a `ProcessPoolExecutor` or multiprocessing worker whose parent had used the pool
    /// would wait forever for threads the child does not have.
    pub fn decided(&self) -> PyResult<&lib::Scan> {
        self.decided
            .get_or_init(|| match rayon::ThreadPoolBuilder::new().build() {
                Ok(pool) => pool.install(|| self.survey.decide()),
                Err(_) => self.survey.decide(),
            })
            .as_ref()
            .map_err(to_py_ref)
    }
}

#[pymethods]
impl Scan {
    /// A new Scan holding both; fails when they were made with different options.
    fn merge(&self, py: Python<'_>, other: &Scan) -> PyResult<Scan> {
        py.detach(|| {
            let mut a = self.survey.try_clone()?;
            a.check(&other.survey, "the other scan", "this one")?;
            other.survey.try_for_each(|seen| a.push(seen))?;
            Ok(a)
        })
        .map(Scan::new)
        .map_err(to_py)
    }

    /// The scan as a scan file's bytes (what pickling stores; `build --scan` reads it).
    fn to_bytes<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyBytes>> {
        let bytes = py
            .detach(|| scanfile::to_bytes(&self.survey))
            .map_err(to_py)?;
        Ok(PyBytes::new(py, &bytes))
    }

    /// A Scan from `to_bytes()` or a scan file's bytes.
    #[staticmethod]
    fn from_bytes(py: Python<'_>, data: &[u8]) -> PyResult<Scan> {
        py.detach(|| scanfile::read("<bytes>", data))
            .map(Scan::new)
            .map_err(to_py)
    }

    fn __reduce__<'py>(slf: &Bound<'py, Self>) -> PyResult<Bound<'py, PyTuple>> {
        let py = slf.py();
        let bytes = slf.get().to_bytes(py)?;
        PyTuple::new(
            py,
            [
                slf.get_type().getattr("from_bytes")?,
                PyTuple::new(py, [bytes])?.into_any(),
            ],
        )
    }

    fn __len__(&self) -> usize {
        self.survey.len()
    }

    /// Equal scans decide the same way.
    fn __eq__(&self, py: Python<'_>, other: &Scan) -> PyResult<bool> {
        let key = |s: &Survey| {
            let mut ids = Vec::with_capacity(s.len());
            s.for_each(|d| ids.push((d.id.to_owned(), d.date, d.signature.exact)))?;
            ids.sort();
            Ok((s.duplicates, s.repeated_lines, ids))
        };
        py.detach(|| Ok(key(&self.survey)? == key(&other.survey)?))
            .map_err(to_py)
    }

    /// `(keep_duplicates, repeated_lines)`: the options it was made with.
    #[getter]
    fn options(&self) -> (bool, u32) {
        (!self.survey.duplicates, self.survey.repeated_lines)
    }

    /// The documents set aside: `(id, kept id, "exact" | "near")`, sorted by id.
    fn duplicates(&self, py: Python<'_>) -> PyResult<Vec<(String, String, &'static str)>> {
        py.detach(|| {
            Ok(self
                .decided()?
                .duplicates
                .list
                .iter()
                .map(|d| {
                    let how = match d.how {
                        actorgraph::dedup::Match::Exact => "exact",
                        actorgraph::dedup::Match::Near => "near",
                    };
                    (d.id.clone(), d.kept.clone(), how)
                })
                .collect())
        })
    }
}

/// The first pass over `docs` (`None`: the embedded seeds). Returns the scan and the warnings
/// of reading.
#[pyfunction]
#[pyo3(signature = (docs, *, keep_duplicates=false, repeated_lines=5, threads=None, skip_bad_lines=false, text=false))]
pub fn scan(
    py: Python<'_>,
    docs: Option<&Bound<'_, PyAny>>,
    keep_duplicates: bool,
    repeated_lines: u32,
    threads: Option<usize>,
    skip_bad_lines: bool,
    text: bool,
) -> PyResult<(Scan, Vec<String>)> {
    let mut reading = Reading::new("auto", threads, skip_bad_lines, text)?;
    // Ids as counting reads them (repeated ids kept, as `actorgraph build`).
    reading.read.keep_duplicate_ids = true;
    let options = ScanOptions {
        duplicates: !keep_duplicates,
        repeated_lines,
        ..ScanOptions::default()
    };
    let mut survey = Survey::new(&options);
    let mut diag = Diagnostics::default();
    let read = |inputs: Vec<Input>, survey: &mut Survey, diag: &mut Diagnostics| {
        let part = py.detach(|| {
            reading
                .install(|| lib::survey(Corpus::new(&inputs, reading.read.clone()), &options, diag))
        });
        part.and_then(|p| survey.merge(p)).map_err(to_py)
    };
    match docs {
        None => read(vec![Input::Seeds], &mut survey, &mut diag)?,
        Some(docs) => {
            let mut reader = Reader::new(docs)?;
            while let Some(chunk) = reader.next_chunk()? {
                match chunk {
                    Chunk::Docs(batch) => {
                        py.detach(|| reading.install(|| survey.add_batch(&batch)))
                            .map_err(to_py)?;
                    }
                    Chunk::Paths(paths) => read(
                        paths.into_iter().map(Input::Path).collect(),
                        &mut survey,
                        &mut diag,
                    )?,
                }
                py.check_signals()?;
            }
        }
    }
    let warnings = diag.warnings.iter().map(|w| w.to_string()).collect();
    Ok((Scan::new(survey), warnings))
}
