//! Queries over the words of quotes, answered from the article body's postings.
//!
//! Quote documents do not index their words (see [`crate::index::schema`]): a quote is its
//! article's body between two token positions (`quote_span`), and the article's
//! `quote_count` quote documents directly follow its own. A query over quote text (`quote:`
//! terms, the default field of `quotes`) becomes a [`Node`] tree over body terms. Per
//! segment, the articles that can match come from the body postings; in each, the positions
//! of the query's words and the places its phrases occur are found once, and each quote is
//! tested against its range.
//!
//! The same query can also yield the articles that have a matching quote, which is what
//! `quote:` means inside an article search.

use super::budget::{Budget, Meter};
use std::io;
use std::sync::Arc;
use tantivy::postings::{Postings, SegmentPostings};
use tantivy::query::{
    AllQuery, BooleanQuery, EmptyQuery, EnableScoring, Explanation, Occur, PhraseQuery, Query,
    Scorer, TermQuery, Weight,
};
use tantivy::schema::{Field, IndexRecordOption};
use tantivy::{DocId, DocSet, Score, SegmentReader, TantivyError, Term, TERMINATED};

/// The error for a `quote:` query [`QuoteTextQuery::convert`] cannot take.
pub const UNSUPPORTED: &str = "quote text takes words, \"phrases\" (with ~N), AND, OR and -; \
                               not boosts, prefixes, sets or ranges";

/// BM25's constants, as tantivy uses them for the body.
const K1: Score = 1.2;
const B: Score = 0.75;
/// Length (in tokens) at which a quote gets BM25's neutral length factor. Quotes vary much
/// less in length than articles; a fixed pivot near a typical quote spares every query a
/// pass over all quote lengths.
const PIVOT_TOKENS: Score = 30.0;

/// A quote-text condition: words and phrases by index into [`QuoteTextQuery`]'s lists.
#[derive(Debug, Clone, PartialEq)]
pub enum Node {
    Word(usize),
    Phrase(usize),
    Bool(Vec<(Occur, Node)>),
    All,
}

impl Node {
    /// Whether a `-` clause appears anywhere: then a quote may match where its whole article
    /// does not.
    fn excludes(&self) -> bool {
        match self {
            Node::Bool(clauses) => clauses
                .iter()
                .any(|(o, c)| *o == Occur::MustNot || c.excludes()),
            _ => false,
        }
    }
}

/// Words (indexes into the term list) that must occur together, as tantivy's phrase query
/// defines it (see [`phrase_spans`]). A word repeated in the phrase is one entry of the
/// term list, so its positions are read once.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Phrase {
    pub words: Vec<usize>,
    /// Position of each word relative to the first (0, 1, 2… unless the analyzer dropped a
    /// word in between, as it drops words over 48 bytes).
    pub offsets: Vec<u32>,
    pub slop: u32,
}

/// What a [`QuoteTextQuery`] matches.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Yield {
    /// The quote documents whose text matches.
    Quotes,
    /// The article documents with at least one matching quote (scored by the best one).
    Articles,
}

#[derive(Debug, Clone)]
pub struct QuoteTextQuery {
    body: Field,
    /// `body` terms.
    terms: Vec<Term>,
    phrases: Vec<Phrase>,
    node: Node,
    /// `kind:article`: every article, when the query has no word that must occur.
    articles: Term,
    yields: Yield,
    /// Charged per candidate article and per position read (see [`super::budget`]).
    budget: Arc<Budget>,
}

impl QuoteTextQuery {
    /// Charge this query's work to `budget` (a default budget otherwise).
    pub fn with_budget(mut self, budget: Arc<Budget>) -> QuoteTextQuery {
        self.budget = budget;
        self
    }

    /// `q` as a query over quote text, when all it names is the `quote` field and it is made
    /// of words, phrases and boolean operators (or `*`). `articles` is the `kind:article`
    /// term.
    pub fn convert(
        q: &dyn Query,
        quote: Field,
        body: Field,
        articles: Term,
        yields: Yield,
    ) -> Option<QuoteTextQuery> {
        let mut out = QuoteTextQuery {
            body,
            terms: Vec::new(),
            phrases: Vec::new(),
            node: Node::All,
            articles,
            yields,
            budget: Arc::default(),
        };
        out.node = out.node_of(q, quote)?;
        Some(out)
    }

    fn node_of(&mut self, q: &dyn Query, quote: Field) -> Option<Node> {
        if let Some(t) = q.downcast_ref::<TermQuery>() {
            return self.word(t.term(), quote).map(Node::Word);
        }
        if let Some(p) = q.downcast_ref::<PhraseQuery>() {
            let words = p
                .phrase_terms()
                .iter()
                .map(|t| self.word(t, quote))
                .collect::<Option<_>>()?;
            self.phrases.push(Phrase {
                offsets: offsets_of(p),
                words,
                slop: slop_of(p),
            });
            return Some(Node::Phrase(self.phrases.len() - 1));
        }
        if let Some(b) = q.downcast_ref::<BooleanQuery>() {
            let clauses = b
                .clauses()
                .iter()
                .map(|(occur, c)| Some((*occur, self.node_of(&**c, quote)?)))
                .collect::<Option<_>>()?;
            return Some(Node::Bool(clauses));
        }
        if q.is::<AllQuery>() {
            return Some(Node::All);
        }
        if q.is::<EmptyQuery>() {
            return Some(Node::Bool(Vec::new()));
        }
        None
    }

    /// Index of the body term for a `quote:` term.
    fn word(&mut self, t: &Term, quote: Field) -> Option<usize> {
        if t.field() != quote {
            return None;
        }
        let t = Term::from_field_bytes(self.body, t.serialized_value_bytes());
        Some(match self.terms.iter().position(|x| *x == t) {
            Some(i) => i,
            None => {
                self.terms.push(t);
                self.terms.len() - 1
            }
        })
    }
}

/// The position of each word of a phrase relative to its first word. tantivy keeps them
/// private like the slop ([`slop_of`]); its `Debug` form lists `(offset, Term(…))` pairs,
/// and the analyzer's terms are letters and digits only, so the pairs can be read back.
/// Anything unexpected falls back to consecutive words.
pub(crate) fn offsets_of(p: &PhraseQuery) -> Vec<u32> {
    let n = p.phrase_terms().len();
    let text = format!("{p:?}");
    let mut found = Vec::with_capacity(n);
    let mut rest = text.as_str();
    while let Some(at) = rest.find(", Term(") {
        let digits: String = rest[..at]
            .chars()
            .rev()
            .take_while(char::is_ascii_digit)
            .collect::<Vec<_>>()
            .into_iter()
            .rev()
            .collect();
        found.push(digits.parse::<u32>().ok());
        rest = &rest[at + 1..];
    }
    let offsets: Option<Vec<u32>> = found.into_iter().collect();
    match offsets {
        Some(o) if o.len() == n && o.windows(2).all(|w| w[0] < w[1]) => {
            o.iter().map(|x| x - o[0]).collect()
        }
        _ => (0..n as u32).collect(),
    }
}

/// tantivy keeps a phrase's slop private; its `Debug` form (derived, so stable in shape)
/// is the only way to read it. A test pins this down.
pub(crate) fn slop_of(p: &PhraseQuery) -> u32 {
    let text = format!("{p:?}");
    text.rsplit_once("slop: ")
        .and_then(|(_, rest)| {
            let digits: String = rest.chars().take_while(char::is_ascii_digit).collect();
            digits.parse().ok()
        })
        .unwrap_or(0)
}

impl Query for QuoteTextQuery {
    fn weight(&self, scoring: EnableScoring<'_>) -> tantivy::Result<Box<dyn Weight>> {
        let words = match scoring.searcher() {
            Some(searcher) if scoring.is_scoring_enabled() => {
                let n = searcher.doc_freq(&self.articles)? as Score;
                self.terms
                    .iter()
                    .map(|t| {
                        let df = searcher.doc_freq(t)? as Score;
                        Ok((1.0 + (n - df + 0.5) / (df + 0.5)).ln())
                    })
                    .collect::<tantivy::Result<Vec<_>>>()?
            }
            _ => vec![1.0; self.terms.len()],
        };
        // A phrase weighs what its words do, as in tantivy.
        let phrases = self
            .phrases
            .iter()
            .map(|p| p.words.iter().map(|w| words[*w]).sum())
            .collect();
        Ok(Box::new(QuoteTextWeight {
            query: self.clone(),
            idf: Idf { words, phrases },
        }))
    }
}

struct Idf {
    words: Vec<Score>,
    phrases: Vec<Score>,
}

struct QuoteTextWeight {
    query: QuoteTextQuery,
    idf: Idf,
}

impl Weight for QuoteTextWeight {
    fn scorer(&self, reader: &SegmentReader, boost: Score) -> tantivy::Result<Box<dyn Scorer>> {
        Ok(Box::new(Matches {
            docs: self.matches(reader, boost)?,
            at: 0,
        }))
    }

    fn explain(&self, reader: &SegmentReader, doc: DocId) -> tantivy::Result<Explanation> {
        let docs = self.matches(reader, 1.0)?;
        match docs.binary_search_by_key(&doc, |d| d.0) {
            Ok(i) => Ok(Explanation::new("quote text", docs[i].1)),
            Err(_) => Err(TantivyError::InvalidArgument(format!(
                "document {doc} does not match the quote text"
            ))),
        }
    }
}

/// Where the query's words and phrases occur in one article.
struct Occurrences<'q> {
    /// Sorted positions of each word.
    words: Vec<Vec<u32>>,
    /// First and last position of each occurrence of each phrase, sorted by the first.
    phrases: Vec<Vec<(u32, u32)>>,
    /// The query's phrases, by the same index.
    defs: &'q [Phrase],
}

impl QuoteTextWeight {
    /// Every matching document of the segment with its score, in document order.
    fn matches(
        &self,
        reader: &SegmentReader,
        boost: Score,
    ) -> tantivy::Result<Vec<(DocId, Score)>> {
        let q = &self.query;
        let inverted = reader.inverted_index(q.body)?;
        let docs_of = |t: usize| -> io::Result<Vec<DocId>> {
            doc_list(inverted.read_postings(&q.terms[t], IndexRecordOption::Basic)?)
        };
        let candidates = match candidates(&q.node, &q.phrases, &docs_of)? {
            Some(docs) => docs,
            None => doc_list(
                reader
                    .inverted_index(q.articles.field())?
                    .read_postings(&q.articles, IndexRecordOption::Basic)?,
            )?,
        };
        let mut postings = q
            .terms
            .iter()
            .map(|t| inverted.read_postings(t, IndexRecordOption::WithFreqsAndPositions))
            .collect::<io::Result<Vec<_>>>()?;
        let quotes = QuoteColumns::open(reader)?;
        let monotone = !q.node.excludes();
        let mut found = Occurrences {
            words: vec![Vec::new(); q.terms.len()],
            phrases: vec![Vec::new(); q.phrases.len()],
            defs: &q.phrases,
        };
        let mut out = Vec::new();
        let mut quoted = Vec::new();
        let mut ranges = Vec::new();
        let mut meter = Meter::new(Arc::clone(&q.budget));
        for article in candidates {
            if !meter.charge(1) {
                // Stopped: the caller's budget check turns this into an error.
                break;
            }
            quoted.clear();
            quoted.extend(quotes.of(article));
            if quoted.is_empty() {
                // Most words occur in articles without a single quote too.
                continue;
            }
            let mut work = quoted.len() as u64;
            for (p, buf) in postings.iter_mut().zip(&mut found.words) {
                buf.clear();
                if let Some(p) = p {
                    if p.doc() < article {
                        p.seek(article);
                    }
                    if p.doc() == article {
                        p.positions(buf);
                        work += buf.len() as u64;
                    }
                }
            }
            // Only positions inside a quote can take part in a match: dropping the others
            // makes the phrase and per-quote work proportional to the quoted text.
            ranges.clear();
            ranges.extend(quoted.iter().map(|&(_, r)| r));
            ranges.sort_unstable();
            for buf in &mut found.words {
                keep_inside(buf, &ranges);
            }
            for (phrase, buf) in q.phrases.iter().zip(&mut found.phrases) {
                work += phrase_spans(phrase, &found.words, (0, u32::MAX), buf);
            }
            if !meter.charge(work) {
                break;
            }
            // Without exclusions, a quote can only match if the whole article does: the
            // candidates that hold every word of a phrase but not the phrase stop here.
            if monotone && eval(&q.node, &found, &self.idf, (0, u32::MAX)).is_none() {
                continue;
            }
            let mut best: Option<Score> = None;
            for &(doc, range) in &quoted {
                let Some(score) = eval(&q.node, &found, &self.idf, range) else {
                    continue;
                };
                match q.yields {
                    Yield::Quotes => out.push((doc, score * boost)),
                    Yield::Articles => best = Some(best.map_or(score, |b| b.max(score))),
                }
            }
            if let Some(score) = best {
                out.push((article, score * boost));
            }
        }
        Ok(out)
    }
}

/// The fast fields that place each quote: how many quotes follow an article, and the body
/// positions each covers.
struct QuoteColumns {
    count: tantivy::columnar::Column<u64>,
    span: tantivy::columnar::Column<u64>,
    max_doc: DocId,
}

impl QuoteColumns {
    fn open(reader: &SegmentReader) -> tantivy::Result<QuoteColumns> {
        let fast = reader.fast_fields();
        Ok(QuoteColumns {
            count: fast.u64("quote_count")?,
            span: fast.u64("quote_span")?,
            max_doc: reader.max_doc(),
        })
    }

    /// The quote documents of the article document `article` (those right after it), each
    /// with the range of body positions it covers.
    fn of(&self, article: DocId) -> impl Iterator<Item = (DocId, (u32, u32))> + '_ {
        let n = self.count.first(article).unwrap_or(0) as DocId;
        let end = article
            .saturating_add(n)
            .min(self.max_doc.saturating_sub(1));
        (article + 1..=end).map(move |doc| {
            let span = self.span.first(doc).unwrap_or(0);
            (doc, ((span >> 32) as u32, span as u32))
        })
    }
}

fn doc_list(postings: Option<SegmentPostings>) -> io::Result<Vec<DocId>> {
    let mut out = Vec::new();
    if let Some(mut p) = postings {
        while p.doc() != TERMINATED {
            out.push(p.doc());
            p.advance();
        }
    }
    Ok(out)
}

/// The articles that can hold a match of `node`, from the documents of each word
/// (`docs_of`); `None` when any article can (a query with no required word).
fn candidates(
    node: &Node,
    phrases: &[Phrase],
    docs_of: &dyn Fn(usize) -> io::Result<Vec<DocId>>,
) -> io::Result<Option<Vec<DocId>>> {
    let all_of = |words: &mut dyn Iterator<Item = io::Result<Option<Vec<DocId>>>>| {
        let mut acc: Option<Vec<DocId>> = None;
        for docs in words {
            if let Some(docs) = docs? {
                acc = Some(match acc {
                    None => docs,
                    Some(a) => intersect(&a, &docs),
                });
            }
        }
        Ok(acc)
    };
    match node {
        Node::Word(t) => Ok(Some(docs_of(*t)?)),
        Node::Phrase(k) => all_of(&mut phrases[*k].words.iter().map(|w| docs_of(*w).map(Some))),
        Node::All => Ok(None),
        Node::Bool(clauses) => {
            let of = |occur: Occur| clauses.iter().filter(move |(o, _)| *o == occur);
            if of(Occur::Must).next().is_some() {
                return all_of(&mut of(Occur::Must).map(|(_, c)| candidates(c, phrases, docs_of)));
            }
            // Only Should clauses can make a match here (MustNot ones alone match nothing,
            // as in tantivy).
            let mut all = Vec::new();
            for (_, c) in of(Occur::Should) {
                match candidates(c, phrases, docs_of)? {
                    Some(docs) => all.extend(docs),
                    None => return Ok(None),
                }
            }
            all.sort_unstable();
            all.dedup();
            Ok(Some(all))
        }
    }
}

fn intersect(a: &[DocId], b: &[DocId]) -> Vec<DocId> {
    let mut out = Vec::with_capacity(a.len().min(b.len()));
    let (mut i, mut j) = (0, 0);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                out.push(a[i]);
                i += 1;
                j += 1;
            }
        }
    }
    out
}

/// Score of a quote covering body positions `range` (None: no match).
fn eval(node: &Node, found: &Occurrences, idf: &Idf, range: (u32, u32)) -> Option<Score> {
    let bm25 = |tf: usize, idf: Score| {
        let len = range.1.saturating_sub(range.0) as Score;
        let tf = tf as Score;
        idf * tf * (K1 + 1.0) / (tf + K1 * (1.0 - B + B * len / PIVOT_TOKENS))
    };
    match node {
        Node::Word(t) => {
            let n = count_in(&found.words[*t], range);
            (n > 0).then(|| bm25(n, idf.words[*t]))
        }
        Node::Phrase(k) => {
            // The article's occurrences of an exact phrase are the quote's; a sloppy one may
            // pair words differently inside the quote than the cheapest article-wide way.
            let phrase = &found.defs[*k];
            let n = if phrase.slop == 0 {
                spans_in(&found.phrases[*k], range)
            } else {
                let mut spans = Vec::new();
                phrase_spans(phrase, &found.words, range, &mut spans);
                spans.len()
            };
            (n > 0).then(|| bm25(n, idf.phrases[*k]))
        }
        Node::All => Some(1.0),
        Node::Bool(clauses) => {
            let mut score = 0.0;
            let mut required = false;
            for (occur, c) in clauses {
                let s = eval(c, found, idf, range);
                match occur {
                    Occur::Must => {
                        score += s?;
                        required = true;
                    }
                    Occur::MustNot if s.is_some() => return None,
                    Occur::MustNot => {}
                    Occur::Should => {
                        if let Some(s) = s {
                            score += s;
                            required = true;
                        }
                    }
                }
            }
            required.then_some(score)
        }
    }
}

/// Keep the sorted `positions` that fall in one of `ranges` (sorted by start; they may
/// overlap).
fn keep_inside(positions: &mut Vec<u32>, ranges: &[(u32, u32)]) {
    let mut r = 0;
    // End of the ranges seen so far that reach furthest: overlapping ranges merge.
    let mut reach = 0;
    positions.retain(|&p| {
        while r < ranges.len() && ranges[r].0 <= p {
            reach = reach.max(ranges[r].1);
            r += 1;
        }
        p < reach
    });
}

/// How many of the sorted `positions` fall in `[from, to)`.
fn count_in(positions: &[u32], (from, to): (u32, u32)) -> usize {
    let lo = positions.partition_point(|&p| p < from);
    let hi = positions.partition_point(|&p| p < to);
    hi - lo
}

/// How many of the phrase occurrences `spans` lie wholly in `[from, to)`.
fn spans_in(spans: &[(u32, u32)], (from, to): (u32, u32)) -> usize {
    let lo = spans.partition_point(|s| s.0 < from);
    spans[lo..]
        .iter()
        .take_while(|s| s.0 < to)
        .filter(|s| s.1 < to)
        .count()
}

/// The occurrences of a phrase among the positions in `[from, to)`, given the sorted
/// positions of each word, into `out` as (first, last) positions sorted by the first. With
/// slop, each end position keeps its cheapest pairing only. As in tantivy, word `i` at
/// position `p` stands at `p - offset(i)`, and the distances between consecutive words'
/// standings, added up, may be at most the slop (so `"care health"~2` finds "health care").
///
/// Returns the work done (positions and pairings looked at), for the query's budget: at
/// most (1 + 2 × slop) per position of each word, whatever the words are, which is what
/// keeps a sloppy phrase of one frequent word repeated linear in its positions.
pub(crate) fn phrase_spans(
    phrase: &Phrase,
    words: &[Vec<u32>],
    (from, to): (u32, u32),
    out: &mut Vec<(u32, u32)>,
) -> u64 {
    out.clear();
    let Some((first, rest)) = phrase.words.split_first() else {
        return 0;
    };
    let offset = |i: usize| phrase.offsets.get(i).copied().unwrap_or(i as u32);
    let within = |w: usize| {
        let l = &words[w];
        &l[l.partition_point(|&p| p < from)..l.partition_point(|&p| p < to)]
    };
    let first = within(*first);
    let mut work = first.len() as u64;
    if phrase.slop == 0 {
        // The common case is a merge: keep the starts whose next words follow in place.
        let last = offset(rest.len());
        out.extend(first.iter().map(|&p| (p, p.saturating_add(last))));
        for (i, w) in rest.iter().enumerate() {
            let i = offset(i + 1);
            let list = within(*w);
            work += (list.len() + out.len()) as u64;
            let mut at = 0;
            out.retain(|&(start, _)| {
                while at < list.len() && list[at] < start.saturating_add(i) {
                    at += 1;
                }
                list.get(at) == Some(&(start.saturating_add(i)))
            });
            if out.is_empty() {
                break;
            }
        }
        return work;
    }
    // Partial matches ending at the current word: (its standing, slop spent, first
    // position), sorted by standing, since each word's positions are.
    let slop = i64::from(phrase.slop);
    let mut ends: Vec<(i64, i64, u32)> = first.iter().map(|&p| (i64::from(p), 0, p)).collect();
    for (i, w) in rest.iter().enumerate() {
        let i = i64::from(offset(i + 1));
        let next: Vec<(i64, i64, u32)> = within(*w)
            .iter()
            .filter_map(|&p| {
                let at = i64::from(p) - i;
                // Only ends within `slop` of this standing can lead here: standings are
                // distinct, so at most 2 × slop + 1 of them.
                let lo = ends.partition_point(|e| e.0 < at - slop);
                let near = ends[lo..].iter().take_while(|e| e.0 <= at + slop);
                work += 1 + near.clone().count() as u64;
                near.map(|&(prev, spent, start)| (spent + (at - prev).abs(), start))
                    .filter(|&(spent, _)| spent <= slop)
                    // Cheapest, then the tightest (latest) start.
                    .min_by_key(|&(spent, start)| (spent, std::cmp::Reverse(start)))
                    .map(|(spent, start)| (at, spent, start))
            })
            .collect();
        ends = next;
        if ends.is_empty() {
            return work;
        }
    }
    let last = i64::from(offset(rest.len()));
    out.extend(ends.iter().map(|&(at, _, start)| {
        let last_pos = (at + last) as u32;
        (start.min(last_pos), start.max(last_pos))
    }));
    out.sort_unstable();
    work
}

/// A precomputed, sorted list of matches.
struct Matches {
    docs: Vec<(DocId, Score)>,
    at: usize,
}

impl DocSet for Matches {
    fn advance(&mut self) -> DocId {
        self.at += 1;
        self.doc()
    }

    fn seek(&mut self, target: DocId) -> DocId {
        self.at += self.docs[self.at.min(self.docs.len())..].partition_point(|d| d.0 < target);
        self.doc()
    }

    fn doc(&self) -> DocId {
        self.docs.get(self.at).map_or(TERMINATED, |d| d.0)
    }

    fn size_hint(&self) -> u32 {
        self.docs.len().saturating_sub(self.at) as u32
    }
}

impl Scorer for Matches {
    fn score(&mut self) -> Score {
        self.docs.get(self.at).map_or(0.0, |d| d.1)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Occurrences of the given words (and no phrase).
    fn words(lists: &[&[u32]]) -> Occurrences<'static> {
        Occurrences {
            words: lists.iter().map(|l| l.to_vec()).collect(),
            phrases: Vec::new(),
            defs: &[],
        }
    }

    fn idf(n: usize) -> Idf {
        Idf {
            words: vec![1.0; n],
            phrases: Vec::new(),
        }
    }

    #[test]
    fn phrases_match_as_in_tantivy_within_the_range() {
        /// Positions of each word, slop, the quote's range, expected count.
        type Case<'a> = (&'a [&'a [u32]], u32, (u32, u32), usize);
        let cases: &[Case] = &[
            (&[&[3], &[4]], 0, (0, 10), 1),
            (&[&[3], &[5]], 0, (0, 10), 0),
            (&[&[3], &[5]], 1, (0, 10), 1),
            // Out of order costs slop, as in tantivy: "care health"~2 finds "health care".
            (&[&[4], &[3]], 2, (0, 10), 1),
            (&[&[4], &[3]], 1, (0, 10), 0),
            (&[&[1], &[3], &[4]], 1, (0, 10), 1),
            (&[&[1], &[3], &[5]], 1, (0, 10), 0),
            // The phrase must lie wholly inside the quote.
            (&[&[3], &[4]], 0, (4, 10), 0),
            (&[&[3], &[4]], 0, (0, 4), 0),
            (&[&[3], &[5]], 1, (0, 5), 0),
            (&[&[3, 7], &[4, 8]], 0, (0, 10), 2),
            // The same word twice: "very very".
            (&[&[2, 3, 4], &[2, 3, 4]], 0, (0, 10), 2),
            (&[&[1], &[2], &[3]], 0, (1, 4), 1),
            (&[&[1], &[], &[3]], 0, (0, 9), 0),
            (&[&[1], &[], &[3]], 3, (0, 9), 0),
        ];
        for (lists, slop, range, want) in cases {
            let phrase = Phrase {
                words: (0..lists.len()).collect(),
                offsets: (0..lists.len() as u32).collect(),
                slop: *slop,
            };
            let mut spans = Vec::new();
            phrase_spans(&phrase, &words(lists).words, *range, &mut spans);
            let n = spans.iter().filter(|s| s.1 < range.1).count();
            assert_eq!(n, *want, "{lists:?} ~{slop} in {range:?}: {spans:?}");
        }
    }

    #[test]
    fn booleans_follow_tantivy() {
        let found = words(&[&[2], &[20]]);
        let word = Node::Word;
        let quote = (0, 10);
        let bool = |clauses: Vec<(Occur, Node)>| Node::Bool(clauses);
        let cases = [
            (
                bool(vec![(Occur::Must, word(0)), (Occur::Must, word(1))]),
                false,
            ),
            (
                bool(vec![(Occur::Should, word(0)), (Occur::Should, word(1))]),
                true,
            ),
            (
                bool(vec![(Occur::Must, word(0)), (Occur::MustNot, word(1))]),
                true,
            ),
            (bool(vec![(Occur::MustNot, word(1))]), false),
            (
                bool(vec![(Occur::MustNot, word(0)), (Occur::Should, Node::All)]),
                false,
            ),
            (
                bool(vec![(Occur::MustNot, word(1)), (Occur::Should, Node::All)]),
                true,
            ),
            (bool(Vec::new()), false),
        ];
        for (node, want) in cases {
            let got = eval(&node, &found, &idf(2), quote).is_some();
            assert_eq!(got, want, "{node:?}");
        }
    }

    /// "…care. [“Health care …”]": article-wide, `"care health"~3` pairs "health" with the
    /// nearer "care" before the quote; inside the quote it must still match.
    #[test]
    fn sloppy_phrases_pair_words_inside_each_quote() {
        let phrase = Phrase {
            words: vec![0, 1],
            offsets: vec![0, 1],
            slop: 3,
        };
        let mut found = words(&[&[8, 11], &[10]]);
        let mut spans = Vec::new();
        phrase_spans(&phrase, &found.words, (0, u32::MAX), &mut spans);
        found.phrases = vec![spans];
        let defs = [phrase];
        found.defs = &defs;
        let idf = Idf {
            words: vec![1.0, 1.0],
            phrases: vec![2.0],
        };
        assert!(eval(&Node::Phrase(0), &found, &idf, (10, 20)).is_some());
        assert!(eval(&Node::Phrase(0), &found, &idf, (11, 20)).is_none());
    }

    #[test]
    fn positions_outside_every_quote_are_dropped() {
        let mut p = vec![0, 2, 3, 5, 7, 9, 12, 20];
        keep_inside(&mut p, &[(2, 4), (3, 6), (9, 10), (15, 30)]);
        assert_eq!(p, vec![2, 3, 5, 9, 20]);
        let mut p = vec![1, 2];
        keep_inside(&mut p, &[]);
        assert!(p.is_empty());
    }

    #[test]
    fn a_quote_with_more_occurrences_scores_higher() {
        let score = |lists: &[&[u32]], range| eval(&Node::Word(0), &words(lists), &idf(1), range);
        let once = score(&[&[1]], (0, 20)).unwrap();
        let twice = score(&[&[1, 5]], (0, 20)).unwrap();
        let twice_longer = score(&[&[1, 5]], (0, 200)).unwrap();
        assert!(
            twice > once && twice > twice_longer,
            "{once} {twice} {twice_longer}"
        );
    }

    #[test]
    fn slop_is_read_from_the_phrase() {
        let t = |s| Term::from_field_text(Field::from_field_id(0), s);
        let mut p = PhraseQuery::new(vec![t("a"), t("b")]);
        assert_eq!(slop_of(&p), 0);
        p.set_slop(12);
        assert_eq!(slop_of(&p), 12);
    }

    #[test]
    fn candidates_intersect_required_words_and_unite_optional_ones() {
        let docs = |t: usize| Ok([vec![1, 3, 5], vec![3, 4, 5], vec![5, 9]][t].clone());
        let must = |a, b| Node::Bool(vec![(Occur::Must, a), (Occur::Must, b)]);
        let should = |a, b| Node::Bool(vec![(Occur::Should, a), (Occur::Should, b)]);
        let phrases = [Phrase {
            words: vec![1, 2],
            offsets: vec![0, 1],
            slop: 0,
        }];
        let not = Node::Bool(vec![
            (Occur::MustNot, Node::Word(0)),
            (Occur::Should, Node::All),
        ]);
        let cases = [
            (must(Node::Word(0), Node::Word(1)), Some(vec![3, 5])),
            (should(Node::Word(0), Node::Word(1)), Some(vec![1, 3, 4, 5])),
            (Node::Phrase(0), Some(vec![5])),
            (should(Node::Word(0), Node::Phrase(0)), Some(vec![1, 3, 5])),
            (must(Node::All, Node::Word(2)), Some(vec![5, 9])),
            (not, None),
        ];
        for (node, want) in cases {
            assert_eq!(
                candidates(&node, &phrases, &docs).unwrap(),
                want,
                "{node:?}"
            );
        }
    }
}
