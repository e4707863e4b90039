//! Command-line flags (clap derive; doc comments are the help text) and dispatch.
//! Each subcommand module only translates flags into library calls.

use std::io::IsTerminal;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, Parser, Subcommand, ValueEnum};

use actorgraph::gazetteer::Gazetteer;
use actorgraph::input::{Diagnostics, Input, ReadOptions};
use actorgraph::sentence::LineBreaks;
use actorgraph::warning::WarningKind;
use actorgraph::Result;

mod build;
mod gazetteer;
mod merge;
mod query;
mod table;
mod tag;

/// Turn news text into actor networks.
///
/// Exit status: 0 success; 1 success, but some inputs were skipped (see the warnings);
/// 2 error (nothing was written).
#[derive(Parser)]
#[command(name = "actorgraph", version, about, long_about)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Tag actor mentions: one line per mention, sorted by document then offset.
    Tag(tag::TagArgs),
    /// Build the actor network and write it as DOT, GraphML, GEXF, JSON, CSV, SVG or PNG.
    Build(build::BuildArgs),
    /// Merge partial counts (`build --partial`) into one graph, in any format, or one partial.
    Merge(merge::MergeArgs),
    /// Ask the network: neighbours, evidence, paths, centrality, communities, stats.
    Query(query::QueryArgs),
    /// Validate gazetteer files and summarise them.
    #[command(subcommand)]
    Gazetteer(gazetteer::GazetteerCommand),
}

/// Flags shared by every command that reads documents.
#[derive(Args, Debug)]
pub struct CorpusArgs {
    /// Files or directories (recursive: *.txt, *.jsonl) or - for standard input.
    /// Without inputs, the embedded sample articles (seeds/) are used.
    #[arg(value_name = "INPUT")]
    pub inputs: Vec<PathBuf>,
    /// Gazetteer JSON file; repeat to merge several. Default: the embedded gazetteer.
    #[arg(short = 'g', long = "gazetteer", value_name = "FILE", global = true)]
    pub gazetteers: Vec<PathBuf>,
    /// What a single line break means: decided per document, a paragraph break, or a space.
    #[arg(long, value_enum, default_value_t = LineBreakArg::Auto, global = true)]
    pub line_breaks: LineBreakArg,
    /// Skip malformed JSON Lines records (they are counted) instead of stopping.
    #[arg(long, global = true)]
    pub skip_bad_lines: bool,
    /// Read files that contain NUL bytes instead of skipping them.
    #[arg(long, global = true)]
    pub text: bool,
    /// No progress bar (it is shown only when stderr is a terminal anyway).
    #[arg(short, long, global = true)]
    pub quiet: bool,
    /// Report gazetteer size, automaton memory, timings and peak memory on stderr.
    #[arg(short, long, global = true)]
    pub verbose: bool,
    /// Worker threads (default: all cores). Output is identical for every value.
    #[arg(long, value_name = "N", global = true)]
    pub threads: Option<usize>,
}

#[derive(Clone, Copy, Debug, ValueEnum)]
pub enum LineBreakArg {
    /// Decide per document.
    Auto,
    /// A line break ends the paragraph.
    Paragraph,
    /// A line break is a space (hard-wrapped copy).
    Space,
}

impl CorpusArgs {
    pub fn inputs(&self) -> Vec<Input> {
        if self.inputs.is_empty() {
            return vec![Input::Seeds];
        }
        self.inputs
            .iter()
            .map(|p| {
                if p.as_os_str() == "-" {
                    Input::Stdin
                } else {
                    Input::Path(p.clone())
                }
            })
            .collect()
    }

    /// Reading options; `counting` keeps repeated document ids as they are (the counts
    /// report them) instead of renaming them.
    pub fn read_options(&self, counting: bool) -> ReadOptions {
        ReadOptions {
            skip_bad_lines: self.skip_bad_lines,
            force_text: self.text,
            keep_duplicate_ids: counting,
        }
    }

    pub fn line_breaks(&self) -> LineBreaks {
        match self.line_breaks {
            LineBreakArg::Auto => LineBreaks::Auto,
            LineBreakArg::Paragraph => LineBreaks::Paragraph,
            LineBreakArg::Space => LineBreaks::Space,
        }
    }

    /// Loads the gazetteers (or the embedded one) and prints load warnings.
    pub fn gazetteer(&self) -> Result<Gazetteer> {
        if self.gazetteers.is_empty() {
            return Ok(Gazetteer::embedded());
        }
        let (g, warnings) = Gazetteer::load_files(&self.gazetteers)?;
        for w in warnings {
            eprintln!("actorgraph: warning: {w}");
        }
        Ok(g)
    }

    /// A reader over `inputs`, with a progress bar (documents, MB/s, ETA) on stderr when
    /// stderr is a terminal and --quiet is not given.
    pub fn corpus<'a>(&self, inputs: &'a [Input], counting: bool) -> actorgraph::input::Corpus<'a> {
        let corpus = actorgraph::input::Corpus::new(inputs, self.read_options(counting));
        if self.quiet || !std::io::stderr().is_terminal() {
            return corpus;
        }
        let total = corpus.total_bytes();
        let bar = indicatif::ProgressBar::new(total);
        bar.set_style(
            indicatif::ProgressStyle::with_template(
                "{spinner} {bytes}/{total_bytes} {binary_bytes_per_sec} ETA {eta} {msg}",
            )
            .expect("valid template"),
        );
        let guard = ClearOnDrop(bar);
        corpus.on_progress(move |d| {
            guard.0.set_position(d.bytes);
            guard.0.set_message(format!("{} documents", d.documents));
        })
    }

    /// Compiles the gazetteer; with --verbose, says how big and how long.
    pub fn tagger(&self, gazetteer: &Gazetteer) -> Result<actorgraph::tagger::Tagger> {
        let t0 = std::time::Instant::now();
        let tagger = actorgraph::tagger::Tagger::new(gazetteer)?;
        if self.verbose {
            eprintln!(
                "actorgraph: gazetteer: {} actor(s), {} pattern(s); automaton {:.1} MB, compiled in {:.2} s",
                gazetteer.actors().len(),
                gazetteer.pattern_count(),
                tagger.memory_usage() as f64 / 1e6,
                t0.elapsed().as_secs_f64()
            );
        }
        Ok(tagger)
    }

    pub fn init_threads(&self) -> Result<()> {
        if let Some(n) = self.threads {
            if n == 0 {
                return Err(actorgraph::Error::Usage(
                    "--threads must be at least 1".into(),
                ));
            }
            rayon::ThreadPoolBuilder::new()
                .num_threads(n)
                .build_global()
                .map_err(|e| actorgraph::Error::Usage(format!("cannot start threads: {e}")))?;
        }
        Ok(())
    }
}

/// Clears the progress bar when the corpus has been read.
struct ClearOnDrop(indicatif::ProgressBar);

impl Drop for ClearOnDrop {
    fn drop(&mut self) {
        self.0.finish_and_clear();
    }
}

/// clap's error as one line: the message, the possible values if any, and where to look.
fn one_line(e: &clap::Error) -> String {
    let text = e.render().to_string();
    let mut lines = text.lines().map(str::trim).filter(|l| !l.is_empty());
    let mut msg = lines
        .next()
        .unwrap_or("invalid arguments")
        .trim_start_matches("error: ")
        .to_owned();
    for l in lines {
        if l.starts_with("[possible values") || l.starts_with("tip:") {
            msg.push(' ');
            msg.push_str(l);
        }
    }
    msg.push_str("; see `actorgraph --help`");
    msg
}

/// Fails when inputs were given but none could be read: an empty result would look like
/// success.
pub fn check_read(diag: &Diagnostics) -> Result<()> {
    if diag.documents == 0 && diag.failed_inputs > 0 {
        let first = diag
            .warnings
            .iter()
            .find(|w| {
                matches!(
                    w.kind,
                    WarningKind::UnreadableInput | WarningKind::BinaryInput
                )
            })
            .map_or_else(String::new, |w| w.located());
        let more = if diag.failed_inputs > 1 {
            format!(" (and {} more)", diag.failed_inputs - 1)
        } else {
            String::new()
        };
        return Err(actorgraph::Error::Usage(format!(
            "no input could be read: {first}{more}"
        )));
    }
    Ok(())
}

/// Peak resident memory of this process in MB (Linux), for --verbose.
fn peak_rss_mb() -> Option<f64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kb: f64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb / 1024.0)
}

/// Prints warnings and turns skipped inputs into exit status 1.
pub fn finish(diag: &Diagnostics) -> ExitCode {
    if VERBOSE.load(std::sync::atomic::Ordering::Relaxed) {
        eprintln!(
            "actorgraph: read {} document(s), {:.1} MB; peak memory {:.1} MB",
            diag.documents,
            diag.bytes as f64 / 1e6,
            peak_rss_mb().unwrap_or(f64::NAN)
        );
    }
    for w in &diag.warnings {
        eprintln!("actorgraph: warning: {w}");
    }
    if diag.failed_inputs > 0 || diag.skipped_lines > 0 {
        eprintln!(
            "actorgraph: {} input(s) and {} line(s) skipped; the rest was processed",
            diag.failed_inputs, diag.skipped_lines
        );
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

/// Set when --verbose is given, for the closing report.
static VERBOSE: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(false);

pub fn run() -> Result<ExitCode> {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        // --help and --version
        Err(e) if !e.use_stderr() => {
            let _ = e.print();
            return Ok(ExitCode::SUCCESS);
        }
        Err(e) => return Err(actorgraph::Error::Usage(one_line(&e))),
    };
    let verbose = match &cli.command {
        Command::Tag(a) => a.corpus.verbose,
        Command::Build(a) => a.corpus.verbose,
        Command::Query(a) => a.corpus.verbose,
        Command::Merge(_) => false,
        Command::Gazetteer(_) => false,
    };
    VERBOSE.store(verbose, std::sync::atomic::Ordering::Relaxed);
    match cli.command {
        Command::Tag(args) => tag::run(args),
        Command::Build(args) => build::run(args),
        Command::Query(args) => query::run(args),
        Command::Merge(args) => merge::run(args),
        Command::Gazetteer(cmd) => gazetteer::run(cmd),
    }
}
