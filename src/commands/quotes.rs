use crate::cli::{QuotesArgs, SpeakersArgs};
use crate::index::IndexDir;
use crate::output::{human, json, Mode};
use crate::query::quotes::QuoteRequest;
use crate::query::Searchable;
use std::io::Write;
use std::path::Path;

pub fn run(index_dir: &Path, args: QuotesArgs, mode: Mode) -> anyhow::Result<u8> {
    let idx = super::open_budgeted(index_dir)?;
    let req = QuoteRequest {
        query: args.query,
        by: args.by.clone(),
        person: args.person.clone(),
        since: args.since,
        until: args.until,
        source: args.source,
        limit: args.limit,
        offset: args.offset,
        sort: super::sort_of(args.sort),
    };
    let res = idx.quotes(&req);
    idx.check_budget()?;
    let res = res?;
    if let Some(u) = &res.unlinked {
        eprintln!("quotebook: {}", human::unlinked_note(u));
    }
    if res.people.len() > 1 {
        let names: Vec<String> = res
            .people
            .iter()
            .map(|p| format!("{} ({})", p.name, p.quotes))
            .collect();
        eprintln!(
            "quotebook: `{}` matches {} people: {}; give a full name to pick one",
            args.by.as_deref().unwrap_or_default(),
            res.people.len(),
            names.join(", ")
        );
    }
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    let mut last_person: Option<&str> = None;
    for hit in &res.hits {
        match mode {
            Mode::Json => json::line(&mut out, hit)?,
            Mode::Human { color } => {
                let person = hit.person.as_ref();
                if res.people.len() > 1 && last_person != person.map(|p| p.id.as_str()) {
                    let name = person
                        .map(|p| p.name.as_str())
                        .or(hit.speaker.as_deref())
                        .unwrap_or("?");
                    human::group_header(&mut out, name, color)?;
                    last_person = person.map(|p| p.id.as_str());
                }
                human::quote_hit(&mut out, hit, color)?
            }
        }
    }
    out.flush()?;
    if let Mode::Human { .. } = mode {
        eprintln!("{} of {} matching quotes", res.hits.len(), res.total);
    }
    Ok(if res.total == 0 {
        super::exit::NO_RESULTS
    } else {
        super::exit::OK
    })
}

pub fn speakers(index_dir: &Path, args: SpeakersArgs, mode: Mode) -> anyhow::Result<u8> {
    let idx = Searchable::open(IndexDir::open(index_dir)?)?;
    let rows = idx.speaker_rows(args.prefix.as_deref(), false, args.limit)?;
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    match mode {
        Mode::Json => {
            for r in &rows {
                json::line(&mut out, r)?;
            }
        }
        Mode::Human { .. } => human::speakers(&mut out, &rows)?,
    }
    out.flush()?;
    Ok(if rows.is_empty() {
        super::exit::NO_RESULTS
    } else {
        super::exit::OK
    })
}
