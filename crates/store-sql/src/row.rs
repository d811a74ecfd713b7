//! [`Row`]: one result row, read column by column into the few types Hallway stores.

use crate::DbError;

/// A column by name or by position (0-based).
#[derive(Debug, Clone, Copy)]
pub enum Col<'a> {
    Name(&'a str),
    Index(usize),
}

impl<'a> From<&'a str> for Col<'a> {
    fn from(name: &'a str) -> Self {
        Col::Name(name)
    }
}

impl From<usize> for Col<'_> {
    fn from(index: usize) -> Self {
        Col::Index(index)
    }
}

impl std::fmt::Display for Col<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Col::Name(name) => write!(f, "column {name:?}"),
            Col::Index(i) => write!(f, "column {i}"),
        }
    }
}

/// What a backend's row can be read as; each backend decodes with its own driver.
pub trait RowRead: Send + Sync {
    fn int(&self, col: Col<'_>) -> Result<Option<i64>, DbError>;
    fn real(&self, col: Col<'_>) -> Result<Option<f64>, DbError>;
    fn boolean(&self, col: Col<'_>) -> Result<Option<bool>, DbError>;
    fn text(&self, col: Col<'_>) -> Result<Option<String>, DbError>;
}

/// One result row.
pub struct Row(Box<dyn RowRead>);

impl Row {
    pub fn new(read: impl RowRead + 'static) -> Row {
        Row(Box::new(read))
    }

    /// The column as `T`; a `NULL` read as a non-`Option` type is a decode error.
    pub fn get<'c, T: Decode>(&self, col: impl Into<Col<'c>>) -> Result<T, DbError> {
        T::decode(&*self.0, col.into())
    }

    /// Same as [`Row::get`] (kept so ported code reads like sqlx's `try_get`).
    pub fn try_get<'c, T: Decode>(&self, col: impl Into<Col<'c>>) -> Result<T, DbError> {
        self.get(col)
    }
}

/// A type a column can be read as.
pub trait Decode: Sized {
    fn decode(row: &dyn RowRead, col: Col<'_>) -> Result<Self, DbError>;
}

fn required<T>(value: Option<T>, col: Col<'_>) -> Result<T, DbError> {
    value.ok_or_else(|| DbError::Decode(format!("{col} is NULL")))
}

macro_rules! decode {
    ($t:ty, $read:ident) => {
        impl Decode for $t {
            fn decode(row: &dyn RowRead, col: Col<'_>) -> Result<Self, DbError> {
                required(row.$read(col)?, col)
            }
        }
        impl Decode for Option<$t> {
            fn decode(row: &dyn RowRead, col: Col<'_>) -> Result<Self, DbError> {
                row.$read(col)
            }
        }
    };
}

decode!(i64, int);
decode!(f64, real);
decode!(bool, boolean);
decode!(String, text);

/// A type a whole row can be read as: tuples of [`Decode`] types, by position.
pub trait FromRow: Sized {
    fn from_row(row: &Row) -> Result<Self, DbError>;
}

macro_rules! tuple {
    ($($t:ident $i:tt),+) => {
        impl<$($t: Decode),+> FromRow for ($($t,)+) {
            fn from_row(row: &Row) -> Result<Self, DbError> {
                Ok(($(<$t as Decode>::decode(&*row.0, Col::Index($i))?,)+))
            }
        }
    };
}

tuple!(A 0);
tuple!(A 0, B 1);
tuple!(A 0, B 1, C 2);
tuple!(A 0, B 1, C 2, D 3);
tuple!(A 0, B 1, C 2, D 3, E 4);
tuple!(A 0, B 1, C 2, D 3, E 4, F 5);
tuple!(A 0, B 1, C 2, D 3, E 4, F 5, G 6);
tuple!(A 0, B 1, C 2, D 3, E 4, F 5, G 6, H 7);
tuple!(A 0, B 1, C 2, D 3, E 4, F 5, G 6, H 7, I 8);
tuple!(A 0, B 1, C 2, D 3, E 4, F 5, G 6, H 7, I 8, J 9);
tuple!(A 0, B 1, C 2, D 3, E 4, F 5, G 6, H 7, I 8, J 9, K 10);
tuple!(A 0, B 1, C 2, D 3, E 4, F 5, G 6, H 7, I 8, J 9, K 10, L 11);
tuple!(A 0, B 1, C 2, D 3, E 4, F 5, G 6, H 7, I 8, J 9, K 10, L 11, M 12);
tuple!(A 0, B 1, C 2, D 3, E 4, F 5, G 6, H 7, I 8, J 9, K 10, L 11, M 12, N 13);
tuple!(A 0, B 1, C 2, D 3, E 4, F 5, G 6, H 7, I 8, J 9, K 10, L 11, M 12, N 13, O 14);
tuple!(A 0, B 1, C 2, D 3, E 4, F 5, G 6, H 7, I 8, J 9, K 10, L 11, M 12, N 13, O 14, P 15);
