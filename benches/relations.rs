//! The cost of relation extraction next to the analysis it runs on (tagging, sentences).
//!
//! `cargo bench --bench relations` (environment: `AG_BENCH_MB`, corpus size, default 64;
//! `AG_BENCH_RUNS`, repetitions, default 3 — medians are reported). Documents are drawn,
//! seeded, from the seed sentences as in `benches/throughput.rs`, so mention density is
//! news-like; everything runs in-process on one thread. Prints MB/s for analysis alone and
//! for analysis plus extraction, and the ratio.

use std::time::Instant;

mod corpus;

use actorgraph::analysis::analyze;
use actorgraph::gazetteer::Gazetteer;
use actorgraph::relation::{self, Lexicon};
use actorgraph::sentence::LineBreaks;
use actorgraph::tagger::{Scratch, Tagger};

/// In-memory documents drawn like `corpus::generate`'s, without the JSON Lines wrapping.
fn corpus(mb: usize, seed: u64) -> Vec<String> {
    let sentences = corpus::seed_sentences();
    let mut rng = fastrand::Rng::with_seed(seed);
    let (mut docs, mut bytes) = (Vec::new(), 0);
    while bytes < mb << 20 {
        let mut text = String::new();
        corpus::document_text(&mut rng, &sentences, &mut text);
        bytes += text.len();
        docs.push(text);
    }
    docs
}

fn main() {
    let mb = corpus::env_or("AG_BENCH_MB", 64);
    let runs = corpus::env_or("AG_BENCH_RUNS", 3);
    let docs = corpus(mb, 7);
    let total: usize = docs.iter().map(String::len).sum();
    let g = Gazetteer::embedded();
    let t = Tagger::new(&g).unwrap();
    let lex = Lexicon::embedded();
    let mut scratch = Scratch::default();
    let mut rscratch = relation::Scratch::default();
    let mut found = Vec::new();
    let (mut plain, mut with) = (Vec::new(), Vec::new());
    let mut relations = 0;
    for _ in 0..runs {
        let t0 = Instant::now();
        let mut mentions = 0;
        for d in &docs {
            mentions += analyze(d, None, &t, LineBreaks::Auto, &mut scratch)
                .mentions
                .len();
        }
        plain.push(t0.elapsed().as_secs_f64());
        std::hint::black_box(mentions);
        let t0 = Instant::now();
        relations = 0;
        for d in &docs {
            let a = analyze(d, None, &t, LineBreaks::Auto, &mut scratch);
            relation::extract_with(d, &a, &g, &lex, &mut rscratch, &mut found);
            relations += found.len();
        }
        with.push(t0.elapsed().as_secs_f64());
    }
    let mbs = total as f64 / 1e6;
    let (p, w) = (corpus::median(plain), corpus::median(with));
    println!(
        "| corpus | documents | relations | analysis MB/s | analysis + relations MB/s | ratio |"
    );
    println!("|---|---|---|---|---|---|");
    println!(
        "| {mbs:.0} MB | {} | {relations} | {:.1} | {:.1} | {:.2} |",
        docs.len(),
        mbs / p,
        mbs / w,
        p / w
    );
}
