//! The stylesheet and ES modules, compiled into the binary (no bundler, no Node.js at run time).

use axum::extract::Path;
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};

const FILES: &[(&str, &str, &str)] = &[
    (
        "app.css",
        "text/css; charset=utf-8",
        include_str!("../static/app.css"),
    ),
    (
        "app.js",
        "text/javascript; charset=utf-8",
        include_str!("../static/app.js"),
    ),
    (
        "profile.js",
        "text/javascript; charset=utf-8",
        include_str!("../static/profile.js"),
    ),
    (
        "live.js",
        "text/javascript; charset=utf-8",
        include_str!("../static/live.js"),
    ),
    (
        "format.js",
        "text/javascript; charset=utf-8",
        include_str!("../static/format.js"),
    ),
    (
        "messages.js",
        "text/javascript; charset=utf-8",
        include_str!("../static/messages.js"),
    ),
    (
        "nudges.js",
        "text/javascript; charset=utf-8",
        include_str!("../static/nudges.js"),
    ),
    (
        "hallway.js",
        "text/javascript; charset=utf-8",
        include_str!("../static/hallway.js"),
    ),
    (
        "room.js",
        "text/javascript; charset=utf-8",
        include_str!("../static/room.js"),
    ),
    (
        "voice.js",
        "text/javascript; charset=utf-8",
        include_str!("../static/voice.js"),
    ),
    (
        "ask.js",
        "text/javascript; charset=utf-8",
        include_str!("../static/ask.js"),
    ),
    (
        "social.js",
        "text/javascript; charset=utf-8",
        include_str!("../static/social.js"),
    ),
    (
        "workday.js",
        "text/javascript; charset=utf-8",
        include_str!("../static/workday.js"),
    ),
    (
        "draft.js",
        "text/javascript; charset=utf-8",
        include_str!("../static/draft.js"),
    ),
];

/// `GET /static/{file}`
pub async fn serve(Path(file): Path<String>) -> Response {
    match FILES.iter().find(|(name, _, _)| *name == file) {
        Some((_, content_type, body)) => (
            [
                (header::CONTENT_TYPE, *content_type),
                (header::CACHE_CONTROL, "public, max-age=300"),
            ],
            *body,
        )
            .into_response(),
        None => (StatusCode::NOT_FOUND, "no such file").into_response(),
    }
}
