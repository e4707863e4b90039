//! Graphviz DOT: an undirected `graph`, ids quoted by [`id`], values by [`esc`], label, shape and
//! colour by actor type, edge `weight` and `penwidth` by weight, and the evidence as tooltips
//! (shown when the rendered SVG is hovered).

use std::io::{self, Write};

use super::{evidence_lines, style};
use crate::graph::ActorGraph;

/// Writes `graph` as DOT.
pub fn write(graph: &ActorGraph, w: &mut dyn Write) -> io::Result<()> {
    writeln!(w, "graph \"actorgraph\" {{")?;
    writeln!(
        w,
        "  graph [outputorder=\"edgesfirst\", fontname=\"Helvetica\", overlap=\"false\"];"
    )?;
    writeln!(
        w,
        "  node [style=\"filled\", fontname=\"Helvetica\", fontsize=\"10\", color=\"#333333\"];"
    )?;
    writeln!(w, "  edge [color=\"#7f7f7f\"];")?;
    for n in graph.nodes() {
        let size = style::node_size(n.mentions);
        let tooltip = format!(
            "{} ({}): {} mention(s) in {} document(s)",
            n.label, n.kind, n.mentions, n.documents
        );
        write!(
            w,
            "  {} [label={}, shape={}, fillcolor={}, width={}, tooltip={}",
            id(&n.id),
            esc(&n.label),
            esc(style::dot_shape(&n.kind)),
            esc(&style::hex_color(&n.kind)),
            esc(&format!("{:.2}", size / 15.0)),
            esc(&tooltip)
        )?;
        if let Some(c) = n.community {
            write!(w, ", community={}", esc(&c.to_string()))?;
        }
        writeln!(w, "];")?;
    }
    for (a, b, e) in graph.edges() {
        let tooltip = format!(
            "{} – {}: weight {}, npmi {:.3}\n{}",
            a.label,
            b.label,
            e.weight,
            e.npmi,
            evidence_lines(e)
        );
        // Typed relations: a label naming the kind, and an arrow when directed (the graph
        // stays a `graph`, so co-mention edges draw as before).
        let relation = if e.is_co_mention() {
            String::new()
        } else {
            format!(
                ", label={}{}",
                esc(&e.kind),
                if e.directed { ", dir=\"forward\"" } else { "" }
            )
        };
        writeln!(
            w,
            "  {} -- {} [weight={}, penwidth={}, tooltip={}{relation}];",
            id(&a.id),
            id(&b.id),
            esc(&e.weight.to_string()),
            esc(&format!("{:.2}", style::edge_width(e.weight))),
            esc(&tooltip)
        )?;
    }
    writeln!(w, "}}")
}

/// A quoted DOT identifier. Graphviz's lexer reads `\"` as a quote and keeps backslashes as
/// written, taking them in pairs; so a run of backslashes is written as is, except that an odd
/// run right before a quote or the end cannot be written exactly and gets one more backslash
/// (it reads back one longer). A line break becomes a space: Graphviz treats backslash + line
/// break as a continuation and is inconsistent about line breaks in names. Characters XML forbids become U+FFFD (Graphviz's SVG would
/// otherwise be invalid).
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
    use super::{esc, id};

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
