//! quotebook: index news articles with tantivy and answer "where was this phrase said?" and
//! "what has this person said?".
//!
//! Pipeline: [`ingest`] reads files into [`model::Article`]s → [`extract`] finds quotes and
//! speakers → [`index`] writes tantivy documents → [`query`] searches them → [`output`]
//! prints. [`commands`] is the glue behind each subcommand; `main.rs` only dispatches.

pub mod cli;
pub mod commands;
pub mod config;
pub mod error;
pub mod extract;
pub mod identity;
pub mod index;
pub mod ingest;
pub mod model;
pub mod output;
pub mod people;
pub mod query;
pub mod serve;
