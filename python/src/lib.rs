//! `actorgraph._actorgraph`: the compiled engine behind the `actorgraph` Python package.
//!
//! The public, documented API is the pure-Python package (`python/actorgraph/`); this module
//! holds the objects that own Rust data (a compiled gazetteer, a finished graph) and the
//! functions that run the library on documents. Every function that analyses text releases
//! the GIL and runs on the library's thread pool (all cores, or `threads=N`).
//!
//! Map: [`docs`] turns Python documents (texts, dicts, paths) into library documents, in
//! batches; [`engine`] runs the analysis and the counting on them; [`scan`] is the first pass;
//! [`gazetteer`], [`counts`], [`graph`] and [`tag`] are what Python sees; [`errors`] maps library errors onto Python exceptions.

use pyo3::prelude::*;

mod counts;
mod docs;
mod engine;
mod errors;
mod gazetteer;
mod graph;
mod options;
mod scan;
mod tag;

/// The compiled part of actorgraph; use the `actorgraph` package instead.
#[pymodule]
fn _actorgraph(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add(
        "ActorgraphError",
        m.py().get_type::<errors::ActorgraphError>(),
    )?;
    m.add_class::<gazetteer::Gazetteer>()?;
    m.add_class::<graph::Graph>()?;
    m.add_function(wrap_pyfunction!(tag::tag, m)?)?;
    m.add_function(wrap_pyfunction!(tag::relations, m)?)?;
    m.add_class::<scan::Scan>()?;
    m.add_function(wrap_pyfunction!(scan::scan, m)?)?;
    m.add_class::<counts::Counts>()?;
    m.add_function(wrap_pyfunction!(graph::count, m)?)?;
    m.add_function(wrap_pyfunction!(graph::check_actors, m)?)?;
    m.add("__version__", env!("CARGO_PKG_VERSION"))?;
    Ok(())
}
