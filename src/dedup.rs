//! Duplicate documents: exact copies and syndicated near copies count once.
//!
//! The work is split so that it gives the same answer however the corpus is split (one run,
//! `--partial` + `merge`, Spark partitions): a [`Signature`] is computed from one document
//! alone (80 bytes), and [`decide`] is one pass over all signatures, in an order that depends
//! only on the documents (date, then id) — never on arrival: sieves set aside the documents
//! that share nothing with another (`sieve`), and an index by pairs of band values
//! ([`Index`]) finds the copy each of the others makes. Design, parameters and measured error
//! rates: `docs/duplicates.md`.
//!
//! - **Exact**: a 64-bit hash of the text's words (runs of bytes other than space and control
//!   characters): white space normalised, every other byte as it is.
//! - **Near**: one-permutation MinHash over 5-word shingles of the case-folded words (64 bins,
//!   densified by rotation), cut into 16 bands of 4 bins, each band hashed to 32 bits. Two
//!   documents are near copies when at least [`MIN_BANDS`] bands agree: the probability is
//!   `P(≥4 of 16)` with `p = J⁴` per band: 0.9998 at Jaccard 0.9, 0.94 at 0.8, 0.14 at 0.6
//!   and 0.015 at 0.5.

use rustc_hash::FxHashMap;

use chrono::NaiveDate;

/// Number of words per shingle.
pub const SHINGLE_WORDS: usize = 5;
/// MinHash bins.
const BINS: usize = 64;
/// Bands of `ROWS` bins each.
pub const BANDS: usize = 16;
const ROWS: usize = BINS / BANDS;
/// Bands that must agree for two documents to be near copies.
pub const MIN_BANDS: usize = 4;
/// Documents with fewer words are compared exactly only (too short to be a syndicated story).
pub const MIN_WORDS: u32 = 20;
/// Fixed seed, so signatures are the same on every machine and in every version that keeps it.
const SEED: u64 = 0x6163_746f_7267_7270; // "actorgrp"

/// What one document contributes to the duplicate decision: 80 bytes. Bands are 32 bits so
/// that the decision's index stays a few documents per bucket at tens of millions of
/// documents (16-bit bands put N/65,536 documents in every bucket: 10 s to decide a million
/// documents, 160 s for three million; `benches/decide.rs`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Signature {
    /// Hash of the white-space-normalised text.
    pub exact: u64,
    /// Band hashes of the MinHash sketch.
    pub bands: [u32; BANDS],
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

/// The signature of one document's text: one pass over its words, 8 bytes per step.
///
/// Words are runs of bytes other than separators (space and the control characters, bytes up
/// to `0x20`), so punctuation belongs to the word it touches. The exact hash reads each word's
/// bytes as they are; the shingles read them with ASCII letters folded to lower case (the
/// `0x20` bit set on every byte: it also pairs a few punctuation marks and non-ASCII bytes,
/// which only makes the fold coarser, never changes what is exact). A word is read 8 bytes at a
/// time and its end found in the same 8 bytes (SWAR: no branch per byte), which is what makes
/// this pass several times faster than one that looks at every byte (`docs/duplicates.md`).
pub fn signature(text: &str) -> Signature {
    const FOLD: u64 = 0x2020_2020_2020_2020;
    let bytes = text.as_bytes();
    let mut exact = SEED;
    let mut mins = [u64::MAX; BINS];
    // The last words in a ring, and their shingle hash kept up to date as it rolls.
    let mut ring = [0u64; SHINGLE_WORDS];
    let mut rolled = 0u64;
    let mut words = 0u32;
    let mut pos = skip_separators(bytes, 0);
    while pos < bytes.len() {
        let mut word = SEED;
        loop {
            let w = load8(bytes, pos);
            let k = first_separator(w);
            if k == 8 {
                exact = step(exact, w, CONTINUE);
                word = step(word, w | FOLD, CONTINUE);
                pos += 8;
            } else {
                let keep = (1u64 << (8 * k)) - 1;
                let c = w & keep;
                exact = step(exact, c, LAST);
                word = step(word, (c | FOLD) & keep, LAST);
                pos += k;
                break;
            }
        }
        // The word leaving the window gives up its place; every other one turns by one step.
        let slot = words as usize % SHINGLE_WORDS;
        rolled = (rolled ^ ring[slot]).rotate_right(ROTATION)
            ^ word.rotate_left(ROTATION * (SHINGLE_WORDS as u32 - 1));
        ring[slot] = word;
        words += 1;
        if words as usize >= SHINGLE_WORDS {
            into_bin(rolled, &mut mins);
        }
        pos = skip_separators(bytes, pos);
    }
    if words > 0 && (words as usize) < SHINGLE_WORDS {
        // Fewer words than a shingle: the one shingle of all of them.
        let n = words as usize;
        into_bin(folded(&ring[..n]), &mut mins);
    }
    densify(&mut mins);
    let bands = bands(&mins);
    Signature {
        exact: mix(exact ^ u64::from(words)),
        bands,
        words,
    }
}

/// The 64 minima cut into [`BANDS`] bands of [`ROWS`], each hashed to 32 bits.
fn bands(mins: &[u64; BINS]) -> [u32; BANDS] {
    std::array::from_fn(|b| {
        let h = mins[b * ROWS..(b + 1) * ROWS]
            .iter()
            .fold(SEED ^ b as u64, |h, &v| mix(h ^ v));
        (h >> 32) as u32
    })
}

/// Multipliers of a word's inner and last 8-byte steps (the last one differs, so that where a
/// word ends is part of the hash: "abcdefgh i" is not "abcdefghi").
const CONTINUE: u64 = 0x9e37_79b9_7f4a_7c15;
const LAST: u64 = 0xc2b2_ae3d_27d4_eb4f;

#[inline]
fn step(h: u64, w: u64, k: u64) -> u64 {
    (h ^ w).wrapping_mul(k).rotate_left(29)
}

/// Rotation between neighbouring words of a shingle.
const ROTATION: u32 = 13;

/// The shingle hash of `words` (oldest first): word `i` turned by `i` rotations. The rolling
/// hash of [`signature`] keeps this value for the last [`SHINGLE_WORDS`] words.
fn folded(words: &[u64]) -> u64 {
    words
        .iter()
        .enumerate()
        .fold(0, |h, (i, &w)| h ^ w.rotate_left(ROTATION * i as u32))
}

/// A shingle hash into its bin's minimum.
#[inline]
fn into_bin(shingle: u64, mins: &mut [u64; BINS]) {
    let h = mix(SEED ^ shingle);
    let bin = (h >> 58) as usize;
    // Branch-free: which shingle lowers a bin is unpredictable.
    mins[bin] = mins[bin].min(h & ((1 << 58) - 1));
}

/// Is a separator: space or a control character.
#[inline]
fn is_separator(b: u8) -> bool {
    b <= 0x20
}

#[inline]
fn skip_separators(bytes: &[u8], mut pos: usize) -> usize {
    while bytes.get(pos).is_some_and(|&b| is_separator(b)) {
        pos += 1;
    }
    pos
}

/// The 8 bytes at `pos` as a little-endian word, zero-padded past the end (zero is a
/// separator, so a word never runs past the text).
#[inline]
fn load8(bytes: &[u8], pos: usize) -> u64 {
    match bytes.get(pos..pos + 8) {
        Some(s) => u64::from_le_bytes(s.try_into().expect("8 bytes")),
        None => {
            let mut buf = [0u8; 8];
            let rest = &bytes[pos..];
            buf[..rest.len()].copy_from_slice(rest);
            u64::from_le_bytes(buf)
        }
    }
}

/// The index of the first separator byte of `w` (little-endian), 8 if there is none. The
/// lowest flagged byte is exact: a byte below `0x21` borrows when `0x21` is taken from it, and
/// a borrow only moves towards higher bytes.
#[inline]
fn first_separator(w: u64) -> usize {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGHS: u64 = 0x8080_8080_8080_8080;
    let m = w.wrapping_sub(ONES * 0x21) & !w & HIGHS;
    (m.trailing_zeros() / 8) as usize
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

    /// Whether the document `id` was given more than once with the same text: it is its own
    /// kept copy, so the first time it comes it counts and only the repeats are set aside.
    pub fn is_repeat_of_itself(&self, id: &str) -> bool {
        let from = self.list.partition_point(|d| d.id.as_str() < id);
        self.list[from..]
            .iter()
            .take_while(|d| d.id == id)
            .any(|d| d.kept == id)
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

/// Bands are grouped for the index in `MIN_BANDS - 1` groups of consecutive bands (sizes
/// differing by at most one), so that any [`MIN_BANDS`] bands hold two in one group.
const GROUPS: usize = MIN_BANDS - 1;

const fn group_start(g: usize) -> usize {
    g * BANDS / GROUPS
}

const fn pair_count() -> usize {
    let (mut n, mut g) = (0, 0);
    while g < GROUPS {
        let size = group_start(g + 1) - group_start(g);
        n += size * (size - 1) / 2;
        g += 1;
    }
    n
}

/// The pairs of bands within a group: what a document is indexed under (35 for 16 bands in 3
/// groups). Two near copies share at least [`MIN_BANDS`] bands, so at least one pair.
pub const PAIRS: usize = pair_count();

const fn pair_table() -> [(usize, usize); PAIRS] {
    let mut t = [(0, 0); PAIRS];
    let (mut i, mut g) = (0, 0);
    while g < GROUPS {
        let (lo, hi) = (group_start(g), group_start(g + 1));
        let mut a = lo;
        while a < hi {
            let mut b = a + 1;
            while b < hi {
                t[i] = (a, b);
                i += 1;
                b += 1;
            }
            a += 1;
        }
        g += 1;
    }
    t
}

const PAIR_TABLE: [(usize, usize); PAIRS] = pair_table();

/// The hash of the values of a signature's `k`th pair of bands.
fn pair_hash(s: &Signature, k: usize) -> u64 {
    let (a, b) = PAIR_TABLE[k];
    let v = u64::from(s.bands[a]) << 32 | u64::from(s.bands[b]);
    mix(v ^ (k as u64 + 1).wrapping_mul(CONTINUE))
}

/// The documents kept so far, indexed by exact hash and by pair of bands ([`PAIRS`]), to find
/// the copy a new document matches. Pairs, not single bands: documents with common passages
/// share single band values by chance (probability `J⁴` per band for Jaccard `J`), so chains
/// of single bands grew with the corpus and the decision took quadratic time on text made of
/// shared sentences (1.7 s for the 1 GB benchmark corpus); a pair is shared by chance with
/// probability `J⁸`. Each pair has `2^bits` buckets, `bits` growing with the number of
/// documents to decide (from 4 to 20: up to a million, at most one kept document per bucket),
/// so finding the candidates costs a few memory reads per pair. Memory: the bucket heads
/// (`PAIRS × 4 × 2^bits` bytes, made on first use), then 148 bytes per kept document: its
/// slot, per pair the next kept document of the same bucket (chains threaded through one
/// array), and the query that last found it.
#[derive(Debug)]
pub struct Index {
    exact: FxHashMap<u64, u32>,
    bits: u32,
    /// The most recently kept document of each (pair, bucket), or [`NONE`].
    heads: Vec<u32>,
    /// Per kept document, per pair: the kept document before it in the same bucket.
    next: Vec<u32>,
    /// The slot of each kept document.
    slots: Vec<u32>,
    /// Per kept document: the query that last found it (see `query`), so that each is
    /// checked once.
    seen: Vec<u32>,
    /// The number of the current query (from 1: 0 marks no query).
    query: u32,
    /// Kept documents in the current query's buckets.
    candidates: Vec<u32>,
}

/// The end of a bucket's chain.
const NONE: u32 = u32::MAX;

impl Index {
    /// An index for deciding about `n` documents.
    pub fn new(n: usize) -> Index {
        Index {
            exact: FxHashMap::default(),
            bits: (usize::BITS - n.max(1).saturating_sub(1).leading_zeros()).clamp(4, 20),
            heads: Vec::new(),
            next: Vec::new(),
            slots: Vec::new(),
            seen: Vec::new(),
            query: 0,
            candidates: Vec::new(),
        }
    }

    fn bucket(&self, pair: usize, hash: u64) -> usize {
        pair << self.bits | (hash as usize & ((1 << self.bits) - 1))
    }

    /// The kept document `sig` copies (the smallest slot among the kept documents it is
    /// [`near`], `kept` giving the signature kept under a slot), or `None`, in which case
    /// `sig` is kept under `slot`.
    pub fn find_or_insert<'s>(
        &mut self,
        sig: &Signature,
        slot: u32,
        kept: impl Fn(u32) -> &'s Signature,
    ) -> Option<(u32, Match)> {
        if let Some(&k) = self.exact.get(&sig.exact) {
            return Some((k, Match::Exact));
        }
        if sig.words >= MIN_WORDS {
            if self.heads.is_empty() {
                self.heads = vec![NONE; PAIRS << self.bits];
            }
            self.query = self.query.checked_add(1).unwrap_or_else(|| {
                // After 2^32 - 1 queries: forget every mark rather than misread an old one.
                self.seen.fill(0);
                1
            });
            self.candidates.clear();
            let buckets: [usize; PAIRS] =
                std::array::from_fn(|p| self.bucket(p, pair_hash(sig, p)));
            // All heads first: independent reads the processor overlaps (the decision is
            // bound by these cache misses), then the chains.
            let heads: [u32; PAIRS] = std::array::from_fn(|p| self.heads[buckets[p]]);
            for (p, &head) in heads.iter().enumerate() {
                let mut k = head;
                while k != NONE {
                    let seen = &mut self.seen[k as usize];
                    if *seen != self.query {
                        *seen = self.query;
                        self.candidates.push(k);
                    }
                    k = self.next[k as usize * PAIRS + p];
                }
            }
            // Kept documents in a bucket of one of its pairs, smallest slot first (slots grow
            // with `k`); the first that is near (whole band values) is the copy.
            self.candidates.sort_unstable();
            let near = self
                .candidates
                .iter()
                .map(|&k| self.slots[k as usize])
                .find(|&slot| near(sig, kept(slot)));
            if let Some(k) = near {
                return Some((k, Match::Near));
            }
            let k = u32::try_from(self.slots.len()).expect("fewer than 2^32 documents");
            self.slots.push(slot);
            self.seen.push(0);
            for &bucket in &buckets {
                let head = &mut self.heads[bucket];
                self.next.push(*head);
                *head = k;
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
pub fn matches(docs: &[Candidate]) -> Vec<Option<(u32, Match)>> {
    let mut order = sharing(docs);
    order.sort_by(|&a, &b| {
        let key = |i: usize| {
            let d = &docs[i];
            (d.date.is_none(), d.date, &d.id, d.signature.exact)
        };
        key(a).cmp(&key(b))
    });
    let mut index = Index::new(order.len());
    let mut out = vec![None; docs.len()];
    for (rank, &i) in order.iter().enumerate() {
        let kept = |slot: u32| &docs[order[slot as usize]].signature;
        if let Some((k, how)) = index.find_or_insert(&docs[i].signature, rank as u32, kept) {
            out[i] = Some((order[k as usize] as u32, how));
        }
    }
    out
}

/// The documents that can copy or be copied, in `docs` order: the only ones [`matches`] must
/// decide in order. A match needs the same exact hash or [`MIN_BANDS`] equal bands, so a
/// document that shares neither its exact hash nor any *pair* of band values (within one of
/// [`MIN_BANDS`]` - 1` groups of bands: four equal bands put two in the same group) with
/// another document can do neither. Two sieves ([`sieve`]):
///
/// 1. single band values and the exact hash, over every document: in a news corpus most
///    documents share nothing and leave here;
/// 2. pairs of band values, over the documents left: documents with common passages share
///    single band values by chance (probability `J⁴` per band), which made the index's chains
///    grow with the corpus (quadratic time on text made of shared sentences); pairs are
///    shared by chance with probability `J⁸`.
///
/// What is left is usually the copies and their originals, decided in order by the index.
fn sharing(docs: &[Candidate]) -> Vec<usize> {
    let n = docs.len();
    assert!(u32::try_from(n).is_ok(), "fewer than 2^32 documents");
    let exact = |s: &Signature| (s.exact ^ s.exact >> 32) as u32;
    let singles = sieve(
        n,
        |j| j,
        BANDS + 1,
        |i, k| {
            let s = &docs[i].signature;
            s.bands.get(k).copied().unwrap_or_else(|| exact(s))
        },
    );
    sieve(
        singles.len(),
        |j| singles[j],
        PAIRS + 1,
        |i, k| {
            let s = &docs[i].signature;
            match k {
                PAIRS => exact(s),
                k => (pair_hash(s, k) >> 32) as u32,
            }
        },
    )
}

/// What the sieve of a whole corpus keeps of a signature in memory: the low 16 bits of each
/// band and the low 32 bits of the exact hash (36 bytes). Equal signatures' parts are equal,
/// so [`may_match`] keeps every document `sharing` would.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SieveKey {
    bands: [u16; BANDS],
    exact: u32,
}

impl From<&Signature> for SieveKey {
    fn from(s: &Signature) -> SieveKey {
        SieveKey {
            bands: s.bands.map(|b| b as u16),
            exact: s.exact as u32,
        }
    }
}

/// The documents (indices, increasing) that share the low 32 bits of the exact hash, or the
/// low 16 bits of both bands of a pair ([`PAIRS`]), with another: a superset of the
/// documents [`matches()`] must decide in order (a match needs the same exact hash or
/// [`MIN_BANDS`] equal bands, two of them in one group of a pair). The rest are kept. Two
/// 16-bit halves make a 32-bit key, so a pair is shared by chance with probability about
/// `n / 2^32` per document: 0.06% of the documents for 74,420 of them, 8% for ten million.
pub fn may_match(keys: &[SieveKey]) -> Vec<usize> {
    assert!(
        u32::try_from(keys.len()).is_ok(),
        "fewer than 2^32 documents"
    );
    sieve(
        keys.len(),
        |j| j,
        PAIRS + 1,
        |i, k| {
            let key = &keys[i];
            match k {
                PAIRS => key.exact,
                k => {
                    let (a, b) = PAIR_TABLE[k];
                    u32::from(key.bands[a]) << 16 | u32::from(key.bands[b])
                }
            }
        },
    )
}

/// The documents `doc(0..len)` (indices, increasing) that share, for some `k < keys`, the
/// value `key(doc, k)` with another of them; increasing. Each key's values are radix-sorted
/// (`radsort`: three times faster than a comparison sort here) and scanned for runs; two keys
/// at a time on two cores, 16 bytes per document each (the values and the sort's buffer), so
/// the memory does not grow with the number of cores.
fn sieve(
    len: usize,
    doc: impl Fn(usize) -> usize + Sync,
    keys: usize,
    key: impl Fn(usize, usize) -> u32 + Sync,
) -> Vec<usize> {
    use rayon::prelude::*;
    use std::sync::atomic::{AtomicBool, Ordering::Relaxed};
    const AT_ONCE: usize = 2;
    let shares: Vec<AtomicBool> = (0..len).map(|_| AtomicBool::new(false)).collect();
    for first in (0..keys).step_by(AT_ONCE) {
        (first..keys.min(first + AT_ONCE))
            .into_par_iter()
            .for_each(|k| {
                let mut sorted: Vec<u64> = (0..len)
                    .map(|j| u64::from(key(doc(j), k)) << 32 | j as u64)
                    .collect();
                radsort::sort_by_key(&mut sorted, |v| (v >> 32) as u32);
                for run in sorted.chunk_by(|a, b| a >> 32 == b >> 32) {
                    if run.len() > 1 {
                        for &v in run {
                            shares[v as u32 as usize].store(true, Relaxed);
                        }
                    }
                }
            });
    }
    (shares.iter().enumerate())
        .filter(|(_, s)| s.load(Relaxed))
        .map(|(j, _)| doc(j))
        .collect()
}

/// Decides which documents are copies of another ([`matches()`]), as a sorted list.
pub fn decide(docs: Vec<Candidate>) -> Duplicates {
    let mut list: Vec<Duplicate> = matches(&docs[..])
        .into_iter()
        .zip(&docs)
        .filter_map(|(m, d)| {
            m.map(|(k, how)| Duplicate {
                id: d.id.clone(),
                kept: docs[k as usize].id.clone(),
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

    /// The decision as specified, in quadratic time: documents in order (earliest dated
    /// first, undated last, ties by id then exact hash); each is an exact copy of the first
    /// kept document with its exact hash, else a near copy of the first kept document it is
    /// [`near`], else kept.
    fn decide_by_definition(docs: &[&Candidate]) -> Vec<Option<(u32, Match)>> {
        let mut order: Vec<usize> = (0..docs.len()).collect();
        order.sort_by_key(|&i| {
            let d = docs[i];
            (d.date.is_none(), d.date, d.id.clone(), d.signature.exact)
        });
        let mut kept: Vec<usize> = Vec::new();
        let mut out = vec![None; docs.len()];
        for &i in &order {
            let s = &docs[i].signature;
            let exact = kept.iter().find(|&&k| docs[k].signature.exact == s.exact);
            let found = match exact {
                Some(&k) => Some((k as u32, Match::Exact)),
                None => kept
                    .iter()
                    .find(|&&k| near(s, &docs[k].signature))
                    .map(|&k| (k as u32, Match::Near)),
            };
            match found {
                Some(m) => out[i] = Some(m),
                None => kept.push(i),
            }
        }
        out
    }

    #[test]
    fn the_decision_is_its_definition() {
        // Seeded corpora of signatures related in every way that matters: exact copies (with
        // equal bands, as real ones have), documents taking 0 to 16 bands of an earlier one
        // (in the same group of bands or spread over groups), short documents, dates and
        // ids in an order unrelated to the documents' order, a few band values common to many
        // documents. The sieve and the pair index must decide exactly as the definition.
        let mut x = 0u64;
        let mut rnd = move || {
            x = x.wrapping_add(0x9e37_79b9_7f4a_7c15);
            mix(x)
        };
        let common: [u32; 4] = std::array::from_fn(|_| rnd() as u32);
        for (round, n) in [(0, 2), (1, 40), (2, 400), (3, 1500)] {
            let mut docs: Vec<Candidate> = Vec::new();
            for i in 0..n {
                let mut signature = Signature {
                    exact: rnd() % 5000,
                    bands: std::array::from_fn(|_| rnd() as u32),
                    words: [5, 19, 20, 300][(rnd() % 4) as usize],
                };
                if rnd() % 4 == 0 {
                    let b = (rnd() % 16) as usize;
                    signature.bands[b] = common[(rnd() % 4) as usize];
                }
                if i > 0 && rnd() % 2 == 0 {
                    let from = docs[(rnd() % i as u64) as usize].signature;
                    match rnd() % 6 {
                        0 => signature = from,
                        5 => {
                            // Equal in what the whole-corpus sieve keeps only: the low 16
                            // bits of bands, the low 32 bits of the exact hash.
                            for b in 0..16 {
                                if rnd() % 2 == 0 {
                                    signature.bands[b] =
                                        signature.bands[b] & 0xffff_0000 | from.bands[b] & 0xffff;
                                }
                            }
                            if rnd() % 2 == 0 {
                                signature.exact = from.exact | 1 << 40;
                            }
                        }
                        1 => {
                            // Neighbouring bands: in one group, mostly.
                            let (start, len) = ((rnd() % 16) as usize, (rnd() % 7) as usize);
                            for b in start..(start + len).min(16) {
                                signature.bands[b] = from.bands[b];
                            }
                        }
                        _ => {
                            for b in 0..16 {
                                if rnd() % 16 < rnd() % 17 {
                                    signature.bands[b] = from.bands[b];
                                }
                            }
                        }
                    }
                }
                let dates = [None, Some("2024-01-02"), Some("2024-01-01")];
                docs.push(Candidate {
                    id: format!("{:04}", rnd() % 10_000),
                    date: dates[(rnd() % 3) as usize].map(|d| d.parse().unwrap()),
                    signature,
                });
            }
            let refs: Vec<&Candidate> = docs.iter().collect();
            let want = decide_by_definition(&refs);
            assert!(
                n < 400 || want.iter().filter(|m| m.is_some()).count() > n / 10,
                "round {round}: the corpus has copies to find"
            );
            assert_eq!(matches(&docs[..]), want, "round {round}, {n} documents");
            // Through a survey: 36 bytes per document in memory for the sieve of the whole
            // corpus, the records read back from its temporary file.
            let options = crate::scan::ScanOptions::default();
            let mut survey = crate::scan::Survey::new(&options);
            for d in &docs {
                let lines = [rnd() % 3];
                let seen = crate::scan::SeenRef {
                    id: &d.id,
                    date: d.date,
                    signature: &d.signature,
                    lines: &lines,
                    bytes: 1,
                };
                survey.push(seen).unwrap();
            }
            let scan = survey.decide().unwrap();
            let mut got: Vec<(&str, &str, Match)> = (scan.duplicates.list.iter())
                .map(|d| (d.id.as_str(), d.kept.as_str(), d.how))
                .collect();
            let mut copies: Vec<(&str, &str, Match)> = (want.iter().enumerate())
                .filter_map(|(i, m)| {
                    m.map(|(k, how)| (docs[i].id.as_str(), docs[k as usize].id.as_str(), how))
                })
                .collect();
            got.sort();
            copies.sort();
            assert_eq!(got, copies, "round {round}, {n} documents, by a survey");
        }
    }

    #[test]
    fn sieves_keep_only_documents_that_can_match() {
        // Documents of random bands, then some of them made to share: (case, the bands
        // document 1 takes from document 0, same exact hash, documents left for the index).
        // Bands 0..5, 5..10 and 10..16 are the three groups.
        let cases: [(&str, &[usize], bool, &[usize]); 8] = [
            ("nothing shared", &[], false, &[]),
            ("the first two bands", &[0, 1], false, &[0, 1]),
            ("one band", &[3], false, &[]),
            ("two bands in two groups", &[4, 5], false, &[]),
            ("three bands, one per group", &[0, 7, 15], false, &[]),
            ("two bands in one group", &[5, 9], false, &[0, 1]),
            ("a near copy", &[0, 1, 2, 3, 4, 5, 6, 7], false, &[0, 1]),
            ("the same exact hash only", &[], true, &[0, 1]),
        ];
        let mut x = 3u64;
        let mut rnd = move || {
            x = x.wrapping_add(0x9e37_79b9_7f4a_7c15);
            mix(x)
        };
        for (case, shared, exact, want) in cases {
            let mut docs: Vec<Candidate> = (0..4)
                .map(|i| Candidate {
                    id: format!("d{i}"),
                    date: None,
                    signature: Signature {
                        exact: rnd(),
                        bands: std::array::from_fn(|_| rnd() as u32),
                        words: 100,
                    },
                })
                .collect();
            for &b in shared {
                docs[1].signature.bands[b] = docs[0].signature.bands[b];
            }
            if exact {
                docs[1].signature.exact = docs[0].signature.exact;
            }
            // Document 3 shares one band with 0 and another with 2: it passes the first sieve
            // only.
            docs[3].signature.bands[2] = docs[0].signature.bands[2];
            docs[3].signature.bands[12] = docs[2].signature.bands[12];
            assert_eq!(sharing(&docs[..]), want, "{case}");
            let keys: Vec<SieveKey> = docs.iter().map(|d| (&d.signature).into()).collect();
            assert_eq!(may_match(&keys), want, "{case}: the whole-corpus sieve");
        }
        // What only the whole-corpus sieve keeps, from its 16- and 32-bit parts: (case, the
        // bands whose low halves document 1 takes from document 0, low exact hash too).
        let cases: [(&str, &[usize], bool); 4] = [
            ("low halves of two bands in one group", &[5, 9], false),
            (
                "low halves of a near copy",
                &[0, 1, 2, 3, 4, 5, 6, 7],
                false,
            ),
            ("the low half of the exact hash", &[], true),
            ("low halves of two bands in two groups", &[4, 5], false),
        ];
        for (case, low, exact) in cases {
            let mut docs: Vec<Signature> = (0..3)
                .map(|_| Signature {
                    exact: rnd(),
                    bands: std::array::from_fn(|_| rnd() as u32),
                    words: 100,
                })
                .collect();
            for &b in low {
                docs[1].bands[b] = docs[1].bands[b] & 0xffff_0000 | docs[0].bands[b] & 0xffff;
                assert_ne!(docs[1].bands[b], docs[0].bands[b]);
            }
            if exact {
                docs[1].exact = docs[1].exact & !0xffff_ffff | docs[0].exact & 0xffff_ffff;
            }
            let keys: Vec<SieveKey> = docs.iter().map(SieveKey::from).collect();
            let kept = low.len() == 8 || low == [5, 9] || exact;
            let want: &[usize] = if kept { &[0, 1] } else { &[] };
            assert_eq!(may_match(&keys), want, "{case}");
            let candidates: Vec<Candidate> = (docs.iter().enumerate())
                .map(|(i, &signature)| Candidate {
                    id: format!("d{i}"),
                    date: None,
                    signature,
                })
                .collect();
            assert!(sharing(&candidates[..]).is_empty(), "{case}");
            assert_eq!(matches(&candidates[..]), [None; 3], "{case}");
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

    /// [`signature`] written the slow way: split at every separator byte, hash each word's
    /// 8-byte chunks one by one, fold every window of words from scratch.
    fn signature_by_words(text: &str) -> Signature {
        let words: Vec<&[u8]> = text
            .as_bytes()
            .split(|&b| b <= 0x20)
            .filter(|w| !w.is_empty())
            .collect();
        let chunk = |c: &[u8], fold: bool| {
            let mut buf = [0u8; 8];
            for (i, &b) in c.iter().enumerate() {
                buf[i] = if fold { b | 0x20 } else { b };
            }
            u64::from_le_bytes(buf)
        };
        let mut exact = SEED;
        let mut hashes = Vec::new();
        for w in &words {
            let mut h = SEED;
            let full = w.len() / 8 * 8;
            for c in w[..full].chunks(8) {
                exact = step(exact, chunk(c, false), CONTINUE);
                h = step(h, chunk(c, true), CONTINUE);
            }
            exact = step(exact, chunk(&w[full..], false), LAST);
            hashes.push(step(h, chunk(&w[full..], true), LAST));
        }
        let mut mins = [u64::MAX; BINS];
        if !hashes.is_empty() {
            for window in hashes.windows(SHINGLE_WORDS.min(hashes.len())) {
                into_bin(folded(window), &mut mins);
            }
        }
        densify(&mut mins);
        Signature {
            exact: mix(exact ^ words.len() as u64),
            bands: bands(&mins),
            words: words.len() as u32,
        }
    }

    #[test]
    fn signature_equals_the_word_by_word_definition() {
        // Words of every length around 8 and 16, separators of every kind, non-ASCII bytes,
        // text ending inside a word or in separators: 2,000 seeded texts.
        let pieces = [
            "a",
            "Iraq",
            "al-Sudani’s",
            "abcdefg",
            "abcdefgh",
            "abcdefghi",
            "ABCDEFGHIJKLMNOP",
            "0123456789abcdefg",
            "é",
            "—",
            "x.",
            "@[",
            "`{",
            "a-word-that-runs-past-a-whole-block-of-sixty-four-bytes-and-then-some",
            "sixteen-bytes-xx",
        ];
        let seps = [" ", "  ", "\n", "\t", "\r\n", "\u{1}", " \u{1f} "];
        let mut rng = fastrand::Rng::with_seed(12);
        for case in 0..2000 {
            let mut text = String::new();
            if rng.bool() {
                text.push_str(seps[rng.usize(..seps.len())]);
            }
            for _ in 0..rng.usize(0..30) {
                text.push_str(pieces[rng.usize(..pieces.len())]);
                if rng.u8(..4) > 0 {
                    text.push_str(seps[rng.usize(..seps.len())]);
                }
            }
            assert_eq!(
                signature(&text),
                signature_by_words(&text),
                "case {case}: {text:?}"
            );
        }
    }

    #[test]
    fn first_separator_table() {
        // (bytes, index of the first byte <= 0x20, 8 for none)
        let cases: &[(&[u8; 8], usize)] = &[
            (b"abcdefgh", 8),
            (b" bcdefgh", 0),
            (b"abcdefg ", 7),
            (b"ab\x00\x00\x00\x00\x00\x00", 2),
            (b"a!b\x20c\x1fde", 3),
            (b"\xff\x80\xa1\x21!~\x7fz", 8),
            (b"\xc3\xa9\x21\x20\x20\x20\x20\x20", 3),
            (b"\x20\x00 \x01\x1f\x20\x20\x20", 0),
            (b"\x21\x21\x21\x21\x21\x21\x21\x20", 7),
        ];
        for (bytes, want) in cases {
            assert_eq!(
                first_separator(u64::from_le_bytes(**bytes)),
                *want,
                "{bytes:?}"
            );
        }
        // Every byte value alone, at every position, among non-separators.
        for b in 0..=255u8 {
            for at in 0..8 {
                let mut w = [b'x'; 8];
                w[at] = b;
                let want = if b <= 0x20 { at } else { 8 };
                assert_eq!(
                    first_separator(u64::from_le_bytes(w)),
                    want,
                    "{b:#x} at {at}"
                );
            }
        }
    }

    #[test]
    fn buckets_grow_with_the_corpus_and_whole_bands_decide() {
        // (documents, bucket bits per pair): at most one kept document per bucket up to a
        // million documents.
        let cases = [
            (0, 4),
            (16, 4),
            (17, 5),
            (131_072, 17),
            (131_073, 18),
            (1_000_000, 20),
            (50_000_000, 20),
        ];
        for (n, bits) in cases {
            assert_eq!(Index::new(n).bits, bits, "{n} documents");
        }
        // Only whole band values count.
        let a = Signature {
            exact: 1,
            bands: std::array::from_fn(|b| b as u32 * 7 + 1),
            words: 100,
        };
        let flip = |exact: u64, from: usize| {
            let mut s = a;
            s.exact = exact;
            for v in &mut s.bands[from..] {
                *v ^= 1 << 30;
            }
            s
        };
        // (name, signature, a copy of `a`)
        let cases = [
            ("every band one bit off", flip(2, 0), false),
            ("MIN_BANDS bands", flip(3, MIN_BANDS), true),
            ("one band short", flip(4, MIN_BANDS - 1), false),
        ];
        for (name, sig, copy) in cases {
            let docs = [
                Candidate {
                    id: "a".into(),
                    date: None,
                    signature: a,
                },
                Candidate {
                    id: "b".into(),
                    date: None,
                    signature: sig,
                },
            ];
            let want = copy.then_some((0, Match::Near));
            assert_eq!(matches(&docs[..]), [None, want], "{name}");
        }
    }

    #[test]
    fn crowded_buckets_find_every_copy_and_nothing_else() {
        // One kept story, then 300 documents that share 3 of its bands each (some of its
        // pairs, never near), then its copies: long chains through the same buckets, so every
        // link must be followed pair by pair and each document found checked afresh.
        let mut x = 7u64;
        let mut rnd = || {
            x = x.wrapping_add(0x9e37_79b9_7f4a_7c15);
            mix(x) as u32
        };
        let story = Signature {
            exact: 1,
            bands: std::array::from_fn(|_| rnd()),
            words: 100,
        };
        let sharing = |exact: u64, shared: &[usize], rnd: &mut dyn FnMut() -> u32| {
            let mut s = Signature {
                exact,
                bands: std::array::from_fn(|_| rnd()),
                words: 100,
            };
            for &b in shared {
                s.bands[b] = story.bands[b];
            }
            s
        };
        let mut docs = vec![Candidate {
            id: "a".into(),
            date: None,
            signature: story,
        }];
        for i in 0..300 {
            let shared = [i % 16, (i + 5) % 16, (i + 11) % 16];
            docs.push(Candidate {
                id: format!("b{i:03}"),
                date: None,
                signature: sharing(10 + i as u64, &shared, &mut rnd),
            });
        }
        // Its band values in the wrong bands: the same values, other pairs (a pair is hashed
        // with its place), so never near it either.
        for i in 0..50 {
            let mut s = sharing(500 + i as u64, &[], &mut rnd);
            for b in [i % 16, (i + 5) % 16, (i + 11) % 16] {
                s.bands[(b + 1) % 16] = story.bands[b];
            }
            docs.push(Candidate {
                id: format!("b{:03}", 300 + i),
                date: None,
                signature: s,
            });
        }
        // Fifty documents sharing its bands 7 and 9 (a pair: the same bucket), kept: the
        // story ends a chain of fifty, which `c1` can only reach through that pair.
        for i in 0..50 {
            docs.push(Candidate {
                id: format!("b{:03}", 350 + i),
                date: None,
                signature: sharing(700 + i as u64, &[7, 9], &mut rnd),
            });
        }
        // (id, bands shared with the story, a copy of it)
        let copies: [(&str, &[usize], bool); 3] = [
            ("c1", &[2, 7, 9, 15], true),
            (
                "c2",
                &[0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15],
                true,
            ),
            ("c3", &[3, 8, 14], false),
        ];
        for (i, (id, shared, _)) in copies.iter().enumerate() {
            docs.push(Candidate {
                id: (*id).into(),
                date: None,
                signature: sharing(1000 + i as u64, shared, &mut rnd),
            });
        }
        // Twenty more like `c1`: one of them might meet the story in a bucket of another
        // pair by chance (buckets are few for 500 documents), not all twenty.
        for i in 0..20 {
            docs.push(Candidate {
                id: format!("d{i:02}"),
                date: None,
                signature: sharing(2000 + i as u64, &[2, 7, 9, 15], &mut rnd),
            });
        }
        let got = matches(&docs[..]);
        assert_eq!(got[404..], [Some((0, Match::Near)); 20], "like c1");
        assert!(
            got[..401].iter().all(Option::is_none),
            "only copies of the story"
        );
        for (i, (id, _, copy)) in copies.iter().enumerate() {
            assert_eq!(got[401 + i], copy.then_some((0, Match::Near)), "{id}");
        }
    }

    #[test]
    fn signatures_are_stable_across_versions() {
        // A changed hash or seed would silently break scans saved by an earlier build: change
        // these only with `scanfile::VERSION` (version 2: the word-at-a-time signature;
        // version 3: 32-bit bands, whose upper halves are version 2's bands).
        let s = signature("Iraq said on Sunday it had resumed talks with the United States.");
        assert_eq!(s.words, 12);
        assert_eq!(
            (s.exact, s.bands[0], s.bands[15]),
            (0xfaff_5029_d384_b5d6, 0x5274_b9b1, 0xef66_f165)
        );
        assert_eq!(std::mem::size_of::<Signature>(), 80);
    }
}
