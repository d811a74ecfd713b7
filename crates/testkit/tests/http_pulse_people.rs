//! Pulse says nothing about a named person, on every backend: the knowledge table counts no
//! topic's holders (the public "ask me about" tags would name them), flow figures are withheld
//! when the people behind their ties are fewer than five (also by subtracting two of them),
//! and snapshots stored under the old rules are read back under the new ones. The one person
//! holding a topic hears it privately, as an invitation.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod http;
mod pulse;

use chrono::Utc;
use hallway_store::PulseSnapshot;
use hallway_testkit::{backends, spawn_app, TestApp};
use http::{get, profile_body, put};
use pulse::{anchor, privacy_breaches, take_snapshot, tie, tie_all, PulseOrg};
use serde_json::{json, Value};

const AT_RISK: &str = "fewer than 5 active people know this";

async fn tag(org: &PulseOrg, app: &TestApp, name: &str, tags: &[&str]) {
    let client = org.client(app, name).await;
    let reply = put(
        &client,
        "/api/v1/me/profile",
        &profile_body(name, "Europe/London", tags),
    )
    .await;
    assert_eq!(reply.status, 200, "{}", reply.text);
}

fn topic<'a>(snapshot: &'a Value, name: &str) -> &'a Value {
    snapshot["knowledge"]["topics"]
        .as_array()
        .unwrap()
        .iter()
        .find(|t| t["topic"] == name)
        .unwrap_or_else(|| panic!("no topic {name}: {snapshot:#}"))
}

/// Platform 6 and Design 6, everyone tied within their team this week. "sqlite" is Platform
/// Person1's alone, "billing" is listed by Design Person1 (active) and Ops Quiet (who has had
/// no interaction for months), "rust" by all six of Platform.
async fn tagged_org(app: &TestApp) -> PulseOrg {
    let mut org = PulseOrg::create(app, &[("Platform", 6), ("Design", 6)]).await;
    for team in ["Platform", "Design"] {
        tie_all(app, &org.team(team), 10).await;
    }
    let design = org.teams[1].0;
    org.add(app, "Ops Quiet", design, "Design", 400).await;
    for n in 2..=6 {
        tag(&org, app, &format!("Platform Person{n}"), &["rust"]).await;
    }
    tag(&org, app, "Platform Person1", &["rust", "sqlite"]).await;
    tag(&org, app, "Design Person1", &["billing"]).await;
    tag(&org, app, "Ops Quiet", &["billing"]).await;
    org
}

#[tokio::test]
async fn knowledge_at_risk_names_topics_but_counts_no_holders() {
    for backend in backends().await {
        let app = spawn_app(backend, |_| {}).await;
        let name = app.name();
        let org = tagged_org(&app).await;
        take_snapshot(&app, 0).await;
        let viewer = org.client(&app, "Design Person3").await;
        let snapshot = get(&viewer, "/api/v1/pulse").await.json()["snapshot"].clone();
        let mut breaches = Vec::new();
        privacy_breaches(&snapshot, "", &mut breaches);
        assert!(breaches.is_empty(), "{name}: {breaches:?}");

        // "sqlite: 1 holder" would be Platform Person1; "billing: 1 quiet" would be Ops Quiet.
        let text = snapshot["knowledge"].to_string();
        for count in [
            "active_holders",
            "holders_quiet",
            "holders_left",
            "\"lost\"",
        ] {
            assert!(!text.contains(count), "{name}: {count} in {text}");
        }
        for risky in ["sqlite", "billing"] {
            let row = topic(&snapshot, risky);
            assert_eq!(row["status"], "at_risk", "{name}: {row}");
            assert_eq!(row["holders"], json!({"status": "suppressed"}), "{name}");
        }
        let rust = topic(&snapshot, "rust");
        assert_eq!(rust["status"], "healthy", "{name}: {rust}");
        assert_eq!(rust["holders"], json!({"status": "shown", "value": 6}));
        assert_eq!(snapshot["knowledge"]["at_risk"], json!(2), "{name}");

        let page = get(&viewer, "/pulse").await.text;
        assert!(
            page.contains(AT_RISK),
            "{name}: the page names topics at risk"
        );
        for leak in ["Quiet", "Bus factor", "1 holder", "holders_quiet"] {
            assert!(!page.contains(leak), "{name}: {leak:?} on the Pulse page");
        }
        assert!(
            !page.contains("Few people here know"),
            "{name}: someone else's invitation on a viewer's page"
        );

        // The holder hears it privately, as an invitation, about their own topic only.
        let holder = org.client(&app, "Platform Person1").await;
        let own = get(&holder, "/pulse").await.text;
        assert!(
            own.contains("Few people here know sqlite as you do"),
            "{name}: {own}"
        );
        assert!(!own.contains("know billing"), "{name}");
        let me = get(&holder, "/api/v1/pulse/me").await.json();
        let said = me["view"]["messages"].to_string();
        assert!(
            said.contains("write") || said.contains("note"),
            "{name}: {said}"
        );
        app.finish().await;
    }
}

#[tokio::test]
async fn flow_figures_about_fewer_than_five_people_are_withheld_even_by_subtraction() {
    for backend in backends().await {
        let app = spawn_app(backend, |_| {}).await;
        let name = app.name();
        let org = PulseOrg::create(&app, &[("Platform", 6), ("Design", 6)]).await;
        // Five new cross-team ties over ten people; one new tie inside Platform (two people);
        // one tie inside Design that lapsed (two people).
        for n in 1..=5 {
            let (p, d) = (format!("Platform Person{n}"), format!("Design Person{n}"));
            tie(&app, org.id(&p), org.id(&d), 1).await;
        }
        tie(
            &app,
            org.id("Platform Person5"),
            org.id("Platform Person6"),
            1,
        )
        .await;
        tie(&app, org.id("Design Person1"), org.id("Design Person2"), 30).await;
        let snapshot = take_snapshot(&app, 0).await;
        let flow = &snapshot.flow;
        assert_eq!(flow.new_cross_team_ties.shown(), Some(&5), "{name}");
        // All new ties (6) less the cross-team ones (5) would single out the pair inside
        // Platform, so "all" is withheld; the lapsed tie is about two people.
        assert!(flow.new_ties.is_suppressed(), "{name}: {flow:?}");
        assert!(flow.lapsed_ties.is_suppressed(), "{name}: {flow:?}");

        let viewer = org.client(&app, "Design Person6").await;
        let json = get(&viewer, "/api/v1/pulse").await.json()["snapshot"]["flow"].clone();
        assert_eq!(json["new_ties"], json!({"status": "suppressed"}), "{name}");
        assert_eq!(json["lapsed_ties"], json!({"status": "suppressed"}));
        let page = get(&viewer, "/pulse").await.text;
        assert!(
            page.contains("5 new cross-team ties formed this week"),
            "{name}: {page}"
        );
        app.finish().await;
    }
}

#[tokio::test]
async fn snapshots_stored_under_the_old_rules_are_shown_under_the_new_ones() {
    for backend in backends().await {
        let app = spawn_app(backend, |_| {}).await;
        let name = app.name();
        let org = tagged_org(&app).await;
        let mut old = serde_json::to_value(take_snapshot(&app, 1).await).unwrap();
        // What a snapshot stored before looked like: counted holders, a lapsed tie as "1".
        old.as_object_mut().unwrap().remove("privacy_rules");
        old["as_of"] = json!(anchor().to_rfc3339());
        old["knowledge"] = json!({
            "quiet_after_days": 90, "at_risk": 1, "lost": 1,
            "topics": [
                {"topic": "billing", "holders": 2, "active_holders": 1, "holders_left": 0,
                 "holders_quiet": 1, "status": "at_risk"},
                {"topic": "sqlite", "holders": 1, "active_holders": 0, "holders_left": 0,
                 "holders_quiet": 1, "status": "lost"},
            ],
        });
        let flow = |value: u64| json!({"status": "shown", "value": value});
        old["flow"] = json!({
            "new_ties": flow(30), "lapsed_ties": flow(1),
            "new_cross_team_ties": flow(28), "lapsed_cross_team_ties": flow(0),
            "new_cross_team_ties_from_pairings": flow(0),
            "lapsed_cross_team_ties_from_pairings": flow(0),
            "new_ties_from_pairings": flow(0), "lapsed_ties_from_pairings": flow(0),
        });
        app.backend
            .store
            .save_pulse_snapshot(&PulseSnapshot {
                week: (anchor() - chrono::Days::new(7)).date_naive(),
                computed_at: Utc::now(),
                snapshot: old,
            })
            .await
            .unwrap();
        let viewer = org.client(&app, "Design Person3").await;
        let shown = get(&viewer, "/api/v1/pulse").await.json()["snapshot"].clone();
        let text = shown["knowledge"].to_string();
        assert!(
            !text.contains("holders_quiet") && !text.contains("lost"),
            "{name}: {text}"
        );
        assert_eq!(topic(&shown, "sqlite")["status"], "at_risk");
        assert_eq!(
            topic(&shown, "billing")["holders"],
            json!({"status": "suppressed"})
        );
        // 30 new less 28 cross-team = 2 ties inside teams (at most 4 people): "all" goes.
        assert_eq!(
            shown["flow"]["new_ties"],
            json!({"status": "suppressed"}),
            "{name}"
        );
        assert_eq!(shown["flow"]["new_cross_team_ties"], flow(28), "{name}");
        assert_eq!(
            shown["flow"]["lapsed_ties"],
            json!({"status": "suppressed"})
        );
        app.finish().await;
    }
}
