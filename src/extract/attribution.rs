//! Who said each quote: sieves from the most precise construction to the least.
//!
//! For each quotation, in reading order:
//! 1. **trailing cue** in its own sentence: `"…," X said` / `"…," said X` / `"…" — X` /
//!    `"…," according to X` (54 % of news quotes, and the most reliable);
//! 2. **leading cue** in its own sentence: `X said: "…"`, `X said his rival was "…"` (the subject
//!    of the nearest reporting verb, never simply the nearest name), `X: "…"`;
//! 3. **continuation**: a quote with no attribution in its own sentence takes the speaker of the
//!    most recent attribution (quote or paraphrase) in the same or the previous two paragraphs;
//! 4. **look-ahead**: `"A." "B," X said.` gives A to X when nothing earlier in the paragraph
//!    attributes it;
//! 5. otherwise abstain.
//!
//! Mentions are then resolved to names by [`Registry`]: names to the fullest form in the
//! article, he/she to the most recent gender-compatible person, role nouns ("the president")
//! to the one person introduced with that title. A wrong name is worse than none, so every
//! step abstains when the evidence is split.

use super::cues::{cue, is_adverb_or_aux, CueStrength};
use super::gender::Gender;
use super::names::{key, Registry};
use super::pronouns::{Pronouns, Referent};
use super::quotes::Span;
use super::text::{ends_sentence, lower_ascii, quote_ends_sentence, Kind, Tok};

/// The attribution of one quote.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Attribution {
    pub speaker: Option<String>,
    pub mention: Option<String>,
    pub title: Option<String>,
    pub cue: Option<String>,
    /// Found in the quote's own sentence (not inherited from a previous quote).
    pub own: bool,
}

/// A noun phrase that can be a speaker.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Np {
    /// A capitalised run (name, titled name or organisation), by run index.
    Run(usize),
    Pronoun(usize),
    /// Determiner + common noun(s): token range and the range of the role words.
    Nominal {
        a: usize,
        b: usize,
        role_a: usize,
        role_b: usize,
    },
}

struct Ctx<'a> {
    text: &'a str,
    toks: &'a [Tok],
    quotes: &'a [Span],
    reg: &'a mut Registry,
    /// The lexicon's answer for every token, computed once (`None` for non-cues).
    cues: Vec<Option<super::cues::Cue>>,
    /// Every he/she outside quotes, resolved in reading order.
    pron: Pronouns,
}

#[derive(Debug, Clone)]
struct Event {
    para: usize,
    said: Said,
}

/// Who the most recent attribution names.
#[derive(Debug, Clone)]
enum Said {
    /// A quote's attribution.
    Quote(Attribution),
    /// The subject of a paraphrase (`Jane Doe said the vote …`), resolved to a name only when
    /// a later quote inherits it: most paraphrases are followed by another one or by a quote
    /// with its own attribution, and resolving builds strings (and may scan the article).
    /// Nothing resolution reads changes in between, so the answer is the same.
    Paraphrase(Np),
}

fn lw<'a>(w: &'a str, buf: &'a mut [u8; 24]) -> &'a str {
    lower_ascii(w, buf).unwrap_or("")
}

fn pronoun_gender(w: &str) -> Option<Option<Gender>> {
    let mut b = [0u8; 24];
    match lw(w, &mut b) {
        "he" => Some(Some(Gender::Male)),
        "she" => Some(Some(Gender::Female)),
        "they" | "it" | "we" | "i" | "you" => Some(None),
        _ => None,
    }
}

fn is_determiner(w: &str) -> bool {
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
fn takes_listener(lemma: &str) -> bool {
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
fn is_noun_marker(t: &Tok, text: &str) -> bool {
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

fn is_function_word(w: &str) -> bool {
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
fn used_in_lower_case(text: &str, w: &str) -> bool {
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
fn is_prep_or_adverb_opening(w: &str) -> bool {
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

fn is_subordinator(w: &str) -> bool {
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

fn is_prep(w: &str) -> bool {
    let mut b = [0u8; 24];
    matches!(
        lw(w, &mut b),
        "of" | "for" | "at" | "with" | "from" | "in" | "on"
    )
}

/// Map abbreviated title words to their full form so "the senator" finds "Sen. X".
fn norm_title_word(w: &str) -> &str {
    match w {
        "sen" => "senator",
        "rep" => "representative",
        "gov" => "governor",
        "gen" => "general",
        "atty" => "attorney",
        "sec" => "secretary",
        "pres" => "president",
        "lt" => "lieutenant",
        "col" => "colonel",
        "sgt" => "sergeant",
        "capt" => "captain",
        "adm" => "admiral",
        "prof" => "professor",
        "dr" => "doctor",
        "congressman" | "congresswoman" => "congressman",
        _ => w,
    }
}

fn norm_title(t: &str) -> String {
    let mut out = String::new();
    for w in t.split_whitespace() {
        if matches!(
            w,
            "former"
                | "us"
                | "u.s"
                | "then"
                | "acting"
                | "the"
                | "democratic"
                | "republican"
                | "gop"
        ) {
            continue;
        }
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(norm_title_word(w));
    }
    out
}

impl Ctx<'_> {
    fn word(&self, i: usize) -> &str {
        self.toks[i].text(self.text)
    }

    fn is_word(&self, i: usize) -> bool {
        i < self.toks.len() && self.toks[i].kind == Kind::Word
    }

    /// A word of digits only: an age (`Jane Doe, 35,`) or a year.
    fn is_number(&self, i: usize) -> bool {
        self.is_word(i) && self.word(i).bytes().all(|b| b.is_ascii_digit())
    }

    fn cue_at(&self, i: usize) -> Option<(super::cues::Cue, String)> {
        let c = self.cue_of(i)?;
        let s = if c.words == 2 {
            self.text[self.toks[i].s..self.toks[i + 1].e].to_string()
        } else {
            self.word(i).to_ascii_lowercase()
        };
        Some((c, s))
    }

    /// The cue at token `i`, without building its text. Inlined: two passes ask it of every
    /// token, and nearly all are answered by the table or the first letter.
    #[inline]
    fn cue_of(&self, i: usize) -> Option<super::cues::Cue> {
        if let Some(c) = self.cues.get(i).copied().flatten() {
            return Some(c);
        }
        // `ch` is a word's first letter: most words are turned away before being sliced
        if !self.is_word(i) || !matches!(self.toks[i].ch, 'S' | 'A' | 'W' | 'T') {
            return None;
        }
        self.capital_cue(i)
    }

    /// [`Ctx::cue_of`] for a capitalised word starting with S, A, W or T.
    #[inline(never)]
    fn capital_cue(&self, i: usize) -> Option<super::cues::Cue> {
        // `Said Jane Doe, "…"` opens a sentence with the verb
        let w = self.word(i);
        if matches!(w, "Said" | "Says" | "Asked" | "Added" | "Wrote")
            && (i == 0 || self.sentence_floor(i) == i)
        {
            return cue(&w.to_ascii_lowercase(), None);
        }
        // `Jane Doe Tweeted on Friday`: the platform's capital on the verb
        if matches!(w, "Tweeted" | "Tweets") && i > 0 && self.sentence_floor(i) != i {
            return cue(&w.to_ascii_lowercase(), None);
        }
        None
    }

    /// Start of the sentence containing token `i` (a token index ≥ the paragraph start).
    fn sentence_floor(&self, i: usize) -> usize {
        let para = self.toks[i].para;
        let mut k = i;
        while k > 0 {
            let p = &self.toks[k - 1];
            if p.para != para || ends_sentence(self.toks, k - 1, self.text) {
                break;
            }
            if p.kind == Kind::Quote
                && quote_ends_sentence(self.text, &self.quotes[p.quote])
                && self.toks[k].is_cap()
            {
                break;
            }
            k -= 1;
        }
        k
    }

    /// End (exclusive) of the sentence containing token `i`, stopping at the next quote.
    fn clause_end(&self, i: usize) -> usize {
        let para = self.toks[i].para;
        let mut k = i;
        while k < self.toks.len() && self.toks[k].para == para && self.toks[k].kind != Kind::Quote {
            if ends_sentence(self.toks, k, self.text) {
                return k;
            }
            k += 1;
        }
        k
    }

    /// A run that names a person: not an organisation, with a name part that is not just a
    /// title word.
    fn is_person_name(&self, r: usize) -> bool {
        let run = &self.reg.runs[r];
        if let Some(e) = run.entity {
            return !self.reg.entities[e].org;
        }
        if super::names::is_title(self.toks[run.name_b - 1].bare(self.text)) {
            return false;
        }
        !(run.name_a == run.a
            && run.b - run.a == 1
            && super::names::is_title(self.toks[run.a].bare(self.text)))
    }

    /// Noun phrase ending at token `k` (inclusive), not reaching before `floor`.
    fn np_backward(&self, k: usize, floor: usize, depth: u8) -> Option<Np> {
        if k < floor || k >= self.toks.len() {
            return None;
        }
        let t = &self.toks[k];
        match t.kind {
            Kind::Quote => None,
            Kind::Punct => {
                if t.ch == ')' {
                    let lo = k.saturating_sub(12).max(floor);
                    let open = (lo..k)
                        .rev()
                        .find(|&j| self.toks[j].kind == Kind::Punct && self.toks[j].ch == '(')?;
                    return if open > floor {
                        self.np_backward(open - 1, floor, depth)
                    } else {
                        None
                    };
                }
                if t.ch == ',' && depth == 0 {
                    // `Jane Doe (D-Ill.), said`
                    if k > floor && self.toks[k - 1].is_punct(')') {
                        if let Some(np @ Np::Run(_)) = self.np_backward(k - 1, floor, 1) {
                            return Some(np);
                        }
                    }
                    // apposition: `X, the deputy attorney general, said`; but in
                    // `A Republican lawmaker, Jane Doe, said` the name is the inner phrase
                    let inner = if k > floor {
                        self.np_backward(k - 1, floor, 1)
                    } else {
                        None
                    };
                    let lo = k.saturating_sub(25).max(floor);
                    let mut j = k;
                    while j > lo {
                        j -= 1;
                        let u = &self.toks[j];
                        if u.kind == Kind::Quote || ends_sentence(self.toks, j, self.text) {
                            return None;
                        }
                        if u.kind == Kind::Punct && u.ch == ',' {
                            if j == floor {
                                return None;
                            }
                            // `Jane Doe, 35, the mayor's daughter, said`: skip the age
                            let age = j > floor + 2
                                && self.is_number(j - 1)
                                && self.toks[j - 2].is_punct(',');
                            let outer = if age {
                                self.np_backward(j - 3, floor, 1)
                            } else {
                                self.np_backward(j - 1, floor, 1)
                            };
                            // `Mr. Doe, now retired in Cambridge, Mass., said`: a place before
                            // an inner comma is not the subject; look further back for a person
                            if !matches!(outer, Some(np) if self.is_evident_person(np))
                                && !matches!(inner, Some(np) if self.is_evident_person(np))
                            {
                                if let Some(far) = self.evident_subject_before(j, lo, floor) {
                                    return Some(far);
                                }
                            }
                            let outer_named =
                                matches!(outer, Some(Np::Run(r)) if self.is_person_name(r));
                            if let Some(Np::Run(r)) = inner {
                                if self.is_person_name(r)
                                    && !outer_named
                                    && !matches!(outer, Some(Np::Pronoun(_)))
                                {
                                    return inner;
                                }
                            }
                            return match outer? {
                                np @ (Np::Run(_) | Np::Pronoun(_)) => Some(np),
                                _ => None,
                            };
                        }
                    }
                    return None;
                }
                None
            }
            Kind::Word => {
                let w = t.text(self.text);
                if pronoun_gender(w).is_some() {
                    return Some(Np::Pronoun(k));
                }
                let r = self.reg.run_of[k];
                if r != u32::MAX {
                    let r = r as usize;
                    // `Mike Ryan of the World Health Organization`, `Ann Lee from Acme`,
                    // `Jane Doe of the Center for Policy Studies`: back over the
                    // organisation's name to the person it follows
                    if let Some(p) = self.person_before_org(self.reg.runs[r].a, floor) {
                        return Some(Np::Run(p));
                    }
                    return Some(Np::Run(r));
                }
                let mut b = [0u8; 24];
                if lw(w, &mut b) == "who" && k > floor {
                    let mut j = k - 1;
                    if self.toks[j].is_punct(',') && j > floor {
                        j -= 1;
                    }
                    return match self.np_backward(j, floor, 1)? {
                        np @ Np::Run(_) => Some(np),
                        _ => None,
                    };
                }
                if t.is_cap() || is_function_word(w) || is_determiner(w) || is_adverb_or_aux(w) {
                    return None;
                }
                // common noun phrase: walk back to a determiner
                let mut m = k;
                let lo = k.saturating_sub(5).max(floor);
                while m > lo {
                    let p = &self.toks[m - 1];
                    if p.kind != Kind::Word {
                        break;
                    }
                    let pw = p.text(self.text);
                    if is_determiner(pw) || (p.is_poss() && p.is_cap()) {
                        return Some(Np::Nominal {
                            a: m - 1,
                            b: k + 1,
                            role_a: m,
                            role_b: k + 1,
                        });
                    }
                    // `the Kansas senator`: a capitalised modifier that names no person
                    let cap_modifier = p.is_cap()
                        && match self.reg.run_of[m - 1] {
                            u32::MAX => false,
                            r => {
                                let r = r as usize;
                                self.reg.runs[r].org
                                    || !self.is_named_person(r)
                                        && !self.is_evident_person(Np::Run(r))
                            }
                        };
                    if (p.is_cap() && !cap_modifier)
                        || is_function_word(pw)
                        || is_adverb_or_aux(pw)
                        || cue(pw, None).is_some()
                    {
                        break;
                    }
                    m -= 1;
                }
                // bare plural nominal at a clause start: `officials said`
                let at_start = m == floor || self.toks[m - 1].kind != Kind::Word;
                if at_start && k - m <= 1 && w.ends_with('s') {
                    return Some(Np::Nominal {
                        a: m,
                        b: k + 1,
                        role_a: m,
                        role_b: k + 1,
                    });
                }
                None
            }
        }
    }

    /// The person run right before `of|from|at|with [the] ORG…`, where the organisation's name
    /// ends in the run starting at token `a` and may span capitalised words, `for`, `and`,
    /// `on`, `the` and possessives (`of Washington's Institute for Science and Security`).
    fn person_before_org(&self, a: usize, floor: usize) -> Option<usize> {
        let lo = a.saturating_sub(12).max(floor);
        let mut p = a;
        while p > lo + 1 {
            p -= 1;
            if !self.is_word(p) {
                return None;
            }
            let w = self.word(p);
            if matches!(w, "of" | "from" | "at" | "with") {
                let r2 = self.reg.run_of[p - 1];
                return (r2 != u32::MAX && self.is_person_name(r2 as usize)).then_some(r2 as usize);
            }
            let org_word = self.toks[p].is_cap()
                || matches!(w, "the" | "for" | "and" | "on" | "of")
                || self.reg.run_of[p] != u32::MAX;
            if !org_word {
                return None;
            }
        }
        None
    }

    /// `Jane Doe, who …` opening the clause at `j0` with no other comma before `end`: the
    /// named person the relative clause describes.
    fn relative_head(&self, j0: usize, end: usize) -> Option<usize> {
        let r = self
            .reg
            .run_of
            .get(j0)
            .copied()
            .filter(|&r| r != u32::MAX)? as usize;
        let run = &self.reg.runs[r];
        let b = run.b;
        if run.a != j0
            || !self.is_named_person(r)
            || b + 1 >= end
            || !self.toks[b].is_punct(',')
            || !matches!(self.word(b + 1), "who" | "whose")
            || (b + 1..end).any(|k| !self.is_word(k))
        {
            return None;
        }
        Some(r)
    }

    /// Noun phrase starting at token `j`; returns it and the index after it.
    fn np_forward(&self, j: usize, limit: usize) -> Option<(Np, usize)> {
        if j >= limit || !self.is_word(j) {
            return None;
        }
        let w = self.word(j);
        if pronoun_gender(w).is_some() {
            return Some((Np::Pronoun(j), j + 1));
        }
        let r = self.reg.run_of[j];
        if r != u32::MAX {
            let b = self.reg.runs[r as usize].b;
            return Some((Np::Run(r as usize), b));
        }
        if is_determiner(w) || (self.toks[j].is_poss() && self.toks[j].is_cap()) {
            if j + 1 < limit && self.reg.run_of[j + 1] != u32::MAX {
                let ri = self.reg.run_of[j + 1] as usize;
                if self.reg.runs[ri].a == j + 1 {
                    return Some((Np::Run(ri), self.reg.runs[ri].b));
                }
            }
            let mut m = j + 1;
            let mut role_b = None;
            while m < limit && m < j + 10 && self.is_word(m) {
                let mw = self.word(m);
                if cue(mw, None).is_some_and(|c| c.strength == CueStrength::Strong)
                    || is_adverb_or_aux(mw)
                    || m > j + 1 && self.is_verb_with_object(m)
                {
                    break;
                }
                if is_prep(mw) {
                    role_b.get_or_insert(m);
                } else if is_function_word(mw) {
                    break;
                }
                m += 1;
            }
            if m == j + 1 {
                return None;
            }
            let role_b = role_b.unwrap_or(m);
            return Some((
                Np::Nominal {
                    a: j,
                    b: m,
                    role_a: j + 1,
                    role_b,
                },
                m,
            ));
        }
        None
    }

    fn skip_adverbs(&self, mut j: usize, limit: usize) -> usize {
        while j < limit
            && self.is_word(j)
            && is_adverb_or_aux(self.word(j))
            && self.cue_of(j).is_none()
        {
            j += 1;
        }
        j
    }

    /// Sieve 1: `"…," X said` / `"…," said X` / `"…" — X` / `"…," according to X`.
    fn trailing(&mut self, qt: usize) -> Option<Attribution> {
        let q = self.quotes[self.toks[qt].quote];
        let mut j = qt + 1;
        let para = self.toks[qt].para;
        if j >= self.toks.len() || self.toks[j].para != para {
            return None;
        }
        let limit = self.clause_end(j);
        let terminal = quote_ends_sentence(self.text, &q);
        let new_sentence = terminal && self.toks[j].is_cap();
        if self.toks[j].kind == Kind::Punct {
            let c = self.toks[j].ch;
            if matches!(c, '—' | '–' | '-' | '―') {
                // dash sign-off: the name and nothing else
                let (np, next) = self.np_forward(j + 1, self.toks.len().min(j + 12))?;
                if let Np::Run(_) = np {
                    let ok = next >= self.toks.len()
                        || self.toks[next].para != para
                        || matches!(self.toks[next].kind, Kind::Punct if matches!(self.toks[next].ch, ',' | '.' | '('));
                    if ok {
                        return Some(self.make(np, c.to_string()));
                    }
                }
                return None;
            }
            if c == ',' {
                j += 1;
            } else {
                return None;
            }
        }
        if j >= limit {
            return None;
        }
        // `according to X`
        if self.is_word(j)
            && self.word(j).eq_ignore_ascii_case("according")
            && self.is_word(j + 1)
            && self.word(j + 1) == "to"
        {
            let (np, _) = self.np_after(j + 2, limit)?;
            return Some(self.make(np, "according to".into()));
        }
        // `as X put it`
        let j0 = if self.is_word(j) && self.word(j) == "as" {
            j + 1
        } else {
            j
        };
        // `"…," while Bob Roe noted …` reports someone else's words, not this quote's
        if self.is_word(j0) && matches!(self.word(j0), "while" | "whereas" | "although" | "though")
        {
            return None;
        }
        // the first reporting verb of the clause
        let scan_end = limit.min(j0 + 24);
        let c_at = (j0..scan_end).find(|&k| self.cue_of(k).is_some())?;
        let (c, cs) = self.cue_at(c_at)?;
        if let Some(np) = self.quoted_as(c_at, limit) {
            return Some(self.make(np, cs));
        }
        // a weak cue counts only when it ends the sentence: `"…?" Jane Doe questioned.`
        let ends_here = self.skip_adverbs(c_at + c.words, limit) >= limit;
        if c.strength != CueStrength::Strong && cs != "put" && !ends_here {
            return None;
        }
        if self.skip_adverbs(j0, limit) == c_at {
            // `defended “New York values,” saying the city …`: a participle belongs to the
            // sentence's main clause; what follows it is what was said
            if self.word(c_at).ends_with("ing") && c.words == 1 {
                let floor = self.sentence_floor(c_at);
                let np = self.main_subject(c_at, floor)?;
                return Some(self.make(np, cs));
            }
            // inverted: `said X`
            let (np, next) = self.np_after(c_at + c.words, limit)?;
            if new_sentence && !self.short_clause(next, limit) {
                return None;
            }
            return Some(self.make(np, cs));
        }
        let mut s = c_at;
        while s > j0 && self.is_word(s - 1) && is_adverb_or_aux(self.word(s - 1)) {
            s -= 1;
        }
        // `Clinton “drew …” in the primary, said Ohio State professor Paul Beck.`
        // (after `told`, `asked` the name is the listener)
        if s > j0 && self.toks[s - 1].is_punct(',') && !takes_listener(c.lemma) {
            if let Some((np @ Np::Run(r), next)) = self.np_after(c_at + c.words, limit) {
                if self.is_named_person(r) && (next >= limit || !self.is_word(next)) {
                    return Some(self.make(np, cs));
                }
            }
        }
        // `… But Jane Doe did not respond`: a negated cue reports no words
        if s == j0 || (s..c_at).any(|k| matches!(self.word(k), "not" | "never")) {
            return None;
        }
        // `Jane Doe, who chairs the Acme PAC said`: a relative clause left unclosed
        let np = match self.relative_head(j0, s) {
            Some(r) => Np::Run(r),
            None => self.np_backward(s - 1, j0, 0)?,
        };
        if self.np_is_noun_homograph_subject(np, &cs) {
            return None;
        }
        // only words may precede the subject (`campaign manager Jeff Weaver said`)
        let np_start = self.np_start(np);
        if (j0..np_start)
            .any(|k| !(self.is_word(k) || self.toks[k].is_punct(',')) || self.cue_of(k).is_some())
        {
            return None;
        }
        // `"…." One in three women, the survey said, thought …`: a new sentence about
        // something else, with a parenthetical cue
        if new_sentence && (np_start > j0 || !self.short_clause(c_at + c.words, limit)) {
            return None;
        }
        Some(self.make(np, cs))
    }

    /// First token of a noun phrase.
    fn np_start(&self, np: Np) -> usize {
        match np {
            Np::Run(r) => self.reg.runs[r].a,
            Np::Pronoun(k) => k,
            Np::Nominal { a, .. } => a,
        }
    }

    /// `states`, `notes`, `reports` after a common noun are nouns, not verbs
    /// (`a dozen states held contests`).
    fn np_is_noun_homograph_subject(&self, np: Np, cue: &str) -> bool {
        matches!(np, Np::Nominal { .. })
            && cue.ends_with('s')
            && !matches!(cue, "says" | "tells" | "writes" | "adds")
    }

    /// The speaker named after an inverted cue or `according to`: the last name in the run of
    /// words before punctuation (`said Russian oil official Sergei Ivanov`), a pronoun, or a
    /// common noun phrase (`said the senator`).
    fn np_after(&self, k: usize, limit: usize) -> Option<(Np, usize)> {
        if k >= limit || !self.is_word(k) {
            return None;
        }
        let w = self.word(k);
        if pronoun_gender(w).is_some() {
            return Some((Np::Pronoun(k), k + 1));
        }
        let mut best: Option<(usize, usize)> = None; // (run, end)
        let mut m = k;
        while m < limit && m < k + 10 && self.is_word(m) {
            let r = self.reg.run_of[m];
            if r != u32::MAX {
                let run = &self.reg.runs[r as usize];
                let person = run.entity.is_none_or(|e| !self.reg.entities[e].org);
                if best.is_none() || person {
                    best = Some((r as usize, run.b));
                }
                m = run.b.max(m + 1);
                continue;
            }
            let mw = self.word(m);
            // `said former Pennsylvania Gov. and DNC Chairman Ed Rendell`: one person's titles
            let title_and = mw == "and"
                && best.is_some_and(|(b0, _)| {
                    let run = &self.reg.runs[b0];
                    super::names::is_title(self.toks[run.b - 1].bare(self.text))
                });
            if m > k && !title_and && (is_function_word(mw) || self.cue_of(m).is_some()) {
                break;
            }
            // `said Sen. Jane Doe of Ohio`, `wrote Jane Doe for Acme`: the place or outlet
            // after a named person is not the speaker
            if best.is_some_and(|(r, _)| {
                self.is_named_person(r) || self.reg.runs[r].title_gender.is_some()
            }) && (is_prep(mw) || mw == "for")
            {
                break;
            }
            if m == k && !is_determiner(mw) && is_function_word(mw) {
                return None;
            }
            m += 1;
        }
        let found = match best {
            Some((r, end)) => Some((Np::Run(r), end)),
            None => self.np_forward(k, limit),
        };
        // `said his best friend at Lehigh, Jane Doe, who …`, `said another Twitter user, Jane
        // Doe`: the appositive names the speaker
        match found {
            Some((np, end)) if !matches!(np, Np::Run(r) if self.is_named_person(r)) => {
                let at = if best.is_some() { m.max(end) } else { end };
                match self.appositive_name(at, limit) {
                    Some(app) => Some(app),
                    None => Some((np, end)),
                }
            }
            other => other,
        }
    }

    /// A pronoun, or a run whose person is known to be one (a first name, a title).
    fn is_evident_person(&self, np: Np) -> bool {
        match np {
            Np::Pronoun(_) => true,
            Np::Run(r) => {
                let run = &self.reg.runs[r];
                run.title_gender.is_some()
                    || run.entity.is_some_and(|e| {
                        let ent = &self.reg.entities[e];
                        !ent.org && ent.person_evidence
                    })
            }
            Np::Nominal { .. } => false,
        }
    }

    /// The nearest evident person right before a comma earlier than token `j` (down to `lo`).
    fn evident_subject_before(&self, j: usize, lo: usize, floor: usize) -> Option<Np> {
        let mut m = j;
        while m > lo {
            m -= 1;
            let u = &self.toks[m];
            if u.kind == Kind::Quote || ends_sentence(self.toks, m, self.text) {
                return None;
            }
            if u.is_punct(',') && m > floor {
                if let Some(np) = self.np_backward(m - 1, floor, 1) {
                    if self.is_evident_person(np) {
                        return Some(np);
                    }
                }
            }
        }
        None
    }

    /// A run naming a person in full (two or more name words, not an organisation).
    fn is_named_person(&self, r: usize) -> bool {
        let run = &self.reg.runs[r];
        run.name_b - run.name_a >= 2 && run.entity.is_some_and(|e| !self.reg.entities[e].org)
    }

    /// `, Jane Doe,` / `, Jane Doe.` at token `k`, possibly after one more comma-delimited
    /// role of a few words (`, San Diego's chancellor, Jane Doe.`).
    fn appositive_name(&self, k: usize, limit: usize) -> Option<(Np, usize)> {
        self.appositive_name_at(k, limit, 1)
    }

    fn appositive_name_at(&self, k: usize, limit: usize, hops: u8) -> Option<(Np, usize)> {
        if k + 1 >= limit || !self.toks[k].is_punct(',') {
            return None;
        }
        let r = self.reg.run_of[k + 1];
        if r != u32::MAX && self.reg.runs[r as usize].a == k + 1 {
            let r = r as usize;
            let end = self.reg.runs[r].b;
            let closes = end >= limit
                || self.toks[end].para != self.toks[k].para
                || matches!(self.toks[end].kind, Kind::Punct if matches!(self.toks[end].ch, ',' | '.' | '('))
                || self.is_word(end) && matches!(self.word(end), "of" | "from" | "at" | "who");
            if self.is_named_person(r) && closes {
                return Some((Np::Run(r), end));
            }
        }
        if hops == 0 {
            return None;
        }
        let next = (k + 1..limit.min(k + 7)).find(|&j| !self.is_word(j))?;
        if next > k + 1 && self.toks[next].is_punct(',') {
            return self.appositive_name_at(next, limit, hops - 1);
        }
        None
    }

    /// After a cue that follows a sentence-final quote, the clause must end soon and not go on
    /// into reported speech of its own (`He said that …` starts a new thought).
    fn short_clause(&self, from: usize, limit: usize) -> bool {
        // `"…!" Jane Doe wrote in a September 16 email to officials.`, `"…" Jane Doe shouted,
        // shorthand for …`: a longer clause is fine when what follows the cue is an adjunct
        let adjunct = from < limit
            && (self.toks[from].is_punct(',') || self.is_word(from) && is_prep(self.word(from)));
        if limit.saturating_sub(from) > if adjunct { 20 } else { 8 } {
            return false;
        }
        // `"…." Jane Doe said the victims were "…"`: the cue introduces the next quote
        if self
            .toks
            .get(limit)
            .is_some_and(|t| t.kind == Kind::Quote && t.para == self.toks[from.min(limit - 1)].para)
        {
            return false;
        }
        !(from..limit).any(|k| self.is_word(k) && self.word(k) == "that")
    }

    /// Sieve 2: the nearest reporting verb before the quote in its sentence, and its subject.
    fn leading(&mut self, qt: usize) -> Option<Attribution> {
        if qt == 0 {
            return None;
        }
        let floor = self.sentence_floor(qt);
        let mut k = qt;
        while k > floor {
            k -= 1;
            if !self.is_word(k) {
                continue;
            }
            if self.word(k) == "to"
                && k > floor
                && self.word(k - 1).eq_ignore_ascii_case("according")
            {
                if let Some((np, _)) = self.np_after(k + 1, qt) {
                    return Some(self.make(np, "according to".into()));
                }
            }
            let Some((c, cs)) = self.cue_at(k) else {
                continue;
            };
            if cs == "put" {
                // only `As Jane Doe put it, "…"`
                let as_it = self.is_word(k + 1)
                    && self.word(k + 1) == "it"
                    && (floor..k)
                        .any(|j| self.is_word(j) && self.word(j).eq_ignore_ascii_case("as"));
                if as_it {
                    if let Some(np) = self.subject_of(k, floor) {
                        return Some(self.make(np, "put it".into()));
                    }
                }
                continue;
            }
            if let Some(np) = self.quoted_as(k, qt) {
                return Some(self.make(np, cs));
            }
            if let Some(np) = self.subject_of(k, floor) {
                return Some(self.make(np, cs));
            }
            // inverted: `said X, "…"`; not `said the Gates nomination "…"`, where the name
            // only modifies a noun
            if let Some((np @ Np::Run(_), end)) = self.np_after(k + c.words, qt) {
                let modifier = self.is_word(end) && !self.toks[end].is_cap();
                if !modifier && !takes_listener(c.lemma) {
                    return Some(self.make(np, cs));
                }
            }
        }
        // `X: "…"` / `X reflects on this view: "…"`
        if qt >= 1 && self.toks[qt - 1].is_punct(':') {
            return self.intro(qt - 1);
        }
        None
    }

    /// A clause ending in a colon right before a quote (same or previous paragraph) with no
    /// reporting verb: the name right before the colon (`Jane Doe: "…"`, `HEADLINE - Jane Doe:`)
    /// or else the clause's subject (`Jane Doe reflects on the vote:`).
    fn intro(&mut self, colon: usize) -> Option<Attribution> {
        if colon == 0 {
            return None;
        }
        let floor = self.sentence_floor(colon);
        if let Some(np @ Np::Run(r)) = self.np_backward(colon - 1, floor, 0) {
            let a = self.reg.runs[r].a;
            // `… doesn't surprise pollster Jane Doe: "…"`: a full name ending the clause, with
            // no other name in it
            let lone_name = self.is_named_person(r)
                && !(floor..a).any(|j| {
                    let o = self.reg.run_of[j];
                    o != u32::MAX && self.is_named_person(o as usize)
                });
            if a == floor || !self.is_word(a - 1) || lone_name {
                return Some(self.make(np, ":".into()));
            }
        }
        let start = self.main_clause_start(floor, colon);
        let first = (start..colon).find(|&k| {
            self.is_word(k)
                && !is_adverb_or_aux(self.word(k))
                && !matches!(self.word(k), "And" | "But" | "So" | "Then" | "Yet")
        })?;
        let np = match self.np_forward(first, colon)? {
            (np @ Np::Pronoun(_), _) => np,
            (np @ Np::Run(r), next) => {
                let person = self.reg.runs[r]
                    .entity
                    .is_none_or(|e| !self.reg.entities[e].org);
                // the subject must be followed by a verb-like word, not more name
                if !person || next >= colon || !self.is_word(next) || self.toks[next].is_cap() {
                    return None;
                }
                np
            }
            _ => return None,
        };
        Some(self.make(np, ":".into()))
    }

    fn make(&mut self, np: Np, cue: String) -> Attribution {
        let (speaker, mention, title) = self.resolve(np);
        Attribution {
            speaker,
            mention: Some(mention),
            title,
            cue: Some(cue),
            own: true,
        }
    }

    /// The one lasting effect of [`Ctx::resolve`]: a run that speaks is a person.
    fn mark_named_person(&mut self, np: Np) {
        if let Np::Run(r) = np {
            if let Some(e) = self.reg.runs[r].entity {
                self.reg.mark_person(e);
            }
        }
    }

    /// Mention → (speaker, mention as written, title).
    fn resolve(&mut self, np: Np) -> (Option<String>, String, Option<String>) {
        let text = self.text;
        match np {
            Np::Pronoun(k) => {
                let w = self.word(k).to_string();
                match self.pron.get(k) {
                    Some(Referent::Entity(e)) => {
                        let ent = &self.reg.entities[e];
                        (Some(ent.name()), w, ent.title.clone())
                    }
                    Some(Referent::Bare(r) | Referent::Shared(r)) => {
                        let name = self.toks[self.reg.runs[r].name_a].bare(text).to_string();
                        (Some(name), w, None)
                    }
                    None => (None, w, None),
                }
            }
            Np::Nominal {
                a,
                b,
                role_a,
                role_b,
            } => {
                let mention = text[self.toks[a].s..self.toks[b - 1].e].to_string();
                if role_b <= role_a {
                    return (None, mention, None);
                }
                let role = norm_title(&key(&text[self.toks[role_a].s..self.toks[role_b - 1].e]));
                match self.role_entity(&role) {
                    Some(e) => {
                        let ent = &self.reg.entities[e];
                        (Some(ent.name()), mention, ent.title.clone())
                    }
                    None => (None, mention, None),
                }
            }
            Np::Run(r) => {
                let run = self.reg.runs[r].clone();
                let mention = text[self.toks[run.a].s..self.toks[run.b - 1].e].to_string();
                let run_title = (run.name_a > run.a)
                    .then(|| text[self.toks[run.a].s..self.toks[run.name_a - 1].e].to_string());
                let title = run_title.filter(|t| {
                    !matches!(
                        key(t).as_str(),
                        "mr" | "mrs" | "ms" | "miss" | "dr" | "sir" | "dame"
                    )
                });
                if let Some(e) = run.entity {
                    self.reg.mark_person(e);
                    let ent = &self.reg.entities[e];
                    let name = if ent.org {
                        let w: Vec<&str> = ent
                            .words
                            .split(' ')
                            .skip_while(|s| s.eq_ignore_ascii_case("the"))
                            .collect();
                        w.join(" ")
                    } else {
                        ent.name()
                    };
                    let title = title.or_else(|| ent.title.clone());
                    return (Some(name), mention, title);
                }
                let n = run.name_b - run.name_a;
                if n == 1 {
                    let w = self.toks[run.name_a].bare(text);
                    // a lone title word is a role noun: `President` / `the Senator`
                    if run.name_a == run.a && super::names::is_title(w) {
                        let role = norm_title(&key(w));
                        if let Some(e) = self.role_entity(&role) {
                            let ent = &self.reg.entities[e];
                            return (Some(ent.name()), mention, ent.title.clone());
                        }
                        return (None, mention, None);
                    }
                    // `Answer`, `Following`, `Members` open a sentence in capitals but the
                    // article also writes them in lower case: a common word, not a name
                    if run.title_gender.is_none() && used_in_lower_case(text, w) {
                        return (None, mention, None);
                    }
                    return (Some(w.to_string()), mention, title);
                }
                let name: Vec<&str> = (run.name_a..run.name_b)
                    .map(|k| self.toks[k].bare(text))
                    .collect();
                (Some(name.join(" ")), mention, title)
            }
        }
    }

    /// The one entity introduced with this role, if exactly one.
    fn role_entity(&self, role: &str) -> Option<usize> {
        if role.is_empty() {
            return None;
        }
        let mut exact = Vec::new();
        let mut suffix = Vec::new();
        for (i, e) in self.reg.entities.iter().enumerate() {
            if e.org {
                continue;
            }
            for t in &e.titles {
                let nt = norm_title(t);
                if nt == role {
                    exact.push(i);
                    break;
                } else if nt.ends_with(role)
                    && nt.as_bytes().get(nt.len() - role.len() - 1) == Some(&b' ')
                {
                    suffix.push(i);
                    break;
                }
            }
        }
        match (exact.len(), suffix.len()) {
            (1, _) => Some(exact[0]),
            (0, 1) => Some(suffix[0]),
            _ => None,
        }
    }

    /// Record gender evidence: `X said he …` / `X … his`.
    fn vote_gender(&mut self, np: Np, from: usize) {
        let Np::Run(r) = np else { return };
        let Some(e) = self.reg.runs[r].entity else {
            return;
        };
        let Some(para) = self.toks.get(from).map(|t| t.para) else {
            return;
        };
        let mut m = 0;
        let mut f = 0;
        for k in from..self.toks.len().min(from + 10) {
            let t = &self.toks[k];
            if t.para != para || t.kind == Kind::Quote {
                break;
            }
            if t.kind != Kind::Word {
                continue;
            }
            let mut b = [0u8; 24];
            let w = lw(t.text(self.text), &mut b);
            // `X scolded him`, `X told her`: the listener, not the speaker
            if k == from && matches!(w, "him" | "her") {
                continue;
            }
            match w {
                "he" | "his" | "him" | "himself" => m += 1,
                "she" | "her" | "hers" | "herself" => f += 1,
                _ => {}
            }
            if self.reg.run_of[k] != u32::MAX {
                break;
            }
        }
        if m > 0 && f == 0 {
            self.reg.pronoun_vote(e, Gender::Male);
        } else if f > 0 && m == 0 {
            self.reg.pronoun_vote(e, Gender::Female);
        }
    }
}

/// Attribute every quote; `out[i]` belongs to `quotes[i]`.
pub fn attribute(
    text: &str,
    toks: &[Tok],
    quotes: &[Span],
    reg: &mut Registry,
) -> Vec<Attribution> {
    let mut out = vec![Attribution::default(); quotes.len()];
    let cues = (0..toks.len())
        .map(|i| {
            let t = &toks[i];
            if t.kind != Kind::Word || !t.ch.is_ascii_lowercase() {
                return None;
            }
            let next = toks
                .get(i + 1)
                .filter(|n| n.kind == Kind::Word)
                .map(|n| n.text(text));
            // the lexicon turns most words away in a few instructions: ask it before
            // looking at the word before
            let c = cue(t.text(text), next)?;
            // `his comments`, `Trump's remarks`, `an added`: after a determiner or a
            // possessive the word is a noun or adjective, not a reporting verb
            if i > 0 && toks[i - 1].kind == Kind::Word && is_noun_marker(&toks[i - 1], text) {
                return None;
            }
            Some(c)
        })
        .collect();
    let mut cx = Ctx {
        text,
        toks,
        quotes,
        reg,
        cues,
        pron: Pronouns::default(),
    };
    // gender evidence from `X said he …` before any pronoun is resolved
    for i in 0..toks.len() {
        if let Some(c) = cx.cue_of(i) {
            if c.strength == CueStrength::Strong && i > 0 {
                let floor = cx.sentence_floor(i);
                let mut s = i;
                while s > floor && cx.is_word(s - 1) && is_adverb_or_aux(cx.word(s - 1)) {
                    s -= 1;
                }
                if s > floor {
                    if let Some(np) = cx.np_backward(s - 1, floor, 0) {
                        if let Np::Run(r) = np {
                            if let Some(e) = cx.reg.runs[r].entity {
                                cx.reg.mark_person(e);
                            }
                        }
                        cx.vote_gender(np, i + c.words);
                    }
                }
            }
        }
    }
    cx.pron = super::pronouns::resolve(text, toks, cx.reg, &cx.cues);
    let mut last: Option<Event> = None;
    let mut i = 0;
    while i < toks.len() {
        let t = toks[i];
        match t.kind {
            Kind::Word => {
                if let Some(c) = cx.cue_of(i) {
                    if c.strength == CueStrength::Strong {
                        let floor = cx.sentence_floor(i);
                        if let Some(np) = cx.subject_of(i, floor) {
                            if cx.heads_main_clause(np, floor) {
                                // what resolving would record now; the name itself waits
                                cx.mark_named_person(np);
                                last = Some(Event {
                                    para: t.para,
                                    said: Said::Paraphrase(np),
                                });
                            }
                        }
                    }
                }
            }
            Kind::Quote => {
                let qi = t.quote;
                let mut own = cx.trailing(i).or_else(|| cx.leading(i));
                if own.is_none() && i > 0 && toks[i - 1].para != t.para && toks[i - 1].is_punct(':')
                {
                    // `Jane Doe said:` ¶ `"…"`: the intro names the speaker
                    own = cx.intro_or_cue(i - 1);
                }
                let attr = match own {
                    Some(a) => a,
                    None => {
                        let same_para_event = last.as_ref().is_some_and(|e| e.para == t.para);
                        let ahead = if same_para_event {
                            None
                        } else {
                            cx.look_ahead(i)
                        };
                        match (ahead, &last) {
                            (Some(a), _) => a,
                            (None, Some(e)) if e.para + 2 >= t.para => {
                                let (speaker, mention, title) = match &e.said {
                                    Said::Quote(a) => {
                                        (a.speaker.clone(), a.mention.clone(), a.title.clone())
                                    }
                                    Said::Paraphrase(np) => {
                                        let (s, m, t) = cx.resolve(*np);
                                        (s, Some(m), t)
                                    }
                                };
                                Attribution {
                                    speaker,
                                    mention,
                                    title,
                                    cue: None,
                                    own: false,
                                }
                            }
                            _ => Attribution::default(),
                        }
                    }
                };
                if attr.own || attr.speaker.is_some() {
                    last = Some(Event {
                        para: t.para,
                        said: Said::Quote(attr.clone()),
                    });
                }
                out[qi] = attr;
            }
            Kind::Punct => {}
        }
        i += 1;
    }
    out
}

impl Ctx<'_> {
    /// The paragraph before ends in a colon: its last sentence's reporting verb, else its
    /// subject.
    fn intro_or_cue(&mut self, colon: usize) -> Option<Attribution> {
        let floor = self.sentence_floor(colon);
        let mut k = colon;
        while k > floor {
            k -= 1;
            let Some((_, cs)) = self.cue_at(k) else {
                continue;
            };
            if let Some(np) = self.subject_of(k, floor) {
                return Some(self.make(np, cs));
            }
            // only the reporting verb nearest the colon counts
            break;
        }
        self.intro(colon)
    }

    /// The subject of the reporting verb at `k`: the noun phrase before it (skipping adverbs
    /// and auxiliaries), or for a participle after a comma (`Jane Doe rejected the plan,
    /// saying …`) the subject of the main clause.
    fn subject_of(&self, k: usize, floor: usize) -> Option<Np> {
        let participle = self.word(k).ends_with("ing")
            && k > floor
            && (self.comma_before(k)
                || self.is_word(k - 1)
                    && matches!(
                        self.word(k - 1),
                        "before" | "after" | "upon" | "while" | "by"
                    ));
        if participle {
            return self.main_subject(k, floor);
        }
        let mut s = k;
        while s > floor && self.is_word(s - 1) && is_adverb_or_aux(self.word(s - 1)) {
            s -= 1;
        }
        if s <= floor {
            return None;
        }
        // `Jane Doe was joined on stage by Bob Roe and joked, "…"`: a second verb of the
        // main clause
        if self.word(s - 1) == "and" {
            if let Some(m) = self.main_subject(k, floor) {
                return Some(m);
            }
        }
        let np = self.np_backward(s - 1, floor, 0)?;
        // `Jane Doe issued a statement saying`: the participle belongs to the main clause
        if matches!(np, Np::Nominal { .. }) && self.word(k).ends_with("ing") {
            if let Some(m) = self.main_subject(k, floor) {
                return Some(m);
            }
        }
        self.unclosed_apposition(np, floor)
    }

    /// `closed` in `The firm closed the book`: a past-tense form followed by a determiner or
    /// preposition ends a subject noun phrase (`the retired general` does not).
    fn is_verb_with_object(&self, m: usize) -> bool {
        let w = self.word(m);
        if self.toks[m].is_cap() || !w.is_ascii() || w.len() < 4 {
            return false;
        }
        let past = w.ends_with("ed") || super::lexicon::is(w, super::lexicon::PAST_VERB);
        past && self.is_word(m + 1) && {
            let n = self.word(m + 1);
            is_determiner(n) || is_prep(n)
        }
    }

    /// The subject of the main clause for a participle at `k` (`Jane Doe rejected the plan,
    /// saying …`).
    fn main_subject(&self, k: usize, floor: usize) -> Option<Np> {
        // `…, Jane Doe said, adding, "…"`: the nearer reporting clause
        if k >= floor + 3 && self.toks[k - 1].is_punct(',') {
            if let Some(c) = self.cue_of(k - 2) {
                if c.strength == CueStrength::Strong && c.words == 1 {
                    if let Some(np @ (Np::Run(_) | Np::Pronoun(_))) =
                        self.np_backward(k - 3, floor, 1)
                    {
                        let a = self.np_start(np);
                        if a > floor && self.toks[a - 1].is_punct(',') {
                            return Some(np);
                        }
                    }
                }
            }
        }
        // skip opening phrases: `Since then, a Republican, Jane Doe, has …, telling`,
        // `On July 6, 2015, after a vote, Jane Doe …`
        let mut start = self.main_clause_start(floor, k);
        if let Some(c) = (start + 1..k.min(start + 8)).find(|&j| self.toks[j].is_punct(',')) {
            // `Hours later, Jane Doe …`: a phrase with no evident person before a comma
            // that opens with one
            let opening = (start..c).all(|j| {
                self.is_word(j)
                    && match self.reg.run_of[j] {
                        u32::MAX => true,
                        r => !self.is_evident_person(Np::Run(r as usize)),
                    }
            }) && self
                .np_forward(c + 1, k)
                .is_some_and(|(np, nx)| self.is_evident_person(np) && self.is_word(nx));
            if opening {
                start = c + 1;
            }
        }
        let first = (start..k).find(|&j| {
            self.is_word(j)
                && !is_adverb_or_aux(self.word(j))
                && !matches!(self.word(j), "And" | "But" | "So" | "Then" | "Yet")
        })?;
        let (np, mut next) = self.np_forward(first, k)?;
        if !self.is_evident_person(np) {
            if let Some((app, _)) = self.appositive_name(next, k) {
                return Some(app);
            }
        }
        // `Jane Doe, herself a supporter, drew boos upon saying`
        if next < k && self.toks[next].is_punct(',') && self.is_evident_person(np) {
            next = (next + 1..k.min(next + 14)).find(|&j| self.toks[j].is_punct(','))? + 1;
        }
        // `Rep. Jane Doe (D-Ohio) reacted, saying`
        if next < k && self.toks[next].is_punct('(') {
            next = (next..k.min(next + 12)).find(|&j| self.toks[j].is_punct(')'))? + 1;
        }
        self.is_word(next).then_some(np)
    }

    /// `np`, or the evident person before the unclosed apposition it ends.
    fn unclosed_apposition(&self, np: Np, floor: usize) -> Option<Np> {
        // `Erwin Chemerinsky, Dean of UC Berkeley School of Law called it`: an apposition
        // the writer did not close with a comma
        if !self.is_evident_person(np) {
            let a = self.np_start(np);
            // back over the words of the role to its opening comma
            let lo = a.saturating_sub(8).max(floor);
            let comma = (lo..a)
                .rev()
                .take_while(|&j| self.is_word(j) || self.toks[j].is_punct(','))
                .find(|&j| self.toks[j].is_punct(','));
            if let Some(c) = comma.filter(|&c| c > floor) {
                if let Some(p) = self.np_backward(c - 1, floor, 1) {
                    if self.is_evident_person(p) && matches!(p, Np::Run(_)) {
                        return Some(p);
                    }
                }
            }
        }
        Some(np)
    }

    /// First token of the main clause of the sentence starting at `floor`: after opening
    /// phrases that end in a comma (`On July 6, 2015, after the vote, …`).
    fn main_clause_start(&self, floor: usize, limit: usize) -> usize {
        let mut start = floor;
        for _ in 0..3 {
            if !(self.is_word(start) && is_prep_or_adverb_opening(self.word(start))) {
                break;
            }
            let Some(mut c) =
                (start + 1..limit.min(start + 12)).find(|&j| self.toks[j].is_punct(','))
            else {
                break;
            };
            // the year of a date: `On July 6, 2015,`
            if self.is_number(c + 1) && self.toks.get(c + 2).is_some_and(|t| t.is_punct(',')) {
                c += 2;
            }
            start = c + 1;
        }
        start
    }

    /// A comma right before token `k`, or a quote that ends in one (`defended "New York
    /// values," saying`).
    fn comma_before(&self, k: usize) -> bool {
        let p = &self.toks[k - 1];
        p.is_punct(',')
            || p.kind == Kind::Quote && {
                let q = &self.quotes[p.quote];
                self.text[q.start..q.end].ends_with(',')
            }
    }

    /// `the paper quoted Jane Doe as saying`: the quoted person, not the quoting outlet.
    fn quoted_as(&self, k: usize, limit: usize) -> Option<Np> {
        if !matches!(self.word(k), "quoted" | "quotes" | "quoting") {
            return None;
        }
        let end = limit.min(k + 16);
        let as_at = (k + 1..end).find(|&j| {
            self.is_word(j)
                && self.word(j) == "as"
                && self.is_word(j + 1)
                && matches!(
                    self.word(j + 1),
                    "saying" | "telling" | "writing" | "stating"
                )
        })?;
        self.np_after(k + 1, as_at).map(|(np, _)| np)
    }

    /// Paraphrase (`Jane Doe said the vote …`) sets who speaks next only from a main clause:
    /// in `"…," Ann Lee told the paper, after Bob Roe stated …` the next quote is still Lee's.
    fn heads_main_clause(&self, np: Np, floor: usize) -> bool {
        let start = self.np_start(np);
        // an opening phrase closed by a comma (`After the meeting, Jane Doe said`) is not
        // the clause the subject is in
        let floor = (floor..start)
            .rev()
            .find(|&k| self.toks[k].is_punct(','))
            .map_or(floor, |c| c + 1);
        start.saturating_sub(floor) <= 4
            && !(floor..start).any(|k| {
                !self.is_word(k) && !self.toks[k].is_punct(',')
                    || self.is_word(k) && is_subordinator(self.word(k))
            })
    }

    /// Sieve 4: `"A." "B," X said.` – A takes B's trailing attribution when the two quotes are
    /// adjacent in one paragraph.
    fn look_ahead(&mut self, qt: usize) -> Option<Attribution> {
        let n = qt + 1;
        if n >= self.toks.len()
            || self.toks[n].kind != Kind::Quote
            || self.toks[n].para != self.toks[qt].para
        {
            return None;
        }
        self.trailing(n)
    }
}
