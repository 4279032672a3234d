//! Comparison inside a story: claims about the same thing grouped across articles, each
//! group marked agreed (several articles), single-source (one) or conflict (values that
//! cannot both hold, about the same thing).

use super::entities::{self, Entity, EntityKind, Mention};
use super::quantities::{Dimension, Quantity};
use super::quotes::Speaker;
use super::similarity::content_stems;
use super::similarity::SentenceSimilarity;
use super::words::{edit_distance, words, Word};
use super::{ArticleFacts, FactsConfig};
use super::{Claim, Fact};
use crate::article::Article;
use crate::normalize::shorten;
use serde_json::{json, Value};
use std::collections::{BTreeMap, BTreeSet};

/// An article with nothing extracted.
static NO_FACTS: ArticleFacts = ArticleFacts {
    mentions: Vec::new(),
    quotes: Vec::new(),
    quantities: Vec::new(),
    dates: Vec::new(),
    tallies: Vec::new(),
};

/// What the comparison knows about the story's names and sentences.
struct Story<'a> {
    articles: &'a [&'a Article],
    extracted: &'a [ArticleFacts],
    entities: Vec<Entity>,
    /// Entity of each mention, per article.
    assign: Vec<Vec<Option<usize>>>,
    /// Entities named in each sentence, per article.
    sentence_entities: Vec<Vec<BTreeSet<usize>>>,
    /// Content words of each sentence, per article.
    stems: Vec<Vec<BTreeSet<String>>>,
}

impl<'a> Story<'a> {
    fn new(articles: &'a [&'a Article], extracted: &'a [ArticleFacts]) -> Story<'a> {
        let mut mentions: Vec<Vec<Mention>> =
            extracted.iter().map(|e| e.mentions.clone()).collect();
        let vocab: BTreeSet<String> = articles
            .iter()
            .flat_map(|a| entities::lower_case_words(&a.text))
            .collect();
        entities::demote_common_words(&mut mentions, &vocab);
        let (entities, assign) = entities::unify(&mentions);
        let sentence_entities = articles
            .iter()
            .zip(extracted)
            .zip(&assign)
            .map(|((a, ex), asg)| {
                let mut per = vec![BTreeSet::new(); a.sentences.len()];
                for (m, e) in ex.mentions.iter().zip(asg) {
                    if let (Some(set), Some(e)) = (per.get_mut(m.sentence), e) {
                        set.insert(*e);
                    }
                }
                per
            })
            .collect();
        let stems = articles
            .iter()
            .map(|a| a.sentence_texts().map(content_stems).collect())
            .collect();
        Story {
            articles,
            extracted,
            entities,
            assign,
            sentence_entities,
            stems,
        }
    }

    /// Sentence `s` of article `a`; empty when there is none.
    fn sentence(&self, a: usize, s: usize) -> &'a str {
        self.articles.get(a).map_or("", |art| art.sentence(s))
    }

    /// The id of article `a`.
    fn id(&self, a: usize) -> &'a str {
        self.articles.get(a).map_or("", |art| art.id.as_str())
    }

    /// The year article `a` was published.
    fn published_year(&self, a: usize) -> Option<i32> {
        self.articles
            .get(a)
            .and_then(|x| x.published)
            .map(|p| chrono::Datelike::year(&p.date()))
    }

    /// What was extracted from article `a`.
    fn facts(&self, a: usize) -> &'a ArticleFacts {
        self.extracted.get(a).unwrap_or(&NO_FACTS)
    }

    /// The entity of each mention of article `a`.
    fn assigned(&self, a: usize) -> &[Option<usize>] {
        self.assign.get(a).map_or(&[], Vec::as_slice)
    }

    /// The entities named in each sentence of article `a`.
    fn named(&self, a: usize) -> &[BTreeSet<usize>] {
        self.sentence_entities.get(a).map_or(&[], Vec::as_slice)
    }

    /// The kind of entity `e`.
    fn kind(&self, e: usize) -> Option<EntityKind> {
        self.entities.get(e).map(|x| x.kind)
    }

    /// How alike sentence `i` of article `a` and sentence `j` of article `b` are; 0 when
    /// either is missing.
    fn similarity(
        &self,
        sim: &dyn SentenceSimilarity,
        a: usize,
        i: usize,
        b: usize,
        j: usize,
    ) -> f32 {
        match (self.articles.get(a), self.articles.get(b)) {
            (Some(x), Some(y)) => sim.similarity(x, i, y, j),
            _ => 0.0,
        }
    }

    /// Names in a sentence, or when it has none, in its paragraph up to it. A sentence that
    /// speaks through a pronoun ("He served four months", "he was driving") speaks of someone
    /// named before it, often in the paragraph before (one-sentence paragraphs are the rule in
    /// news): it takes the person named last before it when it names none, and when it names
    /// nobody at all, the names of the nearest earlier sentence that has some, a few back at
    /// most.
    fn context_entities(&self, a: usize, s: usize) -> BTreeSet<usize> {
        /// How many sentences a pronoun looks back across paragraph breaks.
        const PRONOUN_REACH: usize = 3;
        let per = self.named(a);
        let Some(art) = self.articles.get(a).copied() else {
            return BTreeSet::new();
        };
        let speaks_through_pronoun = || {
            words(art.sentence(s))
                .iter()
                .any(|w| PERSONAL_PRONOUNS.contains(&w.text.to_lowercase().as_str()))
        };
        // "he", "she": the person named last before the sentence, when it names no person
        // itself ("he was driving his Bentley").
        let antecedent = |pronoun: bool| {
            let start = art.sentences.get(s).map_or(0, |r| r.start);
            pronoun.then(|| self.person_before(a, start)).flatten()
        };
        if let Some(set) = per.get(s).filter(|x| !x.is_empty()) {
            let mut out = set.clone();
            if !out
                .iter()
                .any(|e| self.kind(*e) == Some(EntityKind::Person))
            {
                out.extend(antecedent(speaks_through_pronoun()));
            }
            return out;
        }
        let pronoun = speaks_through_pronoun();
        let mut out: BTreeSet<usize> = antecedent(pronoun).into_iter().collect();
        let mut k = s;
        let mut crossed = false;
        while k > 0 && (!crossed || out.is_empty()) {
            let next = k;
            k = k.saturating_sub(1);
            let gap_start = art.sentences.get(k).map_or(0, |r| r.end);
            let gap_end = art.sentences.get(next).map_or(gap_start, |r| r.start);
            if art
                .text
                .get(gap_start..gap_end)
                .is_none_or(|g| g.contains('\n'))
            {
                if !pronoun || !out.is_empty() || s.saturating_sub(k) > PRONOUN_REACH {
                    break;
                }
                crossed = true;
            }
            if let Some(set) = per.get(k) {
                out.extend(set.iter().copied());
            }
        }
        out
    }

    /// The two sentences name different people (each names some, and none in common): they
    /// speak of different things. Places are not compared: one happening is placed by its
    /// town in one report and its region in another.
    fn names_differ(&self, a: usize, i: usize, b: usize, j: usize) -> bool {
        let empty = BTreeSet::new();
        let x = self.named(a).get(i).unwrap_or(&empty);
        let y = self.named(b).get(j).unwrap_or(&empty);
        [EntityKind::Person].iter().any(|k| {
            let xs: BTreeSet<usize> = x
                .iter()
                .copied()
                .filter(|e| self.kind(*e) == Some(*k))
                .collect();
            let ys: BTreeSet<usize> = y
                .iter()
                .copied()
                .filter(|e| self.kind(*e) == Some(*k))
                .collect();
            !xs.is_empty() && !ys.is_empty() && xs.is_disjoint(&ys)
        })
    }

    /// The last person named in article `a` before byte `pos`.
    fn person_before(&self, a: usize, pos: usize) -> Option<usize> {
        self.facts(a)
            .mentions
            .iter()
            .zip(self.assigned(a))
            .filter(|(m, _)| m.end <= pos)
            .filter_map(|(_, e)| *e)
            .rfind(|e| self.kind(*e) == Some(EntityKind::Person))
    }

    fn speaker(&self, a: usize, sp: Speaker) -> Option<usize> {
        match sp {
            // The quote stage already resolved pronouns and descriptions to a mention.
            Speaker::Mention(mi) => self.assigned(a).get(mi).copied().flatten(),
            Speaker::Before(pos) => self.person_before(a, pos),
            Speaker::Unknown => None,
        }
    }

    fn claim(&self, a: usize, s: usize, value: Value) -> Claim {
        let sentence = self.sentence(a, s);
        let written = value
            .get("as_written")
            .or_else(|| value.get("words"))
            .and_then(Value::as_str)
            .unwrap_or("");
        Claim {
            article: self.id(a).to_string(),
            sentence: s,
            text: claim_text(sentence, written),
            value,
        }
    }

    fn name(&self, e: usize) -> &str {
        self.entities.get(e).map_or("", |x| x.name.as_str())
    }
}

/// Compares the extracted claims of a story's articles.
pub fn compare(
    articles: &[&Article],
    extracted: &[ArticleFacts],
    cfg: &FactsConfig,
    sim: &dyn SentenceSimilarity,
) -> Vec<Fact> {
    let n = articles.len().min(extracted.len());
    let (articles, extracted) = (
        articles.get(..n).unwrap_or(articles),
        extracted.get(..n).unwrap_or(extracted),
    );
    let story = Story::new(articles, extracted);
    let mut facts = Vec::new();
    facts.extend(quantity_facts(&story, cfg, sim));
    facts.extend(quote_facts(&story, cfg));
    facts.extend(date_facts(&story, cfg, sim));
    facts.extend(tally_facts(&story, cfg, sim));
    if cfg.entity_facts {
        facts.extend(entity_facts(&story));
    }
    for f in &mut facts {
        f.salience = salience(f, n);
    }
    let kind_rank = |k: &str| {
        ["quantity", "quote", "date", "entity"]
            .iter()
            .position(|x| *x == k)
    };
    let status_rank = |s: &str| {
        ["conflict", "agreed", "single_source"]
            .iter()
            .position(|x| *x == s)
    };
    facts.sort_by(|x, y| {
        y.salience
            .total_cmp(&x.salience)
            .then(kind_rank(&x.kind).cmp(&kind_rank(&y.kind)))
            .then(status_rank(&x.status).cmp(&status_rank(&y.status)))
            .then(y.sources.cmp(&x.sources))
            .then(x.about.cmp(&y.about))
    });
    facts
}

/// A fact no brief needs: the mere mention of a name, a count with no referent ("two
/// leaders", a number whose counted thing is unknown), a bare weekday not in conflict, a
/// quote fragment of three words or fewer unless two or more sources repeat it.
pub fn is_trivial(f: &Fact) -> bool {
    let written = |c: &Claim| {
        c.value
            .get("as_written")
            .or_else(|| c.value.get("words"))
            .and_then(Value::as_str)
            .unwrap_or("")
            .to_string()
    };
    match f.kind.as_str() {
        "quantity" => {
            f.about.ends_with("(unknown)")
                || (f.status != "conflict"
                    && f.claims.iter().all(|c| {
                        let w = written(c);
                        c.value
                            .get("count")
                            .and_then(Value::as_f64)
                            .is_some_and(|v| v <= 2.0)
                            && !w.bytes().any(|b| b.is_ascii_digit())
                    }))
        }
        "date" => {
            f.status != "conflict"
                && f.claims.iter().all(|c| {
                    let w = written(c).to_lowercase();
                    let w = super::words::strip_possessive(&w).to_string();
                    [
                        "monday",
                        "tuesday",
                        "wednesday",
                        "thursday",
                        "friday",
                        "saturday",
                        "sunday",
                    ]
                    .contains(&w.as_str())
                })
        }
        "quote" => f.sources < 2 && f.claims.iter().all(|c| words(&written(c)).len() <= 3),
        _ => true,
    }
}

/// The salience of a fact in a story of `n` articles (see [`Fact::salience`]): 0 for a
/// trivial fact; otherwise conflicts in (0.6, 1], agreed facts in (0.1, 0.6], single-source
/// ones in (0, 0.35], each ranked by the share of articles that state it, how early they
/// state it (the lead tells what matters), and its kind (figures before dates and quotes).
pub fn salience(f: &Fact, n: usize) -> f64 {
    if is_trivial(f) {
        return 0.0;
    }
    let share = (f.sources as f64 / n.max(1) as f64).min(1.0);
    let first = f.claims.iter().map(|c| c.sentence).min().unwrap_or(0);
    let lead = 1.0 / (1.0 + first as f64 / 4.0);
    let kind = match f.kind.as_str() {
        "quantity" => 1.0,
        "quote" | "date" => 0.8,
        _ => 0.1,
    };
    let base = 0.45 * share + 0.3 * lead + 0.25 * kind;
    let s = match f.status.as_str() {
        "conflict" => 0.6 + 0.4 * base,
        "agreed" => 0.1 + 0.5 * base,
        _ => 0.35 * base,
    };
    (s * 1000.0).round() / 1000.0
}

fn fact(kind: &str, about: String, status: &str, mut claims: Vec<(usize, Claim)>) -> Fact {
    claims.sort_by(|a, b| a.0.cmp(&b.0).then(a.1.sentence.cmp(&b.1.sentence)));
    let sources = claims.iter().map(|c| c.0).collect::<BTreeSet<_>>().len();
    let status = if status == "agreed" && sources < 2 {
        "single_source"
    } else {
        status
    };
    let shown: Vec<(&str, &Value)> = claims
        .iter()
        .map(|c| (c.1.text.as_str(), &c.1.value))
        .collect();
    let topic = super::topic::topic(kind, &about, status, &shown);
    Fact {
        kind: kind.into(),
        about,
        topic,
        status: status.into(),
        sources,
        claims: claims.into_iter().map(|c| c.1).collect(),
        salience: 0.0,
    }
}

fn num(v: f64) -> Value {
    let r = (v * 100.0).round() / 100.0;
    if r.fract() == 0.0 && r.abs() < 1e15 {
        json!(r as i64)
    } else {
        json!(r)
    }
}

// ---- quantities ----

struct QClaim<'q> {
    a: usize,
    s: usize,
    q: &'q Quantity,
    thing: String,
    /// The person the figure belongs to, when the sentence says ("Carter scored 14 points").
    holder: Option<usize>,
    /// The first content word between that person and the figure ("scor" in "Carter scored
    /// 14"), empty when there is none ("Carter had 12").
    holder_verb: String,
    /// For a span between two happenings ("married three weeks before he was killed") or
    /// a street address ("the 12000 block of East 223rd Street"), the fact's heading;
    /// empty otherwise.
    label: String,
}

/// Verbs that say no more than "has" between a person and a figure ("added 12", "finished
/// with 20"), as [`super::quantities::thing_class`] stems them.
const LIGHT_VERBS: &[&str] = &[
    "add", "added", "adds", "finish", "post", "total", "got", "get", "gets", "receiv", "given",
];

/// A thousands separator: a digit, a comma (and in tokenised text a space), three digits.
// A literal pattern; the tests compile it.
#[allow(clippy::expect_used)]
static THOUSANDS: std::sync::LazyLock<regex::Regex> =
    std::sync::LazyLock::new(|| regex::Regex::new(r"(\d), ?(\d{3})\b").expect("static regex"));

/// Words that start a new clause: a person named before them is not the subject of what
/// follows.
const CLAUSE_WORDS: &[&str] = &[
    "and",
    "but",
    "while",
    "whereas",
    "who",
    "whom",
    "whose",
    "which",
    "that",
    "than",
    "after",
    "before",
    "when",
    "as",
    "because",
    "if",
    "of",
    "said",
    "says",
    "say",
    "told",
    "according",
    "reported",
    "announced",
];

/// Whose figure: the person named last before it in the same clause, with at most six words
/// between them and an apposition skipped ("Richard Carter scored 14 points", "McDermott, a
/// junior, now has 2,129 points", "Buford's record of 2,116"). `None` when the clause
/// changes in between or no person is named close enough.
fn holder(story: &Story<'_>, a: usize, s: usize, q: &Quantity) -> Option<(usize, String)> {
    let art = story.articles.get(a)?;
    let sentence = art.sentences.get(s)?.clone();
    let start = sentence.start.checked_add(q.range.start)?;
    let end = sentence.start.checked_add(q.range.end)?;
    let mentions = &story.facts(a).mentions;
    let person = |mi: usize| {
        story.assigned(a).get(mi).copied().flatten().filter(|e| {
            story
                .entities
                .get(*e)
                .is_some_and(|x| x.kind == EntityKind::Person)
        })
    };
    // After it: "13 points from Seth VanDeest", "14 points from backup center Will Artino".
    let after = mentions.iter().enumerate().find(|(_, m)| {
        m.start >= end
            && m.end <= sentence.end
            && art.text.get(end..m.start).is_some_and(|gap| {
                let ws = words(gap);
                ws.len() <= 4
                    && !gap.contains([',', ';', ':', '(', ')', '"', '“', '”', '—', '–'])
                    && ws
                        .iter()
                        .rev()
                        .take(3)
                        .any(|w| w.text == "from" || w.text == "by")
            })
    });
    if let Some(e) = after.and_then(|(mi, _)| person(mi)) {
        return Some((e, String::new()));
    }
    // The last person named before it ("Seth VanDeest led Drake with 13 points": Drake is
    // no person).
    let (e, m) = mentions
        .iter()
        .enumerate()
        .filter(|(_, m)| m.end <= start && m.start >= sentence.start)
        .filter_map(|(mi, m)| person(mi).map(|e| (e, m)))
        .next_back()?;
    // The object of a verb ("complemented Echenique", "paced by McDermott") holds nothing
    // the clause counts afterwards.
    let before = words(art.text.get(sentence.start..m.start)?);
    if before.last().is_some_and(|w| {
        let l = w.text.to_lowercase();
        !w.is_capitalised()
            && (l.ends_with("ed")
                || matches!(
                    l.as_str(),
                    "by" | "from" | "with" | "to" | "of" | "over" | "against" | "past" | "for"
                ))
    }) {
        return None;
    }
    // Separators inside figures ("2,029 points", "2, 029" in tokenised text) end no clause.
    let gap_text = THOUSANDS.replace_all(art.text.get(m.end..start)?, "$1$2");
    let mut gap = gap_text.trim_start();
    // A relative clause about the person: "VanDeest, who had 13 points".
    if let Some(rest) = gap.strip_prefix(", who ") {
        gap = rest;
    } else if let Some(rest) = gap.strip_prefix(',') {
        // An apposition: ", a junior," / ", 32,".
        gap = rest.split_once(',').map(|(_, after)| after)?;
    }
    if gap.contains([',', ';', ':', '(', ')', '"', '“', '”', '—', '–']) {
        return None;
    }
    let ws = words(gap);
    let new_clause = ws
        .iter()
        .any(|w| CLAUSE_WORDS.contains(&w.text.to_lowercase().as_str()));
    // The verb comes before any other figure ("has 2,029 points in 106 games": "points" is
    // no verb of the games).
    let verb = ws
        .iter()
        .map(|w| w.text.to_lowercase())
        .take_while(|l| !l.chars().any(|c| c.is_ascii_digit()))
        .find(|l| !super::words::is_stop_word(l))
        .map(|l| super::quantities::thing_class(&l))
        .unwrap_or_default();
    (ws.len() <= 6 && !new_clause).then_some((e, verb))
}

fn quantity_facts(story: &Story<'_>, cfg: &FactsConfig, sim: &dyn SentenceSimilarity) -> Vec<Fact> {
    let mut groups: BTreeMap<(Dimension, String, String), Vec<QClaim<'_>>> = BTreeMap::new();
    let mut out = Vec::new();
    for (a, ex) in story.extracted.iter().enumerate() {
        for (s, q) in &ex.quantities {
            let span = (q.dimension == Dimension::Duration && q.thing.is_empty())
                .then(|| span_between(story.sentence(a, *s), &q.range))
                .flatten();
            let (thing, label) = if q.dimension == Dimension::Age {
                let name = age_subject(story, a, *s, q).map(|e| story.name(e).to_string());
                (name.unwrap_or_default(), String::new())
            } else if let Some(span) = span {
                span
            } else if let Some((key, shown)) = (q.dimension == Dimension::Percent)
                .then(|| rate_laid_on(story.sentence(a, *s), &q.range))
                .flatten()
            {
                (key, shown)
            } else if let Some((key, shown)) = (q.thing == "block")
                .then(|| block_street(story.sentence(a, *s), q.range.end))
                .flatten()
            {
                (format!("block of {key}"), format!("block of {shown}"))
            } else {
                (q.thing.clone(), String::new())
            };
            let (holder, holder_verb) = if q.dimension == Dimension::Age {
                (None, String::new())
            } else {
                holder(story, a, *s, q).map_or((None, String::new()), |(e, v)| (Some(e), v))
            };
            let c = QClaim {
                a,
                s: *s,
                q,
                thing,
                holder,
                holder_verb,
                label,
            };
            if c.thing.is_empty() {
                out.push(quantity_fact(story, &[&c], "single_source"));
                continue;
            }
            groups
                .entry((q.dimension, q.unit.clone(), c.thing.clone()))
                .or_default()
                .push(c);
        }
    }
    for claims in groups.values() {
        // Agreement: compatible values in similar sentences.
        let mut clusters: Vec<(Vec<usize>, f64, f64)> = Vec::new();
        // Exact values first, open-ended ones ("at least 10") last: vague claims then join
        // the precise claim they are most like instead of gathering unrelated ones.
        let mut order: Vec<usize> = (0..claims.len()).collect();
        let width = |c: &QClaim<'_>| ((c.q.high - c.q.low) / c.q.value.abs().max(1.0)).min(1e6);
        let width_of = |k: usize| claims.get(k).map_or(0.0, width);
        order.sort_by(|&x, &y| width_of(x).total_cmp(&width_of(y)).then(x.cmp(&y)));
        for i in order {
            let Some(c) = claims.get(i) else { continue };
            // The compatible cluster with the most similar sentence.
            let score = |members: &Vec<usize>| -> Option<f32> {
                members
                    .iter()
                    .filter_map(|&m| {
                        let o = claims.get(m)?;
                        let (fo, fc) = (&o.q.frame, &c.q.frame);
                        if !(fo == fc || fo.is_empty() || fc.is_empty()) {
                            return None;
                        }
                        // A vague amount never agrees with a precise figure.
                        if o.q.vague != c.q.vague {
                            return None;
                        }
                        if o.a == c.a {
                            return (o.q.value == c.q.value).then_some(1.0);
                        }
                        let s = story.similarity(sim, o.a, o.s, c.a, c.s);
                        (s >= cfg.agree_similarity).then_some(s)
                    })
                    .max_by(f32::total_cmp)
            };
            let join = clusters
                .iter()
                .enumerate()
                .filter(|(_, (_, lo, hi))| lo.max(c.q.low) <= hi.min(c.q.high))
                .filter(|(_, (members, _, _))| {
                    // Two people's figures ("Carter scored 14", "Artino scored 14") are two.
                    members.iter().filter_map(|&m| claims.get(m)).all(|o| {
                        let two_people =
                            o.holder.is_some() && c.holder.is_some() && o.holder != c.holder;
                        !hedges_clash(o.q, c.q) && !two_people
                    })
                })
                .filter_map(|(k, (members, _, _))| score(members).map(|s| (k, s)))
                .max_by(|a, b| a.1.total_cmp(&b.1).then(b.0.cmp(&a.0)))
                .map(|(k, _)| k);
            match join {
                Some(k) => {
                    if let Some(cl) = clusters.get_mut(k) {
                        cl.0.push(i);
                        cl.1 = cl.1.max(c.q.low);
                        cl.2 = cl.2.min(c.q.high);
                    }
                }
                None => clusters.push((vec![i], c.q.low, c.q.high)),
            }
        }
        let unique = one_referent(story, claims);
        // Conflict: two incompatible clusters about the same thing, paired by their most
        // similar sentences; each cluster is in at most one conflict.
        let (taken, used) = pair_clusters(&clusters, |cx, cy| {
            conflicting(story, cfg, sim, claims, unique, cx, cy)
        });
        let members_of = |k: usize| clusters.get(k).map_or(&[][..], |c| c.0.as_slice());
        for group in taken {
            let cs: Vec<&QClaim<'_>> = group
                .iter()
                .flat_map(|&k| members_of(k))
                .filter_map(|&m| claims.get(m))
                .collect();
            out.push(quantity_fact(story, &cs, "conflict"));
        }
        for (k, (members, _, _)) in clusters.iter().enumerate() {
            if !used.contains(&k) {
                let cs: Vec<&QClaim<'_>> = members.iter().filter_map(|&m| claims.get(m)).collect();
                out.push(quantity_fact(story, &cs, "agreed"));
            }
        }
    }
    out
}

/// Pairs clusters into conflicts: every pair `conflict` scores, the best first, each cluster
/// in at most one conflict (ties broken by position, so the result is deterministic). A
/// cluster left over that conflicts with every cluster of a conflict joins it: three reports
/// giving three values ("the 12000", "12200" and "12500 block") are one disagreement.
/// Returns the conflicts taken (their clusters) and the clusters they use.
fn pair_clusters<T>(
    clusters: &[T],
    conflict: impl Fn(&T, &T) -> Option<f32>,
) -> (Vec<Vec<usize>>, BTreeSet<usize>) {
    let mut pairs: Vec<(f32, usize, usize)> = Vec::new();
    for (x, cx) in clusters.iter().enumerate() {
        for (y, cy) in clusters.iter().enumerate().skip(x.saturating_add(1)) {
            if let Some(s) = conflict(cx, cy) {
                pairs.push((s, x, y));
            }
        }
    }
    let scored: BTreeSet<(usize, usize)> = pairs.iter().map(|&(_, x, y)| (x, y)).collect();
    pairs.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)).then(a.2.cmp(&b.2)));
    let mut used: BTreeSet<usize> = BTreeSet::new();
    let mut taken: Vec<Vec<usize>> = Vec::new();
    for &(_, x, y) in &pairs {
        if used.contains(&x) || used.contains(&y) {
            continue;
        }
        used.insert(x);
        used.insert(y);
        taken.push(vec![x, y]);
    }
    let clash = |a: usize, b: usize| scored.contains(&(a.min(b), a.max(b)));
    for z in 0..clusters.len() {
        if used.contains(&z) {
            continue;
        }
        if let Some(group) = taken.iter_mut().find(|g| g.iter().all(|&k| clash(k, z))) {
            group.push(z);
            used.insert(z);
        }
    }
    (taken, used)
}

/// Pronouns that stand for a person or group named earlier.
const PERSONAL_PRONOUNS: &[&str] = &["he", "she", "him", "his", "her", "they", "them", "their"];

/// A claim's sentence longer than this many bytes is shown as a window around its value.
const CLAIM_TEXT_MAX: usize = 1200;

/// The sentence a claim stands on, or, when it runs past [`CLAIM_TEXT_MAX`] bytes (a text
/// without sentence ends), the window around the value's first occurrence, marked with
/// "…": the report grows with the claims, not with claims times sentence length.
fn claim_text(sentence: &str, written: &str) -> String {
    if sentence.len() <= CLAIM_TEXT_MAX {
        return sentence.to_string();
    }
    let at = if written.is_empty() {
        0
    } else {
        sentence.find(written).unwrap_or(0)
    };
    let mut start = at.saturating_sub(CLAIM_TEXT_MAX / 3);
    while !sentence.is_char_boundary(start) {
        start = start.saturating_add(1);
    }
    let mut end = start.saturating_add(CLAIM_TEXT_MAX).min(sentence.len());
    while !sentence.is_char_boundary(end) {
        end = end.saturating_sub(1);
    }
    let body = sentence.get(start..end).unwrap_or("");
    let head = if start > 0 { "\u{2026}" } else { "" };
    let tail = if end < sentence.len() { "\u{2026}" } else { "" };
    format!("{head}{body}{tail}")
}

/// Counted things too general to name one referent ("people", "times", "years").
const GENERAL_THINGS: &[&str] = &[
    "people", "time", "year", "day", "month", "week", "hour", "minut", "other", "member",
    "children", "child", "men", "women", "thing", "way", "part", "point", "game", "case",
];

/// The least similarity two sentences giving one span between two happenings need, each
/// report giving it once.
const SPAN_SIMILARITY: f32 = 0.1;

/// Happenings (as [`happening_at`] stems them) that say only that something happened or
/// was done: a span from one of them ("occurred five days before") does not tell which.
const GENERAL_HAPPENINGS: &[&str] = &[
    "occurr", "happen", "took", "made", "began", "start", "came", "left", "held", "did",
];

/// Each report counts the thing once (or only with compatible figures), and two or more
/// reports count it: in this story the noun names one referent ("the files Israel took",
/// "the rifles seized"), so their figures compare without a shared verb.
fn one_referent(story: &Story<'_>, claims: &[QClaim<'_>]) -> bool {
    let Some(first) = claims.first() else {
        return false;
    };
    // A span between two happenings ("married three weeks before the shooting") names its
    // happening, unless its verb says no more than that something happened.
    let span = !first.label.is_empty()
        && !GENERAL_HAPPENINGS
            .iter()
            .any(|g| first.thing.split(' ').next() == Some(*g));
    // A plural count noun ("files", "rifles"): "6.1 struck southern Iran" counts nothing.
    // "a 400-page report" counts pages as "448 pages" does.
    let adjective = |c: &QClaim<'_>| {
        story
            .sentence(c.a, c.s)
            .get(c.q.range.end..)
            .is_some_and(|rest| rest.starts_with('-'))
    };
    // Verbs that tell two figures ("sentenced to 10 years" / "faced 20 years"): each claim's
    // verb is missing or the same.
    let one_verb = claims.iter().all(|c| {
        claims
            .iter()
            .all(|o| c.q.frame.is_empty() || o.q.frame.is_empty() || c.q.frame == o.q.frame)
    });
    // A people named ("Palestinians", "Republicans") is a population, counted many ways
    // ("640 killed", "300 had taken shelter", "15,000 forced to flee"): no one referent.
    let people = claims
        .iter()
        .any(|c| c.q.noun.chars().next().is_some_and(char::is_uppercase));
    let counted = first.q.dimension == Dimension::Count
        && !GENERAL_THINGS.contains(&first.thing.as_str())
        && !people
        && claims
            .iter()
            .all(|c| super::quantities::is_plural(&c.q.noun) || adjective(c));
    // A sum with its own noun ("the $2.1 billion budget"), not a bare "sum". Not a length:
    // "a 10-year deal" hoped for and "an eight-year deal" needed, "five days of riots" and
    // "8 days of riots" told days apart, "eight hours of battery life" of one model and "five
    // hours" of another are two figures as often as one.
    let named = first.q.dimension == Dimension::Money
        && first.label.is_empty()
        && !GENERAL_THINGS.contains(&first.thing.as_str())
        && first.thing != "sum"
        && one_verb
        // Whose it is may differ from report to report: "Putin's call" / "his call".
        && claims.iter().all(|c| !owned(story.sentence(c.a, c.s), &c.q.noun));
    if !span && !counted && !named {
        return false;
    }
    let articles: BTreeSet<usize> = claims.iter().map(|c| c.a).collect();
    // A vague amount is an order of magnitude, not a count: a report that says "tens of
    // thousands of files" and "hundreds of thousands of files" speaks loosely of one lot.
    let precise: Vec<&QClaim<'_>> = claims.iter().filter(|c| !c.q.vague).collect();
    articles.len() >= 2
        && precise.iter().enumerate().all(|(i, c)| {
            precise
                .iter()
                .skip(i.saturating_add(1))
                .all(|o| o.a != c.a || o.q.low.max(c.q.low) <= o.q.high.min(c.q.high))
        })
}

/// The noun stands after a possessive ("Putin's 90-minute call", "his call"), within three
/// words: it is someone's, and another report's may be someone else's.
fn owned(sentence: &str, noun: &str) -> bool {
    let ws = words(sentence);
    let Some(k) = ws.iter().position(|w| w.text.eq_ignore_ascii_case(noun)) else {
        return false;
    };
    ws.get(k.saturating_sub(3)..k)
        .unwrap_or_default()
        .iter()
        .any(|w| {
            let l = w.text.to_lowercase();
            l.ends_with("'s")
                || l.ends_with("’s")
                || matches!(l.as_str(), "his" | "her" | "their" | "its" | "our" | "my")
        })
}

/// One sentence gives a year the other does not ("the 2004 tsunami killed 168,000"): they
/// are anchored to different events.
/// "last year" and "this year" count as the year they name, from the report's date ("16
/// tests in 2017" and "20 tests last year", published in 2018, are anchored alike).
/// A report without a date cannot place its "last year": that sentence may name any year,
/// and differs only from a sentence naming none of the years it names outright.
fn years_differ(x: &str, px: Option<i32>, y: &str, py: Option<i32>) -> bool {
    let (a, b) = (years_named(x, px), years_named(y, py));
    if unplaced_year(x, px) || unplaced_year(y, py) {
        return !a.is_empty() && !b.is_empty() && a.is_disjoint(&b);
    }
    a != b
}

/// "last year" or "this year" in a report with no date.
fn unplaced_year(s: &str, published: Option<i32>) -> bool {
    published.is_none() && {
        let l = s.to_lowercase();
        l.contains("last year") || l.contains("this year")
    }
}

/// The words within [`YEAR_REACH`] words of a figure: a year further off in a long sentence
/// dates something else ("almost four dozen questions … into Russian meddling in the 2016
/// election", "Sixty-year-old Smith is now accused of murdering two women … in 1967").
fn near_figure<'s>(sentence: &'s str, figure: &std::ops::Range<usize>) -> &'s str {
    /// How many words from a figure a year still dates it ("16 tests between February and
    /// December 2017").
    const YEAR_REACH: usize = 12;
    let ws = words(sentence);
    let first = ws.iter().position(|w| w.end > figure.start).unwrap_or(0);
    let last = ws
        .iter()
        .rposition(|w| w.start < figure.end)
        .unwrap_or(first)
        .max(first);
    let from = ws
        .get(first.saturating_sub(YEAR_REACH))
        .map_or(0, |w| w.start);
    let to = ws
        .get(
            last.saturating_add(YEAR_REACH)
                .min(ws.len().saturating_sub(1)),
        )
        .map_or(sentence.len(), |w| w.end);
    sentence.get(from..to.max(from)).unwrap_or(sentence)
}

/// Neither sentence names a year, but the sentences just before them do, and not the same
/// one: "In 1959 he was convicted… He was sentenced to seven years" and "…a July 1997
/// racketeering conviction. He was sentenced to 12 years" are two sentencings.
fn context_years_differ(story: &Story<'_>, x: &QClaim<'_>, y: &QClaim<'_>) -> bool {
    let year_of = |c: &QClaim<'_>| -> Option<BTreeSet<i32>> {
        let published = story.published_year(c.a);
        if !years_named(story.sentence(c.a, c.s), published).is_empty() {
            return None;
        }
        years_before(story, c, published)
    };
    match (year_of(x), year_of(y)) {
        (Some(a), Some(b)) => a.is_disjoint(&b),
        _ => false,
    }
}

/// One sentence names no year near its figure, the other does, and a sentence just before
/// the first names one of those years: "In 1959, Gigante was convicted … He was sentenced
/// to seven years in prison" and "Gigante had served only a five-year heroin rap in 1959"
/// tell one sentence.
fn context_year_agrees(story: &Story<'_>, x: &QClaim<'_>, y: &QClaim<'_>) -> bool {
    let named = |c: &QClaim<'_>| -> (BTreeSet<i32>, Option<i32>) {
        let published = story.published_year(c.a);
        let near = near_figure(story.sentence(c.a, c.s), &c.q.range);
        (years_named(near, published), published)
    };
    // Of the years near a figure, the nearest dates it ("Before 1997, Gigante had served
    // only a five-year heroin rap in 1959": 1959).
    let nearest = |c: &QClaim<'_>, ys: &BTreeSet<i32>| -> BTreeSet<i32> {
        let sentence = story.sentence(c.a, c.s);
        let at = |w: &Word<'_>| {
            if w.end <= c.q.range.start {
                c.q.range.start.saturating_sub(w.end)
            } else {
                w.start.saturating_sub(c.q.range.end)
            }
        };
        words(sentence)
            .iter()
            .filter_map(|w| year_word(w.text).filter(|v| ys.contains(v)).map(|v| (w, v)))
            .min_by_key(|(w, _)| at(w))
            .map(|(_, v)| v)
            .map_or_else(|| ys.clone(), |v| BTreeSet::from([v]))
    };
    let before = |c: &QClaim<'_>, published| years_before(story, c, published).unwrap_or_default();
    let ((nx, px), (ny, py)) = (named(x), named(y));
    match (nx.is_empty(), ny.is_empty()) {
        (true, false) => !before(x, px).is_disjoint(&nearest(y, &ny)),
        (false, true) => !before(y, py).is_disjoint(&nearest(x, &nx)),
        _ => false,
    }
}

/// How many sentences back a year still sets the time of a sentence.
const CONTEXT_REACH: usize = 2;

/// The years named by the nearest of the [`CONTEXT_REACH`] sentences before `c`'s that
/// names any.
fn years_before(
    story: &Story<'_>,
    c: &QClaim<'_>,
    published: Option<i32>,
) -> Option<BTreeSet<i32>> {
    (1..=CONTEXT_REACH)
        .filter_map(|back| c.s.checked_sub(back))
        .map(|k| {
            let mut ys = years_named(story.sentence(c.a, k), published);
            // "A year later, he was convicted": the year the report counted to.
            ys.extend(
                story
                    .facts(c.a)
                    .dates
                    .iter()
                    .filter(|(s, d)| *s == k && d.surface.to_lowercase().contains("year"))
                    .filter_map(|(_, d)| super::times::year_of(d)),
            );
            ys
        })
        .find(|ys| !ys.is_empty())
}

/// A word that is a year: four digits, 1900 to 2100.
fn year_word(text: &str) -> Option<i32> {
    (text.len() == 4)
        .then(|| text.parse::<i32>().ok())
        .flatten()
        .filter(|v| (1900..=2100).contains(v))
}

/// The years a sentence names: four-digit years, and "last year" / "this year" from the
/// report's year.
fn years_named(s: &str, published: Option<i32>) -> BTreeSet<i32> {
    let ws = words(s);
    let mut out: BTreeSet<i32> = ws.iter().filter_map(|w| year_word(w.text)).collect();
    for pair in ws.windows(2) {
        let (Some(a), Some(b)) = (pair.first(), pair.get(1)) else {
            continue;
        };
        if !b.text.eq_ignore_ascii_case("year") {
            continue;
        }
        let shift = match a.text.to_lowercase().as_str() {
            "last" => Some(-1),
            "this" => Some(0),
            _ => None,
        };
        if let Some(y) = shift.and_then(|d| published.and_then(|p| p.checked_add(d))) {
            out.insert(y);
        }
    }
    out
}

// A literal pattern: it compiles (the tests run it), so `expect` cannot fire.
#[allow(clippy::expect_used)]
static GAME_CLOCK: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
    regex::Regex::new(
        r"(?i)\b(?:with|at)\s+[\d: ]+(?:to play|to go|left|remaining)\s+in\s+the\s+(?:first|second|third|fourth)\s+(?:half|quarter|period)",
    )
    .expect("static regex")
});

// A literal pattern: it compiles (the tests run it), so `expect` cannot fire.
#[allow(clippy::expect_used)]
static YEAR_SPAN: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
    regex::Regex::new(
        r"(?i)\b(?:from\s+)?(?:1[89]\d\d|20\d\d)\s*(?:[-\u{2013}]|\bto\b|\bthrough\b)\s*(?:1[89]\d\d|20\d\d|\d\d)\b",
    )
    .expect("static regex")
});

/// Words that set the scope of a figure: a time span ("since October", "this season", "so
/// far"), a total or a part ("in all", "career", "each"), or another event of the same kind
/// ("another quake", "a second attack", "an earlier strike"). Two sentences with different
/// scope words may give different figures for different things. A moment on the game clock
/// ("with 4:43 to play in the first half") dates the figure; it does not scope it to that
/// stretch of the game.
fn scope_words(sentence: &str) -> BTreeSet<&'static str> {
    let sentence = GAME_CLOCK.replace_all(sentence, " ");
    let sentence = sentence.as_ref();
    const ONE: &[&str] = &[
        "since",
        "season",
        "career",
        "total",
        "overall",
        "altogether",
        "cumulative",
        "each",
        "every",
        "per",
        "another",
        "second",
        "earlier",
        "later",
        "previous",
        "previously",
        "aftershock",
        "aftershocks",
        "combined",
        "record",
        "halftime",
        "overtime",
    ];
    const TWO: &[&str] = &[
        "so far",
        "in all",
        "to date",
        "this year",
        "last year",
        "this week",
        "last week",
        // A stretch of a game: "seven points in the first half" is part of a tally.
        "first half",
        "first quarter",
        "third quarter",
        "fourth quarter",
        "first period",
        "third period",
    ];
    let lower: Vec<String> = words(sentence)
        .iter()
        .map(|w| w.text.to_lowercase())
        .collect();
    let mut out = BTreeSet::new();
    // "four seasons as director (1999-2003)": the years the figure spans.
    if YEAR_SPAN.is_match(sentence) {
        out.insert("years span");
    }
    for (k, w) in lower.iter().enumerate() {
        if let Some(x) = ONE.iter().find(|x| **x == w.as_str()) {
            out.insert(*x);
        }
        if let Some(next) = lower.get(k.saturating_add(1)) {
            let pair = format!("{w} {next}");
            if let Some(x) = TWO.iter().find(|x| **x == pair) {
                out.insert(*x);
            }
        }
    }
    out
}

/// The two sentences scope their figures differently (see [`scope_words`]).
fn scopes_differ(x: &str, y: &str) -> bool {
    scope_words(x) != scope_words(y)
}

/// As [`scopes_differ`], leaving "last year" and "this year" to [`years_differ`], which
/// reads them as the year they name.
fn scopes_differ_but_years(x: &str, y: &str) -> bool {
    let strip = |s: BTreeSet<&'static str>| -> BTreeSet<&'static str> {
        s.into_iter()
            .filter(|w| *w != "last year" && *w != "this year")
            .collect()
    };
    strip(scope_words(x)) != strip(scope_words(y))
}

/// Each sentence gives another figure of the same kind and thing, and those cannot both
/// hold ("a 5.6 magnitude quake injured five" / "a magnitude-5.2 quake injured three"): the
/// sentences tell two events of the same kind.
fn companions_differ(story: &Story<'_>, x: &QClaim<'_>, y: &QClaim<'_>) -> bool {
    let others = |c: &QClaim<'_>| -> Vec<&Quantity> {
        story
            .facts(c.a)
            .quantities
            .iter()
            .filter(|(s, q)| *s == c.s && q.range != c.q.range && !q.thing.is_empty())
            .map(|(_, q)| q)
            .collect()
    };
    let (ox, oy) = (others(x), others(y));
    ox.iter().any(|p| {
        oy.iter().any(|q| {
            p.dimension == q.dimension
                && p.unit == q.unit
                && p.thing == q.thing
                && p.low.max(q.low) > p.high.min(q.high)
        })
    })
}

/// `x` is one of the parts its sentence counts of the same thing, and the parts add up to
/// `y`: "seven AK-47 assault rifles, two other rifles" and "nine assault rifles" count the
/// same nine.
fn parts_make(story: &Story<'_>, x: &QClaim<'_>, y: &QClaim<'_>) -> bool {
    if x.q.dimension != Dimension::Count || x.q.thing.is_empty() {
        return false;
    }
    let parts: f64 = story
        .facts(x.a)
        .quantities
        .iter()
        .filter(|(s, q)| {
            *s == x.s && q.dimension == x.q.dimension && q.thing == x.q.thing && !q.vague
        })
        .map(|(_, q)| q.value)
        .sum();
    parts != x.q.value && (parts - y.q.value).abs() < 0.5
}

/// `x`'s sentence also gives, as another figure in digits, about `y`'s value ("killed more
/// than 230,000 people, over 170,000 of them in Aceh" and "168,000 were killed in Aceh"):
/// the two reports count a whole and a part, or two things, not one thing twice. Only for
/// figures whose value is the number as written (counts, sums of money): a time of day is
/// in minutes, so "1:30 a.m." is 90, which "highway 94" must not stand for.
fn gives_other_figure(story: &Story<'_>, x: &QClaim<'_>, y: &QClaim<'_>) -> bool {
    /// How close, relative to the larger, two figures are "about" the same.
    const ABOUT: f64 = 0.05;
    if !matches!(y.q.dimension, Dimension::Count | Dimension::Money) {
        return false;
    }
    let sentence = story.sentence(x.a, x.s);
    words(sentence).iter().any(|w| {
        let outside = w.end <= x.q.range.start || w.start >= x.q.range.end;
        let value = w.text.replace(',', "").parse::<f64>().ok();
        outside
            && value
                .is_some_and(|v| v > 0.0 && (v - y.q.value).abs() <= ABOUT * v.max(y.q.value.abs()))
    })
}

/// "almost four dozen" and "at least four dozen" cannot both hold, though their intervals
/// touch: "almost" puts the figure below the number, "at least" at or above it.
fn hedges_clash(a: &Quantity, b: &Quantity) -> bool {
    const BELOW: &[&str] = &["nearly", "almost", "close to", "just under"];
    const AT_OR_ABOVE: &[&str] = &["at least", "more than", "over", "just over", "well over"];
    const ABOUT: &[&str] = &[
        "about",
        "around",
        "roughly",
        "approximately",
        "some",
        "estimated",
    ];
    let is = |q: &Quantity, set: &[&str]| q.hedge.as_deref().is_some_and(|h| set.contains(&h));
    // Two round figures each give their own margin; the margins do not add up: "about 1.2
    // million" and "some 1.5 million" disagree unless one figure falls in the other's margin.
    let inside = |v: f64, q: &Quantity| q.low <= v && v <= q.high;
    let stacked = is(a, ABOUT) && is(b, ABOUT) && !inside(a.value, b) && !inside(b.value, a);
    // "nearly 700,000" is below 700,000; "about 800,000" reaches down to its margin's edge at
    // most: where the edge is at or above the other's figure, they do not meet.
    let below_about = |x: &Quantity, y: &Quantity| is(x, BELOW) && is(y, ABOUT) && x.value <= y.low;
    // "almost eight" is between seven and eight; "nearly seven" below seven: two figures just
    // under different round numbers meet only within the larger one's last unit.
    let both_below = is(a, BELOW) && is(b, BELOW) && {
        let (lo, hi) = if a.value <= b.value {
            (a.value, b.value)
        } else {
            (b.value, a.value)
        };
        lo < hi && last_unit(hi).is_some_and(|u| lo <= hi - u)
    };
    stacked
        || both_below
        || below_about(a, b)
        || below_about(b, a)
        || (is(a, BELOW) && is(b, AT_OR_ABOVE) && a.value <= b.value)
        || (is(b, BELOW) && is(a, AT_OR_ABOVE) && b.value <= a.value)
}

/// The place value of a whole number's last digit that is not zero (8 → 1, 700,000 →
/// 100,000, 48,000 → 1,000); none for a fraction or a number out of range.
fn last_unit(v: f64) -> Option<f64> {
    if !(1.0..1e15).contains(&v) || v.fract() != 0.0 {
        return None;
    }
    let mut unit = 1.0;
    while (v / (unit * 10.0)).fract() == 0.0 {
        unit *= 10.0;
    }
    Some(unit)
}

/// Two figures twenty times apart or more, as their written ranges stand.
fn far_apart(a: &Quantity, b: &Quantity) -> bool {
    ranges_far_apart((a.low, a.high), (b.low, b.high))
}

/// Two ranges (low, high) that do not meet, the upper one's low twenty times the lower one's
/// high or more (an open upper bound never is).
fn ranges_far_apart(a: (f64, f64), b: (f64, f64)) -> bool {
    let (lo, hi) = if a.1 < b.0 {
        (a.1, b.0)
    } else if b.1 < a.0 {
        (b.1, a.0)
    } else {
        return false;
    };
    lo > 0.0 && hi < OPEN_BOUND && hi / lo > 20.0
}

/// Upper bounds at or above this are open ("more than 50", "millions").
const OPEN_BOUND: f64 = 1e14;

/// Counted things specific enough to compare without a verb ("deaths", "the call").
const SPECIFIC_THINGS: &[&str] = &["call", "death"];

/// The root of `x` in a union-find forest, halving the path on the way.
fn find(parent: &mut [usize], mut x: usize) -> usize {
    while let Some(&p) = parent.get(x) {
        if p == x {
            break;
        }
        let grand = parent.get(p).copied().unwrap_or(p);
        if let Some(slot) = parent.get_mut(x) {
            *slot = grand;
        }
        x = grand;
    }
    x
}

fn conflicting(
    story: &Story<'_>,
    cfg: &FactsConfig,
    sim: &dyn SentenceSimilarity,
    claims: &[QClaim<'_>],
    unique: bool,
    x: &(Vec<usize>, f64, f64),
    y: &(Vec<usize>, f64, f64),
) -> Option<f32> {
    // Compatible wordings are no conflict.
    let members = |c: &(Vec<usize>, f64, f64)| -> Vec<&QClaim<'_>> {
        c.0.iter().filter_map(|&i| claims.get(i)).collect()
    };
    let (xs, ys) = (members(x), members(y));
    let clash = xs
        .iter()
        .any(|ci| ys.iter().any(|cj| hedges_clash(ci.q, cj.q)));
    if x.1.max(y.1) <= x.2.min(y.2) && !clash {
        return None;
    }
    // Figures twenty times apart are a part and its whole, or two different things ("10
    // points in the first minutes" and "a record of 2,116 points"), not one figure misreported.
    if ranges_far_apart((x.1, x.2), (y.1, y.2)) {
        return None;
    }
    // An article that gives both values speaks of two things, unless it gives them for two
    // people ("Artino scored 14 points" and "Carter had 12 points" in one report).
    let both = xs
        .iter()
        .any(|ci| ys.iter().any(|cj| ci.a == cj.a && ci.holder == cj.holder));
    if both {
        return None;
    }
    let mut best: Option<f32> = None;
    for &ci in &xs {
        for &cj in &ys {
            // One report's two figures are two things, not a disagreement.
            if ci.a == cj.a {
                continue;
            }
            // The twenty-times rule above, for the pair itself: an open-ended member ("at
            // least 40 injured") may sit in a cluster whose other members bound it.
            if far_apart(ci.q, cj.q) {
                continue;
            }
            // The same thing happening: the same verb ("killed" / "killed"), or a thing
            // specific enough on its own ("deaths") when one side has no verb.
            let (fi, fj) = (&ci.q.frame, &cj.q.frame);
            // A verb found next to the figure on one side and anywhere in the other sentence
            // ("LaRue served four months" / "he served four and a half months in prison").
            // Not a verb another figure of that sentence has: "At least 43 people were
            // killed … where hundreds of Palestinians had sought refuge" kills 43.
            let verb_in = |f: &str, c: &QClaim<'_>| {
                !f.is_empty()
                    && story
                        .stems
                        .get(c.a)
                        .and_then(|per| per.get(c.s))
                        .is_some_and(|st| st.contains(f))
                    && !story
                        .facts(c.a)
                        .quantities
                        .iter()
                        .any(|(s, q)| *s == c.s && q.range != c.q.range && q.frame == f)
            };
            let same_verb = (!fi.is_empty() && fi == fj)
                || (fj.is_empty() && verb_in(fi, cj))
                || (fi.is_empty() && verb_in(fj, ci))
                || (verb_in(fi, cj) && verb_in(fj, ci));
            // A named person's age, or a thing specific enough on its own ("deaths"), needs
            // no verb.
            // Figures held by two different people are two figures; the same person's
            // figure for the same thing is one, whatever the verb ("Carter scored 14 points"
            // / "Carter had 12 points").
            let same_holder = match (ci.holder, cj.holder) {
                (Some(x), Some(y)) if x != y => continue,
                (Some(x), Some(y)) => {
                    // The same person doing the same (or a light) thing: "scored 14" / "had
                    // 12", not "needed nine" / "averaged 22.8".
                    let (vi, vj) = (ci.holder_verb.as_str(), cj.holder_verb.as_str());
                    x == y
                        && (vi == vj
                            || [vi, vj]
                                .iter()
                                .any(|v| v.is_empty() || LIGHT_VERBS.contains(v)))
                }
                _ => false,
            };
            // Times of day more than two hours apart are two moments (the shooting, the
            // arrest); closer, they are one told differently, whatever the verb.
            let clock = ci.q.dimension == Dimension::TimeOfDay;
            if clock && (ci.q.value - cj.q.value).abs() > 120.0 {
                continue;
            }
            // What is to come ("kickoff is scheduled for 1:30 p.m.") each outlet gives in its
            // own time zone.
            let ahead =
                |c: &QClaim<'_>| super::times::looks_forward(&words(story.sentence(c.a, c.s)));
            if clock && (ahead(ci) || ahead(cj)) {
                continue;
            }
            // Whole hours apart ("3:30 p.m." / "4:30 p.m."): two outlets' time zones as often
            // as a disagreement.
            let apart = (ci.q.value - cj.q.value).abs();
            if clock && apart >= 60.0 && apart % 60.0 == 0.0 {
                continue;
            }
            // A span between two happenings names its happening in its thing; an address
            // is one place.
            let address = ci.thing.starts_with("block of ");
            let span = !ci.label.is_empty() && !address;
            let specific = same_holder
                || span
                || address
                || clock
                || unique
                || ci.q.dimension == Dimension::Age
                || SPECIFIC_THINGS.contains(&ci.thing.as_str());
            let exact_verb = !fi.is_empty() && fi == fj;
            // Without a shared verb, a person's ages compare only one year apart: two years
            // or more usually mean two moments (the arrest, the trial).
            let ages_close = ci.q.dimension != Dimension::Age
                || exact_verb
                || (ci.q.value - cj.q.value).abs() <= 1.0;
            // A thing each report counts once is one referent whatever the verb ("received
            // hundreds of thousands of signatures" / "signed by more than 1.8 million").
            // The same person's figure, with the same or a light verb, agrees already.
            let verb_agrees = same_verb
                || span
                || address
                || same_holder
                || fi.is_empty()
                || fj.is_empty()
                || fi == fj;
            // Verbs of opposite directions ("cut 5,000 jobs" / "added 8,000 jobs") tell two
            // happenings, however alike the rest.
            if super::words::opposed(fi, fj) {
                continue;
            }
            let same_event = (same_verb || unique || (specific && verb_agrees)) && ages_close;
            // Neither names a verb: the sentences must then tell much the same thing.
            let close = fi.is_empty() && fj.is_empty();
            if !same_event && !close {
                continue;
            }
            // A shared name, or the same other figure in both sentences ("a 36-year-old
            // climber … falling about 150 metres" / "36-year-old Duncan Rait … falling about
            // 60 metres"), ties them to one happening.
            let shared = story
                .context_entities(ci.a, ci.s)
                .intersection(&story.context_entities(cj.a, cj.s))
                .next()
                .is_some()
                || shares_plain_figure(
                    story.sentence(ci.a, ci.s),
                    &ci.q.range,
                    story.sentence(cj.a, cj.s),
                    &cj.q.range,
                );
            let year = |c: &QClaim<'_>| story.published_year(c.a);
            // A thing each report counts once is itself what the sentences share.
            if !(shared || unique)
                || story.names_differ(ci.a, ci.s, cj.a, cj.s)
                || (!address
                    && years_differ(
                    near_figure(story.sentence(ci.a, ci.s), &ci.q.range),
                    year(ci),
                    near_figure(story.sentence(cj.a, cj.s), &cj.q.range),
                    year(cj),
                ) && !context_year_agrees(story, ci, cj))
                // A person's age has no scope: "a day later 31-year-old Robert Buckley".
                || (ci.q.dimension != Dimension::Age
                    && !address
                    && scopes_differ_but_years(
                        story.sentence(ci.a, ci.s),
                        story.sentence(cj.a, cj.s),
                    ))
                || context_years_differ(story, ci, cj)
            {
                continue;
            }
            // "a three-point play" names a kind of play; "23 points" counts them.
            // "a 73-yard drive" and "a 7-yard touchdown pass" are two kinds of thing.
            let classifier = |c: &QClaim<'_>| {
                super::quantities::classified_noun(story.sentence(c.a, c.s), c.q.range.end)
            };
            if classifier(ci) != classifier(cj) {
                continue;
            }
            // "the city's four other mob families" leaves one out; "the five families" does not.
            let other = |c: &QClaim<'_>| {
                let rest = story.sentence(c.a, c.s).get(c.q.range.end..);
                words(rest.unwrap_or(""))
                    .first()
                    .is_some_and(|w| w.text.eq_ignore_ascii_case("other"))
            };
            // "Creighton's first eight points" is a stretch of the game, not a tally.
            let stretch = |c: &QClaim<'_>| {
                let head = story.sentence(c.a, c.s).get(..c.q.range.start);
                words(head.unwrap_or("")).last().is_some_and(|w| {
                    matches!(
                        w.text.to_lowercase().as_str(),
                        "first" | "last" | "final" | "next" | "opening" | "closing"
                    )
                })
            };
            // "Houses in two villages were also damaged": a figure followed by "also" counts
            // more of the thing, besides what the report counted before.
            let besides = |c: &QClaim<'_>| {
                let rest = story.sentence(c.a, c.s).get(c.q.range.end..);
                words(rest.unwrap_or(""))
                    .iter()
                    .take(5)
                    .any(|w| w.text.eq_ignore_ascii_case("also"))
            };
            if other(ci) != other(cj) || stretch(ci) != stretch(cj) || besides(ci) != besides(cj) {
                continue;
            }
            // Distances compare only from the same place ("20 miles north of Santa Rosa" and
            // "two miles from The Geysers" measure different things).
            let place = |c: &QClaim<'_>| {
                super::quantities::reference_place(story.sentence(c.a, c.s), c.q.range.end)
            };
            if ci.q.dimension == Dimension::Length && place(ci) != place(cj) {
                continue;
            }
            // A fragment ("2 miles.") does not say what it measures.
            let fragment = |c: &QClaim<'_>| words(story.sentence(c.a, c.s)).len() < 5;
            if fragment(ci)
                || fragment(cj)
                || companions_differ(story, ci, cj)
                || gives_other_figure(story, ci, cj)
                || gives_other_figure(story, cj, ci)
                || parts_make(story, ci, cj)
                || parts_make(story, cj, ci)
            {
                continue;
            }
            let s = story.similarity(sim, ci.a, ci.s, cj.a, cj.s);
            // A verb matched only somewhere in the other sentence needs more shared wording.
            let needed = if exact_verb || (same_event && specific && verb_agrees) {
                cfg.conflict_similarity
            } else if same_event {
                cfg.loose_verb_similarity
            } else {
                cfg.close_similarity
            };
            // Sharing no name, the sentences must share more of their wording; a span that
            // each report gives once for the same happening is tied by its happening.
            let needed = if span && unique {
                SPAN_SIMILARITY
            } else if shared {
                needed
            } else {
                needed.max(cfg.loose_verb_similarity)
            };
            if s >= needed && best.is_none_or(|b| s > b) {
                best = Some(s);
            }
        }
    }
    best
}

/// Whose age: the person named right after it ("27-year-old Christopher Simpson") or right
/// before it ("Robert Buckley, 32,"); nobody when it qualifies a common noun ("a 12-year-old
/// girl", "a 32-year-old climber": a person not named here); else the person named in the
/// sentence, else the last one named before it.
fn age_subject(story: &Story<'_>, a: usize, s: usize, q: &Quantity) -> Option<usize> {
    let art = story.articles.get(a)?;
    let base = art.sentences.get(s).map_or(0, |r| r.start);
    let (start, end) = (
        base.saturating_add(q.range.start),
        base.saturating_add(q.range.end),
    );
    let person = |mi: usize| {
        story
            .assigned(a)
            .get(mi)
            .copied()
            .flatten()
            .filter(|e| story.kind(*e) == Some(EntityKind::Person))
    };
    let mentions = &story.facts(a).mentions;
    // Right after: only lower-case words of at most two ("Englishman" is capitalised but
    // no name: it is not a mention).
    if let Some((mi, _)) = mentions.iter().enumerate().find(|(_, m)| {
        m.start >= end
            && art
                .text
                .get(end..m.start)
                .is_some_and(|gap| !gap.contains([',', '.', ';']) && words(gap).len() <= 2)
    }) {
        if let Some(e) = person(mi) {
            return Some(e);
        }
    }
    // Right before, as an apposition.
    if let Some((mi, _)) = mentions.iter().enumerate().rev().find(|(_, m)| {
        m.end <= start
            && art
                .text
                .get(m.end..start)
                .is_some_and(|gap| gap.trim() == "," || gap.trim() == "(")
    }) {
        if let Some(e) = person(mi) {
            return Some(e);
        }
    }
    let sentence = art.sentence(s);
    let next = words(sentence.get(q.range.end..).unwrap_or(""))
        .into_iter()
        .next()
        .map(|w| w.text.to_string());
    // "a 12-year-old girl": a common noun follows; "the 45-year-old had pleaded": a verb
    // does, and the age is of someone named before.
    let noun_follows = next.is_some_and(|w| {
        let l = w.to_lowercase();
        w.chars().next().is_some_and(char::is_lowercase)
            && !super::words::is_stop_word(&l)
            && !l.ends_with("ed")
    });
    if noun_follows {
        return None;
    }
    let in_sentence = story.named(a).get(s).and_then(|set| {
        set.iter()
            .find(|e| story.kind(**e) == Some(EntityKind::Person))
            .copied()
    });
    in_sentence.or_else(|| story.person_before(a, base))
}

fn quantity_fact(story: &Story<'_>, cs: &[&QClaim<'_>], status: &str) -> Fact {
    // People's names stay as they are; counted things read as the first report wrote them.
    if let Some(c) = cs.first().filter(|c| !c.label.is_empty()) {
        let claims = cs
            .iter()
            .map(|c| (c.a, story.claim(c.a, c.s, quantity_value(c.q))))
            .collect();
        return fact("quantity", c.label.clone(), status, claims);
    }
    let first = cs.first().map(|c| {
        let shown = if c.q.dimension == Dimension::Age || c.q.noun.is_empty() {
            c.thing.as_str()
        } else {
            c.q.noun.as_str()
        };
        (c.q.dimension, shown)
    });
    let about = match first {
        Some((Dimension::Duration, t)) => format!("duration of {}", or_unknown(t)),
        Some((Dimension::Money, t)) => format!("amount of money: {}", or_unknown(t)),
        Some((Dimension::Percent, t)) => format!("percentage: {}", or_unknown(t)),
        Some((Dimension::Age, t)) => format!("age of {}", or_unknown(t)),
        Some((Dimension::Count, t)) => format!("number of {}", or_unknown(t)),
        Some((Dimension::Length, _)) => match cs.first().map(|c| c.q.frame.as_str()) {
            Some(f) if !f.is_empty() => format!("distance ({f})"),
            _ => "distance".to_string(),
        },
        Some((Dimension::TimeOfDay, _)) => match cs.first().map(|c| c.q.frame.as_str()) {
            Some(f) if !f.is_empty() => format!("time of day ({f})"),
            _ => "time of day".to_string(),
        },
        None => String::new(),
    };
    let claims = cs
        .iter()
        .map(|c| (c.a, story.claim(c.a, c.s, quantity_value(c.q))))
        .collect();
    fact("quantity", about, status, claims)
}

/// A span between two happenings: a duration right before "before", "after", "earlier",
/// "later" or "prior", measured from the verb before it in its clause ("married three weeks
/// before he was murdered"; "had married two weeks before the shooting"). Returns the
/// grouping key (the verb's happening and the direction) and the label shown. When each
/// report gives such a span once, the happening ties the sentences: they compare with less
/// shared wording ([`SPAN_SIMILARITY`]); the other guards (names, scopes, years) still hold.
/// A duration with no such verb ("for almost eight minutes") is no span.
fn span_between(sentence: &str, range: &std::ops::Range<usize>) -> Option<(String, String)> {
    /// How many words back from the figure the verb may stand.
    const REACH: usize = 5;
    let ws = words(sentence);
    let next = ws.iter().find(|w| w.start >= range.end)?;
    let direction = match next.text.to_lowercase().as_str() {
        "before" | "earlier" | "prior" => "before",
        "after" | "later" => "after",
        _ => return None,
    };
    let head = sentence.get(..range.start)?;
    // The verb must be in the figure's clause.
    let clause_start = head
        .rfind([',', ';', '(', '\u{2014}', '\u{2013}'])
        .map_or(0, |k| k.saturating_add(1));
    let verb = ws
        .iter()
        .rev()
        .filter(|w| w.end <= range.start && w.start >= clause_start)
        .take(REACH)
        .find(|w| {
            let l = w.text.to_lowercase();
            !w.is_capitalised() && !w.has_digit() && is_happening(&l)
        })?;
    let lower = verb.text.to_lowercase();
    let stem = super::words::stem(&lower);
    let class = super::words::happening_class(super::words::without_final_e(&stem));
    Some((
        format!("{class} {direction}"),
        format!("time {lower} {direction}"),
    ))
}

/// A rate laid on something: "a 20 percent tariff on steel imports", "tariffs of 25
/// percent on steel", "a 10% tax on sugary drinks". Returns the key that compares (the
/// levy's stem and the first common noun after "on": "tariff on steel") and the heading
/// ("tariff on steel"). Two reports' rates of one levy on one good are one referent,
/// whatever verb lays it ("imposed" / "slapped").
fn rate_laid_on(sentence: &str, range: &std::ops::Range<usize>) -> Option<(String, String)> {
    const LEVIES: &[&str] = &["tariff", "tax", "duty", "duti", "levy", "levi", "surcharg"];
    let ws = words(sentence);
    let levy_of = |w: &Word<'_>| {
        let l = w.text.to_lowercase();
        let stem = super::words::stem(&l);
        LEVIES
            .iter()
            .find(|x| stem == **x || l.trim_end_matches('s') == **x)
            .map(|x| (*x, l.trim_end_matches('s').to_string()))
    };
    let mut after = ws
        .iter()
        .filter(|w| w.start >= range.end)
        .skip_while(|w| {
            matches!(
                w.text.to_lowercase().as_str(),
                "percent" | "per" | "cent" | "%"
            )
        })
        .peekable();
    // "a 20 percent tariff on …", else "tariffs of 25 percent on …".
    let levy = match after.peek().and_then(|w| levy_of(w)) {
        Some(l) => {
            after.next();
            l
        }
        None => {
            let before: Vec<&Word<'_>> = ws.iter().filter(|w| w.end <= range.start).collect();
            let n = before.len();
            let of = before.get(n.checked_sub(1)?)?;
            if of.text != "of" {
                return None;
            }
            levy_of(before.get(n.checked_sub(2)?)?)?
        }
    };
    if !after.next()?.text.eq_ignore_ascii_case("on") {
        return None;
    }
    // "on imported steel": the good, not how it came.
    let good = after
        .take(3)
        .filter_map(common_word)
        .find(|l| !l.ends_with("ed"))?;
    Some((
        format!("{} on {}", levy.0, super::words::stem(&good)),
        format!("percentage: {} on {good}", levy.1),
    ))
}

/// The street of "the 12000 block of East 223rd Street", from the end of the block number:
/// its capitalised words and ordinals, without a leading "East" or "W.": the key that
/// compares ("223rd street") and the street as written ("East 223rd Street"). An address
/// is one place whatever the sentence dates or scopes.
fn block_street(sentence: &str, figure_end: usize) -> Option<(String, String)> {
    let ws = words(sentence.get(figure_end..)?);
    let mut it = ws.iter();
    let (block, of) = (it.next()?, it.next()?);
    if !block.text.eq_ignore_ascii_case("block") || of.text != "of" {
        return None;
    }
    let written: Vec<&str> = it
        .take_while(|w| w.is_capitalised() || w.has_digit())
        .map(|w| w.text)
        .collect();
    let key: Vec<String> = written
        .iter()
        .map(|w| w.trim_end_matches('.').to_lowercase())
        .skip_while(|w| {
            matches!(
                w.as_str(),
                "east" | "west" | "north" | "south" | "e" | "w" | "n" | "s"
            )
        })
        .collect();
    (!key.is_empty()).then(|| (key.join(" "), written.join(" ")))
}

fn or_unknown(t: &str) -> &str {
    if t.is_empty() {
        "(unknown)"
    } else {
        t
    }
}

/// The value in a natural unit: {"minutes": 90}, {"years": 3}, {"USD": 4000000000},
/// {"percent": 12}, {"count": 54}, with the hedge and the interval it allows.
pub fn quantity_value(q: &Quantity) -> Value {
    if q.dimension == Dimension::TimeOfDay {
        return time_of_day_value(q);
    }
    let (key, div) = match q.dimension {
        Dimension::Duration if q.value < 180.0 => ("minutes", 1.0),
        Dimension::Duration if q.value < 2880.0 => ("hours", 60.0),
        Dimension::Duration if q.value < 86400.0 => ("days", 1440.0),
        Dimension::Duration => ("years", 525600.0),
        Dimension::Money => (q.unit.as_str(), 1.0),
        Dimension::Percent => ("percent", 1.0),
        Dimension::Age => ("years", 1.0),
        Dimension::Count => ("count", 1.0),
        Dimension::Length => ("metres", 1.0),
        Dimension::TimeOfDay => ("minutes", 1.0),
    };
    let mut v = serde_json::Map::new();
    v.insert(key.to_string(), num(q.value / div));
    if let Some(h) = &q.hedge {
        v.insert("hedge".into(), json!(h));
    }
    v.insert("low".into(), num(q.low / div));
    v.insert(
        "high".into(),
        if q.high >= 1e14 {
            Value::Null
        } else {
            num(q.high / div)
        },
    );
    v.insert("as_written".into(), json!(q.surface));
    Value::Object(v)
}

/// A time of day as a reader writes it ("15:10"), its bounds the same way; past midnight
/// reads "24:10".
fn time_of_day_value(q: &Quantity) -> Value {
    let clock = |m: f64| {
        let m = m.clamp(0.0, 48.0 * 60.0).round();
        format!("{:02}:{:02}", (m / 60.0).floor(), m % 60.0)
    };
    let mut v = serde_json::Map::new();
    v.insert("time".into(), json!(clock(q.value)));
    if let Some(h) = &q.hedge {
        v.insert("hedge".into(), json!(h));
    }
    v.insert("low".into(), json!(clock(q.low)));
    v.insert("high".into(), json!(clock(q.high)));
    v.insert("as_written".into(), json!(q.surface));
    Value::Object(v)
}

// ---- quotes ----

struct Unit {
    a: usize,
    s: usize,
    text: String,
    stems: BTreeSet<String>,
    speaker: Option<usize>,
    /// The speaker is a full name (two words or more) written in one of the quotation's own
    /// sentences ("…,” CBP Commissioner Kevin McAleenan said), not a pronoun, a surname or a
    /// name found further back.
    named_here: bool,
    partial: bool,
}

fn quote_units(story: &Story<'_>) -> Vec<Unit> {
    let mut units = Vec::new();
    for (a, ex) in story.extracted.iter().enumerate() {
        for q in &ex.quotes {
            let speaker = story.speaker(a, q.speaker);
            let named_here = match q.speaker {
                Speaker::Mention(mi) => ex.mentions.get(mi).is_some_and(|m| {
                    m.name.contains(' ') && q.parts.iter().any(|p| p.sentence == m.sentence)
                }),
                _ => false,
            };
            for p in &q.parts {
                let Some(text) = story
                    .articles
                    .get(a)
                    .and_then(|x| x.text.get(p.range.clone()))
                else {
                    continue;
                };
                let mut stems = content_stems(text);
                if stems.is_empty() {
                    stems = words(text).iter().map(|w| w.text.to_lowercase()).collect();
                }
                if stems.is_empty() {
                    continue;
                }
                units.push(Unit {
                    a,
                    s: p.sentence,
                    text: text.to_string(),
                    stems,
                    speaker,
                    named_here,
                    partial: q.partial,
                });
            }
        }
    }
    units
}

/// Shared words, counting spelling variants ("zelensky" / "zelenskyy") as one.
fn fuzzy_shared(a: &BTreeSet<String>, b: &BTreeSet<String>) -> usize {
    a.iter()
        .filter(|x| {
            b.contains(*x)
                || (x.len() >= 6
                    && b.iter().any(|y| {
                        y.len().abs_diff(x.len()) <= 1
                            && y.len() >= 6
                            && x.as_bytes().get(..2) == y.as_bytes().get(..2)
                            && edit_distance(x, y) <= 1
                    }))
        })
        .count()
}

fn same_quote(u: &Unit, v: &Unit) -> bool {
    if u.a == v.a {
        return false;
    }
    if let (Some(x), Some(y)) = (u.speaker, v.speaker) {
        if x != y {
            return false;
        }
    }
    let small = u.stems.len().min(v.stems.len());
    if small >= 3 {
        let shared = u.stems.intersection(&v.stems).count();
        shared as f32 / small as f32 >= 0.6
    } else {
        // A word or two ("unrealistic"): the same words from the same named speaker.
        u.stems == v.stems && u.speaker.is_some() && u.speaker == v.speaker
    }
}

fn quote_facts(story: &Story<'_>, cfg: &FactsConfig) -> Vec<Fact> {
    let units = quote_units(story);
    let mut parent: Vec<usize> = (0..units.len()).collect();
    for (i, ui) in units.iter().enumerate() {
        for (j, uj) in units.iter().enumerate().skip(i.saturating_add(1)) {
            if same_quote(ui, uj) {
                let (ri, rj) = (find(&mut parent, i), find(&mut parent, j));
                if let Some(slot) = parent.get_mut(rj.max(ri)) {
                    *slot = ri.min(rj);
                }
            }
        }
    }
    let mut groups: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
    for i in 0..units.len() {
        let r = find(&mut parent, i);
        groups.entry(r).or_default().push(i);
    }
    let mut out = Vec::new();
    // The same long quotation credited to two different people: one fact, in conflict.
    let groups = join_misattributed(story, &units, groups.into_values().collect());
    for (members, misattributed) in &groups {
        let speaker = majority(
            members
                .iter()
                .filter_map(|&m| units.get(m).and_then(|u| u.speaker)),
        );
        let Some(rep) = members
            .iter()
            .filter_map(|&m| units.get(m).map(|u| (m, u)))
            .max_by(|(x, u), (y, v)| u.stems.len().cmp(&v.stems.len()).then(y.cmp(x)))
            .map(|(_, u)| u)
        else {
            continue;
        };
        let speaker_name = speaker.map(|e| story.name(e).to_string());
        let mut claims: Vec<(usize, Claim)> = Vec::new();
        let mut seen: BTreeSet<usize> = BTreeSet::new();
        for u in members.iter().filter_map(|&m| units.get(m)) {
            if !seen.insert(u.a) {
                continue;
            }
            // Where reports disagree on who said it, each claim keeps its own speaker.
            let own = if *misattributed {
                u.speaker.map(|e| story.name(e).to_string())
            } else {
                speaker_name.clone()
            };
            let value = json!({
                "words": u.text,
                "speaker": own,
                "form": if u.partial { "partial" } else { "direct" },
            });
            claims.push((u.a, story.claim(u.a, u.s, value)));
        }
        // Other reports that give the same words in their own, naming the speaker.
        if let Some(sp) = speaker {
            if rep.stems.len() >= 5 {
                for (a, per) in story.stems.iter().enumerate() {
                    if seen.contains(&a) {
                        continue;
                    }
                    let best = per
                        .iter()
                        .enumerate()
                        .filter(|(s, _)| story.named(a).get(*s).is_some_and(|e| e.contains(&sp)))
                        .map(|(s, st)| {
                            let shared = fuzzy_shared(&rep.stems, st);
                            let small = rep.stems.len().min(st.len()).max(1);
                            (s, shared, shared as f32 / small as f32)
                        })
                        .filter(|(_, shared, r)| *shared >= 4 && *r >= cfg.paraphrase_overlap)
                        .max_by(|x, y| x.2.total_cmp(&y.2).then(y.0.cmp(&x.0)));
                    if let Some((s, _, _)) = best {
                        let value = json!({
                            "words": story.sentence(a, s),
                            "speaker": speaker_name,
                            "form": "paraphrase",
                        });
                        claims.push((a, story.claim(a, s, value)));
                    }
                }
            }
        }
        let about = format!(
            "{}: \u{201C}{}\u{201D}",
            speaker_name.as_deref().unwrap_or("unattributed"),
            shorten(&rep.text, 90)
        );
        let status = if *misattributed || misquoted_in(&units, members) {
            "conflict"
        } else {
            "agreed"
        };
        out.push(fact("quote", about, status, claims));
    }
    out
}

/// Quotations at least this long (content words) are one statement when their words match.
const LONG_QUOTE: usize = 8;

/// Merges groups whose quotations are the same long statement, word for word, credited by name
/// in their own sentences to two different people ("…,” CBP Commissioner Kevin McAleenan said"
/// / "…,” said Pete Flores, director of field operations"): the reports disagree on who said
/// it. Returns each group with whether it is such a merge.
fn join_misattributed(
    story: &Story<'_>,
    units: &[Unit],
    groups: Vec<Vec<usize>>,
) -> Vec<(Vec<usize>, bool)> {
    let person = |u: &Unit| {
        u.named_here
            && u.speaker
                .and_then(|e| story.entities.get(e))
                .is_some_and(|e| e.kind == EntityKind::Person)
    };
    // "Rep. Edward Markey (D-Mass.) said" and "said Edward J. Markey": a report that names
    // the other's speaker too does not credit someone else.
    let names = |u: &Unit, e: Option<usize>| {
        let Some(e) = e.and_then(|e| story.entities.get(e)) else {
            return false;
        };
        let said = words(story.sentence(u.a, u.s));
        e.variants.iter().any(|v| {
            v.rsplit(' ')
                .next()
                .is_some_and(|last| said.iter().any(|w| w.text == last))
        })
    };
    let same_words = |u: &Unit, v: &Unit| {
        let small = u.stems.len().min(v.stems.len());
        small >= LONG_QUOTE
            && u.stems.intersection(&v.stems).count().saturating_mul(10) >= small.saturating_mul(9)
    };
    let mut taken = vec![false; groups.len()];
    let mut out = Vec::new();
    for (i, g) in groups.iter().enumerate() {
        if taken.get(i).copied().unwrap_or(true) {
            continue;
        }
        let partner = groups
            .iter()
            .enumerate()
            .skip(i.saturating_add(1))
            .find(|(j, h)| {
                !taken.get(*j).copied().unwrap_or(true)
                    && g.iter().filter_map(|&x| units.get(x)).any(|u| {
                        h.iter().filter_map(|&y| units.get(y)).any(|v| {
                            u.a != v.a
                                && person(u)
                                && person(v)
                                && u.speaker != v.speaker
                                && same_words(u, v)
                                && !names(u, v.speaker)
                                && !names(v, u.speaker)
                        })
                    })
            });
        match partner {
            Some((j, h)) => {
                if let Some(t) = taken.get_mut(j) {
                    *t = true;
                }
                let mut members = g.clone();
                members.extend(h.iter().copied());
                members.sort_unstable();
                out.push((members, true));
            }
            None => out.push((g.clone(), false)),
        }
    }
    out
}

/// Two reports give the same quotation with one name or number changed inside words that
/// otherwise match ("the Wendy Wasserman Schultz Servers and Documents held by" / "the Debbie
/// Wasserman Schultz Servers and Documents held by"): one of them misquotes.
fn misquoted_in(units: &[Unit], members: &[usize]) -> bool {
    let us: Vec<&Unit> = members.iter().filter_map(|&m| units.get(m)).collect();
    us.iter().enumerate().any(|(k, u)| {
        us.iter()
            .skip(k.saturating_add(1))
            .any(|v| u.a != v.a && substituted(&u.text, &v.text))
    })
}

/// One capitalised word or number of `a` stands where `b` has another, with the same three
/// words on each side.
fn substituted(a: &str, b: &str) -> bool {
    /// Matching words needed on each side of the changed one.
    const CONTEXT: usize = 3;
    let (wa, wb) = (words(a), words(b));
    let lower =
        |ws: &[Word<'_>]| -> Vec<String> { ws.iter().map(|w| w.text.to_lowercase()).collect() };
    let (la, lb) = (lower(&wa), lower(&wb));
    let marked = |w: &Word<'_>| w.is_capitalised() || w.text.chars().all(|c| c.is_ascii_digit());
    (CONTEXT..wa.len().saturating_sub(CONTEXT)).any(|i| {
        (CONTEXT..wb.len().saturating_sub(CONTEXT)).any(|j| {
            let (Some(x), Some(y)) = (wa.get(i), wb.get(j)) else {
                return false;
            };
            let (Some(lx), Some(ly)) = (la.get(i), lb.get(j)) else {
                return false;
            };
            lx != ly
                && marked(x)
                && marked(y)
                && edit_distance(lx, ly) > 2
                && la.get(i.saturating_sub(CONTEXT)..i) == lb.get(j.saturating_sub(CONTEXT)..j)
                && la.get(i.saturating_add(1)..i.saturating_add(1).saturating_add(CONTEXT))
                    == lb.get(j.saturating_add(1)..j.saturating_add(1).saturating_add(CONTEXT))
        })
    })
}

fn majority(xs: impl Iterator<Item = usize>) -> Option<usize> {
    let mut counts: BTreeMap<usize, usize> = BTreeMap::new();
    for x in xs {
        let n = counts.entry(x).or_default();
        *n = n.saturating_add(1);
    }
    counts
        .into_iter()
        .max_by(|a, b| a.1.cmp(&b.1).then(b.0.cmp(&a.0)))
        .map(|(x, _)| x)
}

// ---- dates ----

fn date_facts(story: &Story<'_>, cfg: &FactsConfig, sim: &dyn SentenceSimilarity) -> Vec<Fact> {
    let mut groups: BTreeMap<&str, Vec<(usize, usize, &super::times::DateMention)>> =
        BTreeMap::new();
    for (a, ex) in story.extracted.iter().enumerate() {
        for (s, d) in &ex.dates {
            groups.entry(d.value.as_str()).or_default().push((a, *s, d));
        }
    }
    // Same value, similar sentences: one fact.
    let mut clusters: Vec<Vec<DClaim<'_>>> = Vec::new();
    for (value, claims) in &groups {
        // A named day ("May 12", "2011-11-10") is specific: less shared wording is needed
        // than for a year or a month.
        let day = value.len() == 10 || unanchored_day(value);
        let needed = if day {
            cfg.agree_similarity
        } else {
            cfg.date_similarity
        };
        let mut local: Vec<Vec<usize>> = Vec::new();
        for (i, c) in claims.iter().enumerate() {
            let join = local.iter().position(|members| {
                members
                    .iter()
                    .filter_map(|&m| claims.get(m))
                    .any(|o| o.0 != c.0 && story.similarity(sim, o.0, o.1, c.0, c.1) >= needed)
            });
            match join.and_then(|k| local.get_mut(k)) {
                Some(members) => members.push(i),
                None => local.push(vec![i]),
            }
        }
        clusters.extend(local.into_iter().map(|members| {
            members
                .into_iter()
                .filter_map(|m| claims.get(m).copied())
                .collect()
        }));
    }
    // Different dates for one happening: a conflict.
    let values: Vec<&[(usize, super::times::DateMention)]> = story
        .extracted
        .iter()
        .map(|ex| ex.dates.as_slice())
        .collect();
    let (taken, used) = pair_clusters(&clusters, |cx, cy| {
        dates_conflict(story, cfg, sim, &values, cx, cy)
    });
    let members_of = |k: usize| clusters.get(k).map_or(&[][..], Vec::as_slice);
    let mut out = Vec::new();
    for group in taken {
        let members: Vec<DClaim<'_>> = group.iter().flat_map(|&k| members_of(k)).copied().collect();
        out.push(date_fact(story, &members, "conflict"));
    }
    for (k, members) in clusters.iter().enumerate() {
        if !used.contains(&k) {
            out.push(date_fact(story, members, "agreed"));
        }
    }
    out
}

type DClaim<'d> = (usize, usize, &'d super::times::DateMention);

/// Two calendar values more than ten years apart: a misreported date is a slip of a digit
/// or a year (1969 / 1970, 1957 / 1967); dates further apart date two happenings.
fn decades_apart(x: &str, y: &str) -> bool {
    let year = |v: &str| v.get(..4).and_then(|y| y.parse::<i32>().ok());
    match (year(x), year(y)) {
        (Some(a), Some(b)) => a.abs_diff(b) > 10,
        _ => false,
    }
}

/// "may 12": a month and day whose year is not known.
fn unanchored_day(value: &str) -> bool {
    value.split_once(' ').is_some_and(|(m, d)| {
        m.bytes().all(|b| b.is_ascii_lowercase())
            && !d.is_empty()
            && d.len() <= 2
            && d.bytes().all(|b| b.is_ascii_digit())
    })
}

fn date_fact(story: &Story<'_>, members: &[DClaim<'_>], status: &str) -> Fact {
    let Some(&(a0, s0, d0)) = members.first() else {
        return fact("date", String::new(), status, Vec::new());
    };
    let names: Vec<&str> = story
        .named(a0)
        .get(s0)
        .map(|set| set.iter().take(3).map(|&e| story.name(e)).collect())
        .unwrap_or_default();
    let about = if names.is_empty() {
        format!("date {}", d0.value)
    } else {
        format!("date {} ({})", d0.value, names.join(", "))
    };
    let mut seen = BTreeSet::new();
    let cs = members
        .iter()
        .filter(|c| seen.insert(c.0))
        .map(|&(a, s, d)| {
            let key = if d.anchored { "date" } else { "relative" };
            (
                a,
                story.claim(a, s, json!({ key: d.value, "as_written": d.surface })),
            )
        })
        .collect();
    fact("date", about, status, cs)
}

/// "december": a month named alone in a report with no date.
fn bare_month(d: &super::times::DateMention) -> Option<u32> {
    if d.anchored {
        return None;
    }
    Some(d.value.parse::<chrono::Month>().ok()?.number_from_month())
}

/// A weekday named alone cannot be told apart from a day named without its year: "Thursday"
/// and "June 12" may or may not be one day.
fn weekday_comparable(d: &super::times::DateMention, other: &super::times::DateMention) -> bool {
    let weekday = !d.anchored && d.value.parse::<chrono::Weekday>().is_ok();
    !weekday || month_day(other).is_none()
}

/// The month a date names, when it names one to the month: a month alone, "march 20", or a
/// calendar value below the year. A span counted back ("6 months ago") is too rough to
/// give its month.
fn month_of(d: &super::times::DateMention) -> Option<u32> {
    if let Some(m) = bare_month(d) {
        return Some(m);
    }
    if d.surface.to_lowercase().ends_with("ago") {
        return None;
    }
    calendar(d)
        .map(|(m, _)| m)
        .or_else(|| month_day(d).map(|(m, _)| m))
}

/// "march 20" without a year: its month and day.
fn month_day(d: &super::times::DateMention) -> Option<(u32, u32)> {
    if d.anchored || !unanchored_day(&d.value) {
        return None;
    }
    let (m, day) = d.value.split_once(' ')?;
    let month = m.parse::<chrono::Month>().ok()?.number_from_month();
    Some((month, day.parse().ok()?))
}

/// A calendar value's month and, when it has one, its day ("2007-03-20" → (3, Some(20));
/// "2007" → none).
fn calendar(d: &super::times::DateMention) -> Option<(u32, Option<u32>)> {
    if !d.anchored {
        return None;
    }
    let mut parts = d.value.split('-').skip(1);
    let month = parts.next()?.parse().ok()?;
    Some((month, parts.next().and_then(|p| p.parse().ok())))
}

/// Two dates that cannot name the same day: two calendar values ([`dates_incompatible`]);
/// a calendar day and a weekday it is not; or two different weekdays left unanchored (the
/// reports of one story speak of the same days: "on Thursday" and "on Friday" for one
/// happening disagree).
fn dates_incompatible_mentions(
    x: &super::times::DateMention,
    y: &super::times::DateMention,
) -> bool {
    use chrono::Datelike;
    let weekday = |d: &super::times::DateMention| -> Option<chrono::Weekday> {
        if d.anchored {
            chrono::NaiveDate::parse_from_str(&d.value, "%Y-%m-%d")
                .ok()
                .map(|v| v.weekday())
        } else {
            d.value.parse::<chrono::Weekday>().ok()
        }
    };
    // "march 20" without a year: its month and day still rule out "2007-04", another "april
    // 2", but not "2007-03" or "2007-03-20".
    let day_against = |md: (u32, u32), other: &super::times::DateMention| -> bool {
        match (month_day(other), calendar(other)) {
            (Some(o), _) => o != md,
            (None, Some((month, day))) => month != md.0 || day.is_some_and(|d| d != md.1),
            _ => false,
        }
    };
    // "last week" and "two weeks ago", counted back from one unknown day: read against the
    // same day (the caller makes sure of it), they cannot name the same week.
    if let (Some(a), Some(b)) = (
        super::times::relative_offset(x),
        super::times::relative_offset(y),
    ) {
        return a.1 == b.1 && a.0 != b.0;
    }
    match (x.anchored, y.anchored) {
        (true, true) => dates_incompatible(&x.value, &y.value),
        _ => {
            if bare_month(x).is_some() || bare_month(y).is_some() {
                return match (month_of(x), month_of(y)) {
                    (Some(a), Some(b)) => a != b,
                    _ => false,
                };
            }
            if let Some(md) = month_day(x) {
                return day_against(md, y);
            }
            if let Some(md) = month_day(y) {
                return day_against(md, x);
            }
            match (weekday(x), weekday(y)) {
                (Some(a), Some(b)) => a != b,
                _ => false,
            }
        }
    }
}

/// The two sentences give the same figure (a number written with digits, outside the dates
/// compared).
fn shares_figure(
    x: &str,
    rx: &std::ops::Range<usize>,
    y: &str,
    ry: &std::ops::Range<usize>,
) -> bool {
    !figures_outside(x, rx, false).is_disjoint(&figures_outside(y, ry, false))
}

/// As [`shares_figure`], leaving out the figures of a date ("September 14, 2013"), whose
/// year and day tie nothing together, and figures of one digit.
fn shares_plain_figure(
    x: &str,
    rx: &std::ops::Range<usize>,
    y: &str,
    ry: &std::ops::Range<usize>,
) -> bool {
    !figures_outside(x, rx, true).is_disjoint(&figures_outside(y, ry, true))
}

/// The numbers written with digits in `s` outside `r`, without their commas; `plain` leaves
/// out years, a day beside its month or weekday, and figures of one digit ("1" is too common,
/// and often half of a decimal the text split).
fn figures_outside(s: &str, r: &std::ops::Range<usize>, plain: bool) -> BTreeSet<String> {
    let ws = words(s);
    // A month or weekday right beside the number, with only a space between.
    let calendar = |w: Option<&Word<'_>>, n: &Word<'_>| {
        w.is_some_and(|w| {
            let gap = if w.end <= n.start {
                s.get(w.end..n.start)
            } else {
                s.get(n.end..w.start)
            };
            gap.is_some_and(|g| g.chars().all(char::is_whitespace))
                && super::gazetteer::is_calendar_word(&w.text.to_lowercase())
        })
    };
    ws.iter()
        .enumerate()
        .filter(|(_, w)| w.has_digit() && (w.end <= r.start || w.start >= r.end))
        .filter(|(k, w)| {
            !plain || {
                let day = calendar(k.checked_sub(1).and_then(|p| ws.get(p)), w)
                    || calendar(ws.get(k.saturating_add(1)), w);
                w.text.bytes().filter(u8::is_ascii_digit).count() >= 2
                    && year_word(w.text).is_none()
                    && !day
            }
        })
        .map(|(_, w)| w.text.replace(',', ""))
        .collect()
}

/// Two calendar values that cannot name the same day ("2009" and "2010", "1973-07" and
/// "1973-06-27"); a year and a day inside it are compatible.
fn dates_incompatible(x: &str, y: &str) -> bool {
    !(x.starts_with(y) || y.starts_with(x))
}

/// What happened at a date: the verb in the past or participle nearest to it in the
/// sentence ("foiled", "approved", "pleaded"), as a stem; speech verbs left out. A verb in
/// "-ing" with the date as its object ("before retiring in 1993") tells the happening too.
/// How much farther than its distance in bytes a verb in another clause counts.
const CLAUSE_PENALTY: usize = 10_000;

fn happening_at(sentence: &str, range: &std::ops::Range<usize>) -> Option<String> {
    let ws = words(sentence);
    // "the 2012 shooting death", "a Sunday tweet": a date between a determiner and a noun
    // dates that noun, not the clause's verb ("convicted … in the 2012 shooting death").
    let before = ws.iter().rev().find(|w| w.end <= range.start);
    let after = ws.iter().find(|w| w.start >= range.end);
    if let (Some(b), Some(n)) = (before, after) {
        let noun = n.text.chars().next().is_some_and(char::is_lowercase)
            && !super::words::is_stop_word(&n.text.to_lowercase());
        let determiner = matches!(
            b.text.to_lowercase().as_str(),
            "the" | "a" | "an" | "his" | "her" | "its" | "their"
        );
        if determiner && noun {
            return Some(super::words::stem(&n.text.to_lowercase()));
        }
    }
    if let Some(noun) = scheduled_subject(sentence, &ws, range) {
        return Some(noun);
    }
    let governs = |k: usize| -> bool {
        ws.get(k.saturating_add(1)).is_some_and(|p| {
            p.start >= range.start
                || (matches!(p.text, "in" | "on" | "at" | "since" | "until")
                    && ws
                        .get(k.saturating_add(2))
                        .is_some_and(|d| d.start >= range.start))
        })
    };
    // A verb to come: "would vote on Thursday", "plans to vote Thursday", "will sign it".
    let after_modal = |k: usize| -> bool {
        let Some(w) = ws.get(k) else { return false };
        let lower = w.text.to_lowercase();
        let word = |k: Option<usize>| k.and_then(|k| ws.get(k)).map(|w| w.text.to_lowercase());
        let before = word(k.checked_sub(1));
        // "to" is a preposition as often: only after a word of intent ("expected to").
        let modal = match before.as_deref() {
            Some("to") => word(k.checked_sub(2)).is_some_and(|w| INTENT.contains(&w.as_str())),
            Some(b) => MODALS.contains(&b),
            None => false,
        };
        modal && {
            lower.len() >= 3
                && lower.bytes().all(|b| b.is_ascii_lowercase())
                && !super::words::is_stop_word(&lower)
        }
    };
    // Which words open another clause: (a subordinator, "and"), once per sentence.
    // "before the House committee", "after the vote" are prepositions of a noun phrase, not a
    // clause of their own ("after Dowd resigned").
    let opener: Vec<(bool, bool)> = ws
        .iter()
        .enumerate()
        .map(|(k, x)| {
            let l = x.text.to_lowercase();
            let preposition = matches!(l.as_str(), "after" | "before" | "since" | "until")
                && ws.get(k.saturating_add(1)).is_some_and(|n| {
                    matches!(
                        n.text.to_lowercase().as_str(),
                        "the" | "a" | "an" | "his" | "her" | "its" | "their"
                    )
                });
            (
                SUBORDINATORS.contains(&l.as_str()) && !preposition,
                l == "and",
            )
        })
        .collect();
    let first_after = ws
        .iter()
        .position(|x| x.start >= range.end)
        .unwrap_or(ws.len());
    let last_before = ws.iter().rposition(|x| x.end <= range.start);
    ws.iter()
        .enumerate()
        .filter(|(_, w)| !w.is_capitalised() && !w.has_digit() && !w.text.contains('-'))
        .map(|(k, w)| {
            let between = if w.end <= range.start {
                w.end..range.start
            } else {
                range.end..w.start
            };
            // A verb across a comma or a dash is in another clause ("suspended its program
            // in early 2004, though it continued"): it tells the date's happening only when
            // the date's own clause has none ("Later that year, LaRue shot").
            // So is a verb past a word that opens another clause ("joined the team in
            // March after Dowd resigned").
            // The word right before the date is its own preposition ("resigned before
            // March 1"), not another clause.
            // After the date, "and" opens a clause of its own too ("approved the bill on
            // Wednesday and sent it to the Senate").
            let after = w.start >= range.end;
            let opens = |j: usize| {
                opener
                    .get(j)
                    .is_some_and(|&(sub, and)| sub || (after && and))
                    && (after || Some(j) != last_before)
            };
            let crossed = sentence
                .get(between.clone())
                .is_some_and(|t| t.contains([',', ';', '\u{2014}', '\u{2013}']))
                || if after {
                    (first_after..k).any(opens)
                } else {
                    (k.saturating_add(1)..first_after).any(opens)
                };
            let distance = between
                .len()
                .saturating_add(if crossed { CLAUSE_PENALTY } else { 0 });
            let mut lower = w.text.to_lowercase();
            // "found guilty" is a conviction, however the report words it.
            if lower == "found"
                && ws
                    .get(k.saturating_add(1))
                    .is_some_and(|n| n.text == "guilty")
            {
                lower = "convicted".to_string();
            }
            // "picked up DeShawn Wynn" is a signing; "picked up the phone" is not.
            if lower == "picked"
                && ws.get(k.saturating_add(1)).is_some_and(|n| n.text == "up")
                && ws
                    .get(k.saturating_add(2))
                    .is_some_and(|n| n.is_capitalised())
            {
                lower = "signed".to_string();
            }
            // "The Senate confirmed Gina Haspel": a confirmation to a post, not a report
            // confirmed.
            let mut forced = lower == "confirmed"
                && ws
                    .get(k.saturating_add(1))
                    .is_some_and(|n| n.is_capitalised());
            // "voted 51-49 on Wednesday to confirm Haspel": the vote is the confirmation.
            if matches!(lower.as_str(), "voted" | "vote" | "votes") {
                let next: Vec<&Word<'_>> = ws
                    .iter()
                    .skip(k.saturating_add(1))
                    .take(VOTED_TO_REACH)
                    .collect();
                let to = next
                    .iter()
                    .position(|x| x.text == "to")
                    .and_then(|t| next.get(t.saturating_add(1)));
                if let Some(v) = to.and_then(|v| common_word(v)) {
                    lower = v;
                    forced = true;
                }
            }
            // "will hold its hearing on Tuesday", "scheduled the vote for Thursday": the
            // event held or scheduled is the happening, not the holding.
            if HOLDING.contains(&lower.as_str()) {
                let mut next = ws.iter().skip(k.saturating_add(1)).take(2);
                let event = next.next().and_then(|n| {
                    if matches!(
                        n.text.to_lowercase().as_str(),
                        "the" | "a" | "an" | "its" | "his" | "her" | "their"
                    ) {
                        next.next().and_then(|n| common_word(n))
                    } else {
                        common_word(n)
                    }
                });
                if let Some(e) = event.filter(|e| !e.ends_with("ed")) {
                    lower = e;
                    forced = true;
                }
            }
            // "stepped down" is a resignation.
            if matches!(lower.as_str(), "stepped" | "stepping" | "steps")
                && ws
                    .get(k.saturating_add(1))
                    .is_some_and(|n| n.text.eq_ignore_ascii_case("down"))
            {
                lower = "resigned".to_string();
            }
            // "was named special counsel" is an appointment; "a man named Smith" is not.
            if lower == "named"
                && k.checked_sub(1).and_then(|p| ws.get(p)).is_some_and(|p| {
                    matches!(
                        p.text.to_lowercase().as_str(),
                        "was" | "were" | "been" | "is" | "be"
                    )
                })
            {
                lower = "appointed".to_string();
            }
            // "the quarter ended July 31", "a fiscal year that will end Jan. 31" name a
            // period, not a happening.
            let period_end = matches!(lower.as_str(), "end" | "ended" | "ending" | "ends")
                && ws
                    .get(k.saturating_sub(1)..k)
                    .unwrap_or_default()
                    .iter()
                    .chain(
                        ws.get(k.saturating_sub(3)..k.saturating_sub(1))
                            .unwrap_or_default(),
                    )
                    .any(|p| {
                        let p = p.text.to_lowercase();
                        let p = p.trim_end_matches('s');
                        matches!(
                            p,
                            "quarter" | "year" | "period" | "month" | "week" | "half" | "season"
                        )
                    });
            let verb = !period_end
                && (forced
                    || is_happening(&lower)
                    || (is_progressive(&lower) && w.end <= range.start && governs(k))
                // A verb to come tells the date's happening only right beside it ("would
                // vote on Thursday"), not across the sentence.
                    || (after_modal(k) && !crossed && between.len() <= MODAL_REACH));
            (distance, lower, verb)
        })
        .filter(|(_, _, verb)| *verb)
        .map(|(d, l, _)| (d, l))
        .min_by_key(|(d, _)| *d)
        .map(|(_, l)| {
            // "voted" (too short for the stemmer) and "vote" (after "will") meet at "vot".
            let mut stem = super::words::stem(&l);
            if stem == l && l.len() >= 5 {
                if let Some(s) = l.strip_suffix("ed") {
                    stem = s.to_string();
                }
            }
            super::words::happening_class(super::words::without_final_e(&stem))
        })
}

/// A word in lower case of three letters or more, no stop word ("confirm", "steel",
/// "summit"), lowered; none for a name, a figure or a function word.
fn common_word(w: &Word<'_>) -> Option<String> {
    let l = w.text.to_lowercase();
    (!w.is_capitalised()
        && l.len() >= 3
        && l.chars().all(char::is_alphabetic)
        && !super::words::is_stop_word(&l))
    .then_some(l)
}

/// "The summit … is set for April 28", "the hearing will take place on Monday": a date a
/// thing is scheduled for dates that thing, the subject's noun, not the verb of scheduling.
fn scheduled_subject(
    sentence: &str,
    ws: &[Word<'_>],
    range: &std::ops::Range<usize>,
) -> Option<String> {
    const PHRASES: &[&str] = &[
        "set for",
        "scheduled for",
        "slated for",
        "planned for",
        "due on",
        "take place on",
        "take place",
        "be held on",
        "be held",
        "takes place on",
        "is on",
        "take effect on",
        "take effect",
        "takes effect on",
        "takes effect",
        "took effect on",
        "took effect",
        "go into effect on",
        "go into effect",
        "goes into effect on",
        "goes into effect",
        "went into effect on",
        "went into effect",
        "expected on",
        // "the deadline … is March 2", "Election Day is Nov. 6": what is said to be on it.
        " is",
        " was",
        " will be",
    ];
    let head = sentence.get(..range.start)?.to_lowercase();
    let head = head.trim_end();
    let phrase = PHRASES.iter().find(|p| head.ends_with(*p))?;
    let verb_start = head.len().saturating_sub(phrase.len());
    // The subject: the first common noun of the sentence, before the scheduling words and
    // within their clause.
    let clause_start = head
        .get(..verb_start)?
        .rfind([',', ';'])
        .map_or(0, |k| k.saturating_add(1));
    ws.iter()
        .filter(|w| w.start >= clause_start && w.end <= verb_start)
        .filter_map(common_word)
        .find(|l| !l.ends_with("ed") && !MODALS.contains(&l.as_str()))
        .map(|l| super::words::stem(&l))
}

/// Verbs that hold or schedule an event: the event after them is the date's happening
/// ("held a hearing", "scheduled the vote").
const HOLDING: &[&str] = &[
    "hold",
    "holds",
    "held",
    "holding",
    "schedule",
    "scheduled",
    "schedules",
    "rescheduled",
    "convene",
    "convened",
    "convenes",
    "stage",
    "staged",
    "stages",
    "host",
    "hosted",
    "hosts",
];

/// How many words after "voted" its "to" may stand ("voted 51-49 on Wednesday to confirm").
const VOTED_TO_REACH: usize = 6;

/// Words that open a clause of their own after a date's clause ("in March after Dowd
/// resigned").
const SUBORDINATORS: &[&str] = &[
    "after", "before", "when", "while", "because", "since", "until", "although", "though", "where",
    "which", "who", "whose",
];

/// Words before a verb's base form that make it a happening to come.
const MODALS: &[&str] = &["will", "would", "shall", "could", "might", "may", "must"];

/// How many bytes from a date a verb to come may stand and still tell its happening.
const MODAL_REACH: usize = 48;

/// Words after which "to" leads to a happening to come ("expected to vote").
const INTENT: &[&str] = &[
    "expected",
    "set",
    "scheduled",
    "due",
    "going",
    "plans",
    "planned",
    "planning",
    "poised",
    "likely",
    "ready",
    "wants",
    "intends",
    "hopes",
    "aims",
    "vowed",
    "promised",
];

/// A verb in "-ing" that tells a happening ("retiring", "signing"); not the prepositions
/// and nouns that end so.
fn is_progressive(l: &str) -> bool {
    l.len() >= 6
        && l.ends_with("ing")
        && !matches!(
            l,
            "during"
                | "according"
                | "including"
                | "following"
                | "morning"
                | "evening"
                | "building"
                | "meeting"
                | "nothing"
                | "something"
                | "anything"
                | "everything"
                | "spring"
                | "string"
                | "thing"
                | "wedding"
                | "hearing"
                | "ceiling"
                | "setting"
        )
}

/// Past forms of common irregular verbs that tell a happening and cannot be read as another
/// tense or a noun ("sold", "won", "shot", "began").
const IRREGULAR_PAST: &[&str] = &[
    "sold", "won", "lost", "shot", "met", "began", "took", "made", "paid", "left", "fell",
    "struck", "broke", "ran", "held", "gave", "found", "built", "brought", "bought", "sent",
    "spent", "caught", "fought", "led", "stole", "threw", "drove", "flew", "froze", "rose", "sank",
    "stood", "swept", "tore", "fled", "slain", "sworn", "wed",
    // Regular, but too short for the "-ed" rule below.
    "died",
];

fn is_happening(l: &str) -> bool {
    if IRREGULAR_PAST.contains(&l) {
        return true;
    }
    l.len() >= 5
        && l.ends_with("ed")
        && !matches!(
            l,
            "said"
                | "reported"
                | "added"
                | "noted"
                | "stated"
                | "confirmed"
                | "announced"
                | "based"
                | "called"
                | "named"
                | "used"
                | "expected"
                | "scheduled"
                | "related"
                | "involved"
                | "updated"
                | "posted"
                | "published"
                | "modified"
                | "united"
                | "limited"
                | "needed"
                | "wanted"
                | "seemed"
        )
}

/// Two clusters of dates are in conflict: calendar values that cannot both hold, in
/// sentences of different articles that tell the same happening (a shared verb, a shared
/// name, no different people or places, similar enough), and no article gives both values.
fn dates_conflict(
    story: &Story<'_>,
    cfg: &FactsConfig,
    sim: &dyn SentenceSimilarity,
    values: &[&[(usize, super::times::DateMention)]],
    x: &[DClaim<'_>],
    y: &[DClaim<'_>],
) -> Option<f32> {
    let (vx, vy) = (x.first()?.2, y.first()?.2);
    if !dates_incompatible_mentions(vx, vy) || decades_apart(&vx.value, &vy.value) {
        return None;
    }
    // An article that gives both dates, in the claim's sentence or for the same happening,
    // tells two happenings; a date it gives to something else elsewhere does not count.
    let states = |c: &DClaim<'_>, v: &super::times::DateMention| {
        let sentence = story.sentence(c.0, c.1);
        let happening = happening_at(sentence, &c.2.range);
        values.get(c.0).is_some_and(|ds| {
            ds.iter().any(|(s, d)| {
                // A month alone says nothing of a weekday or a year; nor does a weekday
                // ("said Thursday that the summit will be June 12") of a day given
                // without its year.
                let comparable = (bare_month(d).is_none() || month_of(v).is_some())
                    && weekday_comparable(d, v)
                    && weekday_comparable(v, d);
                comparable
                    && !dates_incompatible_mentions(d, v)
                    && (*s == c.1 || happening_at(story.sentence(c.0, *s), &d.range) == happening)
            })
        })
    };
    if x.iter().any(|c| states(c, vy)) || y.iter().any(|c| states(c, vx)) {
        return None;
    }
    let mut best: Option<f32> = None;
    // Each claim is read at its own mention: the cluster's first mention has its range in
    // another sentence.
    for &(a, i, vx) in x {
        for &(b, j, vy) in y {
            if a == b {
                continue;
            }
            let (si, sj) = (story.sentence(a, i), story.sentence(b, j));
            let (hx, hy) = (happening_at(si, &vx.range), happening_at(sj, &vy.range));
            if hx.is_none() || hx != hy {
                continue;
            }
            // The same relative words ("last Thursday") anchored to different publication
            // days may name one day: relative dates compare when their words differ or
            // their articles share a publication day.
            let relative = |d: &super::times::DateMention| {
                !words(&d.surface)
                    .iter()
                    .any(|w| w.text.len() == 4 && w.text.bytes().all(|b| b.is_ascii_digit()))
            };
            let day = |k: usize| {
                story
                    .articles
                    .get(k)
                    .and_then(|x| x.published)
                    .map(|p| p.date())
            };
            let same_day = day(a) == day(b);
            let same_words = vx.surface.to_lowercase() == vy.surface.to_lowercase();
            if relative(vx) && relative(vy) && !same_day && same_words {
                continue;
            }
            // Spans counted back ("two weeks ago") from different publication days say
            // nothing of each other.
            let counted_back = super::times::relative_offset(vx).is_some()
                || super::times::relative_offset(vy).is_some();
            if counted_back && !same_day {
                continue;
            }
            let shared = story
                .context_entities(a, i)
                .intersection(&story.context_entities(b, j))
                .next()
                .is_some();
            // The same figure in both sentences ("approved a $3 million bond") ties them to
            // one happening as a shared name does.
            let shared = shared || shares_figure(si, &vx.range, sj, &vy.range);
            // Sentences that name nobody ("Negotiators reached a deal on Sunday") are tied
            // by their wording alone, and need more of it.
            let unnamed =
                story.context_entities(a, i).is_empty() && story.context_entities(b, j).is_empty();
            // The scope words of the dates themselves ("last week") are what is compared.
            let outside = |s: &str, r: &std::ops::Range<usize>| -> String {
                let (head, tail) = (s.get(..r.start), s.get(r.end..));
                format!("{} {}", head.unwrap_or(s), tail.unwrap_or(""))
            };
            let scopes = scopes_differ(&outside(si, &vx.range), &outside(sj, &vy.range));
            let s = story.similarity(sim, a, i, b, j);
            if !(shared || unnamed) || story.names_differ(a, i, b, j) || scopes {
                continue;
            }
            let needed = if shared {
                cfg.date_conflict_similarity
            } else {
                cfg.date_conflict_similarity.max(UNNAMED_SIMILARITY)
            };
            if s >= needed && best.is_none_or(|b| s > b) {
                best = Some(s);
            }
        }
    }
    best
}

/// How much wording two dated sentences that name nobody must share to tell one happening.
const UNNAMED_SIMILARITY: f32 = 0.5;

// ---- tallies ----

type TClaim<'t> = (usize, usize, &'t super::tallies::Tally);

/// How far apart the one differing number of two tallies may be for them to be one tally
/// misreported ("45-35" / "45-36"), not two moments of a game.
const TALLY_SLIP: u32 = 3;

/// Scores, votes and records: the same tally in similar sentences of different reports is
/// one fact; two tallies of one moment that differ conflict.
fn tally_facts(story: &Story<'_>, cfg: &FactsConfig, sim: &dyn SentenceSimilarity) -> Vec<Fact> {
    let mut groups: BTreeMap<(u32, u32), Vec<TClaim<'_>>> = BTreeMap::new();
    for (a, ex) in story.extracted.iter().enumerate() {
        for (s, t) in &ex.tallies {
            groups.entry((t.high, t.low)).or_default().push((a, *s, t));
        }
    }
    let mut clusters: Vec<Vec<TClaim<'_>>> = Vec::new();
    for claims in groups.values() {
        let mut local: Vec<Vec<TClaim<'_>>> = Vec::new();
        for &c in claims {
            let join = local.iter().position(|members| {
                members.iter().any(|o| {
                    o.0 != c.0 && story.similarity(sim, o.0, o.1, c.0, c.1) >= cfg.agree_similarity
                })
            });
            match join.and_then(|k| local.get_mut(k)) {
                Some(members) => members.push(c),
                None => local.push(vec![c]),
            }
        }
        clusters.extend(local);
    }
    let (taken, used) = pair_clusters(&clusters, |cx, cy| {
        tallies_conflict(story, cfg, sim, cx, cy)
    });
    let members_of = |k: usize| clusters.get(k).map_or(&[][..], Vec::as_slice);
    let mut out = Vec::new();
    for group in taken {
        let members: Vec<TClaim<'_>> = group.iter().flat_map(|&k| members_of(k)).copied().collect();
        out.push(tally_fact(story, &members, "conflict"));
    }
    for (k, members) in clusters.iter().enumerate() {
        if !used.contains(&k) {
            let status = if members.iter().map(|c| c.0).collect::<BTreeSet<_>>().len() >= 2 {
                "agreed"
            } else {
                "single_source"
            };
            out.push(tally_fact(story, members, status));
        }
    }
    out
}

/// Two tallies told of one moment: one number the same and the other at most
/// [`TALLY_SLIP`] apart, in sentences that share a name and another figure (the game clock:
/// "a 45-35 lead … with 13:41 to go" / "a 45-36 lead with 13:41 to play"), or much of their
/// wording; and no report gives both, which would make them two moments.
fn tallies_conflict(
    story: &Story<'_>,
    cfg: &FactsConfig,
    sim: &dyn SentenceSimilarity,
    x: &[TClaim<'_>],
    y: &[TClaim<'_>],
) -> Option<f32> {
    let (tx, ty) = (x.first()?.2, y.first()?.2);
    // A vote has no moments: its count misreported may be further off than a game's
    // score, up to a twentieth of it ("passed 240-188" / "240-183").
    let votes = |c: &[TClaim<'_>]| c.iter().any(|&(a, i, _)| is_vote(story.sentence(a, i)));
    // A poll's two shares ("52% to 42%") are misreported as a vote's count is.
    let shares = |t: &super::tallies::Tally| t.surface.contains('%') || t.surface.contains("per");
    let poll = shares(tx) && shares(ty);
    let vote = (votes(x) && votes(y)) || poll;
    let allowed = |a: u32, b: u32| -> bool {
        let d = a.abs_diff(b);
        d <= TALLY_SLIP || (vote && d.saturating_mul(20) <= a.max(b))
    };
    // A vote of one body counts the same members however it is misreported ("5-4" /
    // "6-3" of nine justices, "217-213" / "216-214").
    let same_body = vote && tx.high.saturating_add(tx.low) == ty.high.saturating_add(ty.low);
    // One vote misreported on both sides ("50-48" / "51-49"), each by a slip: dated alike,
    // for two votes a day apart (a cloture vote and the final one) are two tallies.
    let both_sides =
        vote && tx.high.abs_diff(ty.high) <= TALLY_SLIP && tx.low.abs_diff(ty.low) <= TALLY_SLIP;
    let slip = (tx.high == ty.high && allowed(tx.low, ty.low))
        || (tx.low == ty.low && allowed(tx.high, ty.high))
        || same_body
        || both_sides;
    if !slip {
        return None;
    }
    let gives = |c: &TClaim<'_>, t: &super::tallies::Tally| {
        story
            .facts(c.0)
            .tallies
            .iter()
            .any(|(_, o)| o.high == t.high && o.low == t.low)
    };
    if x.iter().any(|c| gives(c, ty)) || y.iter().any(|c| gives(c, tx)) {
        return None;
    }
    let mut best: Option<f32> = None;
    for &(a, i, ta) in x {
        for &(b, j, tb) in y {
            if a == b {
                continue;
            }
            let (si, sj) = (story.sentence(a, i), story.sentence(b, j));
            let shared = story
                .context_entities(a, i)
                .intersection(&story.context_entities(b, j))
                .next()
                .is_some();
            if !shared || story.names_differ(a, i, b, j) {
                continue;
            }
            // Two polls ("in a Quinnipiac poll" / "in a Fox News poll") are two tallies.
            if poll {
                if let (Some(p), Some(q)) = (pollster(si), pollster(sj)) {
                    if !(p.contains(&q) || q.contains(&p)) {
                        continue;
                    }
                }
            }
            if both_sides && dated_apart(story, (a, i), (b, j)) {
                continue;
            }
            let s = story.similarity(sim, a, i, b, j);
            let needed = if shares_plain_figure(si, &ta.range, sj, &tb.range) {
                cfg.conflict_similarity
            } else {
                cfg.close_similarity
            };
            if s >= needed && best.is_none_or(|b| s > b) {
                best = Some(s);
            }
        }
    }
    best
}

/// Who took a poll, as the sentence names it before "poll" or "survey" ("a Quinnipiac poll",
/// "a Fox News survey"): up to three capitalised words, in lower case.
fn pollster(sentence: &str) -> Option<String> {
    let ws = words(sentence);
    let at = ws
        .iter()
        .position(|w| matches!(w.text, "poll" | "survey" | "polls" | "surveys"))?;
    let names: Vec<&str> = ws
        .get(..at)?
        .iter()
        .rev()
        .take(3)
        .take_while(|w| {
            w.is_capitalised() && !w.has_digit() && !matches!(w.text, "A" | "An" | "The")
        })
        .map(|w| w.text)
        .collect();
    (!names.is_empty()).then(|| {
        names
            .iter()
            .rev()
            .copied()
            .collect::<Vec<_>>()
            .join(" ")
            .to_lowercase()
    })
}

/// Two sentences that each name a date, and no date the same: they tell two moments.
fn dated_apart(story: &Story<'_>, (a, i): (usize, usize), (b, j): (usize, usize)) -> bool {
    let dates = |a: usize, i: usize| -> Vec<&str> {
        story
            .facts(a)
            .dates
            .iter()
            .filter(|(s, _)| *s == i)
            .map(|(_, d)| d.value.as_str())
            .collect()
    };
    let (x, y) = (dates(a, i), dates(b, j));
    !x.is_empty() && !y.is_empty() && !x.iter().any(|d| y.contains(d))
}

/// The sentence tells a vote ("passed the measure 240-188", "voted 51-49").
fn is_vote(sentence: &str) -> bool {
    words(sentence).iter().any(|w| {
        matches!(
            w.text.to_lowercase().as_str(),
            "vote"
                | "votes"
                | "voted"
                | "passed"
                | "approved"
                | "confirmed"
                | "rejected"
                | "ballot"
                | "ruled"
                | "ruling"
                | "upheld"
                | "decision"
        )
    })
}

fn tally_fact(story: &Story<'_>, members: &[TClaim<'_>], status: &str) -> Fact {
    let about = members.first().map_or_else(String::new, |(_, _, t)| {
        format!("score or tally {}", t.value())
    });
    let mut seen = BTreeSet::new();
    let cs = members
        .iter()
        .filter(|c| seen.insert(c.0))
        .map(|&(a, s, t)| {
            (
                a,
                story.claim(a, s, json!({ "tally": t.value(), "as_written": t.surface })),
            )
        })
        .collect();
    fact("quantity", about, status, cs)
}

// ---- entities ----

fn entity_facts(story: &Story<'_>) -> Vec<Fact> {
    let mut out = Vec::new();
    for (e, ent) in story.entities.iter().enumerate() {
        let mut claims = Vec::new();
        for (a, ex) in story.extracted.iter().enumerate() {
            let first = ex
                .mentions
                .iter()
                .zip(story.assigned(a))
                .find(|(_, x)| **x == Some(e));
            if let Some((m, _)) = first {
                let value =
                    json!({ "name": ent.name, "type": ent.kind.as_str(), "as_written": m.name });
                claims.push((a, story.claim(a, m.sentence, value)));
            }
        }
        if claims.is_empty() {
            continue;
        }
        out.push(fact(
            "entity",
            format!("{} ({})", ent.name, ent.kind.as_str()),
            "agreed",
            claims,
        ));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::{happening_at, near_figure, span_between, years_differ};
    use crate::article::Article;
    use crate::facts::{for_story, FactsConfig};
    use crate::read::{parse_bytes, ReadConfig};
    use crate::report::Fact;
    use crate::Corpus;

    fn story(texts: &[&str]) -> Vec<Fact> {
        let mut corpus = Corpus::new();
        for (k, t) in texts.iter().enumerate() {
            let name = format!("a{k}.txt");
            let body = format!("Title {k}\n\n{t}");
            corpus.add_outcome(parse_bytes(
                &name,
                Some(&name),
                body.as_bytes(),
                &ReadConfig::default(),
            ));
        }
        let arts: Vec<&Article> = corpus.articles.iter().collect();
        for_story(&arts, &FactsConfig::default())
    }

    fn conflicts(facts: &[Fact]) -> Vec<&Fact> {
        facts.iter().filter(|f| f.status == "conflict").collect()
    }

    #[test]
    fn different_anchors_are_no_conflict() {
        let f = story(&[
            "Trump wants to end the war that has now entered its fourth year.",
            "The war began with the invasion of Ukraine nearly three years ago, Trump said.",
        ]);
        assert!(conflicts(&f).is_empty(), "{f:#?}");
    }

    fn quote_statuses(facts: &[Fact]) -> Vec<&str> {
        facts
            .iter()
            .filter(|f| f.kind == "quote")
            .map(|f| f.status.as_str())
            .collect()
    }

    #[test]
    fn a_name_changed_inside_the_same_quotation_is_a_conflict() {
        let tweet = |name: &str| {
            format!("\"This can be good news in that we will now counter for the DNC Server, the {name} Wasserman Schultz Servers and Documents held by the mystery man,\" Donald Trump wrote.")
        };
        let f = story(&[&tweet("Wendy"), &tweet("Debbie")]);
        assert_eq!(quote_statuses(&f), vec!["conflict"], "{f:#?}");
        // The same words, or a spelling variant of the name, agree.
        let f = story(&[&tweet("Debbie"), &tweet("Debbie")]);
        assert_eq!(quote_statuses(&f), vec!["agreed"], "{f:#?}");
        let f = story(&[&tweet("Debbie"), &tweet("Debbi")]);
        assert_eq!(quote_statuses(&f), vec!["agreed"], "{f:#?}");
    }

    #[test]
    fn the_same_statement_credited_to_two_people_is_a_conflict() {
        let words = "\"Depending upon port circumstances at the time of arrival, those individuals may need to wait in Mexico as officers work to process those already within our facilities,\"";
        let f = story(&[
            &format!("{words} Commissioner Kevin McAleenan said in a statement."),
            &format!("{words} said Pete Flores, director of field operations in San Diego."),
        ]);
        let quotes: Vec<&Fact> = f.iter().filter(|f| f.kind == "quote").collect();
        assert_eq!(quotes.len(), 1, "{f:#?}");
        assert_eq!(quotes[0].status, "conflict", "{f:#?}");
        let speakers: Vec<&str> = quotes[0]
            .claims
            .iter()
            .filter_map(|c| c.value.get("speaker").and_then(|v| v.as_str()))
            .collect();
        assert_eq!(speakers, vec!["Kevin McAleenan", "Pete Flores"]);
        // One report names both: the same man, credited once by his office's label.
        let f = story(&[
            &format!("{words} said Rep. Edward Markey (D-Mass.), the chairman."),
            &format!("{words} said Edward J. Markey, chairman of the committee."),
        ]);
        assert!(quote_statuses(&f).iter().all(|s| *s == "agreed"), "{f:#?}");
    }

    #[test]
    fn a_road_number_is_not_a_time_of_day() {
        // "highway 94" is not "about" 1:30 a.m. (90 minutes after midnight): the reports
        // disagree on when the player was stopped.
        let f = story(&[
            "Jamal Williams, 32, was stopped for speeding on State Route 94 around 1:30 a.m. Sunday, Officer Brian Pennings said.",
            "According to authorities, Jamal Williams was driving his Bentley at about 1:00 a.m. Sunday on highway 94 when the officers stopped him.",
        ]);
        let c = conflicts(&f);
        assert_eq!(c.len(), 1, "{f:#?}");
        assert_eq!(c[0].about, "time of day", "{c:#?}");
    }

    #[test]
    fn same_unit_about_different_things_is_no_conflict() {
        // Minutes of two different calls; people injured and people arrested.
        let f = story(&[
            "The Kremlin said Putin's call with Trump lasted 90 minutes. Police said 70 people were injured in Athens.",
            "Zelensky's office said his call with Trump lasted 60 minutes. Police said 200 people were arrested in Athens.",
        ]);
        assert!(conflicts(&f).is_empty(), "{f:#?}");
    }

    #[test]
    fn the_same_count_told_differently_is_a_conflict_and_hedges_are_compatible() {
        let f = story(&[
            "Officials in Iran said the earthquake killed 10 people on Sunday.",
            "Officials in Iran said the earthquake killed three people on Sunday.",
            "Officials in Iran said the earthquake killed at least eight people on Sunday.",
        ]);
        let c = conflicts(&f);
        assert_eq!(c.len(), 1, "{f:#?}");
        let values: Vec<&str> = c[0]
            .claims
            .iter()
            .filter_map(|x| x.value.get("as_written").and_then(|v| v.as_str()))
            .collect();
        assert!(
            values.contains(&"10") && values.contains(&"three"),
            "{values:?}"
        );
        // "at least eight" is compatible with 10: it agrees rather than conflicts.
        let agreed = f
            .iter()
            .find(|x| x.status == "agreed" && x.kind == "quantity" && x.sources == 2);
        assert!(agreed.is_none() || c[0].claims.len() >= 2);
    }

    fn pair_status(x: &str, y: &str) -> Vec<String> {
        story(&[x, y])
            .into_iter()
            .filter(|f| f.kind == "quantity" && f.sources == 2)
            .map(|f| f.status)
            .collect()
    }

    #[test]
    fn made_up_pairs_that_differ_in_one_number_conflict() {
        for (x, y) in [
            (
                "The Senate committee received 55,000 pages of documents from Clinton's lawyers.",
                "The Senate committee received 50,000 pages of documents from Clinton's lawyers.",
            ),
            (
                "The indictment against Manafort runs 48 pages, prosecutors in Virginia said.",
                "The indictment against Manafort runs 47 pages, prosecutors in Virginia said.",
            ),
            (
                "A judge in Texas set bail for Jones at $250,000 on Monday.",
                "A judge in Texas set bail for Jones at $300,000 on Monday.",
            ),
            (
                "The storm in Florida left 5,000 homes without power, Duke Energy said.",
                "The storm in Florida left 6,000 homes without power, Duke Energy said.",
            ),
        ] {
            assert_eq!(pair_status(x, y), vec!["conflict"], "{x} / {y}");
        }
    }

    #[test]
    fn hedges_and_written_precision_agree() {
        for (x, y) in [
            (
                "The Senate committee received about 50,000 pages from Clinton's lawyers.",
                "The Senate committee received 55,000 pages from Clinton's lawyers.",
            ),
            (
                "The Senate committee received more than 50,000 pages from Clinton's lawyers.",
                "The Senate committee received 55,000 pages from Clinton's lawyers.",
            ),
            (
                "Apple paid $43.9 million to settle the Texas suit, its lawyers said.",
                "Apple paid $44 million to settle the Texas suit, its lawyers said.",
            ),
        ] {
            assert_eq!(pair_status(x, y), vec!["agreed"], "{x} / {y}");
        }
    }

    #[test]
    fn vague_amounts_never_agree_with_a_figure() {
        let f = story(&[
            "Israel obtained thousands of secret files from Iran, Netanyahu said.",
            "Israel obtained 55,000 secret files from Iran, Netanyahu said.",
        ]);
        assert!(
            f.iter()
                .all(|x| !(x.kind == "quantity" && x.status == "agreed" && x.sources == 2)),
            "{f:#?}"
        );
        // Ranges that cannot overlap conflict.
        let f = story(&[
            "Officials in Ukraine said millions of people died in the war, Zelensky said.",
            "Officials in Ukraine said several hundred thousand people died in the war, Zelensky said.",
        ]);
        assert_eq!(conflicts(&f).len(), 1, "{f:#?}");
    }

    #[test]
    fn different_scopes_are_no_conflict() {
        let f = story(&[
            "Brees threw for 300 yards against Atlanta this season, the Saints said.",
            "Brees threw for 4,000 yards against Atlanta, the Saints said.",
        ]);
        assert!(conflicts(&f).is_empty(), "{f:#?}");
        let f = story(&[
            "The earthquake in Iran killed 10 people, officials in Tehran said.",
            "Another earthquake in Iran killed three people, officials in Tehran said.",
        ]);
        assert!(conflicts(&f).is_empty(), "{f:#?}");
    }

    #[test]
    fn one_happening_dated_differently_is_a_conflict() {
        let f = story(&[
            "Palmer voters in 2009 approved a $3 million bond to buy the Mat Maid properties.",
            "Palmer voters in 2010 approved a $3 million bond to buy the Mat Maid properties.",
        ]);
        let dates: Vec<&Fact> = f
            .iter()
            .filter(|x| x.kind == "date" && x.status == "conflict")
            .collect();
        assert_eq!(dates.len(), 1, "{f:#?}");
        // The same year for different happenings is no fact of its own, and different
        // years of different happenings are no conflict.
        let f = story(&[
            "Palmer voters in 2009 approved a $3 million bond for the Mat Maid properties.",
            "The Mat Maid dairy in Palmer closed in 2008 after decades of losses.",
        ]);
        assert!(conflicts(&f).is_empty(), "{f:#?}");
    }

    #[test]
    fn spans_counted_back_differently_for_one_happening_conflict() {
        let dated = |f: &[Fact]| -> Vec<String> {
            f.iter()
                .filter(|x| x.kind == "date")
                .map(|x| x.status.clone())
                .collect()
        };
        let f = story(&[
            "Dowd was replaced last week by former New York City Mayor Rudy Giuliani.",
            "Two weeks ago, Trump recruited to his legal team former New York mayor Rudy Giuliani.",
        ]);
        assert_eq!(dated(&f), vec!["conflict"], "{f:#?}");
        // "last week" and "a week ago" can name one week.
        let f = story(&[
            "Dowd was replaced last week by former New York City Mayor Rudy Giuliani.",
            "A week ago, Trump recruited to his legal team former New York mayor Rudy Giuliani.",
        ]);
        assert!(conflicts(&f).is_empty(), "{f:#?}");
        // Different happenings: no conflict.
        let f = story(&[
            "Former New York mayor Rudy Giuliani met with his legal team last week.",
            "Two weeks ago, Trump recruited to his legal team former New York mayor Rudy Giuliani.",
        ]);
        assert!(conflicts(&f).is_empty(), "{f:#?}");
    }

    #[test]
    fn a_day_expected_and_a_day_reported_for_one_happening_conflict() {
        let f = story(&[
            "Senate Majority Leader Mitch McConnell said the chamber would vote on Thursday on the spending bill.",
            "Senate Majority Leader Mitch McConnell said the chamber voted Wednesday on the spending bill.",
        ]);
        assert_eq!(
            conflict_values(&f),
            vec![vec!["Thursday", "Wednesday"]],
            "{f:#?}"
        );
        let f = story(&[
            "The Senate is expected to vote Thursday on the nomination, Mitch McConnell said.",
            "The Senate voted Wednesday on the nomination, Mitch McConnell said.",
        ]);
        assert_eq!(
            conflict_values(&f),
            vec![vec!["Thursday", "Wednesday"]],
            "{f:#?}"
        );
        // Another happening to come is no date of the vote.
        let f = story(&[
            "Mitch McConnell will hold hearings on Thursday on the spending bill.",
            "Mitch McConnell voted on Wednesday on the spending bill.",
        ]);
        assert!(conflicts(&f).is_empty(), "{f:#?}");
        // The end of a period is no happening: two quarters end on two days.
        let f = story(&[
            "HP reported revenue of $104 billion for the four fiscal quarters ended July 31, 2007.",
            "HP expects the deal to be completed during HP's first fiscal quarter, which will end Jan. 31, 2008.",
        ]);
        assert!(conflicts(&f).is_empty(), "{f:#?}");
    }

    #[test]
    fn a_vote_misreported_by_more_than_a_games_slip_conflicts() {
        let f = story(&[
            "The House passed the measure 240-188 on Thursday, with Speaker Paul Ryan voting yes.",
            "The House passed the measure 240-183 on Thursday, with Speaker Paul Ryan voting yes.",
        ]);
        assert_eq!(
            conflict_values(&f),
            vec![vec!["240-183", "240-188"]],
            "{f:#?}"
        );
        // Two votes of one day (the rule, the bill) differ by more than a twentieth.
        let f = story(&[
            "The House passed the rule 227-190, Speaker Paul Ryan said.",
            "The House passed the bill 240-190, Speaker Paul Ryan said.",
        ]);
        assert!(conflicts(&f).is_empty(), "{f:#?}");
        // A game's score five points apart is two moments.
        let f = story(&[
            "Creighton led 45-35 at halftime behind Doug McDermott.",
            "Creighton led 45-40 at halftime behind Doug McDermott.",
        ]);
        assert!(conflicts(&f).is_empty(), "{f:#?}");
    }

    #[test]
    fn the_margins_of_two_round_figures_do_not_add_up() {
        let said = |figure: &str| {
            format!(
                "{figure} people have signed up for coverage under Obamacare, Seema Verma said."
            )
        };
        let f = story(&[&said("About 1.2 million"), &said("Some 1.5 million")]);
        assert_eq!(
            conflict_values(&f),
            vec![vec!["About 1.2 million", "Some 1.5 million"]],
            "{f:#?}"
        );
        // One figure inside the other's margin: the same figure rounded.
        let f = story(&[&said("About 1.2 million"), &said("Roughly 1.3 million")]);
        assert!(conflicts(&f).is_empty(), "{f:#?}");
    }

    #[test]
    fn a_figure_told_later_is_another_event() {
        let f = story(&[
            "Alexandros Grigoropoulos was among a group of 30 youths that had thrown stones in Exarchia.",
            "But later, about 100 youths hurled petrol bombs at a police station in Exarchia.",
        ]);
        assert!(conflicts(&f).is_empty(), "{f:#?}");
    }

    #[test]
    fn a_figure_with_its_span_of_years_is_another_scope() {
        let f = story(&[
            "Prior to that, Tony DiLeo spent four seasons as the Sixers director of player personnel (1999-2003).",
            "Tony DiLeo has spent 19 seasons with the Sixers.",
        ]);
        assert!(conflicts(&f).is_empty(), "{f:#?}");
        let f = story(&[
            "Tony DiLeo spent four seasons as the Sixers director of player personnel (1999-2003).",
            "Tony DiLeo spent five seasons as the Sixers director of player personnel (1999-2003).",
        ]);
        assert_eq!(conflict_values(&f), vec![vec!["five", "four"]], "{f:#?}");
    }

    #[test]
    fn a_figure_followed_by_also_counts_more_of_the_thing() {
        let f = story(&[
            "Governor Heydar Alishbandi said five villages on Qeshm island had been damaged.",
            "Houses in two villages were also damaged on Qeshm island, Heydar Alishbandi said.",
        ]);
        assert!(conflicts(&f).is_empty(), "{f:#?}");
        let f = story(&[
            "Governor Heydar Alishbandi said five villages on Qeshm island had been damaged.",
            "Houses in two villages were damaged on Qeshm island, Heydar Alishbandi said.",
        ]);
        assert_eq!(conflict_values(&f), vec![vec!["five", "two"]], "{f:#?}");
    }

    #[test]
    fn a_span_between_two_happenings_is_read_from_the_verb_before_it() {
        let span = |s: &str, figure: &str| {
            let k = s.find(figure).unwrap_or(0);
            span_between(s, &(k..k + figure.len())).map(|(key, _)| key)
        };
        let married = span(
            "Chela Ortiz, who married the deputy three weeks before he was murdered, spoke.",
            "three weeks",
        );
        assert!(married.is_some());
        assert_eq!(
            married,
            span("He was wed two weeks before the shooting.", "two weeks")
        );
        assert_ne!(
            married,
            span("He was wed two weeks after the shooting.", "two weeks")
        );
        // No verb in the figure's clause, or no "before" / "after": no span.
        assert_eq!(
            span("Three weeks later, police arrested him.", "Three weeks"),
            None
        );
        assert_eq!(
            span(
                "They would not score again for almost eight minutes.",
                "almost eight minutes"
            ),
            None
        );
    }

    #[test]
    fn spans_of_one_happening_that_differ_conflict() {
        let f = story(&[
            "Chela Ortiz, who married the deputy three weeks before he was murdered, spoke to the court.",
            "He had married two weeks before the shooting, and had won a medal of honor.",
        ]);
        assert_eq!(
            conflict_values(&f),
            vec![vec!["three weeks", "two weeks"]],
            "{f:#?}"
        );
        // Spans of two different happenings, or from a verb that only says something
        // happened, are not compared.
        let f = story(&[
            "Chela Ortiz, who married the deputy three weeks before he was murdered, spoke to the court.",
            "He had moved two weeks before the shooting, and had won a medal of honor.",
        ]);
        assert!(conflicts(&f).is_empty(), "{f:#?}");
        let f = story(&[
            "The first blast occurred five days before the vote, officials said.",
            "A second blast occurred two days before the vote, officials said.",
        ]);
        assert!(conflicts(&f).is_empty(), "{f:#?}");
    }

    #[test]
    fn a_street_block_is_one_place_and_three_values_are_one_conflict() {
        let f = story(&[
            "Deputy Jerry Ortiz was killed June 24, 2005 outside an apartment in the 12000 block of East 223rd Street.",
            "Jerry Ortiz followed the suspect to an apartment in the 12500 block of East 223rd Street, where he had been the previous day.",
            "Officers fanned out around the 12200 block of 223rd Street after Jerry Ortiz was shot.",
        ]);
        assert_eq!(
            conflict_values(&f),
            vec![vec!["12000", "12200", "12500"]],
            "{f:#?}"
        );
        assert!(
            conflicts(&f)
                .iter()
                .all(|c| c.about.starts_with("block of ") && c.about.ends_with("223rd Street")),
            "{f:#?}"
        );
        // Another street is another place.
        let f = story(&[
            "Deputy Jerry Ortiz was killed outside an apartment in the 12000 block of East 223rd Street.",
            "Jerry Ortiz was investigating a shooting in the 22000 block of Joliet Avenue.",
        ]);
        assert!(conflicts(&f).is_empty(), "{f:#?}");
    }

    #[test]
    fn a_date_is_read_with_the_verb_of_its_own_clause() {
        let at = |s: &str, d: &str| {
            let k = s.find(d).unwrap_or(0);
            happening_at(s, &(k..k + d.len()))
        };
        let stem = |w: &str| {
            Some(crate::facts::words::happening_class(
                &crate::facts::words::stem(w),
            ))
        };
        // A verb past "after", or past "and" after the date, is another clause's.
        let s = "Rudy Giuliani joined the legal team in March after John Dowd resigned.";
        assert_eq!(at(s, "March"), stem("joined"));
        let s = "The House approved the bill on Wednesday and sent it to the Senate.";
        assert_eq!(
            at(s, "Wednesday"),
            at("The House approved the bill on Tuesday.", "Tuesday")
        );
        // The date's own "before" is no other clause.
        let s = "John Dowd resigned before March 22, aides said.";
        assert_eq!(at(s, "March 22"), stem("resigned"));
        // A vote to confirm is the confirmation; a thing set for a day is dated by its noun.
        assert_eq!(
            at(
                "The Senate voted 51-49 on Wednesday to confirm Gina Haspel.",
                "Wednesday"
            ),
            at("The Senate confirmed Gina Haspel on Thursday.", "Thursday")
        );
        assert_eq!(
            at(
                "The summit between Moon and Kim is set for April 28.",
                "April 28"
            ),
            Some(crate::facts::words::stem("summit"))
        );
        assert_eq!(
            at(
                "The summit between Moon and Kim will take place on April 27.",
                "April 27"
            ),
            Some(crate::facts::words::stem("summit"))
        );
        // A verb to come may stand a clause's length from its date.
        let s = "Donald Trump is expected to announce his decision on the Iran deal on May 12.";
        assert!(at(s, "May 12").is_some());
    }

    #[test]
    fn happenings_to_come_and_votes_dated_differently_conflict() {
        let f = story(&[
            "Donald Trump will meet Kim Jong Un on June 12 in Singapore, the White House said.",
            "Donald Trump and Kim Jong Un are scheduled to meet in Singapore on June 14, officials said.",
        ]);
        assert_eq!(
            conflict_values(&f),
            vec![vec!["June 12", "June 14"]],
            "{f:#?}"
        );
        let f = story(&[
            "The Senate voted 51-49 on Wednesday to confirm Gina Haspel as CIA director.",
            "The Senate confirmed Gina Haspel as CIA director on Thursday.",
        ]);
        assert_eq!(
            conflict_values(&f),
            vec![vec!["Thursday", "Wednesday"]],
            "{f:#?}"
        );
        // A vote on one day to do one thing and a confirmation of another day: no conflict.
        let f = story(&[
            "The Senate voted on Wednesday to debate the nomination of Gina Haspel.",
            "The Senate confirmed Gina Haspel as CIA director on Thursday.",
        ]);
        assert!(conflicts(&f).is_empty(), "{f:#?}");
    }

    #[test]
    fn a_rate_laid_on_a_good_is_one_referent_whatever_the_verb() {
        let f = story(&[
            "Trump imposed tariffs of 25 percent on imported steel from China on Friday.",
            "On Friday Trump slapped a 20 percent tariff on steel imports from China.",
        ]);
        let c = conflicts(&f);
        assert_eq!(c.len(), 1, "{f:#?}");
        assert_eq!(
            c.first().map(|x| x.about.as_str()),
            Some("percentage: tariff on steel")
        );
        // A rate on another good is another referent.
        let f = story(&[
            "Trump imposed a 25 percent tariff on steel imports from China on Friday.",
            "On Friday Trump slapped a 10 percent tariff on aluminum imports from China.",
        ]);
        assert!(conflicts(&f).is_empty(), "{f:#?}");
    }

    #[test]
    fn the_same_persons_figure_with_a_light_verb_is_one_figure() {
        let f = story(&[
            "Paul Manafort was sentenced to 10 years in prison on Friday.",
            "Paul Manafort received a 12-year sentence on Friday.",
        ]);
        assert_eq!(
            conflict_values(&f),
            vec![vec!["10 years", "12-year"]],
            "{f:#?}"
        );
        // What the person could have got is another figure.
        let f = story(&[
            "Paul Manafort was sentenced to 10 years in prison on Friday.",
            "Paul Manafort faced 20 years in prison on Friday.",
        ]);
        assert!(conflicts(&f).is_empty(), "{f:#?}");
    }

    #[test]
    fn figures_just_under_and_about_round_numbers_meet_only_where_their_margins_do() {
        let f = story(&[
            "About 800,000 young immigrants are enrolled in DACA, officials said.",
            "Nearly 700,000 young immigrants are enrolled in DACA, officials said.",
        ]);
        assert_eq!(conflicts(&f).len(), 1, "{f:#?}");
        // Just under 50,000 and just under 48,000 can be one figure.
        let f = story(&[
            "Nearly 50,000 people attended the rally in Paris, police said.",
            "Almost 48,000 people attended the rally in Paris, police said.",
        ]);
        assert!(conflicts(&f).is_empty(), "{f:#?}");
        assert_eq!(super::last_unit(8.0), Some(1.0));
        assert_eq!(super::last_unit(700_000.0), Some(100_000.0));
        assert_eq!(super::last_unit(48_000.0), Some(1_000.0));
        assert_eq!(super::last_unit(7.5), None);
        // "stepped down" is a resignation.
        let f = story(&[
            "Scott Pruitt resigned as EPA administrator on Thursday.",
            "Scott Pruitt stepped down as EPA administrator on Friday.",
        ]);
        assert_eq!(
            conflict_values(&f),
            vec![vec!["Friday", "Thursday"]],
            "{f:#?}"
        );
    }

    #[test]
    fn a_sum_with_its_own_noun_is_one_referent_and_a_length_is_not() {
        // Each report gives the budget once: the figures compare without a shared name.
        let f = story(&[
            "The governor signed the $2.1 billion budget on Friday after weeks of negotiations with lawmakers.",
            "Governor Andrew Cuomo signed a $2.4 billion budget Friday, ending weeks of talks with lawmakers in Albany.",
        ]);
        assert_eq!(
            conflict_values(&f),
            vec![vec!["$2.1 billion", "$2.4 billion"]],
            "{f:#?}"
        );
        // A length grows while it is told ("five days of riots", "8 days of riots"): without
        // a shared name or verb, two lengths are not compared.
        let f = story(&[
            "The shutdown, which lasted 35 days, was the longest in American history.",
            "The 34-day shutdown was the longest in U.S. history, economists said.",
        ]);
        assert!(conflicts(&f).is_empty(), "{f:#?}");
        // A report that gives two budgets speaks of two.
        let f = story(&[
            "The governor signed the $2.1 billion budget on Friday; the city's $2.4 billion budget is due next week.",
            "Governor Andrew Cuomo signed a $2.4 billion budget Friday in Albany.",
        ]);
        assert!(conflicts(&f).is_empty(), "{f:#?}");
    }

    #[test]
    fn what_a_sum_pays_for_is_its_referent() {
        let f = story(&[
            "Pruitt spent $43,000 on a soundproof phone booth for his office.",
            "The EPA chief spent $25,000 on a soundproof booth in his office, the GAO found.",
        ]);
        assert_eq!(
            f.iter()
                .filter(|x| x.status == "conflict")
                .map(|x| x.about.as_str())
                .collect::<Vec<_>>(),
            vec!["amount of money: booth"],
            "{f:#?}"
        );
        // "days before the election" dates the payment; the verb is found past the payee.
        let f = story(&[
            "Cohen paid Daniels $130,000 in October 2016 to keep quiet about the affair.",
            "Cohen paid Stormy Daniels $150,000 days before the 2016 election.",
        ]);
        assert_eq!(
            conflict_values(&f),
            vec![vec!["$130,000", "$150,000"]],
            "{f:#?}"
        );
        // The subject of "reached" past its name: "the trade deficit with China".
        let f = story(&[
            "The trade deficit with China reached $375 billion last year, Trump said.",
            "Trump has complained about the $500 billion trade deficit with China.",
        ]);
        assert_eq!(
            f.iter()
                .filter(|x| x.status == "conflict")
                .map(|x| x.about.as_str())
                .collect::<Vec<_>>(),
            vec!["amount of money: deficit"],
            "{f:#?}"
        );
    }

    #[test]
    fn a_group_named_after_a_figure_is_what_it_counts() {
        let f = story(&[
            "The House passed the bill 217-213 on Thursday, with 20 Republicans voting against it.",
            "The House passed the bill 217-213 on Thursday, with 25 Republicans joining Democrats in opposition.",
        ]);
        assert_eq!(conflict_values(&f), vec![vec!["20", "25"]], "{f:#?}");
        let f = story(&[
            "Mueller's team has interviewed more than 20 White House officials, people familiar with the matter said.",
            "Special counsel Robert Mueller has interviewed about a dozen White House officials.",
        ]);
        assert_eq!(
            conflict_values(&f),
            vec![vec!["about a dozen", "more than 20"]],
            "{f:#?}"
        );
        // A possessive name is whose, not what is counted.
        let text = "Two of Trump's negotiators left.";
        let qs = crate::facts::quantities::quantities(
            text,
            &crate::facts::parse::parse(text, chrono::NaiveDate::default()),
        );
        assert!(qs.iter().all(|q| q.thing != "trump"), "{qs:#?}");
    }

    #[test]
    fn an_event_held_or_scheduled_is_the_dates_happening() {
        let f = story(&[
            "The Senate Judiciary Committee will hold its hearing on the nomination on Tuesday, Chairman Chuck Grassley said.",
            "Senate Judiciary Committee Chairman Chuck Grassley scheduled the hearing on the nomination for Thursday.",
        ]);
        assert_eq!(
            conflict_values(&f),
            vec![vec!["Thursday", "Tuesday"]],
            "{f:#?}"
        );
        // Holding one event and another are two happenings.
        let f = story(&[
            "The Senate Judiciary Committee will hold its hearing on the nomination on Tuesday, Chairman Chuck Grassley said.",
            "Chairman Chuck Grassley and the Senate Judiciary Committee held a vote on the nomination on Thursday.",
        ]);
        assert!(conflicts(&f).is_empty(), "{f:#?}");
        // Fired and dismissed are one dismissal.
        let f = story(&[
            "Trump fired Comey on May 9, 2017, citing his handling of the Clinton email investigation.",
            "President Trump dismissed FBI Director James Comey on May 10, 2017, the White House said.",
        ]);
        assert_eq!(
            conflict_values(&f),
            vec![vec!["May 10, 2017", "May 9, 2017"]],
            "{f:#?}"
        );
    }

    #[test]
    fn one_bodys_vote_misreported_on_both_sides_is_a_conflict() {
        let f = story(&[
            "The Supreme Court ruled 5-4 on Tuesday that the travel ban was lawful.",
            "The Supreme Court upheld the travel ban in a 6-3 decision on Tuesday.",
        ]);
        assert_eq!(conflict_values(&f), vec![vec!["5-4", "6-3"]], "{f:#?}");
        // A game's two scores of one total are two moments.
        let f = story(&[
            "Drake beat Creighton 65-53 on Saturday in St. Louis.",
            "Drake led Creighton 60-58 on Saturday in St. Louis.",
        ]);
        assert!(conflicts(&f).is_empty(), "{f:#?}");
    }

    #[test]
    fn a_figure_that_fell_or_dropped_is_one_figure() {
        let f = story(&[
            "The unemployment rate fell to 3.9 percent in April, the Labor Department said.",
            "The jobless rate dropped to 4.1 percent in April, the Labor Department said.",
        ]);
        assert_eq!(conflict_values(&f), vec![vec!["3.9", "4.1"]], "{f:#?}");
        assert_eq!(
            crate::facts::words::happening_class("declin"),
            crate::facts::words::happening_class("fell")
        );
        assert_ne!(
            crate::facts::words::happening_class("rose"),
            crate::facts::words::happening_class("fell")
        );
    }

    #[test]
    fn a_poll_share_and_a_rating_measure_one_stance_and_two_rates_are_two() {
        let f = story(&[
            "A Gallup poll released Monday found that 41 percent of Americans approve of the job Donald Trump is doing.",
            "Donald Trump's approval rating stood at 38 percent in a Gallup poll released Monday.",
        ]);
        assert_eq!(conflict_values(&f), vec![vec!["38", "41"]], "{f:#?}");
        let f = story(&[
            "The unemployment rate stood at 3.9 percent in April, the Labor Department said.",
            "The inflation rate stood at 2.1 percent in April, the Labor Department said.",
        ]);
        assert!(conflicts(&f).is_empty(), "{f:#?}");
    }

    #[test]
    fn the_weekday_a_report_is_given_does_not_hide_the_day_it_gives() {
        let f = story(&[
            "Donald Trump said Thursday that his summit with Kim Jong Un will take place on June 12 in Singapore.",
            "Donald Trump said on Thursday the summit with Kim Jong Un would be held on June 13 in Singapore.",
        ]);
        assert_eq!(
            conflict_values(&f),
            vec![vec!["June 12", "June 13"]],
            "{f:#?}"
        );
    }

    #[test]
    fn one_polls_shares_misreported_conflict_and_two_polls_do_not() {
        let f = story(&[
            "Joe Biden leads Donald Trump 52% to 42% among registered voters in a Quinnipiac poll released Wednesday.",
            "A Quinnipiac poll released Wednesday shows Joe Biden ahead of Donald Trump 51 percent to 43 percent among registered voters.",
        ]);
        assert_eq!(
            conflict_values(&f),
            vec![vec!["51 percent to 43 percent", "52% to 42%"]],
            "{f:#?}"
        );
        let f = story(&[
            "Joe Biden leads Donald Trump 52% to 42% among registered voters in a Quinnipiac poll released Wednesday.",
            "A Fox News poll released Wednesday shows Joe Biden ahead of Donald Trump 51 percent to 43 percent among registered voters.",
        ]);
        assert!(conflicts(&f).is_empty(), "{f:#?}");
    }

    #[test]
    fn a_date_said_to_be_a_things_names_that_thing() {
        let f = story(&[
            "Congress faces a March 1 deadline to avert new tariffs on Chinese goods, Robert Lighthizer said.",
            "Robert Lighthizer said the deadline for a deal with China to avert new tariffs is March 2.",
        ]);
        assert_eq!(
            conflict_values(&f),
            vec![vec!["March 1", "March 2"]],
            "{f:#?}"
        );
    }

    #[test]
    fn a_preposition_before_a_noun_phrase_opens_no_clause() {
        let f = story(&[
            "Michael Cohen will testify before the House Oversight Committee next Tuesday, Elijah Cummings said.",
            "Elijah Cummings said Michael Cohen is scheduled to testify before the House Oversight Committee on Wednesday.",
        ]);
        assert_eq!(conflicts(&f).len(), 1, "{f:#?}");
        // "after Dowd resigned" still opens a clause: the joining is dated, not the resigning.
        assert_eq!(
            happening_at(
                "Jay Sekulow joined the team in March after Dowd resigned.",
                &(31..36)
            )
            .as_deref(),
            Some("join")
        );
    }

    #[test]
    fn named_to_a_post_is_appointed() {
        let f = story(&[
            "Robert Mueller was appointed special counsel in May 2017 by Rod Rosenstein.",
            "Robert Mueller was named special counsel in June 2017 by Rod Rosenstein.",
        ]);
        assert_eq!(
            conflict_values(&f),
            vec![vec!["June 2017", "May 2017"]],
            "{f:#?}"
        );
        let f = story(&[
            "A man named Robert Mueller arrived in May 2017, Rod Rosenstein said.",
            "Robert Mueller was appointed in June 2017, Rod Rosenstein said.",
        ]);
        assert!(conflicts(&f).is_empty(), "{f:#?}");
    }

    #[test]
    fn months_named_alone_for_one_happening() {
        let f = story(&[
            "Michael Flynn pleaded guilty in December to lying to the FBI.",
            "Michael Flynn pleaded guilty in November to lying to the FBI.",
        ]);
        assert_eq!(
            conflict_values(&f),
            vec![vec!["December", "November"]],
            "{f:#?}"
        );
        // A day inside the month, or a weekday, is no conflict.
        for other in ["on Dec. 1", "on Friday"] {
            let f = story(&[
                "Michael Flynn pleaded guilty in December to lying to the FBI.",
                &format!("Michael Flynn pleaded guilty {other} to lying to the FBI."),
            ]);
            assert!(conflicts(&f).is_empty(), "{f:#?}");
        }
    }

    #[test]
    fn two_rates_for_one_month_conflict() {
        let f = story(&[
            "The unemployment rate fell to 3.9 percent in April, the Labor Department said.",
            "The unemployment rate fell to 4.1 percent in April, the Labor Department said.",
        ]);
        assert_eq!(conflict_values(&f), vec![vec!["3.9", "4.1"]], "{f:#?}");
    }

    #[test]
    fn a_moment_on_the_game_clock_is_no_scope() {
        let f = story(&[
            "He came in needing 11 points to break Rodney Buford's scoring record of 2,106.",
            "McDermott broke Rodney Buford's school scoring record of 2,116 points with a free throw with 4:43 to play in the first half.",
        ]);
        assert_eq!(conflict_values(&f), vec![vec!["2,106", "2,116"]], "{f:#?}");
        // Points in a stretch of the game are a part of the tally.
        let f = story(&[
            "Rodney Buford scored 21 points in the first half for Creighton.",
            "Rodney Buford scored 24 points for Creighton.",
        ]);
        assert!(conflicts(&f).is_empty(), "{f:#?}");
    }

    #[test]
    fn facts_are_ordered_by_salience_and_trivial_ones_score_zero() {
        let f = story(&[
            "Officials in Iran said the earthquake killed 10 people on Sunday. Two leaders met on Monday.",
            "Officials in Iran said the earthquake killed three people on Sunday.",
        ]);
        assert!(f.windows(2).all(|w| w[0].salience >= w[1].salience));
        assert!(f.iter().all(|x| (0.0..=1.0).contains(&x.salience)));
        assert_eq!(f.first().map(|x| x.status.as_str()), Some("conflict"));
        for x in &f {
            if x.kind == "entity" {
                assert_eq!(x.salience, 0.0, "{x:#?}");
            }
        }
    }

    #[test]
    fn empty_and_odd_stories_do_not_panic() {
        assert!(story(&[]).is_empty());
        let f = story(&["", "“", "” ” “ 12 of 13 # 5 ... 1,2,3 $ € £ 0.5.6 — —"]);
        assert!(conflicts(&f).is_empty());
    }

    fn conflict_values(facts: &[Fact]) -> Vec<Vec<String>> {
        conflicts(facts)
            .iter()
            .map(|f| {
                let mut v: Vec<String> = f
                    .claims
                    .iter()
                    .filter_map(|c| c.value.get("as_written").and_then(|x| x.as_str()))
                    .map(str::to_string)
                    .collect();
                v.sort();
                v.dedup();
                v
            })
            .collect()
    }

    #[test]
    fn one_persons_figure_is_compared_across_verbs_and_two_peoples_figures_are_not() {
        let f = story(&[
            "Maria Lopez scored 21 points and Anna Berg scored 9 for the visitors in Boston.",
            "Anna Berg led the visitors with 9 points, while Maria Lopez had 18 points in Boston.",
        ]);
        assert_eq!(conflict_values(&f), vec![vec!["18", "21"]], "{f:#?}");
        // The same figure told of two people is no disagreement, nor two figures of two people.
        let f = story(&[
            "Maria Lopez scored 21 points for the visitors in Boston on Friday night.",
            "Anna Berg scored 18 points for the visitors in Boston on Friday night.",
        ]);
        assert!(conflicts(&f).is_empty(), "{f:#?}");
    }

    #[test]
    fn a_persons_figures_for_different_doings_are_not_compared() {
        let f = story(&[
            "Maria Lopez needed nine points to pass the record in Boston on Friday.",
            "Maria Lopez averaged a league-best 22.8 points this month in Boston.",
        ]);
        assert!(conflicts(&f).is_empty(), "{f:#?}");
    }

    #[test]
    fn almost_and_at_least_the_same_number_cannot_both_hold() {
        let f = story(&[
            "The prosecutor in Boston has at least four dozen questions for the mayor, lawyers said.",
            "The prosecutor in Boston has almost four dozen questions for the mayor, lawyers said.",
        ]);
        assert_eq!(
            conflict_values(&f),
            vec![vec!["almost four dozen", "at least four dozen"]],
            "{f:#?}"
        );
        let f = story(&[
            "The prosecutor in Boston has nearly four dozen questions for the mayor, lawyers said.",
            "The prosecutor in Boston has almost four dozen questions for the mayor, lawyers said.",
        ]);
        assert!(conflicts(&f).is_empty(), "{f:#?}");
    }

    #[test]
    fn a_thing_each_report_counts_once_is_one_referent() {
        // No shared verb, little shared wording: the seized files are still one thing.
        let f = story(&[
            "Agents took 100,000 secret files from the Tehran warehouse in January.",
            "The stolen Tehran archive contained 55,000 files on 183 discs, its finders say.",
        ]);
        assert_eq!(
            conflict_values(&f),
            vec![vec!["100,000", "55,000"]],
            "{f:#?}"
        );
        // A report that counts the thing twice, differently, speaks of several sets.
        let f = story(&[
            "Agents took 100,000 secret files from the Tehran warehouse in January.",
            "The stolen Tehran archive contained 55,000 files on 183 discs and 20,000 files on paper, its finders say.",
        ]);
        assert!(conflicts(&f).is_empty(), "{f:#?}");
    }

    #[test]
    fn loose_orders_of_magnitude_leave_the_referent_one() {
        // The third report speaks loosely of "tens of thousands" and "hundreds of thousands":
        // two vague amounts are no second set, so the precise figures still compare.
        let f = story(&[
            "Agents took 100,000 secret files from the Tehran warehouse in January.",
            "The stolen Tehran archive contained 55,000 files on 183 discs, its finders say.",
            "Tens of thousands of files came out of Tehran. In all hundreds of thousands of files were taken.",
        ]);
        let values = conflict_values(&f);
        assert!(
            values
                .iter()
                .any(|v| v.contains(&"100,000".to_string()) && v.contains(&"55,000".to_string())),
            "{f:#?}"
        );
    }

    #[test]
    fn people_who_signed_count_signatures_whatever_the_verb() {
        let f = story(&[
            "Online petitions against the visit received hundreds of thousands of signatures before the debate in Parliament.",
            "A petition signed by more than 1.8 million people led to a debate in Parliament.",
        ]);
        assert_eq!(conflicts(&f).len(), 1, "{f:#?}");
        // Two hundred thousand signatures and more than 150,000 people may both hold.
        let f = story(&[
            "Online petitions against the visit received 200,000 signatures before the debate in Parliament.",
            "A petition signed by more than 150,000 people led to a debate in Parliament.",
        ]);
        assert!(conflicts(&f).is_empty(), "{f:#?}");
    }

    #[test]
    fn four_other_things_leave_one_out() {
        let f = story(&[
            "The Genovese clan in New York joined the four other crime families in disarray.",
            "Prosecutors in New York charged the bosses of the five crime families in disarray.",
        ]);
        assert!(conflicts(&f).is_empty(), "{f:#?}");
    }

    #[test]
    fn times_of_day_half_an_hour_apart_conflict_and_hedged_ones_agree() {
        let f = story(&[
            "Deputy Jerry Ortiz was shot about 3 p.m. on Friday in Hawaiian Gardens, officials said.",
            "Deputy Jerry Ortiz was shot at about 3:30 p.m. on Friday in Hawaiian Gardens, officials said.",
            "Deputy Jerry Ortiz was shot shortly after 3 p.m. on Friday in Hawaiian Gardens, officials said.",
        ]);
        let c = conflict_values(&f);
        assert_eq!(c.len(), 1, "{f:#?}");
        assert!(c[0].contains(&"about 3:30 p.m.".to_string()), "{c:?}");
    }

    #[test]
    fn times_of_day_hours_apart_or_ahead_are_not_compared() {
        // The shooting and the arrest; a kickoff each outlet gives in its own time zone.
        let f = story(&[
            "Deputy Jerry Ortiz was shot about 3 p.m. in Hawaiian Gardens, officials said.",
            "Jose Orozco was arrested in Hawaiian Gardens shortly before midnight, officials said.",
        ]);
        assert!(conflicts(&f).is_empty(), "{f:#?}");
        let f = story(&[
            "The Saints face the Seahawks in Seattle in a wildcard game at 3:30 p.m. Saturday.",
            "The Saints face the Seahawks in Seattle in a wildcard game at 4:30 p.m. Saturday.",
        ]);
        assert!(conflicts(&f).is_empty(), "{f:#?}");
    }

    #[test]
    fn a_claim_in_a_sentence_without_end_shows_a_window_around_its_value() {
        let long = format!(
            "{} the flood killed 40 people {}",
            "rain ".repeat(600),
            "mud ".repeat(600)
        );
        let text = super::claim_text(&long, "40");
        assert!(text.len() <= super::CLAIM_TEXT_MAX + 8, "{}", text.len());
        assert!(text.contains("killed 40 people"));
        assert!(text.starts_with('\u{2026}') && text.ends_with('\u{2026}'));
        assert_eq!(super::claim_text("Forty died.", "Forty"), "Forty died.");
        // Multi-byte text is cut at character boundaries.
        let wide = "é".repeat(2000);
        assert!(super::claim_text(&wide, "zzz")
            .chars()
            .all(|c| c == 'é' || c == '\u{2026}'));
    }

    #[test]
    fn a_named_persons_age_one_year_apart_is_a_conflict() {
        let f = story(&[
            "Robert Buckley, 32, fell about 2,000 feet while climbing on Mount Sefton, police said.",
            "A day later 31-year-old Robert Buckley of Britain died in a fall on Mount Sefton.",
        ]);
        assert_eq!(
            conflict_values(&f),
            vec![vec!["31-year-old", "32"]],
            "{f:#?}"
        );
    }

    #[test]
    fn ages_years_apart_without_a_shared_verb_are_two_moments() {
        // The arrest and the trial, two years apart: no conflict.
        let f = story(&[
            "Police were still searching for Jose Luis Orozco, 27, who is considered armed.",
            "A jury found Jose Luis Orozco, 29, guilty of first degree murder.",
        ]);
        assert!(conflicts(&f).is_empty(), "{f:#?}");
    }

    #[test]
    fn one_happening_on_two_weekdays_is_a_conflict() {
        let f = story(&[
            "The Indian warship INS Sukanya on Thursday foiled a pirate attack on merchant ships in the Gulf of Aden.",
            "The Indian warship INS Sukanya foiled a pirate attack on merchant ships in the Gulf of Aden on Friday, capturing 26 pirates.",
        ]);
        assert_eq!(
            conflict_values(&f),
            vec![vec!["Friday", "Thursday"]],
            "{f:#?}"
        );
    }

    #[test]
    fn dates_a_shared_figure_ties_to_one_happening_conflict() {
        let f = story(&[
            "Voters in 2009 approved a $3 million bond to buy the properties, the mayor said.",
            "Palmer voters in 2010 approved a $3 million bond to pay for purchase of the property.",
        ]);
        assert_eq!(conflict_values(&f), vec![vec!["2009", "2010"]], "{f:#?}");
    }

    #[test]
    fn dates_decades_apart_are_two_happenings() {
        let f = story(&[
            "Gigante feigned mental illness to escape conviction for bribery in 1970.",
            "In April 2003, Gigante pleaded guilty to charges he feigned mental illness.",
        ]);
        assert!(conflicts(&f).is_empty(), "{f:#?}");
    }

    #[test]
    fn a_verb_next_to_one_figure_and_elsewhere_in_the_other_sentence_compares() {
        let f = story(&[
            "Fred LaRue served four and a half months in federal prison for his role in Watergate.",
            "Fred LaRue served four months in federal prison for his role in the Watergate scandal.",
        ]);
        assert_eq!(
            conflict_values(&f),
            vec![vec!["four and a half months", "four months"]],
            "{f:#?}"
        );
    }

    #[test]
    fn distances_from_different_places_are_no_conflict() {
        let f = story(&[
            "The quake was centered about two miles from The Geysers, the USGS said.",
            "The quake was centered about 20 miles north of Santa Rosa, the USGS said.",
        ]);
        assert!(conflicts(&f).is_empty(), "{f:#?}");
        let g = story(&[
            "The climber Duncan Rait fell about 200 feet from a ridge on Mount Cook.",
            "The climber Duncan Rait fell 150 metres from a ridge on Mount Cook.",
        ]);
        assert_eq!(
            conflict_values(&g),
            vec![vec!["150", "about 200"]],
            "{g:#?}"
        );
    }

    #[test]
    fn a_three_point_play_does_not_count_points() {
        let f = story(&[
            "McDermott finished with 23 points for Creighton in the Valley tournament.",
            "McDermott finished the traditional three-point play for Creighton in the Valley tournament.",
        ]);
        assert!(conflicts(&f).is_empty(), "{f:#?}");
    }

    #[test]
    fn a_pronoun_speaks_of_the_person_named_before_it_across_a_paragraph_break() {
        // One-sentence paragraphs: "He" is the LaRue of the paragraph before.
        let f = story(&[
            "Fred LaRue was the first person to plead guilty in the Watergate scandal.\nHe served four months in federal prison for conspiracy to obstruct justice.",
            "Fred LaRue served five months in federal prison for his role in the Watergate conspiracy.",
        ]);
        let c = conflicts(&f);
        assert_eq!(c.len(), 1, "{f:#?}");
        assert!(c[0].about.contains("prison"), "{f:#?}");
    }

    #[test]
    fn a_year_named_just_before_sets_the_time_of_a_sentence() {
        // Two sentencings of one man, decades apart: no disagreement.
        let f = story(&[
            "In 1959, Vincent Gigante was convicted of heroin trafficking in Manhattan.\nHe was sentenced to seven years in prison.",
            "Vincent Gigante's run ended with a July 1997 racketeering conviction.\nHe was sentenced to 12 years in prison.",
        ]);
        assert!(conflicts(&f).is_empty(), "{f:#?}");
        // Without the years, the same two sentences disagree.
        let f = story(&[
            "Vincent Gigante was convicted of heroin trafficking in Manhattan.\nHe was sentenced to seven years in prison.",
            "Vincent Gigante's run ended with a racketeering conviction.\nHe was sentenced to 12 years in prison.",
        ]);
        assert_eq!(conflicts(&f).len(), 1, "{f:#?}");
    }

    #[test]
    fn a_stretch_of_a_game_is_not_its_tally() {
        let whole = "Gregory Echenique scored 11 points for Creighton against Drake on Sunday.";
        for part in [
            "Gregory Echenique scored the first eight points for Creighton against Drake on Sunday.",
            "Gregory Echenique scored eight points in the first half for Creighton against Drake on Sunday.",
        ] {
            let f = story(&[part, whole]);
            assert!(conflicts(&f).is_empty(), "{part}: {f:#?}");
        }
        let f = story(&[
            "Gregory Echenique scored eight points for Creighton against Drake on Sunday.",
            whole,
        ]);
        assert_eq!(conflicts(&f).len(), 1, "{f:#?}");
    }

    #[test]
    fn spelled_out_and_stated_ages_compare_and_a_far_year_dates_something_else() {
        let f = story(&[
            "Sixty-year-old Sharron Smith is now accused of murdering two women at an ice cream store in 1967.",
            "Police have arrested and charged Sharron Smith, age 61, with two counts of murder.",
        ]);
        assert_eq!(
            conflict_values(&f),
            vec![vec!["Sixty-year-old", "age 61"]],
            "{f:#?}"
        );
    }

    #[test]
    fn an_undated_reports_last_year_may_be_any_year() {
        let (tests, last) = ("16 tests in 2017", "over 20 tests last year");
        assert!(!years_differ(tests, None, last, None));
        assert!(!years_differ(tests, Some(2018), last, Some(2018)));
        assert!(years_differ(tests, Some(2019), last, Some(2019)));
        assert!(years_differ(
            "the 2004 tsunami killed 168,000",
            None,
            "the quake killed 200",
            None
        ));
    }

    #[test]
    fn only_years_near_a_figure_date_it() {
        let s = "Mueller has given a list of almost four dozen questions to lawyers for President Trump as part of his investigation into Russian meddling in the 2016 election.";
        let at = s.find("almost").unwrap_or(0);
        let near = near_figure(s, &(at..at + "almost four dozen".len()));
        assert!(
            near.contains("questions") && !near.contains("2016"),
            "{near}"
        );
        let s = "In total, the country fired 23 missiles during 16 tests between February and December 2017.";
        let at = s.find("16").unwrap_or(0);
        assert!(near_figure(s, &(at..at + 2)).contains("2017"));
    }

    #[test]
    fn a_sentence_that_also_gives_the_other_figure_counts_a_part() {
        // "killed more than 230,000 people, over 170,000 of them in Aceh" / "168,000 were
        // killed in Aceh": a whole and its part.
        let part = "Gregory Echenique scored 11 points for Creighton against Drake on Sunday.";
        let f = story(&[
            "Gregory Echenique scored 14 points for Creighton against Drake on Sunday, 11 of them from the line.",
            part,
        ]);
        assert!(conflicts(&f).is_empty(), "{f:#?}");
        let f = story(&[
            "Gregory Echenique scored 14 points for Creighton against Drake on Sunday.",
            part,
        ]);
        assert_eq!(conflicts(&f).len(), 1, "{f:#?}");
    }

    #[test]
    fn a_figure_with_a_thousands_separator_keeps_the_clause_holder() {
        let f = story(&[
            "Doug McDermott now has 2,029 points in 106 games as a Bluejay.",
            "Doug McDermott has notched his in 105 games over three seasons.",
        ]);
        assert_eq!(conflict_values(&f), vec![vec!["105", "106"]], "{f:#?}");
    }

    #[test]
    fn a_day_without_a_year_still_rules_out_another_month() {
        let convicted = "Jose Luis Orozco was convicted March 20 of first-degree murder for the slaying of the deputy.";
        let f = story(&[
            convicted,
            "In April 2007 Jose Luis Orozco was found guilty of first-degree murder for the slaying of the deputy.",
        ]);
        assert_eq!(
            conflict_values(&f),
            vec![vec!["April 2007", "March 20"]],
            "{f:#?}"
        );
        let f = story(&[
            convicted,
            "In March 2007 Jose Luis Orozco was found guilty of first-degree murder for the slaying of the deputy.",
        ]);
        assert!(conflicts(&f).is_empty(), "{f:#?}");
    }

    #[test]
    fn a_date_before_a_noun_dates_that_noun() {
        let at = |s: &str, d: &str| {
            let k = s.find(d).unwrap_or(0);
            happening_at(s, &(k..k + d.len()))
        };
        let s = "A jury convicted Christopher Simpson of murder in the 2012 shooting death of his girlfriend.";
        assert_eq!(at(s, "2012"), Some(crate::facts::words::stem("shooting")));
        // Any determiner before the date: "in a Sunday tweet", "his Friday speech".
        let s = "In a Sunday tweet, Donald Trump said James Comey should be in jail.";
        assert_eq!(at(s, "Sunday"), Some(crate::facts::words::stem("tweet")));
        let s = "Christopher Simpson was found guilty Thursday of murder.";
        assert_eq!(
            at(s, "Thursday"),
            Some(crate::facts::words::stem("convicted"))
        );
        // A player picked up is a player signed; a phone picked up is no signing.
        let s = "New Orleans picked up DeShawn Wynn on Monday after the injury.";
        assert_eq!(
            at(s, "Monday"),
            at("The Saints signed DeShawn Wynn on Monday.", "Monday")
        );
        let s = "The clerk picked up the phone on Monday.";
        assert_ne!(
            at(s, "Monday"),
            at("The Saints signed DeShawn Wynn on Monday.", "Monday")
        );
        let s = "Gigante, who feigned insanity for decades, died Monday in prison.";
        assert_eq!(at(s, "Monday"), Some(crate::facts::words::stem("died")));
    }

    #[test]
    fn the_same_other_figure_ties_two_sentences() {
        // No shared name; the same age ties the two falls.
        let f = story(&[
            "A 36-year-old Australian climber is dead after falling about 150 metres at the peak.",
            "On Friday, 36-year-old Duncan Rait died after slipping and falling about 60 metres from a ridge.",
        ]);
        assert_eq!(
            conflict_values(&f),
            vec![vec!["about 150", "about 60"]],
            "{f:#?}"
        );
        // A dateline's day and year tie nothing: two stamps of one day.
        let f = story(&[
            "Posted September 14, 2013 10:46 AM",
            "Posted September 14, 2013 11:41 AM",
        ]);
        assert!(conflicts(&f).is_empty(), "{f:#?}");
    }

    #[test]
    fn parts_that_add_up_to_the_other_figure_are_no_conflict() {
        let f = story(&[
            "The commandos seized seven AK-47 assault rifles, two other rifles and 13 loaded magazines from the pirates.",
            "Nine assault rifles and 13 loaded magazines were seized from the pirates, the spokesman said.",
        ]);
        assert!(conflicts(&f).is_empty(), "{f:#?}");
    }

    #[test]
    fn a_year_in_the_sentence_before_dates_a_figure() {
        let other =
            "The tsunami killed 230,000 people in 13 countries around the Indian Ocean in 2004.";
        let f = story(&[
            "A strong quake struck off Aceh in 2004. The tsunami killed 230,000 people in 14 countries.",
            other,
        ]);
        assert_eq!(conflict_values(&f), vec![vec!["13", "14"]], "{f:#?}");
        // Another year before it: another tsunami.
        let f = story(&[
            "A strong quake struck off Java in 2006. The tsunami killed 600 people in 14 countries.",
            other,
        ]);
        assert!(conflicts(&f).is_empty(), "{f:#?}");
    }

    #[test]
    fn that_year_is_the_year_named_just_before() {
        let other = "His father, whom Fred LaRue killed in a hunting accident in Canada in 1957, was a banker.";
        let f = story(&[
            "Fred LaRue sold the oil field for $30 million in 1967. That same year he killed his father in a hunting accident in Canada.",
            other,
        ]);
        assert_eq!(
            conflict_values(&f),
            vec![vec!["1957", "That same year"]],
            "{f:#?}"
        );
        // The same year before it: agreement.
        let f = story(&[
            "Fred LaRue sold the oil field for $30 million in 1957. Later that year he killed his father in a hunting accident in Canada.",
            other,
        ]);
        assert!(conflicts(&f).is_empty(), "{f:#?}");
        // No year before it: "that year" dates nothing.
        let f = story(&[
            "Fred LaRue sold the oil field for $30 million. That same year he killed his father in a hunting accident in Canada.",
            other,
        ]);
        assert!(conflicts(&f).is_empty(), "{f:#?}");
    }

    #[test]
    fn a_date_tells_the_happening_of_its_own_clause_and_its_synonyms() {
        let at = |s: &str, d: &str| {
            let k = s.find(d).unwrap_or_default();
            happening_at(s, &(k..k.saturating_add(d.len())))
        };
        // The verb after the comma belongs to another clause.
        let x = at(
            "The assessment found that Iran suspended its nuclear program in early 2004, though it continued to build other sites.",
            "2004",
        );
        let y = at(
            "Netanyahu said the project had been shelved in 2003, and work went on.",
            "2003",
        );
        assert_eq!(x.as_deref(), Some("halt"));
        assert_eq!(x, y);
        // A date that opens its sentence takes the verb after the comma.
        assert_eq!(
            at(
                "Later that year, Mr. LaRue killed his father.",
                "Later that year"
            )
            .as_deref(),
            Some("kill")
        );
        assert_eq!(
            at("He was murdered in 2005.", "2005").as_deref(),
            Some("kill")
        );
    }

    #[test]
    fn a_year_counted_from_the_year_before_dates_a_figure() {
        let other = "Before 1997, Gigante had served only a five-year heroin rap in 1959.";
        let f = story(&[
            "Gigante was acquitted in 1958. A year later, he was convicted on federal charges of heroin trafficking. Mr. Gigante, who listed his profession as the superintendent of a tenement, was sentenced to seven years in prison.",
            other,
        ]);
        assert_eq!(
            conflict_values(&f),
            vec![vec!["five-year", "seven years"]],
            "{f:#?}"
        );
        // Counted to another year: another sentence.
        let f = story(&[
            "Gigante was acquitted in 1958. Five years later, he was convicted on federal charges of heroin trafficking. Mr. Gigante, who listed his profession as the superintendent of a tenement, was sentenced to seven years in prison.",
            other,
        ]);
        assert!(conflicts(&f).is_empty(), "{f:#?}");
    }

    #[test]
    fn one_moments_score_told_two_ways_is_a_conflict_and_two_moments_are_not() {
        let f = story(&[
            "Creighton took its first double-digit lead at 45-35 on a pair of free throws by Gregory Echenique with 13:41 to go in St. Louis.",
            "Two free throws by Gregory Echenique in St. Louis allowed Creighton to open a 45-36 lead with 13:41 to play.",
        ]);
        let tallies: Vec<&Fact> = conflicts(&f)
            .into_iter()
            .filter(|x| x.about.starts_with("score or tally"))
            .collect();
        assert_eq!(tallies.len(), 1, "{f:#?}");
        // The same final score agrees, whichever team is named first.
        let f = story(&[
            "Creighton beat Drake 65-53 on Sunday in St. Louis.",
            "Drake fell 53-65 to Creighton on Sunday in St. Louis.",
        ]);
        assert!(
            f.iter()
                .any(|x| x.about.starts_with("score or tally") && x.status == "agreed"),
            "{f:#?}"
        );
        // A report that gives both scores tells two moments of the game.
        let f = story(&[
            "Gregory Echenique put Creighton up 45-35 with 13:41 to go in St. Louis and 45-36 a minute later.",
            "Gregory Echenique put Creighton up at 45-36 with 13:41 to play in St. Louis.",
        ]);
        assert!(conflicts(&f).is_empty(), "{f:#?}");
    }

    #[test]
    fn one_sum_raised_told_two_ways_is_a_conflict_and_a_rounding_is_not() {
        let f = story(&[
            "Beto O'Rourke said his campaign raised $6.1 million in the first day after he entered the race.",
            "Beto O'Rourke said his campaign raised $9.4 million in the first day after he entered the race.",
        ]);
        assert_eq!(
            conflict_values(&f),
            vec![vec!["$6.1 million", "$9.4 million"]],
            "{f:#?}"
        );
        let f = story(&[
            "Bernie Sanders raised $5.9 million in the first day of his campaign, his aides said.",
            "Bernie Sanders raised $6 million in the first day of his campaign, his aides said.",
        ]);
        assert!(conflicts(&f).is_empty(), "{f:#?}");
    }

    #[test]
    fn overlapping_ranges_agree() {
        let f = story(&[
            "Warren said the family's ties went back six to 10 generations.",
            "Warren said the family's ties went back eight to 12 generations.",
        ]);
        assert!(conflicts(&f).is_empty(), "{f:#?}");
        // Ranges that cannot meet do not.
        let f = story(&[
            "Warren said the family's ties went back six to 10 generations.",
            "Warren said the family's ties went back 20 to 30 generations.",
        ]);
        assert_eq!(conflicts(&f).len(), 1, "{f:#?}");
    }

    #[test]
    fn a_count_written_as_an_adjective_counts_its_noun() {
        let f = story(&[
            "Mueller delivered a 448-page report to the attorney general on Friday.",
            "Mueller delivered a 400-page report to the attorney general on Friday.",
        ]);
        assert_eq!(conflict_values(&f), vec![vec!["400", "448"]], "{f:#?}");
    }

    #[test]
    fn one_vote_misreported_on_both_sides_is_a_conflict_and_two_votes_are_not() {
        let f = story(&[
            "The Senate voted 50-48 on Saturday to confirm Brett Kavanaugh to the Supreme Court.",
            "The Senate voted 51-49 on Saturday to confirm Brett Kavanaugh to the Supreme Court.",
        ]);
        assert_eq!(conflict_values(&f).len(), 1, "{f:#?}");
        // The cloture vote on Friday and the final vote on Saturday.
        let f = story(&[
            "The Senate voted 50-48 on Saturday to confirm Brett Kavanaugh to the Supreme Court.",
            "The Senate voted 51-49 on Friday to advance Brett Kavanaugh to the Supreme Court.",
        ]);
        assert!(conflicts(&f).is_empty(), "{f:#?}");
    }

    #[test]
    fn a_measure_taking_effect_on_two_days_is_a_conflict() {
        let f = story(&[
            "The new tariffs on Chinese goods will take effect on Friday, the Commerce Department said.",
            "The new tariffs on Chinese goods will take effect on Monday, the Commerce Department said.",
        ]);
        assert_eq!(conflicts(&f).len(), 1, "{f:#?}");
    }

    #[test]
    fn sentences_naming_nobody_are_tied_by_much_shared_wording() {
        let f = story(&[
            "Negotiators reached a deal on Sunday to end the partial government shutdown.",
            "Negotiators reached a deal on Saturday to end the partial government shutdown.",
        ]);
        assert_eq!(conflicts(&f).len(), 1, "{f:#?}");
        let f = story(&[
            "Negotiators reached a deal on Sunday to end the partial government shutdown.",
            "Lawmakers reached a deal on Saturday on the farm bill after months of talks.",
        ]);
        assert!(conflicts(&f).is_empty(), "{f:#?}");
    }

    #[test]
    fn figures_moved_in_opposite_directions_are_two_happenings() {
        let f = story(&[
            "The company cut 5,000 jobs last year, the report said.",
            "The company added 8,000 jobs last year, the report said.",
        ]);
        assert!(conflicts(&f).is_empty(), "{f:#?}");
        // The same direction told with two figures still conflicts.
        let f = story(&[
            "The company cut 5,000 jobs last year, the report said.",
            "The company cut 8,000 jobs last year, the report said.",
        ]);
        assert_eq!(conflict_values(&f), vec![vec!["5,000", "8,000"]], "{f:#?}");
    }

    #[test]
    fn lengths_and_forms_of_payment_are_no_referent_of_their_own() {
        let f = story(&[
            "Mark Teixeira's agent, Scott Boras, entered the free agency process hoping his client could attract a 10-year deal.",
            "Scott Boras said it was going to take an eight-year deal to get the services of Mark Teixeira.",
        ]);
        assert!(conflicts(&f).is_empty(), "{f:#?}");
        let f = story(&[
            "AMD agreed to buy ATI for around $5.4 billion in cash and stock, AMD and ATI announced Monday.",
            "The AMD purchase of ATI is a combination of $4.2 billion in cash and 57 million shares of AMD stock.",
        ]);
        assert!(conflicts(&f).is_empty(), "{f:#?}");
    }

    #[test]
    fn a_verb_of_another_figure_is_not_the_figures_verb() {
        let f = story(&[
            "The rising casualty toll in Gaza, more than 640 Palestinians killed since the Israeli assault began, gave impetus to diplomacy.",
            "At least 43 people were killed in the Gaza school, where hundreds of Palestinians had sought refuge from the Israeli assault.",
        ]);
        assert!(conflicts(&f).is_empty(), "{f:#?}");
    }

    #[test]
    fn found_guilty_is_a_conviction() {
        let f = story(&[
            "Paul Manafort was found guilty on Tuesday of eight counts of tax and bank fraud.",
            "Paul Manafort was convicted on Wednesday of eight counts of tax and bank fraud.",
        ]);
        assert_eq!(
            conflict_values(&f),
            vec![vec!["Tuesday", "Wednesday"]],
            "{f:#?}"
        );
        // Found something else: no conviction.
        let f = story(&[
            "Investigators found documents on Tuesday in the office of Paul Manafort.",
            "Paul Manafort was convicted on Wednesday of eight counts of tax and bank fraud.",
        ]);
        assert!(conflicts(&f).is_empty(), "{f:#?}");
    }

    #[test]
    fn figures_in_sentences_naming_nobody_are_not_tied_by_wording_alone() {
        // Datelines, building sizes and prices of two models name nobody too: without a name,
        // a shared figure or one referent, two figures are not compared.
        let f = story(&[
            "August 05, 2013 4:14PM. The storm moved east.",
            "August 4, 2013 2:29 PM ET. The storm moved east.",
        ]);
        assert!(conflicts(&f).is_empty(), "{f:#?}");
    }
}
