//! SVG and PNG pictures, laid out by Graphviz: `neato` for small graphs, `sfdp` above 50
//! nodes. Graphviz is an external program; when it is missing the error names the package.

use std::io::{Read, Write};
use std::process::{Command, Stdio};

use crate::error::{Error, Result};
use crate::graph::ActorGraph;

/// Above this many nodes the picture is laid out with `sfdp` (multiscale, fast).
pub const SFDP_ABOVE: usize = 50;

/// Renders `graph` to `format` (`svg` or `png`); returns the image bytes.
pub fn render(graph: &ActorGraph, format: &str) -> Result<Vec<u8>> {
    let mut dot = Vec::new();
    super::dot::write(graph, &mut dot).expect("writing to memory");
    let engine = if graph.graph.node_count() > SFDP_ABOVE {
        "sfdp"
    } else {
        "neato"
    };
    let mut child = Command::new("dot")
        .arg(format!("-K{engine}"))
        .arg(format!("-T{format}"))
        .arg("-Goverlap=prism")
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
            "Graphviz `dot -K{engine} -T{format}` failed ({status}): {}",
            stderr.trim()
        )));
    }
    Ok(image)
}
