//! The HTTP edge on every backend: slow clients (partial headers, a trickled body, an idle
//! kept-alive connection) are closed by the server within a bounded wait; `/metrics` can ask
//! for a bearer token or stay off the public listener; passwords are checked everywhere.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod http;

use std::time::{Duration, Instant};

use hallway_testkit::{backends, spawn_app, Client};
use http::{get, org, post, put, Reply, PASSWORD};
use reqwest::StatusCode;
use serde_json::json;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;

/// Reads until the server closes the connection; fails if it is still open after `within`.
async fn closed_by_server(stream: &mut TcpStream, within: Duration) -> String {
    let started = Instant::now();
    let mut seen = Vec::new();
    let mut buffer = [0u8; 4096];
    loop {
        let left = within.saturating_sub(started.elapsed());
        match tokio::time::timeout(left, stream.read(&mut buffer)).await {
            Ok(Ok(0)) | Ok(Err(_)) => return String::from_utf8_lossy(&seen).into_owned(),
            Ok(Ok(n)) => seen.extend_from_slice(&buffer[..n]),
            Err(_) => panic!(
                "still open after {within:?}; got {:?}",
                String::from_utf8_lossy(&seen)
            ),
        }
    }
}

#[tokio::test]
async fn slow_and_idle_connections_are_closed_by_the_server() {
    for backend in backends().await {
        let app = spawn_app(backend, |config| {
            config.header_timeout = Duration::from_secs(1);
            config.body_timeout = Duration::from_secs(1);
        })
        .await;
        let address = app.url.trim_start_matches("http://").to_owned();
        let bound = Duration::from_secs(5);

        // Partial headers, trickled one line at a time and never finished.
        let mut partial = TcpStream::connect(&address).await.unwrap();
        partial
            .write_all(b"GET /healthz HTTP/1.1\r\n")
            .await
            .unwrap();
        partial.write_all(b"Host: x\r\n").await.unwrap();
        closed_by_server(&mut partial, bound).await;

        // Connected and silent.
        let mut silent = TcpStream::connect(&address).await.unwrap();
        closed_by_server(&mut silent, bound).await;

        // A kept-alive connection that goes idle after one answered request.
        let mut idle = TcpStream::connect(&address).await.unwrap();
        idle.write_all(b"GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n")
            .await
            .unwrap();
        let answered = closed_by_server(&mut idle, bound).await;
        assert!(answered.starts_with("HTTP/1.1 200"), "{answered}");

        // Headers in, then a body promised and trickled: refused with 408 and closed.
        let mut trickle = TcpStream::connect(&address).await.unwrap();
        trickle
            .write_all(
                b"POST /signin HTTP/1.1\r\nHost: x\r\nCookie: hallway_csrf=abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: 1000\r\n\r\nemail=",
            )
            .await
            .unwrap();
        let writer = tokio::spawn(async move {
            for _ in 0..20 {
                tokio::time::sleep(Duration::from_millis(300)).await;
                if trickle.write_all(b" ").await.is_err() {
                    break;
                }
            }
            trickle
        });
        let mut trickle = writer.await.unwrap();
        let answer = closed_by_server(&mut trickle, bound).await;
        assert!(answer.starts_with("HTTP/1.1 408"), "{answer}");
        assert!(
            answer.contains("did not arrive within 1 seconds"),
            "{answer}"
        );
        app.finish().await;
    }
}

#[tokio::test]
async fn metrics_can_require_a_bearer_token_or_leave_the_public_listener() {
    for backend in backends().await {
        let app = spawn_app(backend, |config| {
            config.metrics_token = Some("metrics-secret-token".into());
        })
        .await;
        let client = Client::new(&app.url).await;
        get(&client, "/metrics").await.problem(401, "sign in first");
        let wrong = client
            .http
            .get(client.url("/metrics"))
            .bearer_auth("not-it")
            .send()
            .await
            .unwrap();
        assert_eq!(wrong.status(), StatusCode::UNAUTHORIZED);
        let right = client
            .http
            .get(client.url("/metrics"))
            .bearer_auth("metrics-secret-token")
            .send()
            .await
            .unwrap();
        let right = Reply::of(right).await;
        assert_eq!(right.status, StatusCode::OK);
        assert!(right.text.contains("hallway_http_requests_total"));
        app.finish().await;
    }
    for backend in backends().await {
        let app = spawn_app(backend, |config| {
            config.metrics_on_public_listener = false;
        })
        .await;
        let client = Client::new(&app.url).await;
        assert_eq!(get(&client, "/metrics").await.status, StatusCode::NOT_FOUND);
        app.finish().await;
    }
}

#[tokio::test]
async fn common_passwords_and_ones_own_email_or_name_are_refused_wherever_a_password_is_set() {
    for backend in backends().await {
        let app = spawn_app(backend, |_| {}).await;
        let fresh = Client::new(&app.url).await;
        post(
            &fresh,
            "/api/v1/setup",
            &json!({"email": "olive@example.org", "display_name": "Olive Owner", "password": "password123"}),
        )
        .await
        .problem(422, "10,000 most common passwords");
        post(
            &fresh,
            "/api/v1/setup",
            // An email whose name part is too short to count, so the display name is what matches.
            &json!({"email": "o.o@example.org", "display_name": "Olive Owner", "password": "OliveOwner2026"}),
        )
        .await
        .problem(422, "must not contain your name");
        let org = org(&app).await;
        let (_, token) = http::create_invite(&org.owner.client, json!({"role": "member"})).await;
        let joiner = Client::new(&app.url).await;
        post(
            &joiner,
            &format!("/api/v1/invites/by-token/{token}/accept"),
            &json!({"email": "june.joiner@example.org", "display_name": "June", "password": "june.joiner@example.org"}),
        )
        .await
        .problem(422, "must not contain your email address");
        post(
            &joiner,
            &format!("/api/v1/invites/by-token/{token}/accept"),
            &json!({"email": "june.joiner@example.org", "display_name": "June", "password": "            "}),
        )
        .await
        .problem(422, "must not be only spaces");
        put(
            &org.member.client,
            "/api/v1/me/password",
            &json!({"current_password": PASSWORD, "new_password": "qwertyuiop"}),
        )
        .await
        .problem(422, "10,000 most common passwords");
        app.finish().await;
    }
}

#[tokio::test]
async fn private_answers_are_not_cached_and_a_wrong_method_is_problem_json() {
    for backend in backends().await {
        let app = spawn_app(backend, |_| {}).await;
        let org = org(&app).await;
        for path in [
            "/account",
            "/api/v1/me",
            "/api/v1/me/export",
            "/account/export",
            "/people",
        ] {
            let reply = get(&org.member.client, path).await;
            assert_eq!(reply.status, StatusCode::OK, "{path}");
            assert_eq!(reply.header("cache-control"), "no-store", "{path}");
        }
        let script = get(&org.member.client, "/static/app.js").await;
        assert!(script.header("cache-control").starts_with("public"));
        let wrong = org
            .member
            .client
            .send(reqwest::Method::PATCH, "/api/v1/me", None)
            .await;
        Reply::of(wrong)
            .await
            .problem(405, "/api/v1/me does not accept PATCH");
        app.finish().await;
    }
}
