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
