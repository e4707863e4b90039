//! `build --group-by code` (issue 13): each mention counts for its actor's code on the
//! document's date. A small coded gazetteer and dated documents with the expected network by
//! hand; merging per-document partials gives the same bytes; the real Phoenix dictionary gives
//! the issue's example (Nuri al-Maliki is IRQGOV while in office).

mod util;

use std::path::Path;

use util::{run_in, shared_data, tempdir};

/// Maliki: IRQGOV in office, IRQELI otherwise (an undated code: it holds on any day, and for
/// undated documents). Talabani: IRQGOV in office only. Obama: USAGOV in office only. Sadr:
/// no code.
const GAZETTEER: &str = r#"{"actors": [
 {"id": "maliki", "label": "Nuri al-Maliki", "type": "person", "aliases": ["Maliki"],
  "codes": [{"code": "IRQGOV", "from": "2006-05-20", "until": "2014-09-08"}, {"code": "IRQELI"}]},
 {"id": "talabani", "label": "Jalal Talabani", "type": "person", "aliases": ["Talabani"],
  "codes": [{"code": "IRQGOV", "from": "2005-04-07", "until": "2014-07-24"}]},
 {"id": "obama", "label": "Barack Obama", "type": "person", "aliases": ["Obama"],
  "codes": [{"code": "USAGOV", "from": "2009-01-20", "until": "2017-01-20"}]},
 {"id": "sadr", "label": "Muqtada al-Sadr", "type": "person", "aliases": ["Sadr"]}
]}"#;

/// (id, date or "", text)
const DOCS: &[(&str, &str, &str)] = &[
    // Both in office: IRQGOV – USAGOV.
    ("d1", "2010-03-01", "Maliki met Obama."),
    // Maliki and Talabani are one node that day: one unit, weight 1, and no self-loop.
    ("d2", "2010-03-02", "Maliki and Talabani met Obama."),
    // Maliki out of office: his undated code; Sadr has none and stays himself.
    ("d3", "2016-01-01", "Maliki met Sadr."),
    // Undated: Maliki's undated code applies; Obama's codes are all dated, he stays himself.
    ("d4", "", "Maliki met Obama again."),
    // Talabani out of office with no undated code: himself.
    ("d5", "2020-01-01", "Talabani met Sadr."),
];

/// (source, target, weight), by hand from [`DOCS`].
const EDGES: &[(&str, &str, u64)] = &[
    ("IRQELI", "obama", 1),
    ("IRQELI", "sadr", 1),
    ("IRQGOV", "USAGOV", 2),
    ("sadr", "talabani", 1),
];

/// (id, label, type, mentions)
const NODES: &[(&str, &str, &str, u64)] = &[
    ("IRQELI", "IRQELI", "code", 2),
    ("IRQGOV", "IRQGOV", "code", 3),
    ("USAGOV", "USAGOV", "code", 2),
    ("obama", "Barack Obama", "person", 1),
    ("sadr", "Muqtada al-Sadr", "person", 2),
    ("talabani", "Jalal Talabani", "person", 1),
];

fn setup() -> (tempfile::TempDir, Vec<String>) {
    let dir = tempdir();
    std::fs::write(dir.path().join("g.json"), GAZETTEER).unwrap();
    let mut files = Vec::new();
    for (id, date, text) in DOCS {
        let mut rec = serde_json::json!({"id": id, "text": text});
        if !date.is_empty() {
            rec["date"] = (*date).into();
        }
        let name = format!("{id}.jsonl");
        std::fs::write(dir.path().join(&name), format!("{rec}\n")).unwrap();
        files.push(name);
    }
    (dir, files)
}

fn ok(dir: &Path, args: &[&str]) {
    let r = run_in(dir, args);
    assert_eq!(r.status, 0, "{args:?}: {}", r.stderr);
}

fn graph(path: &Path) -> serde_json::Value {
    serde_json::from_slice(&std::fs::read(path).unwrap()).unwrap()
}

#[test]
fn actors_collapse_to_their_code_on_the_documents_date() {
    let (dir, files) = setup();
    let d = dir.path();
    let mut args = vec![
        "build",
        "-g",
        "g.json",
        "--group-by",
        "code",
        "-o",
        "out.json",
    ];
    args.extend(files.iter().map(String::as_str));
    ok(d, &args);
    let g = graph(&d.join("out.json"));
    let edges: Vec<(String, String, u64)> = g["edges"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| {
            (
                e["source"].as_str().unwrap().to_owned(),
                e["target"].as_str().unwrap().to_owned(),
                e["weight"].as_u64().unwrap(),
            )
        })
        .collect();
    let want: Vec<(String, String, u64)> = EDGES
        .iter()
        .map(|&(s, t, w)| (s.to_owned(), t.to_owned(), w))
        .collect();
    assert_eq!(edges, want);
    let nodes: Vec<(String, String, String, u64)> = g["nodes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|n| {
            let s = |k: &str| n[k].as_str().unwrap().to_owned();
            (
                s("id"),
                s("label"),
                s("type"),
                n["mentions"].as_u64().unwrap(),
            )
        })
        .collect();
    let want: Vec<(String, String, String, u64)> = NODES
        .iter()
        .map(|&(i, l, t, m)| (i.to_owned(), l.to_owned(), t.to_owned(), m))
        .collect();
    assert_eq!(nodes, want);

    // Typed relations too: two actors of one code never make a self-loop.
    let mut args = vec![
        "build",
        "-g",
        "g.json",
        "--group-by",
        "code",
        "--edges",
        "relations",
    ];
    args.extend(["-o", "rel.json"]);
    args.extend(files.iter().map(String::as_str));
    ok(d, &args);
    let g = graph(&d.join("rel.json"));
    for e in g["edges"].as_array().unwrap() {
        assert_ne!(e["source"], e["target"], "{e}");
    }

    // Without --group-by nothing changes: the actors are the nodes.
    let mut args = vec!["build", "-g", "g.json", "-o", "plain.json"];
    args.extend(files.iter().map(String::as_str));
    ok(d, &args);
    let g = graph(&d.join("plain.json"));
    assert!(g["nodes"]
        .as_array()
        .unwrap()
        .iter()
        .all(|n| n["type"] == "person"));
}

#[test]
fn grouped_partials_merge_to_one_build_and_refuse_ungrouped_ones() {
    let (dir, files) = setup();
    let d = dir.path();
    let mut parts = Vec::new();
    for f in &files {
        let out = f.replace(".jsonl", ".agc");
        ok(
            d,
            &["build", "-g", "g.json", "--group-by", "code", f, "-o", &out],
        );
        parts.push(out);
    }
    for format in ["json", "gexf"] {
        let one_out = format!("one.{format}");
        let merged_out = format!("merged.{format}");
        let mut one = vec![
            "build",
            "-g",
            "g.json",
            "--group-by",
            "code",
            "--period",
            "year",
        ];
        one.extend(["-o", &one_out]);
        one.extend(files.iter().map(String::as_str));
        ok(d, &one);
        let mut merge = vec!["merge", "--period", "year", "-o", &merged_out];
        merge.extend(parts.iter().rev().map(String::as_str));
        ok(d, &merge);
        assert_eq!(
            std::fs::read(d.join(&one_out)).unwrap(),
            std::fs::read(d.join(&merged_out)).unwrap(),
            "{format}"
        );
    }
    ok(d, &["build", "-g", "g.json", &files[0], "-o", "plain.agc"]);
    let r = run_in(d, &["merge", &parts[0], "plain.agc"]);
    assert_eq!(r.status, 2);
    assert!(
        r.stderr.contains("different --group-by (code and actor)"),
        "{}",
        r.stderr
    );
}

/// The issue's example with the real dictionary: Maliki is IRQGOV from 2006-05-20 to
/// 2014-09-08, IRQELI (his undated code) after; Obama is USAGOV from 2009-01-20 (open), and
/// has no undated code, so an undated document keeps him as himself.
#[test]
fn phoenix_codes_group_maliki_and_obama_by_date() {
    let dir = tempdir();
    let d = dir.path();
    let countries = shared_data().join("petrarch2/Phoenix.Countries.actors.txt");
    ok(
        d,
        &[
            "gazetteer",
            "import",
            "petrarch",
            countries.to_str().unwrap(),
            "-o",
            "phoenix.json",
        ],
    );
    let corpus = [
        r#"{"id": "a", "date": "2010-03-01", "text": "Nuri al-Maliki met Barack Obama in Baghdad."}"#,
        r#"{"id": "b", "date": "2016-06-01", "text": "Nuri al-Maliki met Barack Obama again."}"#,
        r#"{"id": "c", "text": "Nuri al-Maliki spoke to Barack Obama."}"#,
    ];
    std::fs::write(d.join("c.jsonl"), corpus.join("\n") + "\n").unwrap();
    ok(
        d,
        &[
            "build",
            "c.jsonl",
            "-g",
            "phoenix.json",
            "--group-by",
            "code",
            "-o",
            "g.json",
        ],
    );
    let g = graph(&d.join("g.json"));
    let edges: Vec<String> = g["edges"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| format!("{} {} {}", e["source"], e["target"], e["weight"]))
        .collect();
    assert_eq!(
        edges,
        [
            // "Baghdad" is a Phoenix phrase of Iraq: IRQ, undated.
            r#""IRQ" "IRQGOV" 1"#,
            r#""IRQ" "USAGOV" 1"#,
            r#""IRQELI" "USAGOV" 1"#,
            r#""IRQELI" "barack_obama" 1"#,
            r#""IRQGOV" "USAGOV" 1"#,
        ]
    );
}
