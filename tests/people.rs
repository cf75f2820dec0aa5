//! The people table end to end: linking at the end of `index`, `--by` and `--person`,
//! `speakers` rows, relinking alone, and a missing or stale table.

use crate::util::{Env, Run};

/// Made-up releases: a senator's office calling her by surname, her name in full once, a
/// congressman of the same surname in another office, two Kennings, a nickname.
fn corpus(env: &Env) {
    let mut rows = Vec::new();
    let mut add = |author: &str, source: &str, date: &str, text: &str| {
        rows.push(serde_json::json!({
            "id": format!("r{}", rows.len()), "title": format!("Release {}", rows.len()),
            "date": date, "source": source, "author": author, "text": text,
        }));
    };
    let office = "Office of Sen. Quillfeather";
    for (i, topic) in ["harbour", "bridge", "school", "clinic", "farm"]
        .iter()
        .enumerate()
    {
        add(
            office,
            "Senate press release",
            &format!("2006-0{}-10", i + 1),
            &format!(
                "Senator Quillfeather announced funding for the {topic} today.\n\"This {topic} \
                 will serve the whole county for decades,\" said Senator Quillfeather."
            ),
        );
    }
    add(
        office,
        "Senate press release",
        "2006-07-01",
        "Sen. Mara Quillfeather spoke at the port.\n\"The port is our future,\" said Sen. Mara Quillfeather.",
    );
    add(
        "Office of Sen. Brandt",
        "Senate press release",
        "2006-07-02",
        "\"The plan needs work,\" said Rep. Quillfeather, who sits on the committee.",
    );
    add(
        "",
        "Daily Wire",
        "2006-08-01",
        "\"We are ready for the vote,\" said Ted Kenning, the senator.",
    );
    add(
        "",
        "Daily Wire",
        "2006-08-02",
        "\"The vote can wait,\" said Patrick Kenning, the congressman.",
    );
    add(
        "",
        "Coast Courier",
        "2006-08-03",
        "\"Nobody asked us,\" Kenning said after the meeting.",
    );
    add(
        "",
        "Daily Wire",
        "2006-08-04",
        "\"Farmers need water,\" said Chuck Wendover.",
    );
    add(
        "",
        "Daily Wire",
        "2006-08-05",
        "\"Water is life,\" said Charles Wendover, the farm chief.",
    );
    let text: Vec<String> = rows.iter().map(|r| r.to_string()).collect();
    env.write("c/releases.jsonl", text.join("\n") + "\n");
}

fn quotes(env: &Env, args: &[&str]) -> (Run, Vec<serde_json::Value>) {
    let mut full = vec!["quotes", "--json", "--limit", "100"];
    full.extend_from_slice(args);
    let run = env.qb(&full);
    let lines = run.json_lines();
    (run, lines)
}

#[test]
fn a_person_is_found_under_every_linked_name() {
    let env = Env::new();
    corpus(&env);
    let run = env.qb(&["index", "c"]);
    run.code(0);
    assert!(run.stderr.contains("people: "), "{}", run.stderr);

    let (run, hits) = quotes(&env, &["--by", "Mara Quillfeather"]);
    run.code(0);
    assert_eq!(hits.len(), 6, "{hits:?}");
    for h in &hits {
        assert_eq!(h["person"]["id"], "mara-quillfeather");
        assert_eq!(h["person"]["name"], "Mara Quillfeather");
        let want = match h["speaker"].as_str().unwrap() {
            "Quillfeather" => "surname-in-byline",
            "Mara Quillfeather" => "same-name",
            other => panic!("unexpected speaker {other}"),
        };
        assert_eq!(h["link"], want, "{h}");
    }
    // The congressman in another office is not her; a surname alone shows both, grouped.
    let (run, hits) = quotes(&env, &["--by", "Quillfeather"]);
    assert!(run.stderr.contains("matches 2 people"), "{}", run.stderr);
    assert_eq!(hits.len(), 7);
    assert_eq!(hits[6]["speaker_title"], "Rep.");
    assert_eq!(hits[6]["person"]["id"], "quillfeather");
    assert!(hits[6]["link"].is_null());
    // By id.
    let (_, by_id) = quotes(&env, &["--person", "mara-quillfeather"]);
    assert_eq!(by_id.len(), 6);

    // Nicknames, both ways.
    for name in ["Chuck Wendover", "Charles Wendover", "charles wendover"] {
        let (_, hits) = quotes(&env, &["--by", name]);
        assert_eq!(hits.len(), 2, "{name}: {hits:?}");
    }
    // Two Kennings: neither gets the bare one, and a full name says it is there.
    let (run, hits) = quotes(&env, &["--by", "Ted Kenning"]);
    assert_eq!(hits.len(), 1);
    assert!(
        run.stderr
            .contains("also 1 quote under “Kenning” — several people share that name"),
        "{}",
        run.stderr
    );
    let (_, hits) = quotes(&env, &["--by", "Patrick Kenning"]);
    assert_eq!(hits.len(), 1);
}

#[test]
fn speakers_lists_people_with_their_names() {
    let env = Env::new();
    corpus(&env);
    env.qb(&["index", "c"]).code(0);
    let run = env.qb(&["speakers", "quill", "--json"]);
    run.code(0);
    let rows = run.json_lines();
    assert_eq!(rows.len(), 2, "{rows:?}");
    assert_eq!(rows[0]["id"], "mara-quillfeather");
    assert_eq!(rows[0]["kind"], "person");
    assert_eq!(rows[0]["quotes"], 6);
    assert_eq!(rows[0]["articles"], 6);
    assert_eq!(rows[0]["first_date"], "2006-01-10");
    assert_eq!(rows[0]["variants"][0]["name"], "Quillfeather");
    assert_eq!(rows[0]["variants"][0]["quotes"], 5);
    assert_eq!(rows[0]["variants"][0]["link"], "surname-in-byline");
    assert_eq!(rows[0]["unlinked"]["quotes"], 1);
    assert_eq!(rows[1]["kind"], "surname");
    let run = env.qb(&["speakers", "kenning"]);
    run.code(0);
    assert!(
        run.stdout
            .contains("also 1 quote under “Kenning” — several people share that name"),
        "{}",
        run.stdout
    );
    let run = env.qb(&["speakers", "wendover"]);
    assert!(
        run.stdout.contains("(also: Chuck Wendover 1)"),
        "{}",
        run.stdout
    );
}

#[test]
fn the_table_is_rebuilt_alone_and_never_stale() {
    let env = Env::new();
    corpus(&env);
    env.qb(&["index", "c"]).code(0);
    let table = env.index_dir().join("people.jsonl");
    assert!(table.is_file());
    // Nothing changed: nothing relinked.
    let run = env.qb(&["index", "c"]);
    assert!(!run.stderr.contains("people:"), "{}", run.stderr);
    // Missing: readers compute it; `--relink` writes it without reading a file.
    std::fs::remove_file(&table).unwrap();
    let (_, hits) = quotes(&env, &["--by", "Mara Quillfeather"]);
    assert_eq!(hits.len(), 6);
    let run = env.qb(&["index", "--relink"]);
    run.code(0);
    assert!(run.stderr.contains("people: "), "{}", run.stderr);
    assert!(!run.stderr.contains("articles indexed"), "{}", run.stderr);
    assert!(table.is_file());
    // A table of other segments (a run killed between its commit and the relink) is not
    // used: made to hold no names at all, answers still come out right.
    let text = std::fs::read_to_string(&table).unwrap();
    let mut lines = text.lines();
    let mut header: serde_json::Value = serde_json::from_str(lines.next().unwrap()).unwrap();
    header["segments"]
        .as_array_mut()
        .unwrap()
        .push(serde_json::json!(["x", 0]));
    let mut out = format!("{header}\n");
    for line in lines {
        let mut row: serde_json::Value = serde_json::from_str(line).unwrap();
        row["names"] = serde_json::json!([]);
        row["forms"] = serde_json::json!([]);
        out.push_str(&format!("{row}\n"));
    }
    std::fs::write(&table, out).unwrap();
    let (_, hits) = quotes(&env, &["--by", "Mara Quillfeather"]);
    assert_eq!(hits.len(), 6);
    // And the next index run notices and relinks.
    let run = env.qb(&["index", "c"]);
    assert!(run.stderr.contains("people: "), "{}", run.stderr);
    // --rebuild removes it with the index.
    env.qb(&["index", "--rebuild", "c"]).code(0);
    assert!(table.is_file());
}
