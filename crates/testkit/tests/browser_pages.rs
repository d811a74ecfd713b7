//! Every page, as a person sees it, in real Chromium over the demo team: on a desktop and a
//! phone (390×844 and 360 px wide), in the light and the dark colour scheme (every screen on
//! the first backend; a desktop and 360 px on the others). Each must pass
//! axe-core with no serious or critical violation and must not scroll sideways; a screenshot
//! of each is saved in `test-output/browser/pages/` (`docs/screenshots/` holds a subset).
//! Failures are collected over all pages and printed together.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod browser;

use browser::{js, shot_in, LIVE_WAIT};
use chrono::Utc;
use fantoccini::Client;
use hallway_domain::{Email, NoteBody, NoteKind, NoteTitle, Role};
use hallway_server::auth::{new_token, token_hash};
use hallway_store::{NewInvite, NewNote, NewSession, PeopleQuery, Store};
use hallway_testkit::{
    axe_source, axe_violations, backends, emulate, open_signed_in, sideways_overflow, spawn_app,
    wait_for_js, Browser, Screen, TestApp,
};

/// Writes the demo organisation, its rooms and history, pulse and a circle into the store.
async fn seed_demo(app: &TestApp) {
    let store: &dyn Store = app.backend.store.as_ref();
    let org = hallway_seed::demo_org().unwrap();
    let hash = hallway_server::auth::password::hash_blocking("demo password").unwrap();
    hallway::demo::seed(store, &org, &hash).await.unwrap();
    let now = Utc::now();
    let history = hallway_seed::demo_history(&org, now, hallway_seed::DEMO_SEED).unwrap();
    hallway::demo::seed_rooms(store, &org, &history, now)
        .await
        .unwrap();
    hallway::demo::seed_pulse(store, &org, now).await.unwrap();
    hallway::demo::seed_circle(store, now).await.unwrap();
}

async fn session_for(store: &dyn Store, email: &str) -> String {
    let person = store
        .person_by_email(&Email::parse(email).unwrap())
        .await
        .unwrap();
    let token = new_token();
    store
        .create_session(NewSession {
            person: person.id,
            token_hash: token_hash(&token),
            user_agent: "browser test".into(),
            created_at: Utc::now(),
            expires_at: Utc::now() + chrono::Duration::days(1),
        })
        .await
        .unwrap();
    token
}

/// Pages look the same on every backend: the first gets every screen, the others (whose data
/// paths differ) a desktop and the narrowest phone.
fn screens(first_backend: bool) -> &'static [Screen] {
    if first_backend {
        &Screen::ALL
    } else {
        &[Screen::DESKTOP, Screen::NARROW]
    }
}

/// Checks the page the browser is on in each screen; returns what failed.
async fn audit(
    page: &Client,
    axe: &str,
    name: &str,
    backend: &str,
    screens: &[Screen],
) -> Vec<String> {
    let mut problems = Vec::new();
    for &screen in screens {
        emulate(page, screen).await;
        // A reload lets media queries and scripts start as they would on this screen.
        page.refresh().await.unwrap();
        wait_for_js(
            page,
            "document.readyState === 'complete' && (!document.getElementById('live-status') \
             || document.getElementById('live-status').dataset.state === 'live')",
            LIVE_WAIT,
            &format!("{name} loaded and live"),
        )
        .await;
        let what = format!("{name} ({}, {backend})", screen.name);
        for violation in axe_violations(page, axe).await {
            problems.push(format!("{what}: {violation}"));
        }
        let (over, wide) = sideways_overflow(page).await;
        if over > 0 {
            problems.push(format!(
                "{what}: scrolls sideways by {over} px; widest: {}",
                wide.join(", ")
            ));
        }
        if screen != Screen::NARROW {
            let png = page.screenshot().await.unwrap();
            shot_in("pages", png, &format!("{name}-{}-{backend}", screen.name));
        }
    }
    problems
}

#[tokio::test]
async fn every_page_passes_axe_in_both_themes_and_on_a_phone() {
    let Some(browser) = Browser::start().await else {
        return;
    };
    let Some(axe) = axe_source() else {
        return;
    };
    for (index, backend) in backends().await.into_iter().enumerate() {
        let app = spawn_app(backend, |_| {}).await;
        let name = app.name();
        let screens = screens(index == 0);
        let mut problems = Vec::new();

        // Before anyone exists: the setup page.
        let anonymous = browser.session().await;
        anonymous.goto(&format!("{}/setup", app.url)).await.unwrap();
        problems.extend(audit(&anonymous, &axe, "setup", name, screens).await);

        seed_demo(&app).await;
        let store: &dyn Store = app.backend.store.as_ref();
        let owner_token = session_for(store, hallway_seed::DEMO_OWNER_EMAIL).await;
        let owner = store
            .person_by_email(&Email::parse(hallway_seed::DEMO_OWNER_EMAIL).unwrap())
            .await
            .unwrap();

        // Signed out: sign-in, an invitation and a page that does not exist.
        let invite_token = new_token();
        store
            .create_invite(NewInvite {
                token_hash: token_hash(&invite_token),
                role: Role::Member,
                created_by: owner.id,
                created_at: Utc::now(),
                expires_at: Utc::now() + chrono::Duration::days(7),
                max_uses: 1,
                teams: Vec::new(),
                note: "Welcome aboard".into(),
            })
            .await
            .unwrap();
        for (page_name, path) in [
            ("signin", "/signin".to_owned()),
            ("invite", format!("/invite/{invite_token}")),
            ("not-found", "/no-such-page".to_owned()),
        ] {
            anonymous.goto(&format!("{}{path}", app.url)).await.unwrap();
            problems.extend(audit(&anonymous, &axe, page_name, name, screens).await);
        }

        // Signed in as the demo's owner: every page of the app.
        let people = store.search_people(&PeopleQuery::default()).await.unwrap();
        let colleague = people.iter().find(|p| p.id != owner.id).unwrap();
        let rooms = store.rooms().await.unwrap();
        let kitchen = rooms
            .iter()
            .find(|r| r.name.as_str() == "kitchen")
            .unwrap_or(&rooms[0]);
        let note = store
            .create_note(NewNote {
                kind: NoteKind::Learned,
                title: NoteTitle::parse("Flaky deploys are usually the cache").unwrap(),
                body: NoteBody::parse(
                    "When a deploy fails on the second step, clear the build cache first.",
                )
                .unwrap(),
                tags: Vec::new(),
                author: owner.id,
                at: Utc::now(),
            })
            .await
            .unwrap();
        let circle = store.circles().await.unwrap()[0].id;
        let page = browser.session().await;
        open_signed_in(&page, &app.url, &owner_token, "/").await;
        for (page_name, path) in [
            ("hallway", "/".to_owned()),
            ("room", format!("/rooms/{}", kitchen.id)),
            ("room-new", "/rooms/new".to_owned()),
            ("directory", "/people".to_owned()),
            ("person", format!("/people/{}", colleague.id)),
            ("profile", "/profile".to_owned()),
            ("account", "/account".to_owned()),
            ("notes", "/notes".to_owned()),
            ("note", format!("/notes/{}", note.id)),
            ("note-new", "/notes/new".to_owned()),
            ("circles", "/circles".to_owned()),
            ("circle", format!("/circles/{circle}")),
            ("pulse", "/pulse".to_owned()),
            ("admin-teams", "/admin/teams".to_owned()),
            ("admin-people", "/admin/people".to_owned()),
            ("admin-invites", "/admin/invites".to_owned()),
            ("admin-pulse", "/admin/pulse".to_owned()),
        ] {
            page.goto(&format!("{}{path}", app.url)).await.unwrap();
            let title = js(&page, "return document.title;").await;
            assert!(
                !title.to_string().contains("Not found") && !title.to_string().contains("Error"),
                "{name}: {path} opens ({title})"
            );
            problems.extend(audit(&page, &axe, page_name, name, screens).await);
        }
        assert!(
            problems.is_empty(),
            "{} problem(s) on {name}:\n  {}",
            problems.len(),
            problems.join("\n  ")
        );
        page.close().await.unwrap();
        anonymous.close().await.unwrap();
        app.finish().await;
    }
}
