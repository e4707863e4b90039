//! The `tag` output: one mention per line, as JSON Lines or TSV.
//!
//! JSON Lines fields, in this order: `doc`, `sentence`, `paragraph`, `zone` (`headline`,
//! `body` or `boilerplate`), `start`, `end`, `text`, `actor`, and `role` when the text named a
//! role: `actor` is then its holder on the document's date, or `null` when there is none (no
//! date, or nobody held the role that day; see `docs/roles.md`). TSV has the same columns
//! under a header line (`role` always present, empty for a plain mention; an unresolved actor
//! is empty too); a tab, line break or backslash in a value is written as `\t`, `\n`, `\r` or
//! `\\` (the only escaping TSV needs).

use std::io::{self, Write};

use serde::Serialize;

use crate::analysis::Analysis;
use crate::gazetteer::Gazetteer;
use crate::input::Document;

/// The format of row outputs, one mention (`tag`) or one relation (`relations`) a row.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RowFormat {
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
    actor: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    role: Option<&'a str>,
}

/// Writes the header, if the format has one.
pub fn write_header(w: &mut dyn Write, format: RowFormat) -> io::Result<()> {
    match format {
        RowFormat::Jsonl => Ok(()),
        RowFormat::Tsv => {
            w.write_all(b"doc\tsentence\tparagraph\tzone\tstart\tend\ttext\tactor\trole\n")
        }
    }
}

/// Writes one document's mentions in document order.
pub fn write_document(
    w: &mut dyn Write,
    format: RowFormat,
    gazetteer: &Gazetteer,
    doc: &Document,
    analysis: &Analysis,
) -> io::Result<()> {
    // Resolved mentions and unresolved role mentions, merged in document order.
    let mut unresolved = analysis.unresolved.iter().peekable();
    let mut resolved = analysis.mentions.iter().peekable();
    loop {
        let take_role = match (resolved.peek(), unresolved.peek()) {
            (None, None) => break,
            (Some(_), None) => false,
            (None, Some(_)) => true,
            (Some(p), Some((r, _))) => r.start < p.mention.start,
        };
        let row = if take_role {
            let (r, sentence) = unresolved.next().expect("peeked");
            Row {
                doc: &doc.id,
                sentence: *sentence,
                paragraph: analysis
                    .sentences
                    .get(*sentence as usize)
                    .map_or(0, |s| s.paragraph),
                zone: analysis.zone(*sentence).as_str(),
                start: r.start,
                end: r.end,
                text: &doc.text[r.start..r.end],
                actor: None,
                role: Some(&gazetteer.role(r.role).id),
            }
        } else {
            let p = resolved.next().expect("peeked");
            let m = p.mention;
            Row {
                doc: &doc.id,
                sentence: p.sentence,
                paragraph: p.paragraph,
                zone: analysis.zone(p.sentence).as_str(),
                start: m.start,
                end: m.end,
                text: &doc.text[m.start..m.end],
                actor: Some(&gazetteer.actor(m.actor).id),
                role: m.role.map(|r| gazetteer.role(r).id.as_str()),
            }
        };
        match format {
            RowFormat::Jsonl => {
                serde_json::to_writer(&mut *w, &row)?;
                w.write_all(b"\n")?;
            }
            RowFormat::Tsv => {
                writeln!(
                    w,
                    "{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}",
                    tsv(row.doc),
                    row.sentence,
                    row.paragraph,
                    row.zone,
                    row.start,
                    row.end,
                    tsv(row.text),
                    tsv(row.actor.unwrap_or_default()),
                    tsv(row.role.unwrap_or_default())
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
    use super::*;
    use crate::analysis::analyze;
    use crate::sentence::LineBreaks;
    use crate::tagger::{Scratch, Tagger};

    /// Rows come in document order, unresolved role mentions (no date: no holder) merged
    /// between the plain ones: (text, the rows' texts, which rows name no actor).
    #[test]
    fn rows_in_document_order_with_unresolved_roles_between() {
        let g = Gazetteer::embedded();
        let t = Tagger::new(&g).unwrap();
        let cases: &[(&str, &[&str], &[bool])] = &[
            (
                "Vowell met the Iraqi prime minister and Rasool.",
                &["Vowell", "Iraqi prime minister", "Rasool"],
                &[false, true, false],
            ),
            (
                "The Iraqi prime minister met Vowell.",
                &["Iraqi prime minister", "Vowell"],
                &[true, false],
            ),
            (
                "Vowell and Rasool met the Iraqi prime minister.",
                &["Vowell", "Rasool", "Iraqi prime minister"],
                &[false, false, true],
            ),
        ];
        for (text, want, unresolved) in cases {
            let doc = Document::new("d", *text);
            let a = analyze(text, None, &t, LineBreaks::Auto, &mut Scratch::default());
            let mut out = Vec::new();
            write_document(&mut out, RowFormat::Jsonl, &g, &doc, &a).unwrap();
            let rows: Vec<serde_json::Value> = String::from_utf8(out)
                .unwrap()
                .lines()
                .map(|l| serde_json::from_str(l).unwrap())
                .collect();
            let texts: Vec<&str> = rows.iter().map(|r| r["text"].as_str().unwrap()).collect();
            let no_actor: Vec<bool> = rows.iter().map(|r| r["actor"].is_null()).collect();
            assert!(
                texts.iter().zip(*want).all(|(got, w)| got.contains(w)),
                "{text}: {texts:?}"
            );
            assert_eq!(texts.len(), want.len(), "{text}: {texts:?}");
            assert_eq!(&no_actor, unresolved, "{text}");
        }
    }

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
