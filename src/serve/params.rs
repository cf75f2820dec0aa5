//! Query-string parameters → the library's request structs, with the limits the server
//! enforces. Pure functions (no HTTP types), so every rule has a plain unit test.
//!
//! Rules: unknown and repeated parameters are refused (a typo must not silently widen a
//! search); any text parameter longer than [`MAX_PARAM_BYTES`] is refused; `limit` above
//! [`MAX_LIMIT`] and `offset` above [`MAX_OFFSET`] are refused, not clamped, so a client
//! never gets fewer results than it asked for without being told.

use crate::query::quotes::QuoteRequest;
use crate::query::{SearchRequest, Sort};

/// Most results one request may ask for.
pub const MAX_LIMIT: usize = 100;
/// Deepest page one request may ask for (tantivy keeps `offset + limit` hits in memory).
pub const MAX_OFFSET: usize = 10_000;
/// Longest text parameter (query, name, id…) in bytes, the same as the library's query limit.
pub const MAX_PARAM_BYTES: usize = crate::query::parse::MAX_QUERY_BYTES;

/// A client error: the message goes into `{"error": …}` with status 400.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BadParam(pub String);

type Result<T> = std::result::Result<T, BadParam>;

/// The parameters of one request, checked against the names an endpoint accepts.
#[derive(Debug)]
pub struct Params {
    pairs: Vec<(String, String)>,
}

impl Params {
    pub fn new(pairs: Vec<(String, String)>, allowed: &[&str]) -> Result<Params> {
        for (i, (name, value)) in pairs.iter().enumerate() {
            if !allowed.contains(&name.as_str()) {
                let list = allowed.join(", ");
                return Err(BadParam(if list.is_empty() {
                    format!("unknown parameter `{name}`: this endpoint takes none")
                } else {
                    format!("unknown parameter `{name}`: this endpoint takes {list}")
                }));
            }
            if pairs[..i].iter().any(|(n, _)| n == name) {
                return Err(BadParam(format!("parameter `{name}` is given twice")));
            }
            if value.len() > MAX_PARAM_BYTES {
                return Err(BadParam(format!(
                    "parameter `{name}` is {} bytes long; the limit is {MAX_PARAM_BYTES}",
                    value.len()
                )));
            }
        }
        Ok(Params { pairs })
    }

    fn raw(&self, name: &str) -> Option<&str> {
        self.pairs
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    }

    /// A text parameter; absent and blank are the same.
    pub fn text(&self, name: &str) -> Option<String> {
        self.raw(name)
            .map(str::trim)
            .filter(|v| !v.is_empty())
            .map(str::to_string)
    }

    /// A non-negative integer no larger than `max`.
    pub fn number(&self, name: &str, default: usize, max: usize) -> Result<usize> {
        let Some(v) = self.text(name) else {
            return Ok(default);
        };
        let n: usize = v.parse().map_err(|_| {
            BadParam(format!(
                "parameter `{name}` must be a whole number, not `{v}`"
            ))
        })?;
        if n > max {
            return Err(BadParam(format!(
                "parameter `{name}` is {n}; the most allowed is {max}"
            )));
        }
        Ok(n)
    }

    pub fn sort(&self, default: Sort) -> Result<Sort> {
        match self.text("sort").as_deref() {
            None => Ok(default),
            Some("relevance") => Ok(Sort::Relevance),
            Some("date") => Ok(Sort::Date),
            Some(other) => Err(BadParam(format!(
                "parameter `sort` must be `relevance` or `date`, not `{other}`"
            ))),
        }
    }

    pub fn flag(&self, name: &str) -> Result<bool> {
        match self.text(name).as_deref() {
            None | Some("0" | "false" | "no") => Ok(false),
            Some("1" | "true" | "yes") => Ok(true),
            Some(other) => Err(BadParam(format!(
                "parameter `{name}` must be true or false, not `{other}`"
            ))),
        }
    }
}

/// `GET /api/search`: the request and whether facets were asked for.
pub fn search(pairs: Vec<(String, String)>) -> Result<(SearchRequest, bool)> {
    let p = Params::new(
        pairs,
        &["q", "limit", "offset", "since", "until", "sort", "facets"],
    )?;
    let query = p.text("q").ok_or_else(|| {
        BadParam("missing parameter `q`: give words to search for, or * for every article".into())
    })?;
    let req = SearchRequest {
        query,
        limit: p.number("limit", 10, MAX_LIMIT)?,
        offset: p.number("offset", 0, MAX_OFFSET)?,
        since: p.text("since"),
        until: p.text("until"),
        sort: p.sort(Sort::Relevance)?,
    };
    Ok((req, p.flag("facets")?))
}

/// `GET /api/quotes`.
pub fn quotes(pairs: Vec<(String, String)>) -> Result<QuoteRequest> {
    let p = Params::new(
        pairs,
        &[
            "q", "by", "person", "since", "until", "source", "limit", "offset", "sort",
        ],
    )?;
    let (by, person) = (p.text("by"), p.text("person"));
    if by.is_some() && person.is_some() {
        return Err(BadParam(
            "give `by` (a name) or `person` (an id), not both".into(),
        ));
    }
    Ok(QuoteRequest {
        query: p.text("q").unwrap_or_default(),
        by,
        person,
        since: p.text("since"),
        until: p.text("until"),
        source: p.text("source"),
        limit: p.number("limit", 10, MAX_LIMIT)?,
        offset: p.number("offset", 0, MAX_OFFSET)?,
        sort: p.sort(Sort::Date)?,
    })
}

/// `GET /api/speakers`: name prefix and limit.
pub fn speakers(pairs: Vec<(String, String)>) -> Result<(Option<String>, usize)> {
    let p = Params::new(pairs, &["prefix", "limit"])?;
    Ok((p.text("prefix"), p.number("limit", 50, MAX_LIMIT)?))
}

/// `GET /api/person?id=`: a person id of the people table.
pub fn person_id(pairs: Vec<(String, String)>) -> Result<String> {
    let p = Params::new(pairs, &["id"])?;
    p.text("id")
        .ok_or_else(|| BadParam("missing parameter `id` (a person id, as `speakers` lists)".into()))
}

/// `GET /api/article?id=`: the id.
pub fn article_id(pairs: Vec<(String, String)>) -> Result<String> {
    let p = Params::new(pairs, &["id"])?;
    // Ids are compared exactly: no trimming.
    p.raw("id")
        .filter(|v| !v.is_empty())
        .map(str::to_string)
        .ok_or_else(|| BadParam("missing parameter `id`".into()))
}

/// Endpoints that take no parameters.
pub fn none(pairs: Vec<(String, String)>) -> Result<()> {
    Params::new(pairs, &[]).map(|_| ())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pairs(list: &[(&str, &str)]) -> Vec<(String, String)> {
        list.iter()
            .map(|(a, b)| (a.to_string(), b.to_string()))
            .collect()
    }

    #[track_caller]
    fn bad<T: std::fmt::Debug>(r: Result<T>, needle: &str) {
        match r {
            Err(BadParam(m)) => assert!(m.contains(needle), "{m:?} lacks {needle:?}"),
            Ok(v) => panic!("accepted: {v:?}"),
        }
    }

    #[test]
    fn search_defaults() {
        let (req, facets) = search(pairs(&[("q", "ports")])).unwrap();
        assert_eq!(req.query, "ports");
        assert_eq!((req.limit, req.offset), (10, 0));
        assert_eq!(req.sort, Sort::Relevance);
        assert!(!facets);
    }

    #[test]
    fn search_all_parameters() {
        let (req, facets) = search(pairs(&[
            ("q", "\"homeland security\""),
            ("limit", "100"),
            ("offset", "20"),
            ("since", "2005"),
            ("until", "2006-06"),
            ("sort", "date"),
            ("facets", "true"),
        ]))
        .unwrap();
        assert_eq!(req.limit, 100);
        assert_eq!(req.offset, 20);
        assert_eq!(req.since.as_deref(), Some("2005"));
        assert_eq!(req.until.as_deref(), Some("2006-06"));
        assert_eq!(req.sort, Sort::Date);
        assert!(facets);
    }

    #[test]
    fn search_needs_q() {
        bad(search(pairs(&[])), "missing parameter `q`");
        bad(search(pairs(&[("q", "  ")])), "missing parameter `q`");
    }

    #[test]
    fn limit_over_max_is_refused_not_clamped() {
        bad(
            search(pairs(&[("q", "a"), ("limit", "101")])),
            "most allowed is 100",
        );
        bad(quotes(pairs(&[("limit", "1000")])), "most allowed is 100");
        bad(speakers(pairs(&[("limit", "101")])), "most allowed is 100");
        bad(search(pairs(&[("q", "a"), ("offset", "10001")])), "10000");
    }

    #[test]
    fn numbers_must_be_numbers() {
        bad(
            search(pairs(&[("q", "a"), ("limit", "-1")])),
            "whole number",
        );
        bad(
            search(pairs(&[("q", "a"), ("limit", "ten")])),
            "whole number",
        );
    }

    #[test]
    fn unknown_and_repeated_parameters_are_refused() {
        bad(
            search(pairs(&[("q", "a"), ("qq", "b")])),
            "unknown parameter `qq`",
        );
        bad(search(pairs(&[("q", "a"), ("q", "b")])), "given twice");
        bad(none(pairs(&[("x", "1")])), "takes none");
    }

    #[test]
    fn long_parameters_are_refused() {
        let long = "a".repeat(MAX_PARAM_BYTES + 1);
        bad(search(pairs(&[("q", &long)])), "limit is 4096");
        bad(quotes(pairs(&[("by", &long)])), "`by`");
    }

    #[test]
    fn bad_sort_and_flag() {
        bad(search(pairs(&[("q", "a"), ("sort", "score")])), "relevance");
        bad(
            search(pairs(&[("q", "a"), ("facets", "maybe")])),
            "true or false",
        );
    }

    #[test]
    fn person_parameters() {
        assert_eq!(
            person_id(pairs(&[("id", "mara-quill")])).unwrap(),
            "mara-quill"
        );
        bad(person_id(pairs(&[])), "missing parameter `id`");
        bad(person_id(pairs(&[("name", "x")])), "unknown parameter");
        let req = quotes(pairs(&[("person", "mara-quill"), ("offset", "24")])).unwrap();
        assert_eq!(req.person.as_deref(), Some("mara-quill"));
        bad(quotes(pairs(&[("person", "a"), ("by", "b")])), "not both");
    }

    #[test]
    fn quotes_defaults_to_every_quote_newest_first() {
        let req = quotes(pairs(&[("by", " Ana Lopez ")])).unwrap();
        assert_eq!(req.query, "");
        assert_eq!(req.by.as_deref(), Some("Ana Lopez"));
        assert_eq!(req.sort, Sort::Date);
        assert_eq!(req.limit, 10);
    }

    #[test]
    fn article_id_is_kept_exactly() {
        assert_eq!(
            article_id(pairs(&[("id", "/a b/c.jsonl#L2")])).unwrap(),
            "/a b/c.jsonl#L2"
        );
        bad(article_id(pairs(&[])), "missing parameter `id`");
    }
}
