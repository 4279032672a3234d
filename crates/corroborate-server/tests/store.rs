//! The store on real articles: identity, duplicates, stories, queries, reopening.

use corroborate::read::{self, ReadConfig};
use corroborate::{Article, Config};
use corroborate_server::intake;
use corroborate_server::store::{AddStatus, StoryQuery};
use corroborate_server::{Store, StoreConfig};
use std::path::{Path, PathBuf};

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn read(path: &Path) -> Vec<Article> {
    let (inputs, skips) = read::discover(&[path.to_path_buf()]);
    assert!(skips.is_empty(), "{skips:?}");
    let got = intake::read_inputs(&inputs, &ReadConfig::default(), &|| {});
    assert!(got.skipped.is_empty(), "{:?}", got.skipped);
    got.articles
}

fn seeds() -> Vec<Article> {
    read(&root().join("examples/seeds"))
}

fn newswcl() -> Vec<Article> {
    read(&root().join("../shared/data/newswcl50/articles.jsonl"))
}

fn open(dir: &tempfile::TempDir) -> Store {
    Store::open(&dir.path().join("s.db"), &StoreConfig::default()).expect("opens")
}

#[test]
fn articles_round_trip_whole() {
    let dir = tempfile::tempdir().expect("tmp");
    let mut store = open(&dir);
    let seeds = seeds();
    assert_eq!(seeds.len(), 5);
    let added = store.add_batch(&seeds).expect("adds");
    assert!(added.iter().all(|a| a.status == AddStatus::Stored));
    drop(store);
    let store = open(&dir);
    for a in &seeds {
        let back = store.article(&a.id).expect("reads").expect("is there");
        assert_eq!(&back, a, "article {} changed in the store", a.id);
    }
    assert_eq!(store.articles().expect("all").len(), 5);
    assert!(store.article("nope").expect("reads").is_none());
}

#[test]
fn the_same_article_twice_is_stored_once() {
    let dir = tempfile::tempdir().expect("tmp");
    let mut store = open(&dir);
    let seeds = seeds();
    store.add_batch(&seeds).expect("adds");
    let again = store.add_batch(&seeds).expect("adds again");
    assert!(again.iter().all(|a| a.status == AddStatus::Duplicate));
    let ids: Vec<&str> = again.iter().map(|a| a.id.as_str()).collect();
    let want: Vec<&str> = seeds.iter().map(|a| a.id.as_str()).collect();
    assert_eq!(ids, want);
    assert_eq!(store.articles().expect("all").len(), 5);
}

#[test]
fn same_id_other_content_is_kept_apart_and_then_deduplicated() {
    let dir = tempfile::tempdir().expect("tmp");
    let mut store = open(&dir);
    let mut seeds = seeds();
    store.add_batch(&seeds[..1]).expect("adds");
    let mut revised = seeds.remove(0);
    revised.text.push_str("\nA correction was appended.");
    let first = store
        .add_batch(std::slice::from_ref(&revised))
        .expect("adds");
    assert_eq!(first[0].status, AddStatus::Stored);
    assert_eq!(first[0].id, format!("{}-2", revised.id));
    assert_eq!(first[0].given_id.as_deref(), Some(revised.id.as_str()));
    let second = store
        .add_batch(std::slice::from_ref(&revised))
        .expect("adds");
    assert_eq!(second[0].status, AddStatus::Duplicate);
    assert_eq!(second[0].id, first[0].id);
    let stored = store.article(&first[0].id).expect("reads").expect("there");
    assert!(stored.notes.iter().any(|n| n.contains("already taken")));
}

#[test]
fn stories_cover_every_article_once_and_keep_their_ids() {
    let dir = tempfile::tempdir().expect("tmp");
    let mut store = open(&dir);
    let arts = newswcl();
    store.add_batch(&arts[..30]).expect("adds");
    assert_eq!(store.pending().expect("pending"), 30);
    store.refresh_stories(&Config::default()).expect("refresh");
    assert_eq!(store.pending().expect("pending"), 0);
    let before = store
        .stories(&StoryQuery {
            limit: 1000,
            ..StoryQuery::default()
        })
        .expect("list");
    store.add_batch(&arts[30..]).expect("adds");
    let changes = store.refresh_stories(&Config::default()).expect("refresh");
    assert!(changes.written > 0);
    let after = store
        .stories(&StoryQuery {
            limit: 1000,
            ..StoryQuery::default()
        })
        .expect("list");
    // A story's id is its earliest article's number: a story that grew keeps it; one that
    // merged into another lives on under the other's id. So at least one old id is still there,
    // and there are never more ids than articles.
    assert!(before
        .stories
        .iter()
        .any(|s| after.stories.iter().any(|t| t.id == s.id)));
    assert!(after.stories.len() <= arts.len());
    let mut members: Vec<String> = Vec::new();
    for s in &after.stories {
        let d = store.story(&s.id).expect("reads").expect("there");
        assert_eq!(d.story["id"], s.id.as_str());
        assert_eq!(d.article_entries.len(), s.articles);
        members.extend(d.article_entries.iter().map(|e| e.id.clone()));
    }
    members.sort();
    let n = members.len();
    members.dedup();
    assert_eq!(members.len(), n, "an article is in two stories");
    assert_eq!(n, arts.len());
    let check = store.check().expect("check");
    assert!(check.sqlite_ok && check.dangling_rows == 0 && check.dangling_ids.is_empty());
    assert_eq!(check.unstoried, 0);
    // Refreshing with nothing new writes nothing.
    let again = store.refresh_stories(&Config::default()).expect("refresh");
    assert_eq!((again.written, again.removed), (0, 0));
}

#[test]
fn stories_are_filtered_by_words_and_dates_newest_first() {
    let dir = tempfile::tempdir().expect("tmp");
    let mut store = open(&dir);
    let mut arts = seeds();
    arts.extend(newswcl());
    store.add_batch(&arts).expect("adds");
    store.refresh_stories(&Config::default()).expect("refresh");
    let all = store
        .stories(&StoryQuery {
            limit: 1000,
            ..StoryQuery::default()
        })
        .expect("list");
    // Every article is in exactly one story.
    assert!(all.total >= 1 && all.total <= arts.len());
    assert_eq!(
        all.stories.iter().map(|s| s.articles).sum::<usize>(),
        arts.len()
    );
    // Newest first: dated stories in descending order, undated after them.
    let ts: Vec<Option<String>> = all.stories.iter().map(|s| s.last_seen.clone()).collect();
    let dated: Vec<&String> = ts.iter().flatten().collect();
    let first_undated = ts.iter().position(|t| t.is_none()).unwrap_or(ts.len());
    assert!(ts[first_undated..].iter().all(|t| t.is_none()));
    let parse = |s: &str| corroborate_server::store::parse_published(s).map(|p| p.timestamp());
    for w in dated.windows(2) {
        assert!(parse(w[0]) >= parse(w[1]), "{} before {}", w[0], w[1]);
    }
    // Words: every hit has an article with those words; the seeds' "Peskov" finds seeds only.
    let hits = store
        .stories(&StoryQuery {
            text: Some("Peskov".into()),
            limit: 100,
            ..StoryQuery::default()
        })
        .expect("query");
    assert!(!hits.stories.is_empty());
    for s in &hits.stories {
        let d = store.story(&s.id).expect("reads").expect("there");
        let found = d.article_entries.iter().any(|e| {
            let a = store.article(&e.id).expect("reads").expect("there");
            a.text.contains("Peskov") || a.title.as_deref().unwrap_or("").contains("Peskov")
        });
        assert!(found, "{} does not mention Peskov", s.id);
    }
    let none = store
        .stories(&StoryQuery {
            text: Some("zzqxj".into()),
            ..StoryQuery::default()
        })
        .expect("query");
    assert_eq!(none.total, 0);
    // Dates: `since` keeps exactly the stories seen on or after the day.
    let day = chrono::NaiveDate::from_ymd_opt(2025, 1, 1).expect("date");
    let since = store
        .stories(&StoryQuery {
            since: Some(day),
            limit: 1000,
            ..StoryQuery::default()
        })
        .expect("since");
    let cut = day.and_hms_opt(0, 0, 0).expect("t").and_utc().timestamp();
    let want = all
        .stories
        .iter()
        .filter(|s| {
            s.last_seen
                .as_deref()
                .and_then(parse)
                .is_some_and(|t| t >= cut)
        })
        .count();
    assert_eq!(since.total, want);
    assert!(since.total > 0 && since.total < all.total);
    // Paging.
    let p2 = store
        .stories(&StoryQuery {
            limit: 4,
            offset: 4,
            ..StoryQuery::default()
        })
        .expect("page");
    assert!(all.stories.len() >= 8, "{} stories", all.stories.len());
    assert_eq!(p2.stories, all.stories[4..8].to_vec());
}

#[test]
fn a_file_that_is_not_a_store_is_an_error_not_a_panic() {
    let dir = tempfile::tempdir().expect("tmp");
    let p = dir.path().join("junk.db");
    std::fs::write(
        &p,
        b"this is not a database, just some text that is long enough",
    )
    .expect("w");
    assert!(Store::open(&p, &StoreConfig::default()).is_err());
}

/// The stored stories as (id, body) pairs, every one of them.
fn stored_stories(store: &Store) -> Vec<(String, serde_json::Value)> {
    let page = store
        .stories(&StoryQuery {
            limit: 1000,
            ..StoryQuery::default()
        })
        .expect("list");
    page.stories
        .iter()
        .map(|s| {
            let d = store.story(&s.id).expect("reads").expect("there");
            (s.id.clone(), d.story)
        })
        .collect()
}

#[test]
fn seeds_one_file_at_a_time_make_the_same_story_as_all_at_once() {
    let seeds = seeds();
    let cfg = Config::default();
    let all_dir = tempfile::tempdir().expect("tmp");
    let mut all = open(&all_dir);
    all.add_batch(&seeds).expect("adds");
    all.refresh_stories(&cfg).expect("refresh");
    let one_dir = tempfile::tempdir().expect("tmp");
    let mut one = open(&one_dir);
    for (k, a) in seeds.iter().enumerate() {
        one.add_batch(std::slice::from_ref(a)).expect("adds");
        let c = one.refresh_stories(&cfg).expect("refresh");
        // Only the story the new article joined is written (and the one it replaces removed).
        assert_eq!(c.written, 1, "after seed {k}: {c:?}");
        // Reopened each time: the story index is read back from the file, not kept in memory.
        drop(one);
        one = open(&one_dir);
    }
    let (a, b) = (stored_stories(&all), stored_stories(&one));
    assert_eq!(a.len(), 1, "the seeds are one story");
    assert_eq!(a[0].1["articles"].as_array().map(Vec::len), Some(5));
    // The same story: id, articles, relations, families and facts.
    assert_eq!(a, b);
    // And the same as the one-shot analysis of the seeds, but for the id.
    let mut corpus = corroborate::Corpus::new();
    corpus.articles = seeds.clone();
    let mut want =
        serde_json::to_value(&corroborate::analyze(&corpus, &cfg).stories[0]).expect("json");
    want["id"] = a[0].0.as_str().into();
    assert_eq!(a[0].1, want);
    // Re-adding an article stores it once and changes no story.
    let again = one.add_batch(&seeds[2..3]).expect("adds");
    assert_eq!(again[0].status, AddStatus::Duplicate);
    assert_eq!(one.pending().expect("pending"), 0);
    let c = one.refresh_stories(&cfg).expect("refresh");
    assert_eq!((c.written, c.removed, c.total), (0, 0, 1));
    assert_eq!(one.articles().expect("all").len(), 5);
    assert_eq!(stored_stories(&one), b);
    let check = one.check().expect("check");
    assert!(check.sqlite_ok && check.dangling_rows == 0 && check.dangling_ids.is_empty());
    assert_eq!(check.unstoried, 0);
}

#[test]
fn a_refresh_touches_only_the_stories_that_gained_articles() {
    let dir = tempfile::tempdir().expect("tmp");
    let mut store = open(&dir);
    let cfg = Config::default();
    let arts = newswcl();
    store.add_batch(&arts).expect("adds");
    store.refresh_stories(&cfg).expect("refresh");
    let before = stored_stories(&store);
    assert!(before.len() > 2, "{} stories", before.len());
    // One seed joins nothing of NewsWCL50: one new story, nothing else rewritten.
    store.add_batch(&seeds()[..1]).expect("adds");
    let c = store.refresh_stories(&cfg).expect("refresh");
    assert_eq!((c.written, c.removed), (1, 0), "{c:?}");
    let after = stored_stories(&store);
    assert_eq!(after.len(), before.len() + 1);
    for s in &before {
        assert!(after.contains(s), "story {} changed", s.0);
    }
}

#[test]
fn a_store_placed_under_another_configuration_is_placed_again() {
    let dir = tempfile::tempdir().expect("tmp");
    let mut store = open(&dir);
    store.add_batch(&seeds()).expect("adds");
    store.refresh_stories(&Config::default()).expect("refresh");
    assert_eq!(stored_stories(&store).len(), 1);
    // A threshold no pair of seeds reaches: every seed its own story, every article still in one.
    let mut strict = Config::default();
    strict.stories.threshold = 0.99;
    let c = store.refresh_stories(&strict).expect("refresh");
    assert_eq!((c.written, c.removed, c.total), (5, 1, 5), "{c:?}");
    let check = store.check().expect("check");
    assert!(check.dangling_ids.is_empty() && check.pending == 0);
    assert_eq!(
        stored_stories(&store)
            .iter()
            .map(|s| s.1["articles"].as_array().map_or(0, Vec::len))
            .sum::<usize>(),
        5
    );
}

#[test]
fn the_oldest_pending_article_is_dated_until_it_is_placed() {
    // What /healthz reports after a restart: articles left unplaced keep their age.
    let dir = tempfile::tempdir().expect("tmp");
    let mut store = open(&dir);
    assert_eq!(store.oldest_pending_added().expect("reads"), None);
    let before = chrono::Utc::now();
    store.add_batch(&seeds()).expect("adds");
    let added = store
        .oldest_pending_added()
        .expect("reads")
        .expect("the seeds wait");
    let after = chrono::Utc::now();
    assert!(
        before <= added && added <= after,
        "{before} {added} {after}"
    );
    drop(store);
    let mut store = open(&dir);
    assert_eq!(store.oldest_pending_added().expect("reads"), Some(added));
    store.refresh_stories(&Config::default()).expect("refresh");
    assert_eq!(store.oldest_pending_added().expect("reads"), None);
}
