//! Attempts counted per key in the database, so every instance on one database shares the
//! count and a reservation is atomic: the row is locked (PostgreSQL) or the database is
//! (SQLite) from the increment to the commit, so a burst cannot all read the same count.
//!
//! A count lives as long as its window after its last attempt; an attempt after that
//! starts again at one.

use diesel::prelude::*;
use diesel::sql_types::{BigInt, Text};

use super::schema::attempt_counts;
use super::DbConnection;

#[derive(QueryableByName)]
struct Count {
    #[diesel(sql_type = BigInt)]
    count: i64,
}

/// Adds one attempt to `key` and returns the new count. `ON CONFLICT DO UPDATE` is not
/// available through the multi-backend connection, so each backend gets its own text.
macro_rules! bump {
    ($conn:expr, $sql:expr, $key:expr, $now:expr, $cutoff:expr) => {
        diesel::sql_query($sql)
            .bind::<Text, _>($key)
            .bind::<BigInt, _>($now)
            .bind::<BigInt, _>($cutoff)
            .get_result::<Count>($conn)
            .map(|row| row.count)
    };
}

const UPSERT_SQLITE: &str = "INSERT INTO attempt_counts (key, count, last_at) VALUES (?1, 1, ?2) \
     ON CONFLICT (key) DO UPDATE SET \
     count = CASE WHEN attempt_counts.last_at <= ?3 THEN 1 ELSE attempt_counts.count + 1 END, \
     last_at = excluded.last_at RETURNING count";
const UPSERT_POSTGRES: &str =
    "INSERT INTO attempt_counts (key, count, last_at) VALUES ($1, 1, $2) \
     ON CONFLICT (key) DO UPDATE SET \
     count = CASE WHEN attempt_counts.last_at <= $3 THEN 1 ELSE attempt_counts.count + 1 END, \
     last_at = excluded.last_at RETURNING count";

/// Reserves one attempt under every key, all or none: when any key would pass `limit`
/// nothing is counted and `None` is returned. Otherwise the highest new count.
pub fn reserve(
    conn: &mut DbConnection,
    keys: &[String],
    limit: i64,
    window_seconds: i64,
    now: i64,
) -> QueryResult<Option<i64>> {
    let cutoff = now - window_seconds;
    // Over the limit rolls the transaction back, so a refused attempt neither counts nor
    // extends the window.
    let outcome = match conn {
        DbConnection::Sqlite(conn) => conn.immediate_transaction(|conn| {
            let mut highest = 0;
            for key in keys {
                highest = highest.max(bump!(conn, UPSERT_SQLITE, key, now, cutoff)?);
            }
            over_limit(highest, limit)
        }),
        DbConnection::Postgresql(conn) => conn.transaction(|conn| {
            let mut highest = 0;
            // Keys are locked in the order given (account before address), the same for
            // every request, so two reservations cannot deadlock.
            for key in keys {
                highest = highest.max(bump!(conn, UPSERT_POSTGRES, key, now, cutoff)?);
            }
            over_limit(highest, limit)
        }),
    };
    match outcome {
        Ok(count) => Ok(Some(count)),
        Err(diesel::result::Error::RollbackTransaction) => Ok(None),
        Err(error) => Err(error),
    }
}

fn over_limit(count: i64, limit: i64) -> QueryResult<i64> {
    if count > limit {
        Err(diesel::result::Error::RollbackTransaction)
    } else {
        Ok(count)
    }
}

/// Gives one reserved attempt back (it turned out not to be a failure).
pub fn give_back(conn: &mut DbConnection, key: &str) -> QueryResult<()> {
    diesel::update(
        attempt_counts::table
            .filter(attempt_counts::key.eq(key))
            .filter(attempt_counts::count.gt(0)),
    )
    .set(attempt_counts::count.eq(attempt_counts::count - 1))
    .execute(conn)
    .map(drop)
}

/// Forgets a key's attempts.
pub fn clear(conn: &mut DbConnection, key: &str) -> QueryResult<()> {
    diesel::delete(attempt_counts::table.filter(attempt_counts::key.eq(key)))
        .execute(conn)
        .map(drop)
}

/// Removes counts whose last attempt is older than `before`.
pub fn delete_older_than(conn: &mut DbConnection, before: i64) -> QueryResult<usize> {
    diesel::delete(attempt_counts::table.filter(attempt_counts::last_at.lt(before))).execute(conn)
}
