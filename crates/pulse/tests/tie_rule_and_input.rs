//! The tie rule, tie decay, and refusal of bad input.

mod common;

use chrono::Duration;
use common::{chats, now, org};
use hallway_pulse::{
    analyse, Cell, Interaction, InteractionKind, Organisation, PersonId, PulseConfig, PulseError,
    SUPPRESSED_TEXT,
};

#[test]
fn two_interactions_within_four_weeks_make_a_tie_one_does_not() -> Result<(), PulseError> {
    let org = org(&[("A", 6)], &[])?;
    let mut interactions = chats(0, 1, 2, 3);
    interactions.extend(chats(2, 3, 1, 3));
    interactions.extend(chats(4, 5, 1, 1));
    interactions.extend(chats(4, 5, 1, 35));
    let analysis = analyse(&org, &interactions, &[], now(), &PulseConfig::default())?;
    assert_eq!(analysis.snapshot.ties.total, Cell::Shown(1));
    Ok(())
}

#[test]
fn ties_lapse_when_interactions_stop() -> Result<(), PulseError> {
    let org = org(&[("A", 6)], &[])?;
    let interactions = chats(0, 1, 3, 20);
    let config = PulseConfig::default();
    let before = analyse(&org, &interactions, &[], now(), &config)?;
    assert_eq!(before.snapshot.ties.total, Cell::Shown(1));
    let later = now() + Duration::days(7);
    let after = analyse(&org, &interactions, &[], later, &config)?;
    assert_eq!(after.snapshot.ties.total, Cell::Shown(0));
    // One lapsed tie is about two people: withheld, never shown as 1 (nor as 0).
    assert_eq!(after.snapshot.flow.lapsed_ties, Cell::Suppressed);
    assert_eq!(after.snapshot.flow.new_ties, Cell::Shown(0));
    Ok(())
}

#[test]
fn recent_interactions_weigh_more_than_old_ones() -> Result<(), PulseError> {
    let org = org(&[("A", 6)], &[])?;
    let mut interactions = chats(0, 1, 2, 0);
    interactions.extend(chats(2, 3, 2, 25));
    let analysis = analyse(&org, &interactions, &[], now(), &PulseConfig::default())?;
    let graph = analysis.tie_graph();
    let fresh: f64 = graph.neighbours(0).map(|(_, w)| w).sum();
    let fading: f64 = graph.neighbours(2).map(|(_, w)| w).sum();
    assert!(fresh > 2.0 * fading, "fresh {fresh}, fading {fading}");
    Ok(())
}

#[test]
fn the_tie_rule_is_configurable() -> Result<(), PulseError> {
    let org = org(&[("A", 6)], &[])?;
    let interactions = chats(0, 1, 2, 3);
    let strict = PulseConfig {
        tie_min_interactions: 3,
        ..PulseConfig::default()
    };
    let analysis = analyse(&org, &interactions, &[], now(), &strict)?;
    assert_eq!(analysis.snapshot.ties.total, Cell::Shown(0));
    Ok(())
}

#[test]
fn unknown_people_are_named_in_the_error() -> Result<(), PulseError> {
    let org = org(&[("A", 6)], &[])?;
    let mut interactions = chats(0, 1, 2, 3);
    interactions.extend(chats(0, 99, 1, 3));
    let error = analyse(&org, &interactions, &[], now(), &PulseConfig::default())
        .err()
        .map(|e| e.to_string())
        .unwrap_or_default();
    assert_eq!(
        error,
        "interaction #2 names person #99, who is not in the organisation"
    );
    Ok(())
}

#[test]
fn future_interactions_are_refused() -> Result<(), PulseError> {
    let org = org(&[("A", 6)], &[])?;
    let interactions = vec![Interaction {
        at: now() + Duration::hours(1),
        a: PersonId(0),
        b: PersonId(1),
        kind: InteractionKind::Voice,
        weight: 1.0,
    }];
    let result = analyse(&org, &interactions, &[], now(), &PulseConfig::default());
    assert!(matches!(
        result,
        Err(PulseError::FutureInteraction { index: 0, .. })
    ));
    Ok(())
}

#[test]
fn empty_organisations_and_weak_privacy_settings_are_refused() -> Result<(), PulseError> {
    assert_eq!(
        Organisation::new(Vec::new(), Vec::new()).err(),
        Some(PulseError::EmptyOrganisation)
    );
    let org = org(&[("A", 6)], &[])?;
    let weak = PulseConfig {
        min_group_size: 4,
        ..PulseConfig::default()
    };
    let result = analyse(&org, &[], &[], now(), &weak);
    assert_eq!(result.err(), Some(PulseError::GroupSizeTooSmall(4)));
    Ok(())
}

#[test]
fn too_few_people_are_never_shown_as_zero() -> Result<(), PulseError> {
    let org = org(&[("A", 2), ("B", 1)], &[])?;
    let interactions = chats(0, 2, 3, 1);
    let analysis = analyse(&org, &interactions, &[], now(), &PulseConfig::default())?;
    let snapshot = &analysis.snapshot;
    assert!(snapshot.people.is_suppressed());
    assert!(snapshot.ties.total.is_suppressed());
    assert!(snapshot.flow.new_ties.is_suppressed());
    assert!(snapshot
        .teams
        .rows
        .iter()
        .all(|r| r.figures.is_suppressed()));
    assert_eq!(snapshot.ties.cross_team.to_string(), SUPPRESSED_TEXT);
    Ok(())
}

#[test]
fn ties_of_someone_who_left_lapse_once() -> Result<(), PulseError> {
    use hallway_pulse::{Person, Team, TeamId};
    let people = (0..6)
        .map(|i| Person {
            id: PersonId(i),
            team: TeamId(0),
            joined: now() - Duration::days(400),
            left: (i == 1).then(|| now() - Duration::days(3)),
        })
        .collect();
    let teams = vec![Team {
        id: TeamId(0),
        name: "A".into(),
    }];
    let org = Organisation::new(teams, people)?;
    let interactions = chats(0, 1, 3, 10);
    let config = PulseConfig::default();
    let this_week = analyse(&org, &interactions, &[], now(), &config)?;
    assert_eq!(this_week.snapshot.ties.total, Cell::Shown(0));
    assert_eq!(this_week.snapshot.flow.lapsed_ties, Cell::Suppressed);
    let next_week = analyse(&org, &interactions, &[], now() + Duration::days(7), &config)?;
    assert_eq!(next_week.snapshot.flow.lapsed_ties, Cell::Shown(0));
    Ok(())
}

#[test]
fn weekly_history_is_checked_up_to_its_end() -> Result<(), PulseError> {
    let org = org(&[("A", 6)], &[])?;
    let mut interactions = chats(0, 1, 2, 1);
    let weeks =
        hallway_pulse::analyse_weeks(&org, &interactions, &[], now(), 3, &PulseConfig::default())?;
    let totals: Vec<_> = weeks.iter().map(|w| w.snapshot.ties.total).collect();
    assert_eq!(totals, vec![Cell::Shown(0), Cell::Shown(0), Cell::Shown(1)]);
    interactions.extend(chats(0, 1, 1, -2));
    let result =
        hallway_pulse::analyse_weeks(&org, &interactions, &[], now(), 3, &PulseConfig::default());
    assert!(matches!(
        result,
        Err(PulseError::FutureInteraction { index: 2, .. })
    ));
    Ok(())
}
