//! The warm-up of a serving process: before its first placement, the refresher runs the whole
//! pipeline once over a small built-in sample (a page, and a story of two reports), so that
//! the tables the library and its dependencies build at their first use are built at start.
//!
//! They are fixed in size but some are built only by a rare input: trafilatura falls back to
//! justext on a page whose text it finds too short, and justext then builds the union of its
//! stop lists of every language (about 10 MB, once). In the soak (issue 13) that happened some
//! 800 articles into the stream, and the process's RSS stepped up by 13 to 18 MB there, minutes
//! after every other table had been built. Building them first makes a process's memory after
//! warm-up what it holds for its data and its bounded caches. Nothing here is kept: the sample's
//! articles and stories are dropped; the output of later work does not depend on it.

use crate::intake::{self, BodyKind, BodyMeta};
use corroborate::stories::NewArticle;
use corroborate::{Article, Config, ReadConfig};

/// A page whose text is shorter than trafilatura's smallest extraction (250 characters), so
/// that its fallback extractors and justext run (with no language given: every stop list).
const PAGE: &str = "<html><head><title>Bridge reopens</title></head><body>\
    <div class=\"nav\"><a href=\"/\">Home</a> <a href=\"/news\">News</a></div>\
    <article><h1>Bridge reopens</h1><p>The Elm Street bridge reopened on Friday.</p></article>\
    <footer>Copyright 2020</footer></body></html>";

/// Two reports of one event, with what facts are made of: numbers, amounts, dates, ages, a
/// score and quotes with a speaker.
const RECORDS: &str = r#"[
{"id": "warm-up-1", "source": "Example Daily", "url": "https://daily.example/flood",
 "published": "2020-03-02T10:00:00Z", "title": "Flood closes Elm Street bridge in Cincinnati",
 "text": "The Ohio River rose 4.5 meters on Monday, March 2, 2020, and closed the Elm Street bridge in Cincinnati, officials said.\n\nAbout 1,200 residents were evacuated and three people, including a 67-year-old man, were injured. Repairs will cost $2.5 million, or 40 percent of the city's budget.\n\n\"The water came faster than anyone expected,\" said Mayor John Cranley. The Reds beat the Cubs 5-3 on Sunday before the rain."},
{"id": "warm-up-2", "source": "Example Post", "url": "https://post.example/river",
 "published": "2020-03-03T08:30:00Z", "title": "Cincinnati evacuates 1,500 as Ohio River floods",
 "text": "The Ohio River flooded parts of Cincinnati on Monday and the Elm Street bridge was closed, the city said on Tuesday.\n\nAbout 1,500 residents left their homes and four people were hurt, among them a man aged 67. The damage was put at $3 million.\n\nMayor John Cranley said: \"We have never seen the river rise this fast.\" The council voted 7 to 2 on Tuesday to release emergency funds."}
]"#;

/// Runs the pipeline once over the sample, on the thread pool that places articles (the
/// regular expressions keep a match cache per thread that first used them, so the warm-up runs
/// where the work will). Never fails: whatever goes wrong leaves the tables to be built later.
pub fn warm_up(cfg: &Config) {
    rayon::join(|| run(cfg), || ());
}

fn run(cfg: &Config) {
    let read = ReadConfig::default();
    let mut articles: Vec<Article> = Vec::new();
    for (kind, body) in [(BodyKind::Json, RECORDS), (BodyKind::Html, PAGE)] {
        if let Ok(got) = intake::from_body(kind, body.as_bytes(), &BodyMeta::default(), &read) {
            articles.extend(got.articles);
        }
    }
    for a in &articles {
        drop(NewArticle::from_article(a, &cfg.stories.features));
    }
    let story: Vec<usize> = (0..articles.len()).collect();
    drop(corroborate::story_objects(&articles, &[story], cfg));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_sample_reads_as_three_articles_and_one_story_with_facts() {
        let read = ReadConfig::default();
        let records = intake::from_body(
            BodyKind::Json,
            RECORDS.as_bytes(),
            &BodyMeta::default(),
            &read,
        )
        .expect("the records read");
        assert_eq!(records.articles.len(), 2, "{:?}", records.skipped);
        let page = intake::from_body(BodyKind::Html, PAGE.as_bytes(), &BodyMeta::default(), &read)
            .expect("the page reads");
        assert_eq!(page.articles.len(), 1, "{:?}", page.skipped);
        let text = &page.articles[0].text;
        assert!(text.contains("Elm Street bridge reopened"), "{text}");
        // Short enough that trafilatura tries its fallbacks and justext.
        assert!(text.chars().count() < 250, "{text}");
        let cfg = Config::default();
        let story = vec![0, 1];
        let objects = corroborate::story_objects(&records.articles, &[story], &cfg);
        assert_eq!(objects.len(), 1);
        assert!(
            !objects[0].facts.is_empty(),
            "no facts: the facts' tables are not built"
        );
        assert!(objects[0].errors.is_empty(), "{:?}", objects[0].errors);
        warm_up(&cfg);
    }
}
