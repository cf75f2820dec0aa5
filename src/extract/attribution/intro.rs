//! Sieve `intro`: a clause ending in a colon right before the quote (`Jane Doe:`, `Jane Doe
//! said:` ¶ `"…"`).

use super::super::cues::{cue, is_adverb_or_aux};
use super::np::Np;
use super::{Attribution, Ctx};

impl Ctx<'_> {
    /// A clause ending in a colon right before a quote (same or previous paragraph) with no
    /// reporting verb: the name right before the colon (`Jane Doe: "…"`, `HEADLINE - Jane Doe:`)
    /// or else the clause's subject (`Jane Doe reflects on the vote:`).
    pub(super) fn intro(&mut self, colon: usize) -> Option<Attribution> {
        if colon == 0 {
            return None;
        }
        let floor = self.sentence_floor(colon);
        // `ON THE BUDGET MISMANAGEMENT:`: a heading in capitals introduces a topic
        let words = (floor..colon).filter(|&k| self.is_word(k));
        if words.clone().count() >= 2
            && words
                .clone()
                .all(|k| !self.word(k).chars().any(char::is_lowercase))
        {
            return None;
        }
        if let Some(np @ Np::Run(r)) = self.np_backward(colon - 1, floor, 0) {
            let a = self.reg.runs[r].a;
            // `… doesn't surprise pollster Jane Doe: "…"`: a full name ending the clause, with
            // no other name in it
            let lone_name = self.is_named_person(r)
                && !(floor..a).any(|j| {
                    let o = self.reg.run_of[j];
                    o != u32::MAX && self.is_named_person(o as usize)
                });
            if a == floor || !self.is_word(a - 1) || lone_name {
                return Some(self.make(np, ":".into()));
            }
        }
        let start = self.main_clause_start(floor, colon);
        let first = (start..colon).find(|&k| {
            self.is_word(k)
                && !is_adverb_or_aux(self.word(k))
                && !matches!(self.word(k), "And" | "But" | "So" | "Then" | "Yet")
        })?;
        let np = match self.np_forward(first, colon)? {
            (np @ Np::Pronoun(_), _) => np,
            (np @ Np::Run(r), next) => {
                let person = self.reg.runs[r]
                    .entity
                    .is_none_or(|e| !self.reg.entities[e].org);
                // the subject must be followed by a verb-like word, not more name; and be no
                // verb itself (`Quoting parts of the report:`)
                let run = &self.reg.runs[r];
                let verb = run.b - run.a == 1 && {
                    let w = self.word(run.a).to_ascii_lowercase();
                    w.ends_with("ing") || cue(&w, None).is_some()
                };
                if !person
                    || verb
                    || next >= colon
                    || !self.is_word(next)
                    || self.toks[next].is_cap()
                {
                    return None;
                }
                np
            }
            _ => return None,
        };
        Some(self.make(np, ":".into()))
    }

    /// The paragraph before ends in a colon: its last sentence's reporting verb, else its
    /// subject.
    pub(super) fn intro_or_cue(&mut self, colon: usize) -> Option<Attribution> {
        let floor = self.sentence_floor(colon);
        let mut k = colon;
        while k > floor {
            k -= 1;
            let Some((_, cs)) = self.cue_at(k) else {
                continue;
            };
            if let Some(np) = self.subject_of(k, floor) {
                return Some(self.make(np, cs));
            }
            // only the reporting verb nearest the colon counts
            break;
        }
        self.intro(colon)
    }
}
