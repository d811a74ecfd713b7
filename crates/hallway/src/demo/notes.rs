//! A few "solved" and "learned" notes by demo people, so `/notes` and the been-there finder
//! have something true to show from the first start.

use anyhow::Context;
use chrono::{DateTime, Duration, Utc};
use hallway_domain::{NoteBody, NoteKind, NoteTitle, Tag};
use hallway_seed::DemoOrg;
use hallway_store::{NewNote, Store};

/// (author's email local part, kind, days ago, title, body, tags)
#[rustfmt::skip]
const NOTES: [(&str, NoteKind, i64, &str, &str, &str); 7] = [
    ("priya.raghunathan", NoteKind::Solved, 9, "Rotating client-side encryption keys without downtime",
     "Keep two key versions live: encrypt with the new one, decrypt with either. Re-wrap stored data keys in batches of 1,000 overnight, then retire the old version once the batch job reports zero left.",
     "encryption, security, key rotation"),
    ("mateus.oliveira", NoteKind::Solved, 15, "Autovacuum could not keep up with the events table",
     "Lowered autovacuum_vacuum_scale_factor to 0.01 for that table only and raised the cost limit. Dead tuples went from 40 M to under 1 M within a day; no more 2 a.m. bloat alerts.",
     "postgres, autovacuum, databases"),
    ("keiko.tanaka", NoteKind::Learned, 6, "VoiceOver reads live regions only once they exist",
     "A live region added together with its text is not announced. Render the empty container with aria-live first, then set its text; that fixed the silent toasts on the hallway screen.",
     "accessibility, voiceover, aria"),
    ("jonas.becker", NoteKind::Solved, 20, "Terraform plan showing changes nobody made",
     "The provider upgrade changed a default for the load balancer's idle timeout. Pinning the provider minor version and setting the value explicitly made the plan empty again.",
     "terraform, infrastructure"),
    ("chloe.dubois", NoteKind::Learned, 4, "Dark-mode tokens: name them by role, not colour",
     "Tokens called surface, text-muted and accent survive a theme switch; tokens called grey-100 do not. We renamed 38 of them and the dark theme became a second token file instead of a rewrite.",
     "design systems, dark mode, css"),
    ("ethan.walsh", NoteKind::Learned, 3, "How the sync engine resolves offline edits",
     "Each field carries a hybrid logical clock; the later clock wins per field, not per record. Two people editing different fields of one card offline both keep their change.",
     "sync, offline, mobile"),
    ("fatima.elamrani", NoteKind::Solved, 12, "Forecast spreadsheet slowed to a crawl",
     "Volatile INDIRECT formulas recalculated the whole workbook on every edit. Replacing them with INDEX over a named range took recalculation from 40 s to under a second.",
     "finance, spreadsheets, forecasting"),
];

/// Writes the notes whose authors are in `org`; returns how many.
pub async fn seed_notes(
    store: &dyn Store,
    org: &DemoOrg,
    now: DateTime<Utc>,
) -> anyhow::Result<usize> {
    let mut added = 0;
    for (who, kind, days_ago, title, body, tags) in NOTES {
        let Some(person) = org
            .people
            .iter()
            .find(|p| p.email.as_str().split('@').next() == Some(who))
        else {
            continue;
        };
        let author = store
            .person_by_email(&person.email)
            .await
            .with_context(|| format!("finding the demo person {}", person.email))?;
        store
            .create_note(NewNote {
                kind,
                title: NoteTitle::parse(title)?,
                body: NoteBody::parse(body)?,
                tags: Tag::parse_list(tags)?,
                author: author.id,
                at: now - Duration::days(days_ago),
            })
            .await
            .with_context(|| format!("adding the demo note {title:?}"))?;
        added += 1;
    }
    Ok(added)
}
