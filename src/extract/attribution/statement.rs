//! Sieve `statement`: a statement, testimony, letter or speech introduced by its author gives
//! the quoted paragraphs after it to that author (press releases, transcripts, open letters):
//!
//! - `Sen. Jane Roe (D-XX) issued the following statement:` ¶ `"…"` — the clause's subject;
//! - `Excerpts of her testimony are below:`, `Roe's remarks, as prepared, follow:` — the
//!   document's possessor;
//! - `Statement of Sen. Roe on the farm bill:`, `Following is the text of Roe's letter:` —
//!   the document's `of`/`by`/`from` phrase;
//! - `Roe spoke on the floor today. The text of the speech follows:` — the previous sentence's
//!   subject.
//!
//! The document noun (`Excerpts`, `Statement`, `Remarks`, `Below`) is never the speaker. When
//! an intro names no one the quote gets no speaker rather than a guess, and the paragraphs
//! after it continue that (through [`super::continuation`]).

use super::super::cues::is_adverb_or_aux;
use super::super::lexicon::{self, is};
use super::super::text::{Kind, ABBR};
use super::np::Np;
use super::{Attribution, Ctx};

/// Who wrote a document, as its intro tells.
enum Author {
    One(Np),
    /// Several people (`their letter`, `Sens. Roe and Hale sent the following letter`).
    Several,
}

impl Ctx<'_> {
    pub(super) fn statement(&mut self, qt: usize) -> Option<Attribution> {
        let (a, b) = self.statement_intro(qt)?;
        let doc = (a..b).find(|&k| self.is_doc_noun(k))?;
        // `In a statement, Roe said: "…"`: a reporting verb attributes it (sieve `leading`)
        // (a document noun can look like a verb: `her remarks`)
        if (a..b).any(|k| self.cue_of(k).is_some() && !self.is_doc_noun(k)) {
            return None;
        }
        let cue = self.word(doc).to_ascii_lowercase();
        Some(match self.document_author(a, b) {
            Some(Author::One(np)) => self.make(np, cue),
            // a document the article does not say who wrote: the article's own author, when
            // it is an office or an official (`Office of Sen. Jane Roe`)
            None => match self.byline(Some(cue.clone())) {
                Some(a) => a,
                None => Attribution {
                    cue: Some(cue),
                    own: true,
                    ..Attribution::default()
                },
            },
            Some(Author::Several) => Attribution {
                cue: Some(cue),
                own: true,
                ..Attribution::default()
            },
        })
    }

    /// The intro of a quote: the sentence that ends with a colon right before it; or, for a
    /// quote that opens its paragraph, the paragraph before when it ends in a colon or points
    /// ahead (`made the following remarks.`, `… is attached.`): its last sentence that names a
    /// document, of the last two. Headings between (`TEXT OF STATEMENT`, a date line) are
    /// passed over. Token range, final punctuation excluded.
    fn statement_intro(&self, qt: usize) -> Option<(usize, usize)> {
        let prev = qt.checked_sub(1)?;
        let p = &self.toks[prev];
        if p.para == self.toks[qt].para {
            return p.is_punct(':').then(|| (self.sentence_floor(prev), prev));
        }
        let last = self.last_real_token_before(qt)?;
        let colon = self.toks[last].is_punct(':');
        let end = if self.toks[last].kind == Kind::Punct {
            last
        } else {
            last + 1
        };
        let a = self.line_sentence_start(last);
        let points = |a: usize, b: usize| {
            (a..b).any(|k| self.is_word(k) && is(self.word(k), lexicon::POINTER))
        };
        let has_doc = |a: usize, b: usize| (a..b).any(|k| self.is_doc_noun(k));
        if !(colon || points(a, end)) {
            return None;
        }
        if has_doc(a, end) {
            return Some((a, end));
        }
        // `Roe released the following statement on the budget. A fact sheet is attached.`
        let before = a.checked_sub(1)?;
        if self.toks[before].para != self.toks[a].para {
            return None;
        }
        let a2 = self.sentence_floor(before);
        (has_doc(a2, before) && points(a2, before)).then_some((a2, before))
    }

    /// The last token before the quote at `qt` that is not in a heading line between them:
    /// up to three short lines with no sentence end (`TEXT OF STATEMENT`, `April 25, 2006`).
    fn last_real_token_before(&self, qt: usize) -> Option<usize> {
        let mut last = qt.checked_sub(1)?;
        for _ in 0..3 {
            let line = self.toks[last].para;
            let start = (0..=last)
                .rev()
                .take_while(|&k| self.toks[k].para == line)
                .last()?;
            let heading = last - start < 12
                && !self.toks[last].is_punct(':')
                && !(start..=last).any(|k| {
                    self.toks[k].kind == Kind::Quote
                        || self.toks[k].kind == Kind::Punct
                            && matches!(self.toks[k].ch, '.' | '!' | '?')
                });
            if !heading || start == 0 {
                break;
            }
            last = start - 1;
        }
        Some(last)
    }

    /// Start of the sentence that ends at token `last`, joining a sentence broken over two
    /// lines: `… the nomination of Rep.` ¶ `Jo Doe to be …:` (the line before ends in a word
    /// with no period of its own, or in a title).
    fn line_sentence_start(&self, last: usize) -> usize {
        let mut a = self.sentence_floor(last);
        if a > 1 && self.toks[a - 1].para != self.toks[a].para {
            let q = &self.toks[a - 1];
            let open_end = q.flags & ABBR == 0 || super::super::names::is_title(q.bare(self.text));
            if q.kind == Kind::Word && open_end {
                a = self.sentence_floor(a - 1);
            }
        }
        a
    }

    fn is_doc_noun(&self, k: usize) -> bool {
        self.is_word(k)
            && (is(self.toks[k].bare(self.text), lexicon::DOC_NOUN)
                // `Quotes from the letter:` opens with a noun; `Roe quotes Doe` has a verb
                || self.toks[k].is_cap() && matches!(self.word(k), "Quotes" | "Quote"))
    }

    /// Who wrote or spoke the document an intro `[a, b)` announces.
    fn document_author(&self, a: usize, b: usize) -> Option<Author> {
        // the first document noun is the head: in `Roe's statement on the committee's report`
        // the report is what the statement is about
        let mut d = (a..b).find(|&d| self.is_doc_noun(d))?;
        loop {
            if let Some(np) = self.possessor(d, a) {
                return Some(self.single_author(np));
            }
            // `the remarks Sen. Jane Roe delivered on the floor`, `a letter she sent`: the
            // subject of a relative clause
            if let Some((np @ (Np::Run(_) | Np::Pronoun(_)), next)) = self.np_forward(d + 1, b) {
                if self.is_author(np) && self.is_word(next) && !self.toks[next].is_cap() {
                    return Some(self.single_author(np));
                }
            }
            // `statement of Sen. Roe`, `remarks by Jane Roe`, `text of Roe's letter`,
            // `Excerpts of his testimony`
            if !(d + 2 < b && matches!(self.word(d + 1), "of" | "by" | "from")) {
                break;
            }
            // (`from` a place is where, not who: `statement from Iraq`)
            let from = self.word(d + 1) == "from";
            match self.np_forward(d + 2, b) {
                Some((np @ Np::Run(r), _))
                    if self.is_author(np)
                        && (!from || self.is_evident_person(np) || self.is_named_person(r)) =>
                {
                    return Some(self.single_author(np));
                }
                Some((Np::Nominal { b: end, .. }, _)) if self.is_doc_noun(end - 1) => d = end - 1,
                _ => break,
            }
        }
        // `Sen. Jane Roe (D-XX) issued the following statement`
        if let Some(np) = self.intro_subject(a, b) {
            return Some(self.single_author(np));
        }
        // `After the vote, which passed 94-3, Sen. Jane Roe released the following
        // statement`: the subject of the verb that delivers the document
        if let Some(np) = self.deliverer(a, d) {
            return Some(self.single_author(np));
        }
        // `Roe spoke on the floor today. The text of the speech follows:`
        let before = a.checked_sub(1)?;
        let floor = self.sentence_floor(before);
        if self.toks[before].para + 1 < self.toks[a].para {
            return None;
        }
        self.intro_subject(floor, before)
            .filter(|&np| self.is_evident_person(np))
            .map(|np| self.single_author(np))
    }

    /// The subject of the verb right before the document noun at `d` (`Jane Roe, D-XX, today
    /// released the following statement`), over a determiner and adjectives.
    fn deliverer(&self, a: usize, d: usize) -> Option<Np> {
        let v = (d.saturating_sub(4).max(a + 1)..d).rev().find(|&k| {
            self.is_word(k) && {
                let w = self.word(k);
                !self.toks[k].is_cap()
                    && (w.ends_with("ed") || is(w, lexicon::PAST_VERB))
                    && !is(w, lexicon::POINTER)
            }
        })?;
        let mut s = v;
        while s > a && self.is_word(s - 1) && is_adverb_or_aux(self.word(s - 1)) {
            s -= 1;
        }
        let np = self.np_backward(s.checked_sub(1)?, a, 0)?;
        self.is_author(np).then_some(np)
    }

    /// The possessor of the noun at `d` (`his remarks`, `Roe's prepared opening statement`),
    /// over at most three adjectives.
    fn possessor(&self, d: usize, a: usize) -> Option<Np> {
        let mut k = d;
        for _ in 0..4 {
            k = k.checked_sub(1).filter(|&k| k >= a)?;
            if !self.is_word(k) {
                return None;
            }
            let w = self.word(k);
            if matches!(w, "his" | "her" | "His" | "Her") {
                return Some(Np::Pronoun(k));
            }
            if matches!(w, "their" | "Their" | "our" | "Our") {
                return Some(Np::Nominal {
                    a: k,
                    b: d + 1,
                    role_a: k,
                    role_b: k,
                });
            }
            if self.toks[k].is_poss() {
                let r = self.reg.run_of[k];
                return (r != u32::MAX).then_some(Np::Run(r as usize));
            }
            // only lower-case modifiers sit between: `prepared opening`, `full`, `floor`
            if self.toks[k].is_cap() || is(w, lexicon::DETERMINER | lexicon::FUNCTION_WORD) {
                return None;
            }
        }
        None
    }

    /// The subject of the main clause of `[a, b)`, when it can be an author: a person, a
    /// pronoun or an organisation named in full, never a document or pointer word (`Below`,
    /// `Following`, `Excerpts`).
    fn intro_subject(&self, a: usize, b: usize) -> Option<Np> {
        let start = self.main_clause_start(self.after_dateline(a, b), b);
        // `Today Sen. Jane Roe …`, `And Roe also …`
        let first = (start..b).find(|&k| {
            self.is_word(k)
                && !is_adverb_or_aux(self.word(k))
                && !matches!(self.word(k), "And" | "But" | "So")
        })?;
        let (mut np, mut next) = self.np_forward(first, b)?;
        // `… White House. Sen.` ¶ `Jane Roe (R-XX) issued …`: a title left at a line's end
        if let Np::Run(r) = np {
            let run = &self.reg.runs[r];
            let only_title = super::super::names::is_title(self.toks[run.b - 1].bare(self.text));
            if only_title && next < b && self.toks[next].para != self.toks[run.a].para {
                (np, next) = self.np_forward(next, b)?;
            }
        }
        // `Texas' senior Senator Jane Roe`: the person the possessive describes
        if let Np::Run(r) = np {
            let run = &self.reg.runs[r];
            if self.toks[run.b - 1].is_poss() {
                let person = (run.b..b.min(run.b + 4)).find(|&k| {
                    let o = self.reg.run_of[k];
                    o != u32::MAX && self.is_person_name(o as usize)
                })?;
                (np, next) = self.np_forward(person, b)?;
            }
        }
        // `Full text of the letter is below`: a word describing the document
        if next < b && self.is_doc_noun(next) {
            return None;
        }
        let verb_follows = next < b
            && (self.is_word(next) && !self.toks[next].is_cap()
                || self.toks[next].is_punct(',')
                || self.toks[next].is_punct('('));
        (verb_follows && self.is_author(np)).then_some(np)
    }

    /// Can this noun phrase have written a document?
    fn is_author(&self, np: Np) -> bool {
        match np {
            Np::Pronoun(k) => !matches!(self.word(k), "it" | "It" | "you" | "You"),
            Np::Run(r) => {
                let run = &self.reg.runs[r];
                let first = self.toks[run.a].bare(self.text);
                if self.is_doc_noun(run.a) || is(first, lexicon::POINTER | lexicon::STOP) {
                    return false;
                }
                // a lone capitalised word the article also writes in lower case is a
                // common word opening a sentence (`Full text …`), not a surname
                if run.entity.is_none() && run.b - run.a == 1 && self.used_in_lower_case(first) {
                    return false;
                }
                self.is_person_name(r) || run.entity.is_some()
            }
            Np::Nominal { .. } => false,
        }
    }

    /// Past a dateline opening the intro: `WASHINGTON (May 24, 2005) --`, `LONDON -`.
    fn after_dateline(&self, a: usize, b: usize) -> usize {
        let t = &self.toks[a];
        let caps = t.kind == Kind::Word
            && self.word(a).chars().filter(|c| c.is_alphabetic()).count() > 2
            && !self.word(a).chars().any(char::is_lowercase);
        if !caps {
            return a;
        }
        let mut k = a + 1;
        // `WASHINGTON, D.C.`, `SAN ANTONIO`
        while k < b
            && (self.is_word(k)
                && self.toks[k].is_cap()
                && !self.word(k).chars().any(char::is_lowercase)
                || self.toks[k].is_punct(','))
        {
            k += 1;
        }
        if k < b && self.toks[k].is_punct('(') {
            k = match (k..b.min(k + 12)).find(|&j| self.toks[j].is_punct(')')) {
                Some(j) => j + 1,
                None => return a,
            };
        }
        let dash = |j: usize| {
            j < b && self.toks[j].kind == Kind::Punct && matches!(self.toks[j].ch, '-' | '–' | '—')
        };
        if !dash(k) {
            return a;
        }
        while dash(k) {
            k += 1;
        }
        k.min(b)
    }

    /// A document several people share (`their letter`, `we`) has no one speaker.
    fn single_author(&self, np: Np) -> Author {
        match np {
            Np::Nominal { .. } => Author::Several,
            Np::Pronoun(k) if matches!(self.word(k), "they" | "They" | "we" | "We") => {
                Author::Several
            }
            other => Author::One(other),
        }
    }
}
