//! Importing other tools' actor dictionaries into our gazetteer format.
//!
//! [`petrarch`] reads PETRARCH / Phoenix `.actors` files; [`import_petrarch`] turns their
//! records into one gazetteer: one actor per record, synonyms as aliases, dated codes as
//! `codes`, names case-insensitive as PETRARCH reads them, except English-word acronyms
//! (case-sensitive) and single words (capitalised); the [`false_friends`] that contain an
//! imported name as exclusions. Collisions are resolved so that the result loads with the
//! default (strict) policy; a file that is no actors dictionary is refused. Decisions:
//! `docs/gazetteer.md`.

pub mod cameo;
pub mod petrarch;

use std::collections::{BTreeMap, HashMap, HashSet};
use std::fmt;

use serde::Serialize;

use crate::error::{Error, Result};
use crate::normalize::normalize;

/// The kinds of trouble an import reports, each counted.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum IssueKind {
    /// Bytes that are not UTF-8.
    InvalidUtf8,
    /// A control character (Ctrl-Z, ...) in a line.
    ControlByte,
    /// Several `+` synonyms on one line.
    MergedSynonyms,
    /// A `+` glued inside a phrase.
    PlusInPhrase,
    /// A date that does not parse.
    MalformedDate,
    /// A `d-d` restriction that ends before it starts.
    EndBeforeStart,
    /// A `[` without `]`, or an empty code.
    MalformedCode,
    /// A phrase on an indented (code) line.
    IndentedName,
    /// A phrase with no words.
    EmptyPhrase,
    /// A synonym or code before any record.
    Orphan,
    /// A record whose primary phrase repeats an earlier record's.
    DuplicateEntry,
    /// A synonym repeated within one record.
    RepeatedSynonym,
    /// An alias claimed by an earlier record.
    CollidingAlias,
    /// A record left without any name.
    NoNameLeft,
}

impl IssueKind {
    /// Short name used in reports.
    pub fn name(self) -> &'static str {
        match self {
            IssueKind::InvalidUtf8 => "invalid UTF-8",
            IssueKind::ControlByte => "control byte",
            IssueKind::MergedSynonyms => "merged synonym line",
            IssueKind::PlusInPhrase => "'+' inside a phrase",
            IssueKind::MalformedDate => "malformed date",
            IssueKind::EndBeforeStart => "date range ends before it starts",
            IssueKind::MalformedCode => "malformed code",
            IssueKind::IndentedName => "phrase on an indented line",
            IssueKind::EmptyPhrase => "empty phrase",
            IssueKind::Orphan => "line outside any record",
            IssueKind::DuplicateEntry => "duplicate entry",
            IssueKind::RepeatedSynonym => "repeated synonym",
            IssueKind::CollidingAlias => "alias claimed by two records",
            IssueKind::NoNameLeft => "record left without a name",
        }
    }
}

/// One finding, with its place.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Issue {
    /// What kind.
    pub kind: IssueKind,
    /// The file as named on the command line.
    pub file: String,
    /// 1-based line.
    pub line: usize,
    /// What happened and what the import did.
    pub message: String,
}

impl fmt::Display for Issue {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        write!(
            f,
            "{}:{}: {}: {}",
            self.file,
            self.line,
            self.kind.name(),
            self.message
        )
    }
}

/// What an import produced.
#[derive(Debug, Default)]
pub struct Imported {
    /// The gazetteer, as JSON text (one actor per line).
    pub json: String,
    /// Records read, over all files.
    pub records: usize,
    /// Actors written.
    pub actors: usize,
    /// Aliases written (labels not counted).
    pub aliases: usize,
    /// Codes written, and how many of them are dated.
    pub codes: usize,
    /// Codes with a date restriction.
    pub dated_codes: usize,
    /// False friends written as global exclusions (see [`false_friends`]).
    pub exclusions: usize,
    /// Actors written, by the type their codes give ([`cameo::actor_type`]).
    pub types: BTreeMap<&'static str, usize>,
    /// Every finding, in file and line order.
    pub issues: Vec<Issue>,
}

impl Imported {
    /// Issues counted by kind.
    pub fn counts(&self) -> BTreeMap<IssueKind, usize> {
        let mut m = BTreeMap::new();
        for i in &self.issues {
            *m.entry(i.kind).or_default() += 1;
        }
        m
    }
}

/// A record after merging duplicates: phrases keep their own file and line.
struct Entry {
    fi: usize,
    line: usize,
    phrases: Vec<(String, usize, usize)>,
    codes: Vec<(String, crate::gazetteer::Period)>,
}

#[derive(Serialize)]
struct OutActor<'a> {
    id: String,
    label: OutAlias<'a>,
    #[serde(rename = "type")]
    kind: &'a str,
    aliases: Vec<OutAlias<'a>>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    codes: Vec<OutCode<'a>>,
    attributes: BTreeMap<&'static str, String>,
}

/// A name (label or alias): a plain string (case-insensitive, the file's rule), or an object
/// with its own rule: case-sensitive for an acronym that is also an English word ("US", "IT":
/// the pronoun "us" is no match), capitalised for a single word of letters ("YOUTH", "MALE",
/// "TURKEY": PETRARCH reads upper-cased text, but in news copy "youth" and "male" are words,
/// not the Basque group and the Maldives' capital; "Turkey" and "TURKEY" still match).
#[derive(Serialize)]
#[serde(untagged)]
enum OutAlias<'a> {
    Plain(&'a str),
    Cased { text: &'a str, case: &'static str },
}

impl<'a> OutAlias<'a> {
    fn new(text: &'a str) -> OutAlias<'a> {
        if crate::tagger::is_caps_word(text) {
            OutAlias::Cased {
                text,
                case: "sensitive",
            }
        } else if !text.is_empty() && text.chars().all(char::is_alphabetic) {
            OutAlias::Cased {
                text,
                case: "capitalized",
            }
        } else {
            OutAlias::Plain(text)
        }
    }
}

#[derive(Serialize)]
struct OutCode<'a> {
    code: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    from: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    until: Option<String>,
}

/// The phrases of the embedded false-friend list ([`crate::gazetteer::FALSE_FRIENDS`]), in
/// file order.
pub fn false_friends() -> Vec<String> {
    #[derive(serde::Deserialize)]
    struct Exclusions {
        exclude: Vec<String>,
    }
    serde_json::from_str::<Exclusions>(crate::gazetteer::FALSE_FRIENDS)
        .expect("the embedded false-friend list is valid (tested)")
        .exclude
}

/// Converts PETRARCH dictionaries, given as (name, bytes), in order.
///
/// Rules: a record whose primary phrase repeats an earlier record's is a duplicate entry and
/// is merged into it; an alias (after our normalisation) claimed by an earlier record stays
/// with that record and is dropped from the later one; a record left with no name is dropped.
/// Of `false_friends` (usually [`false_friends`]), the phrases that contain an imported name
/// without being one are written as global exclusions: PETRARCH's "AMERICAN" must not make
/// "South American" the United States, nor "WASHINGTON" "the Washington Post".
///
/// A file that is no actors dictionary is refused with its name (see `not_actors`): JSON, no
/// entry, entries mostly in lower case, or an agents dictionary (every code an agent code
/// such as `[~GOV]`: `Phoenix.agents.txt`, generic nouns that PETRARCH attaches to an actor).
pub fn import_petrarch(files: &[(&str, &[u8])], false_friends: &[String]) -> Result<Imported> {
    let mut out = Imported::default();
    // (file index, record) in order.
    let mut all = Vec::new();
    for (fi, (name, bytes)) in files.iter().enumerate() {
        let records = petrarch::read(name, bytes, &mut out.issues);
        if let Some(message) = not_actors(bytes, &records) {
            return Err(Error::Input {
                location: (*name).to_owned(),
                message,
            });
        }
        all.extend(records.into_iter().map(|r| (fi, r)));
    }
    out.records = all.len();

    // Merge duplicate entries into the first record with the same primary phrase.
    let mut by_primary: HashMap<String, usize> = HashMap::new();
    let mut merged: Vec<Entry> = Vec::with_capacity(all.len());
    for (fi, r) in all {
        let key = normalize(&r.phrases[0].0);
        let phrases = r.phrases.into_iter().map(|(t, l)| (t, fi, l));
        if let Some(&first) = by_primary.get(&key) {
            let f = &mut merged[first];
            out.issues.push(Issue {
                kind: IssueKind::DuplicateEntry,
                file: files[fi].0.to_owned(),
                line: r.line,
                message: format!(
                    "{:?} is already an entry at {}:{}; merged into it",
                    f.phrases[0].0, files[f.fi].0, f.line
                ),
            });
            for c in r.codes {
                if !f.codes.contains(&c) {
                    f.codes.push(c);
                }
            }
            // The primary phrase is the same name: only the synonyms are new.
            f.phrases.extend(phrases.skip(1));
            continue;
        }
        by_primary.insert(key, merged.len());
        merged.push(Entry {
            fi,
            line: r.line,
            phrases: phrases.collect(),
            codes: r.codes,
        });
    }

    let countries = cameo::countries(
        merged
            .iter()
            .flat_map(|r| r.codes.iter().map(|(c, _)| c.as_str())),
    );

    // Assign aliases: first claimant wins.
    let mut owner: HashMap<String, (usize, usize)> = HashMap::new(); // key -> (file, line)
    let mut ids: HashSet<String> = HashSet::new();
    let mut lines: Vec<String> = Vec::new();
    for r in &merged {
        let file = files[r.fi].0;
        let mut names: Vec<&str> = Vec::new();
        let mut mine: HashSet<String> = HashSet::new();
        for (text, pfi, line) in &r.phrases {
            let key = normalize(text);
            if key.trim().is_empty() {
                continue;
            }
            if mine.contains(&key) {
                out.issues.push(Issue {
                    kind: IssueKind::RepeatedSynonym,
                    file: files[*pfi].0.to_owned(),
                    line: *line,
                    message: format!("{text:?} repeats a name of the same record; ignored"),
                });
                continue;
            }
            if let Some(&(ofi, oline)) = owner.get(&key) {
                out.issues.push(Issue {
                    kind: IssueKind::CollidingAlias,
                    file: files[*pfi].0.to_owned(),
                    line: *line,
                    message: format!(
                        "{text:?} is already a name of the record at {}:{}; kept there, \
                         dropped here",
                        files[ofi].0, oline
                    ),
                });
                continue;
            }
            mine.insert(key);
            names.push(text);
        }
        // A label cannot carry a case rule: an English-word acronym is no label if the record
        // has another name.
        if let Some(i) = names.iter().position(|n| !crate::tagger::is_caps_word(n)) {
            let first = names.remove(i);
            names.insert(0, first);
        }
        let Some((&label, aliases)) = names.split_first() else {
            out.issues.push(Issue {
                kind: IssueKind::NoNameLeft,
                file: file.to_owned(),
                line: r.line,
                message: format!(
                    "every name of {:?} belongs to earlier records; record dropped",
                    r.phrases[0].0
                ),
            });
            continue;
        };
        for k in mine {
            owner.insert(k, (r.fi, r.line));
        }
        let id = unique_id(&slug(label), &mut ids);
        let codes: Vec<OutCode> = r
            .codes
            .iter()
            .map(|(code, p)| OutCode {
                code,
                from: p.from.map(|d| d.to_string()),
                until: p.until.map(|d| d.to_string()),
            })
            .collect();
        out.actors += 1;
        out.aliases += aliases.len();
        out.codes += codes.len();
        out.dated_codes += r.codes.iter().filter(|(_, p)| !p.is_open()).count();
        let kind = cameo::actor_type(&r.codes, &countries);
        *out.types.entry(kind).or_default() += 1;
        let actor = OutActor {
            id,
            label: OutAlias::new(label),
            kind,
            aliases: aliases.iter().map(|a| OutAlias::new(a)).collect(),
            codes,
            attributes: BTreeMap::from([("source", format!("{file}:{}", r.line))]),
        };
        lines.push(serde_json::to_string(&actor).expect("plain strings serialise"));
    }
    out.issues.sort_by(|a, b| {
        let fa = files.iter().position(|f| f.0 == a.file);
        let fb = files.iter().position(|f| f.0 == b.file);
        fa.cmp(&fb).then(a.line.cmp(&b.line))
    });
    let exclude: Vec<String> = false_friends
        .iter()
        .filter(|phrase| hides_a_name(phrase, |key| owner.contains_key(key)))
        .map(|phrase| serde_json::to_string(phrase).expect("strings serialise"))
        .collect();
    out.exclusions = exclude.len();
    let exclude = if exclude.is_empty() {
        String::new()
    } else {
        format!(",\n  \"exclude\": [\n    {}\n  ]", exclude.join(",\n    "))
    };
    out.json = format!(
        "{{\n  \"case\": \"insensitive\",\n  \"actors\": [\n    {}\n  ]{exclude}\n}}\n",
        lines.join(",\n    ")
    );
    Ok(out)
}

/// Why a file is not a PETRARCH actors dictionary, if it is not: JSON (an actorgraph gazetteer
/// needs no import), no entry, entries mostly in lower case (PETRARCH writes names in
/// capitals: news text or another format), or only agent codes (`[~GOV]`: the agents
/// dictionary, generic nouns that PETRARCH attaches to an actor).
fn not_actors(bytes: &[u8], records: &[petrarch::Record]) -> Option<String> {
    let text = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    if let Some(b'{' | b'[') = text.iter().find(|b| !b.is_ascii_whitespace()) {
        return Some(
            "a JSON file, not a PETRARCH dictionary: an actorgraph gazetteer is used as it is \
             (-g FILE)"
                .into(),
        );
    }
    if records.is_empty() {
        return Some(
            "no entries: a PETRARCH actors dictionary has lines such as `JOHN_SMITH_ [USAGOV]` \
             (docs/gazetteer.md)"
                .into(),
        );
    }
    let lower = records
        .iter()
        .filter(|r| r.phrases[0].0.chars().any(char::is_lowercase))
        .count();
    if lower * 2 > records.len() {
        return Some(format!(
            "not a PETRARCH actors dictionary: {lower} of its {} entries have lower-case \
             letters, and PETRARCH writes names in capitals, as in `JOHN_SMITH_ [USAGOV]` \
             (docs/gazetteer.md)",
            records.len()
        ));
    }
    let codes: Vec<&str> = records
        .iter()
        .flat_map(|r| r.codes.iter().map(|(c, _)| c.as_str()))
        .collect();
    if !codes.is_empty() && codes.iter().all(|c| c.contains('~')) {
        return Some(format!(
            "a PETRARCH agents dictionary, not actors: all {} codes are agent codes such as \
             [{}], for generic nouns (minister, police, rebel) that PETRARCH attaches to an \
             actor; give only actor dictionaries (Phoenix.*.actors.txt)",
            codes.len(),
            codes[0]
        ));
    }
    None
}

/// Whether `phrase` contains a name (`is_name` of its normalised words, from a word's start
/// to a word's end) without being one: then it would tag that name's actor, and excluding it
/// changes something. A phrase that is itself a name is left alone (the name wins).
fn hides_a_name(phrase: &str, is_name: impl Fn(&str) -> bool) -> bool {
    let key = normalize(phrase);
    let key = key.trim();
    if is_name(key) {
        return false;
    }
    let mut starts = Vec::new();
    let mut ends = Vec::new();
    let mut prev_word = false;
    for (i, c) in key.char_indices() {
        let word = crate::normalize::is_word_char(c);
        if word && !prev_word {
            starts.push(i);
        }
        if !word && prev_word {
            ends.push(i);
        }
        prev_word = word;
    }
    if prev_word {
        ends.push(key.len());
    }
    starts.iter().any(|&s| {
        ends.iter()
            .any(|&e| e > s && (s, e) != (0, key.len()) && is_name(&key[s..e]))
    })
}

/// A lower-case ASCII slug: letters and digits, `_` between runs.
fn slug(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
        } else if !out.is_empty() && !out.ends_with('_') {
            out.push('_');
        }
    }
    while out.ends_with('_') {
        out.pop();
    }
    if out.is_empty() {
        out.push_str("actor");
    }
    out
}

fn unique_id(base: &str, ids: &mut HashSet<String>) -> String {
    let mut id = base.to_owned();
    let mut n = 2;
    while ids.contains(&id) {
        id = format!("{base}_{n}");
        n += 1;
    }
    ids.insert(id.clone());
    id
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_false_friend_is_written_when_it_contains_a_name_without_being_one() {
        let names: HashSet<String> = [
            "america",
            "washington",
            "new york times",
            "guinea",
            "al-qaida",
        ]
        .map(normalize)
        .into();
        // (phrase, written as an exclusion)
        let cases = [
            ("South America", true),
            ("Washington Post", true),
            ("Voice of America", true),
            ("Papua New Guinea", true),
            ("Guinea-Bissau", true),
            ("Al-Qaida in Iraq", true),
            ("New York Times", false),
            ("NEW YORK  TIMES", false),
            ("Latin American", false),
            ("Americana Hotel", false),
            ("Lake Chad", false),
            ("Qaida", false),
        ];
        for (phrase, written) in cases {
            let got = hides_a_name(phrase, |k| names.contains(k));
            assert_eq!(got, written, "{phrase}");
        }
    }

    #[test]
    fn the_false_friend_list_loads_and_covers_the_default_gazetteers_exclusions() {
        let list = false_friends();
        let (_, warnings) =
            crate::gazetteer::Gazetteer::from_sources(&[crate::gazetteer::Source {
                name: "false_friends.json",
                bytes: crate::gazetteer::FALSE_FRIENDS.as_bytes(),
            }])
            .unwrap();
        assert!(warnings.is_empty(), "{warnings:?}");
        assert!(list.len() >= 100);
        // The default gazetteer keeps its own copy (one self-contained file to copy and edit):
        // each of its exclusions is in the general list too.
        let default: serde_json::Value =
            serde_json::from_str(crate::gazetteer::DEFAULT_GAZETTEER).unwrap();
        let actors = default["actors"].as_array().unwrap();
        let own = actors
            .iter()
            .flat_map(|a| a["exclude"].as_array().into_iter().flatten())
            .chain(default["exclude"].as_array().unwrap());
        let mut n = 0;
        for phrase in own {
            let phrase = phrase.as_str().unwrap();
            assert!(list.iter().any(|p| p == phrase), "{phrase}");
            n += 1;
        }
        assert!(n > 50, "{n}");
    }
}
