//! The `actorgraph` binary: parse flags, run one command, print an error once.

use std::process::ExitCode;

mod cli;

fn main() -> ExitCode {
    match cli::run() {
        Ok(status) => status,
        Err(e) if e.is_broken_pipe() => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("actorgraph: error: {e}");
            ExitCode::from(2)
        }
    }
}
