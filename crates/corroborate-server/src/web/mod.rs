//! The web page, served by the same binary with its assets embedded (no CDN): the story list
//! with a search box, and a story page with the sources on a timeline, the rewrite families as
//! a graph, the facts table and two reports side by side with their aligned sentences.
//!
//! The page is a static shell; the script fetches the API and builds every element with
//! `textContent` and `setAttribute`, never parsing article text as HTML, and the content security
//! policy ([`CSP`]) allows only this page's own script: article text cannot run code.

use axum::http::header;
use axum::response::IntoResponse;
use axum::routing::get;
use axum::Router;

/// The content security policy sent with every answer.
pub const CSP: &str = "default-src 'none'; script-src 'self'; style-src 'self'; \
    img-src 'self' data:; connect-src 'self'; base-uri 'none'; form-action 'self'; \
    frame-ancestors 'none'";

const INDEX: &str = include_str!("index.html");
const APP_JS: &str = include_str!("app.js");
const STYLE_CSS: &str = include_str!("style.css");

/// The page's routes, for any application state.
pub fn routes<S: Clone + Send + Sync + 'static>() -> Router<S> {
    Router::new()
        .route("/", get(index))
        .route("/assets/app.js", get(app_js))
        .route("/assets/style.css", get(style_css))
}

async fn index() -> impl IntoResponse {
    ([(header::CONTENT_TYPE, "text/html; charset=utf-8")], INDEX)
}

async fn app_js() -> impl IntoResponse {
    (
        [(header::CONTENT_TYPE, "text/javascript; charset=utf-8")],
        APP_JS,
    )
}

async fn style_css() -> impl IntoResponse {
    (
        [(header::CONTENT_TYPE, "text/css; charset=utf-8")],
        STYLE_CSS,
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_script_never_parses_data_as_html() {
        // Every element is built with textContent/createElement; these sinks would parse markup.
        for sink in [
            "innerHTML",
            "outerHTML",
            "insertAdjacentHTML",
            "document.write",
            "eval(",
        ] {
            assert!(!APP_JS.contains(sink), "app.js uses {sink}");
        }
        assert!(
            !INDEX.contains("<script>"),
            "no inline script: the CSP forbids it"
        );
        assert!(CSP.contains("script-src 'self'") && !CSP.contains("unsafe-inline"));
    }
}
