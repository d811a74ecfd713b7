//! Chat frames: post, edit, delete, react, typing, and the status a person chooses.

use std::time::Instant;

use chrono::{DateTime, Utc};
use hallway_domain::{
    reads_as_question, Availability, ClientMessageId, MessageBody, MessageId, Reaction, RoomId,
    Status,
};
use hallway_protocol::{ErrorCode, ServerFrame};
use hallway_store::{MessageChange, NewMessage};

use crate::hub::lock;
use crate::session::{Handled, LiveSession, Problem};
use crate::wire::BusEvent;

fn invalid(error: hallway_domain::Invalid) -> Problem {
    Problem::new(ErrorCode::InvalidField, error.to_string())
}

impl LiveSession {
    fn take_message_token(&mut self) -> Handled {
        self.message_limit
            .take(Instant::now())
            .map_err(|wait| Problem::limited("messages", wait))
    }

    pub(crate) async fn post(
        &mut self,
        room: RoomId,
        client_id: &str,
        body: &str,
        reply_to: Option<MessageId>,
    ) -> Handled {
        let client_id = ClientMessageId::parse(client_id).map_err(invalid)?;
        let body = MessageBody::parse(body).map_err(invalid)?;
        let question = reads_as_question(body.as_str()).then(|| body.as_str().to_owned());
        self.check_room(room).await?;
        self.take_message_token()?;
        let posted = self
            .hub
            .store
            .post_message(NewMessage {
                room,
                author: self.person,
                client_id: client_id.clone(),
                body,
                reply_to,
                at: Utc::now(),
            })
            .await
            .map_err(Problem::posting)?;
        let hallway_store::RoomEventKind::Posted { message, .. } = posted.event.kind else {
            tracing::warn!(
                seq = posted.event.seq,
                "a post came back as another kind of event"
            );
            return Err(Problem::new(
                ErrorCode::Unavailable,
                "the server could not store that; retry",
            ));
        };
        self.send(&ServerFrame::Ack {
            client_id: client_id.as_str().to_owned(),
            room,
            seq: posted.event.seq,
            message,
            duplicate: posted.duplicate,
        });
        if !posted.duplicate {
            self.hub
                .publish(&BusEvent::Room {
                    event: posted.event,
                })
                .await;
            if let Some(question) = question {
                self.hub.suggest_later(self.person, question);
            }
            tokio::spawn(crate::pulse::record_message(
                self.hub.store.clone(),
                message,
            ));
        }
        Ok(())
    }

    async fn change(
        &mut self,
        room: RoomId,
        message: MessageId,
        change: MessageChange,
        reference: Option<String>,
    ) -> Handled {
        self.check_room(room).await?;
        self.take_message_token()?;
        let event = self
            .hub
            .store
            .change_message(room, message, self.person, change, Utc::now())
            .await
            .map_err(Problem::store)?;
        self.send(&ServerFrame::Done { reference });
        if let Some(event) = event {
            self.hub.publish(&BusEvent::Room { event }).await;
        }
        Ok(())
    }

    pub(crate) async fn edit(
        &mut self,
        room: RoomId,
        message: MessageId,
        body: &str,
        reference: Option<String>,
    ) -> Handled {
        let body = MessageBody::parse(body).map_err(invalid)?;
        self.change(room, message, MessageChange::Edit { body }, reference)
            .await
    }

    pub(crate) async fn delete(
        &mut self,
        room: RoomId,
        message: MessageId,
        reference: Option<String>,
    ) -> Handled {
        self.change(room, message, MessageChange::Delete, reference)
            .await
    }

    pub(crate) async fn react(
        &mut self,
        room: RoomId,
        message: MessageId,
        emoji: &str,
        on: bool,
        reference: Option<String>,
    ) -> Handled {
        let emoji = Reaction::parse(emoji).map_err(invalid)?;
        self.change(room, message, MessageChange::React { emoji, on }, reference)
            .await
    }

    /// Relays "typing" at most once per interval per room; a flood is refused with an error.
    pub(crate) async fn typing(&mut self, room: RoomId) -> Handled {
        self.require_joined(room, "typing")?;
        let now = Instant::now();
        self.typing_limit
            .take(now)
            .map_err(|wait| Problem::limited("typing frames", wait))?;
        let every = self.hub.config.typing_relay_every;
        let recent = self
            .typing_relayed
            .get(&room)
            .is_some_and(|last| now.saturating_duration_since(*last) < every);
        if recent {
            return Ok(());
        }
        self.typing_relayed.insert(room, now);
        self.hub
            .publish(&BusEvent::Typing {
                room,
                person: self.person,
            })
            .await;
        Ok(())
    }

    pub(crate) async fn set_status(
        &mut self,
        availability: Availability,
        until: Option<String>,
        working_on: &str,
    ) -> Handled {
        let until = match until.as_deref().map(str::trim) {
            None | Some("") => None,
            Some(text) => Some(
                DateTime::parse_from_rfc3339(text)
                    .map_err(|_| {
                        Problem::new(
                            ErrorCode::InvalidField,
                            format!("until: {text:?} is not an RFC 3339 time"),
                        )
                    })?
                    .with_timezone(&Utc),
            ),
        };
        let now = Utc::now();
        let status = Status::new(availability, until, working_on, now).map_err(invalid)?;
        self.take_message_token()?;
        let stored = self
            .hub
            .store
            .set_status(self.person, &status, now)
            .await
            .map_err(Problem::store)?;
        self.send(&ServerFrame::Done { reference: None });
        let previous = lock(&self.hub.statuses).insert(self.person, stored.status.clone());
        let previous = previous.unwrap_or_default();
        let line = stored.status.working_on.clone();
        let availability_changed = previous.availability != stored.status.availability;
        self.hub.publish(&BusEvent::Status { status: stored }).await;
        if !line.is_empty() && line != previous.working_on {
            self.hub.suggest_later(self.person, line);
        }
        if availability_changed {
            if let Err(error) = self.hub.offer_held_chats(self.person).await {
                tracing::warn!(%error, "could not offer held chat requests");
            }
        }
        Ok(())
    }
}
