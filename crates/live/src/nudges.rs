//! Quiet nudges: a suggestion of colleagues for a person's question or "working on" line, and
//! 9-minute chat requests delivered only when their colleague may be interrupted.
//!
//! Suggestions come from a [`Suggester`] the server plugs in (the been-there finder, which
//! keeps within the person's walls and never suggests them or anyone who opted out). They run
//! in a spawned task after the message is durable, go only to the asker's own sockets, at most
//! one per question or line and one per person every `suggestion_every`; nothing about them is
//! stored or logged.

use std::sync::Arc;
use std::time::Instant;

use async_trait::async_trait;
use chrono::Utc;
use hallway_domain::{reachable_at, ChatRequestId, PersonId};
use hallway_protocol::{ChatOffer, ServerFrame, Suggested};
use hallway_store::{ChatState, Person, StoreError};

use crate::hub::{lock, Hub};
use crate::wire::BusEvent;

/// The most people one suggestion names.
pub const MAX_SUGGESTED: usize = 3;

/// Finds colleagues for a person's question, within their walls.
#[async_trait]
pub trait Suggester: Send + Sync {
    /// Up to `limit` people for `question` asked by `person`, best first; empty when no one
    /// fits well or the finder cannot answer now.
    async fn suggest(&self, person: PersonId, question: &str, limit: usize) -> Vec<Suggested>;
}

impl Hub {
    /// Plugs in the suggester (once; later calls are ignored).
    pub fn set_suggester(&self, suggester: Arc<dyn Suggester>) {
        let _ = self.suggester.set(suggester);
    }

    /// Sends `frame` to every socket of `person`, on every node.
    pub async fn tell(&self, person: PersonId, frame: ServerFrame) {
        self.publish(&BusEvent::ToPerson { person, frame }).await;
    }

    /// Delivers a frame for `person` to their sockets on this node.
    pub(crate) fn deliver_to_person(&self, person: PersonId, frame: &ServerFrame) {
        let bytes: bytes::Bytes = frame.to_json().into();
        for connection in lock(&self.local).values() {
            if connection.facts.person == person {
                connection.outbox.push(bytes.clone());
            }
        }
    }

    fn may_suggest(&self, person: PersonId, now: Instant) -> bool {
        lock(&self.suggested)
            .get(&person)
            .is_none_or(|last| now.saturating_duration_since(*last) >= self.config.suggestion_every)
    }

    /// Looks for colleagues for `about` in the background and, if some fit, quietly tells
    /// `person` alone.
    pub(crate) fn suggest_later(self: &Arc<Self>, person: PersonId, about: String) {
        let Some(suggester) = self.suggester.get().cloned() else {
            return;
        };
        if !self.may_suggest(person, Instant::now()) {
            return;
        }
        let hub = Arc::downgrade(self);
        tokio::spawn(async move {
            let people = suggester.suggest(person, &about, MAX_SUGGESTED).await;
            let Some(hub) = hub.upgrade() else { return };
            if people.is_empty() {
                return;
            }
            {
                let now = Instant::now();
                if !hub.may_suggest(person, now) {
                    return;
                }
                lock(&hub.suggested).insert(person, now);
            }
            let about = about.lines().next().unwrap_or_default().to_owned();
            hub.tell(person, ServerFrame::Suggestion { about, people })
                .await;
        });
    }

    /// Whether `person` may be interrupted now: not focusing, inside their working hours.
    pub fn reachable(&self, person: &Person) -> bool {
        let status = lock(&self.statuses)
            .get(&person.id)
            .cloned()
            .unwrap_or_default();
        reachable_at(&person.profile, &status, Utc::now())
    }

    /// Offers one pending chat request to its colleague if they may be interrupted now;
    /// otherwise it is held (offered again when their status changes or a page loads).
    pub async fn offer_chat(&self, id: ChatRequestId) -> Result<bool, StoreError> {
        let now = Utc::now();
        let request = self.store.chat_request(id, now).await?;
        if request.state != ChatState::Pending {
            return Ok(false);
        }
        let colleague = self.store.person(request.colleague).await?;
        if !self.reachable(&colleague) {
            return Ok(false);
        }
        let asker = self.store.person(request.asker).await?;
        let offer = ChatOffer {
            request: request.id,
            from: asker.id,
            name: asker.profile.display_name.to_string(),
            topic: request.topic.as_str().to_owned(),
            expires_at: request.expires_at,
        };
        self.tell(colleague.id, ServerFrame::ChatRequest(offer))
            .await;
        Ok(true)
    }

    /// Offers every pending request `person` received (after their status changed).
    pub(crate) async fn offer_held_chats(&self, person: PersonId) -> Result<(), StoreError> {
        let now = Utc::now();
        for request in self.store.chat_requests_of(person, now).await? {
            if request.colleague == person && request.state == ChatState::Pending {
                self.offer_chat(request.id).await?;
            }
        }
        Ok(())
    }
}
