//! `count`, `build` and `Graph`: the actor network, written in any of the CLI's formats.
//!
//! `count` runs the library's counter over documents; `build` is `count` then
//! `Counts.finish`, as `actorgraph build` does. A `Graph` holds the library's finished
//! `ActorGraph`; its bytes in every format come from the library's writers, so
//! `Graph.write("g.graphml")` and `actorgraph build -o g.graphml` are the same file for the
//! same documents and options.

use std::borrow::Cow;
use std::path::PathBuf;

use pyo3::prelude::*;
use pyo3::types::PyBytes;

use actorgraph::export::{self, Format};
use actorgraph::graph::ActorGraph;
use actorgraph::output::Output;
use actorgraph::run::Settings;
use actorgraph::scan::Survey;
use actorgraph::zone::Linking;

use crate::counts::Counts;
use crate::engine;
use crate::errors::{to_py, usage};
use crate::gazetteer::Gazetteer;
use crate::options::{self, Reading};
use crate::scan::Scan;

/// Evidence kept per edge in every format but JSON when `max_evidence` is not given (the
/// CLI's default).
const DEFAULT_EVIDENCE: usize = 3;

/// A finished actor network (the compiled half of `actorgraph.Graph`).
#[pyclass(frozen, module = "actorgraph._actorgraph")]
pub struct Graph {
    graph: ActorGraph,
    /// True when `max_evidence` was not given: JSON keeps all evidence, other formats 3.
    default_evidence: bool,
    /// Title line and aliases for pictures and the HTML page (as the CLI writes them).
    page: export::View,
    /// Why the graph has no link (`actorgraph::empty`), spelt for Python.
    why_empty: Option<String>,
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
             .svg .png .html) or format=",
            path.display().to_string()
        ))
    })
}

impl Graph {
    /// A graph; `default_evidence` when no evidence cap was asked for; `why_empty` when it has
    /// no link.
    pub fn new(
        graph: ActorGraph,
        default_evidence: bool,
        page: export::View,
        why_empty: Option<String>,
    ) -> Graph {
        Graph {
            graph,
            default_evidence,
            page,
            why_empty,
        }
    }

    /// The graph as the CLI writes it in `format`: with the default evidence cap applied
    /// (evidence is sorted smallest first, so the first 3 are the ones the CLI keeps).
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
                export::write_view(&self.view(format), format, &self.page, &mut out).map(|()| out)
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
            export::write_view(&graph, format, &self.page, &mut bytes)?;
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

    /// Why the graph has no link, with what to do; None when it has links.
    #[getter]
    fn why_empty(&self) -> Option<String> {
        self.why_empty.clone()
    }

    /// True when some edge is a typed relation (not a co-mention).
    #[getter]
    fn has_relations(&self) -> bool {
        self.graph.graph.edge_weights().any(|e| !e.is_co_mention())
    }
}

/// Counts `docs` (None: the embedded seeds) as `actorgraph build --partial` does, given the
/// first pass `scan` over the whole corpus (required unless `keep_duplicates` and
/// `repeated_lines=0`). Returns the counts and the warnings of the run.
#[pyfunction]
#[pyo3(signature = (
    docs, gazetteer=None, *, scan=None, unit="sentence", max_evidence=None, since=None,
    until=None, keep_duplicates=false, repeated_lines=5, keep_boilerplate=false,
    headlines="link", edges="co-mention", line_breaks="auto", threads=None,
    skip_bad_lines=false, text=false
))]
#[allow(clippy::too_many_arguments)]
pub fn count(
    py: Python<'_>,
    docs: Option<&Bound<'_, PyAny>>,
    gazetteer: Option<&Gazetteer>,
    scan: Option<&Scan>,
    unit: &str,
    max_evidence: Option<usize>,
    since: Option<&Bound<'_, PyAny>>,
    until: Option<&Bound<'_, PyAny>>,
    keep_duplicates: bool,
    repeated_lines: u32,
    keep_boilerplate: bool,
    headlines: &str,
    edges: &str,
    line_breaks: &str,
    threads: Option<usize>,
    skip_bad_lines: bool,
    text: bool,
) -> PyResult<(Counts, Vec<String>)> {
    let mut reading = Reading::new(line_breaks, threads, skip_bad_lines, text)?;
    // Repeated ids are counted under their id, as `actorgraph build` does.
    reading.read.keep_duplicate_ids = true;
    let settings = Settings {
        unit: options::unit(unit)?,
        line_breaks: reading.line_breaks,
        max_evidence,
        since: options::date("since", since)?,
        until: options::date("until", until)?,
        linking: Linking {
            keep_boilerplate,
            headlines: options::headlines(headlines)?,
        },
        duplicates: !keep_duplicates,
        repeated_lines,
        edges: options::edges(edges)?,
        ..Settings::default()
    };
    let empty = actorgraph::scan::Scan::default();
    let decided = match scan {
        Some(s) => {
            let wanted = Survey::new(&settings.scan_options());
            wanted.check(&s.survey, "scan", "count").map_err(to_py)?;
            s.decided()?
        }
        None if settings.scan_options().wanted() => {
            return Err(usage(
                "count needs the first pass over the corpus: give scan=actorgraph.scan(docs), \
                 or keep_duplicates=True and repeated_lines=0",
            ))
        }
        None => &empty,
    };
    let compiled = Gazetteer::resolve(py, gazetteer)?;
    let (counts, warnings) = engine::count(py, docs, &compiled, &settings, decided, &reading)?;
    let warnings = warnings.iter().map(|w| w.to_string()).collect();
    Ok((Counts { inner: counts }, warnings))
}

/// The ids of `actors` (ids, labels or aliases of `gazetteer`, as `build --actors` takes
/// them); an unknown or shared name fails with the CLI's message.
#[pyfunction]
#[pyo3(signature = (actors, gazetteer=None))]
pub fn check_actors(
    py: Python<'_>,
    actors: Vec<String>,
    gazetteer: Option<&Gazetteer>,
) -> PyResult<Vec<String>> {
    let compiled = Gazetteer::resolve(py, gazetteer)?;
    actorgraph::query::names::ActorNames::from_gazetteer(&compiled.gazetteer)
        .resolve_all("actors", &actors)
        .map_err(to_py)
}
