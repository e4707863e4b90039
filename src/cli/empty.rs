//! Answers that say what happened: a run whose inputs or filters leave nothing (no document,
//! no actor, no edge) names the cause and the fix (`actorgraph::empty`) and exits 1; a run that
//! produced something says so in one line on stderr when stderr is a terminal.

use std::io::IsTerminal;
use std::sync::atomic::{AtomicBool, Ordering};

use super::CorpusArgs;

/// Set when the result is empty: the exit status becomes 1.
static EMPTY: AtomicBool = AtomicBool::new(false);

/// Prints the explanation and makes the exit status 1.
pub fn warn(why: &str) {
    eprintln!("actorgraph: warning: {why}");
    EMPTY.store(true, Ordering::Relaxed);
}

/// Whether [`warn`] was called.
pub fn was_empty() -> bool {
    EMPTY.load(Ordering::Relaxed)
}

/// One line on stderr, only for a person at a terminal.
pub fn summary(corpus: &CorpusArgs, line: &str) {
    if !corpus.quiet && !was_empty() && std::io::stderr().is_terminal() {
        eprintln!("actorgraph: {line}");
    }
}
