//! `actorgraph build`: the actor network in one of the export formats.

use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Args, ValueEnum};

use actorgraph::counts::{Counts, Edges};
use actorgraph::export::{self, view::Finish, Format};
use actorgraph::graph::{Filters, Unit};
use actorgraph::input::{parse_date, Diagnostics};
use actorgraph::output::Output;
use actorgraph::partial;
use actorgraph::run::{self, Settings};
use actorgraph::{Error, Result};

use super::CorpusArgs;

#[derive(Args)]
pub struct BuildArgs {
    #[command(flatten)]
    pub corpus: CorpusArgs,
    #[command(flatten)]
    pub graph: GraphArgs,
    /// Output file (.agc for partial counts). For csv, `-o NAME.csv` writes NAME.nodes.csv and
    /// NAME.edges.csv, and any other name is a directory holding nodes.csv and edges.csv.
    /// Default: standard output.
    #[arg(short, long, value_name = "FILE")]
    output: Option<PathBuf>,
    /// Output format: dot, graphml, gexf, json, csv, svg, png or html. Default: from the -o
    /// extension, else json.
    #[arg(long, value_name = "FORMAT", value_parser = format_arg)]
    format: Option<Format>,
    /// Compute modularity communities (Louvain) and write a `community` node attribute.
    #[arg(long)]
    communities: bool,
    /// Seed for --communities.
    #[arg(long, default_value_t = 1, requires = "communities")]
    seed: u64,
    /// Write partial counts (for `actorgraph merge`) instead of a graph; implied by -o
    /// FILE.agc. Filters (--min-weight, --top-edges, --types, --actors) are applied at merge.
    #[arg(long)]
    partial: bool,
    /// Use this first pass (scan files from `actorgraph scan`, merged) instead of scanning the
    /// inputs: partials built on different machines with the scan of the whole corpus merge
    /// into exactly the graph of one build. Repeat to merge several.
    #[arg(long = "scan", value_name = "FILE.ags")]
    scans: Vec<PathBuf>,
    /// Keep actors that a filter (--min-weight, --top-edges, --types, --actors) left without
    /// any link; by default they are dropped.
    #[arg(long)]
    keep_isolates: bool,
}

/// Flags that shape the graph; shared with `query`.
#[derive(Args)]
pub struct GraphArgs {
    /// Co-occurrence unit [default: sentence].
    #[arg(long, value_enum, global = true)]
    pub unit: Option<UnitArg>,
    /// Evidence sentences kept per edge. Default: all in json, 3 in other formats.
    #[arg(long, value_name = "N", global = true)]
    pub max_evidence: Option<usize>,
    /// Drop edges with a weight below N.
    #[arg(long, value_name = "N", default_value_t = 1, global = true)]
    pub min_weight: u64,
    /// Keep only the K heaviest edges.
    #[arg(long, value_name = "K", global = true)]
    pub top_edges: Option<usize>,
    /// Keep only actors of these types (comma-separated).
    #[arg(long, value_name = "TYPES", value_delimiter = ',', global = true)]
    pub types: Option<Vec<String>>,
    /// Keep only these actors (ids, comma-separated) and their neighbours.
    #[arg(long, value_name = "IDS", value_delimiter = ',', global = true)]
    pub actors: Option<Vec<String>>,
    /// Only documents dated on or after DATE (YYYY-MM-DD); undated documents are left out.
    #[arg(long, value_name = "DATE", value_parser = date_arg, global = true)]
    pub since: Option<chrono::NaiveDate>,
    /// Only documents dated on or before DATE (YYYY-MM-DD); undated documents are left out.
    #[arg(long, value_name = "DATE", value_parser = date_arg, global = true)]
    pub until: Option<chrono::NaiveDate>,
    /// Edges to count: co-occurrence, typed relations from the embedded lexicon (meet,
    /// attack, ...; see docs/relations.md), or both.
    #[arg(long, value_enum, default_value_t = EdgesArg::CoMention, global = true)]
    pub edges: EdgesArg,
}

#[derive(Clone, Copy, ValueEnum)]
pub enum EdgesArg {
    /// Two actors in the same unit.
    CoMention,
    /// Typed relations (meet, visit, attack, criticize, support, cooperate, affiliation).
    Relations,
    /// Both kinds.
    Both,
}

pub fn format_arg(s: &str) -> std::result::Result<Format, String> {
    Format::ALL
        .iter()
        .find(|(name, _)| name.eq_ignore_ascii_case(s))
        .map(|&(_, f)| f)
        .ok_or_else(|| {
            let names: Vec<&str> = Format::ALL.iter().map(|(n, _)| *n).collect();
            format!("expected one of {}", names.join(", "))
        })
}

fn date_arg(s: &str) -> std::result::Result<chrono::NaiveDate, String> {
    parse_date(s).ok_or_else(|| format!("{s:?} is not an ISO 8601 date such as 2024-02-11"))
}

#[derive(Clone, Copy, ValueEnum)]
pub enum UnitArg {
    Sentence,
    Paragraph,
    Document,
}

impl GraphArgs {
    /// Counting settings: these flags and the corpus' line-break mode.
    pub fn settings(&self, corpus: &CorpusArgs, default_evidence: Option<usize>) -> Settings {
        Settings {
            unit: match self.unit.unwrap_or(UnitArg::Sentence) {
                UnitArg::Sentence => Unit::Sentence,
                UnitArg::Paragraph => Unit::Paragraph,
                UnitArg::Document => Unit::Document,
            },
            line_breaks: corpus.line_breaks(),
            max_evidence: self.max_evidence.or(default_evidence),
            since: self.since,
            until: self.until,
            linking: corpus.scan_options().linking,
            duplicates: corpus.scan_options().duplicates,
            repeated_lines: corpus.scan_options().repeated_lines,
            edges: match self.edges {
                EdgesArg::CoMention => Edges::CoMention,
                EdgesArg::Relations => Edges::Relations,
                EdgesArg::Both => Edges::Both,
            },
        }
    }

    pub fn filters(&self) -> Filters {
        Filters {
            min_weight: self.min_weight,
            top_edges: self.top_edges,
            types: self.types.clone(),
            actors: self.actors.clone(),
            max_evidence: None,
        }
    }
}

/// A graph built from documents, with the gazetteer and tagger that built it (so that
/// callers need not load and compile them again).
pub struct Built {
    pub graph: actorgraph::graph::ActorGraph,
    pub gazetteer: actorgraph::gazetteer::Gazetteer,
}

/// Counts the documents named by `corpus` with `graph` flags, printing nothing.
pub fn count(
    corpus: &CorpusArgs,
    graph: &GraphArgs,
    default_evidence: Option<usize>,
    scans: &[PathBuf],
    diag: &mut Diagnostics,
) -> Result<(Counts, actorgraph::gazetteer::Gazetteer)> {
    corpus.init_threads()?;
    let gazetteer = corpus.gazetteer()?;
    if let Some(ids) = &graph.actors {
        for id in ids {
            if gazetteer.by_id(id).is_none() {
                return Err(Error::Usage(format!(
                    "--actors: no actor has the id \"{id}\" in the gazetteer"
                )));
            }
        }
    }
    let tagger = corpus.tagger(&gazetteer)?;
    let inputs = corpus.inputs();
    let settings = graph.settings(corpus, default_evidence);
    // Zones and duplicates: a first pass, then only linked zones of distinct documents count.
    let scan = corpus.scan(&inputs, true, scans)?;
    let counts = run::count_corpus(
        corpus.corpus(&inputs, true),
        &scan,
        &gazetteer,
        &tagger,
        &settings,
        diag,
    )?;
    super::check_read(diag)?;
    Ok((counts, gazetteer))
}

/// Builds the graph for `corpus` and `graph` flags, printing nothing.
pub fn build_graph(
    corpus: &CorpusArgs,
    graph: &GraphArgs,
    default_evidence: Option<usize>,
    diag: &mut Diagnostics,
) -> Result<Built> {
    let (counts, gazetteer) = count(corpus, graph, default_evidence, &[], diag)?;
    Ok(Built {
        graph: counts.finish(&graph.filters()),
        gazetteer,
    })
}

/// The output format named by --format or by the -o extension (else JSON); `.agc` (or
/// `--partial`) means partial counts, `None` here.
pub fn output_format(
    format: Option<Format>,
    partial: bool,
    output: Option<&Path>,
) -> Result<Option<Format>> {
    let ext_partial = output.is_some_and(|p| {
        p.extension()
            .is_some_and(|e| e.eq_ignore_ascii_case(partial::EXTENSION))
    });
    match (format, partial || ext_partial, output) {
        (Some(f), true, _) => Err(Error::Usage(format!(
            "--format {} and partial counts (--partial or a .agc file) exclude each other; pick one",
            Format::ALL.iter().find(|x| x.1 == f).map_or("?", |x| x.0)
        ))),
        (None, true, out) => {
            if out.is_none_or(|p| p.as_os_str() == "-") && std::io::stdout().is_terminal() {
                return Err(Error::Usage(
                    "partial counts are binary: give -o FILE.agc".into(),
                ));
            }
            Ok(None)
        }
        (Some(f), false, _) => Ok(Some(f)),
        (None, false, None) => Ok(Some(Format::Json)),
        (None, false, Some(p)) if p.as_os_str() == "-" => Ok(Some(Format::Json)),
        (None, false, Some(p)) => Format::from_path(p).map(Some).ok_or_else(|| {
            Error::Usage(format!(
                "cannot tell the format from {:?}; use an extension (.dot .graphml .gexf .json \
                 .csv .svg .png .html .agc) or --format",
                p.display().to_string()
            ))
        }),
    }
}

/// Evidence written per edge when --max-evidence is not given: all in JSON (and in partial
/// counts, so that any format can be made from them), 3 elsewhere.
pub fn default_evidence(format: Option<Format>) -> Option<usize> {
    match format {
        None | Some(Format::Json) => None,
        Some(_) => Some(3),
    }
}

/// Writes partial counts to `output` (standard output when `None`), atomically.
pub fn write_partial(counts: &Counts, output: Option<&Path>) -> Result<()> {
    let mut out = Output::create(output)?;
    partial::write(counts, &mut out).map_err(|e| out.error(e))?;
    out.commit()
}

/// Writes `graph` in `format` to `output` (a directory for CSV), atomically; pictures and the
/// HTML page carry `view` (title line, aliases for search).
pub fn write_graph(
    graph: &actorgraph::graph::ActorGraph,
    format: Format,
    output: Option<&Path>,
    view: &export::View,
) -> Result<()> {
    if format == Format::Csv {
        let path = output.ok_or_else(|| {
            Error::Usage("csv output is two files: give -o NAME.csv or -o DIR".into())
        })?;
        if path.extension().is_some_and(|e| e == "csv") {
            let (nodes, edges) = export::csv::file_pair(path);
            export::csv::write_files(graph, &nodes, &edges)?;
        } else {
            export::csv::write_dir(graph, path)?;
        }
    } else if matches!(format, Format::Svg | Format::Png) {
        // Render pictures before touching the output, so a missing Graphviz leaves no file.
        let mut bytes = Vec::new();
        export::write_view(graph, format, view, &mut bytes)?;
        let mut out = Output::create(output)?;
        std::io::Write::write_all(&mut out, &bytes).map_err(|e| out.error(e))?;
        out.commit()?;
    } else {
        let mut out = Output::create(output)?;
        export::write_view(graph, format, view, &mut out).map_err(|e| match e {
            Error::Io { source, .. } => out.error(source),
            e => e,
        })?;
        out.commit()?;
    }
    Ok(())
}

pub fn run(args: BuildArgs) -> Result<ExitCode> {
    let format = output_format(args.format, args.partial, args.output.as_deref())?;
    if format.is_none() {
        let g = &args.graph;
        let finishing = [
            (g.min_weight != 1, "--min-weight"),
            (g.top_edges.is_some(), "--top-edges"),
            (g.types.is_some(), "--types"),
            (g.actors.is_some(), "--actors"),
            (args.communities, "--communities"),
        ];
        if let Some((_, flag)) = finishing.iter().find(|f| f.0) {
            return Err(Error::Usage(format!(
                "{flag} shapes the finished graph, not partial counts; give it to `actorgraph \
                 merge` instead"
            )));
        }
    }
    let mut diag = Diagnostics::default();
    let (counts, gazetteer) = count(
        &args.corpus,
        &args.graph,
        default_evidence(format),
        &args.scans,
        &mut diag,
    )?;
    match format {
        None => write_partial(&counts, args.output.as_deref())?,
        Some(format) => {
            let filters = args.graph.filters();
            let finish = Finish {
                keep_isolates: args.keep_isolates,
                communities: args.communities.then_some(args.seed),
            };
            let (graph, view) = finish.apply(&counts, &filters, Some(&gazetteer));
            if let Some(why) = super::empty::explain(&diag, &graph, &args.corpus, &args.graph) {
                super::empty::warn(&why);
            }
            write_graph(&graph, format, args.output.as_deref(), &view)?;
            let to = args
                .output
                .as_ref()
                .map_or_else(|| "standard output".to_owned(), |p| p.display().to_string());
            super::empty::summary(
                &args.corpus,
                &format!(
                    "{} document(s), {} actor(s), {} link(s) written to {to}",
                    graph.corpus.documents,
                    graph.nodes().count(),
                    graph.edges().count()
                ),
            );
        }
    }
    Ok(super::finish(&diag))
}
