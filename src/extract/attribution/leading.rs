//! Sieve `leading`: the reporting verb before the quote in its sentence, and its subject.

use super::np::Np;
use super::words::*;
use super::{Attribution, Ctx};

impl Ctx<'_> {
    /// Sieve 2: the nearest reporting verb before the quote in its sentence, and its subject.
    pub(super) fn leading(&mut self, qt: usize) -> Option<Attribution> {
        if qt == 0 {
            return None;
        }
        let floor = self.sentence_floor(qt);
        let mut k = qt;
        while k > floor {
            k -= 1;
            if !self.is_word(k) {
                continue;
            }
            if self.word(k) == "to"
                && k > floor
                && self.word(k - 1).eq_ignore_ascii_case("according")
            {
                if let Some((np, _)) = self.np_after(k + 1, qt) {
                    return Some(self.make(np, "according to".into()));
                }
            }
            let Some((c, cs)) = self.cue_at(k) else {
                continue;
            };
            // `Smaller states have an advantage`: a plural noun, not a verb
            if self.is_plural_noun_cue(k) {
                continue;
            }
            if cs == "put" {
                // only `As Jane Doe put it, "…"`
                let as_it = self.is_word(k + 1)
                    && self.word(k + 1) == "it"
                    && (floor..k)
                        .any(|j| self.is_word(j) && self.word(j).eq_ignore_ascii_case("as"));
                if as_it {
                    if let Some(np) = self.subject_of(k, floor) {
                        return Some(self.make(np, "put it".into()));
                    }
                }
                continue;
            }
            if let Some(np) = self.quoted_as(k, qt) {
                return Some(self.make(np, cs));
            }
            if let Some(np) = self.subject_of(k, floor) {
                return Some(self.make(np, cs));
            }
            // inverted: `said X, "…"`; not `said the Gates nomination "…"`, where the name
            // only modifies a noun
            if let Some((np @ Np::Run(_), end)) = self.np_after(k + c.words, qt) {
                let modifier = self.is_word(end) && !self.toks[end].is_cap();
                if !modifier && !takes_listener(c.lemma) {
                    return Some(self.make(np, cs));
                }
            }
        }
        // `X: "…"` / `X reflects on this view: "…"`
        if qt >= 1 && self.toks[qt - 1].is_punct(':') {
            return self.intro(qt - 1);
        }
        None
    }
}
