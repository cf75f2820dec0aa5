//! From what a user types to a tantivy query: field checks, friendly dates, and the phrases
//! and words to highlight.
//!
//! tantivy's query language is kept as it is (AND by default, `"…"`, `"…"~2`, `-word`,
//! `OR`, `field:`), with two additions users expect from a search box: plain dates in ranges
//! (`date:[2005-01-01 TO 2005-12-31]`, `date:>=2005`) and one-line errors that name the
//! problem instead of a parser dump.

use super::budget::MAX_SLOP;
use crate::error::{Error, Result};
use tantivy::DateTime;

/// Fields a user may name in a query, and which of them are full text.
pub const USER_FIELDS: &[(&str, bool)] = &[
    ("title", true),
    ("body", true),
    ("speaker", true),
    ("quote", true),
    ("source", true),
    ("author", true),
    ("date", false),
];

/// Longest query we accept: beyond this it is a paste accident, not a search.
pub const MAX_QUERY_BYTES: usize = 4096;

/// What to highlight in results: exact phrases (token lists) and single words, by field.
#[derive(Debug, Default, Clone, PartialEq)]
pub struct Highlights {
    /// (field or None for the default fields, words of the phrase as typed)
    pub phrases: Vec<(Option<String>, Vec<String>)>,
    pub words: Vec<(Option<String>, String)>,
}

/// Check the query and rewrite friendly dates into RFC 3339. Returns the rewritten query
/// and what to highlight.
pub fn prepare(query: &str) -> Result<(String, Highlights)> {
    if query.len() > MAX_QUERY_BYTES {
        return Err(Error::BadQuery(format!(
            "query is {} bytes long; the limit is {MAX_QUERY_BYTES}",
            query.len()
        )));
    }
    if query.trim().is_empty() {
        return Err(Error::BadQuery("empty query".into()));
    }
    if query.chars().filter(|&c| c == '"').count() % 2 == 1 {
        let at = query.rfind('"').unwrap_or(0);
        return Err(Error::BadQuery(format!(
            "unbalanced quotation mark at character {}: close the phrase with another \"",
            query[..at].chars().count() + 1
        )));
    }
    let mut out = String::with_capacity(query.len() + 32);
    let mut hl = Highlights::default();
    let chars: Vec<char> = query.chars().collect();
    let mut i = 0;
    let mut negated = false;
    let mut field: Option<String> = None;
    while i < chars.len() {
        let c = chars[i];
        if c.is_whitespace() || c == '(' || c == ')' {
            out.push(c);
            negated = false;
            field = None;
            i += 1;
            continue;
        }
        if c == '-' && field.is_none() {
            negated = true;
            out.push(c);
            i += 1;
            continue;
        }
        if c == '"' {
            let end = chars[i + 1..]
                .iter()
                .position(|&c| c == '"')
                .map(|p| i + 1 + p)
                .unwrap_or(chars.len() - 1);
            let phrase: String = chars[i + 1..end].iter().collect();
            out.push('"');
            out.push_str(&phrase);
            out.push('"');
            if !negated {
                let words: Vec<String> = phrase.split_whitespace().map(str::to_string).collect();
                if words.len() == 1 {
                    hl.words.push((field.clone(), words[0].clone()));
                } else if !words.is_empty() {
                    hl.phrases.push((field.clone(), words));
                }
            }
            i = end + 1;
            // Slop and boost suffixes belong to the phrase: `"…"~2`, `"…"^2`.
            while i < chars.len() && matches!(chars[i], '~' | '^' | '.' | '0'..='9') {
                out.push(chars[i]);
                i += 1;
            }
            field = None;
            negated = false;
            continue;
        }
        // A bare token: maybe `field:` (then the value follows), maybe a word.
        let start = i;
        while i < chars.len() && !chars[i].is_whitespace() && !matches!(chars[i], '"' | '(' | ')') {
            if chars[i] == ':' {
                break;
            }
            if chars[i] == '[' || chars[i] == '{' {
                break;
            }
            i += 1;
        }
        let token: String = chars[start..i].iter().collect();
        if token.is_empty() && i < chars.len() && chars[i] == ':' {
            // `:x`, `a :b`, `title::x`: no field name; without this the loop never advances.
            return Err(Error::BadQuery(format!(
                "`:` without a field name before it at character {}",
                i + 1
            )));
        }
        if i < chars.len() && chars[i] == ':' && field.is_none() && !token.is_empty() {
            let name = token.to_ascii_lowercase();
            let Some(&(_, _)) = USER_FIELDS.iter().find(|(n, _)| *n == name) else {
                let known: Vec<&str> = USER_FIELDS.iter().map(|(n, _)| *n).collect();
                return Err(Error::BadQuery(format!(
                    "unknown field `{token}:`; fields are {}",
                    known.join(", ")
                )));
            };
            i += 1;
            if name == "date" {
                let (rewritten, next) = rewrite_date_clause(&chars, i)?;
                out.push_str("date:");
                out.push_str(&rewritten);
                i = next;
                continue;
            }
            out.push_str(&name);
            out.push(':');
            field = Some(name);
            continue;
        }
        if i < chars.len() && (chars[i] == '[' || chars[i] == '{') {
            return Err(Error::BadQuery(format!(
                "a range needs a field, as in date:[2005-01-01 TO 2005-12-31] (at `{token}{}`)",
                chars[i]
            )));
        }
        out.push_str(&token);
        let is_operator = matches!(token.as_str(), "AND" | "OR" | "NOT" | "&&" | "||");
        let word = token.trim_matches(|c: char| !c.is_alphanumeric());
        if !negated && !is_operator && !word.is_empty() {
            hl.words.push((field.clone(), word.to_string()));
        }
        field = None;
        negated = false;
    }
    if let Some(field) = exists_field(&out) {
        return Err(Error::BadQuery(format!(
            "`{field}:*` (any value) is not supported: search for words in {field} instead"
        )));
    }
    if let Some(problem) = phrase_problem(&out) {
        return Err(Error::BadQuery(problem));
    }
    Ok((out, hl))
}

/// What is wrong with a phrase of `query`, read with tantivy's own grammar: a slop over
/// [`MAX_SLOP`], or a boost (`^`) around a phrase that needs quotebook's phrase matching
/// (slop or a repeated word; see [`super::phrase`]), which cannot reach inside a boost.
fn phrase_problem(query: &str) -> Option<String> {
    use tantivy::query_grammar::{Delimiter, UserInputAst, UserInputLeaf};
    fn walk(ast: &UserInputAst, boosted: bool) -> Option<String> {
        match ast {
            UserInputAst::Clause(clauses) => clauses.iter().find_map(|(_, a)| walk(a, boosted)),
            UserInputAst::Boost(inner, _) => walk(inner, true),
            UserInputAst::Leaf(leaf) => match &**leaf {
                UserInputLeaf::Literal(l) => {
                    if l.slop > MAX_SLOP {
                        return Some(format!(
                            "a phrase may allow at most {MAX_SLOP} words between its words, \
                             not ~{}; to find the words anywhere in an article, leave out the \
                             quotation marks",
                            l.slop
                        ));
                    }
                    let words: Vec<String> = l
                        .phrase
                        .split(|c: char| !c.is_alphanumeric())
                        .filter(|w| !w.is_empty())
                        .map(str::to_lowercase)
                        .collect();
                    let repeated = words
                        .iter()
                        .enumerate()
                        .any(|(i, w)| words[..i].contains(w));
                    let phrase = l.delimiter == Delimiter::DoubleQuotes && words.len() > 1;
                    (boosted && phrase && (l.slop > 0 || repeated)).then(|| {
                        "a boost (^) cannot apply to a phrase with ~N or a repeated word".into()
                    })
                }
                _ => None,
            },
        }
    }
    walk(&tantivy::query_grammar::parse_query(query).ok()?, false)
}

/// The field of the first "has any value" clause in `query`, as tantivy's parser will read it.
///
/// tantivy turns `title:*` (and `title:(*)`, `title: *`, `title:(a OR *)`) into an exists
/// query, which only works on fast fields, and no field a user can name is one: the search
/// then fails with a schema error that reads as a damaged index ("rebuild it"). Asking
/// tantivy's own grammar, rather than spotting `*` here, catches every spelling of it.
fn exists_field(query: &str) -> Option<String> {
    use tantivy::query_grammar::{UserInputAst, UserInputLeaf};
    fn walk(ast: &UserInputAst) -> Option<String> {
        match ast {
            UserInputAst::Clause(clauses) => clauses.iter().find_map(|(_, a)| walk(a)),
            UserInputAst::Boost(inner, _) => walk(inner),
            UserInputAst::Leaf(leaf) => match &**leaf {
                UserInputLeaf::Exists { field } => Some(field.clone()),
                _ => None,
            },
        }
    }
    // A query tantivy cannot parse at all gets its syntax error from the real parser later.
    walk(&tantivy::query_grammar::parse_query(query).ok()?)
}

/// Rewrite the value after `date:`: a range `[a TO b]`/`{a TO b}`, a comparison `>=a`, or a
/// single date (meaning that whole day, month or year).
fn rewrite_date_clause(chars: &[char], mut i: usize) -> Result<(String, usize)> {
    if i < chars.len() && (chars[i] == '[' || chars[i] == '{') {
        let open = chars[i];
        let close_at = chars[i..]
            .iter()
            .position(|&c| c == ']' || c == '}')
            .map(|p| i + p)
            .ok_or_else(|| Error::BadQuery("date range is not closed: add ] or }".into()))?;
        let inner: String = chars[i + 1..close_at].iter().collect();
        let close = chars[close_at];
        let parts: Vec<&str> = inner.split(" TO ").collect();
        if parts.len() != 2 {
            return Err(Error::BadQuery(format!(
                "date range `{open}{inner}{close}` must look like [2005-01-01 TO 2005-12-31]"
            )));
        }
        let lo = parts[0].trim();
        let hi = parts[1].trim();
        let lo_s = if lo == "*" {
            "*".to_string()
        } else if open == '[' {
            rfc3339(period_start(lo)?)
        } else {
            rfc3339(period_end(lo)?)
        };
        // An inclusive upper bound on a day, month or year includes all of it.
        let hi_s = if hi == "*" {
            "*".to_string()
        } else if close == ']' {
            rfc3339(period_end(hi)?)
        } else {
            rfc3339(period_start(hi)?)
        };
        i = close_at + 1;
        return Ok((format!("{open}{lo_s} TO {hi_s}{close}"), i));
    }
    let start = i;
    while i < chars.len() && !chars[i].is_whitespace() && chars[i] != ')' {
        i += 1;
    }
    let value: String = chars[start..i].iter().collect();
    let (op, v) = if let Some(v) = value.strip_prefix(">=") {
        (">=", v)
    } else if let Some(v) = value.strip_prefix("<=") {
        ("<=", v)
    } else if let Some(v) = value.strip_prefix('>') {
        (">", v)
    } else if let Some(v) = value.strip_prefix('<') {
        ("<", v)
    } else {
        ("", value.as_str())
    };
    let v = v.trim_matches('"');
    let out = match op {
        ">=" => format!("[{} TO *}}", rfc3339(period_start(v)?)),
        ">" => format!("{{{} TO *}}", rfc3339(period_end(v)?)),
        "<=" => format!("{{* TO {}]", rfc3339(period_end(v)?)),
        "<" => format!("{{* TO {}}}", rfc3339(period_start(v)?)),
        _ => format!(
            "[{} TO {}]",
            rfc3339(period_start(v)?),
            rfc3339(period_end(v)?)
        ),
    };
    Ok((out, i))
}

fn rfc3339(d: DateTime) -> String {
    d.into_utc()
        .format(&time::format_description::well_known::Rfc3339)
        .unwrap_or_default()
}

/// First second of the year, month, day (or the exact time) a user wrote.
pub fn period_start(s: &str) -> Result<DateTime> {
    parse_period(s).map(|(a, _)| a)
}

/// Last second of the year, month, day (or the exact time) a user wrote.
pub fn period_end(s: &str) -> Result<DateTime> {
    parse_period(s).map(|(_, b)| b)
}

fn parse_period(s: &str) -> Result<(DateTime, DateTime)> {
    use time::format_description::well_known::Rfc3339;
    use time::{Date, Month, OffsetDateTime};
    let s = s.trim();
    let bad = || {
        Error::BadQuery(format!(
            "bad date `{s}`: use YYYY, YYYY-MM, YYYY-MM-DD or RFC 3339 (2005-03-01T12:00:00Z)"
        ))
    };
    if let Ok(dt) = OffsetDateTime::parse(s, &Rfc3339) {
        let d = DateTime::from_utc(dt);
        return Ok((d, d));
    }
    let parts: Vec<&str> = s.split('-').collect();
    let num = |p: &str, len: usize| -> Result<i32> {
        if p.len() == len && p.bytes().all(|b| b.is_ascii_digit()) {
            p.parse::<i32>().map_err(|_| bad())
        } else {
            Err(bad())
        }
    };
    let day_bounds = |d: Date, e: Date| {
        (
            DateTime::from_utc(d.midnight().assume_utc()),
            DateTime::from_utc(
                e.with_hms(23, 59, 59)
                    .map(|t| t.assume_utc())
                    .unwrap_or_else(|_| e.midnight().assume_utc()),
            ),
        )
    };
    match parts.as_slice() {
        [y] => {
            let y = num(y, 4)?;
            let a = Date::from_calendar_date(y, Month::January, 1).map_err(|_| bad())?;
            let b = Date::from_calendar_date(y, Month::December, 31).map_err(|_| bad())?;
            Ok(day_bounds(a, b))
        }
        [y, m] => {
            let y = num(y, 4)?;
            let m = Month::try_from(num(m, 2)? as u8).map_err(|_| bad())?;
            let a = Date::from_calendar_date(y, m, 1).map_err(|_| bad())?;
            let b = Date::from_calendar_date(y, m, time::util::days_in_month(m, y))
                .map_err(|_| bad())?;
            Ok(day_bounds(a, b))
        }
        [y, m, d] => {
            let y = num(y, 4)?;
            let m = Month::try_from(num(m, 2)? as u8).map_err(|_| bad())?;
            let d = num(d, 2)? as u8;
            let a = Date::from_calendar_date(y, m, d).map_err(|_| bad())?;
            Ok(day_bounds(a, a))
        }
        _ => Err(bad()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn any_value_of_a_field_is_a_bad_query() {
        for q in [
            "title:*",
            "budget source:*",
            "title:(*)",
            "title: *",
            "quote:(pass OR *)",
            "(speaker:*)^2",
        ] {
            let err = prepare(q).unwrap_err().to_string();
            assert!(
                err.contains(":*` (any value) is not supported"),
                "{q}: {err}"
            );
        }
        // A bare `*` is every article, and a trailing `*` is a prefix: both still work.
        for q in ["*", "(*)", "budget *", "title:bud*", "title:\"*\""] {
            assert!(prepare(q).is_ok(), "{q}");
        }
    }

    #[test]
    fn date_range_gets_whole_days() {
        let (q, _) = prepare("body:x date:[2005-01-01 TO 2005-12-31]").unwrap();
        assert_eq!(
            q,
            "body:x date:[2005-01-01T00:00:00Z TO 2005-12-31T23:59:59Z]"
        );
    }

    #[test]
    fn single_year_is_a_range() {
        let (q, _) = prepare("date:2005").unwrap();
        assert_eq!(q, "date:[2005-01-01T00:00:00Z TO 2005-12-31T23:59:59Z]");
    }

    #[test]
    fn comparison() {
        let (q, _) = prepare("date:>=2005-03").unwrap();
        assert_eq!(q, "date:[2005-03-01T00:00:00Z TO *}");
    }

    #[test]
    fn bad_date_is_named() {
        let err = prepare("date:[2005-13-01 TO 2006]")
            .unwrap_err()
            .to_string();
        assert!(err.contains("2005-13-01"), "{err}");
    }

    #[test]
    fn unknown_field_is_named() {
        let err = prepare("colour:red").unwrap_err().to_string();
        assert!(err.contains("colour"), "{err}");
    }

    #[test]
    fn unbalanced_quote() {
        let err = prepare("\"very unfair").unwrap_err().to_string();
        assert!(err.contains("unbalanced"), "{err}");
    }

    #[test]
    fn highlights_phrases_and_words_not_negations() {
        let (_, hl) = prepare("\"homeland security\" budget -cuts OR title:senate").unwrap();
        assert_eq!(
            hl.phrases,
            vec![(None, vec!["homeland".to_string(), "security".to_string()])]
        );
        assert_eq!(
            hl.words,
            vec![
                (None, "budget".to_string()),
                (Some("title".to_string()), "senate".to_string())
            ]
        );
    }

    #[test]
    fn slop_suffix_kept() {
        let (q, hl) = prepare("\"bad answers\"~2").unwrap();
        assert_eq!(q, "\"bad answers\"~2");
        assert_eq!(hl.phrases.len(), 1);
    }

    #[test]
    fn colon_without_field_name_is_an_error_not_a_hang() {
        // Found by the proptest below: these looped forever.
        for q in [":", ":x", "a :b", "title::x", "budget title: :"] {
            let err = prepare(q).unwrap_err().to_string();
            assert!(err.contains("field name"), "{q}: {err}");
        }
    }

    // In-tree stand-in for the `fuzz/` query target: query-shaped noise never panics.
    proptest::proptest! {
        #[test]
        fn prepare_never_panics(q in r#"[a-z:\[\]{}()"~*^<>=+\-0-9 TO\\.é“]{0,60}"#) {
            let _ = prepare(&q);
        }

        #[test]
        fn prepare_never_panics_on_any_text(q in proptest::prelude::any::<String>()) {
            let _ = prepare(&q);
        }
    }
}
