//! Partial counts: what a split run costs and saves.
//!
//! `cargo bench --bench merge` (environment: `AG_BENCH_MB`, corpus size, default 1024;
//! `AG_BENCH_PARTS`, default 8; `AG_BENCH_EVIDENCE`, `--max-evidence` of the partials,
//! default all). It
//!
//! 1. generates (or reuses) `benches/data/corpus-<MB>.jsonl`, the throughput corpus, and
//!    splits it into `AG_BENCH_PARTS` files of consecutive documents;
//! 2. times one `build` over all the parts, with all threads, to JSON (all evidence) and to
//!    GraphML (3 per edge);
//! 3. times `scan` of each part and the merge of the 8 scans (the first pass, shared so that
//!    duplicates and repeated lines are decided for the whole corpus), then `build --partial
//!    --scan all.ags` of each part (their sum is the split build's cost) and records each
//!    partial's size against its part's size;
//! 4. times `merge` of all the partials into JSON and GraphML, checks that each equals the
//!    single build byte for byte, and times a merge into one partial.
//!
//! It prints a Markdown table for docs/performance.md.

mod corpus;

use std::io::{BufRead, BufWriter, Write};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

/// Runs the binary; returns the seconds it took.
fn run(args: &[&str]) -> f64 {
    let exe = env!("CARGO_BIN_EXE_actorgraph");
    let t = Instant::now();
    let out = Command::new(exe).args(args).output().unwrap();
    let secs = t.elapsed().as_secs_f64();
    assert!(
        out.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    secs
}

fn size(p: &Path) -> u64 {
    std::fs::metadata(p).unwrap().len()
}

/// Splits a JSON Lines file into `n` files of about equal size, documents kept in order.
fn split(corpus: &Path, dir: &Path, n: usize) -> Vec<PathBuf> {
    let total = size(corpus);
    let paths: Vec<PathBuf> = (0..n).map(|i| dir.join(format!("part{i}.jsonl"))).collect();
    let mut outs: Vec<BufWriter<std::fs::File>> = paths
        .iter()
        .map(|p| BufWriter::new(std::fs::File::create(p).unwrap()))
        .collect();
    let (mut written, mut i) = (0u64, 0usize);
    for line in std::io::BufReader::new(std::fs::File::open(corpus).unwrap()).lines() {
        let line = line.unwrap();
        if written > total * (i as u64 + 1) / n as u64 && i + 1 < n {
            i += 1;
        }
        outs[i].write_all(line.as_bytes()).unwrap();
        outs[i].write_all(b"\n").unwrap();
        written += line.len() as u64 + 1;
    }
    for mut o in outs {
        o.flush().unwrap();
    }
    paths
}

fn main() {
    let mb = corpus::env_or("AG_BENCH_MB", 1024);
    let n = corpus::env_or("AG_BENCH_PARTS", 8);
    let evidence = std::env::var("AG_BENCH_EVIDENCE").ok();
    let data = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("benches/data");
    std::fs::create_dir_all(&data).unwrap();
    let corpus_path = data.join(format!("corpus-{mb}.jsonl"));
    if !corpus_path.exists() {
        eprintln!("generating {} ...", corpus_path.display());
        corpus::generate(&corpus_path, mb, 2024);
    }
    let work = tempfile::tempdir_in(&data).unwrap();
    let w = work.path();
    let parts = split(&corpus_path, w, n);
    let part_names: Vec<String> = parts.iter().map(|p| p.display().to_string()).collect();

    let one = w.join("one.json");
    let mut args = vec!["build", "-q", "-o", one.to_str().unwrap()];
    args.extend(part_names.iter().map(String::as_str));
    let t_build = run(&args);
    // GraphML keeps 3 evidence per edge: the cost of counting, not of writing 1 GB of JSON.
    let one_g = w.join("one.graphml");
    let mut args = vec!["build", "-q", "-o", one_g.to_str().unwrap()];
    args.extend(part_names.iter().map(String::as_str));
    let t_build_g = run(&args);

    // The first pass per part, then merged: what each partial build is given.
    let mut t_scans = Vec::new();
    let mut ags = Vec::new();
    for (i, p) in part_names.iter().enumerate() {
        let out = w.join(format!("s{i}.ags")).display().to_string();
        t_scans.push(run(&["scan", "-q", "-o", &out, p]));
        ags.push(out);
    }
    let all_ags = w.join("all.ags").display().to_string();
    let mut args = vec!["scan", "-q", "-o", all_ags.as_str()];
    for a in &ags {
        args.extend(["--scan", a.as_str()]);
    }
    let t_scan_merge = run(&args);

    let mut t_partials = Vec::new();
    let mut sizes = Vec::new();
    let mut agcs = Vec::new();
    for (i, p) in part_names.iter().enumerate() {
        let out = w.join(format!("p{i}.agc")).display().to_string();
        let mut args = vec![
            "build",
            "-q",
            "--partial",
            "--scan",
            all_ags.as_str(),
            "-o",
            &out,
            p,
        ];
        if let Some(e) = &evidence {
            args.extend(["--max-evidence", e]);
        }
        t_partials.push(run(&args));
        sizes.push((size(&parts[i]), size(Path::new(&out))));
        agcs.push(out);
    }
    let merged = w.join("merged.json");
    let mut args = vec!["merge", "-o", merged.to_str().unwrap()];
    args.extend(agcs.iter().map(String::as_str));
    let t_merge = run(&args);
    if evidence.is_none() {
        assert!(
            std::fs::read(&merged).unwrap() == std::fs::read(&one).unwrap(),
            "merged JSON differs from one build"
        );
    }
    let merged_g = w.join("merged.graphml");
    let mut args = vec!["merge", "-o", merged_g.to_str().unwrap()];
    args.extend(agcs.iter().map(String::as_str));
    let t_merge_g = run(&args);
    assert!(
        std::fs::read(&merged_g).unwrap() == std::fs::read(&one_g).unwrap(),
        "merged GraphML differs from one build"
    );
    let all = w.join("all.agc");
    let mut args = vec!["merge", "-o", all.to_str().unwrap()];
    args.extend(agcs.iter().map(String::as_str));
    let t_merge_partial = run(&args);

    let corpus_bytes: u64 = sizes.iter().map(|s| s.0).sum();
    let partial_bytes: u64 = sizes.iter().map(|s| s.1).sum();
    let sum_partials: f64 = t_partials.iter().sum();
    println!(
        "corpus {:.0} MB in {n} parts; partial evidence cap: {}",
        corpus_bytes as f64 / 1e6,
        evidence.as_deref().unwrap_or("all")
    );
    println!();
    println!("| step | seconds | note |");
    println!("|---|---:|---|");
    println!("| build, one run, JSON | {t_build:.2} | all evidence |");
    println!("| build, one run, GraphML | {t_build_g:.2} | 3 evidence per edge |");
    println!(
        "| scan, {n} runs + merge of the scans | {:.2} + {t_scan_merge:.2} | sum; {:.1} MB of scan for the corpus |",
        t_scans.iter().sum::<f64>(),
        size(Path::new(&all_ags)) as f64 / 1e6
    );
    println!(
        "| build --partial --scan, {n} runs | {sum_partials:.2} | sum; slowest part {:.2} |",
        t_partials.iter().cloned().fold(0.0, f64::max)
    );
    println!(
        "| merge {n} partials → JSON | {t_merge:.2} | {:.1}% of the build{} |",
        100.0 * t_merge / t_build,
        if evidence.is_none() {
            "; byte-identical to it"
        } else {
            ""
        }
    );
    println!(
        "| merge {n} partials → GraphML | {t_merge_g:.2} | {:.1}% of the GraphML build; byte-identical to it |",
        100.0 * t_merge_g / t_build_g
    );
    println!(
        "| merge {n} partials → one partial | {t_merge_partial:.2} | {:.1}% of the build |",
        100.0 * t_merge_partial / t_build
    );
    println!();
    println!(
        "partials: {:.1} MB for {:.0} MB of corpus ({:.2}%); merged partial {:.1} MB; JSON graph {:.1} MB",
        partial_bytes as f64 / 1e6,
        corpus_bytes as f64 / 1e6,
        100.0 * partial_bytes as f64 / corpus_bytes as f64,
        size(&all) as f64 / 1e6,
        size(&one) as f64 / 1e6,
    );
}
