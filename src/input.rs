//! Reading the corpus: files, directories, JSON Lines, CSV, gzip, standard input and the
//! embedded seeds.
//!
//! Inputs are expanded to a sorted, de-duplicated list of files, so the same inputs in any
//! order give the same document sequence. Documents are streamed to the caller in batches; a
//! JSON Lines file is read line by line and never held whole. Policies for bad input (invalid
//! UTF-8, BOMs, NUL bytes, unreadable files) are in `docs/robustness.md`; field mapping, CSV,
//! gzip, dates and the metadata sidecar in `docs/inputs.md`.

use std::collections::HashMap;
use std::fs::File;
use std::io::{BufRead, BufReader, Read};
use std::path::{Path, PathBuf};

use chrono::NaiveDate;

use crate::error::{Error, Result};
pub use crate::fields::{parse_date, Fields};
use crate::sidecar::Sidecars;
use crate::warning::{Warning, WarningKind};

/// The embedded default corpus: the five sample articles in `seeds/`.
pub const SEEDS: &[(&str, &str)] = &[
    (
        "000_ae98878f160676b2",
        include_str!("../seeds/000_ae98878f160676b2.txt"),
    ),
    (
        "001_4fb25f17430b9f0d",
        include_str!("../seeds/001_4fb25f17430b9f0d.txt"),
    ),
    (
        "002_827145012a725ffb",
        include_str!("../seeds/002_827145012a725ffb.txt"),
    ),
    (
        "003_271136f8d8445659",
        include_str!("../seeds/003_271136f8d8445659.txt"),
    ),
    (
        "004_1934250a859a8e87",
        include_str!("../seeds/004_1934250a859a8e87.txt"),
    ),
];

/// One document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Document {
    /// Document id: the file stem for `.txt`, the `id` field for JSON Lines.
    pub id: String,
    /// The text; every offset the crate reports is a byte offset into it.
    pub text: String,
    /// Publication date, when known.
    pub date: Option<NaiveDate>,
    /// The title (from a record or a sidecar). When the text starts with it, it is the
    /// headline; the readers put it there (`docs/inputs.md`).
    pub title: Option<String>,
    /// Optional metadata from JSON Lines.
    pub url: Option<String>,
    /// Optional metadata from JSON Lines.
    pub source: Option<String>,
}

impl Document {
    /// A document with only an id and a text.
    pub fn new(id: impl Into<String>, text: impl Into<String>) -> Document {
        Document {
            id: id.into(),
            text: text.into(),
            date: None,
            title: None,
            url: None,
            source: None,
        }
    }

    /// Where the title ends in the text, when the text starts with the title.
    pub fn title_end(&self) -> Option<usize> {
        let t = self.title.as_deref()?.trim();
        (!t.is_empty() && self.text.starts_with(t)).then_some(t.len())
    }
}

/// One command-line input.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Input {
    /// A file or a directory (walked recursively for the kinds of `docs/inputs.md`).
    Path(PathBuf),
    /// Standard input (`-`): JSON if it starts with `{` or `[` (records one per line, one
    /// record, or an array of records), else one text document.
    Stdin,
    /// The embedded seeds.
    Seeds,
}

/// How to read inputs.
#[derive(Debug, Clone, Default)]
pub struct ReadOptions {
    /// Skip malformed records (JSON Lines, JSON, CSV; counted) instead of failing.
    pub skip_bad_lines: bool,
    /// Read files with NUL bytes found while walking, instead of skipping them.
    pub force_text: bool,
    /// Leave repeated document ids as they are (counting reports them, see
    /// `docs/architecture.md`) instead of renaming the repeats `ID#2`, `ID#3`, ...
    pub keep_duplicate_ids: bool,
    /// Which record fields hold the id, text, title, date, url and source.
    pub fields: Fields,
    /// Date given to documents that have none (`--date`).
    pub default_date: Option<NaiveDate>,
}

/// What reading found that did not stop it.
#[derive(Debug, Default)]
pub struct Diagnostics {
    /// Warnings, in the order found.
    pub warnings: Vec<Warning>,
    /// Inputs that could not be read at all (the run still succeeds, with exit status 1).
    pub failed_inputs: usize,
    /// Malformed records skipped with `--skip-bad-lines`.
    pub skipped_lines: usize,
    /// Documents read.
    pub documents: usize,
    /// Bytes of document text read.
    pub bytes: u64,
    /// Documents without a date (after `--date` and sidecars).
    pub undated: usize,
    /// Earliest and latest document date seen.
    pub date_range: Option<(NaiveDate, NaiveDate)>,
}

impl Diagnostics {
    fn warn(
        &mut self,
        kind: WarningKind,
        path: &dyn std::fmt::Display,
        line: Option<u64>,
        message: String,
    ) {
        self.warnings
            .push(Warning::new(kind, Some(path.to_string()), line, message));
    }
}

/// A progress callback, called with the running counts after every batch (on the reading
/// thread, so it must be `Send`).
type Progress<'a> = Box<dyn FnMut(&Diagnostics) + Send + 'a>;

/// Streams the documents of `inputs` in batches of about `batch_bytes` of text.
pub struct Corpus<'a> {
    inputs: &'a [Input],
    options: ReadOptions,
    batch_bytes: usize,
    progress: Option<Progress<'a>>,
}

impl<'a> Corpus<'a> {
    /// A reader over `inputs`.
    pub fn new(inputs: &'a [Input], options: ReadOptions) -> Corpus<'a> {
        Corpus {
            inputs,
            options,
            batch_bytes: 4 << 20,
            progress: None,
        }
    }

    /// Calls `f` with the running counts after every batch (for a progress bar).
    pub fn on_progress(mut self, f: impl FnMut(&Diagnostics) + Send + 'a) -> Self {
        self.progress = Some(Box::new(f));
        self
    }

    /// Total size in bytes of the input files (directories walked, stdin not counted), for a
    /// progress bar's length.
    pub fn total_bytes(&self) -> u64 {
        let mut scratch = Diagnostics::default();
        expand(self.inputs, &mut scratch)
            .iter()
            .map(|s| match s {
                Source::File { path, .. } => std::fs::metadata(path).map_or(0, |m| m.len()),
                Source::Seeds => SEEDS.iter().map(|(_, t)| t.len() as u64).sum(),
                Source::Stdin => 0,
            })
            .sum()
    }

    /// Sets the approximate amount of text per batch.
    pub fn batch_bytes(mut self, n: usize) -> Self {
        self.batch_bytes = n.max(1);
        self
    }

    /// Reads every document, calling `f` with batches in corpus order.
    ///
    /// With more than one rayon thread, the next batch is read and parsed on a thread of its
    /// own while `f` works on this one (reading is sequential: without this, every other core
    /// waits for it). Batches still reach `f` in corpus order, one at a time, so the results
    /// are the same; at most three batches are in memory (one in `f`, one queued, one being
    /// read). With one thread, reading and `f` take turns.
    pub fn for_each_batch<F>(self, diag: &mut Diagnostics, mut f: F) -> Result<()>
    where
        F: FnMut(Vec<Document>) -> Result<()>,
    {
        if rayon::current_num_threads() < 2 {
            return self.read_batches(diag, f);
        }
        let (queue, batches) = std::sync::mpsc::sync_channel::<Vec<Document>>(1);
        std::thread::scope(|s| {
            let reader = s.spawn(move || {
                self.read_batches(diag, |batch| {
                    // The receiver is gone only when `f` failed: stop reading (the error
                    // returned is `f`'s).
                    queue
                        .send(batch)
                        .map_err(|_| Error::Usage("reading stopped".into()))
                })
            });
            let consumed = batches.iter().try_for_each(&mut f);
            drop(batches);
            let read = reader.join().expect("the reading thread does not panic");
            consumed.and(read)
        })
    }

    /// Reads every document on this thread, calling `f` with batches in corpus order.
    fn read_batches<F>(mut self, diag: &mut Diagnostics, mut f: F) -> Result<()>
    where
        F: FnMut(Vec<Document>) -> Result<()>,
    {
        let mut progress = self.progress.take();
        let mut out = Batcher {
            batch: Vec::new(),
            size: 0,
            limit: self.batch_bytes,
            seen_ids: HashMap::default(),
            keep_ids: self.options.keep_duplicate_ids,
            default_date: self.options.default_date,
            f: |batch: Vec<Document>, diag: &Diagnostics| {
                f(batch)?;
                if let Some(p) = progress.as_mut() {
                    p(diag);
                }
                Ok(())
            },
        };
        let mut sidecars = Sidecars::default();
        for source in expand(self.inputs, diag) {
            match source {
                Source::Seeds => {
                    let meta = crate::sidecar::seeds();
                    for (id, text) in SEEDS {
                        let mut doc = Document::new(*id, *text);
                        meta.apply(&format!("{id}.txt"), &mut doc);
                        out.push(doc, diag)?;
                    }
                }
                Source::Stdin => read_stdin(&self.options, diag, &mut out)?,
                Source::File { path, walked } => {
                    read_file(&path, walked, &self.options, &mut sidecars, diag, &mut out)?
                }
            }
        }
        out.finish(diag)
    }
}

/// Collects documents into batches and hands them on.
struct Batcher<F> {
    batch: Vec<Document>,
    size: usize,
    limit: usize,
    /// How often each document id was seen, to tell duplicates apart, keyed by a 64-bit
    /// hash of the id: ~16 bytes per document instead of the id itself. Two different ids
    /// share a hash with probability ~n²/2⁶⁵ (3·10⁻⁶ for 10 million documents); the only
    /// effect would be a needless `#2` suffix, with a warning.
    seen_ids: HashMap<u64, u32, rustc_hash::FxBuildHasher>,
    keep_ids: bool,
    default_date: Option<NaiveDate>,
    f: F,
}

impl<F: FnMut(Vec<Document>, &Diagnostics) -> Result<()>> Batcher<F> {
    fn push(&mut self, mut doc: Document, diag: &mut Diagnostics) -> Result<()> {
        if !self.keep_ids {
            let n = self.seen_ids.entry(id_hash(&doc.id)).or_insert(0);
            *n += 1;
            if *n > 1 {
                let new_id = format!("{}#{}", doc.id, n);
                diag.warnings.push(Warning::general(
                    WarningKind::DuplicateId,
                    format!(
                        "document id \"{}\" appears more than once; this one is kept as \"{new_id}\"",
                        doc.id
                    ),
                ));
                doc.id = new_id;
            }
        }
        if doc.date.is_none() {
            doc.date = self.default_date;
        }
        match (doc.date, &mut diag.date_range) {
            (None, _) => diag.undated += 1,
            (Some(d), Some((first, last))) => {
                *first = (*first).min(d);
                *last = (*last).max(d);
            }
            (Some(d), range) => *range = Some((d, d)),
        }
        diag.documents += 1;
        diag.bytes += doc.text.len() as u64;
        self.size += doc.text.len() + 64;
        self.batch.push(doc);
        if self.size >= self.limit {
            self.size = 0;
            (self.f)(std::mem::take(&mut self.batch), diag)?;
        }
        Ok(())
    }

    fn finish(mut self, diag: &Diagnostics) -> Result<()> {
        if self.batch.is_empty() {
            return Ok(());
        }
        (self.f)(std::mem::take(&mut self.batch), diag)
    }
}

/// A stable 64-bit hash of a document id (FNV-1a, then a SplitMix64 finaliser to spread it).
pub fn id_hash(id: &str) -> u64 {
    let mut h = id.bytes().fold(0xcbf29ce484222325u64, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(0x100000001b3)
    });
    h ^= h >> 30;
    h = h.wrapping_mul(0xbf58476d1ce4e5b9);
    h ^= h >> 27;
    h = h.wrapping_mul(0x94d049bb133111eb);
    h ^ (h >> 31)
}

enum Source {
    Seeds,
    Stdin,
    File { path: PathBuf, walked: bool },
}

/// Expands inputs into a sorted, de-duplicated list of sources. Problems with an input
/// (missing, dangling symlink, loop) are warnings that count as failed inputs.
fn expand(inputs: &[Input], diag: &mut Diagnostics) -> Vec<Source> {
    let mut files: Vec<(PathBuf, bool)> = Vec::new();
    let mut stdin = false;
    let mut seeds = false;
    for input in inputs {
        match input {
            Input::Seeds => seeds = true,
            Input::Stdin => stdin = true,
            Input::Path(p) => match std::fs::metadata(p) {
                Err(e) => {
                    diag.failed_inputs += 1;
                    diag.warn(
                        WarningKind::UnreadableInput,
                        &p.display(),
                        None,
                        format!("cannot read: {e}"),
                    );
                }
                Ok(m) if m.is_dir() => walk(p, &mut files, diag),
                // The sidecar is metadata for the files beside it, not a document (a glob
                // such as `seeds/*` names it too).
                Ok(_) if p.file_name().is_some_and(|n| n == crate::sidecar::SIDECAR) => {}
                Ok(_) => files.push((p.clone(), false)),
            },
        }
    }
    files.sort();
    files.dedup_by(|a, b| a.0 == b.0);
    let mut out = Vec::new();
    if seeds {
        out.push(Source::Seeds);
    }
    if stdin {
        out.push(Source::Stdin);
    }
    out.extend(
        files
            .into_iter()
            .map(|(path, walked)| Source::File { path, walked }),
    );
    out
}

fn walk(dir: &Path, files: &mut Vec<(PathBuf, bool)>, diag: &mut Diagnostics) {
    for entry in walkdir::WalkDir::new(dir)
        .follow_links(true)
        .sort_by_file_name()
    {
        match entry {
            Err(e) => {
                diag.failed_inputs += 1;
                let at = e
                    .path()
                    .map_or_else(|| dir.display().to_string(), |p| p.display().to_string());
                let why = match e.loop_ancestor() {
                    Some(a) => format!("symbolic link loop back to {}", a.display()),
                    None => e
                        .io_error()
                        .map_or_else(|| e.to_string(), |io| io.to_string()),
                };
                diag.warn(
                    WarningKind::UnreadableInput,
                    &at,
                    None,
                    format!("cannot read: {why}"),
                );
            }
            Ok(entry) => {
                let p = entry.path();
                let sidecar = p.file_name().is_some_and(|n| n == crate::sidecar::SIDECAR);
                let wanted = Kind::of(p).is_some() && !sidecar;
                if !wanted || entry.file_type().is_dir() {
                    continue;
                }
                if !entry.file_type().is_file() {
                    diag.failed_inputs += 1;
                    diag.warn(
                        WarningKind::UnreadableInput,
                        &p.display(),
                        None,
                        "not a regular file".into(),
                    );
                    continue;
                }
                files.push((p.to_path_buf(), true));
            }
        }
    }
}

fn read_stdin<F>(opts: &ReadOptions, diag: &mut Diagnostics, out: &mut Batcher<F>) -> Result<()>
where
    F: FnMut(Vec<Document>, &Diagnostics) -> Result<()>,
{
    // Read once and kept, so that a first pass (duplicates, repeated lines) and the analysis
    // see the same bytes.
    static STDIN: std::sync::OnceLock<Vec<u8>> = std::sync::OnceLock::new();
    let bytes = match STDIN.get() {
        Some(b) => b,
        None => {
            let mut bytes = Vec::new();
            std::io::stdin()
                .read_to_end(&mut bytes)
                .map_err(|e| Error::io("<stdin>", e))?;
            STDIN.get_or_init(|| bytes)
        }
    };
    let stdin = Path::new("<stdin>");
    if let Some(own) = Own::of(bytes) {
        return own.given(stdin, false, diag);
    }
    let first = bytes.iter().find(|b| !b.is_ascii_whitespace());
    if matches!(first, Some(b'{' | b'[')) {
        // A record on the first line makes standard input JSON Lines, as it always was.
        let json = Json {
            one_id: "stdin",
            lines_first: true,
            walked: false,
        };
        read_json(stdin, json, &bytes[..], opts, diag, out)
    } else {
        let text = decode(bytes, "<stdin>", diag);
        out.push(Document::new("stdin", text), diag)
    }
}

/// What a file holds, from its name (`.gz` is looked through).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Text,
    Jsonl,
    /// `.json`: records one per line, one record, or an array of records ([`read_json`]).
    Json,
    Csv,
    /// `.tsv`: CSV with tabs.
    Tsv,
}

/// How a file is compressed, from its last extension.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Compression {
    None,
    /// `.gz` (multi-member files too).
    Gzip,
    /// `.zst` (several frames too, as `pzstd` writes them).
    Zstd,
}

impl Compression {
    /// The compression of a file name, and the name without its extension.
    fn of(name: &str) -> (Compression, &str) {
        if let Some(n) = name.strip_suffix(".gz") {
            (Compression::Gzip, n)
        } else if let Some(n) = name.strip_suffix(".zst") {
            (Compression::Zstd, n)
        } else {
            (Compression::None, name)
        }
    }

    /// The decompressed bytes of `file`.
    fn reader(self, file: File) -> std::io::Result<Box<dyn Read>> {
        Ok(match self {
            Compression::None => Box::new(file),
            Compression::Gzip => Box::new(flate2::read::MultiGzDecoder::new(file)),
            Compression::Zstd => Box::new(zstd::stream::read::Decoder::new(file)?),
        })
    }
}

impl Kind {
    /// The kind and the compression, looked through; `None` for files a walk skips.
    fn of(path: &Path) -> Option<(Kind, Compression)> {
        let (compression, name) = Compression::of(path.file_name()?.to_str()?);
        let kind = match name.rsplit_once('.')?.1 {
            "txt" => Kind::Text,
            "jsonl" | "ndjson" => Kind::Jsonl,
            "json" => Kind::Json,
            "csv" => Kind::Csv,
            "tsv" => Kind::Tsv,
            _ => return None,
        };
        Some((kind, compression))
    }
}

fn read_file<F>(
    path: &Path,
    walked: bool,
    opts: &ReadOptions,
    sidecars: &mut Sidecars,
    diag: &mut Diagnostics,
    out: &mut Batcher<F>,
) -> Result<()>
where
    F: FnMut(Vec<Document>, &Diagnostics) -> Result<()>,
{
    let cannot = |diag: &mut Diagnostics, e: std::io::Error| {
        diag.failed_inputs += 1;
        diag.warn(
            WarningKind::UnreadableInput,
            &path.display(),
            None,
            format!("cannot read: {e}"),
        );
    };
    let file = match File::open(path) {
        Ok(f) => f,
        Err(e) => {
            cannot(diag, e);
            return Ok(());
        }
    };
    // A file named on the command line with another extension is read as text.
    let (kind, compression) = Kind::of(path).unwrap_or((Kind::Text, Compression::None));
    let mut reader = match compression.reader(file) {
        Ok(r) => r,
        Err(e) => {
            cannot(diag, e);
            return Ok(());
        }
    };
    // The first bytes, to recognise actorgraph's own files given by mistake (a partial, a
    // saved first pass), whatever their name; then read from the start again.
    let mut head = Vec::with_capacity(Own::HEAD);
    if let Err(e) = reader
        .by_ref()
        .take(Own::HEAD as u64)
        .read_to_end(&mut head)
    {
        cannot(diag, e);
        return Ok(());
    }
    if let Some(own) = Own::of(&head) {
        return own.given(path, walked, diag);
    }
    let mut reader = std::io::Cursor::new(head).chain(reader);
    let stem = file_stem(path);
    match kind {
        Kind::Jsonl => {
            return read_jsonl(
                path,
                BufReader::with_capacity(1 << 20, reader),
                opts,
                diag,
                out,
            )
        }
        Kind::Json => {
            let json = Json {
                one_id: &stem,
                lines_first: false,
                walked,
            };
            return read_json(
                path,
                json,
                BufReader::with_capacity(1 << 20, reader),
                opts,
                diag,
                out,
            );
        }
        Kind::Csv => return read_csv(path, reader, None, opts, diag, out),
        Kind::Tsv => return read_csv(path, reader, Some(b'\t'), opts, diag, out),
        Kind::Text => {}
    }
    let mut bytes = Vec::new();
    if let Err(e) = reader.read_to_end(&mut bytes) {
        cannot(diag, e);
        return Ok(());
    }
    if walked && !opts.force_text && bytes.contains(&0) {
        diag.failed_inputs += 1;
        diag.warn(
            WarningKind::BinaryInput,
            &path.display(),
            None,
            "contains NUL bytes (binary file?)".into(),
        );
        return Ok(());
    }
    let name = path.display().to_string();
    let text = decode(&bytes, &name, diag);
    let file_name = path
        .file_name()
        .map_or_else(String::new, |s| s.to_string_lossy().into_owned());
    let mut doc = Document::new(stem, text);
    match sidecars.for_file(path) {
        Ok(meta) => meta.apply(&file_name, &mut doc),
        Err(e) => return Err(e),
    }
    out.push(doc, diag)
}

/// A file's name without `.gz` or `.zst` and its extension: the id of the document it holds.
fn file_stem(path: &Path) -> String {
    let file_name = path
        .file_name()
        .map_or_else(String::new, |s| s.to_string_lossy().into_owned());
    let name = Compression::of(&file_name).1;
    name.rsplit_once('.')
        .map_or(name, |(stem, _)| stem)
        .to_owned()
}

/// actorgraph's own files, recognised when given as inputs: reading one as articles would
/// build a graph of its bytes (or fail on a record without text), so the run stops and names
/// the command or flag that reads it (a
/// directory walk skips it with a warning, so outputs kept beside the articles do no harm).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Own {
    /// A graph written with `--format json`.
    Graph,
    /// A gazetteer (an object with a list of `actors` with ids and aliases, and no text).
    Gazetteer,
    /// Partial counts (`build --partial`).
    Partial,
    /// A first pass saved by `actorgraph scan`.
    Scan,
}

impl Own {
    /// How many first bytes tell the binary kinds apart.
    const HEAD: usize = 64;

    /// The binary kinds, by their magic line.
    fn of(head: &[u8]) -> Option<Own> {
        if head.starts_with(crate::partial::MAGIC) {
            Some(Own::Partial)
        } else if head.starts_with(crate::scanfile::MAGIC) {
            Some(Own::Scan)
        } else {
            None
        }
    }

    /// The JSON kinds, from a JSON value (the first record, or a whole `.json` file): a graph
    /// is an object whose `format` is `"actorgraph"`; a gazetteer has a list of `actors`, the
    /// first with an `id` and `aliases`, and no field where the text would be (a record may
    /// list actors too, and a text under a name not yet given with --text-field is a record
    /// to be told about its text field, not a gazetteer).
    fn of_json(json: &[u8], fields: &Fields) -> Option<Own> {
        let serde_json::Value::Object(o) = serde_json::from_slice(json).ok()? else {
            return None;
        };
        let text_key = fields.text.split('.').next().unwrap_or_default();
        if o.get("format").and_then(|f| f.as_str()) == Some(crate::export::json::FORMAT) {
            Some(Own::Graph)
        } else if o
            .get("actors")
            .and_then(|a| a.as_array()?.first()?.as_object())
            .is_some_and(|a| a.contains_key("id") && a.contains_key("aliases"))
            && !o.contains_key(&fields.text)
            && !o.contains_key(text_key)
        {
            Some(Own::Gazetteer)
        } else {
            None
        }
    }

    fn what(self) -> &'static str {
        match self {
            Own::Graph => "a graph written by `actorgraph build --format json`",
            Own::Gazetteer => "a gazetteer",
            Own::Partial => "a file of partial counts written by `actorgraph build --partial`",
            Own::Scan => "a first pass saved by `actorgraph scan`",
        }
    }

    fn fix(self) -> &'static str {
        match self {
            Own::Graph => "ask it with `actorgraph query --graph FILE ...`, or give the articles it was built from",
            Own::Gazetteer => "give it with -g FILE (--gazetteer)",
            Own::Partial => "combine partials with `actorgraph merge FILE...`",
            Own::Scan => "give it to a build of the same corpus with `--scan FILE`",
        }
    }

    /// Stops the run (a file named on the command line) or skips the file with a warning (a
    /// file found in a directory).
    fn given(self, path: &Path, walked: bool, diag: &mut Diagnostics) -> Result<()> {
        if walked {
            diag.failed_inputs += 1;
            diag.warn(
                WarningKind::UnreadableInput,
                &path.display(),
                None,
                format!("{}, not articles", self.what()),
            );
            return Ok(());
        }
        Err(Error::Input {
            location: path.display().to_string(),
            message: format!("this is {}, not articles; {}", self.what(), self.fix()),
        })
    }
}

/// Where a record is: a line of JSON Lines, or an element of a JSON array.
#[derive(Debug, Clone, Copy)]
enum Place {
    Line(usize),
    Element(usize),
}

impl Place {
    /// `FILE:LINE` or `FILE[INDEX]`: where errors point, and the id of a record without one.
    fn locate(self, name: &str) -> String {
        match self {
            Place::Line(no) => format!("{name}:{no}"),
            Place::Element(i) => format!("{name}[{i}]"),
        }
    }
}

/// Parses records on every core and hands them on in order, so that errors, skips and
/// duplicate ids come out as if read one by one. A bad record stops the run at its place, or
/// is skipped and counted with `--skip-bad-lines`.
fn parse_in_order<F>(
    name: &str,
    records: &[(Place, &[u8])],
    opts: &ReadOptions,
    diag: &mut Diagnostics,
    out: &mut Batcher<F>,
) -> Result<()>
where
    F: FnMut(Vec<Document>, &Diagnostics) -> Result<()>,
{
    use rayon::prelude::*;
    let parsed: Vec<(Place, std::result::Result<Document, String>)> = records
        .par_iter()
        .map(|&(place, body)| {
            let id = || place.locate(name);
            let doc = match place {
                Place::Line(_) => crate::fields::parse_json(body, &opts.fields, id),
                Place::Element(_) => {
                    crate::fields::parse_record(body, &opts.fields, id, "JSON record")
                }
            };
            (place, doc)
        })
        .collect();
    for (place, rec) in parsed {
        match rec {
            Ok(doc) => out.push(doc, diag)?,
            Err(msg) if opts.skip_bad_lines => {
                diag.skipped_lines += 1;
                match place {
                    Place::Line(no) => diag.warn(WarningKind::BadLine, &name, Some(no as u64), msg),
                    Place::Element(_) => {
                        diag.warn(WarningKind::BadLine, &place.locate(name), None, msg)
                    }
                }
            }
            Err(msg) => {
                let fix = match place {
                    Place::Line(_) => "fix the line or pass --skip-bad-lines",
                    Place::Element(_) => "fix the record or pass --skip-bad-lines",
                };
                return Err(Error::Input {
                    location: place.locate(name),
                    message: format!("{msg}; {fix}"),
                });
            }
        }
    }
    Ok(())
}

/// How [`read_json`] reads one input.
#[derive(Debug, Clone, Copy)]
struct Json<'a> {
    /// The id of a record without one when the input holds one record.
    one_id: &'a str,
    /// A record on the first line means JSON Lines, even if it is the only one (standard
    /// input, as before `.json` files were read).
    lines_first: bool,
    /// Found in a directory: a graph written by actorgraph is skipped, not an error.
    walked: bool,
}

/// Reads JSON that is not JSON Lines by name (a `.json` file, or standard input starting
/// with `{` or `[`), as the tools that write news dumps leave it:
///
/// - an **array of records**, streamed one element at a time (the file is never held whole;
///   a record without an id is `FILE[INDEX]`);
/// - **one record**, on one line or pretty-printed over many (one file per article, as
///   scrapers write them): its id defaults to the file's stem;
/// - **records one per line**: JSON Lines under another name.
///
/// A graph written by actorgraph is refused with the command that reads it.
fn read_json<R: BufRead, F>(
    path: &Path,
    json: Json<'_>,
    mut reader: R,
    opts: &ReadOptions,
    diag: &mut Diagnostics,
    out: &mut Batcher<F>,
) -> Result<()>
where
    F: FnMut(Vec<Document>, &Diagnostics) -> Result<()>,
{
    let io = |e| Error::io(path, e);
    let name = path.display().to_string();
    // What comes before the first value (a BOM, white space) is kept, so that line numbers
    // stay those of the file.
    let mut before = Vec::new();
    let first = loop {
        let buf = reader.fill_buf().map_err(io)?;
        if buf.is_empty() {
            break None;
        }
        let skip = if before.is_empty() && buf.starts_with(b"\xEF\xBB\xBF") {
            3
        } else {
            0
        };
        match buf[skip..].iter().position(|b| !b.is_ascii_whitespace()) {
            Some(i) => {
                let b = buf[skip + i];
                before.extend_from_slice(&buf[skip..skip + i]);
                reader.consume(skip + i);
                break Some(b);
            }
            None => {
                let n = buf.len();
                before.extend_from_slice(&buf[skip..]);
                reader.consume(n);
            }
        }
    };
    match first {
        None => Ok(()),
        Some(b'[') => {
            // The reader itself, not a chain with what came before (serde_json reads a byte at
            // a time: through a chain, twice as slow); its lines are counted in errors.
            let lines_before = before.iter().filter(|&&b| b == b'\n').count();
            read_json_array(&name, lines_before, reader, opts, diag, out)
        }
        Some(b'{') => {
            let mut line = Vec::new();
            reader.read_until(b'\n', &mut line).map_err(io)?;
            let whole_line = serde_json::from_slice::<serde::de::IgnoredAny>(&line).is_ok();
            // After a record on one line: another record (JSON Lines), or the end of the file
            // (one record), which only a look past the white space tells.
            let mut gap = Vec::new();
            let more = whole_line && {
                loop {
                    let buf = reader.fill_buf().map_err(io)?;
                    let Some(&b) = buf.first() else { break false };
                    if !b.is_ascii_whitespace() {
                        break true;
                    }
                    gap.push(b);
                    reader.consume(1);
                }
            };
            if more || (whole_line && json.lines_first) {
                if let Some(own) = Own::of_json(&line, &opts.fields) {
                    return own.given(path, json.walked, diag);
                }
                let mut start = before;
                start.extend_from_slice(&line);
                start.extend_from_slice(&gap);
                let reader = std::io::Cursor::new(start).chain(reader);
                return read_jsonl(path, reader, opts, diag, out);
            }
            // One record, whole.
            let mut bytes = before;
            bytes.extend_from_slice(&line);
            reader.read_to_end(&mut bytes).map_err(io)?;
            let id = || json.one_id.to_owned();
            let parsed = crate::fields::parse_record(&bytes, &opts.fields, id, "JSON record");
            // Only on failure (a graph or a gazetteer has no text): find out what the file is,
            // to say the most useful thing, without parsing every article twice.
            if parsed.is_err() {
                if let Some(own) = Own::of_json(&bytes, &opts.fields) {
                    return own.given(path, json.walked, diag);
                }
            }
            match parsed {
                Ok(doc) => out.push(doc, diag),
                Err(msg) if opts.skip_bad_lines => {
                    diag.skipped_lines += 1;
                    diag.warn(WarningKind::BadLine, &name, None, msg);
                    Ok(())
                }
                Err(msg) => Err(Error::Input {
                    location: name,
                    message: format!("{msg}; fix the file or pass --skip-bad-lines"),
                }),
            }
        }
        Some(_) => Err(Error::Input {
            location: name,
            message: "not JSON: a .json file holds an array of records, one record, or \
                      records one per line; name a text file .txt"
                .into(),
        }),
    }
}

/// How many bytes of records are gathered before they are parsed on every core.
const CHUNK_BYTES: usize = 4 << 20;

/// The elements of a JSON array of records, parsed a chunk at a time on every core.
fn read_json_array<R: Read, F>(
    name: &str,
    lines_before: usize,
    reader: R,
    opts: &ReadOptions,
    diag: &mut Diagnostics,
    out: &mut Batcher<F>,
) -> Result<()>
where
    F: FnMut(Vec<Document>, &Diagnostics) -> Result<()>,
{
    use serde::de::{Deserializer as _, Error as _, SeqAccess, Visitor};
    use serde_json::value::RawValue;

    /// Hands each element, unparsed, to `f`; an error of `f` is kept in `failed` and stops
    /// the array.
    struct Elements<'f, G: FnMut(usize, Box<RawValue>) -> Result<()>> {
        f: &'f mut G,
        failed: &'f mut Option<Error>,
    }
    impl<'de, G: FnMut(usize, Box<RawValue>) -> Result<()>> Visitor<'de> for Elements<'_, G> {
        type Value = ();
        fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
            f.write_str("an array of records")
        }
        fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> std::result::Result<(), A::Error> {
            let mut i = 0;
            while let Some(raw) = seq.next_element::<Box<RawValue>>()? {
                if let Err(e) = (self.f)(i, raw) {
                    *self.failed = Some(e);
                    return Err(A::Error::custom("stopped"));
                }
                i += 1;
            }
            Ok(())
        }
    }

    let mut chunk: Vec<(usize, Box<RawValue>)> = Vec::new();
    let mut size = 0;
    let flush =
        |chunk: &mut Vec<(usize, Box<RawValue>)>, diag: &mut Diagnostics, out: &mut Batcher<F>| {
            let records: Vec<(Place, &[u8])> = chunk
                .iter()
                .map(|(i, raw)| (Place::Element(*i), raw.get().as_bytes()))
                .collect();
            let done = parse_in_order(name, &records, opts, diag, out);
            chunk.clear();
            done
        };
    let mut failed = None;
    let mut de = serde_json::Deserializer::from_reader(reader);
    let read = de
        .deserialize_seq(Elements {
            f: &mut |i, raw: Box<RawValue>| {
                size += raw.get().len();
                chunk.push((i, raw));
                if size >= CHUNK_BYTES {
                    size = 0;
                    return flush(&mut chunk, diag, out);
                }
                Ok(())
            },
            failed: &mut failed,
        })
        .and_then(|()| de.end());
    if let Some(e) = failed {
        return Err(e);
    }
    if let Err(e) = read {
        if e.is_io() {
            return Err(Error::io(name, std::io::Error::from(e)));
        }
        let message = crate::fields::serde_message(&e);
        return Err(Error::Input {
            location: format!("{name}:{}", lines_before + e.line()),
            message: format!(
                "bad JSON ({message}, column {}); fix the file (a syntax error in an array \
                 cannot be skipped)",
                e.column()
            ),
        });
    }
    flush(&mut chunk, diag, out)
}

/// The delimiter of a CSV file, from its header line: the comma, unless semicolons (as
/// spreadsheets write CSV where the comma is the decimal mark) or tabs are more frequent
/// (ties go to the comma, then the semicolon).
fn csv_delimiter(header: &[u8]) -> u8 {
    let count = |d: u8| header.iter().filter(|&&b| b == d).count();
    [b';', b'\t'].into_iter().fold(
        b',',
        |best, d| if count(d) > count(best) { d } else { best },
    )
}

/// Reads a CSV file with a header row; each row is a document (fields as in JSON Lines).
fn read_csv<F>(
    path: &Path,
    reader: impl Read,
    delimiter: Option<u8>,
    opts: &ReadOptions,
    diag: &mut Diagnostics,
    out: &mut Batcher<F>,
) -> Result<()>
where
    F: FnMut(Vec<Document>, &Diagnostics) -> Result<()>,
{
    let name = path.display().to_string();
    let mut reader = BufReader::with_capacity(1 << 16, reader);
    let delimiter = match delimiter {
        Some(d) => d,
        None => {
            let head = reader.fill_buf().map_err(|e| Error::io(path, e))?;
            let line = head.split(|&b| b == b'\n').next().unwrap_or_default();
            csv_delimiter(line)
        }
    };
    let mut csv = csv::ReaderBuilder::new()
        .has_headers(true)
        .flexible(true)
        .delimiter(delimiter)
        .from_reader(reader);
    let header = csv.headers().map_err(|e| Error::Input {
        location: format!("{name}:1"),
        message: format!("cannot read the CSV header: {e}"),
    })?;
    let columns =
        crate::fields::CsvColumns::new(header, &opts.fields).map_err(|message| Error::Input {
            location: format!("{name}:1"),
            message,
        })?;
    let mut row = csv::StringRecord::new();
    loop {
        let read = csv.read_record(&mut row);
        let line = row.position().map_or(0, |p| p.line());
        let result = match read {
            Ok(false) => break,
            Ok(true) => crate::fields::document(columns.raw(&row), &opts.fields, || {
                format!("{name}:{line}")
            }),
            Err(e) => Err(format!("bad CSV row ({e})")),
        };
        match result {
            Ok(doc) => out.push(doc, diag)?,
            Err(msg) if opts.skip_bad_lines => {
                diag.skipped_lines += 1;
                diag.warn(WarningKind::BadLine, &name, Some(line), msg);
            }
            Err(msg) => {
                return Err(Error::Input {
                    location: format!("{name}:{line}"),
                    message: format!("{msg}; fix the row or pass --skip-bad-lines"),
                })
            }
        }
    }
    Ok(())
}

/// Reads JSON Lines records: lines are gathered in chunks, parsed in parallel, and handled in
/// line order, so errors, skips and duplicate ids come out as if read one by one.
fn read_jsonl<R: BufRead, F>(
    path: &Path,
    mut reader: R,
    opts: &ReadOptions,
    diag: &mut Diagnostics,
    out: &mut Batcher<F>,
) -> Result<()>
where
    F: FnMut(Vec<Document>, &Diagnostics) -> Result<()>,
{
    let name = path.display().to_string();
    let mut lineno = 0usize;
    // A chunk's records, one after the other in one buffer (a `Vec` per line grew by
    // doubling: a realloc and a copy every few hundred bytes of every record), and where
    // each one ends, with its line number.
    let mut bytes: Vec<u8> = Vec::new();
    let mut records: Vec<(usize, usize)> = Vec::new();
    let mut eof = false;
    while !eof {
        let start = bytes.len();
        let n = reader
            .read_until(b'\n', &mut bytes)
            .map_err(|e| Error::io(path, e))?;
        eof = n == 0;
        if n > 0 {
            lineno += 1;
            if lineno == 1 && bytes[start..].starts_with(b"\xEF\xBB\xBF") {
                bytes.drain(start..start + 3);
            }
            if bytes[start..].iter().all(u8::is_ascii_whitespace) {
                bytes.truncate(start);
            } else {
                records.push((lineno, bytes.len()));
            }
        }
        if bytes.len() >= CHUNK_BYTES || (eof && !records.is_empty()) {
            let starts = std::iter::once(0).chain(records.iter().map(|r| r.1));
            let spans: Vec<(Place, &[u8])> = records
                .iter()
                .zip(starts)
                .map(|(&(no, end), start)| (Place::Line(no), &bytes[start..end]))
                .collect();
            parse_in_order(&name, &spans, opts, diag, out)?;
            bytes.clear();
            records.clear();
        }
    }
    Ok(())
}

/// Decodes file bytes to text: strips a UTF-8 BOM, transcodes UTF-16 with a BOM, and decodes
/// invalid UTF-8 lossily with one warning saying how many bytes were replaced.
pub fn decode(bytes: &[u8], name: &str, diag: &mut Diagnostics) -> String {
    if let Some(rest) = bytes.strip_prefix(b"\xEF\xBB\xBF") {
        return decode_utf8(rest, name, diag);
    }
    let utf16 = |rest: &[u8], le: bool| -> String {
        let units = rest.chunks(2).map(|c| {
            let pair = [c[0], *c.get(1).unwrap_or(&0)];
            if le {
                u16::from_le_bytes(pair)
            } else {
                u16::from_be_bytes(pair)
            }
        });
        char::decode_utf16(units)
            .map(|r| r.unwrap_or(char::REPLACEMENT_CHARACTER))
            .collect()
    };
    if let Some(rest) = bytes.strip_prefix(b"\xFF\xFE") {
        return utf16(rest, true);
    }
    if let Some(rest) = bytes.strip_prefix(b"\xFE\xFF") {
        return utf16(rest, false);
    }
    decode_utf8(bytes, name, diag)
}

fn decode_utf8(bytes: &[u8], name: &str, diag: &mut Diagnostics) -> String {
    match std::str::from_utf8(bytes) {
        Ok(s) => s.to_owned(),
        Err(_) => {
            let bad: usize = bytes.utf8_chunks().map(|c| c.invalid().len()).sum();
            diag.warn(
                WarningKind::Encoding,
                &name,
                None,
                format!("{bad} byte(s) of invalid UTF-8 replaced with U+FFFD"),
            );
            String::from_utf8_lossy(bytes).into_owned()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The ids `for_each_batch` hands on with `threads` rayon threads, one document per batch,
    /// when `f` fails at the batch numbered `fail_at`; and what the run returned.
    fn read_ids(
        inputs: &[Input],
        threads: usize,
        fail_at: Option<usize>,
    ) -> (Vec<String>, Result<()>) {
        let pool = rayon::ThreadPoolBuilder::new()
            .num_threads(threads)
            .build()
            .unwrap();
        pool.install(|| {
            let mut got = Vec::new();
            let mut calls = 0;
            let r = Corpus::new(inputs, ReadOptions::default())
                .batch_bytes(1)
                .for_each_batch(&mut Diagnostics::default(), |batch| {
                    calls += 1;
                    if Some(calls) == fail_at {
                        return Err(Error::Usage("f stopped".into()));
                    }
                    got.extend(batch.into_iter().map(|d| d.id));
                    Ok(())
                });
            (got, r)
        })
    }

    #[test]
    fn reading_ahead_hands_on_the_same_batches_and_the_first_error() {
        let dir = tempfile::tempdir().unwrap();
        let bad = dir.path().join("bad.jsonl");
        std::fs::write(
            &bad,
            "{\"id\": \"a\", \"text\": \"x\"}\n{\"id\": \"b\", \"text\": \"y\"}\n{oops\n\
             {\"id\": \"c\", \"text\": \"z\"}\n",
        )
        .unwrap();
        let seeds = [Input::Seeds];
        let bad = [Input::Path(bad)];
        let (all, r) = read_ids(&seeds, 1, None);
        assert!(r.is_ok());
        assert_eq!(all.len(), 5);
        for threads in [1, 2, 3] {
            // Every batch, in corpus order, however many threads.
            let (got, r) = read_ids(&seeds, threads, None);
            assert!(r.is_ok(), "{threads}");
            assert_eq!(got, all, "{threads}");
            // `f` fails on the third batch: the first two were handed on, the error is `f`'s.
            let (got, r) = read_ids(&seeds, threads, Some(3));
            assert_eq!(got, all[..2], "{threads}");
            assert!(
                matches!(r, Err(Error::Usage(m)) if m == "f stopped"),
                "{threads}"
            );
            // Reading fails on line 3: what came before it was handed on, the error is reading's.
            let (got, r) = read_ids(&bad, threads, None);
            assert_eq!(got, ["a", "b"], "{threads}");
            let e = r.unwrap_err().to_string();
            assert!(e.contains("bad.jsonl:3"), "{threads}: {e}");
        }
    }

    #[test]
    fn csv_delimiter_is_the_most_frequent_of_comma_semicolon_tab() {
        // (header line, delimiter)
        let cases: &[(&str, u8)] = &[
            ("id,text", b','),
            ("id;text", b';'),
            ("id\ttext", b'\t'),
            ("text", b','),
            ("", b','),
            ("id;title,text,url", b','),
            ("id;\"a, b\";text", b';'),
            ("a,b;c;d\te\tf\tg", b'\t'),
            // Ties go to the comma, then the semicolon.
            ("a;b\tc", b';'),
            ("a,b;c", b','),
        ];
        for (header, expected) in cases {
            assert_eq!(
                csv_delimiter(header.as_bytes()) as char,
                *expected as char,
                "{header:?}"
            );
        }
    }

    #[test]
    fn decode_table() {
        // (name, bytes, expected text, warnings)
        let cases: &[(&str, &[u8], &str, usize)] = &[
            ("plain", b"Iraq", "Iraq", 0),
            ("utf-8 bom", b"\xEF\xBB\xBFIraq", "Iraq", 0),
            ("utf-16le bom", b"\xFF\xFEI\0r\0", "Ir", 0),
            ("utf-16be bom", b"\xFE\xFF\0I\0r", "Ir", 0),
            ("invalid utf-8", b"Ira\xFFq\xC3", "Ira\u{FFFD}q\u{FFFD}", 1),
        ];
        for (name, bytes, expected, warnings) in cases {
            let mut d = Diagnostics::default();
            assert_eq!(decode(bytes, "f", &mut d), *expected, "{name}");
            assert_eq!(d.warnings.len(), *warnings, "{name}");
        }
        let mut d = Diagnostics::default();
        decode(b"a\xFF\xFEb", "f.txt", &mut d);
        let shown: Vec<String> = d.warnings.iter().map(|w| w.to_string()).collect();
        assert_eq!(
            shown,
            ["f.txt: 2 byte(s) of invalid UTF-8 replaced with U+FFFD"]
        );
    }
}
