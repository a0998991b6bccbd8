use std::sync::Arc;

use actix_web::http::header;
use actix_web::{web, HttpRequest, HttpResponse};
use askama::Template;

use crate::error::AppError;
use crate::lang::Lang;
use crate::publishing::{Catalog, RenderedBody};
use crate::state::AppState;
use crate::web::api::Query;
use crate::web::pages::stories::view::{StoryView, TextLabels};

/// Stories shown at most; an iframe is a small window.
pub const MAX_COUNT: usize = 20;
/// Stories shown when `count` is absent or not a number.
pub const DEFAULT_COUNT: usize = 5;
/// Characters of a story shown before "read more".
const EXCERPT_CHARS: usize = 280;

#[derive(Template)]
#[template(path = "embed.html")]
struct EmbedPage {
    lang: Lang,
    scheme: &'static str,
    transparent: bool,
    stories: Vec<StoryView>,
    labels: TextLabels,
    unknown_theme: bool,
    share_href: String,
    more_href: String,
}

impl EmbedPage {
    fn t(&self, key: &str) -> String {
        rust_i18n::t!(key, locale = self.lang.code()).into_owned()
    }
}

/// The embed's settings, read forgivingly: a snippet on a campaign site with a typo must
/// still show stories, never an error page. An unknown `lang` is the default, `count` is
/// clamped to 1-20 (not a number: 5), an unknown `theme` shows every story with a note.
/// (The API, read by programs, keeps answering 400.)
pub struct EmbedParameters {
    /// The stories' language filter: none unless `lang` names a language.
    pub filter_lang: Option<Lang>,
    /// The embed's own language.
    pub lang: Lang,
    pub theme: Option<String>,
    pub unknown_theme: bool,
    pub count: usize,
    pub scheme: &'static str,
    pub transparent: bool,
}

/// `count` as a number of stories: clamped to 1..=`MAX_COUNT`; a run of digits too long
/// for a number is the maximum; anything else is `DEFAULT_COUNT`.
pub fn clamp_count(text: Option<&str>) -> usize {
    let Some(text) = text.map(str::trim).filter(|t| !t.is_empty()) else {
        return DEFAULT_COUNT;
    };
    match text.parse::<i64>() {
        Ok(n) => usize::try_from(n.clamp(1, MAX_COUNT as i64)).unwrap_or(DEFAULT_COUNT),
        Err(_) if text.bytes().all(|b| b.is_ascii_digit()) => MAX_COUNT,
        Err(_) if text.starts_with('-') && text[1..].bytes().all(|b| b.is_ascii_digit()) => 1,
        Err(_) => DEFAULT_COUNT,
    }
}

impl EmbedParameters {
    pub fn parse(query: &Query, catalog: &Catalog) -> EmbedParameters {
        let filter_lang = query.get("lang").and_then(Lang::parse);
        let (theme, unknown_theme) = match query.get("theme").filter(|t| !t.is_empty()) {
            None => (None, false),
            Some(slug) if catalog.theme_exists(slug) => (Some(slug.to_owned()), false),
            Some(_) => (None, true),
        };
        EmbedParameters {
            filter_lang,
            lang: filter_lang.unwrap_or_default(),
            theme,
            unknown_theme,
            count: clamp_count(query.get("count")),
            scheme: scheme(query),
            transparent: transparent(query),
        }
    }

    /// The memo key: only the settings as understood, so typos share one body.
    fn key(&self) -> String {
        format!(
            "embed|{}|{}|{}|{}|{}|{}",
            self.filter_lang.map(|l| l.code()).unwrap_or(""),
            self.theme.as_deref().unwrap_or(""),
            self.unknown_theme,
            self.count,
            self.scheme,
            self.transparent
        )
    }
}

/// `scheme=light|dark`; anything else follows the reader's setting.
pub fn scheme(query: &Query) -> &'static str {
    match query.get("scheme") {
        Some("dark") => "dark",
        Some("light") => "light",
        _ => "auto",
    }
}

/// `background=transparent`: the host page's background shows through.
pub fn transparent(query: &Query) -> bool {
    query.get("background") == Some("transparent")
}

/// The Content-Security-Policy of pages made to be framed: kanarie's own policy, but
/// framable by any site or only by `KANARIE_EMBED_ALLOWED_ORIGINS`.
pub fn framable_csp(state: &AppState) -> String {
    let ancestors = match &state.config.embed_origins {
        None => "*".to_owned(),
        Some(origins) => origins.join(" "),
    };
    format!(
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; \
         object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors {ancestors}"
    )
}

/// A framable page rendered once per catalogue, through the read path's cache layer (304s,
/// Brotli/gzip bodies with an ETag per encoding).
pub fn framable(req: &HttpRequest, state: &AppState, rendered: &RenderedBody) -> HttpResponse {
    let mut response = crate::web::api::cached_body(req, "text/html; charset=utf-8", rendered);
    if let Ok(csp) = header::HeaderValue::from_str(&framable_csp(state)) {
        response
            .headers_mut()
            .insert(header::CONTENT_SECURITY_POLICY, csp);
    }
    response
}

/// `GET /embed?lang=nl&theme=...&count=5&scheme=light|dark&background=transparent`: the
/// latest stories, made to live in an iframe on a campaign site. It may be framed (by
/// any site, or only by the sites in `KANARIE_EMBED_ALLOWED_ORIGINS`); every other rule
/// of the site's CSP holds. Its own script only tells the host page its height.
pub async fn embed_page(
    req: HttpRequest,
    state: web::Data<AppState>,
) -> Result<HttpResponse, AppError> {
    let query = Query::of(&req);
    let catalog = state.publisher.catalog();
    let params = EmbedParameters::parse(&query, &catalog);
    let rendered = body(&catalog, &state.config.public_url, &params)?;
    Ok(framable(&req, &state, &rendered))
}

/// The embed `params` asks for, from `catalog`'s memo.
pub fn body(
    catalog: &Catalog,
    public_url: &str,
    params: &EmbedParameters,
) -> Result<Arc<RenderedBody>, AppError> {
    catalog.rendered(&params.key(), || render(public_url, catalog, params))
}

fn render(
    public_url: &str,
    catalog: &Catalog,
    params: &EmbedParameters,
) -> Result<String, AppError> {
    let lang = params.lang;
    let page = catalog.page(
        params.filter_lang,
        params.theme.as_deref(),
        None,
        params.count,
    );
    let stories = page
        .stories
        .iter()
        .map(|story| StoryView::of(story, lang, EXCERPT_CHARS))
        .collect();
    let form = crate::web::pages::story::StoryPaths::of(lang).form;
    let list = crate::publishing::stories_path(lang);
    let more_href = match &params.theme {
        Some(theme) => format!(
            "{public_url}{list}?theme={}",
            form_urlencoded::byte_serialize(theme.as_bytes()).collect::<String>()
        ),
        None => format!("{public_url}{list}"),
    };
    EmbedPage {
        lang,
        scheme: params.scheme,
        transparent: params.transparent,
        stories,
        labels: TextLabels::new(lang),
        unknown_theme: params.unknown_theme,
        share_href: format!("{public_url}{form}"),
        more_href,
    }
    .render()
    .map_err(|e| AppError::Internal(format!("embed template: {e}")))
}

#[cfg(test)]
mod tests {
    use super::{clamp_count, DEFAULT_COUNT, MAX_COUNT};

    #[test]
    fn counts_are_clamped_and_nonsense_is_the_default() {
        assert_eq!(clamp_count(None), DEFAULT_COUNT);
        assert_eq!(clamp_count(Some("")), DEFAULT_COUNT);
        assert_eq!(clamp_count(Some("7")), 7);
        assert_eq!(clamp_count(Some(" 3 ")), 3);
        assert_eq!(clamp_count(Some("0")), 1);
        assert_eq!(clamp_count(Some("-4")), 1);
        assert_eq!(clamp_count(Some("99")), MAX_COUNT);
        assert_eq!(clamp_count(Some("99999999999999999999999")), MAX_COUNT);
        assert_eq!(clamp_count(Some("-99999999999999999999999")), 1);
        assert_eq!(clamp_count(Some("vijf")), DEFAULT_COUNT);
        assert_eq!(clamp_count(Some("5.5")), DEFAULT_COUNT);
    }
}
