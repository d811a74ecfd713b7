//! Checks on the demo organisation and generated companies.

use std::collections::{HashMap, HashSet};

use hallway_domain::{Password, Role};

use crate::*;

fn zones(org: &DemoOrg) -> HashSet<&str> {
    org.people
        .iter()
        .map(|p| p.profile.time_zone.as_str())
        .collect()
}

fn emails(org: &DemoOrg) -> HashSet<&str> {
    org.people.iter().map(|p| p.email.as_str()).collect()
}

#[test]
fn demo_has_the_promised_shape() {
    let org = demo_org().unwrap();
    assert!(
        (35..=45).contains(&org.people.len()),
        "{}",
        org.people.len()
    );
    assert_eq!(org.teams.len(), 6);
    assert!(zones(&org).len() >= 5);
    assert_eq!(emails(&org).len(), org.people.len(), "emails are unique");
    let names: HashSet<_> = org
        .people
        .iter()
        .map(|p| p.profile.display_name.as_str())
        .collect();
    assert_eq!(names.len(), org.people.len(), "names are unique");
    for team in 0..org.teams.len() {
        assert!(
            org.members_of(team).count() >= 3,
            "team {team} is too small"
        );
    }
    let newcomers = org.people.iter().filter(|p| p.joined_days_ago < 60).count();
    assert!((3..=8).contains(&newcomers), "{newcomers}");
    assert!(org.people.iter().any(|p| p.joined_days_ago >= 850));
}

#[test]
fn demo_roles_and_sign_in() {
    let org = demo_org().unwrap();
    let count = |role| org.people.iter().filter(|p| p.role == role).count();
    assert_eq!(count(Role::Owner), 1);
    assert!((1..=2).contains(&count(Role::Admin)));
    assert!((2..=5).contains(&count(Role::Guest)));
    let owner = &org.people[0];
    assert_eq!(owner.role, Role::Owner);
    assert_eq!(owner.email.as_str(), DEMO_OWNER_EMAIL);
    assert_eq!(org.owner().map(|p| &p.email), Some(&owner.email));
    assert!(org.person(DEMO_OWNER_EMAIL).is_some());
    assert!(Password::parse(DEMO_PASSWORD).is_ok());
    for person in &org.people[1..] {
        let (local, domain) = person.email.as_str().split_once('@').unwrap();
        assert_eq!(domain, DEMO_DOMAIN);
        assert!(local.contains('.'), "{local}");
    }
}

#[test]
fn demo_profiles_look_real() {
    let org = demo_org().unwrap();
    let two_teams = org
        .people
        .iter()
        .filter(|p| p.team_indices.len() == 2)
        .count();
    assert!((2..=6).contains(&two_teams), "{two_teams}");
    let with_pronouns = org
        .people
        .iter()
        .filter(|p| p.profile.pronouns.is_some())
        .count();
    assert!(with_pronouns > 10 && with_pronouns < org.people.len());
    let mut tag_teams: HashMap<&str, HashSet<usize>> = HashMap::new();
    for person in &org.people {
        let tags = &person.profile.ask_me_about;
        assert!(
            (1..=5).contains(&tags.len()),
            "{}",
            person.profile.display_name
        );
        assert!(!person.profile.bio.as_str().is_empty());
        assert!(person.profile.working_hours.total_minutes() >= 12 * 60);
        assert!(person.team_indices.iter().all(|&t| t < org.teams.len()));
        for tag in tags {
            tag_teams
                .entry(tag.as_str())
                .or_default()
                .insert(person.team_indices[0]);
        }
    }
    assert!(
        tag_teams.values().any(|teams| teams.len() >= 3),
        "some tags cross teams"
    );
    let hours: HashSet<String> = org
        .people
        .iter()
        .map(|p| p.profile.working_hours.day_text(0))
        .collect();
    assert!(hours.contains("08:00-16:00"));
    assert!(hours.contains("09:00-12:00, 13:00-17:30"));
    let sunday = org
        .people
        .iter()
        .filter(|p| !p.profile.working_hours.day(6).is_empty());
    assert_eq!(sunday.count(), 1);
    assert_eq!(demo_org().unwrap(), org, "deterministic");
}

#[test]
fn generated_company_scales_uniquely_and_deterministically() {
    let org = generated_company(2000, 20, 8, 1).unwrap();
    assert_eq!(org.people.len(), 2000);
    assert_eq!(org.teams.len(), 20);
    assert_eq!(emails(&org).len(), 2000);
    assert_eq!(zones(&org).len(), 8);
    assert_eq!(
        org.people.iter().filter(|p| p.role == Role::Owner).count(),
        1
    );
    assert_eq!(org.people[0].role, Role::Owner);
    let team_names: HashSet<_> = org.teams.iter().map(|t| t.name.as_str()).collect();
    assert_eq!(team_names.len(), 20);
    for team in 0..20 {
        assert!(org.members_of(team).count() >= 90);
    }
    assert_eq!(generated_company(2000, 20, 8, 1).unwrap(), org);
    assert_ne!(generated_company(2000, 20, 8, 2).unwrap(), org);
}

#[test]
fn generated_company_handles_edges() {
    let big = generated_company(8000, 60, 99, 3).unwrap();
    assert_eq!(emails(&big).len(), 8000);
    assert_eq!(zones(&big).len(), MAX_GENERATED_ZONES);
    let names: HashSet<_> = big.teams.iter().map(|t| t.name.as_str()).collect();
    assert_eq!(names.len(), 60);
    let empty = generated_company(0, 0, 0, 0).unwrap();
    assert!(empty.people.is_empty() && empty.teams.is_empty() && empty.owner().is_none());
    let loners = generated_company(5, 0, 0, 9).unwrap();
    assert!(loners.people.iter().all(|p| p.team_indices.is_empty()));
    assert_eq!(zones(&loners).len(), 1);
}
