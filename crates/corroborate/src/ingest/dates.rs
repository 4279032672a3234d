//! Publication dates, from metadata fields and from date lines at the top of a text.

use crate::article::Published;
use chrono::{DateTime, NaiveDate, Utc};
use regex::Regex;
use std::sync::LazyLock;

/// Parses a `published` value: RFC 3339, RFC 2822, an ISO date, or a written date
/// ("June 8, 2025"). A value with a time keeps it; a bare date stays a date. Deterministic:
/// missing parts are never filled from the clock or the local time zone.
pub fn parse_published(s: &str) -> Option<Published> {
    let s = s.trim();
    if s.is_empty() {
        return None;
    }
    if let Ok(t) = DateTime::parse_from_rfc3339(s) {
        return Some(Published::DateTime(t));
    }
    if let Ok(t) = DateTime::parse_from_rfc2822(s) {
        return Some(Published::DateTime(t));
    }
    if let Ok(d) = NaiveDate::parse_from_str(s, "%Y-%m-%d") {
        return Some(Published::Date(d));
    }
    if let Some(d) = find_written_date(s) {
        return Some(Published::Date(d));
    }
    if s.contains(':') {
        // A date and time in another common form; read in UTC when no zone is given.
        if let Ok(t) = dateparser::parse_with_timezone(s, &Utc) {
            return Some(Published::DateTime(t.fixed_offset()));
        }
    }
    None
}

// A literal pattern: it compiles (the tests run every one), so `expect` cannot fire.
#[allow(clippy::expect_used)]
static WRITTEN: LazyLock<Regex> = LazyLock::new(|| {
    let month = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?";
    Regex::new(&format!(
        r"(?i)(?-u:\b)(?:(?P<m1>{month})\s+(?P<d1>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<y1>\d{{4}})|(?P<d2>\d{{1,2}})(?:st|nd|rd|th)?\s+(?P<m2>{month}),?\s+(?P<y2>\d{{4}})|(?P<y3>\d{{4}})-(?P<n3>\d{{2}})-(?P<d3>\d{{2}}))(?-u:\b)"
    ))
    .expect("static regex")
});

/// The first written calendar date in `s` ("May 03, 2013", "10 Jun 2013", "2013-06-10").
pub fn find_written_date(s: &str) -> Option<NaiveDate> {
    let c = WRITTEN.captures(s)?;
    let num = |k: &str| c.name(k).and_then(|m| m.as_str().parse::<u32>().ok());
    if let (Some(y), Some(m), Some(d)) = (num("y3"), num("n3"), num("d3")) {
        return NaiveDate::from_ymd_opt(y as i32, m, d);
    }
    let (m, d, y) = if c.name("m1").is_some() {
        (c.name("m1")?.as_str(), num("d1")?, num("y1")?)
    } else {
        (c.name("m2")?.as_str(), num("d2")?, num("y2")?)
    };
    NaiveDate::from_ymd_opt(y as i32, month_number(m)?, d)
}

fn month_number(m: &str) -> Option<u32> {
    let m = m.to_ascii_lowercase();
    let names = [
        "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
    ];
    names
        .iter()
        .position(|n| m.starts_with(n))
        .and_then(|i| u32::try_from(i).ok())
        .map(|i| i.saturating_add(1))
}

// A literal pattern: it compiles (the tests run every one), so `expect` cannot fire.
#[allow(clippy::expect_used)]
static DATE_LINE_NOISE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(?:(?:published|posted|updated|last updated|date)\s*(?:on)?\s*:?\s*)")
        .expect("static regex")
});

/// When a whole line is a date ("June 8, 2025", "Published December 23, 2012",
/// "Thursday, Apr 2, 2009 | Updated 1: 32 PM PDT"), the date. Lines with other words are not.
pub fn date_line(line: &str) -> Option<NaiveDate> {
    let line = line.trim();
    if line.is_empty() || line.len() > 80 || !has_year(line) {
        return None;
    }
    if line.split_whitespace().count() > 12 {
        return None;
    }
    let first = line.split('|').next().unwrap_or(line);
    let first = DATE_LINE_NOISE.replace(first, "");
    let m = WRITTEN.find(&first)?;
    // Outside the date, only weekdays, times and zones may stand.
    let outside = format!(
        "{} {}",
        first.get(..m.start()).unwrap_or_default(),
        first.get(m.end()..).unwrap_or_default()
    );
    let allowed = outside.split(|c: char| !c.is_alphanumeric()).all(|w| {
        w.is_empty()
            || w.chars().all(|c| c.is_ascii_digit())
            || is_weekday(w)
            || matches!(
                w.to_ascii_lowercase().as_str(),
                "at" | "am"
                    | "pm"
                    | "a"
                    | "m"
                    | "p"
                    | "utc"
                    | "gmt"
                    | "et"
                    | "pt"
                    | "ct"
                    | "est"
                    | "edt"
                    | "pst"
                    | "pdt"
                    | "cst"
                    | "cdt"
                    | "bst"
                    | "cet"
                    | "cest"
                    | "on"
            )
    });
    if !allowed {
        return None;
    }
    find_written_date(&first)
}

/// Four digits in a row: every written date has its year.
fn has_year(s: &str) -> bool {
    s.as_bytes()
        .windows(4)
        .any(|w| w.iter().all(u8::is_ascii_digit))
}

fn is_weekday(w: &str) -> bool {
    let w = w.to_ascii_lowercase();
    ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]
        .iter()
        .any(|d| w.starts_with(d) && (w.len() <= 4 || w.ends_with("day")))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ymd(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).expect("valid date")
    }

    #[test]
    fn published_values_in_common_forms() {
        assert_eq!(
            parse_published("2025-02-12").map(|p| p.to_string()),
            Some("2025-02-12".into())
        );
        assert_eq!(
            parse_published("2025-02-12T14:03:00+01:00").map(|p| p.to_string()),
            Some("2025-02-12T14:03:00+01:00".into())
        );
        assert_eq!(
            parse_published("Wed, 12 Feb 2025 10:00:00 GMT").map(|p| p.date()),
            Some(ymd(2025, 2, 12))
        );
        assert_eq!(
            parse_published("June 8, 2025").map(|p| p.to_string()),
            Some("2025-06-08".into())
        );
        assert_eq!(parse_published("yesterday-ish"), None);
    }

    #[test]
    fn date_lines_are_recognised_and_prose_is_not() {
        assert_eq!(date_line("June 8, 2025"), Some(ymd(2025, 6, 8)));
        assert_eq!(date_line("DECEMBER 16, 2008"), Some(ymd(2008, 12, 16)));
        assert_eq!(
            date_line("Published December 23, 2012"),
            Some(ymd(2012, 12, 23))
        );
        assert_eq!(date_line("10 Jun 2013 09: 10"), Some(ymd(2013, 6, 10)));
        assert_eq!(
            date_line("Thursday, Apr 2, 2009 | Updated 1: 32 PM PDT"),
            Some(ymd(2009, 4, 2))
        );
        assert_eq!(date_line("November 12th, 2007"), Some(ymd(2007, 11, 12)));
        assert_eq!(date_line("The call on June 8, 2025 was long."), None);
        assert_eq!(date_line("February 30, 2025"), None);
    }
}
