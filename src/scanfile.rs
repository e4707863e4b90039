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

use serde::{Deserialize, Serialize};

use crate::dedup::{BANDS, MIN_BANDS, SHINGLE_WORDS};
use crate::error::{Error, Result};
use crate::scan::{ScanOptions, Survey};
use crate::spill::{Failure, Window};

/// First bytes of every scan file.
pub const MAGIC: &[u8] = b"actorgraph-scan\n";
/// The current format version; another version is refused with a message.
pub const VERSION: u32 = 4;
/// The conventional file extension.
pub const EXTENSION: &str = "ags";

/// The signature scheme: a file made with another one cannot be decided with this build's.
fn scheme() -> String {
    format!("minhash-{SHINGLE_WORDS}w-{BANDS}x4-{MIN_BANDS}-b32; lines-xxh3-2^20")
}

#[derive(Serialize, Deserialize)]
struct Header {
    version: u32,
    scheme: String,
    duplicates: bool,
    repeated_lines: u32,
    documents: usize,
}

/// Writes `survey` as a scan file. The body is what postcard makes of the sequence of records:
/// their number, then the survey's records as they are stored (`spill::Record`),
/// copied without decoding.
pub fn write(survey: &Survey, w: &mut dyn Write) -> Result<(), WriteError> {
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
    let mut z = std::io::BufWriter::with_capacity(1 << 16, z);
    // Each record is encoded into `buf`, then written: `postcard::to_io` would flush the
    // writer after every record, and a flush ends a deflate block (the file came out 24%
    // bigger and took twice as long).
    let count = postcard::to_extend(&survey.len(), Vec::new()).map_err(std::io::Error::other)?;
    z.write_all(&count)?;
    survey.write_records::<WriteError>(&mut z)?;
    z.into_inner().map_err(|e| e.into_error())?.finish()?;
    Ok(())
}

/// Why a scan file could not be written.
#[derive(Debug)]
pub enum WriteError {
    /// Writing the file failed.
    Io(std::io::Error),
    /// Reading the survey's temporary file failed.
    Survey(Error),
}

impl From<std::io::Error> for WriteError {
    fn from(e: std::io::Error) -> WriteError {
        WriteError::Io(e)
    }
}

impl From<Error> for WriteError {
    fn from(e: Error) -> WriteError {
        WriteError::Survey(e)
    }
}

impl From<serde_json::Error> for WriteError {
    fn from(e: serde_json::Error) -> WriteError {
        WriteError::Io(e.into())
    }
}

/// The bytes of a scan file for `survey` (what Python pickles).
pub fn to_bytes(survey: &Survey) -> Result<Vec<u8>> {
    let mut out = Vec::new();
    match write(survey, &mut out) {
        Ok(()) => Ok(out),
        Err(WriteError::Survey(e)) => Err(e),
        Err(WriteError::Io(e)) => unreachable!("writing to memory cannot fail: {e}"),
    }
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
    let mut survey = Survey::new(&ScanOptions {
        duplicates: header.duplicates,
        repeated_lines: header.repeated_lines,
        ..ScanOptions::default()
    });
    let mut window = Window::new(flate2::bufread::DeflateDecoder::new(r));
    let mut n = 0;
    let read = window
        .next(|w| {
            let (count, rest) = postcard::take_from_bytes::<usize>(w)?;
            n = count;
            Ok(w.len() - rest.len())
        })
        .and_then(|()| window.records(n, |_, seen| survey.push(seen)));
    read.map_err(|e| match e {
        Failure::Read(e) => bad(format!("damaged body ({e}); scan again")),
        Failure::Damaged(e) => bad(format!("damaged body ({e}); scan again")),
        Failure::Callback(e) => e,
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
    use chrono::Datelike;

    fn survey(options: &ScanOptions) -> Survey {
        let mut s = Survey::new(options);
        let mut a = Document::new("a", "Vowell met Rasool.\nShare this article\n");
        a.date = Some("2024-02-11".parse().unwrap());
        s.add_batch(&[a, Document::new("b", "Sudani met Blinken in Baghdad.")])
            .unwrap();
        s
    }

    /// The options and every record: what makes two surveys the same.
    fn contents(s: &Survey) -> (bool, u32, Vec<crate::scan::Seen>) {
        let mut seen = Vec::new();
        s.for_each(|d| seen.push(d.into())).unwrap();
        (s.duplicates, s.repeated_lines, seen)
    }

    /// The body of a scan file, inflated.
    fn body(file: &[u8]) -> Vec<u8> {
        let nl = file[MAGIC.len()..]
            .iter()
            .position(|&b| b == b'\n')
            .unwrap();
        let mut out = Vec::new();
        flate2::read::DeflateDecoder::new(&file[MAGIC.len() + nl + 1..])
            .read_to_end(&mut out)
            .unwrap();
        out
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
            let bytes = to_bytes(&s).unwrap();
            let back = read("x.ags", &bytes).unwrap();
            assert_eq!(contents(&back), contents(&s), "{options:?}");
            // Copied from the survey's records, the body is postcard's encoding of the vector
            // of records of version 4 (written out here field by field, apart from the code).
            #[derive(Serialize)]
            struct V4<'a> {
                id: &'a str,
                date: Option<i32>,
                signature: crate::dedup::Signature,
                lines: &'a [u64],
                bytes: u64,
            }
            let (_, _, seen) = contents(&s);
            let all: Vec<V4> = seen
                .iter()
                .map(|d| V4 {
                    id: &d.candidate.id,
                    date: d.candidate.date.map(|d| d.num_days_from_ce()),
                    signature: d.candidate.signature,
                    lines: &d.lines,
                    bytes: d.bytes,
                })
                .collect();
            assert_eq!(
                body(&bytes),
                postcard::to_stdvec(&all).unwrap(),
                "{options:?}"
            );
            // One deflate stream, not one block per record (a writer flushed after each
            // record ends a block each time).
            let mut z = flate2::write::DeflateEncoder::new(Vec::new(), flate2::Compression::fast());
            z.write_all(&body(&bytes)).unwrap();
            let nl = bytes[MAGIC.len()..]
                .iter()
                .position(|&b| b == b'\n')
                .unwrap();
            let deflated = &bytes[MAGIC.len() + nl + 1..];
            assert_eq!(deflated, z.finish().unwrap(), "{options:?}");
        }
        let s = survey(&ScanOptions::default());
        let bytes = to_bytes(&s).unwrap();
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
        let far = vec![crate::spill::Record {
            id: "a",
            date: Some(i32::MAX),
            signature: crate::dedup::signature("a"),
            lines: std::borrow::Cow::Borrowed(&[]),
            bytes: 1,
        }];
        let mut z = flate2::write::DeflateEncoder::new(Vec::new(), flate2::Compression::fast());
        z.write_all(&postcard::to_stdvec(&far).unwrap()).unwrap();
        let far = [header.as_bytes(), &z.finish().unwrap()].concat();
        // A whole deflate stream whose records end in the middle of the last one.
        let mut z = flate2::write::DeflateEncoder::new(Vec::new(), flate2::Compression::fast());
        let records = body(&bytes);
        z.write_all(&records[..records.len() - 3]).unwrap();
        let short = [&bytes[..=MAGIC.len() + nl], &z.finish().unwrap()].concat();
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
                "records cut short in a whole stream",
                short,
                "x.ags: damaged body (Hit the end of buffer, expected more data); scan again",
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
    fn bodies_larger_than_the_window_round_trip() {
        // Records cut by the 64 KB window at every place, and one record larger than it.
        let mut s = Survey::new(&ScanOptions::default());
        let long: String = (0..20_000).map(|i| format!("Line {i}\n")).collect();
        let docs: Vec<Document> = (0..3_000)
            .map(|i| {
                let text = if i == 1_234 {
                    long.clone()
                } else {
                    format!(
                        "Iraq and Iran met on day {i}.\nShare this article\n{}",
                        "x ".repeat(i % 50)
                    )
                };
                Document::new(format!("doc-{i}"), text)
            })
            .collect();
        s.add_batch(&docs).unwrap();
        let bytes = to_bytes(&s).unwrap();
        assert!(body(&bytes).len() > 5 << 16, "{}", body(&bytes).len());
        let back = read("big.ags", &bytes).unwrap();
        assert_eq!(contents(&back), contents(&s));
        let mut cut = bytes.clone();
        cut.truncate(bytes.len() / 2);
        let e = read("big.ags", &cut).unwrap_err().to_string();
        assert!(e.starts_with("big.ags: damaged body ("), "{e}");
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
