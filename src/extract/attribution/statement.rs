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
            Some(np) => self.make(np, cue),
            None => Attribution {
                cue: Some(cue),
                own: true,
                ..Attribution::default()
            },
        })
    }

    /// The intro of a quote: the sentence that ends with a colon right before it, or, for a
    /// quote that opens its paragraph, the last sentence of the paragraph before when it ends in
    /// a colon or points ahead (`made the following remarks.`). Token range, final punctuation
    /// excluded.
    fn statement_intro(&self, qt: usize) -> Option<(usize, usize)> {
        let prev = qt.checked_sub(1)?;
        let p = &self.toks[prev];
        let colon = p.is_punct(':');
        if p.para == self.toks[qt].para {
            return colon.then(|| (self.sentence_floor(prev), prev));
        }
        let end = if p.kind == Kind::Punct { prev } else { qt };
        let mut a = self.sentence_floor(prev);
        // a sentence broken over two lines: `… the nomination of Rep.` ¶ `Jo Doe to be …:`
        // (the line before ends in a word with no period of its own, or in a title)
        if a > 1 && self.toks[a - 1].para != self.toks[a].para {
            let q = &self.toks[a - 1];
            let open_end = q.flags & ABBR == 0 || super::super::names::is_title(q.bare(self.text));
            if q.kind == Kind::Word && open_end {
                a = self.sentence_floor(a - 1);
            }
        }
        let points = (a..end).any(|k| self.is_word(k) && is(self.word(k), lexicon::POINTER));
        (colon || points).then_some((a, end))
    }

    fn is_doc_noun(&self, k: usize) -> bool {
        self.is_word(k) && is(self.toks[k].bare(self.text), lexicon::DOC_NOUN)
    }

    /// Who wrote or spoke the document an intro `[a, b)` announces.
    fn document_author(&self, a: usize, b: usize) -> Option<Np> {
        // the first document noun is the head: in `Roe's statement on the committee's report`
        // the report is what the statement is about
        let mut d = (a..b).find(|&d| self.is_doc_noun(d))?;
        loop {
            if let Some(np) = self.possessor(d, a) {
                return self.single_author(np);
            }
            // `the remarks Sen. Jane Roe delivered on the floor`, `a letter she sent`: the
            // subject of a relative clause
            if let Some((np @ (Np::Run(_) | Np::Pronoun(_)), next)) = self.np_forward(d + 1, b) {
                if self.is_author(np) && self.is_word(next) && !self.toks[next].is_cap() {
                    return self.single_author(np);
                }
            }
            // `statement of Sen. Roe`, `remarks by Jane Roe`, `text of Roe's letter`,
            // `Excerpts of his testimony`
            if !(d + 2 < b && matches!(self.word(d + 1), "of" | "by" | "from")) {
                break;
            }
            match self.np_forward(d + 2, b) {
                Some((np @ Np::Run(_), _)) if self.is_author(np) => {
                    return self.single_author(np);
                }
                Some((Np::Nominal { b: end, .. }, _)) if self.is_doc_noun(end - 1) => d = end - 1,
                _ => break,
            }
        }
        // `Sen. Jane Roe (D-XX) issued the following statement`
        if let Some(np) = self.intro_subject(a, b) {
            return self.single_author(np);
        }
        // `Roe spoke on the floor today. The text of the speech follows:`
        let before = a.checked_sub(1)?;
        let floor = self.sentence_floor(before);
        if self.toks[before].para + 1 < self.toks[a].para {
            return None;
        }
        self.intro_subject(floor, before)
            .filter(|&np| self.is_evident_person(np))
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
        let start = self.main_clause_start(a, b);
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
                if is(first, lexicon::DOC_NOUN | lexicon::POINTER | lexicon::STOP) {
                    return false;
                }
                self.is_person_name(r) || run.entity.is_some()
            }
            Np::Nominal { .. } => false,
        }
    }

    /// A document several people share (`their letter`, `we`) has no one speaker.
    fn single_author(&self, np: Np) -> Option<Np> {
        match np {
            Np::Nominal { .. } => None,
            Np::Pronoun(k) if matches!(self.word(k), "they" | "They" | "we" | "We") => None,
            other => Some(other),
        }
    }
}
