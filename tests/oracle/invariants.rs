//! Invariants for any input, each a function that panics with the reason: used by
//! `tests/fuzz_oracles.rs` on seeded inputs and by the fuzz targets on whatever the fuzzer
//! finds. Checks rely on parsers and rules outside the writers (roxmltree, the csv crate, a
//! DOT string decoder written from Graphviz's lexer rule), never on the writer's own helpers.
#![allow(dead_code)]

use actorgraph::export::{self, Format};
use actorgraph::gazetteer::{Gazetteer, Source};
use actorgraph::graph::{ActorGraph, CorpusStats, Edge, Node, Unit};
use actorgraph::sentence::{split, LineBreaks};
use actorgraph::tagger::Tagger;

/// Any bytes as a gazetteer: an error naming `f.json:LINE:COL`, or a gazetteer whose every
/// name (label and alias), tagged alone, is one mention of its own actor covering it all.
pub fn gazetteer(data: &[u8]) {
    match Gazetteer::from_sources(&[Source {
        name: "f.json",
        bytes: data,
    }]) {
        Ok((g, _)) => {
            let t = Tagger::new(&g).expect("a valid gazetteer compiles");
            for idx in 0..g.actors().len() as u32 {
                let actor = g.actor(idx);
                let names =
                    std::iter::once(&actor.label).chain(actor.aliases.iter().map(|a| &a.text));
                for name in names {
                    // One mention, of this actor, covering every visible character: invisible
                    // format characters at the ends are dropped by normalisation
                    // (docs/matching.md), and white space next to them may be left out too.
                    let invisible = |c: char| {
                        c.is_whitespace()
                            || matches!(
                                c,
                                '\u{ad}'
                                    | '\u{200b}'
                                    | '\u{200c}'
                                    | '\u{200d}'
                                    | '\u{2060}'
                                    | '\u{feff}'
                            )
                    };
                    let got: Vec<(usize, usize, u32)> = t
                        .tag(name)
                        .iter()
                        .map(|m| (m.start, m.end, m.actor))
                        .collect();
                    let [(start, end, who)] = got[..] else {
                        panic!("{name:?} of {}: {got:?}", actor.id);
                    };
                    assert_eq!(who, idx, "{name:?} is tagged as another actor");
                    let outside = name[..start].chars().chain(name[end..].chars());
                    assert!(
                        outside.clone().all(invisible),
                        "{name:?} of {}: span {start}..{end} leaves out {:?}",
                        actor.id,
                        outside.collect::<String>()
                    );
                }
            }
            // The file's own text: sorted, disjoint, on character boundaries.
            let text = String::from_utf8_lossy(data);
            mentions_are_well_formed(&text, &t);
        }
        Err(e) => {
            let msg = e.to_string();
            let mut parts = msg.splitn(4, ':');
            let (file, line, col) = (parts.next(), parts.next(), parts.next());
            assert_eq!(file, Some("f.json"), "{msg}");
            assert!(
                line.is_some_and(|l| l.parse::<u32>().is_ok()),
                "no line: {msg}"
            );
            assert!(
                col.is_some_and(|c| c.parse::<u32>().is_ok()),
                "no column: {msg}"
            );
        }
    }
}

fn mentions_are_well_formed(text: &str, t: &Tagger) {
    let mut last = 0;
    for m in t.tag(text) {
        assert!(
            m.start >= last && m.start < m.end,
            "sorted, disjoint, non-empty"
        );
        assert!(text.is_char_boundary(m.start) && text.is_char_boundary(m.end));
        last = m.end;
    }
}

/// Any bytes as a corpus file named `name` (`c.jsonl`, `c.json`), read with and without
/// `--skip-bad-lines`: every document handed on is counted, and a failure is an error naming
/// the file, never a panic; skipping bad records never loses a document.
pub fn corpus_file(data: &[u8], name: &str) {
    use actorgraph::input::{Corpus, Diagnostics, Input, ReadOptions};
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(name);
    std::fs::write(&path, data).unwrap();
    let mut read = Vec::new();
    for skip in [false, true] {
        let inputs = [Input::Path(path.clone())];
        let opts = ReadOptions {
            skip_bad_lines: skip,
            ..ReadOptions::default()
        };
        let mut diag = Diagnostics::default();
        let mut n = 0;
        let r = Corpus::new(&inputs, opts).for_each_batch(&mut diag, |b| {
            n += b.len();
            Ok(())
        });
        match &r {
            Ok(()) => assert_eq!(n, diag.documents, "{name}: documents handed on and counted"),
            Err(e) => assert!(e.to_string().contains(name), "{name}: {e}"),
        }
        read.push((r.is_ok(), n));
    }
    if read[0].0 {
        assert!(read[1].0 && read[1].1 == read[0].1, "{name}: {read:?}");
    }
}

/// Sentences in every line-break mode: non-empty, tiling the text exactly, paragraphs never
/// decreasing; none is only white space unless the text is.
pub fn sentences(text: &str) {
    for mode in [LineBreaks::Auto, LineBreaks::Paragraph, LineBreaks::Space] {
        let s = split(text, &[], mode);
        if text.is_empty() {
            assert!(s.is_empty(), "{mode:?}");
            continue;
        }
        assert_eq!(s.first().unwrap().start, 0, "{mode:?}");
        assert_eq!(s.last().unwrap().end, text.len(), "{mode:?}");
        for x in &s {
            assert!(x.start < x.end, "{mode:?}: empty sentence at {}", x.start);
            assert!(text.is_char_boundary(x.start) && text.is_char_boundary(x.end));
        }
        for w in s.windows(2) {
            assert_eq!(w[0].end, w[1].start, "{mode:?}: gap or overlap");
            assert!(w[0].paragraph <= w[1].paragraph, "{mode:?}");
        }
        if !text.trim().is_empty() {
            let blank = s
                .iter()
                .filter(|x| text[x.start..x.end].trim().is_empty())
                .count();
            assert!(
                blank == 0,
                "{mode:?}: {blank} blank sentence(s) in {text:?}"
            );
        }
    }
}

/// The first quoted DOT string of `line`, as Graphviz reads it: its lexer takes a backslash
/// and the next character as a pair, and of the pairs only `\"` changes (to a quote).
/// Returns it and the rest of the line.
pub fn dot_first_string(line: &str) -> (String, &str) {
    let start = line
        .find('"')
        .unwrap_or_else(|| panic!("no string in {line:?}"));
    let mut out = String::new();
    let mut chars = line[start + 1..].chars();
    loop {
        match chars.next() {
            None => panic!("unterminated string in {line:?}"),
            Some('"') => return (out, chars.as_str()),
            Some('\\') => match chars.next() {
                Some('"') => out.push('"'),
                Some(c) => {
                    out.push('\\');
                    out.push(c);
                }
                None => panic!("dangling backslash in {line:?}"),
            },
            Some(c) => out.push(c),
        }
    }
}

/// A graph on `names` (sorted, distinct, not blank) through every writer: if every name is a
/// valid id, every format gives each id back exactly (so distinct ids stay distinct); if not,
/// the formats that could merge ids refuse the graph, and the saved-graph loader refuses it.
pub fn writers(names: &[String]) {
    let nodes: Vec<Node> = names
        .iter()
        .map(|n| Node {
            attributes: [(n.to_string(), n.to_string())].into(),
            ..Node::new(n.as_str(), n.chars().rev().collect::<String>(), n.as_str())
        })
        .collect();
    let edges: Vec<(usize, usize, Edge)> = (1..nodes.len())
        .map(|j| (0, j, Edge::new(j as u64)))
        .collect();
    let g = ActorGraph::from_parts(Unit::Sentence, CorpusStats::default(), None, nodes, edges);
    let valid = names
        .iter()
        .all(|n| actorgraph::gazetteer::id_problem(n).is_none());

    let mut json = Vec::new();
    export::write(&g, Format::Json, &mut json).unwrap();
    match export::json::read("f", &json) {
        Ok(back) => {
            assert!(valid, "loaded invalid ids {names:?}");
            let ids: Vec<&String> = back.nodes().map(|n| &n.id).collect();
            assert_eq!(ids, names.iter().collect::<Vec<_>>());
        }
        Err(e) => assert!(!valid, "refused valid ids {names:?}: {e}"),
    }

    for f in [Format::Graphml, Format::Gexf, Format::Dot] {
        let mut out = Vec::new();
        let res = export::write(&g, f, &mut out);
        if !valid {
            assert!(res.is_err(), "{f:?} wrote invalid ids {names:?}");
            continue;
        }
        res.unwrap_or_else(|e| panic!("{f:?}: {e}"));
        let text = String::from_utf8(out).unwrap();
        let ids: Vec<String> = if f == Format::Dot {
            // Node statements: a string followed by the attribute list.
            text.lines()
                .filter(|l| l.starts_with("  \""))
                .map(dot_first_string)
                .filter(|(_, rest)| rest.starts_with(" [label="))
                .map(|(id, _)| id)
                .collect()
        } else {
            let doc = roxmltree::Document::parse(&text).unwrap_or_else(|e| panic!("{f:?}: {e}"));
            doc.descendants()
                .filter(|x| x.has_tag_name("node"))
                .map(|x| x.attribute("id").unwrap().to_owned())
                .collect()
        };
        assert_eq!(ids, names, "{f:?}");
    }

    let dir = std::env::temp_dir().join(format!("ag-oracle-csv-{}", std::process::id()));
    export::csv::write_dir(&g, &dir).unwrap();
    let mut r = csv::Reader::from_path(dir.join("nodes.csv")).unwrap();
    let ids: Vec<String> = r.records().map(|x| x.unwrap()[0].to_owned()).collect();
    assert_eq!(ids, names, "CSV");
}
