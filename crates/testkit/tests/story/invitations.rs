//! Stories about rounds run through `hallway-rounds`: one invitation per group member, a second
//! run for the same cycle is a conflict, members answer only their own invitations, "did you
//! meet?" only after the slot, and export and deletion cover invitations.

use chrono::{Duration, NaiveDate};
use hallway_domain::{Cadence, CircleName, CircleShape};
use hallway_rounds::{Answer, RoundError};
use hallway_store::{InvitationState, MemberSettings, NewCircle, StoreError};

use super::{each, person};

fn monday() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 6, 1).unwrap()
}

#[tokio::test]
async fn a_round_invites_each_member_once_and_only_once_per_cycle() {
    each(|store, name| async move {
        let ada = person(&store, "ada@example.org", "Ada").await;
        let bob = person(&store, "bob@example.org", "Bob").await;
        let cy = person(&store, "cy@example.org", "Cy").await;
        let circle = store
            .create_circle(NewCircle {
                name: CircleName::parse("Coffee").unwrap(),
                description: String::new(),
                cadence: Cadence::Weekly,
                shape: CircleShape::Pairs,
                cooldown_days: 90,
                created_by: Some(ada.id),
                team: None,
            })
            .await
            .unwrap();
        for p in [&ada, &bob, &cy] {
            store
                .set_circle_member(circle.id, p.id, &MemberSettings::joined())
                .await
                .unwrap();
        }
        let now = super::at(0);
        let (preview, saved) = hallway_rounds::run(store.as_ref(), &circle, monday(), 7, now)
            .await
            .unwrap();
        // Three people in pairs mode: one trio, everyone invited once.
        assert_eq!(preview.groups.len(), 1, "{name}: {preview:?}");
        assert_eq!(preview.groups[0].members.len(), 3, "{name}");
        assert_eq!(saved.invitations.len(), 3, "{name}");
        let slot = saved.round.groups[0].slot_start;
        assert!(slot.date_naive() >= monday(), "{name}: slot {slot}");
        for p in [&ada, &bob, &cy] {
            let mine = store.invitations_of(p.id).await.unwrap();
            assert_eq!(mine.len(), 1, "{name}");
            assert_eq!(mine[0].state, InvitationState::Pending, "{name}");
            assert_eq!(mine[0].group_members.len(), 3, "{name}");
            assert_eq!(mine[0].circle_name, "Coffee", "{name}");
        }

        match hallway_rounds::run(store.as_ref(), &circle, monday(), 7, now).await {
            Err(RoundError::AlreadyRan { cycle_start, .. }) => {
                assert_eq!(cycle_start, monday(), "{name}")
            }
            other => panic!("{name}: expected a conflict, got {:?}", other.map(|r| r.1)),
        }
        let planned = hallway_rounds::plan(store.as_ref(), &circle, monday(), 7)
            .await
            .unwrap();
        let again = hallway_rounds::save(store.as_ref(), &planned, now).await;
        assert!(
            matches!(again, Err(RoundError::AlreadyRan { .. })),
            "{name}"
        );
        assert_eq!(store.rounds(circle.id).await.unwrap().len(), 1, "{name}");
        assert_eq!(
            store.invitations_of(ada.id).await.unwrap().len(),
            1,
            "{name}"
        );
    })
    .await;
}

#[tokio::test]
async fn members_answer_their_own_invitations_and_export_and_deletion_cover_them() {
    each(|store, name| async move {
        let ada = person(&store, "ada@example.org", "Ada").await;
        let bob = person(&store, "bob@example.org", "Bob").await;
        let circle = store
            .create_circle(NewCircle {
                name: CircleName::parse("Tea").unwrap(),
                description: String::new(),
                cadence: Cadence::Weekly,
                shape: CircleShape::Pairs,
                cooldown_days: 90,
                created_by: None,
                team: None,
            })
            .await
            .unwrap();
        for p in [&ada, &bob] {
            store
                .set_circle_member(circle.id, p.id, &MemberSettings::joined())
                .await
                .unwrap();
        }
        let now = super::at(0);
        let (_, saved) = hallway_rounds::run(store.as_ref(), &circle, monday(), 1, now)
            .await
            .unwrap();
        let of = |who| saved.invitations.iter().find(|i| i.person == who).unwrap();
        let (adas, bobs) = (of(ada.id).clone(), of(bob.id).clone());

        // Bob cannot answer Ada's invitation: it is not found for him.
        let stolen = hallway_rounds::answer(store.as_ref(), bob.id, adas.id, Answer::Accept, now);
        assert!(
            matches!(
                stolen.await,
                Err(RoundError::Store(StoreError::NotFound(
                    hallway_store::Missing::Invitation
                )))
            ),
            "{name}"
        );
        let accepted = hallway_rounds::answer(store.as_ref(), ada.id, adas.id, Answer::Accept, now)
            .await
            .unwrap();
        assert_eq!(accepted.state, InvitationState::Accepted, "{name}");

        // Another time: in the future, end after start, at most four hours; others see it.
        let start = bobs.slot_start + Duration::days(1);
        let bad = Answer::ProposeTime {
            start,
            end: start - Duration::minutes(30),
        };
        match hallway_rounds::answer(store.as_ref(), bob.id, bobs.id, bad, now).await {
            Err(RoundError::Answer(m)) => assert!(m.starts_with("end:"), "{name}: {m}"),
            other => panic!("{name}: expected a bad answer, got {other:?}"),
        }
        let past = Answer::ProposeTime {
            start: now - Duration::hours(1),
            end: now,
        };
        assert!(matches!(
            hallway_rounds::answer(store.as_ref(), bob.id, bobs.id, past, now).await,
            Err(RoundError::Answer(_))
        ));
        let good = Answer::ProposeTime {
            start,
            end: start + Duration::minutes(30),
        };
        hallway_rounds::answer(store.as_ref(), bob.id, bobs.id, good, now)
            .await
            .unwrap();
        let group = store.group_invitations(adas.group).await.unwrap();
        let bob_seen = group.iter().find(|i| i.person == bob.id).unwrap();
        assert_eq!(
            bob_seen.state,
            InvitationState::ProposedOtherTime {
                start,
                end: start + Duration::minutes(30)
            },
            "{name}"
        );

        // "Did you meet?" only once the meeting could have started.
        let early = hallway_rounds::answer(store.as_ref(), ada.id, adas.id, Answer::Met(true), now);
        assert!(matches!(early.await, Err(RoundError::Answer(m)) if m.starts_with("met:")));
        let later = adas.slot_end + Duration::hours(1);
        let met = hallway_rounds::answer(store.as_ref(), ada.id, adas.id, Answer::Met(true), later)
            .await
            .unwrap();
        assert_eq!(met.met, Some(true), "{name}");

        let export = store.export_person(ada.id).await.unwrap();
        assert_eq!(export.invitations.len(), 1, "{name}");
        assert_eq!(export.invitations[0].met, Some(true), "{name}");
        store.delete_person(ada.id).await.unwrap();
        assert!(matches!(
            store.invitation(adas.id).await,
            Err(StoreError::NotFound(hallway_store::Missing::Invitation))
        ));
        assert_eq!(
            store.invitations_of(bob.id).await.unwrap().len(),
            1,
            "{name}"
        );
    })
    .await;
}
