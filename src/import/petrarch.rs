//! Reading PETRARCH / Phoenix actor dictionaries (the TABARI `.actors` format).
//!
//! A record is a primary phrase, `+` synonym lines, and `[CODE]` groups (on the phrase's line
//! or on tab-indented lines below it), each code optionally restricted to dates: `[CODE <d]`
//! (until d), `[CODE >d]` (from d), `[CODE d-d]`; both ends inclusive, as PETRARCH compares
//! them. Dates are read as PETRARCH's `dstr_to_ordate` reads them: more than 7 characters is
//! `YYYYMMDD` (the first 8), otherwise `YYMMDD` with years 00–30 in the 2000s. Phrases use `_`
//! between words; a trailing `_` (a word end in TABARI) is dropped, since we match whole words
//! anyway. `#` starts a comment anywhere on a line. Every quirk met is a [`Issue`] with its
//! line; reading never stops. Decisions: `docs/gazetteer.md`.

use chrono::NaiveDate;

use super::{Issue, IssueKind};
use crate::gazetteer::Period;

/// A record as read: its line, phrases (primary first) and codes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Record {
    /// 1-based line of the primary phrase.
    pub line: usize,
    /// Primary phrase, then synonyms, as written (underscores made spaces).
    pub phrases: Vec<(String, usize)>,
    /// Codes, in file order.
    pub codes: Vec<(String, Period)>,
}

/// Reads one dictionary; `file` names it in issues.
pub fn read(file: &str, bytes: &[u8], issues: &mut Vec<Issue>) -> Vec<Record> {
    let text = String::from_utf8_lossy(bytes);
    let mut records: Vec<Record> = Vec::new();
    let mut issue = |kind: IssueKind, line: usize, message: String| {
        issues.push(Issue {
            kind,
            file: file.to_owned(),
            line,
            message,
        })
    };
    for (i, raw) in text.split('\n').enumerate() {
        let line_no = i + 1;
        let mut line: String = raw.trim_end_matches('\r').to_owned();
        if line.contains('\u{FFFD}') {
            issue(
                IssueKind::InvalidUtf8,
                line_no,
                "U+FFFD: bytes that are not UTF-8 here, or damaged before publication; the \
                 phrase is kept as written (it can match only damaged text)"
                    .into(),
            );
        }
        if line.chars().any(|c| c.is_control() && c != '\t') {
            let shown: Vec<String> = line
                .chars()
                .filter(|c| c.is_control() && *c != '\t')
                .map(|c| format!("U+{:04X}", c as u32))
                .collect();
            issue(
                IssueKind::ControlByte,
                line_no,
                format!("control character {} removed", shown.join(", ")),
            );
            line.retain(|c| !c.is_control() || c == '\t');
        }
        if let Some(hash) = line.find('#') {
            line.truncate(hash);
        }
        if line.trim().is_empty() {
            continue;
        }
        if line.contains("---STOP---") {
            break;
        }
        let indented = line.starts_with(char::is_whitespace);
        let (phrase_part, code_part) = match line.find('[') {
            Some(b) => (&line[..b], &line[b..]),
            None => (line.as_str(), ""),
        };
        let codes = read_codes(code_part, line_no, &mut issue);
        let phrase_part = phrase_part.trim();
        if phrase_part.is_empty() {
            match records.last_mut() {
                Some(r) => r.codes.extend(codes),
                None => issue(
                    IssueKind::Orphan,
                    line_no,
                    "codes before any phrase; skipped".into(),
                ),
            }
            continue;
        }
        let synonym = phrase_part.starts_with('+');
        let body = phrase_part.trim_start_matches('+');
        let mut parts: Vec<&str> = vec![body];
        if body.contains('+') {
            let merged = body
                .match_indices('+')
                .all(|(at, _)| body[..at].ends_with(char::is_whitespace));
            if merged || synonym {
                // "+A_ +B_" or "+A_+_B_": two synonyms on one line.
                parts = body.split('+').collect();
                let what = if merged {
                    IssueKind::MergedSynonyms
                } else {
                    IssueKind::PlusInPhrase
                };
                issue(
                    what,
                    line_no,
                    format!("{body:?} read as {} synonyms", parts.len()),
                );
            } else {
                // On a primary line a glued '+' is part of the name ("B+H_OCEAN_CARRIERS_").
                issue(
                    IssueKind::PlusInPhrase,
                    line_no,
                    format!("{body:?}: a '+' inside a primary phrase is kept as part of the name"),
                );
            }
        }
        parts.retain(|p| !phrase(p).is_empty());
        let phrases: Vec<(String, usize)> = parts.iter().map(|p| (phrase(p), line_no)).collect();
        if phrases.is_empty() {
            issue(
                IssueKind::EmptyPhrase,
                line_no,
                "a phrase with no words; skipped".into(),
            );
            continue;
        }
        if synonym {
            match records.last_mut() {
                Some(r) => {
                    r.phrases.extend(phrases);
                    r.codes.extend(codes);
                }
                None => issue(
                    IssueKind::Orphan,
                    line_no,
                    "a synonym before any primary phrase; skipped".into(),
                ),
            }
            continue;
        }
        if indented {
            issue(
                IssueKind::IndentedName,
                line_no,
                format!(
                    "an indented line holds a phrase ({:?}); PETRARCH would read it as a date \
                     line of the record above; read as a record of its own",
                    phrases[0].0
                ),
            );
        }
        records.push(Record {
            line: line_no,
            phrases,
            codes,
        });
    }
    records
}

/// A phrase as matched: underscores are spaces, white space collapsed, a trailing `_` dropped.
pub fn phrase(raw: &str) -> String {
    raw.replace('_', " ")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

fn read_codes(
    mut rest: &str,
    line: usize,
    issue: &mut impl FnMut(IssueKind, usize, String),
) -> Vec<(String, Period)> {
    let mut out = Vec::new();
    while let Some(open) = rest.find('[') {
        let Some(close) = rest[open..].find(']') else {
            issue(
                IssueKind::MalformedCode,
                line,
                format!("'[' without ']' in {:?}; skipped", rest.trim()),
            );
            break;
        };
        let inner = rest[open + 1..open + close].trim();
        rest = &rest[open + close + 1..];
        match read_code(inner) {
            Ok(Some(c)) => out.push(c),
            Ok(None) => {}
            Err((kind, message)) => issue(kind, line, format!("[{inner}]: {message}; skipped")),
        }
    }
    out
}

/// One `[...]` group: `Ok(None)` for the null code `---`.
fn read_code(inner: &str) -> Result<Option<(String, Period)>, (IssueKind, String)> {
    let (code, restriction) = match inner.split_once(char::is_whitespace) {
        Some((c, r)) => (c, r.trim()),
        None => (inner, ""),
    };
    if code.is_empty() {
        return Err((IssueKind::MalformedCode, "empty code".into()));
    }
    if code.chars().all(|c| c == '-') {
        return Ok(None);
    }
    let code = code.to_owned();
    if restriction.is_empty() {
        return Ok(Some((code, Period::default())));
    }
    let bad_date = |s: &str| {
        (
            IssueKind::MalformedDate,
            format!("date {s:?} is not YYMMDD or YYYYMMDD"),
        )
    };
    if let Some(sign) = restriction.chars().find(|c| *c == '<' || *c == '>') {
        // Like PETRARCH: the first run of digits after the sign.
        let digits: String = restriction
            .chars()
            .skip_while(|c| !c.is_ascii_digit())
            .take_while(char::is_ascii_digit)
            .collect();
        let day = petrarch_date(&digits).ok_or_else(|| bad_date(restriction))?;
        let period = if sign == '<' {
            Period {
                from: None,
                until: Some(day),
            }
        } else {
            Period {
                from: Some(day),
                until: None,
            }
        };
        return Ok(Some((code, period)));
    }
    if let Some((a, b)) = restriction.split_once('-') {
        let (a, b) = (a.trim(), b.trim());
        let from = petrarch_date(a).ok_or_else(|| bad_date(a))?;
        let until = petrarch_date(b).ok_or_else(|| bad_date(b))?;
        if until < from {
            let note = if a.len() == 7 || b.len() == 7 {
                " (a 7-digit date is read as YYMMDD, as PETRARCH reads it)"
            } else {
                ""
            };
            return Err((
                IssueKind::EndBeforeStart,
                format!("ends ({until}) before it starts ({from}){note}"),
            ));
        }
        return Ok(Some((
            code,
            Period {
                from: Some(from),
                until: Some(until),
            },
        )));
    }
    Err((
        IssueKind::MalformedDate,
        format!("restriction {restriction:?} is none of <d, >d, d-d"),
    ))
}

/// A date as PETRARCH's `dstr_to_ordate` reads it: more than 7 characters is `YYYYMMDD` (only
/// the first 8 are read), otherwise `YYMMDD` (a 7th character is ignored) with `YY` up to 30
/// in the 2000s and the rest in the 1900s. Invalid days (`20100931`) are rejected.
pub fn petrarch_date(s: &str) -> Option<NaiveDate> {
    let num = |r: std::ops::Range<usize>| -> Option<u32> {
        let part = s.get(r)?;
        if part.is_empty() || !part.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        part.parse().ok()
    };
    let (year, month, day) = if s.len() > 7 {
        (num(0..4)? as i32, num(4..6)?, num(6..8)?)
    } else {
        let yy = num(0..2)? as i32;
        let year = if yy <= 30 { 2000 + yy } else { 1900 + yy };
        (year, num(2..4)?, num(4..6)?)
    };
    NaiveDate::from_ymd_opt(year, month, day)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn petrarch_date_table() {
        // (input, expected ISO date or None); rows from PETRARCH's own doc-test dates and
        // from the Phoenix files.
        let cases = [
            ("20130926", Some("2013-09-26")),
            ("090120", Some("2009-01-20")),
            ("510724", Some("1951-07-24")),
            ("19411207", Some("1941-12-07")),
            ("300101", Some("2030-01-01")),
            ("310101", Some("1931-01-01")),
            ("2004017", Some("2020-04-01")),
            ("20061201junk", Some("2006-12-01")),
            ("20100931", None),
            ("20100229", None),
            ("20120229", Some("2012-02-29")),
            ("9901", None),
            ("", None),
            ("99O101", None),
        ];
        for (input, expected) in cases {
            let got = petrarch_date(input).map(|d| d.to_string());
            assert_eq!(got.as_deref(), expected, "{input}");
        }
    }

    #[test]
    fn phrase_table() {
        for (input, expected) in [
            ("AFGHANISTAN_", "AFGHANISTAN"),
            (
                "DOWLAT_E_ESLAMI_YE_AFGHANESTAN_ ",
                "DOWLAT E ESLAMI YE AFGHANESTAN",
            ),
            ("CARLOS SANTOS_CRUZ_", "CARLOS SANTOS CRUZ"),
            ("U.N.", "U.N."),
            ("_", ""),
        ] {
            assert_eq!(phrase(input), expected, "{input}");
        }
    }
}
