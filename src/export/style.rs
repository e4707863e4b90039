//! Visual style shared by the exporters: a colour and a DOT shape per actor type, a node size
//! from the mention count and an edge width from the weight. Unknown types get a colour from a
//! stable hash of the type name, so the same type is the same colour in every run.

/// Known actor types and their colours (Tableau 10) and DOT shapes.
const TYPES: &[(&str, [u8; 3], &str)] = &[
    ("person", [0x4e, 0x79, 0xa7], "ellipse"),
    ("armed_group", [0xe1, 0x57, 0x59], "hexagon"),
    ("state", [0x59, 0xa1, 0x4f], "box"),
    ("organization", [0xf2, 0x8e, 0x2b], "box"),
    ("institution", [0xed, 0xc9, 0x48], "box"),
    ("coalition", [0xb0, 0x7a, 0xa1], "octagon"),
    ("military", [0x9c, 0x75, 0x5f], "hexagon"),
    ("media", [0x76, 0xb7, 0xb2], "note"),
];

/// Colours for types not in the table.
const EXTRA: &[[u8; 3]] = &[
    [0xff, 0x9d, 0xa7],
    [0xba, 0xb0, 0xac],
    [0x86, 0xbc, 0xb6],
    [0xd3, 0x72, 0x95],
    [0xb6, 0x99, 0x2d],
    [0x49, 0x98, 0x94],
    [0x79, 0x70, 0x6e],
    [0xd4, 0xa6, 0xc8],
];

/// RGB colour of an actor type.
pub fn color(kind: &str) -> [u8; 3] {
    match TYPES.iter().find(|t| t.0 == kind) {
        Some(t) => t.1,
        None => EXTRA[(fnv1a(kind.as_bytes()) % EXTRA.len() as u64) as usize],
    }
}

/// `#rrggbb` colour of an actor type.
pub fn hex_color(kind: &str) -> String {
    let [r, g, b] = color(kind);
    format!("#{r:02x}{g:02x}{b:02x}")
}

/// Graphviz shape of an actor type.
pub fn dot_shape(kind: &str) -> &'static str {
    TYPES
        .iter()
        .find(|t| t.0 == kind)
        .map_or("ellipse", |t| t.2)
}

/// Node size from its mention count: 10 for one mention, growing with the square root.
pub fn node_size(mentions: u64) -> f64 {
    round2(10.0 + 4.0 * ((mentions.max(1) - 1) as f64).sqrt())
}

/// Edge pen width from its weight.
pub fn edge_width(weight: u64) -> f64 {
    round2(1.0 + (weight.max(1) as f64).ln())
}

fn round2(x: f64) -> f64 {
    (x * 100.0).round() / 100.0
}

/// FNV-1a: a tiny stable hash (std's hasher is seeded per process).
fn fnv1a(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf29ce484222325, |h, &b| {
        (h ^ u64::from(b)).wrapping_mul(0x100000001b3)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn colours_are_stable_and_distinct_for_known_types() {
        // (type, colour): known types from the table; unknown ones from FNV-1a of the name,
        // pinned here (computed outside Rust) so a change of hash or table is noticed.
        let cases = [
            ("person", "#4e79a7"),
            ("media", "#76b7b2"),
            ("Person", "#ff9da7"),
            ("unheard-of", "#b6992d"),
            ("party", "#d4a6c8"),
            ("tribe", "#d37295"),
            ("militia", "#79706e"),
            ("", "#499894"),
        ];
        for (kind, colour) in cases {
            assert_eq!(hex_color(kind), colour, "{kind:?}");
        }
        let known: std::collections::HashSet<_> = TYPES.iter().map(|t| t.1).collect();
        assert_eq!(known.len(), TYPES.len());
    }

    #[test]
    fn sizes_grow_with_counts() {
        assert_eq!(node_size(1), 10.0);
        assert!(node_size(100) > node_size(10));
        assert_eq!(edge_width(1), 1.0);
        assert!(edge_width(10) > edge_width(2));
    }
}
