//! Typed, directed relations between tagged actors, found from cue words in raw text.
//!
//! No parser: each sentence with at least two distinct actors becomes a list of tokens (a
//! mention is one token), the lexicon's cues are found by one scan over the words, and for
//! each cue named rules look left and right for its arguments (passive "by", coordination,
//! appositions and relative clauses, "between A and B", light verbs, reported speech). Markers
//! between the subject and the cue say whether the relation is negated or planned. Every
//! relation keeps the byte spans of its cue and of both mentions, so it explains itself. The
//! rules and what they do not do are written down in `docs/relations.md`.
//!
//! ```
//! use actorgraph::{analysis::analyze, gazetteer::Gazetteer, relation::{self, Lexicon}};
//! use actorgraph::{sentence::LineBreaks, tagger::{Scratch, Tagger}};
//!
//! let g = Gazetteer::embedded();
//! let lex = Lexicon::embedded();
//! let text = "Rasool said the US attacked Kataib Hezbollah.";
//! let a = analyze(text, None, &Tagger::new(&g).unwrap(), LineBreaks::Auto, &mut Scratch::default());
//! let found: Vec<String> = relation::extract(text, &a, &g, &lex)
//!     .iter()
//!     .map(|r| r.describe(&g, &lex))
//!     .collect();
//! assert_eq!(found, ["attack united_states -> kataib_hezbollah"]);
//! ```

pub mod fingerprint;
pub mod lexicon;
mod roles;
mod rules;
mod tokens;
pub mod write;

pub use lexicon::{Lexicon, RelationType, DEFAULT_LEXICON, DEFAULT_LEXICON_NAME};

use crate::analysis::Analysis;
use crate::gazetteer::{ActorIdx, Gazetteer, RoleIdx};

/// Whether a relation happened or is announced.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Modality {
    /// Reported as having happened (or happening).
    Fact,
    /// Announced, scheduled, expected, called for.
    Planned,
}

impl Modality {
    /// `fact` or `planned`.
    pub fn as_str(self) -> &'static str {
        match self {
            Modality::Fact => "fact",
            Modality::Planned => "planned",
        }
    }
}

/// A byte range of the document text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Span {
    /// First byte.
    pub start: usize,
    /// One past the last byte.
    pub end: usize,
}

/// One typed relation between two actors of one sentence.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Relation {
    /// 0-based sentence index within the document.
    pub sentence: u32,
    /// The relation type: an index into [`Lexicon::types`].
    pub kind: u16,
    /// The source actor (for symmetric types, the smaller actor id).
    pub source: ActorIdx,
    /// The target actor.
    pub target: ActorIdx,
    /// "did not meet", "refused to meet", "denied attacking", "no talks between".
    pub negated: bool,
    /// Fact or planned.
    pub modality: Modality,
    /// For affiliations, the role noun (see [`Lexicon::role_name`]).
    pub role: Option<u32>,
    /// The cue that fired.
    pub cue: Span,
    /// The source mention.
    pub source_span: Span,
    /// The target mention.
    pub target_span: Span,
    /// When the source mention named a role ("the Iraqi prime minister") resolved to its
    /// holder on the document's date: that role.
    pub source_role: Option<RoleIdx>,
    /// The same for the target mention.
    pub target_role: Option<RoleIdx>,
}

impl Relation {
    /// "type source -> target" with actor ids, plus " (negated)" / " (planned)"; for tests
    /// and messages.
    pub fn describe(&self, g: &Gazetteer, lex: &Lexicon) -> String {
        let sym = lex.types[self.kind as usize].symmetric;
        let mut s = format!(
            "{} {} {} {}",
            lex.type_name(self.kind),
            g.actor(self.source).id,
            if sym { "--" } else { "->" },
            g.actor(self.target).id
        );
        if self.negated {
            s.push_str(" (negated)");
        }
        if self.modality == Modality::Planned {
            s.push_str(" (planned)");
        }
        s
    }
}

/// Reusable buffers for [`extract_with`].
#[derive(Debug, Default)]
pub struct Scratch {
    tokens: Vec<tokens::Tok>,
    spans: Vec<(usize, usize)>,
    actors: Vec<ActorIdx>,
    roles: Vec<Option<RoleIdx>>,
    word: String,
    found: Vec<rules::Found>,
    bufs: rules::Buffers,
}

/// The relations of one analysed document, sorted by cue offset.
pub fn extract(text: &str, analysis: &Analysis, g: &Gazetteer, lex: &Lexicon) -> Vec<Relation> {
    let mut out = Vec::new();
    extract_with(text, analysis, g, lex, &mut Scratch::default(), &mut out);
    out
}

/// [`extract`] into `out` (cleared first), reusing `scratch`.
pub fn extract_with(
    text: &str,
    analysis: &Analysis,
    g: &Gazetteer,
    lex: &Lexicon,
    scratch: &mut Scratch,
    out: &mut Vec<Relation>,
) {
    out.clear();
    let ms = &analysis.mentions;
    let mut i = 0;
    while i < ms.len() {
        let si = ms[i].sentence;
        let mut j = i + 1;
        while j < ms.len() && ms[j].sentence == si {
            j += 1;
        }
        let group = &ms[i..j];
        i = j;
        // Only sentences naming two different actors can hold a relation.
        if group
            .iter()
            .all(|p| p.mention.actor == group[0].mention.actor)
        {
            continue;
        }
        let sentence = analysis.sentences[si as usize];
        scratch.spans.clear();
        scratch.actors.clear();
        scratch.roles.clear();
        for p in group {
            scratch.spans.push((p.mention.start, p.mention.end));
            scratch.actors.push(p.mention.actor);
            scratch.roles.push(p.mention.role);
        }
        tokens::tokenize(
            text,
            sentence.start,
            sentence.end,
            &scratch.spans,
            lex,
            &mut scratch.word,
            &mut scratch.tokens,
        );
        scratch.found.clear();
        rules::find(lex, &scratch.tokens, &mut scratch.bufs, &mut scratch.found);
        let first = out.len();
        for f in &scratch.found {
            let (s, t) = (scratch.actors[f.source], scratch.actors[f.target]);
            if s == t {
                continue;
            }
            let (ss, ts) = (scratch.spans[f.source], scratch.spans[f.target]);
            let ty = &lex.types[f.kind as usize];
            if !ty.source_types.is_empty() && !ty.source_types.contains(&g.actor(s).kind) {
                continue;
            }
            let mut kind = f.kind;
            if let Some(other) = lex.cues[f.cue_id as usize].between_persons {
                if g.actor(s).kind == "person" && g.actor(t).kind == "person" {
                    kind = other;
                }
            }
            let mut r = Relation {
                sentence: si,
                kind,
                source: s,
                target: t,
                negated: f.negated,
                modality: f.modality,
                role: f.role,
                cue: f.cue,
                source_span: Span {
                    start: ss.0,
                    end: ss.1,
                },
                target_span: Span {
                    start: ts.0,
                    end: ts.1,
                },
                source_role: scratch.roles[f.source],
                target_role: scratch.roles[f.target],
            };
            if lex.types[r.kind as usize].symmetric && g.actor(r.target).id < g.actor(r.source).id {
                std::mem::swap(&mut r.source, &mut r.target);
                std::mem::swap(&mut r.source_span, &mut r.target_span);
                std::mem::swap(&mut r.source_role, &mut r.target_role);
            }
            // One relation per (type, pair, polarity, modality) and sentence: the first cue.
            let dup = out[first..].iter().any(|o| {
                (o.kind, o.source, o.target, o.negated, o.modality)
                    == (r.kind, r.source, r.target, r.negated, r.modality)
            });
            if !dup {
                out.push(r);
            }
        }
        out[first..].sort_by_key(|r| (r.cue, r.kind, r.source, r.target));
    }
}
