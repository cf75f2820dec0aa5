//! Closed-class word questions the sieves ask about single words. The word lists are data
//! (`src/extract/data/`, through [`lexicon`]); what stays here is how a word is asked about.

use super::super::gender::Gender;
use super::super::lexicon::{self, is};
use super::super::text::{lower_ascii, Tok};

pub(super) fn lw<'a>(w: &'a str, buf: &'a mut [u8; 24]) -> &'a str {
    lower_ascii(w, buf).unwrap_or("")
}

/// `Some(gender)` for a personal pronoun that can be a speaker (`None` inside for the ones
/// that tell no gender), `None` for any other word.
pub(super) fn pronoun_gender(w: &str) -> Option<Option<Gender>> {
    let mut b = [0u8; 24];
    match lw(w, &mut b) {
        "he" => Some(Some(Gender::Male)),
        "she" => Some(Some(Gender::Female)),
        "they" | "it" | "we" | "i" | "you" => Some(None),
        _ => None,
    }
}

/// A word that opens a noun phrase: a determiner or a quantifier (`the senator`, `two aides`).
pub(super) fn is_determiner(w: &str) -> bool {
    is(w, lexicon::DETERMINER | lexicon::QUANTIFIER)
}

/// After `told`, `asked` and the like the name is the listener, not the speaker.
pub(super) fn takes_listener(lemma: &str) -> bool {
    is(lemma, lexicon::LISTENER_VERB)
}

/// A word after which a reporting verb's form can only be a noun or adjective.
pub(super) fn is_noun_marker(t: &Tok, text: &str) -> bool {
    if t.is_poss() {
        // `he's said` is `he has said`
        let mut b = [0u8; 24];
        let bare = lw(t.bare(text), &mut b);
        return t.is_cap()
            && !matches!(
                bare,
                "he" | "she" | "it" | "that" | "there" | "who" | "what"
            );
    }
    is(t.text(text), lexicon::NOUN_MARKER)
}

pub(super) fn is_function_word(w: &str) -> bool {
    is(w, lexicon::FUNCTION_WORD)
}

/// First words of an opening phrase that ends in a comma (`Since then,`, `In a statement,`).
pub(super) fn is_prep_or_adverb_opening(w: &str) -> bool {
    is(w, lexicon::CLAUSE_OPENING) || w.ends_with("ly")
}

pub(super) fn is_subordinator(w: &str) -> bool {
    is(w, lexicon::SUBORDINATOR)
}

pub(super) fn is_prep(w: &str) -> bool {
    is(w, lexicon::PREPOSITION)
}
