//! Roles: offices that change hands ("Iraqi prime minister"). A role mention names whoever
//! holds the role on the document's date; see `docs/roles.md`.

use std::collections::HashMap;

use chrono::NaiveDate;
use json_spanned_value::spanned::Spanned;

use super::parse::Locator;
use super::parse::{self, locate, Origin, RawRole};
use super::period::Period;
use super::{ActorIdx, Alias, CaseRule, Source};
use crate::error::{Error, Result};

/// Index of a role in its [`super::Gazetteer`].
pub type RoleIdx = u32;

/// An office held by one actor at a time.
#[derive(Debug, Clone)]
pub struct Role {
    /// Stable slug, unique across actors and roles.
    pub id: String,
    /// Display name; also matched like an alias.
    pub label: String,
    /// Case rule of the label.
    pub label_case: CaseRule,
    /// Phrases that name the role.
    pub aliases: Vec<Alias>,
    /// Holders sorted by start; their periods never overlap.
    pub holders: Vec<Holder>,
}

/// One actor's tenure of a role.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Holder {
    /// The actor.
    pub actor: ActorIdx,
    /// Days the actor holds the role.
    pub period: Period,
}

impl Role {
    /// The actor holding the role on `day`, if any.
    pub fn holder_on(&self, day: NaiveDate) -> Option<ActorIdx> {
        self.holders
            .iter()
            .find(|h| h.period.contains(day))
            .map(|h| h.actor)
    }
}

/// A role as read, with the spans needed to report cross-entry problems.
pub(super) struct Pending {
    pub(super) role: Role,
    pub(super) at: Origin,
    pub(super) names_at: Vec<Origin>,
    holders: Vec<(Spanned<String>, Period, Origin)>,
}

/// Checks one role entry on its own; holders are resolved later by [`resolve_holders`].
pub(super) fn read_role(
    src: &Source,
    si: usize,
    raw: Spanned<RawRole>,
    file_case: Option<CaseRule>,
) -> Result<Pending> {
    let origin = |offset: usize| Origin { source: si, offset };
    let at = origin(raw.start());
    let raw = raw.into_inner();
    parse::check_id(src, &raw.id, "role")?;
    let id = raw.id.get_ref().clone();
    if raw.label.trim().is_empty() {
        return Err(Error::Gazetteer {
            location: locate(src, raw.label.start()),
            message: format!("role \"{id}\" has an empty label; give it a display name"),
        });
    }
    if let Some(kind) = &raw.kind {
        if kind.get_ref() != "role" {
            return Err(Error::Gazetteer {
                location: locate(src, kind.start()),
                message: format!(
                    "role \"{id}\" has type {:?}; an entry under \"roles\" has type \"role\" \
                     (or none); put other actors under \"actors\"",
                    kind.get_ref()
                ),
            });
        }
    }
    let owner = format!("role \"{id}\"");
    let mut names_at = vec![origin(raw.label.start())];
    let mut aliases = Vec::with_capacity(raw.aliases.len());
    for a in raw.aliases {
        names_at.push(origin(a.start()));
        aliases.push(parse::name(src, &owner, a, file_case)?);
    }
    let mut holders = Vec::with_capacity(raw.holders.len());
    for h in raw.holders {
        let hat = origin(h.start());
        let h = h.into_inner();
        let period = parse::period(
            src,
            &format!("holder \"{}\" of {owner}", h.actor.get_ref()),
            &h.from,
            &h.until,
        )?;
        holders.push((h.actor, period, hat));
    }
    let label = raw.label.into_inner().trim().to_owned();
    let label_case = file_case.unwrap_or_else(|| super::default_case_rule(&label));
    Ok(Pending {
        role: Role {
            id,
            label,
            label_case,
            aliases,
            holders: Vec::new(),
        },
        at,
        names_at,
        holders,
    })
}

/// Resolves holder ids to actors and checks that no two holders overlap.
pub(super) fn resolve_holders(
    pending: &mut Pending,
    by_id: &HashMap<String, ActorIdx>,
    loc: &Locator,
) -> Result<()> {
    let role_id = pending.role.id.clone();
    let mut holders: Vec<(Holder, Origin, &str)> = Vec::with_capacity(pending.holders.len());
    for (actor, period, at) in &pending.holders {
        let Some(&idx) = by_id.get(actor.get_ref()) else {
            return Err(Error::Gazetteer {
                location: Origin {
                    source: at.source,
                    offset: actor.start(),
                }
                .locate(loc),
                message: format!(
                    "holder \"{}\" of role \"{role_id}\" is not an actor id; define the actor \
                     under \"actors\" or fix the id",
                    actor.get_ref()
                ),
            });
        };
        holders.push((
            Holder {
                actor: idx,
                period: *period,
            },
            *at,
            actor.get_ref(),
        ));
    }
    // Sorted by start (an open start first), then overlap is a check of neighbours... except
    // that an open-ended period can overlap any later one, so compare every pair: roles
    // have a handful of holders.
    holders.sort_by_key(|(h, _, _)| (h.period.from, h.period.until));
    for i in 0..holders.len() {
        for j in i + 1..holders.len() {
            let (a, a_at, a_id) = &holders[i];
            let (b, b_at, b_id) = &holders[j];
            if a.period.overlaps(&b.period) {
                let day = a
                    .period
                    .first_shared_day(&b.period)
                    .map_or_else(|| "an open start".to_owned(), |d| d.to_string());
                let hint = match b.period.from.and_then(|d| d.pred_opt()) {
                    Some(prev) => format!(
                        "; on a handover day the incoming holder holds the role, so the \
                         outgoing holder's \"until\" is the day before ({prev})"
                    ),
                    None => String::new(),
                };
                return Err(Error::Gazetteer {
                    location: b_at.locate(loc),
                    message: format!(
                        "holders \"{b_id}\" and \"{a_id}\" (at {}) of role \"{role_id}\" \
                         overlap from {day}{hint}",
                        a_at.locate(loc)
                    ),
                });
            }
        }
    }
    pending.role.holders = holders.into_iter().map(|(h, _, _)| h).collect();
    Ok(())
}
