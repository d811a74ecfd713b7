//! One member's invitation mail: the text in their time zone and the `.ics` attachment.

use anyhow::Context;
use chrono::{DateTime, Utc};
use hallway_calendar::{invitation_ics, Party};
use hallway_rounds::calendar::{join_names, GroupEvent};
use hallway_store::{Circle, Person, Round, RoundGroup};
use lettre::message::header::ContentType;
use lettre::message::{Attachment, Mailbox, MultiPart, SinglePart};
use lettre::Message;

/// What every member of one group is told.
pub struct GroupMail<'a> {
    pub circle: &'a Circle,
    pub round: &'a Round,
    pub group: &'a RoundGroup,
    pub members: &'a [Person],
    pub from: &'a Mailbox,
    pub public_url: &'a str,
}

/// The mail to `to`: plain text plus `invite.ics`.
pub fn compose(mail: &GroupMail<'_>, to: &Person) -> anyhow::Result<Message> {
    let event = event(mail);
    let subject = event.summary_for(to.id);
    let ics = invitation_ics(&event.for_person(to.id));
    let others: Vec<&str> = mail
        .members
        .iter()
        .filter(|p| p.id != to.id)
        .map(|p| p.profile.display_name.as_str())
        .collect();
    let to_box = Mailbox::new(
        Some(to.profile.display_name.as_str().to_owned()),
        to.email.as_str().parse().context("the member's address")?,
    );
    Message::builder()
        .from(mail.from.clone())
        .to(to_box)
        .subject(subject)
        .multipart(
            MultiPart::mixed()
                .singlepart(SinglePart::plain(body(mail, to, &others)))
                .singlepart(
                    Attachment::new("invite.ics".to_owned()).body(
                        ics,
                        ContentType::parse("text/calendar; charset=utf-8; method=REQUEST")
                            .context("the calendar content type")?,
                    ),
                ),
        )
        .context("building the mail")
}

fn event<'a>(mail: &'a GroupMail<'a>) -> GroupEvent<'a> {
    GroupEvent {
        circle_name: mail.circle.name.as_str(),
        round: mail.round.id,
        made_at: mail.round.created_at,
        start: mail.group.slot_start,
        end: mail.group.slot_end,
        reasons: &mail.group.reasons,
        members: mail.members,
        organizer: Party {
            name: mail
                .from
                .name
                .clone()
                .unwrap_or_else(|| "Hallway".to_owned()),
            email: mail.from.email.to_string(),
        },
        public_url: mail.public_url,
    }
}

fn body(mail: &GroupMail<'_>, to: &Person, others: &[&str]) -> String {
    format!(
        "Hi {name},\n\n\
         Your circle \"{circle}\" matched you with {others} this round.\n\n\
         When: {slot}\n\
         Why: {reasons}\n\n\
         Say hello in the hallway: {link}\n\n\
         The attached invite.ics adds the slot to your calendar.\n",
        name = to.profile.display_name,
        circle = mail.circle.name,
        others = join_names(others),
        slot = local_slot(to, mail.group.slot_start, mail.group.slot_end),
        reasons = hallway_rounds::reasons::shown(&mail.group.reasons),
        link = hallway_link(mail),
    )
}

fn hallway_link(mail: &GroupMail<'_>) -> String {
    format!("{}/hallway", mail.public_url)
}

/// "Thursday 26 November 2026, 15:00–15:30 (Europe/Berlin)" in the person's own time zone.
pub fn local_slot(person: &Person, start: DateTime<Utc>, end: DateTime<Utc>) -> String {
    let tz = person.profile.time_zone.tz();
    let (start, end) = (start.with_timezone(&tz), end.with_timezone(&tz));
    format!(
        "{}, {}–{} ({})",
        start.format("%A %-d %B %Y"),
        start.format("%H:%M"),
        end.format("%H:%M"),
        person.profile.time_zone
    )
}
