//! The duplicate decision at scale: how long [`dedup::matches`] takes as the corpus grows.
//!
//! `cargo bench --bench decide` (environment: `AG_BENCH_DOCS`, comma-separated corpus sizes,
//! default `100000,1000000,3000000`; `AG_BENCH_RUNS`, default 3, medians reported). It makes
//! `n` random signatures (seeded: no two are copies) plus 1% of near copies (the bands of a
//! kept signature with 6 of 16 bands changed, still near), decides them, and prints seconds,
//! nanoseconds per document and the copies found, which must be exactly the planted ones.
//! A decision that grows faster than `n log n` shows here long before a user's corpus does.

use actorgraph::dedup::{matches, Candidate, Signature};
use std::time::Instant;

/// SplitMix64: a seeded stream of well-mixed 64-bit values.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }
}

fn corpus(n: usize) -> (Vec<Candidate>, usize) {
    let mut rng = Rng(n as u64);
    let mut docs: Vec<Candidate> = (0..n)
        .map(|i| Candidate {
            id: format!("doc{i:09}"),
            date: None,
            signature: Signature {
                exact: rng.next(),
                bands: std::array::from_fn(|_| rng.next() as u32),
                words: 300,
            },
        })
        .collect();
    let copies = n / 100;
    for c in 0..copies {
        let mut signature = docs[c * 97 % n].signature;
        signature.exact = rng.next();
        for b in 0..6 {
            signature.bands[(c + b * 2) % 16] = rng.next() as u32;
        }
        docs.push(Candidate {
            // Ids after every original: the original is decided first and kept.
            id: format!("x{c:09}"),
            date: None,
            signature,
        });
    }
    (docs, copies)
}

fn main() {
    let sizes: Vec<usize> = std::env::var("AG_BENCH_DOCS")
        .unwrap_or_else(|_| "100000,1000000,3000000".into())
        .split(',')
        .map(|s| s.trim().parse().expect("AG_BENCH_DOCS: numbers"))
        .collect();
    let runs: usize = std::env::var("AG_BENCH_RUNS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(3);
    println!("| documents | decide, s (median of {runs}) | ns per document | copies found |");
    println!("|---:|---:|---:|---:|");
    for n in sizes {
        let (docs, copies) = corpus(n);
        let mut times = Vec::new();
        let mut found = 0;
        for _ in 0..runs {
            let t = Instant::now();
            let m = matches(&docs[..]);
            times.push(t.elapsed().as_secs_f64());
            found = m.iter().filter(|x| x.is_some()).count();
        }
        assert_eq!(
            found, copies,
            "{n} documents: the planted copies, no others"
        );
        times.sort_by(f64::total_cmp);
        let secs = times[times.len() / 2];
        println!(
            "| {n} | {secs:.3} | {:.0} | {found} |",
            secs * 1e9 / docs.len() as f64
        );
    }
}
