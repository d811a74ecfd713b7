//! Failed sign-ins per key, counted in a time window and shared by every node.

use crate::{query, query_scalar, Conn};
use chrono::{DateTime, Utc};
use hallway_store::convert::{to_count, to_millis};
use hallway_store::Missing;
use hallway_store::StoreResult;

use crate::error::db;

pub async fn record(conn: &mut dyn Conn, key: &str, at: DateTime<Utc>) -> StoreResult<()> {
    query("INSERT INTO sign_in_failures (key, at) VALUES ($1, $2)")
        .bind(key)
        .bind(to_millis(at))
        .execute(&mut *conn)
        .await
        .map_err(db(Missing::SignInFailure))?;
    Ok(())
}

/// Failures for `key` at or after `since`.
pub async fn count(conn: &mut dyn Conn, key: &str, since: DateTime<Utc>) -> StoreResult<u64> {
    let n: i64 = query_scalar("SELECT COUNT(*) FROM sign_in_failures WHERE key = $1 AND at >= $2")
        .bind(key)
        .bind(to_millis(since))
        .fetch_one(&mut *conn)
        .await
        .map_err(db(Missing::SignInFailure))?;
    to_count(n)
}

pub async fn clear(conn: &mut dyn Conn, key: &str) -> StoreResult<()> {
    query("DELETE FROM sign_in_failures WHERE key = $1")
        .bind(key)
        .execute(&mut *conn)
        .await
        .map_err(db(Missing::SignInFailure))?;
    Ok(())
}
