//! Sentence splitting that survives "Mr.", "U.S.", "Dmitri S. Peskov", decimals and quotations.
//!
//! Rule-based: a sentence ends at `.`, `!`, `?` or `…` (with any closing quotes and brackets)
//! followed by a space and a capital, digit or opening quote, unless the word before the stop is
//! a known abbreviation or a single initial. Paragraph breaks (newlines) always end a sentence.

use std::ops::Range;

/// Abbreviations that are followed by a name or a number, never ending a sentence.
const TITLES: &[&str] = &[
    "mr", "mrs", "ms", "dr", "prof", "sen", "rep", "gov", "gen", "col", "lt", "sgt", "capt", "cpt",
    "maj", "adm", "cmdr", "st", "rev", "hon", "pres", "supt", "det", "insp", "amb", "fr", "messrs",
    "mme", "mlle", "no", "nos", "vol", "fig", "p", "pp", "ch", "art", "sec", "ft", "mt", "vs", "v",
    "approx", "est", "dept", "univ", "assn", "bros", "jan", "feb", "mar", "apr", "jun", "jul",
    "aug", "sep", "sept", "oct", "nov", "dec", "e.g", "i.e", "cf", "al",
];

/// Abbreviations that may end a sentence: a stop after them ends one only when the next word is
/// a common sentence opener.
const MAYBE_FINAL: &[&str] = &[
    "inc", "corp", "ltd", "co", "jr", "sr", "etc", "llc", "plc", "a.m", "p.m", "u.s", "u.k", "u.n",
    "e.u", "d.c", "u.s.a",
];

/// Words that open sentences and are unlikely to follow an abbreviation inside one.
const OPENERS: &[&str] = &[
    "the",
    "a",
    "an",
    "he",
    "she",
    "it",
    "they",
    "we",
    "i",
    "you",
    "in",
    "on",
    "at",
    "but",
    "and",
    "this",
    "that",
    "these",
    "those",
    "there",
    "his",
    "her",
    "their",
    "its",
    "our",
    "as",
    "for",
    "after",
    "before",
    "when",
    "while",
    "if",
    "however",
    "meanwhile",
    "since",
    "then",
    "so",
    "what",
    "who",
    "why",
    "how",
    "mr",
    "mrs",
    "ms",
    "dr",
];

/// Splits `text` into sentences: byte ranges, trimmed, in order, never empty.
pub fn split(text: &str) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut line_start = 0usize;
    for line in text.split_inclusive('\n') {
        let line_end = line_start.saturating_add(line.len());
        split_paragraph(text, line_start, line_end, &mut out);
        line_start = line_end;
    }
    out
}

fn split_paragraph(text: &str, start: usize, end: usize, out: &mut Vec<Range<usize>>) {
    // Offsets are within `text`, whose length fits in a usize: sums of them cannot overflow,
    // and saturating keeps that without a panic path.
    let para = text.get(start..end).unwrap_or_default();
    let bytes = para.as_bytes();
    let mut sent_start = 0;
    let mut i = 0;
    while let Some(&c) = bytes.get(i) {
        let is_stop = matches!(c, b'.' | b'!' | b'?')
            || c == 0xE2
                && bytes
                    .get(i..)
                    .is_some_and(|b| b.starts_with("\u{2026}".as_bytes()));
        if !is_stop {
            i = i.saturating_add(1);
            continue;
        }
        let stop_at = i;
        // Swallow the stop itself, further stops, and closing quotes or brackets.
        let mut j = i.saturating_add(if c < 0x80 { 1 } else { '\u{2026}'.len_utf8() });
        while let Some(rest) = para.get(j..).filter(|r| !r.is_empty()) {
            let ch = rest.chars().next().unwrap_or(' ');
            if matches!(ch, '.' | '!' | '?' | '\u{2026}' | '"' | '\'' | ')' | ']')
                || matches!(ch, '\u{201D}' | '\u{2019}' | '\u{00BB}')
            {
                j = j.saturating_add(ch.len_utf8());
            } else {
                break;
            }
        }
        if is_boundary(para, sent_start, stop_at, j) {
            push_trimmed(
                text,
                start.saturating_add(sent_start),
                start.saturating_add(j),
                out,
            );
            sent_start = j;
        }
        i = j;
    }
    push_trimmed(text, start.saturating_add(sent_start), end, out);
}

fn is_boundary(para: &str, sent_start: usize, stop_at: usize, after: usize) -> bool {
    let rest = para.get(after..).unwrap_or_default();
    // Must be followed by whitespace (decimals, "U.S.-Russia", URLs are not boundaries).
    let trimmed = rest.trim_start();
    if trimmed.len() == rest.len() {
        return false;
    }
    let Some(next) = trimmed.chars().next() else {
        return false;
    };
    let opens = next.is_uppercase()
        || next.is_ascii_digit()
        || matches!(
            next,
            '"' | '\'' | '\u{201C}' | '\u{2018}' | '(' | '[' | '\u{00AB}'
        );
    if !opens {
        return false;
    }
    if para.as_bytes().get(stop_at) != Some(&b'.') {
        return true;
    }
    let word = word_before(para.get(sent_start..stop_at).unwrap_or_default());
    let lower = word.to_lowercase();
    if lower.is_empty() {
        return true;
    }
    let next_word: String = trimmed
        .chars()
        .take_while(|c| c.is_alphabetic())
        .collect::<String>()
        .to_lowercase();
    // A single initial: "Dmitri S. Peskov", "John F. Kennedy".
    if word.chars().count() == 1 && word.chars().all(char::is_uppercase) {
        return false;
    }
    if TITLES.contains(&lower.as_str()) {
        return false;
    }
    if MAYBE_FINAL.contains(&lower.as_str()) || is_dotted_acronym(word) {
        return OPENERS.contains(&next_word.as_str());
    }
    true
}

/// The word before a stop, keeping inner dots ("U.S", "e.g").
fn word_before(s: &str) -> &str {
    let start = s
        .char_indices()
        .rev()
        .find(|&(_, c)| !(c.is_alphanumeric() || c == '.'))
        .map_or(0, |(i, c)| i.saturating_add(c.len_utf8()));
    s.get(start..).unwrap_or_default().trim_start_matches('.')
}

fn is_dotted_acronym(w: &str) -> bool {
    w.contains('.')
        && w.split('.')
            .all(|p| p.chars().count() <= 2 && !p.is_empty())
}

fn push_trimmed(text: &str, start: usize, end: usize, out: &mut Vec<Range<usize>>) {
    let Some(s) = text.get(start..end) else {
        return;
    };
    let lead = s.len().saturating_sub(s.trim_start().len());
    let trail = s.len().saturating_sub(s.trim_end().len());
    if lead.saturating_add(trail) < s.len() {
        out.push(start.saturating_add(lead)..end.saturating_sub(trail));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sents(t: &str) -> Vec<&str> {
        split(t).into_iter().map(|r| &t[r]).collect()
    }

    #[test]
    fn titles_initials_and_acronyms_do_not_end_sentences() {
        let t = "Kremlin spokesman Dmitri S. Peskov said Mr. Putin agreed. The U.S. envoy went to \
                 Moscow. It cost $4.5 billion, i.e. a lot. He left at 5 p.m. on Tuesday.";
        assert_eq!(
            sents(t),
            [
                "Kremlin spokesman Dmitri S. Peskov said Mr. Putin agreed.",
                "The U.S. envoy went to Moscow.",
                "It cost $4.5 billion, i.e. a lot.",
                "He left at 5 p.m. on Tuesday."
            ]
        );
    }

    #[test]
    fn acronym_at_the_end_of_a_sentence_still_ends_it() {
        assert_eq!(
            sents("He flew to the U.S. The talks begin today."),
            ["He flew to the U.S.", "The talks begin today."]
        );
    }

    #[test]
    fn quotations_keep_their_closing_mark() {
        let t = "Hegseth called it \u{201C}unrealistic.\u{201D} He also spoke. \
                 \u{201C}Is it over?\u{201D} she asked. \u{201C}No.\u{201D}";
        assert_eq!(
            sents(t),
            [
                "Hegseth called it \u{201C}unrealistic.\u{201D}",
                "He also spoke.",
                "\u{201C}Is it over?\u{201D} she asked.",
                "\u{201C}No.\u{201D}"
            ]
        );
    }

    #[test]
    fn paragraphs_always_split_and_blank_lines_vanish() {
        let t = "Headline without stop\n\nFirst para. Second\nthird";
        assert_eq!(
            sents(t),
            ["Headline without stop", "First para.", "Second", "third"]
        );
    }

    #[test]
    fn ranges_index_the_original_text() {
        let t = "  Ünïcode first.  Second one!  ";
        for r in split(t) {
            assert!(t.is_char_boundary(r.start) && t.is_char_boundary(r.end));
        }
        assert_eq!(sents(t), ["Ünïcode first.", "Second one!"]);
    }
}
