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

    /// (name, nodes, edges)
    type Case<'a> = (&'a str, usize, Vec<(usize, usize)>);

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

    /// The net force on each node of `pos` (one component, before packing), computed here
    /// from the model the module documents: gravity `-0.02·p`, repulsion `k²/d` from every
    /// other node (only from nodes closer than `2k` when `cutoff`), attraction `d²/k` along
    /// each edge (`k = 1`).
    fn net_forces(pos: &[[f64; 2]], edges: &[(usize, usize)], cutoff: bool) -> Vec<f64> {
        let n = pos.len();
        let mut f: Vec<[f64; 2]> = pos.iter().map(|p| [-0.02 * p[0], -0.02 * p[1]]).collect();
        for i in 0..n {
            for j in 0..n {
                let d = dist(pos[i], pos[j]);
                if i == j || (cutoff && d > 2.0) {
                    continue;
                }
                for c in 0..2 {
                    f[i][c] += (pos[i][c] - pos[j][c]) / (d * d);
                }
            }
        }
        for &(a, b) in edges {
            let d = dist(pos[a], pos[b]);
            for c in 0..2 {
                let pull = (pos[a][c] - pos[b][c]) * d;
                f[a][c] -= pull;
                f[b][c] += pull;
            }
        }
        f.iter().map(|v| v[0].hypot(v[1])).collect()
    }

    /// Small shapes end near rest (the cooling stops the last moves at 0.01, so a node may be
    /// left swinging about its place: a net force under 0.25, against forces of about 1 along
    /// each link), in the shape the forces give: two linked nodes one unit apart, a square, a
    /// star with equal spokes.
    #[test]
    fn small_components_come_to_rest_in_their_shape() {
        let k4: Vec<(usize, usize)> = vec![(0, 1), (0, 2), (0, 3), (1, 2), (1, 3), (2, 3)];
        // (name, nodes, edges)
        let cases: Vec<Case> = vec![
            ("pair", 2, vec![(0, 1)]),
            ("path of 3", 3, vec![(0, 1), (1, 2)]),
            ("triangle", 3, vec![(0, 1), (1, 2), (2, 0)]),
            ("square", 4, vec![(0, 1), (1, 2), (2, 3), (3, 0)]),
            ("star", 5, vec![(0, 1), (0, 2), (0, 3), (0, 4)]),
            ("K4", 4, k4),
            (
                "two triangles",
                6,
                vec![(0, 1), (1, 2), (2, 0), (3, 4), (4, 5), (5, 3), (2, 3)],
            ),
            ("path of 6", 6, vec![(0, 1), (1, 2), (2, 3), (3, 4), (4, 5)]),
        ];
        for (name, n, edges) in &cases {
            let p = component(*n, edges);
            let worst = net_forces(&p, edges, false).into_iter().fold(0.0, f64::max);
            assert!(
                worst < 0.25,
                "{name}: a net force of {worst} is left: {p:?}"
            );
        }
        // The pair rests where attraction d² balances repulsion 1/d and gravity 0.01·d.
        let p = component(2, &[(0, 1)]);
        assert!((dist(p[0], p[1]) - 0.9967).abs() < 0.03, "{p:?}");
        // The square: four equal sides, two equal diagonals √2 times as long.
        let p = component(4, &cases[3].2);
        let side = dist(p[0], p[1]);
        for (a, b) in [(1, 2), (2, 3), (3, 0)] {
            assert!((dist(p[a], p[b]) - side).abs() < 0.03, "{p:?}");
        }
        for (a, b) in [(0, 2), (1, 3)] {
            assert!(
                (dist(p[a], p[b]) / side - 2f64.sqrt()).abs() < 0.03,
                "{p:?}"
            );
        }
        // The star: equal spokes.
        let p = component(5, &cases[4].2);
        let spoke = dist(p[0], p[1]);
        for leaf in 2..5 {
            assert!((dist(p[0], p[leaf]) - spoke).abs() < 0.03, "{p:?}");
        }
    }

    /// Above `EXACT_UP_TO` nodes repulsion comes only from nodes closer than 2k, found through
    /// the grid: a lattice of 24×24 nodes ends with nodes apart, links stretched a little by the
    /// diagonal neighbours' repulsion, and the typical net force small against the same
    /// cut-off model computed here (measured: median 0.37, links 1.35).
    #[test]
    fn large_components_use_the_grid_and_still_come_to_rest() {
        let side = 24;
        let n = side * side;
        assert!(n > EXACT_UP_TO);
        let mut edges = Vec::new();
        for r in 0..side {
            for c in 0..side {
                let i = r * side + c;
                if c + 1 < side {
                    edges.push((i, i + 1));
                }
                if r + 1 < side {
                    edges.push((i, i + side));
                }
            }
        }
        let p = component(n, &edges);
        let mut forces = net_forces(&p, &edges, true);
        forces.sort_by(f64::total_cmp);
        let median = forces[n / 2];
        assert!(median < 0.6, "median net force {median}");
        let mut lengths: Vec<f64> = edges.iter().map(|&(a, b)| dist(p[a], p[b])).collect();
        lengths.sort_by(f64::total_cmp);
        let mid = lengths[lengths.len() / 2];
        assert!((1.1..1.6).contains(&mid), "median link length {mid}");
        let closest = (0..n)
            .flat_map(|i| (i + 1..n).map(move |j| (i, j)))
            .map(|(i, j)| dist(p[i], p[j]))
            .fold(f64::MAX, f64::min);
        assert!(closest > 0.3, "two nodes {closest} apart");
    }

    /// The connected components of `n` nodes joined by `edges`, largest first, ties by their
    /// smallest node; each listed in node order.
    fn components_of(n: usize, edges: &[(usize, usize)]) -> Vec<Vec<usize>> {
        let mut adjacent = vec![Vec::new(); n];
        for &(a, b) in edges {
            adjacent[a].push(b);
            adjacent[b].push(a);
        }
        let mut seen = vec![false; n];
        let mut out: Vec<Vec<usize>> = Vec::new();
        for start in 0..n {
            if seen[start] {
                continue;
            }
            let (mut list, mut stack) = (Vec::new(), vec![start]);
            seen[start] = true;
            while let Some(i) = stack.pop() {
                list.push(i);
                for &j in &adjacent[i] {
                    if !seen[j] {
                        seen[j] = true;
                        stack.push(j);
                    }
                }
            }
            list.sort_unstable();
            out.push(list);
        }
        out.sort_by_key(|c| std::cmp::Reverse(c.len()));
        out
    }

    /// Components are packed in rows, largest first from the origin, one unit apart: rows no
    /// wider than the largest component or the square root of the total area (boxes grown by
    /// the gap), each component right of the one before, a new row when the next one does not
    /// fit, a row one unit below the tallest of the row before. The expected places are worked
    /// out here from the sizes of the components' boxes.
    #[test]
    fn components_are_packed_in_rows_largest_first() {
        let path = |from: usize, to: usize| (from..to).map(|i| (i, i + 1)).collect::<Vec<_>>();
        // (name, nodes, edges)
        let cases: Vec<Case> = vec![
            (
                "path, triangle, path of 3, isolates, numbered out of size order",
                15,
                vec![
                    (7, 8),
                    (0, 1),
                    (1, 2),
                    (3, 4),
                    (4, 5),
                    (5, 6),
                    (6, 10),
                    (9, 7),
                ],
            ),
            // Nine isolated nodes: the row is exactly 3 wide, so four fit in it (x = 0..=3).
            ("nine isolates", 9, vec![]),
            // A long path is wider than the root of the area: it sets the row width, and the
            // eight pairs fill the next row past that root.
            ("long path and pairs", 30, {
                let mut e = path(0, 11);
                e.extend((12..28).step_by(2).map(|i| (i, i + 1)));
                e
            }),
            // A dense cluster has more nodes than a path that is wider than the row (sorted by
            // nodes, not width): the path starts the second row, alone.
            ("cluster, then a wider path with fewer nodes", 25, {
                let mut e: Vec<(usize, usize)> = (0..13)
                    .flat_map(|a| (a + 1..13).map(move |b| (a, b)))
                    .collect();
                e.extend(path(13, 24));
                e
            }),
            // Two long paths: the second starts a row of its own.
            ("two long paths", 24, {
                let mut e = path(0, 11);
                e.extend(path(12, 23));
                e
            }),
        ];
        let (mut wrapped, mut beside, mut set_by_largest) = (0, 0, 0);
        for (name, n, edges) in &cases {
            let p = force_layout(*n, edges);
            assert!(
                p.iter().all(|q| q[0] >= -1e-9 && q[1] >= -1e-9),
                "{name}: {p:?}"
            );
            let boxes: Vec<[f64; 4]> = components_of(*n, edges)
                .iter()
                .map(|c| {
                    c.iter()
                        .fold([f64::MAX, f64::MAX, f64::MIN, f64::MIN], |b, &i| {
                            [
                                b[0].min(p[i][0]),
                                b[1].min(p[i][1]),
                                b[2].max(p[i][0]),
                                b[3].max(p[i][1]),
                            ]
                        })
                })
                .collect();
            let sizes: Vec<(f64, f64)> = boxes.iter().map(|b| (b[2] - b[0], b[3] - b[1])).collect();
            let area: f64 = sizes.iter().map(|(w, h)| (w + 1.0) * (h + 1.0)).sum();
            let row = sizes[0].0.max(area.sqrt());
            set_by_largest += usize::from(sizes[0].0 > area.sqrt());
            let (mut x, mut y, mut row_height) = (0.0f64, 0.0f64, 0.0f64);
            for (i, (&(w, h), b)) in sizes.iter().zip(&boxes).enumerate() {
                if x > 0.0 && x + w > row {
                    (x, y, row_height) = (0.0, y + row_height + 1.0, 0.0);
                    wrapped += 1;
                } else if x > 0.0 {
                    beside += 1;
                }
                assert!(
                    (b[0] - x).abs() < 1e-9 && (b[1] - y).abs() < 1e-9,
                    "{name}: component {i} at {:?}, expected at {:?}",
                    [b[0], b[1]],
                    [x, y]
                );
                x += w + 1.0;
                row_height = row_height.max(h);
            }
        }
        // The cases wrap rows, put components side by side, and have a row set by the
        // largest component.
        assert!(
            wrapped > 1 && beside > 1 && set_by_largest > 0,
            "{wrapped} {beside} {set_by_largest}"
        );
    }

    /// The exact places of one small graph, checked by hand once (two triangles joined by a
    /// link, a pair beside them, an isolated node on the second row: sides of about one unit,
    /// the pair one unit right of the triangles' box, the second row one unit below it). The
    /// start spiral, the cooling and the gravity change these numbers without changing the
    /// shapes the other tests check; a change here must be deliberate (the HTML page and its
    /// bytes change with it).
    #[test]
    fn one_graph_lays_out_exactly_as_checked() {
        let edges = [
            (0, 1),
            (1, 2),
            (2, 0),
            (3, 4),
            (4, 5),
            (5, 3),
            (2, 3),
            (6, 7),
        ];
        let want = [
            [0.817, 0.0],
            [0.0, 0.46],
            [0.982, 1.278],
            [1.78, 2.725],
            [2.771, 3.548],
            [1.946, 3.993],
            [4.678, 0.0],
            [3.771, 0.448],
            [0.0, 4.993],
        ];
        let got = force_layout(9, &edges);
        for (i, (g, w)) in got.iter().zip(&want).enumerate() {
            assert!(
                (g[0] - w[0]).abs() < 5e-4 && (g[1] - w[1]).abs() < 5e-4,
                "node {i}: {g:?}, checked {w:?}"
            );
        }
    }

    /// Repulsion is `k²/d` away from the other node; nodes that (nearly) coincide, squared
    /// distance under 1e-9, are pushed 0.1 along a direction fixed by the pair (angle `31·i + 17·j` radians), which
    /// differs for (i, j) and (j, i), so the two move apart.
    #[test]
    fn repulsion_table() {
        let push = |i: usize, j: usize| {
            let a = (31 * i + 17 * j) as f64;
            [0.1 * a.cos(), 0.1 * a.sin()]
        };
        // (p, q, i, j, expected push on p)
        type Row = ([f64; 2], [f64; 2], usize, usize, [f64; 2]);
        let cases: [Row; 5] = [
            ([0.0, 0.0], [2.0, 0.0], 0, 1, [-0.5, 0.0]),
            ([1.0, 1.0], [1.0, 3.0], 4, 2, [0.0, -0.5]),
            ([1.0, 1.0], [1.0, 1.0], 2, 5, push(2, 5)),
            ([1.0, 1.0], [1.0, 1.0], 5, 2, push(5, 2)),
            ([1.0, 1.0], [1.0 + 1e-6, 1.0], 3, 7, push(3, 7)),
        ];
        for (p, q, i, j, want) in cases {
            let mut d = [0.25, -0.25];
            repulse(&mut d, p, q, i, j);
            let got = [d[0] - 0.25, d[1] + 0.25];
            assert!(
                (got[0] - want[0]).abs() < 1e-12 && (got[1] - want[1]).abs() < 1e-12,
                "{p:?} from {q:?} ({i}, {j}): {got:?}, expected {want:?}"
            );
        }
        assert!(dist(push(2, 5), push(5, 2)) > 0.01);
    }

    #[test]
    fn tiny_graphs() {
        assert!(force_layout(0, &[]).is_empty());
        assert_eq!(force_layout(1, &[]), vec![[0.0, 0.0]]);
    }
}
