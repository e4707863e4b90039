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
    // "PMF chief" names the PMF's chairman (a role), not the PMF; the mention in a "Read
    // more:" line is boilerplate: tagged, not counted.
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
        // Columns: doc, sentence, paragraph, zone, start, end, text, actor, role. Boilerplate
        // and unresolved role mentions (no holder on the document's date) are never linked.
        if f[3] == "boilerplate" || f[7].is_empty() {
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

/// (source, target, weight) of every edge, in output order.
/// The node ids of a JSON graph, in file order.
fn node_ids(g: &serde_json::Value) -> Vec<&str> {
    g["nodes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|n| n["id"].as_str().unwrap())
        .collect()
}

fn weighted_edges(g: &serde_json::Value) -> Vec<(String, String, u64)> {
    g["edges"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| {
            let s = |k: &str| e[k].as_str().unwrap().to_owned();
            (s("source"), s("target"), e["weight"].as_u64().unwrap())
        })
        .collect()
}

#[test]
fn filters_keep_exactly_what_they_select() {
    // Two-sided: each filter keeps every edge it selects from the full graph and nothing else.
    let all = graph_json(&["seeds/"]);
    let edges = weighted_edges(&all);
    let kind: std::collections::HashMap<String, String> = all["nodes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|n| {
            (
                n["id"].as_str().unwrap().to_owned(),
                n["type"].as_str().unwrap().to_owned(),
            )
        })
        .collect();

    let heavy: Vec<_> = edges.iter().filter(|e| e.2 >= 5).cloned().collect();
    assert!(!heavy.is_empty() && heavy.len() < edges.len());
    assert!(
        edges.iter().any(|e| e.2 == 5),
        "the bound itself is exercised"
    );
    assert_eq!(
        weighted_edges(&graph_json(&["seeds/", "--min-weight", "5"])),
        heavy
    );

    let mut ranked = edges.clone();
    ranked.sort_by(|x, y| y.2.cmp(&x.2).then_with(|| (&x.0, &x.1).cmp(&(&y.0, &y.1))));
    for k in [1, 3, 10] {
        let mut top: Vec<_> = ranked[..k].to_vec();
        top.sort();
        assert_eq!(
            weighted_edges(&graph_json(&["seeds/", "--top-edges", &k.to_string()])),
            top,
            "k={k}"
        );
    }

    let people: Vec<_> = edges
        .iter()
        .filter(|e| kind[&e.0] == "person" && kind[&e.1] == "person")
        .cloned()
        .collect();
    let g = graph_json(&["seeds/", "--types", "person", "--keep-isolates"]);
    assert_eq!(weighted_edges(&g), people);
    // Without --keep-isolates, the people left without a link are dropped (issue 15).
    let linked = graph_json(&["seeds/", "--types", "person"]);
    assert_eq!(weighted_edges(&linked), people);
    let mut ends: Vec<&str> = people
        .iter()
        .flat_map(|e| [e.0.as_str(), e.1.as_str()])
        .collect();
    ends.sort();
    ends.dedup();
    let linked_ids: Vec<&str> = node_ids(&linked);
    assert_eq!(
        linked_ids, ends,
        "only linked people without --keep-isolates"
    );
    let want: Vec<&String> = kind
        .iter()
        .filter(|k| k.1 == "person")
        .map(|k| k.0)
        .collect();
    let mut want: Vec<&str> = want.iter().map(|s| s.as_str()).collect();
    want.sort();
    let got: Vec<&str> = node_ids(&g);
    assert_eq!(got, want, "every person, linked or not");

    // --actors is an ego network (NetworkX's ego_graph): Vowell, his neighbours, and every
    // link among them, the ties between his neighbours included.
    let mut around: Vec<&str> = vec!["vowell"];
    for e in edges.iter().filter(|e| e.0 == "vowell" || e.1 == "vowell") {
        around.extend([e.0.as_str(), e.1.as_str()]);
    }
    around.sort();
    around.dedup();
    assert_eq!(around, ["cjtf_oir", "isis", "united_states", "vowell"]);
    let ego: Vec<_> = edges
        .iter()
        .filter(|e| around.contains(&e.0.as_str()) && around.contains(&e.1.as_str()))
        .cloned()
        .collect();
    assert!(
        ego.iter().any(|e| e.0 != "vowell" && e.1 != "vowell"),
        "the seeds link some of Vowell's neighbours to each other"
    );
    // The same network whether he is named by id, label or alias, in any case.
    for name in ["vowell", "JB Vowell", "j.b. vowell", "VOWELL"] {
        let g = graph_json(&["seeds/", "--actors", name]);
        assert_eq!(weighted_edges(&g), ego, "--actors {name}");
        let ids: Vec<&str> = node_ids(&g);
        assert_eq!(ids, around, "--actors {name}");
    }
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
            "--actors: no actor is named \"nobody\" (by id, label or alias)",
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

/// `merge` has no gazetteer: it takes ids and labels (the partial carries labels), and gives
/// the ego network `build` gives.
#[test]
fn merge_takes_actors_by_label_as_build_does() {
    let dir = tempdir();
    let d = dir.path();
    let seeds = root().join("seeds");
    let seeds = seeds.to_str().unwrap();
    let r = run_in(d, &["build", seeds, "--partial", "-o", "s.agc"]);
    assert_eq!(r.status, 0, "{}", r.stderr);
    let built = graph_json(&["seeds/", "--actors", "kataib_hezbollah,JB Vowell"]);
    for names in ["kataib_hezbollah,vowell", "Kataib Hezbollah,jb vowell"] {
        let r = run_in(
            d,
            &["merge", "s.agc", "--format", "json", "--actors", names],
        );
        assert_eq!(r.status, 0, "{names}: {}", r.stderr);
        let merged: serde_json::Value = serde_json::from_str(&r.stdout).unwrap();
        assert_eq!(weighted_edges(&merged), weighted_edges(&built), "{names}");
        assert_eq!(merged["nodes"], built["nodes"], "{names}");
    }
    // An alias is not a label: merge says what it can take.
    let r = run_in(d, &["merge", "s.agc", "--format", "json", "--actors", "KH"]);
    assert_eq!(r.status, 2);
    assert!(
        r.stderr.contains("--actors: no actor is named \"KH\""),
        "{}",
        r.stderr
    );
}

/// `--actors` with `--keep-isolates` keeps a named actor that the other filters left without
/// links, and no other actor.
#[test]
fn named_actors_without_links_stay_alone_with_keep_isolates() {
    // (args, expected node ids)
    let cases: &[(&[&str], &[&str])] = &[
        (
            &[
                "seeds/",
                "--actors",
                "vowell",
                "--min-weight",
                "1000",
                "--keep-isolates",
            ],
            &["vowell"],
        ),
        (
            &[
                "seeds/",
                "--actors",
                "vowell,rasool",
                "--min-weight",
                "1000",
                "--keep-isolates",
            ],
            &["rasool", "vowell"],
        ),
        (
            &[
                "seeds/",
                "--actors",
                "vowell",
                "--types",
                "state",
                "--keep-isolates",
            ],
            &[],
        ),
    ];
    for (args, want) in cases {
        let r = run_in(
            &root(),
            &[&["build", "--format", "json"][..], args].concat(),
        );
        assert!(r.status <= 1, "{args:?}: {}", r.stderr);
        let g: serde_json::Value = serde_json::from_str(&r.stdout).unwrap();
        let ids: Vec<&str> = node_ids(&g);
        assert_eq!(ids, *want, "{args:?}");
        assert!(g["edges"].as_array().unwrap().is_empty(), "{args:?}");
    }
}

/// GEXF is dynamic (with a time format) exactly when some document carried a date.
#[test]
fn gexf_is_dynamic_only_for_dated_corpora() {
    let dir = tempdir();
    let d = dir.path();
    std::fs::write(d.join("undated.txt"), "Vowell met Rasool.").unwrap();
    std::fs::write(
        d.join("dated.jsonl"),
        "{\"id\":\"a\",\"text\":\"Vowell met Rasool.\",\"date\":\"2024-02-11\"}\n",
    )
    .unwrap();
    // (input, expected <graph> element)
    let cases = [
        (
            "undated.txt",
            r#"<graph defaultedgetype="undirected" mode="static">"#,
        ),
        (
            "dated.jsonl",
            r#"<graph defaultedgetype="undirected" mode="dynamic" timeformat="date">"#,
        ),
    ];
    for (input, want) in cases {
        let r = run_in(d, &["build", input, "--format", "gexf"]);
        assert_eq!(r.status, 0, "{input}: {}", r.stderr);
        let graph = r.stdout.lines().find(|l| l.contains("<graph ")).unwrap();
        assert_eq!(graph.trim(), want, "{input}");
    }
}

/// Relation counters are written only where they say something: never on co-mention edges,
/// and on typed edges only when not zero (the seeds have planned meetings, no negated ones).
#[test]
fn json_edges_carry_relation_counters_only_when_not_zero() {
    let g = graph_json(&["seeds/", "--edges", "both"]);
    let edges = g["edges"].as_array().unwrap();
    let co: Vec<_> = edges.iter().filter(|e| e.get("kind").is_none()).collect();
    assert!(!co.is_empty());
    for e in &co {
        assert!(
            e.get("negated").is_none() && e.get("planned").is_none(),
            "{e}"
        );
    }
    let planned: Vec<_> = edges
        .iter()
        .filter(|e| e.get("planned").is_some())
        .collect();
    assert!(
        !planned.is_empty(),
        "the seeds' scheduled talks are planned meetings"
    );
    for e in planned {
        assert!(e["planned"].as_u64().unwrap() > 0, "{e}");
        assert!(e.get("kind").is_some(), "{e}");
    }
    assert!(edges.iter().all(|e| e.get("negated").is_none()));
}
