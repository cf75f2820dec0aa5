//! Per-file budgets of `index`: how much of a file is read, how long one article's quote
//! extraction may take, and the gate that keeps a commit from splitting a file.
//!
//! - A file larger than `--max-file-mb` is skipped with a problem line naming it; nothing
//!   that is not a regular file (a FIFO, a device, a socket, or a symlink to one) is read,
//!   and a read stops at the limit even if the file grows underneath.
//! - Quote extraction of a long article (at least [`WATCHED_BYTES`]) runs on a thread of
//!   its own and is waited for at most `--extract-secs`: past that, the article is indexed
//!   without quotes and named in a warning, and the run goes on. Ctrl-C stops the wait at
//!   once. (The extractor itself cannot be stopped from outside; the abandoned thread ends
//!   with its work or with the process.)
//! - [`Gate`]: a file's documents (the deletion of its old ones, its new ones, its
//!   bookkeeping record) reach the index between two commits, never across one, so readers
//!   never see a file half re-indexed.

use crate::model::Quote;
use std::io::Read;
use std::path::Path;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Condvar, Mutex};
use std::time::{Duration, Instant};

/// Default `--max-file-mb`.
pub const DEFAULT_MAX_FILE_MB: u64 = 1024;
/// Default `--extract-secs`.
pub const DEFAULT_EXTRACT_SECS: u64 = 60;
/// Articles shorter than this are extracted inline: they cannot take long enough to matter
/// (and a thread per article would cost more than the extraction).
pub const WATCHED_BYTES: usize = 256 * 1024;

/// Why a file was not read.
#[derive(Debug)]
pub enum ReadProblem {
    /// Not a regular file: what it is instead.
    NotRegular(&'static str),
    /// Over the size limit: the size seen, in bytes.
    TooLarge(u64),
    Io(std::io::Error),
}

impl std::fmt::Display for ReadProblem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ReadProblem::NotRegular(what) => {
                write!(f, "not a regular file ({what}); not read")
            }
            ReadProblem::TooLarge(n) => write!(
                f,
                "file is {:.0} MB, over the --max-file-mb limit; skipped",
                *n as f64 / 1e6
            ),
            ReadProblem::Io(e) => write!(f, "{e}"),
        }
    }
}

/// What kind of file `meta` describes, when it is not a regular file.
pub fn non_regular_kind(meta: &std::fs::Metadata) -> Option<&'static str> {
    let ft = meta.file_type();
    if ft.is_file() {
        return None;
    }
    if ft.is_dir() {
        return Some("a directory");
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if ft.is_fifo() {
            return Some("a FIFO");
        }
        if ft.is_char_device() {
            return Some("a character device");
        }
        if ft.is_block_device() {
            return Some("a block device");
        }
        if ft.is_socket() {
            return Some("a socket");
        }
    }
    Some("not a file")
}

/// Read a whole regular file of at most `max` bytes.
pub fn read_bounded(path: &Path, max: u64) -> Result<Vec<u8>, ReadProblem> {
    let meta = std::fs::metadata(path).map_err(ReadProblem::Io)?;
    if let Some(what) = non_regular_kind(&meta) {
        return Err(ReadProblem::NotRegular(what));
    }
    if meta.len() > max {
        return Err(ReadProblem::TooLarge(meta.len()));
    }
    let mut opts = std::fs::OpenOptions::new();
    opts.read(true);
    // Swapped for a FIFO between the check and the open, the open must not block.
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::custom_flags(&mut opts, libc::O_NONBLOCK);
    let file = opts.open(path).map_err(ReadProblem::Io)?;
    let meta = file.metadata().map_err(ReadProblem::Io)?;
    if let Some(what) = non_regular_kind(&meta) {
        return Err(ReadProblem::NotRegular(what));
    }
    let mut bytes = Vec::with_capacity(meta.len().min(max) as usize);
    file.take(max + 1)
        .read_to_end(&mut bytes)
        .map_err(ReadProblem::Io)?;
    if bytes.len() as u64 > max {
        return Err(ReadProblem::TooLarge(bytes.len() as u64));
    }
    Ok(bytes)
}

/// How one article's extraction ended.
#[derive(Debug)]
pub enum Extracted {
    Quotes(Vec<Quote>),
    /// Over the time budget: index the article without quotes.
    TimedOut,
    /// Ctrl-C while waiting.
    Stopped,
}

/// Extract the quotes of `body` (by `author`, as the article's metadata gives it), giving up
/// after `budget` (long articles only) or when `stop` is set.
pub fn extract_within(
    body: &str,
    author: Option<&str>,
    budget: Duration,
    stop: &AtomicBool,
) -> Extracted {
    use crate::extract::{extract_with, Meta};
    if body.len() < WATCHED_BYTES {
        return Extracted::Quotes(extract_with(body, Meta { author }));
    }
    let (tx, rx) = crossbeam_channel::bounded(1);
    let body: Arc<str> = Arc::from(body);
    let author: Option<String> = author.map(str::to_string);
    let spawned = std::thread::Builder::new()
        .name("quotebook-extract".into())
        .spawn(move || {
            let meta = Meta {
                author: author.as_deref(),
            };
            let _ = tx.send(extract_with(&body, meta));
        });
    if spawned.is_err() {
        return Extracted::TimedOut;
    }
    let deadline = Instant::now() + budget;
    loop {
        if stop.load(Ordering::Relaxed) {
            return Extracted::Stopped;
        }
        let now = Instant::now();
        if now >= deadline {
            return Extracted::TimedOut;
        }
        let slice = (deadline - now).min(Duration::from_millis(100));
        match rx.recv_timeout(slice) {
            Ok(quotes) => return Extracted::Quotes(quotes),
            Err(crossbeam_channel::RecvTimeoutError::Timeout) => {}
            Err(crossbeam_channel::RecvTimeoutError::Disconnected) => {
                // The extractor panicked: no quotes, like a timeout.
                return Extracted::TimedOut;
            }
        }
    }
}

/// Holds back workers from starting to send a file while the writer waits to commit.
///
/// The writer commits only between files (when every file whose documents it started to
/// receive has been received whole); the gate makes sure such a moment comes, by letting
/// no new file start while a commit is due.
#[derive(Debug, Default)]
pub struct Gate {
    committing: Mutex<bool>,
    open: Condvar,
}

impl Gate {
    /// Wait until no commit is due, then return: the caller may send a file.
    pub fn enter(&self) {
        let mut due = self.committing.lock().unwrap_or_else(|e| e.into_inner());
        while *due {
            due = self.open.wait(due).unwrap_or_else(|e| e.into_inner());
        }
    }

    /// A commit is due: hold new files back.
    pub fn close(&self) {
        *self.committing.lock().unwrap_or_else(|e| e.into_inner()) = true;
    }

    /// Committed: let files through again.
    pub fn open(&self) {
        *self.committing.lock().unwrap_or_else(|e| e.into_inner()) = false;
        self.open.notify_all();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_regular_files_within_the_limit_are_read() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("a.txt");
        std::fs::write(&p, "12345").unwrap();
        assert_eq!(read_bounded(&p, 5).unwrap(), b"12345");
        assert!(matches!(read_bounded(&p, 4), Err(ReadProblem::TooLarge(5))));
        assert!(matches!(
            read_bounded(dir.path(), 100),
            Err(ReadProblem::NotRegular("a directory"))
        ));
        #[cfg(unix)]
        assert!(matches!(
            read_bounded(Path::new("/dev/zero"), 100),
            Err(ReadProblem::NotRegular("a character device"))
        ));
    }

    #[test]
    fn short_articles_are_extracted_inline_and_stop_is_prompt() {
        let stop = AtomicBool::new(false);
        match extract_within("“Yes,” Bob Stone said.", None, Duration::ZERO, &stop) {
            Extracted::Quotes(q) => assert_eq!(q.len(), 1),
            other => panic!("{other:?}"),
        }
        let long = "word ".repeat(WATCHED_BYTES);
        stop.store(true, Ordering::Relaxed);
        assert!(matches!(
            extract_within(&long, None, Duration::from_secs(600), &stop),
            Extracted::Stopped
        ));
        stop.store(false, Ordering::Relaxed);
        assert!(matches!(
            extract_within(&long, None, Duration::ZERO, &stop),
            Extracted::TimedOut
        ));
    }
}
