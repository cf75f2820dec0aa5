//! he/she → a person, decided once per article in reading order.
//!
//! Why a separate pass: the referent of a pronoun is mostly the *subject* of a recent clause,
//! not simply the most recent name (`Whitman told the paper she would rather vote for Hillary
//! Clinton. "…," she said.` is Whitman's). On annotated news, "most recent gender-compatible
//! clause subject" beats "most recent compatible name" by about six points, and a pronoun that
//! was itself resolved keeps its person salient (`He added … he said` stays with the same man
//! even when another man is named as an object in between). So every person mention and every
//! he/she outside quotation marks is walked once, in order, and each pronoun is resolved
//! against the mentions before it.

use super::cues::{is_adverb_or_aux, Cue};
use super::gender::Gender;
use super::lexicon;
use super::names::{with_key, Registry};
use super::text::{ends_sentence, Kind, Tok};

/// Who a pronoun stands for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Referent {
    Entity(usize),
    /// A one-word name with a gendered honorific (`Mrs. Lee`) that matched no full name: the
    /// run index.
    Bare(usize),
    /// A one-word name several people in the article share: the run index. Never returned
    /// by [`Pronouns::get`]; resolved to the one bearer of the pronoun's gender.
    Shared(usize),
}

#[derive(Debug, Clone, Copy)]
struct Mention {
    para: usize,
    who: Referent,
    subject: bool,
}

/// How many paragraphs back a pronoun may look: 99 % of speakers sit in the quote's paragraph
/// or the one before; three covers a short paragraph of paraphrase in between.
const WINDOW_PARAS: usize = 3;

/// How many mentions back a pronoun's antecedent is looked for. The antecedent is the most
/// recent name three times in four and almost never further than the fourth (ATTRIBUTION.md,
/// Table 3); without a cap, a long paragraph full of names of the other gender costs a scan
/// of all of them for every pronoun.
const MAX_MENTIONS_BACK: usize = 32;

/// Resolved pronouns: `(token index, referent)`, sorted by token.
#[derive(Default)]
pub struct Pronouns(Vec<(usize, Referent)>);

impl Pronouns {
    pub fn get(&self, tok: usize) -> Option<Referent> {
        self.0
            .binary_search_by_key(&tok, |p| p.0)
            .ok()
            .map(|i| self.0[i].1)
    }
}

pub fn gender_of(w: &str) -> Option<Gender> {
    match w {
        "he" | "He" | "HE" => Some(Gender::Male),
        "she" | "She" | "SHE" => Some(Gender::Female),
        _ => None,
    }
}

/// `his` and `her` (a possessive only where a noun follows, which the caller checks).
pub fn possessive_gender(w: &str) -> Option<Gender> {
    match w {
        "his" | "His" | "HIS" => Some(Gender::Male),
        "her" | "Her" | "HER" => Some(Gender::Female),
        _ => None,
    }
}

/// What a description at a token refers back to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Described {
    /// A person, of the gender the role tells if it tells one (`the actress`, `the American`).
    Person(Option<Gender>),
    /// An organisation (`the company`, `it said`).
    Organisation,
}

/// Resolve every he/she (and his/her) outside quotes. `cues[i]` is the lexicon's answer for token `i`.
///
/// `descriptions` are the head tokens of definite descriptions (`the American`, `the
/// actress`, `the company`), sorted: a person is resolved as a pronoun of the role's gender
/// (or of either), an organisation to the one last named as a subject; both are recorded but
/// not added to the chain of mentions.
pub fn resolve(
    text: &str,
    toks: &[Tok],
    reg: &Registry,
    cues: &[Option<Cue>],
    descriptions: &[(usize, Described)],
) -> Pronouns {
    let cx = Cx {
        text,
        toks,
        reg,
        cues,
        shared: shared_surnames(text, toks, reg),
        lower_words: std::cell::OnceCell::new(),
    };
    let mut mentions: Vec<Mention> = Vec::new();
    // organisations named, most recent last: `(paragraph, referent, as a subject or possessor)`
    let mut organisations: Vec<(usize, Referent, bool)> = Vec::new();
    let mut out = Vec::new();
    let mut descriptions = descriptions.iter().peekable();
    let mut i = 0;
    while i < toks.len() {
        let t = &toks[i];
        while descriptions.next_if(|d| d.0 < i).is_some() {}
        if let Some(&(_, d)) = descriptions.next_if(|d| d.0 == i) {
            let who = match d {
                Described::Person(g) => cx.antecedent_of_either(&mentions, g, t.para),
                // the most recent one named as a subject, else the most recent one
                Described::Organisation => {
                    let recent = organisations
                        .iter()
                        .rev()
                        .take_while(|o| o.0 + WINDOW_PARAS >= t.para)
                        .take(MAX_MENTIONS_BACK);
                    recent
                        .clone()
                        .find(|o| o.2)
                        .or_else(|| recent.clone().next())
                        .map(|o| o.1)
                }
            };
            if let Some(who) = who {
                out.push((i, who));
            }
        }
        if t.kind != Kind::Word {
            i += 1;
            continue;
        }
        let r = reg.run_of[i];
        if r != u32::MAX {
            let r = r as usize;
            let run = &reg.runs[r];
            if let Some(who) = cx.person(r) {
                let subject = cx.run_is_subject(r);
                mentions.push(Mention {
                    para: run.para,
                    who,
                    subject,
                });
                // `Borussia Dortmund`: a name nothing shows to be a person's may be a club's
                if let Referent::Entity(e) = who {
                    let ent = &reg.entities[e];
                    // (speaking is no evidence: clubs and firms speak too)
                    let person_name = ent.gender().is_some()
                        || ent.title.is_some()
                        || super::gender::first_name_lean(
                            ent.words.split(' ').next().unwrap_or(""),
                        )
                        .is_some();
                    if !person_name {
                        let salient = toks[run.b - 1].is_poss() || subject;
                        organisations.push((run.para, who, salient));
                    }
                }
            } else if let Some(org) = cx.organisation(r) {
                let salient = toks[run.b - 1].is_poss() || cx.run_is_subject(r);
                organisations.push((run.para, org, salient));
            }
            i = run.b.max(i + 1);
            continue;
        }
        let w = t.text(text);
        if let Some(g) = possessive_gender(w) {
            // `his remarks`, `her testimony`: whose document it is. Recorded, but not a new
            // mention: a possessive is no clause subject, and the chain stays as it was
            if let Some(who) = cx.antecedent(&mentions, g, t.para) {
                out.push((i, who));
            }
        } else if let Some(g) = gender_of(w) {
            if let Some(who) = cx.antecedent(&mentions, g, t.para) {
                out.push((i, who));
                mentions.push(Mention {
                    para: t.para,
                    who,
                    // a nominative pronoun heads its clause
                    subject: true,
                });
            }
        }
        i += 1;
    }
    Pronouns(out)
}

struct Cx<'a> {
    text: &'a str,
    toks: &'a [Tok],
    reg: &'a Registry,
    cues: &'a [Option<Cue>],
    /// One-word runs naming a surname several people share, with the one man and the one
    /// woman among them: `(run, male, female)`. Computed once: most articles have none.
    shared: Vec<(usize, Option<usize>, Option<usize>)>,
    /// The text's words that start in lower case, built on first use.
    lower_words: std::cell::OnceCell<std::collections::HashSet<&'a str>>,
}

/// `w` with its first letter in lower case.
fn lower_first(w: &str) -> String {
    let mut c = w.chars();
    c.next()
        .map(|f| f.to_lowercase().chain(c).collect())
        .unwrap_or_default()
}

fn shared_surnames(
    text: &str,
    toks: &[Tok],
    reg: &Registry,
) -> Vec<(usize, Option<usize>, Option<usize>)> {
    let mut out = Vec::new();
    for (r, run) in reg.runs.iter().enumerate() {
        if run.entity.is_some() || run.org || run.name_b - run.name_a != 1 {
            continue;
        }
        let cands = with_key(toks[run.name_a].bare(text), |k| {
            reg.surname_candidates(k, None)
        });
        if cands.len() < 2 {
            continue;
        }
        let only = |g: Gender| {
            let mut it = cands
                .iter()
                .copied()
                .filter(|&e| reg.entities[e].gender() == Some(g));
            let e = it.next()?;
            it.next().is_none().then_some(e)
        };
        out.push((r, only(Gender::Male), only(Gender::Female)));
    }
    out
}

impl Cx<'_> {
    fn word(&self, i: usize) -> &str {
        self.toks[i].text(self.text)
    }

    fn is_word(&self, i: usize) -> bool {
        i < self.toks.len() && self.toks[i].kind == Kind::Word
    }

    /// The person a run names, if it can be one.
    fn person(&self, r: usize) -> Option<Referent> {
        let run = &self.reg.runs[r];
        if run.org {
            return None;
        }
        match run.entity {
            Some(e) if !self.reg.entities[e].org => Some(Referent::Entity(e)),
            Some(_) => None,
            None if run.title_gender.is_some() && run.name_b - run.name_a == 1 => {
                Some(Referent::Bare(r))
            }
            // a surname several people share (Donald and Melania Trump): the pronoun's
            // gender may still pick one
            None if self.shared.binary_search_by_key(&r, |s| s.0).is_ok() => {
                Some(Referent::Shared(r))
            }
            None => None,
        }
    }

    /// The organisation a run names, if it can be one: an organisation the registry knows, or
    /// a lone capitalised word that is no given name, title or common word (`Unilever`).
    fn organisation(&self, r: usize) -> Option<Referent> {
        let run = &self.reg.runs[r];
        match run.entity {
            Some(e) if self.reg.entities[e].org => {
                // `North Korea`, `the UK`: a country is no organisation to refer back to
                let last = self.reg.entities[e]
                    .keys
                    .rsplit(' ')
                    .next()
                    .unwrap_or_default();
                (!lexicon::is(last, lexicon::COUNTRY)).then_some(Referent::Entity(e))
            }
            Some(_) => None,
            None if run.b - run.a == 1 && run.title_gender.is_none() => {
                let w = self.toks[run.a].bare(self.text);
                const NOT_AN_ORGANISATION: lexicon::Class = lexicon::STOP
                    | lexicon::TITLE
                    | lexicon::DEMONYM
                    | lexicon::DOC_NOUN
                    | lexicon::COUNTRY
                    | lexicon::PLACEY;
                // `Critics`, `Opponents`: a plural common noun opening a sentence
                let plural = w.len() > 3
                    && w.ends_with('s')
                    && !w.ends_with("ss")
                    && w.chars().nth(1).is_some_and(char::is_lowercase);
                let common = plural
                    || lexicon::class(w) & NOT_AN_ORGANISATION != 0
                    // `Workers`, `Gadgets` opening a sentence: common words the text also
                    // writes in lower case
                    || self.lower_words
                        .get_or_init(|| super::text::lower_case_words(self.text))
                        .contains(lower_first(w).as_str());
                (!common && super::gender::first_name_lean(w).is_none())
                    .then_some(Referent::Bare(r))
            }
            None => None,
        }
    }

    fn compatible(&self, who: Referent, g: Gender) -> bool {
        match who {
            Referent::Entity(e) => {
                let ent = &self.reg.entities[e];
                match ent.gender() {
                    Some(eg) => eg == g,
                    None => ent.person_evidence,
                }
            }
            Referent::Bare(r) => self.reg.runs[r].title_gender == Some(g),
            Referent::Shared(r) => self.shared_match(r, g).is_some(),
        }
    }

    /// The one bearer of a shared surname whose known gender is `g`.
    fn shared_match(&self, r: usize, g: Gender) -> Option<usize> {
        // `shared` is in run order: a binary search, not a scan per pronoun
        let s = &self.shared[self.shared.binary_search_by_key(&r, |s| s.0).ok()?];
        match g {
            Gender::Male => s.1,
            Gender::Female => s.2,
        }
    }

    /// [`Cx::antecedent`] for a description, whose role may tell no gender: then the most
    /// recent person of either.
    fn antecedent_of_either(
        &self,
        mentions: &[Mention],
        g: Option<Gender>,
        para: usize,
    ) -> Option<Referent> {
        if let Some(g) = g {
            return self.antecedent(mentions, g, para);
        }
        let in_window = |m: &&Mention| m.para + WINDOW_PARAS >= para;
        let person = |m: &&Mention| match m.who {
            Referent::Entity(e) => {
                let ent = &self.reg.entities[e];
                !ent.org && (ent.person_evidence || ent.gender().is_some() || ent.len >= 2)
            }
            Referent::Bare(_) => true,
            Referent::Shared(_) => false,
        };
        let mut recent = mentions
            .iter()
            .rev()
            .take_while(in_window)
            .take(MAX_MENTIONS_BACK);
        recent
            .clone()
            .find(|m| m.subject && person(m))
            .or_else(|| recent.find(person))
            .map(|m| m.who)
    }

    /// The most recent compatible clause subject in the window, else the most recent
    /// compatible mention of any kind.
    fn antecedent(&self, mentions: &[Mention], g: Gender, para: usize) -> Option<Referent> {
        let in_window = |m: &&Mention| m.para + WINDOW_PARAS >= para;
        let mut recent = mentions
            .iter()
            .rev()
            .take_while(in_window)
            .take(MAX_MENTIONS_BACK);
        let subject = recent
            .clone()
            .find(|m| m.subject && self.compatible(m.who, g));
        let who = subject
            .or_else(|| recent.find(|m| self.compatible(m.who, g)))
            .map(|m| m.who)?;
        match who {
            Referent::Shared(r) => self.shared_match(r, g).map(Referent::Entity),
            other => Some(other),
        }
    }

    /// Is the run the subject of its clause? A cheap approximation with no parser: it is not
    /// possessive, it is not governed by a preposition or determiner, and a verb follows it
    /// (after an apposition, a parenthesis or adverbs) — or it follows an inverted cue
    /// (`said Jane Doe`).
    fn run_is_subject(&self, r: usize) -> bool {
        let run = &self.reg.runs[r];
        let toks = self.toks;
        // `Christie's been making the case`: a contraction, not a possessive
        let has_been = self.is_word(run.b) && self.word(run.b) == "been";
        if toks[run.b - 1].is_poss() && !has_been {
            return false;
        }
        let para = toks[run.a].para;
        if self.in_reported_clause(run.a) {
            return false;
        }
        if has_been {
            return true;
        }
        // `according to Jane Doe, editor of …`: the source of what the sentence reports
        if run.a >= 2
            && self.is_word(run.a - 1)
            && self.word(run.a - 1) == "to"
            && self.word(run.a - 2).eq_ignore_ascii_case("according")
        {
            return true;
        }
        if run.a > 0 && toks[run.a - 1].para == para && self.is_word(run.a - 1) {
            let p = run.a - 1;
            if let Some(c) = self.cues[p] {
                // `said Jane Doe, …` names the speaker; `told Jane Doe` the listener; in
                // `said Jane Doe was …` she heads a reported clause, not the main one
                if self.is_verbish(run.b) {
                    return false;
                }
                return !matches!(c.lemma, "tell" | "ask" | "thank" | "call" | "quote");
            }
            if lexicon::class(self.word(p)) & (lexicon::DETERMINER | lexicon::PREPOSITION) != 0 {
                return false;
            }
            // `to explain who Ali was`: the subject of an embedded question is not salient
            if matches!(
                self.word(p),
                "who" | "what" | "why" | "how" | "whether" | "that"
            ) {
                return false;
            }
            // any other word right before (a verb taking an object, or a role noun in
            // `campaign manager Jane Doe`): subject only if a verb follows
        }
        let mut n = run.b;
        let len = toks.len();
        // `Lee Zeldin of New York, a Trump supporter, said`
        if self.is_word(n)
            && matches!(self.word(n), "of" | "from")
            && self.reg.run_of.get(n + 1).is_some_and(|&r| r != u32::MAX)
        {
            n = self.reg.runs[self.reg.run_of[n + 1] as usize].b;
        }
        // `Jane Doe (D-Ill.) said`
        if n < len && toks[n].is_punct('(') {
            match (n + 1..len.min(n + 14)).find(|&k| toks[k].is_punct(')')) {
                Some(close) => n = close + 1,
                None => return false,
            }
        }
        // `Jane Doe – a Cowboys fan – gave`
        if n < len && matches!(toks[n].kind, Kind::Punct) && matches!(toks[n].ch, '–' | '—') {
            match (n + 1..len.min(n + 20)).find(|&k| {
                toks[k].para != para
                    || matches!(toks[k].ch, '–' | '—') && toks[k].kind == Kind::Punct
            }) {
                Some(close) if toks[close].para == para => n = close + 1,
                _ => return false,
            }
        }
        // `Jane Doe, who …` / `Jane Doe, a senator from Ohio, said`
        if n < len && toks[n].is_punct(',') && toks[n].para == para {
            if self.is_word(n + 1) && self.word(n + 1) == "who" {
                return true;
            }
            let mut k = n + 1;
            let end = len.min(n + 26);
            let mut close = None;
            while k < end {
                let u = &toks[k];
                if u.para != para || u.kind == Kind::Quote || ends_sentence(toks, k, self.text) {
                    break;
                }
                if u.is_punct(',') {
                    close = Some(k);
                    break;
                }
                k += 1;
            }
            match close {
                Some(c) => n = c + 1,
                None => return false,
            }
            // `Jane Doe, 27, a student in Ohio, said`: a second apposition
            if !self.is_verbish(n) {
                let end = len.min(n + 20);
                if let Some(c) = (n..end)
                    .take_while(|&k| {
                        toks[k].para == para
                            && toks[k].kind != Kind::Quote
                            && !ends_sentence(toks, k, self.text)
                    })
                    .find(|&k| toks[k].is_punct(','))
                {
                    n = c + 1;
                }
            }
        }
        while self.is_word(n) && is_adverb_or_aux(self.word(n)) && !self.is_aux(n) {
            n += 1;
        }
        self.is_verbish(n)
    }

    /// Does token `a` come after a finite reporting verb earlier in its sentence (`Jane Doe
    /// said in 2008 that voters backing Obama threw …`)? Such a name heads reported content,
    /// not the main clause. A cue opening the sentence (`Asked about it, Jane Doe said`) does
    /// not count.
    fn in_reported_clause(&self, a: usize) -> bool {
        let toks = self.toks;
        let para = toks[a].para;
        let lo = a.saturating_sub(30);
        let mut k = a;
        while k > lo {
            k -= 1;
            let t = &toks[k];
            if t.para != para || t.kind == Kind::Quote || ends_sentence(toks, k, self.text) {
                return false;
            }
            // `At a conference scheduled to announce …, Sessions said`: an opening phrase
            if t.is_punct(',') {
                return false;
            }
            if t.kind != Kind::Word {
                continue;
            }
            if let Some(c) = self.cues[k] {
                // a finite verb with a word of its clause before it: not a sentence opener,
                // not `to announce`, not `saying`
                let finite = k > 0
                    && toks[k - 1].para == para
                    && toks[k - 1].kind == Kind::Word
                    && self.word(k - 1) != "to"
                    && !self.word(k).ends_with("ing");
                return finite && c.strength == super::cues::CueStrength::Strong;
            }
        }
        false
    }

    fn is_aux(&self, i: usize) -> bool {
        lexicon::is(self.word(i), lexicon::AUX)
    }

    /// A lower-case word that is probably a finite verb: a cue, an auxiliary, a past tense or
    /// a third-person present (`-s`, but not a plural agent noun like `voters`).
    fn is_verbish(&self, i: usize) -> bool {
        if !self.is_word(i) || self.toks[i].is_cap() || self.toks[i].is_poss() {
            return false;
        }
        if self.cues[i].is_some() {
            return true;
        }
        let w = self.word(i);
        // one probe answers every word-class question below
        let class = lexicon::class(w);
        if class & lexicon::AUX != 0 {
            return true;
        }
        // `wouldn't`, `didn’t`
        if w.ends_with("n't") || w.ends_with("n’t") {
            return true;
        }
        if !w.is_ascii() || w.len() < 3 {
            return false;
        }
        if class & (lexicon::DETERMINER | lexicon::PREPOSITION | lexicon::CONJUNCTION) != 0 {
            return false;
        }
        if class & lexicon::PAST_VERB != 0 {
            return true;
        }
        if w.ends_with("ed") {
            return true;
        }
        w.ends_with('s')
            && !w.ends_with("ss")
            && !w.ends_with("ers")
            && !w.ends_with("ists")
            // `Americans`, `veterans` are nouns; `plans`, `bans` are mostly verbs here
            && (!w.ends_with("ans") || w.len() <= 5)
            && !w.ends_with("ics")
            && !w.ends_with("ies")
    }
}
