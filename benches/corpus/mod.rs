//! The seeded benchmark corpus and gazetteers, shared by the benchmarks (each uses a part).
#![allow(dead_code)]

use std::io::Write;
use std::path::Path;

use actorgraph::input::SEEDS;
use actorgraph::sentence::{split, LineBreaks};

/// The median of `v` (the upper one of an even count).
pub fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(f64::total_cmp);
    v[v.len() / 2]
}

/// The number in environment variable `name` (`AG_BENCH_MB`, `AG_BENCH_RUNS`, ...), else
/// `default`.
pub fn env_or(name: &str, default: usize) -> usize {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

/// The sentences of the seed articles, the material every benchmark document is made of.
pub fn seed_sentences() -> Vec<&'static str> {
    SEEDS
        .iter()
        .flat_map(|(_, text)| {
            split(text, &[], LineBreaks::Auto)
                .into_iter()
                .map(move |s| s.text(text))
        })
        .filter(|s| !s.is_empty())
        .collect()
}

/// One document: 8 to 40 seed sentences, now and then a paragraph break, appended to `text`.
pub fn document_text(rng: &mut fastrand::Rng, sentences: &[&str], text: &mut String) {
    for i in 0..rng.usize(8..=40) {
        if i > 0 {
            text.push_str(if rng.u8(..5) == 0 { "\n\n" } else { " " });
        }
        text.push_str(sentences[rng.usize(..sentences.len())]);
    }
}

/// Seeded corpus generator: real sentences from the seeds, shuffled into new documents.
pub fn generate(path: &Path, mb: usize, seed: u64) {
    let sentences = seed_sentences();
    let mut rng = fastrand::Rng::with_seed(seed);
    let mut out = std::io::BufWriter::new(std::fs::File::create(path).unwrap());
    let (mut written, mut n) = (0usize, 0usize);
    let mut text = String::new();
    while written < mb << 20 {
        text.clear();
        document_text(&mut rng, &sentences, &mut text);
        let line = serde_json::json!({
            "id": format!("doc{n:08}"),
            "date": format!("2024-{:02}-{:02}", rng.u8(1..=12), rng.u8(1..=28)),
            "source": "bench",
            "text": text,
        })
        .to_string();
        out.write_all(line.as_bytes()).unwrap();
        out.write_all(b"\n").unwrap();
        written += line.len() + 1;
        n += 1;
    }
    out.flush().unwrap();
}

/// A gazetteer of `n` aliases as JSON, 5 per actor ("Person 17 Example", "P. 17 Example",
/// "Example 17", "Commander 17 Example", "Example-17"): the large-gazetteer benchmarks' input.
pub fn templated_gazetteer(n: usize) -> String {
    let mut s = String::from("{\"actors\": [");
    for i in 0..n / 5 {
        if i > 0 {
            s.push(',');
        }
        s.push_str(&format!(
            "{{\"id\": \"x{i}\", \"label\": \"Person {i} Example\", \"type\": \"person\", \
             \"aliases\": [\"P. {i} Example\", \"Example {i}\", \"Commander {i} Example\", \
             \"Example-{i}\"]}}"
        ));
    }
    s.push_str("]}");
    s
}

/// `src` with a syndicated copy after every `every`-th document, as a wire story republished:
/// a new id, a headline line of its own, the last paragraph dropped (kept whole when it is the
/// only one). Returns how many copies were written. The copy of a document with few
/// paragraphs loses much of it and may fall under the near-copy threshold, as in real
/// syndication.
pub fn syndicate(src: &Path, dst: &Path, every: usize) -> usize {
    use std::io::BufRead;
    let input = std::io::BufReader::new(std::fs::File::open(src).unwrap());
    let mut out = std::io::BufWriter::new(std::fs::File::create(dst).unwrap());
    let mut copies = 0;
    for (i, line) in input.lines().enumerate() {
        let line = line.unwrap();
        out.write_all(line.as_bytes()).unwrap();
        out.write_all(b"\n").unwrap();
        if i % every != 0 {
            continue;
        }
        let mut doc: serde_json::Value = serde_json::from_str(&line).unwrap();
        let text = doc["text"].as_str().unwrap().to_owned();
        let body = text
            .rsplit_once("\n\n")
            .map_or(text.as_str(), |(kept, _)| kept);
        let headline: String = text.chars().take(60).collect();
        doc["text"] = format!("Wire: {}\n\n{body}", headline.trim()).into();
        doc["id"] = format!("wire-{}", doc["id"].as_str().unwrap()).into();
        out.write_all(doc.to_string().as_bytes()).unwrap();
        out.write_all(b"\n").unwrap();
        copies += 1;
    }
    out.flush().unwrap();
    copies
}
