//! Real corpora, honest edges (issue 12): page furniture is tagged but not linked, headlines
//! are units of their own, syndicated copies count once.
//!
//! Wikinews text (CC BY 2.5, Wikinews contributors,
//! https://creativecommons.org/licenses/by/2.5/) is read from `../shared/data`, never copied.

mod util;

use std::collections::BTreeMap;
use std::fs;

use actorgraph::dedup::{self, Candidate};
use util::{root, run_in, run_with_stdin, tempdir, wikinews};

fn edges(stdout: &str) -> BTreeMap<(String, String), u64> {
    let g: serde_json::Value = serde_json::from_str(stdout).unwrap();
    g["edges"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| {
            let s = |k: &str| e[k].as_str().unwrap().to_owned();
            ((s("source"), s("target")), e["weight"].as_u64().unwrap())
        })
        .collect()
}

fn pair(a: &str, b: &str) -> (String, String) {
    (a.to_owned(), b.to_owned())
}

#[test]
fn seed_furniture_makes_no_edges_unless_kept() {
    let r = run_in(&root(), &["build", "seeds/"]);
    assert_eq!(r.status, 0, "{}", r.stderr);
    let honest = edges(&r.stdout);
    let r = run_in(&root(), &["build", "seeds/", "--keep-boilerplate"]);
    let all = edges(&r.stdout);
    // (edge, why it only comes from furniture)
    let cases = [
        (
            pair("donald_trump", "united_nations"),
            "teaser list after \"You might also like\" in 003",
        ),
        (pair("iran", "united_nations"), "teaser list in 003"),
        (pair("donald_trump", "iran"), "teaser list in 003"),
        (
            pair("iraqi_pm_media_office", "iraqi_pm_media_office"),
            "never a self-loop",
        ),
    ];
    for (edge, why) in &cases[..3] {
        assert!(!honest.contains_key(edge), "{edge:?}: {why}");
        assert!(all.contains_key(edge), "{edge:?} with --keep-boilerplate");
    }
    assert!(!all.contains_key(&cases[3].0));
}

#[test]
fn headlines_link_or_are_skipped() {
    let doc = "{\"id\": \"a\", \"title\": \"Vowell meets Rasool\", \"text\": \"The general spoke on Sunday. Sudani was not there.\"}\n";
    let dir = tempdir();
    // (name, flags, expected edges)
    type Case<'a> = (&'a str, &'a [&'a str], &'a [(&'a str, &'a str)]);
    let cases: &[Case] = &[
        ("link", &[], &[("rasool", "vowell")]),
        ("skip", &["--headlines", "skip"], &[]),
    ];
    for (name, flags, expected) in cases {
        let mut args = vec!["build", "-"];
        args.extend_from_slice(flags);
        let r = run_with_stdin(dir.path(), &args, Some(doc.as_bytes()));
        let got: Vec<(String, String)> = edges(&r.stdout).into_keys().collect();
        let want: Vec<(String, String)> = expected.iter().map(|(a, b)| pair(a, b)).collect();
        assert_eq!(got, want, "{name}: {}", r.stderr);
    }
    // The title is tagged at the start of the text, as a headline.
    let r = run_with_stdin(dir.path(), &["tag", "-"], Some(doc.as_bytes()));
    let first: serde_json::Value = serde_json::from_str(r.stdout.lines().next().unwrap()).unwrap();
    assert_eq!(
        (first["zone"].as_str(), first["start"].as_u64()),
        (Some("headline"), Some(0))
    );
}

#[test]
fn lines_repeated_across_documents_are_furniture() {
    let dir = tempdir();
    let mut corpus = String::new();
    for i in 0..5 {
        let text = format!(
            "Story {i}: talks resumed in Baghdad on day {i}.\nFollow Iraq and Iran news on our channel\n"
        );
        corpus.push_str(&serde_json::json!({"id": format!("d{i}"), "text": text}).to_string());
        corpus.push('\n');
    }
    fs::write(dir.path().join("c.jsonl"), &corpus).unwrap();
    // (name, flags, has the furniture edge, --verbose: lines found and from how many
    // documents)
    type Case<'a> = (&'a str, &'a [&'a str], bool, Option<(u32, u32)>);
    let cases: &[Case] = &[
        ("default threshold 5", &[], false, Some((1, 5))),
        (
            "threshold 2",
            &["--repeated-lines", "2"],
            false,
            Some((1, 2)),
        ),
        (
            "threshold 6",
            &["--repeated-lines", "6"],
            true,
            Some((0, 6)),
        ),
        ("off", &["--repeated-lines", "0"], true, None),
    ];
    for (name, flags, has, found) in cases {
        let mut args = vec!["build", "c.jsonl", "--verbose"];
        args.extend_from_slice(flags);
        let r = run_in(dir.path(), &args);
        let e = edges(&r.stdout);
        assert_eq!(
            e.contains_key(&pair("iran", "iraq")),
            *has,
            "{name}: {}",
            r.stderr
        );
        assert_eq!(
            r.stderr.contains("line(s) found in"),
            found.is_some(),
            "{name}: {}",
            r.stderr
        );
        if let Some((lines, min)) = found {
            let want = format!(
                "actorgraph: first pass: {lines} line(s) found in {min} or more documents: \
                 site furniture, not linked (--repeated-lines)\n"
            );
            assert!(r.stderr.contains(&want), "{name}: {}", r.stderr);
        }
    }
}

/// A syndicated copy: a new headline, the last paragraph trimmed.
fn syndicated(text: &str) -> String {
    let paras: Vec<&str> = text.split("\n\n").collect();
    format!(
        "BREAKING: wire report\n\n{}",
        paras[..paras.len() - 1].join("\n\n")
    )
}

#[test]
fn wikinews_articles_are_distinct_and_their_copies_are_caught() {
    let articles = wikinews();
    assert!(articles.len() >= 290);
    let text = |a: &serde_json::Value| a["text"].as_str().unwrap().to_owned();
    let originals: Vec<Candidate> = articles
        .iter()
        .map(|a| Candidate {
            id: a["id"].as_str().unwrap().to_owned(),
            date: a["date"].as_str().and_then(|d| d.parse().ok()),
            signature: dedup::signature(&text(a)),
        })
        .collect();
    // Different articles (many about the same events of 2019-2020) are never merged.
    assert_eq!(dedup::decide(originals.clone()).list, []);
    // Copies of long articles (new headline, last paragraph dropped) are caught: every copy at
    // word-shingle Jaccard >= 0.85 (the "about 0.9"), and most of those below (the
    // catch rate at J = 0.72 is 0.6, docs/duplicates.md).
    let mut with_copies = originals.clone();
    let mut must = Vec::new();
    let mut copies = Vec::new();
    for a in articles
        .iter()
        .filter(|a| text(a).split("\n\n").count() >= 8)
        .take(40)
    {
        let id = format!("copy-of-{}", a["id"].as_str().unwrap());
        let copy = syndicated(&text(a));
        if jaccard(&text(a), &copy) >= 0.85 {
            must.push(id.clone());
        }
        with_copies.push(Candidate {
            id: id.clone(),
            date: None,
            signature: dedup::signature(&copy),
        });
        copies.push(id);
    }
    let got: Vec<String> = dedup::decide(with_copies)
        .list
        .into_iter()
        .map(|d| d.id)
        .collect();
    assert!(got.iter().all(|id| copies.contains(id)), "{got:?}");
    assert!(must.len() >= 30, "{}", must.len());
    for id in &must {
        assert!(got.contains(id), "{id} not caught");
    }
    assert!(got.len() >= 38, "{} of 40 caught", got.len());
}

/// Word 5-shingle Jaccard similarity, words as `dedup::signature` sees them.
fn jaccard(a: &str, b: &str) -> f64 {
    use std::collections::BTreeSet;
    let shingles = |t: &str| -> BTreeSet<Vec<String>> {
        let words: Vec<String> = t
            .split(|c: char| c.is_ascii() && !c.is_ascii_alphanumeric())
            .filter(|w| !w.is_empty())
            .map(|w| w.to_ascii_lowercase())
            .collect();
        words.windows(5).map(|w| w.to_vec()).collect()
    };
    let (x, y) = (shingles(a), shingles(b));
    x.intersection(&y).count() as f64 / x.union(&y).count() as f64
}

/// A dump given twice (the same file twice, or records appended again) is the dump once: each
/// document is its own kept copy, its repeat set aside. Until session 4 both arrivals were set
/// aside and the whole corpus vanished (an empty graph).
#[test]
fn a_dump_given_twice_builds_the_graph_of_the_dump_once() {
    let dir = tempdir();
    let dump: String = wikinews().iter().map(|a| format!("{a}\n")).collect();
    fs::write(dir.path().join("a.jsonl"), &dump).unwrap();
    fs::write(dir.path().join("twice.jsonl"), dump.repeat(2)).unwrap();
    let once = run_in(dir.path(), &["build", "a.jsonl"]);
    let twice = run_in(dir.path(), &["build", "twice.jsonl", "--verbose"]);
    assert_eq!(twice.status, 0, "{}", twice.stderr);
    assert!(edges(&once.stdout).len() > 20);
    assert_eq!(edges(&twice.stdout), edges(&once.stdout));
    let documents = |out: &str| {
        serde_json::from_str::<serde_json::Value>(out).unwrap()["corpus"]["documents"].clone()
    };
    assert_eq!(documents(&twice.stdout), documents(&once.stdout));
    let n = dump.lines().count();
    assert!(
        twice
            .stderr
            .contains(&format!("{n} duplicate document(s) counted once:"))
            && twice.stderr.contains("(given more than once)"),
        "{}",
        twice.stderr
    );
}

#[test]
fn build_counts_syndicated_copies_once() {
    let articles = wikinews();
    let picked: Vec<&serde_json::Value> = articles
        .iter()
        .filter(|a| a["text"].as_str().unwrap().split("\n\n").count() >= 8)
        .take(12)
        .collect();
    let dir = tempdir();
    let mut originals = String::new();
    let mut copies = String::new();
    for (i, a) in picked.iter().enumerate() {
        let line =
            serde_json::json!({"id": format!("a{i:02}"), "date": a["date"], "text": a["text"]});
        originals.push_str(&format!("{line}\n"));
        // Two outlets republish it a day later: one verbatim, one edited.
        let text = a["text"].as_str().unwrap();
        for (k, t) in [
            ("x", text.replace("\n\n", "\n\n\n")),
            ("y", syndicated(text)),
        ] {
            let line =
                serde_json::json!({"id": format!("{k}{i:02}"), "date": "2030-01-01", "text": t});
            copies.push_str(&format!("{line}\n"));
        }
    }
    fs::write(dir.path().join("a.jsonl"), &originals).unwrap();
    fs::write(dir.path().join("b.jsonl"), &copies).unwrap();
    let once = run_in(dir.path(), &["build", "a.jsonl"]);
    let deduped = run_in(dir.path(), &["build", "a.jsonl", "b.jsonl", "--verbose"]);
    let kept = run_in(
        dir.path(),
        &["build", "a.jsonl", "b.jsonl", "--keep-duplicates"],
    );
    assert_eq!(deduped.status, 0, "{}", deduped.stderr);
    assert!(!edges(&once.stdout).is_empty());
    assert_eq!(edges(&deduped.stdout), edges(&once.stdout));
    assert_ne!(edges(&kept.stdout), edges(&once.stdout));
    assert!(
        deduped
            .stderr
            .contains("24 duplicate document(s) counted once:"),
        "{}",
        deduped.stderr
    );
    assert!(
        deduped.stderr.contains("x00 (same text as a00)"),
        "{}",
        deduped.stderr
    );
    assert!(
        deduped.stderr.contains("y00 (near copy of a00)"),
        "{}",
        deduped.stderr
    );
}
