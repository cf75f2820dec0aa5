//! Who said each quote: named sieves, from the most precise construction to the least.
//!
//! For each quotation, in reading order, the first sieve that answers wins
//! ([`Sieve`] names them; every [`Attribution`] records its sieve, so the evaluation can
//! report each one's precision per source):
//! 1. [`Sieve::Trailing`] — a cue after the quote in its own sentence: `"…," X said` /
//!    `"…," said X` / `"…" — X` / `"…," according to X` (54 % of news quotes, the most
//!    reliable);
//! 2. [`Sieve::Statement`] — a document introduced by its author right before the quote:
//!    `Sen. Jane Roe issued the following statement:` ¶ `"…"`, `Excerpts of her testimony
//!    are below:`;
//! 3. [`Sieve::Leading`] — a cue before it in its own sentence: `X said: "…"`, `X said his
//!    rival was "…"` (the subject of the nearest reporting verb, never simply the nearest
//!    name), `X: "…"`;
//! 4. [`Sieve::Intro`] — the paragraph before ends in a colon: `Jane Doe said:` ¶ `"…"`;
//! 5. [`Sieve::LookAhead`] — `"A." "B," X said.` gives A to X when nothing earlier in the
//!    paragraph attributes it;
//! 6. [`Sieve::Continuation`] — a quote with no attribution of its own takes the speaker of
//!    the most recent attribution (quote or paraphrase) in the same or the previous two
//!    paragraphs;
//! 7. [`Sieve::Byline`] — the article's metadata names an office or official as its author
//!    (`Office of Sen. Jane Roe`): a press release's unintroduced statements are theirs;
//! 8. otherwise abstain.
//!
//! One job per file: [`context`] reads tokens, [`clause`] finds sentences, clauses and
//! subjects, [`np`] chunks noun phrases, [`resolve`] turns a mention into a name with the
//! article's [`Registry`]; each sieve has its own file. A wrong name is worse than none, so
//! every step abstains when the evidence is split.

mod byline;
mod clause;
mod context;
mod continuation;
mod description;
mod intro;
mod leading;
mod look_ahead;
mod np;
mod resolve;
mod statement;
mod trailing;
mod words;

use super::cues::{is_adverb_or_aux, CueStrength};
use super::names::Registry;
use super::quotes::Span;
use super::text::{Kind, Tok};
use context::Ctx;
use np::Np;

/// The construction that attributed a quote.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Sieve {
    Trailing,
    Statement,
    Leading,
    Intro,
    LookAhead,
    Continuation,
    Byline,
}

impl Sieve {
    /// The name used in JSON output and the evaluation report.
    pub fn name(self) -> &'static str {
        match self {
            Sieve::Trailing => "trailing",
            Sieve::Statement => "statement",
            Sieve::Leading => "leading",
            Sieve::Intro => "intro",
            Sieve::LookAhead => "look_ahead",
            Sieve::Continuation => "continuation",
            Sieve::Byline => "byline",
        }
    }
}

/// The attribution of one quote.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Attribution {
    pub speaker: Option<String>,
    pub mention: Option<String>,
    pub title: Option<String>,
    pub cue: Option<String>,
    /// Found in the quote's own sentence (not inherited from a previous quote).
    pub own: bool,
    /// Which sieve answered; `None` when none did.
    pub sieve: Option<Sieve>,
}

impl Attribution {
    fn by(mut self, sieve: Sieve) -> Self {
        self.sieve = Some(sieve);
        self
    }
}

/// The most recent attribution, which a quote without its own inherits.
#[derive(Debug, Clone)]
struct Event {
    para: usize,
    said: Said,
}

/// Who the most recent attribution names.
#[derive(Debug, Clone)]
enum Said {
    /// A quote's attribution.
    Quote(Attribution),
    /// The subject of a paraphrase (`Jane Doe said the vote …`), resolved to a name only when
    /// a later quote inherits it: most paraphrases are followed by another one or by a quote
    /// with its own attribution, and resolving builds strings (and may scan the article).
    /// Nothing resolution reads changes in between, so the answer is the same.
    Paraphrase(Np),
}

/// Attribute every quote; `out[i]` belongs to `quotes[i]`.
///
/// `author` is the article's author or byline from its metadata, if any: evidence for quotes
/// the text attributes to no one ([`Sieve::Byline`]).
pub fn attribute(
    text: &str,
    toks: &[Tok],
    quotes: &[Span],
    reg: &mut Registry,
    author: Option<&str>,
) -> Vec<Attribution> {
    let mut out = vec![Attribution::default(); quotes.len()];
    let mut cx = Ctx::new(text, toks, quotes, reg);
    cx.author = author;
    cx.gender_evidence();
    let descriptions = cx.description_heads();
    cx.pron = super::pronouns::resolve(text, toks, cx.reg, &cx.cues, &descriptions);
    let mut last: Option<Event> = None;
    for (i, t) in toks.iter().enumerate() {
        match t.kind {
            Kind::Word => {
                if let Some(np) = cx.paraphrase_subject(i) {
                    // what resolving would record now; the name itself waits
                    cx.mark_named_person(np);
                    last = Some(Event {
                        para: t.para,
                        said: Said::Paraphrase(np),
                    });
                }
            }
            Kind::Quote => {
                let mut attr = cx
                    .own_attribution(i)
                    .unwrap_or_else(|| cx.inherited(i, last.as_ref()));
                if attr.sieve.is_none() {
                    attr = cx.byline(None).unwrap_or(attr);
                }
                if attr.own || attr.speaker.is_some() {
                    last = Some(Event {
                        para: t.para,
                        said: Said::Quote(attr.clone()),
                    });
                }
                out[t.quote] = attr;
            }
            Kind::Punct => {}
        }
    }
    out
}

impl Ctx<'_> {
    /// The sieves that read the quote's own sentence (or the intro right before it), in
    /// order of precision.
    fn own_attribution(&mut self, qt: usize) -> Option<Attribution> {
        if let Some(a) = self.trailing(qt) {
            return Some(a.by(Sieve::Trailing));
        }
        if let Some(a) = self.statement(qt) {
            return Some(a.by(Sieve::Statement));
        }
        if let Some(a) = self.leading(qt) {
            return Some(a.by(Sieve::Leading));
        }
        let t = &self.toks[qt];
        if qt > 0 && self.toks[qt - 1].para != t.para && self.toks[qt - 1].is_punct(':') {
            // `Jane Doe said:` ¶ `"…"`: the intro names the speaker
            return self.intro_or_cue(qt - 1).map(|a| a.by(Sieve::Intro));
        }
        None
    }

    /// Gender evidence from `X said he …`, gathered before any pronoun is resolved.
    fn gender_evidence(&mut self) {
        for i in 0..self.toks.len() {
            let Some(c) = self.cue_of(i) else { continue };
            if c.strength != CueStrength::Strong || i == 0 {
                continue;
            }
            let floor = self.sentence_floor(i);
            let mut s = i;
            while s > floor && self.is_word(s - 1) && is_adverb_or_aux(self.word(s - 1)) {
                s -= 1;
            }
            if s > floor {
                if let Some(np) = self.np_backward(s - 1, floor, 0) {
                    if let Np::Run(r) = np {
                        if let Some(e) = self.reg.runs[r].entity {
                            self.reg.mark_person(e);
                        }
                    }
                    self.vote_gender(np, i + c.words);
                }
            }
        }
    }

    /// The subject of a strong reporting verb at `i` heading its main clause: someone whose
    /// words are reported (`Jane Doe said the vote …`), whom a later bare quote may continue.
    fn paraphrase_subject(&self, i: usize) -> Option<Np> {
        let c = self.cue_of(i)?;
        if c.strength != CueStrength::Strong {
            return None;
        }
        let floor = self.sentence_floor(i);
        let np = self.subject_of(i, floor)?;
        self.heads_main_clause(np, floor).then_some(np)
    }
}
