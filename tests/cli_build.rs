//! `actorgraph build`: formats, filters, determinism, errors.

mod util;

use std::fs;

use util::{listing, root, run_in, tempdir};

fn graph_json(args: &[&str]) -> serde_json::Value {
    let mut a = vec!["build"];
    a.extend(args);
    a.extend(["--format", "json"]);
    let r = run_in(&root(), &a);
    assert_eq!(r.status, 0, "{}", r.stderr);
    serde_json::from_str(&r.stdout).unwrap()
}

fn edge<'a>(g: &'a serde_json::Value, a: &str, b: &str) -> Option<&'a serde_json::Value> {
    g["edges"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["source"] == a && e["target"] == b)
}

#[test]
fn seeds_graph_has_the_core_links_with_evidence() {
    let g = graph_json(&["seeds/"]);
    assert_eq!(g["corpus"]["documents"], 5);
    let e = edge(&g, "cjtf_oir", "vowell").expect("Vowell commands CJTF-OIR");
    assert_eq!(e["weight"], 2);
    assert_eq!(e["documents"], 1);
    let ev = &e["evidence"][0];
    assert_eq!(ev["doc"], "000_ae98878f160676b2");
    assert_eq!(ev["sentence"], 1);
    let text = fs::read_to_string(root().join("seeds/000_ae98878f160676b2.txt")).unwrap();
    let (s, t) = (
        ev["start"].as_u64().unwrap() as usize,
        ev["end"].as_u64().unwrap() as usize,
    );
    assert_eq!(&text[s..t], ev["text"].as_str().unwrap());
    assert!(ev["text"]
        .as_str()
        .unwrap()
        .starts_with("Commander of the Combined Task Force"));
    // "Iraqi Popular Mobilization Forces (PMF)": one actor once per unit, no self-loop.
    assert!(g["edges"]
        .as_array()
        .unwrap()
        .iter()
        .all(|e| e["source"] != e["target"]));
    let pmf = g["nodes"]
        .as_array()
        .unwrap()
        .iter()
        .find(|n| n["id"] == "pmf")
        .unwrap();
    // The fifth mention is in a "Read more:" line: boilerplate is tagged, not counted.
    assert_eq!(pmf["mentions"], 4);
    assert_eq!(pmf["sentences"], 3);
}

#[test]
fn weights_equal_a_naive_recount_of_tag_output() {
    use std::collections::{BTreeMap, BTreeSet};
    let r = run_in(&root(), &["tag", "seeds/", "--format", "tsv"]);
    let mut units: BTreeMap<(String, String), BTreeSet<String>> = BTreeMap::new();
    for line in r.stdout.lines().skip(1) {
        let f: Vec<&str> = line.split('\t').collect();
        // Columns: doc, sentence, paragraph, zone, start, end, text, actor.
        if f[3] == "boilerplate" {
            continue;
        }
        units
            .entry((f[0].to_owned(), f[1].to_owned()))
            .or_default()
            .insert(f[7].to_owned());
    }
    let mut weights: BTreeMap<(String, String), u64> = BTreeMap::new();
    for actors in units.values() {
        let v: Vec<&String> = actors.iter().collect();
        for i in 0..v.len() {
            for j in i + 1..v.len() {
                *weights.entry((v[i].clone(), v[j].clone())).or_default() += 1;
            }
        }
    }
    let g = graph_json(&["seeds/"]);
    let got: BTreeMap<(String, String), u64> = g["edges"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| {
            let k = (
                e["source"].as_str().unwrap().to_owned(),
                e["target"].as_str().unwrap().to_owned(),
            );
            (k, e["weight"].as_u64().unwrap())
        })
        .collect();
    assert_eq!(got, weights);
}

#[test]
fn units_change_the_counting() {
    let s = graph_json(&["seeds/"]);
    let p = graph_json(&["seeds/", "--unit", "paragraph"]);
    let d = graph_json(&["seeds/", "--unit", "document"]);
    let n = |g: &serde_json::Value| g["edges"].as_array().unwrap().len();
    assert!(
        n(&s) <= n(&p) && n(&p) <= n(&d),
        "{} {} {}",
        n(&s),
        n(&p),
        n(&d)
    );
    assert_eq!(d["corpus"]["units"], 5);
    // Two documents mention both Sudani and Rasool? Document unit weight = shared documents.
    let e = edge(&d, "iraq", "united_states").unwrap();
    assert_eq!(e["weight"], 5);
}

#[test]
fn filters_trim_the_graph() {
    let all = graph_json(&["seeds/"]);
    let heavy = graph_json(&["seeds/", "--min-weight", "5"]);
    assert!(heavy["edges"]
        .as_array()
        .unwrap()
        .iter()
        .all(|e| e["weight"].as_u64().unwrap() >= 5));
    let top = graph_json(&["seeds/", "--top-edges", "3"]);
    let tw: Vec<u64> = top["edges"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["weight"].as_u64().unwrap())
        .collect();
    assert_eq!(tw.len(), 3);
    let max = all["edges"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["weight"].as_u64().unwrap())
        .max()
        .unwrap();
    assert!(tw.contains(&max));
    let people = graph_json(&["seeds/", "--types", "person"]);
    assert!(people["nodes"]
        .as_array()
        .unwrap()
        .iter()
        .all(|n| n["type"] == "person"));
    let ego = graph_json(&["seeds/", "--actors", "vowell"]);
    assert!(ego["edges"]
        .as_array()
        .unwrap()
        .iter()
        .all(|e| e["source"] == "vowell" || e["target"] == "vowell"));
    let ids: Vec<&str> = ego["nodes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|n| n["id"].as_str().unwrap())
        .collect();
    assert_eq!(ids, ["cjtf_oir", "isis", "united_states", "vowell"]);
}

#[test]
fn date_filters_keep_dated_documents_in_range() {
    let dir = tempdir();
    fs::write(
        dir.path().join("c.jsonl"),
        "{\"id\":\"a\",\"text\":\"Sudani met Rasool.\",\"date\":\"2024-01-01\"}\n\
         {\"id\":\"b\",\"text\":\"Sudani met Vowell.\",\"date\":\"2024-02-01\"}\n\
         {\"id\":\"c\",\"text\":\"Sudani met Ryder.\"}\n",
    )
    .unwrap();
    let r = run_in(dir.path(), &["build", "c.jsonl", "--since", "2024-01-15"]);
    assert_eq!(r.status, 0, "{}", r.stderr);
    let g: serde_json::Value = serde_json::from_str(&r.stdout).unwrap();
    assert_eq!(g["corpus"]["documents"], 1);
    assert_eq!(g["corpus"]["excluded_documents"], 2);
    let e = &g["edges"][0];
    assert_eq!(
        (e["source"].as_str(), e["target"].as_str()),
        (Some("sudani"), Some("vowell"))
    );
    assert_eq!(e["first_date"], "2024-02-01");
    let r = run_in(dir.path(), &["build", "c.jsonl", "--until", "yesterday"]);
    assert_eq!(r.status, 2);
    assert!(
        r.stderr.contains("\"yesterday\" is not an ISO 8601 date"),
        "{}",
        r.stderr
    );
}

#[test]
fn output_is_byte_identical_across_runs_order_and_threads() {
    let dir = tempdir();
    let d = dir.path();
    let names: Vec<String> = fs::read_dir(root().join("seeds"))
        .unwrap()
        .map(|e| e.unwrap().path().to_str().unwrap().to_owned())
        .collect();
    let mut sorted = names.clone();
    sorted.sort();
    let mut reversed = sorted.clone();
    reversed.reverse();
    for fmt in ["json", "graphml", "gexf", "dot"] {
        let mut outs = Vec::new();
        for (files, threads) in [
            (&sorted, "1"),
            (&sorted, "1"),
            (&reversed, "1"),
            (&sorted, "2"),
            (&reversed, "8"),
        ] {
            let out = format!("g-{threads}-{}.{fmt}", outs.len());
            let mut a: Vec<&str> = vec!["build", "--threads", threads, "-o", &out];
            a.extend(files.iter().map(String::as_str));
            let r = run_in(d, &a);
            assert_eq!(r.status, 0, "{}", r.stderr);
            outs.push(fs::read(d.join(&out)).unwrap());
        }
        assert!(outs.windows(2).all(|w| w[0] == w[1]), "{fmt} differs");
    }
}

#[test]
fn bad_requests_give_one_line_and_no_file() {
    let dir = tempdir();
    // (args, expected error)
    let cases: &[(&[&str], &str)] = &[
        (
            &["build", "-o", "g.xyz"],
            "cannot tell the format from \"g.xyz\"",
        ),
        (
            &["build", "--format", "csv"],
            "csv output is two files: give -o NAME.csv or -o DIR",
        ),
        (
            &["build", "-o", "missing/dir/g.json"],
            "the directory missing/dir does not exist",
        ),
        (
            &["build", "--actors", "nobody"],
            "--actors: no actor has the id \"nobody\"",
        ),
    ];
    for (args, expected) in cases {
        let r = run_in(dir.path(), args);
        assert_eq!(r.status, 2, "{args:?}");
        assert_eq!(r.stderr.lines().count(), 1, "{args:?}: {}", r.stderr);
        assert!(r.stderr.contains(expected), "{args:?}: {}", r.stderr);
        assert!(
            listing(dir.path()).is_empty(),
            "{args:?} left {:?}",
            listing(dir.path())
        );
    }
}

#[test]
fn svg_is_rendered_by_graphviz() {
    let dir = tempdir();
    let r = run_in(dir.path(), &["build", "-o", "g.svg"]);
    assert_eq!(r.status, 0, "{}", r.stderr);
    let svg = fs::read_to_string(dir.path().join("g.svg")).unwrap();
    assert!(svg.contains("<svg") && svg.contains("Kataib Hezbollah"));
    // Without Graphviz on PATH: a clear error naming the package, and no file.
    let r = util::run_with_env(
        dir.path(),
        &["build", "-o", "h.svg"],
        &[("PATH", "/nonexistent")],
    );
    assert_eq!(r.status, 2);
    assert!(
        r.stderr.contains("install the package `graphviz`"),
        "{}",
        r.stderr
    );
    assert!(!dir.path().join("h.svg").exists());
}
