//! The robustness catalogue (docs/robustness.md), run as a user would: each bad input gets a
//! clear message, nothing is lost, no panic, no half-written output.

mod util;

use std::fs;
use std::io::Write;
use std::path::Path;
use std::process::{Command, Stdio};

use util::{bin, listing, root, run_in, run_with_stdin, tempdir};

fn mkfifo(p: &Path) {
    let ok = Command::new("mkfifo").arg(p).status().unwrap().success();
    assert!(ok, "mkfifo {}", p.display());
}

/// TSV rows without the header, the `zone` column (checked to be a zone) and the `role`
/// column when it is empty (none of these tests uses a role).
fn tsv_lines(stdout: &str) -> Vec<String> {
    stdout
        .lines()
        .skip(1)
        .map(|l| {
            let l = l.strip_suffix('\t').unwrap_or(l);
            let mut f: Vec<&str> = l.split('\t').collect();
            let zone = f.remove(3);
            assert!(["headline", "body", "boilerplate"].contains(&zone), "{l}");
            f.join("\t")
        })
        .collect()
}

// ---- Gazetteer ------------------------------------------------------------------------------

#[test]
fn same_alias_twice_on_one_actor_warns_and_is_deduplicated() {
    let dir = tempdir();
    fs::write(
        dir.path().join("g.json"),
        r#"{"actors": [{"id": "a", "label": "Sudani", "type": "person", "aliases": ["al-Sudani", "Al–Sudani"]}]}"#,
    )
    .unwrap();
    let r = run_with_stdin(
        dir.path(),
        &["tag", "-", "-g", "g.json", "--format", "tsv"],
        Some(b"Al-Sudani spoke."),
    );
    assert_eq!(r.status, 0);
    assert!(
        r.stderr
            .contains("g.json:1:87: alias \"Al–Sudani\" of actor \"a\" repeats an earlier name"),
        "{}",
        r.stderr
    );
    assert_eq!(tsv_lines(&r.stdout), ["stdin\t0\t0\t0\t9\tAl-Sudani\ta"]);
}

#[test]
fn a_million_aliases_build_and_report_memory() {
    let dir = tempdir();
    let mut json = String::from("{\"actors\": [\n");
    for i in 0..200_000 {
        if i > 0 {
            json.push_str(",\n");
        }
        json.push_str(&format!(
            "{{\"id\": \"p{i}\", \"label\": \"Person {i} Example\", \"type\": \"person\", \"aliases\": \
             [\"P. {i} Example\", \"Example {i}\", \"Commander {i}\", \"Mr. Example-{i}\", \"EX{i}\"]}}"
        ));
    }
    json.push_str("]}\n");
    fs::write(dir.path().join("big.json"), json).unwrap();
    let r = run_with_stdin(
        dir.path(),
        &["tag", "-", "-g", "big.json", "--verbose", "--format", "tsv"],
        Some(b"Commander 199999 met Person 7 Example and ex5 and EX5."),
    );
    assert_eq!(r.status, 0, "{}", r.stderr);
    assert!(
        r.stderr
            .contains("gazetteer: 200000 actor(s), 1200000 pattern(s); automaton"),
        "{}",
        r.stderr
    );
    assert!(r.stderr.contains("peak memory"), "{}", r.stderr);
    let rows = tsv_lines(&r.stdout);
    let actors: Vec<&str> = rows
        .iter()
        .map(|l| l.rsplit('\t').next().unwrap())
        .collect();
    assert_eq!(actors, ["p199999", "p7", "p5"]);
}

// ---- Documents ------------------------------------------------------------------------------

#[test]
fn utf16_with_bom_is_transcoded() {
    let dir = tempdir();
    let mut bytes = vec![0xFF, 0xFE];
    for u in "Vowell met Rasool.".encode_utf16() {
        bytes.extend(u.to_le_bytes());
    }
    fs::write(dir.path().join("u.txt"), bytes).unwrap();
    let r = run_in(dir.path(), &["tag", "u.txt", "--format", "tsv"]);
    assert_eq!(r.status, 0, "{}", r.stderr);
    assert_eq!(
        tsv_lines(&r.stdout),
        [
            "u\t0\t0\t0\t6\tVowell\tvowell",
            "u\t0\t0\t11\t17\tRasool\trasool"
        ]
    );
}

#[test]
fn a_200_mb_document_on_one_line() {
    let dir = tempdir();
    let filler =
        "The talks on the future of the mission resumed on Sunday in the capital, officials said. ";
    let mut doc = String::with_capacity(201 << 20);
    let mut n = 0;
    while doc.len() < 200 << 20 {
        doc.push_str(filler);
        n += 1;
        if n % 1000 == 0 {
            doc.push_str("Sudani met Vowell. ");
        }
    }
    fs::write(dir.path().join("big.txt"), &doc).unwrap();
    drop(doc);
    let r = run_in(
        dir.path(),
        &[
            "build",
            "big.txt",
            "--format",
            "json",
            "--max-evidence",
            "1",
            "-o",
            "g.json",
        ],
    );
    assert_eq!(r.status, 0, "{}", r.stderr);
    let g: serde_json::Value =
        serde_json::from_slice(&fs::read(dir.path().join("g.json")).unwrap()).unwrap();
    assert_eq!(g["edges"][0]["weight"].as_u64().unwrap() as usize, n / 1000);
}

#[test]
fn empty_files_are_documents_without_mentions() {
    let dir = tempdir();
    fs::write(dir.path().join("empty.txt"), "").unwrap();
    fs::write(dir.path().join("blank.jsonl"), "").unwrap();
    let r = run_in(
        dir.path(),
        &["build", "empty.txt", "blank.jsonl", "--format", "json"],
    );
    // Nothing left to link: the graph is written, the warning says why, the status is 1.
    assert_eq!(r.status, 1, "{}", r.stderr);
    assert!(
        r.stderr
            .contains("no actor of the gazetteer is mentioned in the 1 document(s)"),
        "{}",
        r.stderr
    );
    let g: serde_json::Value = serde_json::from_str(&r.stdout).unwrap();
    assert_eq!(g["corpus"]["documents"], 1);
    assert_eq!(g["nodes"].as_array().unwrap().len(), 0);
}

#[test]
fn unreadable_dangling_looping_and_special_inputs_are_reported_and_the_rest_processed() {
    let dir = tempdir();
    let d = dir.path();
    fs::create_dir(d.join("c")).unwrap();
    fs::write(d.join("c/ok.txt"), "Vowell spoke.").unwrap();
    std::os::unix::fs::symlink("nowhere.txt", d.join("c/dangling.txt")).unwrap();
    std::os::unix::fs::symlink(".", d.join("c/loop")).unwrap();
    mkfifo(&d.join("c/pipe.txt"));
    // /proc/self/mem exists but cannot be read from offset 0: a real read error, even as root.
    let r = run_in(d, &["tag", "c", "/proc/self/mem", "--format", "tsv"]);
    assert_eq!(r.status, 1, "{}", r.stderr);
    assert_eq!(tsv_lines(&r.stdout), ["ok\t0\t0\t0\t6\tVowell\tvowell"]);
    for expected in [
        "c/dangling.txt: cannot read: No such file or directory",
        "c/loop: cannot read: symbolic link loop",
        "c/pipe.txt: not a regular file; skipped",
        "/proc/self/mem: cannot read: Input/output error",
        "actorgraph: 4 input(s) and 0 record(s) skipped; the rest was processed",
    ] {
        assert!(
            r.stderr.contains(expected),
            "missing {expected:?} in:\n{}",
            r.stderr
        );
    }
}

#[test]
fn a_fifo_named_on_the_command_line_is_read_like_a_stream() {
    let dir = tempdir();
    let fifo = dir.path().join("stream.txt");
    mkfifo(&fifo);
    let writer_path = fifo.clone();
    let writer = std::thread::spawn(move || {
        let mut f = fs::OpenOptions::new()
            .write(true)
            .open(writer_path)
            .unwrap();
        f.write_all(b"Rasool spoke.").unwrap();
    });
    let r = run_in(dir.path(), &["tag", "stream.txt", "--format", "tsv"]);
    writer.join().unwrap();
    assert_eq!(r.status, 0, "{}", r.stderr);
    assert_eq!(tsv_lines(&r.stdout), ["stream\t0\t0\t0\t6\tRasool\trasool"]);
}

#[test]
fn a_directory_of_100000_small_files() {
    let dir = tempdir();
    let c = dir.path().join("c");
    fs::create_dir(&c).unwrap();
    for i in 0..100_000 {
        fs::write(c.join(format!("{i:06}.txt")), "Sudani met Rasool.").unwrap();
    }
    // The files are identical: without --keep-duplicates they would count once.
    let r = run_in(
        dir.path(),
        &["query", "c", "stats", "--json", "--keep-duplicates"],
    );
    assert_eq!(r.status, 0, "{}", r.stderr);
    let s: serde_json::Value = serde_json::from_str(&r.stdout).unwrap();
    assert_eq!(s["documents"], 100_000);
    assert_eq!(s["top_pairs"][0][2], 100_000);
}

#[test]
fn jsonl_blank_lines_crlf_bom_missing_text_and_duplicate_ids() {
    let dir = tempdir();
    fs::write(
        dir.path().join("c.jsonl"),
        "\u{feff}{\"id\": \"a\", \"text\": \"Sudani.\"}\r\n\r\n\n{\"id\": \"a\", \"text\": \"Rasool.\"}\r\n{\"id\": \"b\"}\n",
    )
    .unwrap();
    let r = run_in(dir.path(), &["tag", "c.jsonl", "--format", "tsv"]);
    assert_eq!(r.status, 2);
    assert!(
        r.stderr
            .contains("c.jsonl:5: bad JSON Lines record (missing field `text`"),
        "{}",
        r.stderr
    );
    let r = run_in(
        dir.path(),
        &["tag", "c.jsonl", "--format", "tsv", "--skip-bad-lines"],
    );
    assert_eq!(r.status, 1);
    assert_eq!(
        tsv_lines(&r.stdout),
        [
            "a\t0\t0\t0\t6\tSudani\tsudani",
            "a#2\t0\t0\t0\t6\tRasool\trasool"
        ]
    );
    assert!(
        r.stderr
            .contains("document id \"a\" appears more than once; this one is kept as \"a#2\""),
        "{}",
        r.stderr
    );
    // The file was read (no input skipped); one bad line was. Same for every thread count.
    for threads in ["1", "2", "4"] {
        let r = run_in(
            dir.path(),
            &[
                "tag",
                "c.jsonl",
                "--format",
                "tsv",
                "--skip-bad-lines",
                "--threads",
                threads,
            ],
        );
        assert!(
            r.stderr
                .contains("actorgraph: 0 input(s) and 1 record(s) skipped; the rest was processed"),
            "--threads {threads}: {}",
            r.stderr
        );
    }
}

// ---- Text ------------------------------------------------------------------------------------

#[test]
fn pathological_splitter_and_matcher_inputs() {
    let dir = tempdir();
    // (name, text, expected mentions)
    let cases: [(&str, String, usize); 3] = [
        ("dots", "a. ".repeat(1_000_000), 0),
        ("one word", "a".repeat(10_000_000), 0),
        (
            "consecutive mentions",
            "Sudani ".repeat(1_000_000),
            1_000_000,
        ),
    ];
    for (name, text, mentions) in cases {
        fs::write(dir.path().join("t.txt"), text).unwrap();
        let r = run_in(dir.path(), &["query", "t.txt", "stats", "--json"]);
        assert_eq!(r.status, 0, "{name}: {}", r.stderr);
        let s: serde_json::Value = serde_json::from_str(&r.stdout).unwrap();
        assert_eq!(s["mentions"], mentions, "{name}");
    }
}

#[test]
fn a_hundred_thousand_actors_in_one_sentence_are_capped_with_a_warning() {
    let dir = tempdir();
    let actors: Vec<String> = (0..100_000)
        .map(|i| format!("{{\"id\": \"w{i:05}\", \"label\": \"w{i:05}\", \"type\": \"t\"}}"))
        .collect();
    fs::write(
        dir.path().join("g.json"),
        format!("{{\"actors\": [{}]}}", actors.join(",")),
    )
    .unwrap();
    // Fixed width: no name is a prefix of another (see docs/performance.md on prefix chains).
    let text: Vec<String> = (0..100_000).map(|i| format!("w{i:05}")).collect();
    fs::write(dir.path().join("t.txt"), text.join(" ")).unwrap();
    let r = run_in(
        dir.path(),
        &[
            "query", "t.txt", "-g", "g.json", "stats", "--json", "--top", "1",
        ],
    );
    assert_eq!(r.status, 0, "{}", r.stderr);
    assert!(
        r.stderr.contains("1 unit(s) mention more than 1000 actors; only the first 1000 (by first mention) were linked"),
        "{}",
        r.stderr
    );
    let s: serde_json::Value = serde_json::from_str(&r.stdout).unwrap();
    assert_eq!(s["actors"], 100_000);
    assert_eq!(s["edges"], 1000 * 999 / 2);
}

// ---- Outputs ----------------------------------------------------------------------------------

#[test]
fn a_failed_run_leaves_the_previous_output_untouched() {
    let dir = tempdir();
    let r = run_in(dir.path(), &["build", "-o", "g.json"]);
    assert_eq!(r.status, 0);
    let before = fs::read(dir.path().join("g.json")).unwrap();
    fs::write(dir.path().join("bad.json"), "{\"actors\": [,]}").unwrap();
    let r = run_in(dir.path(), &["build", "-g", "bad.json", "-o", "g.json"]);
    assert_eq!(r.status, 2);
    assert_eq!(fs::read(dir.path().join("g.json")).unwrap(), before);
    assert_eq!(listing(dir.path()), ["bad.json", "g.json"]);
}

#[test]
fn an_interrupt_leaves_no_partial_file_and_the_previous_output() {
    let dir = tempdir();
    let d = dir.path();
    fs::write(d.join("out.jsonl"), "previous\n").unwrap();
    fs::write(d.join("big.txt"), "Sudani met Rasool. ".repeat(3_000_000)).unwrap();
    let mut child = Command::new(bin())
        .args(["tag", "big.txt", "-o", "out.jsonl"])
        .current_dir(d)
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    // Wait until the temporary output exists, then interrupt.
    let t0 = std::time::Instant::now();
    while !listing(d).iter().any(|f| f.ends_with(".tmp")) {
        assert!(t0.elapsed().as_secs() < 30, "no temporary file appeared");
        std::thread::sleep(std::time::Duration::from_millis(5));
    }
    Command::new("kill")
        .args(["-INT", &child.id().to_string()])
        .status()
        .unwrap();
    let status = child.wait().unwrap();
    assert_eq!(status.code(), Some(130));
    assert_eq!(listing(d), ["big.txt", "out.jsonl"]);
    assert_eq!(
        fs::read_to_string(d.join("out.jsonl")).unwrap(),
        "previous\n"
    );
}

#[test]
fn a_full_disk_is_an_error_and_leaves_nothing() {
    let dir = tempdir();
    let mnt = dir.path().join("tiny");
    fs::create_dir(&mnt).unwrap();
    let mounted = Command::new("mount")
        .args(["-t", "tmpfs", "-o", "size=64k", "tmpfs"])
        .arg(&mnt)
        .status()
        .unwrap();
    assert!(
        mounted.success(),
        "mounting a 64 KiB tmpfs needs root (CI runs as root)"
    );
    let r = run_in(dir.path(), &["build", "-o", "tiny/g.json"]);
    let _ = Command::new("umount").arg(&mnt).status();
    assert_eq!(r.status, 2);
    assert!(
        r.stderr
            .contains("tiny/g.json: cannot write: No space left on device (os error 28); free"),
        "{}",
        r.stderr
    );
    assert!(listing(&mnt).is_empty());
    // /dev/full: a device is written directly, and the error still surfaces.
    let r = run_in(dir.path(), &["build", "--format", "dot", "-o", "/dev/full"]);
    assert_eq!(r.status, 2);
    assert!(
        r.stderr
            .contains("/dev/full: cannot write: No space left on device"),
        "{}",
        r.stderr
    );
}

#[test]
fn special_targets_are_written_directly() {
    let dir = tempdir();
    let fifo = dir.path().join("out.fifo");
    mkfifo(&fifo);
    let reader_path = fifo.clone();
    let reader = std::thread::spawn(move || fs::read_to_string(reader_path).unwrap());
    let r = run_in(dir.path(), &["tag", "--format", "tsv", "-o", "out.fifo"]);
    let got = reader.join().unwrap();
    assert_eq!(r.status, 0, "{}", r.stderr);
    assert!(got.starts_with("doc\tsentence"));
    use std::os::unix::fs::FileTypeExt;
    assert!(
        fs::metadata(&fifo).unwrap().file_type().is_fifo(),
        "the FIFO was replaced"
    );
    let r = run_in(
        dir.path(),
        &["build", "--format", "json", "-o", "/dev/null"],
    );
    assert_eq!(r.status, 0, "{}", r.stderr);
    assert!(Path::new("/dev/null")
        .metadata()
        .unwrap()
        .file_type()
        .is_char_device());
}

#[test]
fn output_files_get_ordinary_permissions() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempdir();
    let r = run_in(dir.path(), &["build", "-o", "g.json"]);
    assert_eq!(r.status, 0);
    let mode = fs::metadata(dir.path().join("g.json"))
        .unwrap()
        .permissions()
        .mode()
        & 0o777;
    assert_ne!(
        mode, 0o600,
        "a private temporary-file mode leaked to the output"
    );
    fs::set_permissions(dir.path().join("g.json"), fs::Permissions::from_mode(0o640)).unwrap();
    run_in(dir.path(), &["build", "-o", "g.json"]);
    let mode = fs::metadata(dir.path().join("g.json"))
        .unwrap()
        .permissions()
        .mode()
        & 0o777;
    assert_eq!(mode, 0o640, "replacing a file keeps its permissions");
}

// ---- CLI -------------------------------------------------------------------------------------

#[test]
fn bad_command_lines_give_one_line_and_status_2() {
    let dir = tempdir();
    // (args, expected text of the one line)
    let cases: &[(&[&str], &str)] = &[
        (&["build", "--format", "xml"], "invalid value 'xml' for '--format <FORMAT>': expected one of dot, graphml, gexf, json, csv, svg, png, html"),
        (&["tag", "missing.txt"], "no input could be read: missing.txt: cannot read: No such file or directory"),
        (&["build", "-o", "no/such/dir/g.json"], "the directory no/such/dir does not exist; create it first"),
        (&["query", "who-met", "nobody-at-all"], "unknown actor \"nobody-at-all\""),
        (&["frobnicate"], "unrecognized subcommand 'frobnicate'"),
        (&["tag", "--threads", "0"], "--threads must be at least 1"),
    ];
    for (args, expected) in cases {
        let r = run_in(dir.path(), args);
        assert_eq!(r.status, 2, "{args:?}: {}", r.stderr);
        assert_eq!(r.stderr.lines().count(), 1, "{args:?}: {}", r.stderr);
        assert!(
            r.stderr.starts_with("actorgraph: error: "),
            "{args:?}: {}",
            r.stderr
        );
        assert!(r.stderr.contains(expected), "{args:?}: {}", r.stderr);
        assert!(listing(dir.path()).is_empty(), "{args:?}");
    }
}

#[test]
fn exit_codes_are_documented_in_help_and_readme() {
    let r = run_in(&root(), &["--help"]);
    assert_eq!(r.status, 0);
    assert!(
        r.stdout
            .contains("Exit status: 0 success; 1 success, but some inputs were skipped"),
        "{}",
        r.stdout
    );
    let readme = fs::read_to_string(root().join("README.md")).unwrap();
    assert!(
        readme.contains("Exit status: **0** success; **1** success, but some inputs were skipped")
    );
}
