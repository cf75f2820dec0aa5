//! Linking: which of the names across all articles are one person. Pure: evidence in
//! ([`Evidence`], gathered from the index by [`super::scan`]), rows out; every rule is
//! tested here with made-up names.
//!
//! 1. **Full names** (`Barbara Mikulski`, `Chuck Grassley`, `Joseph R. Biden`) are read into
//!    parts ([`super::names`]) and grouped per surname and generational suffix. Within a
//!    group a name joins a person when it agrees with *every* name already in it: given
//!    names equal or nicknames of each other, middle names and initials compatible, genders
//!    not in conflict, no `!` line of the alias file between them. Names with more middle
//!    initials and formal given names go first, so that `George Bush`, which agrees with
//!    both `George W. Bush` and `George H. W. Bush`, finds two people and stays a row of its
//!    own instead of joining whichever came first.
//! 2. **Surnames alone** (`Mikulski`, `Sen. Mikulski`, `Mr Blair`) are linked per form
//!    (name, title, gender shown) and article, to a person with that surname, on the first
//!    evidence that holds:
//!    - *in the article*: exactly one compatible full-name person with that surname is
//!      quoted in the same article (two: the article itself is ambiguous, no link);
//!    - *byline*: the article's source or author metadata names the surname (`Office of
//!      Sen. Mikulski`) and, among the full-name people with that surname whose role and
//!      given name fit the metadata, one holds ≥ 90 % of the full-name quotes in that
//!      outlet's articles (in the corpus when the outlet quotes none);
//!    - *outlet and period*: one compatible person holds ≥ 90 % of the full-name quotes with
//!      that surname in articles of the same outlet within [`PERIOD_DAYS`] days;
//!    - *dominant*: one person holds ≥ 90 % of the corpus's full-name quotes with that
//!      surname (of those whose gender does not conflict), with at least
//!      [`DOMINANT_MIN_QUOTES`] quotes ([`DOMINANT_MIN_QUOTES_GIVEN`] when the surname is
//!      also a given name) in [`DOMINANT_MIN_ARTICLES`] articles.
//!
//!    A person is compatible with a surname form when neither gender (title, pronoun, given
//!    name) nor role (`Rep.` against a senator) conflicts. Whatever has no evidence stays a
//!    row of its own, one per surname.
//! 3. **The alias file** goes first: its names are one person whatever the evidence, and its
//!    `!` lines forbid links or keep a name apart.

use super::names::{self, given_match, middles_match, NameParts, Role, Shape};
use super::{FormLink, Link, Row, RowKind, Scope, Variant};
use crate::extract::gender::Gender;
use crate::identity::{self, Aliases, Mark};
use std::collections::{BTreeMap, HashMap, HashSet};

/// Share of the relevant full-name quotes one person must hold for a surname to be theirs.
pub const SHARE: f64 = 0.9;
/// Half-width of the window of "the same period", in days.
pub const PERIOD_DAYS: i64 = 30;
/// Full-name quotes a person needs before a surname can be theirs by dominance alone: a
/// share of a handful of quotes says little (BBC's five quotes of a Bafta chairman called
/// Dean do not make Lucasfilm's Mr Dean him).
pub const DOMINANT_MIN_QUOTES: u64 = 10;
/// The same when the surname is also a given name (`Charles`, `Dean`, `Howard`): a
/// surname alone may then be someone's given name.
pub const DOMINANT_MIN_QUOTES_GIVEN: u64 = 25;
/// Articles those quotes must come from.
pub const DOMINANT_MIN_ARTICLES: u64 = 3;
/// Full-name quotes a person needs in an outlet's articles of the same period before a
/// surname there can be theirs. (A byline naming the surname needs only the one person
/// it fits: it is evidence of its own.)
pub const NEARBY_MIN_QUOTES: u64 = 2;

/// What the index says about speakers, as linking needs it.
#[derive(Debug, Clone, Default)]
pub struct Evidence {
    /// Distinct speaker forms ([`identity::speaker_form`]).
    pub forms: Vec<String>,
    /// Outlets: articles with the same source and author metadata. Each is the folded
    /// words of that metadata (byline evidence reads them).
    pub outlets: Vec<Vec<String>>,
    /// Every article with at least one attributed quote.
    pub articles: Vec<ArticleEvidence>,
}

#[derive(Debug, Clone, Default)]
pub struct ArticleEvidence {
    pub id: String,
    /// Index into [`Evidence::outlets`].
    pub outlet: u32,
    /// Unix seconds.
    pub date: Option<i64>,
    /// (form index, number of quotes) for each form quoted in the article.
    pub quotes: Vec<(u32, u32)>,
}

struct NameInfo {
    name: String,
    parts: Option<NameParts>,
    key: String,
    quotes: u64,
    /// Quotes whose wording marked the speaker male, female, neuter.
    marks: [u64; 3],
    alias: Option<usize>,
    isolated: bool,
    /// The full-name item (distinct parsed full name) it belongs to.
    item: Option<usize>,
}

struct FormInfo {
    name: usize,
    role: Option<Role>,
    mark: Option<Mark>,
    /// Title and name say different roles (`Congressmen Salazar`, titled `Senator`): the
    /// extractor mixed two people up, so the form is linked to nobody.
    conflicted: bool,
}

/// One distinct full name (as parts), with the names written that way.
struct Item {
    parts: NameParts,
    key: String,
    names: Vec<usize>,
    quotes: u64,
    gender: Option<Gender>,
    /// The canonical name of an alias line (no quotes of its own).
    alias: Option<usize>,
    cluster: usize,
}

struct Cluster {
    /// Items that define who this is (compatibility is checked against each).
    natural: Vec<usize>,
    alias: Option<usize>,
    ambiguous: bool,
    surname: String,
    suffix: Option<String>,
    /// Full-name quotes and articles.
    quotes: u64,
    articles: u64,
    gender: Option<Gender>,
    roles: Vec<Role>,
}

fn mark_gender(m: Mark) -> Option<Gender> {
    match m {
        Mark::Male => Some(Gender::Male),
        Mark::Female => Some(Gender::Female),
        Mark::Neuter => None,
    }
}

/// Gender shown by counted marks: at least three, 80 % one way.
fn gender_of_marks(marks: &[u64; 3]) -> Option<Gender> {
    let (m, f) = (marks[0], marks[1]);
    if m + f < 3 {
        return None;
    }
    if m * 5 >= (m + f) * 4 {
        Some(Gender::Male)
    } else if f * 5 >= (m + f) * 4 {
        Some(Gender::Female)
    } else {
        None
    }
}

fn conflict<T: PartialEq>(a: Option<T>, b: Option<T>) -> bool {
    matches!((a, b), (Some(x), Some(y)) if x != y)
}

/// A role that is not among a person's known roles (a person with none known fits any).
fn role_conflict(role: Option<Role>, roles: &[Role]) -> bool {
    role.is_some_and(|r| !roles.is_empty() && !roles.contains(&r))
}

/// A surname titled with a role (`President Bush`) is only a person known in that role:
/// Laura Bush, never titled President, is not `President Bush` however often the same
/// outlet quotes her that month.
fn role_unknown(role: Option<Role>, roles: &[Role]) -> bool {
    role.is_some_and(|r| !roles.contains(&r))
}

/// Build the people table's rows.
pub fn link(ev: &Evidence, aliases: &Aliases) -> Vec<Row> {
    Linker::new(ev, aliases).run()
}

struct Linker<'a> {
    ev: &'a Evidence,
    aliases: &'a Aliases,
    names: Vec<NameInfo>,
    forms: Vec<FormInfo>,
    items: Vec<Item>,
    clusters: Vec<Cluster>,
    /// Alias canonical names, in file order of first use.
    alias_names: Vec<String>,
    by_surname: HashMap<String, Vec<usize>>,
    name_index: HashMap<String, usize>,
}

/// Where the quotes of one form in one article went.
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
enum Target {
    Cluster(usize, Link),
    Unlinked,
}

impl<'a> Linker<'a> {
    fn new(ev: &'a Evidence, aliases: &'a Aliases) -> Linker<'a> {
        let mut names: Vec<NameInfo> = Vec::new();
        let mut name_index: HashMap<&str, usize> = HashMap::new();
        let mut forms = Vec::with_capacity(ev.forms.len());
        let mut alias_names: Vec<String> = Vec::new();
        for form in &ev.forms {
            let (name, title, mark) = identity::split_form(form);
            let n = *name_index.entry(name).or_insert_with(|| {
                let key = identity::speaker_key(name);
                let alias = aliases.canonical_of(&key).map(|c| {
                    alias_names.iter().position(|a| a == c).unwrap_or_else(|| {
                        alias_names.push(c.to_string());
                        alias_names.len() - 1
                    })
                });
                names.push(NameInfo {
                    name: name.to_string(),
                    parts: names::parse(name),
                    isolated: aliases.isolates(&key),
                    key,
                    quotes: 0,
                    marks: [0; 3],
                    alias,
                    item: None,
                });
                names.len() - 1
            });
            let parts = names[n].parts.as_ref();
            let (title_role, name_role) = (names::role_of_title(title), parts.and_then(|p| p.role));
            let name_mark = parts.and_then(|p| p.mark);
            forms.push(FormInfo {
                name: n,
                role: title_role.or(name_role),
                mark: mark.or(name_mark),
                conflicted: conflict(title_role, name_role) || conflict(mark, name_mark),
            });
        }
        for a in &ev.articles {
            for &(f, n) in &a.quotes {
                let form = &forms[f as usize];
                let info = &mut names[form.name];
                info.quotes += u64::from(n);
                if let Some(m) = form.mark {
                    info.marks[m as usize] += u64::from(n);
                }
            }
        }
        let name_index = names
            .iter()
            .enumerate()
            .map(|(i, n)| (n.name.clone(), i))
            .collect();
        Linker {
            ev,
            aliases,
            name_index,
            names,
            forms,
            items: Vec::new(),
            clusters: Vec::new(),
            alias_names,
            by_surname: HashMap::new(),
        }
    }

    fn run(mut self) -> Vec<Row> {
        self.make_items();
        self.cluster();
        self.cluster_stats();
        let targets = self.link_surnames();
        self.rows(&targets)
    }

    /// Group full names into items; alias canonicals become items without quotes.
    fn make_items(&mut self) {
        let mut by_words: HashMap<String, usize> = HashMap::new();
        for (a, canonical) in self.alias_names.iter().enumerate() {
            let Some(parts) = names::parse(canonical).filter(|p| p.shape == Shape::Full) else {
                continue;
            };
            self.items.push(Item {
                key: identity::speaker_key(&parts.words()),
                parts,
                names: Vec::new(),
                quotes: 0,
                gender: None,
                alias: Some(a),
                cluster: usize::MAX,
            });
        }
        // A name read by skipping unknown words in front (`Drugs Joseph R Biden`) is that
        // reading only when the corpus has the name without them; else the skipped word
        // is the given name (`Brannock Quentin Hale`).
        let clean: HashSet<String> = self
            .names
            .iter()
            .filter_map(|n| n.parts.as_ref())
            .filter(|p| p.shape == Shape::Full && p.skipped.is_empty())
            .map(NameParts::words)
            .collect();
        for n in 0..self.names.len() {
            let info = &self.names[n];
            if info.alias.is_some() || info.isolated {
                continue;
            }
            let Some(parts) = info.parts.as_ref().filter(|p| p.shape == Shape::Full) else {
                continue;
            };
            let unskipped;
            let parts = if parts.skipped.is_empty() || clean.contains(&parts.words()) {
                parts
            } else {
                unskipped = parts.unskipped();
                &unskipped
            };
            let words = parts.words();
            let i = match by_words.get(&words) {
                Some(&i) => i,
                None => {
                    self.items.push(Item {
                        key: identity::speaker_key(&words),
                        parts: parts.clone(),
                        names: Vec::new(),
                        quotes: 0,
                        gender: None,
                        alias: None,
                        cluster: usize::MAX,
                    });
                    by_words.insert(words, self.items.len() - 1);
                    self.items.len() - 1
                }
            };
            self.items[i].names.push(n);
            self.items[i].quotes += info.quotes;
            self.names[n].item = Some(i);
        }
        for item in &mut self.items {
            let mut marks = [0u64; 3];
            for &n in &item.names {
                for (m, c) in marks.iter_mut().zip(self.names[n].marks) {
                    *m += c;
                }
            }
            item.gender = item
                .parts
                .given_gender()
                .or_else(|| gender_of_marks(&marks));
        }
    }

    fn compatible(&self, i: usize, c: usize) -> bool {
        let item = &self.items[i];
        let cluster = &self.clusters[c];
        if conflict(item.gender, cluster.gender) {
            return false;
        }
        cluster.natural.iter().all(|&m| {
            let other = &self.items[m];
            given_match(&item.parts.given, &other.parts.given).is_some()
                && middles_match(&item.parts.middles, &other.parts.middles)
                && !self.aliases.forbids(&item.key, &other.key)
        })
    }

    fn cluster(&mut self) {
        let nick = |g: &str| {
            let t = names::nicknames();
            !t.nicks.contains_key(g) && t.formals.contains_key(g)
        };
        let mut order: Vec<usize> = (0..self.items.len()).collect();
        order.sort_by(|&a, &b| {
            let (x, y) = (&self.items[a], &self.items[b]);
            y.alias
                .is_some()
                .cmp(&x.alias.is_some())
                .then(y.parts.middles.len().cmp(&x.parts.middles.len()))
                .then(nick(&x.parts.given).cmp(&nick(&y.parts.given)))
                .then(y.quotes.cmp(&x.quotes))
                .then(x.parts.words().cmp(&y.parts.words()))
        });
        let mut groups: HashMap<(String, Option<String>), Vec<usize>> = HashMap::new();
        for i in order {
            let group = (
                self.items[i].parts.surname.clone(),
                self.items[i].parts.suffix.clone(),
            );
            let existing = groups.get(&group).cloned().unwrap_or_default();
            let fits: Vec<usize> = if self.items[i].alias.is_some() {
                Vec::new()
            } else {
                existing
                    .iter()
                    .copied()
                    .filter(|&c| !self.clusters[c].ambiguous && self.compatible(i, c))
                    .collect()
            };
            let c = match fits.as_slice() {
                [c] => *c,
                _ => {
                    self.clusters.push(Cluster {
                        natural: Vec::new(),
                        alias: self.items[i].alias,
                        ambiguous: fits.len() > 1,
                        surname: group.0.clone(),
                        suffix: group.1.clone(),
                        quotes: 0,
                        articles: 0,
                        gender: None,
                        roles: Vec::new(),
                    });
                    groups
                        .entry(group)
                        .or_default()
                        .push(self.clusters.len() - 1);
                    self.clusters.len() - 1
                }
            };
            self.clusters[c].natural.push(i);
            if self.clusters[c].gender.is_none() {
                self.clusters[c].gender = self.items[i].gender;
            }
            self.items[i].cluster = c;
        }
        for (c, cluster) in self.clusters.iter().enumerate() {
            if !cluster.ambiguous {
                self.by_surname
                    .entry(cluster.surname.clone())
                    .or_default()
                    .push(c);
            }
        }
    }

    fn cluster_of_form(&self, f: usize) -> Option<usize> {
        let n = &self.names[self.forms[f].name];
        n.item.map(|i| self.items[i].cluster)
    }

    /// Quotes, articles and roles of each person under its full names.
    fn cluster_stats(&mut self) {
        let mut role_counts: Vec<BTreeMap<Role, u64>> = vec![BTreeMap::new(); self.clusters.len()];
        let mut role_total = vec![0u64; self.clusters.len()];
        for a in &self.ev.articles {
            let mut seen: Vec<usize> = Vec::new();
            for &(f, n) in &a.quotes {
                let Some(c) = self.cluster_of_form(f as usize) else {
                    continue;
                };
                self.clusters[c].quotes += u64::from(n);
                if !seen.contains(&c) {
                    seen.push(c);
                    self.clusters[c].articles += 1;
                }
                if let Some(r) = self.forms[f as usize].role {
                    *role_counts[c].entry(r).or_default() += u64::from(n);
                    role_total[c] += u64::from(n);
                }
            }
        }
        for (c, counts) in role_counts.into_iter().enumerate() {
            // A role seen in a tenth of a person's titled quotes is theirs; a stray one is
            // the extractor's slip (Ken Salazar called `Rep.` in two of 1,650 quotes).
            let total = role_total[c];
            self.clusters[c].roles = counts
                .into_iter()
                .filter(|&(_, n)| n * 10 >= total)
                .map(|(r, _)| r)
                .collect();
        }
    }

    /// Can surname form `f` be person `c`?
    fn fits(&self, f: usize, c: usize) -> bool {
        let form = &self.forms[f];
        let cluster = &self.clusters[c];
        let name = &self.names[form.name];
        !conflict(form.mark.and_then(mark_gender), cluster.gender)
            && !role_unknown(form.role, &cluster.roles)
            && !cluster
                .natural
                .iter()
                .any(|&i| self.aliases.forbids(&name.key, &self.items[i].key))
    }

    /// Person candidates for surname form `f`: same surname, and the same suffix if it has one.
    fn candidates(&self, f: usize) -> Vec<usize> {
        let Some(parts) = self.names[self.forms[f].name].parts.as_ref() else {
            return Vec::new();
        };
        self.by_surname
            .get(&parts.surname)
            .into_iter()
            .flatten()
            .copied()
            .filter(|&c| parts.suffix.is_none() || self.clusters[c].suffix == parts.suffix)
            .collect()
    }

    /// The one person holding ≥ [`SHARE`] of `counts` (and `min` quotes), if any.
    fn dominant(counts: &[(usize, u64)], min: u64) -> Option<usize> {
        let total: u64 = counts.iter().map(|c| c.1).sum();
        let (c, top) = counts
            .iter()
            .copied()
            .max_by_key(|&(c, n)| (n, std::cmp::Reverse(c)))?;
        (top >= min && top as f64 >= SHARE * total as f64).then_some(c)
    }

    /// Decide every (surname form, article) pair.
    fn link_surnames(&self) -> HashMap<(usize, usize), Target> {
        let mut out = HashMap::new();
        let is_surname_form = |f: usize| {
            let n = &self.names[self.forms[f].name];
            n.alias.is_none()
                && !n.isolated
                && n.parts.as_ref().is_some_and(|p| p.shape == Shape::Surname)
        };
        // Outlets: full-name quotes per person, and (date, person, quotes) in date order.
        let article_outlet: Vec<usize> =
            self.ev.articles.iter().map(|a| a.outlet as usize).collect();
        let mut outlets = Outlets::default();
        // Full-name people quoted in each article.
        let mut in_article: Vec<Vec<usize>> = vec![Vec::new(); self.ev.articles.len()];
        for (ai, a) in self.ev.articles.iter().enumerate() {
            for &(f, n) in &a.quotes {
                let Some(c) = self.cluster_of_form(f as usize) else {
                    continue;
                };
                if self.clusters[c].ambiguous {
                    continue;
                }
                *outlets.counts.entry((article_outlet[ai], c)).or_default() += u64::from(n);
                if let Some(d) = a.date {
                    outlets
                        .dated
                        .entry((article_outlet[ai], self.clusters[c].surname.clone()))
                        .or_default()
                        .push((d, c, u64::from(n)));
                }
                if !in_article[ai].contains(&c) {
                    in_article[ai].push(c);
                }
            }
        }
        for v in outlets.dated.values_mut() {
            v.sort_unstable();
        }
        let mut dominant_cache: HashMap<usize, Option<usize>> = HashMap::new();
        for (ai, a) in self.ev.articles.iter().enumerate() {
            for &(f, _) in &a.quotes {
                let f = f as usize;
                if !is_surname_form(f) {
                    continue;
                }
                let target = if self.forms[f].mark == Some(Mark::Neuter) || self.forms[f].conflicted
                {
                    Target::Unlinked
                } else {
                    self.decide(f, ai, &in_article[ai], &outlets, &mut dominant_cache)
                };
                out.insert((f, ai), target);
            }
        }
        out
    }

    fn decide(
        &self,
        f: usize,
        ai: usize,
        in_article: &[usize],
        outlets: &Outlets,
        dominant_cache: &mut HashMap<usize, Option<usize>>,
    ) -> Target {
        let outlet = self.ev.articles[ai].outlet as usize;
        let cands = self.candidates(f);
        if cands.is_empty() {
            return Target::Unlinked;
        }
        let form = &self.forms[f];
        let parts = match self.names[form.name].parts.as_ref() {
            Some(p) => p,
            None => return Target::Unlinked,
        };
        let article = &self.ev.articles[ai];
        // The article quotes people with this surname in full.
        let here: Vec<usize> = cands
            .iter()
            .copied()
            .filter(|c| in_article.contains(c) && self.fits(f, *c))
            .collect();
        match here.as_slice() {
            [c] => return Target::Cluster(*c, Link::SurnameInArticle),
            [] => {}
            _ => return Target::Unlinked,
        }
        // The byline names the surname.
        if let Some(byline) = Byline::read(&self.ev.outlets[outlet], &parts.surname) {
            if !conflict(form.role, byline.role) {
                let fitting: Vec<usize> = cands
                    .iter()
                    .copied()
                    .filter(|&c| {
                        !role_conflict(byline.role, &self.clusters[c].roles)
                            && (byline.given.is_empty()
                                || self.clusters[c].natural.iter().any(|&i| {
                                    byline.given.iter().any(|g| {
                                        given_match(g, &self.items[i].parts.given).is_some()
                                    })
                                }))
                    })
                    .collect();
                let mut counts: Vec<(usize, u64)> = fitting
                    .iter()
                    .map(|&c| (c, outlets.counts.get(&(outlet, c)).copied().unwrap_or(0)))
                    .collect();
                if counts.iter().all(|c| c.1 == 0) {
                    counts = fitting
                        .iter()
                        .map(|&c| (c, self.clusters[c].quotes))
                        .collect();
                }
                if let Some(c) = Self::dominant(&counts, 1) {
                    if self.fits(f, c) {
                        return Target::Cluster(c, Link::SurnameInByline);
                    }
                }
            }
        }
        let form_gender = form.mark.and_then(mark_gender);
        let not_other_gender = |c: &usize| !conflict(form_gender, self.clusters[*c].gender);
        // The same outlet quotes one person with this surname in full around that time.
        if let (Some(day), Some(dated)) = (
            article.date,
            outlets.dated.get(&(outlet, parts.surname.clone())),
        ) {
            let window = PERIOD_DAYS * 86_400;
            let from = dated.partition_point(|x| x.0 < day - window);
            let mut counts: BTreeMap<usize, u64> = BTreeMap::new();
            for &(d, c, n) in &dated[from..] {
                if d > day + window {
                    break;
                }
                if cands.contains(&c) && not_other_gender(&c) {
                    *counts.entry(c).or_default() += n;
                }
            }
            let counts: Vec<(usize, u64)> = counts.into_iter().collect();
            if let Some(c) = Self::dominant(&counts, NEARBY_MIN_QUOTES) {
                if self.fits(f, c) {
                    return Target::Cluster(c, Link::SurnameInPeriod);
                }
            }
        }
        // One person holds nearly all full-name quotes with this surname.
        let dominant = *dominant_cache.entry(f).or_insert_with(|| {
            let counts: Vec<(usize, u64)> = cands
                .iter()
                .copied()
                .filter(not_other_gender)
                .map(|c| (c, self.clusters[c].quotes))
                .collect();
            let min = match names::is_known_given(&parts.surname) {
                true => DOMINANT_MIN_QUOTES_GIVEN,
                false => DOMINANT_MIN_QUOTES,
            };
            Self::dominant(&counts, min)
                .filter(|&c| self.clusters[c].articles >= DOMINANT_MIN_ARTICLES && self.fits(f, c))
        });
        match dominant {
            Some(c) => Target::Cluster(c, Link::SurnameDominant),
            None => Target::Unlinked,
        }
    }

    fn rows(&self, targets: &HashMap<(usize, usize), Target>) -> Vec<Row> {
        // Row of every cluster, then of unlinked surnames and of other names.
        #[derive(Default)]
        struct Acc {
            kind: Option<RowKind>,
            surname: String,
            suffix: Option<String>,
            members: Vec<String>,
            quotes: u64,
            articles: HashSet<usize>,
            first: Option<i64>,
            last: Option<i64>,
            variants: BTreeMap<(String, Option<Link>), u64>,
            names: Vec<String>,
            /// form → link → articles
            forms: BTreeMap<usize, BTreeMap<Option<Link>, Vec<usize>>>,
            alias: Option<usize>,
        }
        let mut accs: Vec<Acc> = Vec::new();
        let mut row_of_cluster = vec![usize::MAX; self.clusters.len()];
        let mut row_of_key: HashMap<String, usize> = HashMap::new();
        for (c, cluster) in self.clusters.iter().enumerate() {
            row_of_cluster[c] = accs.len();
            accs.push(Acc {
                kind: Some(if cluster.ambiguous {
                    RowKind::Ambiguous
                } else {
                    RowKind::Person
                }),
                surname: cluster.surname.clone(),
                suffix: cluster.suffix.clone(),
                members: cluster
                    .natural
                    .iter()
                    .map(|&i| {
                        let p = &self.items[i].parts;
                        std::iter::once(p.given.as_str())
                            .chain(p.middles.iter().map(String::as_str))
                            .collect::<Vec<_>>()
                            .join(" ")
                    })
                    .collect(),
                alias: cluster.alias,
                ..Default::default()
            });
        }
        // Alias groups whose canonical is no full name (`Pentagon`) get a row of their own.
        let mut row_of_alias: HashMap<usize, usize> = HashMap::new();
        for (r, acc) in accs.iter().enumerate() {
            if let Some(a) = acc.alias {
                row_of_alias.insert(a, r);
            }
        }
        // The row every name goes to when it is not decided per article.
        let name_row = |n: usize,
                        accs: &mut Vec<Acc>,
                        row_of_key: &mut HashMap<String, usize>,
                        row_of_alias: &mut HashMap<usize, usize>|
         -> (usize, Option<Link>) {
            let info = &self.names[n];
            if let Some(a) = info.alias {
                let r = *row_of_alias.entry(a).or_insert_with(|| {
                    let canonical = &self.alias_names[a];
                    let parts = names::parse(canonical);
                    accs.push(Acc {
                        kind: Some(RowKind::Person),
                        surname: parts
                            .as_ref()
                            .map(|p| p.surname.clone())
                            .unwrap_or_default(),
                        suffix: parts.and_then(|p| p.suffix),
                        alias: Some(a),
                        ..Default::default()
                    });
                    accs.len() - 1
                });
                return (r, Some(Link::Alias));
            }
            if let Some(i) = info.item.filter(|_| !info.isolated) {
                let c = self.items[i].cluster;
                let r = row_of_cluster[c];
                // The same given name as the person's most quoted name (the one shown), or
                // a nickname of it.
                let shown = self.clusters[c]
                    .natural
                    .iter()
                    .max_by_key(|&&m| (self.items[m].quotes, std::cmp::Reverse(m)))
                    .map_or("", |&m| self.items[m].parts.given.as_str());
                let link = match self.clusters[c].ambiguous {
                    true => None,
                    false if shown == self.items[i].parts.given => Some(Link::SameName),
                    false => Some(Link::Nickname),
                };
                return (r, link);
            }
            // Unlinked surnames group by surname; anything else by key.
            let (kind, group) = match info.parts.as_ref() {
                Some(p) if p.shape == Shape::Surname && !info.isolated => (
                    RowKind::Surname,
                    format!("{}\u{1f}{}", p.surname, p.suffix.as_deref().unwrap_or("")),
                ),
                _ => (RowKind::Name, info.key.clone()),
            };
            let r = *row_of_key.entry(group).or_insert_with(|| {
                let parts = info.parts.as_ref();
                accs.push(Acc {
                    kind: Some(kind),
                    surname: parts.map(|p| p.surname.clone()).unwrap_or_default(),
                    suffix: parts.and_then(|p| p.suffix.clone()),
                    ..Default::default()
                });
                accs.len() - 1
            });
            (r, None)
        };
        // Names whose forms all go to one row with one link in every article: name level.
        let mut name_target: HashMap<usize, Option<(usize, Option<Link>)>> = HashMap::new();
        let mut form_article_target: Vec<(usize, usize, usize, Option<Link>, u32)> = Vec::new();
        for (ai, a) in self.ev.articles.iter().enumerate() {
            for &(f, n) in &a.quotes {
                let f = f as usize;
                let name = self.forms[f].name;
                let (r, link) = match targets.get(&(f, ai)) {
                    Some(Target::Cluster(c, link)) => (row_of_cluster[*c], Some(*link)),
                    Some(Target::Unlinked) | None => {
                        name_row(name, &mut accs, &mut row_of_key, &mut row_of_alias)
                    }
                };
                let slot = name_target.entry(name).or_insert(Some((r, link)));
                if *slot != Some((r, link)) {
                    *slot = None;
                }
                form_article_target.push((f, ai, r, link, n));
            }
        }
        for &(f, ai, r, link, n) in &form_article_target {
            let name = self.forms[f].name;
            let info = &self.names[name];
            let acc = &mut accs[r];
            let n64 = u64::from(n);
            acc.quotes += n64;
            acc.articles.insert(ai);
            if let Some(d) = self.ev.articles[ai].date {
                acc.first = Some(acc.first.map_or(d, |x| x.min(d)));
                acc.last = Some(acc.last.map_or(d, |x| x.max(d)));
            }
            *acc.variants.entry((info.name.clone(), link)).or_default() += n64;
            if name_target[&name].is_none() {
                acc.forms
                    .entry(f)
                    .or_default()
                    .entry(link)
                    .or_default()
                    .push(ai);
            }
        }
        for (&name, target) in &name_target {
            if let Some((r, _)) = target {
                accs[*r].names.push(self.names[name].name.clone());
            }
        }
        // Forms of a name split across rows: articles of each (form, link) in a row.
        let form_articles: HashMap<usize, Vec<usize>> = {
            let mut m: HashMap<usize, Vec<usize>> = HashMap::new();
            for &(f, ai, ..) in &form_article_target {
                m.entry(f).or_default().push(ai);
            }
            for v in m.values_mut() {
                v.sort_unstable();
                v.dedup();
            }
            m
        };
        let mut rows: Vec<Row> = Vec::new();
        for acc in accs {
            if acc.quotes == 0 {
                continue;
            }
            // Display name: the most quoted name written cleanly in the row's own shape (a
            // full name for a person, no junk in front), else the most quoted name.
            let kind = acc.kind.unwrap_or(RowKind::Name);
            let mut display: Vec<(bool, u64, &str)> = Vec::new();
            for ((name, _), &n) in &acc.variants {
                match display.iter_mut().find(|d| d.2 == name) {
                    Some(d) => d.1 += n,
                    None => {
                        let clean = self.name_index.get(name.as_str()).is_some_and(|&i| {
                            self.names[i].parts.as_ref().is_some_and(|p| {
                                !p.dropped
                                    && match kind {
                                        RowKind::Person | RowKind::Ambiguous => {
                                            p.shape == Shape::Full
                                        }
                                        RowKind::Surname => p.shape == Shape::Surname,
                                        RowKind::Name => true,
                                    }
                            })
                        });
                        display.push((clean, n, name));
                    }
                }
            }
            display.sort_by(|a, b| b.0.cmp(&a.0).then(b.1.cmp(&a.1)).then(a.2.cmp(b.2)));
            let name = match acc.alias {
                Some(a) => self.alias_names[a].clone(),
                None => display.first().map(|d| d.2.to_string()).unwrap_or_default(),
            };
            let mut variants: Vec<Variant> = acc
                .variants
                .into_iter()
                .map(|((name, link), quotes)| Variant { name, quotes, link })
                .collect();
            variants.sort_by(|a, b| b.quotes.cmp(&a.quotes).then(a.name.cmp(&b.name)));
            let mut forms = Vec::new();
            for (f, by_link) in acc.forms {
                let all: &[usize] = form_articles.get(&f).map_or(&[], Vec::as_slice);
                let ids = |list: &mut dyn Iterator<Item = &usize>| -> Vec<String> {
                    list.map(|&ai| self.ev.articles[ai].id.clone()).collect()
                };
                for (link, mut articles) in by_link {
                    articles.sort_unstable();
                    articles.dedup();
                    // Whichever list is shorter: the articles, or all the others.
                    let scope = if articles.len() == all.len() {
                        Scope::All
                    } else if articles.len() * 2 <= all.len() {
                        Scope::Only(ids(&mut articles.iter()))
                    } else {
                        Scope::Except(ids(&mut all
                            .iter()
                            .filter(|ai| articles.binary_search(ai).is_err())))
                    };
                    forms.push(FormLink {
                        form: self.ev.forms[f].clone(),
                        link,
                        scope,
                    });
                }
            }
            let mut names = acc.names;
            names.sort();
            rows.push(Row {
                id: String::new(),
                name,
                kind: acc.kind.unwrap_or(RowKind::Name),
                surname: acc.surname,
                suffix: acc.suffix,
                members: acc.members,
                quotes: acc.quotes,
                articles: acc.articles.len() as u64,
                first: acc.first,
                last: acc.last,
                variants,
                names,
                forms,
            });
        }
        rows.sort_by(|a, b| b.quotes.cmp(&a.quotes).then(a.name.cmp(&b.name)));
        assign_ids(&mut rows);
        rows
    }
}

/// Full-name quotes per outlet: per (outlet, person), and per (outlet, surname) as
/// (date, person, quotes) in date order.
#[derive(Default)]
struct Outlets {
    counts: HashMap<(usize, usize), u64>,
    dated: HashMap<(usize, String), Vec<Dated>>,
}

/// Unix seconds, person, quotes.
type Dated = (i64, usize, u64);

/// What an article's metadata says about a surname: it names it (`Office of Sen.
/// Mikulski`, or run together with a given name as in `BillNelson`), with the role and
/// given names it shows.
struct Byline {
    role: Option<Role>,
    given: Vec<String>,
}

impl Byline {
    fn read(meta: &[String], surname: &str) -> Option<Byline> {
        let words: Vec<&str> = surname.split(' ').collect();
        let mut given: Vec<String> = Vec::new();
        let mut named = words.iter().all(|w| meta.iter().any(|m| m == w));
        if !named && words.len() == 1 {
            for m in meta {
                if let Some(g) = m.strip_suffix(surname).filter(|g| !g.is_empty()) {
                    if names::is_known_given(g) {
                        named = true;
                        given.push(g.to_string());
                    }
                }
            }
        }
        if !named {
            return None;
        }
        for m in meta {
            if !words.contains(&m.as_str()) && m.len() > 1 && names::is_known_given(m) {
                given.push(m.clone());
            }
        }
        Some(Byline {
            role: names::role_of_words(meta.iter().map(String::as_str)),
            given,
        })
    }
}

/// Stable ids: the person's formal given name, middle initials and surname (`charles-e-
/// grassley`), or the name itself; the more quoted row keeps the plain id on a clash.
fn assign_ids(rows: &mut [Row]) {
    let mut taken: HashSet<String> = HashSet::new();
    for row in rows.iter_mut() {
        let base = match row.kind {
            RowKind::Person | RowKind::Ambiguous if !row.members.is_empty() => {
                let first = &row.members[0];
                let mut words: Vec<String> = first.split(' ').map(str::to_string).collect();
                words[0] = names::formal_of(&words[0]).to_string();
                for w in words.iter_mut().skip(1) {
                    w.truncate(w.chars().next().map_or(0, char::len_utf8));
                }
                words.push(row.surname.clone());
                words.extend(row.suffix.clone());
                words.join(" ")
            }
            RowKind::Surname => {
                let mut w = row.surname.clone();
                if let Some(s) = &row.suffix {
                    w.push(' ');
                    w.push_str(s);
                }
                w
            }
            _ => identity::speaker_key(&row.name),
        };
        let slug: String = base
            .chars()
            .map(|c| if c.is_ascii_alphanumeric() { c } else { '-' })
            .collect::<String>()
            .split('-')
            .filter(|s| !s.is_empty())
            .collect::<Vec<_>>()
            .join("-");
        let slug = if slug.is_empty() {
            "x".to_string()
        } else {
            slug
        };
        let mut id = slug.clone();
        let mut n = 2;
        while !taken.insert(id.clone()) {
            id = format!("{slug}-{n}");
            n += 1;
        }
        row.id = id;
    }
}
