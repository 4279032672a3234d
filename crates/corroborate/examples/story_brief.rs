//! Reads the given files or directories as ONE story and prints its brief (Markdown, or the
//! JSON report with `--json`): a way to see facts compared before story clustering decides.
//!
//! Usage: cargo run -p corroborate --example story_brief -- [--json] PATH...

use corroborate::facts::{for_stories, FactsConfig};
use corroborate::read::{discover, ReadConfig};
use corroborate::{report, Corpus};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut json = false;
    let mut paths = Vec::new();
    for a in std::env::args().skip(1) {
        if a == "--json" {
            json = true;
        } else {
            paths.push(a.into());
        }
    }
    let (inputs, skipped) = discover(&paths);
    let mut corpus = Corpus::new();
    corpus.add_skipped(skipped);
    corpus.read_inputs(&inputs, &ReadConfig::default(), &|| {});
    let story: Vec<usize> = (0..corpus.articles.len()).collect();
    let mut r = report::build(&corpus, std::slice::from_ref(&story));
    if let (Some(s), Some(facts)) = (
        r.stories.first_mut(),
        for_stories(&corpus.articles, &[story], &FactsConfig::default()).pop(),
    ) {
        s.facts = facts;
    }
    if json {
        println!("{}", serde_json::to_string_pretty(&r)?);
    } else {
        print!("{}", report::to_markdown(&r));
    }
    Ok(())
}
