//! Closed-class word predicates the sieves ask about single words.

use super::super::gender::Gender;
use super::super::text::{lower_ascii, Tok};

pub(super) fn lw<'a>(w: &'a str, buf: &'a mut [u8; 24]) -> &'a str {
    lower_ascii(w, buf).unwrap_or("")
}

pub(super) fn pronoun_gender(w: &str) -> Option<Option<Gender>> {
    let mut b = [0u8; 24];
    match lw(w, &mut b) {
        "he" => Some(Some(Gender::Male)),
        "she" => Some(Some(Gender::Female)),
        "they" | "it" | "we" | "i" | "you" => Some(None),
        _ => None,
    }
}

pub(super) fn is_determiner(w: &str) -> bool {
    let mut b = [0u8; 24];
    matches!(
        lw(w, &mut b),
        "the"
            | "a"
            | "an"
            | "his"
            | "her"
            | "their"
            | "its"
            | "our"
            | "my"
            | "one"
            | "another"
            | "this"
            | "that"
            | "some"
            | "two"
            | "three"
            | "several"
            | "many"
            | "other"
            | "both"
    )
}

/// After `told`, `asked` and the like the name is the listener, not the speaker.
pub(super) fn takes_listener(lemma: &str) -> bool {
    matches!(
        lemma,
        "tell"
            | "ask"
            | "inform"
            | "remind"
            | "urge"
            | "assure"
            | "advise"
            | "instruct"
            | "warn"
            | "thank"
            | "email"
            | "text"
            | "question"
            | "beg"
            | "implore"
            | "press"
            | "lecture"
            | "scold"
            | "answer"
    )
}

/// A word after which a reporting verb's form can only be a noun or adjective.
pub(super) fn is_noun_marker(t: &Tok, text: &str) -> bool {
    let w = t.text(text);
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
    let mut b = [0u8; 24];
    matches!(
        lw(w, &mut b),
        "the"
            | "a"
            | "an"
            | "his"
            | "their"
            | "its"
            | "our"
            | "my"
            | "your"
            | "these"
            | "those"
            | "following"
    )
}

pub(super) fn is_function_word(w: &str) -> bool {
    let mut b = [0u8; 24];
    matches!(
        lw(w, &mut b),
        "that"
            | "who"
            | "which"
            | "and"
            | "or"
            | "but"
            | "to"
            | "in"
            | "on"
            | "at"
            | "as"
            | "if"
            | "when"
            | "while"
            | "because"
            | "than"
            | "is"
            | "was"
            | "are"
            | "were"
            | "be"
            | "been"
            | "not"
            | "it"
            | "he"
            | "she"
            | "they"
            | "there"
            | "what"
            | "whether"
            | "after"
            | "before"
            | "so"
            | "by"
            | "about"
            | "into"
            | "over"
    )
}

/// Does `w` (capitalised) also occur in `text` as a whole word starting in lower case?
pub(super) fn used_in_lower_case(text: &str, w: &str) -> bool {
    let mut chars = w.chars();
    let Some(first) = chars.next().filter(|c| c.is_uppercase()) else {
        return false;
    };
    // all-capitals words are acronyms (`BBC`), never common words written in capitals
    if chars.clone().all(|c| !c.is_lowercase()) {
        return false;
    }
    let lower: String = first.to_lowercase().chain(chars).collect();
    text.match_indices(lower.as_str()).any(|(i, m)| {
        let before = text[..i].chars().next_back();
        let after = text[i + m.len()..].chars().next();
        !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric)
    })
}

/// First words of an opening phrase that ends in a comma (`Since then,`, `In a statement,`).
pub(super) fn is_prep_or_adverb_opening(w: &str) -> bool {
    let mut b = [0u8; 24];
    matches!(
        lw(w, &mut b),
        "since"
            | "in"
            | "on"
            | "at"
            | "after"
            | "before"
            | "during"
            | "last"
            | "earlier"
            | "later"
            | "meanwhile"
            | "however"
            | "still"
            | "yet"
            | "also"
            | "now"
            | "then"
            | "when"
            | "while"
            | "for"
            | "with"
            | "as"
            | "by"
            | "over"
            | "under"
            | "amid"
    ) || w.ends_with("ly")
}

pub(super) fn is_subordinator(w: &str) -> bool {
    let mut b = [0u8; 24];
    matches!(
        lw(w, &mut b),
        "after"
            | "before"
            | "when"
            | "while"
            | "because"
            | "if"
            | "although"
            | "though"
            | "since"
            | "as"
            | "that"
            | "who"
            | "which"
            | "until"
            | "unless"
            | "whether"
            | "where"
    )
}

pub(super) fn is_prep(w: &str) -> bool {
    let mut b = [0u8; 24];
    matches!(
        lw(w, &mut b),
        "of" | "for" | "at" | "with" | "from" | "in" | "on"
    )
}
