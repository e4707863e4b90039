//! Typed relations of one actor: `query relations` (every type, filtered by type and
//! direction) and `query who-met` (the `meet` relations that are facts and not negated).
//!
//! Both read relation edges (built with `--edges relations|both`); a graph with co-mention
//! edges only has none, and [`has_relations`] lets the caller say so instead of answering
//! "nobody".

use petgraph::graph::NodeIndex;
use petgraph::visit::EdgeRef;
use serde::Serialize;

use crate::graph::{ActorGraph, Evidence};

/// Which way a relation goes, seen from the queried actor.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Direction {
    /// From the actor to the other (the actor is the source).
    Out,
    /// From the other to the actor.
    In,
    /// A symmetric type (meet, cooperate) — or, as a filter, either way.
    Both,
}

/// One typed relation between the queried actor and another.
#[derive(Debug, Clone, Serialize)]
pub struct RelationRow {
    /// The relation type (`meet`, `attack`, ...).
    pub relation: String,
    /// `out`, `in`, or `both` for symmetric types.
    pub direction: Direction,
    /// The other actor's id.
    pub id: String,
    /// The other actor's label.
    pub label: String,
    /// Relation instances.
    pub weight: u64,
    /// Instances that were negated.
    pub negated: u64,
    /// Instances that were planned.
    pub planned: u64,
    /// Instances that are neither negated nor planned (at least; an instance both negated
    /// and planned is subtracted twice).
    pub facts: u64,
    /// Documents with an instance.
    pub documents: u64,
    /// The most frequent role noun (affiliations).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub role: Option<String>,
    /// Supporting sentences with the cue span, smallest (document, sentence) first.
    pub evidence: Vec<Evidence>,
}

/// True when the graph has any typed relation edge.
pub fn has_relations(graph: &ActorGraph) -> bool {
    graph.graph.edge_weights().any(|e| !e.is_co_mention())
}

/// The typed relations of `node`, of type `kind` (any when `None`) and going `direction`
/// (`Both`: either way), heaviest first, then by type, other actor's id and direction.
pub fn relations(
    graph: &ActorGraph,
    node: NodeIndex,
    kind: Option<&str>,
    direction: Direction,
) -> Vec<RelationRow> {
    let g = &graph.graph;
    let mut out: Vec<RelationRow> = g
        .edges(node)
        .filter(|e| !e.weight().is_co_mention() && kind.is_none_or(|k| e.weight().kind == k))
        .filter_map(|e| {
            let w = e.weight();
            let outgoing = g[e.source()].id == g[node].id;
            let other = if outgoing { e.target() } else { e.source() };
            let dir = match (w.directed, outgoing) {
                (false, _) => Direction::Both,
                (true, true) => Direction::Out,
                (true, false) => Direction::In,
            };
            if direction != Direction::Both && dir != Direction::Both && dir != direction {
                return None;
            }
            Some(RelationRow {
                relation: w.kind.clone(),
                direction: dir,
                id: g[other].id.clone(),
                label: g[other].label.clone(),
                weight: w.weight,
                negated: w.negated,
                planned: w.planned,
                facts: w.weight.saturating_sub(w.negated + w.planned),
                documents: w.documents,
                role: w.role.clone(),
                evidence: w.evidence.clone(),
            })
        })
        .collect();
    out.sort_by(|a, b| {
        b.weight
            .cmp(&a.weight)
            .then_with(|| a.relation.cmp(&b.relation))
            .then_with(|| a.id.cmp(&b.id))
            .then_with(|| (a.direction as u8).cmp(&(b.direction as u8)))
    });
    out
}

/// Whom `node` met: its `meet` relations with at least one instance that is a fact and not
/// negated ("met", "held talks with"; not "will meet", not "did not meet"), most facts first.
pub fn who_met(graph: &ActorGraph, node: NodeIndex) -> Vec<RelationRow> {
    let mut rows: Vec<RelationRow> = relations(graph, node, Some("meet"), Direction::Both)
        .into_iter()
        .filter(|r| r.facts > 0)
        .collect();
    rows.sort_by(|a, b| b.facts.cmp(&a.facts).then_with(|| a.id.cmp(&b.id)));
    rows
}
