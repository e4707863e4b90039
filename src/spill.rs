//! The first pass's records on disk: what [`crate::scan::Survey`] saw of each document (id,
//! date, signature, line keys, text length), appended to an anonymous temporary file and read
//! back in order, so that memory holds only what the duplicate sieve needs (36 bytes per
//! document, `docs/duplicates.md`, "Memory").
//!
//! The file is made by [`tempfile::tempfile`] in the system's temporary folder (`TMPDIR` on
//! Unix, as for `sort`) on the first 64 KB of records, and the operating system removes it
//! when it is closed, even after a crash. Reads and writes are positional, so the records can
//! be read from a shared reference while nothing else moves a cursor.
//!
//! A record is a fixed part of 96 bytes (little-endian: exact hash, 16 bands, word count, day
//! number or `i32::MIN` for undated, text length, id length, number of line keys), then the
//! id's bytes and the line keys. It is a private, transient format: the scan file
//! ([`crate::scanfile`]) is the one kept.

use std::fs::File;
use std::io::{self, BufReader, Read};

use chrono::{Datelike, NaiveDate};

use crate::dedup::{Signature, BANDS};
use crate::error::{Error, Result};
use crate::scan::SeenRef;

/// Records waiting in memory before they are written out.
const FLUSH_AT: usize = 1 << 16;

/// The fixed part of a record.
const FIXED: usize = 8 + 4 * BANDS + 4 + 4 + 8 + 4 + 4;

/// Surveyed documents in a temporary file, in the order they were pushed.
#[derive(Debug, Default)]
pub struct Records {
    /// The file, made on the first flush.
    file: Option<File>,
    /// Bytes in the file.
    written: u64,
    /// Records not yet written.
    pending: Vec<u8>,
    /// Number of records.
    count: usize,
}

impl Records {
    /// No records (and no file yet).
    pub fn new() -> Records {
        Records::default()
    }

    /// Number of records.
    pub fn len(&self) -> usize {
        self.count
    }

    /// No record was pushed.
    pub fn is_empty(&self) -> bool {
        self.count == 0
    }

    /// The bytes the records take, on disk and waiting.
    pub fn bytes(&self) -> u64 {
        self.written + self.pending.len() as u64
    }

    /// Appends one document.
    pub fn push(&mut self, seen: &SeenRef<'_>) -> Result<()> {
        let p = &mut self.pending;
        let s = seen.signature;
        p.extend_from_slice(&s.exact.to_le_bytes());
        for b in s.bands {
            p.extend_from_slice(&b.to_le_bytes());
        }
        p.extend_from_slice(&s.words.to_le_bytes());
        let day = seen.date.map_or(i32::MIN, |d| d.num_days_from_ce());
        p.extend_from_slice(&day.to_le_bytes());
        p.extend_from_slice(&seen.bytes.to_le_bytes());
        p.extend_from_slice(&len32(seen.id.len(), "bytes of id")?.to_le_bytes());
        p.extend_from_slice(&len32(seen.lines.len(), "distinct lines")?.to_le_bytes());
        p.extend_from_slice(seen.id.as_bytes());
        for k in seen.lines {
            p.extend_from_slice(&k.to_le_bytes());
        }
        self.count += 1;
        if self.pending.len() >= FLUSH_AT {
            self.flush()?;
        }
        Ok(())
    }

    /// Writes the pending records to the file (made now if need be).
    fn flush(&mut self) -> Result<()> {
        if self.pending.is_empty() {
            return Ok(());
        }
        if self.file.is_none() {
            self.file = Some(tempfile::tempfile().map_err(temp_error)?);
        }
        let file = self.file.as_ref().expect("made above");
        at::write_all(file, &self.pending, self.written).map_err(temp_error)?;
        self.written += self.pending.len() as u64;
        self.pending.clear();
        Ok(())
    }

    /// Calls `f` with the index and the record of every document, in the order pushed.
    pub fn for_each(&self, mut f: impl FnMut(usize, SeenRef<'_>)) -> Result<()> {
        self.try_for_each(|i, s| {
            f(i, s);
            Ok::<(), Error>(())
        })
    }

    /// [`Records::for_each`] with a callback that can fail: stops at the first error, its own
    /// or the file's.
    pub fn try_for_each<E: From<Error>>(
        &self,
        mut f: impl FnMut(usize, SeenRef<'_>) -> Result<(), E>,
    ) -> Result<(), E> {
        let on_disk = at::Reader {
            file: self.file.as_ref(),
            pos: 0,
            end: self.written,
        };
        let mut r = BufReader::with_capacity(1 << 16, on_disk.chain(&self.pending[..]));
        let mut fixed = [0u8; FIXED];
        let (mut id, mut raw_lines, mut lines) = (Vec::new(), Vec::new(), Vec::new());
        for i in 0..self.count {
            r.read_exact(&mut fixed).map_err(temp_error)?;
            // The fixed part, 4 bytes at a time (u64s as their low then high halves).
            let mut fields = fixed
                .chunks_exact(4)
                .map(|c| u32::from_le_bytes(c.try_into().expect("4 bytes")));
            let mut next = || fields.next().expect("FIXED holds every field");
            let exact = u64::from(next()) | u64::from(next()) << 32;
            let bands: [u32; BANDS] = std::array::from_fn(|_| next());
            let words = next();
            let day = next() as i32;
            let bytes = u64::from(next()) | u64::from(next()) << 32;
            let id_len = next() as usize;
            let line_count = next() as usize;
            id.resize(id_len, 0);
            r.read_exact(&mut id).map_err(temp_error)?;
            raw_lines.resize(4 * line_count, 0);
            r.read_exact(&mut raw_lines).map_err(temp_error)?;
            lines.clear();
            lines.extend(
                (raw_lines.chunks_exact(4))
                    .map(|c| u32::from_le_bytes(c.try_into().expect("4 bytes"))),
            );
            let id = std::str::from_utf8(&id).map_err(|_| damaged())?;
            let date = match day {
                i32::MIN => None,
                n => Some(NaiveDate::from_num_days_from_ce_opt(n).ok_or_else(damaged)?),
            };
            let signature = Signature {
                exact,
                bands,
                words,
            };
            f(
                i,
                SeenRef {
                    id,
                    date,
                    signature: &signature,
                    lines: &lines,
                    bytes,
                },
            )?;
        }
        Ok(())
    }

    /// A copy in a file of its own.
    pub fn try_clone(&self) -> Result<Records> {
        let mut copy = Records::new();
        self.try_for_each(|_, s| copy.push(&s))?;
        Ok(copy)
    }
}

/// A length that fits a record's 32-bit field.
fn len32(n: usize, what: &str) -> Result<u32> {
    u32::try_from(n).map_err(|_| {
        Error::Usage(format!(
            "a document has {n} {what}, more than the first pass can record (2^32 - 1)"
        ))
    })
}

/// A record that does not decode: the temporary file was changed under us.
fn damaged() -> Error {
    temp_error(io::Error::new(
        io::ErrorKind::InvalidData,
        "a record was changed on disk",
    ))
}

/// An error on the temporary file, naming its folder and what to do (the kind of `e` is kept,
/// so that Python raises the matching `OSError`).
fn temp_error(e: io::Error) -> Error {
    let message = format!(
        "the first pass's temporary file failed ({e}); free space there, or set TMPDIR to a \
         folder with room (about 150 bytes per document), or skip the first pass with \
         --keep-duplicates --repeated-lines 0"
    );
    Error::io(std::env::temp_dir(), io::Error::new(e.kind(), message))
}

/// Positional reads and writes: nothing moves a shared cursor.
mod at {
    use std::fs::File;
    use std::io;

    /// Writes all of `buf` at `offset`.
    #[cfg(unix)]
    pub fn write_all(file: &File, buf: &[u8], offset: u64) -> io::Result<()> {
        std::os::unix::fs::FileExt::write_all_at(file, buf, offset)
    }

    /// Writes all of `buf` at `offset`.
    #[cfg(windows)]
    pub fn write_all(file: &File, mut buf: &[u8], mut offset: u64) -> io::Result<()> {
        while !buf.is_empty() {
            match std::os::windows::fs::FileExt::seek_write(file, buf, offset) {
                Ok(0) => return Err(io::ErrorKind::WriteZero.into()),
                Ok(n) => {
                    buf = &buf[n..];
                    offset += n as u64;
                }
                Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
                Err(e) => return Err(e),
            }
        }
        Ok(())
    }

    #[cfg(unix)]
    fn read_at(file: &File, buf: &mut [u8], offset: u64) -> io::Result<usize> {
        std::os::unix::fs::FileExt::read_at(file, buf, offset)
    }

    #[cfg(windows)]
    fn read_at(file: &File, buf: &mut [u8], offset: u64) -> io::Result<usize> {
        std::os::windows::fs::FileExt::seek_read(file, buf, offset)
    }

    /// The bytes `pos..end` of `file` (nothing when there is no file).
    pub struct Reader<'a> {
        pub file: Option<&'a File>,
        pub pos: u64,
        pub end: u64,
    }

    impl io::Read for Reader<'_> {
        fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
            let Some(file) = self.file else {
                return Ok(0);
            };
            let want = buf.len().min((self.end - self.pos) as usize);
            if want == 0 {
                return Ok(0);
            }
            let n = read_at(file, &mut buf[..want], self.pos)?;
            if n == 0 {
                return Err(io::ErrorKind::UnexpectedEof.into());
            }
            self.pos += n as u64;
            Ok(n)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scan::Seen;

    fn seen(i: usize) -> Seen {
        let text = format!("Document {i} says {} things.", "many ".repeat(i % 7));
        let mut doc = crate::input::Document::new(format!("d{i}-é"), text);
        doc.date =
            (i % 3 != 0).then(|| NaiveDate::from_ymd_opt(2024, 1, 1 + (i % 28) as u32).unwrap());
        let mut s = crate::scan::Survey::new(&crate::scan::ScanOptions::default()).see(&doc);
        // Both halves of the 64-bit fields count.
        s.bytes |= (i as u64) << 35;
        s
    }

    fn all(r: &Records) -> Vec<Seen> {
        let mut out = Vec::new();
        r.for_each(|i, s| {
            assert_eq!(i, out.len());
            out.push(Seen::from(s));
        })
        .unwrap();
        out
    }

    #[test]
    fn records_come_back_as_pushed_across_flushes() {
        // Around the flush threshold: none on disk, all on disk, and split between the two.
        for n in [0, 1, 2, 600, 700, 2_000] {
            let docs: Vec<Seen> = (0..n).map(seen).collect();
            let mut r = Records::new();
            for d in &docs {
                r.push(&d.as_ref()).unwrap();
            }
            assert_eq!((r.len(), r.is_empty()), (n, n == 0));
            // Up to 64 KB of records (about 600 of these) wait in memory; then they are
            // written out, and never more than that waits.
            assert_eq!(r.file.is_some(), n >= 700, "{n}");
            assert_eq!(r.file.is_some(), r.written > 0, "{n}");
            assert!(r.pending.len() < FLUSH_AT, "{n}");
            let size = |d: &Seen| 96 + d.candidate.id.len() as u64 + 4 * d.lines.len() as u64;
            assert_eq!(r.bytes(), docs.iter().map(size).sum::<u64>(), "{n}");
            assert_eq!(all(&r), docs, "{n}");
            // Read twice, and after more pushes: reading moves nothing.
            assert_eq!(all(&r), docs, "{n}");
            let copy = r.try_clone().unwrap();
            assert_eq!(all(&copy), docs, "{n}");
            r.push(&seen(n).as_ref()).unwrap();
            assert_eq!(all(&r).len(), n + 1);
            assert_eq!(all(&r)[..n], docs[..], "{n}");
        }
    }

    #[test]
    fn a_record_costs_its_fixed_part_its_id_and_its_lines() {
        let mut r = Records::new();
        let s = seen(3);
        r.push(&s.as_ref()).unwrap();
        assert_eq!(
            r.bytes() as usize,
            96 + s.candidate.id.len() + 4 * s.lines.len()
        );
        assert_eq!(FIXED, 96);
    }
}
