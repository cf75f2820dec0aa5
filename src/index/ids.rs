//! One article per id: which of two records that share an `id` is kept.
//!
//! Two records with the same id (in two files, or twice in one) would both be indexed, and
//! anything that looks an article up by id would get either. The rule: the record that
//! comes **later** in walk order (files in the order `index` walks them, records in file
//! order) is kept, the other is dropped with a problem line naming both places. That is
//! what re-indexing the later record would do, and it does not depend on which worker
//! thread finished first. An indexed record of a file this run does not re-read competes
//! by its file's walk position too (found by the path it was indexed under); when that
//! path is not among the files walked now, the record read now is kept.
//!
//! Only a hash of each id is remembered (a million articles cost about 30 MB); two
//! different ids sharing a 64-bit hash is not a practical concern.

use super::schema::{Fields, KIND_ARTICLE};
use std::collections::HashMap;
use tantivy::collector::TopDocs;
use tantivy::query::{BooleanQuery, Occur, Query, TermQuery, TermSetQuery};
use tantivy::schema::{IndexRecordOption, Value};
use tantivy::{Searcher, TantivyDocument, Term};

/// Where a record is, in walk order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Place {
    /// Walk position of the file.
    pub file: usize,
    /// Line (JSON Lines) or element index (JSON array), 0 for a whole-file record.
    pub record: u64,
    /// How `record` is shown.
    pub kind: RecordKind,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum RecordKind {
    Whole,
    Line,
    Element,
}

/// What to do with a record whose id may have been seen before.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Verdict {
    /// First record with this id: index it.
    New,
    /// An earlier record (named) has the id: delete its documents, then index this one.
    /// `quotes` is how many quotes the earlier record had, if it was indexed in this run.
    Replaces { other: String, quotes: Option<u64> },
    /// A later record (named) has the id: skip this one.
    Loses { other: String },
}

pub struct Ids<'a> {
    fields: &'a Fields,
    /// Place and quote count (`None`: indexed before this run) of the record kept, by id
    /// hash.
    seen: HashMap<u64, (Place, Option<u32>)>,
    /// The path of every file walked this run, by walk position.
    files: Vec<String>,
    /// Walk position of every file walked this run, by the path it was walked as.
    walk_order: HashMap<String, usize>,
    /// The index as it was before this run (`None` when it was empty).
    before: Option<Searcher>,
    /// Canonical paths of the files this run re-reads: their indexed records are replaced
    /// anyway, so they never compete.
    rereads: Vec<String>,
}

impl<'a> Ids<'a> {
    /// `files`: the path of every file walked, in walk order.
    pub fn new(
        fields: &'a Fields,
        before: Option<Searcher>,
        files: Vec<String>,
        rereads: Vec<String>,
    ) -> Ids<'a> {
        let walk_order = files
            .iter()
            .enumerate()
            .map(|(i, p)| (p.clone(), i))
            .collect();
        Ids {
            fields,
            seen: HashMap::new(),
            files,
            walk_order,
            before,
            rereads,
        }
    }

    /// How a place is named in messages: `PATH`, `PATH:LINE` or `PATH[INDEX]`.
    pub fn name(&self, p: Place) -> String {
        let path = self.files.get(p.file).map_or("?", String::as_str);
        match p.kind {
            RecordKind::Whole => path.to_string(),
            RecordKind::Line => format!("{path}:{}", p.record),
            RecordKind::Element => format!("{path}[{}]", p.record),
        }
    }

    /// Decide for the record `id` at `place`, from the file `canonical`, with `quotes`
    /// quotes.
    pub fn decide(&mut self, id: &str, place: Place, canonical: &str, quotes: u64) -> Verdict {
        let key = xxhash_rust::xxh3::xxh3_64(id.as_bytes());
        let quotes32 = Some(quotes.min(u64::from(u32::MAX)) as u32);
        if let Some(&(prev, prev_quotes)) = self.seen.get(&key) {
            let other = self.name(prev);
            if place > prev {
                self.seen.insert(key, (place, quotes32));
                return Verdict::Replaces {
                    other,
                    quotes: prev_quotes.map(u64::from),
                };
            }
            return Verdict::Loses { other };
        }
        let verdict = match self.indexed_elsewhere(id, canonical) {
            Some((other, Some(file))) if file > place.file => {
                // The indexed record stays: remember it as the one kept.
                let kept = Place {
                    file,
                    record: 0,
                    kind: RecordKind::Whole,
                };
                self.seen.insert(key, (kept, None));
                return Verdict::Loses { other };
            }
            Some((other, _)) => Verdict::Replaces {
                other,
                quotes: None,
            },
            None => Verdict::New,
        };
        self.seen.insert(key, (place, quotes32));
        verdict
    }

    /// The path (and walk position, if walked now) of an indexed article with this id from
    /// a file this run does not re-read.
    fn indexed_elsewhere(&self, id: &str, canonical: &str) -> Option<(String, Option<usize>)> {
        let searcher = self.before.as_ref()?;
        let f = self.fields;
        let id_term = Term::from_field_text(f.article_id, id);
        // Cheap first: most ids were never indexed, or only by their own file.
        if searcher.doc_freq(&id_term).ok()? == 0 {
            return None;
        }
        let term = |field, v: &str| -> Box<dyn Query> {
            Box::new(TermQuery::new(
                Term::from_field_text(field, v),
                IndexRecordOption::Basic,
            ))
        };
        let mut clauses = vec![
            (Occur::Must, term(f.article_id, id)),
            (Occur::Must, term(f.kind, KIND_ARTICLE)),
            (Occur::MustNot, term(f.file, canonical)),
        ];
        let found = |clauses: Vec<(Occur, Box<dyn Query>)>| {
            searcher
                .search(
                    &BooleanQuery::new(clauses),
                    &TopDocs::with_limit(1).order_by_score(),
                )
                .ok()
                .and_then(|top| top.first().map(|(_, a)| *a))
        };
        found(clauses.iter().map(|(o, q)| (*o, q.box_clone())).collect())?;
        // Another file has it: does it belong to a file that is re-read now?
        clauses.push((
            Occur::MustNot,
            Box::new(TermSetQuery::new(
                self.rereads
                    .iter()
                    .map(|c| Term::from_field_text(f.file, c)),
            )),
        ));
        let addr = found(clauses)?;
        let doc: TantivyDocument = searcher.doc(addr).ok()?;
        let path = doc
            .get_first(f.path)
            .and_then(|v| v.as_str())
            .unwrap_or("an indexed file")
            .to_string();
        let pos = self.walk_order.get(&path).copied();
        Some((path, pos))
    }
}
