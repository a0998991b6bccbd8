//! How anonymised text crosses into and out of the database.
//!
//! This module lives inside `anonymiser` on purpose: it is the only code outside the
//! anonymiser's own that can see `AnonymisedText`'s private field. Writing needs an
//! `AnonymisedText` (so raw text can never be bound to a query), and reading gives one
//! back (what is stored was anonymised before it was written).

use diesel::backend::Backend;
use diesel::deserialize::{self, FromSql};
use diesel::serialize::{self, Output, ToSql};
use diesel::sql_types::Text;

use super::AnonymisedText;

impl<DB> ToSql<Text, DB> for AnonymisedText
where
    DB: Backend,
    str: ToSql<Text, DB>,
{
    fn to_sql<'b>(&'b self, out: &mut Output<'b, '_, DB>) -> serialize::Result {
        self.0.as_str().to_sql(out)
    }
}

impl<DB> FromSql<Text, DB> for AnonymisedText
where
    DB: Backend,
    String: FromSql<Text, DB>,
{
    fn from_sql(bytes: DB::RawValue<'_>) -> deserialize::Result<Self> {
        String::from_sql(bytes).map(AnonymisedText)
    }
}
