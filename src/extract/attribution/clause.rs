//! Clause analysis without a parser: sentence and clause bounds, the main clause after
//! opening phrases, and the subject of a reporting verb (participles take the main clause's).

use super::super::cues::{cue, is_adverb_or_aux, CueStrength};
use super::super::quotes::Span;
use super::super::text::{ends_sentence, quote_ends_sentence, Kind, Tok};
use super::np::Np;
use super::words::*;
use super::Ctx;

/// The longest stretch of one sentence the sieves look at, in tokens. News sentences are far
/// shorter (a 60-word sentence is about 70 tokens); what is longer is a list or text with no
/// sentence ends, where a speaker further away than this is a guess anyway.
pub(super) const MAX_SENTENCE_TOKENS: usize = 160;

/// Sentence bounds of every token, computed in one pass each way: the sieves ask for them at
/// every cue and quote, and walking to the bound each time was quadratic in a long paragraph
/// with no sentence end.
#[derive(Debug, Default)]
pub(super) struct Bounds {
    /// First token of the sentence holding token `i`.
    floor: Vec<u32>,
    /// End (exclusive) of the clause from token `i`: the sentence's final punctuation, the
    /// next quote or the end of the paragraph.
    end: Vec<u32>,
}

impl Bounds {
    pub(super) fn new(text: &str, toks: &[Tok], quotes: &[Span]) -> Bounds {
        let n = toks.len();
        let mut floor = vec![0u32; n];
        for k in 1..n {
            let p = &toks[k - 1];
            let starts = p.para != toks[k].para
                || ends_sentence(toks, k - 1, text)
                || p.kind == Kind::Quote
                    && quote_ends_sentence(text, &quotes[p.quote])
                    && toks[k].is_cap();
            floor[k] = if starts { k as u32 } else { floor[k - 1] };
        }
        let mut end = vec![0u32; n];
        for k in (0..n).rev() {
            end[k] = if toks[k].kind == Kind::Quote || ends_sentence(toks, k, text) {
                k as u32
            } else if k + 1 == n || toks[k + 1].para != toks[k].para {
                (k + 1) as u32
            } else {
                end[k + 1]
            };
        }
        Bounds { floor, end }
    }
}

impl Ctx<'_> {
    /// Start of the sentence containing token `i` (a token index ≥ the paragraph start).
    ///
    /// No more than [`MAX_SENTENCE_TOKENS`] back: the sieves scan from a token to its
    /// sentence's start, and a "sentence" with no end (a list, a page with no full stops) would
    /// make that quadratic in its length.
    pub(super) fn sentence_floor(&self, i: usize) -> usize {
        (self.bounds.floor[i] as usize).max(i.saturating_sub(MAX_SENTENCE_TOKENS))
    }

    /// End (exclusive) of the sentence containing token `i`, stopping at the next quote.
    pub(super) fn clause_end(&self, i: usize) -> usize {
        match self.bounds.end.get(i) {
            Some(&e) => (e as usize).min(i + MAX_SENTENCE_TOKENS),
            None => i,
        }
    }

    /// After a cue that follows a sentence-final quote, the clause must end soon and not go on
    /// into reported speech of its own (`He said that …` starts a new thought).
    pub(super) fn short_clause(&self, from: usize, limit: usize) -> bool {
        // `"…!" Jane Doe wrote in a September 16 email to officials.`, `"…" Jane Doe shouted,
        // shorthand for …`: a longer clause is fine when what follows the cue is an adjunct
        // (not `to`: `Jane Doe continues to live …` is a new statement about her)
        let adjunct = from < limit
            && (self.toks[from].is_punct(',')
                || self.is_word(from) && is_prep(self.word(from)) && self.word(from) != "to");
        if limit.saturating_sub(from) > if adjunct { 20 } else { 8 } {
            return false;
        }
        // `"…." Jane Doe said the victims were "…"`: the cue introduces the next quote
        if self
            .toks
            .get(limit)
            .is_some_and(|t| t.kind == Kind::Quote && t.para == self.toks[from.min(limit - 1)].para)
        {
            return false;
        }
        !(from..limit).any(|k| self.is_word(k) && self.word(k) == "that")
    }

    /// The subject of the reporting verb at `k`: the noun phrase before it (skipping adverbs
    /// and auxiliaries), or for a participle after a comma (`Jane Doe rejected the plan,
    /// saying …`) the subject of the main clause.
    pub(super) fn subject_of(&self, k: usize, floor: usize) -> Option<Np> {
        let participle = self.word(k).ends_with("ing")
            && k > floor
            && (self.comma_before(k)
                || self.is_word(k - 1)
                    && matches!(
                        self.word(k - 1),
                        "before" | "after" | "upon" | "while" | "by"
                    ));
        if participle {
            return self.main_subject(k, floor);
        }
        let mut s = k;
        while s > floor && self.is_word(s - 1) && is_adverb_or_aux(self.word(s - 1)) {
            s -= 1;
        }
        if s <= floor {
            return None;
        }
        // `Jane Doe was joined on stage by Bob Roe and joked, "…"`: a second verb of the
        // main clause
        if self.word(s - 1) == "and" {
            if let Some(m) = self.main_subject(k, floor) {
                return Some(m);
            }
        }
        // `Maj. Gen. Jo Bates, who commanded a division in Iraq says`: a relative clause the
        // writer left unclosed
        if let Some(r) = self.relative_head(self.main_clause_start(floor, s), s) {
            return Some(Np::Run(r));
        }
        let np = self.np_backward(s - 1, floor, 0)?;
        // `Jane Doe issued a statement saying`: the participle belongs to the main clause
        if matches!(np, Np::Nominal { .. }) && self.word(k).ends_with("ing") {
            if let Some(m) = self.main_subject(k, floor) {
                return Some(m);
            }
        }
        self.unclosed_apposition(np, floor)
    }

    /// `closed` in `The firm closed the book`: a past-tense form followed by a determiner or
    /// preposition ends a subject noun phrase (`the retired general` does not).
    pub(super) fn is_verb_with_object(&self, m: usize) -> bool {
        let w = self.word(m);
        if self.toks[m].is_cap() || !w.is_ascii() || w.len() < 4 {
            return false;
        }
        let past =
            w.ends_with("ed") || super::super::lexicon::is(w, super::super::lexicon::PAST_VERB);
        past && self.is_word(m + 1) && {
            let n = self.word(m + 1);
            is_determiner(n) || is_prep(n)
        }
    }

    /// The subject of the main clause for a participle at `k` (`Jane Doe rejected the plan,
    /// saying …`).
    pub(super) fn main_subject(&self, k: usize, floor: usize) -> Option<Np> {
        // `…, Jane Doe said, adding, "…"`: the nearer reporting clause
        if k >= floor + 3 && self.toks[k - 1].is_punct(',') {
            if let Some(c) = self.cue_of(k - 2) {
                if c.strength == CueStrength::Strong && c.words == 1 {
                    if let Some(np @ (Np::Run(_) | Np::Pronoun(_))) =
                        self.np_backward(k - 3, floor, 1)
                    {
                        let a = self.np_start(np);
                        if a > floor && self.toks[a - 1].is_punct(',') {
                            return Some(np);
                        }
                    }
                }
            }
        }
        // skip opening phrases: `Since then, a Republican, Jane Doe, has …, telling`,
        // `On July 6, 2015, after a vote, Jane Doe …`
        let mut start = self.main_clause_start(floor, k);
        if let Some(c) = (start + 1..k.min(start + 8)).find(|&j| self.toks[j].is_punct(',')) {
            // `Hours later, Jane Doe …`: a phrase with no evident person before a comma
            // that opens with one
            let opening = (start..c).all(|j| {
                self.is_word(j)
                    && match self.reg.run_of[j] {
                        u32::MAX => true,
                        r => !self.is_evident_person(Np::Run(r as usize)),
                    }
            }) && self
                .np_forward(c + 1, k)
                .is_some_and(|(np, nx)| self.is_evident_person(np) && self.is_word(nx));
            if opening {
                start = c + 1;
            }
        }
        let first = (start..k).find(|&j| {
            self.is_word(j)
                && !is_adverb_or_aux(self.word(j))
                && !matches!(self.word(j), "And" | "But" | "So" | "Then" | "Yet")
        })?;
        let (np, mut next) = self.np_forward(first, k)?;
        if !self.is_evident_person(np) {
            if let Some((app, _)) = self.appositive_name(next, k) {
                return Some(app);
            }
        }
        // `Jane Doe, herself a supporter, drew boos upon saying`
        if next < k && self.toks[next].is_punct(',') && self.is_evident_person(np) {
            next = (next + 1..k.min(next + 14)).find(|&j| self.toks[j].is_punct(','))? + 1;
        }
        // `Rep. Jane Doe (D-Ohio) reacted, saying`
        if next < k && self.toks[next].is_punct('(') {
            next = (next..k.min(next + 12)).find(|&j| self.toks[j].is_punct(')'))? + 1;
        }
        self.is_word(next).then_some(np)
    }

    /// `np`, or the evident person before the unclosed apposition it ends.
    pub(super) fn unclosed_apposition(&self, np: Np, floor: usize) -> Option<Np> {
        // `Erwin Chemerinsky, Dean of UC Berkeley School of Law called it`: an apposition
        // the writer did not close with a comma
        if !self.is_evident_person(np) {
            let a = self.np_start(np);
            // back over the words of the role to its opening comma
            let lo = a.saturating_sub(8).max(floor);
            let comma = (lo..a)
                .rev()
                .take_while(|&j| self.is_word(j) || self.toks[j].is_punct(','))
                .find(|&j| self.toks[j].is_punct(','));
            if let Some(c) = comma.filter(|&c| c > floor) {
                if let Some(p) = self.np_backward(c - 1, floor, 1) {
                    if self.is_evident_person(p) && matches!(p, Np::Run(_)) {
                        return Some(p);
                    }
                }
            }
        }
        Some(np)
    }

    /// First token of the main clause of the sentence starting at `floor`: after opening
    /// phrases that end in a comma (`On July 6, 2015, after the vote, …`).
    pub(super) fn main_clause_start(&self, floor: usize, limit: usize) -> usize {
        let mut start = floor;
        for _ in 0..3 {
            // `Speaking from the floor today, Jane Roe …`: a participle opens the sentence too
            // (a reporting verb's form, not any word in -ing: `Boeing did not …`)
            let participle = self.is_word(start) && {
                let w = self.word(start).to_ascii_lowercase();
                w.ends_with("ing") && cue(&w, None).is_some()
            };
            if !(self.is_word(start) && is_prep_or_adverb_opening(self.word(start)) || participle) {
                break;
            }
            let Some(mut c) =
                (start + 1..limit.min(start + 12)).find(|&j| self.toks[j].is_punct(','))
            else {
                break;
            };
            // the year of a date: `On July 6, 2015,`
            if self.is_number(c + 1) && self.toks.get(c + 2).is_some_and(|t| t.is_punct(',')) {
                c += 2;
            }
            start = c + 1;
        }
        start
    }

    /// A comma right before token `k`, or a quote that ends in one (`defended "New York
    /// values," saying`).
    pub(super) fn comma_before(&self, k: usize) -> bool {
        let p = &self.toks[k - 1];
        p.is_punct(',')
            || p.kind == Kind::Quote && {
                let q = &self.quotes[p.quote];
                self.text[q.start..q.end].ends_with(',')
            }
    }

    /// Paraphrase (`Jane Doe said the vote …`) sets who speaks next only from a main clause:
    /// in `"…," Ann Lee told the paper, after Bob Roe stated …` the next quote is still Lee's.
    pub(super) fn heads_main_clause(&self, np: Np, floor: usize) -> bool {
        let start = self.np_start(np);
        // an opening phrase closed by a comma (`After the meeting, Jane Doe said`) is not
        // the clause the subject is in
        let floor = (floor..start)
            .rev()
            .find(|&k| self.toks[k].is_punct(','))
            .map_or(floor, |c| c + 1);
        start.saturating_sub(floor) <= 4
            && !(floor..start).any(|k| {
                !self.is_word(k) && !self.toks[k].is_punct(',')
                    || self.is_word(k) && is_subordinator(self.word(k))
            })
    }
}
