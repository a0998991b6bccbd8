//! `src/db/schema.rs` matches what the migrations create: the same tables, the same
//! columns, the same nullability, on both backends. A column added to a migration but not
//! to the schema (or the other way round) fails here rather than at the first query.

use std::collections::BTreeMap;
use std::path::Path;

use diesel::sql_types::{Integer, Text};
use diesel::{QueryableByName, RunQueryDsl};
use kanarie::db::DbConnection;

use crate::helpers::TestApp;

/// Table -> column -> nullable, as `diesel::table!` blocks in schema.rs declare them.
type Tables = BTreeMap<String, BTreeMap<String, bool>>;

fn declared() -> Tables {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("src/db/schema.rs");
    let text = std::fs::read_to_string(path).unwrap();
    let mut tables = Tables::new();
    let mut current: Option<String> = None;
    for line in text.lines().map(str::trim) {
        if let Some(rest) = line.strip_suffix('{') {
            let name = rest.split_whitespace().next().unwrap_or("");
            if !name.is_empty() && rest.contains('(') {
                current = Some(name.to_owned());
                tables.entry(name.to_owned()).or_default();
            }
        } else if line == "}" {
            current = None;
        } else if let (Some(table), Some((column, kind))) = (&current, line.split_once("->")) {
            let nullable = kind.trim().starts_with("Nullable<");
            tables
                .get_mut(table)
                .unwrap()
                .insert(column.trim().to_owned(), nullable);
        }
    }
    tables
}

#[derive(QueryableByName)]
struct Column {
    #[diesel(sql_type = Text)]
    table_name: String,
    #[diesel(sql_type = Text)]
    column_name: String,
    #[diesel(sql_type = Integer)]
    nullable: i32,
}

fn migrated(conn: &mut DbConnection) -> Tables {
    let columns: Vec<Column> = match conn {
        DbConnection::Sqlite(_) => diesel::sql_query(
            "SELECT m.name AS table_name, p.name AS column_name, \
             CASE WHEN p.\"notnull\" = 0 AND p.pk = 0 THEN 1 ELSE 0 END AS nullable \
             FROM sqlite_master m, pragma_table_info(m.name) p \
             WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite_%' \
             AND m.name <> '__diesel_schema_migrations'",
        )
        .load(conn)
        .unwrap(),
        DbConnection::Postgresql(_) => diesel::sql_query(
            "SELECT CAST(table_name AS TEXT) AS table_name, \
             CAST(column_name AS TEXT) AS column_name, \
             CASE WHEN is_nullable = 'YES' THEN 1 ELSE 0 END AS nullable \
             FROM information_schema.columns \
             WHERE table_schema = 'public' AND table_name <> '__diesel_schema_migrations'",
        )
        .load(conn)
        .unwrap(),
    };
    let mut tables = Tables::new();
    for column in columns {
        tables
            .entry(column.table_name)
            .or_default()
            .insert(column.column_name, column.nullable == 1);
    }
    tables
}

backend_test! {
    async fn the_schema_declares_exactly_what_the_migrations_create(backend: Backend) {
        let app = TestApp::spawn(backend).await;
        let migrated = app.with_db(migrated).await;
        assert_eq!(declared(), migrated);
    }
}
