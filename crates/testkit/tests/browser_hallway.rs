//! In real Chromium, two people: Ada watches the hallway and sees Bo walk into the kitchen;
//! in the kitchen Ada sees "Bo is typing" and then Bo's message. Ada's browser goes offline
//! (chromedriver's network emulation); Bo sends two messages and Ada one while she is away.
//! Back online, without a reload, Ada sees Bo's two in order and hers is delivered once.
//!
//! Chromium's offline emulation fails new connections and fires `offline`, but does not cut a
//! WebSocket that is already open; `live.js` drops its socket on `offline` (as it should on a
//! real network loss), and the emulation keeps its reconnect attempts failing until online.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod browser;

use std::time::Duration;

use browser::{js, js_string, live_page, person, room, shot, type_into, BODIES, LIVE_WAIT};
use fantoccini::Locator;
use hallway_testkit::{backends, set_offline, spawn_app, wait_for_js, Browser};

/// Sends what is in the message box with the Enter key.
const ENTER: &str = "\u{E007}";

/// Whether the page shows a delivered (not pending) message with exactly this body.
fn delivered(body: &str) -> String {
    format!(
        "[...document.querySelectorAll('#messages li.message:not(.pending)')]\
         .some(li => li.bodyText === {})",
        js_string(body)
    )
}

#[tokio::test]
async fn the_hallway_is_live_and_nothing_is_lost_offline() {
    let Some(browser) = Browser::start().await else {
        return;
    };
    for backend in backends().await {
        let app = spawn_app(backend, |_| {}).await;
        let name = app.name();
        let (_, ada_token) = person(&app, "Ada Lovelace", "Europe/London").await;
        let (_, bo_token) = person(&app, "Bo Tanaka", "Asia/Tokyo").await;
        let kitchen = room(&app, "Kitchen", "coffee and whatever").await;
        let kitchen_path = format!("/rooms/{kitchen}");

        // Ada watches the hallway; Bo walks into the kitchen and Ada sees it live.
        let ada = live_page(&browser, &app, &ada_token, "/", &[]).await;
        let card = format!("document.querySelector('.room-card[data-room=\"{kitchen}\"]')");
        let bo = live_page(&browser, &app, &bo_token, &kitchen_path, &[]).await;
        wait_for_js(
            &ada,
            &format!("{card}.querySelector('.present-list').textContent.includes('Bo Tanaka')"),
            LIVE_WAIT,
            "Bo in the kitchen, on Ada's hallway",
        )
        .await;
        wait_for_js(
            &ada,
            "document.querySelector('#people li[data-person]') !== null",
            LIVE_WAIT,
            "people on the hallway",
        )
        .await;
        shot(ada.screenshot().await.unwrap(), &format!("hallway-{name}"));

        // Both in the kitchen: Bo types, Ada sees it; Bo sends, Ada sees the message.
        ada.goto(&format!("{}{kitchen_path}", app.url))
            .await
            .unwrap();
        browser::wait_live(&ada).await;
        wait_for_js(
            &bo,
            "document.querySelector('#present').textContent.includes('Ada Lovelace')",
            LIVE_WAIT,
            "Ada present in the kitchen, on Bo's page",
        )
        .await;
        type_into(&bo, "#message", "Anyone seen the `deploy` logs?").await;
        wait_for_js(
            &ada,
            "document.getElementById('typing').textContent.includes('Bo Tanaka is typing')",
            LIVE_WAIT,
            "\"Bo is typing\" on Ada's page",
        )
        .await;
        type_into(&bo, "#message", ENTER).await;
        wait_for_js(
            &ada,
            &delivered("Anyone seen the `deploy` logs?"),
            LIVE_WAIT,
            "Bo's message on Ada's page",
        )
        .await;
        wait_for_js(
            &ada,
            "document.getElementById('typing').textContent === ''",
            LIVE_WAIT,
            "the typing line cleared once Bo's message arrived",
        )
        .await;

        // Ada goes offline. A mark on the window proves later that the page never reloaded.
        js(&ada, "window.__sameDocument = true; return true;").await;
        set_offline(&ada, true).await;
        wait_for_js(
            &ada,
            "navigator.onLine === false",
            LIVE_WAIT,
            "Ada's browser offline",
        )
        .await;
        let away = ["First while you were away", "Second while you were away"];
        for body in away {
            type_into(&bo, "#message", &format!("{body}{ENTER}")).await;
            wait_for_js(&bo, &delivered(body), LIVE_WAIT, "Bo's own message acked").await;
        }
        type_into(&ada, "#message", &format!("Sent from the train{ENTER}")).await;
        let bodies = js(&ada, BODIES).await;
        assert!(
            bodies.to_string().contains("Sent from the train (pending)"),
            "{name}: Ada's message waits while offline: {bodies}"
        );
        assert!(
            !bodies.to_string().contains(away[0]),
            "{name}: nothing reached Ada while offline: {bodies}"
        );

        let state = js(&ada, "return window.hallwayLive.state;").await;
        assert_ne!(
            state,
            serde_json::json!("live"),
            "{name}: Ada is not connected"
        );

        // Back online: Bo's two messages arrive in order and Ada's is delivered once.
        set_offline(&ada, false).await;
        wait_for_js(
            &ada,
            &format!(
                "{} && {} && {}",
                delivered(away[0]),
                delivered(away[1]),
                delivered("Sent from the train")
            ),
            Duration::from_secs(40),
            "the missed messages and Ada's own, after reconnecting",
        )
        .await;
        assert_eq!(
            js(&ada, "return window.hallwayLive.welcomed;").await,
            serde_json::json!(2),
            "{name}: Ada's page reconnected once"
        );
        assert_eq!(
            js(&ada, "return window.__sameDocument === true;").await,
            serde_json::json!(true),
            "{name}: no reload"
        );
        let bodies: Vec<String> = serde_json::from_value(js(&ada, BODIES).await).unwrap();
        let first = bodies.iter().position(|b| b == away[0]).unwrap();
        let second = bodies.iter().position(|b| b == away[1]).unwrap();
        assert!(first < second, "{name}: in order: {bodies:?}");
        wait_for_js(
            &bo,
            &delivered("Sent from the train"),
            LIVE_WAIT,
            "Ada's offline message on Bo's page",
        )
        .await;
        let on_bo: Vec<String> = serde_json::from_value(js(&bo, BODIES).await).unwrap();
        let stored = app
            .backend
            .store
            .messages_before(kitchen, None, 100)
            .await
            .unwrap();
        for (place, list) in [
            ("Ada's page", &bodies),
            ("Bo's page", &on_bo),
            (
                "the store",
                &stored.iter().map(|m| m.body.clone()).collect::<Vec<_>>(),
            ),
        ] {
            let count = list.iter().filter(|b| *b == "Sent from the train").count();
            assert_eq!(count, 1, "{name}: delivered once on {place}: {list:?}");
        }
        shot(ada.screenshot().await.unwrap(), &format!("room-{name}"));

        ada.close().await.unwrap();
        bo.close().await.unwrap();
        app.finish().await;
    }
}

/// What Ada sees at a glance, live: the kitchen's tile with Bo's face and his overheard line,
/// Bo listed "in Kitchen"; a room Bo opens afterwards appears without a reload (his private
/// one does not); her status changes from the header's control; one click on "Join voice"
/// puts her in the kitchen's voice, and Bo sees her there.
#[tokio::test]
async fn the_hallway_at_a_glance_faces_new_rooms_status_and_one_click_voice() {
    let Some(browser) = Browser::start().await else {
        return;
    };
    const MEDIA: &[&str] = &[
        "--use-fake-ui-for-media-stream",
        "--use-fake-device-for-media-stream",
        "--autoplay-policy=no-user-gesture-required",
    ];
    for backend in backends().await {
        let app = spawn_app(backend, |_| {}).await;
        let name = app.name();
        let (ada_id, ada_token) = person(&app, "Ada Lovelace", "Europe/London").await;
        let (bo_id, bo_token) = person(&app, "Bo Tanaka", "Asia/Tokyo").await;
        let kitchen = room(&app, "Kitchen", "coffee and whatever").await;
        let kitchen_path = format!("/rooms/{kitchen}");
        let bo = live_page(&browser, &app, &bo_token, &kitchen_path, MEDIA).await;
        type_into(
            &bo,
            "#message",
            &format!("Fresh coffee by the window{ENTER}"),
        )
        .await;
        wait_for_js(
            &bo,
            &delivered("Fresh coffee by the window"),
            LIVE_WAIT,
            "Bo's post",
        )
        .await;

        let ada = live_page(&browser, &app, &ada_token, "/", MEDIA).await;
        js(&ada, "window.__sameDocument = true; return true;").await;
        let tile = format!("document.querySelector('#rooms .tile[data-room=\"{kitchen}\"]')");
        wait_for_js(
            &ada,
            &format!(
                "{tile}.querySelector('.present-list li.face[data-person=\"{bo_id}\"]')\
                 ?.textContent.startsWith('BT')"
            ),
            LIVE_WAIT,
            "Bo's face (his initials) on the kitchen's tile",
        )
        .await;
        let overheard = js(
            &ada,
            &format!("return {tile}.querySelector('.overheard').textContent;"),
        )
        .await;
        assert!(
            overheard.to_string().contains("Bo Tanaka")
                && overheard.to_string().contains("Fresh coffee by the window"),
            "{name}: the overheard line names Bo and what he said: {overheard}"
        );
        wait_for_js(
            &ada,
            &format!(
                "document.querySelector('#group-room li.person[data-person=\"{bo_id}\"] .where')\
                 ?.textContent === 'in Kitchen'"
            ),
            LIVE_WAIT,
            "Bo listed under \"In a room\" as in Kitchen",
        )
        .await;
        let bo_link = js(
            &ada,
            &format!(
                "return document.querySelector('#people li.person[data-person=\"{bo_id}\"] a.name')\
                 .getAttribute('href');"
            ),
        )
        .await;
        assert_eq!(
            bo_link,
            serde_json::json!(format!("/people/{bo_id}")),
            "{name}"
        );

        // Bo opens two rooms; Ada's hallway shows the open one live, never the private one.
        let bo_api = hallway_testkit::Client::new(&app.url).await;
        bo_api.add_cookie(&format!("hallway_session={bo_token}"));
        for (room_name, kind) in [("Library", "open"), ("Bo's corner", "private")] {
            let response = bo_api
                .post(
                    "/api/v1/rooms",
                    &serde_json::json!({"name": room_name, "topic": "quiet please", "kind": kind}),
                )
                .await;
            assert!(
                response.status().is_success(),
                "{name}: creating {room_name}"
            );
        }
        wait_for_js(
            &ada,
            "[...document.querySelectorAll('#rooms .tile .room-name')]\
             .some(a => a.textContent === 'Library')",
            LIVE_WAIT,
            "the new Library tile, without a reload",
        )
        .await;
        let names = js(
            &ada,
            "return [...document.querySelectorAll('#rooms .tile .room-name')].map(a => a.textContent);",
        )
        .await;
        assert_eq!(
            names,
            serde_json::json!(["Kitchen", "Library"]),
            "{name}: the private room stays Bo's"
        );

        // Ada sets her status from the header's compact control.
        ada.find(Locator::Css("#status-control summary"))
            .await
            .unwrap()
            .click()
            .await
            .unwrap();
        ada.find(Locator::Css("#availability option[value='focusing']"))
            .await
            .unwrap()
            .click()
            .await
            .unwrap();
        type_into(&ada, "#working_on", "the TLS rollout").await;
        ada.find(Locator::Css("#status-form button[type='submit']"))
            .await
            .unwrap()
            .click()
            .await
            .unwrap();
        wait_for_js(
            &ada,
            &format!(
                "document.querySelector('#my-status').textContent === 'Focusing' && \
                 document.querySelector('#people li.person[data-person=\"{ada_id}\"] .status')\
                 .dataset.availability === 'focusing'"
            ),
            LIVE_WAIT,
            "\"Focusing\" in the header and on Ada's own line",
        )
        .await;
        let shape = js(
            &ada,
            "return getComputedStyle(document.querySelector('#my-status'), '::before').content;",
        )
        .await;
        assert!(
            shape.to_string().contains('◆'),
            "{name}: focusing has its own shape: {shape}"
        );
        shot(
            ada.screenshot().await.unwrap(),
            &format!("hallway-glance-{name}"),
        );
        assert_eq!(
            js(&ada, "return window.__sameDocument === true;").await,
            serde_json::json!(true),
            "{name}: all of it without a reload"
        );

        // One click on the kitchen's "Join voice": Ada is in the room and in its voice.
        ada.find(Locator::Css(&format!(
            "#rooms .tile[data-room=\"{kitchen}\"] a.join-voice"
        )))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
        wait_for_js(
            &ada,
            "document.getElementById('voice-leave')?.hidden === false",
            LIVE_WAIT,
            "Ada in the kitchen's voice after one click",
        )
        .await;
        wait_for_js(
            &bo,
            "document.getElementById('voice-people').textContent.includes('Ada Lovelace')",
            LIVE_WAIT,
            "Ada in the kitchen's voice, on Bo's page",
        )
        .await;
        assert_eq!(
            js(&ada, "return location.search;").await,
            serde_json::json!(""),
            "{name}: ?voice=1 is taken off, so a reload does not join again"
        );

        ada.close().await.unwrap();
        bo.close().await.unwrap();
        app.finish().await;
    }
}
