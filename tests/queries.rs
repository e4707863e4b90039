//! Queries checked against answers NetworkX computed for a hand-made graph
//! (tests/fixtures/make_handmade.py), and the `query` command run as a user would.

mod util;

use std::collections::BTreeMap;
use std::fs;

use actorgraph::export::json;
use actorgraph::graph::ActorGraph;
use actorgraph::query::{self, centrality, community, path, stats, Resolver};
use petgraph::graph::NodeIndex;
use serde_json::Value;
use util::{root, run_in, tempdir};

fn handmade() -> (ActorGraph, Value) {
    let dir = root().join("tests/fixtures");
    let g = json::read(
        "handmade.json",
        &fs::read(dir.join("handmade.json")).unwrap(),
    )
    .unwrap();
    let e: Value =
        serde_json::from_slice(&fs::read(dir.join("handmade.expected.json")).unwrap()).unwrap();
    (g, e)
}

fn by_id(g: &ActorGraph, scores: &[f64]) -> BTreeMap<String, f64> {
    g.nodes()
        .map(|n| n.id.clone())
        .zip(scores.iter().copied())
        .collect()
}

fn node(g: &ActorGraph, id: &str) -> NodeIndex {
    g.graph
        .node_indices()
        .find(|&i| g.graph[i].id == id)
        .unwrap()
}

#[test]
fn centralities_match_networkx() {
    let (g, e) = handmade();
    // (name, our scores, NetworkX's key, tolerance)
    let cases: Vec<(&str, Vec<f64>, &str, f64)> = vec![
        ("degree", centrality::degree(&g), "degree", 0.0),
        (
            "weighted degree",
            centrality::weighted_degree(&g),
            "weighted_degree",
            0.0,
        ),
        (
            "betweenness",
            centrality::betweenness(&g, false),
            "betweenness",
            1e-12,
        ),
        (
            "weighted betweenness",
            centrality::betweenness(&g, true),
            "betweenness_weighted",
            1e-12,
        ),
        ("pagerank", centrality::pagerank(&g), "pagerank", 1e-6),
        (
            "eigenvector",
            centrality::eigenvector(&g, false),
            "eigenvector",
            1e-6,
        ),
        (
            "weighted eigenvector",
            centrality::eigenvector(&g, true),
            "eigenvector_weighted",
            1e-6,
        ),
    ];
    for (name, ours, key, tol) in cases {
        let ours = by_id(&g, &ours);
        let want = e[key].as_object().unwrap();
        assert_eq!(ours.len(), want.len(), "{name}");
        for (id, v) in want {
            let got = ours[id];
            let v = v.as_f64().unwrap();
            assert!(
                (got - v).abs() <= tol,
                "{name} of {id}: ours {got}, NetworkX {v}"
            );
        }
    }
}

#[test]
fn paths_match_networkx() {
    let (g, e) = handmade();
    let short = path::shortest_hops(&g, node(&g, "a2"), node(&g, "d1")).unwrap();
    assert_eq!(
        short.hops.len() as u64,
        e["shortest_hops_a2_d1"].as_u64().unwrap()
    );
    // Ties among shortest chains go to the smaller ids: a2-a1-b1-b4-d1.
    assert_eq!(short.actors, ["a2", "a1", "b1", "b4", "d1"]);
    let strong = path::strongest(&g, node(&g, "a2"), node(&g, "d1")).unwrap();
    let want: Vec<String> = serde_json::from_value(e["strongest_a2_d1"].clone()).unwrap();
    assert_eq!(strong.actors, want);
    assert_eq!(strong.cost, e["strongest_cost_a2_d1"].as_f64().unwrap());
    assert!(strong.hops.iter().all(|h| h.evidence.is_some()));
    assert!(path::shortest_hops(&g, node(&g, "a1"), node(&g, "c1")).is_none());
    assert!(path::strongest(&g, node(&g, "a1"), node(&g, "c1")).is_none());
    assert_eq!(path::component_size(&g, node(&g, "c2")), 2);
}

#[test]
fn communities_match_networkx_and_are_deterministic() {
    let (g, e) = handmade();
    for seed in [1, 2, 3, 42] {
        let c = community::louvain(&g, seed, 1.0);
        let mut groups: Vec<Vec<String>> = vec![Vec::new(); c.count];
        for (n, &m) in g.nodes().zip(&c.membership) {
            groups[m as usize].push(n.id.clone());
        }
        groups.sort();
        let want: Vec<Vec<String>> = serde_json::from_value(e["communities"].clone()).unwrap();
        assert_eq!(groups, want, "seed {seed}");
        assert!((c.modularity - e["modularity"].as_f64().unwrap()).abs() < 1e-12);
        // Numbered by size: the 5-actor community is 0.
        assert_eq!(c.membership[node(&g, "b1").index()], 0);
        assert_eq!(
            community::louvain(&g, seed, 1.0),
            c,
            "same seed, same answer"
        );
    }
}

#[test]
fn stats_match_networkx() {
    let (g, e) = handmade();
    let s = stats::stats(&g, 3);
    assert_eq!((s.actors, s.edges), (11, 15));
    assert!((s.density - e["density"].as_f64().unwrap()).abs() < 1e-12);
    assert_eq!(s.components as u64, e["components"].as_u64().unwrap());
    assert_eq!(s.largest_component, 9);
    assert_eq!(s.top_pairs[0], ("a1".into(), "a2".into(), 4));
    // (actors, links, density): NetworkX's density is 0 for fewer than two nodes.
    type Tiny<'a> = (&'a [&'a str], &'a [(&'a str, &'a str, u64)], f64);
    let tiny: [Tiny; 3] = [
        (&[], &[], 0.0),
        (&["a"], &[], 0.0),
        (&["a", "b"], &[("a", "b", 2)], 1.0),
    ];
    for (ids, links, density) in tiny {
        assert_eq!(
            stats::stats(&small_graph(ids, links), 3).density,
            density,
            "{ids:?}"
        );
    }
}

#[test]
fn names_resolve_by_id_label_and_alias() {
    let gaz = actorgraph::gazetteer::Gazetteer::embedded();
    let r = run_in(&root(), &["build", "-o", "-", "--format", "json"]);
    let g = json::read("seeds", r.stdout.as_bytes()).unwrap();
    let res = Resolver::new(&g, Some(&gaz));
    // (what a user types, the actor)
    let cases = [
        ("sudani", "sudani"),
        ("Al-Sudani", "sudani"),
        ("AL–SUDANI", "sudani"),
        ("mohammed shia al-sudani", "sudani"),
        ("PMF", "pmf"),
        ("popular mobilization forces", "pmf"),
        ("CJTF-OIR", "cjtf_oir"),
        ("  Vowell ", "vowell"),
    ];
    for (name, id) in cases {
        let ix = res.resolve(name).unwrap_or_else(|e| panic!("{name}: {e}"));
        assert_eq!(g.graph[ix].id, id, "{name}");
    }
    let err = res.resolve("Sudanii").unwrap_err().to_string();
    assert!(
        err.contains("did you mean sudani (Mohammed Shia al-Sudani)"),
        "{err}"
    );
}

#[test]
fn query_command_answers_and_fails_clearly() {
    let dir = tempdir();
    let d = dir.path();
    let fixture = root().join("tests/fixtures/handmade.json");
    let fixture = fixture.to_str().unwrap();
    fs::write(d.join("other.json"), r#"{"nodes": [], "links": []}"#).unwrap();
    fs::write(d.join("broken.json"), "{\"format\": ").unwrap();
    let mut partial = b"actorgraph-counts\n".to_vec();
    partial.extend([0, 1, 2]);
    fs::write(d.join("counts.agc"), partial).unwrap();

    let r = run_in(
        d,
        &["query", "--graph", fixture, "neighbors", "A1", "--json"],
    );
    assert_eq!(r.status, 0, "{}", r.stderr);
    let v: Value = serde_json::from_str(&r.stdout).unwrap();
    let ids: Vec<&str> = v["neighbors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|n| n["id"].as_str().unwrap())
        .collect();
    assert_eq!(ids, ["a2", "a3", "a4", "b1"]);

    let r = run_in(d, &["query", "--graph", fixture, "path", "a2", "c1"]);
    assert_eq!(r.status, 0);
    assert_eq!(
        r.stdout,
        "a2 and c1 are not connected (a2 is in a component of 9 actor(s), c1 in one of 2)\n"
    );

    let r = run_in(
        d,
        &[
            "query",
            "--graph",
            fixture,
            "top",
            "--by",
            "betweenness",
            "--limit",
            "2",
        ],
    );
    assert_eq!(r.stdout, "rank  id  label  type     score\n   1  b1  B1     person  0.3556\n   2  a1  A1     person  0.3333\n");

    // (args, expected error line)
    let errors: &[(&[&str], &str)] = &[
        (
            &["query", "--graph", fixture, "neighbors", "zz"],
            "unknown actor \"zz\"",
        ),
        (
            &["query", "--graph", "missing.json", "stats"],
            "missing.json: No such file or directory",
        ),
        (
            &["query", "--graph", "other.json", "stats"],
            "other.json: not an actorgraph graph",
        ),
        (
            &["query", "--graph", "broken.json", "stats"],
            "broken.json:1:11: not valid JSON",
        ),
        (
            &["query", "--graph", "counts.agc", "stats"],
            "counts.agc: this is a file of partial counts, not a graph; merge partials into one with `actorgraph merge FILE... -o graph.json`",
        ),
        (
            &[
                "query",
                "--graph",
                fixture,
                "--since",
                "2024-01-01",
                "stats",
            ],
            // Issue 13: a saved graph without periods names the fix.
            "this graph has none; rebuild it with `actorgraph build --period day -o graph.json`",
        ),
    ];
    for (args, expected) in errors {
        let r = run_in(d, args);
        assert_eq!(r.status, 2, "{args:?}");
        assert_eq!(r.stdout, "", "{args:?}");
        assert_eq!(r.stderr.lines().count(), 1, "{args:?}: {}", r.stderr);
        assert!(r.stderr.contains(expected), "{args:?}: {}", r.stderr);
    }
}

#[test]
fn a_saved_graph_is_named_with_the_gazetteer_it_was_built_with() {
    let dir = tempdir();
    let d = dir.path();
    fs::write(
        d.join("companies.json"),
        r#"{"actors": [
            {"id": "acme", "label": "Acme Corp", "type": "company", "aliases": ["Acme"]},
            {"id": "globex", "label": "Globex", "type": "company", "aliases": ["Globex Inc"]}]}"#,
    )
    .unwrap();
    fs::write(d.join("news.txt"), "Acme met Globex Inc. in Baghdad.").unwrap();
    for args in [
        &[
            "build",
            "news.txt",
            "-g",
            "companies.json",
            "-o",
            "companies-graph.json",
        ][..],
        &["build", "-o", "seeds.json"],
    ] {
        let r = run_in(d, args);
        assert_eq!(r.status, 0, "{args:?}: {}", r.stderr);
    }
    let other = "(2 of the graph's 2 actors are not in the gazetteer: it was built with another \
        one; give that one with -g FILE to name actors by their aliases)";
    // (graph, -g, the name asked, the first line of stdout or the error): a graph built with
    // another gazetteer than the one given (the embedded one without -g) knows its ids and
    // labels, and says why an alias is unknown; the default gazetteer's actors are not
    // "in the gazetteer but not in the graph" there.
    let cases: &[(&str, Option<&str>, &str, &str)] = &[
        ("companies-graph.json", None, "Acme Corp", "Acme Corp (acme): 1 neighbour(s)"),
        ("companies-graph.json", None, "globex", "Globex (globex): 1 neighbour(s)"),
        ("companies-graph.json", None, "Globex Inc", other),
        ("companies-graph.json", None, "Kadhimi", other),
        ("companies-graph.json", Some("companies.json"), "Globex Inc", "Globex (globex): 1 neighbour(s)"),
        ("companies-graph.json", Some("companies.json"), "Initech", "unknown actor \"Initech\""),
        ("seeds.json", None, "al-sudani", "Mohammed Shia al-Sudani (sudani):"),
        ("seeds.json", None, "Kadhimi", "actor \"Kadhimi\" (kadhimi, Mustafa Al-Kadhimi) is in the gazetteer but not in the graph"),
    ];
    for (graph, gazetteer, name, expected) in cases {
        let mut args = vec!["query", "--graph", graph];
        if let Some(g) = gazetteer {
            args.extend(["-g", g]);
        }
        args.extend(["neighbors", name]);
        let r = run_in(d, &args);
        let got = if r.status == 0 {
            r.stdout.lines().next().unwrap_or("").to_owned()
        } else {
            r.stderr.clone()
        };
        assert!(got.contains(expected), "{args:?}: {got}");
        let foreign = got.contains("not in the gazetteer: it was built with another one");
        assert_eq!(foreign, *expected == other, "{args:?}: {got}");
    }
}

#[test]
fn query_on_documents_equals_query_on_the_saved_graph() {
    let dir = tempdir();
    let r = run_in(dir.path(), &["build", "-o", "g.json"]);
    assert_eq!(r.status, 0);
    for q in [
        &["neighbors", "PMF"][..],
        &["evidence", "vowell", "cjtf_oir"],
        &["path", "vowell", "kataib hezbollah"],
        &["top", "--by", "pagerank"],
        &["communities"],
        &["stats"],
    ] {
        let mut from_docs = vec!["query"];
        from_docs.extend(q);
        from_docs.push("--json");
        let mut from_graph = vec!["query", "--graph", "g.json"];
        from_graph.extend(q);
        from_graph.push("--json");
        let a = run_in(dir.path(), &from_docs);
        let b = run_in(dir.path(), &from_graph);
        assert_eq!(a.status, 0, "{q:?}: {}", a.stderr);
        assert_eq!(a.stdout, b.stdout, "{q:?}");
    }
}

#[test]
fn communities_are_written_by_every_exporter_when_asked() {
    let dir = tempdir();
    for out in ["g.json", "g.graphml", "g.gexf", "g.dot"] {
        let r = run_in(dir.path(), &["build", "--communities", "-o", out]);
        assert_eq!(r.status, 0, "{out}: {}", r.stderr);
    }
    let r = run_in(
        dir.path(),
        &["build", "--communities", "--format", "csv", "-o", "csv"],
    );
    assert_eq!(r.status, 0, "{}", r.stderr);
    // The JSON graph is the reference: every node has a community, and there are several.
    let v: Value =
        serde_json::from_str(&fs::read_to_string(dir.path().join("g.json")).unwrap()).unwrap();
    let want: Vec<(String, u64)> = v["nodes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|n| {
            (
                n["id"].as_str().unwrap().to_owned(),
                n["community"].as_u64().unwrap(),
            )
        })
        .collect();
    let distinct: std::collections::BTreeSet<u64> = want.iter().map(|w| w.1).collect();
    assert!(distinct.len() >= 2, "{want:?}");

    // GraphML: a declared long key, one value per node.
    let text = fs::read_to_string(dir.path().join("g.graphml")).unwrap();
    let doc = roxmltree::Document::parse(&text).unwrap();
    let key = doc
        .descendants()
        .find(|k| k.has_tag_name("key") && k.attribute("attr.name") == Some("community"))
        .expect("community key");
    assert_eq!(key.attribute("attr.type"), Some("long"));
    let kid = key.attribute("id").unwrap();
    let got: Vec<(String, u64)> = doc
        .descendants()
        .filter(|n| n.has_tag_name("node"))
        .map(|n| {
            let c = n
                .children()
                .find(|d| d.attribute("key") == Some(kid))
                .unwrap();
            (
                n.attribute("id").unwrap().to_owned(),
                c.text().unwrap().parse().unwrap(),
            )
        })
        .collect();
    assert_eq!(got, want, "GraphML");

    // GEXF: a declared node attribute, one attvalue per node.
    let text = fs::read_to_string(dir.path().join("g.gexf")).unwrap();
    let doc = roxmltree::Document::parse(&text).unwrap();
    let aid = doc
        .descendants()
        .find(|a| a.has_tag_name("attribute") && a.attribute("title") == Some("community"))
        .expect("community attribute")
        .attribute("id")
        .unwrap();
    let got: Vec<(String, u64)> = doc
        .descendants()
        .filter(|n| n.has_tag_name("node"))
        .map(|n| {
            let c = n
                .descendants()
                .find(|d| d.has_tag_name("attvalue") && d.attribute("for") == Some(aid))
                .unwrap();
            (
                n.attribute("id").unwrap().to_owned(),
                c.attribute("value").unwrap().parse().unwrap(),
            )
        })
        .collect();
    assert_eq!(got, want, "GEXF");

    // DOT: a community attribute on every node statement.
    let text = fs::read_to_string(dir.path().join("g.dot")).unwrap();
    let got: Vec<(String, u64)> = text
        .lines()
        .filter(|l| l.contains(" [label="))
        .map(|l| {
            let id = l.trim_start().split('"').nth(1).unwrap().to_owned();
            let c = l
                .split("community=\"")
                .nth(1)
                .unwrap()
                .split('"')
                .next()
                .unwrap();
            (id, c.parse().unwrap())
        })
        .collect();
    assert_eq!(got, want, "DOT");

    // CSV: a Community column in nodes.csv.
    let mut rd = csv::Reader::from_path(dir.path().join("csv/nodes.csv")).unwrap();
    let col = rd
        .headers()
        .unwrap()
        .iter()
        .position(|h| h == "Community")
        .unwrap();
    let got: Vec<(String, u64)> = rd
        .records()
        .map(|r| {
            let r = r.unwrap();
            (r[0].to_owned(), r[col].parse().unwrap())
        })
        .collect();
    assert_eq!(got, want, "CSV");
}

/// `who-met` on the seeds answers from `meet` relations (facts, not negated) with their
/// sentences; `relations` filters by type and direction; a co-mention-only graph says how to
/// build one that can answer.
#[test]
fn who_met_and_relations_answer_from_typed_edges() {
    let dir = tempdir();
    let d = dir.path();
    let seeds = root().join("seeds");
    let seeds = seeds.to_str().unwrap();
    let json = |args: &[&str]| -> Value {
        let r = run_in(d, args);
        assert_eq!(r.status, 0, "{args:?}: {}", r.stderr);
        serde_json::from_str(&r.stdout).unwrap()
    };
    let ids = |v: &Value, field: &str| -> Vec<String> {
        v[field]
            .as_array()
            .unwrap()
            .iter()
            .map(|r| {
                format!(
                    "{} {}",
                    r["relation"].as_str().unwrap(),
                    r["id"].as_str().unwrap()
                )
            })
            .collect()
    };
    // (actor, whom the seeds say it met: "the United States and Iraq held their first round
    // of conversations", "resumed on Sunday its meetings with international coalition forces")
    let cases: &[(&str, &[&str])] = &[
        ("iraq", &["meet united_states"]),
        ("United States", &["meet iraq"]),
        (
            "global_coalition",
            &["meet higher_military_commission", "meet iraqi_armed_forces"],
        ),
        ("kataib_hezbollah", &[]),
    ];
    for (actor, want) in cases {
        let v = json(&[
            "query", seeds, "--edges", "both", "who-met", actor, "--json",
        ]);
        assert_eq!(ids(&v, "met"), *want, "{actor}");
        for row in v["met"].as_array().unwrap() {
            assert!(row["facts"].as_u64().unwrap() > 0);
            let ev = row["evidence"].as_array().unwrap();
            assert!(
                !ev.is_empty() && ev.iter().all(|e| e["cue_start"].is_u64()),
                "{row}"
            );
        }
    }
    // (arguments after the actor, expected "type other" rows)
    let cases: &[(&[&str], &[&str])] = &[
        (
            &["--type", "attack", "--direction", "out"],
            // All of weight 1 since the "Read more:" line of 000 is boilerplate: ties by id.
            &[
                "attack abu_mahdi_al_muhandis",
                "attack kataib_hezbollah",
                "attack mushtaq_al_jawari",
                "attack qassem_soleimani",
            ],
        ),
        (&["--type", "attack", "--direction", "in"], &[]),
        (&["--type", "support"], &["support iraq", "support israel"]),
    ];
    for (extra, want) in cases {
        let mut args = vec![
            "query",
            seeds,
            "--edges=relations",
            "relations",
            "united_states",
        ];
        args.extend(*extra);
        args.push("--json");
        assert_eq!(ids(&json(&args), "relations"), *want, "{extra:?}");
    }
    // Which edges a typed question gets: reading documents it counts both unless told
    // otherwise; a saved graph answers only if it was built with relations.
    let comention = d.join("comention.json");
    let comention = comention.to_str().unwrap();
    let r = run_in(d, &["build", seeds, "-o", comention]);
    assert_eq!(r.status, 0, "{}", r.stderr);
    // (arguments, exit status, what stdout or stderr holds)
    let cases: &[(&[&str], i32, &str)] = &[
        (&["query", seeds, "who-met", "iraq"], 0, "united_states"),
        (&["query", seeds, "relations", "iraq"], 0, "criticize"),
        (
            &["query", seeds, "--edges", "co-mention", "who-met", "iraq"],
            1,
            "build it with --edges relations",
        ),
        (
            &["query", "--graph", comention, "who-met", "iraq"],
            1,
            "build it with --edges relations",
        ),
        (
            &[
                "query", "--graph", comention, "--edges", "both", "who-met", "iraq",
            ],
            2,
            "--edges cannot be combined with --graph",
        ),
    ];
    for (args, status, holds) in cases {
        let r = run_in(d, args);
        assert_eq!(r.status, *status, "{args:?}: {}", r.stderr);
        let out = if *status == 0 { &r.stdout } else { &r.stderr };
        assert!(out.contains(holds), "{args:?}: {out}");
    }
}

/// A saved graph of person nodes `ids` and weighted links, for small path cases.
fn small_graph(ids: &[&str], links: &[(&str, &str, u64)]) -> ActorGraph {
    let nodes: Vec<Value> = ids
        .iter()
        .map(|id| {
            serde_json::json!({"id": id, "label": id.to_uppercase(), "type": "person",
                "mentions": 1, "sentences": 1, "units": 1, "documents": 1})
        })
        .collect();
    let edges: Vec<Value> = links
        .iter()
        .map(|(s, t, w)| {
            serde_json::json!({"source": s, "target": t, "weight": w, "documents": 1,
                "npmi": 0.0, "jaccard": 0.0, "evidence": []})
        })
        .collect();
    let doc = serde_json::json!({"format": "actorgraph", "version": 1, "unit": "sentence",
        "corpus": {"documents": 1, "dated_documents": 0, "excluded_documents": 0,
            "sentences": 1, "units": 1, "mentions": 1, "capped_units": 0},
        "max_evidence": null, "nodes": nodes, "edges": edges});
    json::read("small.json", doc.to_string().as_bytes()).unwrap()
}

#[test]
fn shortest_path_prefers_heavier_links_among_the_fewest_hops() {
    // (case, links, from, to, expected chain)
    type Case<'a> = (
        &'a str,
        Vec<(&'a str, &'a str, u64)>,
        &'a str,
        &'a str,
        Vec<&'a str>,
    );
    let cases: Vec<Case> = vec![
        (
            "two 2-hop chains: the heavier wins over the smaller id",
            vec![("a", "b", 1), ("b", "z", 1), ("a", "c", 5), ("c", "z", 5)],
            "a",
            "z",
            vec!["a", "c", "z"],
        ),
        (
            "equal totals: the smaller id",
            vec![("a", "b", 2), ("b", "z", 3), ("a", "c", 3), ("c", "z", 2)],
            "a",
            "z",
            vec!["a", "b", "z"],
        ),
        (
            "the total counts, not the first hop",
            vec![("a", "b", 9), ("b", "z", 1), ("a", "c", 4), ("c", "z", 7)],
            "a",
            "z",
            vec!["a", "c", "z"],
        ),
        (
            "fewer hops beat heavier links",
            vec![("a", "z", 1), ("a", "b", 50), ("b", "z", 50)],
            "a",
            "z",
            vec!["a", "z"],
        ),
        (
            "three hops, the heavy middle decides",
            vec![
                ("a", "b", 1),
                ("a", "c", 1),
                ("b", "d", 1),
                ("c", "e", 8),
                ("d", "z", 1),
                ("e", "z", 1),
            ],
            "a",
            "z",
            vec!["a", "c", "e", "z"],
        ),
        (
            "asked backwards, the same links",
            vec![("a", "b", 1), ("b", "z", 1), ("a", "c", 5), ("c", "z", 5)],
            "z",
            "a",
            vec!["z", "c", "a"],
        ),
        ("from itself", vec![("a", "b", 1)], "a", "a", vec!["a"]),
    ];
    for (name, links, from, to, want) in cases {
        let mut ids: Vec<&str> = links.iter().flat_map(|l| [l.0, l.1]).collect();
        ids.sort_unstable();
        ids.dedup();
        let g = small_graph(&ids, &links);
        let got = path::shortest_hops(&g, node(&g, from), node(&g, to)).unwrap();
        assert_eq!(got.actors, want, "{name}");
        let total: u64 = got.hops.iter().map(|h| h.weight).sum();
        let want_total: u64 = want
            .windows(2)
            .map(|w| {
                links
                    .iter()
                    .find(|l| (l.0 == w[0] && l.1 == w[1]) || (l.0 == w[1] && l.1 == w[0]))
                    .unwrap()
                    .2
            })
            .sum();
        assert_eq!(total, want_total, "{name}: hop weights");
    }
}

/// An option's value that is also a question's name (`--edges relations`) is the option's
/// value, wherever the option stands: the same answer as `--edges=relations`.
#[test]
fn option_values_named_like_questions_stay_values() {
    let root = root();
    let want = run_in(
        &root,
        &[
            "query",
            "seeds/",
            "--edges=relations",
            "relations",
            "iraq",
            "--json",
        ],
    );
    assert_eq!(want.status, 0, "{}", want.stderr);
    assert!(want.stdout.contains("united_states"), "{}", want.stdout);
    let cases: &[&[&str]] = &[
        &[
            "query",
            "seeds/",
            "--edges",
            "relations",
            "relations",
            "iraq",
            "--json",
        ],
        &[
            "query",
            "--edges",
            "relations",
            "seeds/",
            "relations",
            "iraq",
            "--json",
        ],
        &[
            "query",
            "seeds/",
            "relations",
            "iraq",
            "--edges",
            "relations",
            "--json",
        ],
    ];
    for args in cases {
        let r = run_in(&root, args);
        assert_eq!(r.status, 0, "{args:?}: {}", r.stderr);
        assert_eq!(r.stdout, want.stdout, "{args:?}");
    }
}

#[test]
fn unknown_names_suggest_at_most_three_close_actors_once_each() {
    let g = small_graph(
        &["alpha1", "alpha2", "alpha3", "alpha4", "zeta"],
        &[("alpha1", "zeta", 1)],
    );
    let res = Resolver::new(&g, None);
    // (what a user types, how the error ends): four actors are close to "alpha" (the id and
    // the label of each are one name), only three are offered, closest then first in order.
    let cases = [
        (
            "alpha",
            "; did you mean alpha1 (ALPHA1), alpha2 (ALPHA2), alpha3 (ALPHA3)?",
        ),
        ("zetta", "; did you mean zeta (ZETA)?"),
        (
            "qqqq",
            "; list the actors with `actorgraph query ... top --by degree`",
        ),
    ];
    for (name, end) in cases {
        let err = res.resolve(name).unwrap_err().to_string();
        assert!(err.ends_with(end), "{name}: {err}");
    }
}

#[test]
fn evidence_lists_the_stored_sentences_of_a_link_or_nothing() {
    let r = run_in(&root(), &["build", "-o", "-", "--format", "json"]);
    let g = json::read("seeds", r.stdout.as_bytes()).unwrap();
    let (v, c) = (node(&g, "vowell"), node(&g, "cjtf_oir"));
    let ev = query::evidence(&g, v, c).expect("vowell and cjtf_oir are linked");
    let edge = g.graph.edges_connecting(v, c).next().unwrap().weight();
    assert!(!ev.is_empty());
    assert_eq!(ev, edge.evidence.as_slice());
    assert!(ev
        .windows(2)
        .all(|w| (&w[0].doc, w[0].sentence) <= (&w[1].doc, w[1].sentence)));
    let unlinked = g
        .graph
        .node_indices()
        .find(|&i| i != v && g.graph.edges_connecting(v, i).next().is_none())
        .unwrap();
    assert_eq!(query::evidence(&g, v, unlinked), None);
}

#[test]
fn neighbors_are_the_co_mention_links_whatever_else_the_graph_holds() {
    // With typed relations in the graph too, `neighbors` still lists co-mention links only,
    // each neighbour once, as in a co-mention graph of the same documents.
    let r = root();
    let seeds = r.join("seeds");
    let seeds = seeds.to_str().unwrap();
    let ask = |edges: &str| {
        let out = run_in(
            &r,
            &[
                "query",
                seeds,
                "--edges",
                edges,
                "neighbors",
                "iraq",
                "--json",
            ],
        );
        assert_eq!(out.status, 0, "{}", out.stderr);
        out.stdout
    };
    let co = ask("co-mention");
    assert!(co.matches("\"id\"").count() > 3, "{co}");
    assert_eq!(ask("both"), co);
}

/// Typed relations are read from sentences that also make the co-mention links, so adding
/// them (`--edges both`) changes no centrality, community or network figure: a link is a pair
/// of actors. Before session 12 every typed edge was one more neighbour (the United States
/// had degree 36 among 36 actors) and one more shortest path.
#[test]
fn typed_edges_do_not_change_who_is_central() {
    let r = root();
    let seeds = r.join("seeds");
    let seeds = seeds.to_str().unwrap();
    let ask = |edges: &str, question: &[&str]| -> Value {
        let mut args = vec!["query", seeds, "--edges", edges];
        args.extend(question);
        args.push("--json");
        let out = run_in(&r, &args);
        assert_eq!(out.status, 0, "{args:?}: {}", out.stderr);
        serde_json::from_str(&out.stdout).unwrap()
    };
    let questions: &[&[&str]] = &[
        &["top", "--by", "degree", "--limit", "40"],
        &["top", "--by", "weighted-degree", "--limit", "40"],
        &["top", "--by", "betweenness", "--limit", "40"],
        &["top", "--by", "betweenness", "--weighted", "--limit", "40"],
        &["top", "--by", "pagerank", "--limit", "40"],
        &["top", "--by", "eigenvector", "--limit", "40"],
        &["communities"],
    ];
    for q in questions {
        assert_eq!(ask("both", q), ask("co-mention", q), "{q:?}");
    }
    let mut both = ask("both", &["stats"]);
    let co = ask("co-mention", &["stats"]);
    assert_eq!(both["relations"], 18, "{both}");
    both.as_object_mut().unwrap().remove("relations");
    assert_eq!(both, co);
    // Typed relations only: a pair with several kinds is one neighbour.
    let degrees = ask("relations", &["top", "--by", "degree", "--limit", "3"]);
    let us = &degrees["actors"][0];
    assert_eq!(
        (us["id"].as_str(), us["score"].as_f64()),
        (Some("united_states"), Some(6.0))
    );
}

#[test]
fn betweenness_of_tiny_graphs() {
    // (nodes, links, betweenness by node): nobody lies between the two ends of one link; the
    // middle of a 3-path lies on every shortest path between the others (NetworkX: 1.0).
    type Case<'a> = (&'a [&'a str], &'a [(&'a str, &'a str, u64)], &'a [f64]);
    let cases: &[Case] = &[
        (&["a"], &[], &[0.0]),
        (&["a", "b"], &[("a", "b", 1)], &[0.0, 0.0]),
        (
            &["a", "b", "c"],
            &[("a", "b", 1), ("b", "c", 1)],
            &[0.0, 1.0, 0.0],
        ),
    ];
    for (ids, links, want) in cases {
        let g = small_graph(ids, links);
        for weighted in [false, true] {
            assert_eq!(
                centrality::betweenness(&g, weighted),
                *want,
                "{ids:?} {weighted}"
            );
        }
    }
}

#[test]
fn pagerank_hands_what_an_isolated_actor_holds_to_everyone() {
    // a-b linked, c alone (kept with --keep-isolates): c's rank is spread over all three, so
    // by symmetry c = (1 - 0.85) / (3 - 0.85) and a = b = (1 - c) / 2 (NetworkX agrees).
    let g = small_graph(&["a", "b", "c"], &[("a", "b", 1)]);
    let c = 0.15 / 2.15;
    let want = [(1.0 - c) / 2.0, (1.0 - c) / 2.0, c];
    let got = centrality::pagerank(&g);
    for (x, y) in got.iter().zip(want) {
        assert!((x - y).abs() < 1e-5, "{got:?} against {want:?}");
    }
}

/// Communities as sorted groups of ids.
fn groups(g: &ActorGraph, c: &community::Communities) -> Vec<Vec<String>> {
    let mut out: Vec<Vec<String>> = vec![Vec::new(); c.count];
    for (ix, &m) in g.graph.node_indices().zip(&c.membership) {
        out[m as usize].push(g.graph[ix].id.clone());
    }
    for x in &mut out {
        x.sort();
    }
    out.sort();
    out
}

#[test]
fn louvain_finds_planted_communities_across_levels() {
    // (name, links, the planted groups by id prefix, NetworkX's modularity of them): a ring of
    // 8 cliques of 4 (links of weight 3 inside, 1 between); 4 pairs of such cliques tied by 4
    // links of weight 2, the pairs in a ring: found only once cliques are merged at the next
    // level, which reads the aggregated weights (NetworkX's louvain_communities agrees).
    let clique = |p: &str| -> Vec<(String, String, u64)> {
        let mut l = Vec::new();
        for i in 0..4 {
            for j in i + 1..4 {
                l.push((format!("{p}n{i}"), format!("{p}n{j}"), 3));
            }
        }
        l
    };
    let mut ring = Vec::new();
    for c in 0..8 {
        ring.extend(clique(&format!("c{c}")));
        ring.push((format!("c{c}n0"), format!("c{}n1", (c + 1) % 8), 1));
    }
    let mut pairs = Vec::new();
    for s in 0..4 {
        pairs.extend(clique(&format!("s{s}h0")));
        pairs.extend(clique(&format!("s{s}h1")));
        for i in 0..4 {
            pairs.push((format!("s{s}h0n{i}"), format!("s{s}h1n{i}"), 2));
        }
        pairs.push((format!("s{s}h1n0"), format!("s{}h0n1", (s + 1) % 4), 1));
    }
    let cases = [
        ("ring of cliques", ring, 3, 0.822368),
        ("pairs of cliques", pairs, 2, 0.727778),
    ];
    for (name, links, prefix, q) in cases {
        let mut ids: Vec<String> = links
            .iter()
            .flat_map(|(a, b, _)| [a.clone(), b.clone()])
            .collect();
        ids.sort();
        ids.dedup();
        let id_refs: Vec<&str> = ids.iter().map(String::as_str).collect();
        let link_refs: Vec<(&str, &str, u64)> = links
            .iter()
            .map(|(a, b, w)| (a.as_str(), b.as_str(), *w))
            .collect();
        let g = small_graph(&id_refs, &link_refs);
        let mut planted: Vec<Vec<String>> = Vec::new();
        for id in &ids {
            match planted.last_mut() {
                Some(grp) if grp[0][..prefix] == id[..prefix] => grp.push(id.clone()),
                _ => planted.push(vec![id.clone()]),
            }
        }
        for seed in 0..4 {
            let c = community::louvain(&g, seed, 1.0);
            assert_eq!(groups(&g, &c), planted, "{name}, seed {seed}");
            assert!((c.modularity - q).abs() < 1e-6, "{name}: {}", c.modularity);
        }
    }
}

#[test]
fn louvain_matches_networkx_on_sparse_shapes() {
    // (name, links of weight 1, NetworkX's communities with every seed tried, its modularity):
    // in sparse graphs a node's degree weighs on every gain, so a wrong degree shows here.
    let clique = |ids: &[&'static str]| -> Vec<(&'static str, &'static str)> {
        let mut l = Vec::new();
        for (i, a) in ids.iter().enumerate() {
            for b in &ids[i + 1..] {
                l.push((*a, *b));
            }
        }
        l
    };
    let mut barbell = clique(&["n0", "n1", "n2", "n3"]);
    barbell.extend(clique(&["n6", "n7", "n8", "n9"]));
    barbell.extend([("n3", "n4"), ("n4", "n5"), ("n5", "n6")]);
    let mut lollipop = clique(&["n0", "n1", "n2", "n3", "n4"]);
    lollipop.extend([("n4", "n5"), ("n5", "n6"), ("n6", "n7"), ("n7", "n8")]);
    type Case<'a> = (&'a str, Vec<(&'a str, &'a str)>, Vec<Vec<&'a str>>, f64);
    let cases: [Case; 7] = [
        ("one link", vec![("n0", "n1")], vec![vec!["n0", "n1"]], 0.0),
        (
            "path of 4",
            vec![("n0", "n1"), ("n1", "n2"), ("n2", "n3")],
            vec![vec!["n0", "n1"], vec!["n2", "n3"]],
            0.166667,
        ),
        (
            "path of 5",
            vec![("n0", "n1"), ("n1", "n2"), ("n2", "n3"), ("n3", "n4")],
            vec![vec!["n0", "n1", "n2"], vec!["n3", "n4"]],
            0.21875,
        ),
        (
            "two triangles",
            vec![
                ("n0", "n1"),
                ("n1", "n2"),
                ("n0", "n2"),
                ("n3", "n4"),
                ("n4", "n5"),
                ("n3", "n5"),
                ("n2", "n3"),
            ],
            vec![vec!["n0", "n1", "n2"], vec!["n3", "n4", "n5"]],
            0.357143,
        ),
        (
            "star of 5",
            vec![
                ("n0", "n1"),
                ("n0", "n2"),
                ("n0", "n3"),
                ("n0", "n4"),
                ("n0", "n5"),
            ],
            vec![vec!["n0", "n1", "n2", "n3", "n4", "n5"]],
            0.0,
        ),
        (
            "barbell 4-2",
            barbell,
            vec![
                vec!["n0", "n1", "n2", "n3"],
                vec!["n4", "n5"],
                vec!["n6", "n7", "n8", "n9"],
            ],
            0.473333,
        ),
        (
            "lollipop 5-4",
            lollipop,
            vec![
                vec!["n0", "n1", "n2", "n3", "n4"],
                vec!["n5", "n6", "n7", "n8"],
            ],
            0.303571,
        ),
    ];
    for (name, links, want, q) in cases {
        let mut ids: Vec<&str> = links.iter().flat_map(|&(a, b)| [a, b]).collect();
        ids.sort();
        ids.dedup();
        let weighted: Vec<(&str, &str, u64)> = links.iter().map(|&(a, b)| (a, b, 1)).collect();
        let g = small_graph(&ids, &weighted);
        for seed in 0..4 {
            let c = community::louvain(&g, seed, 1.0);
            assert_eq!(groups(&g, &c), want, "{name}, seed {seed}");
            assert!((c.modularity - q).abs() < 1e-6, "{name}: {}", c.modularity);
        }
    }
}

#[test]
fn counts_print_as_integers_and_scores_with_decimals() {
    // (centrality, how the top score looks): degrees are counts; betweenness is a fraction.
    let fixture = root().join("tests/fixtures/handmade.json");
    let fixture = fixture.to_str().unwrap();
    for (by, integer) in [
        ("degree", true),
        ("weighted-degree", true),
        ("betweenness", false),
    ] {
        let r = run_in(
            &root(),
            &[
                "query", "--graph", fixture, "top", "--by", by, "--limit", "1",
            ],
        );
        assert_eq!(r.status, 0, "{by}: {}", r.stderr);
        let score = r
            .stdout
            .lines()
            .nth(1)
            .unwrap()
            .split_whitespace()
            .last()
            .unwrap();
        assert_eq!(!score.contains('.'), integer, "{by}: {}", r.stdout);
        assert!(score.parse::<f64>().is_ok(), "{by}: {score}");
    }
}

#[test]
fn communities_are_listed_largest_first_with_their_actors() {
    let fixture = root().join("tests/fixtures/handmade.json");
    let r = run_in(
        &root(),
        &["query", "--graph", fixture.to_str().unwrap(), "communities"],
    );
    assert_eq!(r.status, 0, "{}", r.stderr);
    assert_eq!(
        r.stdout,
        "3 communities, modularity 0.4970\ncommunity  size  actors\n        0     5  b1, b2, \
         b3, b4, d1\n        1     4  a1, a2, a3, a4\n        2     2  c1, c2\n"
    );
}

#[test]
fn who_met_counts_facts_only_and_facts_leave_out_plans_and_denials() {
    let dir = tempdir();
    let d = dir.path();
    fs::write(
        d.join("a.txt"),
        "Sudani will meet Vowell in Baghdad next week. Rasool met Sudani on Sunday.\n",
    )
    .unwrap();
    let json = |args: &[&str]| -> Value {
        let r = run_in(d, args);
        assert_eq!(r.status, 0, "{args:?}: {}", r.stderr);
        serde_json::from_str(&r.stdout).unwrap()
    };
    // A planned meeting is a meet relation, but not someone Sudani met.
    let met = json(&[
        "query", "a.txt", "--edges", "both", "who-met", "sudani", "--json",
    ]);
    let ids: Vec<&str> = met["met"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["id"].as_str().unwrap())
        .collect();
    assert_eq!(ids, ["rasool"]);
    // On the seeds, Iraq and the US meet 9 times: 2 of them planned, so 7 facts.
    let seeds = root().join("seeds");
    let rel = json(&[
        "query",
        seeds.to_str().unwrap(),
        "--edges",
        "both",
        "relations",
        "iraq",
        "--json",
    ]);
    let meet = rel["relations"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["relation"] == "meet" && r["id"] == "united_states")
        .unwrap();
    let n = |k: &str| meet[k].as_u64().unwrap();
    assert_eq!(
        (n("weight"), n("negated"), n("planned"), n("facts")),
        (9, 0, 2, 7)
    );
}
