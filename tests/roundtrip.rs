//! Property test: hostile ids and labels survive a round trip through every format, read back
//! by a real parser (serde_json, roxmltree, the csv crate, Graphviz itself for DOT).

use std::collections::BTreeMap;
use std::io::Write;
use std::process::{Command, Stdio};

use actorgraph::export::{self, Format};
use actorgraph::graph::{ActorGraph, CorpusStats, Edge, Node, Unit};
use proptest::prelude::*;

const PIECES: &[&str] = &[
    "a",
    "Z",
    " ",
    "\"",
    "'",
    "\\",
    "<",
    ">",
    "&",
    "]]>",
    "\n",
    "\t",
    "\r",
    "\u{1}",
    "\u{1b}",
    "\u{7f}",
    "🇮🇶",
    "👍🏽",
    "עברית",
    "العربية",
    "node",
    "graph",
    "strict",
    "edge",
    "--",
    "{",
    "}",
    ";",
    "=",
    "#",
    ",",
    "\u{fffe}",
    "é",
    "e\u{301}",
];

fn hostile() -> impl Strategy<Value = String> {
    prop::collection::vec(prop::sample::select(PIECES), 1..8).prop_map(|v| v.concat())
}

fn graph(ids: &[String], labels: &[String]) -> ActorGraph {
    let nodes: Vec<Node> = ids
        .iter()
        .zip(labels)
        .map(|(id, label)| Node {
            attributes: BTreeMap::from([("note".to_owned(), label.clone())]),
            ..Node::new(id.clone(), label.clone(), label.clone())
        })
        .collect();
    let mut edges = Vec::new();
    for i in 0..nodes.len() {
        for j in i + 1..nodes.len() {
            edges.push((
                i,
                j,
                Edge {
                    npmi: 0.5,
                    jaccard: 0.25,
                    ..Edge::new((i + j + 1) as u64)
                },
            ));
        }
    }
    ActorGraph::from_parts(Unit::Sentence, CorpusStats::default(), None, nodes, edges)
}

/// What XML carries: forbidden characters become U+FFFD.
fn xml(s: &str) -> String {
    s.chars()
        .map(|c| {
            if export::xml::forbidden(c) {
                '\u{fffd}'
            } else {
                c
            }
        })
        .collect()
}

/// What Graphviz reads back as a DOT node name: line breaks are spaces, and an odd run of
/// backslashes before a quote or the end comes back one longer (see `export::dot::id`).
fn dot_name(s: &str) -> String {
    let chars: Vec<char> = s
        .chars()
        .map(|c| if c == '\n' || c == '\r' { ' ' } else { c })
        .collect();
    let mut out = String::new();
    let mut i = 0;
    while i < chars.len() {
        if chars[i] == '\\' {
            let mut j = i;
            while j < chars.len() && chars[j] == '\\' {
                j += 1;
            }
            let mut run = j - i;
            if run % 2 == 1 && (j == chars.len() || chars[j] == '"') {
                run += 1;
            }
            out.extend(std::iter::repeat_n('\\', run));
            i = j;
        } else {
            out.push(chars[i]);
            i += 1;
        }
    }
    xml(&out)
}

fn written(g: &ActorGraph, f: Format) -> Vec<u8> {
    let mut out = Vec::new();
    export::write(g, f, &mut out).unwrap();
    out
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn hostile_labels_round_trip(
        raw in prop::collection::btree_map(hostile(), hostile(), 2..5)
            // The gazetteer rejects blank ids, so the builder never makes one.
            .prop_filter("ids are not blank", |m| m.keys().all(|k| !k.trim().is_empty()))
    ) {
        // Sorted, unique ids, as the builder makes them.
        let ids: Vec<String> = raw.keys().cloned().collect();
        let labels: Vec<String> = raw.values().cloned().collect();
        let g = graph(&ids, &labels);

        // JSON: exact.
        let back = export::json::read("g.json", &written(&g, Format::Json)).unwrap();
        let got: Vec<(String, String)> = back.nodes().map(|n| (n.id.clone(), n.label.clone())).collect();
        let want: Vec<(String, String)> = ids.iter().cloned().zip(labels.iter().cloned()).collect();
        prop_assert_eq!(&got, &want);
        prop_assert_eq!(back.graph.edge_count(), g.graph.edge_count());

        // GraphML: ids, labels and attributes, XML-cleaned.
        let text = String::from_utf8(written(&g, Format::Graphml)).unwrap();
        let doc = roxmltree::Document::parse(&text).unwrap();
        let mut got = Vec::new();
        for n in doc.descendants().filter(|n| n.has_tag_name("node")) {
            let label = n.children().find(|c| c.attribute("key") == Some("v_label")).and_then(|c| c.text()).unwrap_or("");
            got.push((n.attribute("id").unwrap().to_owned(), label.to_owned()));
        }
        let want: Vec<(String, String)> = ids.iter().zip(&labels).map(|(i, l)| (xml(i), xml(l))).collect();
        prop_assert_eq!(&got, &want);
        prop_assert_eq!(doc.descendants().filter(|n| n.has_tag_name("edge")).count(), g.graph.edge_count());

        // GEXF: ids and labels are attributes, including line breaks and tabs.
        let text = String::from_utf8(written(&g, Format::Gexf)).unwrap();
        let doc = roxmltree::Document::parse(&text).unwrap();
        let got: Vec<(String, String)> = doc
            .descendants()
            .filter(|n| n.has_tag_name("node"))
            .map(|n| (n.attribute("id").unwrap().to_owned(), n.attribute("label").unwrap().to_owned()))
            .collect();
        prop_assert_eq!(&got, &want);

        // CSV: exact.
        let dir = tempfile::tempdir().unwrap();
        export::csv::write_dir(&g, dir.path()).unwrap();
        let mut r = csv::Reader::from_path(dir.path().join("nodes.csv")).unwrap();
        let got: Vec<(String, String)> = r.records().map(|rec| {
            let rec = rec.unwrap();
            (rec[0].to_owned(), rec[1].to_owned())
        }).collect();
        prop_assert_eq!(&got, &ids.iter().cloned().zip(labels.iter().cloned()).collect::<Vec<_>>());

        // DOT: Graphviz parses it and reports every node and edge.
        let dot = written(&g, Format::Dot);
        let mut child = Command::new("dot").arg("-Tjson").stdin(Stdio::piped()).stdout(Stdio::piped()).stderr(Stdio::piped()).spawn()
            .expect("Graphviz `dot` (installed by tests/run.sh)");
        child.stdin.take().unwrap().write_all(&dot).unwrap();
        let out = child.wait_with_output().unwrap();
        prop_assert!(out.status.success(), "dot failed: {}", String::from_utf8_lossy(&out.stderr));
        let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        let mut names: Vec<String> = v["objects"].as_array().unwrap().iter().map(|o| o["name"].as_str().unwrap().to_owned()).collect();
        let mut want: Vec<String> = ids.iter().map(|i| dot_name(i)).collect();
        names.sort();
        want.sort();
        prop_assert_eq!(names, want);
        prop_assert_eq!(v["edges"].as_array().map_or(0, |a| a.len()), g.graph.edge_count());
    }
}
