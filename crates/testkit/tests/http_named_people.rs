//! Nothing about a named person leaks to others, on every backend: a pairing's reasons (the
//! hallway card, `/api/v1/me/invitations`, the calendar file) never say what pulse inferred
//! about someone ("newcomer without a cross-team tie"), not for a round planned now and not
//! for one stored before; and a guest's pages name only the people they share rooms with.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod http;

use chrono::{Datelike, Duration, NaiveDate, Utc};
use hallway_domain::{CircleId, ClientMessageId, MessageBody, PersonId, RoomId};
use hallway_store::{NewMessage, NewRound, PairingPriorities, RoundGroup};
use hallway_testkit::{backends, spawn_app, TestApp};
use http::{form, get, join, org, post, Member};
use serde_json::{json, Value};

/// What pulse infers, as rounds used to print it beside a named person.
const INFERENCES: [&str; 3] = [
    "pulse: ",
    "newcomer without a cross-team tie",
    "these teams have no ties yet",
];

fn assert_no_inference(text: &str, what: &str) {
    for inference in INFERENCES {
        assert!(
            !text.contains(inference),
            "{what} says {inference:?}: {text}"
        );
    }
}

fn monday_after(day: NaiveDate) -> NaiveDate {
    day + Duration::days(7 - i64::from(day.weekday().num_days_from_monday()))
}

/// Everything a member is shown about their pairings: the hallway's cards, the API and
/// every calendar file.
async fn assert_pairings_say_no_inference(member: &Member, what: &str) -> usize {
    let hallway = get(&member.client, "/hallway").await;
    assert_eq!(hallway.status, 200, "{what}");
    assert_no_inference(&hallway.text, &format!("{what}: the hallway"));
    let api = get(&member.client, "/api/v1/me/invitations").await;
    assert_eq!(api.status, 200, "{what}: {}", api.text);
    assert_no_inference(&api.text, &format!("{what}: /api/v1/me/invitations"));
    let invitations = api.json()["invitations"].as_array().unwrap().clone();
    for invitation in &invitations {
        assert!(
            invitation["reasons"]
                .as_str()
                .unwrap()
                .contains("never met"),
            "{what}: facts about the pair stay: {invitation}"
        );
        let ics = get(
            &member.client,
            &format!("/invitations/{}/invite.ics", invitation["id"]),
        )
        .await;
        assert_eq!(ics.status, 200, "{what}");
        assert_no_inference(&ics.text, &format!("{what}: invite.ics"));
    }
    invitations.len()
}

async fn circle_of(app: &TestApp, by: &Member, others: &[&Member]) -> String {
    let created = form(
        &by.client,
        "/circles",
        &[
            ("name", "Coffee"),
            ("cadence", "weekly"),
            ("shape", "pairs"),
        ],
    )
    .await;
    assert_eq!(created.status, 303, "{}: {}", app.name(), created.text);
    let page = created.location().to_owned();
    for who in others {
        let joined = form(
            &who.client,
            &format!("{page}/membership"),
            &[("action", "join")],
        )
        .await;
        assert_eq!(joined.status, 200, "{}", joined.text);
    }
    page
}

#[tokio::test]
async fn pairing_reasons_never_say_what_pulse_inferred_about_someone() {
    for backend in backends().await {
        let app = spawn_app(backend, |_| {}).await;
        let name = app.name();
        let org = org(&app).await;
        let (owner, admin, member) = (&org.owner, &org.admin, &org.member);
        let other = join(&app, &owner.client, "member", "ren@example.org", "Ren").await;
        let page = circle_of(&app, member, &[owner, admin, &other]).await;
        // Pulse found every member a newcomer without a cross-team tie.
        let everyone = [owner.id, admin.id, member.id, other.id];
        app.backend
            .store
            .save_pairing_priorities(&PairingPriorities {
                week: Some(Utc::now().date_naive()),
                people: everyone.iter().map(|id| (PersonId(*id), 1.0)).collect(),
                team_pairs: Vec::new(),
            })
            .await
            .unwrap();

        let cycle = monday_after(Utc::now().date_naive());
        let ran = form(
            &admin.client,
            &format!("{page}/rounds"),
            &[("cycle_start", &cycle.to_string())],
        )
        .await;
        assert_eq!(ran.status, 200, "{name}: {}", ran.text);
        assert_no_inference(&ran.text, &format!("{name}: the circle page"));
        let circle = get(&admin.client, &page).await;
        assert_no_inference(&circle.text, &format!("{name}: the circle page"));
        for who in [owner, admin, member, &other] {
            let shown = assert_pairings_say_no_inference(who, name).await;
            assert_eq!(shown, 1, "{name}: one invitation each");
        }

        // A round stored before the rule, its reasons holding pulse's words, is shown without.
        let circle_id = CircleId(page.trim_start_matches("/circles/").parse().unwrap());
        let soon = Utc::now() + Duration::days(2);
        app.backend
            .store
            .save_round_with_invitations(NewRound {
                circle: circle_id,
                cycle_start: cycle + Duration::days(7),
                created_at: Utc::now(),
                seed: 7,
                groups: vec![RoundGroup {
                    members: vec![PersonId(member.id), PersonId(other.id)],
                    slot_start: soon,
                    slot_end: soon + Duration::minutes(30),
                    reasons: "different teams; pulse: these teams have no ties yet; never met; \
                              pulse: newcomer without a cross-team tie"
                        .to_owned(),
                }],
                unpaired: Vec::new(),
            })
            .await
            .unwrap();
        for who in [member, &other] {
            let shown = assert_pairings_say_no_inference(who, name).await;
            assert_eq!(shown, 2, "{name}: the stored round too");
        }
        app.finish().await;
    }
}

fn people_of(page: &str) -> Value {
    let start = page
        .find("data-people=\"")
        .expect("a data-people attribute")
        + 13;
    let end = start + page[start..].find('"').unwrap();
    let raw = page[start..end]
        .replace("&quot;", "\"")
        .replace("&#x22;", "\"")
        .replace("&#34;", "\"")
        .replace("&#x2f;", "/")
        .replace("&#47;", "/")
        .replace("&amp;", "&");
    serde_json::from_str(&raw).unwrap_or_else(|e| panic!("{e}: {raw}"))
}

fn named(people: &Value) -> Vec<String> {
    let mut names: Vec<String> = people
        .as_object()
        .unwrap()
        .values()
        .map(|p| p["name"].as_str().unwrap().to_owned())
        .collect();
    names.sort();
    names
}

#[tokio::test]
async fn a_guest_is_told_only_about_the_people_of_their_rooms() {
    for backend in backends().await {
        let app = spawn_app(backend, |_| {}).await;
        let name = app.name();
        let org = org(&app).await;
        let hidden = join(
            &app,
            &org.owner.client,
            "member",
            "zed@example.org",
            "Zed Hidden",
        )
        .await;
        let room = post(
            &org.member.client,
            "/api/v1/rooms",
            &json!({"name": "Kitchen"}),
        )
        .await;
        assert_eq!(room.status, 201, "{name}: {}", room.text);
        let room_id = room.json()["id"].as_i64().unwrap();
        let invited = post(
            &org.member.client,
            &format!("/api/v1/rooms/{room_id}/members"),
            &json!({"person": org.guest.id}),
        )
        .await;
        assert_eq!(invited.status, 200, "{name}: {}", invited.text);
        app.backend
            .store
            .post_message(NewMessage {
                room: RoomId(room_id),
                author: PersonId(org.admin.id),
                client_id: ClientMessageId::parse("hello-guest").unwrap(),
                body: MessageBody::parse("Welcome in").unwrap(),
                reply_to: None,
                at: Utc::now(),
            })
            .await
            .unwrap();

        // The room page: the guest, the author they read and who was invited with them.
        let mut allowed: Vec<String> = vec!["Ada Admin".into(), "Gus Guest".into()];
        for id in app
            .backend
            .store
            .room_members(RoomId(room_id))
            .await
            .unwrap()
        {
            let person = app.backend.store.person(id).await.unwrap();
            allowed.push(person.profile.display_name.to_string());
        }
        let room_page = get(&org.guest.client, &format!("/rooms/{room_id}")).await;
        assert_eq!(room_page.status, 200, "{name}");
        let on_room = named(&people_of(&room_page.text));
        assert!(
            on_room.contains(&"Ada Admin".to_owned()),
            "{name}: {on_room:?}"
        );
        let hallway = get(&org.guest.client, "/hallway").await;
        let on_hallway = named(&people_of(&hallway.text));
        assert!(on_hallway.contains(&"Gus Guest".to_owned()), "{name}");
        for shown in on_room.iter().chain(&on_hallway) {
            assert!(
                allowed.contains(shown),
                "{name}: a guest is told about {shown}"
            );
        }
        for page in [&room_page.text, &hallway.text] {
            for stranger in ["Zed Hidden", "Olive Owner"] {
                assert!(
                    !page.contains(stranger),
                    "{name}: a guest is told about {stranger}"
                );
            }
        }
        // Members still see everyone.
        let member_view = get(&org.member.client, &format!("/rooms/{room_id}")).await;
        assert!(named(&people_of(&member_view.text)).contains(&"Zed Hidden".to_owned()));
        let _ = hidden;
        app.finish().await;
    }
}
