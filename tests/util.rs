//! Test helpers: a temp dir per test and a `quotebook` command with a clean environment.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

pub struct Env {
    pub dir: tempfile::TempDir,
}

impl Env {
    pub fn new() -> Env {
        Env {
            dir: tempfile::tempdir().expect("tempdir"),
        }
    }

    pub fn path(&self, rel: &str) -> PathBuf {
        self.dir.path().join(rel)
    }

    pub fn index_dir(&self) -> PathBuf {
        self.path("idx")
    }

    /// Write a file (creating folders), returning its path.
    pub fn write(&self, rel: &str, contents: impl AsRef<[u8]>) -> PathBuf {
        let p = self.path(rel);
        if let Some(parent) = p.parent() {
            std::fs::create_dir_all(parent).unwrap();
        }
        std::fs::write(&p, contents).unwrap();
        p
    }

    /// `quotebook --index <tmp>/idx ARGS…` run in the temp dir.
    pub fn qb(&self, args: &[&str]) -> Run {
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_quotebook"));
        cmd.current_dir(self.dir.path());
        cmd.env_remove("QUOTEBOOK_INDEX");
        cmd.env("NO_COLOR", "1");
        cmd.arg("--index").arg(self.index_dir());
        cmd.args(args);
        Run::from(cmd.output().expect("run quotebook"))
    }

    /// Like `qb` but without `--index` (to test the default and the env var).
    pub fn qb_raw(&self, args: &[&str], envs: &[(&str, &Path)]) -> Run {
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_quotebook"));
        cmd.current_dir(self.dir.path());
        cmd.env_remove("QUOTEBOOK_INDEX");
        for (k, v) in envs {
            cmd.env(k, v);
        }
        cmd.args(args);
        Run::from(cmd.output().expect("run quotebook"))
    }
}

#[derive(Debug)]
pub struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

impl From<Output> for Run {
    fn from(o: Output) -> Run {
        Run {
            code: o.status.code().unwrap_or(-1),
            stdout: String::from_utf8_lossy(&o.stdout).into_owned(),
            stderr: String::from_utf8_lossy(&o.stderr).into_owned(),
        }
    }
}

impl Run {
    #[track_caller]
    pub fn code(&self, want: i32) -> &Run {
        assert_eq!(
            self.code, want,
            "exit code {} (want {want})\n--- stdout\n{}\n--- stderr\n{}",
            self.code, self.stdout, self.stderr
        );
        self
    }

    /// stdout parsed as JSON Lines.
    #[track_caller]
    pub fn json_lines(&self) -> Vec<serde_json::Value> {
        self.stdout
            .lines()
            .filter(|l| !l.trim().is_empty())
            .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("bad JSON line {l:?}: {e}")))
            .collect()
    }
}

/// A small article with a title line and one quote.
pub fn article_txt(title: &str, sentence: &str) -> String {
    format!("{title}\n\n{sentence}\n")
}
