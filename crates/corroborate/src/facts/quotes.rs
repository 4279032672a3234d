//! Direct quotations and who said them: spans between quotation marks (curly or straight),
//! run on across paragraphs when the next paragraph reopens the quote, split into one part per
//! sentence. Quoted titles and nicknames ("“New Moon”", Vincent "The Chin" Gigante) are not
//! speech and are dropped. The speaker is the subject of a speech verb next to the quote
//! ("…,” Trump wrote; “…,” said Lisa Su, who…; X said, “…”; according to X), appositions
//! skipped ("Bill Hyers, who managed … campaign, said"), never a place or a possessive
//! ("Putin's spokesman"); a pronoun goes to the last named speaker of a compatible gender
//! (learnt from the article's "Mr."/"Ms." and he/she), a definite description ("the judge")
//! to the last person introduced by that word, an indefinite one ("a senior officer") to
//! no one; a quote with no attribution of its own keeps the speaker of the quote just
//! before it or of the sentence that introduced it.

use super::entities::{EntityKind, Mention};
use super::words::{is_stop_word, no_words, strip_possessive, words};
use crate::article::Article;
use std::collections::{BTreeMap, BTreeSet};
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

/// Verbs that introduce speech, sorted for binary search (a test checks it).
#[rustfmt::skip]
const SPEECH_VERBS: &[&str] = &[
    "acknowledged", "added", "adding", "adds", "admitted", "agreed", "announced", "answered",
    "argued", "arguing", "asked", "asserted", "boasted", "called", "calling", "calls",
    "cautioned", "claimed", "commented", "complained", "conceded", "concluded", "confirmed",
    "contended", "continued", "cried", "crowed", "declared", "declaring", "demanded", "demurred",
    "denied", "described", "describes", "describing", "dismissed", "emphasised", "emphasized",
    "estimated", "exclaimed", "explained", "explaining", "insisted", "insisting",
    "joked", "labeled", "labelled", "lamented", "maintained", "mused", "noted", "noting",
    "observed", "posted", "predicted", "promised", "promising", "quipped", "quoted", "read",
    "recalled", "remarked", "replied", "reported", "reporting", "responded", "responds", "retorted",
    "revealed", "said", "say", "saying", "says", "shouted", "stated", "stressed", "suggested",
    "tells", "testified", "told", "tweeted", "urged", "vowed", "vowing", "warned", "warning",
    "writes", "writing", "wrote",
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

/// Words between a subject and its verb that are not the subject ("Jeffs can be heard
/// saying", "Trump also said").
const AUXILIARIES: &[&str] = &[
    "again",
    "also",
    "already",
    "be",
    "been",
    "can",
    "could",
    "did",
    "earlier",
    "first",
    "further",
    "had",
    "has",
    "have",
    "heard",
    "is",
    "last",
    "later",
    "never",
    "not",
    "once",
    "previously",
    "then",
    "was",
    "will",
    "would",
];

fn is_speech_verb(w: &str) -> bool {
    SPEECH_VERBS
        .binary_search(&w.to_lowercase().as_str())
        .is_ok()
}

/// A verb of speech used as a verb: not after a determiner ("the estimated $1 million
/// damages", "a reported 300 people"). `prev`: the word before it, if any.
fn speech_verb_at(w: &str, prev: Option<&str>) -> bool {
    is_speech_verb(w)
        && !prev.is_some_and(|p| {
            matches!(
                p.to_lowercase().as_str(),
                "the" | "a" | "an" | "its" | "their" | "his" | "her" | "our" | "this" | "these"
            )
        })
}

/// Words that open a clause of their own: an attribution after one ("…,” though Judge Smith
/// said …) is not the quotation's, and a subject is looked for after it ("… before her
/// daughter cried out “…”").
fn is_subordinator(lower: &str) -> bool {
    matches!(
        lower,
        "although"
            | "though"
            | "while"
            | "whereas"
            | "because"
            | "before"
            | "after"
            | "when"
            | "until"
            | "unless"
            | "if"
            | "since"
    )
}

/// "someone said", "people say": a speaker left unnamed on purpose.
fn is_indefinite_pronoun(lower: &str) -> bool {
    matches!(
        lower,
        "someone"
            | "somebody"
            | "anyone"
            | "anybody"
            | "everyone"
            | "everybody"
            | "nobody"
            | "people"
    )
}

/// "what he viewed as a “crisis”": a verb of opinion before "as" gives the quoted words to
/// its subject.
fn is_view_verb(lower: &str) -> bool {
    matches!(
        lower,
        "viewed" | "views" | "sees" | "saw" | "regards" | "regarded" | "considers" | "considered"
    )
}

/// "Microsoft published a security advisory that “…”", "He also makes reference to “…”": a
/// noun of public words after a verb of issuing, whose subject speaks.
fn is_statement_noun(lower: &str) -> bool {
    matches!(
        lower,
        "statement" | "statements" | "advisory" | "communique" | "communiqué" | "reference"
    )
}

/// Nouns that name a kind of body ("the company", "the ministry").
fn is_body_noun(lower: &str) -> bool {
    matches!(
        lower,
        "company"
            | "firm"
            | "ministry"
            | "government"
            | "agency"
            | "department"
            | "navy"
            | "army"
            | "military"
            | "magazine"
            | "newspaper"
            | "studio"
            | "network"
            | "bank"
            | "airline"
            | "carrier"
            | "chipmaker"
            | "automaker"
    )
}

fn is_issue_verb(lower: &str) -> bool {
    matches!(
        lower,
        "issued"
            | "issues"
            | "published"
            | "publishes"
            | "released"
            | "releases"
            | "made"
            | "makes"
            | "make"
    )
}

/// Whether the quotation marks in `s` only enclose short capitalised names ("Entertainment
/// Weekly's “Hollywood Insider” is reporting").
fn quotes_only_names(s: &str) -> bool {
    let pieces: Vec<&str> = s
        .split(|c: char| c == '"' || is_open(c) || is_close(c))
        .collect();
    pieces.len() % 2 == 1
        && pieces.iter().skip(1).step_by(2).all(|p| {
            let ws = words(p);
            !ws.is_empty()
                && ws.len() <= 5
                && ws
                    .iter()
                    .all(|w| w.is_capitalised() || is_stop_word(w.text))
                && !p.contains(['.', ',', '!', '?'])
        })
}

/// Whether every period of `s` ends an abbreviation or an initial ("Mr.", "Const.", "J."):
/// such a period does not end the attribution's sentence.
fn only_abbreviation_periods(s: &str) -> bool {
    s.char_indices().filter(|(_, c)| *c == '.').all(|(i, _)| {
        let word = s
            .get(..i)
            .unwrap_or("")
            .rsplit(|c: char| !c.is_alphanumeric())
            .next()
            .unwrap_or("");
        let lower = word.to_lowercase();
        let initial = word.chars().count() == 1 && word.chars().all(char::is_uppercase);
        let abbreviation = word.chars().next().is_some_and(char::is_uppercase)
            && (super::gazetteer::is_title(&lower)
                || matches!(
                    lower.as_str(),
                    "const" | "rev" | "msgr" | "sr" | "jr" | "st"
                ));
        initial || abbreviation
    })
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
    let ctx = Ctx::new(article, mentions);
    let mut out = Vec::new();
    // Whether a quote's own attribution names no one on purpose ("a neighbour said").
    let mut unnamed = Vec::new();
    for span in spans(text) {
        let (Some(first), Some(last)) = (span.first(), span.last()) else {
            continue;
        };
        if is_title(text, first.start, last.end) {
            continue;
        }
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
        let partial = is_partial(article, first.start, last.end, nwords);
        let (speaker, none) = ctx.attribute(first.start, last.end);
        out.push(Quote {
            text: quoted,
            parts,
            speaker,
            partial,
        });
        unnamed.push(none);
    }
    // “…” because of its “precarious debt dynamics” and because it “…,” Olli Rehn said: quotes
    // of one sentence joined by a few words share the attribution that closes the last.
    for k in (0..out.len()).rev() {
        let (Some(cur), Some(next)) = (out.get(k), out.get(k.saturating_add(1))) else {
            continue;
        };
        let (Some(a), Some(b)) = (cur.parts.last(), next.parts.first()) else {
            continue;
        };
        let between = words(text.get(a.range.end..b.range.start).unwrap_or("x"));
        let takes = cur.speaker == Speaker::Unknown
            && unnamed.get(k) == Some(&false)
            && matches!(next.speaker, Speaker::Mention(_))
            && a.sentence == b.sentence
            && between.len() <= 6
            && !between.iter().any(|w| is_speech_verb(w.text));
        let speaker = next.speaker;
        if let Some(q) = out.get_mut(k).filter(|_| takes) {
            q.speaker = speaker;
        }
    }
    // A whole-sentence quote with no attribution of its own continues the quote just before
    // it (“…,” Trump wrote. “We have also agreed…”), or is the words of the one who speaks
    // in the sentence before (Dorsey said the shooting was hard on everyone. “We're like
    // family here.”).
    for k in 0..out.len() {
        let Some(cur) = out.get(k) else {
            continue;
        };
        let prev = k.checked_sub(1).and_then(|p| out.get(p));
        let prev_unnamed = k.checked_sub(1).and_then(|p| unnamed.get(p)).copied();
        let is_unnamed = unnamed.get(k).copied().unwrap_or(true);
        // A short quote that is a sentence of its own ("We're like family here.") is no
        // fragment of the reporter's sentence.
        let alone = cur.parts.first().is_some_and(|p| {
            article
                .sentences
                .get(p.sentence)
                .and_then(|s| text.get(s.start..p.range.start))
                .is_some_and(no_words)
        }) && cur.parts.last().is_some_and(|p| {
            article
                .sentences
                .get(p.sentence)
                .and_then(|s| text.get(p.range.end..s.end))
                .is_some_and(no_words)
        });
        // The new speaker and `unnamed` flag, if any.
        let mut update: Option<(Speaker, bool)> = None;
        'decide: {
            if cur.speaker == Speaker::Unknown && cur.partial && !alone && !is_unnamed {
                if let Some(sp) = prev.and_then(|p| ctx.goes_on(p, cur)) {
                    update = Some((sp, is_unnamed));
                    break 'decide;
                }
            }
            if cur.speaker != Speaker::Unknown || (cur.partial && !alone) || is_unnamed {
                break 'decide;
            }
            let start = cur.parts.first().map_or(0, |p| p.range.start);
            let first_sentence = cur.parts.first().map_or(0, |p| p.sentence);
            if let (Some(p), Some(p_unnamed)) = (prev, prev_unnamed) {
                let prev_end = p.parts.last().map_or(0, |p| p.range.end);
                let prev_sentence = p.parts.last().map_or(0, |p| p.sentence);
                let between = text.get(prev_end..start).unwrap_or("");
                let limit = if between.contains('\n') { 8 } else { 12 };
                if first_sentence <= prev_sentence.saturating_add(2)
                    && words(between).len() <= limit
                {
                    update = Some((p.speaker, p_unnamed));
                    break 'decide;
                }
            }
            let opens_sentence = article
                .sentences
                .get(first_sentence)
                .and_then(|s| text.get(s.start..start))
                .is_some_and(no_words);
            if opens_sentence {
                if let Some(mi) = first_sentence.checked_sub(1).and_then(|s| ctx.speech_in(s)) {
                    update = Some((Speaker::Mention(mi), is_unnamed));
                }
            }
        }
        if let Some((speaker, flag)) = update {
            if let Some(q) = out.get_mut(k) {
                q.speaker = speaker;
            }
            if let Some(u) = unnamed.get_mut(k) {
                *u = flag;
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
    // A straight mark inside a straight quotation that opens a word ("… these large
    // "Caravans" of people …") opens a quotation within it; its closing mark is not the end.
    let mut inner = false;
    let mut iter = text.char_indices().peekable();
    while let Some((i, c)) = iter.next() {
        let next_i = iter.peek().map_or(text.len(), |x| x.0);
        match open {
            None => {
                let opens_straight = c == '"'
                    && text
                        .get(..i)
                        .unwrap_or("")
                        .chars()
                        .next_back()
                        .is_none_or(|p| p.is_whitespace() || "([—-".contains(p));
                if is_open(c) || opens_straight {
                    open = Some(next_i);
                    straight_open = c == '"';
                }
            }
            Some(s) => {
                if straight_open && c == '"' {
                    let after_space = text
                        .get(..i)
                        .unwrap_or("")
                        .chars()
                        .next_back()
                        .is_some_and(char::is_whitespace);
                    let before_word = text
                        .get(next_i..)
                        .unwrap_or("")
                        .chars()
                        .next()
                        .is_some_and(char::is_alphanumeric);
                    if inner {
                        inner = false;
                        continue;
                    }
                    if after_space && before_word {
                        inner = true;
                        continue;
                    }
                }
                // A curly quotation closed with a straight mark ("“They do have my blessing
                // …,\" Trump said"), as text put together from several sources has it: a
                // straight mark after a word closes it, unless a straight mark after a
                // space opened a quotation inside it.
                let mut closes_mixed = false;
                if !straight_open && c == '"' {
                    let after_word = text
                        .get(..i)
                        .unwrap_or("")
                        .chars()
                        .next_back()
                        .is_some_and(|p| !p.is_whitespace() && !"([—-".contains(p));
                    if !after_word {
                        inner = true;
                        continue;
                    }
                    if inner {
                        inner = false;
                        continue;
                    }
                    closes_mixed = true;
                }
                let closes = closes_mixed || if straight_open { c == '"' } else { is_close(c) };
                if closes {
                    cur.push(s..i);
                    out.push(std::mem::take(&mut cur));
                    open = None;
                } else if c == '\n' {
                    inner = false;
                    // Run on: the next paragraph reopens the quotation.
                    let rest = text
                        .get(next_i..)
                        .unwrap_or("")
                        .trim_start_matches([' ', '\t']);
                    if rest.starts_with(['\u{201C}', '"']) {
                        cur.push(s..i);
                        // `rest` is a suffix of `text`: where it starts, then past its mark.
                        let skip = text.len().saturating_sub(rest.len());
                        let mark = rest.chars().next().map_or(1, char::len_utf8);
                        let reopened = skip.saturating_add(mark);
                        while iter.peek().is_some_and(|x| x.0 < reopened) {
                            iter.next();
                        }
                        open = Some(reopened);
                    } else {
                        // An unclosed quotation ends with its paragraph.
                        cur.push(s..i);
                        if cur
                            .iter()
                            .map(|r| words(text.get(r.clone()).unwrap_or("")).len())
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
        // `lead` and `trail` are parts of `piece`, which spans a..b.
        let lead = piece.len().saturating_sub(
            piece
                .trim_start_matches(|c: char| !c.is_alphanumeric())
                .len(),
        );
        let trail = piece.len().saturating_sub(
            piece
                .trim_end_matches(|c: char| !c.is_alphanumeric() && c != '?' && c != '!')
                .len(),
        );
        let (lo, hi) = (a.saturating_add(lead), b.saturating_sub(trail));
        if lo < hi {
            out.push(QuotePart {
                sentence: si,
                range: lo..hi,
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
        .find(|s| s.start <= start && start < s.end.max(s.start.saturating_add(1)));
    // Only "more than four words before" and "at most one after" matter: a bounded look
    // keeps this linear in a sentence of thousands of quotes.
    let before = sentence.map_or(0, |s| {
        words(tail(text.get(s.start..start).unwrap_or(""), 200)).len()
    });
    let after = sentence.map_or(0, |s| {
        words(head(text.get(end.min(s.end)..s.end).unwrap_or(""), 200)).len()
    });
    starts_lower || nwords <= 5 || (before > 4 && after <= 1)
}

/// At most the first `n` bytes of `s`, cut at a character boundary.
fn head(s: &str, n: usize) -> &str {
    let cut = (0..=n.min(s.len()))
        .rev()
        .find(|&i| s.is_char_boundary(i))
        .unwrap_or(0);
    s.get(..cut).unwrap_or("")
}

/// At most the last `n` bytes of `s`, cut at a character boundary.
fn tail(s: &str, n: usize) -> &str {
    let cut = (s.len().saturating_sub(n)..=s.len())
        .find(|&i| s.is_char_boundary(i))
        .unwrap_or(s.len());
    s.get(cut..).unwrap_or("")
}

/// A quoted title or nickname, not speech: a few words, each content word capitalised
/// (“New Moon”, "Ring of Fire"), with no speech verb next to it; or a nickname inside a
/// name (Anthony "Fat Tony" Salerno).
fn is_title(text: &str, start: usize, end: usize) -> bool {
    let Some(inner) = text.get(start..end) else {
        return false;
    };
    let ws = words(inner);
    if ws.is_empty() || ws.len() > 10 || inner.contains('\n') {
        return false;
    }
    let before = text.get(..start).unwrap_or("");
    let after = text.get(end..).unwrap_or("");
    let prev_word = before
        .trim_end_matches(|c: char| !c.is_alphanumeric())
        .rsplit(|c: char| !c.is_alphanumeric() && c != '\'' && c != '.')
        .next()
        .unwrap_or("");
    let next_word = after
        .trim_start_matches(|c: char| !c.is_alphanumeric())
        .split(|c: char| !c.is_alphanumeric())
        .next()
        .unwrap_or("");
    let tight = |s: &str| s.chars().filter(|c| !c.is_alphanumeric()).count() <= 3;
    let gap_before = before
        .get(
            before
                .trim_end_matches(|c: char| !c.is_alphanumeric())
                .len()..,
        )
        .unwrap_or("");
    let gap_after = after
        .get(
            ..after.len().saturating_sub(
                after
                    .trim_start_matches(|c: char| !c.is_alphanumeric())
                    .len(),
            ),
        )
        .unwrap_or("");
    let capital = |w: &str| w.chars().next().is_some_and(char::is_uppercase);
    // A nickname is capitalised and does not end a sentence (Donbas “unrealistic.” He …).
    let nickname_like = ws
        .iter()
        .all(|w| w.is_capitalised() || is_stop_word(&w.text.to_lowercase()))
        && ws.iter().any(|w| w.is_capitalised())
        && !inner.trim_end().ends_with(['.', ',', '!', '?', ';', ':']);
    if nickname_like
        && capital(prev_word)
        && capital(next_word)
        && tight(gap_before)
        && tight(gap_after)
        && !gap_before.contains(['.', ',', ':', '\n'])
        && !gap_after.contains(['.', ',', ':', '\n'])
    {
        return true;
    }
    // A name used before a noun: USGS's “Did you feel it?” site, Trump's “America First”
    // policy.
    let owner = before
        .trim_end_matches(|c: char| !c.is_alphanumeric())
        .strip_suffix('s')
        .is_some_and(|b| b.ends_with(['\'', '\u{2019}']));
    let asks = inner.trim_end().ends_with(['?', '!']);
    let noun_after = gap_after
        .chars()
        .all(|c| c.is_whitespace() || is_close(c) || c == '"')
        && !gap_after.contains('\n')
        && next_word.chars().next().is_some_and(char::is_lowercase)
        && !is_speech_verb(next_word)
        && !AUXILIARIES.contains(&next_word);
    if (owner || asks) && tight(gap_before) && noun_after && ws.len() <= 8 {
        return true;
    }
    let title_case = ws.iter().enumerate().all(|(i, w)| {
        let lower = w.text.to_lowercase();
        w.is_capitalised() || (i > 0 && (is_stop_word(&lower) || w.text.len() <= 3))
    });
    if !title_case || ws.iter().all(|w| w.is_all_caps()) {
        return false;
    }
    let bw = words(tail(before, 60));
    let aw = words(head(after, 60));
    // “Moon,” which is expected …: the title is the subject of the reporter's clause.
    if aw
        .first()
        .is_some_and(|w| matches!(w.text, "which" | "is" | "was" | "has" | "will"))
    {
        return true;
    }
    let cue_before = bw.iter().rev().take(3).any(|w| is_speech_verb(w.text));
    // "“Unrealistic,” Hegseth said" speaks; "the sequel to “Twilight,” the studio said"
    // names a title inside the reporter's words.
    let opens_clause = before
        .trim_end_matches(|c: char| c == ' ' || c == '\t' || c == '"' || is_open(c))
        .chars()
        .next_back()
        .is_none_or(|c| matches!(c, '\n' | '.' | ':' | '!' | '?' | '(' | '\u{2014}'));
    let cue_after = opens_clause && aw.iter().take(4).any(|w| is_speech_verb(w.text));
    !cue_before && !cue_after
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Gender {
    Male,
    Female,
    Unknown,
}

/// What stands for the speaker in the attribution.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Subject {
    /// A name: mention index.
    Named(usize),
    /// "he", "she", "they", "it" at this byte offset.
    Pronoun(usize, String),
    /// "the judge": the noun, at this byte offset.
    Definite(usize, String),
    /// "a senior officer", "witnesses", "his girlfriend": someone not named.
    Unnamed,
}

/// An article's text, names, the gender of its people and the named subjects of its
/// speech verbs.
struct Ctx<'a> {
    article: &'a Article,
    text: &'a str,
    mentions: &'a [Mention],
    /// Gender by the last word of a person's name, lower case.
    gender: BTreeMap<String, Gender>,
    /// (byte offset of a speech verb, sentence, mention of its named subject, gender of the
    /// pronoun that stood for it or `Unknown` for a name), in text order.
    speech: Vec<(usize, usize, usize, Gender)>,
    /// Whether each mention may be a speaker: not inside quotation marks, not a lone word
    /// of unknown kind opening its sentence ("Referring to…").
    usable: Vec<bool>,
}

fn last_token(name: &str) -> String {
    name.rsplit(' ').next().unwrap_or("").to_lowercase()
}

fn pronoun_gender(lower: &str) -> Option<Gender> {
    match lower {
        "he" | "him" | "his" | "himself" => Some(Gender::Male),
        "she" | "her" | "hers" | "herself" => Some(Gender::Female),
        _ => None,
    }
}

/// Bytes around a quotation searched for its attribution ("Pete Hegseth, the defence
/// secretary who …, said" fits well inside).
const ATTRIBUTION_WINDOW: usize = 600;

/// The largest char boundary of `text` at or before `at`.
fn char_floor(text: &str, at: usize) -> usize {
    (0..=at.min(text.len()))
        .rev()
        .find(|&i| text.is_char_boundary(i))
        .unwrap_or(0)
}

impl<'a> Ctx<'a> {
    /// “I thought it was just impossible …,” crowed Nvidia CEO Jen-Hsun Huang. / ATI is
    /// “basically throwing in the towel, …”: a quotation that ends the sentence right after a
    /// named speaker's quotation, with a few words of the reporter's before it and no one
    /// else named or speaking there, goes on with that speaker.
    fn goes_on(&self, prev: &Quote, q: &Quote) -> Option<Speaker> {
        let Speaker::Mention(_) = prev.speaker else {
            return None;
        };
        let (p, first, last) = (prev.parts.last()?, q.parts.first()?, q.parts.last()?);
        if first.sentence != p.sentence.saturating_add(1) || words(&q.text).len() < 4 {
            return None;
        }
        let s_first = self.article.sentences.get(first.sentence)?;
        let s_last = self.article.sentences.get(last.sentence)?;
        let before = self
            .text
            .get(s_first.start..first.range.start)?
            .trim_end_matches(|c: char| c.is_whitespace() || c == '"' || is_open(c));
        let after = self.text.get(last.range.end..s_last.end)?;
        let bw = words(before);
        let someone = self.mentions.iter().enumerate().any(|(i, m)| {
            m.start >= s_first.start && m.end <= first.range.start && self.is_person_like(i)
        });
        let says = bw.iter().any(|w| {
            let l = w.text.to_lowercase();
            is_speech_verb(w.text) || l == "according" || is_view_verb(&l)
        });
        (no_words(after)
            && bw.len() <= 6
            && !someone
            && !says
            && !before.contains(['"', '\u{201C}']))
        .then_some(prev.speaker)
    }

    fn new(article: &'a Article, mentions: &'a [Mention]) -> Ctx<'a> {
        let mut ctx = Ctx {
            article,
            text: &article.text,
            mentions,
            gender: BTreeMap::new(),
            speech: Vec::new(),
            usable: Vec::new(),
        };
        let quoted: Vec<Range<usize>> = spans(&article.text).into_iter().flatten().collect();
        let opening = |m: &Mention| {
            article
                .sentences
                .get(m.sentence)
                .and_then(|s| article.text.get(s.start..m.start))
                .is_some_and(no_words)
        };
        let inside_names: BTreeSet<&str> = mentions
            .iter()
            .filter(|m| !opening(m))
            .map(|m| m.name.as_str())
            .collect();
        ctx.usable = mentions
            .iter()
            .map(|m| {
                let inside = quoted.iter().any(|r| r.start <= m.start && m.end <= r.end);
                let opens = article
                    .sentences
                    .get(m.sentence)
                    .and_then(|s| ctx.text.get(s.start..m.start))
                    .is_some_and(no_words);
                let lone = m.kind.is_none()
                    && !m.name.contains(' ')
                    && !inside_names.contains(m.name.as_str());
                // "Last month, …", "Imagine a …": a capitalised opening word, unless a
                // verb of speech or a comma follows it ("Warren said", "Jeffs also wrote").
                let rest = ctx.text.get(m.end..).unwrap_or("");
                let next = words(head(rest, 40));
                // Auxiliaries lead to the verb ("Jeffs can be heard saying"), not to any verb
                // ("Firemen had to restrain …").
                let speaks = rest.starts_with(',')
                    || next
                        .iter()
                        .find(|w| !AUXILIARIES.contains(&w.text.to_lowercase().as_str()))
                        .is_some_and(|w| is_speech_verb(w.text));
                !(inside || (opens && lone && !speaks))
            })
            .collect();
        ctx.gender = ctx.genders();
        for (si, s) in article.sentences.iter().enumerate() {
            let Some(sentence) = ctx.text.get(s.clone()) else {
                continue;
            };
            let ws = words(sentence);
            for (k, w) in ws.iter().enumerate() {
                let at = s.start.saturating_add(w.start);
                let according = w.text.eq_ignore_ascii_case("according")
                    && ws.get(k.saturating_add(1)).is_some_and(|n| n.text == "to");
                let subject = if according {
                    ws.get(k.saturating_add(1))
                        .and_then(|n| ctx.subject_after(s.start.saturating_add(n.end), s.end))
                } else if speech_verb_at(
                    w.text,
                    k.checked_sub(1).and_then(|p| ws.get(p)).map(|p| p.text),
                ) {
                    // A name before the verb, else after it ("…,” said Kassie Siegel).
                    // "But she said in an interview … her native El Salvador": a pronoun
                    // subject is the speaker, not a name after the verb.
                    match ctx.subject_before(s.start, at) {
                        Some(Subject::Named(mi)) => Some(Subject::Named(mi)),
                        // Only a pronoun right before the verb, not one inside the quotation
                        // before it ("…when they are down,” said Janette Brimmer).
                        Some(Subject::Pronoun(p, l))
                            if ctx.text.get(p..at).is_some_and(|g| {
                                !g.contains(['"', '\u{201D}', '\u{201C}']) && words(g).len() <= 4
                            }) =>
                        {
                            Some(Subject::Pronoun(p, l))
                        }
                        _ => ctx.subject_after(at.saturating_add(w.text.len()), s.end),
                    }
                } else {
                    continue;
                };
                match subject {
                    Some(Subject::Named(mi)) => ctx.speech.push((at, si, mi, Gender::Unknown)),
                    // "And he has tweeted about it …" then a quote of its own: the
                    // pronoun, resolved with what was said before it.
                    Some(ref p @ Subject::Pronoun(_, ref l)) => {
                        if let Some(mi) = ctx.resolve(p) {
                            let g = pronoun_gender(l).unwrap_or(Gender::Unknown);
                            ctx.speech.push((at, si, mi, g));
                        }
                    }
                    _ => {}
                }
            }
        }
        ctx
    }

    fn is_person_like(&self, mi: usize) -> bool {
        self.usable(mi)
            && self
                .mentions
                .get(mi)
                .is_some_and(|m| matches!(m.kind, Some(EntityKind::Person) | None))
    }

    /// Whether the speech cue at `at` names mention `mi` as a person who spoke: a verb of
    /// speech (not "according to testimony from …", a source), and a name that is more than
    /// a lone capitalised word of unknown kind opening its sentence ("Aides said").
    fn named_speaker(&self, at: usize, mi: usize) -> bool {
        let source = self
            .text
            .get(at..)
            .is_some_and(|t| t.starts_with("according") || t.starts_with("According"));
        let weak = self.mentions.get(mi).is_none_or(|m| {
            m.kind.is_none()
                && !m.name.contains(' ')
                && self
                    .article
                    .sentences
                    .get(m.sentence)
                    .and_then(|r| self.text.get(r.start..m.start))
                    .is_some_and(no_words)
        });
        !source && !weak
    }

    fn usable(&self, mi: usize) -> bool {
        self.usable.get(mi).copied().unwrap_or(false)
    }

    fn is_possessive(&self, m: &Mention) -> bool {
        let raw = self.text.get(m.start..m.end).unwrap_or("");
        strip_possessive(raw).len() != raw.len() || raw.ends_with("s'")
    }

    /// Gender of each person, from a "Mr."/"Mrs."/"Ms." before the name and from the
    /// he/she of sentences that name only that person.
    fn genders(&self) -> BTreeMap<String, Gender> {
        let mut votes: BTreeMap<String, (i32, i32)> = BTreeMap::new();
        for m in self.mentions {
            if !matches!(m.kind, Some(EntityKind::Person) | None) {
                continue;
            }
            let before = self.text.get(..m.start).unwrap_or("");
            let title = before
                .trim_end()
                .trim_end_matches('.')
                .rsplit(|c: char| !c.is_alphanumeric())
                .next()
                .unwrap_or("")
                .to_lowercase();
            let e = votes.entry(last_token(&m.name)).or_default();
            match title.as_str() {
                "mr" | "sir" | "king" | "prince" => e.0 = e.0.saturating_add(3),
                "mrs" | "ms" | "miss" | "madam" | "queen" | "princess" | "lady" => {
                    e.1 = e.1.saturating_add(3)
                }
                _ => {}
            }
        }
        for (si, s) in self.article.sentences.iter().enumerate() {
            let named: Vec<&Mention> = self
                .mentions
                .iter()
                .filter(|m| m.sentence == si && matches!(m.kind, Some(EntityKind::Person) | None))
                .collect();
            let people: BTreeSet<String> = named.iter().map(|m| last_token(&m.name)).collect();
            if people.len() != 1 {
                continue;
            }
            let Some(key) = people.into_iter().next() else {
                continue;
            };
            // Only the pronouns after the name stand for it ("May … came under fire for her
            // outreach to Trump": "her" is not Trump).
            let from = named.first().map_or(s.start, |m| m.end);
            let next = si.saturating_add(1);
            let upto = self
                .article
                .sentences
                .get(next)
                .filter(|_| !self.mentions.iter().any(|m| m.sentence == next))
                .map_or(s.end, |n| n.end);
            let (mut male, mut female) = (0_i32, 0_i32);
            for w in words(self.text.get(from..upto).unwrap_or("")) {
                match pronoun_gender(&w.text.to_lowercase()) {
                    Some(Gender::Male) => male = male.saturating_add(1),
                    Some(Gender::Female) => female = female.saturating_add(1),
                    _ => {}
                }
            }
            let e = votes.entry(key).or_default();
            e.0 = e.0.saturating_add(male);
            e.1 = e.1.saturating_add(female);
        }
        votes
            .into_iter()
            .map(|(k, (m, f))| {
                let g = if m > f {
                    Gender::Male
                } else if f > m {
                    Gender::Female
                } else {
                    Gender::Unknown
                };
                (k, g)
            })
            .collect()
    }

    fn gender_of(&self, mi: usize) -> Gender {
        self.mentions
            .get(mi)
            .and_then(|m| self.gender.get(&last_token(&m.name)))
            .copied()
            .unwrap_or(Gender::Unknown)
    }

    fn sentence_of(&self, pos: usize) -> Option<usize> {
        self.article
            .sentences
            .iter()
            .position(|s| s.start <= pos && pos <= s.end)
    }

    /// The last named speaker of a sentence.
    fn speech_in(&self, sentence: usize) -> Option<usize> {
        self.speech
            .iter()
            .rev()
            .find(|x| x.1 == sentence)
            .map(|x| x.2)
    }

    /// The speaker of the quotation at `start..end`, and whether the attribution names
    /// someone on purpose left unnamed ("a neighbour said").
    fn attribute(&self, start: usize, end: usize) -> (Speaker, bool) {
        let text = self.text;
        let para_end = text
            .get(end..)
            .and_then(|r| r.find('\n'))
            .map_or(text.len(), |p| end.saturating_add(p));
        let sentence = |pos: usize| {
            self.sentence_of(pos)
                .and_then(|i| self.article.sentences.get(i))
        };
        // An attribution stands close to its quotation: the search is bounded on both sides,
        // so a sentence of thousands of quotation marks costs linear time, not quadratic.
        let after_end = sentence(end)
            .map_or(para_end, |s| s.end)
            .min(para_end)
            .min(char_floor(text, end.saturating_add(ATTRIBUTION_WINDOW)));
        let s_start = sentence(start)
            .map_or(start, |s| s.start)
            .min(start)
            .max(char_floor(text, start.saturating_sub(ATTRIBUTION_WINDOW)));
        if let Some(subject) = self.trailing(end, after_end.max(end)) {
            match self.resolve(&subject) {
                Some(mi) => return (Speaker::Mention(mi), false),
                None if subject == Subject::Unnamed => {
                    // "Jeffs also wrote: “…,” according to evidence presented in court": the
                    // source after it names no one, the speaker before it does.
                    let named = self.leading(s_start, start).and_then(|s| self.resolve(&s));
                    return match named {
                        Some(mi) => (Speaker::Mention(mi), false),
                        None => (Speaker::Unknown, true),
                    };
                }
                None => {}
            }
        }
        if let Some(subject) = self.leading(s_start, start) {
            return match self.resolve(&subject) {
                Some(mi) => (Speaker::Mention(mi), false),
                None => (Speaker::Unknown, subject == Subject::Unnamed),
            };
        }
        (Speaker::Unknown, false)
    }

    /// The attribution after the closing mark, up to `limit`: "…,” Trump wrote; “…,” said
    /// Lisa Su, who…; “…,” according to X. `None` when no speech verb follows closely.
    fn trailing(&self, end: usize, limit: usize) -> Option<Subject> {
        let after = self.text.get(end..limit)?;
        let aw = words(after);
        let v = aw.iter().take(25).enumerate().find_map(|(i, w)| {
            let prev = i.checked_sub(1).and_then(|p| aw.get(p)).map(|p| p.text);
            if speech_verb_at(w.text, prev) {
                Some((i, false))
            } else if w.text.eq_ignore_ascii_case("according")
                && aw.get(i.saturating_add(1)).is_some_and(|n| n.text == "to")
            {
                Some((i, true))
            } else {
                None
            }
        });
        let (v, according) = v?;
        let verb = aw.get(v)?;
        let verb_at = end.saturating_add(verb.start);
        let pre = self.text.get(end..verb_at).unwrap_or("");
        let pre_words = words(pre).len();
        if according {
            let from = aw
                .get(v.saturating_add(1))
                .map_or(verb_at, |w| end.saturating_add(w.end));
            return self.subject_after(from, limit);
        }
        if verb.text.eq_ignore_ascii_case("quoted") || pre_words == 0 {
            // “…,” said X / the Daily News quoted X as saying.
            return self.subject_after(end.saturating_add(verb.end), limit);
        }
        // "…,” Trump wrote; "…,” Ben Bradlee, who oversaw …, said": a short subject,
        // perhaps with an apposition closed by a comma.
        let pre_trim = pre.trim_start_matches(|c: char| !c.is_alphanumeric());
        let lead = pre.len().saturating_sub(pre_trim.len());
        let first_seg_len = pre_trim.find([',', '(', ';']).unwrap_or(pre_trim.len());
        let first_seg_words = words(pre_trim.get(..first_seg_len).unwrap_or("")).len();
        let closed = pre_trim.trim_end().ends_with(',') || pre_trim.trim_end().ends_with(')');
        if pre_words > 6 && !(closed && first_seg_words <= 6) {
            return None;
        }
        let quoted = pre_trim.contains(['\u{201C}', '"']) && !quotes_only_names(pre_trim);
        if quoted || pre_trim.contains(['!', '?']) || !only_abbreviation_periods(pre_trim) {
            return None;
        }
        // "…,” though Judge Smith said jurors could …: another clause's speaker.
        if words(pre_trim)
            .first()
            .is_some_and(|w| is_subordinator(&w.text.to_lowercase()) || w.text == "but")
        {
            return None;
        }
        let seg_start = end.saturating_add(lead);
        // The subject stands before its verb: its last name is the head ("Microsoft
        // Trustworthy Computing director Yunsun Wee said").
        let first = self.np_subject(seg_start, seg_start.saturating_add(first_seg_len), true);
        match first {
            Some(Subject::Named(_)) | Some(Subject::Pronoun(..)) => first,
            _ => {
                // "…,” her agent, Mark Roesler, said.
                let rest_start = seg_start.saturating_add(first_seg_len);
                let rest = self.text.get(rest_start..verb_at).unwrap_or("");
                let rest_trim = rest.trim_start_matches(|c: char| !c.is_alphanumeric());
                let rs = rest_start.saturating_add(rest.len().saturating_sub(rest_trim.len()));
                let re =
                    rs.saturating_add(rest_trim.find([',', '(', ';']).unwrap_or(rest_trim.len()));
                match self.np_subject(rs, re, false) {
                    Some(Subject::Named(mi)) => Some(Subject::Named(mi)),
                    _ => first,
                }
            }
        }
    }

    /// The attribution before the opening mark, from the sentence start `s_start`: X said,
    /// “…”; according to X, “…”; X called it “…”.
    fn leading(&self, s_start: usize, start: usize) -> Option<Subject> {
        let before = self.text.get(s_start..start)?;
        let bw = words(before);
        let cue = bw.iter().enumerate().rev().find_map(|(i, w)| {
            let prev = i.checked_sub(1).and_then(|p| bw.get(p)).map(|p| p.text);
            let lower = w.text.to_lowercase();
            if speech_verb_at(w.text, prev) {
                Some((i, false))
            } else if lower == "according"
                && bw.get(i.saturating_add(1)).is_some_and(|n| n.text == "to")
            {
                Some((i, true))
            } else if is_view_verb(&lower)
                && bw.get(i.saturating_add(1)).is_some_and(|n| n.text == "as")
                && bw.len() <= i.saturating_add(4)
            {
                // "what he viewed as a “crisis”": the quotation right after "as".
                Some((i, false))
            } else if is_statement_noun(&lower) && bw.len() <= i.saturating_add(5) {
                // "published a security advisory that “…”": the issuing verb's subject.
                (i.saturating_sub(3)..i)
                    .rev()
                    .find(|&j| {
                        bw.get(j)
                            .is_some_and(|x| is_issue_verb(&x.text.to_lowercase()))
                    })
                    .map(|j| (j, false))
            } else {
                None
            }
        });
        let (v, according) = cue?;
        let verb = bw.get(v)?;
        let verb_at = s_start.saturating_add(verb.start);
        if according {
            let from = bw
                .get(v.saturating_add(1))
                .map_or(verb_at, |w| s_start.saturating_add(w.end));
            return self.subject_after(from, start);
        }
        if verb.text.eq_ignore_ascii_case("quoted") {
            return self.subject_after(s_start.saturating_add(verb.end), start);
        }
        self.subject_before(s_start, verb_at).or_else(|| {
            // "…, said Tom Perez: “…”".
            self.subject_after(s_start.saturating_add(verb.end), start)
        })
    }

    /// The subject of the speech verb at `verb_at`, from the sentence start `s_start`.
    fn subject_before(&self, s_start: usize, verb_at: usize) -> Option<Subject> {
        let before = self.text.get(s_start..verb_at)?;
        let bw = words(before);
        // The word right before the verb, auxiliaries and adverbs skipped.
        let near = bw.iter().rposition(|w| {
            let l = w.text.to_lowercase();
            !(AUXILIARIES.contains(&l.as_str()) || (l.ends_with("ly") && l.len() > 4))
        });
        if let Some(n) = near.and_then(|n| bw.get(n)) {
            let l = n.text.to_lowercase();
            if matches!(l.as_str(), "he" | "she" | "they" | "it") {
                return Some(Subject::Pronoun(s_start.saturating_add(n.start), l));
            }
            // "Armstead said she heard someone say, “…”".
            if is_indefinite_pronoun(&l) {
                return Some(Subject::Unnamed);
            }
            // "comments from Pete Hegseth, who described … as “unrealistic”": a relative
            // pronoun stands for the name just before it ("which" only for a body).
            if matches!(l.as_str(), "who" | "which") {
                if let Some(s) = self.antecedent(s_start.saturating_add(n.start), l == "who") {
                    return Some(s);
                }
            }
            // "The Pentagon chief dismissed … and called … “unrealistic”": a verb joined to
            // an earlier verb of speech shares its subject.
            if matches!(l.as_str(), "and" | "but") {
                let earlier = bw
                    .iter()
                    .rfind(|w| w.end <= n.start && is_speech_verb(w.text));
                if let Some(e) = earlier {
                    let s = self.subject_before(s_start, s_start.saturating_add(e.start));
                    if s.as_ref().is_some_and(|s| *s != Subject::Unnamed) {
                        return s;
                    }
                }
            }
            let at = s_start.saturating_add(n.end);
            let mut gap = self.text.get(at..verb_at).unwrap_or(",");
            // "Ben Stephenson, controller of BBC Drama said": the name ends an apposition;
            // "Rob Enderle of Enderle Group in Silicon Valley said": a preposition's object.
            let upto = before.get(..n.start).unwrap_or("");
            let clause = upto
                .get(..upto.rfind(',').map_or(0, |c| c.saturating_add(1)))
                .unwrap_or("");
            let clause_rest = before.get(clause.len()..n.start).unwrap_or("");
            let opens_lower = words(clause_rest)
                .first()
                .or(Some(n))
                .is_some_and(|w| w.text.chars().next().is_some_and(char::is_lowercase))
                && !clause.is_empty();
            // The word before the name that ends there ("… in Silicon Valley said"), else
            // before the word.
            let name_start = self
                .mentions
                .iter()
                .find(|m| m.end == s_start.saturating_add(n.end) && m.start >= s_start)
                .map_or(n.start, |m| m.start.saturating_sub(s_start));
            let prev = bw
                .iter()
                .rev()
                .find(|w| w.end <= name_start)
                .map(|w| w.text);
            let object = prev.is_some_and(|p| {
                matches!(
                    p,
                    "in" | "of" | "at" | "from" | "for" | "with" | "on" | "by"
                )
            });
            if opens_lower || object {
                gap = ",";
            }
            // A place that is the whole subject speaks for its government ("10 Downing
            // Street said", "…, Moscow said"); not one inside a longer subject.
            let whole_subject = |m: &Mention| {
                let lead = self.text.get(s_start..m.start).unwrap_or("");
                let clause = lead
                    .rfind([',', ';', ':', '"', '\u{201C}', '\u{201D}'])
                    .map_or(s_start, |k| s_start.saturating_add(k).saturating_add(1));
                self.alone_in(clause, m.end, m)
            };
            if let Some(mi) = self.mentions.iter().enumerate().position(|(i, m)| {
                m.end == at
                    && self.usable(i)
                    && !gap.contains([',', ';', ':'])
                    && (m.kind != Some(EntityKind::Place) || whole_subject(m))
                    && !self.is_possessive(m)
            }) {
                return Some(Subject::Named(mi));
            }
            // "X said …, adding": the subject of the sentence.
            if matches!(l.as_str(), "and" | "but") || before.trim_end().ends_with(',') {
                let participle = self
                    .text
                    .get(verb_at..)
                    .and_then(|r| r.split(|c: char| !c.is_alphanumeric()).next())
                    .is_some_and(|w| w.ends_with("ing"));
                if participle || matches!(l.as_str(), "and" | "but") {
                    if let Some(x) = self
                        .speech
                        .iter()
                        .rev()
                        .find(|x| x.0 >= s_start && x.0 < verb_at)
                    {
                        return Some(Subject::Named(x.2));
                    }
                    if let Some(mi) = self.mentions.iter().enumerate().position(|(i, m)| {
                        self.usable(i)
                            && m.start >= s_start
                            && m.end <= verb_at
                            && matches!(m.kind, Some(EntityKind::Person) | None)
                            && !self.is_possessive(m)
                    }) {
                        return Some(Subject::Named(mi));
                    }
                }
            }
        }
        // Clauses split at commas and the like; an apposition ("his Republican rival",
        // "who managed …", "director of X") is skipped for the name before it.
        // (offset, bytes to skip, whether a clause of its own opens there).
        let mut cuts: Vec<(usize, usize, bool)> = before
            .char_indices()
            .filter(|(_, c)| matches!(c, ',' | ';' | ':' | '(' | ')' | '\u{2014}' | '\u{2013}'))
            .map(|(i, c)| (s_start.saturating_add(i), c.len_utf8(), false))
            .collect();
        // "… said she heard a loud sound before her daughter cried out “…”": the verb's
        // subject is in the clause its subordinator opens.
        cuts.extend(
            bw.iter()
                .filter(|w| is_subordinator(w.text))
                .map(|w| (s_start.saturating_add(w.start), w.text.len(), true)),
        );
        cuts.sort_unstable();
        cuts.insert(0, (s_start, 0, false));
        let mut hi = verb_at;
        let mut fallback = None;
        for (k, &(lo, skip, clause)) in cuts.iter().enumerate().rev() {
            let seg_lo = lo.saturating_add(skip);
            let seg = self.text.get(seg_lo..hi).unwrap_or("");
            let next_to_verb = hi == verb_at;
            hi = lo;
            let sw = words(seg);
            let (Some(first), Some(last)) = (sw.first(), sw.last()) else {
                continue;
            };
            let first_l = first.text.to_lowercase();
            let pronoun = matches!(first_l.as_str(), "he" | "she" | "they" | "it");
            let ends_in_name = self
                .mentions
                .iter()
                .any(|m| m.end == seg_lo.saturating_add(last.end) && !self.is_possessive(m));
            let subject = self.np_subject(seg_lo, seg_lo.saturating_add(seg.len()), true);
            if clause && next_to_verb {
                return subject;
            }
            // "… from two boats, the navy said", "…, Indian officials said": a description
            // right before the verb, after a clause that does not end in a name, is the
            // subject, not an apposition to a name inside the reported words.
            let after_name = || {
                self.mentions.iter().any(|m| {
                    self.text
                        .get(m.end..lo)
                        .is_some_and(|g| g.chars().all(char::is_whitespace))
                })
            };
            // Officials are many: no apposition to one name ("… Peninsula, Indian officials
            // said").
            let officials = last.text.chars().all(char::is_lowercase)
                && last.text.ends_with('s')
                && ROLES.contains(&last.text.to_lowercase().as_str());
            let description = || matches!(first_l.as_str(), "the" | "a" | "an") && !after_name();
            if next_to_verb && k > 0 && sw.len() <= 4 && (officials || description()) {
                return subject.or(Some(Subject::Unnamed));
            }
            // "Sister Carol Keehan, DC, said": letters after a person's name are no speaker.
            let letters = sw.len() == 1
                && first.is_all_caps()
                && first.text.chars().count() <= 3
                && cuts.get(k.wrapping_sub(1)).is_some_and(|&(plo, pskip, _)| {
                    self.mentions.iter().enumerate().any(|(i, m)| {
                        m.end == lo
                            && m.start >= plo.saturating_add(pskip)
                            && m.kind == Some(EntityKind::Person)
                            && self.usable(i)
                    })
                });
            let apposition =
                k > 0 && (letters || !(pronoun || (first.is_capitalised() && ends_in_name)));
            if apposition {
                if fallback.is_none() {
                    fallback = subject;
                }
                continue;
            }
            return match subject {
                Some(Subject::Named(mi)) => Some(Subject::Named(mi)),
                Some(s) => fallback.or(Some(s)),
                None => fallback,
            };
        }
        fallback
    }

    /// The name a relative pronoun at `pos` stands for: the mention that ends right before
    /// it, a comma between at most; a person for "who", an organisation for "which".
    fn antecedent(&self, pos: usize, person: bool) -> Option<Subject> {
        let mi = self.mentions.iter().enumerate().rposition(|(i, m)| {
            let gap = self.text.get(m.end..pos).unwrap_or("x");
            let adjacent = gap.chars().all(|c| c == ',' || c.is_whitespace());
            let kind_fits = if person {
                self.is_person_like(i)
            } else {
                self.usable(i) && m.kind == Some(EntityKind::Organisation)
            };
            m.end <= pos && adjacent && kind_fits && !self.is_possessive(m)
        })?;
        Some(Subject::Named(mi))
    }

    /// The speaker named after a verb or "according to", from `from` up to the first comma
    /// or the end of the clause: the first person named, else the first organisation.
    fn subject_after(&self, from: usize, limit: usize) -> Option<Subject> {
        let rest = self.text.get(from..limit.max(from))?;
        let trimmed = rest.trim_start_matches(|c: char| !c.is_alphanumeric());
        let lo = from.saturating_add(rest.len().saturating_sub(trimmed.len()));
        let hi = lo.saturating_add(
            trimmed
                .find([',', '.', ';', ':', '(', '\u{201C}', '"', '\u{2014}', '\n'])
                .unwrap_or(trimmed.len()),
        );
        // "said Dr. Alsip": a title's period is not the end.
        let hi = if self.text.get(hi..hi.saturating_add(1)) == Some(".") {
            self.mentions
                .iter()
                .filter(|m| m.start >= lo && m.start <= hi.saturating_add(2) && m.end > hi)
                .map(|m| m.end)
                .max()
                .unwrap_or(hi)
        } else {
            hi
        };
        let sw = words(self.text.get(lo..hi).unwrap_or(""));
        if sw.len() > 12 {
            return None;
        }
        // "added Immelman who follows … Gary Player": the phrase ends at a relative clause
        // or a preposition that follows a name.
        let named_before = |at: usize| {
            self.mentions
                .iter()
                .enumerate()
                .any(|(i, m)| self.usable(i) && m.start >= lo && m.end <= at)
        };
        let hi = sw
            .iter()
            .find(|w| {
                matches!(
                    w.text,
                    "who"
                        | "which"
                        | "that"
                        | "in"
                        | "at"
                        | "on"
                        | "after"
                        | "during"
                        | "when"
                        | "while"
                        | "as"
                        | "from"
                        | "before"
                ) && named_before(lo.saturating_add(w.start))
            })
            .map_or(hi, |w| lo.saturating_add(w.start));
        self.np_subject(lo, hi, false)
    }

    /// Whether mention `m` is all of the phrase `lo..hi`, but for "the" and a number before it
    /// ("10 Downing Street", "the Kremlin"): a place alone as the subject before a speech verb
    /// speaks for its government; a place inside a longer phrase ("a spokesman in Moscow") does
    /// not speak. (After the quotation, "…,” Trump said … in Palm Beach, Fla." showed that a
    /// trailing phrase is too loose for this.)
    fn alone_in(&self, lo: usize, hi: usize, m: &Mention) -> bool {
        let before = words(self.text.get(lo..m.start).unwrap_or(""));
        let after = words(self.text.get(m.end..hi).unwrap_or(""));
        after.is_empty()
            && before.iter().all(|w| {
                w.text.eq_ignore_ascii_case("the") || w.text.chars().all(|c| c.is_ascii_digit())
            })
    }

    /// Who a noun phrase at `lo..hi` names. `last`: take the last name (subject before its
    /// verb: "Putin's spokesman Dmitry Peskov"), else the first ("said Lisa Su of AMD").
    fn np_subject(&self, lo: usize, hi: usize, last: bool) -> Option<Subject> {
        let inside: Vec<usize> = (0..self.mentions.len())
            .filter(|&i| {
                let Some(m) = self.mentions.get(i) else {
                    return false;
                };
                // Not the object of a preposition ("a resident of Colorado Springs"). Only
                // mentions inside the phrase are looked at: the words before one run from `lo`.
                let object = || {
                    words(self.text.get(lo..m.start).unwrap_or(""))
                        .last()
                        .is_some_and(|w| {
                            matches!(
                                w.text,
                                "in" | "of" | "at" | "from" | "for" | "with" | "on" | "by"
                            )
                        })
                };
                m.start >= lo
                    && m.end <= hi
                    && self.usable(i)
                    && m.kind != Some(EntityKind::Place)
                    && m.name.chars().next().is_some_and(char::is_uppercase)
                    && !object()
            })
            .collect();
        let plain: Vec<usize> = inside
            .iter()
            .copied()
            .filter(|&i| !self.mentions.get(i).is_some_and(|m| self.is_possessive(m)))
            .collect();
        let person = |i: &&usize| self.is_person_like(**i);
        let titled = |i: &&usize| {
            self.mentions
                .get(**i)
                .is_some_and(|m| m.kind == Some(EntityKind::Person))
        };
        let pick = if last {
            plain.iter().rfind(person).or(plain.last())
        } else {
            plain
                .iter()
                .find(titled)
                .or(plain.iter().find(person))
                .or(plain.first())
        };
        if let Some(&mi) = pick {
            // "A Mobinil customer service representative told …", "a Bukit Sama village
            // resident": one unnamed person of that body or place, not its voice (a role such
            // as "a Surrey Police spokeswoman" speaks for the body).
            let indefinite = words(self.text.get(lo..hi).unwrap_or(""))
                .first()
                .is_some_and(|w| matches!(w.text, "a" | "an" | "A" | "An"));
            let owner = self.mentions.get(mi).filter(|m| !self.is_possessive(m));
            if let Some(m) = owner.filter(|_| indefinite) {
                let rest = self.text.get(m.end..hi).unwrap_or("");
                let nouns = words(rest);
                let plain = rest
                    .chars()
                    .all(|c| c.is_alphanumeric() || c == ' ' || c == '-');
                let head_is_role = nouns
                    .last()
                    .is_some_and(|w| ROLES.contains(&w.text.to_lowercase().as_str()));
                if plain
                    && !nouns.is_empty()
                    && nouns.iter().all(|w| w.text.chars().all(char::is_lowercase))
                    && !head_is_role
                {
                    return Some(Subject::Unnamed);
                }
            }
            // "The Pentagon chief", "Kremlin spokesman": a body's name before a role is a
            // person described by that role, not the body.
            if !self.is_person_like(mi) {
                if let Some(role) = self.role_after(mi, hi) {
                    let definite = words(self.text.get(lo..hi).unwrap_or(""))
                        .first()
                        .is_some_and(|w| w.text.eq_ignore_ascii_case("the"));
                    if let Some(p) = self.described(lo, &role, definite) {
                        return Some(Subject::Named(p));
                    }
                }
            }
            return Some(Subject::Named(mi));
        }
        // "Nielsen's statement read": the owner speaks, unless a role stands between
        // ("Putin's spokesman said").
        if let Some((mi, m)) = inside
            .last()
            .and_then(|&mi| Some((mi, self.mentions.get(mi)?)))
        {
            let next = words(self.text.get(m.end..hi).unwrap_or(""));
            let role = next.first().is_some_and(|w| {
                let l = w.text.to_lowercase();
                ROLES.contains(&l.as_str()) || super::gazetteer::is_title(&l)
            });
            if !role {
                return Some(Subject::Named(mi));
            }
            return Some(Subject::Unnamed);
        }
        let sw = words(self.text.get(lo..hi).unwrap_or(""));
        let first = sw.first()?;
        let l = first.text.to_lowercase();
        match l.as_str() {
            "he" | "she" | "they" | "it" => {
                Some(Subject::Pronoun(lo.saturating_add(first.start), l))
            }
            "the" | "this" => sw
                .last()
                .filter(|w| w.text.chars().all(char::is_lowercase) && sw.len() > 1)
                .map(|w| Subject::Definite(lo.saturating_add(first.start), w.text.to_lowercase())),
            _ if first.text.chars().all(char::is_lowercase) => Some(Subject::Unnamed),
            _ => None,
        }
    }

    /// The role word right after a mention, inside the phrase ending at `hi` ("Pentagon
    /// chief", "Foreign Ministry spokeswoman").
    fn role_after(&self, mi: usize, hi: usize) -> Option<String> {
        let m = self.mentions.get(mi)?;
        let next = words(self.text.get(m.end..hi.max(m.end)).unwrap_or(""));
        let w = next.first()?;
        let l = w.text.to_lowercase();
        let adjacent = self
            .text
            .get(m.end..m.end.saturating_add(w.start))
            .is_some_and(|g| g.chars().all(char::is_whitespace));
        (adjacent
            && w.text.chars().all(char::is_lowercase)
            && (ROLES.contains(&l.as_str()) || super::gazetteer::is_title(&l)))
        .then_some(l)
    }

    /// The mention a subject stands for.
    fn resolve(&self, subject: &Subject) -> Option<usize> {
        match subject {
            Subject::Named(mi) => Some(*mi),
            Subject::Unnamed => None,
            Subject::Pronoun(pos, p) => self.resolve_pronoun(*pos, p),
            Subject::Definite(pos, noun) => self.described(*pos, noun, true),
        }
    }

    /// The person a description at `pos` ending in `noun` stands for: the last person
    /// introduced by that word ("Judge …", "… the judge"); else, for a definite office with
    /// no owner ("the Pentagon chief", not "the church's minister" nor "the official"), the
    /// one person named with a title just before.
    fn described(&self, pos: usize, noun: &str, definite: bool) -> Option<usize> {
        // "the agency" after "the International Atomic Energy Agency": the last body whose
        // name ends in that word.
        let si = self.sentence_of(pos).unwrap_or(0);
        let named = definite
            .then(|| {
                self.mentions.iter().enumerate().rposition(|(i, m)| {
                    m.end <= pos
                        && m.sentence.saturating_add(10) >= si
                        && m.kind == Some(EntityKind::Organisation)
                        && self.usable(i)
                        && last_token(&m.name) == noun
                })
            })
            .flatten();
        if named.is_some() {
            return named;
        }
        self.mentions
            .iter()
            .enumerate()
            .filter(|(i, m)| m.end <= pos && m.kind != Some(EntityKind::Place) && self.usable(*i))
            .rfind(|(_, m)| {
                let s_lo = self
                    .article
                    .sentences
                    .get(m.sentence)
                    .map_or(m.start, |s| s.start);
                // The word itself just before the name ("Judge Bodiford", "the judge, James
                // Bodiford"), not a word of the clause before ("The company has built
                // specialized ASIC chips").
                words(self.text.get(s_lo..m.start).unwrap_or(""))
                    .iter()
                    .rev()
                    .take(3)
                    .any(|w| w.text.eq_ignore_ascii_case(noun))
            })
            .map(|(i, _)| i)
            .or_else(|| {
                let np = self.text.get(pos..).unwrap_or("");
                let np = np.get(..np.find(noun).unwrap_or(0)).unwrap_or("");
                let owned = np.contains("'s ") || np.contains("\u{2019}s ");
                (definite && !owned)
                    .then(|| self.titled_person_before(pos, noun))
                    .flatten()
            })
            .or_else(|| {
                // "According to the company": the last body named in the sentence or the three
                // before, when the noun names a kind of body.
                // "SeaMicro says … According to the company, …": the last body that spoke in
                // the sentence or the three before; only for "the" and the noun alone ("the
                // Australian government" is not the last body, "the navy" not a ship named).
                let np = words(self.text.get(pos..).unwrap_or(""));
                let bare = np
                    .first()
                    .is_some_and(|w| w.text.eq_ignore_ascii_case("the"))
                    && np.get(1).is_some_and(|w| w.text.eq_ignore_ascii_case(noun));
                if !(definite && bare && is_body_noun(noun)) {
                    return None;
                }
                // Not a preposition's object ("the Gulf of Aden").
                let object = |m: &Mention| {
                    words(tail(self.text.get(..m.start).unwrap_or(""), 40))
                        .last()
                        .is_some_and(|w| {
                            matches!(
                                w.text,
                                "in" | "of" | "at" | "from" | "for" | "with" | "on" | "by"
                            )
                        })
                };
                let body = |i: usize| {
                    self.mentions.get(i).is_some_and(|m| {
                        !object(m)
                            && m.end <= pos
                            && m.sentence.saturating_add(3) >= si
                            && self.usable(i)
                            && !self.is_possessive(m)
                            && (m.kind == Some(EntityKind::Organisation)
                                || (m.kind.is_none() && !m.name.contains(' ')))
                    })
                };
                self.speech
                    .iter()
                    .rev()
                    .find(|x| x.0 < pos && body(x.2))
                    .map(|x| x.2)
            })
    }

    /// "Defense Secretary Pete Hegseth spoke … The Pentagon chief called …": a role
    /// description with no one introduced by that word stands for the one person named with
    /// a title in its sentence or the two before, if there is exactly one.
    fn titled_person_before(&self, pos: usize, noun: &str) -> Option<usize> {
        // Offices held by one person; spokesmen and officials are many and often unnamed.
        let many = matches!(
            noun,
            "official"
                | "officials"
                | "officer"
                | "spokesman"
                | "spokeswoman"
                | "spokesperson"
                | "adviser"
                | "advisor"
                | "deputy"
                | "envoy"
        );
        if many || !(ROLES.contains(&noun) || super::gazetteer::is_title(noun)) {
            return None;
        }
        let si = self.sentence_of(pos)?;
        let titled: BTreeSet<String> = self
            .mentions
            .iter()
            .enumerate()
            .filter(|(i, m)| {
                m.end <= pos
                    && m.sentence.saturating_add(2) >= si
                    && m.kind == Some(EntityKind::Person)
                    && !m.guessed
                    && self.usable(*i)
            })
            .map(|(_, m)| last_token(&m.name))
            .collect();
        if titled.len() != 1 {
            return None;
        }
        self.mentions.iter().enumerate().rposition(|(i, m)| {
            m.end <= pos
                && m.sentence.saturating_add(2) >= si
                && m.kind == Some(EntityKind::Person)
                && !m.guessed
                && self.usable(i)
        })
    }

    /// A pronoun at `pos`: the subject of its own sentence, else the last named speaker,
    /// else the last person named, each of a compatible gender; "they" and "it" only an
    /// organisation.
    fn resolve_pronoun(&self, pos: usize, pronoun: &str) -> Option<usize> {
        let si = self.sentence_of(pos)?;
        let s_start = self.article.sentences.get(si)?.start;
        let window = si.saturating_sub(4);
        if matches!(pronoun, "they" | "it") {
            return self
                .mentions
                .iter()
                .enumerate()
                .filter(|(i, m)| {
                    m.end <= pos && m.sentence.saturating_add(1) >= si && self.usable(*i)
                })
                .rfind(|(_, m)| m.kind == Some(EntityKind::Organisation))
                .map(|(i, _)| i)
                .or_else(|| {
                    // "The United States issued a statement … what it called “…”": a country
                    // that is its sentence's subject speaks for its government.
                    let (i, m) = self
                        .mentions
                        .iter()
                        .enumerate()
                        .find(|(_, m)| m.sentence == si)?;
                    let opening = self.text.get(s_start..m.start).is_some_and(|b| {
                        words(b).iter().all(|w| w.text.eq_ignore_ascii_case("the"))
                    });
                    (pronoun == "it"
                        && opening
                        && m.end <= pos
                        && self.usable(i)
                        && m.kind == Some(EntityKind::Place)
                        && !self.is_possessive(m))
                    .then_some(i)
                });
        }
        let want = pronoun_gender(pronoun).unwrap_or(Gender::Unknown);
        let fits = |mi: usize| {
            let g = self.gender_of(mi);
            g == Gender::Unknown || want == Gender::Unknown || g == want
        };
        // The named speaker of its own sentence, then of the sentence before ("…, said Oscar
        // producer Laurence Mark, explaining … what he called “…”"; "When the attack came on
        // the Prep C girls school, Mr Ging said … / “…,” he said").
        for sentence in [Some(si), si.checked_sub(1)].into_iter().flatten() {
            if let Some(x) = self.speech.iter().rev().find(|x| {
                // Named there, not a pronoun resolved further back ("When she says
                // something, he responds").
                x.0 < pos
                    && x.1 == sentence
                    && self
                        .mentions
                        .get(x.2)
                        .is_some_and(|m| m.sentence == sentence)
                    && self.is_person_like(x.2)
                    && self.named_speaker(x.0, x.2)
                    && fits(x.2)
            }) {
                return Some(x.2);
            }
        }
        if let Some(mi) = (0..self.mentions.len()).find(|&i| {
            let Some(m) = self.mentions.get(i) else {
                return false;
            };
            m.start >= s_start
                && m.end <= pos
                && self.is_person_like(i)
                && !self.is_possessive(m)
                && fits(i)
        }) {
            return Some(mi);
        }
        // The subject of the sentence before ("Mr. LaRue guessed … / “…,” he said"), past
        // sentences that name no one and go on with the same pronoun ("President Donald Trump
        // whipped himself … Shortly after …, he mobilized … He railed against …").
        let mut back = si.checked_sub(1);
        for _ in 0..2 {
            let Some(j) = back else { break };
            let names = self
                .mentions
                .iter()
                .enumerate()
                .any(|(i, m)| m.sentence == j && self.is_person_like(i));
            let same = self
                .article
                .sentences
                .get(j)
                .and_then(|r| self.text.get(r.clone()))
                .is_some_and(|t| {
                    !t.contains(['"', '\u{201C}'])
                        && words(t)
                            .iter()
                            .any(|w| w.text.eq_ignore_ascii_case(pronoun))
                });
            // A sentence where someone speaks ("But he said he understood why.") is left to
            // the speakers' rule below.
            if names || !same || self.speech.iter().any(|x| x.1 == j) {
                break;
            }
            back = j.checked_sub(1);
        }
        if let Some(prev) = back {
            // The first person named, past an opening phrase and its bodies ("In the
            // interview with The Sun Herald, Mr. LaRue guessed …"), not a preposition's object.
            // The word before a mention is read from the sentence before `prev` on, not from
            // the start of the text: once per mention of the article, that was quadratic.
            let from = prev
                .checked_sub(1)
                .and_then(|k| self.article.sentences.get(k))
                .map_or(0, |r| r.start);
            let first = self.mentions.iter().enumerate().find(|(i, m)| {
                let object = || {
                    words(self.text.get(from..m.start).unwrap_or(""))
                        .last()
                        .is_some_and(|w| {
                            matches!(w.text, "in" | "of" | "at" | "from" | "for" | "with" | "by")
                        })
                };
                m.sentence == prev && self.is_person_like(*i) && !self.is_possessive(m) && !object()
            });
            let opens = first.is_some_and(|(_, m)| {
                self.article
                    .sentences
                    .get(prev)
                    .and_then(|s| self.text.get(s.start..m.start))
                    .is_some_and(|b| words(b).len() <= 8 && !b.contains(['\u{201C}', '"']))
            });
            if let Some((i, _)) =
                first.filter(|(i, _)| opens && self.is_person_like(*i) && fits(*i))
            {
                return Some(i);
            }
        }
        // "When she says something, he responds": a speaker reached through a pronoun of the
        // other gender is not this one.
        let other_gender = |g: Gender| g != Gender::Unknown && want != Gender::Unknown && g != want;
        if let Some(x) = self.speech.iter().rev().find(|x| {
            x.0 < pos
                && x.1 >= window
                && self.is_person_like(x.2)
                && fits(x.2)
                && !other_gender(x.3)
        }) {
            return Some(x.2);
        }
        (0..self.mentions.len())
            .rev()
            .find(|&i| {
                self.mentions.get(i).is_some_and(|m| {
                    m.end <= pos && m.sentence >= window && self.is_person_like(i) && fits(i)
                })
            })
            .or_else(|| {
                // No one named for a few sentences: the last named speaker, if no other
                // person was named since ("…,” Trump said in Davos. …three sentences of
                // his words… / “…,” he said).
                let x = self.speech.iter().rev().find(|x| {
                    x.0 < pos && x.1.saturating_add(10) >= si && self.is_person_like(x.2)
                })?;
                if !self.named_speaker(x.0, x.2) {
                    return None;
                }
                let key = self.mentions.get(x.2).map(|m| last_token(&m.name));
                // Another person named since, not a preposition's object ("Trump said in
                // Davos").
                let other = self.mentions.iter().enumerate().any(|(i, m)| {
                    let object = || {
                        words(tail(self.text.get(..m.start).unwrap_or(""), 40))
                            .last()
                            .is_some_and(|w| matches!(w.text, "in" | "at" | "from"))
                    };
                    m.start > x.0
                        && m.end <= pos
                        && self.is_person_like(i)
                        && key.as_deref() != Some(last_token(&m.name).as_str())
                        && !object()
                });
                // Reached by, or referred to since by, a pronoun of the other gender ("…,” he
                // said. … what she called “…”).
                let as_other = self.speech.iter().any(|y| {
                    y.0 >= x.0
                        && y.0 < pos
                        && other_gender(y.3)
                        && self.mentions.get(y.2).map(|m| last_token(&m.name)) == key
                });
                (!other && !as_other && fits(x.2)).then_some(x.2)
            })
    }
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
        assert_eq!(got[4].1, "Dmitry Peskov");
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

    #[test]
    fn a_curly_quotation_closed_by_a_straight_mark_ends_there() {
        let a = article(
            "“They do have my blessing to discuss the end of the war,\" Trump said after welcoming Shinzo Abe to his estate.",
        );
        let ms = mentions(&a);
        let qs = quotes(&a, &ms);
        assert_eq!(qs.len(), 1, "{qs:?}");
        assert_eq!(
            qs[0].text,
            "They do have my blessing to discuss the end of the war"
        );
        assert_eq!(speaker_name(&ms, &qs[0]), "Trump");
        // A straight quotation inside a curly one does not close it.
        let a = article("“He called it \"a disgrace\" and left,” Trump said.");
        let qs = quotes(&a, &mentions(&a));
        assert_eq!(
            qs.first().map(|q| q.text.as_str()),
            Some("He called it \"a disgrace\" and left")
        );
    }

    #[test]
    fn odd_text_and_stray_mentions_give_parts_inside_the_text() {
        // Marks at the very ends, runs across paragraphs that never close, multi-byte text
        // next to the marks, and mentions pointing past the text (as a bug upstream would
        // give): every part is a range of the text in one of its sentences, every speaker a
        // mention given.
        for t in [
            "“",
            "\"",
            "“a”",
            "”“",
            "Ünïcödé “spoken — words here” said É.\n“Next",
            "“One two three\n\n“four five six”",
            "said “x” said",
            "“Yes, it is,” according to",
            "“We will go,” he said. “Yes.”",
            "The Kremlin said: \"the call lasted\" — \"",
        ] {
            let a = article(t);
            let stray = vec![Mention {
                sentence: 99,
                start: t.len() + 5,
                end: t.len() + 9,
                name: "Ghost Name".into(),
                kind: Some(EntityKind::Person),
                guessed: false,
            }];
            for ms in [mentions(&a), stray] {
                for q in quotes(&a, &ms) {
                    for p in &q.parts {
                        assert!(a.text.get(p.range.clone()).is_some(), "{t:?}");
                        assert!(p.sentence < a.sentences.len(), "{t:?}");
                    }
                    if let Speaker::Mention(i) = q.speaker {
                        assert!(i < ms.len(), "{t:?}");
                    }
                }
            }
        }
    }

    fn speakers(text: &str) -> Vec<(String, String)> {
        let a = article(text);
        let ms = mentions(&a);
        quotes(&a, &ms)
            .iter()
            .map(|q| (q.text.clone(), speaker_name(&ms, q)))
            .collect()
    }

    #[test]
    fn a_place_that_is_the_whole_subject_speaks_for_its_government() {
        let got = speakers(
            "Theresa May praised Trump. 10 Downing Street said in a statement: “He will hold bilateral talks with the Prime Minister during his visit.”\n\
             Vladimir Putin spoke. A spokesman in Moscow said: “The talks were useful.”",
        );
        assert_eq!(got[0].1, "Downing Street", "{got:?}");
        // A place inside a longer subject, after a preposition, is not the speaker.
        assert_ne!(got[1].1, "Moscow", "{got:?}");
    }

    #[test]
    fn appositions_are_skipped_for_the_name_before_them() {
        let got = speakers(
            "Mike Pence, his Republican rival, said that the plan would “flout American power and hand our rivals a win.”\n\
             Bill Hyers, who managed Mayor Bill de Blasio's campaign, said, “It was a long night for everyone in the room.”\n\
             “It was a long night for all of us,” said Bill Hyers, who managed Mayor Bill de Blasio's campaign.",
        );
        assert_eq!(got[0].1, "Mike Pence", "{got:?}");
        assert_eq!(got[1].1, "Bill Hyers", "{got:?}");
        assert_eq!(got[2].1, "Bill Hyers", "{got:?}");
    }

    #[test]
    fn organisations_speak_places_and_unnamed_people_do_not() {
        let got = speakers(
            "“We will respond to this in due course,” the Kremlin said.\n\
             “The shaking went on and on for a minute,” a resident of Colorado Springs said.\n\
             “It was terrifying to see the flames,” a neighbour said.",
        );
        assert_eq!(got[0].1, "Kremlin", "{got:?}");
        assert_eq!(got[1].1, "<unknown>", "{got:?}");
        assert_eq!(got[2].1, "<unknown>", "{got:?}");
    }

    #[test]
    fn pronouns_need_a_matching_gender() {
        let got = speakers(
            "Ms. Clinton spoke first at the rally. Mr. Sanders answered questions later.\n\
             “We will win this state in November,” she said.\n\
             “We will win it by a mile, believe me,” he said.",
        );
        assert_eq!(got[0].1, "Clinton", "{got:?}");
        assert_eq!(got[1].1, "Sanders", "{got:?}");
    }

    #[test]
    fn quotes_on_following_lines_keep_their_speaker() {
        let got = speakers(
            "Owen said the fire was highly suspicious.\n\
             “The building was empty at the time of the fire.”\n\
             “Nobody was inside when it started, and nobody was hurt.”",
        );
        assert_eq!(got.len(), 2, "{got:?}");
        assert!(got.iter().all(|g| g.1 == "Owen"), "{got:?}");
    }

    #[test]
    fn quoted_titles_and_nicknames_are_not_speech() {
        let got = speakers(
            "Chris Weitz will direct “New Moon,” the sequel to “Twilight,” the studio said.\n\
             Mob boss Vincent \"The Chin\" Gigante died on Monday.\n\
             Mob boss Vincent \"the Chin\" Gigante died on Monday.\n\
             “Unrealistic,” Hegseth said.",
        );
        assert_eq!(
            got,
            vec![("Unrealistic".to_string(), "Hegseth".to_string())]
        );
    }

    #[test]
    fn characterising_verbs_relative_pronouns_and_offices_give_the_speaker() {
        let got = speakers(
            "Defense Secretary Pete Hegseth spoke in Brussels on Wednesday.\n\
             The Pentagon chief dismissed the plan and called the hopes of the allies “unrealistic.” He left.\n\
             The talks coincided with comments from Senator Mary Stone, who described the offer as “a trap.”\n\
             According to the church's minister, “We have no idea what caused it.”\n\
             Governor Tom Reed visited the town. “Several crucial minutes were lost,” the official said.",
        );
        assert_eq!(
            got[0],
            ("unrealistic".into(), "Pete Hegseth".into()),
            "{got:?}"
        );
        assert_eq!(got[1], ("a trap".into(), "Mary Stone".into()), "{got:?}");
        // Someone else's minister, and an official among many, are no one named.
        assert_eq!(got[2].1, "<unknown>", "{got:?}");
        assert_eq!(got[3].1, "<unknown>", "{got:?}");
    }

    #[test]
    fn a_body_before_a_role_is_the_body_unless_the_role_was_introduced() {
        let got = speakers(
            "“The fire has destroyed the store,” a Surrey Police spokeswoman said.\n\
             Kremlin spokesman Dmitry Peskov spoke to reporters on Monday.\n\
             “We will respond in due course,” the Kremlin spokesman said.",
        );
        assert_eq!(got[0].1, "Surrey Police", "{got:?}");
        assert_eq!(got[1].1, "Dmitry Peskov", "{got:?}");
    }

    #[test]
    fn abbreviations_do_not_end_an_attribution_and_adjectives_are_no_verbs() {
        let got = speakers(
            "“Some people seemed quite concerned,” Mr. Pinder said.\n\
             “It was very good,” Mr. Youn said.\n\
             Palin went to apologize in case the estimated $1 million fire damages were “in any way connected to the attention.”",
        );
        assert_eq!(got[0].1, "Pinder", "{got:?}");
        assert_eq!(got[1].1, "Youn", "{got:?}");
        assert_eq!(got[2].1, "<unknown>", "{got:?}");
    }

    #[test]
    fn another_clause_or_an_unnamed_subject_is_not_the_speaker() {
        let got = speakers(
            "Defense attorneys objected to the tape as “highly prejudicial,” though Judge James Bodiford said jurors could hear it.\n\
             Armstead said she heard someone say, “He has a gun,” and ran inside.\n\
             The mother of a girl shot on an Albany street said she heard a bang before her daughter cried out “Mommy, I've been hit.”\n\
             “We are seeing some problems in our towers,” a Mobinil customer service representative told Daily News Egypt.\n\
             Firemen had to restrain a woman outside the bank, who wept and cried “my child, my child.”",
        );
        assert_eq!(got.len(), 5, "{got:?}");
        assert!(got.iter().all(|g| g.1 == "<unknown>"), "{got:?}");
        // A role still speaks for its body.
        let got = speakers("“We will look into it,” a Mobinil spokesman said.");
        assert_eq!(got[0].1, "Mobinil", "{got:?}");
    }

    #[test]
    fn pronouns_take_the_speaker_named_nearby() {
        let got = speakers(
            "When the attack came on the Prep C girls school on Tuesday, Mr Ging said 350 people were inside.\n\
             “The reason they were in the school is because they were told to go there,” he said.",
        );
        assert_eq!(got[0].1, "Ging", "{got:?}");
        let got = speakers(
            "“We get along very well,” Trump said on Tuesday. I respect the prime minister. She does a fine job. The feeling is mutual. We talk often.\n\
             “We are very much joined at the hip,” he said.",
        );
        assert_eq!(got[1].1, "Trump", "{got:?}");
        // A pronoun inside the quotation before the verb is not its subject.
        let got = speakers(
            "“They kick them when they are down,” said Janette Brimmer, an attorney with Earthjustice.",
        );
        assert_eq!(got[0].1, "Janette Brimmer", "{got:?}");
    }

    #[test]
    fn quotes_of_one_sentence_share_its_attribution_and_bodies_are_named_by_their_noun() {
        let got = speakers(
            "“Greece is a unique case” because of its “precarious debt dynamics” and because it “has cheated with its statistics for years,” EU Commissioner Olli Rehn said.",
        );
        assert_eq!(got.len(), 3, "{got:?}");
        assert!(got.iter().all(|g| g.1 == "Olli Rehn"), "{got:?}");
        let got = speakers(
            "The International Atomic Energy Agency showed member states evidence in 2015.\n\
             Files were taken by Mossad, the Israeli spy agency, in January.\n\
             In a statement, the agency said it “had no credible indications of activities after 2009.”",
        );
        assert_eq!(got[0].1, "International Atomic Energy Agency", "{got:?}");
    }

    #[test]
    fn inner_straight_quotes_and_names_used_before_a_noun() {
        let got = speakers(
            "President Donald Trump has been tracking the caravan.\n\
             \"Mexico has the power not to let these large \"Caravans\" of people enter their country,\" he tweeted.",
        );
        assert_eq!(got.len(), 1, "{got:?}");
        assert!(got[0].0.ends_with("enter their country"), "{got:?}");
        assert_eq!(got[0].1, "Donald Trump", "{got:?}");
        let got = speakers(
            "More than 60 people reported to USGS's \"Did you feel it?\" site.\n\
             The Reporter said “Moon,” which is expected to have a larger budget, opens in 2009.",
        );
        assert!(got.is_empty(), "{got:?}");
    }

    #[test]
    fn quotes_after_opinions_statements_and_titles() {
        // A pronoun goes back past a sentence that names no one and goes on with it.
        let got = speakers(
            "President Donald Trump whipped himself into a fury this month.\n\
             Shortly after learning about it, he mobilized the National Guard.\n\
             He railed against what he viewed as a “crisis” at the border.",
        );
        assert_eq!(got[0].1, "Donald Trump", "{got:?}");
        // The subject of a verb of issuing a statement speaks.
        let got = speakers(
            "A day later, Microsoft published a security advisory that “listed workarounds that blocked all known attacks.”",
        );
        assert_eq!(got[0].1, "Microsoft", "{got:?}");
        // A quoted title inside the attribution does not end it.
        let got = speakers(
            "“There will be a new director atop the franchise,” Entertainment Weekly's “Hollywood Insider” is reporting.",
        );
        assert_eq!(got[0].1, "Entertainment Weekly", "{got:?}");
        // A country that is its sentence's subject is "it".
        let got = speakers(
            "The United States issued a statement on Thursday condemning what it called “negative developments” between the nations.",
        );
        assert_eq!(got[0].1, "United States", "{got:?}");
    }

    #[test]
    fn partial_quotes_after_a_speakers_quote_and_bodies_named_by_a_noun() {
        let got = speakers(
            "“I thought it was just impossible to get a gift like this,” crowed Nvidia chief executive Jen-Hsun Huang.\n\
             ATI is “basically throwing in the towel, leaving us as the only company.”\n\
             The deal was “unprecedented.”",
        );
        assert_eq!(got.len(), 3, "{got:?}");
        assert_eq!(got[1].1, "Jen-Hsun Huang", "{got:?}");
        // A scare quote of a word or two is the reporter's, not the speaker's.
        assert_eq!(got[2].1, "<unknown>", "{got:?}");
        // "the company": the last body that spoke just before.
        let got = speakers(
            "Whatever processor it uses, SeaMicro says, it can save power.\n\
             The firm has built boards with little more than processors.\n\
             According to the company, this technology is “chip agnostic,” meaning it can be used with new chips.",
        );
        assert_eq!(got[0].1, "SeaMicro", "{got:?}");
        // "the navy" when no body spoke: no one, not a place or ship named nearby.
        let got = speakers(
            "An Indian ship, the MV Gibe, was attacked in the Gulf of Aden.\n\
             Last month, the navy said it had sunk a pirate “mother vessel” off Somalia.",
        );
        assert_eq!(got[0].1, "<unknown>", "{got:?}");
    }

    #[test]
    fn a_pronoun_is_not_the_one_a_pronoun_of_the_other_gender_stood_for() {
        let got = speakers(
            "“A good wife is trained for her husband,” Jeffs was heard saying.\n\
             Another tape was described in testimony from Nick Hanna, a Texas Ranger.\n\
             When she says something, he responds, “don't talk while praying.”",
        );
        assert_eq!(got[1].1, "Jeffs", "{got:?}");
        // A pronoun before a name is not that name's gender, and the one "he" stood for is no
        // later "she".
        let got = speakers(
            "May has come under fire for her outreach to Trump.\n\
             “We are joined at the hip,” Trump said in Davos.\n\
             The two leaders spoke for an hour.\n\
             They met again in the afternoon.\n\
             Their aides waited outside the room.\n\
             “There is nothing we won't do for you,” he said.\n\
             The prime minister was glowing in her praise of what she called a “really special relationship.”",
        );
        assert_eq!(got[1].1, "Trump", "{got:?}");
        assert_eq!(got[2].1, "<unknown>", "{got:?}");
    }

    #[test]
    fn speech_verbs_are_sorted() {
        assert!(SPEECH_VERBS.windows(2).all(|w| w[0] < w[1]));
    }
}
