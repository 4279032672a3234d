//! Independent sources: a fact's `sources` counts the reports that could have learnt it
//! apart. Articles of one copy or rewrite family count as one source; a claim whose sentence
//! credits a news outlet ("as the Times reported", "according to Reuters", "the Daily News
//! quoted him as saying") counts for that outlet, so two reports repeating one outlet's story
//! are one source, and a report crediting another report of the story adds nothing to it.
//! The status is left as the comparison set it (agreed across articles): the dev gold counts
//! reports, and a fact-checker reads `sources` for how many of them are independent.

use super::words::{strip_possessive, words, Word};
use super::Fact;
use crate::article::Article;
use crate::copies::Family;
use std::collections::{BTreeMap, BTreeSet};

/// Words that make a capitalised name a news outlet ("The New York Times", "CNN", "Daily
/// News", "Associated Press", "Reuters"), sorted for binary search (a test checks it).
#[rustfmt::skip]
const OUTLET_WORDS: &[&str] = &[
    "abc", "afp", "ap", "bbc", "bloomberg", "broadcasting", "cbs", "chronicle", "cnbc", "cnn",
    "daily", "dispatch", "examiner", "fox", "gazette", "guardian", "herald", "independent",
    "inquirer", "journal", "magazine", "mail", "msnbc", "nbc", "news", "newspaper", "newsweek",
    "npr", "observer", "post", "press", "radio", "reuters", "sun", "telegraph", "times",
    "tribune", "tv", "wire",
];

/// Verbs and phrases that credit what follows or precedes to someone else's reporting.
const CREDIT_VERBS: &[&str] = &["reported", "reports", "reporting", "quoted", "cited"];

fn is_outlet_word(lower: &str) -> bool {
    OUTLET_WORDS.binary_search(&lower).is_ok()
}

/// The outlet a sentence credits, as a lower-case key ("the new york times" → "new york
/// times"), if any: "according to X", "X reported", "as X reported", "X quoted".
pub fn credited_outlet(sentence: &str) -> Option<String> {
    let ws = words(sentence);
    // The capitalised run of `from`'s words (read backwards when not `forward`).
    let outlet_at = |from: &mut dyn Iterator<Item = &Word<'_>>, forward: bool| -> Option<String> {
        let mut run: Vec<&str> = Vec::new();
        for w in from {
            let capital = w.text.chars().next().is_some_and(char::is_uppercase);
            let connector =
                matches!(w.text, "of" | "the" | "and" | "The") && !run.is_empty() && forward;
            if !(capital || connector) || w.text == "The" && !run.is_empty() && !forward {
                break;
            }
            if w.text != "The" {
                run.push(strip_possessive(w.text));
            }
            if run.len() > 6 {
                break;
            }
        }
        if !forward {
            run.reverse();
        }
        let lower: Vec<String> = run.iter().map(|w| w.to_lowercase()).collect();
        lower
            .iter()
            .any(|w| is_outlet_word(w))
            .then(|| lower.join(" "))
    };
    for (k, w) in ws.iter().enumerate() {
        let l = w.text.to_lowercase();
        // The words after this one, and those before it, nearest first.
        let after = ws.get(k..).unwrap_or_default().get(1..).unwrap_or_default();
        let before = ws.get(..k).unwrap_or_default();
        if l == "according" && after.first().is_some_and(|n| n.text == "to") {
            let rest = after.get(1..).unwrap_or_default();
            let rest = match rest.split_first() {
                Some((the, tail)) if the.text.eq_ignore_ascii_case("the") => tail,
                _ => rest,
            };
            if let Some(o) = outlet_at(&mut rest.iter(), true) {
                return Some(o);
            }
        }
        if CREDIT_VERBS.contains(&l.as_str()) && !before.is_empty() {
            if let Some(o) = outlet_at(&mut before.iter().rev(), false) {
                return Some(o);
            }
        }
    }
    None
}

/// Recounts each fact's `sources` as independent sources, given the story's articles and its
/// copy and rewrite families.
pub fn count_sources(facts: &mut [Fact], articles: &[&Article], families: &[Family]) {
    // Each article's source key: its family, else itself.
    let mut key_of: BTreeMap<&str, String> = BTreeMap::new();
    for a in articles {
        key_of.insert(a.id.as_str(), format!("article:{}", a.id));
    }
    for (k, f) in families.iter().enumerate() {
        for id in &f.articles {
            key_of.insert(id.as_str(), format!("family:{k}"));
        }
    }
    // An outlet named in the story's sources is that outlet's article.
    let outlet_of: BTreeMap<String, String> = articles
        .iter()
        .filter_map(|a| {
            let name = a.source.as_deref()?.to_lowercase();
            let name = name.trim_start_matches("the ").to_string();
            Some((name, key_of.get(a.id.as_str())?.clone()))
        })
        .collect();
    for fact in facts.iter_mut() {
        let mut keys: BTreeSet<String> = BTreeSet::new();
        for c in &fact.claims {
            let key = match credited_outlet(&c.text) {
                Some(o) => outlet_of
                    .get(&o)
                    .cloned()
                    .unwrap_or_else(|| format!("outlet:{o}")),
                None => key_of
                    .get(c.article.as_str())
                    .cloned()
                    .unwrap_or_else(|| format!("article:{}", c.article)),
            };
            keys.insert(key);
        }
        fact.sources = keys.len();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn outlet_words_are_sorted() {
        assert!(OUTLET_WORDS.windows(2).all(|w| w[0] < w[1]));
    }

    #[test]
    fn credited_outlets() {
        assert_eq!(
            credited_outlet("The deal was signed on Friday, as The New York Times reported."),
            Some("new york times".into())
        );
        assert_eq!(
            credited_outlet("Nine people died, according to the Associated Press."),
            Some("associated press".into())
        );
        assert_eq!(
            credited_outlet("“We fired first,” the New York Daily News quoted him as saying."),
            Some("new york daily news".into())
        );
        // A person or an agency credited is not an outlet; no credit at all is none.
        assert_eq!(
            credited_outlet("Nine people died, according to police."),
            None
        );
        assert_eq!(
            credited_outlet("According to Dmitry Peskov, the call went well."),
            None
        );
        assert_eq!(credited_outlet("The Kremlin reported progress."), None);
        assert_eq!(credited_outlet(""), None);
    }

    fn article(id: &str, source: &str) -> Article {
        Article {
            id: id.into(),
            title: None,
            source: Some(source.into()),
            url: None,
            published: None,
            author: None,
            language: None,
            path: id.into(),
            line: None,
            text: String::new(),
            sentences: Vec::new(),
            metadata: Default::default(),
            removed: Default::default(),
            notes: Vec::new(),
        }
    }

    fn fact(claims: &[(&str, &str)]) -> Fact {
        Fact {
            kind: "quote".into(),
            about: "x".into(),
            topic: "X".into(),
            status: "agreed".into(),
            sources: claims.len(),
            salience: 0.5,
            claims: claims
                .iter()
                .map(|(a, t)| super::super::Claim {
                    article: (*a).into(),
                    sentence: 0,
                    text: (*t).into(),
                    value: serde_json::Value::Null,
                })
                .collect(),
        }
    }

    #[test]
    fn families_and_credited_outlets_are_one_source() {
        let arts = [
            article("a", "Daily Planet"),
            article("b", "Wire Service"),
            article("c", "Other Paper"),
        ];
        let refs: Vec<&Article> = arts.iter().collect();
        let family = Family {
            articles: vec!["a".into(), "b".into()],
            kind: "rewrites".into(),
            likely_source: Some("a".into()),
            why: String::new(),
        };
        // a and b are one family: one source.
        let mut facts = vec![fact(&[("a", "Nine died."), ("b", "Nine died.")])];
        count_sources(&mut facts, &refs, std::slice::from_ref(&family));
        assert_eq!(facts[0].sources, 1);
        // Without the family they are two.
        let mut facts = vec![fact(&[("a", "Nine died."), ("b", "Nine died.")])];
        count_sources(&mut facts, &refs, &[]);
        assert_eq!((facts[0].sources, facts[0].status.as_str()), (2, "agreed"));
        // c credits the Daily Planet, which is article a: still one source.
        let mut facts = vec![fact(&[
            ("a", "Nine died."),
            ("c", "Nine died, according to the Daily Planet."),
        ])];
        count_sources(&mut facts, &refs, &[]);
        assert_eq!(facts[0].sources, 1);
        assert!(count_sources_is_total(&refs));
    }

    fn count_sources_is_total(refs: &[&Article]) -> bool {
        let mut none: Vec<Fact> = Vec::new();
        count_sources(&mut none, refs, &[]);
        none.is_empty()
    }
}
