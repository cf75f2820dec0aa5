//! Sieve `trailing`: the cue after the quote in its own sentence.

use super::super::cues::{is_adverb_or_aux, CueStrength};
use super::super::text::{quote_ends_sentence, Kind};
use super::np::Np;
use super::words::*;
use super::{Attribution, Ctx};

impl Ctx<'_> {
    /// Sieve 1: `"…," X said` / `"…," said X` / `"…" — X` / `"…," according to X`.
    pub(super) fn trailing(&mut self, qt: usize) -> Option<Attribution> {
        let q = self.quotes[self.toks[qt].quote];
        let mut j = qt + 1;
        let para = self.toks[qt].para;
        if j >= self.toks.len() || self.toks[j].para != para {
            return None;
        }
        let limit = self.clause_end(j);
        let terminal = quote_ends_sentence(self.text, &q);
        let new_sentence = terminal && self.toks[j].is_cap();
        if self.toks[j].kind == Kind::Punct {
            let c = self.toks[j].ch;
            if matches!(c, '—' | '–' | '-' | '―') {
                // dash sign-off: the name and nothing else
                let (np, next) = self.np_forward(j + 1, self.toks.len().min(j + 12))?;
                if let Np::Run(_) = np {
                    let ok = next >= self.toks.len()
                        || self.toks[next].para != para
                        || matches!(self.toks[next].kind, Kind::Punct if matches!(self.toks[next].ch, ',' | '.' | '('));
                    if ok {
                        return Some(self.make(np, c.to_string()));
                    }
                }
                return None;
            }
            if c == ',' {
                j += 1;
            } else {
                return None;
            }
        }
        if j >= limit {
            return None;
        }
        // `according to X`
        if self.is_word(j)
            && self.word(j).eq_ignore_ascii_case("according")
            && self.is_word(j + 1)
            && self.word(j + 1) == "to"
        {
            let (np, _) = self.np_after(j + 2, limit)?;
            return Some(self.make(np, "according to".into()));
        }
        // `as X put it`
        let j0 = if self.is_word(j) && self.word(j) == "as" {
            j + 1
        } else {
            j
        };
        // `"…," while Bob Roe noted …` reports someone else's words, not this quote's
        if self.is_word(j0) && matches!(self.word(j0), "while" | "whereas" | "although" | "though")
        {
            return None;
        }
        // the first reporting verb of the clause
        let scan_end = limit.min(j0 + 24);
        let c_at = (j0..scan_end).find(|&k| self.cue_of(k).is_some())?;
        let (c, cs) = self.cue_at(c_at)?;
        if let Some(np) = self.quoted_as(c_at, limit) {
            return Some(self.make(np, cs));
        }
        // a weak cue counts only when it ends the sentence: `"…?" Jane Doe questioned.`
        let ends_here = self.skip_adverbs(c_at + c.words, limit) >= limit;
        if c.strength != CueStrength::Strong && cs != "put" && !ends_here {
            return None;
        }
        if self.skip_adverbs(j0, limit) == c_at {
            // `defended “New York values,” saying the city …`: a participle belongs to the
            // sentence's main clause; what follows it is what was said
            if self.word(c_at).ends_with("ing") && c.words == 1 {
                let floor = self.sentence_floor(c_at);
                let np = self.main_subject(c_at, floor)?;
                return Some(self.make(np, cs));
            }
            // inverted: `said X`
            let (np, next) = self.np_after(c_at + c.words, limit)?;
            if new_sentence && !self.short_clause(next, limit) {
                return None;
            }
            return Some(self.make(np, cs));
        }
        let mut s = c_at;
        while s > j0 && self.is_word(s - 1) && is_adverb_or_aux(self.word(s - 1)) {
            s -= 1;
        }
        // `Clinton “drew …” in the primary, said Ohio State professor Paul Beck.`
        // (after `told`, `asked` the name is the listener)
        if s > j0 && self.toks[s - 1].is_punct(',') && !takes_listener(c.lemma) {
            if let Some((np @ Np::Run(r), next)) = self.np_after(c_at + c.words, limit) {
                if self.is_named_person(r) && (next >= limit || !self.is_word(next)) {
                    return Some(self.make(np, cs));
                }
            }
        }
        // `… But Jane Doe did not respond`: a negated cue reports no words
        if s == j0 || (s..c_at).any(|k| matches!(self.word(k), "not" | "never")) {
            return None;
        }
        // `Jane Doe, who chairs the Acme PAC said`: a relative clause left unclosed
        let np = match self.relative_head(j0, s) {
            Some(r) => Np::Run(r),
            // `Mr Prettejohn, Lloyd's chief executive said`: an apposition left unclosed
            None => self.unclosed_apposition(self.np_backward(s - 1, j0, 0)?, j0)?,
        };
        if self.np_is_noun_homograph_subject(np, &cs) {
            return None;
        }
        // only words may precede the subject (`campaign manager Jeff Weaver said`)
        let np_start = self.np_start(np);
        if (j0..np_start)
            .any(|k| !(self.is_word(k) || self.toks[k].is_punct(',')) || self.cue_of(k).is_some())
        {
            return None;
        }
        // `"…." One in three women, the survey said, thought …`: a new sentence about
        // something else, with a parenthetical cue
        if new_sentence && (np_start > j0 || !self.short_clause(c_at + c.words, limit)) {
            return None;
        }
        Some(self.make(np, cs))
    }
}
