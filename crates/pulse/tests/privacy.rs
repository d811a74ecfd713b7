//! No aggregate under k people is ever shown, not even by subtracting shown groups from a
//! shown total; checked over many random organisations.

mod common;

use chrono::{TimeZone, Utc};
use common::{chats, now, org};
use hallway_pulse::synthetic::{generate, CompanySpec};
use hallway_pulse::{analyse, Cell, PulseConfig, PulseError, SUPPRESSED_TEXT};
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;

#[test]
fn random_organisations_never_show_a_group_under_k() -> Result<(), PulseError> {
    let as_of = Utc
        .with_ymd_and_hms(2026, 6, 1, 12, 0, 0)
        .single()
        .unwrap_or_default();
    let mut rng = ChaCha8Rng::seed_from_u64(2026);
    for round in 0..60 {
        let people = rng.gen_range(3..160);
        let spec = CompanySpec {
            mean_team_size: rng.gen_range(2..12),
            newcomer_share: rng.gen_range(0.0..0.4),
            ..CompanySpec::small(people, round, as_of)
        };
        let company = generate(&spec)?;
        let k = rng.gen_range(5..9);
        let config = PulseConfig {
            min_group_size: k,
            ..PulseConfig::default()
        };
        let analysis = analyse(
            &company.org,
            &company.interactions,
            &company.topics,
            as_of,
            &config,
        )?;
        let snapshot = &analysis.snapshot;
        assert!(
            snapshot.passes_privacy_audit(),
            "round {round}: {snapshot:#?}"
        );
        for (name, total, rows) in snapshot.group_tables() {
            let shown: usize = rows.iter().flatten().sum();
            if let Some(total) = total {
                let hidden = total - shown;
                assert!(
                    hidden == 0 || hidden >= k,
                    "round {round} {name}: {hidden} hidden"
                );
            }
            assert!(
                rows.iter().flatten().all(|&people| people >= k),
                "round {round} {name}"
            );
        }
        let members = |team: u32| {
            company
                .org
                .people()
                .iter()
                .filter(|p| p.team.0 == team && p.left.is_none_or(|left| left > as_of))
                .count()
        };
        for (team, row) in company.org.teams().iter().zip(&snapshot.teams.rows) {
            if let Some(figures) = row.figures.shown() {
                assert_eq!(
                    figures.people,
                    members(team.id.0),
                    "round {round} {}",
                    team.name
                );
            }
        }
        let json = serde_json::to_string(snapshot).unwrap_or_default();
        assert!(
            !json.contains("\"person\":"),
            "round {round}: the snapshot names people"
        );
    }
    Ok(())
}

#[test]
fn one_small_team_is_hidden_together_with_a_second_team() -> Result<(), PulseError> {
    let org = org(
        &[("Platform", 10), ("Design", 3), ("Sales", 7), ("Ops", 12)],
        &[],
    )?;
    let mut interactions = chats(0, 10, 3, 1);
    interactions.extend(chats(13, 20, 3, 1));
    let analysis = analyse(&org, &interactions, &[], now(), &PulseConfig::default())?;
    let teams = &analysis.snapshot.teams;
    let hidden: Vec<&str> = teams
        .rows
        .iter()
        .filter(|r| r.figures.is_suppressed())
        .map(|r| r.label.as_str())
        .collect();
    assert_eq!(hidden, vec!["Design", "Sales"]);
    assert!(matches!(&teams.total, Cell::Shown(f) if f.people == 32));
    let pairs = &analysis.snapshot.team_pairs;
    assert!(pairs.iter().all(|p| p.a != "Design" && p.b != "Design"));
    Ok(())
}

#[test]
fn the_text_rendering_says_why_a_figure_is_missing() -> Result<(), PulseError> {
    let org = org(&[("Platform", 10), ("Design", 3)], &[])?;
    let analysis = analyse(
        &org,
        &chats(0, 10, 3, 1),
        &[],
        now(),
        &PulseConfig::default(),
    )?;
    let text = hallway_pulse::render::text(&analysis.snapshot);
    assert!(text.contains(SUPPRESSED_TEXT), "{text}");
    assert!(!text.contains("Design: 0"), "{text}");
    Ok(())
}
