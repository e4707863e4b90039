//! `query --graph` on a saved graph of 100,000 edges: load + `neighbors` must answer in well
//! under a second. A seeded synthetic graph (power-law-ish degrees, like news networks where a
//! few states and leaders co-occur with everyone) is written to a temporary file, then:
//!
//! - `load`: parse and validate the saved JSON (what every `query --graph` pays);
//! - `neighbors`: the neighbour list of the biggest hub, on the loaded graph;
//! - `cli`: the whole command, `actorgraph query --graph FILE neighbors HUB`, as a user runs it.
//!
//! Run: `cargo bench --bench query`. Results and the machine: docs/performance.md.

use std::process::Command;

use actorgraph::export::json;
use actorgraph::graph::{ActorGraph, CorpusStats, Edge, Evidence, Node, Unit};
use actorgraph::query;
use criterion::{criterion_group, criterion_main, Criterion};

/// A seeded graph with `actors` nodes and exactly `edges` distinct links.
pub fn synthetic_graph(actors: usize, edges: usize, seed: u64) -> ActorGraph {
    let mut rng = fastrand::Rng::with_seed(seed);
    let nodes: Vec<Node> = (0..actors)
        .map(|i| Node {
            mentions: 1 + (actors / (i + 1)) as u64,
            ..Node::new(
                format!("actor_{i:06}"),
                format!("Actor {i}"),
                ["person", "state", "armed_group", "organization"][i % 4],
            )
        })
        .collect();
    let mut seen = std::collections::HashSet::new();
    let mut list = Vec::with_capacity(edges);
    while list.len() < edges {
        // Preferential: low indices (hubs) are picked far more often.
        let pick = |rng: &mut fastrand::Rng| {
            let u = rng.f64();
            ((u * u * u) * actors as f64) as usize
        };
        let (a, b) = (pick(&mut rng), rng.usize(..actors));
        let (a, b) = (a.min(b), a.max(b));
        if a == b || !seen.insert((a, b)) {
            continue;
        }
        let weight = 1 + rng.u64(..20);
        list.push((
            a,
            b,
            Edge {
                documents: weight.min(5),
                npmi: rng.f64(),
                jaccard: rng.f64(),
                evidence: vec![Evidence::new(
                    format!("doc_{}", rng.u32(..1_000_000)),
                    rng.u32(..50),
                    0,
                    "Officials of both said on Sunday that talks on the future of the mission \
                     would resume next week in the capital.",
                )],
                ..Edge::new(weight)
            },
        ));
    }
    list.sort_by_key(|e| (e.0, e.1));
    ActorGraph::from_parts(Unit::Sentence, CorpusStats::default(), Some(1), nodes, list)
}

fn bench(c: &mut Criterion) {
    let graph = synthetic_graph(20_000, 100_000, 7);
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("graph.json");
    let mut bytes = Vec::new();
    json::write(&graph, &mut bytes).unwrap();
    std::fs::write(&path, &bytes).unwrap();
    eprintln!(
        "saved graph: {} actors, {} edges, {:.1} MB",
        graph.graph.node_count(),
        graph.graph.edge_count(),
        bytes.len() as f64 / 1e6
    );
    let mut g = c.benchmark_group("query_100k_edges");
    g.sample_size(10);
    g.bench_function("load", |b| {
        b.iter(|| json::read("graph.json", &bytes).unwrap())
    });
    let hub = petgraph::graph::NodeIndex::new(0);
    g.bench_function("neighbors", |b| {
        b.iter(|| query::neighbors(&graph, hub, 1, false))
    });
    let exe = env!("CARGO_BIN_EXE_actorgraph");
    g.bench_function("cli", |b| {
        b.iter(|| {
            let out = Command::new(exe)
                .args(["query", "--graph"])
                .arg(&path)
                .args(["neighbors", "actor_000000", "--json"])
                .output()
                .unwrap();
            assert!(out.status.success());
        })
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
