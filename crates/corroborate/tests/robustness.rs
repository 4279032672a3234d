//! The readers never panic: mutated real inputs (bit flips, truncations, splices, random bytes)
//! in every format all end as documents or skips. A seeded generator keeps it reproducible;
//! `fuzz/` holds the coverage-guided version.

use corroborate::read::{parse_bytes, ReadConfig};
use corroborate::Corpus;
use std::io::Write;

struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        // xorshift64*
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

fn samples() -> Vec<(&'static str, Vec<u8>)> {
    let seed = std::fs::read(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../examples/seeds/002_1b405a6401bc3c4d.txt"
    ))
    .expect("seed 002");
    let html = format!(
        "<html><head><meta charset=\"utf-8\"><title>T</title></head><body><article><p>{}</p>\
         </article></body></html>",
        String::from_utf8_lossy(&seed).replace('\n', "</p><p>")
    )
    .into_bytes();
    let jsonl = format!(
        "{}\n{{\"id\":\"b\",\"html\":{}}}\n",
        serde_json::json!({"id": "a", "text": String::from_utf8_lossy(&seed)}),
        serde_json::Value::from(String::from_utf8_lossy(&html).into_owned())
    )
    .into_bytes();
    let http = format!(
        "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n{}",
        String::from_utf8_lossy(&html)
    );
    let warc = format!(
        "WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: http://x.example/\r\n\
         WARC-Date: 2024-01-02T03:04:05Z\r\nWARC-Record-ID: <urn:uuid:12345678-1234-1234-1234-123456789abc>\r\n\
         Content-Length: {}\r\n\r\n{http}\r\n\r\n",
        http.len()
    )
    .into_bytes();
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    gz.write_all(&jsonl).expect("gzip");
    let gz = gz.finish().expect("gzip");
    vec![
        ("a.txt", seed),
        ("a.html", html),
        ("a.jsonl", jsonl),
        ("a.warc", warc),
        ("a.jsonl.gz", gz),
    ]
}

fn mutate(rng: &mut Rng, input: &[u8]) -> Vec<u8> {
    let mut b = input.to_vec();
    match rng.below(5) {
        0 => {
            for _ in 0..1 + rng.below(8) {
                let i = rng.below(b.len());
                if let Some(x) = b.get_mut(i) {
                    *x ^= 1 << rng.below(8);
                }
            }
        }
        1 => b.truncate(rng.below(b.len() + 1)),
        2 => {
            let at = rng.below(b.len());
            let junk: Vec<u8> = (0..rng.below(64)).map(|_| rng.next() as u8).collect();
            b.splice(at..at, junk);
        }
        3 => {
            let (x, y) = (rng.below(b.len()), rng.below(b.len()));
            let (lo, hi) = (x.min(y), x.max(y));
            b.drain(lo..hi);
        }
        _ => b = (0..rng.below(2048)).map(|_| rng.next() as u8).collect(),
    }
    b
}

#[test]
fn mutated_inputs_never_panic_and_are_all_accounted_for() {
    let cfg = ReadConfig::default();
    let mut rng = Rng(0x5EED_CAFE_F00D_0001);
    let mut outcomes = 0;
    for (name, sample) in samples() {
        // The unmutated sample gives at least one article.
        let mut corpus = Corpus::new();
        corpus.add_outcome(parse_bytes(name, Some(name), &sample, &cfg));
        assert!(!corpus.articles.is_empty(), "{name} gave no article");
        for _ in 0..300 {
            let bytes = mutate(&mut rng, &sample);
            let out = parse_bytes(name, Some(name), &bytes, &cfg);
            let mut corpus = Corpus::new();
            corpus.add_outcome(out);
            // Something is said about every mutated input: an article or a skip.
            assert!(
                !corpus.articles.is_empty() || !corpus.skipped.is_empty(),
                "{name}: silent on {} bytes",
                bytes.len()
            );
            outcomes += 1;
        }
    }
    assert_eq!(outcomes, 1500);
}
