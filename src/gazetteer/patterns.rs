//! The alias table: every name of every actor, role and exclusion, normalised, with the rule
//! that decides what a match of it tags. One shared alias between two owners is an error, or,
//! with [`Ambiguous::Skip`], is dropped from every claimant (see `docs/gazetteer.md`).

use rustc_hash::FxHashMap as HashMap;

use super::parse::Locator;
use super::parse::Origin;
use super::{Alias, CaseRule, Target, Warnings};
use crate::error::{Error, Result};
use crate::normalize::{normalize, normalize_keep_case};

/// What to do with an alias claimed by two actors (or an actor and a role).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Ambiguous {
    /// Stop the load with both places (the default: right for hand-made files).
    #[default]
    Error,
    /// Drop the alias from every claimant and report each drop.
    Skip,
}

/// One distinct normalised (case-folded) name and the rules behind it.
#[derive(Debug, Clone)]
pub(crate) struct Pattern {
    pub(crate) key: String,
    pub(crate) rules: Vec<PatternRule>,
}

/// What a pattern tags, and the case check the original text must pass.
#[derive(Debug, Clone)]
pub(crate) struct PatternRule {
    pub(crate) target: Target,
    pub(crate) case: CaseRule,
    /// For [`CaseRule::Sensitive`]: the exact normalised form, case kept.
    pub(crate) exact: Option<String>,
}

/// A name to enter: its owner (for messages), what it tags, the alias and where it was written.
pub(super) struct Name<'a> {
    pub(super) owner: &'a str,
    pub(super) kind: &'static str,
    pub(super) target: Target,
    pub(super) alias: &'a Alias,
    pub(super) at: Origin,
}

/// Builds the table. Names must come owners first (actors, roles), exclusions last, so that a
/// name always precedes an exclusion of the same phrase.
pub(super) fn build(
    names: &[Name],
    loc: &Locator,
    ambiguous: Ambiguous,
    warnings: &mut Warnings,
    dropped: &mut Vec<String>,
) -> Result<Vec<Pattern>> {
    let mut patterns: Vec<Pattern> = Vec::new();
    // Per pattern and rule: the index in `names` of the claimant, for messages.
    let mut claims: Vec<Vec<usize>> = Vec::new();
    // Per pattern: exact forms already dropped as ambiguous (None: every form), and who
    // claimed them first, so a third claimant is dropped too. Sparse: usually empty.
    let mut poisoned: HashMap<usize, Vec<(Option<String>, usize)>> = HashMap::default();
    let mut by_key: HashMap<String, usize> = HashMap::default();

    for (ni, n) in names.iter().enumerate() {
        let text = n.alias.text.as_str();
        let key = normalize(text);
        if key.trim().is_empty() {
            // Found by fuzzing: a BOM or soft hyphen survives trim() but not normalisation,
            // and an empty pattern would match everywhere.
            return Err(Error::Gazetteer {
                location: n.at.locate(loc),
                message: format!(
                    "{} {:?} of {} has only invisible characters (they are ignored when \
                     matching); remove it or write the name",
                    n.kind, text, n.owner
                ),
            });
        }
        let exact = match n.alias.case {
            CaseRule::Sensitive => Some(normalize_keep_case(text)),
            _ => None,
        };
        let pi = *by_key.entry(key.clone()).or_insert_with(|| {
            patterns.push(Pattern {
                key,
                rules: Vec::new(),
            });
            claims.push(Vec::new());
            patterns.len() - 1
        });
        let clash = |a: &Option<String>, b: &Option<String>| match (a, b) {
            (Some(a), Some(b)) => a == b,
            _ => true,
        };
        let poison = poisoned.get(&pi).into_iter().flatten();
        if let Some(&(_, fi)) = poison.clone().find(|(e, _)| clash(e, &exact)) {
            let first = &names[fi];
            if !matches!(n.target, Target::Exclude(_)) {
                dropped.push(format!(
                    "{}: {} \"{}\" of {} dropped: ambiguous, also claimed by {} (at {})",
                    n.at.locate(loc),
                    n.kind,
                    text,
                    n.owner,
                    first.owner,
                    first.at.locate(loc)
                ));
            }
            continue;
        }
        let pattern = &mut patterns[pi];
        let Some(ri) = pattern.rules.iter().position(|r| clash(&r.exact, &exact)) else {
            pattern.rules.push(PatternRule {
                target: n.target,
                case: n.alias.case,
                exact,
            });
            claims[pi].push(ni);
            continue;
        };
        let existing = pattern.rules[ri].target;
        let fi = claims[pi][ri];
        let first = &names[fi];
        match (existing, n.target) {
            (a, b) if a == b => {
                warnings.push(format!(
                    "{}: {} \"{}\" of {} repeats an earlier name (same after normalisation); \
                     the duplicate is ignored",
                    n.at.locate(loc),
                    n.kind,
                    text,
                    n.owner
                ));
                // The wider case rule wins: insensitive > capitalized > sensitive.
                let rule = &mut pattern.rules[ri];
                if width(n.alias.case) > width(rule.case) {
                    rule.case = n.alias.case;
                    rule.exact = None;
                }
            }
            (Target::Exclude(_), Target::Exclude(_)) => {
                // Two owners exclude the same phrase: the global one (None) is the wider.
                if n.target == Target::Exclude(None) {
                    pattern.rules[ri].target = Target::Exclude(None);
                }
            }
            (_, Target::Exclude(blocks)) => {
                if blocks.is_some() && Target::Actor(blocks.unwrap_or(0)) == existing {
                    return Err(Error::Gazetteer {
                        location: n.at.locate(loc),
                        message: format!(
                            "exclusion \"{text}\" of {} is also one of its aliases (at {}); \
                             remove one of them",
                            n.owner,
                            first.at.locate(loc)
                        ),
                    });
                }
                warnings.push(format!(
                    "{}: exclusion \"{text}\" of {} is a name of {} (at {}); the name wins and \
                     the exclusion is ignored",
                    n.at.locate(loc),
                    n.owner,
                    first.owner,
                    first.at.locate(loc)
                ));
            }
            _ if ambiguous == Ambiguous::Skip => {
                dropped.push(format!(
                    "{}: alias \"{}\" of {} dropped: ambiguous, also claimed by {} (at {})",
                    first.at.locate(loc),
                    text,
                    first.owner,
                    n.owner,
                    n.at.locate(loc)
                ));
                dropped.push(format!(
                    "{}: {} \"{}\" of {} dropped: ambiguous, also claimed by {} (at {})",
                    n.at.locate(loc),
                    n.kind,
                    text,
                    n.owner,
                    first.owner,
                    first.at.locate(loc)
                ));
                let rule = pattern.rules.remove(ri);
                claims[pi].remove(ri);
                let form = if exact.is_some() { rule.exact } else { None };
                poisoned.entry(pi).or_default().push((form, fi));
            }
            _ => {
                return Err(Error::Gazetteer {
                    location: n.at.locate(loc),
                    message: format!(
                        "alias \"{}\" is claimed by both {} (at {}) and {}; keep it on one, \
                         make both case-sensitive with different capitalisation, or load with \
                         --ambiguous skip",
                        text,
                        first.owner,
                        first.at.locate(loc),
                        n.owner
                    ),
                });
            }
        }
    }
    patterns.retain(|p| !p.rules.is_empty());
    Ok(patterns)
}

fn width(c: CaseRule) -> u8 {
    match c {
        CaseRule::Sensitive => 0,
        CaseRule::Capitalized => 1,
        CaseRule::Insensitive => 2,
    }
}
