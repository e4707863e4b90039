//! `actorgraph merge`: partial counts combined into one graph (or one partial).

use std::path::PathBuf;
use std::process::ExitCode;

use clap::Args;

use actorgraph::counts::Counts;
use actorgraph::export::Format;
use actorgraph::graph::Filters;
use actorgraph::input::Diagnostics;
use actorgraph::query::names::ActorNames;
use actorgraph::warning::{Warning, WarningKind};
use actorgraph::{partial, run, Error, Result};

use actorgraph::export::view::Finish;

use super::build::{
    default_evidence, format_arg, output_format, write_graph, write_partial, PeriodArg,
};

#[derive(Args)]
pub struct MergeArgs {
    /// Partial counts files from `actorgraph build --partial -o FILE.agc`, in any order.
    #[arg(value_name = "PART", required = true)]
    parts: Vec<PathBuf>,
    /// Output file (a directory for csv; .agc for merged partial counts). Default: standard
    /// output.
    #[arg(short, long, value_name = "FILE")]
    output: Option<PathBuf>,
    /// Output format: dot, graphml, gexf, json, csv, svg or png. Default: from the -o
    /// extension, else json.
    #[arg(long, value_name = "FORMAT", value_parser = format_arg)]
    format: Option<Format>,
    /// Write merged partial counts instead of a graph (implied by -o FILE.agc).
    #[arg(long)]
    partial: bool,
    /// Evidence sentences written per edge. Default: all the parts kept in json, 3 in other
    /// formats.
    #[arg(long, value_name = "N")]
    max_evidence: Option<usize>,
    /// Drop edges with a weight below N.
    #[arg(long, value_name = "N", default_value_t = 1)]
    min_weight: u64,
    /// Keep only the K heaviest edges.
    #[arg(long, value_name = "K")]
    top_edges: Option<usize>,
    /// Keep only actors of these types (comma-separated).
    #[arg(long, value_name = "TYPES", value_delimiter = ',')]
    types: Option<Vec<String>>,
    /// Keep only these actors (ids or labels, comma-separated: partials carry no aliases),
    /// their neighbours and the links among them.
    #[arg(long, value_name = "NAMES", value_delimiter = ',')]
    actors: Option<Vec<String>>,
    /// Refused: date filters are applied when building the parts (see docs/formats.md).
    #[arg(long, value_name = "DATE", hide = true)]
    since: Option<String>,
    /// Refused: date filters are applied when building the parts (see docs/formats.md).
    #[arg(long, value_name = "DATE", hide = true)]
    until: Option<String>,
    /// Compute modularity communities (Louvain) and write a `community` node attribute.
    #[arg(long)]
    communities: bool,
    /// Seed for --communities.
    #[arg(long, default_value_t = 1, requires = "communities")]
    seed: u64,
    /// Keep actors that a filter left without any link; by default they are dropped.
    #[arg(long)]
    keep_isolates: bool,
    /// Also write weights per day, ISO week, month or year (as `build --period`).
    #[arg(long, value_enum, value_name = "PERIOD")]
    period: Option<PeriodArg>,
}

pub fn run(args: MergeArgs) -> Result<ExitCode> {
    if args.since.is_some() || args.until.is_some() {
        return Err(Error::Usage(
            "--since/--until cannot be applied at merge: partial counts keep evidence, scores' \
             denominators and corpus figures for the whole period, not per day; build the parts \
             with --since/--until instead"
                .into(),
        ));
    }
    let format = output_format(args.format, args.partial, args.output.as_deref())?;
    if format.is_none() && args.period.is_some() {
        return Err(Error::Usage(
            "--period shapes the finished graph; partial counts keep every day anyway, so give \
             --period when merging into a graph"
                .into(),
        ));
    }
    // Evidence beyond what will be written is dropped while reading (exact: see partial.rs).
    let cap = format.and_then(|f| args.max_evidence.or(default_evidence(Some(f))));
    let mut merged: Option<(String, Counts)> = None;
    for path in &args.parts {
        let name = path.display().to_string();
        let bytes = std::fs::read(path).map_err(|e| Error::io(path, e))?;
        let counts = partial::read_capped(&name, &bytes, cap)?;
        merged = Some(match merged {
            None => (name, counts),
            Some((first, mut acc)) => {
                acc.merge(counts).map_err(|e| {
                    Error::Usage(format!("{name} cannot be merged with {first}: {e}"))
                })?;
                (first, acc)
            }
        });
    }
    let (_, counts) = merged.expect("clap requires a part");
    let mut diag = Diagnostics::default();
    diag.warnings.extend(run::counting_warnings(&counts));
    if counts.duplicate_ids() > 0 {
        diag.warnings.push(Warning::general(
            WarningKind::DuplicateId,
            format!(
                "{} document id(s) occur more than once across the parts; each document is \
                 counted under its id",
                counts.duplicate_ids()
            ),
        ));
    }
    match format {
        None => write_partial(&counts, args.output.as_deref())?,
        Some(format) => {
            let filters = Filters {
                min_weight: args.min_weight,
                top_edges: args.top_edges,
                types: args.types,
                actors: match &args.actors {
                    None => None,
                    Some(names) => {
                        Some(ActorNames::from_counts(&counts).resolve_all("--actors", names)?)
                    }
                },
                max_evidence: args.max_evidence.or(default_evidence(Some(format))),
            };
            let finish = Finish {
                keep_isolates: args.keep_isolates,
                communities: args.communities.then_some(args.seed),
            };
            let period = args.period.map(PeriodArg::period);
            let (graph, view) = finish.apply_by(&counts, &filters, None, period);
            if let Some(why) = actorgraph::empty::why(&graph, &counts, &filters, None) {
                super::empty::warn(&why.message(actorgraph::empty::Spelling::Cli));
            }
            write_graph(&graph, format, args.output.as_deref(), &view)?;
        }
    }
    Ok(super::finish(&diag))
}
