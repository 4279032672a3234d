//! The service: configuration, the router (API, OpenAPI document, web page) and the run loop.

use crate::api::{self, AppState, Readers};
use crate::auth::Access;
use crate::store::{Store, StoreConfig, StoreError};
use crate::writer::{Writer, WriterConfig};
use crate::{openapi, web};
use axum::extract::DefaultBodyLimit;
use axum::http::{header, HeaderValue};
use axum::routing::get;
use axum::Router;
use corroborate::ReadConfig;
use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::Arc;

/// Server options, with documented defaults.
#[derive(Debug, Clone)]
pub struct ServeConfig {
    /// The store file.
    pub db: PathBuf,
    /// Where to listen (default 127.0.0.1:8080).
    pub addr: SocketAddr,
    /// Who may read and write. Without a token the server is read-only.
    pub access: Access,
    /// Largest request body accepted, in bytes (default 10 MB).
    pub max_body: usize,
    /// Read connections open at once (default 8).
    pub readers: usize,
    /// Connections the kernel may hold waiting to be accepted (default 4,096; Linux caps it
    /// at `net.core.somaxconn`). See [`bind`].
    pub backlog: u32,
    /// The store's options.
    pub store: StoreConfig,
    /// The writer's options.
    pub writer: WriterConfig,
    /// `/healthz` answers 503 when the oldest article not yet placed in a story has waited
    /// longer than this (default 60 s).
    pub max_lag: std::time::Duration,
}

impl ServeConfig {
    /// Defaults for a store at `db`, read-only until a token is set.
    pub fn new(db: PathBuf) -> ServeConfig {
        ServeConfig {
            db,
            addr: SocketAddr::from(([127, 0, 0, 1], 8080)),
            access: Access::default(),
            max_body: 10_000_000,
            readers: 8,
            backlog: 4096,
            store: StoreConfig::default(),
            writer: WriterConfig::default(),
            max_lag: std::time::Duration::from_secs(60),
        }
    }
}

/// Why the server could not run.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum ServeError {
    /// The store could not be opened.
    #[error(transparent)]
    Store(#[from] StoreError),
    /// The address could not be bound, or serving failed.
    #[error("cannot serve on {addr}: {source}")]
    Io {
        /// The address.
        addr: SocketAddr,
        /// The operating system's reason.
        source: std::io::Error,
    },
}

/// Opens the store (creating and migrating it) and builds the application: the router with the
/// writer thread started when a token is set.
pub fn app(cfg: &ServeConfig) -> Result<Router, ServeError> {
    let store = Store::open(&cfg.db, &cfg.store)?;
    let writer = (cfg.access.token.is_some() && !cfg.access.read_only)
        .then(|| Writer::start(store, cfg.writer.clone(), corroborate::Config::default()));
    let state = AppState {
        readers: Arc::new(Readers::new(cfg.db.clone(), cfg.store.clone(), cfg.readers)),
        health: writer.as_ref().map(Writer::health),
        metrics: Arc::new(crate::health::Metrics::default()),
        max_lag: cfg.max_lag,
        writer,
        access: Arc::new(cfg.access.clone()),
        read_cfg: ReadConfig {
            max_bytes: cfg.max_body as u64,
        },
    };
    Ok(router(state, cfg.max_body))
}

/// The routes.
pub fn router(state: AppState, max_body: usize) -> Router {
    let api = Router::new()
        .route("/articles", axum::routing::post(api::post_articles))
        .route("/articles/{id}", get(api::get_article))
        .route("/stories", get(api::list_stories))
        .route("/stories/{id}", get(api::get_story))
        .route("/compare/{a}/{b}", get(api::compare))
        .route("/openapi.json", get(openapi::document));
    Router::new()
        .nest("/api/v1", api)
        .route("/healthz", get(api::healthz))
        .route("/metrics", get(api::metrics))
        .merge(web::routes())
        .route_layer(axum::middleware::from_fn_with_state(
            state.clone(),
            api::track_requests,
        ))
        .fallback(api::not_found)
        .method_not_allowed_fallback(api::method_not_allowed)
        .layer(DefaultBodyLimit::max(max_body))
        .layer(axum::middleware::map_response(security_headers))
        .with_state(state)
}

/// Headers on every answer: no MIME sniffing, no framing, and (for the page) a content
/// security policy that allows only the page's own script and style, so injected markup could
/// not run even if it reached the DOM.
async fn security_headers(mut resp: axum::response::Response) -> axum::response::Response {
    let h = resp.headers_mut();
    h.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    h.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    h.insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static(web::CSP),
    );
    h.insert(
        header::REFERRER_POLICY,
        HeaderValue::from_static("no-referrer"),
    );
    resp
}

/// Binds a listening socket on `addr` with room for `backlog` connections waiting to be
/// accepted. Must be called within a tokio runtime.
///
/// tokio's and the standard library's `bind` ask for 128: a burst of more simultaneous
/// connections (hundreds of clients connecting at once) overflows that queue, the kernel falls
/// back to SYN cookies, and a connection it then cannot queue is answered with a reset
/// ("connection reset by peer" on the client; `ListenOverflows` and `SyncookiesFailed` in
/// `nstat`). Linux caps the backlog at `net.core.somaxconn` (4,096 by default since 5.4).
pub fn bind(addr: SocketAddr, backlog: u32) -> std::io::Result<tokio::net::TcpListener> {
    let socket = if addr.is_ipv4() {
        tokio::net::TcpSocket::new_v4()?
    } else {
        tokio::net::TcpSocket::new_v6()?
    };
    // As tokio's own bind does: a restarted server can bind while old connections linger.
    #[cfg(unix)]
    socket.set_reuseaddr(true)?;
    socket.bind(addr)?;
    socket.listen(backlog)
}

/// Serves on `listener` until `shutdown` resolves; the writer finishes its last refresh as the
/// process ends.
pub async fn serve_on(
    listener: tokio::net::TcpListener,
    app: Router,
    shutdown: impl std::future::Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    axum::serve(listener, app)
        .with_graceful_shutdown(shutdown)
        .await
}

/// Runs the server until Ctrl-C or SIGTERM, printing where it listens on standard error.
pub fn run(cfg: ServeConfig) -> Result<(), ServeError> {
    let io = |source| ServeError::Io {
        addr: cfg.addr,
        source,
    };
    let rt = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .map_err(io)?;
    let app = app(&cfg)?;
    rt.block_on(async {
        let listener = bind(cfg.addr, cfg.backlog).map_err(io)?;
        let local = listener.local_addr().map_err(io)?;
        eprintln!(
            "corroborate: serving {} on http://{local}/ ({})",
            cfg.db.display(),
            if cfg.access.token.is_some() && !cfg.access.read_only {
                "reads open, writes need the token"
            } else {
                "read-only"
            }
        );
        serve_on(listener, app, shutdown_signal()).await.map_err(io)
    })
}

async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let term = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let term = std::future::pending::<()>();
    tokio::select! {
        _ = ctrl_c => {},
        _ = term => {},
    }
}
