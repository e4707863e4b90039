//! `actorgraph gazetteer check`: validate and summarise gazetteer files.

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::Subcommand;

use actorgraph::gazetteer::{CaseRule, Gazetteer};
use actorgraph::Result;

#[derive(Subcommand)]
pub enum GazetteerCommand {
    /// Validate gazetteer files (merged in order) and print a summary.
    Check {
        /// Gazetteer JSON files.
        #[arg(required = true, value_name = "FILE")]
        files: Vec<PathBuf>,
    },
}

pub fn run(cmd: GazetteerCommand) -> Result<ExitCode> {
    let GazetteerCommand::Check { files } = cmd;
    let (g, warnings) = Gazetteer::load_files(&files)?;
    for w in &warnings {
        eprintln!("actorgraph: warning: {w}");
    }
    let mut by_type: BTreeMap<&str, usize> = BTreeMap::new();
    let mut aliases = 0;
    let mut sensitive = 0;
    let mut names: Vec<&str> = Vec::new();
    for a in g.actors() {
        *by_type.entry(a.kind.as_str()).or_default() += 1;
        aliases += a.aliases.len();
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
    println!(
        "ok: {} actor(s) in {} file(s)",
        g.actors().len(),
        files.len()
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
    if let (Some(longest), Some(shortest)) = (names.first(), names.last()) {
        println!("longest: {longest:?}");
        println!("shortest: {shortest:?}");
    }
    if !warnings.is_empty() {
        println!("warnings: {}", warnings.len());
    }
    Ok(ExitCode::SUCCESS)
}
