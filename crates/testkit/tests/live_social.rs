//! Waves and knocks over the live protocol, on every backend: a wave reaches the person waved
//! at (with where the waver is, if they may go there), is held while they focus and arrives
//! when they stop, and can be waved back; a knock reaches the people in a room's voice, who
//! can let the knocker in; both are rate-limited and refuse what makes no sense.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod live;

use chrono::Utc;
use hallway_domain::{DisplayName, Email, PersonId, Role, RoomKind, WorkingHours};
use hallway_protocol::{ErrorCode, ServerFrame, WaveNote};
use hallway_server::accounts::starter_profile;
use hallway_server::auth::{new_token, token_hash};
use hallway_store::{NewPerson, NewSession};
use hallway_testkit::{backends, Client, LiveClient, TestApp};
use live::*;
use serde_json::json;

/// A colleague who works around the clock (so only their status decides if they may be
/// interrupted), signed in by cookie.
async fn colleague(app: &TestApp, name: &str) -> Someone {
    let store = &app.backend.store;
    let mut profile = starter_profile(DisplayName::parse(name).unwrap(), None);
    profile.working_hours = WorkingHours::default();
    let person = store
        .create_person(NewPerson {
            email: Email::parse(&format!("{}@example.org", uuid::Uuid::new_v4().simple())).unwrap(),
            role: Role::Member,
            password_hash: None,
            active: true,
            profile,
            teams: Vec::new(),
            joined_at: Utc::now(),
        })
        .await
        .unwrap();
    let token = new_token();
    store
        .create_session(NewSession {
            person: person.id,
            token_hash: token_hash(&token),
            user_agent: "live test".into(),
            created_at: Utc::now(),
            expires_at: Utc::now() + chrono::Duration::days(1),
        })
        .await
        .unwrap();
    let client = Client::new(&app.url).await;
    client.add_cookie(&format!("hallway_session={token}"));
    Someone {
        id: person.id,
        client,
    }
}

/// Watches the hallway until `person` shows as connected.
async fn until_connected(live: &mut LiveClient, person: PersonId) {
    live.send(json!({"type": "watch_hallway"})).await;
    live.until(|f| match f {
        ServerFrame::Hallway { people, .. } => {
            people.iter().any(|p| p.person == person && p.connected)
        }
        ServerFrame::Person(p) => p.person == person && p.connected,
        _ => false,
    })
    .await;
}

/// Watches the hallway until someone is in `room`'s voice.
async fn until_in_voice(live: &mut LiveClient, room: hallway_domain::RoomId) {
    live.send(json!({"type": "watch_hallway"})).await;
    live.until(|f| match f {
        ServerFrame::Hallway { rooms, .. } => {
            rooms.iter().any(|s| s.room == room && !s.voice.is_empty())
        }
        ServerFrame::RoomState(s) => s.room == room && !s.voice.is_empty(),
        _ => false,
    })
    .await;
}

async fn wave(live: &mut LiveClient, person: PersonId) -> bool {
    live.send(json!({"type": "wave", "person": person})).await;
    match live
        .until(|f| matches!(f, ServerFrame::WaveSent { person: p, .. } if *p == person))
        .await
    {
        ServerFrame::WaveSent { held, .. } => held,
        _ => unreachable!(),
    }
}

async fn waved(live: &mut LiveClient) -> WaveNote {
    match live.until(|f| matches!(f, ServerFrame::Wave(_))).await {
        ServerFrame::Wave(note) => note,
        _ => unreachable!(),
    }
}

/// Frames that arrived before a pong: anything already sent to this socket.
async fn so_far(live: &mut LiveClient) -> Vec<ServerFrame> {
    live.send(json!({"type": "ping", "ref": "so-far"})).await;
    let mut seen = Vec::new();
    loop {
        match live.next().await {
            ServerFrame::Pong { reference } if reference.as_deref() == Some("so-far") => {
                return seen
            }
            frame => seen.push(frame),
        }
    }
}

async fn set_status(live: &mut LiveClient, availability: &str) {
    live.send(json!({"type": "status", "availability": availability}))
        .await;
    live.until(|f| matches!(f, ServerFrame::Done { reference: None }))
        .await;
}

#[tokio::test]
async fn a_wave_arrives_with_where_to_find_the_waver_and_can_be_waved_back() {
    for backend in backends().await {
        let app = app(backend, roomy()).await;
        let kitchen = room(&app, "kitchen", RoomKind::Open, None).await;
        let vault = room(&app, "vault", RoomKind::Private, None).await;
        let ana = colleague(&app, "Ana").await;
        let ben = colleague(&app, "Ben").await;
        app.backend
            .store
            .add_room_member(vault, ana.id)
            .await
            .unwrap();
        let (mut a, _) = LiveClient::connect(&ana.client).await;
        let (mut b, _) = LiveClient::connect(&ben.client).await;
        until_connected(&mut a, ben.id).await;
        join(&mut a, kitchen, None).await;

        assert!(!wave(&mut a, ben.id).await, "{}: delivered now", app.name());
        let note = waved(&mut b).await;
        assert_eq!((note.from, note.name.as_str()), (ana.id, "Ana"));
        assert_eq!(
            note.room,
            Some(kitchen),
            "Ben can drop into the kitchen with Ana"
        );
        assert_eq!(note.room_name.as_deref(), Some("kitchen"));
        assert!(!note.back);

        // Ben waves back; Ana is in a room Ben may not enter, so it is not named.
        a.send(json!({"type": "leave", "room": kitchen})).await;
        join(&mut a, vault, None).await;
        let _ = wave(&mut b, ana.id).await;
        let back = waved(&mut a).await;
        assert_eq!(back.from, ben.id, "{}", app.name());
        assert!(back.back, "a wave back");
        assert_eq!(back.room, None, "Ben is in no room");
        // From the vault, Ana's wave names no room Cat may not enter.
        let cat = colleague(&app, "Cat").await;
        let (mut c, _) = LiveClient::connect(&cat.client).await;
        until_connected(&mut a, cat.id).await;
        assert!(!wave(&mut a, cat.id).await);
        let hidden = waved(&mut c).await;
        assert_eq!(hidden.room, None, "{}: the vault stays hidden", app.name());
        app.finish().await;
    }
}

#[tokio::test]
async fn a_wave_waits_while_they_focus_or_are_away_and_arrives_when_they_are_back() {
    for backend in backends().await {
        let app = app(backend, roomy()).await;
        let ana = colleague(&app, "Ana").await;
        let ben = colleague(&app, "Ben").await;
        let (mut a, _) = LiveClient::connect(&ana.client).await;
        let (mut b, _) = LiveClient::connect(&ben.client).await;
        set_status(&mut b, "focusing").await;
        until_connected(&mut a, ben.id).await;

        assert!(wave(&mut a, ben.id).await, "{}: held", app.name());
        let before = so_far(&mut b).await;
        assert!(
            !before.iter().any(|f| matches!(f, ServerFrame::Wave(_))),
            "{}: nothing while focusing: {before:?}",
            app.name()
        );
        set_status(&mut b, "open_to_chat").await;
        assert_eq!(waved(&mut b).await.from, ana.id, "{}", app.name());

        // Someone with no page open gets a held wave when they open one.
        let cat = colleague(&app, "Cat").await;
        assert!(wave(&mut a, cat.id).await, "Cat is not here: held");
        let (mut c, _) = LiveClient::connect(&cat.client).await;
        assert_eq!(waved(&mut c).await.from, ana.id, "{}", app.name());
        app.finish().await;
    }
}

#[tokio::test]
async fn a_knock_reaches_the_people_in_voice_who_can_let_the_knocker_in() {
    for backend in backends().await {
        let app = app(backend, roomy()).await;
        let porch = room(&app, "porch", RoomKind::Open, None).await;
        let ana = colleague(&app, "Ana").await;
        let ben = colleague(&app, "Ben").await;
        let dan = colleague(&app, "Dan").await;
        let (mut a, _) = LiveClient::connect(&ana.client).await;
        let (mut b, _) = LiveClient::connect(&ben.client).await;
        let (mut d, _) = LiveClient::connect(&dan.client).await;

        a.send(json!({"type": "knock", "room": porch})).await;
        let (code, message) = error(&mut a).await;
        assert_eq!(code, ErrorCode::NotInVoice, "{}: {message}", app.name());

        join(&mut b, porch, None).await;
        join(&mut d, porch, None).await;
        b.send(json!({"type": "voice_join", "room": porch})).await;
        until_in_voice(&mut a, porch).await;

        a.send(json!({"type": "knock", "room": porch})).await;
        match a
            .until(|f| matches!(f, ServerFrame::KnockSent { .. }))
            .await
        {
            ServerFrame::KnockSent { told, held, .. } => {
                assert_eq!((told, held), (1, false), "{}", app.name())
            }
            _ => unreachable!(),
        }
        let knock = match b.until(|f| matches!(f, ServerFrame::Knock(_))).await {
            ServerFrame::Knock(note) => note,
            _ => unreachable!(),
        };
        assert_eq!((knock.from, knock.room), (ana.id, porch));
        assert_eq!(knock.room_name, "porch");
        let dan_saw = so_far(&mut d).await;
        assert!(
            !dan_saw.iter().any(|f| matches!(f, ServerFrame::Knock(_))),
            "{}: Dan has the room open but is not in its voice: {dan_saw:?}",
            app.name()
        );

        b.send(json!({"type": "let_in", "room": porch, "person": ana.id}))
            .await;
        match a.until(|f| matches!(f, ServerFrame::LetIn { .. })).await {
            ServerFrame::LetIn { room, by, name, .. } => {
                assert_eq!((room, by, name.as_str()), (porch, ben.id, "Ben"))
            }
            _ => unreachable!(),
        }
        // Only a knock can be answered.
        b.send(json!({"type": "let_in", "room": porch, "person": dan.id}))
            .await;
        assert_eq!(error(&mut b).await.0, ErrorCode::InvalidField);
        app.finish().await;
    }
}

#[tokio::test]
async fn waves_and_knocks_are_rate_limited_and_nonsense_is_refused() {
    for backend in backends().await {
        let app = app(backend, roomy()).await;
        let porch = room(&app, "porch", RoomKind::Open, None).await;
        let ana = colleague(&app, "Ana").await;
        let ben = colleague(&app, "Ben").await;
        let (mut a, _) = LiveClient::connect(&ana.client).await;
        let (mut b, _) = LiveClient::connect(&ben.client).await;
        let _ = wave(&mut a, ben.id).await;
        a.send(json!({"type": "wave", "person": ben.id})).await;
        match a.until(|f| matches!(f, ServerFrame::Error { .. })).await {
            ServerFrame::Error {
                code,
                retry_after_ms,
                message,
                ..
            } => {
                assert_eq!(code, ErrorCode::RateLimited, "{}: {message}", app.name());
                assert!(message.contains("Ben"), "{message}");
                assert!(retry_after_ms.is_some());
            }
            _ => unreachable!(),
        }
        assert_eq!(waved(&mut b).await.from, ana.id);
        // The refused second wave was never published, so nothing more is on its way.
        let got = so_far(&mut b).await;
        let waves = got
            .iter()
            .filter(|f| matches!(f, ServerFrame::Wave(_)))
            .count();
        assert_eq!(waves, 0, "{}: one wave, not two: {got:?}", app.name());

        a.send(json!({"type": "wave", "person": ana.id})).await;
        assert_eq!(error(&mut a).await.0, ErrorCode::NoSuchPerson);
        a.send(json!({"type": "wave", "person": 999_999})).await;
        assert_eq!(error(&mut a).await.0, ErrorCode::NoSuchPerson);

        join(&mut b, porch, None).await;
        b.send(json!({"type": "voice_join", "room": porch})).await;
        until_in_voice(&mut a, porch).await;
        a.send(json!({"type": "knock", "room": porch})).await;
        a.until(|f| matches!(f, ServerFrame::KnockSent { .. }))
            .await;
        a.send(json!({"type": "knock", "room": porch})).await;
        assert_eq!(
            error(&mut a).await.0,
            ErrorCode::RateLimited,
            "{}",
            app.name()
        );
        still_answers(&mut a).await;
        app.finish().await;
    }
}
