//! The HTTP API, version 1: handlers for articles, stories and health, with JSON errors.
//!
//! Routes (see `openapi.json` for the full description):
//! `POST /api/v1/articles`, `GET /api/v1/stories`, `GET /api/v1/stories/{id}`,
//! `GET /api/v1/articles/{id}`, `GET /api/v1/openapi.json`, `GET /healthz`.

use crate::auth::{Access, Verdict};
use crate::health::{Health, Metrics};
use crate::intake::{self, BodyKind, BodyMeta};
use crate::store::{AddStatus, Store, StoreConfig, StoreError, StoryQuery};
use crate::writer::Writer;
use axum::body::Bytes;
use axum::extract::rejection::{BytesRejection, QueryRejection};
use axum::extract::{Path, Query, State};
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use corroborate::report::ArticleEntry;
use corroborate::ReadConfig;
use serde::{Deserialize, Serialize};
use std::path::PathBuf;
use std::sync::{Arc, Mutex};
use tokio::sync::Semaphore;

/// An error answered as JSON: `{"status": 404, "error": "not_found", "message": "…"}`.
#[derive(Debug)]
pub struct ApiError {
    /// HTTP status.
    pub status: StatusCode,
    /// What went wrong, for people.
    pub message: String,
    /// Extra details (e.g. the skipped records and their reasons).
    pub details: Option<serde_json::Value>,
}

impl ApiError {
    /// An error with a status and a message.
    pub fn new(status: StatusCode, message: impl Into<String>) -> ApiError {
        ApiError {
            status,
            message: message.into(),
            details: None,
        }
    }

    fn internal(e: impl std::fmt::Display) -> ApiError {
        ApiError::new(StatusCode::INTERNAL_SERVER_ERROR, e.to_string())
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let code = self
            .status
            .canonical_reason()
            .unwrap_or("error")
            .to_ascii_lowercase()
            .replace(' ', "_");
        let mut body = serde_json::json!({
            "status": self.status.as_u16(),
            "error": code,
            "message": self.message,
        });
        if let Some(d) = self.details {
            set(&mut body, "details", d);
        }
        let mut resp = (self.status, Json(body)).into_response();
        if self.status == StatusCode::UNAUTHORIZED {
            resp.headers_mut().insert(
                header::WWW_AUTHENTICATE,
                header::HeaderValue::from_static("Bearer"),
            );
        }
        resp
    }
}

/// Sets a field of a JSON object (`value[key] = x` without its panic when `value` is not an
/// object; every caller passes one it built).
fn set(value: &mut serde_json::Value, key: &str, x: serde_json::Value) {
    if let Some(o) = value.as_object_mut() {
        o.insert(key.to_string(), x);
    }
}

impl From<StoreError> for ApiError {
    fn from(e: StoreError) -> Self {
        ApiError::internal(e)
    }
}

/// Read connections, at most `limit` open at once, reused between requests.
#[derive(Debug)]
pub struct Readers {
    path: PathBuf,
    cfg: StoreConfig,
    idle: Mutex<Vec<Store>>,
    permits: Semaphore,
}

impl Readers {
    /// A pool over the store at `path`.
    pub fn new(path: PathBuf, cfg: StoreConfig, limit: usize) -> Readers {
        Readers {
            path,
            cfg,
            idle: Mutex::new(Vec::new()),
            permits: Semaphore::new(limit.max(1)),
        }
    }

    /// Runs `f` with a read connection, off the async threads.
    pub async fn with<T: Send + 'static>(
        self: &Arc<Self>,
        f: impl FnOnce(&Store) -> Result<T, StoreError> + Send + 'static,
    ) -> Result<T, ApiError> {
        let _permit = self.permits.acquire().await.map_err(ApiError::internal)?;
        let pool = Arc::clone(self);
        tokio::task::spawn_blocking(move || {
            let taken = pool.idle.lock().ok().and_then(|mut v| v.pop());
            let store = match taken {
                Some(s) => s,
                None => Store::open_reader(&pool.path, &pool.cfg)?,
            };
            let out = f(&store);
            if let Ok(mut v) = pool.idle.lock() {
                v.push(store);
            }
            out
        })
        .await
        .map_err(ApiError::internal)?
        .map_err(ApiError::from)
    }
}

/// What the handlers share.
#[derive(Debug, Clone)]
pub struct AppState {
    /// Read connections.
    pub readers: Arc<Readers>,
    /// The writer, unless the server is read-only.
    pub writer: Option<Writer>,
    /// Who may read and write.
    pub access: Arc<Access>,
    /// How posted bodies are read.
    pub read_cfg: ReadConfig,
    /// Placement's health (with the writer).
    pub health: Option<Arc<Health>>,
    /// Counters and latencies for `/metrics`.
    pub metrics: Arc<Metrics>,
    /// `/healthz` fails when placement lags more than this.
    pub max_lag: std::time::Duration,
}

fn authorization(headers: &HeaderMap) -> Option<&str> {
    headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
}

fn verdict_error(v: Verdict) -> Result<(), ApiError> {
    match v {
        Verdict::Allowed => Ok(()),
        Verdict::Unauthorized => Err(ApiError::new(
            StatusCode::UNAUTHORIZED,
            "a valid bearer token is required (Authorization: Bearer TOKEN)",
        )),
        Verdict::ReadOnly => Err(ApiError::new(
            StatusCode::FORBIDDEN,
            "this server is read-only; start it with a token (CORROBORATE_TOKEN or --token) to accept articles",
        )),
    }
}

/// Checks read access.
pub fn can_read(state: &AppState, headers: &HeaderMap) -> Result<(), ApiError> {
    verdict_error(state.access.read(authorization(headers)))
}

/// `GET /healthz`: 200 and `"status": "ok"` when the store answers and placement works and
/// keeps up; else 503 with `"status": "failing"` and the `reason`.
pub async fn healthz(State(state): State<AppState>) -> Response {
    let schema = match state.readers.with(|s| s.schema_version()).await {
        Ok(v) => v,
        Err(e) => {
            return (
                StatusCode::SERVICE_UNAVAILABLE,
                Json(serde_json::json!({
                    "status": "failing",
                    "reason": format!("the store does not answer: {}", e.message),
                })),
            )
                .into_response()
        }
    };
    let verdict = state
        .health
        .as_ref()
        .map(|h| h.verdict(std::time::Instant::now(), state.max_lag));
    let mut body = serde_json::json!({
        "status": "ok",
        "schema": schema,
        "writes": state.writer.is_some(),
    });
    let mut code = StatusCode::OK;
    if let Some(v) = verdict {
        set(
            &mut body,
            "oldest_pending_seconds",
            serde_json::json!(v.oldest_pending.map_or(0.0, |d| d.as_secs_f64())),
        );
        set(
            &mut body,
            "placement_errors",
            serde_json::json!(v.placement_errors),
        );
        if let Some(reason) = v.reason {
            set(&mut body, "status", serde_json::json!("failing"));
            set(&mut body, "reason", serde_json::json!(reason));
            code = StatusCode::SERVICE_UNAVAILABLE;
        }
    }
    (code, Json(body)).into_response()
}

/// `GET /metrics`: Prometheus (OpenMetrics) text: articles stored and pending, the oldest
/// pending age, placement errors, and requests and latency by route.
pub async fn metrics(State(state): State<AppState>) -> Result<Response, ApiError> {
    let (articles, pending) = state
        .readers
        .with(|s| Ok((s.article_count()?, s.pending()?)))
        .await?;
    let verdict = state.health.as_ref().map_or(
        crate::health::Verdict {
            ok: true,
            reason: None,
            oldest_pending: None,
            placement_errors: 0,
        },
        |h| h.verdict(std::time::Instant::now(), state.max_lag),
    );
    let text = state.metrics.render(articles, pending, &verdict);
    Ok((
        [(
            header::CONTENT_TYPE,
            "application/openmetrics-text; version=1.0.0; charset=utf-8",
        )],
        text,
    )
        .into_response())
}

/// Counts each answered request and its time, by method, route pattern and status class.
pub async fn track_requests(
    State(state): State<AppState>,
    req: axum::extract::Request,
    next: axum::middleware::Next,
) -> Response {
    let started = std::time::Instant::now();
    let method = req.method().to_string();
    let route = req
        .extensions()
        .get::<axum::extract::MatchedPath>()
        .map_or_else(|| "other".to_string(), |p| p.as_str().to_string());
    let resp = next.run(req).await;
    let labels = crate::health::RouteLabels {
        method,
        route,
        status: format!("{}xx", resp.status().as_u16() / 100),
    };
    state.metrics.requests.get_or_create(&labels).inc();
    state
        .metrics
        .latency
        .get_or_create(&labels)
        .observe(started.elapsed().as_secs_f64());
    resp
}

/// The answer to a successful `POST /api/v1/articles`.
#[derive(Debug, Serialize)]
pub struct PostResponse {
    /// One entry per article, in the order posted.
    pub articles: Vec<crate::store::Added>,
}

/// `POST /api/v1/articles`: a JSON object (the JSONL input contract), a JSON array of them,
/// NDJSON, or an HTML or text body with its metadata in the query (`url`, `id`, `title`, …).
/// All or nothing: when any record is bad, the answer is 422 with the reasons and nothing is
/// stored.
pub async fn post_articles(
    State(state): State<AppState>,
    headers: HeaderMap,
    meta: Result<Query<BodyMeta>, QueryRejection>,
    body: Result<Bytes, BytesRejection>,
) -> Result<Response, ApiError> {
    verdict_error(state.access.write(authorization(&headers)))?;
    let Some(writer) = state.writer.clone() else {
        return Err(verdict_error(Verdict::ReadOnly)
            .err()
            .unwrap_or_else(|| ApiError::new(StatusCode::FORBIDDEN, "read-only")));
    };
    let body = body.map_err(|r| {
        let msg = if r.status() == StatusCode::PAYLOAD_TOO_LARGE {
            "the body is larger than the server's limit (--max-body)".to_string()
        } else {
            r.body_text()
        };
        ApiError::new(r.status(), msg)
    })?;
    let Query(meta) = meta.map_err(|r| ApiError::new(StatusCode::BAD_REQUEST, r.body_text()))?;
    let ctype = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("")
        .split(';')
        .next()
        .unwrap_or("")
        .trim()
        .to_ascii_lowercase();
    let cfg = state.read_cfg.clone();
    let intake = match ctype.as_str() {
        "application/x-ndjson" | "application/jsonl" | "application/jsonlines" => {
            let out = corroborate::read::parse_bytes("request", Some("posted.jsonl"), &body, &cfg);
            Ok(intake::from_outcome(out))
        }
        t if t == "application/json" || t.ends_with("+json") => {
            intake::from_body(BodyKind::Json, &body, &meta, &cfg)
        }
        "text/html" | "application/xhtml+xml" => intake::from_body(BodyKind::Html, &body, &meta, &cfg),
        "text/plain" => intake::from_body(BodyKind::Text, &body, &meta, &cfg),
        other => {
            return Err(ApiError::new(
                StatusCode::UNSUPPORTED_MEDIA_TYPE,
                format!(
                    "unsupported Content-Type {other:?}: send application/json (an article per the \
                     JSONL input contract, or an array), application/x-ndjson, text/html or text/plain"
                ),
            ))
        }
    };
    let intake = intake.map_err(|e| ApiError::new(StatusCode::BAD_REQUEST, e.to_string()))?;
    if !intake.skipped.is_empty() || intake.articles.is_empty() {
        let reasons: Vec<serde_json::Value> = intake
            .skipped
            .iter()
            .map(|s| serde_json::json!({"record": s.line, "reason": s.reason.to_string(), "kind": s.reason.kind()}))
            .collect();
        let first = intake
            .skipped
            .first()
            .map_or("the body holds no article".to_string(), |s| {
                s.reason.to_string()
            });
        let mut e = ApiError::new(
            StatusCode::UNPROCESSABLE_ENTITY,
            format!("not stored: {first}"),
        );
        e.details = Some(serde_json::json!({ "skipped": reasons }));
        return Err(e);
    }
    let added = writer
        .add(intake.articles)
        .await
        .map_err(|m| ApiError::new(StatusCode::SERVICE_UNAVAILABLE, m))?;
    let status = if added.iter().any(|a| a.status == AddStatus::Stored) {
        StatusCode::CREATED
    } else {
        StatusCode::OK
    };
    Ok((status, Json(PostResponse { articles: added })).into_response())
}

/// Query parameters of `GET /api/v1/stories`.
#[derive(Debug, Deserialize)]
pub struct StoriesParams {
    /// Stories seen on or after this day (YYYY-MM-DD).
    pub since: Option<String>,
    /// Stories that began on or before this day (YYYY-MM-DD).
    pub until: Option<String>,
    /// Words that must all occur in one of the story's articles.
    pub q: Option<String>,
    /// Page size (default 50, 1 to 1000).
    pub limit: Option<usize>,
    /// Stories to skip.
    pub offset: Option<usize>,
}

/// A day given as `YYYY-MM-DD` (RFC 3339's full-date, as the document's `format: date` says);
/// an empty value is no filter (an HTML form sends empty fields).
fn day(name: &str, v: Option<&str>) -> Result<Option<chrono::NaiveDate>, ApiError> {
    let Some(s) = v.filter(|s| !s.is_empty()) else {
        return Ok(None);
    };
    let shaped = s.len() == 10
        && s.bytes().enumerate().all(|(i, b)| {
            if i == 4 || i == 7 {
                b == b'-'
            } else {
                b.is_ascii_digit()
            }
        });
    shaped
        .then(|| chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d").ok())
        .flatten()
        .map(Some)
        .ok_or_else(|| {
            ApiError::new(
                StatusCode::BAD_REQUEST,
                format!("{name}={s:?} is not a date (use YYYY-MM-DD)"),
            )
        })
}

/// The largest page.
const MAX_LIMIT: usize = 1000;

/// `GET /api/v1/stories`: newest first, paged, filtered by dates and words.
pub async fn list_stories(
    State(state): State<AppState>,
    headers: HeaderMap,
    params: Result<Query<StoriesParams>, QueryRejection>,
) -> Result<Json<serde_json::Value>, ApiError> {
    can_read(&state, &headers)?;
    let Query(p) = params.map_err(|r| ApiError::new(StatusCode::BAD_REQUEST, r.body_text()))?;
    let q = StoryQuery {
        since: day("since", p.since.as_deref())?,
        until: day("until", p.until.as_deref())?,
        text: p.q.filter(|s| !s.trim().is_empty()),
        limit: match p.limit {
            None => 50,
            Some(n @ 1..=MAX_LIMIT) => n,
            Some(n) => {
                return Err(ApiError::new(
                    StatusCode::BAD_REQUEST,
                    format!("limit={n} is out of range (1 to {MAX_LIMIT})"),
                ))
            }
        },
        offset: p.offset.unwrap_or(0),
    };
    let page = state.readers.with(move |s| s.stories(&q)).await?;
    let next = page.offset.saturating_add(page.stories.len());
    let mut v = serde_json::to_value(&page).map_err(ApiError::internal)?;
    set(
        &mut v,
        "next_offset",
        if next < page.total {
            next.into()
        } else {
            serde_json::Value::Null
        },
    );
    Ok(Json(v))
}

/// A story as served: the report's story object, its articles' entries, and the reader's view
/// of it (`corroborate::report::StoryView`, the words the page shows, the same as `analyze
/// --html` and the Markdown brief).
#[derive(Debug, Serialize)]
pub struct StoryAnswer {
    /// The story object and its articles' entries.
    #[serde(flatten)]
    pub detail: crate::store::StoryDetail,
    /// The reader's view (at most `MAX_FACTS` facts shown, the rest in `more`).
    pub view: corroborate::report::StoryView,
}

/// `GET /api/v1/stories/{id}`: the report's story object with its articles' entries and the
/// reader's view.
pub async fn get_story(
    State(state): State<AppState>,
    headers: HeaderMap,
    Path(id): Path<String>,
) -> Result<Json<StoryAnswer>, ApiError> {
    can_read(&state, &headers)?;
    let wanted = id.clone();
    let detail = state
        .readers
        .with(move |s| s.story(&wanted))
        .await?
        .ok_or_else(|| ApiError::new(StatusCode::NOT_FOUND, format!("no story {id:?}")))?;
    let view = corroborate::report::StoryView::from_json(
        &detail.story,
        &detail.article_entries,
        Some(corroborate::report::MAX_FACTS),
    )
    .map_err(ApiError::internal)?;
    Ok(Json(StoryAnswer { detail, view }))
}

/// The report's aligned sentence pairs for `a` and `b` (in that order), when their story has a
/// relation between them.
fn evidence_of(story: &serde_json::Value, a: &str, b: &str) -> Option<Vec<(usize, usize)>> {
    let rels = story.get("relations")?.as_array()?;
    rels.iter().find_map(|r| {
        let (ra, rb) = (r.get("a")?.as_str()?, r.get("b")?.as_str()?);
        let flip = if (ra, rb) == (a, b) {
            false
        } else if (ra, rb) == (b, a) {
            true
        } else {
            return None;
        };
        let pairs = r
            .get("evidence")?
            .as_array()?
            .iter()
            .filter_map(|e| {
                let x = usize::try_from(e.get("a_sentence")?.as_u64()?).ok()?;
                let y = usize::try_from(e.get("b_sentence")?.as_u64()?).ok()?;
                Some(if flip { (y, x) } else { (x, y) })
            })
            .collect();
        Some(pairs)
    })
}

/// `GET /api/v1/compare/{a}/{b}`: two articles side by side, their sentences aligned (the
/// report's evidence when their story relates them, else lexically).
pub async fn compare(
    State(state): State<AppState>,
    headers: HeaderMap,
    Path((a, b)): Path<(String, String)>,
) -> Result<Json<corroborate::report::compare::Comparison>, ApiError> {
    can_read(&state, &headers)?;
    let (qa, qb) = (a.clone(), b.clone());
    let found = state
        .readers
        .with(move |s| {
            let (Some(x), Some(y)) = (s.article(&qa)?, s.article(&qb)?) else {
                return Ok(Err(if s.article(&qa)?.is_none() { qa } else { qb }));
            };
            let shared = match (s.story_of(&qa)?, s.story_of(&qb)?) {
                (Some(p), Some(q)) if p == q => Some(p),
                _ => None,
            };
            let story = match &shared {
                Some(p) => s.story(p)?,
                None => None,
            };
            let evidence = story.and_then(|d| evidence_of(&d.story, &qa, &qb));
            let mut c = corroborate::report::compare::compare(&x, &y, evidence.as_deref());
            c.story = shared;
            Ok(Ok(c))
        })
        .await?;
    found
        .map(Json)
        .map_err(|missing| ApiError::new(StatusCode::NOT_FOUND, format!("no article {missing:?}")))
}

/// An article as served: its report entry, its clean text and sentences, and its story.
#[derive(Debug, Serialize)]
pub struct ArticleView {
    /// The report's entry (id, title, source, url, published, language, words, …).
    #[serde(flatten)]
    pub entry: ArticleEntry,
    /// The clean body.
    pub text: String,
    /// The body's sentences, in order (evidence indices point into this list).
    pub sentence_texts: Vec<String>,
    /// The story it belongs to, once assigned.
    pub story: Option<String>,
}

/// `GET /api/v1/articles/{id}`.
pub async fn get_article(
    State(state): State<AppState>,
    headers: HeaderMap,
    Path(id): Path<String>,
) -> Result<Json<ArticleView>, ApiError> {
    can_read(&state, &headers)?;
    let wanted = id.clone();
    let found = state
        .readers
        .with(move |s| {
            let Some(a) = s.article(&wanted)? else {
                return Ok(None);
            };
            let story = s.story_of(&wanted)?;
            Ok(Some(ArticleView {
                entry: ArticleEntry::from_article(&a),
                sentence_texts: a.sentence_texts().map(str::to_string).collect(),
                text: a.text,
                story,
            }))
        })
        .await?;
    found
        .map(Json)
        .ok_or_else(|| ApiError::new(StatusCode::NOT_FOUND, format!("no article {id:?}")))
}

/// The JSON 404 for paths that are not routes.
pub async fn not_found() -> ApiError {
    ApiError::new(
        StatusCode::NOT_FOUND,
        "no such route; the API is described at /api/v1/openapi.json",
    )
}

/// The JSON 405 for routes called with another method.
pub async fn method_not_allowed() -> ApiError {
    ApiError::new(
        StatusCode::METHOD_NOT_ALLOWED,
        "method not allowed on this route",
    )
}
