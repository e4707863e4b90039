//! Metadata for plain-text files: one `actorgraph-meta.json` per directory, keyed by file name.
//!
//! ```json
//! {"documents": {"000_story.txt": {"date": "2024-02-08", "url": "https://…", "source": "AFP"}}}
//! ```
//!
//! A text file has no room for a date without changing its bytes (and every offset), so its
//! metadata lives beside it. The sidecar is a `.json` file, which a directory walk never reads
//! as a document. A title given here is recorded but not inserted: offsets stay offsets into
//! the file; it is the headline when the file starts with it. The embedded seeds carry their
//! dates through the same file (`seeds/actorgraph-meta.json`). Decisions in `docs/inputs.md`.

use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};

use serde::Deserialize;

use crate::error::{Error, Result};
use crate::fields::parse_date;
use crate::input::Document;

/// The sidecar's file name.
pub const SIDECAR: &str = "actorgraph-meta.json";

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    #[allow(dead_code)]
    #[serde(default)]
    about: Option<String>,
    documents: BTreeMap<String, Entry>,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct Entry {
    #[serde(default)]
    date: Option<String>,
    #[serde(default)]
    title: Option<String>,
    #[serde(default)]
    url: Option<String>,
    #[serde(default)]
    source: Option<String>,
}

/// The metadata of one directory.
#[derive(Debug, Default)]
pub struct Meta {
    entries: HashMap<String, (Option<chrono::NaiveDate>, Entry)>,
}

impl Meta {
    /// Parses a sidecar; `name` is used in error messages.
    pub fn parse(name: &str, json: &str) -> Result<Meta> {
        let file: File = serde_json::from_str(json).map_err(|e| Error::Input {
            location: format!("{name}:{}:{}", e.line(), e.column()),
            message: format!("bad metadata sidecar: {e}"),
        })?;
        let mut entries = HashMap::new();
        for (file_name, entry) in file.documents {
            let date = match entry.date.as_deref().map(str::trim) {
                None | Some("") => None,
                Some(d) => Some(parse_date(d).ok_or_else(|| Error::Input {
                    location: name.to_owned(),
                    message: format!(
                        "\"{file_name}\": date {d:?} is not ISO 8601 (use 2024-02-11)"
                    ),
                })?),
            };
            entries.insert(file_name, (date, entry));
        }
        Ok(Meta { entries })
    }

    /// Fills the document's missing metadata from the entry for `file_name`.
    pub fn apply(&self, file_name: &str, doc: &mut Document) {
        let Some((date, e)) = self.entries.get(file_name) else {
            return;
        };
        doc.date = doc.date.or(*date);
        doc.title = doc.title.take().or_else(|| e.title.clone());
        doc.url = doc.url.take().or_else(|| e.url.clone());
        doc.source = doc.source.take().or_else(|| e.source.clone());
    }

    /// Number of entries.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// No entries.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }
}

/// The embedded seeds' metadata.
pub fn seeds() -> &'static Meta {
    static META: std::sync::OnceLock<Meta> = std::sync::OnceLock::new();
    META.get_or_init(|| {
        Meta::parse(
            "seeds/actorgraph-meta.json",
            include_str!("../seeds/actorgraph-meta.json"),
        )
        .expect("the embedded seed metadata is valid (tested)")
    })
}

/// Sidecars loaded so far, one per directory.
#[derive(Debug, Default)]
pub struct Sidecars {
    dirs: HashMap<PathBuf, Meta>,
}

impl Sidecars {
    /// The metadata for the directory holding `path` (empty when it has no sidecar).
    pub fn for_file(&mut self, path: &Path) -> Result<&Meta> {
        let dir = path.parent().unwrap_or(Path::new("")).to_path_buf();
        if !self.dirs.contains_key(&dir) {
            let file = dir.join(SIDECAR);
            let meta = match std::fs::read_to_string(&file) {
                Ok(json) => Meta::parse(&file.display().to_string(), &json)?,
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => Meta::default(),
                Err(e) => return Err(Error::io(&file, e)),
            };
            self.dirs.insert(dir.clone(), meta);
        }
        Ok(&self.dirs[&dir])
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn seeds_are_dated_and_unchanged() {
        let meta = seeds();
        assert_eq!(meta.len(), crate::input::SEEDS.len());
        for (id, text) in crate::input::SEEDS {
            let mut doc = Document::new(*id, *text);
            meta.apply(&format!("{id}.txt"), &mut doc);
            let date = doc.date.unwrap_or_else(|| panic!("{id} has no date"));
            assert_eq!(
                date.format("%Y-%m").to_string().get(..4),
                Some("2024"),
                "{id}"
            );
            assert_eq!(doc.text, *text, "{id}: the text is unchanged");
        }
    }

    #[test]
    fn sidecar_errors_name_the_place() {
        let cases = [
            (
                "{\"documents\": {\"a.txt\": {\"date\": \"soon\"}}}",
                "m.json: \"a.txt\": date \"soon\" is not ISO 8601",
            ),
            (
                "{\"documents\": {\"a.txt\": {\"when\": \"2024-01-01\"}}}",
                "m.json:1:",
            ),
            ("{\"documents\": [\n]}", "m.json:1:"),
        ];
        for (json, expected) in cases {
            let err = Meta::parse("m.json", json).unwrap_err().to_string();
            assert!(err.starts_with(expected), "{json}: {err}");
        }
    }

    #[test]
    fn metadata_fills_only_what_is_missing() {
        let meta = Meta::parse(
            "m.json",
            r#"{"documents": {"a.txt": {"date": "2024-02-11", "url": "https://x", "source": "AFP", "title": "Talks"}}}"#,
        )
        .unwrap();
        let mut doc = Document::new("a", "Talks\nIraq met Iran.");
        meta.apply("a.txt", &mut doc);
        assert_eq!(doc.date.unwrap().to_string(), "2024-02-11");
        assert_eq!(doc.url.as_deref(), Some("https://x"));
        assert_eq!(doc.source.as_deref(), Some("AFP"));
        assert_eq!(doc.title_end(), Some(5));
        let mut other = Document::new("b", "x");
        meta.apply("b.txt", &mut other);
        assert_eq!(other.date, None);
    }
}
