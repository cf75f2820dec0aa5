//! The reporting-verb lexicon: which words (in any tense) report speech or writing.
//!
//! Why a long list: in news, *said* covers two thirds of attributions, but the remaining third
//! is spread over hundreds of verbs (*added, tweeted, insisted, shot back, quipped*), and a
//! missing verb turns a plainly attributed quote into a guess. Inflections are generated from
//! base forms (with an irregular table) so the list stays readable.

use std::sync::OnceLock;

use super::lexicon::{FastMap, WordTable};

/// How strongly a cue word signals a direct quotation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CueStrength {
    /// say, tell, write, add, …: attributes whatever is next to it.
    Strong,
    /// complain, call, describe, praise, …: attributes fragments in its own clause; it is not
    /// used for look-ahead or paraphrase tracking.
    Weak,
}

/// The verb list: `lemma<TAB>strong|weak[<TAB>options]` per line (the file's header explains
/// the options).
static VERBS: &str = include_str!("data/cue_verbs.tsv");

#[derive(Debug, Clone, Copy)]
struct Entry {
    lemma: &'static str,
    strength: CueStrength,
    /// The particle the lemma needs (`back` in `shot back`), looked up once here rather than
    /// per token.
    particle: Option<&'static str>,
}

/// One line of the verb list.
struct Verb {
    lemma: &'static str,
    strength: CueStrength,
    forms: Option<&'static str>,
    double: bool,
    particle: Option<&'static str>,
    nobase: bool,
}

fn parse_verb(line: &'static str) -> Verb {
    let mut cols = line.split('\t');
    let lemma = cols.next().unwrap_or_default();
    let strength = match cols.next() {
        Some("strong") => CueStrength::Strong,
        Some("weak") => CueStrength::Weak,
        other => panic!("cue_verbs.tsv: bad strength {other:?} for {lemma:?}"),
    };
    let mut v = Verb {
        lemma,
        strength,
        forms: None,
        double: false,
        particle: None,
        nobase: false,
    };
    for opt in cols.next().unwrap_or_default().split_whitespace() {
        match opt.split_once(':') {
            Some(("forms", f)) => v.forms = Some(f),
            Some(("particle", p)) => v.particle = Some(p),
            None if opt == "double" => v.double = true,
            None if opt == "nobase" => v.nobase = true,
            _ => panic!("cue_verbs.tsv: bad option {opt:?} for {lemma:?}"),
        }
    }
    v
}

fn table() -> &'static WordTable<Entry> {
    static T: OnceLock<WordTable<Entry>> = OnceLock::new();
    T.get_or_init(|| {
        let mut m: FastMap<Vec<u8>, Entry> = FastMap::default();
        let verbs: Vec<Verb> = super::lexicon::entries(VERBS).map(parse_verb).collect();
        for v in &verbs {
            let forms: Vec<String> = match v.forms {
                Some(f) => f.split(',').map(str::to_string).collect(),
                None => inflect(v.lemma, v.double),
            };
            for f in forms {
                // a form two verbs share (none today) counts for the strong one
                let e = m.entry(f.into_bytes()).or_insert(Entry {
                    lemma: v.lemma,
                    strength: v.strength,
                    particle: v.particle,
                });
                if v.strength == CueStrength::Strong {
                    e.strength = CueStrength::Strong;
                }
            }
        }
        // `text`, `report`, `state` as base forms are mostly nouns
        for v in verbs.iter().filter(|v| v.nobase) {
            m.remove(v.lemma.as_bytes());
        }
        WordTable::new(m)
    })
}

/// Regular inflections: base, third person, past, gerund.
fn inflect(v: &str, double: bool) -> Vec<String> {
    let mut out = vec![v.to_string()];
    let b = v.as_bytes();
    let last = b[b.len() - 1];
    let prev = if b.len() > 1 { b[b.len() - 2] } else { b'a' };
    let is_vowel = |c: u8| matches!(c, b'a' | b'e' | b'i' | b'o' | b'u');
    if v.ends_with('s')
        || v.ends_with("sh")
        || v.ends_with("ch")
        || v.ends_with('x')
        || v.ends_with('z')
    {
        out.push(format!("{v}es"));
    } else if last == b'y' && !is_vowel(prev) {
        out.push(format!("{}ies", &v[..v.len() - 1]));
    } else {
        out.push(format!("{v}s"));
    }
    let stem = if double {
        format!("{v}{}", last as char)
    } else {
        v.to_string()
    };
    if last == b'e' {
        out.push(format!("{v}d"));
        if v.ends_with("ee") {
            out.push(format!("{v}ing"));
        } else {
            out.push(format!("{}ing", &v[..v.len() - 1]));
        }
    } else if last == b'y' && !is_vowel(prev) {
        out.push(format!("{}ied", &v[..v.len() - 1]));
        out.push(format!("{v}ing"));
    } else {
        out.push(format!("{stem}ed"));
        out.push(format!("{stem}ing"));
    }
    out
}

/// A cue found at a token.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Cue {
    pub lemma: &'static str,
    pub strength: CueStrength,
    /// Number of words the cue takes (2 for `shot back`).
    pub words: usize,
}

/// Is the lower-case word `w` (followed by `next`, if any) a reporting cue?
pub fn cue(w: &str, next: Option<&str>) -> Option<Cue> {
    if w.len() > 16 || !w.as_bytes().first().is_some_and(u8::is_ascii_lowercase) {
        return None;
    }
    if w.ends_with('.') {
        return None;
    }
    let e = table().get_lower(w.as_bytes())?;
    if let Some(particle) = e.particle {
        return match next {
            Some(n) if n.eq_ignore_ascii_case(particle) => Some(Cue {
                lemma: e.lemma,
                strength: CueStrength::Strong,
                words: 2,
            }),
            _ => None,
        };
    }
    // `put` only in `as X put it`; checked by the caller.
    Some(Cue {
        lemma: e.lemma,
        strength: e.strength,
        words: 1,
    })
}

/// Words that may sit between a speaker and the cue: `he also said`, `she has since written`.
pub fn is_adverb_or_aux(w: &str) -> bool {
    if w.len() > 3 && w.ends_with("ly") && w.as_bytes()[0].is_ascii_lowercase() {
        return true;
    }
    super::lexicon::is(w, super::lexicon::ADVERB)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The verb list is sorted by lemma, lower-case, with one line per lemma; and no form
    /// belongs to two verbs (the table would keep only one lemma for it).
    #[test]
    fn verb_list_is_well_formed() {
        let verbs: Vec<Verb> = super::super::lexicon::entries(VERBS)
            .map(parse_verb)
            .collect();
        assert!(verbs.len() > 150);
        for pair in verbs.windows(2) {
            assert!(
                pair[0].lemma < pair[1].lemma,
                "{} then {}",
                pair[0].lemma,
                pair[1].lemma
            );
        }
        let mut owner: std::collections::HashMap<String, &str> = Default::default();
        for v in &verbs {
            assert_eq!(v.lemma, v.lemma.to_lowercase());
            let forms: Vec<String> = match v.forms {
                Some(f) => f.split(',').map(str::to_string).collect(),
                None => inflect(v.lemma, v.double),
            };
            assert!(
                forms.iter().any(|f| f == v.lemma),
                "{}: base form missing",
                v.lemma
            );
            for f in forms {
                if let Some(other) = owner.insert(f.clone(), v.lemma) {
                    assert_eq!(other, v.lemma, "{f:?} is a form of {other} and {}", v.lemma);
                }
            }
        }
    }

    #[test]
    fn forms_and_options() {
        let c = |w: &str, next: Option<&str>| cue(w, next).map(|c| (c.lemma, c.strength, c.words));
        assert_eq!(c("said", None), Some(("say", CueStrength::Strong, 1)));
        assert_eq!(c("quipped", None), Some(("quip", CueStrength::Strong, 1)));
        assert_eq!(c("called", None), Some(("call", CueStrength::Weak, 1)));
        // particle verbs count only with their particle
        assert_eq!(
            c("shot", Some("back")),
            Some(("shoot", CueStrength::Strong, 2))
        );
        assert_eq!(c("shot", Some("down")), None);
        // `nobase`: the base form is a noun more often than a verb
        assert_eq!(c("report", None), None);
        assert_eq!(
            c("reported", None),
            Some(("report", CueStrength::Strong, 1))
        );
        assert_eq!(c("table", None), None);
    }
}
