use crate::index::IndexDir;
use crate::output::{human, json, Mode};
use crate::query::Searchable;
use std::io::Write;
use std::path::Path;

pub fn run(index_dir: &Path, mode: Mode) -> anyhow::Result<u8> {
    let s = Searchable::open(IndexDir::open(index_dir)?)?.stats()?;
    let mut out = std::io::stdout().lock();
    match mode {
        Mode::Json => json::line(&mut out, &s)?,
        Mode::Human { .. } => human::stats(&mut out, &s)?,
    }
    out.flush()?;
    Ok(super::exit::OK)
}
