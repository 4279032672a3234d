//! Streaming corpus deduplication: each article, in input order, is checked against the articles
//! kept before it, and either kept or reported as a duplicate of the earliest kept one it matches.
//!
//! Per kept article the stage holds only its MinHash signature folded to 8 bits a position
//! (`permutations` bytes, for the estimates that filter candidates), its band keys in the
//! [`LshIndex`], its body fingerprint and its id: never its text.
//! So memory grows with the number of articles, not with their size, and an input larger than
//! memory can be streamed through [`Dedup::push`].
//!
//! Kinds:
//! - `exact`: same body after normalisation (same words in the same order, see
//!   [`crate::copies::shingles`]), by 64-bit fingerprint. Any article with at least one word can be an
//!   exact duplicate.
//! - `near_duplicate`: Jaccard similarity of the word-shingle sets at least
//!   [`DedupConfig::threshold`]. Only articles of at least [`DedupConfig::min_words`] words take
//!   part (as duplicate and as original): very short or boilerplate-only bodies have too few
//!   shingles for a meaningful similarity and must not become duplicates of everything.
//!
//! - `rewrite` (off by default): the same content paraphrased, by the rule the report uses
//!   ([`crate::copies::rewrite::judge`] on a lexical sentence alignment): a large share of the
//!   shorter article's sentences has a close counterpart in the other, largely in order.
//!   Candidates are the kept articles sharing several rare content words
//!   ([`crate::copies::rewrite_index`]); each is verified on its sentences, re-read through the caller
//!   ([`Earlier::rewrite`]). Looked for only when the article is neither an exact copy nor a
//!   near-duplicate. Needs [`prepare_article`] (sentences and language), not [`prepare`].
//!
//! What "verified" means: LSH gives candidates; a candidate whose signature estimate is below
//! `threshold − PREFILTER_MARGIN` is dropped; for the others the caller's `earlier` function is
//! asked for the earlier article's shingle hashes (re-read from its input), and the *exact* Jaccard
//! decides and is reported ([`Verification::Exact`]). When the earlier text cannot be had again
//! (standard input, a gzip stream), the signature estimate decides instead
//! ([`Verification::Estimated`]; its standard error is about `sqrt(J(1−J)/permutations)`, 0.04
//! at J = 0.7 with 128 permutations).

use crate::article::Article;
use crate::copies::kind::RelationKind;
use crate::copies::lsh::{LshIndex, MAX_ITEM};
use crate::copies::minhash::{estimate8, fold8, signature16};
use crate::copies::rewrite::{align_pair, judge, RewriteConfig};
use crate::copies::rewrite_index::{terms, RewriteIndex, RewriteIndexConfig};
use crate::copies::shingles::{jaccard_of, shingle};
use crate::similarity::{lexical_vectors, SentenceVectors};
use serde::Serialize;
use std::collections::HashMap;

/// How much below the threshold a signature estimate may be and still be verified exactly. At
/// 0.2 a pair at the threshold (J = 0.7, 128 permutations, standard error 0.04) is dropped with
/// probability < 10⁻⁶.
pub const PREFILTER_MARGIN: f64 = 0.2;

/// Which kinds of duplicate to look for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Kinds {
    /// Same body after normalisation.
    pub exact: bool,
    /// Shingle Jaccard similarity at or above the threshold.
    pub near: bool,
    /// The same content paraphrased (sentence alignment).
    pub rewrite: bool,
}

impl Default for Kinds {
    /// Exact and near-duplicates; not rewrites (slower: they need sentences).
    fn default() -> Self {
        Kinds {
            exact: true,
            near: true,
            rewrite: false,
        }
    }
}

/// Options of the lexical duplicate detection, with documented defaults.
#[derive(Debug, Clone, PartialEq)]
pub struct DedupConfig {
    /// Smallest shingle Jaccard similarity of a near-duplicate. Default 0.7: a copy with 10% of
    /// its words edited in a few passages scores about 0.8, one with 10% of its words edited at
    /// scattered places about 0.45 (each edited word breaks five 5-word shingles), separate
    /// reports of one event 0.002 to 0.09.
    pub threshold: f64,
    /// Words per shingle. Default 5.
    pub shingle_words: usize,
    /// MinHash signature length. Default 128.
    pub permutations: usize,
    /// LSH bands. Default 28 (see [`crate::copies::lsh`] for the S-curve).
    pub bands: usize,
    /// Rows per LSH band; `bands × rows` must not exceed `permutations`. Default 4.
    pub rows: usize,
    /// Fewest words for an article to be a near-duplicate or the original of one. Default 30.
    pub min_words: usize,
    /// Kinds looked for. Default both.
    pub kinds: Kinds,
    /// Most sentence pairs given as evidence for one relation. Default 50.
    pub max_evidence: usize,
    /// When a verified pair is a rewrite (the report's rule; lexical similarity).
    pub rewrite: RewriteConfig,
    /// How rewrite candidates are found.
    pub rewrite_index: RewriteIndexConfig,
}

impl Default for DedupConfig {
    fn default() -> Self {
        DedupConfig {
            threshold: 0.7,
            shingle_words: crate::copies::shingles::DEFAULT_SHINGLE_WORDS,
            permutations: crate::copies::minhash::DEFAULT_PERMUTATIONS,
            bands: crate::copies::lsh::DEFAULT_BANDS,
            rows: crate::copies::lsh::DEFAULT_ROWS,
            min_words: 30,
            kinds: Kinds::default(),
            max_evidence: 50,
            rewrite: RewriteConfig::default(),
            rewrite_index: RewriteIndexConfig::default(),
        }
    }
}

/// Kind of a duplicate.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum DupKind {
    /// Same body after normalisation.
    Exact,
    /// Shingle Jaccard similarity at or above the threshold.
    NearDuplicate,
    /// The same content paraphrased.
    Rewrite,
}

impl DupKind {
    /// The name used in outputs: `exact`, `near_duplicate` or `rewrite`.
    pub fn as_str(&self) -> &'static str {
        match self {
            DupKind::Exact => "exact",
            DupKind::NearDuplicate => "near_duplicate",
            DupKind::Rewrite => "rewrite",
        }
    }
}

/// How a reported score was obtained.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Verification {
    /// Fingerprint equality (exact), the exact Jaccard of both shingle sets, or (rewrites)
    /// the alignment of both articles' sentences.
    Exact,
    /// The MinHash estimate: the earlier text could not be read again.
    Estimated,
}

/// An article found to duplicate an earlier one.
#[derive(Debug, Clone, PartialEq)]
pub struct Duplicate {
    /// The duplicate's id.
    pub id: String,
    /// The id of the earliest kept article it matches.
    pub duplicate_of: String,
    /// Position of that article in push order (0-based).
    pub duplicate_of_seq: u64,
    /// Exact or near-duplicate.
    pub kind: DupKind,
    /// Jaccard similarity of the shingle sets (1 for exact); for a rewrite, the report's
    /// relation score (coverage of the shorter article times the mean sentence similarity).
    pub score: f64,
    /// How the score was obtained.
    pub verification: Verification,
}

/// The features of one article the stage needs: computed independently per article (in
/// parallel by the caller), then pushed in input order.
#[derive(Debug, Clone, PartialEq)]
pub struct Prepared {
    /// Number of words.
    pub words: usize,
    /// Body fingerprint.
    pub fingerprint: u64,
    /// Shingle hashes in text order (for exact verification).
    pub shingles: Vec<u64>,
    /// 16-bit MinHash signature; `None` when near-duplicates are not looked for or the article
    /// is shorter than `min_words`.
    pub signature: Option<Vec<u16>>,
    /// What rewrite detection needs; `None` when rewrites are not looked for.
    pub rewrite: Option<RewriteFeatures>,
}

/// An article as rewrite detection needs it: its sentences, their lexical vectors and its
/// rare-term candidates' terms.
#[derive(Debug, Clone, PartialEq)]
pub struct RewriteFeatures {
    /// The article (sentences, language).
    pub article: Article,
    /// Lexical sentence vectors.
    pub vectors: SentenceVectors,
    /// Distinct content-word terms ([`crate::copies::rewrite_index::terms`]).
    pub terms: Vec<u64>,
}

impl RewriteFeatures {
    /// The features of an article.
    pub fn new(article: Article) -> RewriteFeatures {
        let vectors = lexical_vectors(&article);
        let terms = terms(&vectors);
        RewriteFeatures {
            article,
            vectors,
            terms,
        }
    }
}

/// Like [`prepare`] on the article's body, plus its [`RewriteFeatures`] when rewrites are
/// looked for.
pub fn prepare_article(article: Article, cfg: &DedupConfig) -> Prepared {
    let mut p = prepare(&article.text, cfg);
    if cfg.kinds.rewrite {
        p.rewrite = Some(RewriteFeatures::new(article));
    }
    p
}

/// The earlier articles, as the caller can give them again (by push position).
pub trait Earlier {
    /// The shingle hashes of the article pushed at `seq` (as [`Prepared::shingles`]: any
    /// order, repeats allowed).
    fn shingles(&mut self, seq: u64) -> Option<Vec<u64>>;
    /// The rewrite features of the article pushed at `seq`. Default: not available.
    fn rewrite(&mut self, _seq: u64) -> Option<RewriteFeatures> {
        None
    }
}

impl<F: FnMut(u64) -> Option<Vec<u64>>> Earlier for F {
    fn shingles(&mut self, seq: u64) -> Option<Vec<u64>> {
        self(seq)
    }
}

/// Computes what [`Dedup::push`] needs from an article's clean body.
pub fn prepare(text: &str, cfg: &DedupConfig) -> Prepared {
    let s = shingle(text, cfg.shingle_words);
    let signature = if cfg.kinds.near && s.words >= cfg.min_words {
        signature16(&s.shingles, cfg.permutations)
    } else {
        None
    };
    Prepared {
        words: s.words,
        fingerprint: s.fingerprint,
        shingles: s.shingles,
        signature,
        rewrite: None,
    }
}

/// Counts of what the stage did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DedupStats {
    /// Articles pushed.
    pub articles: u64,
    /// Articles kept (not duplicates).
    pub kept: u64,
    /// Exact duplicates.
    pub exact: u64,
    /// Near-duplicates.
    pub near: u64,
    /// Rewrites.
    pub rewrites: u64,
    /// Rewrite candidates aligned.
    pub rewrite_candidates: u64,
    /// LSH candidates looked at.
    pub candidates: u64,
    /// Candidates verified on exact shingle sets.
    pub verified_exactly: u64,
    /// Candidates decided on the signature estimate (earlier text not available).
    pub verified_by_estimate: u64,
}

/// The streaming deduplication stage.
#[derive(Debug)]
pub struct Dedup {
    cfg: DedupConfig,
    index: LshIndex,
    rewrites: RewriteIndex,
    fingerprints: HashMap<u64, u32>,
    /// Signatures of kept articles folded to 8 bits ([`fold8`]), `permutations` values each,
    /// by kept number.
    signatures: Vec<u8>,
    /// Push position of each kept article.
    kept_seq: Vec<u64>,
    /// Kept articles' ids, end to end, and where each ends.
    ids: String,
    id_ends: Vec<usize>,
    stats: DedupStats,
    /// Band keys of the article being pushed, computed by `find` and reused by `keep`.
    keys: Option<Vec<u32>>,
}

impl Dedup {
    /// An empty stage. `bands × rows` above `permutations` is reduced to fit.
    pub fn new(mut cfg: DedupConfig) -> Dedup {
        cfg.permutations = cfg.permutations.max(1);
        cfg.rows = cfg.rows.clamp(1, cfg.permutations);
        let most = cfg.permutations.checked_div(cfg.rows).unwrap_or(1).max(1);
        cfg.bands = cfg.bands.clamp(1, most);
        Dedup {
            index: LshIndex::new(cfg.bands, cfg.rows),
            rewrites: RewriteIndex::new(cfg.rewrite_index.clone()),
            cfg,
            fingerprints: HashMap::new(),
            signatures: Vec::new(),
            kept_seq: Vec::new(),
            ids: String::new(),
            id_ends: Vec::new(),
            stats: DedupStats::default(),
            keys: None,
        }
    }

    /// The configuration in force.
    pub fn config(&self) -> &DedupConfig {
        &self.cfg
    }

    /// What the stage has done so far.
    pub fn stats(&self) -> &DedupStats {
        &self.stats
    }

    fn kept_id(&self, k: usize) -> &str {
        let start = k.checked_sub(1).and_then(|p| self.id_ends.get(p));
        let end = self.id_ends.get(k);
        end.and_then(|&end| self.ids.get(start.copied().unwrap_or(0)..end))
            .unwrap_or("")
    }

    fn kept_signature(&self, k: usize) -> &[u8] {
        let n = self.cfg.permutations;
        let from = k.saturating_mul(n);
        self.signatures
            .get(from..from.saturating_add(n))
            .unwrap_or(&[])
    }

    /// Checks the next article (push position = number of earlier pushes) against the kept
    /// ones. Returns the duplicate found, or `None` when the article is kept. `earlier(seq)`
    /// gives the shingle hashes of the article pushed at position `seq`, when it can be read again.
    pub fn push(
        &mut self,
        id: &str,
        p: &Prepared,
        earlier: &mut dyn FnMut(u64) -> Option<Vec<u64>>,
    ) -> Option<Duplicate> {
        self.push_with(id, p, &mut |seq: u64| earlier(seq))
    }

    /// [`Dedup::push`] with earlier articles given by an [`Earlier`] (for rewrites, which need
    /// their sentences).
    pub fn push_with(
        &mut self,
        id: &str,
        p: &Prepared,
        earlier: &mut dyn Earlier,
    ) -> Option<Duplicate> {
        let seq = self.stats.articles;
        bump(&mut self.stats.articles);
        self.keys = None;
        let mut dup = self.find(id, p, earlier);
        if dup.is_none() {
            dup = self.find_rewrite(id, p, earlier);
        }
        if let Some(rw) = p.rewrite.as_ref().filter(|_| self.cfg.kinds.rewrite) {
            self.rewrites.observe(&rw.terms);
        }
        match dup.as_ref().map(|d| d.kind) {
            Some(DupKind::Exact) => bump(&mut self.stats.exact),
            Some(DupKind::NearDuplicate) => bump(&mut self.stats.near),
            Some(DupKind::Rewrite) => bump(&mut self.stats.rewrites),
            None => self.keep(seq, id, p),
        }
        dup
    }

    fn find_rewrite(
        &mut self,
        id: &str,
        p: &Prepared,
        earlier: &mut dyn Earlier,
    ) -> Option<Duplicate> {
        if !self.cfg.kinds.rewrite {
            return None;
        }
        let mine = p.rewrite.as_ref()?;
        for k in self.rewrites.candidates(&mine.terms) {
            let k = k as usize;
            let seq = *self.kept_seq.get(k)?;
            bump(&mut self.stats.rewrite_candidates);
            let Some(theirs) = earlier.rewrite(seq) else {
                continue;
            };
            let (al, _) = align_pair(
                &theirs.article,
                &mine.article,
                &theirs.vectors,
                &mine.vectors,
                &self.cfg.rewrite,
            );
            let rel = judge(0, 1, al, &self.cfg.rewrite);
            if rel.kind == RelationKind::Rewrite {
                return Some(Duplicate {
                    id: id.to_string(),
                    duplicate_of: self.kept_id(k).to_string(),
                    duplicate_of_seq: seq,
                    kind: DupKind::Rewrite,
                    score: rel.score,
                    verification: Verification::Exact,
                });
            }
        }
        None
    }

    fn find(&mut self, id: &str, p: &Prepared, earlier: &mut dyn Earlier) -> Option<Duplicate> {
        let dup = |this: &Self, k: usize, kind, score, verification| {
            Some(Duplicate {
                id: id.to_string(),
                duplicate_of: this.kept_id(k).to_string(),
                duplicate_of_seq: *this.kept_seq.get(k)?,
                kind,
                score,
                verification,
            })
        };
        if self.cfg.kinds.exact && p.words > 0 {
            if let Some(&k) = self.fingerprints.get(&p.fingerprint) {
                return dup(self, k as usize, DupKind::Exact, 1.0, Verification::Exact);
            }
        }
        let sig = p.signature.as_deref()?;
        if !self.cfg.kinds.near || sig.len() != self.cfg.permutations {
            return None;
        }
        let keys = self.index.keys(sig);
        let candidates = self.index.candidates(&keys);
        self.keys = Some(keys);
        let sig8: Vec<u8> = if candidates.is_empty() {
            Vec::new()
        } else {
            sig.iter().map(|&v| fold8(v)).collect()
        };
        for k in candidates {
            let k = k as usize;
            bump(&mut self.stats.candidates);
            let est = estimate8(self.kept_signature(k), &sig8);
            if est < self.cfg.threshold - PREFILTER_MARGIN {
                continue;
            }
            let Some(&seq) = self.kept_seq.get(k) else {
                continue;
            };
            let (score, how) = match earlier.shingles(seq) {
                Some(theirs) => {
                    bump(&mut self.stats.verified_exactly);
                    (jaccard_of(&p.shingles, &theirs), Verification::Exact)
                }
                None => {
                    bump(&mut self.stats.verified_by_estimate);
                    (est, Verification::Estimated)
                }
            };
            if score >= self.cfg.threshold {
                return dup(self, k, DupKind::NearDuplicate, score, how);
            }
        }
        None
    }

    fn keep(&mut self, seq: u64, id: &str, p: &Prepared) {
        let Ok(k) = u32::try_from(self.kept_seq.len()) else {
            return;
        };
        if k > MAX_ITEM {
            return;
        }
        bump(&mut self.stats.kept);
        self.kept_seq.push(seq);
        self.ids.push_str(id);
        self.id_ends.push(self.ids.len());
        if self.cfg.kinds.exact && p.words > 0 {
            self.fingerprints.entry(p.fingerprint).or_insert(k);
        }
        if let Some(rw) = p.rewrite.as_ref().filter(|_| self.cfg.kinds.rewrite) {
            self.rewrites.insert(k, &rw.terms);
        }
        match p.signature.as_deref() {
            Some(sig) if self.cfg.kinds.near && sig.len() == self.cfg.permutations => {
                self.signatures.extend(sig.iter().map(|&v| fold8(v)));
                let keys = match self.keys.take() {
                    Some(keys) => keys,
                    None => self.index.keys(sig),
                };
                self.index.insert(k, &keys);
            }
            // Keep positions aligned: a short article has a signature no band can match.
            _ if self.cfg.kinds.near => self
                .signatures
                .extend(std::iter::repeat_n(0, self.cfg.permutations)),
            _ => {}
        }
    }
}

/// Counts one more (a counter stops at its maximum rather than wrap).
fn bump(n: &mut u64) {
    *n = n.saturating_add(1);
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(n: usize, salt: &str) -> String {
        (0..n)
            .map(|i| format!("w{salt}{i}"))
            .collect::<Vec<_>>()
            .join(" ")
    }

    fn run(docs: &[(&str, String)], cfg: &DedupConfig) -> Vec<Duplicate> {
        let prepared: Vec<Prepared> = docs.iter().map(|(_, t)| prepare(t, cfg)).collect();
        let mut d = Dedup::new(cfg.clone());
        let mut out = Vec::new();
        for ((id, _), p) in docs.iter().zip(&prepared) {
            let mut earlier = |seq: u64| Some(prepared[seq as usize].shingles.clone());
            out.extend(d.push(id, p, &mut earlier));
        }
        out
    }

    #[test]
    fn exact_near_and_distinct() {
        let base = words(200, "a");
        let mut near: Vec<String> = base.split(' ').map(str::to_string).collect();
        near[100] = "changed".into(); // one word: 5 of 196 shingles differ
        let near = near.join(" ");
        let docs = [
            ("a", base.clone()),
            ("b", words(200, "b")),
            ("a-copy", format!("  {}!", base.to_uppercase())),
            ("a-near", near),
        ];
        let out = run(&docs, &DedupConfig::default());
        assert_eq!(out.len(), 2, "{out:?}");
        assert_eq!(
            (out[0].id.as_str(), out[0].kind),
            ("a-copy", DupKind::Exact)
        );
        assert_eq!(out[0].duplicate_of, "a");
        assert_eq!(
            (out[1].id.as_str(), out[1].kind),
            ("a-near", DupKind::NearDuplicate)
        );
        assert_eq!(out[1].duplicate_of, "a");
        assert_eq!(out[1].verification, Verification::Exact);
        let expected = (196.0 - 5.0) / (196.0 + 5.0);
        assert!((out[1].score - expected).abs() < 1e-9, "{}", out[1].score);
    }

    #[test]
    fn duplicates_point_to_the_earliest_kept_article() {
        let base = words(100, "x");
        let docs = [
            ("first", base.clone()),
            ("second", base.clone()),
            ("third", base.clone()),
        ];
        let out = run(&docs, &DedupConfig::default());
        assert!(out
            .iter()
            .all(|d| d.duplicate_of == "first" && d.duplicate_of_seq == 0));
        assert_eq!(out.len(), 2);
    }

    #[test]
    fn short_texts_are_only_exact_duplicates() {
        let cfg = DedupConfig::default();
        let short = words(10, "s");
        let mut short_edit: Vec<&str> = short.split(' ').collect();
        short_edit[9] = "other";
        let docs = [
            ("s1", short.clone()),
            ("s2", short_edit.join(" ")),
            ("s3", short.clone()),
        ];
        let out = run(&docs, &cfg);
        assert_eq!(out.len(), 1);
        assert_eq!((out[0].id.as_str(), out[0].kind), ("s3", DupKind::Exact));
        // Texts without words are nobody's duplicates.
        let out = run(&[("e1", "!!".into()), ("e2", "?".into())], &cfg);
        assert!(out.is_empty());
    }

    #[test]
    fn kinds_can_be_turned_off() {
        let base = words(100, "k");
        let docs = [("a", base.clone()), ("b", base)];
        let near_only = DedupConfig {
            kinds: Kinds {
                exact: false,
                near: true,
                rewrite: false,
            },
            ..DedupConfig::default()
        };
        let out = run(&docs, &near_only);
        assert_eq!(out[0].kind, DupKind::NearDuplicate);
        assert_eq!(out[0].score, 1.0);
        let none = DedupConfig {
            kinds: Kinds {
                exact: false,
                near: false,
                rewrite: false,
            },
            ..DedupConfig::default()
        };
        assert!(run(&docs, &none).is_empty());
    }

    #[test]
    fn without_the_earlier_text_the_estimate_decides() {
        let cfg = DedupConfig::default();
        let a = prepare(&words(300, "q"), &cfg);
        let mut d = Dedup::new(cfg);
        assert!(d.push("a", &a, &mut |_| None).is_none());
        let Some(dup) = d.push("b", &a.clone(), &mut |_| None) else {
            panic!("an exact copy is a duplicate")
        };
        assert_eq!(dup.kind, DupKind::Exact);
        let mut edited: Vec<String> = words(300, "q").split(' ').map(String::from).collect();
        edited[150] = "x".into();
        let p = prepare(&edited.join(" "), d.config());
        let Some(dup) = d.push("c", &p, &mut |_| None) else {
            panic!("a one-word edit is a near-duplicate")
        };
        assert_eq!(dup.verification, Verification::Estimated);
        assert!(dup.score > 0.85);
        assert_eq!(d.stats().kept, 1);
    }
}
