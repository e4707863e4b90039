//! Node positions for the HTML page, computed before the page is written so it is usable at
//! once: a deterministic Fruchterman–Reingold force layout in plain Rust (no Graphviz needed,
//! no crate: the maintained Rust layout crates pull in a renderer or a GPU stack).
//!
//! Start: a sunflower spiral in node order (nodes are sorted by id, so the same graph gives
//! the same start). Each step: springs along edges, repulsion between nodes closer than
//! `2k` (found through a grid of `2k` cells, so a step is linear in nodes and edges), a weak
//! pull to the centre that keeps components together, moves capped by a cooling temperature.
//! No randomness and no threads, so the same graph gives the same bytes.

use rustc_hash::FxHashMap;

use crate::graph::ActorGraph;

/// Ideal edge length in output units (CSS pixels at zoom 1).
pub const EDGE_LENGTH: f64 = 60.0;

/// Graphs up to this many nodes get exact all-pairs repulsion; larger ones the grid.
pub const EXACT_UP_TO: usize = 500;

/// Positions `[x, y]` of the nodes of `graph`, by node index.
pub fn force(graph: &ActorGraph) -> Vec<[f64; 2]> {
    let n = graph.graph.node_count();
    let edges: Vec<(usize, usize)> = graph
        .graph
        .edge_indices()
        .map(|e| {
            let (a, b) = graph.graph.edge_endpoints(e).expect("edge exists");
            (a.index(), b.index())
        })
        .collect();
    force_layout(n, &edges)
}

/// The layout of `n` nodes joined by `edges` (index pairs), in units of [`EDGE_LENGTH`]: each
/// connected component laid out alone, then the components packed in rows, largest first
/// (so an isolated actor sits beside the network, not at the far end of a repulsion).
pub fn force_layout(n: usize, edges: &[(usize, usize)]) -> Vec<[f64; 2]> {
    // Components by union-find; numbered by their smallest node.
    let mut parent: Vec<usize> = (0..n).collect();
    fn root(parent: &mut [usize], mut x: usize) -> usize {
        while parent[x] != x {
            parent[x] = parent[parent[x]];
            x = parent[x];
        }
        x
    }
    for &(a, b) in edges {
        let (ra, rb) = (root(&mut parent, a), root(&mut parent, b));
        parent[ra.max(rb)] = ra.min(rb);
    }
    let mut members: std::collections::BTreeMap<usize, Vec<usize>> = Default::default();
    for i in 0..n {
        let r = root(&mut parent, i);
        members.entry(r).or_default().push(i);
    }
    let mut local = vec![0usize; n];
    let mut comp_edges: std::collections::BTreeMap<usize, Vec<(usize, usize)>> = Default::default();
    for list in members.values() {
        for (k, &i) in list.iter().enumerate() {
            local[i] = k;
        }
    }
    for &(a, b) in edges {
        let r = root(&mut parent, a);
        comp_edges.entry(r).or_default().push((local[a], local[b]));
    }
    let mut comps: Vec<(Vec<usize>, Vec<[f64; 2]>)> = members
        .into_iter()
        .map(|(r, list)| {
            let pos = component(list.len(), comp_edges.get(&r).map_or(&[][..], |e| e));
            (list, pos)
        })
        .collect();
    comps.sort_by_key(|c| std::cmp::Reverse(c.0.len()));
    // Shelf packing: rows no wider than the largest component (or the square root of the
    // total area), one unit of gap.
    let bbox = |pos: &[[f64; 2]]| {
        pos.iter()
            .fold([f64::MAX, f64::MAX, f64::MIN, f64::MIN], |b, p| {
                [
                    b[0].min(p[0]),
                    b[1].min(p[1]),
                    b[2].max(p[0]),
                    b[3].max(p[1]),
                ]
            })
    };
    let boxes: Vec<[f64; 4]> = comps.iter().map(|c| bbox(&c.1)).collect();
    let area: f64 = boxes
        .iter()
        .map(|b| (b[2] - b[0] + 1.0) * (b[3] - b[1] + 1.0))
        .sum();
    let row_width = (boxes.first().map_or(0.0, |b| b[2] - b[0])).max(area.sqrt());
    let mut out = vec![[0.0; 2]; n];
    let (mut x, mut y, mut row_height) = (0.0f64, 0.0f64, 0.0f64);
    for ((list, pos), b) in comps.iter().zip(&boxes) {
        let (w, h) = (b[2] - b[0], b[3] - b[1]);
        if x > 0.0 && x + w > row_width {
            x = 0.0;
            y += row_height + 1.0;
            row_height = 0.0;
        }
        for (&i, p) in list.iter().zip(pos) {
            out[i] = [p[0] - b[0] + x, p[1] - b[1] + y];
        }
        x += w + 1.0;
        row_height = row_height.max(h);
    }
    out
}

/// The force layout of one connected component.
fn component(n: usize, edges: &[(usize, usize)]) -> Vec<[f64; 2]> {
    const K: f64 = 1.0;
    let golden = std::f64::consts::PI * (3.0 - 5f64.sqrt());
    let mut pos: Vec<[f64; 2]> = (0..n)
        .map(|i| {
            let r = (i as f64 + 0.5).sqrt() * K;
            let a = i as f64 * golden;
            [r * a.cos(), r * a.sin()]
        })
        .collect();
    if n < 2 {
        return pos.into_iter().map(|_| [0.0, 0.0]).collect();
    }
    let iterations = if n <= 1000 { 300 } else { 120 };
    let mut temperature = (n as f64).sqrt() * K * 0.5;
    let cooling = (0.01f64 / temperature).powf(1.0 / iterations as f64);
    let cell = 2.0 * K;
    // Up to this many nodes every pair repels (exact); above, only pairs closer than `cell`.
    let exact = n <= EXACT_UP_TO;
    let mut disp = vec![[0.0f64; 2]; n];
    let mut grid: FxHashMap<(i64, i64), Vec<usize>> = FxHashMap::default();
    for _ in 0..iterations {
        grid.clear();
        for (i, p) in pos.iter().enumerate() {
            let key = ((p[0] / cell).floor() as i64, (p[1] / cell).floor() as i64);
            grid.entry(key).or_default().push(i);
        }
        for (i, d) in disp.iter_mut().enumerate() {
            let p = pos[i];
            let (cx, cy) = ((p[0] / cell).floor() as i64, (p[1] / cell).floor() as i64);
            // Gravity: a weak pull to the centre.
            *d = [-0.02 * p[0], -0.02 * p[1]];
            if exact {
                for (j, q) in pos.iter().enumerate() {
                    if j != i {
                        repulse(d, p, *q, i, j);
                    }
                }
                continue;
            }
            for gx in cx - 1..=cx + 1 {
                for gy in cy - 1..=cy + 1 {
                    let Some(others) = grid.get(&(gx, gy)) else {
                        continue;
                    };
                    for &j in others {
                        if j != i && dist2(p, pos[j]) <= cell * cell {
                            repulse(d, p, pos[j], i, j);
                        }
                    }
                }
            }
        }
        for &(a, b) in edges {
            if a == b {
                continue;
            }
            let (dx, dy) = (pos[a][0] - pos[b][0], pos[a][1] - pos[b][1]);
            let dist = (dx * dx + dy * dy).sqrt();
            let f = dist / K;
            disp[a][0] -= dx * f;
            disp[a][1] -= dy * f;
            disp[b][0] += dx * f;
            disp[b][1] += dy * f;
        }
        for (p, d) in pos.iter_mut().zip(&disp) {
            let len = (d[0] * d[0] + d[1] * d[1]).sqrt();
            if len > 0.0 {
                let step = len.min(temperature) / len;
                p[0] += d[0] * step;
                p[1] += d[1] * step;
            }
        }
        temperature *= cooling;
    }
    pos
}

fn dist2(a: [f64; 2], b: [f64; 2]) -> f64 {
    (a[0] - b[0]).powi(2) + (a[1] - b[1]).powi(2)
}

/// Adds to `d` the repulsion of `q` on `p` (nodes `i` and `j`): `k²/distance`, along a
/// direction fixed by the pair when they coincide.
fn repulse(d: &mut [f64; 2], p: [f64; 2], q: [f64; 2], i: usize, j: usize) {
    let (dx, dy) = (p[0] - q[0], p[1] - q[1]);
    let d2 = dx * dx + dy * dy;
    if d2 < 1e-9 {
        let a = (i * 31 + j * 17) as f64;
        d[0] += 0.1 * a.cos();
        d[1] += 0.1 * a.sin();
        return;
    }
    d[0] += dx / d2;
    d[1] += dy / d2;
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dist(a: [f64; 2], b: [f64; 2]) -> f64 {
        ((a[0] - b[0]).powi(2) + (a[1] - b[1]).powi(2)).sqrt()
    }

    #[test]
    fn same_input_same_positions() {
        let edges = [(0, 1), (1, 2), (2, 0), (3, 4)];
        assert_eq!(force_layout(6, &edges), force_layout(6, &edges));
    }

    #[test]
    fn linked_nodes_end_closer_than_unlinked_ones() {
        // Two triangles joined by one edge: within-triangle distances are shorter than the
        // distance between the far corners.
        let edges = [(0, 1), (1, 2), (2, 0), (3, 4), (4, 5), (5, 3), (2, 3)];
        let p = force_layout(6, &edges);
        for (a, b) in [(0, 1), (1, 2), (3, 4), (4, 5)] {
            assert!(dist(p[a], p[b]) < dist(p[0], p[5]), "{a}-{b}");
        }
        // Nothing collapses onto one point.
        for i in 0..6 {
            for j in i + 1..6 {
                assert!(dist(p[i], p[j]) > 0.2, "{i} and {j} coincide");
            }
        }
    }

    #[test]
    fn tiny_graphs() {
        assert!(force_layout(0, &[]).is_empty());
        assert_eq!(force_layout(1, &[]), vec![[0.0, 0.0]]);
    }
}
