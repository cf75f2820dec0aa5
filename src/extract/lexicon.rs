//! Fast word-class lookup: one hash probe tells which word lists a word belongs to.
//!
//! Why: the name and cue logic asks "is this a title? a stop word? an organisation head? an
//! adverb?" for nearly every token. Linear scans over lists of hundreds of words made that the
//! hottest path; one FNV-hashed probe on the ASCII-lowercased bytes costs a few nanoseconds and
//! allocates nothing.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};
use std::sync::OnceLock;

/// FNV-1a: tiny keys, no DoS concern (the keys are our own word lists).
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

/// ASCII-lowercase `w` into `buf`, dropping one trailing period; `None` when the word is too
/// long or not ASCII (no list word is).
pub fn lower_key<'b>(w: &str, buf: &'b mut [u8; 24]) -> Option<&'b [u8]> {
    let b = w.as_bytes();
    let b = b.strip_suffix(b".").unwrap_or(b);
    if b.len() > buf.len() || !b.is_ascii() {
        return None;
    }
    for (d, s) in buf.iter_mut().zip(b) {
        *d = s.to_ascii_lowercase();
    }
    Some(&buf[..b.len()])
}

pub const STOP: u16 = 1;
pub const TITLE: u16 = 2;
pub const ORG: u16 = 4;
pub const SUFFIX: u16 = 8;
pub const ADVERB: u16 = 16;
pub const ABBREV: u16 = 32;
pub const PLACEY: u16 = 64;
pub const DETERMINER: u16 = 128;
pub const PREPOSITION: u16 = 256;
pub const AUX: u16 = 512;
pub const CONJUNCTION: u16 = 1024;
pub const PAST_VERB: u16 = 2048;

// Closed word classes used to guess clause roles without a parser.
#[rustfmt::skip]
const DETERMINERS: &[&str] = &[
    "the", "a", "an", "his", "her", "their", "its", "our", "my", "your", "this", "that", "these",
    "those", "every", "each", "no", "some", "any",
];
#[rustfmt::skip]
const PREPOSITIONS: &[&str] = &[
    "of", "for", "to", "with", "from", "by", "in", "on", "at", "about", "against", "than",
    "like", "unlike", "between", "among", "toward", "towards", "into", "onto", "over", "under",
    "behind", "beside", "besides", "via", "per", "including", "upon", "without", "within",
    "through", "across", "around", "near", "versus", "vs", "alongside", "despite", "except",
    "beyond", "during", "amid", "whom",
];
#[rustfmt::skip]
const AUXES: &[&str] = &[
    "is", "was", "are", "were", "has", "had", "have", "will", "would", "can", "could", "did",
    "does", "do", "may", "might", "should", "must", "shall", "isn't", "wasn't", "hasn't",
    "hadn't", "won't", "wouldn't", "can't", "couldn't", "didn't", "doesn't",
];
#[rustfmt::skip]
const CONJUNCTIONS: &[&str] = &[
    "and", "or", "but", "nor", "if", "when", "while", "because", "although", "though", "as",
    "since", "unless", "whether", "so", "yet", "who", "which", "what", "where", "whose",
];
// Common irregular past tenses (regular ones end in -ed).
#[rustfmt::skip]
const PAST_VERBS: &[&str] = &[
    "said", "told", "made", "took", "went", "gave", "wrote", "spoke", "met", "ran", "won",
    "lost", "sent", "left", "came", "began", "became", "saw", "kept", "held", "brought", "got",
    "put", "set", "thought", "felt", "found", "led", "paid", "sought", "fought", "knew", "grew",
    "drew", "threw", "stood", "sat", "built", "spent", "meant", "heard", "struck", "hit", "cut",
    "quit", "let", "chose", "rose", "fell", "drove", "broke", "bought", "taught", "caught",
    "beat", "bit", "forgot", "hung", "laid", "lent", "shook", "shot", "sold", "swore", "took",
    "woke", "wore", "withdrew", "understood", "overcame", "undertook",
];

fn table() -> &'static FastMap<&'static [u8], u16> {
    static T: OnceLock<FastMap<&'static [u8], u16>> = OnceLock::new();
    T.get_or_init(|| {
        let mut m: FastMap<&'static [u8], u16> = FastMap::default();
        let lists: [(&[&'static str], u16); 12] = [
            (super::names::STOP, STOP),
            (super::names::TITLES, TITLE),
            (super::names::ORG, ORG),
            (super::names::SUFFIXES, SUFFIX),
            (super::cues::ADVERBS, ADVERB),
            (super::text::ABBREVS, ABBREV),
            (super::names::PLACEY, PLACEY),
            (DETERMINERS, DETERMINER),
            (PREPOSITIONS, PREPOSITION),
            (AUXES, AUX),
            (CONJUNCTIONS, CONJUNCTION),
            (PAST_VERBS, PAST_VERB),
        ];
        for (list, flag) in lists {
            for w in list {
                *m.entry(w.as_bytes()).or_insert(0) |= flag;
            }
        }
        m
    })
}

/// The classes of `w` (case-insensitive, a trailing period ignored); 0 when in no list.
pub fn class(w: &str) -> u16 {
    let mut buf = [0u8; 24];
    match lower_key(w, &mut buf) {
        Some(k) => table().get(k).copied().unwrap_or(0),
        None => 0,
    }
}

pub fn is(w: &str, flag: u16) -> bool {
    class(w) & flag != 0
}
