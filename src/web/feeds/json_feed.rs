use actix_web::{web, HttpRequest, HttpResponse};
use serde_json::json;

use super::{feed_url, month_start, FEED_ENTRIES};
use crate::error::AppError;
use crate::lang::Lang;
use crate::startup::AppState;
use crate::web::api::stories::ListParameters;
use crate::web::api::{cached, Query};

/// `GET /feed.json`: a JSON Feed 1.1 of the newest published stories.
pub async fn json_feed(
    req: HttpRequest,
    state: web::Data<AppState>,
) -> Result<HttpResponse, AppError> {
    let catalog = state.publisher.catalog();
    let query = Query::of(&req);
    let params = ListParameters::parse(&query, &catalog, FEED_ENTRIES)?;
    let rendered = catalog.rendered(&query.key("feed.json", &["lang", "theme"]), || {
        Ok::<_, AppError>(render(&state, &catalog, &params))
    })?;
    Ok(cached(
        &req,
        "application/feed+json; charset=utf-8",
        rendered.body.clone(),
        &rendered.etag,
    ))
}

fn render(
    state: &AppState,
    catalog: &crate::publishing::Catalog,
    params: &ListParameters,
) -> String {
    let page = catalog.page(params.lang, params.theme.as_deref(), None, FEED_ENTRIES);
    let public_url = &state.config.public_url;
    let lang = params.lang.unwrap_or_default();
    let story_form = match lang {
        Lang::Nl => "/nl/verhaal",
        Lang::En => "/en/story",
    };
    let items: Vec<_> = page
        .stories
        .iter()
        .map(|story| {
            let mut content = story.story.clone();
            for extra in [&story.what_should_change, &story.child_words]
                .into_iter()
                .flatten()
            {
                content.push_str("\n\n");
                content.push_str(extra);
            }
            json!({
                "id": story.id,
                "url": format!("{public_url}/api/v1/stories/{}", story.id),
                "title": story.title,
                "content_text": content,
                "date_published": month_start(&story.published),
                "language": story.lang,
                "tags": story.themes.iter().map(|t| t.slug.as_str()).collect::<Vec<_>>(),
            })
        })
        .collect();
    let feed = json!({
        "version": "https://jsonfeed.org/version/1.1",
        "title": rust_i18n::t!("feed.title", locale = lang.code()),
        "home_page_url": format!("{public_url}{story_form}"),
        "feed_url": feed_url(public_url, "feed.json", params.lang, params.theme.as_deref()),
        "language": lang.code(),
        "authors": [{ "name": "kanarie" }],
        "items": items,
    });
    feed.to_string()
}
