//! "Linear time" as a bound on counted work, never on wall time: the splitter, the tagger and
//! the analysis of a text eight times longer may allocate at most about eight times as often and
//! as much, and find exactly eight times the sentences and mentions. Allocations are counted
//! per thread by a wrapping global allocator. (This VM has no hardware instruction counter:
//! `perf_event_open` fails with ENOENT, so allocations are the operation count we can take;
//! a quadratic loop that never allocates would pass, which docs/testing.md says.)

use std::alloc::{GlobalAlloc, Layout, System};
use std::cell::Cell;

use actorgraph::analysis::analyze;
use actorgraph::gazetteer::Gazetteer;
use actorgraph::sentence::{split, LineBreaks};
use actorgraph::tagger::{Scratch, Tagger};

struct Counting;

thread_local! {
    static CALLS: Cell<u64> = const { Cell::new(0) };
    static BYTES: Cell<u64> = const { Cell::new(0) };
}

fn count(bytes: usize) {
    // try_with: nothing to count while the thread's locals are being torn down.
    let _ = CALLS.try_with(|c| c.set(c.get() + 1));
    let _ = BYTES.try_with(|b| b.set(b.get() + bytes as u64));
}

unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        count(layout.size());
        unsafe { System.alloc(layout) }
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        unsafe { System.dealloc(ptr, layout) }
    }
    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        count(new_size);
        unsafe { System.realloc(ptr, layout, new_size) }
    }
}

#[global_allocator]
static ALLOCATOR: Counting = Counting;

/// (allocations, bytes allocated, items found) while running `f`.
fn measure(f: impl FnOnce() -> usize) -> (u64, u64, usize) {
    let (c0, b0) = (CALLS.with(Cell::get), BYTES.with(Cell::get));
    let items = f();
    (
        CALLS.with(Cell::get) - c0,
        BYTES.with(Cell::get) - b0,
        items,
    )
}

const SCALE: usize = 8;

#[test]
fn work_grows_linearly_with_the_text() {
    let g = Gazetteer::embedded();
    let tagger = Tagger::new(&g).unwrap();
    // (name, repeated unit, repetitions of the small input, sentences per unit, mentions per unit)
    let cases: &[(&str, &str, usize)] = &[
        ("dots", "a. ", 20_000),
        ("one long word", "a", 200_000),
        ("consecutive mentions", "Sudani ", 20_000),
        (
            "news copy",
            "Maj. Gen. JB Vowell met Al-Sudani in Baghdad. Kataib Hezbollah was not invited.\n\n",
            2_000,
        ),
        ("abbreviations", "U.S. Mr. Dr. ", 20_000),
    ];
    for (name, unit, n) in cases {
        let small = unit.repeat(*n);
        let large = unit.repeat(n * SCALE);
        type Step<'a> = (&'a str, Box<dyn Fn(&str) -> usize + 'a>);
        let steps: Vec<Step> = vec![
            (
                "split",
                Box::new(|t: &str| split(t, &[], LineBreaks::Auto).len()),
            ),
            ("tag", Box::new(|t: &str| tagger.tag(t).len())),
            (
                "analyze",
                Box::new(|t: &str| {
                    let a = analyze(t, None, &tagger, LineBreaks::Auto, &mut Scratch::default());
                    a.mentions.len()
                }),
            ),
        ];
        for (step, f) in &steps {
            let (c1, b1, i1) = measure(|| f(&small));
            let (c8, b8, i8) = measure(|| f(&large));
            let s = SCALE as u64;
            // Output: exactly proportional, or one item (the whole text is one sentence).
            let want = if i1 <= 1 { i1 } else { i1 * SCALE };
            assert_eq!(i8, want, "{name}/{step}: items {i1} then {i8}");
            assert!(c1 > 0 && b1 > 0, "{name}/{step}: nothing counted");
            // Work: at most proportional, with slack for doubling growth and fixed set-up.
            assert!(
                c8 <= c1 * s + 64,
                "{name}/{step}: {c1} then {c8} allocations"
            );
            assert!(
                b8 <= (b1 * s) * 5 / 4 + (1 << 16),
                "{name}/{step}: {b1} then {b8} bytes"
            );
        }
    }
}

#[test]
fn the_automaton_reports_a_plausible_memory_size() {
    // `--verbose` prints it; a value of 0 or 1 (or a runaway) would mislead the reader.
    let g = Gazetteer::embedded();
    let bytes = Tagger::new(&g).unwrap().memory_usage();
    assert!((1 << 10..1 << 26).contains(&bytes), "{bytes} bytes");
}
