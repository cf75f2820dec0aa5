//! Printing results for people (`human`) or programs (`json`). Knows nothing of how results
//! were found. stdout carries only results; everything else goes to stderr.

pub mod human;
pub mod json;
pub mod sanitize;

/// How results are printed, chosen once per command.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    Human { color: bool },
    Json,
}
