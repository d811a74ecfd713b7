//! Sign-in throttling over HTTP, on every backend: failures slow an account or an address
//! down with growing waits (the answer says how long, `Retry-After`), nothing is ever locked,
//! and the account holder's own browser (known from an earlier sign-in, or still signed in)
//! gets in while an outsider is guessing. Behind a trusted proxy the address is the client's.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod http;

use std::time::{Duration, Instant};

use hallway_domain::PersonId;
use hallway_testkit::{backends, spawn_app, Client};
use http::{delete, form, get, org, store_session, try_sign_in, Reply, PASSWORD};
use reqwest::StatusCode;
use serde_json::json;

/// The `Retry-After` of a 429, checked against the problem JSON's `retry_after_seconds`.
fn retry_after(reply: &Reply, needle: &str) -> u64 {
    let problem = reply.problem(429, needle);
    let seconds: u64 = reply
        .header("retry-after")
        .parse()
        .unwrap_or_else(|_| panic!("no Retry-After on {}", reply.text));
    assert_eq!(
        problem["retry_after_seconds"],
        json!(seconds),
        "{}",
        reply.text
    );
    assert!(
        reply
            .text
            .contains(&format!("try again in {seconds} second")),
        "{}",
        reply.text
    );
    seconds
}

/// Tries `email`/`password` until the throttle lets the attempt through (bounded).
async fn attempt_when_allowed(client: &Client, email: &str, password: &str) -> Reply {
    let deadline = Instant::now() + Duration::from_secs(20);
    loop {
        let reply = try_sign_in(client, email, password).await;
        if reply.status != StatusCode::TOO_MANY_REQUESTS {
            return reply;
        }
        assert!(Instant::now() < deadline, "still refused: {}", reply.text);
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

#[tokio::test]
async fn guessing_slows_the_account_down_but_its_own_browsers_still_get_in() {
    for backend in backends().await {
        let app = spawn_app(backend, |config| {
            config.sign_in_failures_per_account = 3;
            config.sign_in_failures_per_ip = 1_000;
        })
        .await;
        let org = org(&app).await;
        let victim = &org.member.email;
        let attacker = Client::new(&app.url).await;
        for guess in 1..=3 {
            try_sign_in(&attacker, victim, &format!("wrong guess {guess}"))
                .await
                .problem(400, "wrong email or password");
        }
        // Even the right password waits now, from a browser the account does not know.
        let held = try_sign_in(&attacker, victim, PASSWORD).await;
        assert_eq!(retry_after(&held, "for this account"), 1);

        // The member's browser signed up before: signed out, it still signs in at once.
        let own = &org.member.client;
        assert_eq!(
            delete(own, "/api/v1/session").await.status,
            StatusCode::NO_CONTENT
        );
        let back = try_sign_in(own, victim, PASSWORD).await;
        assert_eq!(back.status, StatusCode::OK, "{}", back.text);
        assert!(
            back.set_cookies()
                .iter()
                .any(|c| c.starts_with("hallway_device=") && c.contains("HttpOnly")),
            "a sign-in renews the known-device cookie: {:?}",
            back.set_cookies()
        );
        // A browser that is still signed in (session cookie only) also gets in.
        let (_, token) = store_session(&app, PersonId(org.member.id)).await;
        let session_only = Client::new(&app.url).await;
        session_only.add_cookie(&format!("hallway_session={token}"));
        let again = try_sign_in(&session_only, victim, PASSWORD).await;
        assert_eq!(again.status, StatusCode::OK, "{}", again.text);
        // The same through the sign-in page of the known browser.
        let page = form(
            own,
            "/signin",
            &[("email", victim.as_str()), ("password", PASSWORD)],
        )
        .await;
        assert!(page.status.is_redirection(), "{}", page.text);

        // The outsider's waits double: a wrong guess after the first wait costs two seconds.
        attempt_when_allowed(&attacker, victim, "wrong guess 4")
            .await
            .problem(400, "wrong email or password");
        let held = try_sign_in(&attacker, victim, PASSWORD).await;
        assert_eq!(retry_after(&held, "for this account"), 2);
        // Nothing is locked: after the wait, the right password works from anywhere.
        let late = attempt_when_allowed(&attacker, victim, PASSWORD).await;
        assert_eq!(late.status, StatusCode::OK, "{}", late.text);
        app.finish().await;
    }
}

#[tokio::test]
async fn an_address_that_keeps_failing_waits_but_known_browsers_behind_it_do_not() {
    for backend in backends().await {
        let app = spawn_app(backend, |config| {
            config.sign_in_failures_per_account = 1_000;
            config.sign_in_failures_per_ip = 3;
        })
        .await;
        let org = org(&app).await;
        let stranger = Client::new(&app.url).await;
        for n in 1..=3 {
            try_sign_in(
                &stranger,
                &format!("nobody{n}@example.org"),
                "whatever it is",
            )
            .await
            .problem(400, "wrong email or password");
        }
        // Someone new on the same network waits, whichever account they try.
        let newcomer = Client::new(&app.url).await;
        let held = try_sign_in(&newcomer, &org.admin.email, PASSWORD).await;
        retry_after(&held, "from your network");
        let page = form(
            &newcomer,
            "/signin",
            &[("email", org.admin.email.as_str()), ("password", PASSWORD)],
        )
        .await;
        assert_eq!(page.status, StatusCode::TOO_MANY_REQUESTS);
        assert!(
            !page.header("retry-after").is_empty(),
            "the page says when too"
        );
        assert!(page.text.contains("from your network"), "{}", page.text);
        // People whose browsers know their accounts are not held up by the address.
        for member in [&org.admin, &org.guest] {
            delete(&member.client, "/api/v1/session").await;
            let reply = try_sign_in(&member.client, &member.email, PASSWORD).await;
            assert_eq!(reply.status, StatusCode::OK, "{}", reply.text);
        }
        // Existing sessions were never touched.
        assert_eq!(
            get(&org.member.client, "/api/v1/me").await.status,
            StatusCode::OK
        );
        app.finish().await;
    }
}

#[tokio::test]
async fn a_forged_or_stale_device_cookie_does_not_get_past_the_throttle() {
    for backend in backends().await {
        let app = spawn_app(backend, |config| {
            config.sign_in_failures_per_account = 2;
            config.sign_in_failures_per_ip = 1_000;
        })
        .await;
        let org = org(&app).await;
        let victim = &org.member.email;
        let attacker = Client::new(&app.url).await;
        for guess in 1..=2 {
            try_sign_in(&attacker, victim, &format!("wrong guess {guess}")).await;
        }
        let forged = Client::new(&app.url).await;
        forged.add_cookie("hallway_device=c29tZSBub25jZQ.c29tZSBmb3JnZWQgdGFn");
        retry_after(
            &try_sign_in(&forged, victim, PASSWORD).await,
            "for this account",
        );
        // The member changes their password: the old device cookie no longer vouches.
        let changed = http::put(
            &org.member.client,
            "/api/v1/me/password",
            &json!({"current_password": PASSWORD, "new_password": "a fresh long secret"}),
        )
        .await;
        assert_eq!(changed.status, StatusCode::NO_CONTENT, "{}", changed.text);
        let stale = Client::new(&app.url).await;
        let cookie = org
            .member
            .client
            .cookie_header()
            .split("; ")
            .find(|c| c.starts_with("hallway_device="))
            .expect("the member's device cookie")
            .to_owned();
        stale.add_cookie(&cookie);
        retry_after(
            &try_sign_in(&stale, victim, "a fresh long secret").await,
            "for this account",
        );
        app.finish().await;
    }
}

#[tokio::test]
async fn behind_a_trusted_proxy_each_client_address_has_its_own_throttle() {
    for backend in backends().await {
        let app = spawn_app(backend, |config| {
            config.sign_in_failures_per_account = 1_000;
            config.sign_in_failures_per_ip = 2;
            config.trusted_proxies = hallway_server::parse_proxies(&["127.0.0.1".into()]).unwrap();
        })
        .await;
        let org = org(&app).await;
        let client = Client::new(&app.url).await;
        let via_proxy = |from: &'static str, email: String, password: &'static str| {
            let request = client
                .http
                .post(client.url("/api/v1/session"))
                .header("X-CSRF-Token", client.csrf())
                .header("X-Forwarded-For", from)
                .json(&json!({"email": email, "password": password}));
            async move { Reply::of(request.send().await.unwrap()).await }
        };
        for n in 1..=2 {
            via_proxy("203.0.113.7", format!("x{n}@example.org"), "whatever it is")
                .await
                .problem(400, "wrong email or password");
        }
        retry_after(
            &via_proxy("203.0.113.7", org.admin.email.clone(), PASSWORD).await,
            "from your network",
        );
        // Another client behind the same proxy is not held up.
        let other = via_proxy("198.51.100.20", org.admin.email.clone(), PASSWORD).await;
        assert_eq!(other.status, StatusCode::OK, "{}", other.text);
        app.finish().await;
    }
}

#[tokio::test]
async fn without_trusted_proxies_a_forwarded_header_changes_nothing() {
    for backend in backends().await {
        let app = spawn_app(backend, |config| {
            config.sign_in_failures_per_account = 1_000;
            config.sign_in_failures_per_ip = 2;
        })
        .await;
        let org = org(&app).await;
        let client = Client::new(&app.url).await;
        for n in 1..=2 {
            try_sign_in(&client, &format!("x{n}@example.org"), "whatever it is").await;
        }
        // Claiming to be someone else does not escape the address's wait.
        let spoofed = client
            .http
            .post(client.url("/api/v1/session"))
            .header("X-CSRF-Token", client.csrf())
            .header("X-Forwarded-For", "198.51.100.99")
            .header("Forwarded", "for=198.51.100.98")
            .json(&json!({"email": org.admin.email, "password": PASSWORD}))
            .send()
            .await
            .unwrap();
        retry_after(&Reply::of(spoofed).await, "from your network");
        app.finish().await;
    }
}
