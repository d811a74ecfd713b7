//! SQLite's side of [`hallway_store_sql::Conn`]: binding Hallway's values with sqlx, reading
//! rows back, and the SQLite dialect.

use std::ops::DerefMut;

use async_trait::async_trait;
use hallway_store_sql::{
    Col, Conn, DbError, Dialect, IdReservation, Query, Row, RowRead, TableLock, Value,
};
use sqlx::sqlite::{SqliteArguments, SqliteRow};
use sqlx::{Row as _, Sqlite, SqliteConnection};

/// A SQLite connection (in the store's use, a transaction) as a [`Conn`].
pub(crate) struct SqliteConn<C>(pub(crate) C);

/// Lists travel as JSON text and are unpacked with `json_each` ([`SqliteDialect::in_list`]).
fn list_json(values: serde_json::Value) -> String {
    values.to_string()
}

fn bound<'a>(query: &'a Query<'_>) -> sqlx::query::Query<'a, Sqlite, SqliteArguments<'a>> {
    let mut out = sqlx::query(&query.sql);
    for value in &query.args {
        out = match value {
            Value::Int(v) => out.bind(*v),
            Value::Real(v) => out.bind(*v),
            Value::Bool(v) => out.bind(*v),
            Value::Text(v) => out.bind(v.as_deref()),
            Value::IntList(v) => out.bind(list_json(v.clone().into())),
            Value::TextList(v) => out.bind(list_json(v.clone().into())),
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

struct Read(SqliteRow);

impl Read {
    fn get<T>(&self, col: Col<'_>) -> Result<Option<T>, DbError>
    where
        T: for<'r> sqlx::Decode<'r, Sqlite> + sqlx::Type<Sqlite>,
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
impl<C> Conn for SqliteConn<C>
where
    C: DerefMut<Target = SqliteConnection> + Send,
{
    fn dialect(&self) -> &'static dyn Dialect {
        &SqliteDialect
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

/// SQLite: write transactions start with `BEGIN IMMEDIATE` and go through one writer
/// connection, so a write transaction already is the only writer of the whole database and
/// every lock is a no-op.
pub(crate) struct SqliteDialect;

impl Dialect for SqliteDialect {
    fn name(&self) -> &'static str {
        "sqlite"
    }

    fn in_list(&self, expr: &str, param: usize) -> String {
        format!("{expr} IN (SELECT value FROM json_each(${param}))")
    }

    fn lock_rows_for_key_share(&self) -> &'static str {
        ""
    }

    fn lock_rows(&self) -> &'static str {
        ""
    }

    fn lock_table(&self, _table: &str, _mode: TableLock) -> Option<String> {
        None
    }

    /// `instr` (SQLite's `lower` folds ASCII letters only).
    fn position(&self, needle: &str, haystack: &str) -> String {
        format!("instr({haystack}, {needle})")
    }

    fn imported_messages(&self) -> &'static str {
        "SELECT i.source_id, m.id FROM import_map i JOIN messages m ON m.id = i.hallway_id \
         WHERE i.source = $1 AND i.kind = 'message' \
         AND i.source_id IN (SELECT value FROM json_each($2)) AND ($3 IS NULL OR m.room_id = $3)"
    }

    /// Above every id ever used (`AUTOINCREMENT` never reuses one).
    fn reserve_message_ids(&self) -> IdReservation {
        IdReservation::AboveLargest(
            "SELECT MAX(COALESCE((SELECT seq FROM sqlite_sequence WHERE name = 'messages'), 0), \
             COALESCE((SELECT MAX(id) FROM messages), 0))",
        )
    }

    fn import_settings(&self) -> Option<&'static str> {
        None
    }
}
