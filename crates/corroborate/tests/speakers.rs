//! Speaker attribution on real news: 260 quotations sampled at random (seed 12) from the
//! ECB+ and NewsWCL50 articles in ../shared/data, each labelled by reading its sentence and
//! its neighbours (`tests/data/speakers.jsonl`: article id, the quote's first words, the
//! speaker a careful reader gives, or `title` / `unnamed`). A third (`split: heldout`) was
//! not looked at while writing the rules. Target: the right speaker for at least 0.9 of the
//! quotes that name their speaker (met on dev and on all: 0.918 at the fourth round, the
//! held-out third 0.839; the test holds 0.91); titles are not speech.

use corroborate::facts::{self, quotes::Speaker};
use corroborate::read::{self, ReadConfig};
use corroborate::{Article, Corpus};
use std::collections::HashMap;
use std::path::PathBuf;

fn shared() -> PathBuf {
    PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../../../shared/data"))
}

fn articles() -> HashMap<String, Article> {
    let mut out = HashMap::new();
    for name in ["ecbplus", "newswcl50"] {
        let (inputs, _) = read::discover(&[shared().join(name).join("articles.jsonl")]);
        let mut corpus = Corpus::new();
        corpus.read_inputs(&inputs, &ReadConfig::default(), &|| {});
        for a in corpus.articles {
            out.insert(a.id.clone(), a);
        }
    }
    out
}

fn tokens(s: &str) -> Vec<String> {
    s.to_lowercase()
        .chars()
        .map(|c| if c.is_alphanumeric() { c } else { ' ' })
        .collect::<String>()
        .split_whitespace()
        .map(str::to_string)
        .collect()
}

fn contains_seq(hay: &[String], needle: &[String]) -> bool {
    needle.is_empty() || hay.windows(needle.len()).any(|w| w == needle)
}

/// The speaker the engine gives the labelled quote: `None` when the quote is not found
/// (dropped as a title) or has no speaker.
fn predicted(ex: &facts::ArticleFacts, first_words: &str) -> (bool, Option<String>) {
    let needle = tokens(first_words);
    let Some(q) = ex
        .quotes
        .iter()
        .find(|q| contains_seq(&tokens(&q.text), &needle))
    else {
        return (false, None);
    };
    match q.speaker {
        Speaker::Mention(i) => (true, ex.mentions.get(i).map(|m| m.name.clone())),
        _ => (true, None),
    }
}

fn right(gold: &[String], pred: &str) -> bool {
    let p = tokens(pred);
    gold.iter()
        .any(|g| tokens(g).last().is_some_and(|last| p.contains(last)))
}

#[test]
fn speakers_of_quotes_in_real_news() {
    let arts = articles();
    let labels = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/data/speakers.jsonl"
    ))
    .expect("labels");
    let show_heldout = std::env::var_os("SHOW_HELDOUT").is_some();
    // (named right, named total, not-speech or unnamed left without a speaker, their total)
    let mut score: HashMap<&str, (usize, usize, usize, usize)> = HashMap::new();
    let mut n = 0;
    // Each article is read once, however many of its quotes are labelled.
    let mut extracted: HashMap<String, facts::ArticleFacts> = HashMap::new();
    for line in labels.lines().filter(|l| !l.trim().is_empty()) {
        let v: serde_json::Value = serde_json::from_str(line).expect("label line");
        let split = if v["split"] == "heldout" {
            "heldout"
        } else {
            "dev"
        };
        let id = v["article"].as_str().expect("article");
        let first = v["first_words"].as_str().expect("first words");
        let kind = v["kind"].as_str().expect("kind");
        let gold: Vec<String> = v["speaker"]
            .as_array()
            .expect("speaker")
            .iter()
            .filter_map(|s| s.as_str().map(str::to_string))
            .collect();
        let article = arts.get(id).unwrap_or_else(|| panic!("article {id}"));
        let ex = extracted
            .entry(id.to_string())
            .or_insert_with(|| facts::extract(article));
        let (found, pred) = predicted(ex, first);
        let s = score.entry(split).or_default();
        n += 1;
        match kind {
            "named" => {
                s.1 += 1;
                let ok = pred.as_deref().is_some_and(|p| right(&gold, p));
                if ok {
                    s.0 += 1;
                } else if split == "dev" || show_heldout {
                    println!(
                        "MISS {split} {id} «{first}» gold {gold:?} got {pred:?} (found {found})"
                    );
                }
            }
            "title" | "unnamed" => {
                s.3 += 1;
                if pred.is_none() {
                    s.2 += 1;
                } else if split == "dev" || show_heldout {
                    println!("WRONG {split} {id} «{first}» {kind} got {pred:?}");
                }
            }
            _ => {}
        }
    }
    assert!(n >= 200, "{n} labelled quotes");
    let mut all = (0, 0);
    for split in ["dev", "heldout"] {
        let s = score.get(split).copied().unwrap_or_default();
        println!(
            "{split}: speaker right {}/{} = {:.3}; titles and unnamed left without a speaker {}/{}",
            s.0,
            s.1,
            s.0 as f64 / s.1.max(1) as f64,
            s.2,
            s.3
        );
        all.0 += s.0;
        all.1 += s.1;
    }
    let rate = all.0 as f64 / all.1.max(1) as f64;
    println!("all: {}/{} = {rate:.3}", all.0, all.1);
    // The target is 0.9: 0.918 at the fourth round (see BENCHMARKS.md); this floor
    // keeps what was reached from slipping back.
    assert!(
        rate >= 0.91,
        "speaker attribution {rate:.3} < 0.91 (target 0.9)"
    );
}
