//! `quotebook extract`: the JSON shape accuracy is measured with.

use crate::util::Env;

const ARTICLE: &str = "Mayor backs tram\n\nMayor Ana Lopez defended the tram plan on Tuesday.\n\n“We will build it on time,” Lopez said.\n";

#[test]
fn offsets_are_code_points_into_the_whole_file() {
    let env = Env::new();
    let p = env.write("a.txt", ARTICLE);
    let run = env.qb(&["extract", p.to_str().unwrap()]);
    run.code(0);
    let recs = run.json_lines();
    assert_eq!(recs.len(), 1);
    let rec = &recs[0];
    assert_eq!(rec["title"], "Mayor backs tram");
    assert!(rec["path"].as_str().unwrap().ends_with("a.txt"));
    let q = &rec["quotes"][0];
    let (s, e) = (
        q["start"].as_u64().unwrap() as usize,
        q["end"].as_u64().unwrap() as usize,
    );
    let slice: String = ARTICLE.chars().skip(s).take(e - s).collect();
    assert_eq!(slice, q["text"].as_str().unwrap());
    assert_eq!(q["text"], "We will build it on time,");
    assert_eq!(q["speaker"], "Ana Lopez");
    for key in ["speaker_mention", "speaker_title", "cue", "paragraph"] {
        assert!(q.get(key).is_some(), "missing {key}");
    }
}

#[test]
fn stdin_dash_reads_one_article() {
    use std::io::Write;
    use std::process::{Command, Stdio};
    let mut child = Command::new(env!("CARGO_BIN_EXE_quotebook"))
        .args(["extract", "-"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(ARTICLE.as_bytes())
        .unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(out.status.success());
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["quotes"].as_array().unwrap().len(), 1);
}

#[test]
fn jsonl_offsets_are_into_the_record_text() {
    let env = Env::new();
    let rec = serde_json::json!({"id": "r1", "text": "“Fine words,” said Tom Reed."});
    let p = env.write("a.jsonl", format!("{rec}\n"));
    let run = env.qb(&["extract", p.to_str().unwrap()]);
    run.code(0);
    let out = &run.json_lines()[0];
    assert_eq!(out["id"], "r1");
    assert_eq!(out["quotes"][0]["start"], 1);
    assert_eq!(out["quotes"][0]["text"], "Fine words,");
}
