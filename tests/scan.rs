//! A shared first pass makes partials exact: `scan` parts → merge scans → `build --partial
//! --scan` → `merge` equals one `build`, byte for byte, with duplicate and repeated-line
//! detection on (issue 12, `docs/duplicates.md`).
//!
//! A seeded property test over real articles (Wikinews): syndicated copies (verbatim,
//! re-spaced, and edited: new headline, last paragraph dropped) and a furniture line repeated
//! in more documents than the threshold are spread over random parts, so that no part alone
//! sees a story's copies or enough of the furniture line.

mod util;

use std::fs;
use std::path::Path;

use util::{run_in, run_with_env, tempdir, wikinews};

fn ok(dir: &Path, args: &[&str]) -> String {
    let r = run_in(dir, args);
    assert!(r.status == 0, "{args:?}: exit {}\n{}", r.status, r.stderr);
    r.stderr
}

/// A line that names two actors and is not cue-led boilerplate: it links them unless it is
/// found to repeat across the corpus.
const FURNITURE: &str = "Iraq and Iran coverage from our Baghdad desk";

/// The corpus: (id, record) pairs. Originals are dated; copies are later or undated; ids are
/// such that a copy often sorts before its original.
fn corpus(rng: &mut fastrand::Rng, articles: &[serde_json::Value]) -> Vec<serde_json::Value> {
    let mut out = Vec::new();
    let long: Vec<&serde_json::Value> = articles
        .iter()
        .filter(|a| a["text"].as_str().unwrap().split("\n\n").count() >= 6)
        .collect();
    for i in 0..16 {
        let a = long[rng.usize(..long.len())];
        let text = a["text"].as_str().unwrap();
        let mut text = text.to_owned();
        // Six of the originals carry the furniture line (threshold 5).
        if i % 3 == 0 {
            text = format!("{text}\n{FURNITURE}\n");
        }
        let id = format!("m{:03}", rng.u32(..1000));
        out.push(serde_json::json!({"id": id, "date": a["date"], "text": text}));
        if i % 2 == 0 {
            let paras: Vec<&str> = text.split("\n\n").collect();
            let edited = format!(
                "Wire: {}\n\n{}",
                a["title"].as_str().unwrap_or("report"),
                paras[..paras.len() - 1].join("\n\n")
            );
            let copies = [text.replace("\n\n", "\n\n\n"), edited];
            for (k, t) in copies.into_iter().enumerate() {
                let mut rec = serde_json::json!({"id": format!("c{i:02}{k}"), "text": t});
                if rng.bool() {
                    rec["date"] = "2030-01-01".into();
                }
                out.push(rec);
            }
        }
    }
    rng.shuffle(&mut out);
    out
}

fn write_parts(dir: &Path, parts: &[Vec<serde_json::Value>]) -> Vec<String> {
    parts
        .iter()
        .enumerate()
        .map(|(i, recs)| {
            let name = format!("p{i}.jsonl");
            let body: String = recs.iter().map(|r| format!("{r}\n")).collect();
            fs::write(dir.join(&name), body).unwrap();
            name
        })
        .collect()
}

#[test]
fn partials_with_a_merged_scan_equal_one_build() {
    let articles = wikinews();
    let mut local_differs = false;
    for seed in 1..=3u64 {
        let mut rng = fastrand::Rng::with_seed(seed);
        let dir = tempdir();
        let d = dir.path();
        let docs = corpus(&mut rng, &articles);
        let k = rng.usize(3..=4);
        let mut parts = vec![Vec::new(); k];
        for (i, doc) in docs.into_iter().enumerate() {
            parts[if i < k { i } else { rng.usize(..k) }].push(doc);
        }
        let files = write_parts(d, &parts);
        let threads = (1 + seed % 2).to_string();
        // Each part scanned alone (as on its own machine).
        let mut scans = Vec::new();
        for (i, f) in files.iter().enumerate() {
            let out = format!("s{i}.ags");
            ok(d, &["scan", f, "-o", &out, "--threads", &threads]);
            scans.push(out);
        }
        // Merged scans: one merged file (even seeds), or every part's file given to build.
        let mut scan_flags: Vec<String> = Vec::new();
        if seed % 2 == 0 {
            let mut args = vec!["scan", "-o", "all.ags"];
            for s in &scans {
                args.extend(["--scan", s]);
            }
            ok(d, &args);
            scan_flags.extend(["--scan".into(), "all.ags".into()]);
        } else {
            for s in scans.iter().rev() {
                scan_flags.extend(["--scan".into(), s.clone()]);
            }
        }
        for fmt in ["json", "graphml"] {
            let one = format!("one.{fmt}");
            let mut args = vec!["build", "--verbose", "--format", fmt, "-o", &one];
            args.extend(files.iter().map(String::as_str));
            let stderr = ok(d, &args);
            assert!(
                stderr.contains("duplicate document(s) counted once"),
                "seed {seed}: no duplicate found\n{stderr}"
            );
            let mut partials = Vec::new();
            let mut local = Vec::new();
            for (i, f) in files.iter().enumerate() {
                let out = format!("c{i}.agc");
                let mut args = vec!["build", "--partial", f, "-o", &out, "--threads", &threads];
                args.extend(scan_flags.iter().map(String::as_str));
                ok(d, &args);
                partials.push(out);
                let out = format!("l{i}.agc");
                ok(d, &["build", "--partial", f, "-o", &out]);
                local.push(out);
            }
            let merged = format!("merged.{fmt}");
            let mut args = vec!["merge", "--format", fmt, "-o", &merged];
            args.extend(partials.iter().rev().map(String::as_str));
            ok(d, &args);
            let expected = fs::read(d.join(&one)).unwrap();
            assert!(
                fs::read(d.join(&merged)).unwrap() == expected,
                "seed {seed}, {fmt}: partials built with the merged scan differ from one build"
            );
            // Without the shared scan, cross-part copies and furniture are missed: the test
            // can fail.
            let mut args = vec!["merge", "--format", fmt, "-o", "local.out"];
            args.extend(local.iter().map(String::as_str));
            ok(d, &args);
            local_differs |= fs::read(d.join("local.out")).unwrap() != expected;
        }
    }
    assert!(
        local_differs,
        "every split gave the same graph without a shared scan: the corpus tests nothing"
    );
}

#[test]
fn scans_refuse_what_they_cannot_do_exactly() {
    let dir = tempdir();
    let d = dir.path();
    fs::write(d.join("a.txt"), "Iraq and Iran met.").unwrap();
    fs::write(d.join("b.txt"), "Iraq and Syria met.").unwrap();
    fs::write(d.join("junk.ags"), "hello").unwrap();
    ok(d, &["scan", "a.txt", "-o", "s.ags"]);
    ok(d, &["scan", "a.txt", "--keep-duplicates", "-o", "k.ags"]);
    fs::write(d.join("e.txt"), "Iraq met Iran.").unwrap();
    ok(d, &["scan", "e.txt", "-o", "e.ags"]);
    ok(d, &["build", "e.txt", "--scan", "e.ags", "-o", "e.json"]);
    fs::write(d.join("e.txt"), "Iraq met Iran on Sunday.").unwrap();
    let not_in_scan = |id: &str| {
        format!(
            "actorgraph: error: document \"{id}\" is not in the scan this run was given: its \
             duplicates and repeated lines would be decided without it, and the counts would \
             not equal one build of the whole corpus; scan every part of the corpus, merge the \
             scans (`actorgraph scan --scan a.ags --scan b.ags -o all.ags`) and give the merged \
             scan to each build (docs/duplicates.md); if the scan is older than the document's \
             last edit, scan again\n"
        )
    };
    // (arguments, the error message)
    let cases: &[(&[&str], &str)] = &[
        (
            &["build", "a.txt", "--scan", "k.ags"],
            "actorgraph: error: scans made with different options cannot be combined: k.ags was \
             made with --keep-duplicates --repeated-lines 5, this command with --repeated-lines \
             5; scan again with the same --keep-duplicates and --repeated-lines\n",
        ),
        (
            &["build", "a.txt", "--scan", "s.ags", "--repeated-lines", "3"],
            "actorgraph: error: scans made with different options cannot be combined: s.ags was \
             made with --repeated-lines 5, this command with --repeated-lines 3; scan again \
             with the same --keep-duplicates and --repeated-lines\n",
        ),
        (
            &["scan", "--scan", "s.ags", "--scan", "k.ags", "-o", "x.ags"],
            "actorgraph: error: scans made with different options cannot be combined: k.ags was \
             made with --keep-duplicates --repeated-lines 5, this command with --repeated-lines \
             5; scan again with the same --keep-duplicates and --repeated-lines\n",
        ),
        (
            // A scan of other documents than those counted.
            &[
                "build",
                "a.txt",
                "b.txt",
                "--partial",
                "--scan",
                "s.ags",
                "-o",
                "x.agc",
            ],
            &not_in_scan("b"),
        ),
        (
            // A saved scan reused after a document was edited.
            &["build", "e.txt", "--scan", "e.ags", "-o", "x.json"],
            &not_in_scan("e"),
        ),
        (
            &["build", "a.txt", "--scan", "junk.ags"],
            "actorgraph: error: junk.ags: not a scan file (make one with `actorgraph scan \
             INPUTS -o FILE.ags`)\n",
        ),
        (
            &[
                "scan",
                "a.txt",
                "--keep-duplicates",
                "--repeated-lines",
                "0",
                "-o",
                "x.ags",
            ],
            "actorgraph: error: --keep-duplicates with --repeated-lines 0 leaves nothing to \
             scan\n",
        ),
    ];
    for (args, want) in cases {
        let r = run_in(d, args);
        assert_eq!(r.status, 2, "{args:?}");
        assert_eq!(r.stderr, *want, "{args:?}");
    }
    assert!(!d.join("x.ags").exists());
    assert!(!d.join("x.agc").exists());
    assert!(!d.join("x.json").exists());
}

#[test]
fn first_pass_memory_is_reported_and_a_temporary_file_it_cannot_write_explained() {
    // Enough documents for the records to leave memory (64 KB: about 500 records).
    let dir = tempdir();
    let d = dir.path();
    let lines: Vec<String> = (0..1000)
        .map(|i| format!("{{\"id\":\"d{i}\",\"text\":\"Iraq and Iran met on day {i}.\"}}"))
        .collect();
    fs::write(d.join("c.jsonl"), lines.join("\n")).unwrap();
    // With a folder that exists: what --verbose says the pass kept, per document. A record
    // is postcard's varints: the id (1 + 3.89 bytes on average), no date (1), the signature
    // (~10 for the exact hash, ~79 for 16 random 32-bit bands, 1 for the word count), one
    // line key (1 + ~9.5 for a 64-bit hash) and the text length (1): 107 bytes.
    fs::create_dir(d.join("tmp")).unwrap();
    let r = run_with_env(
        d,
        &["build", "c.jsonl", "--verbose", "-o", "ok.json"],
        &[("TMPDIR", d.join("tmp").to_str().unwrap())],
    );
    assert_eq!(r.status, 0, "{}", r.stderr);
    assert!(
        r.stderr.contains(
            "actorgraph: first pass: 1000 document(s) surveyed: 36 bytes each in memory, \
             records of 107 bytes each in a temporary file (past the first 64 KB)\n"
        ),
        "{}",
        r.stderr
    );
    let missing = d.join("no such folder");
    let tmpdir = missing.to_str().unwrap();
    // (arguments, whether the first pass runs)
    let cases: &[(&[&str], bool)] = &[
        (&["build", "c.jsonl", "-o", "x.json"], true),
        (&["scan", "c.jsonl", "-o", "x.ags"], true),
        (
            &[
                "build",
                "c.jsonl",
                "--keep-duplicates",
                "--repeated-lines",
                "0",
                "-o",
                "x.json",
            ],
            false,
        ),
    ];
    for &(args, first_pass) in cases {
        let r = run_with_env(d, args, &[("TMPDIR", tmpdir)]);
        if !first_pass {
            assert_eq!(r.status, 0, "{args:?}: {}", r.stderr);
            fs::remove_file(d.join("x.json")).unwrap();
            continue;
        }
        assert_eq!(r.status, 2, "{args:?}: {}", r.stderr);
        let want = format!("actorgraph: error: {tmpdir}: the first pass's temporary file failed (");
        assert!(r.stderr.starts_with(&want), "{args:?}: {}", r.stderr);
        assert!(
            r.stderr.ends_with(
                "; free space there, or set TMPDIR to a folder with room (about 150 bytes per \
                 document), or skip the first pass with --keep-duplicates --repeated-lines 0\n"
            ),
            "{args:?}: {}",
            r.stderr
        );
        assert_eq!(r.stderr.lines().count(), 1, "{args:?}: {}", r.stderr);
        assert!(!d.join("x.json").exists() && !d.join("x.ags").exists());
    }
}
