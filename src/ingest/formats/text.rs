//! `.txt` and `.md`: the whole decoded file is the article text; a short first line without
//! final punctuation followed by a blank line is the title.

use std::path::Path;

use crate::model::Article;

use super::{Ctx, Sink};
use crate::ingest::{mask_furniture, FileError};

/// Longest first line (in chars) that can be a title.
const MAX_TITLE_CHARS: usize = 200;

pub(crate) fn parse(ctx: &Ctx<'_>, text: &str, sink: &mut Sink<'_>) -> Result<(), FileError> {
    let markdown = Path::new(ctx.path)
        .extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| e.eq_ignore_ascii_case("md") || e.eq_ignore_ascii_case("markdown"));
    sink(Ok(Article {
        id: ctx.id_base.to_string(),
        path: ctx.path.to_string(),
        line: None,
        title: title(text, markdown),
        text: text.to_string(),
        body: mask_furniture(text),
        ..Article::default()
    }));
    Ok(())
}

/// The title of a plain-text article, if its first line is one (see the module docs).
pub(crate) fn title(text: &str, markdown: bool) -> Option<String> {
    let mut lines = text.split('\n');
    let first = lines.next()?.trim();
    let second = lines.next()?;
    if !second.trim().is_empty() {
        return None;
    }
    let first = if markdown && first.starts_with('#') {
        // ATX heading: `## Title` or `## Title ##`.
        let t = first.trim_start_matches('#');
        let closed = t.trim_end_matches('#');
        if closed.ends_with(char::is_whitespace) {
            closed.trim()
        } else {
            t.trim()
        }
    } else {
        first
    };
    if first.is_empty() || first.chars().count() > MAX_TITLE_CHARS {
        return None;
    }
    let unquoted = first.trim_end_matches(['"', '\'', '”', '’', '»', ')']);
    if unquoted.ends_with(['.', '!', '?', ':', ';', '…']) {
        return None;
    }
    super::clean_field(first)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse_one(path: &str, text: &str) -> Article {
        let mut got = Vec::new();
        parse(
            &Ctx {
                path,
                id_base: "/abs/base",
            },
            text,
            &mut |r| got.push(r.unwrap()),
        )
        .unwrap();
        assert_eq!(got.len(), 1);
        got.pop().unwrap()
    }

    #[test]
    fn title_yes() {
        let cases = [
            (
                "Ad sales boost profit\n\nQuarterly profits rose.",
                "Ad sales boost profit",
            ),
            ("  Spaced   title \n\nBody.", "Spaced title"),
            ("Title with CRLF\r\n\r\nBody.\r\n", "Title with CRLF"),
            ("Title\n   \nBody after whitespace-only line.", "Title"),
            ("Who is it, really\n\nBody.", "Who is it, really"),
            ("Title only\n", "Title only"),
        ];
        for (text, want) in cases {
            assert_eq!(title(text, false).as_deref(), Some(want), "{text:?}");
        }
    }

    #[test]
    fn title_no() {
        let long = format!("{}\n\nBody.", "x".repeat(201));
        let cases = [
            "A full sentence ends with a period.\n\nBody.",
            "Is this a question?\n\nBody.",
            "Wow!\n\nBody.",
            "He said: \"it is done.\"\n\nBody.",
            "He said “it is done!”\n\nBody.",
            "Note:\n\nBody.",
            "Title\nNo blank line after it.",
            "Single line without newline",
            "\n\nStarts blank.",
            long.as_str(),
        ];
        for text in cases {
            assert_eq!(title(text, false), None, "{text:?}");
        }
        let ok200 = format!("{}\n\nBody.", "x".repeat(200));
        assert!(title(&ok200, false).is_some());
    }

    #[test]
    fn markdown_heading_is_stripped() {
        assert_eq!(
            title("# My Heading\n\nText.", true).as_deref(),
            Some("My Heading")
        );
        assert_eq!(
            title("## Deeper ##\n\nText.", true).as_deref(),
            Some("Deeper")
        );
        assert_eq!(title("# C#\n\nText.", true).as_deref(), Some("C#"));
        // Not stripped for plain text.
        assert_eq!(
            title("# Heading\n\nText.", false).as_deref(),
            Some("# Heading")
        );
    }

    #[test]
    fn article_fields() {
        let text = "Senate passes bill\r\n\r\nThe Senate passed it. [lz_ndn video=1]\r\n";
        let a = parse_one("dir/a.txt", text);
        assert_eq!(a.id, "/abs/base");
        assert_eq!(a.path, "dir/a.txt");
        assert_eq!(a.line, None);
        assert_eq!(a.title.as_deref(), Some("Senate passes bill"));
        assert_eq!(a.text, text, "text is kept exactly as decoded");
        assert_eq!(a.body.chars().count(), text.chars().count());
        assert!(!a.body.contains("lz_ndn"));
        assert_eq!(a.date, None);
        assert_eq!(a.source, None);
    }

    #[test]
    fn markdown_file_title() {
        let a = parse_one("notes/b.MD", "# Big news\n\nSomething happened.");
        assert_eq!(a.title.as_deref(), Some("Big news"));
        assert!(a.text.starts_with("# Big news"));
    }
}
