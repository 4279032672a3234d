//! Temporary: features of labelled pairs.
use corroborate::copies::narration::*;
use corroborate::copies::rewrite::*;
use corroborate::read::{self, ReadConfig};
use corroborate::similarity::align::Alignment;
use corroborate::similarity::lexical_vectors;
use corroborate::{Article, Corpus};
use std::path::PathBuf;

fn masked(a: &Article) -> Article {
    let spans = narration_spans(&a.text);
    let mut keep = vec![false; a.text.len()];
    for s in spans {
        for k in s {
            keep[k] = true;
        }
    }
    let bytes: Vec<u8> = a
        .text
        .bytes()
        .enumerate()
        .map(|(i, b)| if keep[i] || b == b'\n' { b } else { b' ' })
        .collect();
    let mut m = a.clone();
    m.text = String::from_utf8(bytes).unwrap();
    m
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let (inputs, _) = read::discover(&[PathBuf::from(&args[1])]);
    let mut corpus = Corpus::new();
    corpus.read_inputs(&inputs, &ReadConfig::default(), &|| {});
    let arts = &corpus.articles;
    let stories = corroborate::stories::cluster(arts, &Default::default());
    let mut story_of = vec![0; arts.len()];
    for (k, m) in stories.iter().enumerate() {
        for &i in m {
            story_of[i] = k;
        }
    }
    let narr: Vec<Vec<u64>> = arts.iter().map(narration_shingles).collect();
    let freq = StoryFrequency::new(&stories, &narr);
    let cfg = RewriteConfig::default();
    let gold = std::fs::read_to_string(&args[2]).unwrap();
    for line in gold.lines() {
        let g: serde_json::Value = serde_json::from_str(line).unwrap();
        let (a, b) = (g["a"].as_str().unwrap(), g["b"].as_str().unwrap());
        let (Some(i), Some(j)) = (
            arts.iter().position(|x| x.id == a),
            arts.iter().position(|x| x.id == b),
        ) else {
            continue;
        };
        let (x, y) = (&arts[i], &arts[j]);
        let (al, _) = align_pair(x, y, &lexical_vectors(x), &lexical_vectors(y), &cfg);
        let full = judge(0, 1, al.clone(), &cfg);
        let (mx, my) = (masked(x), masked(y));
        let (aln, _) = align_pair(&mx, &my, &lexical_vectors(&mx), &lexical_vectors(&my), &cfg);
        let nj = judge(0, 1, aln.clone(), &cfg);
        let sh = |a: &Alignment| {
            if a.counted_a <= a.counted_b {
                a.coverage_a()
            } else {
                a.coverage_b()
            }
        };
        let days = match (x.published, y.published) {
            (Some(p), Some(q)) => (p.date() - q.date()).num_days().abs().to_string(),
            _ => "-".into(),
        };
        let (lx, ly) = (lexical_vectors(x), lexical_vectors(y));
        let r = rewrite_relations_with(&[x, y], &[&lx, &ly], &[&narr[i], &narr[j]], &freq, &cfg);
        let para = paraphrased(x, y, &lx, &ly, &cfg);
        print!("NEW {:?} para {} ", r[0].kind, para);
        println!(
            "{} {} {:22} {:18} {:18} story {} days {:>4} | full {:?} p{} cov{:.2} ord{:.2} | narr {:?} p{} cov{:.2} ord{:.2} cnt{}/{} | sh {:.2} shf {:.2}",
            if g["label"] == "REWRITE" { "R" } else { "." },
            if g["borderline"] == true { "B" } else { "-" },
            g["label"].as_str().unwrap(),
            a, b,
            if story_of[i] == story_of[j] { "same" } else { "DIFF" },
            days,
            full.kind, al.pairs.len(), sh(&al), al.order(),
            nj.kind, aln.pairs.len(), sh(&aln), aln.order(), aln.counted_a, aln.counted_b,
            narration_share(&narr[i], &narr[j], &StoryFrequency::default(), 0).0,
            narration_share(&narr[i], &narr[j], &freq, 3).0,
        );
    }
}
