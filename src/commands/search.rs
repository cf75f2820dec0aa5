use crate::cli::SearchArgs;
use crate::output::{human, json, Mode};
use crate::query::SearchRequest;
use std::io::Write;
use std::path::Path;

pub fn run(index_dir: &Path, args: SearchArgs, mode: Mode) -> anyhow::Result<u8> {
    let idx = super::open_budgeted(index_dir)?;
    let req = SearchRequest {
        query: args.query,
        limit: args.limit,
        offset: args.offset,
        since: args.since,
        until: args.until,
        sort: super::sort_of(args.sort),
    };
    let res = idx.search(&req);
    idx.check_budget()?;
    let res = res?;
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    for hit in &res.hits {
        match mode {
            Mode::Json => json::line(&mut out, hit)?,
            Mode::Human { color } => human::article_hit(&mut out, hit, color)?,
        }
    }
    if args.facets && res.total > 0 {
        let facets = idx.facets(&req, 10)?;
        match mode {
            Mode::Json => json::line(
                &mut out,
                &serde_json::json!({"type": "facets", "data": facets}),
            )?,
            Mode::Human { color } => human::facets(&mut out, &facets, color)?,
        }
    }
    out.flush()?;
    if let Mode::Human { .. } = mode {
        let shown = res.hits.len();
        eprintln!(
            "{} of {} matching article{}",
            shown,
            res.total,
            if res.total == 1 { "" } else { "s" }
        );
    }
    Ok(if res.total == 0 {
        super::exit::NO_RESULTS
    } else {
        super::exit::OK
    })
}
