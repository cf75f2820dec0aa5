//! Small helpers shared by the bench binaries (argument lookup, corpus walking, timing).

use std::path::{Path, PathBuf};
use std::time::Instant;

/// The value after `--name` in `args`, if any.
pub fn arg_value(args: &[String], name: &str) -> Option<String> {
    args.iter()
        .position(|a| a == name)
        .and_then(|i| args.get(i + 1))
        .cloned()
}

/// Every `.jsonl` file under `dir`, sorted by path.
pub fn jsonl_files(dir: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = walkdir::WalkDir::new(dir)
        .sort_by_file_name()
        .into_iter()
        .filter_map(|e| e.ok())
        .filter(|e| e.file_type().is_file())
        .map(|e| e.into_path())
        .filter(|p| p.extension().is_some_and(|x| x == "jsonl"))
        .collect();
    files.sort();
    files
}

/// Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's algorithm).
pub fn days_from_civil(y: i64, m: u32, d: u32) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = if y >= 0 { y } else { y - 399 } / 400;
    let yoe = y - era * 400;
    let m = m as i64;
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + d as i64 - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// Latency summary of repeated runs, in milliseconds.
#[derive(Debug, Clone, Copy, serde::Serialize)]
pub struct Latency {
    pub p50_ms: f64,
    pub p95_ms: f64,
    pub min_ms: f64,
    pub reps: usize,
}

/// Run `f` `warmup` times untimed, then `reps` times timed; returns the latency summary and
/// the last result.
pub fn time_reps<T>(warmup: usize, reps: usize, mut f: impl FnMut() -> T) -> (Latency, T) {
    let mut last = None;
    for _ in 0..warmup {
        last = Some(f());
    }
    let mut samples = Vec::with_capacity(reps);
    for _ in 0..reps.max(1) {
        let t = Instant::now();
        let r = f();
        samples.push(t.elapsed().as_secs_f64() * 1e3);
        last = Some(r);
    }
    samples.sort_by(|a, b| a.total_cmp(b));
    let pct = |p: f64| samples[((samples.len() - 1) as f64 * p).round() as usize];
    (
        Latency {
            p50_ms: pct(0.5),
            p95_ms: pct(0.95),
            min_ms: samples[0],
            reps: samples.len(),
        },
        last.expect("at least one run"),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn civil_days() {
        assert_eq!(days_from_civil(1970, 1, 1), 0);
        assert_eq!(days_from_civil(2005, 1, 1), 12_784);
        assert_eq!(days_from_civil(2000, 3, 1), 11_017);
    }
}
