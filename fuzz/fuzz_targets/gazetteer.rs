//! Any bytes as a gazetteer file: an error or a gazetteer that compiles, never a panic; every
//! error names the file with a line and column.
#![no_main]

use actorgraph::gazetteer::{Gazetteer, Source};
use actorgraph::tagger::Tagger;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    match Gazetteer::from_sources(&[Source { name: "f.json", bytes: data }]) {
        Ok((g, _)) => {
            let t = Tagger::new(&g).expect("a valid gazetteer compiles");
            // Tag the file's own text: aliases must find themselves without panicking.
            let _ = t.tag(&String::from_utf8_lossy(data));
        }
        Err(e) => {
            let msg = e.to_string();
            assert!(msg.starts_with("f.json:"), "{msg}");
        }
    }
});
