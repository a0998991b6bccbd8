//! `/embed/stats/{table}`: one published table as a chart (server-side SVG, no script),
//! made to live in an iframe on a campaign site, light or dark.

use actix_web::http::header::{self, HeaderValue};
use actix_web::{web, HttpRequest, HttpResponse};
use askama::Template;

use crate::error::AppError;
use crate::lang::Lang;
use crate::publishing::etag_of;
use crate::state::AppState;
use crate::web::api::{cached, Query, CACHE_CONTROL};
use crate::web::middleware::OwnErrorPage;
use crate::web::pages::stats::{chart_views, stats_path, ChartText, ChartView};

#[derive(Template)]
#[template(path = "embed_stats.html")]
struct EmbedChart {
    lang: Lang,
    scheme: &'static str,
    /// `None`: no published table has this name.
    chart: Option<ChartView>,
    chart_text: ChartText,
    /// The numbers page (at this table when there is one), opened outside the frame.
    source_href: String,
    source: String,
}

impl EmbedChart {
    fn t(&self, key: &str) -> String {
        rust_i18n::t!(key, locale = self.lang.code()).into_owned()
    }
}

/// `GET /embed/stats/{table}?lang=nl|en&scheme=light|dark`.
///
/// Like `/embed`, it forgives what a campaigner may mistype in the snippet: an unknown
/// `lang` is Dutch, an unknown `scheme` follows the reader's setting. An unknown table
/// is a `404` (so link checkers and the campaigner's own tools see the mistake, and no
/// cache keeps it as a chart) whose body is a small framable page in the embed's own
/// style that points to all the numbers, never kanarie's error page (which refuses to
/// be framed and would show as a broken frame on the campaign site).
pub async fn embed_stats(
    req: HttpRequest,
    state: web::Data<AppState>,
    table: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    let query = Query::of(&req);
    let lang = query.get("lang").and_then(Lang::parse).unwrap_or_default();
    let scheme = match query.get("scheme") {
        Some("dark") => "dark",
        Some("light") => "light",
        _ => "auto",
    };
    let served = crate::stats::served(&state).await?;
    let stats = &served.stats;
    let chart = chart_views(stats, lang)
        .into_iter()
        .find(|chart| chart.question == table.as_str());
    let public_url = &state.config.public_url;
    let source_href = match &chart {
        Some(chart) => format!("{public_url}{}#{}", stats_path(lang), chart.id),
        None => format!("{public_url}{}", stats_path(lang)),
    };
    let found = chart.is_some();
    let page = EmbedChart {
        lang,
        scheme,
        chart,
        chart_text: ChartText::new(lang),
        source_href,
        source: rust_i18n::t!(
            "stats.source",
            locale = lang.code(),
            computed_on = stats.computed_on
        )
        .into_owned(),
    };
    let body = page
        .render()
        .map_err(|e| AppError::Internal(format!("stats embed template: {e}")))?;
    let mut response = if found {
        let etag = etag_of(body.as_bytes());
        cached(&req, "text/html; charset=utf-8", body, &etag)
    } else {
        let mut response = HttpResponse::NotFound()
            .content_type("text/html; charset=utf-8")
            .insert_header((header::CACHE_CONTROL, CACHE_CONTROL))
            .body(body);
        response.extensions_mut().insert(OwnErrorPage);
        response
    };
    if let Ok(csp) = HeaderValue::from_str(&super::framable_csp(&state)) {
        response
            .headers_mut()
            .insert(header::CONTENT_SECURITY_POLICY, csp);
    }
    Ok(response)
}
