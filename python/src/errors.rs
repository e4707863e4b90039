//! Library errors as Python exceptions, with the CLI's messages.
//!
//! File-system failures become the matching `OSError` subclass (so `except FileNotFoundError`
//! works); everything else — a gazetteer error at `file:line:col`, a malformed record, a bad
//! option — is an `ActorgraphError`, a `ValueError`. The message is the library's, the one
//! the CLI prints after `actorgraph: error:`.

use pyo3::create_exception;
use pyo3::exceptions::{
    PyFileNotFoundError, PyIsADirectoryError, PyOSError, PyPermissionError, PyValueError,
};
use pyo3::PyErr;

create_exception!(
    actorgraph,
    ActorgraphError,
    PyValueError,
    "An input, a gazetteer or an option actorgraph cannot use; the message says where and what to do."
);

/// The Python exception for a library error.
pub fn to_py(e: actorgraph::Error) -> PyErr {
    to_py_ref(&e)
}

/// The Python exception for a library error kept elsewhere (a cached result).
pub fn to_py_ref(e: &actorgraph::Error) -> PyErr {
    let message = e.to_string();
    match e {
        actorgraph::Error::Io { source, .. } => match source.kind() {
            std::io::ErrorKind::NotFound => PyFileNotFoundError::new_err(message),
            std::io::ErrorKind::PermissionDenied => PyPermissionError::new_err(message),
            std::io::ErrorKind::IsADirectory => PyIsADirectoryError::new_err(message),
            _ => PyOSError::new_err(message),
        },
        _ => ActorgraphError::new_err(message),
    }
}

/// An `ActorgraphError` with `message`.
pub fn usage(message: impl Into<String>) -> PyErr {
    ActorgraphError::new_err(message.into())
}
