//! Plain-tantivy baseline for `quotebook index`: the same JSON Lines bodies, the same
//! pipeline shape (a rayon pool parses files, one bounded channel feeds one `IndexWriter`),
//! the same thread count and writer heap as quotebook's defaults, but no extraction, no
//! quote documents, no change detection and only the fields a plain search needs:
//! `title` and `body` as `TEXT | STORED` (stored so that results can show snippets, as
//! quotebook's do) and `date` (`INDEXED | FAST`, for date-restricted queries).
//!
//! Usage: `baseline-index CORPUS_DIR INDEX_DIR [--threads N] [--heap-mb MB]`
//! Prints one JSON object: `{"docs", "bytes", "text_bytes", "seconds"}`.

use quotebook_bench::{arg_value, days_from_civil, jsonl_files};
use rayon::prelude::*;
use serde::Deserialize;
use std::path::{Path, PathBuf};
use std::time::Instant;
use tantivy::schema::{DateOptions, DateTimePrecision, Schema, INDEXED, STORED, TEXT};
use tantivy::{DateTime, Index, IndexWriter, TantivyDocument};

#[derive(Deserialize)]
struct Record {
    title: Option<String>,
    text: Option<String>,
    date: Option<String>,
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let positional: Vec<&String> = positional(&args);
    if positional.len() != 2 {
        eprintln!("usage: baseline-index CORPUS_DIR INDEX_DIR [--threads N] [--heap-mb MB]");
        std::process::exit(2);
    }
    let corpus = PathBuf::from(positional[0]);
    let index_dir = PathBuf::from(positional[1]);
    // quotebook's defaults: one thread per CPU, its default writer heap.
    let threads: usize = arg_value(&args, "--threads")
        .map(|v| v.parse().expect("--threads N"))
        .unwrap_or_else(|| {
            std::thread::available_parallelism()
                .map(|n| n.get())
                .unwrap_or(1)
        });
    let heap_mb: usize = arg_value(&args, "--heap-mb")
        .map(|v| v.parse().expect("--heap-mb MB"))
        .unwrap_or(quotebook::index::writer::DEFAULT_HEAP_MB as usize);

    let started = Instant::now();
    let (docs, bytes, text_bytes) = index(&corpus, &index_dir, threads, heap_mb << 20)
        .unwrap_or_else(|e| {
            eprintln!("baseline-index: {e}");
            std::process::exit(2);
        });
    let out = serde_json::json!({
        "docs": docs,
        "bytes": bytes,
        "text_bytes": text_bytes,
        "seconds": started.elapsed().as_secs_f64(),
        "threads": threads,
        "heap_mb": heap_mb,
    });
    println!("{out}");
}

fn positional(args: &[String]) -> Vec<&String> {
    let mut out = Vec::new();
    let mut skip = false;
    for a in args {
        if skip {
            skip = false;
        } else if a.starts_with("--") {
            skip = true;
        } else {
            out.push(a);
        }
    }
    out
}

fn index(
    corpus: &Path,
    index_dir: &Path,
    threads: usize,
    heap: usize,
) -> tantivy::Result<(u64, u64, u64)> {
    let mut b = Schema::builder();
    let title = b.add_text_field("title", TEXT | STORED);
    let body = b.add_text_field("body", TEXT | STORED);
    let date = b.add_date_field(
        "date",
        DateOptions::from(INDEXED)
            .set_fast()
            .set_precision(DateTimePrecision::Seconds),
    );
    let schema = b.build();
    std::fs::create_dir_all(index_dir)?;
    let index = Index::create_in_dir(index_dir, schema)?;
    // Same call as quotebook's src/index/writer.rs.
    let mut writer: IndexWriter<TantivyDocument> =
        index.writer_with_num_threads(threads.min(8), heap.max(15_000_000 * threads))?;

    let files = jsonl_files(corpus);
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(threads)
        .build()
        .expect("thread pool");
    let (tx, rx) = crossbeam_channel::bounded::<(Vec<TantivyDocument>, u64, u64)>(threads * 64);
    let mut docs = 0u64;
    let mut bytes = 0u64;
    let mut text_bytes = 0u64;
    std::thread::scope(|scope| -> tantivy::Result<()> {
        let files = &files;
        scope.spawn(move || {
            pool.install(|| {
                files.par_iter().for_each_with(tx, |tx, path| {
                    let raw = match std::fs::read(path) {
                        Ok(r) => r,
                        Err(e) => {
                            eprintln!("baseline-index: {}: {e}", path.display());
                            return;
                        }
                    };
                    let file_bytes = raw.len() as u64;
                    let text = String::from_utf8_lossy(&raw);
                    let mut batch = Vec::new();
                    let mut batch_text = 0u64;
                    for line in text.lines() {
                        if line.trim().is_empty() {
                            continue;
                        }
                        let Ok(rec) = serde_json::from_str::<Record>(line) else {
                            continue;
                        };
                        let mut doc = TantivyDocument::default();
                        if let Some(t) = &rec.title {
                            doc.add_text(title, t);
                        }
                        if let Some(t) = &rec.text {
                            batch_text += t.len() as u64;
                            doc.add_text(body, t);
                        }
                        if let Some(d) = rec.date.as_deref().and_then(parse_day) {
                            doc.add_date(date, d);
                        }
                        batch.push(doc);
                        if batch.len() >= 256 {
                            let _ = tx.send((std::mem::take(&mut batch), 0, batch_text));
                            batch_text = 0;
                        }
                    }
                    let _ = tx.send((batch, file_bytes, batch_text));
                });
            });
        });
        for (batch, b, t) in rx {
            bytes += b;
            text_bytes += t;
            for doc in batch {
                docs += 1;
                writer.add_document(doc)?;
            }
        }
        Ok(())
    })?;
    writer.commit()?;
    writer.wait_merging_threads()?;
    Ok((docs, bytes, text_bytes))
}

/// `YYYY-MM-DD…` → midnight UTC.
fn parse_day(s: &str) -> Option<DateTime> {
    let y: i64 = s.get(0..4)?.parse().ok()?;
    let m: u32 = s.get(5..7)?.parse().ok()?;
    let d: u32 = s.get(8..10)?.parse().ok()?;
    Some(DateTime::from_timestamp_secs(
        days_from_civil(y, m, d) * 86_400,
    ))
}
