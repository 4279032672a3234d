//! Families: articles connected by copies or rewrites, and the likely source of each.
//!
//! A family is a connected component of the pairs that are not independent. Its likely source
//! is, in this order:
//! 1. the earliest published member, when every member has a date and one is first;
//! 2. else the member whose content the others contain: at least
//!    [`FamilyConfig::min_contained`] of its sentences have a counterpart in every other member,
//!    clearly more than for any other member (it is what they all draw on, and they add to it);
//! 3. else none, and `why` says the common source is not in the input.
//!
//! A member that credits an outlet for its story ("according to AP", "The New York Times
//! reports", [`super::narration::credited_outlet`]) is credited aggregation: `why` names the
//! outlet as the likely source of what that member carries, and says when no member is it.

use super::kind::{PairRelation, RelationKind};
use super::narration::credited_outlet;
use crate::article::Article;
use serde::Serialize;
use std::collections::BTreeMap;

/// Copies or rewrites that belong together, as the report gives them.
#[derive(Debug, Clone, Serialize)]
pub struct Family {
    /// Article ids.
    pub articles: Vec<String>,
    /// "copies" or "rewrites".
    pub kind: String,
    /// The likely original, if it is in the input.
    pub likely_source: Option<String>,
    /// Why that one (or why none).
    pub why: String,
}

/// How a family's likely source is told.
#[derive(Debug, Clone, PartialEq)]
pub struct FamilyConfig {
    /// Share of a member's sentences that must have a counterpart in each other member for its
    /// content to count as contained in them. Default 0.8.
    pub min_contained: f64,
    /// How much more contained the source must be than the runner-up. Default 0.15: with
    /// less, two members are equally good candidates and neither is named.
    pub margin: f64,
}

impl Default for FamilyConfig {
    fn default() -> Self {
        FamilyConfig {
            min_contained: 0.8,
            margin: 0.15,
        }
    }
}

/// The families among `articles`, from relations over indices into `articles` (any kinds;
/// independent pairs only lend their coverage). Families are ordered by their first member;
/// members keep the order of `articles`.
pub fn families(
    articles: &[&Article],
    relations: &[PairRelation],
    cfg: &FamilyConfig,
) -> Vec<Family> {
    let n = articles.len();
    let mut parent: Vec<usize> = (0..n).collect();
    for r in relations {
        if r.kind != RelationKind::Independent && r.a < n && r.b < n {
            let (x, y) = (find(&mut parent, r.a), find(&mut parent, r.b));
            if let Some(p) = parent.get_mut(x.max(y)) {
                *p = x.min(y);
            }
        }
    }
    let mut groups: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
    for i in 0..n {
        let root = find(&mut parent, i);
        groups.entry(root).or_default().push(i);
    }
    groups
        .into_values()
        .filter(|g| g.len() > 1)
        .map(|g| family(articles, &g, relations, cfg))
        .collect()
}

/// The root of `i` (path halving: each step points `i` at its grandparent).
fn find(parent: &mut [usize], mut i: usize) -> usize {
    while let Some(&p) = parent.get(i).filter(|&&p| p != i) {
        let grand = parent.get(p).copied().unwrap_or(p);
        if let Some(slot) = parent.get_mut(i) {
            *slot = grand;
        }
        i = grand;
    }
    i
}

fn family(
    articles: &[&Article],
    members: &[usize],
    relations: &[PairRelation],
    cfg: &FamilyConfig,
) -> Family {
    let inside = |r: &&PairRelation| members.contains(&r.a) && members.contains(&r.b);
    let links: Vec<&PairRelation> = relations
        .iter()
        .filter(inside)
        .filter(|r| r.kind != RelationKind::Independent)
        .collect();
    let copies = links.iter().all(|r| r.kind.is_copy());
    let (likely_source, mut why) = likely_source(articles, members, relations, copies, cfg);
    let credits: Vec<(usize, String)> = members
        .iter()
        .filter_map(|&i| Some((i, credited_outlet(articles.get(i)?)?)))
        .collect();
    if let Some((i, outlet)) = credits.first() {
        let named = |o: &str| {
            members.iter().filter_map(|&m| articles.get(m)).any(|a| {
                [a.source.as_deref(), a.title.as_deref(), a.url.as_deref()]
                    .into_iter()
                    .flatten()
                    .any(|s| s.to_lowercase().contains(&o.to_lowercase()))
            })
        };
        let note = if likely_source.is_none() && !named(outlet) {
            "the likely source, not in the input"
        } else {
            "the likely source of what it carries"
        };
        why.push_str(&format!(
            "; {} credits {outlet} (credited aggregation): {note}",
            articles.get(*i).map_or("", |a| a.id.as_str())
        ));
    }
    let id = |i: usize| articles.get(i).map(|a| a.id.clone());
    Family {
        articles: members.iter().filter_map(|&i| id(i)).collect(),
        kind: if copies { "copies" } else { "rewrites" }.to_string(),
        likely_source: likely_source.and_then(id),
        why,
    }
}

fn likely_source(
    articles: &[&Article],
    members: &[usize],
    relations: &[PairRelation],
    copies: bool,
    cfg: &FamilyConfig,
) -> (Option<usize>, String) {
    if let Some(pick) = earliest(articles, members) {
        return pick;
    }
    let dates_note = match members
        .iter()
        .filter(|&&i| articles.get(i).is_some_and(|a| a.published.is_some()))
        .count()
    {
        0 => "no member has a publication date".to_string(),
        1 => format!(
            "only 1 of the {} members has a publication date",
            members.len()
        ),
        k => format!(
            "only {k} of the {} members have a publication date",
            members.len()
        ),
    };
    // contained[m]: the least share of m's sentences found in any other member.
    let mut contained: Vec<(usize, f64)> = members
        .iter()
        .map(|&m| {
            let least = members
                .iter()
                .filter(|&&o| o != m)
                .map(|&o| coverage_of_in(relations, m, o).unwrap_or(0.0))
                .fold(f64::INFINITY, f64::min);
            (m, if least.is_finite() { least } else { 0.0 })
        })
        .collect();
    contained.sort_by(|x, y| y.1.total_cmp(&x.1).then(x.0.cmp(&y.0)));
    let Some(&(best, best_share)) = contained.first() else {
        return (None, dates_note);
    };
    let runner_up = contained.get(1).map_or(0.0, |c| c.1);
    let pct = |x: f64| (x * 100.0).round();
    if best_share >= cfg.min_contained && best_share - runner_up >= cfg.margin {
        let why = format!(
            "{dates_note}; {}% of its sentences have a counterpart in each other member, which \
             add to it (at most {}% of any other member's are found in all the rest)",
            pct(best_share),
            pct(runner_up)
        );
        return (Some(best), why);
    }
    if best_share >= cfg.min_contained {
        let kind = if copies { "copies" } else { "rewrites" };
        let why = format!(
            "{dates_note}, and the members are {kind} of one another ({}% and {}% of their \
             sentences are found in all the others): nothing tells which came first",
            pct(best_share),
            pct(runner_up)
        );
        return (None, why);
    }
    let why = format!(
        "{dates_note}, and no member contains the others' shared content (at most {}% of any \
         member's sentences have a counterpart in every other): they look like {} of a common \
         source that is not in the input",
        pct(best_share),
        if copies { "copies" } else { "rewrites" }
    );
    (None, why)
}

/// The earliest published member, when all have dates and one is strictly first.
fn earliest(articles: &[&Article], members: &[usize]) -> Option<(Option<usize>, String)> {
    let mut dated: Vec<(i64, usize)> = members
        .iter()
        .map(|&i| {
            let published = articles.get(i)?.published?;
            Some((published.timestamp(), i))
        })
        .collect::<Option<_>>()?;
    dated.sort_unstable();
    let (first, i) = *dated.first()?;
    let (next, second) = *dated.get(1)?;
    if next == first {
        return None;
    }
    let when = |i: usize| {
        (articles.get(i).and_then(|a| a.published)).map_or(String::new(), |p| p.to_string())
    };
    let why = format!(
        "published first ({}); the next member followed on {}",
        when(i),
        when(second)
    );
    Some((Some(i), why))
}

/// Share of `m`'s sentences with a counterpart in `o`, from the relation of the pair if it
/// carries coverage.
fn coverage_of_in(relations: &[PairRelation], m: usize, o: usize) -> Option<f64> {
    relations.iter().find_map(|r| match r.coverage {
        Some((ca, _)) if r.a == m && r.b == o => Some(ca),
        Some((_, cb)) if r.a == o && r.b == m => Some(cb),
        _ => None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::article::Published;

    fn article(id: &str, published: Option<&str>) -> Article {
        super::super::test_article(id, published, "")
    }

    fn rel(a: usize, b: usize, kind: RelationKind, coverage: (f64, f64)) -> PairRelation {
        PairRelation {
            a,
            b,
            kind,
            score: 0.9,
            coverage: Some(coverage),
            evidence: Vec::new(),
        }
    }

    use RelationKind::*;

    #[test]
    fn components_of_non_independent_pairs() {
        let arts: Vec<Article> = ["a", "b", "c", "d", "e"]
            .iter()
            .map(|id| article(id, None))
            .collect();
        let refs: Vec<&Article> = arts.iter().collect();
        let rels = [
            rel(0, 2, Rewrite, (0.6, 0.6)),
            rel(2, 4, NearDuplicate, (0.95, 0.95)),
            rel(1, 3, Independent, (0.1, 0.1)),
        ];
        let f = families(&refs, &rels, &FamilyConfig::default());
        assert_eq!(f.len(), 1);
        assert_eq!(f[0].articles, ["a", "c", "e"]);
        assert_eq!(f[0].kind, "rewrites");
        let only_copies = [rel(1, 3, Exact, (1.0, 1.0))];
        let f = families(&refs, &only_copies, &FamilyConfig::default());
        assert_eq!(f[0].articles, ["b", "d"]);
        assert_eq!(f[0].kind, "copies");
        assert!(families(&refs, &[], &FamilyConfig::default()).is_empty());
    }

    #[test]
    fn earliest_published_is_the_source_when_all_dates_are_known() {
        let arts = [
            article("late", Some("2025-02-13")),
            article("early", Some("2025-02-12T08:00:00Z")),
            article("mid", Some("2025-02-12T20:00:00Z")),
        ];
        let refs: Vec<&Article> = arts.iter().collect();
        let rels = [
            rel(0, 1, Rewrite, (0.7, 0.7)),
            rel(1, 2, Rewrite, (0.7, 0.7)),
        ];
        let f = families(&refs, &rels, &FamilyConfig::default());
        assert_eq!(f[0].likely_source.as_deref(), Some("early"));
        assert!(f[0].why.contains("published first"), "{}", f[0].why);
        assert!(matches!(arts[1].published, Some(Published::DateTime(_))));
    }

    #[test]
    fn without_dates_the_contained_member_is_the_source() {
        let arts = [
            article("src", None),
            article("r1", None),
            article("r2", None),
        ];
        let refs: Vec<&Article> = arts.iter().collect();
        // src's sentences are found in r1 and r2 (90%, 85%); they add content of their own.
        let rels = [
            rel(0, 1, Rewrite, (0.9, 0.6)),
            rel(0, 2, Rewrite, (0.85, 0.55)),
            rel(1, 2, Independent, (0.5, 0.45)),
        ];
        let f = families(&refs, &rels, &FamilyConfig::default());
        assert_eq!(f[0].likely_source.as_deref(), Some("src"));
        assert!(f[0].why.contains("85%"), "{}", f[0].why);
    }

    #[test]
    fn one_date_among_several_does_not_decide() {
        let arts = [article("a", Some("2025-06-08")), article("b", None)];
        let refs: Vec<&Article> = arts.iter().collect();
        let f = families(
            &refs,
            &[rel(0, 1, Rewrite, (0.6, 0.65))],
            &FamilyConfig::default(),
        );
        assert_eq!(f[0].likely_source, None);
        assert!(
            f[0].why.contains("only 1 of the 2 members has"),
            "{}",
            f[0].why
        );
        assert!(f[0].why.contains("not in the input"), "{}", f[0].why);
    }

    #[test]
    fn mutual_copies_without_dates_have_no_source() {
        let arts = [article("a", None), article("b", None)];
        let refs: Vec<&Article> = arts.iter().collect();
        let f = families(
            &refs,
            &[rel(0, 1, Exact, (1.0, 1.0))],
            &FamilyConfig::default(),
        );
        assert_eq!(f[0].likely_source, None);
        assert!(f[0].why.contains("copies of one another"), "{}", f[0].why);
        // Same dates tell nothing either.
        let arts = [
            article("a", Some("2025-01-01")),
            article("b", Some("2025-01-01")),
        ];
        let refs: Vec<&Article> = arts.iter().collect();
        let f = families(
            &refs,
            &[rel(0, 1, Exact, (1.0, 1.0))],
            &FamilyConfig::default(),
        );
        assert_eq!(f[0].likely_source, None);
    }

    #[test]
    fn credited_aggregation_names_the_outlet() {
        let mut arts = [article("a", None), article("b", None)];
        arts[1].text = "The jewels were worth two million euros, according to AFP.".into();
        let refs: Vec<&Article> = arts.iter().collect();
        let f = families(
            &refs,
            &[rel(0, 1, Rewrite, (0.5, 0.5))],
            &FamilyConfig::default(),
        );
        assert_eq!(f[0].likely_source, None);
        assert!(
            f[0].why.ends_with(
                "b credits AFP (credited aggregation): the likely source, not in the input"
            ),
            "{}",
            f[0].why
        );
        // Without a credit, nothing is said of one.
        arts[1].text = "The jewels were worth two million euros, the police said.".into();
        let refs: Vec<&Article> = arts.iter().collect();
        let f = families(
            &refs,
            &[rel(0, 1, Rewrite, (0.5, 0.5))],
            &FamilyConfig::default(),
        );
        assert!(!f[0].why.contains("credit"), "{}", f[0].why);
    }

    #[test]
    fn relations_out_of_range_are_ignored() {
        let arts = [article("a", None)];
        let refs: Vec<&Article> = arts.iter().collect();
        assert!(families(
            &refs,
            &[rel(0, 7, Exact, (1.0, 1.0))],
            &FamilyConfig::default()
        )
        .is_empty());
    }
}
