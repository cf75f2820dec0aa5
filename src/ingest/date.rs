//! Publication dates in the many shapes articles carry them, normalised to ISO 8601:
//! `YYYY-MM-DD` when only a day is known, `YYYY-MM-DDTHH:MM:SSZ` (UTC) when a time is known.
//!
//! Accepted: ISO 8601 / RFC 3339 (`2017-07-20`, `2017-07-20T15:01:01`, `…Z`, `…+02:00`,
//! `… 15:01`, fractional seconds), `2017/07/20`, `20170720`, `20 Jul 2017`, `July 20, 2017`,
//! `Jul. 20th, 2017`, RFC 2822 (`Thu, 20 Jul 2017 10:00:00 +0000`, `GMT`, US zone names), all
//! optionally with a time and `AM`/`PM`, and unix seconds. A time without a zone is taken as
//! UTC. Anything else is `None`: a date we cannot read is dropped, never an error.

use time::{Date, Month, OffsetDateTime, PrimitiveDateTime, Time, UtcOffset};

/// Normalise a date string; `None` when it cannot be read.
pub fn normalize_date(s: &str) -> Option<String> {
    let s = s.trim();
    if s.is_empty() || s.len() > 100 {
        return None;
    }
    if s.bytes().all(|b| b.is_ascii_digit()) {
        return match s.len() {
            8 => {
                let (y, m, d) = (&s[..4], &s[4..6], &s[6..]);
                ymd(y.parse().ok()?, m.parse().ok()?, d.parse().ok()?).map(fmt_date)
            }
            9..=13 => normalize_unix_seconds(s.parse().ok()?),
            _ => None,
        };
    }
    parse_numeric(s).or_else(|| parse_words(s))
}

/// Normalise a unix timestamp in seconds (values beyond the year 5000 in seconds are taken as
/// milliseconds, which some feeds use).
pub fn normalize_unix_seconds(secs: i64) -> Option<String> {
    let secs = if secs.abs() > 100_000_000_000 {
        secs / 1000
    } else {
        secs
    };
    let dt = OffsetDateTime::from_unix_timestamp(secs).ok()?;
    Some(fmt_datetime(dt))
}

fn fmt_date(d: Date) -> String {
    format!("{:04}-{:02}-{:02}", d.year(), d.month() as u8, d.day())
}

fn fmt_datetime(dt: OffsetDateTime) -> String {
    let dt = dt.to_offset(UtcOffset::UTC);
    format!(
        "{}T{:02}:{:02}:{:02}Z",
        fmt_date(dt.date()),
        dt.hour(),
        dt.minute(),
        dt.second()
    )
}

fn ymd(y: i32, m: u8, d: u8) -> Option<Date> {
    if !(1000..=9999).contains(&y) {
        return None;
    }
    Date::from_calendar_date(y, Month::try_from(m).ok()?, d).ok()
}

fn finish(date: Date, time: Option<(Time, UtcOffset)>) -> Option<String> {
    match time {
        None => Some(fmt_date(date)),
        Some((t, off)) => Some(fmt_datetime(
            PrimitiveDateTime::new(date, t).assume_offset(off),
        )),
    }
}

/// `YYYY-MM-DD` or `YYYY/MM/DD`, then optionally `T` or space and a time with optional zone.
fn parse_numeric(s: &str) -> Option<String> {
    let b = s.as_bytes();
    if b.len() < 8 || !b[..4].iter().all(u8::is_ascii_digit) {
        return None;
    }
    let sep = b[4];
    if sep != b'-' && sep != b'/' && sep != b'.' {
        return None;
    }
    let (month, rest) = s[5..].split_once(sep as char)?;
    let day_len = rest.bytes().take_while(u8::is_ascii_digit).count();
    if !(1..=2).contains(&month.len()) || !(1..=2).contains(&day_len) {
        return None;
    }
    let date = ymd(
        s[..4].parse().ok()?,
        month.parse().ok()?,
        rest[..day_len].parse().ok()?,
    )?;
    let rest = &rest[day_len..];
    if rest.trim().is_empty() {
        return finish(date, None);
    }
    let rest = rest
        .strip_prefix('T')
        .or_else(|| rest.strip_prefix('t'))
        .or_else(|| rest.strip_prefix(' '))?;
    let (time, zone) = split_time(rest.trim())?;
    let off = match zone.trim() {
        "" => UtcOffset::UTC,
        z => parse_zone(z)?,
    };
    finish(date, Some((time, off)))
}

/// Split `HH:MM[:SS[.frac]]` off the front; return the time and what follows (a zone).
fn split_time(s: &str) -> Option<(Time, &str)> {
    let end = s
        .find(|c: char| !(c.is_ascii_digit() || c == ':' || c == '.' || c == ','))
        .unwrap_or(s.len());
    let (clock, rest) = s.split_at(end);
    let clock = clock.split(['.', ',']).next()?; // drop fractional seconds
    let mut nums = clock.split(':');
    let h: u8 = nums.next()?.parse().ok()?;
    let m: u8 = nums.next()?.parse().ok()?;
    let sec: u8 = match nums.next() {
        Some(x) => x.parse().ok()?,
        None => 0,
    };
    if nums.next().is_some() {
        return None;
    }
    Some((Time::from_hms(h, m, sec.min(59)).ok()?, rest))
}

/// `Z`, `UTC`, `GMT`, `+02:00`, `+0200`, `-05`, US zone abbreviations.
fn parse_zone(z: &str) -> Option<UtcOffset> {
    let z = z.trim();
    let upper = z.to_ascii_uppercase();
    let hours = match upper.as_str() {
        "Z" | "UT" | "UTC" | "GMT" => 0,
        "EST" => -5,
        "EDT" => -4,
        "CST" => -6,
        "CDT" => -5,
        "MST" => -7,
        "MDT" => -6,
        "PST" => -8,
        "PDT" => -7,
        _ => {
            let (sign, digits) = match z.as_bytes().first()? {
                b'+' => (1i8, &z[1..]),
                b'-' => (-1i8, &z[1..]),
                _ => return None,
            };
            let digits: String = digits.chars().filter(|c| *c != ':').collect();
            if !digits.bytes().all(|b| b.is_ascii_digit()) {
                return None;
            }
            let (h, m) = match digits.len() {
                2 => (digits.parse::<i8>().ok()?, 0),
                4 => (digits[..2].parse().ok()?, digits[2..].parse().ok()?),
                _ => return None,
            };
            return UtcOffset::from_hms(sign * h, sign * m, 0).ok();
        }
    };
    UtcOffset::from_hms(hours, 0, 0).ok()
}

fn month_from_word(w: &str) -> Option<u8> {
    let w = w.trim_end_matches('.').to_ascii_lowercase();
    if w.len() < 3 {
        return None;
    }
    const MONTHS: [&str; 12] = [
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
    ];
    let i = MONTHS
        .iter()
        .position(|m| m.starts_with(w.as_str()) || (w == "sept" && *m == "september"))?;
    Some(i as u8 + 1)
}

fn is_weekday(w: &str) -> bool {
    let w = w.trim_end_matches('.').to_ascii_lowercase();
    w.len() >= 3
        && [
            "monday",
            "tuesday",
            "wednesday",
            "thursday",
            "friday",
            "saturday",
            "sunday",
        ]
        .iter()
        .any(|d| d.starts_with(w.as_str()))
}

/// Day number with an optional English ordinal suffix: `20`, `20th`, `1st`.
fn day_number(w: &str) -> Option<u8> {
    let digits = w.trim_end_matches(|c: char| c.is_ascii_alphabetic());
    let suffix = &w[digits.len()..].to_ascii_lowercase();
    if !["", "st", "nd", "rd", "th"].contains(&suffix.as_str()) || digits.len() > 2 {
        return None;
    }
    digits.parse().ok()
}

/// `20 Jul 2017`, `July 20, 2017`, RFC 2822, each with optional weekday, time and zone.
fn parse_words(s: &str) -> Option<String> {
    let mut tokens: Vec<&str> = s
        .split(|c: char| c.is_whitespace() || c == ',')
        .filter(|t| !t.is_empty())
        .collect();
    if tokens.first().is_some_and(|t| is_weekday(t)) {
        tokens.remove(0);
    }
    if tokens.len() < 3 {
        return None;
    }
    let (day, month) = if let Some(m) = month_from_word(tokens[0]) {
        (day_number(tokens[1])?, m)
    } else {
        (day_number(tokens[0])?, month_from_word(tokens[1])?)
    };
    if tokens[2].len() != 4 {
        return None;
    }
    let date = ymd(tokens[2].parse().ok()?, month, day)?;
    let rest = &tokens[3..];
    if rest.is_empty() {
        return finish(date, None);
    }
    let (mut time, after) = split_time(rest[0])?;
    if !after.is_empty() {
        return None;
    }
    let mut rest = &rest[1..];
    if let Some(ampm) = rest.first().map(|t| t.to_ascii_lowercase()) {
        let pm = match ampm.trim_end_matches('.') {
            "am" | "a.m" => Some(false),
            "pm" | "p.m" => Some(true),
            _ => None,
        };
        if let Some(pm) = pm {
            let h = time.hour() % 12 + if pm { 12 } else { 0 };
            time = Time::from_hms(h, time.minute(), time.second()).ok()?;
            rest = &rest[1..];
        }
    }
    let off = match rest {
        [] => UtcOffset::UTC,
        [zone] => parse_zone(zone)?,
        // "+0000 (UTC)" as some mailers write it.
        [zone, comment] if comment.starts_with('(') => parse_zone(zone)?,
        _ => return None,
    };
    finish(date, Some((time, off)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_table() {
        let cases: &[(&str, Option<&str>)] = &[
            ("2017-07-20", Some("2017-07-20")),
            ("  2017-07-20 ", Some("2017-07-20")),
            ("2017-7-2", Some("2017-07-02")),
            ("2017-07-20T15:01:01", Some("2017-07-20T15:01:01Z")),
            ("2017-07-20T15:01:01Z", Some("2017-07-20T15:01:01Z")),
            ("2017-07-20T15:01:01.123Z", Some("2017-07-20T15:01:01Z")),
            ("2017-07-20T15:01:01+02:00", Some("2017-07-20T13:01:01Z")),
            ("2017-07-20T01:00:00+0200", Some("2017-07-19T23:00:00Z")),
            ("2017-07-20T22:00:00-05:00", Some("2017-07-21T03:00:00Z")),
            ("2017-07-20 15:01", Some("2017-07-20T15:01:00Z")),
            ("1987-02-26T15:01:01", Some("1987-02-26T15:01:01Z")),
            ("2017/07/20", Some("2017-07-20")),
            ("20170720", Some("2017-07-20")),
            ("20 Jul 2017", Some("2017-07-20")),
            ("20 July 2017", Some("2017-07-20")),
            ("July 20, 2017", Some("2017-07-20")),
            ("Jul. 20th, 2017", Some("2017-07-20")),
            ("Sept 3, 2019", Some("2019-09-03")),
            ("Thursday, July 20, 2017", Some("2017-07-20")),
            ("July 20, 2017 3:05 PM", Some("2017-07-20T15:05:00Z")),
            ("July 20, 2017 12:05 a.m.", Some("2017-07-20T00:05:00Z")),
            (
                "Thu, 20 Jul 2017 10:00:00 +0000",
                Some("2017-07-20T10:00:00Z"),
            ),
            (
                "Thu, 20 Jul 2017 10:00:00 GMT",
                Some("2017-07-20T10:00:00Z"),
            ),
            (
                "Thu, 20 Jul 2017 10:00:00 EDT",
                Some("2017-07-20T14:00:00Z"),
            ),
            ("1500562861", Some("2017-07-20T15:01:01Z")),
            ("", None),
            ("yesterday", None),
            ("2017-13-01", None),
            ("2017-02-30", None),
            ("31 Foo 2017", None),
            ("July 2017", None),
            ("2017-07-20Tnonsense", None),
            ("12", None),
            ("0000-01-01", None),
        ];
        for (input, want) in cases {
            assert_eq!(normalize_date(input).as_deref(), *want, "input {input:?}");
        }
    }

    #[test]
    fn unix_seconds_and_millis() {
        assert_eq!(
            normalize_unix_seconds(1_500_562_861).as_deref(),
            Some("2017-07-20T15:01:01Z")
        );
        assert_eq!(
            normalize_unix_seconds(1_500_562_861_000).as_deref(),
            Some("2017-07-20T15:01:01Z")
        );
        assert_eq!(
            normalize_unix_seconds(0).as_deref(),
            Some("1970-01-01T00:00:00Z")
        );
    }
}
