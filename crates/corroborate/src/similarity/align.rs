//! Sentence alignment of two articles: which sentence of one has a close counterpart in the
//! other, how much of each article is covered that way, and whether the counterparts come in
//! the same order.
//!
//! Works on a precomputed [`SimilarityMatrix`] (sentence vectors are computed once per article,
//! see [`crate::similarity`]), so aligning a pair costs only the matrix and a sort.

use crate::similarity::SimilarityMatrix;

/// Options for [`align`].
#[derive(Debug, Clone, PartialEq)]
pub struct AlignConfig {
    /// Two sentences are counterparts when their similarity is at least this. No default: it
    /// depends on the measure (see [`crate::copies::RewriteConfig`]).
    pub min_similarity: f32,
}

/// Two sentences aligned with each other.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct AlignedPair {
    /// Sentence index in the first article.
    pub a: usize,
    /// Sentence index in the second article.
    pub b: usize,
    /// Their similarity.
    pub similarity: f32,
}

/// The alignment of two articles' sentences.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Alignment {
    /// One-to-one pairs at or above the threshold, chosen greedily from the most similar down;
    /// sorted by `a`.
    pub pairs: Vec<AlignedPair>,
    /// Sentences of the first article taking part (not ignored).
    pub counted_a: usize,
    /// Sentences of the second article taking part.
    pub counted_b: usize,
    /// Counted sentences of the first article with a counterpart in the second (several may
    /// share one: a rewrite splits and merges sentences).
    pub covered_a: usize,
    /// Counted sentences of the second article with a counterpart in the first.
    pub covered_b: usize,
    /// Pairs in the longest chain that is in order in both articles.
    pub in_order: usize,
}

impl Alignment {
    /// Share of the first article's counted sentences that have a counterpart (0 when none
    /// count).
    pub fn coverage_a(&self) -> f64 {
        share(self.covered_a, self.counted_a)
    }

    /// Share of the second article's counted sentences that have a counterpart.
    pub fn coverage_b(&self) -> f64 {
        share(self.covered_b, self.counted_b)
    }

    /// Share of the pairs that are in order in both articles (longest increasing subsequence
    /// over the pairs); 0 without pairs.
    pub fn order(&self) -> f64 {
        share(self.in_order, self.pairs.len())
    }

    /// Mean similarity of the pairs; 0 without pairs.
    pub fn mean_similarity(&self) -> f64 {
        if self.pairs.is_empty() {
            return 0.0;
        }
        self.pairs
            .iter()
            .map(|p| f64::from(p.similarity))
            .sum::<f64>()
            / self.pairs.len() as f64
    }
}

fn share(n: usize, of: usize) -> f64 {
    if of == 0 {
        0.0
    } else {
        n as f64 / of as f64
    }
}

/// Aligns the sentences of two articles given their similarity matrix (rows: the first
/// article). `counts_a` and `counts_b` tell which sentences take part (e.g. headings and
/// one-word lines do not); a missing entry counts as `false`.
pub fn align(
    m: &SimilarityMatrix,
    counts_a: &[bool],
    counts_b: &[bool],
    cfg: &AlignConfig,
) -> Alignment {
    let ok_a = |i: usize| counts_a.get(i).copied().unwrap_or(false);
    let ok_b = |j: usize| counts_b.get(j).copied().unwrap_or(false);
    let mut candidates: Vec<AlignedPair> = Vec::new();
    let mut has_b = vec![false; m.cols()];
    let mut covered_a = 0usize;
    for i in (0..m.rows()).filter(|&i| ok_a(i)) {
        let mut any = false;
        for (j, &s) in m.row(i).iter().enumerate() {
            if s >= cfg.min_similarity && ok_b(j) {
                candidates.push(AlignedPair {
                    a: i,
                    b: j,
                    similarity: s,
                });
                if let Some(h) = has_b.get_mut(j) {
                    *h = true;
                }
                any = true;
            }
        }
        covered_a = covered_a.saturating_add(usize::from(any));
    }
    // Most similar first; ties by position, so the result does not depend on the sort.
    candidates.sort_by(|x, y| {
        y.similarity
            .total_cmp(&x.similarity)
            .then(x.a.cmp(&y.a))
            .then(x.b.cmp(&y.b))
    });
    let mut used_a = vec![false; m.rows()];
    let mut used_b = vec![false; m.cols()];
    let mut pairs = Vec::new();
    for p in candidates {
        // Candidates come from the matrix, so `a` and `b` are within its rows and columns.
        if let (Some(ua @ false), Some(ub @ false)) = (used_a.get_mut(p.a), used_b.get_mut(p.b)) {
            (*ua, *ub) = (true, true);
            pairs.push(p);
        }
    }
    pairs.sort_by_key(|p| p.a);
    let in_order = longest_increasing(pairs.iter().map(|p| p.b));
    Alignment {
        counted_a: (0..m.rows()).filter(|&i| ok_a(i)).count(),
        counted_b: (0..m.cols()).filter(|&j| ok_b(j)).count(),
        covered_a,
        covered_b: has_b.iter().filter(|&&h| h).count(),
        in_order,
        pairs,
    }
}

/// Length of the longest strictly increasing subsequence (patience sorting, O(n log n)).
fn longest_increasing(xs: impl Iterator<Item = usize>) -> usize {
    let mut tails: Vec<usize> = Vec::new();
    for x in xs {
        let k = tails.partition_point(|&t| t < x);
        match tails.get_mut(k) {
            Some(t) => *t = x,
            None => tails.push(x),
        }
    }
    tails.len()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::similarity::SimilarityKind;

    fn matrix(rows: usize, cols: usize, f: impl Fn(usize, usize) -> f32) -> SimilarityMatrix {
        let data = (0..rows)
            .flat_map(|i| (0..cols).map(move |j| (i, j)))
            .map(|(i, j)| f(i, j))
            .collect();
        SimilarityMatrix::from_rows(rows, cols, data, SimilarityKind::Semantic).expect("shape")
    }

    const CFG: AlignConfig = AlignConfig {
        min_similarity: 0.7,
    };

    #[test]
    fn longest_increasing_subsequence() {
        assert_eq!(longest_increasing([].into_iter()), 0);
        assert_eq!(longest_increasing([0, 1, 2, 3].into_iter()), 4);
        assert_eq!(longest_increasing([3, 2, 1, 0].into_iter()), 1);
        assert_eq!(longest_increasing([0, 4, 1, 2, 9, 3].into_iter()), 4);
    }

    #[test]
    fn a_rewrite_in_order_is_fully_covered_and_in_order() {
        // b is a with one sentence inserted at the front: a[i] ~ b[i + 1].
        let m = matrix(5, 6, |i, j| if j == i + 1 { 0.9 } else { 0.2 });
        let al = align(&m, &[true; 5], &[true; 6], &CFG);
        assert_eq!(al.pairs.len(), 5);
        assert!(al.pairs.iter().all(|p| p.b == p.a + 1));
        assert_eq!(al.coverage_a(), 1.0);
        assert!((al.coverage_b() - 5.0 / 6.0).abs() < 1e-9);
        assert_eq!(al.order(), 1.0);
        assert!((al.mean_similarity() - 0.9).abs() < 1e-6);
    }

    #[test]
    fn a_shuffled_article_is_less_in_order() {
        let perm = [3, 0, 4, 1, 5, 2];
        let m = matrix(6, 6, |i, j| if perm[i] == j { 0.9 } else { 0.1 });
        let al = align(&m, &[true; 6], &[true; 6], &CFG);
        assert_eq!(al.pairs.len(), 6);
        assert_eq!(al.coverage_a(), 1.0);
        // Longest in-order chain of 3,0,4,1,5,2 is 3 long (e.g. 0,1,2).
        assert_eq!(al.in_order, 3);
        assert_eq!(al.order(), 0.5);
    }

    #[test]
    fn unrelated_articles_have_no_pairs() {
        let m = matrix(4, 5, |i, j| 0.05 * (i + j) as f32 / 8.0);
        let al = align(&m, &[true; 4], &[true; 5], &CFG);
        assert!(al.pairs.is_empty());
        assert_eq!(
            (al.coverage_a(), al.coverage_b(), al.order()),
            (0.0, 0.0, 0.0)
        );
    }

    #[test]
    fn pairs_are_one_to_one_but_coverage_counts_merges() {
        // Two sentences of a were merged into b[0]; both have it as counterpart.
        let m = matrix(2, 1, |i, _| if i == 0 { 0.8 } else { 0.75 });
        let al = align(&m, &[true; 2], &[true; 1], &CFG);
        assert_eq!(al.pairs.len(), 1);
        assert_eq!((al.pairs[0].a, al.pairs[0].b), (0, 0));
        assert_eq!(al.covered_a, 2);
        assert_eq!(al.covered_b, 1);
    }

    #[test]
    fn sentences_not_counted_take_no_part() {
        let m = matrix(3, 3, |i, j| if i == j { 0.95 } else { 0.0 });
        let al = align(&m, &[true, false, true], &[true, true], &CFG);
        assert_eq!(al.counted_a, 2);
        assert_eq!(al.counted_b, 2);
        assert_eq!(al.pairs.iter().map(|p| p.a).collect::<Vec<_>>(), [0]);
        assert_eq!(al.coverage_a(), 0.5);
    }

    #[test]
    fn empty_matrices_align_to_nothing() {
        let m = matrix(0, 3, |_, _| 1.0);
        let al = align(&m, &[], &[true; 3], &CFG);
        assert_eq!(
            al,
            Alignment {
                counted_b: 3,
                ..Alignment::default()
            }
        );
    }
}
