//! Counting straight from term dictionaries, postings and fast fields: values of a fast
//! field among matching documents (`TermCounts`: article ids, speaker keys), display names
//! and dates of speaker keys (the speaker facets of a search), and quotes per month (a
//! person page).
//!
//! tantivy's aggregations answer the same questions, but build a JSON-shaped request and
//! result and visit every document with sub-aggregation state per bucket. The people list
//! (`speakers`) needs none of this: its counts are computed once per index, with the people
//! table ([`crate::people`]).

use std::collections::HashMap;
use tantivy::collector::{Collector, SegmentCollector};
use tantivy::columnar::{Column, StrColumn};
use tantivy::schema::{Field, IndexRecordOption};
use tantivy::{
    DateTime, DocId, DocSet, Score, Searcher, SegmentOrdinal, SegmentReader, Term, TERMINATED,
};

/// The strings of `ords` (sorted, distinct) in one pass over the column's dictionary.
fn ords_to_strings(column: &StrColumn, ords: &[u64]) -> tantivy::Result<Vec<String>> {
    let mut out = Vec::with_capacity(ords.len());
    column.dictionary().sorted_ords_to_term_cb(ords, |bytes| {
        out.push(String::from_utf8_lossy(bytes).into_owned())
    })?;
    Ok(out)
}

/// How many matching documents hold each value of a `STRING | FAST` field.
pub struct TermCounts {
    field: &'static str,
}

impl TermCounts {
    pub fn new(field: &'static str) -> TermCounts {
        TermCounts { field }
    }
}

pub struct TermCountsSegment {
    column: Option<StrColumn>,
    counts: Vec<u32>,
}

impl Collector for TermCounts {
    type Fruit = HashMap<String, u64>;
    type Child = TermCountsSegment;

    fn for_segment(
        &self,
        _segment_local_id: SegmentOrdinal,
        segment: &SegmentReader,
    ) -> tantivy::Result<TermCountsSegment> {
        let column = segment.fast_fields().str(self.field)?;
        let terms = column.as_ref().map_or(0, |c| c.num_terms());
        Ok(TermCountsSegment {
            column,
            counts: vec![0; terms],
        })
    }

    fn requires_scoring(&self) -> bool {
        false
    }

    fn merge_fruits(
        &self,
        segment_fruits: Vec<Vec<(String, u64)>>,
    ) -> tantivy::Result<HashMap<String, u64>> {
        let mut all = HashMap::new();
        for (term, n) in segment_fruits.into_iter().flatten() {
            *all.entry(term).or_insert(0) += n;
        }
        Ok(all)
    }
}

impl SegmentCollector for TermCountsSegment {
    type Fruit = Vec<(String, u64)>;

    fn collect(&mut self, doc: DocId, _score: Score) {
        if let Some(column) = &self.column {
            for ord in column.term_ords(doc) {
                self.counts[ord as usize] += 1;
            }
        }
    }

    fn harvest(self) -> Vec<(String, u64)> {
        let Some(column) = &self.column else {
            return Vec::new();
        };
        let ords: Vec<u64> = (0..self.counts.len() as u64)
            .filter(|&o| self.counts[o as usize] > 0)
            .collect();
        // A dictionary read error leaves the segment out rather than failing the query.
        let terms = ords_to_strings(column, &ords).unwrap_or_default();
        terms
            .into_iter()
            .zip(ords)
            .map(|(t, o)| (t, u64::from(self.counts[o as usize])))
            .collect()
    }
}

/// First and last date and the display names of one speaker key's quotes.
#[derive(Debug, Clone, Default)]
pub struct SpeakerDetails {
    pub first: Option<DateTime>,
    pub last: Option<DateTime>,
    /// Display names with counts, most frequent first (ties in name order).
    pub names: Vec<(String, u64)>,
}

/// [`SpeakerDetails`] of each key, from the postings of `speaker_key` (quote documents
/// only) and the `date` and `speaker_name` fast fields: only the keys' own quotes are read.
pub fn speaker_details(
    searcher: &Searcher,
    speaker_key: Field,
    keys: &[&str],
) -> tantivy::Result<Vec<SpeakerDetails>> {
    let mut out = vec![SpeakerDetails::default(); keys.len()];
    let mut names: Vec<HashMap<String, u64>> = vec![HashMap::new(); keys.len()];
    for reader in searcher.segment_readers() {
        let inverted = reader.inverted_index(speaker_key)?;
        let alive = reader.alive_bitset();
        let dates: Option<Column<DateTime>> = reader.fast_fields().column_opt("date")?;
        let name_column = reader.fast_fields().str("speaker_name")?;
        // (key index, name ordinal, count) for this segment; resolved in one dictionary pass.
        let mut seen: Vec<(usize, u64, u64)> = Vec::new();
        for (i, key) in keys.iter().enumerate() {
            let term = Term::from_field_text(speaker_key, key);
            let Some(info) = inverted.get_term_info(&term)? else {
                continue;
            };
            let mut postings =
                inverted.read_postings_from_terminfo(&info, IndexRecordOption::Basic)?;
            let d = &mut out[i];
            let start = seen.len();
            let mut doc = postings.doc();
            while doc != TERMINATED {
                if alive.is_none_or(|bits| bits.is_alive(doc)) {
                    if let Some(date) = dates.as_ref().and_then(|c| c.first(doc)) {
                        d.first = Some(d.first.map_or(date, |x| x.min(date)));
                        d.last = Some(d.last.map_or(date, |x| x.max(date)));
                    }
                    if let Some(ord) = name_column.as_ref().and_then(|c| c.term_ords(doc).next()) {
                        // A key has one or two spellings: a short list beats a map here.
                        match seen[start..].iter_mut().find(|s| s.1 == ord) {
                            Some(slot) => slot.2 += 1,
                            None => seen.push((i, ord, 1)),
                        }
                    }
                }
                doc = postings.advance();
            }
        }
        let Some(column) = &name_column else { continue };
        let mut ords: Vec<u64> = seen.iter().map(|s| s.1).collect();
        ords.sort_unstable();
        ords.dedup();
        let strings = ords_to_strings(column, &ords)?;
        for (i, ord, n) in seen {
            if let Ok(at) = ords.binary_search(&ord) {
                *names[i].entry(strings[at].clone()).or_insert(0) += n;
            }
        }
    }
    for (d, counts) in out.iter_mut().zip(names) {
        d.names = counts.into_iter().collect();
        d.names.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    }
    Ok(out)
}

/// Matching documents per calendar month of their `date` (UTC), in month order.
pub struct MonthCounts;

pub struct MonthCountsSegment {
    dates: Option<Column<DateTime>>,
    counts: std::collections::BTreeMap<(i32, u8), u64>,
}

impl Collector for MonthCounts {
    type Fruit = Vec<((i32, u8), u64)>;
    type Child = MonthCountsSegment;

    fn for_segment(
        &self,
        _segment_local_id: SegmentOrdinal,
        segment: &SegmentReader,
    ) -> tantivy::Result<MonthCountsSegment> {
        Ok(MonthCountsSegment {
            dates: segment.fast_fields().column_opt("date")?,
            counts: Default::default(),
        })
    }

    fn requires_scoring(&self) -> bool {
        false
    }

    fn merge_fruits(
        &self,
        segment_fruits: Vec<Vec<((i32, u8), u64)>>,
    ) -> tantivy::Result<Vec<((i32, u8), u64)>> {
        let mut all = std::collections::BTreeMap::new();
        for (month, n) in segment_fruits.into_iter().flatten() {
            *all.entry(month).or_insert(0) += n;
        }
        Ok(all.into_iter().collect())
    }
}

impl SegmentCollector for MonthCountsSegment {
    type Fruit = Vec<((i32, u8), u64)>;

    fn collect(&mut self, doc: DocId, _score: Score) {
        if let Some(d) = self.dates.as_ref().and_then(|c| c.first(doc)) {
            let t = d.into_utc();
            *self.counts.entry((t.year(), t.month() as u8)).or_insert(0) += 1;
        }
    }

    fn harvest(self) -> Vec<((i32, u8), u64)> {
        self.counts.into_iter().collect()
    }
}
