//! Sieves for a quote with no attribution of its own: look-ahead to the next quote's cue, then
//! continuation of the most recent attribution.

use super::{Attribution, Ctx, Event, Said, Sieve};

/// How many paragraphs back a continuation may reach: a quotation that continues a paragraph
/// or two later keeps its speaker (ATTRIBUTION.md, Table 6); further back the thread is lost.
const CONTINUATION_PARAS: usize = 2;

impl Ctx<'_> {
    /// The attribution of a quote none of the own-sentence sieves attributed.
    pub(super) fn inherited(&mut self, qt: usize, last: Option<&Event>) -> Attribution {
        let para = self.toks[qt].para;
        // `"A." "B," X said.` — unless something earlier in the paragraph already speaks
        if last.is_none_or(|e| e.para != para) {
            if let Some(a) = self.look_ahead(qt) {
                return a.by(Sieve::LookAhead);
            }
        }
        match last {
            Some(e) if e.para + CONTINUATION_PARAS >= para => {
                let (speaker, mention, title) = match &e.said {
                    Said::Quote(a) => (a.speaker.clone(), a.mention.clone(), a.title.clone()),
                    Said::Paraphrase(np) => {
                        let (s, m, t) = self.resolve(*np);
                        (s, Some(m), t)
                    }
                };
                Attribution {
                    speaker,
                    mention,
                    title,
                    cue: None,
                    own: false,
                    sieve: Some(Sieve::Continuation),
                }
            }
            _ => Attribution::default(),
        }
    }
}
