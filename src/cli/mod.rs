//! Command-line flags (clap derive; doc comments are the help text) and dispatch.
//! Each subcommand module only translates flags into library calls.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, Parser, Subcommand, ValueEnum};

use actorgraph::gazetteer::Gazetteer;
use actorgraph::input::{Diagnostics, Input, ReadOptions};
use actorgraph::sentence::LineBreaks;
use actorgraph::Result;

mod build;
mod gazetteer;
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

    pub fn read_options(&self) -> ReadOptions {
        ReadOptions {
            skip_bad_lines: self.skip_bad_lines,
            force_text: self.text,
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

/// Prints warnings and turns skipped inputs into exit status 1.
pub fn finish(diag: &Diagnostics) -> ExitCode {
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

pub fn run() -> Result<ExitCode> {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            let _ = e.print();
            return Ok(if e.use_stderr() {
                ExitCode::from(2)
            } else {
                ExitCode::SUCCESS
            });
        }
    };
    match cli.command {
        Command::Tag(args) => tag::run(args),
        Command::Build(args) => build::run(args),
        Command::Query(args) => query::run(args),
        Command::Gazetteer(cmd) => gazetteer::run(cmd),
    }
}
