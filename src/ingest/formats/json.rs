//! `.json` (one article object, or an array of them) and `.jsonl`/`.ndjson` (one object per
//! line), with the field names real corpora use.
//!
//! Field aliases, first present (non-null) wins: text|body|content|article|full_text;
//! title|headline; date|published|publish_date|pubdate|published_at|datetime; url|link;
//! source|outlet|publication|site|publisher; author|authors|byline; id|_id|guid|uuid.
//! Unknown fields are ignored. Arrays are read element by element through serde's `SeqAccess`,
//! so only one record is ever held as a `serde_json::Value`.

use std::fmt;

use serde::de::{self, Deserializer as _, MapAccess, SeqAccess, Visitor};
use serde::Deserialize;
use serde_json::{Map, Value};

use crate::ingest::{date, mask_furniture, FileError, RecordError};
use crate::model::Article;

use super::{clean_field, Ctx, Sink};

const TEXT_FIELDS: &[&str] = &["text", "body", "content", "article", "full_text"];
const TITLE_FIELDS: &[&str] = &["title", "headline"];
const DATE_FIELDS: &[&str] = &[
    "date",
    "published",
    "publish_date",
    "pubdate",
    "published_at",
    "datetime",
];
const URL_FIELDS: &[&str] = &["url", "link"];
const SOURCE_FIELDS: &[&str] = &["source", "outlet", "publication", "site", "publisher"];
const AUTHOR_FIELDS: &[&str] = &["author", "authors", "byline"];
const ID_FIELDS: &[&str] = &["id", "_id", "guid", "uuid"];

/// Where a record sits in its file; decides `Article::line` and the fallback id.
#[derive(Debug, Clone, Copy)]
enum Loc {
    /// The file is one object.
    Whole,
    /// 0-based element index in a top-level array.
    Index(u64),
    /// 1-based line number in a JSON Lines file.
    Line(u64),
}

impl Loc {
    fn line(self) -> Option<u64> {
        match self {
            Loc::Whole => None,
            Loc::Index(n) | Loc::Line(n) => Some(n),
        }
    }

    fn error(self, ctx: &Ctx<'_>, reason: impl Into<String>) -> RecordError {
        RecordError {
            path: ctx.path.to_string(),
            line: self.line(),
            reason: reason.into(),
            is_index: matches!(self, Loc::Index(_)),
        }
    }
}

// ---------------------------------------------------------------------------------------------
// JSON Lines

pub(crate) fn parse_json_lines(
    ctx: &Ctx<'_>,
    text: &str,
    sink: &mut Sink<'_>,
) -> Result<(), FileError> {
    // Syntax errors before the first line that is JSON at all are held back: if no line is JSON,
    // this is not a JSON Lines file, and that is one FileError rather than one error per line.
    let mut held: Vec<RecordError> = Vec::new();
    let mut seen_json = false;
    for (i, line) in text.split('\n').enumerate() {
        let loc = Loc::Line(i as u64 + 1);
        let line = line.strip_suffix('\r').unwrap_or(line);
        if line.trim().is_empty() {
            continue;
        }
        let result = match serde_json::from_str::<Value>(line) {
            Ok(value) => {
                if !seen_json {
                    seen_json = true;
                    held.drain(..).for_each(|e| sink(Err(e)));
                }
                value_to_article(ctx, value, loc)
            }
            Err(e) => Err(loc.error(ctx, format!("invalid JSON: {e}"))),
        };
        match result {
            Err(e) if !seen_json => held.push(e),
            r => sink(r),
        }
    }
    if !seen_json {
        let first = held.first().map_or_else(String::new, |e| {
            format!(": line {}: {}", e.line.unwrap_or(0), e.reason)
        });
        return Err(FileError::new(ctx.path, format!("not JSON Lines{first}")));
    }
    Ok(())
}

// ---------------------------------------------------------------------------------------------
// JSON

/// Read a `.json` file. A file of several objects one per line (JSON Lines saved as `.json`) is
/// read as JSON Lines, with a warning.
pub(crate) fn parse_json(
    ctx: &Ctx<'_>,
    text: &str,
    sink: &mut Sink<'_>,
    warnings: &mut Vec<String>,
) -> Result<(), FileError> {
    let mut de = serde_json::Deserializer::from_str(text);
    let mut elements = 0u64;
    let result = de.deserialize_any(TopVisitor {
        ctx,
        sink: &mut *sink,
        elements: &mut elements,
    });
    let result = result.and_then(|top| de.end().map(|()| top));
    match result {
        Ok(Top::Object(map)) => sink(record_to_article(ctx, map, Loc::Whole)),
        Ok(Top::Array) if elements == 0 => {
            return Err(FileError::new(ctx.path, "empty JSON array"));
        }
        Ok(Top::Array) => {}
        // Some elements were read: the rest of the file is one bad record.
        Err(e) if elements > 0 => sink(Err(
            Loc::Index(elements).error(ctx, format!("invalid JSON: {e}"))
        )),
        Err(e) if text.trim_start().starts_with('{') && is_trailing(&e) => {
            warnings.push("read as JSON Lines (several JSON values in one .json file)".into());
            return parse_json_lines(ctx, text, sink);
        }
        Err(e) => return Err(FileError::new(ctx.path, format!("invalid JSON: {e}"))),
    }
    Ok(())
}

/// serde_json's error for a complete value followed by more input.
fn is_trailing(e: &serde_json::Error) -> bool {
    e.is_syntax() && e.to_string().starts_with("trailing characters")
}

enum Top {
    Object(Map<String, Value>),
    /// The elements went to the sink as they were read.
    Array,
}

struct TopVisitor<'v, 'c, 's> {
    ctx: &'v Ctx<'c>,
    sink: &'v mut Sink<'s>,
    elements: &'v mut u64,
}

impl<'de> Visitor<'de> for TopVisitor<'_, '_, '_> {
    type Value = Top;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a JSON object or an array of objects")
    }

    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Top, A::Error> {
        let map = Map::deserialize(de::value::MapAccessDeserializer::new(map))?;
        Ok(Top::Object(map))
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Top, A::Error> {
        while let Some(value) = seq.next_element::<Value>()? {
            let loc = Loc::Index(*self.elements);
            (self.sink)(value_to_article(self.ctx, value, loc));
            *self.elements += 1;
        }
        Ok(Top::Array)
    }
}

// ---------------------------------------------------------------------------------------------
// Records

fn value_to_article(ctx: &Ctx<'_>, value: Value, loc: Loc) -> Result<Article, RecordError> {
    match value {
        Value::Object(map) => record_to_article(ctx, map, loc),
        other => Err(loc.error(
            ctx,
            format!("expected a JSON object, found {}", kind(&other)),
        )),
    }
}

fn kind(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

/// The first of `names` present in `map` with a non-null value.
fn first<'m>(
    map: &'m Map<String, Value>,
    names: &[&'static str],
) -> Option<(&'static str, &'m Value)> {
    names
        .iter()
        .find_map(|n| map.get(*n).filter(|v| !v.is_null()).map(|v| (*n, v)))
}

fn record_to_article(
    ctx: &Ctx<'_>,
    mut map: Map<String, Value>,
    loc: Loc,
) -> Result<Article, RecordError> {
    let text = match first(&map, TEXT_FIELDS) {
        None => {
            return Err(loc.error(
                ctx,
                format!("no text field (expected one of {})", TEXT_FIELDS.join(", ")),
            ))
        }
        Some((name, Value::String(s))) if s.trim().is_empty() => {
            return Err(loc.error(ctx, format!("field \"{name}\" is empty")))
        }
        Some((name, Value::String(_))) => match map.remove(name) {
            Some(Value::String(s)) => s,
            _ => unreachable!("field was just seen as a string"),
        },
        Some((name, other)) => {
            return Err(loc.error(
                ctx,
                format!("field \"{name}\" is {}, expected a string", kind(other)),
            ))
        }
    };
    let title = first(&map, TITLE_FIELDS).and_then(|(_, v)| v.as_str().and_then(clean_field));
    let date = first(&map, DATE_FIELDS).and_then(|(_, v)| date_value(v));
    let url = first(&map, URL_FIELDS).and_then(|(_, v)| v.as_str().and_then(clean_field));
    let source = first(&map, SOURCE_FIELDS).and_then(|(_, v)| name_value(v));
    let author = first(&map, AUTHOR_FIELDS).and_then(|(_, v)| names_value(v));
    let own_id = first(&map, ID_FIELDS).and_then(|(_, v)| id_value(v));
    let id = own_id.or_else(|| url.clone()).unwrap_or_else(|| match loc {
        Loc::Whole => ctx.id_base.to_string(),
        Loc::Index(i) => format!("{}#{i}", ctx.id_base),
        Loc::Line(n) => format!("{}#L{n}", ctx.id_base),
    });
    let body = mask_furniture(&text);
    Ok(Article {
        id,
        path: ctx.path.to_string(),
        line: loc.line(),
        title,
        date,
        source,
        url,
        author,
        text,
        body,
    })
}

fn date_value(v: &Value) -> Option<String> {
    match v {
        Value::String(s) => date::normalize_date(s),
        Value::Number(n) => {
            let secs = n.as_i64().or_else(|| n.as_f64().map(|f| f as i64))?;
            date::normalize_unix_seconds(secs)
        }
        _ => None,
    }
}

/// A string, or an object's `name` (`"source": {"id": "bbc", "name": "BBC News"}`).
fn name_value(v: &Value) -> Option<String> {
    match v {
        Value::String(s) => clean_field(s),
        Value::Object(o) => o.get("name").and_then(Value::as_str).and_then(clean_field),
        _ => None,
    }
}

/// One name, or an array of names joined with ", ".
fn names_value(v: &Value) -> Option<String> {
    match v {
        Value::Array(items) => {
            let names: Vec<String> = items.iter().filter_map(name_value).collect();
            (!names.is_empty()).then(|| names.join(", "))
        }
        other => name_value(other),
    }
}

/// A string or integer id (or a MongoDB-style `{"$oid": "…"}`).
fn id_value(v: &Value) -> Option<String> {
    match v {
        Value::String(s) => {
            let s = s.trim();
            (!s.is_empty()).then(|| s.to_string())
        }
        Value::Number(n) => Some(n.to_string()),
        Value::Object(o) => o.get("$oid").and_then(id_value),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const CTX: Ctx<'static> = Ctx {
        path: "in/f.json",
        id_base: "/abs/in/f.json",
    };

    fn run_json(text: &str) -> Result<Vec<Result<Article, RecordError>>, FileError> {
        let mut got = Vec::new();
        let mut warnings = Vec::new();
        parse_json(&CTX, text, &mut |r| got.push(r), &mut warnings)?;
        assert!(warnings.is_empty(), "{warnings:?}");
        Ok(got)
    }

    fn run_jsonl(text: &str) -> Result<Vec<Result<Article, RecordError>>, FileError> {
        let mut got = Vec::new();
        parse_json_lines(&CTX, text, &mut |r| got.push(r))?;
        Ok(got)
    }

    fn one(text: &str) -> Article {
        let mut got = run_json(text).unwrap();
        assert_eq!(got.len(), 1);
        got.pop().unwrap().unwrap()
    }

    fn one_err(text: &str) -> RecordError {
        let mut got = run_json(text).unwrap();
        assert_eq!(got.len(), 1);
        got.pop().unwrap().unwrap_err()
    }

    #[test]
    fn single_object_all_fields() {
        let a = one(
            r#"{"id": "x/1", "title": " The  Title ", "date": "2005-03-10",
                "url": "https://e.org/a", "source": "Wire", "author": "Jo Roe",
                "text": "Body [lz_ndn video=1] text.", "extra": [1, 2]}"#,
        );
        assert_eq!(a.id, "x/1");
        assert_eq!(a.path, "in/f.json");
        assert_eq!(a.line, None);
        assert_eq!(a.title.as_deref(), Some("The Title"));
        assert_eq!(a.date.as_deref(), Some("2005-03-10"));
        assert_eq!(a.url.as_deref(), Some("https://e.org/a"));
        assert_eq!(a.source.as_deref(), Some("Wire"));
        assert_eq!(a.author.as_deref(), Some("Jo Roe"));
        assert_eq!(a.text, "Body [lz_ndn video=1] text.");
        assert_eq!(a.body, format!("Body {} text.", " ".repeat(16)));
    }

    #[test]
    fn text_aliases() {
        for name in TEXT_FIELDS {
            let a = one(&format!(r#"{{"{name}": "words"}}"#));
            assert_eq!(a.text, "words", "{name}");
        }
        // First present wins, null counts as absent.
        let a = one(r#"{"full_text": "late", "body": "early", "text": null}"#);
        assert_eq!(a.text, "early");
    }

    #[test]
    fn title_aliases() {
        for name in TITLE_FIELDS {
            let a = one(&format!(r#"{{"{name}": "T", "text": "x"}}"#));
            assert_eq!(a.title.as_deref(), Some("T"), "{name}");
        }
        assert_eq!(
            one(r#"{"headline": "H", "title": "T", "text": "x"}"#)
                .title
                .as_deref(),
            Some("T")
        );
        assert_eq!(one(r#"{"title": 5, "text": "x"}"#).title, None);
    }

    #[test]
    fn date_aliases() {
        for name in DATE_FIELDS {
            let a = one(&format!(r#"{{"{name}": "July 20, 2017", "text": "x"}}"#));
            assert_eq!(a.date.as_deref(), Some("2017-07-20"), "{name}");
        }
        let a = one(r#"{"date": 1500562861, "text": "x"}"#);
        assert_eq!(a.date.as_deref(), Some("2017-07-20T15:01:01Z"));
        let a = one(r#"{"date": "not a date", "text": "x"}"#);
        assert_eq!(a.date, None, "unparseable date is dropped, article kept");
    }

    #[test]
    fn url_aliases_and_url_as_id() {
        for name in URL_FIELDS {
            let a = one(&format!(
                r#"{{"{name}": "https://e.org/{name}", "text": "x"}}"#
            ));
            assert_eq!(
                a.url.as_deref(),
                Some(format!("https://e.org/{name}").as_str())
            );
            assert_eq!(
                a.id,
                format!("https://e.org/{name}"),
                "url is the id without an id field"
            );
        }
    }

    #[test]
    fn source_aliases() {
        for name in SOURCE_FIELDS {
            let a = one(&format!(r#"{{"{name}": "Outlet", "text": "x"}}"#));
            assert_eq!(a.source.as_deref(), Some("Outlet"), "{name}");
        }
        let a = one(r#"{"source": {"id": "bbc", "name": "BBC News"}, "text": "x"}"#);
        assert_eq!(a.source.as_deref(), Some("BBC News"));
    }

    #[test]
    fn author_aliases_and_arrays() {
        for name in AUTHOR_FIELDS {
            let a = one(&format!(r#"{{"{name}": "A. Writer", "text": "x"}}"#));
            assert_eq!(a.author.as_deref(), Some("A. Writer"), "{name}");
        }
        let a = one(r#"{"authors": ["Ann One", "Bob Two", 3], "text": "x"}"#);
        assert_eq!(a.author.as_deref(), Some("Ann One, Bob Two"));
        let a = one(r#"{"authors": [{"name": "Ann One"}], "text": "x"}"#);
        assert_eq!(a.author.as_deref(), Some("Ann One"));
        assert_eq!(one(r#"{"authors": [], "text": "x"}"#).author, None);
    }

    #[test]
    fn id_aliases() {
        for name in ID_FIELDS {
            let a = one(&format!(r#"{{"{name}": "abc", "url": "u", "text": "x"}}"#));
            assert_eq!(a.id, "abc", "{name}");
        }
        assert_eq!(one(r#"{"id": 42, "text": "x"}"#).id, "42");
        assert_eq!(one(r#"{"_id": {"$oid": "5f1d"}, "text": "x"}"#).id, "5f1d");
        assert_eq!(one(r#"{"id": "", "text": "x"}"#).id, "/abs/in/f.json");
        assert_eq!(one(r#"{"text": "x"}"#).id, "/abs/in/f.json");
    }

    #[test]
    fn bad_text_fields_name_the_field() {
        let e = one_err(r#"{"title": "no text"}"#);
        assert!(e.reason.starts_with("no text field"), "{}", e.reason);
        assert_eq!(e.line, None);
        let e = one_err(r#"{"body": 12}"#);
        assert_eq!(e.reason, "field \"body\" is a number, expected a string");
        let e = one_err(r#"{"content": "  "}"#);
        assert_eq!(e.reason, "field \"content\" is empty");
        assert_eq!(e.to_string(), "in/f.json: field \"content\" is empty");
    }

    #[test]
    fn array_with_non_object() {
        let got =
            run_json(r#"[{"text": "a"}, 7, {"text": "c", "id": "own"}, {"body": null}]"#).unwrap();
        assert_eq!(got.len(), 4);
        let a0 = got[0].as_ref().unwrap();
        assert_eq!((a0.line, a0.id.as_str()), (Some(0), "/abs/in/f.json#0"));
        let e1 = got[1].as_ref().unwrap_err();
        assert_eq!(e1.line, Some(1));
        assert_eq!(
            e1.to_string(),
            "in/f.json[1]: expected a JSON object, found a number"
        );
        let a2 = got[2].as_ref().unwrap();
        assert_eq!((a2.line, a2.id.as_str()), (Some(2), "own"));
        assert!(got[3].is_err());
    }

    #[test]
    fn array_truncated_midway_keeps_earlier_elements() {
        let got = run_json(r#"[{"text": "a"}, {"text": "b"}, {"text": "#).unwrap();
        assert_eq!(got.len(), 3);
        assert!(got[0].is_ok() && got[1].is_ok());
        let e = got[2].as_ref().unwrap_err();
        assert_eq!(e.line, Some(2));
        assert!(e.reason.starts_with("invalid JSON"), "{}", e.reason);
    }

    #[test]
    fn whole_file_json_errors() {
        let e = run_json("this is not json").unwrap_err();
        assert!(e.reason.starts_with("invalid JSON"), "{}", e.reason);
        let e = run_json(r#""a string""#).unwrap_err();
        assert!(
            e.reason.contains("expected a JSON object or an array"),
            "{}",
            e.reason
        );
        assert_eq!(run_json("[]").unwrap_err().reason, "empty JSON array");
        let e = run_json(r#"{"text": "a"} trailing"#).unwrap_err();
        assert!(e.reason.contains("trailing"), "{}", e.reason);
    }

    #[test]
    fn json_lines_saved_as_json_are_read_as_json_lines() {
        let mut got = Vec::new();
        let mut warnings = Vec::new();
        let text = "{\"text\": \"a\"}\n{\"text\": \"b\"}\n";
        parse_json(&CTX, text, &mut |r| got.push(r), &mut warnings).unwrap();
        assert_eq!(got.len(), 2);
        assert_eq!(got[1].as_ref().unwrap().line, Some(2));
        assert_eq!(warnings.len(), 1);
    }

    #[test]
    fn jsonl_bad_line_and_number_text() {
        let text = concat!(
            "{\"text\": \"one\", \"title\": \"First\"}\r\n",
            "\n",
            "{\"text\": \"two\", \n",
            "{\"text\": 3}\n",
            "   \n",
            "[1, 2]\n",
            "{\"text\": \"six\", \"url\": \"https://e.org/6\"}",
        );
        let got = run_jsonl(text).unwrap();
        assert_eq!(got.len(), 5);
        let a = got[0].as_ref().unwrap();
        assert_eq!(
            (a.line, a.id.as_str(), a.text.as_str()),
            (Some(1), "/abs/in/f.json#L1", "one")
        );
        assert_eq!(a.title.as_deref(), Some("First"));
        let e = got[1].as_ref().unwrap_err();
        assert_eq!(e.line, Some(3));
        assert!(
            e.to_string().starts_with("in/f.json:3: invalid JSON"),
            "{e}"
        );
        let e = got[2].as_ref().unwrap_err();
        assert_eq!(
            e.to_string(),
            "in/f.json:4: field \"text\" is a number, expected a string"
        );
        let e = got[3].as_ref().unwrap_err();
        assert_eq!(
            e.to_string(),
            "in/f.json:6: expected a JSON object, found an array"
        );
        let a = got[4].as_ref().unwrap();
        assert_eq!((a.line, a.id.as_str()), (Some(7), "https://e.org/6"));
    }

    #[test]
    fn jsonl_leading_bad_lines_are_reported_once_json_is_seen() {
        let got = run_jsonl("oops\n{\"text\": \"ok\"}\n").unwrap();
        assert_eq!(got.len(), 2);
        assert_eq!(got[0].as_ref().unwrap_err().line, Some(1));
        assert!(got[1].is_ok());
    }

    #[test]
    fn jsonl_that_is_not_json_at_all() {
        let e = run_jsonl("just\nsome prose\n").unwrap_err();
        assert!(
            e.reason.starts_with("not JSON Lines: line 1: invalid JSON"),
            "{}",
            e.reason
        );
        assert_eq!(e.path, "in/f.json");
    }

    #[test]
    fn jsonl_with_only_bad_records_is_not_a_file_error() {
        let got = run_jsonl("{\"a\": 1}\n{\"b\": 2}\n").unwrap();
        assert_eq!(got.len(), 2);
        assert!(got.iter().all(|r| r.is_err()));
    }
}
