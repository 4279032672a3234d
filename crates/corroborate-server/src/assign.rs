//! Story assignment, incremental: new articles are placed among the stories already there with
//! the online [`StoryIndex`] (its state is kept in the store), and only the stories that gained
//! articles (or merged) are recomputed.
//!
//! [`place`] is the pure step: it adds the new articles to the index and says which of its
//! stories changed and which earlier articles moved (merged into another story). The store then
//! builds those stories' report objects with [`corroborate::story_objects`] and replaces them.
//!
//! The result depends on how articles are batched only as online clustering does: each batch is
//! placed against the stories and document frequencies of everything placed before it, and only
//! the stories linked to the batch are regrouped. See
//! `docs/store-and-service.md`.

use corroborate::stories::{NewArticle, StoryIndex};
use corroborate::{Article, Config};
use rayon::prelude::*;
use std::collections::BTreeSet;

/// What placing a batch changed in the index.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Placement {
    /// The batch's articles are at index positions `start..` in the order given.
    pub start: usize,
    /// Positions before `start` whose story changed (regrouped with the new articles).
    pub moved: Vec<usize>,
    /// Positions before `start` whose links changed (a new article is now among their
    /// nearest).
    pub relinked: Vec<usize>,
    /// The stories that changed, each as index positions in the order to list them (time, then
    /// id); stories ordered by their first article the same way.
    pub stories: Vec<Vec<usize>>,
}

/// Adds `batch` to the index and returns what changed. Features are computed in parallel.
pub fn place(index: &mut StoryIndex, batch: &[Article], cfg: &Config) -> Placement {
    let start = index.articles.len();
    let before: Vec<u32> = index.articles.iter().map(|a| a.story).collect();
    let new: Vec<NewArticle> = batch
        .par_iter()
        .map(|a| NewArticle::from_article(a, &cfg.stories.features))
        .collect();
    let relinked = index.add_tracked(new);
    let moved: Vec<usize> = before
        .iter()
        .enumerate()
        .filter(|&(i, &s)| index.articles.get(i).is_some_and(|a| a.story != s))
        .map(|(i, _)| i)
        .collect();
    // The stories the moved articles left change too, as do the ones they and the new
    // articles are in now.
    let changed: BTreeSet<u32> = moved
        .iter()
        .filter_map(|&i| before.get(i).copied())
        .chain(
            moved
                .iter()
                .copied()
                .chain(start..index.articles.len())
                .filter_map(|i| index.articles.get(i).map(|a| a.story)),
        )
        .collect();
    let stories: Vec<Vec<usize>> = index
        .stories()
        .into_iter()
        .filter(|s| {
            s.first()
                .and_then(|&i| index.articles.get(i))
                .is_some_and(|a| changed.contains(&a.story))
        })
        .collect();
    Placement {
        start,
        moved,
        relinked,
        stories,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use corroborate::read::{parse_bytes, ReadConfig};
    use corroborate::Corpus;

    fn articles(texts: &[(&str, &str)]) -> Vec<Article> {
        let mut c = Corpus::new();
        for (name, text) in texts {
            c.add_outcome(parse_bytes(
                name,
                Some(name),
                text.as_bytes(),
                &ReadConfig::default(),
            ));
        }
        c.articles
    }

    #[test]
    fn only_the_stories_that_gained_articles_change() {
        let cfg = Config::default();
        let first = articles(&[
            ("quake.txt", "Earthquake hits Chile\n\nA strong earthquake struck northern Chile on Monday, shaking buildings in Santiago and Antofagasta."),
            ("vote.txt", "Council votes on budget\n\nThe city council of Leeds voted on the new budget for schools and libraries on Tuesday."),
        ]);
        let mut index = StoryIndex::new(cfg.stories.clone());
        let p = place(&mut index, &first, &cfg);
        assert_eq!(p.start, 0);
        assert!(p.moved.is_empty());
        assert_eq!(p.stories.len(), 2, "two unrelated articles, two stories");
        let more = articles(&[(
            "quake2.txt",
            "Chile earthquake damages buildings\n\nThe strong earthquake in northern Chile on Monday damaged buildings in Antofagasta and shook Santiago.",
        )]);
        let p = place(&mut index, &more, &cfg);
        assert_eq!(p.start, 2);
        assert_eq!(p.stories.len(), 1, "only the quake story changed");
        let ids: Vec<&str> = p.stories[0]
            .iter()
            .map(|&i| index.articles[i].id.as_str())
            .collect();
        assert_eq!(ids.len(), 2);
        assert!(ids.iter().all(|id| id.starts_with("quake")), "{ids:?}");
        // Nothing new: nothing changes.
        let p = place(&mut index, &[], &cfg);
        assert!(p.stories.is_empty() && p.moved.is_empty());
    }
}
