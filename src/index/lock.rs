//! One writer per index directory, with a lock file that names its owner.
//!
//! tantivy already refuses a second `IndexWriter`, but its message says nothing about who
//! holds the lock. `quotebook.lock` holds the owner's pid, so a second `index` can say
//! "being updated by another process (pid N)" at once, and a lock left behind by a killed
//! process (its pid no longer running) is detected and cleared.

use crate::error::{Error, Result};
use std::io::Write;
use std::path::{Path, PathBuf};

const LOCK_FILE: &str = "quotebook.lock";

/// Held while indexing; removes the lock file when dropped.
#[derive(Debug)]
pub struct WriterLock {
    path: PathBuf,
}

impl WriterLock {
    pub fn acquire(index_dir: &Path) -> Result<WriterLock> {
        std::fs::create_dir_all(index_dir)
            .map_err(|e| Error::io(format!("cannot create {}", index_dir.display()), e))?;
        let path = index_dir.join(LOCK_FILE);
        for _ in 0..2 {
            match std::fs::OpenOptions::new()
                .write(true)
                .create_new(true)
                .open(&path)
            {
                Ok(mut f) => {
                    let _ = writeln!(f, "{}", std::process::id());
                    return Ok(WriterLock { path });
                }
                Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {
                    let owner = std::fs::read_to_string(&path)
                        .ok()
                        .and_then(|s| s.trim().parse::<u32>().ok());
                    match owner {
                        Some(pid) if process_alive(pid) => {
                            return Err(Error::IndexLocked(Some(pid)))
                        }
                        // Stale (owner gone) or unreadable half-written lock: clear and retry.
                        _ => {
                            let _ = std::fs::remove_file(&path);
                        }
                    }
                }
                Err(e) => {
                    return Err(Error::io(
                        format!("cannot create lock file {}", path.display()),
                        e,
                    ))
                }
            }
        }
        Err(Error::IndexLocked(None))
    }
}

impl Drop for WriterLock {
    fn drop(&mut self) {
        let _ = std::fs::remove_file(&self.path);
    }
}

/// Whether a process with this pid is running. On Linux `/proc` tells; elsewhere assume
/// it is (a false "locked" is safer than two writers).
fn process_alive(pid: u32) -> bool {
    if pid == std::process::id() {
        return true;
    }
    let proc_root = Path::new("/proc");
    if proc_root.join("self").exists() {
        return proc_root.join(pid.to_string()).exists();
    }
    true
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn second_lock_names_the_owner_and_stale_lock_is_cleared() {
        let dir = tempfile::tempdir().unwrap();
        let first = WriterLock::acquire(dir.path()).unwrap();
        match WriterLock::acquire(dir.path()) {
            Err(Error::IndexLocked(Some(pid))) => assert_eq!(pid, std::process::id()),
            other => panic!("expected IndexLocked, got {other:?}"),
        }
        drop(first);
        // A pid that cannot be running (beyond pid_max) is stale.
        std::fs::write(dir.path().join(LOCK_FILE), "4294967\n").unwrap();
        let again = WriterLock::acquire(dir.path());
        assert!(again.is_ok(), "{again:?}");
    }
}
