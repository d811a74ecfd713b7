//! A person's private view of their own ties ("you bridge Platform and Design"). It names
//! only the asker's own data; the server must show it to that person alone.

use std::collections::BTreeSet;

use serde::{Deserialize, Serialize};

use crate::analysis::Analysis;
use crate::error::PulseError;
use crate::model::PersonId;

/// What pulse knows about one person's ties, for that person only.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PersonalView {
    pub person: PersonId,
    pub team: String,
    pub ties: usize,
    pub cross_team_ties: usize,
    /// Other teams this person has ties into, by name.
    pub teams_bridged: Vec<String>,
    /// Whether they interacted with anyone outside their team within the tie window.
    pub met_outside_team_recently: bool,
    pub is_newcomer: bool,
    /// Plain sentences for the page.
    pub messages: Vec<String>,
}

impl Analysis {
    /// The private view for `person`; the caller must be that person.
    pub fn personal_view(&self, person: PersonId) -> Result<PersonalView, PulseError> {
        let facts = &self.facts;
        let index = facts
            .ids
            .iter()
            .position(|id| *id == person)
            .ok_or(PulseError::NotInOrganisation(person))?;
        let own_team = facts.team[index];
        let bridged: BTreeSet<&str> = facts
            .tie_graph
            .neighbours(index as u32)
            .map(|(other, _)| facts.team[other as usize])
            .filter(|team| *team != own_team)
            .map(|team| facts.team_names[team as usize].as_str())
            .collect();
        let team = facts.team_names[own_team as usize].clone();
        let met_outside = facts.met_outside_team[index];
        let window = facts.config.tie_window_days;
        let mut messages = Vec::new();
        if !bridged.is_empty() {
            let others: Vec<&str> = bridged.iter().copied().collect();
            let link = if others.len() == 1 { "and" } else { "with" };
            messages.push(format!("You bridge {team} {link} {}.", join_names(&others)));
        }
        if !met_outside {
            messages.push(format!(
                "You have not met anyone outside your team in the last {window} days."
            ));
        }
        Ok(PersonalView {
            person,
            team,
            ties: facts.ties_of(index as u32),
            cross_team_ties: facts.cross_team_ties[index] as usize,
            teams_bridged: bridged.iter().map(|s| s.to_string()).collect(),
            met_outside_team_recently: met_outside,
            is_newcomer: facts.newcomer_age_days[index].is_some(),
            messages,
        })
    }
}

/// "A", "A and B", "A, B and C".
fn join_names(names: &[&str]) -> String {
    match names {
        [] => String::new(),
        [one] => one.to_string(),
        [rest @ .., last] => format!("{} and {last}", rest.join(", ")),
    }
}
