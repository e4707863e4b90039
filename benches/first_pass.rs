//! The first pass's arithmetic, alone: how fast the duplicate signature, the line keys and the
//! counting pass's repeated-line look-ups go over news-like text, in MB/s.
//!
//! `cargo bench --bench first_pass` (environment: `AG_BENCH_MB`, megabytes of text, default
//! 64; `AG_BENCH_RUNS`, default 5, medians reported). The text is the throughput benchmark's
//! (seed sentences shuffled into documents, seeded), generated in memory. Each row runs over
//! every document in turn, single thread; the last column compares the row with the whole
//! first pass of a build (`signature + line keys + look-ups`). `docs/performance.md` says
//! what these numbers mean for a build.

use std::time::Instant;

use actorgraph::dedup;
use actorgraph::zone::{LineCounts, Repeated};

mod corpus;

fn main() {
    let mb = corpus::env_or("AG_BENCH_MB", 64);
    let runs = corpus::env_or("AG_BENCH_RUNS", 5);
    let sentences = corpus::seed_sentences();
    let mut rng = fastrand::Rng::with_seed(2024);
    let mut docs = Vec::new();
    let mut total = 0;
    while total < mb << 20 {
        let mut text = String::new();
        corpus::document_text(&mut rng, &sentences, &mut text);
        total += text.len();
        docs.push(text);
    }
    let size = total as f64 / 1e6;
    // The lines of the corpus in 5 documents or more, so the look-ups find real furniture.
    let (_, repeated) = Repeated::of_documents(docs.iter().map(String::as_str), 5, 20);

    let time = |f: &dyn Fn(&str) -> u64| {
        corpus::median(
            (0..runs)
                .map(|_| {
                    let t = Instant::now();
                    let mut x = 0u64;
                    for d in &docs {
                        x = x.wrapping_add(f(d));
                    }
                    std::hint::black_box(x);
                    t.elapsed().as_secs_f64()
                })
                .collect(),
        )
    };
    let rows: [(&str, f64); 3] = [
        ("signature", time(&|d| dedup::signature(d).exact)),
        (
            "line keys",
            time(&|d| {
                let mut keys = Vec::new();
                LineCounts::line_keys(d, &mut keys);
                keys.len() as u64
            }),
        ),
        (
            "repeated-line look-ups",
            time(&|d| d.split('\n').filter(|l| repeated.contains(l)).count() as u64),
        ),
    ];
    let all: f64 = rows.iter().map(|r| r.1).sum();
    println!(
        "{} documents, {size:.1} MB of text, median of {runs} runs, 1 thread\n",
        docs.len()
    );
    println!("| step | seconds | MB/s | share |");
    println!("|---|---:|---:|---:|");
    for (name, s) in rows {
        println!(
            "| {name} | {s:.3} | {:.0} | {:.0}% |",
            size / s,
            100.0 * s / all
        );
    }
    println!(
        "| first pass arithmetic | {all:.3} | {:.0} | 100% |",
        size / all
    );
}
