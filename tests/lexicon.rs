//! A custom relation lexicon (`--lexicon FILE`) through `build`, `query` and `merge`: it changes
//! typed edges, its fingerprint travels in partials so that `merge` refuses parts made with
//! different lexicons, and with co-mention edges only it changes nothing.

mod util;

use std::fs;
use std::path::Path;

use util::{run_in, tempdir};

/// "praise" is a new directed type; "hug" is a new meet cue; "met" is no longer a cue.
const CUSTOM: &str = r#"{"types": [
  {"type": "praise", "direction": "directed", "cues": [{"verb": "praise"}]},
  {"type": "meet", "direction": "symmetric", "cues": [{"verb": "hug", "forms": ["hugged", "hugs"]}]}
]}"#;

/// The same lexicon, laid out differently with an example added: the same fingerprint.
const CUSTOM_RELAID: &str = r#"{
  "types": [
    {"cues": [{"verb": "praise", "examples": {"yes": ["Iraq praised Iran."]}}], "direction": "directed", "type": "praise"},
    {"cues": [{"forms": ["hugged", "hugs"], "verb": "hug"}], "direction": "symmetric", "type": "meet"}
  ]
}"#;

const TEXT: &str = "Iraq praised Iran. Iraq hugged Iran. Iraq met Iran.\n";

fn setup() -> tempfile::TempDir {
    let dir = tempdir();
    fs::write(dir.path().join("a.txt"), TEXT).unwrap();
    fs::write(dir.path().join("custom.json"), CUSTOM).unwrap();
    fs::write(dir.path().join("relaid.json"), CUSTOM_RELAID).unwrap();
    dir
}

fn ok(dir: &Path, args: &[&str]) -> String {
    let r = run_in(dir, args);
    assert_eq!(r.status, 0, "{args:?}: {}", r.stderr);
    r.stdout
}

/// (kind, source, target, weight) of every edge of a JSON graph.
fn edges(json: &str) -> Vec<String> {
    let g: serde_json::Value = serde_json::from_str(json).unwrap();
    g["edges"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| {
            format!(
                "{} {} {} {}",
                e["kind"].as_str().unwrap_or("co-mention"),
                e["source"].as_str().unwrap(),
                e["target"].as_str().unwrap(),
                e["weight"]
            )
        })
        .collect()
}

#[test]
fn build_counts_typed_edges_with_the_chosen_lexicon() {
    let dir = setup();
    let d = dir.path();
    // (name, extra arguments, expected edges)
    let cases: &[(&str, &[&str], &[&str])] = &[
        (
            "embedded lexicon",
            &["--edges", "relations"],
            &["meet iran iraq 1"],
        ),
        (
            "custom lexicon",
            &["--edges", "relations", "--lexicon", "custom.json"],
            &["meet iran iraq 1", "praise iraq iran 1"],
        ),
        (
            "custom lexicon, both kinds",
            &["--edges", "both", "--lexicon", "custom.json"],
            &[
                "co-mention iran iraq 3",
                "meet iran iraq 1",
                "praise iraq iran 1",
            ],
        ),
        (
            "co-mention only: the lexicon changes nothing",
            &["--lexicon", "custom.json"],
            &["co-mention iran iraq 3"],
        ),
    ];
    for (name, extra, want) in cases {
        let mut args = vec!["build", "a.txt"];
        args.extend_from_slice(extra);
        assert_eq!(edges(&ok(d, &args)), *want, "{name}");
    }
    // Co-mention output is byte-identical with or without --lexicon.
    assert_eq!(
        ok(d, &["build", "a.txt", "--lexicon", "custom.json"]),
        ok(d, &["build", "a.txt"])
    );
    // `query` building from inputs uses it too.
    let out = ok(
        d,
        &[
            "query",
            "a.txt",
            "--edges",
            "both",
            "--lexicon",
            "custom.json",
            "--json",
            "relations",
            "iraq",
            "--type",
            "praise",
        ],
    );
    assert!(out.contains("\"praise\""), "{out}");
}

#[test]
fn merge_refuses_parts_built_with_different_lexicons() {
    let dir = setup();
    let d = dir.path();
    let parts: &[(&str, &[&str])] = &[
        ("embedded.agc", &["--edges", "relations"]),
        (
            "custom.agc",
            &["--edges", "relations", "--lexicon", "custom.json"],
        ),
        (
            "relaid.agc",
            &["--edges", "relations", "--lexicon", "relaid.json"],
        ),
        ("co-embedded.agc", &[]),
        ("co-custom.agc", &["--lexicon", "custom.json"]),
    ];
    for (out, extra) in parts {
        let mut args = vec!["build", "a.txt", "-o", out];
        args.extend_from_slice(extra);
        ok(d, &args);
    }
    // (parts, expected error, or None when they merge)
    let cases: &[(&str, &str, Option<&str>)] = &[
        (
            "embedded.agc",
            "custom.agc",
            Some("custom.agc cannot be merged with embedded.agc: built with different --lexicon fingerprint"),
        ),
        ("custom.agc", "relaid.agc", None),
        ("co-embedded.agc", "co-custom.agc", None),
        (
            "co-custom.agc",
            "custom.agc",
            Some("different --edges (co-mention and relations)"),
        ),
    ];
    for (a, b, want) in cases {
        let r = run_in(d, &["merge", a, b, "-o", "m.json"]);
        match want {
            None => assert_eq!(r.status, 0, "{a} + {b}: {}", r.stderr),
            Some(msg) => {
                assert_eq!(r.status, 2, "{a} + {b}");
                assert!(r.stderr.contains(msg), "{a} + {b}: {}", r.stderr);
            }
        }
    }
    // The fingerprint is in the readable header line, absent for co-mention partials.
    let header = |f: &str| {
        let bytes = fs::read(d.join(f)).unwrap();
        let text = String::from_utf8_lossy(&bytes).into_owned();
        let line = text.lines().nth(1).unwrap().to_owned();
        let v: serde_json::Value = serde_json::from_str(&line).unwrap();
        v["recipe"]["lexicon"].clone()
    };
    assert!(header("custom.agc").as_str().is_some_and(|s| s.len() == 16));
    assert_eq!(header("custom.agc"), header("relaid.agc"));
    assert_ne!(header("custom.agc"), header("embedded.agc"));
    assert!(header("co-custom.agc").is_null());
}

#[test]
fn a_bad_lexicon_is_reported_with_its_location_by_build_and_query() {
    let dir = setup();
    let d = dir.path();
    fs::write(
        d.join("bad.json"),
        "{\"types\": [\n  {\"type\": \"meet\", \"direction\": \"sideways\", \"cues\": []}]}",
    )
    .unwrap();
    let want = "bad.json:2:33: direction \"sideways\" is unknown";
    // (arguments, expected in the message)
    let cases: &[(&[&str], &str)] = &[
        (
            &[
                "build",
                "a.txt",
                "--edges",
                "both",
                "--lexicon",
                "bad.json",
                "-o",
                "g.json",
            ],
            want,
        ),
        (
            &["build", "a.txt", "--lexicon", "bad.json", "-o", "g.json"],
            want,
        ),
        (
            &[
                "query",
                "a.txt",
                "--edges",
                "both",
                "--lexicon",
                "bad.json",
                "relations",
                "iraq",
            ],
            want,
        ),
        (
            &[
                "query",
                "--graph",
                "g.json",
                "--lexicon",
                "custom.json",
                "relations",
                "iraq",
            ],
            "--lexicon cannot be combined with --graph",
        ),
    ];
    for (args, expected) in cases {
        let r = run_in(d, args);
        assert_eq!(r.status, 2, "{args:?}: {}", r.stderr);
        assert!(r.stderr.contains(expected), "{args:?}: {}", r.stderr);
    }
    assert!(!d.join("g.json").exists(), "no half-written output");
}
