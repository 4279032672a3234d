//! The web page, served by the same binary with its assets embedded (no CDN): the story list
//! with a search box (`#/`, `#/search/Q`), a story page (`#/story/ID`) that lays out the
//! server's `view` of the story (`corroborate::report::StoryView`: the same sections and words
//! as `analyze --html` and the Markdown brief, with the same style sheet, `brief.css`), and two
//! reports side by side (`#/compare/A/B`, from `GET /api/v1/compare/{a}/{b}`).
//!
//! The page is a static shell; the script fetches the API and builds every element with
//! `textContent` and `setAttribute`, never parsing article text as HTML, and the content security
//! policy ([`CSP`]) allows only this page's own script and styles and requests to its own
//! origin: article text cannot run code and nothing leaves the origin.

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
        .route("/assets/brief.css", get(brief_css))
}

async fn brief_css() -> impl IntoResponse {
    (
        [(header::CONTENT_TYPE, "text/css; charset=utf-8")],
        corroborate::report::STYLE,
    )
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
        // Every fetch stays on the page's origin, and nothing else loads from elsewhere.
        assert!(CSP.contains("default-src 'none'") && CSP.contains("connect-src 'self'"));
    }

    #[test]
    fn the_page_lays_out_the_servers_view_in_the_briefs_order() {
        // The story page's words come from the view (`v.headings`, `fact.support`, ...), not
        // from strings of its own, and its sections follow the brief's order.
        for h in ["disagree", "agree", "single", "families", "reports"] {
            assert!(
                APP_JS.contains(&format!("v.headings.{h}")),
                "app.js does not use the view's heading {h}"
            );
        }
        let order: Vec<usize> = [
            "v.headings.disagree",
            "v.headings.agree",
            "v.headings.single",
            "v.headings.families",
            "v.headings.reports",
        ]
        .iter()
        .filter_map(|h| APP_JS.find(h))
        .collect();
        assert!(order.windows(2).all(|w| w[0] < w[1]), "{order:?}");
        for heading in [
            corroborate::report::view::HEADINGS.disagree,
            corroborate::report::view::HEADINGS.agree,
        ] {
            assert!(!APP_JS.contains(heading), "app.js repeats {heading:?}");
        }
        assert!(INDEX.contains("/assets/brief.css"));
    }

    #[test]
    fn the_story_page_heads_sections_h2_and_cards_h3_under_its_h1() {
        // axe's heading-order: the story title is the page's h1, so its sections are h2 and a
        // conflict card's heading h3 (the HTML report, one level down under its own h1, uses h3
        // and h4); both styled by class, `part` and `what`.
        assert!(!APP_JS.contains("\"h4\"") && !APP_JS.contains("\"h5\""));
        assert_eq!(
            APP_JS
                .matches("el(\"h2\", { class: \"part\" }, v.headings.")
                .count(),
            5
        );
        assert!(APP_JS.contains("el(\"h3\", { class: \"what\" }, fact.about)"));
    }
}
