//! Load client: posts N distinct articles to a running server with C concurrent connections
//! (loopback only), then prints the statuses, the rate and the latency percentiles as JSON.
//!
//! cargo run --release -p corroborate-server --example load_post -- \
//!     --addr 127.0.0.1:8080 --token TOKEN --n 10000 --concurrency 200 --texts articles.jsonl

use std::collections::BTreeMap;
use std::net::SocketAddr;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};
use tokio::io::{AsyncReadExt, AsyncWriteExt};

struct Args {
    addr: SocketAddr,
    token: String,
    n: usize,
    concurrency: usize,
    texts: Vec<String>,
}

fn args() -> Result<Args, String> {
    let mut it = std::env::args().skip(1);
    let (mut addr, mut token, mut n, mut c, mut texts) = (None, None, 10_000, 200, None);
    while let Some(k) = it.next() {
        let mut v = || it.next().ok_or(format!("{k} needs a value"));
        match k.as_str() {
            "--addr" => addr = Some(v()?.parse::<SocketAddr>().map_err(|e| e.to_string())?),
            "--token" => token = Some(v()?),
            "--n" => n = v()?.parse().map_err(|e| format!("--n: {e}"))?,
            "--concurrency" => c = v()?.parse().map_err(|e| format!("--concurrency: {e}"))?,
            "--texts" => texts = Some(v()?),
            other => return Err(format!("unknown argument {other}")),
        }
    }
    let addr = addr.ok_or("--addr is required")?;
    if !addr.ip().is_loopback() {
        return Err("this load client only targets loopback addresses".into());
    }
    let texts = match texts {
        Some(p) => std::fs::read_to_string(&p)
            .map_err(|e| format!("{p}: {e}"))?
            .lines()
            .filter_map(|l| serde_json::from_str::<serde_json::Value>(l).ok())
            .filter_map(|v| v["text"].as_str().map(str::to_string))
            .collect(),
        None => vec!["A short article. It has two sentences.".to_string()],
    };
    if texts.is_empty() {
        return Err("no texts".into());
    }
    Ok(Args {
        addr,
        token: token.ok_or("--token is required")?,
        n,
        concurrency: c.max(1),
        texts,
    })
}

async fn post(addr: SocketAddr, token: &str, body: &[u8]) -> std::io::Result<u16> {
    let mut s = tokio::net::TcpStream::connect(addr).await?;
    let head = format!(
        "POST /api/v1/articles HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n\
         Content-Type: application/json\r\nAuthorization: Bearer {token}\r\nContent-Length: {}\r\n\r\n",
        body.len()
    );
    s.write_all(head.as_bytes()).await?;
    s.write_all(body).await?;
    let mut raw = Vec::new();
    s.read_to_end(&mut raw).await?;
    let line = raw.split(|&b| b == b'\r').next().unwrap_or(&[]);
    let code = std::str::from_utf8(line)
        .ok()
        .and_then(|l| l.split(' ').nth(1))
        .and_then(|c| c.parse().ok())
        .unwrap_or(0);
    Ok(code)
}

#[tokio::main]
async fn main() {
    let a = match args() {
        Ok(a) => Arc::new(a),
        Err(e) => {
            eprintln!("load_post: {e}");
            std::process::exit(2);
        }
    };
    let next = Arc::new(AtomicUsize::new(0));
    let start = Instant::now();
    let mut workers = Vec::new();
    for _ in 0..a.concurrency {
        let (a, next) = (Arc::clone(&a), Arc::clone(&next));
        workers.push(tokio::spawn(async move {
            let mut out: Vec<(u16, Duration)> = Vec::new();
            loop {
                let i = next.fetch_add(1, Ordering::Relaxed);
                if i >= a.n {
                    return out;
                }
                let text = &a.texts[i % a.texts.len()];
                let body = serde_json::json!({
                    "id": format!("load-{i}"),
                    "title": format!("Load article {i}"),
                    "text": format!("{text}\nThis is copy number {i}."),
                    "published": format!("2025-{:02}-{:02}", 1 + i % 12, 1 + i % 28),
                })
                .to_string();
                let t = Instant::now();
                let code = post(a.addr, &a.token, body.as_bytes()).await.unwrap_or(0);
                out.push((code, t.elapsed()));
            }
        }));
    }
    let mut all = Vec::new();
    for w in workers {
        if let Ok(v) = w.await {
            all.extend(v);
        }
    }
    let elapsed = start.elapsed().as_secs_f64();
    let mut statuses: BTreeMap<u16, usize> = BTreeMap::new();
    for (c, _) in &all {
        *statuses.entry(*c).or_default() += 1;
    }
    let mut lat: Vec<f64> = all.iter().map(|(_, d)| d.as_secs_f64() * 1000.0).collect();
    lat.sort_by(|x, y| x.total_cmp(y));
    let pct = |p: f64| {
        lat.get(((lat.len() as f64 - 1.0) * p).round() as usize)
            .copied()
            .unwrap_or(0.0)
    };
    println!(
        "{}",
        serde_json::json!({
            "posted": all.len(),
            "concurrency": a.concurrency,
            "seconds": (elapsed * 100.0).round() / 100.0,
            "posts_per_second": (all.len() as f64 / elapsed).round(),
            "statuses": statuses,
            "latency_ms": {"p50": pct(0.5), "p99": pct(0.99), "max": pct(1.0)},
        })
    );
}
