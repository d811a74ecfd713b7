//! Statements with their parameters, run on any [`Conn`]: `query` (rows), `query_scalar`
//! (the first column) and `query_as` (tuples), shaped like sqlx's functions of the same name.

use std::borrow::Cow;
use std::marker::PhantomData;

use crate::{Conn, DbError, Decode, FromRow, Row, Value};

/// A statement and the values bound to its `$n` placeholders, in order.
#[derive(Debug, Clone)]
pub struct Query<'q> {
    pub sql: Cow<'q, str>,
    pub args: Vec<Value<'q>>,
}

/// A statement whose rows are read whole ([`Row`]).
pub fn query<'q>(sql: impl Into<Cow<'q, str>>) -> Query<'q> {
    Query {
        sql: sql.into(),
        args: Vec::new(),
    }
}

/// A statement whose rows are read as their first column, a `T`.
pub fn query_scalar<'q, T: Decode>(sql: impl Into<Cow<'q, str>>) -> Scalar<'q, T> {
    Scalar {
        query: query(sql),
        of: PhantomData,
    }
}

/// A statement whose rows are read as `T` (a tuple).
pub fn query_as<'q, T: FromRow>(sql: impl Into<Cow<'q, str>>) -> Typed<'q, T> {
    Typed {
        query: query(sql),
        of: PhantomData,
    }
}

/// What a statement did.
#[derive(Debug, Clone, Copy)]
pub struct Done {
    rows_affected: u64,
}

impl Done {
    pub fn rows_affected(&self) -> u64 {
        self.rows_affected
    }
}

impl<'q> Query<'q> {
    /// Binds the next placeholder.
    pub fn bind(mut self, value: impl Into<Value<'q>>) -> Self {
        self.args.push(value.into());
        self
    }

    pub async fn execute(self, conn: &mut dyn Conn) -> Result<Done, DbError> {
        let rows_affected = conn.run(self).await?;
        Ok(Done { rows_affected })
    }

    pub async fn fetch_all(self, conn: &mut dyn Conn) -> Result<Vec<Row>, DbError> {
        conn.rows(self).await
    }

    pub async fn fetch_optional(self, conn: &mut dyn Conn) -> Result<Option<Row>, DbError> {
        conn.first_row(self).await
    }

    /// The first row; [`DbError::RowNotFound`] when there is none.
    pub async fn fetch_one(self, conn: &mut dyn Conn) -> Result<Row, DbError> {
        conn.first_row(self).await?.ok_or(DbError::RowNotFound)
    }
}

/// See [`query_scalar`].
pub struct Scalar<'q, T> {
    query: Query<'q>,
    of: PhantomData<fn() -> T>,
}

impl<'q, T: Decode> Scalar<'q, T> {
    pub fn bind(self, value: impl Into<Value<'q>>) -> Self {
        Scalar {
            query: self.query.bind(value),
            of: PhantomData,
        }
    }

    pub async fn fetch_all(self, conn: &mut dyn Conn) -> Result<Vec<T>, DbError> {
        let rows = self.query.fetch_all(conn).await?;
        rows.iter().map(|row| row.get(0)).collect()
    }

    pub async fn fetch_optional(self, conn: &mut dyn Conn) -> Result<Option<T>, DbError> {
        match self.query.fetch_optional(conn).await? {
            Some(row) => Ok(Some(row.get(0)?)),
            None => Ok(None),
        }
    }

    pub async fn fetch_one(self, conn: &mut dyn Conn) -> Result<T, DbError> {
        self.query.fetch_one(conn).await?.get(0)
    }
}

/// See [`query_as`].
pub struct Typed<'q, T> {
    query: Query<'q>,
    of: PhantomData<fn() -> T>,
}

impl<'q, T: FromRow> Typed<'q, T> {
    pub fn bind(self, value: impl Into<Value<'q>>) -> Self {
        Typed {
            query: self.query.bind(value),
            of: PhantomData,
        }
    }

    pub async fn fetch_all(self, conn: &mut dyn Conn) -> Result<Vec<T>, DbError> {
        let rows = self.query.fetch_all(conn).await?;
        rows.iter().map(T::from_row).collect()
    }

    pub async fn fetch_optional(self, conn: &mut dyn Conn) -> Result<Option<T>, DbError> {
        match self.query.fetch_optional(conn).await? {
            Some(row) => Ok(Some(T::from_row(&row)?)),
            None => Ok(None),
        }
    }

    pub async fn fetch_one(self, conn: &mut dyn Conn) -> Result<T, DbError> {
        T::from_row(&self.query.fetch_one(conn).await?)
    }
}

/// A multi-row `INSERT ... VALUES (..), (..)` (or any statement with such a list): pushes
/// the placeholders and binds of each row.
pub struct Values<'q> {
    query: Query<'q>,
    next: usize,
    rows: usize,
}

impl<'q> Values<'q> {
    /// Starts with `head` (ending just before the first row's `(`).
    pub fn new(head: impl Into<Cow<'q, str>>) -> Values<'q> {
        Values {
            query: query(head),
            next: 1,
            rows: 0,
        }
    }

    /// Appends one row `($n, $n+1, ..)` of `values`.
    pub fn row(&mut self, values: Vec<Value<'q>>) {
        let sql = self.query.sql.to_mut();
        if self.rows > 0 {
            sql.push_str(", ");
        }
        sql.push('(');
        for i in 0..values.len() {
            if i > 0 {
                sql.push_str(", ");
            }
            sql.push('$');
            sql.push_str(&(self.next + i).to_string());
        }
        sql.push(')');
        self.next += values.len();
        self.rows += 1;
        self.query.args.extend(values);
    }

    /// Appends SQL after the rows.
    pub fn push(&mut self, sql: &str) {
        self.query.sql.to_mut().push_str(sql);
    }

    pub fn into_query(self) -> Query<'q> {
        self.query
    }
}
