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
    #[serde(skip_serializing_if = "Option::is_none")]
    url: Option<&'a str>,
    text: &'a str,
    /// Highlighted ranges of `text` (start, end in UTF-16 code units, i.e. JavaScript string
    /// indices) and what each is: `source`, `target` or `cue`.
    marks: Vec<(usize, usize, &'static str)>,
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
            PageEdge {
                s: a.index(),
                t: b.index(),
                kind: style::kind_of(e),
                weight: e.weight,
                documents: e.documents,
                npmi: (e.npmi * 1000.0).round() / 1000.0,
                dates: e.dates.iter().map(|d| d.to_string()).collect(),
                evidence: e.evidence.iter().map(evidence).collect(),
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

/// Evidence with its stored spans marked: both mentions and, for a typed relation, the cue.
fn evidence(ev: &Evidence) -> PageEvidence<'_> {
    PageEvidence {
        doc: &ev.doc,
        date: ev.date.map(|d| d.to_string()),
        url: ev.url.as_deref(),
        text: &ev.text,
        marks: marks(ev),
    }
}

/// The mention spans (and the cue span) of `ev` as ranges of its text in UTF-16 units,
/// sorted, with the role of each (`source`, `target`, `cue`). A span outside the quoted text
/// (cut at [`crate::graph::MAX_EVIDENCE_BYTES`]), empty (evidence built by hand) or
/// overlapping an earlier one is left out.
fn marks(ev: &Evidence) -> Vec<(usize, usize, &'static str)> {
    let mut spans: Vec<(usize, usize, &'static str)> = [
        Some((ev.source_start, ev.source_end, "source")),
        Some((ev.target_start, ev.target_end, "target")),
        ev.cue_start.zip(ev.cue_end).map(|(s, e)| (s, e, "cue")),
    ]
    .into_iter()
    .flatten()
    .filter_map(|(s, e, role)| {
        let s = utf16_index(&ev.text, s.checked_sub(ev.start)?)?;
        let e = utf16_index(&ev.text, e.checked_sub(ev.start)?)?;
        (s < e).then_some((s, e, role))
    })
    .collect();
    spans.sort_unstable();
    let mut out: Vec<(usize, usize, &'static str)> = Vec::with_capacity(spans.len());
    for span in spans {
        if out.last().is_none_or(|last| last.1 <= span.0) {
            out.push(span);
        }
    }
    out
}

/// The UTF-16 index (a JavaScript string index) of byte offset `byte` of `text`; `None` when
/// `byte` is past the end or inside a character.
fn utf16_index(text: &str, byte: usize) -> Option<usize> {
    text.is_char_boundary(byte)
        .then(|| text[..byte].encode_utf16().count())
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

    /// The numbers the page shows are the graph's, at the documented scale and precision:
    /// positions are the layout's in units of `EDGE_LENGTH` pixels to 0.1, NPMI to 0.001.
    #[test]
    fn page_numbers_are_the_layout_and_scores_rounded() {
        use crate::gazetteer::Gazetteer;
        use crate::graph::Filters;
        use crate::input::{Document, SEEDS};
        use crate::run::{count_documents, Settings};
        use crate::tagger::Tagger;
        let g = Gazetteer::embedded();
        let t = Tagger::new(&g).unwrap();
        let docs = SEEDS.iter().map(|(id, s)| Document::new(*id, *s));
        let counts = count_documents(docs, &g, &t, &Settings::default())
            .unwrap()
            .0;
        let graph = counts.finish(&Filters::default());
        let mut out = Vec::new();
        write(&graph, &View::default(), &mut out).unwrap();
        let html = String::from_utf8(out).unwrap();
        let start = html.find("id=\"graph-data\">").unwrap() + "id=\"graph-data\">".len();
        let end = start + html[start..].find("</script>").unwrap();
        let page: serde_json::Value = serde_json::from_str(&html[start..end]).unwrap();
        let close = |shown: f64, exact: f64, step: f64| {
            (shown - exact).abs() <= step / 2.0 + 1e-9
                && ((shown / step).round() * step - shown).abs() < 1e-9
        };
        let positions = layout::force(&graph);
        let nodes = page["nodes"].as_array().unwrap();
        assert_eq!(nodes.len(), positions.len());
        assert!(positions
            .iter()
            .any(|p| p[0].abs() > 1.0 && p[1].abs() > 1.0));
        for (n, p) in nodes.iter().zip(&positions) {
            let (x, y) = (n["x"].as_f64().unwrap(), n["y"].as_f64().unwrap());
            assert!(close(x, p[0] * 60.0, 0.1), "{n} x against {p:?}");
            assert!(close(y, p[1] * 60.0, 0.1), "{n} y against {p:?}");
        }
        let edges = page["edges"].as_array().unwrap();
        let exact: Vec<f64> = graph.edges().map(|(_, _, e)| e.npmi).collect();
        assert_eq!(edges.len(), exact.len());
        assert!(exact.iter().any(|v| (v * 1000.0).fract().abs() > 0.01));
        for (e, v) in edges.iter().zip(&exact) {
            assert!(
                close(e["npmi"].as_f64().unwrap(), *v, 0.001),
                "{e} against {v}"
            );
        }
    }

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
    fn utf16_index_table() {
        // (text, byte offset, UTF-16 index)
        let cases: &[(&str, usize, Option<usize>)] = &[
            ("Vowell", 0, Some(0)),
            ("Vowell", 6, Some(6)),
            ("Vowell", 7, None),
            // U+2011 non-breaking hyphen: 3 bytes, 1 unit.
            ("Al\u{2011}Sudani met", 5, Some(3)),
            ("Al\u{2011}Sudani met", 12, Some(10)),
            ("Al\u{2011}Sudani met", 3, None),
            // U+1E25 (h with dot below): 3 bytes, 1 unit; é: 2 bytes, 1 unit.
            ("Mu\u{1e25}ammad and Jos\u{e9}", 14, Some(12)),
            ("Mu\u{1e25}ammad and Jos\u{e9}", 20, Some(17)),
            ("Mu\u{1e25}ammad and Jos\u{e9}", 19, None),
            // U+1F600 (outside the BMP): 4 bytes, 2 units (a surrogate pair).
            ("\u{1f600} Vowell", 5, Some(3)),
            ("\u{1f600} Vowell", 2, None),
            ("", 0, Some(0)),
        ];
        for &(text, byte, want) in cases {
            assert_eq!(utf16_index(text, byte), want, "{text:?} at byte {byte}");
        }
    }

    #[test]
    fn marks_table() {
        // (document, quoted from byte, source span, target span, cue span, marked (text, role))
        type Span = (usize, usize);
        type Case<'a> = (
            &'a str,
            usize,
            Span,
            Span,
            Option<Span>,
            &'a [(&'a str, &'a str)],
        );
        let cases: &[Case] = &[
            (
                "Al\u{2011}Sudani met Vowell.",
                0,
                (0, 11),
                (16, 22),
                Some((12, 15)),
                &[
                    ("Al\u{2011}Sudani", "source"),
                    ("met", "cue"),
                    ("Vowell", "target"),
                ],
            ),
            // Quoted from the second sentence; non-ASCII before the mention.
            (
                "Intro. Mu\u{1e25}ammad \u{2013} and Jos\u{e9} Vowell.",
                7,
                (7, 17),
                (32, 38),
                None,
                &[("Mu\u{1e25}ammad", "source"), ("Vowell", "target")],
            ),
            // Target mention first in the text: marks are sorted by position.
            (
                "Vowell and CJTF.",
                0,
                (11, 15),
                (0, 6),
                None,
                &[("Vowell", "target"), ("CJTF", "source")],
            ),
            // Empty spans (evidence built by hand) and a span past the quoted text are left out.
            ("Vowell and CJTF.", 0, (0, 0), (40, 44), None, &[]),
            // A span starting before the quoted text is left out; an overlapping cue too.
            (
                "Intro. Vowell met CJTF.",
                7,
                (0, 5),
                (7, 13),
                Some((10, 16)),
                &[("Vowell", "target")],
            ),
            // A span inside a character is left out.
            (
                "\u{e9}Vowell",
                0,
                (1, 7),
                (0, 2),
                None,
                &[("\u{e9}", "target")],
            ),
        ];
        for &(doc, from, (ss, se), (ts, te), cue, want) in cases {
            let mut ev = Evidence::new("d", 0, from, &doc[from..]);
            (ev.source_start, ev.source_end) = (ss, se);
            (ev.target_start, ev.target_end) = (ts, te);
            (ev.cue_start, ev.cue_end) = (cue.map(|c| c.0), cue.map(|c| c.1));
            let units: Vec<u16> = ev.text.encode_utf16().collect();
            let got: Vec<(String, &str)> = marks(&ev)
                .iter()
                .map(|&(a, b, role)| (String::from_utf16(&units[a..b]).unwrap(), role))
                .collect();
            let want: Vec<(String, &str)> = want.iter().map(|&(t, r)| (t.to_owned(), r)).collect();
            assert_eq!(got, want, "{doc:?}");
        }
    }
}
