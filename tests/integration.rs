//! Integration tests: run the built `quotebook` binary (and, where a seam inside a run is
//! needed, the library) against temporary folders.

mod util;

mod extract;
mod formats;
mod fuzz_regressions;
mod hostile;
mod index;
mod people;
mod quotes;
mod robust;
mod search;
mod serve;
