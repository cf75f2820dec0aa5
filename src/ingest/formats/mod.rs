//! One reader per file format. Each takes decoded text and calls the sink once per article or
//! bad record, in file order.

pub(crate) mod html;
pub(crate) mod json;
pub(crate) mod markup;
pub(crate) mod text;

use crate::model::Article;

use super::RecordError;

/// Where the text came from: the displayed path and the stable base for ids.
pub(crate) struct Ctx<'a> {
    pub path: &'a str,
    pub id_base: &'a str,
}

/// The callback `parse` hands to each format reader.
pub(crate) type Sink<'s> = dyn FnMut(Result<Article, RecordError>) + 's;

/// Collapse runs of whitespace to one space and trim; `None` when nothing is left.
pub(crate) fn clean_field(s: &str) -> Option<String> {
    let mut out = String::with_capacity(s.len());
    for word in s.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    (!out.is_empty()).then_some(out)
}
