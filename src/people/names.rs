//! Reading a speaker name as the parts the people table compares: given name, middle
//! names or initials, surname, generational suffix, and what the words around the name say
//! of the speaker's role and gender.
//!
//! Input is extractor output, which is not always clean: besides `Barbara Mikulski` it
//! holds `Senators Mikulski`, `Delaware Senators Joe Biden`, `Drugs Joseph R Biden` and
//! `Ranking Member Chuck Grassley`. Words in front of the name that are titles, roles,
//! places or not given names at all are dropped, so that these still read as
//! `Mikulski`, `Joe Biden` and `Chuck Grassley`; a name whose given name cannot be told
//! from the junk around it is left alone ([`Shape::Other`]) rather than guessed.

use crate::extract::gender::{first_name_gender, first_name_lean, Gender};
use crate::identity::{fold, name_words, Mark};
use std::collections::HashMap;
use std::sync::OnceLock;

/// What a name consists of.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Shape {
    /// Given name (and maybe middles) and surname.
    Full,
    /// A surname alone (or with a title or suffix): `Mikulski`, `Sen. Mikulski`.
    Surname,
    /// Words that are not readable as a name (an organisation, junk).
    Other,
}

/// The parts of one speaker name, all folded to lower-case ASCII.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NameParts {
    pub shape: Shape,
    /// First given name (`Full` only).
    pub given: String,
    /// Middle names and initials, in order (`Full` only).
    pub middles: Vec<String>,
    /// The surname with its particles (`van hollen`); for `Other`, the last word.
    pub surname: String,
    /// `jr`, `sr`, `ii`…: a different person from the same name without it.
    pub suffix: Option<String>,
    /// A role named in or around the name (`Senators Mikulski`, `Congressman X`).
    pub role: Option<Role>,
    /// A gender the name's own words show (`Mr. Trump`, `Congresswoman X`).
    pub mark: Option<Mark>,
    /// The name had words in front that are not part of it (`Senators Mikulski`).
    pub dropped: bool,
    /// Words before the given name that were skipped only because they are no known given
    /// name (`Drugs` in `Drugs Joseph R Biden`). They may instead be an unusual given name
    /// before a known middle name (`Brannock Quentin Hale`): see [`NameParts::unskipped`].
    pub skipped: Vec<String>,
}

impl NameParts {
    /// The words the parts stand for, for display and keys: `joseph r biden jr`.
    pub fn words(&self) -> String {
        let mut out: Vec<&str> = Vec::new();
        if self.shape == Shape::Full {
            out.push(&self.given);
            out.extend(self.middles.iter().map(String::as_str));
        }
        out.push(&self.surname);
        if let Some(s) = &self.suffix {
            out.push(s);
        }
        out.join(" ")
    }

    /// The reading that keeps the skipped words: the first of them is the given name.
    pub fn unskipped(&self) -> NameParts {
        let mut p = self.clone();
        if let Some((first, rest)) = self.skipped.split_first() {
            p.given = first.clone();
            p.middles = rest
                .iter()
                .cloned()
                .chain(std::iter::once(self.given.clone()))
                .chain(self.middles.iter().cloned())
                .collect();
            p.skipped.clear();
        }
        p
    }

    /// Gender from the given name (through its formal forms for a nickname).
    pub fn given_gender(&self) -> Option<Gender> {
        if self.shape != Shape::Full {
            return None;
        }
        given_gender(&self.given)
    }
}

/// An office a title or a byline names. Two known roles that differ mean two people.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Role {
    Senator,
    Representative,
    Governor,
    President,
    VicePresident,
    Mayor,
    Judge,
    Minister,
    /// Cabinet secretaries, administrators, commissioners, directors.
    Official,
}

impl Role {
    pub fn as_str(self) -> &'static str {
        match self {
            Role::Senator => "senator",
            Role::Representative => "representative",
            Role::Governor => "governor",
            Role::President => "president",
            Role::VicePresident => "vice-president",
            Role::Mayor => "mayor",
            Role::Judge => "judge",
            Role::Minister => "minister",
            Role::Official => "official",
        }
    }
}

fn word_role(w: &str) -> Option<Role> {
    Some(match w {
        "sen" | "senator" | "sens" | "senators" => Role::Senator,
        "rep" | "reps" | "representative" | "representatives" | "congressman" | "congresswoman"
        | "congressmen" | "congresswomen" | "mp" | "mps" => Role::Representative,
        "gov" | "governor" | "governors" => Role::Governor,
        "president" => Role::President,
        "mayor" => Role::Mayor,
        "judge" | "justice" => Role::Judge,
        "minister" | "chancellor" => Role::Minister,
        "secretary" | "administrator" | "commissioner" | "director" => Role::Official,
        _ => return None,
    })
}

/// The one role the words name (`Vice President` is not `President`), or `None` when they
/// name none or several.
pub fn role_of_words<'a>(words: impl IntoIterator<Item = &'a str>) -> Option<Role> {
    let mut found: Option<Role> = None;
    let mut prev = "";
    for w in words {
        let w = w.trim_end_matches('.');
        let role = match word_role(w) {
            Some(Role::President) if prev == "vice" => Some(Role::VicePresident),
            r => r,
        };
        if let Some(r) = role {
            if found.is_some_and(|f| f != r && !(f == Role::President && r == Role::VicePresident))
            {
                return None;
            }
            found = Some(r);
        }
        prev = w;
    }
    found
}

/// The role a title (`U.S. Rep.`, `United States Senator`) names.
pub fn role_of_title(title: &str) -> Option<Role> {
    let folded = fold(title);
    role_of_words(
        folded
            .split(|c: char| !c.is_alphanumeric() && c != '.')
            .filter(|w| !w.is_empty()),
    )
}

const SUFFIXES: &[&str] = &["jr", "sr", "ii", "iii", "iv"];

/// Words that join the word after them into one surname: `van hollen`, `de la cruz`.
const PARTICLES: &[&str] = &[
    "van", "von", "de", "del", "della", "der", "den", "da", "di", "du", "la", "le", "st", "ter",
    "ten", "dos", "das", "bin", "al", "el", "mac",
];

/// Words that are never part of a person's name: plural and compound titles, roles,
/// parties, bodies, and small words that only appear in front of a name through
/// extraction noise. A name is read from after the last of them.
const STOP: &[&str] = &[
    "senators",
    "sens",
    "reps",
    "representatives",
    "congressmen",
    "congresswomen",
    "governors",
    "member",
    "members",
    "ranking",
    "chairman",
    "chairwoman",
    "chairmen",
    "chair",
    "cochair",
    "co-chair",
    "leader",
    "leaders",
    "whip",
    "majority",
    "minority",
    "committee",
    "subcommittee",
    "caucus",
    "delegation",
    "colleague",
    "colleagues",
    "democrat",
    "democrats",
    "democratic",
    "republican",
    "republicans",
    "independent",
    "senate",
    "house",
    "american",
    "federal",
    "national",
    "official",
    "officials",
    "spokesman",
    "spokeswoman",
    "spokesperson",
    "candidate",
    "nominee",
    "elect",
    "designate",
    "emeritus",
    "acting",
    "and",
    "with",
    "by",
    "from",
    "of",
    "for",
    "said",
    "says",
    "told",
    "statement",
    "today",
    "mr",
    "mrs",
    "ms",
    "miss",
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
    "us",
    "u.s",
    "state",
    "minister",
    "prime",
    "sheriff",
    "commissioner",
    "ambassador",
    "director",
    "ceo",
    "administrator",
    "chancellor",
    "mp",
    "mps",
];

/// US states (their last word): "Colorado Ken Salazar" is Ken Salazar of Colorado. Only a
/// stop when a name follows it, so that Virginia Foxx keeps her given name.
const PLACES: &[&str] = &[
    "alabama",
    "alaska",
    "arizona",
    "arkansas",
    "california",
    "colorado",
    "connecticut",
    "delaware",
    "florida",
    "georgia",
    "hawaii",
    "idaho",
    "illinois",
    "indiana",
    "iowa",
    "kansas",
    "kentucky",
    "louisiana",
    "maine",
    "maryland",
    "massachusetts",
    "michigan",
    "minnesota",
    "mississippi",
    "missouri",
    "montana",
    "nebraska",
    "nevada",
    "hampshire",
    "jersey",
    "mexico",
    "york",
    "carolina",
    "dakota",
    "ohio",
    "oklahoma",
    "oregon",
    "pennsylvania",
    "island",
    "tennessee",
    "texas",
    "utah",
    "vermont",
    "virginia",
    "washington",
    "wisconsin",
    "wyoming",
];

fn is_stop(w: &str) -> bool {
    let w = w.trim_end_matches('.');
    if STOP.contains(&w) || w.chars().any(|c| c.is_ascii_digit()) {
        return true;
    }
    // "Leader-elect", "Chairman-Elect", "co-chairman".
    if w.contains('-') && w.split('-').any(|p| STOP.contains(&p)) {
        return true;
    }
    // "Joining Senators Mikulski", "Signing Rockefeller": a participle is no given name.
    w.len() > 4 && w.ends_with("ing") && !is_known_given(w)
}

/// A word that is a given name in the first-name table or the nickname table.
pub fn is_known_given(w: &str) -> bool {
    first_name_lean(w).is_some()
        || nicknames().formals.contains_key(w)
        || nicknames().nicks.contains_key(w)
}

/// Parse one speaker name as written (titles and junk included). `None` when nothing is
/// left of it.
pub fn parse(name: &str) -> Option<NameParts> {
    let mut words = name_words(name);
    // Role and gender from every word as written, titles included ("Mr. Trump").
    let all = fold(name);
    let all_words: Vec<&str> = all
        .split(|c: char| !c.is_alphanumeric() && c != '.' && c != '-')
        .map(|w| w.trim_matches('.'))
        .filter(|w| !w.is_empty())
        .collect();
    let role = role_of_words(all_words.iter().copied());
    let mark = crate::identity::gender_mark(Some(&all_words.join(" ")), None);
    let suffix = match words.last() {
        Some(w) if words.len() > 1 && SUFFIXES.contains(&w.as_str()) => words.pop(),
        _ => None,
    };
    // "Justice Department", "Friends of the Earth Council": no person's name.
    if words.len() > 1
        && crate::identity::ORGANISATION_HEADS.contains(&words[words.len() - 1].as_str())
    {
        let last = words.pop().unwrap_or_default();
        return Some(NameParts {
            shape: Shape::Other,
            given: String::new(),
            middles: Vec::new(),
            surname: last,
            suffix,
            role,
            mark,
            dropped: false,
            skipped: Vec::new(),
        });
    }
    let mut surname = words.pop()?;
    while let Some(w) = words.last() {
        if !PARTICLES.contains(&w.as_str()) || words.len() == 1 && !is_surname_start(w) {
            break;
        }
        surname = format!("{} {surname}", words.pop().unwrap_or_default());
    }
    let mut parts = NameParts {
        shape: Shape::Surname,
        given: String::new(),
        middles: Vec::new(),
        surname,
        suffix,
        role,
        mark,
        dropped: false,
        skipped: Vec::new(),
    };
    // Read the name from after the last word that cannot belong to it.
    let n = words.len();
    let cut = words
        .iter()
        .enumerate()
        .rposition(|(i, w)| is_stop(w) || (PLACES.contains(&w.as_str()) && i + 1 < n))
        .map_or(0, |i| i + 1);
    parts.dropped = cut > 0;
    let run = &words[cut..];
    if run.is_empty() {
        return Some(parts);
    }
    match run.iter().position(|w| is_known_given(w)) {
        Some(i) => {
            parts.dropped |= i > 0;
            parts.skipped = run[..i].to_vec();
            parts.given = run[i].clone();
            parts.middles = run[i + 1..].to_vec();
        }
        None if run.len() == 1 || run[1..].iter().all(|w| w.chars().count() == 1) => {
            // An unusual given name (`Saxby Chambliss`), with initials after it.
            parts.given = run[0].clone();
            parts.middles = run[1..].to_vec();
        }
        None => {
            parts.shape = Shape::Other;
            return Some(parts);
        }
    }
    parts.shape = Shape::Full;
    Some(parts)
}

/// A particle that may begin a surname with nothing before it (`Van Hollen` alone).
fn is_surname_start(w: &str) -> bool {
    matches!(
        w,
        "van" | "von" | "de" | "del" | "della" | "da" | "di" | "du" | "la" | "le" | "st" | "mac"
    )
}

/// The nickname table (`nicknames.tsv`), both ways.
pub struct Nicknames {
    /// formal → its familiar forms
    pub nicks: HashMap<String, Vec<String>>,
    /// familiar form → the formal names it stands for
    pub formals: HashMap<String, Vec<String>>,
}

static NICKNAMES: &str = include_str!("nicknames.tsv");

pub fn nicknames() -> &'static Nicknames {
    static TABLE: OnceLock<Nicknames> = OnceLock::new();
    TABLE.get_or_init(|| {
        let mut t = Nicknames {
            nicks: HashMap::new(),
            formals: HashMap::new(),
        };
        for line in NICKNAMES.lines() {
            if line.starts_with('#') || line.trim().is_empty() {
                continue;
            }
            let Some((formal, forms)) = line.split_once('\t') else {
                continue;
            };
            for nick in forms.split_whitespace() {
                t.nicks
                    .entry(formal.to_string())
                    .or_default()
                    .push(nick.to_string());
                t.formals
                    .entry(nick.to_string())
                    .or_default()
                    .push(formal.to_string());
            }
        }
        t
    })
}

/// How two given names relate.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum GivenMatch {
    Same,
    /// One is a familiar form of the other (or both of one formal name).
    Nickname,
}

/// Whether two given names can be one person's: equal, one a listed familiar form of the
/// other (`chuck`/`charles`), or two familiar forms of the same single formal name
/// (`bill`/`billy`). Initials only equal themselves.
pub fn given_match(a: &str, b: &str) -> Option<GivenMatch> {
    if a == b {
        return Some(GivenMatch::Same);
    }
    let t = nicknames();
    let listed = |formal: &str, nick: &str| {
        t.nicks
            .get(formal)
            .is_some_and(|n| n.iter().any(|x| x == nick))
    };
    if listed(a, b) || listed(b, a) {
        return Some(GivenMatch::Nickname);
    }
    match (t.formals.get(a), t.formals.get(b)) {
        (Some(fa), Some(fb))
            if fa.len() == 1
                && fb.len() == 1
                && fa[0] == fb[0]
                && !t.nicks.contains_key(a)
                && !t.nicks.contains_key(b) =>
        {
            Some(GivenMatch::Nickname)
        }
        _ => None,
    }
}

/// Middle names and initials agree: one side has none, or both have as many and each pair
/// is equal, an initial of the other, or a nickname of it. `George W.` and `George H. W.`
/// do not.
pub fn middles_match(a: &[String], b: &[String]) -> bool {
    if a.is_empty() || b.is_empty() {
        return true;
    }
    a.len() == b.len()
        && a.iter().zip(b).all(|(x, y)| {
            let initial = x.chars().count() == 1 || y.chars().count() == 1;
            if initial {
                x.chars().next() == y.chars().next()
            } else {
                given_match(x, y).is_some()
            }
        })
}

/// The gender a given name shows: the first-name table, or, for a familiar form the table
/// does not know, its formal names when they all agree.
pub fn given_gender(given: &str) -> Option<Gender> {
    if let Some(g) = first_name_gender(given) {
        return Some(g);
    }
    let formals = nicknames().formals.get(given)?;
    let mut found = None;
    for f in formals {
        let g = first_name_gender(f)?;
        if found.is_some_and(|x| x != g) {
            return None;
        }
        found = Some(g);
    }
    found
}

/// The formal name a given name stands for, when there is exactly one (`chuck` →
/// `charles`), else the name itself: used for stable person ids.
pub fn formal_of(given: &str) -> &str {
    if nicknames().nicks.contains_key(given) {
        return given;
    }
    match nicknames().formals.get(given) {
        Some(f) if f.len() == 1 => &f[0],
        _ => given,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(name: &str) -> NameParts {
        parse(name).unwrap_or_else(|| panic!("no parts: {name}"))
    }

    macro_rules! parse_cases {
        ($($test:ident: $input:expr => $shape:ident, $words:expr;)*) => {$(
            #[test]
            fn $test() {
                let got = p($input);
                assert_eq!((got.shape.clone(), got.words()), (Shape::$shape, $words.to_string()), "{:?}", got);
            }
        )*};
    }

    parse_cases! {
        plain: "Barbara Mikulski" => Full, "barbara mikulski";
        middle_initial: "Orrin G. Hatch" => Full, "orrin g hatch";
        two_initials: "George H. W. Bush" => Full, "george h w bush";
        suffix: "Donald Trump Jr." => Full, "donald trump jr";
        surname_only: "Mikulski" => Surname, "mikulski";
        title_surname: "Sen. Mikulski" => Surname, "mikulski";
        honorific: "Mr Blair" => Surname, "blair";
        plural_title: "Senators Mikulski" => Surname, "mikulski";
        junk_and_plural: "Guard WMD-CST Facility Senators Mikulski" => Surname, "mikulski";
        participle: "Joining Senators Mikulski" => Surname, "mikulski";
        participle_alone: "Signing Rockefeller" => Surname, "rockefeller";
        place_and_plural: "Delaware Senators Joe Biden" => Full, "joe biden";
        junk_word: "Drugs Joseph R Biden" => Full, "joseph r biden";
        junk_words: "International Narcotics Control Joseph R Biden" => Full, "joseph r biden";
        ranking_member: "Ranking Member Chuck Grassley" => Full, "chuck grassley";
        place: "Colorado Ken Salazar" => Full, "ken salazar";
        place_is_given: "Virginia Foxx" => Full, "virginia foxx";
        compound_title: "Chairman-Elect Chris Dodd" => Full, "chris dodd";
        three_words: "Kay Bailey Hutchison" => Full, "kay bailey hutchison";
        particle: "Chris Van Hollen" => Full, "chris van hollen";
        particle_alone: "Van Hollen" => Surname, "van hollen";
        unusual_given: "Saxby Chambliss" => Full, "saxby chambliss";
        diacritics: "Angela Müller" => Full, "angela muller";
        not_a_name: "Foreign Policy Lugar" => Other, "lugar";
        uppercase: "OLYMPIA J SNOWE" => Full, "olympia j snowe";
    }

    #[test]
    fn skipped_words() {
        let parts = p("Brannock Quentin Hale");
        assert_eq!(parts.words(), "quentin hale");
        assert_eq!(parts.unskipped().words(), "brannock quentin hale");
        assert_eq!(p("Joseph R Biden").unskipped().words(), "joseph r biden");
    }

    #[test]
    fn roles_and_marks() {
        assert_eq!(p("Senators Mikulski").role, Some(Role::Senator));
        assert_eq!(p("Congressmen Salazar").role, Some(Role::Representative));
        assert_eq!(p("Mr. Trump").mark, Some(Mark::Male));
        assert_eq!(p("Mr. Trump").shape, Shape::Surname);
        assert_eq!(role_of_title("U.S. Rep."), Some(Role::Representative));
        assert_eq!(role_of_title("United States Senator"), Some(Role::Senator));
        assert_eq!(role_of_title("Vice President"), Some(Role::VicePresident));
        assert_eq!(role_of_title("Ranking Member"), None);
        assert_eq!(role_of_title("Senator and Governor"), None);
    }

    #[test]
    fn given_names() {
        for (a, b) in [
            ("chuck", "charles"),
            ("dick", "richard"),
            ("ted", "edward"),
            ("ted", "theodore"),
            ("joe", "joseph"),
            ("bill", "william"),
            ("jay", "john"),
            ("bill", "billy"),
            ("vince", "vincent"),
        ] {
            assert_eq!(given_match(a, b), Some(GivenMatch::Nickname), "{a} {b}");
            assert_eq!(given_match(b, a), Some(GivenMatch::Nickname), "{b} {a}");
        }
        for (a, b) in [
            ("ken", "john"),
            ("ted", "patrick"),
            ("edward", "theodore"),
            ("j", "john"),
            ("harold", "henry"),
        ] {
            assert_eq!(given_match(a, b), None, "{a} {b}");
        }
        assert_eq!(given_gender("chuck"), Some(Gender::Male));
        assert_eq!(formal_of("chuck"), "charles");
        assert_eq!(formal_of("ted"), "ted", "two formal names");
        assert_eq!(formal_of("william"), "william");
    }

    #[test]
    fn middles() {
        let v = |s: &str| -> Vec<String> { s.split_whitespace().map(str::to_string).collect() };
        assert!(middles_match(&v("g"), &v("")));
        assert!(middles_match(&v("fitzgerald"), &v("f")));
        assert!(!middles_match(&v("w"), &v("h w")));
        assert!(!middles_match(&v("francis"), &v("fitzgerald")));
    }
}
