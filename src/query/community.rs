//! Modularity communities by the Louvain method, seeded and deterministic.
//!
//! Nodes are visited in an order shuffled by a seeded generator; a node moves to the
//! neighbouring community with the largest modularity gain (ties: the smallest community
//! number); levels aggregate communities until nothing moves. Communities are then numbered
//! by size, largest first, ties by their first actor id.

use serde::Serialize;

use crate::graph::ActorGraph;

/// A partition of the nodes.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Communities {
    /// Community of each node, by node index (id order).
    pub membership: Vec<u32>,
    /// Number of communities.
    pub count: usize,
    /// Modularity of the partition (weighted, resolution as given).
    pub modularity: f64,
}

/// Louvain communities of the weighted graph.
pub fn louvain(graph: &ActorGraph, seed: u64, resolution: f64) -> Communities {
    let n = graph.graph.node_count();
    let mut adj = super::centrality::adjacency(graph);
    let mut loops = vec![0.0; n];
    // membership[i] = community of original node i at the current level.
    let mut membership: Vec<usize> = (0..n).collect();
    let mut rng = fastrand::Rng::with_seed(seed);
    loop {
        let (comm, moved) = one_level(&adj, &loops, resolution, &mut rng);
        if !moved {
            break;
        }
        // Renumber the communities 0..k in order of first appearance.
        let mut renum = vec![usize::MAX; comm.len()];
        let mut k = 0;
        for &c in &comm {
            if renum[c] == usize::MAX {
                renum[c] = k;
                k += 1;
            }
        }
        for m in &mut membership {
            *m = renum[comm[*m]];
        }
        // Aggregate: one node per community, internal weight as a self-loop.
        let mut new_adj: Vec<std::collections::BTreeMap<usize, f64>> = vec![Default::default(); k];
        let mut new_loops = vec![0.0; k];
        for (v, list) in adj.iter().enumerate() {
            let cv = renum[comm[v]];
            new_loops[cv] += loops[v];
            for &(w, wt) in list {
                let cw = renum[comm[w]];
                if cv == cw {
                    // Each internal edge is seen from both ends.
                    new_loops[cv] += wt / 2.0;
                } else {
                    *new_adj[cv].entry(cw).or_default() += wt;
                }
            }
        }
        adj = new_adj
            .into_iter()
            .map(|m| m.into_iter().collect())
            .collect();
        loops = new_loops;
    }
    finish(graph, &membership, resolution)
}

/// One level of local moves. Returns each node's community and whether anything moved.
fn one_level(
    adj: &[Vec<(usize, f64)>],
    loops: &[f64],
    resolution: f64,
    rng: &mut fastrand::Rng,
) -> (Vec<usize>, bool) {
    let n = adj.len();
    let k: Vec<f64> = (0..n)
        .map(|i| adj[i].iter().map(|&(_, w)| w).sum::<f64>() + 2.0 * loops[i])
        .collect();
    let m2: f64 = k.iter().sum();
    let mut comm: Vec<usize> = (0..n).collect();
    if m2 == 0.0 {
        return (comm, false);
    }
    let mut tot = k.clone();
    let mut order: Vec<usize> = (0..n).collect();
    rng.shuffle(&mut order);
    let mut links = vec![0.0; n];
    let mut touched: Vec<usize> = Vec::new();
    let mut moved_any = false;
    loop {
        let mut moved = false;
        for &i in &order {
            let old = comm[i];
            for &(j, w) in &adj[i] {
                let c = comm[j];
                if links[c] == 0.0 {
                    touched.push(c);
                }
                links[c] += w;
            }
            tot[old] -= k[i];
            let gain = |c: usize, links: &[f64]| links[c] - resolution * tot[c] * k[i] / m2;
            let mut best = old;
            let mut best_gain = gain(old, &links);
            touched.sort_unstable();
            // Ascending community numbers and a strict improvement: ties keep the node where
            // it is, else go to the smallest number.
            for &c in &touched {
                let g = gain(c, &links);
                if g > best_gain + 1e-12 {
                    best = c;
                    best_gain = g;
                }
            }
            tot[best] += k[i];
            comm[i] = best;
            if best != old {
                moved = true;
                moved_any = true;
            }
            for &c in &touched {
                links[c] = 0.0;
            }
            touched.clear();
        }
        if !moved {
            break;
        }
    }
    (comm, moved_any)
}

fn finish(graph: &ActorGraph, membership: &[usize], resolution: f64) -> Communities {
    let n = membership.len();
    let k = membership.iter().copied().max().map_or(0, |m| m + 1);
    // Number by size (largest first), ties by first node index (= id order).
    let mut info: Vec<(usize, usize, usize)> = (0..k).map(|c| (0, usize::MAX, c)).collect();
    for (i, &c) in membership.iter().enumerate() {
        info[c].0 += 1;
        info[c].1 = info[c].1.min(i);
    }
    info.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
    let mut renum = vec![0u32; k];
    for (new, &(_, _, old)) in info.iter().enumerate() {
        renum[old] = new as u32;
    }
    let membership: Vec<u32> = membership.iter().map(|&c| renum[c]).collect();
    Communities {
        modularity: modularity(graph, &membership, resolution),
        count: if n == 0 { 0 } else { k },
        membership,
    }
}

/// Weighted modularity of a partition: Σ_c [ L_c / m − γ (d_c / 2m)² ].
pub fn modularity(graph: &ActorGraph, membership: &[u32], resolution: f64) -> f64 {
    let k = membership
        .iter()
        .copied()
        .max()
        .map_or(0, |m| m as usize + 1);
    let mut internal = vec![0.0; k];
    let mut degree = vec![0.0; k];
    let mut m = 0.0;
    for (a, b, w) in super::centrality::links(graph) {
        let w = w as f64;
        m += w;
        degree[membership[a] as usize] += w;
        degree[membership[b] as usize] += w;
        if membership[a] == membership[b] {
            internal[membership[a] as usize] += w;
        }
    }
    if m == 0.0 {
        return 0.0;
    }
    (0..k)
        .map(|c| internal[c] / m - resolution * (degree[c] / (2.0 * m)).powi(2))
        .sum()
}

/// Computes Louvain communities and stores each node's number in `Node::community`, so that
/// every exporter writes it.
pub fn assign(graph: &mut ActorGraph, seed: u64, resolution: f64) -> Communities {
    let c = louvain(graph, seed, resolution);
    for (ix, &m) in graph.graph.node_indices().zip(&c.membership) {
        graph.graph[ix].community = Some(m);
    }
    c
}
