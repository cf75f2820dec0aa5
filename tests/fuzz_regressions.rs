//! Inputs the fuzzers (`fuzz/`) once crashed or hung on, replayed under plain `cargo test` so
//! a regression is caught without cargo-fuzz or a nightly toolchain. Each file under
//! `fuzz/regressions/<target>/` is one input, exactly as libFuzzer saved it.

use crate::util::{article_txt, Env};
use quotebook::error::Error;
use quotebook::index::IndexDir;
use quotebook::query::quotes::QuoteRequest;
use quotebook::query::{SearchRequest, Searchable};
use std::path::PathBuf;
use std::sync::mpsc;
use std::time::Duration;

/// A regression that hangs must fail the suite, not stall it.
const PER_INPUT: Duration = Duration::from_secs(60);

/// The saved inputs of `target`, by file name. A target nothing has been found for yet has
/// no folder (git keeps no empty ones): that is zero inputs, not an error.
fn inputs(target: &str) -> Vec<(String, String)> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("fuzz/regressions")
        .join(target);
    let Ok(entries) = std::fs::read_dir(&dir) else {
        assert!(
            !dir.exists(),
            "{} exists but cannot be listed",
            dir.display()
        );
        return Vec::new();
    };
    let mut v: Vec<(String, String)> = entries
        .map(|e| {
            let path = e.unwrap().path();
            let bytes = std::fs::read(&path).unwrap();
            // The targets take `&str` and libFuzzer skips other inputs, so every saved input
            // is UTF-8; a file that is not was added by hand and would test nothing.
            let text = String::from_utf8(bytes)
                .unwrap_or_else(|_| panic!("{} is not UTF-8", path.display()));
            (
                path.file_name().unwrap().to_string_lossy().into_owned(),
                text,
            )
        })
        .collect();
    v.sort();
    v
}

/// Run `check` on every input of `target` on a worker thread, failing on a panic or on an
/// input that takes longer than `PER_INPUT`, and naming the input either way.
fn replay<S: 'static>(
    target: &str,
    setup: impl FnOnce() -> S + Send + 'static,
    check: fn(&S, &str),
) {
    let all = inputs(target);
    let names: Vec<String> = all.iter().map(|(n, _)| n.clone()).collect();
    let (tx, rx) = mpsc::channel::<std::thread::Result<()>>();
    std::thread::spawn(move || {
        let state = setup();
        for (_, text) in all {
            let r = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| check(&state, &text)));
            if tx.send(r).is_err() {
                return;
            }
        }
    });
    for name in names {
        match rx.recv_timeout(PER_INPUT) {
            Ok(Ok(())) => {}
            Ok(Err(_)) => panic!("{target}/{name}: panicked (message above)"),
            Err(mpsc::RecvTimeoutError::Timeout) => {
                panic!("{target}/{name}: no answer within {PER_INPUT:?}")
            }
            Err(mpsc::RecvTimeoutError::Disconnected) => {
                panic!("{target}: setup failed before {name} (message above)")
            }
        }
    }
}

/// The same properties the `extract` fuzz target asserts (`extract::check_spans`).
fn check_extract(_: &(), text: &str) {
    let quotes = quotebook::extract::extract(text);
    if let Err(e) = quotebook::extract::check_spans(text, &quotes) {
        panic!("{e}");
    }
}

#[test]
fn extract_regressions() {
    replay("extract", || (), check_extract);
}

/// Like the `query` fuzz target: the query goes all the way through tantivy's parser and a
/// search, and may only succeed or be refused as a bad query.
fn check_query(index: &(Env, Searchable), query: &str) {
    let _ = quotebook::query::parse::prepare(query);
    let search = index.1.search(&SearchRequest {
        query: query.to_string(),
        limit: 10,
        ..Default::default()
    });
    let quotes = index.1.quotes(&QuoteRequest {
        query: query.to_string(),
        limit: 10,
        ..Default::default()
    });
    for err in [search.err(), quotes.err()].into_iter().flatten() {
        assert!(
            matches!(err, Error::BadQuery(_) | Error::QueryTooCostly(_)),
            "{query:?}: {err}"
        );
    }
}

#[test]
fn query_regressions() {
    replay(
        "query",
        || {
            let env = Env::new();
            env.write(
                "c/a.txt",
                article_txt(
                    "Budget",
                    "\u{201c}We will pass the budget,\u{201d} said Senator Jane Smith.",
                ),
            );
            // One frequent word thousands of times: what sloppy repeated-word phrases need
            // to explode (issue #20).
            let the: Vec<&str> = (0..3000)
                .map(|i| if i % 5 == 2 { "council" } else { "the" })
                .collect();
            env.write("c/the.txt", article_txt("The", &the.join(" ")));
            env.qb(&["index", "c"]).code(0);
            let s = Searchable::open(IndexDir::open(&env.index_dir()).unwrap()).unwrap();
            (env, s)
        },
        check_query,
    );
}

/// The replay checks are only worth something if they look at real output: a quote for
/// the extractor check, a refusal for the query check.
#[test]
fn replay_checks_see_quotes_and_refusals() {
    let text = "\u{201c}We will pass the budget this year,\u{201d} said Senator Jane Smith.";
    assert_eq!(quotebook::extract::extract(text).len(), 1);
    check_extract(&(), text);
    assert!(matches!(
        quotebook::query::parse::prepare("colour:red"),
        Err(Error::BadQuery(_))
    ));
}
