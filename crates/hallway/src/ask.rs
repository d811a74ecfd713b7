//! `hallway ask "question" --as <email>`: who has been here before, within what that person may
//! read, with a reason and evidence naming room and date.

use anyhow::Context;
use clap::Args;
use hallway_domain::Email;
use hallway_finder::{Answer, Snippet, SnippetKind};
use hallway_store::StoreError;

use crate::config::Config;
use crate::output::line;

#[derive(Args)]
pub struct AskArgs {
    /// The question, in your own words.
    pub question: String,
    /// Ask as this person (their walls decide what counts as evidence).
    #[arg(long = "as", value_name = "EMAIL")]
    pub asker: String,
    /// How many people to suggest.
    #[arg(long, default_value_t = 3, value_parser = clap::value_parser!(u16).range(1..=20))]
    pub limit: u16,
}

pub async fn run(config: &Config, args: &AskArgs) -> anyhow::Result<()> {
    let email = Email::parse(&args.asker).context("--as")?;
    let store = crate::storage::open(config).await?;
    let asker = match store.person_by_email(&email).await {
        Err(StoreError::NotFound(_)) => anyhow::bail!("--as: nobody has the email {email}"),
        other => other.context("looking up the asker")?,
    };
    let finder = crate::memory::open_for_asking(config, store)?;
    crate::memory::catch_up(&finder).await?;
    let answer = finder
        .ask(asker.id, &args.question, usize::from(args.limit))
        .await
        .context("asking the finder")?;
    print(&answer);
    Ok(())
}

fn print(answer: &Answer) {
    if answer.people.is_empty() {
        line(format_args!(
            "Nobody has been here before, as far as the rooms and notes you can read show."
        ));
        return;
    }
    for (rank, found) in answer.people.iter().enumerate() {
        let inactive = if found.active {
            ""
        } else {
            " (not signed up yet)"
        };
        line(format_args!(
            "{}. {}{inactive} — {}",
            rank + 1,
            found.name,
            found.reason
        ));
        for snippet in &found.evidence {
            line(format_args!("     {}", describe(snippet)));
        }
    }
}

/// `#kitchen, 2025-03-04: "…excerpt…"` (or a note's title, or the person's tags).
fn describe(snippet: &Snippet) -> String {
    let date = snippet.at.format("%Y-%m-%d");
    let excerpt = snippet
        .excerpt
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    match snippet.kind {
        SnippetKind::Message => {
            let room = snippet
                .room
                .as_ref()
                .map_or("a room", |room| room.name.as_str());
            format!("#{room}, {date}: \"{excerpt}\" ({})", snippet.link)
        }
        SnippetKind::Note => {
            let title = snippet.title.as_deref().unwrap_or("a note");
            format!("note \"{title}\", {date}: \"{excerpt}\" ({})", snippet.link)
        }
        SnippetKind::Tags => format!("asks to be asked about: {excerpt}"),
    }
}
