//! Counting analysed documents fast: the accumulator behind every run.
//!
//! A [`Counter`] belongs to one gazetteer and keys its tables by [`ActorIdx`] (small integers,
//! fast hashing); [`Counter::into_counts`] turns them into id-keyed [`Counts`], the form that
//! merges and is saved. Documents may arrive in any order: nothing here depends on arrival
//! except speed (evidence is kept by its total order, not first come).

use std::collections::BTreeMap;
use std::sync::Arc;

use chrono::NaiveDate;
use rustc_hash::{FxHashMap, FxHashSet};

use crate::analysis::{Analysis, Placed};
use crate::counts::{
    Counts, EdgeCounts, EdgeKey, GroupBy, NodeCounts, Recipe, CODE_TYPE, CO_MENTION,
};
use crate::gazetteer::{ActorIdx, Gazetteer};
use crate::graph::{CorpusStats, Evidence, Unit, MAX_ACTORS_PER_UNIT, MAX_EVIDENCE_BYTES};
use crate::input::{id_hash, Document};
use crate::relation::{Lexicon, Modality};

#[derive(Default)]
struct NodeAcc {
    mentions: u64,
    sentences: u64,
    units: u64,
    documents: u64,
    last_doc: u64,
    days: BTreeMap<NaiveDate, u64>,
}

#[derive(Default)]
struct EdgeAcc {
    weight: u64,
    documents: u64,
    last_doc: u64,
    days: BTreeMap<NaiveDate, u64>,
    /// Unsorted while shorter than the cap; sorted (and kept so) once full.
    evidence: Vec<Evidence>,
}

/// A typed relation edge being counted: the co-mention numbers plus what only relations have.
#[derive(Default)]
struct RelationAcc {
    edge: EdgeAcc,
    negated: u64,
    planned: u64,
    roles: BTreeMap<String, u64>,
}

/// Accumulates one run's documents; see the module docs.
pub struct Counter<'g> {
    gazetteer: &'g Gazetteer,
    recipe: Recipe,
    corpus: CorpusStats,
    doc_seq: u64,
    // Fast non-cryptographic hashing: keys are small integers from our own gazetteer, and no
    // output depends on hash order (everything is keyed by id in `into_counts`).
    nodes: FxHashMap<ActorIdx, NodeAcc>,
    /// Co-mention edges by (actor, actor) with the smaller index first.
    edges: FxHashMap<(ActorIdx, ActorIdx), EdgeAcc>,
    /// The lexicon whose relations (in [`Analysis::relations`]) are counted, if any.
    lexicon: Option<&'g Lexicon>,
    /// Relation edges by (source, target, type index), as the extractor orders them.
    relations: FxHashMap<(ActorIdx, ActorIdx, u16), RelationAcc>,
    doc_ids: Vec<u64>,
    seen_ids: FxHashSet<u64>,
    /// Ids seen more than once, in order of their second appearance (for warnings).
    repeated_ids: Vec<String>,
    // Scratch buffers reused across units.
    unit_actors: Vec<(ActorIdx, usize)>,
    seen: FxHashSet<ActorIdx>,
    /// Evidence text already cut in the current unit, by quoted sentence range: shared by
    /// every pair that quotes it.
    unit_text: FxHashMap<(u32, u32), (usize, Arc<str>)>,
    /// `--group-by code`: the codes met so far; code `i` is node `actors + i` (a code that is
    /// also an actor's id is that actor's node instead).
    codes: Vec<String>,
    code_nodes: FxHashMap<String, ActorIdx>,
}

/// The id of node `a`: an actor of `g`, or a code of `codes` past the actors.
fn node_id<'a>(g: &'a Gazetteer, codes: &'a [String], a: ActorIdx) -> &'a str {
    let n = g.actors().len();
    if (a as usize) < n {
        &g.actor(a).id
    } else {
        &codes[a as usize - n]
    }
}

impl<'g> Counter<'g> {
    /// A counter for documents tagged with `gazetteer`, counted as `recipe` says.
    pub fn new(gazetteer: &'g Gazetteer, recipe: Recipe) -> Counter<'g> {
        Counter {
            gazetteer,
            recipe,
            corpus: CorpusStats::default(),
            doc_seq: 0,
            nodes: FxHashMap::default(),
            edges: FxHashMap::default(),
            lexicon: None,
            relations: FxHashMap::default(),
            doc_ids: Vec::new(),
            seen_ids: FxHashSet::default(),
            repeated_ids: Vec::new(),
            unit_actors: Vec::new(),
            seen: FxHashSet::default(),
            unit_text: FxHashMap::default(),
            codes: Vec::new(),
            code_nodes: FxHashMap::default(),
        }
    }

    /// The node actor `a` counts as on `day` under `--group-by code`.
    fn code_node(&mut self, a: ActorIdx, day: Option<NaiveDate>) -> ActorIdx {
        let g = self.gazetteer;
        let Some(code) = g.actor(a).code_on(day) else {
            return a;
        };
        if let Some(i) = g.by_id(code) {
            return i;
        }
        if let Some(&i) = self.code_nodes.get(code) {
            return i;
        }
        let i = (g.actors().len() + self.codes.len()) as ActorIdx;
        self.codes.push(code.to_owned());
        self.code_nodes.insert(code.to_owned(), i);
        i
    }

    /// `analysis` with every mention and relation moved to its actor's code on `day`.
    /// Relations between two actors of one code are dropped (a node is not linked to
    /// itself); a symmetric relation keeps the smaller id as its source.
    fn grouped(&mut self, day: Option<NaiveDate>, analysis: &Analysis) -> Analysis {
        let mut a = analysis.clone();
        for p in &mut a.mentions {
            p.mention.actor = self.code_node(p.mention.actor, day);
        }
        let mut relations = std::mem::take(&mut a.relations);
        for r in &mut relations {
            r.source = self.code_node(r.source, day);
            r.target = self.code_node(r.target, day);
            let symmetric = self
                .lexicon
                .is_some_and(|lex| lex.types[r.kind as usize].symmetric);
            let (g, codes) = (self.gazetteer, &self.codes);
            if symmetric && node_id(g, codes, r.source) > node_id(g, codes, r.target) {
                std::mem::swap(&mut r.source, &mut r.target);
                std::mem::swap(&mut r.source_span, &mut r.target_span);
            }
        }
        relations.retain(|r| r.source != r.target);
        a.relations = relations;
        a
    }

    /// Also counts the typed relations of each analysis (their types named by `lexicon`);
    /// co-mention edges are counted only when the recipe's `edges` asks for them.
    pub fn with_lexicon(mut self, lexicon: &'g Lexicon) -> Counter<'g> {
        self.lexicon = Some(lexicon);
        self
    }

    /// Document ids counted more than once so far, in order of their repeat.
    pub fn repeated_ids(&self) -> &[String] {
        &self.repeated_ids
    }

    /// Counts one analysed document.
    pub fn add(&mut self, doc: &Document, analysis: &Analysis) {
        let in_range = match (self.recipe.since, self.recipe.until) {
            (None, None) => true,
            (since, until) => doc
                .date
                .is_some_and(|d| since.is_none_or(|s| d >= s) && until.is_none_or(|u| d <= u)),
        };
        if !in_range {
            self.corpus.excluded_documents += 1;
            return;
        }
        let h = id_hash(&doc.id);
        self.doc_ids.push(h);
        if !self.seen_ids.insert(h) {
            self.repeated_ids.push(doc.id.clone());
        }
        self.doc_seq += 1;
        let seq = self.doc_seq;
        let c = &mut self.corpus;
        c.documents += 1;
        c.dated_documents += u64::from(doc.date.is_some());
        c.sentences += analysis.sentences.len() as u64;
        c.mentions += analysis.mentions.len() as u64;
        for (r, _) in &analysis.unresolved {
            let id = &self.gazetteer.role(r.role).id;
            match c.unresolved_roles.get_mut(id) {
                Some(n) => *n += 1,
                None => {
                    c.unresolved_roles.insert(id.clone(), 1);
                }
            }
        }
        c.units += match self.recipe.unit {
            Unit::Sentence => analysis.sentences.len() as u64,
            Unit::Paragraph => analysis
                .sentences
                .last()
                .map_or(0, |s| s.paragraph as u64 + 1),
            Unit::Document => u64::from(!analysis.sentences.is_empty()),
        };

        let grouped;
        let analysis = if self.recipe.group_by == GroupBy::Code {
            grouped = self.grouped(doc.date, analysis);
            &grouped
        } else {
            analysis
        };

        // Mentions and sentences per actor.
        let ms = &analysis.mentions;
        for group in ms.chunk_by(|a, b| a.sentence == b.sentence) {
            self.seen.clear();
            for p in group {
                let n = self.nodes.entry(p.mention.actor).or_default();
                n.mentions += 1;
                if let Some(d) = doc.date {
                    *n.days.entry(d).or_insert(0) += 1;
                }
                if self.seen.insert(p.mention.actor) {
                    n.sentences += 1;
                }
                if n.last_doc != seq {
                    n.last_doc = seq;
                    n.documents += 1;
                }
            }
        }

        self.add_relations(doc, analysis, seq);
        if !self.recipe.edges.co_mention() {
            // Units still count for nodes' `units`, without pairs.
            let unit = self.recipe.unit;
            let mut last = None;
            for p in ms {
                let k = match unit {
                    Unit::Sentence => p.sentence,
                    Unit::Paragraph => p.paragraph,
                    Unit::Document => 0,
                };
                if last != Some(k) {
                    last = Some(k);
                    self.seen.clear();
                }
                if self.seen.insert(p.mention.actor) {
                    self.nodes
                        .get_mut(&p.mention.actor)
                        .expect("counted above")
                        .units += 1;
                }
            }
            return;
        }

        // Units: actors once per unit, then every pair.
        let unit = self.recipe.unit;
        let key = |p: &Placed| match unit {
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
        self.unit_text.clear();
        let cap = self.recipe.max_evidence.unwrap_or(usize::MAX);
        let g = self.gazetteer;
        for i in 0..self.unit_actors.len() {
            for j in i + 1..self.unit_actors.len() {
                let (a, ma) = self.unit_actors[i];
                let (b, mb) = self.unit_actors[j];
                let e = self.edges.entry((a, b)).or_default();
                e.weight += 1;
                if let Some(d) = doc.date {
                    *e.days.entry(d).or_insert(0) += 1;
                }
                if e.last_doc != seq {
                    e.last_doc = seq;
                    e.documents += 1;
                }
                if cap == 0 {
                    continue;
                }
                let span = quoted_sentences(analysis, ma.min(mb), ma.max(mb));
                if e.evidence.len() >= cap {
                    // Full and sorted: skip cheaply when this one cannot be among the smallest.
                    let last = e.evidence.last().expect("cap > 0");
                    if (doc.id.as_str(), span.0) > (last.doc.as_str(), last.sentence) {
                        continue;
                    }
                }
                // Source is the actor with the smaller id.
                let (ms_, mt) = if node_id(g, &self.codes, a) <= node_id(g, &self.codes, b) {
                    (ma, mb)
                } else {
                    (mb, ma)
                };
                let (start, text) = self
                    .unit_text
                    .entry(span)
                    .or_insert_with(|| quote(doc, analysis, span))
                    .clone();
                let (s, t) = (
                    analysis.mentions[ms_].mention,
                    analysis.mentions[mt].mention,
                );
                let ev = Evidence {
                    doc: doc.id.clone(),
                    date: doc.date,
                    url: doc.url.clone(),
                    source: doc.source.clone(),
                    sentence: span.0,
                    start,
                    end: start + text.len(),
                    source_start: s.start,
                    source_end: s.end,
                    target_start: t.start,
                    target_end: t.end,
                    cue_start: None,
                    cue_end: None,
                    source_role: None,
                    target_role: None,
                    text,
                };
                push_capped(&mut e.evidence, ev, cap);
            }
        }
    }

    /// Counts the document's typed relations (when the counter has a lexicon): one weight per
    /// relation, its day, negation, modality, role noun, and evidence quoting its sentence
    /// with the cue span.
    fn add_relations(&mut self, doc: &Document, analysis: &Analysis, seq: u64) {
        if self.lexicon.is_none() || !self.recipe.edges.relations() {
            return;
        }
        let lex = self.lexicon.expect("checked");
        let cap = self.recipe.max_evidence.unwrap_or(usize::MAX);
        for r in &analysis.relations {
            let acc = self
                .relations
                .entry((r.source, r.target, r.kind))
                .or_default();
            let e = &mut acc.edge;
            e.weight += 1;
            if let Some(d) = doc.date {
                *e.days.entry(d).or_insert(0) += 1;
            }
            if e.last_doc != seq {
                e.last_doc = seq;
                e.documents += 1;
            }
            acc.negated += u64::from(r.negated);
            acc.planned += u64::from(r.modality == Modality::Planned);
            if let Some(role) = r.role {
                *acc.roles.entry(lex.role_name(role).to_owned()).or_insert(0) += 1;
            }
            if cap == 0 {
                continue;
            }
            let (start, text) = quote(doc, analysis, (r.sentence, r.sentence));
            push_capped(
                &mut e.evidence,
                Evidence {
                    doc: doc.id.clone(),
                    date: doc.date,
                    url: doc.url.clone(),
                    source: doc.source.clone(),
                    sentence: r.sentence,
                    start,
                    end: start + text.len(),
                    source_start: r.source_span.start,
                    source_end: r.source_span.end,
                    target_start: r.target_span.start,
                    target_end: r.target_span.end,
                    cue_start: Some(r.cue.start),
                    cue_end: Some(r.cue.end),
                    source_role: r.source_role.map(|i| self.gazetteer.role(i).id.clone()),
                    target_role: r.target_role.map(|i| self.gazetteer.role(i).id.clone()),
                    text,
                },
                cap,
            );
        }
    }

    /// The id-keyed counts of everything added.
    pub fn into_counts(self) -> Counts {
        let g = self.gazetteer;
        let mut counts = Counts::new(self.recipe);
        counts.corpus = self.corpus;
        let codes = &self.codes;
        for (a, n) in self.nodes {
            let (id, label, kind, attributes) = match (a as usize).checked_sub(g.actors().len()) {
                None => {
                    let actor = g.actor(a);
                    let (id, label) = (actor.id.clone(), actor.label.clone());
                    (id, label, actor.kind.clone(), actor.attributes.clone())
                }
                // A code node: id and label are the code.
                Some(i) => (
                    codes[i].clone(),
                    codes[i].clone(),
                    CODE_TYPE.to_owned(),
                    BTreeMap::new(),
                ),
            };
            counts.nodes.insert(
                id,
                NodeCounts {
                    label,
                    kind,
                    attributes,
                    mentions: n.mentions,
                    sentences: n.sentences,
                    units: n.units,
                    documents: n.documents,
                    days: n.days,
                },
            );
        }
        for ((a, b), mut e) in self.edges {
            let (ia, ib) = (node_id(g, codes, a), node_id(g, codes, b));
            let (source, target) = if ia <= ib { (ia, ib) } else { (ib, ia) };
            e.evidence.sort_unstable();
            counts.edges.insert(
                EdgeKey {
                    source: source.to_owned(),
                    target: target.to_owned(),
                    kind: CO_MENTION.to_owned(),
                },
                EdgeCounts {
                    weight: e.weight,
                    documents: e.documents,
                    days: e.days,
                    evidence: e.evidence,
                    ..EdgeCounts::new(false)
                },
            );
        }
        if let Some(lex) = self.lexicon {
            for ((a, b, kind), mut acc) in self.relations {
                acc.edge.evidence.sort_unstable();
                let symmetric = lex.types[kind as usize].symmetric;
                counts.edges.insert(
                    EdgeKey {
                        source: node_id(g, codes, a).to_owned(),
                        target: node_id(g, codes, b).to_owned(),
                        kind: lex.type_name(kind).to_owned(),
                    },
                    EdgeCounts {
                        weight: acc.edge.weight,
                        documents: acc.edge.documents,
                        days: acc.edge.days,
                        negated: acc.negated,
                        planned: acc.planned,
                        roles: acc.roles,
                        evidence: acc.edge.evidence,
                        ..EdgeCounts::new(!symmetric)
                    },
                );
            }
        }
        let mut ids = self.doc_ids;
        ids.sort_unstable();
        counts.doc_ids = ids;
        counts
    }
}

/// Adds `ev` to `list`, keeping at most `cap` of the smallest; the list is sorted once full.
pub fn push_capped(list: &mut Vec<Evidence>, ev: Evidence, cap: usize) {
    if list.len() < cap {
        list.push(ev);
        if list.len() == cap {
            list.sort_unstable();
        }
        return;
    }
    if ev >= *list.last().expect("cap > 0") {
        return;
    }
    let at = list.partition_point(|x| *x <= ev);
    list.insert(at, ev);
    list.pop();
}

/// The sentences quoted for mentions `first` and `second` (indices into the mentions): from
/// the sentence of the one to the sentence of the other; when the later is three or more
/// sentences after the earlier, only the sentence of `second`, so that evidence for paragraph
/// and document units stays short.
fn quoted_sentences(analysis: &Analysis, first: usize, second: usize) -> (u32, u32) {
    let s2 = analysis.mentions[second].sentence;
    let s1 = analysis.mentions[first].sentence;
    if s2 > s1 + 2 {
        (s2, s2)
    } else {
        (s1, s2)
    }
}

/// The text quoted for sentences `s1..=s2` of `doc`, trimmed and cut at
/// [`MAX_EVIDENCE_BYTES`], with its byte offset in the document.
fn quote(doc: &Document, analysis: &Analysis, (s1, s2): (u32, u32)) -> (usize, Arc<str>) {
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
    (start + lead, text.into())
}
