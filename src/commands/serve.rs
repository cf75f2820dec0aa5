use crate::cli::ServeArgs;
use crate::serve::{self, Options};
use std::path::Path;

pub fn run(index_dir: &Path, args: ServeArgs) -> anyhow::Result<u8> {
    serve::run(&Options {
        index: index_dir.to_path_buf(),
        addr: args.addr,
    })?;
    Ok(super::exit::OK)
}
