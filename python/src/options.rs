//! Keyword options of `build` and `tag`, resolved into library settings once, before any work
//! starts (the Python names are the CLI's flags with `_` for `-`).

use actorgraph::counts::Edges;
use actorgraph::graph::Unit;
use actorgraph::input::{parse_date, ReadOptions};
use actorgraph::sentence::LineBreaks;
use actorgraph::zone::Headlines;
use chrono::NaiveDate;
use pyo3::prelude::*;

use crate::errors::usage;

/// How documents are read and analysed (shared by `tag` and `build`).
pub struct Reading {
    pub line_breaks: LineBreaks,
    pub read: ReadOptions,
    pub pool: Option<rayon::ThreadPool>,
}

impl Reading {
    pub fn new(
        line_breaks: &str,
        threads: Option<usize>,
        skip_bad_lines: bool,
        text: bool,
    ) -> PyResult<Reading> {
        let line_breaks = match line_breaks {
            "auto" => LineBreaks::Auto,
            "paragraph" => LineBreaks::Paragraph,
            "space" => LineBreaks::Space,
            other => {
                return Err(usage(format!(
                    "line_breaks={other:?}: expected \"auto\", \"paragraph\" or \"space\""
                )))
            }
        };
        let pool = match threads {
            None => None,
            Some(0) => return Err(usage("threads must be at least 1")),
            Some(n) => Some(
                rayon::ThreadPoolBuilder::new()
                    .num_threads(n)
                    .build()
                    .map_err(|e| usage(format!("cannot start threads: {e}")))?,
            ),
        };
        Ok(Reading {
            line_breaks,
            read: ReadOptions {
                skip_bad_lines,
                force_text: text,
                // `tag` renames repeated ids as the CLI's `tag` does; counting keeps them.
                keep_duplicate_ids: false,
                ..ReadOptions::default()
            },
            pool,
        })
    }

    /// Runs `f` on this reading's thread pool (the global one, all cores, by default).
    pub fn install<R: Send>(&self, f: impl FnOnce() -> R + Send) -> R {
        match &self.pool {
            Some(pool) => pool.install(f),
            None => f(),
        }
    }
}

/// The co-occurrence unit named `name`.
pub fn unit(name: &str) -> PyResult<Unit> {
    match name {
        "sentence" => Ok(Unit::Sentence),
        "paragraph" => Ok(Unit::Paragraph),
        "document" => Ok(Unit::Document),
        other => Err(usage(format!(
            "unit={other:?}: expected \"sentence\", \"paragraph\" or \"document\""
        ))),
    }
}

/// A `since`/`until` value: an ISO date string or a `datetime.date`.
pub fn date(name: &str, value: Option<&Bound<'_, PyAny>>) -> PyResult<Option<NaiveDate>> {
    let Some(v) = value.filter(|v| !v.is_none()) else {
        return Ok(None);
    };
    let s: String = if v.hasattr("isoformat")? {
        v.call_method0("isoformat")?.extract()?
    } else {
        v.extract()?
    };
    parse_date(s.trim()).map(Some).ok_or_else(|| {
        usage(format!(
            "{name}={s:?} is not an ISO 8601 date such as 2024-02-11"
        ))
    })
}

/// The `headlines` option (`--headlines`).
pub fn headlines(name: &str) -> PyResult<Headlines> {
    match name {
        "link" => Ok(Headlines::Link),
        "skip" => Ok(Headlines::Skip),
        other => Err(usage(format!(
            "headlines={other:?}: expected \"link\" or \"skip\""
        ))),
    }
}

/// The `edges` option (`--edges`).
pub fn edges(name: &str) -> PyResult<Edges> {
    match name {
        "co-mention" => Ok(Edges::CoMention),
        "relations" => Ok(Edges::Relations),
        "both" => Ok(Edges::Both),
        other => Err(usage(format!(
            "edges={other:?}: expected \"co-mention\", \"relations\" or \"both\""
        ))),
    }
}
