//! Quiet suggestions over the live protocol, on every backend: a question posted in a room (or
//! a "working on" line) brings its author alone a suggestion of colleagues who have written
//! about it — never someone whose only evidence is in a room the author cannot read, never the
//! author, and at most one per person in the rate-limit window.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod live;

use std::time::Duration;

use chrono::Utc;
use hallway_domain::{ClientMessageId, MessageBody, PersonId, Role, RoomId, RoomKind};
use hallway_protocol::{ServerFrame, Suggested};
use hallway_store::NewMessage;
use hallway_testkit::{backends, LiveClient, TestApp};
use live::*;
use serde_json::json;

async fn wrote(app: &TestApp, room: RoomId, author: PersonId, n: u32, text: &str) {
    app.backend
        .store
        .post_message(NewMessage {
            room,
            author,
            client_id: ClientMessageId::parse(&format!("seed-{}-{n}", author.0)).unwrap(),
            body: MessageBody::parse(text).unwrap(),
            reply_to: None,
            at: Utc::now(),
        })
        .await
        .unwrap();
}

async fn suggestion(live: &mut LiveClient) -> (String, Vec<Suggested>) {
    match live
        .until(|f| matches!(f, ServerFrame::Suggestion { .. }))
        .await
    {
        ServerFrame::Suggestion { about, people } => (about, people),
        _ => unreachable!(),
    }
}

#[tokio::test]
async fn a_question_brings_its_author_alone_a_suggestion_within_their_walls() {
    for backend in backends().await {
        let app = app(backend, roomy()).await;
        let kitchen = room(&app, "kitchen", RoomKind::Open, None).await;
        let vault = room(&app, "vault", RoomKind::Private, None).await;
        let ana = someone(&app, Role::Member, "Ana", &[]).await;
        let eve = someone(&app, Role::Member, "Eve Expert", &[]).await;
        let sam = someone(&app, Role::Member, "Sam Secret", &[]).await;
        let quinn = someone(&app, Role::Member, "Quinn", &[]).await;
        app.backend
            .store
            .add_room_member(vault, sam.id)
            .await
            .unwrap();
        wrote(
            &app,
            kitchen,
            eve.id,
            1,
            "The kubernetes ingress controller needs the TLS secret in its namespace.",
        )
        .await;
        // Sam knows far more, but only in a room Ana cannot read.
        for n in 1..=4 {
            wrote(&app, vault, sam.id, n, "Kubernetes ingress controller: rotate the ingress TLS secret, then restart the ingress pods.").await;
        }
        app.finder.sync().await.unwrap();

        let (mut a, _) = LiveClient::connect(&ana.client).await;
        let (mut q, _) = LiveClient::connect(&quinn.client).await;
        join(&mut a, kitchen, None).await;
        join(&mut q, kitchen, None).await;
        let question = "How do I set up the kubernetes ingress controller?";
        say(&mut a, kitchen, "q1", question).await;
        ack(&mut a, "q1").await;
        let (about, people) = suggestion(&mut a).await;
        assert_eq!(about, question, "{}", app.name());
        let ids: Vec<PersonId> = people.iter().map(|p| p.person).collect();
        assert_eq!(
            ids,
            vec![eve.id],
            "{}: Eve only, never Sam or Ana",
            app.name()
        );
        assert_eq!(people[0].name, "Eve Expert");
        assert!(!people[0].reason.is_empty());

        // Quinn sees the question, never Ana's suggestion: anything addressed to Quinn would
        // have been queued before this pong.
        q.send(json!({"type": "ping", "ref": "after"})).await;
        let mut seen = Vec::new();
        loop {
            let frame = q.next().await;
            if matches!(&frame, ServerFrame::Pong { reference } if reference.as_deref() == Some("after"))
            {
                break;
            }
            seen.push(frame);
        }
        assert!(
            !seen
                .iter()
                .any(|f| matches!(f, ServerFrame::Suggestion { .. })),
            "{}: {seen:?}",
            app.name()
        );
        assert!(
            seen.iter()
                .any(|f| matches!(f, ServerFrame::Event(e) if body_of(e) == question)),
            "{}: Quinn sees the question itself: {seen:?}",
            app.name()
        );

        // A statement is not a question, and a second question within the window stays quiet.
        say(
            &mut a,
            kitchen,
            "s1",
            "Deployed the kubernetes ingress controller.",
        )
        .await;
        say(
            &mut a,
            kitchen,
            "q2",
            "Anyone know the kubernetes ingress TLS secret name?",
        )
        .await;
        ack(&mut a, "q2").await;
        let later = a.drain(Duration::from_millis(700)).await;
        assert!(
            !later
                .iter()
                .any(|f| matches!(f, ServerFrame::Suggestion { .. })),
            "{}: one suggestion per window: {later:?}",
            app.name()
        );
        app.finish().await;
    }
}

#[tokio::test]
async fn a_working_on_line_brings_a_suggestion_too() {
    for backend in backends().await {
        let app = app(backend, roomy()).await;
        let kitchen = room(&app, "kitchen", RoomKind::Open, None).await;
        let ana = someone(&app, Role::Member, "Ana", &[]).await;
        let eve = someone(&app, Role::Member, "Eve Expert", &[]).await;
        wrote(
            &app,
            kitchen,
            eve.id,
            1,
            "Postgres logical replication slots must be dropped after the failover.",
        )
        .await;
        app.finder.sync().await.unwrap();
        let (mut a, _) = LiveClient::connect(&ana.client).await;
        a.send(json!({"type": "status", "availability": "open_to_chat",
                      "working_on": "postgres logical replication failover"}))
            .await;
        let (about, people) = suggestion(&mut a).await;
        assert_eq!(about, "postgres logical replication failover");
        assert_eq!(
            people.iter().map(|p| p.person).collect::<Vec<_>>(),
            vec![eve.id]
        );
        app.finish().await;
    }
}
