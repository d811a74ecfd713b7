//! The demo's rooms: open rooms everyone may wander into, a room per team, two private rooms,
//! and guests invited where their work is.

use chrono::{DateTime, Duration, Utc};
use hallway_domain::{Invalid, Role, RoomKind, RoomName};

use crate::history::DemoRoom;
use crate::org::DemoOrg;

/// How a room talks: decides its vocabulary and its pace.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Style {
    /// Quick social chatter.
    Kitchen,
    /// Slower, longer conversations.
    Porch,
    /// Demos of work in progress.
    ShowAndTell,
    /// Questions across teams.
    HelpDesk,
    /// A team's technical talk; the team's index.
    Team(usize),
    /// Planning among leads.
    Leads,
    /// The security review with the external consultant.
    Security,
}

/// A room with how it talks and how many conversations it gets over the history.
#[derive(Debug, Clone)]
pub(crate) struct RoomPlan {
    pub room: DemoRoom,
    pub style: Style,
    pub threads: usize,
}

/// Team rooms anyone may overhear, by team index (Platform, Design, Data, Growth).
const OVERHEARD_TEAMS: [usize; 4] = [0, 2, 3, 5];

/// The private leads room, by email local part.
const LEADS: [&str; 6] = [
    "ada",
    "jonas.becker",
    "grace.mwangi",
    "keiko.tanaka",
    "marcus.webb",
    "fatima.elamrani",
];

/// The security review room: the consultant (a guest) with the people who own security.
const SECURITY: [&str; 5] = [
    "ada",
    "jonas.becker",
    "noa.levi",
    "priya.raghunathan",
    "sofia.marchetti",
];

/// The demo's rooms in creation order, each with its style and size.
pub(crate) fn plan(org: &DemoOrg, now: DateTime<Utc>) -> Result<Vec<RoomPlan>, Invalid> {
    let opened = now - Duration::days(120);
    let owner = org
        .people
        .iter()
        .position(|p| p.role == Role::Owner)
        .unwrap_or(0);
    let open = |name: &str, topic: &str, style, threads| -> Result<RoomPlan, Invalid> {
        Ok(RoomPlan {
            room: DemoRoom {
                name: RoomName::parse(name)?,
                topic: topic.to_owned(),
                kind: RoomKind::Open,
                team_index: None,
                overhearable: true,
                created_by: owner,
                created_at: opened,
                members: Vec::new(),
            },
            style,
            threads,
        })
    };
    let mut plans = vec![
        open(
            "kitchen",
            "Coffee, lunch, pets and whatever is on your mind.",
            Style::Kitchen,
            100,
        )?,
        open(
            "porch",
            "Slower conversations: books, careers, working across time zones.",
            Style::Porch,
            40,
        )?,
        open(
            "show-and-tell",
            "Demos of work in progress. Rough edges welcome.",
            Style::ShowAndTell,
            26,
        )?,
        open(
            "help-desk",
            "Stuck? Ask here: someone has probably been there before.",
            Style::HelpDesk,
            75,
        )?,
    ];
    for (index, team) in org.teams.iter().enumerate() {
        plans.push(team_room(
            org,
            index,
            team.name.as_str(),
            &team.description,
            now,
        )?);
    }
    plans.extend(private(
        org,
        "leads",
        "Planning, hiring and the offsite.",
        &LEADS,
        Style::Leads,
        now,
    )?);
    plans.extend(private(
        org,
        "security-review",
        "This year's external security review, with Sofia.",
        &SECURITY,
        Style::Security,
        now,
    )?);
    Ok(plans)
}

/// A team's room: created by its longest-serving member, with the team's guests invited.
fn team_room(
    org: &DemoOrg,
    index: usize,
    name: &str,
    description: &str,
    now: DateTime<Utc>,
) -> Result<RoomPlan, Invalid> {
    let members: Vec<usize> = (0..org.people.len())
        .filter(|&p| org.people[p].team_indices.contains(&index))
        .collect();
    let created_by = members
        .iter()
        .copied()
        .filter(|&p| org.people[p].role != Role::Guest)
        .max_by_key(|&p| (org.people[p].joined_days_ago, std::cmp::Reverse(p)))
        .unwrap_or(0);
    let guests = members
        .iter()
        .copied()
        .filter(|&p| org.people[p].role == Role::Guest)
        .collect();
    Ok(RoomPlan {
        room: DemoRoom {
            name: RoomName::parse(&name.to_lowercase().replace(' ', "-"))?,
            topic: description.to_owned(),
            kind: RoomKind::Team,
            team_index: Some(index),
            overhearable: OVERHEARD_TEAMS.contains(&index),
            created_by,
            created_at: now - Duration::days(90),
            members: guests,
        },
        style: Style::Team(index),
        threads: 45,
    })
}

/// A private room of the listed people, or nothing when fewer than three of them exist.
fn private(
    org: &DemoOrg,
    name: &str,
    topic: &str,
    emails: &[&str],
    style: Style,
    now: DateTime<Utc>,
) -> Result<Option<RoomPlan>, Invalid> {
    let members: Vec<usize> = emails.iter().filter_map(|e| person(org, e)).collect();
    let Some(&created_by) = members.first() else {
        return Ok(None);
    };
    if members.len() < 3 {
        return Ok(None);
    }
    Ok(Some(RoomPlan {
        room: DemoRoom {
            name: RoomName::parse(name)?,
            topic: topic.to_owned(),
            kind: RoomKind::Private,
            team_index: None,
            overhearable: false,
            created_by,
            created_at: now - Duration::days(35),
            members,
        },
        style,
        threads: 16,
    }))
}

/// A person's index by the local part of their email.
pub(crate) fn person(org: &DemoOrg, local: &str) -> Option<usize> {
    org.people
        .iter()
        .position(|p| p.email.as_str().split('@').next() == Some(local))
}
