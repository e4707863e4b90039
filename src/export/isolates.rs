//! Actors left without links by a filter. `--min-weight 2` or `--top-edges 15` keep every
//! mentioned actor as a node, so a picture filtered down to 15 links used to show 22 floating
//! names. When a filter is active, [`drop_isolates`] removes the nodes without edges (except the
//! actors named by `--actors`, which the user asked for); `--keep-isolates` keeps them. Without
//! filters an actor mentioned but never linked stays: that is a finding, not a filter artefact.

use crate::graph::{ActorGraph, Filters};

/// True when `filters` can remove edges or nodes (so nodes may be left without edges).
pub fn filtering(filters: &Filters) -> bool {
    filters.min_weight > 1
        || filters.top_edges.is_some()
        || filters.types.is_some()
        || filters.actors.is_some()
}

/// `graph` without the nodes that have no edge, except those whose id is in `keep`. Node
/// and edge order are kept, so the output stays sorted.
pub fn drop_isolates(graph: ActorGraph, keep: &[String]) -> ActorGraph {
    let g = &graph.graph;
    let mut new_index = vec![usize::MAX; g.node_count()];
    let mut nodes = Vec::new();
    for ix in g.node_indices() {
        let n = &g[ix];
        if g.neighbors(ix).next().is_some() || keep.contains(&n.id) {
            new_index[ix.index()] = nodes.len();
            nodes.push(n.clone());
        }
    }
    let edges = g
        .edge_indices()
        .map(|e| {
            let (a, b) = g.edge_endpoints(e).expect("edge exists");
            (new_index[a.index()], new_index[b.index()], g[e].clone())
        })
        .collect();
    let mut out = ActorGraph::from_parts(
        graph.unit,
        graph.corpus.clone(),
        graph.max_evidence,
        nodes,
        edges,
    );
    out.period = graph.period;
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::graph::{CorpusStats, Edge, Node, Unit};

    fn graph() -> ActorGraph {
        let nodes = ["a", "b", "c", "d"]
            .iter()
            .map(|id| Node::new(*id, id.to_uppercase(), "person"))
            .collect();
        // a – c, c – d; b is isolated.
        let edges = vec![(0, 2, Edge::new(1)), (2, 3, Edge::new(2))];
        ActorGraph::from_parts(Unit::Sentence, CorpusStats::default(), None, nodes, edges)
    }

    #[test]
    fn isolates_are_dropped_unless_kept() {
        // (kept ids, nodes left)
        let cases: &[(&[&str], &[&str])] = &[
            (&[], &["a", "c", "d"]),
            (&["b"], &["a", "b", "c", "d"]),
            (&["a"], &["a", "c", "d"]),
        ];
        for (keep, want) in cases {
            let keep: Vec<String> = keep.iter().map(|s| s.to_string()).collect();
            let g = drop_isolates(graph(), &keep);
            let ids: Vec<&str> = g.nodes().map(|n| n.id.as_str()).collect();
            assert_eq!(ids, *want, "keep {keep:?}");
            let edges: Vec<(&str, &str, u64)> = g
                .edges()
                .map(|(a, b, e)| (a.id.as_str(), b.id.as_str(), e.weight))
                .collect();
            assert_eq!(edges, [("a", "c", 1), ("c", "d", 2)], "keep {keep:?}");
        }
    }

    #[test]
    fn only_filters_make_isolates() {
        let none = Filters::default();
        assert!(!filtering(&Filters {
            min_weight: 1,
            ..none.clone()
        }));
        for f in [
            Filters {
                min_weight: 2,
                ..none.clone()
            },
            Filters {
                top_edges: Some(15),
                ..none.clone()
            },
            Filters {
                types: Some(vec!["person".into()]),
                ..none.clone()
            },
        ] {
            assert!(filtering(&f), "{f:?}");
        }
    }
}
