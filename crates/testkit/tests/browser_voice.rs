//! Drop-in voice in real Chromium: two pages with fake microphones join one room's voice; the
//! mesh connects both ways (the later one offers to the earlier one) and audio flows: inbound
//! audio bytes grow on both sides.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod browser;

use std::time::Duration;

use browser::{js, live_page, person, room, shot, LIVE_WAIT};
use fantoccini::{Client, Locator};
use hallway_testkit::{backends, spawn_app, wait_for_js, Browser};

const MEDIA: &[&str] = &[
    "--use-fake-ui-for-media-stream",
    "--use-fake-device-for-media-stream",
    "--autoplay-policy=no-user-gesture-required",
];

async fn inbound_bytes(page: &Client) -> u64 {
    let value = page
        .execute_async(
            "const done = arguments[arguments.length - 1]; \
             window.hallwayVoice.inboundAudioBytes().then(done, () => done(-1));",
            Vec::new(),
        )
        .await
        .unwrap();
    value
        .as_u64()
        .unwrap_or_else(|| panic!("no byte count: {value}"))
}

#[tokio::test]
async fn two_people_hear_each_other_in_a_room() {
    let Some(browser) = Browser::start().await else {
        return;
    };
    for backend in backends().await {
        let app = spawn_app(backend, |_| {}).await;
        let name = app.name();
        let (_, ada_token) = person(&app, "Ada Lovelace", "Europe/London").await;
        let (_, bo_token) = person(&app, "Bo Tanaka", "Asia/Tokyo").await;
        let studio = room(&app, "Studio", "say it out loud").await;
        let path = format!("/rooms/{studio}");
        let ada = live_page(&browser, &app, &ada_token, &path, MEDIA).await;
        let bo = live_page(&browser, &app, &bo_token, &path, MEDIA).await;

        for page in [&ada, &bo] {
            page.find(Locator::Id("voice-join"))
                .await
                .unwrap()
                .click()
                .await
                .unwrap();
            wait_for_js(
                page,
                "document.getElementById('voice-leave').hidden === false",
                LIVE_WAIT,
                "joining voice",
            )
            .await;
        }
        for (who, page) in [("Ada", &ada), ("Bo", &bo)] {
            wait_for_js(
                page,
                "window.hallwayVoice.peers().length === 1 \
                 && window.hallwayVoice.peers()[0].state === 'connected'",
                Duration::from_secs(30),
                &format!("{who}'s peer connection to reach 'connected'"),
            )
            .await;
        }
        for (who, page) in [("Ada", &ada), ("Bo", &bo)] {
            let before = inbound_bytes(page).await;
            let deadline = std::time::Instant::now() + Duration::from_secs(15);
            loop {
                let now = inbound_bytes(page).await;
                if now > before + 1000 {
                    break;
                }
                assert!(
                    std::time::Instant::now() < deadline,
                    "{name}: {who}'s inbound audio did not grow ({before} -> {now} bytes)"
                );
                tokio::time::sleep(Duration::from_millis(250)).await;
            }
        }
        let people = js(
            &ada,
            "return document.getElementById('voice-people').innerText;",
        )
        .await;
        let people = people.as_str().unwrap_or_default();
        assert!(
            people.contains("Ada Lovelace") && people.contains("Bo Tanaka"),
            "{name}: both listed in voice: {people}"
        );
        shot(ada.screenshot().await.unwrap(), &format!("voice-{name}"));
        ada.close().await.unwrap();
        bo.close().await.unwrap();
        app.finish().await;
    }
}
