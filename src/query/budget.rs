//! Query budgets: how much work one query may do, and a way to stop it part-way.
//!
//! A query's cost is not bounded by its length: a sloppy phrase of a frequent word repeated
//! eight times once made tantivy's phrase scorer allocate until the process died. So every
//! query carries a [`Budget`]:
//!
//! - phrases may allow at most [`MAX_SLOP`] words between their words (`"…"~N`), checked
//!   when the query is parsed (a one-line error, not a silent clamp: the query a user
//!   typed is either answered as typed or refused);
//! - the phrase and quote-text scorers of [`crate::query`] and a wrapper around every
//!   search ([`Budgeted`]) charge one unit per document looked at and per word position
//!   read; past [`Budget::limit`] units the query stops and reports
//!   [`crate::error::Error::QueryTooCostly`];
//! - a deadline and a cancellation flag are checked at the same points, so that a request
//!   the server has given up on stops using CPU and memory
//!   ([`crate::error::Error::QueryStopped`]).
//!
//! A stopped scorer simply ends early; the caller turns the budget's state into an error
//! with [`Budget::check`] after the search, so that a partial answer is never returned.

use crate::error::{Error, Result};
use std::sync::atomic::{AtomicBool, AtomicU64, AtomicU8, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};
use tantivy::query::{EnableScoring, Explanation, Query, Scorer, Weight};
use tantivy::{DocId, DocSet, Score, SegmentReader, Term, TERMINATED};

/// Most words a phrase may allow between its words (`"a b"~32`). Beyond a few dozen a
/// phrase is no longer a phrase (use AND for "both words anywhere"), and the cost of
/// matching grows with it.
pub const MAX_SLOP: u32 = 32;

/// Work units (documents looked at plus word positions read) one query may use by
/// default. A plain search of the most frequent word of a million-article corpus costs
/// about one unit per article; the sloppy repeated-word phrases that needed gigabytes
/// before budgets existed hit this in well under a second.
pub const DEFAULT_WORK_LIMIT: u64 = 400_000_000;

/// Units charged locally before they are added to the shared counter.
const FLUSH_EVERY: u64 = 4096;

const RUNNING: u8 = 0;
const OVER_LIMIT: u8 = 1;
const TIMED_OUT: u8 = 2;
const CANCELLED: u8 = 3;

/// The work one query (or one request, which may run several) may do.
#[derive(Debug)]
pub struct Budget {
    limit: u64,
    used: AtomicU64,
    deadline: Option<(Instant, Duration)>,
    cancelled: AtomicBool,
    state: AtomicU8,
}

impl Default for Budget {
    fn default() -> Budget {
        Budget::new(DEFAULT_WORK_LIMIT, None)
    }
}

impl Budget {
    /// A budget of `limit` units, and at most `time` from now when given.
    pub fn new(limit: u64, time: Option<Duration>) -> Budget {
        Budget {
            limit,
            used: AtomicU64::new(0),
            deadline: time.map(|t| (Instant::now() + t, t)),
            cancelled: AtomicBool::new(false),
            state: AtomicU8::new(RUNNING),
        }
    }

    pub fn limit(&self) -> u64 {
        self.limit
    }

    /// Units charged so far.
    pub fn used(&self) -> u64 {
        self.used.load(Ordering::Relaxed)
    }

    /// Ask every scorer still running under this budget to stop.
    pub fn cancel(&self) {
        self.cancelled.store(true, Ordering::Relaxed);
    }

    /// Whether the work must stop (over the limit, past the deadline, or cancelled).
    pub fn stopped(&self) -> bool {
        self.state.load(Ordering::Relaxed) != RUNNING
    }

    /// Add `units` of work; `false` when the query must stop.
    pub fn charge(&self, units: u64) -> bool {
        let before = self.used.fetch_add(units, Ordering::Relaxed);
        if before.saturating_add(units) > self.limit {
            self.stop(OVER_LIMIT);
            return false;
        }
        if self.cancelled.load(Ordering::Relaxed) {
            self.stop(CANCELLED);
            return false;
        }
        if let Some((at, _)) = self.deadline {
            if Instant::now() >= at {
                self.stop(TIMED_OUT);
                return false;
            }
        }
        !self.stopped()
    }

    fn stop(&self, why: u8) {
        let _ = self
            .state
            .compare_exchange(RUNNING, why, Ordering::Relaxed, Ordering::Relaxed);
    }

    /// The error for a query that was stopped, if it was.
    pub fn check(&self) -> Result<()> {
        match self.state.load(Ordering::Relaxed) {
            OVER_LIMIT => Err(Error::QueryTooCostly(format!(
                "it needs more than {} units of work (documents looked at and word \
                 positions read); make phrases more specific or leave out very common words",
                self.limit
            ))),
            TIMED_OUT => Err(Error::QueryStopped(format!(
                "it took longer than {} s; try a narrower query",
                self.deadline.map_or(0.0, |(_, t)| t.as_secs_f32())
            ))),
            CANCELLED => Err(Error::QueryStopped("the request was cancelled".into())),
            _ => Ok(()),
        }
    }
}

/// A per-thread tally that adds to a shared [`Budget`] in batches, so that a scorer's
/// inner loop does not touch a shared counter for every position.
#[derive(Debug)]
pub struct Meter {
    budget: Arc<Budget>,
    pending: u64,
}

impl Meter {
    pub fn new(budget: Arc<Budget>) -> Meter {
        Meter { budget, pending: 0 }
    }

    /// Charge `units`; `false` once the query must stop.
    #[inline]
    pub fn charge(&mut self, units: u64) -> bool {
        self.pending += units;
        if self.pending >= FLUSH_EVERY {
            return self.flush();
        }
        true
    }

    /// Hand the pending units to the budget; `false` once the query must stop.
    pub fn flush(&mut self) -> bool {
        let units = std::mem::take(&mut self.pending);
        self.budget.charge(units)
    }
}

impl Drop for Meter {
    fn drop(&mut self) {
        if self.pending > 0 {
            self.budget.charge(self.pending);
        }
    }
}

/// Any query, stopped when its budget runs out: every document its scorer produces is
/// charged. Documents are always pulled one by one through [`Scorer::advance`] (tantivy's
/// shortcuts that drive a scorer internally are not used), so that the budget is looked
/// at throughout.
#[derive(Debug)]
pub struct Budgeted {
    inner: Box<dyn Query>,
    budget: Arc<Budget>,
}

impl Clone for Budgeted {
    fn clone(&self) -> Budgeted {
        Budgeted {
            inner: self.inner.box_clone(),
            budget: Arc::clone(&self.budget),
        }
    }
}

impl Budgeted {
    pub fn new(inner: Box<dyn Query>, budget: Arc<Budget>) -> Budgeted {
        Budgeted { inner, budget }
    }
}

impl Query for Budgeted {
    fn weight(&self, scoring: EnableScoring<'_>) -> tantivy::Result<Box<dyn Weight>> {
        Ok(Box::new(BudgetedWeight {
            inner: self.inner.weight(scoring)?,
            budget: Arc::clone(&self.budget),
        }))
    }

    fn query_terms<'a>(&'a self, visitor: &mut dyn FnMut(&'a Term, bool)) {
        self.inner.query_terms(visitor);
    }
}

struct BudgetedWeight {
    inner: Box<dyn Weight>,
    budget: Arc<Budget>,
}

impl Weight for BudgetedWeight {
    fn scorer(&self, reader: &SegmentReader, boost: Score) -> tantivy::Result<Box<dyn Scorer>> {
        if self.budget.stopped() {
            return Ok(Box::new(tantivy::query::EmptyScorer));
        }
        Ok(Box::new(BudgetedScorer {
            inner: self.inner.scorer(reader, boost)?,
            meter: Meter::new(Arc::clone(&self.budget)),
            done: false,
        }))
    }

    fn explain(&self, reader: &SegmentReader, doc: DocId) -> tantivy::Result<Explanation> {
        self.inner.explain(reader, doc)
    }
}

struct BudgetedScorer {
    inner: Box<dyn Scorer>,
    meter: Meter,
    done: bool,
}

impl BudgetedScorer {
    fn after(&mut self, doc: DocId) -> DocId {
        if doc != TERMINATED && !self.meter.charge(1) {
            self.done = true;
            return TERMINATED;
        }
        doc
    }
}

impl DocSet for BudgetedScorer {
    fn advance(&mut self) -> DocId {
        if self.done {
            return TERMINATED;
        }
        let doc = self.inner.advance();
        self.after(doc)
    }

    fn seek(&mut self, target: DocId) -> DocId {
        if self.done {
            return TERMINATED;
        }
        let doc = self.inner.seek(target);
        self.after(doc)
    }

    fn doc(&self) -> DocId {
        if self.done {
            TERMINATED
        } else {
            self.inner.doc()
        }
    }

    fn size_hint(&self) -> u32 {
        self.inner.size_hint()
    }
}

impl Scorer for BudgetedScorer {
    fn score(&mut self) -> Score {
        self.inner.score()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn over_the_limit_stops_and_says_why() {
        let b = Budget::new(10, None);
        assert!(b.charge(10));
        assert!(b.check().is_ok());
        assert!(!b.charge(1));
        assert!(b.stopped());
        let err = b.check().unwrap_err().to_string();
        assert!(err.contains("more than 10 units"), "{err}");
    }

    #[test]
    fn cancel_and_deadline_stop_the_next_charge() {
        let b = Budget::new(u64::MAX, None);
        b.cancel();
        assert!(!b.charge(1));
        assert!(b.check().unwrap_err().to_string().contains("cancelled"));
        let b = Budget::new(u64::MAX, Some(Duration::ZERO));
        assert!(!b.charge(1));
        assert!(b.check().unwrap_err().to_string().contains("longer than"));
    }

    #[test]
    fn a_meter_batches_but_never_loses_units() {
        let b = Arc::new(Budget::new(u64::MAX, None));
        {
            let mut m = Meter::new(Arc::clone(&b));
            for _ in 0..10 {
                assert!(m.charge(3));
            }
            assert_eq!(b.used(), 0, "batched");
        }
        assert_eq!(b.used(), 30, "flushed on drop");
    }
}
