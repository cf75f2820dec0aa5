//! Routes, JSON errors and the guards every request passes through.
//!
//! Wire format: each endpoint answers with the library's serde structs, the same ones the
//! CLI prints with `--json` (`search` → `{"total","hits":[ArticleHit…]}` plus `"facets"`
//! when asked, `quotes` → `QuoteResults`, `speakers` → `{"speakers":[SpeakerRow…]}`,
//! `articles/{id}` → `ArticleView`, `stats` → `Stats`, `person?id=` → `PersonView`: the
//! person's row of `speakers` plus `months`, quotes per month over all of their quotes). Every error is
//! `{"error": "one line for people"}`: 400 for a bad query or parameter, 404 for an unknown
//! article or route, 405 for a method other than GET/HEAD, 503 when the request timed out,
//! 500 for anything else (details go to stderr, never to the client).
//!
//! Guards: tantivy work runs on the blocking pool, at most [`MAX_IN_FLIGHT`] requests at a
//! time (the rest wait); a request gets [`REQUEST_TIMEOUT`] in all; a panic anywhere
//! becomes a 500 and the server keeps going.

use super::catalog::Catalog;
use super::{assets, params, Options};
use crate::error::Error;
use crate::query::budget::Budget;
use crate::query::quotes::SpeakerRow;
use crate::query::{ArticleHit, Facets, SearchResults, Searchable};
use axum::extract::rejection::{PathRejection, QueryRejection};
use axum::extract::{Path as UrlPath, Query, Request, State};
use axum::http::{header, HeaderValue, StatusCode};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;
use serde::Serialize;
use std::io::Write;
use std::sync::Arc;
use std::time::Duration;
use tokio::sync::Semaphore;

/// Requests doing index work at the same time; the rest queue (within their timeout).
pub const MAX_IN_FLIGHT: usize = 64;
/// Time one request may take, queueing included.
pub const REQUEST_TIMEOUT: Duration = Duration::from_secs(10);
/// Speaker and source facets returned with `facets=true`.
const FACET_SIZE: usize = 20;

struct App {
    catalog: Catalog,
    permits: Arc<Semaphore>,
}

/// Start the server and block until Ctrl-C or SIGTERM.
pub fn run(opts: &Options) -> crate::error::Result<()> {
    let catalog = Catalog::open(&opts.index)?;
    let app = Arc::new(App {
        catalog,
        permits: Arc::new(Semaphore::new(MAX_IN_FLIGHT)),
    });
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .thread_name("quotebook-serve")
        .build()
        .map_err(|e| Error::io("cannot start the server", e))?;
    let addr = opts.addr;
    let result = runtime.block_on(async move {
        let listener = tokio::net::TcpListener::bind(addr)
            .await
            .map_err(|e| Error::io(format!("cannot listen on {addr}"), e))?;
        let local = listener
            .local_addr()
            .map_err(|e| Error::io("cannot read the listening address", e))?;
        if !local.ip().is_loopback() {
            eprintln!(
                "quotebook: warning: listening on {local}, which is not a loopback address: \
                 anyone who can reach this machine can read the whole index"
            );
        }
        eprintln!(
            "quotebook: serving {} (read-only; Ctrl-C to stop)",
            app.catalog.path().display()
        );
        // The address on stdout, alone on its line, for scripts (`--addr 127.0.0.1:0`).
        let mut out = std::io::stdout().lock();
        let _ = writeln!(out, "listening on http://{local}/");
        let _ = out.flush();
        drop(out);
        serve_connections(listener, router(app, REQUEST_TIMEOUT, local)).await;
        Ok(())
    });
    // Do not wait for blocking work a timed-out request left behind.
    runtime.shutdown_timeout(Duration::from_secs(2));
    result
}

/// Time a client has to send a request's headers, counted from its first byte (or from
/// the connection, for the first request): sockets that trickle headers (slowloris) are
/// closed instead of held open.
pub const HEADER_READ_TIMEOUT: Duration = Duration::from_secs(10);

/// Accept connections until Ctrl-C or SIGTERM, each served by hyper with a header-read
/// timeout; then let the open ones finish their requests (at most [`REQUEST_TIMEOUT`]).
async fn serve_connections(listener: tokio::net::TcpListener, app: Router) {
    let (closing, closed) = tokio::sync::watch::channel(false);
    let shutdown = shutdown_signal();
    tokio::pin!(shutdown);
    let connections = open_connections::Connections::default();
    loop {
        let stream = tokio::select! {
            () = &mut shutdown => break,
            accepted = listener.accept() => match accepted {
                Ok((stream, _)) => stream,
                // Out of file descriptors and the like: wait a moment rather than spin.
                Err(_) => {
                    tokio::time::sleep(Duration::from_millis(50)).await;
                    continue;
                }
            },
        };
        let _ = stream.set_nodelay(true);
        let service = hyper_util::service::TowerToHyperService::new(app.clone());
        let mut closed = closed.clone();
        let guard = connections.open();
        tokio::spawn(async move {
            let _guard = guard;
            let conn = hyper::server::conn::http1::Builder::new()
                .timer(hyper_util::rt::TokioTimer::new())
                .header_read_timeout(HEADER_READ_TIMEOUT)
                .serve_connection(hyper_util::rt::TokioIo::new(stream), service);
            tokio::pin!(conn);
            tokio::select! {
                _ = conn.as_mut() => {}
                _ = closed.changed() => {
                    conn.as_mut().graceful_shutdown();
                    let _ = conn.await;
                }
            }
        });
    }
    let _ = closing.send(true);
    connections.wait(REQUEST_TIMEOUT).await;
}

/// Counting open connections, to wait for them at shutdown.
mod open_connections {
    use std::sync::Arc;
    use std::time::Duration;

    #[derive(Default)]
    pub struct Connections(
        Arc<tokio::sync::Notify>,
        Arc<std::sync::atomic::AtomicUsize>,
    );

    pub struct Open(
        Arc<tokio::sync::Notify>,
        Arc<std::sync::atomic::AtomicUsize>,
    );

    impl Connections {
        pub fn open(&self) -> Open {
            self.1.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
            Open(Arc::clone(&self.0), Arc::clone(&self.1))
        }

        /// Until every connection closed, or `limit`.
        pub async fn wait(&self, limit: Duration) {
            let all_closed = async {
                while self.1.load(std::sync::atomic::Ordering::SeqCst) > 0 {
                    self.0.notified().await;
                }
            };
            let _ = tokio::time::timeout(limit, all_closed).await;
        }
    }

    impl Drop for Open {
        fn drop(&mut self) {
            self.1.fetch_sub(1, std::sync::atomic::Ordering::SeqCst);
            self.0.notify_waiters();
        }
    }
}

async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let term = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let term = std::future::pending::<()>();
    tokio::select! {
        () = ctrl_c => {},
        () = term => {},
    }
    eprintln!("quotebook: stopping");
}

fn router(app: Arc<App>, timeout: Duration, local: std::net::SocketAddr) -> Router {
    let routes = Router::new()
        .route("/", get(page))
        .route("/assets/app.js", get(script))
        .route("/assets/style.css", get(style))
        .route("/healthz", get(healthz))
        .route("/api/search", get(search))
        .route("/api/quotes", get(quotes))
        .route("/api/speakers", get(speakers))
        .route("/api/person", get(person))
        .route("/api/articles/{*id}", get(article_by_path))
        .route("/api/article", get(article_by_query))
        .route("/api/stats", get(stats))
        .with_state(app);
    let guarded = guarded(routes, timeout);
    if !local.ip().is_loopback() {
        return guarded;
    }
    guarded.layer(middleware::from_fn(move |req: Request, next: Next| {
        loopback_host(req, next, local)
    }))
}

/// Bound to loopback, the server answers only requests addressed to it by a loopback name
/// or address: a web page on another site that points its own domain name at 127.0.0.1
/// (DNS rebinding) gets a 403 instead of the index.
async fn loopback_host(req: Request, next: Next, local: std::net::SocketAddr) -> Response {
    let Some(host) = req.headers().get(header::HOST) else {
        // Browsers always send Host; a client that does not is no rebinding page.
        return next.run(req).await;
    };
    let host = host.to_str().unwrap_or("");
    if host_is_local(host, local) {
        return next.run(req).await;
    }
    let shown: String = host.chars().take(100).collect();
    ApiError {
        status: StatusCode::FORBIDDEN,
        message: format!(
            "forbidden: Host `{shown}` is not this server (it answers to localhost:{} and {local})",
            local.port()
        ),
    }
    .into_response()
}

/// Whether a Host header names the loopback server at `local`: `localhost`, a loopback
/// address, with no port or `local`'s.
fn host_is_local(host: &str, local: std::net::SocketAddr) -> bool {
    let (name, port) = match host.rsplit_once(':') {
        // A bare IPv6 address has colons of its own.
        Some((n, _)) if !n.ends_with(']') && n.contains(':') => (host, None),
        Some((n, p)) => (n, Some(p)),
        None => (host, None),
    };
    if port.is_some_and(|p| p.parse::<u16>().ok() != Some(local.port())) {
        return false;
    }
    let name = name.trim_start_matches('[').trim_end_matches(']');
    name.eq_ignore_ascii_case("localhost")
        || name
            .parse::<std::net::IpAddr>()
            .is_ok_and(|ip| ip.is_loopback())
}

/// The guards, apart from the routes so that tests can put them around anything.
fn guarded(routes: Router, timeout: Duration) -> Router {
    routes
        .fallback(not_found)
        .method_not_allowed_fallback(method_not_allowed)
        .layer(middleware::from_fn(move |req: Request, next: Next| {
            limit_time(req, next, timeout)
        }))
        .layer(tower_http::catch_panic::CatchPanicLayer::custom(
            |_: Box<dyn std::any::Any + Send>| {
                ApiError::internal("internal error while answering this request").into_response()
            },
        ))
}

async fn limit_time(req: Request, next: Next, timeout: Duration) -> Response {
    let mut res = match tokio::time::timeout(timeout, next.run(req)).await {
        Ok(res) => res,
        Err(_) => ApiError {
            status: StatusCode::SERVICE_UNAVAILABLE,
            message: format!(
                "the request took longer than {} s; try a narrower query",
                timeout.as_secs_f32()
            ),
        }
        .into_response(),
    };
    let h = res.headers_mut();
    h.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    h.insert(
        header::REFERRER_POLICY,
        HeaderValue::from_static("no-referrer"),
    );
    res
}

/// An error for the client: a status and one line of text.
#[derive(Debug)]
pub struct ApiError {
    status: StatusCode,
    message: String,
}

impl ApiError {
    fn bad(message: impl Into<String>) -> ApiError {
        ApiError {
            status: StatusCode::BAD_REQUEST,
            message: message.into(),
        }
    }
    fn not_found(message: impl Into<String>) -> ApiError {
        ApiError {
            status: StatusCode::NOT_FOUND,
            message: message.into(),
        }
    }
    fn internal(message: impl Into<String>) -> ApiError {
        ApiError {
            status: StatusCode::INTERNAL_SERVER_ERROR,
            message: message.into(),
        }
    }
}

impl From<params::BadParam> for ApiError {
    fn from(e: params::BadParam) -> ApiError {
        ApiError::bad(e.0)
    }
}

impl From<Error> for ApiError {
    fn from(e: Error) -> ApiError {
        match e {
            Error::BadQuery(_) | Error::BadArgument(_) | Error::QueryTooCostly(_) => {
                ApiError::bad(e.to_string())
            }
            Error::QueryStopped(_) => ApiError {
                status: StatusCode::SERVICE_UNAVAILABLE,
                message: e.to_string(),
            },
            Error::IndexLocked(_) => ApiError {
                status: StatusCode::SERVICE_UNAVAILABLE,
                message: e.to_string(),
            },
            other => {
                eprintln!("quotebook: serve: {other}");
                ApiError::internal("internal error reading the index (the server log has details)")
            }
        }
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        #[derive(Serialize)]
        struct Body<'a> {
            error: &'a str,
        }
        let body = serde_json::to_vec(&Body {
            error: &self.message,
        })
        .unwrap_or_else(|_| br#"{"error":"internal error"}"#.to_vec());
        json(self.status, body)
    }
}

fn json(status: StatusCode, body: Vec<u8>) -> Response {
    (
        status,
        [
            (header::CONTENT_TYPE, "application/json"),
            (header::CACHE_CONTROL, "no-store"),
        ],
        body,
    )
        .into_response()
}

type Pairs = Result<Query<Vec<(String, String)>>, QueryRejection>;

fn pairs(q: Pairs) -> Result<Vec<(String, String)>, ApiError> {
    q.map(|Query(v)| v)
        .map_err(|e| ApiError::bad(format!("cannot read the query string: {}", e.body_text())))
}

/// Run `f` on the newest snapshot on the blocking pool, under the concurrency limit, and
/// answer with its value as JSON.
async fn blocking<T, F>(app: Arc<App>, f: F) -> Response
where
    T: Serialize,
    F: FnOnce(&Searchable) -> Result<T, ApiError> + Send + 'static,
{
    // The request's whole time, queueing included, is its query's deadline; when the
    // timeout guard drops this future, the guard below cancels the query, so that work the
    // client no longer waits for stops at once (see `query::budget`).
    let budget = Arc::new(Budget::new(
        crate::config::work_limit(),
        Some(REQUEST_TIMEOUT),
    ));
    let _cancel = CancelOnDrop(Arc::clone(&budget));
    let Ok(permit) = Arc::clone(&app.permits).acquire_owned().await else {
        return ApiError::internal("the server is stopping").into_response();
    };
    let task = tokio::task::spawn_blocking(move || {
        let _permit = permit;
        let snapshot = app.catalog.current().with_budget(budget);
        let value = f(&snapshot);
        snapshot.check_budget()?;
        serde_json::to_vec(&value?)
            .map_err(|e| ApiError::internal(format!("cannot encode the answer: {e}")))
    });
    match task.await {
        Ok(Ok(body)) => json(StatusCode::OK, body),
        Ok(Err(e)) => e.into_response(),
        Err(e) => {
            eprintln!("quotebook: serve: a request failed: {e}");
            ApiError::internal("internal error while answering this request").into_response()
        }
    }
}

/// Cancels a request's query when the request is dropped (answered, or timed out).
struct CancelOnDrop(Arc<Budget>);

impl Drop for CancelOnDrop {
    fn drop(&mut self) {
        self.0.cancel();
    }
}

macro_rules! try_or_respond {
    ($e:expr) => {
        match $e {
            Ok(v) => v,
            Err(e) => return ApiError::from(e).into_response(),
        }
    };
}

#[derive(Serialize)]
struct SearchBody {
    #[serde(flatten)]
    results: SearchResults<ArticleHit>,
    #[serde(skip_serializing_if = "Option::is_none")]
    facets: Option<Facets>,
}

async fn search(State(app): State<Arc<App>>, q: Pairs) -> Response {
    let (req, with_facets) = try_or_respond!(params::search(try_or_respond!(pairs(q))));
    blocking(app, move |s| {
        let results = s.search(&req)?;
        let facets = match with_facets {
            true => Some(s.facets(&req, FACET_SIZE)?),
            false => None,
        };
        Ok(SearchBody { results, facets })
    })
    .await
}

async fn quotes(State(app): State<Arc<App>>, q: Pairs) -> Response {
    let req = try_or_respond!(params::quotes(try_or_respond!(pairs(q))));
    blocking(app, move |s| Ok(s.quotes(&req)?)).await
}

#[derive(Serialize)]
struct SpeakersBody {
    speakers: Vec<SpeakerRow>,
}

async fn speakers(State(app): State<Arc<App>>, q: Pairs) -> Response {
    let (prefix, limit) = try_or_respond!(params::speakers(try_or_respond!(pairs(q))));
    blocking(app, move |s| {
        let mut speakers = s.speaker_rows(prefix.as_deref(), false, limit)?;
        speakers.truncate(limit);
        Ok(SpeakersBody { speakers })
    })
    .await
}

/// `/api/person?id=`: a person page (quotes come from `/api/quotes?person=`, paged).
async fn person(State(app): State<Arc<App>>, q: Pairs) -> Response {
    let id = try_or_respond!(params::person_id(try_or_respond!(pairs(q))));
    blocking(app, move |s| {
        s.person(&id)?
            .ok_or_else(|| ApiError::not_found(format!("no person with id `{id}`")))
    })
    .await
}

/// `/api/articles/{id}`: the id percent-encoded (`/` as `%2F`, `#` as `%23`), or its
/// slashes left as they are.
async fn article_by_path(
    State(app): State<Arc<App>>,
    id: Result<UrlPath<String>, PathRejection>,
    q: Pairs,
) -> Response {
    try_or_respond!(params::none(try_or_respond!(pairs(q))));
    let id = match id {
        Ok(UrlPath(id)) => id,
        Err(e) => {
            return ApiError::bad(format!("bad article id: {}", e.body_text())).into_response()
        }
    };
    article(app, id).await
}

/// `/api/article?id=…`, for clients that find a query string easier to encode.
async fn article_by_query(State(app): State<Arc<App>>, q: Pairs) -> Response {
    let id = try_or_respond!(params::article_id(try_or_respond!(pairs(q))));
    article(app, id).await
}

async fn article(app: Arc<App>, id: String) -> Response {
    if id.len() > params::MAX_PARAM_BYTES {
        return ApiError::bad("article id is too long").into_response();
    }
    blocking(app, move |s| {
        s.article(&id)?
            .ok_or_else(|| ApiError::not_found(format!("no article with id `{id}`")))
    })
    .await
}

async fn stats(State(app): State<Arc<App>>, q: Pairs) -> Response {
    try_or_respond!(params::none(try_or_respond!(pairs(q))));
    blocking(app, |s| Ok(s.stats()?)).await
}

async fn healthz() -> Response {
    json(StatusCode::OK, br#"{"status":"ok"}"#.to_vec())
}

async fn not_found(req: Request) -> Response {
    let path = req.uri().path();
    let shown: String = path.chars().take(200).collect();
    ApiError::not_found(format!("no such page or endpoint: {shown}")).into_response()
}

async fn method_not_allowed() -> Response {
    ApiError {
        status: StatusCode::METHOD_NOT_ALLOWED,
        message: "method not allowed: this server is read-only, use GET".into(),
    }
    .into_response()
}

fn asset(content_type: &'static str, body: &'static str) -> Response {
    (
        [
            (header::CONTENT_TYPE, content_type),
            (header::CACHE_CONTROL, "no-cache"),
            (header::CONTENT_SECURITY_POLICY, assets::CSP),
        ],
        body,
    )
        .into_response()
}

async fn page() -> Response {
    asset("text/html; charset=utf-8", assets::INDEX_HTML)
}

async fn script() -> Response {
    asset("text/javascript; charset=utf-8", assets::APP_JS)
}

async fn style() -> Response {
    asset("text/css; charset=utf-8", assets::STYLE_CSS)
}

#[cfg(test)]
mod tests {
    //! The guards on their own: a panicking or slow handler must not take the server down.

    use super::*;
    use std::io::Read;

    /// Serve `routes` behind the guards on a free port; run `client` against it.
    fn with_server(routes: Router, timeout: Duration, client: impl FnOnce(u16)) {
        let rt = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(2)
            .enable_all()
            .build()
            .unwrap();
        let listener = rt
            .block_on(tokio::net::TcpListener::bind("127.0.0.1:0"))
            .unwrap();
        let port = listener.local_addr().unwrap().port();
        rt.spawn(async move { axum::serve(listener, guarded(routes, timeout)).await });
        client(port);
        rt.shutdown_timeout(Duration::from_secs(1));
    }

    fn fetch(port: u16, path: &str) -> (u16, String) {
        let mut s = std::net::TcpStream::connect(("127.0.0.1", port)).unwrap();
        write!(s, "GET {path} HTTP/1.0\r\nHost: localhost\r\n\r\n").unwrap();
        let mut text = String::new();
        s.read_to_string(&mut text).unwrap();
        let status = text[9..12].parse().unwrap();
        let body = text.split_once("\r\n\r\n").unwrap().1.to_string();
        (status, body)
    }

    #[test]
    fn a_panic_is_a_500_and_the_server_goes_on() {
        let routes = Router::new()
            .route(
                "/boom",
                get(|| async {
                    if std::hint::black_box(true) {
                        panic!("boom");
                    }
                    "unreachable"
                }),
            )
            .route(
                "/boom-blocking",
                get(|| async {
                    match tokio::task::spawn_blocking(|| -> () { panic!("boom") }).await {
                        Ok(()) => "fine".into_response(),
                        Err(_) => ApiError::internal("internal error").into_response(),
                    }
                }),
            )
            .route("/ok", get(|| async { "ok" }));
        with_server(routes, Duration::from_secs(5), |port| {
            let (status, body) = fetch(port, "/boom");
            assert_eq!(status, 500);
            assert!(body.starts_with(r#"{"error":"#), "{body}");
            assert!(!body.contains("boom"), "leaks the panic: {body}");
            assert_eq!(fetch(port, "/boom-blocking").0, 500);
            assert_eq!(fetch(port, "/ok"), (200, "ok".to_string()));
        });
    }

    #[test]
    fn slow_requests_time_out_with_503() {
        let routes = Router::new().route(
            "/slow",
            get(|| async {
                tokio::time::sleep(Duration::from_secs(5)).await;
                "late"
            }),
        );
        with_server(routes, Duration::from_millis(200), |port| {
            let (status, body) = fetch(port, "/slow");
            assert_eq!(status, 503);
            assert!(body.contains("took longer"), "{body}");
        });
    }

    #[test]
    fn only_loopback_names_of_this_port_are_this_server() {
        let v4: std::net::SocketAddr = "127.0.0.1:8080".parse().unwrap();
        let v6: std::net::SocketAddr = "[::1]:9000".parse().unwrap();
        for (host, local, ok) in [
            ("localhost:8080", v4, true),
            ("LOCALHOST", v4, true),
            ("127.0.0.1:8080", v4, true),
            ("127.0.0.2", v4, true),
            ("[::1]:8080", v4, true),
            ("localhost:9999", v4, false),
            ("evil.example:8080", v4, false),
            ("evil.example", v4, false),
            ("127.0.0.1.evil.example:8080", v4, false),
            ("", v4, false),
            ("[::1]:9000", v6, true),
            ("::1", v6, true),
            ("[::1]:9001", v6, false),
        ] {
            assert_eq!(host_is_local(host, local), ok, "{host} at {local}");
        }
    }

    #[test]
    fn unknown_routes_and_methods_are_json() {
        let routes = Router::new().route("/ok", get(|| async { "ok" }));
        with_server(routes, Duration::from_secs(5), |port| {
            let (status, body) = fetch(port, "/nope");
            assert_eq!(status, 404);
            assert!(body.contains("no such page or endpoint: /nope"), "{body}");
            let mut s = std::net::TcpStream::connect(("127.0.0.1", port)).unwrap();
            write!(s, "POST /ok HTTP/1.0\r\nContent-Length: 0\r\n\r\n").unwrap();
            let mut text = String::new();
            s.read_to_string(&mut text).unwrap();
            assert_eq!(&text[9..12], "405", "{text}");
            assert!(text.contains("read-only"), "{text}");
        });
    }
}
