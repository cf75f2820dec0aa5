//! Warm, in-process query latency: quotebook (through its library, snippets included) and
//! the plain-tantivy baseline index (TopDocs 10 + Count + tantivy's SnippetGenerator on the
//! body of each hit).
//!
//! Usage: `queries --queries bench/queries.json [--qb DIR] [--baseline DIR] [--reps 50]
//!         [--warmup 3] [--only id,id]`
//! Prints one JSON object per (engine, query): `{engine, id, kind, hits, p50_ms, p95_ms, …}`.

use quotebook::index::IndexDir;
use quotebook::query::quotes::QuoteRequest;
use quotebook::query::{SearchRequest, Searchable, Sort};
use quotebook_bench::{arg_value, days_from_civil, time_reps, Latency};
use serde::Deserialize;
use std::hint::black_box;
use std::ops::Bound;
use std::path::PathBuf;
use tantivy::collector::{Count, TopDocs};
use tantivy::query::{BooleanQuery, Occur, Query, QueryParser, RangeQuery};
use tantivy::schema::Field;
use tantivy::snippet::SnippetGenerator;
use tantivy::{DateTime, Index, Searcher, TantivyDocument, Term};

#[derive(Debug, Deserialize)]
struct Spec {
    id: String,
    kind: String,
    op: String,
    #[serde(default)]
    q: String,
    /// Query string for the baseline when it differs (RFC 3339 dates).
    tantivy: Option<String>,
    by: Option<String>,
    prefix: Option<String>,
    since: Option<String>,
    until: Option<String>,
    /// The date restriction is already inside `q` (quotebook syntax) and `tantivy`.
    #[serde(default)]
    date_in_query: bool,
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let specs_path = arg_value(&args, "--queries").unwrap_or_else(|| "bench/queries.json".into());
    let specs: Vec<Spec> = serde_json::from_str(
        &std::fs::read_to_string(&specs_path)
            .unwrap_or_else(|e| die(&format!("{specs_path}: {e}"))),
    )
    .unwrap_or_else(|e| die(&format!("{specs_path}: {e}")));
    let reps: usize = arg_value(&args, "--reps").map_or(50, |v| v.parse().expect("--reps N"));
    let warmup: usize = arg_value(&args, "--warmup").map_or(3, |v| v.parse().expect("--warmup N"));
    let only: Option<Vec<String>> =
        arg_value(&args, "--only").map(|v| v.split(',').map(str::to_string).collect());
    let selected: Vec<&Spec> = specs
        .iter()
        .filter(|s| only.as_ref().is_none_or(|o| o.contains(&s.id)))
        .collect();

    if let Some(dir) = arg_value(&args, "--qb") {
        let idx = IndexDir::open(&PathBuf::from(&dir))
            .and_then(Searchable::open)
            .unwrap_or_else(|e| die(&format!("{dir}: {e}")));
        for spec in &selected {
            let r = run_quotebook(&idx, spec, warmup, reps);
            emit("quotebook", spec, r);
        }
    }
    if let Some(dir) = arg_value(&args, "--baseline") {
        let base =
            Baseline::open(&PathBuf::from(&dir)).unwrap_or_else(|e| die(&format!("{dir}: {e}")));
        for spec in selected.iter().filter(|s| s.op == "search") {
            let r = base.run(spec, warmup, reps);
            emit("tantivy", spec, r);
        }
    }
}

fn die(msg: &str) -> ! {
    eprintln!("queries: {msg}");
    std::process::exit(2);
}

fn emit(engine: &str, spec: &Spec, r: Result<(Latency, usize), String>) {
    let mut out = serde_json::json!({"engine": engine, "id": spec.id, "kind": spec.kind});
    match r {
        Ok((lat, hits)) => {
            out["hits"] = hits.into();
            out["p50_ms"] = lat.p50_ms.into();
            out["p95_ms"] = lat.p95_ms.into();
            out["min_ms"] = lat.min_ms.into();
            out["reps"] = lat.reps.into();
        }
        Err(e) => out["error"] = e.into(),
    }
    println!("{out}");
}

fn run_quotebook(
    idx: &Searchable,
    spec: &Spec,
    warmup: usize,
    reps: usize,
) -> Result<(Latency, usize), String> {
    let (since, until) = if spec.date_in_query {
        (None, None)
    } else {
        (spec.since.clone(), spec.until.clone())
    };
    let one = || -> Result<usize, String> {
        match spec.op.as_str() {
            "search" => {
                let res = idx
                    .search(&SearchRequest {
                        query: spec.q.clone(),
                        limit: 10,
                        offset: 0,
                        since: since.clone(),
                        until: until.clone(),
                        sort: Sort::Relevance,
                    })
                    .map_err(|e| e.to_string())?;
                black_box(&res.hits);
                Ok(res.total)
            }
            "quotes" => {
                let res = idx
                    .quotes(&QuoteRequest {
                        query: spec.q.clone(),
                        by: spec.by.clone(),
                        since: since.clone(),
                        until: until.clone(),
                        limit: 10,
                        sort: Sort::Date,
                        ..QuoteRequest::default()
                    })
                    .map_err(|e| e.to_string())?;
                black_box(&res.hits);
                Ok(res.total)
            }
            "speakers" => {
                let rows = idx
                    .speaker_rows(spec.prefix.as_deref(), false, 50)
                    .map_err(|e| e.to_string())?;
                Ok(black_box(rows).len())
            }
            other => Err(format!("unknown op {other}")),
        }
    };
    // Fail fast on an error instead of timing it 50 times.
    one()?;
    let (lat, hits) = time_reps(warmup, reps, one);
    Ok((lat, hits?))
}

struct Baseline {
    index: Index,
    searcher: Searcher,
    title: Field,
    body: Field,
    date: Field,
}

impl Baseline {
    fn open(dir: &std::path::Path) -> tantivy::Result<Baseline> {
        let index = Index::open_in_dir(dir)?;
        let schema = index.schema();
        let searcher = index
            .reader_builder()
            .reload_policy(tantivy::ReloadPolicy::Manual)
            .try_into()?
            .searcher();
        Ok(Baseline {
            title: schema.get_field("title")?,
            body: schema.get_field("body")?,
            date: schema.get_field("date")?,
            index,
            searcher,
        })
    }

    fn query(&self, spec: &Spec) -> Result<Box<dyn Query>, String> {
        let mut parser = QueryParser::for_index(&self.index, vec![self.title, self.body]);
        parser.set_conjunction_by_default();
        let text = spec.tantivy.as_deref().unwrap_or(&spec.q);
        let q = parser.parse_query(text).map_err(|e| e.to_string())?;
        if spec.date_in_query || (spec.since.is_none() && spec.until.is_none()) {
            return Ok(q);
        }
        let bound = |s: &Option<String>, end: bool| match s.as_deref().and_then(day_secs) {
            Some(secs) => Bound::Included(Term::from_field_date(
                self.date,
                DateTime::from_timestamp_secs(if end { secs + 86_399 } else { secs }),
            )),
            None => Bound::Unbounded,
        };
        let range = RangeQuery::new(bound(&spec.since, false), bound(&spec.until, true));
        Ok(Box::new(BooleanQuery::new(vec![
            (Occur::Must, q),
            (Occur::Must, Box::new(range)),
        ])))
    }

    fn run(&self, spec: &Spec, warmup: usize, reps: usize) -> Result<(Latency, usize), String> {
        let one = || -> Result<usize, String> {
            let query = self.query(spec)?;
            let (top, total) = self
                .searcher
                .search(&*query, &(TopDocs::with_limit(10).order_by_score(), Count))
                .map_err(|e| e.to_string())?;
            let mut snippets = SnippetGenerator::create(&self.searcher, &*query, self.body)
                .map_err(|e| e.to_string())?;
            snippets.set_max_num_chars(220);
            for (_, addr) in top {
                let doc: TantivyDocument = self.searcher.doc(addr).map_err(|e| e.to_string())?;
                black_box(snippets.snippet_from_doc(&doc).to_html());
            }
            Ok(total)
        };
        one()?;
        let (lat, hits) = time_reps(warmup, reps, one);
        Ok((lat, hits?))
    }
}

fn day_secs(s: &str) -> Option<i64> {
    let y: i64 = s.get(0..4)?.parse().ok()?;
    let m: u32 = s.get(5..7)?.parse().ok()?;
    let d: u32 = s.get(8..10)?.parse().ok()?;
    Some(days_from_civil(y, m, d) * 86_400)
}
