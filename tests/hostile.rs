//! Hostile queries and hostile input (issue #20): no query exhausts memory, no record
//! corrupts another, no file stalls a run. Each test names the case it covers.

use crate::util::{Env, Run};
use std::os::unix::process::CommandExt;
use std::process::Command;

/// `quotebook --index <tmp>/idx ARGS…` with extra environment and, when given, a cap on
/// the process's address space (so that a query that allocates without bound fails the
/// test with an abort instead of taking the machine's memory).
fn qb_limited(env: &Env, args: &[&str], vars: &[(&str, &str)], max_bytes: Option<u64>) -> Run {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_quotebook"));
    cmd.current_dir(env.dir.path());
    cmd.env_remove("QUOTEBOOK_INDEX");
    cmd.env_remove("QUOTEBOOK_QUERY_WORK");
    cmd.env("NO_COLOR", "1");
    for (k, v) in vars {
        cmd.env(k, v);
    }
    cmd.arg("--index").arg(env.index_dir());
    cmd.args(args);
    if let Some(max) = max_bytes {
        // SAFETY: setrlimit is async-signal-safe; nothing else runs between fork and exec.
        unsafe {
            cmd.pre_exec(move || {
                let lim = libc::rlimit {
                    rlim_cur: max,
                    rlim_max: max,
                };
                if libc::setrlimit(libc::RLIMIT_AS, &lim) != 0 {
                    return Err(std::io::Error::last_os_error());
                }
                Ok(())
            });
        }
    }
    Run::from(cmd.output().expect("run quotebook"))
}

/// The one stderr line of a failed command, which must not be a panic or a crash.
#[track_caller]
fn one_line_error(run: &Run, needle: &str) {
    run.code(2);
    let lines: Vec<&str> = run.stderr.lines().collect();
    assert_eq!(lines.len(), 1, "one line expected:\n{}", run.stderr);
    assert!(lines[0].contains(needle), "{needle:?} not in {}", lines[0]);
    assert!(!run.stderr.contains("internal error"), "{}", run.stderr);
}

/// Articles made of one frequent word, repeated thousands of times, with a quote of it:
/// the index the query of death needs.
fn repeated_word_index(env: &Env) {
    for i in 0..8 {
        let words: Vec<&str> = (0..3000)
            .map(|j| if j % 7 == 3 { "council" } else { "the" })
            .collect();
        let text = words.join(" ");
        env.write(
            &format!("c/a{i}.txt"),
            format!(
                "Meeting number {i}\n\n“{},” Bob Stone said. {text}\n",
                &text[..600]
            ),
        );
    }
    env.qb(&["index", "c", "-q"]).code(0);
}

/// Case 1: a sloppy phrase of one frequent word repeated eight times made tantivy's
/// phrase scorer allocate without bound (24 GB, then an abort). Under a 1 GB address-space
/// cap every variant now answers or fails with one line.
#[test]
fn query_of_death_is_refused_or_answered_within_a_memory_cap() {
    let env = Env::new();
    repeated_word_index(&env);
    const CAP: Option<u64> = Some(1 << 30);
    let the8 = "\"the the the the the the the the\"";

    // Past the slop cap: a one-line bad query, exit 2.
    let qod = format!("{the8}~100000");
    for cmd in ["search", "quotes"] {
        let run = qb_limited(&env, &[cmd, &qod], &[], CAP);
        one_line_error(&run, "at most 32 words between");
    }

    // At the cap: answered, the repeated word's positions read once per article.
    let at_cap = format!("{the8}~32");
    let run = qb_limited(&env, &["search", &at_cap, "--json"], &[], CAP);
    run.code(0);
    assert_eq!(run.json_lines().len(), 8, "{}", run.stderr);
    let run = qb_limited(&env, &["quotes", &at_cap, "--json"], &[], CAP);
    run.code(0);
    assert_eq!(run.json_lines().len(), 8, "{}", run.stderr);
    // Repeated words still mean as many occurrences: "council council" never occurs.
    let run = qb_limited(&env, &["search", "\"council council\""], &[], CAP);
    run.code(1);

    // A work budget too small for the query: a one-line "query stopped", never a partial
    // answer.
    let tight = [("QUOTEBOOK_QUERY_WORK", "20000")];
    let run = qb_limited(&env, &["search", &at_cap], &tight, CAP);
    one_line_error(
        &run,
        "query stopped: it needs more than 20000 units of work",
    );
    let run = qb_limited(&env, &["quotes", &at_cap], &tight, CAP);
    one_line_error(&run, "query stopped");
    // A boost cannot reach inside a phrase that quotebook matches itself.
    let run = qb_limited(&env, &["search", &format!("{at_cap}^2")], &[], CAP);
    one_line_error(&run, "boost");
}

fn problem_lines<'a>(run: &'a Run, needle: &str) -> Vec<&'a str> {
    run.stderr.lines().filter(|l| l.contains(needle)).collect()
}

/// Case 2: two records with one id, across files and inside one file. The later record
/// (walk order, then file order) is kept, the other is named with both places, and every
/// quote's offsets point into its own article's body.
#[test]
fn records_sharing_an_id_never_mix_their_quotes() {
    let env = Env::new();
    env.write(
        "c/a.jsonl",
        concat!(
            r#"{"id":"42","text":"The council met on Monday. \"We will build the bridge by spring,\" Bob Stone said. It rained."}"#,
            "\n"
        ),
    );
    env.write(
        "c/b.jsonl",
        concat!(
            r#"{"id":"42","text":"Other news entirely. \"Taxes stay as they are,\" Ann Lee said on Tuesday evening."}"#,
            "\n",
            r#"{"id":"7","text":"\"First draft,\" Cy Park said."}"#,
            "\n",
            r#"{"id":"7","text":"Later that day: \"Second draft, final,\" Cy Park said."}"#,
            "\n"
        ),
    );
    let run = env.qb(&["index", "c", "-q"]);
    run.code(2);
    let across = problem_lines(&run, "id \"42\"");
    assert_eq!(across.len(), 1, "{}", run.stderr);
    assert!(
        across[0].contains("c/a.jsonl:1") && across[0].contains("c/b.jsonl:1"),
        "{}",
        across[0]
    );
    let inside = problem_lines(&run, "id \"7\"");
    assert_eq!(inside.len(), 1, "{}", run.stderr);
    assert!(
        inside[0].contains("c/b.jsonl:2") && inside[0].contains("c/b.jsonl:3"),
        "{}",
        inside[0]
    );

    let check = |env: &Env| {
        // One article per id, the later record's.
        let arts = env.qb(&["search", "*", "--json", "-n", "50"]).json_lines();
        let ids: Vec<&str> = arts.iter().map(|a| a["id"].as_str().unwrap()).collect();
        assert_eq!(ids.len(), 2, "{arts:?}");
        for a in &arts {
            assert!(a["path"].as_str().unwrap().ends_with("b.jsonl"), "{a}");
        }
        // The quote of the dropped record is gone, not shown with the other body's text.
        env.qb(&["quotes", "--by", "Bob Stone"]).code(1);
        let ann = env
            .qb(&["quotes", "--by", "Ann Lee", "--json"])
            .json_lines();
        assert_eq!(ann.len(), 1);
        assert_eq!(ann[0]["quote"], "Taxes stay as they are,");
        let cy = env
            .qb(&["quotes", "--by", "Cy Park", "--json"])
            .json_lines();
        assert_eq!(cy.len(), 1, "{cy:?}");
        assert_eq!(cy[0]["quote"], "Second draft, final,");
    };
    check(&env);
    // Re-reading the earlier file alone keeps the later record, as a full run does.
    std::thread::sleep(std::time::Duration::from_millis(20));
    let a = env.path("c/a.jsonl");
    let text = std::fs::read_to_string(&a).unwrap();
    std::fs::write(&a, text.replace("Monday", "Sunday")).unwrap();
    let run = env.qb(&["index", "c", "-q"]);
    run.code(2);
    assert_eq!(problem_lines(&run, "id \"42\"").len(), 1, "{}", run.stderr);
    check(&env);
}

fn one_article(env: &Env) {
    env.write(
        "c/a.txt",
        "Budget day\n\n“We will keep the bridge open,” Bob Stone said on Monday.\n",
    );
}

/// Case 4: a kill inside tantivy's atomic write leaves a `.tmp…` file in the index
/// folder; `--rebuild` must still rebuild (it deleted the index, then refused).
#[test]
fn rebuild_works_with_a_stray_tantivy_temp_file() {
    let env = Env::new();
    one_article(&env);
    env.qb(&["index", "c", "-q"]).code(0);
    env.write("idx/.tmpAbC123", "half of a meta.json");
    env.qb(&["index", "--rebuild", "c", "-q"]).code(0);
    env.qb(&["search", "bridge"]).code(0);
    assert!(!env.path("idx/.tmpAbC123").exists());
    // And a folder holding nothing but tantivy scratch files is one to create an index in.
    let other = env.path("idx2");
    std::fs::create_dir_all(&other).unwrap();
    std::fs::write(other.join(".tmpXyZ"), "x").unwrap();
    let run = env.qb_raw(
        &["--index", other.to_str().unwrap(), "index", "c", "-q"],
        &[],
    );
    run.code(0);
}

/// Case 5: the writer lock is the OS's: a lock file naming a live pid (pid 1, as a
/// writer killed in a container would leave) does not block, a lock held by a live
/// process does, with its pid in the message.
#[test]
fn writer_lock_is_held_by_the_os_not_by_a_pid() {
    let env = Env::new();
    one_article(&env);
    env.qb(&["index", "c", "-q"]).code(0);
    std::fs::write(env.path("idx/quotebook.lock"), "1\n").unwrap();
    env.qb(&["index", "c", "-q"]).code(0);

    let lock = std::fs::OpenOptions::new()
        .read(true)
        .write(true)
        .open(env.path("idx/quotebook.lock"))
        .unwrap();
    lock.try_lock().unwrap();
    std::fs::write(
        env.path("idx/quotebook.lock"),
        format!("{}\n", std::process::id()),
    )
    .unwrap();
    let run = env.qb(&["index", "c", "-q"]);
    one_line_error(
        &run,
        &format!(
            "index is being updated by another process (pid {})",
            std::process::id()
        ),
    );
    // Readers never need the lock.
    env.qb(&["search", "bridge"]).code(0);
    drop(lock);
    env.qb(&["index", "c", "-q"]).code(0);
}

/// Case 6: an index that cannot be written (read-only medium, another user's folder) is
/// read normally; "damaged … rebuild" is only for damage.
#[test]
fn an_index_that_cannot_be_written_is_still_read() {
    use std::os::unix::fs::PermissionsExt;
    let env = Env::new();
    one_article(&env);
    env.qb(&["index", "c", "-q"]).code(0);
    // Everyone may read the index; no one may write its folder. Root may write anyway, so
    // a root test run reads as `nobody`.
    let chmod = |p: &std::path::Path, mode| {
        std::fs::set_permissions(p, std::fs::Permissions::from_mode(mode)).unwrap()
    };
    chmod(env.dir.path(), 0o755);
    for e in std::fs::read_dir(env.index_dir()).unwrap() {
        chmod(&e.unwrap().path(), 0o644);
    }
    chmod(&env.index_dir(), 0o555);
    let as_reader = |args: &[&str]| {
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_quotebook"));
        cmd.env_remove("QUOTEBOOK_INDEX").env("NO_COLOR", "1");
        cmd.arg("--index").arg(env.index_dir()).args(args);
        // SAFETY: plain libc call without arguments.
        if unsafe { libc::geteuid() } == 0 {
            cmd.uid(65534).gid(65534);
        }
        Run::from(cmd.output().expect("run quotebook"))
    };
    let run = as_reader(&["search", "bridge", "--json"]);
    run.code(0);
    assert_eq!(run.json_lines().len(), 1);
    as_reader(&["stats"]).code(0);
    as_reader(&["quotes", "--by", "Bob Stone"]).code(0);
    chmod(&env.index_dir(), 0o755);
    // A segment file that cannot be read is named as such, without the rebuild advice.
    let store = std::fs::read_dir(env.index_dir())
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| p.extension().is_some_and(|x| x == "store"))
        .unwrap();
    chmod(&store, 0o000);
    if unsafe { libc::geteuid() } == 0 {
        let run = as_reader(&["search", "bridge"]);
        run.code(2);
        assert!(!run.stderr.contains("rebuild"), "{}", run.stderr);
        assert!(run.stderr.contains("ermission denied"), "{}", run.stderr);
    }
    chmod(&store, 0o644);
}

/// Case 9: `--offset`/`--limit` are bounded with one-line errors (a huge offset made
/// tantivy allocate for that many hits, and larger ones printed "internal error" four
/// times).
#[test]
fn offset_and_limit_are_bounded() {
    let env = Env::new();
    one_article(&env);
    env.qb(&["index", "c", "-q"]).code(0);
    for cmd in ["search", "quotes"] {
        for args in [
            &["--offset", "1000000000000000"][..],
            &["--offset", "100000000000000000000000"],
            &["--offset=-1"],
            &["--limit", "99999999999999"],
        ] {
            let mut all = vec![cmd, "bridge"];
            all.extend_from_slice(args);
            let run = env.qb(&all);
            one_line_error(&run, "invalid value");
        }
        env.qb(&[cmd, "bridge", "--offset", "100000", "-n", "10000"])
            .code(0);
    }
}

/// Case 10: a FIFO, a device or a symlink to one, named explicitly, is refused with a
/// message instead of blocking or reading forever.
#[test]
fn non_regular_files_named_explicitly_are_refused() {
    let env = Env::new();
    std::fs::create_dir_all(env.path("c")).unwrap();
    let fifo = env.path("c/fifo.txt");
    let status = Command::new("mkfifo").arg(&fifo).status().unwrap();
    assert!(status.success());
    std::os::unix::fs::symlink("/dev/zero", env.path("c/zero.txt")).unwrap();
    one_article(&env);
    let run = env.qb(&["index", "c/fifo.txt", "c/zero.txt", "c/a.txt", "-q"]);
    run.code(2);
    assert!(
        run.stderr
            .contains("c/fifo.txt: not a regular file (a FIFO)"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr
            .contains("c/zero.txt: not a regular file (a character device)"),
        "{}",
        run.stderr
    );
    env.qb(&["search", "bridge"]).code(0);
    let run = env.qb(&["extract", "c/fifo.txt", "c/zero.txt"]);
    run.code(2);
    assert_eq!(run.stderr.lines().count(), 2, "{}", run.stderr);
}

/// Case 12: file names reach stderr escaped: no terminal control, one line per problem.
#[test]
fn file_names_in_problem_lines_are_escaped() {
    let env = Env::new();
    env.write("c/bad\u{1b}[31m\u{7}\nname.json", "not json");
    let run = env.qb(&["index", "c", "-q"]);
    run.code(2);
    assert!(!run.stderr.contains('\u{1b}') && !run.stderr.contains('\u{7}'));
    let line: Vec<&str> = problem_lines(&run, "name.json");
    assert_eq!(line.len(), 1, "{}", run.stderr);
    assert!(
        line[0].contains("c/bad\\x1b[31m\\x07\\nname.json: invalid JSON"),
        "{}",
        line[0]
    );
    let run = env.qb(&["extract", "c"]);
    assert!(!run.stderr.contains('\u{1b}'));
    assert_eq!(problem_lines(&run, "name.json").len(), 1, "{}", run.stderr);
}

/// Per-file budgets of `index`: a file over `--max-file-mb` is skipped and named; an
/// article whose quotes take longer than `--extract-secs` is indexed without them and
/// named; the run goes on either way.
#[test]
fn files_over_their_budget_are_named_and_never_stall_the_run() {
    let env = Env::new();
    one_article(&env);
    let big = format!(
        "Long one\n\n{}“We will see,” Ann Lee said.\n",
        "The council talked about roads and about bridges and more. ".repeat(5000)
    );
    env.write("c/long.txt", &big);
    env.write("c/huge.txt", "x".repeat(1_100_000));
    let run = env.qb(&[
        "index",
        "c",
        "-q",
        "--max-file-mb",
        "1",
        "--extract-secs",
        "0",
    ]);
    run.code(2);
    assert!(
        run.stderr
            .contains("c/huge.txt: file is 1 MB, over the --max-file-mb limit; skipped"),
        "{}",
        run.stderr
    );
    let slow = problem_lines(&run, "c/long.txt");
    assert_eq!(slow.len(), 1, "{}", run.stderr);
    assert!(slow[0].contains("indexed without quotes"), "{}", slow[0]);
    env.qb(&["search", "bridges"]).code(0);
    env.qb(&["quotes", "--by", "Ann Lee"]).code(1);
    env.qb(&["quotes", "--by", "Bob Stone"]).code(0);
}

/// Case 13: a re-indexed file's old documents and its new ones change in one commit, so a
/// reader never sees the file missing. A reader polls while 40 touched files are
/// re-indexed with a commit as often as the writer may make one.
#[test]
fn readers_never_see_a_file_half_re_indexed() {
    use quotebook::index::writer::{self, IndexOptions, Reporter};
    use std::sync::atomic::{AtomicBool, Ordering};
    use std::time::Duration;
    struct Quiet;
    impl Reporter for Quiet {
        fn problem(&self, _: &str) {}
    }
    let env = Env::new();
    let n = 40;
    for i in 0..n {
        env.write(
            &format!("c/a{i:02}.txt"),
            format!("Story {i}\n\n“Roads first,” Bob Stone said in town {i}.\n"),
        );
    }
    let opts = IndexOptions {
        index: env.index_dir(),
        roots: vec![env.path("c")],
        rebuild: false,
        threads: 2,
        heap_bytes: 32 << 20,
        commit_every: Duration::ZERO,
        aliases: Default::default(),
        max_file_bytes: 1 << 20,
        extract_budget: Duration::from_secs(60),
    };
    let stop = AtomicBool::new(false);
    writer::run(&opts, &Quiet, &stop).unwrap();
    for i in 0..n {
        let p = env.path(&format!("c/a{i:02}.txt"));
        let text = std::fs::read_to_string(&p).unwrap();
        std::fs::write(&p, text.replace("Roads", "Bridges")).unwrap();
    }
    let done = AtomicBool::new(false);
    let (fewest, looks) = std::thread::scope(|s| {
        let reader = s.spawn(|| {
            let dir = quotebook::index::IndexDir::open(&env.index_dir()).unwrap();
            let reader = dir.index.reader().unwrap();
            let kind = tantivy::Term::from_field_text(dir.fields.kind, "article");
            let articles =
                tantivy::query::TermQuery::new(kind, tantivy::schema::IndexRecordOption::Basic);
            let (mut fewest, mut looks) = (u64::MAX, 0);
            while !done.load(Ordering::Relaxed) {
                reader.reload().unwrap();
                let count = reader
                    .searcher()
                    .search(&articles, &tantivy::collector::Count)
                    .unwrap();
                fewest = fewest.min(count as u64);
                looks += 1;
            }
            (fewest, looks)
        });
        let summary = writer::run(&opts, &Quiet, &stop).unwrap();
        done.store(true, Ordering::Relaxed);
        assert_eq!(summary.articles_updated, n);
        reader.join().unwrap()
    });
    assert!(looks > 0);
    assert_eq!(fewest, n, "a commit showed a file without its articles");
}

/// Case 7: one invalid byte no longer turns a whole file into Windows-1252: JSON Lines are
/// decoded line by line, and mostly-UTF-8 text keeps its UTF-8 (with U+FFFD and a warning).
#[test]
fn one_bad_byte_costs_its_line_not_the_file() {
    let env = Env::new();
    let mut jsonl = "{\"id\":\"z1\",\"text\":\"In Zürich, “we stay open,” Lena Huber said.\"}\n"
        .as_bytes()
        .to_vec();
    jsonl.extend_from_slice(b"{\"id\":\"z2\",\"text\":\"caf\xe9 society\"}\n");
    env.write("c/a.jsonl", &jsonl);
    let mut txt = "Bern notes\n\nIn Zürich, “we stay open,” Lena Huber said. "
        .as_bytes()
        .to_vec();
    txt.extend_from_slice(b"Stray \xff byte.\n");
    env.write("c/b.txt", &txt);
    let run = env.qb(&["index", "c", "-q"]);
    run.code(0);
    assert!(
        run.stderr
            .contains("c/a.jsonl: line 2 decoded as Windows-1252 (invalid UTF-8)"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr
            .contains("c/b.txt: invalid UTF-8 replaced with U+FFFD in 1 place"),
        "{}",
        run.stderr
    );
    let hits = env.qb(&["search", "zurich", "--json"]).json_lines();
    assert_eq!(hits.len(), 2);
    for h in &hits {
        let text = h["snippet"]["text"].as_str().unwrap();
        assert!(text.contains("Zürich") && !text.contains("Ã"), "{text}");
    }
    let quotes = env
        .qb(&["quotes", "--by", "Lena Huber", "--json"])
        .json_lines();
    assert_eq!(quotes.len(), 2, "curly quotes survive: {quotes:?}");
    let cafe = env
        .qb(&["search", "societe OR society", "--json"])
        .json_lines();
    assert!(cafe[0]["snippet"]["text"]
        .as_str()
        .unwrap()
        .contains("café"));
}

/// Unmounts a test filesystem, also when the test fails.
struct Mounted(std::path::PathBuf);

impl Drop for Mounted {
    fn drop(&mut self) {
        let _ = Command::new("umount").arg(&self.0).status();
    }
}

/// Case 11: a full disk is reported as such, once. Needs a small filesystem to fill: a
/// 600 KB tmpfs, which only root can mount (CI runs as root); elsewhere the test says so
/// and passes.
#[test]
fn a_full_disk_says_no_space_left() {
    let env = Env::new();
    let mnt = env.path("small");
    std::fs::create_dir_all(&mnt).unwrap();
    let mounted = Command::new("mount")
        .args(["-t", "tmpfs", "-o", "size=600k", "tmpfs"])
        .arg(&mnt)
        .output()
        .is_ok_and(|o| o.status.success());
    if !mounted {
        eprintln!("skipped: cannot mount a small tmpfs here (not root?)");
        return;
    }
    let _unmount = Mounted(mnt.clone());
    // About 2 MB of varied words: far more index than 600 KB holds.
    let mut seed = 7u64;
    for f in 0..120 {
        let mut text = format!("Report {f}\n\n“We counted,” Bob Stone said.");
        for _ in 0..2500 {
            seed = seed
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            text.push_str(&format!(" w{:x}", seed >> 44));
        }
        env.write(&format!("c/r{f:03}.txt"), text);
    }
    let index = mnt.join("idx");
    let run = env.qb_raw(
        &["--index", index.to_str().unwrap(), "index", "c", "-q"],
        &[],
    );
    run.code(2);
    let lines: Vec<&str> = run.stderr.lines().collect();
    assert_eq!(lines.len(), 1, "{}", run.stderr);
    assert!(
        lines[0].contains("no space left on the device holding"),
        "{}",
        lines[0]
    );
    assert!(!lines[0].contains("writer was killed"), "{}", lines[0]);
}

/// Case 8: hostile HTML (100,000 nested `<div>`s; one element with 200,000 attributes)
/// is trimmed by a linear pre-pass before the parser, with a warning, and its text indexed.
#[test]
fn hostile_html_is_trimmed_before_the_parser() {
    let env = Env::new();
    let deep = format!(
        "<html><head><title>Deep</title></head><body>{}<p>“Deep words,” Bob Stone said.</p>{}</body></html>",
        "<div>".repeat(100_000),
        "</div>".repeat(100_000)
    );
    env.write("c/deep.html", deep);
    let attrs: String = (0..200_000).map(|n| format!(" a{n}=\"{n}\"")).collect();
    env.write(
        "c/wide.html",
        format!("<html><body><p{attrs}>“Wide words,” Ann Lee said.</p></body></html>"),
    );
    let run = env.qb(&["index", "c", "-q"]);
    run.code(0);
    let deep = problem_lines(&run, "c/deep.html");
    assert_eq!(deep.len(), 1, "{}", run.stderr);
    assert!(
        deep[0].contains("tags nested deeper than 512 ignored"),
        "{}",
        deep[0]
    );
    let wide = problem_lines(&run, "c/wide.html");
    assert!(
        wide[0].contains("attributes past 256 on one tag ignored"),
        "{}",
        wide[0]
    );
    env.qb(&["quotes", "--by", "Bob Stone"]).code(0);
    env.qb(&["quotes", "--by", "Ann Lee"]).code(0);
}
