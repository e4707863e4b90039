//! Graphviz DOT that carries its own layout and legend, so `dot -Tsvg actors.dot` (or `neato`)
//! draws the same picture as `actorgraph build -o actors.svg`:
//!
//! - layout: `layout=neato` up to [`SFDP_ABOVE`] nodes, `sfdp` above; `overlap=prism` removes
//!   node overlaps and `splines=polyline` routes every edge around the nodes it does not touch
//!   (`esep` keeps a margin; up to [`ROUTE_UP_TO`] actors × links, straight `line` above);
//!   checked on rendered geometry by `tests/view.rs`. Polyline, not
//!   `splines=true`: Graphviz 2.43's curved router draws different curves on each run of the
//!   same file, and the picture must be the same bytes every time;
//! - nodes: shape by actor type, colour by type (or by community when communities were
//!   computed), label inside the node (only the most mentioned ones in large pictures, see
//!   [`style::labelled`]), names and counts as tooltips;
//! - edges: colour, dash and direction by kind ([`style::EDGE_KINDS`]), pen width by weight,
//!   evidence as tooltips; `digraph` only when some kind is directed;
//! - the graph label: a title line (corpus and filters, from [`View::title`]) and a legend.
//!
//! Ids are quoted by [`id`], escStrings by [`esc`], HTML-like label text by [`html_text`].

use std::collections::{BTreeMap, BTreeSet};
use std::io::{self, Write};

use super::{evidence_lines, style, View};
use crate::graph::ActorGraph;

/// Above this many nodes the layout is `sfdp` (multiscale, fast), else `neato`.
pub const SFDP_ABOVE: usize = 50;

/// Edges are routed around the nodes they do not join while actors × links is at most this.
/// Graphviz's polyline router takes time in proportion to that product (Wikinews with the
/// Phoenix gazetteer, session 11: 70 actors × 100 links 1.3 s, 117 × 200 4.7 s, 174 × 400
/// 18 s, 310 × 797 69 s, against 0.2 s for the layout alone), so a larger picture draws its
/// edges straight, and its legend says so.
pub const ROUTE_UP_TO: usize = 30_000;

/// Whether the picture of `graph` routes its edges around nodes (see [`ROUTE_UP_TO`]).
pub fn routes_edges(graph: &ActorGraph) -> bool {
    graph.graph.node_count() * graph.graph.edge_count() <= ROUTE_UP_TO
}

/// Writes `graph` as DOT with a counts-only title.
pub fn write(graph: &ActorGraph, w: &mut dyn Write) -> io::Result<()> {
    write_view(graph, &View::default(), w)
}

/// Writes `graph` as DOT, titled by `view`.
pub fn write_view(graph: &ActorGraph, view: &View, w: &mut dyn Write) -> io::Result<()> {
    let directed = graph.edges().any(|(_, _, e)| e.directed);
    let (keyword, op) = if directed {
        ("digraph", "->")
    } else {
        ("graph", "--")
    };
    let engine = if graph.graph.node_count() > SFDP_ABOVE {
        "sfdp"
    } else {
        "neato"
    };
    let by_community = graph.nodes().any(|n| n.community.is_some());
    writeln!(w, "{keyword} \"actorgraph\" {{")?;
    let splines = if routes_edges(graph) {
        "polyline"
    } else {
        "line"
    };
    writeln!(
        w,
        "  graph [layout=\"{engine}\", overlap=\"prism\", splines=\"{splines}\", sep=\"+12\", \
         esep=\"+10\", outputorder=\"edgesfirst\", fontname=\"Helvetica\", fontsize=\"11\", \
         labelloc=\"t\", labeljust=\"l\", label=<{}>];",
        legend(graph, view, by_community)
    )?;
    writeln!(
        w,
        "  node [style=\"filled\", fontname=\"Helvetica\", fontsize=\"10\", color=\"#333333\"];"
    )?;
    writeln!(w, "  edge [color=\"#8c8c8c\"];")?;
    let shown = style::labelled(graph);
    for (n, &shown) in graph.nodes().zip(&shown) {
        let size = style::node_size(n.mentions);
        let tooltip = format!(
            "{} ({}): {} mention(s) in {} document(s)",
            n.label, n.kind, n.mentions, n.documents
        );
        let fill = match n.community {
            Some(c) if by_community => style::hex(style::community_color(c)),
            _ => style::hex_color(&n.kind),
        };
        write!(w, "  {} [", id(&n.id))?;
        if shown {
            write!(
                w,
                "label={}, width={}",
                esc(&n.label),
                // Capped: Graphviz routes splines around a polygon inscribed in an ellipse,
                // and on wider ellipses the gap exceeds `esep` (edges then graze the node).
                esc(&format!("{:.2}", (size / 15.0).min(1.0)))
            )?;
        } else {
            write!(
                w,
                "label=\"\", fixedsize=\"true\", width={}, height={}",
                esc(&format!("{:.2}", size / 40.0)),
                esc(&format!("{:.2}", size / 40.0))
            )?;
        }
        write!(
            w,
            ", shape={}, fillcolor={}, tooltip={}",
            esc(style::dot_shape(&n.kind)),
            esc(&fill),
            esc(&tooltip)
        )?;
        if let Some(c) = n.community {
            write!(w, ", community={}", esc(&c.to_string()))?;
        }
        writeln!(w, "];")?;
    }
    for (a, b, e) in graph.edges() {
        let kind = style::kind_of(e);
        let (color, _, dashed) = style::edge_kind(kind);
        let arrow = e.directed;
        let tooltip = format!(
            "{} – {} ({kind}): weight {}, npmi {:.3}\n{}",
            a.label,
            b.label,
            e.weight,
            e.npmi,
            evidence_lines(e)
        );
        write!(
            w,
            "  {} {op} {} [weight={}, penwidth={}, color={}",
            id(&a.id),
            id(&b.id),
            esc(&e.weight.to_string()),
            esc(&format!("{:.2}", style::edge_width(e.weight))),
            esc(&style::hex(color))
        )?;
        if directed && !arrow {
            write!(w, ", dir=\"none\"")?;
        }
        if dashed {
            write!(w, ", style=\"dashed\"")?;
        }
        if !e.is_co_mention() {
            write!(w, ", label={}", esc(kind))?;
        }
        writeln!(w, ", tooltip={}];", esc(&tooltip))?;
    }
    writeln!(w, "}}")
}

/// The graph label: title, counts and the legend, as a Graphviz HTML-like table.
fn legend(graph: &ActorGraph, view: &View, by_community: bool) -> String {
    let nodes = graph.graph.node_count();
    let mut rows = Vec::new();
    let title = if view.title.is_empty() {
        "actorgraph"
    } else {
        &view.title
    };
    rows.push(format!(
        "<TR><TD ALIGN=\"LEFT\" COLSPAN=\"2\"><B>{}</B></TD></TR>",
        html_text(title)
    ));
    let max_weight = graph.edges().map(|(_, _, e)| e.weight).max().unwrap_or(0);
    let mut counts = format!(
        "{nodes} actors, {} links; line width: sentences shared (1 to {max_weight})",
        graph.graph.edge_count()
    );
    if nodes > style::LABEL_ALL_UP_TO {
        counts.push_str(&format!(
            "; labels: the {} most mentioned actors",
            style::LABELS_SHOWN
        ));
    }
    if !routes_edges(graph) {
        counts.push_str(
            "; links drawn straight, not around the actors (too many to route: --top-edges \
             keeps fewer)",
        );
    }
    rows.push(format!(
        "<TR><TD ALIGN=\"LEFT\" COLSPAN=\"2\">{}</TD></TR>",
        html_text(&counts)
    ));
    let swatch = |rgb: [u8; 3], text: &str| {
        format!(
            "<TR><TD BGCOLOR=\"{}\" WIDTH=\"16\" HEIGHT=\"10\" FIXEDSIZE=\"TRUE\"></TD>\
             <TD ALIGN=\"LEFT\">{}</TD></TR>",
            style::hex(rgb),
            html_text(text)
        )
    };
    let types: BTreeSet<&str> = graph.nodes().map(|n| n.kind.as_str()).collect();
    for t in types {
        let shape = style::dot_shape(t);
        if by_community {
            rows.push(format!(
                "<TR><TD></TD><TD ALIGN=\"LEFT\">{}</TD></TR>",
                html_text(&format!("{t}: {shape}"))
            ));
        } else {
            rows.push(swatch(style::color(t), &format!("{t}: {shape}")));
        }
    }
    if by_community {
        // Each community is named after its most mentioned member.
        let mut named: BTreeMap<u32, (u64, &str, usize)> = BTreeMap::new();
        for n in graph.nodes() {
            if let Some(c) = n.community {
                let e = named.entry(c).or_insert((0, "", 0));
                e.2 += 1;
                if n.mentions > e.0 {
                    (e.0, e.1) = (n.mentions, &n.label);
                }
            }
        }
        let mut others = 0;
        for (c, (_, label, size)) in &named {
            if (*c as usize) < style::COMMUNITY.len() {
                rows.push(swatch(
                    style::community_color(*c),
                    &match size - 1 {
                        0 => format!("community {c}: {label}"),
                        more => format!("community {c}: {label} and {more} more"),
                    },
                ));
            } else {
                others += 1;
            }
        }
        if others > 0 {
            rows.push(swatch(
                style::OTHER_COMMUNITY,
                &format!("{others} smaller communities"),
            ));
        }
    }
    let kinds: BTreeSet<&str> = graph.edges().map(|(_, _, e)| style::kind_of(e)).collect();
    for k in kinds {
        let (rgb, arrow, dashed) = style::edge_kind(k);
        rows.push(format!(
            "<TR><TD><FONT COLOR=\"{}\">{}</FONT></TD><TD ALIGN=\"LEFT\">{}</TD></TR>",
            style::hex(rgb),
            if dashed {
                "- - -"
            } else {
                "\u{2501}\u{2501}\u{2501}"
            },
            html_text(&format!(
                "{k}{}",
                if arrow {
                    " (source \u{2192} target)"
                } else {
                    ""
                }
            ))
        ));
    }
    // Title and counts span the picture; the legend is a table of its own, so its swatches
    // sit next to their words.
    let table = "<TABLE BORDER=\"0\" CELLBORDER=\"0\" CELLSPACING=\"1\" CELLPADDING=\"1\">";
    format!(
        "{table}{}<TR><TD ALIGN=\"LEFT\" COLSPAN=\"2\">{table}{}</TABLE></TD></TR></TABLE>",
        rows[..2].concat(),
        rows[2..].concat()
    )
}

/// Text inside a Graphviz HTML-like label: the page's entity escaping
/// ([`super::html::html_text`]), after line breaks become spaces and characters XML forbids
/// U+FFFD (Graphviz's lexer and SVG writer need both).
pub fn html_text(s: &str) -> String {
    let cleaned: String = s
        .chars()
        .map(|c| match c {
            '\n' | '\r' => ' ',
            c if super::xml::forbidden(c) => '\u{fffd}',
            c => c,
        })
        .collect();
    super::html::html_text(&cleaned)
}

/// A quoted DOT identifier. Graphviz's lexer reads `\"` as a quote and keeps backslashes as
/// written, taking them in pairs; so a run of backslashes is written as is. Ids that cannot be
/// written back exactly — an odd run of backslashes before a quote or the end, line breaks
/// (Graphviz reads backslash + line break as a continuation), characters XML forbids — are
/// refused before any writer runs (`gazetteer::id_problem`, checked by `export::write`), so
/// two actors never become one node. The rewriting below only keeps a hand-built graph's DOT
/// parseable: an odd run gets one more backslash, a line break becomes a space, a forbidden
/// character U+FFFD.
pub fn id(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '"' => out.push_str("\\\""),
            '\n' | '\r' => out.push(' '),
            '\\' => {
                let mut run = 1;
                while chars.peek() == Some(&'\\') {
                    chars.next();
                    run += 1;
                }
                if run % 2 == 1 && matches!(chars.peek(), None | Some('"')) {
                    run += 1;
                }
                out.extend(std::iter::repeat_n('\\', run));
            }
            c if super::xml::forbidden(c) => out.push('\u{fffd}'),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// A quoted DOT escString (labels, tooltips): `"` and `\` are escaped, so `\N` and friends stay
/// literal; a line break becomes `\n`; characters XML forbids become U+FFFD.
pub fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => {
                if chars.peek() != Some(&'\n') {
                    out.push_str("\\n");
                }
            }
            c if super::xml::forbidden(c) => out.push('\u{fffd}'),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

#[cfg(test)]
mod tests {
    use super::{esc, html_text, id};

    #[test]
    fn html_text_table() {
        // (input, escaped)
        for (input, want) in [
            ("plain", "plain"),
            ("a & b", "a &amp; b"),
            ("<b>\"x\"</b>", "&lt;b&gt;&quot;x&quot;&lt;/b&gt;"),
            ("two\nlines", "two lines"),
            ("bell\u{7}", "bell\u{fffd}"),
        ] {
            assert_eq!(html_text(input), want, "{input:?}");
        }
    }

    /// (input, as an identifier, as an escString)
    const CASES: &[(&str, &str, &str)] = &[
        ("node", r#""node""#, r#""node""#),
        (r#"say "hi""#, r#""say \"hi\"""#, r#""say \"hi\"""#),
        (
            r"back\slash \N",
            r#""back\slash \N""#,
            r#""back\\slash \\N""#,
        ),
        ("end\\", r#""end\\""#, r#""end\\""#),
        (r"two\\", r#""two\\""#, r#""two\\\\""#),
        (r"x\\\y", r#""x\\\y""#, r#""x\\\\\\y""#),
        (r#"odd\" q"#, r#""odd\\\" q""#, r#""odd\\\" q""#),
        ("cont\\\nx", r#""cont\ x""#, r#""cont\\\nx""#),
        ("two\nlines", r#""two lines""#, r#""two\nlines""#),
        ("crlf\r\nx", r#""crlf  x""#, r#""crlf\nx""#),
        ("bell\u{7}", "\"bell\u{fffd}\"", "\"bell\u{fffd}\""),
        ("<&>", r#""<&>""#, r#""<&>""#),
    ];

    #[test]
    fn quoting_table() {
        for (input, as_id, as_esc) in CASES {
            assert_eq!(id(input), *as_id, "id {input:?}");
            assert_eq!(esc(input), *as_esc, "esc {input:?}");
        }
    }
}
