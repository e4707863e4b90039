//! GEXF 1.3 for Gephi: viz colour by type and size by mentions; with dated documents the graph
//! is `mode="dynamic"` with `timeformat="date"` and one spell per date on every node and edge,
//! so Gephi's timeline works in one step. With `--period` the spells are the periods and each
//! edge carries its weight per period as a dynamic `weight` attribute, so the timeline animates
//! weights. Text goes through [`super::xml`].

use std::collections::BTreeSet;
use std::io::{self, Write};

use chrono::NaiveDate;
use quick_xml::events::{BytesDecl, BytesEnd, BytesText, Event};
use quick_xml::Writer;

use super::xml::{self, start};
use super::{evidence_lines, style};
use crate::graph::ActorGraph;
use crate::period::Bucket;

const NODE_ATTRS: &[(&str, &str)] = &[
    ("type", "string"),
    ("mentions", "long"),
    ("sentences", "long"),
    ("units", "long"),
    ("documents", "long"),
];

const EDGE_ATTRS: &[(&str, &str)] = &[
    ("documents", "long"),
    ("npmi", "double"),
    ("jaccard", "double"),
    ("evidence", "string"),
];

fn empty<W: Write>(w: &mut Writer<W>, name: &str, attrs: &[(&str, &str)]) -> io::Result<()> {
    w.write_event(Event::Empty(start(name, attrs)))
}

fn open<W: Write>(w: &mut Writer<W>, name: &str, attrs: &[(&str, &str)]) -> io::Result<()> {
    w.write_event(Event::Start(start(name, attrs)))
}

fn close<W: Write>(w: &mut Writer<W>, name: &str) -> io::Result<()> {
    w.write_event(Event::End(BytesEnd::new(name)))
}

/// One spell per date, or with `--period` one per dated period (the undated bucket has no
/// place on a timeline).
fn spells<W: Write>(w: &mut Writer<W>, dates: &[NaiveDate], periods: &[Bucket]) -> io::Result<()> {
    let spans: Vec<(NaiveDate, NaiveDate)> = if periods.is_empty() {
        dates.iter().map(|&d| (d, d)).collect()
    } else {
        periods.iter().filter_map(|b| b.start.zip(b.end)).collect()
    };
    if spans.is_empty() {
        return Ok(());
    }
    open(w, "spells", &[])?;
    for (start, end) in spans {
        empty(
            w,
            "spell",
            &[("start", &start.to_string()), ("end", &end.to_string())],
        )?;
    }
    close(w, "spells")
}

/// Writes `graph` as GEXF 1.3.
pub fn write(graph: &ActorGraph, out: &mut dyn Write) -> io::Result<()> {
    let dynamic = graph.is_dated();
    let mut w = Writer::new_with_indent(out, b' ', 2);
    w.write_event(Event::Decl(BytesDecl::new("1.0", Some("UTF-8"), None)))?;
    open(
        &mut w,
        "gexf",
        &[
            ("xmlns", "http://gexf.net/1.3"),
            ("xmlns:viz", "http://gexf.net/1.3/viz"),
            ("xmlns:xsi", "http://www.w3.org/2001/XMLSchema-instance"),
            (
                "xsi:schemaLocation",
                "http://gexf.net/1.3 http://gexf.net/1.3/gexf.xsd",
            ),
            ("version", "1.3"),
        ],
    )?;
    open(&mut w, "meta", &[])?;
    open(&mut w, "creator", &[])?;
    w.write_event(Event::Text(BytesText::from_escaped(xml::text(concat!(
        "actorgraph ",
        env!("CARGO_PKG_VERSION")
    )))))?;
    close(&mut w, "creator")?;
    open(&mut w, "description", &[])?;
    let description = format!(
        "Actor co-occurrence network: {} documents, unit {:?}",
        graph.corpus.documents, graph.unit
    );
    w.write_event(Event::Text(BytesText::from_escaped(xml::text(
        &description,
    ))))?;
    close(&mut w, "description")?;
    close(&mut w, "meta")?;

    // GEXF 1.3 "mixed" when typed relations bring directed edges (each edge then says its
    // own type); plain co-mention graphs stay "undirected".
    let mixed = graph.graph.edge_weights().any(|e| e.directed);
    let mut graph_attrs = vec![(
        "defaultedgetype",
        if mixed { "mixed" } else { "undirected" },
    )];
    if dynamic {
        graph_attrs.push(("mode", "dynamic"));
        graph_attrs.push(("timeformat", "date"));
    } else {
        graph_attrs.push(("mode", "static"));
    }
    open(&mut w, "graph", &graph_attrs)?;

    let attr_names: BTreeSet<&str> = graph
        .nodes()
        .flat_map(|n| n.attributes.keys().map(String::as_str))
        .collect();
    let communities = graph.nodes().any(|n| n.community.is_some());
    open(&mut w, "attributes", &[("class", "node")])?;
    for (name, ty) in NODE_ATTRS {
        empty(
            &mut w,
            "attribute",
            &[("id", name), ("title", name), ("type", ty)],
        )?;
    }
    if communities {
        empty(
            &mut w,
            "attribute",
            &[
                ("id", "community"),
                ("title", "community"),
                ("type", "long"),
            ],
        )?;
    }
    let attr_ids: Vec<(String, &str)> = attr_names
        .iter()
        .enumerate()
        .map(|(i, name)| (format!("attr{i}"), *name))
        .collect();
    for (id, name) in &attr_ids {
        empty(
            &mut w,
            "attribute",
            &[("id", id), ("title", name), ("type", "string")],
        )?;
    }
    close(&mut w, "attributes")?;
    open(&mut w, "attributes", &[("class", "edge")])?;
    let relation = super::relation_fields(graph);
    let relation_attrs = relation.iter().map(|f| (f.0, f.1));
    // With --period, the reserved title "weight" makes the edge weight dynamic in Gephi
    // (GEXF 1.3, dynamics): one value per period, each with its start and end.
    let timed = graph.period.is_some() && dynamic;
    let weight_attr = timed.then_some(("weight", "double"));
    for (name, ty) in EDGE_ATTRS
        .iter()
        .copied()
        .chain(relation_attrs)
        .chain(weight_attr)
    {
        empty(
            &mut w,
            "attribute",
            &[("id", name), ("title", name), ("type", ty)],
        )?;
    }
    close(&mut w, "attributes")?;

    open(&mut w, "nodes", &[])?;
    for n in graph.nodes() {
        open(&mut w, "node", &[("id", &n.id), ("label", &n.label)])?;
        open(&mut w, "attvalues", &[])?;
        let counts = [
            ("type", n.kind.clone()),
            ("mentions", n.mentions.to_string()),
            ("sentences", n.sentences.to_string()),
            ("units", n.units.to_string()),
            ("documents", n.documents.to_string()),
        ];
        for (k, v) in &counts {
            empty(&mut w, "attvalue", &[("for", k), ("value", v)])?;
        }
        if let Some(c) = n.community {
            empty(
                &mut w,
                "attvalue",
                &[("for", "community"), ("value", &c.to_string())],
            )?;
        }
        for (id, name) in &attr_ids {
            if let Some(v) = n.attributes.get(*name) {
                empty(&mut w, "attvalue", &[("for", id), ("value", v)])?;
            }
        }
        close(&mut w, "attvalues")?;
        spells(&mut w, &n.dates, &n.periods)?;
        let [r, g, b] = style::color(&n.kind);
        empty(
            &mut w,
            "viz:color",
            &[
                ("r", &r.to_string()),
                ("g", &g.to_string()),
                ("b", &b.to_string()),
            ],
        )?;
        empty(
            &mut w,
            "viz:size",
            &[("value", &style::node_size(n.mentions).to_string())],
        )?;
        close(&mut w, "node")?;
    }
    close(&mut w, "nodes")?;
    open(&mut w, "edges", &[])?;
    for (i, (a, b, e)) in graph.edges().enumerate() {
        let (id, weight) = (i.to_string(), e.weight.to_string());
        let mut attrs = vec![
            ("id", id.as_str()),
            ("source", a.id.as_str()),
            ("target", b.id.as_str()),
            ("weight", weight.as_str()),
        ];
        if !relation.is_empty() {
            // GEXF 1.3: `kind` tells parallel edges apart; `type` gives each its direction.
            attrs.push(("kind", &e.kind));
            attrs.push(("label", &e.kind));
            attrs.push(("type", if e.directed { "directed" } else { "undirected" }));
        }
        open(&mut w, "edge", &attrs)?;
        open(&mut w, "attvalues", &[])?;
        let mut values = vec![
            ("documents", e.documents.to_string()),
            ("npmi", e.npmi.to_string()),
            ("jaccard", e.jaccard.to_string()),
            ("evidence", evidence_lines(e)),
        ];
        values.extend(relation.iter().filter_map(|f| (f.2)(e).map(|v| (f.0, v))));
        for (k, v) in &values {
            empty(&mut w, "attvalue", &[("for", k), ("value", v)])?;
        }
        if timed {
            for b in &e.periods {
                if let Some((start, end)) = b.start.zip(b.end) {
                    empty(
                        &mut w,
                        "attvalue",
                        &[
                            ("for", "weight"),
                            ("value", &b.weight.to_string()),
                            ("start", &start.to_string()),
                            ("end", &end.to_string()),
                        ],
                    )?;
                }
            }
        }
        close(&mut w, "attvalues")?;
        spells(&mut w, &e.dates, &e.periods)?;
        close(&mut w, "edge")?;
    }
    close(&mut w, "edges")?;
    close(&mut w, "graph")?;
    close(&mut w, "gexf")?;
    w.get_mut().write_all(b"\n")
}
