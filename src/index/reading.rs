//! Opening an index for reading where it cannot be written: a read-only filesystem, or a
//! folder of another user's.
//!
//! tantivy's reader takes its meta lock (`.tantivy-meta.lock`, opened for writing) while it
//! opens segments, to keep a writer's garbage collection from deleting them half-way. Where
//! that file cannot be opened for writing, no quotebook writer can be at work either (it
//! needs to write the same folder), so the lock is skipped instead of failing: reading such
//! an index works, and no error calls it damaged.

use std::io;
use std::path::Path;
use std::sync::Arc;
use tantivy::directory::error::{DeleteError, LockError, OpenReadError, OpenWriteError};
use tantivy::directory::{
    Directory, DirectoryLock, FileHandle, Lock, MmapDirectory, WatchCallback, WatchHandle, WritePtr,
};

/// A memory-mapped directory whose locks give way to read-only media and permissions.
#[derive(Clone, Debug)]
pub struct ReaderDirectory(MmapDirectory);

impl ReaderDirectory {
    pub fn open(
        path: &Path,
    ) -> Result<ReaderDirectory, tantivy::directory::error::OpenDirectoryError> {
        MmapDirectory::open(path).map(ReaderDirectory)
    }
}

/// An I/O error that means "this cannot be written here", not "this is broken".
pub fn is_not_writable(e: &io::Error) -> bool {
    matches!(
        e.kind(),
        io::ErrorKind::PermissionDenied | io::ErrorKind::ReadOnlyFilesystem
    )
}

impl Directory for ReaderDirectory {
    fn get_file_handle(&self, path: &Path) -> Result<Arc<dyn FileHandle>, OpenReadError> {
        self.0.get_file_handle(path)
    }

    fn delete(&self, path: &Path) -> Result<(), DeleteError> {
        self.0.delete(path)
    }

    fn exists(&self, path: &Path) -> Result<bool, OpenReadError> {
        self.0.exists(path)
    }

    fn open_write(&self, path: &Path) -> Result<WritePtr, OpenWriteError> {
        self.0.open_write(path)
    }

    fn atomic_read(&self, path: &Path) -> Result<Vec<u8>, OpenReadError> {
        self.0.atomic_read(path)
    }

    fn atomic_write(&self, path: &Path, data: &[u8]) -> io::Result<()> {
        self.0.atomic_write(path, data)
    }

    fn sync_directory(&self) -> io::Result<()> {
        self.0.sync_directory()
    }

    fn acquire_lock(&self, lock: &Lock) -> Result<DirectoryLock, LockError> {
        match self.0.acquire_lock(lock) {
            Err(LockError::IoError(e)) if is_not_writable(&e) => {
                Ok(DirectoryLock::from(Box::new(())))
            }
            other => other,
        }
    }

    fn watch(&self, watch_callback: WatchCallback) -> tantivy::Result<WatchHandle> {
        self.0.watch(watch_callback)
    }
}
