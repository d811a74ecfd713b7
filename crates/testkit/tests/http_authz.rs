//! The authorization matrix: every API route (read from the OpenAPI document) and every page
//! route (`pages::routes`), called by anonymous, guest, member, admin and owner, on every backend.
//!
//! Callers below a route's access get 401 (anonymous, API), a redirect to /signin (anonymous,
//! pages) or 403; callers with access never get 401/403 (nor 405 or 5xx). Setup routes give 403
//! to everyone once set up. Each call gets fresh targets (person, team, invite, session) made
//! in the store and a fresh session of its caller, so destructive calls (sign-out, deactivate,
//! role changes) cannot change what a later call sees.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod http;

use std::collections::BTreeSet;
use std::fmt::Write;

use hallway_domain::{PersonId, Role};
use hallway_server::api::routes;
use hallway_server::pages::page_routes;
use hallway_server::Access;
use hallway_testkit::{backends, spawn_app, TestApp};
use http::records::{store_chat, store_circle, store_invitation, store_note};
use http::{get, org, store_invite, store_person, store_room, store_session, store_team};
use reqwest::{Method, StatusCode};
use serde_json::{json, Value};

/// A CSRF token for the matrix's requests (sent as cookie and as header or form field).
const CSRF: &str = "matrix-csrf-token-0123456789abcdefghijklmnop";

#[derive(Clone, Copy)]
struct Caller {
    name: &'static str,
    /// 0 anonymous, 1 guest, 2 member, 3 admin, 4 owner.
    rank: u8,
    person: Option<PersonId>,
}

fn access_of(text: &str) -> Access {
    match text {
        "public" => Access::Public,
        "setup" => Access::Setup,
        "signed_in" => Access::SignedIn,
        "member" => Access::Member,
        "admin" => Access::Admin,
        other => panic!("unknown x-hallway-access {other:?}"),
    }
}

fn allowed(caller: Caller, access: Access) -> bool {
    match access {
        Access::Public => true,
        Access::Setup => false,
        Access::SignedIn => caller.rank >= 1,
        Access::Member => caller.rank >= 2,
        Access::Admin => caller.rank >= 3,
    }
}

/// One route to call: from the OpenAPI document or from `pages::routes`.
struct Target {
    api: bool,
    method: String,
    path: String,
    access: Access,
    /// The JSON example of the OpenAPI document, for API routes with a body.
    example: Option<Value>,
}

fn api_targets(document: &Value) -> Vec<Target> {
    let mut all = Vec::new();
    for (path, operations) in document["paths"].as_object().expect("paths") {
        for (method, operation) in operations.as_object().expect("operations") {
            let access = operation["x-hallway-access"]
                .as_str()
                .unwrap_or_else(|| panic!("{method} {path} has no x-hallway-access"));
            all.push(Target {
                api: true,
                method: method.to_uppercase(),
                path: path.clone(),
                access: access_of(access),
                example: operation
                    .pointer("/requestBody/content/application~1json/example")
                    .cloned(),
            });
        }
    }
    all
}

fn page_targets() -> Vec<Target> {
    page_routes()
        .into_iter()
        .map(|route| Target {
            api: false,
            method: route.method.to_owned(),
            path: route.path.to_owned(),
            access: route.access,
            example: None,
        })
        .collect()
}

/// The JSON body for an API call: the document's example, except where the example would
/// meet a rule that is not about access (an admin may not make an admin).
fn api_body(target: &Target) -> Option<Value> {
    match (target.method.as_str(), target.path.as_str()) {
        ("PUT", "/api/v1/people/{id}/role") => Some(json!({"role": "guest"})),
        ("PUT", "/api/v1/people/{id}/teams") => Some(json!({"teams": []})),
        ("POST" | "PUT", "/api/v1/teams" | "/api/v1/teams/{id}") => Some(json!({
            "name": unique("Team"), "description": "made by the matrix"
        })),
        ("POST", "/api/v1/rooms") => Some(json!({"name": unique("Room"), "kind": "open"})),
        _ => target.example.clone(),
    }
}

/// The form fields for a page post (the CSRF token is added separately).
fn page_form(path: &str, owner: PersonId) -> Vec<(&'static str, String)> {
    let field = |k: &'static str, v: &str| (k, v.to_owned());
    match path {
        "/rooms" => vec![field("name", &unique("Room")), field("kind", "open")],
        "/rooms/{id}/members" => vec![field("person", &owner.0.to_string())],
        "/profile" => vec![
            field("display_name", "Matrix Person"),
            field("time_zone", "UTC"),
        ],
        "/admin/teams" | "/admin/teams/{id}" => vec![field("name", &unique("Team"))],
        "/admin/people/{id}/role" => vec![field("role", "guest")],
        "/notes" | "/notes/{id}" => vec![
            field("kind", "solved"),
            field("title", "A matrix note"),
            field("body", "Written by the matrix."),
        ],
        "/account/pulse" => vec![field("choice", "leave")],
        "/circles" => vec![field("name", &unique("Circle"))],
        "/circles/{id}/membership" => vec![field("action", "join")],
        "/circles/{id}/exclusions" => vec![field("person", &owner.0.to_string())],
        "/invitations/{id}" => vec![field("answer", "accept")],
        "/admin/pulse" => vec![field("enabled", "on")],
        "/admin/invites" => vec![
            field("role", "member"),
            field("expires_in_hours", "24"),
            field("max_uses", "1"),
        ],
        // Setup gets an empty form: once set up, it must refuse before reading input.
        _ => Vec::new(),
    }
}

fn unique(prefix: &str) -> String {
    format!(
        "{prefix} {}",
        &uuid::Uuid::new_v4().simple().to_string()[..10]
    )
}

/// Fills `{id}` and `{token}` with fresh records so each call stands alone.
async fn fill_path(app: &TestApp, target: &Target, caller: Caller, owner: PersonId) -> String {
    let mut path = target.path.clone();
    if path.contains("{token}") {
        let (_, token) = store_invite(app, owner, Role::Member, 24, 5).await;
        path = path.replace("{token}", &token);
    }
    if path.contains("{person}") {
        let person = match caller.person {
            Some(person) => person,
            None => store_person(app, Role::Member, "Room Member").await,
        };
        path = path.replace("{person}", &person.to_string());
    }
    if path.contains("{id}") {
        let id = if path.contains("/rooms/{id}") {
            // A private room the caller was invited into: everyone signed in may enter it.
            store_room(app, caller.person).await.0
        } else if path.contains("/sessions/{id}") {
            let person = match caller.person {
                Some(person) => person,
                None => store_person(app, Role::Member, "Session Holder").await,
            };
            store_session(app, person).await.0 .0
        } else if path.contains("/teams/{id}") {
            store_team(app).await.0
        } else if path.contains("/notes/{id}") {
            // A note of the caller's own, so its author's rights are what is tested.
            store_note(app, caller.person.unwrap_or(owner)).await
        } else if path.contains("/chats/{id}") {
            // A fresh request to the caller, so the colleague's rights are what is tested.
            store_chat(app, caller.person.unwrap_or(owner)).await
        } else if path.contains("/circles/{id}") {
            // A circle the caller started, so the creator's rights are what is tested.
            store_circle(app, caller.person).await.0
        } else if path.contains("/invitations/{id}") {
            // An invitation of the caller's own.
            store_invitation(app, caller.person.unwrap_or(owner), owner).await
        } else if path.contains("/invites/{id}") {
            store_invite(app, owner, Role::Member, 24, 1).await.0 .0
        } else if path.contains("/people/{id}") {
            // A signed-in route on a person is about the caller themself (guests see only
            // themself); every other one gets a fresh member to act on.
            match (target.access, caller.person) {
                (Access::SignedIn, Some(me)) => me.0,
                _ => store_person(app, Role::Member, "Target Person").await.0,
            }
        } else {
            panic!("the matrix does not know what {{id}} is in {}", target.path)
        };
        path = path.replace("{id}", &id.to_string());
    }
    assert!(!path.contains('{'), "unfilled parameter in {}", target.path);
    path
}

/// Calls one route as one caller with a fresh session of theirs; returns status and Location.
async fn call(
    app: &TestApp,
    http: &reqwest::Client,
    target: &Target,
    caller: Caller,
    owner: PersonId,
) -> (StatusCode, String) {
    let path = fill_path(app, target, caller, owner).await;
    let mut cookie = format!("hallway_csrf={CSRF}");
    if let Some(person) = caller.person {
        let (_, token) = store_session(app, person).await;
        write!(cookie, "; hallway_session={token}").unwrap();
    }
    let method = Method::from_bytes(target.method.as_bytes()).unwrap();
    let mut request = http
        .request(method.clone(), format!("{}{path}", app.url))
        .header(reqwest::header::COOKIE, cookie);
    if target.api {
        request = request.header("X-CSRF-Token", CSRF);
        if let Some(body) = api_body(target) {
            request = request.json(&body);
        }
    } else if method == Method::POST {
        let mut fields = vec![("csrf_token", CSRF.to_owned())];
        fields.extend(page_form(&target.path, owner));
        request = request.form(&fields);
    }
    let response = request.send().await.expect("a matrix request");
    let status = response.status();
    let location = response
        .headers()
        .get(reqwest::header::LOCATION)
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .to_owned();
    (status, location)
}

/// Why an answer is wrong for this caller, if it is.
fn judge(target: &Target, caller: Caller, status: StatusCode, location: &str) -> Option<String> {
    let code = status.as_u16();
    if status.is_server_error() || code == 405 {
        return Some(format!("got {code}"));
    }
    if target.access == Access::Setup {
        return (code != 403).then(|| format!("setup is done: expected 403, got {code}"));
    }
    if allowed(caller, target.access) {
        if !target.api && code == 404 {
            // Every id is fresh and real, so a 404 here means the page route is not wired.
            return Some("has access but the page is not found".into());
        }
        return matches!(code, 401 | 403).then(|| format!("has access but got {code}"));
    }
    match (caller.person, target.api) {
        (None, true) => (code != 401).then(|| format!("expected 401, got {code}")),
        (None, false) => (!(status.is_redirection() && location == "/signin"))
            .then(|| format!("expected a redirect to /signin, got {code} {location}")),
        (Some(_), _) => (code != 403).then(|| format!("expected 403, got {code}")),
    }
}

fn access_name(access: Access) -> String {
    serde_json::to_value(access)
        .unwrap()
        .as_str()
        .unwrap()
        .to_owned()
}

#[tokio::test]
async fn every_route_answers_each_role_as_its_access_says() {
    for backend in backends().await {
        let app = spawn_app(backend, |config| {
            config.sign_in_failures_per_account = 1_000;
            config.sign_in_failures_per_ip = 1_000;
            config.invites_per_hour = 1_000;
        })
        .await;
        let org = org(&app).await;
        for (member, role) in [
            (&org.owner, "owner"),
            (&org.admin, "admin"),
            (&org.member, "member"),
            (&org.guest, "guest"),
        ] {
            let me = get(&member.client, "/api/v1/me").await;
            assert_eq!(me.json()["role"], json!(role), "{}", me.text);
        }
        let callers = [
            Caller {
                name: "anon",
                rank: 0,
                person: None,
            },
            Caller {
                name: "guest",
                rank: 1,
                person: Some(PersonId(org.guest.id)),
            },
            Caller {
                name: "member",
                rank: 2,
                person: Some(PersonId(org.member.id)),
            },
            Caller {
                name: "admin",
                rank: 3,
                person: Some(PersonId(org.admin.id)),
            },
            Caller {
                name: "owner",
                rank: 4,
                person: Some(PersonId(org.owner.id)),
            },
        ];
        let owner = PersonId(org.owner.id);

        let document = get(&org.member.client, "/api/v1/openapi.json").await.json();
        let mut targets = api_targets(&document);
        assert!(targets.len() >= routes().len());
        targets.extend(page_targets());

        let http = reqwest::Client::builder()
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .unwrap();
        let mut table = format!(
            "{:<7} {:<42} {:<9} {:>6} {:>6} {:>6} {:>6} {:>6}\n",
            "METHOD", "PATH", "ACCESS", "anon", "guest", "member", "admin", "owner"
        );
        let mut failures = Vec::new();
        for target in &targets {
            let mut row = format!(
                "{:<7} {:<42} {:<9}",
                target.method,
                if target.api {
                    target.path.clone()
                } else {
                    format!("page {}", target.path)
                },
                access_name(target.access)
            );
            for caller in callers {
                let (status, location) = call(&app, &http, target, caller, owner).await;
                let verdict = judge(target, caller, status, &location);
                let mark = if verdict.is_some() { "!" } else { " " };
                write!(row, " {:>5}{mark}", status.as_u16()).unwrap();
                if let Some(why) = verdict {
                    failures.push(format!(
                        "{} {} as {}: {why}",
                        target.method, target.path, caller.name
                    ));
                }
            }
            table.push_str(&row);
            table.push('\n');
        }
        if std::env::var_os("HALLWAY_PRINT_MATRIX").is_some() {
            eprintln!("authorization matrix on {}:\n{table}", app.name());
        }
        assert!(
            failures.is_empty(),
            "authorization matrix on {} ({} wrong answers, marked !):\n{table}\n{}",
            app.name(),
            failures.len(),
            failures.join("\n")
        );
        app.finish().await;
    }
}

#[tokio::test]
async fn the_openapi_document_lists_every_route_with_its_access() {
    for backend in backends().await {
        let app = spawn_app(backend, |_| {}).await;
        let anonymous = hallway_testkit::Client::new(&app.url).await;
        let document = get(&anonymous, "/api/v1/openapi.json").await.json();
        let listed: BTreeSet<(String, String, String)> = api_targets(&document)
            .into_iter()
            .map(|t| (t.method, t.path, access_name(t.access)))
            .collect();
        let declared: BTreeSet<(String, String, String)> = routes()
            .into_iter()
            .map(|(route, _)| {
                (
                    route.method.to_owned(),
                    route.path.to_owned(),
                    access_name(route.access),
                )
            })
            .collect();
        assert_eq!(
            listed,
            declared,
            "on {}: the document and routes() differ",
            app.name()
        );
        let operations: usize = document["paths"]
            .as_object()
            .unwrap()
            .values()
            .map(|ops| ops.as_object().unwrap().len())
            .sum();
        assert_eq!(operations, routes().len(), "a route is listed twice");
        app.finish().await;
    }
}
