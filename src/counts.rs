//! The mergeable counts: everything a corpus contributes to a graph, keyed by stable ids.
//!
//! [`Counts`] is what a run produces ([`crate::counter::Counter`] fills it from analysed
//! documents) and what a partial file (`build --partial -o day1.agc`) holds. Two counts built
//! with the same [`Recipe`] merge with [`Counts::merge`]; merging is associative and
//! commutative, so any split of a corpus, merged in any grouping and order, finishes
//! ([`Counts::finish`], in `graph.rs`) into the same graph, byte for byte, as one run:
//!
//! - every key is an id (actor id; edge = source id, target id, kind), never a gazetteer
//!   position or an arrival number;
//! - every number is a sum (per-day maps add day by day);
//! - evidence is the smallest N under a total order on its whole value (document id first),
//!   so the union of two capped lists, cut again at N, is the same whatever the grouping.
//!
//! The on-disk form and the compatibility rules are in `docs/formats.md` ("Partial counts");
//! the decisions (duplicate document ids, date filters at merge) in `docs/architecture.md`.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};
use crate::gazetteer::Gazetteer;
use crate::graph::{CorpusStats, Evidence, Unit};
use crate::sentence::LineBreaks;

/// The kind of a co-occurrence edge: two actors printed in the same unit.
pub const CO_MENTION: &str = "co-mention";

/// Which edges a run counts: co-occurrence, typed relations from the lexicon, or both.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Edges {
    /// Co-mention edges only (the default; what 0.1 counted).
    #[default]
    CoMention,
    /// Typed relation edges only (`meet`, `attack`, ...); nodes are still counted.
    Relations,
    /// Both.
    Both,
}

impl Edges {
    /// True when co-mention edges are counted.
    pub fn co_mention(self) -> bool {
        self != Edges::Relations
    }

    /// True when relations are extracted and counted.
    pub fn relations(self) -> bool {
        self != Edges::CoMention
    }

    /// The flag value (`co-mention`, `relations`, `both`).
    pub fn name(self) -> &'static str {
        match self {
            Edges::CoMention => "co-mention",
            Edges::Relations => "relations",
            Edges::Both => "both",
        }
    }
}

/// What a graph node stands for: each actor, or each actor's event-data code on the
/// document's date (`build --group-by code`; see `docs/gazetteer.md`, "Grouping by code").
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum GroupBy {
    /// One node per actor (the default).
    #[default]
    Actor,
    /// One node per code: a mention counts for the code its actor carries on the document's
    /// date; undated documents use only undated codes; an actor without a code stays itself.
    Code,
}

impl GroupBy {
    /// The flag value (`actor`, `code`).
    pub fn name(self) -> &'static str {
        match self {
            GroupBy::Actor => "actor",
            GroupBy::Code => "code",
        }
    }
}

/// The type of a node that stands for a code (`--group-by code`).
pub const CODE_TYPE: &str = "code";

/// What decides how documents are counted. Counts merge only when their recipes agree
/// (except `max_evidence`: a merge keeps the smaller cap, which stays exact).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Recipe {
    /// The co-occurrence unit.
    pub unit: Unit,
    /// What a single line break means.
    #[serde(with = "line_breaks_name")]
    pub line_breaks: LineBreaks,
    /// Evidence kept per edge; `None` keeps all.
    pub max_evidence: Option<usize>,
    /// Only documents dated on or after this day.
    pub since: Option<NaiveDate>,
    /// Only documents dated on or before this day.
    pub until: Option<NaiveDate>,
    /// [`gazetteer_fingerprint`] of the gazetteer that tagged the documents.
    pub gazetteer: String,
    /// Mentions in boilerplate were linked (`--keep-boilerplate`).
    #[serde(default)]
    pub keep_boilerplate: bool,
    /// Headlines were left out of the graph (`--headlines skip`).
    #[serde(default)]
    pub skip_headlines: bool,
    /// Duplicate documents were counted once (`--keep-duplicates` turns this off).
    #[serde(default)]
    pub duplicates: bool,
    /// The `--repeated-lines` threshold (0: repeated lines were not looked for).
    #[serde(default)]
    pub repeated_lines: u32,
    /// Which edges were counted (absent in partials written before `--edges`: co-mention).
    #[serde(default)]
    pub edges: Edges,
    /// What a node stands for (absent in partials written before `--group-by`: actors).
    #[serde(default)]
    pub group_by: GroupBy,
    /// The fingerprint of the relation lexicon ([`crate::relation::Lexicon::fingerprint`])
    /// when `edges` counts relations; `None` for co-mention edges only, which no lexicon
    /// changes.
    #[serde(default)]
    pub lexicon: Option<String>,
}

impl Recipe {
    /// A recipe with default options for `gazetteer`.
    pub fn new(gazetteer: &Gazetteer) -> Recipe {
        Recipe {
            unit: Unit::default(),
            line_breaks: LineBreaks::default(),
            max_evidence: None,
            since: None,
            until: None,
            gazetteer: gazetteer_fingerprint(gazetteer),
            keep_boilerplate: false,
            skip_headlines: false,
            duplicates: true,
            repeated_lines: 5,
            edges: Edges::default(),
            group_by: GroupBy::default(),
            lexicon: None,
        }
    }

    /// The settings that must be equal for two counts to merge, as (name, value) for messages.
    /// A new option that changes counting adds one line here.
    fn settings(&self) -> Vec<(&'static str, String)> {
        let date = |d: Option<NaiveDate>| d.map_or_else(|| "none".to_owned(), |d| d.to_string());
        vec![
            ("gazetteer fingerprint", self.gazetteer.clone()),
            ("--unit", format!("{:?}", self.unit).to_lowercase()),
            (
                "--line-breaks",
                line_breaks_name::name(self.line_breaks).to_owned(),
            ),
            ("--since", date(self.since)),
            ("--until", date(self.until)),
            ("--keep-boilerplate", self.keep_boilerplate.to_string()),
            (
                "--headlines",
                if self.skip_headlines { "skip" } else { "link" }.to_owned(),
            ),
            ("--keep-duplicates", (!self.duplicates).to_string()),
            ("--repeated-lines", self.repeated_lines.to_string()),
            ("--edges", self.edges.name().to_owned()),
            ("--group-by", self.group_by.name().to_owned()),
            (
                "--lexicon fingerprint",
                self.lexicon.clone().unwrap_or_else(|| "none".to_owned()),
            ),
        ]
    }

    /// `Ok` when counts made with `self` and `other` can be merged; otherwise an error naming
    /// the first difference.
    pub fn check_compatible(&self, other: &Recipe) -> std::result::Result<(), String> {
        for ((name, a), (_, b)) in self.settings().into_iter().zip(other.settings()) {
            if a != b {
                return Err(format!(
                    "built with different {name} ({a} and {b}); build every part with the same \
                     gazetteer and options"
                ));
            }
        }
        Ok(())
    }
}

/// A stable fingerprint of what a gazetteer tags: every actor's id, label, type, attributes
/// and aliases (with their case rules), and its codes when it has any (they decide
/// `--group-by code`), in load order. FNV-1a over a length-prefixed
/// encoding, as 16 hex digits.
pub fn gazetteer_fingerprint(g: &Gazetteer) -> String {
    let mut h = Fnv::new();
    for a in g.actors() {
        for s in [&a.id, &a.label, &a.kind] {
            h.str(s);
        }
        h.u64(a.attributes.len() as u64);
        for (k, v) in &a.attributes {
            h.str(k);
            h.str(v);
        }
        h.u64(a.aliases.len() as u64);
        for alias in &a.aliases {
            h.str(&alias.text);
            h.u64(matches!(alias.case, crate::gazetteer::CaseRule::Sensitive) as u64);
        }
        // Only when present, so that fingerprints of gazetteers without codes stay as they were.
        if !a.codes.is_empty() {
            h.str("codes");
            h.u64(a.codes.len() as u64);
            for c in &a.codes {
                h.str(&c.code);
                for end in [c.period.from, c.period.until] {
                    h.str(&end.map(|d| d.to_string()).unwrap_or_default());
                }
            }
        }
    }
    format!("{:016x}", h.0)
}

/// FNV-1a, 64 bits: the hash of recipe fingerprints (stable across builds and platforms,
/// unlike `std`'s hasher).
pub(crate) struct Fnv(pub(crate) u64);

impl Fnv {
    pub(crate) fn new() -> Fnv {
        Fnv(0xcbf29ce484222325)
    }
    pub(crate) fn bytes(&mut self, b: &[u8]) {
        for &x in b {
            self.0 = (self.0 ^ u64::from(x)).wrapping_mul(0x100000001b3);
        }
    }
    pub(crate) fn u64(&mut self, x: u64) {
        self.bytes(&x.to_le_bytes());
    }
    pub(crate) fn str(&mut self, s: &str) {
        self.u64(s.len() as u64);
        self.bytes(s.as_bytes());
    }
}

/// An edge's key: who, to whom, and what kind of link. Symmetric kinds (co-mention, and
/// relation types without direction) store `source < target`; directed kinds keep the
/// direction.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct EdgeKey {
    /// Source actor id.
    pub source: String,
    /// Target actor id.
    pub target: String,
    /// [`CO_MENTION`] or a relation type from the lexicon (`meet`, `attack`, ...).
    pub kind: String,
}

/// What the corpus says about one actor.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct NodeCounts {
    /// Display name (carried so that finishing needs no gazetteer).
    pub label: String,
    /// Actor type.
    pub kind: String,
    /// Gazetteer attributes.
    pub attributes: BTreeMap<String, String>,
    /// Mentions.
    pub mentions: u64,
    /// Sentences that mention the actor.
    pub sentences: u64,
    /// Units that mention the actor.
    pub units: u64,
    /// Documents that mention the actor.
    pub documents: u64,
    /// Mentions per day, over dated documents.
    #[serde(with = "day_map")]
    pub days: BTreeMap<NaiveDate, u64>,
}

/// What the corpus says about one edge.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EdgeCounts {
    /// True when the kind has a direction (source → target).
    pub directed: bool,
    /// Units (co-mention) or relation instances supporting the edge.
    pub weight: u64,
    /// Documents with at least one supporting unit.
    pub documents: u64,
    /// Weight per day, over dated documents.
    #[serde(with = "day_map")]
    pub days: BTreeMap<NaiveDate, u64>,
    /// Relation instances that were negated ("did not meet"); 0 for co-mention.
    pub negated: u64,
    /// Relation instances that were planned ("will meet"); the rest are facts.
    pub planned: u64,
    /// Role nouns of affiliation relations ("spokesman") with their counts.
    pub roles: BTreeMap<String, u64>,
    /// The smallest evidence under [`Evidence`]'s order, at most the recipe's cap, sorted.
    pub evidence: Vec<Evidence>,
}

impl EdgeCounts {
    /// An empty edge.
    pub fn new(directed: bool) -> EdgeCounts {
        EdgeCounts {
            directed,
            weight: 0,
            documents: 0,
            days: BTreeMap::new(),
            negated: 0,
            planned: 0,
            roles: BTreeMap::new(),
            evidence: Vec::new(),
        }
    }
}

/// Everything a corpus contributes to a graph. See the module docs.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Counts {
    /// How the documents were counted.
    pub recipe: Recipe,
    /// Corpus-level counts.
    pub corpus: CorpusStats,
    /// Actors by id.
    pub nodes: BTreeMap<String, NodeCounts>,
    /// Edges by key.
    pub edges: BTreeMap<EdgeKey, EdgeCounts>,
    /// 64-bit hashes ([`crate::input::id_hash`]) of the counted documents' ids, sorted;
    /// a repeated id appears once per document.
    pub doc_ids: Vec<u64>,
}

impl Counts {
    /// Empty counts for `recipe`.
    pub fn new(recipe: Recipe) -> Counts {
        Counts {
            recipe,
            corpus: CorpusStats::default(),
            nodes: BTreeMap::new(),
            edges: BTreeMap::new(),
            doc_ids: Vec::new(),
        }
    }

    /// Adds `other` to `self`. Fails, changing nothing, when the recipes differ.
    pub fn merge(&mut self, other: Counts) -> Result<()> {
        self.recipe
            .check_compatible(&other.recipe)
            .map_err(Error::Usage)?;
        self.recipe.max_evidence = min_cap(self.recipe.max_evidence, other.recipe.max_evidence);
        let cap = self.recipe.max_evidence;
        add_stats(&mut self.corpus, &other.corpus);
        for (id, n) in other.nodes {
            match self.nodes.get_mut(&id) {
                None => {
                    self.nodes.insert(id, n);
                }
                Some(m) => {
                    m.mentions += n.mentions;
                    m.sentences += n.sentences;
                    m.units += n.units;
                    m.documents += n.documents;
                    add_days(&mut m.days, n.days);
                }
            }
        }
        for (key, e) in other.edges {
            match self.edges.get_mut(&key) {
                None => {
                    self.edges.insert(key, e);
                }
                Some(f) => {
                    f.weight += e.weight;
                    f.documents += e.documents;
                    f.negated += e.negated;
                    f.planned += e.planned;
                    add_days(&mut f.days, e.days);
                    for (r, c) in e.roles {
                        *f.roles.entry(r).or_insert(0) += c;
                    }
                    f.evidence = merge_evidence(std::mem::take(&mut f.evidence), e.evidence);
                }
            }
        }
        if let Some(cap) = cap {
            for e in self.edges.values_mut() {
                e.evidence.truncate(cap);
            }
        }
        self.doc_ids = merge_sorted(std::mem::take(&mut self.doc_ids), other.doc_ids);
        Ok(())
    }

    /// How many document ids occur more than once (each repeat counted).
    pub fn duplicate_ids(&self) -> u64 {
        self.doc_ids.windows(2).filter(|w| w[0] == w[1]).count() as u64
    }
}

/// The smaller of two evidence caps (`None` is no cap).
pub fn min_cap(a: Option<usize>, b: Option<usize>) -> Option<usize> {
    match (a, b) {
        (Some(a), Some(b)) => Some(a.min(b)),
        (a, None) => a,
        (None, b) => b,
    }
}

fn add_stats(a: &mut CorpusStats, b: &CorpusStats) {
    a.documents += b.documents;
    a.dated_documents += b.dated_documents;
    a.excluded_documents += b.excluded_documents;
    a.sentences += b.sentences;
    a.units += b.units;
    a.mentions += b.mentions;
    a.capped_units += b.capped_units;
    a.duplicates += b.duplicates;
    a.boilerplate_sentences += b.boilerplate_sentences;
    for (role, n) in &b.unresolved_roles {
        *a.unresolved_roles.entry(role.clone()).or_insert(0) += n;
    }
}

fn add_days(a: &mut BTreeMap<NaiveDate, u64>, b: BTreeMap<NaiveDate, u64>) {
    for (d, n) in b {
        *a.entry(d).or_insert(0) += n;
    }
}

/// Two sorted lists as one sorted list (both kept, in order).
fn merge_sorted<T: Ord>(a: Vec<T>, b: Vec<T>) -> Vec<T> {
    if a.is_empty() {
        return b;
    }
    if b.is_empty() {
        return a;
    }
    let mut out = Vec::with_capacity(a.len() + b.len());
    let (mut a, mut b) = (a.into_iter().peekable(), b.into_iter().peekable());
    while let (Some(x), Some(y)) = (a.peek(), b.peek()) {
        if x <= y {
            out.extend(a.next());
        } else {
            out.extend(b.next());
        }
    }
    out.extend(a);
    out.extend(b);
    out
}

fn merge_evidence(a: Vec<Evidence>, b: Vec<Evidence>) -> Vec<Evidence> {
    merge_sorted(a, b)
}

/// Serde for [`LineBreaks`] by name (the sentence module has no serde of its own).
mod line_breaks_name {
    use super::LineBreaks;
    use serde::{Deserialize, Deserializer, Serializer};

    pub fn name(lb: LineBreaks) -> &'static str {
        match lb {
            LineBreaks::Auto => "auto",
            LineBreaks::Paragraph => "paragraph",
            LineBreaks::Space => "space",
        }
    }

    pub fn serialize<S: Serializer>(lb: &LineBreaks, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(name(*lb))
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<LineBreaks, D::Error> {
        let s = String::deserialize(d)?;
        [LineBreaks::Auto, LineBreaks::Paragraph, LineBreaks::Space]
            .into_iter()
            .find(|&lb| name(lb) == s)
            .ok_or_else(|| serde::de::Error::custom(format!("unknown line-break mode {s:?}")))
    }
}

/// Serde for per-day maps: a sequence of (days since 0001-01-01, count), smaller than dates
/// written as text.
mod day_map {
    use std::collections::BTreeMap;

    use chrono::{Datelike, NaiveDate};
    use serde::{Deserialize, Deserializer, Serialize, Serializer};

    pub fn serialize<S: Serializer>(m: &BTreeMap<NaiveDate, u64>, s: S) -> Result<S::Ok, S::Error> {
        let v: Vec<(i32, u64)> = m.iter().map(|(d, n)| (d.num_days_from_ce(), *n)).collect();
        v.serialize(s)
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(
        d: D,
    ) -> Result<BTreeMap<NaiveDate, u64>, D::Error> {
        let v: Vec<(i32, u64)> = Vec::deserialize(d)?;
        v.into_iter()
            .map(|(day, n)| {
                NaiveDate::from_num_days_from_ce_opt(day)
                    .map(|d| (d, n))
                    .ok_or_else(|| serde::de::Error::custom(format!("day {day} out of range")))
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::graph::Filters;
    use crate::input::{Document, SEEDS};
    use crate::run::{count_documents, Settings};
    use crate::tagger::Tagger;

    fn json(c: &Counts) -> String {
        let mut out = Vec::new();
        crate::export::json::write(&c.finish(&Filters::default()), &mut out).unwrap();
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn seeds_split_and_merged_in_any_order_equal_one_run() {
        let g = Gazetteer::embedded();
        let t = Tagger::new(&g).unwrap();
        // Reverse order, so that arrival order differs from document-id order.
        let docs: Vec<Document> = SEEDS
            .iter()
            .rev()
            .map(|(id, s)| Document::new(*id, *s))
            .collect();
        for cap in [None, Some(1), Some(3)] {
            let settings = Settings {
                max_evidence: cap,
                ..Settings::default()
            };
            let one = count_documents(docs.clone(), &g, &t, &settings).unwrap().0;
            assert_eq!(one.duplicate_ids(), 0);
            let parts: Vec<Counts> = docs
                .iter()
                .map(|d| count_documents([d.clone()], &g, &t, &settings).unwrap().0)
                .collect();
            // (name, merge order)
            let orders: [(&str, &[usize]); 3] = [
                ("in order", &[0, 1, 2, 3, 4]),
                ("reversed", &[4, 3, 2, 1, 0]),
                ("shuffled", &[2, 0, 4, 1, 3]),
            ];
            for (name, order) in orders {
                let mut merged = Counts::new(one.recipe.clone());
                for &i in order {
                    merged.merge(parts[i].clone()).unwrap();
                }
                assert_eq!(json(&merged), json(&one), "{name}, cap {cap:?}");
            }
        }
    }

    /// Every counter survives a merge: typed relations (negated, planned, role nouns),
    /// documents outside `--since`, copies set aside by a shared scan, boilerplate sentences,
    /// repeated ids. The seeds (dated by their sidecar), a copy of one under another id, the
    /// same furniture line in three, one id on two texts; counted whole, and in parts (one document
    /// each) merged in three orders, with the scan of the whole corpus: equal `Counts`.
    #[test]
    fn every_counter_merges_like_one_run() {
        use crate::run::count_documents_with;
        use crate::scan::Survey;
        let g = Gazetteer::embedded();
        let t = Tagger::new(&g).unwrap();
        let meta = crate::sidecar::seeds();
        let mut docs: Vec<Document> = SEEDS
            .iter()
            .map(|(id, text)| {
                let mut d = Document::new(
                    *id,
                    format!("{text}\nBaghdad Desk bulletin, no rights kept\n"),
                );
                meta.apply(&format!("{id}.txt"), &mut d);
                d
            })
            .collect();
        for d in &mut docs[3..] {
            d.text = d.text.replace("Baghdad Desk bulletin, no rights kept", "");
        }
        let dates: Vec<NaiveDate> = docs.iter().filter_map(|d| d.date).collect();
        let mut copy = docs[0].clone();
        copy.id = "zz_copy".into();
        docs.push(copy);
        // The id of another document, with a text of its own.
        let mut other = Document::new(SEEDS[1].0, "Rasool met Vowell in Baghdad.");
        other.date = dates.iter().max().copied();
        docs.push(other);
        // The same denied meeting and planned visit in two reports: negated and planned
        // counts that the merge must add.
        for (id, text) in [
            ("x1", "On Monday, Vowell did not meet Sudani. Rasool will visit Iran next week."),
            ("x2", "Vowell did not meet Sudani in Baghdad, officials said. Rasool will visit Iran in March."),
        ] {
            let mut d = Document::new(id, text);
            d.date = dates.iter().max().copied();
            docs.push(d);
        }
        let settings = Settings {
            edges: Edges::Both,
            repeated_lines: 2,
            since: dates.iter().min().map(|d| d.succ_opt().unwrap()),
            ..Settings::default()
        };
        let mut survey = Survey::new(&settings.scan_options());
        survey.add_batch(&docs).unwrap();
        let scan = survey.decide().unwrap();
        let one = count_documents_with(docs.clone(), &scan, &g, &t, &settings)
            .unwrap()
            .0;
        // The case exercises what it claims.
        let c = &one.corpus;
        assert!(
            c.excluded_documents > 0 && c.duplicates > 0 && c.boilerplate_sentences > 0,
            "{c:?}"
        );
        assert_eq!(one.duplicate_ids(), 1);
        let edges = || one.edges.values();
        assert!(edges().any(|e| e.negated > 1) && edges().any(|e| e.planned > 1));
        assert!(edges().any(|e| !e.roles.is_empty()));
        let parts: Vec<Counts> = docs
            .iter()
            .map(|d| {
                count_documents_with([d.clone()], &scan, &g, &t, &settings)
                    .unwrap()
                    .0
            })
            .collect();
        let n = parts.len();
        let shuffled: Vec<usize> = (0..n).map(|i| (i * 5 + 3) % n).collect();
        for order in [(0..n).collect::<Vec<_>>(), (0..n).rev().collect(), shuffled] {
            let mut merged = Counts::new(one.recipe.clone());
            for &i in &order {
                merged.merge(parts[i].clone()).unwrap();
            }
            assert_eq!(merged.duplicate_ids(), one.duplicate_ids(), "{order:?}");
            assert_eq!(merged, one, "{order:?}");
        }
    }

    /// A unit naming more actors than `MAX_ACTORS_PER_UNIT` is capped and counted as capped;
    /// the count survives a merge.
    #[test]
    fn capped_units_are_counted_and_merged() {
        let n = crate::graph::MAX_ACTORS_PER_UNIT + 1;
        let actors: Vec<String> = (0..n)
            .map(|i| format!(r#"{{"id": "a{i}", "label": "Qx{i}", "type": "person"}}"#))
            .collect();
        let json = format!(r#"{{"actors": [{}]}}"#, actors.join(", "));
        let source = crate::gazetteer::Source {
            name: "many.json",
            bytes: json.as_bytes(),
        };
        let g = Gazetteer::from_sources(&[source]).unwrap().0;
        let t = Tagger::new(&g).unwrap();
        let names: Vec<String> = (0..n).map(|i| format!("Qx{i}")).collect();
        let text = format!("{} met.", names.join(", "));
        let docs = vec![Document::new("d1", text.clone()), Document::new("d2", text)];
        // No evidence: a capped unit still makes half a million pairs.
        let settings = Settings {
            max_evidence: Some(0),
            ..Settings::default()
        };
        let one = count_documents(docs.clone(), &g, &t, &settings).unwrap().0;
        assert_eq!(one.corpus.capped_units, 2);
        let mut merged = Counts::new(one.recipe.clone());
        for d in docs {
            merged
                .merge(count_documents([d], &g, &t, &settings).unwrap().0)
                .unwrap();
        }
        assert_eq!(merged.corpus, one.corpus);
    }

    /// The fingerprint partial counts carry: stable across versions for a gazetteer without
    /// codes (so old partials still merge), and changed by codes. Values pinned when this
    /// test was written; a change here must be deliberate (docs/merge.md).
    #[test]
    fn gazetteer_fingerprints_are_stable_and_see_codes() {
        let load = |json: &str| {
            let source = crate::gazetteer::Source {
                name: "t.json",
                bytes: json.as_bytes(),
            };
            Gazetteer::from_sources(&[source]).unwrap().0
        };
        let plain =
            r#"{"actors": [{"id": "a", "label": "Alpha", "type": "person", "aliases": ["Al"]}]}"#;
        let coded = r#"{"actors": [{"id": "a", "label": "Alpha", "type": "person", "aliases": ["Al"], "codes": [{"code": "XYZ"}]}]}"#;
        let (p, c) = (
            gazetteer_fingerprint(&load(plain)),
            gazetteer_fingerprint(&load(coded)),
        );
        assert_eq!(p, "f11ad8a5e224e69f");
        assert_eq!(c, "7391a7557685fde1");
    }

    #[test]
    fn incompatible_recipes_name_the_difference() {
        let g = Gazetteer::embedded();
        let base = Recipe::new(&g);
        let cases = [
            (
                Recipe {
                    unit: Unit::Paragraph,
                    ..base.clone()
                },
                "different --unit (sentence and paragraph)",
            ),
            (
                Recipe {
                    gazetteer: "0".into(),
                    ..base.clone()
                },
                "different gazetteer fingerprint",
            ),
            (
                Recipe {
                    line_breaks: LineBreaks::Space,
                    ..base.clone()
                },
                "different --line-breaks (auto and space)",
            ),
            (
                Recipe {
                    edges: Edges::Relations,
                    lexicon: Some("1".into()),
                    ..base.clone()
                },
                "different --edges (co-mention and relations)",
            ),
            (
                Recipe {
                    group_by: GroupBy::Code,
                    ..base.clone()
                },
                "different --group-by (actor and code)",
            ),
            (
                Recipe {
                    edges: Edges::Both,
                    lexicon: Some("1".into()),
                    ..base.clone()
                },
                "different --edges (co-mention and both)",
            ),
        ];
        for (other, expected) in cases {
            let mut a = Counts::new(base.clone());
            let err = a.merge(Counts::new(other)).unwrap_err().to_string();
            assert!(err.contains(expected), "{err}");
        }
        // Same edges, different lexicons.
        let typed = |fp: &str| Recipe {
            edges: Edges::Both,
            lexicon: Some(fp.into()),
            ..base.clone()
        };
        let err = Counts::new(typed("aa"))
            .merge(Counts::new(typed("bb")))
            .unwrap_err()
            .to_string();
        assert!(
            err.contains("different --lexicon fingerprint (aa and bb)"),
            "{err}"
        );
        // A different evidence cap is not a conflict: the smaller one wins.
        let mut a = Counts::new(base.clone());
        a.merge(Counts::new(Recipe {
            max_evidence: Some(2),
            ..base
        }))
        .unwrap();
        assert_eq!(a.recipe.max_evidence, Some(2));
    }
}
