//! Noun-phrase chunking: the speaker candidates before or after a cue — a name run, a
//! pronoun, or a determiner + role noun phrase — with appositions, party tags, relative
//! clauses and `X of ORG` handled.

use super::super::cues::{cue, is_adverb_or_aux, CueStrength};
use super::super::lexicon;
use super::super::text::{ends_sentence, Kind};
use super::words::*;
use super::Ctx;

/// A noun phrase that can be a speaker.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Np {
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

impl Np {
    /// Several people who share the words (`Jane Roe and Tom Hale`, `their letter`), over
    /// tokens `a..b`: a mention with no one speaker.
    pub(super) fn joint(a: usize, b: usize) -> Np {
        Np::Nominal {
            a,
            b,
            role_a: a,
            role_b: a,
        }
    }
}

impl Ctx<'_> {
    /// Is the run at token `r` (a run index) a person: a full name, a titled name or a name
    /// the article knows as a person's?
    fn is_person_run(&self, r: u32) -> bool {
        r != u32::MAX && {
            let r = r as usize;
            self.is_person_name(r) || self.reg.runs[r].title_gender.is_some()
        }
    }

    /// `Jane Roe and` or `Sen. Jane Roe (D-Ohio) and` right before token `a`: the first
    /// token of that person's name.
    fn coordinated_before(&self, a: usize, floor: usize) -> Option<usize> {
        if a < floor + 2 || !self.is_word(a - 1) || self.word(a - 1) != "and" {
            return None;
        }
        let mut j = a - 2;
        if self.toks[j].is_punct(')') {
            let lo = j.saturating_sub(8).max(floor);
            j = (lo..j)
                .rev()
                .find(|&i| self.toks[i].is_punct('('))?
                .checked_sub(1)?;
        }
        let r = self.reg.run_of[j];
        if j < floor || !self.is_person_run(r) {
            return None;
        }
        // the pair opens its clause: in `Milan won at Old Trafford and Ancelotti said`, `and`
        // joins two clauses, not two speakers
        let first = self.reg.runs[r as usize].a;
        let opens = first == floor
            || !self.is_word(first - 1)
            || lexicon::is(
                self.word(first - 1),
                lexicon::CONJUNCTION | lexicon::SUBORDINATOR,
            )
            || lexicon::is(self.word(first - 1), lexicon::QUANTIFIER);
        opens.then_some(first)
    }

    /// `and Tom Hale` right after a person's name ending at `end`: the end of the second name.
    fn coordinated_after(&self, end: usize, limit: usize) -> Option<usize> {
        if end + 1 >= limit || !self.is_word(end) || self.word(end) != "and" {
            return None;
        }
        let r = self.reg.run_of[end + 1];
        (self.is_person_run(r) && self.reg.runs[r as usize].a == end + 1)
            .then(|| self.reg.runs[r as usize].b)
    }

    /// A run that names a person: not an organisation, with a name part that is not just a
    /// title word.
    pub(super) fn is_person_name(&self, r: usize) -> bool {
        let run = &self.reg.runs[r];
        if let Some(e) = run.entity {
            return !self.reg.entities[e].org;
        }
        if super::super::names::is_title(self.toks[run.name_b - 1].bare(self.text)) {
            return false;
        }
        !(run.name_a == run.a
            && run.b - run.a == 1
            && super::super::names::is_title(self.toks[run.a].bare(self.text)))
    }

    /// Noun phrase ending at token `k` (inclusive), not reaching before `floor`.
    pub(super) fn np_backward(&self, k: usize, floor: usize, depth: u8) -> Option<Np> {
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
                    // `Jane Roe and Tom Hale said`: words two people share
                    if let Some(a) = self.coordinated_before(self.reg.runs[r].a, floor) {
                        return Some(Np::joint(a, self.reg.runs[r].b));
                    }
                    return Some(Np::Run(r));
                }
                let mut b = [0u8; 24];
                if lw(w, &mut b) == "who" && k > floor {
                    let mut j = k - 1;
                    if self.toks[j].is_punct(',') && j > floor {
                        j -= 1;
                    }
                    // `Patti Lee and Stevie Moon, who joked`: the clause tells of the last one
                    let r = self.reg.run_of[j];
                    if self.is_person_run(r) {
                        return Some(Np::Run(r as usize));
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
    pub(super) fn person_before_org(&self, a: usize, floor: usize) -> Option<usize> {
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
    pub(super) fn relative_head(&self, j0: usize, end: usize) -> Option<usize> {
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
    pub(super) fn np_forward(&self, j: usize, limit: usize) -> Option<(Np, usize)> {
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

    /// First token of a noun phrase.
    pub(super) fn np_start(&self, np: Np) -> usize {
        match np {
            Np::Run(r) => self.reg.runs[r].a,
            Np::Pronoun(k) => k,
            Np::Nominal { a, .. } => a,
        }
    }

    /// `states`, `notes`, `reports` after a common noun are nouns, not verbs
    /// (`a dozen states held contests`).
    pub(super) fn np_is_noun_homograph_subject(&self, np: Np, cue: &str) -> bool {
        matches!(np, Np::Nominal { .. })
            && cue.ends_with('s')
            && !matches!(cue, "says" | "tells" | "writes" | "adds")
    }

    /// The speaker named after an inverted cue or `according to`: the last name in the run of
    /// words before punctuation (`said Russian oil official Sergei Ivanov`), a pronoun, or a
    /// common noun phrase (`said the senator`).
    pub(super) fn np_after(&self, k: usize, limit: usize) -> Option<(Np, usize)> {
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
                    super::super::names::is_title(self.toks[run.b - 1].bare(self.text))
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
        // `said the Leeds defender`: a name that only modifies the role after it
        if let Some((r, end)) = best {
            let run = &self.reg.runs[r];
            if run.a == k + 1
                && self.word(k).eq_ignore_ascii_case("the")
                && !self.is_named_person(r)
                && self.description_head(k) == Some(end)
            {
                return Some((
                    Np::Nominal {
                        a: k,
                        b: end + 1,
                        role_a: run.a,
                        role_b: end + 1,
                    },
                    end + 1,
                ));
            }
        }
        let found = match best {
            // `said Jane Roe and Tom Hale`: words two people share
            Some((r, end)) => match self.coordinated_after(end, limit) {
                Some(b) if self.is_person_run(r as u32) => {
                    Some((Np::joint(self.reg.runs[r].a, b), b))
                }
                _ => Some((Np::Run(r), end)),
            },
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
    pub(super) fn is_evident_person(&self, np: Np) -> bool {
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
    pub(super) fn evident_subject_before(&self, j: usize, lo: usize, floor: usize) -> Option<Np> {
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
    pub(super) fn is_named_person(&self, r: usize) -> bool {
        let run = &self.reg.runs[r];
        run.name_b - run.name_a >= 2 && run.entity.is_some_and(|e| !self.reg.entities[e].org)
    }

    /// `, Jane Doe,` / `, Jane Doe.` at token `k`, possibly after one more comma-delimited
    /// role of a few words (`, San Diego's chancellor, Jane Doe.`).
    pub(super) fn appositive_name(&self, k: usize, limit: usize) -> Option<(Np, usize)> {
        self.appositive_name_at(k, limit, 1)
    }

    pub(super) fn appositive_name_at(
        &self,
        k: usize,
        limit: usize,
        hops: u8,
    ) -> Option<(Np, usize)> {
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

    /// `the paper quoted Jane Doe as saying`: the quoted person, not the quoting outlet.
    pub(super) fn quoted_as(&self, k: usize, limit: usize) -> Option<Np> {
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
}
