use clap::Parser;
use std::process::ExitCode;

fn main() -> ExitCode {
    let cli = quotebook::cli::Cli::parse();
    match quotebook::commands::run(cli) {
        Ok(code) => ExitCode::from(code),
        Err(err) if is_broken_pipe(&err) => ExitCode::from(0),
        Err(err) => {
            eprintln!("quotebook: {err:#}");
            ExitCode::from(2)
        }
    }
}

/// `quotebook search … | head` closes the pipe early; that is success, not an error.
fn is_broken_pipe(err: &anyhow::Error) -> bool {
    err.chain().any(|e| {
        e.downcast_ref::<std::io::Error>()
            .is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
    })
}
