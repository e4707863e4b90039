//! What typed relations cost in a whole build: `build --edges both` against
//! `build --edges co-mention` on the seeded bench corpus, same run, all threads.
//!
//! `cargo bench --bench edges` (environment: `AG_BENCH_MB`, corpus size, default 64;
//! `AG_BENCH_RUNS`, repetitions, default 3 — medians are reported). Prints a Markdown table for
//! docs/relations.md and docs/performance.md.

use std::path::PathBuf;
use std::process::Command;
use std::time::Instant;

mod corpus;

fn main() {
    let (mb, runs) = (
        corpus::env_or("AG_BENCH_MB", 64),
        corpus::env_or("AG_BENCH_RUNS", 3),
    );
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("benches/data");
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join(format!("corpus-{mb}.jsonl"));
    if !path.exists() {
        corpus::generate(&path, mb, 42);
    }
    let bytes = std::fs::metadata(&path).unwrap().len() as f64 / (1 << 20) as f64;
    let out = std::env::temp_dir().join("actorgraph-bench-edges.json");
    let mut times = [Vec::new(), Vec::new()];
    // Interleaved, so that both settings see the same machine load.
    for _ in 0..runs {
        for (i, edges) in ["co-mention", "both"].iter().enumerate() {
            let t = Instant::now();
            let r = Command::new(env!("CARGO_BIN_EXE_actorgraph"))
                .arg("build")
                .arg(&path)
                .args(["--edges", edges, "--format", "json", "-o"])
                .arg(&out)
                .output()
                .unwrap();
            assert!(r.status.success(), "{}", String::from_utf8_lossy(&r.stderr));
            times[i].push(t.elapsed().as_secs_f64());
        }
    }
    let (co, both) = (
        corpus::median(times[0].clone()),
        corpus::median(times[1].clone()),
    );
    println!("corpus {bytes:.0} MB, {runs} runs, medians\n");
    println!("| build | seconds | MB/s |\n|---|---|---|");
    println!("| --edges co-mention | {co:.2} | {:.1} |", bytes / co);
    println!("| --edges both | {both:.2} | {:.1} |", bytes / both);
    println!("\nthroughput ratio both / co-mention: {:.2}", co / both);
}
