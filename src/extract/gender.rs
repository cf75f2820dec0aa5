//! First-name → gender evidence for pronoun resolution.
//!
//! The table `data/first_names.tsv` is built by `scripts/make_first_names.py` from the
//! public-domain US Social Security baby-name counts (birth years 1930–2017, names with at
//! least 500 births of which at least 95 % are of one sex), plus a short hand-written list
//! of names common in international news. Names in between are ambiguous and absent, so
//! they yield `None`.
//!
//! The table is one `name<TAB>M|F` line per name, lowercase ASCII, sorted by byte order.
//! It is embedded with `include_str!`. Lookups go through a word table built from it on
//! first use (well under a millisecond, once per process); the binary search in place,
//! `lookup`, remains the reference and serves keys too long for the table.

use std::sync::OnceLock;

use unicode_normalization::char::is_combining_mark;
use unicode_normalization::UnicodeNormalization;

/// Grammatical gender suggested by a first name or honorific.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Gender {
    Male,
    Female,
}

use super::lexicon::{WordTable, MAX_KEY};

static TABLE: &str = include_str!("data/first_names.tsv");

/// Longer inputs are not first names; refuse them before folding.
const MAX_INPUT_BYTES: usize = 128;

/// The gender a first name strongly suggests, or `None` when the name is unknown or unisex.
/// Case-insensitive; diacritics are ignored.
///
/// Input handling:
/// * surrounding punctuation is ignored (`"Jeff."`, `"(Mary"`, `"“Nancy”"`);
/// * apostrophes inside are dropped (`"D'Angelo"` → `dangelo`);
/// * a compound given name joined by a hyphen or a space is looked up whole
///   (`"Jean-Luc"`, `"Jean Luc"` → `jean-luc`, Male) and, when the compound is not in the
///   table, by its first part (`"Mary-Kate"` → `mary`, Female; `"Jean-Foo"` → `jean`,
///   ambiguous, `None`);
/// * anything else that is not a letter (digits, inner periods as in `"J.R."`, non-Latin
///   scripts) gives `None`, as do initials and the empty string.
pub fn first_name_gender(first_name: &str) -> Option<Gender> {
    first_name_lean(first_name).and_then(|(g, strong)| strong.then_some(g))
}

/// Like [`first_name_gender`], but also answers for names that only lean one way (85–95 % of
/// bearers, e.g. Bernie, Chris, Kelly); the flag is `true` for a strong answer. A lean is
/// evidence a pronoun may overrule, never proof.
pub fn first_name_lean(first_name: &str) -> Option<(Gender, bool)> {
    if first_name.len() > MAX_INPUT_BYTES {
        return None;
    }
    let trimmed = first_name.trim_matches(|c: char| !c.is_alphabetic());
    // Names are nearly always plain ASCII: fold those on the stack, without Unicode
    // normalisation or an allocation (this runs for every new name in an article).
    let mut buf = [0u8; MAX_INPUT_BYTES];
    let owned;
    let key: &[u8] = if trimmed.is_ascii() {
        fold_ascii(trimmed, &mut buf)?
    } else {
        owned = fold(trimmed)?;
        owned.as_bytes()
    };
    if let Some(g) = lookup_key(key) {
        return Some(g);
    }
    match key.iter().position(|&b| b == b'-') {
        Some(i) => lookup_key(&key[..i]),
        None => None,
    }
}

/// [`fold`] for ASCII input (where NFKD changes nothing), written into `buf`; the input must
/// fit. Same rules, same result.
fn fold_ascii<'b>(name: &str, buf: &'b mut [u8; MAX_INPUT_BYTES]) -> Option<&'b [u8]> {
    let mut n = 0;
    let mut pending_sep = false;
    for b in name.bytes() {
        match b.to_ascii_lowercase() {
            c @ b'a'..=b'z' => {
                if pending_sep && n > 0 {
                    buf[n] = b'-';
                    n += 1;
                }
                pending_sep = false;
                buf[n] = c;
                n += 1;
            }
            b'-' => pending_sep = true,
            b'\'' | b'`' => {}
            c if char::from(c).is_whitespace() => pending_sep = true,
            _ => return None,
        }
    }
    (n > 0).then_some(&buf[..n])
}

/// Lowercase ASCII form of a name: diacritics removed, apostrophes dropped, hyphens and
/// whitespace between parts turned into single hyphens. `None` when a character cannot be
/// folded to a-z or when nothing is left.
fn fold(name: &str) -> Option<String> {
    let mut out = String::with_capacity(name.len());
    let mut pending_sep = false;
    for c in name.nfkd().flat_map(char::to_lowercase) {
        let folded: &str = match c {
            'a'..='z' => {
                if pending_sep && !out.is_empty() {
                    out.push('-');
                }
                pending_sep = false;
                out.push(c);
                continue;
            }
            '-' | '\u{2010}' | '\u{2011}' | '\u{2013}' => {
                pending_sep = true;
                continue;
            }
            '\'' | '\u{2018}' | '\u{2019}' | '\u{02bc}' | '`' => continue,
            c if c.is_whitespace() => {
                pending_sep = true;
                continue;
            }
            c if is_combining_mark(c) => continue,
            // Latin letters that do not decompose under NFKD.
            'ø' => "o",
            'æ' => "ae",
            'œ' => "oe",
            'ß' => "ss",
            'ł' => "l",
            'đ' | 'ð' => "d",
            'þ' => "th",
            'ı' => "i",
            _ => return None,
        };
        if pending_sep && !out.is_empty() {
            out.push('-');
        }
        pending_sep = false;
        out.push_str(folded);
    }
    (!out.is_empty()).then_some(out)
}

/// [`lookup`] through a hash table built once from [`TABLE`] (the binary search costs a
/// dozen line scans per name, and every new name in every article is looked up).
fn lookup_key(key: &[u8]) -> Option<(Gender, bool)> {
    static T: OnceLock<WordTable<(Gender, bool)>> = OnceLock::new();
    if key.len() > MAX_KEY {
        // no such name in the table, but let the reference answer
        return std::str::from_utf8(key).ok().and_then(lookup);
    }
    let t = T.get_or_init(|| {
        WordTable::new(TABLE.lines().filter_map(|line| {
            let (name, tag) = line.split_once('\t')?;
            let g = match tag {
                "M" => (Gender::Male, true),
                "F" => (Gender::Female, true),
                "m" => (Gender::Male, false),
                "f" => (Gender::Female, false),
                _ => return None,
            };
            Some((name.as_bytes(), g))
        }))
    });
    // the key is lower case already
    t.get_lower(key)
}

/// Binary search of the sorted `name<TAB>M|F|m|f` lines of [`TABLE`], in place (lower case
/// marks a lean).
fn lookup(key: &str) -> Option<(Gender, bool)> {
    let data = TABLE.as_bytes();
    let key = key.as_bytes();
    // Invariant: `lo` and `hi` are line starts (or the end), and the key, if present, is
    // on a line starting in `lo..hi`.
    let (mut lo, mut hi) = (0usize, data.len());
    while lo < hi {
        let mid = lo + (hi - lo) / 2;
        let start = data[lo..mid]
            .iter()
            .rposition(|&b| b == b'\n')
            .map_or(lo, |i| lo + i + 1);
        let end = data[start..]
            .iter()
            .position(|&b| b == b'\n')
            .map_or(data.len(), |i| start + i);
        let line = &data[start..end];
        let tab = line.iter().position(|&b| b == b'\t')?;
        match key.cmp(&line[..tab]) {
            std::cmp::Ordering::Equal => {
                return match &line[tab + 1..] {
                    b"M" => Some((Gender::Male, true)),
                    b"F" => Some((Gender::Female, true)),
                    b"m" => Some((Gender::Male, false)),
                    b"f" => Some((Gender::Female, false)),
                    _ => None,
                };
            }
            std::cmp::Ordering::Less => hi = start,
            std::cmp::Ordering::Greater => lo = end + 1,
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use Gender::{Female, Male};

    #[test]
    fn common_names() {
        assert_eq!(first_name_gender("john"), Some(Male));
        assert_eq!(first_name_gender("mary"), Some(Female));
        assert_eq!(first_name_gender("Jeff"), Some(Male));
        assert_eq!(first_name_gender("Hillary"), Some(Female));
        assert_eq!(first_name_gender("Donald"), Some(Male));
        assert_eq!(first_name_gender("Nancy"), Some(Female));
        assert_eq!(first_name_gender("Joe"), Some(Male));
        assert_eq!(first_name_gender("Kamala"), Some(Female));
    }

    #[test]
    fn case_and_diacritics_are_ignored() {
        assert_eq!(first_name_gender("JOHN"), Some(Male));
        assert_eq!(first_name_gender("mArY"), Some(Female));
        assert_eq!(first_name_gender("JOSÉ"), Some(Male));
        assert_eq!(first_name_gender("José"), Some(Male));
        assert_eq!(first_name_gender("Zoë"), Some(Female));
        // Decomposed input (e + combining acute) folds the same as precomposed.
        assert_eq!(first_name_gender("Jose\u{301}"), Some(Male));
        assert_eq!(first_name_gender("Ségolène"), Some(Female));
        assert_eq!(first_name_gender("Søren"), first_name_gender("Soren"));
        assert_eq!(first_name_gender("Jarosław"), Some(Male));
    }

    #[test]
    fn leaning_names_are_weak_answers() {
        assert_eq!(first_name_gender("Bernie"), None);
        assert_eq!(first_name_lean("Bernie"), Some((Male, false)));
        assert_eq!(first_name_lean("Kelly"), Some((Female, false)));
        assert_eq!(first_name_lean("Susan"), Some((Female, true)));
        // mostly surnames in news: never leaned on
        assert_eq!(first_name_lean("Cruz"), None);
        assert_eq!(first_name_lean("Taylor"), None);
    }

    #[test]
    fn ambiguous_names_are_none() {
        for name in [
            "Taylor", "Jordan", "Casey", "Jessie", "Kim", "Jean", "Leslie",
        ] {
            assert_eq!(first_name_gender(name), None, "{name}");
        }
        // Clear in US data but not internationally: overridden by the hand list.
        assert_eq!(first_name_gender("Andrea"), None);
        assert_eq!(first_name_gender("Michele"), None);
    }

    #[test]
    fn unknown_and_degenerate_inputs_are_none() {
        for name in [
            "",
            " ",
            ".",
            "-",
            "Xyzzy",
            "J",
            "J.",
            "J.R.",
            "R2D2",
            "Влади",
            "習近平",
            "'",
        ] {
            assert_eq!(first_name_gender(name), None, "{name:?}");
        }
        assert_eq!(first_name_gender(&"a".repeat(1000)), None);
    }

    #[test]
    fn surrounding_punctuation_is_ignored() {
        assert_eq!(first_name_gender("Jeff."), Some(Male));
        assert_eq!(first_name_gender("  Mary, "), Some(Female));
        assert_eq!(first_name_gender("“Nancy”"), Some(Female));
        assert_eq!(first_name_gender("(Donald"), Some(Male));
    }

    #[test]
    fn apostrophes_are_dropped() {
        assert_eq!(first_name_gender("D'Angelo"), Some(Male));
        assert_eq!(first_name_gender("D’Angelo"), Some(Male));
    }

    #[test]
    fn hyphenated_and_spaced_compounds() {
        // Whole compound from the hand list, whatever the separator.
        assert_eq!(first_name_gender("Jean-Luc"), Some(Male));
        assert_eq!(first_name_gender("jean luc"), Some(Male));
        assert_eq!(first_name_gender("Jean–Marie"), Some(Male));
        assert_eq!(first_name_gender("Jean-François"), Some(Male));
        assert_eq!(first_name_gender("Anne-Marie"), Some(Female));
        assert_eq!(first_name_gender("Frank-Walter"), Some(Male));
        // Unknown compound: the first part decides.
        assert_eq!(first_name_gender("Mary-Kate"), Some(Female));
        assert_eq!(first_name_gender("Mary Ann"), Some(Female));
        assert_eq!(first_name_gender("John-Paul"), Some(Male));
        // First part ambiguous and compound unknown: None.
        assert_eq!(first_name_gender("Jean-Xyzzy"), None);
        assert_eq!(first_name_gender("Xyzzy-Mary"), None);
    }

    #[test]
    fn hand_added_international_names() {
        for name in [
            "Gordon",
            "Tony",
            "Emmanuel",
            "Vladimir",
            "Narendra",
            "Boris",
            "Keir",
            "Rishi",
            "Olaf",
            "Volodymyr",
            "Francis",
        ] {
            assert_eq!(first_name_gender(name), Some(Male), "{name}");
        }
        for name in ["Angela", "Jacinda", "Theresa", "Giorgia", "Priti", "Ursula"] {
            assert_eq!(first_name_gender(name), Some(Female), "{name}");
        }
    }

    #[test]
    fn table_is_sorted_well_formed_and_fully_searchable() {
        assert!(TABLE.ends_with('\n'));
        let mut prev: Option<&str> = None;
        let mut lines = 0;
        for line in TABLE.lines() {
            let (name, tag) = line.split_once('\t').expect("name<TAB>tag");
            assert!(
                name.len() >= 2
                    && name.bytes().all(|b| b.is_ascii_lowercase() || b == b'-')
                    && !name.starts_with('-')
                    && !name.ends_with('-'),
                "bad name {name:?}"
            );
            assert!(matches!(tag, "M" | "F" | "m" | "f"), "bad tag in {line:?}");
            if let Some(p) = prev {
                assert!(p < name, "not sorted: {p:?} before {name:?}");
            }
            prev = Some(name);
            let expected = if tag.eq_ignore_ascii_case("M") {
                Male
            } else {
                Female
            };
            let strong = tag == "M" || tag == "F";
            assert_eq!(lookup(name), Some((expected, strong)), "{name}");
            assert_eq!(first_name_lean(name), Some((expected, strong)), "{name}");
            assert_eq!(
                first_name_gender(name),
                strong.then_some(expected),
                "{name}"
            );
            lines += 1;
        }
        assert!(lines > 5_000, "table unexpectedly small: {lines}");
    }

    #[test]
    fn ascii_fold_and_table_agree_with_the_reference() {
        let names = [
            "john",
            "JOHN",
            "Jean-Luc",
            "jean luc",
            "jean  luc",
            "-jean-",
            "D'Angelo",
            "O`Neil",
            "J.R.",
            "R2D2",
            "Mary Ann",
            "a\tb",
            "a\x0bb",
            "a\x0cb",
            "a\rb",
            "a\nb",
            "",
            " ",
            "'",
            "--",
            "x-",
            "Zz",
            "Anne-Marie",
            "bob_",
            "Al@n",
        ];
        for n in names {
            let mut buf = [0u8; MAX_INPUT_BYTES];
            let fast = fold_ascii(n, &mut buf).map(|k| k.to_vec());
            assert_eq!(fast, fold(n).map(String::into_bytes), "{n:?}");
            if let Some(k) = fold(n) {
                assert_eq!(lookup_key(k.as_bytes()), lookup(&k), "{n:?}");
            }
        }
        for n in ["", "a", "zzzzzz", "joh", "johnn", &"a".repeat(30)] {
            assert_eq!(lookup_key(n.as_bytes()), lookup(n), "{n:?}");
        }
    }

    #[test]
    fn lookup_misses_between_and_around_entries() {
        assert_eq!(lookup(""), None);
        assert_eq!(lookup("a"), None);
        assert_eq!(lookup("zzzzzz"), None);
        assert_eq!(lookup("joh"), None);
        assert_eq!(lookup("johnn"), None);
    }
}
