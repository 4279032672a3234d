//! People, organisations and places: found per article by news-tuned heuristics
//! (capitalised runs, titles, cue words, a small gazetteer), then unified within a story
//! ("Mr. Trump" / "Donald Trump" / "Trump"; "Zelensky" / "Zelenskyy"; "Dmitry Peskov" /
//! "Dmitri S. Peskov").

use super::gazetteer::{
    is_calendar_word, is_demonym, is_known_demonym, is_known_org, is_name_connector, is_org_cue,
    is_place, is_place_cue_first, is_place_cue_last, is_state_abbreviation, is_title,
};
use super::words::{edit_distance, is_stop_word, strip_possessive, words, Word};
use crate::article::Article;
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet};

/// What an entity is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum EntityKind {
    /// A person.
    Person,
    /// A company, agency, party, government body, outlet.
    Organisation,
    /// A country, region or town.
    Place,
}

impl EntityKind {
    /// "person", "organisation" or "place".
    pub fn as_str(self) -> &'static str {
        match self {
            EntityKind::Person => "person",
            EntityKind::Organisation => "organisation",
            EntityKind::Place => "place",
        }
    }
}

/// One mention of a name in an article.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mention {
    /// Sentence index.
    pub sentence: usize,
    /// Byte offset in the article's text.
    pub start: usize,
    /// Byte offset just after it.
    pub end: usize,
    /// The name without titles and possessive ("Dmitri S. Peskov").
    pub name: String,
    /// Its kind when the context says (a title makes a person); `None` for a lone
    /// capitalised word that only unification can place.
    pub kind: Option<EntityKind>,
    /// The kind is a guess (two to four capitalised words with no title or cue: a person).
    pub guessed: bool,
}

/// Finds the names an article mentions, in text order.
pub fn mentions(article: &Article) -> Vec<Mention> {
    let lower_vocab = lower_case_words(&article.text);
    let mut out = Vec::new();
    for (si, range) in article.sentences.iter().enumerate() {
        let Some(text) = article.text.get(range.clone()) else {
            continue;
        };
        for m in sentence_mentions(text, &lower_vocab) {
            out.push(Mention {
                sentence: si,
                start: range.start.saturating_add(m.start),
                end: range.start.saturating_add(m.end),
                name: m.name,
                kind: m.kind,
                guessed: m.guessed,
            });
        }
    }
    out
}

struct Found {
    start: usize,
    end: usize,
    name: String,
    kind: Option<EntityKind>,
    guessed: bool,
}

/// Names in one sentence. `lower_vocab`: words the article also writes in lower case (a
/// sentence-initial "Following" is then not a name).
fn sentence_mentions(text: &str, lower_vocab: &BTreeSet<String>) -> Vec<Found> {
    let ws = words(text);
    if is_heading(&ws) {
        return Vec::new();
    }
    let mut out = Vec::new();
    for run in runs(text, &ws, lower_vocab) {
        let before = out.len();
        classify_run(&run, &mut out);
        if out.len() == before {
            if let Some(f) = title_as_surname(&ws, &run) {
                out.push(f);
            }
        }
    }
    for f in out.iter_mut().filter(|f| f.kind.is_none() || f.guessed) {
        if let Some(kind) = kind_from_context(text, &ws, f) {
            f.kind = Some(kind);
            f.guessed = false;
        }
    }
    out
}

/// The kind the words around a name give when the name itself says nothing (a lone word, or
/// two to four capitalised words guessed to be a person): "in Biloxi", "Biloxi, Miss.",
/// "Harrison County", "Mount Sefton" are places; "the San Diego Chargers" is not a person
/// (a determiner is not written before a person's full name).
fn kind_from_context(text: &str, ws: &[Word<'_>], f: &Found) -> Option<EntityKind> {
    let k = ws.iter().position(|w| w.start == f.start)?;
    let e = ws.iter().position(|w| w.end == f.end)?;
    let name: Vec<String> = ws
        .get(k..=e)?
        .iter()
        .map(|w| {
            strip_possessive(w.text)
                .trim_end_matches('.')
                .to_lowercase()
        })
        .collect();
    let possessive = ws
        .get(e)
        .is_some_and(|w| strip_possessive(w.text).len() != w.text.len());
    // The word right before the name, with only spaces between ("wheeled in,” Fares Ghanem"
    // has none).
    let prev = k
        .checked_sub(1)
        .and_then(|p| ws.get(p))
        .filter(|w| {
            text.get(w.end..f.start)
                .is_some_and(|g| g.chars().all(char::is_whitespace))
        })
        .map(|w| w.text.to_lowercase());
    // "prosecutor Kellie Hill": a title before the name makes it a person's.
    if prev.as_deref().is_some_and(is_title) {
        return None;
    }
    let (first, last) = (name.first()?, name.last()?);
    // "Mount Cook", "Aoraki Mount Cook", "Cook National Park": a cue word before another
    // word of the name, or at its end.
    let cue_inside = name
        .iter()
        .zip(name.iter().skip(1))
        .any(|(w, _)| is_place_cue_first(w));
    if name.len() >= 2 && (is_place_cue_last(last) || cue_inside) {
        return Some(EntityKind::Place);
    }
    // The state itself: "Biloxi, Miss., motel".
    if name.len() == 1
        && is_state_abbreviation(first)
        && text.get(..f.start).is_some_and(|t| t.ends_with(", "))
        && text.get(f.end..).is_some_and(|t| t.starts_with('.'))
    {
        return Some(EntityKind::Place);
    }
    // "in Biloxi", "near Santa Rosa": not "Trump's" after "in".
    if !possessive
        && prev
            .as_deref()
            .is_some_and(|p| matches!(p, "in" | "near" | "outside" | "throughout"))
    {
        return Some(EntityKind::Place);
    }
    // "Biloxi, Miss.", "Santa Rosa, California.": a name, a comma, then a state (abbreviated
    // with its period) or a country that closes the phrase; not "Jorge Alsip, MD," nor "Mark
    // Rockwell, California state representative".
    if text.get(f.end..).is_some_and(|t| t.starts_with(", ")) {
        // The sentence's own words after the comma.
        let next = ws.get(e.saturating_add(1)..).unwrap_or(&[]);
        let follows = |w: &Word<'_>| text.get(w.end..).and_then(|t| t.chars().next());
        let closes =
            |w: &Word<'_>| follows(w).is_none_or(|c| matches!(c, ',' | '.' | ';' | ':' | ')'));
        let abbreviation = next.first().is_some_and(|w| {
            follows(w) == Some('.') && is_state_abbreviation(&w.text.to_lowercase())
        });
        let one = next
            .first()
            .is_some_and(|w| closes(w) && is_place(&w.text.to_lowercase()));
        let two = match next {
            [a, b, ..] => closes(b) && is_place(&format!("{} {}", a.text, b.text).to_lowercase()),
            _ => false,
        };
        if abbreviation || one || two {
            return Some(EntityKind::Place);
        }
    }
    if name.len() >= 2 && f.guessed && prev.as_deref().is_some_and(|p| p == "the") {
        return Some(EntityKind::Organisation);
    }
    None
}

/// A lone title word that speaks with no determiner before it is a surname ("…,” King
/// said), not a title ("the King said").
fn title_as_surname(ws: &[Word<'_>], run: &[Word<'_>]) -> Option<Found> {
    let [w] = run else {
        return None;
    };
    let k = ws.iter().position(|x| x.start == w.start)?;
    let prev = k
        .checked_sub(1)
        .and_then(|p| ws.get(p))
        .map(|p| p.text.to_lowercase());
    let determined = prev.is_some_and(|p| {
        matches!(
            p.as_str(),
            "the" | "a" | "an" | "his" | "her" | "its" | "their" | "our" | "your" | "my" | "this"
        )
    });
    let speaks = ws.get(k.saturating_add(1)).is_some_and(|n| {
        matches!(
            n.text,
            "said" | "says" | "told" | "added" | "wrote" | "asked" | "explained"
        )
    });
    let lower = w.text.to_lowercase();
    (is_title(&lower) && !determined && speaks && strip_possessive(w.text) == w.text).then(|| {
        Found {
            start: w.start,
            end: w.end,
            name: w.text.to_string(),
            kind: None,
            guessed: false,
        }
    })
}

/// A title-case line ("Trump and Putin Pledge Cooperation"): most words capitalised.
fn is_heading(ws: &[Word<'_>]) -> bool {
    let content: Vec<&Word<'_>> = ws
        .iter()
        .filter(|w| !is_stop_word(&w.text.to_lowercase()))
        .collect();
    content.len() >= 3 && content.iter().all(|w| w.is_capitalised() || w.has_digit())
}

/// Runs of capitalised words (with connectors and initials), split at punctuation and at
/// possessives.
fn runs<'a>(text: &str, ws: &[Word<'a>], lower_vocab: &BTreeSet<String>) -> Vec<Vec<Word<'a>>> {
    let mut out: Vec<Vec<Word<'a>>> = Vec::new();
    let mut cur: Vec<Word<'a>> = Vec::new();
    for (k, w) in ws.iter().enumerate() {
        let lower = w.text.to_lowercase();
        let gap_ok = cur.last().is_some_and(|p: &Word<'_>| {
            joinable_gap(text.get(p.end..w.start).unwrap_or(""), p.text)
        });
        if !gap_ok && !cur.is_empty() {
            out.push(std::mem::take(&mut cur));
        }
        // "Sixty-year-old Sharron Smith": a spelled-out figure opens no name.
        let figure = w.text.contains('-') && super::parse::is_numberish(w);
        let capital = w.is_capitalised() && !w.has_digit() && !figure;
        let sentence_initial = k == 0;
        // "General Manager A. J. Smith": a capital letter and a period is an initial.
        let initial =
            w.text.chars().count() == 1 && text.get(w.end..).is_some_and(|t| t.starts_with('.'));
        // "Will Artino" mid-sentence: the first name, not the modal.
        let first_name = lower == "will"
            && !sentence_initial
            && ws
                .get(k.saturating_add(1))
                .is_some_and(|n| n.is_capitalised() && !is_stop_word(&n.text.to_lowercase()));
        let name_word = capital
            && (is_title(&lower) || !is_stop_word(&lower) || initial || first_name)
            && !is_calendar_word(&lower)
            && !(sentence_initial && (lower_vocab.contains(&lower) || lower.ends_with("ly")))
            && lower != "i";
        if name_word {
            let possessive = strip_possessive(w.text).len() != w.text.len();
            cur.push(w.clone());
            if possessive {
                out.push(std::mem::take(&mut cur));
            }
        } else if is_name_connector(&lower)
            && !cur.is_empty()
            && ws.get(k.saturating_add(1)).is_some_and(|n| {
                n.is_capitalised() && joinable_gap(text.get(w.end..n.start).unwrap_or(""), w.text)
            })
        {
            cur.push(w.clone());
        } else if !cur.is_empty() {
            out.push(std::mem::take(&mut cur));
        }
    }
    if !cur.is_empty() {
        out.push(cur);
    }
    for run in &mut out {
        while run
            .last()
            .is_some_and(|w| is_name_connector(&w.text.to_lowercase()))
        {
            run.pop();
        }
    }
    out.retain(|r| !r.is_empty());
    out
}

/// Between two words of one name: spaces only, or a period after an abbreviation or initial.
fn joinable_gap(gap: &str, prev: &str) -> bool {
    let g = gap.trim();
    if g.is_empty() {
        return !gap.contains('\n');
    }
    g == "." && (prev.chars().count() == 1 || is_title(&prev.to_lowercase()))
}

/// Turns a run into mentions: titles make people, cue words organisations, the gazetteer
/// places.
fn classify_run(run: &[Word<'_>], out: &mut Vec<Found>) {
    // Sequences of shouted words ("COMMON SENSE") are emphasis, not names.
    if run.len() >= 2
        && run
            .iter()
            .all(|w| w.is_all_caps() && w.text.chars().count() > 3)
    {
        return;
    }
    let lowers: Vec<String> = run
        .iter()
        .map(|w| {
            strip_possessive(w.text)
                .trim_end_matches('.')
                .to_lowercase()
        })
        .collect();
    // A name ending in a cue word is an organisation even with a title word inside it
    // ("Ukraine Defense Contact Group").
    if run.len() >= 2 && lowers.last().is_some_and(|l| is_org_cue(l)) {
        // "Analyst Rob Enderle of Enderle Group": a name, then the body after "of".
        if let Some((head, tail, head_lowers)) = split_at_of(run, &lowers) {
            if !head.is_empty() && !head_lowers.iter().any(|l| is_org_cue(l)) {
                classify_run(head, out);
                classify_run(tail, out);
                return;
            }
        }
        let skip = lowers.iter().take_while(|l| is_demonym(l)).count();
        return push(
            out,
            run.get(skip..).unwrap_or_default(),
            Some(EntityKind::Organisation),
        );
    }
    // The last title word; "of X" right after a title is part of it ("Secretary of State").
    let mut title_end = None;
    // `k` and `e` stay within `run.len()` (+ 1), so the sums cannot overflow; they saturate
    // all the same.
    let mut k = 0;
    while let Some(l) = lowers.get(k) {
        if is_title(l) {
            let mut e = k.saturating_add(1);
            if lowers.get(e).is_some_and(|l| l == "of") && e.saturating_add(2) < run.len() {
                e = e.saturating_add(2);
            }
            title_end = Some(e);
            k = e;
        } else {
            k = k.saturating_add(1);
        }
    }
    if let Some(e) = title_end {
        if e < run.len() {
            // Words before the title: a place or organisation may stand there ("CIA Director").
            let first_title = lowers.iter().position(|l| is_title(l)).unwrap_or(0);
            if first_title > 0 {
                let before = run.get(..first_title).unwrap_or_default();
                let name = join(before);
                let lower = name.to_lowercase();
                let shouted = matches!(before, [one] if one.is_all_caps());
                if shouted && !is_place(&lower) {
                    push(out, before, Some(EntityKind::Organisation));
                } else if is_place(&lower) {
                    push(out, before, Some(EntityKind::Place));
                } else if is_known_org(&lower) {
                    push(out, before, Some(EntityKind::Organisation));
                }
            }
            let rest = run.get(e..).unwrap_or_default();
            // "President Zelenskyy of Ukraine": the name, then a place.
            if let Some((head, tail, _)) = split_at_of(rest, &[]) {
                if !head.is_empty() {
                    push(out, head, Some(EntityKind::Person));
                    classify_run(tail, out);
                    return;
                }
            }
            push(out, rest, Some(EntityKind::Person));
        }
        return;
    }
    let name = join(run);
    let lower = name.to_lowercase();
    if is_place(&lower) {
        return push(out, run, Some(EntityKind::Place));
    }
    if is_known_org(&lower) {
        return push(out, run, Some(EntityKind::Organisation));
    }
    // "X of Y" without a cue on X: two names ("Zelenskyy of Ukraine").
    if let Some((head, tail, head_lowers)) = split_at_of(run, &lowers) {
        if !head_lowers.iter().any(|l| is_org_cue(l)) {
            classify_run(head, out);
            classify_run(tail, out);
            return;
        }
    }
    if lowers.iter().any(|l| is_org_cue(l)) {
        return push(out, run, Some(EntityKind::Organisation));
    }
    if run
        .iter()
        .any(|w| w.is_all_caps() && !is_place(&w.text.to_lowercase()))
    {
        return push(out, run, Some(EntityKind::Organisation));
    }
    // Leading adjectives of nationality are not part of a name ("Russian", "Ukrainian").
    let skip = lowers.iter().take_while(|l| is_demonym(l)).count();
    let run = run.get(skip..).unwrap_or_default();
    match run.len() {
        0 => {}
        1 => {
            if let Some(w) = run.first() {
                let l = strip_possessive(w.text).to_lowercase();
                if !is_demonym(&l) && w.text.chars().count() > 1 {
                    push(out, run, None)
                }
            }
        }
        // "South Sudanese", "Central Americans": a people, not a name (a surname may end in
        // "-ian": "Kim Kardashian").
        2..=4
            if lowers.last().is_some_and(|l| {
                let one = l.strip_suffix('s').unwrap_or(l);
                (is_demonym(one) && !one.ends_with("ian")) || is_known_demonym(one)
            }) => {}
        2..=4 if run.iter().all(|w| !w.is_all_caps()) => {
            push(out, run, Some(EntityKind::Person));
            if let Some(last) = out.last_mut() {
                last.guessed = true;
            }
        }
        _ => {}
    }
}

/// A run split at its first "of": the words before it, the words after it, and the first
/// `lowers` (the run's words in lower case, or fewer) of the words before; `None` without "of".
fn split_at_of<'r, 'a>(
    run: &'r [Word<'a>],
    lowers: &'r [String],
) -> Option<(&'r [Word<'a>], &'r [Word<'a>], &'r [String])> {
    let of = run.iter().position(|w| w.text == "of")?;
    let (head, from) = run.split_at_checked(of)?;
    let tail = from.get(1..)?;
    let head_lowers = lowers.get(..of.min(lowers.len()))?;
    Some((head, tail, head_lowers))
}

fn join(run: &[Word<'_>]) -> String {
    let mut s = String::new();
    for (k, w) in run.iter().enumerate() {
        if k > 0 {
            s.push(' ');
        }
        let t = if k.saturating_add(1) == run.len() {
            strip_possessive(w.text)
        } else {
            w.text
        };
        s.push_str(t);
        // Keep an initial's period ("Dmitri S. Peskov").
        if t.chars().count() == 1 && t.chars().all(char::is_uppercase) {
            s.push('.');
        }
    }
    s
}

fn push(out: &mut Vec<Found>, run: &[Word<'_>], kind: Option<EntityKind>) {
    let (Some(first), Some(last)) = (run.first(), run.last()) else {
        return;
    };
    let name = join(run);
    if name.chars().filter(|c| c.is_alphabetic()).count() < 2 {
        return;
    }
    out.push(Found {
        start: first.start,
        end: last.end,
        name,
        kind,
        guessed: false,
    });
}

/// Takes back guessed person names whose every word the story also writes in lower case
/// ("Artificial Intelligence" where another report says "artificial intelligence").
pub fn demote_common_words(mentions: &mut [Vec<Mention>], lower_vocab: &BTreeSet<String>) {
    for m in mentions.iter_mut().flatten() {
        if m.guessed
            && m.name
                .split(' ')
                .all(|t| lower_vocab.contains(&t.to_lowercase()))
        {
            m.kind = None;
            m.guessed = false;
        }
    }
}

/// Words an article writes in lower case.
pub fn lower_case_words(text: &str) -> BTreeSet<String> {
    words(text)
        .iter()
        .filter(|w| w.text.chars().next().is_some_and(char::is_lowercase))
        .map(|w| w.text.to_string())
        .collect()
}

/// An entity of a story: one canonical name for all the ways the reports write it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entity {
    /// The fullest common form ("Donald Trump").
    pub name: String,
    /// Person, organisation or place.
    pub kind: EntityKind,
    /// Every form seen, sorted ("Dmitri S. Peskov", "Dmitry Peskov", "Peskov").
    pub variants: Vec<String>,
}

/// How often a written form occurs, and the kinds its contexts gave it.
type FormStats = (usize, BTreeMap<EntityKind, usize>);

/// Unifies the mentions of a story's articles (`mentions[a]` for article `a`). Returns the
/// entities, sorted by name, and for each article and mention the entity index (`None` for a
/// mention that stays unplaced, such as a lone capitalised word of unknown kind).
pub fn unify(mentions: &[Vec<Mention>]) -> (Vec<Entity>, Vec<Vec<Option<usize>>>) {
    // Distinct names with counts and kind votes.
    let mut forms: BTreeMap<String, FormStats> = BTreeMap::new();
    for m in mentions.iter().flatten() {
        let e = forms.entry(m.name.clone()).or_default();
        e.0 = e.0.saturating_add(1);
        if let Some(k) = m.kind {
            let votes = e.1.entry(k).or_default();
            *votes = votes.saturating_add(1);
        }
    }
    // Longest names first, then the most frequent: they become the canonical forms.
    let mut order: Vec<(&String, &FormStats)> = forms.iter().collect();
    order.sort_by(|a, b| {
        key_tokens(b.0)
            .len()
            .cmp(&key_tokens(a.0).len())
            .then(b.1 .0.cmp(&a.1 .0))
            .then(a.0.cmp(b.0))
    });
    struct Group {
        forms: Vec<String>,
        tokens: Vec<String>,
        count: usize,
        kinds: BTreeMap<EntityKind, usize>,
    }
    let mut groups: Vec<Group> = Vec::new();
    let mut form_group: BTreeMap<String, usize> = BTreeMap::new();
    for (form, (count, kinds)) in order {
        let tokens = key_tokens(form);
        if tokens.is_empty() {
            continue;
        }
        let kind = top_kind(kinds);
        let best = groups
            .iter()
            .enumerate()
            .filter(|(_, g)| same_entity(&tokens, kind, &g.tokens, top_kind(&g.kinds)))
            .max_by(|a, b| a.1.count.cmp(&b.1.count).then(b.0.cmp(&a.0)))
            .map(|(i, _)| i);
        let gi = match best {
            Some(i) => i,
            None => {
                groups.push(Group {
                    forms: Vec::new(),
                    tokens,
                    count: 0,
                    kinds: BTreeMap::new(),
                });
                groups.len().saturating_sub(1)
            }
        };
        let Some(g) = groups.get_mut(gi) else {
            continue;
        };
        g.forms.push(form.clone());
        g.count = g.count.saturating_add(*count);
        for (k, n) in kinds {
            let votes = g.kinds.entry(*k).or_default();
            *votes = votes.saturating_add(*n);
        }
        form_group.insert(form.clone(), gi);
    }
    // Groups that found a kind become entities.
    let mut entities: Vec<(usize, Entity)> = Vec::new();
    for (gi, g) in groups.iter().enumerate() {
        let Some(kind) = top_kind(&g.kinds) else {
            continue;
        };
        // The most written full form (two words or more when there is one): "Robert
        // Buckley" over the rarer "Englishman Robert Buckley".
        let ntok = g.tokens.len();
        let full = |f: &String| key_tokens(f).len().min(2) == ntok.min(2);
        let name = g
            .forms
            .iter()
            .filter(|f| full(f))
            .max_by(|a, b| {
                let ca = forms.get(*a).map_or(0, |x| x.0);
                let cb = forms.get(*b).map_or(0, |x| x.0);
                ca.cmp(&cb)
                    .then(key_tokens(a).len().cmp(&key_tokens(b).len()))
                    .then(initials(b).cmp(&initials(a)))
                    .then(b.cmp(a))
            })
            .cloned()
            .unwrap_or_default();
        let mut variants = g.forms.clone();
        variants.sort();
        entities.push((
            gi,
            Entity {
                name,
                kind,
                variants,
            },
        ));
    }
    entities.sort_by(|a, b| a.1.name.cmp(&b.1.name).then(a.0.cmp(&b.0)));
    let index_of: BTreeMap<usize, usize> = entities
        .iter()
        .enumerate()
        .map(|(i, (gi, _))| (*gi, i))
        .collect();
    let assign = mentions
        .iter()
        .map(|ms| {
            ms.iter()
                .map(|m| {
                    form_group
                        .get(&m.name)
                        .and_then(|g| index_of.get(g))
                        .copied()
                })
                .collect()
        })
        .collect();
    (entities.into_iter().map(|(_, e)| e).collect(), assign)
}

fn initials(name: &str) -> usize {
    name.split(' ')
        .filter(|t| t.ends_with('.') && t.len() <= 3)
        .count()
}

fn top_kind(kinds: &BTreeMap<EntityKind, usize>) -> Option<EntityKind> {
    kinds
        .iter()
        .max_by(|a, b| a.1.cmp(b.1).then(b.0.cmp(a.0)))
        .map(|(k, _)| *k)
}

/// Lower-case tokens of a name for matching, without initials and connectors.
fn key_tokens(name: &str) -> Vec<String> {
    name.split(' ')
        .map(|t| t.trim_end_matches('.').to_lowercase())
        .filter(|t| t.chars().count() > 1 && !is_name_connector(t))
        .map(|t| t.chars().map(crate::normalize::fold_char).collect())
        .collect()
}

/// Spelling variants: equal, or one edit apart in a long enough word ("zelensky" /
/// "zelenskyy", "dmitry" / "dmitri").
fn variant(a: &str, b: &str) -> bool {
    a == b || (a.chars().count() >= 5 && b.chars().count() >= 5 && edit_distance(a, b) <= 1)
}

/// Whether a name (`tokens`, of `kind`) names the entity of group `g`. Groups hold longer
/// names first: a shorter name joins when it is the group's surname, or the same name
/// spelled a little differently.
fn same_entity(
    tokens: &[String],
    kind: Option<EntityKind>,
    g: &[String],
    g_kind: Option<EntityKind>,
) -> bool {
    if let (Some(a), Some(b)) = (kind, g_kind) {
        if a != b {
            return false;
        }
    }
    let person_like = kind.unwrap_or(EntityKind::Person) == EntityKind::Person
        && g_kind.unwrap_or(EntityKind::Person) == EntityKind::Person;
    if tokens.len() == g.len() {
        return tokens.iter().zip(g).all(|(a, b)| variant(a, b));
    }
    if !person_like {
        return false;
    }
    match (tokens, g) {
        // "Trump" → "Donald Trump".
        ([only], [.., last]) => variant(only, last),
        // "Vladimir Putin" → "Vladimir Vladimirovich Putin"; "Robert Buckley" → "Englishman
        // Robert Buckley", "Ryan Succop" → "Kicker Ryan Succop" (a capitalised role glued
        // to the name).
        ([first, .., last], [gf, .., gl]) if tokens.len() < g.len() => {
            (variant(first, gf) && variant(last, gl))
                || g.iter()
                    .skip(g.len().saturating_sub(tokens.len()))
                    .zip(tokens)
                    .all(|(a, b)| variant(a, b))
        }
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(text: &str) -> Vec<(String, Option<EntityKind>)> {
        sentence_mentions(text, &BTreeSet::new())
            .into_iter()
            .map(|f| (f.name, f.kind))
            .collect()
    }

    fn m(name: &str, kind: Option<EntityKind>) -> Mention {
        Mention {
            sentence: 0,
            start: 0,
            end: 0,
            name: name.into(),
            kind,
            guessed: false,
        }
    }

    #[test]
    fn titles_make_people_and_are_stripped() {
        use EntityKind::*;
        assert_eq!(
            names("Kremlin spokesman Dmitri S. Peskov reported that the call lasted."),
            vec![
                ("Kremlin".into(), Some(Organisation)),
                ("Dmitri S. Peskov".into(), Some(Person))
            ]
        );
        assert_eq!(
            names("It came with comments from U.S. Secretary of Defense Pete Hegseth, who spoke."),
            vec![
                ("U.S.".into(), Some(Place)),
                ("Pete Hegseth".into(), Some(Person))
            ]
        );
        assert_eq!(
            names("he will call President Zelenskyy of Ukraine to inform Mr. Trump’s team."),
            vec![
                ("Zelenskyy".into(), Some(Person)),
                ("Ukraine".into(), Some(Place)),
                ("Trump".into(), Some(Person))
            ]
        );
        assert_eq!(
            names("the team includes CIA Director John Ratcliffe and Saudi Crown Prince Mohammed bin Salman"),
            vec![
                ("CIA".into(), Some(Organisation)),
                ("John Ratcliffe".into(), Some(Person)),
                ("Mohammed bin Salman".into(), Some(Person))
            ]
        );
    }

    #[test]
    fn will_before_a_name_is_a_first_name() {
        let got: Vec<String> =
            names("Creighton also got 14 points from backup center Will Artino.")
                .into_iter()
                .map(|(n, _)| n)
                .collect();
        assert_eq!(got, vec!["Creighton", "Will Artino"]);
        // The modal, and a sentence's first word, are no name.
        let got: Vec<String> = names("Will Trump sign it? Officials said Trump will sign it.")
            .into_iter()
            .map(|(n, _)| n)
            .collect();
        assert!(got.iter().all(|n| !n.starts_with("Will")), "{got:?}");
    }

    #[test]
    fn organisations_places_and_non_names() {
        use EntityKind::*;
        assert_eq!(
            names("a meeting of the Ukraine Defense Contact Group in Brussels"),
            vec![
                ("Ukraine Defense Contact Group".into(), Some(Organisation)),
                ("Brussels".into(), Some(Place))
            ]
        );
        assert_eq!(
            names("Putin even used my very strong campaign motto of ‘COMMON SENSE.’"),
            vec![("Putin".into(), None)]
        );
        assert_eq!(
            names("He called Russian President Vladimir Putin on Wednesday."),
            vec![("Vladimir Putin".into(), Some(Person))]
        );
        assert!(names("Trump and Putin Pledge Cooperation").is_empty());
        assert!(names("").is_empty());
    }

    #[test]
    fn the_words_around_a_name_give_its_kind() {
        use EntityKind::*;
        // Sentences from ECB+ reports: towns and counties that the capitalised-run guess
        // took for people, then for the "he" of the next sentence.
        assert_eq!(
            names("His body was discovered by a maid who entered his hotel room in Biloxi, Coroner Gary Hargrove said."),
            vec![("Biloxi".into(), Some(Place)), ("Gary Hargrove".into(), Some(Person))]
        );
        assert_eq!(
            names("He was found dead in his room at a Biloxi, Miss., motel."),
            vec![("Biloxi".into(), Some(Place)), ("Miss".into(), Some(Place))]
        );
        assert_eq!(
            names("The deputies from Harrison County and the California Highway Patrol arrived."),
            vec![
                ("Harrison County".into(), Some(Place)),
                ("California Highway Patrol".into(), Some(Organisation))
            ]
        );
        assert_eq!(
            names("Robert Buckley died while climbing to a hut on Mount Sefton."),
            vec![
                ("Robert Buckley".into(), Some(Person)),
                ("Mount Sefton".into(), Some(Place))
            ]
        );
        // The cue inside the name, or "Park" at its end.
        assert_eq!(
            names("A climber is dead after falling about 150 metres at Aoraki Mount Cook."),
            vec![("Aoraki Mount Cook".into(), Some(Place))]
        );
        assert_eq!(
            names("The man fell from a ridge in Cook National Park on Friday."),
            vec![("Cook National Park".into(), Some(Place))]
        );
        // Not places: a title before the name, letters or a role after the comma, a
        // preposition inside a quotation, a possessive.
        assert_eq!(
            names("On Friday, prosecutor Kellie Hill and spokesman Mike Street spoke."),
            vec![
                ("Kellie Hill".into(), Some(Person)),
                ("Mike Street".into(), Some(Person))
            ]
        );
        assert_eq!(
            names("Jorge Alsip, MD, the society's president, said so."),
            vec![
                ("Jorge Alsip".into(), Some(Person)),
                ("MD".into(), Some(Organisation))
            ]
        );
        assert_eq!(
            names("said Mark Rockwell, California state representative of the coalition."),
            vec![
                ("Mark Rockwell".into(), Some(Person)),
                ("California".into(), Some(Place))
            ]
        );
        assert_eq!(
            names("“I saw women wheeled in,” Fares Ghanem, a hospital official, said."),
            vec![("Fares Ghanem".into(), Some(Person))]
        );
        // A people is no name; a surname ending in "-ian" still is.
        assert_eq!(
            names("Jets dropped bombs on the South Sudanese area where Kim Kardashian filmed."),
            vec![
                ("Jets".into(), None),
                ("Kim Kardashian".into(), Some(Person))
            ]
        );
        assert_eq!(
            names("She had faith in Regina Benjamin's work."),
            vec![("Regina Benjamin".into(), Some(Person))]
        );
    }

    #[test]
    fn a_role_glued_to_a_name_is_the_same_person() {
        use EntityKind::*;
        let a = vec![
            m("Englishman Robert Buckley", Some(Person)),
            m("Buckley", None),
        ];
        let b = vec![
            m("Robert Buckley", Some(Person)),
            m("Robert Buckley", Some(Person)),
            m("Duncan Robert Rait", Some(Person)),
        ];
        let (ents, assign) = unify(&[a, b]);
        let names: Vec<&str> = ents.iter().map(|e| e.name.as_str()).collect();
        assert_eq!(names, vec!["Duncan Robert Rait", "Robert Buckley"]);
        assert_eq!(assign[0][0], assign[1][0]);
        assert_eq!(assign[0][1], assign[1][0]);
        assert_ne!(assign[1][2], assign[1][0]);
    }

    #[test]
    fn story_unifies_surnames_titles_and_spellings() {
        use EntityKind::*;
        let a = vec![
            m("Donald Trump", Some(Person)),
            m("Trump", None),
            m("Volodymyr Zelenskyy", Some(Person)),
            m("Dmitry Peskov", Some(Person)),
            m("Kremlin", Some(Organisation)),
        ];
        let b = vec![
            m("Trump", Some(Person)),
            m("Zelensky", Some(Person)),
            m("Dmitri S. Peskov", Some(Person)),
            m("Vladimir V. Putin", Some(Person)),
            m("Putin", None),
            m("Dollar", None),
        ];
        let (ents, assign) = unify(&[a, b]);
        let names: Vec<&str> = ents.iter().map(|e| e.name.as_str()).collect();
        assert_eq!(
            names,
            vec![
                "Dmitry Peskov",
                "Donald Trump",
                "Kremlin",
                "Vladimir V. Putin",
                "Volodymyr Zelenskyy"
            ]
        );
        assert!(ents.iter().all(|e| e.kind == Person || e.name == "Kremlin"));
        // Both articles' Trump, Zelensky and Peskov land on the same entities.
        assert_eq!(assign[0][0], assign[1][0]);
        assert_eq!(assign[0][1], assign[1][0]);
        assert_eq!(assign[0][2], assign[1][1]);
        assert_eq!(assign[0][3], assign[1][2]);
        assert_eq!(assign[1][3], assign[1][4]);
        // An unplaced capitalised word stays unplaced.
        assert_eq!(assign[1][5], None);
    }

    #[test]
    fn different_people_with_different_names_stay_apart() {
        let (ents, _) = unify(&[vec![
            m("Joe Biden", Some(EntityKind::Person)),
            m("Hunter Biden", Some(EntityKind::Person)),
            m("Marc Fogel", Some(EntityKind::Person)),
            m("Mark Fogel", Some(EntityKind::Person)),
        ]]);
        // First names of four letters are too short to call one edit a spelling variant.
        assert_eq!(ents.len(), 4, "{ents:?}");
    }
}
