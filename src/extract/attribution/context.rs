//! Token context for the sieves: the article's tokens with their cue-lexicon answers, and
//! cheap questions about a token (its word, whether it is a number, a cue).

use super::super::cues::{cue, is_adverb_or_aux, Cue};
use super::super::lexicon;
use super::super::names::Registry;
use super::super::pronouns::Pronouns;
use super::super::quotes::Span;
use super::super::text::{Kind, Tok};
use std::cell::OnceCell;
use std::collections::HashSet;

use super::clause::Bounds;
use super::resolve::RoleIndex;
use super::words::is_noun_marker;

pub(super) struct Ctx<'a> {
    pub(super) text: &'a str,
    pub(super) toks: &'a [Tok],
    pub(super) quotes: &'a [Span],
    pub(super) reg: &'a mut Registry,
    /// The lexicon's answer for every token, computed once (`None` for non-cues).
    pub(super) cues: Vec<Option<Cue>>,
    /// Every he/she outside quotes, resolved in reading order.
    pub(super) pron: Pronouns,
    /// Sentence bounds of every token.
    pub(super) bounds: Bounds,
    /// The people's titles as roles, built on the first role noun resolved.
    pub(super) roles: Option<RoleIndex>,
    /// Words of the text that start in lower case, built on the first capitalised word asked
    /// about ([`Ctx::used_in_lower_case`]).
    pub(super) lower_words: OnceCell<HashSet<&'a str>>,
    /// The article's author from its metadata, if any.
    pub(super) author: Option<&'a str>,
    /// The byline's speaker and mention, once worked out (`Some(None)`: it names no one).
    pub(super) byline_name: Option<Option<(String, String)>>,
}

impl<'a> Ctx<'a> {
    pub(super) fn new(
        text: &'a str,
        toks: &'a [Tok],
        quotes: &'a [Span],
        reg: &'a mut Registry,
    ) -> Self {
        let cues = (0..toks.len())
            .map(|i| {
                let t = &toks[i];
                if t.kind != Kind::Word || !t.ch.is_ascii_lowercase() {
                    return None;
                }
                let next = toks
                    .get(i + 1)
                    .filter(|n| n.kind == Kind::Word)
                    .map(|n| n.text(text));
                // the lexicon turns most words away in a few instructions: ask it before
                // looking at the word before
                let c = cue(t.text(text), next)?;
                // `his comments`, `Trump's remarks`, `an added`: after a determiner or a
                // possessive the word is a noun or adjective, not a reporting verb
                if i > 0 && toks[i - 1].kind == Kind::Word && is_noun_marker(&toks[i - 1], text) {
                    return None;
                }
                Some(c)
            })
            .collect();
        Ctx {
            text,
            toks,
            quotes,
            reg,
            cues,
            pron: Pronouns::default(),
            bounds: Bounds::new(text, toks, quotes),
            roles: None,
            lower_words: OnceCell::new(),
            author: None,
            byline_name: None,
        }
    }
}

impl Ctx<'_> {
    pub(super) fn word(&self, i: usize) -> &str {
        self.toks[i].text(self.text)
    }

    pub(super) fn is_word(&self, i: usize) -> bool {
        i < self.toks.len() && self.toks[i].kind == Kind::Word
    }

    /// A word of digits only: an age (`Jane Doe, 35,`) or a year.
    pub(super) fn is_number(&self, i: usize) -> bool {
        self.is_word(i) && self.word(i).bytes().all(|b| b.is_ascii_digit())
    }

    pub(super) fn cue_at(&self, i: usize) -> Option<(super::super::cues::Cue, String)> {
        let c = self.cue_of(i)?;
        let s = if c.words == 2 {
            self.text[self.toks[i].s..self.toks[i + 1].e].to_string()
        } else {
            self.word(i).to_ascii_lowercase()
        };
        Some((c, s))
    }

    /// The cue at token `i`, without building its text. Inlined: two passes ask it of every
    /// token, and nearly all are answered by the table or the first letter.
    #[inline]
    pub(super) fn cue_of(&self, i: usize) -> Option<super::super::cues::Cue> {
        if let Some(c) = self.cues.get(i).copied().flatten() {
            return Some(c);
        }
        // `ch` is a word's first letter: most words are turned away before being sliced
        if !self.is_word(i) || !matches!(self.toks[i].ch, 'S' | 'A' | 'W' | 'T') {
            return None;
        }
        self.capital_cue(i)
    }

    /// [`Ctx::cue_of`] for a capitalised word starting with S, A, W or T.
    #[inline(never)]
    pub(super) fn capital_cue(&self, i: usize) -> Option<super::super::cues::Cue> {
        // `Said Jane Doe, "…"` opens a sentence with the verb
        let w = self.word(i);
        if matches!(w, "Said" | "Says" | "Asked" | "Added" | "Wrote")
            && (i == 0 || self.sentence_floor(i) == i)
        {
            return cue(&w.to_ascii_lowercase(), None);
        }
        // `Jane Doe Tweeted on Friday`: the platform's capital on the verb
        if matches!(w, "Tweeted" | "Tweets") && i > 0 && self.sentence_floor(i) != i {
            return cue(&w.to_ascii_lowercase(), None);
        }
        None
    }

    pub(super) fn skip_adverbs(&self, mut j: usize, limit: usize) -> usize {
        while j < limit
            && self.is_word(j)
            && is_adverb_or_aux(self.word(j))
            && self.cue_of(j).is_none()
        {
            j += 1;
        }
        j
    }

    /// Does `w` (capitalised) also occur in the text as a whole word starting in lower case?
    /// (`Following` opens a sentence, `following` is a common word.)
    pub(super) fn used_in_lower_case(&self, w: &str) -> bool {
        let mut chars = w.chars();
        let Some(first) = chars.next().filter(|c| c.is_uppercase()) else {
            return false;
        };
        // all-capitals words are acronyms (`BBC`), never common words written in capitals
        if chars.clone().all(|c| !c.is_lowercase()) {
            return false;
        }
        let lower: String = first.to_lowercase().chain(chars).collect();
        self.lower_words
            .get_or_init(|| super::super::text::lower_case_words(self.text))
            .contains(lower.as_str())
    }

    /// Is the cue form at `k` a plural noun (`states`, `notes`, `reports`) because a verb
    /// follows it (`Smaller states have …`)? The reporting verbs' own -s forms (`says`,
    /// `tells`) are verbs.
    pub(super) fn is_plural_noun_cue(&self, k: usize) -> bool {
        let w = self.word(k);
        w.ends_with('s')
            && !matches!(w, "says" | "tells" | "writes" | "adds")
            && self.is_word(k + 1)
            && lexicon::is(self.word(k + 1), lexicon::AUX)
    }
}
