//! SVG and PNG pictures: the DOT of [`super::dot`], which names its own layout engine, legend
//! and routing, rendered by plain `dot -Tsvg` (so the picture is exactly what a user gets from
//! the DOT file). Graphviz is an external program; when it is missing the error names the
//! package.

use std::io::{Read, Write};
use std::process::{Command, Stdio};

use super::View;
use crate::error::{Error, Result};
use crate::graph::ActorGraph;

/// Renders `graph` to `format` (`svg`, `png`, or any Graphviz output such as `json`); returns
/// the bytes.
pub fn render(graph: &ActorGraph, view: &View, format: &str) -> Result<Vec<u8>> {
    let mut dot = Vec::new();
    super::dot::write_view(graph, view, &mut dot).expect("writing to memory");
    let mut child = Command::new("dot")
        .arg(format!("-T{format}"))
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| {
            if e.kind() == std::io::ErrorKind::NotFound {
                Error::External(
                    "Graphviz is not installed (no `dot` program on PATH): install the package \
                     `graphviz` (apt-get install graphviz, brew install graphviz), or write \
                     --format dot and render it elsewhere"
                        .into(),
                )
            } else {
                Error::External(format!("cannot run Graphviz `dot`: {e}"))
            }
        })?;
    let mut stdin = child.stdin.take().expect("piped");
    let writer = std::thread::spawn(move || stdin.write_all(&dot));
    let mut image = Vec::new();
    child
        .stdout
        .take()
        .expect("piped")
        .read_to_end(&mut image)
        .map_err(|e| Error::External(format!("reading Graphviz output: {e}")))?;
    let mut stderr = String::new();
    let _ = child
        .stderr
        .take()
        .expect("piped")
        .read_to_string(&mut stderr);
    let status = child
        .wait()
        .map_err(|e| Error::External(format!("waiting for Graphviz: {e}")))?;
    let _ = writer.join();
    if !status.success() {
        return Err(Error::External(format!(
            "Graphviz `dot -T{format}` failed ({status}): {}",
            stderr.trim()
        )));
    }
    Ok(image)
}
