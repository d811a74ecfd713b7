//! [`Value`]: one bound parameter, in the few types Hallway stores.

use std::borrow::Cow;

/// A statement parameter. `None` binds SQL `NULL` of the variant's type (PostgreSQL needs the
/// type even for a null). Times are bound as unix milliseconds ([`Value::Int`]).
#[derive(Debug, Clone, PartialEq)]
pub enum Value<'q> {
    Int(Option<i64>),
    Real(Option<f64>),
    Bool(Option<bool>),
    Text(Option<Cow<'q, str>>),
    /// A list of ids, tested with [`crate::Dialect::in_list`].
    IntList(Vec<i64>),
    /// A list of texts, tested with [`crate::Dialect::in_list`].
    TextList(Vec<String>),
}

macro_rules! from_copy {
    ($t:ty, $variant:ident) => {
        impl<'q> From<$t> for Value<'q> {
            fn from(v: $t) -> Self {
                Value::$variant(Some(v.into()))
            }
        }
        impl<'q> From<Option<$t>> for Value<'q> {
            fn from(v: Option<$t>) -> Self {
                Value::$variant(v.map(Into::into))
            }
        }
    };
}

from_copy!(i64, Int);
from_copy!(i32, Int);
from_copy!(u32, Int);
from_copy!(f64, Real);
from_copy!(bool, Bool);

macro_rules! from_ref {
    ($t:ty) => {
        impl<'q> From<&$t> for Value<'q> {
            fn from(v: &$t) -> Self {
                (*v).into()
            }
        }
    };
}

from_ref!(i64);
from_ref!(f64);
from_ref!(bool);
from_ref!(Option<i64>);

impl<'q> From<&'q str> for Value<'q> {
    fn from(v: &'q str) -> Self {
        Value::Text(Some(Cow::Borrowed(v)))
    }
}

impl<'q> From<Option<&'q str>> for Value<'q> {
    fn from(v: Option<&'q str>) -> Self {
        Value::Text(v.map(Cow::Borrowed))
    }
}

impl<'q> From<&'q String> for Value<'q> {
    fn from(v: &'q String) -> Self {
        Value::Text(Some(Cow::Borrowed(v.as_str())))
    }
}

impl<'q> From<&'q Option<String>> for Value<'q> {
    fn from(v: &'q Option<String>) -> Self {
        Value::Text(v.as_deref().map(Cow::Borrowed))
    }
}

impl<'q> From<String> for Value<'q> {
    fn from(v: String) -> Self {
        Value::Text(Some(Cow::Owned(v)))
    }
}

impl<'q> From<Option<String>> for Value<'q> {
    fn from(v: Option<String>) -> Self {
        Value::Text(v.map(Cow::Owned))
    }
}

impl<'q> From<Vec<i64>> for Value<'q> {
    fn from(v: Vec<i64>) -> Self {
        Value::IntList(v)
    }
}

impl<'q> From<&[i64]> for Value<'q> {
    fn from(v: &[i64]) -> Self {
        Value::IntList(v.to_vec())
    }
}

impl<'q> From<&Vec<i64>> for Value<'q> {
    fn from(v: &Vec<i64>) -> Self {
        Value::IntList(v.clone())
    }
}

impl<'q> From<Vec<String>> for Value<'q> {
    fn from(v: Vec<String>) -> Self {
        Value::TextList(v)
    }
}
