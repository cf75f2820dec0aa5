use crate::cli::IndexArgs;
use crate::index::writer::{self, IndexOptions, Reporter};
use crate::output::{human, json, sanitize};
use indicatif::{ProgressBar, ProgressStyle};
use std::io::IsTerminal;
use std::path::Path;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::Duration;

/// Progress on stderr when it is a terminal; problems always on stderr, one line each.
struct StderrReporter {
    bar: Option<ProgressBar>,
}

impl Reporter for StderrReporter {
    fn start(&self, files: u64, bytes: u64) {
        if let Some(bar) = &self.bar {
            bar.set_length(bytes);
            bar.set_message(format!("{files} files"));
        }
    }
    fn advance(&self, bytes: u64) {
        if let Some(bar) = &self.bar {
            bar.inc(bytes);
        }
    }
    fn problem(&self, message: &str) {
        let line = format!("quotebook: {}", sanitize::one_line(message));
        match &self.bar {
            Some(bar) => bar.suspend(|| eprintln!("{line}")),
            None => eprintln!("{line}"),
        }
    }
    fn finish(&self) {
        if let Some(bar) = &self.bar {
            bar.finish_and_clear();
        }
    }
}

pub fn run(index_dir: &Path, args: IndexArgs) -> anyhow::Result<u8> {
    let stop = Arc::new(AtomicBool::new(false));
    {
        let stop = Arc::clone(&stop);
        // Ctrl-C: finish the files in flight, commit, report. A second Ctrl-C kills.
        let _ = ctrlc::set_handler(move || {
            if stop.swap(true, Ordering::SeqCst) {
                std::process::exit(130);
            }
        });
    }
    let bar = (!args.quiet && std::io::stderr().is_terminal()).then(|| {
        let bar = ProgressBar::new(0);
        bar.set_style(
            ProgressStyle::with_template(
                "{spinner} [{elapsed_precise}] {wide_bar} {bytes}/{total_bytes} ({bytes_per_sec}, eta {eta}) {msg}",
            )
            .unwrap_or_else(|_| ProgressStyle::default_bar()),
        );
        bar.enable_steady_tick(Duration::from_millis(200));
        bar
    });
    let threads = args.threads.unwrap_or_else(|| {
        std::thread::available_parallelism()
            .map(|n| n.get())
            .unwrap_or(1)
    });
    let (aliases, aliases_path, problems) =
        crate::people::find_aliases(index_dir, args.aliases.as_deref())
            .map_err(|e| anyhow::anyhow!(e))?;
    for p in problems {
        eprintln!("quotebook: warning: {}", sanitize::one_line(&p));
    }
    if args.relink {
        let done = crate::people::refresh(index_dir, &aliases, aliases_path, true)?;
        eprintln!("{}", human::people_summary(&done));
        return Ok(super::exit::OK);
    }
    let opts = IndexOptions {
        index: index_dir.to_path_buf(),
        roots: args.paths,
        rebuild: args.rebuild,
        threads,
        heap_bytes: (args.heap_mb as usize) << 20,
        commit_every: Duration::from_secs(args.commit_secs.max(1)),
        aliases,
        max_file_bytes: args.max_file_mb << 20,
        extract_budget: Duration::from_secs(args.extract_secs),
    };
    let summary = writer::run(&opts, &StderrReporter { bar }, &stop)?;
    // Who is who across articles, from what the index now holds (a run with no changes
    // only compares the table's header with the index).
    let people = match summary.interrupted {
        true => None,
        false => match crate::people::refresh(index_dir, &opts.aliases, aliases_path, false) {
            Ok(p) => Some(p),
            // Another `index` started since our commit: it relinks when it is done.
            Err(crate::error::Error::IndexLocked(_)) => None,
            Err(e) => return Err(e.into()),
        },
    };
    if args.json {
        let mut out = std::io::stdout().lock();
        json::line(&mut out, &summary)?;
    }
    eprintln!("{}", human::index_summary(&summary));
    if let Some(p) = people.filter(|p| p.rebuilt) {
        eprintln!("{}", human::people_summary(&p));
    }
    if summary.interrupted {
        return Ok(super::exit::INTERRUPTED);
    }
    if summary.had_errors() {
        return Ok(super::exit::ERROR);
    }
    if !args.json && summary.files_read + summary.files_unchanged > 0 {
        eprintln!("next: quotebook search '\"a phrase\"'  ·  quotebook quotes --by NAME  ·  quotebook stats");
    }
    Ok(super::exit::OK)
}
