//! The page shown for every error, in the visitor's language.

use askama::Template;

use crate::error::ErrorCode;
use crate::lang::Lang;
use crate::web::pages::PageChrome;

#[derive(Template)]
#[template(path = "error.html")]
struct ErrorPage {
    page: PageChrome,
    title: String,
    message: String,
}

/// Renders the error page for `code` with the message under `message_key` (the code's own,
/// or a more specific one); a template failure falls back to the plain title.
pub fn render(lang: Lang, code: ErrorCode, message_key: &str) -> String {
    let page = PageChrome::new(lang, "/");
    let title = page.t(&format!("error.{}.title", code.key()));
    let message = page.t(message_key);
    let fallback = title.clone();
    ErrorPage {
        page,
        title,
        message,
    }
    .render()
    .unwrap_or(fallback)
}
