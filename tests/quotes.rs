//! Quotes by person, speaker lists, aliases and filters.

use crate::util::{Env, Run};
use std::path::PathBuf;

fn data_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("data")
}

const EXAMPLE: &str = "000_4099675fdacca396.txt";

fn quotes(env: &Env, args: &[&str]) -> (Run, Vec<serde_json::Value>) {
    let mut full = vec!["quotes", "--json", "--limit", "100"];
    full.extend_from_slice(args);
    let run = env.qb(&full);
    let lines = run.json_lines();
    (run, lines)
}

#[test]
fn data_corpus_answers_the_users_questions() {
    let env = Env::new();
    env.qb(&["index", data_dir().to_str().unwrap()]).code(0);

    for name in [
        "Sessions",
        "Jeff Sessions",
        "jeff sessions",
        "Attorney General Jeff Sessions",
        "Sen. Jeff Sessions",
    ] {
        let (run, hits) = quotes(&env, &["--by", name]);
        run.code(0);
        assert!(
            hits.iter().all(|h| h["speaker"] == "Jeff Sessions"),
            "{name}: {hits:?}"
        );
        let from_example = hits
            .iter()
            .filter(|h| h["path"].as_str().unwrap().ends_with(EXAMPLE))
            .count();
        assert_eq!(from_example, 4, "{name}");
    }

    let (run, hits) = quotes(&env, &["--by", "Trump"]);
    run.code(0);
    let trump_in_example = hits
        .iter()
        .filter(|h| {
            h["path"].as_str().unwrap().ends_with(EXAMPLE) && h["speaker"] == "Donald Trump"
        })
        .count();
    assert_eq!(trump_in_example, 6);
    assert!(
        hits.iter()
            .all(|h| h["speaker_key"].as_str().unwrap().ends_with("trump")),
        "{hits:?}"
    );

    let (run, hits) = quotes(&env, &["\"bad answers\""]);
    run.code(0);
    assert_eq!(hits[0]["speaker"], "Donald Trump");
    assert_eq!(hits[0]["quote"], "some bad answers");
}

#[test]
fn speakers_match_the_extractors_own_output() {
    let env = Env::new();
    let sample = data_dir().join("senate-press-releases-sample");
    env.qb(&["index", sample.to_str().unwrap()]).code(0);
    let extracted = env.qb(&["extract", sample.to_str().unwrap()]);
    extracted.code(0);
    let mut want: std::collections::HashMap<String, u64> = Default::default();
    for rec in extracted.json_lines() {
        for q in rec["quotes"].as_array().unwrap() {
            if let Some(s) = q["speaker"].as_str() {
                *want.entry(s.to_string()).or_default() += 1;
            }
        }
    }
    assert!(!want.is_empty());
    let run = env.qb(&["speakers", "--json", "--limit", "100000"]);
    run.code(0);
    let rows = run.json_lines();
    // Every quote of every name as the extractor wrote it is in exactly one row.
    let mut got: std::collections::HashMap<String, u64> = Default::default();
    for r in &rows {
        let variants = r["variants"].as_array().unwrap();
        let sum: u64 = variants.iter().map(|v| v["quotes"].as_u64().unwrap()).sum();
        assert_eq!(sum, r["quotes"].as_u64().unwrap(), "{r}");
        for v in variants {
            *got.entry(v["name"].as_str().unwrap().to_string())
                .or_default() += v["quotes"].as_u64().unwrap();
        }
    }
    assert_eq!(got, want);
    // One row per person: no two people whose names differ only by a middle initial or
    // title, and ids are unique.
    let people: Vec<&serde_json::Value> = rows.iter().filter(|r| r["kind"] == "person").collect();
    let mut first_last: Vec<String> = people
        .iter()
        .map(|r| {
            let key = quotebook::identity::speaker_key(r["name"].as_str().unwrap());
            let words: Vec<&str> = key.split(' ').collect();
            format!("{} {}", words[0], words[words.len() - 1])
        })
        .collect();
    let n = first_last.len();
    first_last.sort();
    first_last.dedup();
    assert_eq!(first_last.len(), n);
    let mut ids: Vec<&str> = rows.iter().map(|r| r["id"].as_str().unwrap()).collect();
    ids.sort();
    ids.dedup();
    assert_eq!(ids.len(), rows.len());
}

fn small_corpus(env: &Env) {
    let docs = [
        ("a.json", "2019-05-01", "Daily Planet", "“The harbour will reopen in June,” said Mayor Ana Lopez. “We are ready for the visitors and the boats.”"),
        ("b.json", "2020-02-10", "Evening Star", "Councillor Ben Lopez disagreed. “The harbour is not ready,” Ben Lopez said."),
        ("c.json", "2021-07-07", "Daily Planet", "“Tourism is back,” Ana Lopez told reporters on Monday."),
        ("d.json", "2021-08-08", "Daily Planet", "“Müller is right about the budget,” said Jonas Müller, the finance chief."),
    ];
    for (name, date, source, text) in docs {
        let obj = serde_json::json!({"title": name, "date": date, "source": source, "text": text});
        env.write(&format!("c/{name}"), obj.to_string());
    }
}

#[test]
fn surname_groups_people_and_full_name_restricts() {
    let env = Env::new();
    small_corpus(&env);
    env.qb(&["index", "c"]).code(0);
    let (run, hits) = quotes(&env, &["--by", "Lopez"]);
    run.code(0);
    assert!(run.stderr.contains("matches 2 people"), "{}", run.stderr);
    let speakers: Vec<&str> = hits
        .iter()
        .map(|h| h["speaker"].as_str().unwrap())
        .collect();
    // Grouped: Ana Lopez (3 quotes) first, then Ben Lopez.
    assert_eq!(
        speakers,
        vec!["Ana Lopez", "Ana Lopez", "Ana Lopez", "Ben Lopez"]
    );
    let (_, hits) = quotes(&env, &["--by", "ana lopez"]);
    assert_eq!(hits.len(), 3);
    let (_, hits) = quotes(&env, &["--by", "Mayor Ana Lopez"]);
    assert_eq!(hits.len(), 3);
}

#[test]
fn diacritics_dates_sources_and_order() {
    let env = Env::new();
    small_corpus(&env);
    env.qb(&["index", "c"]).code(0);
    let (_, hits) = quotes(&env, &["--by", "Muller"]);
    assert_eq!(hits.len(), 1);
    assert_eq!(hits[0]["speaker"], "Jonas Müller");
    let (_, hits) = quotes(&env, &["--by", "Ana Lopez", "--since", "2021"]);
    assert_eq!(hits.len(), 1);
    let (_, hits) = quotes(&env, &["--by", "Ana Lopez", "--until", "2019-12"]);
    assert_eq!(hits.len(), 2);
    let (_, hits) = quotes(&env, &["--source", "evening star"]);
    assert!(hits.iter().all(|h| h["source"] == "Evening Star"));
    assert_eq!(hits.len(), 1);
    let (_, hits) = quotes(&env, &["--by", "Ana Lopez"]);
    let dates: Vec<&str> = hits.iter().map(|h| h["date"].as_str().unwrap()).collect();
    assert_eq!(
        dates,
        vec!["2021-07-07", "2019-05-01", "2019-05-01"],
        "newest first"
    );
    env.qb(&["quotes", "--by", "Nobody Atall"]).code(1);
}

#[test]
fn alias_file_merges_variants_and_change_relinks() {
    let env = Env::new();
    small_corpus(&env);
    env.qb(&["index", "c"]).code(0);
    let (_, hits) = quotes(&env, &["--by", "Ana Lopez"]);
    assert_eq!(hits.len(), 3);
    env.write("aliases.tsv", "Ana Lopez\tBen Lopez\n");
    let run = env.qb(&["index", "c"]);
    run.code(0);
    // Speakers are stored as written: a new alias file relinks, it re-reads nothing.
    assert!(
        run.stderr.contains("0 updated, 4 unchanged"),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("people:"), "relinked: {}", run.stderr);
    let (_, hits) = quotes(&env, &["--by", "Ana Lopez"]);
    assert_eq!(hits.len(), 4);
    assert!(
        hits.iter().all(|h| h["person"]["name"] == "Ana Lopez"),
        "{hits:?}"
    );
    let ben: Vec<_> = hits
        .iter()
        .filter(|h| h["speaker"] == "Ben Lopez")
        .collect();
    assert_eq!(ben.len(), 1, "the name as written stays: {hits:?}");
    assert_eq!(ben[0]["link"], "alias");
    // The same run again changes nothing: the table is not even recomputed.
    let run = env.qb(&["index", "c"]);
    assert!(!run.stderr.contains("people:"), "{}", run.stderr);
    // A `!` line keeps two names apart whatever else the file says.
    env.write("aliases.tsv", "!Ana Lopez\tBen Lopez\n");
    env.qb(&["index", "c"]).code(0);
    let (_, hits) = quotes(&env, &["--by", "Ana Lopez"]);
    assert_eq!(hits.len(), 3);
}

#[test]
fn speakers_prefix_and_fields() {
    let env = Env::new();
    small_corpus(&env);
    env.qb(&["index", "c"]).code(0);
    let run = env.qb(&["speakers", "lop", "--json"]);
    run.code(0);
    let rows = run.json_lines();
    assert_eq!(rows.len(), 2);
    assert_eq!(rows[0]["name"], "Ana Lopez");
    assert_eq!(rows[0]["quotes"], 3);
    assert_eq!(rows[0]["articles"], 2);
    assert_eq!(rows[0]["first_date"], "2019-05-01");
    assert_eq!(rows[0]["last_date"], "2021-07-07");
    env.qb(&["speakers", "zzz"]).code(1);
}

#[test]
fn search_filters_by_speaker_and_shows_facets() {
    let env = Env::new();
    small_corpus(&env);
    env.qb(&["index", "c"]).code(0);
    let run = env.qb(&["search", "--json", "speaker:\"ana lopez\""]);
    run.code(0);
    assert_eq!(run.json_lines().len(), 2);
    let run = env.qb(&["search", "harbour", "--facets"]);
    run.code(0);
    assert!(run.stdout.contains("top speakers"), "{}", run.stdout);
    assert!(run.stdout.contains("Ana Lopez"));
}

#[test]
fn quote_queries_can_restrict_the_articles_by_title_and_source() {
    let env = Env::new();
    small_corpus(&env);
    env.qb(&["index", "c"]).code(0);
    // Quote documents hold no title or source: these parts select articles, and the quotes
    // come from those articles only.
    let (run, hits) = quotes(&env, &["title:c.json"]);
    run.code(0);
    assert_eq!(hits.len(), 1, "{hits:?}");
    assert_eq!(hits[0]["quote"], "Tourism is back,");
    assert_eq!(hits[0]["title"], "c.json");
    let (_, hits) = quotes(&env, &["harbour source:\"daily planet\""]);
    assert_eq!(hits.len(), 1, "{hits:?}");
    assert_eq!(hits[0]["source"], "Daily Planet");
    assert_eq!(hits[0]["quote"], "The harbour will reopen in June,");
    let (_, hits) = quotes(&env, &["harbour -source:planet"]);
    assert_eq!(hits.len(), 1, "{hits:?}");
    assert_eq!(hits[0]["source"], "Evening Star");
    let run = env.qb(&["quotes", "harbour OR title:c.json"]);
    run.code(2);
    assert!(
        run.stderr.contains("combined by AND or -"),
        "{}",
        run.stderr
    );
    // `body:` restricts the articles too.
    let (_, hits) = quotes(&env, &["body:disagreed"]);
    assert_eq!(hits.len(), 1, "{hits:?}");
    assert_eq!(hits[0]["speaker"], "Ben Lopez");
}

/// Quote text is searched in the article body, within each quote's own range: words next to
/// a quote, or a phrase running out of it, do not match.
#[test]
fn quote_text_matches_inside_each_quote_only() {
    let env = Env::new();
    small_corpus(&env);
    env.qb(&["index", "c"]).code(0);
    let texts = |args: &[&str]| -> Vec<String> {
        let (run, hits) = quotes(&env, args);
        run.code(if hits.is_empty() { 1 } else { 0 });
        let mut t: Vec<String> = hits.iter().map(|h| h["quote"].to_string()).collect();
        t.sort();
        t
    };
    assert_eq!(
        texts(&["ready"]),
        vec![
            "\"The harbour is not ready,\"",
            "\"We are ready for the visitors and the boats.\""
        ]
    );
    assert!(texts(&["disagreed"]).is_empty());
    assert_eq!(texts(&["\"harbour is\""]).len(), 1);
    assert_eq!(
        texts(&["harbour -ready"]),
        vec!["\"The harbour will reopen in June,\""]
    );
    assert_eq!(texts(&["\"not ready\" OR tourism"]).len(), 2);
    // "June,” said Mayor": adjacent in the body, but the phrase leaves the quote.
    assert!(texts(&["\"june said\""]).is_empty());
    // Slop as in tantivy: out of order costs distance.
    assert_eq!(texts(&["\"ready harbour\"~4"]).len(), 1);
    assert!(texts(&["\"ready harbour\"~1"]).is_empty());

    // In an article search, `quote:` finds the articles with such a quote.
    let ids = |q: &str| -> usize { env.qb(&["search", "--json", q]).json_lines().len() };
    assert_eq!(ids("quote:ready"), 2);
    assert_eq!(ids("disagreed"), 1);
    assert_eq!(ids("quote:disagreed"), 0);
    assert_eq!(ids("quote:ready -quote:harbour"), 1);
    let run = env.qb(&["quotes", "harbour^2"]);
    run.code(2);
    assert!(
        run.stderr.contains("quote text takes words"),
        "{}",
        run.stderr
    );
}

/// Re-indexing a changed file replaces its quotes; the ranges of the new ones point into the
/// new text.
#[test]
fn quote_text_follows_a_changed_file() {
    let env = Env::new();
    small_corpus(&env);
    env.qb(&["index", "c"]).code(0);
    let obj = serde_json::json!({"title": "b.json", "date": "2020-02-10", "source": "Evening Star",
        "text": "Ben Lopez was ready. “The harbour is finally open,” Ben Lopez said."});
    env.write("c/b.json", obj.to_string());
    env.qb(&["index", "c"]).code(0);
    let (_, hits) = quotes(&env, &["ready"]);
    assert_eq!(hits.len(), 1, "{hits:?}");
    assert_eq!(hits[0]["speaker"], "Ana Lopez");
    let (_, hits) = quotes(&env, &["\"finally open\""]);
    assert_eq!(hits.len(), 1, "{hits:?}");
    assert_eq!(hits[0]["speaker"], "Ben Lopez");
}
