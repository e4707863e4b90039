//! Scores, counts, filters and evidence on tiny corpora counted by hand. Every expected number
//! below is worked out in the comment beside it, from the definitions in `docs/weights.md`,
//! never by calling the library. Each test names the mutation (issue 9) it was written to
//! catch; `docs/testing.md` records that each fails when its mutation is applied.

mod util;

use std::fs;
use std::path::Path;

use serde_json::Value;
use util::{run_in, tempdir};

/// Five actors, one plain alias each (their labels).
const GAZETTEER: &str = r#"{"actors": [
  {"id": "alpha", "label": "Alpha", "type": "person"},
  {"id": "bravo", "label": "Bravo", "type": "person"},
  {"id": "charlie", "label": "Charlie", "type": "group"},
  {"id": "delta", "label": "Delta", "type": "group"},
  {"id": "echo", "label": "Echo", "type": "person"}]}"#;

/// Writes `docs` (id, date, text) as c.jsonl beside the gazetteer g.json.
fn corpus(dir: &Path, docs: &[(&str, Option<&str>, &str)]) {
    let mut jsonl = String::new();
    for (id, date, text) in docs {
        let mut rec = serde_json::json!({"id": id, "text": text});
        if let Some(d) = date {
            rec["date"] = (*d).into();
        }
        jsonl.push_str(&rec.to_string());
        jsonl.push('\n');
    }
    fs::write(dir.join("c.jsonl"), jsonl).unwrap();
    fs::write(dir.join("g.json"), GAZETTEER).unwrap();
}

/// `actorgraph build c.jsonl -g g.json ARGS` as JSON.
fn build(dir: &Path, args: &[&str]) -> Value {
    let mut a = vec!["build", "c.jsonl", "-g", "g.json", "--format", "json"];
    a.extend(args);
    let r = run_in(dir, &a);
    let g: Value = serde_json::from_str(&r.stdout).unwrap();
    // An empty graph is still written, with a warning and exit status 1.
    let empty = g["edges"].as_array().is_none_or(|e| e.is_empty());
    assert_eq!(r.status, i32::from(empty), "build {args:?}: {}", r.stderr);
    g
}

fn node<'a>(g: &'a Value, id: &str) -> &'a Value {
    g["nodes"]
        .as_array()
        .unwrap()
        .iter()
        .find(|n| n["id"] == id)
        .unwrap_or_else(|| panic!("no node {id}"))
}

fn edge<'a>(g: &'a Value, a: &str, b: &str) -> &'a Value {
    g["edges"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["source"] == a && e["target"] == b)
        .unwrap_or_else(|| panic!("no edge {a} -- {b}"))
}

fn edge_keys(g: &Value) -> Vec<(String, String, u64)> {
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

fn close(got: &Value, want: f64, what: &str) {
    let got = got.as_f64().unwrap_or_else(|| panic!("{what}: {got}"));
    assert!((got - want).abs() < 1e-12, "{what}: got {got}, want {want}");
}

/// Sentence units. d1 has 3 sentences, d2 has 2: N = 5 units.
/// alpha: d1#0, d1#1, d2#0 → 3 units, 3 mentions, 2 documents.
/// bravo: d1#0, d1#2, d2#0 → 3 units. charlie: d1#1 → 1 unit. delta: d2#1 → 1 unit.
/// alpha–bravo: d1#0, d2#0 → weight 2 in 2 documents; alpha–charlie: d1#1 → weight 1.
const SENTENCES: &[(&str, Option<&str>, &str)] = &[
    (
        "d1",
        None,
        "Alpha met Bravo. Alpha met Charlie. Bravo spoke.",
    ),
    ("d2", None, "Alpha and Bravo talked. Delta was alone."),
];

#[test]
fn scores_and_counts_match_the_hand_count() {
    // Catches: Jaccard as w/(a+b); node documents counted per mention.
    let dir = tempdir();
    corpus(dir.path(), SENTENCES);
    let g = build(dir.path(), &[]);
    assert_eq!(g["corpus"]["documents"], 2);
    assert_eq!(g["corpus"]["sentences"], 5);
    assert_eq!(g["corpus"]["units"], 5);
    assert_eq!(g["corpus"]["mentions"], 8);
    // (id, mentions, units, documents)
    for (id, mentions, units, documents) in [
        ("alpha", 3, 3, 2),
        ("bravo", 3, 3, 2),
        ("charlie", 1, 1, 1),
        ("delta", 1, 1, 1),
    ] {
        let n = node(&g, id);
        assert_eq!(
            (&n["mentions"], &n["units"], &n["documents"]),
            (&mentions.into(), &units.into(), &documents.into()),
            "{id}"
        );
    }
    assert_eq!(
        edge_keys(&g),
        [
            ("alpha".into(), "bravo".into(), 2),
            ("alpha".into(), "charlie".into(), 1)
        ]
    );
    let ab = edge(&g, "alpha", "bravo");
    assert_eq!(ab["documents"], 2);
    // Jaccard = w / (a + b − w): 2 / (3 + 3 − 2) = 1/2; 1 / (3 + 1 − 1) = 1/3.
    close(&ab["jaccard"], 0.5, "jaccard alpha–bravo");
    close(
        &edge(&g, "alpha", "charlie")["jaccard"],
        1.0 / 3.0,
        "jaccard alpha–charlie",
    );
    // NPMI = ln(p(ab) / (p(a) p(b))) / −ln p(ab):
    // alpha–bravo ln((2/5) / (3/5 · 3/5)) / −ln(2/5) = ln(10/9) / ln(5/2);
    // alpha–charlie ln((1/5) / (3/5 · 1/5)) / −ln(1/5) = ln(5/3) / ln 5.
    close(
        &ab["npmi"],
        (10f64 / 9.0).ln() / 2.5f64.ln(),
        "npmi alpha–bravo",
    );
    let ac = edge(&g, "alpha", "charlie");
    close(
        &ac["npmi"],
        (5f64 / 3.0).ln() / 5f64.ln(),
        "npmi alpha–charlie",
    );
}

#[test]
fn paragraph_units_count_every_paragraph() {
    // Catches: the paragraph count off by one (wrong N, so wrong NPMI with --unit paragraph).
    // p1 has 3 paragraphs, p2 one: N = 4. alpha: p1¶0, p1¶2 → 2; bravo: p1¶0, p2¶0 → 2;
    // charlie: p1¶1, p1¶2 → 2. alpha–bravo w 1: ln((1/4) / (2/4 · 2/4)) = 0 → NPMI 0.
    // alpha–charlie w 1 (p1¶2): also 0. With N = 5: ln((1/5)/(4/25)) > 0.
    let dir = tempdir();
    corpus(
        dir.path(),
        &[
            (
                "p1",
                None,
                "Alpha met Bravo. It rained.\n\nCharlie spoke.\n\nAlpha and Charlie met.",
            ),
            ("p2", None, "Bravo was alone."),
        ],
    );
    let g = build(dir.path(), &["--unit", "paragraph"]);
    assert_eq!(g["unit"], "paragraph");
    assert_eq!(g["corpus"]["units"], 4);
    assert_eq!(g["corpus"]["sentences"], 5);
    for id in ["alpha", "bravo", "charlie"] {
        assert_eq!(node(&g, id)["units"], 2, "{id}");
    }
    close(&edge(&g, "alpha", "bravo")["npmi"], 0.0, "npmi alpha–bravo");
    close(
        &edge(&g, "alpha", "charlie")["npmi"],
        0.0,
        "npmi alpha–charlie",
    );
    close(
        &edge(&g, "alpha", "charlie")["jaccard"],
        1.0 / 3.0,
        "jaccard",
    );
    // Document units: N = 2, alpha and charlie both only in p1: p(ab) = p(a) = p(b) = 1/2,
    // NPMI = ln 2 / ln 2 = 1.
    let g = build(dir.path(), &["--unit", "document"]);
    assert_eq!(g["corpus"]["units"], 2);
    close(
        &edge(&g, "alpha", "charlie")["npmi"],
        1.0,
        "npmi by document",
    );
}

#[test]
fn date_bounds_are_inclusive_on_both_sides() {
    // Catches: --since (or --until) becoming exclusive; a one-sided check would not.
    let dir = tempdir();
    let docs: Vec<(&str, Option<&str>, &str)> = vec![
        ("d1", Some("2024-01-01"), "Alpha met Bravo."),
        ("d2", Some("2024-01-02"), "Alpha met Bravo."),
        ("d3", Some("2024-01-03"), "Alpha met Bravo."),
        ("d4", None, "Alpha met Bravo."),
    ];
    corpus(dir.path(), &docs);
    // (flags, documents counted, excluded, first date, last date)
    let cases: &[(&[&str], u64, u64, &str, &str)] = &[
        (&[], 4, 0, "2024-01-01", "2024-01-03"),
        (&["--since", "2024-01-02"], 2, 2, "2024-01-02", "2024-01-03"),
        (&["--until", "2024-01-02"], 2, 2, "2024-01-01", "2024-01-02"),
        (
            &["--since", "2024-01-02", "--until", "2024-01-02"],
            1,
            3,
            "2024-01-02",
            "2024-01-02",
        ),
        (&["--since", "2024-01-03"], 1, 3, "2024-01-03", "2024-01-03"),
        (&["--until", "2024-01-01"], 1, 3, "2024-01-01", "2024-01-01"),
    ];
    for (flags, documents, excluded, first, last) in cases {
        // The four documents are copies on purpose: count every one.
        let mut flags = flags.to_vec();
        flags.push("--keep-duplicates");
        let g = build(dir.path(), &flags);
        assert_eq!(g["corpus"]["documents"], *documents, "{flags:?}");
        assert_eq!(g["corpus"]["excluded_documents"], *excluded, "{flags:?}");
        let e = edge(&g, "alpha", "bravo");
        assert_eq!(e["weight"], *documents, "{flags:?}");
        assert_eq!(
            (e["first_date"].as_str(), e["last_date"].as_str()),
            (Some(*first), Some(*last)),
            "{flags:?}"
        );
    }
}

#[test]
fn evidence_keeps_exactly_the_first_n() {
    // Catches: the evidence cap keeping N + 1. alpha–bravo has weight 5: e1#0..2, e2#0..1.
    let dir = tempdir();
    corpus(
        dir.path(),
        &[
            (
                "e1",
                None,
                "Alpha met Bravo. Bravo met Alpha. Alpha saw Bravo.",
            ),
            ("e2", None, "Bravo and Alpha. Alpha and Bravo."),
        ],
    );
    let all = [("e1", 0), ("e1", 1), ("e1", 2), ("e2", 0), ("e2", 1)];
    for n in 0..=6usize {
        let g = build(dir.path(), &["--max-evidence", &n.to_string()]);
        let e = edge(&g, "alpha", "bravo");
        assert_eq!(e["weight"], 5, "weight does not depend on the cap");
        let got: Vec<(String, u64)> = e["evidence"]
            .as_array()
            .unwrap()
            .iter()
            .map(|v| {
                (
                    v["doc"].as_str().unwrap().to_owned(),
                    v["sentence"].as_u64().unwrap(),
                )
            })
            .collect();
        let want: Vec<(String, u64)> = all
            .iter()
            .take(n)
            .map(|(d, s)| (d.to_string(), *s))
            .collect();
        assert_eq!(got, want, "--max-evidence {n}");
        assert_eq!(g["max_evidence"], n, "--max-evidence {n}");
    }
}

#[test]
fn evidence_spans_slice_the_document_without_surrounding_space() {
    // Catches: the evidence start ignoring leading white space.
    // (text, actor pair, expected evidence text)
    let cases = [
        (
            "   Alpha met Bravo.  ",
            ("alpha", "bravo"),
            "Alpha met Bravo.",
        ),
        (
            "It rained.   Then Alpha met Bravo.",
            ("alpha", "bravo"),
            "Then Alpha met Bravo.",
        ),
        (
            "Intro.\n\n\tAlpha and Charlie met.",
            ("alpha", "charlie"),
            "Alpha and Charlie met.",
        ),
    ];
    for (text, (a, b), want) in cases {
        let dir = tempdir();
        corpus(dir.path(), &[("d", None, text)]);
        let g = build(dir.path(), &[]);
        let ev = &edge(&g, a, b)["evidence"][0];
        let (start, end) = (
            ev["start"].as_u64().unwrap() as usize,
            ev["end"].as_u64().unwrap() as usize,
        );
        assert_eq!(ev["text"], want, "{text:?}");
        assert_eq!(&text[start..end], want, "{text:?}: span {start}..{end}");
        assert_eq!(start, text.find(want).unwrap(), "{text:?}");
    }
}

#[test]
fn evidence_quotes_up_to_two_sentences_apart_then_only_the_later() {
    // docs/weights.md: mentions three or more sentences apart quote only the later sentence.
    // (text, expected evidence text, expected first sentence)
    let cases = [
        (
            "Alpha spoke. It rained. Bravo spoke.",
            "Alpha spoke. It rained. Bravo spoke.",
            0,
        ),
        (
            "Alpha spoke. It rained. It poured. Bravo spoke.",
            "Bravo spoke.",
            3,
        ),
        ("Alpha spoke. Bravo spoke.", "Alpha spoke. Bravo spoke.", 0),
    ];
    for (text, want, sentence) in cases {
        let dir = tempdir();
        corpus(dir.path(), &[("d", None, text)]);
        let g = build(dir.path(), &["--unit", "paragraph"]);
        let ev = &edge(&g, "alpha", "bravo")["evidence"][0];
        assert_eq!(
            (&ev["text"], &ev["sentence"]),
            (&want.into(), &sentence.into()),
            "{text:?}"
        );
    }
}

/// alpha–bravo 1, charlie–delta 1, delta–echo 2.
const TIES: &[(&str, Option<&str>, &str)] = &[(
    "t",
    None,
    "Alpha met Bravo. Charlie met Delta. Echo met Delta. Delta met Echo.",
)];

#[test]
fn top_edges_keeps_the_heaviest_then_the_smallest_ids() {
    // Catches: the --top-edges tie-break reversed, and a weight order reversed.
    let dir = tempdir();
    corpus(dir.path(), TIES);
    let ab = ("alpha".to_owned(), "bravo".to_owned(), 1);
    let cd = ("charlie".to_owned(), "delta".to_owned(), 1);
    let de = ("delta".to_owned(), "echo".to_owned(), 2);
    // (K, edges kept, in output order)
    let cases = [
        (1, vec![de.clone()]),
        (2, vec![ab.clone(), de.clone()]),
        (3, vec![ab.clone(), cd.clone(), de.clone()]),
        (9, vec![ab, cd, de]),
    ];
    for (k, want) in cases {
        let g = build(dir.path(), &["--top-edges", &k.to_string()]);
        assert_eq!(edge_keys(&g), want, "--top-edges {k}");
    }
}

#[test]
fn min_weight_keeps_edges_of_exactly_that_weight() {
    // Catches: build or query --min-weight becoming strict (> instead of >=).
    let dir = tempdir();
    corpus(dir.path(), TIES);
    let saved = run_in(
        dir.path(),
        &[
            "build",
            "c.jsonl",
            "-g",
            "g.json",
            "-o",
            "g.json.out",
            "--format",
            "json",
        ],
    );
    assert_eq!(saved.status, 0, "{}", saved.stderr);
    // (min weight, delta's neighbours)
    let cases: [(&str, &[&str]); 3] = [("1", &["echo", "charlie"]), ("2", &["echo"]), ("3", &[])];
    for (min, want) in cases {
        let g = build(dir.path(), &["--min-weight", min]);
        let kept: Vec<u64> = edge_keys(&g).iter().map(|e| e.2).collect();
        assert!(
            kept.iter().all(|&w| w >= min.parse().unwrap()),
            "{min}: {kept:?}"
        );
        for source in [&["--graph", "g.json.out"][..], &["c.jsonl"][..]] {
            let mut args = vec!["query"];
            args.extend(source);
            args.extend([
                "-g",
                "g.json",
                "--min-weight",
                min,
                "neighbors",
                "delta",
                "--json",
            ]);
            let r = run_in(dir.path(), &args);
            assert_eq!(r.status, 0, "{args:?}: {}", r.stderr);
            let v: Value = serde_json::from_str(&r.stdout).unwrap();
            let got: Vec<&str> = v["neighbors"]
                .as_array()
                .unwrap()
                .iter()
                .map(|n| n["id"].as_str().unwrap())
                .collect();
            assert_eq!(got, want, "{args:?}");
        }
    }
}

#[test]
fn csv_columns_hold_their_own_scores() {
    // Catches: the NPMI and Jaccard CSV columns swapped (the values differ on this corpus).
    let dir = tempdir();
    corpus(dir.path(), SENTENCES);
    let r = run_in(
        dir.path(),
        &[
            "build", "c.jsonl", "-g", "g.json", "--format", "csv", "-o", "out",
        ],
    );
    assert_eq!(r.status, 0, "{}", r.stderr);
    let mut rd = csv::Reader::from_path(dir.path().join("out/edges.csv")).unwrap();
    let header = rd.headers().unwrap().clone();
    let col = |name: &str| header.iter().position(|h| h == name).unwrap();
    let rows: Vec<csv::StringRecord> = rd.records().map(|r| r.unwrap()).collect();
    let ab = rows
        .iter()
        .find(|r| &r[0] == "alpha" && &r[1] == "bravo")
        .unwrap();
    let num = |c: &str| ab[col(c)].parse::<f64>().unwrap();
    assert!(
        (num("Jaccard") - 0.5).abs() < 1e-12,
        "Jaccard {}",
        num("Jaccard")
    );
    let npmi = (10f64 / 9.0).ln() / 2.5f64.ln();
    assert!((num("NPMI") - npmi).abs() < 1e-12, "NPMI {}", num("NPMI"));
    assert_eq!(&ab[col("Weight")], "2");
    assert_eq!(&ab[col("Documents")], "2");
}

#[test]
fn neighbours_of_equal_weight_are_ordered_by_id_not_by_arrival() {
    // echo arrives first, but charlie < echo; bravo is heavier and comes first.
    let dir = tempdir();
    corpus(
        dir.path(),
        &[(
            "n",
            None,
            "Delta met Echo. Delta met Charlie. Bravo met Delta. Delta met Bravo.",
        )],
    );
    let r = run_in(
        dir.path(),
        &[
            "query",
            "c.jsonl",
            "-g",
            "g.json",
            "neighbors",
            "delta",
            "--json",
        ],
    );
    assert_eq!(r.status, 0, "{}", r.stderr);
    let v: Value = serde_json::from_str(&r.stdout).unwrap();
    let got: Vec<(&str, u64)> = v["neighbors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|n| (n["id"].as_str().unwrap(), n["weight"].as_u64().unwrap()))
        .collect();
    assert_eq!(got, [("bravo", 2), ("charlie", 1), ("echo", 1)]);
}
