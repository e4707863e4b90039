//! Prints the sentences of a text file, one per line with paragraph and byte range, and the
//! mentions found in each: the quickest way to check the splitter on new copy.
//!
//! `cargo run --example sentences -- FILE`

use actorgraph::analysis::analyze;
use actorgraph::gazetteer::Gazetteer;
use actorgraph::sentence::LineBreaks;
use actorgraph::tagger::{Scratch, Tagger};

fn main() {
    let path = std::env::args().nth(1).expect("usage: sentences FILE");
    let text = std::fs::read_to_string(&path).expect("readable UTF-8 file");
    let g = Gazetteer::embedded();
    let t = Tagger::new(&g).expect("gazetteer compiles");
    let a = analyze(&text, None, &t, LineBreaks::Auto, &mut Scratch::default());
    for (i, s) in a.sentences.iter().enumerate() {
        let actors: Vec<&str> = a
            .mentions
            .iter()
            .filter(|m| m.sentence as usize == i)
            .map(|m| g.actor(m.mention.actor).id.as_str())
            .collect();
        println!("[{i} p{}] {} {:?}", s.paragraph, s.text(&text), actors);
    }
}
