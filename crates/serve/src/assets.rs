//! The web map's files, embedded in the binary: the page, its script and
//! style, Leaflet 1.9.4 and Leaflet.markercluster 1.5.3 (both from npm,
//! BSD-2-Clause and MIT, licences beside them in `assets/vendor/`), and the
//! Natural Earth basemap (`basemap.rs`). Served with a content security
//! policy that lets the page reach nothing but this server.

use crate::error::ApiError;
use axum::extract::Path;
use axum::http::header;
use axum::response::{IntoResponse, Response};

/// The basemap GeoJSON (rebuilt by `sitrep basemap`).
pub const BASEMAP: &[u8] = include_bytes!("../assets/basemap.json");

/// (path under /assets/, content type, bytes).
const FILES: &[(&str, &str, &[u8])] = &[
    (
        "app.js",
        "text/javascript; charset=utf-8",
        include_bytes!("../assets/app.js"),
    ),
    (
        "app.css",
        "text/css; charset=utf-8",
        include_bytes!("../assets/app.css"),
    ),
    ("basemap.json", "application/geo+json", BASEMAP),
    (
        "vendor/leaflet/leaflet.js",
        "text/javascript; charset=utf-8",
        include_bytes!("../assets/vendor/leaflet/leaflet.js"),
    ),
    (
        "vendor/leaflet/leaflet.css",
        "text/css; charset=utf-8",
        include_bytes!("../assets/vendor/leaflet/leaflet.css"),
    ),
    (
        "vendor/leaflet/LICENSE",
        "text/plain; charset=utf-8",
        include_bytes!("../assets/vendor/leaflet/LICENSE"),
    ),
    (
        "vendor/leaflet/images/marker-icon.png",
        "image/png",
        include_bytes!("../assets/vendor/leaflet/images/marker-icon.png"),
    ),
    (
        "vendor/leaflet/images/marker-icon-2x.png",
        "image/png",
        include_bytes!("../assets/vendor/leaflet/images/marker-icon-2x.png"),
    ),
    (
        "vendor/leaflet/images/marker-shadow.png",
        "image/png",
        include_bytes!("../assets/vendor/leaflet/images/marker-shadow.png"),
    ),
    (
        "vendor/leaflet/images/layers.png",
        "image/png",
        include_bytes!("../assets/vendor/leaflet/images/layers.png"),
    ),
    (
        "vendor/leaflet/images/layers-2x.png",
        "image/png",
        include_bytes!("../assets/vendor/leaflet/images/layers-2x.png"),
    ),
    (
        "vendor/markercluster/leaflet.markercluster.js",
        "text/javascript; charset=utf-8",
        include_bytes!("../assets/vendor/markercluster/leaflet.markercluster.js"),
    ),
    (
        "vendor/markercluster/MarkerCluster.css",
        "text/css; charset=utf-8",
        include_bytes!("../assets/vendor/markercluster/MarkerCluster.css"),
    ),
    (
        "vendor/markercluster/MarkerCluster.Default.css",
        "text/css; charset=utf-8",
        include_bytes!("../assets/vendor/markercluster/MarkerCluster.Default.css"),
    ),
    (
        "vendor/markercluster/LICENSE",
        "text/plain; charset=utf-8",
        include_bytes!("../assets/vendor/markercluster/LICENSE"),
    ),
];

/// Only this server: scripts and styles from it (Leaflet sets inline
/// styles), images from it or `data:`, fetches to it.
const CSP: &str = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'";

/// `GET /`: the map.
pub async fn index() -> Response {
    (
        [
            (header::CONTENT_TYPE, "text/html; charset=utf-8"),
            (header::CONTENT_SECURITY_POLICY, CSP),
            (header::X_CONTENT_TYPE_OPTIONS, "nosniff"),
        ],
        include_str!("../assets/index.html"),
    )
        .into_response()
}

/// `GET /assets/{path}`: an embedded file (a fixed table: no file system
/// path is ever read, so `..` reaches nothing).
pub async fn asset(Path(path): Path<String>) -> Response {
    match FILES.iter().find(|(p, _, _)| *p == path) {
        Some((_, ctype, bytes)) => (
            [
                (header::CONTENT_TYPE, *ctype),
                (header::CACHE_CONTROL, "no-cache"),
                (header::X_CONTENT_TYPE_OPTIONS, "nosniff"),
            ],
            *bytes,
        )
            .into_response(),
        None => ApiError::not_found("asset").into_response(),
    }
}
