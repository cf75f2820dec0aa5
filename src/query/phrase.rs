//! Phrase matching for article fields, with a budget.
//!
//! tantivy's own phrase scorer is fine for an exact phrase of distinct words, but with slop
//! and three or more words it carries every partial match forward unsorted and undeduplicated:
//! `"the the the the the the the the"~100000` grew its buffers without bound (one such query
//! took 24 GB before it was killed). [`PhraseMatch`] answers every phrase that has slop or a
//! repeated word instead: the positions of each distinct word are read once per document and
//! matched with [`super::quote_text::phrase_spans`] (the matching quote-text queries use, at
//! most 1 + 2 × slop steps per position), and every document and position is charged to the
//! query's [`Budget`]. Scores are tantivy's: BM25 over all the phrase's words, with the
//! number of occurrences as the frequency.

use super::budget::{Budget, Meter};
use super::quote_text::{offsets_of, phrase_spans, slop_of, Phrase};
use std::sync::Arc;
use tantivy::fieldnorm::FieldNormReader;
use tantivy::postings::{Postings, SegmentPostings};
use tantivy::query::{
    Bm25Weight, EmptyScorer, EnableScoring, Explanation, PhraseQuery, Query, Scorer, Weight,
};
use tantivy::schema::{Field, IndexRecordOption};
use tantivy::{DocId, DocSet, Score, SegmentReader, TantivyError, Term, TERMINATED};

/// A phrase over one field, answered by [`phrase_spans`] under a budget.
#[derive(Debug, Clone)]
pub struct PhraseMatch {
    field: Field,
    /// Every word of the phrase, in order, repeats included (what BM25 weighs).
    all_terms: Vec<Term>,
    /// Distinct words: each one's postings are read once.
    terms: Vec<Term>,
    phrase: Phrase,
    budget: Arc<Budget>,
}

impl PhraseMatch {
    /// The same phrase as tantivy's `p`.
    pub fn of(p: &PhraseQuery, budget: Arc<Budget>) -> PhraseMatch {
        let all_terms = p.phrase_terms();
        let mut terms: Vec<Term> = Vec::new();
        let words = all_terms
            .iter()
            .map(|t| match terms.iter().position(|x| x == t) {
                Some(i) => i,
                None => {
                    terms.push(t.clone());
                    terms.len() - 1
                }
            })
            .collect();
        PhraseMatch {
            field: p.field(),
            phrase: Phrase {
                words,
                offsets: offsets_of(p),
                slop: slop_of(p),
            },
            all_terms,
            terms,
            budget,
        }
    }

    /// Whether tantivy's phrase query may be left to answer `p`: no slop and no word twice.
    pub fn tantivy_is_safe(p: &PhraseQuery) -> bool {
        let terms = p.phrase_terms();
        slop_of(p) == 0
            && terms
                .iter()
                .enumerate()
                .all(|(i, t)| !terms[..i].contains(t))
    }
}

impl Query for PhraseMatch {
    fn weight(&self, scoring: EnableScoring<'_>) -> tantivy::Result<Box<dyn Weight>> {
        let bm25 = match scoring {
            EnableScoring::Enabled {
                statistics_provider,
                ..
            } => Some(Bm25Weight::for_terms(statistics_provider, &self.all_terms)?),
            EnableScoring::Disabled { .. } => None,
        };
        Ok(Box::new(PhraseMatchWeight {
            query: self.clone(),
            bm25,
        }))
    }

    fn query_terms<'a>(&'a self, visitor: &mut dyn FnMut(&'a Term, bool)) {
        for t in &self.all_terms {
            visitor(t, true);
        }
    }
}

struct PhraseMatchWeight {
    query: PhraseMatch,
    bm25: Option<Bm25Weight>,
}

impl PhraseMatchWeight {
    fn phrase_scorer(
        &self,
        reader: &SegmentReader,
        boost: Score,
    ) -> tantivy::Result<Option<PhraseMatchScorer>> {
        let q = &self.query;
        let inverted = reader.inverted_index(q.field)?;
        let mut postings = Vec::with_capacity(q.terms.len());
        for t in &q.terms {
            match inverted.read_postings(t, IndexRecordOption::WithFreqsAndPositions)? {
                Some(p) => postings.push(p),
                None => return Ok(None),
            }
        }
        let fieldnorms = match &self.bm25 {
            Some(_) => reader.fieldnorms_readers().get_field(q.field)?,
            None => None,
        }
        .unwrap_or_else(|| FieldNormReader::constant(reader.max_doc(), 1));
        let mut scorer = PhraseMatchScorer {
            positions: vec![Vec::new(); postings.len()],
            postings,
            phrase: q.phrase.clone(),
            bm25: self.bm25.as_ref().map(|w| w.boost_by(boost)),
            fieldnorms,
            meter: Meter::new(Arc::clone(&q.budget)),
            spans: Vec::new(),
            doc: 0,
            count: 0,
        };
        scorer.find(0);
        Ok(Some(scorer))
    }
}

impl Weight for PhraseMatchWeight {
    fn scorer(&self, reader: &SegmentReader, boost: Score) -> tantivy::Result<Box<dyn Scorer>> {
        Ok(match self.phrase_scorer(reader, boost)? {
            Some(s) => Box::new(s),
            None => Box::new(EmptyScorer),
        })
    }

    fn explain(&self, reader: &SegmentReader, doc: DocId) -> tantivy::Result<Explanation> {
        if let Some(mut s) = self.phrase_scorer(reader, 1.0)? {
            if s.seek(doc) == doc {
                return Ok(Explanation::new("phrase", s.score()));
            }
        }
        Err(TantivyError::InvalidArgument(format!(
            "document {doc} does not match the phrase"
        )))
    }
}

struct PhraseMatchScorer {
    /// One per distinct word.
    postings: Vec<SegmentPostings>,
    positions: Vec<Vec<u32>>,
    phrase: Phrase,
    bm25: Option<Bm25Weight>,
    fieldnorms: FieldNormReader,
    meter: Meter,
    spans: Vec<(u32, u32)>,
    doc: DocId,
    /// Occurrences of the phrase in `doc`.
    count: u32,
}

impl PhraseMatchScorer {
    /// Move to the first document at or after `target` that holds the phrase.
    fn find(&mut self, mut target: DocId) -> DocId {
        loop {
            target = self.all_words_at_or_after(target);
            if target == TERMINATED {
                break;
            }
            let mut work = 1;
            for (p, buf) in self.postings.iter_mut().zip(&mut self.positions) {
                p.positions(buf);
                work += buf.len() as u64;
            }
            work += phrase_spans(
                &self.phrase,
                &self.positions,
                (0, u32::MAX),
                &mut self.spans,
            );
            if !self.meter.charge(work) {
                // Out of budget: end here; the caller's budget check reports it.
                target = TERMINATED;
                break;
            }
            if !self.spans.is_empty() {
                self.count = self.spans.len() as u32;
                break;
            }
            target += 1;
        }
        self.doc = target;
        target
    }

    /// The first document at or after `target` that holds every word (leapfrog).
    fn all_words_at_or_after(&mut self, mut target: DocId) -> DocId {
        'again: loop {
            if target == TERMINATED {
                return TERMINATED;
            }
            for p in &mut self.postings {
                let d = if p.doc() < target {
                    p.seek(target)
                } else {
                    p.doc()
                };
                if d > target {
                    target = d;
                    continue 'again;
                }
            }
            return target;
        }
    }
}

impl DocSet for PhraseMatchScorer {
    fn advance(&mut self) -> DocId {
        if self.doc == TERMINATED {
            return TERMINATED;
        }
        self.find(self.doc + 1)
    }

    fn seek(&mut self, target: DocId) -> DocId {
        if self.doc >= target {
            return self.doc;
        }
        self.find(target)
    }

    fn doc(&self) -> DocId {
        self.doc
    }

    fn size_hint(&self) -> u32 {
        self.postings
            .iter()
            .map(|p| p.size_hint())
            .min()
            .unwrap_or(0)
    }
}

impl Scorer for PhraseMatchScorer {
    fn score(&mut self) -> Score {
        match &self.bm25 {
            Some(w) => w.score(self.fieldnorms.fieldnorm_id(self.doc), self.count),
            None => 1.0,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::query::budget::Budget;
    use tantivy::collector::{Count, TopDocs};
    use tantivy::schema::{Schema, TEXT};
    use tantivy::{doc, Index};

    fn index(texts: &[&str]) -> (Index, Field) {
        let mut b = Schema::builder();
        let body = b.add_text_field("body", TEXT);
        let index = Index::create_in_ram(b.build());
        let mut w: tantivy::IndexWriter = index.writer(15_000_000).unwrap();
        for t in texts {
            w.add_document(doc!(body => *t)).unwrap();
        }
        w.commit().unwrap();
        (index, body)
    }

    /// Matching documents and their scores.
    type Hits = Vec<(u32, f32)>;

    /// Matching documents and scores of tantivy's phrase query and of ours.
    fn both(index: &Index, field: Field, words: &[&str], slop: u32) -> (Hits, Hits) {
        let terms: Vec<Term> = words
            .iter()
            .map(|w| Term::from_field_text(field, w))
            .collect();
        let mut p = PhraseQuery::new(terms);
        p.set_slop(slop);
        let ours = PhraseMatch::of(&p, Arc::default());
        let searcher = index.reader().unwrap().searcher();
        let run = |q: &dyn Query| {
            let mut v: Vec<(u32, f32)> = searcher
                .search(q, &TopDocs::with_limit(100).order_by_score())
                .unwrap()
                .into_iter()
                .map(|(s, a)| (a.doc_id, s))
                .collect();
            v.sort_by_key(|x| x.0);
            v
        };
        (run(&p), run(&ours))
    }

    #[test]
    fn exact_and_two_word_sloppy_phrases_match_and_score_as_tantivy() {
        let (index, body) = index(&[
            "the cat sat on the mat",
            "a cat and a dog sat",
            "cat sat cat sat",
            "the dog",
            "sat cat",
        ]);
        for (words, slop) in [
            (&["cat", "sat"][..], 0),
            (&["cat", "sat"][..], 3),
            (&["sat", "cat"][..], 2),
            (&["the", "mat"][..], 0),
            (&["cat", "sat", "on"][..], 0),
        ] {
            let (theirs, ours) = both(&index, body, words, slop);
            assert_eq!(
                theirs.iter().map(|x| x.0).collect::<Vec<_>>(),
                ours.iter().map(|x| x.0).collect::<Vec<_>>(),
                "{words:?}~{slop}"
            );
            for (a, b) in theirs.iter().zip(&ours) {
                assert!(
                    (a.1 - b.1).abs() < 1e-4,
                    "{words:?}~{slop}: {theirs:?} {ours:?}"
                );
            }
        }
    }

    #[test]
    fn repeated_words_need_as_many_occurrences() {
        let (index, body) = index(&["very good", "very very good", "good very good very"]);
        let (_, ours) = both(&index, body, &["very", "very", "good"], 0);
        assert_eq!(ours.iter().map(|x| x.0).collect::<Vec<_>>(), vec![1]);
        // With slop, one occurrence may stand for both words, as in tantivy.
        let (theirs, ours) = both(&index, body, &["very", "very"], 2);
        let docs = |h: &Hits| h.iter().map(|x| x.0).collect::<Vec<_>>();
        assert_eq!(docs(&ours), docs(&theirs));
    }

    #[test]
    fn repeated_frequent_words_with_slop_stay_within_the_budget() {
        let text = "the ".repeat(5000);
        let (index, body) = index(&[&text, &text, &text]);
        let terms = vec![Term::from_field_text(body, "the"); 8];
        let mut p = PhraseQuery::new(terms);
        p.set_slop(32);
        let searcher = index.reader().unwrap().searcher();
        let budget = Arc::new(Budget::new(u64::MAX, None));
        let q = PhraseMatch::of(&p, Arc::clone(&budget));
        assert_eq!(searcher.search(&q, &Count).unwrap(), 3);
        // Each of the 3 × 5000 positions is read once and paired with at most 65 others
        // per word: linear, not exponential, in the number of words.
        assert!(budget.used() < 3 * 5000 * 8 * 66, "{}", budget.used());
        let small = Arc::new(Budget::new(10_000, None));
        let q = PhraseMatch::of(&p, Arc::clone(&small));
        let _ = searcher.search(&q, &Count).unwrap();
        assert!(small.check().is_err());
    }
}
