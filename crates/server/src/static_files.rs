//! The stylesheet, ES modules, icons and web app manifest, compiled into the binary (no
//! bundler, no Node.js at run time).

use axum::extract::Path;
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};

/// A file served under `/static/`: its name there, content type and bytes.
struct StaticFile {
    name: &'static str,
    content_type: &'static str,
    body: &'static [u8],
}

const fn file(name: &'static str, content_type: &'static str, body: &'static [u8]) -> StaticFile {
    StaticFile {
        name,
        content_type,
        body,
    }
}

const FILES: &[StaticFile] = &[
    file(
        "app.css",
        "text/css; charset=utf-8",
        include_bytes!("../static/app.css"),
    ),
    file(
        "app.js",
        "text/javascript; charset=utf-8",
        include_bytes!("../static/app.js"),
    ),
    file(
        "theme.js",
        "text/javascript; charset=utf-8",
        include_bytes!("../static/theme.js"),
    ),
    file(
        "faces.js",
        "text/javascript; charset=utf-8",
        include_bytes!("../static/faces.js"),
    ),
    file(
        "status.js",
        "text/javascript; charset=utf-8",
        include_bytes!("../static/status.js"),
    ),
    file(
        "profile.js",
        "text/javascript; charset=utf-8",
        include_bytes!("../static/profile.js"),
    ),
    file(
        "live.js",
        "text/javascript; charset=utf-8",
        include_bytes!("../static/live.js"),
    ),
    file(
        "clock.js",
        "text/javascript; charset=utf-8",
        include_bytes!("../static/clock.js"),
    ),
    file(
        "format.js",
        "text/javascript; charset=utf-8",
        include_bytes!("../static/format.js"),
    ),
    file(
        "message_view.js",
        "text/javascript; charset=utf-8",
        include_bytes!("../static/message_view.js"),
    ),
    file(
        "messages.js",
        "text/javascript; charset=utf-8",
        include_bytes!("../static/messages.js"),
    ),
    file(
        "composer.js",
        "text/javascript; charset=utf-8",
        include_bytes!("../static/composer.js"),
    ),
    file(
        "thread.js",
        "text/javascript; charset=utf-8",
        include_bytes!("../static/thread.js"),
    ),
    file(
        "nudges.js",
        "text/javascript; charset=utf-8",
        include_bytes!("../static/nudges.js"),
    ),
    file(
        "hallway.js",
        "text/javascript; charset=utf-8",
        include_bytes!("../static/hallway.js"),
    ),
    file(
        "room.js",
        "text/javascript; charset=utf-8",
        include_bytes!("../static/room.js"),
    ),
    file(
        "voice.js",
        "text/javascript; charset=utf-8",
        include_bytes!("../static/voice.js"),
    ),
    file(
        "ask.js",
        "text/javascript; charset=utf-8",
        include_bytes!("../static/ask.js"),
    ),
    file(
        "social.js",
        "text/javascript; charset=utf-8",
        include_bytes!("../static/social.js"),
    ),
    file(
        "workday.js",
        "text/javascript; charset=utf-8",
        include_bytes!("../static/workday.js"),
    ),
    file(
        "draft.js",
        "text/javascript; charset=utf-8",
        include_bytes!("../static/draft.js"),
    ),
    file(
        "icons/icon.svg",
        "image/svg+xml",
        include_bytes!("../static/icons/icon.svg"),
    ),
    file(
        "icons/icon-192.png",
        "image/png",
        include_bytes!("../static/icons/icon-192.png"),
    ),
    file(
        "icons/icon-512.png",
        "image/png",
        include_bytes!("../static/icons/icon-512.png"),
    ),
    file(
        "icons/icon-maskable-512.png",
        "image/png",
        include_bytes!("../static/icons/icon-maskable-512.png"),
    ),
];

/// The web app manifest, so Hallway installs as an app (served at `/manifest.webmanifest`).
const MANIFEST: &[u8] = include_bytes!("../static/manifest.webmanifest");

/// `GET /static/{*file}`
pub async fn serve(Path(name): Path<String>) -> Response {
    match FILES.iter().find(|f| f.name == name) {
        Some(f) => (
            [
                (header::CONTENT_TYPE, f.content_type),
                (header::CACHE_CONTROL, "public, max-age=300"),
            ],
            f.body,
        )
            .into_response(),
        None => (StatusCode::NOT_FOUND, "no such file").into_response(),
    }
}

/// `GET /manifest.webmanifest`
pub async fn manifest() -> Response {
    (
        [
            (header::CONTENT_TYPE, "application/manifest+json"),
            (header::CACHE_CONTROL, "public, max-age=300"),
        ],
        MANIFEST,
    )
        .into_response()
}
