//! The been-there finder as the live hub's [`Suggester`]: quiet suggestions stay within the
//! person's walls, name only active people and never the person or anyone who opted out.
//! Questions are never logged (a finder error never carries the question).

use std::sync::Arc;

use async_trait::async_trait;
use hallway_domain::PersonId;
use hallway_finder::{Finder, MAX_QUESTION_CHARS};
use hallway_live::Suggester;
use hallway_protocol::Suggested;

pub struct FinderSuggester(pub Arc<Finder>);

#[async_trait]
impl Suggester for FinderSuggester {
    async fn suggest(&self, person: PersonId, question: &str, limit: usize) -> Vec<Suggested> {
        let question: String = question.chars().take(MAX_QUESTION_CHARS).collect();
        match self.0.ask(person, &question, limit).await {
            Ok(answer) => answer
                .people
                .into_iter()
                .filter(|found| found.active)
                .take(limit)
                .map(|found| Suggested {
                    person: found.person,
                    name: found.name,
                    reason: found.reason,
                })
                .collect(),
            Err(error) => {
                tracing::debug!(%error, "no quiet suggestion: the finder failed");
                Vec::new()
            }
        }
    }
}
