//! The OpenAPI 3.1 document of the HTTP API, served at `/api/v1/openapi.json`. Written by hand
//! in `openapi.json` (next to this file) and checked against the router by the API tests.

use axum::http::header;
use axum::response::IntoResponse;

/// The document's text.
pub const DOCUMENT: &str = include_str!("openapi.json");

/// `GET /api/v1/openapi.json`.
pub async fn document() -> impl IntoResponse {
    ([(header::CONTENT_TYPE, "application/json")], DOCUMENT)
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_document_is_json_and_names_every_route() {
        let v: serde_json::Value = serde_json::from_str(super::DOCUMENT).expect("valid JSON");
        assert!(v["openapi"].as_str().unwrap_or("").starts_with("3."));
        for p in [
            "/api/v1/articles",
            "/api/v1/articles/{id}",
            "/api/v1/stories",
            "/api/v1/stories/{id}",
            "/api/v1/openapi.json",
            "/healthz",
        ] {
            assert!(v["paths"].get(p).is_some(), "{p} is not documented");
        }
    }
}
