//! Checks the repeated-line answer (site furniture) against exact counts on a JSON Lines
//! corpus: `cargo run --release --example repeated_lines -- corpus.jsonl [MIN]` (default 5).
//!
//! Every document's distinct trimmed lines are counted exactly (in memory: for corpora that
//! fit), and compared with what the sketch alone counts and with what a build marks
//! ([`Repeated::of_documents`]: the sketch's candidates counted again). All documents count
//! (no duplicate decision). `docs/zones.md` quotes its output on the benchmark corpus.

use std::collections::HashMap;
use std::io::BufRead;

use actorgraph::zone::Repeated;

fn main() {
    let mut args = std::env::args().skip(1);
    let path = args
        .next()
        .expect("usage: repeated_lines CORPUS.jsonl [MIN]");
    let min: u32 = args.next().map_or(5, |m| m.parse().expect("MIN: a number"));
    let file = std::io::BufReader::new(std::fs::File::open(&path).expect("readable corpus"));
    let mut exact: HashMap<String, u32> = HashMap::new();
    let mut texts = Vec::new();
    for line in file.lines() {
        let record: serde_json::Value = serde_json::from_str(&line.expect("UTF-8")).expect("JSON");
        let text = record["text"].as_str().expect("a text field").to_owned();
        let mut lines: Vec<&str> = text
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty())
            .collect();
        lines.sort_unstable();
        lines.dedup();
        for l in lines {
            *exact.entry(l.to_owned()).or_default() += 1;
        }
        texts.push(text);
    }
    let (sketch, repeated) = Repeated::of_documents(texts.iter().map(String::as_str), min, 20);
    let (mut truly, mut sketch_wrong, mut wrong) = (0, 0, 0);
    for (line, &n) in &exact {
        truly += usize::from(n >= min);
        sketch_wrong += usize::from(n < min && sketch.count(line) >= min);
        if repeated.contains(line) != (n >= min) {
            wrong += 1;
            eprintln!("wrong: {n} document(s): {line:?}");
        }
    }
    println!(
        "{} documents, {} distinct lines, {truly} in {min} or more documents; the sketch alone \
         marks {sketch_wrong} line(s) in fewer as repeated; recounted: {} repeated, {wrong} wrong",
        texts.len(),
        exact.len(),
        repeated.len()
    );
}
