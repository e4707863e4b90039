//! The first pass's records: what [`crate::scan::Survey`] saw of each document (id, date,
//! signature, line keys, text length), in one encoding — a `Record` in [postcard] — kept in
//! an anonymous temporary file while the survey is made (so that memory holds only what the
//! duplicate sieve needs: 36 bytes per document, `docs/duplicates.md`, "Memory"), and copied
//! as they are into a scan file's body ([`crate::scanfile`]).
//!
//! The file is made by [`tempfile::tempfile`] in the system's temporary folder (`TMPDIR` on
//! Unix, as for `sort`) once 64 KB of records wait, and the operating system removes it when
//! it is closed, even after a crash. Reads and writes are positional, so the records can be
//! read from a shared reference while nothing else moves a cursor. Records are decoded from a
//! 64 KB `Window` of a stream, never all at once.
//!
//! [postcard]: https://docs.rs/postcard

use std::borrow::Cow;
use std::fs::File;
use std::io::{self, Read, Write};

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};

use crate::dedup::Signature;
use crate::error::{Error, Result};
use crate::scan::SeenRef;

/// Records waiting in memory before they are written out.
const FLUSH_AT: usize = 1 << 16;

/// One document as it is stored (in the temporary file and in scan files).
#[derive(Serialize, Deserialize)]
pub(crate) struct Record<'a> {
    pub(crate) id: &'a str,
    /// Days from the common era.
    pub(crate) date: Option<i32>,
    pub(crate) signature: Signature,
    pub(crate) lines: Cow<'a, [u64]>,
    pub(crate) bytes: u64,
}

impl<'a> Record<'a> {
    /// `seen` as stored.
    pub(crate) fn new(seen: &SeenRef<'a>) -> Record<'a> {
        Record {
            id: seen.id,
            date: seen.date.map(|d| d.num_days_from_ce()),
            signature: *seen.signature,
            lines: Cow::Borrowed(seen.lines),
            bytes: seen.bytes,
        }
    }

    /// The record appended to `out`.
    pub(crate) fn encode(&self, out: Vec<u8>) -> Vec<u8> {
        postcard::to_extend(self, out).expect("a vector takes any record")
    }
}

/// Why records could not be read.
pub(crate) enum Failure<E> {
    /// Reading the stream failed.
    Read(io::Error),
    /// The bytes are not records (the message says what is wrong).
    Damaged(String),
    /// The caller's own error.
    Callback(E),
}

/// The part of a stream being decoded.
pub(crate) struct Window<R> {
    r: R,
    buf: Vec<u8>,
    /// Where the next value starts in `buf`.
    at: usize,
    /// The stream has no more bytes.
    ended: bool,
}

impl<R: Read> Window<R> {
    /// A window on `r`, at its start.
    pub(crate) fn new(r: R) -> Window<R> {
        Window {
            r,
            buf: Vec::new(),
            at: 0,
            ended: false,
        }
    }

    /// Calls `decode` on the bytes from the next value on (it returns how many it used),
    /// reading 64 KB more of the stream each time they end before the value does.
    pub(crate) fn next<E>(
        &mut self,
        mut decode: impl FnMut(&[u8]) -> postcard::Result<usize>,
    ) -> Result<(), Failure<E>> {
        loop {
            match decode(&self.buf[self.at..]) {
                Ok(used) => {
                    self.at += used;
                    return Ok(());
                }
                Err(postcard::Error::DeserializeUnexpectedEnd) if !self.ended => {
                    self.buf.drain(..self.at);
                    self.at = 0;
                    let before = self.buf.len();
                    (&mut self.r)
                        .take(1 << 16)
                        .read_to_end(&mut self.buf)
                        .map_err(Failure::Read)?;
                    self.ended = self.buf.len() == before;
                }
                Err(e) => return Err(Failure::Damaged(e.to_string())),
            }
        }
    }

    /// Decodes the next `count` records, calling `f` with the index and each record.
    pub(crate) fn records<E>(
        &mut self,
        count: usize,
        mut f: impl FnMut(usize, SeenRef<'_>) -> Result<(), E>,
    ) -> Result<(), Failure<E>> {
        for i in 0..count {
            let mut outcome = Ok(());
            self.next(|w| {
                let (d, rest) = postcard::take_from_bytes::<Record>(w)?;
                let date = d.date.map(|n| {
                    NaiveDate::from_num_days_from_ce_opt(n)
                        .ok_or_else(|| Failure::Damaged(format!("day {n} out of range")))
                });
                outcome = date.transpose().and_then(|date| {
                    let seen = SeenRef {
                        id: d.id,
                        date,
                        signature: &d.signature,
                        lines: &d.lines,
                        bytes: d.bytes,
                    };
                    f(i, seen).map_err(Failure::Callback)
                });
                Ok(w.len() - rest.len())
            })?;
            outcome?;
        }
        Ok(())
    }
}

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
        self.pending = Record::new(seen).encode(std::mem::take(&mut self.pending));
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

    /// Every record's bytes, in order: on disk, then waiting.
    fn reader(&self) -> impl Read + '_ {
        let on_disk = at::Reader {
            file: self.file.as_ref(),
            pos: 0,
            end: self.written,
        };
        on_disk.chain(&self.pending[..])
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
        f: impl FnMut(usize, SeenRef<'_>) -> Result<(), E>,
    ) -> Result<(), E> {
        Window::new(self.reader())
            .records(self.count, f)
            .map_err(|e| match e {
                Failure::Read(e) => temp_error(e).into(),
                Failure::Damaged(m) => damaged(&m).into(),
                Failure::Callback(e) => e,
            })
    }

    /// Writes every record's bytes, as they are, to `w` (a scan file's body after its count).
    pub fn write_to<E: From<Error> + From<io::Error>>(&self, w: &mut impl Write) -> Result<(), E> {
        let mut r = self.reader();
        let mut buf = vec![0u8; 1 << 16];
        loop {
            let n = r.read(&mut buf).map_err(temp_error)?;
            if n == 0 {
                return Ok(());
            }
            w.write_all(&buf[..n])?;
        }
    }

    /// A copy in a file of its own.
    pub fn try_clone(&self) -> Result<Records> {
        let mut copy = Records::new();
        self.try_for_each(|_, s| copy.push(&s))?;
        Ok(copy)
    }
}

/// A record that does not decode (`what`): the temporary file was changed under us.
fn damaged(what: &str) -> Error {
    temp_error(io::Error::new(
        io::ErrorKind::InvalidData,
        format!("a record was changed on disk: {what}"),
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
        for n in [0, 1, 2, 500, 700, 2_000] {
            let docs: Vec<Seen> = (0..n).map(seen).collect();
            let mut r = Records::new();
            for d in &docs {
                r.push(&d.as_ref()).unwrap();
            }
            assert_eq!((r.len(), r.is_empty()), (n, n == 0));
            // Up to 64 KB of records (about 580 of these) wait in memory; then they are
            // written out, and never more than that waits.
            assert_eq!(r.file.is_some(), n >= 700, "{n}");
            assert_eq!(r.file.is_some(), r.written > 0, "{n}");
            assert!(r.pending.len() < FLUSH_AT, "{n}");
            let size = |d: &Seen| Record::new(&d.as_ref()).encode(Vec::new()).len() as u64;
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
    fn a_record_costs_its_postcard_encoding() {
        // Varints: 3 for the id, 1 for no date, 1 + 16 + 1 for the signature, 1 + 1 + 2 for
        // two line keys (300 takes two bytes), 1 for the length.
        let signature = Signature {
            exact: 1,
            bands: [1; 16],
            words: 2,
        };
        let seen = SeenRef {
            id: "ab",
            date: None,
            signature: &signature,
            lines: &[3, 300],
            bytes: 5,
        };
        let mut r = Records::new();
        r.push(&seen).unwrap();
        assert_eq!(r.bytes(), 27);
        let mut back = Vec::new();
        r.for_each(|_, s| back.push(Seen::from(s))).unwrap();
        assert_eq!(back, [Seen::from(seen)]);
    }
}
