//! Exact and near-duplicate detection on the seeds (../shared/seeds) and on copies planted from
//! them.

use corroborate::copies::dedup::{prepare, Dedup, DedupConfig, DupKind, Duplicate};
use corroborate::copies::near::near_duplicate_relations;
use corroborate::copies::shingles::{shingle, word_hashes, ShingleSet};
use corroborate::read::{self, ReadConfig};
use corroborate::{Article, Corpus};

fn seeds_dir() -> std::path::PathBuf {
    std::path::Path::new(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../../shared/seeds"
    ))
    .into()
}

fn seeds() -> Vec<Article> {
    let (inputs, _) = read::discover(&[seeds_dir()]);
    let mut corpus = Corpus::new();
    corpus.read_inputs(&inputs, &ReadConfig::default(), &|| {});
    assert_eq!(corpus.articles.len(), 5, "the five seeds");
    corpus.articles
}

fn seed_text(prefix: &str) -> String {
    let dir = seeds_dir();
    let entry = std::fs::read_dir(&dir)
        .expect("seeds")
        .filter_map(Result::ok)
        .find(|e| e.file_name().to_string_lossy().starts_with(prefix))
        .expect("seed file");
    std::fs::read_to_string(entry.path()).expect("seed text")
}

/// An article from a text, as the readers and cleaning make it.
fn article(name: &str, text: &str) -> Article {
    let out = read::parse_bytes(name, Some(name), text.as_bytes(), &ReadConfig::default());
    let mut corpus = Corpus::new();
    corpus.add_outcome(out);
    corpus.articles.pop().expect("an article")
}

/// Runs the streaming stage over articles, verifying on their exact shingle sets.
fn dedup(articles: &[&Article], cfg: &DedupConfig) -> Vec<Duplicate> {
    let prepared: Vec<_> = articles.iter().map(|a| prepare(&a.text, cfg)).collect();
    let mut d = Dedup::new(cfg.clone());
    let mut out = Vec::new();
    for (a, p) in articles.iter().zip(&prepared) {
        let mut earlier = |seq: u64| prepared.get(seq as usize).map(|p| p.shingles.clone());
        out.extend(d.push(&a.id, p, &mut earlier));
    }
    out
}

/// Replaces 10% of the words of `text` in two passages of consecutive words, as a copy editor
/// rewording two sentences would.
fn edit_tenth(text: &str) -> String {
    let mut lines: Vec<Vec<String>> = text
        .lines()
        .map(|l| l.split_whitespace().map(String::from).collect())
        .collect();
    let total: usize = lines.iter().map(Vec::len).sum();
    let per_passage = total / 20;
    let mut positions: Vec<(usize, usize)> = Vec::new();
    for (li, l) in lines.iter().enumerate() {
        for wi in 0..l.len() {
            positions.push((li, wi));
        }
    }
    for start in [total / 4, 3 * total / 4] {
        for &(li, wi) in &positions[start..start + per_passage] {
            lines[li][wi] = format!("edited{wi}");
        }
    }
    lines
        .iter()
        .map(|l| l.join(" "))
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn no_seed_pair_is_exact_or_near_duplicate() {
    let seeds = seeds();
    let refs: Vec<&Article> = seeds.iter().collect();
    let cfg = DedupConfig::default();
    assert!(near_duplicate_relations(&refs, &cfg).is_empty());
    assert!(dedup(&refs, &cfg).is_empty());
    // Their similarities are far below the threshold, the rewrites (000, 002, 004) included.
    let sets: Vec<ShingleSet> = seeds
        .iter()
        .map(|a| ShingleSet::new(shingle(&a.text, 5).shingles))
        .collect();
    for i in 0..sets.len() {
        for j in i + 1..sets.len() {
            let jac = sets[i].jaccard(&sets[j]);
            assert!(jac < 0.15, "{} ~ {}: {jac}", seeds[i].id, seeds[j].id);
        }
    }
}

#[test]
fn a_copy_with_other_page_furniture_is_exact() {
    let original = seed_text("000_");
    let copy = format!(
        "{}\n\nShare this:\nFacebook\n\nRelated posts\nSome other headline here\n\
         Leave a Reply\nYour email address will not be published.",
        original.replace("\n\n", "\n\n\n").replace(". ", ".  ")
    );
    let seeds = seeds();
    let planted = article("copy-of-000.txt", &copy);
    assert!(planted.removed.furniture_lines > 0);
    let mut refs: Vec<&Article> = seeds.iter().collect();
    refs.push(&planted);
    let rels = near_duplicate_relations(&refs, &DedupConfig::default());
    assert_eq!(rels.len(), 1, "{rels:?}");
    assert_eq!((rels[0].a, rels[0].b), (0, 5));
    assert_eq!(rels[0].kind, DupKind::Exact);
    assert_eq!(rels[0].score, 1.0);
    // Evidence: the seed's sentences, found in the copy (same words, other spacing).
    assert!(rels[0].evidence.len() >= 20, "{}", rels[0].evidence.len());
    assert!(rels[0].evidence.iter().all(|e| {
        let (a, b) = (
            seeds[0].sentence(e.a_sentence),
            planted.sentence(e.b_sentence),
        );
        word_hashes(a) == word_hashes(b)
    }));
    let dups = dedup(&refs, &DedupConfig::default());
    assert_eq!(dups.len(), 1);
    assert_eq!(dups[0].id, "copy-of-000");
    assert_eq!(dups[0].duplicate_of, seeds[0].id);
    assert_eq!(dups[0].kind, DupKind::Exact);
}

#[test]
fn a_copy_with_a_tenth_of_its_words_edited_is_a_near_duplicate() {
    let original = seed_text("001_");
    let edited = edit_tenth(&original);
    let seeds = seeds();
    let planted = article("edited-001.txt", &edited);
    let mut refs: Vec<&Article> = seeds.iter().collect();
    refs.push(&planted);
    let rels = near_duplicate_relations(&refs, &DedupConfig::default());
    assert_eq!(rels.len(), 1, "{rels:?}");
    assert_eq!((rels[0].a, rels[0].b), (1, 5));
    assert_eq!(rels[0].kind, DupKind::NearDuplicate);
    assert!(
        rels[0].score > 0.7 && rels[0].score < 0.95,
        "{}",
        rels[0].score
    );
    assert!(!rels[0].evidence.is_empty());
    let dups = dedup(&refs, &DedupConfig::default());
    assert_eq!(dups.len(), 1);
    assert_eq!(dups[0].duplicate_of, seeds[1].id);
    assert_eq!(dups[0].kind, DupKind::NearDuplicate);
    assert!((dups[0].score - rels[0].score).abs() < 1e-12);
}

#[test]
fn short_and_boilerplate_articles_are_not_duplicates_of_everything() {
    let seeds = seeds();
    let short = article("short.txt", "Trump and Putin spoke.");
    let boilerplate = article(
        "boilerplate.txt",
        "Please enable JavaScript to view the comments.\nThis article is for subscribers only.",
    );
    let short2 = article("short2.txt", "Trump and Putin talked.");
    let mut refs: Vec<&Article> = vec![&short, &boilerplate, &short2];
    refs.extend(seeds.iter());
    let cfg = DedupConfig::default();
    assert!(near_duplicate_relations(&refs, &cfg).is_empty());
    assert!(dedup(&refs, &cfg).is_empty());
    // A lower threshold does not make them match either: they take no part in near-duplicates.
    let loose = DedupConfig {
        threshold: 0.01,
        ..DedupConfig::default()
    };
    let rels = near_duplicate_relations(&refs, &loose);
    assert!(rels.iter().all(|r| r.a >= 3 && r.b >= 3), "{rels:?}");
}
