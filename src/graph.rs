//! The actor network: co-occurrence counting, association scores, evidence and filters.
//!
//! [`GraphBuilder`] is fed documents in corpus order and keeps only counters and capped
//! evidence, never the corpus. [`GraphBuilder::finish`] computes the scores, applies the
//! filters and returns an [`ActorGraph`]: a petgraph graph whose nodes are sorted by id and
//! whose edges are sorted by (source id, target id), so every exporter writes the same bytes
//! for the same input. Weights and scores are defined in `docs/weights.md`.

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};

use rustc_hash::{FxHashMap, FxHashSet};
use std::sync::Arc;

use chrono::NaiveDate;
use petgraph::graph::{NodeIndex, UnGraph};
use serde::{Deserialize, Serialize};

use crate::analysis::Analysis;
use crate::gazetteer::{ActorIdx, Gazetteer};
use crate::input::Document;

/// The co-occurrence unit.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "lowercase")]
pub enum Unit {
    /// Actors in the same sentence are linked (default).
    #[default]
    Sentence,
    /// Actors in the same paragraph are linked.
    Paragraph,
    /// Actors in the same document are linked.
    Document,
}

/// Above this many distinct actors in one unit, only the first ones (by first mention) are
/// linked: 1,000 actors already make 499,500 pairs.
pub const MAX_ACTORS_PER_UNIT: usize = 1000;

/// Options for building a graph.
#[derive(Debug, Clone, Default)]
pub struct BuildOptions {
    /// The co-occurrence unit.
    pub unit: Unit,
    /// Evidence kept per edge; `None` keeps all.
    pub max_evidence: Option<usize>,
    /// Only documents dated on or after this day.
    pub since: Option<NaiveDate>,
    /// Only documents dated on or before this day.
    pub until: Option<NaiveDate>,
}

/// Filters applied to the finished graph.
#[derive(Debug, Clone, Default)]
pub struct Filters {
    /// Drop edges lighter than this.
    pub min_weight: u64,
    /// Keep only the K heaviest edges (ties broken by ids).
    pub top_edges: Option<usize>,
    /// Keep only actors of these types.
    pub types: Option<Vec<String>>,
    /// Keep only these actors and their neighbours (ego networks).
    pub actors: Option<Vec<String>>,
}

/// Corpus-level counts, saved with the graph.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct CorpusStats {
    /// Documents counted (after date filters).
    pub documents: u64,
    /// Documents that carry a date.
    pub dated_documents: u64,
    /// Documents left out by `--since`/`--until` (undated ones included).
    pub excluded_documents: u64,
    /// Sentences in the counted documents.
    pub sentences: u64,
    /// Co-occurrence units in the counted documents (the denominator of the scores).
    pub units: u64,
    /// Mentions in the counted documents.
    pub mentions: u64,
    /// Units whose actors were capped at [`MAX_ACTORS_PER_UNIT`].
    #[serde(default)]
    pub capped_units: u64,
}

/// One actor in the graph.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Node {
    /// Gazetteer id.
    pub id: String,
    /// Display name.
    pub label: String,
    /// Actor type.
    #[serde(rename = "type")]
    pub kind: String,
    /// Gazetteer attributes.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub attributes: BTreeMap<String, String>,
    /// Number of mentions.
    pub mentions: u64,
    /// Sentences that mention the actor.
    pub sentences: u64,
    /// Units that mention the actor.
    pub units: u64,
    /// Documents that mention the actor.
    pub documents: u64,
    /// Earliest dated document mentioning the actor.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub first_date: Option<NaiveDate>,
    /// Latest dated document mentioning the actor.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_date: Option<NaiveDate>,
    /// Every date on which the actor is mentioned (for timelines).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub dates: Vec<NaiveDate>,
    /// Community number, when communities were computed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub community: Option<u32>,
}

impl Node {
    /// A node with these names, one mention and no dates; for building graphs by hand.
    pub fn new(id: impl Into<String>, label: impl Into<String>, kind: impl Into<String>) -> Node {
        Node {
            id: id.into(),
            label: label.into(),
            kind: kind.into(),
            attributes: BTreeMap::new(),
            mentions: 1,
            sentences: 1,
            units: 1,
            documents: 1,
            first_date: None,
            last_date: None,
            dates: Vec::new(),
            community: None,
        }
    }
}

impl Edge {
    /// An edge of `weight` in one document, without scores or evidence; for building graphs
    /// by hand.
    pub fn new(weight: u64) -> Edge {
        Edge {
            weight,
            documents: 1,
            first_date: None,
            last_date: None,
            dates: Vec::new(),
            npmi: 0.0,
            jaccard: 0.0,
            evidence: Vec::new(),
        }
    }
}

/// One supporting unit of an edge.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Evidence {
    /// Document id.
    pub doc: String,
    /// Document date.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<NaiveDate>,
    /// 0-based index of the (first) sentence quoted.
    pub sentence: u32,
    /// Byte offset of the quoted text in the document.
    pub start: usize,
    /// Byte offset one past the quoted text.
    pub end: usize,
    /// The sentence(s) from the first mention of one actor to the first of the other, at most
    /// [`MAX_EVIDENCE_BYTES`]. Shared by every pair of the same unit and span.
    pub text: Arc<str>,
}

/// Longest evidence text kept; a longer one is cut at a character boundary (and `end` with it).
pub const MAX_EVIDENCE_BYTES: usize = 2000;

/// One link between two actors.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Edge {
    /// Units in which both actors occur.
    pub weight: u64,
    /// Documents in which both occur in one unit.
    pub documents: u64,
    /// Earliest dated supporting document.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub first_date: Option<NaiveDate>,
    /// Latest dated supporting document.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_date: Option<NaiveDate>,
    /// Every date with a supporting unit.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub dates: Vec<NaiveDate>,
    /// Normalised pointwise mutual information over units, in [-1, 1].
    pub npmi: f64,
    /// Jaccard index over units, in [0, 1].
    pub jaccard: f64,
    /// Supporting units, in corpus order (capped by `max_evidence`).
    pub evidence: Vec<Evidence>,
}

/// A finished actor network.
#[derive(Debug, Clone)]
pub struct ActorGraph {
    /// The co-occurrence unit.
    pub unit: Unit,
    /// Corpus-level counts.
    pub corpus: CorpusStats,
    /// Evidence cap used when building (`None`: all).
    pub max_evidence: Option<usize>,
    /// Nodes sorted by id; edges sorted by (source id, target id), source id < target id.
    pub graph: UnGraph<Node, Edge>,
}

impl ActorGraph {
    /// Nodes in id order.
    pub fn nodes(&self) -> impl Iterator<Item = &Node> {
        self.graph.node_weights()
    }

    /// Edges in (source id, target id) order, as (source, target, edge).
    pub fn edges(&self) -> impl Iterator<Item = (&Node, &Node, &Edge)> {
        self.graph.edge_indices().map(move |e| {
            let (a, b) = self.graph.edge_endpoints(e).expect("edge exists");
            (&self.graph[a], &self.graph[b], &self.graph[e])
        })
    }

    /// True when any document carried a date.
    pub fn is_dated(&self) -> bool {
        self.corpus.dated_documents > 0
    }

    /// Builds a graph from already sorted nodes and edges (used when loading a saved graph).
    pub fn from_parts(
        unit: Unit,
        corpus: CorpusStats,
        max_evidence: Option<usize>,
        nodes: Vec<Node>,
        edges: Vec<(usize, usize, Edge)>,
    ) -> ActorGraph {
        let mut graph = UnGraph::with_capacity(nodes.len(), edges.len());
        for n in nodes {
            graph.add_node(n);
        }
        for (a, b, e) in edges {
            graph.add_edge(NodeIndex::new(a), NodeIndex::new(b), e);
        }
        ActorGraph {
            unit,
            corpus,
            max_evidence,
            graph,
        }
    }
}

#[derive(Default)]
struct NodeAcc {
    mentions: u64,
    sentences: u64,
    units: u64,
    documents: u64,
    last_doc: u64,
    dates: BTreeSet<NaiveDate>,
}

#[derive(Default)]
struct EdgeAcc {
    weight: u64,
    documents: u64,
    last_doc: u64,
    dates: BTreeSet<NaiveDate>,
    evidence: Vec<Evidence>,
}

/// Accumulates co-occurrences document by document.
pub struct GraphBuilder<'g> {
    gazetteer: &'g Gazetteer,
    options: BuildOptions,
    corpus: CorpusStats,
    doc_seq: u64,
    // Fast non-cryptographic hashing: keys are small integers from our own gazetteer, and no
    // output depends on hash order (everything is sorted in `finish`).
    nodes: FxHashMap<ActorIdx, NodeAcc>,
    edges: FxHashMap<(ActorIdx, ActorIdx), EdgeAcc>,
    // Scratch buffers reused across units.
    unit_actors: Vec<(ActorIdx, usize)>,
    seen: FxHashSet<ActorIdx>,
    /// Evidence already made in the current unit, by quoted sentence range.
    unit_evidence: FxHashMap<(u32, u32), Evidence>,
}

impl<'g> GraphBuilder<'g> {
    /// A builder for actors of `gazetteer`.
    pub fn new(gazetteer: &'g Gazetteer, options: BuildOptions) -> GraphBuilder<'g> {
        GraphBuilder {
            gazetteer,
            options,
            corpus: CorpusStats::default(),
            doc_seq: 0,
            nodes: FxHashMap::default(),
            edges: FxHashMap::default(),
            unit_actors: Vec::new(),
            seen: FxHashSet::default(),
            unit_evidence: FxHashMap::default(),
        }
    }

    /// Counts one analysed document. Documents must arrive in corpus order.
    pub fn add(&mut self, doc: &Document, analysis: &Analysis) {
        let in_range = match (self.options.since, self.options.until) {
            (None, None) => true,
            (since, until) => doc
                .date
                .is_some_and(|d| since.is_none_or(|s| d >= s) && until.is_none_or(|u| d <= u)),
        };
        if !in_range {
            self.corpus.excluded_documents += 1;
            return;
        }
        self.doc_seq += 1;
        let seq = self.doc_seq;
        let c = &mut self.corpus;
        c.documents += 1;
        c.dated_documents += u64::from(doc.date.is_some());
        c.sentences += analysis.sentences.len() as u64;
        c.mentions += analysis.mentions.len() as u64;
        c.units += match self.options.unit {
            Unit::Sentence => analysis.sentences.len() as u64,
            Unit::Paragraph => analysis
                .sentences
                .last()
                .map_or(0, |s| s.paragraph as u64 + 1),
            Unit::Document => u64::from(!analysis.sentences.is_empty()),
        };

        // Mentions and sentences per actor.
        let ms = &analysis.mentions;
        for group in ms.chunk_by(|a, b| a.sentence == b.sentence) {
            self.seen.clear();
            for p in group {
                let n = self.nodes.entry(p.mention.actor).or_default();
                n.mentions += 1;
                if self.seen.insert(p.mention.actor) {
                    n.sentences += 1;
                }
                if n.last_doc != seq {
                    n.last_doc = seq;
                    n.documents += 1;
                    n.dates.extend(doc.date);
                }
            }
        }

        // Units: actors once per unit, then every pair.
        let unit = self.options.unit;
        let key = |p: &crate::analysis::Placed| match unit {
            Unit::Sentence => p.sentence,
            Unit::Paragraph => p.paragraph,
            Unit::Document => 0,
        };
        let mut start = 0;
        while start < ms.len() {
            let k = key(&ms[start]);
            let end = start + ms[start..].iter().take_while(|p| key(p) == k).count();
            self.add_unit(doc, analysis, start, end, seq);
            start = end;
        }
    }

    fn add_unit(&mut self, doc: &Document, analysis: &Analysis, from: usize, to: usize, seq: u64) {
        let ms = &analysis.mentions[from..to];
        // First mention of each actor, in order of first appearance.
        self.unit_actors.clear();
        self.seen.clear();
        for (i, p) in ms.iter().enumerate() {
            if self.seen.insert(p.mention.actor) {
                self.unit_actors.push((p.mention.actor, from + i));
            }
        }
        if self.unit_actors.len() > MAX_ACTORS_PER_UNIT {
            self.corpus.capped_units += 1;
            self.unit_actors.truncate(MAX_ACTORS_PER_UNIT);
        }
        for &(a, _) in &self.unit_actors {
            self.nodes.get_mut(&a).expect("counted above").units += 1;
        }
        self.unit_actors.sort_unstable();
        self.unit_evidence.clear();
        let cap = self.options.max_evidence.unwrap_or(usize::MAX);
        for i in 0..self.unit_actors.len() {
            for j in i + 1..self.unit_actors.len() {
                let (a, ma) = self.unit_actors[i];
                let (b, mb) = self.unit_actors[j];
                let e = self.edges.entry((a, b)).or_default();
                e.weight += 1;
                // Dates are per document: record them once per document, not once per unit.
                if e.last_doc != seq {
                    e.last_doc = seq;
                    e.documents += 1;
                    e.dates.extend(doc.date);
                }
                if e.evidence.len() < cap {
                    let span = quoted_sentences(analysis, ma.min(mb), ma.max(mb));
                    let ev = self
                        .unit_evidence
                        .entry(span)
                        .or_insert_with(|| evidence(doc, analysis, span));
                    e.evidence.push(ev.clone());
                }
            }
        }
    }

    /// Computes scores, applies `filters` and returns the sorted graph.
    pub fn finish(self, filters: &Filters) -> ActorGraph {
        let g = self.gazetteer;
        let n_units = self.corpus.units.max(1) as f64;
        // Node order: by id.
        let mut node_ids: Vec<ActorIdx> = self.nodes.keys().copied().collect();
        node_ids.sort_unstable_by(|&a, &b| g.actor(a).id.cmp(&g.actor(b).id));

        let type_ok = |a: ActorIdx| {
            filters
                .types
                .as_ref()
                .is_none_or(|ts| ts.iter().any(|t| *t == g.actor(a).kind))
        };
        let mut edges: Vec<((ActorIdx, ActorIdx), EdgeAcc)> = self
            .edges
            .into_iter()
            .filter(|((a, b), e)| e.weight >= filters.min_weight && type_ok(*a) && type_ok(*b))
            .collect();
        if let Some(wanted) = &filters.actors {
            edges.retain(|((a, b), _)| {
                wanted
                    .iter()
                    .any(|w| *w == g.actor(*a).id || *w == g.actor(*b).id)
            });
        }
        // Canonical orientation and order: source id < target id.
        let oriented = |(a, b): (ActorIdx, ActorIdx)| {
            if g.actor(a).id <= g.actor(b).id {
                (a, b)
            } else {
                (b, a)
            }
        };
        let by_ids = |x: &(ActorIdx, ActorIdx), y: &(ActorIdx, ActorIdx)| {
            (&g.actor(x.0).id, &g.actor(x.1).id).cmp(&(&g.actor(y.0).id, &g.actor(y.1).id))
        };
        let mut edges: Vec<((ActorIdx, ActorIdx), EdgeAcc)> =
            edges.into_iter().map(|(k, e)| (oriented(k), e)).collect();
        if let Some(k) = filters.top_edges {
            edges.sort_by(|x, y| y.1.weight.cmp(&x.1.weight).then_with(|| by_ids(&x.0, &y.0)));
            edges.truncate(k);
        }
        edges.sort_by(|x, y| by_ids(&x.0, &y.0));

        // Nodes kept: all mentioned actors passing the type filter; with --actors, the named
        // actors and their remaining neighbours.
        let keep: HashSet<ActorIdx> = match &filters.actors {
            None => node_ids.iter().copied().filter(|&a| type_ok(a)).collect(),
            Some(wanted) => {
                let mut k: HashSet<ActorIdx> = node_ids
                    .iter()
                    .copied()
                    .filter(|&a| type_ok(a) && wanted.contains(&g.actor(a).id))
                    .collect();
                for ((a, b), _) in &edges {
                    k.insert(*a);
                    k.insert(*b);
                }
                k
            }
        };
        let mut graph = UnGraph::with_capacity(keep.len(), edges.len());
        let mut index: HashMap<ActorIdx, NodeIndex> = HashMap::new();
        for a in node_ids.into_iter().filter(|a| keep.contains(a)) {
            let acc = &self.nodes[&a];
            let actor = g.actor(a);
            let ix = graph.add_node(Node {
                id: actor.id.clone(),
                label: actor.label.clone(),
                kind: actor.kind.clone(),
                attributes: actor.attributes.clone(),
                mentions: acc.mentions,
                sentences: acc.sentences,
                units: acc.units,
                documents: acc.documents,
                first_date: acc.dates.first().copied(),
                last_date: acc.dates.last().copied(),
                dates: acc.dates.iter().copied().collect(),
                community: None,
            });
            index.insert(a, ix);
        }
        for ((a, b), e) in edges {
            let (ua, ub) = (self.nodes[&a].units as f64, self.nodes[&b].units as f64);
            let w = e.weight as f64;
            graph.add_edge(
                index[&a],
                index[&b],
                Edge {
                    weight: e.weight,
                    documents: e.documents,
                    first_date: e.dates.first().copied(),
                    last_date: e.dates.last().copied(),
                    dates: e.dates.into_iter().collect(),
                    npmi: npmi(w, ua, ub, n_units),
                    jaccard: w / (ua + ub - w),
                    evidence: e.evidence,
                },
            );
        }
        ActorGraph {
            unit: self.options.unit,
            corpus: self.corpus,
            max_evidence: self.options.max_evidence,
            graph,
        }
    }
}

/// Normalised PMI of two actors co-occurring in `w` of `n` units, occurring in `a` and `b`.
pub fn npmi(w: f64, a: f64, b: f64, n: f64) -> f64 {
    let p_ab = w / n;
    if p_ab >= 1.0 {
        return 1.0;
    }
    let pmi = (p_ab / ((a / n) * (b / n))).ln();
    (pmi / -p_ab.ln()).clamp(-1.0, 1.0)
}

/// The sentences quoted for mentions `first` and `second` (indices into the mentions): from
/// the sentence of the one to the sentence of the other; when they are more than three
/// sentences apart, only the sentence of `second`, so that evidence for paragraph and document
/// units stays short.
fn quoted_sentences(analysis: &Analysis, first: usize, second: usize) -> (u32, u32) {
    let s2 = analysis.mentions[second].sentence;
    let s1 = analysis.mentions[first].sentence;
    if s2 > s1 + 2 {
        (s2, s2)
    } else {
        (s1, s2)
    }
}

fn evidence(doc: &Document, analysis: &Analysis, (s1, s2): (u32, u32)) -> Evidence {
    let (start, end) = (
        analysis.sentences[s1 as usize].start,
        analysis.sentences[s2 as usize].end,
    );
    let raw = &doc.text[start..end];
    let lead = raw.len() - raw.trim_start().len();
    let mut text = raw.trim();
    if text.len() > MAX_EVIDENCE_BYTES {
        text = &text[..crate::normalize::floor_char_boundary(text, MAX_EVIDENCE_BYTES)];
    }
    Evidence {
        doc: doc.id.clone(),
        date: doc.date,
        sentence: s1,
        start: start + lead,
        end: start + lead + text.len(),
        text: text.into(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn npmi_table() {
        // (weight, units a, units b, total units, expected)
        let cases = [
            (1.0, 1.0, 1.0, 1.0, 1.0),  // always together, everywhere
            (2.0, 2.0, 2.0, 10.0, 1.0), // always together
            (1.0, 5.0, 2.0, 10.0, 0.0), // independent: p(ab) = p(a) p(b)
            (1.0, 2.0, 2.0, 4.0, 0.0),  // independent
        ];
        for (w, a, b, n, expected) in cases {
            let got = npmi(w, a, b, n);
            assert!(
                (got - expected).abs() < 1e-12,
                "npmi({w},{a},{b},{n}) = {got}"
            );
        }
        // Rarer together than chance: negative.
        assert!(npmi(1.0, 5.0, 5.0, 10.0) < 0.0);
    }
}
