//! Every writer on a graph whose ids and labels come from the input: JSON must load back
//! equal, GraphML and GEXF must parse as XML with the same nodes, CSV must parse with the
//! same ids, and every DOT string must be one quoted token.
#![no_main]

use actorgraph::export::{self, Format};
use actorgraph::graph::{ActorGraph, CorpusStats, Edge, Node, Unit};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let s = String::from_utf8_lossy(data);
    let mut names: Vec<&str> = s.split('\u{0}').filter(|n| !n.trim().is_empty()).take(6).collect();
    names.sort();
    names.dedup();
    if names.is_empty() {
        return;
    }
    let nodes: Vec<Node> = names
        .iter()
        .map(|n| Node {
            attributes: [(n.to_string(), n.to_string())].into(),
            ..Node::new(*n, n.chars().rev().collect::<String>(), *n)
        })
        .collect();
    let edges: Vec<(usize, usize, Edge)> = (1..nodes.len())
        .map(|j| (0, j, Edge::new(j as u64)))
        .collect();
    let n = nodes.len();
    let g = ActorGraph::from_parts(Unit::Sentence, CorpusStats::default(), None, nodes, edges);

    let mut json = Vec::new();
    export::write(&g, Format::Json, &mut json).unwrap();
    let back = export::json::read("f", &json).unwrap();
    assert_eq!(back.nodes().map(|n| &n.id).collect::<Vec<_>>(), g.nodes().map(|n| &n.id).collect::<Vec<_>>());

    for f in [Format::Graphml, Format::Gexf] {
        let mut xml = Vec::new();
        export::write(&g, f, &mut xml).unwrap();
        let text = String::from_utf8(xml).unwrap();
        let doc = roxmltree::Document::parse(&text).unwrap_or_else(|e| panic!("{f:?}: {e}"));
        assert_eq!(doc.descendants().filter(|x| x.has_tag_name("node")).count(), n);
    }

    let dir = std::env::temp_dir().join(format!("ag-fuzz-csv-{}", std::process::id()));
    export::csv::write_dir(&g, &dir).unwrap();
    let mut r = csv::Reader::from_path(dir.join("nodes.csv")).unwrap();
    let ids: Vec<String> = r.records().map(|x| x.unwrap()[0].to_owned()).collect();
    assert_eq!(ids, names);

    for name in &names {
        for q in [export::dot::id(name), export::dot::esc(name)] {
            // One quoted token: starts and ends with a quote, and no unescaped quote inside.
            assert!(q.starts_with('"') && q.ends_with('"') && q.len() >= 2);
            let inner = &q[1..q.len() - 1];
            let mut backslashes = 0;
            for c in inner.chars() {
                if c == '"' {
                    assert!(backslashes % 2 == 1, "unescaped quote in {q:?}");
                }
                backslashes = if c == '\\' { backslashes + 1 } else { 0 };
            }
            assert!(backslashes % 2 == 0, "dangling backslash in {q:?}");
        }
    }
});
