//! One document's analysis: its mentions, each placed in a sentence and a paragraph.
//!
//! The order of work matters: mentions are found first, so the sentence splitter can refuse to
//! cut through a tagged name ("Mohammed S. Al-Sudani"); then each mention is placed in its
//! sentence by one linear merge of the two sorted lists.

use chrono::NaiveDate;

use crate::sentence::{self, LineBreaks, Sentence};
use crate::tagger::{Mention, RoleMention, Scratch, Tagger};

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
    /// Typed relations, sorted by cue offset: filled by [`crate::pipeline`] when the run
    /// extracts relations (`build --edges relations|both`), empty otherwise.
    pub relations: Vec<crate::relation::Relation>,
}

/// Tags and splits `text`, published on `date` (role mentions resolve to the holder that day).
pub fn analyze(
    text: &str,
    date: Option<NaiveDate>,
    tagger: &Tagger,
    line_breaks: LineBreaks,
    scratch: &mut Scratch,
) -> Analysis {
    let mut mentions = Vec::new();
    let mut roles = Vec::new();
    tagger.tag_dated(text, date, scratch, &mut mentions, &mut roles);
    let sentences = sentence::split(text, &mentions, line_breaks);
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
        relations: Vec::new(),
    }
}
