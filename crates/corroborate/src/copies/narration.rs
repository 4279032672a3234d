//! An article's own narration, and how much of it another article carries.
//!
//! Two reports that quote the same statement, tweet or press release word for word are not
//! rewrites of each other unless their *own* words (the text outside quotation marks) are copied
//! or paraphrased too; and sentences that recur across many reports of different stories (an
//! agency's standard background paragraph, contact footers, templates) say nothing about who
//! rewrote whom. So a pair is measured on the word 3-grams of each article's narration
//! ([`narration_shingles`]: quoted spans removed), leaving out the 3-grams that occur in
//! several stories of the run ([`StoryFrequency`], learned from the input itself, not from a
//! list): [`narration_share`] is the share of the smaller narration that the other carries.
//!
//! On the labelled dev pairs (`../shared/eval/rewrites`), rewrites carry 0.33 or more of the
//! smaller narration and the independent reports, shared quotes and shared background at most
//! 0.19 (see `BENCHMARKS.md`, "Rewrites you can trust").

use super::shingles::{common_sorted, shingle_hashes_into, word_hashes};
use crate::article::Article;
use std::collections::{HashMap, HashSet};

/// Words per narration shingle.
pub const NARRATION_SHINGLE_WORDS: usize = 3;

/// An opening quotation mark and the marks that close it.
fn closers(c: char) -> Option<&'static [char]> {
    match c {
        '"' => Some(&['"', '\u{201D}']),
        '\u{201C}' | '\u{201E}' => Some(&['\u{201D}', '"', '\u{201C}']),
        '\u{00AB}' => Some(&['\u{00BB}']),
        _ => None,
    }
}

/// A quotation may run over at most this many line breaks (a statement quoted over two
/// paragraphs); an opening mark not closed by then is taken as a stray mark, not a quotation.
const MAX_QUOTE_LINES: usize = 2;

/// The spans of `text` outside quotation marks, each also cut at line breaks (byte ranges, in
/// order, none empty). A quotation runs from an opening mark (`"`, `“`, `„`, `«`) to the next
/// closing mark within [`MAX_QUOTE_LINES`] line breaks; single quotes are not taken as
/// quotation marks (they are apostrophes too often).
pub fn narration_spans(text: &str) -> Vec<std::ops::Range<usize>> {
    let mut spans = Vec::new();
    let mut push = |a: usize, b: usize| {
        if b > a {
            spans.push(a..b);
        }
    };
    let mut start = 0;
    let mut pos = 0;
    while let Some(c) = text.get(pos..).and_then(|r| r.chars().next()) {
        let after = pos.saturating_add(c.len_utf8());
        if c == '\n' {
            push(start, pos);
            start = after;
            pos = after;
            continue;
        }
        let end = closers(c).and_then(|close| quote_end(text, after, close));
        match end {
            Some(end) => {
                push(start, pos);
                start = end;
                pos = end;
            }
            None => pos = after,
        }
    }
    push(start, text.len());
    spans
}

/// Where the quotation opened just before byte `from` ends (the byte after its closing mark),
/// if a mark of `close` comes within [`MAX_QUOTE_LINES`] line breaks.
fn quote_end(text: &str, from: usize, close: &[char]) -> Option<usize> {
    let mut lines = 0usize;
    for (j, d) in text.get(from..)?.char_indices() {
        if d == '\n' {
            lines = lines.saturating_add(1);
            if lines > MAX_QUOTE_LINES {
                return None;
            }
        } else if close.contains(&d) {
            return Some(from.saturating_add(j).saturating_add(d.len_utf8()));
        }
    }
    None
}

/// The article with its quotations blanked out (each byte of a quotation, marks included,
/// becomes a space; line breaks stay): the same length and sentence ranges, only its own
/// narration left to compare.
pub fn narration_only(article: &Article) -> Article {
    let text = &article.text;
    let mut out = String::with_capacity(text.len());
    let mut at = 0;
    let blank = |out: &mut String, from: usize, to: usize| {
        let gap = text.get(from..to).unwrap_or("");
        out.extend(gap.bytes().map(|b| if b == b'\n' { '\n' } else { ' ' }));
    };
    for span in narration_spans(text) {
        blank(&mut out, at, span.start);
        out.push_str(text.get(span.clone()).unwrap_or(""));
        at = span.end;
    }
    blank(&mut out, at, text.len());
    let mut a = article.clone();
    a.text = out;
    a
}

/// The word 3-gram hashes of an article's narration (its text outside quotations), sorted and
/// without repeats. Shingles do not cross a quotation or a line break.
pub fn narration_shingles(article: &Article) -> Vec<u64> {
    let mut out = Vec::new();
    let mut buf = Vec::new();
    for span in narration_spans(&article.text) {
        let words = word_hashes(article.text.get(span).unwrap_or(""));
        shingle_hashes_into(&words, NARRATION_SHINGLE_WORDS, &mut buf);
        out.extend_from_slice(&buf);
    }
    out.sort_unstable();
    out.dedup();
    out
}

/// In how many stories of a run each narration shingle occurs: shingles found in many stories
/// are boilerplate (an agency's background paragraph, a footer, a template), not evidence that
/// one report rewrote another. Counted over stories, not articles, so that the copies of one
/// story do not make its own text look common.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct StoryFrequency {
    stories: HashMap<u64, u32>,
}

impl StoryFrequency {
    /// Counts the stories each shingle occurs in; `members[k]` holds indices into `shingles`
    /// (one sorted set per article) of story k. An index out of range is ignored.
    pub fn new(members: &[Vec<usize>], shingles: &[Vec<u64>]) -> StoryFrequency {
        let mut stories: HashMap<u64, u32> = HashMap::new();
        for m in members {
            let mut seen: HashSet<u64> = HashSet::new();
            for &i in m {
                if let Some(s) = shingles.get(i) {
                    seen.extend(s.iter().copied());
                }
            }
            for h in seen {
                let n = stories.entry(h).or_insert(0);
                *n = n.saturating_add(1);
            }
        }
        StoryFrequency { stories }
    }

    /// Number of stories the shingle occurs in (0 when unknown).
    pub fn stories(&self, shingle: u64) -> u32 {
        self.stories.get(&shingle).copied().unwrap_or(0)
    }
}

/// How much of two narrations one carries of the other: shared shingles over the smaller
/// set's size, both sets without the shingles that occur in `max_stories` stories or more
/// (`freq`; 0: none left out), and that size. 0 when either is empty.
pub fn narration_share(
    a: &[u64],
    b: &[u64],
    freq: &StoryFrequency,
    max_stories: u32,
) -> (f64, usize) {
    let keep = |h: &u64| max_stories == 0 || freq.stories(*h) < max_stories;
    let a: Vec<u64> = a.iter().copied().filter(keep).collect();
    let b: Vec<u64> = b.iter().copied().filter(keep).collect();
    let smaller = a.len().min(b.len());
    if smaller == 0 {
        return (0.0, 0);
    }
    let shared = common_sorted(&a, &b);
    (shared as f64 / smaller as f64, smaller)
}

/// Words that name a news outlet's kind (a paper, an agency, a broadcaster): a name credited
/// with "according to …" or "… reported" that holds one is taken as an outlet, not a person
/// or an office. Generic words of outlet names, plus the names of the world wire agencies.
const OUTLET_WORDS: &[&str] = &[
    "Times",
    "Post",
    "News",
    "Press",
    "Journal",
    "Herald",
    "Tribune",
    "Agency",
    "Agence",
    "Magazine",
    "Telegraph",
    "Guardian",
    "Gazette",
    "Radio",
    "Television",
    "TV",
    "Network",
    "Wire",
    "Daily",
    "Newspaper",
    "Reuters",
    "AP",
    "AFP",
    "Xinhua",
    "Bloomberg",
    "BBC",
    "CNN",
];

/// The outlet an article credits for its story, if its narration does ("according to the
/// Associated Press", "The New York Times reported …", "AP reports"): credited aggregation,
/// whose likely source is that outlet even when it is not in the input. The first credit in
/// the text, as written (without a leading "the").
pub fn credited_outlet(article: &Article) -> Option<String> {
    for span in narration_spans(&article.text) {
        let s = article.text.get(span).unwrap_or("");
        let words: Vec<&str> = s.split_whitespace().collect();
        for (i, w) in words.iter().enumerate() {
            let lw = w.to_lowercase();
            // "according to NAME"
            // The words after this one.
            let after = words.get(i..).and_then(|r| r.get(1..)).unwrap_or(&[]);
            if lw == "according" && after.first().is_some_and(|t| *t == "to") {
                if let Some(name) = capitalised_run(after.get(1..).unwrap_or(&[]), false) {
                    return Some(name);
                }
            }
            // "NAME reported" / "NAME reports"
            let verb = lw.trim_end_matches([',', '.', ';', ':']);
            if (verb == "reported" || verb == "reports") && i > 0 {
                let before = words.get(..i).unwrap_or(&[]);
                if let Some(name) = capitalised_run(before, true) {
                    return Some(name);
                }
            }
        }
    }
    None
}

/// The outlet name at the start (or, `backwards`, at the end) of `words`: a run of at most six
/// capitalised words (a leading "the" allowed), holding one of [`OUTLET_WORDS`].
fn capitalised_run(words: &[&str], backwards: bool) -> Option<String> {
    let clean = |w: &str| -> String {
        w.trim_matches(|c: char| !c.is_alphanumeric() && c != '&' && c != '.')
            .trim_end_matches('.')
            .to_string()
    };
    let is_cap = |w: &str| w.chars().next().is_some_and(char::is_uppercase);
    let mut run: Vec<String> = Vec::new();
    let push = |w: &str, run: &mut Vec<String>| -> bool {
        let c = clean(w);
        if c.is_empty() || !is_cap(&c) || run.len() >= 6 {
            return false;
        }
        run.push(c);
        true
    };
    if backwards {
        for w in words.iter().rev() {
            // A word ending a clause ends the name.
            if w.ends_with([',', '.', ';', ':']) && !run.is_empty() {
                break;
            }
            if !push(w, &mut run) {
                break;
            }
        }
        run.reverse();
    } else {
        let skip = usize::from(words.first().is_some_and(|w| w.eq_ignore_ascii_case("the")));
        for w in words.get(skip..).unwrap_or(&[]) {
            let ends = w.ends_with([',', '.', ';', ':']);
            if !push(w, &mut run) || ends {
                break;
            }
        }
    }
    if run.first().is_some_and(|w| w == "The") {
        run.remove(0);
    }
    let outlet = run.iter().any(|w| OUTLET_WORDS.contains(&w.as_str()));
    (outlet && !run.is_empty()).then(|| run.join(" "))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn article(text: &str) -> Article {
        super::super::test_article("x", None, text)
    }

    fn spans_text(text: &str) -> Vec<&str> {
        narration_spans(text)
            .into_iter()
            .map(|r| &text[r])
            .collect()
    }

    #[test]
    fn quotations_are_not_narration() {
        let t = "The mayor said \u{201C}we will rebuild\u{201D} on Monday.\nPolice said: \"Stay away.\"";
        assert_eq!(
            spans_text(t),
            ["The mayor said ", " on Monday.", "Police said: "]
        );
        // A quotation over two paragraphs (a tweet quoted with its line break).
        let t = "She wrote: \"It's official!\nThanks to all. \" Then she left.";
        assert_eq!(spans_text(t), ["She wrote: ", " Then she left."]);
        // A stray mark that nothing closes is not a quotation.
        let t = "He said \"no\nline two\nline three\nline four \" end";
        assert_eq!(spans_text(t).concat().len(), t.len() - 3);
        assert!(spans_text("").is_empty());
        assert_eq!(spans_text("\u{201C}\u{201D}"), Vec::<&str>::new());
    }

    #[test]
    fn shared_quotes_are_not_shared_narration() {
        let quote = "\u{201C}We are thrilled to welcome her back as host of the ceremony next year, and we thank the whole team,\u{201D} the producers said in a statement.";
        let a = article(&format!(
            "The comedian will present the awards show again in March, organisers announced on Friday.\n{quote}\nHer first turn drew a large television audience."
        ));
        let b = article(&format!(
            "A familiar face returns to the stage for the film industry's biggest night.\n{quote}\nCritics had panned last year's host for his jokes."
        ));
        let none = StoryFrequency::default();
        let (na, nb) = (narration_shingles(&a), narration_shingles(&b));
        let share = narration_share(&na, &nb, &none, 3).0;
        // Only "the producers said in a statement" is common narration.
        assert!(share < 0.25, "{share}");
        // The same texts with the quotation counted as narration look like a rewrite.
        let whole = |a: &Article| {
            let mut s = shingle_hashes(&word_hashes(&a.text), NARRATION_SHINGLE_WORDS);
            s.sort_unstable();
            s.dedup();
            s
        };
        assert!(narration_share(&whole(&a), &whole(&b), &none, 3).0 > share + 0.2);
    }

    use super::super::shingles::shingle_hashes;

    #[test]
    fn boilerplate_shared_by_many_stories_does_not_count() {
        let background =
            "The agency was founded in 1950 and has offices in forty countries around the world.";
        let texts = [
            format!("A fire broke out in the harbour warehouse on Tuesday night.\n{background}"),
            format!(
                "Firefighters spent the whole night at the burning harbour depot.\n{background}"
            ),
            format!(
                "The central bank raised its main interest rate by a quarter point.\n{background}"
            ),
            format!("Heavy snow closed the mountain pass for the third day running.\n{background}"),
        ];
        let arts: Vec<Article> = texts.iter().map(|t| article(t)).collect();
        let sh: Vec<Vec<u64>> = arts.iter().map(narration_shingles).collect();
        // Stories: {0, 1} (the fire), {2}, {3}.
        let freq = StoryFrequency::new(&[vec![0, 1], vec![2], vec![3], vec![9]], &sh);
        let with_background = narration_share(&sh[0], &sh[1], &StoryFrequency::default(), 3).0;
        let without = narration_share(&sh[0], &sh[1], &freq, 3).0;
        assert!(with_background > 0.5, "{with_background}");
        assert!(without < 0.1, "{without}");
        // Counting stories, not articles: the fire story's own text occurs in one story.
        let own = narration_shingles(&article("A fire broke out in the harbour"));
        assert!(own.iter().all(|h| freq.stories(*h) == 1));
        assert!(sh[0].iter().any(|h| freq.stories(*h) == 3));
        // 0 turns boilerplate off.
        assert_eq!(narration_share(&sh[0], &sh[1], &freq, 0).0, with_background);
    }

    #[test]
    fn empty_narration_shares_nothing() {
        let none = StoryFrequency::default();
        assert_eq!(narration_share(&[], &[1, 2], &none, 3), (0.0, 0));
        assert!(narration_shingles(&article("\"All quoted words here.\"")).is_empty());
        assert!(narration_shingles(&article("")).is_empty());
        let a = article("Sirens \u{201C}sounded all night\u{201D} in town.\nNo one was hurt.");
        let n = narration_only(&a);
        assert_eq!(n.text.len(), a.text.len());
        assert_eq!(
            n.text.split_whitespace().collect::<Vec<_>>(),
            ["Sirens", "in", "town.", "No", "one", "was", "hurt."]
        );
        assert_eq!(n.text.lines().count(), 2);
    }

    #[test]
    fn credited_outlets() {
        let credit = |t: &str| credited_outlet(&article(t));
        assert_eq!(
            credit("The stolen jewels were worth two million euros, according to AFP."),
            Some("AFP".into())
        );
        assert_eq!(
            credit("The New York Times reported on Monday that the list had been compiled."),
            Some("New York Times".into())
        );
        assert_eq!(
            credit("The fire started at 9pm, according to the Associated Press."),
            Some("Associated Press".into())
        );
        // People and offices are not outlets; quoted credits are not the article's own.
        assert_eq!(
            credit("The car was found later, according to Chief Smith."),
            None
        );
        assert_eq!(credit("Police reported no injuries."), None);
        assert_eq!(
            credit("He said \"according to the Daily News it was late\"."),
            None
        );
        assert_eq!(credit(""), None);
    }
}
