//! Answers that say what happened: a run whose inputs or filters leave nothing (no document,
//! no actor, no edge) names the cause and the fix and exits 1; a run that produced something
//! says so in one line on stderr when stderr is a terminal.

use std::io::IsTerminal;
use std::sync::atomic::{AtomicBool, Ordering};

use actorgraph::graph::ActorGraph;
use actorgraph::input::Diagnostics;

use super::build::GraphArgs;
use super::CorpusArgs;

/// Set when the result is empty: the exit status becomes 1.
static EMPTY: AtomicBool = AtomicBool::new(false);

/// What an empty read says (`build`, `tag`).
pub const NO_DOCUMENTS: &str = "no documents: the inputs hold no .txt, .jsonl, .ndjson, .json, \
     .csv or .tsv file (or .gz or .zst of one); name files or directories that do, or pipe \
     text into standard input";

/// Prints the explanation and makes the exit status 1.
pub fn warn(why: &str) {
    eprintln!("actorgraph: warning: {why}");
    EMPTY.store(true, Ordering::Relaxed);
}

/// Whether [`warn`] was called.
pub fn was_empty() -> bool {
    EMPTY.load(Ordering::Relaxed)
}

/// One line on stderr, only for a person at a terminal.
pub fn summary(corpus: &CorpusArgs, line: &str) {
    if !corpus.quiet && !was_empty() && std::io::stderr().is_terminal() {
        eprintln!("actorgraph: {line}");
    }
}

/// Why the graph is empty, with what to do; `None` when it has nodes and edges.
pub fn explain(
    diag: &Diagnostics,
    graph: &ActorGraph,
    corpus: &CorpusArgs,
    args: &GraphArgs,
) -> Option<String> {
    let nodes = graph.nodes().count();
    let edges = graph.edges().count();
    if nodes > 0 && edges > 0 {
        return None;
    }
    let docs = diag.documents;
    if docs == 0 {
        return Some(NO_DOCUMENTS.into());
    }
    if graph.corpus.documents == 0 {
        let filter = match (args.since, args.until) {
            (Some(s), Some(u)) => format!("--since {s} --until {u}"),
            (Some(s), None) => format!("--since {s}"),
            (None, Some(u)) => format!("--until {u}"),
            (None, None) => String::new(),
        };
        if diag.undated == docs {
            return Some(format!(
                "all {docs} document(s) are undated; {filter} keeps dated documents only; give \
                 dates with --date-field (JSON Lines, CSV), --date YYYY-MM-DD or a sidecar \
                 actorgraph-meta.json (docs/inputs.md)"
            ));
        }
        let range = diag
            .date_range
            .map(|(a, b)| format!("the dated ones run from {a} to {b}"))
            .unwrap_or_default();
        return Some(format!(
            "no document is dated within {filter} ({} of {docs} undated; {range}); widen the \
             dates",
            diag.undated
        ));
    }
    if nodes == 0 {
        if let Some(types) = &args.types {
            return Some(format!(
                "no actor of type {} is mentioned in the {} document(s) counted; check --types \
                 (`actorgraph gazetteer check` lists the types)",
                types.join(", "),
                graph.corpus.documents
            ));
        }
        if args.actors.is_some() {
            return Some(
                "the actors given to --actors have no links in these documents; drop --actors \
                 or name others"
                    .into(),
            );
        }
        if args.min_weight > 1 || args.top_edges.is_some() {
            return Some(format!(
                "no link is left after --min-weight {} / --top-edges; lower them",
                args.min_weight
            ));
        }
        return Some(format!(
            "no actor of the gazetteer is mentioned in the {} document(s) counted; check the \
             text field (--text-field) or give a gazetteer that names these actors (-g FILE)",
            graph.corpus.documents
        ));
    }
    let _ = corpus;
    Some(format!(
        "{nodes} actor(s) but no link: no two actors share a {}{}; try --unit paragraph or \
         --unit document{}",
        match args.unit {
            Some(super::build::UnitArg::Paragraph) => "paragraph",
            Some(super::build::UnitArg::Document) => "document",
            _ => "sentence",
        },
        if args.min_weight > 1 {
            format!(" {} times (--min-weight)", args.min_weight)
        } else {
            String::new()
        },
        if corpus.zones.keep_boilerplate {
            ""
        } else {
            " (boilerplate is not linked: --keep-boilerplate)"
        }
    ))
}
