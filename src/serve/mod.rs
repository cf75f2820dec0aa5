//! `quotebook serve`: a read-only JSON API and a one-page web UI over an index.
//!
//! Owns every piece of async code and HTTP in the crate; the rest of quotebook stays
//! synchronous. Built only with the `serve` cargo feature (on by default); without it,
//! [`run`] is a stub that explains how to get it.
//!
//! - [`params`]: query strings → the library's request structs, with the limits.
//! - `catalog`: the open index, reopened when `index` commits to the same directory.
//! - `api`: the routes, the JSON error type and the guards (timeout, concurrency,
//!   panics).
//! - `assets`: the embedded page, script and style sheet.

use std::net::SocketAddr;
use std::path::PathBuf;

#[cfg(feature = "serve")]
mod api;
#[cfg(feature = "serve")]
mod assets;
#[cfg(feature = "serve")]
mod catalog;
#[cfg(feature = "serve")]
pub mod params;

/// What `quotebook serve` needs to start.
#[derive(Debug, Clone)]
pub struct Options {
    pub index: PathBuf,
    pub addr: SocketAddr,
}

#[cfg(feature = "serve")]
pub use api::run;

/// Without the `serve` feature: refuse with a message saying how to build it in.
#[cfg(not(feature = "serve"))]
pub fn run(_opts: &Options) -> crate::error::Result<()> {
    Err(crate::error::Error::BadArgument(
        "this quotebook was built without the `serve` feature; rebuild with \
         `cargo build --features serve` (it is on by default)"
            .into(),
    ))
}
