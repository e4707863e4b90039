//! The gazetteer: actors, roles, exclusions, and validation with `file:line:col` errors.
//!
//! The file format is documented in `docs/gazetteer.md` (roles in `docs/roles.md`). Loading
//! parses each file (a UTF-8 BOM is accepted), validates each entry (`parse`), merges the
//! files (a later file may not redefine an id), resolves role holders ([`roles`]) and then
//! builds the alias table (`patterns`) the tagger compiles into its automaton.

mod parse;
mod patterns;
pub mod period;
pub mod roles;

use std::collections::{BTreeMap, HashMap};
use std::path::Path;

use chrono::NaiveDate;

use crate::error::{Error, Result};
use parse::Origin;

pub use patterns::Ambiguous;
pub(crate) use patterns::Pattern;
pub use period::Period;
pub use roles::{Holder, Role, RoleIdx};

/// The default gazetteer, embedded in the binary.
pub const DEFAULT_GAZETTEER: &str = include_str!("../../gazetteer/actors.json");
/// The name under which the embedded gazetteer is reported in messages.
pub const DEFAULT_GAZETTEER_NAME: &str = "<default gazetteer>";

/// `gazetteer/false_friends.json`: a gazetteer file of global exclusions only, phrases that
/// contain a common name of a state, its people, its capital or a well-known person but name
/// something else ("South America", "Washington Post", "Gulf of Mexico"). `gazetteer import`
/// writes the ones that contain an imported name; users can give the file with `-g`.
pub const FALSE_FRIENDS: &str = include_str!("../../gazetteer/false_friends.json");

/// Index of an actor in its [`Gazetteer`].
pub type ActorIdx = u32;

/// How an alias compares letter case.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CaseRule {
    /// Letter case must match (after dash, apostrophe, space and NFD normalisation).
    Sensitive,
    /// Letter case is ignored, except that the first letter must be a capital: "Trump" and
    /// "TRUMP" match, "her trump card" does not.
    Capitalized,
    /// Letter case is ignored.
    Insensitive,
}

/// What a match of a name tags.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Target {
    /// A name of an actor.
    Actor(ActorIdx),
    /// A name of a role, resolved to its holder on the document's date.
    Role(RoleIdx),
    /// An exclusion: the phrase tags nothing; it hides the matches inside it of one actor
    /// (`Some`) or of every actor and role (`None`).
    Exclude(Option<ActorIdx>),
}

/// One actor.
#[derive(Debug, Clone)]
pub struct Actor {
    /// Stable slug, unique across the merged gazetteer.
    pub id: String,
    /// Display name; also matched like an alias.
    pub label: String,
    /// Case rule of the label (explicit file default, or the default rule).
    pub label_case: CaseRule,
    /// Free-form type: person, armed_group, state, ...
    pub kind: String,
    /// Aliases as written in the file (the label is not repeated here).
    pub aliases: Vec<Alias>,
    /// Event-data codes (CAMEO and the like), possibly restricted to periods.
    pub codes: Vec<Code>,
    /// Free-form string attributes, sorted by key.
    pub attributes: BTreeMap<String, String>,
}

/// A code an actor carries, possibly only during a period.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Code {
    /// The code, e.g. `IRQGOV`.
    pub code: String,
    /// When it applies; both ends open for an undated code.
    pub period: Period,
}

impl Actor {
    /// The actor's code on `day`: the first dated code whose period includes it, else the
    /// first undated code. Without a day only an undated code applies.
    pub fn code_on(&self, day: Option<NaiveDate>) -> Option<&str> {
        let dated = day.and_then(|d| {
            self.codes
                .iter()
                .find(|c| !c.period.is_open() && c.period.contains(d))
        });
        dated
            .or_else(|| self.codes.iter().find(|c| c.period.is_open()))
            .map(|c| c.code.as_str())
    }
}

/// One alias of an actor or role, or one exclusion.
#[derive(Debug, Clone)]
pub struct Alias {
    /// The alias as written.
    pub text: String,
    /// Resolved case rule (explicit `case`, the file's `case`, or the default rule).
    pub case: CaseRule,
}

/// A merged, validated gazetteer.
#[derive(Debug, Clone)]
pub struct Gazetteer {
    actors: Vec<Actor>,
    by_id: HashMap<String, ActorIdx>,
    roles: Vec<Role>,
    role_by_id: HashMap<String, RoleIdx>,
    exclusions: usize,
    dropped: Vec<String>,
    pub(crate) patterns: Vec<Pattern>,
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

/// How to load.
#[derive(Debug, Clone, Copy, Default)]
pub struct LoadOptions {
    /// What to do with an alias claimed by two owners.
    pub ambiguous: Ambiguous,
}

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
        Gazetteer::load_files_with(paths, LoadOptions::default())
    }

    /// Reads and merges gazetteer files with `options`.
    pub fn load_files_with<P: AsRef<Path>>(
        paths: &[P],
        options: LoadOptions,
    ) -> Result<(Gazetteer, Warnings)> {
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
        Gazetteer::from_sources_with(&sources, options)
    }

    /// Parses, validates and merges gazetteer sources, in order.
    pub fn from_sources(sources: &[Source]) -> Result<(Gazetteer, Warnings)> {
        Gazetteer::from_sources_with(sources, LoadOptions::default())
    }

    /// Parses, validates and merges gazetteer sources, in order, with `options`.
    pub fn from_sources_with(
        sources: &[Source],
        options: LoadOptions,
    ) -> Result<(Gazetteer, Warnings)> {
        let loc = &parse::Locator::new(sources);
        let mut warnings = Vec::new();
        let mut actors = Vec::new();
        let mut by_id: HashMap<String, ActorIdx> = HashMap::new();
        // Where each entry and name was defined, for messages: (source, byte offset). Turned
        // into line:col only when a message needs it (doing it eagerly is quadratic).
        let mut id_at: Vec<Origin> = Vec::new();
        let mut alias_at: Vec<Vec<Origin>> = Vec::new();
        let mut actor_excludes: Vec<Vec<(Alias, Origin)>> = Vec::new();
        let mut global_excludes: Vec<(Alias, Origin)> = Vec::new();
        let mut pending_roles = Vec::new();

        for (si, src) in sources.iter().enumerate() {
            let file = parse::parse_file(src)?;
            let file_case = parse::file_case(src, &file.case)?;
            for raw in file.actors {
                let parse::Validated {
                    actor,
                    at,
                    names_at: aliases_at,
                    excludes,
                } = parse::validate_actor(src, si, raw, file_case)?;
                if let Some(&prev) = by_id.get(&actor.id) {
                    return Err(Error::Gazetteer {
                        location: at.locate(loc),
                        message: format!(
                            "actor id \"{}\" is already defined at {}; give one of them another id \
                             or merge the two entries",
                            actor.id,
                            id_at[prev as usize].locate(loc)
                        ),
                    });
                }
                let idx = ActorIdx::try_from(actors.len()).map_err(|_| Error::Gazetteer {
                    location: at.locate(loc),
                    message: "more than 4,294,967,295 actors".into(),
                })?;
                by_id.insert(actor.id.clone(), idx);
                id_at.push(at);
                alias_at.push(aliases_at);
                actor_excludes.push(excludes);
                actors.push(actor);
            }
            for raw in file.roles {
                pending_roles.push(roles::read_role(src, si, raw, file_case)?);
            }
            for e in file.exclude {
                let at = Origin {
                    source: si,
                    offset: e.start(),
                };
                global_excludes
                    .push((parse::name(src, "the global exclusions", e, file_case)?, at));
            }
        }

        let mut role_by_id: HashMap<String, RoleIdx> = HashMap::new();
        let mut role_at: Vec<Origin> = Vec::new();
        for p in &mut pending_roles {
            let id = p.role.id.clone();
            let earlier = by_id
                .get(&id)
                .map(|&a| id_at[a as usize])
                .or_else(|| role_by_id.get(&id).map(|&r| role_at[r as usize]));
            if let Some(prev) = earlier {
                return Err(Error::Gazetteer {
                    location: p.at.locate(loc),
                    message: format!(
                        "role id \"{id}\" is already defined at {}; actors and roles share one \
                         set of ids: give the role another id",
                        prev.locate(loc)
                    ),
                });
            }
            roles::resolve_holders(p, &by_id, loc)?;
            role_by_id.insert(id, role_at.len() as RoleIdx);
            role_at.push(p.at);
        }

        // Owners first, exclusions last (see patterns::build).
        let owners: Vec<String> = actors
            .iter()
            .map(|a| format!("actor \"{}\"", a.id))
            .collect();
        let role_owners: Vec<String> = pending_roles
            .iter()
            .map(|p| format!("role \"{}\"", p.role.id))
            .collect();
        let labels: Vec<Alias> = actors
            .iter()
            .map(|a| Alias {
                text: a.label.clone(),
                case: a.label_case,
            })
            .collect();
        let role_labels: Vec<Alias> = pending_roles
            .iter()
            .map(|p| Alias {
                text: p.role.label.clone(),
                case: p.role.label_case,
            })
            .collect();
        let mut names = Vec::new();
        for (ai, actor) in actors.iter().enumerate() {
            let all = std::iter::once(&labels[ai]).chain(&actor.aliases);
            for (k, alias) in all.enumerate() {
                names.push(patterns::Name {
                    owner: &owners[ai],
                    kind: if k == 0 { "label" } else { "alias" },
                    target: Target::Actor(ai as ActorIdx),
                    alias,
                    at: alias_at[ai][k],
                });
            }
        }
        for (ri, p) in pending_roles.iter().enumerate() {
            let all = std::iter::once(&role_labels[ri]).chain(&p.role.aliases);
            for (k, alias) in all.enumerate() {
                names.push(patterns::Name {
                    owner: &role_owners[ri],
                    kind: if k == 0 { "label" } else { "alias" },
                    target: Target::Role(ri as RoleIdx),
                    alias,
                    at: p.names_at[k],
                });
            }
        }
        for (ai, excludes) in actor_excludes.iter().enumerate() {
            for (alias, at) in excludes {
                names.push(patterns::Name {
                    owner: &owners[ai],
                    kind: "exclusion",
                    target: Target::Exclude(Some(ai as ActorIdx)),
                    alias,
                    at: *at,
                });
            }
        }
        let global = "the global exclusions".to_owned();
        for (alias, at) in &global_excludes {
            names.push(patterns::Name {
                owner: &global,
                kind: "exclusion",
                target: Target::Exclude(None),
                alias,
                at: *at,
            });
        }
        let mut dropped = Vec::new();
        let patterns =
            patterns::build(&names, loc, options.ambiguous, &mut warnings, &mut dropped)?;
        let exclusions = global_excludes.len() + actor_excludes.iter().map(Vec::len).sum::<usize>();
        drop(names);
        Ok((
            Gazetteer {
                actors,
                by_id,
                roles: pending_roles.into_iter().map(|p| p.role).collect(),
                role_by_id,
                exclusions,
                dropped,
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

    /// All roles, in file order.
    pub fn roles(&self) -> &[Role] {
        &self.roles
    }

    /// The role at `idx`.
    pub fn role(&self, idx: RoleIdx) -> &Role {
        &self.roles[idx as usize]
    }

    /// Looks a role up by id.
    pub fn role_by_id(&self, id: &str) -> Option<RoleIdx> {
        self.role_by_id.get(id).copied()
    }

    /// Number of exclusion phrases (per actor and global) as written.
    pub fn exclusion_count(&self) -> usize {
        self.exclusions
    }

    /// Aliases dropped as ambiguous under [`Ambiguous::Skip`], one message per drop.
    pub fn dropped(&self) -> &[String] {
        &self.dropped
    }

    /// Number of distinct matchable strings (labels and aliases after normalisation).
    pub fn pattern_count(&self) -> usize {
        self.patterns.len()
    }
}

/// The default case rule: an alias made only of capital letters and digits, with at most five
/// letters (PMF, US, HMC), is case-sensitive; a single word that starts with a capital and has
/// a lower-case letter (Trump, Rice, Sudani) must be capitalised in the text; anything else is
/// case-insensitive.
pub fn default_case_rule(alias: &str) -> CaseRule {
    let letters = alias.chars().filter(|c| c.is_alphabetic()).count();
    let acronym =
        letters > 0 && letters <= 5 && alias.chars().all(|c| c.is_uppercase() || c.is_numeric());
    if acronym {
        return CaseRule::Sensitive;
    }
    let one_word = !alias.chars().any(char::is_whitespace);
    let capital_first = alias.chars().next().is_some_and(char::is_uppercase);
    if one_word && capital_first && alias.chars().any(char::is_lowercase) {
        CaseRule::Capitalized
    } else {
        CaseRule::Insensitive
    }
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
            ("Sudani", Capitalized),
            ("Al-Sudani", Capitalized),
            ("al-Sudani", Insensitive),
            ("Iraqi prime minister", Insensitive),
            ("Trump", Capitalized),
            ("U.S.", Insensitive),
            ("DoD", Capitalized),
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
            "g.json:3:68: alias \"PMF\" is claimed by both actor \"pmf\" (at g.json:2:90) and actor \"pmf_party\"",
        ),
        (
            "alias on two actors after normalisation",
            "{\"actors\": [{\"id\": \"a\", \"label\": \"Al–Sudani\", \"type\": \"person\"},\n{\"id\": \"b\", \"label\": \"al-sudani\", \"type\": \"person\"}]}",
            "g.json:2:22: alias \"al-sudani\" is claimed by both actor \"a\"",
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
            "invalid value: string \"upper\", expected \"sensitive\", \"insensitive\" or \"capitalized\"",
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
