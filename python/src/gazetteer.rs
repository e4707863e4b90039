//! `Gazetteer`: a loaded, validated gazetteer with its compiled automaton.
//!
//! Compiling happens once, when the gazetteer is loaded, so errors surface there and every
//! later `tag`/`build` reuses the automaton. The embedded gazetteer is compiled once per
//! process.
//!
//! A gazetteer pickles as the bytes of its files (the embedded one as a name), so a Spark job
//! ships it to executors inside its closures; each worker process compiles a given set of
//! files once and reuses it for every task.

use std::collections::HashMap;
use std::hash::{Hash, Hasher};
use std::path::PathBuf;
use std::sync::{Arc, Mutex, OnceLock};

use pyo3::prelude::*;
use pyo3::types::{PyBytes, PyDict, PyList, PyTuple};

use actorgraph::gazetteer::{CaseRule, Gazetteer as Inner, Source};
use actorgraph::tagger::Tagger;

use crate::errors::to_py;

/// A gazetteer and its automaton, shared by every call that uses it.
pub struct Compiled {
    pub gazetteer: Inner,
    pub tagger: Tagger,
}

/// Actors and their aliases, compiled into one automaton. `Gazetteer.embedded()` is the
/// default gazetteer; `Gazetteer.load(*paths)` reads and merges JSON gazetteer files.
#[pyclass(frozen, module = "actorgraph")]
#[derive(Clone)]
pub struct Gazetteer {
    pub inner: Arc<Compiled>,
    /// Warnings from loading (duplicate aliases on one actor, ...).
    warnings: Vec<String>,
    name: String,
    /// The files' names and bytes; `None` for the embedded gazetteer.
    sources: Option<Arc<Sources>>,
}

/// Gazetteer files as (name, bytes), in load order.
type Sources = Vec<(String, Vec<u8>)>;

static EMBEDDED: OnceLock<Arc<Compiled>> = OnceLock::new();

/// Gazetteers compiled from unpickled sources in this process, by a hash of the sources.
static UNPICKLED: Mutex<Option<HashMap<u64, Arc<Compiled>>>> = Mutex::new(None);

impl Gazetteer {
    /// The embedded gazetteer, compiled on first use.
    pub fn default_compiled(py: Python<'_>) -> PyResult<Arc<Compiled>> {
        if let Some(c) = EMBEDDED.get() {
            return Ok(c.clone());
        }
        let compiled = py.detach(|| -> actorgraph::Result<Compiled> {
            let gazetteer = Inner::embedded();
            let tagger = Tagger::new(&gazetteer)?;
            Ok(Compiled { gazetteer, tagger })
        });
        let compiled = Arc::new(compiled.map_err(to_py)?);
        Ok(EMBEDDED.get_or_init(|| compiled).clone())
    }

    /// Parses, validates and compiles gazetteer sources (name, bytes), in order.
    fn compile(py: Python<'_>, sources: Sources) -> PyResult<(Compiled, Vec<String>, Sources)> {
        py.detach(move || {
            let refs: Vec<Source> = sources
                .iter()
                .map(|(name, bytes)| Source { name, bytes })
                .collect();
            let (gazetteer, warnings) = Inner::from_sources(&refs)?;
            let tagger = Tagger::new(&gazetteer)?;
            Ok((Compiled { gazetteer, tagger }, warnings, sources))
        })
        .map_err(to_py)
    }

    fn describe(sources: &[(String, Vec<u8>)]) -> String {
        sources
            .iter()
            .map(|(name, _)| name.as_str())
            .collect::<Vec<_>>()
            .join(", ")
    }

    /// The compiled gazetteer of an optional `gazetteer=` argument.
    pub fn resolve(py: Python<'_>, g: Option<&Gazetteer>) -> PyResult<Arc<Compiled>> {
        match g {
            Some(g) => Ok(g.inner.clone()),
            None => Gazetteer::default_compiled(py),
        }
    }
}

#[pymethods]
impl Gazetteer {
    /// The default gazetteer embedded in actorgraph.
    #[staticmethod]
    fn embedded(py: Python<'_>) -> PyResult<Gazetteer> {
        Ok(Gazetteer {
            inner: Gazetteer::default_compiled(py)?,
            warnings: Vec::new(),
            name: "embedded".into(),
            sources: None,
        })
    }

    /// Reads, validates and merges gazetteer JSON files, in order (a later file may not
    /// redefine an id), then compiles them. Errors say `file:line:col`.
    #[staticmethod]
    #[pyo3(signature = (*paths))]
    fn load(py: Python<'_>, paths: Vec<PathBuf>) -> PyResult<Gazetteer> {
        if paths.is_empty() {
            return Err(crate::errors::usage(
                "Gazetteer.load needs at least one file; use Gazetteer.embedded() for the default",
            ));
        }
        let mut sources = Vec::with_capacity(paths.len());
        for p in &paths {
            let bytes = std::fs::read(p).map_err(|e| to_py(actorgraph::Error::io(p, e)))?;
            sources.push((p.display().to_string(), bytes));
        }
        let (compiled, warnings, sources) = Gazetteer::compile(py, sources)?;
        Ok(Gazetteer {
            inner: Arc::new(compiled),
            warnings,
            name: Gazetteer::describe(&sources),
            sources: Some(Arc::new(sources)),
        })
    }

    /// Rebuilds a pickled gazetteer from its sources (compiled once per process).
    #[staticmethod]
    fn _from_sources(py: Python<'_>, sources: Sources) -> PyResult<Gazetteer> {
        let mut h = std::collections::hash_map::DefaultHasher::new();
        sources.hash(&mut h);
        let key = h.finish();
        let cached = UNPICKLED
            .lock()
            .ok()
            .and_then(|c| c.as_ref().and_then(|m| m.get(&key).cloned()));
        let name = Gazetteer::describe(&sources);
        let inner = match cached {
            Some(inner) => inner,
            None => {
                let (compiled, _, _) = Gazetteer::compile(py, sources.clone())?;
                let compiled = Arc::new(compiled);
                if let Ok(mut c) = UNPICKLED.lock() {
                    let map = c.get_or_insert_with(HashMap::new);
                    if map.len() >= 8 {
                        map.clear();
                    }
                    map.insert(key, compiled.clone());
                }
                compiled
            }
        };
        Ok(Gazetteer {
            inner,
            warnings: Vec::new(),
            name,
            sources: Some(Arc::new(sources)),
        })
    }

    /// Pickles as the embedded gazetteer's name or the files' bytes.
    fn __reduce__<'py>(slf: &Bound<'py, Self>) -> PyResult<Bound<'py, PyTuple>> {
        let py = slf.py();
        let class = slf.get_type();
        match &slf.get().sources {
            None => PyTuple::new(
                py,
                [class.getattr("embedded")?, PyTuple::empty(py).into_any()],
            ),
            Some(sources) => {
                let list = PyList::empty(py);
                for (name, bytes) in sources.iter() {
                    list.append((name, PyBytes::new(py, bytes)))?;
                }
                PyTuple::new(
                    py,
                    [
                        class.getattr("_from_sources")?,
                        PyTuple::new(py, [list.into_any()])?.into_any(),
                    ],
                )
            }
        }
    }

    /// Warnings found while loading (the run still succeeded).
    #[getter]
    fn warnings(&self) -> Vec<String> {
        self.warnings.clone()
    }

    /// The actors, in file order, as dicts: `id`, `label`, `type`, `aliases` (as written),
    /// `case_sensitive` (the aliases that must match case) and `attributes`.
    fn actors<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyList>> {
        let list = PyList::empty(py);
        for a in self.inner.gazetteer.actors() {
            let d = PyDict::new(py);
            d.set_item("id", &a.id)?;
            d.set_item("label", &a.label)?;
            d.set_item("type", &a.kind)?;
            let aliases: Vec<&str> = a.aliases.iter().map(|x| x.text.as_str()).collect();
            d.set_item("aliases", aliases)?;
            let sensitive: Vec<&str> = a
                .aliases
                .iter()
                .filter(|x| x.case == CaseRule::Sensitive)
                .map(|x| x.text.as_str())
                .collect();
            d.set_item("case_sensitive", sensitive)?;
            d.set_item("attributes", a.attributes.clone())?;
            list.append(d)?;
        }
        Ok(list)
    }

    /// Number of actors.
    fn __len__(&self) -> usize {
        self.inner.gazetteer.actors().len()
    }

    /// True when an actor has this id.
    fn __contains__(&self, id: &str) -> bool {
        self.inner.gazetteer.by_id(id).is_some()
    }

    fn __repr__(&self) -> String {
        format!(
            "<Gazetteer {}: {} actors, {} patterns>",
            self.name,
            self.inner.gazetteer.actors().len(),
            self.inner.gazetteer.pattern_count()
        )
    }
}
