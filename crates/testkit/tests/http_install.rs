//! Hallway installs as an app: every page links a web app manifest, a favicon and a touch
//! icon; the manifest is served as `application/manifest+json` and names icons that are
//! really there, of the type and size it says.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use hallway_testkit::{backends, spawn_app, Client};
use reqwest::StatusCode;
use serde_json::Value;

/// Width and height from a PNG's IHDR chunk (the first chunk, right after the signature).
fn png_size(bytes: &[u8]) -> (u32, u32) {
    assert!(
        bytes.starts_with(b"\x89PNG\r\n\x1a\n"),
        "not a PNG ({} bytes)",
        bytes.len()
    );
    assert_eq!(&bytes[12..16], b"IHDR", "a PNG starts with its IHDR chunk");
    let number = |at: usize| u32::from_be_bytes(bytes[at..at + 4].try_into().unwrap());
    (number(16), number(20))
}

#[tokio::test]
async fn hallway_installs_as_an_app_with_its_icons() {
    for backend in backends().await {
        let app = spawn_app(backend, |_| {}).await;
        let name = app.name();
        let anonymous = Client::new(&app.url).await;

        // A fresh server shows its setup page; every page shares the same head.
        let signin = anonymous.get("/setup").await.text().await.unwrap();
        for link in [
            r#"<link rel="manifest" href="/manifest.webmanifest">"#,
            r#"<link rel="icon" href="/static/icons/icon.svg" type="image/svg+xml">"#,
            r#"<link rel="apple-touch-icon" href="/static/icons/icon-192.png">"#,
        ] {
            assert!(signin.contains(link), "{name}: the page links {link}");
        }

        let manifest = anonymous.get("/manifest.webmanifest").await;
        assert_eq!(manifest.status(), StatusCode::OK, "{name}");
        assert_eq!(
            manifest.headers()["content-type"],
            "application/manifest+json"
        );
        let manifest: Value = manifest.json().await.expect("the manifest is JSON");
        assert_eq!(manifest["name"], "Hallway");
        assert_eq!(manifest["start_url"], "/");
        assert_eq!(manifest["display"], "standalone");

        let icons = manifest["icons"].as_array().expect("icons");
        let mut png_sizes = Vec::new();
        for icon in icons {
            let src = icon["src"].as_str().unwrap();
            let response = anonymous.get(src).await;
            assert_eq!(response.status(), StatusCode::OK, "{name}: {src}");
            let declared = icon["type"].as_str().unwrap();
            assert_eq!(response.headers()["content-type"], declared, "{src}");
            let bytes = response.bytes().await.unwrap();
            if declared == "image/png" {
                let (w, h) = png_size(&bytes);
                assert_eq!(
                    icon["sizes"],
                    format!("{w}x{h}"),
                    "{src} is the size it says"
                );
                png_sizes.push(w);
            } else {
                let svg = String::from_utf8(bytes.to_vec()).unwrap();
                assert!(svg.starts_with("<svg"), "{src} is an SVG");
            }
        }
        // What browsers ask of an installable app: a 192 px and a 512 px icon.
        assert!(
            png_sizes.contains(&192) && png_sizes.contains(&512),
            "{png_sizes:?}"
        );

        let missing = anonymous.get("/static/icons/nope.png").await;
        assert_eq!(missing.status(), StatusCode::NOT_FOUND);
        app.finish().await;
    }
}
