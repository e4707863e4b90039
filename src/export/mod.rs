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

/// [`write`], with the title and aliases that pictures and the HTML page show.
pub fn write_view(
    graph: &ActorGraph,
    format: Format,
    view: &View,
    w: &mut dyn Write,
) -> Result<()> {
    let io = |e: std::io::Error| crate::Error::io("<output>", e);
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
