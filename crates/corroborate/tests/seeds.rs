//! The five seed reports, read through the library: what the readers and cleaners must get right.

use corroborate::{read, Corpus, ReadConfig};
use std::path::Path;

fn seeds() -> Corpus {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples/seeds");
    let (inputs, skips) = read::discover(&[dir]);
    assert!(skips.is_empty());
    let mut corpus = Corpus::new();
    corpus.read_inputs(&inputs, &ReadConfig::default(), &|| {});
    corpus
}

#[test]
fn sentences_keep_names_titles_and_quotes_whole() {
    let c = seeds();
    let a003 = c
        .articles
        .iter()
        .find(|a| a.id.starts_with("003"))
        .expect("003");
    let peskov: Vec<&str> = a003
        .sentence_texts()
        .filter(|s| s.contains("Peskov reported"))
        .collect();
    assert_eq!(
        peskov,
        ["Kremlin spokesman Dmitri S. Peskov reported that the call lasted nearly an hour and a \
          half, and he noted that both leaders agreed to meet in person, with Mr. Putin inviting \
          Mr. Trump to Moscow."]
    );
    let a000 = c
        .articles
        .iter()
        .find(|a| a.id.starts_with("000"))
        .expect("000");
    assert!(a000
        .sentence_texts()
        .any(|s| s.starts_with("\u{201C}We have also agreed") && s.ends_with("Trump wrote.")));
    assert!(a000
        .sentence_texts()
        .any(|s| s.starts_with("Meanwhile, his administration is reshaping U.S. foreign policy")));
    for a in &c.articles {
        for s in a.sentence_texts() {
            assert!(!s.is_empty() && s.len() < 600, "{}: {s}", a.id);
        }
    }
}

#[test]
fn headings_and_furniture_are_handled_per_seed() {
    let c = seeds();
    let a002 = c
        .articles
        .iter()
        .find(|a| a.id.starts_with("002"))
        .expect("002");
    assert!(a002
        .text
        .starts_with("President Donald Trump has announced"));
    assert!(a002.text.ends_with("familiar with the meeting."));
    assert_eq!(a002.removed.furniture_lines, 2);
    assert_eq!(a002.removed.metadata_lines, 2);
    let a004 = c
        .articles
        .iter()
        .find(|a| a.id.starts_with("004"))
        .expect("004");
    assert!(!a004.text.contains("Related posts"));
    assert_eq!(a004.removed.title_lines, 1);
    // Seeds without a headline line keep their first sentence as body.
    let a000 = c
        .articles
        .iter()
        .find(|a| a.id.starts_with("000"))
        .expect("000");
    assert_eq!(a000.title, None);
    assert!(a000.text.starts_with("In a consequential diplomatic move"));
}
