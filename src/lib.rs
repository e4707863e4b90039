//! actorgraph turns news text into actor networks.
//!
//! The pipeline, one module per step:
//!
//! 1. [`gazetteer`] — actors and their aliases, validated with `file:line:col` errors;
//! 2. [`normalize`] — case, dashes, apostrophes, white space and NFD, with a map back to
//!    original byte offsets;
//! 3. [`tagger`] — one Aho-Corasick automaton; whole words; leftmost-longest mentions;
//! 4. [`sentence`] — a linear-time splitter for news copy; sentences tile the document;
//! 5. [`analysis`] — mentions placed in sentences and paragraphs, each sentence in a
//!    [`zone`] (headline, body, boilerplate);
//! 6. [`input`] — files, directories, JSON Lines, CSV, gzip and stdin, streamed in batches
//!    ([`fields`] maps record fields, [`sidecar`] dates plain-text files); [`dedup`] finds
//!    duplicate and syndicated documents in a mergeable first pass ([`scan`], its records
//!    kept on disk by [`spill`], saved by [`scanfile`]);
//! 7. [`pipeline`] — batches analysed on every core, handed on in corpus order;
//! 8. [`relation`] — typed, directed relations (meet, attack, ...) from cue words, with evidence;
//! 9. [`counter`] → [`counts`] — co-occurrences counted by stable ids into a mergeable value
//!    (saved by [`partial`], merged in any order);
//! 10. [`run`] — the whole run as one library call: settings and documents in, counts out;
//! 11. [`graph`] — counts finished into a network: scores, evidence and filters (petgraph);
//!     [`period`] gives weights per day, week, month or year; [`empty`] says why a graph has
//!     no link;
//! 12. [`query`] — neighbours, paths, centralities, communities, stats;
//! 13. [`export`] — writers for every output format; [`output`] makes files atomic.
//!
//! Warnings are values ([`warning`]); the map of the code is `docs/architecture.md`.
//!
//! ```
//! use actorgraph::{analysis::analyze, gazetteer::Gazetteer, sentence::LineBreaks, tagger::{Scratch, Tagger}};
//!
//! let gazetteer = Gazetteer::embedded();
//! let tagger = Tagger::new(&gazetteer).unwrap();
//! let text = "Maj. Gen. JB Vowell met Al‑Sudani. Kataib Hezbollah was not invited.";
//! let a = analyze(text, None, &tagger, LineBreaks::Auto, &mut Scratch::default());
//! let found: Vec<(&str, &str, u32)> = a
//!     .mentions
//!     .iter()
//!     .map(|p| (&text[p.mention.start..p.mention.end], gazetteer.actor(p.mention.actor).id.as_str(), p.sentence))
//!     .collect();
//! assert_eq!(found, [("JB Vowell", "vowell", 0), ("Al‑Sudani", "sudani", 0), ("Kataib Hezbollah", "kataib_hezbollah", 1)]);
//! ```

#![warn(missing_docs)]

pub mod analysis;
pub mod counter;
pub mod counts;
pub mod dedup;
pub mod empty;
pub mod error;
pub mod export;
pub mod fields;
pub mod gazetteer;
pub mod graph;
pub mod import;
pub mod input;
pub mod normalize;
pub mod output;
pub mod partial;
pub mod period;
pub mod pipeline;
pub mod query;
pub mod relation;
pub mod run;
pub mod scan;
pub mod scanfile;
pub mod sentence;
pub mod sidecar;
pub mod spill;
pub mod tagger;
pub mod warning;
pub mod zone;

pub use error::{Error, Result};
