//! Command-line arguments (clap derive). Doc comments are the help text.

use clap::{Args, Parser, Subcommand, ValueEnum};
use std::path::PathBuf;

const EXAMPLES: &str = "\
Examples:
  quotebook index data                          index the folder data/ (re-run to update)
  quotebook search '\"continue to run this office\"'
  quotebook search 'body:\"homeland security\" date:[2005-01-01 TO 2005-12-31]' --json
  quotebook quotes --by Sessions                what has Jeff Sessions said?
  quotebook speakers Sess                       speakers whose name starts with Sess
  quotebook extract article.txt                 quotes and speakers of one file, as JSON

Exit codes: 0 results found / run succeeded, 1 no results, 2 error (or, for `index`,
some files or records were skipped because of errors), 130 interrupted.";

/// Index news articles and find who said what.
#[derive(Debug, Parser)]
#[command(name = "quotebook", version, about, after_help = EXAMPLES)]
pub struct Cli {
    /// Index directory [default: $QUOTEBOOK_INDEX, else ./quotebook-index]
    #[arg(long, short = 'i', global = true, value_name = "DIR")]
    pub index: Option<PathBuf>,

    /// When to colour output.
    #[arg(long, global = true, value_enum, default_value_t = Color::Auto)]
    pub color: Color,

    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Color {
    Auto,
    Always,
    Never,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Index article files (txt/md, html, json, jsonl) found under PATHs.
    ///
    /// Re-running updates the index: unchanged files are skipped, changed files are
    /// re-indexed, articles whose files vanished from an indexed folder are removed.
    #[command(
        after_help = "Examples:\n  quotebook index data\n  quotebook index --rebuild ~/corpus other/file.jsonl"
    )]
    Index(IndexArgs),
    /// Search articles. AND between words; "phrases", "phrase"~2, -word, OR, field:word.
    #[command(after_help = QUERY_HELP)]
    Search(SearchArgs),
    /// Extract quotes and speakers from files (or - for stdin) without an index; prints JSON Lines.
    #[command(
        after_help = "Examples:\n  quotebook extract article.txt\n  cat article.txt | quotebook extract -"
    )]
    Extract(ExtractArgs),
    /// Search quotes: by text, by speaker (--by), date and source; newest first.
    #[command(after_help = QUOTES_HELP)]
    Quotes(QuotesArgs),
    /// List speakers with quote and article counts, first and last date, name variants.
    #[command(after_help = "Examples:\n  quotebook speakers\n  quotebook speakers sess --json")]
    Speakers(SpeakersArgs),
    /// Show what the index holds.
    Stats(StatsArgs),
    /// Serve a JSON API and a web page for searching the index (read-only).
    #[command(after_help = SERVE_HELP)]
    Serve(ServeArgs),
}

const QUOTES_HELP: &str = "\
--by matches a person the way you would: `Sessions`, `jeff sessions`, `Sen. Jeff Sessions`
and `Attorney General Jeff Sessions` find the same quotes; a surname alone finds everyone
with that surname, grouped by person; a full name finds that person under every name linked
to them (`Chuck Grassley` or `Charles Grassley`, and `Grassley` where the evidence says it
is him; see `speakers`).

Examples:
  quotebook quotes --by Sessions
  quotebook quotes '\"bad answers\"' --json
  quotebook quotes health --by \"Kit Bond\" --since 2005 --until 2006-06";

const QUERY_HELP: &str = "\
Query syntax:
  word word          both words (AND is the default)
  \"exact phrase\"     the words in this order; \"a phrase\"~2 allows 2 words between
  a OR b             either;   -word   excludes
  title:x body:x speaker:x quote:x source:x author:x   restrict to a field
  date:[2005-01-01 TO 2005-12-31]   date:2005   date:>=2005-03   dates (or --since/--until)

Examples:
  quotebook search '\"continue to run this office\"'
  quotebook search 'body:\"homeland security\" date:[2005-01-01 TO 2005-12-31]' --json
  quotebook search 'speaker:sessions recused' --sort date";

#[derive(Debug, Args)]
pub struct IndexArgs {
    /// Files or folders to index.
    #[arg(value_name = "PATH", default_value = "data")]
    pub paths: Vec<PathBuf>,
    /// Delete the existing index first and index everything again.
    #[arg(long)]
    pub rebuild: bool,
    /// Worker threads [default: number of CPUs].
    #[arg(long, short = 'j')]
    pub threads: Option<usize>,
    /// Writer memory budget in MB (tantivy's arenas). A run's peak memory is about this plus
    /// 250 MB, whatever the corpus size.
    #[arg(long, default_value_t = crate::index::writer::DEFAULT_HEAP_MB,
          value_parser = clap::value_parser!(u64).range(16..=16384))]
    pub heap_mb: u64,
    /// Commit at least every N seconds (between files: a file larger than 64 MB of text
    /// can hold a commit back until it is done).
    #[arg(long, default_value_t = 30)]
    pub commit_secs: u64,
    /// Skip files larger than this many MB (each is named on stderr).
    #[arg(long, value_name = "MB", default_value_t = crate::index::budget::DEFAULT_MAX_FILE_MB,
          value_parser = clap::value_parser!(u64).range(1..=1_048_576))]
    pub max_file_mb: u64,
    /// Longest time to look for the quotes of one article of 256 KB or more; past it, the
    /// article is indexed without quotes (and named on stderr). 0: never for such articles.
    #[arg(long, value_name = "SECS", default_value_t = crate::index::budget::DEFAULT_EXTRACT_SECS,
          value_parser = clap::value_parser!(u64).range(0..=86_400))]
    pub extract_secs: u64,
    /// Speaker alias file: `canonical<TAB>variant…` (one person), `!name<TAB>other…` (never
    /// linked) or `!name` (linked to nobody) per line [default: aliases.tsv in or beside
    /// the index directory]. A change relinks people on the next run; nothing is re-read.
    #[arg(long, value_name = "FILE")]
    pub aliases: Option<PathBuf>,
    /// Only rebuild the people table (who is who across articles) from the index; no file
    /// is read and PATHs are ignored.
    #[arg(long, conflicts_with = "rebuild")]
    pub relink: bool,
    /// Print the summary as a JSON object on stdout.
    #[arg(long)]
    pub json: bool,
    /// No progress bar.
    #[arg(long, short = 'q')]
    pub quiet: bool,
}

#[derive(Debug, Args)]
pub struct SearchArgs {
    /// The query (see below).
    pub query: String,
    /// Maximum hits to show.
    #[arg(long, short = 'n', default_value_t = 10, value_parser = parse_limit, allow_negative_numbers = true)]
    pub limit: usize,
    /// Skip this many hits first (paging; at most 100000).
    #[arg(long, default_value_t = 0, value_parser = parse_offset)]
    pub offset: usize,
    /// Only articles dated on or after (YYYY, YYYY-MM, YYYY-MM-DD).
    #[arg(long)]
    pub since: Option<String>,
    /// Only articles dated on or before (YYYY, YYYY-MM, YYYY-MM-DD).
    #[arg(long)]
    pub until: Option<String>,
    /// Order of results.
    #[arg(long, value_enum, default_value_t = SortArg::Relevance)]
    pub sort: SortArg,
    /// One JSON object per hit.
    #[arg(long)]
    pub json: bool,
    /// Also show the top speakers and sources of all matching articles.
    #[arg(long)]
    pub facets: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum SortArg {
    Relevance,
    Date,
}

#[derive(Debug, Args)]
pub struct QuotesArgs {
    /// Words or phrases in the quote (same syntax as `search`); omit for every quote.
    #[arg(default_value = "")]
    pub query: String,
    /// Only quotes by this person (or organisation), under every name linked to them.
    #[arg(long, value_name = "NAME")]
    pub by: Option<String>,
    /// Only quotes of the person with this id (the `id` of `speakers --json`).
    #[arg(long, value_name = "ID", conflicts_with = "by")]
    pub person: Option<String>,
    /// Only quotes dated on or after (YYYY, YYYY-MM, YYYY-MM-DD).
    #[arg(long)]
    pub since: Option<String>,
    /// Only quotes dated on or before.
    #[arg(long)]
    pub until: Option<String>,
    /// Only articles whose source contains these words.
    #[arg(long, value_name = "S")]
    pub source: Option<String>,
    /// Maximum quotes to show.
    #[arg(long, short = 'n', default_value_t = 10, value_parser = parse_limit, allow_negative_numbers = true)]
    pub limit: usize,
    /// Skip this many quotes first (paging; at most 100000).
    #[arg(long, default_value_t = 0, value_parser = parse_offset)]
    pub offset: usize,
    /// Order of results.
    #[arg(long, value_enum, default_value_t = SortArg::Date)]
    pub sort: SortArg,
    /// One JSON object per quote.
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Args)]
pub struct SpeakersArgs {
    /// Only speakers with a name word starting with this.
    pub prefix: Option<String>,
    /// Maximum speakers to list (most quoted first).
    #[arg(long, short = 'n', default_value_t = 50, value_parser = parse_count, allow_negative_numbers = true)]
    pub limit: usize,
    /// One JSON object per speaker.
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Args)]
pub struct ExtractArgs {
    /// Files or folders, or - to read one article's text from stdin.
    #[arg(value_name = "PATH", required = true)]
    pub paths: Vec<PathBuf>,
}

const SERVE_HELP: &str = "\
Keeps serving while `quotebook index` updates the same index; new commits show up within a
request. API: /api/search?q=  /api/quotes?by=  /api/speakers?prefix=  /api/articles/ID
/api/stats  /healthz (JSON; errors are {\"error\": …} with status 400/404/500).

Examples:
  quotebook serve                               then open http://127.0.0.1:8080/
  quotebook serve --index ~/news-index --addr 127.0.0.1:9000";

#[derive(Debug, Args)]
pub struct ServeArgs {
    /// Address to listen on. Anything but a loopback address lets other machines read the
    /// index (a warning is printed); port 0 picks a free port.
    #[arg(long, default_value = "127.0.0.1:8080", value_name = "IP:PORT")]
    pub addr: std::net::SocketAddr,
}

#[derive(Debug, Args)]
pub struct StatsArgs {
    /// Print as JSON.
    #[arg(long)]
    pub json: bool,
}

/// `--limit N`: a whole number of at least 1 (0 would print nothing yet exit 0) and at most
/// [`crate::query::MAX_LIMIT`] (tantivy keeps `offset + limit` hits in memory).
fn parse_limit(s: &str) -> Result<usize, String> {
    let max = crate::query::MAX_LIMIT;
    match s.trim().parse::<i128>() {
        Ok(n) if n >= 1 && n <= max as i128 => Ok(n as usize),
        Ok(n) if n < 1 => Err("limit must be at least 1".to_string()),
        Ok(_) => Err(format!("limit must be at most {max}")),
        Err(_) => Err("not a whole number".to_string()),
    }
}

/// `--limit N` of `speakers`: a whole number of at least 1 (the list is not collected as
/// top hits, so no memory bound applies).
fn parse_count(s: &str) -> Result<usize, String> {
    match s.trim().parse::<i128>() {
        Ok(n) if n >= 1 => Ok(usize::try_from(n).unwrap_or(usize::MAX)),
        Ok(_) => Err("limit must be at least 1".to_string()),
        Err(_) => Err("not a whole number".to_string()),
    }
}

/// `--offset N`: a whole number from 0 to [`crate::query::MAX_OFFSET`].
fn parse_offset(s: &str) -> Result<usize, String> {
    let max = crate::query::MAX_OFFSET;
    match s.trim().parse::<i128>() {
        Ok(n) if (0..=max as i128).contains(&n) => Ok(n as usize),
        Ok(n) if n < 0 => Err("offset must be 0 or more".to_string()),
        Ok(_) => Err(format!(
            "offset must be at most {max}; narrow the query (--since/--until) to page further"
        )),
        Err(_) => Err("not a whole number".to_string()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn cli_is_well_formed() {
        Cli::command().debug_assert();
    }
}
