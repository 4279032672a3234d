//! The `corroborate` binary end to end: the seeds, every kind of bad input, exit codes, outputs.

use serde_json::Value;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

fn bin() -> Command {
    Command::new(env!("CARGO_BIN_EXE_corroborate"))
}

fn seeds() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples/seeds")
}

fn run(args: &[&str]) -> Output {
    bin().args(args).output().expect("the binary runs")
}

fn json_report(args: &[&str]) -> Value {
    let mut all = vec!["analyze", "--json", "-", "--quiet"];
    all.extend_from_slice(args);
    let out = run(&all);
    assert!(
        out.status.success(),
        "exit {:?}: {}",
        out.status,
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).expect("the report is JSON")
}

fn article<'a>(report: &'a Value, id: &str) -> &'a Value {
    report["articles"]
        .as_array()
        .and_then(|a| a.iter().find(|x| x["id"] == id))
        .unwrap_or_else(|| panic!("article {id} missing"))
}

fn skipped_kinds(report: &Value) -> Vec<(String, String)> {
    let mut v: Vec<(String, String)> = report["inputs"]["skipped"]
        .as_array()
        .expect("skipped is a list")
        .iter()
        .map(|s| {
            let path = s["path"].as_str().unwrap_or("");
            let name = Path::new(path)
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default();
            (name, s["kind"].as_str().unwrap_or("").to_string())
        })
        .collect();
    v.sort();
    v
}

#[test]
fn seeds_become_five_articles_with_metadata_and_without_furniture() {
    let r = json_report(&[seeds().to_str().expect("utf-8 path")]);
    assert_eq!(r["schema"], 1);
    assert_eq!(r["inputs"]["files"], 5);
    assert_eq!(r["inputs"]["articles"], 5);
    assert_eq!(r["inputs"]["skipped"].as_array().map(Vec::len), Some(0));
    let a002 = article(&r, "002_1b405a6401bc3c4d");
    assert_eq!(a002["published"], "2025-06-08");
    assert_eq!(
        a002["metadata"]["source_id"],
        "F0C369F2-5036-42BB-8EE2-4AEE058CBCF5"
    );
    assert_eq!(
        article(&r, "004_1ed7bb89dee7198b")["title"],
        "Trump Announces Immediate Ukraine War Negotiations After Productive Call with Putin"
    );
    for a in r["articles"].as_array().expect("articles") {
        assert_eq!(a["language"], "en", "{}", a["id"]);
    }
    // "Leave a Reply", the email line and "Related posts".
    assert_eq!(r["inputs"]["removed"]["furniture_lines"], 3);
    // Every article is in exactly one story; every story's ids are articles.
    let ids: Vec<&str> = r["articles"]
        .as_array()
        .expect("articles")
        .iter()
        .filter_map(|a| a["id"].as_str())
        .collect();
    let mut in_stories: Vec<&str> = r["stories"]
        .as_array()
        .expect("stories")
        .iter()
        .flat_map(|s| s["articles"].as_array().into_iter().flatten())
        .filter_map(Value::as_str)
        .collect();
    in_stories.sort();
    let mut sorted_ids = ids.clone();
    sorted_ids.sort();
    assert_eq!(in_stories, sorted_ids);
}

#[test]
fn extract_prints_clean_text_per_article() {
    let out = run(&["extract", "-q", seeds().to_str().expect("utf-8 path")]);
    assert!(out.status.success());
    let lines: Vec<Value> = String::from_utf8_lossy(&out.stdout)
        .lines()
        .map(|l| serde_json::from_str(l).expect("JSON line"))
        .collect();
    assert_eq!(lines.len(), 5);
    for l in &lines {
        for key in [
            "id",
            "title",
            "published",
            "source",
            "url",
            "language",
            "text",
        ] {
            assert!(l.get(key).is_some(), "{key} missing in {l}");
        }
        let text = l["text"].as_str().expect("text");
        assert!(!text.contains("Leave a Reply") && !text.contains("Related posts"));
        assert!(!text.contains("F0C369F2"), "id line left in the body");
    }
}

/// A directory holding one of each kind of bad input, and two good ones.
fn bad_inputs() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    let p = |n: &str| dir.path().join(n);
    std::fs::write(p("good.txt"), "A good article. It has two sentences.").expect("write");
    std::fs::write(p("binary.txt"), b"\x89PNG\r\n\x1a\n\x00\x00\x00IHDR").expect("write");
    std::fs::write(p("empty.txt"), b"").expect("write");
    std::fs::write(p("blank.txt"), b"  \n\t \n").expect("write");
    std::fs::write(
        p("latin1.txt"),
        b"Caf\xe9 owners met on Tuesday. They agreed.",
    )
    .expect("write");
    std::fs::write(
        p("mixed.jsonl"),
        "{\"id\":\"j1\",\"text\":\"First record. Fine.\"}\n{broken\n{\"title\":\"no text\"}\n\
         {\"id\":\"j4\",\"text\":\"Last record. Still read.\"}\n",
    )
    .expect("write");
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    gz.write_all("Some text that will be cut. ".repeat(400).as_bytes())
        .expect("gzip");
    let gz = gz.finish().expect("gzip");
    std::fs::write(p("cut.txt.gz"), &gz[..gz.len() / 2]).expect("write");
    std::fs::write(p("big.txt"), "Big file words. ".repeat(200)).expect("write");
    std::fs::write(
        p("nav.html"),
        "<html><head><title>Menu</title></head><body><nav><a href=/>Home</a></nav></body></html>",
    )
    .expect("write");
    std::os::unix::fs::symlink(".", p("loop")).expect("symlink");
    std::os::unix::fs::symlink("does-not-exist.txt", p("dangling.txt")).expect("symlink");
    dir
}

#[test]
fn every_bad_input_is_skipped_with_its_reason_and_nothing_else_is_lost() {
    let dir = bad_inputs();
    let r = json_report(&["--max-size", "3KB", dir.path().to_str().expect("utf-8")]);
    let ids: Vec<&str> = r["articles"]
        .as_array()
        .expect("articles")
        .iter()
        .filter_map(|a| a["id"].as_str())
        .collect();
    assert_eq!(ids, ["good", "latin1", "j1", "j4"]);
    assert!(article(&r, "latin1")["notes"][0]
        .as_str()
        .is_some_and(|n| n.contains("lossily")));
    let kinds = skipped_kinds(&r);
    let expect = [
        ("big.txt", "too_large"),
        ("binary.txt", "binary"),
        ("blank.txt", "whitespace_only"),
        ("cut.txt.gz", "truncated_gzip"),
        ("dangling.txt", "unreadable"),
        ("empty.txt", "empty"),
        ("loop", "symlink_loop"),
        ("mixed.jsonl", "malformed_json"),
        ("mixed.jsonl", "no_text"),
        ("nav.html", "no_main_text"),
    ];
    let expect: Vec<(String, String)> = expect
        .iter()
        .map(|(a, b)| (a.to_string(), b.to_string()))
        .collect();
    assert_eq!(kinds, expect);
    let lines: Vec<&Value> = r["inputs"]["skipped"]
        .as_array()
        .expect("skipped")
        .iter()
        .filter(|s| {
            s["path"]
                .as_str()
                .is_some_and(|p| p.ends_with("mixed.jsonl"))
        })
        .map(|s| &s["line"])
        .collect();
    assert_eq!(lines, [&Value::from(2), &Value::from(3)]);
    assert_eq!(r["inputs"]["skipped_by_kind"]["malformed_json"], 1);
}

#[test]
fn skips_are_told_on_stderr_one_line_each() {
    let dir = bad_inputs();
    let out = run(&[
        "analyze",
        dir.path().to_str().expect("utf-8"),
        "--json",
        "-",
    ]);
    assert!(out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("binary.txt: binary file"), "{err}");
    assert!(err.contains("mixed.jsonl:2: malformed JSON line"), "{err}");
    assert!(!err.contains("panicked"));
}

#[test]
fn nothing_readable_exits_1_with_one_line() {
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::write(dir.path().join("e.txt"), b"").expect("write");
    let out = run(&["analyze", "-q", dir.path().to_str().expect("utf-8")]);
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(
        err.starts_with("corroborate: error: nothing readable"),
        "{err}"
    );
    let out = run(&["analyze", "-q", "/no/such/path"]);
    assert_eq!(out.status.code(), Some(1));
}

#[test]
fn bad_usage_exits_2() {
    assert_eq!(run(&["analyze"]).status.code(), Some(2));
    assert_eq!(run(&["analyze", "x", "--bogus"]).status.code(), Some(2));
    assert_eq!(run(&["frobnicate"]).status.code(), Some(2));
    let s = seeds();
    let s = s.to_str().expect("utf-8");
    let out = run(&["analyze", s, "--json", "-", "--html", "-"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("only one of"));
    assert_eq!(
        run(&["analyze", s, "--max-size", "lots"]).status.code(),
        Some(2)
    );
}

#[test]
fn unwritable_output_exits_1_and_names_it() {
    let s = seeds();
    let out = run(&[
        "analyze",
        "-q",
        s.to_str().expect("utf-8"),
        "--json",
        "/no/such/dir/r.json",
    ]);
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("cannot write /no/such/dir/r.json"), "{err}");
    assert_eq!(err.lines().count(), 1);
}

#[test]
fn standard_input_is_read_and_sniffed() {
    let mut child = bin()
        .args(["analyze", "-", "--json", "-", "-q"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .expect("spawn");
    child
        .stdin
        .take()
        .expect("stdin")
        .write_all(b"{\"id\":\"x1\",\"text\":\"From a pipe. Read fine.\",\"source\":\"Wire\"}\n")
        .expect("write stdin");
    let out = child.wait_with_output().expect("wait");
    assert!(out.status.success());
    let r: Value = serde_json::from_slice(&out.stdout).expect("json");
    assert_eq!(r["articles"][0]["id"], "x1");
    assert_eq!(r["articles"][0]["source"], "Wire");
    assert_eq!(r["articles"][0]["path"], "-");
}

#[test]
fn outputs_are_byte_identical_across_runs_and_files_are_written() {
    let dir = tempfile::tempdir().expect("temp dir");
    let s = seeds();
    let s = s.to_str().expect("utf-8");
    let mut outs = Vec::new();
    for n in 0..2 {
        let j = dir.path().join(format!("r{n}.json"));
        let m = dir.path().join(format!("r{n}.md"));
        let h = dir.path().join(format!("r{n}.html"));
        let out = bin()
            .args(["analyze", "-q", s, "--json"])
            .arg(&j)
            .arg("--markdown")
            .arg(&m)
            .arg("--html")
            .arg(&h)
            .output()
            .expect("runs");
        assert!(out.status.success());
        assert!(
            out.stdout.is_empty(),
            "nothing on stdout when files are named"
        );
        outs.push([j, m, h].map(|p| std::fs::read(p).expect("output written")));
    }
    assert_eq!(outs[0], outs[1]);
    let html = String::from_utf8_lossy(&outs[0][2]);
    assert!(html.starts_with("<!DOCTYPE html>") && !html.contains("<script"));
}

#[test]
fn html_report_escapes_article_text() {
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::write(
        dir.path().join("a.jsonl"),
        "{\"id\":\"x<script>alert(1)</script>\",\"title\":\"<img src=x onerror=alert(1)>\",\
         \"text\":\"Body. More body.\"}\n",
    )
    .expect("write");
    let out = run(&[
        "analyze",
        "-q",
        dir.path().to_str().expect("utf-8"),
        "--html",
        "-",
    ]);
    assert!(out.status.success());
    let html = String::from_utf8_lossy(&out.stdout);
    assert!(
        !html.contains("<script>") && !html.contains("<img"),
        "{html}"
    );
    assert!(html.contains("&lt;script&gt;"));
}

#[test]
fn warc_gz_html_responses_are_read() {
    let dir = tempfile::tempdir().expect("temp dir");
    let body = "<html><head><title>Quake hits coast</title></head><body><article>\
                <h1>Quake hits coast</h1><p>A strong earthquake struck the coast on Tuesday, \
                officials said, damaging dozens of buildings and cutting power to thousands of \
                homes across the region.</p><p>Rescue teams searched the rubble through the \
                night, and the regional governor said at least twelve people were injured.</p>\
                </article></body></html>";
    let http = format!("HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n{body}");
    let rec = format!(
        "WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: http://n.example/quake\r\n\
         WARC-Date: 2024-01-02T03:04:05Z\r\nWARC-Record-ID: <urn:uuid:12345678-1234-1234-1234-123456789abc>\r\n\
         Content-Length: {}\r\n\r\n{http}\r\n\r\n",
        http.len()
    );
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    gz.write_all(rec.as_bytes()).expect("gzip");
    std::fs::write(dir.path().join("crawl.warc.gz"), gz.finish().expect("gzip")).expect("write");
    let r = json_report(&[dir.path().to_str().expect("utf-8")]);
    let a = article(&r, "crawl-1");
    assert_eq!(a["url"], "http://n.example/quake");
    assert_eq!(a["title"], "Quake hits coast");
    assert!(a["words"].as_u64().is_some_and(|w| w > 20));
}

#[test]
fn help_teaches_the_verbs() {
    let out = run(&["--help"]);
    let help = String::from_utf8_lossy(&out.stdout);
    for verb in ["analyze", "extract"] {
        assert!(help.contains(verb), "{help}");
    }
    let out = run(&["analyze", "--help"]);
    let help = String::from_utf8_lossy(&out.stdout);
    assert!(
        help.contains("--max-size") && help.contains("Examples"),
        "{help}"
    );
}

/// A bad story option is a usage error (exit 2, one line naming the option), given before any
/// input is read.
#[test]
fn bad_story_options_fail_before_reading() {
    let seeds = seeds();
    let seeds = seeds.to_str().expect("utf-8 path");
    for (flag, value) in [
        ("--story-threshold", "1.5"),
        ("--story-merge", "-0.1"),
        ("--story-neighbors", "0"),
        ("--story-decay", "-3"),
        ("--story-silence", "-1"),
        ("--story-embedding-weight", "2"),
    ] {
        let arg = format!("{flag}={value}");
        let out = run(&["analyze", seeds, &arg]);
        assert_eq!(out.status.code(), Some(2), "{flag} {value}");
        let err = String::from_utf8_lossy(&out.stderr);
        let lines: Vec<&str> = err.lines().collect();
        assert_eq!(lines.len(), 1, "{flag} {value}: {err}");
        assert!(lines[0].contains(flag), "{flag} {value}: {err}");
    }
}
