//! Time in the outputs (issue 13): `build --period` written as GEXF dynamic weights, CSV
//! period rows and JSON `periods`, checked against a table computed by hand for a small dated
//! corpus; and `query --graph --since/--until` giving what a build over the window gives.

mod util;

use std::path::{Path, PathBuf};
use std::process::Command;

use util::{root, run_in, tempdir};

/// Five documents: two in ISO week 6/7 of February 2024 (a Sunday and a Monday), one
/// undated, one on 1 March (week 9), one on Monday 30 December 2024 (ISO week 1 of 2025).
const CORPUS: &str = r#"{"id": "a", "date": "2024-02-11", "text": "Vowell met Rasool in Baghdad."}
{"id": "b", "date": "2024-02-12", "text": "Vowell met Rasool again. Rasool met Sudani."}
{"id": "c", "text": "Vowell and Rasool spoke."}
{"id": "d", "date": "2024-03-01", "text": "Sudani met Rasool."}
{"id": "e", "date": "2024-12-30", "text": "Rasool and Vowell spoke."}
"#;

/// (period, edge, bucket label, start, end, weight), by hand from [`CORPUS`]; the undated
/// bucket has empty start and end.
const EXPECTED: &[(&str, &str, &str, &str, &str, u64)] = &[
    (
        "day",
        "rasool-sudani",
        "2024-02-12",
        "2024-02-12",
        "2024-02-12",
        1,
    ),
    (
        "day",
        "rasool-sudani",
        "2024-03-01",
        "2024-03-01",
        "2024-03-01",
        1,
    ),
    (
        "day",
        "rasool-vowell",
        "2024-02-11",
        "2024-02-11",
        "2024-02-11",
        1,
    ),
    (
        "day",
        "rasool-vowell",
        "2024-02-12",
        "2024-02-12",
        "2024-02-12",
        1,
    ),
    (
        "day",
        "rasool-vowell",
        "2024-12-30",
        "2024-12-30",
        "2024-12-30",
        1,
    ),
    ("day", "rasool-vowell", "undated", "", "", 1),
    (
        "week",
        "rasool-sudani",
        "2024-W07",
        "2024-02-12",
        "2024-02-18",
        1,
    ),
    (
        "week",
        "rasool-sudani",
        "2024-W09",
        "2024-02-26",
        "2024-03-03",
        1,
    ),
    (
        "week",
        "rasool-vowell",
        "2024-W06",
        "2024-02-05",
        "2024-02-11",
        1,
    ),
    (
        "week",
        "rasool-vowell",
        "2024-W07",
        "2024-02-12",
        "2024-02-18",
        1,
    ),
    (
        "week",
        "rasool-vowell",
        "2025-W01",
        "2024-12-30",
        "2025-01-05",
        1,
    ),
    ("week", "rasool-vowell", "undated", "", "", 1),
    (
        "month",
        "rasool-sudani",
        "2024-02",
        "2024-02-01",
        "2024-02-29",
        1,
    ),
    (
        "month",
        "rasool-sudani",
        "2024-03",
        "2024-03-01",
        "2024-03-31",
        1,
    ),
    (
        "month",
        "rasool-vowell",
        "2024-02",
        "2024-02-01",
        "2024-02-29",
        2,
    ),
    (
        "month",
        "rasool-vowell",
        "2024-12",
        "2024-12-01",
        "2024-12-31",
        1,
    ),
    ("month", "rasool-vowell", "undated", "", "", 1),
    (
        "year",
        "rasool-sudani",
        "2024",
        "2024-01-01",
        "2024-12-31",
        2,
    ),
    (
        "year",
        "rasool-vowell",
        "2024",
        "2024-01-01",
        "2024-12-31",
        3,
    ),
    ("year", "rasool-vowell", "undated", "", "", 1),
];

type Row = (String, String, String, String, u64);

fn expected(period: &str, dated_only: bool) -> Vec<Row> {
    EXPECTED
        .iter()
        .filter(|r| r.0 == period && !(dated_only && r.2 == "undated"))
        .map(|r| (r.1.into(), r.2.into(), r.3.into(), r.4.into(), r.5))
        .collect()
}

fn setup() -> tempfile::TempDir {
    let dir = tempdir();
    std::fs::write(dir.path().join("c.jsonl"), CORPUS).unwrap();
    dir
}

fn ok(dir: &Path, args: &[&str]) -> String {
    let r = run_in(dir, args);
    assert_eq!(r.status, 0, "{args:?}: {}", r.stderr);
    r.stdout
}

fn python() -> PathBuf {
    let p = std::env::var_os("ACTORGRAPH_PYTHON")
        .map(PathBuf::from)
        .unwrap_or_else(|| root().join(".venv/bin/python"));
    assert!(
        p.exists(),
        "{} not found: run `bash tests/run.sh`",
        p.display()
    );
    p
}

#[test]
fn json_periods_match_the_table_by_hand() {
    let dir = setup();
    let d = dir.path();
    for period in ["day", "week", "month", "year"] {
        ok(d, &["build", "c.jsonl", "--period", period, "-o", "g.json"]);
        let g: serde_json::Value =
            serde_json::from_slice(&std::fs::read(d.join("g.json")).unwrap()).unwrap();
        assert_eq!(g["period"], period);
        let mut got: Vec<Row> = Vec::new();
        for e in g["edges"].as_array().unwrap() {
            let name = format!(
                "{}-{}",
                e["source"].as_str().unwrap(),
                e["target"].as_str().unwrap()
            );
            let mut sum = 0;
            for b in e["periods"].as_array().unwrap() {
                let s = |k: &str| b[k].as_str().unwrap_or("").to_owned();
                sum += b["weight"].as_u64().unwrap();
                got.push((
                    name.clone(),
                    s("period"),
                    s("start"),
                    s("end"),
                    b["weight"].as_u64().unwrap(),
                ));
            }
            // The buckets of an edge add up to its weight.
            assert_eq!(sum, e["weight"].as_u64().unwrap(), "{period} {name}");
        }
        assert_eq!(got, expected(period, false), "{period}");
        // Nodes carry mentions per period; Rasool is in every document.
        let rasool = &g["nodes"].as_array().unwrap()[0];
        let total: u64 = rasool["periods"]
            .as_array()
            .unwrap()
            .iter()
            .map(|b| b["mentions"].as_u64().unwrap())
            .sum();
        assert_eq!(total, rasool["mentions"].as_u64().unwrap());
    }
}

#[test]
fn csv_has_one_row_per_edge_and_period() {
    let dir = setup();
    let d = dir.path();
    for period in ["day", "week", "month", "year"] {
        ok(d, &["build", "c.jsonl", "--period", period, "-o", "g.csv"]);
        let mut r = csv::Reader::from_path(d.join("g.edges.csv")).unwrap();
        let header: Vec<String> = r.headers().unwrap().iter().map(String::from).collect();
        let col = |name: &str| header.iter().position(|h| h == name).unwrap();
        let (src, tgt, p, s, e, w) = (
            col("Source"),
            col("Target"),
            col("Period"),
            col("PeriodStart"),
            col("PeriodEnd"),
            col("PeriodWeight"),
        );
        let got: Vec<Row> = r
            .records()
            .map(|rec| {
                let rec = rec.unwrap();
                (
                    format!("{}-{}", &rec[src], &rec[tgt]),
                    rec[p].to_owned(),
                    rec[s].to_owned(),
                    rec[e].to_owned(),
                    rec[w].parse().unwrap(),
                )
            })
            .collect();
        assert_eq!(got, expected(period, false), "{period}");
    }
    // Without --period the columns are not there.
    ok(d, &["build", "c.jsonl", "-o", "plain.csv"]);
    let text = std::fs::read_to_string(d.join("plain.edges.csv")).unwrap();
    assert!(!text.lines().next().unwrap().contains("Period"), "{text}");
}

/// lxml reads the GEXF: every edge's dynamic `weight` attvalues (start, end, value) and its
/// spells; NetworkX opens the file. The undated bucket has no place on a timeline: it stays in the static weight.
#[test]
fn gexf_dynamic_weights_read_by_lxml() {
    let dir = setup();
    let d = dir.path();
    let script = r#"
import sys
from lxml import etree
ns = {"g": "http://gexf.net/1.3"}
t = etree.parse(sys.argv[1])
graph = t.find("g:graph", ns)
assert graph.get("mode") == "dynamic" and graph.get("timeformat") == "date", graph.attrib
weight = [a for a in graph.findall("g:attributes[@class='edge']/g:attribute", ns) if a.get("title") == "weight"]
assert len(weight) == 1 and weight[0].get("id") == "weight", weight
# NetworkX reads it too, keeping the static weight (the total).
import networkx as nx
G = nx.read_gexf(sys.argv[1])
for e in graph.findall("g:edges/g:edge", ns):
    assert G.edges[e.get("source"), e.get("target")]["weight"] == float(e.get("weight"))
for e in graph.findall("g:edges/g:edge", ns):
    name = e.get("source") + "-" + e.get("target")
    spells = [(s.get("start"), s.get("end")) for s in e.findall("g:spells/g:spell", ns)]
    values = [(v.get("start"), v.get("end"), v.get("value")) for v in e.findall("g:attvalues/g:attvalue[@for='weight']", ns)]
    assert spells == [(s, e) for s, e, _ in values], (spells, values)
    for s, en, v in values:
        print(name, s, en, v)
"#;
    for period in ["day", "week", "month", "year"] {
        ok(d, &["build", "c.jsonl", "--period", period, "-o", "g.gexf"]);
        let out = Command::new(python())
            .args(["-c", script])
            .arg(d.join("g.gexf"))
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let got: Vec<String> = String::from_utf8(out.stdout)
            .unwrap()
            .lines()
            .map(String::from)
            .collect();
        let want: Vec<String> = expected(period, true)
            .into_iter()
            .map(|(e, _, s, en, w)| format!("{e} {s} {en} {w}"))
            .collect();
        assert_eq!(got, want, "{period}");
    }
}

#[test]
fn outputs_without_period_are_unchanged() {
    let dir = setup();
    let d = dir.path();
    // `--period` only adds: removing the added parts gives the plain output back.
    ok(d, &["build", "c.jsonl", "-o", "plain.json"]);
    ok(
        d,
        &["build", "c.jsonl", "--period", "week", "-o", "week.json"],
    );
    let plain: serde_json::Value =
        serde_json::from_slice(&std::fs::read(d.join("plain.json")).unwrap()).unwrap();
    let mut week: serde_json::Value =
        serde_json::from_slice(&std::fs::read(d.join("week.json")).unwrap()).unwrap();
    week.as_object_mut().unwrap().remove("period");
    for list in ["nodes", "edges"] {
        for item in week[list].as_array_mut().unwrap() {
            item.as_object_mut().unwrap().remove("periods");
        }
    }
    assert_eq!(week, plain);
    let text = std::fs::read_to_string(d.join("plain.json")).unwrap();
    assert!(!text.contains("period"), "{text}");
}

/// (since, until, graph period): windows on period boundaries give the same neighbours,
/// weights, documents, dates and evidence as querying the documents with the same bounds.
#[test]
fn query_window_on_a_saved_graph_equals_a_build_over_the_window() {
    let dir = setup();
    let d = dir.path();
    for period in ["day", "week", "month", "year"] {
        ok(
            d,
            &[
                "build",
                "c.jsonl",
                "--period",
                period,
                "-o",
                &format!("{period}.json"),
            ],
        );
    }
    let cases: &[(Option<&str>, Option<&str>, &str)] = &[
        (Some("2024-02-12"), None, "day"),
        (None, Some("2024-02-11"), "day"),
        (Some("2024-02-12"), Some("2024-02-18"), "week"),
        (Some("2024-02-01"), Some("2024-02-29"), "month"),
        (Some("2024-03-01"), None, "month"),
        (Some("2024-01-01"), Some("2024-12-31"), "year"),
        (Some("2024-12-01"), None, "month"),
        (Some("2024-12-30"), Some("2025-01-05"), "week"),
    ];
    let fields = |v: &serde_json::Value| -> Vec<String> {
        v["neighbors"]
            .as_array()
            .unwrap()
            .iter()
            .map(|n| {
                format!(
                    "{} w{} d{} {}..{} {}",
                    n["id"],
                    n["weight"],
                    n["documents"],
                    n["first_date"],
                    n["last_date"],
                    n["evidence"]
                )
            })
            .collect()
    };
    for &(since, until, period) in cases {
        let mut bounds = Vec::new();
        if let Some(s) = since {
            bounds.extend(["--since", s]);
        }
        if let Some(u) = until {
            bounds.extend(["--until", u]);
        }
        let graph = format!("{period}.json");
        let mut saved = vec!["query", "--graph", &graph, "--json"];
        saved.extend(&bounds);
        saved.extend(["neighbors", "rasool", "--evidence"]);
        let mut docs = vec!["query", "c.jsonl", "--json"];
        docs.extend(&bounds);
        docs.extend(["neighbors", "rasool", "--evidence"]);
        let (a, b) = (ok(d, &saved), ok(d, &docs));
        let (a, b): (serde_json::Value, serde_json::Value) = (
            serde_json::from_str(&a).unwrap(),
            serde_json::from_str(&b).unwrap(),
        );
        assert_eq!(fields(&a), fields(&b), "{since:?}..{until:?} on {period}");
    }
}

#[test]
fn query_window_refuses_what_it_cannot_answer() {
    let dir = setup();
    let d = dir.path();
    ok(d, &["build", "c.jsonl", "-o", "plain.json"]);
    ok(
        d,
        &["build", "c.jsonl", "--period", "month", "-o", "month.json"],
    );
    // (graph, bounds, expected in the message)
    let cases: &[(&str, &[&str], &str)] = &[
        (
            "plain.json",
            &["--since", "2024-02-12"],
            "rebuild it with `actorgraph build --period day -o graph.json`",
        ),
        (
            "month.json",
            &["--since", "2024-02-12"],
            "per month and 2024-02 (2024-02-01 to 2024-02-29) is cut",
        ),
        (
            "month.json",
            &["--until", "2024-03-15"],
            "2024-03 (2024-03-01 to 2024-03-31) is cut",
        ),
    ];
    for (graph, bounds, want) in cases {
        let mut args = vec!["query", "--graph", graph];
        args.extend(*bounds);
        args.extend(["neighbors", "rasool"]);
        let r = run_in(d, &args);
        assert_eq!(r.status, 2, "{args:?}");
        assert!(r.stderr.contains(want), "{args:?}: {}", r.stderr);
    }
    // --period is a finishing flag: partial counts keep every day anyway.
    let r = run_in(d, &["build", "c.jsonl", "--period", "day", "-o", "p.agc"]);
    assert!(
        r.status == 2 && r.stderr.contains("--period shapes the finished graph"),
        "{}",
        r.stderr
    );
}
