//! Shared helpers for the HTTP suites: an org built through the API, problem JSON, and
//! throwaway records made straight in the store (cheap: no password hashing).

#![allow(dead_code)]

pub mod records;

use chrono::{Duration, Utc};
use hallway_domain::{
    DisplayName, Email, InviteId, PersonId, Role, RoomId, RoomKind, RoomName, SessionId, TeamId,
    TeamName,
};
use hallway_server::accounts::starter_profile;
use hallway_server::auth::{new_token, token_hash};
use hallway_store::{NewInvite, NewPerson, NewRoom, NewSession};
use hallway_testkit::{Client, TestApp};
use reqwest::{Response, StatusCode};
use serde_json::{json, Value};

/// Every person in these suites has this password (argon2 runs once per sign-in or sign-up).
pub const PASSWORD: &str = "correct horse battery";
pub const OWNER_EMAIL: &str = "olive.owner@example.org";

/// Status, headers and body of a response, read once.
pub struct Reply {
    pub status: StatusCode,
    pub headers: reqwest::header::HeaderMap,
    pub text: String,
}

impl Reply {
    pub async fn of(response: Response) -> Reply {
        let status = response.status();
        let headers = response.headers().clone();
        let text = response.text().await.expect("a response body");
        Reply {
            status,
            headers,
            text,
        }
    }

    pub fn json(&self) -> Value {
        serde_json::from_str(&self.text)
            .unwrap_or_else(|e| panic!("not JSON ({e}): {:?}", self.text))
    }

    pub fn header(&self, name: &str) -> &str {
        self.headers
            .get(name)
            .and_then(|v| v.to_str().ok())
            .unwrap_or_default()
    }

    /// Every `Set-Cookie` value.
    pub fn set_cookies(&self) -> Vec<String> {
        self.headers
            .get_all(reqwest::header::SET_COOKIE)
            .iter()
            .filter_map(|v| v.to_str().ok())
            .map(str::to_owned)
            .collect()
    }

    /// Asserts an RFC 9457 problem with `status` whose detail contains `needle`
    /// (case-insensitive); returns the problem.
    pub fn problem(&self, status: u16, needle: &str) -> Value {
        assert_eq!(
            self.status.as_u16(),
            status,
            "expected {status}, got {}: {}",
            self.status,
            self.text
        );
        assert!(
            self.header("content-type")
                .starts_with("application/problem+json"),
            "not problem JSON ({}): {}",
            self.header("content-type"),
            self.text
        );
        let body = self.json();
        assert_eq!(body["status"], json!(status), "{body}");
        let detail = body["detail"].as_str().unwrap_or_default().to_lowercase();
        assert!(
            detail.contains(&needle.to_lowercase()),
            "detail {detail:?} does not mention {needle:?}"
        );
        body
    }

    /// The `Location` of a redirect.
    pub fn location(&self) -> &str {
        self.header("location")
    }
}

pub async fn get(client: &Client, path: &str) -> Reply {
    Reply::of(client.get(path).await).await
}

pub async fn post(client: &Client, path: &str, body: &Value) -> Reply {
    Reply::of(client.post(path, body).await).await
}

pub async fn put(client: &Client, path: &str, body: &Value) -> Reply {
    Reply::of(client.put(path, body).await).await
}

pub async fn delete(client: &Client, path: &str) -> Reply {
    Reply::of(client.delete(path).await).await
}

pub async fn delete_with(client: &Client, path: &str, body: &Value) -> Reply {
    Reply::of(client.send(reqwest::Method::DELETE, path, Some(body)).await).await
}

pub async fn form(client: &Client, path: &str, fields: &[(&str, &str)]) -> Reply {
    Reply::of(client.post_form(path, fields).await).await
}

/// A signed-in client and the person it is.
pub struct Member {
    pub client: Client,
    pub id: i64,
    pub email: String,
}

/// Creates the owner through `POST /api/v1/setup`.
pub async fn setup_owner(app: &TestApp) -> Member {
    let client = Client::new(&app.url).await;
    let reply = post(
        &client,
        "/api/v1/setup",
        &json!({"email": OWNER_EMAIL, "display_name": "Olive Owner",
                "password": PASSWORD, "time_zone": "Europe/London"}),
    )
    .await;
    assert_eq!(reply.status, StatusCode::CREATED, "setup: {}", reply.text);
    let id = reply.json()["person"]["id"].as_i64().expect("the owner id");
    Member {
        client,
        id,
        email: OWNER_EMAIL.to_owned(),
    }
}

/// Creates an invite through the API as `by`; returns the invite JSON and its token.
pub async fn create_invite(by: &Client, body: Value) -> (Value, String) {
    let reply = post(by, "/api/v1/invites", &body).await;
    assert_eq!(reply.status, StatusCode::CREATED, "invite: {}", reply.text);
    let created = reply.json();
    let url = created["url"].as_str().expect("an invite url");
    let token = url.rsplit('/').next().expect("a token").to_owned();
    (created["invite"].clone(), token)
}

/// Accepts an invite through the API with a fresh client.
pub async fn accept(app: &TestApp, token: &str, email: &str, name: &str) -> Member {
    let client = Client::new(&app.url).await;
    let reply = post(
        &client,
        &format!("/api/v1/invites/by-token/{token}/accept"),
        &json!({"email": email, "display_name": name, "password": PASSWORD}),
    )
    .await;
    assert_eq!(reply.status, StatusCode::CREATED, "accept: {}", reply.text);
    let id = reply.json()["person"]["id"].as_i64().expect("a person id");
    Member {
        client,
        id,
        email: email.to_owned(),
    }
}

/// Invites someone with `role` (as `by`) and accepts the invite.
pub async fn join(app: &TestApp, by: &Client, role: &str, email: &str, name: &str) -> Member {
    let (_, token) = create_invite(by, json!({"role": role})).await;
    accept(app, &token, email, name).await
}

/// The owner, an admin, a member and a guest, all signed in through the API.
pub struct Org {
    pub owner: Member,
    pub admin: Member,
    pub member: Member,
    pub guest: Member,
}

pub async fn org(app: &TestApp) -> Org {
    let owner = setup_owner(app).await;
    let admin = join(
        app,
        &owner.client,
        "admin",
        "ada.admin@example.org",
        "Ada Admin",
    )
    .await;
    let member = join(
        app,
        &owner.client,
        "member",
        "mo.member@example.org",
        "Mo Member",
    )
    .await;
    let guest = join(
        app,
        &owner.client,
        "guest",
        "gus.guest@example.org",
        "Gus Guest",
    )
    .await;
    Org {
        owner,
        admin,
        member,
        guest,
    }
}

/// Signs in through the API with a fresh client; panics unless it works.
pub async fn sign_in(app: &TestApp, email: &str, password: &str) -> Client {
    let client = Client::new(&app.url).await;
    let reply = post(
        &client,
        "/api/v1/session",
        &json!({"email": email, "password": password}),
    )
    .await;
    assert_eq!(reply.status, StatusCode::OK, "sign-in: {}", reply.text);
    client
}

/// Tries to sign in with `client`.
pub async fn try_sign_in(client: &Client, email: &str, password: &str) -> Reply {
    post(
        client,
        "/api/v1/session",
        &json!({"email": email, "password": password}),
    )
    .await
}

/// A person made straight in the store (no password), for targets of destructive calls.
pub async fn store_person(app: &TestApp, role: Role, name: &str) -> PersonId {
    let email = format!("{}@example.org", uuid::Uuid::new_v4().simple());
    let person = app
        .backend
        .store
        .create_person(NewPerson {
            email: Email::parse(&email).expect("an email"),
            role,
            password_hash: None,
            active: true,
            profile: starter_profile(DisplayName::parse(name).expect("a name"), None),
            teams: Vec::new(),
            joined_at: Utc::now(),
        })
        .await
        .expect("creating a person in the store");
    person.id
}

/// A session made straight in the store: its id and the token for a cookie.
pub async fn store_session(app: &TestApp, person: PersonId) -> (SessionId, String) {
    let token = new_token();
    let now = Utc::now();
    let session = app
        .backend
        .store
        .create_session(NewSession {
            person,
            token_hash: token_hash(&token),
            user_agent: "matrix".into(),
            created_at: now,
            expires_at: now + Duration::days(1),
        })
        .await
        .expect("creating a session in the store");
    (session.id, token)
}

pub async fn store_team(app: &TestApp) -> TeamId {
    let name = format!("Team {}", &uuid::Uuid::new_v4().simple().to_string()[..12]);
    let team = app
        .backend
        .store
        .create_team(&TeamName::parse(&name).expect("a team name"), "")
        .await
        .expect("creating a team in the store");
    team.id
}

/// A private room made straight in the store, with `member` (if any) invited into it.
pub async fn store_room(app: &TestApp, member: Option<PersonId>) -> RoomId {
    let name = format!("Room {}", &uuid::Uuid::new_v4().simple().to_string()[..12]);
    let room = app
        .backend
        .store
        .create_room(NewRoom {
            name: RoomName::parse(&name).expect("a room name"),
            topic: String::new(),
            kind: RoomKind::Private,
            team: None,
            overhearable: false,
            created_by: member,
            created_at: Utc::now(),
        })
        .await
        .expect("creating a room in the store");
    if let Some(member) = member {
        app.backend
            .store
            .add_room_member(room.id, member)
            .await
            .expect("inviting into a room in the store");
    }
    room.id
}

/// An invite made straight in the store: its id and token. `hours` may be negative (expired).
pub async fn store_invite(
    app: &TestApp,
    by: PersonId,
    role: Role,
    hours: i64,
    max_uses: u32,
) -> (InviteId, String) {
    let token = new_token();
    let now = Utc::now();
    let invite = app
        .backend
        .store
        .create_invite(NewInvite {
            token_hash: token_hash(&token),
            role,
            created_by: by,
            created_at: now - Duration::hours(hours.min(0).abs() + 1),
            expires_at: now + Duration::hours(hours),
            max_uses,
            teams: Vec::new(),
            note: String::new(),
        })
        .await
        .expect("creating an invite in the store");
    (invite.id, token)
}

/// A valid profile body for `PUT .../profile`.
pub fn profile_body(name: &str, zone: &str, tags: &[&str]) -> Value {
    json!({
        "display_name": name,
        "pronouns": "",
        "time_zone": zone,
        "working_hours": {"mon": ["09:00-17:00"], "tue": ["09:00-12:00", "13:00-17:00"]},
        "ask_me_about": tags,
        "bio": "",
    })
}
