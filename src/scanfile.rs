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
use std::borrow::Cow;

use serde::de::{DeserializeSeed, Deserializer, SeqAccess, Visitor};
use serde::{Deserialize, Serialize};

use crate::dedup::{Signature, BANDS, MIN_BANDS, SHINGLE_WORDS};
use crate::error::{Error, Result};
use crate::scan::{ScanOptions, SeenRef, Survey};

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

/// One document in the body. The body is a sequence of them, written and read one at a time
/// (never the whole body as a vector beside the survey).
#[derive(Serialize, Deserialize)]
struct DiskSeen<'a> {
    id: &'a str,
    date: Option<i32>,
    signature: Signature,
    lines: Cow<'a, [u32]>,
    bytes: u64,
}

/// The body as written: the survey's documents, in order.
struct Body<'a>(&'a Survey);

impl Serialize for Body<'_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        s.collect_seq(self.0.iter().map(|d| DiskSeen {
            id: d.id,
            date: d.date.map(|d| d.num_days_from_ce()),
            signature: *d.signature,
            lines: Cow::Borrowed(d.lines),
            bytes: d.bytes,
        }))
    }
}

/// The body as read: each document pushed into the survey as it is decoded; the value is
/// their number. A problem postcard's errors cannot carry (they drop custom messages) is
/// kept in the second field.
struct Pusher<'s>(&'s mut Survey, &'s mut Option<String>);

impl<'de> DeserializeSeed<'de> for Pusher<'_> {
    type Value = usize;
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> std::result::Result<usize, D::Error> {
        d.deserialize_seq(self)
    }
}

impl<'de> Visitor<'de> for Pusher<'_> {
    type Value = usize;
    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("a sequence of surveyed documents")
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> std::result::Result<usize, A::Error> {
        let mut n = 0;
        while let Some(d) = seq.next_element::<DiskSeen>()? {
            let date = d
                .date
                .map(|n| NaiveDate::from_num_days_from_ce_opt(n).ok_or(n))
                .transpose()
                .map_err(|n| {
                    let problem = format!("day {n} out of range");
                    *self.1 = Some(problem.clone());
                    serde::de::Error::custom(problem)
                })?;
            self.0.push(SeenRef {
                id: d.id,
                date,
                signature: &d.signature,
                lines: &d.lines,
                bytes: d.bytes,
            });
            n += 1;
        }
        Ok(n)
    }
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
    let z = flate2::write::DeflateEncoder::new(&mut *w, flate2::Compression::fast());
    let z = postcard::to_io(&Body(survey), std::io::BufWriter::with_capacity(1 << 16, z))
        .map_err(std::io::Error::other)?;
    z.into_inner().map_err(|e| e.into_error())?.finish()?;
    Ok(())
}

/// The bytes of a scan file for `survey` (what Python pickles).
pub fn to_bytes(survey: &Survey) -> Vec<u8> {
    let mut out = Vec::new();
    write(survey, &mut out).expect("writing to memory cannot fail");
    out
}

/// Reads a scan file from memory; `name` is used in messages.
pub fn read(name: &str, bytes: &[u8]) -> Result<Survey> {
    read_from(name, bytes)
}

/// Reads a scan file from `r`, its body inflated as it is read (the compressed file is never
/// held in memory beside the survey); `name` is used in messages.
fn read_from(name: &str, mut r: impl std::io::BufRead) -> Result<Survey> {
    let bad = |message: String| Error::Graph {
        location: name.to_owned(),
        message,
    };
    let mut magic = Vec::with_capacity(MAGIC.len());
    let io = |e: std::io::Error| bad(format!("cannot be read ({e})"));
    (&mut r)
        .take(MAGIC.len() as u64)
        .read_to_end(&mut magic)
        .map_err(io)?;
    if magic != MAGIC {
        return Err(bad(
            "not a scan file (make one with `actorgraph scan INPUTS -o FILE.ags`)".into(),
        ));
    }
    let mut line = Vec::new();
    r.read_until(b'\n', &mut line).map_err(io)?;
    if line.pop() != Some(b'\n') {
        return Err(bad(
            "truncated header; the file is damaged, scan again".into()
        ));
    }
    let probe: serde_json::Value = serde_json::from_slice(&line)
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
    flate2::bufread::DeflateDecoder::new(r)
        .read_to_end(&mut raw)
        .map_err(|e| bad(format!("damaged body ({e}); scan again")))?;
    let mut survey = Survey::new(&ScanOptions {
        duplicates: header.duplicates,
        repeated_lines: header.repeated_lines,
        ..ScanOptions::default()
    });
    let mut de = postcard::Deserializer::from_bytes(&raw);
    let mut problem = None;
    let n = Pusher(&mut survey, &mut problem)
        .deserialize(&mut de)
        .map_err(|e| {
            let e = problem.take().unwrap_or_else(|| e.to_string());
            bad(format!("damaged body ({e}); scan again"))
        })?;
    if n != header.documents {
        return Err(bad(format!(
            "damaged body ({n} documents, the header says {}); scan again",
            header.documents
        )));
    }
    Ok(survey)
}

/// Reads the scan file at `path` (errors name the path).
pub fn read_file(path: &std::path::Path) -> Result<Survey> {
    let file = std::fs::File::open(path).map_err(|source| Error::Io {
        path: path.to_owned(),
        source,
    })?;
    read_from(
        &path.display().to_string(),
        std::io::BufReader::with_capacity(1 << 16, file),
    )
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
        for options in [
            ScanOptions::default(),
            ScanOptions {
                repeated_lines: 0,
                ..ScanOptions::default()
            },
            ScanOptions {
                duplicates: false,
                repeated_lines: 3,
                ..ScanOptions::default()
            },
        ] {
            let s = survey(&options);
            assert_eq!(read("x.ags", &to_bytes(&s)).unwrap(), s, "{options:?}");
        }
        let s = survey(&ScanOptions::default());
        let bytes = to_bytes(&s);
        // (name, bytes, expected message)
        let mut v9 = bytes.clone();
        let at = MAGIC.len() + "{\"version\":".len();
        v9[at] = b'9';
        let mut cut = bytes.clone();
        cut.truncate(cut.len() - 3);
        let text = String::from_utf8_lossy(&bytes);
        let count = text.find("\"documents\":2").unwrap();
        let mut more = bytes.clone();
        more[count + "\"documents\":".len()] = b'3';
        // A body whose one document is dated on a day chrono cannot represent.
        let nl = bytes[MAGIC.len()..]
            .iter()
            .position(|&b| b == b'\n')
            .unwrap();
        let header = &bytes[..=MAGIC.len() + nl];
        let header = String::from_utf8_lossy(header).replace("\"documents\":2", "\"documents\":1");
        let far = vec![DiskSeen {
            id: "a",
            date: Some(i32::MAX),
            signature: crate::dedup::signature("a"),
            lines: Cow::Borrowed(&[]),
            bytes: 1,
        }];
        let mut z = flate2::write::DeflateEncoder::new(Vec::new(), flate2::Compression::fast());
        z.write_all(&postcard::to_stdvec(&far).unwrap()).unwrap();
        let far = [header.as_bytes(), &z.finish().unwrap()].concat();
        let cases: Vec<(&str, Vec<u8>, &str)> = vec![
            ("not a scan", b"hello".to_vec(), "x.ags: not a scan file"),
            (
                "future version",
                v9,
                "x.ags: scan format version 9 is not supported",
            ),
            ("truncated", cut, "x.ags: damaged body"),
            (
                "fewer documents than the header",
                more,
                "x.ags: damaged body (2 documents, the header says 3); scan again",
            ),
            (
                "day out of range",
                far,
                "x.ags: damaged body (day 2147483647 out of range); scan again",
            ),
        ];
        for (name, bytes, want) in cases {
            let e = read("x.ags", &bytes).unwrap_err().to_string();
            assert!(e.starts_with(want), "{name}: {e}");
            assert!(!e.contains("\n"), "{name}: one line: {e}");
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
