//! Plain data shared by every stage: what an article and a quote are.
//!
//! No logic lives here beyond tiny helpers; `ingest` produces [`Article`]s, `extract`
//! produces [`Quote`]s, `index` stores both, `query`/`output` read them back.

use serde::{Deserialize, Serialize};

/// One news article as read from disk, before indexing.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Article {
    /// Stable identifier: the record's own id or url when it has one, else derived from the
    /// file's path (plus the line number for JSON Lines, the element index for JSON arrays).
    pub id: String,
    /// The file the article came from, as walked (not canonicalised), for display.
    pub path: String,
    /// 1-based line number inside a JSON Lines file, or element index (0-based) in a JSON array.
    pub line: Option<u64>,
    pub title: Option<String>,
    /// Publication date normalised to ISO 8601 (`YYYY-MM-DD` or `YYYY-MM-DDTHH:MM:SSZ`).
    pub date: Option<String>,
    pub source: Option<String>,
    pub url: Option<String>,
    pub author: Option<String>,
    /// The article text exactly as read: for `.txt`/`.md` the whole decoded file (title line
    /// included), for JSON the record's text field, for HTML the extracted main text.
    /// Quote offsets are Unicode code points into this string.
    pub text: String,
    /// `text` with page furniture (shortcodes, photo credits, poll/newsletter boilerplate)
    /// blanked out: every furniture character except `\n` becomes one space, so code-point
    /// offsets into `body` and `text` are identical. This is what gets indexed and extracted.
    pub body: String,
}

/// One direct quotation found in an article.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Quote {
    /// Code-point offset of the first quoted character (quotation marks excluded).
    pub start: usize,
    /// Code-point offset one past the last quoted character.
    pub end: usize,
    /// Byte offsets of the same span, for slicing without re-counting.
    #[serde(skip)]
    pub byte_start: usize,
    #[serde(skip)]
    pub byte_end: usize,
    /// Exactly `text[start..end]` of the article (in code points).
    pub text: String,
    /// Canonical full name of the speaker (person or organisation), `None` when unattributable.
    pub speaker: Option<String>,
    /// The words that identify the speaker near the quote, as written ("he", "Sessions").
    pub speaker_mention: Option<String>,
    /// Title or role of the speaker when the article gives one ("Attorney General").
    pub speaker_title: Option<String>,
    /// The reporting verb or construction that attributes the quote ("said", "told", ":").
    pub cue: Option<String>,
    /// 0-based index of the paragraph the quote starts in.
    pub paragraph: usize,
    /// The attribution rule that named the speaker (`trailing`, `leading`, `intro`,
    /// `continuation`, …; see `extract::attribution`), `None` when no rule did.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sieve: Option<String>,
}
