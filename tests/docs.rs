//! Docs that are run: every ```console block of README.md and docs/*.md is executed, so an
//! example that drifts from the program fails this test.
//!
//! A block is lines `$ command` (run by `sh -c` with the built `actorgraph` first on PATH), each
//! followed by the exact standard output expected. A line `...` stands for any number of lines.
//! Every command must exit 0. Blocks of one file share one directory, prepared with the files
//! the examples name: `seeds/`, `corpus/` (the seeds), `corpus.jsonl` (the seeds, dated),
//! `my.json`, `other.json`, `tiny.json`, `tiny.jsonl` and `bad-id.json` (from tests/docs/).
//! Other fences (```sh, ```json) are not run: set-up, benchmarks and pictures opened in GUIs.

mod util;

use std::fs;
use std::path::Path;
use std::process::Command;

use util::{bin, root, tempdir};

/// One `$ command` and the output it must print.
struct Example {
    line: usize,
    command: String,
    expected: Vec<String>,
}

/// The ```console examples of a Markdown file.
fn examples(text: &str) -> Vec<Example> {
    let mut out: Vec<Example> = Vec::new();
    let mut inside = false;
    for (i, line) in text.lines().enumerate() {
        if !inside {
            inside = line.trim_end() == "```console";
        } else if line.starts_with("```") {
            inside = false;
        } else if let Some(cmd) = line.strip_prefix("$ ") {
            out.push(Example {
                line: i + 1,
                command: cmd.to_owned(),
                expected: Vec::new(),
            });
        } else {
            let last = out.last_mut().expect("output before the first `$ ` line");
            last.expected.push(line.to_owned());
        }
    }
    out
}

/// Whether `got` matches `want`, where a `...` line matches any run of lines.
fn matches(want: &[String], got: &[&str]) -> bool {
    match want.split_first() {
        None => got.is_empty(),
        Some((w, rest)) if w == "..." => (0..=got.len()).any(|k| matches(rest, &got[k..])),
        Some((w, rest)) => got.first() == Some(&w.as_str()) && matches(rest, &got[1..]),
    }
}

fn copy_dir(from: &Path, to: &Path) {
    fs::create_dir_all(to).unwrap();
    for e in fs::read_dir(from).unwrap() {
        let e = e.unwrap();
        fs::copy(e.path(), to.join(e.file_name())).unwrap();
    }
}

fn prepare(dir: &Path) {
    copy_dir(&root().join("seeds"), &dir.join("seeds"));
    copy_dir(&root().join("seeds"), &dir.join("corpus"));
    copy_dir(&root().join("tests/docs"), dir);
    let mut jsonl = String::new();
    for (i, (id, text)) in actorgraph::input::SEEDS.iter().enumerate() {
        let rec =
            serde_json::json!({"id": id, "text": text, "date": format!("2024-02-{:02}", 10 + i)});
        jsonl.push_str(&rec.to_string());
        jsonl.push('\n');
    }
    fs::write(dir.join("corpus.jsonl"), jsonl).unwrap();
}

/// Runs the examples of `file`; returns how many ran, or the first failures.
fn run_file(file: &str) -> Result<usize, String> {
    let text = fs::read_to_string(root().join(file)).unwrap();
    let dir = tempdir();
    prepare(dir.path());
    let path = format!(
        "{}:{}",
        bin().parent().unwrap().display(),
        std::env::var("PATH").unwrap_or_default()
    );
    let all = examples(&text);
    let mut failures = Vec::new();
    for ex in &all {
        let out = Command::new("sh")
            .arg("-c")
            .arg(&ex.command)
            .current_dir(dir.path())
            .env("PATH", &path)
            .env("NO_COLOR", "1")
            .output()
            .unwrap();
        let stdout = String::from_utf8_lossy(&out.stdout);
        let got: Vec<&str> = stdout.lines().collect();
        if !out.status.success() || !matches(&ex.expected, &got) {
            failures.push(format!(
                "{file}:{}: $ {}\n  status {}\n  expected:\n{}\n  got:\n{}\n  stderr: {}",
                ex.line,
                ex.command,
                out.status,
                ex.expected.join("\n"),
                stdout,
                String::from_utf8_lossy(&out.stderr)
            ));
        }
    }
    if failures.is_empty() {
        Ok(all.len())
    } else {
        Err(failures.join("\n\n"))
    }
}

#[test]
fn the_matcher_of_expected_output() {
    let w = |s: &[&str]| s.iter().map(|x| x.to_string()).collect::<Vec<_>>();
    // (expected, got, matches)
    let cases: &[(&[&str], &[&str], bool)] = &[
        (&[], &[], true),
        (&[], &["x"], false),
        (&["a"], &["a"], true),
        (&["a"], &["b"], false),
        (&["a", "..."], &["a", "b", "c"], true),
        (&["...", "c"], &["a", "b", "c"], true),
        (&["...", "c"], &["a", "b"], false),
        (&["a", "...", "c"], &["a", "c"], true),
        (&["a", "..."], &[], false),
    ];
    for (want, got, ok) in cases {
        assert_eq!(matches(&w(want), got), *ok, "{want:?} vs {got:?}");
    }
}

/// (file, at least this many examples): a block turned back into ```sh is noticed.
const FILES: &[(&str, usize)] = &[
    ("README.md", 15),
    ("docs/formats.md", 1),
    ("docs/gazetteer.md", 2),
    ("docs/relations.md", 1),
];

#[test]
fn every_console_example_in_the_docs_runs_as_shown() {
    let mut failures = Vec::new();
    for (file, at_least) in FILES {
        match run_file(file) {
            Ok(n) if n >= *at_least => {}
            Ok(n) => failures.push(format!("{file}: only {n} examples (want {at_least})")),
            Err(e) => failures.push(e),
        }
    }
    // Every doc with a console block is in FILES.
    for e in fs::read_dir(root().join("docs")).unwrap() {
        let name = format!("docs/{}", e.unwrap().file_name().to_string_lossy());
        if name.ends_with(".md") && !FILES.iter().any(|f| f.0 == name) {
            let text = fs::read_to_string(root().join(&name)).unwrap();
            let has = text.lines().any(|l| l.trim_end() == "```console");
            assert!(!has, "{name} has examples: add it to FILES");
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}
