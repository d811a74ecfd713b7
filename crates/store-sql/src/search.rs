//! The directory search: text, team and tag filters over people, ordered by name.

use crate::{query, Conn};
use hallway_store::Missing;
use hallway_store::{PeopleQuery, Person, StoreResult};

use crate::error::db;
use crate::rows::{self, PERSON_COLUMNS};

/// People matching every filter in `query`. `text` is a case-insensitive substring of the
/// display name or email (SQLite's `lower` folds ASCII letters only).
pub async fn search(conn: &mut dyn Conn, filters: &PeopleQuery) -> StoreResult<Vec<Person>> {
    let text = filters
        .text
        .as_deref()
        .map(str::trim)
        .filter(|t| !t.is_empty())
        .map(str::to_lowercase);
    let dialect = conn.dialect();
    let in_name = dialect.position("$2", "lower(p.display_name)");
    let in_email = dialect.position("$2", "lower(p.email)");
    let found = query(format!(
        "SELECT {PERSON_COLUMNS} FROM people p \
         WHERE ($1 OR p.active) \
           AND (CAST($2 AS TEXT) IS NULL OR {in_name} > 0 OR {in_email} > 0) \
           AND (CAST($3 AS BIGINT) IS NULL OR EXISTS (SELECT 1 FROM person_teams pt \
                WHERE pt.person_id = p.id AND pt.team_id = $3)) \
           AND (CAST($4 AS TEXT) IS NULL OR EXISTS (SELECT 1 FROM person_tags tg \
                WHERE tg.person_id = p.id AND tg.tag = $4)) \
         ORDER BY lower(p.display_name), p.id"
    ))
    .bind(filters.include_inactive)
    .bind(text)
    .bind(filters.team.map(|t| t.0))
    .bind(filters.tag.as_ref().map(|t| t.as_str()))
    .fetch_all(&mut *conn)
    .await
    .map_err(db(Missing::Person))?;
    rows::people(conn, found).await
}
