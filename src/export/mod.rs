//! Writers for everything actorgraph outputs. One module per format; each owns its escaping
//! (`xml` for GraphML and GEXF, `dot::quote` for DOT, serde for JSON, the csv crate for CSV).
//! Formats are documented in `docs/formats.md`.

pub mod csv;
pub mod dot;
pub mod gexf;
pub mod graphml;
pub mod html;
pub mod image;
pub mod isolates;
pub mod json;
pub mod layout;
pub mod mentions;
pub mod style;
pub mod view;
pub mod xml;

use std::io::Write;
use std::path::Path;

use crate::error::Result;
use crate::graph::{ActorGraph, Edge};
pub use view::View;

/// A graph output format.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// Graphviz DOT.
    Dot,
    /// GraphML.
    Graphml,
    /// GEXF 1.3.
    Gexf,
    /// JSON (the saved graph).
    Json,
    /// A directory with nodes.csv and edges.csv.
    Csv,
    /// A picture rendered by Graphviz.
    Svg,
    /// A picture rendered by Graphviz.
    Png,
    /// One self-contained interactive HTML page.
    Html,
}

impl Format {
    /// All formats with their names.
    pub const ALL: &'static [(&'static str, Format)] = &[
        ("dot", Format::Dot),
        ("graphml", Format::Graphml),
        ("gexf", Format::Gexf),
        ("json", Format::Json),
        ("csv", Format::Csv),
        ("svg", Format::Svg),
        ("png", Format::Png),
        ("html", Format::Html),
    ];

    /// The format named by a file extension (`.gv` is DOT too).
    pub fn from_path(path: &Path) -> Option<Format> {
        let ext = path.extension()?.to_str()?.to_ascii_lowercase();
        if ext == "gv" {
            return Some(Format::Dot);
        }
        Format::ALL.iter().find(|(n, _)| *n == ext).map(|&(_, f)| f)
    }
}

/// Writes a single-file format to `w` (not [`Format::Csv`], which is a directory).
pub fn write(graph: &ActorGraph, format: Format, w: &mut dyn Write) -> Result<()> {
    write_view(graph, format, &View::default(), w)
}

/// [`write()`], with the title and aliases that pictures and the HTML page show.
pub fn write_view(
    graph: &ActorGraph,
    format: Format,
    view: &View,
    w: &mut dyn Write,
) -> Result<()> {
    let io = |e: std::io::Error| crate::Error::io("<output>", e);
    // A graph built by hand may hold ids that DOT or XML would merge into one node: refuse it
    // rather than write a different graph (graphs from a gazetteer or a saved graph are clean).
    if !matches!(format, Format::Json | Format::Csv) {
        if let Some((id, problem)) = graph
            .nodes()
            .find_map(|n| crate::gazetteer::id_problem(&n.id).map(|p| (&n.id, p)))
        {
            return Err(crate::Error::Usage(format!("node id {id:?} {problem}")));
        }
    }
    match format {
        Format::Dot => dot::write_view(graph, view, w).map_err(io),
        Format::Html => html::write(graph, view, w).map_err(io),
        Format::Graphml => graphml::write(graph, w).map_err(io),
        Format::Gexf => gexf::write(graph, w).map_err(io),
        Format::Json => json::write(graph, w).map_err(io),
        Format::Svg => w.write_all(&image::render(graph, view, "svg")?).map_err(io),
        Format::Png => w.write_all(&image::render(graph, view, "png")?).map_err(io),
        Format::Csv => Err(crate::Error::Usage(
            "CSV output is a directory: give -o DIR".into(),
        )),
    }
}

/// An edge field that only typed-relation graphs carry: (name, type, value). Every writer walks
/// this one table (GraphML keys, GEXF attributes, CSV columns), so a new relation field is one
/// line here. Types use the GraphML/GEXF names (`string`, `long`, `boolean`).
pub type EdgeField = (&'static str, &'static str, fn(&Edge) -> Option<String>);

/// Relation fields, written only when the graph has an edge that is not co-mention (so
/// co-mention outputs keep their bytes). `role` is absent when unset.
pub const RELATION_FIELDS: &[EdgeField] = &[
    ("kind", "string", |e| Some(e.kind.clone())),
    ("directed", "boolean", |e| Some(e.directed.to_string())),
    ("negated", "long", |e| Some(e.negated.to_string())),
    ("planned", "long", |e| Some(e.planned.to_string())),
    ("role", "string", |e| e.role.clone()),
];

/// The relation fields `graph` needs: all of them when it holds typed relations, else none.
pub fn relation_fields(graph: &ActorGraph) -> &'static [EdgeField] {
    if graph.edges().any(|(_, _, e)| !e.is_co_mention()) {
        RELATION_FIELDS
    } else {
        &[]
    }
}

/// Evidence as text, one line per supporting unit: `doc (date) #sentence: text`.
pub fn evidence_lines(e: &Edge) -> String {
    let mut out = String::new();
    for (i, ev) in e.evidence.iter().enumerate() {
        if i > 0 {
            out.push('\n');
        }
        out.push_str(&ev.doc);
        if let Some(d) = ev.date {
            out.push_str(&format!(" ({d})"));
        }
        out.push_str(&format!(" #{}: {}", ev.sentence, ev.text));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::graph::{CorpusStats, Evidence, Node, Unit};

    fn graph(with_relation: bool) -> ActorGraph {
        let mut edges = vec![(0, 1, Edge::new(2))];
        if with_relation {
            let attack = Edge {
                kind: "attack".into(),
                directed: true,
                negated: 1,
                ..Edge::new(1)
            };
            edges.push((1, 0, attack));
        }
        ActorGraph::from_parts(
            Unit::Sentence,
            CorpusStats::default(),
            None,
            vec![Node::new("a", "A", "state"), Node::new("b", "B", "state")],
            edges,
        )
    }

    fn written(g: &ActorGraph, format: Format) -> String {
        if format == Format::Csv {
            let dir = tempfile::tempdir().unwrap();
            csv::write_dir(g, dir.path()).unwrap();
            return std::fs::read_to_string(dir.path().join("edges.csv")).unwrap();
        }
        let mut out = Vec::new();
        write(g, format, &mut out).unwrap();
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn every_writer_carries_kind_and_direction_only_for_relations() {
        // (format, what a relation graph must contain)
        let cases: &[(Format, &[&str])] = &[
            (
                Format::Json,
                &[
                    "\"kind\": \"attack\"",
                    "\"directed\": true",
                    "\"negated\": 1",
                ],
            ),
            (
                Format::Graphml,
                &[
                    "attr.name=\"kind\"",
                    "<data key=\"e_kind\">attack</data>",
                    "<data key=\"e_directed\">true</data>",
                ],
            ),
            (
                Format::Gexf,
                &[
                    "kind=\"attack\"",
                    "type=\"directed\"",
                    "for=\"negated\" value=\"1\"",
                ],
            ),
            (
                Format::Dot,
                &[
                    "digraph",
                    "\"b\" -> \"a\"",
                    "label=\"attack\"",
                    "\"a\" -> \"b\" [weight=\"2\"",
                    "dir=\"none\"",
                ],
            ),
            (
                Format::Csv,
                &[
                    "Kind,Directed,Negated,Planned,Role,Label",
                    "b,a,Directed,1,",
                ],
            ),
        ];
        for (format, expected) in cases {
            let with = written(&graph(true), *format);
            for e in *expected {
                assert!(with.contains(e), "{format:?} lacks {e}:\n{with}");
            }
            let without = written(&graph(false), *format);
            for word in [
                "kind",
                "Kind",
                "e_directed",
                "\"directed",
                "type=\"directed",
                "forward",
            ] {
                assert!(
                    !without.contains(word),
                    "{format:?} co-mention graph has {word}"
                );
            }
        }
        // The saved graph reads back to the same bytes, parallel typed edge included.
        let json = written(&graph(true), Format::Json);
        let back = json::read("g.json", json.as_bytes()).unwrap();
        assert_eq!(written(&back, Format::Json), json);
    }

    #[test]
    fn evidence_lines_table() {
        let ev = |doc: &str, date: Option<&str>, sentence: u32, text: &str| Evidence {
            date: date.and_then(crate::input::parse_date),
            ..Evidence::new(doc, sentence, 0, text)
        };
        // (evidence, lines)
        let cases = [
            (vec![], ""),
            (vec![ev("d1", None, 0, "One.")], "d1 #0: One."),
            (
                vec![
                    ev("d1", Some("2024-02-10"), 2, "One."),
                    ev("d2", None, 7, "Two."),
                    ev("d3", Some("2024-02-11"), 0, "Three."),
                ],
                "d1 (2024-02-10) #2: One.\nd2 #7: Two.\nd3 (2024-02-11) #0: Three.",
            ),
        ];
        for (evidence, want) in cases {
            let e = Edge {
                evidence,
                ..Edge::new(1)
            };
            assert_eq!(evidence_lines(&e), want);
        }
    }
}
