#![cfg(feature = "serve")]
//! `quotebook serve`: every endpoint, error statuses and limits, against the real binary on
//! a free loopback port and a temp index built with `quotebook index`.
//!
//! The HTTP client is a hand-written HTTP/1.0 GET over `TcpStream` (no extra dependency).

use crate::util::Env;
use serde_json::Value;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// A running `quotebook serve`; killed when dropped.
struct Server {
    child: Child,
    port: u16,
}

impl Server {
    fn start(env: &Env) -> Server {
        Server::start_on(env, "127.0.0.1:0")
    }

    fn start_on(env: &Env, addr: &str) -> Server {
        let mut child = Command::new(env!("CARGO_BIN_EXE_quotebook"))
            .current_dir(env.dir.path())
            .env_remove("QUOTEBOOK_INDEX")
            .arg("--index")
            .arg(env.index_dir())
            .args(["serve", "--addr", addr])
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("start quotebook serve");
        let mut line = String::new();
        BufReader::new(child.stdout.take().unwrap())
            .read_line(&mut line)
            .unwrap();
        let Some(port) = line
            .trim()
            .strip_prefix("listening on http://")
            .and_then(|rest| rest.trim_end_matches('/').rsplit(':').next())
            .and_then(|p| p.parse().ok())
        else {
            let _ = child.kill();
            let mut err = String::new();
            child
                .stderr
                .take()
                .unwrap()
                .read_to_string(&mut err)
                .unwrap();
            panic!("serve did not start: stdout {line:?}\nstderr:\n{err}");
        };
        Server { child, port }
    }

    fn request(&self, method: &str, target: &str) -> (u16, String, String) {
        request(self.port, method, target)
    }

    /// GET returning status and the body parsed as JSON.
    #[track_caller]
    fn get(&self, target: &str) -> (u16, Value) {
        let (status, head, body) = self.request("GET", target);
        assert!(
            head.contains("content-type: application/json"),
            "{target}: not JSON:\n{head}\n{body}"
        );
        let v = serde_json::from_str(&body).unwrap_or_else(|e| panic!("{target}: {e}: {body}"));
        (status, v)
    }

    /// GET that must succeed.
    #[track_caller]
    fn ok(&self, target: &str) -> Value {
        let (status, v) = self.get(target);
        assert_eq!(status, 200, "{target}: {v}");
        v
    }

    /// GET that must fail with `status` and an error message containing `needle`.
    #[track_caller]
    fn fails(&self, target: &str, status: u16, needle: &str) {
        let (got, v) = self.get(target);
        assert_eq!(got, status, "{target}: {v}");
        let msg = v["error"]
            .as_str()
            .unwrap_or_else(|| panic!("no error: {v}"));
        assert!(msg.contains(needle), "{target}: {msg:?} lacks {needle:?}");
        assert_eq!(v.as_object().unwrap().len(), 1, "only `error`: {v}");
    }
}

/// Raw request; returns (status, lower-cased headers, body).
fn request(port: u16, method: &str, target: &str) -> (u16, String, String) {
    let mut s = TcpStream::connect(("127.0.0.1", port)).expect("connect");
    s.set_read_timeout(Some(Duration::from_secs(30))).unwrap();
    write!(
        s,
        "{method} {target} HTTP/1.0\r\nHost: localhost\r\nContent-Length: 0\r\n\r\n"
    )
    .unwrap();
    let mut raw = Vec::new();
    s.read_to_end(&mut raw).unwrap();
    let text = String::from_utf8(raw).expect("UTF-8 response");
    let (head, body) = text.split_once("\r\n\r\n").expect("HTTP response");
    let status = head[9..12].parse().expect("status code");
    (status, head.to_ascii_lowercase(), body.to_string())
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Percent-encode everything but unreserved characters.
fn enc(s: &str) -> String {
    s.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                (b as char).to_string()
            }
            _ => format!("%{b:02X}"),
        })
        .collect()
}

const LOPEZ: &str = "“We will build it on time,” Mayor Ana Lopez said.";

fn corpus(env: &Env) {
    let docs = [
        (
            "c/bridge.json",
            "Bridge budget approved",
            "2005-03-10",
            "Wire",
            format!(
                "The council approved the bridge budget on Monday. {LOPEZ} Work starts in May."
            ),
        ),
        (
            "c/ports.json",
            "Port security bill",
            "2005-04-02",
            "Herald",
            "The homeland security bill passed. Security at ports will improve.".to_string(),
        ),
        (
            "c/farms.json",
            "Farm subsidies",
            "2006-11-20",
            "Wire",
            "Farm subsidies were cut in the budget. “The bridge comes first,” Ana Lopez said."
                .to_string(),
        ),
    ];
    for (name, title, date, source, text) in docs {
        let obj = serde_json::json!({"title": title, "date": date, "source": source, "text": text});
        env.write(name, obj.to_string());
    }
    let lines = [
        serde_json::json!({"title": "Line one", "date": "2007-01-01", "text": "A river report."}),
        serde_json::json!({"title": "Line two", "date": "2007-02-01", "text": "A harbour report."}),
    ];
    let jsonl: Vec<String> = lines.iter().map(|l| l.to_string()).collect();
    env.write("c/more.jsonl", jsonl.join("\n") + "\n");
    env.qb(&["index", "c"]).code(0);
}

fn setup() -> (Env, Server) {
    let env = Env::new();
    corpus(&env);
    let server = Server::start(&env);
    (env, server)
}

#[test]
fn serve_health_page_and_assets() {
    let (_env, s) = setup();
    assert_eq!(s.ok("/healthz"), serde_json::json!({"status": "ok"}));
    let (status, head, body) = s.request("GET", "/");
    assert_eq!(status, 200);
    assert!(head.contains("content-type: text/html"), "{head}");
    assert!(
        head.contains("content-security-policy: default-src 'none'"),
        "{head}"
    );
    assert!(body.contains("<script src=\"/assets/app.js\">"), "{body}");
    for (path, ty) in [
        ("/assets/app.js", "text/javascript"),
        ("/assets/style.css", "text/css"),
    ] {
        let (status, head, body) = s.request("GET", path);
        assert_eq!(status, 200, "{path}");
        assert!(head.contains(ty), "{path}: {head}");
        assert!(!body.is_empty());
    }
    // HEAD works like GET without a body.
    let (status, _, body) = s.request("HEAD", "/healthz");
    assert_eq!((status, body.as_str()), (200, ""));
}

#[test]
fn serve_search_is_the_cli_json() {
    let (env, s) = setup();
    let q = "\"bridge budget\"";
    let v = s.ok(&format!("/api/search?q={}", enc(q)));
    assert_eq!(v["total"], 1);
    assert!(v.get("facets").is_none(), "facets only when asked: {v}");
    let cli = env.qb(&["search", "--json", q]).json_lines();
    assert_eq!(
        v["hits"],
        Value::Array(cli),
        "same objects as `search --json`"
    );
    let hit = &v["hits"][0];
    assert_eq!(hit["title"], "Bridge budget approved");
    let snippet = hit["snippet"]["text"].as_str().unwrap();
    let (a, b) = (
        hit["snippet"]["highlights"][0][0].as_u64().unwrap() as usize,
        hit["snippet"]["highlights"][0][1].as_u64().unwrap() as usize,
    );
    let marked: String = snippet.chars().skip(a).take(b - a).collect();
    assert_eq!(marked, "bridge budget");
}

#[test]
fn serve_search_parameters() {
    let (_env, s) = setup();
    let all = s.ok("/api/search?q=*&limit=100");
    assert_eq!(all["total"], 5);
    assert_eq!(all["hits"].as_array().unwrap().len(), 5);
    let page = s.ok("/api/search?q=*&limit=2&offset=4&sort=date");
    assert_eq!(page["total"], 5);
    assert_eq!(page["hits"].as_array().unwrap().len(), 1);
    let newest = s.ok("/api/search?q=*&limit=1&sort=date");
    assert_eq!(newest["hits"][0]["title"], "Line two");
    let dated = s.ok("/api/search?q=budget&since=2006&until=2006-12");
    assert_eq!(dated["total"], 1);
    assert_eq!(dated["hits"][0]["title"], "Farm subsidies");
    let none = s.ok("/api/search?q=zeppelin");
    assert_eq!(none["total"], 0);
    assert_eq!(none["hits"], serde_json::json!([]));
    let f = s.ok("/api/search?q=budget&facets=true");
    assert!(f["facets"]["speakers"].is_array(), "{f}");
    let sources = f["facets"]["sources"].as_array().unwrap();
    assert!(
        sources.iter().any(|x| x["count"] == 2),
        "both budget articles are from Wire: {f}"
    );
}

#[test]
fn serve_bad_requests_are_400() {
    let (_env, s) = setup();
    s.fails("/api/search", 400, "missing parameter `q`");
    s.fails("/api/search?q=%22open", 400, "unbalanced quotation mark");
    s.fails("/api/search?q=nope%3Ax", 400, "unknown field `nope:`");
    s.fails("/api/search?q=a&since=20x5", 400, "");
    s.fails("/api/search?q=a&sort=score", 400, "relevance");
    s.fails("/api/search?q=a&limit=ten", 400, "whole number");
    s.fails("/api/search?q=a&qq=b", 400, "unknown parameter `qq`");
    s.fails("/api/search?q=a&q=b", 400, "given twice");
    s.fails("/api/quotes?by=%2C%2C", 400, "contains no name");
    s.fails("/api/quotes?q=%22x", 400, "unbalanced");
    s.fails("/api/stats?x=1", 400, "takes none");
    s.fails("/api/article", 400, "missing parameter `id`");
}

#[test]
fn serve_limits() {
    let (_env, s) = setup();
    // `limit` above 100 is refused (not clamped), and so is a deep offset.
    s.ok("/api/search?q=*&limit=100");
    s.fails("/api/search?q=*&limit=101", 400, "most allowed is 100");
    s.fails("/api/quotes?limit=101", 400, "most allowed is 100");
    s.fails("/api/speakers?limit=1000", 400, "most allowed is 100");
    s.fails("/api/search?q=*&offset=10001", 400, "10000");
    // A query over 4 KB is refused; 4 KB exactly is searched.
    let long = "a".repeat(4097);
    s.fails(&format!("/api/search?q={long}"), 400, "the limit is 4096");
    s.fails(&format!("/api/quotes?q={long}"), 400, "the limit is 4096");
    let words = "ab ".repeat(1365);
    assert!(words.len() <= 4096);
    s.ok(&format!("/api/search?q={}", enc(&words)));
}

#[test]
fn serve_unknown_ids_and_routes_are_404() {
    let (_env, s) = setup();
    s.fails(
        "/api/articles/%2Fno%2Fsuch.json",
        404,
        "no article with id `/no/such.json`",
    );
    s.fails("/api/article?id=nope", 404, "no article with id `nope`");
    s.fails("/api/nope", 404, "no such page or endpoint: /api/nope");
    s.fails("/nope", 404, "no such page or endpoint");
    let (status, head, body) = s.request("POST", "/api/search?q=a");
    assert_eq!(status, 405, "{body}");
    assert!(head.contains("application/json"));
    assert!(body.contains("read-only"), "{body}");
}

#[test]
fn serve_article_by_any_id_form() {
    let (_env, s) = setup();
    let hits = s.ok("/api/search?q=*&limit=100");
    let hits = hits["hits"].as_array().unwrap();
    for hit in hits {
        let id = hit["id"].as_str().unwrap();
        let a = s.ok(&format!("/api/articles/{}", enc(id)));
        assert_eq!(a["id"], id);
        assert_eq!(a["title"], hit["title"]);
        assert!(a["body"].as_str().unwrap().len() > 5);
        assert!(a["quotes"].is_array());
        assert_eq!(s.ok(&format!("/api/article?id={}", enc(id))), a);
    }
    // JSON Lines records have ids with `#`; percent-encoded they work.
    let line = hits.iter().find(|h| h["title"] == "Line two").unwrap();
    let id = line["id"].as_str().unwrap();
    assert!(id.contains('#'), "{id}");
    assert_eq!(
        s.ok(&format!("/api/articles/{}", enc(id)))["title"],
        "Line two"
    );
    // Slashes may also be left as they are.
    let bridge = hits.iter().find(|h| h["title"] == "Bridge budget approved");
    let id = bridge.unwrap()["id"].as_str().unwrap();
    if id.starts_with('/') {
        assert_eq!(s.ok(&format!("/api/articles/{}", id))["id"], id);
    }
}

#[test]
fn serve_quotes_speakers_stats_shapes() {
    let (env, s) = setup();
    let v = s.ok("/api/quotes");
    assert!(
        v["total"].is_u64() && v["people"].is_array() && v["hits"].is_array(),
        "{v}"
    );
    let v = s.ok("/api/quotes?q=bridge&by=Lopez&since=2005&until=2007&source=wire&limit=5&offset=0&sort=date");
    assert!(v["hits"].is_array(), "{v}");
    let v = s.ok("/api/speakers");
    assert!(v["speakers"].is_array(), "{v}");
    let v = s.ok("/api/speakers?prefix=lo&limit=3");
    assert!(v["speakers"].as_array().unwrap().len() <= 3);
    let stats = s.ok("/api/stats");
    assert_eq!(stats["articles"], 5);
    let cli = env.qb(&["stats", "--json"]).json_lines();
    assert_eq!(stats, cli[0], "same object as `stats --json`");
}

#[test]
fn serve_quotes_by_speaker_with_extractor() {
    let (_env, s) = setup();
    let v = s.ok(&format!("/api/quotes?by={}", enc("Ana Lopez")));
    assert_eq!(v["total"], 2, "{v}");
    assert_eq!(
        v["hits"][0]["quote"], "The bridge comes first,",
        "newest first"
    );
    assert_eq!(v["hits"][1]["quote"], "We will build it on time,");
    assert_eq!(v["hits"][1]["speaker"], "Ana Lopez");
    let speakers = s.ok("/api/speakers?prefix=lop");
    assert_eq!(speakers["speakers"][0]["name"], "Ana Lopez");
    assert_eq!(speakers["speakers"][0]["quotes"], 2);
    let f = s.ok("/api/search?q=bridge&facets=true");
    assert_eq!(f["facets"]["speakers"][0]["value"], "Ana Lopez", "{f}");
    let id = v["hits"][1]["article_id"].as_str().unwrap();
    let a = s.ok(&format!("/api/articles/{}", enc(id)));
    let q = &a["quotes"][0];
    let body: Vec<char> = a["body"].as_str().unwrap().chars().collect();
    let (st, en) = (q["start"].as_u64().unwrap(), q["end"].as_u64().unwrap());
    let text: String = body[st as usize..en as usize].iter().collect();
    assert_eq!(text, "We will build it on time,");
    assert_eq!(q["speaker"], "Ana Lopez");
}

/// The person page: the row, quotes per month over all quotes, and paged quotes by id.
#[test]
fn serve_person_page() {
    let (_env, s) = setup();
    let rows = s.ok("/api/speakers?prefix=lop");
    let id = rows["speakers"][0]["id"].as_str().unwrap().to_string();
    let p = s.ok(&format!("/api/person?id={}", enc(&id)));
    assert_eq!(p["name"], "Ana Lopez");
    assert_eq!(p["quotes"], 2);
    let months = p["months"].as_array().unwrap();
    let sum: u64 = months.iter().map(|m| m["quotes"].as_u64().unwrap()).sum();
    assert_eq!(sum, 2, "{p}");
    assert!(
        months
            .iter()
            .all(|m| m["month"].as_str().unwrap().len() == 7),
        "{p}"
    );
    let page = s.ok(&format!("/api/quotes?person={}&limit=1&offset=1", enc(&id)));
    assert_eq!(page["total"], 2);
    assert_eq!(page["hits"].as_array().unwrap().len(), 1);
    assert_eq!(page["hits"][0]["person"]["id"], id.as_str());
    s.fails("/api/person?id=nobody-at-all", 404, "no person with id");
    s.fails("/api/person", 400, "missing parameter `id`");
    s.fails("/api/quotes?person=a&by=b", 400, "not both");
}

#[test]
fn serve_picks_up_new_commits() {
    let (env, s) = setup();
    assert_eq!(s.ok("/api/search?q=zeppelin")["total"], 0);
    let obj =
        serde_json::json!({"title": "Airship", "date": "2008-05-05", "text": "A zeppelin landed."});
    env.write("c/zeppelin.json", obj.to_string());
    env.qb(&["index", "c"]).code(0);
    let deadline = Instant::now() + Duration::from_secs(10);
    loop {
        let v = s.ok("/api/search?q=zeppelin");
        if v["total"] == 1 {
            assert_eq!(v["hits"][0]["title"], "Airship");
            break;
        }
        assert!(Instant::now() < deadline, "new commit not seen: {v}");
        std::thread::sleep(Duration::from_millis(100));
    }
    assert_eq!(s.ok("/api/stats")["articles"], 6);
}

#[test]
fn serve_many_requests_at_once() {
    let (_env, s) = setup();
    let port = s.port;
    let threads: Vec<_> = (0..32)
        .map(|i| {
            std::thread::spawn(move || {
                let target = match i % 4 {
                    0 => "/api/search?q=budget&facets=true",
                    1 => "/api/quotes?q=bridge",
                    2 => "/api/stats",
                    _ => "/api/speakers",
                };
                let (status, _, body) = request(port, "GET", target);
                assert!(body.starts_with('{'), "{body}");
                status
            })
        })
        .collect();
    for t in threads {
        assert_eq!(t.join().unwrap(), 200);
    }
}

#[test]
fn serve_warns_on_non_loopback_address() {
    let env = Env::new();
    corpus(&env);
    let mut s = Server::start_on(&env, "0.0.0.0:0");
    assert_eq!(s.ok("/healthz")["status"], "ok");
    let _ = s.child.kill();
    let mut err = String::new();
    s.child
        .stderr
        .take()
        .unwrap()
        .read_to_string(&mut err)
        .unwrap();
    assert!(err.contains("warning: listening on 0.0.0.0"), "{err}");
    assert!(err.contains("not a loopback address"), "{err}");
}

#[test]
fn serve_without_index_fails_clearly() {
    let env = Env::new();
    let run = env.qb(&["serve", "--addr", "127.0.0.1:0"]);
    run.code(2);
    assert!(run.stderr.contains("no index at"), "{}", run.stderr);
}

#[test]
fn serve_rejects_a_bad_address() {
    let env = Env::new();
    let run = env.qb(&["serve", "--addr", "localhost"]);
    run.code(2);
    assert!(run.stderr.contains("--addr"), "{}", run.stderr);
}

/// Raw bytes to the server; what it answers until it closes the connection.
fn raw(port: u16, bytes: &str) -> String {
    let mut s = TcpStream::connect(("127.0.0.1", port)).expect("connect");
    s.set_read_timeout(Some(Duration::from_secs(60))).unwrap();
    s.write_all(bytes.as_bytes()).unwrap();
    let mut out = Vec::new();
    let _ = s.read_to_end(&mut out);
    String::from_utf8_lossy(&out).into_owned()
}

/// Issue #20, case 14: bound to loopback, only loopback Host names are served (DNS
/// rebinding); an article's url that is not http(s) is never handed out as a link; a
/// client that never finishes its headers is disconnected.
#[test]
fn serve_checks_host_urls_and_slow_headers() {
    let env = Env::new();
    env.write(
        "c/a.jsonl",
        concat!(
            r#"{"id":"js1","url":"javascript:alert(1)","text":"\"Open the bridge,\" Bob Stone said."}"#,
            "\n",
            r#"{"id":"web1","url":"https://example.org/a","text":"\"Close the bridge,\" Ann Lee said."}"#,
            "\n"
        ),
    );
    env.qb(&["index", "c", "-q"]).code(0);
    let s = Server::start(&env);
    let get = |host: &str| {
        raw(
            s.port,
            &format!("GET /api/stats HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n"),
        )
    };
    assert!(get("evil.example").starts_with("HTTP/1.1 403"));
    assert!(get(&format!("evil.example:{}", s.port)).starts_with("HTTP/1.1 403"));
    assert!(get(&format!("localhost:{}", s.port)).starts_with("HTTP/1.1 200"));
    assert!(get(&format!("127.0.0.1:{}", s.port)).starts_with("HTTP/1.1 200"));

    assert!(s.ok("/api/articles/js1")["url"].is_null());
    assert_eq!(s.ok("/api/articles/web1")["url"], "https://example.org/a");
    let hits = s.ok("/api/search?q=bridge")["hits"].clone();
    for h in hits.as_array().unwrap() {
        let url = &h["url"];
        assert!(
            url.is_null() || url.as_str().unwrap().starts_with("https:"),
            "{h}"
        );
    }

    // Headers that never end: the server closes the socket (after its 10 s header
    // timeout) rather than holding it open; the bound here is only the test's patience.
    let started = Instant::now();
    let answer = raw(
        s.port,
        "GET /api/stats HTTP/1.1\r\nHost: localhost\r\nX-Slow: 1",
    );
    assert!(!answer.contains("200 OK"), "{answer}");
    assert!(
        started.elapsed() < Duration::from_secs(55),
        "socket left open"
    );
    assert_eq!(s.ok("/healthz")["status"], "ok");
}

/// Issue #20, case 1 in `serve`: query-of-death requests next to ordinary ones; every one
/// is answered (refused or matched), and the server stays up.
#[test]
fn serve_answers_next_to_hostile_queries() {
    let env = Env::new();
    for i in 0..6 {
        let text = "the council and the town and the ".repeat(400);
        env.write(
            &format!("c/a{i}.txt"),
            format!("Town {i}\n\n“{},” Bob Stone said. {text}\n", &text[..300]),
        );
    }
    env.qb(&["index", "c", "-q"]).code(0);
    let s = Server::start(&env);
    let port = s.port;
    let qod = "/api/search?q=%22the%20the%20the%20the%20the%20the%20the%20the%22~";
    std::thread::scope(|scope| {
        let hostile: Vec<_> = ["100000", "32", "32"]
            .into_iter()
            .map(|slop| scope.spawn(move || request(port, "GET", &format!("{qod}{slop}"))))
            .collect();
        for _ in 0..5 {
            assert_eq!(request(port, "GET", "/api/search?q=council").0, 200);
        }
        let codes: Vec<u16> = hostile.into_iter().map(|h| h.join().unwrap().0).collect();
        assert_eq!(codes, vec![400, 200, 200]);
    });
    assert_eq!(s.ok("/healthz")["status"], "ok");
}
