//! First-pass files on disk (`actorgraph scan -o part.ags`, read by `build --scan`).
//!
//! A file is three parts, like a partial counts file (`docs/formats.md`, "Scan files"):
//!
//! 1. the magic line `actorgraph-scan\n`;
//! 2. one line of JSON: format version, the options that change the decision
//!    (`duplicates`, `repeated_lines`), the signature scheme, and the number of documents —
//!    readable with `head`, and enough to refuse an incompatible file before reading its body;
//! 3. the body: [postcard] of the surveyed documents (id, date, signature, line keys),
//!    deflated.
//!
//! [postcard]: https://docs.rs/postcard

use std::io::{Read, Write};

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};

use crate::dedup::{Candidate, Signature, BANDS, MIN_BANDS, SHINGLE_WORDS};
use crate::error::{Error, Result};
use crate::scan::{Seen, Survey};

/// First bytes of every scan file.
pub const MAGIC: &[u8] = b"actorgraph-scan\n";
/// The current format version; another version is refused with a message.
pub const VERSION: u32 = 3;
/// The conventional file extension.
pub const EXTENSION: &str = "ags";

/// The signature scheme: a file made with another one cannot be decided with this build's.
fn scheme() -> String {
    format!("minhash-{SHINGLE_WORDS}w-{BANDS}x4-{MIN_BANDS}-b32; lines-2^20")
}

#[derive(Serialize, Deserialize)]
struct Header {
    version: u32,
    scheme: String,
    duplicates: bool,
    repeated_lines: u32,
    documents: usize,
}

#[derive(Serialize, Deserialize)]
struct DiskSeen<'a> {
    id: &'a str,
    date: Option<i32>,
    signature: Signature,
    lines: Vec<u32>,
    bytes: u64,
}

/// Writes `survey` as a scan file.
pub fn write(survey: &Survey, w: &mut dyn Write) -> std::io::Result<()> {
    let header = Header {
        version: VERSION,
        scheme: scheme(),
        duplicates: survey.duplicates,
        repeated_lines: survey.repeated_lines,
        documents: survey.len(),
    };
    w.write_all(MAGIC)?;
    serde_json::to_writer(&mut *w, &header)?;
    w.write_all(b"\n")?;
    let body: Vec<DiskSeen> = survey
        .docs
        .iter()
        .map(|s| DiskSeen {
            id: &s.candidate.id,
            date: s.candidate.date.map(|d| d.num_days_from_ce()),
            signature: s.candidate.signature,
            lines: s.lines.to_vec(),
            bytes: s.bytes,
        })
        .collect();
    let bytes = postcard::to_stdvec(&body).map_err(std::io::Error::other)?;
    let mut z = flate2::write::DeflateEncoder::new(&mut *w, flate2::Compression::fast());
    z.write_all(&bytes)?;
    z.finish()?;
    Ok(())
}

/// The bytes of a scan file for `survey` (what Python pickles).
pub fn to_bytes(survey: &Survey) -> Vec<u8> {
    let mut out = Vec::new();
    write(survey, &mut out).expect("writing to memory cannot fail");
    out
}

/// Reads a scan file; `name` is used in messages.
pub fn read(name: &str, bytes: &[u8]) -> Result<Survey> {
    let bad = |message: String| Error::Graph {
        location: name.to_owned(),
        message,
    };
    let rest = bytes.strip_prefix(MAGIC).ok_or_else(|| {
        bad("not a scan file (make one with `actorgraph scan INPUTS -o FILE.ags`)".into())
    })?;
    let nl = rest
        .iter()
        .position(|&b| b == b'\n')
        .ok_or_else(|| bad("truncated header; the file is damaged, scan again".into()))?;
    let probe: serde_json::Value = serde_json::from_slice(&rest[..nl])
        .map_err(|e| bad(format!("damaged header ({e}); scan again")))?;
    let version = probe.get("version").and_then(|v| v.as_u64());
    if version != Some(u64::from(VERSION)) {
        return Err(bad(format!(
            "scan format version {} is not supported (this actorgraph reads version {VERSION}); \
             scan again with this version",
            version.map_or_else(|| "?".to_owned(), |v| v.to_string())
        )));
    }
    let header: Header = serde_json::from_value(probe)
        .map_err(|e| bad(format!("damaged header ({e}); scan again")))?;
    if header.scheme != scheme() {
        return Err(bad(format!(
            "made with the signature scheme \"{}\", this actorgraph uses \"{}\"; scan again \
             with this version",
            header.scheme,
            scheme()
        )));
    }
    let mut raw = Vec::new();
    flate2::read::DeflateDecoder::new(&rest[nl + 1..])
        .read_to_end(&mut raw)
        .map_err(|e| bad(format!("damaged body ({e}); scan again")))?;
    let body: Vec<DiskSeen> =
        postcard::from_bytes(&raw).map_err(|e| bad(format!("damaged body ({e}); scan again")))?;
    if body.len() != header.documents {
        return Err(bad(format!(
            "damaged body ({} documents, the header says {}); scan again",
            body.len(),
            header.documents
        )));
    }
    let mut docs = Vec::with_capacity(body.len());
    for d in body {
        let date = match d.date {
            None => None,
            Some(n) => Some(
                NaiveDate::from_num_days_from_ce_opt(n)
                    .ok_or_else(|| bad(format!("damaged body (day {n} out of range)")))?,
            ),
        };
        docs.push(Seen {
            candidate: Candidate {
                id: d.id.to_owned(),
                date,
                signature: d.signature,
            },
            lines: d.lines.into_boxed_slice(),
            bytes: d.bytes,
        });
    }
    Ok(Survey {
        duplicates: header.duplicates,
        repeated_lines: header.repeated_lines,
        docs,
    })
}

/// Reads the scan file at `path` (errors name the path).
pub fn read_file(path: &std::path::Path) -> Result<Survey> {
    let bytes = std::fs::read(path).map_err(|source| Error::Io {
        path: path.to_owned(),
        source,
    })?;
    read(&path.display().to_string(), &bytes)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::input::Document;
    use crate::scan::ScanOptions;

    fn survey(options: &ScanOptions) -> Survey {
        let mut s = Survey::new(options);
        let mut a = Document::new("a", "Vowell met Rasool.\nShare this article\n");
        a.date = Some("2024-02-11".parse().unwrap());
        s.add_batch(&[a, Document::new("b", "Sudani met Blinken in Baghdad.")]);
        s
    }

    #[test]
    fn round_trip_and_refusals() {
        let s = survey(&ScanOptions::default());
        let bytes = to_bytes(&s);
        assert_eq!(read("x.ags", &bytes).unwrap(), s);
        // (name, bytes, expected message)
        let mut v9 = bytes.clone();
        let at = MAGIC.len() + "{\"version\":".len();
        v9[at] = b'9';
        let mut cut = bytes.clone();
        cut.truncate(cut.len() - 3);
        let cases: Vec<(&str, Vec<u8>, &str)> = vec![
            ("not a scan", b"hello".to_vec(), "x.ags: not a scan file"),
            (
                "future version",
                v9,
                "x.ags: scan format version 9 is not supported",
            ),
            ("truncated", cut, "x.ags: damaged body"),
        ];
        for (name, bytes, want) in cases {
            let e = read("x.ags", &bytes).unwrap_err().to_string();
            assert!(e.starts_with(want), "{name}: {e}");
        }
    }

    #[test]
    fn options_must_agree_to_merge() {
        let mut a = survey(&ScanOptions::default());
        let b = survey(&ScanOptions {
            duplicates: false,
            ..ScanOptions::default()
        });
        let e = a.merge(b).unwrap_err().to_string();
        assert_eq!(
            e,
            "scans made with different options cannot be combined: the other scan was made with \
             --keep-duplicates --repeated-lines 5, this one with --repeated-lines 5; scan again \
             with the same --keep-duplicates and --repeated-lines"
        );
    }
}
