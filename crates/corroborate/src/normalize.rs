//! Normalisation for matching: one form for text that reads the same. The original is kept
//! for display; only comparisons use this form.

use std::borrow::Cow;
use unicode_normalization::{is_nfkc_quick, IsNormalized, UnicodeNormalization};

/// NFKC, one form of quotes (`'` `"`) and dashes (`-`), single spaces. ASCII input without
/// runs of whitespace is returned as it is, without copying.
pub fn for_matching(s: &str) -> Cow<'_, str> {
    if s.is_ascii() && !needs_space_fix(s) {
        return Cow::Borrowed(s);
    }
    let nfkc: Cow<'_, str> = if s.is_ascii() || is_nfkc_quick(s.chars()) == IsNormalized::Yes {
        Cow::Borrowed(s)
    } else {
        Cow::Owned(s.nfkc().collect())
    };
    let mut out = String::with_capacity(nfkc.len());
    let mut pending_space = false;
    for c in nfkc.chars() {
        if c.is_whitespace() {
            pending_space = !out.is_empty();
            continue;
        }
        if pending_space {
            out.push(' ');
            pending_space = false;
        }
        out.push(fold_char(c));
    }
    Cow::Owned(out)
}

/// One form for quotes and dashes; every other character as it is.
pub fn fold_char(c: char) -> char {
    match c {
        '\u{2018}' | '\u{2019}' | '\u{201A}' | '\u{201B}' | '\u{2032}' | '`' | '\u{00B4}' => '\'',
        '\u{201C}' | '\u{201D}' | '\u{201E}' | '\u{201F}' | '\u{2033}' | '\u{00AB}'
        | '\u{00BB}' => '"',
        '\u{2010}' | '\u{2011}' | '\u{2012}' | '\u{2013}' | '\u{2014}' | '\u{2015}'
        | '\u{2212}' => '-',
        _ => c,
    }
}

fn needs_space_fix(s: &str) -> bool {
    let b = s.as_bytes();
    b.first().is_some_and(|c| c.is_ascii_whitespace())
        || b.last().is_some_and(|c| c.is_ascii_whitespace())
        || b.windows(2)
            .any(|w| matches!(w, [x, y] if x.is_ascii_whitespace() && y.is_ascii_whitespace()))
        || b.iter().any(|&c| c != b' ' && c.is_ascii_whitespace())
}

/// Cuts `s` to at most `max` characters at a word boundary, with an ellipsis.
pub fn shorten(s: &str, max: usize) -> String {
    if s.chars().count() <= max {
        return s.to_string();
    }
    let cut: String = s.chars().take(max).collect();
    let cut = cut.rsplit_once(' ').map_or(cut.as_str(), |(h, _)| h);
    format!("{}\u{2026}", cut.trim_end_matches([',', ';', ':']))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quotes_dashes_spaces_and_compatibility_forms_fold() {
        assert_eq!(
            for_matching("  Trump\u{2019}s \u{201C}COMMON\u{00A0}SENSE\u{201D} \u{2014} ﬁne  "),
            "Trump's \"COMMON SENSE\" - fine"
        );
    }

    #[test]
    fn clean_ascii_is_not_copied() {
        assert!(matches!(for_matching("plain words."), Cow::Borrowed(_)));
        assert_eq!(for_matching("a\t\tb\n"), "a b");
    }
}
