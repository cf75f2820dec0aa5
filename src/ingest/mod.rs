//! Reading article files: walking folders, decoding formats, stripping page furniture.
//!
//! This module owns everything between "a path on disk" and "an [`Article`]": which files are
//! articles ([`walk`], [`Format::from_path`]), how their bytes become text (`decode`), how each
//! format is read (`formats/`), how dates are normalised (`date`) and which parts of the text are
//! page furniture ([`mask_furniture`]). It must not touch tantivy, quotes or the terminal: the
//! caller reads the bytes, hashes them, and decides what to do with errors.
//!
//! Errors come in two sizes: a [`FileError`] means nothing at all could be read from a file
//! (binary, empty, not JSON); a [`RecordError`] means one record inside a file was bad and the
//! others were still read. Neither is fatal to an indexing run.

mod clean;
mod date;
mod decode;
mod formats;
mod walk;

use std::fmt;
use std::path::Path;

use crate::model::Article;

pub use clean::mask_furniture;
pub use date::{normalize_date, normalize_unix_seconds};
pub use walk::walk;

/// The file formats quotebook reads, chosen by file extension.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Format {
    /// `.txt`, `.md`, `.markdown`: the whole file is one article.
    Text,
    /// `.html`, `.htm`: the main text of the page is one article.
    Html,
    /// `.json`: one article object, or an array of them.
    Json,
    /// `.jsonl`, `.ndjson`: one article object per line.
    JsonLines,
}

impl Format {
    /// The format of a file from its extension (case-insensitive), `None` if unsupported.
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

/// A problem with one whole file (unreadable, binary, not JSON at all, …): nothing was read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{path}: {reason}")]
pub struct FileError {
    /// The path as walked or given (lossily converted to UTF-8 for display).
    pub path: String,
    pub reason: String,
}

impl FileError {
    pub(crate) fn new(path: impl Into<String>, reason: impl Into<String>) -> FileError {
        FileError {
            path: path.into(),
            reason: reason.into(),
        }
    }
}

/// A problem with one record inside a file; the file's other records were still read.
///
/// Displays as `PATH:LINE: reason` for a JSON Lines line (1-based), `PATH[INDEX]: reason` for
/// an element of a JSON array (0-based, `is_index` set), or `PATH: reason` without a location.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub struct RecordError {
    pub path: String,
    /// 1-based line number (JSON Lines) or 0-based element index (JSON array, see `is_index`),
    /// the same convention as [`Article::line`].
    pub line: Option<u64>,
    pub reason: String,
    /// `line` is an index into a JSON array rather than a line number (changes `Display` only).
    pub is_index: bool,
}

impl fmt::Display for RecordError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match (self.line, self.is_index) {
            (Some(i), true) => write!(f, "{}[{}]: {}", self.path, i, self.reason),
            (Some(n), false) => write!(f, "{}:{}: {}", self.path, n, self.reason),
            (None, _) => write!(f, "{}: {}", self.path, self.reason),
        }
    }
}

/// What [`parse`] found in one file besides the articles themselves.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FileReport {
    /// Articles passed to the sink (bad records not included).
    pub records: u64,
    /// Non-fatal notes about the whole file, e.g. "decoded as Windows-1252 (invalid UTF-8)".
    pub warnings: Vec<String>,
}

/// Parse the bytes of one file into articles.
///
/// `path` is the path as walked (for display and [`Article::path`]); `id_base` is a stable string
/// for ids (the caller passes the canonical absolute path). `sink` is called once per article or
/// per bad record, in file order, as they are read (JSON Lines are processed line by line and
/// JSON arrays element by element, so memory stays bounded by one record plus the file itself).
///
/// Returns `Err` only when nothing at all can be read from the file (binary, empty, not JSON, …);
/// in that case `sink` has not been called.
pub fn parse(
    format: Format,
    path: &str,
    id_base: &str,
    bytes: &[u8],
    sink: &mut dyn FnMut(Result<Article, RecordError>),
) -> Result<FileReport, FileError> {
    let decoded = match format {
        Format::JsonLines => decode::decode_lines(bytes),
        _ => decode::decode(bytes),
    }
    .map_err(|reason| FileError::new(path, reason))?;
    let mut warnings: Vec<String> = decoded.warning.into_iter().collect();
    let mut records = 0u64;
    let text: &str = &decoded.text;
    let ctx = formats::Ctx { path, id_base };
    let mut counting_sink = |r: Result<Article, RecordError>| {
        if r.is_ok() {
            records += 1;
        }
        sink(r)
    };
    match format {
        Format::Text => formats::text::parse(&ctx, text, &mut counting_sink),
        Format::Html => formats::html::parse(&ctx, text, &mut counting_sink, &mut warnings),
        Format::Json => formats::json::parse_json(&ctx, text, &mut counting_sink, &mut warnings),
        Format::JsonLines => formats::json::parse_json_lines(&ctx, text, &mut counting_sink),
    }?;
    Ok(FileReport { records, warnings })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn format_from_path() {
        let cases = [
            ("a.txt", Some(Format::Text)),
            ("a.MD", Some(Format::Text)),
            ("dir/a.markdown", Some(Format::Text)),
            ("a.html", Some(Format::Html)),
            ("a.HTM", Some(Format::Html)),
            ("a.json", Some(Format::Json)),
            ("a.jsonl", Some(Format::JsonLines)),
            ("a.NDJSON", Some(Format::JsonLines)),
            ("a.pdf", None),
            ("README", None),
            (".txt", None),
            ("a.txt.gz", None),
        ];
        for (p, want) in cases {
            assert_eq!(Format::from_path(Path::new(p)), want, "{p}");
        }
    }

    #[test]
    fn error_display() {
        let e = FileError::new("a/b.json", "binary file");
        assert_eq!(e.to_string(), "a/b.json: binary file");
        let mut r = RecordError {
            path: "x.jsonl".into(),
            line: Some(3),
            reason: "bad".into(),
            is_index: false,
        };
        assert_eq!(r.to_string(), "x.jsonl:3: bad");
        r.is_index = true;
        assert_eq!(r.to_string(), "x.jsonl[3]: bad");
        r.line = None;
        assert_eq!(r.to_string(), "x.jsonl: bad");
    }

    #[test]
    fn parse_counts_records_and_reports_warnings() {
        let bytes = b"{\"text\":\"a \x93b\x94\"}\n{\"nope\":1}\n";
        let mut got = Vec::new();
        let report = parse(
            Format::JsonLines,
            "f.jsonl",
            "/abs/f.jsonl",
            bytes,
            &mut |r| got.push(r),
        )
        .unwrap();
        assert_eq!(report.records, 1);
        assert_eq!(
            report.warnings,
            vec!["line 1 decoded as Windows-1252 (invalid UTF-8)"]
        );
        assert_eq!(got.len(), 2);
        assert_eq!(got[0].as_ref().unwrap().text, "a \u{201c}b\u{201d}");
        assert!(got[1].is_err());
    }

    fn parse_all(format: Format, path: &str, bytes: &[u8]) -> (FileReport, Vec<Article>) {
        let mut got = Vec::new();
        let report = parse(format, path, "/abs/id", bytes, &mut |r| {
            got.push(r.unwrap())
        })
        .unwrap();
        (report, got)
    }

    #[test]
    fn parse_utf16_text_file_with_title() {
        let mut bytes = vec![0xFF, 0xFE];
        for u in "Headline here\r\n\r\n“Quoted,” she said.\r\n".encode_utf16() {
            bytes.extend_from_slice(&u.to_le_bytes());
        }
        let (report, got) = parse_all(Format::Text, "a.txt", &bytes);
        assert_eq!(report.records, 1);
        assert!(report.warnings.is_empty());
        assert_eq!(got[0].title.as_deref(), Some("Headline here"));
        assert_eq!(got[0].text, "Headline here\r\n\r\n“Quoted,” she said.\r\n");
        assert_eq!(got[0].id, "/abs/id");
    }

    #[test]
    fn parse_windows_1252_html() {
        let bytes = b"<html><head><title>Caf\xe9</title></head><body><p>\x93Hi,\x94 he said.</p></body></html>";
        let (report, got) = parse_all(Format::Html, "a.html", bytes);
        assert_eq!(report.warnings, ["decoded as Windows-1252 (invalid UTF-8)"]);
        assert_eq!(got[0].title.as_deref(), Some("Café"));
        assert_eq!(got[0].text, "“Hi,” he said.");
    }

    #[test]
    fn parse_json_array_and_seed_style_body() {
        let bytes = br#"[{"headline": "H", "body": "He said it.\n\n[lz_ndn video=1]\n\nBy completing the poll, you agree to our terms."}]"#;
        let (report, got) = parse_all(Format::Json, "a.json", bytes);
        assert_eq!(report.records, 1);
        let a = &got[0];
        assert_eq!((a.id.as_str(), a.line), ("/abs/id#0", Some(0)));
        assert_eq!(a.body.chars().count(), a.text.chars().count());
        assert_eq!(a.body.trim_end(), "He said it.");
    }

    #[test]
    fn parse_whole_file_errors_do_not_call_sink() {
        for (format, bytes, reason) in [
            (Format::Text, &b""[..], "empty file"),
            (Format::Json, &b" \n\t "[..], "empty file"),
            (Format::Html, &b"\x00\x01\x02binary\x00"[..], "binary file"),
        ] {
            let mut called = false;
            let err = parse(format, "p", "p", bytes, &mut |_| called = true).unwrap_err();
            assert_eq!(err.reason, reason);
            assert!(!called);
        }
    }
}
