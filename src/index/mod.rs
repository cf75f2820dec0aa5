//! The tantivy index: schema, opening/creating, writing articles and quotes. The only module
//! (with [`crate::query`]) that touches tantivy types.

pub mod ids;
pub mod lock;
pub mod positions;
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
    /// Fingerprint of the alias file the stored speakers were resolved with (0: none).
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
    /// Open an existing index for reading, checking its schema version.
    pub fn open(path: &Path) -> Result<IndexDir> {
        if !path.join("meta.json").is_file() {
            return Err(Error::IndexNotFound(path.to_path_buf()));
        }
        check_version(path)?;
        let index = Index::open_in_dir(path).map_err(|e| corrupt(path, e))?;
        Self::wrap(path, index)
    }

    /// Open the index, or create it when absent; `rebuild` wipes whatever is there first.
    pub fn open_or_create(path: &Path, rebuild: bool) -> Result<IndexDir> {
        if rebuild && path.exists() {
            remove_index_files(path)?;
        }
        if path.join("meta.json").is_file() {
            return Self::open(path);
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
        let dir = MmapDirectory::open(path).map_err(|e| corrupt(path, e))?;
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

/// True for an empty folder, or one that holds nothing but our writer lock (and the version
/// file of a creation that stopped before tantivy wrote `meta.json`).
fn only_lock_inside(path: &Path) -> bool {
    std::fs::read_dir(path)
        .map(|d| {
            d.flatten().all(|e| {
                e.file_name() == std::ffi::OsStr::new("quotebook.lock")
                    || e.file_name() == std::ffi::OsStr::new(VERSION_FILE)
            })
        })
        .unwrap_or(true)
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

fn corrupt(path: &Path, e: impl std::fmt::Display) -> Error {
    Error::IndexCorrupt {
        path: path.to_path_buf(),
        reason: e.to_string(),
    }
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
            || name.starts_with(".tantivy")
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
