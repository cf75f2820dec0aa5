//! Mention → name: a run to the fullest form of its entity, a pronoun to its referent, a role
//! noun (`the president`) to the one person introduced with that title.

use std::sync::OnceLock;

use super::super::gender::Gender;
use super::super::lexicon::{self, FastMap};
use super::super::names::{is_honorific, key, Registry};
use super::super::pronouns::Referent;
use super::super::text::Kind;
use super::np::Np;
use super::words::*;
use super::{Attribution, Ctx};

/// Map abbreviated title words to their full form so "the senator" finds "Sen. X"
/// (`data/title_abbreviations.tsv`).
pub(super) fn norm_title_word(w: &str) -> &str {
    static MAP: OnceLock<FastMap<&'static str, &'static str>> = OnceLock::new();
    let map = MAP.get_or_init(|| {
        lexicon::entries(include_str!("../data/title_abbreviations.tsv"))
            .filter_map(|l| l.split_once('\t'))
            .collect()
    });
    map.get(w).copied().unwrap_or(w)
}

/// Can `name` be what a speaker is called? Not a single word that is a common word of
/// another kind: a plural title (`Senators`, `Officials`), a document or pointer word
/// (`Excerpts`, `Below`), a nationality or party adjective (`American`, `Tory`), a kind of
/// institution (`Senate`, `Act`), a suffix (`Jr`) or a function word; nor a document
/// (`Full text`); nor a lone title that is no surname (`President`, but `King` may be one).
pub(super) fn is_plausible_speaker(name: &str) -> bool {
    const NOT_A_NAME: lexicon::Class = lexicon::STOP
        | lexicon::PLURAL_TITLE
        | lexicon::DOC_NOUN
        | lexicon::POINTER
        | lexicon::DEMONYM
        | lexicon::INSTITUTION
        | lexicon::SUFFIX
        | lexicon::DETERMINER
        | lexicon::QUANTIFIER
        | lexicon::PREPOSITION
        | lexicon::CONJUNCTION
        | lexicon::AUX
        | lexicon::ADVERB;
    // `Officials`, `MPs`, `Americans`, but not a party (`Democrats` is one)
    let plural_of = |w: &str, class: lexicon::Class| {
        w.len() > 3
            && w.ends_with('s')
            && lexicon::class(&w[..w.len() - 1]) & (class | lexicon::TITLE_MODIFIER) == class
    };
    let mut words = name.split_whitespace();
    match (words.next(), words.next()) {
        (None, _) => false,
        // `MISMANAGEMENT`, `WASHINGTON`: a heading or a dateline in capitals (acronyms are short)
        (Some(w), None)
            if w.chars().filter(|c| c.is_alphabetic()).count() >= 7
                && !w.chars().any(char::is_lowercase) =>
        {
            false
        }
        (Some(w), None) => {
            let c = lexicon::class(w);
            // `Taxation`, `Enactment`, `Competitiveness`: an abstract noun, no one's name
            const ABSTRACT: &[&str] = &[
                "tion", "sion", "ment", "ness", "ity", "ship", "ism", "ful", "less", "ous",
            ];
            let abstract_noun =
                w.len() > 6 && ABSTRACT.iter().any(|e| w.to_ascii_lowercase().ends_with(e));
            !abstract_noun
                && c & NOT_A_NAME == 0
                // `President`, `Senator`; but `King` and `Singer` are surnames too
                && (c & lexicon::TITLE == 0 || c & lexicon::TITLE_SURNAME != 0)
                && !plural_of(w, lexicon::TITLE)
                && !plural_of(w, lexicon::DEMONYM)
        }
        // `Full text`, `Excerpts of`: a document, not its author
        (Some(w), Some(_)) => !lexicon::is(w, lexicon::DOC_NOUN | lexicon::POINTER),
    }
}

/// Every person's titles as roles, built once per article on the first role noun: looking a
/// role up is then a hash probe, not a pass over every entity and title.
#[derive(Debug, Default)]
pub(super) struct RoleIndex {
    /// Normalised title → the people who carry it, in creation order, each once.
    exact: FastMap<String, Vec<usize>>,
    /// The same for every ending of a title at a word boundary (`member senator` and
    /// `senator` for `ranking member senator`), without the people who carry it exactly.
    suffix: FastMap<String, Vec<usize>>,
}

impl RoleIndex {
    fn new(reg: &Registry) -> RoleIndex {
        let mut ix = RoleIndex::default();
        let push = |map: &mut FastMap<String, Vec<usize>>, k: &str, e: usize| {
            let ids = map.entry(k.to_string()).or_default();
            if ids.last() != Some(&e) {
                ids.push(e);
            }
        };
        for (e, ent) in reg.entities.iter().enumerate() {
            if ent.org {
                continue;
            }
            for t in &ent.titles {
                let nt = norm_title(t);
                push(&mut ix.exact, &nt, e);
                for (i, _) in nt.match_indices(' ') {
                    push(&mut ix.suffix, &nt[i + 1..], e);
                }
            }
        }
        let exact = &ix.exact;
        for (role, ids) in ix.suffix.iter_mut() {
            if let Some(ex) = exact.get(role) {
                ids.retain(|e| !ex.contains(e));
            }
        }
        ix
    }
}

/// A title as a role: its words lower-case and unabbreviated, without the words that do not
/// change the role (`former`, party names).
pub(super) fn norm_title(t: &str) -> String {
    let mut out = String::new();
    for w in t.split_whitespace() {
        if lexicon::is(w, lexicon::TITLE_MODIFIER) {
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
    pub(super) fn make(&mut self, np: Np, cue: String) -> Attribution {
        let (speaker, mention, title) = self.resolve(np);
        Attribution {
            speaker,
            mention: Some(mention),
            title,
            cue: Some(cue),
            own: true,
            sieve: None,
        }
    }

    /// The one lasting effect of [`Ctx::resolve`]: a run that speaks is a person.
    pub(super) fn mark_named_person(&mut self, np: Np) {
        if let Np::Run(r) = np {
            if let Some(e) = self.reg.runs[r].entity {
                self.reg.mark_person(e);
            }
        }
    }

    /// Mention → (speaker, mention as written, title); never a speaker that is not a name.
    pub(super) fn resolve(&mut self, np: Np) -> (Option<String>, String, Option<String>) {
        let (speaker, mention, title) = self.resolve_mention(np);
        (speaker.filter(|s| is_plausible_speaker(s)), mention, title)
    }

    fn resolve_mention(&mut self, np: Np) -> (Option<String>, String, Option<String>) {
        let text = self.text;
        match np {
            Np::Pronoun(k) => {
                let w = self.word(k).to_string();
                let title = match self.pron.get(k) {
                    Some(Referent::Entity(e)) => self.reg.entities[e].title.clone(),
                    _ => None,
                };
                (self.referent_name(k), w, title)
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
                // `the Leeds defender`: the role is its last word
                let head = role.rsplit(' ').next().unwrap_or_default().to_string();
                let found = self
                    .role_entity(&role)
                    .or_else(|| (head != role).then(|| self.role_entity(&head)).flatten());
                match found {
                    Some(e) => {
                        let ent = &self.reg.entities[e];
                        (Some(ent.name()), mention, ent.title.clone())
                    }
                    // a description of the person last named (`description.rs`)
                    None => match self.referent_name(role_b - 1) {
                        Some(name) => (Some(name), mention, None),
                        None => (None, mention, None),
                    },
                }
            }
            Np::Run(r) => {
                let run = self.reg.runs[r].clone();
                let mention = text[self.toks[run.a].s..self.toks[run.b - 1].e].to_string();
                // `Table 4`, `Executive Order 12333`, `Episode 3`: a numbered thing
                let numbered = self.is_number(run.b);
                if run.plural || numbered {
                    return (None, mention, None);
                }
                // `said the American`, `says the DJ`: a description
                if run.b - run.a == 1 {
                    if let Some(name) = self.referent_name(run.a) {
                        return (Some(name), mention, None);
                    }
                }
                let run_title = (run.name_a > run.a)
                    .then(|| text[self.toks[run.a].s..self.toks[run.name_a - 1].e].to_string());
                let title = run_title.filter(|t| !is_honorific(t));
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
                    if run.name_a == run.a && super::super::names::is_title(w) {
                        let role = norm_title(&key(w));
                        if let Some(e) = self.role_entity(&role) {
                            let ent = &self.reg.entities[e];
                            return (Some(ent.name()), mention, ent.title.clone());
                        }
                        return (None, mention, None);
                    }
                    // `Answer`, `Following`, `Members` open a sentence in capitals but the
                    // article also writes them in lower case: a common word, not a name
                    if run.title_gender.is_none() && self.used_in_lower_case(w) {
                        return (None, mention, None);
                    }
                    return (Some(w.to_string()), mention, title);
                }
                let name: Vec<&str> = (run.name_a..run.name_b)
                    .map(|k| self.toks[k].name_word(text))
                    .collect();
                (Some(name.join(" ")), mention, title)
            }
        }
    }

    /// The name of what the pronoun or description at token `k` refers to.
    fn referent_name(&self, k: usize) -> Option<String> {
        match self.pron.get(k)? {
            Referent::Entity(e) => Some(self.reg.entities[e].name()),
            Referent::Bare(r) | Referent::Shared(r) => Some(
                self.toks[self.reg.runs[r].name_a]
                    .bare(self.text)
                    .to_string(),
            ),
        }
    }

    /// The one entity introduced with this role, if exactly one: a person with that title,
    /// or else the one person whose title ends in it (`the senator` → `Ranking Member Sen.`).
    pub(super) fn role_entity(&mut self, role: &str) -> Option<usize> {
        if role.is_empty() {
            return None;
        }
        let index = self.roles.get_or_insert_with(|| RoleIndex::new(self.reg));
        let exact = index.exact.get(role).map_or(&[][..], Vec::as_slice);
        if exact.len() == 1 {
            return Some(exact[0]);
        }
        if !exact.is_empty() {
            return None;
        }
        match index.suffix.get(role).map(Vec::as_slice) {
            Some(&[e]) => Some(e),
            _ => None,
        }
    }

    /// Record gender evidence: `X said he …` / `X … his`.
    pub(super) fn vote_gender(&mut self, np: Np, from: usize) {
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn abbreviation_table_is_sorted_and_whole() {
        let rows: Vec<(&str, &str)> =
            lexicon::entries(include_str!("../data/title_abbreviations.tsv"))
                .map(|l| l.split_once('\t').expect("two columns"))
                .collect();
        for pair in rows.windows(2) {
            assert!(pair[0].0 < pair[1].0, "{:?} then {:?}", pair[0], pair[1]);
        }
        assert!(rows
            .iter()
            .all(|(a, b)| a == &a.to_lowercase() && b == &b.to_lowercase()));
    }

    #[test]
    fn titles_as_roles() {
        assert_eq!(norm_title("former u.s sen"), "senator");
        assert_eq!(norm_title("the republican gov"), "governor");
        assert_eq!(norm_title("attorney general"), "attorney general");
        assert_eq!(norm_title("congresswoman"), "congressman");
    }
}
