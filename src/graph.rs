//! The actor network: nodes, edges, evidence, association scores and filters.
//!
//! [`Counts::finish`] (defined here) computes the scores from merged [`Counts`], applies the
//! [`Filters`] and returns an [`ActorGraph`]: a petgraph graph whose nodes are sorted by id
//! and whose edges are sorted by (source id, target id, kind), so every exporter writes the
//! same bytes for the same input. Weights and scores are defined in `docs/weights.md`.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::sync::Arc;

use chrono::NaiveDate;
use petgraph::graph::{NodeIndex, UnGraph};
use serde::{Deserialize, Serialize};

use crate::counts::{min_cap, Counts, EdgeCounts, EdgeKey};
use crate::period::{Bucket, Period};

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

/// Filters applied to the finished graph.
#[derive(Debug, Clone, Default)]
pub struct Filters {
    /// Drop edges lighter than this.
    pub min_weight: u64,
    /// Keep only the K heaviest edges (ties broken by ids).
    pub top_edges: Option<usize>,
    /// Keep only actors of these types.
    pub types: Option<Vec<String>>,
    /// Keep only these actor ids, their neighbours and the links among them (ego networks,
    /// as NetworkX's `ego_graph` with radius 1).
    pub actors: Option<Vec<String>>,
    /// Evidence written per edge (the smallest under [`Evidence`]'s order); `None`: all the
    /// counts kept.
    pub max_evidence: Option<usize>,
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
    /// Documents set aside as copies of another (not counted; see `docs/duplicates.md`).
    #[serde(default)]
    pub duplicates: u64,
    /// Sentences in the boilerplate zone of the counted documents (their mentions are not
    /// linked unless `--keep-boilerplate`; see `docs/zones.md`).
    #[serde(default)]
    pub boilerplate_sentences: u64,
    /// Role mentions left unresolved (no date, or nobody held the role that day), by role id;
    /// counted, never linked (see `docs/roles.md`). Omitted from JSON when there are none.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub unresolved_roles: BTreeMap<String, u64>,
}

impl CorpusStats {
    /// Unresolved role mentions, all roles together.
    pub fn unresolved(&self) -> u64 {
        self.unresolved_roles.values().sum()
    }
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
    /// Mentions per period (`build --period`), in time order, undated last; empty otherwise.
    #[serde(
        default,
        skip_serializing_if = "Vec::is_empty",
        with = "crate::period::node_buckets"
    )]
    pub periods: Vec<Bucket>,
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
            periods: Vec::new(),
        }
    }
}

impl Edge {
    /// An edge of `weight` in one document, without scores or evidence; for building graphs
    /// by hand.
    pub fn new(weight: u64) -> Edge {
        Edge {
            kind: co_mention(),
            directed: false,
            negated: 0,
            planned: 0,
            role: None,
            weight,
            documents: 1,
            first_date: None,
            last_date: None,
            dates: Vec::new(),
            npmi: 0.0,
            jaccard: 0.0,
            periods: Vec::new(),
            evidence: Vec::new(),
        }
    }
}

/// One supporting unit of an edge.
///
/// Evidence is ordered by (document id, sentence, start), then by every other field, so that
/// "the smallest N" is one answer whatever order documents arrive in (see `counts.rs`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Evidence {
    /// Document id.
    pub doc: String,
    /// Document date.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<NaiveDate>,
    /// Document URL, when the input gave one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    /// Publisher or feed, when the input gave one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
    /// 0-based index of the (first) sentence quoted.
    pub sentence: u32,
    /// Byte offset of the quoted text in the document.
    pub start: usize,
    /// Byte offset one past the quoted text.
    pub end: usize,
    /// Byte span in the document of the source actor's (first) mention in the unit.
    #[serde(default)]
    pub source_start: usize,
    /// End of the source mention.
    #[serde(default)]
    pub source_end: usize,
    /// Byte span in the document of the target actor's (first) mention in the unit.
    #[serde(default)]
    pub target_start: usize,
    /// End of the target mention.
    #[serde(default)]
    pub target_end: usize,
    /// Byte span of a relation's cue word(s); none for co-mention.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cue_start: Option<usize>,
    /// End of the cue.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cue_end: Option<usize>,
    /// For a relation, when the source mention named a role resolved to its holder on the
    /// document's date ("the Iraqi prime minister"): the gazetteer's role id (`iraq_pm`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source_role: Option<String>,
    /// The same for the target mention.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub target_role: Option<String>,
    /// The sentence(s) from the first mention of one actor to the first of the other, at most
    /// [`MAX_EVIDENCE_BYTES`]. Shared by every pair of the same unit and span.
    pub text: Arc<str>,
}

impl Evidence {
    /// Evidence quoting `text` at `start` of document `doc`, with empty mention spans; for
    /// building graphs by hand.
    pub fn new(doc: impl Into<String>, sentence: u32, start: usize, text: &str) -> Evidence {
        Evidence {
            doc: doc.into(),
            date: None,
            url: None,
            source: None,
            sentence,
            start,
            end: start + text.len(),
            source_start: start,
            source_end: start,
            target_start: start,
            target_end: start,
            cue_start: None,
            cue_end: None,
            source_role: None,
            target_role: None,
            text: text.into(),
        }
    }

    fn key(&self) -> impl Ord + '_ {
        (
            (&self.doc, self.sentence, self.start, self.end),
            (
                self.source_start,
                self.source_end,
                self.target_start,
                self.target_end,
            ),
            (self.cue_start, self.cue_end, self.date),
            (&self.url, &self.source, &self.text),
            (&self.source_role, &self.target_role),
        )
    }
}

impl Ord for Evidence {
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        self.key().cmp(&other.key())
    }
}

impl PartialOrd for Evidence {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

/// Longest evidence text kept; a longer one is cut at a character boundary (and `end` with it).
pub const MAX_EVIDENCE_BYTES: usize = 2000;

/// One link between two actors.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Edge {
    /// [`crate::counts::CO_MENTION`] or a relation type; omitted from JSON for co-mention.
    #[serde(default = "co_mention", skip_serializing_if = "is_co_mention")]
    pub kind: String,
    /// True when the link goes from source to target (directed relation types).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub directed: bool,
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
    /// Relation instances that were negated (0 for co-mention).
    #[serde(default, skip_serializing_if = "is_zero")]
    pub negated: u64,
    /// Relation instances that were planned rather than facts (0 for co-mention).
    #[serde(default, skip_serializing_if = "is_zero")]
    pub planned: u64,
    /// The most frequent role noun of an affiliation ("spokesman"; ties by name).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub role: Option<String>,
    /// Weight per period (`build --period`), in time order, undated last; empty otherwise.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub periods: Vec<Bucket>,
    /// Supporting units, smallest first under [`Evidence`]'s order (capped by `max_evidence`).
    pub evidence: Vec<Evidence>,
}

fn co_mention() -> String {
    crate::counts::CO_MENTION.to_owned()
}

fn is_co_mention(kind: &str) -> bool {
    kind == crate::counts::CO_MENTION
}

fn is_zero(n: &u64) -> bool {
    *n == 0
}

impl Edge {
    /// True for a co-occurrence edge (not a typed relation).
    pub fn is_co_mention(&self) -> bool {
        is_co_mention(&self.kind)
    }
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
    /// The period of the nodes' and edges' `periods` (`build --period`); `None`: none.
    pub period: Option<Period>,
    /// Nodes sorted by id; edges sorted by (source id, target id, kind). An undirected petgraph
    /// multigraph: each edge's endpoints keep (source, target) order, and [`Edge::directed`]
    /// says whether that order is a direction. Co-mention edges have source id < target id.
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

    /// Drops the edges lighter than `min` (for a graph loaded from a file).
    pub fn drop_edges_below(&mut self, min: u64) {
        self.graph.retain_edges(|g, e| g[e].weight >= min);
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
            period: None,
            graph,
        }
    }
}

impl Counts {
    /// Computes scores, applies `filters` and returns the graph: nodes sorted by id, edges by
    /// (source id, target id, kind). Needs no gazetteer: the counts carry labels and types.
    pub fn finish(&self, filters: &Filters) -> ActorGraph {
        self.finish_by(filters, None)
    }

    /// [`Counts::finish`], with the weight of every edge and the mentions of every node per
    /// `period` (`build --period`; see [`crate::period`]).
    pub fn finish_by(&self, filters: &Filters, period: Option<Period>) -> ActorGraph {
        let periods = |days: &BTreeMap<NaiveDate, u64>, total: u64| {
            period.map_or_else(Vec::new, |p| crate::period::buckets(p, days, total))
        };
        let n_units = self.corpus.units.max(1) as f64;
        let type_ok = |id: &str| {
            filters.types.as_ref().is_none_or(|ts| {
                let kind = self.nodes.get(id).map_or("", |n| n.kind.as_str());
                ts.iter().any(|t| t == kind)
            })
        };
        let mut edges: Vec<(&EdgeKey, &EdgeCounts)> = self
            .edges
            .iter()
            .filter(|(k, e)| {
                e.weight >= filters.min_weight && type_ok(&k.source) && type_ok(&k.target)
            })
            .collect();
        // An ego network, as NetworkX's `ego_graph` (radius 1): the named actors, their
        // neighbours, and every link among those, ties between neighbours included.
        let ego: Option<BTreeSet<&str>> = filters.actors.as_ref().map(|wanted| {
            let mut k: BTreeSet<&str> = wanted.iter().map(String::as_str).collect();
            for (key, _) in &edges {
                if wanted.iter().any(|w| *w == key.source || *w == key.target) {
                    k.insert(&key.source);
                    k.insert(&key.target);
                }
            }
            k
        });
        if let Some(ego) = &ego {
            edges.retain(|(k, _)| {
                ego.contains(k.source.as_str()) && ego.contains(k.target.as_str())
            });
        }
        if let Some(k) = filters.top_edges {
            edges.sort_by(|x, y| y.1.weight.cmp(&x.1.weight).then_with(|| x.0.cmp(y.0)));
            edges.truncate(k);
            edges.sort_by(|x, y| x.0.cmp(y.0));
        }

        // Nodes kept: all mentioned actors passing the type filter; with --actors, the named
        // actors and their remaining neighbours.
        let keep: BTreeSet<&str> = match &filters.actors {
            None => self
                .nodes
                .keys()
                .map(String::as_str)
                .filter(|id| type_ok(id))
                .collect(),
            Some(wanted) => {
                let mut k: BTreeSet<&str> = self
                    .nodes
                    .keys()
                    .map(String::as_str)
                    .filter(|id| type_ok(id) && wanted.iter().any(|w| w == id))
                    .collect();
                // With --top-edges, only the neighbours whose links survived stay.
                for (key, _) in &edges {
                    k.insert(&key.source);
                    k.insert(&key.target);
                }
                k
            }
        };
        let mut graph = UnGraph::with_capacity(keep.len(), edges.len());
        let mut index: HashMap<&str, NodeIndex> = HashMap::with_capacity(keep.len());
        for (id, n) in self
            .nodes
            .iter()
            .filter(|(id, _)| keep.contains(id.as_str()))
        {
            let ix = graph.add_node(Node {
                id: id.clone(),
                label: n.label.clone(),
                kind: n.kind.clone(),
                attributes: n.attributes.clone(),
                mentions: n.mentions,
                sentences: n.sentences,
                units: n.units,
                documents: n.documents,
                first_date: n.days.keys().next().copied(),
                last_date: n.days.keys().next_back().copied(),
                dates: n.days.keys().copied().collect(),
                community: None,
                periods: periods(&n.days, n.mentions),
            });
            index.insert(id, ix);
        }
        let cap = filters.max_evidence.unwrap_or(usize::MAX);
        for (key, e) in edges {
            let units = |id: &str| self.nodes.get(id).map_or(0, |n| n.units) as f64;
            let (ua, ub) = (units(&key.source), units(&key.target));
            let w = e.weight as f64;
            let role = e
                .roles
                .iter()
                .max_by(|x, y| x.1.cmp(y.1).then_with(|| y.0.cmp(x.0)))
                .map(|(r, _)| r.clone());
            graph.add_edge(
                index[key.source.as_str()],
                index[key.target.as_str()],
                Edge {
                    kind: key.kind.clone(),
                    directed: e.directed,
                    weight: e.weight,
                    documents: e.documents,
                    first_date: e.days.keys().next().copied(),
                    last_date: e.days.keys().next_back().copied(),
                    dates: e.days.keys().copied().collect(),
                    npmi: npmi(w, ua, ub, n_units),
                    jaccard: w / (ua + ub - w),
                    negated: e.negated,
                    planned: e.planned,
                    role,
                    periods: periods(&e.days, e.weight),
                    evidence: e.evidence.iter().take(cap).cloned().collect(),
                },
            );
        }
        ActorGraph {
            unit: self.recipe.unit,
            corpus: self.corpus.clone(),
            max_evidence: min_cap(self.recipe.max_evidence, filters.max_evidence),
            period,
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
