//! Story clustering on the shared corpora with gold story labels (ECB+ and NewsWCL50), scored
//! with B-cubed F1, and its invariants: input order does not matter, and a saved index can be
//! loaded and extended.

use corroborate::read::{self, ReadConfig};
use corroborate::stories::{self, NewArticle, StoryConfig, StoryIndex};
use corroborate::{Article, Corpus};
use std::collections::{BTreeSet, HashMap};
use std::path::PathBuf;

fn data(name: &str) -> PathBuf {
    PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../../../shared/data")).join(name)
}

fn articles(name: &str) -> Vec<Article> {
    let (inputs, _) = read::discover(&[data(name).join("articles.jsonl")]);
    let mut corpus = Corpus::new();
    corpus.read_inputs(&inputs, &ReadConfig::default(), &|| {});
    corpus.articles
}

fn gold(name: &str) -> HashMap<String, String> {
    let text = std::fs::read_to_string(data(name).join("gold.jsonl")).expect("gold labels");
    text.lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| {
            let v: serde_json::Value = serde_json::from_str(l).expect("gold line");
            (
                v["id"].as_str().expect("id").to_string(),
                v["story"].as_str().expect("story").to_string(),
            )
        })
        .collect()
}

/// B-cubed F1 of predicted stories (lists of ids) against gold labels.
fn bcubed(pred: &[Vec<String>], gold: &HashMap<String, String>) -> f64 {
    let mut pred_of: HashMap<&str, usize> = HashMap::new();
    for (k, s) in pred.iter().enumerate() {
        for id in s {
            pred_of.insert(id, k);
        }
    }
    let mut gold_size: HashMap<&str, usize> = HashMap::new();
    for g in gold.values() {
        *gold_size.entry(g).or_default() += 1;
    }
    let mut both: HashMap<(usize, &str), usize> = HashMap::new();
    for (id, g) in gold {
        *both.entry((pred_of[id.as_str()], g)).or_default() += 1;
    }
    let (mut p, mut r) = (0.0, 0.0);
    for (id, g) in gold {
        let k = pred_of[id.as_str()];
        let inter = both[&(k, g.as_str())] as f64;
        p += inter / pred[k].len() as f64;
        r += inter / gold_size[g.as_str()] as f64;
    }
    let n = gold.len() as f64;
    let (p, r) = (p / n, r / n);
    2.0 * p * r / (p + r)
}

fn ids(stories: &[Vec<usize>], articles: &[Article]) -> Vec<Vec<String>> {
    stories
        .iter()
        .map(|s| s.iter().map(|&i| articles[i].id.clone()).collect())
        .collect()
}

fn score(name: &str) -> f64 {
    let arts = articles(name);
    let stories = stories::cluster(&arts, &StoryConfig::default());
    let all: usize = stories.iter().map(Vec::len).sum();
    assert_eq!(all, arts.len(), "every article in exactly one story");
    let f = bcubed(&ids(&stories, &arts), &gold(name));
    eprintln!("{name}: {} stories, B-cubed F1 {f:.4}", stories.len());
    f
}

// The targets: ECB+ >= 0.93 and NewsWCL50 >= 0.98 with the default configuration
// (measured 0.950 and 1.000, see BENCHMARKS.md, Stories).
#[test]
fn ecbplus_b_cubed() {
    let f = score("ecbplus");
    assert!(f >= 0.93, "ECB+ B-cubed F1 {f:.4}");
}

#[test]
fn newswcl50_b_cubed() {
    let f = score("newswcl50");
    assert!(f >= 0.98, "NewsWCL50 B-cubed F1 {f:.4}");
}

/// The five seed reports are one event: they must form one story.
#[test]
fn the_seeds_are_one_story() {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../examples/seeds");
    let (inputs, _) = read::discover(&[dir]);
    let mut corpus = Corpus::new();
    corpus.read_inputs(&inputs, &ReadConfig::default(), &|| {});
    assert_eq!(corpus.articles.len(), 5);
    let s = stories::cluster(&corpus.articles, &StoryConfig::default());
    assert_eq!(s.len(), 1, "{s:?}");
}

fn as_sets(stories: Vec<Vec<String>>) -> BTreeSet<BTreeSet<String>> {
    stories
        .into_iter()
        .map(|s| s.into_iter().collect())
        .collect()
}

#[test]
fn input_order_does_not_matter() {
    let arts = articles("newswcl50");
    let cfg = StoryConfig::default();
    let base = stories::cluster(&arts, &cfg);
    let mut shuffled = arts.clone();
    shuffled.reverse();
    shuffled.rotate_left(17);
    let other = stories::cluster(&shuffled, &cfg);
    assert_eq!(as_sets(ids(&base, &arts)), as_sets(ids(&other, &shuffled)));
    // The report order is fixed too: same stories, same order.
    assert_eq!(ids(&base, &arts), ids(&other, &shuffled));
}

#[test]
fn saved_index_is_extended_with_new_articles() {
    let arts = articles("newswcl50");
    let cfg = StoryConfig::default();
    let batch = |xs: &[Article]| -> Vec<NewArticle> {
        xs.iter()
            .map(|a| NewArticle::from_article(a, &cfg.features))
            .collect()
    };
    // Every other article first, the rest later, through a save and a load.
    let (first, second): (Vec<Article>, Vec<Article>) = arts
        .iter()
        .cloned()
        .partition(|a| a.id.len() % 2 == 0 || a.id.ends_with('M'));
    assert!(!first.is_empty() && !second.is_empty());
    let mut index = StoryIndex::new(cfg.clone());
    index.add(batch(&first));
    let before: HashMap<String, u32> = index
        .articles
        .iter()
        .map(|a| (a.id.clone(), a.story))
        .collect();
    let saved = serde_json::to_string(&index).expect("save");
    let mut loaded: StoryIndex = serde_json::from_str(&saved).expect("load");
    assert_eq!(loaded.articles, index.articles);
    loaded.add(batch(&second));
    assert_eq!(loaded.articles.len(), arts.len());
    assert_eq!(loaded.doc_freq.docs as usize, arts.len());
    // Stories linked to new articles are regrouped (a story the first batch got wrong can
    // split), but ids follow the articles: a first-batch story's id, when it survives, goes to
    // the new story holding the most of its articles.
    let after: HashMap<&str, u32> = loaded
        .articles
        .iter()
        .map(|a| (a.id.as_str(), a.story))
        .collect();
    let mut old_ids: Vec<u32> = before.values().copied().collect();
    old_ids.sort_unstable();
    old_ids.dedup();
    let mut kept = 0;
    for s in old_ids {
        let mut now: HashMap<u32, usize> = HashMap::new();
        for (id, _) in before.iter().filter(|(_, &b)| b == s) {
            *now.entry(after[id.as_str()]).or_default() += 1;
        }
        if let Some(&same) = now.get(&s) {
            assert!(now.values().all(|&n| n <= same), "story {s}: {now:?}");
            kept += same;
        } else {
            assert!(
                after.values().all(|&x| x != s),
                "id {s} was given to other articles"
            );
        }
    }
    eprintln!(
        "{kept} of {} first-batch articles kept their story id",
        first.len()
    );
    let by_index: Vec<Vec<String>> = loaded
        .stories()
        .iter()
        .map(|s| s.iter().map(|&i| loaded.articles[i].id.clone()).collect())
        .collect();
    let incremental = bcubed(&by_index, &gold("newswcl50"));
    let at_once = bcubed(
        &ids(&stories::cluster(&arts, &cfg), &arts),
        &gold("newswcl50"),
    );
    eprintln!("incremental {incremental:.4}, at once {at_once:.4}");
    assert!(incremental >= at_once - 0.02, "{incremental} vs {at_once}");
}

#[test]
fn no_articles_and_empty_articles() {
    assert!(stories::cluster(&[], &StoryConfig::default()).is_empty());
    let mut index = StoryIndex::new(StoryConfig::default());
    index.add(vec![
        NewArticle {
            id: "a".into(),
            time: None,
            features: Default::default(),
            embedding: None,
        },
        NewArticle {
            id: "b".into(),
            time: Some(0),
            features: Default::default(),
            embedding: None,
        },
    ]);
    // Articles with no terms cannot be matched: each is its own story, none is lost.
    assert_eq!(index.stories().len(), 2);
}

/// The installed model, or `None` when model tests are skipped
/// (`CORROBORATE_SKIP_MODEL_TESTS=1`); a missing model fails, telling how to install it.
fn model() -> Option<corroborate::similarity::embed::Model> {
    if std::env::var("CORROBORATE_SKIP_MODEL_TESTS").as_deref() == Ok("1") {
        return None;
    }
    let dir = match corroborate::similarity::embed::model_dir(None) {
        Ok(Some(d)) => d,
        Ok(None) => panic!("no model installed: run scripts/install-model.sh"),
        Err(e) => panic!("{e}"),
    };
    Some(corroborate::similarity::embed::Model::load(&dir).unwrap_or_else(|e| panic!("{e}")))
}

// With the model, the articles' leads are a second signal (as `analyze` uses them): the targets
// hold the same, and the model changes the links (measured 0.953 and 1.000).
#[test]
fn with_the_model_the_targets_hold_and_the_model_counts() {
    use corroborate::similarity::doc_embedding;
    use corroborate::similarity::embed::DocEmbedding;
    use rayon::prelude::*;
    let Some(model) = model() else { return };
    for (name, target) in [("newswcl50", 0.98), ("ecbplus", 0.93)] {
        let arts = articles(name);
        let embeddings: Vec<Option<DocEmbedding>> =
            arts.par_iter().map(|a| doc_embedding(a, &model)).collect();
        assert!(
            embeddings.iter().all(Option::is_some),
            "{name}: every article embedded"
        );
        let cfg = StoryConfig::default();
        let with = stories::cluster_with(&arts, &embeddings, &cfg);
        let f = bcubed(&ids(&with, &arts), &gold(name));
        eprintln!(
            "{name} with the model: {} stories, B-cubed F1 {f:.4}",
            with.len()
        );
        assert!(f >= target, "{name} with the model: B-cubed F1 {f:.4}");
        if name == "ecbplus" {
            let without = stories::cluster(&arts, &cfg);
            assert_ne!(with, without, "the embeddings changed no story");
        }
    }
}

/// Batch after batch, with a save and a load between some (the inverted index of heavy terms is
/// not saved: it is rebuilt on the next batch), the stories stay the events: a stream of small
/// batches scores as the whole corpus at once does.
#[test]
fn small_batches_with_loads_between_keep_the_stories() {
    let arts = articles("newswcl50");
    let cfg = StoryConfig::default();
    let mut index = StoryIndex::new(cfg.clone());
    for (k, chunk) in arts.chunks(4).enumerate() {
        if k % 3 == 2 {
            let saved = serde_json::to_string(&index).expect("save");
            index = serde_json::from_str(&saved).expect("load");
        }
        index.add(
            chunk
                .iter()
                .map(|a| NewArticle::from_article(a, &cfg.features))
                .collect(),
        );
    }
    assert_eq!(index.articles.len(), arts.len());
    let by_index: Vec<Vec<String>> = index
        .stories()
        .iter()
        .map(|s| s.iter().map(|&i| index.articles[i].id.clone()).collect())
        .collect();
    let f = bcubed(&by_index, &gold("newswcl50"));
    eprintln!("NewsWCL50 in batches of 4: B-cubed F1 {f:.4}");
    assert!(f >= 0.98, "{f}");
}

/// Placement as the server does it: batches of 20 articles into a growing index (ECB+ five
/// times over under other ids, about 4,900 articles). Prints the time per batch over the first
/// and the last 1,000 articles: with the postings grown rather than rebuilt, they stay of the
/// same order. Timing, so not run by default:
/// `cargo test -p corroborate --test stories placement_cost -- --ignored --nocapture`.
#[test]
#[ignore]
fn placement_cost_does_not_grow_with_the_index() {
    let arts = articles("ecbplus");
    let cfg = StoryConfig::default();
    let mut all: Vec<NewArticle> = Vec::new();
    for round in 0..5 {
        for a in &arts {
            let mut n = NewArticle::from_article(a, &cfg.features);
            n.id = format!("{}-{round}", a.id);
            all.push(n);
        }
    }
    let mut index = StoryIndex::new(cfg);
    let mut times: Vec<f64> = Vec::new();
    let mut batch: Vec<NewArticle> = Vec::new();
    for n in all {
        batch.push(n);
        if batch.len() == 20 {
            let t = std::time::Instant::now();
            index.add(std::mem::take(&mut batch));
            times.push(t.elapsed().as_secs_f64() * 1000.0);
        }
    }
    let first: f64 = times.iter().take(50).sum::<f64>() / 50.0;
    let last: f64 = times.iter().rev().take(50).sum::<f64>() / 50.0;
    eprintln!(
        "{} articles in batches of 20: {first:.2} ms a batch over the first 1,000, {last:.2} ms over the last 1,000",
        index.articles.len()
    );
}
