//! Human-readable output.

use super::sanitize::for_terminal;
use crate::index::writer::Summary;
use crate::query::quotes::{QuoteHit, SpeakerRow, Unlinked};
use crate::query::snippet::Snippet;
use crate::query::{ArticleHit, Facets, Stats};
use std::io::Write;

const BOLD_RED: &str = "\x1b[1;31m";
const DIM: &str = "\x1b[2m";
const BOLD: &str = "\x1b[1m";
const RESET: &str = "\x1b[0m";

/// The snippet with its highlights in colour, or in «» brackets when colour is off, so
/// that what matched stays visible in a pipe.
pub fn snippet(s: &Snippet, color: bool) -> String {
    let (on, off) = if color {
        (BOLD_RED, RESET)
    } else {
        ("«", "»")
    };
    let chars: Vec<char> = s.text.chars().collect();
    let mut out = String::with_capacity(s.text.len() + 16);
    let mut pos = 0;
    for &(a, b) in &s.highlights {
        let (a, b) = (a.min(chars.len()), b.min(chars.len()));
        if a < pos {
            continue;
        }
        out.extend(&chars[pos..a]);
        out.push_str(on);
        out.extend(&chars[a..b]);
        out.push_str(off);
        pos = b;
    }
    out.extend(&chars[pos..]);
    for_terminal(&out)
}

pub fn article_hit<W: Write>(out: &mut W, hit: &ArticleHit, color: bool) -> std::io::Result<()> {
    let (b, d, r) = if color {
        (BOLD, DIM, RESET)
    } else {
        ("", "", "")
    };
    let title = hit.title.as_deref().unwrap_or("(untitled)");
    writeln!(out, "{b}{}{r}", for_terminal(title))?;
    let mut meta = Vec::new();
    if let Some(date) = &hit.date {
        meta.push(date.clone());
    }
    if let Some(src) = &hit.source {
        meta.push(src.clone());
    }
    meta.push(hit.path.clone());
    writeln!(out, "{d}{}{r}", for_terminal(&meta.join(" · ")))?;
    writeln!(out, "  {}", snippet(&hit.snippet, color))?;
    writeln!(out)
}

pub fn stats<W: Write>(out: &mut W, s: &Stats) -> std::io::Result<()> {
    writeln!(out, "index:          {}", s.path)?;
    writeln!(out, "articles:       {}", s.articles)?;
    writeln!(out, "quotes:         {}", s.quotes)?;
    writeln!(out, "speakers:       {}", s.speakers)?;
    writeln!(out, "people:         {}", s.people)?;
    writeln!(out, "files:          {}", s.files)?;
    writeln!(out, "size on disk:   {:.1} MB", s.index_bytes as f64 / 1e6)?;
    writeln!(out, "schema version: {}", s.schema_version)?;
    writeln!(
        out,
        "last update:    {}",
        s.updated.as_deref().unwrap_or("never")
    )?;
    for r in &s.roots {
        writeln!(out, "indexed root:   {r}")?;
    }
    Ok(())
}

/// The one summary line `index` ends with.
pub fn index_summary(s: &Summary) -> String {
    let mut line = format!(
        "{} articles indexed, {} updated, {} unchanged, {} removed; {} quotes; {} files read",
        s.articles_indexed,
        s.articles_updated,
        s.articles_unchanged,
        s.articles_removed,
        s.quotes,
        s.files_read,
    );
    if s.files_failed + s.records_failed > 0 {
        line.push_str(&format!(
            "; skipped {} files and {} records with errors (see above)",
            s.files_failed, s.records_failed
        ));
    }
    if s.warnings > 0 {
        line.push_str(&format!("; {} warnings", s.warnings));
    }
    line.push_str(&format!(
        "; {:.1} MB in {:.1} s ({:.1} MB/s)",
        s.bytes as f64 / 1e6,
        s.seconds,
        s.mb_per_s()
    ));
    if s.interrupted {
        line.push_str("; INTERRUPTED: committed what was done, run again to finish");
    }
    line
}

/// The line `index` prints after relinking people.
pub fn people_summary(p: &crate::people::Refreshed) -> String {
    format!(
        "people: {} rows, {} people under several names; linked in {:.2} s",
        p.rows, p.persons, p.seconds
    )
}

pub fn group_header<W: Write>(out: &mut W, name: &str, color: bool) -> std::io::Result<()> {
    let (b, r) = if color { (BOLD, RESET) } else { ("", "") };
    writeln!(out, "{b}== {} =={r}", for_terminal(name))
}

pub fn quote_hit<W: Write>(out: &mut W, hit: &QuoteHit, color: bool) -> std::io::Result<()> {
    let (b, d, r) = if color {
        (BOLD, DIM, RESET)
    } else {
        ("", "", "")
    };
    writeln!(out, "“{}”", for_terminal(&hit.quote))?;
    // The person, then the name the article used when it differs.
    let mut who = hit
        .person
        .as_ref()
        .map(|p| p.name.clone())
        .or_else(|| hit.speaker.clone())
        .unwrap_or_else(|| "(unattributed)".into());
    let written = hit
        .speaker_mention
        .as_ref()
        .or(hit.speaker.as_ref())
        .filter(|m| **m != who);
    if let Some(m) = written {
        who.push_str(&format!(" (as “{m}”)"));
    }
    if let Some(cue) = &hit.cue {
        who.push_str(&format!(", {cue}"));
    }
    writeln!(out, "  — {b}{}{r}", for_terminal(&who))?;
    let mut meta = Vec::new();
    if let Some(t) = &hit.title {
        meta.push(t.clone());
    }
    if let Some(date) = &hit.date {
        meta.push(date.clone());
    }
    if let Some(src) = &hit.source {
        meta.push(src.clone());
    }
    meta.push(hit.path.clone());
    writeln!(out, "  {d}{}{r}", for_terminal(&meta.join(" · ")))?;
    if !hit.context.is_empty() {
        writeln!(out, "  {d}{}{r}", for_terminal(&hit.context))?;
    }
    writeln!(out)
}

pub fn speakers<W: Write>(out: &mut W, rows: &[SpeakerRow]) -> std::io::Result<()> {
    writeln!(
        out,
        "{:>7} {:>8}  {:<10} {:<10}  speaker",
        "quotes", "articles", "first", "last"
    )?;
    for r in rows {
        // Other names with their quotes (links of one name added up), most quoted first.
        let mut others: Vec<(&str, u64)> = Vec::new();
        for v in r.variants.iter().filter(|v| v.name != r.name) {
            match others.iter_mut().find(|o| o.0 == v.name) {
                Some(o) => o.1 += v.quotes,
                None => others.push((&v.name, v.quotes)),
            }
        }
        others.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
        const SHOWN: usize = 6;
        let mut listed: Vec<String> = others
            .iter()
            .take(SHOWN)
            .map(|(n, q)| format!("{n} {q}"))
            .collect();
        if others.len() > SHOWN {
            listed.push(format!("{} more", others.len() - SHOWN));
        }
        let also = if listed.is_empty() {
            String::new()
        } else {
            format!("  (also: {})", listed.join("; "))
        };
        writeln!(
            out,
            "{:>7} {:>8}  {:<10} {:<10}  {}{}",
            r.quotes,
            r.articles,
            r.first_date
                .as_deref()
                .map(|d| &d[..d.len().min(10)])
                .unwrap_or("-"),
            r.last_date
                .as_deref()
                .map(|d| &d[..d.len().min(10)])
                .unwrap_or("-"),
            for_terminal(&r.name),
            for_terminal(&also)
        )?;
        if let Some(u) = &r.unlinked {
            writeln!(out, "{:40}{}", "", for_terminal(&unlinked_note(u)))?;
        }
    }
    Ok(())
}

/// `also 12 quotes under “Kennedy” — several people share that name`.
pub fn unlinked_note(u: &Unlinked) -> String {
    let why = if u.people > 1 {
        "several people share that name"
    } else {
        "not enough evidence that they are this person's"
    };
    format!(
        "also {} quote{} under “{}” — {why} (quotebook quotes --person {})",
        u.quotes,
        if u.quotes == 1 { "" } else { "s" },
        u.name,
        u.id
    )
}

pub fn facets<W: Write>(out: &mut W, f: &Facets, color: bool) -> std::io::Result<()> {
    let (b, r) = if color { (BOLD, RESET) } else { ("", "") };
    for (title, list) in [("speakers", &f.speakers), ("sources", &f.sources)] {
        if list.is_empty() {
            continue;
        }
        writeln!(out, "{b}top {title}{r}")?;
        for c in list {
            writeln!(out, "  {:>6}  {}", c.count, for_terminal(&c.value))?;
        }
    }
    Ok(())
}
