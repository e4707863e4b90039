//! Sentence splitting in all three line-break modes: sentences tile the text exactly, are
//! non-empty, and paragraphs never decrease.
#![no_main]

use actorgraph::sentence::{split, LineBreaks};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    for mode in [LineBreaks::Auto, LineBreaks::Paragraph, LineBreaks::Space] {
        let s = split(&text, &[], mode);
        if text.is_empty() {
            assert!(s.is_empty());
            continue;
        }
        assert_eq!(s.first().unwrap().start, 0);
        assert_eq!(s.last().unwrap().end, text.len());
        for w in s.windows(2) {
            assert_eq!(w[0].end, w[1].start);
            assert!(w[0].start < w[0].end);
            assert!(w[0].paragraph <= w[1].paragraph);
        }
    }
});
