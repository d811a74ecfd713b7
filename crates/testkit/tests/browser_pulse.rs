//! In real Chromium: a member opens the Pulse page of an organisation with four weeks of
//! interactions and sees every chart drawn (SVG laid out with a real size), the heat map's
//! team squares, their own ties, and no person named; the page is saved as a screenshot.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod browser;
mod pulse;

use std::time::Duration;

use browser::{js, shot};
use hallway_testkit::{backends, open_signed_in, spawn_app, wait_for_js, Browser};
use pulse::{take_snapshot, tie, tie_all, PulseOrg};

#[tokio::test]
async fn the_pulse_page_draws_its_charts() {
    let Some(browser) = Browser::start().await else {
        return;
    };
    for backend in backends().await {
        let app = spawn_app(backend, |_| {}).await;
        let name = app.name();
        let org = PulseOrg::create(
            &app,
            &[("Platform", 7), ("Design", 6), ("Support", 6), ("Sales", 5)],
        )
        .await;
        // Four weeks: teams talk among themselves, and more cross-team ties form each week.
        for week in (0..4i64).rev() {
            let days_ago = week * 7 + 1;
            for team in ["Platform", "Design", "Support", "Sales"] {
                tie_all(&app, &org.team(team)[..4], days_ago).await;
            }
            for n in 0..(4 - week) as usize {
                let (platform, design) = (org.team("Platform"), org.team("Design"));
                tie(&app, platform[n], design[n], days_ago).await;
                tie(&app, org.team("Support")[n], org.team("Sales")[n], days_ago).await;
            }
            take_snapshot(&app, week as u64).await;
        }
        let viewer = org.by_name("Platform Person1");

        let page = browser.session().await;
        open_signed_in(&page, &app.url, &viewer.token, "/pulse").await;
        wait_for_js(
            &page,
            "document.querySelectorAll('#pulse-charts svg').length === 6",
            Duration::from_secs(10),
            "six charts",
        )
        .await;
        let sizes = js(
            &page,
            "return [...document.querySelectorAll('#pulse-charts svg')]\
             .map(svg => svg.getBoundingClientRect().width > 200 && svg.getBoundingClientRect().height > 50);",
        )
        .await;
        assert_eq!(
            sizes,
            serde_json::json!([true, true, true, true, true, true]),
            "{name}: every chart laid out"
        );
        let heat_cells = js(
            &page,
            "return document.querySelectorAll('#chart-heat-map rect').length;",
        )
        .await;
        assert_eq!(
            heat_cells,
            serde_json::json!(16),
            "{name}: 4 x 4 team squares"
        );
        let lines = js(
            &page,
            "return document.querySelectorAll('#chart-cross-team polyline').length > 0;",
        )
        .await;
        assert_eq!(lines, serde_json::json!(true), "{name}: trend lines");
        let text = js(&page, "return document.body.innerText;").await;
        let text = text.as_str().unwrap();
        assert!(text.contains("You bridge Platform and Design."), "{text}");
        assert!(
            !text.contains("Person2"),
            "{name}: a person is named on the page"
        );
        shot(page.screenshot().await.unwrap(), &format!("pulse-{name}"));
        page.close().await.unwrap();
        app.finish().await;
    }
}
