//! Circles and round invitations on every backend, as people use them through the pages: a
//! member starts a circle (bad input names the field and creates nothing), others join, only an
//! admin or the creator runs a round and only once per cycle, each person finds their pairing
//! in the hallway at their own local time, downloads a calendar file a real parser reads, and
//! answers it; "did you meet?" records a tie for pulse. Who met whom stays within the group.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod http;

use chrono::{DateTime, Datelike, Duration, NaiveDate, Utc};
use hallway_domain::PersonId;
use hallway_store::InteractionKind;
use hallway_testkit::{backends, spawn_app};
use http::{form, get, join, org, post, profile_body, put, Member};
use serde_json::{json, Value};

async fn set_zone(member: &Member, name: &str, zone: &str) {
    let reply = put(
        &member.client,
        "/api/v1/me/profile",
        &profile_body(name, zone, &[]),
    )
    .await;
    assert_eq!(reply.status, 200, "{}", reply.text);
}

fn circle_id(location: &str) -> i64 {
    location
        .strip_prefix("/circles/")
        .and_then(|id| id.parse().ok())
        .unwrap_or_else(|| panic!("not a circle's address: {location:?}"))
}

async fn my_invitations(member: &Member) -> Vec<Value> {
    let reply = get(&member.client, "/api/v1/me/invitations").await;
    assert_eq!(reply.status, 200, "{}", reply.text);
    reply.json()["invitations"].as_array().unwrap().clone()
}

fn time(value: &Value) -> DateTime<Utc> {
    value.as_str().unwrap().parse().unwrap()
}

/// The other member of a pair's invitation.
fn partner_of(invitation: &Value, me: i64) -> i64 {
    invitation["group_members"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p.as_i64().unwrap())
        .find(|p| *p != me)
        .unwrap()
}

fn monday_after(day: NaiveDate) -> NaiveDate {
    day + Duration::days(7 - i64::from(day.weekday().num_days_from_monday()))
}

/// The calendar file read back by Python's `icalendar` (from `scripts/test`'s venv); `None`
/// outside CI when that python is missing.
fn parse_ics(ics: &str) -> Option<Value> {
    let python = match std::env::var_os("HALLWAY_TEST_PYTHON") {
        Some(path) if std::path::Path::new(&path).exists() => path,
        _ if std::env::var_os("CI").is_some() => panic!("HALLWAY_TEST_PYTHON is not set"),
        _ => {
            eprintln!("SKIPPED: the icalendar check (HALLWAY_TEST_PYTHON is not set)");
            return None;
        }
    };
    let file = tempfile::NamedTempFile::new().unwrap();
    std::fs::write(file.path(), ics).unwrap();
    let script = r#"
import json, sys, icalendar
cal = icalendar.Calendar.from_ical(open(sys.argv[1], "rb").read())
[e] = list(cal.walk("VEVENT"))
print(json.dumps({"start": e.decoded("DTSTART").isoformat(), "end": e.decoded("DTEND").isoformat(),
  "summary": str(e["SUMMARY"]), "attendees": len(e["ATTENDEE"]),
  "errors": [str(x) for c in cal.walk() for x in getattr(c, "errors", [])]}))
"#;
    let out = std::process::Command::new(python)
        .arg("-c")
        .arg(script)
        .arg(file.path())
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    Some(serde_json::from_slice(&out.stdout).unwrap())
}

#[tokio::test]
async fn a_circle_runs_a_round_and_everyone_acts_on_their_invitation() {
    for backend in backends().await {
        let app = spawn_app(backend, |_| {}).await;
        let name = app.name();
        let org = org(&app).await;
        let (owner, admin, member) = (&org.owner, &org.admin, &org.member);
        let other = join(
            &app,
            &owner.client,
            "member",
            "ren@example.org",
            "Ren Remote",
        )
        .await;
        set_zone(admin, "Ada Admin", "Europe/Berlin").await;
        set_zone(member, "Mo Member", "America/New_York").await;
        set_zone(&other, "Ren Remote", "America/Chicago").await;

        // Bad input names the field and creates nothing; guests have no circles.
        let nameless = form(
            &member.client,
            "/circles",
            &[("name", " "), ("cadence", "weekly")],
        )
        .await;
        assert_eq!(nameless.status, 422, "{name}: {}", nameless.text);
        assert!(nameless.text.contains("id=\"form-error\""), "{name}");
        let daily = form(
            &member.client,
            "/circles",
            &[("name", "Coffee"), ("cadence", "daily")],
        )
        .await;
        assert_eq!(daily.status, 422, "{name}");
        assert!(daily.text.contains("cadence"), "{name}: {}", daily.text);
        assert!(
            app.backend.store.circles().await.unwrap().is_empty(),
            "{name}"
        );
        assert_eq!(
            get(&org.guest.client, "/circles").await.status,
            403,
            "{name}"
        );

        // A member starts a circle; three colleagues join it from its page.
        let created = form(
            &member.client,
            "/circles",
            &[
                ("name", "Coffee"),
                ("cadence", "weekly"),
                ("shape", "pairs"),
                ("cooldown_days", "60"),
            ],
        )
        .await;
        assert_eq!(created.status, 303, "{name}: {}", created.text);
        let id = circle_id(created.location());
        let page = format!("/circles/{id}");
        for who in [owner, admin, &other] {
            let joined = form(
                &who.client,
                &format!("{page}/membership"),
                &[("action", "join")],
            )
            .await;
            assert_eq!(joined.status, 200, "{name}: {}", joined.text);
            assert!(joined.text.contains("You joined Coffee"), "{name}");
        }
        let listed = get(&owner.client, "/circles").await;
        assert!(listed.text.contains("4 members"), "{name}: {}", listed.text);

        // Someone who neither created the circle nor is an admin cannot run it.
        let refused = form(
            &other.client,
            &format!("{page}/rounds"),
            &[("cycle_start", "")],
        )
        .await;
        assert_eq!(refused.status, 403, "{name}");

        // An admin runs the next cycle's round from the page, once.
        let cycle = monday_after(Utc::now().date_naive()).to_string();
        let ran = form(
            &admin.client,
            &format!("{page}/rounds"),
            &[("cycle_start", &cycle)],
        )
        .await;
        assert_eq!(ran.status, 200, "{name}: {}", ran.text);
        assert!(
            ran.text.contains("2 groups, 4 invitations"),
            "{name}: {}",
            ran.text
        );
        let again = form(
            &admin.client,
            &format!("{page}/rounds"),
            &[("cycle_start", &cycle)],
        )
        .await;
        assert_eq!(again.status, 409, "{name}");
        assert!(again.text.contains("already ran"), "{name}");
        // The page still proposes the same cycle, so "Run the round now" twice never plans
        // a second, later cycle; neither does an empty date.
        let proposed = format!(r#"name="cycle_start" type="date" value="{cycle}""#);
        assert!(ran.text.contains(&proposed), "{name}: {}", ran.text);
        let empty = form(
            &admin.client,
            &format!("{page}/rounds"),
            &[("cycle_start", "")],
        )
        .await;
        assert_eq!(empty.status, 409, "{name}: {}", empty.text);
        let tuesday = (monday_after(Utc::now().date_naive()) + Duration::days(8)).to_string();
        let off_cycle = form(
            &admin.client,
            &format!("{page}/rounds"),
            &[("cycle_start", &tuesday)],
        )
        .await;
        assert_eq!(off_cycle.status, 400, "{name}");
        assert!(
            off_cycle.text.contains("does not start a cycle of Coffee"),
            "{name}: {}",
            off_cycle.text
        );
        assert_eq!(
            app.backend
                .store
                .rounds(hallway_domain::CircleId(id))
                .await
                .unwrap()
                .len(),
            1,
            "{name}"
        );

        // Mo's invitation: a slot in Mo's own time, in the hallway, with the partner's time too.
        let mine = my_invitations(member).await;
        assert_eq!(mine.len(), 1, "{name}: {mine:?}");
        let invitation = &mine[0];
        let invitation_id = invitation["id"].as_i64().unwrap();
        let partner = partner_of(invitation, member.id);
        let partner_person = app.backend.store.person(PersonId(partner)).await.unwrap();
        let partner_name = partner_person.profile.display_name.to_string();
        let start = time(&invitation["slot_start"]);
        let local = start.with_timezone(&chrono_tz::America::New_York);
        let hallway = get(&member.client, "/hallway").await;
        assert!(
            hallway
                .text
                .contains(&format!("data-invitation=\"{invitation_id}\"")),
            "{name}"
        );
        let shown = format!("{}, {}", local.format("%A %-d %B"), local.format("%H:%M"));
        assert!(
            hallway.text.contains(&shown),
            "{name}: {shown} in {}",
            hallway.text
        );
        assert!(hallway.text.contains("America/New_York"), "{name}");
        assert!(hallway.text.contains(&partner_name), "{name}");

        // The calendar file: Mo's only, valid for a real parser, the same slot.
        let ics = get(
            &member.client,
            &format!("/invitations/{invitation_id}/invite.ics"),
        )
        .await;
        assert_eq!(ics.status, 200, "{name}");
        assert!(
            ics.header("content-type").starts_with("text/calendar"),
            "{name}"
        );
        if let Some(parsed) = parse_ics(&ics.text) {
            assert_eq!(parsed["errors"], json!([]), "{name}");
            assert_eq!(time(&parsed["start"]), start, "{name}");
            assert!(
                parsed["summary"].as_str().unwrap().contains(&partner_name),
                "{name}"
            );
            assert_eq!(parsed["attendees"], 2, "{name}");
        }
        let theirs = get(
            &org.guest.client,
            &format!("/invitations/{invitation_id}/invite.ics"),
        )
        .await;
        assert_eq!(theirs.status, 404, "{name}");

        // Answers: bad proposals are named and change nothing; accepting shows to the partner.
        let answer = format!("/invitations/{invitation_id}");
        let garbled = form(
            &member.client,
            &answer,
            &[("answer", "propose"), ("start", "soon"), ("minutes", "30")],
        )
        .await;
        assert_eq!(garbled.status, 400, "{name}");
        assert!(garbled.text.contains("start"), "{name}");
        let past = form(
            &member.client,
            &answer,
            &[
                ("answer", "propose"),
                ("start", "2020-01-06T10:00"),
                ("minutes", "30"),
            ],
        )
        .await;
        assert_eq!(past.status, 400, "{name}");
        assert!(past.text.contains("future"), "{name}");
        let early = form(&member.client, &answer, &[("answer", "met")]).await;
        assert_eq!(early.status, 400, "{name}: did you meet, before the slot");
        assert_eq!(
            my_invitations(member).await[0]["state"],
            "pending",
            "{name}"
        );
        let accepted = form(&member.client, &answer, &[("answer", "accept")]).await;
        assert_eq!(accepted.status, 303, "{name}");
        let partner_client = [owner, admin, &other]
            .into_iter()
            .find(|m| m.id == partner)
            .unwrap();
        let partner_view = get(&partner_client.client, "/hallway").await;
        assert!(partner_view.text.contains("Mo Member"), "{name}");
        assert!(partner_view.text.contains("accepted"), "{name}");
        // "Another time" that is the planned slot is refused by name.
        let theirs = my_invitations(partner_client).await.remove(0);
        let same = post(
            &partner_client.client,
            &format!("/api/v1/invitations/{}/answer", theirs["id"]),
            &json!({"answer": "propose", "start": theirs["slot_start"], "end": theirs["slot_end"]}),
        )
        .await;
        assert_eq!(same.status, 400, "{name}: {}", same.text);
        assert!(
            same.text.contains("already planned"),
            "{name}: {}",
            same.text
        );
        let proposed = post(
            &partner_client.client,
            &format!("/api/v1/invitations/{}/answer", my_invitations(partner_client).await[0]["id"]),
            &json!({"answer": "propose", "start": (start + Duration::hours(1)).to_rfc3339(), "end": (start + Duration::minutes(90)).to_rfc3339()}),
        )
        .await;
        assert_eq!(proposed.status, 200, "{name}: {}", proposed.text);
        assert!(
            get(&member.client, "/hallway")
                .await
                .text
                .contains("proposed"),
            "{name}"
        );

        // Who met whom: each sees their own group only; everyone sees the counts.
        let own = get(&member.client, &page).await;
        assert!(
            own.text.contains(&format!("with {partner_name}")),
            "{name}: {}",
            own.text
        );
        let not_theirs = [owner, admin, &other]
            .into_iter()
            .find(|m| m.id != partner)
            .unwrap();
        let outsider = get(&not_theirs.client, &page).await;
        assert!(!outsider.text.contains("with Mo Member"), "{name}");
        assert!(
            outsider.text.contains("<td>2</td><td>4</td><td>0</td>"),
            "{name}: {}",
            outsider.text
        );

        // A round whose slot has passed: "did you meet?" yes records a tie for pulse, once.
        let last_cycle = monday_after(Utc::now().date_naive()) - Duration::days(14);
        let earlier = form(
            &admin.client,
            &format!("{page}/rounds"),
            &[("cycle_start", &last_cycle.to_string())],
        )
        .await;
        assert_eq!(earlier.status, 200, "{name}: {}", earlier.text);
        let past_invitation = my_invitations(member)
            .await
            .into_iter()
            .find(|i| i["cycle_start"] == last_cycle.to_string())
            .unwrap();
        let past_partner = partner_of(&past_invitation, member.id);
        let met_path = format!("/invitations/{}", past_invitation["id"]);
        assert!(
            get(&member.client, "/hallway")
                .await
                .text
                .contains("Did you meet?"),
            "{name}"
        );
        let met = form(&member.client, &met_path, &[("answer", "met")]).await;
        assert_eq!(met.status, 303, "{name}: {}", met.text);
        assert_eq!(
            form(&member.client, &met_path, &[("answer", "met")])
                .await
                .status,
            303,
            "{name}"
        );
        let ties = app
            .backend
            .store
            .interactions(
                Utc::now() - Duration::days(30),
                Utc::now() + Duration::minutes(1),
            )
            .await
            .unwrap();
        let ours: Vec<_> = ties
            .iter()
            .filter(|t| t.kind == InteractionKind::PairingMet)
            .collect();
        assert_eq!(ours.len(), 1, "{name}: {ours:?}");
        let pair = [ours[0].a.0, ours[0].b.0];
        assert!(
            pair.contains(&member.id) && pair.contains(&past_partner),
            "{name}"
        );
        assert!(
            get(&member.client, "/hallway")
                .await
                .text
                .contains("You said yes"),
            "{name}"
        );

        // A circle open to one team: its members join, others are told who may.
        let team = post(
            &owner.client,
            "/api/v1/teams",
            &json!({"name": "Platform", "description": ""}),
        )
        .await;
        assert_eq!(team.status, 201, "{name}: {}", team.text);
        let team_id = team.json()["id"].as_i64().unwrap();
        let placed = put(
            &owner.client,
            &format!("/api/v1/people/{}/teams", admin.id),
            &json!({"teams": [team_id]}),
        )
        .await;
        assert_eq!(placed.status, 200, "{name}: {}", placed.text);
        let bad_team = form(
            &member.client,
            "/circles",
            &[("name", "Platform coffee"), ("team", "999999")],
        )
        .await;
        assert_eq!(bad_team.status, 400, "{name}");
        assert!(bad_team.text.contains("team"), "{name}");
        let team_circle = form(
            &member.client,
            "/circles",
            &[("name", "Platform coffee"), ("team", &team_id.to_string())],
        )
        .await;
        assert_eq!(team_circle.status, 303, "{name}: {}", team_circle.text);
        let team_page = team_circle.location().to_owned();
        let outsider = get(&other.client, &team_page).await;
        assert!(
            outsider.text.contains("open to members of Platform only"),
            "{name}"
        );
        let refused = form(
            &other.client,
            &format!("{team_page}/membership"),
            &[("action", "join")],
        )
        .await;
        assert_eq!(refused.status, 403, "{name}");
        assert!(
            refused
                .text
                .contains("Platform coffee is open to members of Platform only"),
            "{name}"
        );
        let welcome = form(
            &admin.client,
            &format!("{team_page}/membership"),
            &[("action", "join")],
        )
        .await;
        assert_eq!(welcome.status, 200, "{name}: {}", welcome.text);

        app.finish().await;
    }
}

#[tokio::test]
async fn a_round_run_from_the_page_is_mailed_to_every_member() {
    let Some(python) = hallway_testkit::test_python() else {
        return;
    };
    for backend in backends().await {
        let smtp = hallway_testkit::SmtpServer::start(&python);
        let app = spawn_app(backend, |config| {
            config.mailer = hallway_mail::Mailer::from_settings(
                &smtp.url,
                "Hallway <hallway@example.org>",
                "https://hallway.example.org",
            )
            .unwrap();
        })
        .await;
        let name = app.name();
        let org = org(&app).await;
        set_zone(&org.member, "Mo Member", "America/New_York").await;
        let created = form(&org.admin.client, "/circles", &[("name", "Coffee")]).await;
        let page = created.location().to_owned();
        for who in [&org.owner, &org.member] {
            form(
                &who.client,
                &format!("{page}/membership"),
                &[("action", "join")],
            )
            .await;
        }
        let ran = form(
            &org.admin.client,
            &format!("{page}/rounds"),
            &[("cycle_start", "")],
        )
        .await;
        assert_eq!(ran.status, 200, "{name}: {}", ran.text);
        assert!(ran.text.contains("Invitations are being mailed"), "{name}");

        let mails = smtp.wait_for(3, std::time::Duration::from_secs(20)).await;
        assert_eq!(
            mails.len(),
            3,
            "{name}: one mail per member of the trio: {mails:?}"
        );
        let mo = mails
            .iter()
            .find(|m| m["to"] == org.member.email.as_str())
            .unwrap();
        assert_eq!(mo["errors"], json!([]), "{name}");
        assert_eq!(mo["attendees"], 3, "{name}");
        let invitation = &my_invitations(&org.member).await[0];
        assert_eq!(
            time(&mo["start"]),
            time(&invitation["slot_start"]),
            "{name}"
        );
        assert!(
            mo["text"].as_str().unwrap().contains("(America/New_York)"),
            "{name}"
        );
        app.finish().await;
    }
}
