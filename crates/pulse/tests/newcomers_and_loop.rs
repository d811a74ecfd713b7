//! The newcomer metric, pairing priorities built from it, the follow-up that reports whether
//! the boosted ties formed, and the personal view.

mod common;

use chrono::Duration;
use common::{chats, now, org};
use hallway_pulse::{
    analyse, follow_up, week_changes, Cell, PersonId, PulseConfig, PulseError, TeamId,
};

/// Platform: people 0..8 (0..6 newcomers); Design: 8..16; Sales: 16..24.
fn teams() -> [(&'static str, usize); 3] {
    [("Platform", 8), ("Design", 8), ("Sales", 8)]
}

#[test]
fn newcomers_without_cross_team_ties_are_counted_and_boosted() -> Result<(), PulseError> {
    let org = org(&teams(), &[0, 1, 2, 3, 4, 5])?;
    let mut interactions = Vec::new();
    for newcomer in 1..6 {
        interactions.extend(chats(newcomer, 7, 2, 1));
    }
    interactions.extend(chats(0, 9, 2, 1));
    interactions.extend(chats(6, 10, 2, 1));
    let analysis = analyse(&org, &interactions, &[], now(), &PulseConfig::default())?;
    let newcomers = &analysis.snapshot.newcomers;
    assert_eq!(newcomers.newcomers, Cell::Shown(6));
    assert_eq!(newcomers.without_cross_team_tie, Cell::Shown(5));

    let priorities = analysis.pairing_priorities();
    let mut boosted: Vec<u64> = priorities.people.iter().map(|b| b.person.0).collect();
    boosted.sort_unstable();
    assert_eq!(boosted, vec![1, 2, 3, 4, 5]);
    assert!(priorities
        .people
        .iter()
        .all(|b| b.weight > 0.0 && b.weight <= 1.0));

    let pairs: Vec<(TeamId, TeamId)> = priorities.team_pairs.iter().map(|p| (p.a, p.b)).collect();
    assert!(pairs.contains(&(TeamId(1), TeamId(2))) || pairs.contains(&(TeamId(2), TeamId(1))));
    assert!(!pairs.iter().any(|&(a, b)| a.0 + b.0 == 1 && a != b));

    let later_time = now() + Duration::days(7);
    let mut later_interactions = interactions.clone();
    for newcomer in [1, 2] {
        later_interactions.extend(chats(newcomer, 20, 2, 1).into_iter().map(|mut i| {
            i.at += Duration::days(7);
            i
        }));
    }
    let later = analyse(
        &org,
        &later_interactions,
        &[],
        later_time,
        &PulseConfig::default(),
    )?;
    let changes = week_changes(&[analysis.snapshot.clone(), later.snapshot.clone()]);
    assert_eq!(
        changes[0].team_pairs_newly_tied, 1,
        "Platform and Sales now have ties"
    );
    assert_eq!(changes[0].cross_team_ties, Cell::Shown(2));
    let report = follow_up(&priorities, &[later]);
    assert_eq!(report.len(), 1);
    assert_eq!(report[0].boosted_people, Cell::Shown(5));
    assert_eq!(report[0].boosted_people_now_connected, Cell::Shown(2));
    assert!(report[0].team_pairs_now_tied >= 1);
    Ok(())
}

#[test]
fn the_newcomer_curve_merges_weeks_until_each_point_covers_k_people() -> Result<(), PulseError> {
    let org = org(&teams(), &[0, 1, 2, 3, 4, 5])?;
    let analysis = analyse(
        &org,
        &chats(0, 9, 2, 1),
        &[],
        now(),
        &PulseConfig::default(),
    )?;
    let curve = &analysis.snapshot.newcomers.curve;
    assert_eq!(curve.rows.len(), 1, "{curve:#?}");
    let point = curve.rows[0].figures.shown().cloned();
    assert!(
        matches!(point, Some(f) if f.people == 6 && (f.value.with_cross_team_tie_share - 1.0 / 6.0).abs() < 1e-9)
    );

    let few = org_with_few_newcomers()?;
    let analysis = analyse(&few, &[], &[], now(), &PulseConfig::default())?;
    let newcomers = &analysis.snapshot.newcomers;
    assert!(newcomers
        .curve
        .rows
        .iter()
        .all(|r| r.figures.is_suppressed()));
    assert!(newcomers.without_cross_team_tie.is_suppressed());
    Ok(())
}

fn org_with_few_newcomers() -> Result<hallway_pulse::Organisation, PulseError> {
    org(&teams(), &[0, 1, 2])
}

#[test]
fn the_personal_view_names_only_the_askers_own_bridges() -> Result<(), PulseError> {
    let org = org(&teams(), &[3])?;
    let mut interactions = chats(0, 9, 2, 1);
    interactions.extend(chats(0, 17, 2, 1));
    interactions.extend(chats(3, 4, 2, 1));
    let analysis = analyse(&org, &interactions, &[], now(), &PulseConfig::default())?;
    let bridge = analysis.personal_view(PersonId(0))?;
    assert_eq!(
        bridge.messages,
        vec!["You bridge Platform with Design and Sales.".to_string()]
    );
    assert_eq!(bridge.cross_team_ties, 2);
    let inward = analysis.personal_view(PersonId(3))?;
    assert!(inward.is_newcomer);
    assert_eq!(
        inward.messages,
        vec!["You have not met anyone outside your team in the last 28 days.".to_string()]
    );
    assert_eq!(
        analysis.personal_view(PersonId(999)).err(),
        Some(PulseError::NotInOrganisation(PersonId(999)))
    );
    Ok(())
}
