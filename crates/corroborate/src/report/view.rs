//! The reader's view of a story: what the Markdown brief, the HTML report and the server's page
//! show, in one order and in one set of words.
//!
//! [`StoryView`] is built here, once, from the story as the report's JSON gives it (so the
//! server builds it from its stored story objects exactly as `analyze` does from the report)
//! and the articles' entries. Every sentence a reader sees is made here, but for each fact's
//! heading: the fact's `topic`, from the facts stage ([`crate::facts::topic`]). The renderers
//! (`brief.rs` for Markdown and HTML, the page's `app.js` from this view as JSON) only lay it
//! out, add dates in their own form and escape. The order is fixed: what the story is, where
//! the reports disagree, what they agree on, what only one report says, copies and rewrites,
//! the reports.

use super::{ArticleEntry, Story};
use crate::normalize::shorten;
use serde::{Deserialize, Serialize};
use std::collections::{BTreeSet, HashMap};

/// The section headings, in the order every form shows them.
#[derive(Debug, Clone, Serialize)]
pub struct Headings {
    /// Conflicts.
    pub disagree: &'static str,
    /// Agreed facts.
    pub agree: &'static str,
    /// Single-source facts.
    pub single: &'static str,
    /// Copy and rewrite families.
    pub families: &'static str,
    /// The reports.
    pub reports: &'static str,
}

/// The headings every form uses.
pub const HEADINGS: Headings = Headings {
    disagree: "Where the reports disagree",
    agree: "What they agree on",
    single: "Only one report says",
    families: "Copies and rewrites",
    reports: "The reports",
};

/// One report as a reader names it.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct ReportRef {
    /// Article id (for links; never shown as the report's name when it has another).
    pub id: String,
    /// The outlet (`source`, else the URL's domain), when known.
    pub outlet: Option<String>,
    /// How the report is named: its outlet, else its headline (shortened), else its text's
    /// opening words in quotation marks; never its id.
    pub label: String,
    /// Its headline, when it has one.
    pub title: Option<String>,
    /// Publication date as the report gives it (`YYYY-MM-DD` or RFC 3339).
    pub published: Option<String>,
    /// Its URL, when it is http(s).
    pub url: Option<String>,
    /// Sentences in the report.
    pub sentences: usize,
    /// Words in the report.
    pub words: usize,
}

/// A piece of a sentence, highlighted or not.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Segment {
    /// The text.
    pub text: String,
    /// Whether it is the value the claim is about.
    pub highlight: bool,
}

/// One report's claim, as a reader sees it.
#[derive(Debug, Clone, Serialize)]
pub struct ClaimView {
    /// Which report.
    pub report: ReportRef,
    /// Later reports that give the same value in the same sentence (copies of one wire story
    /// said once, with every outlet named), in the story's order.
    pub also: Vec<ReportRef>,
    /// The value as the report writes it.
    pub value: String,
    /// The sentence, with the value highlighted.
    pub sentence: Vec<Segment>,
}

/// One value of a conflict and how many reports give it.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct ValueCount {
    /// The value as written (shortened when long).
    pub value: String,
    /// Reports that give it.
    pub reports: usize,
    /// "in 7 reports", "in 1 report".
    pub count: String,
}

/// A fact, in words.
#[derive(Debug, Clone, Serialize)]
pub struct FactView {
    /// "conflict", "agreed" or "single_source" (for styling and tests; not shown as such).
    pub status: String,
    /// What the fact is about, in plain words that take no side: the fact's `topic`.
    pub about: String,
    /// How many say it: "3 reports, 2 independent", "only in Reuters".
    pub support: String,
    /// The value in one line: each distinct wording once, joined by " · "; a quote's words
    /// once; empty for a quote disputed over its speaker (its words are in `about`) and for a
    /// single report's quote (its sentence is shown with the words highlighted).
    pub value: String,
    /// Each report's claim (conflicts: every report; agreed: every report; single: the one).
    /// A conflict's claims come grouped by value, each value in the order it first appears;
    /// claims that give one value in the same sentence are one claim with `also`.
    pub claims: Vec<ClaimView>,
    /// A conflict's values at a glance, in the order of `claims`: "14 in 7 reports",
    /// "12 in 2 reports". Empty for other facts.
    pub values: Vec<ValueCount>,
    /// Two reports worth comparing side by side (for a conflict: two that differ).
    pub compare: Option<(String, String)>,
    /// The sentences (their indices in those two reports) that give the claims, so the
    /// comparison can open on them.
    pub compare_sentences: Option<(usize, usize)>,
    /// The words of the link to that comparison ("Compare Reuters and AP side by side").
    pub compare_label: Option<String>,
}

/// One echo of a family: a report that copies or rewrites.
#[derive(Debug, Clone, Serialize)]
pub struct EchoView {
    /// The echo.
    pub report: ReportRef,
    /// "9 of 12 sentences match (75%)".
    pub matched: String,
    /// The share of its sentences that match, 0 to 1.
    pub share: f64,
    /// The report it is compared with (the likely source, else the closest member).
    pub compare_with: Option<String>,
}

/// A family of copies or rewrites as a short list.
#[derive(Debug, Clone, Serialize)]
pub struct FamilyView {
    /// "Copies of one report" or "Rewrites of one report".
    pub heading: String,
    /// The likely source, when it is in the input.
    pub source: Option<ReportRef>,
    /// "Likely source: Reuters" or "Source not in the input".
    pub source_line: String,
    /// Why that source (the engine's reason, in words).
    pub why: String,
    /// The other members.
    pub echoes: Vec<EchoView>,
}

/// Facts by section.
#[derive(Debug, Clone, Default, Serialize)]
pub struct FactSections {
    /// Conflicts, most salient first.
    pub disagree: Vec<FactView>,
    /// Agreed facts, most salient first.
    pub agree: Vec<FactView>,
    /// Single-source facts, most salient first.
    pub single: Vec<FactView>,
}

impl FactSections {
    /// Facts in all three sections.
    pub fn len(&self) -> usize {
        (self.disagree.len())
            .saturating_add(self.agree.len())
            .saturating_add(self.single.len())
    }

    /// No facts at all.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

/// A story as every readable form presents it.
#[derive(Debug, Clone, Serialize)]
pub struct StoryView {
    /// Story id.
    pub id: String,
    /// Its title.
    pub title: String,
    /// "5 reports from 4 outlets" (dates are added by each form).
    pub summary: String,
    /// "First published by Reuters", when a report has a date.
    pub first_line: Option<String>,
    /// The earliest report with a date.
    pub first: Option<ReportRef>,
    /// Earliest and latest publication dates.
    pub first_seen: Option<String>,
    /// Latest publication date.
    pub last_seen: Option<String>,
    /// Section headings, in order.
    pub headings: Headings,
    /// The facts shown by default (at most the limit, conflicts first, by salience).
    pub facts: FactSections,
    /// The facts past the limit (shown on request).
    pub more: FactSections,
    /// The words of the control that shows them ("Show 4 more facts"), when there are any.
    pub more_label: Option<String>,
    /// Families of copies and rewrites.
    pub families: Vec<FamilyView>,
    /// Every report, in time order.
    pub reports: Vec<ReportRef>,
    /// Said when the story has one report only (nothing to compare).
    pub note: Option<String>,
}

// ---- the story as the report's JSON gives it (only what the view reads) --------------------

#[derive(Deserialize)]
struct StoryIn {
    id: String,
    title: String,
    articles: Vec<String>,
    first_seen: Option<String>,
    last_seen: Option<String>,
    #[serde(default)]
    relations: Vec<RelationIn>,
    #[serde(default)]
    families: Vec<FamilyIn>,
    #[serde(default)]
    facts: Vec<FactIn>,
}

#[derive(Deserialize)]
struct RelationIn {
    a: String,
    b: String,
    #[serde(default)]
    evidence: Vec<EvidenceIn>,
}

#[derive(Deserialize)]
struct EvidenceIn {
    a_sentence: usize,
    b_sentence: usize,
}

#[derive(Deserialize)]
struct FamilyIn {
    articles: Vec<String>,
    kind: String,
    likely_source: Option<String>,
    #[serde(default)]
    why: String,
}

#[derive(Deserialize)]
struct FactIn {
    kind: String,
    about: String,
    #[serde(default)]
    topic: Option<String>,
    status: String,
    sources: usize,
    claims: Vec<ClaimIn>,
    #[serde(default)]
    salience: f64,
}

#[derive(Deserialize)]
struct ClaimIn {
    article: String,
    #[serde(default)]
    sentence: Option<usize>,
    text: String,
    value: serde_json::Value,
}

/// Why a story's JSON could not be read as a story.
#[derive(Debug, thiserror::Error)]
#[error("not a story object: {0}")]
pub struct ViewError(#[from] serde_json::Error);

impl StoryView {
    /// The view of a report's story, at most `limit` facts shown (all when `None`).
    pub fn new(story: &Story, entries: &[ArticleEntry], limit: Option<usize>) -> StoryView {
        match serde_json::to_value(story)
            .map_err(ViewError::from)
            .and_then(|v| StoryView::from_json(&v, entries, limit))
        {
            Ok(v) => v,
            // A `Story` always serialises to a story object; keep its title if it ever does not.
            Err(_) => StoryView::empty(&story.id, &story.title),
        }
    }

    /// The view of a story object as the report's JSON (or the server's store) gives it.
    pub fn from_json(
        story: &serde_json::Value,
        entries: &[ArticleEntry],
        limit: Option<usize>,
    ) -> Result<StoryView, ViewError> {
        let st = StoryIn::deserialize(story)?;
        Ok(build(&st, entries, limit))
    }

    fn empty(id: &str, title: &str) -> StoryView {
        StoryView {
            id: id.to_string(),
            title: title.to_string(),
            summary: String::new(),
            first_line: None,
            first: None,
            first_seen: None,
            last_seen: None,
            headings: HEADINGS,
            facts: FactSections::default(),
            more: FactSections::default(),
            more_label: None,
            families: Vec::new(),
            reports: Vec::new(),
            note: None,
        }
    }
}

/// The outlet of an article: its `source`, else its URL's domain (without `www.`).
pub fn outlet(a: &ArticleEntry) -> Option<String> {
    if let Some(s) = a.source.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
        return Some(s.to_string());
    }
    let url = url::Url::parse(a.url.as_deref()?).ok()?;
    if !matches!(url.scheme(), "http" | "https") {
        return None;
    }
    let host = url.host_str()?;
    Some(host.strip_prefix("www.").unwrap_or(host).to_string())
}

fn report_ref(id: &str, by_id: &HashMap<&str, &ArticleEntry>) -> ReportRef {
    match by_id.get(id) {
        Some(a) => report_ref_of(a),
        // An id the story lists but the entries lack (a store changed under the view): named
        // as no outlet, never by the id.
        None => ReportRef {
            id: id.to_string(),
            outlet: None,
            label: UNNAMED.to_string(),
            title: None,
            published: None,
            url: None,
            sentences: 0,
            words: 0,
        },
    }
}

/// The name of a report with no outlet, no headline and no text to quote.
const UNNAMED: &str = "Untitled report";

/// How long the opening words that name a report with no outlet and no headline may be.
const LEAD_LABEL_CHARS: usize = 48;

/// How a reader names an article: its outlet, else its headline (shortened), else the opening
/// words of its text in quotation marks (“Tara Reid has entered a rehab program…”), never its
/// id (an input's file name or JSONL `id` is no name a reader knows).
pub fn report_ref_of(a: &ArticleEntry) -> ReportRef {
    let outlet = outlet(a);
    let title = a
        .title
        .as_deref()
        .map(|t| t.split_whitespace().collect::<Vec<_>>().join(" "))
        .filter(|t| !t.is_empty());
    let lead = a.lead.split_whitespace().collect::<Vec<_>>().join(" ");
    let label = outlet
        .clone()
        .or_else(|| title.as_deref().map(|t| shorten(t, 60)))
        .or_else(|| {
            (!lead.is_empty())
                .then(|| format!("\u{201C}{}\u{201D}", shorten(&lead, LEAD_LABEL_CHARS)))
        })
        .unwrap_or_else(|| UNNAMED.to_string());
    let url = a
        .url
        .as_deref()
        .filter(|u| url::Url::parse(u).is_ok_and(|p| matches!(p.scheme(), "http" | "https")))
        .map(str::to_string);
    ReportRef {
        id: a.id.clone(),
        outlet,
        label,
        title,
        published: a.published.map(|p| p.to_string()),
        url,
        sentences: a.sentences,
        words: a.words,
    }
}

fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// The value a claim reads as, as the report writes it.
fn as_written(f: &FactIn, c: &ClaimIn) -> String {
    let get = |k: &str| c.value.get(k).and_then(|w| w.as_str()).map(str::to_string);
    let v = if f.kind == "quote" {
        get("words").map(|w| {
            if get("form").as_deref() == Some("paraphrase") {
                shorten(&w, 160)
            } else {
                format!("\u{201C}{}\u{201D}", shorten(&w, 160))
            }
        })
    } else {
        get("as_written").or_else(|| get("name"))
    };
    v.unwrap_or_else(|| shorten(&c.text, 80))
}

/// The sentence cut around `needle` (the value as written), found as written or ignoring
/// ASCII case; the whole sentence unmarked when it is not there.
pub fn highlight(sentence: &str, needle: &str) -> Vec<Segment> {
    let needle = needle.trim_matches(|c: char| c == '\u{201C}' || c == '\u{201D}' || c == '"');
    let found = (!needle.is_empty())
        .then(|| {
            sentence.find(needle).or_else(|| {
                let (h, n) = (sentence.to_ascii_lowercase(), needle.to_ascii_lowercase());
                h.find(&n).filter(|&i| {
                    i.checked_add(n.len())
                        .is_some_and(|end| sentence.is_char_boundary(end))
                        && sentence.is_char_boundary(i)
                })
            })
        })
        .flatten();
    let seg = |t: &str, h: bool| Segment {
        text: t.to_string(),
        highlight: h,
    };
    match found.and_then(|i| {
        let end = i.checked_add(needle.len())?;
        Some((
            sentence.get(..i)?,
            sentence.get(i..end)?,
            sentence.get(end..)?,
        ))
    }) {
        Some((a, b, c)) => [seg(a, false), seg(b, true), seg(c, false)]
            .into_iter()
            .filter(|s| !s.text.is_empty())
            .collect(),
        None => vec![seg(sentence, false)],
    }
}

/// The speakers a quote fact's claims name, each once, in order.
fn speakers(f: &FactIn) -> Vec<&str> {
    let mut out: Vec<&str> = Vec::new();
    for c in &f.claims {
        if let Some(sp) = c.value.get("speaker").and_then(|w| w.as_str()) {
            let sp = sp.trim();
            if !sp.is_empty() && !out.contains(&sp) {
                out.push(sp);
            }
        }
    }
    out
}

/// A quote conflict over who said the words (the words agree, the speakers differ).
fn misattributed(f: &FactIn) -> bool {
    f.kind == "quote" && f.status == "conflict" && speakers(f).len() > 1
}

/// The fact's heading: its `topic` from the facts stage (words that take no side); for a story
/// stored before facts had one, the same words made from its other fields.
fn topic(f: &FactIn) -> String {
    match f.topic.as_deref().map(str::trim).filter(|t| !t.is_empty()) {
        Some(t) => t.to_string(),
        None => {
            let claims: Vec<(&str, &serde_json::Value)> = f
                .claims
                .iter()
                .map(|c| (c.text.as_str(), &c.value))
                .collect();
            crate::facts::topic::topic(&f.kind, &f.about, &f.status, &claims)
        }
    }
}

/// The words that name a claim's speaker in its sentence: the full name, else its last word.
fn speaker_in(sentence: &str, speaker: &str) -> String {
    let last = speaker.split_whitespace().last().unwrap_or(speaker);
    if !highlight(sentence, speaker).iter().any(|g| g.highlight) {
        last.to_string()
    } else {
        speaker.to_string()
    }
}

fn fact_view(f: &FactIn, by_id: &HashMap<&str, &ArticleEntry>) -> FactView {
    let by_speaker = misattributed(f);
    let claims: Vec<ClaimView> = f
        .claims
        .iter()
        .map(|c| {
            let speaker = c
                .value
                .get("speaker")
                .and_then(|w| w.as_str())
                .map(str::trim)
                .filter(|s| !s.is_empty());
            let (value, needle) = match (by_speaker, speaker) {
                (true, Some(sp)) => (sp.to_string(), speaker_in(&c.text, sp)),
                (true, None) => ("no one named".to_string(), String::new()),
                (false, _) if f.kind == "quote" => (
                    as_written(f, c),
                    c.value
                        .get("words")
                        .and_then(|w| w.as_str())
                        .unwrap_or("")
                        .to_string(),
                ),
                (false, _) => {
                    let v = as_written(f, c);
                    (v.clone(), v)
                }
            };
            ClaimView {
                report: report_ref(&c.article, by_id),
                also: Vec::new(),
                sentence: highlight(&c.text, &needle),
                value,
            }
        })
        .collect();
    let reports: BTreeSet<&str> = f.claims.iter().map(|c| c.article.as_str()).collect();
    let n = reports.len();
    let support = match f.status.as_str() {
        "single_source" => match claims.first() {
            Some(c) => format!("only in {}", c.report.label),
            None => "one report".to_string(),
        },
        _ if f.sources >= n => format!("{}, all independent", plural(n, "report", "reports")),
        _ => format!(
            "{}, {} independent",
            plural(n, "report", "reports"),
            f.sources
        ),
    };
    // For a conflict, the first claim and the first that reads otherwise (claim indices).
    let first = claims.first();
    let pair = match f.status.as_str() {
        "conflict" => first.and_then(|a| {
            claims
                .iter()
                .position(|b| b.report.id != a.report.id && b.value != a.value)
        }),
        "agreed" => first.and_then(|a| claims.iter().position(|b| b.report.id != a.report.id)),
        _ => None,
    }
    .and_then(|j| Some((first?, claims.get(j)?, f.claims.first()?, f.claims.get(j)?)));
    let compare_sentences = pair.and_then(|(_, _, x, y)| Some((x.sentence?, y.sentence?)));
    let pair = pair.map(|(a, b, _, _)| (&a.report, &b.report));
    let compare_label = pair.map(|(a, b)| {
        if a.label == b.label {
            format!("Compare these two {} reports side by side", a.label)
        } else {
            format!("Compare {} and {} side by side", a.label, b.label)
        }
    });
    let compare = pair.map(|(a, b)| (a.id.clone(), b.id.clone()));
    let (claims, values) = match f.status.as_str() {
        "single_source" => (claims.into_iter().take(1).collect(), Vec::new()),
        "conflict" => by_value(claims),
        _ => (claims, Vec::new()),
    };
    // A quote's words once (its heading names the speaker, not the words): the first claim
    // that quotes them, else the first paraphrase. A dispute over the speaker shows its words
    // in the heading and the speakers with the claims.
    let value = if by_speaker || (f.kind == "quote" && f.status == "single_source") {
        // A single report's quote: its sentence, shown with the words highlighted, says them.
        String::new()
    } else if f.kind == "quote" {
        let quoted = claims.iter().find(|c| c.value.starts_with('\u{201C}'));
        quoted
            .or(claims.first())
            .map(|c| c.value.clone())
            .unwrap_or_default()
    } else {
        let mut seen: Vec<&str> = Vec::new();
        for c in &claims {
            if !seen.contains(&c.value.as_str()) {
                seen.push(&c.value);
            }
        }
        seen.join(" \u{B7} ")
    };
    FactView {
        status: f.status.clone(),
        about: topic(f),
        support,
        value,
        claims,
        values,
        compare,
        compare_sentences,
        compare_label,
    }
}

/// A conflict's claims grouped by value (each value where it first appears, claims in their
/// order within it), a claim repeating an earlier one's value and sentence folded into it as
/// `also`, and each value with the number of reports that give it.
fn by_value(claims: Vec<ClaimView>) -> (Vec<ClaimView>, Vec<ValueCount>) {
    let mut groups: Vec<(String, Vec<ClaimView>, BTreeSet<String>)> = Vec::new();
    for c in claims {
        let group = match groups.iter_mut().position(|g| g.0 == c.value) {
            Some(i) => groups.get_mut(i),
            None => {
                groups.push((c.value.clone(), Vec::new(), BTreeSet::new()));
                groups.last_mut()
            }
        };
        let Some((_, members, ids)) = group else {
            continue;
        };
        ids.insert(c.report.id.clone());
        let text = |c: &ClaimView| -> String {
            let whole: String = c.sentence.iter().map(|g| g.text.as_str()).collect();
            crate::normalize::for_matching(&whole).into_owned()
        };
        let words = text(&c);
        match members.iter_mut().find(|m| text(m) == words) {
            Some(m) if m.report.id != c.report.id => {
                if !m.also.iter().any(|r| r.id == c.report.id) {
                    m.also.push(c.report);
                }
            }
            // The same report saying it twice in one sentence is one claim.
            Some(_) => {}
            None => members.push(c),
        }
    }
    let values = groups
        .iter()
        .map(|(v, _, ids)| ValueCount {
            value: shorten(v, 60),
            reports: ids.len(),
            count: format!("in {}", plural(ids.len(), "report", "reports")),
        })
        .collect();
    let claims = groups.into_iter().flat_map(|g| g.1).collect();
    (claims, values)
}

fn sections(facts: &[&FactIn], by_id: &HashMap<&str, &ArticleEntry>) -> FactSections {
    let mut s = FactSections::default();
    for f in facts {
        let v = fact_view(f, by_id);
        match f.status.as_str() {
            "conflict" => s.disagree.push(v),
            "agreed" => s.agree.push(v),
            _ => s.single.push(v),
        }
    }
    s
}

fn family_view(
    f: &FamilyIn,
    rel: &HashMap<(&str, &str), &RelationIn>,
    by_id: &HashMap<&str, &ArticleEntry>,
) -> FamilyView {
    let source = f.likely_source.as_deref().map(|s| report_ref(s, by_id));
    let what = if f.kind == "copies" {
        "Copies"
    } else {
        "Rewrites"
    };
    let heading = format!("{what}: {}", plural(f.articles.len(), "report", "reports"));
    let source_line = match &source {
        Some(s) => format!("Likely source: {}", s.label),
        None => "Source not in the input".to_string(),
    };
    // The sentences of `id` that have a counterpart in `other`.
    let matched = |id: &str, other: &str| -> usize {
        let (r, mine_is_a) = match (rel.get(&(id, other)), rel.get(&(other, id))) {
            (Some(r), _) => (*r, true),
            (None, Some(r)) => (*r, false),
            (None, None) => return 0,
        };
        let mine: BTreeSet<usize> = r
            .evidence
            .iter()
            .map(|e| {
                if mine_is_a {
                    e.a_sentence
                } else {
                    e.b_sentence
                }
            })
            .collect();
        mine.len()
    };
    let echoes = f
        .articles
        .iter()
        .filter(|a| Some(a.as_str()) != f.likely_source.as_deref())
        .map(|a| {
            let r = report_ref(a, by_id);
            let with = match &f.likely_source {
                Some(s) => Some(s.clone()),
                None => f
                    .articles
                    .iter()
                    .filter(|o| *o != a)
                    .max_by_key(|o| (matched(a, o), std::cmp::Reverse(o.as_str())))
                    .cloned(),
            };
            let m = with
                .as_deref()
                .map_or(0, |w| matched(a, w))
                .min(r.sentences);
            let share = if r.sentences == 0 {
                0.0
            } else {
                m as f64 / r.sentences as f64
            };
            let target = match (&f.likely_source, &with) {
                (Some(_), _) => "the source".to_string(),
                (None, Some(w)) => report_ref(w, by_id).label,
                (None, None) => "another member".to_string(),
            };
            EchoView {
                matched: format!(
                    "{m} of {} match {target} ({:.0}%)",
                    plural(r.sentences, "sentence", "sentences"),
                    share * 100.0
                ),
                share,
                compare_with: with,
                report: r,
            }
        })
        .collect();
    FamilyView {
        heading,
        source,
        source_line,
        why: f.why.split_whitespace().collect::<Vec<_>>().join(" "),
        echoes,
    }
}

fn build(st: &StoryIn, entries: &[ArticleEntry], limit: Option<usize>) -> StoryView {
    let by_id: HashMap<&str, &ArticleEntry> = entries.iter().map(|a| (a.id.as_str(), a)).collect();
    let reports: Vec<ReportRef> = st.articles.iter().map(|a| report_ref(a, &by_id)).collect();
    let outlets: BTreeSet<&str> = reports.iter().filter_map(|r| r.outlet.as_deref()).collect();
    let unnamed = reports.iter().filter(|r| r.outlet.is_none()).count();
    let mut summary = plural(reports.len(), "report", "reports");
    if !outlets.is_empty() {
        summary.push_str(&format!(
            " from {}",
            plural(outlets.len(), "outlet", "outlets")
        ));
    }
    if unnamed > 0 && !outlets.is_empty() {
        summary.push_str(&format!(" ({unnamed} with no outlet named)"));
    } else if unnamed > 0 {
        summary.push_str(if unnamed == 1 {
            " (no outlet named)"
        } else {
            " (no outlets named)"
        });
    }
    let first = st
        .articles
        .iter()
        .filter_map(|a| by_id.get(a.as_str()))
        .filter_map(|a| a.published.map(|p| (p.timestamp(), a.id.as_str())))
        .min()
        .map(|(_, id)| report_ref(id, &by_id));
    let first_line = first
        .as_ref()
        .filter(|_| reports.len() > 1)
        .map(|f| format!("First published by {}", f.label));

    // The facts a reader needs: not trivial, not a bare name; conflicts first, by salience.
    let mut facts: Vec<&FactIn> = if reports.len() < 2 {
        Vec::new()
    } else {
        st.facts
            .iter()
            .filter(|f| f.kind != "entity" && f.salience > 0.0)
            .collect()
    };
    facts.sort_by(|x, y| {
        (y.status == "conflict")
            .cmp(&(x.status == "conflict"))
            .then(y.salience.total_cmp(&x.salience))
    });
    let cut = limit.unwrap_or(usize::MAX).min(facts.len());
    let (shown, rest) = facts.split_at(cut);

    let mut rel: HashMap<(&str, &str), &RelationIn> = HashMap::new();
    for r in &st.relations {
        rel.insert((r.a.as_str(), r.b.as_str()), r);
    }
    StoryView {
        id: st.id.clone(),
        title: st.title.split_whitespace().collect::<Vec<_>>().join(" "),
        summary,
        first_line,
        first,
        first_seen: st.first_seen.clone(),
        last_seen: st.last_seen.clone(),
        headings: HEADINGS,
        facts: sections(shown, &by_id),
        more: sections(rest, &by_id),
        more_label: (!rest.is_empty()).then(|| {
            format!(
                "Show {} more fact{}",
                rest.len(),
                if rest.len() == 1 { "" } else { "s" }
            )
        }),
        families: st
            .families
            .iter()
            .map(|f| family_view(f, &rel, &by_id))
            .collect(),
        note: (reports.len() < 2).then(|| "One report only: nothing to compare.".to_string()),
        reports,
    }
}
