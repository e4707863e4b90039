//! Centralities, defined as NetworkX defines them (so that results can be checked against it):
//! see `docs/queries.md` for the formulas. Scores are per node index (id order).

use std::cmp::Ordering;
use std::collections::{BinaryHeap, VecDeque};

use petgraph::visit::EdgeRef;

use crate::graph::ActorGraph;

/// The links of the network: one per pair of actors (node indices, smaller first), in pair
/// order, whatever the edges between them. Its weight is the co-mention edge's when there
/// is one; otherwise (`--edges relations`) the sum of the typed relations' weights. A typed
/// relation is read from a sentence that also makes the co-mention, so with `--edges both`
/// counting both would count that sentence twice, and a pair with three kinds of relation
/// would be three neighbours.
pub(crate) fn links(graph: &ActorGraph) -> Vec<(usize, usize, u64)> {
    // (pair) -> (co-mention weight, typed weights)
    let mut pairs: std::collections::BTreeMap<(usize, usize), (Option<u64>, u64)> =
        std::collections::BTreeMap::new();
    for e in graph.graph.edge_references() {
        let (a, b) = (e.source().index(), e.target().index());
        let slot = pairs.entry((a.min(b), a.max(b))).or_default();
        if e.weight().is_co_mention() {
            slot.0 = Some(e.weight().weight);
        } else {
            slot.1 += e.weight().weight;
        }
    }
    pairs
        .into_iter()
        .map(|((a, b), (co, typed))| (a, b, co.unwrap_or(typed)))
        .collect()
}

/// Neighbour lists with the weights of [`links`], by node index, each sorted by neighbour.
pub(crate) fn adjacency(graph: &ActorGraph) -> Vec<Vec<(usize, f64)>> {
    let mut adj = vec![Vec::new(); graph.graph.node_count()];
    for (a, b, w) in links(graph) {
        adj[a].push((b, w as f64));
        adj[b].push((a, w as f64));
    }
    for list in &mut adj {
        list.sort_by_key(|&(n, _)| n);
    }
    adj
}

/// Number of neighbours.
pub fn degree(graph: &ActorGraph) -> Vec<f64> {
    adjacency(graph).iter().map(|l| l.len() as f64).collect()
}

/// Sum of link weights.
pub fn weighted_degree(graph: &ActorGraph) -> Vec<f64> {
    adjacency(graph)
        .iter()
        .map(|l| l.iter().map(|&(_, w)| w).sum())
        .collect()
}

/// Brandes betweenness, normalised by (n-1)(n-2) like NetworkX. `weighted` measures path
/// length as the sum of 1/weight; otherwise every hop counts 1.
pub fn betweenness(graph: &ActorGraph, weighted: bool) -> Vec<f64> {
    let adj = adjacency(graph);
    let n = adj.len();
    let mut bc = vec![0.0; n];
    for s in 0..n {
        // Single-source shortest paths: order of settling, predecessors, path counts.
        let mut stack = Vec::with_capacity(n);
        let mut pred: Vec<Vec<usize>> = vec![Vec::new(); n];
        let mut sigma = vec![0.0f64; n];
        let mut dist = vec![f64::INFINITY; n];
        sigma[s] = 1.0;
        dist[s] = 0.0;
        if weighted {
            let mut heap = BinaryHeap::new();
            heap.push(Entry(0.0, s, s));
            let mut done = vec![false; n];
            while let Some(Entry(d, p, v)) = heap.pop() {
                if done[v] {
                    continue;
                }
                sigma[v] += if p == v { 0.0 } else { sigma[p] };
                done[v] = true;
                stack.push(v);
                for &(w, wt) in &adj[v] {
                    let vw = d + 1.0 / wt;
                    if !done[w] && vw < dist[w] {
                        dist[w] = vw;
                        heap.push(Entry(vw, v, w));
                        sigma[w] = 0.0;
                        pred[w] = vec![v];
                    } else if vw == dist[w] {
                        sigma[w] += sigma[v];
                        pred[w].push(v);
                    }
                }
            }
        } else {
            let mut queue = VecDeque::from([s]);
            while let Some(v) = queue.pop_front() {
                stack.push(v);
                for &(w, _) in &adj[v] {
                    if dist[w].is_infinite() {
                        dist[w] = dist[v] + 1.0;
                        queue.push_back(w);
                    }
                    if dist[w] == dist[v] + 1.0 {
                        sigma[w] += sigma[v];
                        pred[w].push(v);
                    }
                }
            }
        }
        let mut delta = vec![0.0; n];
        while let Some(w) = stack.pop() {
            for &v in &pred[w] {
                delta[v] += sigma[v] / sigma[w] * (1.0 + delta[w]);
            }
            if w != s {
                bc[w] += delta[w];
            }
        }
    }
    if n > 2 {
        let scale = 1.0 / ((n - 1) * (n - 2)) as f64;
        for x in &mut bc {
            *x *= scale;
        }
    }
    bc
}

/// Heap entry for Dijkstra: (distance, predecessor, node), smallest distance first, then
/// smallest predecessor and node, so that the order is deterministic.
struct Entry(f64, usize, usize);

impl PartialEq for Entry {
    fn eq(&self, other: &Self) -> bool {
        self.cmp(other) == Ordering::Equal
    }
}
impl Eq for Entry {}
impl PartialOrd for Entry {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}
impl Ord for Entry {
    fn cmp(&self, other: &Self) -> Ordering {
        other
            .0
            .total_cmp(&self.0)
            .then_with(|| other.2.cmp(&self.2))
            .then_with(|| other.1.cmp(&self.1))
    }
}

/// PageRank with damping 0.85 over the weighted graph (each undirected link both ways),
/// uniform teleport and dangling redistribution; NetworkX's stopping rule (L1 change below
/// n·1e-6, at most 100 iterations).
pub fn pagerank(graph: &ActorGraph) -> Vec<f64> {
    let adj = adjacency(graph);
    let n = adj.len();
    if n == 0 {
        return Vec::new();
    }
    let alpha = 0.85;
    let out: Vec<f64> = adj
        .iter()
        .map(|l| l.iter().map(|&(_, w)| w).sum())
        .collect();
    let mut x = vec![1.0 / n as f64; n];
    for _ in 0..100 {
        let last = x.clone();
        let dangling: f64 = alpha
            * (0..n)
                .filter(|&i| out[i] == 0.0)
                .map(|i| last[i])
                .sum::<f64>();
        x = vec![0.0; n];
        for v in 0..n {
            for &(w, wt) in &adj[v] {
                x[w] += alpha * last[v] * wt / out[v];
            }
        }
        for xi in &mut x {
            *xi += dangling / n as f64 + (1.0 - alpha) / n as f64;
        }
        let err: f64 = x.iter().zip(&last).map(|(a, b)| (a - b).abs()).sum();
        if err < n as f64 * 1e-6 {
            break;
        }
    }
    x
}

/// Eigenvector centrality by power iteration on A + I, normalised to unit length, like
/// NetworkX (L1 change below n·1e-6, at most 100 iterations). `weighted` uses link weights.
pub fn eigenvector(graph: &ActorGraph, weighted: bool) -> Vec<f64> {
    let adj = adjacency(graph);
    let n = adj.len();
    if n == 0 {
        return Vec::new();
    }
    let mut x = vec![1.0 / n as f64; n];
    for _ in 0..100 {
        let last = x.clone();
        for v in 0..n {
            for &(w, wt) in &adj[v] {
                x[w] += last[v] * if weighted { wt } else { 1.0 };
            }
        }
        let norm = x.iter().map(|v| v * v).sum::<f64>().sqrt();
        let norm = if norm == 0.0 { 1.0 } else { norm };
        for xi in &mut x {
            *xi /= norm;
        }
        let err: f64 = x.iter().zip(&last).map(|(a, b)| (a - b).abs()).sum();
        if err < n as f64 * 1e-6 {
            break;
        }
    }
    x
}
