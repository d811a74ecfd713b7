//! One member's invitation mail: the text in their time zone and the `.ics` attachment.

use anyhow::Context;
use chrono::{DateTime, Utc};
use hallway_calendar::{invitation_ics, invitation_uid, Invitation, Method, Party};
use hallway_store::{Circle, Person, Round, RoundGroup};
use lettre::message::header::ContentType;
use lettre::message::{Attachment, Mailbox, MultiPart, SinglePart};
use lettre::Message;

/// What every member of one group is told.
pub struct GroupMail<'a> {
    pub circle: &'a Circle,
    pub round: &'a Round,
    pub group_index: usize,
    pub group: &'a RoundGroup,
    pub members: &'a [Person],
    pub from: &'a Mailbox,
    pub public_url: &'a str,
}

/// The mail to `to`: plain text plus `invite.ics`.
pub fn compose(mail: &GroupMail<'_>, to: &Person) -> anyhow::Result<Message> {
    let others: Vec<&str> = mail
        .members
        .iter()
        .filter(|p| p.id != to.id)
        .map(|p| p.profile.display_name.as_str())
        .collect();
    let subject = format!(
        "{}: you're meeting {}",
        mail.circle.name,
        join_names(&others)
    );
    let ics = invitation_ics(&invitation(mail, &subject));
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

fn invitation(mail: &GroupMail<'_>, summary: &str) -> Invitation {
    let host = mail
        .public_url
        .split("://")
        .nth(1)
        .unwrap_or(mail.public_url)
        .split(['/', ':'])
        .next()
        .unwrap_or("hallway");
    Invitation {
        uid: invitation_uid(
            &format!("round-{}-group-{}", mail.round.id, mail.group_index + 1),
            host,
        ),
        method: Method::Request,
        stamp: mail.round.created_at,
        start: mail.group.slot_start,
        end: mail.group.slot_end,
        summary: summary.to_owned(),
        description: format!("{}\n{}", mail.group.reasons, hallway_link(mail)),
        organizer: Party {
            name: mail
                .from
                .name
                .clone()
                .unwrap_or_else(|| "Hallway".to_owned()),
            email: mail.from.email.to_string(),
        },
        attendees: mail
            .members
            .iter()
            .map(|p| Party {
                name: p.profile.display_name.as_str().to_owned(),
                email: p.email.as_str().to_owned(),
            })
            .collect(),
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
        reasons = mail.group.reasons,
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

fn join_names(names: &[&str]) -> String {
    match names {
        [] => "nobody".to_owned(),
        [one] => (*one).to_owned(),
        [init @ .., last] => format!("{} and {last}", init.join(", ")),
    }
}
