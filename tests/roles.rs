//! Roles: resolution on the document's date, validation, the default gazetteer's holders,
//! and the `tag` output (`docs/roles.md`).

mod util;

use actorgraph::gazetteer::{Gazetteer, Source};
use actorgraph::tagger::{Scratch, Tagger};
use chrono::NaiveDate;

use util::{root, run_with_stdin};

fn load(json: &str) -> actorgraph::Result<Gazetteer> {
    Gazetteer::from_sources(&[Source {
        name: "g.json",
        bytes: json.as_bytes(),
    }])
    .map(|(g, _)| g)
}

fn day(s: &str) -> Option<NaiveDate> {
    (!s.is_empty()).then(|| NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap())
}

/// (surface, actor id or "" when unresolved, role id or "")
fn tag(g: &Gazetteer, text: &str, date: &str) -> Vec<(String, String, String)> {
    let t = Tagger::new(g).unwrap();
    let (mut out, mut unresolved) = (Vec::new(), Vec::new());
    t.tag_dated(
        text,
        day(date),
        &mut Scratch::default(),
        &mut out,
        &mut unresolved,
    );
    let mut rows: Vec<(usize, String, String, String)> = out
        .iter()
        .map(|m| {
            (
                m.start,
                text[m.start..m.end].to_owned(),
                g.actor(m.actor).id.clone(),
                m.role.map_or(String::new(), |r| g.role(r).id.clone()),
            )
        })
        .chain(unresolved.iter().map(|r| {
            (
                r.start,
                text[r.start..r.end].to_owned(),
                String::new(),
                g.role(r.role).id.clone(),
            )
        }))
        .collect();
    rows.sort();
    rows.into_iter().map(|(_, s, a, r)| (s, a, r)).collect()
}

#[test]
fn the_iraqi_prime_minister_is_whoever_holds_the_office_that_day() {
    let g = Gazetteer::embedded();
    // (name, date, expected holder or "" for unresolved)
    let cases = [
        ("Abdul-Mahdi's first day", "2018-10-25", "abdul_mahdi"),
        ("Abdul-Mahdi's last day", "2020-05-06", "abdul_mahdi"),
        ("handover day belongs to Kadhimi", "2020-05-07", "kadhimi"),
        ("Kadhimi's last day", "2022-10-26", "kadhimi"),
        ("handover day belongs to Sudani", "2022-10-27", "sudani"),
        ("the seeds' month", "2024-01-15", "sudani"),
        ("before the first listed holder", "2016-03-01", ""),
        ("no date: nothing is guessed", "", ""),
    ];
    for (name, date, holder) in cases {
        let got = tag(&g, "The Iraqi PM spoke.", date);
        assert_eq!(
            got,
            [(
                "Iraqi PM".to_owned(),
                holder.to_owned(),
                "iraq_pm".to_owned()
            )],
            "{name}"
        );
    }
}

#[test]
fn default_roles_resolve_to_the_holders_the_seeds_need() {
    let g = Gazetteer::embedded();
    // (text, date, expected (surface, actor, role) rows)
    // (text, date, expected (surface, actor, role) rows)
    type Rows = &'static [(&'static str, &'static str, &'static str)];
    let cases: &[(&str, &str, Rows)] = &[
        (
            // A title before the name: the name alone is the mention.
            "US Secretary of Defense Lloyd Austin",
            "2024-01-20",
            &[("Lloyd Austin", "lloyd_austin", "")],
        ),
        (
            "the US President said",
            "2020-06-01",
            &[("US President", "donald_trump", "us_president")],
        ),
        (
            "the US President said",
            "2024-02-01",
            &[("US President", "joe_biden", "us_president")],
        ),
        (
            "the US President said",
            "2025-01-20",
            &[("US President", "donald_trump", "us_president")],
        ),
        (
            "Read more: PMF chief: Iraq",
            "2024-01-12",
            &[
                ("PMF chief", "falih_al_fayyadh", "pmf_chairman"),
                ("Iraq", "iraq", ""),
            ],
        ),
        (
            "the coalition commander met Rasool",
            "2024-01-12",
            &[
                ("coalition commander", "vowell", "cjtf_oir_commander"),
                ("Rasool", "rasool", ""),
            ],
        ),
        (
            "spokesman for Iraq’s prime minister",
            "2024-01-12",
            &[("Iraq’s prime minister", "sudani", "iraq_pm")],
        ),
        (
            // The media office is a longer name of its own: it wins over the role.
            "Iraqi Prime Minister's Media Office said",
            "2024-01-12",
            &[(
                "Iraqi Prime Minister's Media Office",
                "iraqi_pm_media_office",
                "",
            )],
        ),
    ];
    for (text, date, expected) in cases {
        let expected: Vec<(String, String, String)> = expected
            .iter()
            .map(|(s, a, r)| (s.to_string(), a.to_string(), r.to_string()))
            .collect();
        assert_eq!(tag(&g, text, date), expected, "{text} on {date}");
    }
}

const BASE: &str = r#""actors": [
  {"id": "a", "label": "Alpha Person", "type": "person"},
  {"id": "b", "label": "Bravo Person", "type": "person"}]"#;

/// A role names the holder on the document's date, unless the text says it is someone else:
/// a title before a person's name (the name says who), or a former or future holder (nobody
/// to resolve). Until session 10, "Former U.S. President Donald Trump" in a 2023 article
/// linked Biden and Trump.
#[test]
fn titles_and_former_holders_are_not_the_holder_that_day() {
    let g = Gazetteer::embedded();
    // (text, expected (surface, actor or "" when unresolved, role) rows), all on 2023-03-01
    type Rows = &'static [(&'static str, &'static str, &'static str)];
    let cases: &[(&str, Rows)] = &[
        (
            "Former U.S. President Donald Trump criticised Iraq.",
            &[("Donald Trump", "donald_trump", ""), ("Iraq", "iraq", "")],
        ),
        (
            "Iraqi Prime Minister Mohammed Shia al-Sudani met US President Joe Biden.",
            &[
                ("Mohammed Shia al-Sudani", "sudani", ""),
                ("Joe Biden", "joe_biden", ""),
            ],
        ),
        (
            // After a comma the name may belong to another noun ("the spokesman for the Iraqi
            // prime minister, Yehia Rasool"): the role stands.
            "The Iraqi PM, Mustafa al-Kadhimi, spoke.",
            &[
                ("Iraqi PM", "sudani", "iraq_pm"),
                ("Mustafa al-Kadhimi", "kadhimi", ""),
            ],
        ),
        (
            "the spokesman for the Iraqi prime minister, General Yehia Rasool, said",
            &[
                ("Iraqi prime minister", "sudani", "iraq_pm"),
                ("Yehia Rasool", "rasool", ""),
            ],
        ),
        // The title of a name the gazetteer does not know: someone else.
        (
            "A statue of US President Andrew Jackson stood there.",
            &[("US President", "", "us_president")],
        ),
        (
            "US President Obama visits Iraq",
            &[("US President", "", "us_president"), ("Iraq", "iraq", "")],
        ),
        // ... unless the whole line is capitalised (a title-case headline), or it is a day.
        (
            "US President Vows To Withdraw Troops From Iraq",
            &[
                ("US President", "joe_biden", "us_president"),
                ("Iraq", "iraq", ""),
            ],
        ),
        (
            "Iraqi PM Meets with Kataib Hezbollah Leaders",
            &[
                ("Iraqi PM", "sudani", "iraq_pm"),
                ("Kataib Hezbollah", "kataib_hezbollah", ""),
            ],
        ),
        // The role's own line decides, not the prose around it.
        (
            "US President Vows To Stay\nthe talks went well, officials said.",
            &[("US President", "joe_biden", "us_president")],
        ),
        (
            "the talks went well, officials said.\nUS President Vows To Stay",
            &[("US President", "joe_biden", "us_president")],
        ),
        (
            "the US President Monday said so.",
            &[("US President", "joe_biden", "us_president")],
        ),
        // Nobody in particular, another office, the office sought.
        (
            "No US President has been removed.",
            &[("US President", "", "us_president")],
        ),
        (
            "The deputy head of the PMF spoke.",
            &[("head of the PMF", "", "pmf_chairman")],
        ),
        ("The Vice President of the United States spoke.", &[]),
        (
            "She ended her campaign for President of the United States.",
            &[("President of the United States", "", "us_president")],
        ),
        (
            "It was a win for the US President in Congress.",
            &[("US President", "joe_biden", "us_president")],
        ),
        (
            "Former Iraqi prime minister Mustafa al-Kadhimi said so.",
            &[("Mustafa al-Kadhimi", "kadhimi", "")],
        ),
        (
            "Mustafa al-Kadhimi, the former Iraqi prime minister, said so.",
            &[
                ("Mustafa al-Kadhimi", "kadhimi", ""),
                ("Iraqi prime minister", "", "iraq_pm"),
            ],
        ),
        ("The ex-Iraqi PM left.", &[("Iraqi PM", "", "iraq_pm")]),
        ("The then-Iraqi PM left.", &[("Iraqi PM", "", "iraq_pm")]),
        (
            "The late Iraqi PM was buried.",
            &[("Iraqi PM", "", "iraq_pm")],
        ),
        (
            "Which past US President do you admire?",
            &[("US President", "", "us_president")],
        ),
        (
            "The next US President will decide.",
            &[("US President", "", "us_president")],
        ),
        (
            "A would-be US President campaigned.",
            &[("US President", "", "us_president")],
        ),
        // The holder: no qualifier, or one that does not change who it is.
        (
            "He met the US President on Monday.",
            &[("US President", "joe_biden", "us_president")],
        ),
        (
            "The outgoing US President spoke.",
            &[("US President", "joe_biden", "us_president")],
        ),
        (
            // A whole word: "latest" is not "late".
            "The latest US President poll.",
            &[("US President", "joe_biden", "us_president")],
        ),
        // Not a person's name after the title, or not on the same line: the role stands.
        (
            "The US President Iraq talks.",
            &[
                ("US President", "joe_biden", "us_president"),
                ("Iraq", "iraq", ""),
            ],
        ),
        (
            "He called the US President\nJoe Biden replied.",
            &[
                ("US President", "joe_biden", "us_president"),
                ("Joe Biden", "joe_biden", ""),
            ],
        ),
        (
            "The US President and Joe Biden.",
            &[
                ("US President", "joe_biden", "us_president"),
                ("Joe Biden", "joe_biden", ""),
            ],
        ),
    ];
    for (text, expected) in cases {
        let expected: Vec<(String, String, String)> = expected
            .iter()
            .map(|(s, a, r)| (s.to_string(), a.to_string(), r.to_string()))
            .collect();
        assert_eq!(tag(&g, text, "2023-03-01"), expected, "{text}");
    }
}

#[test]
fn role_validation_table() {
    // (name, roles JSON, expected error text)
    let cases = [
        (
            "unknown holder",
            r#"[{"id": "pm", "label": "Prime Minister", "holders": [{"actor": "zed", "from": "2020-01-01"}]}]"#,
            "holder \"zed\" of role \"pm\" is not an actor id",
        ),
        (
            "from after until",
            r#"[{"id": "pm", "label": "Prime Minister", "holders": [{"actor": "a", "from": "2021-01-01", "until": "2020-01-01"}]}]"#,
            "\"from\" 2021-01-01 is after \"until\" 2020-01-01",
        ),
        (
            "shared handover day",
            r#"[{"id": "pm", "label": "Prime Minister", "holders": [
                {"actor": "a", "from": "2018-10-25", "until": "2020-05-07"},
                {"actor": "b", "from": "2020-05-07"}]}]"#,
            "holders \"b\" and \"a\" (at g.json:5:17) of role \"pm\" overlap from 2020-05-07; on a handover day the incoming holder holds the role, so the outgoing holder's \"until\" is the day before (2020-05-06)",
        ),
        (
            "open start overlaps",
            r#"[{"id": "pm", "label": "Prime Minister", "holders": [
                {"actor": "a", "until": "2020-01-01"}, {"actor": "b"}]}]"#,
            "holders \"a\" and \"b\" (at g.json:5:56) of role \"pm\" overlap from an open start",
        ),
        (
            "alias claimed by an actor and a role",
            r#"[{"id": "pm", "label": "Prime Minister", "aliases": ["Alpha Person"]}]"#,
            "alias \"Alpha Person\" is claimed by both actor \"a\" (at g.json:2:24) and role \"pm\"",
        ),
        (
            "role id is an actor id",
            r#"[{"id": "a", "label": "Prime Minister"}]"#,
            "role id \"a\" is already defined at g.json:2:3",
        ),
        (
            "not an ISO date",
            r#"[{"id": "pm", "label": "Prime Minister", "holders": [{"actor": "a", "from": "25/10/2018"}]}]"#,
            "\"from\" is \"25/10/2018\"; write an ISO date",
        ),
        (
            "wrong type",
            r#"[{"id": "pm", "label": "Prime Minister", "type": "person"}]"#,
            "an entry under \"roles\" has type \"role\"",
        ),
    ];
    for (name, roles, expected) in cases {
        let json = format!("{{{BASE},\n\"roles\": {roles}}}");
        let err = load(&json)
            .err()
            .unwrap_or_else(|| panic!("{name}: loaded"))
            .to_string();
        assert!(err.starts_with("g.json:"), "{name}: {err}");
        assert!(
            err.contains(expected),
            "{name}:\n got: {err}\nwant: {expected}"
        );
    }
}

#[test]
fn a_role_may_return_to_an_earlier_holder() {
    let json = format!(
        r#"{{{BASE}, "roles": [{{"id": "p", "label": "The President", "holders": [
        {{"actor": "a", "from": "2017-01-20", "until": "2021-01-19"}},
        {{"actor": "b", "from": "2021-01-20", "until": "2025-01-19"}},
        {{"actor": "a", "from": "2025-01-20"}}]}}]}}"#
    );
    let g = load(&json).unwrap();
    for (date, holder) in [
        ("2019-01-01", "a"),
        ("2023-01-01", "b"),
        ("2026-01-01", "a"),
    ] {
        let got = tag(&g, "The President", date);
        assert_eq!(got[0].1, holder, "{date}");
    }
}

#[test]
fn codes_on_a_date() {
    let json = r#"{"actors": [{"id": "maliki", "label": "Nuri al-Maliki", "type": "person",
      "codes": [{"code": "IRQGOV", "from": "2006-05-20", "until": "2014-09-08"}, {"code": "IRQELI"}]},
      {"id": "nobody", "label": "Nobody Here", "type": "person"}]}"#;
    let g = load(json).unwrap();
    let maliki = g.actor(g.by_id("maliki").unwrap());
    let nobody = g.actor(g.by_id("nobody").unwrap());
    let cases = [
        (maliki, "2010-01-01", Some("IRQGOV")),
        (maliki, "2006-05-20", Some("IRQGOV")),
        (maliki, "2014-09-09", Some("IRQELI")),
        (maliki, "", Some("IRQELI")),
        (nobody, "2010-01-01", None),
    ];
    for (actor, date, expected) in cases {
        assert_eq!(actor.code_on(day(date)), expected, "{} {date}", actor.id);
    }
}

#[test]
fn tag_reports_the_holder_and_the_role_and_null_when_undated() {
    let jsonl = concat!(
        "{\"id\": \"d2019\", \"date\": \"2019-06-01\", \"text\": \"The Iraqi prime minister met Rasool.\"}\n",
        "{\"id\": \"d2024\", \"date\": \"2024-02-11\", \"text\": \"The Iraqi prime minister met Rasool.\"}\n",
        "{\"id\": \"undated\", \"text\": \"The Iraqi prime minister met Rasool.\"}\n",
    );
    let r = run_with_stdin(&root(), &["tag", "-"], Some(jsonl.as_bytes()));
    assert_eq!(r.status, 0, "{}", r.stderr);
    let role_rows: Vec<&str> = r.stdout.lines().filter(|l| l.contains("role")).collect();
    assert_eq!(
        role_rows,
        [
            r#"{"doc":"d2019","sentence":0,"paragraph":0,"zone":"body","start":4,"end":24,"text":"Iraqi prime minister","actor":"abdul_mahdi","role":"iraq_pm"}"#,
            r#"{"doc":"d2024","sentence":0,"paragraph":0,"zone":"body","start":4,"end":24,"text":"Iraqi prime minister","actor":"sudani","role":"iraq_pm"}"#,
            r#"{"doc":"undated","sentence":0,"paragraph":0,"zone":"body","start":4,"end":24,"text":"Iraqi prime minister","actor":null,"role":"iraq_pm"}"#,
        ]
    );
}

#[test]
fn an_unresolved_role_is_never_linked() {
    let jsonl = "{\"id\": \"undated\", \"text\": \"The Iraqi prime minister met Rasool.\"}\n";
    let r = run_with_stdin(
        &root(),
        &["build", "-", "--format", "json"],
        Some(jsonl.as_bytes()),
    );
    let g: serde_json::Value = serde_json::from_str(&r.stdout).unwrap_or_else(|e| {
        panic!("{e}: {} {}", r.stdout, r.stderr);
    });
    assert_eq!(g["edges"].as_array().map(Vec::len), Some(0), "{g}");
}

/// Unresolved role mentions are counted per role in the corpus figures: the JSON `corpus`
/// block, `query stats` (table and JSON), `--verbose`, and partial counts, which merge them.
/// One document has no date; two are dated when nobody held the role (2010: before the
/// default gazetteer's first Iraqi prime minister, and no US secretary of defense listed).
#[test]
fn unresolved_role_mentions_are_counted_and_merge() {
    let dir = util::tempdir();
    let d = dir.path();
    let docs = [
        (
            "u1",
            "",
            "The Iraqi prime minister met JB Vowell in Baghdad.",
        ),
        (
            "u2",
            "2010-01-01",
            "Iraq's prime minister spoke with JB Vowell on Monday.",
        ),
        ("u3", "2024-02-11", "The Iraqi PM met JB Vowell again."),
        (
            "u4",
            "2010-05-05",
            "The US Secretary of Defense and the Iraqi PM talked.",
        ),
    ];
    let mut files = Vec::new();
    for (id, date, text) in docs {
        let mut rec = serde_json::json!({"id": id, "text": text});
        if !date.is_empty() {
            rec["date"] = date.into();
        }
        let name = format!("{id}.jsonl");
        std::fs::write(d.join(&name), format!("{rec}\n")).unwrap();
        files.push(name);
    }
    let run = |args: &[&str]| {
        let r = util::run_in(d, args);
        assert_eq!(r.status, 0, "{args:?}: {}", r.stderr);
        r
    };
    let want = serde_json::json!({"iraq_pm": 3, "us_secdef": 1});
    let mut build = vec!["build", "-o", "g.json", "--verbose"];
    build.extend(files.iter().map(String::as_str));
    let r = run(&build);
    assert!(
        r.stderr.contains(
            "4 role mention(s) unresolved (no date, no holder that day, or a former or future \
             holder): iraq_pm 3, us_secdef 1"
        ),
        "{}",
        r.stderr
    );
    let one: serde_json::Value =
        serde_json::from_slice(&std::fs::read(d.join("g.json")).unwrap()).unwrap();
    assert_eq!(one["corpus"]["unresolved_roles"], want);
    // u3 resolved to the holder and was linked.
    assert_eq!(one["edges"][0]["source"], "sudani", "{one}");

    let r = run(&["query", "--graph", "g.json", "stats", "--json"]);
    let stats: serde_json::Value = serde_json::from_str(&r.stdout).unwrap();
    assert_eq!(stats["unresolved_roles"], want);
    let r = run(&["query", "--graph", "g.json", "stats"]);
    assert!(
        r.stdout
            .contains("\nunresolved iraq_pm         3\nunresolved us_secdef       1\n"),
        "{}",
        r.stdout
    );

    // One partial per document, merged: the same corpus block.
    let mut parts = Vec::new();
    for f in &files {
        let out = f.replace(".jsonl", ".agc");
        run(&["build", f, "-o", &out]);
        parts.push(out);
    }
    let mut merge = vec!["merge", "-o", "m.json"];
    merge.extend(parts.iter().map(String::as_str));
    run(&merge);
    let merged: serde_json::Value =
        serde_json::from_slice(&std::fs::read(d.join("m.json")).unwrap()).unwrap();
    assert_eq!(merged["corpus"]["unresolved_roles"], want);
}
