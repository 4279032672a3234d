//! The seed cases of issue 5, on the five real reports in ../shared/seeds read as one story.

use corroborate::facts::{self, FactsConfig};
use corroborate::read::{discover, ReadConfig};
use corroborate::report::Fact;
use corroborate::{Article, Corpus};

fn seeds() -> Corpus {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../../../shared/seeds");
    let (inputs, skipped) = discover(&[dir.into()]);
    assert!(skipped.is_empty());
    let mut corpus = Corpus::new();
    corpus.read_inputs(&inputs, &ReadConfig::default(), &|| {});
    assert_eq!(corpus.articles.len(), 5);
    corpus
}

fn seed_facts() -> (Corpus, Vec<Fact>) {
    let corpus = seeds();
    let story: Vec<&Article> = corpus.articles.iter().collect();
    let facts = facts::for_story(&story, &FactsConfig::default());
    (corpus, facts)
}

fn short(id: &str) -> &str {
    &id[..3]
}

fn articles_of(f: &Fact) -> Vec<&str> {
    let mut v: Vec<&str> = f.claims.iter().map(|c| short(&c.article)).collect();
    v.sort_unstable();
    v.dedup();
    v
}

#[test]
fn the_call_length_is_agreed_by_four_reports_in_three_wordings() {
    let (_, facts) = seed_facts();
    let f = facts
        .iter()
        .find(|f| {
            f.kind == "quantity"
                && f.claims
                    .iter()
                    .any(|c| c.value.get("minutes").and_then(|m| m.as_f64()) == Some(90.0))
                && f.claims.len() >= 3
        })
        .expect("a 90-minute fact");
    assert_eq!(f.status, "agreed", "{f:#?}");
    for id in ["000", "001", "002", "003"] {
        assert!(articles_of(f).contains(&id), "{id} missing: {f:#?}");
    }
    let wordings: std::collections::BTreeSet<String> = f
        .claims
        .iter()
        .filter_map(|c| c.value.get("as_written").and_then(|w| w.as_str()))
        .map(str::to_lowercase)
        .collect();
    assert!(wordings.len() >= 3, "{wordings:?}");
    // Zelensky's one-hour call with Trump is another call: not a conflict.
    assert!(
        !facts
            .iter()
            .any(|f| f.kind == "quantity" && f.status == "conflict" && f.about.contains("call")),
        "{:#?}",
        facts
            .iter()
            .filter(|f| f.status == "conflict")
            .collect::<Vec<_>>()
    );
}

#[test]
fn start_negotiations_immediately_is_corroborated_by_at_least_four_reports() {
    let (_, facts) = seed_facts();
    let f = facts
        .iter()
        .filter(|f| f.kind == "quote")
        .filter(|f| {
            f.claims.iter().any(|c| {
                c.value
                    .get("words")
                    .and_then(|w| w.as_str())
                    .is_some_and(|w| w.contains("start negotiations immediately"))
            })
        })
        .max_by_key(|f| f.sources)
        .expect("the quotation");
    assert!(f.sources >= 4, "{f:#?}");
    assert_eq!(f.status, "agreed");
    assert!(f.about.starts_with("Donald Trump"), "{}", f.about);
}

#[test]
fn millions_of_victims_against_several_hundred_thousand_deaths_is_a_conflict() {
    let (_, facts) = seed_facts();
    let f = facts
        .iter()
        .find(|f| f.kind == "quantity" && f.status == "conflict")
        .expect("a conflict");
    assert_eq!(articles_of(f), vec!["001", "003"], "{f:#?}");
    let texts: Vec<&str> = f.claims.iter().map(|c| c.text.as_str()).collect();
    assert!(texts.iter().any(|t| t.contains("millions of victims")));
    assert!(texts
        .iter()
        .any(|t| t.contains("several hundred thousand deaths")));
    // That is the only conflict: precision over recall.
    assert_eq!(
        facts.iter().filter(|f| f.status == "conflict").count(),
        1,
        "{:#?}",
        facts
            .iter()
            .filter(|f| f.status == "conflict")
            .collect::<Vec<_>>()
    );
}

#[test]
fn vinnik_details_are_single_source_from_001() {
    let (_, facts) = seed_facts();
    let age = facts
        .iter()
        .find(|f| f.kind == "quantity" && f.about.contains("Vinnik"))
        .expect("Vinnik's age");
    assert_eq!(age.status, "single_source");
    assert_eq!(
        age.claims[0].value.get("years").and_then(|v| v.as_f64()),
        Some(45.0)
    );
    let money = facts
        .iter()
        .find(|f| {
            f.kind == "quantity"
                && f.claims
                    .iter()
                    .any(|c| c.value.get("USD").and_then(|v| v.as_f64()) == Some(4e9))
        })
        .expect("$4 billion");
    assert_eq!(money.status, "single_source");
    for f in [age, money] {
        assert_eq!(articles_of(f), vec!["001"]);
        assert!(f.claims[0].text.contains("45-year-old"));
    }
}

#[test]
fn names_are_unified_across_reports() {
    let (_, facts) = seed_facts();
    let entity = |name: &str| {
        facts
            .iter()
            .find(|f| f.kind == "entity" && f.about.starts_with(name))
            .unwrap_or_else(|| panic!("{name} missing"))
    };
    assert_eq!(
        articles_of(entity("Donald Trump")),
        vec!["000", "001", "002", "003", "004"]
    );
    let z = entity("Volodymyr Zelensky");
    assert_eq!(articles_of(z).len(), 5, "{z:#?}");
    let p = entity("Dmitr");
    assert_eq!(articles_of(p), vec!["001", "003"]);
    assert_eq!(entity("Kremlin").status, "agreed");
    // No two entities share a surname spelled alike.
    let people: Vec<&str> = facts
        .iter()
        .filter(|f| f.kind == "entity" && f.about.ends_with("(person)"))
        .map(|f| f.about.as_str())
        .collect();
    assert!(
        !people
            .iter()
            .any(|p| *p == "Trump (person)" || *p == "Zelensky (person)"),
        "{people:?}"
    );
}

#[test]
fn partial_quote_unrealistic_is_hegseths_in_four_reports() {
    let (_, facts) = seed_facts();
    let f = facts
        .iter()
        .find(|f| f.kind == "quote" && f.about.contains("unrealistic"))
        .expect("unrealistic");
    assert!(f.about.starts_with("Pete Hegseth"), "{}", f.about);
    assert_eq!(articles_of(f), vec!["000", "001", "002", "003"], "{f:#?}");
}

#[test]
fn fourth_year_and_three_years_ago_are_no_conflict() {
    let (_, facts) = seed_facts();
    for f in facts.iter().filter(|f| f.status == "conflict") {
        for c in &f.claims {
            assert!(
                !c.text.contains("fourth year") && !c.text.contains("three years ago"),
                "{f:#?}"
            );
        }
    }
}

#[test]
fn facts_are_deterministic_and_reference_their_sentences() {
    let (corpus, facts) = seed_facts();
    let (_, again) = seed_facts();
    assert_eq!(
        serde_json::to_string(&facts).expect("json"),
        serde_json::to_string(&again).expect("json")
    );
    for f in &facts {
        assert_eq!(f.sources, articles_of(f).len());
        for c in &f.claims {
            let a = corpus
                .articles
                .iter()
                .find(|a| a.id == c.article)
                .expect("known article");
            assert_eq!(a.sentence(c.sentence), c.text);
        }
    }
}

#[test]
fn the_brief_shows_conflicts_first_then_agreed_then_single_source() {
    let corpus = seeds();
    let mut report = corroborate::report::build(&corpus, &[vec![0, 1, 2, 3, 4]]);
    report.stories[0].facts = facts::for_stories(
        &corpus.articles,
        &[vec![0, 1, 2, 3, 4]],
        &FactsConfig::default(),
    )
    .remove(0);
    let md = corroborate::report::to_markdown(&report);
    let at: Vec<usize> = [
        "### Where the reports disagree",
        "### What they agree on",
        "### Only one report says",
    ]
    .iter()
    .map(|h| md.find(h).unwrap_or_else(|| panic!("{h} missing:\n{md}")))
    .collect();
    assert!(at.windows(2).all(|w| w[0] < w[1]), "{at:?}");
    // Values as written, never the engine's fields.
    assert!(md.contains("several hundred thousand"));
    for internal in ["as_written", "hedge", "\"low\"", "count:", "salience"] {
        assert!(!md.contains(internal), "{internal} in the brief");
    }
    let html = corroborate::report::to_html(&report);
    assert!(html.contains("<h3 class=\"part\">Where the reports disagree</h3>"));
    // Markup after an opening quote is only the value's highlight, never article text.
    assert!(!html.replace("“<mark>", "").contains("“<") && !html.contains("<script"));
}
