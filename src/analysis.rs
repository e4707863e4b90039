//! One document's analysis: its mentions, each placed in a sentence and a paragraph.
//!
//! The order of work matters: mentions are found first, so the sentence splitter can refuse to
//! cut through a tagged name ("Mohammed S. Al-Sudani"); then each mention is placed in its
//! sentence by one linear merge of the two sorted lists. Last, each sentence gets its
//! [`Zone`] (headline, body, boilerplate; see [`crate::zone`]).

use std::borrow::Cow;

use chrono::NaiveDate;

use crate::input::Document;
use crate::sentence::{self, LineBreaks, Sentence};
use crate::tagger::{Mention, RoleMention, Scratch, Tagger};
use crate::zone::{self, Linking, Zone, ZoneRules};

/// A mention placed in the document's structure.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Placed {
    /// The span and actor.
    pub mention: Mention,
    /// 0-based sentence index within the document.
    pub sentence: u32,
    /// 0-based paragraph index within the document.
    pub paragraph: u32,
}

/// The analysis of one document.
#[derive(Debug, Clone, Default)]
pub struct Analysis {
    /// Sentences tiling the document.
    pub sentences: Vec<Sentence>,
    /// Mentions in document order; a resolved role mention is a mention of the holder with
    /// `mention.role` set.
    pub mentions: Vec<Placed>,
    /// Role mentions with no holder on the document's date (or no date): counted, never
    /// linked. Each with its sentence index, in document order.
    pub unresolved: Vec<(RoleMention, u32)>,
    /// The zone of each sentence (same length as `sentences`).
    pub zones: Vec<Zone>,
    /// Typed relations, sorted by cue offset: filled by [`crate::pipeline`] when the run
    /// extracts relations (`build --edges relations|both`), empty otherwise.
    pub relations: Vec<crate::relation::Relation>,
}

impl Analysis {
    /// The zone of sentence `i` (body when out of range).
    pub fn zone(&self, sentence: u32) -> Zone {
        self.zones
            .get(sentence as usize)
            .copied()
            .unwrap_or_default()
    }

    /// The analysis as counting sees it: mentions (resolved or not) in zones that `linking`
    /// leaves out of the graph are dropped (they stay in `tag` output). Borrowed when nothing is dropped.
    pub fn for_linking(&self, linking: &Linking) -> Cow<'_, Analysis> {
        let links = |sentence: u32| linking.links(self.zone(sentence));
        if self.mentions.iter().all(|p| links(p.sentence))
            && self.relations.iter().all(|r| links(r.sentence))
            && self.unresolved.iter().all(|r| links(r.1))
        {
            return Cow::Borrowed(self);
        }
        let mut a = self.clone();
        a.mentions.retain(|p| links(p.sentence));
        a.relations.retain(|r| links(r.sentence));
        a.unresolved.retain(|r| links(r.1));
        Cow::Owned(a)
    }
}

/// Tags, splits and zones one document (role mentions resolve on its date). A record's title
/// is the headline when the reader put it at the start of the text (see `docs/inputs.md`).
pub fn analyze_document(
    doc: &Document,
    tagger: &Tagger,
    line_breaks: LineBreaks,
    rules: &ZoneRules<'_>,
    scratch: &mut Scratch,
) -> Analysis {
    let title_end = doc.title_end();
    analyze_with(
        &doc.text,
        doc.date,
        tagger,
        line_breaks,
        title_end,
        rules,
        scratch,
    )
}

/// Tags, splits and zones `text`, published on `date` (role mentions resolve to the holder
/// that day), with the embedded boilerplate cues.
pub fn analyze(
    text: &str,
    date: Option<NaiveDate>,
    tagger: &Tagger,
    line_breaks: LineBreaks,
    scratch: &mut Scratch,
) -> Analysis {
    analyze_with(
        text,
        date,
        tagger,
        line_breaks,
        None,
        &ZoneRules::default(),
        scratch,
    )
}

/// Tags, splits and zones `text` published on `date`; `title_end` is where a title at the start of the text ends.
pub fn analyze_with(
    text: &str,
    date: Option<NaiveDate>,
    tagger: &Tagger,
    line_breaks: LineBreaks,
    title_end: Option<usize>,
    rules: &ZoneRules<'_>,
    scratch: &mut Scratch,
) -> Analysis {
    let mut mentions = Vec::new();
    let mut roles = Vec::new();
    tagger.tag_dated(text, date, scratch, &mut mentions, &mut roles);
    let sentences = sentence::split_with_title(text, &mentions, line_breaks, title_end);
    let zones = zone::zones(text, &sentences, title_end, rules);
    let mut placed = Vec::with_capacity(mentions.len());
    let mut si = 0;
    for m in mentions {
        while si + 1 < sentences.len() && sentences[si].end <= m.start {
            si += 1;
        }
        placed.push(Placed {
            mention: m,
            sentence: si as u32,
            paragraph: sentences[si].paragraph,
        });
    }
    let unresolved = roles
        .into_iter()
        .map(|r| {
            let si = sentences.partition_point(|s| s.end <= r.start);
            (r, si.min(sentences.len().saturating_sub(1)) as u32)
        })
        .collect();
    Analysis {
        sentences,
        mentions: placed,
        unresolved,
        zones,
        relations: Vec::new(),
    }
}
