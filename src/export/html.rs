//! The interactive view: one self-contained HTML file (no server, no network, no CDN). The
//! graph, its layout ([`super::layout::force`]) and the style tables are embedded as one JSON
//! document inside `<script type="application/json">`; small hand-written JavaScript and CSS
//! (`html/view.js`, `html/view.css`, embedded with `include_str!`) draw it on a canvas.
//!
//! Safety: the JSON is escaped by [`script_json`] (`<`, `>`, `&`, U+2028, U+2029 as `\uXXXX`,
//! so no `</script>` or `<!--` can appear), the title by [`html_text`]; the script only ever
//! puts data into the page through `textContent`, never as markup.

use std::collections::BTreeSet;
use std::io::{self, Write};

use serde::Serialize;

use super::{layout, style, View};
use crate::graph::{ActorGraph, Evidence, Node};

const SCRIPT: &str = include_str!("html/view.js");
const CSS: &str = include_str!("html/view.css");

#[derive(Serialize)]
struct Page<'a> {
    title: &'a str,
    unit: crate::graph::Unit,
    documents: u64,
    nodes: Vec<PageNode<'a>>,
    edges: Vec<PageEdge<'a>>,
    types: Vec<(&'a str, String, &'static str)>,
    kinds: Vec<(&'a str, String, bool, bool)>,
    community_colors: Vec<String>,
}

#[derive(Serialize)]
struct PageNode<'a> {
    id: &'a str,
    label: &'a str,
    #[serde(rename = "type")]
    kind: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    community: Option<u32>,
    mentions: u64,
    documents: u64,
    aliases: &'a [String],
    x: f64,
    y: f64,
}

#[derive(Serialize)]
struct PageEdge<'a> {
    s: usize,
    t: usize,
    kind: &'a str,
    weight: u64,
    documents: u64,
    npmi: f64,
    dates: Vec<String>,
    evidence: Vec<PageEvidence<'a>>,
}

#[derive(Serialize)]
struct PageEvidence<'a> {
    doc: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    date: Option<String>,
    text: &'a str,
    /// Highlighted ranges of `text`, in UTF-16 code units (JavaScript string indices).
    marks: Vec<[usize; 2]>,
}

/// Writes `graph` as the interactive HTML page titled and searchable by `view`.
pub fn write(graph: &ActorGraph, view: &View, w: &mut dyn Write) -> io::Result<()> {
    let positions = layout::force(graph);
    let no_aliases: Vec<String> = Vec::new();
    let title = if view.title.is_empty() {
        "actorgraph"
    } else {
        view.title.as_str()
    };
    let nodes: Vec<&Node> = graph.nodes().collect();
    let aliases = |n: &Node| view.aliases.get(&n.id).unwrap_or(&no_aliases);
    let page_nodes = nodes
        .iter()
        .zip(&positions)
        .map(|(n, p)| PageNode {
            id: &n.id,
            label: &n.label,
            kind: &n.kind,
            community: n.community,
            mentions: n.mentions,
            documents: n.documents,
            aliases: aliases(n),
            x: round1(p[0] * layout::EDGE_LENGTH),
            y: round1(p[1] * layout::EDGE_LENGTH),
        })
        .collect();
    let page_edges = graph
        .graph
        .edge_indices()
        .map(|ix| {
            let (a, b) = graph.graph.edge_endpoints(ix).expect("edge exists");
            let e = &graph.graph[ix];
            let names: Vec<&str> = [nodes[a.index()], nodes[b.index()]]
                .into_iter()
                .flat_map(|n| {
                    std::iter::once(n.label.as_str()).chain(aliases(n).iter().map(String::as_str))
                })
                .collect();
            PageEdge {
                s: a.index(),
                t: b.index(),
                kind: style::kind_of(e),
                weight: e.weight,
                documents: e.documents,
                npmi: (e.npmi * 1000.0).round() / 1000.0,
                dates: e.dates.iter().map(|d| d.to_string()).collect(),
                evidence: e.evidence.iter().map(|ev| evidence(ev, &names)).collect(),
            }
        })
        .collect();
    let types: BTreeSet<&str> = graph.nodes().map(|n| n.kind.as_str()).collect();
    let kinds: BTreeSet<&str> = graph.edges().map(|(_, _, e)| style::kind_of(e)).collect();
    let page = Page {
        title,
        unit: graph.unit,
        documents: graph.corpus.documents,
        nodes: page_nodes,
        edges: page_edges,
        types: types
            .into_iter()
            .map(|t| (t, style::hex_color(t), style::dot_shape(t)))
            .collect(),
        kinds: kinds
            .into_iter()
            .map(|k| {
                let (rgb, directed, dashed) = style::edge_kind(k);
                (k, style::hex(rgb), directed, dashed)
            })
            .collect(),
        community_colors: style::COMMUNITY.iter().map(|&c| style::hex(c)).collect(),
    };
    let json = serde_json::to_string(&page).map_err(io::Error::other)?;
    write!(
        w,
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <title>{}</title>\n<style>\n{CSS}</style>\n</head>\n<body>\n\
         <script type=\"application/json\" id=\"graph-data\">{}</script>\n\
         <script>\n{SCRIPT}</script>\n</body>\n</html>\n",
        html_text(title),
        script_json(&json)
    )
}

/// Evidence with the actors' names marked: every case-insensitive occurrence of a label or
/// alias in the text.
fn evidence<'a>(ev: &'a Evidence, names: &[&str]) -> PageEvidence<'a> {
    PageEvidence {
        doc: &ev.doc,
        date: ev.date.map(|d| d.to_string()),
        text: &ev.text,
        marks: marks(&ev.text, names),
    }
}

/// Ranges of `text` where one of `names` occurs (ASCII case-insensitive, at word bounds),
/// merged and in UTF-16 units.
fn marks(text: &str, names: &[&str]) -> Vec<[usize; 2]> {
    let lower = text.to_ascii_lowercase();
    let mut byte_ranges: Vec<(usize, usize)> = Vec::new();
    for name in names {
        let name = name.to_ascii_lowercase();
        if name.is_empty() {
            continue;
        }
        for (at, _) in lower.match_indices(&name) {
            let end = at + name.len();
            let before = lower[..at].chars().next_back();
            let after = lower[end..].chars().next();
            if before.is_none_or(|c| !c.is_alphanumeric())
                && after.is_none_or(|c| !c.is_alphanumeric())
            {
                byte_ranges.push((at, end));
            }
        }
    }
    byte_ranges.sort_unstable();
    let mut merged: Vec<(usize, usize)> = Vec::new();
    for (a, b) in byte_ranges {
        match merged.last_mut() {
            Some(last) if a <= last.1 => last.1 = last.1.max(b),
            _ => merged.push((a, b)),
        }
    }
    let utf16 = |byte: usize| text[..byte].encode_utf16().count();
    merged
        .into_iter()
        .map(|(a, b)| [utf16(a), utf16(b)])
        .collect()
}

fn round1(x: f64) -> f64 {
    (x * 10.0).round() / 10.0
}

/// JSON made safe inside `<script>`: `<`, `>`, `&` and the JavaScript line terminators
/// U+2028/U+2029 become `\uXXXX` escapes (valid JSON, same value).
pub fn script_json(json: &str) -> String {
    let mut out = String::with_capacity(json.len() + json.len() / 16);
    for c in json.chars() {
        match c {
            '<' => out.push_str("\\u003c"),
            '>' => out.push_str("\\u003e"),
            '&' => out.push_str("\\u0026"),
            '\u{2028}' => out.push_str("\\u2028"),
            '\u{2029}' => out.push_str("\\u2029"),
            c => out.push(c),
        }
    }
    out
}

/// Text in HTML: `&`, `<`, `>`, `"`, `'` as entities.
pub fn html_text(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn script_json_table() {
        // (JSON text, escaped); the escaped text parses to the same value.
        let cases = [
            (r#""plain""#, r#""plain""#),
            (r#""</script>""#, r#""\u003c/script\u003e""#),
            (r#""<!-- x""#, r#""\u003c!-- x""#),
            (r#""a & b""#, r#""a \u0026 b""#),
            ("\"line\u{2028}para\u{2029}\"", r#""line\u2028para\u2029""#),
        ];
        for (json, want) in cases {
            let got = script_json(json);
            assert_eq!(got, want, "{json:?}");
            let a: serde_json::Value = serde_json::from_str(json).unwrap();
            let b: serde_json::Value = serde_json::from_str(&got).unwrap();
            assert_eq!(a, b, "{json:?}");
        }
    }

    #[test]
    fn html_text_table() {
        for (input, want) in [
            ("Iraq & Syria", "Iraq &amp; Syria"),
            ("<b>'x'\"", "&lt;b&gt;&#39;x&#39;&quot;"),
        ] {
            assert_eq!(html_text(input), want);
        }
    }

    #[test]
    fn marks_table() {
        // (text, names, marked substrings)
        let cases: &[(&str, &[&str], &[&str])] = &[
            (
                "Vowell met al-Sudani.",
                &["Vowell", "al-Sudani"],
                &["Vowell", "al-Sudani"],
            ),
            ("VOWELL and vowell", &["Vowell"], &["VOWELL", "vowell"]),
            ("Iraqi Iraq", &["Iraq"], &["Iraq"]),
            ("US forces (US)", &["US", "US forces"], &["US forces", "US"]),
            ("Ré: « Sudani » ✓", &["Sudani"], &["Sudani"]),
        ];
        for (text, names, want) in cases {
            let units: Vec<u16> = text.encode_utf16().collect();
            let got: Vec<String> = marks(text, names)
                .iter()
                .map(|[a, b]| String::from_utf16(&units[*a..*b]).unwrap())
                .collect();
            assert_eq!(got, *want, "{text:?}");
        }
    }
}
