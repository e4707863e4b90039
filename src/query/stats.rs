//! A summary of the corpus and the network.

use std::collections::BTreeMap;

use petgraph::unionfind::UnionFind;
use serde::Serialize;

use crate::graph::ActorGraph;

/// Corpus and network figures.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Stats {
    /// Documents counted.
    pub documents: u64,
    /// Sentences in them.
    pub sentences: u64,
    /// Mentions tagged.
    pub mentions: u64,
    /// Role mentions left unresolved (no date, no holder that day, or a former or future
    /// holder), by role id; omitted
    /// when there are none.
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    pub unresolved_roles: BTreeMap<String, u64>,
    /// Actors in the graph.
    pub actors: usize,
    /// Links in the graph: pairs of actors, however many kinds of edge join them.
    pub edges: usize,
    /// Typed relation edges (`--edges relations|both`); omitted when there are none.
    #[serde(skip_serializing_if = "is_zero")]
    pub relations: usize,
    /// 2·edges / (actors·(actors − 1)).
    pub density: f64,
    /// Connected components (an isolated actor is one).
    pub components: usize,
    /// Actors in the largest component.
    pub largest_component: usize,
    /// The most mentioned actors: (id, label, mentions).
    pub top_actors: Vec<(String, String, u64)>,
    /// The heaviest links: (source, target, weight), weighted as for centralities (the
    /// co-mention weight, or the typed relations' sum without co-mention edges).
    pub top_pairs: Vec<(String, String, u64)>,
}

/// Computes the summary, listing `top` actors and pairs.
pub fn stats(graph: &ActorGraph, top: usize) -> Stats {
    let g = &graph.graph;
    let n = g.node_count();
    let links = super::centrality::links(graph);
    let mut uf = UnionFind::new(n);
    for &(a, b, _) in &links {
        uf.union(a, b);
    }
    let mut sizes = vec![0usize; n];
    for i in 0..n {
        sizes[uf.find(i)] += 1;
    }
    let mut actors: Vec<(String, String, u64)> = g
        .node_weights()
        .map(|a| (a.id.clone(), a.label.clone(), a.mentions))
        .collect();
    actors.sort_by(|a, b| b.2.cmp(&a.2).then_with(|| a.0.cmp(&b.0)));
    actors.truncate(top);
    let id = |i: usize| g[petgraph::graph::NodeIndex::new(i)].id.clone();
    let mut pairs: Vec<(String, String, u64)> =
        links.iter().map(|&(a, b, w)| (id(a), id(b), w)).collect();
    pairs.sort_by(|a, b| b.2.cmp(&a.2).then_with(|| (&a.0, &a.1).cmp(&(&b.0, &b.1))));
    pairs.truncate(top);
    Stats {
        documents: graph.corpus.documents,
        sentences: graph.corpus.sentences,
        mentions: graph.corpus.mentions,
        unresolved_roles: graph.corpus.unresolved_roles.clone(),
        actors: n,
        edges: links.len(),
        relations: g.edge_weights().filter(|e| !e.is_co_mention()).count(),
        density: if n > 1 {
            2.0 * links.len() as f64 / (n * (n - 1)) as f64
        } else {
            0.0
        },
        components: sizes.iter().filter(|&&s| s > 0).count(),
        largest_component: sizes.iter().copied().max().unwrap_or(0),
        top_actors: actors,
        top_pairs: pairs,
    }
}

fn is_zero(n: &usize) -> bool {
    *n == 0
}
