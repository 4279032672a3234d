//! Features for grouping articles into stories: weighted content-word and named-entity terms,
//! hashed to `u32` ids, and sparse TF-IDF vectors with document frequencies counted online.
//!
//! An article becomes a small bag of terms ([`ArticleFeatures`]), kept whatever the corpus:
//!
//! - content words: lowercased, stop words dropped, stemmed (Snowball, English);
//! - numbers of two or more digits (magnitudes, tolls, counts), years as entities;
//! - named entities, found without a model: capitalised words that are not at the start of a
//!   sentence (at a sentence start or in the headline, only words the article never writes in
//!   lower case), and runs of them as multiword
//!   names ("Betty Ford Center", "West Papua"). They weigh [`FeatureConfig::entity_weight`] times
//!   a common word: people, places and organisations are what tell two similar events apart.
//!
//! Weights only become TF-IDF when the document frequencies ([`DocFreq`]) of the corpus seen so
//! far are applied ([`DocFreq::vector`]), so the same features serve a growing corpus.

use crate::article::Article;
use rustc_hash::{FxHashMap, FxHashSet};
use serde::{Deserialize, Serialize};
use std::borrow::Cow;
use std::cell::RefCell;
use std::collections::{HashMap, HashSet};
use std::sync::OnceLock;

/// Options for feature extraction, with documented defaults.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FeatureConfig {
    /// Terms kept per article, the heaviest first (default 256): bounds the per-article state
    /// (8 bytes a term).
    pub max_terms: usize,
    /// Weight of a named-entity term relative to a common word (default 2).
    pub entity_weight: f32,
    /// How many times a headline word counts (default 2).
    pub title_weight: f32,
}

impl Default for FeatureConfig {
    fn default() -> Self {
        FeatureConfig {
            max_terms: 256,
            entity_weight: 2.0,
            title_weight: 2.0,
        }
    }
}

/// An article's terms: hashed ids with their weights before IDF, sorted by id.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ArticleFeatures {
    /// `(term id, weight)`: sublinear term frequency times the kind's weight; sorted by id.
    pub terms: Vec<(u32, f32)>,
}

/// The kinds of term, kept apart in the hashed id space.
#[derive(Debug, Clone, Copy)]
enum Kind {
    Word,
    Number,
    Entity,
    Name,
}

impl Kind {
    fn tag(self) -> u8 {
        match self {
            Kind::Word => b'w',
            Kind::Number => b'n',
            Kind::Entity => b'e',
            Kind::Name => b'p',
        }
    }
}

/// A stable 32-bit id for a term of a kind (FNV-1a), the same on every machine and run.
fn term_id(kind: Kind, s: &str) -> u32 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in std::iter::once(kind.tag()).chain(s.bytes()) {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    (h ^ (h >> 32)) as u32
}

fn stop_words() -> &'static HashSet<String> {
    static STOP: OnceLock<HashSet<String>> = OnceLock::new();
    STOP.get_or_init(|| {
        let mut s: HashSet<String> = stop_words::get("en").into_iter().collect();
        // Reporting verbs and titles that every news story has.
        for w in [
            "said",
            "says",
            "told",
            "mr",
            "mrs",
            "ms",
            "according",
            "reported",
        ] {
            s.insert(w.to_string());
        }
        s
    })
}

/// Months and weekdays: capitalised, but not names that tell events apart.
fn is_calendar_word(lower: &str) -> bool {
    const WORDS: &[&str] = &[
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
        "jan",
        "feb",
        "mar",
        "apr",
        "jun",
        "jul",
        "aug",
        "sep",
        "sept",
        "oct",
        "nov",
        "dec",
        "monday",
        "tuesday",
        "wednesday",
        "thursday",
        "friday",
        "saturday",
        "sunday",
    ];
    WORDS.contains(&lower)
}

/// The words of a text: runs of letters, digits and inner apostrophes or hyphens.
fn words(text: &str) -> impl Iterator<Item = &str> {
    text.split(|c: char| !(c.is_alphanumeric() || c == '\'' || c == '\u{2019}' || c == '-'))
        .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric()))
        .filter(|w| !w.is_empty())
}

/// Whether a word is written like a name: an initial capital, and not shouted in capitals
/// (headlines and leads in all capitals), except for short acronyms ("CIA", "USGS").
fn looks_like_name(w: &str) -> bool {
    let mut chars = w.chars();
    let Some(first) = chars.next() else {
        return false;
    };
    if !first.is_uppercase() {
        return false;
    }
    let letters = w.chars().filter(|c| c.is_alphabetic()).count();
    let upper = w.chars().filter(|c| c.is_uppercase()).count();
    upper < letters || letters <= 5
}

/// Counts of each term of one article, before weighting.
#[derive(Default)]
struct Counts {
    counts: FxHashMap<u32, (Kind, f32)>,
}

impl Counts {
    fn add(&mut self, kind: Kind, s: &str, n: f32) {
        self.add_id(kind, term_id(kind, s), n);
    }

    fn add_id(&mut self, kind: Kind, id: u32, n: f32) {
        let e = self.counts.entry(id).or_insert((kind, 0.0));
        e.1 += n;
    }
}

/// What a word form (as written) gives, worked out once per thread and kept: lowercasing,
/// stop-word lookup and stemming were most of the time spent on features.
#[derive(Clone)]
struct WordInfo {
    /// The word in lower case.
    lower: Box<str>,
    /// Its id as a one-word entity (also how "written in lower case somewhere" is looked up).
    entity: u32,
    /// A number's term (a year is an entity; other numbers of two or more digits), if a number.
    number: Option<(Kind, u32)>,
    /// Its stemmed content-word term, unless a stop word, a number or a single letter.
    word: Option<u32>,
    /// Written like a name, and neither a stop word nor a month or weekday.
    name_like: bool,
}

impl WordInfo {
    fn new(w: &str, stemmer: &rust_stemmers::Stemmer) -> WordInfo {
        let stop = stop_words();
        let lower = w.to_lowercase();
        let is_number = w.chars().all(|c| c.is_ascii_digit());
        let number = if !is_number {
            None
        } else if w.len() == 4 && (w.starts_with("19") || w.starts_with("20")) {
            Some((Kind::Entity, term_id(Kind::Entity, w)))
        } else if w.len() >= 2 {
            Some((
                Kind::Number,
                term_id(Kind::Number, w.trim_start_matches('0')),
            ))
        } else {
            None
        };
        let is_stop = stop.contains(&lower);
        let word = (!is_number && lower.chars().count() > 1 && !is_stop)
            .then(|| term_id(Kind::Word, &stemmer.stem(&lower)));
        WordInfo {
            entity: term_id(Kind::Entity, &lower),
            number,
            word,
            name_like: !is_number && looks_like_name(w) && !is_stop && !is_calendar_word(&lower),
            lower: lower.into_boxed_str(),
        }
    }
}

/// Word forms kept per thread at most. The cache is filled once: the first forms a thread
/// meets are kept and later new forms are worked out each time they occur, never stored. The
/// forms met first are the common ones (function and reporting words, frequent names), which
/// are most of a text's words, so a small cache keeps most of the speed-up, and it is full
/// after the first few hundred articles: a long-lived process (the service) then holds a fixed
/// amount here whatever it reads later, instead of a cache that grows with the vocabulary of
/// the stream (issue 13: the soak's RSS grew with the cache of every placing thread).
///
/// 14,336 forms fill a table of 2^14 slots (the hash table's 7/8 load) without growing it to
/// 2^15: about 1 MB of table and 1 MB of strings a thread. On the 1,032 articles of ECB+ and
/// NewsWCL50 (22,686 distinct forms; `word_cache_cost` below, three runs on the shared 2-core
/// machine, so noisy) extraction took 98 to 190 us an article with 14,336 forms kept, 66 to 83
/// with every form and 187 to 251 with none: a small cost beside placing an article.
const WORD_CACHE: usize = 14_336;

/// A thread's word forms with their facts, at most `limit` of them (see [`WORD_CACHE`]).
struct WordCache {
    forms: FxHashMap<Box<str>, WordInfo>,
    limit: usize,
}

impl WordCache {
    fn new(limit: usize) -> WordCache {
        WordCache {
            forms: FxHashMap::default(),
            limit,
        }
    }

    /// A word form's facts, from the cache or worked out now (and kept while there is room).
    fn lookup(&mut self, w: &str, stemmer: &rust_stemmers::Stemmer) -> Cow<'_, WordInfo> {
        if !self.forms.contains_key(w) {
            let info = WordInfo::new(w, stemmer);
            if self.forms.len() >= self.limit {
                return Cow::Owned(info);
            }
            self.forms.insert(w.into(), info);
        }
        match self.forms.get(w) {
            Some(info) => Cow::Borrowed(info),
            None => Cow::Owned(WordInfo::new(w, stemmer)),
        }
    }
}

thread_local! {
    static WORDS: RefCell<WordCache> = RefCell::new(WordCache::new(WORD_CACHE));
}

/// Extracts an article's terms (headline and body).
pub fn extract(article: &Article, cfg: &FeatureConfig) -> ArticleFeatures {
    WORDS.with(|cache| match cache.try_borrow_mut() {
        Ok(mut cache) => extract_with(article, cfg, &mut cache),
        // Not re-entered today; if it ever is, a cache of its own rather than a panic.
        Err(_) => extract_with(article, cfg, &mut WordCache::new(0)),
    })
}

fn extract_with(article: &Article, cfg: &FeatureConfig, cache: &mut WordCache) -> ArticleFeatures {
    let stemmer = rust_stemmers::Stemmer::create(rust_stemmers::Algorithm::English);
    // Words the article writes in lower case somewhere: capitalised only at a sentence start
    // or in a headline, they are not names.
    let lower_seen: FxHashSet<u32> = words(&article.text)
        .filter(|w| w.chars().next().is_some_and(char::is_lowercase))
        .map(|w| cache.lookup(w, &stemmer).entity)
        .collect();
    let mut counts = Counts::default();
    let title = article.title.as_deref().unwrap_or("");
    let parts = std::iter::once((title, cfg.title_weight, true))
        .chain(article.sentence_texts().map(|s| (s, 1.0, false)));
    let mut name: Vec<Box<str>> = Vec::new();
    for (sentence, weight, is_title) in parts {
        for (i, w) in words(sentence).enumerate() {
            let x = cache.lookup(w, &stemmer);
            let entity = x.name_like && !((i == 0 || is_title) && lower_seen.contains(&x.entity));
            if let Some((kind, id)) = x.number {
                counts.add_id(kind, id, weight);
            } else if let Some(id) = x.word {
                counts.add_id(Kind::Word, id, weight);
            }
            if entity {
                counts.add_id(Kind::Entity, x.entity, weight);
                name.push(x.lower.clone());
            } else {
                add_name(&mut counts, &mut name, weight);
            }
        }
        add_name(&mut counts, &mut name, weight);
    }
    finish(counts, cfg)
}

/// Adds a run of two or more capitalised words as one multiword name, and empties the run.
fn add_name(counts: &mut Counts, name: &mut Vec<Box<str>>, weight: f32) {
    if name.len() > 1 {
        counts.add(Kind::Name, &name.join(" "), weight);
    }
    name.clear();
}

/// Weighs the counts (sublinear term frequency times the kind's weight) and keeps the heaviest.
fn finish(counts: Counts, cfg: &FeatureConfig) -> ArticleFeatures {
    let mut terms: Vec<(u32, f32)> = counts
        .counts
        .into_iter()
        .map(|(id, (kind, n))| {
            let kind_weight = match kind {
                Kind::Word | Kind::Number => 1.0,
                Kind::Entity | Kind::Name => cfg.entity_weight,
            };
            (id, (1.0 + n.ln()) * kind_weight)
        })
        .collect();
    terms.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
    terms.truncate(cfg.max_terms);
    terms.sort_by_key(|t| t.0);
    ArticleFeatures { terms }
}

/// Document frequencies of the corpus seen so far, for IDF.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct DocFreq {
    /// Documents counted.
    pub docs: u32,
    /// Documents holding each term.
    pub df: HashMap<u32, u32>,
}

impl DocFreq {
    /// Counts one more document.
    pub fn add(&mut self, f: &ArticleFeatures) {
        self.docs = self.docs.saturating_add(1);
        for &(t, _) in &f.terms {
            let df = self.df.entry(t).or_insert(0);
            *df = df.saturating_add(1);
        }
    }

    /// Inverse document frequency, `ln((N + 1) / (df + 1)) + IDF_FLOOR`. A term in every
    /// document still counts a little: in a small pile about one event (the seeds), the words
    /// all its reports share are what makes them one story.
    pub fn idf(&self, term: u32) -> f32 {
        let df = self.df.get(&term).copied().unwrap_or(0);
        ((self.docs as f32 + 1.0) / (df as f32 + 1.0)).ln() + IDF_FLOOR
    }

    /// The article's TF-IDF vector, of unit length, sorted by term id (empty when no term is
    /// informative).
    pub fn vector(&self, f: &ArticleFeatures) -> Vec<(u32, f32)> {
        let mut v: Vec<(u32, f32)> = f
            .terms
            .iter()
            .map(|&(t, w)| (t, w * self.idf(t)))
            .filter(|&(_, w)| w > 0.0)
            .collect();
        let norm = v.iter().map(|&(_, w)| w * w).sum::<f32>().sqrt();
        if norm > 0.0 {
            for t in &mut v {
                t.1 /= norm;
            }
        }
        v
    }
}

/// What a term found in every document still weighs, as in scikit-learn's smoothed IDF. With 0,
/// the five seed reports of one call never formed one story (the words they all share weighed
/// nothing); 1 costs some precision on ECB+ and NewsWCL50 (see BENCHMARKS.md, Stories).
pub const IDF_FLOOR: f32 = 1.0;

/// Dot product of two sparse vectors sorted by id.
pub fn dot(a: &[(u32, f32)], b: &[(u32, f32)]) -> f32 {
    let (mut a, mut b) = (a.iter().peekable(), b.iter().peekable());
    let mut s = 0.0;
    while let (Some(&&(ta, wa)), Some(&&(tb, wb))) = (a.peek(), b.peek()) {
        match ta.cmp(&tb) {
            std::cmp::Ordering::Less => {
                a.next();
            }
            std::cmp::Ordering::Greater => {
                b.next();
            }
            std::cmp::Ordering::Equal => {
                s += wa * wb;
                a.next();
                b.next();
            }
        }
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    fn article(title: Option<&str>, text: &str) -> Article {
        let out = crate::read::parse_bytes(
            "a.txt",
            Some("a.txt"),
            text.as_bytes(),
            &crate::read::ReadConfig::default(),
        );
        let raw = out.docs.into_iter().next().expect("one document");
        let mut a = crate::ingest::ingest(raw).expect("one article");
        a.title = title.map(str::to_string);
        a
    }

    fn has(f: &ArticleFeatures, kind: Kind, s: &str) -> Option<f32> {
        let id = term_id(kind, s);
        f.terms.iter().find(|t| t.0 == id).map(|t| t.1)
    }

    #[test]
    fn words_are_stemmed_and_stop_words_dropped() {
        let a = article(
            Some("Quake"),
            "The earthquakes were shaking the buildings in the region.\n\nMore follows here.",
        );
        let f = extract(&a, &FeatureConfig::default());
        assert!(has(&f, Kind::Word, "earthquak").is_some());
        assert!(has(&f, Kind::Word, "build").is_some());
        assert!(has(&f, Kind::Word, "the").is_none());
        assert!(has(&f, Kind::Word, "were").is_none());
    }

    #[test]
    fn names_mid_sentence_are_entities_sentence_starts_are_not() {
        let a = article(
            None,
            "Officials said Lindsay Lohan checked into the Betty Ford Center on Friday.\n\
             Residents were calm. The star arrived late and residents left.",
        );
        let f = extract(&a, &FeatureConfig::default());
        assert!(has(&f, Kind::Entity, "lohan").is_some());
        assert!(has(&f, Kind::Name, "lindsay lohan").is_some());
        assert!(has(&f, Kind::Name, "betty ford center").is_some());
        // "Residents" starts a sentence and is written in lower case elsewhere; "Friday" is a
        // calendar word.
        assert!(has(&f, Kind::Entity, "residents").is_none());
        assert!(has(&f, Kind::Entity, "friday").is_none());
        // "The" written in lower case elsewhere, and a stop word anyway.
        assert!(has(&f, Kind::Entity, "the").is_none());
        // Entities weigh above common words seen as often.
        let e = has(&f, Kind::Entity, "lohan").expect("entity");
        let w = has(&f, Kind::Word, "arriv").expect("word");
        assert!(e > w, "{e} <= {w}");
    }

    #[test]
    fn years_and_numbers_are_terms() {
        let a = article(
            None,
            "The 2013 quake killed 24 people and injured 200 more.",
        );
        let f = extract(&a, &FeatureConfig::default());
        assert!(has(&f, Kind::Entity, "2013").is_some());
        assert!(has(&f, Kind::Number, "24").is_some());
        assert!(has(&f, Kind::Number, "200").is_some());
    }

    #[test]
    fn terms_are_bounded_sorted_and_deterministic() {
        let text: String = (0..2000).map(|i| format!("word{i}x lorem{i}y. ")).collect();
        let a = article(None, &text);
        let cfg = FeatureConfig {
            max_terms: 50,
            ..FeatureConfig::default()
        };
        let f = extract(&a, &cfg);
        assert_eq!(f.terms.len(), 50);
        assert!(f.terms.windows(2).all(|w| w[0].0 < w[1].0));
        assert_eq!(f, extract(&a, &cfg));
    }

    #[test]
    fn the_word_cache_is_bounded_and_does_not_change_terms() {
        // More distinct word forms than the cache keeps: it keeps the first ones and stays at
        // its limit, and the terms are those of a cache with room for everything and of none.
        let limit = 50;
        let text: String = (0..limit * 3)
            .map(|i| format!("here form{i}q stays.\n"))
            .collect();
        let big = article(None, &text);
        let small = article(
            Some("Quake"),
            "Officials said Lindsay Lohan checked into the Betty Ford Center on Friday.",
        );
        let cfg = FeatureConfig::default();
        let roomy = |a: &Article| extract_with(a, &cfg, &mut WordCache::new(usize::MAX));
        let mut none = WordCache::new(0);
        assert_eq!(extract_with(&big, &cfg, &mut none), roomy(&big));
        assert!(none.forms.is_empty());
        let mut cache = WordCache::new(limit);
        assert_eq!(extract_with(&big, &cfg, &mut cache), roomy(&big));
        assert_eq!(cache.forms.len(), limit);
        assert!(cache.forms.contains_key("here") && cache.forms.contains_key("form0q"));
        let kept: Vec<Box<str>> = cache.forms.keys().cloned().collect();
        // A full cache neither grows nor changes what it keeps, and terms are unchanged.
        assert_eq!(extract_with(&small, &cfg, &mut cache), roomy(&small));
        assert_eq!(extract_with(&big, &cfg, &mut cache), roomy(&big));
        assert_eq!(cache.forms.len(), limit);
        assert!(kept.iter().all(|k| cache.forms.contains_key(k)));
    }

    /// How much the word cache saves, by its size: extraction time of every article of ECB+
    /// and NewsWCL50 on one thread (after one pass to fill the cache) and the memory the cache
    /// holds. A measurement, not a check: `cargo test --release -p corroborate --lib
    /// word_cache_cost -- --ignored --nocapture`.
    #[test]
    #[ignore = "a measurement; reads ../shared"]
    fn word_cache_cost() {
        let data =
            std::path::PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../../../shared/data"));
        let mut corpus = crate::Corpus::new();
        for name in ["ecbplus", "newswcl50"] {
            let (inputs, _) = crate::read::discover(&[data.join(name).join("articles.jsonl")]);
            corpus.read_inputs(&inputs, &crate::read::ReadConfig::default(), &|| {});
        }
        let arts = corpus.articles;
        let cfg = FeatureConfig::default();
        let mut forms = 0usize;
        for limit in [0, 1 << 12, 1 << 13, WORD_CACHE, 1 << 16, usize::MAX] {
            let mut cache = WordCache::new(limit);
            for a in &arts {
                extract_with(a, &cfg, &mut cache);
            }
            let t = std::time::Instant::now();
            for _ in 0..3 {
                for a in &arts {
                    std::hint::black_box(extract_with(a, &cfg, &mut cache));
                }
            }
            let per = t.elapsed().as_secs_f64() * 1e6 / (3 * arts.len()) as f64;
            let bytes: usize = cache
                .forms
                .iter()
                .map(|(k, v)| k.len() + v.lower.len() + std::mem::size_of::<(Box<str>, WordInfo)>())
                .sum();
            forms = forms.max(cache.forms.len());
            println!(
                "limit {limit:>20}: {:>6} forms kept, {:>7.1} KB of keys and values, {per:>7.1} us an article",
                cache.forms.len(),
                bytes as f64 / 1024.0
            );
        }
        println!("{} articles, {forms} distinct forms", arts.len());
    }

    #[test]
    fn idf_and_vectors() {
        let mut df = DocFreq::default();
        let a = ArticleFeatures {
            terms: vec![(1, 1.0), (2, 1.0)],
        };
        let b = ArticleFeatures {
            terms: vec![(1, 1.0), (3, 1.0)],
        };
        df.add(&a);
        df.add(&b);
        assert!(df.idf(1) < df.idf(2));
        let va = df.vector(&a);
        let norm: f32 = va.iter().map(|t| t.1 * t.1).sum();
        assert!((norm - 1.0).abs() < 1e-5);
        assert!(dot(&va, &df.vector(&b)) < dot(&va, &va));
        // No article, no term: an empty vector, not a NaN.
        assert!(df.vector(&ArticleFeatures::default()).is_empty());
    }
}
