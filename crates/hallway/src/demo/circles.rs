//! The demo's circle: "Coffee across teams" with everyone in it and this week's round already
//! made, so each person finds a pairing on the hallway, and an admin can run next week's round
//! from the circle's page.

use chrono::{DateTime, Days, Utc};
use hallway_domain::{Cadence, CircleName, CircleShape};
use hallway_rounds::RoundError;
use hallway_store::{MemberSettings, NewCircle, PeopleQuery, Store};

/// What seeding the circle made: its members and this week's groups.
pub struct SeededCircle {
    pub members: usize,
    pub groups: usize,
}

/// Creates the circle, adds every active person and runs this week's round.
pub async fn seed_circle(store: &dyn Store, now: DateTime<Utc>) -> anyhow::Result<SeededCircle> {
    let circle = store
        .create_circle(NewCircle {
            name: CircleName::parse("Coffee across teams")?,
            description: "Thirty minutes with someone from another team, every week.".to_owned(),
            cadence: Cadence::Weekly,
            shape: CircleShape::Pairs,
            cooldown_days: 90,
            created_by: None,
            team: None,
        })
        .await?;
    let people = store.search_people(&PeopleQuery::default()).await?;
    let mut members = 0;
    for person in people.iter().filter(|p| p.active) {
        store
            .set_circle_member(circle.id, person.id, &MemberSettings::joined())
            .await?;
        members += 1;
    }
    let next = hallway_rounds::next_cycle_start(Cadence::Weekly, now.date_naive());
    let this_week = next.checked_sub_days(Days::new(7)).unwrap_or(next);
    let seed = hallway_rounds::default_seed(this_week);
    let groups = match hallway_rounds::run(store, &circle, this_week, seed, now).await {
        Ok((_, saved)) => saved.round.groups.len(),
        Err(RoundError::TooFew(_)) => 0,
        Err(other) => return Err(other.into()),
    };
    Ok(SeededCircle { members, groups })
}
