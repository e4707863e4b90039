//! Partial counts merge to the same bytes as one run.
//!
//! A seeded property test: random corpora (plain-text and JSON Lines files, dated and undated,
//! ids in an order unlike the file order, one repeated id) are split into k random parts,
//! each built as a partial (`build --partial`, random `--threads`), then merged in random
//! order and grouping (through intermediate partials); every output format must equal, byte
//! for byte, a single `build` over all the inputs — with and without `--max-evidence`, and
//! with `--period` (one per seed).

mod util;

use std::path::Path;

use actorgraph::gazetteer::Gazetteer;
use util::{root, run_in, tempdir};

/// Output formats compared: (extension, -o name).
const FORMATS: &[(&str, &str)] = &[
    ("json", "out.json"),
    ("graphml", "out.graphml"),
    ("gexf", "out.gexf"),
    ("dot", "out.dot"),
    ("csv", "out_csv"),
];

const FILLER: &[&str] = &[
    "met",
    "said",
    "and",
    "with",
    "talks",
    "in",
    "the",
    "on",
    "Sunday",
    "forces",
    "after",
    "officials",
];

/// Flags that make a part's counts independent of the other parts (no first pass).
const NO_FIRST_PASS: [&str; 3] = ["--keep-duplicates", "--repeated-lines", "0"];

fn ok(dir: &Path, args: &[&str]) {
    let r = run_in(dir, args);
    assert!(r.status == 0, "{args:?}: exit {}\n{}", r.status, r.stderr);
}

/// One random sentence naming 0-4 actors among `names`.
fn sentence(rng: &mut fastrand::Rng, names: &[String]) -> String {
    let mut words = Vec::new();
    for _ in 0..rng.usize(3..10) {
        if rng.u8(..4) == 0 {
            words.push(names[rng.usize(..names.len())].clone());
        } else {
            words.push(FILLER[rng.usize(..FILLER.len())].to_owned());
        }
    }
    format!("{}.", words.join(" "))
}

fn text(rng: &mut fastrand::Rng, names: &[String]) -> String {
    let mut paragraphs = Vec::new();
    for _ in 0..rng.usize(1..4) {
        let s: Vec<String> = (0..rng.usize(1..5)).map(|_| sentence(rng, names)).collect();
        paragraphs.push(s.join(" "));
    }
    paragraphs.join("\n\n")
}

/// Writes a random corpus into `dir`; returns the file names.
fn corpus(rng: &mut fastrand::Rng, dir: &Path, names: &[String]) -> Vec<String> {
    let mut files = Vec::new();
    let mut next_id = 1000;
    for f in 0..rng.usize(4..9) {
        if rng.bool() {
            let name = format!("f{f}.txt");
            std::fs::write(dir.join(&name), text(rng, names)).unwrap();
            files.push(name);
        } else {
            let name = format!("f{f}.jsonl");
            let mut lines = Vec::new();
            for _ in 0..rng.usize(1..5) {
                // Ids count down, so id order is not file order; one id repeats.
                next_id -= rng.usize(1..7);
                let id = if f == 3 && lines.is_empty() {
                    "repeated".to_owned()
                } else {
                    format!("d{next_id}")
                };
                let mut rec = serde_json::json!({"id": id, "text": text(rng, names)});
                if rng.bool() {
                    rec["date"] = format!("2024-0{}-1{}", rng.u8(1..10), rng.u8(0..10)).into();
                }
                if rng.bool() {
                    rec["url"] = format!("https://example.org/{id}").into();
                    rec["source"] = "Wire".into();
                }
                lines.push(rec.to_string());
            }
            std::fs::write(dir.join(&name), lines.join("\n") + "\n").unwrap();
            files.push(name);
        }
    }
    if !files.iter().any(|f| f == "f3.jsonl") {
        std::fs::write(
            dir.join("f3.jsonl"),
            "{\"id\": \"repeated\", \"text\": \"Iraq and Iran met.\"}\n",
        )
        .unwrap();
        files.push("f3.jsonl".into());
    }
    std::fs::write(
        dir.join("z.jsonl"),
        "{\"id\": \"repeated\", \"text\": \"Iran and Iraq met again.\"}\n",
    )
    .unwrap();
    files.push("z.jsonl".into());
    files
}

fn read_output(dir: &Path, name: &str) -> Vec<(String, Vec<u8>)> {
    let p = dir.join(name);
    if p.is_dir() {
        let mut v: Vec<(String, Vec<u8>)> = std::fs::read_dir(&p)
            .unwrap()
            .map(|e| {
                let e = e.unwrap();
                (
                    e.file_name().to_string_lossy().into_owned(),
                    std::fs::read(e.path()).unwrap(),
                )
            })
            .collect();
        v.sort();
        v
    } else {
        vec![(name.to_owned(), std::fs::read(p).unwrap())]
    }
}

#[test]
fn partials_merged_in_any_order_and_grouping_equal_one_build() {
    let g = Gazetteer::embedded();
    let names: Vec<String> = g
        .actors()
        .iter()
        .take(14)
        .map(|a| a.label.clone())
        .collect();
    for seed in 1..=4u64 {
        let mut rng = fastrand::Rng::with_seed(seed);
        let dir = tempdir();
        let d = dir.path();
        let files = corpus(&mut rng, d, &names);
        // (build-time cap for the partials, cap asked of both outputs)
        let caps: [(Option<&str>, Option<&str>); 3] =
            [(None, None), (None, Some("1")), (Some("2"), Some("2"))];
        for (partial_cap, output_cap) in caps {
            let threads = || (1 + seed % 3).to_string();
            // k random parts (each non-empty).
            let k = rng.usize(2..=files.len().min(4));
            let mut shuffled = files.clone();
            rng.shuffle(&mut shuffled);
            let mut parts: Vec<Vec<String>> = vec![Vec::new(); k];
            for (i, f) in shuffled.into_iter().enumerate() {
                let p = if i < k { i } else { rng.usize(..k) };
                parts[p].push(f);
            }
            let mut pending: Vec<String> = Vec::new();
            for (i, part) in parts.iter().enumerate() {
                let out = format!("p{i}.agc");
                let t = threads();
                // Duplicates and repeated lines are decided within each part only
                // (docs/duplicates.md), so a random split of random text could differ from
                // one build for that documented reason; both sides turn them off.
                let mut args = vec!["build", "--partial", "-o", &out, "--threads", &t];
                args.extend(NO_FIRST_PASS);
                if let Some(c) = partial_cap {
                    args.extend(["--max-evidence", c]);
                }
                args.extend(part.iter().map(String::as_str));
                ok(d, &args);
                pending.push(out);
            }
            // Random grouping: merge two random pending partials until one is left.
            let mut n = 0;
            while pending.len() > 1 {
                let a = pending.swap_remove(rng.usize(..pending.len()));
                let b = pending.swap_remove(rng.usize(..pending.len()));
                let out = format!("m{n}.agc");
                n += 1;
                ok(d, &["merge", &b, &a, "-o", &out]);
                pending.push(out);
            }
            let all = pending.pop().unwrap();
            // Every format plain, then (uncapped) with one --period per seed (issue 13).
            let period = ["day", "week", "month", "year"][seed as usize % 4];
            let timed = (partial_cap, output_cap) == (None, None);
            let runs = FORMATS
                .iter()
                .map(|f| (f, None))
                .chain(FORMATS.iter().filter(|_| timed).map(|f| (f, Some(period))));
            for ((ext, name), period) in runs {
                let _ = std::fs::remove_dir_all(d.join(name));
                let mut one = vec!["build", "--format", ext, "-o", name];
                one.extend(NO_FIRST_PASS);
                let mut merged = vec!["merge", all.as_str(), "--format", ext, "-o", name];
                if let Some(p) = period {
                    one.extend(["--period", p]);
                    merged.extend(["--period", p]);
                }
                if let Some(c) = output_cap {
                    one.extend(["--max-evidence", c]);
                    merged.extend(["--max-evidence", c]);
                }
                let t = threads();
                one.extend(["--threads", &t]);
                one.extend(files.iter().map(String::as_str));
                ok(d, &one);
                let expected = read_output(d, name);
                let _ = std::fs::remove_dir_all(d.join(name));
                ok(d, &merged);
                let got = read_output(d, name);
                assert!(
                    got == expected,
                    "seed {seed}, caps {partial_cap:?}/{output_cap:?}, {ext}, period {period:?}: \
                     merge of {parts:?} differs from one build"
                );
            }
        }
    }
}

#[test]
fn merge_refuses_what_it_cannot_do_exactly() {
    let dir = tempdir();
    let d = dir.path();
    std::fs::write(d.join("a.txt"), "Iraq and Iran met.").unwrap();
    ok(d, &["build", "a.txt", "-o", "s.agc"]);
    ok(d, &["build", "a.txt", "--unit", "paragraph", "-o", "p.agc"]);
    ok(d, &["build", "a.txt", "--keep-duplicates", "-o", "k.agc"]);
    ok(d, &["build", "a.txt", "--headlines", "skip", "-o", "h.agc"]);
    std::fs::write(
        d.join("g.json"),
        r#"{"actors": [{"id": "iraq", "label": "Iraq", "type": "state"}]}"#,
    )
    .unwrap();
    ok(d, &["build", "a.txt", "-g", "g.json", "-o", "g.agc"]);
    ok(d, &["build", "a.txt", "-o", "graph.json"]);
    ok(d, &["build", "a.txt", "--edges", "both", "-o", "both.agc"]);
    // (arguments, expected in the message)
    let cases: &[(&[&str], &str)] = &[
        (
            &["merge", "s.agc", "p.agc"],
            "different --unit (sentence and paragraph)",
        ),
        (
            &["merge", "s.agc", "k.agc"],
            "different --keep-duplicates (false and true)",
        ),
        (
            &["merge", "s.agc", "h.agc"],
            "different --headlines (link and skip)",
        ),
        (
            &["merge", "s.agc", "g.agc"],
            "different gazetteer fingerprint",
        ),
        (
            &["merge", "s.agc", "both.agc"],
            "different --edges (co-mention and both)",
        ),
        (
            &["merge", "s.agc", "graph.json"],
            "graph.json: not a partial counts file",
        ),
        (
            &["merge", "s.agc", "--since", "2024-01-01"],
            "--since/--until cannot be applied at merge",
        ),
        (
            &["merge", "s.agc", "--partial", "--format", "dot", "-o", "x"],
            "exclude each other",
        ),
        (
            &["build", "a.txt", "-o", "x.agc", "--top-edges", "3"],
            "--top-edges shapes the finished graph",
        ),
    ];
    for (args, expected) in cases {
        let r = run_in(d, args);
        assert_eq!(r.status, 2, "{args:?}: {}", r.stderr);
        assert!(r.stderr.contains(expected), "{args:?}: {}", r.stderr);
    }
}

/// Typed relation edges merge exactly too: the seeds in three partials built with
/// `--edges both`, merged, equal one build in every format.
#[test]
fn relation_partials_merge_to_the_single_build() {
    let dir = tempdir();
    let d = dir.path();
    let seeds = root().join("seeds");
    let file = |n: &str| seeds.join(n).to_str().unwrap().to_owned();
    let parts: [&[&str]; 3] = [
        &["000_ae98878f160676b2.txt", "003_271136f8d8445659.txt"],
        &["001_4fb25f17430b9f0d.txt"],
        &["002_827145012a725ffb.txt", "004_1934250a859a8e87.txt"],
    ];
    let mut all = Vec::new();
    for (i, part) in parts.iter().enumerate() {
        let out = format!("p{i}.agc");
        let files: Vec<String> = part.iter().map(|n| file(n)).collect();
        let mut args = vec!["build", "--edges", "both", "--partial", "-o", &out];
        args.extend(files.iter().map(String::as_str));
        ok(d, &args);
        all.extend(files);
    }
    ok(d, &["merge", "p2.agc", "p0.agc", "-o", "m.agc"]);
    for (ext, name) in FORMATS {
        let _ = std::fs::remove_dir_all(d.join(name));
        let mut args = vec!["build", "--edges", "both", "--format", ext, "-o", name];
        args.extend(all.iter().map(String::as_str));
        ok(d, &args);
        let expected = read_output(d, name);
        let _ = std::fs::remove_dir_all(d.join(name));
        ok(
            d,
            &["merge", "m.agc", "p1.agc", "--format", ext, "-o", name],
        );
        assert!(
            read_output(d, name) == expected,
            "{ext}: merge differs from one build"
        );
        if *ext == "json" {
            let text = String::from_utf8(expected[0].1.clone()).unwrap();
            assert!(text.contains("\"meet\""), "no meet edge in {text}");
        }
    }
}
