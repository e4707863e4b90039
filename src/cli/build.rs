//! `actorgraph build`: the actor network in one of the export formats.

use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::Arc;

use clap::{Args, ValueEnum};

use actorgraph::counts::{Counts, Edges, GroupBy};
use actorgraph::empty::Spelling;
use actorgraph::export::{self, view::Finish, Format};
use actorgraph::graph::{Filters, Unit};
use actorgraph::input::{parse_date, Diagnostics};
use actorgraph::output::Output;
use actorgraph::partial;
use actorgraph::period::Period;
use actorgraph::query::names::ActorNames;
use actorgraph::relation::Lexicon;
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
    /// Also write each edge's weight (and each actor's mentions) per day, ISO week, month or
    /// year: GEXF dynamic weights, a period column in CSV, `periods` in JSON (docs/formats.md).
    #[arg(long, value_enum, value_name = "PERIOD")]
    period: Option<PeriodArg>,
}

#[derive(Clone, Copy, ValueEnum)]
pub enum PeriodArg {
    /// Calendar days.
    Day,
    /// ISO 8601 weeks (Monday to Sunday).
    Week,
    /// Calendar months.
    Month,
    /// Calendar years.
    Year,
}

impl PeriodArg {
    pub fn period(self) -> Period {
        match self {
            PeriodArg::Day => Period::Day,
            PeriodArg::Week => Period::Week,
            PeriodArg::Month => Period::Month,
            PeriodArg::Year => Period::Year,
        }
    }
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
    /// Keep only these actors (ids, labels or aliases, comma-separated), their neighbours and
    /// the links among them (an ego network).
    #[arg(long, value_name = "NAMES", value_delimiter = ',', global = true)]
    pub actors: Option<Vec<String>>,
    /// Only documents dated on or after DATE (YYYY-MM-DD); undated documents are left out.
    #[arg(long, value_name = "DATE", value_parser = date_arg, global = true)]
    pub since: Option<chrono::NaiveDate>,
    /// Only documents dated on or before DATE (YYYY-MM-DD); undated documents are left out.
    #[arg(long, value_name = "DATE", value_parser = date_arg, global = true)]
    pub until: Option<chrono::NaiveDate>,
    /// Edges to count: co-occurrence, typed relations from the lexicon (meet, attack, ...;
    /// see docs/relations.md), or both. Default: co-mention; `query who-met` and `query
    /// relations` reading documents count both.
    #[arg(long, value_enum, global = true)]
    pub edges: Option<EdgesArg>,
    /// Relation lexicon JSON file for typed edges (--edges relations or both). Default: the
    /// embedded lexicon. With co-mention edges only it is checked, then changes nothing.
    #[arg(long, value_name = "FILE", global = true)]
    pub lexicon: Option<PathBuf>,
    /// What a node stands for: each actor, or each actor's event-data code on the document's
    /// date (gazetteer `codes`, e.g. from a PETRARCH import; see docs/gazetteer.md).
    #[arg(long, value_enum, default_value_t = GroupByArg::Actor, global = true)]
    pub group_by: GroupByArg,
}

#[derive(Clone, Copy, ValueEnum)]
pub enum GroupByArg {
    /// One node per actor.
    Actor,
    /// One node per code on the document's date; actors without one stay themselves.
    Code,
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
    /// Counting settings: these flags and the corpus' line-break mode. Loads `--lexicon`.
    pub fn settings(
        &self,
        corpus: &CorpusArgs,
        default_evidence: Option<usize>,
    ) -> Result<Settings> {
        let lexicon = match &self.lexicon {
            Some(path) => Some(Arc::new(Lexicon::load_file(path)?)),
            None => None,
        };
        Ok(Settings {
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
            edges: match self.edges.unwrap_or(EdgesArg::CoMention) {
                EdgesArg::CoMention => Edges::CoMention,
                EdgesArg::Relations => Edges::Relations,
                EdgesArg::Both => Edges::Both,
            },
            group_by: match self.group_by {
                GroupByArg::Actor => GroupBy::Actor,
                GroupByArg::Code => GroupBy::Code,
            },
            lexicon,
        })
    }

    /// The filters, with `--actors` names (ids, labels or aliases) resolved to ids.
    pub fn filters(&self, gazetteer: &actorgraph::gazetteer::Gazetteer) -> Result<Filters> {
        let actors = match &self.actors {
            None => None,
            Some(names) => {
                Some(ActorNames::from_gazetteer(gazetteer).resolve_all("--actors", names)?)
            }
        };
        Ok(Filters {
            min_weight: self.min_weight,
            top_edges: self.top_edges,
            types: self.types.clone(),
            actors,
            max_evidence: None,
        })
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
    // A misspelt --actors stops the run before the corpus is read.
    graph.filters(&gazetteer)?;
    let tagger = corpus.tagger(&gazetteer)?;
    let inputs = corpus.inputs();
    let settings = graph.settings(corpus, default_evidence)?;
    // Zones and duplicates: a first pass, then only linked zones of distinct documents count.
    let scan = corpus.scan(&inputs, true, scans)?;
    let counts = run::count_corpus(
        corpus.corpus(&inputs, true),
        &scan,
        &gazetteer,
        tagger,
        &settings,
        diag,
    )?;
    super::check_read(diag)?;
    if corpus.verbose && !counts.corpus.unresolved_roles.is_empty() {
        let each: Vec<String> = counts
            .corpus
            .unresolved_roles
            .iter()
            .map(|(role, n)| format!("{role} {n}"))
            .collect();
        eprintln!(
            "actorgraph: {} role mention(s) unresolved (no date, no holder that day, or a former \
             or future holder): {}",
            counts.corpus.unresolved(),
            each.join(", ")
        );
    }
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
        graph: counts.finish(&graph.filters(&gazetteer)?),
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
        (Some(f), false, out) => {
            // Checked before the corpus is read, so a long run does not end in a usage error.
            let stdout = out.is_none_or(|p| p.as_os_str() == "-");
            if f == Format::Csv && stdout {
                return Err(Error::Usage(CSV_IS_TWO_FILES.into()));
            }
            if f == Format::Png && stdout && std::io::stdout().is_terminal() {
                return Err(Error::Usage(
                    "a PNG picture is binary: give -o FILE.png, or redirect standard output"
                        .into(),
                ));
            }
            Ok(Some(f))
        }
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

const CSV_IS_TWO_FILES: &str = "csv output is two files: give -o NAME.csv or -o DIR";

/// Writes `graph` in `format` to `output` (a directory for CSV), atomically; pictures and the
/// HTML page carry `view` (title line, aliases for search).
pub fn write_graph(
    graph: &actorgraph::graph::ActorGraph,
    format: Format,
    output: Option<&Path>,
    view: &export::View,
) -> Result<()> {
    if format == Format::Csv {
        let path = output
            .filter(|p| p.as_os_str() != "-")
            .ok_or_else(|| Error::Usage(CSV_IS_TWO_FILES.into()))?;
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
            (args.period.is_some(), "--period"),
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
            let filters = args.graph.filters(&gazetteer)?;
            let finish = Finish {
                keep_isolates: args.keep_isolates,
                communities: args.communities.then_some(args.seed),
            };
            let period = args.period.map(PeriodArg::period);
            let (graph, view) = finish.apply_by(&counts, &filters, Some(&gazetteer), period);
            if let Some(why) = actorgraph::empty::why(&graph, &counts, &filters, Some(&diag)) {
                super::empty::warn(&why.message(Spelling::Cli));
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
