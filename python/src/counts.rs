//! `Counts`: what a corpus contributes to a graph, mergeable and picklable.
//!
//! It wraps the library's `counts::Counts`. Merging is associative and commutative, so counts
//! of any split of a corpus, merged in any grouping and order, finish into the same graph as
//! one run; this is what the Spark job's `mapPartitions` + `treeReduce` relies on. A Counts
//! pickles as a partial counts file (`actorgraph build --partial`'s compact format), so it
//! crosses process and machine boundaries, and `to_bytes()` written to `x.agc` is a file
//! `actorgraph merge` reads.

use pyo3::prelude::*;
use pyo3::types::{PyBytes, PyTuple};

use actorgraph::counts::Counts as Inner;
use actorgraph::graph::Filters;
use actorgraph::partial;

use crate::errors::to_py;
use crate::graph::Graph;

/// Mergeable counts of a corpus (the compiled half of `actorgraph.Counts`).
#[pyclass(frozen, module = "actorgraph._actorgraph")]
pub struct Counts {
    pub inner: Inner,
}

/// Serialises counts as a partial counts file (`actorgraph build --partial`'s format).
fn encode(counts: &Inner) -> Vec<u8> {
    let mut out = Vec::new();
    partial::write(counts, &mut out).expect("writing to memory cannot fail");
    out
}

#[pymethods]
impl Counts {
    /// New counts holding both `self` and `other`. Fails when they were counted with
    /// different gazetteers or options (the message names the difference).
    fn merge(&self, py: Python<'_>, other: &Counts) -> PyResult<Counts> {
        let (mut a, b) = (self.inner.clone(), other.inner.clone());
        py.detach(move || a.merge(b).map(|()| a))
            .map(|inner| Counts { inner })
            .map_err(to_py)
    }

    /// The graph: scores computed, filters applied (as `actorgraph build`'s flags).
    #[pyo3(signature = (*, min_weight=1, top_edges=None, types=None, actors=None, max_evidence=None, communities=false, seed=1, keep_isolates=false))]
    #[allow(clippy::too_many_arguments)]
    fn finish(
        &self,
        py: Python<'_>,
        min_weight: u64,
        top_edges: Option<usize>,
        types: Option<Vec<String>>,
        actors: Option<Vec<String>>,
        max_evidence: Option<usize>,
        communities: bool,
        seed: u64,
        keep_isolates: bool,
    ) -> PyResult<Graph> {
        let filters = Filters {
            min_weight,
            top_edges,
            types,
            actors,
            max_evidence,
        };
        // The CLI's finishing step: isolates a filter made, communities, the picture's title.
        let finish = actorgraph::export::view::Finish {
            keep_isolates,
            communities: communities.then_some(seed),
        };
        let (graph, page) = py.detach(|| finish.apply(&self.inner, &filters, None));
        let default_evidence = self.inner.recipe.max_evidence.is_none() && max_evidence.is_none();
        let why = actorgraph::empty::why(&graph, &self.inner, &filters, None)
            .map(|w| w.message(actorgraph::empty::Spelling::Python));
        Ok(Graph::new(graph, default_evidence, page, why))
    }

    /// The counts as a partial counts file (what pickling stores; `actorgraph merge` reads
    /// it).
    fn to_bytes<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyBytes>> {
        let bytes = py.detach(|| encode(&self.inner));
        Ok(PyBytes::new(py, &bytes))
    }

    /// Counts from `to_bytes()` or a partial counts file's bytes.
    #[staticmethod]
    fn from_bytes(py: Python<'_>, data: &[u8]) -> PyResult<Counts> {
        py.detach(|| partial::read("<bytes>", data))
            .map(|inner| Counts { inner })
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

    /// Equal counts finish into equal graphs.
    fn __eq__(&self, other: &Counts) -> bool {
        self.inner == other.inner
    }

    /// Corpus-level counts as JSON (documents, sentences, units, mentions, ...).
    fn corpus_json(&self) -> String {
        serde_json::to_string(&self.inner.corpus).expect("plain numbers serialise")
    }

    /// Actors and edges counted.
    fn sizes(&self) -> (usize, usize) {
        (self.inner.nodes.len(), self.inner.edges.len())
    }
}
