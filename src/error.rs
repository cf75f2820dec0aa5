//! The library's error type. User errors (bad query, missing index, wrong schema) are kept
//! apart from internal ones (I/O, tantivy) so that messages and exit codes come out right.

use std::path::PathBuf;

/// What went wrong, split the way the user needs to know it: "you asked for something
/// impossible" versus "something broke underneath".
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    #[error("no index at {}: run `quotebook index PATH…` first (or pass --index DIR)", .0.display())]
    IndexNotFound(PathBuf),
    #[error(
        "the index at {path} was written by schema version {found}, this quotebook reads version {expected}: rebuild it with `quotebook index --rebuild PATH…`",
        path = .path.display()
    )]
    SchemaVersionMismatch {
        path: PathBuf,
        found: String,
        expected: u32,
    },
    #[error("bad query: {0}")]
    BadQuery(String),
    /// A query that would do more work than its [`crate::query::budget::Budget`] allows.
    #[error("query stopped: {0}")]
    QueryTooCostly(String),
    /// A query stopped by its deadline or by the caller (a server request that timed out).
    #[error("query stopped: {0}")]
    QueryStopped(String),
    #[error("{0}")]
    BadArgument(String),
    #[error("index is being updated by another process{}", .0.map(|p| format!(" (pid {p})")).unwrap_or_default())]
    IndexLocked(Option<u32>),
    #[error("the index at {path} is damaged or unreadable ({reason}): rebuild it with `quotebook index --rebuild PATH…`", path = .path.display())]
    IndexCorrupt { path: PathBuf, reason: String },
    /// The index is there but cannot be read (permissions, media): nothing to rebuild.
    #[error("cannot read the index at {path}: {reason}", path = .path.display())]
    IndexUnreadable { path: PathBuf, reason: String },
    #[error("{context}: {source}")]
    Io {
        context: String,
        #[source]
        source: std::io::Error,
    },
    /// The disk holding the index is full.
    #[error("no space left on the device holding {path} ({free}): free some space, then run `quotebook index` again (the index is as of its last commit)", path = .path.display())]
    NoSpace { path: PathBuf, free: String },
    // Not `#[source]`: tantivy's message is already in this one, and printing the chain
    // would repeat it.
    #[error("index error: {0}")]
    Tantivy(tantivy::TantivyError),
}

impl From<tantivy::TantivyError> for Error {
    fn from(e: tantivy::TantivyError) -> Error {
        Error::Tantivy(e)
    }
}

impl Error {
    pub fn io(context: impl Into<String>, source: std::io::Error) -> Error {
        Error::Io {
            context: context.into(),
            source,
        }
    }
}

pub type Result<T, E = Error> = std::result::Result<T, E>;
