//! Definite descriptions of someone named before: `said the American`, `the 52-year-old
//! actress said`, `says the DJ`, `the Leeds defender added`. When no one in the article carries
//! the role as a title ([`Ctx::role_entity`]), the description is read like a pronoun: the
//! person most recently named, of the role's gender when it tells one ([`super::super::pronouns`]
//! resolves it in the same pass as he and she).
//!
//! Only roles a report uses to refer again to someone it named (`data/description_roles.txt`:
//! actress, striker, DJ), nationalities and ages are read so; an office (`the president`) may
//! mean someone the article never names. A role right before a name is its title (`the
//! American Jane Doe`).

use super::super::cues::CueStrength;
use super::super::gender::Gender;
use super::super::lexicon::{self, is};
use super::super::pronouns::Described;
use super::super::text::Kind;
use super::Ctx;

/// How many words may stand between `the` and the role (`the Sale full-back`, `the
/// 52-year-old former actress`).
const MAX_MODIFIERS: usize = 3;

impl Ctx<'_> {
    /// The head tokens of the article's definite descriptions of a person, in order, with the
    /// gender the role tells (`actress`, `chairman`).
    pub(super) fn description_heads(&self) -> Vec<(usize, Described)> {
        let mut out = Vec::new();
        for k in 0..self.toks.len() {
            if !self.is_word(k) {
                continue;
            }
            // `it said`, `It added`: an organisation speaking (a person is `he` or `she`)
            if matches!(self.word(k), "it" | "It") {
                let v = self.skip_adverbs(k + 1, self.toks.len());
                if self
                    .cue_of(v)
                    .is_some_and(|c| c.strength == CueStrength::Strong)
                {
                    out.push((k, Described::Organisation));
                }
                continue;
            }
            if !self.word(k).eq_ignore_ascii_case("the") {
                continue;
            }
            if let Some(h) = self.organisation_head(k) {
                out.push((h, Described::Organisation));
                continue;
            }
            if let Some(h) = self.description_head(k) {
                let c = lexicon::class(self.toks[h].bare(self.text));
                let g = if c & lexicon::MALE_TITLE != 0 {
                    Some(Gender::Male)
                } else if c & lexicon::FEMALE_TITLE != 0 {
                    Some(Gender::Female)
                } else {
                    None
                };
                out.push((h, Described::Person(g)));
            }
        }
        out
    }

    /// The organisation noun of `the company`, `the Swiss group`, `the world's biggest
    /// insurer`… opened by `the` at token `k`: at most two modifiers between.
    pub(super) fn organisation_head(&self, k: usize) -> Option<usize> {
        let para = self.toks[k].para;
        for h in k + 1..(k + 4).min(self.toks.len()) {
            let t = &self.toks[h];
            if t.kind != Kind::Word || t.para != para {
                return None;
            }
            let w = t.bare(self.text);
            if !t.is_cap() && is(w, lexicon::ORG_NOUN) {
                // `the company's shares`: a possessive is no speaker
                let next_cap = self.is_word(h + 1) && self.toks[h + 1].is_cap();
                return (!t.is_poss() && !next_cap).then_some(h);
            }
            if self.cue_of(h).is_some()
                || is(
                    w,
                    lexicon::FUNCTION_WORD | lexicon::DETERMINER | lexicon::AUX,
                )
            {
                return None;
            }
        }
        None
    }

    /// The role word of a description opened by `the` at token `k`.
    pub(super) fn description_head(&self, k: usize) -> Option<usize> {
        let para = self.toks[k].para;
        for h in k + 1..(k + 2 + MAX_MODIFIERS).min(self.toks.len()) {
            let t = &self.toks[h];
            if t.kind != Kind::Word || t.para != para {
                return None;
            }
            let w = t.bare(self.text);
            let c = lexicon::class(w);
            let age = w.ends_with("-year-old");
            if c & (lexicon::DESCRIPTION_ROLE | lexicon::DEMONYM) != 0 || age {
                // `the American Jane Doe`: a name follows, the role is its title
                let name_follows = self.is_word(h + 1) && self.toks[h + 1].is_cap();
                let plural = w.len() > 3
                    && w.ends_with('s')
                    && is(
                        &w[..w.len() - 1],
                        lexicon::DESCRIPTION_ROLE | lexicon::DEMONYM,
                    );
                return (!name_follows && !plural).then_some(h);
            }
            // modifiers: `52-year-old`, `former`, `Sale`, `in-form`; no verbs or function
            // words
            if self.cue_of(h).is_some()
                || is(
                    w,
                    lexicon::FUNCTION_WORD | lexicon::DETERMINER | lexicon::AUX,
                )
            {
                return None;
            }
        }
        None
    }
}
