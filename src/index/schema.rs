//! The tantivy schema: the one place that names fields. Articles, quotes and per-file
//! bookkeeping records live in one index, told apart by `kind`.
//!
//! Quote documents are kept slim: they carry only what a quote query filters or sorts on
//! (kind, file, article id, date, source key, speaker fields, offsets). The title, source,
//! path and the quote text itself come from the article document when a quote is printed:
//! a quote page already reads that document for the context, and copying article fields
//! onto ~3 quotes per article made indexing cost more than the articles themselves.
//!
//! Not even the quote's words are indexed again: a quote is a slice of its article's body,
//! whose words are indexed with their positions, so a quote document records the range of
//! body positions it covers (`quote_span`) and quote-text queries read the body's postings
//! ([`crate::query::quote_text`]). That relies on the writer adding an article and its quotes
//! as one batch, so that the article's `quote_count` quotes directly follow it.

use tantivy::schema::{
    DateOptions, DateTimePrecision, Field, IndexRecordOption, NumericOptions, Schema,
    TextFieldIndexing, TextOptions, FAST, STORED,
};
use tantivy::Index;

/// Bump when the schema or the meaning of a field changes; an index written with another
/// version is refused with a hint to rebuild.
pub const SCHEMA_VERSION: u32 = 4;

/// Tokenizer for every full-text field: lower-cased and ASCII-folded (so `Muller` finds
/// `Müller`), no stemming (phrase search must mean the words as written).
pub const TOKENIZER: &str = "qb";

pub const KIND_ARTICLE: &str = "article";
pub const KIND_QUOTE: &str = "quote";
pub const KIND_FILE: &str = "file";

/// Every field, resolved once.
#[derive(Clone, Debug)]
pub struct Fields {
    pub kind: Field,
    /// Canonical path of the file a document came from: indexed on every document so that a
    /// changed file's documents can be deleted by one term; never stored.
    pub file: Field,
    /// The same path, stored on the file's bookkeeping record only.
    pub file_name: Field,
    pub article_id: Field,
    pub path: Field,
    pub title: Field,
    pub body: Field,
    pub date: Field,
    pub source: Field,
    pub source_key: Field,
    pub url: Field,
    pub author: Field,
    pub quote: Field,
    pub speaker: Field,
    /// Speaker key of a quote document.
    pub speaker_key: Field,
    /// Each distinct speaker key of an article, on the article document: speaker facets of
    /// a search, and `speakers`' article counts (its document frequency).
    pub article_speaker: Field,
    /// The speaker's name as the article gave it, on quote documents only: a fast field
    /// for the speaker lists, and indexed whole so that a person of the people table
    /// ([`crate::people`]) is a set of these terms.
    pub speaker_name: Field,
    /// [`crate::identity::speaker_form`] of a quote (name, title, gender shown), indexed
    /// whole and fast: the people table links a surname alone per form and article.
    pub speaker_form: Field,
    pub speaker_mention: Field,
    pub speaker_title: Field,
    pub cue: Field,
    /// Code-point offsets of a quote in its article's body (stored: the text shown).
    pub start: Field,
    pub end: Field,
    /// Body token positions a quote covers, `from << 32 | to` (one fast-field read per
    /// quote in a quote-text query).
    pub quote_span: Field,
    /// On article documents: how many quote documents follow it. Both fields are on every
    /// document (0 where they do not apply), so that their columns are dense.
    pub quote_count: Field,
    pub file_size: Field,
    pub file_mtime: Field,
    pub file_hash: Field,
    pub file_articles: Field,
    pub file_quotes: Field,
}

pub fn build() -> (Schema, Fields) {
    let mut b = Schema::builder();
    let text = |stored: bool, positions: bool| {
        let rec = if positions {
            IndexRecordOption::WithFreqsAndPositions
        } else {
            IndexRecordOption::WithFreqs
        };
        let opts = TextOptions::default().set_indexing_options(
            TextFieldIndexing::default()
                .set_tokenizer(TOKENIZER)
                .set_index_option(rec),
        );
        if stored {
            opts.set_stored()
        } else {
            opts
        }
    };
    // Exact-value fields (kinds, ids, keys) are only filtered on, never ranked: no
    // fieldnorms (one byte per document per field otherwise, 1.4 MB on the senate corpus).
    let keyword = || {
        TextOptions::default().set_indexing_options(
            TextFieldIndexing::default()
                .set_tokenizer("raw")
                .set_index_option(IndexRecordOption::Basic)
                .set_fieldnorms(false),
        )
    };
    let stored_u64 = NumericOptions::default().set_stored();
    let fields = Fields {
        kind: b.add_text_field("kind", keyword() | FAST),
        file: b.add_text_field("file", keyword()),
        file_name: b.add_text_field("file_name", STORED),
        article_id: b.add_text_field("article_id", keyword() | STORED | FAST),
        path: b.add_text_field("path", STORED),
        title: b.add_text_field("title", text(true, true)),
        body: b.add_text_field("body", text(true, true)),
        date: b.add_date_field(
            "date",
            DateOptions::default()
                .set_indexed()
                .set_stored()
                .set_fast()
                .set_precision(DateTimePrecision::Seconds),
        ),
        source: b.add_text_field("source", text(true, true)),
        source_key: b.add_text_field("source_key", keyword() | FAST),
        url: b.add_text_field("url", STORED),
        author: b.add_text_field("author", text(true, false)),
        // Never given a value: the name exists so that queries can say `quote:`; its terms
        // are answered from `body` ([`crate::query::quote_text`]).
        quote: b.add_text_field("quote", text(false, true)),
        speaker: b.add_text_field("speaker", text(true, true)),
        // Not stored: it is the key of the stored `speaker` name.
        speaker_key: b.add_text_field("speaker_key", keyword() | FAST),
        article_speaker: b.add_text_field("article_speaker", keyword() | FAST),
        speaker_name: b.add_text_field("speaker_name", keyword() | FAST),
        speaker_form: b.add_text_field("speaker_form", keyword() | FAST),
        speaker_mention: b.add_text_field("speaker_mention", STORED),
        speaker_title: b.add_text_field("speaker_title", STORED),
        cue: b.add_text_field("cue", STORED),
        start: b.add_u64_field("start", stored_u64.clone()),
        end: b.add_u64_field("end", stored_u64.clone()),
        quote_span: b.add_u64_field("quote_span", FAST),
        quote_count: b.add_u64_field("quote_count", FAST),
        file_size: b.add_u64_field("file_size", stored_u64.clone()),
        file_mtime: b.add_i64_field("file_mtime", NumericOptions::default().set_stored()),
        file_hash: b.add_u64_field("file_hash", stored_u64.clone()),
        file_articles: b.add_u64_field("file_articles", stored_u64.clone()),
        file_quotes: b.add_u64_field("file_quotes", stored_u64),
    };
    (b.build(), fields)
}

/// Resolve the fields of an opened index by name (the schema came from disk).
pub fn fields_of(schema: &Schema) -> tantivy::Result<Fields> {
    let f = |name: &str| schema.get_field(name);
    Ok(Fields {
        kind: f("kind")?,
        file: f("file")?,
        file_name: f("file_name")?,
        article_id: f("article_id")?,
        path: f("path")?,
        title: f("title")?,
        body: f("body")?,
        date: f("date")?,
        source: f("source")?,
        source_key: f("source_key")?,
        url: f("url")?,
        author: f("author")?,
        quote: f("quote")?,
        speaker: f("speaker")?,
        speaker_key: f("speaker_key")?,
        article_speaker: f("article_speaker")?,
        speaker_name: f("speaker_name")?,
        speaker_form: f("speaker_form")?,
        speaker_mention: f("speaker_mention")?,
        speaker_title: f("speaker_title")?,
        cue: f("cue")?,
        start: f("start")?,
        end: f("end")?,
        quote_span: f("quote_span")?,
        quote_count: f("quote_count")?,
        file_size: f("file_size")?,
        file_mtime: f("file_mtime")?,
        file_hash: f("file_hash")?,
        file_articles: f("file_articles")?,
        file_quotes: f("file_quotes")?,
    })
}

/// Register the analyzers the schema refers to; must run on every opened index.
///
/// `qb` is [`super::tokenizer::QbTokenizer`]: the token stream of `SimpleTokenizer → RemoveLongFilter::limit(48)
/// → LowerCaser → AsciiFoldingFilter` (what indexes were always built with) in one pass.
pub fn register_tokenizers(index: &Index) {
    let analyzer = tantivy::tokenizer::TextAnalyzer::from(super::tokenizer::QbTokenizer::default());
    index.tokenizers().register(TOKENIZER, analyzer);
}
