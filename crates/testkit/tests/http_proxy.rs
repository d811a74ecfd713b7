//! Hallway behind a real nginx (the Debian package), configured as the README says: a page's
//! POSTs and the live WebSocket pass the Origin check (compared with `public_url`, not with the
//! `Host` nginx sends upstream), and sign-in throttling keys on the client's own address from
//! `X-Forwarded-For`, which a client cannot forge past the trusted proxy.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod http;
mod live;

use std::net::IpAddr;

use hallway_domain::RoomId;
use hallway_testkit::{backends, free_port, nginx_binary, spawn_app, Client, LiveClient, Nginx};
use http::{form, post, try_sign_in, Reply, OWNER_EMAIL, PASSWORD};
use reqwest::StatusCode;
use serde_json::json;

fn from(address: &str) -> IpAddr {
    address.parse().unwrap()
}

#[tokio::test]
async fn behind_nginx_pages_posts_and_the_live_socket_work_and_throttles_see_each_client() {
    if nginx_binary().is_none() {
        return;
    }
    for backend in backends().await {
        let port = free_port();
        let app = spawn_app(backend, |config| {
            config.public_url = format!("http://127.0.0.1:{port}");
            config.trusted_proxies = hallway_server::parse_proxies(&["127.0.0.1".into()]).unwrap();
            config.sign_in_failures_per_account = 1_000;
            config.sign_in_failures_per_ip = 3;
        })
        .await;
        let upstream = app.url.trim_start_matches("http://").to_owned();
        let nginx = Nginx::start(port, &upstream).expect("nginx");

        // Set up, sign in and POST through nginx, with the Origin a browser sends.
        let owner = Client::from_address(&nginx.url, from("127.0.0.2")).await;
        let setup = post(
            &owner,
            "/api/v1/setup",
            &json!({"email": OWNER_EMAIL, "display_name": "Olive Owner", "password": PASSWORD}),
        )
        .await;
        assert_eq!(
            setup.status,
            StatusCode::CREATED,
            "{} {}",
            setup.text,
            nginx.error_log()
        );
        let room = post(
            &owner,
            "/api/v1/rooms",
            &json!({"name": "Kitchen", "topic": "coffee", "kind": "open", "overhearable": true}),
        )
        .await;
        assert_eq!(room.status, StatusCode::CREATED, "{}", room.text);
        let room = RoomId(
            room.json()["room"]["id"]
                .as_i64()
                .unwrap_or_else(|| room.json()["id"].as_i64().expect("the new room's id")),
        );
        let page = Client::from_address(&nginx.url, from("127.0.0.2")).await;
        let signed_in = form(
            &page,
            "/signin",
            &[("email", OWNER_EMAIL), ("password", PASSWORD)],
        )
        .await;
        assert!(signed_in.status.is_redirection(), "{}", signed_in.text);

        // The live socket upgrades through nginx and carries a message both ways.
        let (mut socket, _) = LiveClient::connect(&owner).await;
        live::join(&mut socket, room, None).await;
        live::say(&mut socket, room, "via-nginx", "hello through the proxy").await;
        assert_eq!(live::ack(&mut socket, "via-nginx").await, (1, false));
        socket.close().await;

        // One client at 127.0.0.2 fails three times, forging its address on the way...
        let guesser = Client::from_address(&nginx.url, from("127.0.0.2")).await;
        for n in 1..=3 {
            let request = guesser
                .http
                .post(guesser.url("/api/v1/session"))
                .header("X-CSRF-Token", guesser.csrf())
                .header("X-Forwarded-For", format!("198.51.100.{n}"))
                .json(&json!({"email": format!("x{n}@example.org"), "password": "whatever"}));
            Reply::of(request.send().await.unwrap())
                .await
                .problem(400, "wrong email or password");
        }
        // ...and its own address now waits, while the client at 127.0.0.3 signs in at once.
        let held = try_sign_in(&guesser, OWNER_EMAIL, PASSWORD).await;
        held.problem(429, "from your network");
        assert!(!held.header("retry-after").is_empty());
        let neighbour = Client::from_address(&nginx.url, from("127.0.0.3")).await;
        let reply = try_sign_in(&neighbour, OWNER_EMAIL, PASSWORD).await;
        assert_eq!(reply.status, StatusCode::OK, "{}", reply.text);
        drop(nginx);
        app.finish().await;
    }
}
