//! In real Chromium: an admin starts a circle on the Circles page, three colleagues in other
//! time zones join it from its page, the admin runs the round with one click, and a colleague
//! finds the pairing on the hallway at her own local time, downloads its calendar file and
//! accepts it; her partner then sees that she accepted.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod browser;

use browser::{js, person, shot, type_into, LIVE_WAIT};
use fantoccini::{Client, Locator};
use hallway_domain::Role;
use hallway_testkit::{backends, open_signed_in, spawn_app, wait_for_js, Browser};

async fn click(page: &Client, css: &str) {
    page.find(Locator::Css(css))
        .await
        .unwrap_or_else(|_| panic!("no {css}"))
        .click()
        .await
        .expect("clicking");
}

async fn wait_text(page: &Client, css: &str, text: &str, what: &str) {
    let script = format!(
        "[...document.querySelectorAll({css})].some(e => e.textContent.includes({text}))",
        css = browser::js_string(css),
        text = browser::js_string(text)
    );
    wait_for_js(page, &script, LIVE_WAIT, what).await;
}

#[tokio::test]
async fn an_admin_runs_a_round_and_a_colleague_accepts_her_invitation() {
    let Some(browser) = Browser::start().await else {
        return;
    };
    for backend in backends().await {
        let app = spawn_app(backend, |_| {}).await;
        let name = app.name();
        let store = &app.backend.store;
        let (admin_id, admin_token) = person(&app, "Ada Admin", "Europe/London").await;
        store.set_role(admin_id, Role::Admin).await.unwrap();
        let colleagues = [
            person(&app, "Bea Berlin", "Europe/Berlin").await,
            person(&app, "Nia York", "America/New_York").await,
            person(&app, "Cal Chicago", "America/Chicago").await,
        ];

        // The admin starts the circle from the Circles page.
        let admin = browser.session().await;
        open_signed_in(&admin, &app.url, &admin_token, "/circles").await;
        type_into(&admin, "#circle-form #name", "Coffee across teams").await;
        click(&admin, "#circle-form button[type=submit]").await;
        wait_text(&admin, "h1", "Coffee across teams", "the new circle's page").await;
        let circle_path = admin.current_url().await.unwrap().path().to_owned();

        // Each colleague joins from the circle's page.
        let mut pages = Vec::new();
        for (_, token) in &colleagues {
            let page = browser.session().await;
            open_signed_in(&page, &app.url, token, &circle_path).await;
            click(&page, "#join").await;
            wait_text(&page, "#circle-notice", "You joined", "joined").await;
            pages.push(page);
        }

        // One click runs the round: two pairs of four people.
        admin
            .goto(&format!("{}{circle_path}", app.url))
            .await
            .unwrap();
        click(&admin, "#run-round").await;
        wait_text(
            &admin,
            "#circle-notice",
            "2 groups, 4 invitations",
            "the round ran",
        )
        .await;
        shot(
            admin.screenshot().await.unwrap(),
            &format!("circle-round-{name}"),
        );

        // Nia finds her pairing on the hallway at New York time and accepts it.
        let nia = &pages[1];
        let nia_id = colleagues[1].0;
        let invitation = store.invitations_of(nia_id).await.unwrap().remove(0);
        let local = invitation
            .slot_start
            .with_timezone(&chrono_tz::America::New_York);
        let expected = format!("{}, {}", local.format("%A %-d %B"), local.format("%H:%M"));
        nia.goto(&format!("{}/hallway", app.url)).await.unwrap();
        wait_text(
            nia,
            "#invitations .local-slot",
            &expected,
            "Nia's slot in her own time",
        )
        .await;
        wait_text(
            nia,
            "#invitations .slot",
            "America/New_York",
            "her zone named",
        )
        .await;
        let ics: serde_json::Value = js(
            nia,
            "const a = document.querySelector('#invitations a.ics'); \
             return fetch(a.href).then(r => r.text().then(t => [r.status, r.headers.get('content-type'), t]));",
        )
        .await;
        assert_eq!(ics[0], 200, "{name}");
        assert!(
            ics[1].as_str().unwrap().starts_with("text/calendar"),
            "{name}"
        );
        let ics_text = ics[2].as_str().unwrap();
        assert!(ics_text.starts_with("BEGIN:VCALENDAR\r\n"), "{name}");
        let utc = invitation
            .slot_start
            .format("DTSTART:%Y%m%dT%H%M%SZ")
            .to_string();
        assert!(ics_text.contains(&utc), "{name}: {utc} in {ics_text}");
        click(nia, "#invitations button.accept").await;
        wait_text(nia, "#invitations .my-answer", "accepted", "Nia's answer").await;
        shot(
            nia.screenshot().await.unwrap(),
            &format!("invitation-{name}"),
        );

        // Her partner sees it.
        let partner = invitation
            .group_members
            .iter()
            .find(|p| **p != nia_id)
            .copied()
            .unwrap();
        let partner_page = if partner == admin_id {
            &admin
        } else {
            &pages[colleagues
                .iter()
                .position(|(id, _)| *id == partner)
                .unwrap()]
        };
        partner_page
            .goto(&format!("{}/hallway", app.url))
            .await
            .unwrap();
        wait_text(
            partner_page,
            "#invitations .companions",
            "Nia York",
            "Nia in the partner's card",
        )
        .await;
        wait_text(
            partner_page,
            "#invitations .companion-answer",
            "accepted",
            "Nia's answer shown",
        )
        .await;

        for page in pages {
            page.close().await.unwrap();
        }
        admin.close().await.unwrap();
        app.finish().await;
    }
}
