//! Visual style shared by the exporters (DOT, SVG/PNG, HTML): a colour and a DOT shape per actor
//! type, a colour per community, a colour and direction per edge kind, a node size from the
//! mention count, an edge width from the weight, and which labels a large picture shows.
//! Unknown types and kinds get a colour from a stable hash of their name, so the same name is
//! the same colour in every run.

/// Known actor types and their colours (Tableau 10) and DOT shapes.
const TYPES: &[(&str, [u8; 3], &str)] = &[
    ("person", [0x4e, 0x79, 0xa7], "ellipse"),
    ("armed_group", [0xe1, 0x57, 0x59], "hexagon"),
    ("state", [0x59, 0xa1, 0x4f], "box"),
    ("organization", [0xf2, 0x8e, 0x2b], "box"),
    ("institution", [0xed, 0xc9, 0x48], "box"),
    ("coalition", [0xb0, 0x7a, 0xa1], "octagon"),
    ("military", [0x9c, 0x75, 0x5f], "hexagon"),
    ("media", [0x76, 0xb7, 0xb2], "parallelogram"),
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

/// Edge kinds: name, colour, directed (drawn with an arrow source → target), dashed.
/// A new relation type is one line here.
pub const EDGE_KINDS: &[(&str, [u8; 3], bool, bool)] = &[
    ("co-mention", [0x8c, 0x8c, 0x8c], false, false),
    ("meet", [0x1f, 0x77, 0xb4], false, false),
    ("cooperate", [0x2c, 0xa0, 0x2c], false, false),
    ("visit", [0x17, 0xbe, 0xcf], true, false),
    ("support", [0x98, 0xdf, 0x8a], true, false),
    ("attack", [0xd6, 0x27, 0x28], true, false),
    ("criticize", [0xff, 0x7f, 0x0e], true, true),
    ("affiliation", [0x94, 0x67, 0xbd], true, true),
];

/// Colours for communities 0, 1, 2, ... (Tableau 20, strong tones first); communities past
/// the end are grey, and the legend says so.
pub const COMMUNITY: &[[u8; 3]] = &[
    [0x1f, 0x77, 0xb4],
    [0xff, 0x7f, 0x0e],
    [0x2c, 0xa0, 0x2c],
    [0xd6, 0x27, 0x28],
    [0x94, 0x67, 0xbd],
    [0x8c, 0x56, 0x4b],
    [0xe3, 0x77, 0xc2],
    [0xbc, 0xbd, 0x22],
    [0x17, 0xbe, 0xcf],
    [0xae, 0xc7, 0xe8],
    [0xff, 0xbb, 0x78],
    [0x98, 0xdf, 0x8a],
];

/// Colour of communities past [`COMMUNITY`].
pub const OTHER_COMMUNITY: [u8; 3] = [0xc7, 0xc7, 0xc7];

/// Pictures with at most this many nodes label every node; larger ones label only the
/// [`LABELS_SHOWN`] most mentioned (ties by id) and draw the others as small unlabelled
/// shapes (their names stay in the tooltips). Labels are drawn inside the nodes and Graphviz
/// removes node overlaps, so shown labels never overlap.
pub const LABEL_ALL_UP_TO: usize = 60;

/// Labels shown in a picture larger than [`LABEL_ALL_UP_TO`] nodes.
pub const LABELS_SHOWN: usize = 40;

/// The style of an edge kind: (colour, directed, dashed).
pub fn edge_kind(kind: &str) -> ([u8; 3], bool, bool) {
    match EDGE_KINDS.iter().find(|k| k.0 == kind) {
        Some(k) => (k.1, k.2, k.3),
        None => (
            EXTRA[(fnv1a(kind.as_bytes()) % EXTRA.len() as u64) as usize],
            false,
            false,
        ),
    }
}

/// The kind of an edge: `co-mention` or a relation type.
pub fn kind_of(edge: &crate::graph::Edge) -> &str {
    &edge.kind
}

/// Colour of community `c`.
pub fn community_color(c: u32) -> [u8; 3] {
    COMMUNITY
        .get(c as usize)
        .copied()
        .unwrap_or(OTHER_COMMUNITY)
}

/// `#rrggbb`.
pub fn hex(rgb: [u8; 3]) -> String {
    let [r, g, b] = rgb;
    format!("#{r:02x}{g:02x}{b:02x}")
}

/// RGB colour of an actor type.
pub fn color(kind: &str) -> [u8; 3] {
    match TYPES.iter().find(|t| t.0 == kind) {
        Some(t) => t.1,
        None => EXTRA[(fnv1a(kind.as_bytes()) % EXTRA.len() as u64) as usize],
    }
}

/// `#rrggbb` colour of an actor type.
pub fn hex_color(kind: &str) -> String {
    hex(color(kind))
}

/// Graphviz shape of an actor type.
pub fn dot_shape(kind: &str) -> &'static str {
    TYPES
        .iter()
        .find(|t| t.0 == kind)
        .map_or("ellipse", |t| t.2)
}

/// Which nodes a picture labels, by node index: all of them up to [`LABEL_ALL_UP_TO`] nodes,
/// else the [`LABELS_SHOWN`] most mentioned (ties broken by id).
pub fn labelled(graph: &crate::graph::ActorGraph) -> Vec<bool> {
    let nodes: Vec<&crate::graph::Node> = graph.nodes().collect();
    if nodes.len() <= LABEL_ALL_UP_TO {
        return vec![true; nodes.len()];
    }
    let mut order: Vec<usize> = (0..nodes.len()).collect();
    order.sort_by(|&a, &b| {
        nodes[b]
            .mentions
            .cmp(&nodes[a].mentions)
            .then_with(|| nodes[a].id.cmp(&nodes[b].id))
    });
    let mut shown = vec![false; nodes.len()];
    for &i in order.iter().take(LABELS_SHOWN) {
        shown[i] = true;
    }
    shown
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
    fn edge_kinds_are_distinct_and_symmetric_kinds_undirected() {
        let names: std::collections::HashSet<_> = EDGE_KINDS.iter().map(|k| k.0).collect();
        assert_eq!(names.len(), EDGE_KINDS.len());
        // (kind, directed): the brief's symmetric kinds are undirected.
        for (kind, directed) in [
            ("co-mention", false),
            ("meet", false),
            ("cooperate", false),
            ("attack", true),
            ("visit", true),
            ("unheard-of", false),
        ] {
            assert_eq!(edge_kind(kind).1, directed, "{kind}");
        }
    }

    #[test]
    fn large_pictures_label_the_most_mentioned() {
        use crate::graph::{ActorGraph, CorpusStats, Node, Unit};
        let nodes: Vec<Node> = (0..LABEL_ALL_UP_TO + 10)
            .map(|i| {
                let mut n = Node::new(format!("a{i:03}"), format!("A{i}"), "person");
                n.mentions = i as u64;
                n
            })
            .collect();
        let g = ActorGraph::from_parts(Unit::Sentence, CorpusStats::default(), None, nodes, vec![]);
        let shown = labelled(&g);
        assert_eq!(shown.iter().filter(|&&s| s).count(), LABELS_SHOWN);
        assert!(shown[LABEL_ALL_UP_TO + 9] && !shown[0]);
    }

    #[test]
    fn sizes_grow_with_counts() {
        assert_eq!(node_size(1), 10.0);
        assert!(node_size(100) > node_size(10));
        assert_eq!(edge_width(1), 1.0);
        assert!(edge_width(10) > edge_width(2));
    }
}
