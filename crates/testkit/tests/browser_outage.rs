//! A message sent while the database is down is kept, in real Chromium: the page marks it
//! "not saved yet — retrying" and stops saying "Live", a reload keeps it (in this browser's
//! localStorage), and once the database is back it is sent again and stored exactly once.
//!
//! The outage is PostgreSQL refusing connections to the test's database (every open one is
//! ended), undone by allowing them again; SQLite has no reversible outage (testkit's
//! `simulate_outage` closes the store for good), so this story runs on PostgreSQL only.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod browser;

use browser::{js, live_page, person, room, type_into, wait_live, LIVE_WAIT};
use hallway_testkit::{backends, spawn_app, wait_for_js, Browser, POSTGRES_URL_VAR};
use sqlx::{Connection, Executor, PgConnection};

const BODY: &str = "Sent while the database was down";

/// Refuses (or allows again) every connection to the database of `url`.
async fn outage(url: &str, down: bool) {
    let admin = std::env::var(POSTGRES_URL_VAR).expect("PostgreSQL for the outage");
    let database = url.rsplit('/').next().unwrap().split('?').next().unwrap();
    let mut conn = PgConnection::connect(&admin).await.unwrap();
    let allow = if down { "false" } else { "true" };
    conn.execute(&*format!(
        "ALTER DATABASE \"{database}\" WITH ALLOW_CONNECTIONS {allow}"
    ))
    .await
    .unwrap();
    if down {
        let end = format!(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity \
             WHERE datname = '{database}' AND pid <> pg_backend_pid()"
        );
        conn.execute(&*end).await.unwrap();
    }
    conn.close().await.unwrap();
}

#[tokio::test]
async fn a_message_sent_during_an_outage_is_kept_and_saved_once_it_is_over() {
    let Some(browser) = Browser::start().await else {
        return;
    };
    for backend in backends().await {
        if backend.name != "postgres" {
            eprintln!("SKIPPED on {}: no reversible outage", backend.name);
            continue;
        }
        let app = spawn_app(backend, |_| {}).await;
        let (ada, token) = person(&app, "Ada Lovelace", "Europe/London").await;
        let kitchen = room(&app, "Kitchen", "").await;
        let path = format!("/rooms/{}", kitchen.0);
        let page = live_page(&browser, &app, &token, &path, &[]).await;
        let url = app.backend.database_url();

        outage(&url, true).await;
        type_into(&page, "#message", &format!("{BODY}\n")).await;
        wait_for_js(
            &page,
            "[...document.querySelectorAll('#messages li.pending.unsaved')]\
             .some(li => li.textContent.includes('not saved yet'))",
            LIVE_WAIT,
            "the message marked as not saved yet",
        )
        .await;
        wait_for_js(
            &page,
            "document.getElementById('live-status').dataset.state !== 'live'",
            LIVE_WAIT,
            "the status no longer saying Live",
        )
        .await;
        let kept = js(
            &page,
            "return Object.values(JSON.parse(localStorage.getItem('hallway.unsent.v1.' + \
             document.getElementById('room').dataset.me) || '{}')).map(f => f.body);",
        )
        .await;
        assert_eq!(kept, serde_json::json!([BODY]), "kept in this browser");

        // A reload while the database is still down shows an error page; the message waits.
        page.refresh().await.unwrap();
        outage(&url, false).await;
        page.refresh().await.unwrap();
        wait_live(&page).await;
        wait_for_js(
            &page,
            &format!(
                "[...document.querySelectorAll('#messages li.message:not(.pending)')]\
                 .filter(li => li.bodyText === {}).length === 1",
                serde_json::json!(BODY)
            ),
            LIVE_WAIT,
            "the message saved and shown once",
        )
        .await;
        wait_for_js(
            &page,
            "localStorage.getItem('hallway.unsent.v1.' + \
             document.getElementById('room').dataset.me) === null",
            LIVE_WAIT,
            "nothing left waiting in the browser",
        )
        .await;
        let stored = app
            .backend
            .store
            .messages_before(kitchen, None, 100)
            .await
            .unwrap();
        let copies = stored
            .iter()
            .filter(|m| m.body == BODY && m.author == Some(ada))
            .count();
        assert_eq!(copies, 1, "stored exactly once");
        let pending = js(
            &page,
            "return document.querySelectorAll('#messages li.pending').length;",
        )
        .await;
        assert_eq!(pending, serde_json::json!(0));
        page.close().await.unwrap();
        app.finish().await;
    }
}
