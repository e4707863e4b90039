//! Records to documents: which field of a JSON Lines or CSV record holds the id, text, title,
//! date, url and source (`--id-field` etc.; dotted paths reach into nested JSON objects), and
//! how dates are read. Decisions in `docs/inputs.md`.

use chrono::NaiveDate;
use serde::Deserialize;

use crate::input::Document;

/// Where each document field is found in a record. JSON: a key or a dotted path
/// (`meta.published`); CSV: a header name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fields {
    /// Document id (a string or a number); missing ids become `FILE:LINE`.
    pub id: String,
    /// The text (required).
    pub text: String,
    /// The title; it becomes the headline, placed before the text.
    pub title: String,
    /// Publication date.
    pub date: String,
    /// Link to the article.
    pub url: String,
    /// Outlet.
    pub source: String,
}

impl Default for Fields {
    fn default() -> Fields {
        Fields {
            id: "id".into(),
            text: "text".into(),
            title: "title".into(),
            date: "date".into(),
            url: "url".into(),
            source: "source".into(),
        }
    }
}

/// The default record: parsed straight into typed fields (faster than a `Value`).
#[derive(Deserialize)]
struct Record {
    #[serde(default)]
    id: Option<Scalar>,
    text: String,
    #[serde(default)]
    date: Option<String>,
    #[serde(default)]
    title: Option<String>,
    #[serde(default)]
    url: Option<String>,
    #[serde(default)]
    source: Option<String>,
}

#[derive(Deserialize)]
#[serde(untagged)]
enum Scalar {
    Text(String),
    Number(serde_json::Number),
}

impl Scalar {
    fn into_string(self) -> String {
        match self {
            Scalar::Text(s) => s,
            Scalar::Number(n) => n.to_string(),
        }
    }
}

/// The raw field values of one record, before they become a document.
#[derive(Debug, Default)]
pub(crate) struct Raw {
    pub id: Option<String>,
    pub text: Option<String>,
    pub title: Option<String>,
    pub date: Option<String>,
    pub url: Option<String>,
    pub source: Option<String>,
}

/// serde_json's message without its " at line L column C" (callers say where themselves).
pub(crate) fn serde_message(e: &serde_json::Error) -> String {
    let mut message = e.to_string();
    if let Some(p) = message.rfind(" at line ") {
        message.truncate(p);
    }
    message
}

/// Parses one JSON Lines record. `fallback_id` (`FILE:LINE`) names a record without an id.
pub(crate) fn parse_json(
    body: &[u8],
    fields: &Fields,
    fallback_id: impl FnOnce() -> String,
) -> Result<Document, String> {
    parse_record(body, fields, fallback_id, "JSON Lines record")
}

/// Parses one JSON record (`what` names it in errors: "JSON Lines record", "JSON record").
/// A syntax error gives its line too when the record spans lines (a pretty-printed file).
pub(crate) fn parse_record(
    body: &[u8],
    fields: &Fields,
    fallback_id: impl FnOnce() -> String,
    what: &str,
) -> Result<Document, String> {
    // Invalid UTF-8 inside a record is replaced rather than rejected, like in text files.
    // (Validate first: the lossy decoder is several times slower on valid input.)
    let text = match std::str::from_utf8(body) {
        Ok(s) => std::borrow::Cow::Borrowed(s),
        Err(_) => String::from_utf8_lossy(body),
    };
    let text = text.trim_end();
    let bad = |e: serde_json::Error| {
        let message = serde_message(&e);
        // A record without `text` under the default names: say how to name another field.
        let hint = if message == "missing field `text`" {
            "; name the text field with --text-field"
        } else {
            ""
        };
        match e.line() {
            1 => format!("bad {what} ({message}, column {}){hint}", e.column()),
            line => format!(
                "bad {what} ({message}, line {line}, column {}){hint}",
                e.column()
            ),
        }
    };
    let raw = if *fields == Fields::default() {
        let r: Record = serde_json::from_str(text).map_err(bad)?;
        Raw {
            id: r.id.map(Scalar::into_string),
            text: Some(r.text),
            title: r.title,
            date: r.date,
            url: r.url,
            source: r.source,
        }
    } else {
        let v: serde_json::Value = serde_json::from_str(text).map_err(bad)?;
        if find(&v, &fields.text).is_some_and(serde_json::Value::is_null) {
            // What a scraper leaves when it found no article text: say so, not "missing".
            return Err(format!(
                "field `{}` is null: the record has no text; pass --skip-bad-lines to skip \
                 such records",
                fields.text
            ));
        }
        let get = |path: &str, flag: &str| lookup(&v, path, flag);
        Raw {
            id: get(&fields.id, "--id-field")?,
            text: get(&fields.text, "--text-field")?,
            title: get(&fields.title, "--title-field")?,
            date: get(&fields.date, "--date-field")?,
            url: get(&fields.url, "--url-field")?,
            source: get(&fields.source, "--source-field")?,
        }
    };
    document(raw, fields, fallback_id)
}

/// The value at a key or dotted path (a key that itself contains a dot first).
fn find<'v>(v: &'v serde_json::Value, path: &str) -> Option<&'v serde_json::Value> {
    v.get(path).or_else(|| {
        path.split('.')
            .try_fold(v, |v, key| v.as_object().and_then(|o| o.get(key)))
    })
}

/// A field by key or dotted path; strings as they are, numbers written out, null as missing.
fn lookup(v: &serde_json::Value, path: &str, flag: &str) -> Result<Option<String>, String> {
    match find(v, path) {
        None | Some(serde_json::Value::Null) => Ok(None),
        Some(serde_json::Value::String(s)) => Ok(Some(s.clone())),
        Some(serde_json::Value::Number(n)) => Ok(Some(n.to_string())),
        Some(serde_json::Value::Bool(b)) => Ok(Some(b.to_string())),
        Some(other) => Err(format!(
            "field `{path}` is {}, not a string; point {flag} at a string field",
            match other {
                serde_json::Value::Array(_) => "an array",
                _ => "an object",
            }
        )),
    }
}

/// Turns raw field values into a document: the id or `FILE:LINE`, the title before the text,
/// the date's day.
pub(crate) fn document(
    raw: Raw,
    fields: &Fields,
    fallback_id: impl FnOnce() -> String,
) -> Result<Document, String> {
    let Some(body) = raw.text else {
        return Err(if *fields == Fields::default() {
            "missing field `text`".to_owned()
        } else {
            format!(
                "missing field `{}`; name the text field with --text-field",
                fields.text
            )
        });
    };
    let date = match raw.date.as_deref().map(str::trim) {
        None | Some("") => None,
        Some(d) => Some(parse_date(d).ok_or_else(|| {
            format!(
                "date {d:?} is not ISO 8601 (use 2024-02-11, 2024-02-11T09:30:00Z, \
                 2024-02-11 09:30:00 or RFC 2822 as in RSS: Sun, 11 Feb 2024 09:30:00 GMT)"
            )
        })?),
    };
    let title = raw.title.filter(|t| !t.trim().is_empty());
    let text = headline_first(title.as_deref(), body);
    Ok(Document {
        id: raw.id.filter(|i| !i.is_empty()).unwrap_or_else(fallback_id),
        text,
        date,
        title: title.map(|t| t.trim().to_owned()),
        url: raw.url.filter(|u| !u.is_empty()),
        source: raw.source.filter(|s| !s.is_empty()),
    })
}

/// A record's text with its title as the headline: the title, a blank line, then the text,
/// unless the text already starts with the title (`docs/inputs.md`). Every reader of records
/// (JSON Lines, CSV, the Python module) goes through here, so offsets agree.
pub fn headline_first(title: Option<&str>, body: String) -> String {
    match title.map(str::trim) {
        Some(t) if !t.is_empty() && !body.trim_start().starts_with(t) => format!("{t}\n\n{body}"),
        _ => body,
    }
}

/// Parses the day of an ISO 8601 date, an RFC 3339 date-time, `YYYY-MM-DD HH:MM:SS`, or an
/// RFC 2822 date-time (`Sun, 11 Feb 2024 09:30:00 GMT`, as RSS feeds and e-mail give
/// them). The day is the one written, in the offset written.
pub fn parse_date(s: &str) -> Option<NaiveDate> {
    if let Ok(d) = NaiveDate::parse_from_str(s, "%Y-%m-%d") {
        return Some(d);
    }
    if let Ok(dt) = chrono::DateTime::parse_from_rfc3339(s) {
        return Some(dt.date_naive());
    }
    if let Ok(dt) = chrono::DateTime::parse_from_rfc2822(s) {
        return Some(dt.date_naive());
    }
    [
        "%Y-%m-%dT%H:%M:%S%.f",
        "%Y-%m-%d %H:%M:%S%.f",
        "%Y-%m-%dT%H:%M",
    ]
    .iter()
    .find_map(|f| chrono::NaiveDateTime::parse_from_str(s, f).ok())
    .map(|dt| dt.date())
}

/// Column positions of the mapped fields in a CSV header.
pub(crate) struct CsvColumns {
    id: Option<usize>,
    text: usize,
    title: Option<usize>,
    date: Option<usize>,
    url: Option<usize>,
    source: Option<usize>,
}

impl CsvColumns {
    /// Finds the columns; a missing text column is an error naming the columns there are.
    pub(crate) fn new(header: &csv::StringRecord, fields: &Fields) -> Result<CsvColumns, String> {
        let col = |name: &str| header.iter().position(|h| h.trim() == name);
        let text = col(&fields.text).ok_or_else(|| {
            let names: Vec<&str> = header.iter().collect();
            format!(
                "no column \"{}\" in the header (columns: {}); name the text column with \
                 --text-field",
                fields.text,
                names.join(", ")
            )
        })?;
        Ok(CsvColumns {
            id: col(&fields.id),
            text,
            title: col(&fields.title),
            date: col(&fields.date),
            url: col(&fields.url),
            source: col(&fields.source),
        })
    }

    /// The raw values of one row.
    pub(crate) fn raw(&self, row: &csv::StringRecord) -> Raw {
        let get = |c: Option<usize>| c.and_then(|c| row.get(c)).map(str::to_owned);
        Raw {
            id: get(self.id),
            text: get(Some(self.text)),
            title: get(self.title),
            date: get(self.date),
            url: get(self.url),
            source: get(self.source),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn date_table() {
        let cases = [
            ("2024-02-11", Some("2024-02-11")),
            ("2024-02-11T09:30:00Z", Some("2024-02-11")),
            ("2024-02-11T23:30:00-05:00", Some("2024-02-11")),
            ("2024-02-11T09:30:00", Some("2024-02-11")),
            ("2024-02-11T09:30:00.250", Some("2024-02-11")),
            ("2024-02-11 09:30:00", Some("2024-02-11")),
            // RFC 2822, as RSS <pubDate> gives it: the day in the offset written.
            ("Sun, 11 Feb 2024 09:30:00 GMT", Some("2024-02-11")),
            ("Sun, 11 Feb 2024 23:30:00 -0500", Some("2024-02-11")),
            ("11 Feb 2024 09:30:00 +0300", Some("2024-02-11")),
            ("Mon, 11 Feb 2024 09:30:00 GMT", None),
            ("Feb 11, 2024", None),
            ("11/02/2024", None),
            ("2024-13-01", None),
            ("yesterday", None),
        ];
        for (input, expected) in cases {
            let got = parse_date(input).map(|d| d.to_string());
            assert_eq!(got.as_deref(), expected, "{input}");
        }
    }

    fn parse(line: &str, fields: &Fields) -> Result<Document, String> {
        parse_json(line.as_bytes(), fields, || "f.jsonl:7".into())
    }

    #[test]
    fn field_mapping_table() {
        let nested = Fields {
            id: "meta.uid".into(),
            text: "body.text".into(),
            title: "headline".into(),
            date: "meta.published".into(),
            url: "link".into(),
            source: "meta.outlet".into(),
        };
        // (name, fields, record, id, text, date, url, source)
        type Case<'a> = (
            &'a str,
            Fields,
            &'a str,
            &'a str,
            &'a str,
            Option<&'a str>,
            Option<&'a str>,
            Option<&'a str>,
        );
        let cases: Vec<Case> = vec![
            (
                "default",
                Fields::default(),
                r#"{"id": "a", "text": "Iraq."}"#,
                "a",
                "Iraq.",
                None,
                None,
                None,
            ),
            (
                "numeric id",
                Fields::default(),
                r#"{"id": 42, "text": "Iraq."}"#,
                "42",
                "Iraq.",
                None,
                None,
                None,
            ),
            (
                "missing id",
                Fields::default(),
                r#"{"text": "Iraq."}"#,
                "f.jsonl:7",
                "Iraq.",
                None,
                None,
                None,
            ),
            (
                "title first",
                Fields::default(),
                r#"{"id": "a", "title": "Talks", "text": "Iraq."}"#,
                "a",
                "Talks\n\nIraq.",
                None,
                None,
                None,
            ),
            (
                "title already there",
                Fields::default(),
                r#"{"id": "a", "title": "Talks", "text": "Talks\nIraq."}"#,
                "a",
                "Talks\nIraq.",
                None,
                None,
                None,
            ),
            (
                "date-time keeps the day",
                Fields::default(),
                r#"{"id": "a", "text": "x", "date": "2024-02-11 23:59:00"}"#,
                "a",
                "x",
                Some("2024-02-11"),
                None,
                None,
            ),
            (
                "nested",
                nested.clone(),
                r#"{"meta": {"uid": 7, "published": "2024-02-11T09:00:00Z", "outlet": "AFP"}, "body": {"text": "Iraq."}, "link": "https://x"}"#,
                "7",
                "Iraq.",
                Some("2024-02-11"),
                Some("https://x"),
                Some("AFP"),
            ),
            (
                "nested, missing id",
                nested.clone(),
                r#"{"body": {"text": "Iraq."}}"#,
                "f.jsonl:7",
                "Iraq.",
                None,
                None,
                None,
            ),
        ];
        for (name, fields, line, id, text, date, url, source) in cases {
            let d = parse(line, &fields).unwrap_or_else(|e| panic!("{name}: {e}"));
            assert_eq!(d.id, id, "{name}");
            assert_eq!(d.text, text, "{name}");
            assert_eq!(d.date.map(|d| d.to_string()).as_deref(), date, "{name}");
            assert_eq!(d.url.as_deref(), url, "{name}");
            assert_eq!(d.source.as_deref(), source, "{name}");
        }
    }

    #[test]
    fn record_errors_name_the_problem() {
        let nested = Fields {
            text: "body.text".into(),
            ..Fields::default()
        };
        let cases = [
            (Fields::default(), r#"{"id": "a"}"#, "missing field `text`"),
            (
                Fields::default(),
                r#"{"id": "a", "text": 5}"#,
                "invalid type: integer `5`",
            ),
            (
                Fields::default(),
                r#"{"id": "a", "text": "x",}"#,
                "trailing comma",
            ),
            (
                Fields::default(),
                r#"{"id": "a", "text": "x", "date": "soon"}"#,
                "date \"soon\" is not ISO 8601",
            ),
            (
                nested.clone(),
                r#"{"text": "x"}"#,
                "missing field `body.text`; name the text field with --text-field",
            ),
            (
                nested.clone(),
                r#"{"body": {"text": ["x"]}}"#,
                "field `body.text` is an array, not a string; point --text-field",
            ),
            (
                nested,
                r#"{"body": {"text": null}}"#,
                "field `body.text` is null: the record has no text; pass --skip-bad-lines",
            ),
        ];
        for (fields, line, expected) in cases {
            let err = parse(line, &fields).unwrap_err();
            assert!(err.contains(expected), "{line}: {err}");
        }
    }
}
