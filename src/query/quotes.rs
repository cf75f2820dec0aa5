//! "What has this person said?": quote search by text and speaker, and the speaker list.
//!
//! Speakers are matched by key ([`crate::identity::speaker_key`]): a full name restricts to
//! that person; a single word is a surname (or a one-word name such as an organisation) and
//! finds every person who has it, grouped per person. Keys come from the term dictionary
//! of `speaker_key`, never from stored documents.

use super::{date_of, term_query, text_of, Searchable, Sort};
use crate::error::{Error, Result};
use crate::identity;
use crate::index::schema::KIND_QUOTE;
use serde::Serialize;
use std::collections::HashMap;
use tantivy::aggregation::agg_req::Aggregations;
use tantivy::aggregation::agg_result::AggregationResults;
use tantivy::aggregation::AggregationCollector;
use tantivy::collector::Count;
use tantivy::query::{BooleanQuery, Occur, PhraseQuery, Query, RegexQuery, TermQuery};
use tantivy::schema::IndexRecordOption;
use tantivy::{TantivyDocument, Term};

/// A search over quotes.
#[derive(Debug, Clone, Default)]
pub struct QuoteRequest {
    /// Query over quote text (same syntax as `search`; empty = every quote).
    pub query: String,
    /// Speaker name as a person would type it.
    pub by: Option<String>,
    pub since: Option<String>,
    pub until: Option<String>,
    /// Words of the source name, e.g. `wikinews`.
    pub source: Option<String>,
    pub limit: usize,
    pub offset: usize,
    pub sort: Sort,
}

/// One quote with its context.
#[derive(Debug, Clone, Serialize)]
pub struct QuoteHit {
    pub quote: String,
    pub speaker: Option<String>,
    pub speaker_key: Option<String>,
    pub speaker_mention: Option<String>,
    pub speaker_title: Option<String>,
    pub cue: Option<String>,
    pub article_id: String,
    pub title: Option<String>,
    pub date: Option<String>,
    pub source: Option<String>,
    pub path: String,
    /// Code-point offsets of the quote in the article text.
    pub start: u64,
    pub end: u64,
    /// The sentence(s) around the quote.
    pub context: String,
    pub score: f32,
}

/// The people a `--by` name matched, with how many quotes each has under the other filters.
#[derive(Debug, Clone, Serialize)]
pub struct SpeakerMatch {
    pub key: String,
    pub name: String,
    pub quotes: usize,
}

#[derive(Debug, Clone, Serialize)]
pub struct QuoteResults {
    pub total: usize,
    /// Grouped by person when `--by` matched several (most quoted first), else one group.
    pub people: Vec<SpeakerMatch>,
    pub hits: Vec<QuoteHit>,
}

/// One row of `quotebook speakers`.
#[derive(Debug, Clone, Serialize)]
pub struct SpeakerRow {
    pub key: String,
    pub name: String,
    pub quotes: u64,
    pub articles: u64,
    pub first_date: Option<String>,
    pub last_date: Option<String>,
    /// Names as the articles wrote them (after in-article resolution), most frequent first.
    pub variants: Vec<String>,
}

impl Searchable {
    /// Speaker keys a user-typed name stands for.
    pub fn resolve_speaker(&self, name: &str) -> Result<Vec<String>> {
        let key = identity::speaker_key(name);
        if key.is_empty() {
            return Err(Error::BadArgument(format!(
                "--by `{name}` contains no name to look for"
            )));
        }
        let f = self.f();
        let mut keys = Vec::new();
        if key.contains(' ') {
            keys.push(key);
        } else {
            // A single word: every key that is that word, or ends in it as a surname.
            for reader in self.searcher.segment_readers() {
                let inverted = reader.inverted_index(f.speaker_key)?;
                let mut stream = inverted
                    .terms()
                    .stream()
                    .map_err(|e| Error::io("reading speaker terms", e))?;
                while stream.advance() {
                    let Ok(term) = std::str::from_utf8(stream.key()) else {
                        continue;
                    };
                    if term == key || identity::surname_of(term) == key {
                        keys.push(term.to_string());
                    }
                }
            }
            keys.sort();
            keys.dedup();
        }
        Ok(keys)
    }

    /// Quotes matching the request.
    pub fn quotes(&self, req: &QuoteRequest) -> Result<QuoteResults> {
        let f = self.f().clone();
        let (base, _) = self.build_query(
            KIND_QUOTE,
            &req.query,
            vec![f.quote],
            req.since.as_deref(),
            req.until.as_deref(),
        )?;
        let mut base_clauses: Vec<(Occur, Box<dyn Query>)> = vec![(Occur::Must, base)];
        if let Some(src) = req.source.as_deref() {
            base_clauses.push((Occur::Must, self.source_query(src)?));
        }
        let base: Box<dyn Query> = Box::new(BooleanQuery::new(base_clauses));

        let Some(by) = req.by.as_deref() else {
            let (total, top) = self.top(&*base, req.limit, req.offset, req.sort)?;
            let hits = self.quote_hits(top)?;
            return Ok(QuoteResults {
                total,
                people: Vec::new(),
                hits,
            });
        };

        // One query per person, so that each person's quotes form a group.
        let mut people = Vec::new();
        for key in self.resolve_speaker(by)? {
            let q = self.with_speaker(&base, &key);
            let count = self.searcher.search(&*q, &Count)?;
            if count > 0 {
                people.push((key, q, count));
            }
        }
        people.sort_by(|a, b| b.2.cmp(&a.2).then(a.0.cmp(&b.0)));
        let total = people.iter().map(|p| p.2).sum();
        let mut hits = Vec::new();
        let mut matches = Vec::new();
        let mut skip = req.offset;
        for (key, q, count) in &people {
            let name = self.display_name(key)?;
            matches.push(SpeakerMatch {
                key: key.clone(),
                name,
                quotes: *count,
            });
            if skip >= *count {
                skip -= count;
                continue;
            }
            let want = req.limit.saturating_sub(hits.len());
            if want == 0 {
                continue;
            }
            let (_, top) = self.top(&**q, want, skip, req.sort)?;
            skip = 0;
            hits.extend(self.quote_hits(top)?);
        }
        Ok(QuoteResults {
            total,
            people: matches,
            hits,
        })
    }

    fn with_speaker(&self, base: &dyn Query, key: &str) -> Box<dyn Query> {
        Box::new(BooleanQuery::new(vec![
            (Occur::Must, base.box_clone()),
            (Occur::Must, term_query(self.f().speaker_key, key)),
        ]))
    }

    /// Phrase over the tokenized source field, so `--source "senate"` matches
    /// "U.S. Senate press release".
    fn source_query(&self, source: &str) -> Result<Box<dyn Query>> {
        let f = self.f();
        let mut analyzer = self
            .dir
            .index
            .tokenizer_for_field(f.source)
            .map_err(Error::Tantivy)?;
        let mut stream = analyzer.token_stream(source);
        let mut terms = Vec::new();
        while let Some(t) = stream.next() {
            terms.push(Term::from_field_text(f.source, &t.text));
        }
        Ok(match terms.len() {
            0 => return Err(Error::BadArgument("--source needs a word".into())),
            1 => Box::new(TermQuery::new(
                terms.remove(0),
                IndexRecordOption::WithFreqs,
            )),
            _ => Box::new(PhraseQuery::new(terms)),
        })
    }

    /// The most common display name stored under a key.
    pub(crate) fn display_name(&self, key: &str) -> Result<String> {
        let rows = self.speaker_rows(Some(key), true, 1)?;
        Ok(rows
            .into_iter()
            .next()
            .map(|r| r.name)
            .unwrap_or_else(|| key.to_string()))
    }

    fn quote_hits(&self, top: Vec<(f32, tantivy::DocAddress)>) -> Result<Vec<QuoteHit>> {
        let f = self.f();
        let mut bodies: HashMap<String, Option<String>> = HashMap::new();
        let mut hits = Vec::with_capacity(top.len());
        for (score, addr) in top {
            let doc: TantivyDocument = self.searcher.doc(addr)?;
            let num = |field| {
                doc.get_first(field)
                    .and_then(|v| tantivy::schema::Value::as_u64(&v))
                    .unwrap_or(0)
            };
            let article_id = text_of(&doc, f.article_id).unwrap_or_default();
            let (start, end) = (num(f.start), num(f.end));
            if !bodies.contains_key(&article_id) {
                let body = self.article_body(&article_id)?;
                bodies.insert(article_id.clone(), body);
            }
            let context = bodies
                .get(&article_id)
                .and_then(|b| b.as_deref())
                .map(|b| context_around(b, start as usize, end as usize))
                .unwrap_or_default();
            hits.push(QuoteHit {
                quote: text_of(&doc, f.quote).unwrap_or_default(),
                speaker: text_of(&doc, f.speaker),
                speaker_key: text_of(&doc, f.speaker_key),
                speaker_mention: text_of(&doc, f.speaker_mention),
                speaker_title: text_of(&doc, f.speaker_title),
                cue: text_of(&doc, f.cue),
                article_id,
                title: text_of(&doc, f.title),
                date: date_of(&doc, f.date),
                source: text_of(&doc, f.source),
                path: text_of(&doc, f.path).unwrap_or_default(),
                start,
                end,
                context,
                score,
            });
        }
        Ok(hits)
    }

    fn article_body(&self, article_id: &str) -> Result<Option<String>> {
        let f = self.f();
        let q = BooleanQuery::new(vec![
            (
                Occur::Must,
                term_query(f.kind, crate::index::schema::KIND_ARTICLE),
            ),
            (Occur::Must, term_query(f.article_id, article_id)),
        ]);
        let top = self.searcher.search(
            &q,
            &tantivy::collector::TopDocs::with_limit(1).order_by_score(),
        )?;
        match top.first() {
            Some((_, addr)) => {
                let doc: TantivyDocument = self.searcher.doc(*addr)?;
                Ok(text_of(&doc, f.body))
            }
            None => Ok(None),
        }
    }

    /// Speakers with counts and date ranges, from aggregations over fast fields.
    /// `filter` is a key prefix (any word of the key may start with it) or, with `exact`, a
    /// whole key.
    pub fn speaker_rows(
        &self,
        filter: Option<&str>,
        exact: bool,
        limit: usize,
    ) -> Result<Vec<SpeakerRow>> {
        let f = self.f();
        let mut clauses: Vec<(Occur, Box<dyn Query>)> =
            vec![(Occur::Must, term_query(f.kind, KIND_QUOTE))];
        if let Some(p) = filter {
            if exact {
                clauses.push((Occur::Must, term_query(f.speaker_key, p)));
            } else {
                let folded = identity::speaker_key(p);
                if !folded.is_empty() {
                    let pattern = format!("(.* )?{}.*", regex_escape(&folded));
                    let rq = RegexQuery::from_pattern(&pattern, f.speaker_key)
                        .map_err(|e| Error::BadArgument(format!("bad prefix `{p}`: {e}")))?;
                    clauses.push((Occur::Must, Box::new(rq)));
                }
            }
        }
        let query = BooleanQuery::new(clauses);
        let size = limit.clamp(1, 60_000);
        let request = serde_json::json!({
            "speakers": {
                "terms": {"field": "speaker_key", "size": size, "order": {"_count": "desc"}},
                "aggs": {
                    "first": {"min": {"field": "date"}},
                    "last": {"max": {"field": "date"}},
                    "articles": {"cardinality": {"field": "article_id"}},
                    "names": {"terms": {"field": "speaker_name", "size": 8}}
                }
            }
        });
        let aggs: Aggregations = serde_json::from_value(request)
            .map_err(|e| Error::BadArgument(format!("internal aggregation request: {e}")))?;
        let collector = AggregationCollector::from_aggs(aggs, Default::default());
        let res: AggregationResults = self.searcher.search(&query, &collector)?;
        let json = serde_json::to_value(&res)
            .map_err(|e| Error::BadArgument(format!("aggregation result: {e}")))?;
        let mut rows = Vec::new();
        for b in json["speakers"]["buckets"].as_array().into_iter().flatten() {
            let key = b["key"].as_str().unwrap_or_default().to_string();
            let variants: Vec<String> = b["names"]["buckets"]
                .as_array()
                .into_iter()
                .flatten()
                .filter_map(|n| n["key"].as_str().map(str::to_string))
                .collect();
            let date = |v: &serde_json::Value| -> Option<String> {
                let nanos = v["value"].as_f64()?;
                let dt = tantivy::DateTime::from_timestamp_nanos(nanos as i64);
                Some(super::format_date(dt))
            };
            rows.push(SpeakerRow {
                name: variants.first().cloned().unwrap_or_else(|| key.clone()),
                key,
                quotes: b["doc_count"].as_u64().unwrap_or(0),
                articles: b["articles"]["value"].as_f64().unwrap_or(0.0).round() as u64,
                first_date: date(&b["first"]),
                last_date: date(&b["last"]),
                variants,
            });
        }
        Ok(rows)
    }
}

fn regex_escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if "\\.+*?()|[]{}^$#&-~".contains(c) {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// The sentence(s) containing code points `start..end` of `text`, trimmed to a few hundred
/// characters, on one line.
pub fn context_around(text: &str, start: usize, end: usize) -> String {
    let chars: Vec<char> = text.chars().collect();
    let (start, end) = (start.min(chars.len()), end.min(chars.len()));
    let is_break = |i: usize| chars[i] == '\n';
    let mut a = start;
    while a > 0 && !is_break(a - 1) && start - a < 300 {
        // Stop after a sentence end that precedes the quote's opening mark.
        if a >= 2 && matches!(chars[a - 2], '.' | '!' | '?') && chars[a - 1] == ' ' {
            break;
        }
        a -= 1;
    }
    let mut b = end;
    while b < chars.len() && !is_break(b) && b - end < 300 {
        b += 1;
        if matches!(chars[b - 1], '.' | '!' | '?') && b > end + 1 {
            // Include a closing quotation mark right after the sentence end.
            while b < chars.len() && matches!(chars[b], '"' | '”' | '’' | '\'' | '»') {
                b += 1;
            }
            break;
        }
    }
    let s: String = chars[a..b].iter().collect();
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::context_around;

    #[test]
    fn context_is_the_sentence_around() {
        let t = "First sentence here. “We will win,” she said. Another one.";
        let s = t.find("We").unwrap();
        let start = t[..s].chars().count();
        let end = start + "We will win,".chars().count();
        assert_eq!(context_around(t, start, end), "“We will win,” she said.");
    }
}

/// One article with all of its quotes, for an article view.
#[derive(Debug, Clone, Serialize)]
pub struct ArticleView {
    pub id: String,
    pub path: String,
    pub title: Option<String>,
    pub date: Option<String>,
    pub source: Option<String>,
    pub url: Option<String>,
    pub author: Option<String>,
    /// The article text as indexed (furniture blanked); quote offsets are code points into it.
    pub body: String,
    pub quotes: Vec<QuoteHit>,
}

impl Searchable {
    /// The article with this id and its quotes in reading order, or `None`.
    pub fn article(&self, id: &str) -> Result<Option<ArticleView>> {
        let f = self.f().clone();
        let by_kind = |kind: &str| -> Box<dyn Query> {
            Box::new(BooleanQuery::new(vec![
                (Occur::Must, term_query(f.kind, kind)),
                (Occur::Must, term_query(f.article_id, id)),
            ]))
        };
        let top = self.searcher.search(
            &*by_kind(crate::index::schema::KIND_ARTICLE),
            &tantivy::collector::TopDocs::with_limit(1).order_by_score(),
        )?;
        let Some((_, addr)) = top.first() else {
            return Ok(None);
        };
        let doc: TantivyDocument = self.searcher.doc(*addr)?;
        let quote_docs = self
            .searcher
            .search(&*by_kind(KIND_QUOTE), &tantivy::collector::DocSetCollector)?;
        let mut quotes = self.quote_hits(quote_docs.into_iter().map(|a| (0.0, a)).collect())?;
        quotes.sort_by_key(|q| q.start);
        Ok(Some(ArticleView {
            id: id.to_string(),
            path: text_of(&doc, f.path).unwrap_or_default(),
            title: text_of(&doc, f.title),
            date: date_of(&doc, f.date),
            source: text_of(&doc, f.source),
            url: text_of(&doc, f.url),
            author: text_of(&doc, f.author),
            body: text_of(&doc, f.body).unwrap_or_default(),
            quotes,
        }))
    }
}
