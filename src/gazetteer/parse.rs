//! Reading one gazetteer file: the JSON shapes, their spans, and the checks that need only
//! one entry (empty ids, bad dates, ...). Checks across entries live in `mod.rs` (ids),
//! `roles.rs` (holders) and `patterns.rs` (aliases).

use std::collections::BTreeMap;
use std::fmt;

use json_spanned_value::spanned::Spanned;
use serde::de::{self, Deserializer, MapAccess, Visitor};
use serde::Deserialize;

use super::period::{parse_iso_date, Period};
use super::{default_case_rule, Actor, Alias, CaseRule, Code, Source};
use crate::error::{Error, Result};

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawFile {
    /// What the file is, for its readers (ignored).
    #[serde(default)]
    #[allow(dead_code)]
    about: Option<Spanned<String>>,
    #[serde(default)]
    pub(super) actors: Vec<Spanned<RawActor>>,
    #[serde(default)]
    pub(super) roles: Vec<Spanned<RawRole>>,
    /// Phrases that tag nothing (global exclusions).
    #[serde(default)]
    pub(super) exclude: Vec<Spanned<RawAlias>>,
    /// The case rule for every name in this file that does not give its own.
    #[serde(default)]
    pub(super) case: Option<Spanned<String>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawActor {
    id: Spanned<String>,
    /// A string, or an object with a case rule like an alias's.
    label: Spanned<RawAlias>,
    #[serde(rename = "type")]
    kind: Spanned<String>,
    #[serde(default)]
    aliases: Vec<Spanned<RawAlias>>,
    #[serde(default)]
    exclude: Vec<Spanned<RawAlias>>,
    #[serde(default)]
    codes: Vec<Spanned<RawCode>>,
    #[serde(default)]
    attributes: BTreeMap<String, String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawRole {
    pub(super) id: Spanned<String>,
    pub(super) label: Spanned<String>,
    #[serde(rename = "type", default)]
    pub(super) kind: Option<Spanned<String>>,
    #[serde(default)]
    pub(super) aliases: Vec<Spanned<RawAlias>>,
    #[serde(default)]
    pub(super) holders: Vec<Spanned<RawHolder>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawHolder {
    pub(super) actor: Spanned<String>,
    #[serde(default)]
    pub(super) from: Option<Spanned<String>>,
    #[serde(default)]
    pub(super) until: Option<Spanned<String>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawCode {
    code: Spanned<String>,
    #[serde(default)]
    from: Option<Spanned<String>>,
    #[serde(default)]
    until: Option<Spanned<String>>,
}

pub(super) struct RawAlias {
    text: String,
    case: Option<CaseRule>,
}

impl<'de> Deserialize<'de> for RawAlias {
    fn deserialize<D: Deserializer<'de>>(d: D) -> std::result::Result<Self, D::Error> {
        d.deserialize_any(AliasVisitor)
    }
}

struct AliasVisitor;

impl<'de> Visitor<'de> for AliasVisitor {
    type Value = RawAlias;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str(r#"an alias: a string, or an object {"text": "...", "case": "sensitive"}"#)
    }

    fn visit_str<E: de::Error>(self, v: &str) -> std::result::Result<RawAlias, E> {
        Ok(RawAlias {
            text: v.to_owned(),
            case: None,
        })
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> std::result::Result<RawAlias, A::Error> {
        let mut text = None;
        let mut case = None;
        while let Some(key) = map.next_key::<String>()? {
            match key.as_str() {
                "text" => text = Some(map.next_value::<String>()?),
                "case" => {
                    let v = map.next_value::<String>()?;
                    case = Some(parse_case(&v).ok_or_else(|| {
                        de::Error::invalid_value(de::Unexpected::Str(&v), &CASE_VALUES)
                    })?);
                }
                other => return Err(de::Error::unknown_field(other, &["text", "case"])),
            }
        }
        let text = text.ok_or_else(|| de::Error::missing_field("text"))?;
        Ok(RawAlias { text, case })
    }
}

const CASE_VALUES: &str = r#""sensitive", "insensitive" or "capitalized""#;

fn parse_case(v: &str) -> Option<CaseRule> {
    match v {
        "sensitive" => Some(CaseRule::Sensitive),
        "insensitive" => Some(CaseRule::Insensitive),
        "capitalized" => Some(CaseRule::Capitalized),
        _ => None,
    }
}

pub(super) fn parse_file(src: &Source) -> Result<RawFile> {
    let bom = src.bytes.starts_with(b"\xEF\xBB\xBF");
    let body = if bom { &src.bytes[3..] } else { src.bytes };
    json_spanned_value::from_slice::<RawFile>(body).map_err(|e| {
        // serde_json counts from after the BOM, which is what an editor shows too.
        let col = e.column();
        let what = strip_serde_position(&e.to_string());
        let hint = match e.classify() {
            serde_json::error::Category::Syntax if what.contains("escape") => {
                "; fix the \\u escape (a lone surrogate \\uD800-\\uDFFF is not a character)"
            }
            serde_json::error::Category::Syntax => {
                "; fix the JSON syntax (a trailing comma, a missing comma or quote?)"
            }
            serde_json::error::Category::Eof => "; the file ends early: close every [ and {",
            serde_json::error::Category::Data => "; see docs/gazetteer.md for the format",
            serde_json::error::Category::Io => "",
        };
        Error::Gazetteer {
            location: format!("{}:{}:{}", src.name, e.line(), col),
            message: format!("{what}{hint}"),
        }
    })
}

/// serde_json appends " at line L column C"; we put the position in front instead.
fn strip_serde_position(msg: &str) -> String {
    match msg.rfind(" at line ") {
        Some(p) => msg[..p].to_owned(),
        None => msg.to_owned(),
    }
}

/// Where a value was defined: a source and a byte offset into it (after any BOM).
#[derive(Debug, Clone, Copy)]
pub(super) struct Origin {
    pub(super) source: usize,
    pub(super) offset: usize,
}

impl Origin {
    pub(super) fn locate(self, loc: &Locator) -> String {
        loc.locate(self)
    }
}

/// Turns [`Origin`]s into `file:line:col`, finding each source's line starts once: a load with
/// thousands of warnings used to count the lines from the top of the file for every one of
/// them (11,111 warnings on a 100 MB gazetteer: 240 s instead of 10 s).
pub(super) struct Locator<'s, 'a> {
    sources: &'s [Source<'a>],
    /// Byte offsets where each line of each source starts, found on first use.
    starts: Vec<std::cell::OnceCell<Vec<usize>>>,
}

impl<'s, 'a> Locator<'s, 'a> {
    pub(super) fn new(sources: &'s [Source<'a>]) -> Self {
        Locator {
            sources,
            starts: sources.iter().map(|_| Default::default()).collect(),
        }
    }

    /// What [`locate`] says, in logarithmic time after the first call for a source.
    pub(super) fn locate(&self, at: Origin) -> String {
        let src = &self.sources[at.source];
        let starts = self.starts[at.source].get_or_init(|| {
            std::iter::once(0)
                .chain(
                    src.bytes
                        .iter()
                        .enumerate()
                        .filter(|&(_, &b)| b == b'\n')
                        .map(|(p, _)| p + 1),
                )
                .collect()
        });
        let bom = if src.bytes.starts_with(b"\xEF\xBB\xBF") {
            3
        } else {
            0
        };
        let offset = (at.offset + bom).min(src.bytes.len());
        let line = starts.partition_point(|&s| s <= offset);
        let col = String::from_utf8_lossy(&src.bytes[starts[line - 1]..offset])
            .chars()
            .count()
            + 1;
        // The BOM itself is not a column a user can see.
        let col = if bom > 0 && line == 1 { col - 1 } else { col };
        format!("{}:{}:{}", src.name, line, col)
    }
}

pub(super) fn locate(src: &Source, span_start: usize) -> String {
    Locator::new(std::slice::from_ref(src)).locate(Origin {
        source: 0,
        offset: span_start,
    })
}

/// The file's default case rule, if it sets one.
pub(super) fn file_case(src: &Source, raw: &Option<Spanned<String>>) -> Result<Option<CaseRule>> {
    let Some(v) = raw else { return Ok(None) };
    parse_case(v.get_ref())
        .map(Some)
        .ok_or_else(|| Error::Gazetteer {
            location: locate(src, v.start()),
            message: format!("\"case\" is {:?}; use {CASE_VALUES}", v.get_ref()),
        })
}

/// A validated name (alias or exclusion) and where it was written.
pub(super) fn name(
    src: &Source,
    owner: &str,
    a: Spanned<RawAlias>,
    file_case: Option<CaseRule>,
) -> Result<Alias> {
    let start = a.start();
    let a = a.into_inner();
    let bad = |message: String| Error::Gazetteer {
        location: locate(src, start),
        message,
    };
    if a.text.trim().is_empty() {
        return Err(bad(format!(
            "{owner} has an empty alias; remove it or write the name"
        )));
    }
    if a.text.contains('\0') {
        return Err(bad(format!(
            "alias {:?} contains a NUL character; remove it",
            a.text
        )));
    }
    let text = a.text.trim().to_owned();
    let case = a
        .case
        .or(file_case)
        .unwrap_or_else(|| default_case_rule(&text));
    Ok(Alias { text, case })
}

fn non_empty(src: &Source, s: &Spanned<String>, message: impl FnOnce() -> String) -> Result<()> {
    if s.trim().is_empty() {
        return Err(Error::Gazetteer {
            location: locate(src, s.start()),
            message: message(),
        });
    }
    Ok(())
}

pub(super) fn check_id(src: &Source, id: &Spanned<String>, what: &str) -> Result<()> {
    non_empty(src, id, || {
        format!("{what} id is empty; give the {what} a stable slug such as \"sudani\"")
    })?;
    if id.trim() != id.as_str() {
        return Err(Error::Gazetteer {
            location: locate(src, id.start()),
            message: format!(
                "{what} id \"{}\" has leading or trailing white space; remove it",
                id.get_ref()
            ),
        });
    }
    if let Some(problem) = super::id_problem(id.get_ref()) {
        return Err(Error::Gazetteer {
            location: locate(src, id.start()),
            message: format!("{what} id {:?} {problem}", id.get_ref()),
        });
    }
    Ok(())
}

/// A period from optional `from`/`until` strings, checked.
pub(super) fn period(
    src: &Source,
    owner: &str,
    from: &Option<Spanned<String>>,
    until: &Option<Spanned<String>>,
) -> Result<Period> {
    let date = |v: &Option<Spanned<String>>, field: &str| -> Result<_> {
        let Some(v) = v else { return Ok(None) };
        parse_iso_date(v.get_ref())
            .map(Some)
            .ok_or_else(|| Error::Gazetteer {
                location: locate(src, v.start()),
                message: format!(
                    "{owner}: \"{field}\" is {:?}; write an ISO date such as 2022-10-27",
                    v.get_ref()
                ),
            })
    };
    let p = Period {
        from: date(from, "from")?,
        until: date(until, "until")?,
    };
    if let (Some(f), Some(u)) = (p.from, p.until) {
        if f > u {
            let at = from.as_ref().map_or(0, |v| v.start());
            return Err(Error::Gazetteer {
                location: locate(src, at),
                message: format!(
                    "{owner}: \"from\" {f} is after \"until\" {u}; swap them or fix the year"
                ),
            });
        }
    }
    Ok(p)
}

/// A validated actor with the places needed for later messages.
pub(super) struct Validated {
    pub(super) actor: Actor,
    /// Where the entry starts.
    pub(super) at: Origin,
    /// Where each name was written, label first.
    pub(super) names_at: Vec<Origin>,
    /// The actor's exclusions and where each was written.
    pub(super) excludes: Vec<(Alias, Origin)>,
}

/// An actor, checked on its own.
pub(super) fn validate_actor(
    src: &Source,
    si: usize,
    raw: Spanned<RawActor>,
    file_case: Option<CaseRule>,
) -> Result<Validated> {
    let origin = |offset: usize| Origin { source: si, offset };
    let at = origin(raw.start());
    let raw = raw.into_inner();
    check_id(src, &raw.id, "actor")?;
    let id = raw.id.get_ref().clone();
    if raw.label.text.trim().is_empty() {
        return Err(Error::Gazetteer {
            location: locate(src, raw.label.start()),
            message: format!("actor \"{id}\" has an empty label; give it a display name"),
        });
    }
    non_empty(src, &raw.kind, || {
        format!("actor \"{id}\" has an empty type; use person, armed_group, state, ...")
    })?;
    let owner = format!("actor \"{id}\"");
    let mut aliases = Vec::with_capacity(raw.aliases.len());
    let mut aliases_at = Vec::with_capacity(raw.aliases.len() + 1);
    aliases_at.push(origin(raw.label.start()));
    for a in raw.aliases {
        aliases_at.push(origin(a.start()));
        aliases.push(name(src, &owner, a, file_case)?);
    }
    let mut exclude = Vec::with_capacity(raw.exclude.len());
    for e in raw.exclude {
        let at = origin(e.start());
        exclude.push((name(src, &owner, e, file_case)?, at));
    }
    let mut codes = Vec::with_capacity(raw.codes.len());
    for c in raw.codes {
        let c = c.into_inner();
        non_empty(src, &c.code, || format!("{owner} has an empty code"))?;
        let period = period(src, &format!("code of {owner}"), &c.from, &c.until)?;
        codes.push(Code {
            code: c.code.into_inner().trim().to_owned(),
            period,
        });
    }
    let label = raw.label.into_inner();
    let label_case = label
        .case
        .or(file_case)
        .unwrap_or_else(|| default_case_rule(label.text.trim()));
    Ok(Validated {
        actor: Actor {
            id,
            label: label.text.trim().to_owned(),
            label_case,
            kind: raw.kind.into_inner().trim().to_owned(),
            aliases,
            codes,
            attributes: raw.attributes,
        },
        at,
        names_at: aliases_at,
        excludes: exclude,
    })
}

#[cfg(test)]
mod locator_tests {
    use super::*;

    #[test]
    fn locations_are_line_and_column_in_characters() {
        let text = "ab\nçd\n\nxyz";
        let bom = format!("\u{FEFF}{text}");
        let sources = [
            Source {
                name: "f.json",
                bytes: text.as_bytes(),
            },
            Source {
                name: "bom.json",
                bytes: bom.as_bytes(),
            },
        ];
        let loc = Locator::new(&sources);
        // (source, byte offset after any BOM, where)
        let cases = [
            (0, 0, "f.json:1:1"),
            (0, 2, "f.json:1:3"),
            (0, 3, "f.json:2:1"),
            (0, 5, "f.json:2:2"),
            (0, 7, "f.json:3:1"),
            (0, 8, "f.json:4:1"),
            (0, 10, "f.json:4:3"),
            (0, 99, "f.json:4:4"),
            (1, 0, "bom.json:1:1"),
            (1, 1, "bom.json:1:2"),
            (1, 8, "bom.json:4:1"),
        ];
        for (source, offset, want) in cases {
            let at = Origin { source, offset };
            assert_eq!(loc.locate(at), want, "{source} {offset}");
            // The same without the line index.
            assert_eq!(locate(&sources[source], offset), want, "{source} {offset}");
        }
    }
}
