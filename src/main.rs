//! The `actorgraph` binary: parse flags, run one command, print an error once.

use std::process::ExitCode;

mod cli;

fn main() -> ExitCode {
    // An interrupt skips destructors: remove half-written outputs, then exit like a shell
    // does for SIGINT. If the handler cannot be installed, outputs are still atomic; only a
    // temporary file may be left behind on an interrupt.
    let _ = ctrlc::set_handler(|| {
        actorgraph::output::remove_partial_outputs();
        std::process::exit(130);
    });
    match cli::run() {
        Ok(status) => status,
        Err(e) if e.is_broken_pipe() => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("actorgraph: error: {e}");
            ExitCode::from(2)
        }
    }
}
