//! Reading article files: walking folders, decoding formats, stripping page furniture.
//! (Minimal placeholder with the final API; the full reader replaces it.)

use crate::model::Article;
use std::path::{Path, PathBuf};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Text,
    Html,
    Json,
    JsonLines,
}

impl Format {
    pub fn from_path(path: &Path) -> Option<Format> {
        let ext = path.extension()?.to_str()?.to_ascii_lowercase();
        match ext.as_str() {
            "txt" | "md" | "markdown" => Some(Format::Text),
            "html" | "htm" => Some(Format::Html),
            "json" => Some(Format::Json),
            "jsonl" | "ndjson" => Some(Format::JsonLines),
            _ => None,
        }
    }
}

#[derive(Debug, Clone, thiserror::Error)]
#[error("{path}: {reason}")]
pub struct FileError {
    pub path: String,
    pub reason: String,
}

#[derive(Debug, Clone, thiserror::Error)]
#[error("{path}:{}: {reason}", line.map(|l| l.to_string()).unwrap_or_default())]
pub struct RecordError {
    pub path: String,
    pub line: Option<u64>,
    pub reason: String,
}

#[derive(Debug, Default, Clone)]
pub struct FileReport {
    pub records: u64,
    pub warnings: Vec<String>,
}

pub fn walk(roots: &[PathBuf]) -> impl Iterator<Item = Result<PathBuf, FileError>> {
    let roots = roots.to_vec();
    roots.into_iter().flat_map(|root| {
        walkdir::WalkDir::new(&root)
            .sort_by_file_name()
            .into_iter()
            .filter_map(|e| match e {
                Ok(e) if e.file_type().is_file() && Format::from_path(e.path()).is_some() => {
                    Some(Ok(e.into_path()))
                }
                Ok(_) => None,
                Err(err) => Some(Err(FileError {
                    path: err
                        .path()
                        .map(|p| p.display().to_string())
                        .unwrap_or_default(),
                    reason: err.to_string(),
                })),
            })
    })
}

pub fn parse(
    format: Format,
    path: &str,
    id_base: &str,
    bytes: &[u8],
    sink: &mut dyn FnMut(Result<Article, RecordError>),
) -> Result<FileReport, FileError> {
    let text = String::from_utf8_lossy(bytes).into_owned();
    let err = |reason: &str| FileError {
        path: path.to_string(),
        reason: reason.to_string(),
    };
    let mut report = FileReport::default();
    let sink = std::cell::RefCell::new(sink);
    let emit_err = |e: RecordError| (sink.borrow_mut())(Err(e));
    let emit = |v: &serde_json::Value, line: Option<u64>, id: String| {
        let mut sink = sink.borrow_mut();
        let s = |k: &str| v.get(k).and_then(|x| x.as_str()).map(str::to_string);
        match s("text") {
            Some(t) => sink(Ok(Article {
                id: s("id").unwrap_or(id),
                path: path.to_string(),
                line,
                title: s("title"),
                date: s("date"),
                source: s("source"),
                url: s("url"),
                author: s("author"),
                body: mask_furniture(&t),
                text: t,
            })),
            None => sink(Err(RecordError {
                path: path.to_string(),
                line,
                reason: "no text field".into(),
            })),
        }
    };
    match format {
        Format::Text | Format::Html => {
            report.records = 1;
            (sink.borrow_mut())(Ok(Article {
                id: id_base.to_string(),
                path: path.to_string(),
                body: mask_furniture(&text),
                text,
                ..Article::default()
            }));
        }
        Format::Json => {
            let v: serde_json::Value =
                serde_json::from_str(&text).map_err(|e| err(&e.to_string()))?;
            report.records = 1;
            emit(&v, None, id_base.to_string());
        }
        Format::JsonLines => {
            for (i, l) in text.lines().enumerate() {
                if l.trim().is_empty() {
                    continue;
                }
                report.records += 1;
                match serde_json::from_str::<serde_json::Value>(l) {
                    Ok(v) => emit(&v, Some(i as u64 + 1), format!("{id_base}#L{}", i + 1)),
                    Err(e) => emit_err(RecordError {
                        path: path.to_string(),
                        line: Some(i as u64 + 1),
                        reason: e.to_string(),
                    }),
                }
            }
        }
    }
    Ok(report)
}

pub fn mask_furniture(text: &str) -> String {
    text.to_string()
}
