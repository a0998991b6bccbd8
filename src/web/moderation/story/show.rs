use actix_web::http::StatusCode;
use actix_web::{web, HttpRequest, HttpResponse};
use askama::Template;

use super::{REJECTION_REASONS, TITLE_MAX_CHARS};
use crate::anonymiser::{words_to_check, AnonymisedText, Segment, Summary};
use crate::db::review::{self, ReviewStory, Theme};
use crate::db::stories::StoryStatus;
use crate::error::AppError;
use crate::lang::Lang;
use crate::questionnaire::{Question, QUESTIONS, TEXT_FIELDS};
use crate::state::AppState;
use crate::web::moderation::session::SignedIn;
use crate::web::moderation::ModerationChrome;
use crate::web::pages::story::summary_sentence;
use crate::web::render::render_private;

/// A piece of a text as the moderator sees it.
pub struct Piece {
    pub text: String,
    /// "placeholder", "check" (a word to look at twice) or "" (plain).
    pub class: &'static str,
}

pub struct TextSection {
    pub id: &'static str,
    pub heading: String,
    pub pieces: Vec<Piece>,
    pub raw: String,
}

pub struct ThemeChoice {
    pub id: i64,
    pub label: String,
    pub checked: bool,
}

/// The title and themes earlier moderators approved.
pub struct ApprovedVersion {
    pub heading: String,
    pub title: String,
    pub themes: String,
}

#[derive(Template)]
#[template(path = "moderation/story.html")]
pub struct StoryPage {
    pub chrome: ModerationChrome,
    pub public_id: String,
    pub submitted_on: String,
    pub story_lang: String,
    pub publishable: bool,
    pub summary: String,
    pub sections: Vec<TextSection>,
    pub answers: Vec<(String, String)>,
    pub themes: Vec<ThemeChoice>,
    pub title: String,
    pub title_max: usize,
    pub approved_by: Vec<String>,
    /// What the earlier approvals were of, for the next moderator: "approved by ..., with
    /// this title and these themes". `None` when nobody has approved this version yet.
    pub approved_version: Option<ApprovedVersion>,
    pub you_approved: bool,
    pub two_person: bool,
    pub reasons: Vec<(&'static str, String)>,
    pub error: Option<String>,
}

/// Splits a text into plain text, placeholders and words to check, for highlighting.
pub fn pieces(lang: Lang, text: &AnonymisedText) -> Vec<Piece> {
    let check = words_to_check(lang, text);
    let mut pieces = Vec::new();
    let mut offset = 0;
    for segment in text.segments() {
        match segment {
            Segment::Placeholder(p) => {
                pieces.push(Piece {
                    text: p.to_owned(),
                    class: "placeholder",
                });
                offset += p.len();
            }
            Segment::Text(t) => {
                let end = offset + t.len();
                let mut at = offset;
                for range in check.iter().filter(|r| r.start >= offset && r.end <= end) {
                    if range.start > at {
                        pieces.push(Piece {
                            text: text.as_str()[at..range.start].to_owned(),
                            class: "",
                        });
                    }
                    pieces.push(Piece {
                        text: text.as_str()[range.clone()].to_owned(),
                        class: "check",
                    });
                    at = range.end;
                }
                if at < end {
                    pieces.push(Piece {
                        text: text.as_str()[at..end].to_owned(),
                        class: "",
                    });
                }
                offset = end;
            }
        }
    }
    pieces
}

impl StoryPage {
    pub fn build(
        req: &HttpRequest,
        signed_in: &SignedIn,
        story: &ReviewStory,
        themes: &[Theme],
        two_person: bool,
    ) -> StoryPage {
        let chrome = ModerationChrome::new(req, Some(signed_in));
        let record = &story.record;
        let lang = Lang::parse(&record.lang).unwrap_or_default();
        let summary: Summary = serde_json::from_str(&record.removal_summary).unwrap_or_default();
        let texts = [
            Some(&record.story_text),
            record.change_text.as_ref(),
            record.child_words.as_ref(),
        ];
        let sections = TEXT_FIELDS
            .iter()
            .zip(texts)
            .map(|(field, text)| TextSection {
                id: field.id,
                heading: chrome.t(&format!("form.{}.label", field.id)),
                pieces: text.map(|t| pieces(lang, t)).unwrap_or_default(),
                raw: text.map(|t| t.as_str().to_owned()).unwrap_or_default(),
            })
            .collect();
        let single = [
            ("writer", &record.writer),
            ("age_band", &record.age_band),
            ("school_type", &record.school_type),
            ("time_at_home", &record.time_at_home),
            ("province", &record.province),
        ];
        let label = |question: &Question, option: &str| chrome.t(&question.option_key(option));
        let answers = QUESTIONS
            .iter()
            .map(|q| {
                let chosen: Vec<String> = match single.iter().find(|(id, _)| *id == q.id) {
                    Some((_, option)) => vec![label(q, option)],
                    None => story
                        .choices
                        .iter()
                        .filter(|(question, _)| question == q.id)
                        .map(|(_, option)| label(q, option))
                        .collect(),
                };
                (chrome.t(&format!("q.{}.label", q.id)), chosen.join(", "))
            })
            .collect();
        let themes: Vec<ThemeChoice> = themes
            .iter()
            .filter(|t| t.active || story.theme_ids.contains(&t.id))
            .map(|t| ThemeChoice {
                id: t.id,
                label: if chrome.lang == Lang::En {
                    t.label_en.clone()
                } else {
                    t.label_nl.clone()
                },
                checked: story.theme_ids.contains(&t.id),
            })
            .collect();
        let approved_version = (!story.approved_by.is_empty()).then(|| {
            let who: Vec<&str> = story.approved_by.iter().map(|(_, e)| e.as_str()).collect();
            let labels: Vec<&str> = themes
                .iter()
                .filter(|t| t.checked)
                .map(|t| t.label.as_str())
                .collect();
            ApprovedVersion {
                heading: chrome
                    .t("mod.approve.approved_version")
                    .replace("%{who}", &who.join(", ")),
                title: record
                    .title
                    .as_ref()
                    .map(|t| t.as_str().to_owned())
                    .unwrap_or_default(),
                themes: if labels.is_empty() {
                    chrome.t("mod.approve.no_themes")
                } else {
                    labels.join(", ")
                },
            }
        });
        let reasons = REJECTION_REASONS
            .iter()
            .map(|r| (*r, chrome.t(&format!("mod.reject.{r}"))))
            .collect();
        StoryPage {
            public_id: record.public_id.clone(),
            submitted_on: record.submitted_on.to_string(),
            story_lang: record.lang.clone(),
            publishable: record.consent.allows_publication(),
            summary: summary_sentence(chrome.lang, &summary),
            sections,
            answers,
            themes,
            title: record
                .title
                .as_ref()
                .map(|t| t.as_str().to_owned())
                .unwrap_or_default(),
            title_max: TITLE_MAX_CHARS,
            approved_by: story
                .approved_by
                .iter()
                .map(|(_, email)| email.clone())
                .collect(),
            approved_version,
            you_approved: story
                .approved_by
                .iter()
                .any(|(id, _)| *id == signed_in.moderator.id),
            two_person,
            reasons,
            error: None,
            chrome,
        }
    }
}

impl StoryPage {
    /// The story page again with `key`'s message at the top, as a 422.
    pub fn refuse(mut self, key: &str) -> HttpResponse {
        self.error = Some(self.chrome.t(key));
        let mut response = render_private(&self, StatusCode::UNPROCESSABLE_ENTITY);
        response
            .extensions_mut()
            .insert(crate::web::middleware::OwnErrorPage);
        response
    }
}

/// Loads a pending story and the themes; a story that is not pending is not found here.
pub async fn load(
    state: &AppState,
    public_id: String,
) -> Result<(ReviewStory, Vec<Theme>), AppError> {
    crate::db::run(&state.pool, move |conn| {
        let story = review::find_story(conn, &public_id)?
            .filter(|s| s.record.status == StoryStatus::Pending)
            .ok_or(AppError::NotFound)?;
        Ok((story, review::themes(conn)?))
    })
    .await
}

pub async fn show_story(
    req: HttpRequest,
    state: web::Data<AppState>,
    signed_in: SignedIn,
    id: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    let (story, themes) = load(&state, id.into_inner()).await?;
    let page = StoryPage::build(
        &req,
        &signed_in,
        &story,
        &themes,
        state.config.two_person_approval,
    );
    Ok(render_private(&page, StatusCode::OK))
}
