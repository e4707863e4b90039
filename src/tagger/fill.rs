//! Filler patterns for gazetteers whose names are prefixes of one another.
//!
//! `aho-corasick` moves its match states to the front of the state table when it builds an
//! automaton, by pairwise swaps, and then resolves where each state ended up by following the
//! chain of swaps back to it. When nearly every state is a match state but a few are not —
//! names that are prefixes of one another, `w1`, `w2`, …, `w10`, `w11`, … — one non-match state
//! is swapped forward past every match state, the chain is as long as the table, and following
//! it from every state is quadratic: 100,000 such names took ~30 s (`docs/performance.md`).
//!
//! Such a trie has few non-match states. Adding each of them as a pattern of its own (a
//! *filler*, whose matches the tagger ignores) leaves nothing to move, and the build is linear
//! again. Realistic gazetteers, where most states are inside a name, are left alone: there,
//! the chains are short and fillers would only add matches to ignore.

/// The fillers for `keys` (the patterns' bytes): every prefix that is a state of the trie but
/// not a name, when such prefixes are at most `1 / DENSE` of the states; else none.
pub(super) fn fillers<'a>(keys: impl Iterator<Item = &'a [u8]>) -> Vec<Vec<u8>> {
    let mut sorted: Vec<&[u8]> = keys.filter(|k| !k.is_empty()).collect();
    sorted.sort_unstable();
    sorted.dedup();
    // Trie states (the root aside): each name adds the bytes past its common prefix with the
    // previous name in sorted order.
    let mut states = 0usize;
    for (i, k) in sorted.iter().enumerate() {
        let shared = i.checked_sub(1).map_or(0, |j| common_prefix(sorted[j], k));
        states += k.len() - shared;
    }
    let non_match = states - sorted.len();
    if non_match * DENSE > states {
        return Vec::new();
    }
    let mut out = Vec::with_capacity(non_match);
    for (i, k) in sorted.iter().enumerate() {
        let shared = i.checked_sub(1).map_or(0, |j| common_prefix(sorted[j], k));
        // The states this name adds are its prefixes longer than `shared`; those that are
        // names are found by binary search (names sort before their extensions).
        for len in shared + 1..k.len() {
            let prefix = &k[..len];
            if sorted.binary_search(&prefix).is_err() {
                out.push(prefix.to_vec());
            }
        }
    }
    out
}

/// Fillers are added when at most one trie state in this many is not a name.
const DENSE: usize = 4;

fn common_prefix(a: &[u8], b: &[u8]) -> usize {
    a.iter().zip(b).take_while(|(x, y)| x == y).count()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fill(keys: &[&str]) -> Vec<String> {
        let mut f: Vec<String> = fillers(keys.iter().map(|k| k.as_bytes()))
            .into_iter()
            .map(|b| String::from_utf8(b).unwrap())
            .collect();
        f.sort();
        f
    }

    #[test]
    fn dense_tries_get_their_missing_prefixes_and_sparse_ones_nothing() {
        // (case, names, expected fillers)
        let cases: [(&str, Vec<String>, Vec<&str>); 6] = [
            (
                "w1..w99: only `w` is not a name",
                (1..100).map(|i| format!("w{i}")).collect(),
                vec!["w"],
            ),
            (
                "realistic names: most states are inside a name",
                ["sudani", "al-sudani", "rasool", "vowell", "pmf"]
                    .map(String::from)
                    .to_vec(),
                vec![],
            ),
            (
                "a chain: every state a name",
                ["a", "ab", "abc"].map(String::from).to_vec(),
                vec![],
            ),
            (
                "one gap in a dense chain",
                ["a", "abc", "abcd", "abcde", "abcdef", "abcdefg", "abcdefgh"]
                    .map(String::from)
                    .to_vec(),
                vec!["ab"],
            ),
            (
                "exactly one state in four not a name: still dense",
                ["a", "abc", "abcd"].map(String::from).to_vec(),
                vec!["ab"],
            ),
            ("no names", vec![], vec![]),
        ];
        for (name, keys, want) in cases {
            let keys: Vec<&str> = keys.iter().map(String::as_str).collect();
            assert_eq!(fill(&keys), want, "{name}");
        }
    }

    #[test]
    fn fillers_complete_the_trie_of_numbered_names() {
        // Every prefix of every name is then a name or a filler: nothing for the automaton's
        // builder to move.
        let keys: Vec<String> = (1..5000).map(|i| format!("w{i}")).collect();
        let refs: Vec<&str> = keys.iter().map(String::as_str).collect();
        let f = fill(&refs);
        for k in &keys {
            for len in 1..=k.len() {
                let p = &k[..len];
                assert!(
                    keys.iter().any(|x| x == p) || f.iter().any(|x| x == p),
                    "{p} is neither"
                );
            }
        }
        assert_eq!(f, ["w"]);
    }
}
