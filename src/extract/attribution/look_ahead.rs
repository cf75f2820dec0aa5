//! Sieve `look_ahead`: `"A." "B," X said.` gives A the attribution of B.

use super::super::text::Kind;
use super::{Attribution, Ctx};

impl Ctx<'_> {
    /// Sieve 4: `"A." "B," X said.` – A takes B's trailing attribution when the two quotes are
    /// adjacent in one paragraph.
    pub(super) fn look_ahead(&mut self, qt: usize) -> Option<Attribution> {
        let n = qt + 1;
        if n >= self.toks.len()
            || self.toks[n].kind != Kind::Quote
            || self.toks[n].para != self.toks[qt].para
        {
            return None;
        }
        self.trailing(n)
    }
}
