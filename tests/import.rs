//! `gazetteer import petrarch`: the dictionary quirks as a table, and the real Phoenix files
//! (from `../shared/data/`, see `/work/shared/data/README.md`) end to end.

mod util;

use std::fs;

use actorgraph::gazetteer::{Gazetteer, Source};
use actorgraph::import::{import_petrarch, IssueKind};
use actorgraph::tagger::Tagger;

use util::{run_in, run_with_stdin, shared_data, tempdir};

/// A dictionary with every quirk of the Phoenix files, one per record.
const DICT: &str = "# a comment line\n\
AFGHANISTAN_  [AFG]\n\
+AFGHAN_ \n\
+ISLAMIC_REPUBLIC_OF_AFGHANISTAN\n\
\n\
MOHAMMAD_NAJIBULLAH_  # CountryInfo.txt\n\
\t[AFGGOV 870930-871130]\n\
\t[AFGELI]\n\
ANN_VENEMAN_\t[USAGOV 010120-050120] [IGOUNOKID >050501]# trailing comment\n\
KOFI_ANNAN_\n\
+SECRETARY-GENERAL_KOFI_ANNAN\n\
+SECRETARY-GENERAL_KOFI_ANNAN\n\
\t[IGOUNO 970101-061231] \n\
\t[ELI <19961231]\n\
TAIWAN_ [TWN]\n\
+TAIOAN_ +TAWIAN_ \n\
ARMY_OF_MOHAMMED_\n\
+JAISH_ADAN_+_ISLAMIC_ADEN_ARMY_\n\
B+H_OCEAN_CARRIERS_\t[BUS]\n\
LIAMINE_ZROUAL_\u{1a}  # CountryInfo.txt\n\
\t[DZAGOV 9401]\n\
\t[KORGOVBUS 2004017-20061201]\n\
\t[DZAELI 19411207-19411231]\n\
\tJOHN_MCCLOY_\t[IGOUNODEVWBK 470301-490630]\n\
AFGHANISTAN_\n\
+AFGHANESTAN_\n\
\t[AFGX]\n\
AFGHAN_REPUBLIC_\n\
+AFGHAN_\n\
AFGHAN_\n\
\t[---]\n";

#[test]
fn dictionary_quirks_are_counted_and_the_import_loads() {
    let imported = import_petrarch(&[("d.txt", DICT.as_bytes())], &[]).unwrap();
    let issues: Vec<(IssueKind, usize)> =
        imported.issues.iter().map(|i| (i.kind, i.line)).collect();
    assert_eq!(
        issues,
        [
            (IssueKind::RepeatedSynonym, 12),
            (IssueKind::MergedSynonyms, 16),
            (IssueKind::PlusInPhrase, 18),
            (IssueKind::PlusInPhrase, 19),
            (IssueKind::ControlByte, 20),
            (IssueKind::MalformedDate, 21),
            (IssueKind::EndBeforeStart, 22),
            (IssueKind::IndentedName, 24),
            (IssueKind::DuplicateEntry, 25),
            (IssueKind::CollidingAlias, 29),
            (IssueKind::CollidingAlias, 30),
            (IssueKind::NoNameLeft, 30),
        ],
        "{:#?}",
        imported.issues
    );
    let (g, warnings) = Gazetteer::from_sources(&[Source {
        name: "out.json",
        bytes: imported.json.as_bytes(),
    }])
    .unwrap_or_else(|e| panic!("{e}\n{}", imported.json));
    assert!(warnings.is_empty(), "{warnings:?}");
    let actor = |id: &str| g.actor(g.by_id(id).unwrap_or_else(|| panic!("{id}")));

    // (actor id, its names (label first), codes as "CODE from..until")
    let expected: &[(&str, &[&str], &[&str])] = &[
        (
            "afghanistan",
            &[
                "AFGHANISTAN",
                "AFGHAN",
                "ISLAMIC REPUBLIC OF AFGHANISTAN",
                "AFGHANESTAN",
            ],
            &["AFG ..", "AFGX .."],
        ),
        (
            "mohammad_najibullah",
            &["MOHAMMAD NAJIBULLAH"],
            &["AFGGOV 1987-09-30..1987-11-30", "AFGELI .."],
        ),
        (
            "ann_veneman",
            &["ANN VENEMAN"],
            &["USAGOV 2001-01-20..2005-01-20", "IGOUNOKID 2005-05-01.."],
        ),
        (
            "kofi_annan",
            &["KOFI ANNAN", "SECRETARY-GENERAL KOFI ANNAN"],
            &["IGOUNO 1997-01-01..2006-12-31", "ELI ..1996-12-31"],
        ),
        ("taiwan", &["TAIWAN", "TAIOAN", "TAWIAN"], &["TWN .."]),
        (
            "army_of_mohammed",
            &["ARMY OF MOHAMMED", "JAISH ADAN", "ISLAMIC ADEN ARMY"],
            &[],
        ),
        ("b_h_ocean_carriers", &["B+H OCEAN CARRIERS"], &["BUS .."]),
        (
            "liamine_zroual",
            &["LIAMINE ZROUAL"],
            &["DZAELI 1941-12-07..1941-12-31"],
        ),
        (
            "john_mccloy",
            &["JOHN MCCLOY"],
            &["IGOUNODEVWBK 1947-03-01..1949-06-30"],
        ),
        ("afghan_republic", &["AFGHAN REPUBLIC"], &[]),
    ];
    assert_eq!(g.actors().len(), expected.len());
    for (id, names, codes) in expected {
        let a = actor(id);
        let got_names: Vec<&str> = std::iter::once(a.label.as_str())
            .chain(a.aliases.iter().map(|x| x.text.as_str()))
            .collect();
        assert_eq!(&got_names, names, "{id}");
        let got_codes: Vec<String> = a
            .codes
            .iter()
            .map(|c| {
                let d = |d: Option<chrono::NaiveDate>| d.map_or(String::new(), |d| d.to_string());
                format!("{} {}..{}", c.code, d(c.period.from), d(c.period.until))
            })
            .collect();
        assert_eq!(&got_codes, codes, "{id}");
    }
    // PETRARCH ignores case, so do imported phrases; a single word must be capitalised (in
    // news copy a lower-case "afghan" is a blanket, "youth" and "male" are words).
    let t = Tagger::new(&g).unwrap();
    // (text, actors tagged)
    let cases: &[(&str, &[&str])] = &[
        (
            "Kofi Annan met the Afghan envoy.",
            &["kofi_annan", "afghanistan"],
        ),
        (
            "KOFI ANNAN MET THE AFGHAN ENVOY.",
            &["kofi_annan", "afghanistan"],
        ),
        ("kofi annan knitted an afghan.", &["kofi_annan"]),
        ("Afghanistan and afghanistan.", &["afghanistan"]),
    ];
    for (text, want) in cases {
        let ms = t.tag(text);
        let ids: Vec<&str> = ms.iter().map(|m| g.actor(m.actor).id.as_str()).collect();
        assert_eq!(&ids, want, "{text}");
    }
}

#[test]
fn files_that_are_not_actor_dictionaries_are_refused() {
    // (file, why it is refused, or "" when it is imported): agent codes carry a `~` (`[~GOV]`,
    // `[IGO~]`), and one actor code among them makes an actors file; names are in capitals,
    // a few in lower case do not matter.
    let cases = [
        (
            "MINISTER [~GOV]\nPOLICE {} [~COP]\nTRUCE_MONITOR [IGO~]\n",
            "a PETRARCH agents dictionary, not actors: all 3 codes are agent codes such as [~GOV]",
        ),
        ("MINISTER [~GOV]\nIRAQ_ [IRQ]\n", ""),
        ("IRAQ_ [IRQ]\nNO_CODE_HERE\nal-Qaida [AQD]\n", ""),
        ("IRAQ_ [IRQ]\nal-Qaida [AQD]\n", ""),
        (
            "IRAQ_ [IRQ]\nIRAN_ [IRN]\nal-Qaida [AQD]\nHamas [HMS]\n",
            "",
        ),
        ("{\"actors\": []}", "a JSON file, not a PETRARCH dictionary"),
        ("\u{feff}\n  [\n]", "a JSON file, not a PETRARCH dictionary"),
        ("# only a comment\n\n", "no entries"),
        (
            "Vowell met Rasool in Baghdad.\nThe talks [on Sunday] ended.\nIRAQ_ [IRQ]\n",
            "not a PETRARCH actors dictionary: 2 of its 3 entries have lower-case letters",
        ),
    ];
    for (dict, refused) in cases {
        match import_petrarch(&[("a.txt", dict.as_bytes())], &[]) {
            Ok(_) => assert_eq!(refused, "", "{dict:?} was imported"),
            Err(e) => {
                let e = e.to_string();
                assert_ne!(refused, "", "{dict:?}: {e}");
                assert!(e.starts_with(&format!("a.txt: {refused}")), "{e}");
            }
        }
    }
}

#[test]
fn the_three_phoenix_files_import_load_and_tag_wikinews() {
    let data = shared_data();
    let dir = tempdir();
    let files: Vec<String> = ["Countries", "International", "MilNonState"]
        .iter()
        .map(|f| {
            data.join(format!("petrarch2/Phoenix.{f}.actors.txt"))
                .display()
                .to_string()
        })
        .collect();
    let mut args = vec!["gazetteer", "import", "petrarch"];
    args.extend(files.iter().map(String::as_str));
    args.extend(["-o", "phoenix.json"]);
    let r = run_in(dir.path(), &args);
    assert_eq!(r.status, 0, "{}", r.stderr);
    // Each quirk of the published files is reported with its line.
    for needle in [
        "Phoenix.Countries.actors.txt:745: control byte",
        "Phoenix.Countries.actors.txt:45980: merged synonym line",
        "Phoenix.MilNonState.actors.txt:30: '+' inside a phrase",
        "Phoenix.Countries.actors.txt:31715: malformed date",
        "Phoenix.International.actors.txt:40: date range ends before it starts",
        "duplicate entry",
        "alias claimed by two records",
    ] {
        assert!(r.stderr.contains(needle), "{needle}");
    }
    assert!(
        r.stderr
            .contains("84 false friend(s) written as exclusions"),
        "{}",
        r.stderr
    );
    assert!(
        r.stderr.contains(
            "types from the CAMEO codes: 41 actor, 1021 armed_group, 4371 company, 63 \
             institution, 20 media, 14 military, 1996 organization, 18337 person, 212 state"
        ),
        "{}",
        r.stderr
    );
    false_friends_tag_nothing(dir.path(), &files);
    // The agents file sits beside the actor files (`Phoenix.*.txt` picks it up): refused, with
    // the file named, and nothing written.
    let agents = data
        .join("petrarch2/Phoenix.agents.txt")
        .display()
        .to_string();
    let mut args = vec!["gazetteer", "import", "petrarch", &files[0], &agents];
    args.extend(["-o", "mixed.json"]);
    let r = run_in(dir.path(), &args);
    assert_eq!(r.status, 2, "{}", r.stderr);
    let expected = format!(
        "{agents}: a PETRARCH agents dictionary, not actors: all 2243 codes are agent codes"
    );
    assert!(r.stderr.contains(&expected), "{}", r.stderr);
    assert!(!dir.path().join("mixed.json").exists());
    let check = run_in(dir.path(), &["gazetteer", "check", "phoenix.json"]);
    assert_eq!(check.status, 0, "{}", check.stderr);
    assert!(!check.stderr.contains("warning"), "{}", check.stderr);
    let first = check.stdout.lines().next().unwrap();
    assert!(first.starts_with("ok: 26075 actor(s)"), "{first}");

    let wikinews = data.join("wikinews/wikinews.jsonl").display().to_string();
    let tag = run_in(
        dir.path(),
        &["tag", &wikinews, "-g", "phoenix.json", "--format", "tsv"],
    );
    assert_eq!(tag.status, 0, "{}", tag.stderr);
    let rows = tag.stdout.lines().count() - 1;
    assert!(rows > 4_000, "only {rows} mentions");
    // "US" is imported case-sensitive (an English word): the pronoun tags nothing. Single
    // words are capitalised names: "youth" (29 times a Basque group) and "male" (26 times the
    // Maldives) tag nothing.
    let header: Vec<&str> = tag.stdout.lines().next().unwrap().split('\t').collect();
    let text = header.iter().position(|&h| h == "text").unwrap();
    let surfaces: Vec<&str> = tag
        .stdout
        .lines()
        .skip(1)
        .map(|l| l.split('\t').nth(text).unwrap())
        .collect();
    assert!(surfaces.contains(&"Iran") && surfaces.contains(&"US"));
    for word in ["us", "youth", "male", "organization", "buffalo"] {
        assert!(!surfaces.contains(&word), "the word {word:?} was tagged");
    }
    let json = fs::read(dir.path().join("phoenix.json")).unwrap();
    let (g, _) = Gazetteer::from_sources(&[Source {
        name: "phoenix.json",
        bytes: &json,
    }])
    .unwrap();
    // Nuri al-Maliki carries IRQGOV while in office (the issue's example).
    let maliki = g
        .actors()
        .iter()
        .find(|a| a.label == "NURI AL-MALIKI" || a.label == "NURI AL MALIKI")
        .expect("Maliki is in Phoenix.Countries");
    let on = |d: &str| maliki.code_on(chrono::NaiveDate::parse_from_str(d, "%Y-%m-%d").ok());
    assert_eq!(on("2010-01-01"), Some("IRQGOV"));
    // Types come from the CAMEO codes: the relation rules need persons (docs/gazetteer.md).
    for (label, want) in [
        ("NURI AL MALIKI", "person"),
        ("KOFI ANNAN", "person"),
        ("DENG XIAOPING", "person"),
        ("IRAQ", "state"),
        ("HAMAS", "armed_group"),
        ("AHRAR AL SHAM", "armed_group"),
        ("PEOPLES LIBERATION ARMY", "military"),
        ("UNITED STATES CONGRESS", "institution"),
        ("HAARETZ", "media"),
        ("RED CROSS", "organization"),
        ("NOKIA", "company"),
    ] {
        let a = g.actors().iter().find(|a| a.label == label).unwrap();
        assert_eq!(a.kind, want, "{label}");
    }
    // So role phrases give affiliations, as with the default gazetteer.
    let text = "Norwegian Prime Minister Erna Solberg was stranded.\n";
    let r = run_with_stdin(
        dir.path(),
        &["relations", "-", "-g", "phoenix.json", "--format", "tsv"],
        Some(text.as_bytes()),
    );
    assert_eq!(r.status, 0, "{}", r.stderr);
    let rows: Vec<Vec<&str>> = r
        .stdout
        .lines()
        .skip(1)
        .map(|l| l.split('\t').collect())
        .collect();
    assert_eq!(rows.len(), 1, "{}", r.stdout);
    assert_eq!(rows[0][2..5], ["affiliation", "erna_solberg", "norway"]);
}

/// Phrases of `gazetteer/false_friends.json` that contain a Phoenix name: with the import's
/// exclusions they tag nothing; imported with `--no-false-friends`, the same text tags the
/// United States, Ireland, Mexico and China through the names inside them.
fn false_friends_tag_nothing(dir: &std::path::Path, files: &[String]) {
    let mut args = vec!["gazetteer", "import", "petrarch", "--no-false-friends"];
    args.extend(files.iter().map(String::as_str));
    args.extend(["-o", "bare.json"]);
    let r = run_in(dir, &args);
    assert_eq!(r.status, 0, "{}", r.stderr);
    assert!(!r.stderr.contains("false friend"), "{}", r.stderr);
    let bare = fs::read_to_string(dir.join("bare.json")).unwrap();
    assert!(!bare.contains("\"exclude\""));
    let with: serde_json::Value =
        serde_json::from_slice(&fs::read(dir.join("phoenix.json")).unwrap()).unwrap();
    let exclude: Vec<&str> = with["exclude"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e.as_str().unwrap())
        .collect();
    // Written: they contain a Phoenix name. Not written: a Phoenix name itself (the name wins),
    // or no Phoenix name inside.
    for phrase in [
        "South America",
        "Northern Ireland",
        "Gulf of Mexico",
        "Air India",
    ] {
        assert!(exclude.contains(&phrase), "{phrase} not in {exclude:?}");
    }
    for phrase in ["Washington Post", "American Samoa", "Hunter Biden"] {
        assert!(!exclude.contains(&phrase), "{phrase} in {exclude:?}");
    }
    let text = "Brazil is in a pact between the European Union and the South American group \
        Mercosur.\nUSA Today reported from Northern Ireland and the Gulf of Mexico.\n\
        Denzel Washington flew Air India over the South China Sea.\n";
    let actors = |gazetteer: &str| -> Vec<String> {
        let r = run_with_stdin(
            dir,
            &["tag", "-", "-g", gazetteer, "--format", "tsv"],
            Some(text.as_bytes()),
        );
        assert_eq!(r.status, 0, "{}", r.stderr);
        let mut lines = r.stdout.lines();
        let header: Vec<&str> = lines.next().unwrap().split('\t').collect();
        let actor = header.iter().position(|&h| h == "actor").unwrap();
        let mut ids: Vec<String> = lines
            .map(|l| l.split('\t').nth(actor).unwrap().to_owned())
            .collect();
        ids.sort();
        ids.dedup();
        ids
    };
    assert_eq!(actors("phoenix.json"), ["brazil", "the_european_union"]);
    assert_eq!(
        actors("bare.json"),
        [
            "brazil",
            "china",
            "india",
            "ireland",
            "mexico",
            "the_european_union",
            "united_states_of_america"
        ]
    );
}
