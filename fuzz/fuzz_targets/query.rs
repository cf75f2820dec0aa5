//! A query is either answered or refused with a one-line `BadQuery` (or stopped by its work
//! budget, `QueryTooCostly`): never a panic, never a hang, never an "index error" (which
//! would tell the user their index is broken when only their query is), never memory
//! without bound (run with libFuzzer's `-rss_limit_mb`). The pre-parser alone is not
//! enough: its output goes on to tantivy's parser, so each input runs the whole way
//! through `search` and `quotes` on a small index that includes articles of one frequent
//! word repeated thousands of times, the shape that once made a sloppy phrase of that word
//! (`"the the the the the the the the"~100000`) take 24 GB.
#![no_main]

use libfuzzer_sys::fuzz_target;
use quotebook::error::Error;
use quotebook::index::writer::{self, IndexOptions, Reporter};
use quotebook::index::IndexDir;
use quotebook::query::quotes::QuoteRequest;
use quotebook::query::budget::Budget;
use quotebook::query::{SearchRequest, Searchable};
use std::sync::atomic::AtomicBool;
use std::sync::Arc;
use std::time::Duration;

struct Quiet;
impl Reporter for Quiet {
    fn problem(&self, message: &str) {
        panic!("fixture article rejected: {message}");
    }
}

/// Built once per fuzzing process: indexing is far slower than a query.
fn tiny_index() -> Searchable {
    let dir = std::env::temp_dir().join(format!("quotebook-fuzz-query-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    let articles = dir.join("articles");
    std::fs::create_dir_all(&articles).unwrap();
    std::fs::write(
        articles.join("a.jsonl"),
        concat!(
            r#"{"title":"Budget vote","date":"2005-03-04","source":"Wire","text":"\u201cWe will pass the budget,\u201d said Senator Jane Smith. The harbour plan waits."}"#,
            "\n",
            r#"{"title":"Bridge","date":"2019-11-30","text":"Mayor John Doe said: \u201cThe bridge opens in May.\u201d"}"#,
            "\n",
        ),
    )
    .unwrap();
    let words: Vec<&str> = (0..3000)
        .map(|i| if i % 5 == 2 { "council" } else { "the" })
        .collect();
    let text = words.join(" ");
    for i in 0..4 {
        std::fs::write(
            articles.join(format!("the{i}.txt")),
            format!("The {i}\n\n\u{201c}{},\u{201d} Mayor John Doe said. {text}\n", &text[..500]),
        )
        .unwrap();
    }
    let opts = IndexOptions {
        index: dir.join("idx"),
        roots: vec![articles],
        rebuild: true,
        threads: 1,
        heap_bytes: 15_000_000,
        commit_every: Duration::from_secs(3600),
        aliases: Default::default(),
        max_file_bytes: 1 << 20,
        extract_budget: Duration::from_secs(60),
    };
    writer::run(&opts, &Quiet, &AtomicBool::new(false)).unwrap();
    Searchable::open(IndexDir::open(&opts.index).unwrap()).unwrap()
}

thread_local! {
    static INDEX: Searchable = tiny_index();
}

#[track_caller]
fn clean<T>(query: &str, r: Result<T, Error>) {
    match r {
        Ok(_) | Err(Error::BadQuery(_)) | Err(Error::QueryTooCostly(_)) => {}
        Err(e) => panic!("{query:?}: not a clean refusal: {e}"),
    }
}

fuzz_target!(|query: &str| {
    let _ = quotebook::query::parse::prepare(query);
    INDEX.with(|s| {
        // A small budget per input: a costly query is refused fast instead of slowing the
        // fuzzer down, and a cost that escapes the budget shows up as a slow input.
        let s = &s.with_budget(Arc::new(Budget::new(20_000_000, None)));
        let req = SearchRequest {
            query: query.to_string(),
            limit: 10,
            ..Default::default()
        };
        let r = s.search(&req);
        clean(query, s.check_budget().and(r));
        let req = QuoteRequest {
            query: query.to_string(),
            limit: 10,
            ..Default::default()
        };
        let r = s.quotes(&req);
        clean(query, s.check_budget().and(r));
    });
});
