//! Integration tests: run the built `quotebook` binary against temporary folders.

mod util;

mod extract;
mod formats;
mod index;
mod quotes;
mod robust;
mod search;
mod serve;
