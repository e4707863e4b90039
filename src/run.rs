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

use chrono::NaiveDate;

use crate::counter::Counter;
use crate::counts::{Counts, Edges, Recipe};
use crate::error::Result;
use crate::gazetteer::Gazetteer;
use crate::graph::{Unit, MAX_ACTORS_PER_UNIT};
use crate::input::{Corpus, Diagnostics, Document};
use crate::pipeline;
use crate::relation::Lexicon;
use crate::sentence::LineBreaks;
use crate::tagger::Tagger;
use crate::warning::{Warning, WarningKind};

/// How to count: everything that changes the counts (and so goes into a partial's
/// [`Recipe`]).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
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
    /// Which edges to count; relations use the embedded lexicon.
    pub edges: Edges,
}

impl Settings {
    /// The recipe these settings give with `gazetteer`.
    pub fn recipe(&self, gazetteer: &Gazetteer) -> Recipe {
        Recipe {
            unit: self.unit,
            line_breaks: self.line_breaks,
            max_evidence: self.max_evidence,
            since: self.since,
            until: self.until,
            edges: self.edges,
            ..Recipe::new(gazetteer)
        }
    }
}

/// Counts the documents of `corpus`; reading problems and counting warnings go to `diag`.
pub fn count_corpus(
    corpus: Corpus<'_>,
    gazetteer: &Gazetteer,
    tagger: &Tagger,
    settings: &Settings,
    diag: &mut Diagnostics,
) -> Result<Counts> {
    let lexicon = settings.edges.relations().then(Lexicon::embedded);
    let mut counter = Counter::new(gazetteer, settings.recipe(gazetteer));
    if let Some(lex) = &lexicon {
        counter = counter.with_lexicon(lex);
    }
    let extract = extraction(gazetteer, lexicon.as_ref());
    pipeline::run_with(
        corpus,
        tagger,
        settings.line_breaks,
        extract,
        diag,
        |doc, a| {
            counter.add(doc, a);
            Ok(())
        },
    )?;
    let (counts, warnings) = finish_counting(counter);
    diag.warnings.extend(warnings);
    Ok(counts)
}

/// Counts any iterator of documents, analysing them on every core.
pub fn count_documents(
    docs: impl IntoIterator<Item = Document>,
    gazetteer: &Gazetteer,
    tagger: &Tagger,
    settings: &Settings,
) -> Result<(Counts, Vec<Warning>)> {
    let lexicon = settings.edges.relations().then(Lexicon::embedded);
    let mut counter = Counter::new(gazetteer, settings.recipe(gazetteer));
    if let Some(lex) = &lexicon {
        counter = counter.with_lexicon(lex);
    }
    let extract = extraction(gazetteer, lexicon.as_ref());
    pipeline::for_each_document_with(docs, tagger, settings.line_breaks, extract, |doc, a| {
        counter.add(doc, a);
        Ok(())
    })?;
    Ok(finish_counting(counter))
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
