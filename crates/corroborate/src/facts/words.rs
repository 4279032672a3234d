//! Words: the small text toolkit the fact extractors share (word spans, stop words, content
//! words for lexical similarity, edit distance for name variants).

use crate::normalize::fold_char;

/// A word in a text: its byte range and its characters with quotes and dashes folded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Word<'a> {
    /// Byte offset of the first character.
    pub start: usize,
    /// Byte offset just after the last character.
    pub end: usize,
    /// The word as written.
    pub text: &'a str,
}

impl Word<'_> {
    /// Starts with an upper-case letter.
    pub fn is_capitalised(&self) -> bool {
        self.text.chars().next().is_some_and(char::is_uppercase)
    }

    /// Two or more letters, all upper case ("NATO", "CIA", "U.S.").
    pub fn is_all_caps(&self) -> bool {
        let letters = self.text.chars().filter(|c| c.is_alphabetic()).count();
        letters >= 2
            && self
                .text
                .chars()
                .filter(|c| c.is_alphabetic())
                .all(char::is_uppercase)
    }

    /// Holds a digit.
    pub fn has_digit(&self) -> bool {
        self.text.bytes().any(|b| b.is_ascii_digit())
    }
}

/// `words(text).is_empty()`, without building the words: it stops at the first letter or
/// digit, so asking it of a long text is cheap.
pub fn no_words(text: &str) -> bool {
    !text.chars().any(char::is_alphanumeric)
}

/// Words of `text` with their byte offsets. A word is a run of letters and digits, with inner
/// apostrophes, hyphens, periods between letters ("U.S.") and commas or periods between digits
/// ("1,200", "3.5"). A trailing possessive ("'s") stays part of the word; see [`strip_possessive`].
pub fn words(text: &str) -> Vec<Word<'_>> {
    let mut out = Vec::new();
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let at = |k: usize| chars.get(k).map(|x| x.1);
    // Positions are below `chars.len()`, so `+ 1` cannot overflow; it saturates all the same.
    let mut i = 0;
    while let Some(&(start, c)) = chars.get(i) {
        if !c.is_alphanumeric() {
            i = i.saturating_add(1);
            continue;
        }
        let mut j = i.saturating_add(1);
        while let Some(c) = at(j) {
            if c.is_alphanumeric() {
                j = j.saturating_add(1);
                continue;
            }
            let prev = j.checked_sub(1).and_then(at);
            let next = at(j.saturating_add(1));
            let joins = match c {
                // Apostrophes and hyphens, not dashes ("Group—a" is two words).
                '\'' | '\u{2019}' | '-' | '\u{2010}' | '\u{2011}' => {
                    next.is_some_and(char::is_alphanumeric)
                }
                '.' => {
                    // "U.S." and "3.5"; not the end of a sentence.
                    (prev.is_some_and(char::is_uppercase)
                        && next.is_some_and(char::is_uppercase)
                        && is_initialism_run(&chars, i, j))
                        || (prev.is_some_and(|p| p.is_ascii_digit())
                            && next.is_some_and(|n| n.is_ascii_digit()))
                }
                ',' => {
                    prev.is_some_and(|p| p.is_ascii_digit())
                        && digits_follow(&chars, j.saturating_add(1)) == 3
                }
                _ => false,
            };
            if !joins {
                break;
            }
            j = j.saturating_add(1);
        }
        // "U.S." keeps its final period.
        let mut end_idx = j;
        if at(j) == Some('.')
            && j.checked_sub(2).and_then(at) == Some('.')
            && j.checked_sub(1)
                .and_then(at)
                .is_some_and(char::is_uppercase)
        {
            end_idx = j.saturating_add(1);
        }
        let end = chars.get(end_idx).map_or(text.len(), |x| x.0);
        out.push(Word {
            start,
            end,
            text: text.get(start..end).unwrap_or(""),
        });
        i = end_idx.max(i.saturating_add(1));
    }
    out
}

/// "U.S": single upper-case letters separated by periods since the word's start.
fn is_initialism_run(chars: &[(usize, char)], from: usize, dot: usize) -> bool {
    chars.get(from..dot).is_some_and(|run| {
        run.iter().enumerate().all(|(k, &(_, c))| {
            if k % 2 == 0 {
                c.is_uppercase()
            } else {
                c == '.'
            }
        })
    })
}

fn digits_follow(chars: &[(usize, char)], from: usize) -> usize {
    chars
        .get(from..)
        .unwrap_or_default()
        .iter()
        .take_while(|x| x.1.is_ascii_digit())
        .count()
}

/// The word without a trailing possessive: "Trump's" → "Trump", "Witkoff’s" → "Witkoff".
pub fn strip_possessive(w: &str) -> &str {
    for suffix in ["'s", "\u{2019}s", "'S", "\u{2019}S"] {
        if let Some(s) = w.strip_suffix(suffix) {
            if !s.is_empty() {
                return s;
            }
        }
    }
    w
}

/// English function words and other words that carry no content for comparison.
pub fn is_stop_word(lower: &str) -> bool {
    STOP_WORDS.binary_search(&lower).is_ok()
}

// Sorted for binary search (checked by a test).
#[rustfmt::skip]
const STOP_WORDS: &[&str] = &[
    "a", "about", "above", "after", "again", "against", "ago", "all", "also", "am", "an", "and",
    "any", "are", "as", "at", "be", "because", "been", "before", "being", "below", "between",
    "both", "but", "by", "can", "could", "did", "do", "does", "doing", "down", "during", "each",
    "even", "ever", "few", "for", "from", "further", "had", "has", "have", "having", "he", "her",
    "here", "hers", "herself", "him", "himself", "his", "how", "however", "i", "if", "in", "into",
    "is", "it", "its", "itself", "just", "later", "least", "less", "like", "made", "many", "may",
    "me", "meanwhile", "might", "more", "most", "much", "must", "my", "myself", "nearly", "no",
    "nor", "not", "now", "of", "off", "on", "once", "one", "only", "or", "other", "our", "ours",
    "ourselves", "out", "over", "own", "per", "said", "same", "says", "she", "should", "since",
    "so", "some", "such", "than", "that", "the", "their", "theirs", "them", "themselves", "then",
    "there", "these", "they", "this", "those", "though", "through", "to", "too", "under", "until",
    "up", "upon", "us", "very", "was", "we", "were", "what", "when", "where", "whether", "which",
    "while", "who", "whom", "whose", "why", "will", "with", "within", "without", "would", "yet",
    "you", "your", "yours",
];

/// A crude English stem for matching: lower case, quotes folded, plural and common suffixes
/// dropped ("negotiations" → "negotiation", "agreed" → "agre", "lasted" → "last").
pub fn stem(lower: &str) -> String {
    let w: String = lower.chars().map(fold_char).collect();
    let w = strip_possessive(&w).to_string();
    for (suffix, min) in [("ies", 4_usize), ("ing", 5), ("ed", 4), ("es", 5), ("s", 4)] {
        if w.len() >= min.saturating_add(suffix.len()) {
            if let Some(s) = w.strip_suffix(suffix) {
                if suffix == "s" && s.ends_with('s') {
                    return w;
                }
                return s.to_string();
            }
        }
    }
    w
}

/// One name for the verbs that tell the same happening, by stem: a project "shelved in
/// 2003" and one "suspended in early 2004" were halted once, dated twice.
pub fn happening_class(stem: &str) -> String {
    const CLASSES: &[(&str, &[&str])] = &[
        (
            "halt",
            &[
                "suspend",
                "shelv",
                "halt",
                "stopp",
                "froze",
                "frozen",
                "abandon",
                "ceas",
                "scrapp",
                "discontinu",
            ],
        ),
        ("kill", &["kill", "murder", "slain", "slay"]),
        ("arrest", &["arrest", "detain", "apprehend", "captur"]),
        (
            "hire",
            &[
                "hire", "hired", "hir", "recruit", "appoint", "enlist", "replac",
            ],
        ),
        ("resign", &["resign", "quit"]),
        // Put out of a post: "fired Comey" / "dismissed Comey" / "ousted".
        ("dismiss", &["fir", "fired", "dismiss", "sack", "oust"]),
        ("marry", &["marri", "marry", "wed"]),
        // A figure that went down or up: "the rate fell / dropped / declined to 3.9
        // percent", "the Dow rose / climbed / jumped 300 points".
        (
            "fall",
            &[
                "fell", "fall", "drop", "dropp", "declin", "decreas", "slipp", "sank", "sunk",
                "plung", "tumbl", "dipp", "slid", "shrank",
            ],
        ),
        (
            "rise",
            &[
                "rose", "rise", "risen", "climb", "increas", "jump", "jumpe", "soar", "surg",
                "grew", "grow",
            ],
        ),
    ];
    let bare = without_final_e(stem);
    CLASSES
        .iter()
        .find(|(_, stems)| stems.contains(&stem) || stems.contains(&bare))
        .map_or_else(|| stem.to_string(), |(class, _)| (*class).to_string())
}

/// Two verb frames (as [`happening_class`] names them) that move a figure in opposite
/// directions: one adds or gains what the other cuts or loses.
pub fn opposed(x: &str, y: &str) -> bool {
    const UP: &[&str] = &[
        "rise", "add", "adde", "added", "gain", "won", "win", "hire", "buy", "bought", "import",
        "creat", "increas", "boost", "expand",
    ];
    const DOWN: &[&str] = &[
        "fall", "cut", "lost", "los", "lose", "shed", "slash", "eliminat", "sold", "sell",
        "export", "reduc", "lay", "laid",
    ];
    let side = |v: &str| -> Option<bool> {
        let bare = without_final_e(v);
        if UP.contains(&v) || UP.contains(&bare) {
            Some(true)
        } else if DOWN.contains(&v) || DOWN.contains(&bare) {
            Some(false)
        } else {
            None
        }
    };
    matches!((side(x), side(y)), (Some(a), Some(b)) if a != b)
}

/// A stem without the final "e" of a verb's base form, so that "vote" (from "will vote")
/// and "vot" (from "voted") meet.
pub fn without_final_e(stem: &str) -> &str {
    match stem.strip_suffix('e') {
        Some(s) if s.len() >= 3 => s,
        _ => stem,
    }
}

/// Levenshtein distance over characters, for name variants ("Zelensky" / "Zelenskyy").
pub fn edit_distance(a: &str, b: &str) -> usize {
    strsim::levenshtein(a, b)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(s: &str) -> Vec<&str> {
        words(s).iter().map(|w| w.text).collect()
    }

    #[test]
    fn stop_words_are_sorted_for_binary_search() {
        assert!(STOP_WORDS.windows(2).all(|w| w[0] < w[1]));
        assert!(is_stop_word("the") && !is_stop_word("call"));
    }

    #[test]
    fn words_keep_initialisms_numbers_hyphens_and_possessives() {
        assert_eq!(
            texts("The U.S. paid $4,000.50 for Trump’s hour-and-a-half-long call."),
            vec![
                "The",
                "U.S.",
                "paid",
                "4,000.50",
                "for",
                "Trump’s",
                "hour-and-a-half-long",
                "call"
            ]
        );
        assert_eq!(texts("end. Next"), vec!["end", "Next"]);
        assert_eq!(texts("Group—a coalition"), vec!["Group", "a", "coalition"]);
        assert_eq!(texts("1, 2"), vec!["1", "2"]);
        assert!(words("").is_empty());
        assert!(words("— “ ”").is_empty());
    }

    #[test]
    fn words_of_odd_text_are_spans_of_it() {
        // Periods, commas and hyphens at the very end, initials of one letter, multi-byte
        // letters next to the joining marks: every word is a non-empty span of the text.
        for s in [
            "U.",
            ".",
            "A.B",
            "1,",
            "1,00",
            "x-",
            "’s",
            "É.Ü. café",
            "a.\u{301}B.",
            "9.",
            "U.S.A.",
            "\u{200b}",
            "Ü.S.",
            "3.",
            "1,000,0",
        ] {
            for w in words(s) {
                assert_eq!(s.get(w.start..w.end), Some(w.text), "{s:?}");
                assert!(!w.text.is_empty(), "{s:?}");
            }
        }
        assert_eq!(texts("U.S.A. 1,000,"), vec!["U.S.A.", "1,000"]);
        assert_eq!(texts("É.Ü. café"), vec!["É.Ü.", "café"]);
    }

    #[test]
    fn possessives_and_stems() {
        assert_eq!(strip_possessive("Trump’s"), "Trump");
        assert_eq!(strip_possessive("’s"), "’s");
        assert_eq!(stem("negotiations"), "negotiation");
        assert_eq!(stem("lasted"), stem("last"));
        assert_eq!(stem("glass"), "glass");
    }

    #[test]
    fn edit_distance_of_name_variants() {
        assert_eq!(edit_distance("Zelensky", "Zelenskyy"), 1);
    }

    #[test]
    fn opposite_directions_are_opposed_and_one_direction_is_not() {
        assert!(opposed("cut", "added"));
        assert!(opposed("rise", "fall"));
        assert!(opposed("gain", "lost"));
        assert!(!opposed("rise", "rise"));
        assert!(!opposed("cut", "slash"));
        assert!(!opposed("kill", "add"));
        assert!(!opposed("", "cut"));
    }
}
