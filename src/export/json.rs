//! The JSON graph: full evidence, stable documented field names (`docs/formats.md`). It is
//! also the saved graph that `actorgraph query --graph` loads, so [`read`] validates it.

use std::collections::HashMap;
use std::io::{self, Write};

use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};
use crate::graph::{ActorGraph, CorpusStats, Edge, Node, Unit};

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
    /// Checked on the raw value before this struct is read.
    #[serde(rename = "format")]
    _format: String,
    version: u32,
    unit: Unit,
    corpus: CorpusStats,
    max_evidence: Option<usize>,
    nodes: Vec<Node>,
    edges: Vec<SavedEdge>,
}

#[derive(Deserialize)]
struct SavedEdge {
    source: String,
    target: String,
    #[serde(flatten)]
    edge: Edge,
}

/// Writes `graph` as JSON.
pub fn write(graph: &ActorGraph, w: &mut dyn Write) -> io::Result<()> {
    let saved = SavedRef {
        format: FORMAT,
        version: VERSION,
        unit: graph.unit,
        corpus: &graph.corpus,
        max_evidence: graph.max_evidence,
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
    // Check what the file is before complaining about details.
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
    let saved: Saved = serde_json::from_value(probe).map_err(|e| {
        bad(format!(
            "malformed actorgraph graph: {e}; rebuild it with `actorgraph build -o graph.json`"
        ))
    })?;
    if saved.version != VERSION {
        return Err(bad(format!(
            "graph schema version {} is not supported (this actorgraph reads version {VERSION}); \
             rebuild it",
            saved.version
        )));
    }
    let mut nodes = saved.nodes;
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
        if a > b {
            std::mem::swap(&mut a, &mut b);
        }
        edges.push((a, b, e.edge));
    }
    edges.sort_by_key(|e| (e.0, e.1));
    if let Some(w) = edges
        .windows(2)
        .find(|w| (w[0].0, w[0].1) == (w[1].0, w[1].1))
    {
        return Err(bad(format!(
            "edge {} -- {} appears twice",
            nodes[w[0].0].id, nodes[w[0].1].id
        )));
    }
    Ok(ActorGraph::from_parts(
        saved.unit,
        saved.corpus,
        saved.max_evidence,
        nodes,
        edges,
    ))
}
