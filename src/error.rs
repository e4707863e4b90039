//! The library's error type. Every message says where (file, line, column when known) and,
//! where it helps, what to do. The library never prints; the binary prints each error once.

use std::path::{Path, PathBuf};

/// Result alias used across the crate.
pub type Result<T, E = Error> = std::result::Result<T, E>;

/// Everything that can stop a command.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// A gazetteer failed to parse or validate: `file:line:col: what, how to fix`.
    #[error("{location}: {message}")]
    Gazetteer {
        /// `file:line:col`
        location: String,
        /// What is wrong and how to fix it.
        message: String,
    },
    /// A document input is malformed (a bad JSON Lines record, say).
    #[error("{location}: {message}")]
    Input {
        /// `file:line` or `file`
        location: String,
        /// What is wrong and how to fix it.
        message: String,
    },
    /// Reading or writing a file failed.
    #[error("{}: {source}", path.display())]
    Io {
        /// The file involved.
        path: PathBuf,
        /// The operating system's error.
        #[source]
        source: std::io::Error,
    },
    /// The request itself cannot be carried out (unknown actor, bad option value, ...).
    #[error("{0}")]
    Usage(String),
    /// A saved graph file is not an actorgraph graph.
    #[error("{location}: {message}")]
    Graph {
        /// The file.
        location: String,
        /// What is wrong.
        message: String,
    },
    /// An external program (Graphviz) is missing or failed.
    #[error("{0}")]
    External(String),
}

impl Error {
    /// An I/O error on `path`.
    pub fn io(path: impl AsRef<Path>, source: std::io::Error) -> Error {
        Error::Io {
            path: path.as_ref().to_path_buf(),
            source,
        }
    }

    /// True when the error is a closed pipe on output, which the binary treats as success.
    pub fn is_broken_pipe(&self) -> bool {
        matches!(self, Error::Io { source, .. } if source.kind() == std::io::ErrorKind::BrokenPipe)
    }
}

/// 1-based line and column (in characters) of byte offset `at` in `text`.
pub(crate) fn line_col(text: &[u8], at: usize) -> (usize, usize) {
    let at = at.min(text.len());
    let before = &text[..at];
    let line = before.iter().filter(|&&b| b == b'\n').count() + 1;
    let line_start = before
        .iter()
        .rposition(|&b| b == b'\n')
        .map_or(0, |p| p + 1);
    let col = String::from_utf8_lossy(&before[line_start..])
        .chars()
        .count()
        + 1;
    (line, col)
}
