//! Writers for everything actorgraph outputs. One module per format; each owns its escaping
//! (`xml` for GraphML and GEXF, `dot::quote` for DOT, serde for JSON, the csv crate for CSV).
//! Formats are documented in `docs/formats.md`.

pub mod csv;
pub mod dot;
pub mod gexf;
pub mod graphml;
pub mod image;
pub mod json;
pub mod mentions;
pub mod style;
pub mod xml;

use std::io::Write;
use std::path::Path;

use crate::error::Result;
use crate::graph::{ActorGraph, Edge};

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
        Format::Dot => dot::write(graph, w).map_err(io),
        Format::Graphml => graphml::write(graph, w).map_err(io),
        Format::Gexf => gexf::write(graph, w).map_err(io),
        Format::Json => json::write(graph, w).map_err(io),
        Format::Svg => w.write_all(&image::render(graph, "svg")?).map_err(io),
        Format::Png => w.write_all(&image::render(graph, "png")?).map_err(io),
        Format::Csv => Err(crate::Error::Usage(
            "CSV output is a directory: give -o DIR".into(),
        )),
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
    use crate::graph::Evidence;

    #[test]
    fn evidence_lines_table() {
        let ev = |doc: &str, date: Option<&str>, sentence: u32, text: &str| Evidence {
            doc: doc.into(),
            date: date.and_then(crate::input::parse_date),
            sentence,
            start: 0,
            end: text.len(),
            text: text.into(),
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
