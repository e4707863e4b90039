//! Prints each sentence of text files that names two actors, with the relations extracted
//! from it: the quickest way to see what the rules make of new copy while annotating.
//!
//! `cargo run --example relations_dump -- FILE... [-g GAZETTEER.json]`
//! Dates: role phrases resolve on 2024-02-11 (the seeds' month).

use std::collections::BTreeSet;

use actorgraph::analysis::analyze;
use actorgraph::gazetteer::Gazetteer;
use actorgraph::relation::{self, Lexicon};
use actorgraph::sentence::LineBreaks;
use actorgraph::tagger::{Scratch, Tagger};

fn main() {
    let mut args: Vec<String> = std::env::args().skip(1).collect();
    let g = match args.iter().position(|a| a == "-g") {
        Some(i) => {
            let path = args.remove(i + 1);
            args.remove(i);
            Gazetteer::load_files(&[path]).expect("gazetteer loads").0
        }
        None => Gazetteer::embedded(),
    };
    assert!(
        !args.is_empty(),
        "usage: relations_dump FILE... [-g GAZETTEER.json]"
    );
    let t = Tagger::new(&g).expect("gazetteer compiles");
    let lex = Lexicon::embedded();
    let date = chrono::NaiveDate::from_ymd_opt(2024, 2, 11);
    for p in &args {
        let text = std::fs::read_to_string(p).expect("readable UTF-8 file");
        let a = analyze(&text, date, &t, LineBreaks::Auto, &mut Scratch::default());
        let rs = relation::extract(&text, &a, &g, &lex);
        for (si, s) in a.sentences.iter().enumerate() {
            let actors: BTreeSet<u32> = a
                .mentions
                .iter()
                .filter(|m| m.sentence as usize == si)
                .map(|m| m.mention.actor)
                .collect();
            if actors.len() < 2 {
                continue;
            }
            println!("{}", s.text(&text).replace('\n', " "));
            let found: Vec<String> = rs
                .iter()
                .filter(|r| r.sentence as usize == si)
                .map(|r| r.describe(&g, &lex))
                .collect();
            if found.is_empty() {
                println!("  -");
            }
            for f in found {
                println!("  {f}");
            }
        }
    }
}
