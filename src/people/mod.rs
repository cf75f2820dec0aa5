//! The people table: one row per person across the corpus, so that `--by "Barbara
//! Mikulski"` finds her quotes under `Mikulski`, `Senators Mikulski` and `Barbara
//! Mikulski` alike.
//!
//! **What it is.** A list of rows ([`Row`]): a person (full names linked by
//! [`link`]), a name that fits several people (`George Bush` beside `George W. Bush` and
//! `George H. W. Bush`), a surname no evidence links to anyone (`Kennedy`), or another name.
//! Each row names the quotes it holds by the speaker names the index stores (`speaker_name`
//! terms) and, for surnames that are linked article by article, by speaker forms
//! (`speaker_form` terms: name, title, gender shown) limited to lists of article ids. So
//! linking never rewrites a quote document: a query for a person is a set of terms.
//!
//! **Where it lives.** `people.jsonl` in the index directory: a header line (the linker
//! version, the alias file's fingerprint and the index segments it was computed from), then
//! one JSON line per row, most quoted first. A file, not documents in the index, because it
//! is derived: it is recomputed from what the index holds (no file is read again), it can
//! be replaced whole without a tantivy commit, merges or deletes, and the writer pipeline
//! needs no second phase.
//!
//! **When it is rebuilt.** `quotebook index` rebuilds it at the end of every run that
//! changed the index's segments (or the alias file, or this linker), and `quotebook index
//! --relink` does so alone; a run with no changes only compares the header. A reader that
//! finds the file missing or behind the index (a run killed between its commit and the
//! relink, or `serve` seeing a commit of a run still going) computes the table in memory
//! instead, so answers are never those of an older index.

pub mod link;
pub mod names;
pub mod scan;

use crate::error::{Error, Result};
use crate::identity::{self, Aliases};
use crate::index::schema::Fields;
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use std::io::{BufRead, Write};
use std::path::{Path, PathBuf};
use tantivy::query::{BooleanQuery, Occur, Query, TermQuery, TermSetQuery};
use tantivy::schema::IndexRecordOption;
use tantivy::{Searcher, Term};

/// File name inside the index directory.
pub const FILE: &str = "people.jsonl";
/// Bump when linking changes what it decides: the next `index` rebuilds the table.
pub const LINKER_VERSION: u32 = 1;
const FORMAT: u32 = 1;

/// How a name was linked to its person.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Link {
    /// The person's own given name (titles, case, diacritics, middle names aside).
    SameName,
    /// A listed familiar form of the given name (`Chuck` for `Charles`).
    Nickname,
    /// A surname alone, in an article that quotes the person in full.
    SurnameInArticle,
    /// A surname alone, in an article whose source or author metadata names it.
    SurnameInByline,
    /// A surname alone, where the same outlet quotes the person in full that month.
    SurnameInPeriod,
    /// A surname alone, and the person holds nearly all full-name quotes with it.
    SurnameDominant,
    /// The alias file says so.
    Alias,
}

impl Link {
    pub fn as_str(self) -> &'static str {
        match self {
            Link::SameName => "same-name",
            Link::Nickname => "nickname",
            Link::SurnameInArticle => "surname-in-article",
            Link::SurnameInByline => "surname-in-byline",
            Link::SurnameInPeriod => "surname-in-period",
            Link::SurnameDominant => "surname-dominant",
            Link::Alias => "alias",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum RowKind {
    /// One person under all their linked names.
    Person,
    /// A full name that fits more than one person (`George Bush`).
    Ambiguous,
    /// A surname no evidence links to one person.
    Surname,
    /// Anything else: organisations, names that cannot be read.
    Name,
}

/// One name as written, how many quotes it has in this row, and how it was linked.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Variant {
    pub name: String,
    pub quotes: u64,
    pub link: Option<Link>,
}

/// Which articles' quotes of a form belong to a row.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Scope {
    All,
    Only(Vec<String>),
    Except(Vec<String>),
}

impl Scope {
    fn holds(&self, article_id: &str) -> bool {
        match self {
            Scope::All => true,
            Scope::Only(ids) => ids.iter().any(|i| i == article_id),
            Scope::Except(ids) => !ids.iter().any(|i| i == article_id),
        }
    }
}

/// The quotes of one speaker form in a row, in some articles or all.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FormLink {
    pub form: String,
    pub link: Option<Link>,
    pub scope: Scope,
}

/// One person (or unlinked name) of the table.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Row {
    /// Stable id: formal given name, middle initials, surname (`charles-e-grassley`).
    pub id: String,
    /// Display name: the person's most quoted full name as written.
    pub name: String,
    pub kind: RowKind,
    pub surname: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub suffix: Option<String>,
    /// Given and middle names of the full names that define the person (`joseph r`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub members: Vec<String>,
    pub quotes: u64,
    pub articles: u64,
    /// Unix seconds of the first and last dated quote.
    pub first: Option<i64>,
    pub last: Option<i64>,
    /// Names as written with counts and links, most quoted first.
    pub variants: Vec<Variant>,
    /// Speaker names all of whose quotes are this row's.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub names: Vec<String>,
    /// Speaker forms whose quotes are this row's in some articles.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub forms: Vec<FormLink>,
}

/// The first line of `people.jsonl`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Header {
    pub format: u32,
    pub linker: u32,
    /// Fingerprint of the alias file applied (0: none).
    pub aliases: u64,
    /// The alias file applied, so that a reader recomputing the table uses it too.
    #[serde(default)]
    pub aliases_path: Option<String>,
    /// (segment id, deleted documents) of the index the table was computed from.
    pub segments: Vec<(String, u32)>,
    pub rows: usize,
    pub built: String,
}

/// The table with its lookups.
#[derive(Debug, Default)]
pub struct People {
    pub rows: Vec<Row>,
    by_id: HashMap<String, usize>,
    by_surname: HashMap<String, Vec<usize>>,
    /// Name-level names → (row, link).
    by_name: HashMap<String, (usize, Option<Link>)>,
    /// Form → (row, index into its `forms`).
    by_form: HashMap<String, Vec<(usize, usize)>>,
    /// Keys of each row's names, made on the first prefix search.
    keys: std::sync::OnceLock<Vec<Vec<String>>>,
}

/// The segments of an open index, as recorded in the header.
pub fn signature(searcher: &Searcher) -> Vec<(String, u32)> {
    let mut s: Vec<(String, u32)> = searcher
        .segment_readers()
        .iter()
        .map(|r| (r.segment_id().uuid_string(), r.num_deleted_docs()))
        .collect();
    s.sort();
    s
}

impl People {
    pub fn new(rows: Vec<Row>) -> People {
        let mut p = People {
            rows,
            ..Default::default()
        };
        for (r, row) in p.rows.iter().enumerate() {
            p.by_id.insert(row.id.clone(), r);
            p.by_surname.entry(row.surname.clone()).or_default().push(r);
            for name in &row.names {
                let link = row
                    .variants
                    .iter()
                    .find(|v| &v.name == name)
                    .and_then(|v| v.link);
                p.by_name.insert(name.clone(), (r, link));
            }
            for (i, f) in row.forms.iter().enumerate() {
                p.by_form.entry(f.form.clone()).or_default().push((r, i));
            }
        }
        p
    }

    /// Compute the table from an open index.
    pub fn compute(searcher: &Searcher, f: &Fields, aliases: &Aliases) -> Result<People> {
        let evidence = scan::gather(searcher, f)?;
        Ok(People::new(link::link(&evidence, aliases)))
    }

    pub fn by_id(&self, id: &str) -> Option<usize> {
        self.by_id.get(id).copied()
    }

    /// The row (and link) of one quote, from its stored speaker fields.
    pub fn row_of_quote(
        &self,
        name: &str,
        title: Option<&str>,
        mention: Option<&str>,
        article_id: &str,
    ) -> Option<(usize, Option<Link>)> {
        if let Some(&hit) = self.by_name.get(name) {
            return Some(hit);
        }
        let form = identity::speaker_form(name, title, mention);
        self.by_form.get(&form)?.iter().find_map(|&(r, i)| {
            let fl = &self.rows[r].forms[i];
            fl.scope.holds(article_id).then_some((r, fl.link))
        })
    }

    /// The rows a name typed by a user stands for, most quoted first. A surname alone (or
    /// a one-word name) is every row with that surname; a full name is the person who has
    /// exactly that name, else every person it fits (nicknames, middle initials).
    pub fn resolve(&self, typed: &str) -> Vec<usize> {
        let Some(parts) = names::parse(typed) else {
            return Vec::new();
        };
        let same_surname: Vec<usize> = self
            .by_surname
            .get(&parts.surname)
            .cloned()
            .unwrap_or_default();
        let mut out: Vec<usize> = match parts.shape {
            names::Shape::Surname => same_surname
                .iter()
                .copied()
                .filter(|&r| parts.suffix.is_none() || self.rows[r].suffix == parts.suffix)
                .collect(),
            names::Shape::Full => {
                let found = self.resolve_full(&parts, &same_surname);
                if found.is_empty() && !parts.skipped.is_empty() {
                    self.resolve_full(&parts.unskipped(), &same_surname)
                } else {
                    found
                }
            }
            names::Shape::Other => Vec::new(),
        };
        if out.is_empty() {
            // Anything else: the rows holding a name with the same key.
            let key = identity::speaker_key(typed);
            out = same_surname
                .iter()
                .copied()
                .filter(|&r| {
                    self.rows[r]
                        .variants
                        .iter()
                        .any(|v| identity::speaker_key(&v.name) == key)
                })
                .collect();
        }
        out.sort_by(|&a, &b| {
            self.rows[b]
                .quotes
                .cmp(&self.rows[a].quotes)
                .then(a.cmp(&b))
        });
        out.dedup();
        out
    }

    fn resolve_full(&self, typed: &names::NameParts, rows: &[usize]) -> Vec<usize> {
        let words = typed.words();
        let fits = |r: usize| -> bool {
            let row = &self.rows[r];
            matches!(row.kind, RowKind::Person | RowKind::Ambiguous)
                && row.suffix == typed.suffix
                && !row.members.is_empty()
                && row.members.iter().all(|m| {
                    let mut it = m.split(' ');
                    let given = it.next().unwrap_or("");
                    let middles: Vec<String> = it.map(str::to_string).collect();
                    names::given_match(&typed.given, given).is_some()
                        && names::middles_match(&typed.middles, &middles)
                })
        };
        // A row with exactly this name (as parts) wins, unless it is ambiguous itself.
        let exact: Vec<usize> = rows
            .iter()
            .copied()
            .filter(|&r| {
                matches!(self.rows[r].kind, RowKind::Person | RowKind::Ambiguous)
                    && self.rows[r].variants.iter().any(|v| {
                        names::parse(&v.name)
                            .is_some_and(|p| p.shape == names::Shape::Full && p.words() == words)
                    })
            })
            .collect();
        if let Some(&r) = exact
            .iter()
            .find(|&&r| self.rows[r].kind == RowKind::Person)
        {
            return vec![r];
        }
        let mut out: Vec<usize> = rows.iter().copied().filter(|&r| fits(r)).collect();
        out.extend(exact);
        out
    }

    /// The query for the quotes of row `r`.
    pub fn row_query(&self, r: usize, f: &Fields) -> Box<dyn Query> {
        let row = &self.rows[r];
        let mut should: Vec<(Occur, Box<dyn Query>)> = Vec::new();
        if !row.names.is_empty() {
            should.push((
                Occur::Should,
                Box::new(TermSetQuery::new(
                    row.names
                        .iter()
                        .map(|n| Term::from_field_text(f.speaker_name, n)),
                )),
            ));
        }
        for fl in &row.forms {
            let form: Box<dyn Query> = Box::new(TermQuery::new(
                Term::from_field_text(f.speaker_form, &fl.form),
                IndexRecordOption::Basic,
            ));
            let ids = |ids: &[String]| -> Box<dyn Query> {
                Box::new(TermSetQuery::new(
                    ids.iter().map(|i| Term::from_field_text(f.article_id, i)),
                ))
            };
            let q: Box<dyn Query> = match &fl.scope {
                Scope::All => form,
                Scope::Only(list) => Box::new(BooleanQuery::new(vec![
                    (Occur::Must, form),
                    (Occur::Must, ids(list)),
                ])),
                Scope::Except(list) => Box::new(BooleanQuery::new(vec![
                    (Occur::Must, form),
                    (Occur::MustNot, ids(list)),
                ])),
            };
            should.push((Occur::Should, q));
        }
        if should.is_empty() {
            return Box::new(tantivy::query::EmptyQuery);
        }
        Box::new(BooleanQuery::new(should))
    }

    /// Rows (most quoted first, at most `limit`) with a name of which a word starts with
    /// the key `prefix`.
    pub fn with_word_prefix(&self, prefix: &str, limit: usize) -> Vec<usize> {
        let keys = self.keys.get_or_init(|| {
            self.rows
                .iter()
                .map(|r| {
                    let mut k: Vec<String> = std::iter::once(&r.name)
                        .chain(r.variants.iter().map(|v| &v.name))
                        .map(|n| identity::speaker_key(n))
                        .collect();
                    k.sort();
                    k.dedup();
                    k
                })
                .collect()
        });
        let inner = format!(" {prefix}");
        (0..self.rows.len())
            .filter(|&r| {
                keys[r]
                    .iter()
                    .any(|k| k.starts_with(prefix) || k.contains(&inner))
            })
            .take(limit)
            .collect()
    }

    /// Surname rows that may hold quotes of person row `r`: the same surname, unlinked.
    pub fn unlinked_namesakes(&self, r: usize) -> Vec<usize> {
        let row = &self.rows[r];
        if row.kind != RowKind::Person {
            return Vec::new();
        }
        self.by_surname
            .get(&row.surname)
            .into_iter()
            .flatten()
            .copied()
            .filter(|&o| o != r && self.rows[o].kind == RowKind::Surname)
            .collect()
    }

    /// Persons sharing row `r`'s surname (for "several people share that name").
    pub fn people_with_surname(&self, surname: &str) -> usize {
        self.by_surname
            .get(surname)
            .into_iter()
            .flatten()
            .filter(|&&o| self.rows[o].kind == RowKind::Person)
            .count()
    }
}

/// Read `people.jsonl`: the header, and the rows when `rows` is true. `None` when there is
/// no file or it is not one this version writes.
pub fn read(index_dir: &Path, rows: bool) -> Result<Option<(Header, Vec<Row>)>> {
    let path = index_dir.join(FILE);
    let file = match std::fs::File::open(&path) {
        Ok(f) => f,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(Error::io(format!("cannot read {}", path.display()), e)),
    };
    let mut lines = std::io::BufReader::new(file).lines();
    let Some(Ok(first)) = lines.next() else {
        return Ok(None);
    };
    let Ok(header) = serde_json::from_str::<Header>(&first) else {
        return Ok(None);
    };
    if header.format != FORMAT {
        return Ok(None);
    }
    let mut out = Vec::new();
    if rows {
        out.reserve(header.rows);
        for line in lines {
            let line = line.map_err(|e| Error::io(format!("cannot read {}", path.display()), e))?;
            match serde_json::from_str::<Row>(&line) {
                Ok(r) => out.push(r),
                Err(_) => return Ok(None),
            }
        }
        if out.len() != header.rows {
            return Ok(None);
        }
    }
    Ok(Some((header, out)))
}

/// Write the table atomically (a temporary file renamed over the old one).
pub fn write(index_dir: &Path, header: &Header, rows: &[Row]) -> Result<()> {
    let path = index_dir.join(FILE);
    let tmp = index_dir.join(format!("{FILE}.{}.tmp", std::process::id()));
    let err = |e: std::io::Error| Error::io(format!("cannot write {}", tmp.display()), e);
    let file = std::fs::File::create(&tmp).map_err(err)?;
    let mut out = std::io::BufWriter::new(file);
    let json = |e: serde_json::Error| err(std::io::Error::other(e));
    serde_json::to_writer(&mut out, header).map_err(json)?;
    out.write_all(b"\n").map_err(err)?;
    for r in rows {
        serde_json::to_writer(&mut out, r).map_err(json)?;
        out.write_all(b"\n").map_err(err)?;
    }
    let file = out.into_inner().map_err(|e| err(e.into_error()))?;
    file.sync_all().map_err(err)?;
    std::fs::rename(&tmp, &path)
        .map_err(|e| Error::io(format!("cannot replace {}", path.display()), e))?;
    Ok(())
}

/// What [`refresh`] did.
#[derive(Debug, Clone, Default)]
pub struct Refreshed {
    /// False when the table on disk was already current.
    pub rebuilt: bool,
    pub rows: usize,
    pub persons: usize,
    pub seconds: f64,
}

/// Bring `people.jsonl` up to date with the index (after `index` committed): nothing when
/// its header matches the index's segments, the alias file and this linker; else compute
/// and write it. `force` rebuilds anyway.
pub fn refresh(
    index_dir: &Path,
    aliases: &Aliases,
    aliases_path: Option<PathBuf>,
    force: bool,
) -> Result<Refreshed> {
    let started = std::time::Instant::now();
    let dir = crate::index::IndexDir::open(index_dir)?;
    // One writer of the table at a time, and none while `index` writes the index.
    let _lock = crate::index::lock::WriterLock::acquire(index_dir)?;
    let reader = dir
        .index
        .reader_builder()
        .reload_policy(tantivy::ReloadPolicy::Manual)
        .try_into()?;
    let searcher = reader.searcher();
    let segments = signature(&searcher);
    if !force {
        if let Some((h, _)) = read(index_dir, false)? {
            if h.segments == segments
                && h.aliases == aliases.fingerprint
                && h.linker == LINKER_VERSION
            {
                return Ok(Refreshed {
                    rebuilt: false,
                    rows: h.rows,
                    ..Default::default()
                });
            }
        }
    }
    let people = People::compute(&searcher, &dir.fields, aliases)?;
    let header = Header {
        format: FORMAT,
        linker: LINKER_VERSION,
        aliases: aliases.fingerprint,
        aliases_path: aliases_path.map(|p| p.to_string_lossy().into_owned()),
        segments,
        rows: people.rows.len(),
        built: now_rfc3339(),
    };
    write(index_dir, &header, &people.rows)?;
    Ok(Refreshed {
        rebuilt: true,
        rows: people.rows.len(),
        persons: people
            .rows
            .iter()
            .filter(|r| r.kind == RowKind::Person && r.variants.len() > 1)
            .count(),
        seconds: started.elapsed().as_secs_f64(),
    })
}

/// The table for an open index: `people.jsonl` when it was computed from these very
/// segments, else computed now (with the alias file the header names, or the default one).
pub fn load_for(index_dir: &Path, searcher: &Searcher, f: &Fields) -> Result<People> {
    let current = signature(searcher);
    let stored = read(index_dir, true)?;
    let aliases_path = match &stored {
        Some((h, rows)) if h.segments == current && h.linker == LINKER_VERSION => {
            return Ok(People::new(rows.clone()));
        }
        Some((h, _)) => h.aliases_path.clone().map(PathBuf::from),
        None => None,
    };
    let aliases = load_aliases(index_dir, aliases_path.as_deref()).unwrap_or_default();
    People::compute(searcher, f, &aliases)
}

/// `path`, else `aliases.tsv` inside the index directory, else beside it; no file means no
/// aliases. Returns the aliases, the file used and a message for each bad line.
pub fn find_aliases(
    index_dir: &Path,
    path: Option<&Path>,
) -> std::result::Result<(Aliases, Option<PathBuf>, Vec<String>), String> {
    let candidates: Vec<PathBuf> = match path {
        Some(p) => vec![p.to_path_buf()],
        None => {
            let parent = index_dir
                .parent()
                .filter(|p| !p.as_os_str().is_empty())
                .unwrap_or(Path::new("."));
            vec![index_dir.join("aliases.tsv"), parent.join("aliases.tsv")]
        }
    };
    for p in candidates {
        let text = match std::fs::read_to_string(&p) {
            Ok(t) => t,
            Err(e) if path.is_none() && e.kind() == std::io::ErrorKind::NotFound => continue,
            Err(e) => return Err(format!("cannot read alias file {}: {e}", p.display())),
        };
        let (aliases, problems) = Aliases::parse(&text);
        let problems = problems
            .into_iter()
            .map(|m| format!("{}: {m}", p.display()))
            .collect();
        return Ok((aliases, Some(p), problems));
    }
    Ok((Aliases::default(), None, Vec::new()))
}

fn load_aliases(index_dir: &Path, path: Option<&Path>) -> Option<Aliases> {
    find_aliases(index_dir, path).ok().map(|(a, ..)| a)
}

fn now_rfc3339() -> String {
    let now = time::OffsetDateTime::from(std::time::SystemTime::now());
    now.format(&time::format_description::well_known::Rfc3339)
        .unwrap_or_default()
}

#[cfg(test)]
mod tests;
