//! Settings resolved once from flags and environment; nothing below `commands` sees clap.

use std::path::PathBuf;

/// Environment variable naming the index directory when `--index` is not given.
pub const INDEX_ENV: &str = "QUOTEBOOK_INDEX";
/// Index directory when neither `--index` nor the environment names one.
pub const DEFAULT_INDEX: &str = "quotebook-index";

/// Environment variable that lowers (or raises) the work one query may do, in units of
/// [`crate::query::budget`] (documents looked at plus word positions read).
pub const WORK_LIMIT_ENV: &str = "QUOTEBOOK_QUERY_WORK";

/// The query work limit: `$QUOTEBOOK_QUERY_WORK` when it is a whole number, else the
/// default ([`crate::query::budget::DEFAULT_WORK_LIMIT`]).
pub fn work_limit() -> u64 {
    std::env::var(WORK_LIMIT_ENV)
        .ok()
        .and_then(|v| v.trim().parse().ok())
        .unwrap_or(crate::query::budget::DEFAULT_WORK_LIMIT)
}

/// `--index DIR`, else `$QUOTEBOOK_INDEX`, else `./quotebook-index`.
pub fn resolve_index_dir(flag: Option<PathBuf>) -> PathBuf {
    flag.or_else(|| {
        std::env::var_os(INDEX_ENV)
            .filter(|v| !v.is_empty())
            .map(PathBuf::from)
    })
    .unwrap_or_else(|| PathBuf::from(DEFAULT_INDEX))
}

/// Whether to colour output on stdout.
pub fn use_color(choice: crate::cli::Color) -> bool {
    use std::io::IsTerminal;
    match choice {
        crate::cli::Color::Always => true,
        crate::cli::Color::Never => false,
        crate::cli::Color::Auto => {
            std::env::var_os("NO_COLOR").is_none() && std::io::stdout().is_terminal()
        }
    }
}
