//! Invitation mail for a new round: each member of each group gets a plain-text mail (the
//! group, the reasons, the slot in their own time zone, a link to the hallway) with the
//! meeting as an `.ics` attachment. SMTP is optional (`smtp_url`); sending failures are logged
//! and never undo the round.

mod compose;

use anyhow::Context;
use hallway_store::{Circle, Person, Round, Store};
use lettre::message::Mailbox;
use lettre::{AsyncSmtpTransport, AsyncTransport, Tokio1Executor};

pub use compose::{compose, GroupMail};

/// Sends invitation mail over SMTP.
#[derive(Clone)]
pub struct Mailer {
    transport: AsyncSmtpTransport<Tokio1Executor>,
    from: Mailbox,
    /// The hallway's public URL, for links and the invitation UIDs.
    public_url: String,
}

impl Mailer {
    /// `None` when `smtp_url` is empty (mail is off). `smtp_url` is `smtp://host:port` (plain,
    /// for a relay on loopback), `smtp://host:587?tls=required` (STARTTLS) or `smtps://host`,
    /// with `user:password@` when the server wants a login.
    pub fn from_settings(
        smtp_url: &str,
        mail_from: &str,
        public_url: &str,
    ) -> anyhow::Result<Option<Mailer>> {
        if smtp_url.is_empty() {
            return Ok(None);
        }
        let transport = AsyncSmtpTransport::<Tokio1Executor>::from_url(smtp_url)
            .context("smtp_url: not an smtp:// or smtps:// URL (smtp://host:25, smtps://user:password@host)")?
            .build();
        let from = mail_from.parse::<Mailbox>().with_context(|| {
            format!(
                "mail_from: {mail_from:?} is not an address like \"Hallway <hallway@example.org>\""
            )
        })?;
        Ok(Some(Mailer {
            transport,
            from,
            public_url: public_url.trim_end_matches('/').to_owned(),
        }))
    }

    /// Mails every member of every group of `round`; returns how many mails were sent.
    /// A mail that cannot be composed or sent is logged and skipped.
    pub async fn send_round(&self, store: &dyn Store, circle: &Circle, round: &Round) -> usize {
        let mut sent = 0;
        for group in &round.groups {
            let mut members: Vec<Person> = Vec::with_capacity(group.members.len());
            for id in &group.members {
                match store.person(*id).await {
                    Ok(person) => members.push(person),
                    Err(error) => {
                        tracing::warn!(%error, person = %id, "no mail: cannot load a member")
                    }
                }
            }
            let mail = GroupMail {
                circle,
                round,
                group,
                members: &members,
                from: &self.from,
                public_url: &self.public_url,
            };
            for member in &members {
                match self.send_one(&mail, member).await {
                    Ok(()) => sent += 1,
                    Err(error) => tracing::warn!(
                        error = format!("{error:#}"),
                        round = %round.id,
                        person = %member.id,
                        "could not mail a round invitation"
                    ),
                }
            }
        }
        sent
    }

    async fn send_one(&self, mail: &GroupMail<'_>, to: &Person) -> anyhow::Result<()> {
        let message = compose(mail, to)?;
        self.transport
            .send(message)
            .await
            .context("sending over SMTP")?;
        Ok(())
    }
}
