//! The tantivy index: schema, opening/creating, writing articles and quotes. The only module
//! (with [`crate::query`]) that touches tantivy types.

pub mod budget;
pub mod disk;
pub mod ids;
pub mod lock;
pub mod positions;
pub mod reading;
pub mod schema;
pub mod tokenizer;
pub mod writer;

use crate::error::{Error, Result};
use schema::{Fields, SCHEMA_VERSION};
use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};
use tantivy::directory::MmapDirectory;
use tantivy::Index;

/// What every commit records next to the data (tantivy's commit payload), so that the
/// schema version and last update time are as atomic as the documents themselves.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct CommitInfo {
    pub schema_version: u32,
    /// RFC 3339 UTC time of the commit.
    pub updated: String,
    /// Canonical roots indexed so far (for `stats` and removal of vanished files).
    #[serde(default)]
    pub roots: Vec<String>,
    /// Fingerprint of the alias file of the run (0: none). Informational: the alias file
    /// is applied by the people table, whose own header decides when to relink.
    #[serde(default)]
    pub aliases: u64,
}

/// An opened index directory.
#[derive(Clone)]
pub struct IndexDir {
    pub path: PathBuf,
    pub index: Index,
    pub fields: Fields,
}

/// Marker file written at creation time: lets us tell "not a quotebook index" and "written
/// by another schema version" apart before tantivy parses anything.
const VERSION_FILE: &str = "quotebook-version";

impl IndexDir {
    /// Open an existing index for reading, checking its schema version. Works on
    /// read-only media too (see [`reading`]).
    pub fn open(path: &Path) -> Result<IndexDir> {
        Self::open_as(path, false)
    }

    fn open_as(path: &Path, writer: bool) -> Result<IndexDir> {
        if !path.join("meta.json").is_file() {
            return Err(Error::IndexNotFound(path.to_path_buf()));
        }
        check_version(path)?;
        let index = if writer {
            Index::open_in_dir(path)
        } else {
            reading::ReaderDirectory::open(path)
                .map_err(tantivy::TantivyError::from)
                .and_then(Index::open)
        }
        .map_err(|e| corrupt(path, e))?;
        Self::wrap(path, index)
    }

    /// Open the index, or create it when absent; `rebuild` wipes whatever is there first.
    pub fn open_or_create(path: &Path, rebuild: bool) -> Result<IndexDir> {
        if rebuild && path.exists() {
            remove_index_files(path)?;
        }
        if path.join("meta.json").is_file() {
            return Self::open_as(path, true);
        }
        if path.exists() && !only_lock_inside(path) {
            return Err(Error::BadArgument(format!(
                "{} exists and is not a quotebook index; choose another --index directory",
                path.display()
            )));
        }
        std::fs::create_dir_all(path)
            .map_err(|e| Error::io(format!("cannot create {}", path.display()), e))?;
        // The version file goes first: a reader that sees meta.json must also see it.
        std::fs::write(path.join(VERSION_FILE), format!("{SCHEMA_VERSION}\n"))
            .map_err(|e| Error::io(format!("cannot write {}", path.display()), e))?;
        let (schema, _) = schema::build();
        let dir = MmapDirectory::open(path).map_err(|e| corrupt(path, e.into()))?;
        let index = Index::create(dir, schema, tantivy::IndexSettings::default())?;
        Self::wrap(path, index)
    }

    fn wrap(path: &Path, index: Index) -> Result<IndexDir> {
        schema::register_tokenizers(&index);
        let fields =
            schema::fields_of(&index.schema()).map_err(|e| Error::SchemaVersionMismatch {
                path: path.to_path_buf(),
                found: format!("unknown ({e})"),
                expected: SCHEMA_VERSION,
            })?;
        Ok(IndexDir {
            path: path.to_path_buf(),
            index,
            fields,
        })
    }

    /// The payload of the last commit, if any commit happened.
    pub fn commit_info(&self) -> CommitInfo {
        self.index
            .load_metas()
            .ok()
            .and_then(|m| m.payload)
            .and_then(|p| serde_json::from_str(&p).ok())
            .unwrap_or_default()
    }

    /// Bytes used on disk by the index directory.
    pub fn size_on_disk(&self) -> u64 {
        std::fs::read_dir(&self.path)
            .map(|rd| {
                rd.filter_map(|e| e.ok())
                    .filter_map(|e| e.metadata().ok())
                    .filter(|m| m.is_file())
                    .map(|m| m.len())
                    .sum()
            })
            .unwrap_or(0)
    }
}

/// True for an empty folder, or one that holds nothing but our writer lock, the version
/// file of a creation that stopped before tantivy wrote `meta.json`, and tantivy's lock and
/// temporary files (`.tmp…`, left when a process is killed inside an atomic write).
fn only_lock_inside(path: &Path) -> bool {
    std::fs::read_dir(path)
        .map(|d| {
            d.flatten().all(|e| {
                let name = e.file_name();
                let name = name.to_string_lossy();
                name == "quotebook.lock" || name == VERSION_FILE || is_tantivy_scratch(&name)
            })
        })
        .unwrap_or(true)
}

/// tantivy's lock files and the temporary files of its atomic writes.
fn is_tantivy_scratch(name: &str) -> bool {
    name.starts_with(".tantivy") || name.starts_with(".tmp")
}

fn check_version(path: &Path) -> Result<()> {
    let found = std::fs::read_to_string(path.join(VERSION_FILE))
        .map(|s| s.trim().to_string())
        .unwrap_or_else(|_| "none (not written by quotebook?)".to_string());
    if found != SCHEMA_VERSION.to_string() {
        return Err(Error::SchemaVersionMismatch {
            path: path.to_path_buf(),
            found,
            expected: SCHEMA_VERSION,
        });
    }
    Ok(())
}

/// The error for a tantivy failure while opening or reading: "damaged" only when it is not
/// a matter of permissions or read-only media.
pub fn corrupt(path: &Path, e: tantivy::TantivyError) -> Error {
    let reason = e
        .to_string()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    match not_writable_cause(&e) {
        Some(io) => Error::IndexUnreadable {
            path: path.to_path_buf(),
            reason: io.to_string(),
        },
        None => Error::IndexCorrupt {
            path: path.to_path_buf(),
            reason,
        },
    }
}

/// The permission or read-only-filesystem error behind a tantivy error, if that is what it
/// is.
fn not_writable_cause(e: &tantivy::TantivyError) -> Option<&std::io::Error> {
    use tantivy::directory::error::{LockError, OpenDirectoryError, OpenReadError};
    use tantivy::TantivyError as T;
    let io: &std::io::Error = match e {
        T::IoError(io) => io,
        T::OpenReadError(OpenReadError::IoError { io_error, .. }) => io_error,
        T::OpenDirectoryError(OpenDirectoryError::IoError { io_error, .. }) => io_error,
        T::LockFailure(LockError::IoError(io), _) => io,
        _ => return None,
    };
    (reading::is_not_writable(io) || io.kind() == std::io::ErrorKind::PermissionDenied)
        .then_some(io)
}

/// Delete only what an index consists of, so that `--rebuild` pointed at a wrong folder by
/// mistake cannot wipe unrelated files.
fn remove_index_files(path: &Path) -> Result<()> {
    let is_index = path.join("meta.json").is_file() || path.join(VERSION_FILE).is_file();
    if !is_index {
        if only_lock_inside(path) {
            return Ok(());
        }
        return Err(Error::BadArgument(format!(
            "{} exists and is not a quotebook index; refusing to --rebuild over it",
            path.display()
        )));
    }
    let entries = std::fs::read_dir(path)
        .map_err(|e| Error::io(format!("cannot read {}", path.display()), e))?;
    for entry in entries.flatten() {
        let name = entry.file_name();
        let name = name.to_string_lossy();
        let ours = name == "meta.json"
            || name == VERSION_FILE
            || name.starts_with(crate::people::FILE)
            || is_tantivy_scratch(&name)
            || name.starts_with(".managed")
            || name.ends_with(".idx")
            || name.ends_with(".pos")
            || name.ends_with(".term")
            || name.ends_with(".store")
            || name.ends_with(".fast")
            || name.ends_with(".fieldnorm")
            || name.ends_with(".del");
        if ours && entry.path().is_file() {
            std::fs::remove_file(entry.path())
                .map_err(|e| Error::io(format!("cannot remove {}", entry.path().display()), e))?;
        }
    }
    Ok(())
}
