//! Bad input over HTTP, on every backend: each gets a clear error naming the problem, and
//! nothing is partly written.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod http;

use hallway_domain::{PersonId, Role};
use hallway_testkit::{backends, spawn_app, Client, TestApp};
use http::{
    accept, create_invite, form, get, org, post, profile_body, put, setup_owner, store_invite,
    try_sign_in, Reply, OWNER_EMAIL, PASSWORD,
};
use reqwest::{Method, StatusCode};
use serde_json::{json, Value};

/// Sends `body` as-is with the CSRF header and the given content type.
async fn raw(
    client: &Client,
    method: Method,
    path: &str,
    content_type: &str,
    body: String,
) -> Reply {
    let response = client
        .http
        .request(method, client.url(path))
        .header("X-CSRF-Token", client.csrf())
        .header(reqwest::header::CONTENT_TYPE, content_type)
        .body(body)
        .send()
        .await
        .expect("a raw request");
    Reply::of(response).await
}

/// The stored profile of a person, to check that nothing changed.
async fn stored_profile(app: &TestApp, id: i64) -> hallway_domain::Profile {
    app.backend
        .store
        .person(PersonId(id))
        .await
        .expect("the person")
        .profile
}

#[tokio::test]
async fn broken_json_bodies_are_named_and_change_nothing() {
    for backend in backends().await {
        let app = spawn_app(backend, |config| config.max_body_bytes = 2048).await;
        let org = org(&app).await;
        let me = &org.member;
        let before = stored_profile(&app, me.id).await;

        let malformed = raw(
            &me.client,
            Method::PUT,
            "/api/v1/me/profile",
            "application/json",
            r#"{"display_name": "Mo", "#.into(),
        )
        .await;
        malformed.problem(400, "not valid JSON");

        let mut unknown = profile_body("Mo Changed", "UTC", &[]);
        unknown["favourite_colour"] = json!("teal");
        put(&me.client, "/api/v1/me/profile", &unknown)
            .await
            .problem(400, "favourite_colour");

        let wrong_type = raw(
            &me.client,
            Method::PUT,
            "/api/v1/me/profile",
            "text/plain",
            serde_json::to_string(&profile_body("Mo Changed", "UTC", &[])).unwrap(),
        )
        .await;
        wrong_type.problem(400, "Content-Type: application/json");

        let mut huge = profile_body("Mo Changed", "UTC", &[]);
        huge["bio"] = json!("x".repeat(4096));
        put(&me.client, "/api/v1/me/profile", &huge)
            .await
            .problem(413, "larger than 2048 bytes");
        let huge_form = form(
            &me.client,
            "/profile",
            &[("display_name", "Mo Changed"), ("bio", &"y".repeat(4096))],
        )
        .await;
        assert_eq!(huge_form.status, StatusCode::PAYLOAD_TOO_LARGE);

        assert_eq!(stored_profile(&app, me.id).await, before, "{}", app.name());
        app.finish().await;
    }
}

#[tokio::test]
async fn bad_time_zones_and_working_hours_are_named() {
    for backend in backends().await {
        let app = spawn_app(backend, |_| {}).await;
        let org = org(&app).await;
        let me = &org.member;
        let before = stored_profile(&app, me.id).await;

        let zone = put(
            &me.client,
            "/api/v1/me/profile",
            &profile_body("Mo Changed", "Mars/Olympus_Mons", &[]),
        )
        .await;
        let problem = zone.problem(422, "Mars/Olympus_Mons");
        assert_eq!(problem["field"], json!("time_zone"), "{problem}");
        assert_eq!(
            problem["type"],
            json!("https://hallway.dev/problems/invalid-input")
        );

        for (day, hours, words) in [
            ("wed", json!(["09:00-12:00", "11:00-13:00"]), "overlaps"),
            ("thu", json!(["17:00-09:00"]), "ends before it starts"),
            ("sat", json!(["9 to 5"]), "should look like 09:00-17:00"),
            ("funday", json!(["09:00-17:00"]), "unknown weekday"),
        ] {
            let mut body = profile_body("Mo Changed", "UTC", &[]);
            body["working_hours"] = json!({ day: hours });
            let reply = put(&me.client, "/api/v1/me/profile", &body).await;
            let problem = reply.problem(422, words);
            let detail = problem["detail"].as_str().unwrap();
            assert!(detail.contains(day), "{detail} does not name {day}");
            assert_eq!(problem["field"], json!("working_hours"), "{problem}");
        }

        // An admin editing someone else meets the same checks.
        let admin_edit = put(
            &org.admin.client,
            &format!("/api/v1/people/{}/profile", me.id),
            &profile_body("Mo Changed", "Not/AZone", &[]),
        )
        .await;
        assert_eq!(
            admin_edit.problem(422, "Not/AZone")["field"],
            json!("time_zone")
        );

        // The profile page shows the problem inline, keeps what was typed, and saves nothing.
        let page = form(
            &me.client,
            "/profile",
            &[
                ("display_name", "Mo Changed"),
                ("time_zone", "Mars/Olympus_Mons"),
                ("mon", "09:00-17:00"),
            ],
        )
        .await;
        assert_eq!(page.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(page.text.contains("role=\"alert\""), "{}", page.text);
        assert!(page.text.contains("Mars/Olympus_Mons"), "{}", page.text);
        assert!(page.text.contains("value=\"Mo Changed\""));
        let hours = form(
            &me.client,
            "/profile",
            &[
                ("display_name", "Mo Changed"),
                ("time_zone", "UTC"),
                ("fri", "09:00-12:00, 11:30-14:00"),
            ],
        )
        .await;
        assert_eq!(hours.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(hours.text.contains("role=\"alert\""));
        assert!(
            hours.text.contains("fri: 09:00-12:00 overlaps 11:30-14:00"),
            "{}",
            hours.text
        );

        assert_eq!(stored_profile(&app, me.id).await, before, "{}", app.name());
        app.finish().await;
    }
}

#[tokio::test]
async fn used_expired_and_duplicate_invites_write_nothing() {
    for backend in backends().await {
        let app = spawn_app(backend, |_| {}).await;
        let owner = setup_owner(&app).await;
        let stranger = Client::new(&app.url).await;
        let sign_up =
            |email: &str| json!({"email": email, "display_name": "Newcomer", "password": PASSWORD});

        // The owner's email is taken: 409, and the invite is not used up.
        let (invite, token) = create_invite(&owner.client, json!({"role": "member"})).await;
        let accept_path = format!("/api/v1/invites/by-token/{token}/accept");
        post(&stranger, &accept_path, &sign_up(OWNER_EMAIL))
            .await
            .problem(409, "already exists");
        let uses = |invites: Value| {
            invites
                .as_array()
                .unwrap()
                .iter()
                .find(|i| i["id"] == invite["id"])
                .unwrap()["uses"]
                .clone()
        };
        assert_eq!(
            uses(get(&owner.client, "/api/v1/invites").await.json()),
            json!(0)
        );
        assert_eq!(app.backend.store.count_people().await.unwrap(), 1);

        // A bad field in the sign-up is named; nothing is used either.
        let mut bad_zone = sign_up("newcomer@example.org");
        bad_zone["time_zone"] = json!("Atlantis/Capital");
        let problem = post(&stranger, &accept_path, &bad_zone)
            .await
            .problem(422, "Atlantis/Capital");
        assert_eq!(problem["field"], json!("time_zone"));
        let short =
            json!({"email": "newcomer@example.org", "display_name": "N", "password": "short"});
        let problem = post(&stranger, &accept_path, &short)
            .await
            .problem(422, "at least 10 characters");
        assert_eq!(problem["field"], json!("password"));

        // Now used once, it is gone for the next person.
        accept(&app, &token, "newcomer@example.org", "Newcomer").await;
        post(&stranger, &accept_path, &sign_up("later@example.org"))
            .await
            .problem(410, "already been used");
        let (_, expired) = store_invite(&app, PersonId(owner.id), Role::Member, -2, 5).await;
        post(
            &stranger,
            &format!("/api/v1/invites/by-token/{expired}/accept"),
            &sign_up("late@example.org"),
        )
        .await
        .problem(410, "expired");
        // The form says the same.
        let page = form(
            &stranger,
            &format!("/invite/{token}"),
            &[
                ("email", "later@example.org"),
                ("display_name", "Later"),
                ("password", PASSWORD),
            ],
        )
        .await;
        assert_eq!(page.status, StatusCode::GONE);
        assert!(page.text.contains("already been used"), "{}", page.text);
        assert_eq!(app.backend.store.count_people().await.unwrap(), 2);
        app.finish().await;
    }
}

#[tokio::test]
async fn wrong_passwords_and_missing_fields_are_explained() {
    for backend in backends().await {
        let app = spawn_app(backend, |_| {}).await;
        setup_owner(&app).await;
        let client = Client::new(&app.url).await;
        try_sign_in(&client, OWNER_EMAIL, "a wrong password")
            .await
            .problem(400, "wrong email or password");
        try_sign_in(&client, "", "")
            .await
            .problem(400, "enter your email and password");
        post(&client, "/api/v1/session", &json!({"email": OWNER_EMAIL}))
            .await
            .problem(400, "password");
        app.finish().await;
    }
}

#[tokio::test]
async fn requests_without_the_csrf_token_or_from_another_origin_are_refused() {
    for backend in backends().await {
        let app = spawn_app(backend, |_| {}).await;
        let owner = setup_owner(&app).await;
        let client = &owner.client;
        let body = profile_body("Olive Changed", "UTC", &[]);
        let before = stored_profile(&app, owner.id).await;

        // API: no header, a wrong header, and a foreign Origin with the right header.
        let missing = client
            .http
            .put(client.url("/api/v1/me/profile"))
            .json(&body)
            .send()
            .await
            .unwrap();
        Reply::of(missing).await.problem(403, "CSRF");
        let wrong = client
            .http
            .put(client.url("/api/v1/me/profile"))
            .header("X-CSRF-Token", "x".repeat(43))
            .json(&body)
            .send()
            .await
            .unwrap();
        Reply::of(wrong)
            .await
            .problem(403, "CSRF token does not match");
        let foreign = client
            .http
            .put(client.url("/api/v1/me/profile"))
            .header("X-CSRF-Token", client.csrf())
            .header(reqwest::header::ORIGIN, "https://evil.example")
            .json(&body)
            .send()
            .await
            .unwrap();
        Reply::of(foreign).await.problem(403, "Origin");

        // Pages: a form without csrf_token, and one from another origin.
        let fields = [("display_name", "Olive Changed"), ("time_zone", "UTC")];
        let missing = client
            .http
            .post(client.url("/profile"))
            .form(&fields)
            .send()
            .await
            .unwrap();
        let missing = Reply::of(missing).await;
        assert_eq!(missing.status, StatusCode::FORBIDDEN);
        assert!(missing.header("content-type").starts_with("text/html"));
        assert!(missing.text.contains("CSRF"), "{}", missing.text);
        let mut with_token = vec![("csrf_token", client.csrf())];
        with_token.extend(fields);
        let foreign = client
            .http
            .post(client.url("/profile"))
            .header(reqwest::header::ORIGIN, "https://evil.example")
            .form(&with_token)
            .send()
            .await
            .unwrap();
        let foreign = Reply::of(foreign).await;
        assert_eq!(foreign.status, StatusCode::FORBIDDEN);
        assert!(foreign.text.contains("Origin"), "{}", foreign.text);

        // A client with no CSRF cookie at all.
        let bare = reqwest::Client::new();
        let reply = bare
            .post(format!("{}/api/v1/session", app.url))
            .header("X-CSRF-Token", "x".repeat(43))
            .json(&json!({"email": OWNER_EMAIL, "password": PASSWORD}))
            .send()
            .await
            .unwrap();
        Reply::of(reply).await.problem(403, "CSRF cookie");

        // The same origin is fine.
        let same = client
            .http
            .put(client.url("/api/v1/me/profile"))
            .header("X-CSRF-Token", client.csrf())
            .header(reqwest::header::ORIGIN, &app.url)
            .json(&profile_body("Olive Owner", "UTC", &[]))
            .send()
            .await
            .unwrap();
        assert_eq!(same.status(), StatusCode::OK);
        let after = stored_profile(&app, owner.id).await;
        assert_eq!(after.display_name, before.display_name);
        app.finish().await;
    }
}

#[tokio::test]
async fn a_database_outage_gives_503s_not_500s() {
    for backend in backends().await {
        let app = spawn_app(backend, |_| {}).await;
        let owner = setup_owner(&app).await;
        let anonymous = Client::new(&app.url).await;
        let ready = get(&anonymous, "/readyz").await;
        assert_eq!(ready.status, StatusCode::OK, "{}", ready.text);

        app.backend.simulate_outage().await;
        let ready = get(&anonymous, "/readyz").await;
        assert_eq!(
            ready.status,
            StatusCode::SERVICE_UNAVAILABLE,
            "{}",
            app.name()
        );
        let body = ready.json();
        assert_eq!(body["status"], json!("unavailable"));
        assert_eq!(body["database"], json!(app.name()));
        assert!(
            body["detail"].as_str().unwrap().contains("database"),
            "{body}"
        );
        assert_eq!(get(&anonymous, "/healthz").await.status, StatusCode::OK);

        get(&owner.client, "/api/v1/me")
            .await
            .problem(503, "database is unavailable");
        get(&owner.client, "/api/v1/people")
            .await
            .problem(503, "database is unavailable");
        try_sign_in(&anonymous, OWNER_EMAIL, PASSWORD)
            .await
            .problem(503, "database is unavailable");
        put(
            &owner.client,
            "/api/v1/me/profile",
            &profile_body("Olive", "UTC", &[]),
        )
        .await
        .problem(503, "database is unavailable");
        for page in ["/people", "/profile", "/signin", "/"] {
            let reply = get(&owner.client, page).await;
            assert_eq!(
                reply.status,
                StatusCode::SERVICE_UNAVAILABLE,
                "{page} during an outage: {}",
                reply.text
            );
        }
        let metrics = get(&anonymous, "/metrics").await;
        assert!(metrics.text.contains("hallway_database_up 0"));
        app.finish().await;
    }
}

#[tokio::test]
async fn unknown_routes_are_404s() {
    for backend in backends().await {
        let app = spawn_app(backend, |_| {}).await;
        let client = Client::new(&app.url).await;
        get(&client, "/api/v1/nothing-here")
            .await
            .problem(404, "API route not found");
        post(&client, "/api/v2/people", &json!({}))
            .await
            .problem(404, "API route not found");
        let page = get(&client, "/no/such/page").await;
        assert_eq!(page.status, StatusCode::NOT_FOUND);
        assert!(page.header("content-type").starts_with("text/html"));
        app.finish().await;
    }
}

#[tokio::test]
async fn callers_without_access_are_refused_before_their_body_is_read() {
    for backend in backends().await {
        let app = spawn_app(backend, |_| {}).await;
        let name = app.name();
        let org = org(&app).await;

        // A member sending a broken body to an admin route learns only that they may not.
        let reply = raw(
            &org.member.client,
            Method::POST,
            "/api/v1/teams",
            "application/json",
            "{not json".into(),
        )
        .await;
        reply.problem(403, "admins");
        // Anonymous callers get 401 whatever they send.
        let anonymous = Client::new(&app.url).await;
        let reply = raw(
            &anonymous,
            Method::PUT,
            "/api/v1/me/profile",
            "application/json",
            "[]".into(),
        )
        .await;
        assert_eq!(
            reply.status,
            StatusCode::UNAUTHORIZED,
            "{name}: {}",
            reply.text
        );
        // Once set up, setup is closed even to a malformed request.
        let reply = raw(
            &anonymous,
            Method::POST,
            "/api/v1/setup",
            "application/json",
            "{}".into(),
        )
        .await;
        reply.problem(403, "already set up");
        app.finish().await;
    }
}
