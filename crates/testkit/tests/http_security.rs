//! Security properties visible over HTTP, on every backend: cookies, the Content-Security-Policy,
//! no state change on GET, escaping of people's text, metrics and the OpenAPI document.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod http;

use hallway_domain::{PersonId, Role};
use hallway_server::api::routes;
use hallway_server::pages::page_routes;
use hallway_store::PeopleQuery;
use hallway_testkit::{backends, spawn_app, Client, TestApp};
use http::{
    get, org, post, profile_body, put, setup_owner, store_invite, store_person, store_session,
    store_team, try_sign_in, Reply, OWNER_EMAIL, PASSWORD,
};
use reqwest::StatusCode;
use serde_json::{json, Value};

/// The `Set-Cookie` value for cookie `name`, if the reply sets it.
fn cookie<'a>(cookies: &'a [String], name: &str) -> Option<&'a String> {
    cookies.iter().find(|c| c.starts_with(&format!("{name}=")))
}

fn attributes(cookie: &str) -> Vec<String> {
    cookie
        .split(';')
        .skip(1)
        .map(|a| a.trim().to_ascii_lowercase())
        .collect()
}

#[tokio::test]
async fn cookies_are_http_only_and_lax_and_not_secure_over_http() {
    for backend in backends().await {
        let app = spawn_app(backend, |_| {}).await;
        setup_owner(&app).await;
        let client = Client::new(&app.url).await;
        let reply = try_sign_in(&client, OWNER_EMAIL, PASSWORD).await;
        assert_eq!(reply.status, StatusCode::OK, "{}", reply.text);
        let cookies = reply.set_cookies();
        let session = cookie(&cookies, "hallway_session")
            .unwrap_or_else(|| panic!("no session cookie in {cookies:?}"));
        let attrs = attributes(session);
        for wanted in ["httponly", "samesite=lax", "path=/"] {
            assert!(
                attrs.iter().any(|a| a == wanted),
                "{session} lacks {wanted}"
            );
        }
        assert!(
            !attrs.iter().any(|a| a == "secure"),
            "{session} is Secure over http"
        );
        assert!(attrs.iter().any(|a| a.starts_with("max-age=")), "{session}");

        let fresh = reqwest::Client::new()
            .get(format!("{}/api/v1/csrf", app.url))
            .send()
            .await
            .unwrap();
        let fresh = Reply::of(fresh).await;
        let cookies = fresh.set_cookies();
        let csrf = cookie(&cookies, "hallway_csrf").expect("a CSRF cookie");
        let attrs = attributes(csrf);
        for wanted in ["httponly", "samesite=strict", "path=/"] {
            assert!(attrs.iter().any(|a| a == wanted), "{csrf} lacks {wanted}");
        }
        assert!(!attrs.iter().any(|a| a == "secure"));
        app.finish().await;
    }
}

#[tokio::test]
async fn over_https_the_cookies_are_secure_host_cookies() {
    for backend in backends().await {
        let app = spawn_app(backend, |config| {
            config.public_url = "https://hallway.example.org".into();
        })
        .await;
        // A browser would not send `Secure` cookies over plain http, so send them by hand.
        let http = reqwest::Client::new();
        let csrf_reply = Reply::of(
            http.get(format!("{}/api/v1/csrf", app.url))
                .send()
                .await
                .unwrap(),
        )
        .await;
        let cookies = csrf_reply.set_cookies();
        let csrf_cookie = cookie(&cookies, "__Host-hallway_csrf")
            .unwrap_or_else(|| panic!("no __Host- CSRF cookie in {cookies:?}"));
        assert!(attributes(csrf_cookie).iter().any(|a| a == "secure"));
        let token = csrf_reply.json()["csrf_token"].as_str().unwrap().to_owned();
        let send = |path: &str, body: Value| {
            http.post(format!("{}{path}", app.url))
                .header(
                    reqwest::header::COOKIE,
                    format!("__Host-hallway_csrf={token}"),
                )
                .header("X-CSRF-Token", &token)
                .json(&body)
                .send()
        };
        let setup = Reply::of(
            send(
                "/api/v1/setup",
                json!({"email": OWNER_EMAIL, "display_name": "Olive", "password": PASSWORD}),
            )
            .await
            .unwrap(),
        )
        .await;
        assert_eq!(setup.status, StatusCode::CREATED, "{}", setup.text);
        let signed_in = Reply::of(
            send(
                "/api/v1/session",
                json!({"email": OWNER_EMAIL, "password": PASSWORD}),
            )
            .await
            .unwrap(),
        )
        .await;
        assert_eq!(signed_in.status, StatusCode::OK, "{}", signed_in.text);
        let cookies = signed_in.set_cookies();
        let session = cookie(&cookies, "__Host-hallway_session")
            .unwrap_or_else(|| panic!("no __Host- session cookie in {cookies:?}"));
        let attrs = attributes(session);
        for wanted in ["secure", "httponly", "samesite=lax", "path=/"] {
            assert!(
                attrs.iter().any(|a| a == wanted),
                "{session} lacks {wanted}"
            );
        }
        assert!(
            !attrs.iter().any(|a| a.starts_with("domain=")),
            "a __Host- cookie must not name a domain: {session}"
        );
        assert!(cookie(&cookies, "hallway_session").is_none());
        app.finish().await;
    }
}

fn assert_strict_csp(reply: &Reply, what: &str) {
    let csp = reply.header("content-security-policy");
    assert!(csp.contains("script-src 'self'"), "{what}: CSP {csp:?}");
    assert!(!csp.contains("unsafe-inline"), "{what}: CSP {csp:?}");
    assert!(!csp.contains("unsafe-eval"), "{what}: CSP {csp:?}");
    assert!(csp.contains("object-src 'none'"), "{what}: CSP {csp:?}");
    assert!(
        csp.contains("frame-ancestors 'none'"),
        "{what}: CSP {csp:?}"
    );
    assert_eq!(reply.header("x-content-type-options"), "nosniff", "{what}");
}

/// A page's HTML has no inline script and no inline event handlers (the CSP would block them).
fn assert_no_inline_script(html: &str, what: &str) {
    for tag in html.split("<script").skip(1) {
        let open = tag.split('>').next().unwrap_or_default();
        assert!(open.contains("src="), "{what} has an inline <script{open}>");
    }
    // Inside tags only: escaped text from people may well read "onerror=".
    for tag in html.split('<').skip(1) {
        let tag = tag
            .split('>')
            .next()
            .unwrap_or_default()
            .to_ascii_lowercase();
        for handler in [
            " onclick=",
            " onload=",
            " onerror=",
            " onsubmit=",
            "javascript:",
        ] {
            assert!(!tag.contains(handler), "{what} has <{tag}>");
        }
    }
}

#[tokio::test]
async fn every_response_has_a_strict_content_security_policy() {
    for backend in backends().await {
        let app = spawn_app(backend, |_| {}).await;
        let anonymous = Client::new(&app.url).await;
        let setup = get(&anonymous, "/setup").await;
        assert_strict_csp(&setup, "/setup");
        assert_no_inline_script(&setup.text, "/setup");
        let org = org(&app).await;
        for path in [
            "/signin",
            "/api/v1/csrf",
            "/api/v1/me",
            "/api/v1/openapi.json",
            "/api/v1/nope",
            "/no-such-page",
            "/static/app.js",
            "/healthz",
        ] {
            assert_strict_csp(&get(&anonymous, path).await, path);
        }
        for path in [
            "/people",
            &format!("/people/{}", org.member.id),
            "/profile",
            "/account",
            "/admin/people",
            "/admin/teams",
            "/admin/invites",
            "/api/v1/people",
        ] {
            let reply = get(&org.owner.client, path).await;
            assert_eq!(reply.status, StatusCode::OK, "{path}");
            assert_strict_csp(&reply, path);
            assert_no_inline_script(&reply.text, path);
        }
        let signin = get(&anonymous, "/signin").await;
        assert_no_inline_script(&signin.text, "/signin");
        assert_eq!(signin.header("x-frame-options"), "DENY");
        app.finish().await;
    }
}

/// What a GET must never change: people, teams, invites and sessions.
async fn snapshot(app: &TestApp) -> Value {
    let store = &app.backend.store;
    let people = store
        .search_people(&PeopleQuery {
            include_inactive: true,
            ..PeopleQuery::default()
        })
        .await
        .unwrap();
    let mut sessions = Vec::new();
    for person in &people {
        sessions.push(store.sessions_of(person.id).await.unwrap().len());
    }
    json!({
        "people": people,
        "sessions": sessions,
        "teams": store.teams().await.unwrap(),
        "invites": store.invites().await.unwrap(),
    })
}

#[tokio::test]
async fn get_never_changes_state() {
    for backend in backends().await {
        let app = spawn_app(backend, |_| {}).await;
        let org = org(&app).await;
        let owner = &org.owner.client;
        let target = store_person(&app, Role::Member, "Target Person").await;
        let (session, _) = store_session(&app, PersonId(org.owner.id)).await;
        let team = store_team(&app).await;
        let (invite, token) = store_invite(&app, PersonId(org.owner.id), Role::Member, 24, 1).await;
        let before = snapshot(&app).await;

        let mut paths: Vec<String> = routes()
            .iter()
            .map(|(route, _)| (route.method, route.path))
            .chain(
                page_routes()
                    .into_iter()
                    .map(|page| (page.method, page.path)),
            )
            .filter(|(method, _)| *method != "GET")
            .map(|(_, path)| {
                let id = if path.contains("/sessions/") {
                    session.0
                } else if path.contains("/teams/") {
                    team.0
                } else if path.contains("/invites/{id}") {
                    invite.0
                } else {
                    target.0
                };
                path.replace("{id}", &id.to_string())
                    .replace("{token}", &token)
            })
            .collect();
        paths.sort();
        paths.dedup();
        for path in &paths {
            let reply = get(owner, path).await;
            assert!(
                !reply.status.is_server_error(),
                "GET {path}: {}",
                reply.status
            );
        }
        assert_eq!(
            snapshot(&app).await,
            before,
            "a GET changed state on {}",
            app.name()
        );
        let me = get(owner, "/api/v1/me").await;
        assert_eq!(
            me.status,
            StatusCode::OK,
            "GET /signout or the like signed out"
        );
        // The explicit cases from the brief.
        for path in ["/signout", "/api/v1/session"] {
            let reply = get(&org.member.client, path).await;
            assert!(
                !reply.status.is_success() && !reply.status.is_redirection(),
                "GET {path}: {}",
                reply.status
            );
            assert_eq!(
                get(&org.member.client, "/api/v1/me").await.status,
                StatusCode::OK
            );
        }
        app.finish().await;
    }
}

/// Whether `<script>alert(1)</script>` appears HTML-escaped (named or numeric entities).
fn shows_escaped_script(html: &str) -> bool {
    html.contains("&lt;script&gt;alert(1)&lt;/script&gt;")
        || html.contains("&#60;script&#62;alert(1)&#60;/script&#62;")
}

#[tokio::test]
async fn text_from_people_is_escaped() {
    for backend in backends().await {
        let app = spawn_app(backend, |_| {}).await;
        let org = org(&app).await;
        let script = "<script>alert(1)</script>";
        let mut body = profile_body(script, "UTC", &["<b>bold</b>"]);
        body["bio"] = json!("<img src=x onerror=alert(2)>");
        body["pronouns"] = json!("\"they\" & 'them'");
        let saved = put(&org.member.client, "/api/v1/me/profile", &body).await;
        assert_eq!(saved.status, StatusCode::OK, "{}", saved.text);
        let team = post(
            &org.owner.client,
            "/api/v1/teams",
            &json!({"name": "<i>Team</i>", "description": "<u>x</u>"}),
        )
        .await;
        assert_eq!(team.status, StatusCode::CREATED, "{}", team.text);

        for path in [
            "/people".to_owned(),
            format!("/people/{}", org.member.id),
            "/admin/people".to_owned(),
            "/admin/teams".to_owned(),
        ] {
            let page = get(&org.owner.client, &path).await;
            assert_eq!(page.status, StatusCode::OK, "{path}");
            for raw in [
                script,
                "<img src=x",
                "<b>bold</b>",
                "<i>Team</i>",
                "<u>x</u>",
            ] {
                assert!(!page.text.contains(raw), "{path} contains raw {raw:?}");
            }
            assert_no_inline_script(&page.text, &path);
        }
        let directory = get(&org.owner.client, "/people").await;
        assert!(
            shows_escaped_script(&directory.text),
            "the escaped name is missing from /people"
        );
        // The person's own pages escape it too (the name shows in the navigation).
        let profile = get(&org.member.client, "/profile").await;
        assert!(!profile.text.contains(script));
        assert!(shows_escaped_script(&profile.text));
        app.finish().await;
    }
}

#[tokio::test]
async fn metrics_are_prometheus_text() {
    for backend in backends().await {
        let app = spawn_app(backend, |_| {}).await;
        let client = Client::new(&app.url).await;
        get(&client, "/healthz").await;
        get(&client, "/api/v1/nope").await;
        let metrics = get(&client, "/metrics").await;
        assert_eq!(metrics.status, StatusCode::OK);
        assert!(
            metrics.header("content-type").starts_with("text/plain"),
            "{}",
            metrics.header("content-type")
        );
        let text = &metrics.text;
        assert!(text.contains("# TYPE hallway_http_requests_total counter"));
        let count = |class: &str| -> u64 {
            let prefix = format!("hallway_http_requests_total{{class=\"{class}\"}} ");
            text.lines()
                .find_map(|l| l.strip_prefix(&prefix))
                .unwrap_or_else(|| panic!("no {prefix} in {text}"))
                .parse()
                .unwrap()
        };
        assert!(count("2xx") >= 2, "{text}");
        assert!(count("4xx") >= 1, "{text}");
        assert!(text.contains("hallway_database_up 1"), "{text}");
        for line in text.lines().filter(|l| !l.starts_with('#')) {
            let value = line.rsplit(' ').next().unwrap();
            assert!(value.parse::<f64>().is_ok(), "not a sample: {line}");
        }
        app.finish().await;
    }
}

#[tokio::test]
async fn the_openapi_document_is_openapi_3_1() {
    for backend in backends().await {
        let app = spawn_app(backend, |_| {}).await;
        let client = Client::new(&app.url).await;
        let reply = get(&client, "/api/v1/openapi.json").await;
        assert_eq!(reply.status, StatusCode::OK);
        assert!(reply.header("content-type").starts_with("application/json"));
        let document = reply.json();
        assert_eq!(document["openapi"], json!("3.1.0"));
        assert!(document["info"]["title"].is_string());
        let paths = document["paths"].as_object().unwrap();
        assert!(paths.keys().all(|p| p.starts_with("/api/v1/")));
        for (path, operations) in paths {
            for (method, operation) in operations.as_object().unwrap() {
                assert!(operation["summary"].is_string(), "{method} {path}");
                assert!(operation["responses"].is_object(), "{method} {path}");
            }
        }
        app.finish().await;
    }
}
