//! Pulse over HTTP, on every backend: the page and the JSON never show a figure about fewer
//! than five people (not even by subtracting two shown groups), the personal view is the
//! viewer's alone, leaving pulse takes a person out, and with pulse off nothing is shown.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod http;
mod pulse;

use chrono::{Duration, Utc};
use hallway_pulse::SUPPRESSED_TEXT;
use hallway_testkit::{backends, spawn_app, TestApp};
use http::{form, get, put};
use pulse::{privacy_breaches, take_snapshot, tie, tie_all, PulseOrg};
use serde_json::json;

/// Platform 6, Design 6, Research 5, Ops 3: Ops is too small, and Research is hidden with it
/// so that "everyone less the shown teams" never singles out Ops' three people.
async fn small_teams(app: &TestApp) -> PulseOrg {
    let org = PulseOrg::create(
        app,
        &[("Platform", 6), ("Design", 6), ("Research", 5), ("Ops", 3)],
    )
    .await;
    for team in ["Platform", "Design", "Research", "Ops"] {
        tie_all(app, &org.team(team), 3).await;
    }
    // Ada (Platform) bridges to Design; Ops talks to Research.
    tie(app, org.id("Platform Person1"), org.id("Design Person1"), 4).await;
    tie(app, org.id("Ops Person1"), org.id("Research Person1"), 5).await;
    org
}

fn assert_private(json: &serde_json::Value, what: &str) {
    let mut breaches = Vec::new();
    privacy_breaches(json, "", &mut breaches);
    assert!(breaches.is_empty(), "{what}: {breaches:?}\n{json:#}");
}

#[tokio::test]
async fn no_figure_ever_covers_fewer_than_five_people() {
    for backend in backends().await {
        let app = spawn_app(backend, |_| {}).await;
        let org = small_teams(&app).await;
        take_snapshot(&app, 1).await;
        take_snapshot(&app, 0).await;
        let viewer = org.client(&app, "Platform Person2").await;

        let api = get(&viewer, "/api/v1/pulse").await;
        assert_eq!(api.status, 200, "{}", api.text);
        let body = api.json();
        assert_eq!(body["enabled"], json!(true));
        let snapshot = &body["snapshot"];
        assert_private(snapshot, app.name());
        let team_rows = snapshot["teams"]["rows"].as_array().unwrap();
        let shown: Vec<&str> = team_rows
            .iter()
            .filter(|r| r["figures"]["status"] == "shown")
            .map(|r| r["label"].as_str().unwrap())
            .collect();
        assert_eq!(shown, ["Design", "Platform"], "{}", app.name());
        for hidden in ["Research", "Ops"] {
            let row = team_rows.iter().find(|r| r["label"] == hidden).unwrap();
            assert_eq!(row["figures"], json!({"status": "suppressed"}), "{hidden}");
        }

        let page = get(&viewer, "/pulse").await;
        assert_eq!(page.status, 200, "{}", page.text);
        for chart in [
            "ties",
            "cross-team",
            "flow",
            "heat-map",
            "bus-factor",
            "newcomers",
        ] {
            assert!(
                page.text.contains(&format!("id=\"chart-{chart}\"")),
                "{chart} chart"
            );
        }
        assert!(page.text.contains("<svg"), "charts are drawn on the server");
        assert!(
            page.text.contains("Platform – Design: 1 ties"),
            "the heat map"
        );
        for hidden in ["Research", "Ops"] {
            assert!(!page.text.contains(hidden), "{hidden} appears on the page");
        }
        // No list of people anywhere: nobody's name but the viewer's own (in the header).
        for person in org.people.iter().filter(|p| p.name != "Platform Person2") {
            assert!(
                !page.text.contains(&person.name),
                "{} is named on the Pulse page",
                person.name
            );
        }
        let hallway = get(&viewer, "/").await;
        assert!(
            hallway.text.contains("id=\"pulse-digest\""),
            "the digest card"
        );
        // Two new cross-team ties are about four people: the digest withholds the count.
        assert!(
            !hallway.text.contains("new cross-team tie"),
            "{}",
            hallway.text
        );
        app.finish().await;
    }
}

#[tokio::test]
async fn a_team_of_six_beside_one_person_shows_neither() {
    for backend in backends().await {
        let app = spawn_app(backend, |_| {}).await;
        let org = PulseOrg::create(&app, &[("Platform", 6), ("Solo", 1)]).await;
        tie_all(&app, &org.team("Platform"), 2).await;
        tie(&app, org.id("Solo Person1"), org.id("Platform Person1"), 2).await;
        take_snapshot(&app, 0).await;
        let viewer = org.client(&app, "Platform Person3").await;

        let snapshot = get(&viewer, "/api/v1/pulse").await.json()["snapshot"].clone();
        assert_private(&snapshot, app.name());
        // "All seven" is shown; the team of six would give the one person away by subtraction.
        assert_eq!(snapshot["people"], json!({"status": "shown", "value": 7}));
        for row in snapshot["teams"]["rows"].as_array().unwrap() {
            assert_eq!(row["figures"], json!({"status": "suppressed"}), "{row}");
        }
        let page = get(&viewer, "/pulse").await.text;
        assert!(!page.contains("Solo"), "the one-person team is named");
        assert!(page.contains(SUPPRESSED_TEXT), "suppressed figures say so");
        app.finish().await;
    }
}

#[tokio::test]
async fn the_personal_view_is_the_viewers_alone() {
    for backend in backends().await {
        let app = spawn_app(backend, |_| {}).await;
        let org = small_teams(&app).await;
        let ada = org.client(&app, "Platform Person1").await;
        let cy = org.client(&app, "Platform Person3").await;

        let mine = get(&ada, "/api/v1/pulse/me").await;
        assert_eq!(mine.status, 200, "{}", mine.text);
        let view = &mine.json()["view"];
        assert_eq!(view["teams_bridged"], json!(["Design"]), "{view}");
        assert_eq!(view["team"], json!("Platform"));
        assert_eq!(view["ties"], json!(6), "five in Platform, one in Design");
        let theirs = get(&cy, "/api/v1/pulse/me").await.json();
        assert_eq!(theirs["view"]["teams_bridged"], json!([]), "{theirs}");
        assert_eq!(theirs["view"]["cross_team_ties"], json!(0));

        let ada_page = get(&ada, "/pulse").await.text;
        assert!(
            ada_page.contains("You bridge Platform and Design."),
            "{ada_page}"
        );
        let cy_page = get(&cy, "/pulse").await.text;
        assert!(!cy_page.contains("You bridge"), "Ada's view on Cy's page");
        assert!(
            cy_page.contains("You have not met anyone outside your team"),
            "{cy_page}"
        );
        assert!(
            cy_page.contains("No snapshot yet") && cy_page.contains("hallway pulse snapshot"),
            "no snapshot yet, and how one is made"
        );
        app.finish().await;
    }
}

#[tokio::test]
async fn leaving_pulse_stops_recording_and_counting_and_rejoining_undoes_it() {
    for backend in backends().await {
        let app = spawn_app(backend, |_| {}).await;
        let org = small_teams(&app).await;
        let ada = org.client(&app, "Platform Person1").await;
        let ada_id = org.id("Platform Person1");

        let left = form(&ada, "/account/pulse", &[("choice", "leave")]).await;
        assert_eq!(left.status, 303, "{}", left.text);
        let account = get(&ada, "/account").await.text;
        assert!(account.contains("You have left pulse"), "{account}");
        let me = get(&ada, "/api/v1/pulse/me").await.json();
        assert_eq!(me["in_pulse"], json!(false));
        assert_eq!(me["view"], json!(null));
        assert!(get(&ada, "/pulse")
            .await
            .text
            .contains("You have left pulse"));

        // Nothing more is recorded about Ada, and the next snapshot counts one person fewer.
        tie(&app, ada_id, org.id("Research Person2"), 1).await;
        let recorded = app
            .backend
            .store
            .interactions(Utc::now() - Duration::days(30), Utc::now());
        let recorded = recorded.await.unwrap();
        assert!(recorded.iter().all(|i| i.a != ada_id && i.b != ada_id));
        let snapshot = take_snapshot(&app, 0).await;
        assert_eq!(snapshot.people.shown(), Some(&19));

        let rejoined = put(&ada, "/api/v1/me/pulse", &json!({"in_pulse": true})).await;
        assert_eq!(rejoined.json(), json!({"in_pulse": true}));
        assert!(get(&ada, "/account").await.text.contains("Leave pulse"));
        put(&ada, "/api/v1/me/pulse", &json!({"in_pulse": "maybe"}))
            .await
            .problem(400, "in_pulse");
        let bad = form(&ada, "/account/pulse", &[("choice", "later")]).await;
        assert_eq!(bad.status, 400);
        assert!(bad.text.contains("choice must be"), "{}", bad.text);
        app.finish().await;
    }
}

#[tokio::test]
async fn with_pulse_off_the_page_says_so_and_nothing_is_shown() {
    for backend in backends().await {
        let app = spawn_app(backend, |_| {}).await;
        let mut org = small_teams(&app).await;
        take_snapshot(&app, 0).await;
        let admin_id = org
            .add(&app, "Alex Admin", org.teams[0].0, "Platform", 400)
            .await;
        app.backend
            .store
            .set_role(admin_id, hallway_domain::Role::Admin)
            .await
            .unwrap();
        let admin = org.client(&app, "Alex Admin").await;
        let member = org.client(&app, "Design Person2").await;

        let off = form(&admin, "/admin/pulse", &[("enabled", "off")]).await;
        assert_eq!(off.status, 303, "{}", off.text);
        assert!(get(&admin, "/admin/pulse")
            .await
            .text
            .contains("Turn pulse on"));
        let page = get(&member, "/pulse").await.text;
        assert!(page.contains("Pulse is turned off"), "{page}");
        assert!(!page.contains("<svg"), "charts while pulse is off");
        let api = get(&member, "/api/v1/pulse").await.json();
        assert_eq!(api["enabled"], json!(false));
        assert_eq!(api["snapshot"], json!(null));
        assert_eq!(
            get(&member, "/api/v1/pulse/me").await.json()["view"],
            json!(null)
        );
        assert!(!get(&member, "/").await.text.contains("pulse-digest"));
        let refused = form(&member, "/admin/pulse", &[("enabled", "on")]).await;
        assert_eq!(refused.status, 403, "members may not switch pulse");
        let bad = form(&admin, "/admin/pulse", &[("enabled", "yes")]).await;
        assert_eq!(bad.status, 400);

        form(&admin, "/admin/pulse", &[("enabled", "on")]).await;
        assert!(get(&member, "/pulse").await.text.contains("<svg"));
        app.finish().await;
    }
}
