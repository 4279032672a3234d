//! Direct quotations and who said them: spans between quotation marks (curly or straight),
//! run on across paragraphs when the next paragraph reopens the quote, split into one part per
//! sentence, with the speaker found by attribution patterns ("…," Trump wrote; X said "…";
//! according to X; X called it "unrealistic").

use super::entities::{EntityKind, Mention};
use super::words::words;
use crate::article::Article;
use std::ops::Range;

/// Who a quotation is attributed to, before names are unified.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Speaker {
    /// A named mention: index into the article's mentions.
    Mention(usize),
    /// A pronoun or a description ("he", "the Pentagon chief") at this byte offset: the last
    /// person named before it.
    Before(usize),
    /// No attribution found.
    Unknown,
}

/// One sentence's part of a quotation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QuotePart {
    /// Sentence index.
    pub sentence: usize,
    /// Byte range of the quoted words in the article's text.
    pub range: Range<usize>,
}

/// A quotation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Quote {
    /// The quoted words, parts joined by a space.
    pub text: String,
    /// One part per sentence the quotation covers.
    pub parts: Vec<QuotePart>,
    /// Who said it.
    pub speaker: Speaker,
    /// A few words inside a sentence of the reporter's ("called it “unrealistic”").
    pub partial: bool,
}

const SPEECH_VERBS: &[&str] = &[
    "acknowledged",
    "added",
    "admitted",
    "announced",
    "argued",
    "asserted",
    "asked",
    "called",
    "claimed",
    "commented",
    "confirmed",
    "declared",
    "described",
    "dismissed",
    "emphasized",
    "emphasised",
    "explained",
    "insisted",
    "noted",
    "posted",
    "remarked",
    "replied",
    "reported",
    "said",
    "say",
    "says",
    "stated",
    "stressed",
    "tells",
    "told",
    "tweeted",
    "warned",
    "wrote",
    "writes",
];

/// Descriptions that stand for a person ("the Pentagon chief", "Kremlin spokesman").
pub(super) const ROLES: &[&str] = &[
    "chief",
    "envoy",
    "head",
    "leader",
    "minister",
    "official",
    "officials",
    "spokesman",
    "spokesperson",
    "spokeswoman",
];

fn is_speech_verb(w: &str) -> bool {
    SPEECH_VERBS.contains(&w.to_lowercase().as_str())
}

fn is_open(c: char) -> bool {
    matches!(c, '\u{201C}' | '\u{201E}' | '\u{00AB}')
}

fn is_close(c: char) -> bool {
    matches!(c, '\u{201D}' | '\u{00BB}')
}

/// Finds an article's quotations. `mentions`: the article's name mentions, for speakers.
pub fn quotes(article: &Article, mentions: &[Mention]) -> Vec<Quote> {
    let text = &article.text;
    let mut out = Vec::new();
    for span in spans(text) {
        let parts: Vec<QuotePart> = span
            .iter()
            .flat_map(|r| split_by_sentence(article, r.clone()))
            .collect();
        let joined: Vec<&str> = parts
            .iter()
            .filter_map(|p| text.get(p.range.clone()))
            .collect();
        let quoted = joined.join(" ");
        let nwords = words(&quoted).len();
        if nwords == 0 {
            continue;
        }
        let (Some(first), Some(last)) = (span.first(), span.last()) else {
            continue;
        };
        let partial = is_partial(article, first.start, last.end, nwords);
        out.push(Quote {
            text: quoted,
            parts,
            speaker: Speaker::Unknown,
            partial,
        });
        let speaker = attribute(article, mentions, first.start, last.end);
        if let Some(q) = out.last_mut() {
            q.speaker = speaker;
        }
    }
    // A quote with no attribution right after another in the same paragraph continues it
    // ("…nations,” Trump wrote. “We have also agreed…”).
    for k in 1..out.len() {
        if out[k].speaker == Speaker::Unknown && !out[k].partial {
            let prev_end = out[k - 1].parts.last().map_or(0, |p| p.range.end);
            let start = out[k].parts.first().map_or(0, |p| p.range.start);
            let between = text.get(prev_end..start).unwrap_or("\n");
            if !between.contains('\n') && words(between).len() <= 6 {
                out[k].speaker = out[k - 1].speaker;
            }
        }
    }
    out
}

/// Quoted spans as byte ranges of the words inside the marks. A span that reaches the end of
/// a paragraph continues when the next paragraph opens with a quotation mark.
fn spans(text: &str) -> Vec<Vec<Range<usize>>> {
    let mut out = Vec::new();
    let mut cur: Vec<Range<usize>> = Vec::new();
    let mut open: Option<usize> = None;
    let mut straight_open = false;
    let mut iter = text.char_indices().peekable();
    while let Some((i, c)) = iter.next() {
        let next_i = iter.peek().map_or(text.len(), |x| x.0);
        match open {
            None => {
                let opens_straight = c == '"'
                    && text[..i]
                        .chars()
                        .next_back()
                        .is_none_or(|p| p.is_whitespace() || "([—-".contains(p));
                if is_open(c) || opens_straight {
                    open = Some(next_i);
                    straight_open = c == '"';
                }
            }
            Some(s) => {
                let closes = if straight_open { c == '"' } else { is_close(c) };
                if closes {
                    cur.push(s..i);
                    out.push(std::mem::take(&mut cur));
                    open = None;
                } else if c == '\n' {
                    // Run on: the next paragraph reopens the quotation.
                    let rest = text[next_i..].trim_start_matches([' ', '\t']);
                    if rest.starts_with(['\u{201C}', '"']) {
                        cur.push(s..i);
                        let skip = text.len() - rest.len();
                        let mark = rest.chars().next().map_or(1, char::len_utf8);
                        while iter.peek().is_some_and(|x| x.0 < skip + mark) {
                            iter.next();
                        }
                        open = Some(skip + mark);
                    } else {
                        // An unclosed quotation ends with its paragraph.
                        cur.push(s..i);
                        if cur
                            .iter()
                            .map(|r| words(&text[r.clone()]).len())
                            .sum::<usize>()
                            >= 3
                        {
                            out.push(std::mem::take(&mut cur));
                        }
                        cur.clear();
                        open = None;
                    }
                }
            }
        }
    }
    out.retain(|s: &Vec<Range<usize>>| !s.is_empty());
    out
}

/// Cuts a range at sentence boundaries, trimming spaces and punctuation at the ends.
fn split_by_sentence(article: &Article, r: Range<usize>) -> Vec<QuotePart> {
    let mut out = Vec::new();
    for (si, s) in article.sentences.iter().enumerate() {
        let a = r.start.max(s.start);
        let b = r.end.min(s.end);
        if a >= b {
            continue;
        }
        let Some(piece) = article.text.get(a..b) else {
            continue;
        };
        let lead = piece.len()
            - piece
                .trim_start_matches(|c: char| !c.is_alphanumeric())
                .len();
        let trail = piece.len()
            - piece
                .trim_end_matches(|c: char| !c.is_alphanumeric() && c != '?' && c != '!')
                .len();
        if a + lead < b - trail {
            out.push(QuotePart {
                sentence: si,
                range: a + lead..b - trail,
            });
        }
    }
    out
}

/// A short quotation inside the reporter's sentence, or one that starts in lower case.
fn is_partial(article: &Article, start: usize, end: usize, nwords: usize) -> bool {
    let text = &article.text;
    let starts_lower = text
        .get(start..)
        .and_then(|s| s.chars().find(|c| c.is_alphanumeric()))
        .is_some_and(char::is_lowercase);
    let sentence = article
        .sentences
        .iter()
        .find(|s| s.start <= start && start < s.end.max(s.start + 1));
    let before = sentence.map_or(0, |s| words(text.get(s.start..start).unwrap_or("")).len());
    let after = sentence.map_or(0, |s| {
        words(text.get(end.min(s.end)..s.end).unwrap_or("")).len()
    });
    starts_lower || nwords <= 5 || (before > 4 && after <= 1)
}

/// The speaker of the quotation at `start..end`: a name next to a speech verb after the
/// closing mark ("…,” Trump wrote), or before the opening mark (Trump said, “…”), or the
/// subject of the sentence; pronouns and descriptions point back to the last person named.
fn attribute(article: &Article, mentions: &[Mention], start: usize, end: usize) -> Speaker {
    let text = &article.text;
    let para_end = text[end.min(text.len())..]
        .find('\n')
        .map_or(text.len(), |p| end + p);
    let sentence_of = |pos: usize| {
        article
            .sentences
            .iter()
            .position(|s| s.start <= pos && pos <= s.end)
    };
    // After the close: up to the end of that sentence.
    let after_end = sentence_of(end)
        .and_then(|i| article.sentences.get(i))
        .map_or(para_end, |s| s.end)
        .min(para_end);
    let after = text.get(end..after_end).unwrap_or("");
    let aw = words(after);
    if let Some(v) = aw.iter().take(6).position(|w| is_speech_verb(w.text)) {
        // "…,” Trump wrote / "…,” said Trump / "…,” he added.
        let window = end..end
            + aw.get(v + 1..(v + 5).min(aw.len()))
                .and_then(|x| x.last())
                .map_or(aw[v].end, |w| w.end);
        // The name right before the verb ("Putin's spokesman Dmitry Peskov said"), else the
        // one after it ("said Trump").
        let verb_at = end + aw[v].start;
        let in_window = |m: &Mention| m.start >= window.start && m.end <= window.end;
        if let Some(mi) = mentions
            .iter()
            .rposition(|m| in_window(m) && m.end <= verb_at)
        {
            return Speaker::Mention(mi);
        }
        if let Some(mi) = mentions
            .iter()
            .position(|m| in_window(m) && m.start >= verb_at)
        {
            return Speaker::Mention(mi);
        }
        if aw[..v]
            .iter()
            .any(|w| matches!(w.text.to_lowercase().as_str(), "he" | "she" | "they"))
            || aw
                .get(v + 1)
                .is_some_and(|w| matches!(w.text.to_lowercase().as_str(), "he" | "she"))
        {
            return Speaker::Before(start);
        }
    }
    // Before the open: within the sentence, the last name before a speech verb or
    // "according to".
    let s_start = sentence_of(start)
        .and_then(|i| article.sentences.get(i))
        .map_or(start, |s| s.start);
    let before = text.get(s_start..start).unwrap_or("");
    let bw = words(before);
    let cue = bw.iter().rposition(|w| is_speech_verb(w.text)).or_else(|| {
        bw.windows(2)
            .rposition(|p| p[0].text.eq_ignore_ascii_case("according") && p[1].text == "to")
    });
    if let Some(v) = cue {
        let cue_pos = s_start + bw[v].start;
        // "what he described as": the pronoun is the speaker.
        if v > 0
            && matches!(
                bw[v - 1].text.to_lowercase().as_str(),
                "he" | "she" | "they"
            )
        {
            return Speaker::Before(cue_pos);
        }
        let before_cue = |m: &Mention| m.start >= s_start && m.end <= cue_pos;
        // The subject: the last person (or unplaced name) before the verb; failing that a
        // description ("the Pentagon chief") points back, or an organisation speaks
        // ("the Kremlin said").
        let is_org = |m: &Mention| m.kind == Some(EntityKind::Organisation);
        if let Some(mi) = mentions
            .iter()
            .rposition(|m| before_cue(m) && matches!(m.kind, Some(EntityKind::Person) | None))
        {
            return Speaker::Mention(mi);
        }
        if let Some(m) = mentions.iter().find(|m| before_cue(m) && is_org(m)) {
            let rest = text.get(m.end..).unwrap_or("");
            let described = words(rest).first().is_some_and(|w| ROLES.contains(&w.text));
            if described {
                return Speaker::Before(s_start);
            }
        }
        if let Some(mi) = mentions.iter().rposition(|m| before_cue(m) && is_org(m)) {
            return Speaker::Mention(mi);
        }
        // "according to X": the name follows.
        if let Some(mi) = mentions
            .iter()
            .position(|m| m.start > cue_pos && m.end <= start)
        {
            return Speaker::Mention(mi);
        }
        return Speaker::Before(s_start);
    }
    // "…,” he said earlier in the paragraph's next sentence is not searched: unknown.
    Speaker::Unknown
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::facts::entities::mentions;

    fn article(text: &str) -> Article {
        Article {
            id: "t".into(),
            title: None,
            source: None,
            url: None,
            published: None,
            author: None,
            language: None,
            path: "t".into(),
            line: None,
            text: text.into(),
            sentences: crate::ingest::sentences::split(text),
            metadata: Default::default(),
            removed: Default::default(),
            notes: Vec::new(),
        }
    }

    fn speaker_name(ms: &[Mention], q: &Quote) -> String {
        match q.speaker {
            Speaker::Mention(i) => ms[i].name.clone(),
            Speaker::Before(_) => "<before>".into(),
            Speaker::Unknown => "<unknown>".into(),
        }
    }

    #[test]
    fn speakers_after_before_and_according_to() {
        let a = article(
            "“We agreed to work together, very closely,” Trump wrote. “We have also agreed to start negotiations immediately.”\n\
             Defense Secretary Pete Hegseth said that the plan was “unrealistic.”\n\
             According to Dmitry Peskov, “the time has come for our countries to work together.”\n\
             “I think they had a great friendship,” he added.",
        );
        let ms = mentions(&a);
        let qs = quotes(&a, &ms);
        let got: Vec<(String, String, bool)> = qs
            .iter()
            .map(|q| (q.text.clone(), speaker_name(&ms, q), q.partial))
            .collect();
        assert_eq!(
            got[0],
            (
                "We agreed to work together, very closely".into(),
                "Trump".into(),
                false
            )
        );
        assert_eq!(
            got[1],
            (
                "We have also agreed to start negotiations immediately".into(),
                "Trump".into(),
                false
            )
        );
        assert_eq!(got[2], ("unrealistic".into(), "Pete Hegseth".into(), true));
        assert_eq!(got[3].1, "Dmitry Peskov");
        assert_eq!(got[4].1, "<before>");
    }

    #[test]
    fn quotes_run_on_across_paragraphs_and_split_by_sentence() {
        let a = article("“This is the first part. It goes on\n“and this is the second,” she said.");
        let qs = quotes(&a, &mentions(&a));
        assert_eq!(qs.len(), 1);
        assert_eq!(qs[0].parts.len(), 3);
        assert_eq!(
            qs[0].text,
            "This is the first part It goes on and this is the second"
        );
    }

    #[test]
    fn straight_quotes_and_unbalanced_marks() {
        let a =
            article("He said \"we will win\" and left. A stray ” mark. An open “quote with no end");
        let qs = quotes(&a, &mentions(&a));
        assert_eq!(qs[0].text, "we will win");
        assert!(quotes(&article(""), &[]).is_empty());
        assert!(quotes(&article("“”"), &[]).is_empty());
    }
}
