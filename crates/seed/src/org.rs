//! The shape of a seeded organisation: teams, people, and how they connect.

use hallway_domain::{Email, Profile, Role, TeamName};

/// A whole organisation ready to be written to a store: teams first, then people.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DemoOrg {
    pub teams: Vec<DemoTeam>,
    /// Person 0 is always the owner.
    pub people: Vec<DemoPerson>,
}

/// A team as created by an admin.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DemoTeam {
    pub name: TeamName,
    pub description: String,
}

/// A person with their sign-in, role, profile and team memberships.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DemoPerson {
    pub email: Email,
    pub role: Role,
    pub profile: Profile,
    /// Indices into [`DemoOrg::teams`]; the first is the person's main team.
    pub team_indices: Vec<usize>,
    /// How long ago the person joined, so "newcomer" features have someone to find.
    pub joined_days_ago: u32,
}

impl DemoOrg {
    /// The owner (person 0), if there is anyone at all.
    pub fn owner(&self) -> Option<&DemoPerson> {
        self.people.iter().find(|p| p.role == Role::Owner)
    }

    /// The people who belong to the team at `team_index`.
    pub fn members_of(&self, team_index: usize) -> impl Iterator<Item = &DemoPerson> + '_ {
        self.people
            .iter()
            .filter(move |p| p.team_indices.contains(&team_index))
    }

    /// A person by email (already normalised: lower case).
    pub fn person(&self, email: &str) -> Option<&DemoPerson> {
        self.people.iter().find(|p| p.email.as_str() == email)
    }
}
