//! Inputs as users have them (issue 12): field mapping, CSV, gzip, stdin without `-`, dates
//! from `--date` and sidecars; and answers that say what happened.

mod util;

use std::fs;
use std::io::Write;
use std::path::Path;

use util::{listing, root, run_in, run_with_stdin, tempdir};

/// `tag` output as (doc, text, actor) triples.
fn mentions(stdout: &str) -> Vec<(String, String, String)> {
    stdout
        .lines()
        .map(|l| {
            let v: serde_json::Value = serde_json::from_str(l).unwrap();
            let s = |k: &str| v[k].as_str().unwrap().to_owned();
            (s("doc"), s("text"), s("actor"))
        })
        .collect()
}

/// `tag` output as (doc, start, actor) triples.
fn spans(stdout: &str) -> Vec<(String, u64, String)> {
    stdout
        .lines()
        .map(|l| {
            let v: serde_json::Value = serde_json::from_str(l).unwrap();
            let s = |k: &str| v[k].as_str().unwrap().to_owned();
            (s("doc"), v["start"].as_u64().unwrap(), s("actor"))
        })
        .collect()
}

/// `frames`, each compressed as a zstd frame of its own, one after the other.
fn zstd(path: &Path, frames: &[&[u8]]) {
    let mut out = Vec::new();
    for f in frames {
        out.extend(zstd::encode_all(*f, 3).unwrap());
    }
    fs::write(path, out).unwrap();
}

fn gzip(path: &Path, bytes: &[u8]) {
    let f = fs::File::create(path).unwrap();
    let mut w = flate2::write::GzEncoder::new(f, flate2::Compression::default());
    w.write_all(bytes).unwrap();
    w.finish().unwrap();
}

#[test]
fn every_input_form_gives_the_same_mentions() {
    let dir = tempdir();
    let d = dir.path();
    let jsonl = "{\"id\": \"a\", \"text\": \"Vowell met Rasool.\"}\n";
    let nested = "{\"meta\": {\"uid\": \"a\"}, \"body\": {\"text\": \"Vowell met Rasool.\"}}\n";
    let csv = "id,text\na,\"Vowell met Rasool.\"\n";
    fs::write(d.join("a.jsonl"), jsonl).unwrap();
    fs::write(d.join("n.jsonl"), nested).unwrap();
    fs::write(d.join("a.csv"), csv).unwrap();
    fs::create_dir(d.join("txt")).unwrap();
    fs::write(d.join("txt/a.txt"), "Vowell met Rasool.").unwrap();
    fs::create_dir(d.join("gz")).unwrap();
    gzip(&d.join("gz/a.jsonl.gz"), jsonl.as_bytes());
    gzip(&d.join("gz/a.csv.gz"), csv.as_bytes());
    gzip(&d.join("gz/a.txt.gz"), b"Vowell met Rasool.");
    let array = "[{\"id\": \"a\", \"text\": \"Vowell met Rasool.\"}]";
    fs::write(d.join("a.json"), array).unwrap();
    fs::write(d.join("a.ndjson"), jsonl).unwrap();
    fs::create_dir(d.join("semi")).unwrap();
    // A spreadsheet's CSV where the comma is the decimal mark; a quoted comma in the header
    // does not outvote the semicolons.
    fs::write(
        d.join("semi/a.csv"),
        "id;\"score, 0-1\";text\na;0,5;\"Vowell met Rasool.\"\n",
    )
    .unwrap();
    fs::write(d.join("a.tsv"), "id\ttext\na\tVowell met Rasool.\n").unwrap();
    fs::create_dir(d.join("pretty")).unwrap();
    fs::write(
        d.join("pretty/a.json"),
        "{\n  \"id\": \"a\",\n  \"text\": \"Vowell met Rasool.\"\n}\n",
    )
    .unwrap();
    gzip(&d.join("gz/a.json.gz"), array.as_bytes());
    fs::create_dir(d.join("zst")).unwrap();
    zstd(&d.join("zst/a.jsonl.zst"), &[jsonl.as_bytes()]);
    zstd(&d.join("zst/a.csv.zst"), &[csv.as_bytes()]);
    zstd(&d.join("zst/a.json.zst"), &[array.as_bytes()]);
    // Two frames, as pzstd writes a large file: read one after the other.
    zstd(&d.join("zst/a.txt.zst"), &[b"Vowell met ", b"Rasool."]);
    // Offsets too: a record read as plain text would give the same ids and names at other
    // offsets (inside the JSON).
    let expected = vec![
        ("a".to_owned(), 0, "vowell".to_owned()),
        ("a".to_owned(), 11, "rasool".to_owned()),
    ];
    // (name, args)
    let cases: &[(&str, &[&str])] = &[
        ("jsonl", &["tag", "a.jsonl"]),
        (
            "dotted paths",
            &[
                "tag",
                "n.jsonl",
                "--id-field",
                "meta.uid",
                "--text-field",
                "body.text",
            ],
        ),
        ("csv", &["tag", "a.csv"]),
        ("txt", &["tag", "txt/a.txt"]),
        ("jsonl.gz", &["tag", "gz/a.jsonl.gz"]),
        ("csv.gz", &["tag", "gz/a.csv.gz"]),
        ("txt.gz", &["tag", "gz/a.txt.gz"]),
        ("json array", &["tag", "a.json"]),
        ("json, one record over lines", &["tag", "pretty/a.json"]),
        ("ndjson", &["tag", "a.ndjson"]),
        ("csv with semicolons", &["tag", "semi/a.csv"]),
        ("tsv", &["tag", "a.tsv"]),
        ("json.gz", &["tag", "gz/a.json.gz"]),
        ("jsonl.zst", &["tag", "zst/a.jsonl.zst"]),
        ("csv.zst", &["tag", "zst/a.csv.zst"]),
        ("json.zst", &["tag", "zst/a.json.zst"]),
        ("txt.zst in two frames", &["tag", "zst/a.txt.zst"]),
    ];
    for (name, args) in cases {
        let r = run_in(d, args);
        assert_eq!(r.status, 0, "{name}: {}", r.stderr);
        assert_eq!(spans(&r.stdout), expected, "{name}");
    }
    // A walked directory finds all four compressed files of each kind.
    for dir in ["gz", "zst"] {
        let r = run_in(d, &["tag", dir]);
        assert_eq!(mentions(&r.stdout).len(), 8, "{dir}: {}", r.stderr);
    }
}

#[test]
fn ids_and_dates_from_records() {
    let dir = tempdir();
    let d = dir.path();
    let lines = "{\"id\": 17, \"text\": \"Vowell met Rasool.\", \"date\": \"2024-02-11 23:30:00\", \"url\": \"https://e.x/1\", \"source\": \"AFP\"}\n\
                 {\"text\": \"Sudani met Rasool.\", \"date\": \"2024-02-12T01:00:00+03:00\"}\n";
    fs::write(d.join("c.jsonl"), lines).unwrap();
    let r = run_in(d, &["build", "c.jsonl"]);
    assert_eq!(r.status, 0, "{}", r.stderr);
    let g: serde_json::Value = serde_json::from_str(&r.stdout).unwrap();
    let docs: Vec<(&str, &str)> = g["edges"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| {
            let ev = &e["evidence"][0];
            (ev["doc"].as_str().unwrap(), ev["date"].as_str().unwrap())
        })
        .collect();
    // A numeric id is written out; a missing one is FILE:LINE; date-times keep the day as
    // written (the local date of the offset given).
    assert_eq!(docs, [("c.jsonl:2", "2024-02-12"), ("17", "2024-02-11")]);
}

/// The document ids `tag` reports, in order, once each.
fn doc_ids(stdout: &str) -> Vec<String> {
    let mut ids: Vec<String> = mentions(stdout).into_iter().map(|m| m.0).collect();
    ids.dedup();
    ids
}

#[test]
fn json_files_as_dumps_and_scrapers_write_them() {
    let dir = tempdir();
    let d = dir.path();
    let rec = |id: &str| format!("{{{id}\"text\": \"Vowell met Rasool.\"}}");
    // (name, bytes of x.json, ids of the documents; a record without an id is named by its
    // place: the file's stem for the only record, FILE[INDEX] in an array, FILE:LINE in lines)
    let cases: Vec<(&str, String, Vec<&str>)> = vec![
        (
            "array",
            format!("[{}, {}]", rec(""), rec("\"id\": \"b\", ")),
            vec!["x.json[0]", "b"],
        ),
        (
            "array over lines, BOM",
            format!("\u{feff}[\n  {},\n  {}\n]\n", rec(""), rec("")),
            vec!["x.json[0]", "x.json[1]"],
        ),
        ("empty array", "[]".into(), vec![]),
        ("one record", format!("{}\n", rec("")), vec!["x"]),
        (
            "one record that lists actors (not a gazetteer: it has a text)",
            format!(
                "{}\n",
                rec("\"actors\": [{\"id\": \"v\", \"aliases\": []}], ")
            ),
            vec!["x"],
        ),
        (
            "one record over lines",
            "{\n  \"text\":\n    \"Vowell met Rasool.\"\n}".into(),
            vec!["x"],
        ),
        (
            "records one per line",
            format!("{}\n{}\n", rec(""), rec("")),
            vec!["x.json:1", "x.json:2"],
        ),
        (
            "records one per line after blank lines: line numbers are the file's",
            format!("\n\n{}\n\n{}", rec(""), rec("")),
            vec!["x.json:3", "x.json:5"],
        ),
    ];
    for (name, bytes, expected) in &cases {
        fs::write(d.join("x.json"), bytes).unwrap();
        let r = run_in(d, &["tag", "x.json"]);
        assert!(r.status <= 1, "{name}: {}", r.stderr);
        assert_eq!(doc_ids(&r.stdout), *expected, "{name}");
    }
    // One file per article, as news scrapers write them: fields named by flags, the title a
    // headline of its own.
    fs::write(
        d.join("story.json"),
        "{\n  \"title\": \"Kataib Hezbollah suspends attacks\",\n  \"maintext\": \"Sudani met Rasool.\",\n  \"date_publish\": \"2024-02-11 10:00:00\"\n}\n",
    )
    .unwrap();
    let r = run_in(
        d,
        &[
            "tag",
            "story.json",
            "--text-field",
            "maintext",
            "--date-field",
            "date_publish",
        ],
    );
    assert_eq!(r.status, 0, "{}", r.stderr);
    let zones: Vec<(String, String)> = r
        .stdout
        .lines()
        .map(|l| {
            let v: serde_json::Value = serde_json::from_str(l).unwrap();
            (
                v["doc"].as_str().unwrap().into(),
                v["zone"].as_str().unwrap().into(),
            )
        })
        .collect();
    let zone = |z: &str| ("story".to_owned(), z.to_owned());
    assert_eq!(zones, [zone("headline"), zone("body"), zone("body")]);
    // Standard input: an array too; a record on the first line is JSON Lines, as before.
    let stdin_cases: &[(&str, String, &[&str])] = &[
        ("array", format!("[{}]", rec("")), &["<stdin>[0]"]),
        ("one line", format!("{}\n", rec("")), &["<stdin>:1"]),
        (
            "one record over lines",
            "{\"text\":\n \"Vowell met Rasool.\"}".into(),
            &["stdin"],
        ),
    ];
    for (name, bytes, expected) in stdin_cases {
        let r = run_with_stdin(d, &["tag"], Some(bytes.as_bytes()));
        assert_eq!(r.status, 0, "stdin, {name}: {}", r.stderr);
        assert_eq!(doc_ids(&r.stdout), *expected, "stdin, {name}");
    }
}

#[test]
fn bad_json_files_say_where_and_what_to_do() {
    let dir = tempdir();
    let d = dir.path();
    let good = "{\"text\": \"Vowell met Rasool.\"}";
    // (name, bytes of x.json, extra args, exit status, expected piece of stderr, documents read)
    type Case<'a> = (&'a str, String, &'a [&'a str], i32, &'a str, usize);
    let cases: &[Case<'_>] = &[
        (
            "syntax error in an array",
            format!("[{good},\n {{\"text\": }}]"),
            &[],
            2,
            "x.json:2: bad JSON (expected value, column 11); fix the file (a syntax error in an array cannot be skipped)",
            0,
        ),
        (
            "... after blank lines: the file's line",
            format!("\n\n[{good},\n {{\"text\": }}]"),
            &[],
            2,
            "x.json:4: bad JSON (expected value, column 11)",
            0,
        ),
        (
            "record without text in an array",
            format!("[{good}, {{\"id\": \"b\"}}]"),
            &[],
            2,
            "x.json[1]: bad JSON record (missing field `text`, column 11); name the text field with --text-field; fix the record or pass --skip-bad-lines",
            0,
        ),
        (
            "... skipped",
            format!("[{good}, {{\"id\": \"b\"}}]"),
            &["--skip-bad-lines"],
            1,
            "x.json[1]: bad JSON record (missing field `text`, column 11); name the text field with --text-field; record skipped",
            1,
        ),
        (
            "one record over lines without text",
            "{\n  \"body\": \"Vowell met Rasool.\"\n}".into(),
            &[],
            2,
            "x.json: bad JSON record (missing field `text`, line 3, column 1); name the text field with --text-field; fix the file or pass --skip-bad-lines",
            0,
        ),
        (
            "a record that lists actors, its text under another name: told about the text field",
            "{\"actors\": [{\"name\": \"Vowell\"}], \"content\": \"Vowell met Rasool.\"}".into(),
            &[],
            2,
            "x.json: bad JSON record (missing field `text`, column 65); name the text field with --text-field",
            0,
        ),
        (
            "not JSON",
            "Vowell met Rasool.".into(),
            &[],
            2,
            "x.json: not JSON: a .json file holds an array of records, one record, or records one per line; name a text file .txt",
            0,
        ),
    ];
    for (name, bytes, extra, status, expected, docs) in cases {
        fs::write(d.join("x.json"), bytes).unwrap();
        let mut args = vec!["build", "x.json", "--verbose"];
        args.extend_from_slice(extra);
        let r = run_in(d, &args);
        assert_eq!(r.status, *status, "{name}: {}", r.stderr);
        assert!(r.stderr.contains(expected), "{name}: {}", r.stderr);
        if *status == 1 {
            let read = format!("read {docs} document(s)");
            assert!(r.stderr.contains(&read), "{name}: {}", r.stderr);
        }
    }
}

#[test]
fn actorgraphs_own_files_given_as_inputs_name_the_command_that_reads_them() {
    let dir = tempdir();
    let d = dir.path();
    for args in [
        &["build", "-o", "graph.json"][..],
        &["build", "--partial", "-o", "counts.agc"],
        &["scan", "-o", "first.ags"],
    ] {
        let r = run_in(d, args);
        assert_eq!(r.status, 0, "{args:?}: {}", r.stderr);
    }
    // Whatever their names: the binary ones are told by their first bytes.
    fs::copy(d.join("counts.agc"), d.join("counts.txt")).unwrap();
    fs::copy(root().join("gazetteer/actors.json"), d.join("people.json")).unwrap();
    // (input, expected piece of the error)
    let cases = [
        ("graph.json", "graph.json: this is a graph written by `actorgraph build --format json`, not articles; ask it with `actorgraph query --graph FILE ...`"),
        ("counts.agc", "counts.agc: this is a file of partial counts written by `actorgraph build --partial`, not articles; combine partials with `actorgraph merge FILE...`"),
        ("counts.txt", "counts.txt: this is a file of partial counts"),
        ("people.json", "people.json: this is a gazetteer, not articles; give it with -g FILE (--gazetteer)"),
        ("first.ags", "first.ags: this is a first pass saved by `actorgraph scan`, not articles; give it to a build of the same corpus with `--scan FILE`"),
    ];
    for (input, expected) in cases {
        for command in ["build", "tag"] {
            let r = run_in(d, &[command, input]);
            assert_eq!(r.status, 2, "{command} {input}: {}", r.stderr);
            assert!(
                r.stderr.contains(expected),
                "{command} {input}: {}",
                r.stderr
            );
            assert_eq!(r.stdout, "", "{command} {input}");
        }
    }
    let graph = fs::read(d.join("graph.json")).unwrap();
    let r = run_with_stdin(d, &["build"], Some(&graph));
    assert_eq!(r.status, 2, "{}", r.stderr);
    assert!(
        r.stderr.contains("<stdin>: this is a graph written by"),
        "{}",
        r.stderr
    );
    // In a directory, beside the articles: skipped with a warning, the articles read.
    fs::create_dir(d.join("corpus")).unwrap();
    fs::copy(d.join("graph.json"), d.join("corpus/graph.json")).unwrap();
    fs::copy(d.join("people.json"), d.join("corpus/people.json")).unwrap();
    fs::write(d.join("corpus/a.txt"), "Vowell met Rasool.").unwrap();
    let r = run_in(d, &["tag", "corpus"]);
    assert_eq!(r.status, 1, "{}", r.stderr);
    assert_eq!(doc_ids(&r.stdout), ["a"]);
    for skipped in [
        "graph.json: a graph written by `actorgraph build --format json`, not articles; skipped",
        "people.json: a gazetteer, not articles; skipped",
    ] {
        assert!(r.stderr.contains(skipped), "{}", r.stderr);
    }
}

#[test]
fn plain_text_dates_from_flag_and_sidecar() {
    let dir = tempdir();
    let d = dir.path();
    fs::write(d.join("a.txt"), "Vowell met Rasool.").unwrap();
    fs::write(d.join("b.txt"), "Sudani met Rasool.").unwrap();
    fs::write(
        d.join("actorgraph-meta.json"),
        r#"{"documents": {"a.txt": {"date": "2024-02-11", "source": "Shafaq"}}}"#,
    )
    .unwrap();
    // (name, args, expected dates of the two documents' edges)
    let cases: &[(&str, &[&str], [&str; 2])] = &[
        ("sidecar only", &["build", "."], ["2024-02-11", ""]),
        (
            "the sidecar named too, as a glob names it",
            &["build", "a.txt", "actorgraph-meta.json", "b.txt"],
            ["2024-02-11", ""],
        ),
        (
            "--date fills the undated",
            &["build", ".", "--date", "2024-03-01"],
            ["2024-02-11", "2024-03-01"],
        ),
    ];
    for (name, args, expected) in cases {
        let r = run_in(d, args);
        assert_eq!(r.status, 0, "{name}: {}", r.stderr);
        let g: serde_json::Value = serde_json::from_str(&r.stdout).unwrap();
        assert_eq!(
            g["corpus"]["documents"], 2,
            "{name}: the sidecar is no document"
        );
        let date = |a: &str| {
            g["edges"]
                .as_array()
                .unwrap()
                .iter()
                .find(|e| e["source"] == a || e["target"] == a)
                .map(|e| e["evidence"][0]["date"].as_str().unwrap_or("").to_owned())
                .unwrap()
        };
        assert_eq!([date("vowell"), date("sudani")], *expected, "{name}");
    }
}

#[test]
fn embedded_seeds_are_dated_and_byte_identical() {
    let shared = root().join("../shared/seeds");
    let shared = if shared.is_dir() {
        shared
    } else {
        Path::new("/work/shared/seeds").to_path_buf()
    };
    for entry in fs::read_dir(root().join("seeds")).unwrap() {
        let p = entry.unwrap().path();
        if p.extension().is_some_and(|e| e == "txt") {
            let theirs = shared.join(p.file_name().unwrap());
            if theirs.exists() {
                assert_eq!(fs::read(&p).unwrap(), fs::read(&theirs).unwrap(), "{p:?}");
            }
        }
    }
    let r = run_in(&root(), &["build", "--since", "2024-01-01"]);
    assert_eq!(r.status, 0, "{}", r.stderr);
    let g: serde_json::Value = serde_json::from_str(&r.stdout).unwrap();
    assert_eq!(g["corpus"]["documents"], 5);
    assert_eq!(g["corpus"]["dated_documents"], 5);
}

#[test]
fn stdin_is_read_without_a_dash_when_piped() {
    let dir = tempdir();
    let r = run_with_stdin(dir.path(), &["tag"], Some(b"Vowell met Rasool."));
    assert_eq!(r.status, 0, "{}", r.stderr);
    let docs: Vec<String> = mentions(&r.stdout).into_iter().map(|m| m.0).collect();
    assert_eq!(docs, ["stdin", "stdin"]);
    // Nothing piped (stdin is /dev/null): the embedded seeds, as before.
    let r = run_in(dir.path(), &["tag"]);
    assert!(r.stdout.lines().count() > 300);
}

#[test]
fn empty_results_say_why_and_exit_1() {
    let dir = tempdir();
    let d = dir.path();
    fs::create_dir(d.join("empty")).unwrap();
    fs::create_dir(d.join("undated")).unwrap();
    fs::write(d.join("undated/a.txt"), "Vowell met Rasool.").unwrap();
    fs::write(d.join("lonely.txt"), "Vowell spoke.").unwrap();
    fs::write(
        d.join("other.json"),
        r#"{"actors": [{"id": "x", "label": "Nobody Here", "type": "person"}]}"#,
    )
    .unwrap();
    // (name, args, expected piece of the warning)
    let cases: &[(&str, &[&str], &str)] = &[
        ("no files", &["build", "empty"], "no documents: the inputs hold no .txt"),
        (
            "undated and --since",
            &["build", "undated", "--since", "2024-01-01"],
            "all 1 document(s) are undated; --since 2024-01-01 keeps dated documents only; give dates with --date-field",
        ),
        (
            "dates out of range",
            &["build", "seeds/", "--until", "2020-01-01"],
            "no document is dated within --until 2020-01-01",
        ),
        (
            "unknown type",
            &["build", "seeds/", "--types", "persn"],
            "no actor of type persn is mentioned",
        ),
        (
            "no pair",
            &["build", "lonely.txt"],
            "1 actor(s) but no link: no two actors share a sentence; try --unit paragraph or --unit document (boilerplate is not linked: --keep-boilerplate)",
        ),
        (
            "no pair twice",
            &["build", "seeds/", "--unit", "document", "--min-weight", "99"],
            "no link is left after --min-weight 99 / --top-edges; lower them",
        ),
        (
            "ego network without links",
            &["build", "lonely.txt", "--actors", "rasool"],
            "the actors given to --actors have no links in these documents; drop --actors or name others",
        ),
        (
            "no actor",
            &["build", "undated", "-g", "other.json"],
            "no actor of the gazetteer is mentioned in the 1 document(s) counted; check the text field (--text-field) or give a gazetteer that names these actors (-g FILE)",
        ),
        ("tag finds nothing", &["tag", "empty"], "no documents"),
        (
            "merge leaves nothing",
            &["merge", "part.agc", "--types", "persn", "-o", "m.json"],
            "no actor of type persn is mentioned in the 1 document(s) counted",
        ),
    ];
    let r = run_in(d, &["build", "undated", "--partial", "-o", "part.agc"]);
    assert_eq!(r.status, 0, "{}", r.stderr);
    for (name, args, expected) in cases {
        let at = if args.contains(&"seeds/") {
            root()
        } else {
            d.to_path_buf()
        };
        let r = run_in(&at, args);
        assert_eq!(r.status, 1, "{name}: {}", r.stderr);
        assert!(r.stderr.contains(expected), "{name}: {}", r.stderr);
    }
}

#[test]
fn clap_errors_keep_their_message_on_one_line() {
    // (args, expected piece)
    let cases: &[(&[&str], &str)] = &[
        (
            &["query", "neighbors"],
            "the following required arguments were not provided: <ACTOR>; usage: actorgraph query neighbors <ACTOR>",
        ),
        (
            &["query"],
            "`actorgraph query` needs a subcommand: neighbors, who-met, relations, evidence, path, top, communities, stats",
        ),
        (&["bogus"], "unrecognized subcommand 'bogus'; subcommands: tag, relations, build, merge, scan, query, gazetteer; usage"),
        (
            &["seeds"],
            "`seeds` is a folder: name the subcommand first, as in `actorgraph tag seeds`",
        ),
        (
            &["gazetteer", "gazetteer/actors.json"],
            "unrecognized subcommand 'gazetteer/actors.json'; subcommands: check, import; `gazetteer/actors.json` is a file: name the subcommand first, as in `actorgraph gazetteer check gazetteer/actors.json`",
        ),
        (
            &["query", "stats", "seeds/"],
            "inputs go before the question, as in `actorgraph query seeds/ stats`",
        ),
        (
            &["query", "seeds/", "central"],
            "`central` is neither a question nor an input file; `actorgraph query` needs a question: neighbors, who-met",
        ),
        (&["build", "--unit", "x"], "[possible values: sentence, paragraph, document]"),
    ];
    for (args, expected) in cases {
        let r = run_in(&root(), args);
        assert_eq!(r.status, 2, "{args:?}");
        assert_eq!(r.stderr.lines().count(), 1, "{args:?}: {}", r.stderr);
        assert!(r.stderr.contains(expected), "{args:?}: {}", r.stderr);
    }
}

#[test]
fn csv_output_named_like_a_file_writes_files() {
    let dir = tempdir();
    let r = run_in(dir.path(), &["build", "-o", "out.csv"]);
    assert_eq!(r.status, 0, "{}", r.stderr);
    assert_eq!(listing(dir.path()), ["out.edges.csv", "out.nodes.csv"]);
    let r = run_in(dir.path(), &["build", "-o", "tables", "--format", "csv"]);
    assert_eq!(r.status, 0, "{}", r.stderr);
    assert_eq!(
        listing(&dir.path().join("tables")),
        ["edges.csv", "nodes.csv"]
    );
    // Standard output cannot take two files: refused before anything is read or written
    // (it once made a directory named `-`).
    for args in [
        &["build", "--format", "csv"][..],
        &["build", "--format", "csv", "-o", "-"],
    ] {
        let r = run_in(dir.path(), args);
        assert_eq!(r.status, 2, "{args:?}");
        assert!(
            r.stderr
                .contains("csv output is two files: give -o NAME.csv or -o DIR"),
            "{args:?}: {}",
            r.stderr
        );
    }
    assert_eq!(
        listing(dir.path()),
        ["out.edges.csv", "out.nodes.csv", "tables"]
    );
}

#[test]
fn write_errors_name_the_users_path_and_what_to_do() {
    let dir = tempdir();
    let r = run_in(dir.path(), &["tag", "-o", "/dev/full"]);
    assert_eq!(r.status, 2);
    assert!(
        r.stderr.contains(
            "/dev/full: cannot write: No space left on device (os error 28); free some space"
        ),
        "{}",
        r.stderr
    );
    assert!(!r.stderr.contains(".actorgraph-"), "{}", r.stderr);
}

#[test]
fn bad_csv_says_where() {
    let dir = tempdir();
    fs::write(dir.path().join("x.csv"), "id,body\na,Vowell met Rasool.\n").unwrap();
    let r = run_in(dir.path(), &["tag", "x.csv"]);
    assert_eq!(r.status, 2);
    assert!(
        r.stderr.contains(
            "x.csv:1: no column \"text\" in the header (columns: id, body); name the text column with --text-field"
        ),
        "{}",
        r.stderr
    );
    let r = run_in(dir.path(), &["tag", "x.csv", "--text-field", "body"]);
    assert_eq!(r.status, 0, "{}", r.stderr);
    assert_eq!(mentions(&r.stdout).len(), 2);
}
