//! The directory search: text, team and tag filters over people, ordered by name.

use hallway_store::{PeopleQuery, Person, StoreResult};
use sqlx::PgConnection;

use crate::error::db;
use crate::rows::{self, PERSON_COLUMNS};

/// People matching every filter in `query`. `text` is a case-insensitive substring of the
/// display name or email.
pub(crate) async fn search(
    conn: &mut PgConnection,
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
         WHERE ($1 OR p.active) \
           AND ($2::text IS NULL OR strpos(lower(p.display_name), $2::text) > 0 \
                OR strpos(lower(p.email), $2::text) > 0) \
           AND ($3::bigint IS NULL OR EXISTS (SELECT 1 FROM person_teams pt \
                WHERE pt.person_id = p.id AND pt.team_id = $3)) \
           AND ($4::text IS NULL OR EXISTS (SELECT 1 FROM person_tags tg \
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
