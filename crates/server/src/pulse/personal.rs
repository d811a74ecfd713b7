//! A person's own view of their ties, computed on request from their own interactions only
//! (never from anyone else's), with the engine's personal view. Shown to that person alone.

use std::collections::HashSet;

use chrono::{DateTime, Duration, Utc};
use hallway_domain::PersonId;
use hallway_pulse::{
    analyse, Interaction, InteractionKind, Organisation, Person as PulsePerson, PersonalView,
    PulseConfig, Snapshot, Team, TeamId, TopicStatus,
};
use hallway_store::{InteractionKind as StoredKind, PeopleQuery, Person, Store};

use crate::AppError;

/// The team of people who belong to none, so everyone has one for the engine.
const NO_TEAM: TeamId = TeamId(u32::MAX);

/// The viewer's own ties as of `now`.
pub async fn personal_view(
    store: &dyn Store,
    viewer: PersonId,
    now: DateTime<Utc>,
) -> Result<PersonalView, AppError> {
    let config = PulseConfig::default();
    let from = now - Duration::days(i64::from(config.tie_window_days) + 7);
    let people = store.search_people(&PeopleQuery::default()).await?;
    let org = organisation(&store.teams().await?, &people)?;
    let members: HashSet<PersonId> = people.iter().map(|p| p.id).collect();
    let interactions: Vec<Interaction> = store
        .interactions(from, now)
        .await?
        .into_iter()
        .filter(|i| i.a == viewer || i.b == viewer)
        .filter(|i| i.at <= now && members.contains(&i.a) && members.contains(&i.b))
        .map(|i| Interaction {
            at: i.at,
            a: engine_id(i.a),
            b: engine_id(i.b),
            kind: engine_kind(i.kind),
            weight: i.weight as f32,
        })
        .collect();
    let analysis = analyse(&org, &interactions, &[], now, &config).map_err(internal)?;
    let mut view = analysis
        .personal_view(engine_id(viewer))
        .map_err(internal)?;
    if let Some(me) = people.iter().find(|p| p.id == viewer) {
        let tags: Vec<String> = me
            .profile
            .ask_me_about
            .iter()
            .map(|t| t.to_string())
            .collect();
        view.messages
            .extend(topic_invitations(&super::snapshots(store).await?, &tags));
    }
    Ok(view)
}

/// An invitation for each of the viewer's own "ask me about" topics that the latest snapshot
/// says fewer than k active people hold. It says nothing about the other holders (how many,
/// who went quiet): only that the topic rests on few people, which its public tag shows anyway.
fn topic_invitations(snapshots: &[Snapshot], own_tags: &[String]) -> Vec<String> {
    let Some(latest) = snapshots.last() else {
        return Vec::new();
    };
    latest
        .knowledge
        .topics
        .iter()
        .filter(|t| t.status == TopicStatus::AtRisk && own_tags.contains(&t.topic))
        .map(|t| {
            format!(
                "Few people here know {} as you do (fewer than {} active). A note on what you \
                 know, or a show-and-tell, would keep it from getting lost.",
                t.topic, latest.min_group_size
            )
        })
        .collect()
}

/// Active people in their first team (or "No team"), with the date they joined.
fn organisation(
    teams: &[hallway_store::Team],
    people: &[Person],
) -> Result<Organisation, AppError> {
    let mut engine_teams: Vec<Team> = teams
        .iter()
        .filter_map(|t| {
            let id = u32::try_from(t.id.0).ok()?;
            Some(Team {
                id: TeamId(id),
                name: t.name.clone(),
            })
        })
        .collect();
    engine_teams.push(Team {
        id: NO_TEAM,
        name: "No team".into(),
    });
    let engine_people = people
        .iter()
        .map(|p| PulsePerson {
            id: engine_id(p.id),
            team: p
                .teams
                .first()
                .and_then(|t| u32::try_from(t.id.0).ok())
                .map_or(NO_TEAM, TeamId),
            joined: p.joined_at,
            left: None,
        })
        .collect();
    Organisation::new(engine_teams, engine_people).map_err(internal)
}

fn engine_id(id: PersonId) -> hallway_pulse::PersonId {
    hallway_pulse::PersonId(id.0.unsigned_abs())
}

fn engine_kind(kind: StoredKind) -> InteractionKind {
    match kind {
        StoredKind::Reply => InteractionKind::Reply,
        StoredKind::Mention => InteractionKind::Mention,
        StoredKind::Voice => InteractionKind::Voice,
        StoredKind::PairingMet => InteractionKind::PairingMet,
        StoredKind::Chat => InteractionKind::Chat,
    }
}

fn internal(error: hallway_pulse::PulseError) -> AppError {
    AppError::Internal(anyhow::anyhow!("computing a personal pulse view: {error}"))
}
