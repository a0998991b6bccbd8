//! `kanarie export DIR`: the published stories and the published statistics, as JSON and
//! CSV, for researchers. Exactly what the public API shows, nothing more: no answers that
//! are not published, no pending stories, no unsuppressed counts.

use std::io::Write;
use std::path::Path;

use crate::db::{published, DbConnection};
use crate::publishing::Catalog;
use crate::stats::{PublishedStats, StatsConfig};

#[derive(Debug, thiserror::Error)]
pub enum ExportError {
    #[error("cannot write {path}")]
    Write {
        path: String,
        source: std::io::Error,
    },
    #[error("reading the database failed")]
    Database(#[from] diesel::result::Error),
    #[error("serialising failed")]
    Json(#[from] serde_json::Error),
}

/// A CSV field: quoted when it holds a separator, quote or line break, and a leading
/// `=`, `+`, `-` or `@` is escaped so spreadsheets do not run it as a formula.
fn csv_field(value: &str) -> String {
    let value = if value.starts_with(['=', '+', '-', '@']) {
        format!("'{value}")
    } else {
        value.to_owned()
    };
    if value.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", value.replace('"', "\"\""))
    } else {
        value
    }
}

fn write_file(dir: &Path, name: &str, content: &[u8]) -> Result<(), ExportError> {
    let path = dir.join(name);
    let error = |source| ExportError::Write {
        path: path.display().to_string(),
        source,
    };
    let mut file = std::fs::File::create(&path).map_err(error)?;
    file.write_all(content).map_err(error)?;
    file.sync_all().map_err(error)
}

/// Writes `stories.json`, `stories.csv`, `stats.json` and `stats.csv` into `dir`; story
/// URLs start with `public_url`, as in the API.
pub fn export(
    conn: &mut DbConnection,
    stats: &StatsConfig,
    public_url: &str,
    dir: &Path,
) -> Result<(usize, usize), ExportError> {
    std::fs::create_dir_all(dir).map_err(|source| ExportError::Write {
        path: dir.display().to_string(),
        source,
    })?;
    let catalog = Catalog::build(
        published::load_all(conn)?,
        published::themes(conn)?,
        public_url,
    );
    let page = catalog.page(None, None, None, catalog.len());
    let stories: Vec<_> = page.stories.iter().map(|s| (*s).clone()).collect();
    write_file(
        dir,
        "stories.json",
        serde_json::to_string_pretty(&stories)?.as_bytes(),
    )?;
    let mut csv = String::from(
        "id,title,lang,age_band,published,themes,story,what_should_change,child_words\n",
    );
    for s in &stories {
        let themes: Vec<&str> = s.themes.iter().map(|t| t.slug.as_str()).collect();
        let fields = [
            s.id.as_str(),
            s.title.as_str(),
            s.lang.as_str(),
            s.age_band.as_str(),
            s.published.as_str(),
            &themes.join(" "),
            s.story.as_str(),
            s.what_should_change.as_deref().unwrap_or(""),
            s.child_words.as_deref().unwrap_or(""),
        ];
        csv.push_str(
            &fields
                .iter()
                .map(|f| csv_field(f))
                .collect::<Vec<_>>()
                .join(","),
        );
        csv.push('\n');
    }
    write_file(dir, "stories.csv", csv.as_bytes())?;

    let stats: PublishedStats = crate::stats::current(conn, stats, crate::accounts::now())?;
    write_file(
        dir,
        "stats.json",
        serde_json::to_string_pretty(&stats)?.as_bytes(),
    )?;
    // The same file `/api/v1/stats.csv` serves.
    let csv = crate::stats::csv::render(&stats, None);
    let cells = stats.tables.iter().map(|t| t.cells.len()).sum::<usize>();
    write_file(dir, "stats.csv", csv.as_bytes())?;
    Ok((stories.len(), cells))
}

#[cfg(test)]
mod tests {
    use super::csv_field;

    #[test]
    fn csv_fields_are_quoted_and_formulas_defused() {
        assert_eq!(csv_field("plain"), "plain");
        assert_eq!(csv_field("a,b"), "\"a,b\"");
        assert_eq!(csv_field("zei \"nee\""), "\"zei \"\"nee\"\"\"");
        assert_eq!(csv_field("=HYPERLINK(1)"), "'=HYPERLINK(1)");
        assert_eq!(csv_field("regel\nregel"), "\"regel\nregel\"");
    }
}
