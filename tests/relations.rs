//! Relations: the hand-annotated set (precision and recall per type), the lexicon's own
//! examples, the seed examples of the issue, spans, and the `relations` command.

mod util;

use std::collections::{BTreeMap, BTreeSet};
use std::fs;

use actorgraph::analysis::analyze;
use actorgraph::gazetteer::Gazetteer;
use actorgraph::relation::{self, Lexicon, Modality};
use actorgraph::sentence::LineBreaks;
use actorgraph::tagger::{Scratch, Tagger};

use util::{root, run_in, tempdir};

/// Precision and recall every type must reach on the annotated set.
const MIN_PRECISION: f64 = 0.90;
const MIN_RECALL: f64 = 0.80;

struct Fixture {
    g: Gazetteer,
    t: Tagger,
    lex: Lexicon,
}

fn fixture(gazetteer: Option<&str>) -> Fixture {
    let g = match gazetteer {
        Some(p) => Gazetteer::load_files(&[root().join(p)]).unwrap().0,
        None => Gazetteer::embedded(),
    };
    let t = Tagger::new(&g).unwrap();
    Fixture {
        g,
        t,
        lex: Lexicon::embedded(),
    }
}

/// The seed documents' date (February 2024): role phrases such as "the Iraqi prime minister"
/// resolve to their holder on it; undated text leaves them unresolved.
fn seed_date() -> chrono::NaiveDate {
    chrono::NaiveDate::from_ymd_opt(2024, 2, 11).unwrap()
}

/// (type, source, target, negated, planned); symmetric pairs in id order.
type Key = (String, String, String, bool, bool);

fn relations(f: &Fixture, text: &str) -> Vec<Key> {
    let a = analyze(
        text,
        Some(seed_date()),
        &f.t,
        LineBreaks::Auto,
        &mut Scratch::default(),
    );
    relation::extract(text, &a, &f.g, &f.lex)
        .iter()
        .map(|r| {
            (
                f.lex.type_name(r.kind).to_owned(),
                f.g.actor(r.source).id.clone(),
                f.g.actor(r.target).id.clone(),
                r.negated,
                r.modality == Modality::Planned,
            )
        })
        .collect()
}

/// Each text's relations, as "type source target", equal the row's.
fn assert_table(f: &Fixture, cases: &[(&str, &[&str])]) {
    for (text, want) in cases {
        let got: Vec<String> = relations(f, text)
            .into_iter()
            .map(|k| format!("{} {} {}", k.0, k.1, k.2))
            .collect();
        assert_eq!(got, *want, "{text}");
    }
}

/// One annotated sentence: where it is from, its text, its expected relations.
struct Annotated {
    line: usize,
    text: String,
    expected: Vec<Key>,
}

/// Reads an annotated set (`tests/relations/set.txt`, `heldout.txt`): a sentence per line;
/// below it, indented, one expected relation per line (`type source target [negated]
/// [planned]`) or `-` for none. Messages name the file as `set`.
fn annotated_set(f: &Fixture, set: &str) -> Vec<Annotated> {
    let path = root().join("tests/relations").join(set);
    let text = fs::read_to_string(&path).unwrap();
    let mut out: Vec<Annotated> = Vec::new();
    for (i, line) in text.lines().enumerate() {
        let n = i + 1;
        if line.trim().is_empty() || line.starts_with('#') || line.starts_with('@') {
            continue;
        }
        if let Some(exp) = line.strip_prefix("  ") {
            let cur = out
                .last_mut()
                .unwrap_or_else(|| panic!("{set}:{n}: expectation before any sentence"));
            let exp = exp.trim();
            if exp == "-" {
                continue;
            }
            let parts: Vec<&str> = exp.split_whitespace().collect();
            assert!(
                parts.len() >= 3,
                "{set}:{n}: want `type source target [negated] [planned]`"
            );
            for id in &parts[1..3] {
                assert!(f.g.by_id(id).is_some(), "{set}:{n}: unknown actor {id}");
            }
            let ty = f
                .lex
                .types()
                .iter()
                .find(|t| t.name == parts[0])
                .unwrap_or_else(|| panic!("{set}:{n}: unknown type {}", parts[0]));
            let (mut s, mut t) = (parts[1].to_owned(), parts[2].to_owned());
            if ty.symmetric && t < s {
                std::mem::swap(&mut s, &mut t);
            }
            for flag in &parts[3..] {
                assert!(
                    ["negated", "planned"].contains(flag),
                    "{set}:{n}: unknown flag {flag}"
                );
            }
            cur.expected.push((
                parts[0].to_owned(),
                s,
                t,
                parts.contains(&"negated"),
                parts.contains(&"planned"),
            ));
        } else {
            out.push(Annotated {
                line: n,
                text: line.to_owned(),
                expected: Vec::new(),
            });
        }
    }
    // Every sentence must be annotated explicitly (`-` when nothing is expected).
    let raw: Vec<&str> = text.lines().collect();
    for a in &out {
        let next = raw.get(a.line).copied().unwrap_or("");
        assert!(
            next.starts_with("  "),
            "{set}:{}: sentence without annotation",
            a.line
        );
    }
    out
}

#[derive(Default, Clone, Copy)]
struct Score {
    tp: usize,
    fp: usize,
    fn_: usize,
}

impl Score {
    fn add(self, o: Score) -> Score {
        Score {
            tp: self.tp + o.tp,
            fp: self.fp + o.fp,
            fn_: self.fn_ + o.fn_,
        }
    }
    fn precision(self) -> f64 {
        self.tp as f64 / (self.tp + self.fp).max(1) as f64
    }
    fn recall(self) -> f64 {
        self.tp as f64 / (self.tp + self.fn_).max(1) as f64
    }
}

/// Scores per type of the annotated set `set`, tagged with `gazetteer`: (scores, sentences,
/// every miss as `set:line: extra|missing key`).
fn score_set(set: &str, gazetteer: &str) -> (BTreeMap<String, Score>, usize, Vec<String>) {
    let f = fixture(Some(gazetteer));
    let sentences = annotated_set(&f, set);
    let mut scores: BTreeMap<String, Score> = f
        .lex
        .types()
        .iter()
        .map(|t| (t.name.clone(), Score::default()))
        .collect();
    let mut misses = Vec::new();
    for a in &sentences {
        let got: BTreeSet<Key> = relations(&f, &a.text).into_iter().collect();
        let want: BTreeSet<Key> = a.expected.iter().cloned().collect();
        for k in got.union(&want) {
            let s = scores.get_mut(&k.0).unwrap();
            match (got.contains(k), want.contains(k)) {
                (true, true) => s.tp += 1,
                (true, false) => {
                    s.fp += 1;
                    misses.push(format!("{set}:{}: extra   {k:?}", a.line));
                }
                _ => {
                    s.fn_ += 1;
                    misses.push(format!("{set}:{}: missing {k:?}", a.line));
                }
            }
        }
    }
    (scores, sentences.len(), misses)
}

const DEV: (&str, &str) = ("set.txt", "tests/relations/actors.json");
const HELD_OUT: (&str, &str) = ("heldout.txt", "tests/relations/heldout_actors.json");

/// The Markdown table of `scores` (as in docs/relations.md), with an `all` row; and the types
/// below the thresholds (or with nothing expected).
fn table(scores: &BTreeMap<String, Score>) -> (String, Vec<String>) {
    let mut table = String::from(
        "| type | expected | found | correct | precision | recall |\n|---|---|---|---|---|---|\n",
    );
    let mut failed = Vec::new();
    let total = scores.values().fold(Score::default(), |a, s| a.add(*s));
    for (name, s) in scores.iter().chain([(&"all".to_owned(), &total)]) {
        let (p, r) = (s.precision(), s.recall());
        table.push_str(&format!(
            "| {name} | {} | {} | {} | {p:.2} | {r:.2} |\n",
            s.tp + s.fn_,
            s.tp + s.fp,
            s.tp
        ));
        if name != "all" && (s.tp + s.fn_ == 0 || p < MIN_PRECISION || r < MIN_RECALL) {
            failed.push(name.clone());
        }
    }
    (table, failed)
}

#[test]
fn annotated_set_precision_and_recall_per_type() {
    let (scores, n, misses) = score_set(DEV.0, DEV.1);
    assert!(n >= 150, "the set has {n} sentences; it needs at least 150");
    let (table, failed) = table(&scores);
    println!("{n} sentences\n{table}");
    for m in &misses {
        println!("{m}");
    }
    assert!(failed.is_empty(), "below precision {MIN_PRECISION} / recall {MIN_RECALL} (or no expected relation): {failed:?}\n{table}");
}

/// The held-out set (sentences the rules were not developed on): its own scores per type are
/// reported (`-- --nocapture`), and the thresholds hold on the union of both sets.
#[test]
fn held_out_set_scores_and_the_union_meets_the_thresholds() {
    let (held, n, misses) = score_set(HELD_OUT.0, HELD_OUT.1);
    assert!(
        n >= 60,
        "the held-out set has {n} sentences; it needs at least 60"
    );
    let (held_table, _) = table(&held);
    println!("held out: {n} sentences\n{held_table}");
    for m in &misses {
        println!("{m}");
    }
    let (dev, m, _) = score_set(DEV.0, DEV.1);
    let union: BTreeMap<String, Score> = dev
        .iter()
        .map(|(name, s)| (name.clone(), s.add(held[name])))
        .collect();
    let (union_table, failed) = table(&union);
    println!("development + held out: {} sentences\n{union_table}", n + m);
    // A type listed in BELOW_ON_UNION must keep its recorded recall (and the precision bar);
    // once it meets the bar, the test asks for it to be taken off the list.
    for (name, floor) in BELOW_ON_UNION {
        let s = union[*name];
        assert!(
            s.recall() + 1e-9 >= *floor && s.precision() >= MIN_PRECISION,
            "{name} fell below its recorded recall {floor} on the union\n{union_table}"
        );
        assert!(
            failed.contains(&name.to_string()),
            "{name} now meets the thresholds on the union: remove it from BELOW_ON_UNION"
        );
    }
    let failed: Vec<&String> = failed
        .iter()
        .filter(|f| !BELOW_ON_UNION.iter().any(|(n, _)| n == f))
        .collect();
    assert!(failed.is_empty(), "below precision {MIN_PRECISION} / recall {MIN_RECALL} on the union: {failed:?}\n{union_table}");
}

/// Every miss on the two annotated sets is a known one (`tests/relations/misses.txt`, each a
/// failure class of docs/relations.md). The thresholds above let a broken rule through as long
/// as the scores stay above them; this list does not: one new wrong or lost relation fails.
#[test]
fn every_miss_on_the_annotated_sets_is_a_known_one() {
    let mut got: BTreeSet<String> = BTreeSet::new();
    for (set, gazetteer) in [DEV, HELD_OUT] {
        got.extend(score_set(set, gazetteer).2);
    }
    let path = root().join("tests/relations/misses.txt");
    let known: BTreeSet<String> = fs::read_to_string(&path)
        .unwrap()
        .lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .map(str::to_owned)
        .collect();
    let new: Vec<&String> = got.difference(&known).collect();
    let gone: Vec<&String> = known.difference(&got).collect();
    assert!(
        new.is_empty() && gone.is_empty(),
        "new misses (a rule broke, or the sets changed):\n{}\nno longer missed (take them off \
         tests/relations/misses.txt):\n{}",
        new.iter()
            .map(|m| format!("  {m}"))
            .collect::<Vec<_>>()
            .join("\n"),
        gone.iter()
            .map(|m| format!("  {m}"))
            .collect::<Vec<_>>()
            .join("\n"),
    );
    assert!(known.len() > 20, "only {} known misses read", known.len());
}

/// Types below the issue's thresholds on the union of the development and held-out sets, with
/// the recall each must keep (none today: `support` reached 0.82 once "the campaigns of B"
/// was read as an object; docs/relations.md, "Held-out evaluation").
const BELOW_ON_UNION: &[(&str, f64)] = &[];

/// Every lexicon entry's own examples: each "yes" sentence yields a relation of the entry's
/// type whose cue is one of the entry's forms; no "no" sentence does.
#[test]
fn lexicon_examples() {
    let f = fixture(None);
    let mut failures = Vec::new();
    let mut checked = 0;
    for e in &f.lex.entries {
        for (text, want) in e
            .yes
            .iter()
            .map(|t| (t, true))
            .chain(e.no.iter().map(|t| (t, false)))
        {
            checked += 1;
            let a = analyze(
                text,
                Some(seed_date()),
                &f.t,
                LineBreaks::Auto,
                &mut Scratch::default(),
            );
            let got = relation::extract(text, &a, &f.g, &f.lex).iter().any(|r| {
                let cue = text[r.cue.start..r.cue.end]
                    .to_lowercase()
                    .replace('’', "'");
                f.lex.type_name(r.kind) == e.relation
                    && e.forms.iter().any(|form| form.to_lowercase() == cue)
            });
            if got != want {
                failures.push(format!(
                    "{} {:?}: {text:?} should {}yield a relation",
                    e.relation,
                    e.forms[0],
                    if want { "" } else { "not " }
                ));
            }
        }
    }
    assert!(checked > 60, "only {checked} examples");
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// A role between an actor and a name the gazetteer does not know belongs to that name: "A,
/// B's ROLE C" is no affiliation of A when C is an untagged name (Wikinews with Phoenix:
/// "... energy minister Yuval Steinitz, Greek prime minister Kyriakos Mitsotakis and ..."
/// made Steinitz serve Greece); a day after the role is no name.
#[test]
fn a_role_before_an_untagged_name_is_that_name_s() {
    let f = fixture(Some(DEV.1));
    let cases: &[(&str, &[&str])] = &[
        (
            "The summit was attended by Kyriakos Mitsotakis, Turkey's foreign minister Mevlut Cavusoglu and Israeli officials.",
            &[],
        ),
        (
            "Kyriakos Mitsotakis, Turkey's foreign minister, spoke first.",
            &["affiliation kyriakos_mitsotakis turkey"],
        ),
        (
            "Kyriakos Mitsotakis, Turkey's foreign minister Monday said it would.",
            &["affiliation kyriakos_mitsotakis turkey"],
        ),
    ];
    assert_table(&f, cases);
}

/// Up to three modifiers stand between B and a role, words of the lexicon's longer roles
/// among them ("deputy" of "deputy press secretary"): before session 12 "deputy" was a known
/// word and no modifier, so "US Deputy Secretary of State Lloyd Austin", an example of
/// docs/relations.md, gave nothing. "ROLE of B (ACRONYM), A" skips the acronym.
#[test]
fn role_modifiers_include_words_of_longer_roles_and_brackets_are_skipped() {
    let f = fixture(Some(DEV.1));
    let cases: &[(&str, &[&str])] = &[
        (
            "US Deputy Secretary of State Lloyd Austin spoke.",
            &["affiliation lloyd_austin united_states"],
        ),
        (
            "Iraq's deputy spokesman Yehia Rasool spoke.",
            &["affiliation rasool iraq"],
        ),
        (
            "Iraq's deputy prime minister Yehia Rasool spoke.",
            &["affiliation rasool iraq"],
        ),
        (
            "Yehia Rasool, the deputy spokesman for Iraq, spoke.",
            &["affiliation rasool iraq"],
        ),
        (
            "Iraq's new deputy chief spokesman Yehia Rasool spoke.",
            &["affiliation rasool iraq"],
        ),
        (
            "Iraq's very new deputy chief spokesman Yehia Rasool spoke.",
            &[],
        ),
        // B follows a possessive to an actor within three words after it.
        (
            "Qassem Soleimani, commander of the IRGC's elite special Quds Force, died.",
            &["affiliation qassem_soleimani quds_force"],
        ),
        (
            "Qassem Soleimani, commander of the IRGC's elite special secret Quds Force, died.",
            &["affiliation qassem_soleimani irgc"],
        ),
        // The fronted pattern skips an acronym in brackets after B.
        (
            "Commander of the Popular Mobilization Forces (PMF), Yehia Rasool, spoke.",
            &["affiliation rasool pmf"],
        ),
    ];
    assert_table(&f, cases);
}

/// The connectors between the person and the role of the apposition pattern: a comma, a dash,
/// a copula ("was", "became"), "served as", "as", ", who is/was"; any other verb is none.
#[test]
fn apposition_connectors() {
    let f = fixture(Some(DEV.1));
    let cases: &[(&str, &[&str])] = &[
        (
            "Yehia Rasool, the spokesman for Iraq, spoke.",
            &["affiliation rasool iraq"],
        ),
        (
            "Yehia Rasool - spokesman for Iraq - spoke.",
            &["affiliation rasool iraq"],
        ),
        (
            "Yehia Rasool was the spokesman for Iraq.",
            &["affiliation rasool iraq"],
        ),
        (
            "Yehia Rasool became spokesman of Iraq.",
            &["affiliation rasool iraq"],
        ),
        (
            "Yehia Rasool served as spokesman for Iraq.",
            &["affiliation rasool iraq"],
        ),
        (
            "Yehia Rasool as spokesman for Iraq spoke.",
            &["affiliation rasool iraq"],
        ),
        (
            "Yehia Rasool, who is the spokesman for Iraq, spoke.",
            &["affiliation rasool iraq"],
        ),
        (
            "Yehia Rasool, who was Iraq's spokesman, spoke.",
            &["affiliation rasool iraq"],
        ),
        // Connectors at the sentence's start, and further into it: the token walk back
        // stays inside the sentence and counts from where the role is.
        (
            "On Sunday, Yehia Rasool, who is the spokesman for Iraq, spoke.",
            &["affiliation rasool iraq"],
        ),
        (
            "As spokesman for Iraq, Yehia Rasool spoke.",
            &["affiliation rasool iraq"],
        ),
        (
            "— spokesman for Iraq, Yehia Rasool, spoke.",
            &["affiliation rasool iraq"],
        ),
        ("Yehia Rasool thanked the spokesman for Iraq.", &[]),
        ("Yehia Rasool said the spokesman for Iraq left.", &[]),
    ];
    assert_table(&f, cases);
}

/// "attacked" between two persons is criticism (`between_persons` in the lexicon); with a
/// state on either side it stays an attack.
#[test]
fn attacked_between_two_persons_is_criticism() {
    let f = fixture(None);
    let cases: &[(&str, &[&str])] = &[
        (
            "Joe Biden attacked Donald Trump.",
            &["criticize joe_biden donald_trump"],
        ),
        ("Joe Biden attacked Iran.", &["attack joe_biden iran"]),
        ("Iran attacked Donald Trump.", &["attack iran donald_trump"]),
    ];
    assert_table(&f, cases);
}

/// The examples the issue names, with the default gazetteer.
#[test]
fn seed_examples_from_the_issue() {
    let f = fixture(None);
    /// (type, source, target, negated, planned)
    type Want = (&'static str, &'static str, &'static str, bool, bool);
    let cases: &[(&str, &[Want])] = &[
        (
            "Iraq also denounced a US airstrike that claimed the life of a senior commander of Kataib Hezbollah, an Iraqi government institution.",
            &[
                ("criticize", "iraq", "united_states", false, false),
                ("attack", "united_states", "kataib_hezbollah", false, false),
            ],
        ),
        (
            "The government of Iraq on Thursday is set to resume discussions, as per a statement issued by the military spokesman for the Iraqi prime minister, General Yehia Rasool.",
            &[("affiliation", "rasool", "sudani", false, false)],
        ),
        (
            "Commander of the Combined Task Force – Operation Inherent Resolve, Major Gen. JB Vowell, likewise confirmed that talks to discuss the withdrawal of US troops are scheduled to be held on Sunday.",
            &[("affiliation", "vowell", "cjtf_oir", false, false)],
        ),
        (
            "Vowell confirmed that talks between Iraq and the United States are scheduled to be held on Sunday.",
            &[("meet", "iraq", "united_states", false, true)],
        ),
        (
            "Vowell, who commands CJTF-OIR, met Rasool.",
            &[("meet", "rasool", "vowell", false, false)],
        ),
        (
            "Rasool said the US attacked Kataib Hezbollah.",
            &[("attack", "united_states", "kataib_hezbollah", false, false)],
        ),
    ];
    for (text, want) in cases {
        let got = relations(&f, text);
        let want: Vec<Key> = want
            .iter()
            .map(|(t, s, d, n, p)| (t.to_string(), s.to_string(), d.to_string(), *n, *p))
            .collect();
        assert_eq!(got, want, "{text}");
    }
}

#[test]
fn spans_slice_the_text_and_symmetric_pairs_are_ordered() {
    let f = fixture(None);
    let text = "Intro line.\n\nVowell, who commands CJTF-OIR, met Rasool. Sudani and Lloyd Austin held talks with Jordan.";
    let a = analyze(
        text,
        Some(seed_date()),
        &f.t,
        LineBreaks::Auto,
        &mut Scratch::default(),
    );
    let rs = relation::extract(text, &a, &f.g, &f.lex);
    assert_eq!(rs.len(), 3, "{rs:?}");
    for r in &rs {
        assert_ne!(r.source, r.target);
        let surface = |s: relation::Span| &text[s.start..s.end];
        assert_eq!(f.g.by_id(&f.g.actor(r.source).id), Some(r.source));
        let tagged: Vec<(usize, usize)> = a
            .mentions
            .iter()
            .map(|p| (p.mention.start, p.mention.end))
            .collect();
        assert!(tagged.contains(&(r.source_span.start, r.source_span.end)));
        assert!(tagged.contains(&(r.target_span.start, r.target_span.end)));
        assert!(!surface(r.cue).is_empty());
        if f.lex.types()[r.kind as usize].symmetric {
            assert!(f.g.actor(r.source).id < f.g.actor(r.target).id);
        }
    }
    let cues: Vec<&str> = rs.iter().map(|r| &text[r.cue.start..r.cue.end]).collect();
    assert_eq!(cues, ["met", "held talks", "held talks"]);
}

#[test]
fn relations_command_writes_sorted_jsonl_with_the_documented_fields() {
    let r = run_in(&root(), &["relations", "seeds/"]);
    assert_eq!(r.status, 0, "{}", r.stderr);
    let seeds: BTreeMap<String, String> = fs::read_dir(root().join("seeds"))
        .unwrap()
        .map(|e| {
            let p = e.unwrap().path();
            (
                p.file_name().unwrap().to_string_lossy().into_owned(),
                fs::read_to_string(&p).unwrap(),
            )
        })
        .collect();
    let mut last: Option<(String, u64)> = None;
    let mut lines = 0;
    for line in r.stdout.lines() {
        lines += 1;
        let v: serde_json::Value = serde_json::from_str(line).unwrap();
        // The fields, in the documented order.
        let fields = [
            "doc",
            "sentence",
            "relation",
            "source",
            "target",
            "negated",
            "modality",
            "role",
            "cue",
            "cue_start",
            "cue_end",
            "source_start",
            "source_end",
            "target_start",
            "target_end",
            "source_role",
            "target_role",
        ];
        assert_eq!(v.as_object().unwrap().len(), fields.len());
        let at: Vec<usize> = fields
            .iter()
            .map(|f| line.find(&format!("\"{f}\":")).unwrap())
            .collect();
        assert!(at.windows(2).all(|w| w[0] < w[1]), "field order: {line}");
        let doc = v["doc"].as_str().unwrap().to_owned();
        let text = seeds
            .iter()
            .find(|(k, _)| k.starts_with(&doc))
            .map(|(_, t)| t)
            .unwrap();
        let at = |k: &str| v[k].as_u64().unwrap() as usize;
        assert_eq!(
            &text[at("cue_start")..at("cue_end")],
            v["cue"].as_str().unwrap()
        );
        assert!(at("source_end") <= text.len() && at("target_end") <= text.len());
        assert_eq!(v["role"].is_null(), v["relation"] != "affiliation");
        let key = (doc, at("cue_start") as u64);
        if let Some(prev) = &last {
            assert!(prev <= &key, "not sorted: {prev:?} then {key:?}");
        }
        last = Some(key);
    }
    assert!(lines >= 5, "{}", r.stdout);
    // The values, not only the fields: modality and negation as the README shows them.
    let rows: BTreeSet<String> = r
        .stdout
        .lines()
        .map(|l| {
            let v: serde_json::Value = serde_json::from_str(l).unwrap();
            let s = |k: &str| v[k].to_string().trim_matches('"').to_owned();
            ["relation", "source", "target", "negated", "modality", "cue"]
                .map(s)
                .join(" ")
        })
        .collect();
    for want in [
        "meet iraq united_states false planned discussions",
        "meet iraq united_states false fact talks",
        "attack united_states qassem_soleimani false fact killed",
    ] {
        assert!(rows.contains(want), "{want}: {rows:#?}");
    }
    let denied = util::run_with_stdin(
        &root(),
        &["relations", "-"],
        Some(b"Vowell did not meet Rasool.\n"),
    );
    let v: serde_json::Value = serde_json::from_str(denied.stdout.trim()).unwrap();
    assert_eq!(
        (v["negated"].as_bool(), v["modality"].as_str()),
        (Some(true), Some("fact"))
    );
    let tsv = run_in(
        &root(),
        &["relations", "seeds/", "--format", "tsv", "--threads", "1"],
    );
    assert_eq!(tsv.status, 0, "{}", tsv.stderr);
    assert!(tsv
        .stdout
        .starts_with("doc\tsentence\trelation\tsource\ttarget\tnegated\tmodality\trole\tcue\t"));
    assert_eq!(tsv.stdout.lines().count(), lines + 1);
    let again = run_in(&root(), &["relations", "seeds/", "--threads", "3"]);
    assert_eq!(again.stdout, r.stdout, "output depends on the thread count");
}

/// `source_role` / `target_role` name the gazetteer role an argument was resolved from, on the
/// document's date (issue 13), in JSON Lines and TSV; plain names and unresolved roles give
/// none. Evidence of typed edges carries the same marks.
#[test]
fn role_marks_name_the_role_an_argument_was_resolved_from() {
    // (name, date, text, expected "relation source target source_role target_role" lines)
    let cases: &[(&str, &str, &str, &[&str])] = &[
        (
            "role as target",
            "2024-02-11",
            "Lloyd Austin met the Iraqi prime minister in Baghdad.",
            &["meet lloyd_austin sudani - iraq_pm"],
        ),
        (
            "same words, another holder",
            "2019-06-01",
            "Lloyd Austin met the Iraqi prime minister in Baghdad.",
            &["meet abdul_mahdi lloyd_austin iraq_pm -"],
        ),
        (
            "both roles, directed",
            "2024-02-11",
            "The US Secretary of Defense criticized the Iraqi prime minister.",
            &["criticize lloyd_austin sudani us_secdef iraq_pm"],
        ),
        (
            "names only",
            "2024-02-11",
            "Lloyd Austin met Sudani in Baghdad.",
            &["meet lloyd_austin sudani - -"],
        ),
        (
            "no holder that day: no mention, no relation",
            "2010-01-01",
            "Lloyd Austin met the Iraqi prime minister in Baghdad.",
            &[],
        ),
    ];
    let dir = tempdir();
    for (name, date, text, want) in cases {
        let doc = serde_json::json!({"id": "d", "date": date, "text": text});
        fs::write(dir.path().join("in.jsonl"), format!("{doc}\n")).unwrap();
        let r = run_in(dir.path(), &["relations", "in.jsonl"]);
        assert_eq!(r.status, 0, "{name}: {}", r.stderr);
        let got: Vec<String> = r
            .stdout
            .lines()
            .map(|l| {
                let v: serde_json::Value = serde_json::from_str(l).unwrap();
                let s = |k: &str| v[k].as_str().unwrap_or("-").to_owned();
                ["relation", "source", "target", "source_role", "target_role"]
                    .map(s)
                    .join(" ")
            })
            .collect();
        assert_eq!(got, *want, "{name}");
        // TSV: the same marks in the last two columns, empty for none.
        let t = run_in(dir.path(), &["relations", "in.jsonl", "--format", "tsv"]);
        let rows: Vec<String> = t
            .stdout
            .lines()
            .skip(1)
            .map(|l| {
                let cols: Vec<&str> = l.split('\t').collect();
                assert_eq!(cols.len(), 17, "{name}: {l}");
                format!("{} {}", cols[15], cols[16])
            })
            .collect();
        let want_tsv: Vec<String> = want
            .iter()
            .map(|w| {
                let p: Vec<&str> = w.split(' ').collect();
                format!("{} {}", p[3], p[4]).replace('-', "")
            })
            .collect();
        assert_eq!(rows, want_tsv, "{name}: tsv");
        // Evidence of the typed edge marks the same roles.
        if want.is_empty() {
            continue;
        }
        let b = run_in(dir.path(), &["build", "in.jsonl", "--edges", "relations"]);
        assert_eq!(b.status, 0, "{name}: {}", b.stderr);
        let g: serde_json::Value = serde_json::from_str(&b.stdout).unwrap();
        let marks: Vec<String> = g["edges"]
            .as_array()
            .unwrap()
            .iter()
            .map(|e| {
                let ev = &e["evidence"][0];
                let s = |k: &str| ev[k].as_str().unwrap_or("-").to_owned();
                format!(
                    "{} {} {} {} {}",
                    e["kind"].as_str().unwrap(),
                    e["source"].as_str().unwrap(),
                    e["target"].as_str().unwrap(),
                    s("source_role"),
                    s("target_role")
                )
            })
            .collect();
        assert_eq!(marks, *want, "{name}: evidence");
    }
}

#[test]
fn relations_command_reports_a_bad_lexicon_with_its_location() {
    let dir = tempdir();
    let cases: &[(&str, &str)] = &[
        (
            "{\"types\": [\n  {\"type\": \"meet\", \"direction\": \"sideways\", \"cues\": []}]}",
            "bad.json:2:33: direction \"sideways\" is unknown",
        ),
        ("{\"types\": [}", "bad.json:1:12: "),
    ];
    for (json, want) in cases {
        fs::write(dir.path().join("bad.json"), json).unwrap();
        let out = dir.path().join("out.jsonl");
        let r = run_in(
            dir.path(),
            &[
                "relations",
                &root().join("seeds").to_string_lossy(),
                "--lexicon",
                "bad.json",
                "-o",
                "out.jsonl",
            ],
        );
        assert_eq!(r.status, 2);
        assert!(r.stderr.contains(want), "{}", r.stderr);
        assert!(!out.exists(), "no half-written output");
    }
}
