//! Measurements for the dedup benchmark (see scripts/bench-dedup.sh).
//!
//! ```text
//! dedup_bench sig CORPUS.jsonl [N]
//!     Signatures alone, one thread: word hashing, shingles, fingerprint and MinHash signature
//!     of the first N articles' clean bodies (read and cleaned before the clock starts).
//! dedup_bench eval CORPUS.jsonl TRUTH.jsonl PAIRS.jsonl [THRESHOLD] [LIMIT]
//!     Recall of the planted pairs whose true Jaccard is >= THRESHOLD, and precision of the
//!     reported pairs (`id`, `duplicate_of`): a reported pair is right when the exact Jaccard of
//!     the two clean bodies' shingle sets is >= THRESHOLD. Only the first LIMIT articles count.
//! ```

use corroborate::copies::dedup::{prepare, DedupConfig};
use corroborate::copies::shingles::{shingle, ShingleSet};
use corroborate::read::{open_streaming, Input, ReadConfig, Streamed};
use std::collections::{BTreeMap, HashMap, HashSet};
use std::io::BufRead;
use std::time::Instant;

fn clean_bodies(path: &str, limit: usize) -> Vec<(String, String)> {
    let Streamed::Jsonl(stream) = open_streaming(&Input::File(path.into()), &ReadConfig::default())
    else {
        eprintln!("{path} is not JSONL");
        std::process::exit(1);
    };
    stream
        .take(limit)
        .filter_map(|r| r.item.ok())
        .filter_map(|d| {
            let text = corroborate::ingest::clean_body(&d).ok()?;
            Some((d.id, text))
        })
        .collect()
}

fn sig(args: &[String]) {
    let n = args.get(3).and_then(|s| s.parse().ok()).unwrap_or(20_000);
    let docs = clean_bodies(&args[2], n);
    let bytes: usize = docs.iter().map(|(_, t)| t.len()).sum();
    let cfg = DedupConfig::default();
    let mut check = 0u64;
    let cpu_start = thread_cpu_ns();
    let start = Instant::now();
    for (_, text) in &docs {
        let p = prepare(text, &cfg);
        check ^= p.fingerprint ^ u64::from(p.signature.map_or(0, |s| s[0]));
    }
    let secs = start.elapsed().as_secs_f64();
    let cpu = thread_cpu_ns()
        .zip(cpu_start)
        .map(|(b, a)| (b - a) as f64 / 1e9);
    println!(
        "{{\"articles\": {}, \"mean_bytes\": {}, \"wall_seconds\": {:.3}, \"cpu_seconds\": {:.3}, \"articles_per_cpu_second\": {:.0}, \"check\": {}}}",
        docs.len(),
        bytes / docs.len().max(1),
        secs,
        cpu.unwrap_or(f64::NAN),
        docs.len() as f64 / cpu.unwrap_or(secs),
        check % 1000
    );
}

/// Time this thread has spent on a CPU (Linux `/proc/thread-self/schedstat`), in nanoseconds:
/// on a shared machine, wall time measures the other users too.
fn thread_cpu_ns() -> Option<u64> {
    let s = std::fs::read_to_string("/proc/thread-self/schedstat").ok()?;
    s.split_whitespace().next()?.parse().ok()
}

fn read_jsonl(path: &str) -> Vec<serde_json::Value> {
    let Ok(f) = std::fs::File::open(path) else {
        eprintln!("cannot open {path}");
        std::process::exit(1);
    };
    std::io::BufReader::new(f)
        .lines()
        .map_while(Result::ok)
        .filter_map(|l| serde_json::from_str(&l).ok())
        .collect()
}

fn field<'a>(v: &'a serde_json::Value, k: &str) -> &'a str {
    v.get(k).and_then(|x| x.as_str()).unwrap_or("")
}

fn eval(args: &[String]) {
    if args.len() < 5 {
        eprintln!("usage: dedup_bench eval CORPUS TRUTH PAIRS [THRESHOLD] [LIMIT]");
        std::process::exit(2);
    }
    let thr: f64 = args.get(5).and_then(|s| s.parse().ok()).unwrap_or(0.8);
    let limit: usize = args
        .get(6)
        .and_then(|s| s.parse().ok())
        .unwrap_or(usize::MAX);
    let docs = clean_bodies(&args[2], limit);
    let pos: HashMap<&str, usize> = docs
        .iter()
        .enumerate()
        .map(|(i, (id, _))| (id.as_str(), i))
        .collect();
    let mut sets: HashMap<usize, ShingleSet> = HashMap::new();
    let mut jac = |a: usize, b: usize| -> f64 {
        for i in [a, b] {
            sets.entry(i)
                .or_insert_with(|| ShingleSet::new(shingle(&docs[i].1, 5).shingles));
        }
        match (sets.get(&a), sets.get(&b)) {
            (Some(x), Some(y)) => x.jaccard(y),
            _ => 0.0,
        }
    };
    let truth = read_jsonl(&args[3]);
    let reported = read_jsonl(&args[4]);
    let mut right = 0usize;
    let mut found: HashSet<String> = HashSet::new();
    let mut wrong_examples = Vec::new();
    for r in &reported {
        let (id, of) = (field(r, "id"), field(r, "duplicate_of"));
        let (Some(&a), Some(&b)) = (pos.get(id), pos.get(of)) else {
            continue;
        };
        let j = jac(a, b);
        if j >= thr {
            right += 1;
            found.insert(id.to_string());
        } else if wrong_examples.len() < 5 {
            wrong_examples.push(format!("{id}~{of}:{j:.3}"));
        }
    }
    let mut per_level: BTreeMap<String, (usize, usize)> = BTreeMap::new();
    let (mut positives, mut hits) = (0usize, 0usize);
    for t in &truth {
        let (id, of) = (field(t, "id"), field(t, "of"));
        let (Some(&a), Some(&b)) = (pos.get(id), pos.get(of)) else {
            continue;
        };
        let j = jac(a, b);
        let hit = found.contains(id);
        let e = per_level.entry(field(t, "level").to_string()).or_default();
        e.0 += 1;
        e.1 += usize::from(hit);
        if j >= thr {
            positives += 1;
            hits += usize::from(hit);
        }
    }
    let levels: Vec<String> = per_level
        .iter()
        .map(|(l, (n, h))| format!("\"{l}\": {:.4}", *h as f64 / (*n).max(1) as f64))
        .collect();
    println!(
        "{{\"articles\": {}, \"reported\": {}, \"precision\": {:.4}, \"positives\": {}, \"recall\": {:.4}, \"found_by_level\": {{{}}}, \"wrong_examples\": {:?}}}",
        docs.len(),
        reported.len(),
        if reported.is_empty() { 1.0 } else { right as f64 / reported.len() as f64 },
        positives,
        hits as f64 / positives.max(1) as f64,
        levels.join(", "),
        wrong_examples
    );
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    match args.get(1).map(String::as_str) {
        Some("sig") if args.len() >= 3 => sig(&args),
        Some("eval") => eval(&args),
        _ => {
            eprintln!(
                "usage: dedup_bench sig CORPUS [N] | eval CORPUS TRUTH PAIRS [THRESHOLD] [LIMIT]"
            );
            std::process::exit(2);
        }
    }
}
