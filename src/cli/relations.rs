//! `actorgraph relations`: typed, directed relations as JSON Lines or TSV.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::Args;

use actorgraph::input::Diagnostics;
use actorgraph::output::Output;
use actorgraph::relation::write;
use actorgraph::relation::Lexicon;
use actorgraph::{pipeline, Result};

use super::{CorpusArgs, RowFormatArg};

#[derive(Args)]
pub struct RelationsArgs {
    #[command(flatten)]
    pub corpus: CorpusArgs,
    /// Relation lexicon JSON file (types, direction, cues). Default: the embedded lexicon.
    #[arg(long, value_name = "FILE")]
    lexicon: Option<PathBuf>,
    /// Output file (default: standard output). Written atomically.
    #[arg(short, long, value_name = "FILE")]
    output: Option<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = RowFormatArg::Jsonl)]
    format: RowFormatArg,
}

pub fn run(args: RelationsArgs) -> Result<ExitCode> {
    args.corpus.init_threads()?;
    let gazetteer = args.corpus.gazetteer()?;
    let lexicon = match &args.lexicon {
        Some(p) => Lexicon::load_file(p)?,
        None => Lexicon::embedded(),
    };
    let tagger = args.corpus.tagger(&gazetteer)?;
    let format = args.format.into();
    let inputs = args.corpus.inputs();
    let mut out = Output::create(args.output.as_deref())?;
    write::write_header(&mut out, format).map_err(|e| out.error(e))?;
    let mut diag = Diagnostics::default();
    let corpus = args.corpus.corpus(&inputs, false);
    // Extracted in the parallel analysis stage; written here in corpus order.
    let extract = pipeline::Extract {
        gazetteer: &gazetteer,
        lexicon: &lexicon,
    };
    pipeline::run_with(
        corpus,
        tagger,
        args.corpus.line_breaks(),
        &actorgraph::zone::ZoneRules::default(),
        Some(extract),
        &mut diag,
        |doc, a| {
            write::write_document(&mut out, format, &gazetteer, &lexicon, doc, &a.relations)
                .map_err(|e| out.error(e))
        },
    )?;
    super::check_read(&diag)?;
    out.commit()?;
    Ok(super::finish(&diag))
}
