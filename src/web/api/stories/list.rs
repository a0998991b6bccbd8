use std::sync::Arc;

use actix_web::{web, HttpRequest, HttpResponse};

use crate::error::AppError;
use crate::lang::Lang;
use crate::publishing::{Catalog, Cursor, RenderedBody};
use crate::state::AppState;
use crate::web::api::{cached_body, Query};

pub const DEFAULT_LIMIT: usize = 20;
pub const MAX_LIMIT: usize = 100;

/// The list's filters, checked: an unknown language or theme, a limit outside 1..=100 or
/// a cursor this API did not make is a 400 that says which.
pub struct ListParameters {
    pub lang: Option<Lang>,
    pub theme: Option<String>,
    pub limit: usize,
    pub after: Option<Cursor>,
}

impl ListParameters {
    pub fn parse(query: &Query, catalog: &Catalog, max: usize) -> Result<ListParameters, AppError> {
        // An empty value is a value (and not a language): only an absent parameter means
        // "no filter".
        let lang = match query.get("lang") {
            None => None,
            Some(code) => Some(Lang::parse(code).ok_or(AppError::InvalidQuery("lang"))?),
        };
        let theme = match query.get("theme") {
            None => None,
            Some(slug) if catalog.theme_exists(slug) => Some(slug.to_owned()),
            Some(_) => return Err(AppError::InvalidQuery("theme")),
        };
        let limit = match query.get("limit") {
            None => DEFAULT_LIMIT.min(max),
            Some(text) => text
                .parse::<usize>()
                .ok()
                .filter(|n| (1..=max).contains(n))
                .ok_or(AppError::InvalidQuery("limit"))?,
        };
        let after = match query.get("cursor") {
            None => None,
            Some(text) => Some(Cursor::decode(text).ok_or(AppError::InvalidQuery("cursor"))?),
        };
        Ok(ListParameters {
            lang,
            theme,
            limit,
            after,
        })
    }
}

/// `GET /api/v1/stories`: newest first, `lang`, `theme`, `limit` (1-100, default 20) and
/// `cursor` (the `next_cursor` of the previous page).
pub async fn list_stories(
    req: HttpRequest,
    state: web::Data<AppState>,
) -> Result<HttpResponse, AppError> {
    let catalog = state.publisher.catalog();
    let params = ListParameters::parse(&Query::of(&req), &catalog, MAX_LIMIT)?;
    let rendered = list_body(&catalog, &params)?;
    Ok(cached_body(&req, "application/json", &rendered))
}

/// Appends `n` in decimal.
fn push_number(text: &mut String, n: usize) {
    if n >= 10 {
        push_number(text, n / 10);
    }
    text.push(char::from(b'0' + (n % 10) as u8));
}

/// The page of stories `params` asks for, from `catalog`'s memo.
pub fn list_body(
    catalog: &Catalog,
    params: &ListParameters,
) -> Result<Arc<RenderedBody>, AppError> {
    // The parameters as understood, so equal requests share one body however their
    // query was written.
    // Built piece by piece: `format!` costs several times as much, on every request.
    let theme = params.theme.as_deref().unwrap_or("");
    let mut key = String::with_capacity(32 + theme.len());
    key.push_str("stories|");
    key.push_str(params.lang.map_or("", Lang::code));
    key.push('|');
    key.push_str(theme);
    key.push('|');
    push_number(&mut key, params.limit);
    key.push('|');
    if let Some(after) = &params.after {
        key.push_str(&after.encode());
    }
    catalog.rendered(&key, || {
        let page = catalog.page(
            params.lang,
            params.theme.as_deref(),
            params.after.as_ref(),
            params.limit,
        );
        // The stories are serialised already; the page only joins them.
        let size = page
            .stories
            .iter()
            .map(|s| s.json.body().len() + 1)
            .sum::<usize>()
            + 64;
        let mut body = String::with_capacity(size);
        body.push_str("{\"stories\":[");
        for (i, story) in page.stories.iter().enumerate() {
            if i > 0 {
                body.push(',');
            }
            body.push_str(std::str::from_utf8(story.json.body()).unwrap_or("null"));
        }
        body.push_str("],\"next_cursor\":");
        match &page.next {
            Some(cursor) => {
                body.push('"');
                body.push_str(&cursor.encode());
                body.push('"');
            }
            None => body.push_str("null"),
        }
        body.push('}');
        Ok(body)
    })
}
