//! The `relations` output: one relation per line, as JSON Lines or TSV, sorted by document
//! then cue offset.
//!
//! JSON Lines fields, in this order: `doc`, `sentence`, `relation`, `source`, `target`,
//! `negated`, `modality`, `role`, `cue`, `cue_start`, `cue_end`, `source_start`, `source_end`,
//! `target_start`, `target_end`, then `source_role`, `target_role`. `source`/`target` are actor
//! ids, offsets are bytes into the document text (as in `tag`), `role` is null except for
//! affiliations (the role noun, "spokesman"). `source_role`/`target_role` are null unless that
//! argument was a role mention ("the Iraqi prime minister") resolved to its holder on the
//! document's date: then the gazetteer's role id (`iraq_pm`), as `tag` reports it. TSV has
//! the same columns under a header line, escaped as `tag` escapes them; a null is empty.

use std::io::{self, Write};

use serde::Serialize;

use super::{Lexicon, Relation};
use crate::export::mentions::tsv;
use crate::gazetteer::Gazetteer;
use crate::input::Document;

pub use crate::export::mentions::RowFormat;

#[derive(Serialize)]
struct Row<'a> {
    doc: &'a str,
    sentence: u32,
    relation: &'a str,
    source: &'a str,
    target: &'a str,
    negated: bool,
    modality: &'a str,
    role: Option<&'a str>,
    cue: &'a str,
    cue_start: usize,
    cue_end: usize,
    source_start: usize,
    source_end: usize,
    target_start: usize,
    target_end: usize,
    source_role: Option<&'a str>,
    target_role: Option<&'a str>,
}

const COLUMNS: &str = "doc\tsentence\trelation\tsource\ttarget\tnegated\tmodality\trole\tcue\tcue_start\tcue_end\tsource_start\tsource_end\ttarget_start\ttarget_end\tsource_role\ttarget_role\n";

/// Writes the header, if the format has one.
pub fn write_header(w: &mut dyn Write, format: RowFormat) -> io::Result<()> {
    match format {
        RowFormat::Jsonl => Ok(()),
        RowFormat::Tsv => w.write_all(COLUMNS.as_bytes()),
    }
}

/// Writes one document's relations (already sorted by cue offset).
pub fn write_document(
    w: &mut dyn Write,
    format: RowFormat,
    g: &Gazetteer,
    lex: &Lexicon,
    doc: &Document,
    relations: &[Relation],
) -> io::Result<()> {
    for r in relations {
        let row = Row {
            doc: &doc.id,
            sentence: r.sentence,
            relation: lex.type_name(r.kind),
            source: &g.actor(r.source).id,
            target: &g.actor(r.target).id,
            negated: r.negated,
            modality: r.modality.as_str(),
            role: r.role.map(|i| lex.role_name(i)),
            cue: &doc.text[r.cue.start..r.cue.end],
            cue_start: r.cue.start,
            cue_end: r.cue.end,
            source_start: r.source_span.start,
            source_end: r.source_span.end,
            target_start: r.target_span.start,
            target_end: r.target_span.end,
            source_role: r.source_role.map(|i| g.role(i).id.as_str()),
            target_role: r.target_role.map(|i| g.role(i).id.as_str()),
        };
        match format {
            RowFormat::Jsonl => {
                serde_json::to_writer(&mut *w, &row)?;
                w.write_all(b"\n")?;
            }
            RowFormat::Tsv => writeln!(
                w,
                "{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}",
                tsv(row.doc),
                row.sentence,
                tsv(row.relation),
                tsv(row.source),
                tsv(row.target),
                row.negated,
                row.modality,
                tsv(row.role.unwrap_or("")),
                tsv(row.cue),
                row.cue_start,
                row.cue_end,
                row.source_start,
                row.source_end,
                row.target_start,
                row.target_end,
                tsv(row.source_role.unwrap_or("")),
                tsv(row.target_role.unwrap_or(""))
            )?,
        }
    }
    Ok(())
}
