//! Published stories as web pages people can link to: one page per story
//! (`/nl/verhalen/{id}`, `/en/stories/{id}`) and the list (`/nl/verhalen`,
//! `/en/stories`), newest first, by theme, a page at a time. Both read only the published
//! catalogue, so a story that is not published (pending, rejected, withdrawn, taken down)
//! is the same 404 as an id that never existed. No cookies, no script.

mod list;
mod show;
pub mod view;

use actix_web::http::header;
use actix_web::web::ServiceConfig;
use actix_web::{HttpRequest, HttpResponse};

use crate::publishing::RenderedBody;
use crate::web::routing::read_only;

pub use view::{month_label, StoryView};

pub fn configure(cfg: &mut ServiceConfig) {
    // `{lang:nl}` and `{lang:en}` as the other localised pages do; the plural paths never
    // meet the questionnaire's `/nl/verhaal` and `/en/story` routes (actix matches whole
    // segments).
    cfg.service(read_only("/{lang:nl}/verhalen", list::list_stories))
        .service(read_only("/{lang:en}/stories", list::list_stories))
        .service(read_only("/{lang:nl}/verhalen/{id}", show::show_story))
        .service(read_only("/{lang:en}/stories/{id}", show::show_story));
}

/// A page rendered once per catalogue: cacheable like the API (a minute, strong ETag),
/// without the API's CORS header (a page is not read by scripts of other sites).
fn cached_page(req: &HttpRequest, rendered: &RenderedBody) -> HttpResponse {
    let mut response = crate::web::api::cached_body(req, "text/html; charset=utf-8", rendered);
    let headers = response.headers_mut();
    headers.remove(header::ACCESS_CONTROL_ALLOW_ORIGIN);
    headers.remove(header::ACCESS_CONTROL_EXPOSE_HEADERS);
    response
}
