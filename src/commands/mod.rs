//! One function per subcommand: arguments in, library calls, printer out. Returns the exit
//! code; errors bubble up to `main`, which prints them on one line and exits 2.

mod extract;
mod index;
mod quotes;
mod search;
mod serve;
mod stats;

use crate::cli::{Cli, Command};
use crate::config;
use crate::output::Mode;

/// Exit codes scripts can rely on (documented in `--help` and the README).
pub mod exit {
    /// Results found, or the run succeeded.
    pub const OK: u8 = 0;
    /// The query matched nothing.
    pub const NO_RESULTS: u8 = 1;
    /// An error, or an index run that skipped files or records because of errors.
    pub const ERROR: u8 = 2;
    /// Stopped by Ctrl-C after committing what was done.
    pub const INTERRUPTED: u8 = 130;
}

pub fn run(cli: Cli) -> anyhow::Result<u8> {
    let index_dir = config::resolve_index_dir(cli.index.clone());
    let color = config::use_color(cli.color);
    let reads = !matches!(cli.command, Command::Index(_) | Command::Extract(_));
    let result = dispatch(cli, &index_dir, color);
    if reads {
        return result.map_err(|e| damaged_index(e, &index_dir));
    }
    result
}

/// A tantivy error while only reading means files of the index are missing or damaged:
/// say so on one line, with the way out, rather than dumping tantivy's message.
fn damaged_index(err: anyhow::Error, index_dir: &std::path::Path) -> anyhow::Error {
    match err.downcast::<crate::error::Error>() {
        Ok(crate::error::Error::Tantivy(e)) => crate::index::corrupt(index_dir, e).into(),
        Ok(other) => other.into(),
        Err(err) => err,
    }
}

fn dispatch(cli: Cli, index_dir: &std::path::Path, color: bool) -> anyhow::Result<u8> {
    let index_dir = index_dir.to_path_buf();
    let mode = |json: bool| {
        if json {
            Mode::Json
        } else {
            Mode::Human { color }
        }
    };
    match cli.command {
        Command::Index(args) => index::run(&index_dir, args),
        Command::Search(args) => {
            let m = mode(args.json);
            search::run(&index_dir, args, m)
        }
        Command::Extract(args) => extract::run(args),
        Command::Quotes(args) => {
            let m = mode(args.json);
            quotes::run(&index_dir, args, m)
        }
        Command::Speakers(args) => {
            let m = mode(args.json);
            quotes::speakers(&index_dir, args, m)
        }
        Command::Stats(args) => stats::run(&index_dir, mode(args.json)),
        Command::Serve(args) => serve::run(&index_dir, args),
    }
}

/// The index for one query command, its queries held to the work limit.
fn open_budgeted(index_dir: &std::path::Path) -> crate::error::Result<crate::query::Searchable> {
    let idx = crate::query::Searchable::open(crate::index::IndexDir::open(index_dir)?)?;
    let budget = crate::query::budget::Budget::new(config::work_limit(), None);
    Ok(idx.with_budget(std::sync::Arc::new(budget)))
}

fn sort_of(arg: crate::cli::SortArg) -> crate::query::Sort {
    match arg {
        crate::cli::SortArg::Relevance => crate::query::Sort::Relevance,
        crate::cli::SortArg::Date => crate::query::Sort::Date,
    }
}
