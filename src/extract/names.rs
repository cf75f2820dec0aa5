//! Names in the article: capitalised runs, their titles, and the entities they refer to.
//!
//! Owns the word lists (titles, honorifics, organisation heads, sentence-start words) and the
//! per-article registry that maps a surname or a titled name to the fullest form of the same
//! name found anywhere in the article ("Sessions" → "Jeff Sessions"). Works only on text
//! outside quotation marks: a name inside a quote is something a speaker said, not a mention.

use super::gender::{first_name_lean, Gender};
use super::lexicon;
use super::text::{Kind, Tok, ABBR};

/// Can the capitalised word `t`, opening a sentence before a given name, be a description
/// rather than a given name (`Defiant`, `Striker`, `Billionaire`, `Eighty-five-year-old`)? Not
/// an initial nor a known given name, and shaped like an adjective or a noun for a person.
fn describes(text: &str, t: &Tok) -> bool {
    let w = t.bare(text);
    const ENDINGS: &[&str] = &[
        "ant", "ent", "ive", "ous", "ful", "ist", "er", "or", "ed", "ing", "old", "al", "ic", "s",
        "ian", "ire",
    ];
    // (titles are taken off the name as titles)
    w.chars().count() > 2
        && first_name_lean(w).is_none()
        && !lexicon::is(w, lexicon::TITLE)
        && ENDINGS.iter().any(|e| w.ends_with(e))
}

/// Titles that tell gender.
fn title_gender(w: &str) -> Option<Gender> {
    let c = lexicon::class(w);
    if c & lexicon::MALE_TITLE != 0 {
        Some(Gender::Male)
    } else if c & lexicon::FEMALE_TITLE != 0 {
        Some(Gender::Female)
    } else {
        None
    }
}

pub fn is_title(w: &str) -> bool {
    lexicon::is(w, lexicon::TITLE)
}

/// The word classes ([`lexicon::class`]) of the tokens' bare forms. Run detection asks about
/// each capitalised word several times (stop word? title? organisation head? suffix?), so
/// those are looked up once per article; any other token is looked up when asked.
struct Classes<'a> {
    text: &'a str,
    toks: &'a [Tok],
    cls: Vec<lexicon::Class>,
}

/// Not looked up yet (no word is in every list).
const UNKNOWN: lexicon::Class = lexicon::Class::MAX;

impl<'a> Classes<'a> {
    fn new(text: &'a str, toks: &'a [Tok]) -> Self {
        let cls = toks
            .iter()
            .map(|t| {
                if t.kind == Kind::Word && t.is_cap() {
                    lexicon::class(t.bare(text))
                } else {
                    UNKNOWN
                }
            })
            .collect();
        Classes { text, toks, cls }
    }

    fn of(&self, k: usize) -> lexicon::Class {
        match self.cls[k] {
            UNKNOWN => lexicon::class(self.toks[k].bare(self.text)),
            c => c,
        }
    }

    fn is(&self, k: usize, flag: lexicon::Class) -> bool {
        self.of(k) & flag != 0
    }
}

/// Lower-case, period-free key for comparing name words.
pub fn key(w: &str) -> String {
    let mut k = String::with_capacity(w.len());
    push_key(w, &mut k);
    k
}

/// Append [`key`]`(w)` to `out`.
fn push_key(w: &str, out: &mut String) {
    if w.is_ascii() {
        // the common case, without decoding (`’` is not ASCII, so there is nothing to map)
        out.extend(
            w.bytes()
                .filter(|&b| b != b'.')
                .map(|b| char::from(b.to_ascii_lowercase())),
        );
        return;
    }
    out.extend(
        w.chars()
            .filter(|c| *c != '.')
            .flat_map(char::to_lowercase)
            .map(|c| if c == '’' { '\'' } else { c }),
    );
}

/// `f(&key(w))` without allocating for short ASCII words: most keys are only compared.
pub(super) fn with_key<R>(w: &str, f: impl FnOnce(&str) -> R) -> R {
    let mut buf = [0u8; 32];
    if w.len() <= buf.len() && w.is_ascii() {
        let mut n = 0;
        for b in w.bytes().filter(|&b| b != b'.') {
            buf[n] = b.to_ascii_lowercase();
            n += 1;
        }
        if let Ok(k) = std::str::from_utf8(&buf[..n]) {
            return f(k);
        }
    }
    f(&key(w))
}

/// A capitalised run outside quotes, split into its title part and its name part.
#[derive(Debug, Clone)]
pub struct Run {
    /// Token range of the whole run (titles included, leading sentence words excluded).
    pub a: usize,
    pub b: usize,
    /// First token of the name proper (after titles).
    pub name_a: usize,
    /// One past the last token of the name proper (before `QC`, `Jr.`, `MP`).
    pub name_b: usize,
    pub org: bool,
    pub para: usize,
    /// Gender told by an honorific or gendered title in the run.
    pub title_gender: Option<Gender>,
    /// Headed by a plural title (`Senators Roe and Hale`): several people.
    pub plural: bool,
    /// The entity this run refers to, once resolved.
    pub entity: Option<usize>,
}

/// The tokens of a name: `all` of them, less a nickname in quotation marks between the given
/// name and the surname (`Ahmed 'Mido' Hossam`), which is shown but no part of the keys.
#[derive(Debug, Clone)]
struct NameWords {
    all: std::ops::Range<usize>,
    nickname: Option<std::ops::Range<usize>>,
}

impl NameWords {
    fn iter(&self) -> impl Iterator<Item = usize> + '_ {
        self.all
            .clone()
            .filter(|k| self.nickname.as_ref().is_none_or(|n| !n.contains(k)))
    }
}

impl From<std::ops::Range<usize>> for NameWords {
    fn from(all: std::ops::Range<usize>) -> Self {
        NameWords {
            all,
            nickname: None,
        }
    }
}

/// A person or organisation named in full somewhere in the article.
///
/// The name words and their keys are each one string, joined by single spaces, rather than
/// one string per word: an article creates a dozen entities, and a vector of strings cost
/// two allocations (and two frees) per word. No word holds a space (tokens end at
/// whitespace), so the joined form is as exact as the list.
#[derive(Debug, Clone)]
pub struct Entity {
    /// Name words in their written form, possessive dropped, joined by spaces.
    pub words: String,
    /// Lower-case keys of the words, joined by spaces.
    pub keys: String,
    /// How many words.
    pub len: usize,
    /// Where the first key ends and the last one starts in `keys`.
    first_end: usize,
    last_start: usize,
    /// The next person created with the same surname hash ([`Registry::by_surname`]), or
    /// `usize::MAX`.
    next_same_surname: usize,
    pub title: Option<String>,
    /// All titles seen, as lower-case keys (for role nouns: "the president").
    pub titles: Vec<String>,
    pub male: u32,
    pub female: u32,
    pub org: bool,
    pub person_evidence: bool,
    /// Generational suffix as written (`Jr.`, `III`): part of who the person is, since
    /// `Donald Trump Jr.` is not `Donald Trump`.
    pub suffix: Option<String>,
}

impl Entity {
    pub fn name(&self) -> String {
        let mut n = self.words.clone();
        if let Some(s) = self.suffix.as_ref().filter(|s| self.shows_suffix(s)) {
            n.push(' ');
            n.push_str(s);
        }
        n
    }

    /// `Jr.` and `Sr.` tell a father from his son, who often share the news (`Donald Trump
    /// Jr.`), so they stay in the name shown; a numeral (`Brent Bozell III`) is dropped unless
    /// it is the name's number (`John Paul II`, `Elizabeth II`).
    fn shows_suffix(&self, s: &str) -> bool {
        if !matches!(key(s).as_str(), "ii" | "iii" | "iv") || self.len < 2 {
            return true;
        }
        self.titles.iter().any(|t| {
            t.split_whitespace().any(|w| {
                matches!(
                    w,
                    "pope"
                        | "king"
                        | "queen"
                        | "emperor"
                        | "empress"
                        | "tsar"
                        | "prince"
                        | "princess"
                )
            })
        })
    }
    pub fn gender(&self) -> Option<Gender> {
        if self.male > self.female {
            Some(Gender::Male)
        } else if self.female > self.male {
            Some(Gender::Female)
        } else {
            None
        }
    }
}

/// Per-article names: runs in reading order and the entities they resolve to.
#[derive(Debug, Default)]
pub struct Registry {
    pub runs: Vec<Run>,
    /// token index → run index (u32::MAX when the token is in no run)
    pub run_of: Vec<u32>,
    pub entities: Vec<Entity>,
    /// Scratch for [`Registry::find_or_add`]'s keys, kept so that a lookup allocates nothing.
    key_buf: String,
    /// Surname key hash → first and last person entity with that hash, the others chained
    /// through [`Entity::next_same_surname`] in creation order. Hashes rather than strings
    /// as keys: nothing is allocated per surname (one-word names are looked up for every
    /// run), and a lookup compares the keys themselves, so a collision costs a comparison,
    /// never a wrong answer.
    by_surname: lexicon::FastMap<u64, (usize, usize)>,
    /// Last key hash → every entity (people and organisations) whose last name word has it,
    /// in creation order: where [`Registry::find_or_add`] looks for an earlier mention.
    by_last: lexicon::FastMap<u64, Vec<usize>>,
    /// Nicknames given inside a name (`Ahmed 'Mido' Hossam`), as keys, with their entity.
    nicknames: lexicon::FastMap<String, usize>,
}

fn surname_hash(k: &str) -> u64 {
    use std::hash::Hasher;
    let mut h = lexicon::Fnv::default();
    h.write(k.as_bytes());
    h.finish()
}

impl Registry {
    pub fn build(text: &str, toks: &[Tok]) -> Registry {
        let mut r = Registry {
            run_of: vec![u32::MAX; toks.len()],
            ..Default::default()
        };
        let cls = Classes::new(text, toks);
        let mut i = 0;
        while i < toks.len() {
            if !starts_run(text, toks, i) {
                i += 1;
                continue;
            }
            let mut j = i + 1;
            while j < toks.len() && continues_run(text, toks, &cls, j) && !toks[j - 1].is_poss() {
                j += 1;
            }
            // do not end on a connector
            while j > i + 1 && !toks[j - 1].is_cap() {
                j -= 1;
            }
            // `Jane Doe of Acme` is a person and an organisation; `Secretary of State John
            // Kerry` and `Bank of America` are one run
            if let Some(of) = (i + 1..j).find(|&k| toks[k].text(text) == "of") {
                let head_is_name = (i..of)
                    .any(|k| cls.of(k) & (lexicon::TITLE | lexicon::ORG | lexicon::STOP) == 0);
                if head_is_name {
                    r.add_run(text, toks, &cls, i, of);
                    i = of + 1;
                    continue;
                }
            }
            r.add_run(text, toks, &cls, i, j);
            i = j;
        }
        r.link(text, toks);
        r
    }

    fn add_run(&mut self, text: &str, toks: &[Tok], cls: &Classes, mut a: usize, b: usize) {
        while a < b && cls.is(a, lexicon::STOP) {
            a += 1;
        }
        if a >= b {
            return;
        }
        let mut name_a = a;
        // `CNN President Jeff Zucker`, `White House Press Secretary Josh Earnest`: a title
        // word inside the run, after words that are not given names, starts the title
        if let Some(t) = (a + 1..b.saturating_sub(1))
            .rev()
            .find(|&k| cls.is(k, lexicon::TITLE) && !cls.is(k + 1, lexicon::TITLE))
        {
            let head_is_title = (a..t).all(|k| first_name_lean(toks[k].bare(text)).is_none());
            if head_is_title {
                name_a = t;
            }
        }
        // `Defiant Matt Williams`, `Striker Nicolas Anelka` opening a sentence: a word that
        // is no given name before one that is describes the person and is no part of the name
        let sentence_start = a == 0
            || toks[a - 1].para != toks[a].para
            || matches!(toks[a - 1].kind, Kind::Quote)
            || toks[a - 1].kind == Kind::Punct && matches!(toks[a - 1].ch, '.' | '!' | '?' | ':');
        // (a plural noun anywhere: `… on Drugs Joseph R. Biden`)
        let plural = {
            let w = toks[a].bare(text);
            w.len() > 3 && w.ends_with('s') && w.chars().nth(1).is_some_and(char::is_lowercase)
        };
        if (sentence_start || plural)
            && name_a == a
            && b - a >= 3
            && describes(text, &toks[a])
            && first_name_lean(toks[a + 1].bare(text)).is_some_and(|(_, strong)| strong)
        {
            name_a = a + 1;
        }
        let mut tg = None;
        let mut plural = false;
        while name_a + 1 < b && cls.is(name_a, lexicon::TITLE) {
            tg = tg.or_else(|| title_gender(toks[name_a].bare(text)));
            plural |= cls.is(name_a, lexicon::PLURAL_TITLE);
            name_a += 1;
        }
        let mut name_b = b;
        while name_b > name_a + 1 && cls.is(name_b - 1, lexicon::SUFFIX) {
            name_b -= 1;
        }
        // `Navy Capt. Jeff Davis`, `Acme Corp. CEO Jane Doe`: an organisation in the title
        // does not make the titled name one
        // (`Foreign Policy Centre Mr Straw`: after an honorific, a person's name, however short)
        let honorific_before = name_a > a && cls.is(name_a - 1, lexicon::HONORIFIC);
        let org_from = if name_a > a && (name_b > name_a + 1 || honorific_before) {
            name_a
        } else {
            a
        };
        let org = (org_from..b).any(|k| cls.is(k, lexicon::ORG))
            || (b - a == 1 && is_acronym(toks[a].bare(text)));
        let idx = self.runs.len() as u32;
        for k in a..b {
            self.run_of[k] = idx;
        }
        self.runs.push(Run {
            a,
            b,
            name_a,
            name_b,
            org,
            para: toks[a].para,
            title_gender: tg,
            plural,
            entity: None,
        });
    }

    /// Create entities from full names, then resolve every run to one.
    fn link(&mut self, text: &str, toks: &[Tok]) {
        self.link_nicknames(text, toks);
        for ri in 0..self.runs.len() {
            let run = &self.runs[ri];
            let n = run.name_b - run.name_a;
            if run.org {
                let id =
                    self.find_or_add(text, toks, (run.a..run.b).into(), true, None, None, None);
                self.runs[ri].entity = Some(id);
                continue;
            }
            // `Republican Assemblywoman`, `Democratic Senator`: a role, not a name
            if n < 2 || is_title(toks[run.name_b - 1].bare(text)) {
                continue;
            }
            let words = run.name_a..run.name_b;
            let title = (run.name_a > run.a).then(|| &text[toks[run.a].s..toks[run.name_a - 1].e]);
            let tg = run.title_gender;
            let suffix = (run.name_b..run.b)
                .map(|k| toks[k].text(text))
                .find(|w| with_key(w, |k| matches!(k, "jr" | "sr" | "ii" | "iii" | "iv")));
            let id = self.find_or_add(text, toks, words.into(), false, title, tg, suffix);
            self.runs[ri].entity = Some(id);
        }
        // single-word runs: surname (or first name) of a known entity
        let mut by_first: Option<lexicon::FastMap<u64, Vec<usize>>> = None;
        for ri in 0..self.runs.len() {
            let run = self.runs[ri].clone();
            if run.entity.is_some() || run.name_b - run.name_a != 1 {
                continue;
            }
            let tg = run.title_gender;
            let mut cands = with_key(toks[run.name_a].bare(text), |k| {
                self.surname_candidates(k, tg)
            });
            // `Sir Digby` for Digby Jones, `Prime Minister Tuilaepa` for Tuilaepa Sailele
            // Malielegaoi: a title before a given name, where no one has it as a surname
            if cands.is_empty() && !self.nicknames.is_empty() {
                let e = with_key(toks[run.name_a].bare(text), |k| {
                    self.nicknames.get(k).copied()
                });
                cands.extend(e);
            }
            if cands.is_empty() && run.name_a > run.a {
                let index = by_first.get_or_insert_with(|| self.first_name_index());
                cands = with_key(toks[run.name_a].bare(text), |k| {
                    index.get(&surname_hash(k)).map_or(Vec::new(), |ids| {
                        ids.iter()
                            .copied()
                            .filter(|&e| self.entities[e].keys().first() == k)
                            .collect()
                    })
                });
            }
            if cands.len() == 1 {
                let e = cands[0];
                self.runs[ri].entity = Some(e);
                if let Some(g) = tg {
                    self.vote(e, g);
                }
                if run.name_a > run.a {
                    let t = text[toks[run.a].s..toks[run.name_a - 1].e].to_string();
                    let tk = key(&t);
                    let ent = &mut self.entities[e];
                    if !ent.titles.contains(&tk) {
                        ent.titles.push(tk);
                    }
                    if ent.title.is_none() && !is_honorific(&t) {
                        ent.title = Some(t);
                    }
                }
            }
        }
    }

    /// `Ahmed 'Mido' Hossam`, `Earvin "Magic" Johnson`: one person, whose nickname alone
    /// (`Mido said`) names them later in the article.
    fn link_nicknames(&mut self, text: &str, toks: &[Tok]) {
        for ri in 0..self.runs.len() {
            let r1 = &self.runs[ri];
            let j = r1.b;
            if r1.org || r1.entity.is_some() || r1.b - r1.name_a > 2 || j >= toks.len() {
                continue;
            }
            let tight = |a: usize, b: usize| toks[a].e == toks[b].s;
            let nick = match toks[j].kind {
                Kind::Quote => {
                    let inner =
                        text[toks[j].s..toks[j].e].trim_matches(|c: char| !c.is_alphanumeric());
                    let words = inner.split_whitespace().count();
                    let caps = inner
                        .split_whitespace()
                        .all(|w| w.chars().next().is_some_and(char::is_uppercase));
                    if !(1..=2).contains(&words) || !caps || inner.contains(['.', ',', '!', '?']) {
                        continue;
                    }
                    j..j + 1
                }
                Kind::Punct if matches!(toks[j].ch, '\'' | '‘') => {
                    let closes = toks.get(j + 2).is_some_and(|c| {
                        matches!(c.kind, Kind::Punct) && matches!(c.ch, '\'' | '’')
                    });
                    if !closes
                        || toks[j + 1].kind != Kind::Word
                        || !toks[j + 1].is_cap()
                        || !tight(j, j + 1)
                        || !tight(j + 1, j + 2)
                    {
                        continue;
                    }
                    j..j + 3
                }
                _ => continue,
            };
            let m = nick.end;
            let r3 = match self.run_of.get(m) {
                Some(&r) if r != u32::MAX => r as usize,
                _ => continue,
            };
            let (a1, name_a1, tg) = (r1.a, r1.name_a, r1.title_gender);
            let last = &self.runs[r3];
            if last.a != m || last.org || last.para != self.runs[ri].para {
                continue;
            }
            let (name_b, b3) = (last.name_b, last.b);
            let title = (name_a1 > a1).then(|| &text[toks[a1].s..toks[name_a1 - 1].e]);
            let suffix = (name_b..b3)
                .map(|k| toks[k].text(text))
                .find(|w| with_key(w, |k| matches!(k, "jr" | "sr" | "ii" | "iii" | "iv")));
            let words = NameWords {
                all: name_a1..name_b,
                nickname: Some(nick.clone()),
            };
            let id = self.find_or_add(text, toks, words, false, title, tg, suffix);
            self.runs[ri].entity = Some(id);
            self.runs[r3].entity = Some(id);
            let key = if toks[nick.start].kind == Kind::Quote {
                key(text[toks[nick.start].s..toks[nick.start].e]
                    .trim_matches(|c: char| !c.is_alphanumeric()))
            } else {
                key(toks[nick.start + 1].bare(text))
            };
            if let Some(&r2) = self.run_of.get(nick.start + 1).filter(|&&r| r != u32::MAX) {
                self.runs[r2 as usize].entity = Some(id);
            }
            self.nicknames.entry(key).or_insert(id);
        }
    }

    /// First-name key hash → the people named in full (two words or more) with that first
    /// name, in creation order.
    fn first_name_index(&self) -> lexicon::FastMap<u64, Vec<usize>> {
        let mut m: lexicon::FastMap<u64, Vec<usize>> = lexicon::FastMap::default();
        for (e, ent) in self.entities.iter().enumerate() {
            if !ent.org && ent.len >= 2 {
                m.entry(surname_hash(ent.keys().first()))
                    .or_default()
                    .push(e);
            }
        }
        m
    }

    /// The people (not organisations) whose last name word has the key `k`, in the order they
    /// were first named, narrowed by gender and evidence as below.
    pub fn surname_candidates(&self, k: &str, g: Option<Gender>) -> Vec<usize> {
        // only people are chained, and an entity's last key and `org` never change once it
        // exists (a fuller name replaces the keys only when the surnames agree)
        let mut c = Vec::new();
        let mut e = self
            .by_surname
            .get(&surname_hash(k))
            .map_or(usize::MAX, |&(first, _)| first);
        while e != usize::MAX {
            let ent = &self.entities[e];
            if ent.keys().last() == k {
                c.push(e);
            }
            e = ent.next_same_surname;
        }
        if let Some(g) = g {
            let f: Vec<usize> = c
                .iter()
                .copied()
                .filter(|&e| self.entities[e].gender().is_none_or(|eg| eg == g))
                .collect();
            if !f.is_empty() {
                c = f;
            }
        }
        c.retain(|&e| !self.entities[e].org);
        // `Liberal Oscar-winner Sarandon` (a headline) and `Susan Sarandon`: only the one
        // with a known first name or a title is evidently a person
        if c.len() > 1 {
            let p: Vec<usize> = c
                .iter()
                .copied()
                .filter(|&e| self.entities[e].person_evidence)
                .collect();
            if p.len() == 1 {
                return p;
            }
        }
        c
    }

    /// An honorific or gendered title (`Mrs.`, `Congresswoman`) outweighs a first name.
    fn vote(&mut self, e: usize, g: Gender) {
        match g {
            Gender::Male => self.entities[e].male += 3,
            Gender::Female => self.entities[e].female += 3,
        }
    }

    /// The entity the name words `toks[words]` (as written, possessive dropped) belong to,
    /// created when no earlier one is the same person. Most runs repeat a known name: the
    /// keys are built in a kept buffer, and strings are copied only for a new or fuller name.
    #[allow(clippy::too_many_arguments)]
    fn find_or_add(
        &mut self,
        text: &str,
        toks: &[Tok],
        words: NameWords,
        org: bool,
        title: Option<&str>,
        tg: Option<Gender>,
        suffix: Option<&str>,
    ) -> usize {
        let n = words.iter().count();
        let mut keys = std::mem::take(&mut self.key_buf);
        keys.clear();
        let (mut first_end, mut last_start) = (0, 0);
        for (i, k) in words.iter().enumerate() {
            if i > 0 {
                keys.push(' ');
            }
            last_start = keys.len();
            push_key(toks[k].bare(text), &mut keys);
            if i == 0 {
                first_end = keys.len();
            }
        }
        let cand = Keys {
            all: &keys,
            len: n,
            first_end,
            last_start,
        };
        // two names can only be one entity when their last words agree: look among those
        // only (in creation order, so the first match is the earliest entity), not at every
        // entity of the article
        let last_hash = surname_hash(cand.last());
        let found = self.by_last.get(&last_hash).and_then(|ids| {
            ids.iter().copied().find(|&i| {
                let e = &self.entities[i];
                e.org == org && same_person(e.keys(), cand) && same_key(e.suffix.as_deref(), suffix)
            })
        });
        let joined = || -> String {
            let (a, b) = (words.all.start, words.all.end);
            // `Ahmed 'Mido' Hossam`: a nickname is shown as written
            if words.nickname.is_some() {
                return text[toks[a].s..toks[b - 1].e].to_string();
            }
            // an upper bound: the words and what separates them in the text
            let mut s = String::with_capacity(toks[b - 1].e - toks[a].s);
            for k in words.iter() {
                if k > a {
                    s.push(' ');
                }
                s.push_str(toks[k].name_word(text));
            }
            s
        };
        let id = match found {
            Some(id) => {
                let e = &mut self.entities[id];
                if n > e.len {
                    e.words = joined();
                    e.keys = keys.clone();
                    e.len = n;
                    e.first_end = first_end;
                    e.last_start = last_start;
                }
                id
            }
            None => {
                let mut ent = Entity {
                    words: joined(),
                    keys: keys.clone(),
                    len: n,
                    first_end,
                    last_start,
                    next_same_surname: usize::MAX,
                    title: None,
                    titles: Vec::new(),
                    male: 0,
                    female: 0,
                    org,
                    person_evidence: false,
                    suffix: suffix.map(str::to_string),
                };
                if !org {
                    // a strong first name outweighs one stray pronoun; a lean does not
                    if let Some((g, strong)) = first_name_lean(ent.keys().first()) {
                        let w = if strong { 2 } else { 1 };
                        match g {
                            Gender::Male => ent.male += w,
                            Gender::Female => ent.female += w,
                        }
                        ent.person_evidence = true;
                    }
                    // the key is lower-case ASCII or matches no list word: one probe
                    // answers as a scan of PLACEY would
                    if lexicon::is(ent.keys().first(), lexicon::PLACEY) {
                        ent.org = true;
                    }
                }
                let id = self.entities.len();
                self.by_last.entry(last_hash).or_default().push(id);
                if !ent.org {
                    let h = surname_hash(ent.keys().last());
                    match self.by_surname.get_mut(&h) {
                        Some((_, last)) => {
                            let prev = std::mem::replace(last, id);
                            self.entities[prev].next_same_surname = id;
                        }
                        None => {
                            self.by_surname.insert(h, (id, id));
                        }
                    }
                }
                self.entities.push(ent);
                id
            }
        };
        self.key_buf = keys;
        if let Some(t) = title {
            let e = &mut self.entities[id];
            if !with_key(t, |tk| e.titles.iter().any(|x| x == tk)) {
                e.titles.push(key(t));
            }
            if !is_honorific(t) {
                if e.title.is_none() {
                    e.title = Some(t.to_string());
                }
                e.person_evidence = true;
            }
        }
        if let Some(g) = tg {
            self.vote(id, g);
            self.entities[id].person_evidence = true;
        }
        id
    }

    /// Add pronoun evidence: the entity was a subject and a he/she followed closely.
    /// What the article says outweighs name statistics: `Alex Morgan said she …` makes Alex
    /// Morgan a woman although most Alexes are men.
    pub fn pronoun_vote(&mut self, e: usize, g: Gender) {
        match g {
            Gender::Male => self.entities[e].male += 3,
            Gender::Female => self.entities[e].female += 3,
        }
    }

    pub fn mark_person(&mut self, e: usize) {
        self.entities[e].person_evidence = true;
    }
}

/// `Mr.`, `Dame`: a courtesy title, which is no role and is not shown as the speaker's title.
pub(super) fn is_honorific(t: &str) -> bool {
    lexicon::is(t, lexicon::HONORIFIC)
}

fn is_acronym(w: &str) -> bool {
    w.len() >= 2
        && w.chars()
            .all(|c| c.is_ascii_uppercase() || c == '.' || c == '&')
}

/// Space-joined name keys ([`Entity::keys`]) with where the first ends and the last starts:
/// comparing first names and surnames is then slicing, not searching for spaces.
#[derive(Clone, Copy)]
struct Keys<'a> {
    all: &'a str,
    len: usize,
    first_end: usize,
    last_start: usize,
}

impl<'a> Keys<'a> {
    fn first(&self) -> &'a str {
        &self.all[..self.first_end]
    }
    fn last(&self) -> &'a str {
        &self.all[self.last_start..]
    }
}

impl Entity {
    fn keys(&self) -> Keys<'_> {
        Keys {
            all: &self.keys,
            len: self.len,
            first_end: self.first_end,
            last_start: self.last_start,
        }
    }
}

/// Two full names are the same person when their surnames agree and their first names are
/// compatible (equal, one an initial or a clipped form of the other), or one is a tail of the
/// other (`Vargas Llosa` / `Mario Vargas Llosa`).
fn same_person(a: Keys, b: Keys) -> bool {
    if a.all == b.all {
        return true;
    }
    if a.last() != b.last() {
        return false;
    }
    let (fa, fb) = (a.first(), b.first());
    if a.len < 2 || b.len < 2 {
        return false;
    }
    fa == fb
        || (fa.len() == 1 && fb.starts_with(fa))
        || (fb.len() == 1 && fa.starts_with(fb))
        || (fa.len() >= 3 && fb.starts_with(fa))
        || (fb.len() >= 3 && fa.starts_with(fb))
}

/// `a.map(key) == b.map(key)` without building the keys.
fn same_key(a: Option<&str>, b: Option<&str>) -> bool {
    match (a, b) {
        (None, None) => true,
        (Some(a), Some(b)) => with_key(a, |ka| with_key(b, |kb| ka == kb)),
        _ => false,
    }
}

#[inline]
fn starts_run(text: &str, toks: &[Tok], i: usize) -> bool {
    let t = &toks[i];
    // a word's `ch` is its first character: no decoding of the text
    t.kind == Kind::Word && t.is_cap() && t.ch.is_alphabetic() && !is_contraction(t.text(text))
}

/// `Don't`, `I'm`, `We'll` open sentences but are never names.
fn is_contraction(w: &str) -> bool {
    let w = w.strip_suffix('.').unwrap_or(w);
    // cheap rejection first: this runs for every capitalised word
    let b = w.as_bytes();
    if !matches!(b.last(), Some(b't' | b'm' | b'e' | b'l' | b'd'))
        || !b.iter().any(|&c| c == b'\'' || c == 0x99)
    {
        return false;
    }
    [
        "n't", "n’t", "'m", "’m", "'re", "’re", "'ve", "’ve", "'ll", "’ll", "'d", "’d",
    ]
    .iter()
    .any(|s| w.ends_with(s))
}

fn continues_run(text: &str, toks: &[Tok], cls: &Classes, j: usize) -> bool {
    let t = &toks[j];
    if t.kind != Kind::Word || t.para != toks[j - 1].para {
        return false;
    }
    // no punctuation between the two words other than whitespace
    let next_cap = toks
        .get(j + 1)
        .is_some_and(|n| n.kind == Kind::Word && n.is_cap());
    if starts_run(text, toks, j) {
        // a middle initial (`Barbara A. Mikulski`, `George I. Smith`) is a letter with its
        // period, however much `A` and `I` look like stop words
        let initial = t.flags & ABBR != 0 && t.e - t.s == 2 && next_cap;
        return initial || !cls.is(j, lexicon::STOP) || cls.is(j, lexicon::TITLE);
    }
    let w = t.text(text);
    next_cap && (lexicon::is(w, lexicon::PARTICLE) || w == "of")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn reference_key(w: &str) -> String {
        w.chars()
            .filter(|c| *c != '.')
            .flat_map(char::to_lowercase)
            .map(|c| if c == '’' { '\'' } else { c })
            .collect()
    }

    #[test]
    fn keys_match_the_char_by_char_form() {
        let long = "Abc.".repeat(20);
        for w in [
            "",
            ".",
            "Sen.",
            "U.S.",
            "O'Neill",
            "O’Neill",
            "ÉCOLE",
            "Jr.",
            "McCAIN",
            "a.b.c",
            long.as_str(),
        ] {
            assert_eq!(key(w), reference_key(w), "{w:?}");
            assert_eq!(with_key(w, str::to_string), reference_key(w), "{w:?}");
        }
    }
}
