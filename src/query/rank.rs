//! Answers as ranked or grouped lists: actors by a centrality, actors by community. Ties go to
//! the smaller id (node indices are in id order).

use petgraph::graph::NodeIndex;
use serde::Serialize;

use super::{centrality, community::Communities};
use crate::graph::ActorGraph;

/// A centrality to rank actors by.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Centrality {
    /// Number of neighbours.
    Degree,
    /// Sum of edge weights.
    WeightedDegree,
    /// Brandes betweenness (optionally with length 1/weight).
    Betweenness,
    /// PageRank.
    Pagerank,
    /// Eigenvector centrality (optionally weighted).
    Eigenvector,
}

impl Centrality {
    /// True when scores are counts (printed as integers).
    pub fn is_count(self) -> bool {
        matches!(self, Centrality::Degree | Centrality::WeightedDegree)
    }
}

/// One ranked actor.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Ranked<'a> {
    /// 1-based rank.
    pub rank: usize,
    /// Actor id.
    pub id: &'a str,
    /// Display name.
    pub label: &'a str,
    /// Actor type.
    #[serde(rename = "type")]
    pub kind: &'a str,
    /// The centrality score.
    pub score: f64,
}

/// The `limit` most central actors by `by`, highest first (ties by id).
pub fn top(graph: &ActorGraph, by: Centrality, limit: usize, weighted: bool) -> Vec<Ranked<'_>> {
    let scores = match by {
        Centrality::Degree => centrality::degree(graph),
        Centrality::WeightedDegree => centrality::weighted_degree(graph),
        Centrality::Betweenness => centrality::betweenness(graph, weighted),
        Centrality::Pagerank => centrality::pagerank(graph),
        Centrality::Eigenvector => centrality::eigenvector(graph, weighted),
    };
    let mut ranked: Vec<(usize, f64)> = scores.into_iter().enumerate().collect();
    ranked.sort_by(|x, y| y.1.total_cmp(&x.1).then(x.0.cmp(&y.0)));
    ranked.truncate(limit);
    ranked
        .iter()
        .enumerate()
        .map(|(i, &(ix, score))| {
            let n = &graph.graph[NodeIndex::new(ix)];
            Ranked {
                rank: i + 1,
                id: &n.id,
                label: &n.label,
                kind: &n.kind,
                score,
            }
        })
        .collect()
}

/// The member ids of each community, communities in number order, members in id order.
pub fn groups<'a>(graph: &'a ActorGraph, c: &Communities) -> Vec<Vec<&'a str>> {
    let mut groups: Vec<Vec<&str>> = vec![Vec::new(); c.count];
    for (i, &m) in c.membership.iter().enumerate() {
        groups[m as usize].push(&graph.graph[NodeIndex::new(i)].id);
    }
    groups
}
