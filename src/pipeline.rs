//! Streaming documents through the tagger on every core, in corpus order.
//!
//! Documents arrive in batches (from [`crate::input::Corpus`], which reads the next batch
//! ahead on a thread of its own, or cut from any iterator by [`for_each_document`]); each
//! batch is analysed in parallel with rayon while the calling thread hands the previous one to
//! the caller one document at a time, in corpus order, so that every output is identical for
//! any number of threads. Memory is bounded by a few batches.

use rayon::prelude::*;

use crate::analysis::{analyze_document, Analysis};
use crate::error::Result;
use crate::gazetteer::Gazetteer;
use crate::input::{Corpus, Diagnostics, Document};
use crate::relation::{self, Lexicon};
use crate::sentence::LineBreaks;
use crate::tagger::{Scratch, Tagger};
use crate::zone::ZoneRules;

/// About this much text is analysed per batch when documents come from an iterator.
pub const BATCH_BYTES: usize = 4 << 20;

/// What to extract besides mentions and sentences: typed relations with this gazetteer and
/// lexicon (into [`Analysis::relations`]), on the same cores as the tagging.
#[derive(Clone, Copy)]
pub struct Extract<'a> {
    /// The gazetteer the tagger was built from.
    pub gazetteer: &'a Gazetteer,
    /// The relation lexicon.
    pub lexicon: &'a Lexicon,
}

/// Analyses one batch on every core with the embedded zone cues; the analyses are in the
/// batch's order.
pub fn analyze_batch(
    batch: &[Document],
    tagger: &Tagger,
    line_breaks: LineBreaks,
) -> Vec<Analysis> {
    analyze_batch_with(batch, tagger, line_breaks, &ZoneRules::default(), None)
}

/// Like [`analyze_batch`], with the zone rules (cues, corpus line counts) given, also
/// extracting relations when `extract` is given.
pub fn analyze_batch_with(
    batch: &[Document],
    tagger: &Tagger,
    line_breaks: LineBreaks,
    rules: &ZoneRules<'_>,
    extract: Option<Extract<'_>>,
) -> Vec<Analysis> {
    batch
        .par_iter()
        .map_init(
            || (Scratch::default(), relation::Scratch::default()),
            |(scratch, rscratch), doc| {
                if rules.skips(&doc.id) {
                    return Analysis::default();
                }
                let mut a = analyze_document(doc, tagger, line_breaks, rules, scratch);
                if let Some(x) = extract {
                    let mut found = Vec::new();
                    relation::extract_with(
                        &doc.text,
                        &a,
                        x.gazetteer,
                        x.lexicon,
                        rscratch,
                        &mut found,
                    );
                    a.relations = found;
                }
                a
            },
        )
        .collect()
}

/// Analyses every document of `corpus` and calls `each` in corpus order.
pub fn run(
    corpus: Corpus<'_>,
    tagger: &Tagger,
    line_breaks: LineBreaks,
    diag: &mut Diagnostics,
    each: impl FnMut(&Document, &Analysis) -> Result<()>,
) -> Result<()> {
    run_with(
        corpus,
        tagger,
        line_breaks,
        &ZoneRules::default(),
        None,
        diag,
        each,
    )
}

/// Like [`run`], with the zone rules (cues, corpus line counts) given, also extracting
/// relations when `extract` is given.
pub fn run_with(
    corpus: Corpus<'_>,
    tagger: &Tagger,
    line_breaks: LineBreaks,
    rules: &ZoneRules<'_>,
    extract: Option<Extract<'_>>,
    diag: &mut Diagnostics,
    each: impl FnMut(&Document, &Analysis) -> Result<()>,
) -> Result<()> {
    let analyze =
        |batch: &[Document]| analyze_batch_with(batch, tagger, line_breaks, rules, extract);
    let mut overlap = Overlap::new(each);
    corpus.for_each_batch(diag, |batch| overlap.push(batch, &analyze))?;
    overlap.finish()
}

/// Analyses every document of `docs` (any iterator) and calls `each` in iterator order.
pub fn for_each_document(
    docs: impl IntoIterator<Item = Document>,
    tagger: &Tagger,
    line_breaks: LineBreaks,
    each: impl FnMut(&Document, &Analysis) -> Result<()>,
) -> Result<()> {
    for_each_document_with(docs, tagger, line_breaks, &ZoneRules::default(), None, each)
}

/// Like [`for_each_document`], with the zone rules (cues, corpus line counts) given, also
/// extracting relations when `extract` is given.
pub fn for_each_document_with(
    docs: impl IntoIterator<Item = Document>,
    tagger: &Tagger,
    line_breaks: LineBreaks,
    rules: &ZoneRules<'_>,
    extract: Option<Extract<'_>>,
    each: impl FnMut(&Document, &Analysis) -> Result<()>,
) -> Result<()> {
    let analyze =
        |batch: &[Document]| analyze_batch_with(batch, tagger, line_breaks, rules, extract);
    in_batches(docs, BATCH_BYTES, &analyze, each)
}

/// Cuts `docs` into batches of about `batch_bytes` of text and hands them on analysed.
fn in_batches(
    docs: impl IntoIterator<Item = Document>,
    batch_bytes: usize,
    analyze: &(impl Fn(&[Document]) -> Vec<Analysis> + Sync),
    each: impl FnMut(&Document, &Analysis) -> Result<()>,
) -> Result<()> {
    let mut overlap = Overlap::new(each);
    let mut batch = Vec::new();
    let mut size = 0;
    for doc in docs {
        size += doc.text.len() + 64;
        batch.push(doc);
        if size >= batch_bytes {
            size = 0;
            overlap.push(std::mem::take(&mut batch), analyze)?;
        }
    }
    if !batch.is_empty() {
        overlap.push(batch, analyze)?;
    }
    overlap.finish()
}

/// Hands analysed batches to `each` in order. With more than one rayon thread, a batch is
/// analysed on the pool while the calling thread hands on the previous one (counting, or
/// writing rows, overlaps the next analysis instead of leaving the other cores idle); with
/// one thread, analysis and `each` take turns. Either way `each` sees every document once, in
/// order, on the calling thread, and nothing after its first error.
struct Overlap<E> {
    each: E,
    /// The previous batch and its analyses, not yet handed on.
    pending: Option<(Vec<Document>, Vec<Analysis>)>,
}

impl<E: FnMut(&Document, &Analysis) -> Result<()>> Overlap<E> {
    fn new(each: E) -> Overlap<E> {
        Overlap {
            each,
            pending: None,
        }
    }

    fn push(
        &mut self,
        batch: Vec<Document>,
        analyze: &(impl Fn(&[Document]) -> Vec<Analysis> + Sync),
    ) -> Result<()> {
        if rayon::current_num_threads() < 2 {
            hand_on(self.pending.take(), &mut self.each)?;
            let analyses = analyze(&batch);
            return hand_on(Some((batch, analyses)), &mut self.each);
        }
        let pending = self.pending.take();
        let each = &mut self.each;
        let mut analyses = Vec::new();
        rayon::in_place_scope(|s| {
            s.spawn(|_| analyses = analyze(&batch));
            hand_on(pending, each)
        })?;
        self.pending = Some((batch, analyses));
        Ok(())
    }

    fn finish(mut self) -> Result<()> {
        hand_on(self.pending.take(), &mut self.each)
    }
}

fn hand_on(
    batch: Option<(Vec<Document>, Vec<Analysis>)>,
    each: &mut impl FnMut(&Document, &Analysis) -> Result<()>,
) -> Result<()> {
    if let Some((docs, analyses)) = batch {
        for (doc, analysis) in docs.iter().zip(&analyses) {
            each(doc, analysis)?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::Error;
    use crate::gazetteer::Gazetteer;

    /// (id, mentions) as `each` saw them with `threads` threads and batches of about
    /// `batch_bytes`, `each` failing on its call number `fail_at`; and what the run returned.
    fn handed_on(
        threads: usize,
        batch_bytes: usize,
        fail_at: Option<usize>,
    ) -> (Vec<(String, usize)>, Result<()>) {
        let gazetteer = Gazetteer::embedded();
        let tagger = Tagger::new(&gazetteer).unwrap();
        let docs: Vec<Document> = (0..40)
            .map(|i| {
                let text = "Vowell met Sudani in Baghdad. ".repeat(i % 7);
                Document::new(format!("d{i:02}"), format!("{text}Iraq and Iran."))
            })
            .collect();
        let pool = rayon::ThreadPoolBuilder::new()
            .num_threads(threads)
            .build()
            .unwrap();
        pool.install(|| {
            let mut seen = Vec::new();
            let analyze = |b: &[Document]| analyze_batch(b, &tagger, LineBreaks::Auto);
            let r = in_batches(docs, batch_bytes, &analyze, |doc, a| {
                if Some(seen.len() + 1) == fail_at {
                    return Err(Error::Usage("each stopped".into()));
                }
                seen.push((doc.id.clone(), a.mentions.len()));
                Ok(())
            });
            (seen, r)
        })
    }

    #[test]
    fn every_document_once_in_order_and_nothing_after_the_first_error() {
        let (all, r) = handed_on(1, usize::MAX, None);
        assert!(r.is_ok());
        assert_eq!(all.len(), 40);
        assert!(all.windows(2).all(|w| w[0].0 < w[1].0));
        // (threads, batch bytes): one batch, a few, one document per batch.
        for (threads, bytes) in [(1, 200), (2, usize::MAX), (2, 200), (2, 1), (3, 500)] {
            let (got, r) = handed_on(threads, bytes, None);
            assert!(r.is_ok(), "{threads} {bytes}");
            assert_eq!(got, all, "{threads} {bytes}");
            let (got, r) = handed_on(threads, bytes, Some(8));
            assert_eq!(got, all[..7], "{threads} {bytes}");
            assert!(matches!(r, Err(Error::Usage(m)) if m == "each stopped"));
        }
    }

    #[test]
    fn copies_set_aside_are_not_analysed() {
        let gazetteer = Gazetteer::embedded();
        let tagger = Tagger::new(&gazetteer).unwrap();
        let met = "Vowell met Sudani in Baghdad on Monday to discuss the withdrawal of the \
            coalition forces from Iraq, the ministry said in a statement on Tuesday.";
        let other = "Rasool said the PMF would stay in Iraq.";
        // (documents as (id, text), whether each is analysed): a copy is skipped, the copy
        // kept is analysed, and a document given twice is analysed both times (its first
        // arrival counts, and which arrival is first is for counting to say).
        type Case<'a> = (&'a str, &'a [(&'a str, &'a str)], &'a [bool]);
        let cases: &[Case] = &[
            ("distinct", &[("a", met), ("b", other)], &[true, true]),
            ("a copy", &[("a", met), ("b", met)], &[true, false]),
            ("copy first", &[("b", met), ("a", met)], &[false, true]),
            ("given twice", &[("a", met), ("a", met)], &[true, true]),
        ];
        for (name, given, analysed) in cases {
            let docs: Vec<Document> = given.iter().map(|(i, t)| Document::new(*i, *t)).collect();
            let mut survey = crate::scan::Survey::new(&crate::scan::ScanOptions::default());
            survey.add_batch(&docs).unwrap();
            let scan = survey.decide().unwrap();
            let analyses =
                analyze_batch_with(&docs, &tagger, LineBreaks::Auto, &scan.zone_rules(), None);
            let got: Vec<bool> = analyses.iter().map(|a| !a.sentences.is_empty()).collect();
            assert_eq!(got, *analysed, "{name}");
        }
    }
}
