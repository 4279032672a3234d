//! Cleaning a text body: header lines become metadata, a headline becomes the title, page
//! furniture goes, and what went is counted.

use crate::article::Removed;
use crate::ingest::dates;
use chrono::NaiveDate;
use regex::{Regex, RegexSet};
use std::sync::LazyLock;

/// A cleaned body and what cleaning found.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Cleaned {
    /// Paragraphs, trimmed, joined by one newline.
    pub text: String,
    /// A headline line taken from the top.
    pub title: Option<String>,
    /// A date line taken from the top.
    pub date: Option<NaiveDate>,
    /// A URL line taken from the top.
    pub url: Option<String>,
    /// An id line taken from the top (a UUID or a long code).
    pub source_id: Option<String>,
    /// What was removed.
    pub removed: Removed,
}

/// How many lines at the top may be header lines (URL, date, id, headline).
const HEADER_LINES: usize = 5;

/// Cleans `body`. `given_title`: a title known from elsewhere (JSONL, the page); a first line
/// equal to it is dropped instead of kept twice.
pub fn clean(body: &str, given_title: Option<&str>) -> Cleaned {
    let mut text = String::new();
    let mut out = clean_into(body, given_title, &mut text);
    out.text = text;
    out
}

/// [`clean`] with the clean text written into `text` (cleared first; reuse it to save an
/// allocation per body); the returned [`Cleaned`] has an empty `text`.
pub fn clean_into(body: &str, given_title: Option<&str>, text: &mut String) -> Cleaned {
    let mut out = Cleaned::default();
    let lines: Vec<&str> = lines(body).map(str::trim).collect();
    // One search of the whole body: lines are searched for cookies only when it has some.
    let any_cookie = COOKIE.find(body.as_bytes()).is_some();
    let mut i = 0;
    // Header block: URL, date and id lines, and the headline, in any order.
    let mut header_seen = 0;
    while header_seen < HEADER_LINES {
        let Some(&line) = lines.get(i) else {
            break;
        };
        if line.is_empty() {
            i = i.saturating_add(1);
            continue;
        }
        if out.url.is_none() && is_url_line(line) {
            out.url = Some(line.split_whitespace().collect());
        } else if let Some(d) = out.date.is_none().then(|| dates::date_line(line)).flatten() {
            out.date = Some(d);
        } else if out.source_id.is_none() && is_id_line(line) {
            out.source_id = Some(line.to_string());
        } else if given_title.is_some_and(|t| same_words(t, line)) {
            out.removed.title_lines = out.removed.title_lines.saturating_add(1);
            i = i.saturating_add(1);
            header_seen = header_seen.saturating_add(1);
            continue;
        } else if out.title.is_none()
            && given_title.is_none()
            && is_headline(line)
            && ends_header(&lines, i, header_seen > 0)
        {
            out.title = Some(line.to_string());
            out.removed.title_lines = out.removed.title_lines.saturating_add(1);
            i = i.saturating_add(1);
            header_seen = header_seen.saturating_add(1);
            continue;
        } else {
            break;
        }
        out.removed.metadata_lines = out.removed.metadata_lines.saturating_add(1);
        i = i.saturating_add(1);
        header_seen = header_seen.saturating_add(1);
    }
    let body_lines = lines.get(i..).unwrap_or_default();
    let mut kept: Vec<&str> = Vec::with_capacity(body_lines.len());
    let mut after_terminal = false;
    for &line in body_lines {
        if line.is_empty() {
            continue;
        }
        // Words are counted (up to 26) only for the lines that may be furniture: counting is
        // a scan of the line, the cheap test is not.
        let maybe = maybe_furniture(line, any_cookie);
        let words = if maybe || after_terminal {
            word_count_upto(line, 26)
        } else {
            usize::MAX
        };
        if maybe && words <= 25 && FURNITURE.is_match(line) {
            out.removed.furniture_lines = out.removed.furniture_lines.saturating_add(1);
            after_terminal |= TERMINAL.is_match(line);
            continue;
        }
        // Under "Related posts" or "Leave a Reply", short lines are link titles and form labels.
        if after_terminal && words <= 12 && !ends_sentence(line) {
            out.removed.furniture_lines = out.removed.furniture_lines.saturating_add(1);
            continue;
        }
        after_terminal = false;
        kept.push(line);
    }
    text.clear();
    text.reserve(kept.iter().map(|l| l.len().saturating_add(1)).sum());
    for (n, line) in kept.iter().enumerate() {
        if n > 0 {
            text.push('\n');
        }
        text.push_str(line);
    }
    out
}

/// The lines of `body` as [`str::lines`] gives them, up to a final `\r` (which trimming
/// removes anyway), found with one vectorised `memchr` scan instead of a byte loop.
fn lines(body: &str) -> impl Iterator<Item = &str> {
    let mut ends = memchr::memchr_iter(b'\n', body.as_bytes());
    let mut start = 0;
    std::iter::from_fn(move || {
        let line = match ends.next() {
            Some(end) => body.get(start..end),
            // The rest, unless empty (a final newline ends the last line, it starts none).
            None => body.get(start..).filter(|r| !r.is_empty()),
        };
        start = line.map_or(body.len(), |l| {
            start.saturating_add(l.len()).saturating_add(1)
        });
        line
    })
}

// A literal pattern: it compiles (the tests run every one), so `expect` cannot fire.
#[allow(clippy::expect_used)]
static FURNITURE: LazyLock<RegexSet> = LazyLock::new(|| {
    RegexSet::new([
        r"(?i)^leave a (reply|comment)(?-u:\b)",
        r"(?i)^(post a |add a |\d+ )?comments?( \(\d+\))?:?$",
        r"(?i)^your email address will not be published",
        r"(?i)^required fields are marked",
        r"(?i)^save my name, email,? and website",
        r"(?i)^(related|recommended|popular|more|latest|trending|you may also like)( (posts?|articles?|stories|news|reading|content|coverage))?:?$",
        r"(?i)^(read (more|next|also)|see also|also read)(?-u:\b).{0,120}$",
        r"(?i)^(share|tweet|email|print|pin it|whatsapp|linkedin|facebook|twitter|reddit)( (this|on|via)( (article|story|post|page|facebook|twitter|x|email))?)?:?$",
        r"(?i)^share (this|on|via)(?-u:\b).{0,60}$",
        r"(?i)^(subscribe|sign up|join)(?-u:\b).{0,100}(?-u:\b)(newsletter|updates|inbox|alerts|free)(?-u:\b)",
        r"(?i)^subscribe( now| today)?[.!]?$",
        r"(?i)(?-u:\b)(we use|this (site|website) uses|accept( all)?|manage|about) cookies(?-u:\b)",
        r"(?i)(?-u:\b)cookie (policy|settings|preferences|consent)(?-u:\b)",
        r"(?i)^(advertisement|sponsored( content)?|ad|promoted)$",
        r"(?i)^follow us( on)?(?-u:\b)",
        r"(?i)^(click|tap) here(?-u:\b)",
        r"(?i)^(all rights reserved|copyright(?-u:\b)|©)",
        r"(?i)^(previous|next) (post|article|story)(?-u:\b)",
        r"(?i)^(tags?|filed under|categories|posted in):",
        r"(?i)^(skip to (main )?content|back to top|jump to comments)$",
    ])
    .expect("static regexes")
});

/// A cheap test that passes every line the furniture patterns can match: they start with one
/// of these words, or mention cookies. Saves running the patterns on ordinary lines.
/// `any_cookie`: whether the whole body mentions cookies (if not, no line does).
fn maybe_furniture(line: &str, any_cookie: bool) -> bool {
    const FIRST_WORDS: &[&str] = &[
        "leave",
        "post",
        "add",
        "comment",
        "comments",
        "your",
        "required",
        "save",
        "related",
        "recommended",
        "popular",
        "more",
        "latest",
        "trending",
        "you",
        "read",
        "see",
        "also",
        "share",
        "tweet",
        "email",
        "print",
        "pin",
        "whatsapp",
        "linkedin",
        "facebook",
        "twitter",
        "reddit",
        "subscribe",
        "sign",
        "join",
        "advertisement",
        "sponsored",
        "ad",
        "promoted",
        "follow",
        "click",
        "tap",
        "all",
        "copyright",
        "previous",
        "next",
        "tags",
        "tag",
        "filed",
        "categories",
        "posted",
        "skip",
        "back",
        "jump",
    ];
    let first = line
        .split(|c: char| !c.is_alphanumeric())
        .next()
        .unwrap_or("");
    line.starts_with('\u{a9}')
        || first.bytes().all(|b| b.is_ascii_digit())
        || (first.len() <= 13 && FIRST_WORDS.iter().any(|w| w.eq_ignore_ascii_case(first)))
        || (any_cookie && COOKIE.find(line.as_bytes()).is_some())
}

/// The cookie test of [`maybe_furniture`], built once (a vectorised substring search).
static COOKIE: LazyLock<memchr::memmem::Finder<'static>> =
    LazyLock::new(|| memchr::memmem::Finder::new("ookie"));

// A literal pattern: it compiles (the tests run every one), so `expect` cannot fire.
#[allow(clippy::expect_used)]
static TERMINAL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(leave a (reply|comment)|(related|recommended|more|latest|popular|trending)( (posts?|articles?|stories|news|reading))?:?$|(post a |add a |\d+ )?comments?:?$|you may also like)")
        .expect("static regex")
});

// A literal pattern: it compiles (the tests run every one), so `expect` cannot fire.
#[allow(clippy::expect_used)]
static ID_LINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:[0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{12}|[0-9A-Fa-f]{16,64}|[A-Za-z]*[-_:]?\d[\w-]{7,})$")
        .expect("static regex")
});

fn is_id_line(line: &str) -> bool {
    ID_LINE.is_match(line) && line.chars().any(|c| c.is_ascii_digit())
}

fn is_url_line(line: &str) -> bool {
    // Most lines are rejected on their first characters, without joining the whole line.
    if !["http://", "https://", "www."]
        .iter()
        .any(|p| joined_starts_with(line, p))
    {
        return false;
    }
    let joined: String = line.split_whitespace().collect();
    (joined.starts_with("http://") || joined.starts_with("https://") || joined.starts_with("www."))
        && line.split_whitespace().count() <= 60
        && !joined.contains("http://http")
        && (line.split_whitespace().count() == 1 || line.contains(" / "))
}

/// Whether `line` with its whitespace removed starts with `prefix`.
fn joined_starts_with(line: &str, prefix: &str) -> bool {
    let mut chars = line.chars().filter(|c| !c.is_whitespace());
    prefix.chars().all(|p| chars.next() == Some(p))
}

/// A headline: short, no final punctuation, starts with a letter or digit.
fn is_headline(line: &str) -> bool {
    // Counting stops past 20: only 1..=20 matters.
    let words = line.split_whitespace().take(21).count();
    (1..=20).contains(&words)
        && line.len() <= 200
        && !ends_sentence(line)
        && line.chars().next().is_some_and(|c| c.is_alphanumeric())
}

/// After a headline comes a blank line, or (inside a header block) a date line.
fn ends_header(lines: &[&str], i: usize, in_header_block: bool) -> bool {
    match lines.get(i.saturating_add(1)) {
        Some(&"") => true,
        Some(next) => {
            (in_header_block || i == 0) && dates::date_line(next).is_some()
                || in_header_block && lines.get(i.saturating_add(2)).is_some_and(|n| n.is_empty())
        }
        None => false,
    }
}

/// Words in `line`, counting no further than `max`.
fn word_count_upto(line: &str, max: usize) -> usize {
    line.split_ascii_whitespace().take(max).count()
}

fn ends_sentence(line: &str) -> bool {
    line.trim_end_matches(['"', '\'', '\u{201D}', '\u{2019}', ')'])
        .ends_with(['.', '!', '?', ':', ';', '\u{2026}'])
}

/// Whether `a` and `b` have the same words (runs of letters and digits), lowercased, and at
/// least one. Compared word by word, stopping at the first difference, without copies.
fn same_words(a: &str, b: &str) -> bool {
    let words = |s| str::split(s, |c: char| !c.is_alphanumeric()).filter(|w: &&str| !w.is_empty());
    let (mut x, mut y) = (words(a), words(b));
    let mut any = false;
    loop {
        match (x.next(), y.next()) {
            (None, None) => return any,
            (Some(p), Some(q)) if same_word(p, q) => any = true,
            _ => return false,
        }
    }
}

/// Whether two words are equal lowercased (`str::to_lowercase`, which lowercases a final
/// sigma in context, so non-ASCII words are compared by it).
fn same_word(p: &str, q: &str) -> bool {
    if p.is_ascii() && q.is_ascii() {
        p.eq_ignore_ascii_case(q)
    } else {
        p.to_lowercase() == q.to_lowercase()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn date_and_id_lines_become_metadata() {
        let c = clean(
            "June 8, 2025\nF0C369F2-5036-42BB-8EE2-4AEE058CBCF5\n\nPresident Trump spoke.\n",
            None,
        );
        assert_eq!(c.date, NaiveDate::from_ymd_opt(2025, 6, 8));
        assert_eq!(
            c.source_id.as_deref(),
            Some("F0C369F2-5036-42BB-8EE2-4AEE058CBCF5")
        );
        assert_eq!(c.text, "President Trump spoke.");
        assert_eq!(c.removed.metadata_lines, 2);
    }

    #[test]
    fn headline_before_a_blank_line_is_the_title() {
        let c = clean(
            "Trump Announces Talks\n\nThe president said so.\n\nMore text.",
            None,
        );
        assert_eq!(c.title.as_deref(), Some("Trump Announces Talks"));
        assert_eq!(c.text, "The president said so.\nMore text.");
    }

    #[test]
    fn a_first_sentence_is_not_a_title() {
        let c = clean("The president said so.\n\nMore text.", None);
        assert_eq!(c.title, None);
        let c = clean("Short line no stop\nfollowed directly by text.", None);
        assert_eq!(c.title, None);
    }

    #[test]
    fn scraped_header_block_gives_url_title_and_date() {
        let c = clean(
            "http: / / www. example. com / 2013 / lohan\nLindsay Lohan checks into rehab\n\
             May 03, 2013\nAfter skipping rehab, Lohan went.",
            None,
        );
        assert_eq!(c.url.as_deref(), Some("http://www.example.com/2013/lohan"));
        assert_eq!(c.title.as_deref(), Some("Lindsay Lohan checks into rehab"));
        assert_eq!(c.date, NaiveDate::from_ymd_opt(2013, 5, 3));
        assert_eq!(c.text, "After skipping rehab, Lohan went.");
    }

    #[test]
    fn furniture_is_removed_and_counted() {
        let c = clean(
            "Body sentence one.\nShare this:\nBody sentence two.\nLeave a Reply\n\n\
             Your email address will not be published. Required fields are marked *\n\
             Related posts\nSome other story headline\nWe use cookies to improve your experience.",
            None,
        );
        assert_eq!(c.text, "Body sentence one.\nBody sentence two.");
        assert_eq!(c.removed.furniture_lines, 6);
    }

    #[test]
    fn same_words_agrees_with_comparing_lowercased_word_lists() {
        let reference = |a: &str, b: &str| {
            let norm = |s: &str| -> Vec<String> {
                s.split(|c: char| !c.is_alphanumeric())
                    .filter(|w| !w.is_empty())
                    .map(str::to_lowercase)
                    .collect()
            };
            let (a, b) = (norm(a), norm(b));
            !a.is_empty() && a == b
        };
        let texts = [
            "",
            "  ",
            "Big News Today",
            "big news -- today!",
            "Big News",
            "Big News Today Again",
            "ΟΔΟΣ",
            "οδος",
            "οδός",
            "\u{212A}elvin",
            "kelvin",
            "Zürich ZÜRICH",
            "zürich zürich",
            "...",
        ];
        for a in texts {
            for b in texts {
                assert_eq!(same_words(a, b), reference(a, b), "{a:?} {b:?}");
            }
        }
    }

    #[test]
    fn url_lines_are_recognised_by_their_joined_start() {
        assert!(is_url_line("http: / / www. example. com / x"));
        assert!(is_url_line("https://example.com/a"));
        assert!(is_url_line("www.example.com"));
        assert!(!is_url_line("Visit www.example.com today"));
        assert!(!is_url_line("http is a protocol"));
        assert!(!is_url_line("http://http.example.com"));
    }

    #[test]
    fn lines_are_those_of_str_lines_up_to_trimming() {
        for body in [
            "",
            "\n",
            "\n\n",
            "a",
            "a\n",
            "a\n\n",
            "a\r\nb",
            "a\nb\r",
            "\na\n b \n\nc",
            "x\r\n\r\n",
        ] {
            let mine: Vec<&str> = lines(body).map(str::trim).collect();
            let std: Vec<&str> = body.lines().map(str::trim).collect();
            assert_eq!(mine, std, "{body:?}");
        }
    }

    #[test]
    fn given_title_repeated_as_first_line_is_dropped() {
        let c = clean("Big News Today\nThe body.", Some("Big news today"));
        assert_eq!(c.text, "The body.");
        assert_eq!(c.title, None);
    }
}
