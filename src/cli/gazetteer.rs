//! `actorgraph gazetteer check|import`: validate and summarise gazetteer files; convert other
//! tools' actor dictionaries.

use std::collections::BTreeMap;
use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

use clap::Subcommand;

use actorgraph::gazetteer::{CaseRule, Gazetteer};
use actorgraph::import::{false_friends, import_petrarch};
use actorgraph::output::Output;
use actorgraph::{Error, Result};

use super::AmbiguousArg;

#[derive(Subcommand)]
pub enum GazetteerCommand {
    /// Validate gazetteer files (merged in order) and print a summary.
    Check {
        /// Gazetteer JSON files (none: the embedded default gazetteer, gazetteer/actors.json).
        #[arg(value_name = "FILE")]
        files: Vec<PathBuf>,
        /// An alias claimed by two actors: stop (error), or drop it from every claimant and
        /// list each drop (skip).
        #[arg(long, value_enum, default_value_t = AmbiguousArg::Error)]
        ambiguous: AmbiguousArg,
    },
    /// Convert another tool's actor dictionaries into a gazetteer.
    #[command(subcommand)]
    Import(ImportCommand),
}

#[derive(Subcommand)]
pub enum ImportCommand {
    /// PETRARCH / Phoenix `.actors` dictionaries (TABARI format), merged in order.
    Petrarch {
        /// Dictionary files.
        #[arg(required = true, value_name = "FILE")]
        files: Vec<PathBuf>,
        /// Output gazetteer (JSON). Written atomically.
        #[arg(short, long, value_name = "FILE")]
        output: PathBuf,
        /// Leave out the exclusions from the false-friend list (gazetteer/false_friends.json):
        /// phrases such as "South America" or "Washington Post" that contain an imported name.
        #[arg(long)]
        no_false_friends: bool,
    },
}

pub fn run(cmd: GazetteerCommand) -> Result<ExitCode> {
    match cmd {
        GazetteerCommand::Check { files, ambiguous } => check(&files, ambiguous),
        GazetteerCommand::Import(ImportCommand::Petrarch {
            files,
            output,
            no_false_friends,
        }) => petrarch(&files, &output, !no_false_friends),
    }
}

fn check(files: &[PathBuf], ambiguous: AmbiguousArg) -> Result<ExitCode> {
    let t0 = Instant::now();
    let (g, warnings) = if files.is_empty() {
        (Gazetteer::embedded(), Vec::new())
    } else {
        Gazetteer::load_files_with(files, ambiguous.options())?
    };
    let load = t0.elapsed();
    for w in &warnings {
        eprintln!("actorgraph: warning: {w}");
    }
    for d in g.dropped() {
        eprintln!("actorgraph: dropped: {d}");
    }
    let mut by_type: BTreeMap<&str, usize> = BTreeMap::new();
    let mut aliases = 0;
    let mut sensitive = 0;
    let mut codes = 0;
    let mut names: Vec<&str> = Vec::new();
    for a in g.actors() {
        *by_type.entry(a.kind.as_str()).or_default() += 1;
        aliases += a.aliases.len();
        codes += a.codes.len();
        sensitive += a
            .aliases
            .iter()
            .filter(|x| x.case == CaseRule::Sensitive)
            .count();
        names.push(&a.label);
        names.extend(a.aliases.iter().map(|x| x.text.as_str()));
    }
    // Longest first, then alphabetical, so the summary is stable.
    names.sort_by(|a, b| {
        b.chars()
            .count()
            .cmp(&a.chars().count())
            .then_with(|| a.cmp(b))
    });
    let source = if files.is_empty() {
        "the embedded gazetteer (gazetteer/actors.json)".to_owned()
    } else {
        format!("{} file(s)", files.len())
    };
    println!(
        "ok: {} actor(s), {} role(s) in {source}",
        g.actors().len(),
        g.roles().len(),
    );
    for (t, n) in &by_type {
        println!("  {t:<16} {n}");
    }
    println!(
        "aliases: {aliases} (+{} labels), {} distinct after normalisation",
        g.actors().len(),
        g.pattern_count()
    );
    println!("case-sensitive aliases: {sensitive}");
    if codes > 0 {
        println!("codes: {codes}");
    }
    if g.exclusion_count() > 0 {
        println!("exclusions: {}", g.exclusion_count());
    }
    if let (Some(longest), Some(shortest)) = (names.first(), names.last()) {
        println!("longest: {longest:?}");
        println!("shortest: {shortest:?}");
    }
    if !g.dropped().is_empty() {
        println!("ambiguous aliases dropped: {}", g.dropped().len());
    }
    if !warnings.is_empty() {
        println!("warnings: {}", warnings.len());
    }
    eprintln!("actorgraph: loaded in {:.2} s", load.as_secs_f64());
    Ok(ExitCode::SUCCESS)
}

fn petrarch(files: &[PathBuf], output: &std::path::Path, exclude: bool) -> Result<ExitCode> {
    let mut data = Vec::with_capacity(files.len());
    for p in files {
        let bytes = std::fs::read(p).map_err(|e| Error::io(p, e))?;
        data.push((p.display().to_string(), bytes));
    }
    let inputs: Vec<(&str, &[u8])> = data
        .iter()
        .map(|(n, b)| (n.as_str(), b.as_slice()))
        .collect();
    let false_friends = if exclude { false_friends() } else { Vec::new() };
    let imported = import_petrarch(&inputs, &false_friends)?;
    for issue in &imported.issues {
        eprintln!("actorgraph: {issue}");
    }
    let mut out = Output::create(Some(output))?;
    out.write_all(imported.json.as_bytes())
        .map_err(|e| out.error(e))?;
    out.commit()?;
    eprintln!(
        "actorgraph: {} record(s) read; wrote {} actor(s), {} alias(es), {} code(s) ({} dated) to {}",
        imported.records,
        imported.actors,
        imported.aliases,
        imported.codes,
        imported.dated_codes,
        output.display()
    );
    for (kind, n) in imported.counts() {
        eprintln!("actorgraph:   {:<34} {n}", kind.name());
    }
    let types: Vec<String> = imported
        .types
        .iter()
        .map(|(t, n)| format!("{n} {t}"))
        .collect();
    eprintln!(
        "actorgraph: types from the CAMEO codes: {} (docs/gazetteer.md)",
        types.join(", ")
    );
    if exclude {
        eprintln!(
            "actorgraph: {} false friend(s) written as exclusions: phrases of \
             gazetteer/false_friends.json that contain an imported name but name something \
             else (--no-false-friends leaves them out)",
            imported.exclusions
        );
    }
    Ok(ExitCode::SUCCESS)
}
