//! The `tag` output: one mention per line, as JSON Lines or TSV.
//!
//! JSON Lines fields, in this order: `doc`, `sentence`, `paragraph`, `zone` (`headline`,
//! `body` or `boilerplate`), `start`, `end`, `text`, `actor`. TSV has the same columns under a header line; a tab, line break or backslash in a
//! value is written as `\t`, `\n`, `\r` or `\\` (the only escaping TSV needs).

use std::io::{self, Write};

use serde::Serialize;

use crate::analysis::Analysis;
use crate::gazetteer::Gazetteer;
use crate::input::Document;

/// Mention output format.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MentionFormat {
    /// JSON Lines.
    Jsonl,
    /// Tab-separated values with a header.
    Tsv,
}

#[derive(Serialize)]
struct Row<'a> {
    doc: &'a str,
    sentence: u32,
    paragraph: u32,
    zone: &'static str,
    start: usize,
    end: usize,
    text: &'a str,
    actor: &'a str,
}

/// Writes the header, if the format has one.
pub fn write_header(w: &mut dyn Write, format: MentionFormat) -> io::Result<()> {
    match format {
        MentionFormat::Jsonl => Ok(()),
        MentionFormat::Tsv => {
            w.write_all(b"doc\tsentence\tparagraph\tzone\tstart\tend\ttext\tactor\n")
        }
    }
}

/// Writes one document's mentions in document order.
pub fn write_document(
    w: &mut dyn Write,
    format: MentionFormat,
    gazetteer: &Gazetteer,
    doc: &Document,
    analysis: &Analysis,
) -> io::Result<()> {
    for p in &analysis.mentions {
        let m = p.mention;
        let row = Row {
            doc: &doc.id,
            sentence: p.sentence,
            paragraph: p.paragraph,
            zone: analysis.zone(p.sentence).as_str(),
            start: m.start,
            end: m.end,
            text: &doc.text[m.start..m.end],
            actor: &gazetteer.actor(m.actor).id,
        };
        match format {
            MentionFormat::Jsonl => {
                serde_json::to_writer(&mut *w, &row)?;
                w.write_all(b"\n")?;
            }
            MentionFormat::Tsv => {
                writeln!(
                    w,
                    "{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}",
                    tsv(row.doc),
                    row.sentence,
                    row.paragraph,
                    row.zone,
                    row.start,
                    row.end,
                    tsv(row.text),
                    tsv(row.actor)
                )?;
            }
        }
    }
    Ok(())
}

/// Escapes a TSV field.
pub fn tsv(s: &str) -> std::borrow::Cow<'_, str> {
    if !s.contains(['\t', '\n', '\r', '\\']) {
        return s.into();
    }
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        match c {
            '\t' => out.push_str("\\t"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\\' => out.push_str("\\\\"),
            c => out.push(c),
        }
    }
    out.into()
}

#[cfg(test)]
mod tests {
    use super::tsv;

    #[test]
    fn tsv_escaping_table() {
        let cases = [
            ("plain", "plain"),
            ("a\tb", "a\\tb"),
            ("line\nbreak", "line\\nbreak"),
            ("cr\r", "cr\\r"),
            ("back\\slash", "back\\\\slash"),
        ];
        for (input, expected) in cases {
            assert_eq!(tsv(input), expected);
        }
    }
}
