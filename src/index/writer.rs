//! `quotebook index`: walk → read → parse → extract in parallel, one tantivy `IndexWriter`.
//!
//! Parsing and extraction run on a rayon pool; every document goes through one bounded
//! channel to the single writer, so memory stays bounded by the channel, the writer heap and
//! the files in flight, never by the corpus.
//!
//! Change detection works per file: a `kind:file` record holds size, mtime and content hash.
//! A file whose size and mtime are unchanged is not even read. A changed file's documents are
//! deleted by its `file` term before the new ones are added; messages of one file travel in
//! order through the channel, so the delete always precedes the re-adds. The file record is
//! written last, so a run killed part-way re-reads that file next time instead of trusting
//! half of it.

use super::budget::{self, Gate};
use super::ids::{Ids, Place, RecordKind, Verdict};
use super::schema::{Fields, KIND_ARTICLE, KIND_FILE, KIND_QUOTE};
use super::{positions, CommitInfo, IndexDir};
use crate::error::{Error, Result};
use crate::identity;
use crate::ingest::{self, Format};
use crate::model::{Article, Quote};
use crossbeam_channel::bounded;
use rayon::prelude::*;
use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};
use tantivy::collector::DocSetCollector;
use tantivy::index::{SegmentId, SegmentMeta};
use tantivy::indexer::{LogMergePolicy, MergeCandidate, MergePolicy, UserOperation};
use tantivy::query::TermQuery;
use tantivy::schema::{IndexRecordOption, Value};
use tantivy::{DateTime, IndexWriter, TantivyDocument, Term};

/// Default writer heap. Besides tantivy's arenas (this budget), a run holds the articles
/// waiting in tantivy's queue (up to 10,000, one batch each) and a segment being written, so
/// its peak is about 350 MB at this default, the same on any corpus big enough to flush a
/// segment before the end. A larger heap gives fewer, larger segments for more memory
/// (bench/PROFILE.md).
pub const DEFAULT_HEAP_MB: u64 = 96;

/// How to run an indexing pass.
#[derive(Debug, Clone)]
pub struct IndexOptions {
    /// The index directory.
    pub index: PathBuf,
    pub roots: Vec<PathBuf>,
    pub rebuild: bool,
    /// Worker threads for parsing and extraction (and tantivy's indexing threads).
    pub threads: usize,
    /// Total tantivy writer heap, in bytes ([`DEFAULT_HEAP_MB`] unless told).
    pub heap_bytes: usize,
    /// Commit at least this often, so an interrupted run keeps most of its work.
    pub commit_every: Duration,
    /// The alias file of this run: recorded in the commit; applied by the people table
    /// ([`crate::people`]), not to stored quotes.
    pub aliases: identity::Aliases,
    /// Files larger than this are skipped (`--max-file-mb`).
    pub max_file_bytes: u64,
    /// Longest wait for one article's quotes (`--extract-secs`).
    pub extract_budget: Duration,
}

/// Counts for the summary line.
#[derive(Debug, Default, Clone, serde::Serialize)]
pub struct Summary {
    pub articles_indexed: u64,
    pub articles_updated: u64,
    pub articles_unchanged: u64,
    pub articles_removed: u64,
    pub quotes: u64,
    pub files_read: u64,
    pub files_unchanged: u64,
    pub files_removed: u64,
    /// Whole files that could not be read at all.
    pub files_failed: u64,
    /// Records inside otherwise readable files that were skipped.
    pub records_failed: u64,
    pub warnings: u64,
    pub bytes: u64,
    pub seconds: f64,
    pub interrupted: bool,
}

impl Summary {
    /// Anything skipped for an error (the run's exit code turns 2).
    pub fn had_errors(&self) -> bool {
        self.files_failed + self.records_failed > 0
    }

    pub fn mb_per_s(&self) -> f64 {
        if self.seconds > 0.0 {
            self.bytes as f64 / 1e6 / self.seconds
        } else {
            0.0
        }
    }
}

/// Where the pipeline reports progress and per-file problems; implemented by the command
/// layer (progress bar, stderr), so this module never prints.
pub trait Reporter: Sync {
    /// Total bytes about to be read.
    fn start(&self, _files: u64, _bytes: u64) {}
    /// `bytes` more were processed.
    fn advance(&self, _bytes: u64) {}
    /// A file or record was skipped, or a warning about one.
    fn problem(&self, message: &str);
    fn finish(&self) {}
}

struct KnownFile {
    size: u64,
    mtime: i64,
    articles: u64,
}

struct WorkItem {
    /// Position of the file in walk order (see [`super::ids`]).
    pos: usize,
    path: PathBuf,
    canonical: String,
    format: Format,
    size: u64,
    mtime: i64,
    known: bool,
}

/// One article's documents, with what deciding between records that share its id needs.
struct ArticleDocs {
    id: String,
    line: Option<u64>,
    quotes: u64,
    docs: Vec<TantivyDocument>,
}

enum Msg {
    /// First message of a file: its documents follow, up to its `FileDone` or `Abandoned`.
    /// `forget`: the file was indexed before (or may have been partly indexed by an
    /// interrupted run): drop its old documents.
    Begin {
        forget: Option<String>,
    },
    /// Ctrl-C while the file was being sent: drop what was sent of it.
    Abandoned(String),
    /// Articles of `work[file]`, each as its document followed by its quotes'.
    Docs {
        file: usize,
        articles: Vec<ArticleDocs>,
    },
    FileDone {
        record: TantivyDocument,
        known: bool,
        articles: u64,
        quotes: u64,
        bytes: u64,
        records_failed: u64,
        warnings: u64,
    },
    FileFailed,
}

/// Run one indexing pass.
pub fn run(opts: &IndexOptions, reporter: &dyn Reporter, stop: &AtomicBool) -> Result<Summary> {
    run_pass(opts, reporter, stop).map_err(|e| match e {
        Error::Tantivy(_) | Error::Io { .. } if out_of_space(&e, &opts.index) => Error::NoSpace {
            path: opts.index.clone(),
            free: super::disk::free_bytes(&opts.index).map_or_else(
                || "no free space".into(),
                |b| format!("{} KB free", b >> 10),
            ),
        },
        other => other,
    })
}

/// Whether a failed run failed for want of disk space: the error says so (ENOSPC), or
/// tantivy's does not (a writer thread's I/O error comes back as "an index writer was
/// killed") and the index's filesystem is all but full.
fn out_of_space(e: &Error, index: &Path) -> bool {
    let mut source: Option<&(dyn std::error::Error + 'static)> = Some(e);
    while let Some(err) = source {
        if let Some(io) = err.downcast_ref::<std::io::Error>() {
            if io.kind() == std::io::ErrorKind::StorageFull || io.raw_os_error() == Some(28) {
                return true;
            }
        }
        source = err.source();
    }
    if let Error::Tantivy(t) = e {
        if t.to_string().contains("ENOSPC") || t.to_string().contains("No space left") {
            return true;
        }
    }
    super::disk::free_bytes(index).is_some_and(|b| b < super::disk::NEARLY_FULL)
}

fn run_pass(opts: &IndexOptions, reporter: &dyn Reporter, stop: &AtomicBool) -> Result<Summary> {
    let started = Instant::now();
    // Take our lock before touching anything, so --rebuild never deletes files under a
    // running writer.
    let _lock = super::lock::WriterLock::acquire(&opts.index)?;
    let dir = IndexDir::open_or_create(&opts.index, opts.rebuild)?;
    let f = dir.fields.clone();
    let mut summary = Summary::default();

    let threads = opts.threads.max(1);
    let mut writer: IndexWriter<TantivyDocument> = dir
        .index
        .writer_with_num_threads(threads.min(8), opts.heap_bytes.max(15_000_000 * threads))
        .map_err(|e| match e {
            tantivy::TantivyError::LockFailure(..) => Error::IndexLocked(None),
            other => Error::Tantivy(other),
        })?;
    writer.set_merge_policy(Box::new(BoundedMerges::default()));

    let known = load_known_files(&dir)?;
    // Speakers are stored as written; the alias file is applied by the people table.
    let previous = dir.commit_info();
    let fresh = known.is_empty();

    // Walk every root; remember which canonical roots were walked to find vanished files.
    let mut roots_done: Vec<String> = Vec::new();
    let mut seen: HashSet<String> = HashSet::new();
    let mut work: Vec<WorkItem> = Vec::new();
    // Every file walked, in walk order, as walked: which of two records with one id wins.
    let mut walked: Vec<String> = Vec::new();
    for root in &opts.roots {
        match std::fs::canonicalize(root) {
            Ok(c) => roots_done.push(c.to_string_lossy().into_owned()),
            Err(e) => {
                summary.files_failed += 1;
                reporter.problem(&format!("{}: {}", root.display(), e));
                continue;
            }
        }
        for entry in ingest::walk(std::slice::from_ref(root)) {
            let path = match entry {
                Ok(p) => p,
                Err(e) => {
                    summary.files_failed += 1;
                    reporter.problem(&e.to_string());
                    continue;
                }
            };
            let Some(format) = Format::from_path(&path) else {
                continue;
            };
            let canonical = std::fs::canonicalize(&path)
                .unwrap_or_else(|_| path.clone())
                .to_string_lossy()
                .into_owned();
            if !seen.insert(canonical.clone()) {
                continue; // reached twice (overlapping roots, or a symlink to a walked file)
            }
            let (size, mtime) = match std::fs::metadata(&path) {
                Ok(m) => (m.len(), mtime_of(&m)),
                Err(e) => {
                    summary.files_failed += 1;
                    reporter.problem(&format!("{}: {}", path.display(), e));
                    continue;
                }
            };
            walked.push(path.to_string_lossy().into_owned());
            match known.get(&canonical) {
                Some(k) if k.size == size && k.mtime == mtime => {
                    summary.files_unchanged += 1;
                    summary.articles_unchanged += k.articles;
                }
                k => work.push(WorkItem {
                    pos: walked.len() - 1,
                    path,
                    canonical,
                    format,
                    size,
                    mtime,
                    known: k.is_some(),
                }),
            }
        }
    }

    // Files that vanished from a walked root.
    for (file, k) in &known {
        let under_walked_root = roots_done
            .iter()
            .any(|r| Path::new(file).starts_with(Path::new(r)));
        if under_walked_root && !seen.contains(file) {
            writer.delete_term(Term::from_field_text(f.file, file));
            summary.files_removed += 1;
            summary.articles_removed += k.articles;
        }
    }

    let total_bytes: u64 = work.iter().map(|w| w.size).sum();
    reporter.start(work.len() as u64, total_bytes);

    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(threads)
        .build()
        .map_err(|e| Error::BadArgument(format!("cannot start worker threads: {e}")))?;
    // A few batches per worker keep the writer busy; more would only hold text in memory.
    let (tx, rx) = bounded::<Msg>(threads * 4);
    let mut last_commit = Instant::now();
    let mut roots_all = previous.roots;
    for r in &roots_done {
        if !roots_all.contains(r) {
            roots_all.push(r.clone());
        }
    }
    roots_all.sort();

    let before = if fresh {
        None
    } else {
        Some(dir.index.reader()?.searcher())
    };
    let rereads = work.iter().map(|w| w.canonical.clone()).collect();
    let mut ids = Ids::new(&f, before, walked, rereads);
    // Quote counts of the records dropped for a shared id (`None`: indexed before this run).
    let mut dropped: Vec<Option<u64>> = Vec::new();
    let gate = &Gate::default();
    let consumed: Result<()> = std::thread::scope(|scope| {
        let fields = &f;
        let work = &work;
        scope.spawn(move || {
            pool.install(|| {
                work.par_iter()
                    .enumerate()
                    .for_each_with(tx, |tx, (i, item)| {
                        if stop.load(Ordering::Relaxed) {
                            return;
                        }
                        let worker = Worker {
                            f: fields,
                            fresh,
                            reporter,
                            tx,
                            gate,
                            stop,
                            max_file_bytes: opts.max_file_bytes,
                            extract_budget: opts.extract_budget,
                        };
                        process_file(i, item, &worker);
                    });
            });
        });
        // Files whose `Begin` came and whose end did not yet: no commit while there are any.
        let mut open_files = 0usize;
        let mut commit_due = false;
        for msg in rx {
            match msg {
                Msg::Begin { forget } => {
                    open_files += 1;
                    if let Some(file) = forget {
                        writer.delete_term(Term::from_field_text(f.file, &file));
                    }
                }
                Msg::Abandoned(file) => {
                    open_files -= 1;
                    writer.delete_term(Term::from_field_text(f.file, &file));
                }
                Msg::Docs { file, articles } => {
                    let item = &work[file];
                    for a in articles {
                        let place = Place {
                            file: item.pos,
                            record: a.line.unwrap_or(0),
                            kind: match (a.line, item.format) {
                                (None, _) => RecordKind::Whole,
                                (Some(_), Format::JsonLines) => RecordKind::Line,
                                (Some(_), _) => RecordKind::Element,
                            },
                        };
                        let verdict = ids.decide(&a.id, place, &item.canonical, a.quotes);
                        let here = ids.name(place);
                        match verdict {
                            Verdict::New => {}
                            Verdict::Replaces { other, quotes } => {
                                reporter.problem(&format!(
                                    "{here}: id \"{}\" is also the id of {other}; the later \
                                     record, {here}, replaces it",
                                    a.id
                                ));
                                // Its documents, and any indexed before, go; this one's
                                // are added after the delete, so they stay.
                                writer.delete_term(Term::from_field_text(f.article_id, &a.id));
                                summary.records_failed += 1;
                                dropped.push(quotes);
                            }
                            Verdict::Loses { other } => {
                                reporter.problem(&format!(
                                    "{here}: id \"{}\" is also the id of {other}; the later \
                                     record, {other}, is kept and this one skipped",
                                    a.id
                                ));
                                summary.records_failed += 1;
                                dropped.push(Some(a.quotes));
                                continue;
                            }
                        }
                        // One batch lands in one segment, in order: quote-text queries rely
                        // on an article's quotes directly following it (see `schema`). A
                        // batch per article, not more: tantivy's queue holds 10,000
                        // batches, and larger ones would let it hold a growing share of the
                        // corpus in memory.
                        writer.run(a.docs.into_iter().map(UserOperation::Add))?;
                    }
                }
                Msg::FileDone {
                    record,
                    known,
                    articles,
                    quotes,
                    bytes,
                    records_failed,
                    warnings,
                } => {
                    writer.add_document(record)?;
                    open_files -= 1;
                    summary.files_read += 1;
                    if known {
                        summary.articles_updated += articles;
                    } else {
                        summary.articles_indexed += articles;
                    }
                    summary.quotes += quotes;
                    summary.bytes += bytes;
                    summary.records_failed += records_failed;
                    summary.warnings += warnings;
                    reporter.advance(bytes);
                }
                Msg::FileFailed => {
                    summary.files_failed += 1;
                }
            }
            // Commits fall between files: a reader sees a re-indexed file's old documents or
            // its new ones, never neither. While one is due, no new file starts to send.
            if !commit_due && last_commit.elapsed() >= opts.commit_every {
                commit_due = true;
                gate.close();
            }
            if commit_due && open_files == 0 {
                let done = commit(&mut writer, &roots_all, opts.aliases.fingerprint);
                commit_due = false;
                gate.open();
                done?;
                last_commit = Instant::now();
            }
        }
        gate.open();
        Ok(())
    });
    consumed?;
    drop(ids);
    for quotes in dropped {
        match quotes {
            Some(q) => {
                let n = if summary.articles_indexed > 0 {
                    &mut summary.articles_indexed
                } else {
                    &mut summary.articles_updated
                };
                *n = n.saturating_sub(1);
                summary.quotes = summary.quotes.saturating_sub(q);
            }
            None => summary.articles_unchanged = summary.articles_unchanged.saturating_sub(1),
        }
    }
    commit(&mut writer, &roots_all, opts.aliases.fingerprint)?;
    writer.wait_merging_threads()?;
    reporter.finish();
    summary.interrupted = stop.load(Ordering::Relaxed);
    summary.seconds = started.elapsed().as_secs_f64();
    Ok(summary)
}

/// Merge policy of `index`: tantivy's log-size levels, but no segment above
/// [`BoundedMerges::MAX_INPUT_DOCS`] documents is merged again and no merge produces more
/// than [`BoundedMerges::MAX_OUTPUT_DOCS`]. A merge reads all of its input segments through
/// memory maps, and those pages count in the process's resident memory: with unbounded
/// merges, the peak memory of a run grew with the corpus (466 MB at 4x the senate corpus,
/// 288 MB at 1x). Bounded, it is set by the writer heap alone. The price is more segments
/// on a large index (about one per 70k documents), which costs a search a few tens of
/// microseconds per segment.
#[derive(Debug)]
struct BoundedMerges {
    levels: LogMergePolicy,
}

impl BoundedMerges {
    const MAX_INPUT_DOCS: usize = 40_000;
    const MAX_OUTPUT_DOCS: u32 = 80_000;
}

impl Default for BoundedMerges {
    fn default() -> BoundedMerges {
        let mut levels = LogMergePolicy::default();
        // A big segment whose files were re-read (its old documents deleted) becomes
        // mergeable again once its live documents drop under the bound.
        levels.set_max_docs_before_merge(Self::MAX_INPUT_DOCS);
        BoundedMerges { levels }
    }
}

impl MergePolicy for BoundedMerges {
    fn compute_merge_candidates(&self, segments: &[SegmentMeta]) -> Vec<MergeCandidate> {
        let docs: HashMap<SegmentId, u32> =
            segments.iter().map(|s| (s.id(), s.num_docs())).collect();
        let mut out = Vec::new();
        for MergeCandidate(ids) in self.levels.compute_merge_candidates(segments) {
            let mut chunk: Vec<SegmentId> = Vec::new();
            let mut total = 0u32;
            for id in ids {
                let n = docs.get(&id).copied().unwrap_or(0);
                if !chunk.is_empty() && total + n > Self::MAX_OUTPUT_DOCS {
                    if chunk.len() > 1 {
                        out.push(MergeCandidate(std::mem::take(&mut chunk)));
                    }
                    chunk.clear();
                    total = 0;
                }
                chunk.push(id);
                total += n;
            }
            if chunk.len() > 1 {
                out.push(MergeCandidate(chunk));
            }
        }
        out
    }
}

fn commit(writer: &mut IndexWriter<TantivyDocument>, roots: &[String], aliases: u64) -> Result<()> {
    let info = CommitInfo {
        schema_version: super::schema::SCHEMA_VERSION,
        updated: now_rfc3339(),
        roots: roots.to_vec(),
        aliases,
    };
    let mut prepared = writer.prepare_commit()?;
    prepared.set_payload(&serde_json::to_string(&info).unwrap_or_default());
    prepared.commit()?;
    Ok(())
}

/// Sends one file's messages: held back until the file is read whole (so that a file
/// given up on costs nothing), or, past [`STREAM_AFTER`] bytes of text, streamed. Either
/// way the file's messages go out after [`Gate::enter`], opened by `Begin`, closed by
/// `FileDone` or `Abandoned`.
struct FileSender<'a> {
    tx: &'a crossbeam_channel::Sender<Msg>,
    gate: &'a Gate,
    file: usize,
    forget: Option<String>,
    begun: bool,
    pending: Vec<ArticleDocs>,
    pending_docs: usize,
    pending_bytes: usize,
}

/// Text a worker holds back before it starts sending a file part-way.
const STREAM_AFTER: usize = 64 << 20;

impl FileSender<'_> {
    fn push(&mut self, a: ArticleDocs, bytes: usize) {
        self.pending_docs += a.docs.len();
        self.pending_bytes += bytes;
        self.pending.push(a);
        if !self.begun && self.pending_bytes >= STREAM_AFTER {
            self.begin();
        }
        if self.begun && self.pending_docs >= 256 {
            self.flush();
        }
    }

    fn begin(&mut self) {
        self.gate.enter();
        let _ = self.tx.send(Msg::Begin {
            forget: self.forget.take(),
        });
        self.begun = true;
    }

    fn flush(&mut self) {
        if !self.pending.is_empty() {
            let _ = self.tx.send(Msg::Docs {
                file: self.file,
                articles: std::mem::take(&mut self.pending),
            });
        }
        self.pending_docs = 0;
    }

    fn finish(mut self, done: Msg) {
        if !self.begun {
            self.begin();
        }
        self.flush();
        let _ = self.tx.send(done);
    }

    /// Ctrl-C part-way: what was sent of the file goes again (its old documents went with
    /// `Begin`), so that the next run reads it whole.
    fn abandon(self, canonical: &str) {
        if self.begun {
            let _ = self.tx.send(Msg::Abandoned(canonical.to_string()));
        }
    }
}

/// What a worker needs besides the file itself.
struct Worker<'a> {
    f: &'a Fields,
    fresh: bool,
    reporter: &'a dyn Reporter,
    tx: &'a crossbeam_channel::Sender<Msg>,
    gate: &'a Gate,
    stop: &'a AtomicBool,
    max_file_bytes: u64,
    extract_budget: Duration,
}

fn process_file(index: usize, item: &WorkItem, w: &Worker<'_>) {
    let (f, reporter, tx) = (w.f, w.reporter, w.tx);
    let display = item.path.to_string_lossy().into_owned();
    let bytes = match budget::read_bounded(&item.path, w.max_file_bytes) {
        Ok(b) => b,
        Err(e) => {
            reporter.problem(&format!("{display}: {e}"));
            let _ = tx.send(Msg::FileFailed);
            return;
        }
    };
    let hash = xxhash_rust::xxh3::xxh3_64(&bytes);
    let mut sender = FileSender {
        tx,
        gate: w.gate,
        file: index,
        // An interrupted earlier run may have committed part of a file it never recorded,
        // so anything but a brand-new index forgets the file's old documents first.
        forget: (item.known || !w.fresh).then(|| item.canonical.clone()),
        begun: false,
        pending: Vec::new(),
        pending_docs: 0,
        pending_bytes: 0,
    };
    let mut articles = 0u64;
    let mut quotes = 0u64;
    let mut records_failed = 0u64;
    let mut warnings = 0u64;
    let mut stopped = false;
    let mut sink = |rec: std::result::Result<Article, ingest::RecordError>| match rec {
        _ if stopped => {}
        Ok(article) => {
            let found = match budget::extract_within(
                &article.body,
                article.author.as_deref(),
                w.extract_budget,
                w.stop,
            ) {
                budget::Extracted::Quotes(q) => q,
                budget::Extracted::TimedOut => {
                    let at = match article.line {
                        Some(n) if item.format == Format::JsonLines => format!(":{n}"),
                        Some(n) => format!("[{n}]"),
                        None => String::new(),
                    };
                    reporter.problem(&format!(
                        "warning: {display}{at}: finding quotes took more than {} s \
                         (--extract-secs); indexed without quotes",
                        w.extract_budget.as_secs()
                    ));
                    warnings += 1;
                    Vec::new()
                }
                budget::Extracted::Stopped => {
                    stopped = true;
                    return;
                }
            };
            articles += 1;
            quotes += found.len() as u64;
            let docs = article_docs(f, &item.canonical, &article, &found);
            sender.push(
                ArticleDocs {
                    quotes: found.len() as u64,
                    id: article.id,
                    line: article.line,
                    docs,
                },
                article.text.len(),
            );
        }
        Err(e) => {
            records_failed += 1;
            reporter.problem(&e.to_string());
        }
    };
    let parsed = ingest::parse(item.format, &display, &item.canonical, &bytes, &mut sink);
    if stopped || w.stop.load(Ordering::Relaxed) {
        sender.abandon(&item.canonical);
        return;
    }
    match parsed {
        Ok(report) => {
            for w in &report.warnings {
                reporter.problem(&format!("warning: {display}: {w}"));
            }
            warnings += report.warnings.len() as u64;
        }
        Err(e) => {
            reporter.problem(&e.to_string());
            let _ = tx.send(Msg::FileFailed);
            // Record the failed file too, so an unchanged broken file is not re-read and
            // re-reported on every run; fixing it changes its mtime.
        }
    };
    let mut record = TantivyDocument::default();
    record.add_text(f.kind, KIND_FILE);
    record.add_text(f.file, &item.canonical);
    record.add_text(f.file_name, &item.canonical);
    record.add_text(f.path, &display);
    record.add_u64(f.file_size, item.size);
    record.add_i64(f.file_mtime, item.mtime);
    record.add_u64(f.file_hash, hash);
    record.add_u64(f.file_articles, articles);
    record.add_u64(f.file_quotes, quotes);
    place_quotes(&mut record, f, 0, 0);
    sender.finish(Msg::FileDone {
        record,
        known: item.known,
        articles,
        quotes,
        bytes: bytes.len() as u64,
        records_failed,
        warnings,
    });
}

/// The article document plus one document per quote.
pub fn article_docs(
    f: &Fields,
    file: &str,
    article: &Article,
    quotes: &[Quote],
) -> Vec<TantivyDocument> {
    let date = article.date.as_deref().and_then(parse_date);
    let mut docs = Vec::with_capacity(quotes.len() + 1);
    // Key each distinct speaker once (key building folds Unicode and allocates); an
    // article's quotes mostly share a few speakers. `people` holds (name as found, name
    // stored, key) in order of first appearance, `speakers` each quote's index into it.
    // Names are stored as the article gave them: the alias file applies when the people
    // table is built (`crate::people`), so changing it needs no re-index.
    let mut people: Vec<(&str, &str, String)> = Vec::new();
    let speakers: Vec<Option<usize>> = quotes
        .iter()
        .map(|q| {
            let s = q.speaker.as_deref()?;
            Some(match people.iter().position(|p| p.0 == s) {
                Some(i) => i,
                None => {
                    people.push((s, s, identity::speaker_key(s)));
                    people.len() - 1
                }
            })
        })
        .collect();

    let mut doc = TantivyDocument::default();
    doc.add_text(f.kind, KIND_ARTICLE);
    doc.add_text(f.file, file);
    doc.add_text(f.article_id, &article.id);
    doc.add_text(f.path, &article.path);
    if let Some(v) = &article.title {
        doc.add_text(f.title, v);
    }
    if let Some(d) = date {
        doc.add_date(f.date, d);
    }
    if let Some(v) = &article.source {
        doc.add_text(f.source, v);
        doc.add_text(f.source_key, v);
    }
    if let Some(v) = &article.url {
        doc.add_text(f.url, v);
    }
    if let Some(v) = &article.author {
        doc.add_text(f.author, v);
    }
    doc.add_text(f.body, &article.body);
    place_quotes(&mut doc, f, quotes.len(), 0);
    // The article lists each of its speakers once: `speaker:` searches and the speaker
    // facets of a search count articles, and `speakers` counts an article per key.
    let mut speakers_seen = HashSet::new();
    for (_, name, key) in &people {
        if speakers_seen.insert(key.as_str()) {
            doc.add_text(f.speaker, name);
            doc.add_text(f.article_speaker, key);
        }
    }
    docs.push(doc);

    // Quote text is searched through the body's postings (see `schema`): each quote
    // records the body token positions it covers.
    let spans: Vec<(usize, usize)> = quotes.iter().map(|q| (q.start, q.end)).collect();
    let positions = positions::token_ranges(&article.body, &spans);
    for (i, (q, speaker)) in quotes.iter().zip(&speakers).enumerate() {
        let mut doc = TantivyDocument::default();
        doc.add_text(f.kind, KIND_QUOTE);
        doc.add_text(f.file, file);
        doc.add_text(f.article_id, &article.id);
        // Date and source key are filters and sort keys of quote queries; everything else
        // about the article is read from the article document when a quote is shown.
        if let Some(d) = date {
            doc.add_date(f.date, d);
        }
        if let Some(v) = &article.source {
            doc.add_text(f.source_key, v);
        }
        if let Some((_, name, key)) = speaker.map(|i| &people[i]) {
            doc.add_text(f.speaker, name);
            doc.add_text(f.speaker_key, key);
            doc.add_text(f.speaker_name, name);
            let form = identity::speaker_form(
                name,
                q.speaker_title.as_deref(),
                q.speaker_mention.as_deref(),
            );
            doc.add_text(f.speaker_form, &form);
        }
        for (field, v) in [
            (f.speaker_mention, &q.speaker_mention),
            (f.speaker_title, &q.speaker_title),
            (f.cue, &q.cue),
        ] {
            if let Some(v) = v {
                doc.add_text(field, v);
            }
        }
        doc.add_u64(f.start, q.start as u64);
        doc.add_u64(f.end, q.end as u64);
        let (from, to) = positions[i];
        place_quotes(&mut doc, f, 0, u64::from(from) << 32 | u64::from(to));
        docs.push(doc);
    }
    docs
}

/// The two fast fields quote-text queries read (see `schema`), on every document, 0 where
/// they do not apply: a column with a value for every document is read directly, without
/// first finding the document's row in an index of those that have one.
fn place_quotes(doc: &mut TantivyDocument, f: &Fields, count: usize, span: u64) {
    doc.add_u64(f.quote_count, count as u64);
    doc.add_u64(f.quote_span, span);
}

/// `YYYY-MM-DD` or RFC 3339 → tantivy date.
pub fn parse_date(s: &str) -> Option<DateTime> {
    use time::format_description::well_known::Rfc3339;
    let s = s.trim();
    if let Ok(dt) = time::OffsetDateTime::parse(s, &Rfc3339) {
        return Some(DateTime::from_utc(dt));
    }
    let d = time::Date::parse(
        s.get(..10)?,
        time::macros::format_description!("[year]-[month]-[day]"),
    )
    .ok()?;
    Some(DateTime::from_utc(d.midnight().assume_utc()))
}

fn mtime_of(m: &std::fs::Metadata) -> i64 {
    m.modified()
        .ok()
        .and_then(|t| t.duration_since(UNIX_EPOCH).ok())
        .map(|d| d.as_nanos() as i64)
        .unwrap_or(0)
}

fn now_rfc3339() -> String {
    let now = time::OffsetDateTime::from(SystemTime::now());
    now.format(&time::format_description::well_known::Rfc3339)
        .unwrap_or_default()
}

fn load_known_files(dir: &IndexDir) -> Result<HashMap<String, KnownFile>> {
    let f = &dir.fields;
    let reader = dir.index.reader()?;
    let searcher = reader.searcher();
    let q = TermQuery::new(
        Term::from_field_text(f.kind, KIND_FILE),
        IndexRecordOption::Basic,
    );
    let addrs = searcher.search(&q, &DocSetCollector)?;
    let mut known = HashMap::with_capacity(addrs.len());
    for addr in addrs {
        let doc: TantivyDocument = searcher.doc(addr)?;
        let text = |field| {
            doc.get_first(field)
                .and_then(|v| v.as_str())
                .map(str::to_string)
        };
        let num = |field| doc.get_first(field).and_then(|v| v.as_u64()).unwrap_or(0);
        let Some(file) = text(f.file_name) else {
            continue;
        };
        known.insert(
            file,
            KnownFile {
                size: num(f.file_size),
                mtime: doc
                    .get_first(f.file_mtime)
                    .and_then(|v| v.as_i64())
                    .unwrap_or(0),
                articles: num(f.file_articles),
            },
        );
    }
    Ok(known)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn merges_stay_under_the_bounds() {
        let (schema, _) = crate::index::schema::build();
        let index = tantivy::Index::create_in_ram(schema);
        // Two flushed segments over the input bound, and eight small ones of one log level.
        let sizes = [
            73_000u32, 72_000, 30_000, 29_000, 28_000, 27_000, 26_000, 25_000, 24_000, 23_000,
        ];
        let metas: Vec<SegmentMeta> = sizes
            .iter()
            .map(|&n| index.new_segment_meta(SegmentId::generate_random(), n))
            .collect();
        let docs: HashMap<SegmentId, u32> = metas.iter().map(|m| (m.id(), m.num_docs())).collect();
        let candidates = BoundedMerges::default().compute_merge_candidates(&metas);
        assert!(!candidates.is_empty(), "the small segments merge");
        let mut merged = 0;
        for MergeCandidate(ids) in &candidates {
            assert!(ids.len() > 1);
            let total: u32 = ids.iter().map(|id| docs[id]).sum();
            assert!(total <= BoundedMerges::MAX_OUTPUT_DOCS, "{total}");
            assert!(ids
                .iter()
                .all(|id| docs[id] as usize <= BoundedMerges::MAX_INPUT_DOCS));
            merged += ids.len();
        }
        // 30+29, 28+27, 26+25+24: the 23k segment is left over, the two big ones never merge.
        assert_eq!(merged, 7, "{candidates:?}");
    }
}
