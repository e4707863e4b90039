//! Large gazetteers: how long loading and compiling take, and how fast the result tags.
//!
//! `cargo bench --bench gazetteer` (environment: `AG_BENCH_RUNS`, default 3). In-process,
//! one thread, medians of the runs. Gazetteers, generated and seeded:
//!
//! - **prefix chain**: 100,000 names `w1`, `w2`, …, `w100000`, each a prefix of others (`w1` of
//!   `w10`..`w19`, `w100`, …) — the pathology of `aho-corasick`'s state shuffling (see
//!   `src/tagger/fill.rs`). The same keys are also compiled by the crate alone, without our
//!   filler patterns, in the same run: the A/B of the fix.
//! - **templated people**: 100,000 and 1,000,000 aliases (5 per actor: "Person 17 Example",
//!   "P. 17 Example", …), as in `benches/throughput.rs`.
//!
//! For each: load (JSON parse and validation), compile (`Tagger::new`), automaton memory, and
//! tagging speed over 16 MB of the throughput generator's news-like text. Prints a Markdown
//! table for docs/performance.md.

mod corpus;

use std::time::Instant;

use actorgraph::gazetteer::{Gazetteer, Source};
use actorgraph::tagger::{Scratch, Tagger};

fn runs() -> usize {
    corpus::env_or("AG_BENCH_RUNS", 3)
}

/// A gazetteer with one actor per name of `names` as JSON.
fn one_per_name(names: impl Iterator<Item = String>) -> String {
    let mut s = String::from("{\"actors\": [");
    for (i, n) in names.enumerate() {
        if i > 0 {
            s.push(',');
        }
        s.push_str(&format!(
            "{{\"id\": \"a{i}\", \"label\": \"{n}\", \"type\": \"thing\"}}"
        ));
    }
    s.push_str("]}");
    s
}

fn main() {
    let text = {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("sample.jsonl");
        corpus::generate(&p, 16, 11);
        let raw = std::fs::read_to_string(&p).unwrap();
        // The documents' texts, one after another (tagging, not JSON decoding, is measured).
        raw.lines()
            .map(|l| {
                let v: serde_json::Value = serde_json::from_str(l).unwrap();
                v["text"].as_str().unwrap().to_owned()
            })
            .collect::<Vec<_>>()
    };
    let text_mb = text.iter().map(String::len).sum::<usize>() as f64 / 1e6;

    println!("| gazetteer | names | load s | compile s | automaton MB | tag MB/s |");
    println!("|---|---:|---:|---:|---:|---:|");
    let cases: Vec<(&str, usize, String)> = vec![
        (
            "prefix chain w1..w100000",
            100_000,
            one_per_name((1..=100_000).map(|i| format!("w{i}"))),
        ),
        (
            "templated people",
            100_000,
            corpus::templated_gazetteer(100_000),
        ),
        (
            "templated people",
            1_000_000,
            corpus::templated_gazetteer(1_000_000),
        ),
    ];
    for (name, n, json) in &cases {
        let (mut load, mut compile, mut speed) = (Vec::new(), Vec::new(), Vec::new());
        let mut memory = 0;
        for _ in 0..runs() {
            let t = Instant::now();
            let src = Source {
                name: "bench.json",
                bytes: json.as_bytes(),
            };
            let (g, _) = Gazetteer::from_sources(&[src]).unwrap();
            load.push(t.elapsed().as_secs_f64());
            let t = Instant::now();
            let tagger = Tagger::new(&g).unwrap();
            compile.push(t.elapsed().as_secs_f64());
            memory = tagger.memory_usage();
            let mut scratch = Scratch::default();
            let mut out = Vec::new();
            let t = Instant::now();
            let mut found = 0usize;
            for doc in &text {
                tagger.tag_with(doc, &mut scratch, &mut out);
                found += out.len();
            }
            std::hint::black_box(found);
            speed.push(text_mb / t.elapsed().as_secs_f64());
        }
        println!(
            "| {name} | {n} | {:.2} | {:.2} | {:.0} | {:.0} |",
            corpus::median(load),
            corpus::median(compile),
            memory as f64 / 1e6,
            corpus::median(speed)
        );
    }

    // The A/B of the fillers: the prefix chain's keys compiled by the crate alone (once: it is
    // the slow side), against our compile above.
    let keys: Vec<String> = (1..=100_000).map(|i| format!("w{i}")).collect();
    let t = Instant::now();
    let bare = aho_corasick::AhoCorasick::builder()
        .match_kind(aho_corasick::MatchKind::Standard)
        .build(&keys)
        .unwrap();
    println!(
        "\nprefix chain compiled by aho-corasick alone, without fillers: {:.2} s ({} MB)",
        t.elapsed().as_secs_f64(),
        bare.memory_usage() / 1_000_000
    );
}
