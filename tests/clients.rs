//! The exports opened by the programs users open them in: Graphviz for DOT, NetworkX for
//! GraphML and GEXF, Python's csv module for CSV (tests/clients/check_graph.py). These tools
//! are installed by tests/run.sh; a missing one fails the test, it is never skipped.

mod util;

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

use util::{root, run_in, tempdir};

fn python() -> PathBuf {
    let p = std::env::var_os("ACTORGRAPH_PYTHON")
        .map(PathBuf::from)
        .unwrap_or_else(|| root().join(".venv/bin/python"));
    assert!(
        p.exists(),
        "{} not found: run `bash tests/run.sh`, which installs NetworkX and Graphviz",
        p.display()
    );
    p
}

/// Builds every format from `args` into `dir` and runs the client checks on them.
fn build_all_and_check(dir: &Path, args: &[&str]) -> String {
    for (out, extra) in [
        ("g.json", &[][..]),
        ("g.graphml", &[][..]),
        ("g.gexf", &[][..]),
        ("g.dot", &[][..]),
        ("csv", &["--format", "csv"][..]),
    ] {
        let mut a: Vec<&str> = vec!["build"];
        a.extend(args);
        a.extend(["-o", out]);
        a.extend(extra);
        let r = run_in(dir, &a);
        assert_eq!(r.status, 0, "build -o {out}: {}", r.stderr);
    }
    let out = Command::new(python())
        .arg(root().join("tests/clients/check_graph.py"))
        .arg(dir)
        .output()
        .expect("run python");
    let stdout = String::from_utf8_lossy(&out.stdout).into_owned();
    assert!(
        out.status.success(),
        "client checks failed:\n{stdout}\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    stdout
}

#[test]
fn seeds_open_in_networkx_graphviz_and_csv() {
    let dir = tempdir();
    let seeds = root().join("seeds");
    let out = build_all_and_check(dir.path(), &[seeds.to_str().unwrap()]);
    assert!(
        // Boilerplate is not linked (docs/zones.md); the seeds are dated by
        // seeds/actorgraph-meta.json, so role mentions resolve to their holders.
        out.starts_with("ok: 36 nodes, 116 edges, dated=True"),
        "{out}"
    );
}

/// `--edges both` on the seeds: typed relations beside co-mention, some directed, several
/// edges per pair; every reader keeps kinds and directions apart.
#[test]
fn typed_relation_edges_open_in_every_client() {
    let dir = tempdir();
    let seeds = root().join("seeds");
    let out = build_all_and_check(dir.path(), &[seeds.to_str().unwrap(), "--edges", "both"]);
    assert!(
        out.starts_with("ok typed: ")
            && out.contains("affiliation,attack,co-mention,cooperate,criticize,meet,support"),
        "{out}"
    );
}

#[test]
fn dated_corpus_gives_a_gephi_timeline() {
    let dir = tempdir();
    let mut jsonl = String::new();
    for (i, (id, text)) in actorgraph::input::SEEDS.iter().enumerate() {
        let rec =
            serde_json::json!({"id": id, "text": text, "date": format!("2024-02-{:02}", 10 + i)});
        jsonl.push_str(&rec.to_string());
        jsonl.push('\n');
    }
    fs::write(dir.path().join("c.jsonl"), jsonl).unwrap();
    let out = build_all_and_check(dir.path(), &["c.jsonl"]);
    assert!(
        // Dated February 2024: the roles resolve (Falih al-Fayyadh joins through "PMF chief");
        // boilerplate is not linked.
        out.starts_with("ok: 36 nodes, 116 edges, dated=True"),
        "{out}"
    );
    let gexf = fs::read_to_string(dir.path().join("g.gexf")).unwrap();
    assert!(gexf.contains(r#"mode="dynamic" timeformat="date""#));
    assert!(gexf.contains(r#"<spell start="2024-02-10" end="2024-02-10"/>"#));
}

/// Ids and labels that break naive writers, all tagged through plain aliases.
pub const HOSTILE: &[(&str, &str)] = &[
    ("node", "say \"hi\" & <bye>"),
    ("graph", "back\\slash \\N \\n"),
    ("strict", "]]> CDATA end"),
    ("edge", "two\nlines\tand tab"),
    ("a\"b<c>&d", "control \u{7}\u{1b} chars"),
    ("emoji 🇮🇶", "right-to-left עברית العربية"),
    ("sp ace", "'single' quotes"),
    ("x\\y", "trailing backslash \\"),
];

#[test]
fn hostile_ids_and_labels_survive_every_client() {
    let dir = tempdir();
    let words = [
        "alpha", "bravo", "charlie", "delta", "echo", "foxtrot", "golf", "hotel",
    ];
    let actors: Vec<serde_json::Value> = HOSTILE
        .iter()
        .zip(words)
        .map(|((id, label), w)| {
            serde_json::json!({"id": id, "label": label, "type": "person <&>", "aliases": [w],
                               "attributes": {"note": label, "label": "clash"}})
        })
        .collect();
    fs::write(
        dir.path().join("g.json.in"),
        serde_json::json!({ "actors": actors }).to_string(),
    )
    .unwrap();
    fs::write(
        dir.path().join("doc.txt"),
        format!("{}.\n", words.join(" and ")),
    )
    .unwrap();
    let out = build_all_and_check(dir.path(), &["doc.txt", "-g", "g.json.in"]);
    assert!(out.starts_with("ok: 8 nodes, 28 edges"), "{out}");
}

/// A corpus for `recount.py`: 40 documents of capitalised sentences ending in ". ", blank lines
/// between paragraphs, eight actors named by words found nowhere else. Seeded.
fn recount_corpus() -> (String, String) {
    const NAMES: &[&str] = &[
        "Alpha", "Bravo", "Charlie", "Delta", "Echo", "Foxtrot", "Golf", "Hotel",
    ];
    const FILLER: &[&str] = &["met", "and", "said", "in", "with", "talks", "the", "city"];
    const STARTERS: &[&str] = &["Then", "Later", "Officials", "Reports"];
    let mut state = 0x5eed_c0de_u64;
    let mut next = |n: usize| {
        // splitmix64
        state = state.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = state;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        ((z ^ (z >> 31)) % n as u64) as usize
    };
    let mut jsonl = String::new();
    for d in 0..40 {
        let mut paragraphs = Vec::new();
        for _ in 0..1 + next(3) {
            let mut sentences = Vec::new();
            for _ in 0..1 + next(4) {
                let mut words = vec![if next(2) == 0 {
                    STARTERS[next(STARTERS.len())]
                } else {
                    NAMES[next(NAMES.len())]
                }];
                for _ in 0..2 + next(5) {
                    words.push(if next(3) == 0 {
                        NAMES[next(NAMES.len())]
                    } else {
                        FILLER[next(FILLER.len())]
                    });
                }
                sentences.push(format!("{}.", words.join(" ")));
            }
            paragraphs.push(sentences.join(" "));
        }
        let rec = serde_json::json!({"id": format!("doc{d:02}"), "text": paragraphs.join("\n\n"),
                                     "date": format!("2024-03-{:02}", 1 + d % 7)});
        jsonl.push_str(&rec.to_string());
        jsonl.push('\n');
    }
    let actors: Vec<serde_json::Value> = NAMES
        .iter()
        .enumerate()
        .map(|(i, n)| {
            let kind = if i % 2 == 0 { "person" } else { "group" };
            serde_json::json!({"id": n.to_lowercase(), "label": n, "type": kind})
        })
        .collect();
    (jsonl, serde_json::json!({ "actors": actors }).to_string())
}

#[test]
fn scores_match_an_independent_recount_in_python() {
    let dir = tempdir();
    let (corpus, gazetteer) = recount_corpus();
    fs::write(dir.path().join("c.jsonl"), corpus).unwrap();
    fs::write(dir.path().join("g.json"), gazetteer).unwrap();
    // (unit, expected summary from the recount)
    for (unit, want) in [
        ("sentence", "ok: sentence: "),
        ("paragraph", "ok: paragraph: "),
        ("document", "ok: document: 40 units, 8 nodes"),
    ] {
        let out = format!("{unit}.graphml");
        let r = run_in(
            dir.path(),
            &[
                "build", "c.jsonl", "-g", "g.json", "--unit", unit, "-o", &out,
            ],
        );
        assert_eq!(r.status, 0, "{}", r.stderr);
        let o = Command::new(python())
            .arg(root().join("tests/clients/recount.py"))
            .args(["c.jsonl", "g.json", unit, &out])
            .current_dir(dir.path())
            .output()
            .expect("run python");
        let stdout = String::from_utf8_lossy(&o.stdout);
        assert!(
            o.status.success() && stdout.starts_with(want),
            "{unit}: {stdout}{}",
            String::from_utf8_lossy(&o.stderr)
        );
        // The recount is not vacuous: many units and edges.
        let v: Vec<usize> = stdout
            .split(|c: char| !c.is_ascii_digit())
            .filter_map(|s| s.parse().ok())
            .collect();
        assert!(v[0] >= 40 && v[2] >= 20, "{unit}: {stdout}");
    }
}
