//! CSV for spreadsheets, Gephi's spreadsheet import and Neo4j's `LOAD CSV`: a directory with
//! `nodes.csv` (Id, Label, Type, ...) and `edges.csv` (Source, Target, Type, Weight, ...).
//! Quoting is the `csv` crate's (RFC 4180). With `--period`, `edges.csv` has one row per edge
//! and period (`Period`, `PeriodStart`, `PeriodEnd`, `PeriodWeight` columns at the end).

use std::collections::BTreeSet;
use std::path::Path;

use super::{evidence_lines, style};
use crate::error::{Error, Result};
use crate::graph::ActorGraph;
use crate::output::Output;

/// Writes `nodes.csv` and `edges.csv` into `dir` (created if missing), each atomically.
pub fn write_dir(graph: &ActorGraph, dir: &Path) -> Result<()> {
    if dir.exists() && !dir.is_dir() {
        return Err(Error::Usage(format!(
            "{}: CSV output is a directory (nodes.csv, edges.csv), but this is a file",
            dir.display()
        )));
    }
    std::fs::create_dir_all(dir).map_err(|e| Error::io(dir, e))?;
    write_files(graph, &dir.join("nodes.csv"), &dir.join("edges.csv"))
}

/// The two files written for `-o NAME.csv`: `NAME.nodes.csv` and `NAME.edges.csv` beside it
/// (never a directory named `NAME.csv`).
pub fn file_pair(path: &Path) -> (std::path::PathBuf, std::path::PathBuf) {
    let stem = path.with_extension("");
    let with = |suffix: &str| {
        let mut s = stem.clone().into_os_string();
        s.push(suffix);
        std::path::PathBuf::from(s)
    };
    (with(".nodes.csv"), with(".edges.csv"))
}

/// Writes the nodes and edges tables to two files.
pub fn write_files(graph: &ActorGraph, nodes: &Path, edges: &Path) -> Result<()> {
    let dir = nodes;
    let fail = |e: csv::Error| Error::Usage(format!("{}: cannot write CSV: {e}", dir.display()));

    let attr_names: BTreeSet<&str> = graph
        .nodes()
        .flat_map(|n| n.attributes.keys().map(String::as_str))
        .collect();
    let communities = graph.nodes().any(|n| n.community.is_some());
    let out = Output::file(nodes)?;
    let mut w = csv::Writer::from_writer(out);
    let mut header = vec![
        "Id",
        "Label",
        "Type",
        "Mentions",
        "Sentences",
        "Units",
        "Documents",
        "FirstDate",
        "LastDate",
        "Color",
        "Size",
    ];
    if communities {
        header.push("Community");
    }
    header.extend(attr_names.iter().copied());
    w.write_record(&header).map_err(fail)?;
    for n in graph.nodes() {
        let mut row = vec![
            n.id.clone(),
            n.label.clone(),
            n.kind.clone(),
            n.mentions.to_string(),
            n.sentences.to_string(),
            n.units.to_string(),
            n.documents.to_string(),
            n.first_date.map(|d| d.to_string()).unwrap_or_default(),
            n.last_date.map(|d| d.to_string()).unwrap_or_default(),
            style::hex_color(&n.kind),
            style::node_size(n.mentions).to_string(),
        ];
        if communities {
            row.push(n.community.map(|c| c.to_string()).unwrap_or_default());
        }
        row.extend(
            attr_names
                .iter()
                .map(|a| n.attributes.get(*a).cloned().unwrap_or_default()),
        );
        w.write_record(&row).map_err(fail)?;
    }
    commit(w, nodes)?;

    let dir = edges;
    let fail = |e: csv::Error| Error::Usage(format!("{}: cannot write CSV: {e}", dir.display()));
    let out = Output::file(edges)?;
    let mut w = csv::Writer::from_writer(out);
    let relation = super::relation_fields(graph);
    let mut header = vec![
        "Source",
        "Target",
        "Type",
        "Weight",
        "Documents",
        "NPMI",
        "Jaccard",
        "FirstDate",
        "LastDate",
        "Evidence",
    ];
    // Relation columns: Gephi reads `Kind` and `Label`; the rest by their field names.
    let names: Vec<String> = relation.iter().map(|f| capitalised(f.0)).collect();
    header.extend(names.iter().map(String::as_str));
    if !relation.is_empty() {
        header.push("Label");
    }
    // With --period: one row per edge and period; `Weight` stays the edge's total.
    let timed = graph.period.is_some();
    if timed {
        header.extend(["Period", "PeriodStart", "PeriodEnd", "PeriodWeight"]);
    }
    w.write_record(&header).map_err(fail)?;
    let date = |d: Option<chrono::NaiveDate>| d.map(|d| d.to_string()).unwrap_or_default();
    for (a, b, e) in graph.edges() {
        let mut row = vec![
            a.id.clone(),
            b.id.clone(),
            if e.directed { "Directed" } else { "Undirected" }.to_owned(),
            e.weight.to_string(),
            e.documents.to_string(),
            e.npmi.to_string(),
            e.jaccard.to_string(),
            e.first_date.map(|d| d.to_string()).unwrap_or_default(),
            e.last_date.map(|d| d.to_string()).unwrap_or_default(),
            evidence_lines(e),
        ];
        row.extend(relation.iter().map(|f| (f.2)(e).unwrap_or_default()));
        if !relation.is_empty() {
            row.push(e.kind.clone());
        }
        if !timed {
            w.write_record(&row).map_err(fail)?;
            continue;
        }
        for p in &e.periods {
            let mut timed_row = row.clone();
            timed_row.extend([
                p.period.clone(),
                date(p.start),
                date(p.end),
                p.weight.to_string(),
            ]);
            w.write_record(&timed_row).map_err(fail)?;
        }
    }
    commit(w, edges)
}

fn capitalised(s: &str) -> String {
    let mut c = s.chars();
    c.next()
        .map(|f| f.to_uppercase().chain(c).collect())
        .unwrap_or_default()
}

fn commit(w: csv::Writer<Output>, dir: &Path) -> Result<()> {
    let out = w
        .into_inner()
        .map_err(|e| Error::io(dir, std::io::Error::other(e.to_string())))?;
    out.commit()
}
