//! PostgreSQL's side of [`hallway_store_sql::Conn`]: binding Hallway's values with sqlx, reading
//! rows back, and the PostgreSQL dialect.

use std::ops::DerefMut;

use async_trait::async_trait;
use hallway_store_sql::{
    Col, Conn, DbError, Dialect, IdReservation, Query, Row, RowRead, TableLock, Value,
};
use sqlx::postgres::{PgArguments, PgRow};
use sqlx::{PgConnection, Postgres, Row as _};

/// A PostgreSQL connection (in the store's use, a transaction) as a [`Conn`].
pub(crate) struct PgConn<C>(pub(crate) C);

fn bound<'a>(query: &'a Query<'_>) -> sqlx::query::Query<'a, Postgres, PgArguments> {
    let mut out = sqlx::query(&query.sql);
    for value in &query.args {
        out = match value {
            Value::Int(v) => out.bind(*v),
            Value::Real(v) => out.bind(*v),
            Value::Bool(v) => out.bind(*v),
            Value::Text(v) => out.bind(v.as_deref()),
            Value::IntList(v) => out.bind(v.as_slice()),
            Value::TextList(v) => out.bind(v.as_slice()),
        };
    }
    out
}

pub(crate) fn db_error(error: sqlx::Error) -> DbError {
    match error {
        sqlx::Error::RowNotFound => DbError::RowNotFound,
        sqlx::Error::ColumnDecode { .. } | sqlx::Error::Decode(_) => {
            DbError::Decode(error.to_string())
        }
        sqlx::Error::Database(ref e) if e.is_unique_violation() => {
            DbError::UniqueViolation(Box::new(error))
        }
        sqlx::Error::Database(ref e) if e.is_foreign_key_violation() => {
            DbError::ForeignKeyViolation(Box::new(error))
        }
        other => DbError::Other(Box::new(other)),
    }
}

struct Read(PgRow);

impl Read {
    fn get<T>(&self, col: Col<'_>) -> Result<Option<T>, DbError>
    where
        T: for<'r> sqlx::Decode<'r, Postgres> + sqlx::Type<Postgres>,
    {
        match col {
            Col::Name(name) => self.0.try_get(name),
            Col::Index(i) => self.0.try_get(i),
        }
        .map_err(db_error)
    }
}

impl RowRead for Read {
    fn int(&self, col: Col<'_>) -> Result<Option<i64>, DbError> {
        self.get(col)
    }
    fn real(&self, col: Col<'_>) -> Result<Option<f64>, DbError> {
        self.get(col)
    }
    fn boolean(&self, col: Col<'_>) -> Result<Option<bool>, DbError> {
        self.get(col)
    }
    fn text(&self, col: Col<'_>) -> Result<Option<String>, DbError> {
        self.get(col)
    }
}

#[async_trait]
impl<C> Conn for PgConn<C>
where
    C: DerefMut<Target = PgConnection> + Send,
{
    fn dialect(&self) -> &'static dyn Dialect {
        &PgDialect
    }

    async fn run(&mut self, query: Query<'_>) -> Result<u64, DbError> {
        let done = bound(&query)
            .execute(&mut *self.0)
            .await
            .map_err(db_error)?;
        Ok(done.rows_affected())
    }

    async fn rows(&mut self, query: Query<'_>) -> Result<Vec<Row>, DbError> {
        let rows = bound(&query)
            .fetch_all(&mut *self.0)
            .await
            .map_err(db_error)?;
        Ok(rows.into_iter().map(|r| Row::new(Read(r))).collect())
    }

    async fn first_row(&mut self, query: Query<'_>) -> Result<Option<Row>, DbError> {
        let row = bound(&query)
            .fetch_optional(&mut *self.0)
            .await
            .map_err(db_error)?;
        Ok(row.map(|r| Row::new(Read(r))))
    }
}

/// PostgreSQL: many connections write at once, so the races that matter are settled with
/// row and table locks.
pub(crate) struct PgDialect;

impl Dialect for PgDialect {
    fn name(&self) -> &'static str {
        "postgres"
    }

    fn in_list(&self, expr: &str, param: usize) -> String {
        format!("{expr} = ANY(${param})")
    }

    fn lock_rows_for_key_share(&self) -> &'static str {
        "FOR NO KEY UPDATE"
    }

    fn lock_rows(&self) -> &'static str {
        "FOR UPDATE"
    }

    fn lock_table(&self, table: &str, mode: TableLock) -> Option<String> {
        let mode = match mode {
            TableLock::Exclusive => "EXCLUSIVE",
            TableLock::ShareRowExclusive => "SHARE ROW EXCLUSIVE",
        };
        Some(format!("LOCK TABLE {table} IN {mode} MODE"))
    }

    fn position(&self, needle: &str, haystack: &str) -> String {
        format!("strpos({haystack}, {needle})")
    }

    /// One primary-key probe per id: during a bulk import the planner's statistics lag far
    /// behind the table, and both `source_id = ANY($2)` and a plain LATERAL join (which the
    /// planner flattens) were planned as a scan of every message mapping of the source — once
    /// per chunk, so quadratic overall. `OFFSET 0` keeps the LATERAL subquery a per-id probe.
    fn imported_messages(&self) -> &'static str {
        "SELECT w.source_id, found.id FROM unnest($2::TEXT[]) AS w (source_id) \
         CROSS JOIN LATERAL (SELECT m.id FROM import_map i JOIN messages m ON m.id = i.hallway_id \
         WHERE i.source = $1 AND i.kind = 'message' AND i.source_id = w.source_id \
         AND ($3::BIGINT IS NULL OR m.room_id = $3) OFFSET 0) AS found"
    }

    /// From the table's identity sequence.
    fn reserve_message_ids(&self) -> IdReservation {
        IdReservation::Sequence(
            "SELECT nextval(pg_get_serial_sequence('messages', 'id')) FROM generate_series(1, $1)",
        )
    }

    /// An import grows its tables from empty: a plan cached while they were small (PostgreSQL
    /// switches prepared statements to a generic plan after five runs) would stay for the
    /// whole import, so every statement is planned with the statistics of the moment.
    fn import_settings(&self) -> Option<&'static str> {
        Some("SET LOCAL plan_cache_mode = force_custom_plan")
    }
}
