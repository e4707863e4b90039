//! Duplicate documents: exact copies and syndicated near copies count once.
//!
//! The work is split so that it gives the same answer however the corpus is split (one run,
//! `--partial` + `merge`, Spark partitions): a [`Signature`] is computed from one document
//! alone (40 bytes), and [`decide`] is one pass over all signatures, in an order that depends
//! only on the documents (date, then id) — never on arrival. Design, parameters and measured
//! error rates: `docs/duplicates.md`.
//!
//! - **Exact**: a 64-bit hash of the text with white space normalised (runs of white space are
//!   one space; leading and trailing white space dropped).
//! - **Near**: one-permutation MinHash over 5-word shingles of the lower-cased words (64 bins,
//!   densified by rotation), cut into 16 bands of 4 bins, each band hashed to 16 bits. Two
//!   documents are near copies when at least [`MIN_BANDS`] bands agree: the probability is
//!   `P(≥4 of 16)` with `p = J⁴` per band: 0.9998 at Jaccard 0.9, 0.94 at 0.8, 0.14 at 0.6
//!   and 0.015 at 0.5.

use rustc_hash::FxHashMap;

use chrono::NaiveDate;

/// Number of words per shingle.
pub const SHINGLE_WORDS: usize = 5;
/// MinHash bins.
const BINS: usize = 64;
/// Bands of [`ROWS`] bins each.
pub const BANDS: usize = 16;
const ROWS: usize = BINS / BANDS;
/// Bands that must agree for two documents to be near copies.
pub const MIN_BANDS: usize = 4;
/// Documents with fewer words are compared exactly only (too short to be a syndicated story).
pub const MIN_WORDS: u32 = 20;
/// Fixed seed, so signatures are the same on every machine and in every version that keeps it.
const SEED: u64 = 0x6163_746f_7267_7270; // "actorgrp"

/// What one document contributes to the duplicate decision: 40 bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Signature {
    /// Hash of the white-space-normalised text.
    pub exact: u64,
    /// Band hashes of the MinHash sketch.
    pub bands: [u16; BANDS],
    /// Number of words (documents under [`MIN_WORDS`] are only compared exactly).
    pub words: u32,
}

/// A stable 64-bit hash (FNV-1a, then a SplitMix64 finaliser), seeded.
pub fn hash_bytes(bytes: &[u8], seed: u64) -> u64 {
    let h = bytes.iter().fold(0xcbf2_9ce4_8422_2325 ^ seed, |h, &b| {
        (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
    });
    mix(h)
}

fn mix(mut h: u64) -> u64 {
    h ^= h >> 30;
    h = h.wrapping_mul(0xbf58_476d_1ce4_e5b9);
    h ^= h >> 27;
    h = h.wrapping_mul(0x94d0_49bb_1331_11eb);
    h ^ (h >> 31)
}

/// A byte-stream hash that packs 8 bytes into a word before each multiply: one dependent
/// multiply per 8 bytes instead of one per byte (FNV), which is what made the first pass slow.
#[derive(Clone, Copy)]
struct Pack {
    h: u64,
    acc: u64,
    n: u64,
}

impl Pack {
    const fn new(seed: u64) -> Pack {
        Pack {
            h: seed,
            acc: 0,
            n: 0,
        }
    }

    #[inline]
    fn push(&mut self, b: u8) {
        self.acc = (self.acc << 8) | u64::from(b);
        self.n += 1;
        if self.n % 8 == 0 {
            self.h = (self.h ^ self.acc)
                .wrapping_mul(0x9e37_79b9_7f4a_7c15)
                .rotate_left(29);
            self.acc = 0;
        }
    }

    /// The 8 bytes of a whole word, as 8 `push`es would leave them.
    #[inline]
    fn push_word(&mut self, w: u64) {
        debug_assert!(self.n % 8 == 0 && self.acc == 0);
        self.n += 8;
        self.h = (self.h ^ w)
            .wrapping_mul(0x9e37_79b9_7f4a_7c15)
            .rotate_left(29);
    }

    /// `push` of every byte of `s` (mapped by `f`), 8 bytes per step once aligned: the same
    /// value, without a branch per byte.
    #[inline]
    fn push_slice(&mut self, s: &[u8], f: impl Fn(u8) -> u8) {
        let mut s = s;
        while self.n % 8 != 0 {
            let Some((&b, rest)) = s.split_first() else {
                return;
            };
            self.push(f(b));
            s = rest;
        }
        let mut chunks = s.chunks_exact(8);
        for c in &mut chunks {
            let w: [u8; 8] = std::array::from_fn(|i| f(c[i]));
            self.push_word(u64::from_be_bytes(w));
        }
        for &b in chunks.remainder() {
            self.push(f(b));
        }
    }

    fn finish(&self) -> u64 {
        mix(self.h ^ mix(self.acc ^ self.n.rotate_left(56)))
    }
}

/// The signature of one document's text: one pass over its bytes. (Two passes that hash 8
/// bytes per step were measured slower: news words average 5 bytes.)
///
/// Words are runs of ASCII letters and digits and non-ASCII bytes (so "Sudani’s" is one word),
/// ASCII letters compared without case; white space for the exact hash is ASCII white space.
pub fn signature(text: &str) -> Signature {
    let mut exact = Pack::new(SEED);
    let mut space = false;
    let mut started = false;
    let mut mins = [u64::MAX; BINS];
    let mut window = [0u64; SHINGLE_WORDS];
    let mut words = 0u32;
    let mut word = Pack::new(SEED);
    let mut in_word = false;
    let shingle = |window: &[u64; SHINGLE_WORDS], n: usize, mins: &mut [u64; BINS]| {
        let h = mix(window[SHINGLE_WORDS - n..]
            .iter()
            .enumerate()
            .fold(SEED, |h, (i, &w)| h ^ w.rotate_left(13 * i as u32)));
        let bin = (h >> 58) as usize;
        let v = h & ((1 << 58) - 1);
        if v < mins[bin] {
            mins[bin] = v;
        }
    };
    let mut end_word = |word: &mut Pack, words: &mut u32, window: &mut [u64; SHINGLE_WORDS]| {
        // A plain shift: `rotate_left` is a generic memmove, slow for 5 words.
        for i in 1..SHINGLE_WORDS {
            window[i - 1] = window[i];
        }
        // The packed bytes are the word itself up to 8 bytes; the shingle hash mixes them.
        window[SHINGLE_WORDS - 1] = word.h ^ word.acc ^ word.n.rotate_right(8);
        *word = Pack::new(SEED);
        *words += 1;
        if *words as usize >= SHINGLE_WORDS {
            shingle(window, SHINGLE_WORDS, &mut mins);
        }
    };
    for &b in text.as_bytes() {
        if b.is_ascii_whitespace() {
            space = started;
        } else {
            if space {
                exact.push(b' ');
                space = false;
            }
            exact.push(b);
            started = true;
        }
        if b.is_ascii_alphanumeric() || b >= 0x80 {
            word.push(b.to_ascii_lowercase());
            in_word = true;
        } else if in_word {
            end_word(&mut word, &mut words, &mut window);
            in_word = false;
        }
    }
    if in_word {
        end_word(&mut word, &mut words, &mut window);
    }
    if words > 0 && (words as usize) < SHINGLE_WORDS {
        shingle(&window, words as usize, &mut mins);
    }
    densify(&mut mins);
    let bands = std::array::from_fn(|b| {
        let h = mins[b * ROWS..(b + 1) * ROWS]
            .iter()
            .fold(SEED ^ b as u64, |h, &v| mix(h ^ v));
        (h >> 48) as u16
    });
    Signature {
        exact: exact.finish(),
        bands,
        words,
    }
}

/// A stable 64-bit hash of `bytes` (8 bytes per multiply), seeded.
pub fn fast_hash(bytes: &[u8], seed: u64) -> u64 {
    let mut p = Pack::new(seed);
    p.push_slice(bytes, |b| b);
    p.finish()
}

/// Fills empty bins from the next non-empty bin to the right (circularly), offset by the
/// distance, so that two documents with the same shingles fill them the same way
/// (rotation densification, Shrivastava & Li 2014).
fn densify(mins: &mut [u64; BINS]) {
    if mins.iter().all(|&v| v == u64::MAX) {
        return;
    }
    let orig = *mins;
    for i in 0..BINS {
        if orig[i] != u64::MAX {
            continue;
        }
        let mut d = 1;
        while orig[(i + d) % BINS] == u64::MAX {
            d += 1;
        }
        mins[i] = mix(orig[(i + d) % BINS] ^ (d as u64).wrapping_mul(0x9e37_79b9_7f4a_7c15));
    }
}

/// Whether two signatures are near copies (at least [`MIN_BANDS`] bands agree).
pub fn near(a: &Signature, b: &Signature) -> bool {
    a.words >= MIN_WORDS
        && b.words >= MIN_WORDS
        && a.bands.iter().zip(&b.bands).filter(|(x, y)| x == y).count() >= MIN_BANDS
}

/// One document as the decision sees it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Candidate {
    /// Document id.
    pub id: String,
    /// Publication date.
    pub date: Option<NaiveDate>,
    /// Its signature.
    pub signature: Signature,
}

/// How a duplicate matched its kept copy.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Match {
    /// Same text after white-space normalisation.
    Exact,
    /// Near copy (MinHash bands).
    Near,
}

/// A document set aside, and the copy that was kept.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Duplicate {
    /// The document set aside.
    pub id: String,
    /// The kept copy.
    pub kept: String,
    /// How it matched.
    pub how: Match,
}

/// The outcome: every document set aside, sorted by id.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Duplicates {
    /// Sorted by id.
    pub list: Vec<Duplicate>,
}

impl Duplicates {
    /// Whether the document `id` is set aside.
    pub fn contains(&self, id: &str) -> bool {
        self.list
            .binary_search_by(|d| d.id.as_str().cmp(id))
            .is_ok()
    }

    /// Number of documents set aside.
    pub fn len(&self) -> usize {
        self.list.len()
    }

    /// No document was set aside.
    pub fn is_empty(&self) -> bool {
        self.list.is_empty()
    }
}

/// The documents kept so far, indexed by exact hash and by band, to find the copy a new
/// document matches. Memory: the signatures' bands and hashes, ~60 bytes per kept document.
#[derive(Debug, Default)]
pub struct Index {
    exact: FxHashMap<u64, u32>,
    bands: FxHashMap<(u8, u16), Vec<u32>>,
    hits: Vec<u32>,
}

impl Index {
    /// The kept document `sig` copies (the smallest slot among near matches), or `None`, in
    /// which case `sig` is kept under `slot`.
    pub fn find_or_insert(&mut self, sig: &Signature, slot: u32) -> Option<(u32, Match)> {
        if let Some(&k) = self.exact.get(&sig.exact) {
            return Some((k, Match::Exact));
        }
        if sig.words >= MIN_WORDS {
            self.hits.clear();
            for (b, &v) in sig.bands.iter().enumerate() {
                if let Some(slots) = self.bands.get(&(b as u8, v)) {
                    self.hits.extend_from_slice(slots);
                }
            }
            // The smallest slot found in at least MIN_BANDS bands.
            self.hits.sort_unstable();
            let near = self
                .hits
                .chunk_by(|a, b| a == b)
                .find(|run| run.len() >= MIN_BANDS)
                .map(|run| run[0]);
            if let Some(k) = near {
                return Some((k, Match::Near));
            }
            for (b, &v) in sig.bands.iter().enumerate() {
                self.bands.entry((b as u8, v)).or_default().push(slot);
            }
        }
        self.exact.insert(sig.exact, slot);
        None
    }
}

/// For every candidate, the candidate it copies (its index in `docs`) and how, or `None` when
/// it is kept. Documents are taken earliest dated first (undated last), ties by id, then by
/// exact hash; each is a copy of the first kept document it matches exactly or nearly, else
/// kept. The result depends only on the set of candidates, not on their order in `docs`.
pub fn matches(docs: &[&Candidate]) -> Vec<Option<(usize, Match)>> {
    let mut order: Vec<usize> = (0..docs.len()).collect();
    order.sort_by(|&a, &b| {
        let (a, b) = (&docs[a], &docs[b]);
        (a.date.is_none(), a.date, &a.id, a.signature.exact).cmp(&(
            b.date.is_none(),
            b.date,
            &b.id,
            b.signature.exact,
        ))
    });
    let mut index = Index::default();
    let mut out = vec![None; docs.len()];
    for (rank, &i) in order.iter().enumerate() {
        if let Some((k, how)) = index.find_or_insert(&docs[i].signature, rank as u32) {
            out[i] = Some((order[k as usize], how));
        }
    }
    out
}

/// Decides which documents are copies of another ([`matches`]), as a sorted list.
pub fn decide(docs: Vec<Candidate>) -> Duplicates {
    let refs: Vec<&Candidate> = docs.iter().collect();
    let mut list: Vec<Duplicate> = matches(&refs)
        .into_iter()
        .zip(&docs)
        .filter_map(|(m, d)| {
            m.map(|(k, how)| Duplicate {
                id: d.id.clone(),
                kept: docs[k].id.clone(),
                how,
            })
        })
        .collect();
    list.sort();
    Duplicates { list }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cand(id: &str, date: Option<&str>, text: &str) -> Candidate {
        Candidate {
            id: id.into(),
            date: date.map(|d| d.parse().unwrap()),
            signature: signature(text),
        }
    }

    const STORY: &str = "Iraq said on Sunday it had resumed talks with the United States on \
        the future of the anti-extremist coalition, expressing hope that they would not be \
        disrupted and lead to an outcome soon. A first round of talks opened on January 27 but \
        was swiftly suspended after a drone attack killed three US military personnel at a base \
        in Jordan the following day, leading to US reprisal strikes.\n\nThe supreme Iraqi \
        military commission resumed on Sunday its meetings with international coalition forces \
        in Baghdad, General Yehia Rasool said in a statement. Further meetings are planned \
        in the coming weeks, he added, without giving dates.";

    #[test]
    fn signature_table() {
        // (name, a, b, same exact hash, near)
        let trimmed = STORY.rsplit_once("Further").unwrap().0;
        let cases: &[(&str, &str, String, bool, bool)] = &[
            ("identical", STORY, STORY.into(), true, true),
            (
                "white space only",
                STORY,
                STORY.replace(' ', "  \n"),
                true,
                true,
            ),
            ("case differs", STORY, STORY.to_uppercase(), false, true),
            (
                "new headline",
                STORY,
                format!("Talks resume in Baghdad\n\n{STORY}"),
                false,
                true,
            ),
            (
                "last paragraph trimmed",
                STORY,
                format!("Iraq and US talk again\n\n{trimmed}"),
                false,
                true,
            ),
            (
                "short and different",
                "Iraq met Iran.",
                "Iraq met Syria.".into(),
                false,
                false,
            ),
            (
                "short and equal",
                "Iraq met Iran.",
                "Iraq  met Iran.".into(),
                true,
                false,
            ),
            (
                "other report of the same event",
                STORY,
                "Baghdad resumed its talks with Washington about the coalition's future on \
                 Sunday, two weeks after the first round was halted by a deadly drone strike on \
                 American troops in Jordan. Military spokesman Yehia Rasool said the commission \
                 met coalition officers in the capital and would meet again soon."
                    .into(),
                false,
                false,
            ),
        ];
        for (name, a, b, same, is_near) in cases {
            let (sa, sb) = (signature(a), signature(b));
            assert_eq!(sa.exact == sb.exact, *same, "{name}: exact");
            assert_eq!(near(&sa, &sb), *is_near, "{name}: near");
        }
    }

    #[test]
    fn decision_table() {
        let copy = format!("New headline\n\n{STORY}");
        let other = "An entirely different report about elections in Moldova, where the \
            ruling party lost its majority after a campaign dominated by prices, energy and the \
            war in neighbouring Ukraine, observers said on Monday."
            .to_owned();
        // (name, candidates, expected (id, kept, how))
        type Case<'a> = (&'a str, Vec<Candidate>, Vec<(&'a str, &'a str, Match)>);
        let cases: Vec<Case> = vec![
            (
                "no duplicates",
                vec![cand("a", None, STORY), cand("b", None, &other)],
                vec![],
            ),
            (
                "earliest dated is kept",
                vec![
                    cand("a", Some("2024-02-12"), STORY),
                    cand("b", Some("2024-02-11"), STORY),
                    cand("c", None, STORY),
                ],
                vec![("a", "b", Match::Exact), ("c", "b", Match::Exact)],
            ),
            (
                "undated: smallest id is kept",
                vec![cand("z", None, STORY), cand("m", None, &copy)],
                vec![("z", "m", Match::Near)],
            ),
            (
                "copies of a copy point at the kept one",
                vec![
                    cand("1", None, STORY),
                    cand("2", None, &copy),
                    cand("3", None, STORY),
                ],
                vec![("2", "1", Match::Near), ("3", "1", Match::Exact)],
            ),
        ];
        for (name, docs, expected) in cases {
            let mut reversed = docs.clone();
            reversed.reverse();
            let got = decide(docs);
            let want: Vec<Duplicate> = expected
                .iter()
                .map(|&(id, kept, how)| Duplicate {
                    id: id.into(),
                    kept: kept.into(),
                    how,
                })
                .collect();
            assert_eq!(got.list, want, "{name}");
            assert_eq!(decide(reversed), got, "{name}: order must not matter");
            for d in &want {
                assert!(got.contains(&d.id), "{name}");
                assert!(!got.contains(&d.kept), "{name}");
            }
        }
    }

    #[test]
    fn hashing_8_bytes_per_step_equals_hashing_each_byte() {
        let mut rng = fastrand::Rng::with_seed(7);
        for len in 0..200 {
            let bytes: Vec<u8> = (0..len).map(|_| rng.u8(..)).collect();
            for start in 0..9.min(len + 1) {
                let (mut a, mut b) = (Pack::new(SEED), Pack::new(SEED));
                for &x in &bytes[..start] {
                    a.push(x);
                    b.push(x);
                }
                for &x in &bytes[start..] {
                    a.push(x.to_ascii_lowercase());
                }
                b.push_slice(&bytes[start..], |x| x.to_ascii_lowercase());
                assert_eq!(a.finish(), b.finish(), "len {len}, start {start}");
            }
        }
    }

    #[test]
    fn signatures_are_stable_across_versions() {
        // A changed hash or seed would silently break partials saved by an earlier build.
        let s = signature("Iraq said on Sunday it had resumed talks with the United States.");
        assert_eq!(s.words, 12);
        assert_eq!(
            (s.exact, s.bands[0], s.bands[15]),
            (0xcaf7_9881_beeb_a3f2, 0x81d9, 0xfbe2)
        );
        assert_eq!(std::mem::size_of::<Signature>(), 48);
    }
}
