use clap::error::ErrorKind;
use clap::Parser;
use std::process::ExitCode;

/// mimalloc instead of glibc's malloc: `index` allocates and frees millions of small blocks
/// across threads (documents built by the workers, dropped by tantivy's indexing threads; the
/// extractor's tokens and names). With glibc that cost 1 CPU-s of ~17 on the senate corpus,
/// and 25 % of the CPU time at 4x, where its heap fragmented; peak memory stays flat (≈ 260 MB
/// at 1x, ≈ 285 MB at 4x).
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    let cli = match quotebook::cli::Cli::try_parse() {
        Ok(cli) => cli,
        Err(err) => return usage_error(err),
    };
    // A panic is a bug (or a damaged index tripping tantivy): one line, exit code 2, no
    // backtrace dump.
    std::panic::set_hook(Box::new(|info| {
        let msg = info
            .payload()
            .downcast_ref::<&str>()
            .map(|s| s.to_string())
            .or_else(|| info.payload().downcast_ref::<String>().cloned())
            .unwrap_or_else(|| "unknown panic".to_string());
        let msg = msg.split_whitespace().collect::<Vec<_>>().join(" ");
        let at = info
            .location()
            .map(|l| format!(" at {}:{}", l.file(), l.line()))
            .unwrap_or_default();
        eprintln!(
            "quotebook: internal error ({msg}{at}); if the index is damaged, rebuild it with `quotebook index --rebuild PATH…`"
        );
    }));
    let result = std::panic::catch_unwind(|| quotebook::commands::run(cli));
    let Ok(result) = result else {
        return ExitCode::from(2);
    };
    match result {
        Ok(code) => ExitCode::from(code),
        Err(err) if is_broken_pipe(&err) => ExitCode::from(0),
        Err(err) => {
            eprintln!(
                "quotebook: {}",
                quotebook::output::sanitize::one_line(&format!("{err:#}"))
            );
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

/// Help and version go to stdout as clap renders them; a usage error is one line on stderr
/// (clap's first line, which names the problem) and exit code 2, like every other error.
fn usage_error(err: clap::Error) -> ExitCode {
    if matches!(
        err.kind(),
        ErrorKind::DisplayHelp
            | ErrorKind::DisplayVersion
            | ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand
    ) {
        let _ = err.print();
        return ExitCode::from(if err.use_stderr() { 2 } else { 0 });
    }
    let text = err.render().to_string();
    let first = text
        .lines()
        .find(|l| !l.trim().is_empty())
        .unwrap_or("bad arguments");
    let first = first.strip_prefix("error: ").unwrap_or(first);
    eprintln!("quotebook: {first} (see --help)");
    ExitCode::from(2)
}
