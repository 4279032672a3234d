//! The store verbs end to end: `add` (acknowledgements, duplicates, bad inputs), `stories`,
//! `show`, `serve`'s refusal without a token, and crash safety under `kill -9`.

use corroborate_server::{Store, StoreConfig};
use serde_json::Value;
use std::io::{BufRead, BufReader, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

fn bin() -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_corroborate"));
    c.env_remove("CORROBORATE_DB")
        .env_remove("CORROBORATE_TOKEN");
    c
}

fn seeds() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples/seeds")
}

fn shared() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared")
}

fn run(args: &[&str], db: &Path) -> Output {
    bin()
        .args(args)
        .arg("--db")
        .arg(db)
        .output()
        .expect("the binary runs")
}

fn acks(out: &Output) -> Vec<Value> {
    String::from_utf8_lossy(&out.stdout)
        .lines()
        .map(|l| serde_json::from_str(l).expect("each acknowledgement is a JSON line"))
        .collect()
}

#[test]
fn add_twice_stores_once_and_lists_the_stories() {
    let dir = tempfile::tempdir().expect("tmp");
    let db = dir.path().join("news.db");
    let s = seeds();
    let first = run(&["add", s.to_str().expect("utf-8")], &db);
    assert!(
        first.status.success(),
        "{}",
        String::from_utf8_lossy(&first.stderr)
    );
    let a = acks(&first);
    assert_eq!(a.len(), 5);
    assert!(a.iter().all(|x| x["status"] == "stored"));
    let second = run(&["add", s.to_str().expect("utf-8")], &db);
    assert!(second.status.success());
    let b = acks(&second);
    assert_eq!(b.len(), 5);
    assert!(b.iter().all(|x| x["status"] == "duplicate"));
    assert!(
        String::from_utf8_lossy(&second.stderr).contains("0 article(s) stored, 5 already there")
    );

    let list = run(&["stories", "--json"], &db);
    assert!(list.status.success());
    let page: Value = serde_json::from_slice(&list.stdout).expect("json");
    // The five seeds report one event: one story.
    assert_eq!(page["total"], 1);
    assert_eq!(page["stories"][0]["articles"], 5);
    let first_id = page["stories"][0]["id"].as_str().expect("id").to_string();
    let table = run(&["stories"], &db);
    assert_eq!(String::from_utf8_lossy(&table.stdout).lines().count(), 1);
    let q = run(&["stories", "--json", "--query", "Peskov"], &db);
    let qp: Value = serde_json::from_slice(&q.stdout).expect("json");
    assert_eq!(qp["total"], 1);
    let later = run(&["stories", "--json", "--since", "2100-01-01"], &db);
    assert_eq!(
        serde_json::from_slice::<Value>(&later.stdout).expect("json")["total"],
        0
    );
    let bad = run(&["stories", "--since", "soon"], &db);
    assert_eq!(bad.status.code(), Some(2));

    let show = run(&["show", &first_id], &db);
    assert!(show.status.success());
    let text = String::from_utf8_lossy(&show.stdout);
    assert!(text.starts_with(&first_id) && text.contains("Sources"));
    let js = run(&["show", &first_id, "--json"], &db);
    let v: Value = serde_json::from_slice(&js.stdout).expect("json");
    assert_eq!(v["id"], first_id.as_str());
    assert!(v["relations"].is_array() && v["facts"].is_array() && v["families"].is_array());
    let missing = run(&["show", "s999999"], &db);
    assert_eq!(missing.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&missing.stderr).contains("no story"));
}

#[test]
fn a_bad_input_is_skipped_with_its_reason_and_nothing_else_is_lost() {
    let dir = tempfile::tempdir().expect("tmp");
    let inputs = dir.path().join("in");
    std::fs::create_dir(&inputs).expect("dir");
    std::fs::copy(
        seeds().join("001_f75dff4f46e34731.txt"),
        inputs.join("good.txt"),
    )
    .expect("cp");
    std::fs::write(inputs.join("blob.txt"), [0u8, 159, 146, 150, 0, 1, 2]).expect("w");
    std::fs::write(inputs.join("empty.txt"), b"").expect("w");
    let mut f = std::fs::File::create(inputs.join("feed.jsonl")).expect("w");
    writeln!(f, r#"{{"id": "j1", "text": "First record. It is fine."}}"#).expect("w");
    writeln!(f, "{{broken").expect("w");
    writeln!(f, r#"{{"id": "j3", "title": "no body"}}"#).expect("w");
    writeln!(f, r#"{{"id": "j4", "text": "Fourth record. Also fine."}}"#).expect("w");
    drop(f);
    let db = dir.path().join("s.db");
    let out = run(&["add", inputs.to_str().expect("utf-8")], &db);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let mut ids: Vec<String> = acks(&out)
        .iter()
        .map(|a| a["id"].as_str().unwrap_or("").to_string())
        .collect();
    ids.sort();
    assert_eq!(ids, ["good", "j1", "j4"]);
    let err = String::from_utf8_lossy(&out.stderr);
    for reason in [
        "blob.txt: binary file",
        "empty.txt: empty file",
        "feed.jsonl:2: malformed JSON",
        "feed.jsonl:3: record has no",
    ] {
        assert!(err.contains(reason), "missing {reason:?} in {err}");
    }
    let store = Store::open(&db, &StoreConfig::default()).expect("open");
    assert_eq!(store.articles().expect("all").len(), 3);

    // Nothing readable at all: exit 1, and the store is untouched.
    let junk = dir.path().join("junk.txt");
    std::fs::write(&junk, b"   \n").expect("w");
    let out = run(&["add", junk.to_str().expect("utf-8")], &db);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(store.articles().expect("all").len(), 3);
}

#[test]
fn serve_without_a_token_refuses_and_says_how_to_set_one() {
    let dir = tempfile::tempdir().expect("tmp");
    let out = bin()
        .args(["serve", "--addr", "127.0.0.1:0", "--db"])
        .arg(dir.path().join("s.db"))
        .env("XDG_CONFIG_HOME", dir.path())
        .env("HOME", dir.path())
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("CORROBORATE_TOKEN") && err.contains("--read-only"),
        "{err}"
    );
}

/// 1,000 real articles as JSONL (ecbplus, then newswcl50).
fn thousand(dir: &Path) -> PathBuf {
    let mut lines: Vec<String> = Vec::new();
    for set in ["ecbplus", "newswcl50"] {
        let text = std::fs::read_to_string(shared().join("data").join(set).join("articles.jsonl"))
            .expect("../shared data");
        lines.extend(
            text.lines()
                .filter(|l| !l.trim().is_empty())
                .map(str::to_string),
        );
    }
    assert!(lines.len() >= 1000);
    lines.truncate(1000);
    let p = dir.join("thousand.jsonl");
    std::fs::write(&p, lines.join("\n") + "\n").expect("w");
    p
}

/// Starts `add`, reads acknowledgements until `kill_after` of them (or the end), then kills the
/// process with SIGKILL. Returns the acknowledged ids.
fn add_and_kill(input: &Path, db: &Path, kill_after: usize) -> Vec<String> {
    let mut child = bin()
        .args(["add", "--quiet", "--batch", "16"])
        .arg(input)
        .arg("--db")
        .arg(db)
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("spawns");
    let stdout = child.stdout.take().expect("stdout");
    let mut acked = Vec::new();
    for line in BufReader::new(stdout).lines() {
        let Ok(line) = line else { break };
        let v: Value = serde_json::from_str(&line).expect("json ack");
        acked.push(v["id"].as_str().expect("id").to_string());
        if acked.len() >= kill_after {
            break;
        }
    }
    // SIGKILL: no destructor, no flush, no chance to finish the transaction in flight.
    let _ = child.kill();
    let _ = child.wait();
    acked
}

#[test]
fn kill_9_during_add_loses_nothing_acknowledged_and_leaves_no_dangling_story() {
    let dir = tempfile::tempdir().expect("tmp");
    let input = thousand(dir.path());
    let db = dir.path().join("crash.db");
    let mut acknowledged: Vec<String> = Vec::new();
    // Kill at different points: early, mid-run, late, and after the last acknowledgement (while
    // the stories are being written).
    for kill_after in [1, 130, 377, 600, 811, 1000] {
        acknowledged.extend(add_and_kill(&input, &db, kill_after));
        let store = Store::open(&db, &StoreConfig::default()).expect("the store always opens");
        let check = store.check().expect("check");
        assert!(
            check.sqlite_ok,
            "integrity check failed after kill at {kill_after}"
        );
        assert_eq!(
            check.dangling_rows, 0,
            "foreign keys broken after kill at {kill_after}"
        );
        assert!(check.dangling_ids.is_empty(), "{:?}", check.dangling_ids);
        assert_eq!(
            check.unstoried, 0,
            "placed articles outside every story after kill at {kill_after}"
        );
        for id in &acknowledged {
            assert!(
                store.article(id).expect("reads").is_some(),
                "acknowledged {id} is missing"
            );
        }
    }
    // A last run to the end: every article stored exactly once, every one in a story.
    let out = run(&["add", "--quiet", input.to_str().expect("utf-8")], &db);
    assert!(out.status.success());
    let store = Store::open(&db, &StoreConfig::default()).expect("opens");
    let check = store.check().expect("check");
    assert_eq!(check.articles, 1000);
    assert_eq!((check.pending, check.unstoried), (0, 0));
    assert!(check.dangling_ids.is_empty() && check.dangling_rows == 0);
}
