//! Any bytes as a JSON Lines corpus read from a file: documents or a file:line error, never a
//! panic.
#![no_main]

use actorgraph::input::{Corpus, Diagnostics, Input, ReadOptions};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let dir = std::env::temp_dir().join(format!("ag-fuzz-{}", std::process::id()));
    let _ = std::fs::create_dir_all(&dir);
    let path = dir.join("c.jsonl");
    std::fs::write(&path, data).unwrap();
    for skip in [false, true] {
        let inputs = [Input::Path(path.clone())];
        let opts = ReadOptions { skip_bad_lines: skip, ..ReadOptions::default() };
        let mut diag = Diagnostics::default();
        let mut n = 0;
        let r = Corpus::new(&inputs, opts).for_each_batch(&mut diag, |b| {
            n += b.len();
            Ok(())
        });
        match r {
            Ok(()) => assert_eq!(n, diag.documents),
            Err(e) => assert!(!skip && e.to_string().contains("c.jsonl:"), "{e}"),
        }
    }
});
