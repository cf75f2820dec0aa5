//! Every input format ends up searchable, with its metadata and a stable id.

use crate::util::Env;

fn hit_for(env: &Env, query: &str) -> serde_json::Value {
    let run = env.qb(&["search", query, "--json"]);
    run.code(0);
    let hits = run.json_lines();
    assert_eq!(hits.len(), 1, "{query}: {hits:?}");
    hits[0].clone()
}

#[test]
fn every_format_is_indexed_with_metadata() {
    let env = Env::new();
    env.write(
        "c/plain.txt",
        "Tide tables revised\n\nThe harbour office revised its tide tables for the winter.\n",
    );
    env.write(
        "c/notes.md",
        "# Glacier retreat measured\n\nSurveyors measured the glacier retreat this summer.\n",
    );
    env.write(
        "c/page.html",
        r#"<!doctype html><html><head><title>Site | Orchard news</title>
<meta property="og:title" content="Orchard harvest doubles">
<meta property="article:published_time" content="2021-09-14T08:00:00Z">
<link rel="canonical" href="https://example.org/orchard">
<script>var s = "scriptword";</script><style>.x{}</style></head>
<body><nav>navword menu</nav><article><p>The orchard harvest doubled this autumn.</p><!-- commentword --></article>
<footer>footerword</footer></body></html>"#,
    );
    env.write(
        "c/one.json",
        r#"{"headline": "Canal repaired", "published": "2018-05-02", "link": "https://example.org/canal", "outlet": "Example Times", "byline": "A. Writer", "content": "Engineers repaired the canal lock."}"#,
    );
    env.write(
        "c/many.json",
        r#"[{"title": "Kiln fired", "body": "Potters fired the kiln overnight."}, {"title": "Loom restored", "article": "Weavers restored the loom."}]"#,
    );
    env.write(
        "c/feed.jsonl",
        "{\"id\": 7, \"title\": \"Beacon lit\", \"date\": \"2017-11-05\", \"text\": \"Volunteers lit the beacon.\"}\n\n{\"title\": \"Mill sold\", \"text\": \"The mill was sold at auction.\"}\n",
    );
    let run = env.qb(&["index", "c"]);
    run.code(0);

    assert_eq!(hit_for(&env, "tide")["title"], "Tide tables revised");
    assert_eq!(
        hit_for(&env, "glacier")["title"],
        "Glacier retreat measured"
    );

    let html = hit_for(&env, "orchard");
    assert_eq!(html["title"], "Orchard harvest doubles");
    assert_eq!(html["date"], "2021-09-14T08:00:00Z");
    assert_eq!(html["url"], "https://example.org/orchard");
    for junk in ["scriptword", "navword", "commentword", "footerword"] {
        env.qb(&["search", junk]).code(1);
    }

    let json = hit_for(&env, "canal");
    assert_eq!(json["title"], "Canal repaired");
    assert_eq!(json["date"], "2018-05-02");
    assert_eq!(json["source"], "Example Times");
    assert_eq!(json["id"], "https://example.org/canal");

    assert_eq!(hit_for(&env, "kiln")["title"], "Kiln fired");
    assert_eq!(hit_for(&env, "loom")["title"], "Loom restored");
    assert_eq!(hit_for(&env, "beacon")["id"], "7");
    let mill = hit_for(&env, "mill");
    assert!(
        mill["id"].as_str().unwrap().ends_with("feed.jsonl#L3"),
        "{mill}"
    );
}

#[test]
fn ids_are_stable_across_runs() {
    let env = Env::new();
    env.write("c/a.jsonl", "{\"text\": \"Stable identifiers matter.\"}\n");
    env.qb(&["index", "c"]).code(0);
    let first = hit_for(&env, "identifiers")["id"].clone();
    env.qb(&["index", "--rebuild", "c"]).code(0);
    assert_eq!(hit_for(&env, "identifiers")["id"], first);
}

#[test]
fn hidden_files_and_folders_are_skipped() {
    let env = Env::new();
    env.write("c/.hidden.txt", "Secret\n\nA hidden zeppelin.\n");
    env.write("c/.git/x.txt", "Secret\n\nAnother hidden zeppelin.\n");
    env.write("c/visible.txt", "Visible\n\nA visible airship.\n");
    env.qb(&["index", "c"]).code(0);
    env.qb(&["search", "zeppelin"]).code(1);
    env.qb(&["search", "airship"]).code(0);
}

#[test]
fn ignore_file_skips_listed_names() {
    let env = Env::new();
    env.write("c/.quotebookignore", "README.md\nMANIFEST.*\n");
    env.write(
        "c/README.md",
        "About\n\nThis folder holds blimp articles.\n",
    );
    env.write("c/MANIFEST.json", "{\"name\": \"blimp corpus\"}");
    env.write("c/story.txt", "Story\n\nA blimp landed in the park.\n");
    let run = env.qb(&["index", "c"]);
    run.code(0);
    let hits = env.qb(&["search", "blimp", "--json"]);
    hits.code(0);
    assert_eq!(hits.json_lines().len(), 1);
}

#[test]
fn shortcodes_and_poll_boilerplate_are_not_searchable() {
    let env = Env::new();
    env.write(
        "c/a.txt",
        "Budget vote\n\nThe assembly passed the budget.\n\n[lz_ndn video=32719005]\n\nBy completing the poll, you agree to receive emails from Example and that you've read and agree to our privacy policy.\n",
    );
    env.qb(&["index", "c"]).code(0);
    env.qb(&["search", "budget"]).code(0);
    env.qb(&["search", "lz_ndn"]).code(1);
    env.qb(&["search", "\"completing the poll\""]).code(1);
}
