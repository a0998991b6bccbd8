use actix_web::http::header;
use actix_web::{web, HttpRequest, HttpResponse};
use askama::Template;

use crate::error::AppError;
use crate::lang::Lang;
use crate::state::AppState;
use crate::web::api::stories::ListParameters;
use crate::web::api::Query;

/// Stories shown at most; an iframe is a small window.
pub const MAX_COUNT: usize = 20;
/// Characters of a story shown before "read more".
const EXCERPT_CHARS: usize = 280;

pub struct EmbeddedStory {
    pub title: String,
    pub excerpt: String,
    pub rest: String,
    pub month: String,
}

#[derive(Template)]
#[template(path = "embed.html")]
struct EmbedPage {
    lang: Lang,
    scheme: &'static str,
    stories: Vec<EmbeddedStory>,
    share_href: String,
}

impl EmbedPage {
    fn t(&self, key: &str) -> String {
        rust_i18n::t!(key, locale = self.lang.code()).into_owned()
    }
}

/// Splits a text for "read more" at a word boundary near `EXCERPT_CHARS`.
pub fn excerpt(text: &str) -> (String, String) {
    if text.chars().count() <= EXCERPT_CHARS {
        return (text.to_owned(), String::new());
    }
    let cut = text
        .char_indices()
        .nth(EXCERPT_CHARS)
        .map(|(i, _)| i)
        .unwrap_or(text.len());
    let at = text[..cut]
        .rfind(char::is_whitespace)
        .filter(|i| *i > cut / 2)
        .unwrap_or(cut);
    (
        text[..at].trim_end().to_owned(),
        text[at..].trim_start().to_owned(),
    )
}

/// `GET /embed?lang=nl&theme=...&count=5&scheme=light|dark`: the latest stories, made to
/// live in an iframe on a campaign site. It may be framed (by any site, or only by the
/// sites in `KANARIE_EMBED_ALLOWED_ORIGINS`); every other rule of the site's CSP holds.
pub async fn embed_page(
    req: HttpRequest,
    state: web::Data<AppState>,
) -> Result<HttpResponse, AppError> {
    let query = Query::of(&req);
    let catalog = state.publisher.catalog();
    let params = ListParameters::parse(&query, &catalog, MAX_COUNT)?;
    let count = match query.get("count") {
        None => 5,
        Some(text) => text
            .parse::<usize>()
            .ok()
            .filter(|n| (1..=MAX_COUNT).contains(n))
            .ok_or(AppError::InvalidQuery("count"))?,
    };
    let scheme = match query.get("scheme") {
        Some("dark") => "dark",
        Some("light") => "light",
        _ => "auto",
    };
    let lang = params.lang.unwrap_or_default();
    let key = format!(
        "{}|count={count}|scheme={scheme}",
        query.key("embed", &["lang", "theme"])
    );
    let rendered = catalog.rendered(&key, || {
        render(&state, &catalog, &params, lang, count, scheme)
    })?;
    let ancestors = match &state.config.embed_origins {
        None => "*".to_owned(),
        Some(origins) => origins.join(" "),
    };
    let csp = format!(
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; \
         object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors {ancestors}"
    );
    let mut response = crate::web::api::cached(
        &req,
        "text/html; charset=utf-8",
        rendered.body.clone(),
        &rendered.etag,
    );
    if let Ok(csp) = header::HeaderValue::from_str(&csp) {
        response
            .headers_mut()
            .insert(header::CONTENT_SECURITY_POLICY, csp);
    }
    Ok(response)
}

fn render(
    state: &AppState,
    catalog: &crate::publishing::Catalog,
    params: &ListParameters,
    lang: Lang,
    count: usize,
    scheme: &'static str,
) -> Result<String, AppError> {
    let page = catalog.page(params.lang, params.theme.as_deref(), None, count);
    let stories = page
        .stories
        .iter()
        .map(|story| {
            let (excerpt, rest) = excerpt(&story.story);
            EmbeddedStory {
                title: story.title.clone(),
                excerpt,
                rest,
                month: story.published.clone(),
            }
        })
        .collect();
    let form = crate::web::pages::story::StoryPaths::of(lang).form;
    EmbedPage {
        lang,
        scheme,
        stories,
        share_href: format!("{}{form}", state.config.public_url),
    }
    .render()
    .map_err(|e| AppError::Internal(format!("embed template: {e}")))
}

#[cfg(test)]
mod tests {
    use super::excerpt;

    #[test]
    fn excerpts_break_between_words() {
        let text = "woord ".repeat(100);
        let (start, rest) = excerpt(&text);
        assert!(start.chars().count() <= 280);
        assert!(start.ends_with("woord"));
        assert_eq!(format!("{start} {rest}").trim_end(), text.trim_end());
        assert_eq!(excerpt("kort"), ("kort".to_owned(), String::new()));
    }
}
