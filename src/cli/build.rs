//! `actorgraph build`: the actor network in one of the export formats.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, ValueEnum};

use actorgraph::export::{self, Format};
use actorgraph::graph::{BuildOptions, Filters, GraphBuilder, Unit};
use actorgraph::input::{parse_date, Diagnostics};
use actorgraph::output::Output;
use actorgraph::{pipeline, Error, Result};

use super::CorpusArgs;

#[derive(Args)]
pub struct BuildArgs {
    #[command(flatten)]
    pub corpus: CorpusArgs,
    #[command(flatten)]
    pub graph: GraphArgs,
    /// Output file. For csv, `-o NAME.csv` writes NAME.nodes.csv and NAME.edges.csv, and any
    /// other name is a directory holding nodes.csv and edges.csv. Default: standard output.
    #[arg(short, long, value_name = "FILE")]
    output: Option<PathBuf>,
    /// Output format: dot, graphml, gexf, json, csv, svg or png. Default: from the -o
    /// extension, else json.
    #[arg(long, value_name = "FORMAT", value_parser = format_arg)]
    format: Option<Format>,
    /// Compute modularity communities (Louvain) and write a `community` node attribute.
    #[arg(long)]
    communities: bool,
    /// Seed for --communities.
    #[arg(long, default_value_t = 1, requires = "communities")]
    seed: u64,
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
}

fn format_arg(s: &str) -> std::result::Result<Format, String> {
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
    pub fn options(&self, default_evidence: Option<usize>) -> BuildOptions {
        BuildOptions {
            unit: match self.unit.unwrap_or(UnitArg::Sentence) {
                UnitArg::Sentence => Unit::Sentence,
                UnitArg::Paragraph => Unit::Paragraph,
                UnitArg::Document => Unit::Document,
            },
            max_evidence: self.max_evidence.or(default_evidence),
            since: self.since,
            until: self.until,
        }
    }

    pub fn filters(&self) -> Filters {
        Filters {
            min_weight: self.min_weight,
            top_edges: self.top_edges,
            types: self.types.clone(),
            actors: self.actors.clone(),
        }
    }
}

/// A graph built from documents, with the gazetteer and tagger that built it (so that
/// callers need not load and compile them again).
pub struct Built {
    pub graph: actorgraph::graph::ActorGraph,
    pub gazetteer: actorgraph::gazetteer::Gazetteer,
    pub tagger: actorgraph::tagger::Tagger,
}

/// Builds the graph for `corpus` and `graph` flags, printing nothing.
pub fn build_graph(
    corpus: &CorpusArgs,
    graph: &GraphArgs,
    default_evidence: Option<usize>,
    diag: &mut Diagnostics,
) -> Result<Built> {
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
    let mut builder = GraphBuilder::new(&gazetteer, graph.options(default_evidence));
    // Zones and duplicates: a first pass, then only linked zones of distinct documents count.
    let scan = corpus.scan(&inputs, true)?;
    let linking = corpus.scan_options().linking;
    pipeline::run_with(
        corpus.corpus(&inputs),
        &tagger,
        corpus.line_breaks(),
        &scan.zone_rules(),
        diag,
        |doc, a| {
            if !scan.is_duplicate(&doc.id) {
                builder.add(doc, &a.for_linking(&linking));
            }
            Ok(())
        },
    )?;
    super::check_read(diag)?;
    let g = builder.finish(&graph.filters());
    if g.corpus.capped_units > 0 {
        diag.warnings.push(format!(
            "{} unit(s) mention more than {} actors; only the first {} (by first mention) were \
             linked in each",
            g.corpus.capped_units,
            actorgraph::graph::MAX_ACTORS_PER_UNIT,
            actorgraph::graph::MAX_ACTORS_PER_UNIT
        ));
    }
    Ok(Built {
        graph: g,
        gazetteer,
        tagger,
    })
}

pub fn run(args: BuildArgs) -> Result<ExitCode> {
    let format = match (args.format, &args.output) {
        (Some(f), _) => f,
        (None, None) => Format::Json,
        (None, Some(p)) if p.as_os_str() == "-" => Format::Json,
        (None, Some(p)) => Format::from_path(p).ok_or_else(|| {
            Error::Usage(format!(
                "cannot tell the format from {:?}; use an extension (.dot .graphml .gexf .json \
                 .csv .svg .png) or --format",
                p.display().to_string()
            ))
        })?,
    };
    let default_evidence = if format == Format::Json {
        None
    } else {
        Some(3)
    };
    let mut diag = Diagnostics::default();
    let mut graph = build_graph(&args.corpus, &args.graph, default_evidence, &mut diag)?.graph;
    if args.communities {
        actorgraph::query::community::assign(&mut graph, args.seed, 1.0);
    }
    if let Some(why) = super::empty::explain(&diag, &graph, &args.corpus, &args.graph) {
        super::empty::warn(&why);
    }
    if format == Format::Csv {
        let path = args.output.clone().ok_or_else(|| {
            Error::Usage("csv output is two files: give -o NAME.csv or -o DIR".into())
        })?;
        if path.extension().is_some_and(|e| e == "csv") {
            let (nodes, edges) = export::csv::file_pair(&path);
            export::csv::write_files(&graph, &nodes, &edges)?;
        } else {
            export::csv::write_dir(&graph, &path)?;
        }
    } else if matches!(format, Format::Svg | Format::Png) {
        // Render pictures before touching the output, so a missing Graphviz leaves no file.
        let mut bytes = Vec::new();
        export::write(&graph, format, &mut bytes)?;
        let mut out = Output::create(args.output.as_deref())?;
        std::io::Write::write_all(&mut out, &bytes).map_err(|e| out.error(e))?;
        out.commit()?;
    } else {
        let mut out = Output::create(args.output.as_deref())?;
        export::write(&graph, format, &mut out).map_err(|e| match e {
            Error::Io { source, .. } => out.error(source),
            e => e,
        })?;
        out.commit()?;
    }
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
    Ok(super::finish(&diag))
}
