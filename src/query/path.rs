//! How two actors connect: the shortest chain by hops, and the strongest chain, where a hop
//! costs 1/weight so that heavy links are cheap.

use std::collections::VecDeque;

use petgraph::graph::NodeIndex;
use serde::Serialize;

use crate::graph::{ActorGraph, Evidence};

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

fn chain(graph: &ActorGraph, nodes: &[NodeIndex]) -> Chain {
    let g = &graph.graph;
    let hops: Vec<Hop> = nodes
        .windows(2)
        .map(|w| {
            let e = &g[g
                .find_edge(w[0], w[1])
                .expect("consecutive nodes are linked")];
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

/// The shortest chain by number of hops; among equally short ones, the first in id order.
pub fn shortest_hops(graph: &ActorGraph, from: NodeIndex, to: NodeIndex) -> Option<Chain> {
    let g = &graph.graph;
    let mut prev: Vec<Option<NodeIndex>> = vec![None; g.node_count()];
    let mut seen = vec![false; g.node_count()];
    let mut queue = VecDeque::from([from]);
    seen[from.index()] = true;
    while let Some(n) = queue.pop_front() {
        if n == to {
            break;
        }
        // Node indices follow id order, so sorting them breaks ties by id.
        let mut next: Vec<NodeIndex> = g.neighbors(n).collect();
        next.sort_unstable();
        for m in next {
            if !seen[m.index()] {
                seen[m.index()] = true;
                prev[m.index()] = Some(n);
                queue.push_back(m);
            }
        }
    }
    if !seen[to.index()] {
        return None;
    }
    let mut nodes = vec![to];
    while let Some(p) = prev[nodes.last().expect("non-empty").index()] {
        nodes.push(p);
    }
    nodes.reverse();
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
