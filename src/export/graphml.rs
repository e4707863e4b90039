//! GraphML: every `<key>` declared and typed before `<graph>`, Gephi's names (`label`,
//! `weight`, `color` as `#rrggbb`, `size`), one edge per pair. Text goes through
//! [`super::xml`].

use std::collections::BTreeSet;
use std::io::{self, Write};

use quick_xml::events::{BytesDecl, BytesEnd, BytesText, Event};
use quick_xml::Writer;

use super::xml::{self, start};
use super::{evidence_lines, style};
use crate::graph::ActorGraph;

/// Built-in node keys: (key id, attribute name, GraphML type).
const NODE_KEYS: &[(&str, &str, &str)] = &[
    ("v_label", "label", "string"),
    ("v_type", "type", "string"),
    ("v_color", "color", "string"),
    ("v_size", "size", "double"),
    ("v_mentions", "mentions", "long"),
    ("v_sentences", "sentences", "long"),
    ("v_units", "units", "long"),
    ("v_documents", "documents", "long"),
    ("v_first_date", "first_date", "string"),
    ("v_last_date", "last_date", "string"),
];

const EDGE_KEYS: &[(&str, &str, &str)] = &[
    ("e_weight", "weight", "double"),
    ("e_documents", "documents", "long"),
    ("e_npmi", "npmi", "double"),
    ("e_jaccard", "jaccard", "double"),
    ("e_first_date", "first_date", "string"),
    ("e_last_date", "last_date", "string"),
    ("e_evidence", "evidence", "string"),
];

fn data<W: Write>(w: &mut Writer<W>, key: &str, value: &str) -> io::Result<()> {
    w.write_event(Event::Start(start("data", &[("key", key)])))?;
    w.write_event(Event::Text(BytesText::from_escaped(xml::text(value))))?;
    w.write_event(Event::End(BytesEnd::new("data")))
}

/// Writes `graph` as GraphML.
pub fn write(graph: &ActorGraph, out: &mut dyn Write) -> io::Result<()> {
    let mut w = Writer::new_with_indent(out, b' ', 2);
    w.write_event(Event::Decl(BytesDecl::new("1.0", Some("UTF-8"), None)))?;
    w.write_event(Event::Start(start(
        "graphml",
        &[
            ("xmlns", "http://graphml.graphdrawing.org/xmlns"),
            ("xmlns:xsi", "http://www.w3.org/2001/XMLSchema-instance"),
            (
                "xsi:schemaLocation",
                "http://graphml.graphdrawing.org/xmlns http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd",
            ),
        ],
    )))?;
    // Gazetteer attributes become keys of their own, named after the attribute unless that
    // name is taken by a built-in key.
    let attr_names: BTreeSet<&str> = graph
        .nodes()
        .flat_map(|n| n.attributes.keys().map(String::as_str))
        .collect();
    let attr_keys: Vec<(String, &str, String)> = attr_names
        .iter()
        .enumerate()
        .map(|(i, name)| {
            let taken = NODE_KEYS.iter().any(|k| k.1 == *name) || *name == "community";
            let shown = if taken {
                format!("attribute.{name}")
            } else {
                (*name).to_owned()
            };
            (format!("v_attr{i}"), *name, shown)
        })
        .collect();
    let communities = graph.nodes().any(|n| n.community.is_some());
    let mut keys: Vec<(&str, &str, &str, &str)> = NODE_KEYS
        .iter()
        .map(|&(id, name, ty)| (id, "node", name, ty))
        .collect();
    if communities {
        keys.push(("v_community", "node", "community", "long"));
    }
    for (id, _, shown) in &attr_keys {
        keys.push((id, "node", shown, "string"));
    }
    keys.extend(
        EDGE_KEYS
            .iter()
            .map(|&(id, name, ty)| (id, "edge", name, ty)),
    );
    let relation = super::relation_fields(graph);
    let relation_ids: Vec<String> = relation.iter().map(|f| format!("e_{}", f.0)).collect();
    for (f, id) in relation.iter().zip(&relation_ids) {
        keys.push((id, "edge", f.0, f.1));
    }
    for (id, target, name, ty) in keys {
        w.write_event(Event::Empty(start(
            "key",
            &[
                ("id", id),
                ("for", target),
                ("attr.name", name),
                ("attr.type", ty),
            ],
        )))?;
    }
    w.write_event(Event::Start(start(
        "graph",
        &[("id", "actorgraph"), ("edgedefault", "undirected")],
    )))?;
    for n in graph.nodes() {
        w.write_event(Event::Start(start("node", &[("id", &n.id)])))?;
        data(&mut w, "v_label", &n.label)?;
        data(&mut w, "v_type", &n.kind)?;
        data(&mut w, "v_color", &style::hex_color(&n.kind))?;
        data(&mut w, "v_size", &style::node_size(n.mentions).to_string())?;
        data(&mut w, "v_mentions", &n.mentions.to_string())?;
        data(&mut w, "v_sentences", &n.sentences.to_string())?;
        data(&mut w, "v_units", &n.units.to_string())?;
        data(&mut w, "v_documents", &n.documents.to_string())?;
        if let Some(d) = n.first_date {
            data(&mut w, "v_first_date", &d.to_string())?;
        }
        if let Some(d) = n.last_date {
            data(&mut w, "v_last_date", &d.to_string())?;
        }
        if let Some(c) = n.community {
            data(&mut w, "v_community", &c.to_string())?;
        }
        for (id, name, _) in &attr_keys {
            if let Some(v) = n.attributes.get(*name) {
                data(&mut w, id, v)?;
            }
        }
        w.write_event(Event::End(BytesEnd::new("node")))?;
    }
    for (i, (a, b, e)) in graph.edges().enumerate() {
        let id = format!("e{i}");
        w.write_event(Event::Start(start(
            "edge",
            &[("id", &id), ("source", &a.id), ("target", &b.id)],
        )))?;
        data(&mut w, "e_weight", &e.weight.to_string())?;
        data(&mut w, "e_documents", &e.documents.to_string())?;
        data(&mut w, "e_npmi", &e.npmi.to_string())?;
        data(&mut w, "e_jaccard", &e.jaccard.to_string())?;
        if let Some(d) = e.first_date {
            data(&mut w, "e_first_date", &d.to_string())?;
        }
        if let Some(d) = e.last_date {
            data(&mut w, "e_last_date", &d.to_string())?;
        }
        data(&mut w, "e_evidence", &evidence_lines(e))?;
        for (f, id) in relation.iter().zip(&relation_ids) {
            if let Some(v) = (f.2)(e) {
                data(&mut w, id, &v)?;
            }
        }
        w.write_event(Event::End(BytesEnd::new("edge")))?;
    }
    w.write_event(Event::End(BytesEnd::new("graph")))?;
    w.write_event(Event::End(BytesEnd::new("graphml")))?;
    w.get_mut().write_all(b"\n")
}
