//! Query syntax, output formats and exit codes of `search`.

use crate::util::Env;

fn corpus(env: &Env) {
    let docs = [
        (
            "a.json",
            "Port security bill",
            "2005-03-10",
            "Wire",
            "The homeland security bill passed. Security at ports will improve.",
        ),
        (
            "b.json",
            "Security review",
            "2006-07-01",
            "Herald",
            "A security review of homeland defence found gaps.",
        ),
        (
            "c.json",
            "Farm subsidies",
            "2005-11-20",
            "Wire",
            "Farm subsidies were cut in the budget.",
        ),
        (
            "d.json",
            "Ports and farms",
            "2007-01-15",
            "Herald",
            "Ports and farms both lobbied for money in the budget.",
        ),
    ];
    for (name, title, date, source, text) in docs {
        let obj = serde_json::json!({"title": title, "date": date, "source": source, "text": text});
        env.write(&format!("c/{name}"), obj.to_string());
    }
    env.qb(&["index", "c"]).code(0);
}

fn titles(env: &Env, args: &[&str]) -> Vec<String> {
    let mut full = vec!["search", "--json"];
    full.extend_from_slice(args);
    let run = env.qb(&full);
    let mut t: Vec<String> = run
        .json_lines()
        .iter()
        .map(|h| h["title"].as_str().unwrap().to_string())
        .collect();
    t.sort();
    t
}

#[test]
fn words_are_anded_by_default() {
    let env = Env::new();
    corpus(&env);
    assert_eq!(titles(&env, &["budget farms"]), vec!["Ports and farms"]);
    assert_eq!(titles(&env, &["budget OR homeland"]).len(), 4);
    assert_eq!(titles(&env, &["budget -farms"]), vec!["Farm subsidies"]);
}

#[test]
fn phrase_and_slop() {
    let env = Env::new();
    corpus(&env);
    assert_eq!(
        titles(&env, &["\"homeland security\""]),
        vec!["Port security bill"]
    );
    assert_eq!(titles(&env, &["\"security homeland\"~2"]).len(), 2);
}

#[test]
fn field_prefixes() {
    let env = Env::new();
    corpus(&env);
    assert_eq!(
        titles(&env, &["title:security"]),
        vec!["Port security bill", "Security review"]
    );
    assert_eq!(
        titles(&env, &["source:herald"]),
        vec!["Ports and farms", "Security review"]
    );
}

#[test]
fn date_ranges_in_query_and_flags() {
    let env = Env::new();
    corpus(&env);
    assert_eq!(
        titles(
            &env,
            &["body:\"homeland security\" OR budget date:[2005-01-01 TO 2005-12-31]"]
        ),
        vec!["Farm subsidies", "Port security bill"]
    );
    assert_eq!(
        titles(&env, &["security", "--since", "2006"]),
        vec!["Security review"]
    );
    assert_eq!(
        titles(&env, &["budget", "--until", "2005-11-20"]),
        vec!["Farm subsidies"]
    );
    assert_eq!(titles(&env, &["budget date:2007"]), vec!["Ports and farms"]);
}

#[test]
fn json_hit_has_offsets_of_the_exact_phrase() {
    let env = Env::new();
    corpus(&env);
    let run = env.qb(&["search", "--json", "\"homeland security\""]);
    run.code(0);
    let hit = &run.json_lines()[0];
    for key in [
        "id", "path", "title", "date", "source", "url", "score", "snippet", "matches",
    ] {
        assert!(hit.get(key).is_some(), "missing {key} in {hit}");
    }
    let text = "The homeland security bill passed. Security at ports will improve.";
    let m = &hit["matches"];
    assert_eq!(
        m.as_array().unwrap().len(),
        1,
        "only the phrase, not every 'security': {m}"
    );
    let (s, e) = (
        m[0][0].as_u64().unwrap() as usize,
        m[0][1].as_u64().unwrap() as usize,
    );
    let got: String = text.chars().skip(s).take(e - s).collect();
    assert_eq!(got, "homeland security");
    let snip = &hit["snippet"];
    let (a, b) = (
        snip["highlights"][0][0].as_u64().unwrap() as usize,
        snip["highlights"][0][1].as_u64().unwrap() as usize,
    );
    let shown: String = snip["text"]
        .as_str()
        .unwrap()
        .chars()
        .skip(a)
        .take(b - a)
        .collect();
    assert_eq!(shown, "homeland security");
}

#[test]
fn human_output_marks_the_match() {
    let env = Env::new();
    corpus(&env);
    let run = env.qb(&["search", "\"homeland security\""]);
    run.code(0);
    assert!(run.stdout.contains("«homeland security»"), "{}", run.stdout);
    assert!(run.stdout.contains("Port security bill"));
}

#[test]
fn limit_offset_and_date_sort() {
    let env = Env::new();
    corpus(&env);
    let run = env.qb(&["search", "--json", "--sort", "date", "budget OR security"]);
    let dates: Vec<String> = run
        .json_lines()
        .iter()
        .map(|h| h["date"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(
        dates,
        vec!["2007-01-15", "2006-07-01", "2005-11-20", "2005-03-10"]
    );
    let page = env.qb(&[
        "search",
        "--json",
        "--sort",
        "date",
        "--limit",
        "2",
        "--offset",
        "1",
        "budget OR security",
    ]);
    let dates: Vec<String> = page
        .json_lines()
        .iter()
        .map(|h| h["date"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(dates, vec!["2006-07-01", "2005-11-20"]);
}

#[test]
fn no_hits_exits_1() {
    let env = Env::new();
    corpus(&env);
    let run = env.qb(&["search", "zeppelin"]);
    run.code(1);
    assert!(run.stdout.is_empty());
}

#[test]
fn bad_queries_exit_2_with_one_line() {
    let env = Env::new();
    corpus(&env);
    let long = "a ".repeat(60_000);
    for (q, needle) in [
        ("\"homeland security", "unbalanced"),
        ("colour:red", "colour"),
        ("date:[2005-13-01 TO 2006]", "2005-13-01"),
        ("", "empty"),
        ("   ", "empty"),
        (long.as_str(), "limit"),
    ] {
        let run = env.qb(&["search", q]);
        run.code(2);
        assert!(run.stderr.contains(needle), "{q:.40}: {}", run.stderr);
        assert_eq!(run.stderr.trim().lines().count(), 1, "{}", run.stderr);
        assert!(!run.stderr.contains("panicked"));
    }
}

#[test]
fn bad_flags_exit_2() {
    let env = Env::new();
    corpus(&env);
    env.qb(&["search", "budget", "--limit", "-1"]).code(2);
    env.qb(&["search", "budget", "--since", "yesterday"])
        .code(2);
}
