//! Gathering the evidence linking needs from an index, from fast fields and term
//! dictionaries only (no stored document is read): a pass over each segment's documents
//! finds every article with quotes (its `quote_count` quotes directly follow it, see
//! [`crate::index::schema`]) and the speaker form of each quote; the `author` field's
//! postings give each article's byline words.

use super::link::{ArticleEvidence, Evidence};
use crate::error::Result;
use crate::identity;
use crate::index::schema::Fields;
use std::collections::HashMap;
use tantivy::columnar::StrColumn;
use tantivy::schema::IndexRecordOption;
use tantivy::{DocId, DocSet, Searcher, TERMINATED};

/// Every article with an attributed quote, and the distinct speaker forms.
pub fn gather(searcher: &Searcher, f: &Fields) -> Result<Evidence> {
    let mut ev = Evidence::default();
    let mut form_index: HashMap<String, u32> = HashMap::new();
    // Outlets across segments, by source and byline words.
    let mut outlets: HashMap<String, u32> = HashMap::new();
    for reader in searcher.segment_readers() {
        let fast = reader.fast_fields();
        let counts = fast.u64("quote_count")?;
        let Some(forms) = fast.str("speaker_form")? else {
            continue; // no quote in this segment names a speaker
        };
        let ids = fast.str("article_id")?;
        let sources = fast.str("source_key")?;
        let dates = fast.column_opt::<tantivy::DateTime>("date")?;
        let alive = reader.alive_bitset();
        let Bylines {
            words,
            docs: byline,
        } = byline_words(reader, f)?;
        // Outlets of this segment by (source, byline words); a segment's word ids are its own.
        let mut outlet_index: HashMap<(&str, &[u32]), u32> = HashMap::new();

        // Articles of this segment (doc id, quotes by form ordinal).
        let mut found: Vec<(DocId, Vec<(u64, u32)>)> = Vec::new();
        let max = reader.max_doc();
        let mut doc: DocId = 0;
        while doc < max {
            let n = counts.first(doc).unwrap_or(0) as u32;
            if n == 0 || alive.is_some_and(|a| !a.is_alive(doc)) {
                doc += 1;
                continue;
            }
            let mut quotes: Vec<(u64, u32)> = Vec::new();
            for q in doc + 1..(doc + 1 + n).min(max) {
                for ord in forms.term_ords(q) {
                    match quotes.iter_mut().find(|x| x.0 == ord) {
                        Some(x) => x.1 += 1,
                        None => quotes.push((ord, 1)),
                    }
                }
            }
            if !quotes.is_empty() {
                found.push((doc, quotes));
            }
            doc += 1 + n;
        }

        // Form strings of the ordinals used, in one dictionary pass.
        let mut ords: Vec<u64> = found.iter().flat_map(|a| a.1.iter().map(|q| q.0)).collect();
        ords.sort_unstable();
        ords.dedup();
        let strings = ords_to_strings(&forms, &ords)?;
        let global: Vec<u32> = strings
            .into_iter()
            .map(|s| {
                let next = ev.forms.len() as u32;
                *form_index.entry(s).or_insert_with_key(|s| {
                    ev.forms.push(s.clone());
                    next
                })
            })
            .collect();
        let source_names = all_strings(sources.as_ref())?;
        // Article ids the same way: one lookup each would decode a dictionary block each.
        let id_ords: Vec<Option<u64>> = found
            .iter()
            .map(|(doc, _)| ids.as_ref().and_then(|c| c.term_ords(*doc).next()))
            .collect();
        let mut sorted_ids: Vec<u64> = id_ords.iter().flatten().copied().collect();
        sorted_ids.sort_unstable();
        sorted_ids.dedup();
        let id_strings = match &ids {
            Some(c) => ords_to_strings(c, &sorted_ids)?,
            None => Vec::new(),
        };
        let id_of = |i: usize| -> String {
            id_ords[i]
                .and_then(|o| sorted_ids.binary_search(&o).ok())
                .map(|at| id_strings[at].clone())
                .unwrap_or_default()
        };
        for (i, (doc, quotes)) in found.into_iter().enumerate() {
            let source = sources
                .as_ref()
                .and_then(|c| c.term_ords(doc).next())
                .and_then(|o| source_names.get(o as usize))
                .map(String::as_str)
                .unwrap_or("");
            let author: &[u32] = byline.get(&doc).map_or(&[], Vec::as_slice);
            let outlet = match outlet_index.get(&(source, author)) {
                Some(&o) => o,
                None => {
                    let mut meta: Vec<String> = identity::fold(source)
                        .split(|c: char| !c.is_alphanumeric())
                        .filter(|w| !w.is_empty())
                        .map(str::to_string)
                        .collect();
                    let author_words: Vec<&str> =
                        author.iter().map(|&w| words[w as usize].as_str()).collect();
                    let key = format!("{source}\u{1f}{}", author_words.join(" "));
                    meta.extend(author_words.iter().map(|w| w.to_string()));
                    let next = ev.outlets.len() as u32;
                    let o = *outlets.entry(key).or_insert_with(|| {
                        ev.outlets.push(meta);
                        next
                    });
                    outlet_index.insert((source, author), o);
                    o
                }
            };
            ev.articles.push(ArticleEvidence {
                id: id_of(i),
                outlet,
                date: dates
                    .as_ref()
                    .and_then(|c| c.first(doc))
                    .map(|d| d.into_timestamp_secs()),
                quotes: quotes
                    .into_iter()
                    .filter_map(|(ord, n)| ords.binary_search(&ord).ok().map(|i| (global[i], n)))
                    .collect(),
            });
        }
    }
    Ok(ev)
}

/// The words of each document's `author` field (as indexed: lower-case, folded), from the
/// field's postings (a corpus has few distinct byline words): the words, and each
/// document's word ids in word order.
fn byline_words(reader: &tantivy::SegmentReader, f: &Fields) -> Result<Bylines> {
    let mut words: Vec<String> = Vec::new();
    let mut out: HashMap<DocId, Vec<u32>> = HashMap::new();
    let inverted = reader.inverted_index(f.author)?;
    let io = |e| crate::error::Error::io("reading bylines", e);
    let mut terms = inverted.terms().stream().map_err(io)?;
    while terms.advance() {
        let Ok(word) = std::str::from_utf8(terms.key()) else {
            continue;
        };
        words.push(word.to_string());
        let id = words.len() as u32 - 1;
        let mut postings = inverted
            .read_postings_from_terminfo(terms.value(), IndexRecordOption::Basic)
            .map_err(io)?;
        let mut doc = postings.doc();
        while doc != TERMINATED {
            out.entry(doc).or_default().push(id);
            doc = postings.advance();
        }
    }
    Ok(Bylines { words, docs: out })
}

/// Byline words of a segment, and each document's word ids.
struct Bylines {
    words: Vec<String>,
    docs: HashMap<DocId, Vec<u32>>,
}

fn ords_to_strings(column: &StrColumn, ords: &[u64]) -> Result<Vec<String>> {
    let mut out = Vec::with_capacity(ords.len());
    column
        .dictionary()
        .sorted_ords_to_term_cb(ords, |bytes| {
            out.push(String::from_utf8_lossy(bytes).into_owned())
        })
        .map_err(|e| crate::error::Error::io("reading speaker forms", e))?;
    Ok(out)
}

/// Every string of a small column (sources), by ordinal.
fn all_strings(column: Option<&StrColumn>) -> Result<Vec<String>> {
    let Some(c) = column else {
        return Ok(Vec::new());
    };
    let ords: Vec<u64> = (0..c.num_terms() as u64).collect();
    ords_to_strings(c, &ords)
}
