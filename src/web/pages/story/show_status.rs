use actix_web::http::StatusCode;
use actix_web::HttpResponse;
use askama::Template;

use super::view::render_private;
use super::StoryPaths;
use crate::db::stories::StatusForParent;
use crate::web::pages::PageChrome;
use crate::web::path::LangPath;

/// The status page in its three states: asking for the code, showing the story's status
/// (with the withdrawal form), and confirming a withdrawal.
#[derive(Template)]
#[template(path = "story/status.html")]
pub struct StatusPage {
    pub page: PageChrome,
    pub paths: &'static StoryPaths,
    pub typed_code: String,
    pub error: Option<String>,
    pub status: Option<StatusForParent>,
    pub withdrawn: bool,
}

impl StatusPage {
    pub fn ask(lang: crate::lang::Lang) -> StatusPage {
        StatusPage {
            page: PageChrome {
                lang,
                switch_href: StoryPaths::of(lang.other()).status.to_owned(),
            },
            paths: StoryPaths::of(lang),
            typed_code: String::new(),
            error: None,
            status: None,
            withdrawn: false,
        }
    }

    pub fn status_text(&self) -> String {
        self.page.t(match self.status {
            Some(StatusForParent::InReview) => "status.in_review",
            Some(StatusForParent::Published) => "status.published",
            Some(StatusForParent::CountedOnly) => "status.counted_only",
            None => "status.ask",
        })
    }

    pub fn respond(&self) -> HttpResponse {
        let status = if self.error.is_some() {
            StatusCode::UNPROCESSABLE_ENTITY
        } else {
            StatusCode::OK
        };
        render_private(self, status)
    }
}

pub async fn show_status(lang: LangPath) -> HttpResponse {
    StatusPage::ask(lang.lang()).respond()
}
