//! Where the Duckling parser runs: only on the words around numbers and number words, with
//! a fixed reference time (never the clock), and with any panic inside it caught.

use super::words::{words, Word};
use chrono::{DateTime, FixedOffset, NaiveDate};
use duckling::{
    Context, DimensionKind, DimensionValue, Entity, Grain, Lang, Locale, MeasurementValue, Options,
    TimePoint, TimeValue,
};
use std::panic::{catch_unwind, AssertUnwindSafe};

/// What Duckling found in a sentence, with byte offsets into the sentence.
pub type Parsed = Vec<Entity>;

/// Number words, sorted (the facts read them; the compare view marks them as numbers).
#[rustfmt::skip]
pub const NUMBER_WORDS: &[&str] = &[
    "billion", "billions", "dozen", "dozens", "eight", "eighteen", "eighty", "eleven", "fifteen",
    "fifty", "five", "forty", "four", "fourteen", "half", "hundred", "hundreds", "million",
    "millions", "nine", "nineteen", "ninety", "one", "seven", "seventeen", "seventy", "six",
    "sixteen", "sixty", "ten", "thirteen", "thirty", "thousand", "thousands", "three", "trillion",
    "twelve", "twenty", "two",
];

/// A number or a number word ("90", "$4", "three", "hour-and-a-half-long").
pub fn is_numberish(w: &Word<'_>) -> bool {
    w.has_digit()
        || w.text.split('-').any(|p| {
            NUMBER_WORDS
                .binary_search(&p.to_lowercase().as_str())
                .is_ok()
        })
}

/// Whether a sentence holds anything Duckling could read as a number.
pub fn has_numbers(sentence: &str) -> bool {
    words(sentence).iter().any(is_numberish)
}

/// Reads the numbers, money, durations and years of `sentence`. Numbers in digits are read
/// here (fast, and this Duckling port misreads "1,200 people" as a time); Duckling runs only
/// on the few words around spelled-out numbers ("an hour and a half", "three years"), for
/// the dimensions their words suggest, with `reference` as "now" (the publication date, or a
/// fixed date when unknown). Dates with a month name are read in `times` (Duckling's time
/// rules cost up to 100 ms a sentence). Offsets are bytes of `sentence`.
pub fn parse(sentence: &str, reference: NaiveDate) -> Parsed {
    let ws = words(sentence);
    let mut out = Vec::new();
    add_plain_numbers(sentence, &ws, &mut out);
    add_simple_spelled(sentence, &ws, &mut out);
    let mut windows: Vec<(usize, usize)> = Vec::new();
    for (k, w) in ws.iter().enumerate() {
        if !is_numberish(w) || w.has_digit() || !needs_duckling(sentence, &ws, k) {
            continue;
        }
        let a = k.saturating_sub(5);
        let b = k.saturating_add(4).min(ws.len().saturating_sub(1));
        let (Some(first), Some(last)) = (ws.get(a), ws.get(b)) else {
            continue;
        };
        let (start, end) = (first.start, last.end);
        match windows.last_mut() {
            Some(last) if start <= last.1 => last.1 = last.1.max(end),
            _ => windows.push((start, end)),
        }
    }
    if windows.is_empty() {
        return out;
    }
    let reference_time: DateTime<FixedOffset> = reference
        .and_hms_opt(12, 0, 0)
        .map(|t| t.and_utc().fixed_offset())
        .unwrap_or_default();
    let locale = Locale::new(Lang::EN, None);
    let context = Context::new(reference_time, locale);
    let options = Options::default();
    let mut found_all: Parsed = Vec::new();
    for (a, b) in windows {
        let Some(window) = sentence.get(a..b) else {
            continue;
        };
        let dims = dimensions_for(window);
        let found = catch_unwind(AssertUnwindSafe(|| {
            duckling::parse(window, &locale, &dims, &context, &options)
        }))
        .unwrap_or_default();
        for mut e in found {
            // Duckling's offsets are bytes of the window. This port also matches inside
            // words ("l" in "Kremlin" read as a lakh, "250 h" of "250 hostages" as hours):
            // keep only what starts and ends at word boundaries and holds a number.
            let Some(body) = window.get(e.start..e.end) else {
                continue;
            };
            if !at_word_boundaries(window, e.start, e.end) || !words(body).iter().any(is_numberish)
            {
                continue;
            }
            e.start = e.start.saturating_add(a);
            e.end = e.end.saturating_add(a);
            found_all.push(e);
        }
    }
    // Duckling's longer readings replace the plain numbers inside them ("February 12, 2022").
    for e in &found_all {
        out.retain(|o| {
            !(o.start < e.end
                && e.start < o.end
                && o.end.saturating_sub(o.start) < e.end.saturating_sub(e.start))
        });
    }
    for e in found_all {
        if !out.iter().any(|o| o.start < e.end && e.start < o.end) {
            out.push(e);
        }
    }
    out.sort_by_key(|e| (e.start, e.end));
    out.dedup_by(|x, y| x.start == y.start && x.end == y.end && x.value == y.value);
    out
}

/// Only the dimensions a window's words call for: each costs Duckling time.
fn dimensions_for(window: &str) -> Vec<DimensionKind> {
    let lower = window.to_lowercase();
    let has = |ws: &[&str]| words(&lower).iter().any(|w| ws.contains(&w.text));
    let mut dims = vec![DimensionKind::Numeral];
    if has(&[
        "second", "seconds", "minute", "minutes", "hour", "hours", "day", "days", "week", "weeks",
        "month", "months", "year", "years", "decade", "decades",
    ]) {
        dims.push(DimensionKind::Duration);
    }
    if has(&[
        "dollar", "dollars", "euro", "euros", "pound", "pounds", "yen", "yuan", "rupees",
    ]) || lower.contains(['$', '€', '£'])
    {
        dims.push(DimensionKind::AmountOfMoney);
    }
    dims
}

/// Value of a lone spelled-out number ("three", "twenty", "dozen").
fn spelled_value(lower: &str) -> Option<f64> {
    const SMALL: [&str; 21] = [
        "zero",
        "one",
        "two",
        "three",
        "four",
        "five",
        "six",
        "seven",
        "eight",
        "nine",
        "ten",
        "eleven",
        "twelve",
        "thirteen",
        "fourteen",
        "fifteen",
        "sixteen",
        "seventeen",
        "eighteen",
        "nineteen",
        "twenty",
    ];
    if let Some(v) = SMALL.iter().position(|w| *w == lower) {
        return Some(v as f64);
    }
    Some(match lower {
        "thirty" => 30.0,
        "forty" => 40.0,
        "fifty" => 50.0,
        "sixty" => 60.0,
        "seventy" => 70.0,
        "eighty" => 80.0,
        "ninety" => 90.0,
        "dozen" => 12.0,
        "hundred" => 100.0,
        "thousand" => 1e3,
        "million" => 1e6,
        "billion" => 1e9,
        _ => return None,
    })
}

/// Whether the spelled-out number at `k` needs Duckling: fractions ("an hour and a half"),
/// compounds ("forty-two", "two hundred thousand"). Lone number words are read here, scale
/// words after digits ("$200 million") were read with their digits, and hyphenated unit
/// adjectives ("one-hour", "hour-and-a-half-long") are read in `quantities`.
fn needs_duckling(sentence: &str, ws: &[Word<'_>], k: usize) -> bool {
    let Some(w) = ws.get(k) else {
        return false;
    };
    let lower = w.text.to_lowercase();
    let prev = k.checked_sub(1).and_then(|p| ws.get(p));
    if prev.is_some_and(|p| {
        p.has_digit()
            && sentence
                .get(p.end..w.start)
                .is_some_and(|g| g.trim().is_empty())
    }) {
        return false;
    }
    if lower.contains('-') {
        let unit = [
            "second", "minute", "hour", "day", "week", "month", "year", "old",
        ];
        return !lower.split('-').any(|p| unit.contains(&p));
    }
    if matches!(
        lower.as_str(),
        "half" | "quarter" | "hundreds" | "thousands" | "millions" | "billions" | "dozens"
    ) {
        return lower == "half" || lower == "quarter";
    }
    let spelled = |i: usize| ws.get(i).is_some_and(|x| !x.has_digit() && is_numberish(x));
    spelled(k.saturating_add(1)) || k.checked_sub(1).is_some_and(spelled)
}

/// Lone spelled-out numbers ("three years", "two leaders") that need no Duckling.
fn add_simple_spelled(sentence: &str, ws: &[Word<'_>], out: &mut Parsed) {
    for (k, w) in ws.iter().enumerate() {
        if w.has_digit() || needs_duckling(sentence, ws, k) {
            continue;
        }
        let lower = w.text.to_lowercase();
        let Some(v) = spelled_value(&lower) else {
            continue;
        };
        if k.checked_sub(1)
            .and_then(|p| ws.get(p))
            .is_some_and(|p| p.has_digit())
        {
            continue;
        }
        let next = ws
            .get(k.saturating_add(1))
            .filter(|n| {
                sentence
                    .get(w.end..n.start)
                    .is_some_and(|g| g.trim().is_empty())
            })
            .map(|n| (n.text.to_lowercase(), n.end));
        let (value, end) = match next
            .as_ref()
            .and_then(|(n, e)| grain_of(n).map(|g| (g, *e)))
        {
            Some(((grain, secs), e)) => (
                DimensionValue::Duration {
                    value: v as i64,
                    grain,
                    normalized_seconds: (v * secs as f64) as i64,
                },
                e,
            ),
            None => (DimensionValue::Numeral(v), w.end),
        };
        let Some(body) = sentence.get(w.start..end) else {
            continue;
        };
        out.push(Entity {
            body: body.to_string(),
            start: w.start,
            end,
            value,
            latent: Some(false),
        });
    }
}

fn at_word_boundaries(s: &str, start: usize, end: usize) -> bool {
    let before = s.get(..start).and_then(|x| x.chars().next_back());
    let after = s.get(end..).and_then(|x| x.chars().next());
    let first = s.get(start..).and_then(|x| x.chars().next());
    let last = s.get(..end).and_then(|x| x.chars().next_back());
    let joined = |x: Option<char>, y: Option<char>| {
        x.is_some_and(char::is_alphanumeric) && y.is_some_and(char::is_alphanumeric)
    };
    !joined(before, first) && !joined(last, after)
}

fn grain_of(unit: &str) -> Option<(Grain, i64)> {
    Some(match unit.trim_end_matches('s') {
        "second" => (Grain::Second, 1),
        "minute" => (Grain::Minute, 60),
        "hour" => (Grain::Hour, 3600),
        "day" => (Grain::Day, 86_400),
        "week" => (Grain::Week, 604_800),
        "month" => (Grain::Month, 2_628_000),
        "year" => (Grain::Year, 31_536_000),
        "decade" => (Grain::Year, 315_360_000),
        _ => return None,
    })
}

/// Numbers in digits: money after a currency sign ("$4 billion"), durations before a unit
/// ("90 minutes"), years ("in 2013"), and plain numbers with their scale ("3.5 million").
fn add_plain_numbers(sentence: &str, ws: &[Word<'_>], out: &mut Parsed) {
    // `k` stays within `ws.len()`, so `+ 1` cannot overflow; it saturates all the same.
    let mut k = 0;
    while let Some(w) = ws.get(k) {
        k = k.saturating_add(1);
        if !w.has_digit() {
            continue;
        }
        // "000" of a split "120, 000", "07" of a time: pieces, not numbers.
        if w.text.len() > 1 && w.text.starts_with('0') && !w.text.starts_with("0.") {
            continue;
        }
        // "48-page": the number before the hyphen.
        let digits = match w.text.split_once('-') {
            Some((n, rest))
                if !n.is_empty()
                    && n.bytes()
                        .all(|b| b.is_ascii_digit() || b == b',' || b == b'.')
                    && rest.chars().next().is_some_and(char::is_alphabetic) =>
            {
                n
            }
            _ => w.text,
        };
        let Ok(mut v) = digits.replace(',', "").parse::<f64>() else {
            continue;
        };
        let (mut start, mut end) = (w.start, w.start.saturating_add(digits.len()));
        // "2, 029" and "1, 000, 000": thousands that tokenised text split after the comma.
        if !w.text.contains([',', '.']) && w.text.len() <= 3 {
            while let Some(n) = ws.get(k).filter(|n| {
                n.text.len() == 3
                    && n.text.bytes().all(|b| b.is_ascii_digit())
                    && sentence.get(end..n.start) == Some(", ")
            }) {
                let Ok(group) = n.text.parse::<f64>() else {
                    break;
                };
                v = v * 1000.0 + group;
                end = n.end;
                k = k.saturating_add(1);
            }
        }
        let next_word = |i: usize, end: usize| {
            ws.get(i)
                .filter(|n| {
                    sentence
                        .get(end..n.start)
                        .is_some_and(|g| g.trim().is_empty())
                })
                .map(|n| (n.text.to_lowercase(), n.end))
        };
        if let Some((scale, e)) = next_word(k, end) {
            let mult = match scale.as_str() {
                "thousand" => 1e3,
                "million" | "mn" => 1e6,
                "billion" | "bn" => 1e9,
                "trillion" => 1e12,
                _ => 1.0,
            };
            if mult > 1.0 {
                v *= mult;
                end = e;
                k = k.saturating_add(1);
            }
        }
        let sign = sentence.get(..start).and_then(|b| b.chars().next_back());
        let currency = match sign {
            Some('$') => Some("USD"),
            Some('€') => Some("EUR"),
            Some('£') => Some("GBP"),
            _ => None,
        };
        let next = next_word(k, end);
        let value = if let Some(unit) = currency {
            start = start.saturating_sub(sign.map_or(0, char::len_utf8));
            DimensionValue::AmountOfMoney(MeasurementValue::Value {
                value: v,
                unit: unit.into(),
            })
        } else if let Some((grain, secs)) = next.as_ref().and_then(|(n, _)| grain_of(n)) {
            end = next.as_ref().map_or(end, |n| n.1);
            k = k.saturating_add(1);
            DimensionValue::Duration {
                value: v as i64,
                grain,
                normalized_seconds: (v * secs as f64) as i64,
            }
        } else if let Some(unit) = next.as_ref().and_then(|(n, _)| match n.as_str() {
            "dollars" => Some("USD"),
            "euros" => Some("EUR"),
            "pounds" => Some("GBP"),
            _ => None,
        }) {
            end = next.as_ref().map_or(end, |n| n.1);
            k = k.saturating_add(1);
            DimensionValue::AmountOfMoney(MeasurementValue::Value {
                value: v,
                unit: unit.into(),
            })
        } else if w.text.len() == 4 && v.fract() == 0.0 && (1800.0..=2100.0).contains(&v) {
            let Some(day) =
                NaiveDate::from_ymd_opt(v as i32, 1, 1).and_then(|d| d.and_hms_opt(0, 0, 0))
            else {
                continue;
            };
            let point = TimePoint::Naive {
                value: day,
                grain: Grain::Year,
            };
            DimensionValue::Time(TimeValue::Single {
                value: point.clone(),
                values: vec![point],
                holiday: None,
            })
        } else {
            DimensionValue::Numeral(v)
        };
        let Some(body) = sentence.get(start..end) else {
            continue;
        };
        out.push(Entity {
            body: body.to_string(),
            start,
            end,
            value,
            latent: Some(false),
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn number_words_are_sorted_and_detected() {
        assert!(NUMBER_WORDS.windows(2).all(|w| w[0] < w[1]));
        assert!(has_numbers("the hour-and-a-half-long call"));
        assert!(has_numbers("$4 billion"));
        assert!(!has_numbers("The Kremlin confirmed the call."));
    }

    #[test]
    fn parses_windows_with_byte_offsets() {
        let s = "Le Président — “il a dit” — the call lasted nearly 90 minutes.";
        let d = NaiveDate::from_ymd_opt(2025, 2, 13).unwrap_or_default();
        let found = parse(s, d);
        let dur = found
            .iter()
            .find(|e| e.value.dim_kind() == DimensionKind::Duration)
            .expect("a duration");
        assert_eq!(&s[dur.start..dur.end], dur.body);
        assert!(parse("", d).is_empty());
    }
}
