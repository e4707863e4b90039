//! `actorgraph tag`: mentions as JSON Lines or TSV.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::Args;

use actorgraph::export::mentions;
use actorgraph::input::Diagnostics;
use actorgraph::output::Output;
use actorgraph::{pipeline, Result};

use super::{CorpusArgs, RowFormatArg};

#[derive(Args)]
pub struct TagArgs {
    #[command(flatten)]
    pub corpus: CorpusArgs,
    /// Output file (default: standard output). Written atomically.
    #[arg(short, long, value_name = "FILE")]
    output: Option<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = RowFormatArg::Jsonl)]
    format: RowFormatArg,
}

pub fn run(args: TagArgs) -> Result<ExitCode> {
    args.corpus.init_threads()?;
    let gazetteer = args.corpus.gazetteer()?;
    let tagger = args.corpus.tagger(&gazetteer)?;
    let format = args.format.into();
    let inputs = args.corpus.inputs();
    let mut out = Output::create(args.output.as_deref())?;
    mentions::write_header(&mut out, format).map_err(|e| out.error(e))?;
    let mut diag = Diagnostics::default();
    let mut found = 0usize;
    let scan = args.corpus.scan(&inputs, false, &[])?;
    let corpus = args.corpus.corpus(&inputs, false);
    pipeline::run_with(
        corpus,
        tagger,
        args.corpus.line_breaks(),
        &scan.zone_rules(),
        None,
        &mut diag,
        |doc, a| {
            found += a.mentions.len() + a.unresolved.len();
            mentions::write_document(&mut out, format, &gazetteer, doc, a).map_err(|e| out.error(e))
        },
    )?;
    super::check_read(&diag)?;
    out.commit()?;
    if diag.documents == 0 {
        super::empty::warn(actorgraph::empty::NO_DOCUMENTS);
    } else if found == 0 {
        super::empty::warn(&format!(
            "no actor of the gazetteer is mentioned in the {} document(s); check the text \
             field (--text-field) or give a gazetteer that names these actors (-g FILE)",
            diag.documents
        ));
    }
    super::empty::summary(
        &args.corpus,
        &format!("{found} mention(s) in {} document(s)", diag.documents),
    );
    Ok(super::finish(&diag))
}
