//! Quantities with what they count: durations, money, percentages, ages, counts, each with
//! its hedge ("nearly", "more than", "several") kept as an interval of compatible values.
//! Duckling reads the numbers; this module filters it, reads the forms it misses
//! ("hour-and-a-half-long", "45-year-old", "several hundred thousand", "millions") and finds
//! the counted thing.

use super::parse::{is_numberish, Parsed};
use super::words::{happening_class, is_stop_word, stem, words, Word};
use duckling::{DimensionValue, MeasurementValue};
use regex::Regex;
use serde::Serialize;
use std::ops::Range;
use std::sync::LazyLock;

/// What a quantity measures.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Dimension {
    /// A length of time, in minutes.
    Duration,
    /// An amount of money, in its currency.
    Money,
    /// A share, in percent.
    Percent,
    /// A person's age, in years.
    Age,
    /// A number of things.
    Count,
    /// A distance or height, in metres ("fell 150 metres", "about 2,000 feet").
    Length,
    /// A time of day, in minutes after midnight ("about 3:10 p.m.", "shortly before
    /// midnight", "9:25 hours").
    TimeOfDay,
}

/// One quantity in a sentence.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Quantity {
    /// Byte range in the sentence.
    #[serde(skip)]
    pub range: Range<usize>,
    /// The words as written, hedge included ("nearly 90 minutes").
    pub surface: String,
    /// What it measures.
    pub dimension: Dimension,
    /// The unit of `value`, `low`, `high`: "minutes", "years", a currency code, "percent",
    /// "count".
    pub unit: String,
    /// The value as stated.
    pub value: f64,
    /// Lowest value compatible with the wording.
    pub low: f64,
    /// Highest value compatible with the wording.
    pub high: f64,
    /// "nearly", "about", "more than", "up to", "several"…, if any.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub hedge: Option<String>,
    /// What it counts or measures, as a stem ("call", "death", "nation"); empty when unknown.
    pub thing: String,
    /// The counted thing as written ("nations" for the stem "country"); empty when unknown.
    pub noun: String,
    /// What happened to it: the verb next to the quantity, as a stem ("kill" in "killing 10
    /// people", "arrest" in "200 people arrested"); empty when there is none.
    pub frame: String,
    /// A vague amount ("thousands", "dozens"): it never agrees with a precise figure, and
    /// conflicts only with what its range cannot hold.
    #[serde(skip)]
    pub vague: bool,
}

/// Largest value taken as "many" in open intervals ("millions" = 2 million or more).
const OPEN: f64 = 1e15;

// A literal pattern: it compiles (the tests run it), so `expect` cannot fire.
#[allow(clippy::expect_used)]
static AGE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(\d{1,3}|[a-z]+(?:-[a-z]+)?)(?:\s*-\s*|\s)years?(?:\s*-\s*|\s)old\b")
        .expect("static regex")
});
/// "3 p.m.", "3: 10 p. m.", "10am", "9.25 am", "9: 25 hours", "noon", "midnight".
// A literal pattern: it compiles (the tests run it), so `expect` cannot fire.
#[allow(clippy::expect_used)]
static CLOCK: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)\b(\d{1,2})(?:\s?[:.]\s?(\d{2}))?\s?(?:([ap])\s?\.?\s?m\b\.?|(hours|hrs)\b)|\b(noon|midnight)\b",
    )
    .expect("static regex")
});
/// "Robert Buckley, 32, fell", "Sharron Smith, age 61, was": an age in apposition to a name.
// A literal pattern: it compiles (the tests run it), so `expect` cannot fire.
#[allow(clippy::expect_used)]
static APPOSITION_AGE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\b[A-Z][a-z]+, ((?:aged? )?(\d{1,3})),").expect("static regex"));
// A literal pattern: it compiles (the tests run it), so `expect` cannot fire.
#[allow(clippy::expect_used)]
static ADJ_DURATION: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(?:(\d+(?:\.\d+)?|[a-z]+) ?- ?)?(hour-and-a-half|minute|hour|day|week|month|year)(?: ?- ?long)?\b")
        .expect("static regex")
});
/// "four and a half months": Duckling reads only "a half month".
// A literal pattern: it compiles (the tests run it), so `expect` cannot fire.
#[allow(clippy::expect_used)]
static AND_A_HALF: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(\d{1,3}|[a-z]+) and a half (minute|hour|day|week|month|year)s?\b")
        .expect("static regex")
});
// A literal pattern: it compiles (the tests run it), so `expect` cannot fire.
#[allow(clippy::expect_used)]
static VAGUE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(?:(several|a few|many) )?(?:(tens|hundreds) of )?(dozens|hundreds|thousands|millions|billions|hundred thousand|hundred million|dozen|hundred|thousand|million)\b")
        .expect("static regex")
});

/// Quantities of one sentence. `parsed`: what Duckling found in it.
pub fn quantities(sentence: &str, parsed: &Parsed) -> Vec<Quantity> {
    let ws = words(sentence);
    let mut out: Vec<Quantity> = Vec::new();
    own_forms(sentence, &ws, &mut out);
    for e in parsed {
        let range = e.start..e.end;
        if out.iter().any(|q| overlaps(&q.range, &range)) {
            continue;
        }
        if let Some(q) = from_duckling(sentence, &ws, e) {
            out.push(q);
        }
    }
    // "a 65 - 53 victory": one side of a score or vote is a tally's, no count of its own.
    let scores = super::tallies::tallies(sentence);
    out.retain(|q| !scores.iter().any(|t| overlaps(&t.range, &q.range)));
    out.retain(|q| {
        let zero_count = q.dimension == Dimension::Count && q.value == 0.0;
        !(negated(sentence, q.range.start)
            || clock_time(sentence, q.range.end)
            || rank_or_part(sentence, &q.range)
            || split_number(sentence, &q.range)
            || (q.dimension == Dimension::Count
                && q.hedge.is_none()
                && identifier(sentence, &ws, &q.range))
            || zero_count)
    });
    for q in &mut out {
        // "the 12000 block of East 223rd Street" names a block: a label, exact as written.
        if q.thing == "block" && q.hedge.is_none() {
            q.low = q.value;
            q.high = q.value;
        }
    }
    for q in &mut out {
        // "three-plus seasons": three or more.
        if q.hedge.is_none() && plus_after(sentence, q.range.end) {
            q.hedge = Some("plus".into());
            q.high = OPEN;
        }
    }
    for q in &mut out {
        q.frame = frame(&ws, &q.range);
        if !q.thing.is_empty() {
            // The word as written: after the figure first ("20 missile tests", not the
            // "tested" earlier in the sentence).
            let (after, before): (Vec<&Word<'_>>, Vec<&Word<'_>>) =
                ws.iter().partition(|w| w.start >= q.range.end);
            q.noun = after
                .into_iter()
                .chain(before)
                .map(|w| w.text.to_lowercase())
                .find(|l| thing_class(l) == q.thing)
                .unwrap_or_else(|| q.thing.clone());
        }
        // "a petition signed by 1.8 million people" counts signatures, as "1.8 million
        // signatures" does; "two million people voted" counts votes.
        if q.thing == "people" {
            if let Some((_, thing, noun)) = DONE_BY_PEOPLE.iter().find(|(v, ..)| *v == q.frame) {
                q.thing = (*thing).to_string();
                q.noun = (*noun).to_string();
            }
        }
    }
    out.sort_by_key(|a| a.range.start);
    // "rushed for 404 yards and two touchdowns": a figure in a list takes the verb of the
    // figure it is listed with.
    for k in 1..out.len() {
        let (head, tail) = out.split_at_mut(k);
        let (Some(prev), Some(q)) = (head.last(), tail.first_mut()) else {
            continue;
        };
        if !q.frame.is_empty() || prev.frame.is_empty() {
            continue;
        }
        let gap = words(sentence.get(prev.range.end..q.range.start).unwrap_or(""));
        let listed = gap.len() <= 3 && gap.last().is_some_and(|w| w.text == "and" || w.text == ",");
        if listed {
            q.frame = prev.frame.clone();
        }
    }
    out
}

/// Irregular past participles that follow a sum as its verb ("$130,000 paid to …").
const PAST_PARTICIPLES: &[&str] = &[
    "paid", "spent", "lost", "won", "sold", "owed", "lent", "given",
];

/// What people counted with a verb leave behind: the verb's stem, the thing counted, and
/// its noun.
const DONE_BY_PEOPLE: &[(&str, &str, &str)] = &[
    ("sign", "signatur", "signatures"),
    ("voted", "vote", "votes"),
];

/// "No. 5 seed", "#1", "28 of 41 passes" (the 41), "4 1/2", "most of a six-month sentence":
/// ranks, totals, fractions and wholes of a part are no claims of their own.
fn rank_or_part(sentence: &str, range: &Range<usize>) -> bool {
    let before = sentence[..range.start].trim_end();
    let after = sentence[range.end..].trim_start();
    let lower = before.to_lowercase();
    // "served most of a six-month sentence": the figure is the whole, not what was done.
    let part_of = lower.rsplit_once(' ').is_some_and(|(head, det)| {
        matches!(det, "a" | "an" | "the" | "his" | "her" | "their")
            && ["most of", "part of", "much of", "half of", "some of"]
                .iter()
                .any(|p| head.ends_with(p))
    });
    part_of
        || before.ends_with('#')
        || lower.ends_with("no.")
        || lower.ends_with(" number")
        || before.ends_with('/')
        // "7 - magnitude" at a sentence's start: the tail of a decimal the splitter cut.
        || (before.is_empty() && after.starts_with('-'))
        || after.starts_with('/')
        || (lower.ends_with(" of")
            && words(before.get(..before.len().saturating_sub(3)).unwrap_or(""))
                .last()
                .is_some_and(|w| w.has_digit()))
}

/// "1, 500" or "2. 0": a number the text's tokenisation split at its separator; either half
/// alone is a wrong figure.
fn split_number(sentence: &str, range: &Range<usize>) -> bool {
    let bytes = sentence.as_bytes();
    let after = bytes.get(range.end..).unwrap_or_default();
    let before = bytes.get(..range.start).unwrap_or_default();
    let digit_group_after = matches!(after, [b',' | b'.', b' ', d, ..] if d.is_ascii_digit());
    let digit_group_before = matches!(before, [.., d, b',' | b'.', b' '] if d.is_ascii_digit());
    digit_group_after || digit_group_before
}

/// "three-plus", "20 plus": the figure is a floor.
fn plus_after(sentence: &str, end: usize) -> bool {
    let rest = sentence[end..].trim_start();
    let rest = rest.strip_prefix('-').unwrap_or(rest).trim_start();
    rest.strip_prefix("plus")
        .is_some_and(|r| !r.starts_with(|c: char| c.is_alphanumeric()))
}

/// "7 p.m.", "6:00": a time of day, not a quantity.
fn clock_time(sentence: &str, end: usize) -> bool {
    let after: String = sentence[end..]
        .chars()
        .filter(|c| !c.is_whitespace())
        .take(4)
        .collect::<String>()
        .to_lowercase();
    after.starts_with("p.m") || after.starts_with("a.m") || after.starts_with(':')
}

/// The verb next to a quantity: within two words before it or four after it, a word that
/// reads as a verb (ends in "-ed" or "-ing", or is a common bare form).
fn frame(ws: &[Word<'_>], range: &Range<usize>) -> String {
    let is_verb = |w: &Word<'_>| {
        let l = w.text.to_lowercase();
        !w.is_capitalised()
            && !w.has_digit()
            && (l.ends_with("ed") || l.ends_with("ing") || VERBS.contains(&l.as_str()))
            && !matches!(
                l.as_str(),
                "during" | "according" | "including" | "following" | "red" | "need" | "hundred"
            )
    };
    // "paid Stormy Daniels $150,000": past the name of whom the sum went to, the verb.
    let mut back = ws.iter().filter(|w| w.end <= range.start).rev().peekable();
    let mut names = 0_usize;
    while back
        .next_if(|w| w.is_capitalised() && !w.has_digit())
        .is_some()
    {
        names = names.saturating_add(1);
    }
    if (1..=3).contains(&names) {
        if let Some(v) = back.next().filter(|w| is_verb(w)) {
            return happening_class(&thing_class(&v.text.to_lowercase()));
        }
    }
    let before = ws.iter().filter(|w| w.end <= range.start).rev().take(2);
    let after = ws.iter().filter(|w| w.start >= range.end).take(4);
    before
        .chain(after)
        .filter(|w| !w.text.contains('-'))
        .find(|w| is_verb(w))
        // Verbs of one happening are one frame ("fell" / "dropped"), as in the sentences'
        // content words.
        .map(|w| happening_class(&thing_class(&w.text.to_lowercase())))
        .unwrap_or_default()
}

const VERBS: &[&str] = &[
    "die", "died", "dead", "hurt", "killed", "lost", "paid", "sold", "won", "hit", "shot", "cut",
    "shed",
];

fn overlaps(a: &Range<usize>, b: &Range<usize>) -> bool {
    a.start < b.end && b.start < a.end
}

/// "not millions": a value the sentence denies is no claim.
fn negated(sentence: &str, start: usize) -> bool {
    let before = sentence[..start].trim_end().to_lowercase();
    before.ends_with(" not") || before.ends_with("not even") || before == "not"
}

/// Forms Duckling misses or misreads.
fn own_forms(sentence: &str, ws: &[Word<'_>], out: &mut Vec<Quantity>) {
    clock_times(sentence, ws, out);
    for c in AGE.captures_iter(sentence) {
        let (Some(m), Some(n)) = (c.get(0), c.get(1)) else {
            continue;
        };
        let Some(v) = number(n.as_str()) else {
            continue;
        };
        push(
            out,
            sentence,
            ws,
            m.range(),
            Dimension::Age,
            "years",
            v,
            "age".into(),
        );
    }
    for c in APPOSITION_AGE.captures_iter(sentence) {
        let (Some(whole), Some(n)) = (c.get(1), c.get(2)) else {
            continue;
        };
        let Some(v) = number(n.as_str()).filter(|v| (1.0..=110.0).contains(v)) else {
            continue;
        };
        if out.iter().any(|q| overlaps(&q.range, &n.range())) {
            continue;
        }
        push(
            out,
            sentence,
            ws,
            whole.range(),
            Dimension::Age,
            "years",
            v,
            "age".into(),
        );
    }
    for c in ADJ_DURATION.captures_iter(sentence) {
        let (Some(m), Some(unit)) = (c.get(0), c.get(2)) else {
            continue;
        };
        let text = m.as_str();
        // Only adjectival forms: hyphenated and followed by a noun ("one-hour conversation").
        if !text.contains('-') || out.iter().any(|q| overlaps(&q.range, &m.range())) {
            continue;
        }
        let count = match c.get(1) {
            Some(n) => match number(n.as_str()) {
                Some(v) => v,
                None => continue,
            },
            None if unit.as_str().eq_ignore_ascii_case("hour-and-a-half") => 1.0,
            None => continue,
        };
        let minutes = match unit.as_str().to_lowercase().as_str() {
            "hour-and-a-half" => 90.0 * count,
            other => minutes_per(other) * count,
        };
        let thing = noun_after(sentence, ws, m.end());
        push(
            out,
            sentence,
            ws,
            m.range(),
            Dimension::Duration,
            "minutes",
            minutes,
            thing,
        );
    }
    for c in AND_A_HALF.captures_iter(sentence) {
        let (Some(m), Some(n), Some(unit)) = (c.get(0), c.get(1), c.get(2)) else {
            continue;
        };
        let Some(count) = number(n.as_str()).filter(|v| *v >= 1.0) else {
            continue;
        };
        if out.iter().any(|q| overlaps(&q.range, &m.range())) {
            continue;
        }
        let minutes = (count + 0.5) * minutes_per(&unit.as_str().to_lowercase());
        let thing = duration_thing(sentence, ws, m.start(), m.end());
        push(
            out,
            sentence,
            ws,
            m.range(),
            Dimension::Duration,
            "minutes",
            minutes,
            thing,
        );
    }
    for c in VAGUE.captures_iter(sentence) {
        let Some(m) = c.get(0) else { continue };
        if out.iter().any(|q| overlaps(&q.range, &m.range())) {
            continue;
        }
        // "two million" is a number for Duckling; only bare magnitudes here.
        if sentence[..m.start()]
            .split_whitespace()
            .next_back()
            .is_some_and(|w| words(w).iter().any(is_numberish))
        {
            continue;
        }
        let lower = m.as_str().to_lowercase();
        let last = lower.rsplit(' ').next().unwrap_or("");
        let quantifier = c.get(1).map(|q| q.as_str().to_lowercase());
        // "a hundred thousand" and "two hundred" are numbers (Duckling's); "several hundred
        // thousand" and "a few hundred" are not.
        let singular = matches!(last, "dozen" | "hundred" | "thousand" | "million");
        if quantifier.is_none() && (lower.starts_with("hundred ") || singular) {
            continue;
        }
        // "several hundred" is three to nine hundreds, "a few hundred" two to five.
        let times = |unit: f64| -> (f64, f64) {
            match quantifier.as_deref() {
                Some("a few") => (2.0 * unit, 6.0 * unit - 1.0),
                _ => (3.0 * unit, 10.0 * unit - 1.0),
            }
        };
        let (low, high) = match last {
            "dozen" => times(12.0),
            "hundred" => times(100.0),
            "thousand" if !lower.contains("hundred") => times(1_000.0),
            "million" if !lower.contains("hundred") => times(1e6),
            "dozens" => (24.0, 199.0),
            "hundreds" => (200.0, 999.0),
            "thousands" if lower.starts_with("tens") => (20_000.0, 99_999.0),
            "thousands" if lower.starts_with("hundreds") => (200_000.0, 999_999.0),
            "thousands" => (2_000.0, 999_999.0),
            "thousand" => (200_000.0, 999_999.0),
            "millions" if lower.starts_with("tens") => (20e6, 99e6),
            "millions" if lower.starts_with("hundreds") => (200e6, 999e6),
            "millions" => (2e6, OPEN),
            "million" => (200e6, 999e6),
            _ => (2e9, OPEN),
        };
        let thing = noun_after(sentence, ws, m.end());
        if thing.is_empty() {
            continue;
        }
        let hedge = Some(lower.clone());
        out.push(Quantity {
            range: m.range(),
            surface: m.as_str().to_string(),
            dimension: Dimension::Count,
            unit: "count".into(),
            value: low,
            low,
            high,
            hedge,
            thing,
            noun: String::new(),
            frame: String::new(),
            vague: true,
        });
    }
}

/// The unit of time right after a number ("five years", "three weeks before"), as the
/// minutes in one of it and the byte where the unit ends; `None` for a date told from now
/// ("three years ago", "two weeks earlier") and an age ("five years old").
fn time_unit_after(sentence: &str, ws: &[Word<'_>], end: usize) -> Option<(f64, usize)> {
    let mut next = ws.iter().filter(|w| w.start >= end);
    let unit = next.next()?;
    if !sentence.get(end..unit.start)?.trim().is_empty() {
        return None;
    }
    let lower = unit.text.to_lowercase();
    let single = lower.strip_suffix('s').unwrap_or(&lower);
    if !matches!(
        single,
        "minute" | "hour" | "day" | "week" | "month" | "year"
    ) {
        return None;
    }
    let then = next.next().map(|w| w.text.to_lowercase());
    if then
        .as_deref()
        .is_some_and(|t| matches!(t, "ago" | "earlier" | "later" | "old" | "after"))
    {
        return None;
    }
    Some((minutes_per(single), unit.end))
}

/// Minutes in one of a duration's units ("minute", "hour", "day", "week", "month", "year").
fn minutes_per(unit: &str) -> f64 {
    match unit {
        "minute" => 1.0,
        "hour" => 60.0,
        "day" => 1440.0,
        "week" => 10080.0,
        "month" => 43800.0,
        _ => 525600.0,
    }
}

/// Metres in a unit of length, for the head noun after a number ("feet", "metres", "km").
fn metres_per(noun: &str) -> Option<f64> {
    let n = noun.trim_end_matches('.');
    Some(match n {
        "foot" | "feet" | "ft" => 0.3048,
        "metre" | "metres" | "meter" | "meters" | "m" => 1.0,
        "mile" | "miles" | "mi" => 1609.344,
        "kilometre" | "kilometres" | "kilometer" | "kilometers" | "km" => 1000.0,
        _ => return None,
    })
}

/// The named place a distance is measured from: "20 miles north of Santa Rosa" → "santa
/// rosa"; `None` when no place follows within six words ("fell 150 metres").
pub fn reference_place(sentence: &str, end: usize) -> Option<String> {
    let ws = words(sentence.get(end..)?);
    let at = ws
        .iter()
        .take(6)
        .position(|w| matches!(w.text, "of" | "from"))?;
    let name: Vec<String> = ws
        .iter()
        .skip(at)
        .skip(1)
        .skip_while(|w| w.text.eq_ignore_ascii_case("the"))
        .take_while(|w| w.is_capitalised())
        .map(|w| w.text.to_lowercase())
        .collect();
    (!name.is_empty()).then(|| name.join(" "))
}

/// "AK-47", "Route 94", "March 20", "Boeing 747": a number written in digits right after a
/// capitalised word (or glued to one by a hyphen) names a thing or a day; it counts nothing.
fn identifier(sentence: &str, ws: &[Word<'_>], range: &Range<usize>) -> bool {
    let Some(body) = sentence.get(range.clone()) else {
        return false;
    };
    if !body.starts_with(|c: char| c.is_ascii_digit()) {
        return false;
    }
    let before: Vec<&Word<'_>> = ws.iter().filter(|w| w.end <= range.start).collect();
    let Some(prev) = before.last() else {
        return false;
    };
    let gap = sentence.get(prev.end..range.start).unwrap_or(" x ");
    let glued = matches!(gap.trim(), "" | "-");
    // A capitalised first word of the sentence is no name ("About 200", "Some 300").
    let first = before.len() == 1;
    glued
        && prev.is_capitalised()
        && !first
        && !HEDGE_WORDS.contains(&prev.text.to_lowercase().as_str())
}

/// "AK-47", "AK", "F-16": a model or code name standing between a number and its noun.
fn code_name(w: &Word<'_>) -> bool {
    let letters = w.text.chars().filter(|c| c.is_alphabetic()).count();
    (w.text.chars().all(|c| c.is_ascii_uppercase()) && (1..=4).contains(&letters))
        || (w.is_capitalised() && w.has_digit())
}

#[allow(clippy::too_many_arguments)]
fn push(
    out: &mut Vec<Quantity>,
    sentence: &str,
    ws: &[Word<'_>],
    range: Range<usize>,
    dimension: Dimension,
    unit: &str,
    value: f64,
    thing: String,
) {
    let (hedge, start) = hedge_before(sentence, ws, range.start);
    let step = written_step(&sentence[range.clone()], value, dimension);
    let (low, high) = interval(value, hedge.as_deref(), step);
    out.push(Quantity {
        surface: sentence[start..range.end].to_string(),
        range: start..range.end,
        dimension,
        unit: unit.into(),
        value,
        low,
        high,
        hedge,
        thing,
        noun: String::new(),
        frame: String::new(),
        vague: false,
    });
}

/// Times of day ([`CLOCK`]), each with the interval its wording allows: "about 3 p.m."
/// within a quarter of an hour, "shortly after 3 p.m." in the twenty minutes after, "3 p.m."
/// within ten minutes (reports round to the hour), "3:10 p.m." within two.
fn clock_times(sentence: &str, ws: &[Word<'_>], out: &mut Vec<Quantity>) {
    for c in CLOCK.captures_iter(sentence) {
        let Some(m) = c.get(0) else { continue };
        let minutes_written = c.get(2).is_some();
        let value = if let Some(word) = c.get(5) {
            if word.as_str().eq_ignore_ascii_case("noon") {
                720.0
            } else {
                1440.0
            }
        } else {
            let hour: u32 = match c.get(1).map(|h| h.as_str().parse()) {
                Some(Ok(h)) => h,
                _ => continue,
            };
            let minute: u32 = match c.get(2).map(|x| x.as_str().parse()) {
                Some(Ok(x)) if x < 60 => x,
                Some(_) => continue,
                None => 0,
            };
            let hour = match c.get(3).map(|x| x.as_str().to_ascii_lowercase()) {
                Some(half) if (1..=12).contains(&hour) => {
                    let h = hour % 12;
                    if half == "p" {
                        h.saturating_add(12)
                    } else {
                        h
                    }
                }
                // "9: 25 hours": the 24-hour clock, minutes required ("24 hours" is a span).
                None if minutes_written && hour < 24 => hour,
                _ => continue,
            };
            f64::from(hour) * 60.0 + f64::from(minute)
        };
        if out.iter().any(|q| overlaps(&q.range, &m.range())) {
            continue;
        }
        let before: Vec<String> = ws
            .iter()
            .filter(|w| w.end <= m.start())
            .rev()
            .take(2)
            .map(|w| w.text.to_lowercase())
            .collect();
        let prev = before.first().map(String::as_str).unwrap_or("");
        let prev2 = before.get(1).map(String::as_str).unwrap_or("");
        // "As of 11 p.m. police were still searching": the time of a state, not of a
        // happening.
        if prev == "of" && prev2 == "as" {
            continue;
        }
        // "Updated: Apr 02, 2009 11:06 PM": the page's own time, not the story's.
        let furniture = ws.iter().filter(|w| w.end <= m.start()).any(|w| {
            matches!(
                w.text.to_lowercase().as_str(),
                "updated" | "posted" | "published" | "modified"
            )
        });
        if furniture {
            continue;
        }
        let close = matches!(prev2, "shortly" | "just" | "soon" | "right");
        let exact = if minutes_written || c.get(5).is_some() {
            2.0
        } else {
            10.0
        };
        let (hedge, words_back, low, high) = match prev {
            "about" | "around" | "approximately" | "roughly" | "circa" | "some" => {
                (Some(prev.to_string()), 1, value - 14.0, value + 14.0)
            }
            "nearly" | "almost" => (Some(prev.to_string()), 1, value - 14.0, value),
            "after" if close => (Some(format!("{prev2} after")), 2, value, value + 20.0),
            "before" if close => (Some(format!("{prev2} before")), 2, value - 20.0, value),
            "after" => (Some("after".to_string()), 1, value, value + 45.0),
            "before" | "by" => (Some(prev.to_string()), 1, value - 45.0, value),
            _ => (None, 0, value - exact, value + exact),
        };
        let start = ws
            .iter()
            .filter(|w| w.end <= m.start())
            .rev()
            .take(words_back)
            .last()
            .map_or(m.start(), |w| w.start);
        out.push(Quantity {
            surface: sentence[start..m.end()].trim_end().to_string(),
            range: start..m.end(),
            dimension: Dimension::TimeOfDay,
            unit: "minutes".into(),
            value,
            low,
            high,
            hedge,
            thing: "time".into(),
            noun: String::new(),
            frame: String::new(),
            vague: false,
        });
    }
}

/// A number written in digits or words ("45", "one", "four").
fn number(s: &str) -> Option<f64> {
    if let Ok(v) = s.replace(',', "").parse::<f64>() {
        return Some(v);
    }
    let lower = s.to_lowercase();
    if matches!(lower.as_str(), "a" | "an") {
        return Some(1.0);
    }
    if lower == "hundred" {
        return Some(100.0);
    }
    // "sixty", "twenty-five": a tens word, a unit word, or both joined by a hyphen.
    let (tens, unit) = match lower.split_once('-') {
        Some((t, u)) => (cardinal(t).filter(|v| *v >= 20 && v % 10 == 0), cardinal(u)),
        None => return cardinal(&lower).map(f64::from),
    };
    match (tens, unit) {
        (Some(t), Some(u)) if (1..=9).contains(&u) => Some(f64::from(t) + f64::from(u)),
        _ => None,
    }
}

/// The cardinal words from one to ninety-nine that are written as one word.
fn cardinal(w: &str) -> Option<u32> {
    const WORDS: &[(&str, u32)] = &[
        ("one", 1),
        ("two", 2),
        ("three", 3),
        ("four", 4),
        ("five", 5),
        ("six", 6),
        ("seven", 7),
        ("eight", 8),
        ("nine", 9),
        ("ten", 10),
        ("eleven", 11),
        ("twelve", 12),
        ("thirteen", 13),
        ("fourteen", 14),
        ("fifteen", 15),
        ("sixteen", 16),
        ("seventeen", 17),
        ("eighteen", 18),
        ("nineteen", 19),
        ("twenty", 20),
        ("thirty", 30),
        ("forty", 40),
        ("fifty", 50),
        ("sixty", 60),
        ("seventy", 70),
        ("eighty", 80),
        ("ninety", 90),
    ];
    WORDS.iter().find(|(k, _)| *k == w).map(|(_, v)| *v)
}

/// A hedge right before a quantity, and where it starts.
fn hedge_before(sentence: &str, ws: &[Word<'_>], start: usize) -> (Option<String>, usize) {
    let mut before: Vec<&Word<'_>> = ws.iter().filter(|w| w.end <= start).collect();
    // "more than a dozen", "about a hundred": the article sits between hedge and number.
    if before
        .last()
        .is_some_and(|w| matches!(w.text.to_lowercase().as_str(), "a" | "an"))
    {
        before.pop();
    }
    let last = |n: usize| -> Option<(String, usize)> {
        let part = before.get(before.len().checked_sub(n)?..)?;
        let (first, last) = (part.first()?, part.last()?);
        let between = sentence.get(last.end..start)?;
        if !between.trim().is_empty() && !matches!(between.trim(), "$" | "a" | "an") {
            return None;
        }
        let text: Vec<String> = part.iter().map(|w| w.text.to_lowercase()).collect();
        Some((text.join(" "), first.start))
    };
    for n in [3, 2, 1] {
        if let Some((h, at)) = last(n) {
            if HEDGES.contains(&h.as_str()) {
                return (Some(h), at);
            }
        }
    }
    (None, start)
}

const HEDGE_WORDS: &[&str] = &[
    "about", "almost", "around", "as", "at", "just", "least", "less", "many", "more", "much",
    "nearly", "over", "roughly", "some", "than", "to", "up", "well",
];

const HEDGES: &[&str] = &[
    "about",
    "almost",
    "approximately",
    "around",
    "as many as",
    "as much as",
    "at least",
    "at most",
    "close to",
    "estimated",
    "fewer than",
    "just over",
    "just under",
    "less than",
    "more than",
    "nearly",
    "no more than",
    "over",
    "roughly",
    "some",
    "under",
    "up to",
    "well over",
    "within",
];

/// The precision a number is written to, in the unit of `value`: the place of its last
/// significant digit ("55,000" → 1,000; "50,000" → 10,000; "$43.9 million" → 100,000; "$44
/// million" → 1 million). Counts under 100 written without decimals, ages, and numbers in
/// words without a scale word are exact (0).
pub fn written_step(body: &str, value: f64, dim: Dimension) -> f64 {
    if dim == Dimension::Age || !value.is_finite() || value == 0.0 {
        return 0.0;
    }
    let lower = body.to_lowercase();
    let scaled = ["thousand", "million", "billion", "trillion"]
        .iter()
        .any(|w| lower.contains(w));
    // The first run of digits, with its separators.
    let digits: String = body
        .chars()
        .skip_while(|c| !c.is_ascii_digit())
        .take_while(|c| c.is_ascii_digit() || *c == ',' || *c == '.')
        .filter(|c| *c != ',')
        .collect();
    let digits = digits.trim_end_matches('.');
    let Ok(written) = digits.parse::<f64>() else {
        // In words: "two million" is rounded to its scale; "three" is exact.
        return if scaled && value >= 1000.0 {
            10f64.powf(value.abs().log10().floor())
        } else {
            0.0
        };
    };
    if written == 0.0 {
        return 0.0;
    }
    let scale = value / written;
    let place = match digits.split_once('.') {
        Some((_, decimals)) => {
            10f64.powi(i32::try_from(decimals.len()).unwrap_or(0).saturating_neg())
        }
        None if written < 100.0 && !scaled => return 0.0,
        None => {
            let zeros = digits.bytes().rev().take_while(|b| *b == b'0').count();
            10f64.powi(i32::try_from(zeros).unwrap_or(0))
        }
    };
    place * scale
}

/// The values compatible with a stated value, its hedge and the precision it is written to
/// (`step`, see [`written_step`]): a figure stands for what rounds to it, a little less than
/// half a step either way ("55,000" and "50,000" cannot both hold; "$43.9 million" and "$44
/// million" can).
fn interval(v: f64, hedge: Option<&str>, step: f64) -> (f64, f64) {
    let tol = 0.4 * step;
    match hedge {
        Some("nearly" | "almost" | "close to" | "just under") => (v * 0.85, v + tol),
        Some("about" | "around" | "roughly" | "approximately" | "some" | "estimated") => {
            ((v * 0.88).min(v - tol), (v * 1.12).max(v + tol))
        }
        Some("more than" | "over" | "at least" | "just over" | "well over") => (v - tol, OPEN),
        Some(
            "up to" | "less than" | "under" | "fewer than" | "at most" | "no more than"
            | "as many as" | "as much as" | "within",
        ) => (0.0, v + tol),
        _ => (v - tol, v + tol),
    }
}

fn from_duckling(sentence: &str, ws: &[Word<'_>], e: &duckling::Entity) -> Option<Quantity> {
    let body = sentence.get(e.start..e.end)?;
    // Duckling reads a lone letter as a number ("l" = lakh): numbers need a digit or a word.
    if !words(body).iter().any(is_numberish) {
        return None;
    }
    let after = sentence[e.end..].trim_start().to_lowercase();
    // Where the quantity ends: after the unit when the unit is read here ("five years").
    let mut end = e.end;
    let (dimension, unit, value, thing) = match &e.value {
        DimensionValue::Duration {
            normalized_seconds, ..
        } => {
            // "three years ago" is a date; "several hundred thousand" is no duration.
            if after.starts_with("ago")
                || after.starts_with("earlier")
                || after.starts_with("later")
            {
                return None;
            }
            let thing = duration_thing(sentence, ws, e.start, e.end);
            (
                Dimension::Duration,
                "minutes".to_string(),
                *normalized_seconds as f64 / 60.0,
                thing,
            )
        }
        // "5-foot-8, 135 pounds", "weighing 130 pounds", "40 pounds of cocaine": a weight,
        // which Duckling reads as sterling.
        DimensionValue::AmountOfMoney(MeasurementValue::Value { value, unit })
            if unit == "GBP" && pounds_of_weight(sentence, body, e.end) =>
        {
            // "5 - foot - 8, 135 pounds": the height's inches and the weight run together
            // as "8, 135" where the text was tokenised.
            let height_before = sentence
                .get(..e.start)
                .is_some_and(|b| b.contains("foot") || b.contains("feet"));
            let weight = match body.rsplit_once(", ") {
                Some((_, tail)) if height_before => words(tail)
                    .first()
                    .and_then(|w| w.text.parse::<f64>().ok())
                    .unwrap_or(*value),
                _ => *value,
            };
            (Dimension::Count, "count".into(), weight, "pound".into())
        }
        DimensionValue::AmountOfMoney(MeasurementValue::Value { value, unit }) => {
            // What the money pays for: the noun after it ("$4 billion in funds"), else the
            // noun it is the amount of ("bail of $250,000", "a salary of $1 million").
            let mut thing = noun_after(sentence, ws, e.end);
            // "a $1.5 billion Pentagon contract": the common noun after a name that
            // describes it.
            if thing.is_empty() {
                thing = noun_after_name(sentence, ws, e.end);
            }
            // "the $130,000 paid to Stormy Daniels": a verb after the sum, not its noun.
            let after = ws
                .iter()
                .find(|w| w.start >= e.end)
                .map(|w| w.text.to_lowercase());
            if after.is_some_and(|a| a.ends_with("ed") || PAST_PARTICIPLES.contains(&a.as_str())) {
                thing.clear();
            }
            // "paid $150,000 days before the election": a span of time after a sum dates
            // the payment; it is not what was paid for.
            if TIME_NOUNS.contains(&thing.as_str()) {
                thing.clear();
            }
            // "$4.2 billion in cash and 57 million shares": the form a sum is paid in, not
            // what it pays for.
            if matches!(thing.as_str(), "cash" | "stock" | "share") {
                thing.clear();
            }
            // "spent $43,000 on a soundproof booth", "paid $130,000 for her silence".
            if thing.is_empty() {
                thing = paid_for(sentence, ws, e.end);
            }
            if thing.is_empty() {
                thing = noun_before(ws, e.start);
            }
            // "the trade deficit with China reached $375 billion"; not the agent of
            // another verb ("his campaign raised $9.4 million").
            if thing.is_empty() {
                thing = subject_of_rate(sentence, ws, e.start, true);
            }
            // A sum with nothing named: compared by its verb and sentence alone.
            if thing.is_empty() {
                thing = "sum".into();
            }
            (Dimension::Money, unit.clone(), *value, thing)
        }
        DimensionValue::Numeral(v) => {
            if after.starts_with('%')
                || after.starts_with("percent")
                || after.starts_with("per cent")
            {
                let end = e.end.saturating_add(
                    sentence
                        .get(e.end..)
                        .and_then(|r| r.find(['%', 't']))
                        .map_or(0, |p| p.saturating_add(1)),
                );
                let mut thing = stance_after(sentence, ws, end)
                    .unwrap_or_else(|| noun_after(sentence, ws, end));
                // "a tariff of 10 percent on aluminum": what the rate is laid on.
                if thing.is_empty() {
                    if let Some(on) = ws
                        .iter()
                        .find(|w| w.start >= end)
                        .filter(|w| w.text.eq_ignore_ascii_case("on"))
                    {
                        thing = noun_after(sentence, ws, on.end);
                    }
                }
                if thing.is_empty() {
                    thing = subject_of_rate(sentence, ws, e.start, false);
                }
                (Dimension::Percent, "percent".into(), *v, thing)
            } else {
                // Years, times of day, list numbers and "one of" are not counts.
                let in_words = !body.bytes().any(|b| b.is_ascii_digit());
                if is_year_like(*v, body) || after.starts_with(':') || (in_words && *v < 2.0) {
                    return None;
                }
                let unit_word = adjective_unit(sentence, e.end);
                let metres = ws
                    .iter()
                    .find(|w| w.start >= e.end)
                    .filter(|_| unit_word.is_none())
                    .and_then(|w| metres_per(&w.text.to_lowercase()))
                    .or_else(|| unit_word.as_deref().and_then(metres_per));
                if let Some(per) = metres {
                    // A distance: what it measures is told by its verb ("fell", "climbed").
                    (
                        Dimension::Length,
                        "metres".into(),
                        *v * per,
                        "distance".into(),
                    )
                } else if let Some((per, unit_end)) = unit_word
                    .is_none()
                    .then(|| time_unit_after(sentence, ws, e.end))
                    .flatten()
                {
                    // "after serving five years on the heroin conviction": a number of
                    // years is a length of time, whether Duckling read it as one or not, so
                    // that it meets "sentenced to seven years in prison".
                    end = unit_end;
                    (
                        Dimension::Duration,
                        "minutes".into(),
                        *v * per,
                        duration_thing(sentence, ws, e.start, unit_end),
                    )
                } else {
                    let mut thing = match unit_word {
                        Some(unit) => thing_class(&unit),
                        None => noun_after(sentence, ws, e.end),
                    };
                    if thing.is_empty() {
                        thing = elided_noun(sentence, ws, e.start, e.end);
                    }
                    if thing.is_empty() {
                        return None;
                    }
                    (Dimension::Count, "count".into(), *v, thing)
                }
            }
        }
        _ => return None,
    };
    let (hedge, start) = hedge_before(sentence, ws, e.start);
    let step = written_step(body, value, dimension);
    let (low, high) = interval(value, hedge.as_deref(), step);
    // "six to 10 generations", "between 150 and 200 migrants": a range, from its lower end.
    let range = matches!(dimension, Dimension::Count | Dimension::Percent)
        .then(|| range_low(sentence, ws, e.start))
        .flatten()
        .filter(|&(lo, _)| hedge.is_none() && lo < value);
    let (low, start) = match range {
        Some((lo, at)) => (low.min(lo), at),
        None => (low, start),
    };
    Some(Quantity {
        range: start..end,
        surface: sentence.get(start..end)?.to_string(),
        dimension,
        unit,
        value,
        low,
        high,
        hedge,
        thing,
        noun: String::new(),
        frame: String::new(),
        vague: false,
    })
}

/// The lower end of a range that ends at the figure at `start`: "six to 10", "between 150
/// and 200". Returns that number and where the range starts. "from 5 to 10"
/// tells a change, not a range: none.
fn range_low(sentence: &str, ws: &[Word<'_>], start: usize) -> Option<(f64, usize)> {
    let before: Vec<&Word<'_>> = ws.iter().filter(|w| w.end <= start).collect();
    let (joint, low, opener) = match before.as_slice() {
        [.., o, n, j] => (*j, *n, Some(*o)),
        [n, j] => (*j, *n, None),
        _ => return None,
    };
    let joint_text = joint.text.to_lowercase();
    let tight = sentence
        .get(low.end..joint.start)
        .is_some_and(|g| g.trim().is_empty())
        && sentence
            .get(joint.end..start)
            .is_some_and(|g| g.trim().is_empty());
    let opener = opener.map(|o| o.text.to_lowercase());
    let ok = tight
        && match joint_text.as_str() {
            "to" => opener.as_deref() != Some("from"),
            "and" => opener.as_deref() == Some("between"),
            _ => false,
        };
    if !ok {
        return None;
    }
    let v = number(low.text)?;
    let at = match opener.as_deref() {
        Some("between") => before.get(before.len().checked_sub(3)?).map(|w| w.start)?,
        _ => low.start,
    };
    Some((v, at))
}

/// "pounds" written out (no "£", no "million") in a sentence that speaks of weight or
/// height, or "pounds of" a substance.
fn pounds_of_weight(sentence: &str, body: &str, end: usize) -> bool {
    let lower_body = body.to_lowercase();
    if body.contains('£')
        || !lower_body.contains("pound")
        || ["million", "billion", "thousand"]
            .iter()
            .any(|w| lower_body.contains(w))
    {
        return false;
    }
    let after = sentence.get(end..).unwrap_or_default().trim_start();
    let lower = sentence.to_lowercase();
    after.starts_with("of ")
        || words(&lower).iter().any(|w| {
            matches!(
                w.text,
                "weigh"
                    | "weighs"
                    | "weighed"
                    | "weighing"
                    | "weight"
                    | "tall"
                    | "foot"
                    | "feet"
                    | "inches"
                    | "heavy"
                    | "lbs"
            )
        })
}

/// "a 48-page indictment", "a 35-word oath": the noun joined to the number by a hyphen is
/// what it counts.
fn adjective_unit(sentence: &str, end: usize) -> Option<String> {
    let rest = sentence.get(end..)?;
    // "48-page", and "48 - page" as tokenised text writes it.
    let rest = rest
        .strip_prefix('-')
        .or_else(|| rest.strip_prefix(" - "))?;
    let unit: String = rest.chars().take_while(|c| c.is_alphabetic()).collect();
    (unit.len() >= 2 && unit.chars().all(|c| c.is_lowercase())).then_some(unit)
}

/// "a three-point play", "a 10-point lead": the figure and its unit make an adjective of a
/// following noun; it names a kind of thing as much as it counts.
pub fn classifies(sentence: &str, end: usize) -> bool {
    classified_noun(sentence, end).is_some()
}

/// The noun a figure and its unit make an adjective of ("a 73-yard drive" → drive, "a 7-yard
/// touchdown pass" → touchdown), as [`thing_class`] names it.
pub fn classified_noun(sentence: &str, end: usize) -> Option<String> {
    let unit = adjective_unit(sentence, end)?;
    let rest = sentence.get(end..)?;
    let at = rest.find(unit.as_str())?;
    let tail = rest.get(at.saturating_add(unit.len())..).unwrap_or("");
    if !tail.starts_with(' ') {
        return None;
    }
    words(tail)
        .first()
        .map(|w| (w, w.text.to_lowercase()))
        .filter(|(w, l)| !w.is_capitalised() && !w.has_digit() && !is_stop_word(l))
        .map(|(_, l)| thing_class(&l))
}

fn is_year_like(v: f64, body: &str) -> bool {
    v.fract() == 0.0 && (1800.0..=2100.0).contains(&v) && !body.contains(',')
}

/// The head noun right after a quantity ("54 nations coordinating" → "nation"; "millions of
/// victims" → "death"; "$4 billion in illicit funds" → "fund").
fn noun_after(sentence: &str, ws: &[Word<'_>], end: usize) -> String {
    let mut head: Option<String> = None;
    for w in ws.iter().filter(|w| w.start >= end).take(4) {
        let gap = &sentence[end.min(w.start)..w.start];
        if head.is_some() && gap.chars().any(|c| ",.;:()—–".contains(c)) {
            break;
        }
        let lower = w.text.to_lowercase();
        if head.is_none()
            && matches!(
                lower.as_str(),
                "of" | "in" | "worth" | "more" | "additional" | "new" | "other" | "further"
            )
        {
            continue;
        }
        // "six AK-47 rifles", "six AK 47 rifles": a model name before the noun.
        if head.is_none() && (code_name(w) || (w.has_digit() && after_code_name(ws, w))) {
            continue;
        }
        // "hundreds of thousands of Iranian files": an adjective of nationality describes
        // the noun that follows it.
        if head.is_none() && w.is_capitalised() && super::gazetteer::is_demonym(&lower) {
            continue;
        }
        // A name after a number is not what it counts ("one of Trump's negotiators"),
        // unless it names the group counted ("20 Republicans", "300 Marines") or
        // describes the noun after it ("20 White House officials", "50 Trump supporters").
        if w.is_capitalised() {
            match head
                .is_none()
                .then(|| named_group(sentence, ws, w))
                .flatten()
            {
                Some(h) => {
                    head = Some(h);
                    break;
                }
                None => break,
            }
        }
        // "20 missile tests last year": a time word ends the noun phrase.
        if matches!(
            lower.as_str(),
            "last" | "next" | "this" | "that" | "these" | "those"
        ) {
            break;
        }
        if is_stop_word(&lower)
            || PREPOSITIONS.contains(&lower.as_str())
            || w.has_digit()
            || lower.ends_with("ing")
            || (head.is_some() && lower.ends_with("ed"))
        {
            break;
        }
        if head.is_none() && gap.chars().any(|c| ",.;:()—–".contains(c)) {
            break;
        }
        // "100,000 secret files prove it": a plural noun ends the noun phrase when a word
        // that is not plural follows (the verb); "20 missile tests" keeps its plural head.
        // So does an irregular plural ("700 children remain separated"), but for "dead",
        // which tells what the count is ("three people dead").
        let ends_phrase = |h: &str| {
            is_plural(h) || (IRREGULAR_PLURALS.contains(&h) && !matches!(lower.as_str(), "dead"))
        };
        if head.as_deref().is_some_and(ends_phrase) && !is_plural(&lower) {
            break;
        }
        head = Some(lower);
    }
    head.map(|h| thing_class(&h)).unwrap_or_default()
}

/// Prepositions the stop list leaves out: they end a noun phrase ("42% among registered
/// voters", "20 across the state").
const PREPOSITIONS: &[&str] = &[
    "among",
    "amid",
    "amongst",
    "across",
    "around",
    "inside",
    "outside",
    "toward",
    "towards",
    "despite",
    "against",
    "along",
    "behind",
    "beyond",
    "near",
    "via",
    "aboard",
    "alongside",
];

/// Plurals not made with -s: they end a counted noun phrase as regular plurals do.
const IRREGULAR_PLURALS: &[&str] = &["children", "people", "men", "women", "police"];

/// Nouns that name a figure without saying of what ("the rate", "his rating"): the noun
/// before them says it ("the unemployment rate", "his approval rating").
const FIGURE_HEADS: &[&str] = &["rate", "rating", "ratings", "level", "share", "figure"];

/// Adjectives that say how a figure is taken, not of what ("an average annual rate"): not
/// the thing a [`FIGURE_HEADS`] noun names.
const MEASURE_ADJECTIVES: &[&str] = &[
    "annual", "average", "overall", "current", "total", "monthly", "yearly", "daily", "weekly",
    "new", "high", "low", "record",
];

/// Verbs of a stance a poll measures: "41 percent of Americans approve" measures approval,
/// not Americans.
const STANCES: &[&str] = &[
    "approve",
    "approves",
    "approved",
    "disapprove",
    "disapproves",
    "disapproved",
    "support",
    "supports",
    "supported",
    "oppose",
    "opposes",
    "opposed",
    "favor",
    "favors",
    "favour",
    "favours",
    "trust",
    "trusts",
];

/// Verbs that tell where a figure stands or how it moved ("the rate fell to", "the
/// deficit rose to"): the word before them is the figure's subject, they are no noun.
const MOVES: &[&str] = &[
    "fell", "rose", "grew", "stood", "was", "is", "were", "are", "hit", "lost", "shrank", "slid",
    "sank", "rise", "rises", "falls", "grows", "stands", "has", "had", "have", "be", "been",
    "remains", "hovers", "sits",
];

/// Verbs of a level reached, with [`MOVES`]: the subject of "the deficit reached $375
/// billion" is what the sum measures; the subject of "the campaign raised $9 million" is who
/// acted.
const LEVEL_VERBS: &[&str] = &[
    "reached",
    "totaled",
    "totalled",
    "topped",
    "climbed",
    "jumped",
    "dropped",
    "declined",
    "increased",
    "decreased",
    "amounted",
    "ballooned",
    "swelled",
    "soared",
    "plunged",
];

/// The group a figure counts when a name stands right after it: the last of up to three
/// capitalised words when it is a plural ("20 Republicans", "50 Senate Democrats"), else a
/// plural common noun right after them ("20 White House officials"). `None` for a
/// possessive ("one of Trump's negotiators"), a name with nothing counted after it, or
/// punctuation in between.
fn named_group(sentence: &str, ws: &[Word<'_>], first: &Word<'_>) -> Option<String> {
    let mut prev = first;
    let mut names = vec![first];
    let mut next = None;
    for w in ws.iter().filter(|w| w.start > first.start).take(3) {
        if sentence
            .get(prev.end..w.start)
            .is_none_or(|gap| !gap.trim().is_empty())
        {
            break;
        }
        if w.is_capitalised() && !w.has_digit() {
            names.push(w);
            prev = w;
            continue;
        }
        next = Some(w);
        break;
    }
    let last = names.last()?;
    if names.len() > 3
        || names
            .iter()
            .any(|n| n.text.contains('\'') || n.text.contains('’'))
    {
        return None;
    }
    let lower = last.text.to_lowercase();
    // The name itself is the plural of a group ("Republicans"): what follows is its verb.
    let after_last = sentence.get(last.end..).unwrap_or("");
    let tight = |w: &Word<'_>| {
        sentence
            .get(prev.end..w.start)
            .is_some_and(|g| g.trim().is_empty())
    };
    if is_plural(&lower) && lower.chars().all(char::is_alphabetic) && !after_last.starts_with('\'')
    {
        return Some(thing_class(&lower));
    }
    let noun = next.filter(|w| tight(w))?;
    let l = noun.text.to_lowercase();
    (is_plural(&l) && !is_stop_word(&l) && !noun.has_digit() && l.chars().all(char::is_alphabetic))
        .then(|| thing_class(&l))
}

/// What a percentage with no noun after it measures: the subject of the verb before it
/// ("the unemployment rate fell to 3.9 percent" → rate, "his approval rating stood at 41
/// percent" → rating, "the economy grew 2.3 percent" → economy). Empty when no such subject
/// stands within a few words in the same clause.
fn subject_of_rate(sentence: &str, ws: &[Word<'_>], start: usize, levels_only: bool) -> String {
    const LINKS: &[&str] = &[
        "to", "at", "of", "by", "from", "about", "nearly", "almost", "around", "roughly", "some",
        "than", "more", "less", "just", "only", "up", "down", "a", "an", "as", "much", "high",
        "low",
    ];
    let before: Vec<&Word<'_>> = ws.iter().filter(|w| w.end <= start).collect();
    // "a turnout of 58 percent", "an approval rating of about 38 percent": the noun the
    // rate is "of".
    if !levels_only {
        let hedges = before
            .iter()
            .rev()
            .take_while(|w| HEDGE_WORDS.contains(&w.text.to_lowercase().as_str()))
            .count();
        let of_at = before.len().checked_sub(hedges.saturating_add(1));
        let noun_at = of_at.and_then(|k| k.checked_sub(1));
        if let (Some(of), Some(k), Some(noun)) = (
            of_at.and_then(|k| before.get(k)),
            noun_at,
            noun_at.and_then(|k| before.get(k)),
        ) {
            let lower = noun.text.to_lowercase();
            let tight = sentence
                .get(noun.end..start)
                .is_some_and(|g| !g.contains([',', ';', ':', '(', ')']));
            if of.text.eq_ignore_ascii_case("of")
                && tight
                && !noun.is_capitalised()
                && !is_stop_word(&lower)
                && lower.chars().all(char::is_alphabetic)
            {
                return figure_head(sentence, &before, k);
            }
        }
    }
    let mut verb = false;
    // "the trade deficit with China reached": a name after the subject, with its
    // preposition, is passed once.
    let (mut in_name, mut passed_name) = (false, false);
    for (k, w) in before.iter().enumerate().rev().take(8) {
        let lower = w.text.to_lowercase();
        let gap = sentence.get(w.end..start).unwrap_or("");
        if gap.contains([',', ';', ':', '(', ')']) {
            break;
        }
        if verb && !passed_name && k > 0 && w.is_capitalised() && !w.has_digit() {
            in_name = true;
            continue;
        }
        if in_name && !passed_name {
            if !matches!(lower.as_str(), "with" | "of" | "for" | "in" | "on" | "to") {
                break;
            }
            passed_name = true;
            continue;
        }
        if LINKS.contains(&lower.as_str()) {
            continue;
        }
        let moved = if levels_only {
            LEVEL_VERBS.contains(&lower.as_str())
        } else {
            lower.len() >= 5 && lower.ends_with("ed")
        };
        if !verb && (MOVES.contains(&lower.as_str()) || moved) {
            verb = true;
            continue;
        }
        // "found Trump's approval rating at 41 percent": a noun right before "at" is what
        // stands there.
        if !verb
            && k.checked_add(1)
                .and_then(|n| before.get(n))
                .is_some_and(|n| n.text.eq_ignore_ascii_case("at"))
            && !w.is_capitalised()
            && !w.has_digit()
            && !is_stop_word(&lower)
            && lower.chars().all(char::is_alphabetic)
        {
            return figure_head(sentence, &before, k);
        }
        let first = k == 0;
        if !verb
            || w.has_digit()
            || (w.is_capitalised() && !first)
            || is_stop_word(&lower)
            || !lower.chars().all(char::is_alphabetic)
        {
            break;
        }
        return figure_head(sentence, &before, k);
    }
    String::new()
}

/// The thing the noun `before[k]` names as a figure's subject: itself, or for a noun that
/// names a figure without saying of what ([`FIGURE_HEADS`]) the noun right before it ("the
/// unemployment rate" → unemployment, "his approval rating" → approval), so that two rates of
/// one report are two things.
fn figure_head(sentence: &str, before: &[&Word<'_>], k: usize) -> String {
    let Some(w) = before.get(k) else {
        return String::new();
    };
    let lower = w.text.to_lowercase();
    if FIGURE_HEADS.contains(&lower.as_str()) {
        if let Some(m) = k.checked_sub(1).and_then(|j| before.get(j)) {
            let ml = m.text.to_lowercase();
            let tight = sentence
                .get(m.end..w.start)
                .is_some_and(|g| g.trim().is_empty());
            if tight
                && !m.is_capitalised()
                && !is_stop_word(&ml)
                && !MEASURE_ADJECTIVES.contains(&ml.as_str())
                && ml.chars().all(char::is_alphabetic)
            {
                return thing_class(&ml);
            }
        }
    }
    thing_class(&lower)
}

/// The stance a share of people takes, as in "41 percent of Americans approve": after "of"
/// right after the figure, the first of [`STANCES`] within a few words of the same clause.
fn stance_after(sentence: &str, ws: &[Word<'_>], end: usize) -> Option<String> {
    let mut after = ws.iter().filter(|w| w.start >= end);
    let of = after.next()?;
    if !of.text.eq_ignore_ascii_case("of") {
        return None;
    }
    let mut prev = of;
    for w in after.take(5) {
        if sentence
            .get(prev.end..w.start)
            .is_none_or(|g| !g.trim().is_empty())
        {
            return None;
        }
        let lower = w.text.to_lowercase();
        if STANCES.contains(&lower.as_str()) {
            return Some(thing_class(&lower));
        }
        prev = w;
    }
    None
}

/// The common noun a sum pays for when a name describes it between them ("a $1.5 billion
/// Pentagon contract" → contract, "a $2 million Obama administration program" → program): up
/// to three capitalised words right after the sum, not a day or a month, then up to three
/// common words of one noun phrase, the last of which is the noun. Empty otherwise.
fn noun_after_name(sentence: &str, ws: &[Word<'_>], end: usize) -> String {
    let mut prev_end = end;
    let (mut names, mut noun) = (0_usize, None);
    for w in ws.iter().filter(|w| w.start >= end).take(6) {
        if sentence
            .get(prev_end..w.start)
            .is_none_or(|g| !g.trim().is_empty())
        {
            break;
        }
        let lower = w.text.to_lowercase();
        if noun.is_none() && w.is_capitalised() && !w.has_digit() {
            if super::gazetteer::is_calendar_word(&lower)
                || w.text.contains(['\'', '’'])
                || names >= 3
            {
                return String::new();
            }
            names = names.saturating_add(1);
        } else if names > 0
            && !w.is_capitalised()
            && !is_stop_word(&lower)
            && !lower.ends_with("ed")
            && !lower.ends_with("ing")
            && lower.chars().all(char::is_alphabetic)
        {
            noun = Some(lower);
        } else {
            break;
        }
        prev_end = w.end;
    }
    noun.map(|n| thing_class(&n)).unwrap_or_default()
}

/// The noun left out after a figure that ends a phrase as the value "of" a noun ("needing
/// 11 points to break the record of 2,106."): the noun counted by the figure before it in
/// the sentence, said once for both. Empty when the figure is followed by more words of its
/// phrase or nothing before it counts a thing.
fn elided_noun(sentence: &str, ws: &[Word<'_>], start: usize, end: usize) -> String {
    let of_before = ws
        .iter()
        .rfind(|w| w.end <= start)
        .is_some_and(|w| w.text.eq_ignore_ascii_case("of"));
    let rest = sentence.get(end..).unwrap_or("").trim_start();
    let ends = |r: &str| r.is_empty() || r.starts_with(['.', ',', ';', ':', ')', '\u{2014}']);
    // "scored six touchdowns and added three more on punt returns": more of the same noun.
    let more = rest
        .strip_prefix("more")
        .filter(|r| !r.starts_with(|c: char| c.is_alphanumeric()))
        .is_some_and(|r| {
            let r = r.trim_start();
            ends(r)
                || words(r).first().is_some_and(|w| {
                    let l = w.text.to_lowercase();
                    is_stop_word(&l) && l != "than" && l != "of"
                })
        });
    // "died and three more were hurt": the verb of the other clause is not this figure's.
    let after_conjunction = ws.iter().rfind(|w| w.end <= start).is_some_and(|w| {
        matches!(
            w.text.to_lowercase().as_str(),
            "and" | "but" | "or" | "while"
        )
    });
    let more = more && !after_conjunction;
    if !more && (!of_before || !ends(rest)) {
        return String::new();
    }
    ws.iter()
        .rfind(|w| w.end <= start && (w.has_digit() || number(&w.text.to_lowercase()).is_some()))
        .map(|w| noun_after(sentence, ws, w.end))
        .unwrap_or_default()
}

/// A regular English plural ("files", "rifles"), not a singular in -ss, -us or -is ("press",
/// "census", "crisis").
pub fn is_plural(lower: &str) -> bool {
    lower.len() > 3
        && lower.ends_with('s')
        && !lower.ends_with("ss")
        && !lower.ends_with("us")
        && !lower.ends_with("is")
}

/// The word before `w` is a code name ("AK 47").
fn after_code_name(ws: &[Word<'_>], w: &Word<'_>) -> bool {
    ws.iter()
        .rfind(|p| p.end <= w.start)
        .is_some_and(|p| code_name(p))
}

/// The noun a sum is the amount of: "bail of $250,000", "bail set at $250,000", "a
/// $1 million salary" is handled by [`noun_after`]. Within three words before the sum, past
/// "of", "at", "to", "set", "was", "is"; no verb, no name.
/// Units of time, as [`thing_class`] stems them: after a sum they date it ("$150,000 days
/// before the election").
const TIME_NOUNS: &[&str] = &[
    "second", "minut", "hour", "day", "days", "week", "month", "year", "decad",
];

/// What a sum pays for, named after "on" or "for" right after it ("spent $43,000 on a
/// soundproof phone booth" → booth; "paid $130,000 for her silence" → silenc). Empty when
/// no common noun heads the phrase ("on Friday", "for Trump").
fn paid_for(sentence: &str, ws: &[Word<'_>], end: usize) -> String {
    let mut rest = ws.iter().filter(|w| w.start >= end);
    let Some(prep) = rest.next() else {
        return String::new();
    };
    if !matches!(prep.text.to_lowercase().as_str(), "on" | "for")
        || sentence
            .get(end..prep.start)
            .is_none_or(|gap| !gap.trim().is_empty())
    {
        return String::new();
    }
    // Past the article or possessive ("a", "the", "her") to the noun phrase.
    let start = rest
        .find(|w| {
            !matches!(
                w.text.to_lowercase().as_str(),
                "a" | "an" | "the" | "his" | "her" | "its" | "their" | "our" | "my" | "your"
            )
        })
        .map_or(prep.end, |w| w.start);
    let thing = noun_after(sentence, ws, start);
    if TIME_NOUNS.contains(&thing.as_str()) {
        return String::new();
    }
    thing
}

fn noun_before(ws: &[Word<'_>], start: usize) -> String {
    for w in ws.iter().filter(|w| w.end <= start).rev().take(4) {
        let lower = w.text.to_lowercase();
        if matches!(
            lower.as_str(),
            "of" | "at" | "to" | "set" | "was" | "is" | "totaling" | "totalling" | "worth"
        ) {
            continue;
        }
        if w.is_capitalised()
            || w.has_digit()
            || is_stop_word(&lower)
            || lower.ends_with("ed")
            || lower.ends_with("ing")
            || VERBS.contains(&lower.as_str())
            || PAST_PARTICIPLES.contains(&lower.as_str())
            || MOVES.contains(&lower.as_str())
        {
            break;
        }
        return thing_class(&lower);
    }
    String::new()
}

/// What a duration is the length of: the adjectival head noun ("90-minute call"), the
/// subject of "lasted" ("the call lasted…"), else the verb before "for" ("imprisoned for…").
fn duration_thing(sentence: &str, ws: &[Word<'_>], start: usize, end: usize) -> String {
    let before: Vec<&Word<'_>> = ws.iter().filter(|w| w.end <= start).collect();
    let mut lowers: Vec<String> = before.iter().map(|w| w.text.to_lowercase()).collect();
    while lowers
        .last()
        .is_some_and(|l| HEDGE_WORDS.contains(&l.as_str()))
    {
        lowers.pop();
    }
    let before = before.get(..lowers.len()).unwrap_or_default();
    if let Some(v) = lowers.iter().rposition(|l| {
        matches!(
            l.as_str(),
            "lasted" | "lasting" | "last" | "took" | "spanned"
        )
    }) {
        // The subject: the last common noun before the verb ("Putin's call with Trump
        // lasted": the call, not Trump); a sentence's first word may be capitalised.
        if let Some(n) = lowers
            .get(..v)
            .unwrap_or_default()
            .iter()
            .enumerate()
            .rev()
            .find(|(k, l)| {
                !is_stop_word(l)
                    && (*k == 0
                        || before
                            .get(*k)
                            .is_some_and(|w| w.text.chars().next().is_some_and(char::is_lowercase)))
            })
            .map(|(_, l)| l)
        {
            return thing_class(n);
        }
    }
    if let Some(l) = lowers.last() {
        if matches!(l.as_str(), "for" | "in") {
            if let Some((k, _)) = before.iter().enumerate().rev().skip(1).find(|(_, w)| {
                w.text.chars().next().is_some_and(char::is_lowercase)
                    && !is_stop_word(&w.text.to_lowercase())
            }) {
                if let Some(l) = lowers.get(k) {
                    return thing_class(l);
                }
            }
        }
    }
    noun_after(sentence, ws, end)
}

/// One name for words that count the same thing.
pub fn thing_class(lower: &str) -> String {
    let s = stem(lower);
    if matches!(
        lower,
        "died" | "dies" | "die" | "kill" | "killed" | "killing" | "dead"
    ) {
        return "death".to_string();
    }
    let class = match s.as_str() {
        "death" | "victim" | "dead" | "killed" | "casualtie" | "casualty" | "fatalitie"
        | "fatality" | "live" => "death",
        "conversation" | "call" | "talk" | "phone" | "discussion" | "chat" => "call",
        "person" | "people" | "individual" | "resident" | "persons" => "people",
        // Where people live, counted along a street: "five buildings away", "three doors
        // away", "three houses from the scene".
        "building" | "house" | "home" | "door" => "building",
        // What a court gives: "seven years in prison", "a five-year sentence", "a
        // five-year heroin rap", "a 12-year term".
        "prison" | "jail" | "sentenc" | "sentence" | "term" | "rap" => "prison",
        "nation" | "country" | "state" => "country",
        // What a poll measures: "41 percent approve", "an approval rating of 38 percent".
        "approve" | "approv" | "approval" => "approval",
        "disapprove" | "disapprov" | "disapproval" => "disapproval",
        "oppose" | "oppos" | "opposition" => "opposition",
        "favor" | "favour" => "support",
        "jobless" | "joblessness" => "unemployment",
        "worker" | "employe" | "employee" | "staffer" => "worker",
        _ => return s,
    };
    class.to_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::facts::parse::parse;
    use chrono::NaiveDate;

    fn q(s: &str) -> Vec<Quantity> {
        let d = NaiveDate::from_ymd_opt(2025, 2, 13).unwrap_or_default();
        quantities(s, &parse(s, d))
    }

    fn one(s: &str) -> Quantity {
        let all = q(s);
        assert_eq!(all.len(), 1, "{s}: {all:?}");
        all.into_iter().next().expect("one")
    }

    #[test]
    fn the_call_length_three_ways() {
        let a = one("The Kremlin confirmed the call lasted nearly 90 minutes.");
        assert_eq!(
            (a.dimension, a.value, a.hedge.as_deref(), a.thing.as_str()),
            (Dimension::Duration, 90.0, Some("nearly"), "call")
        );
        let b =
            one("Peskov reported that the call lasted nearly an hour and a half, and he noted it.");
        assert_eq!((b.value, b.thing.as_str()), (90.0, "call"));
        let c = one("During the hour-and-a-half-long call, the Russian leader invited him.");
        assert_eq!(
            (c.value, c.thing.as_str(), c.hedge.as_deref()),
            (90.0, "call", None)
        );
        assert!(a.low <= c.value && c.value <= a.high);
        let d =
            one("Zelensky’s office confirmed that he had a one-hour conversation with Mr. Trump.");
        assert_eq!((d.value, d.thing.as_str()), (60.0, "call"));
    }

    #[test]
    fn a_side_of_a_score_is_no_count() {
        assert!(q("Creighton won a 65 - 53 victory over Drake.").is_empty());
        assert!(q("The Senate confirmed him by a vote of 50 to 48.").is_empty());
        // A range of ages is no tally: its figures stay.
        assert!(!q("Two girls, ages 8-10, saw the shooting.").is_empty());
    }

    #[test]
    fn a_block_number_is_a_label_exact_as_written() {
        let b = one("He was shot in the 12000 block of East 223rd Street.");
        assert_eq!(
            (b.thing.as_str(), b.low, b.high),
            ("block", 12000.0, 12000.0)
        );
        // Other round counts keep the margin of their written precision.
        let c = one("He was one of 12000 runners in the race.");
        assert!(c.low < 12000.0 && c.high > 12000.0, "{c:?}");
    }

    #[test]
    fn a_rate_with_no_noun_after_it_measures_its_subject() {
        let things = |s: &str| -> Vec<String> { q(s).into_iter().map(|x| x.thing).collect() };
        // A rate is named by the noun before it: two rates of one report are two things.
        assert_eq!(
            things("The unemployment rate fell to 3.9 percent in April."),
            vec!["unemployment"]
        );
        assert_eq!(
            things("His approval rating stood at 41 percent, Gallup said."),
            vec!["approval"]
        );
        assert_eq!(
            things("Revenue will grow at an average annual rate of 43% a year."),
            vec!["rate"]
        );
        // "a turnout of 58 percent": the noun the rate is "of".
        assert_eq!(
            things("Officials reported a turnout of 58 percent in Georgia."),
            vec!["turnout"]
        );
        assert_eq!(
            things("He had a blood alcohol level of 0.41 percent."),
            vec!["alcohol"]
        );
        // A poll's share of people measures their stance, whoever they are.
        assert_eq!(
            things("The poll found that 41 percent of Americans approve of the job he is doing."),
            vec!["approval"]
        );
        assert_eq!(
            things("Only 38 percent of registered voters supported the plan."),
            vec!["support"]
        );
        // Workers and employees are counted alike.
        assert_eq!(
            one("About 800,000 federal workers missed a paycheck.").thing,
            one("Some 420,000 federal employees missed a paycheck.").thing
        );
        // The same measure under two names.
        assert_eq!(
            things("The jobless rate dropped to 4.1 percent."),
            things("The unemployment rate fell to 3.9 percent.")
        );
        assert_eq!(
            things("Inflation rose to 2.5% last month."),
            vec!["inflation"]
        );
        assert_eq!(
            things("Tariffs of 25 percent on steel and 10 percent on aluminum."),
            vec!["steel", "aluminum"]
        );
        // No verb between, or a name: no subject is guessed.
        assert_eq!(things("Trump won 46 percent in Michigan."), vec![""]);
        assert_eq!(things("The rate, 3.9 percent, was a record."), vec![""]);
    }

    #[test]
    fn a_noun_standing_at_a_rate_is_its_subject_and_a_sums_agent_is_not() {
        let things = |s: &str| -> Vec<String> { q(s).into_iter().map(|x| x.thing).collect() };
        assert_eq!(
            things("A Gallup poll found the president's approval rating at 38 percent."),
            vec!["approval"]
        );
        // The deficit is what the sum measures; the campaign only raised it.
        assert_eq!(
            things("The trade deficit reached $375 billion last year."),
            vec!["deficit"]
        );
        assert_ne!(
            things("He said his campaign raised $9.4 million on the first day."),
            vec!["campaign"]
        );
    }

    #[test]
    fn a_range_reaches_down_to_its_lower_end() {
        let a = one("Her ties go back six to 10 generations.");
        assert_eq!(a.value, 10.0);
        assert!(a.low <= 6.0 && a.high >= 10.0, "{a:?}");
        assert!(a.surface.starts_with("six"), "{a:?}");
        let b = q("Officials counted between 150 and 200 migrants at the border.");
        let b = b.iter().find(|x| x.value == 200.0).expect("200");
        assert!(b.low <= 150.0 && b.surface.starts_with("between"), "{b:?}");
        // A change from one figure to another is no range.
        let c = q("The toll rose from 5 to 10 deaths overnight.");
        let c = c.iter().find(|x| x.value == 10.0).expect("10");
        assert!(c.low > 5.0, "{c:?}");
    }

    #[test]
    fn several_hundred_is_vague_and_more_than_a_dozen_is_hedged() {
        let a = one("They were greeted by several hundred supporters.");
        assert_eq!(
            (a.vague, a.low, a.high, a.thing.as_str()),
            (true, 300.0, 999.0, "supporter")
        );
        let b = one("A few thousand protesters marched.");
        assert_eq!((b.vague, b.low, b.high), (true, 2_000.0, 5_999.0));
        // Numbers Duckling reads stay numbers.
        let c = one("Two hundred people marched.");
        assert_eq!(
            (c.vague, c.value, c.low, c.high),
            (false, 200.0, 200.0, 200.0)
        );
        let d = one("More than a dozen people climbed the fence.");
        assert_eq!((d.hedge.as_deref(), d.low), (Some("more than"), 12.0));
        assert!(d.high > 1e6);
        let e = one("About a hundred people climbed the fence.");
        assert_eq!(e.hedge.as_deref(), Some("about"));
        assert!(e.low < 100.0 && e.high > 100.0);
    }

    #[test]
    fn a_figure_left_without_its_noun_counts_the_noun_said_before() {
        let all = q("He came in needing 11 points to break the scoring record of 2,106.");
        let things: Vec<(f64, &str)> = all.iter().map(|x| (x.value, x.thing.as_str())).collect();
        assert_eq!(things, vec![(11.0, "point"), (2106.0, "point")]);
        // A figure whose phrase goes on, or with no count before it, is no such ellipsis.
        assert!(q("The record of 2,106 was broken on a free throw.").is_empty());
        assert_eq!(
            q("He needed 11 points for a share of 30 in the record.").len(),
            1
        );
    }

    #[test]
    fn more_of_the_noun_said_before_and_a_listed_figure_takes_the_verb_of_its_list() {
        let all = q("He scored six touchdowns on offense and added three more on punt returns.");
        let things: Vec<(f64, &str)> = all.iter().map(|x| (x.value, x.thing.as_str())).collect();
        assert_eq!(things, vec![(6.0, "touchdown"), (3.0, "touchdown")]);
        // After "and", the figure belongs to another clause ("three more were hurt"), and
        // "more than" compares.
        assert_eq!(q("Five people died and three more were hurt.").len(), 1);
        assert_eq!(q("He scored 20 points, three more than Smith.").len(), 1);
        let all = q("Bush rushed for 404 yards and two touchdowns this season.");
        let frames: Vec<&str> = all.iter().map(|x| x.frame.as_str()).collect();
        assert_eq!(frames.len(), 2, "{all:?}");
        assert!(!frames[0].is_empty() && frames[0] == frames[1], "{all:?}");
    }

    #[test]
    fn a_verb_after_a_sum_is_not_its_noun() {
        let a = one("Trump repaid Michael Cohen the $130,000 paid to Stormy Daniels.");
        let b = one("Michael Cohen paid Stormy Daniels $150,000 to stay silent.");
        assert_eq!(a.thing, b.thing);
        assert_eq!(one("He posted bail of $250,000 on Monday.").thing, "bail");
    }

    #[test]
    fn vague_magnitudes_ages_money_and_negation() {
        let a = one("However, it is estimated that several hundred thousand deaths have occurred in the conflict, not millions as suggested.");
        assert_eq!(
            (a.low, a.high, a.thing.as_str()),
            (200_000.0, 999_999.0, "death")
        );
        let b = one("negotiations “to put an end to the millions of victims of the war.”");
        assert_eq!((b.low, b.thing.as_str()), (2e6, "death"));
        let all = q("The 45-year-old had pleaded guilty, linked to $4 billion in illicit funds, and was facing up to 20 years.");
        let dims: Vec<(Dimension, f64)> = all.iter().map(|x| (x.dimension, x.value)).collect();
        assert_eq!(
            dims,
            vec![
                (Dimension::Age, 45.0),
                (Dimension::Money, 4e9),
                (Dimension::Duration, 20.0 * 525600.0)
            ]
        );
        assert_eq!(all[1].thing, "fund");
        assert_eq!(all[2].hedge.as_deref(), Some("up to"));
        let c =
            one("a coalition of 54 nations coordinating military aid to Kyiv since April 2022.");
        assert_eq!((c.value, c.thing.as_str()), (54.0, "country"));
    }

    #[test]
    fn precision_comes_from_how_the_number_is_written() {
        assert_eq!(written_step("55,000", 55_000.0, Dimension::Count), 1_000.0);
        assert_eq!(written_step("50,000", 50_000.0, Dimension::Count), 10_000.0);
        assert_eq!(written_step("48", 48.0, Dimension::Count), 0.0);
        let m = written_step("$43.9 million", 43.9e6, Dimension::Money);
        assert!((m - 1e5).abs() < 1.0, "{m}");
        assert_eq!(written_step("$44 million", 44e6, Dimension::Money), 1e6);
        assert_eq!(written_step("three", 3.0, Dimension::Count), 0.0);
        assert_eq!(written_step("32", 32.0, Dimension::Age), 0.0);
        assert_eq!(written_step("", 0.0, Dimension::Count), 0.0);
        let a = one("The agency received 55,000 pages.");
        let b = one("The agency received 50,000 pages.");
        assert!(a.low > b.high, "{a:?} {b:?}");
    }

    #[test]
    fn adjective_forms_count_their_noun() {
        let a = one("Prosecutors filed a 48-page indictment.");
        let b = one("The indictment runs 47 pages.");
        assert_eq!((a.value, a.thing.as_str()), (48.0, "page"));
        assert_eq!(a.thing, b.thing);
        let c = one("He took a 35-word oath.");
        assert_eq!(c.thing, "word");
        let d = one("the 19 other states that sued");
        assert_eq!(d.thing, "country");
        let e = one("The bail of $250,000 was posted.");
        assert_eq!(e.thing, "bail");
    }

    #[test]
    fn an_irregular_plural_ends_its_noun_phrase_as_a_regular_one_does() {
        let thing = |s: &str| one(s).thing;
        assert_eq!(
            thing("About 700 children remain separated from their parents."),
            "children"
        );
        assert_eq!(thing("Some 40 women marched on the capital."), "women");
        // A preposition ends the phrase too: no noun here.
        assert_eq!(
            q("About 42% among registered voters said no.")
                .iter()
                .map(|x| x.thing.as_str())
                .collect::<Vec<_>>(),
            vec![""]
        );
        assert_eq!(thing("Twelve people were arrested."), "people");
        // "dead" says what the count is.
        assert_eq!(thing("The storm left three people dead."), "death");
        // A regular plural, as before.
        assert_eq!(thing("About 700 families remain separated."), "famil");
    }

    #[test]
    fn a_figure_made_an_adjective_names_the_noun_it_describes() {
        let s = "They capped a 73-yard drive with a 7-yard touchdown pass.";
        let got: Vec<Option<String>> = q(s)
            .iter()
            .map(|x| classified_noun(s, x.range.end))
            .collect();
        assert_eq!(got, vec![Some("drive".into()), Some("touchdown".into())]);
        let s = "He ran 73 yards.";
        assert_eq!(classified_noun(s, one(s).range.end), None);
    }

    #[test]
    fn a_sum_pays_for_the_noun_a_name_describes() {
        let thing = |s: &str| one(s).thing;
        assert_eq!(
            thing("Boeing won a $1.5 billion Pentagon contract to build tankers."),
            "contract"
        );
        assert_eq!(
            thing("It is a $2 million Obama administration program."),
            "program"
        );
        // A day after the sum dates it.
        assert_eq!(
            thing("The campaign raised $5 million Tuesday night."),
            "sum"
        );
    }

    #[test]
    fn dates_and_letters_are_not_quantities() {
        assert!(q("the invasion of Ukraine nearly three years ago").is_empty());
        assert!(q("Barack Obama in 2013 for a summit")
            .iter()
            .all(|x| x.value != 2013.0));
        assert!(q("Section l of the law").is_empty());
        assert!(q("").is_empty());
        assert!(q("the No. 5 seed and the #1 seed").is_empty());
        assert!(q("an island home to 120, 000 people")
            .iter()
            .all(|x| x.value != 0.0));
        // A time of day is read as one, never as a count of six.
        let six = q("he gave up just after 6 p.m. on Friday");
        assert_eq!(
            six.iter()
                .map(|x| (x.dimension, x.value, x.low, x.high))
                .collect::<Vec<_>>(),
            vec![(Dimension::TimeOfDay, 1080.0, 1080.0, 1100.0)],
            "{six:?}"
        );
        assert!(q("As of 11 p.m. police were still searching").is_empty());
        assert!(q("Updated: Apr 02, 2009 11:06 PM CEST").is_empty());
        assert!(q("the talks lasted 24 hours")
            .iter()
            .all(|x| x.dimension != Dimension::TimeOfDay));
        let passes = q("Garrard completed 28 of 41 passes for 329 yards");
        assert!(passes.iter().all(|x| x.value != 41.0), "{passes:?}");
    }

    #[test]
    fn and_a_half_code_names_identifiers_and_lengths() {
        let a = one("LaRue served four and a half months in federal prison.");
        assert_eq!(
            (a.dimension, a.value, a.thing.as_str()),
            (Dimension::Duration, 4.5 * 43800.0, "prison")
        );
        let rifles = q("Six AK-47 rifles and 12 magazines were seized from the boats.");
        let got: Vec<(f64, &str)> = rifles.iter().map(|x| (x.value, x.thing.as_str())).collect();
        assert_eq!(got, vec![(6.0, "rifle"), (12.0, "magazin")], "{rifles:?}");
        assert!(q("He was driving west on State Route 94 when stopped.").is_empty());
        // A number of years is a length of time, however it is written; "ago" makes a date.
        let served = one("After serving five years on the heroin conviction, he resumed his life.");
        assert_eq!(served.dimension, Dimension::Duration, "{served:?}");
        assert_eq!(served.value, 5.0 * 525600.0);
        let rap = one("Before 1997, he had served only a five - year heroin rap in 1959.");
        assert_eq!(
            (rap.dimension, rap.thing.as_str()),
            (Dimension::Duration, "prison")
        );
        let term = one("He was sentenced to seven years in prison.");
        assert_eq!(
            (term.value, term.thing.as_str()),
            (7.0 * 525600.0, "prison")
        );
        assert!(q("He was married for the second time about two weeks ago.")
            .iter()
            .all(|x| x.dimension != Dimension::Duration));
        // The whole a part was taken from is no claim of its own.
        assert!(q("He served most of a six - month sentence before returning home.").is_empty());
        // An adjective of nationality describes the noun after it; a name ends the phrase.
        let files = q("Israel had obtained hundreds of thousands of Iranian files.");
        assert_eq!(
            files.first().map(|x| x.thing.as_str()),
            Some("file"),
            "{files:?}"
        );
        // Words for one thing count it together.
        let classes: Vec<String> = [
            "doors",
            "houses",
            "buildings",
            "jail",
            "sentence",
            "residents",
        ]
        .iter()
        .map(|w| thing_class(w))
        .collect();
        assert_eq!(
            classes,
            vec!["building", "building", "building", "prison", "prison", "people"]
        );
        // Pounds of weight are no sterling.
        let weight = q("Deputies said that Orozco is 5 - foot - 8, 135 pounds, with tattoos.");
        let pounds: Vec<(Dimension, f64)> = weight
            .iter()
            .filter(|x| x.thing == "pound")
            .map(|x| (x.dimension, x.value))
            .collect();
        assert_eq!(pounds, vec![(Dimension::Count, 135.0)], "{weight:?}");
        let fine = one("He was fined 500 pounds by the court.");
        assert_eq!(fine.dimension, Dimension::Money, "{fine:?}");
        let sailors = q("The navy freed 23 Russian sailors and 11 Indian nationals.");
        let got: Vec<&str> = sailors.iter().map(|x| x.thing.as_str()).collect();
        assert_eq!(got, vec!["sailor", "national"], "{sailors:?}");
        let deadline = q("Trump faces a May 12 deadline to decide.");
        assert!(deadline.is_empty(), "{deadline:?}");
        let fall = one("The climber fell about 200 feet from the ridge.");
        assert_eq!(fall.dimension, Dimension::Length);
        assert!((fall.value - 60.96).abs() < 1e-6, "{fall:?}");
        assert!(fall.low < 60.0 && fall.high > 61.0, "{fall:?}");
        let near = one("One rocket landed within 20 miles of Tel Aviv.");
        assert_eq!((near.dimension, near.low), (Dimension::Length, 0.0));
        assert_eq!(
            reference_place("within 20 miles of Tel Aviv", 9).as_deref(),
            Some("tel aviv")
        );
        assert!(classifies("he finished the three-point play", 21));
        assert!(!classifies("a 48-page.", 4));
    }

    #[test]
    fn ages_spelled_out_or_stated_after_a_name() {
        for (s, age) in [
            ("Sixty-year-old Sharron Smith was arrested.", 60.0),
            ("A twenty-five-year-old man was arrested.", 25.0),
            ("Police charged Sharron Smith, age 61, with murder.", 61.0),
            ("Police charged Sharron Smith, aged 61, with murder.", 61.0),
        ] {
            let a = one(s);
            assert_eq!((a.dimension, a.value), (Dimension::Age, age), "{s}: {a:?}");
        }
        assert_eq!(number("ninety-nine"), Some(99.0));
        assert_eq!(number("sixty-ten"), None);
        assert_eq!(number("five-six"), None);
    }
}
