//! `actorgraph scan`: the first pass (duplicate signatures, line keys) of some inputs, saved so
//! that partials built on different machines share one decision (`build --partial --scan`).

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::Args;

use actorgraph::input::Diagnostics;
use actorgraph::output::Output;
use actorgraph::scan::{ScanOptions, Survey};
use actorgraph::{scanfile, Error, Result};

use super::CorpusArgs;

#[derive(Args)]
pub struct ScanArgs {
    #[command(flatten)]
    pub corpus: CorpusArgs,
    /// Scan files (.ags) to merge into the output; with no INPUT, only these are merged.
    #[arg(long = "scan", value_name = "FILE")]
    scans: Vec<PathBuf>,
    /// Output scan file (.ags), written atomically.
    #[arg(short, long, value_name = "FILE")]
    output: PathBuf,
}

/// Reads and merges the scan files `paths`, refusing any made with other options than
/// `options` (the message names the file and both settings).
pub fn load(paths: &[PathBuf], options: &ScanOptions) -> Result<Survey> {
    let mut all = Survey::new(options);
    for p in paths {
        let part = scanfile::read_file(p)?;
        all.check(&part, &p.display().to_string(), "this command")?;
        all.merge(part)?;
    }
    Ok(all)
}

fn write(survey: &Survey, path: &Path) -> Result<()> {
    let mut out = Output::create(Some(path))?;
    scanfile::write(survey, &mut out).map_err(|e| match e {
        scanfile::WriteError::Io(e) => out.error(e),
        scanfile::WriteError::Survey(e) => e,
    })?;
    out.commit()
}

pub fn run(args: ScanArgs) -> Result<ExitCode> {
    args.corpus.init_threads()?;
    let options = args.corpus.scan_options();
    if !options.wanted() {
        return Err(Error::Usage(
            "--keep-duplicates with --repeated-lines 0 leaves nothing to scan".into(),
        ));
    }
    let mut survey = load(&args.scans, &options)?;
    let mut diag = Diagnostics::default();
    if !args.corpus.inputs.is_empty() || args.scans.is_empty() {
        let inputs = args.corpus.inputs();
        let corpus = args.corpus.corpus(&inputs, true);
        survey.merge(actorgraph::scan::survey(corpus, &options, &mut diag)?)?;
        super::check_read(&diag)?;
    }
    write(&survey, &args.output)?;
    super::empty::summary(
        &args.corpus,
        &format!(
            "{} document(s) scanned, written to {}",
            survey.len(),
            args.output.display()
        ),
    );
    Ok(super::finish(&diag))
}
