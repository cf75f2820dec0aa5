//! Queries over the words of quotes, answered from the article body's postings.
//!
//! Quote documents do not index their words (see [`crate::index::schema`]): a quote is its
//! article's body between two token positions, `quote_from..quote_to`, and its document
//! directly follows the article's (`seq` 0, 1, …). A query over quote text (`quote:` terms,
//! the default field of `quotes`) becomes a [`Node`] tree over body terms. Per segment, the
//! articles that can match come from the body postings; the positions of the query's words
//! in each such article are read once, and each of its quotes is tested against its range.
//!
//! The same query can also yield the articles that have a matching quote, which is what
//! `quote:` means inside an article search.

use std::io;
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

/// A quote-text condition over words, by index into [`QuoteTextQuery::terms`].
#[derive(Debug, Clone, PartialEq)]
pub enum Node {
    Word(usize),
    /// Adjacent words in order, or with `slop`, as tantivy allows (see [`phrase_count`]).
    Phrase {
        words: Vec<usize>,
        slop: u32,
    },
    Bool(Vec<(Occur, Node)>),
    All,
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
    node: Node,
    /// `kind:article`: every article, when the query has no word that must occur.
    articles: Term,
    yields: Yield,
}

impl QuoteTextQuery {
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
        let mut terms = Vec::new();
        let node = to_node(q, quote, body, &mut terms)?;
        Some(QuoteTextQuery {
            body,
            terms,
            node,
            articles,
            yields,
        })
    }
}

fn to_node(q: &dyn Query, quote: Field, body: Field, terms: &mut Vec<Term>) -> Option<Node> {
    let mut word = |t: &Term| -> Option<usize> {
        if t.field() != quote {
            return None;
        }
        let t = Term::from_field_bytes(body, t.serialized_value_bytes());
        Some(terms.iter().position(|x| *x == t).unwrap_or_else(|| {
            terms.push(t);
            terms.len() - 1
        }))
    };
    if let Some(t) = q.downcast_ref::<TermQuery>() {
        return word(t.term()).map(Node::Word);
    }
    if let Some(p) = q.downcast_ref::<PhraseQuery>() {
        let words = p.phrase_terms().iter().map(word).collect::<Option<_>>()?;
        return Some(Node::Phrase {
            words,
            slop: slop_of(p),
        });
    }
    if let Some(b) = q.downcast_ref::<BooleanQuery>() {
        let clauses = b
            .clauses()
            .iter()
            .map(|(occur, c)| Some((*occur, to_node(&**c, quote, body, terms)?)))
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

/// tantivy keeps a phrase's slop private; its `Debug` form (derived, so stable in shape)
/// is the only way to read it. A test pins this down.
fn slop_of(p: &PhraseQuery) -> u32 {
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
        let idf = match scoring.searcher() {
            Some(searcher) if scoring.is_scoring_enabled() => {
                let n = searcher.doc_freq(&self.articles)? as Score;
                self.terms
                    .iter()
                    .map(|t| {
                        let df = searcher.doc_freq(t)? as Score;
                        Ok((1.0 + (n - df + 0.5) / (df + 0.5)).ln())
                    })
                    .collect::<tantivy::Result<_>>()?
            }
            _ => vec![1.0; self.terms.len()],
        };
        Ok(Box::new(QuoteTextWeight {
            query: self.clone(),
            idf,
        }))
    }
}

struct QuoteTextWeight {
    query: QuoteTextQuery,
    idf: Vec<Score>,
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

impl QuoteTextWeight {
    /// Every matching document of the segment with its score, in document order.
    fn matches(
        &self,
        reader: &SegmentReader,
        boost: Score,
    ) -> tantivy::Result<Vec<(DocId, Score)>> {
        let q = &self.query;
        let inverted = reader.inverted_index(q.body)?;
        let candidates = match candidates(&q.node, &|t| {
            doc_list(inverted.read_postings(&q.terms[t], IndexRecordOption::Basic)?)
        })? {
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
        let mut positions: Vec<Vec<u32>> = vec![Vec::new(); q.terms.len()];
        let mut out = Vec::new();
        for article in candidates {
            for (p, buf) in postings.iter_mut().zip(&mut positions) {
                buf.clear();
                if let Some(p) = p {
                    if p.doc() < article {
                        p.seek(article);
                    }
                    if p.doc() == article {
                        p.positions(buf);
                    }
                }
            }
            let mut best: Option<Score> = None;
            for (doc, range) in quotes.of(article) {
                let Some(score) = eval(&q.node, &positions, &self.idf, range) else {
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

/// The fast fields that place each quote: its `seq` within the article and its range.
struct QuoteColumns {
    seq: tantivy::columnar::Column<u64>,
    from: tantivy::columnar::Column<u64>,
    to: tantivy::columnar::Column<u64>,
    max_doc: DocId,
}

impl QuoteColumns {
    fn open(reader: &SegmentReader) -> tantivy::Result<QuoteColumns> {
        let fast = reader.fast_fields();
        Ok(QuoteColumns {
            seq: fast.u64("seq")?,
            from: fast.u64("quote_from")?,
            to: fast.u64("quote_to")?,
            max_doc: reader.max_doc(),
        })
    }

    /// The quotes of the article document `article`: the documents right after it whose
    /// `seq` counts 0, 1, … (an article, another article's quote or a file record ends them).
    fn of(&self, article: DocId) -> impl Iterator<Item = (DocId, (u32, u32))> + '_ {
        (0u64..)
            .map(move |i| (article + 1 + i as DocId, i))
            .take_while(move |&(doc, i)| doc < self.max_doc && self.seq.first(doc) == Some(i))
            .map(move |(doc, _)| {
                let at = |c: &tantivy::columnar::Column<u64>| c.first(doc).unwrap_or(0) as u32;
                (doc, (at(&self.from), at(&self.to)))
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
    docs_of: &dyn Fn(usize) -> io::Result<Vec<DocId>>,
) -> io::Result<Option<Vec<DocId>>> {
    Ok(match node {
        Node::Word(t) => Some(docs_of(*t)?),
        Node::Phrase { words, .. } => {
            let mut acc: Option<Vec<DocId>> = None;
            for w in words {
                let docs = docs_of(*w)?;
                acc = Some(match acc {
                    None => docs,
                    Some(a) => intersect(&a, &docs),
                });
            }
            acc
        }
        Node::All => None,
        Node::Bool(clauses) => {
            let of = |occur: Occur| clauses.iter().filter(move |(o, _)| *o == occur);
            if of(Occur::Must).next().is_some() {
                let mut acc: Option<Vec<DocId>> = None;
                for (_, c) in of(Occur::Must) {
                    if let Some(docs) = candidates(c, docs_of)? {
                        acc = Some(match acc {
                            None => docs,
                            Some(a) => intersect(&a, &docs),
                        });
                    }
                }
                acc
            } else {
                // Only Should clauses can make a match here (MustNot ones alone match
                // nothing, as in tantivy).
                let mut all = Vec::new();
                for (_, c) in of(Occur::Should) {
                    match candidates(c, docs_of)? {
                        Some(docs) => all.extend(docs),
                        None => return Ok(None),
                    }
                }
                all.sort_unstable();
                all.dedup();
                Some(all)
            }
        }
    })
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

/// Score of a quote covering body positions `range` (None: no match), given the sorted
/// positions of each word in its article.
fn eval(node: &Node, positions: &[Vec<u32>], idf: &[Score], range: (u32, u32)) -> Option<Score> {
    let bm25 = |tf: u32, idf: Score| {
        let len = range.1.saturating_sub(range.0) as Score;
        let tf = tf as Score;
        idf * tf * (K1 + 1.0) / (tf + K1 * (1.0 - B + B * len / PIVOT_TOKENS))
    };
    match node {
        Node::Word(t) => {
            let n = count_in(&positions[*t], range);
            (n > 0).then(|| bm25(n, idf[*t]))
        }
        Node::Phrase { words, slop } => {
            let lists: Vec<&[u32]> = words.iter().map(|w| positions[*w].as_slice()).collect();
            let n = phrase_count(&lists, *slop, range);
            (n > 0).then(|| bm25(n, words.iter().map(|w| idf[*w]).sum()))
        }
        Node::All => Some(1.0),
        Node::Bool(clauses) => {
            let mut score = 0.0;
            let mut required = false;
            for (occur, c) in clauses {
                let s = eval(c, positions, idf, range);
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

/// How many of the sorted `positions` fall in `[from, to)`.
fn count_in(positions: &[u32], (from, to): (u32, u32)) -> u32 {
    let lo = positions.partition_point(|&p| p < from);
    let hi = positions.partition_point(|&p| p < to);
    (hi - lo) as u32
}

/// Occurrences of a phrase that lie wholly in `[from, to)`, with tantivy's slop: word `i`
/// at position `p` stands at `p - i` in phrase terms, and the distances between consecutive
/// words' standings, added up, may be at most `slop` (so `"care health"~2` finds "health
/// care", as tantivy does). Phrase words are taken at consecutive offsets; tantivy leaves a
/// gap only for a query word over 48 bytes. Counts the places where the last word ends a
/// match.
fn phrase_count(lists: &[&[u32]], slop: u32, (from, to): (u32, u32)) -> u32 {
    let in_range = |l: &'_ [u32]| -> Vec<i64> {
        let lo = l.partition_point(|&p| p < from);
        let hi = l.partition_point(|&p| p < to);
        l[lo..hi].iter().map(|&p| i64::from(p)).collect()
    };
    let Some((first, rest)) = lists.split_first() else {
        return 0;
    };
    // Partial matches ending at the current word: (its standing, slop spent so far).
    let mut ends: Vec<(i64, u32)> = in_range(first).into_iter().map(|p| (p, 0)).collect();
    for (i, list) in rest.iter().enumerate() {
        let offset = i as i64 + 1;
        ends = in_range(list)
            .into_iter()
            .filter_map(|p| {
                let at = p - offset;
                let spent = ends
                    .iter()
                    .map(|&(prev, s)| s + (at - prev).unsigned_abs() as u32)
                    .min()?;
                (spent <= slop).then_some((at, spent))
            })
            .collect();
        if ends.is_empty() {
            return 0;
        }
    }
    ends.len() as u32
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

    #[test]
    fn phrases_match_in_order_within_the_range() {
        /// Positions of each word, slop, the quote's range, expected count.
        type Case<'a> = (&'a [&'a [u32]], u32, (u32, u32), u32);
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
            (&[&[3, 7], &[4, 8]], 0, (0, 10), 2),
            // The same word twice: "very very".
            (&[&[2, 3, 4], &[2, 3, 4]], 0, (0, 10), 2),
            (&[&[1], &[2], &[3]], 0, (1, 4), 1),
            (&[&[1], &[], &[3]], 0, (0, 9), 0),
        ];
        for (lists, slop, range, want) in cases {
            assert_eq!(
                phrase_count(lists, *slop, *range),
                *want,
                "{lists:?} ~{slop} in {range:?}"
            );
        }
    }

    #[test]
    fn booleans_follow_tantivy() {
        let pos = vec![vec![2], vec![20]];
        let idf = [1.0, 1.0];
        let word = Node::Word;
        let quote = (0, 10);
        let cases = [
            (
                Node::Bool(vec![(Occur::Must, word(0)), (Occur::Must, word(1))]),
                false,
            ),
            (
                Node::Bool(vec![(Occur::Should, word(0)), (Occur::Should, word(1))]),
                true,
            ),
            (
                Node::Bool(vec![(Occur::Must, word(0)), (Occur::MustNot, word(1))]),
                true,
            ),
            (Node::Bool(vec![(Occur::MustNot, word(1))]), false),
            (
                Node::Bool(vec![(Occur::MustNot, word(0)), (Occur::Should, Node::All)]),
                false,
            ),
            (
                Node::Bool(vec![(Occur::MustNot, word(1)), (Occur::Should, Node::All)]),
                true,
            ),
            (Node::Bool(Vec::new()), false),
        ];
        for (node, want) in cases {
            assert_eq!(eval(&node, &pos, &idf, quote).is_some(), want, "{node:?}");
        }
    }

    #[test]
    fn a_quote_with_more_occurrences_scores_higher() {
        let idf = [1.0];
        let once = eval(&Node::Word(0), &[vec![1]], &idf, (0, 20)).unwrap();
        let twice = eval(&Node::Word(0), &[vec![1, 5]], &idf, (0, 20)).unwrap();
        let twice_longer = eval(&Node::Word(0), &[vec![1, 5]], &idf, (0, 200)).unwrap();
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
        let docs = |t: usize| Ok(vec![vec![1, 3, 5], vec![3, 4, 5]][t].clone());
        let and = Node::Bool(vec![
            (Occur::Must, Node::Word(0)),
            (Occur::Must, Node::Word(1)),
        ]);
        let or = Node::Bool(vec![
            (Occur::Should, Node::Word(0)),
            (Occur::Should, Node::Word(1)),
        ]);
        let not = Node::Bool(vec![
            (Occur::MustNot, Node::Word(0)),
            (Occur::Should, Node::All),
        ]);
        assert_eq!(candidates(&and, &docs).unwrap(), Some(vec![3, 5]));
        assert_eq!(candidates(&or, &docs).unwrap(), Some(vec![1, 3, 4, 5]));
        assert_eq!(candidates(&not, &docs).unwrap(), None);
    }
}
