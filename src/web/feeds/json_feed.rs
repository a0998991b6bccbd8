use actix_web::{web, HttpRequest, HttpResponse};
use serde_json::json;

use super::{month_start, FeedInput};
use crate::error::AppError;
use crate::state::AppState;

/// `GET /feed.json`: a JSON Feed 1.1 of the newest published stories.
pub async fn json_feed(
    req: HttpRequest,
    state: web::Data<AppState>,
) -> Result<HttpResponse, AppError> {
    super::serve(&req, &state, &super::JSON_FEED)
}

pub(super) fn render(feed: &FeedInput) -> String {
    let items: Vec<_> = feed
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
                "url": story.url,
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
        "title": rust_i18n::t!("feed.title", locale = feed.lang.code()),
        "home_page_url": feed.home_url,
        "feed_url": feed.self_url,
        "language": feed.lang.code(),
        "authors": [{ "name": "kanarie" }],
        "items": items,
    });
    feed.to_string()
}
