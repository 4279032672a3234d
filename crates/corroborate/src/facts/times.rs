//! Dates and times a report gives: absolute ("February 12, 2022", "in 2013", "April 2022",
//! read by Duckling) and relative ("Wednesday", "last month", "nearly three years ago"),
//! anchored to the publication date when it is known (news convention: a bare weekday is the
//! latest such day on or before publication).

use super::parse::Parsed;
use super::words::words;
use chrono::{Datelike, Months, NaiveDate, Weekday};
use duckling::{DimensionValue, Grain, TimePoint, TimeValue};
use regex::Regex;
use std::ops::Range;
use std::sync::LazyLock;

/// A date mentioned in a sentence.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DateMention {
    /// Byte range in the sentence.
    pub range: Range<usize>,
    /// As written ("Wednesday", "February 12, 2022").
    pub surface: String,
    /// The normalised value: "2022-02-12", "2022-04", "2013"; for what cannot be anchored,
    /// the relative form in lower case ("wednesday", "last month").
    pub value: String,
    /// Whether `value` is a calendar date (absolute, or anchored to the publication date).
    pub anchored: bool,
}

const WEEKDAYS: [(&str, Weekday); 7] = [
    ("monday", Weekday::Mon),
    ("tuesday", Weekday::Tue),
    ("wednesday", Weekday::Wed),
    ("thursday", Weekday::Thu),
    ("friday", Weekday::Fri),
    ("saturday", Weekday::Sat),
    ("sunday", Weekday::Sun),
];

/// Dates of one sentence. `parsed`: what Duckling found in it; `published`: the article's
/// publication day, if known.
pub fn dates(sentence: &str, parsed: &Parsed, published: Option<NaiveDate>) -> Vec<DateMention> {
    let mut out: Vec<DateMention> = Vec::new();
    for e in parsed {
        let DimensionValue::Time(tv) = &e.value else {
            continue;
        };
        let Some(body) = sentence.get(e.start..e.end) else {
            continue;
        };
        // Only what is written absolutely: a year of four digits in the text.
        if !words(body)
            .iter()
            .any(|w| w.text.len() == 4 && w.text.bytes().all(|b| b.is_ascii_digit()))
        {
            continue;
        }
        // "In 2013" stays "2013"; the preposition is not part of the date.
        let body = body
            .trim_start_matches(|c: char| c.is_alphabetic() && c.is_lowercase())
            .trim();
        let point = match tv {
            TimeValue::Single { value, .. } => Some(value),
            TimeValue::Interval { from, .. } => from.as_ref(),
        };
        let Some(value) = point.and_then(format_point) else {
            continue;
        };
        out.push(DateMention {
            range: e.start..e.end,
            surface: body.trim().to_string(),
            value,
            anchored: true,
        });
    }
    let forward = looks_forward(&words(sentence));
    for (range, value, anchored) in month_dates(sentence, published, forward) {
        let Some(surface) = sentence.get(range.clone()) else {
            continue;
        };
        // The full date replaces the bare year inside it.
        out.retain(|d| !(d.range.start < range.end && range.start < d.range.end));
        out.push(DateMention {
            surface: surface.to_string(),
            range,
            value,
            anchored,
        });
    }
    // "in December", "since March": a month named alone.
    for (range, value, anchored) in bare_months(sentence, published, forward) {
        if out
            .iter()
            .any(|d| d.range.start < range.end && range.start < d.range.end)
        {
            continue;
        }
        let Some(surface) = sentence.get(range.clone()) else {
            continue;
        };
        out.push(DateMention {
            surface: surface.to_string(),
            range,
            value,
            anchored,
        });
    }
    // "three years ago": a date relative to publication.
    for e in parsed {
        let DimensionValue::Duration {
            normalized_seconds, ..
        } = &e.value
        else {
            continue;
        };
        let rest = sentence.get(e.end..).unwrap_or("");
        if !rest.trim_start().to_lowercase().starts_with("ago") {
            continue;
        }
        let gap = rest.len().saturating_sub(rest.trim_start().len());
        let end = e.end.saturating_add(gap).saturating_add(3);
        let Some(surface) = sentence.get(e.start..end) else {
            continue;
        };
        let (value, anchored) = match published {
            Some(p) => {
                // "4.5 billion years ago" is past any calendar: no date, not a panic.
                let Some(day) = chrono::Duration::try_seconds(*normalized_seconds)
                    .and_then(|back| p.checked_sub_signed(back))
                else {
                    continue;
                };
                (day.format("%Y-%m").to_string(), true)
            }
            None => (surface.to_lowercase(), false),
        };
        out.push(DateMention {
            range: e.start..end,
            surface: surface.to_string(),
            value,
            anchored,
        });
    }
    let ws = words(sentence);
    let forward = looks_forward(&ws);
    for (k, w) in ws.iter().enumerate() {
        if out
            .iter()
            .any(|d| d.range.start <= w.start && w.end <= d.range.end)
        {
            continue;
        }
        let lower = super::words::strip_possessive(w.text).to_lowercase();
        if let Some((_, wd)) = WEEKDAYS.iter().find(|(n, _)| *n == lower) {
            if !w.is_capitalised() {
                continue;
            }
            let (value, anchored) = match published {
                Some(p) if forward => (next_weekday(p, *wd).to_string(), true),
                Some(p) => (last_weekday(p, *wd).to_string(), true),
                None => (lower.clone(), false),
            };
            out.push(DateMention {
                range: w.start..w.end,
                surface: w.text.to_string(),
                value,
                anchored,
            });
            continue;
        }
        let Some(p) = k.checked_sub(1).and_then(|p| ws.get(p)) else {
            continue;
        };
        if p.text.to_lowercase() == "last" && matches!(lower.as_str(), "week" | "month" | "year") {
            let (value, anchored) = match (published, lower.as_str()) {
                (Some(d), "month") => (
                    d.checked_sub_months(Months::new(1))
                        .map_or(String::new(), |m| m.format("%Y-%m").to_string()),
                    true,
                ),
                // A year of chrono's range, far from i32's ends.
                (Some(d), "year") => (d.year().saturating_sub(1).to_string(), true),
                _ => (format!("last {lower}"), false),
            };
            if value.is_empty() {
                continue;
            }
            let Some(surface) = sentence.get(p.start..w.end) else {
                continue;
            };
            out.push(DateMention {
                range: p.start..w.end,
                surface: surface.to_string(),
                value,
                anchored,
            });
        }
    }
    out.sort_by_key(|d| d.range.start);
    out
}

// A literal pattern: it compiles (the tests run it), so `expect` cannot fire.
#[allow(clippy::expect_used)]
static THAT_YEAR: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)\b(?:(?P<n>a|an|one|two|three|four|five|six|seven|eight|nine|ten|\d{1,2}) years? (?P<dir>later|earlier)|(?:(?:later|earlier) )?(?:that same|the same|that) year|the (?P<rel>following|previous|preceding) year)\b",
    )
    .expect("static regex")
});

/// The calendar year a date stands in, when it is anchored.
pub fn year_of(d: &DateMention) -> Option<i32> {
    if !d.anchored {
        return None;
    }
    d.value.get(..4).and_then(|y| y.parse().ok())
}

/// How many years "that year", "a year later", "the previous year", "41 years later" move
/// from the year before them.
fn year_shift(c: &regex::Captures<'_>) -> Option<i32> {
    if let Some(rel) = c.name("rel") {
        return Some(if rel.as_str().eq_ignore_ascii_case("following") {
            1
        } else {
            -1
        });
    }
    let (Some(n), Some(dir)) = (c.name("n"), c.name("dir")) else {
        return Some(0);
    };
    let n = i32::try_from(small_count(n.as_str())?).ok()?;
    Some(if dir.as_str().eq_ignore_ascii_case("later") {
        n
    } else {
        n.checked_neg()?
    })
}

/// A small count written as a word or in digits: "a", "one" … "twelve", "10".
fn small_count(word: &str) -> Option<u32> {
    Some(match word.to_lowercase().as_str() {
        "a" | "an" | "one" => 1,
        "two" => 2,
        "three" => 3,
        "four" => 4,
        "five" => 5,
        "six" => 6,
        "seven" => 7,
        "eight" => 8,
        "nine" => 9,
        "ten" => 10,
        "eleven" => 11,
        "twelve" => 12,
        digits => digits.parse().ok()?,
    })
}

/// How far back an unanchored relative date points, in whole units of one calendar unit:
/// "last week" and "a week ago" are (1, "week"), "two weeks ago" (2, "week"), "three years
/// ago" (3, "year"). `None` for anything else, a hedged span ("about two weeks ago") among
/// them: its words are then more than a count and a unit.
pub fn relative_offset(d: &DateMention) -> Option<(u32, &'static str)> {
    if d.anchored {
        return None;
    }
    let ws: Vec<String> = words(&d.value)
        .iter()
        .map(|w| w.text.to_lowercase())
        .collect();
    let unit = |w: &str| -> Option<&'static str> {
        ["day", "week", "month", "year", "decade"]
            .into_iter()
            .find(|u| w == *u || w.strip_suffix('s') == Some(*u))
    };
    match ws.iter().map(String::as_str).collect::<Vec<_>>().as_slice() {
        ["last", u] => Some((1, unit(u)?)),
        [n, u, "ago"] => Some((small_count(n)?, unit(u)?)),
        _ => None,
    }
}

/// "that year", "later that year", "that same year", "the same year", "a year later",
/// "41 years later", "the following year", "the previous year": a year counted from the year
/// named last before the phrase, in its sentence (`found`: the sentence's dates) or, failing
/// that, `year_before` (the year the sentences just before it named). With no year to point
/// back to, the phrase dates nothing.
pub fn that_year(
    sentence: &str,
    found: &[DateMention],
    year_before: Option<i32>,
) -> Vec<DateMention> {
    THAT_YEAR
        .captures_iter(sentence)
        .filter_map(|c| {
            let m = c.get(0)?;
            if found
                .iter()
                .any(|d| d.range.start < m.end() && m.start() < d.range.end)
            {
                return None;
            }
            let base = found
                .iter()
                .filter(|d| d.range.end <= m.start())
                .filter_map(year_of)
                .next_back()
                .or(year_before)?;
            let year = base.checked_add(year_shift(&c)?)?;
            Some(DateMention {
                range: m.range(),
                surface: m.as_str().to_string(),
                value: year.to_string(),
                anchored: true,
            })
        })
        .collect()
}

// A literal pattern: it compiles (the tests run it), so `expect` cannot fire.
#[allow(clippy::expect_used)]
static MONTH_DATE: LazyLock<Regex> = LazyLock::new(|| {
    let m = "(January|February|March|April|May|June|July|August|September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\\.?";
    Regex::new(&format!(
        r"(?i)\b(?:{m}\s+(\d{{1,2}})(?:st|nd|rd|th)?(?:,?\s+(\d{{4}}))?|(\d{{1,2}})(?:st|nd|rd|th)?\s+{m}(?:,?\s+(\d{{4}}))?|{m}\s+(\d{{4}}))\b"
    ))
    .expect("static regex")
});

fn month_number(name: &str) -> Option<u32> {
    let l = name.to_lowercase();
    [
        "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
    ]
    .iter()
    .zip(1..)
    .find(|(m, _)| l.starts_with(*m))
    .map(|(_, n)| n)
}

/// Dates with a month name: "February 12, 2022", "12 February 2022", "April 2022", and
/// "May 3" (the latest such day on or before publication when the year is left out).
///
/// In a sentence that looks forward ("a May 12 deadline", "will vote on May 3") the day is in
/// the year of publication even when it comes after it.
fn month_dates(
    sentence: &str,
    published: Option<NaiveDate>,
    forward: bool,
) -> Vec<(Range<usize>, String, bool)> {
    let mut out = Vec::new();
    for c in MONTH_DATE.captures_iter(sentence) {
        let Some(all) = c.get(0) else { continue };
        let num = |i: usize| c.get(i).and_then(|m| m.as_str().parse::<i32>().ok());
        // "May" is also a verb: a lower-case month name is no date.
        let month_name = c.get(1).or(c.get(5)).or(c.get(7));
        let Some(name) = month_name else { continue };
        if name.as_str().chars().next().is_some_and(char::is_lowercase) {
            continue;
        }
        let Some(month) = month_number(name.as_str()) else {
            continue;
        };
        let (day, year) = if c.get(1).is_some() {
            (num(2), num(3))
        } else if c.get(5).is_some() {
            (num(4), num(6))
        } else {
            (None, num(8))
        };
        let value = match (day, year) {
            (Some(d), Some(y)) => NaiveDate::from_ymd_opt(y, month, u32::try_from(d).unwrap_or(0))
                .map(|x| (x.to_string(), true)),
            (None, Some(y)) => {
                NaiveDate::from_ymd_opt(y, month, 1).map(|x| (x.format("%Y-%m").to_string(), true))
            }
            (Some(d), None) => {
                let d = u32::try_from(d).unwrap_or(0);
                match published {
                    Some(p) => NaiveDate::from_ymd_opt(p.year(), month, d)
                        .map(|x| {
                            if x > p && !forward {
                                p.year()
                                    .checked_sub(1)
                                    .and_then(|y| NaiveDate::from_ymd_opt(y, month, d))
                                    .unwrap_or(x)
                            } else {
                                x
                            }
                        })
                        .map(|x| (x.to_string(), true)),
                    None => NaiveDate::from_ymd_opt(2000, month, d)
                        .map(|x| (x.format("%B %-d").to_string().to_lowercase(), false)),
                }
            }
            (None, None) => None,
        };
        if let Some((v, anchored)) = value {
            out.push((all.range(), v, anchored));
        }
    }
    out
}

// A literal pattern: it compiles (the tests run it), so `expect` cannot fire.
#[allow(clippy::expect_used)]
static BARE_MONTH: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"\b(?:[Ii]n|[Ss]ince|[Uu]ntil|[Bb]y|[Dd]uring|[Tt]hrough|[Ff]rom|[Ee]arly|[Ll]ate|[Mm]id|[Ll]ast|[Nn]ext|[Tt]his)[\s-]+(January|February|March|April|May|June|July|August|September|October|November|December)\b",
    )
    .expect("static regex")
});

/// A month named alone after a word that makes it a time ("in December", "since March",
/// "late May"; "May" alone is a verb as often): the month of the latest such month on or
/// before publication (the next one in a sentence that looks forward) when the article is
/// dated, else its name in lower case, unanchored. A month followed by a day or a year is
/// [`month_dates`]'s.
fn bare_months(
    sentence: &str,
    published: Option<NaiveDate>,
    forward: bool,
) -> Vec<(Range<usize>, String, bool)> {
    let mut out = Vec::new();
    for c in BARE_MONTH.captures_iter(sentence) {
        let Some(name) = c.get(1) else { continue };
        let rest = sentence.get(name.end()..).unwrap_or("").trim_start();
        if rest.starts_with(|ch: char| ch.is_ascii_digit()) {
            continue;
        }
        let Some(month) = month_number(name.as_str()) else {
            continue;
        };
        let value = match published {
            Some(p) => {
                let this = NaiveDate::from_ymd_opt(p.year(), month, 1);
                let year = match this {
                    Some(d) if forward && d.month() < p.month() => p.year().checked_add(1),
                    Some(d) if !forward && d.month() > p.month() => p.year().checked_sub(1),
                    _ => Some(p.year()),
                };
                year.and_then(|y| NaiveDate::from_ymd_opt(y, month, 1))
                    .map(|d| (d.format("%Y-%m").to_string(), true))
            }
            None => Some((name.as_str().to_lowercase(), false)),
        };
        if let Some((v, anchored)) = value {
            out.push((name.range(), v, anchored));
        }
    }
    out
}

/// The sentence speaks of what is to come ("will", "ahead of", "deadline", "next",
/// "scheduled"): a bare weekday in it is the next such day, not the last.
pub fn looks_forward(ws: &[super::words::Word<'_>]) -> bool {
    let lower: Vec<String> = ws.iter().map(|w| w.text.to_lowercase()).collect();
    let next_is_to = |k: usize| {
        k.checked_add(1)
            .and_then(|n| lower.get(n))
            .is_some_and(|n| n == "to")
    };
    lower.iter().enumerate().any(|(k, w)| {
        matches!(
            w.as_str(),
            "will"
                | "won't"
                | "deadline"
                | "upcoming"
                | "scheduled"
                | "slated"
                | "expected"
                | "ahead"
                | "tomorrow"
                | "next"
                | "shall"
        ) || ((w == "set" || w == "due") && next_is_to(k))
    })
}

/// The earliest `wd` on or after `day`.
fn next_weekday(day: NaiveDate, wd: Weekday) -> NaiveDate {
    let ahead = wd.days_since(day.weekday());
    day.checked_add_days(chrono::Days::new(u64::from(ahead)))
        .unwrap_or(day)
}

/// The latest `wd` on or before `day`.
fn last_weekday(day: NaiveDate, wd: Weekday) -> NaiveDate {
    let back = day.weekday().days_since(wd);
    day.checked_sub_days(chrono::Days::new(u64::from(back)))
        .unwrap_or(day)
}

fn format_point(p: &TimePoint) -> Option<String> {
    let (dt, grain) = match p {
        TimePoint::Naive { value, grain } => (*value, *grain),
        TimePoint::Instant { value, grain } => (value.naive_local(), *grain),
    };
    let d = dt.date();
    Some(match grain {
        Grain::Year => d.format("%Y").to_string(),
        Grain::Quarter | Grain::Month => d.format("%Y-%m").to_string(),
        Grain::Week | Grain::Day => d.format("%Y-%m-%d").to_string(),
        _ => d.format("%Y-%m-%d").to_string(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::facts::parse::parse;

    fn d(s: &str, published: Option<NaiveDate>) -> Vec<(String, bool)> {
        let reference =
            published.unwrap_or(NaiveDate::from_ymd_opt(2000, 1, 1).unwrap_or_default());
        dates(s, &parse(s, reference), published)
            .into_iter()
            .map(|x| (x.value, x.anchored))
            .collect()
    }

    #[test]
    fn a_month_named_alone() {
        assert_eq!(
            d("He pleaded guilty in December to lying.", None),
            vec![("december".into(), false)]
        );
        let p = NaiveDate::from_ymd_opt(2018, 5, 1);
        assert_eq!(
            d("He pleaded guilty in December to lying.", p),
            vec![("2017-12".into(), true)]
        );
        assert_eq!(
            d("The vote will be held in June.", p),
            vec![("2018-06".into(), true)]
        );
        // "May" the verb, and a month with its day, are no month alone.
        assert!(d("Trump may decide soon.", None).is_empty());
        assert_eq!(
            d("It happened in March 2017.", None),
            vec![("2017-03".into(), true)]
        );
    }

    #[test]
    fn spans_counted_back_from_an_unknown_day() {
        let offsets = |s: &str| -> Vec<Option<(u32, &'static str)>> {
            dates(s, &parse(s, NaiveDate::default()), None)
                .iter()
                .map(relative_offset)
                .collect()
        };
        assert_eq!(offsets("He was hired last week."), vec![Some((1, "week"))]);
        assert_eq!(
            offsets("Two weeks ago, he was hired."),
            vec![Some((2, "week"))]
        );
        assert_eq!(offsets("It began 10 years ago."), vec![Some((10, "year"))]);
        // Anchored dates and weekdays are no offsets.
        assert_eq!(offsets("He was hired on Monday."), vec![None]);
        let p = NaiveDate::from_ymd_opt(2018, 5, 1);
        let s = "It began 10 years ago.";
        assert!(dates(s, &parse(s, NaiveDate::default()), p)
            .iter()
            .all(|d| relative_offset(d).is_none()));
    }

    #[test]
    fn spans_past_the_calendar_give_no_date_and_no_panic() {
        // Seen on real newswire: chrono's Duration::seconds panicked on these.
        let p = NaiveDate::from_ymd_opt(1998, 5, 4);
        for s in [
            "The rocks developed gradually several million years ago, he said.",
            "The Earth formed about 4.5 billion years ago.",
            "Some 13.8 billion years ago the universe began.",
        ] {
            let got = d(s, p);
            assert!(got.iter().all(|(v, _)| !v.is_empty()), "{s}: {got:?}");
        }
        assert_eq!(
            d("The call came three years ago.", p),
            vec![("1995-05".into(), true)]
        );
        let early = NaiveDate::from_ymd_opt(-262_000, 1, 2);
        assert!(d("It happened on Monday.", early).len() <= 1);
    }

    #[test]
    fn years_counted_from_the_year_before() {
        let years = |s: &str, before: Option<i32>| -> Vec<String> {
            let found = dates(s, &parse(s, NaiveDate::default()), None);
            that_year(s, &found, before)
                .into_iter()
                .map(|x| x.value)
                .collect()
        };
        assert_eq!(
            years("A year later, he was convicted.", Some(1958)),
            ["1959"]
        );
        assert_eq!(
            years("Five years later he was indicted.", Some(1973)),
            ["1978"]
        );
        assert_eq!(
            years(
                "This morning, 41 years later, police arrested her.",
                Some(1967)
            ),
            ["2008"]
        );
        assert_eq!(
            years("Ratings fell from the previous year.", Some(2008)),
            ["2007"]
        );
        assert_eq!(
            years("He returned the following year.", Some(2001)),
            ["2002"]
        );
        assert_eq!(
            years("Later that year, he shot his father.", Some(1957)),
            ["1957"]
        );
        // A year in the sentence itself comes first.
        assert_eq!(
            years(
                "He was acquitted in 1958 and that same year retired.",
                Some(1940)
            ),
            ["1958"]
        );
        // Nothing to count from: no date.
        assert!(years("A year later, he was convicted.", None).is_empty());
    }

    #[test]
    fn absolute_dates() {
        assert_eq!(
            d(
                "the tense February 12, 2022, call between Joe Biden and Putin",
                None
            ),
            vec![("2022-02-12".into(), true)]
        );
        assert_eq!(
            d("Barack Obama in 2013 for a G20 summit", None),
            vec![("2013".into(), true)]
        );
        assert_eq!(
            d("aid to Kyiv since April 2022.", None),
            vec![("2022-04".into(), true)]
        );
    }

    #[test]
    fn relative_dates_anchor_to_publication() {
        let thu = NaiveDate::from_ymd_opt(2025, 2, 13);
        assert_eq!(
            d("a phone call on Wednesday morning", thu),
            vec![("2025-02-12".into(), true)]
        );
        assert_eq!(
            d("a phone call on Wednesday morning", None),
            vec![("wednesday".into(), false)]
        );
        assert_eq!(
            d("since his return to office last month", thu),
            vec![("2025-01".into(), true)]
        );
        assert_eq!(
            d("Tuesday’s prisoner exchange", None),
            vec![("tuesday".into(), false)]
        );
        assert!(d("they may want to march", None).is_empty());
        // Looking forward: the next Thursday, not the last.
        assert_eq!(
            d("Candidates prepared ahead of Thursday's debate.", thu),
            vec![("2025-02-13".into(), true)]
        );
        assert_eq!(
            d("The Senate will vote on Friday.", thu),
            vec![("2025-02-14".into(), true)]
        );
        assert_eq!(
            d("The Senate voted on Friday.", thu),
            vec![("2025-02-07".into(), true)]
        );
        assert_eq!(
            d("checked in on May 3.", thu),
            vec![("2024-05-03".into(), true)]
        );
        assert_eq!(
            d("from September 2010 to 12 January 2011", None),
            vec![("2010-09".into(), true), ("2011-01-12".into(), true)]
        );
    }
}
