//! Searching the index: articles by full text, quotes by text and speaker, speaker lists,
//! stats. Returns plain result structs; printing is [`crate::output`]'s job.

pub mod budget;
pub mod parse;
pub mod phrase;
pub mod quote_text;
pub mod quotes;
pub mod snippet;
pub mod tally;

use crate::error::{Error, Result};
use crate::index::schema::{Fields, KIND_ARTICLE, KIND_FILE, KIND_QUOTE, TOKENIZER};
use crate::index::IndexDir;
use budget::{Budget, Budgeted};
use phrase::PhraseMatch;
use quote_text::{QuoteTextQuery, Yield};
use serde::Serialize;
use snippet::{find_matches, make_snippet, Snippet};
use std::ops::Bound;
use std::sync::Arc;
use tantivy::collector::{Count, TopDocs};
use tantivy::query::{BooleanQuery, Occur, Query, QueryParser, RangeQuery, TermQuery};
use tantivy::schema::{IndexRecordOption, Value};
use tantivy::{DateTime, DocAddress, Order, Searcher, TantivyDocument, Term};

/// Most hits one query may return, and the deepest page it may ask for: tantivy's top-k
/// collector holds `offset + limit` hits per segment in memory.
pub const MAX_LIMIT: usize = 10_000;
pub const MAX_OFFSET: usize = 100_000;

/// Result order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Sort {
    #[default]
    Relevance,
    /// Newest first.
    Date,
}

/// A search over articles.
#[derive(Debug, Clone, Default)]
pub struct SearchRequest {
    pub query: String,
    pub limit: usize,
    pub offset: usize,
    /// Inclusive lower bound: YYYY, YYYY-MM, YYYY-MM-DD or RFC 3339.
    pub since: Option<String>,
    /// Inclusive upper bound, same forms (a day/month/year includes all of it).
    pub until: Option<String>,
    pub sort: Sort,
}

/// One matching article.
#[derive(Debug, Clone, Serialize)]
pub struct ArticleHit {
    pub id: String,
    pub path: String,
    pub title: Option<String>,
    pub date: Option<String>,
    pub source: Option<String>,
    pub url: Option<String>,
    pub score: f32,
    pub snippet: Snippet,
    /// Code-point offsets into the article text of every highlighted match.
    pub matches: Vec<(usize, usize)>,
}

#[derive(Debug, Clone, Serialize)]
pub struct SearchResults<H> {
    /// How many documents matched in all (not just this page).
    pub total: usize,
    pub hits: Vec<H>,
}

/// An open index ready for queries.
#[derive(Clone)]
pub struct Searchable {
    pub dir: IndexDir,
    pub searcher: Searcher,
    /// The people table of this snapshot, read (or computed) on first use.
    people: std::sync::OnceLock<std::sync::Arc<crate::people::People>>,
    /// What the queries run through this value may spend (see [`budget`]).
    budget: Arc<Budget>,
}

impl Searchable {
    pub fn open(mut dir: IndexDir) -> Result<Searchable> {
        // Segments are searched in parallel, one thread per core: a large index has one
        // segment per ~70k documents (see the merge policy in index::writer), and a phrase
        // matching thousands of articles spends its time verifying positions in each.
        let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
        if cores > 1 && dir.index.searchable_segment_ids().map_or(0, |s| s.len()) > 1 {
            dir.index.set_multithread_executor(cores.min(8))?;
        }
        let reader = dir
            .index
            .reader_builder()
            .reload_policy(tantivy::ReloadPolicy::Manual)
            .try_into()?;
        let searcher = reader.searcher();
        Ok(Searchable {
            dir,
            searcher,
            people: std::sync::OnceLock::new(),
            budget: Arc::default(),
        })
    }

    /// Who is who across articles ([`crate::people`]), for this snapshot of the index.
    pub fn people(&self) -> Result<std::sync::Arc<crate::people::People>> {
        if let Some(p) = self.people.get() {
            return Ok(std::sync::Arc::clone(p));
        }
        let table = crate::people::load_for(&self.dir.path, &self.searcher, self.f())?;
        Ok(std::sync::Arc::clone(
            self.people.get_or_init(|| std::sync::Arc::new(table)),
        ))
    }

    /// The same snapshot, its queries charged to `budget` (one per request in `serve`).
    pub fn with_budget(&self, budget: Arc<Budget>) -> Searchable {
        Searchable {
            budget,
            ..self.clone()
        }
    }

    /// The error for a query that ran out of budget or was stopped, if one was: call it
    /// after a query, whose results are incomplete in that case.
    pub fn check_budget(&self) -> Result<()> {
        self.budget.check()
    }

    fn f(&self) -> &Fields {
        &self.dir.fields
    }

    /// Parse what the user typed against `default_fields`; `None` for an empty query or `*`.
    fn parse_user(
        &self,
        query: &str,
        default_fields: Vec<tantivy::schema::Field>,
    ) -> Result<Option<(Box<dyn Query>, parse::Highlights)>> {
        if query.trim().is_empty() || query.trim() == "*" {
            return Ok(None);
        }
        let (rewritten, hl) = parse::prepare(query)?;
        let mut parser = QueryParser::for_index(&self.dir.index, default_fields);
        parser.set_conjunction_by_default();
        let q = parser
            .parse_query(&rewritten)
            .map_err(|e| Error::BadQuery(describe_parse_error(&e)))?;
        Ok(Some((self.budget_phrases(q), hl)))
    }

    /// Every phrase tantivy cannot be trusted to answer within bounds (slop, or a word
    /// twice) becomes a [`PhraseMatch`] charged to this budget. `quote:` phrases are left
    /// alone: [`QuoteTextQuery`] reads them from tantivy's phrase queries.
    fn budget_phrases(&self, q: Box<dyn Query>) -> Box<dyn Query> {
        if let Some(p) = q.downcast_ref::<tantivy::query::PhraseQuery>() {
            if p.field() != self.f().quote && !PhraseMatch::tantivy_is_safe(p) {
                return Box::new(PhraseMatch::of(p, Arc::clone(&self.budget)));
            }
            return q;
        }
        if let Some(b) = q.downcast_ref::<BooleanQuery>() {
            let clauses = b
                .clauses()
                .iter()
                .map(|(o, c)| (*o, self.budget_phrases(c.box_clone())))
                .collect();
            return Box::new(BooleanQuery::new(clauses));
        }
        q
    }

    /// `q` as a query over quote text, charged to this budget.
    pub(crate) fn quote_text(&self, q: &dyn Query, yields: Yield) -> Option<QuoteTextQuery> {
        let f = self.f();
        QuoteTextQuery::convert(q, f.quote, f.body, self.articles_term(), yields)
            .map(|t| t.with_budget(Arc::clone(&self.budget)))
    }

    /// The `--since`/`--until` range over `date`, if either is given.
    fn date_filter(
        &self,
        since: Option<&str>,
        until: Option<&str>,
    ) -> Result<Option<Box<dyn Query>>> {
        if since.is_none() && until.is_none() {
            return Ok(None);
        }
        let f = self.f();
        let lo = match since {
            Some(s) => Bound::Included(Term::from_field_date(f.date, parse::period_start(s)?)),
            None => Bound::Unbounded,
        };
        let hi = match until {
            Some(s) => Bound::Included(Term::from_field_date(f.date, parse::period_end(s)?)),
            None => Bound::Unbounded,
        };
        Ok(Some(Box::new(RangeQuery::new(lo, hi))))
    }

    /// Ranked (or date-sorted) addresses for a query, plus the total count.
    /// Ranked (or date-sorted) addresses for a query, plus the total count.
    fn top(
        &self,
        query: &dyn Query,
        limit: usize,
        offset: usize,
        sort: Sort,
    ) -> Result<(usize, Vec<(f32, DocAddress)>)> {
        if limit > MAX_LIMIT || offset > MAX_OFFSET {
            return Err(Error::BadArgument(format!(
                "limit {limit} and offset {offset}: at most {MAX_LIMIT} hits from at most \
                 {MAX_OFFSET} deep"
            )));
        }
        let top = TopDocs::with_limit(limit.max(1)).and_offset(offset);
        let query = Budgeted::new(query.box_clone(), Arc::clone(&self.budget));
        let (docs, total) = match sort {
            Sort::Relevance => {
                let (docs, total) = self
                    .searcher
                    .search(&query, &(top.order_by_score(), Count))?;
                (docs, total)
            }
            Sort::Date => {
                let (docs, total) = self.searcher.search(
                    &query,
                    &(
                        top.order_by_fast_field::<DateTime>("date", Order::Desc),
                        Count,
                    ),
                )?;
                (docs.into_iter().map(|(_, a)| (0.0, a)).collect(), total)
            }
        };
        self.budget.check()?;
        let docs = if limit == 0 { Vec::new() } else { docs };
        Ok((total, docs))
    }

    /// The article query of a search request: title and body by default, dates applied.
    fn article_query(&self, req: &SearchRequest) -> Result<(Box<dyn Query>, parse::Highlights)> {
        let f = self.f();
        let parsed = self.parse_user(&req.query, vec![f.title, f.body])?;
        let mut clauses: Vec<(Occur, Box<dyn Query>)> = Vec::new();
        let mut hl = parse::Highlights::default();
        let mut only_articles = false;
        if let Some((q, h)) = parsed {
            let q = self.quote_clauses_to_articles(q)?;
            // A query that can only match through an article-only field (every plain word
            // or phrase of a normal search) needs no `kind:article` clause: that clause is
            // a posting list as long as the corpus, intersected with every candidate.
            only_articles = needs_field(&*q, &[f.title, f.body, f.source, f.author]);
            clauses.push((Occur::Must, q));
            hl = h;
        }
        if !only_articles {
            clauses.push((Occur::Must, term_query(f.kind, KIND_ARTICLE)));
        }
        if let Some(d) = self.date_filter(req.since.as_deref(), req.until.as_deref())? {
            clauses.push((Occur::Must, d));
        }
        Ok((Box::new(BooleanQuery::new(clauses)), hl))
    }

    /// `quote:` in an article search means the articles with a quote whose words match.
    fn quote_clauses_to_articles(&self, q: Box<dyn Query>) -> Result<Box<dyn Query>> {
        let f = self.f();
        if !fields_named(&*q).contains(&f.quote) {
            return Ok(q);
        }
        if let Some(t) = self.quote_text(&*q, Yield::Articles) {
            return Ok(Box::new(t));
        }
        let Some(b) = q.downcast_ref::<BooleanQuery>() else {
            return Err(Error::BadQuery(quote_text::UNSUPPORTED.into()));
        };
        let clauses = b
            .clauses()
            .iter()
            .map(|(o, c)| Ok((*o, self.quote_clauses_to_articles(c.box_clone())?)))
            .collect::<Result<_>>()?;
        Ok(Box::new(BooleanQuery::new(clauses)))
    }

    /// The article document a quote document belongs to: its quotes directly follow it
    /// (see [`crate::index::schema`]), so it is the nearest document before the quote that
    /// has quotes, if they reach this far. Never by id: two records may share one.
    pub(crate) fn article_of_quote(&self, quote: DocAddress) -> Result<Option<DocAddress>> {
        let reader = self.searcher.segment_reader(quote.segment_ord);
        let count = reader.fast_fields().u64("quote_count")?;
        let mut doc = quote.doc_id;
        while doc > 0 {
            doc -= 1;
            let n = count.first(doc).unwrap_or(0);
            if n > 0 {
                let reaches = u64::from(doc) + n >= u64::from(quote.doc_id);
                return Ok(reaches.then_some(DocAddress::new(quote.segment_ord, doc)));
            }
        }
        Ok(None)
    }

    /// The quote documents of an article document, in the order they were added.
    pub(crate) fn quotes_of_article(&self, article: DocAddress) -> Result<Vec<DocAddress>> {
        let reader = self.searcher.segment_reader(article.segment_ord);
        let n = reader
            .fast_fields()
            .u64("quote_count")?
            .first(article.doc_id)
            .unwrap_or(0);
        let last = u64::from(reader.max_doc()).saturating_sub(1);
        let end = (u64::from(article.doc_id) + n).min(last) as u32;
        Ok((article.doc_id + 1..=end)
            .filter(|&d| reader.alive_bitset().is_none_or(|b| b.is_alive(d)))
            .map(|d| DocAddress::new(article.segment_ord, d))
            .collect())
    }

    fn articles_term(&self) -> Term {
        Term::from_field_text(self.f().kind, KIND_ARTICLE)
    }

    /// Full-text search over articles.
    pub fn search(&self, req: &SearchRequest) -> Result<SearchResults<ArticleHit>> {
        if req.query.trim().is_empty() {
            return Err(Error::BadQuery(
                "empty query: give words to search for, or * for every article".into(),
            ));
        }
        let f = self.f().clone();
        let (query, hl) = self.article_query(req)?;
        let (total, top) = self.top(&*query, req.limit, req.offset, req.sort)?;
        let mut analyzer = self
            .dir
            .index
            .tokenizers()
            .get(TOKENIZER)
            .ok_or_else(|| Error::BadQuery("tokenizer missing".into()))?;
        let phrases: Vec<&[String]> = hl
            .phrases
            .iter()
            .filter(|(field, _)| matches!(field.as_deref(), None | Some("body")))
            .map(|(_, p)| p.as_slice())
            .collect();
        let words: Vec<&str> = hl
            .words
            .iter()
            .filter(|(field, _)| matches!(field.as_deref(), None | Some("body")))
            .map(|(_, w)| w.as_str())
            .collect();
        let mut hits = Vec::with_capacity(top.len());
        for (score, addr) in top {
            let doc: TantivyDocument = self.searcher.doc(addr)?;
            let body = text_of(&doc, f.body).unwrap_or_default();
            let found = find_matches(&body, &mut analyzer, &phrases, &words);
            let snippet = make_snippet(&body, &found, 220);
            let matches = byte_spans_to_chars(&body, found.iter().map(|m| (m.start, m.end)));
            hits.push(ArticleHit {
                id: text_of(&doc, f.article_id).unwrap_or_default(),
                path: text_of(&doc, f.path).unwrap_or_default(),
                title: text_of(&doc, f.title),
                date: date_of(&doc, f.date),
                source: text_of(&doc, f.source),
                url: text_of(&doc, f.url).filter(|u| is_web_url(u)),
                score,
                snippet,
                matches,
            });
        }
        Ok(SearchResults { total, hits })
    }

    /// Top speakers (people quoted in the matching articles) and sources, with counts.
    pub fn facets(&self, req: &SearchRequest, size: usize) -> Result<Facets> {
        let (query, _) = self.article_query(req)?;
        let request = serde_json::json!({
            "speakers": {"terms": {"field": "article_speaker", "size": size}},
            "sources": {"terms": {"field": "source_key", "size": size}}
        });
        let aggs: tantivy::aggregation::agg_req::Aggregations = serde_json::from_value(request)
            .map_err(|e| Error::BadArgument(format!("internal aggregation request: {e}")))?;
        let collector =
            tantivy::aggregation::AggregationCollector::from_aggs(aggs, Default::default());
        let query = Budgeted::new(query, Arc::clone(&self.budget));
        let res = self.searcher.search(&query, &collector)?;
        self.budget.check()?;
        let json = serde_json::to_value(&res)
            .map_err(|e| Error::BadArgument(format!("aggregation result: {e}")))?;
        let buckets = |name: &str| -> Vec<FacetCount> {
            json[name]["buckets"]
                .as_array()
                .into_iter()
                .flatten()
                .map(|b| {
                    let key = b["key"].as_str().unwrap_or_default().to_string();
                    FacetCount {
                        value: key.clone(),
                        key,
                        count: b["doc_count"].as_u64().unwrap_or(0),
                    }
                })
                .collect()
        };
        let mut speakers = buckets("speakers");
        // An article document carries several speakers, so its names cannot label a key;
        // the quote documents of that key can.
        let keys: Vec<String> = speakers.iter().map(|s| s.key.clone()).collect();
        let keys: Vec<&str> = keys.iter().map(String::as_str).collect();
        for (s, name) in speakers.iter_mut().zip(self.display_names(&keys)?) {
            s.value = name;
        }
        Ok(Facets {
            speakers,
            sources: buckets("sources"),
        })
    }

    /// Counts for `quotebook stats`.
    pub fn stats(&self) -> Result<Stats> {
        let f = self.f();
        let count = |kind: &str| -> Result<usize> {
            Ok(self.searcher.search(&*term_query(f.kind, kind), &Count)?)
        };
        let info = self.dir.commit_info();
        Ok(Stats {
            articles: count(KIND_ARTICLE)?,
            quotes: count(KIND_QUOTE)?,
            files: count(KIND_FILE)?,
            speakers: self.distinct_speakers()?,
            people: self.people()?.rows.len(),
            index_bytes: self.dir.size_on_disk(),
            schema_version: crate::index::schema::SCHEMA_VERSION,
            updated: if info.updated.is_empty() {
                None
            } else {
                Some(info.updated)
            },
            roots: info.roots,
            path: self.dir.path.display().to_string(),
        })
    }

    /// Distinct speaker keys over quote documents, from the fast-field dictionary (no stored
    /// documents are read).
    fn distinct_speakers(&self) -> Result<usize> {
        let f = self.f();
        let mut keys = std::collections::HashSet::new();
        for reader in self.searcher.segment_readers() {
            let inverted = reader.inverted_index(f.speaker_key)?;
            let mut stream = inverted
                .terms()
                .stream()
                .map_err(|e| Error::io("reading speaker terms", e))?;
            while stream.advance() {
                keys.insert(stream.key().to_vec());
            }
        }
        Ok(keys.len())
    }
}

/// One facet value and how many matching articles have it.
#[derive(Debug, Clone, Serialize)]
pub struct FacetCount {
    /// What to show: the speaker's name or the source.
    pub value: String,
    /// What to filter by: the speaker key (for `--by`) or the source.
    pub key: String,
    pub count: u64,
}

/// Facet counts over all articles matching a search.
#[derive(Debug, Clone, Serialize)]
pub struct Facets {
    pub speakers: Vec<FacetCount>,
    pub sources: Vec<FacetCount>,
}

/// What `quotebook stats` reports.
#[derive(Debug, Clone, Serialize)]
pub struct Stats {
    pub path: String,
    pub articles: usize,
    pub quotes: usize,
    pub files: usize,
    /// Distinct speaker keys (names up to case, titles and middle initials).
    pub speakers: usize,
    /// Rows of the people table: people with all their names, and unlinked names.
    pub people: usize,
    pub index_bytes: u64,
    pub schema_version: u32,
    pub updated: Option<String>,
    pub roots: Vec<String>,
}

/// True when every document `q` matches must hold a term of one of `fields`. Conservative:
/// a query shape it does not know (ranges, regexes, boosts) counts as "no".
pub(crate) fn needs_field(q: &dyn Query, fields: &[tantivy::schema::Field]) -> bool {
    if let Some(b) = q.downcast_ref::<BooleanQuery>() {
        let clauses = |occur: Occur| {
            b.clauses()
                .iter()
                .filter(move |(o, _)| *o == occur)
                .map(|(_, c)| &**c)
        };
        if clauses(Occur::Must).next().is_some() {
            return clauses(Occur::Must).any(|c| needs_field(c, fields));
        }
        let mut shoulds = clauses(Occur::Should).peekable();
        return shoulds.peek().is_some() && shoulds.all(|c| needs_field(c, fields));
    }
    let known = q.is::<TermQuery>()
        || q.is::<tantivy::query::PhraseQuery>()
        || q.is::<PhraseMatch>()
        || q.is::<tantivy::query::TermSetQuery>();
    if !known {
        return false;
    }
    let mut any = false;
    let mut all = true;
    q.query_terms(&mut |term, _| {
        any = true;
        all &= fields.contains(&term.field());
    });
    any && all
}

/// The fields whose terms `q` names (ranges and other term-less queries name none).
pub(crate) fn fields_named(q: &dyn Query) -> Vec<tantivy::schema::Field> {
    let mut out = Vec::new();
    q.query_terms(&mut |term, _| {
        if !out.contains(&term.field()) {
            out.push(term.field());
        }
    });
    out
}

fn term_query(field: tantivy::schema::Field, value: &str) -> Box<dyn Query> {
    Box::new(TermQuery::new(
        Term::from_field_text(field, value),
        IndexRecordOption::Basic,
    ))
}

/// Whether an article's url may be shown as a link: http or https only. Article files are
/// untrusted; a `javascript:` or `data:` url is data, not a link.
pub fn is_web_url(url: &str) -> bool {
    let scheme = url.trim_start().split_once(':').map_or("", |(s, _)| s);
    scheme.eq_ignore_ascii_case("http") || scheme.eq_ignore_ascii_case("https")
}

pub(crate) fn text_of(doc: &TantivyDocument, field: tantivy::schema::Field) -> Option<String> {
    doc.get_first(field)
        .and_then(|v| v.as_str())
        .map(str::to_string)
}

pub(crate) fn date_of(doc: &TantivyDocument, field: tantivy::schema::Field) -> Option<String> {
    let d = doc.get_first(field).and_then(|v| v.as_datetime())?;
    Some(format_date(d))
}

/// `YYYY-MM-DD` when the time is midnight UTC (a date-only source), else RFC 3339.
pub fn format_date(d: DateTime) -> String {
    let dt = d.into_utc();
    if dt.time() == time::Time::MIDNIGHT {
        format!("{:04}-{:02}-{:02}", dt.year(), dt.month() as u8, dt.day())
    } else {
        dt.format(&time::format_description::well_known::Rfc3339)
            .unwrap_or_default()
    }
}

/// Convert sorted byte spans into code-point spans in one pass over the text.
fn byte_spans_to_chars(
    text: &str,
    spans: impl Iterator<Item = (usize, usize)>,
) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut byte = 0;
    let mut chars = 0;
    let mut to_char = |target: usize| {
        chars += text[byte..target].chars().count();
        byte = target;
        chars
    };
    for (s, e) in spans {
        let cs = to_char(s);
        let ce = to_char(e);
        out.push((cs, ce));
    }
    out
}

/// tantivy's parser errors, reworded for people.
fn describe_parse_error(e: &tantivy::query::QueryParserError) -> String {
    use tantivy::query::QueryParserError as E;
    match e {
        E::SyntaxError(s) => format!("syntax error near `{s}`"),
        E::FieldDoesNotExist(f) => format!("unknown field `{f}:`"),
        E::DateFormatError(_) => "bad date: use YYYY-MM-DD".to_string(),
        E::AllButQueryForbidden => {
            "a query cannot consist only of excluded words (-word): add a word to search for"
                .to_string()
        }
        E::FieldDoesNotHavePositionsIndexed(f) => format!("field `{f}` does not support phrases"),
        other => other.to_string(),
    }
}
