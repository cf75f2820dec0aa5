//! Single-thread tokens per second of the `qb` analyzer over the corpus bodies: tantivy's
//! four-stage chain (`SimpleTokenizer → RemoveLongFilter(48) → LowerCaser →
//! AsciiFoldingFilter`, what `register_tokenizers` used to build) against the fused
//! `quotebook::index::tokenizer::QbTokenizer`, in interleaved rounds so that load on the
//! machine hits both alike. Before timing, checks that both give the same token stream on
//! every body.
//!
//! Usage: `tokenize-speed CORPUS_DIR [--rounds 5]`
//! Prints one JSON object.

use quotebook::index::tokenizer::reference_chain as chain;
use quotebook::index::tokenizer::QbTokenizer;
use quotebook::ingest::{self, Format};
use quotebook_bench::{arg_value, jsonl_files};
use std::path::PathBuf;
use std::time::Instant;
use tantivy::tokenizer::{TextAnalyzer, TokenStream};

/// Tokens in all bodies, and the seconds it took; the sum of the token bytes and positions
/// keeps the work from being optimised away.
fn run(analyzer: &mut TextAnalyzer, bodies: &[String]) -> (u64, f64, u64) {
    let t = Instant::now();
    let (mut n, mut check) = (0u64, 0u64);
    for b in bodies {
        let mut s = analyzer.token_stream(b);
        while s.advance() {
            let tok = s.token();
            n += 1;
            check = check.wrapping_add(tok.text.len() as u64 + tok.position as u64);
        }
    }
    (n, t.elapsed().as_secs_f64(), check)
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let Some(corpus) = args.first().filter(|a| !a.starts_with("--")) else {
        eprintln!("usage: tokenize-speed CORPUS_DIR [--rounds N]");
        std::process::exit(2);
    };
    let rounds: u32 = arg_value(&args, "--rounds").map_or(5, |v| v.parse().expect("--rounds N"));
    let mut bodies: Vec<String> = Vec::new();
    for p in jsonl_files(&PathBuf::from(corpus)) {
        let bytes = std::fs::read(&p).expect("read");
        let path = p.display().to_string();
        let _ = ingest::parse(Format::JsonLines, &path, &path, &bytes, &mut |r| {
            if let Ok(a) = r {
                bodies.push(a.body);
            }
        });
    }
    let text_bytes: u64 = bodies.iter().map(|b| b.len() as u64).sum();

    let mut old = chain();
    let mut new = TextAnalyzer::from(QbTokenizer::default());
    let mut differ = 0u64;
    for b in &bodies {
        let (mut a, mut z) = (old.token_stream(b), new.token_stream(b));
        loop {
            match (a.advance(), z.advance()) {
                (true, true) if a.token() == z.token() => {}
                (false, false) => break,
                _ => {
                    differ += 1;
                    break;
                }
            }
        }
    }

    let (mut best_old, mut best_new) = (f64::INFINITY, f64::INFINITY);
    let (mut tokens, mut checks) = (0u64, (0u64, 0u64));
    for _ in 0..rounds {
        let (n, s, c) = run(&mut old, &bodies);
        best_old = best_old.min(s);
        let (m, t, d) = run(&mut new, &bodies);
        best_new = best_new.min(t);
        assert_eq!(n, m, "token counts differ");
        tokens = n;
        checks = (c, d);
    }
    assert_eq!(checks.0, checks.1, "token checksums differ");
    let out = serde_json::json!({
        "bodies": bodies.len(),
        "text_bytes": text_bytes,
        "tokens": tokens,
        "bodies_with_different_tokens": differ,
        "rounds": rounds,
        "chain_best_seconds": best_old,
        "fused_best_seconds": best_new,
        "chain_tokens_per_s": tokens as f64 / best_old,
        "fused_tokens_per_s": tokens as f64 / best_new,
        "speedup": best_old / best_new,
    });
    println!("{out}");
}
