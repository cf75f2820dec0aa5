//! quotebook: index news articles with tantivy and answer "where was this phrase said?" and
//! "what has this person said?".
//!
//! Pipeline: [`ingest`] reads files into [`model::Article`]s → [`extract`] finds quotes and
//! speakers → [`index`] writes tantivy documents → [`query`] searches them → [`output`] prints.

pub mod extract;
pub mod ingest;
pub mod model;
