//! The main flows with the keyboard alone, in real Chromium: sign in, go to the hallway, open
//! a room, post, reply in a thread and close it again. Only key presses (Tab, Shift+Tab,
//! Enter, Escape and typing) move through the pages; the test only reads the page to know
//! where focus is.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod browser;

use browser::{js, press, room, shot, tab_to, wait_live, ENTER_KEY, ESCAPE, LIVE_WAIT};
use chrono::Utc;
use hallway_domain::{ClientMessageId, DisplayName, Email, MessageBody, Role, TimeZoneName};
use hallway_server::accounts::starter_profile;
use hallway_store::{NewMessage, NewPerson, RoomEventKind};
use hallway_testkit::{backends, spawn_app, wait_for_js, Browser};

const EMAIL: &str = "kim.keys@example.org";
const PASSWORD: &str = "correct horse battery";

#[tokio::test]
async fn sign_in_post_and_reply_in_a_thread_with_the_keyboard_alone() {
    let Some(browser) = Browser::start().await else {
        return;
    };
    for backend in backends().await {
        let app = spawn_app(backend, |_| {}).await;
        let name = app.name();
        let store = &app.backend.store;
        let hash = hallway_server::auth::password::hash_blocking(PASSWORD).unwrap();
        let new_person = |email: &str, display: &str, role| NewPerson {
            email: Email::parse(email).unwrap(),
            role,
            password_hash: Some(hash.clone()),
            active: true,
            profile: starter_profile(
                DisplayName::parse(display).unwrap(),
                Some(TimeZoneName::parse("Europe/Berlin").unwrap()),
            ),
            teams: Vec::new(),
            joined_at: Utc::now(),
        };
        store
            .create_owner(new_person(EMAIL, "Kim Keys", Role::Owner))
            .await
            .unwrap();
        let bo = store
            .create_person(new_person("bo@example.org", "Bo Tanaka", Role::Member))
            .await
            .unwrap();
        let kitchen = room(&app, "Kitchen", "coffee and whatever").await;
        let asked = store
            .post_message(NewMessage {
                room: kitchen,
                author: bo.id,
                client_id: ClientMessageId::parse("kb-1").unwrap(),
                body: MessageBody::parse("Who knows why the build cache misses?").unwrap(),
                reply_to: None,
                at: Utc::now(),
            })
            .await
            .unwrap();
        let RoomEventKind::Posted { message: asked, .. } = asked.event.kind else {
            panic!("posting gives a posted event")
        };

        let page = browser.session().await;
        page.goto(&format!("{}/signin", app.url)).await.unwrap();

        // Sign in.
        tab_to(&page, "el.id === 'email'", false, 10, "the email field").await;
        press(&page, EMAIL).await;
        tab_to(
            &page,
            "el.id === 'password'",
            false,
            3,
            "the password field",
        )
        .await;
        press(&page, &format!("{PASSWORD}{ENTER_KEY}")).await;
        wait_for_js(
            &page,
            "location.pathname !== '/signin' && document.readyState === 'complete'",
            LIVE_WAIT,
            "signed in",
        )
        .await;

        // To the hallway through the main navigation, then into the kitchen.
        tab_to(
            &page,
            "el.matches('nav a[href=\"/\"]')",
            false,
            10,
            "the Hallway link",
        )
        .await;
        press(&page, &ENTER_KEY.to_string()).await;
        wait_for_js(
            &page,
            "location.pathname === '/' && document.readyState === 'complete'",
            LIVE_WAIT,
            "the hallway",
        )
        .await;
        let room_link = format!("el.matches('a[href=\"/rooms/{kitchen}\"]')");
        tab_to(&page, &room_link, false, 60, "the kitchen's link").await;
        press(&page, &ENTER_KEY.to_string()).await;
        wait_for_js(
            &page,
            &format!("location.pathname === '/rooms/{kitchen}'"),
            LIVE_WAIT,
            "the kitchen",
        )
        .await;
        wait_live(&page).await;

        // Post.
        tab_to(&page, "el.id === 'message'", false, 40, "the message box").await;
        press(&page, &format!("Morning, all{ENTER_KEY}")).await;
        wait_for_js(
            &page,
            "[...document.querySelectorAll('#messages li.message:not(.pending)')]\
             .some(li => li.bodyText === 'Morning, all')",
            LIVE_WAIT,
            "my message, delivered",
        )
        .await;

        // Back to Bo's question and reply in its thread.
        let reply_button =
            format!("el.closest('#m-{asked}') && el.textContent === 'Reply in thread'");
        tab_to(
            &page,
            &reply_button,
            true,
            30,
            "Reply in thread on Bo's message",
        )
        .await;
        press(&page, &ENTER_KEY.to_string()).await;
        wait_for_js(
            &page,
            "!document.getElementById('thread').hidden \
             && document.activeElement.id === 'thread-message'",
            LIVE_WAIT,
            "the thread open with the cursor in its box",
        )
        .await;
        press(&page, &format!("It is the lock file{ENTER_KEY}")).await;
        wait_for_js(
            &page,
            "[...document.querySelectorAll('#thread .thread-messages li.message:not(.pending) .body')]\
             .some(b => b.textContent === 'It is the lock file')",
            LIVE_WAIT,
            "my reply in the thread",
        )
        .await;
        wait_for_js(
            &page,
            &format!(
                "document.querySelector('#m-{asked} .thread-summary button').textContent === '1 reply'"
            ),
            LIVE_WAIT,
            "\"1 reply\" under Bo's question",
        )
        .await;
        shot(
            page.screenshot().await.unwrap(),
            &format!("keyboard-thread-{name}"),
        );

        // Escape closes the thread and focus goes back to Bo's message.
        press(&page, &ESCAPE.to_string()).await;
        let back = js(
            &page,
            &format!(
                "return document.getElementById('thread').hidden \
                 && Boolean(document.activeElement.closest('#m-{asked}'));"
            ),
        )
        .await;
        assert_eq!(
            back,
            serde_json::json!(true),
            "{name}: Escape closes the thread"
        );
        page.close().await.unwrap();
        app.finish().await;
    }
}
