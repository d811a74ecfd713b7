//! What a newcomer's walkthrough found, fixed and checked on every backend: the invite page
//! says who invited you and to which Hallway, and the session list names devices in words.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod http;

use chrono::{Duration, Utc};
use hallway_server::auth::{new_token, token_hash};
use hallway_store::NewSession;
use hallway_testkit::{backends, spawn_app, Client};
use http::{create_invite, get, setup_owner};
use serde_json::json;

#[tokio::test]
async fn the_invite_page_names_the_inviter_and_the_place() {
    for backend in backends().await {
        let app = spawn_app(backend, |_| {}).await;
        let owner = setup_owner(&app).await;
        let (_, token) = create_invite(&owner.client, json!({"role": "member"})).await;
        let visitor = Client::new(&app.url).await;
        let page = get(&visitor, &format!("/invite/{token}")).await;
        assert_eq!(page.status, 200, "{}", page.text);
        let host = app.url.split_once("://").unwrap().1.trim_end_matches('/');
        assert!(
            page.text
                .contains("<strong>Olive Owner</strong> invited you"),
            "{}: {}",
            app.name(),
            page.text
        );
        assert!(
            page.text.contains(&format!("Hallway at {host}")),
            "{}",
            page.text
        );
        app.finish().await;
    }
}

#[tokio::test]
async fn sessions_are_listed_by_device_not_by_raw_user_agent() {
    for backend in backends().await {
        let app = spawn_app(backend, |_| {}).await;
        let owner = setup_owner(&app).await;
        let raw = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36";
        app.backend
            .store
            .create_session(NewSession {
                person: hallway_domain::PersonId(owner.id),
                token_hash: token_hash(&new_token()),
                user_agent: raw.into(),
                created_at: Utc::now(),
                expires_at: Utc::now() + Duration::days(1),
            })
            .await
            .unwrap();
        let page = get(&owner.client, "/account").await;
        assert_eq!(page.status, 200, "{}", page.text);
        assert!(
            page.text.contains(">Chrome on Linux</span>"),
            "{}: {}",
            app.name(),
            page.text
        );
        assert!(
            !page.text.contains(&format!(">{raw}<")),
            "the raw string is only a tooltip: {}",
            page.text
        );
        app.finish().await;
    }
}

#[tokio::test]
async fn the_people_admin_finds_someone_by_name_or_email() {
    for backend in backends().await {
        let app = spawn_app(backend, |_| {}).await;
        let org = http::org(&app).await;
        let all = get(&org.owner.client, "/admin/people").await;
        assert!(all.text.contains("Ada Admin") && all.text.contains("Mo Member"));
        assert!(all.text.contains(r#"id="people-q""#), "a search box");
        let found = get(&org.owner.client, "/admin/people?q=mo.mem").await;
        assert_eq!(found.status, 200, "{}", found.text);
        assert!(
            found.text.contains("Mo Member"),
            "{}: {}",
            app.name(),
            found.text
        );
        assert!(!found.text.contains("Ada Admin"), "{}", found.text);
        assert!(found.text.contains("1 found"), "{}", found.text);
        let by_name = get(&org.owner.client, "/admin/people?q=ADA").await;
        assert!(by_name.text.contains("Ada Admin") && !by_name.text.contains("Mo Member"));
        app.finish().await;
    }
}

#[tokio::test]
async fn the_profile_form_shows_every_problem_at_once() {
    for backend in backends().await {
        let app = spawn_app(backend, |_| {}).await;
        let org = http::org(&app).await;
        let refused = http::form(
            &org.member.client,
            "/profile",
            &[
                ("display_name", ""),
                ("time_zone", "Mars/Olympus_Mons"),
                ("mon", "17:00-09:00"),
            ],
        )
        .await;
        assert_eq!(refused.status, 422, "{}: {}", app.name(), refused.text);
        let shown = refused
            .text
            .split_once(r#"id="form-error">"#)
            .and_then(|(_, rest)| rest.split_once("</div>"))
            .map(|(errors, _)| errors.to_owned())
            .unwrap_or_else(|| panic!("an error box: {}", refused.text));
        assert_eq!(shown.matches("<p>").count(), 3, "{}: {shown}", app.name());
        for field in ["display_name", "time_zone", "Mars/Olympus_Mons"] {
            assert!(
                shown.contains(field),
                "{}: names {field}: {shown}",
                app.name()
            );
        }
        app.finish().await;
    }
}

#[tokio::test]
async fn the_hallway_lists_fresh_working_on_lines_first() {
    for backend in backends().await {
        let app = spawn_app(backend, |_| {}).await;
        let org = http::org(&app).await;
        let store = &app.backend.store;
        let now = Utc::now();
        let line = |text: &str| {
            hallway_domain::Status::new(hallway_domain::Availability::OpenToChat, None, text, now)
                .unwrap()
        };
        // Ada's line is two days old, Mo's is from this morning, Gus has none.
        store
            .set_status(
                hallway_domain::PersonId(org.admin.id),
                &line("the offsite agenda"),
                now - Duration::days(2),
            )
            .await
            .unwrap();
        store
            .set_status(
                hallway_domain::PersonId(org.member.id),
                &line("the TLS rollout"),
                now - Duration::hours(1),
            )
            .await
            .unwrap();
        let page = get(&org.owner.client, "/").await.text;
        let people = page.split_once(r#"id="people""#).unwrap().1;
        let at = |name: &str| people.find(name).unwrap_or_else(|| panic!("{name} listed"));
        assert!(
            at("Mo Member") < at("Ada Admin"),
            "{}: fresh line first",
            app.name()
        );
        assert!(at("Ada Admin") < at("Olive Owner"), "the rest by name");
        app.finish().await;
    }
}
