//! Atomic output files.
//!
//! A regular file is written to a temporary file beside the target and renamed over it only
//! when complete, so an error or an interrupt leaves the previous file untouched and no partial
//! file behind. A target that exists and is not a regular file (a FIFO, `/dev/stdout`, a
//! device) is written directly: renaming over it would replace it.
//!
//! An interrupt does not run destructors, so live temporary files are also registered in a
//! process-wide list that [`remove_partial_outputs`] clears; the binary calls it from its
//! Ctrl-C / SIGTERM handler.

use std::fs::{File, OpenOptions};
use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use tempfile::NamedTempFile;

use crate::error::{Error, Result};

/// Temporary files not yet renamed into place.
static LIVE_TEMPS: Mutex<Vec<PathBuf>> = Mutex::new(Vec::new());

/// Deletes every temporary output file still being written. For signal handlers.
pub fn remove_partial_outputs() {
    let live = match LIVE_TEMPS.lock() {
        Ok(l) => l,
        Err(poisoned) => poisoned.into_inner(),
    };
    for p in live.iter() {
        let _ = std::fs::remove_file(p);
    }
}

fn unregister(p: &Path) {
    if let Ok(mut live) = LIVE_TEMPS.lock() {
        live.retain(|x| x != p);
    }
}

/// Where output goes.
pub struct Output {
    inner: Option<Target>,
    path: Option<PathBuf>,
    /// The registered temporary file, unregistered on commit or drop.
    temp: Option<PathBuf>,
}

impl Drop for Output {
    fn drop(&mut self) {
        if let Some(t) = self.temp.take() {
            unregister(&t);
        }
    }
}

enum Target {
    Stdout(BufWriter<io::Stdout>),
    Temp(BufWriter<NamedTempFile>),
    Direct(BufWriter<File>),
}

impl Output {
    /// Standard output.
    pub fn stdout() -> Output {
        Output {
            inner: Some(Target::Stdout(BufWriter::with_capacity(
                1 << 16,
                io::stdout(),
            ))),
            path: None,
            temp: None,
        }
    }

    /// A file, written atomically when it is (or will be) a regular file.
    pub fn file(path: &Path) -> Result<Output> {
        let special = std::fs::metadata(path).is_ok_and(|m| !m.is_file() && !m.is_dir());
        if std::fs::metadata(path).is_ok_and(|m| m.is_dir()) {
            return Err(Error::Usage(format!(
                "{}: is a directory; name an output file",
                path.display()
            )));
        }
        let mut temp = None;
        let inner = if special {
            let f = OpenOptions::new()
                .write(true)
                .open(path)
                .map_err(|e| write_error(path, e))?;
            Target::Direct(BufWriter::with_capacity(1 << 16, f))
        } else {
            let dir = match path.parent() {
                Some(d) if !d.as_os_str().is_empty() => d,
                _ => Path::new("."),
            };
            if !dir.is_dir() {
                return Err(Error::Usage(format!(
                    "{}: the directory {} does not exist; create it first",
                    path.display(),
                    dir.display()
                )));
            }
            let mut builder = tempfile::Builder::new();
            builder.prefix(".actorgraph-").suffix(".tmp");
            // A temporary file is private (0600); an output file gets what a plain create would
            // give it (0666 less the umask), or keeps the permissions of the file it replaces.
            #[cfg(unix)]
            {
                use std::os::unix::fs::PermissionsExt;
                builder.permissions(std::fs::Permissions::from_mode(0o666));
            }
            let tmp = builder.tempfile_in(dir).map_err(|e| write_error(path, e))?;
            if let Ok(m) = std::fs::metadata(path) {
                tmp.as_file()
                    .set_permissions(m.permissions())
                    .map_err(|e| write_error(path, e))?;
            }
            if let Ok(mut live) = LIVE_TEMPS.lock() {
                live.push(tmp.path().to_path_buf());
            }
            temp = Some(tmp.path().to_path_buf());
            Target::Temp(BufWriter::with_capacity(1 << 16, tmp))
        };
        Ok(Output {
            inner: Some(inner),
            path: Some(path.to_path_buf()),
            temp,
        })
    }

    /// Standard output for `None` or `-`, else [`Output::file`].
    pub fn create(path: Option<&Path>) -> Result<Output> {
        match path {
            None => Ok(Output::stdout()),
            Some(p) if p == Path::new("-") => Ok(Output::stdout()),
            Some(p) => Output::file(p),
        }
    }

    /// Wraps an I/O error with the output's name (never the temporary file's) and what to do.
    pub fn error(&self, e: io::Error) -> Error {
        write_error(self.path.as_deref().unwrap_or(Path::new("<stdout>")), e)
    }

    /// Flushes and, for a temporary file, syncs and renames it into place.
    pub fn commit(mut self) -> Result<()> {
        let name = self
            .path
            .clone()
            .unwrap_or_else(|| PathBuf::from("<stdout>"));
        let fail = |e: io::Error| write_error(&name, e);
        match self.inner.take().expect("not yet committed") {
            Target::Stdout(mut w) => w.flush().map_err(fail),
            Target::Direct(mut w) => w.flush().map_err(fail),
            Target::Temp(w) => {
                let tmp = w.into_inner().map_err(|e| fail(e.into_error()))?;
                tmp.as_file().sync_all().map_err(fail)?;
                tmp.persist(&name).map_err(|e| fail(e.error))?;
                Ok(())
            }
        }
    }
}

/// A write error on the user's `path`, with what to do about it.
pub fn write_error(path: &Path, e: io::Error) -> Error {
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.display().to_string(),
        _ => ".".to_owned(),
    };
    let hint = match e.kind() {
        io::ErrorKind::StorageFull => "free some space or write elsewhere with -o".to_owned(),
        io::ErrorKind::PermissionDenied | io::ErrorKind::ReadOnlyFilesystem => {
            format!("check that {dir} is writable, or write elsewhere with -o")
        }
        // A closed pipe (`| head`) is success for the binary: keep it recognisable.
        io::ErrorKind::BrokenPipe => return Error::io(path, e),
        _ => "check the path, or write elsewhere with -o".to_owned(),
    };
    // The operating system's words only: tempfile adds "at path <temporary file>".
    let what = match e.raw_os_error() {
        Some(code) => io::Error::from_raw_os_error(code).to_string(),
        None => {
            let s = e.to_string();
            s.find(" at path ")
                .map_or(s.clone(), |at| s[..at].to_owned())
        }
    };
    Error::Usage(format!("{}: cannot write: {what}; {hint}", path.display()))
}

impl Output {
    fn writer(&mut self) -> &mut dyn Write {
        match self.inner.as_mut().expect("not yet committed") {
            Target::Stdout(w) => w,
            Target::Temp(w) => w,
            Target::Direct(w) => w,
        }
    }
}

impl Write for Output {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.writer().write(buf)
    }

    fn write_all(&mut self, buf: &[u8]) -> io::Result<()> {
        self.writer().write_all(buf)
    }

    fn flush(&mut self) -> io::Result<()> {
        self.writer().flush()
    }
}
