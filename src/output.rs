//! Atomic output files.
//!
//! A regular file is written to a temporary file beside the target and renamed over it only
//! when complete, so an error or an interrupt leaves the previous file untouched and no partial
//! file behind. A target that exists and is not a regular file (a FIFO, `/dev/stdout`, a
//! device) is written directly: renaming over it would replace it.

use std::fs::{File, OpenOptions};
use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};

use tempfile::NamedTempFile;

use crate::error::{Error, Result};

/// Where output goes.
pub struct Output {
    inner: Target,
    path: Option<PathBuf>,
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
            inner: Target::Stdout(BufWriter::with_capacity(1 << 16, io::stdout())),
            path: None,
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
        let inner = if special {
            let f = OpenOptions::new()
                .write(true)
                .open(path)
                .map_err(|e| Error::io(path, e))?;
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
            let tmp = builder.tempfile_in(dir).map_err(|e| Error::io(path, e))?;
            if let Ok(m) = std::fs::metadata(path) {
                tmp.as_file()
                    .set_permissions(m.permissions())
                    .map_err(|e| Error::io(path, e))?;
            }
            Target::Temp(BufWriter::with_capacity(1 << 16, tmp))
        };
        Ok(Output {
            inner,
            path: Some(path.to_path_buf()),
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

    /// Wraps an I/O error with the output's name.
    pub fn error(&self, e: io::Error) -> Error {
        Error::io(self.path.as_deref().unwrap_or(Path::new("<stdout>")), e)
    }

    /// Flushes and, for a temporary file, syncs and renames it into place.
    pub fn commit(self) -> Result<()> {
        let name = self
            .path
            .clone()
            .unwrap_or_else(|| PathBuf::from("<stdout>"));
        let fail = |e: io::Error| Error::io(&name, e);
        match self.inner {
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

impl Write for Output {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        match &mut self.inner {
            Target::Stdout(w) => w.write(buf),
            Target::Temp(w) => w.write(buf),
            Target::Direct(w) => w.write(buf),
        }
    }

    fn write_all(&mut self, buf: &[u8]) -> io::Result<()> {
        match &mut self.inner {
            Target::Stdout(w) => w.write_all(buf),
            Target::Temp(w) => w.write_all(buf),
            Target::Direct(w) => w.write_all(buf),
        }
    }

    fn flush(&mut self) -> io::Result<()> {
        match &mut self.inner {
            Target::Stdout(w) => w.flush(),
            Target::Temp(w) => w.flush(),
            Target::Direct(w) => w.flush(),
        }
    }
}
