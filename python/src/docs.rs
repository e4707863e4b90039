//! Documents from Python: texts, records and paths, pulled from any iterable in batches.
//!
//! - a `str` is the text of one document, whose id is its 0-based position in `docs`;
//! - a `dict` is a record with the JSON Lines fields: `text` (required), `id` (str or int;
//!   default: the position), `date` (ISO 8601 string, `datetime.date` or `datetime.datetime`;
//!   the day is kept), `title`, `url`, `source`;
//! - an `os.PathLike` (`pathlib.Path`) is a file or directory, read as the CLI reads it.
//!
//! The iterable is consumed lazily, one batch (about 4 MB of text) at a time, so a generator
//! over a corpus larger than memory works. Consecutive paths are read as one CLI input list
//! (sorted, de-duplicated), so `build([Path("a"), Path("b")])` equals `actorgraph build a b`.

use std::path::PathBuf;

use pyo3::prelude::*;
use pyo3::types::{PyDict, PyIterator, PyString};

use actorgraph::input::{parse_date, Document};

use crate::errors::usage;

/// Text per batch handed to the thread pool: large enough to keep every core busy, small
/// enough to bound memory.
const BATCH_BYTES: usize = 4 << 20;

/// What the next step of a run reads.
pub enum Chunk {
    /// Documents given in memory, in order.
    Docs(Vec<Document>),
    /// Files or directories, read like the CLI's inputs.
    Paths(Vec<PathBuf>),
}

enum Item {
    Doc(Document),
    Path(PathBuf),
}

/// Pulls [`Chunk`]s from a Python iterable.
pub struct Reader<'py> {
    iter: Bound<'py, PyIterator>,
    position: usize,
    pending: Option<Item>,
}

impl<'py> Reader<'py> {
    /// A reader over `docs` (any iterable).
    pub fn new(docs: &Bound<'py, PyAny>) -> PyResult<Reader<'py>> {
        Ok(Reader {
            iter: docs.try_iter()?,
            position: 0,
            pending: None,
        })
    }

    fn next_item(&mut self) -> PyResult<Option<Item>> {
        if let Some(item) = self.pending.take() {
            return Ok(Some(item));
        }
        match self.iter.next() {
            None => Ok(None),
            Some(obj) => {
                let item = convert(&obj?, self.position)?;
                self.position += 1;
                Ok(Some(item))
            }
        }
    }

    /// The next batch of documents or run of paths; `None` at the end.
    pub fn next_chunk(&mut self) -> PyResult<Option<Chunk>> {
        let Some(first) = self.next_item()? else {
            return Ok(None);
        };
        match first {
            Item::Doc(doc) => {
                let mut size = doc.text.len();
                let mut docs = vec![doc];
                while size < BATCH_BYTES {
                    match self.next_item()? {
                        Some(Item::Doc(d)) => {
                            size += d.text.len() + 64;
                            docs.push(d);
                        }
                        Some(other) => {
                            self.pending = Some(other);
                            break;
                        }
                        None => break,
                    }
                }
                Ok(Some(Chunk::Docs(docs)))
            }
            Item::Path(p) => {
                let mut paths = vec![p];
                loop {
                    match self.next_item()? {
                        Some(Item::Path(p)) => paths.push(p),
                        Some(other) => {
                            self.pending = Some(other);
                            break;
                        }
                        None => break,
                    }
                }
                Ok(Some(Chunk::Paths(paths)))
            }
        }
    }
}

fn convert(obj: &Bound<'_, PyAny>, position: usize) -> PyResult<Item> {
    if let Ok(s) = obj.cast::<PyString>() {
        return Ok(Item::Doc(Document::new(position.to_string(), s.to_str()?)));
    }
    if let Ok(d) = obj.cast::<PyDict>() {
        return record(d, position).map(Item::Doc);
    }
    if obj.hasattr("__fspath__")? {
        let path: PathBuf = obj.extract()?;
        return Ok(Item::Path(path));
    }
    Err(pyo3::exceptions::PyTypeError::new_err(format!(
        "docs[{position}]: expected a str (a document's text), a dict (a record with \"text\", \
         \"id\", \"date\", ...) or a pathlib.Path, not {}",
        obj.get_type().name()?
    )))
}

fn record(d: &Bound<'_, PyDict>, position: usize) -> PyResult<Document> {
    let at = |field: &str| format!("docs[{position}]: field \"{field}\"");
    let text = match d.get_item("text")? {
        Some(t) if !t.is_none() => t
            .extract::<String>()
            .map_err(|_| usage(format!("{} must be a str", at("text"))))?,
        _ => {
            return Err(usage(format!(
                "docs[{position}]: the record has no \"text\"; give each dict a \"text\" field"
            )))
        }
    };
    let id = match d.get_item("id")? {
        None => position.to_string(),
        Some(v) if v.is_none() => position.to_string(),
        Some(v) => {
            if let Ok(s) = v.cast::<PyString>() {
                s.to_str()?.to_owned()
            } else if let Ok(n) = v.extract::<i128>() {
                n.to_string()
            } else {
                return Err(usage(format!("{} must be a str or an int", at("id"))));
            }
        }
    };
    let optional = |field: &str| -> PyResult<Option<String>> {
        match d.get_item(field)? {
            None => Ok(None),
            Some(v) if v.is_none() => Ok(None),
            Some(v) => v
                .extract::<String>()
                .map(Some)
                .map_err(|_| usage(format!("{} must be a str", at(field)))),
        }
    };
    let date = match d.get_item("date")? {
        None => None,
        Some(v) if v.is_none() => None,
        Some(v) => {
            // datetime.date and datetime.datetime (a Spark DateType or TimestampType column)
            // are read through their ISO form, like a string.
            let s: String = if v.hasattr("isoformat")? {
                v.call_method0("isoformat")?.extract()?
            } else {
                v.extract()
                    .map_err(|_| usage(format!("{} must be a str or a date", at("date"))))?
            };
            let s = s.trim();
            if s.is_empty() {
                None
            } else {
                Some(parse_date(s).ok_or_else(|| {
                    usage(format!(
                        "docs[{position}]: date {s:?} is not ISO 8601 (use 2024-02-11 or \
                         2024-02-11T09:30:00Z)"
                    ))
                })?)
            }
        }
    };
    // The title is the headline, as the CLI's readers make it (`fields::headline_first`).
    let title = optional("title")?.filter(|t| !t.trim().is_empty());
    let text = actorgraph::fields::headline_first(title.as_deref(), text);
    Ok(Document {
        id,
        text,
        date,
        title: title.map(|t| t.trim().to_owned()),
        url: optional("url")?,
        source: optional("source")?,
    })
}
