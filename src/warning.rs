//! Warnings: what a run found that did not stop it, as values. The library collects them; the
//! CLI (or a Python caller) decides how to show them. [`Warning`]'s `Display` is the one-line
//! form the CLI prints: `path:line: message; consequence`.

use std::fmt;

use serde::Serialize;

/// What kind of thing went wrong; decides the consequence printed after the message.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum WarningKind {
    /// An input could not be read at all (missing, unreadable, not a regular file, binary);
    /// it was skipped.
    UnreadableInput,
    /// A file found while walking a directory holds NUL bytes; it was skipped.
    BinaryInput,
    /// One malformed record (a JSON Lines line, a JSON record, a CSV row) was skipped
    /// (`--skip-bad-lines`).
    BadLine,
    /// Text was repaired while decoding (invalid UTF-8 replaced).
    Encoding,
    /// A document id was seen more than once; both documents are counted under that id.
    DuplicateId,
    /// A unit mentioned more actors than are linked.
    CappedUnits,
    /// Anything else worth knowing.
    Other,
}

impl WarningKind {
    /// What the run did about it, appended to the message.
    fn consequence(self) -> &'static str {
        match self {
            WarningKind::UnreadableInput => "; skipped",
            WarningKind::BinaryInput => "; skipped (pass --text to read it anyway)",
            WarningKind::BadLine => "; record skipped",
            _ => "",
        }
    }
}

/// One warning: its kind, where (file and 1-based line, when known) and what.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Warning {
    /// What kind of warning.
    pub kind: WarningKind,
    /// The input it concerns, as given (or as found while walking a directory).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub path: Option<String>,
    /// 1-based line in `path`, when known.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub line: Option<u64>,
    /// What happened, without the location and without the consequence.
    pub message: String,
}

impl Warning {
    /// A warning about `path` (and `line`, if any).
    pub fn new(
        kind: WarningKind,
        path: Option<String>,
        line: Option<u64>,
        message: impl Into<String>,
    ) -> Warning {
        Warning {
            kind,
            path,
            line,
            message: message.into(),
        }
    }

    /// A warning about the run as a whole.
    pub fn general(kind: WarningKind, message: impl Into<String>) -> Warning {
        Warning::new(kind, None, None, message)
    }

    /// `path:line: message`, without the consequence.
    pub fn located(&self) -> String {
        match (&self.path, self.line) {
            (Some(p), Some(l)) => format!("{p}:{l}: {}", self.message),
            (Some(p), None) => format!("{p}: {}", self.message),
            _ => self.message.clone(),
        }
    }
}

impl fmt::Display for Warning {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}{}", self.located(), self.kind.consequence())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn display_table() {
        use WarningKind::*;
        let cases = [
            (
                Warning::new(
                    UnreadableInput,
                    Some("a.txt".into()),
                    None,
                    "cannot read: x",
                ),
                "a.txt: cannot read: x; skipped",
            ),
            (
                Warning::new(BadLine, Some("c.jsonl".into()), Some(5), "bad record"),
                "c.jsonl:5: bad record; record skipped",
            ),
            (
                Warning::general(CappedUnits, "2 unit(s) capped"),
                "2 unit(s) capped",
            ),
        ];
        for (w, expected) in cases {
            assert_eq!(w.to_string(), expected);
        }
    }
}
