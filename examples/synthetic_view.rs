//! Writes a synthetic actor network of N nodes and M edges as an HTML view, a DOT file or a
//! JSON graph, for the browser benchmark (`tests/browser/bench.mjs`) and for trying the view
//! at scale: `cargo run --release --example synthetic_view -- 5000 20000 big.html`.
//!
//! The graph is seeded (same arguments, same bytes): nodes get a type and a mention count,
//! edges join a node to an earlier one chosen with a preference for well-linked nodes (as
//! news networks have hubs), each with one evidence sentence and a date.

use std::collections::BTreeSet;

use actorgraph::export::{self, Format, View};
use actorgraph::graph::{ActorGraph, CorpusStats, Edge, Evidence, Node, Unit};

const TYPES: &[&str] = &["person", "armed_group", "state", "organization", "media"];

fn main() {
    let args: Vec<String> = std::env::args().collect();
    if args.len() != 4 {
        eprintln!("usage: synthetic_view NODES EDGES OUT.(html|dot|json|svg)");
        std::process::exit(2);
    }
    let n: usize = args[1].parse().expect("NODES is a number");
    let m: usize = args[2].parse().expect("EDGES is a number");
    let out = std::path::Path::new(&args[3]);
    let graph = synthetic(n, m, 7);
    let format = Format::from_path(out).expect("a known extension");
    let mut bytes = Vec::new();
    export::write_view(&graph, format, &View::default(), &mut bytes).expect("written");
    std::fs::write(out, bytes).expect("output written");
}

/// A seeded random graph of `n` nodes and (about) `m` edges with hubs.
pub fn synthetic(n: usize, m: usize, seed: u64) -> ActorGraph {
    let mut rng = fastrand::Rng::with_seed(seed);
    let nodes: Vec<Node> = (0..n)
        .map(|i| {
            let mut node = Node::new(
                format!("a{i:05}"),
                format!("Actor {i}"),
                TYPES[i % TYPES.len()],
            );
            node.mentions = 1 + (200.0 / (1.0 + i as f64).sqrt()) as u64 + rng.u64(0..5);
            node
        })
        .collect();
    let mut ends: Vec<usize> = Vec::new();
    let mut pairs = BTreeSet::new();
    let mut tries = 0;
    while pairs.len() < m && n > 1 && tries < 20 * m {
        tries += 1;
        let a = rng.usize(1..n);
        let b = if ends.is_empty() || rng.bool() {
            rng.usize(0..a)
        } else {
            ends[rng.usize(0..ends.len())]
        };
        if a == b {
            continue;
        }
        if pairs.insert((a.min(b), a.max(b))) {
            ends.push(a);
            ends.push(b);
        }
    }
    let edges = pairs
        .into_iter()
        .map(|(a, b)| {
            let mut e = Edge::new(1 + rng.u64(0..3) * rng.u64(0..3));
            let day = chrono::NaiveDate::from_ymd_opt(2024, 1, 1).unwrap()
                + chrono::Days::new(rng.u64(0..365));
            e.dates = vec![day];
            e.first_date = Some(day);
            e.last_date = Some(day);
            let (source, target) = (format!("Actor {a}"), format!("Actor {b}"));
            let text = format!("{source} met {target} on {day}, officials said.");
            let at = source.len() + " met ".len();
            e.evidence = vec![Evidence {
                date: Some(day),
                source_end: source.len(),
                target_start: at,
                target_end: at + target.len(),
                ..Evidence::new(format!("doc{:06}", rng.u32(0..100_000)), 0, 0, &text)
            }];
            (a, b, e)
        })
        .collect();
    ActorGraph::from_parts(
        Unit::Sentence,
        CorpusStats::default(),
        Some(3),
        nodes,
        edges,
    )
}
