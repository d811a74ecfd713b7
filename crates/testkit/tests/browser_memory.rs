//! "Who has been here before?" in real Chromium, over the demo team and its four weeks of
//! history (written through the store as `hallway demo` does). Ethan, who was not in the
//! conversation, asks on the hallway who knows about the client-side encryption requirement
//! and sees Priya first, with a snippet linking to her message; an empty question is refused
//! inline. In a room, an abandoned draft's "Who has been here before?" asks the finder with
//! the draft. (A fresh note making its author findable is covered in `http_notes_pages.rs`.)

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod browser;

use browser::{js, live_page, shot, type_into, LIVE_WAIT};
use chrono::Utc;
use fantoccini::{Client, Locator};
use hallway_domain::Email;
use hallway_server::auth::{new_token, token_hash};
use hallway_store::{NewSession, Store};
use hallway_testkit::{backends, spawn_app, wait_for_js, Browser, TestApp};

const QUESTION: &str = "who knows about the client-side encryption requirement?";
const DRAFT: &str = "does anyone know our client-side encryption requirement answer";

/// Writes the demo organisation and its history into the app's store.
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
}

/// A session token for the demo person with this email.
async fn session_of(app: &TestApp, email: &str) -> String {
    let store = &app.backend.store;
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

/// Asks on the hallway and waits for the answer (or the inline error).
async fn ask(page: &Client, question: &str) {
    page.execute(
        "document.getElementById('ask-question').value = ''; \
         document.getElementById('ask-card').dataset.state = '';",
        Vec::new(),
    )
    .await
    .unwrap();
    if !question.is_empty() {
        type_into(page, "#ask-question", question).await;
    }
    click(page, "#ask-form button[type=submit]").await;
}

async fn click(page: &Client, css: &str) {
    page.find(Locator::Css(css))
        .await
        .unwrap_or_else(|_| panic!("no {css}"))
        .click()
        .await
        .unwrap();
}

/// The people shown in a result card: name, reason and each snippet's link and text.
async fn shown(page: &Client, card: &str) -> serde_json::Value {
    js(
        page,
        &format!(
            "return [...document.querySelectorAll('{card} .ask-person')].map(li => ({{\
               name: li.querySelector('.ask-name').textContent,\
               reason: li.querySelector('.ask-reason').textContent,\
               snippets: [...li.querySelectorAll('.snippet')].map(s => ({{\
                 link: s.querySelector('a').getAttribute('href'), text: s.textContent }}))\
             }}));"
        ),
    )
    .await
}

#[tokio::test]
async fn colleagues_who_have_been_here_before_are_found_from_the_hallway_rooms_and_notes() {
    let Some(browser) = Browser::start().await else {
        return;
    };
    for backend in backends().await {
        let app = spawn_app(backend, |_| {}).await;
        let name = app.name();
        seed_demo(&app).await;
        app.finder.sync().await.unwrap();
        let ethan = session_of(&app, "ethan.walsh@demo.hallway.dev").await;

        // On the hallway: an empty question is refused inline, a real one finds Priya first.
        let page = live_page(&browser, &app, &ethan, "/", &[]).await;
        ask(&page, "").await;
        wait_for_js(
            &page,
            "!document.querySelector('#ask-card .ask-error').hidden",
            LIVE_WAIT,
            "the inline error for an empty question",
        )
        .await;
        let error = js(
            &page,
            "return document.querySelector('#ask-card .ask-error').textContent;",
        )
        .await;
        assert!(
            error.as_str().unwrap().contains("Type a question"),
            "{name}: {error}"
        );

        ask(&page, QUESTION).await;
        wait_for_js(
            &page,
            "document.getElementById('ask-card').dataset.state === 'answered'",
            LIVE_WAIT,
            "the finder's answer on the hallway",
        )
        .await;
        let people = shown(&page, "#ask-card").await;
        let first = &people[0];
        assert_eq!(first["name"], "Priya Raghunathan", "{name}: {people:#}");
        assert!(
            !first["reason"].as_str().unwrap().is_empty(),
            "{name}: a reason"
        );
        let snippets = first["snippets"].as_array().unwrap();
        assert!((1..=3).contains(&snippets.len()), "{name}: {people:#}");
        let message = snippets
            .iter()
            .find(|s| s["link"].as_str().unwrap().starts_with("/rooms/"))
            .unwrap_or_else(|| panic!("{name}: a message snippet: {people:#}"));
        assert!(
            message["link"].as_str().unwrap().contains("#m-"),
            "{name}: an anchor"
        );
        assert!(
            message["text"].as_str().unwrap().contains("#help-desk"),
            "{name}: {message}"
        );
        assert!(people.as_array().unwrap().len() <= 3, "{name}: at most 3");
        assert!(
            !people.to_string().contains("Ethan Walsh"),
            "{name}: never the asker"
        );
        shot(
            page.screenshot().await.unwrap(),
            &format!("ask-hallway-{name}"),
        );

        // The evidence link leads to the message in its room.
        let link = message["link"].as_str().unwrap().to_owned();
        click(&page, &format!("#ask-card a[href=\"{link}\"]")).await;
        let anchor = link.split('#').nth(1).unwrap().to_owned();
        wait_for_js(
            &page,
            &format!("location.pathname + location.hash === {:?} && document.getElementById({anchor:?}) !== null", link),
            LIVE_WAIT,
            "the original message in its room",
        )
        .await;

        // In a room, an abandoned draft can ask the finder, only when its author clicks.
        type_into(&page, "#message", DRAFT).await;
        type_into(&page, "#message", "\u{E009}a\u{E000}\u{E003}").await;
        wait_for_js(
            &page,
            "!document.getElementById('draft-card').hidden \
             && !document.getElementById('draft-ask').hidden",
            LIVE_WAIT,
            "the rescue card offering the finder",
        )
        .await;
        assert_eq!(
            js(
                &page,
                "return document.getElementById('draft-ask-card').hidden;"
            )
            .await,
            serde_json::json!(true),
            "{name}: nothing asked before the click"
        );
        click(&page, "#draft-ask").await;
        wait_for_js(
            &page,
            "document.getElementById('draft-ask-card').dataset.state === 'answered'",
            LIVE_WAIT,
            "the finder's answer to the draft",
        )
        .await;
        let people = shown(&page, "#draft-ask-card").await;
        assert_eq!(people[0]["name"], "Priya Raghunathan", "{name}: {people:#}");
        shot(
            page.screenshot().await.unwrap(),
            &format!("ask-draft-{name}"),
        );

        page.close().await.unwrap();
        app.finish().await;
    }
}
