use actix_web::web;
use askama::Template;
use askama_web::WebTemplate;

use crate::error::AppError;
use crate::lang::Lang;
use crate::state::AppState;
use crate::stats::{PublishedStats, PublishedTable};
use crate::web::pages::PageChrome;
use crate::web::path::LangPath;

/// Where the page lives in each language.
pub fn stats_path(lang: Lang) -> &'static str {
    match lang {
        Lang::Nl => "/nl/cijfers",
        Lang::En => "/en/numbers",
    }
}

/// Chart geometry, in SVG user units. The SVG scales to the column width; a narrow
/// viewBox keeps its 16-unit text near 14px on a phone.
const CHART_WIDTH: u32 = 440;
const BAR_MAX: u32 = 340;
const ROW_HEIGHT: u32 = 52;
const BAR_HEIGHT: u32 = 18;
const PADDING: u32 = 8;

#[derive(Template, WebTemplate)]
#[template(path = "stats.html")]
pub struct StatsPage {
    page: PageChrome,
    /// The headline: every counted story, rounded, or "fewer than N".
    headline_number: String,
    rules: String,
    batch: String,
    charts: Vec<ChartView>,
    chart_text: ChartText,
}

/// The words around every chart's table, in one language.
pub struct ChartText {
    pub answer: String,
    pub count: String,
    pub stories: String,
}

impl ChartText {
    pub fn new(lang: Lang) -> ChartText {
        ChartText {
            answer: t("stats.answer", lang),
            count: t("stats.count", lang),
            stories: t("stats.csv_stories", lang),
        }
    }
}

/// One table, ready to draw and to list.
pub struct ChartView {
    /// The question's id (the table's name in the API, the CSV and the embed's path).
    pub question: String,
    pub id: String,
    pub label: String,
    pub note: String,
    /// The accessible name of the chart.
    pub title: String,
    pub width: u32,
    pub height: u32,
    pub rows: Vec<RowView>,
    pub total_text: String,
    /// "Based on N stories", N rounded or "fewer than" the threshold.
    pub rests_on_text: String,
    /// The number of stories as the table's last row shows it.
    pub rests_on_value: String,
    pub too_few: bool,
    /// The iframe snippet to copy (filled in by the page, which knows the public address).
    pub embed_snippet: String,
}

pub struct RowView {
    pub label: String,
    pub value_text: String,
    pub suppressed: bool,
    pub label_y: u32,
    pub bar_y: u32,
    pub bar_width: u32,
    pub value_x: u32,
    pub value_y: u32,
}

fn t(key: &str, lang: Lang) -> String {
    rust_i18n::t!(key, locale = lang.code()).into_owned()
}

/// The charts for a published batch in one language.
pub fn chart_views(stats: &PublishedStats, lang: Lang) -> Vec<ChartView> {
    let fewer = rust_i18n::t!(
        "stats.fewer_than",
        locale = lang.code(),
        n = stats.threshold
    )
    .into_owned();
    stats
        .tables
        .iter()
        .map(|table| chart_view(table, lang, &fewer))
        .collect()
}

/// A count as pages show it: the rounded number, or "fewer than N" when suppressed.
pub fn count_text(count: Option<u64>, fewer: &str) -> String {
    count.map_or_else(|| fewer.to_owned(), |c| c.to_string())
}

fn chart_view(table: &PublishedTable, lang: Lang, fewer: &str) -> ChartView {
    let max = table
        .cells
        .iter()
        .filter_map(|c| c.count)
        .max()
        .unwrap_or(0)
        .max(1);
    let rows: Vec<RowView> = table
        .cells
        .iter()
        .enumerate()
        .map(|(i, cell)| {
            let top = PADDING + ROW_HEIGHT * u32::try_from(i).unwrap_or(0);
            let bar_width = cell
                .count
                .map(|c| {
                    let scaled = c.saturating_mul(u64::from(BAR_MAX)) / max;
                    u32::try_from(scaled).unwrap_or(BAR_MAX).max(2)
                })
                .unwrap_or(0);
            ChartView::row(
                cell.label(lang).to_owned(),
                cell.count
                    .map_or_else(|| fewer.to_owned(), |c| c.to_string()),
                cell.count.is_none(),
                top,
                bar_width,
            )
        })
        .collect();
    let height = PADDING * 2 + ROW_HEIGHT * u32::try_from(rows.len()).unwrap_or(0);
    let label = table.label(lang).to_owned();
    let rests_on_value = count_text(table.rests_on, fewer);
    ChartView {
        question: table.question.clone(),
        id: format!("stats-{}", table.question),
        title: format!("{label}. {}", t("stats.chart_alt", lang)),
        note: t(
            if table.choice == "several" {
                "stats.note_several"
            } else {
                "stats.note_one"
            },
            lang,
        ),
        label,
        width: CHART_WIDTH,
        height,
        rows,
        total_text: count_text(table.total, fewer),
        rests_on_text: rust_i18n::t!("stats.rests_on", locale = lang.code(), n = rests_on_value)
            .into_owned(),
        rests_on_value,
        too_few: table.total.is_none(),
        embed_snippet: String::new(),
    }
}

impl ChartView {
    fn row(
        label: String,
        value_text: String,
        suppressed: bool,
        top: u32,
        bar_width: u32,
    ) -> RowView {
        let bar_y = top + 24;
        RowView {
            label,
            value_text,
            suppressed,
            label_y: top + 17,
            bar_y,
            bar_width,
            value_x: if suppressed { 0 } else { bar_width + 8 },
            value_y: bar_y + BAR_HEIGHT - 3,
        }
    }

    pub fn bar_height(&self) -> u32 {
        BAR_HEIGHT
    }

    /// This table's CSV.
    pub fn csv_href(&self) -> String {
        format!("/api/v1/stats.csv?table={}", self.question)
    }

    /// The chart's embed, in `lang`.
    pub fn embed_path(&self, lang: &Lang) -> String {
        format!("/embed/stats/{}?lang={}", self.question, lang.code())
    }

    /// A height for the iframe that shows the whole chart in a column of about 40rem.
    pub fn embed_height(&self) -> u32 {
        220 + 48 * u32::try_from(self.rows.len()).unwrap_or(0)
    }
}

/// The iframe snippet for one chart, shown (as text) for campaigners to copy.
fn embed_snippet(chart: &ChartView, lang: Lang, public_url: &str) -> String {
    format!(
        "<iframe src=\"{public_url}{}\" title=\"{}\" width=\"100%\" height=\"{}\" loading=\"lazy\"></iframe>",
        chart.embed_path(&lang),
        chart.label.replace('"', "&quot;"),
        chart.embed_height(),
    )
}

/// `/nl/cijfers`, `/en/numbers`: the latest batch, drawn.
pub async fn show_stats(lang: LangPath, state: web::Data<AppState>) -> Result<StatsPage, AppError> {
    let lang = lang.lang();
    let served = crate::stats::served(&state).await?;
    let stats = &served.stats;
    let code = lang.code();
    let fewer = rust_i18n::t!("stats.fewer_than", locale = code, n = stats.threshold).into_owned();
    let mut page = StatsPage {
        page: PageChrome {
            lang,
            switch_href: stats_path(lang.other()).to_owned(),
        },
        headline_number: count_text(stats.stories, &fewer),
        rules: rust_i18n::t!("stats.rules", locale = code, n = stats.threshold).into_owned(),
        batch: rust_i18n::t!(
            "stats.batch",
            locale = code,
            computed_on = stats.computed_on,
            next = stats.next_batch_after
        )
        .into_owned(),
        charts: chart_views(stats, lang),
        chart_text: ChartText::new(lang),
    };
    for chart in &mut page.charts {
        chart.embed_snippet = embed_snippet(chart, lang, &state.config.public_url);
    }
    Ok(page)
}
