//! `build` and `Graph`: the actor network, written in any of the CLI's formats.
//!
//! A `Graph` holds the library's finished `ActorGraph`. Its bytes in every format come from
//! the library's writers, so `Graph.write("g.graphml")` and `actorgraph build -o g.graphml`
//! are the same file for the same documents and options.

use std::borrow::Cow;
use std::path::PathBuf;

use pyo3::prelude::*;
use pyo3::types::PyBytes;

use actorgraph::export::{self, Format};
use actorgraph::graph::{ActorGraph, BuildOptions, Filters, GraphBuilder, MAX_ACTORS_PER_UNIT};
use actorgraph::output::Output;

use crate::engine;
use crate::errors::{to_py, usage};
use crate::gazetteer::Gazetteer;
use crate::options::{self, Reading};

/// Evidence kept per edge in every format but JSON when `max_evidence` is not given (the
/// CLI's default).
const DEFAULT_EVIDENCE: usize = 3;

/// A finished actor network (the compiled half of `actorgraph.Graph`).
#[pyclass(frozen, module = "actorgraph._actorgraph")]
pub struct Graph {
    graph: ActorGraph,
    /// True when `max_evidence` was not given: JSON keeps all evidence, other formats 3.
    default_evidence: bool,
}

/// The format named `name`, or the one of `path`'s extension.
fn format_of(name: Option<&str>, path: Option<&std::path::Path>) -> PyResult<Format> {
    if let Some(name) = name {
        return Format::ALL
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|&(_, f)| f)
            .ok_or_else(|| {
                let names: Vec<&str> = Format::ALL.iter().map(|(n, _)| *n).collect();
                usage(format!(
                    "format={name:?}: expected one of {}",
                    names.join(", ")
                ))
            });
    }
    let path = path.expect("a path when no format is named");
    Format::from_path(path).ok_or_else(|| {
        usage(format!(
            "cannot tell the format from {:?}; use an extension (.dot .graphml .gexf .json .csv \
             .svg .png) or format=",
            path.display().to_string()
        ))
    })
}

impl Graph {
    /// The graph as the CLI writes it in `format`: with the default evidence cap applied.
    fn view(&self, format: Format) -> Cow<'_, ActorGraph> {
        if !self.default_evidence || format == Format::Json {
            return Cow::Borrowed(&self.graph);
        }
        let mut g = self.graph.clone();
        for e in g.graph.edge_weights_mut() {
            e.evidence.truncate(DEFAULT_EVIDENCE);
        }
        g.max_evidence = Some(DEFAULT_EVIDENCE);
        Cow::Owned(g)
    }
}

#[pymethods]
impl Graph {
    /// The graph in `format` (dot, graphml, gexf, json, svg or png) as bytes.
    fn to_bytes<'py>(&self, py: Python<'py>, format: &str) -> PyResult<Bound<'py, PyBytes>> {
        let format = format_of(Some(format), None)?;
        let bytes = py
            .detach(|| {
                let mut out = Vec::new();
                export::write(&self.view(format), format, &mut out).map(|()| out)
            })
            .map_err(to_py)?;
        Ok(PyBytes::new(py, &bytes))
    }

    /// Writes the graph to `path` (a directory for csv), atomically, in `format` or the one
    /// named by the extension.
    #[pyo3(signature = (path, format=None))]
    fn write(&self, py: Python<'_>, path: PathBuf, format: Option<&str>) -> PyResult<()> {
        let format = format_of(format, Some(&path))?;
        py.detach(|| -> actorgraph::Result<()> {
            let graph = self.view(format);
            if format == Format::Csv {
                return export::csv::write_dir(&graph, &path);
            }
            // Render first, so a missing Graphviz leaves no file behind.
            let mut bytes = Vec::new();
            export::write(&graph, format, &mut bytes)?;
            let mut out = Output::create(Some(&path))?;
            std::io::Write::write_all(&mut out, &bytes).map_err(|e| out.error(e))?;
            out.commit()
        })
        .map_err(to_py)
    }

    /// Number of actors.
    #[getter]
    fn node_count(&self) -> usize {
        self.graph.graph.node_count()
    }

    /// Number of links.
    #[getter]
    fn edge_count(&self) -> usize {
        self.graph.graph.edge_count()
    }
}

/// Builds the actor network of `docs` (None: the embedded seeds). Returns the graph and the
/// warnings of the run.
#[pyfunction]
#[pyo3(signature = (
    docs, gazetteer=None, *, unit="sentence", max_evidence=None, min_weight=1, top_edges=None,
    types=None, actors=None, since=None, until=None, communities=false, seed=1,
    line_breaks="auto", threads=None, skip_bad_lines=false, text=false
))]
#[allow(clippy::too_many_arguments)]
pub fn build(
    py: Python<'_>,
    docs: Option<&Bound<'_, PyAny>>,
    gazetteer: Option<&Gazetteer>,
    unit: &str,
    max_evidence: Option<usize>,
    min_weight: u64,
    top_edges: Option<usize>,
    types: Option<Vec<String>>,
    actors: Option<Vec<String>>,
    since: Option<&Bound<'_, PyAny>>,
    until: Option<&Bound<'_, PyAny>>,
    communities: bool,
    seed: u64,
    line_breaks: &str,
    threads: Option<usize>,
    skip_bad_lines: bool,
    text: bool,
) -> PyResult<(Graph, Vec<String>)> {
    let reading = Reading::new(line_breaks, threads, skip_bad_lines, text)?;
    let build_options = BuildOptions {
        unit: options::unit(unit)?,
        max_evidence,
        since: options::date("since", since)?,
        until: options::date("until", until)?,
    };
    let filters = Filters {
        min_weight,
        top_edges,
        types,
        actors,
    };
    let compiled = Gazetteer::resolve(py, gazetteer)?;
    if let Some(ids) = &filters.actors {
        if let Some(id) = ids.iter().find(|id| compiled.gazetteer.by_id(id).is_none()) {
            return Err(usage(format!(
                "actors: no actor has the id \"{id}\" in the gazetteer"
            )));
        }
    }
    let mut builder = GraphBuilder::new(&compiled.gazetteer, build_options);
    let mut diag = engine::run(
        py,
        docs,
        &compiled.tagger,
        &reading,
        &mut |doc, analysis| builder.add(doc, analysis),
    )?;
    let mut graph = py.detach(|| reading.install(|| builder.finish(&filters)));
    if communities {
        py.detach(|| actorgraph::query::community::assign(&mut graph, seed, 1.0));
    }
    if graph.corpus.capped_units > 0 {
        diag.warnings.push(format!(
            "{} unit(s) mention more than {MAX_ACTORS_PER_UNIT} actors; only the first \
             {MAX_ACTORS_PER_UNIT} (by first mention) were linked in each",
            graph.corpus.capped_units
        ));
    }
    let graph = Graph {
        graph,
        default_evidence: max_evidence.is_none(),
    };
    Ok((graph, diag.warnings))
}
