//! Sieve `byline`: the article's own author, when its metadata names an office or an official
//! (`Office of Sen. Jane Roe`, `Sen. Roe`), speaks the quotes nothing in the text attributes —
//! a press release's unintroduced statements are its author's. A reporter's byline (`By Jane
//! Roe`, a bare name) is no such evidence: reporters do not quote themselves.

use super::super::lexicon::{self, is};
use super::super::names::{key, with_key};
use super::{Attribution, Ctx, Sieve};

impl Ctx<'_> {
    /// The byline's attribution, with `cue`; `None` when the metadata names no office or
    /// official.
    pub(super) fn byline(&mut self, cue: Option<String>) -> Option<Attribution> {
        let author = self.author?;
        let (speaker, mention) = match &self.byline_name {
            Some(known) => known.clone()?,
            None => {
                let found = self.resolve_byline(author);
                self.byline_name = Some(found.clone());
                found?
            }
        };
        Some(Attribution {
            speaker: Some(speaker),
            mention: Some(mention),
            title: None,
            cue,
            own: false,
            sieve: Some(Sieve::Byline),
        })
    }

    /// `Office of Sen. Jane Roe` → (the person's fullest name in the article, the byline).
    fn resolve_byline(&self, author: &str) -> Option<(String, String)> {
        let words: Vec<&str> = author
            .split_whitespace()
            .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric() && c != '.'))
            .filter(|w| !w.is_empty())
            .collect();
        let office = words.iter().any(|w| w.eq_ignore_ascii_case("office"));
        // the name: the capitalised words after the last title or `of`
        let start = words
            .iter()
            .rposition(|w| is(w, lexicon::TITLE) || w.eq_ignore_ascii_case("of"))
            .map_or(0, |i| i + 1);
        let titled = words[..start].iter().any(|w| is(w, lexicon::TITLE));
        let name: Vec<&str> = words[start..]
            .iter()
            .copied()
            .take_while(|w| w.chars().next().is_some_and(char::is_uppercase))
            .filter(|w| !is(w, lexicon::SUFFIX))
            .collect();
        if !(office || titled) || name.is_empty() {
            return None;
        }
        let surname = name.last()?;
        let cands = with_key(surname.trim_end_matches('.'), |k| {
            self.reg.surname_candidates(k, None)
        });
        let speaker = match cands.as_slice() {
            [e] => self.reg.entities[*e].name(),
            _ if name.len() >= 2 => name.join(" "),
            _ => surname.to_string(),
        };
        // a byline word that is no name (`Office of the Majority Leader`)
        if key(&speaker).is_empty() || !super::resolve::is_plausible_speaker(&speaker) {
            return None;
        }
        Some((speaker, author.to_string()))
    }
}
