//! Story assignment over the stored articles: the seam where the online story index plugs in.
//!
//! Today the store recomputes the stories from scratch with [`corroborate::analyze`] over every
//! stored article each time articles are added (cheap while stories are one article each).
//! When the online `StoryIndex` with saved state lands, it replaces the body of
//! [`assign_stories`]: given the stored articles (the new ones are those not yet in a story),
//! return the stories. The store persists whatever comes back, as the report's story objects,
//! so better stories, relations, families and facts flow through the store, the API and the web
//! page unchanged.

use corroborate::report::Story;
use corroborate::{Config, Corpus};

/// The stories of the stored articles (`corpus.articles`, in the order they were stored). Every
/// article id a story names must be one of `corpus.articles`.
pub fn assign_stories(corpus: &Corpus, cfg: &Config) -> Vec<Story> {
    corroborate::analyze(corpus, cfg).stories
}
