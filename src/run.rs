//! The whole run as a library call: settings and documents in, counts (and a graph) out.
//!
//! The CLI, the Python module and a Spark job all call these: [`count_corpus`] for inputs read
//! by [`crate::input::Corpus`] (files, directories, stdin, the seeds) and [`count_documents`]
//! for any iterator of [`Document`]s. [`Settings`] is a plain struct (no command-line types);
//! warnings are [`Warning`] values. Then [`Counts::merge`] combines runs and
//! [`Counts::finish`] makes the graph.
//!
//! ```
//! use actorgraph::{gazetteer::Gazetteer, graph::Filters, input::Document, run, tagger::Tagger};
//!
//! let gazetteer = Gazetteer::embedded();
//! let tagger = Tagger::new(&gazetteer).unwrap();
//! let settings = run::Settings::default();
//! let docs = [Document::new("a", "Vowell met Rasool."), Document::new("b", "Rasool met Sudani.")];
//! let (a, _) = run::count_documents(docs[..1].to_vec(), &gazetteer, &tagger, &settings).unwrap();
//! let (mut b, _) = run::count_documents(docs[1..].to_vec(), &gazetteer, &tagger, &settings).unwrap();
//! b.merge(a).unwrap();
//! let graph = b.finish(&Filters::default());
//! let edges: Vec<(&str, &str)> = graph.edges().map(|(s, t, _)| (s.id.as_str(), t.id.as_str())).collect();
//! assert_eq!(edges, [("rasool", "sudani"), ("rasool", "vowell")]);
//! ```

use std::sync::Arc;

use chrono::NaiveDate;

use crate::analysis::Analysis;
use crate::counter::Counter;
use crate::counts::{Counts, Edges, GroupBy, Recipe};
use crate::error::Result;
use crate::gazetteer::Gazetteer;
use crate::graph::{Unit, MAX_ACTORS_PER_UNIT};
use crate::input::{Corpus, Diagnostics, Document};
use crate::pipeline;
use crate::relation::Lexicon;
use crate::scan::{self, Scan, ScanOptions};
use crate::sentence::LineBreaks;
use crate::tagger::Tagger;
use crate::warning::{Warning, WarningKind};
use crate::zone::{Linking, Zone};

/// How to count: everything that changes the counts (and so goes into a partial's
/// [`Recipe`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Settings {
    /// The co-occurrence unit.
    pub unit: Unit,
    /// What a single line break means.
    pub line_breaks: LineBreaks,
    /// Evidence kept per edge while counting; `None` keeps all.
    pub max_evidence: Option<usize>,
    /// Only documents dated on or after this day.
    pub since: Option<NaiveDate>,
    /// Only documents dated on or before this day.
    pub until: Option<NaiveDate>,
    /// Which zones link (`--keep-boilerplate`, `--headlines`).
    pub linking: Linking,
    /// Count duplicate and syndicated documents once (off with `--keep-duplicates`).
    pub duplicates: bool,
    /// A line found verbatim in at least this many documents is boilerplate (0: never).
    pub repeated_lines: u32,
    /// Which edges to count.
    pub edges: Edges,
    /// What a node stands for: actors, or their codes on the document's date.
    pub group_by: GroupBy,
    /// The relation lexicon for typed edges (`--lexicon`); `None` is the embedded one. Only
    /// used, and only in the recipe, when `edges` counts relations.
    pub lexicon: Option<Arc<Lexicon>>,
}

impl Default for Settings {
    fn default() -> Settings {
        let scan = ScanOptions::default();
        Settings {
            unit: Unit::default(),
            line_breaks: LineBreaks::default(),
            max_evidence: None,
            since: None,
            until: None,
            linking: scan.linking,
            duplicates: scan.duplicates,
            repeated_lines: scan.repeated_lines,
            edges: Edges::default(),
            group_by: GroupBy::default(),
            lexicon: None,
        }
    }
}

impl Settings {
    /// What the first pass looks for under these settings.
    pub fn scan_options(&self) -> ScanOptions {
        ScanOptions {
            duplicates: self.duplicates,
            repeated_lines: self.repeated_lines,
            linking: self.linking,
        }
    }

    /// Whether a document dated `date` is counted under `--since`/`--until`.
    fn admits(&self, date: Option<NaiveDate>) -> bool {
        match (self.since, self.until) {
            (None, None) => true,
            (since, until) => {
                date.is_some_and(|d| since.is_none_or(|s| d >= s) && until.is_none_or(|u| d <= u))
            }
        }
    }

    /// The lexicon relations are extracted with, when `edges` counts them.
    pub fn relation_lexicon(&self) -> Option<Arc<Lexicon>> {
        self.edges.relations().then(|| {
            self.lexicon
                .clone()
                .unwrap_or_else(|| Arc::new(Lexicon::embedded()))
        })
    }

    /// The fingerprint of the lexicon in use: `None` unless `edges` counts relations (with
    /// co-mention edges only the lexicon changes nothing, so it does not enter the recipe).
    fn lexicon_fingerprint(&self) -> Option<String> {
        self.edges.relations().then(|| match &self.lexicon {
            Some(lex) => lex.fingerprint().to_owned(),
            None => crate::relation::fingerprint::embedded().to_owned(),
        })
    }

    /// The recipe these settings give with `gazetteer`.
    pub fn recipe(&self, gazetteer: &Gazetteer) -> Recipe {
        Recipe {
            unit: self.unit,
            line_breaks: self.line_breaks,
            max_evidence: self.max_evidence,
            since: self.since,
            until: self.until,
            keep_boilerplate: self.linking.keep_boilerplate,
            skip_headlines: self.linking.headlines == crate::zone::Headlines::Skip,
            duplicates: self.duplicates,
            repeated_lines: self.repeated_lines,
            edges: self.edges,
            group_by: self.group_by,
            lexicon: self.lexicon_fingerprint(),
            ..Recipe::new(gazetteer)
        }
    }
}

/// The first pass over `corpus` (duplicates, repeated lines) that [`count_corpus`] needs;
/// its reading warnings are dropped, since the counting pass reads the same inputs again.
pub fn scan_corpus(corpus: Corpus<'_>, settings: &Settings) -> Result<Scan> {
    scan::scan(
        corpus,
        &settings.scan_options(),
        &mut Diagnostics::default(),
    )
}

/// Counts the documents of `corpus` given the first pass `scan` over the same inputs
/// ([`scan_corpus`]): duplicates are skipped, mentions in zones that do not link are dropped.
/// Reading problems and counting warnings go to `diag`.
pub fn count_corpus(
    corpus: Corpus<'_>,
    scan: &Scan,
    gazetteer: &Gazetteer,
    tagger: &Tagger,
    settings: &Settings,
    diag: &mut Diagnostics,
) -> Result<Counts> {
    let lexicon = settings.relation_lexicon();
    let mut counting = Counting::new(gazetteer, settings, scan, lexicon.as_deref());
    let extract = extraction(gazetteer, lexicon.as_deref());
    pipeline::run_with(
        corpus,
        tagger,
        settings.line_breaks,
        &scan.zone_rules(),
        extract,
        diag,
        |doc, a| {
            counting.add(doc, a);
            counting.coverage()
        },
    )?;
    let (counts, warnings) = counting.finish();
    diag.warnings.extend(warnings);
    Ok(counts)
}

/// Counts any iterator of documents, analysing them on every core. There is no first pass
/// (the documents are seen once): duplicates and repeated lines are not looked for, and the
/// recipe says so (`duplicates: false`, `repeated_lines: 0`); use [`count_documents_with`]
/// with a [`Scan`] decided from a [`crate::scan::Survey`] of the whole corpus to have them
/// (exact for any split of the corpus).
pub fn count_documents(
    docs: impl IntoIterator<Item = Document>,
    gazetteer: &Gazetteer,
    tagger: &Tagger,
    settings: &Settings,
) -> Result<(Counts, Vec<Warning>)> {
    let settings = Settings {
        duplicates: false,
        repeated_lines: 0,
        ..settings.clone()
    };
    count_documents_with(docs, &Scan::default(), gazetteer, tagger, &settings)
}

/// Like [`count_documents`], with the first pass `scan` over the same documents.
pub fn count_documents_with(
    docs: impl IntoIterator<Item = Document>,
    scan: &Scan,
    gazetteer: &Gazetteer,
    tagger: &Tagger,
    settings: &Settings,
) -> Result<(Counts, Vec<Warning>)> {
    let lexicon = settings.relation_lexicon();
    let mut counting = Counting::new(gazetteer, settings, scan, lexicon.as_deref());
    let extract = extraction(gazetteer, lexicon.as_deref());
    pipeline::for_each_document_with(
        docs,
        tagger,
        settings.line_breaks,
        &scan.zone_rules(),
        extract,
        |doc, a| {
            counting.add(doc, a);
            counting.coverage()
        },
    )?;
    Ok(counting.finish())
}

/// A counter behind the zone and duplicate rules, with their stats: what `count_corpus` and
/// `count_documents_with` feed, public so that other drivers (the Python module) count the
/// same way.
pub struct Counting<'a> {
    counter: Counter<'a>,
    settings: &'a Settings,
    scan: &'a Scan,
    duplicates: u64,
    boilerplate_sentences: u64,
    /// Documents given more than once with the same id and text, counted once already.
    repeats_counted: rustc_hash::FxHashSet<String>,
    /// The first document counted that the scan never surveyed.
    not_scanned: Option<String>,
}

impl<'a> Counting<'a> {
    /// A counter for `settings`, skipping what `scan` found to be duplicates; typed relations
    /// are counted when `lexicon` is given (it must be [`Settings::relation_lexicon`], whose
    /// fingerprint the recipe carries).
    pub fn new(
        gazetteer: &'a Gazetteer,
        settings: &'a Settings,
        scan: &'a Scan,
        lexicon: Option<&'a Lexicon>,
    ) -> Counting<'a> {
        let recipe = settings.recipe(gazetteer);
        debug_assert!(lexicon.is_none_or(|l| recipe.lexicon.as_deref() == Some(l.fingerprint())));
        let mut counter = Counter::new(gazetteer, recipe);
        if let Some(lex) = lexicon {
            counter = counter.with_lexicon(lex);
        }
        Counting {
            counter,
            settings,
            scan,
            duplicates: 0,
            boilerplate_sentences: 0,
            repeats_counted: Default::default(),
            not_scanned: None,
        }
    }

    /// An error once a document was given that the scan never surveyed (a scan of other
    /// inputs, or of part of these): its duplicates and repeated lines cannot be decided.
    pub fn coverage(&self) -> Result<()> {
        match &self.not_scanned {
            None => Ok(()),
            Some(id) => Err(crate::Error::Usage(format!(
                "document \"{id}\" is not in the scan this run was given: its duplicates and \
                 repeated lines would be decided without it, and the counts would not equal \
                 one build of the whole corpus; scan every part of the corpus, merge the scans \
                 (`actorgraph scan --scan a.ags --scan b.ags -o all.ags`) and give the merged \
                 scan to each build (docs/duplicates.md); if the scan is older than the \
                 document's last edit, scan again"
            ))),
        }
    }

    /// Counts one analysed document (in corpus order).
    pub fn add(&mut self, doc: &Document, a: &Analysis) {
        if self.not_scanned.is_none() && !self.scan.covers(&doc.id, doc.text.len()) {
            self.not_scanned = Some(doc.id.clone());
        }
        // A copy is skipped; a document given twice (same id, same text) is its own kept
        // copy: its first arrival counts.
        if self.scan.is_duplicate(&doc.id)
            && !(self.scan.duplicates.is_repeat_of_itself(&doc.id)
                && self.repeats_counted.insert(doc.id.clone()))
        {
            self.duplicates += 1;
            return;
        }
        if self.settings.admits(doc.date) {
            let boilerplate = a.zones.iter().filter(|z| **z == Zone::Boilerplate).count();
            self.boilerplate_sentences += boilerplate as u64;
        }
        self.counter
            .add(doc, &a.for_linking(&self.settings.linking));
    }

    /// The counts and the warnings about them.
    pub fn finish(self) -> (Counts, Vec<Warning>) {
        let (mut counts, warnings) = finish_counting(self.counter);
        counts.corpus.duplicates += self.duplicates;
        counts.corpus.boilerplate_sentences += self.boilerplate_sentences;
        (counts, warnings)
    }
}

fn extraction<'a>(
    gazetteer: &'a Gazetteer,
    lexicon: Option<&'a Lexicon>,
) -> Option<pipeline::Extract<'a>> {
    lexicon.map(|lexicon| pipeline::Extract { gazetteer, lexicon })
}

fn finish_counting(counter: Counter<'_>) -> (Counts, Vec<Warning>) {
    let mut warnings: Vec<Warning> = counter
        .repeated_ids()
        .iter()
        .map(|id| {
            Warning::general(
                WarningKind::DuplicateId,
                format!(
                    "document id \"{id}\" appears more than once; both documents are counted \
                     under it"
                ),
            )
        })
        .collect();
    let counts = counter.into_counts();
    warnings.extend(counting_warnings(&counts));
    (counts, warnings)
}

/// Warnings about the counts themselves (the same after a run and after a merge).
pub fn counting_warnings(counts: &Counts) -> Vec<Warning> {
    let mut out = Vec::new();
    if counts.corpus.capped_units > 0 {
        out.push(Warning::general(
            WarningKind::CappedUnits,
            format!(
                "{} unit(s) mention more than {MAX_ACTORS_PER_UNIT} actors; only the first \
                 {MAX_ACTORS_PER_UNIT} (by first mention) were linked in each",
                counts.corpus.capped_units
            ),
        ));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scan::Survey;

    /// A document given twice (same id, same text) is its own kept copy: it counts once, its
    /// repeat is set aside. A copy under another id is set aside; a document given once counts.
    /// (documents given as (id, text), documents counted, copies set aside, weight of
    /// Sudani–Vowell)
    #[test]
    fn documents_given_twice_count_once() {
        let g = Gazetteer::embedded();
        let t = Tagger::new(&g).unwrap();
        let met = "Vowell met Sudani in Baghdad on Monday to discuss the withdrawal.";
        let other = "Rasool said the PMF would stay in Iraq.";
        type Case<'a> = (&'a [(&'a str, &'a str)], u64, u64, u64);
        let cases: &[Case] = &[
            (&[("a", met), ("b", other)], 2, 0, 1),
            (&[("a", met), ("b", other), ("a", met)], 2, 1, 1),
            (&[("a", met), ("a", met), ("a", met)], 1, 2, 1),
            (&[("c", met), ("a", met)], 1, 1, 1),
            (&[("c", met), ("a", met), ("c", met), ("a", met)], 1, 3, 1),
        ];
        let settings = Settings::default();
        for &(given, documents, copies, weight) in cases {
            let docs: Vec<Document> = given.iter().map(|(id, t)| Document::new(*id, *t)).collect();
            let mut survey = Survey::new(&settings.scan_options());
            survey.add_batch(&docs).unwrap();
            let scan = survey.decide().unwrap();
            let (counts, _) = count_documents_with(docs, &scan, &g, &t, &settings).unwrap();
            let graph = counts.finish(&crate::graph::Filters::default());
            let w = graph
                .edges()
                .find(|(a, b, _)| a.id == "sudani" && b.id == "vowell")
                .map_or(0, |(_, _, e)| e.weight);
            let c = &graph.corpus;
            assert_eq!(
                (c.documents, c.duplicates, w),
                (documents, copies, weight),
                "{given:?}"
            );
        }
    }
}
