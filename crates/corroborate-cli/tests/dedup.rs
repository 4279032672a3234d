//! The `dedup` verb, run as a user would: the built binary on files in a temporary directory.

use std::path::{Path, PathBuf};
use std::process::Command;

fn bin() -> Command {
    Command::new(env!("CARGO_BIN_EXE_corroborate"))
}

fn temp_dir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("corroborate-dedup-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("temp dir");
    dir
}

fn seed(prefix: &str) -> String {
    let dir = Path::new(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../../shared/seeds"
    ));
    let entry = std::fs::read_dir(dir)
        .expect("seeds")
        .filter_map(Result::ok)
        .find(|e| e.file_name().to_string_lossy().starts_with(prefix))
        .expect("seed");
    std::fs::read_to_string(entry.path()).expect("seed text")
}

fn lines(stdout: &[u8]) -> Vec<serde_json::Value> {
    String::from_utf8_lossy(stdout)
        .lines()
        .map(|l| serde_json::from_str(l).expect("a JSON line"))
        .collect()
}

/// A corpus file: the seeds, then an exact copy of 000 with page furniture, a copy of 003 with
/// its last paragraph reworded, and a short line; plus a bad line.
fn corpus(dir: &Path) -> PathBuf {
    let mut recs = Vec::new();
    for p in ["000_", "001_", "002_", "003_", "004_"] {
        recs.push(serde_json::json!({"id": p.trim_end_matches('_'), "text": seed(p)}).to_string());
    }
    recs.push("{not json".to_string());
    let copy = format!(
        "{}\n\nShare this:\nRelated posts\nLeave a Reply",
        seed("000_")
    );
    recs.push(serde_json::json!({"id": "copy", "text": copy}).to_string());
    let s3 = seed("003_");
    let mut words: Vec<&str> = s3.split(' ').collect();
    let n = words.len();
    for w in words.iter_mut().skip(n - n / 20) {
        *w = "changed";
    }
    recs.push(serde_json::json!({"id": "near", "text": words.join(" ")}).to_string());
    recs.push(serde_json::json!({"id": "tiny", "text": "Trump and Putin spoke."}).to_string());
    let path = dir.join("corpus.jsonl");
    std::fs::write(&path, recs.join("\n") + "\n").expect("write corpus");
    path
}

#[test]
fn reports_exact_and_near_duplicates_as_json_lines() {
    let dir = temp_dir("basic");
    let path = corpus(&dir);
    let out = bin().arg("dedup").arg(&path).output().expect("run");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let got = lines(&out.stdout);
    assert_eq!(got.len(), 2, "{got:?}");
    assert_eq!(got[0]["id"], "copy");
    assert_eq!(got[0]["duplicate_of"], "000");
    assert_eq!(got[0]["kind"], "exact");
    assert_eq!(got[0]["score"], 1.0);
    assert_eq!(got[1]["id"], "near");
    assert_eq!(got[1]["duplicate_of"], "003");
    assert_eq!(got[1]["kind"], "near_duplicate");
    let score = got[1]["score"].as_f64().expect("score");
    assert!(score > 0.8 && score < 1.0, "{score}");
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("skipped") && err.contains(":6"), "{err}");
    assert!(err.contains("8 article(s)"), "{err}");
    // Same input, same output, byte for byte.
    let again = bin().arg("dedup").arg(&path).output().expect("run");
    assert_eq!(again.stdout, out.stdout);
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn kinds_threshold_and_standard_input() {
    let dir = temp_dir("kinds");
    let path = corpus(&dir);
    let exact = bin()
        .args(["dedup", "--kinds", "exact", "--quiet"])
        .arg(&path)
        .output()
        .expect("run");
    assert!(exact.status.success());
    assert!(exact.stderr.is_empty());
    let got = lines(&exact.stdout);
    assert_eq!(got.len(), 1);
    assert_eq!(got[0]["kind"], "exact");
    let strict = bin()
        .args(["dedup", "--threshold", "0.99", "-q"])
        .arg(&path)
        .output()
        .expect("run");
    assert_eq!(lines(&strict.stdout).len(), 1);
    // From standard input: the earlier text cannot be read again; the estimate decides.
    let data = std::fs::read(&path).expect("read");
    let mut child = bin()
        .args(["dedup", "-", "-q"])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .expect("spawn");
    {
        use std::io::Write;
        let mut stdin = child.stdin.take().expect("stdin");
        stdin.write_all(&data).expect("write stdin");
    }
    let piped = child.wait_with_output().expect("wait");
    assert!(piped.status.success());
    let got = lines(&piped.stdout);
    assert_eq!(got.len(), 2, "{got:?}");
    assert_eq!(got[1]["duplicate_of"], "003");
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn text_files_in_a_directory() {
    let dir = temp_dir("dir");
    std::fs::write(dir.join("a.txt"), seed("001_")).expect("write");
    std::fs::write(dir.join("b.txt"), seed("002_")).expect("write");
    std::fs::write(
        dir.join("c.txt"),
        format!("{}\n\nAdvertisement", seed("001_")),
    )
    .expect("write");
    let out = bin().args(["dedup", "-q"]).arg(&dir).output().expect("run");
    assert!(out.status.success());
    let got = lines(&out.stdout);
    assert_eq!(got.len(), 1, "{got:?}");
    assert_eq!(
        (got[0]["id"].as_str(), got[0]["duplicate_of"].as_str()),
        (Some("c"), Some("a"))
    );
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn usage_errors_exit_2() {
    for args in [
        vec!["dedup", "x", "--kinds", "fuzzy"],
        vec!["dedup", "x", "--threshold", "1.5"],
        vec!["dedup", "-", "-"],
    ] {
        let out = bin().args(&args).output().expect("run");
        assert_eq!(out.status.code(), Some(2), "{args:?}");
    }
    // Nothing readable: exit 1.
    let dir = temp_dir("empty");
    std::fs::write(dir.join("e.jsonl"), "").expect("write");
    let out = bin().args(["dedup", "-q"]).arg(&dir).output().expect("run");
    assert_eq!(out.status.code(), Some(1));
    let _ = std::fs::remove_dir_all(&dir);
}

fn seeds_dir() -> PathBuf {
    Path::new(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../../shared/seeds"
    ))
    .into()
}

#[test]
fn rewrites_of_the_seeds_point_to_the_first_and_separate_reports_are_kept() {
    let out = bin()
        .args(["dedup", "-q", "--kinds", "rewrite"])
        .arg(seeds_dir())
        .output()
        .expect("run");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let got = lines(&out.stdout);
    let pairs: Vec<(&str, &str, &str)> = got
        .iter()
        .map(|l| {
            (
                l["id"].as_str().unwrap_or(""),
                l["duplicate_of"].as_str().unwrap_or(""),
                l["kind"].as_str().unwrap_or(""),
            )
        })
        .collect();
    let short: Vec<(&str, &str, &str)> = pairs
        .iter()
        .map(|(a, b, k)| (&a[..3.min(a.len())], &b[..3.min(b.len())], *k))
        .collect();
    assert_eq!(
        short,
        [("002", "000", "rewrite"), ("004", "000", "rewrite")],
        "{pairs:?}"
    );
    for l in &got {
        let score = l["score"].as_f64().unwrap_or(-1.0);
        assert!(score > 0.0 && score <= 1.0, "{l}");
    }
    // Without --kinds rewrite the paraphrases are not copies.
    let out = bin()
        .args(["dedup", "-q"])
        .arg(seeds_dir())
        .output()
        .expect("run");
    assert!(out.status.success());
    assert!(lines(&out.stdout).is_empty());
}

#[test]
fn repeated_ids_are_renamed_with_a_warning() {
    let dir = temp_dir("ids");
    let text = seed("001_").replace('\n', " ");
    let rec = |id: &str, t: &str| serde_json::json!({"id": id, "text": t}).to_string();
    let other = seed("003_").replace('\n', " ");
    let body = [
        rec("x", &text),
        rec("x", &text),
        rec("x-2", &other),
        rec("x", &other),
    ]
    .join("\n");
    std::fs::write(dir.join("c.jsonl"), body).expect("write");
    let out = bin()
        .args(["dedup", "-q"])
        .arg(dir.join("c.jsonl"))
        .output()
        .expect("run");
    assert!(out.status.success());
    let got = lines(&out.stdout);
    let ids: Vec<(&str, &str)> = got
        .iter()
        .map(|l| {
            (
                l["id"].as_str().unwrap_or(""),
                l["duplicate_of"].as_str().unwrap_or(""),
            )
        })
        .collect();
    // Second "x" is "x-2"; the given "x-2" is taken, so it becomes "x-2-2"; the last "x" is
    // "x-3". Every output id names one record.
    assert_eq!(ids, [("x-2", "x"), ("x-3", "x-2-2")], "{got:?}");
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("renamed \"x-2\""), "{err}");
    assert!(err.contains("renamed \"x-3\""), "{err}");
    let _ = std::fs::remove_dir_all(&dir);
}

/// More records than one batch holds (2048): a copy far from its original is verified on the
/// text read again from the file, and lines skipped or blank on the way keep their numbers.
#[test]
fn copies_of_articles_from_earlier_batches_are_verified_on_the_text() {
    let dir = temp_dir("batches");
    let original = seed("003_").replace('\n', " ");
    let mut words: Vec<String> = original.split(' ').map(str::to_string).collect();
    let n = words.len();
    for w in words.iter_mut().skip(n - n / 20) {
        *w = "changed".to_string();
    }
    let near = words.join(" ");
    let mut recs = vec![serde_json::json!({"id": "original", "text": original}).to_string()];
    for i in 0..3000 {
        // Distinct filler articles, each long enough to be signed.
        let text: String = (0..60).map(|w| format!("f{i}w{w} ")).collect();
        recs.push(serde_json::json!({"id": format!("f{i}"), "text": text}).to_string());
    }
    recs.push(String::new()); // blank: not a record
    recs.push(serde_json::json!({"id": "big", "text": "x".repeat(5000)}).to_string());
    recs.push(serde_json::json!({"id": "near", "text": near}).to_string());
    std::fs::write(dir.join("c.jsonl"), recs.join("\n") + "\n").expect("write");
    let out = bin()
        .args(["dedup", "--max-size", "4500B"])
        .arg(dir.join("c.jsonl"))
        .output()
        .expect("run");
    assert!(out.status.success());
    let got = lines(&out.stdout);
    assert_eq!(got.len(), 1, "{got:?}");
    assert_eq!(got[0]["id"], "near");
    assert_eq!(got[0]["duplicate_of"], "original");
    let score = got[0]["score"].as_f64().unwrap_or(0.0);
    assert!(score > 0.8 && score < 1.0, "{score}");
    let err = String::from_utf8_lossy(&out.stderr);
    // Line 3003 is the one over the limit (3001 records, then a blank line).
    assert!(err.contains("c.jsonl:3003"), "{err}");
    assert!(err.contains("3002 article(s)"), "{err}");
    assert!(
        err.contains("1 verified on the text, 0 on the estimate"),
        "{err}"
    );
    let _ = std::fs::remove_dir_all(&dir);
}
