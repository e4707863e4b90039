//! Throughput of actorgraph next to "the limit": a bare Aho-Corasick scan (DFA, ASCII
//! case-insensitive, the same aliases) over the same bytes, measured in the same run.
//!
//! `cargo bench --bench throughput` (environment: `AG_BENCH_MB`, corpus size, default 1024;
//! `AG_BENCH_RUNS`, repetitions, default 3 — medians are reported). It
//!
//! 1. generates `benches/data/corpus-<MB>.jsonl` once: documents of 8–40 sentences drawn
//!    (seeded) from the seed articles, with ids and dates, so mention density is news-like;
//! 2. measures the limit in-process, single thread;
//! 3. runs the release binary: `tag` and `build` with `--threads 1` and all threads, reading
//!    MB/s, documents/s and peak RSS (from `--verbose`);
//!    `build` with a `--threads` sweep (1, 2, 4, ... twice the cores), with `--edges both`, and
//!    without the first pass (`--keep-duplicates --repeated-lines 0`) to show its cost, with
//!    the first pass saved by `scan` (`--scan`), and on the corpus with a syndicated copy
//!    after every 5th document (`corpus-<MB>-syndicated.jsonl`) with and without it (each of
//!    these groups interleaved: one run of each setting in turn, so that the machine's drift
//!    falls on all alike); then prints the cost of zones and duplicates, `1 − with / without`;
//! 4. with `AG_BENCH_PYTHON` (a Python with `benches/peers/requirements.txt`), runs the
//!    pyahocorasick peer and `build --threads 1` on the first 32 MB, interleaved;
//! 5. compiles gazetteers of 100,000 and 1,000,000 aliases and tags with the large one;
//! 6. times start-up on the embedded seeds.
//!
//! It prints a Markdown table for docs/performance.md.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

mod corpus;

use actorgraph::gazetteer::Gazetteer;
use aho_corasick::{AhoCorasick, AhoCorasickKind, MatchKind};

fn data_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("benches/data")
}

/// Runs the binary; returns (seconds, peak RSS MB from --verbose).
fn run(args: &[&str]) -> (f64, f64) {
    let exe = env!("CARGO_BIN_EXE_actorgraph");
    let t = Instant::now();
    let out = Command::new(exe)
        .args(args)
        .arg("--verbose")
        .output()
        .unwrap();
    let secs = t.elapsed().as_secs_f64();
    let stderr = String::from_utf8_lossy(&out.stderr);
    // Tagging /dev/null (to time a gazetteer's compilation) finds nothing: exit 1, by design.
    let nothing = out.status.code() == Some(1) && stderr.contains("no actor of the gazetteer");
    assert!(out.status.success() || nothing, "{args:?}: {stderr}");
    let rss = stderr
        .lines()
        .find_map(|l| l.split("peak memory ").nth(1))
        .and_then(|x| x.trim_end_matches(" MB").parse().ok())
        .unwrap_or(f64::NAN);
    (secs, rss)
}

/// Runs each setting `(name, args)` `runs` times, one run of each in turn; a row per setting
/// (name, MB/s, documents/s, peak RSS MB) from the medians, for an input of `input` (MB,
/// documents).
fn interleaved(
    runs: usize,
    settings: &[(String, Vec<String>)],
    input: (f64, usize),
) -> Vec<(String, f64, f64, f64)> {
    let mut results: Vec<Vec<(f64, f64)>> = vec![Vec::new(); settings.len()];
    for _ in 0..runs {
        for ((_, args), r) in settings.iter().zip(&mut results) {
            r.push(run(&args.iter().map(String::as_str).collect::<Vec<_>>()));
        }
    }
    settings
        .iter()
        .zip(results)
        .map(|((name, _), r)| {
            let secs = corpus::median(r.iter().map(|x| x.0).collect());
            let rss = corpus::median(r.iter().map(|x| x.1).collect());
            (name.clone(), input.0 / secs, input.1 as f64 / secs, rss)
        })
        .collect()
}

fn all_aliases(g: &Gazetteer) -> Vec<String> {
    g.actors()
        .iter()
        .flat_map(|a| {
            std::iter::once(a.label.clone()).chain(a.aliases.iter().map(|x| x.text.clone()))
        })
        .collect()
}

/// A gazetteer of `n` aliases (5 per actor) as a JSON file.
fn big_gazetteer(path: &Path, n: usize) {
    std::fs::write(path, corpus::templated_gazetteer(n)).unwrap();
}

fn main() {
    let mb = corpus::env_or("AG_BENCH_MB", 1024);
    let runs = corpus::env_or("AG_BENCH_RUNS", 3);
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get());
    std::fs::create_dir_all(data_dir()).unwrap();
    let corpus = data_dir().join(format!("corpus-{mb}.jsonl"));
    if !corpus.exists() {
        eprintln!("generating {} ...", corpus.display());
        corpus::generate(&corpus, mb, 2024);
    }
    let bytes = std::fs::read(&corpus).unwrap();
    let docs = bytes.iter().filter(|&&b| b == b'\n').count();
    let size_mb = bytes.len() as f64 / 1e6;
    let corpus_s = corpus.to_str().unwrap();

    // The limit: a bare DFA scan with the same aliases, ASCII case-insensitive.
    let aliases = all_aliases(&Gazetteer::embedded());
    let ac = AhoCorasick::builder()
        .kind(Some(AhoCorasickKind::DFA))
        .ascii_case_insensitive(true)
        .match_kind(MatchKind::Standard)
        .build(&aliases)
        .unwrap();
    let limit = corpus::median(
        (0..runs)
            .map(|_| {
                let t = Instant::now();
                let n = ac.find_iter(&bytes).count();
                std::hint::black_box(n);
                size_mb / t.elapsed().as_secs_f64()
            })
            .collect(),
    );
    drop(bytes);

    let mut rows: Vec<(String, f64, f64, f64)> = Vec::new();
    // (the input's MB and documents, when it is not the corpus)
    let mut input = (size_mb, docs);
    let mut measure = |name: &str, args: &[&str], input: (f64, usize)| {
        let results: Vec<(f64, f64)> = (0..runs).map(|_| run(args)).collect();
        let secs = corpus::median(results.iter().map(|r| r.0).collect());
        let rss = corpus::median(results.iter().map(|r| r.1).collect());
        rows.push((name.to_owned(), input.0 / secs, input.1 as f64 / secs, rss));
    };
    let t = threads.to_string();
    measure(
        "tag, 1 thread",
        &["tag", corpus_s, "-o", "/dev/null", "--threads", "1"],
        input,
    );
    measure(
        &format!("tag, {threads} threads"),
        &["tag", corpus_s, "-o", "/dev/null", "--threads", &t],
        input,
    );
    // `build` as every row runs it: JSON out, 3 sentences of evidence per edge.
    let build_on = |input: &str, extra: &[&str], n: &str| -> Vec<String> {
        [
            "build",
            input,
            "--format",
            "json",
            "-o",
            "/dev/null",
            "--max-evidence",
            "3",
        ]
        .iter()
        .chain(extra)
        .chain(&["--threads", n])
        .map(|s| s.to_string())
        .collect()
    };
    let with = |extra: &[&str], n: &str| build_on(corpus_s, extra, n);
    // The `--threads` sweep with the defaults (zones, duplicates, repeated lines): 1, 2, 4, ...
    // up to twice the cores (past the cores it shows the cost of oversubscription).
    let mut sweep = vec![1];
    while sweep.last().copied().unwrap_or(1) < 2 * threads {
        sweep.push(sweep.last().unwrap() * 2);
    }
    for n in &sweep {
        let args = with(&[], &n.to_string());
        let name = format!("build, {n} thread{}", if *n == 1 { "" } else { "s" });
        measure(
            &name,
            &args.iter().map(String::as_str).collect::<Vec<_>>(),
            input,
        );
    }
    // Typed relations too.
    for n in ["1".to_owned(), t.clone()] {
        let args = with(&["--edges", "both"], &n);
        measure(
            &format!("build --edges both, {n} thread(s)"),
            &args.iter().map(String::as_str).collect::<Vec<_>>(),
            input,
        );
    }
    // The cost of the first pass (duplicates, repeated lines): the same build without it, and
    // with the first pass saved once (`actorgraph scan`) and given to the build (what each
    // further build of the same corpus pays). Measured interleaved (each run of each setting in
    // turn, medians), so that the machine's drift falls on all of them alike: the cost is a
    // ratio of these rows.
    let saved = data_dir().join(format!("corpus-{mb}.ags"));
    run(&["scan", corpus_s, "-o", saved.to_str().unwrap()]);
    let saved_s = saved.to_str().unwrap();
    for n in ["1".to_owned(), t.clone()] {
        let settings = [
            (
                format!("build, {n} thread(s), interleaved with the two below"),
                with(&[], &n),
            ),
            (
                format!("build, {n} thread(s), no duplicate/repeated-line pass"),
                with(&["--keep-duplicates", "--repeated-lines", "0"], &n),
            ),
            (
                format!("build, {n} thread(s), first pass saved (--scan)"),
                with(&["--scan", saved_s], &n),
            ),
        ];
        rows.extend(interleaved(runs, &settings, input));
    }
    // A corpus with syndicated copies (one after every 5th document), as real dumps have: the
    // first pass sets the caught copies aside unread by the analysis; without it they are
    // analysed and counted (a wrong graph, shown for its cost only).
    let synd = data_dir().join(format!("corpus-{mb}-syndicated.jsonl"));
    if !synd.exists() {
        corpus::syndicate(&corpus, &synd, 5);
    }
    let synd_bytes = std::fs::read(&synd).unwrap();
    input = (
        synd_bytes.len() as f64 / 1e6,
        synd_bytes.iter().filter(|&&b| b == b'\n').count(),
    );
    drop(synd_bytes);
    let synd_s = synd.to_str().unwrap();
    for n in ["1".to_owned(), t.clone()] {
        let settings = [
            (
                format!("build, {n} thread(s), 20% syndicated copies"),
                build_on(synd_s, &[], &n),
            ),
            (
                format!(
                    "build, {n} thread(s), 20% syndicated copies, no duplicate/repeated-line pass"
                ),
                build_on(synd_s, &["--keep-duplicates", "--repeated-lines", "0"], &n),
            ),
        ];
        rows.extend(interleaved(runs, &settings, input));
    }

    println!("\ncorpus: {size_mb:.0} MB, {docs} documents; limit (bare DFA scan, 1 thread): {limit:.0} MB/s\n");
    println!("| run | MB/s | docs/s | vs limit | peak RSS MB |");
    println!("|---|---:|---:|---:|---:|");
    println!("| limit: bare Aho-Corasick DFA scan | {limit:.0} | | 100% | |");
    for (name, mbs, dps, rss) in &rows {
        println!(
            "| {name} | {mbs:.0} | {dps:.0} | {:.0}% | {rss:.0} |",
            100.0 * mbs / limit
        );
    }

    // The cost of zones and duplicates (issue 12): 1 − throughput with / without the first pass.
    let mbs = |name: &str| rows.iter().find(|r| r.0 == name).map_or(f64::NAN, |r| r.1);
    println!();
    for n in ["1".to_owned(), t.clone()] {
        let without = mbs(&format!(
            "build, {n} thread(s), no duplicate/repeated-line pass"
        ));
        let default = mbs(&format!(
            "build, {n} thread(s), interleaved with the two below"
        ));
        let saved = mbs(&format!("build, {n} thread(s), first pass saved (--scan)"));
        let synd = mbs(&format!("build, {n} thread(s), 20% syndicated copies"));
        let synd_without = mbs(&format!(
            "build, {n} thread(s), 20% syndicated copies, no duplicate/repeated-line pass"
        ));
        println!(
            "cost of zones and duplicates, {n} thread(s): {:.0}% (first pass saved: {:.0}%; \
             20% syndicated copies: {:.0}%)",
            100.0 * (1.0 - default / without),
            100.0 * (1.0 - saved / without),
            100.0 * (1.0 - synd / synd_without),
        );
    }

    // The fastest Python peer, in the same run, on the first 32 MB (whole lines): the same job
    // (tag, sentences, pairs per sentence), against `build --threads 1` on the same file.
    if let Ok(python) = std::env::var("AG_BENCH_PYTHON") {
        let small = data_dir().join("corpus-32.jsonl");
        if !small.exists() {
            let bytes = std::fs::read(&corpus).unwrap();
            let mut cut = (32 << 20).min(bytes.len());
            while cut < bytes.len() && bytes[cut - 1] != b'\n' {
                cut += 1;
            }
            std::fs::write(&small, &bytes[..cut]).unwrap();
        }
        let small_s = small.to_str().unwrap();
        let small_mb = std::fs::metadata(&small).unwrap().len() as f64 / 1e6;
        let peer = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("benches/peers/pyahocorasick_peer.py");
        let (mut ours, mut theirs) = (Vec::new(), Vec::new());
        for _ in 0..runs {
            let args = build_on(small_s, &[], "1");
            let args: Vec<&str> = args.iter().map(String::as_str).collect();
            ours.push(small_mb / run(&args).0);
            let t = Instant::now();
            let out = Command::new(&python)
                .arg(&peer)
                .arg(&small)
                .output()
                .unwrap();
            assert!(
                out.status.success(),
                "{}",
                String::from_utf8_lossy(&out.stderr)
            );
            theirs.push(small_mb / t.elapsed().as_secs_f64());
        }
        let (ours, theirs) = (corpus::median(ours), corpus::median(theirs));
        println!(
            "\npeer, {small_mb:.1} MB, 1 thread: actorgraph build {ours:.1} MB/s, pyahocorasick \
             {theirs:.1} MB/s (whole process): {:.1}x",
            ours / theirs
        );
    }

    // Large gazetteers: compile time and memory from --verbose, tagging speed with 1M aliases.
    println!("\n| gazetteer | compile + load s | peak RSS MB | tag MB/s (1 thread) |");
    println!("|---|---:|---:|---:|");
    let sample = data_dir().join("sample-64.jsonl");
    if !sample.exists() {
        corpus::generate(&sample, 64, 7);
    }
    let sample_mb = std::fs::metadata(&sample).unwrap().len() as f64 / 1e6;
    for n in [100_000usize, 1_000_000] {
        let g = data_dir().join(format!("gazetteer-{n}.json"));
        if !g.exists() {
            big_gazetteer(&g, n);
        }
        let gs = g.to_str().unwrap();
        let (load, rss) = run(&[
            "tag",
            "-g",
            gs,
            "-o",
            "/dev/null",
            "--threads",
            "1",
            "/dev/null",
        ]);
        let (full, _) = run(&[
            "tag",
            "-g",
            gs,
            sample.to_str().unwrap(),
            "-o",
            "/dev/null",
            "--threads",
            "1",
        ]);
        println!(
            "| {n} aliases | {load:.2} | {rss:.0} | {:.0} |",
            sample_mb / (full - load).max(1e-3)
        );
    }

    // Start-up on the embedded seeds (the README's main command).
    let startup = corpus::median(
        (0..11)
            .map(|_| run(&["build", "-o", "/dev/null", "--format", "json"]).0)
            .collect(),
    );
    println!(
        "\nstart-up, `build` on the embedded seeds: {:.1} ms (median of 11)",
        startup * 1e3
    );
}
