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
mod empty;
mod gazetteer;
mod merge;
mod query;
mod relations;
mod scan;
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
    /// Typed, directed relations (meet, visit, attack, ...): one line each, with cue and spans.
    Relations(relations::RelationsArgs),
    /// Build the actor network and write it as DOT, GraphML, GEXF, JSON, CSV, SVG, PNG or HTML.
    Build(build::BuildArgs),
    /// Merge partial counts (`build --partial`) into one graph, in any format, or one partial.
    Merge(merge::MergeArgs),
    /// The first pass alone (duplicates, repeated lines), saved for `build --partial --scan`.
    Scan(scan::ScanArgs),
    /// Ask the network: neighbours, evidence, paths, centrality, communities, stats.
    Query(query::QueryArgs),
    /// Validate gazetteer files and summarise them.
    #[command(subcommand)]
    Gazetteer(gazetteer::GazetteerCommand),
}

/// Flags shared by every command that reads documents.
#[derive(Args, Debug)]
pub struct CorpusArgs {
    /// Files or directories (recursive: *.txt, *.jsonl, *.ndjson, *.json, *.csv, *.tsv, and
    /// .gz or .zst of each) or - for standard input. Without inputs: standard input when it
    /// is a pipe or a file, else the embedded sample articles (seeds/).
    #[arg(value_name = "INPUT")]
    pub inputs: Vec<PathBuf>,
    /// Gazetteer JSON file; repeat to merge several. Default: the embedded gazetteer.
    #[arg(short = 'g', long = "gazetteer", value_name = "FILE", global = true)]
    pub gazetteers: Vec<PathBuf>,
    /// An alias claimed by two actors: stop (error), or drop it from every claimant (skip).
    #[arg(long, value_enum, default_value_t = AmbiguousArg::Error, global = true)]
    pub ambiguous: AmbiguousArg,
    /// What a single line break means: decided per document, a paragraph break, or a space.
    #[arg(long, value_enum, default_value_t = LineBreakArg::Auto, global = true)]
    pub line_breaks: LineBreakArg,
    /// Skip malformed records (JSON Lines, JSON, CSV; they are counted) instead of stopping.
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
    #[command(flatten)]
    pub fields: FieldArgs,
    #[command(flatten)]
    pub zones: ZoneArgs,
}

/// Where JSON Lines and CSV records keep each field (dotted paths reach into objects).
#[derive(Args, Debug)]
pub struct FieldArgs {
    /// Record field holding the document id (string or number; missing ids become FILE:LINE).
    #[arg(long, value_name = "PATH", default_value = "id", global = true)]
    pub id_field: String,
    /// Record field holding the text.
    #[arg(long, value_name = "PATH", default_value = "text", global = true)]
    pub text_field: String,
    /// Record field holding the title (tagged as the headline, placed before the text).
    #[arg(long, value_name = "PATH", default_value = "title", global = true)]
    pub title_field: String,
    /// Record field holding the date (YYYY-MM-DD, RFC 3339 or YYYY-MM-DD HH:MM:SS).
    #[arg(long, value_name = "PATH", default_value = "date", global = true)]
    pub date_field: String,
    /// Record field holding the url.
    #[arg(long, value_name = "PATH", default_value = "url", global = true)]
    pub url_field: String,
    /// Record field holding the source (outlet).
    #[arg(long, value_name = "PATH", default_value = "source", global = true)]
    pub source_field: String,
    /// Date for documents that have none (plain-text files without a sidecar, say).
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = date_value, global = true)]
    pub date: Option<chrono::NaiveDate>,
}

fn date_value(s: &str) -> std::result::Result<chrono::NaiveDate, String> {
    actorgraph::input::parse_date(s)
        .ok_or_else(|| format!("{s:?} is not an ISO 8601 date such as 2024-02-11"))
}

/// Headlines, boilerplate and duplicate documents.
#[derive(Args, Debug)]
pub struct ZoneArgs {
    /// Link mentions in boilerplate (read-more lines, teaser lists, repeated site lines) too.
    #[arg(long, global = true)]
    pub keep_boilerplate: bool,
    /// Headlines: a unit of their own that links what they name, or left out of the graph.
    #[arg(long, value_enum, default_value_t = HeadlinesArg::Link, global = true)]
    pub headlines: HeadlinesArg,
    /// Count duplicate and syndicated documents as often as they occur.
    #[arg(long, global = true)]
    pub keep_duplicates: bool,
    /// A line found verbatim in at least N documents is site furniture (0: never).
    #[arg(long, value_name = "N", default_value_t = 5, global = true)]
    pub repeated_lines: u32,
}

#[derive(Clone, Copy, Debug, ValueEnum)]
pub enum HeadlinesArg {
    /// Headlines link what they name.
    Link,
    /// Headlines are left out of the graph.
    Skip,
}

#[derive(Clone, Copy, Debug, ValueEnum)]
pub enum AmbiguousArg {
    /// Stop with both places (right for hand-made files).
    Error,
    /// Drop the alias from every claimant; each drop is counted (see `gazetteer check`).
    Skip,
}

impl AmbiguousArg {
    pub fn options(self) -> actorgraph::gazetteer::LoadOptions {
        actorgraph::gazetteer::LoadOptions {
            ambiguous: match self {
                AmbiguousArg::Error => actorgraph::gazetteer::Ambiguous::Error,
                AmbiguousArg::Skip => actorgraph::gazetteer::Ambiguous::Skip,
            },
        }
    }
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
            return vec![if stdin_is_readable() {
                Input::Stdin
            } else {
                Input::Seeds
            }];
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
        let f = &self.fields;
        ReadOptions {
            skip_bad_lines: self.skip_bad_lines,
            force_text: self.text,
            keep_duplicate_ids: counting,
            fields: actorgraph::input::Fields {
                id: f.id_field.clone(),
                text: f.text_field.clone(),
                title: f.title_field.clone(),
                date: f.date_field.clone(),
                url: f.url_field.clone(),
                source: f.source_field.clone(),
            },
            default_date: f.date,
        }
    }

    /// Which zones link, and what the first pass looks for.
    pub fn scan_options(&self) -> actorgraph::scan::ScanOptions {
        actorgraph::scan::ScanOptions {
            duplicates: !self.zones.keep_duplicates,
            repeated_lines: self.zones.repeated_lines,
            linking: actorgraph::zone::Linking {
                keep_boilerplate: self.zones.keep_boilerplate,
                headlines: match self.zones.headlines {
                    HeadlinesArg::Link => actorgraph::zone::Headlines::Link,
                    HeadlinesArg::Skip => actorgraph::zone::Headlines::Skip,
                },
            },
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
        let (g, warnings) = Gazetteer::load_files_with(&self.gazetteers, self.ambiguous.options())?;
        for w in warnings {
            eprintln!("actorgraph: warning: {w}");
        }
        if !g.dropped().is_empty() {
            eprintln!(
                "actorgraph: {} ambiguous alias claim(s) dropped (--ambiguous skip); \
                 `actorgraph gazetteer check --ambiguous skip` lists them",
                g.dropped().len()
            );
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

    /// The first pass (duplicates, repeated lines) over `inputs`; `duplicates: false` for
    /// commands that list every document. Its warnings are dropped: the second pass repeats
    /// them. With scan files (`--scan`), their merged survey is decided instead: the inputs are
    /// read once.
    pub fn scan(
        &self,
        inputs: &[Input],
        duplicates: bool,
        scans: &[PathBuf],
    ) -> Result<actorgraph::scan::Scan> {
        let mut options = self.scan_options();
        options.duplicates &= duplicates;
        let scan = if !scans.is_empty() {
            scan::load(scans, &options)?.decide()?
        } else {
            match self.first_pass(inputs, &options, duplicates)? {
                Some(scan) => scan,
                None => return Ok(actorgraph::scan::Scan::default()),
            }
        };
        let surveyed = scan.surveyed.as_ref().map_or(0, Vec::len);
        if self.verbose && surveyed > 0 {
            eprintln!(
                "actorgraph: first pass: {surveyed} document(s) surveyed: {} bytes each in \
                 memory, records of {} bytes each in a temporary file (past the first 64 KB)",
                scan.survey_memory / surveyed,
                scan.survey_on_disk / surveyed as u64
            );
        }
        if let Some(furniture) = scan.furniture.as_ref().filter(|_| self.verbose) {
            eprintln!(
                "actorgraph: first pass: {} line(s) found in {} or more documents: site \
                 furniture, not linked (--repeated-lines)",
                furniture.len(),
                scan.repeated_lines
            );
        }
        if self.verbose && !scan.duplicates.is_empty() {
            eprintln!(
                "actorgraph: {} duplicate document(s) counted once:",
                scan.duplicates.len()
            );
            for d in &scan.duplicates.list {
                if d.id == d.kept {
                    eprintln!("actorgraph:   {} (given more than once)", d.id);
                    continue;
                }
                let how = match d.how {
                    actorgraph::dedup::Match::Exact => "same text as",
                    actorgraph::dedup::Match::Near => "near copy of",
                };
                eprintln!("actorgraph:   {} ({how} {})", d.id, d.kept);
            }
        }
        Ok(scan)
    }

    /// The first pass over `inputs`, or `None` when an input can be read only once.
    fn first_pass(
        &self,
        inputs: &[Input],
        options: &actorgraph::scan::ScanOptions,
        counting: bool,
    ) -> Result<Option<actorgraph::scan::Scan>> {
        // A FIFO or device can be read only once: no first pass (standard input is kept in
        // memory, files are read again).
        let stream = inputs.iter().find_map(|i| match i {
            Input::Path(p) => std::fs::metadata(p)
                .ok()
                .filter(|m| !m.is_file() && !m.is_dir())
                .map(|_| p.display().to_string()),
            _ => None,
        });
        if let Some(p) = stream {
            if options.wanted() {
                eprintln!(
                    "actorgraph: warning: {p} is a stream, read once: duplicates and repeated \
                     lines are not looked for (give a file, or pipe it into standard input)"
                );
            }
            return Ok(None);
        }
        let corpus = actorgraph::input::Corpus::new(inputs, self.read_options(counting));
        actorgraph::scan::scan(corpus, options, &mut Diagnostics::default()).map(Some)
    }

    /// Compiles the gazetteer; with --verbose, says how big and how long. The automaton is
    /// kept until the process ends (leaked on purpose): freeing one made of millions of small
    /// allocations cost 2 s at exit with a gazetteer of a million real names.
    pub fn tagger(&self, gazetteer: &Gazetteer) -> Result<&'static actorgraph::tagger::Tagger> {
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
        Ok(Box::leak(Box::new(tagger)))
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

/// `--format` of the row outputs (`tag`, `relations`).
#[derive(Clone, Copy, ValueEnum)]
pub enum RowFormatArg {
    /// JSON Lines, one object a row.
    Jsonl,
    /// Tab-separated values with a header.
    Tsv,
}

impl From<RowFormatArg> for actorgraph::export::mentions::RowFormat {
    fn from(f: RowFormatArg) -> Self {
        match f {
            RowFormatArg::Jsonl => Self::Jsonl,
            RowFormatArg::Tsv => Self::Tsv,
        }
    }
}

/// Standard input holds data: a pipe, a file or a socket, not a terminal or /dev/null (as
/// ripgrep decides).
fn stdin_is_readable() -> bool {
    if std::io::stdin().is_terminal() {
        return false;
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        let Ok(m) = std::fs::metadata("/dev/stdin") else {
            return false;
        };
        let t = m.file_type();
        t.is_fifo() || t.is_file() || t.is_socket()
    }
    #[cfg(not(unix))]
    {
        false
    }
}

/// Clears the progress bar when the corpus has been read.
struct ClearOnDrop(indicatif::ProgressBar);

impl Drop for ClearOnDrop {
    fn drop(&mut self) {
        self.0.finish_and_clear();
    }
}

/// clap's error condensed to one line: the whole message (with the missing argument's name
/// or the valid values), the usage line, and the valid subcommands where a subcommand is
/// wanted. An input given after a `query` question gets its own explanation.
fn one_line(e: &clap::Error) -> String {
    use clap::error::{ContextKind, ErrorKind};
    let (path, subcommands) = command_path();
    let subs = subcommands.join(", ");
    match e.kind() {
        ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand | ErrorKind::MissingSubcommand => {
            // `query central`: the word was taken for an input; say it is neither.
            let last = std::env::args_os()
                .last()
                .map(|a| a.to_string_lossy().into_owned());
            if let Some(word) = last.filter(|w| {
                path == "actorgraph query"
                    && !w.starts_with('-')
                    && w != "query"
                    && !std::path::Path::new(w).exists()
            }) {
                return format!(
                    "`{word}` is neither a question nor an input file; `{path}` needs a \
                     question: {subs}; see `{path} --help`"
                );
            }
            return format!("`{path}` needs a subcommand: {subs}; see `{path} --help`");
        }
        ErrorKind::UnknownArgument if path.starts_with("actorgraph query ") => {
            if let Some(arg) = e.get(ContextKind::InvalidArg).map(|a| a.to_string()) {
                if !arg.starts_with('-') {
                    let question = path.rsplit(' ').next().unwrap_or("");
                    return format!(
                        "unexpected argument '{arg}' after the question: inputs go before the \
                         question, as in `actorgraph query {arg} {question}`"
                    );
                }
            }
        }
        _ => {}
    }
    let text = e.render().to_string();
    let mut msg = String::new();
    let mut usage = None;
    for l in text.lines().map(str::trim).filter(|l| !l.is_empty()) {
        if let Some(u) = l.strip_prefix("Usage: ") {
            usage = Some(u.to_owned());
        } else if !l.starts_with("For more information") {
            if !msg.is_empty() && !msg.ends_with(':') {
                msg.push(';');
            }
            if !msg.is_empty() {
                msg.push(' ');
            }
            msg.push_str(l.trim_start_matches("error: "));
        }
    }
    if msg.is_empty() {
        msg.push_str("invalid arguments");
    }
    if e.kind() == ErrorKind::InvalidSubcommand && !subs.is_empty() {
        msg.push_str(&format!("; subcommands: {subs}"));
        // `actorgraph gazetteer people.json`, `actorgraph corpus/`: a file where the
        // subcommand goes.
        let arg = e.get(ContextKind::InvalidSubcommand).map(|a| a.to_string());
        if let Some(arg) = arg.filter(|a| std::path::Path::new(a).exists()) {
            let what = if std::path::Path::new(&arg).is_dir() {
                "a folder"
            } else {
                "a file"
            };
            let first = &subcommands[0];
            msg.push_str(&format!(
                "; `{arg}` is {what}: name the subcommand first, as in `{path} {first} {arg}`"
            ));
        }
    }
    match usage {
        Some(u) => format!("{msg}; usage: {u}"),
        None => format!("{msg}; see `{path} --help`"),
    }
}

/// `--name VALUE` written as `--name=VALUE` for every long option that takes a value.
///
/// `query` lets a question's name win over an argument (`query seeds/ stats`: `stats` is the
/// question, not an input), and clap applies that to option values too: in
/// `query seeds/ --edges relations relations iraq` the value `relations` was taken for the
/// question. Attached, a value is never read as a subcommand; the meaning is otherwise the same.
fn attach_option_values(args: Vec<std::ffi::OsString>) -> Vec<std::ffi::OsString> {
    use clap::CommandFactory;
    let mut cmd = Cli::command();
    cmd.build();
    let mut out = Vec::with_capacity(args.len());
    let mut it = args.into_iter().peekable();
    if let Some(program) = it.next() {
        out.push(program);
    }
    while let Some(arg) = it.next() {
        let text = arg.to_string_lossy().into_owned();
        if text == "--" {
            out.push(arg);
            out.extend(it);
            break;
        }
        if let Some(sub) = cmd.find_subcommand(&text).cloned() {
            cmd = sub;
            cmd.build();
            out.push(arg);
            continue;
        }
        let takes_value = text
            .strip_prefix("--")
            .filter(|name| !name.contains('='))
            .and_then(|name| cmd.get_arguments().find(|a| a.get_long() == Some(name)))
            .is_some_and(|a| a.get_action().takes_values());
        match it.peek() {
            Some(value) if takes_value => {
                let mut joined = arg.clone();
                joined.push("=");
                joined.push(value);
                out.push(joined);
                it.next();
            }
            _ => out.push(arg),
        }
    }
    out
}

/// The subcommands named on the command line (`actorgraph query stats`) and the
/// subcommands the last of them offers.
fn command_path() -> (String, Vec<String>) {
    use clap::CommandFactory;
    let mut cmd = Cli::command();
    let mut path = vec!["actorgraph".to_owned()];
    for arg in std::env::args().skip(1) {
        let next = cmd
            .get_subcommands()
            .find(|c| c.get_name() == arg || c.get_all_aliases().any(|a| a == arg))
            .cloned();
        if let Some(c) = next {
            path.push(c.get_name().to_owned());
            cmd = c;
        }
    }
    let subs = cmd
        .get_subcommands()
        .map(|c| c.get_name().to_owned())
        .filter(|n| n != "help")
        .collect();
    (path.join(" "), subs)
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
    if empty::was_empty() {
        ExitCode::from(1)
    } else if diag.failed_inputs > 0 || diag.skipped_lines > 0 {
        eprintln!(
            "actorgraph: {} input(s) and {} record(s) skipped; the rest was processed",
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
    let cli = match Cli::try_parse_from(attach_option_values(std::env::args_os().collect())) {
        Ok(cli) => cli,
        // --help and --version
        Err(e) if !e.use_stderr() => {
            let _ = e.print();
            return Ok(ExitCode::SUCCESS);
        }
        Err(e) => {
            if std::env::var_os("AG_CLAP_DEBUG").is_some() {
                eprintln!("{:?}\n{}", e.kind(), e.render());
            }
            return Err(actorgraph::Error::Usage(one_line(&e)));
        }
    };
    let verbose = match &cli.command {
        Command::Tag(a) => a.corpus.verbose,
        Command::Relations(a) => a.corpus.verbose,
        Command::Build(a) => a.corpus.verbose,
        Command::Query(a) => a.corpus.verbose,
        Command::Merge(_) => false,
        Command::Scan(a) => a.corpus.verbose,
        Command::Gazetteer(_) => false,
    };
    VERBOSE.store(verbose, std::sync::atomic::Ordering::Relaxed);
    match cli.command {
        Command::Tag(args) => tag::run(args),
        Command::Relations(args) => relations::run(args),
        Command::Build(args) => build::run(args),
        Command::Query(args) => query::run(args),
        Command::Merge(args) => merge::run(args),
        Command::Scan(args) => scan::run(args),
        Command::Gazetteer(cmd) => gazetteer::run(cmd),
    }
}
