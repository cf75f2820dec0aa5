//! "What has this person said?": quote search by text and person, and the people list.
//!
//! People come from the people table ([`crate::people`]): `--by` resolves what the user
//! typed to rows of it (a full name to that person under every name linked to them, a
//! surname to everyone with it, grouped per person), and each row is a set of speaker-name
//! and speaker-form terms. Counts per person are counted under the request's filters;
//! the list of people and their variants comes from the table itself.

use super::quote_text::{QuoteTextQuery, Yield};
use super::tally::{self, TermCounts};
use super::{date_of, term_query, text_of, Searchable, Sort};
use crate::error::{Error, Result};
use crate::identity;
use crate::index::schema::KIND_QUOTE;
use crate::people::{Link, People, RowKind};
use serde::Serialize;
use std::collections::HashMap;
use tantivy::query::{BooleanQuery, EmptyQuery, Occur, Query, TermSetQuery};
use tantivy::{TantivyDocument, Term};

/// A search over quotes.
#[derive(Debug, Clone, Default)]
pub struct QuoteRequest {
    /// Query over quote text (same syntax as `search`; empty = every quote).
    pub query: String,
    /// Speaker name as a person would type it.
    pub by: Option<String>,
    /// A person's id in the people table (`barbara-mikulski`): exactly that row.
    pub person: Option<String>,
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
    /// The speaker's name as the article gave it.
    pub speaker: Option<String>,
    pub speaker_key: Option<String>,
    /// The person of the people table the quote belongs to.
    pub person: Option<PersonRef>,
    /// How `speaker` was linked to `person` (`null`: the row is the name itself).
    pub link: Option<Link>,
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

/// A person of the people table: stable id and display name.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct PersonRef {
    pub id: String,
    pub name: String,
}

/// The people a `--by` name matched, with how many quotes each has under the other filters.
#[derive(Debug, Clone, Serialize)]
pub struct SpeakerMatch {
    /// Person id (`--person`, `/api/quotes?person=`).
    pub id: String,
    pub name: String,
    pub kind: RowKind,
    pub quotes: usize,
}

#[derive(Debug, Clone, Serialize)]
pub struct QuoteResults {
    pub total: usize,
    /// Grouped by person when `--by` matched several (most quoted first), else one group.
    pub people: Vec<SpeakerMatch>,
    pub hits: Vec<QuoteHit>,
    /// Quotes under the same surname that no evidence links to the person asked for.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub unlinked: Option<Unlinked>,
}

/// Quotes under a surname alone that may be a person's but are not linked to them.
#[derive(Debug, Clone, Serialize)]
pub struct Unlinked {
    /// The surname row's id and name (`kennedy`, `Kennedy`).
    pub id: String,
    pub name: String,
    pub quotes: u64,
    /// People in the table with that surname.
    pub people: usize,
}

/// One name a person was written as.
#[derive(Debug, Clone, Serialize)]
pub struct VariantCount {
    pub name: String,
    pub quotes: u64,
    pub link: Option<Link>,
}

/// One row of `quotebook speakers`: a person with every name linked to them.
#[derive(Debug, Clone, Serialize)]
pub struct SpeakerRow {
    /// Person id (stable across runs while the evidence holds).
    pub id: String,
    pub name: String,
    /// `person`, `ambiguous` (a name fitting several people), `surname` (a surname no
    /// evidence links to one person) or `name`.
    pub kind: RowKind,
    pub quotes: u64,
    pub articles: u64,
    pub first_date: Option<String>,
    pub last_date: Option<String>,
    /// Names as the articles wrote them, with quotes and how they were linked, most quoted
    /// first.
    pub variants: Vec<VariantCount>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub unlinked: Option<Unlinked>,
}

impl Searchable {
    /// The filters of a quote request without `--by`: query text, dates, source.
    fn quote_base(&self, req: &QuoteRequest) -> Result<Box<dyn Query>> {
        let f = self.f();
        let mut clauses: Vec<(Occur, Box<dyn Query>)> = Vec::new();
        if let Some((q, _)) = self.parse_user(&req.query, vec![f.quote])? {
            clauses.extend(self.split_quote_query(q)?);
        }
        // Quote text yields quote documents only; without it, `kind:quote` (a posting list
        // as long as all the quotes) must say so.
        let has_text = clauses
            .iter()
            .any(|(o, c)| *o == Occur::Must && c.is::<QuoteTextQuery>());
        if !has_text {
            clauses.push((Occur::Must, term_query(f.kind, KIND_QUOTE)));
        }
        if let Some(d) = self.date_filter(req.since.as_deref(), req.until.as_deref())? {
            clauses.push((Occur::Must, d));
        }
        if let Some(src) = req.source.as_deref() {
            clauses.push((Occur::Must, self.source_query(src)?));
        }
        Ok(Box::new(BooleanQuery::new(clauses)))
    }

    /// Quote documents index neither their words nor their article's fields, so a quote
    /// query is split three ways: the words of the quote (`quote:`, the default field) run
    /// over the body's postings ([`QuoteTextQuery`]); `title:`, `body:`, `source:` and
    /// `author:` restrict the articles as a whole, joined by article id; the rest
    /// (`speaker:`, `date:`) filters the quote documents themselves. Only AND and `-` can
    /// join parts of different kinds.
    fn split_quote_query(&self, q: Box<dyn Query>) -> Result<Vec<(Occur, Box<dyn Query>)>> {
        let f = self.f();
        let article_fields = [f.title, f.body, f.source, f.author];
        let text = |q: &dyn Query| -> Option<Box<dyn Query>> {
            let t = self.quote_text(q, Yield::Quotes)?;
            Some(Box::new(t))
        };
        let on_articles = |q: &dyn Query| {
            let fields = super::fields_named(q);
            !fields.is_empty() && fields.iter().all(|x| article_fields.contains(x))
        };
        let on_quotes = |q: &dyn Query| {
            super::fields_named(q)
                .iter()
                .all(|x| *x != f.quote && !article_fields.contains(x))
        };
        // Why a part cannot be answered: quote text of a form it does not take, or quote
        // text joined to other fields by OR.
        let refuse = |q: &dyn Query| {
            let fields = super::fields_named(q);
            Error::BadQuery(if fields.iter().all(|x| *x == f.quote) {
                super::quote_text::UNSUPPORTED.into()
            } else {
                "in a quote search, the quote's words, title:/body:/source:/author: and \
                 speaker:/date: can only be combined by AND or -, not by OR"
                    .into()
            })
        };
        if let Some(t) = text(&*q) {
            return Ok(vec![(Occur::Must, t)]);
        }
        if on_articles(&*q) {
            return Ok(vec![(
                Occur::Must,
                self.article_ids_query(vec![(Occur::Must, q)])?,
            )]);
        }
        if on_quotes(&*q) {
            return Ok(vec![(Occur::Must, q)]);
        }
        let Some(b) = q.downcast_ref::<BooleanQuery>() else {
            return Err(refuse(&*q));
        };
        let mut out = Vec::new();
        let mut article_side = Vec::new();
        for (occur, clause) in b.clauses() {
            let clause = &**clause;
            if *occur == Occur::Should {
                // Should clauses beside Must ones only rank; split from their Must
                // partners they would start to filter.
                return Err(refuse(&*q));
            }
            if let Some(t) = text(clause) {
                out.push((*occur, t));
            } else if on_articles(clause) {
                article_side.push((*occur, clause.box_clone()));
            } else if on_quotes(clause) {
                out.push((*occur, clause.box_clone()));
            } else {
                return Err(refuse(clause));
            }
        }
        if !article_side.is_empty() {
            out.push((Occur::Must, self.article_ids_query(article_side)?));
        }
        Ok(out)
    }

    /// Quote documents of the articles matching `clauses`.
    fn article_ids_query(
        &self,
        mut clauses: Vec<(Occur, Box<dyn Query>)>,
    ) -> Result<Box<dyn Query>> {
        let f = self.f();
        clauses.push((
            Occur::Must,
            term_query(f.kind, crate::index::schema::KIND_ARTICLE),
        ));
        let ids = self
            .searcher
            .search(&BooleanQuery::new(clauses), &TermCounts::new("article_id"))?;
        if ids.is_empty() {
            return Ok(Box::new(EmptyQuery));
        }
        let terms = ids
            .into_keys()
            .map(|id| Term::from_field_text(f.article_id, &id));
        Ok(Box::new(TermSetQuery::new(terms)))
    }

    /// Quotes matching the request.
    pub fn quotes(&self, req: &QuoteRequest) -> Result<QuoteResults> {
        let base = self.quote_base(req)?;
        let people = self.people()?;
        let rows: Vec<usize> = if let Some(id) = req.person.as_deref() {
            people.by_id(id).into_iter().collect()
        } else if let Some(by) = req.by.as_deref() {
            if identity::speaker_key(by).is_empty() {
                return Err(Error::BadArgument(format!(
                    "--by `{by}` contains no name to look for"
                )));
            }
            people.resolve(by)
        } else {
            let (total, top) = self.top(&*base, req.limit, req.offset, req.sort)?;
            let hits = self.quote_hits(top, &people)?;
            return Ok(QuoteResults {
                total,
                people: Vec::new(),
                hits,
                unlinked: None,
            });
        };
        // Each person's quotes under the filters, so that each person's quotes form a group.
        let mut groups: Vec<(usize, Box<dyn Query>, usize)> = Vec::new();
        for r in rows {
            let q: Box<dyn Query> = Box::new(BooleanQuery::new(vec![
                (Occur::Must, base.box_clone()),
                (Occur::Must, people.row_query(r, self.f())),
            ]));
            let n = self.searcher.search(&*q, &tantivy::collector::Count)?;
            if n > 0 {
                groups.push((r, q, n));
            }
        }
        groups.sort_by(|a, b| b.2.cmp(&a.2).then(a.0.cmp(&b.0)));
        let total = groups.iter().map(|g| g.2).sum();
        let mut hits = Vec::new();
        let mut matches = Vec::new();
        let mut skip = req.offset;
        for (r, q, count) in &groups {
            let row = &people.rows[*r];
            matches.push(SpeakerMatch {
                id: row.id.clone(),
                name: row.name.clone(),
                kind: row.kind,
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
            hits.extend(self.quote_hits(top, &people)?);
        }
        // One person asked for by name: say what their surname alone holds unlinked.
        let unlinked = match matches.as_slice() {
            [one] if one.kind == RowKind::Person => {
                people.by_id(&one.id).and_then(|r| unlinked_of(&people, r))
            }
            _ => None,
        };
        Ok(QuoteResults {
            total,
            people: matches,
            hits,
            unlinked,
        })
    }

    /// Quotes whose article's source contains the words of `source` in order, so that
    /// `--source "senate"` matches "U.S. Senate press release". Quote documents carry only
    /// the exact source (`source_key`); the handful of distinct sources is matched here
    /// with the index's own analyzer, as a phrase over the source text would match.
    fn source_query(&self, source: &str) -> Result<Box<dyn Query>> {
        let f = self.f();
        let mut analyzer = self
            .dir
            .index
            .tokenizer_for_field(f.source)
            .map_err(Error::Tantivy)?;
        let mut tokens = |text: &str| -> Vec<(String, usize)> {
            let mut stream = analyzer.token_stream(text);
            let mut out = Vec::new();
            while let Some(t) = stream.next() {
                out.push((t.text.clone(), t.position));
            }
            out
        };
        let wanted: Vec<String> = tokens(source).into_iter().map(|(t, _)| t).collect();
        if wanted.is_empty() {
            return Err(Error::BadArgument("--source needs a word".into()));
        }
        let mut keys: Vec<String> = Vec::new();
        for reader in self.searcher.segment_readers() {
            let inverted = reader.inverted_index(f.source_key)?;
            let mut stream = inverted
                .terms()
                .stream()
                .map_err(|e| Error::io("reading source terms", e))?;
            while stream.advance() {
                let key = String::from_utf8_lossy(stream.key()).into_owned();
                let have = tokens(&key);
                // Consecutive positions, as a phrase query demands.
                let found = have.windows(wanted.len()).any(|w| {
                    w.iter().zip(&wanted).all(|((t, _), want)| t == want)
                        && w.windows(2).all(|p| p[1].1 == p[0].1 + 1)
                });
                if found && !keys.contains(&key) {
                    keys.push(key);
                }
            }
        }
        if keys.is_empty() {
            return Ok(Box::new(EmptyQuery));
        }
        Ok(Box::new(TermSetQuery::new(
            keys.iter().map(|k| Term::from_field_text(f.source_key, k)),
        )))
    }

    /// The most common display name stored under each key (ties: the first in sort order).
    /// All keys at once: names are looked up in one pass over each segment's dictionary.
    pub(crate) fn display_names(&self, keys: &[&str]) -> Result<Vec<String>> {
        let details = tally::speaker_details(&self.searcher, self.f().speaker_key, keys)?;
        Ok(details
            .into_iter()
            .zip(keys)
            .map(|(d, key)| {
                d.names
                    .into_iter()
                    .next()
                    .map_or_else(|| key.to_string(), |(name, _)| name)
            })
            .collect())
    }

    fn quote_hits(
        &self,
        top: Vec<(f32, tantivy::DocAddress)>,
        people: &People,
    ) -> Result<Vec<QuoteHit>> {
        let f = self.f();
        let mut articles: HashMap<Option<tantivy::DocAddress>, Option<ArticleParts>> =
            HashMap::new();
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
            // By position, not by id: a quote's offsets are into its own article's body.
            let at = self.article_of_quote(addr)?;
            if let std::collections::hash_map::Entry::Vacant(slot) = articles.entry(at) {
                let doc = match at {
                    Some(a) => Some(self.searcher.doc::<TantivyDocument>(a)?),
                    None => None,
                };
                let parts = doc.map(|d| ArticleParts {
                    title: text_of(&d, f.title),
                    source: text_of(&d, f.source),
                    path: text_of(&d, f.path).unwrap_or_default(),
                    body: text_of(&d, f.body).unwrap_or_default(),
                });
                slot.insert(parts);
            }
            let article = articles.get(&at).and_then(|a| a.as_ref());
            let (quote, context) = match article {
                Some(a) => {
                    let (s, e) = (start as usize, end as usize);
                    let quote: String = a.body.chars().skip(s).take(e.saturating_sub(s)).collect();
                    (quote, context_around(&a.body, s, e))
                }
                None => (String::new(), String::new()),
            };
            let speaker = text_of(&doc, f.speaker);
            let speaker_mention = text_of(&doc, f.speaker_mention);
            let speaker_title = text_of(&doc, f.speaker_title);
            let linked = speaker.as_deref().and_then(|name| {
                people.row_of_quote(
                    name,
                    speaker_title.as_deref(),
                    speaker_mention.as_deref(),
                    &article_id,
                )
            });
            hits.push(QuoteHit {
                quote,
                speaker_key: speaker.as_deref().map(identity::speaker_key),
                speaker,
                person: linked.map(|(r, _)| PersonRef {
                    id: people.rows[r].id.clone(),
                    name: people.rows[r].name.clone(),
                }),
                link: linked.and_then(|(_, l)| l),
                speaker_mention,
                speaker_title,
                cue: text_of(&doc, f.cue),
                article_id,
                title: article.and_then(|a| a.title.clone()),
                date: date_of(&doc, f.date),
                source: article.and_then(|a| a.source.clone()),
                path: article.map(|a| a.path.clone()).unwrap_or_default(),
                start,
                end,
                context,
                score,
            });
        }
        Ok(hits)
    }

    /// People with counts, date ranges and the names they were written as, most quoted
    /// first. `filter` is a name prefix (any word of any of a person's names may start
    /// with it) or, with `exact`, a person id.
    pub fn speaker_rows(
        &self,
        filter: Option<&str>,
        exact: bool,
        limit: usize,
    ) -> Result<Vec<SpeakerRow>> {
        let people = self.people()?;
        let limit = limit.clamp(1, 60_000);
        let rows: Vec<usize> = match filter {
            Some(id) if exact => people.by_id(id).into_iter().collect(),
            Some(prefix) => {
                let k = identity::speaker_key(prefix);
                if k.is_empty() {
                    Vec::new()
                } else {
                    people.with_word_prefix(&k, limit)
                }
            }
            None => (0..people.rows.len().min(limit)).collect(),
        };
        Ok(rows
            .into_iter()
            .take(limit)
            .map(|r| speaker_row(&people, r))
            .collect())
    }
}

/// A person page: the person's row, and their quotes per month.
#[derive(Debug, Clone, Serialize)]
pub struct PersonView {
    #[serde(flatten)]
    pub row: SpeakerRow,
    /// Quotes per calendar month (`YYYY-MM`), over all of the person's dated quotes, in
    /// month order; months without quotes are left out.
    pub months: Vec<MonthCount>,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct MonthCount {
    pub month: String,
    pub quotes: u64,
}

impl Searchable {
    /// The person with this id, with their quotes per month counted over all of them.
    pub fn person(&self, id: &str) -> Result<Option<PersonView>> {
        let people = self.people()?;
        let Some(r) = people.by_id(id) else {
            return Ok(None);
        };
        let q = people.row_query(r, self.f());
        let months = self.searcher.search(&*q, &tally::MonthCounts)?;
        Ok(Some(PersonView {
            row: speaker_row(&people, r),
            months: months
                .into_iter()
                .map(|((y, m), n)| MonthCount {
                    month: format!("{y:04}-{m:02}"),
                    quotes: n,
                })
                .collect(),
        }))
    }
}

/// The surname row of person `r`'s surname, if quotes there could not be linked.
fn unlinked_of(people: &People, r: usize) -> Option<Unlinked> {
    let namesakes = people.unlinked_namesakes(r);
    let o = *namesakes.first()?;
    let row = &people.rows[o];
    Some(Unlinked {
        id: row.id.clone(),
        name: row.name.clone(),
        quotes: namesakes.iter().map(|&o| people.rows[o].quotes).sum(),
        people: people.people_with_surname(&row.surname),
    })
}

/// One row of the people table as `speakers` shows it.
pub(crate) fn speaker_row(people: &People, r: usize) -> SpeakerRow {
    let row = &people.rows[r];
    let date = |secs: Option<i64>| {
        secs.map(|s| super::format_date(tantivy::DateTime::from_timestamp_secs(s)))
    };
    SpeakerRow {
        id: row.id.clone(),
        name: row.name.clone(),
        kind: row.kind,
        quotes: row.quotes,
        articles: row.articles,
        first_date: date(row.first),
        last_date: date(row.last),
        variants: row
            .variants
            .iter()
            .map(|v| VariantCount {
                name: v.name.clone(),
                quotes: v.quotes,
                link: v.link,
            })
            .collect(),
        unlinked: unlinked_of(people, r),
    }
}

/// What a quote hit shows of its article.
struct ArticleParts {
    title: Option<String>,
    source: Option<String>,
    path: String,
    body: String,
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
        let quote_docs = self.quotes_of_article(*addr)?;
        let people = self.people()?;
        let mut quotes =
            self.quote_hits(quote_docs.into_iter().map(|a| (0.0, a)).collect(), &people)?;
        quotes.sort_by_key(|q| q.start);
        Ok(Some(ArticleView {
            id: id.to_string(),
            path: text_of(&doc, f.path).unwrap_or_default(),
            title: text_of(&doc, f.title),
            date: date_of(&doc, f.date),
            source: text_of(&doc, f.source),
            url: text_of(&doc, f.url).filter(|u| super::is_web_url(u)),
            author: text_of(&doc, f.author),
            body: text_of(&doc, f.body).unwrap_or_default(),
            quotes,
        }))
    }
}
