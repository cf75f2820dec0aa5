//! The open index, kept current while `quotebook index` commits to the same directory.
//!
//! The library opens a [`Searchable`] as one snapshot (manual reload). Instead of reaching
//! for tantivy's reader here, every request compares `meta.json`'s identity (inode, size,
//! modification time: tantivy replaces it atomically on each commit) with the one the
//! current snapshot was opened from, and reopens on a change. The check is one `stat`;
//! the reopen happens once per commit, not once per request. If reopening fails (say,
//! `index --rebuild` is half-way), the old snapshot keeps serving and the next request
//! tries again.

use crate::error::Result;
use crate::index::IndexDir;
use crate::query::Searchable;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, RwLock};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Stamp {
    ino: u64,
    len: u64,
    mtime: Option<std::time::SystemTime>,
}

fn stamp(path: &Path) -> Option<Stamp> {
    let m = std::fs::metadata(path.join("meta.json")).ok()?;
    #[cfg(unix)]
    let ino = std::os::unix::fs::MetadataExt::ino(&m);
    #[cfg(not(unix))]
    let ino = 0;
    Some(Stamp {
        ino,
        len: m.len(),
        mtime: m.modified().ok(),
    })
}

pub struct Catalog {
    path: PathBuf,
    current: RwLock<(Option<Stamp>, Arc<Searchable>)>,
    /// Held while reopening, so that a burst of requests after a commit reopens once.
    reopening: Mutex<()>,
}

impl Catalog {
    pub fn open(path: &Path) -> Result<Catalog> {
        let before = stamp(path);
        let s = Searchable::open(IndexDir::open(path)?)?;
        Ok(Catalog {
            path: path.to_path_buf(),
            current: RwLock::new((before, Arc::new(s))),
            reopening: Mutex::new(()),
        })
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The newest snapshot (blocking: may reopen the index).
    pub fn current(&self) -> Arc<Searchable> {
        let now = stamp(&self.path);
        {
            let cur = read(&self.current);
            if now.is_none() || cur.0 == now {
                return Arc::clone(&cur.1);
            }
        }
        let _guard = self.reopening.lock().unwrap_or_else(|e| e.into_inner());
        {
            // Another request may have reopened while we waited.
            let cur = read(&self.current);
            if cur.0 == now {
                return Arc::clone(&cur.1);
            }
        }
        match IndexDir::open(&self.path).and_then(Searchable::open) {
            Ok(s) => {
                let s = Arc::new(s);
                let mut cur = self.current.write().unwrap_or_else(|e| e.into_inner());
                *cur = (now, Arc::clone(&s));
                s
            }
            Err(e) => {
                eprintln!(
                    "quotebook: serve: keeping the previous snapshot, cannot reopen {}: {e}",
                    self.path.display()
                );
                Arc::clone(&read(&self.current).1)
            }
        }
    }
}

fn read<T>(lock: &RwLock<T>) -> std::sync::RwLockReadGuard<'_, T> {
    lock.read().unwrap_or_else(|e| e.into_inner())
}
