//! The published tables as CSV (RFC 4180, UTF-8, CRLF), for spreadsheets, as
//! `/api/v1/stats.csv` serves them and `kanarie export` writes them: exactly the
//! cells of the published document, suppressed and rounded, and per table the number of
//! stories it rests on. Nothing here is computed: it only writes `PublishedStats` out.

use super::{PublishedStats, PublishedTable};

/// The header row. `row` is `answer` for a cell and `stories` for the number of stories
/// the table rests on; a suppressed value has an empty `count` and `suppressed` `true`.
pub const HEADER: &str = "question,row,option,label_nl,label_en,count,suppressed";

/// The media type served.
pub const CONTENT_TYPE: &str = "text/csv; charset=utf-8; header=present";

/// One field, quoted when it holds a comma, a quote, a line break or edge spaces; a
/// leading `=`, `+`, `-` or `@` is escaped so spreadsheets do not run it as a formula
/// (the labels are kanarie's own, but a translation should not be able to do it either).
pub fn field(text: &str) -> String {
    let text = if text.starts_with(['=', '+', '-', '@']) {
        format!("'{text}")
    } else {
        text.to_owned()
    };
    let plain = !text.contains([',', '"', '\n', '\r']) && text.trim() == text;
    if plain {
        text
    } else {
        format!("\"{}\"", text.replace('"', "\"\""))
    }
}

fn line(out: &mut String, fields: [&str; 7]) {
    let fields: Vec<String> = fields.iter().map(|f| field(f)).collect();
    out.push_str(&fields.join(","));
    out.push_str("\r\n");
}

fn count_text(count: Option<u64>) -> String {
    count.map(|c| c.to_string()).unwrap_or_default()
}

fn suppressed_text(count: Option<u64>) -> &'static str {
    if count.is_none() {
        "true"
    } else {
        "false"
    }
}

fn table_rows(out: &mut String, table: &PublishedTable) {
    for cell in &table.cells {
        line(
            out,
            [
                &table.question,
                "answer",
                &cell.option,
                &cell.label_nl,
                &cell.label_en,
                &count_text(cell.count),
                suppressed_text(cell.count),
            ],
        );
    }
    line(
        out,
        [
            &table.question,
            "stories",
            "",
            &rust_i18n::t!("stats.csv_stories", locale = "nl"),
            &rust_i18n::t!("stats.csv_stories", locale = "en"),
            &count_text(table.rests_on),
            suppressed_text(table.rests_on),
        ],
    );
}

/// Every table (`only` is `None`) or one.
pub fn render(stats: &PublishedStats, only: Option<&str>) -> String {
    let mut out = String::with_capacity(4096);
    out.push_str(HEADER);
    out.push_str("\r\n");
    for table in &stats.tables {
        if only.is_none_or(|id| id == table.question) {
            table_rows(&mut out, table);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::field;

    #[test]
    fn fields_are_quoted_only_when_they_must_be() {
        assert_eq!(field("Pesten"), "Pesten");
        assert_eq!(field(""), "");
        assert_eq!(field("Ja, soms"), "\"Ja, soms\"");
        assert_eq!(field("\"niet welkom\""), "\"\"\"niet welkom\"\"\"");
        assert_eq!(field("twee\nregels"), "\"twee\nregels\"");
        assert_eq!(field(" rand"), "\" rand\"");
        assert_eq!(field("=SOM(1)"), "'=SOM(1)");
    }
}
