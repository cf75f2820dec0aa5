//! Single-thread throughput of `quotebook::extract::extract` over the corpus bodies (MB/s
//! per core), and, for comparison, of `quotebook::ingest::parse` (JSON Lines decoding and
//! furniture masking) on the same files.
//!
//! Usage: `extract-speed CORPUS_DIR [--min-secs 3]`
//! Prints one JSON object.

use quotebook::ingest::{self, Format};
use quotebook_bench::{arg_value, jsonl_files};
use std::hint::black_box;
use std::path::PathBuf;
use std::time::Instant;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let Some(corpus) = args.first().filter(|a| !a.starts_with("--")) else {
        eprintln!("usage: extract-speed CORPUS_DIR [--min-secs S]");
        std::process::exit(2);
    };
    let min_secs: f64 =
        arg_value(&args, "--min-secs").map_or(3.0, |v| v.parse().expect("--min-secs S"));
    let files = jsonl_files(&PathBuf::from(corpus));
    let raw: Vec<(String, Vec<u8>)> = files
        .iter()
        .map(|p| {
            let bytes = std::fs::read(p).unwrap_or_else(|e| {
                eprintln!("extract-speed: {}: {e}", p.display());
                std::process::exit(2);
            });
            (p.display().to_string(), bytes)
        })
        .collect();
    let file_bytes: u64 = raw.iter().map(|(_, b)| b.len() as u64).sum();

    // Parse once (timed) and keep the bodies for the extraction loop.
    let t = Instant::now();
    let mut bodies: Vec<String> = Vec::new();
    for (path, bytes) in &raw {
        let mut sink = |rec: Result<quotebook::model::Article, ingest::RecordError>| {
            if let Ok(a) = rec {
                bodies.push(a.body);
            }
        };
        let _ = ingest::parse(Format::JsonLines, path, path, bytes, &mut sink);
    }
    let parse_secs = t.elapsed().as_secs_f64();
    let text_bytes: u64 = bodies.iter().map(|b| b.len() as u64).sum();

    // Warm lazy statics (name tables etc.) before timing.
    for b in bodies.iter().take(50) {
        black_box(quotebook::extract::extract(b));
    }
    let t = Instant::now();
    let mut passes = 0u32;
    let (quotes, attributed) = loop {
        let (mut q, mut a) = (0u64, 0u64);
        for b in &bodies {
            let found = quotebook::extract::extract(b);
            q += found.len() as u64;
            a += found.iter().filter(|x| x.speaker.is_some()).count() as u64;
            black_box(found);
        }
        passes += 1;
        if t.elapsed().as_secs_f64() >= min_secs {
            break (q, a);
        }
    };
    let secs = t.elapsed().as_secs_f64();
    let out = serde_json::json!({
        "articles": bodies.len(),
        "file_bytes": file_bytes,
        "text_bytes": text_bytes,
        "passes": passes,
        "extract_seconds": secs,
        "extract_mb_per_s": text_bytes as f64 * passes as f64 / 1e6 / secs,
        "quotes": quotes,
        "attributed": attributed,
        "parse_seconds": parse_secs,
        "parse_mb_per_s": file_bytes as f64 / 1e6 / parse_secs,
    });
    println!("{out}");
}
