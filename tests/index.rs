//! Indexing rules: ids, re-index, change detection, removal, index location, errors.

use crate::util::{article_txt, Env};

fn corpus(env: &Env) {
    env.write(
        "corpus/a.txt",
        article_txt(
            "Harbour plan approved",
            "The council approved the harbour plan on Monday.",
        ),
    );
    env.write(
        "corpus/b.txt",
        article_txt(
            "Bridge closed",
            "The old bridge was closed for repairs after an inspection.",
        ),
    );
    env.write(
        "corpus/sub/c.json",
        r#"{"id": "c-1", "title": "Library reopens", "date": "2019-03-04", "text": "The city library reopened after renovation."}"#,
    );
}

fn summary_line(stderr: &str) -> &str {
    stderr
        .lines()
        .find(|l| l.contains("articles indexed"))
        .unwrap_or_else(|| panic!("no summary line in:\n{stderr}"))
}

#[test]
fn rerun_reports_everything_unchanged_and_keeps_counts() {
    let env = Env::new();
    corpus(&env);
    let first = env.qb(&["index", "corpus"]);
    first.code(0);
    assert!(
        summary_line(&first.stderr)
            .starts_with("3 articles indexed, 0 updated, 0 unchanged, 0 removed"),
        "{}",
        first.stderr
    );
    let second = env.qb(&["index", "corpus"]);
    second.code(0);
    assert!(
        summary_line(&second.stderr)
            .starts_with("0 articles indexed, 0 updated, 3 unchanged, 0 removed"),
        "{}",
        second.stderr
    );
    let stats = env.qb(&["stats", "--json"]);
    stats.code(0);
    assert_eq!(stats.json_lines()[0]["articles"], 3);
}

#[test]
fn changed_file_is_reindexed_alone_and_old_text_is_gone() {
    let env = Env::new();
    corpus(&env);
    env.qb(&["index", "corpus"]).code(0);
    // Different length guarantees the size changes even on coarse-mtime filesystems.
    env.write(
        "corpus/a.txt",
        article_txt(
            "Harbour plan rejected",
            "The council rejected the harbour plan after a long debate.",
        ),
    );
    let run = env.qb(&["index", "corpus"]);
    run.code(0);
    assert!(
        summary_line(&run.stderr)
            .starts_with("0 articles indexed, 1 updated, 2 unchanged, 0 removed"),
        "{}",
        run.stderr
    );
    env.qb(&["search", "rejected"]).code(0);
    env.qb(&["search", "approved"]).code(1);
    assert_eq!(env.qb(&["stats", "--json"]).json_lines()[0]["articles"], 3);
}

#[test]
fn touched_file_is_reindexed_alone() {
    let env = Env::new();
    corpus(&env);
    env.qb(&["index", "corpus"]).code(0);
    let f = std::fs::File::options()
        .append(true)
        .open(env.path("corpus/b.txt"))
        .unwrap();
    f.set_modified(std::time::SystemTime::now() + std::time::Duration::from_secs(5))
        .unwrap();
    drop(f);
    let run = env.qb(&["index", "corpus"]);
    run.code(0);
    assert!(
        summary_line(&run.stderr).starts_with("0 articles indexed, 1 updated, 2 unchanged"),
        "{}",
        run.stderr
    );
    assert_eq!(env.qb(&["stats", "--json"]).json_lines()[0]["articles"], 3);
}

#[test]
fn deleted_file_is_removed() {
    let env = Env::new();
    corpus(&env);
    env.qb(&["index", "corpus"]).code(0);
    env.qb(&["search", "bridge"]).code(0);
    std::fs::remove_file(env.path("corpus/b.txt")).unwrap();
    let run = env.qb(&["index", "corpus"]);
    run.code(0);
    assert!(
        summary_line(&run.stderr).contains("1 removed"),
        "{}",
        run.stderr
    );
    env.qb(&["search", "bridge"]).code(1);
    assert_eq!(env.qb(&["stats", "--json"]).json_lines()[0]["articles"], 2);
}

#[test]
fn indexing_another_root_keeps_the_first() {
    let env = Env::new();
    corpus(&env);
    env.write(
        "other/d.txt",
        article_txt("Ferry", "A new ferry route starts in May."),
    );
    env.qb(&["index", "corpus"]).code(0);
    env.qb(&["index", "other"]).code(0);
    env.qb(&["search", "bridge"]).code(0);
    env.qb(&["search", "ferry"]).code(0);
    assert_eq!(env.qb(&["stats", "--json"]).json_lines()[0]["articles"], 4);
}

#[test]
fn rebuild_starts_over() {
    let env = Env::new();
    corpus(&env);
    env.qb(&["index", "corpus"]).code(0);
    let run = env.qb(&["index", "--rebuild", "corpus"]);
    run.code(0);
    assert!(
        summary_line(&run.stderr).starts_with("3 articles indexed"),
        "{}",
        run.stderr
    );
    assert_eq!(env.qb(&["stats", "--json"]).json_lines()[0]["articles"], 3);
}

#[test]
fn rebuild_refuses_a_folder_that_is_not_an_index() {
    let env = Env::new();
    corpus(&env);
    env.write("idx/precious.txt", "do not delete");
    let run = env.qb(&["index", "--rebuild", "corpus"]);
    run.code(2);
    assert!(
        run.stderr.contains("not a quotebook index"),
        "{}",
        run.stderr
    );
    assert!(env.path("idx/precious.txt").exists());
}

#[test]
fn index_location_from_env_then_default() {
    let env = Env::new();
    corpus(&env);
    let via_env = env.path("from-env");
    env.qb_raw(&["index", "corpus"], &[("QUOTEBOOK_INDEX", &via_env)])
        .code(0);
    assert!(via_env.join("meta.json").is_file());
    env.qb_raw(&["index", "corpus"], &[]).code(0);
    assert!(env.path("quotebook-index/meta.json").is_file());
}

#[test]
fn bad_files_are_reported_and_good_ones_still_indexed() {
    let env = Env::new();
    corpus(&env);
    env.write("corpus/broken.json", "{ this is not json");
    env.write(
        "corpus/feed.jsonl",
        "{\"title\": \"One\", \"text\": \"First good line about tides.\"}\nnot json at all\n{\"title\": \"Three\", \"text\": 42}\n{\"title\": \"Four\", \"text\": \"Fourth good line about tides.\"}\n",
    );
    let run = env.qb(&["index", "corpus"]);
    run.code(2);
    assert!(run.stderr.contains("broken.json"), "{}", run.stderr);
    assert!(run.stderr.contains("feed.jsonl:2"), "{}", run.stderr);
    assert!(run.stderr.contains("feed.jsonl:3"), "{}", run.stderr);
    let hits = env.qb(&["search", "tides", "--json"]);
    hits.code(0);
    assert_eq!(hits.json_lines().len(), 2);
    assert_eq!(env.qb(&["stats", "--json"]).json_lines()[0]["articles"], 5);
}

#[test]
fn missing_root_is_an_error_but_others_are_indexed() {
    let env = Env::new();
    corpus(&env);
    let run = env.qb(&["index", "corpus", "no-such-folder"]);
    run.code(2);
    assert!(run.stderr.contains("no-such-folder"), "{}", run.stderr);
    env.qb(&["search", "bridge"]).code(0);
}

#[test]
fn index_from_another_schema_version_is_refused_with_the_way_out() {
    let env = Env::new();
    corpus(&env);
    env.qb(&["index", "corpus"]).code(0);
    std::fs::write(env.index_dir().join("quotebook-version"), "0\n").unwrap();
    let run = env.qb(&["search", "bridge"]);
    run.code(2);
    assert!(run.stderr.contains("--rebuild"), "{}", run.stderr);
    assert_eq!(run.stderr.trim().lines().count(), 1, "{}", run.stderr);
}

#[test]
fn search_without_an_index_says_how_to_make_one() {
    let env = Env::new();
    let run = env.qb(&["search", "x"]);
    run.code(2);
    assert!(run.stderr.contains("quotebook index"), "{}", run.stderr);
}

#[test]
fn json_summary() {
    let env = Env::new();
    corpus(&env);
    let run = env.qb(&["index", "corpus", "--json"]);
    run.code(0);
    let s = &run.json_lines()[0];
    assert_eq!(s["articles_indexed"], 3);
    assert_eq!(s["files_read"], 3);
}

#[test]
fn second_writer_fails_at_once_naming_the_pid() {
    let env = Env::new();
    corpus(&env);
    env.qb(&["index", "corpus"]).code(0);
    // A live process (this test) holds the lock, as a writer does: an OS lock on the file,
    // and its pid inside for the message.
    let me = std::process::id();
    let lock_path = env.index_dir().join("quotebook.lock");
    let lock = std::fs::File::create(&lock_path).unwrap();
    lock.try_lock().unwrap();
    std::fs::write(&lock_path, format!("{me}\n")).unwrap();
    let run = env.qb(&["index", "corpus"]);
    run.code(2);
    assert!(
        run.stderr.contains(&format!(
            "index is being updated by another process (pid {me})"
        )),
        "{}",
        run.stderr
    );
    // Readers are not blocked by a writer.
    env.qb(&["search", "bridge"]).code(0);
    drop(lock);
}

#[test]
fn stale_lock_from_a_dead_process_is_cleared() {
    let env = Env::new();
    corpus(&env);
    env.qb(&["index", "corpus"]).code(0);
    // A lock file left by a dead writer: its pid decides nothing, the OS lock is gone.
    std::fs::write(env.index_dir().join("quotebook.lock"), "4194305\n").unwrap();
    env.qb(&["index", "corpus"]).code(0);
    let left = std::fs::read_to_string(env.index_dir().join("quotebook.lock")).unwrap();
    assert_eq!(left.trim(), "", "no pid named once the writer is done");
}
