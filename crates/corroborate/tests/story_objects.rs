//! `story_objects`: one story's report object computed from its own articles is the one
//! `analyze` gives (what lets the store recompute only the stories that changed).

use corroborate::{read, stories, Article, Config, Corpus, ReadConfig};
use std::path::{Path, PathBuf};

fn read_corpus(path: PathBuf) -> Corpus {
    let (inputs, skips) = read::discover(&[path]);
    assert!(skips.is_empty(), "{skips:?}");
    let mut corpus = Corpus::new();
    corpus.read_inputs(&inputs, &ReadConfig::default(), &|| {});
    corpus
}

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn json<T: serde::Serialize>(v: &T) -> serde_json::Value {
    serde_json::to_value(v).expect("serialises")
}

fn check(corpus: &Corpus) {
    let cfg = Config::default();
    let report = corroborate::analyze(corpus, &cfg);
    let clusters = stories::cluster(&corpus.articles, &cfg.stories);
    // All stories at once: the same objects, in the same order, byte for byte.
    let all = corroborate::story_objects(&corpus.articles, &clusters, &cfg);
    assert_eq!(json(&all), json(&report.stories));
    // Each story alone, from a slice holding only its articles: the same object but its number.
    for (k, members) in clusters.iter().enumerate() {
        let own: Vec<Article> = members
            .iter()
            .map(|&i| corpus.articles[i].clone())
            .collect();
        let alone = corroborate::story_objects(&own, &[(0..own.len()).collect::<Vec<_>>()], &cfg);
        let mut want = json(&report.stories[k]);
        want["id"] = "s1".into();
        assert_eq!(json(&alone[0]), want, "story {} differs alone", k + 1);
    }
}

#[test]
fn seeds_story_alone_is_the_story_of_analyze() {
    let corpus = read_corpus(root().join("examples/seeds"));
    assert_eq!(corpus.articles.len(), 5);
    check(&corpus);
    // Not vacuous: the seeds' one story has relations, a family and facts.
    let r = corroborate::analyze(&corpus, &Config::default());
    assert_eq!(r.stories.len(), 1);
    assert!(!r.stories[0].relations.is_empty() && !r.stories[0].families.is_empty());
    assert!(!r.stories[0].facts.is_empty());
}

#[test]
fn newswcl_stories_alone_are_the_stories_of_analyze() {
    check(&read_corpus(
        root().join("../shared/data/newswcl50/articles.jsonl"),
    ));
}
