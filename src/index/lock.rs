//! One writer per index directory, held with an OS file lock on `quotebook.lock`.
//!
//! The lock is the kernel's (`flock` on Unix, `LockFileEx` on Windows), so it goes away
//! with the process that held it however that process ended: a killed writer never blocks
//! the next one, in a container (where a dead writer's pid may be alive again as pid 1) or
//! not. The file also holds the owner's pid, but only for the message a second writer
//! prints ("being updated by another process (pid N)"); it decides nothing. The file stays
//! in the directory between runs: removing it would let a writer that opened it just
//! before the removal lock a file no one else can see.

use crate::error::{Error, Result};
use std::fs::{File, OpenOptions, TryLockError};
use std::io::{Read, Seek, Write};
use std::path::Path;

const LOCK_FILE: &str = "quotebook.lock";

/// Held while indexing; the lock is released when this is dropped (or the process ends).
#[derive(Debug)]
pub struct WriterLock {
    file: File,
}

impl WriterLock {
    pub fn acquire(index_dir: &Path) -> Result<WriterLock> {
        std::fs::create_dir_all(index_dir)
            .map_err(|e| Error::io(format!("cannot create {}", index_dir.display()), e))?;
        let path = index_dir.join(LOCK_FILE);
        let mut file = OpenOptions::new()
            .read(true)
            .write(true)
            .create(true)
            .truncate(false)
            .open(&path)
            .map_err(|e| Error::io(format!("cannot open lock file {}", path.display()), e))?;
        match file.try_lock() {
            Ok(()) => {}
            Err(TryLockError::WouldBlock) => {
                let mut text = String::new();
                let _ = file.read_to_string(&mut text);
                return Err(Error::IndexLocked(text.trim().parse().ok()));
            }
            Err(TryLockError::Error(e)) => {
                return Err(Error::io(format!("cannot lock {}", path.display()), e))
            }
        }
        // Ours now: record our pid for the message of a writer that comes second.
        let _ = file.set_len(0);
        let _ = file.rewind();
        let _ = writeln!(file, "{}", std::process::id());
        let _ = file.flush();
        Ok(WriterLock { file })
    }
}

impl Drop for WriterLock {
    fn drop(&mut self) {
        // The pid of a writer that is gone names no one; the lock itself goes with the file.
        let _ = self.file.set_len(0);
        let _ = self.file.unlock();
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::{Arc, Barrier};

    #[test]
    fn second_lock_names_the_owner_and_a_dead_owner_never_blocks() {
        let dir = tempfile::tempdir().unwrap();
        let first = WriterLock::acquire(dir.path()).unwrap();
        match WriterLock::acquire(dir.path()) {
            Err(Error::IndexLocked(Some(pid))) => assert_eq!(pid, std::process::id()),
            other => panic!("expected IndexLocked, got {other:?}"),
        }
        drop(first);
        // A lock file left with a live pid (pid 1, say) but no lock held is no obstacle.
        std::fs::write(dir.path().join(LOCK_FILE), "1\n").unwrap();
        let again = WriterLock::acquire(dir.path());
        assert!(again.is_ok(), "{again:?}");
    }

    #[test]
    fn of_writers_starting_together_exactly_one_wins() {
        let dir = tempfile::tempdir().unwrap();
        let n = 8;
        let barrier = Arc::new(Barrier::new(n));
        let handles: Vec<_> = (0..n)
            .map(|_| {
                let path = dir.path().to_path_buf();
                let barrier = Arc::clone(&barrier);
                std::thread::spawn(move || {
                    barrier.wait();
                    let lock = WriterLock::acquire(&path);
                    // Hold whatever was won until every thread has tried.
                    barrier.wait();
                    lock.is_ok()
                })
            })
            .collect();
        let won = handles
            .into_iter()
            .map(|h| h.join().unwrap())
            .filter(|&ok| ok)
            .count();
        assert_eq!(won, 1);
    }
}
