//! In real Chromium, two people: Ada waves at Bo from his profile page; Bo's hallway shows
//! "Ada Lovelace waved at you" with "Wave back"; he waves back with one click and Ada's page
//! shows "Bo Tanaka waved back".

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod browser;

use browser::{js, person, shot, wait_live, LIVE_WAIT};
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
async fn a_wave_is_seen_and_waved_back() {
    let Some(browser) = Browser::start().await else {
        return;
    };
    for backend in backends().await {
        let app = spawn_app(backend, |_| {}).await;
        let name = app.name();
        let (ada_id, ada_token) = person(&app, "Ada Lovelace", "Europe/London").await;
        let (bo_id, bo_token) = person(&app, "Bo Tanaka", "Asia/Tokyo").await;
        // Neither gives working hours, so the clock never holds their waves.
        let store = &app.backend.store;
        for id in [ada_id, bo_id] {
            let mut profile = store.person(id).await.unwrap().profile;
            profile.working_hours = WorkingHours::default();
            store.update_profile(id, &profile).await.unwrap();
        }

        let bo = browser.session().await;
        open_signed_in(&bo, &app.url, &bo_token, "/").await;
        wait_live(&bo).await;
        let ada = browser.session().await;
        open_signed_in(&ada, &app.url, &ada_token, &format!("/people/{bo_id}")).await;
        wait_for_js(
            &ada,
            "window.hallwayLive && window.hallwayLive.state === 'live' \
             && document.querySelector('[data-wave-person] button.wave') !== null",
            LIVE_WAIT,
            "the Wave button on Bo's profile",
        )
        .await;
        click(&ada, "[data-wave-person] button.wave").await;
        wait_for_js(
            &ada,
            "document.querySelector('[data-wave-person] .wave-outcome').textContent.includes('Waved')",
            LIVE_WAIT,
            "Ada's wave sent",
        )
        .await;

        wait_for_js(
            &bo,
            "[...document.querySelectorAll('#waves .wave-title')].some(p => \
             p.textContent.includes('Ada Lovelace waved at you'))",
            LIVE_WAIT,
            "Ada's wave on Bo's hallway",
        )
        .await;
        shot(bo.screenshot().await.unwrap(), &format!("wave-{name}"));
        click(&bo, "#waves button.wave-back").await;
        wait_for_js(
            &ada,
            "[...document.querySelectorAll('#waves .wave-title')].some(p => \
             p.textContent.includes('Bo Tanaka waved back'))",
            LIVE_WAIT,
            "Bo's wave back on Ada's page",
        )
        .await;
        shot(
            ada.screenshot().await.unwrap(),
            &format!("wave-back-{name}"),
        );
        // Bo's hallway offers a wave to Ada in the people list, never to himself.
        let buttons = js(
            &bo,
            &format!(
                "return [document.querySelector('#people [data-person=\"{ada_id}\"] button.wave') !== null, \
                 document.querySelector('#people [data-person=\"{bo_id}\"] button.wave') !== null];"
            ),
        )
        .await;
        assert_eq!(buttons, serde_json::json!([true, false]), "{name}");
        ada.close().await.unwrap();
        bo.close().await.unwrap();
        app.finish().await;
    }
}
