//! The single writer: one thread owns the store's write connection and commits concurrent
//! requests' articles together (group commit); a second thread, the refresher, keeps the
//! stories up to date.
//!
//! A request is answered as soon as the transaction holding its articles has committed: story
//! work never delays it. After a commit the refresher places the new articles as soon as no
//! request has come for [`WriterConfig::idle`], and at least every
//! [`WriterConfig::refresh_every`] while requests keep coming. It computes on a snapshot of the
//! store and takes the write lock only to write the result (see [`Store::refresh_stories`]),
//! so commits go on meanwhile; what they add is placed by the next refresh.

use crate::store::{Added, Store, StoreError};
use corroborate::{Article, Config};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError, SyncSender};
use std::time::{Duration, Instant};
use tokio::sync::oneshot;

/// Writer options, with documented defaults.
#[derive(Debug, Clone)]
pub struct WriterConfig {
    /// Most articles committed in one transaction (default 1,000).
    pub max_batch: usize,
    /// Quiet time after a commit before the stories are refreshed (default 50 ms).
    pub idle: Duration,
    /// Longest time stories may lag behind while writes keep coming (default 1 s).
    pub refresh_every: Duration,
    /// Requests that may wait for the writer before senders block (default 4,096).
    pub queue: usize,
}

impl Default for WriterConfig {
    fn default() -> Self {
        WriterConfig {
            max_batch: 1000,
            idle: Duration::from_millis(50),
            refresh_every: Duration::from_secs(1),
            queue: 4096,
        }
    }
}

type Reply = oneshot::Sender<Result<Vec<Added>, String>>;

struct Job {
    articles: Vec<Article>,
    reply: Reply,
}

/// A handle to send articles to the writer thread.
#[derive(Debug, Clone)]
pub struct Writer {
    tx: SyncSender<Job>,
}

impl std::fmt::Debug for Job {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Job({} articles)", self.articles.len())
    }
}

impl Writer {
    /// Starts the writer thread over `store`, and the refresher over another connection to it.
    /// Both stop when every handle is dropped, the refresher after placing what is pending.
    pub fn start(store: Store, cfg: WriterConfig, analysis: Config) -> Writer {
        let (tx, rx) = mpsc::sync_channel(cfg.queue);
        // One pending poke is enough: a refresh places everything committed before it.
        let (poke, poked) = mpsc::sync_channel(1);
        match store.reopen() {
            Ok(refresher) => {
                let c = cfg.clone();
                std::thread::Builder::new()
                    .name("corroborate-refresher".into())
                    .spawn(move || refresh_loop(refresher, poked, c, analysis))
                    .map(|_| ())
                    .unwrap_or_else(|e| eprintln!("corroborate: cannot start the refresher: {e}"));
            }
            Err(e) => eprintln!("corroborate: cannot open the store for the refresher: {e}"),
        }
        std::thread::Builder::new()
            .name("corroborate-writer".into())
            .spawn(move || run(store, rx, cfg, poke))
            .map(|_| ())
            .unwrap_or_else(|e| eprintln!("corroborate: cannot start the writer: {e}"));
        Writer { tx }
    }

    /// Stores the articles; resolves once their transaction has committed.
    pub async fn add(&self, articles: Vec<Article>) -> Result<Vec<Added>, String> {
        let (reply, rx) = oneshot::channel();
        let tx = self.tx.clone();
        let job = Job { articles, reply };
        // The channel is bounded: wait for room off the async threads.
        tokio::task::spawn_blocking(move || tx.send(job))
            .await
            .map_err(|e| e.to_string())?
            .map_err(|_| "the store's writer has stopped".to_string())?;
        rx.await
            .map_err(|_| "the store's writer has stopped".to_string())?
    }
}

fn run(mut store: Store, rx: Receiver<Job>, cfg: WriterConfig, poke: SyncSender<()>) {
    while let Ok(first) = rx.recv() {
        let mut jobs = vec![first];
        let mut n = jobs[0].articles.len();
        while n < cfg.max_batch {
            match rx.try_recv() {
                Ok(j) => {
                    n += j.articles.len();
                    jobs.push(j);
                }
                Err(_) => break,
            }
        }
        commit(&mut store, jobs);
        // Full means a poke is already waiting: that refresh will see this commit too.
        let _ = poke.try_send(());
    }
}

/// Places pending articles: once at the start (left by an earlier run), then after commits,
/// when writes pause for `idle` or `refresh_every` has passed; a last time when the writer
/// stops.
fn refresh_loop(mut store: Store, poked: Receiver<()>, cfg: WriterConfig, analysis: Config) {
    let refresh = |store: &mut Store| {
        if let Err(e) = store.refresh_stories(&analysis) {
            eprintln!("corroborate: refreshing the stories failed: {e}");
        }
    };
    refresh(&mut store);
    while poked.recv().is_ok() {
        let since = Instant::now();
        loop {
            let left = cfg.refresh_every.saturating_sub(since.elapsed());
            if left.is_zero() {
                break;
            }
            match poked.recv_timeout(cfg.idle.min(left)) {
                Ok(()) => continue,
                Err(RecvTimeoutError::Timeout | RecvTimeoutError::Disconnected) => break,
            }
        }
        refresh(&mut store);
    }
    refresh(&mut store);
}

/// Commits every job's articles in one transaction and answers each job.
fn commit(store: &mut Store, jobs: Vec<Job>) {
    let mut all = Vec::new();
    let mut sizes = Vec::with_capacity(jobs.len());
    let mut replies = Vec::with_capacity(jobs.len());
    for j in jobs {
        sizes.push(j.articles.len());
        all.extend(j.articles);
        replies.push(j.reply);
    }
    match store.add_batch(&all) {
        Ok(added) => {
            let mut it = added.into_iter();
            for (reply, k) in replies.into_iter().zip(sizes) {
                let _ = reply.send(Ok(it.by_ref().take(k).collect()));
            }
        }
        Err(e) => {
            let msg = store_message(&e);
            for reply in replies {
                let _ = reply.send(Err(msg.clone()));
            }
        }
    }
}

fn store_message(e: &StoreError) -> String {
    format!("the store could not save the articles: {e}")
}
