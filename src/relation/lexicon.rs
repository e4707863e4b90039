//! The relation lexicon: relation types, their direction, and the cue words that signal them,
//! loaded from JSON (data, not code) and validated with `file:line:col` errors.
//!
//! Every phrase of the file (cue forms, markers, light verbs, ...) is split into lower-case
//! words and each distinct word gets a small integer id, so the rules compare integers. The
//! format is described in `docs/relations.md`; the default lexicon is
//! `gazetteer/relations.json`, embedded in the binary.

use std::path::Path;

use json_spanned_value::spanned::Spanned;
use rustc_hash::FxHashMap;
use serde::Deserialize;

use super::tokens::Tok;
use crate::error::{line_col, Error, Result};

/// The default lexicon, embedded.
pub const DEFAULT_LEXICON: &str = include_str!("../../gazetteer/relations.json");
/// The name used for the embedded lexicon in messages.
pub const DEFAULT_LEXICON_NAME: &str = "<default lexicon>";

/// A word id; [`NONE`] for words the lexicon does not know.
pub(crate) type Word = u32;
/// The id of every word the lexicon does not know.
pub(crate) const NONE: Word = u32::MAX;

/// What a cue is, which decides how its arguments are found (see `docs/relations.md`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum CueKind {
    /// A verb: subject on the left, object on the right; passive with "by".
    Verb,
    /// An event noun: agent by possessive, compound, "by"/"from" or a light verb; the other
    /// argument after one of the cue's prepositions, or "between A and B".
    Noun,
    /// A role noun (affiliation): "A, spokesman for B", "B's spokesman A", ...
    Role,
}

/// The class of a marker: negation, planned, or only skipped.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Class {
    Neutral,
    Negation,
    Planned,
}

/// One cue: a phrase (word ids) of one relation type.
#[derive(Debug, Clone)]
pub(crate) struct Cue {
    pub words: Vec<Word>,
    pub kind: CueKind,
    pub rel: u16,
    pub preps: Vec<Word>,
    /// "A hosted B" is a visit of B to A.
    pub reverse: bool,
    /// When both actors are persons, the relation is of this type instead ("Harris attacked
    /// Biden" is verbal: criticize).
    pub between_persons: Option<u16>,
    /// The object must follow one of `preps` ("discussed with B", not "discussed B").
    pub prep_required: bool,
    /// Also a noun (or also a verb) of the same type: both rule sets are tried.
    pub dual: bool,
    /// The prepositions of the other reading of a dual cue.
    pub alt_preps: Vec<Word>,
    /// The form's canonical text (lower case, single spaces), reported as `role`.
    pub canonical: u32,
}

/// A relation type.
#[derive(Debug, Clone)]
pub struct RelationType {
    /// Its name (`meet`, `attack`, ...).
    pub name: String,
    /// Symmetric types store source < target; directed types keep source → target.
    pub symmetric: bool,
    /// When not empty, the source actor must have one of these gazetteer types (an
    /// affiliation's member is a person).
    pub source_types: Vec<String>,
}

/// One lexicon entry with its own example sentences (checked by a test, like duckling's
/// corpus beside each rule).
#[derive(Debug, Clone)]
pub struct Entry {
    /// The relation type's name.
    pub relation: String,
    /// The forms of the entry, for messages.
    pub forms: Vec<String>,
    /// Sentences in which this entry must yield a relation of its type.
    pub yes: Vec<String>,
    /// Sentences in which it must not.
    pub no: Vec<String>,
}

/// A compiled lexicon.
#[derive(Debug, Clone)]
pub struct Lexicon {
    pub(crate) types: Vec<RelationType>,
    pub(crate) cues: Vec<Cue>,
    /// First word → cues starting with it, longest first.
    pub(crate) first: FxHashMap<Word, Vec<u32>>,
    pub(crate) markers: Phrases,
    pub(crate) light_verbs: Phrases,
    pub(crate) speech_verbs: Phrases,
    /// Per word id: [`HEAD`], [`BARRIER`], [`LOCATIVE`], [`ROLE_WORD`] bits.
    pub(crate) flags: Vec<u8>,
    /// Grammar word ids, looked up once.
    pub(crate) g: super::rules::Grammar,
    pub(crate) words: FxHashMap<String, Word>,
    pub(crate) canonicals: Vec<String>,
    /// Entries with their examples.
    pub entries: Vec<Entry>,
    /// Per cue: its entry.
    pub(crate) cue_entry: Vec<u32>,
    /// [`Lexicon::fingerprint`].
    fingerprint: String,
}

/// Two lexicons are equal when their fingerprints are: they say the same thing.
impl PartialEq for Lexicon {
    fn eq(&self, other: &Lexicon) -> bool {
        self.fingerprint == other.fingerprint
    }
}

impl Eq for Lexicon {}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawFile {
    types: Vec<Spanned<RawType>>,
    #[serde(default)]
    markers: RawClassed,
    #[serde(default)]
    light_verbs: RawClassed,
    #[serde(default)]
    speech_verbs: Vec<Spanned<String>>,
    #[serde(default)]
    actor_heads: Vec<Spanned<String>>,
    #[serde(default)]
    barriers: Vec<Spanned<String>>,
    #[serde(default)]
    locatives: Vec<Spanned<String>>,
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct RawClassed {
    #[serde(default)]
    neutral: Vec<Spanned<String>>,
    #[serde(default)]
    negation: Vec<Spanned<String>>,
    #[serde(default)]
    planned: Vec<Spanned<String>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawType {
    #[serde(rename = "type")]
    name: Spanned<String>,
    direction: Spanned<String>,
    #[serde(default)]
    source_types: Vec<String>,
    cues: Vec<Spanned<RawCue>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawCue {
    verb: Option<Spanned<String>>,
    noun: Option<Vec<Spanned<String>>>,
    role: Option<Vec<Spanned<String>>>,
    forms: Option<Vec<Spanned<String>>>,
    #[serde(default)]
    prep: Vec<Spanned<String>>,
    #[serde(default)]
    reverse: bool,
    #[serde(default)]
    prep_required: bool,
    between_persons: Option<Spanned<String>>,
    #[serde(default)]
    examples: RawExamples,
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct RawExamples {
    #[serde(default)]
    yes: Vec<String>,
    #[serde(default)]
    no: Vec<String>,
}

/// The inflections of a verb lemma: "attack" → attack, attacks, attacked, attacking. Only the
/// first word of a multi-word lemma is inflected ("sign an agreement"). Irregular verbs and
/// doubled consonants ("slammed") are listed with `forms` instead.
pub fn inflect(lemma: &str) -> Vec<String> {
    let (head, rest) = match lemma.split_once(' ') {
        Some((h, r)) => (h, format!(" {r}")),
        None => (lemma, String::new()),
    };
    let vowel = |c: char| "aeiou".contains(c);
    let (s, ed, ing) = if let Some(stem) = head.strip_suffix('e') {
        (format!("{head}s"), format!("{head}d"), format!("{stem}ing"))
    } else if head.ends_with('y') && !head[..head.len() - 1].ends_with(vowel) {
        let stem = &head[..head.len() - 1];
        (
            format!("{stem}ies"),
            format!("{stem}ied"),
            format!("{head}ing"),
        )
    } else if ["s", "sh", "ch", "x", "z"]
        .iter()
        .any(|e| head.ends_with(e))
    {
        (
            format!("{head}es"),
            format!("{head}ed"),
            format!("{head}ing"),
        )
    } else {
        (
            format!("{head}s"),
            format!("{head}ed"),
            format!("{head}ing"),
        )
    };
    [head.to_owned(), s, ed, ing]
        .into_iter()
        .map(|w| format!("{w}{rest}"))
        .collect()
}

/// Lower-cases a word as the tokenizer does (typographic apostrophes become `'`).
pub(crate) fn fold_word(w: &str, out: &mut String) {
    out.clear();
    for c in w.chars() {
        match c {
            '\u{2019}' | '\u{2018}' | '`' => out.push('\''),
            c if c.is_ascii() => out.push(c.to_ascii_lowercase()),
            c => out.extend(c.to_lowercase()),
        }
    }
}

impl Lexicon {
    /// The embedded default lexicon.
    pub fn embedded() -> Lexicon {
        Lexicon::from_source(DEFAULT_LEXICON_NAME, DEFAULT_LEXICON.as_bytes())
            .expect("the embedded lexicon is valid (checked by a test)")
    }

    /// Reads a lexicon file.
    pub fn load_file(path: &Path) -> Result<Lexicon> {
        let bytes = std::fs::read(path).map_err(|e| Error::io(path, e))?;
        Lexicon::from_source(&path.display().to_string(), &bytes)
    }

    /// A stable hash of the lexicon's canonical content (16 hex digits; see
    /// `relation/fingerprint.rs`): partial counts of typed relations carry it in their
    /// recipe, so parts built with different lexicons refuse to merge.
    pub fn fingerprint(&self) -> &str {
        &self.fingerprint
    }

    /// The relation types, in file order.
    pub fn types(&self) -> &[RelationType] {
        &self.types
    }

    /// The name of relation type `i`.
    pub fn type_name(&self, i: u16) -> &str {
        &self.types[i as usize].name
    }

    /// The canonical text of a role (an index found in [`super::Relation::role`]).
    pub fn role_name(&self, i: u32) -> &str {
        &self.canonicals[i as usize]
    }

    /// The entry a cue came from.
    pub fn cue_entry(&self, cue: u32) -> usize {
        self.cue_entry[cue as usize] as usize
    }

    /// Looks up a lower-case word.
    pub(crate) fn word(&self, w: &str) -> Word {
        self.words.get(w).copied().unwrap_or(NONE)
    }

    /// Parses and validates a lexicon.
    pub fn from_source(file: &str, bytes: &[u8]) -> Result<Lexicon> {
        let body = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
        let raw: RawFile = json_spanned_value::from_slice(body).map_err(|e| {
            let what = e.to_string();
            let what = what.rfind(" at line ").map_or(&what[..], |p| &what[..p]);
            Error::Gazetteer {
                location: format!("{file}:{}:{}", e.line(), e.column()),
                message: format!("{what}; see docs/relations.md for the lexicon format"),
            }
        })?;
        let bad = |at: usize, message: String| Error::Gazetteer {
            location: {
                let (l, c) = line_col(body, at);
                format!("{file}:{l}:{c}")
            },
            message,
        };
        let mut b = Builder::default();
        let mut lex = Lexicon {
            types: Vec::new(),
            cues: Vec::new(),
            first: FxHashMap::default(),
            markers: Phrases::default(),
            light_verbs: Phrases::default(),
            speech_verbs: Phrases::default(),
            flags: Vec::new(),
            g: Default::default(),
            words: FxHashMap::default(),
            canonicals: Vec::new(),
            entries: Vec::new(),
            cue_entry: Vec::new(),
            // Parsed above, so this is JSON; hashing the bytes is only a fallback.
            fingerprint: super::fingerprint::of_source(body).unwrap_or_else(|| {
                let mut h = crate::counts::Fnv::new();
                h.bytes(body);
                format!("{:016x}", h.0)
            }),
        };
        // Where each cue phrase was defined, to report a phrase claimed twice.
        let mut claimed: FxHashMap<Vec<Word>, (usize, String)> = FxHashMap::default();
        for t in &raw.types {
            let name_at = t.name.start();
            let name = t.name.get_ref().trim();
            if name.is_empty() {
                return Err(bad(name_at, "relation type name is empty".into()));
            }
            if lex.types.iter().any(|x| x.name == name) {
                return Err(bad(
                    name_at,
                    format!("relation type \"{name}\" is defined twice; merge the two entries"),
                ));
            }
            let symmetric = match t.direction.get_ref().as_str() {
                "symmetric" => true,
                "directed" => false,
                other => {
                    return Err(bad(
                        t.direction.start(),
                        format!(
                            "direction \"{other}\" is unknown; use \"symmetric\" or \"directed\""
                        ),
                    ))
                }
            };
            let rel = u16::try_from(lex.types.len())
                .map_err(|_| bad(name_at, "more than 65,535 relation types".into()))?;
            lex.types.push(RelationType {
                name: name.to_owned(),
                symmetric,
                source_types: t.source_types.clone(),
            });
            for c in &t.cues {
                let at = c.start();
                let c = c.get_ref();
                let given = [c.verb.is_some(), c.noun.is_some(), c.role.is_some()];
                if given.iter().filter(|&&g| g).count() != 1 {
                    return Err(bad(
                        at,
                        "a cue needs exactly one of \"verb\", \"noun\" or \"role\"".into(),
                    ));
                }
                let (kind, forms): (CueKind, Vec<(usize, String)>) = if let Some(v) = &c.verb {
                    let forms = match &c.forms {
                        Some(f) => std::iter::once(v)
                            .chain(f)
                            .map(|s| (s.start(), s.get_ref().clone()))
                            .collect(),
                        None => inflect(v.get_ref().trim())
                            .into_iter()
                            .map(|s| (v.start(), s))
                            .collect(),
                    };
                    (CueKind::Verb, forms)
                } else {
                    if c.forms.is_some() {
                        return Err(bad(
                            at,
                            "\"forms\" is for verbs; list every noun or role form in the list itself"
                                .into(),
                        ));
                    }
                    let (kind, list) = match (&c.noun, &c.role) {
                        (Some(n), _) => (CueKind::Noun, n),
                        (_, Some(r)) => (CueKind::Role, r),
                        _ => unreachable!("checked above"),
                    };
                    (
                        kind,
                        list.iter()
                            .map(|s| (s.start(), s.get_ref().clone()))
                            .collect(),
                    )
                };
                if forms.is_empty() {
                    return Err(bad(at, "a cue without any form; add at least one".into()));
                }
                let mut preps = Vec::new();
                for p in &c.prep {
                    let w = b.phrase(p.get_ref(), &mut lex.words);
                    if w.len() != 1 {
                        return Err(bad(
                            p.start(),
                            format!("preposition {:?} must be one word", p.get_ref()),
                        ));
                    }
                    preps.push(w[0]);
                }
                let entry = lex.entries.len() as u32;
                lex.entries.push(Entry {
                    relation: name.to_owned(),
                    forms: forms.iter().map(|(_, f)| f.clone()).collect(),
                    yes: c.examples.yes.clone(),
                    no: c.examples.no.clone(),
                });
                for (fat, form) in forms {
                    let words = b.phrase(&form, &mut lex.words);
                    if words.is_empty() {
                        return Err(bad(fat, "empty cue form; remove it".into()));
                    }
                    if let Some((prev_at, prev)) = claimed.get(&words) {
                        if prev == name {
                            // The same word as verb and noun ("attack", "visit"): one cue
                            // that tries the verb rules, then the noun rules.
                            if let Some(c) = lex.cues.iter_mut().find(|c| c.words == words) {
                                if c.kind != kind && !c.dual {
                                    c.dual = true;
                                    c.alt_preps = preps.clone();
                                }
                            }
                            continue;
                        }
                        let (l, col) = line_col(body, *prev_at);
                        return Err(bad(
                            fat,
                            format!(
                                "cue {form:?} is already a cue of \"{prev}\" at {file}:{l}:{col}; \
                                 a phrase can signal only one relation type"
                            ),
                        ));
                    }
                    claimed.insert(words.clone(), (fat, name.to_owned()));
                    // A role is reported as the form that matched ("deputy press secretary").
                    let canonical = lex.canonicals.len() as u32;
                    lex.canonicals.push(
                        form.split_whitespace()
                            .collect::<Vec<_>>()
                            .join(" ")
                            .to_lowercase(),
                    );
                    let id = lex.cues.len() as u32;
                    lex.first.entry(words[0]).or_default().push(id);
                    lex.cues.push(Cue {
                        words,
                        kind,
                        rel,
                        preps: preps.clone(),
                        reverse: c.reverse,
                        prep_required: c.prep_required,
                        between_persons: None,
                        canonical,
                        dual: false,
                        alt_preps: Vec::new(),
                    });
                    lex.cue_entry.push(entry);
                }
            }
        }
        let mut classed = |raw: &RawClassed, out: &mut Phrases| {
            for (list, class) in [
                (&raw.neutral, Class::Neutral),
                (&raw.negation, Class::Negation),
                (&raw.planned, Class::Planned),
            ] {
                for s in list {
                    let w = b.phrase(s.get_ref(), &mut lex.words);
                    if w.is_empty() {
                        return Err(bad(s.start(), "empty phrase; remove it".into()));
                    }
                    out.list.push((w, class));
                }
            }
            Ok(())
        };
        classed(&raw.markers, &mut lex.markers)?;
        classed(&raw.light_verbs, &mut lex.light_verbs)?;
        for s in &raw.speech_verbs {
            let w = b.phrase(s.get_ref(), &mut lex.words);
            if w.is_empty() {
                return Err(bad(s.start(), "empty phrase; remove it".into()));
            }
            lex.speech_verbs.list.push((w, Class::Neutral));
        }
        let mut flagged = Vec::new();
        for (list, flag) in [
            (&raw.actor_heads, HEAD),
            (&raw.barriers, BARRIER),
            (&raw.locatives, LOCATIVE),
        ] {
            for s in list {
                let w = b.phrase(s.get_ref(), &mut lex.words);
                if w.len() != 1 {
                    return Err(bad(
                        s.start(),
                        format!("{:?} must be one word", s.get_ref()),
                    ));
                }
                flagged.push((w[0], flag));
            }
        }
        // `between_persons` names a type, which may be defined later in the file.
        for (ti, t) in raw.types.iter().enumerate() {
            for (ci, c) in t.cues.iter().enumerate() {
                let Some(other) = &c.get_ref().between_persons else {
                    continue;
                };
                let Some(target) = lex.types.iter().position(|x| &x.name == other.get_ref()) else {
                    return Err(bad(
                        other.start(),
                        format!(
                            "\"between_persons\" names an unknown relation type \"{}\"; \
                             define it under \"types\"",
                            other.get_ref()
                        ),
                    ));
                };
                let entry = lex
                    .entries
                    .iter()
                    .enumerate()
                    .filter(|(_, e)| e.relation == lex.types[ti].name)
                    .nth(ci)
                    .map(|(i, _)| i as u32);
                for (cue, e) in lex.cues.iter_mut().zip(&lex.cue_entry) {
                    if Some(*e) == entry {
                        cue.between_persons = Some(target as u16);
                    }
                }
            }
        }
        for list in lex.first.values_mut() {
            let cues = &lex.cues;
            list.sort_by_key(|&c| (std::cmp::Reverse(cues[c as usize].words.len()), c));
        }
        // Grammar words the rules use are interned too, so they always have ids.
        for w in super::tokens::GRAMMAR {
            b.phrase(w, &mut lex.words);
        }
        lex.flags = vec![0; lex.words.len()];
        for (w, f) in flagged {
            lex.flags[w as usize] |= f;
        }
        // "deputy" in "deputy press secretary", "prime" in "prime minister": before another
        // role they modify it ("Iraq's deputy spokesman").
        for c in lex.cues.iter().filter(|c| c.kind == CueKind::Role) {
            for &w in &c.words[..c.words.len() - 1] {
                lex.flags[w as usize] |= ROLE_WORD;
            }
        }
        for p in [
            &mut lex.markers,
            &mut lex.light_verbs,
            &mut lex.speech_verbs,
        ] {
            p.index();
        }
        lex.g = super::rules::Grammar::new(&lex);
        Ok(lex)
    }
}

/// Word flag: an actor noun ("officials", "forces").
pub(crate) const HEAD: u8 = 1;
/// Word flag: stops the search for an object.
pub(crate) const BARRIER: u8 = 2;
/// Word flag: a place preposition, not an object right after a cue ("met in Doha").
pub(crate) const LOCATIVE: u8 = 4;
/// Word flag: a word of a role phrase before its last ("deputy", "prime", "vice").
pub(crate) const ROLE_WORD: u8 = 8;

/// Phrases with a class, indexed by first and last word so a lookup is one hash probe.
#[derive(Debug, Clone, Default)]
pub(crate) struct Phrases {
    list: Vec<(Vec<Word>, Class)>,
    /// Last word → phrases ending with it, longest first.
    by_last: FxHashMap<Word, Vec<u32>>,
    /// First word → phrases starting with it, longest first.
    by_first: FxHashMap<Word, Vec<u32>>,
}

impl Phrases {
    fn index(&mut self) {
        for (i, (w, _)) in self.list.iter().enumerate() {
            self.by_last
                .entry(w[w.len() - 1])
                .or_default()
                .push(i as u32);
            self.by_first.entry(w[0]).or_default().push(i as u32);
        }
        let list = &self.list;
        for v in self.by_last.values_mut().chain(self.by_first.values_mut()) {
            v.sort_by_key(|&i| (std::cmp::Reverse(list[i as usize].0.len()), i));
        }
    }

    /// The longest phrase ending just before token `end`: (length, class).
    pub(crate) fn ending(&self, toks: &[Tok], end: usize) -> Option<(usize, Class)> {
        let last = toks.get(end.checked_sub(1)?)?.word();
        self.by_last.get(&last)?.iter().find_map(|&i| {
            let (w, c) = &self.list[i as usize];
            (end >= w.len() && matches(toks, end - w.len(), w)).then_some((w.len(), *c))
        })
    }

    /// The longest phrase starting at token `i`.
    pub(crate) fn starting(&self, toks: &[Tok], i: usize) -> Option<(usize, Class)> {
        let first = toks.get(i)?.word();
        self.by_first.get(&first)?.iter().find_map(|&k| {
            let (w, c) = &self.list[k as usize];
            matches(toks, i, w).then_some((w.len(), *c))
        })
    }
}

fn matches(toks: &[Tok], i: usize, words: &[Word]) -> bool {
    i + words.len() <= toks.len() && words.iter().zip(&toks[i..]).all(|(w, t)| t.word() == *w)
}

/// Splits phrases into interned word ids, the way the tokenizer splits text.
#[derive(Default)]
struct Builder {
    buf: String,
}

impl Builder {
    fn phrase(&mut self, s: &str, words: &mut FxHashMap<String, Word>) -> Vec<Word> {
        let mut out = Vec::new();
        for (start, end) in super::tokens::word_spans(s) {
            fold_word(&s[start..end], &mut self.buf);
            let next = words.len() as Word;
            let id = *words.entry(self.buf.clone()).or_insert(next);
            out.push(id);
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn inflection_table() {
        let cases: &[(&str, [&str; 4])] = &[
            ("attack", ["attack", "attacks", "attacked", "attacking"]),
            (
                "denounce",
                ["denounce", "denounces", "denounced", "denouncing"],
            ),
            ("bomb", ["bomb", "bombs", "bombed", "bombing"]),
            ("ally", ["ally", "allies", "allied", "allying"]),
            ("fund", ["fund", "funds", "funded", "funding"]),
            ("reach", ["reach", "reaches", "reached", "reaching"]),
            (
                "destroy",
                ["destroy", "destroys", "destroyed", "destroying"],
            ),
            (
                "sign an agreement",
                [
                    "sign an agreement",
                    "signs an agreement",
                    "signed an agreement",
                    "signing an agreement",
                ],
            ),
        ];
        for (lemma, expected) in cases {
            assert_eq!(inflect(lemma), expected.to_vec(), "{lemma}");
        }
    }

    #[test]
    fn the_embedded_lexicon_loads() {
        let lex = Lexicon::embedded();
        let names: Vec<&str> = lex.types().iter().map(|t| t.name.as_str()).collect();
        for t in [
            "meet",
            "visit",
            "attack",
            "criticize",
            "support",
            "cooperate",
            "affiliation",
        ] {
            assert!(names.contains(&t), "{t} missing");
        }
    }

    #[test]
    fn errors_say_where_and_what() {
        let cases: &[(&str, &str, &str)] = &[
            ("syntax", "{\"types\": [,]}", "lex.json:1:12: "),
            (
                "unknown field",
                "{\"types\": [{\"type\": \"meet\", \"direction\": \"symmetric\", \"cues\": [], \"x\": 1}]}",
                "unknown field `x`",
            ),
            (
                "bad direction",
                "{\"types\": [\n {\"type\": \"meet\", \"direction\": \"both\", \"cues\": []}]}",
                "lex.json:2:32: direction \"both\" is unknown",
            ),
            (
                "duplicate type",
                "{\"types\": [{\"type\": \"meet\", \"direction\": \"symmetric\", \"cues\": []},\n{\"type\": \"meet\", \"direction\": \"symmetric\", \"cues\": []}]}",
                "lex.json:2:10: relation type \"meet\" is defined twice",
            ),
            (
                "two kinds",
                "{\"types\": [{\"type\": \"meet\", \"direction\": \"symmetric\", \"cues\": [\n  {\"verb\": \"meet\", \"noun\": [\"talks\"]}]}]}",
                "lex.json:2:3: a cue needs exactly one of",
            ),
            (
                "phrase claimed twice",
                "{\"types\": [{\"type\": \"meet\", \"direction\": \"symmetric\", \"cues\": [{\"noun\": [\"talks\"]}]},\n{\"type\": \"x\", \"direction\": \"directed\", \"cues\": [{\"noun\": [\"Talks\"]}]}]}",
                "lex.json:2:59: cue \"Talks\" is already a cue of \"meet\" at lex.json:1:74",
            ),
            (
                "two-word preposition",
                "{\"types\": [{\"type\": \"meet\", \"direction\": \"symmetric\", \"cues\": [{\"noun\": [\"talks\"], \"prep\": [\"next to\"]}]}]}",
                "preposition \"next to\" must be one word",
            ),
        ];
        for (name, json, expected) in cases {
            let err = Lexicon::from_source("lex.json", json.as_bytes())
                .expect_err(name)
                .to_string();
            assert!(err.contains(expected), "{name}: {err}");
        }
    }
}
