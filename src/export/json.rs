//! The JSON graph: full evidence, stable documented field names (`docs/formats.md`). It is
//! also the saved graph that `actorgraph query --graph` loads, so [`read`] validates it.

use std::collections::HashMap;
use std::io::{self, Write};

use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};
use crate::graph::{ActorGraph, CorpusStats, Edge, Node, Unit};
use crate::period::Period;

/// The value of the `format` field.
pub const FORMAT: &str = "actorgraph";
/// The current schema version.
pub const VERSION: u32 = 1;

#[derive(Serialize)]
struct SavedRef<'a> {
    format: &'a str,
    version: u32,
    unit: Unit,
    corpus: &'a CorpusStats,
    max_evidence: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    period: Option<Period>,
    nodes: Vec<&'a Node>,
    edges: Vec<EdgeRef<'a>>,
}

#[derive(Serialize)]
struct EdgeRef<'a> {
    source: &'a str,
    target: &'a str,
    #[serde(flatten)]
    edge: &'a Edge,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Saved {
    #[serde(deserialize_with = "format_tag")]
    #[allow(dead_code)]
    format: (),
    version: u32,
    unit: Unit,
    corpus: CorpusStats,
    max_evidence: Option<usize>,
    #[serde(default)]
    period: Option<Period>,
    nodes: Vec<Node>,
    edges: Vec<SavedEdge>,
}

/// An edge as saved. Spelled out rather than `#[serde(flatten)]`, which buffers every edge
/// and made loading a 100,000-edge graph three times slower.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct SavedEdge {
    source: String,
    target: String,
    #[serde(default = "co_mention")]
    kind: String,
    #[serde(default)]
    directed: bool,
    #[serde(default)]
    negated: u64,
    #[serde(default)]
    planned: u64,
    #[serde(default)]
    role: Option<String>,
    weight: u64,
    documents: u64,
    #[serde(default)]
    first_date: Option<chrono::NaiveDate>,
    #[serde(default)]
    last_date: Option<chrono::NaiveDate>,
    #[serde(default)]
    dates: Vec<chrono::NaiveDate>,
    npmi: f64,
    jaccard: f64,
    #[serde(default)]
    periods: Vec<crate::period::Bucket>,
    evidence: Vec<crate::graph::Evidence>,
}

fn co_mention() -> String {
    crate::counts::CO_MENTION.to_owned()
}

/// Accepts only `"format": "actorgraph"`.
fn format_tag<'de, D: serde::Deserializer<'de>>(d: D) -> std::result::Result<(), D::Error> {
    let tag = String::deserialize(d)?;
    if tag == FORMAT {
        Ok(())
    } else {
        Err(serde::de::Error::custom(format!(
            "format is {tag:?}, not \"actorgraph\""
        )))
    }
}

/// Writes `graph` as JSON.
pub fn write(graph: &ActorGraph, w: &mut dyn Write) -> io::Result<()> {
    let saved = SavedRef {
        format: FORMAT,
        version: VERSION,
        unit: graph.unit,
        corpus: &graph.corpus,
        max_evidence: graph.max_evidence,
        period: graph.period,
        nodes: graph.nodes().collect(),
        edges: graph
            .edges()
            .map(|(a, b, e)| EdgeRef {
                source: &a.id,
                target: &b.id,
                edge: e,
            })
            .collect(),
    };
    serde_json::to_writer_pretty(&mut *w, &saved)?;
    w.write_all(b"\n")
}

/// Loads a saved graph; `name` is used in messages.
pub fn read(name: &str, bytes: &[u8]) -> Result<ActorGraph> {
    let bad = |message: String| Error::Graph {
        location: name.to_owned(),
        message,
    };
    let saved: Saved = match serde_json::from_slice(bytes) {
        Ok(saved) => saved,
        // Only on failure: find out what the file is, to say the most useful thing.
        Err(e) => {
            if bytes.starts_with(crate::partial::MAGIC) {
                return Err(bad(
                    "this is a file of partial counts, not a graph; merge partials into one \
                     with `actorgraph merge FILE... -o graph.json`"
                        .into(),
                ));
            }
            let probe: serde_json::Value = serde_json::from_slice(bytes).map_err(|e| Error::Graph {
                location: format!("{name}:{}:{}", e.line(), e.column()),
                message: format!(
                    "not valid JSON ({e}); a saved graph comes from `actorgraph build -o graph.json`"
                ),
            })?;
            if probe.get("format").and_then(|f| f.as_str()) != Some(FORMAT) {
                return Err(bad(
                    "not an actorgraph graph (no \"format\": \"actorgraph\"); save one with \
                     `actorgraph build -o graph.json`"
                        .into(),
                ));
            }
            return Err(Error::Graph {
                location: format!("{name}:{}:{}", e.line(), e.column()),
                message: format!(
                    "malformed actorgraph graph: {e}; rebuild it with `actorgraph build -o graph.json`"
                ),
            });
        }
    };
    if saved.version != VERSION {
        return Err(bad(format!(
            "graph schema version {} is not supported (this actorgraph reads version {VERSION}); \
             rebuild it",
            saved.version
        )));
    }
    let mut nodes = saved.nodes;
    // Ids that DOT or XML would merge are refused here as in the gazetteer.
    if let Some((n, problem)) = nodes
        .iter()
        .find_map(|n| crate::gazetteer::id_problem(&n.id).map(|p| (n, p)))
    {
        return Err(bad(format!("node id {:?} {problem}", n.id)));
    }
    nodes.sort_by(|a, b| a.id.cmp(&b.id));
    if let Some(w) = nodes.windows(2).find(|w| w[0].id == w[1].id) {
        return Err(bad(format!("node id \"{}\" appears twice", w[0].id)));
    }
    let index: HashMap<&str, usize> = nodes
        .iter()
        .enumerate()
        .map(|(i, n)| (n.id.as_str(), i))
        .collect();
    let mut edges = Vec::with_capacity(saved.edges.len());
    for e in saved.edges {
        let find = |id: &str| {
            index.get(id).copied().ok_or_else(|| {
                bad(format!(
                    "edge {} -- {} names unknown node \"{id}\"",
                    e.source, e.target
                ))
            })
        };
        let (mut a, mut b) = (find(&e.source)?, find(&e.target)?);
        if a == b {
            return Err(bad(format!(
                "edge {} -- {} is a self-loop",
                e.source, e.target
            )));
        }
        if a > b && !e.directed {
            std::mem::swap(&mut a, &mut b);
        }
        edges.push((
            a,
            b,
            Edge {
                kind: e.kind,
                directed: e.directed,
                negated: e.negated,
                planned: e.planned,
                role: e.role,
                weight: e.weight,
                documents: e.documents,
                first_date: e.first_date,
                last_date: e.last_date,
                dates: e.dates,
                npmi: e.npmi,
                jaccard: e.jaccard,
                periods: e.periods,
                evidence: e.evidence,
            },
        ));
    }
    // Node indices are in id order, so this is (source id, target id, kind) order.
    edges.sort_by(|x, y| (x.0, x.1, &x.2.kind).cmp(&(y.0, y.1, &y.2.kind)));
    if let Some(w) = edges
        .windows(2)
        .find(|w| (w[0].0, w[0].1, &w[0].2.kind) == (w[1].0, w[1].1, &w[1].2.kind))
    {
        return Err(bad(format!(
            "edge {} -- {} ({}) appears twice",
            nodes[w[0].0].id, nodes[w[0].1].id, w[0].2.kind
        )));
    }
    let mut graph =
        ActorGraph::from_parts(saved.unit, saved.corpus, saved.max_evidence, nodes, edges);
    graph.period = saved.period;
    Ok(graph)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::graph::{Evidence, Node};

    /// (name, nodes and edges of a saved graph, expected error)
    const BAD: &[(&str, &str, &str)] = &[
        (
            "id twice",
            r#""nodes": [N("a"), N("a")], "edges": []"#,
            "node id \"a\" appears twice",
        ),
        (
            "unknown node",
            r#""nodes": [N("a")], "edges": [E("a", "b")]"#,
            "edge a -- b names unknown node \"b\"",
        ),
        (
            "self-loop",
            r#""nodes": [N("a")], "edges": [E("a", "a")]"#,
            "edge a -- a is a self-loop",
        ),
        (
            "edge twice, once reversed",
            r#""nodes": [N("a"), N("b")], "edges": [E("a", "b"), E("b", "a")]"#,
            "edge a -- b (co-mention) appears twice",
        ),
        (
            // Regression (issue 9): "a\nb" and "a b" are one node in DOT.
            "line break in an id",
            r#""nodes": [N("a\nb"), N("a b")], "edges": []"#,
            "node id \"a\\nb\" contains the control character U+000A",
        ),
        (
            // Regression (issue 9): both are "x\u{fffd}" in GraphML, GEXF and DOT.
            "escape in an id",
            r#""nodes": [N("x\u0001"), N("x\u001b")], "edges": []"#,
            "node id \"x\\u{1}\" contains the control character U+0001",
        ),
        (
            "backslash at the end of an id",
            r#""nodes": [N("x\\")], "edges": []"#,
            "has a backslash before a quote or at the end",
        ),
    ];

    #[test]
    fn bad_saved_graphs_are_refused_with_the_reason() {
        let node = r#"{"id": $, "label": "L", "type": "t", "mentions": 1, "sentences": 1, "units": 1, "documents": 1}"#;
        let edge = r#"{"source": $, "target": $, "weight": 1, "documents": 1, "npmi": 0, "jaccard": 0, "evidence": []}"#;
        for (name, body, want) in BAD {
            // Expand N("id") and E("a", "b") into full records.
            let mut json = String::new();
            let mut rest = *body;
            while let Some(i) = rest.find(['N', 'E']) {
                json.push_str(&rest[..i]);
                let close = rest[i..].find(')').unwrap() + i;
                let args: Vec<&str> = rest[i + 2..close].split(", ").collect();
                let template = if &rest[i..=i] == "N" { node } else { edge };
                let mut filled = template.to_owned();
                for a in args {
                    filled = filled.replacen('$', a, 1);
                }
                json.push_str(&filled);
                rest = &rest[close + 1..];
            }
            json.push_str(rest);
            let text = format!(
                r#"{{"format": "actorgraph", "version": {VERSION}, "unit": "sentence", "corpus": {{"documents": 1, "dated_documents": 0, "excluded_documents": 0, "sentences": 1, "units": 1, "mentions": 1}}, "max_evidence": null, {json}}}"#
            );
            let err = read("g.json", text.as_bytes())
                .err()
                .unwrap_or_else(|| panic!("{name}: loaded {text}"))
                .to_string();
            assert!(
                err.starts_with("g.json: ") && err.contains(want),
                "{name}:\n got: {err}\nwant: {want}"
            );
        }
    }

    #[test]
    fn saved_graph_round_trips_to_the_same_bytes() {
        let node = |id: &str| Node {
            id: id.into(),
            label: format!("{id} \"label\""),
            kind: "person".into(),
            attributes: [("k".to_owned(), "v".to_owned())].into(),
            mentions: 3,
            sentences: 2,
            units: 2,
            documents: 1,
            first_date: crate::input::parse_date("2024-02-11"),
            last_date: crate::input::parse_date("2024-02-12"),
            dates: vec![],
            community: Some(1),
            periods: crate::period::buckets(
                crate::period::Period::Week,
                &[(crate::input::parse_date("2024-02-11").unwrap(), 2)].into(),
                3,
            ),
        };
        let edge = Edge {
            kind: crate::counts::CO_MENTION.into(),
            directed: false,
            negated: 0,
            planned: 0,
            role: None,
            weight: 7,
            documents: 2,
            first_date: None,
            last_date: None,
            dates: vec![],
            // Values whose shortest decimal form needs exact parsing to come back.
            npmi: 1.0 / 11.0,
            jaccard: 0.1 + 0.2,
            periods: crate::period::buckets(
                crate::period::Period::Week,
                &[(crate::input::parse_date("2024-02-12").unwrap(), 4)].into(),
                7,
            ),
            evidence: vec![Evidence::new("d", 4, 10, "0123456789")],
        };
        let mut g = ActorGraph::from_parts(
            Unit::Paragraph,
            CorpusStats::default(),
            Some(3),
            vec![node("a"), node("b")],
            vec![(0, 1, edge)],
        );
        g.period = Some(crate::period::Period::Week);
        let mut first = Vec::new();
        write(&g, &mut first).unwrap();
        let back = read("g.json", &first).unwrap();
        assert_eq!(back.period, g.period);
        assert_eq!(
            back.graph[petgraph::graph::NodeIndex::new(0)].periods.len(),
            2
        );
        let mut second = Vec::new();
        write(&back, &mut second).unwrap();
        assert_eq!(
            String::from_utf8(first).unwrap(),
            String::from_utf8(second).unwrap()
        );
    }
}
