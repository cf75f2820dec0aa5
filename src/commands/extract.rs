use crate::cli::ExtractArgs;
use crate::ingest::{self, Format};
use crate::model::Quote;
use crate::output::json;
use crate::output::sanitize::one_line;
use serde::Serialize;
use std::io::{Read, Write};
use std::path::Path;

/// One line of `quotebook extract` output (the format accuracy is measured with).
#[derive(Serialize)]
struct Record<'a> {
    path: &'a str,
    id: &'a str,
    title: Option<&'a str>,
    quotes: Vec<Quote>,
}

pub fn run(args: ExtractArgs) -> anyhow::Result<u8> {
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    let mut failed = false;
    let mut io_error: Option<std::io::Error> = None;
    for root in &args.paths {
        if root.as_os_str() == "-" {
            let mut bytes = Vec::new();
            let max = crate::index::budget::DEFAULT_MAX_FILE_MB << 20;
            std::io::stdin().take(max + 1).read_to_end(&mut bytes)?;
            if bytes.len() as u64 > max {
                anyhow::bail!("-: standard input is over {} MB; not read", max >> 20);
            }
            failed |= one_file(Format::Text, "-", "-", &bytes, &mut out, &mut io_error);
            continue;
        }
        for entry in ingest::walk(std::slice::from_ref(root)) {
            let path = match entry {
                Ok(p) => p,
                Err(e) => {
                    eprintln!("quotebook: {}", one_line(&e.to_string()));
                    failed = true;
                    continue;
                }
            };
            let Some(format) = Format::from_path(&path) else {
                continue;
            };
            failed |= read_and_extract(&path, format, &mut out, &mut io_error);
        }
        if let Some(e) = io_error.take() {
            return Err(e.into());
        }
    }
    out.flush()?;
    Ok(if failed {
        super::exit::ERROR
    } else {
        super::exit::OK
    })
}

fn read_and_extract<W: Write>(
    path: &Path,
    format: Format,
    out: &mut W,
    io_error: &mut Option<std::io::Error>,
) -> bool {
    let display = path.to_string_lossy().into_owned();
    let id_base = std::fs::canonicalize(path)
        .map(|p| p.to_string_lossy().into_owned())
        .unwrap_or_else(|_| display.clone());
    let max = crate::index::budget::DEFAULT_MAX_FILE_MB << 20;
    match crate::index::budget::read_bounded(path, max) {
        Ok(bytes) => one_file(format, &display, &id_base, &bytes, out, io_error),
        Err(e) => {
            eprintln!("quotebook: {}", one_line(&format!("{display}: {e}")));
            true
        }
    }
}

/// Extract every article of one file; returns whether anything was skipped for an error.
fn one_file<W: Write>(
    format: Format,
    display: &str,
    id_base: &str,
    bytes: &[u8],
    out: &mut W,
    io_error: &mut Option<std::io::Error>,
) -> bool {
    let mut failed = false;
    let mut sink = |rec: Result<crate::model::Article, ingest::RecordError>| match rec {
        Ok(article) => {
            let quotes =
                crate::extract::extract_with(&article.body, crate::extract::Meta::of(&article));
            let rec = Record {
                path: &article.path,
                id: &article.id,
                title: article.title.as_deref(),
                quotes,
            };
            if io_error.is_none() {
                if let Err(e) = json::line(out, &rec) {
                    *io_error = Some(e);
                }
            }
        }
        Err(e) => {
            eprintln!("quotebook: {}", one_line(&e.to_string()));
            failed = true;
        }
    };
    match ingest::parse(format, display, id_base, bytes, &mut sink) {
        Ok(report) => {
            for w in report.warnings {
                eprintln!(
                    "quotebook: warning: {}",
                    one_line(&format!("{display}: {w}"))
                );
            }
        }
        Err(e) => {
            eprintln!("quotebook: {}", one_line(&e.to_string()));
            failed = true;
        }
    }
    failed
}
