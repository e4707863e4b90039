//! Questions asked of a finished network: who is linked to whom, through what, and who is
//! central. Every answer is deterministic: ties are broken by actor id.
//!
//! - [`Resolver`] turns what a user types ("sudani", "Al-Sudani", "PMF") into a node;
//! - [`neighbors`] and [`evidence`] here; [`path`], [`centrality`], [`community`],
//!   [`rank`] (ranked and grouped answers) and [`stats`] in their own modules. Formulas are in `docs/queries.md`.

pub mod centrality;
pub mod community;
pub mod names;
pub mod path;
pub mod rank;
pub mod relations;
pub mod stats;

use std::collections::HashMap;

use chrono::NaiveDate;
use petgraph::graph::NodeIndex;
use petgraph::visit::EdgeRef;
use serde::Serialize;

use crate::error::{Error, Result};
use crate::gazetteer::Gazetteer;
use crate::graph::{ActorGraph, Evidence};
use crate::normalize::normalize;

/// Finds actors by id, label or alias, in any case and spelling of dashes and apostrophes.
pub struct Resolver<'a> {
    graph: &'a ActorGraph,
    /// normalised name -> (priority: 0 id, 1 label, 2 alias; node)
    names: HashMap<String, (u8, NodeIndex)>,
    /// Gazetteer actors absent from the graph: normalised name -> (id, label).
    absent: HashMap<String, (String, String)>,
    /// Actors of the graph that the gazetteer does not have, when some are: the graph was
    /// built with another gazetteer (a saved graph queried without its `-g`).
    foreign: usize,
}

impl<'a> Resolver<'a> {
    /// A resolver for `graph`, knowing the aliases of `gazetteer` (if any).
    pub fn new(graph: &'a ActorGraph, gazetteer: Option<&Gazetteer>) -> Resolver<'a> {
        let mut names: HashMap<String, (u8, NodeIndex)> = HashMap::new();
        let mut add = |name: &str, prio: u8, ix: NodeIndex| {
            let e = names.entry(normalize(name)).or_insert((prio, ix));
            if (prio, ix) < *e {
                *e = (prio, ix);
            }
        };
        let mut by_id = HashMap::new();
        for ix in graph.graph.node_indices() {
            let n = &graph.graph[ix];
            add(&n.id, 0, ix);
            add(&n.label, 1, ix);
            by_id.insert(n.id.as_str(), ix);
        }
        let mut absent = HashMap::new();
        // A graph of codes (`--group-by code`) has no gazetteer actors to miss.
        let foreign = gazetteer.map_or(0, |g| {
            graph
                .nodes()
                .filter(|n| n.kind != "code" && g.by_id(&n.id).is_none())
                .count()
        });
        if let Some(g) = gazetteer {
            for a in g.actors() {
                match by_id.get(a.id.as_str()) {
                    Some(&ix) => {
                        for alias in &a.aliases {
                            add(&alias.text, 2, ix);
                        }
                    }
                    None if foreign > 0 => {}
                    None => {
                        let names = std::iter::once(&a.id)
                            .chain(std::iter::once(&a.label))
                            .chain(a.aliases.iter().map(|x| &x.text));
                        for name in names {
                            absent.insert(normalize(name), (a.id.clone(), a.label.clone()));
                        }
                    }
                }
            }
        }
        Resolver {
            graph,
            names,
            absent,
            foreign,
        }
    }

    /// The node named `name`, or an error that says what is close.
    pub fn resolve(&self, name: &str) -> Result<NodeIndex> {
        let key = normalize(name.trim());
        if let Some(&(_, ix)) = self.names.get(&key) {
            return Ok(ix);
        }
        if let Some((id, label)) = self.absent.get(&key) {
            return Err(Error::Usage(format!(
                "actor \"{name}\" ({id}, {label}) is in the gazetteer but not in the graph: it is \
                 never mentioned, or was filtered out"
            )));
        }
        let mut scored: Vec<(f64, NodeIndex)> = self
            .names
            .iter()
            .map(|(n, &(_, ix))| (strsim::jaro_winkler(&key, n), ix))
            .filter(|&(s, _)| s >= 0.75)
            .collect();
        scored.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
        let mut seen = Vec::new();
        for (_, ix) in scored {
            if !seen.contains(&ix) && seen.len() < 3 {
                seen.push(ix);
            }
        }
        let hint = if seen.is_empty() {
            "; list the actors with `actorgraph query ... top --by degree`".to_owned()
        } else {
            let s: Vec<String> = seen
                .iter()
                .map(|&ix| {
                    let n = &self.graph.graph[ix];
                    format!("{} ({})", n.id, n.label)
                })
                .collect();
            format!("; did you mean {}?", s.join(", "))
        };
        let foreign = if self.foreign > 0 {
            format!(
                " ({} of the graph's {} actors are not in the gazetteer: it was built with \
                 another one; give that one with -g FILE to name actors by their aliases)",
                self.foreign,
                self.graph.graph.node_count()
            )
        } else {
            String::new()
        };
        Err(Error::Usage(format!(
            "unknown actor \"{name}\"{hint}{foreign}"
        )))
    }
}

/// One neighbour of an actor.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Neighbor {
    /// Neighbour id.
    pub id: String,
    /// Neighbour label.
    pub label: String,
    /// Neighbour type.
    #[serde(rename = "type")]
    pub kind: String,
    /// Shared units.
    pub weight: u64,
    /// Shared documents.
    pub documents: u64,
    /// NPMI of the link.
    pub npmi: f64,
    /// Jaccard index of the link.
    pub jaccard: f64,
    /// Earliest date of the link.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub first_date: Option<NaiveDate>,
    /// Latest date of the link.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub last_date: Option<NaiveDate>,
    /// Supporting evidence (as stored in the graph).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub evidence: Vec<Evidence>,
}

/// Every actor linked to `node` with at least `min_weight`, heaviest first (ties by id).
pub fn neighbors(
    graph: &ActorGraph,
    node: NodeIndex,
    min_weight: u64,
    with_evidence: bool,
) -> Vec<Neighbor> {
    let mut out: Vec<Neighbor> = graph
        .graph
        .edges(node)
        .filter(|e| e.weight().is_co_mention() && e.weight().weight >= min_weight)
        .map(|e| {
            let other = if e.source() == node {
                e.target()
            } else {
                e.source()
            };
            let n = &graph.graph[other];
            let w = e.weight();
            Neighbor {
                id: n.id.clone(),
                label: n.label.clone(),
                kind: n.kind.clone(),
                weight: w.weight,
                documents: w.documents,
                npmi: w.npmi,
                jaccard: w.jaccard,
                first_date: w.first_date,
                last_date: w.last_date,
                evidence: if with_evidence {
                    w.evidence.clone()
                } else {
                    Vec::new()
                },
            }
        })
        .collect();
    out.sort_by(|a, b| b.weight.cmp(&a.weight).then_with(|| a.id.cmp(&b.id)));
    out
}

/// Every stored sentence in which `a` and `b` co-occur, smallest (document id, sentence)
/// first.
pub fn evidence(graph: &ActorGraph, a: NodeIndex, b: NodeIndex) -> Option<&[Evidence]> {
    graph
        .graph
        .edges_connecting(a, b)
        .find(|e| e.weight().is_co_mention())
        .map(|e| e.weight().evidence.as_slice())
}
