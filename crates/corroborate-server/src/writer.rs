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

use crate::health::Health;
use crate::store::{Added, Store, StoreError};
use corroborate::{Article, Config};
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError, SyncSender};
use std::sync::Arc;
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
    /// After a failed placement, or while articles still wait, placement is tried again this
    /// often even when no write comes (default 5 s).
    pub retry_every: Duration,
}

impl Default for WriterConfig {
    fn default() -> Self {
        WriterConfig {
            max_batch: 1000,
            idle: Duration::from_millis(50),
            refresh_every: Duration::from_secs(1),
            queue: 4096,
            retry_every: Duration::from_secs(5),
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
    health: Arc<Health>,
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
        let health = Arc::new(Health::default());
        match store.reopen() {
            Ok(refresher) => {
                let c = cfg.clone();
                let h = Arc::clone(&health);
                std::thread::Builder::new()
                    .name("corroborate-refresher".into())
                    .spawn(move || refresh_loop(refresher, poked, c, analysis, &h))
                    .map(|_| ())
                    .unwrap_or_else(|e| eprintln!("corroborate: cannot start the refresher: {e}"));
            }
            Err(e) => {
                eprintln!("corroborate: cannot open the store for the refresher: {e}");
                health.failed(format!("cannot open the store for the refresher: {e}"));
            }
        }
        let h = Arc::clone(&health);
        std::thread::Builder::new()
            .name("corroborate-writer".into())
            .spawn(move || run(store, rx, cfg, poke, &h))
            .map(|_| ())
            .unwrap_or_else(|e| eprintln!("corroborate: cannot start the writer: {e}"));
        Writer { tx, health }
    }

    /// Placement's health, as the refresher reports it.
    pub fn health(&self) -> Arc<Health> {
        Arc::clone(&self.health)
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

fn run(
    mut store: Store,
    rx: Receiver<Job>,
    cfg: WriterConfig,
    poke: SyncSender<()>,
    health: &Health,
) {
    while let Ok(first) = rx.recv() {
        let mut n = first.articles.len();
        let mut jobs = vec![first];
        while n < cfg.max_batch {
            match rx.try_recv() {
                Ok(j) => {
                    n = n.saturating_add(j.articles.len());
                    jobs.push(j);
                }
                Err(_) => break,
            }
        }
        if commit(&mut store, jobs) {
            health.committed(Instant::now());
        }
        // Full means a poke is already waiting: that refresh will see this commit too.
        let _ = poke.try_send(());
    }
}

/// Places pending articles: once at the start (left by an earlier run), then after commits,
/// when writes pause for `idle` or `refresh_every` has passed; again every `retry_every` while
/// a placement failed or articles still wait; a last time when the writer stops.
///
/// Supervised: a failed placement, even a panic (a bug, caught here), is logged, counted and
/// told by `/healthz`; the loop goes on, so later articles are still placed.
fn refresh_loop(
    mut store: Store,
    poked: Receiver<()>,
    cfg: WriterConfig,
    analysis: Config,
    health: &Health,
) {
    let refresh = |store: &mut Store| {
        let started = Instant::now();
        match catch_unwind(AssertUnwindSafe(|| store.refresh_stories(&analysis))) {
            Ok(Ok(_)) => {
                // Articles committed after the placement's snapshot still wait.
                let left = store.pending().map_or(true, |n| n > 0);
                health.placed(started, left);
            }
            Ok(Err(e)) => {
                eprintln!("corroborate: placing articles in stories failed: {e}; retrying");
                health.failed(e.to_string());
            }
            Err(payload) => {
                let why = panic_message(payload.as_ref());
                eprintln!(
                    "corroborate: placing articles in stories failed (a bug; please report it): \
                     {why}; the service goes on and retries"
                );
                health.failed(format!("a bug: {why}"));
            }
        }
    };
    // Articles a crashed or stopped run left unplaced have waited since they were stored: the
    // health tells their true age, not zero, until this first placement takes them.
    if let Ok(Some(added)) = store.oldest_pending_added() {
        let waited = chrono::Utc::now()
            .signed_duration_since(added)
            .to_std()
            .unwrap_or_default();
        let now = Instant::now();
        health.committed(now.checked_sub(waited).unwrap_or(now));
    }
    // The tables built at first use are built now, before this process's memory is its data's
    // and its caches' (see `crate::warm`); the health above already tells any wait.
    let _ = catch_unwind(AssertUnwindSafe(|| crate::warm::warm_up(&analysis)));
    refresh(&mut store);
    loop {
        match poked.recv_timeout(cfg.retry_every) {
            Ok(()) => {}
            Err(RecvTimeoutError::Timeout) => {
                if health.needs_retry() {
                    refresh(&mut store);
                }
                continue;
            }
            Err(RecvTimeoutError::Disconnected) => break,
        }
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

/// A panic's message, as far as it has one.
fn panic_message(payload: &(dyn std::any::Any + Send)) -> String {
    payload
        .downcast_ref::<&str>()
        .map(|s| (*s).to_string())
        .or_else(|| payload.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "unknown cause".to_string())
}

/// Commits every job's articles in one transaction and answers each job; true when it
/// committed.
fn commit(store: &mut Store, jobs: Vec<Job>) -> bool {
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
            true
        }
        Err(e) => {
            let msg = store_message(&e);
            for reply in replies {
                let _ = reply.send(Err(msg.clone()));
            }
            false
        }
    }
}

fn store_message(e: &StoreError) -> String {
    format!("the store could not save the articles: {e}")
}
