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

/// Prefix words that only modify a title and mean nothing on their own mid-name
/// ("Friends of the Earth" keeps its words).
const MODIFIERS: &[&str] = &["the", "u.s", "us", "state", "former", "vice", "deputy"];

/// Last words that make a name an organisation, whose leading words are not titles.
const ORGANISATION_HEADS: &[&str] = &[
    "department",
    "ministry",
    "office",
    "agency",
    "committee",
    "council",
    "commission",
    "party",
    "court",
    "service",
    "bureau",
    "administration",
    "board",
    "house",
    "senate",
    "association",
    "union",
    "institute",
    "foundation",
    "campaign",
    "government",
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
    if words.first() == Some(&"the") && words.len() > 1 {
        words.remove(0);
    }
    // Leading titles and honorifics, but never the last word (a person called "Justice"),
    // and not in organisation names ("Justice Department", "State Department").
    let organisation = words
        .last()
        .is_some_and(|w| ORGANISATION_HEADS.contains(&w.trim_end_matches('.')));
    // Titles may follow a place or party ("Idaho Sen. Larry Craig", "Republican Gov. X"):
    // everything up to the last title word before the final word goes.
    if !organisation {
        let last_title = words[..words.len().saturating_sub(1)]
            .iter()
            .rposition(|w| {
                let w = w.trim_end_matches('.');
                PREFIXES.contains(&w) && !MODIFIERS.contains(&w)
            });
        if let Some(i) = last_title {
            words.drain(..=i);
        }
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
        state_department: "State Department" => "state department";
        chief_justice: "Chief Justice John Roberts" => "john roberts";
        title_after_place: "Idaho Sen. Larry Craig" => "larry craig";
        title_after_party: "Republican Senator Larry Craig" => "larry craig";
        article_mid_name: "Friends of the Earth" => "friends of the earth";
        only_title_kept: "Justice" => "justice";
        empty: "" => "";
    }

    #[test]
    fn surname_skips_suffix() {
        assert_eq!(surname_of("donald trump jr"), "trump");
        assert_eq!(surname_of("kit bond"), "bond");
    }
}

/// The user's alias file: `canonical<TAB>variant<TAB>variant…` per line, `#` comments.
/// Every variant (and the canonical name itself) maps to the canonical name, compared by
/// [`speaker_key`], so the file needs no case or punctuation variants.
#[derive(Debug, Clone, Default)]
pub struct Aliases {
    map: std::collections::HashMap<String, String>,
    /// Hash of the file's bytes: a change means stored speakers must be recomputed.
    pub fingerprint: u64,
}

impl Aliases {
    /// Parse alias-file text; returns the aliases and a message for each bad line.
    pub fn parse(text: &str) -> (Aliases, Vec<String>) {
        let mut map = std::collections::HashMap::new();
        let mut problems = Vec::new();
        for (n, line) in text.lines().enumerate() {
            let line = line.trim_end_matches('\r');
            if line.trim().is_empty() || line.trim_start().starts_with('#') {
                continue;
            }
            let mut cols = line.split('\t').map(str::trim).filter(|c| !c.is_empty());
            let Some(canonical) = cols.next() else {
                continue;
            };
            let variants: Vec<&str> = cols.collect();
            if variants.is_empty() {
                problems.push(format!(
                    "line {}: `{canonical}` has no variants (separate names with tabs)",
                    n + 1
                ));
                continue;
            }
            for v in variants.into_iter().chain([canonical]) {
                let key = speaker_key(v);
                if !key.is_empty() {
                    map.insert(key, canonical.to_string());
                }
            }
        }
        let fingerprint = xxhash_rust::xxh3::xxh3_64(text.as_bytes());
        (Aliases { map, fingerprint }, problems)
    }

    /// The display name and grouping key for a speaker as the extractor named them.
    pub fn resolve<'a>(&'a self, name: &'a str) -> (&'a str, String) {
        let key = speaker_key(name);
        match self.map.get(&key) {
            Some(canonical) => (canonical.as_str(), speaker_key(canonical)),
            None => (name, key),
        }
    }
}

#[cfg(test)]
mod alias_tests {
    use super::*;

    #[test]
    fn variants_map_to_canonical() {
        let (a, problems) =
            Aliases::parse("# people\nBarack Obama\tBarry Obama\tPresident Obama\nlonely\n");
        assert_eq!(problems.len(), 1);
        assert_eq!(a.resolve("barry obama").0, "Barack Obama");
        assert_eq!(a.resolve("Barry  Obama").1, "barack obama");
        assert_eq!(a.resolve("President Obama").0, "Barack Obama");
        assert_eq!(
            a.resolve("Michelle Obama"),
            ("Michelle Obama", "michelle obama".to_string())
        );
    }
}
