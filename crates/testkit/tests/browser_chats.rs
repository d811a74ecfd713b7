//! In real Chromium, two people: Ada asks Bo for a 9-minute chat from his profile page; Bo's
//! hallway shows the request; he accepts with one click and lands in a fresh private room with
//! "Join voice" ready; Ada's page offers "Join the chat" and takes her there, and each sees the
//! other in the room.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod browser;

use browser::{person, shot, type_into, wait_live, LIVE_WAIT};
use fantoccini::Locator;
use hallway_domain::WorkingHours;
use hallway_testkit::{backends, open_signed_in, spawn_app, wait_for_js, Browser};

async fn click(page: &fantoccini::Client, css: &str) {
    page.find(Locator::Css(css))
        .await
        .unwrap_or_else(|_| panic!("no {css}"))
        .click()
        .await
        .expect("clicking");
}

#[tokio::test]
async fn a_request_accepted_puts_both_people_in_a_private_room() {
    let Some(browser) = Browser::start().await else {
        return;
    };
    for backend in backends().await {
        let app = spawn_app(backend, |_| {}).await;
        let name = app.name();
        let (_, ada_token) = person(&app, "Ada Lovelace", "Europe/London").await;
        let (bo_id, bo_token) = person(&app, "Bo Tanaka", "Asia/Tokyo").await;
        // Bo gives no working hours, so the clock never holds his requests.
        let store = &app.backend.store;
        let mut profile = store.person(bo_id).await.unwrap().profile;
        profile.working_hours = WorkingHours::default();
        store.update_profile(bo_id, &profile).await.unwrap();

        let bo = browser.session().await;
        open_signed_in(&bo, &app.url, &bo_token, "/").await;
        wait_live(&bo).await;
        let ada = browser.session().await;
        open_signed_in(&ada, &app.url, &ada_token, &format!("/people/{bo_id}")).await;
        wait_for_js(
            &ada,
            "window.hallwayLive && window.hallwayLive.state === 'live' \
             && document.querySelector('#chat-with form.chat-ask') !== null",
            LIVE_WAIT,
            "the chat button on Bo's profile",
        )
        .await;
        type_into(&ada, "#chat-with input", "certificate pinning").await;
        click(&ada, "#chat-with button[type=submit]").await;
        wait_for_js(
            &ada,
            "document.querySelector('#chat-with .chat-outcome').textContent.includes('Asked Bo')",
            LIVE_WAIT,
            "Ada's request sent",
        )
        .await;

        wait_for_js(
            &bo,
            "[...document.querySelectorAll('#nudges .chat-request h2')].some(h => \
             h.textContent.includes('Ada Lovelace asks for a 9-minute chat: certificate pinning'))",
            LIVE_WAIT,
            "Ada's request on Bo's hallway",
        )
        .await;
        shot(
            bo.screenshot().await.unwrap(),
            &format!("chat-request-{name}"),
        );
        click(&bo, "#nudges .chat-request button.accept").await;
        wait_for_js(
            &bo,
            "location.pathname.startsWith('/rooms/') && document.activeElement \
             && document.activeElement.id === 'voice-join'",
            LIVE_WAIT,
            "Bo in the chat room with Join voice ready",
        )
        .await;
        wait_live(&bo).await;

        wait_for_js(
            &ada,
            "document.querySelector('#nudges a.join-chat') !== null",
            LIVE_WAIT,
            "Join the chat on Ada's page",
        )
        .await;
        click(&ada, "#nudges a.join-chat").await;
        wait_live(&ada).await;
        let same_room = ada.current_url().await.unwrap().path().to_owned();
        assert_eq!(
            same_room,
            bo.current_url().await.unwrap().path(),
            "{name}: both in the same room"
        );
        for (page, other) in [(&ada, "Bo Tanaka"), (&bo, "Ada Lovelace")] {
            wait_for_js(
                page,
                &format!("document.querySelector('#present').textContent.includes('{other}')"),
                LIVE_WAIT,
                "the other person present in the chat room",
            )
            .await;
        }
        shot(
            ada.screenshot().await.unwrap(),
            &format!("chat-room-{name}"),
        );
        ada.close().await.unwrap();
        bo.close().await.unwrap();
        app.finish().await;
    }
}
