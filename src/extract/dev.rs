//! Developer harnesses, ignored by default: dump predictions for the scorer and measure speed.
//!
//! `QB_EVAL_IN=records.jsonl QB_EVAL_OUT=pred.jsonl cargo test --release --lib -- --ignored eval_dump`
//! reads `{"id","text"}` records and writes `{"id","quotes":[…]}` lines in the format of
//! `quotebook extract`, so `scripts/eval.sh` can score without the binary subcommand.
//! `QB_BENCH_DIR=dir cargo test --release --lib -- --ignored extract_speed --nocapture`
//! prints MB/s over the `text` fields of every `.jsonl` file in the directory.
//! `QB_TEXT='…' cargo test --release --lib -- --ignored dump_runs --nocapture` prints the name
//! runs the registry finds in a snippet, with their entities: where a wrong speaker starts.

use std::io::{BufRead, Write};

#[test]
#[ignore]
fn eval_dump() {
    let input = std::env::var("QB_EVAL_IN").expect("QB_EVAL_IN");
    let output = std::env::var("QB_EVAL_OUT").expect("QB_EVAL_OUT");
    let r = std::io::BufReader::new(std::fs::File::open(input).unwrap());
    let mut w = std::io::BufWriter::new(std::fs::File::create(output).unwrap());
    for line in r.lines() {
        let line = line.unwrap();
        if line.trim().is_empty() {
            continue;
        }
        let v: serde_json::Value = serde_json::from_str(&line).unwrap();
        let text = v["text"].as_str().unwrap_or("");
        let quotes: Vec<serde_json::Value> = super::extract(text)
            .into_iter()
            .map(|q| {
                serde_json::json!({"start": q.start, "end": q.end, "text": q.text, "speaker": q.speaker,
                "speaker_mention": q.speaker_mention, "speaker_title": q.speaker_title, "cue": q.cue,
                "paragraph": q.paragraph})
            })
            .collect();
        let out = serde_json::json!({"path": null, "id": v["id"], "title": null, "quotes": quotes});
        writeln!(w, "{out}").unwrap();
    }
}

#[test]
#[ignore]
fn extract_speed() {
    let dir = std::env::var("QB_BENCH_DIR")
        .unwrap_or_else(|_| "../shared/corpora/senate-press-releases".into());
    let mut texts = Vec::new();
    for e in std::fs::read_dir(&dir).unwrap() {
        let p = e.unwrap().path();
        if p.extension().is_some_and(|x| x == "jsonl") {
            let r = std::io::BufReader::new(std::fs::File::open(&p).unwrap());
            for line in r.lines() {
                let v: serde_json::Value = serde_json::from_str(&line.unwrap()).unwrap();
                if let Some(t) = v["text"].as_str() {
                    texts.push(t.to_string());
                }
            }
        }
    }
    let bytes: usize = texts.iter().map(|t| t.len()).sum();
    let t0 = std::time::Instant::now();
    let mut n = 0;
    for t in &texts {
        n += super::extract(t).len();
    }
    let secs = t0.elapsed().as_secs_f64();
    println!(
        "{} articles, {:.1} MB, {} quotes, {:.2} s, {:.1} MB/s (one core)",
        texts.len(),
        bytes as f64 / 1e6,
        n,
        secs,
        bytes as f64 / 1e6 / secs
    );
}

#[test]
#[ignore]
fn dump_runs() {
    let text = std::env::var("QB_TEXT").expect("QB_TEXT");
    let paras = super::quotes::paragraphs(&text);
    let spans = super::quotes::detect(&text, &paras);
    let toks = super::text::tokenize(&text, &paras, &spans);
    let reg = super::names::Registry::build(&text, &toks);
    for r in &reg.runs {
        let s = &text[toks[r.a].s..toks[r.b - 1].e];
        let n = &text[toks[r.name_a].s..toks[r.name_b - 1].e];
        let e = r
            .entity
            .map(|e| (reg.entities[e].name(), reg.entities[e].org));
        println!("run {s:?} name {n:?} entity {e:?} tg {:?}", r.title_gender);
    }
}
