//! The data a run needs, made straight in the store through the `Store` trait: people with
//! sessions whose tokens the generator knows (the store keeps only their hashes), and open rooms.

use std::path::Path;
use std::sync::Arc;

use anyhow::Context;
use chrono::{Duration, Utc};
use futures_util::{StreamExt, TryStreamExt};
use hallway_domain::{DisplayName, Email, Role, RoomId, RoomKind, RoomName};
use hallway_server::accounts::starter_profile;
use hallway_server::auth::{new_token, token_hash};
use hallway_store::{NewPerson, NewRoom, NewSession, Store};

/// Store calls in flight while preparing (PostgreSQL gains from it; SQLite serialises them).
const PREPARE_CONCURRENCY: usize = 16;

/// People the generator can sign in as, and the rooms it uses.
pub struct Prepared {
    /// One session token per person, as the `hallway_session` cookie carries it.
    pub tokens: Vec<String>,
    pub rooms: Vec<RoomId>,
}

/// Opens PostgreSQL for a `postgres://` URL, otherwise SQLite in `data_dir` (the file
/// `hallway serve --data-dir` uses).
pub async fn open_store(
    database_url: Option<&str>,
    data_dir: &Path,
) -> anyhow::Result<Arc<dyn Store>> {
    match database_url {
        Some(url) if url.starts_with("postgres") => {
            let store = hallway_store_postgres::connect(url)
                .await
                .context("connecting to PostgreSQL")?;
            Ok(Arc::new(store))
        }
        Some(other) => anyhow::bail!("--database-url must be postgres://…, not {other:?}"),
        None => {
            let path = data_dir.join("hallway.db");
            let store = hallway_store_sqlite::open(&path)
                .await
                .with_context(|| format!("opening {}", path.display()))?;
            Ok(Arc::new(store))
        }
    }
}

/// Makes `people` members with a day-long session each, and `rooms` open rooms.
pub async fn prepare(
    store: &Arc<dyn Store>,
    people: usize,
    rooms: usize,
) -> anyhow::Result<Prepared> {
    let run = uuid::Uuid::new_v4().simple().to_string();
    let tokens: Vec<String> = futures_util::stream::iter(0..people)
        .map(|i| person_with_session(store.clone(), format!("{}-{i}", &run[..8])))
        .buffered(PREPARE_CONCURRENCY)
        .try_collect()
        .await?;
    let mut made = Vec::with_capacity(rooms);
    for i in 0..rooms {
        let name = format!("load {} {i}", &run[..8]);
        let room = store
            .create_room(NewRoom {
                name: RoomName::parse(&name).context("a room name")?,
                topic: "load generator".into(),
                kind: RoomKind::Open,
                team: None,
                overhearable: false,
                created_by: None,
                created_at: Utc::now(),
            })
            .await
            .context("creating a room")?;
        made.push(room.id);
    }
    Ok(Prepared {
        tokens,
        rooms: made,
    })
}

async fn person_with_session(store: Arc<dyn Store>, tag: String) -> anyhow::Result<String> {
    let person = store
        .create_person(NewPerson {
            email: Email::parse(&format!("load-{tag}@example.org")).context("an email")?,
            role: Role::Member,
            password_hash: None,
            active: true,
            profile: starter_profile(
                DisplayName::parse(&format!("Load {tag}")).context("a name")?,
                None,
            ),
            teams: Vec::new(),
            joined_at: Utc::now(),
        })
        .await
        .context("creating a person")?;
    let token = new_token();
    store
        .create_session(NewSession {
            person: person.id,
            token_hash: token_hash(&token),
            user_agent: "hallway-load".into(),
            created_at: Utc::now(),
            expires_at: Utc::now() + Duration::days(1),
        })
        .await
        .context("creating a session")?;
    Ok(token)
}
