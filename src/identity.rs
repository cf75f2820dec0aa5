//! Speaker identity across articles: one canonical key per person, so that `Donald J. Trump`,
//! `Donald Trump` and `Sen. Kit Bond`/`Kit Bond` group together while `Donald Trump Jr.`
//! and `Ivanka Trump` stay apart.
//!
//! The key is deliberately conservative: it removes only variation that never distinguishes
//! two people (case, diacritics, punctuation, honorifics and titles in front, middle
//! initials, possessive endings). Anything cleverer (nicknames, maiden names) belongs in the
//! user's alias file, because guessing there merges different people.

use unicode_normalization::UnicodeNormalization;

/// Words that may precede a name and never belong to it.
const PREFIXES: &[&str] = &[
    "mr",
    "mrs",
    "ms",
    "miss",
    "mx",
    "dr",
    "prof",
    "professor",
    "sir",
    "dame",
    "lord",
    "lady",
    "sen",
    "senator",
    "rep",
    "representative",
    "congressman",
    "congresswoman",
    "gov",
    "governor",
    "lt",
    "gen",
    "general",
    "col",
    "maj",
    "capt",
    "sgt",
    "adm",
    "president",
    "vice",
    "attorney",
    "secretary",
    "deputy",
    "speaker",
    "leader",
    "chairman",
    "chairwoman",
    "chair",
    "mayor",
    "judge",
    "justice",
    "chief",
    "rev",
    "reverend",
    "fr",
    "father",
    "pastor",
    "rabbi",
    "hon",
    "honorable",
    "former",
    "the",
    "u.s",
    "us",
    "state",
    "minister",
    "prime",
    "sheriff",
    "commissioner",
    "ambassador",
    "director",
    "ceo",
];

/// Canonical grouping key for a speaker name: lower-case ASCII-folded words separated by
/// single spaces. Returns an empty string for names that reduce to nothing.
pub fn speaker_key(name: &str) -> String {
    let folded = fold(name);
    // Drop a trailing apposition or party tag: "Ted Cruz (R-Texas)", "Jane Doe, a lawyer".
    let head = folded.split([',', '(']).next().unwrap_or("");
    let mut words: Vec<&str> = head
        .split(|c: char| c.is_whitespace())
        .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric() && c != '-' && c != '\''))
        .map(|w| w.strip_suffix("'s").unwrap_or(w))
        .map(|w| w.trim_end_matches('\''))
        .filter(|w| !w.is_empty())
        .collect();
    // Leading titles and honorifics, but never the last word (a person called "Justice").
    while words.len() > 1 && PREFIXES.contains(&words[0].trim_end_matches('.')) {
        words.remove(0);
    }
    // Middle initials: single letters strictly between the first and last word.
    let n = words.len();
    let words = words
        .iter()
        .enumerate()
        .filter(|(i, w)| *i == 0 || *i + 1 == n || w.trim_end_matches('.').chars().count() > 1)
        .map(|(_, w)| *w);
    words
        .map(|w| w.replace('.', ""))
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

/// Lower-case, strip diacritics, unify apostrophes.
pub fn fold(s: &str) -> String {
    s.nfkd()
        .filter(|c| !unicode_normalization::char::is_combining_mark(*c))
        .map(|c| match c {
            '\u{2019}' | '\u{2018}' | '`' => '\'',
            _ => c,
        })
        .flat_map(char::to_lowercase)
        .collect()
}

/// The last word of a key: what a user typing only a surname means.
pub fn surname_of(key: &str) -> &str {
    let mut it = key.rsplit(' ');
    let last = it.next().unwrap_or("");
    // "Donald Trump Jr." → "trump"
    match last {
        "jr" | "sr" | "ii" | "iii" | "iv" => it.next().unwrap_or(last),
        _ => last,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    macro_rules! key_cases {
        ($($name:ident: $input:expr => $want:expr;)*) => {$(
            #[test]
            fn $name() {
                assert_eq!(speaker_key($input), $want, "input: {:?}", $input);
            }
        )*};
    }

    key_cases! {
        plain: "Jeff Sessions" => "jeff sessions";
        case_insensitive: "JEFF sessions" => "jeff sessions";
        title_dropped: "Attorney General Jeff Sessions" => "jeff sessions";
        senate_title: "Sen. Kit Bond" => "kit bond";
        honorific: "Mr. Trump" => "trump";
        middle_initial: "Donald J. Trump" => "donald trump";
        junior_kept: "Donald Trump Jr." => "donald trump jr";
        possessive: "Trump’s" => "trump";
        diacritics: "Angela Müller" => "angela muller";
        party_tag: "Ted Cruz (R-Texas)" => "ted cruz";
        apposition: "Jane Doe, a former prosecutor" => "jane doe";
        organisation: "the Justice Department" => "justice department";
        only_title_kept: "Justice" => "justice";
        empty: "" => "";
    }

    #[test]
    fn surname_skips_suffix() {
        assert_eq!(surname_of("donald trump jr"), "trump");
        assert_eq!(surname_of("kit bond"), "bond");
    }
}
