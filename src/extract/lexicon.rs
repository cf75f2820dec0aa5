//! Fast word-class lookup: one probe tells which word lists a word belongs to.
//!
//! Why: the name and cue logic asks "is this a title? a stop word? an organisation head? an
//! adverb?" for nearly every token. Linear scans over lists of hundreds of words made that the
//! hottest path. A word of at most 24 ASCII bytes is packed into three `u64`s, lower-cased
//! eight bytes at a time, and looked up in an open-addressing table by a multiply-shift hash:
//! a few nanoseconds, no allocation, no byte-by-byte hashing or `memcmp`.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};
use std::sync::OnceLock;

/// FNV-1a: tiny keys, no DoS concern (the keys are our own word lists). Used to build the
/// tables; lookups go through [`WordTable`].
#[derive(Default)]
pub struct Fnv(u64);

impl Hasher for Fnv {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        let mut h = if self.0 == 0 {
            0xcbf2_9ce4_8422_2325
        } else {
            self.0
        };
        for b in bytes {
            h ^= u64::from(*b);
            h = h.wrapping_mul(0x0100_0000_01b3);
        }
        self.0 = h;
    }
}

pub type FastMap<K, V> = HashMap<K, V, BuildHasherDefault<Fnv>>;

/// Longest word a [`WordTable`] can hold or be asked about.
pub const MAX_KEY: usize = 24;

/// A word of at most [`MAX_KEY`] bytes, little-endian, zero-padded. No word contains a NUL,
/// so the padding is unambiguous, and the all-zero key (the empty word) marks a free slot.
pub type Key = [u64; 3];

const HIGH: u64 = 0x8080_8080_8080_8080;
const ONES: u64 = 0x0101_0101_0101_0101;

/// Up to eight bytes as a little-endian integer, without a variable-length copy (which
/// would be a `memcpy` call, dearer than the whole lookup): two overlapping loads.
#[inline]
fn load_le(b: &[u8]) -> u64 {
    let n = b.len();
    debug_assert!(n <= 8);
    if n >= 4 {
        let lo = u64::from(u32::from_le_bytes([b[0], b[1], b[2], b[3]]));
        let hi = u64::from(u32::from_le_bytes([b[n - 4], b[n - 3], b[n - 2], b[n - 1]]));
        lo | (hi << (8 * (n - 4)))
    } else if n > 0 {
        u64::from(b[0])
            | (u64::from(b[n / 2]) << (8 * (n / 2)))
            | (u64::from(b[n - 1]) << (8 * (n - 1)))
    } else {
        0
    }
}

/// Pack `b` as it is; `None` when longer than [`MAX_KEY`].
#[inline]
pub fn pack(b: &[u8]) -> Option<Key> {
    if b.len() > MAX_KEY {
        return None;
    }
    if b.len() <= 8 {
        return Some([load_le(b), 0, 0]);
    }
    let mut k = [0u64; 3];
    for (slot, chunk) in k.iter_mut().zip(b.chunks(8)) {
        *slot = load_le(chunk);
    }
    Some(k)
}

/// ASCII lower case of eight ASCII bytes at once: a byte gets 0x20 added exactly when it is
/// in `A..=Z` (no byte is ≥ 0x80, so the per-byte sums cannot carry into their neighbours).
#[inline]
fn lower8(x: u64) -> u64 {
    let ge_a = x.wrapping_add(ONES * (0x80 - u64::from(b'A')));
    let gt_z = x.wrapping_add(ONES * (0x7f - u64::from(b'Z')));
    x | ((ge_a & !gt_z & HIGH) >> 2)
}

/// The ASCII-lowercased key of `b`; `None` when too long or not ASCII.
#[inline]
fn pack_lower(b: &[u8]) -> Option<Key> {
    let k = pack(b)?;
    if (k[0] | k[1] | k[2]) & HIGH != 0 {
        return None;
    }
    // most words asked about fit in the first eight bytes: no need to fold the zero padding
    if b.len() <= 8 {
        return Some([lower8(k[0]), 0, 0]);
    }
    Some([lower8(k[0]), lower8(k[1]), lower8(k[2])])
}

/// The key of `w` as the lists spell words: ASCII-lowercased, one trailing period dropped.
/// `None` when the word is too long or not ASCII (no list word is).
#[cfg(test)]
fn lower_key(w: &str) -> Option<Key> {
    let b = w.as_bytes();
    pack_lower(b.strip_suffix(b".").unwrap_or(b))
}

/// Read-only word → value table built once from a map of byte-string keys.
pub struct WordTable<V> {
    slots: Box<[(Key, Option<V>)]>,
    shift: u32,
    /// `filter[len][first & 31]` has bit `last & 31` set when some key of that length starts
    /// and ends so (bytes lower-cased): most words asked about are in no list, and this
    /// turns them away before they are packed and hashed.
    filter: Box<[[u32; 32]; MAX_KEY + 1]>,
}

fn slot_of(k: &Key, shift: u32) -> usize {
    let h = k[0] ^ k[1].rotate_left(21) ^ k[2].rotate_left(42);
    (h.wrapping_mul(0x9e37_79b9_7f4a_7c15) >> shift) as usize
}

/// Row and bit of `b` (1 ≤ length ≤ [`MAX_KEY`]) in [`WordTable::filter`].
#[inline]
fn filter_pos(b: &[u8]) -> (usize, u32) {
    let first = b[0].to_ascii_lowercase() & 31;
    let last = b[b.len() - 1].to_ascii_lowercase() & 31;
    (usize::from(first), 1 << last)
}

impl<V: Copy> WordTable<V> {
    /// Keys longer than [`MAX_KEY`] are left out: no lookup can ask for them.
    pub fn new<K: AsRef<[u8]>>(entries: impl IntoIterator<Item = (K, V)>) -> Self {
        let mut filter = Box::new([[0u32; 32]; MAX_KEY + 1]);
        let entries: Vec<(Key, V)> = entries
            .into_iter()
            .filter_map(|(k, v)| {
                let k = k.as_ref();
                assert!(!k.is_empty(), "the empty word marks free slots");
                let packed = pack(k)?;
                let (row, bit) = filter_pos(k);
                filter[k.len()][row] |= bit;
                Some((packed, v))
            })
            .collect();
        // at most half full: probes stay short
        let bits = (entries.len() * 2)
            .next_power_of_two()
            .trailing_zeros()
            .max(4);
        let mut slots = vec![([0u64; 3], None); 1 << bits].into_boxed_slice();
        let shift = 64 - bits;
        let mask = slots.len() - 1;
        for (k, v) in entries {
            let mut i = slot_of(&k, shift);
            while slots[i].0 != [0; 3] {
                assert!(slots[i].0 != k, "duplicate key");
                i = (i + 1) & mask;
            }
            slots[i] = (k, Some(v));
        }
        WordTable {
            slots,
            shift,
            filter,
        }
    }

    /// The value of `b` ASCII-lowercased; `None` when absent, too long or not ASCII.
    #[inline]
    pub fn get_lower(&self, b: &[u8]) -> Option<V> {
        if b.is_empty() || b.len() > MAX_KEY {
            return None;
        }
        let (row, bit) = filter_pos(b);
        if self.filter[b.len()][row] & bit == 0 {
            return None;
        }
        self.get(&pack_lower(b)?)
    }

    fn get(&self, k: &Key) -> Option<V> {
        let mask = self.slots.len() - 1;
        let mut i = slot_of(k, self.shift);
        loop {
            let (sk, v) = &self.slots[i];
            if sk == k {
                return *v;
            }
            if *sk == [0; 3] {
                return None;
            }
            i = (i + 1) & mask;
        }
    }
}

/// A word class: one bit per word list in `data/`.
pub type Class = u64;

pub const STOP: Class = 1;
/// Titles and honorifics: words before a name that are not part of it.
pub const TITLE: Class = 1 << 1;
pub const ORG: Class = 1 << 2;
pub const SUFFIX: Class = 1 << 3;
pub const ADVERB: Class = 1 << 4;
pub const ABBREV: Class = 1 << 5;
pub const PLACEY: Class = 1 << 6;
pub const DETERMINER: Class = 1 << 7;
pub const PREPOSITION: Class = 1 << 8;
pub const AUX: Class = 1 << 9;
pub const CONJUNCTION: Class = 1 << 10;
pub const PAST_VERB: Class = 1 << 11;
pub const HONORIFIC: Class = 1 << 12;
pub const PARTICLE: Class = 1 << 13;
pub const LISTENER_VERB: Class = 1 << 14;
pub const NOUN_MARKER: Class = 1 << 15;
pub const FUNCTION_WORD: Class = 1 << 16;
pub const CLAUSE_OPENING: Class = 1 << 17;
pub const SUBORDINATOR: Class = 1 << 18;
pub const QUANTIFIER: Class = 1 << 19;
pub const MALE_TITLE: Class = 1 << 20;
pub const FEMALE_TITLE: Class = 1 << 21;
pub const TITLE_MODIFIER: Class = 1 << 22;
pub const TITLE_SMALL_WORD: Class = 1 << 23;
pub const DOC_NOUN: Class = 1 << 24;
pub const POINTER: Class = 1 << 25;
pub const ORG_NAME: Class = 1 << 26;
pub const PLURAL_TITLE: Class = 1 << 27;
pub const DEMONYM: Class = 1 << 28;
pub const INSTITUTION: Class = 1 << 29;
pub const DESCRIPTION_ROLE: Class = 1 << 30;
pub const TITLE_SURNAME: Class = 1 << 31;
pub const ORG_NOUN: Class = 1 << 32;
pub const COUNTRY: Class = 1 << 33;

/// The word lists, one file each under `src/extract/data/` (one lower-case word per line,
/// sorted, `#` comment lines first), and the class each gives its words. Kept as data so
/// that a list is read and corrected in one place, and a test checks its form.
/// `(name, file text, class)` of the list in `data/<name>.txt`.
macro_rules! list {
    ($name:literal, $class:expr) => {
        ($name, include_str!(concat!("data/", $name, ".txt")), $class)
    };
}

pub const LISTS: &[(&str, &str, Class)] = &[
    list!("stop_words", STOP),
    list!("titles", TITLE),
    list!("honorifics", TITLE | HONORIFIC),
    list!("org_heads", ORG),
    list!("name_suffixes", SUFFIX),
    list!("adverbs", ADVERB),
    list!("abbreviations", ABBREV),
    list!("place_words", PLACEY),
    list!("determiners", DETERMINER),
    list!("prepositions", PREPOSITION),
    list!("auxiliaries", AUX),
    list!("conjunctions", CONJUNCTION),
    list!("past_verbs", PAST_VERB),
    list!("name_particles", PARTICLE),
    list!("listener_verbs", LISTENER_VERB),
    list!("noun_markers", NOUN_MARKER),
    list!("function_words", FUNCTION_WORD),
    list!("clause_openings", CLAUSE_OPENING),
    list!("subordinators", SUBORDINATOR),
    list!("quantifiers", QUANTIFIER),
    list!("titles_male", MALE_TITLE),
    list!("titles_female", FEMALE_TITLE),
    list!("title_modifiers", TITLE_MODIFIER),
    list!("title_small_words", TITLE_SMALL_WORD),
    list!("document_nouns", DOC_NOUN),
    list!("pointer_words", POINTER),
    list!("org_names", ORG | ORG_NAME),
    list!("plural_titles", TITLE | PLURAL_TITLE),
    list!("demonyms", DEMONYM),
    list!("institution_nouns", INSTITUTION),
    list!("description_roles", DESCRIPTION_ROLE),
    list!("title_surnames", TITLE_SURNAME),
    list!("org_nouns", ORG_NOUN),
    list!("countries", COUNTRY),
];

/// The entries of a word-list file: its non-blank lines that are not `#` comments.
pub fn entries(src: &'static str) -> impl Iterator<Item = &'static str> {
    src.lines()
        .map(str::trim_end)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
}

fn table() -> &'static WordTable<Class> {
    static T: OnceLock<WordTable<Class>> = OnceLock::new();
    T.get_or_init(|| {
        let mut m: FastMap<&'static [u8], Class> = FastMap::default();
        for &(_, src, flag) in LISTS {
            for w in entries(src) {
                *m.entry(w.as_bytes()).or_insert(0) |= flag;
            }
        }
        WordTable::new(m)
    })
}

/// The classes of `w` (case-insensitive, a trailing period ignored); 0 when in no list.
pub fn class(w: &str) -> Class {
    let b = w.as_bytes();
    table()
        .get_lower(b.strip_suffix(b".").unwrap_or(b))
        .unwrap_or(0)
}

pub fn is(w: &str, flag: Class) -> bool {
    class(w) & flag != 0
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The key as it was first written: strip a period, refuse long or non-ASCII words,
    /// lower-case byte by byte.
    fn reference_key(w: &str) -> Option<Key> {
        let b = w.as_bytes();
        let b = b.strip_suffix(b".").unwrap_or(b);
        if b.len() > MAX_KEY || !b.is_ascii() {
            return None;
        }
        pack(&b.to_ascii_lowercase())
    }

    #[test]
    fn packed_lower_case_matches_bytewise() {
        let words = [
            "",
            ".",
            "..",
            "a",
            "A",
            "Sen.",
            "U.S.",
            "SAID",
            "said",
            "@[`{",
            "AZaz@[",
            "ÉCOLE",
            "école",
            "abcdefgh",
            "ABCDEFGHI",
            "abcdefghijklmnopqrstuvwx",
            "ABCDEFGHIJKLMNOPQRSTUVWX.",
            "abcdefghijklmnopqrstuvwxy",
            "don't",
            "O'NEILL",
            "vice-president",
            "\u{7f}Z",
        ];
        for w in words {
            assert_eq!(lower_key(w), reference_key(w), "{w:?}");
        }
        // every ASCII byte in every position of a word
        for c in 0u8..0x80 {
            for pos in [0, 7, 8, 15, 23] {
                let mut b = vec![b'q'; 24];
                b[pos] = c;
                let w = std::str::from_utf8(&b).unwrap();
                assert_eq!(lower_key(w), reference_key(w), "{w:?}");
            }
        }
    }

    #[test]
    fn pack_is_little_endian_zero_padded() {
        let bytes: Vec<u8> = (1..=25).collect();
        for n in 0..=25 {
            let b = &bytes[..n];
            let want = (n <= MAX_KEY).then(|| {
                let mut k = [0u64; 3];
                for (i, &c) in b.iter().enumerate() {
                    k[i / 8] |= u64::from(c) << (8 * (i % 8));
                }
                k
            });
            assert_eq!(pack(b), want, "{n}");
        }
    }

    /// Every list is sorted, unique and lower-case, with no blank entries or spaces: a
    /// duplicate or a capital would be a silent no-op or miss.
    #[test]
    fn word_lists_are_sorted_unique_lower_case() {
        for &(name, src, _) in LISTS {
            let words: Vec<&str> = entries(src).collect();
            assert!(!words.is_empty(), "{name} is empty");
            for w in &words {
                assert_eq!(*w, w.to_lowercase(), "{name}: {w:?} is not lower case");
                assert!(
                    !w.contains(char::is_whitespace),
                    "{name}: {w:?} holds a space"
                );
            }
            for pair in words.windows(2) {
                assert!(
                    pair[0] < pair[1],
                    "{name}: {:?} then {:?}",
                    pair[0],
                    pair[1]
                );
            }
        }
    }

    #[test]
    fn classes() {
        assert!(is("Said", PAST_VERB));
        assert!(is("SEN.", TITLE | ABBREV));
        assert!(is("u.s.", TITLE));
        assert!(is("The", STOP) && is("the", DETERMINER));
        assert_eq!(class("Zyxwv"), 0);
        assert_eq!(class(""), 0);
        assert_eq!(class("."), 0);
        assert_eq!(class("transportation"), TITLE);
    }

    #[test]
    fn table_finds_every_key_and_nothing_else() {
        let words: Vec<String> = (0..500).map(|i| format!("w{i}x")).collect();
        let t = WordTable::new(words.iter().enumerate().map(|(i, w)| (w.as_bytes(), i)));
        for (i, w) in words.iter().enumerate() {
            assert_eq!(t.get_lower(w.as_bytes()), Some(i));
            assert_eq!(t.get_lower(w.to_uppercase().as_bytes()), Some(i));
            assert_eq!(t.get_lower(format!("{w}y").as_bytes()), None);
            assert_eq!(t.get_lower(format!("{w}Y").as_bytes()), None);
        }
        assert_eq!(t.get_lower(b""), None);
    }
}
