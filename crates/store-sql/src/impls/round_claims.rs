//! The [`RoundClaimStore`] implementation: one claim row per (circle, cycle), taken or
//! finished in one transaction.

use async_trait::async_trait;
use chrono::{DateTime, NaiveDate, Utc};
use hallway_domain::CircleId;
use hallway_store::convert::{date_text, to_millis};
use hallway_store::Missing;
use hallway_store::{RoundClaim, RoundClaimStore, StoreError, StoreResult};

use crate::backend::SqlStore;
use crate::{query, query_scalar};

/// Inserts the claim, or takes over an unfinished one older than `stale_before`; a row comes
/// back only when this node got it.
const TAKE_CLAIM: &str = "INSERT INTO round_claims (circle_id, cycle_start, node, claimed_at) \
     VALUES ($1, $2, $3, $4) \
     ON CONFLICT (circle_id, cycle_start) DO UPDATE \
     SET node = excluded.node, claimed_at = excluded.claimed_at \
     WHERE round_claims.finished_at IS NULL AND round_claims.claimed_at < $5 \
     RETURNING node";

#[async_trait]
impl RoundClaimStore for SqlStore {
    async fn claim_round(&self, claim: &RoundClaim) -> StoreResult<bool> {
        let mut tx = self.write().await?;
        let circle: Option<i64> = query_scalar("SELECT id FROM circles WHERE id = $1")
            .bind(claim.circle.0)
            .fetch_optional(tx.conn())
            .await
            .map_err(StoreError::unavailable)?;
        if circle.is_none() {
            return Err(StoreError::NotFound(Missing::Circle));
        }
        let won: Option<String> = query_scalar(TAKE_CLAIM)
            .bind(claim.circle.0)
            .bind(date_text(claim.cycle_start))
            .bind(&claim.node)
            .bind(to_millis(claim.at))
            .bind(to_millis(claim.stale_before))
            .fetch_optional(tx.conn())
            .await
            .map_err(StoreError::unavailable)?;
        tx.commit().await.map_err(StoreError::unavailable)?;
        Ok(won.is_some())
    }

    async fn finish_round_claim(
        &self,
        circle: CircleId,
        cycle_start: NaiveDate,
        node: &str,
        at: DateTime<Utc>,
    ) -> StoreResult<()> {
        let mut tx = self.write().await?;
        let done = query(
            "UPDATE round_claims SET finished_at = $4 \
             WHERE circle_id = $1 AND cycle_start = $2 AND node = $3",
        )
        .bind(circle.0)
        .bind(date_text(cycle_start))
        .bind(node)
        .bind(to_millis(at))
        .execute(tx.conn())
        .await
        .map_err(StoreError::unavailable)?;
        if done.rows_affected() == 0 {
            return Err(StoreError::NotFound(Missing::RoundClaim));
        }
        tx.commit().await.map_err(StoreError::unavailable)
    }
}
