//! Partial counts on disk (`build --partial -o day1.agc`, read by `merge`).
//!
//! A file is three parts (specified in `docs/formats.md`, "Partial counts"):
//!
//! 1. the magic line `actorgraph-counts\n`;
//! 2. one line of JSON: format version, the [`Recipe`] and a summary — readable with `head`,
//!    and enough to refuse an incompatible file before reading its body;
//! 3. the body: [postcard] (varint binary serde) of the counts, deflated. Every string that
//!    evidence repeats (document ids, URLs, sources, quoted text) is stored once in a table
//!    and referred to by number.
//!
//! [postcard]: https://docs.rs/postcard

use std::collections::{BTreeMap, HashMap};
use std::io::{Read, Write};
use std::sync::Arc;

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};

use crate::counts::{Counts, EdgeCounts, EdgeKey, NodeCounts, Recipe};
use crate::error::{Error, Result};
use crate::graph::{CorpusStats, Evidence};

/// First bytes of every partial counts file.
pub const MAGIC: &[u8] = b"actorgraph-counts\n";
/// The current format version; another version is refused with a message.
pub const VERSION: u32 = 3;
/// The conventional file extension.
pub const EXTENSION: &str = "agc";

#[derive(Serialize, Deserialize)]
struct Header {
    version: u32,
    recipe: Recipe,
    documents: u64,
    actors: usize,
    edges: usize,
}

#[derive(Serialize, Deserialize)]
struct Body<'a> {
    #[serde(with = "disk_corpus")]
    corpus: CorpusStats,
    /// Borrowed from the decompressed bytes when read: only the strings that evidence kept
    /// after a cap are copied.
    #[serde(borrow)]
    strings: Vec<&'a str>,
    nodes: Vec<(String, NodeCounts)>,
    edges: Vec<(EdgeKey, DiskEdge)>,
    doc_ids: Vec<u64>,
}

#[derive(Serialize, Deserialize)]
struct DiskEdge {
    directed: bool,
    weight: u64,
    documents: u64,
    days: Vec<(i32, u64)>,
    negated: u64,
    planned: u64,
    roles: BTreeMap<String, u64>,
    evidence: Vec<DiskEvidence>,
}

/// The corpus figures as stored: every field, always (postcard is not self-describing, so the
/// JSON writer's "omit when empty" must not reach the disk).
mod disk_corpus {
    use std::collections::BTreeMap;

    use serde::{Deserialize, Deserializer, Serialize, Serializer};

    use crate::graph::CorpusStats;

    #[derive(Serialize, Deserialize)]
    struct DiskCorpus {
        documents: u64,
        dated_documents: u64,
        excluded_documents: u64,
        sentences: u64,
        units: u64,
        mentions: u64,
        capped_units: u64,
        duplicates: u64,
        boilerplate_sentences: u64,
        unresolved_roles: BTreeMap<String, u64>,
    }

    pub fn serialize<S: Serializer>(c: &CorpusStats, s: S) -> Result<S::Ok, S::Error> {
        DiskCorpus {
            documents: c.documents,
            dated_documents: c.dated_documents,
            excluded_documents: c.excluded_documents,
            sentences: c.sentences,
            units: c.units,
            mentions: c.mentions,
            capped_units: c.capped_units,
            duplicates: c.duplicates,
            boilerplate_sentences: c.boilerplate_sentences,
            unresolved_roles: c.unresolved_roles.clone(),
        }
        .serialize(s)
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<CorpusStats, D::Error> {
        let c = DiskCorpus::deserialize(d)?;
        Ok(CorpusStats {
            documents: c.documents,
            dated_documents: c.dated_documents,
            excluded_documents: c.excluded_documents,
            sentences: c.sentences,
            units: c.units,
            mentions: c.mentions,
            capped_units: c.capped_units,
            duplicates: c.duplicates,
            boilerplate_sentences: c.boilerplate_sentences,
            unresolved_roles: c.unresolved_roles,
        })
    }
}

/// Evidence with its strings as numbers into the body's table, and no optional-field
/// skipping (postcard is not self-describing).
#[derive(Serialize, Deserialize)]
struct DiskEvidence {
    doc: u32,
    date: Option<i32>,
    url: Option<u32>,
    source: Option<u32>,
    sentence: u32,
    start: u64,
    end: u64,
    spans: [u64; 4],
    cue: Option<(u64, u64)>,
    text: u32,
    /// Source and target role ids (relations whose argument was a resolved role mention).
    roles: (Option<u32>, Option<u32>),
}

/// Strings interned for the body's table.
#[derive(Default)]
struct Interner<'a> {
    index: HashMap<&'a str, u32>,
    strings: Vec<&'a str>,
}

impl<'a> Interner<'a> {
    fn get(&mut self, s: &'a str) -> u32 {
        *self.index.entry(s).or_insert_with(|| {
            self.strings.push(s);
            (self.strings.len() - 1) as u32
        })
    }
}

/// Writes `counts` as a partial counts file.
pub fn write(counts: &Counts, w: &mut dyn Write) -> std::io::Result<()> {
    let header = Header {
        version: VERSION,
        recipe: counts.recipe.clone(),
        documents: counts.corpus.documents,
        actors: counts.nodes.len(),
        edges: counts.edges.len(),
    };
    w.write_all(MAGIC)?;
    serde_json::to_writer(&mut *w, &header)?;
    w.write_all(b"\n")?;
    let mut table = Interner::default();
    let edges: Vec<(EdgeKey, DiskEdge)> = counts
        .edges
        .iter()
        .map(|(k, e)| {
            let evidence = e
                .evidence
                .iter()
                .map(|ev| DiskEvidence {
                    doc: table.get(&ev.doc),
                    date: ev.date.map(|d| d.num_days_from_ce()),
                    url: ev.url.as_deref().map(|s| table.get(s)),
                    source: ev.source.as_deref().map(|s| table.get(s)),
                    sentence: ev.sentence,
                    start: ev.start as u64,
                    end: ev.end as u64,
                    spans: [
                        ev.source_start as u64,
                        ev.source_end as u64,
                        ev.target_start as u64,
                        ev.target_end as u64,
                    ],
                    cue: ev
                        .cue_start
                        .zip(ev.cue_end)
                        .map(|(s, e)| (s as u64, e as u64)),
                    text: table.get(&ev.text),
                    roles: (
                        ev.source_role.as_deref().map(|s| table.get(s)),
                        ev.target_role.as_deref().map(|s| table.get(s)),
                    ),
                })
                .collect();
            let disk = DiskEdge {
                directed: e.directed,
                weight: e.weight,
                documents: e.documents,
                days: days_out(&e.days),
                negated: e.negated,
                planned: e.planned,
                roles: e.roles.clone(),
                evidence,
            };
            (k.clone(), disk)
        })
        .collect();
    let body = Body {
        corpus: counts.corpus.clone(),
        strings: table.strings,
        nodes: counts
            .nodes
            .iter()
            .map(|(k, v)| (k.clone(), v.clone()))
            .collect(),
        edges,
        doc_ids: counts.doc_ids.clone(),
    };
    let bytes = postcard::to_stdvec(&body).map_err(std::io::Error::other)?;
    let mut z = flate2::write::DeflateEncoder::new(&mut *w, flate2::Compression::fast());
    z.write_all(&bytes)?;
    z.finish()?;
    Ok(())
}

fn days_out(m: &BTreeMap<NaiveDate, u64>) -> Vec<(i32, u64)> {
    m.iter().map(|(d, n)| (d.num_days_from_ce(), *n)).collect()
}

/// Reads a partial counts file; `name` is used in messages.
pub fn read(name: &str, bytes: &[u8]) -> Result<Counts> {
    read_capped(name, bytes, None)
}

/// Reads a partial counts file keeping at most `cap` evidence per edge (the smallest, so the
/// result is exactly what capping after a merge would give, and the recipe's cap says so).
/// Much faster than [`read`] when only a few sentences per edge will be written.
pub fn read_capped(name: &str, bytes: &[u8], cap: Option<usize>) -> Result<Counts> {
    let bad = |message: String| Error::Graph {
        location: name.to_owned(),
        message,
    };
    let rest = bytes.strip_prefix(MAGIC).ok_or_else(|| {
        // A finished graph is the likeliest slip: say what it is and what reads it.
        let graph = serde_json::from_slice::<serde_json::Value>(bytes).is_ok_and(|v| {
            v.get("format").and_then(|f| f.as_str()) == Some(crate::export::json::FORMAT)
        });
        bad(if graph {
            "not a partial counts file but a finished graph (ask it with `actorgraph query \
             --graph FILE`); partial counts come from `actorgraph build --partial -o FILE.agc`"
                .into()
        } else {
            "not a partial counts file (make one with `actorgraph build --partial -o FILE.agc`)"
                .into()
        })
    })?;
    let nl = rest
        .iter()
        .position(|&b| b == b'\n')
        .ok_or_else(|| bad("truncated header; the file is damaged, build it again".into()))?;
    let probe: serde_json::Value = serde_json::from_slice(&rest[..nl])
        .map_err(|e| bad(format!("damaged header ({e}); build the file again")))?;
    let version = probe.get("version").and_then(|v| v.as_u64());
    if version != Some(u64::from(VERSION)) {
        return Err(bad(format!(
            "partial counts format version {} is not supported (this actorgraph reads version \
             {VERSION}); build the partial again with this version",
            version.map_or_else(|| "?".to_owned(), |v| v.to_string())
        )));
    }
    let header: Header = serde_json::from_value(probe)
        .map_err(|e| bad(format!("damaged header ({e}); build the file again")))?;
    let mut raw = Vec::new();
    flate2::read::DeflateDecoder::new(&rest[nl + 1..])
        .read_to_end(&mut raw)
        .map_err(|e| bad(format!("damaged body ({e}); build the file again")))?;
    let body: Body = postcard::from_bytes(&raw)
        .map_err(|e| bad(format!("damaged body ({e}); build the file again")))?;
    // Strings become shared `Arc<str>`s on first use only.
    let mut shared: Vec<Option<Arc<str>>> = vec![None; body.strings.len()];
    let strings = body.strings;
    let mut s = |i: u32| -> Result<Arc<str>> {
        let slot = shared
            .get_mut(i as usize)
            .ok_or_else(|| bad(format!("damaged body (string {i} missing)")))?;
        Ok(slot
            .get_or_insert_with(|| Arc::from(strings[i as usize]))
            .clone())
    };
    let day = |d: i32| {
        NaiveDate::from_num_days_from_ce_opt(d)
            .ok_or_else(|| bad(format!("damaged body (day {d} out of range)")))
    };
    let mut recipe = header.recipe;
    recipe.max_evidence = crate::counts::min_cap(recipe.max_evidence, cap);
    let keep = recipe.max_evidence.unwrap_or(usize::MAX);
    let mut counts = Counts::new(recipe);
    counts.corpus = body.corpus;
    counts.nodes = body.nodes.into_iter().collect();
    counts.doc_ids = body.doc_ids;
    for (key, e) in body.edges {
        let mut evidence = Vec::with_capacity(e.evidence.len().min(keep));
        for ev in e.evidence.into_iter().take(keep) {
            evidence.push(Evidence {
                doc: s(ev.doc)?.to_string(),
                date: ev.date.map(day).transpose()?,
                url: ev.url.map(&mut s).transpose()?.map(|x| x.to_string()),
                source: ev.source.map(&mut s).transpose()?.map(|x| x.to_string()),
                sentence: ev.sentence,
                start: ev.start as usize,
                end: ev.end as usize,
                source_start: ev.spans[0] as usize,
                source_end: ev.spans[1] as usize,
                target_start: ev.spans[2] as usize,
                target_end: ev.spans[3] as usize,
                cue_start: ev.cue.map(|c| c.0 as usize),
                cue_end: ev.cue.map(|c| c.1 as usize),
                source_role: ev.roles.0.map(&mut s).transpose()?.map(|x| x.to_string()),
                target_role: ev.roles.1.map(&mut s).transpose()?.map(|x| x.to_string()),
                text: s(ev.text)?,
            });
        }
        let days = e
            .days
            .into_iter()
            .map(|(d, n)| day(d).map(|d| (d, n)))
            .collect::<Result<_>>()?;
        counts.edges.insert(
            key,
            EdgeCounts {
                directed: e.directed,
                weight: e.weight,
                documents: e.documents,
                days,
                negated: e.negated,
                planned: e.planned,
                roles: e.roles,
                evidence,
            },
        );
    }
    Ok(counts)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::gazetteer::Gazetteer;
    use crate::input::{Document, SEEDS};
    use crate::run::{count_documents, Settings};
    use crate::tagger::Tagger;

    #[test]
    fn counts_round_trip_through_a_file() {
        let g = Gazetteer::embedded();
        let t = Tagger::new(&g).unwrap();
        let mut docs: Vec<Document> = SEEDS.iter().map(|(id, s)| Document::new(*id, *s)).collect();
        docs[0].date = crate::input::parse_date("2024-02-11");
        docs[0].url = Some("https://example.org/a".into());
        docs[1].source = Some("Wire".into());
        let settings = Settings {
            edges: crate::counts::Edges::Both,
            ..Settings::default()
        };
        let (mut counts, _) = count_documents(docs, &g, &t, &settings).unwrap();
        counts.corpus.unresolved_roles.insert("iraq_pm".into(), 2);
        // Typed edges with role marks in their evidence ("the Iraqi prime minister") travel too.
        assert!(counts
            .edges
            .values()
            .flat_map(|e| &e.evidence)
            .any(|ev| ev.target_role.as_deref() == Some("iraq_pm")));
        let mut bytes = Vec::new();
        write(&counts, &mut bytes).unwrap();
        assert_eq!(read("p.agc", &bytes).unwrap(), counts);
        // Reading with a cap equals capping the counts.
        let mut capped = counts.clone();
        capped.recipe.max_evidence = Some(1);
        for e in capped.edges.values_mut() {
            e.evidence.truncate(1);
        }
        assert_eq!(read_capped("p.agc", &bytes, Some(1)).unwrap(), capped);
        // Every recipe setting travels, not only the defaults.
        for line_breaks in [
            crate::sentence::LineBreaks::Space,
            crate::sentence::LineBreaks::Paragraph,
        ] {
            let mut other = counts.clone();
            other.recipe.line_breaks = line_breaks;
            other.recipe.group_by = crate::counts::GroupBy::Code;
            let mut bytes = Vec::new();
            write(&other, &mut bytes).unwrap();
            assert_eq!(read("p.agc", &bytes).unwrap(), other);
        }
    }

    #[test]
    fn bad_files_are_refused_with_the_reason() {
        let cases: [(&str, &[u8], &str); 6] = [
            (
                "a graph",
                b"{\"format\": \"actorgraph\"}",
                "not a partial counts file but a finished graph (ask it with `actorgraph query --graph FILE`)",
            ),
            ("not ours", b"{\"nodes\": []}", "not a partial counts file (make one"),
            ("no header", b"actorgraph-counts\n{", "truncated header"),
            (
                "future version",
                b"actorgraph-counts\n{\"version\": 99}\n",
                "version 99 is not supported",
            ),
            (
                // Version 3 added unresolved role counts and --group-by (issue 13).
                "previous version",
                b"actorgraph-counts\n{\"version\": 2}\n",
                "version 2 is not supported (this actorgraph reads version 3)",
            ),
            (
                "damaged body",
                b"actorgraph-counts\n{\"version\":3,\"recipe\":{\"unit\":\"sentence\",\"line_breaks\":\"auto\",\"max_evidence\":null,\"since\":null,\"until\":null,\"gazetteer\":\"x\"},\"documents\":0,\"actors\":0,\"edges\":0}\nxx",
                "damaged body",
            ),
        ];
        for (name, bytes, expected) in cases {
            let err = read("p.agc", bytes).unwrap_err().to_string();
            assert!(
                err.starts_with("p.agc: ") && err.contains(expected),
                "{name}: {err}"
            );
        }
    }
}
