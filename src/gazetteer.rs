//! The gazetteer: actors, their aliases, and validation with `file:line:col` errors.
//!
//! The file format is documented in `docs/gazetteer.md`. Loading parses each file (a UTF-8 BOM
//! is accepted), validates each actor, merges the files (a later file may not redefine an id)
//! and then checks that no normalised alias is claimed by two actors. The result also carries
//! the alias table the tagger compiles into its automaton.

use std::collections::{BTreeMap, HashMap};
use std::fmt;
use std::path::Path;

use json_spanned_value::spanned::Spanned;
use serde::de::{self, Deserializer, MapAccess, Visitor};
use serde::Deserialize;

use crate::error::{line_col, Error, Result};
use crate::normalize::{normalize, normalize_keep_case};

/// The default gazetteer, embedded in the binary.
pub const DEFAULT_GAZETTEER: &str = include_str!("../gazetteer/actors.json");
/// The name under which the embedded gazetteer is reported in messages.
pub const DEFAULT_GAZETTEER_NAME: &str = "<default gazetteer>";

/// Index of an actor in its [`Gazetteer`].
pub type ActorIdx = u32;

/// How an alias compares letter case.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CaseRule {
    /// Letter case must match (after dash, apostrophe, space and NFD normalisation).
    Sensitive,
    /// Letter case is ignored.
    Insensitive,
}

/// One actor.
#[derive(Debug, Clone)]
pub struct Actor {
    /// Stable slug, unique across the merged gazetteer.
    pub id: String,
    /// Display name; also matched like an alias.
    pub label: String,
    /// Free-form type: person, armed_group, state, ...
    pub kind: String,
    /// Aliases as written in the file (the label is not repeated here).
    pub aliases: Vec<Alias>,
    /// Free-form string attributes, sorted by key.
    pub attributes: BTreeMap<String, String>,
}

/// One alias of an actor.
#[derive(Debug, Clone)]
pub struct Alias {
    /// The alias as written.
    pub text: String,
    /// Resolved case rule (explicit `case`, or the acronym default).
    pub case: CaseRule,
}

/// A merged, validated gazetteer.
#[derive(Debug, Clone)]
pub struct Gazetteer {
    actors: Vec<Actor>,
    by_id: HashMap<String, ActorIdx>,
    pub(crate) patterns: Vec<Pattern>,
}

/// One distinct normalised (case-folded) alias and the actors' rules behind it.
#[derive(Debug, Clone)]
pub(crate) struct Pattern {
    pub(crate) key: String,
    pub(crate) rules: Vec<PatternRule>,
}

/// Which actor a pattern tags, and, for a case-sensitive alias, the exact normalised form the
/// original text must have.
#[derive(Debug, Clone)]
pub(crate) struct PatternRule {
    pub(crate) actor: ActorIdx,
    pub(crate) exact: Option<String>,
}

/// A gazetteer file in memory: its display name and bytes.
pub struct Source<'a> {
    /// Shown in messages (`gazetteer/actors.json`).
    pub name: &'a str,
    /// The JSON text, possibly with a UTF-8 BOM.
    pub bytes: &'a [u8],
}

/// Non-fatal findings of a load (duplicate aliases on one actor, ...).
pub type Warnings = Vec<String>;

impl Gazetteer {
    /// The embedded default gazetteer.
    pub fn embedded() -> Gazetteer {
        let src = Source {
            name: DEFAULT_GAZETTEER_NAME,
            bytes: DEFAULT_GAZETTEER.as_bytes(),
        };
        Gazetteer::from_sources(&[src])
            .expect("the embedded gazetteer is valid (checked by a test)")
            .0
    }

    /// Reads and merges gazetteer files.
    pub fn load_files<P: AsRef<Path>>(paths: &[P]) -> Result<(Gazetteer, Warnings)> {
        let mut data = Vec::with_capacity(paths.len());
        for p in paths {
            let p = p.as_ref();
            let bytes = std::fs::read(p).map_err(|e| Error::io(p, e))?;
            data.push((p.display().to_string(), bytes));
        }
        let sources: Vec<Source> = data
            .iter()
            .map(|(name, bytes)| Source { name, bytes })
            .collect();
        Gazetteer::from_sources(&sources)
    }

    /// Parses, validates and merges gazetteer sources, in order.
    pub fn from_sources(sources: &[Source]) -> Result<(Gazetteer, Warnings)> {
        let mut warnings = Vec::new();
        let mut actors = Vec::new();
        let mut by_id: HashMap<String, ActorIdx> = HashMap::new();
        // Where each actor and name was defined, for messages: (source, byte offset). Turned
        // into line:col only when a message needs it (doing it eagerly is quadratic).
        let mut id_at: Vec<Origin> = Vec::new();
        let mut alias_at: Vec<Vec<Origin>> = Vec::new();

        for (si, src) in sources.iter().enumerate() {
            let file = parse_file(src)?;
            for raw in file.actors {
                let (actor, at, aliases_at) = validate_actor(src, si, raw)?;
                if let Some(&prev) = by_id.get(&actor.id) {
                    return Err(Error::Gazetteer {
                        location: at.locate(sources),
                        message: format!(
                            "actor id \"{}\" is already defined at {}; give one of them another id \
                             or merge the two entries",
                            actor.id,
                            id_at[prev as usize].locate(sources)
                        ),
                    });
                }
                let idx = ActorIdx::try_from(actors.len()).map_err(|_| Error::Gazetteer {
                    location: at.locate(sources),
                    message: "more than 4,294,967,295 actors".into(),
                })?;
                by_id.insert(actor.id.clone(), idx);
                id_at.push(at);
                alias_at.push(aliases_at);
                actors.push(actor);
            }
        }
        let patterns = build_patterns(&actors, &alias_at, sources, &mut warnings)?;
        Ok((
            Gazetteer {
                actors,
                by_id,
                patterns,
            },
            warnings,
        ))
    }

    /// All actors, in file order.
    pub fn actors(&self) -> &[Actor] {
        &self.actors
    }

    /// The actor at `idx`.
    pub fn actor(&self, idx: ActorIdx) -> &Actor {
        &self.actors[idx as usize]
    }

    /// Looks an actor up by id.
    pub fn by_id(&self, id: &str) -> Option<ActorIdx> {
        self.by_id.get(id).copied()
    }

    /// Number of distinct matchable strings (labels and aliases after normalisation).
    pub fn pattern_count(&self) -> usize {
        self.patterns.len()
    }
}

/// The default case rule: an alias made only of capital letters and digits, with at most five
/// letters (PMF, US, HMC), is case-sensitive; anything else is case-insensitive.
pub fn default_case_rule(alias: &str) -> CaseRule {
    let letters = alias.chars().filter(|c| c.is_alphabetic()).count();
    let acronym =
        letters > 0 && letters <= 5 && alias.chars().all(|c| c.is_uppercase() || c.is_numeric());
    if acronym {
        CaseRule::Sensitive
    } else {
        CaseRule::Insensitive
    }
}

// ---------------------------------------------------------------------------------------------
// Parsing

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawFile {
    actors: Vec<Spanned<RawActor>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawActor {
    id: Spanned<String>,
    label: Spanned<String>,
    #[serde(rename = "type")]
    kind: Spanned<String>,
    #[serde(default)]
    aliases: Vec<Spanned<RawAlias>>,
    #[serde(default)]
    attributes: BTreeMap<String, String>,
}

struct RawAlias {
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
                    case = Some(match v.as_str() {
                        "sensitive" => CaseRule::Sensitive,
                        "insensitive" => CaseRule::Insensitive,
                        other => {
                            return Err(de::Error::invalid_value(
                                de::Unexpected::Str(other),
                                &r#""sensitive" or "insensitive""#,
                            ))
                        }
                    });
                }
                other => return Err(de::Error::unknown_field(other, &["text", "case"])),
            }
        }
        let text = text.ok_or_else(|| de::Error::missing_field("text"))?;
        Ok(RawAlias { text, case })
    }
}

fn parse_file(src: &Source) -> Result<RawFile> {
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
struct Origin {
    source: usize,
    offset: usize,
}

impl Origin {
    fn locate(self, sources: &[Source]) -> String {
        locate(&sources[self.source], self.offset)
    }
}

fn locate(src: &Source, span_start: usize) -> String {
    let bom = if src.bytes.starts_with(b"\xEF\xBB\xBF") {
        3
    } else {
        0
    };
    let (line, col) = line_col(src.bytes, span_start + bom);
    // The BOM itself is not a column a user can see.
    let col = if bom > 0 && line == 1 { col - 1 } else { col };
    format!("{}:{}:{}", src.name, line, col)
}

/// Why `id` cannot be an actor id, or `None` when it can. Ids are node names in every export,
/// so each must come back from every format as itself: DOT turns line breaks into spaces and
/// cannot write a backslash before a quote or at the end, and XML cannot carry most control
/// characters nor U+FFFE/U+FFFF. Two such ids could become one node, so they are rejected
/// rather than encoded (`docs/gazetteer.md`, "Ids"). Also used when a saved graph is loaded.
pub fn id_problem(id: &str) -> Option<String> {
    let mut chars = id.chars().peekable();
    while let Some(c) = chars.next() {
        let bad = if c.is_control() {
            format!("contains the control character U+{:04X}", c as u32)
        } else if matches!(c, '\u{fffe}' | '\u{ffff}') {
            format!("contains the non-character U+{:04X}", c as u32)
        } else if c == '\\' && matches!(chars.peek(), None | Some('"')) {
            "has a backslash before a quote or at the end".to_owned()
        } else {
            continue;
        };
        return Some(format!(
            "{bad}, which DOT or XML cannot write back as itself; use letters, digits, `_` or \
             `-` (ids are stable slugs such as \"sudani\")"
        ));
    }
    None
}

fn validate_actor(
    src: &Source,
    si: usize,
    raw: Spanned<RawActor>,
) -> Result<(Actor, Origin, Vec<Origin>)> {
    let origin = |offset: usize| Origin { source: si, offset };
    let at = origin(raw.start());
    let raw = raw.into_inner();
    let bad = |span_start: usize, message: String| Error::Gazetteer {
        location: locate(src, span_start),
        message,
    };
    if raw.id.trim().is_empty() {
        return Err(bad(
            raw.id.start(),
            "actor id is empty; give the actor a stable slug such as \"sudani\"".into(),
        ));
    }
    if raw.id.trim() != raw.id.as_str() {
        return Err(bad(
            raw.id.start(),
            format!(
                "actor id \"{}\" has leading or trailing white space; remove it",
                raw.id.get_ref()
            ),
        ));
    }
    if let Some(problem) = id_problem(raw.id.get_ref()) {
        return Err(bad(
            raw.id.start(),
            format!("actor id {:?} {problem}", raw.id.get_ref()),
        ));
    }
    if raw.label.trim().is_empty() {
        return Err(bad(
            raw.label.start(),
            format!(
                "actor \"{}\" has an empty label; give it a display name",
                raw.id.get_ref()
            ),
        ));
    }
    if raw.kind.trim().is_empty() {
        return Err(bad(
            raw.kind.start(),
            format!(
                "actor \"{}\" has an empty type; use person, armed_group, state, ...",
                raw.id.get_ref()
            ),
        ));
    }
    let mut aliases = Vec::with_capacity(raw.aliases.len());
    let mut aliases_at = Vec::with_capacity(raw.aliases.len() + 1);
    aliases_at.push(origin(raw.label.start()));
    for a in raw.aliases {
        let start = a.start();
        let a = a.into_inner();
        if a.text.trim().is_empty() {
            return Err(bad(
                start,
                format!(
                    "actor \"{}\" has an empty alias; remove it or write the name",
                    raw.id.get_ref()
                ),
            ));
        }
        if a.text.contains('\0') {
            return Err(bad(
                start,
                format!("alias {:?} contains a NUL character; remove it", a.text),
            ));
        }
        let case = a.case.unwrap_or_else(|| default_case_rule(a.text.trim()));
        aliases.push(Alias {
            text: a.text.trim().to_owned(),
            case,
        });
        aliases_at.push(origin(start));
    }
    Ok((
        Actor {
            id: raw.id.into_inner(),
            label: raw.label.into_inner().trim().to_owned(),
            kind: raw.kind.into_inner().trim().to_owned(),
            aliases,
            attributes: raw.attributes,
        },
        at,
        aliases_at,
    ))
}

// ---------------------------------------------------------------------------------------------
// The alias table

fn build_patterns(
    actors: &[Actor],
    alias_at: &[Vec<Origin>],
    sources: &[Source],
    warnings: &mut Warnings,
) -> Result<Vec<Pattern>> {
    let mut patterns: Vec<Pattern> = Vec::new();
    let mut by_key: HashMap<String, usize> = HashMap::new();
    // For conflict messages: (pattern, rule) -> (actor, alias index) of the first claimant.
    let mut claimed_at: Vec<Vec<usize>> = Vec::new();

    for (ai, actor) in actors.iter().enumerate() {
        let label = std::iter::once((actor.label.as_str(), default_case_rule(&actor.label)));
        let all = label.chain(actor.aliases.iter().map(|a| (a.text.as_str(), a.case)));
        for (k, (text, case)) in all.enumerate() {
            let key = normalize(text);
            if key.trim().is_empty() {
                // Found by fuzzing: a BOM or soft hyphen survives trim() but not normalisation,
                // and an empty pattern would match everywhere.
                return Err(Error::Gazetteer {
                    location: alias_at[ai][k].locate(sources),
                    message: format!(
                        "{} {:?} of actor \"{}\" has only invisible characters (they are ignored \
                         when matching); remove it or write the name",
                        if k == 0 { "label" } else { "alias" },
                        text,
                        actor.id
                    ),
                });
            }
            let exact = match case {
                CaseRule::Sensitive => Some(normalize_keep_case(text)),
                CaseRule::Insensitive => None,
            };
            let pi = *by_key.entry(key.clone()).or_insert_with(|| {
                patterns.push(Pattern {
                    key,
                    rules: Vec::new(),
                });
                claimed_at.push(Vec::new());
                patterns.len() - 1
            });
            let pattern = &mut patterns[pi];
            let overlapping = pattern.rules.iter().position(|r| match (&r.exact, &exact) {
                (Some(a), Some(b)) => a == b,
                _ => true,
            });
            match overlapping {
                None => {
                    pattern.rules.push(PatternRule {
                        actor: ai as ActorIdx,
                        exact,
                    });
                    claimed_at[pi].push(k);
                }
                Some(ri) if pattern.rules[ri].actor == ai as ActorIdx => {
                    warnings.push(format!(
                        "{}: alias \"{}\" of actor \"{}\" repeats an earlier alias or the label \
                         (same after normalisation); the duplicate is ignored",
                        alias_at[ai][k].locate(sources),
                        text,
                        actor.id
                    ));
                    // An insensitive duplicate widens a sensitive one.
                    if exact.is_none() {
                        pattern.rules[ri].exact = None;
                    }
                }
                Some(ri) => {
                    let other = pattern.rules[ri].actor as usize;
                    let other_at = alias_at[other][claimed_at[pi][ri]].locate(sources);
                    return Err(Error::Gazetteer {
                        location: alias_at[ai][k].locate(sources),
                        message: format!(
                            "alias \"{}\" is claimed by both \"{}\" (at {}) and \"{}\"; keep it on \
                             one actor, or make both case-sensitive with different capitalisation",
                            text, actors[other].id, other_at, actor.id
                        ),
                    });
                }
            }
        }
    }
    Ok(patterns)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn load(json: &str) -> Result<(Gazetteer, Warnings)> {
        Gazetteer::from_sources(&[Source {
            name: "g.json",
            bytes: json.as_bytes(),
        }])
    }

    #[test]
    fn embedded_gazetteer_is_valid_and_clean() {
        let (g, warnings) = load(DEFAULT_GAZETTEER).unwrap();
        assert!(warnings.is_empty(), "{warnings:?}");
        assert!(g.actors().len() >= 36);
        for id in [
            "sudani",
            "rasool",
            "vowell",
            "kataib_hezbollah",
            "pmf",
            "cjtf_oir",
        ] {
            assert!(g.by_id(id).is_some(), "{id}");
        }
    }

    #[test]
    fn default_case_rule_table() {
        use CaseRule::*;
        let cases = [
            ("PMF", Sensitive),
            ("US", Sensitive),
            ("HMC", Sensitive),
            ("IS", Sensitive),
            ("G7", Sensitive),
            ("ABCDEF", Insensitive),
            ("Sudani", Insensitive),
            ("U.S.", Insensitive),
            ("DoD", Insensitive),
            ("123", Insensitive),
        ];
        for (alias, expected) in cases {
            assert_eq!(default_case_rule(alias), expected, "{alias}");
        }
    }

    /// (name, gazetteer, expected error text)
    const ERRORS: &[(&str, &str, &str)] = &[
        (
            "trailing comma",
            "{\"actors\": [\n  {\"id\": \"a\", \"label\": \"A\", \"type\": \"person\"},\n]}",
            "g.json:3:1: trailing comma",
        ),
        (
            "empty alias",
            "{\"actors\": [\n  {\"id\": \"a\", \"label\": \"A\", \"type\": \"person\",\n   \"aliases\": [\"ok\", \"  \"]}]}",
            "g.json:3:22: actor \"a\" has an empty alias",
        ),
        (
            "alias on two actors",
            "{\"actors\": [\n{\"id\": \"pmf\", \"label\": \"Popular Mobilization Forces\", \"type\": \"armed_group\", \"aliases\": [\"PMF\"]},\n{\"id\": \"pmf_party\", \"label\": \"Party\", \"type\": \"party\", \"aliases\": [\"PMF\"]}]}",
            "g.json:3:68: alias \"PMF\" is claimed by both \"pmf\" (at g.json:2:90) and \"pmf_party\"",
        ),
        (
            "alias on two actors after normalisation",
            "{\"actors\": [{\"id\": \"a\", \"label\": \"Al–Sudani\", \"type\": \"person\"},\n{\"id\": \"b\", \"label\": \"al-sudani\", \"type\": \"person\"}]}",
            "g.json:2:22: alias \"al-sudani\" is claimed by both \"a\"",
        ),
        (
            "string where a list belongs",
            "{\"actors\": [{\"id\": \"a\", \"label\": \"A\", \"type\": \"person\", \"aliases\": \"Sudani\"}]}",
            "g.json:1:75: invalid type: string \"Sudani\", expected a sequence",
        ),
        (
            "unknown field",
            "{\"actors\": [{\"id\": \"a\", \"label\": \"A\", \"type\": \"person\", \"alias\": []}]}",
            "g.json:1:64: unknown field `alias`",
        ),
        (
            "missing label",
            "{\"actors\": [{\"id\": \"a\", \"type\": \"person\"}]}",
            "g.json:1:41: missing field `label`",
        ),
        (
            "empty id",
            "{\"actors\": [{\"id\": \" \", \"label\": \"A\", \"type\": \"person\"}]}",
            "g.json:1:20: actor id is empty",
        ),
        (
            // Regression: "a\nb" and "a b" were one DOT node (issue 9).
            "line break in id",
            "{\"actors\": [{\"id\": \"a\\nb\", \"label\": \"A\", \"type\": \"person\"}]}",
            "g.json:1:20: actor id \"a\\nb\" contains the control character U+000A, which DOT or XML cannot write back as itself; use letters",
        ),
        (
            // Regression: "x\u{1}" and "x\u{1b}" were one node in GraphML, GEXF and DOT.
            "escape in id",
            "{\"actors\": [{\"id\": \"x\\u001b\", \"label\": \"A\", \"type\": \"person\"}]}",
            "g.json:1:20: actor id \"x\\u{1b}\" contains the control character U+001B",
        ),
        (
            "C1 control in id",
            "{\"actors\": [{\"id\": \"x\\u0085y\", \"label\": \"A\", \"type\": \"person\"}]}",
            "g.json:1:20: actor id \"x\\u{85}y\" contains the control character U+0085",
        ),
        (
            "non-character in id",
            "{\"actors\": [{\"id\": \"x\\uffff\", \"label\": \"A\", \"type\": \"person\"}]}",
            "g.json:1:20: actor id \"x\\u{ffff}\" contains the non-character U+FFFF",
        ),
        (
            "backslash at the end of an id",
            "{\"actors\": [{\"id\": \"x\\\\\", \"label\": \"A\", \"type\": \"person\"}]}",
            "g.json:1:20: actor id \"x\\\\\" has a backslash before a quote or at the end",
        ),
        (
            "backslash before a quote in an id",
            "{\"actors\": [{\"id\": \"x\\\\\\\"y\", \"label\": \"A\", \"type\": \"person\"}]}",
            "g.json:1:20: actor id \"x\\\\\\\"y\" has a backslash before a quote or at the end",
        ),
        (
            "duplicate id",
            "{\"actors\": [{\"id\": \"a\", \"label\": \"A\", \"type\": \"person\"},\n {\"id\": \"a\", \"label\": \"B\", \"type\": \"person\"}]}",
            "g.json:2:2: actor id \"a\" is already defined at g.json:1:13",
        ),
        (
            "alias of wrong type",
            "{\"actors\": [{\"id\": \"a\", \"label\": \"A\", \"type\": \"person\", \"aliases\": [5]}]}",
            "g.json:1:70: invalid type: integer `5`, expected an alias",
        ),
        (
            "bad case value",
            "{\"actors\": [{\"id\": \"a\", \"label\": \"A\", \"type\": \"person\", \"aliases\": [{\"text\": \"x\", \"case\": \"upper\"}]}]}",
            "invalid value: string \"upper\", expected \"sensitive\" or \"insensitive\"",
        ),
        (
            "lone surrogate",
            "{\"actors\": [{\"id\": \"a\", \"label\": \"\\ud800\", \"type\": \"person\"}]}",
            "g.json:1:41: unexpected end of hex escape; fix the \\u escape (a lone surrogate",
        ),
        (
            // Regression: fuzz/artifacts/tag crash-57218c31 (an alias that is only a BOM).
            "invisible-only alias",
            "{\"actors\": [{\"id\": \"a\", \"label\": \"A\", \"type\": \"t\", \"aliases\": [\"\u{feff}\u{ad}\"]}]}",
            "g.json:1:64: alias \"\\u{feff}\\u{ad}\" of actor \"a\" has only invisible characters",
        ),
        (
            "not json",
            "actors: []",
            "g.json:1:1: expected value",
        ),
    ];

    #[test]
    fn ids_that_every_format_writes_back_are_accepted() {
        // (id, accepted)
        let cases = [
            ("sudani", true),
            ("a b", true),
            ("a\"b<c>&d", true),
            ("x\\y", true),
            ("two\\\\", false),
            ("x\\\"", false),
            ("emoji 🇮🇶 עברית", true),
            ("\u{fffd}", true),
            ("tab\there", false),
            ("cr\r", false),
            ("del\u{7f}", false),
            ("\u{9f}", false),
            ("\u{fffe}", false),
        ];
        for (id, accepted) in cases {
            assert_eq!(
                id_problem(id).is_none(),
                accepted,
                "{id:?}: {:?}",
                id_problem(id)
            );
        }
    }

    #[test]
    fn error_table() {
        for (name, json, expected) in ERRORS {
            let err = load(json)
                .err()
                .unwrap_or_else(|| panic!("{name}: loaded"))
                .to_string();
            assert!(
                err.contains(expected),
                "case {name}:\n got: {err}\nwant: {expected}"
            );
        }
    }

    #[test]
    fn bom_is_accepted_and_columns_stay_visible() {
        let ok = "\u{feff}{\"actors\": [{\"id\": \"a\", \"label\": \"A\", \"type\": \"person\"}]}";
        assert!(load(ok).is_ok());
        let bad = "\u{feff}{\"actors\": [{\"id\": \"\", \"label\": \"A\", \"type\": \"person\"}]}";
        let err = load(bad).unwrap_err().to_string();
        assert!(err.starts_with("g.json:1:20:"), "{err}");
    }

    #[test]
    fn same_alias_twice_on_one_actor_warns_once() {
        let json = r#"{"actors": [{"id": "a", "label": "Sudani", "type": "person", "aliases": ["SUDANI", "al-Sudani", "Al–Sudani"]}]}"#;
        let (g, warnings) = load(json).unwrap();
        assert_eq!(warnings.len(), 2, "{warnings:?}");
        assert_eq!(g.pattern_count(), 2);
    }

    #[test]
    fn differently_capitalised_sensitive_aliases_may_share_a_key() {
        let json = r#"{"actors": [
            {"id": "us", "label": "United States", "type": "state", "aliases": ["US"]},
            {"id": "us_weekly", "label": "Us Weekly", "type": "media", "aliases": [{"text": "Us", "case": "sensitive"}]}]}"#;
        let (g, _) = load(json).unwrap();
        assert_eq!(g.pattern_count(), 3);
    }

    #[test]
    fn later_file_may_not_redefine_an_id() {
        let a = r#"{"actors": [{"id": "a", "label": "A", "type": "person"}]}"#;
        let b = "{\"actors\": [\n{\"id\": \"a\", \"label\": \"B\", \"type\": \"person\"}]}";
        let err = Gazetteer::from_sources(&[
            Source {
                name: "one.json",
                bytes: a.as_bytes(),
            },
            Source {
                name: "two.json",
                bytes: b.as_bytes(),
            },
        ])
        .unwrap_err()
        .to_string();
        assert!(
            err.starts_with("two.json:2:1: actor id \"a\" is already defined at one.json:1:13"),
            "{err}"
        );
    }
}
