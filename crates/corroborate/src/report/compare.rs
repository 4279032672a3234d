//! Two reports side by side: their sentences on aligned rows, each row marked as the same
//! words, reworded, or only in one of them, with the words and the numbers that differ marked.
//!
//! The alignment is the report's own evidence for the pair when the story has a relation
//! between them (what the engine based a copy or rewrite on), else a lexical alignment made
//! here with the rewrite detector's aligner.

use super::view::{report_ref_of, ReportRef};
use super::ArticleEntry;
use crate::article::Article;
use crate::copies::rewrite::align_pair;
use crate::copies::RewriteConfig;
use crate::facts::parse::NUMBER_WORDS;
use crate::normalize::for_matching;
use crate::similarity::lexical_vectors;
use serde::Serialize;
use std::collections::{BTreeSet, HashSet};

/// How a piece of a sentence compares with its counterpart.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Mark {
    /// The counterpart has the same word.
    Same,
    /// A word the counterpart does not have.
    Changed,
    /// A number the counterpart does not have.
    Number,
}

/// A run of words with one mark.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Piece {
    /// The text, as written.
    pub text: String,
    /// How it compares.
    pub mark: Mark,
}

/// One side of a row.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Side {
    /// Sentence index in its report.
    pub index: usize,
    /// The sentence in pieces.
    pub pieces: Vec<Piece>,
}

/// How a row's two sentences compare.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum RowKind {
    /// The same words (after normalising quotes, dashes and spaces).
    Same,
    /// Aligned, in other words.
    Reworded,
    /// Only in the left report.
    OnlyA,
    /// Only in the right report.
    OnlyB,
}

/// One row: a sentence of each report, or of one.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Row {
    /// How they compare.
    pub kind: RowKind,
    /// "same words", "reworded", "only on the left", "only on the right".
    pub label: String,
    /// The left report's sentence.
    pub a: Option<Side>,
    /// The right report's sentence.
    pub b: Option<Side>,
    /// Whether the two sentences' numbers differ.
    pub numbers_differ: bool,
}

/// Two reports side by side.
#[derive(Debug, Clone, Serialize)]
pub struct Comparison {
    /// The left report.
    pub a: ReportRef,
    /// The right report.
    pub b: ReportRef,
    /// Where the alignment comes from: "the report's evidence" or "a lexical alignment".
    pub aligned_by: String,
    /// "9 sentences in the same words, 3 reworded, 2 only on the left, 4 only on the right".
    pub summary: String,
    /// The rows, in the left report's order (right-only sentences where they fall).
    pub rows: Vec<Row>,
    /// The story both belong to, when they are in one (set by the caller that knows).
    pub story: Option<String>,
}

/// The words of a sentence, each with the spaces after it (so the pieces join back to it).
fn words(s: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut start = 0;
    let mut in_space = false;
    for (i, c) in s.char_indices() {
        if c.is_whitespace() {
            in_space = true;
        } else if in_space {
            out.extend(s.get(start..i));
            start = i;
            in_space = false;
        }
    }
    out.extend(s.get(start..).filter(|w| !w.is_empty()));
    out
}

/// The matching key of a word: lower case, letters and digits only.
fn key(w: &str) -> String {
    for_matching(w)
        .chars()
        .filter(|c| c.is_alphanumeric() || *c == '.' || *c == ',')
        .collect::<String>()
        .trim_matches(['.', ','])
        .to_lowercase()
}

fn is_number(k: &str) -> bool {
    k.chars().any(|c| c.is_ascii_digit()) || NUMBER_WORDS.binary_search(&k).is_ok()
}

/// The sentence in pieces, marked against the other sentence's words.
fn pieces(s: &str, other: &HashSet<String>) -> Vec<Piece> {
    let mut out: Vec<Piece> = Vec::new();
    for w in words(s) {
        let k = key(w);
        let mark = if k.is_empty() || other.contains(&k) {
            Mark::Same
        } else if is_number(&k) {
            Mark::Number
        } else {
            Mark::Changed
        };
        match out.last_mut() {
            Some(p) if p.mark == mark => p.text.push_str(w),
            _ => out.push(Piece {
                text: w.to_string(),
                mark,
            }),
        }
    }
    out
}

fn keys(s: &str) -> HashSet<String> {
    words(s)
        .into_iter()
        .map(key)
        .filter(|k| !k.is_empty())
        .collect()
}

fn plain(index: usize, s: &str) -> Side {
    Side {
        index,
        pieces: vec![Piece {
            text: s.to_string(),
            mark: Mark::Same,
        }],
    }
}

/// Compares two articles. `evidence` is the report's aligned pairs (`a` sentence, `b` sentence)
/// for them, if the story has a relation between them; otherwise they are aligned lexically.
pub fn compare(a: &Article, b: &Article, evidence: Option<&[(usize, usize)]>) -> Comparison {
    let sa: Vec<&str> = a.sentence_texts().collect();
    let sb: Vec<&str> = b.sentence_texts().collect();
    let (mut pairs, aligned_by): (Vec<(usize, usize)>, &str) = match evidence {
        Some(e) if !e.is_empty() => (e.to_vec(), "the report's evidence"),
        _ => {
            let (al, _) = align_pair(
                a,
                b,
                &lexical_vectors(a),
                &lexical_vectors(b),
                &RewriteConfig::default(),
            );
            (
                al.pairs.iter().map(|p| (p.a, p.b)).collect(),
                "a lexical alignment",
            )
        }
    };
    // One-to-one, inside both articles, in the left report's order.
    pairs.retain(|&(i, j)| i < sa.len() && j < sb.len());
    pairs.sort_unstable();
    let mut used_a = BTreeSet::new();
    let mut used_b = BTreeSet::new();
    pairs.retain(|&(i, j)| used_a.insert(i) && used_b.insert(j));

    let ea = ArticleEntry::from_article(a);
    let eb = ArticleEntry::from_article(b);
    let (ra, rb) = (report_ref_of(&ea), report_ref_of(&eb));
    // Left and right, not the reports' names: the column heads name them, a name can be long
    // (a report with no outlet is named by its opening words) and two reports of one outlet
    // share one.
    let (only_a, only_b) = ("only on the left", "only on the right");

    let mut rows = Vec::new();
    let (mut next_a, mut next_b) = (0usize, 0usize);
    let push_b_until = |rows: &mut Vec<Row>, next_b: &mut usize, end: usize| {
        while *next_b < end {
            if !used_b.contains(next_b) {
                if let Some(t) = sb.get(*next_b) {
                    rows.push(Row {
                        kind: RowKind::OnlyB,
                        label: only_b.to_string(),
                        a: None,
                        b: Some(plain(*next_b, t)),
                        numbers_differ: false,
                    });
                }
            }
            *next_b = next_b.saturating_add(1);
        }
    };
    // Sentences of the left report no pair takes, up to `end`.
    let push_a_until = |rows: &mut Vec<Row>, next_a: &mut usize, end: usize| {
        while *next_a < end {
            if let Some(t) = sa.get(*next_a) {
                rows.push(Row {
                    kind: RowKind::OnlyA,
                    label: only_a.to_string(),
                    a: Some(plain(*next_a, t)),
                    b: None,
                    numbers_differ: false,
                });
            }
            *next_a = next_a.saturating_add(1);
        }
    };
    for &(i, j) in &pairs {
        push_a_until(&mut rows, &mut next_a, i);
        push_b_until(&mut rows, &mut next_b, j);
        next_a = i.saturating_add(1);
        next_b = next_b.max(j.saturating_add(1));
        let (ta, tb) = (
            sa.get(i).copied().unwrap_or(""),
            sb.get(j).copied().unwrap_or(""),
        );
        let same = for_matching(ta).to_lowercase() == for_matching(tb).to_lowercase();
        let (ka, kb) = (keys(ta), keys(tb));
        let nums = |k: &HashSet<String>| -> BTreeSet<String> {
            k.iter().filter(|w| is_number(w)).cloned().collect()
        };
        let numbers_differ = nums(&ka) != nums(&kb);
        rows.push(Row {
            kind: if same {
                RowKind::Same
            } else {
                RowKind::Reworded
            },
            label: if same { "same words" } else { "reworded" }.to_string(),
            a: Some(Side {
                index: i,
                pieces: pieces(ta, &kb),
            }),
            b: Some(Side {
                index: j,
                pieces: pieces(tb, &ka),
            }),
            numbers_differ,
        });
    }
    push_a_until(&mut rows, &mut next_a, sa.len());
    push_b_until(&mut rows, &mut next_b, sb.len());

    let count = |k: RowKind| rows.iter().filter(|r| r.kind == k).count();
    let same = count(RowKind::Same);
    let summary = format!(
        "{same} sentence{} in the same words, {} reworded, {} {}, {} {}",
        if same == 1 { "" } else { "s" },
        count(RowKind::Reworded),
        count(RowKind::OnlyA),
        only_a,
        count(RowKind::OnlyB),
        only_b,
    );
    Comparison {
        a: ra,
        b: rb,
        aligned_by: aligned_by.to_string(),
        summary,
        rows,
        story: None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::copies::test_article;

    fn seed(name: &str) -> Article {
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../../../shared/seeds");
        let text = std::fs::read_to_string(format!("{dir}/{name}.txt")).unwrap();
        test_article(name, None, &text)
    }

    fn every_sentence_once(c: &Comparison, a: &Article, b: &Article) {
        for (side, n) in [(0, a.sentences.len()), (1, b.sentences.len())] {
            let mut idx: Vec<usize> = c
                .rows
                .iter()
                .filter_map(|r| {
                    if side == 0 {
                        r.a.as_ref()
                    } else {
                        r.b.as_ref()
                    }
                })
                .map(|s| s.index)
                .collect();
            idx.sort_unstable();
            assert_eq!(idx, (0..n).collect::<Vec<_>>(), "side {side}");
        }
        // The pieces join back to each sentence as written.
        for r in &c.rows {
            if let Some(s) = &r.a {
                let joined: String = s.pieces.iter().map(|p| p.text.as_str()).collect();
                assert_eq!(joined, a.sentence_texts().nth(s.index).unwrap());
            }
        }
    }

    #[test]
    fn two_rewrites_of_the_seeds_line_up_sentence_by_sentence() {
        // 000 and 002 are rewrites of one another (the seeds' family of three).
        let (a, b) = (seed("000_45fb9e679fb9e8fa"), seed("002_1b405a6401bc3c4d"));
        let c = compare(&a, &b, None);
        every_sentence_once(&c, &a, &b);
        let aligned = c
            .rows
            .iter()
            .filter(|r| matches!(r.kind, RowKind::Same | RowKind::Reworded))
            .count();
        assert!(aligned >= 5, "{aligned} aligned rows: {}", c.summary);
        assert_eq!(c.aligned_by, "a lexical alignment");
        // A reworded row marks the words the other sentence lacks.
        assert!(c.rows.iter().any(|r| r.kind == RowKind::Reworded
            && r.a
                .as_ref()
                .is_some_and(|s| s.pieces.iter().any(|p| p.mark == Mark::Changed))));
    }

    #[test]
    fn the_reports_evidence_is_used_and_bad_indices_are_dropped() {
        let a = test_article(
            "a",
            None,
            "The storm killed 12 people on Monday. Roads were closed.",
        );
        let b = test_article(
            "b",
            None,
            "Officials said 14 people died in the storm on Monday. Schools shut.",
        );
        // (5, 5) points past both articles; (0, 1) and (1, 1) would use b's sentence twice.
        let c = compare(&a, &b, Some(&[(0, 0), (1, 0), (5, 5)]));
        assert_eq!(c.aligned_by, "the report's evidence");
        every_sentence_once(&c, &a, &b);
        let first = &c.rows[0];
        assert_eq!(first.kind, RowKind::Reworded);
        assert!(first.numbers_differ);
        let marked: Vec<&str> = first
            .a
            .as_ref()
            .unwrap()
            .pieces
            .iter()
            .filter(|p| p.mark == Mark::Number)
            .map(|p| p.text.trim())
            .collect();
        assert_eq!(marked, vec!["12"]);
        assert_eq!(
            c.summary,
            "0 sentences in the same words, 1 reworded, 1 only on the left, 1 only on the right"
        );
    }

    #[test]
    fn the_same_sentence_is_same_words_and_empty_articles_give_no_rows() {
        let a = test_article("a", None, "Prices rose by 3% in May.");
        let b = test_article("b", None, "Prices rose by 3% in May.");
        let c = compare(&a, &b, Some(&[(0, 0)]));
        assert_eq!(c.rows.len(), 1);
        assert_eq!(c.rows[0].kind, RowKind::Same);
        assert!(!c.rows[0].numbers_differ);
        let e = test_article("e", None, "");
        let c = compare(&e, &e, None);
        assert!(c.rows.is_empty());
    }
}
