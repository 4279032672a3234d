//! How two articles of a story relate: the kinds, strongest first, and one pair's relation with
//! its evidence. Shared by every step of this stage (copies, rewrites, families, the streaming
//! dedup).

use crate::similarity::align::AlignedPair;

/// How two articles relate, strongest first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum RelationKind {
    /// The same text.
    Exact,
    /// The same text with small edits.
    NearDuplicate,
    /// The same content, paraphrased.
    Rewrite,
    /// Neither.
    Independent,
}

impl RelationKind {
    /// The report's name for it: "exact", "near_duplicate", "rewrite" or "independent".
    pub fn as_str(self) -> &'static str {
        match self {
            RelationKind::Exact => "exact",
            RelationKind::NearDuplicate => "near_duplicate",
            RelationKind::Rewrite => "rewrite",
            RelationKind::Independent => "independent",
        }
    }

    /// Whether it is a copy (exact or near-duplicate).
    pub fn is_copy(self) -> bool {
        matches!(self, RelationKind::Exact | RelationKind::NearDuplicate)
    }
}

/// How two articles relate, with the evidence. `a` and `b` index the slice of articles the
/// relation was computed over, `a < b`.
#[derive(Debug, Clone, PartialEq)]
pub struct PairRelation {
    /// First article.
    pub a: usize,
    /// Second article.
    pub b: usize,
    /// The relation.
    pub kind: RelationKind,
    /// Strength, 0 to 1.
    pub score: f64,
    /// Share of `a`'s sentences with a counterpart in `b`, and of `b`'s in `a`, when known:
    /// how much of one article's content the other contains (used to tell a source).
    pub coverage: Option<(f64, f64)>,
    /// Aligned sentence pairs (`a` indexes the first article's sentences).
    pub evidence: Vec<AlignedPair>,
}

/// Every pair of `items` once, as `((i, &items[i]), (j, &items[j]))` with `i < j`, by `i` then
/// `j`: the pairs of a story's articles, without index arithmetic.
pub fn pairs<T>(items: &[T]) -> impl Iterator<Item = ((usize, &T), (usize, &T))> {
    items.iter().enumerate().flat_map(move |(i, x)| {
        (items.iter().enumerate())
            .skip(i)
            .skip(1)
            .map(move |(j, y)| ((i, x), (j, y)))
    })
}
