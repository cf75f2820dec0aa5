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
pub(crate) const ORGANISATION_HEADS: &[&str] = &[
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
    let words = name_words(name);
    // Middle initials: single letters strictly between the first and last word.
    let n = words.len();
    words
        .iter()
        .enumerate()
        .filter(|(i, w)| *i == 0 || *i + 1 == n || w.chars().count() > 1)
        .map(|(_, w)| w.as_str())
        .collect::<Vec<_>>()
        .join(" ")
}

/// The words of a name as [`speaker_key`] sees them (folded, titles in front and trailing
/// appositions removed, periods dropped), middle initials included: the people table
/// needs them to keep `George W. Bush` and `George H. W. Bush` apart, which the key does
/// not.
pub fn name_words(name: &str) -> Vec<String> {
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
    words
        .iter()
        .map(|w| w.replace('.', ""))
        .filter(|w| !w.is_empty())
        .collect()
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

/// The user's alias file, one rule a line, `#` to the end of a line a comment, names
/// compared by [`speaker_key`]
/// (so case, titles, punctuation and middle initials need no variants of their own):
///
/// - `canonical<TAB>variant<TAB>variant…`: these names are one person, shown as `canonical`,
///   whatever the evidence says.
/// - `!name<TAB>other<TAB>…`: `name` is never linked to `other` (nor to a person that
///   `other` belongs to): two people who share a surname, or a nickname that is not one.
/// - `!name` alone: `name` is linked to nobody; it stays a row of its own.
///
/// Aliases are applied when the people table is built ([`crate::people`]), not to stored
/// quotes, so changing the file costs a relink, not a re-index.
#[derive(Debug, Clone, Default)]
pub struct Aliases {
    map: std::collections::HashMap<String, String>,
    /// `!a<TAB>b`: unordered pairs of keys never to be linked.
    forbidden: std::collections::HashSet<(String, String)>,
    /// `!a`: keys linked to nobody.
    isolated: std::collections::HashSet<String>,
    /// Hash of the file's bytes: a change means the people table must be rebuilt.
    pub fingerprint: u64,
}

impl Aliases {
    /// Parse alias-file text; returns the aliases and a message for each bad line.
    pub fn parse(text: &str) -> (Aliases, Vec<String>) {
        let mut a = Aliases::default();
        let mut problems = Vec::new();
        for (n, line) in text.lines().enumerate() {
            // `#` starts a comment anywhere: no name contains one.
            let line = line.split('#').next().unwrap_or("").trim_end_matches('\r');
            if line.trim().is_empty() {
                continue;
            }
            let (forbid, line) = match line.trim_start().strip_prefix('!') {
                Some(rest) => (true, rest),
                None => (false, line),
            };
            let mut cols = line.split('\t').map(str::trim).filter(|c| !c.is_empty());
            let Some(first) = cols.next() else {
                problems.push(format!("line {}: `!` with no name after it", n + 1));
                continue;
            };
            let first_key = speaker_key(first);
            if first_key.is_empty() {
                problems.push(format!("line {}: `{first}` contains no name", n + 1));
                continue;
            }
            let variants: Vec<&str> = cols.collect();
            if forbid {
                if variants.is_empty() {
                    a.isolated.insert(first_key.clone());
                }
                for v in variants {
                    let key = speaker_key(v);
                    if !key.is_empty() && key != first_key {
                        a.forbidden.insert(ordered(first_key.clone(), key));
                    }
                }
                continue;
            }
            if variants.is_empty() {
                problems.push(format!(
                    "line {}: `{first}` has no variants (separate names with tabs; \
                     `!{first}` keeps a name apart from everyone)",
                    n + 1
                ));
                continue;
            }
            for v in variants.into_iter().chain([first]) {
                let key = speaker_key(v);
                if !key.is_empty() {
                    a.map.insert(key, first.to_string());
                }
            }
        }
        a.fingerprint = xxhash_rust::xxh3::xxh3_64(text.as_bytes());
        (a, problems)
    }

    /// The display name and grouping key for a speaker as the extractor named them.
    pub fn resolve<'a>(&'a self, name: &'a str) -> (&'a str, String) {
        let key = speaker_key(name);
        match self.map.get(&key) {
            Some(canonical) => (canonical.as_str(), speaker_key(canonical)),
            None => (name, key),
        }
    }

    /// The canonical name the file gives a speaker key, if any.
    pub fn canonical_of(&self, key: &str) -> Option<&str> {
        self.map.get(key).map(String::as_str)
    }

    /// True when the file says these two keys are different people.
    pub fn forbids(&self, a: &str, b: &str) -> bool {
        a != b
            && self
                .forbidden
                .contains(&ordered(a.to_string(), b.to_string()))
    }

    /// True when the file keeps this key apart from everyone (`!name`).
    pub fn isolates(&self, key: &str) -> bool {
        self.isolated.contains(key)
    }

    /// True when the file says nothing.
    pub fn is_empty(&self) -> bool {
        self.map.is_empty() && self.forbidden.is_empty() && self.isolated.is_empty()
    }
}

fn ordered(a: String, b: String) -> (String, String) {
    if a <= b {
        (a, b)
    } else {
        (b, a)
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
        assert_eq!(a.canonical_of("obama"), Some("Barack Obama"));
    }

    #[test]
    fn forbid_lines() {
        let (a, problems) = Aliases::parse(
            "!Sen. Salazar\tJohn Salazar\tJ. Salazar\n!Kennedy   # a comment\n  !  \nKen Salazar\tKenneth Salazar\t# Kenny\n",
        );
        assert_eq!(problems.len(), 1, "{problems:?}");
        assert!(a.forbids("salazar", "john salazar"));
        assert!(a.forbids("john salazar", "salazar"));
        assert!(!a.forbids("salazar", "ken salazar"));
        assert!(a.isolates("kennedy"));
        assert!(!a.isolates("salazar"));
        assert_eq!(a.canonical_of("kenneth salazar"), Some("Ken Salazar"));
        assert_eq!(
            a.canonical_of("kenny salazar"),
            None,
            "comments are no names"
        );
    }
}

/// Separates the parts of a speaker form (see [`speaker_form`]); never part of a name.
pub const FORM_SEP: char = '\u{1f}';

/// Longest name or title kept in a form, in bytes: extractor output is short, and a term
/// must stay far below tantivy's limit whatever the input.
const FORM_PART_MAX: usize = 200;

/// How one quote names its speaker, as the people table links it: the speaker's name as
/// stored, the title the article gave, and the gender the article's wording shows (`m`,
/// `f`, `n` for "it", empty when it shows none), joined by [`FORM_SEP`]. A surname alone is
/// linked per form and article, so that `Rep. Salazar` and `Senator Salazar` in one
/// release can be two people; full names are linked by name alone.
pub fn speaker_form(name: &str, title: Option<&str>, mention: Option<&str>) -> String {
    let mark = gender_mark(title, mention).map_or("", |g| g.as_str());
    let title = title.unwrap_or("");
    format!(
        "{}{FORM_SEP}{}{FORM_SEP}{mark}",
        clip(name, FORM_PART_MAX),
        clip(title, FORM_PART_MAX)
    )
}

/// The parts of a form made by [`speaker_form`]: name, title (may be empty), mark.
pub fn split_form(form: &str) -> (&str, &str, Option<Mark>) {
    let mut parts = form.split(FORM_SEP);
    let name = parts.next().unwrap_or("");
    let title = parts.next().unwrap_or("");
    let mark = parts.next().and_then(Mark::parse);
    (name, title, mark)
}

fn clip(s: &str, max: usize) -> &str {
    if s.len() <= max {
        return s;
    }
    let mut end = max;
    while !s.is_char_boundary(end) {
        end -= 1;
    }
    &s[..end]
}

/// What an article's wording says of a speaker's gender.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Mark {
    Male,
    Female,
    /// "it": an organisation or a thing, never a person.
    Neuter,
}

impl Mark {
    pub fn as_str(self) -> &'static str {
        match self {
            Mark::Male => "m",
            Mark::Female => "f",
            Mark::Neuter => "n",
        }
    }

    fn parse(s: &str) -> Option<Mark> {
        match s {
            "m" => Some(Mark::Male),
            "f" => Some(Mark::Female),
            "n" => Some(Mark::Neuter),
            _ => None,
        }
    }
}

/// Honorifics, titles and pronouns that say a speaker's gender.
fn word_mark(word: &str) -> Option<Mark> {
    match word {
        "mr" | "messrs" | "sir" | "lord" | "congressman" | "assemblyman" | "councilman"
        | "congressmen" | "king" | "prince" | "duke" | "earl" | "baron" | "he" | "him" | "his"
        | "himself" => Some(Mark::Male),
        "mrs" | "ms" | "miss" | "lady" | "dame" | "madam" | "madame" | "congresswoman"
        | "assemblywoman" | "councilwoman" | "chairwoman" | "congresswomen" | "queen"
        | "princess" | "duchess" | "countess" | "baroness" | "she" | "her" | "hers" | "herself" => {
            Some(Mark::Female)
        }
        "it" | "its" | "itself" => Some(Mark::Neuter),
        _ => None,
    }
}

/// The gender a quote's title and mention show: any word of the title, or the first word
/// of the mention ("Mr Blair", "she"); `None` when they disagree or say nothing.
pub fn gender_mark(title: Option<&str>, mention: Option<&str>) -> Option<Mark> {
    let words = |s: &str| -> Vec<String> {
        fold(s)
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .map(str::to_string)
            .collect()
    };
    let mut found: Option<Mark> = None;
    let mut see = |m: Option<Mark>| -> bool {
        match (found, m) {
            (_, None) => true,
            (None, Some(m)) => {
                found = Some(m);
                true
            }
            (Some(a), Some(b)) => a == b,
        }
    };
    for w in title.map(words).unwrap_or_default() {
        if !see(word_mark(&w)) {
            return None;
        }
    }
    if let Some(first) = mention.map(words).and_then(|w| w.into_iter().next()) {
        if !see(word_mark(&first)) {
            return None;
        }
    }
    found
}

#[cfg(test)]
mod form_tests {
    use super::*;

    #[test]
    fn forms_round_trip() {
        let f = speaker_form("Blair", None, Some("Mr Blair"));
        assert_eq!(split_form(&f), ("Blair", "", Some(Mark::Male)));
        let f = speaker_form("Salazar", Some("Rep."), Some("Rep. Salazar"));
        assert_eq!(split_form(&f), ("Salazar", "Rep.", None));
        let f = speaker_form("Acme", None, Some("it"));
        assert_eq!(split_form(&f), ("Acme", "", Some(Mark::Neuter)));
        let long = "x".repeat(1000);
        assert!(speaker_form(&long, Some(&long), None).len() < 420);
    }

    #[test]
    fn marks() {
        assert_eq!(gender_mark(None, Some("she")), Some(Mark::Female));
        assert_eq!(gender_mark(Some("Congresswoman"), None), Some(Mark::Female));
        assert_eq!(
            gender_mark(Some("New Police Commissioner Sir"), Some("Sir Ian")),
            Some(Mark::Male)
        );
        assert_eq!(gender_mark(Some("Mrs"), Some("he")), None, "conflict");
        assert_eq!(gender_mark(Some("Senator"), Some("Senator Snow")), None);
        // Only the mention's first word counts: "Mikulski and her colleagues".
        assert_eq!(gender_mark(None, Some("Mikulski her")), None);
    }
}
