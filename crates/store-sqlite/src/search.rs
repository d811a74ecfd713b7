//! The directory search: text, team and tag filters over people, ordered by name.

use hallway_store::{PeopleQuery, Person, StoreResult};
use sqlx::SqliteConnection;

use crate::error::db;
use crate::rows::{self, PERSON_COLUMNS};

/// People matching every filter in `query`. `text` is a case-insensitive substring of the
/// display name or email (SQLite's `lower` folds ASCII letters only).
pub(crate) async fn search(
    conn: &mut SqliteConnection,
    query: &PeopleQuery,
) -> StoreResult<Vec<Person>> {
    let text = query
        .text
        .as_deref()
        .map(str::trim)
        .filter(|t| !t.is_empty())
        .map(str::to_lowercase);
    let found = sqlx::query(&format!(
        "SELECT {PERSON_COLUMNS} FROM people p \
         WHERE ($1 OR p.active = 1) \
           AND ($2 IS NULL OR instr(lower(p.display_name), $2) > 0 \
                OR instr(lower(p.email), $2) > 0) \
           AND ($3 IS NULL OR EXISTS (SELECT 1 FROM person_teams pt \
                WHERE pt.person_id = p.id AND pt.team_id = $3)) \
           AND ($4 IS NULL OR EXISTS (SELECT 1 FROM person_tags tg \
                WHERE tg.person_id = p.id AND tg.tag = $4)) \
         ORDER BY lower(p.display_name), p.id"
    ))
    .bind(query.include_inactive)
    .bind(text)
    .bind(query.team.map(|t| t.0))
    .bind(query.tag.as_ref().map(|t| t.as_str()))
    .fetch_all(&mut *conn)
    .await
    .map_err(db("person"))?;
    rows::people(conn, found).await
}
