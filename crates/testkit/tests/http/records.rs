//! Records the authorization matrix acts on, made straight in the store: a chat request to the
//! caller, a circle the caller started, an invitation of the caller's, a note of theirs.

use hallway_domain::{PersonId, Role};
use hallway_testkit::TestApp;

use super::store_person;

pub async fn store_chat(app: &TestApp, colleague: PersonId) -> i64 {
    let asker = store_person(app, Role::Member, "Chat Asker").await;
    let now = chrono::Utc::now();
    let request = hallway_store::NewChatRequest {
        asker,
        colleague,
        topic: hallway_domain::ChatTopic::default(),
        at: now,
        expires_at: now + chrono::Duration::hours(1),
    };
    app.backend.store.request_chat(request).await.unwrap().id.0
}

pub async fn store_circle(app: &TestApp, creator: Option<PersonId>) -> hallway_domain::CircleId {
    let circle = hallway_store::NewCircle {
        name: hallway_domain::CircleName::parse(&format!(
            "Circle {}",
            &uuid::Uuid::new_v4().simple().to_string()[..10]
        ))
        .unwrap(),
        description: String::new(),
        cadence: hallway_domain::Cadence::Weekly,
        shape: hallway_domain::CircleShape::Pairs,
        cooldown_days: 90,
        created_by: creator,
        team: None,
    };
    app.backend.store.create_circle(circle).await.unwrap().id
}

pub async fn store_invitation(app: &TestApp, person: PersonId, owner: PersonId) -> i64 {
    let other = if person == owner {
        store_person(app, Role::Member, "Pair Partner").await
    } else {
        owner
    };
    let circle = store_circle(app, None).await;
    let start = chrono::Utc::now() + chrono::Duration::days(2);
    let round = hallway_store::NewRound {
        circle,
        cycle_start: start.date_naive(),
        created_at: chrono::Utc::now(),
        seed: 1,
        groups: vec![hallway_store::RoundGroup {
            members: vec![person, other],
            slot_start: start,
            slot_end: start + chrono::Duration::minutes(30),
            reasons: "made by the matrix".into(),
        }],
        unpaired: Vec::new(),
    };
    let saved = app
        .backend
        .store
        .save_round_with_invitations(round)
        .await
        .unwrap();
    saved
        .invitations
        .iter()
        .find(|i| i.person == person)
        .unwrap()
        .id
        .0
}

pub async fn store_note(app: &TestApp, author: PersonId) -> i64 {
    let note = hallway_store::NewNote {
        kind: hallway_domain::NoteKind::Solved,
        title: hallway_domain::NoteTitle::parse("A matrix note").unwrap(),
        body: hallway_domain::NoteBody::parse("Made by the matrix.").unwrap(),
        tags: Vec::new(),
        author,
        at: chrono::Utc::now(),
    };
    app.backend.store.create_note(note).await.unwrap().id.0
}
