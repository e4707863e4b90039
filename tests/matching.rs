//! "Not this actor" and "Words" (issue 12): exclusions, acronyms that are English words in
//! all-caps copy, names that are also lower-case words, and the apostrophe rule. Each row is
//! a case from the issue or from `docs/matching.md`.

use actorgraph::gazetteer::{Ambiguous, Gazetteer, LoadOptions, Source};
use actorgraph::tagger::Tagger;

const US: &str = "united_states";

/// Expected mentions: (surface, actor id), in order.
type Expected = &'static [(&'static str, &'static str)];

/// The gazetteer of one file named `g.json` holding `json`, and its warnings.
fn load(json: &str) -> actorgraph::Result<(Gazetteer, Vec<String>)> {
    Gazetteer::from_sources(&[Source {
        name: "g.json",
        bytes: json.as_bytes(),
    }])
}

fn check(g: &Gazetteer, cases: &[(&str, &str, Expected)]) {
    let t = Tagger::new(g).unwrap();
    for (name, text, expected) in cases {
        let got: Vec<(&str, &str)> = t
            .tag(text)
            .iter()
            .map(|m| (&text[m.start..m.end], g.actor(m.actor).id.as_str()))
            .collect();
        assert_eq!(&got, expected, "case {name}: {text:?}");
    }
}

#[test]
fn default_gazetteer_not_this_actor() {
    let cases: &[(&str, &str, Expected)] = &[
        ("latin america", "trade with Latin America grew", &[]),
        ("central america", "migrants from Central America", &[]),
        (
            "south america",
            "South America and America",
            &[("America", US)],
        ),
        ("bank of america", "Bank of America said", &[]),
        ("washington post", "The Washington Post reported", &[]),
        ("washington state", "wildfires in Washington state", &[]),
        ("george washington", "George Washington crossed", &[]),
        // The city, a place as "Baghdad" is (Wikinews: rallies and riots "in Washington, D.C.").
        ("the city", "a rally in Washington, D.C. on Saturday", &[]),
        (
            "the city, no stops",
            "a riot in Washington DC near the White House",
            &[],
        ),
        (
            "the government after the city",
            "Protests in Washington, DC as Washington said no",
            &[("Washington", US)],
        ),
        (
            "washington alone",
            "Washington and Baghdad",
            &[("Washington", US)],
        ),
        (
            "exclusion hides only what it covers",
            "The Washington Post quoted Washington officials",
            &[("Washington", US)],
        ),
        ("let us recall", "LET US RECALL THE PAST", &[]),
        ("gives us our orders", "HE GIVES US OUR ORDERS", &[]),
        ("the us in caps", "THE US SAID ON FRIDAY", &[("US", US)]),
        ("us-led in caps", "US-LED FORCES LEAVE", &[("US", US)]),
        ("us in mixed case", "the US said", &[("US", US)]),
        (
            "caps word next to lower case",
            "PMF, US and Iran",
            &[("PMF", "pmf"), ("US", US), ("Iran", "iran")],
        ),
        (
            "acronym that is no word stays",
            "PMF FIGHTERS MOVE",
            &[("PMF", "pmf")],
        ),
        ("let us know", "let us know", &[]),
        ("her trump card", "she played her trump card", &[]),
        (
            "Trump capitalised",
            "Trump said",
            &[("Trump", "donald_trump")],
        ),
        ("TRUMP in caps", "TRUMP SAID", &[("TRUMP", "donald_trump")]),
        (
            "multi-word name in lower case still matches",
            "donald trump said",
            &[("donald trump", "donald_trump")],
        ),
        ("iran in lower case", "the iran deal", &[]),
        // Found on Wikinews (session 10).
        ("usa today", "USA Today reported", &[]),
        ("socialist party usa", "Socialist Party USA nominee", &[]),
        (
            "a party of america",
            "the Unity Party of America ticket",
            &[],
        ),
        (
            "an association of america",
            "the Recording Industry Association of America said",
            &[],
        ),
        ("a film", "the mockumentary Mister America", &[]),
        (
            "confederate states",
            "statues of the Confederate States of America",
            &[],
        ),
        (
            "a slogan",
            "Trump's America First policy",
            &[("Trump", "donald_trump")],
        ),
        ("a monument", "near the Washington Monument", &[]),
        ("a team", "the Washington Nationals won", &[]),
        (
            "vice president",
            "the Vice President of the United States",
            &[],
        ),
        // Another person of the same surname.
        ("first lady", "First Lady Melania Trump spoke", &[]),
        ("a son", "Donald Trump Jr. spoke", &[]),
        ("hunter biden", "Hunter Biden's laptop", &[]),
        (
            "the family and the man",
            "Ivanka Trump joined Trump",
            &[("Trump", "donald_trump")],
        ),
    ];
    check(&Gazetteer::embedded(), cases);
}

#[test]
fn words_joined_by_an_apostrophe() {
    let json = r#"{"actors": [
      {"id": "brien", "label": "Brien", "type": "person"},
      {"id": "estaing", "label": "Estaing", "type": "person"},
      {"id": "isn", "label": "Isn", "type": "person", "aliases": [{"text": "isn", "case": "insensitive"}]},
      {"id": "sudani", "label": "Sudani", "type": "person"},
      {"id": "forces", "label": "the Forces", "type": "armed_group"},
      {"id": "obrien", "label": "O'Brien", "type": "person"}
    ]}"#;
    let (g, _) = load(json).unwrap();
    let cases: &[(&str, &str, Expected)] = &[
        (
            "inside O'Brien",
            "Mr O'Brien spoke",
            &[("O'Brien", "obrien")],
        ),
        (
            "curly apostrophe",
            "Mr O’Brien spoke",
            &[("O’Brien", "obrien")],
        ),
        ("d'Estaing", "Giscard d'Estaing", &[]),
        ("isn't", "it isn't so", &[]),
        ("possessive", "Sudani's office", &[("Sudani", "sudani")]),
        (
            "curly possessive",
            "Sudani’s office",
            &[("Sudani", "sudani")],
        ),
        (
            "plural possessive",
            "the Forces' base",
            &[("the Forces", "forces")],
        ),
        ("possessive then word", "Sudani'sx", &[]),
        ("quoted name", "'Sudani' said", &[("Sudani", "sudani")]),
        ("Brien alone", "Brien said", &[("Brien", "brien")]),
    ];
    check(&g, cases);
}

/// A label takes a case rule like an alias (`{"text": ..., "case": ...}`): over the file's
/// rule, which an imported PETRARCH dictionary sets to "insensitive".
#[test]
fn a_label_with_its_own_case_rule() {
    let json = r#"{"case": "insensitive", "actors": [
      {"id": "turkey", "label": {"text": "TURKEY", "case": "capitalized"}, "type": "state"},
      {"id": "it", "label": {"text": "IT", "case": "sensitive"}, "type": "company"},
      {"id": "kofi", "label": "KOFI ANNAN", "type": "person"}
    ]}"#;
    let (g, _) = load(json).unwrap();
    assert_eq!(g.actor(g.by_id("turkey").unwrap()).label, "TURKEY");
    let cases: &[(&str, &str, Expected)] = &[
        ("capitalised", "Turkey said", &[("Turkey", "turkey")]),
        ("all caps", "TURKEY SAID", &[("TURKEY", "turkey")]),
        ("the bird", "a roast turkey", &[]),
        ("acronym", "IT said", &[("IT", "it")]),
        ("pronoun", "it said", &[]),
        (
            "the file's rule",
            "kofi annan said",
            &[("kofi annan", "kofi")],
        ),
    ];
    check(&g, cases);
    let bad =
        r#"{"actors": [{"id": "a", "label": {"text": " ", "case": "sensitive"}, "type": "x"}]}"#;
    let err = load(bad).unwrap_err().to_string();
    assert!(
        err.contains("g.json:1:34: actor \"a\" has an empty label"),
        "{err}"
    );
}

#[test]
fn exclusions_global_and_per_actor() {
    let json = r#"{"actors": [
      {"id": "us", "label": "United States", "type": "state", "aliases": ["America"],
       "exclude": ["Latin America"]},
      {"id": "latin", "label": "Latin", "type": "language"},
      {"id": "boa", "label": "Bank of America Corporation", "type": "company"},
      {"id": "trump", "label": "Donald Trump", "type": "person", "aliases": [{"text": "Trump", "case": "insensitive"}]}
    ],
    "exclude": ["Bank of America"]}"#;
    let (g, warnings) = load(json).unwrap();
    assert!(warnings.is_empty(), "{warnings:?}");
    assert_eq!(g.exclusion_count(), 2);
    let cases: &[(&str, &str, Expected)] = &[
        (
            "per-actor exclusion hides only its actor",
            "Latin America",
            &[("Latin", "latin")],
        ),
        ("global exclusion hides all", "Bank of America", &[]),
        (
            "a longer actor name wins over the exclusion",
            "Bank of America Corporation",
            &[("Bank of America Corporation", "boa")],
        ),
        (
            "the gazetteer may allow a lower-case name",
            "her trump card",
            &[("trump", "trump")],
        ),
    ];
    check(&g, cases);
}

#[test]
fn ambiguous_aliases_error_by_default_and_skip_on_request() {
    let json = "{\"actors\": [\n{\"id\": \"georgia_us\", \"label\": \"Georgia State\", \"type\": \"state\", \"aliases\": [\"Georgia\"]},\n{\"id\": \"georgia\", \"label\": \"Republic of Georgia\", \"type\": \"state\", \"aliases\": [\"Georgia\", \"Tbilisi\"]},\n{\"id\": \"ga2\", \"label\": \"Georgia Peach\", \"type\": \"state\", \"aliases\": [\"Georgia\"]}]}";
    let src = [Source {
        name: "g.json",
        bytes: json.as_bytes(),
    }];
    let err = Gazetteer::from_sources(&src).unwrap_err().to_string();
    assert!(
        err.starts_with("g.json:3:80: alias \"Georgia\" is claimed by both actor \"georgia_us\" (at g.json:2:77)"),
        "{err}"
    );
    let (g, _) = Gazetteer::from_sources_with(
        &src,
        LoadOptions {
            ambiguous: Ambiguous::Skip,
        },
    )
    .unwrap();
    assert_eq!(
        g.dropped(),
        [
            "g.json:2:77: alias \"Georgia\" of actor \"georgia_us\" dropped: ambiguous, also claimed by actor \"georgia\" (at g.json:3:80)",
            "g.json:3:80: alias \"Georgia\" of actor \"georgia\" dropped: ambiguous, also claimed by actor \"georgia_us\" (at g.json:2:77)",
            "g.json:4:70: alias \"Georgia\" of actor \"ga2\" dropped: ambiguous, also claimed by actor \"georgia_us\" (at g.json:2:77)",
        ]
    );
    let cases: &[(&str, &str, Expected)] = &[
        ("dropped everywhere", "Georgia said", &[]),
        (
            "other names stay",
            "Tbilisi said",
            &[("Tbilisi", "georgia")],
        ),
    ];
    check(&g, cases);
}
