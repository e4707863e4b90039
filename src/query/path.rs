//! How two actors connect: the shortest chain by hops, and the strongest chain, where a hop
//! costs 1/weight so that heavy links are cheap.

use std::collections::VecDeque;

use petgraph::graph::NodeIndex;
use serde::Serialize;

use crate::graph::{ActorGraph, Edge, Evidence};

/// One hop of a chain.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Hop {
    /// From this actor id...
    pub from: String,
    /// ... to this one.
    pub to: String,
    /// Weight of the link.
    pub weight: u64,
    /// The first stored evidence of the link.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub evidence: Option<Evidence>,
}

/// A chain of actors.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Chain {
    /// Actor ids from start to end.
    pub actors: Vec<String>,
    /// Hops, one fewer than actors.
    pub hops: Vec<Hop>,
    /// Sum of 1/weight over the hops.
    pub cost: f64,
}

/// The heaviest link between `a` and `b` (typed graphs may hold several): the highest weight,
/// ties by kind.
fn heaviest(graph: &ActorGraph, a: NodeIndex, b: NodeIndex) -> Option<&Edge> {
    graph
        .graph
        .edges_connecting(a, b)
        .map(|e| e.weight())
        .max_by(|x, y| x.weight.cmp(&y.weight).then_with(|| y.kind.cmp(&x.kind)))
}

fn chain(graph: &ActorGraph, nodes: &[NodeIndex]) -> Chain {
    let g = &graph.graph;
    let hops: Vec<Hop> = nodes
        .windows(2)
        .map(|w| {
            let e = heaviest(graph, w[0], w[1]).expect("consecutive nodes are linked");
            Hop {
                from: g[w[0]].id.clone(),
                to: g[w[1]].id.clone(),
                weight: e.weight,
                evidence: e.evidence.first().cloned(),
            }
        })
        .collect();
    Chain {
        actors: nodes.iter().map(|&n| g[n].id.clone()).collect(),
        cost: hops.iter().map(|h| 1.0 / h.weight as f64).sum(),
        hops,
    }
}

/// Hops from every node to `to` (breadth-first), `None` where `to` cannot be reached.
fn hops_to(graph: &ActorGraph, to: NodeIndex) -> Vec<Option<u32>> {
    let g = &graph.graph;
    let mut dist = vec![None; g.node_count()];
    dist[to.index()] = Some(0);
    let mut queue = VecDeque::from([to]);
    while let Some(n) = queue.pop_front() {
        let d = dist[n.index()].expect("queued nodes have a distance");
        for m in g.neighbors(n) {
            if dist[m.index()].is_none() {
                dist[m.index()] = Some(d + 1);
                queue.push_back(m);
            }
        }
    }
    dist
}

/// The shortest chain by number of hops; among equally short ones, the one with the highest
/// total weight; among those, the first by the ids along the chain.
pub fn shortest_hops(graph: &ActorGraph, from: NodeIndex, to: NodeIndex) -> Option<Chain> {
    let g = &graph.graph;
    let dist = hops_to(graph, to);
    let far = dist[from.index()]?;
    // best[n]: (the highest total weight from n to `to` along a shortest chain, the next node),
    // filled layer by layer outwards from `to`.
    let mut best: Vec<Option<(u64, Option<NodeIndex>)>> = vec![None; g.node_count()];
    best[to.index()] = Some((0, None));
    let mut layer = vec![to];
    for d in 1..=far {
        let mut next_layer: Vec<NodeIndex> = Vec::new();
        for &m in &layer {
            next_layer.extend(g.neighbors(m).filter(|n| dist[n.index()] == Some(d)));
        }
        next_layer.sort_unstable();
        next_layer.dedup();
        for &n in &next_layer {
            // Node indices follow id order: the first of equal weights is the smallest id.
            let mut steps: Vec<NodeIndex> = g
                .neighbors(n)
                .filter(|m| dist[m.index()] == Some(d - 1))
                .collect();
            steps.sort_unstable();
            steps.dedup();
            let mut choice: Option<(u64, NodeIndex)> = None;
            for m in steps {
                let w = heaviest(graph, n, m).map_or(0, |e| e.weight);
                let total = w + best[m.index()].expect("inner layer is done").0;
                if choice.is_none_or(|(t, _)| total > t) {
                    choice = Some((total, m));
                }
            }
            best[n.index()] = choice.map(|(t, m)| (t, Some(m)));
        }
        layer = next_layer;
    }
    let mut nodes = vec![from];
    while let Some((_, Some(next))) = best[nodes.last().expect("non-empty").index()] {
        nodes.push(next);
    }
    Some(chain(graph, &nodes))
}

/// The strongest chain: the least total cost, where a hop costs 1/weight.
pub fn strongest(graph: &ActorGraph, from: NodeIndex, to: NodeIndex) -> Option<Chain> {
    let (_, nodes) = petgraph::algo::astar(
        &graph.graph,
        from,
        |n| n == to,
        |e| 1.0 / e.weight().weight as f64,
        |_| 0.0,
    )?;
    Some(chain(graph, &nodes))
}

/// Size of the connected component containing `node`.
pub fn component_size(graph: &ActorGraph, node: NodeIndex) -> usize {
    let mut bfs = petgraph::visit::Bfs::new(&graph.graph, node);
    let mut n = 0;
    while bfs.next(&graph.graph).is_some() {
        n += 1;
    }
    n
}
