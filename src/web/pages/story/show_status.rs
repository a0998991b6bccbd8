use actix_web::http::StatusCode;
use actix_web::HttpResponse;
use askama::Template;

use super::view::render_private;
use super::StoryPaths;
use crate::anonymiser::{AnonymisedText, Segment};
use crate::db::stories::{StatusForParent, StoryForParent};
use crate::questionnaire::TEXT_FIELDS;
use crate::web::pages::PageChrome;
use crate::web::path::LangPath;

/// One of the story's texts as stored, placeholders marked.
pub struct StoredSection {
    pub heading: String,
    /// (is a placeholder, text)
    pub segments: Vec<(bool, String)>,
}

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
    /// The story as stored now (and published, if it is), shown with the status.
    pub sections: Vec<StoredSection>,
    pub title: Option<String>,
    pub edited: bool,
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
            sections: Vec::new(),
            title: None,
            edited: false,
            withdrawn: false,
        }
    }

    /// Shows `story`: its status, its texts as stored, its title when published.
    pub fn with_story(mut self, story: StoryForParent) -> Self {
        let texts = [
            Some(&story.story),
            story.what_should_change.as_ref(),
            story.child_words.as_ref(),
        ];
        self.sections = TEXT_FIELDS
            .iter()
            .zip(texts)
            .filter_map(|(field, text)| {
                let text = text.filter(|t| !t.is_empty())?;
                Some(StoredSection {
                    heading: self.page.t(&format!("form.{}.label", field.id)),
                    segments: owned_segments(text),
                })
            })
            .collect();
        self.title = story.title.map(|t| t.as_str().to_owned());
        self.edited = story.edited;
        self.status = Some(story.status);
        self
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

fn owned_segments(text: &AnonymisedText) -> Vec<(bool, String)> {
    text.segments()
        .map(|segment| match segment {
            Segment::Text(text) => (false, text.to_owned()),
            Segment::Placeholder(text) => (true, text.to_owned()),
        })
        .collect()
}

pub async fn show_status(lang: LangPath) -> HttpResponse {
    StatusPage::ask(lang.lang()).respond()
}
