//! The reader's words on real news (issue 14): every ECB+ article in ../shared analysed as
//! `analyze --no-model` does, then
//!
//! - each conflict's `topic` (the heading every readable form shows) names none of the values
//!   its claims give, and the reader's view heads the conflict with exactly that topic;
//! - the readable forms name no report by its input id: a report with no outlet and no
//!   headline is named by the opening words of its text.

use corroborate::read::{self, ReadConfig};
use corroborate::report::{self, StoryView};
use corroborate::{Config, Corpus, Report};
use serde_json::Value;
use std::path::PathBuf;

fn ecbplus() -> Report {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../../shared/data/ecbplus/articles.jsonl");
    assert!(
        path.is_file(),
        "{} missing: ../shared must sit beside the repository",
        path.display()
    );
    let (inputs, _) = read::discover(&[path]);
    let mut corpus = Corpus::new();
    corpus.read_inputs(&inputs, &ReadConfig::default(), &|| {});
    assert!(
        corpus.articles.len() > 900,
        "{} ECB+ articles",
        corpus.articles.len()
    );
    corroborate::analyze(&corpus, &Config::default())
}

/// The words of `s`, lower-cased, split at anything but letters and digits.
fn words(s: &str) -> Vec<String> {
    s.to_lowercase()
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_string)
        .collect()
}

/// Whether `needle`'s words occur in `hay` as a run of whole words.
fn names(hay: &str, needle: &str) -> bool {
    let (h, n) = (words(hay), words(needle));
    !n.is_empty() && h.windows(n.len()).any(|w| w == n.as_slice())
}

/// What a claim's value says, as the report writes it and in its normal form.
fn values(v: &Value) -> Vec<String> {
    ["as_written", "tally", "date", "relative", "time"]
        .iter()
        .filter_map(|k| v.get(*k).and_then(Value::as_str))
        .map(str::to_string)
        .collect()
}

#[test]
fn conflict_headings_take_no_side_and_no_report_is_named_by_its_id() {
    let r = ecbplus();
    let mut conflicts = 0;
    let mut kinds = std::collections::BTreeSet::new();
    for story in &r.stories {
        let view = StoryView::new(story, &r.articles, None);
        let headings: Vec<&str> = (view.facts.disagree.iter())
            .chain(&view.more.disagree)
            .map(|f| f.about.as_str())
            .collect();
        for f in story.facts.iter().filter(|f| f.status == "conflict") {
            conflicts += 1;
            kinds.insert(f.kind.clone());
            assert!(
                !f.topic.trim().is_empty(),
                "{}: {} has no topic",
                story.id,
                f.about
            );
            for c in &f.claims {
                for v in values(&c.value) {
                    // A value of one or two letters ("a", "I") says nothing alone.
                    if v.chars().filter(|c| c.is_alphanumeric()).count() > 1 {
                        assert!(
                            !names(&f.topic, &v),
                            "{}: the heading {:?} names {v:?}, one side of the conflict",
                            story.id,
                            f.topic
                        );
                    }
                }
            }
            // The view shows the facts stage's topic, word for word (salient conflicts only).
            if f.salience > 0.0 && story.articles.len() > 1 {
                assert!(
                    headings.contains(&f.topic.as_str()),
                    "{}: {:?} is not among the view's headings {headings:?}",
                    story.id,
                    f.topic
                );
            }
        }
        // No report is named by its id, anywhere a reader looks.
        let labels = (view.reports.iter().map(|x| &x.label)).chain(
            (view.facts.disagree.iter())
                .chain(&view.facts.agree)
                .chain(&view.facts.single)
                .flat_map(|f| &f.claims)
                .flat_map(|c| std::iter::once(&c.report).chain(&c.also))
                .map(|x| &x.label),
        );
        for label in labels {
            assert!(
                !r.articles.iter().any(|a| label.contains(&a.id)),
                "{}: a report is named by its id: {label}",
                story.id
            );
        }
    }
    // The corpus has conflicts of every kind a heading once gave away (dates, tallies).
    assert!(conflicts >= 30, "{conflicts} conflicts");
    assert!(
        kinds.contains("date") && kinds.contains("quantity"),
        "{kinds:?}"
    );
    // The brief and the HTML report carry the same headings.
    let md = report::to_markdown_with(&r, None);
    let html = report::to_html_with(&r, None);
    for story in &r.stories {
        for f in story
            .facts
            .iter()
            .filter(|f| f.status == "conflict" && f.salience > 0.0)
        {
            if story.articles.len() > 1 {
                let plain = !f
                    .topic
                    .contains(['\\', '|', '*', '_', '`', '[', ']', '<', '>', '#']);
                assert!(
                    !plain || md.contains(&format!("**{}** (", f.topic)),
                    "{}",
                    f.topic
                );
                let h4 = format!("<h4 class=\"what\">{}</h4>", report::esc(&f.topic));
                assert!(html.contains(&h4), "{}", f.topic);
            }
        }
    }
}
