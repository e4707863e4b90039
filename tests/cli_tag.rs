//! `actorgraph tag` and `actorgraph gazetteer check`, run as a user would.

mod util;

use std::fs;

use util::{listing, root, run_in, run_with_stdin, tempdir};

const CORE: &[&str] = &[
    "sudani",
    "rasool",
    "vowell",
    "kataib_hezbollah",
    "pmf",
    "cjtf_oir",
];

#[test]
fn seeds_core_mentions_match_the_checked_golden_file() {
    let r = run_in(&root(), &["tag", "seeds/", "--format", "tsv"]);
    assert_eq!(r.status, 0, "{}", r.stderr);
    assert_eq!(r.stderr, "");
    let core: Vec<&str> = r
        .stdout
        .lines()
        .filter(|l| {
            let f: Vec<&str> = l.split('\t').collect();
            // Plain mentions of the core actors, and every role mention (resolved or not).
            f[7] == "actor" || CORE.contains(&f[7]) || !f[8].is_empty()
        })
        .collect();
    let golden = fs::read_to_string(root().join("tests/golden/seeds_core_mentions.tsv")).unwrap();
    let golden: Vec<&str> = golden.lines().collect();
    assert_eq!(core, golden);
}

#[test]
fn jsonl_offsets_slice_the_documents_and_are_sorted() {
    let r = run_in(&root(), &["tag", "seeds/"]);
    assert_eq!(r.status, 0, "{}", r.stderr);
    let mut last: Option<(String, u64)> = None;
    let mut n = 0;
    for line in r.stdout.lines() {
        let v: serde_json::Value = serde_json::from_str(line).unwrap();
        let at: Vec<usize> = [
            "doc",
            "sentence",
            "paragraph",
            "start",
            "end",
            "text",
            "actor",
        ]
        .iter()
        .map(|k| line.find(&format!("\"{k}\":")).unwrap())
        .collect();
        assert!(at.windows(2).all(|w| w[0] < w[1]), "field order in {line}");
        let doc = v["doc"].as_str().unwrap().to_owned();
        let (s, e) = (v["start"].as_u64().unwrap(), v["end"].as_u64().unwrap());
        let text = fs::read_to_string(root().join(format!("seeds/{doc}.txt"))).unwrap();
        assert_eq!(&text[s as usize..e as usize], v["text"].as_str().unwrap());
        if let Some((d, prev)) = &last {
            assert!(d < &doc || (d == &doc && *prev < s), "not sorted at {line}");
        }
        last = Some((doc, s));
        n += 1;
    }
    assert!(n > 300, "{n} mentions");
}

#[test]
fn no_inputs_means_the_embedded_seeds() {
    let dir = tempdir();
    let embedded = run_in(dir.path(), &["tag"]);
    let files = run_in(&root(), &["tag", "seeds/"]);
    assert_eq!(embedded.status, 0);
    assert_eq!(embedded.stdout, files.stdout);
}

#[test]
fn stdin_text_and_jsonl() {
    let dir = tempdir();
    let r = run_with_stdin(
        dir.path(),
        &["tag", "-"],
        Some("Vowell met Rasool.".as_bytes()),
    );
    assert_eq!(r.status, 0, "{}", r.stderr);
    assert_eq!(
        r.stdout,
        "{\"doc\":\"stdin\",\"sentence\":0,\"paragraph\":0,\"zone\":\"body\",\"start\":0,\"end\":6,\"text\":\"Vowell\",\"actor\":\"vowell\"}\n\
         {\"doc\":\"stdin\",\"sentence\":0,\"paragraph\":0,\"zone\":\"body\",\"start\":11,\"end\":17,\"text\":\"Rasool\",\"actor\":\"rasool\"}\n"
    );
    let jsonl = "{\"id\": \"a\", \"text\": \"PMF.\", \"date\": \"2024-02-11\"}\n\n{\"id\": \"b\", \"text\": \"No one. Sudani\"}\r\n";
    let r = run_with_stdin(
        dir.path(),
        &["tag", "-", "--format", "tsv"],
        Some(jsonl.as_bytes()),
    );
    assert_eq!(r.status, 0, "{}", r.stderr);
    assert_eq!(
        r.stdout,
        "doc\tsentence\tparagraph\tzone\tstart\tend\ttext\tactor\trole\na\t0\t0\tbody\t0\t3\tPMF\tpmf\t\nb\t1\t0\tbody\t8\t14\tSudani\tsudani\t\n"
    );
}

#[test]
fn output_file_is_written_whole() {
    let dir = tempdir();
    let r = run_in(dir.path(), &["tag", "-o", "m.jsonl"]);
    assert_eq!(r.status, 0, "{}", r.stderr);
    assert_eq!(r.stdout, "");
    assert_eq!(listing(dir.path()), ["m.jsonl"]);
    assert!(
        fs::read_to_string(dir.path().join("m.jsonl"))
            .unwrap()
            .lines()
            .count()
            > 300
    );
}

/// (name, gazetteer file bytes, expected stderr prefix after "actorgraph: error: ")
const BAD_GAZETTEERS: &[(&str, &str, &str)] = &[
    (
        "trailing comma",
        "{\"actors\": [\n  {\"id\": \"a\", \"label\": \"A\", \"type\": \"person\"},\n]}\n",
        "g.json:3:1: trailing comma",
    ),
    (
        "empty alias",
        "{\"actors\": [\n  {\"id\": \"a\", \"label\": \"A\", \"type\": \"person\", \"aliases\": [\"\"]}\n]}\n",
        "g.json:2:59: actor \"a\" has an empty alias",
    ),
    (
        "alias on two actors",
        "{\"actors\": [\n  {\"id\": \"a\", \"label\": \"A\", \"type\": \"person\", \"aliases\": [\"PMF\"]},\n  {\"id\": \"b\", \"label\": \"B\", \"type\": \"person\", \"aliases\": [\"PMF\"]}\n]}\n",
        "g.json:3:59: alias \"PMF\" is claimed by both actor \"a\" (at g.json:2:59) and actor \"b\"",
    ),
    (
        "string where a list belongs",
        "{\"actors\": [\n  {\"id\": \"a\", \"label\": \"A\", \"type\": \"person\", \"aliases\": \"Sudani\"}\n]}\n",
        "g.json:2:65: invalid type: string \"Sudani\", expected a sequence",
    ),
    (
        "bom and trailing comma",
        "\u{feff}{\"actors\": [],}",
        "g.json:1:15: trailing comma",
    ),
];

#[test]
fn bad_gazetteers_give_one_clear_line_and_no_output() {
    for (name, json, expected) in BAD_GAZETTEERS {
        let dir = tempdir();
        fs::write(dir.path().join("g.json"), json).unwrap();
        fs::write(dir.path().join("doc.txt"), "Sudani").unwrap();
        let r = run_in(
            dir.path(),
            &["tag", "doc.txt", "-g", "g.json", "-o", "out.jsonl"],
        );
        assert_eq!(r.status, 2, "{name}");
        assert_eq!(r.stdout, "", "{name}");
        assert_eq!(r.stderr.lines().count(), 1, "{name}: {}", r.stderr);
        let want = format!("actorgraph: error: {expected}");
        assert!(
            r.stderr.starts_with(&want),
            "{name}:\n got: {}want: {want}",
            r.stderr
        );
        assert_eq!(listing(dir.path()), ["doc.txt", "g.json"], "{name}");
        let check = run_in(dir.path(), &["gazetteer", "check", "g.json"]);
        assert_eq!(check.status, 2, "{name}");
        assert!(check.stderr.starts_with(&want), "{name}: {}", check.stderr);
    }
}

#[test]
fn gazetteer_with_bom_is_accepted() {
    let dir = tempdir();
    let json =
        "\u{feff}{\"actors\": [{\"id\": \"a\", \"label\": \"Sudani\", \"type\": \"person\"}]}";
    fs::write(dir.path().join("g.json"), json).unwrap();
    let r = run_with_stdin(dir.path(), &["tag", "-", "-g", "g.json"], Some(b"Sudani"));
    assert_eq!(r.status, 0, "{}", r.stderr);
    assert!(r.stdout.contains("\"actor\":\"a\""));
}

#[test]
fn gazetteer_check_summarises() {
    // Without a file, the embedded gazetteer: the same summary but for where it comes from.
    let embedded = run_in(&root(), &["gazetteer", "check"]);
    assert_eq!(embedded.status, 0, "{}", embedded.stderr);
    let r = run_in(&root(), &["gazetteer", "check", "gazetteer/actors.json"]);
    assert_eq!(r.status, 0, "{}", r.stderr);
    let first = r.stdout.lines().next().unwrap();
    assert!(
        first.starts_with("ok: 41 actor(s), 5 role(s) in 1 file(s)"),
        "{first}"
    );
    assert_eq!(
        embedded.stdout.replacen(
            "in the embedded gazetteer (gazetteer/actors.json)",
            "in 1 file(s)",
            1
        ),
        r.stdout
    );
    assert!(r.stdout.contains("  state            6\n"), "{}", r.stdout);
    assert!(
        r.stdout.contains("case-sensitive aliases: 14\n"),
        "{}",
        r.stdout
    );
    assert!(r
        .stdout
        .contains("longest: \"Combined Joint Task Force – Operation Inherent Resolve\""));
    assert!(r.stdout.contains("shortest: \"US\""), "{}", r.stdout);
}

#[test]
fn several_gazetteers_merge_and_may_not_redefine_an_id() {
    let dir = tempdir();
    fs::write(
        dir.path().join("extra.json"),
        r#"{"actors": [{"id": "nato", "label": "NATO", "type": "organization"}]}"#,
    )
    .unwrap();
    fs::write(
        dir.path().join("clash.json"),
        r#"{"actors": [{"id": "sudani", "label": "Someone", "type": "person"}]}"#,
    )
    .unwrap();
    let actors = root().join("gazetteer/actors.json");
    let actors = actors.to_str().unwrap();
    let r = run_with_stdin(
        dir.path(),
        &["tag", "-", "-g", actors, "-g", "extra.json"],
        Some(b"NATO and Sudani"),
    );
    assert_eq!(r.status, 0, "{}", r.stderr);
    assert!(r.stdout.contains("\"actor\":\"nato\"") && r.stdout.contains("\"actor\":\"sudani\""));
    let r = run_in(dir.path(), &["gazetteer", "check", actors, "clash.json"]);
    assert_eq!(r.status, 2);
    assert!(
        r.stderr
            .contains("clash.json:1:13: actor id \"sudani\" is already defined at"),
        "{}",
        r.stderr
    );
}

#[test]
fn closed_pipe_exits_quietly() {
    use std::process::{Command, Stdio};
    let dir = tempdir();
    let big: String = "Sudani met Rasool. ".repeat(200_000);
    fs::write(dir.path().join("big.txt"), big).unwrap();
    let mut child = Command::new(util::bin())
        .args(["tag", "big.txt"])
        .current_dir(dir.path())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    // Read one line, then close the pipe.
    let mut stdout = child.stdout.take().unwrap();
    let mut buf = [0u8; 64];
    std::io::Read::read(&mut stdout, &mut buf).unwrap();
    drop(stdout);
    let out = child.wait_with_output().unwrap();
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(String::from_utf8_lossy(&out.stderr), "");
}

#[test]
fn bad_jsonl_line_names_file_and_line() {
    let dir = tempdir();
    fs::write(
        dir.path().join("c.jsonl"),
        "{\"id\": \"a\", \"text\": \"Sudani\"}\n{\"id\": \"b\", \"text\": }\n",
    )
    .unwrap();
    let r = run_in(dir.path(), &["tag", "c.jsonl", "-o", "out.jsonl"]);
    assert_eq!(r.status, 2);
    assert!(
        r.stderr
            .starts_with("actorgraph: error: c.jsonl:2: bad JSON Lines record (expected value"),
        "{}",
        r.stderr
    );
    assert!(r.stderr.contains("--skip-bad-lines"));
    assert_eq!(listing(dir.path()), ["c.jsonl"]);
    let r = run_in(dir.path(), &["tag", "c.jsonl", "--skip-bad-lines"]);
    assert_eq!(r.status, 1);
    assert_eq!(r.stdout.lines().count(), 1);
    assert!(r.stderr.contains("c.jsonl:2: bad JSON Lines record"));
}

#[test]
fn directories_are_walked_in_sorted_order_with_lossy_decoding() {
    let dir = tempdir();
    let d = dir.path().join("corpus/sub");
    fs::create_dir_all(&d).unwrap();
    fs::write(d.join("b.txt"), b"Rasool \xff spoke.").unwrap();
    fs::write(dir.path().join("corpus/a.txt"), "Vowell spoke.").unwrap();
    fs::write(dir.path().join("corpus/skip.md"), "Sudani").unwrap();
    fs::write(dir.path().join("corpus/bin.txt"), b"Sudani\0\0").unwrap();
    let r = run_in(dir.path(), &["tag", "corpus", "--format", "tsv"]);
    assert_eq!(r.status, 1, "{}", r.stderr);
    let docs: Vec<&str> = r
        .stdout
        .lines()
        .skip(1)
        .map(|l| l.split('\t').next().unwrap())
        .collect();
    assert_eq!(docs, ["a", "b"]);
    assert!(
        r.stderr
            .contains("b.txt: 1 byte(s) of invalid UTF-8 replaced"),
        "{}",
        r.stderr
    );
    assert!(
        r.stderr.contains("bin.txt: contains NUL bytes"),
        "{}",
        r.stderr
    );
    let r = run_in(dir.path(), &["tag", "corpus", "--text", "--format", "tsv"]);
    assert_eq!(r.status, 0, "{}", r.stderr);
    assert_eq!(r.stdout.lines().count(), 4);
}
