//! Tallies a report gives: a score ("a 45-35 lead", "beat Drake 65-53"), a vote ("the Senate
//! voted 51-50", "a 5-4 decision"), a record ("improved to 11-5"). Two numbers joined by a
//! hyphen, told as a tally by the words around them; a range ("ages 8-10", "10-12 years"), a
//! height ("6-foot-9") or a code is none.

use super::words::words;
use regex::Regex;
use std::ops::Range;
use std::sync::LazyLock;

/// A tally in a sentence.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Tally {
    /// Byte range in the sentence.
    pub range: Range<usize>,
    /// As written ("45 - 35").
    pub surface: String,
    /// The larger number: "35-45" and "45-35" are one score seen from either side.
    pub high: u32,
    /// The smaller number.
    pub low: u32,
}

impl Tally {
    /// The tally as a reader writes it: "45-35".
    pub fn value(&self) -> String {
        format!("{}-{}", self.high, self.low)
    }
}

// A literal pattern: it compiles (the tests run it), so `expect` cannot fire.
#[allow(clippy::expect_used)]
static TALLY: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\b(\d{1,3}) ?[-\u{2013}] ?(\d{1,3})\b").expect("static regex"));

/// Words right before a number pair that make it a tally.
// A literal pattern: it compiles (the tests run it), so `expect` cannot fire.
#[allow(clippy::expect_used)]
static VOTE_TO: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(?:(?:votes?|voted|margin|tally)(?: of)? (\d{1,3}) to (\d{1,3})|(\d{1,3})-to-(\d{1,3}))\b")
        .expect("static regex")
});

/// A poll's two shares: "52% to 42%", "51 percent to 43 percent", "52 percent to 42".
// A literal pattern: it compiles (the tests run it), so `expect` cannot fire.
#[allow(clippy::expect_used)]
static SHARES_TO: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(\d{1,2}) ?(?:%|percent\b|per cent\b),? to (\d{1,2})\b(?: ?(?:%|percent\b|per cent\b))?")
        .expect("static regex")
});

#[rustfmt::skip]
const BEFORE: &[&str] = &[
    "at", "to", "a", "an", "the", "its", "their", "his", "her", "beat", "beats", "defeated",
    "topped", "edged", "won", "lost", "fell", "led", "leads", "leading", "trailed", "trailing",
    "tied", "voted", "vote", "of", "by", "record", "over", "past", "from", "make", "made", "it",
    "and", "then", "ruled", "passed", "approved", "rejected", "upheld", "confirmed", "split",
];

/// Words right after a number pair that make it a tally.
#[rustfmt::skip]
const AFTER: &[&str] = &[
    "lead", "win", "victory", "loss", "defeat", "vote", "votes", "decision", "ruling", "record",
    "edge", "advantage", "deficit", "margin", "tie", "halftime", "overtime", "final", "score",
    "run", "majority", "in", "on", "with", "and", "after", "over", "against", "to",
];

/// Words before a number pair that make it a range or a label, not a tally (and month or
/// weekday names: "July 11-12").
#[rustfmt::skip]
const RANGE_BEFORE: &[&str] = &[
    "ages", "aged", "age", "weeks", "week", "pages", "page", "chapters", "chapter", "grades",
    "grade", "between", "rounds", "round", "games", "nos", "no", "highway", "route", "interstate",
    "room", "rooms", "seasons", "days", "hours", "years", "months", "minutes",
];

/// Words after a number pair that make it a range of a unit ("10-12 years").
#[rustfmt::skip]
const RANGE_AFTER: &[&str] = &[
    "percent", "per", "years", "year", "months", "month", "weeks", "week", "days", "day",
    "hours", "hour", "minutes", "minute", "seconds", "people", "times", "feet", "foot", "inches",
    "miles", "mph", "am", "pm", "million", "billion", "thousand", "degrees", "pounds",
];

/// The tallies of one sentence.
pub fn tallies(sentence: &str) -> Vec<Tally> {
    let ws = words(sentence);
    let mut out = Vec::new();
    for c in TALLY.captures_iter(sentence) {
        let (Some(all), Some(x), Some(y)) = (c.get(0), c.get(1), c.get(2)) else {
            continue;
        };
        // Part of a longer chain ("1-2-3", "555-1234-56", "6-foot-9", "2, 129"): no tally.
        let before_text = sentence.get(..all.start()).unwrap_or("").trim_end();
        let after_text = sentence.get(all.end()..).unwrap_or("").trim_start();
        if before_text.ends_with(['-', '\u{2013}', ',', '.', ':', '/', '$', '#'])
            || after_text.starts_with(['-', '\u{2013}', ':', '/', '%'])
            || ["a.m", "p.m", "a. m", "p. m"]
                .iter()
                .any(|clock| after_text.to_lowercase().starts_with(clock))
            || (after_text.starts_with([',', '.'])
                && after_text
                    .get(1..2)
                    .is_some_and(|d| d.chars().all(|c| c.is_ascii_digit())))
        {
            continue;
        }
        let prev = ws
            .iter()
            .rfind(|w| w.end <= all.start())
            .map(|w| w.text.to_lowercase());
        let next = ws
            .iter()
            .find(|w| w.start >= all.end())
            .map(|w| w.text.to_lowercase());
        let is = |w: &Option<String>, set: &[&str]| w.as_deref().is_some_and(|w| set.contains(&w));
        let calendar = prev
            .as_deref()
            .is_some_and(|w| super::gazetteer::is_calendar_word(w.trim_end_matches('.')));
        if calendar || is(&prev, RANGE_BEFORE) || is(&next, RANGE_AFTER) {
            continue;
        }
        let at_end = next.is_none() || after_text.starts_with([')', ',', '.', ';']);
        let bracketed = before_text.ends_with('(');
        if !(is(&prev, BEFORE) || is(&next, AFTER) || at_end || bracketed) {
            continue;
        }
        let (Ok(a), Ok(b)) = (x.as_str().parse::<u32>(), y.as_str().parse::<u32>()) else {
            continue;
        };
        out.push(Tally {
            range: all.range(),
            surface: all.as_str().to_string(),
            high: a.max(b),
            low: a.min(b),
        });
    }
    // "by a vote of 51 to 48", "voted 51 to 48", "a 51-to-48 vote".
    for c in VOTE_TO.captures_iter(sentence) {
        let (Some(x), Some(y)) = (c.get(1).or(c.get(3)), c.get(2).or(c.get(4))) else {
            continue;
        };
        push_new(
            &mut out,
            sentence,
            x.start()..y.end(),
            x.as_str(),
            y.as_str(),
        );
    }
    // "leads Trump 52% to 42%": two shares of one poll; "rose from 10% to 12%" is a change.
    for c in SHARES_TO.captures_iter(sentence) {
        let (Some(all), Some(x), Some(y)) = (c.get(0), c.get(1), c.get(2)) else {
            continue;
        };
        let prev = ws
            .iter()
            .rfind(|w| w.end <= all.start())
            .map(|w| w.text.to_lowercase());
        if prev
            .as_deref()
            .is_some_and(|p| matches!(p, "from" | "between"))
        {
            continue;
        }
        push_new(&mut out, sentence, all.range(), x.as_str(), y.as_str());
    }
    out.sort_by_key(|t| t.range.start);
    out
}

/// Adds the tally of `x` to `y` written at `range`, unless a tally already found overlaps it
/// or a number does not parse.
fn push_new(out: &mut Vec<Tally>, sentence: &str, range: Range<usize>, x: &str, y: &str) {
    if out
        .iter()
        .any(|t| t.range.start < range.end && range.start < t.range.end)
    {
        return;
    }
    let (Ok(a), Ok(b)) = (x.parse::<u32>(), y.parse::<u32>()) else {
        return;
    };
    out.push(Tally {
        surface: sentence.get(range.clone()).unwrap_or_default().to_string(),
        range,
        high: a.max(b),
        low: a.min(b),
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    fn values(s: &str) -> Vec<String> {
        tallies(s).iter().map(Tally::value).collect()
    }

    #[test]
    fn votes_written_with_to() {
        assert_eq!(
            values("The Senate confirmed him by a vote of 51 to 48 on Saturday."),
            ["51-48"]
        );
        assert_eq!(
            values("The House voted 240 to 188 for the bill."),
            ["240-188"]
        );
        assert_eq!(values("It passed on a 5-to-4 ruling."), ["5-4"]);
        // "from 10 to 12" is no vote.
        assert!(values("Deaths rose from 10 to 12 on Sunday.").is_empty());
    }

    #[test]
    fn a_polls_two_shares_are_a_tally_and_a_change_is_not() {
        assert_eq!(
            values("Joe Biden leads Donald Trump 52% to 42% among registered voters."),
            ["52-42"]
        );
        assert_eq!(
            values("The poll shows Biden ahead 51 percent to 43 percent."),
            ["51-43"]
        );
        assert_eq!(values("He led 48 percent to 45 in Ohio."), ["48-45"]);
        assert!(values("Turnout rose from 55% to 61% in four years.").is_empty());
    }

    #[test]
    fn scores_votes_and_records_are_tallies() {
        assert_eq!(
            values("Creighton would take its first double - digit lead of the day at 45 - 35 on a pair of Artino free throws."),
            ["45-35"]
        );
        assert_eq!(values("Creighton beat Drake 65-53 on Sunday."), ["65-53"]);
        assert_eq!(values("The Senate voted 50-51 on the measure."), ["51-50"]);
        assert_eq!(values("The court ruled in a 5-4 decision."), ["5-4"]);
        assert_eq!(values("The Bluejays (25-7) play next."), ["25-7"]);
    }

    #[test]
    fn ranges_heights_and_chains_are_not() {
        assert!(values("Two girls, ages 8-10, saw it.").is_empty());
        assert!(values("He will serve 10-12 years in prison.").is_empty());
        assert!(values("He is 6-foot-9 and weighs 260 pounds.").is_empty());
        assert!(values("Call 555-123-4567 now.").is_empty());
        assert!(values("Turnout rose 10-15 percent.").is_empty());
        assert!(values("The store is open 9-11 a.m. daily.").is_empty());
        assert!(values("Rodney Buford played from 1995-99.").is_empty());
        assert!(values("The interstate 5-10 split was closed.").is_empty());
        assert!(values("A NATO summit in Brussels on July 11-12 follows.").is_empty());
    }
}
