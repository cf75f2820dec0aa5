//! Which files are articles: a recursive, sorted, hidden-skipping walk over the roots.
//!
//! Symlinks: directories are walked with `follow_links(false)`, so a symlinked directory is
//! never entered and a symlink loop cannot happen. A symlink to a regular file *is* yielded
//! (its target is read like any file); a broken symlink or one to a directory is ignored; a
//! symlink loop named like an article file is reported as an error. A root
//! that is itself a symlink is resolved (the user named it explicitly).

use std::path::{Path, PathBuf};

use walkdir::WalkDir;

use super::{FileError, Format};

/// Walk `roots` recursively and yield every supported article file (see [`Format::from_path`]).
///
/// - Hidden files and folders (name starting with `.`) are skipped, except a root given
///   explicitly (`.`, `../x`, `.hidden/`), which is always walked.
/// - Order is deterministic: roots in the order given, entries sorted by file name.
/// - A root that does not exist, a root file of an unsupported type, and walk errors
///   (permission denied, unreadable directory) come back as `Err` with the path and reason;
///   the walk goes on.
pub fn walk(roots: &[PathBuf]) -> impl Iterator<Item = Result<PathBuf, FileError>> {
    // The iterator owns its roots: the signature ties it to no borrow of `roots`.
    #[allow(clippy::unnecessary_to_owned)]
    roots.to_vec().into_iter().flat_map(walk_root)
}

fn display(path: &Path) -> String {
    path.to_string_lossy().into_owned()
}

fn walk_root(root: PathBuf) -> Box<dyn Iterator<Item = Result<PathBuf, FileError>>> {
    let meta = match std::fs::metadata(&root) {
        Ok(m) => m,
        Err(e) => {
            let reason = if e.kind() == std::io::ErrorKind::NotFound {
                "no such file or directory".to_string()
            } else {
                e.to_string()
            };
            return Box::new(std::iter::once(Err(FileError::new(display(&root), reason))));
        }
    };
    if !meta.is_dir() {
        let item = if Format::from_path(&root).is_some() {
            Ok(root)
        } else {
            Err(FileError::new(
                display(&root),
                "unsupported file type (expected .txt, .md, .html, .json, .jsonl or .ndjson)",
            ))
        };
        return Box::new(std::iter::once(item));
    }
    let mut ignores = IgnoreFiles::default();
    let walker = WalkDir::new(&root)
        .follow_links(false)
        .follow_root_links(true)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(move |e| {
            e.depth() == 0 || !(is_hidden(e.file_name()) || ignores.ignored(e.path()))
        });
    Box::new(walker.filter_map(|entry| match entry {
        Ok(e) => {
            let ft = e.file_type();
            Format::from_path(e.path())?;
            if ft.is_file() {
                return Some(Ok(e.into_path()));
            }
            if !ft.is_symlink() {
                return None;
            }
            match std::fs::metadata(e.path()) {
                Ok(m) => m.is_file().then(|| Ok(e.into_path())),
                // A dangling link is ignored like any non-file entry.
                Err(err) if err.kind() == std::io::ErrorKind::NotFound => None,
                // A symlink loop (or a link into an unreadable folder) named like an
                // article: it cannot be read, so say so rather than skip it silently.
                Err(err) => Some(Err(FileError::new(display(e.path()), err.to_string()))),
            }
        }
        Err(err) => {
            let path = err.path().map_or_else(|| "<unknown>".to_string(), display);
            let reason = match err.io_error() {
                Some(io) => io.to_string(),
                None => err.to_string(),
            };
            Some(Err(FileError::new(path, reason)))
        }
    }))
}

/// Name of the per-folder ignore file: one file-name pattern per line (`*` and `?`
/// wildcards, `#` comments), applying to that folder and everything below it. It lets a
/// corpus keep its README or manifest next to the articles without indexing them.
pub const IGNORE_FILE: &str = ".quotebookignore";

/// Patterns of every `.quotebookignore` seen, read once per folder.
#[derive(Default)]
struct IgnoreFiles {
    by_dir: std::collections::HashMap<PathBuf, Vec<String>>,
}

impl IgnoreFiles {
    fn ignored(&mut self, path: &Path) -> bool {
        let Some(name) = path.file_name().map(|n| n.to_string_lossy().into_owned()) else {
            return false;
        };
        path.ancestors().skip(1).any(|dir| {
            self.by_dir
                .entry(dir.to_path_buf())
                .or_insert_with(|| read_ignore_file(dir))
                .iter()
                .any(|pat| glob_match(pat, &name))
        })
    }
}

fn read_ignore_file(dir: &Path) -> Vec<String> {
    std::fs::read_to_string(dir.join(IGNORE_FILE))
        .map(|t| {
            t.lines()
                .map(str::trim)
                .filter(|l| !l.is_empty() && !l.starts_with('#'))
                .map(|l| l.trim_end_matches('/').to_string())
                .collect()
        })
        .unwrap_or_default()
}

/// `*` matches any run of characters, `?` one character; everything else literally.
fn glob_match(pattern: &str, name: &str) -> bool {
    let p: Vec<char> = pattern.chars().collect();
    let n: Vec<char> = name.chars().collect();
    let (mut pi, mut ni) = (0, 0);
    let mut star: Option<(usize, usize)> = None;
    while ni < n.len() {
        if pi < p.len() && (p[pi] == '?' || p[pi] == n[ni]) {
            pi += 1;
            ni += 1;
        } else if pi < p.len() && p[pi] == '*' {
            star = Some((pi, ni));
            pi += 1;
        } else if let Some((sp, sn)) = star {
            pi = sp + 1;
            ni = sn + 1;
            star = Some((sp, sn + 1));
        } else {
            return false;
        }
    }
    p[pi..].iter().all(|&c| c == '*')
}

fn is_hidden(name: &std::ffi::OsStr) -> bool {
    name.as_encoded_bytes().first() == Some(&b'.')
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::fs;

    #[test]
    fn globs() {
        assert!(glob_match("README.md", "README.md"));
        assert!(glob_match("MANIFEST.*", "MANIFEST.json"));
        assert!(glob_match("*.draft.txt", "a.draft.txt"));
        assert!(glob_match("a?c", "abc"));
        assert!(!glob_match("README.md", "README.txt"));
        assert!(!glob_match("*.json", "a.jsonl"));
    }

    #[test]
    fn ignore_file_applies_to_its_folder_and_below() {
        let dir = tempfile::tempdir().unwrap();
        let r = dir.path();
        for f in [
            "README.md",
            "a.txt",
            "sub/README.md",
            "sub/b.txt",
            "other/MANIFEST.json",
        ] {
            touch(r, f);
        }
        fs::write(r.join(IGNORE_FILE), "README.md\n# comment\nMANIFEST.*\n").unwrap();
        let got = rel(r, walk(&[r.to_path_buf()]).collect());
        assert_eq!(got, vec!["a.txt", "sub/b.txt"]);
    }

    fn touch(root: &Path, rel: &str) {
        let p = root.join(rel);
        fs::create_dir_all(p.parent().unwrap()).unwrap();
        fs::write(p, "x").unwrap();
    }

    fn rel(root: &Path, items: Vec<Result<PathBuf, FileError>>) -> Vec<String> {
        items
            .into_iter()
            .map(|r| match r {
                Ok(p) => p
                    .strip_prefix(root)
                    .unwrap_or(&p)
                    .to_string_lossy()
                    .replace('\\', "/"),
                Err(e) => format!("ERR {}", e.reason),
            })
            .collect()
    }

    #[test]
    fn walks_sorted_supported_non_hidden() {
        let dir = tempfile::tempdir().unwrap();
        let r = dir.path();
        for f in [
            "b.txt",
            "a.json",
            "c.pdf",
            "sub/z.html",
            "sub/a.JSONL",
            ".hidden.txt",
            ".git/x.txt",
            "sub/.cache/y.md",
            "sub/deeper/n.ndjson",
            "README",
        ] {
            touch(r, f);
        }
        let got = rel(r, walk(&[r.to_path_buf()]).collect());
        assert_eq!(
            got,
            [
                "a.json",
                "b.txt",
                "sub/a.JSONL",
                "sub/deeper/n.ndjson",
                "sub/z.html"
            ]
        );
    }

    #[test]
    fn explicit_hidden_root_is_walked() {
        let dir = tempfile::tempdir().unwrap();
        let r = dir.path();
        touch(r, ".corpus/a.txt");
        touch(r, ".corpus/.skip/b.txt");
        let got = rel(r, walk(&[r.join(".corpus")]).collect());
        assert_eq!(got, [".corpus/a.txt"]);
        // And "." style roots.
        let got = rel(r, walk(&[r.join(".corpus").join(".")]).collect());
        assert_eq!(got, [".corpus/./a.txt"]);
    }

    #[test]
    fn file_roots_and_missing_roots() {
        let dir = tempfile::tempdir().unwrap();
        let r = dir.path();
        touch(r, "one.md");
        touch(r, ".hidden.json");
        touch(r, "doc.pdf");
        let roots = [
            r.join("one.md"),
            r.join("missing"),
            r.join(".hidden.json"),
            r.join("doc.pdf"),
        ];
        let got = rel(r, walk(&roots).collect());
        assert_eq!(got[0], "one.md");
        assert_eq!(got[1], "ERR no such file or directory");
        assert_eq!(got[2], ".hidden.json");
        assert!(
            got[3].starts_with("ERR unsupported file type"),
            "{}",
            got[3]
        );
        let e = walk(&[r.join("missing")]).next().unwrap().unwrap_err();
        assert!(
            e.to_string()
                .ends_with("missing: no such file or directory"),
            "{e}"
        );
    }

    #[cfg(unix)]
    #[test]
    fn symlink_loops_are_not_followed_but_file_links_are() {
        let dir = tempfile::tempdir().unwrap();
        let r = dir.path();
        touch(r, "a/real.txt");
        std::os::unix::fs::symlink(r.join("a"), r.join("a/loop")).unwrap();
        std::os::unix::fs::symlink(r.join("a/real.txt"), r.join("a/link.txt")).unwrap();
        std::os::unix::fs::symlink(r.join("nowhere.txt"), r.join("a/broken.txt")).unwrap();
        let got = rel(r, walk(&[r.to_path_buf()]).collect());
        assert_eq!(got, ["a/link.txt", "a/real.txt"]);
    }

    #[cfg(unix)]
    #[test]
    fn non_utf8_paths_work() {
        use std::os::unix::ffi::OsStrExt;
        let dir = tempfile::tempdir().unwrap();
        let name = std::ffi::OsStr::from_bytes(b"caf\xe9.txt");
        if fs::write(dir.path().join(name), "x").is_err() {
            return; // file system refuses non-UTF-8 names
        }
        let got: Vec<_> = walk(&[dir.path().to_path_buf()]).collect();
        assert_eq!(got.len(), 1);
        let p = got[0].as_ref().unwrap();
        assert!(p.to_string_lossy().ends_with("caf\u{fffd}.txt"));
    }

    #[cfg(unix)]
    #[test]
    fn unreadable_dir_is_an_error_and_walk_continues() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let r = dir.path();
        touch(r, "locked/a.txt");
        touch(r, "open/b.txt");
        fs::set_permissions(r.join("locked"), fs::Permissions::from_mode(0o000)).unwrap();
        let got = rel(r, walk(&[r.to_path_buf()]).collect());
        fs::set_permissions(r.join("locked"), fs::Permissions::from_mode(0o755)).unwrap();
        if got.contains(&"locked/a.txt".to_string()) {
            return; // running as root: permissions are not enforced
        }
        assert_eq!(got.len(), 2, "{got:?}");
        assert!(got[0].starts_with("ERR "), "{got:?}");
        assert_eq!(got[1], "open/b.txt");
    }
}
