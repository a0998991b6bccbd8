use actix_web::http::StatusCode;
use actix_web::{web, HttpRequest, HttpResponse};
use askama::Template;

use super::contact_requests::contact_requests;
use super::suggested_themes::suggested_slugs;
use super::{CLAIM_SECONDS, REJECTION_REASONS, TAKE_DOWN_REASONS, TITLE_MAX_CHARS};
use crate::anonymiser::{words_to_check, AnonymisedText, Segment, Summary};
use crate::db::review::{self, ReviewStory, Theme};
use crate::db::stories::StoryStatus;
use crate::error::AppError;
use crate::lang::Lang;
use crate::questionnaire::{Question, QUESTIONS, TEXT_FIELDS};
use crate::state::AppState;
use crate::web::moderation::amsterdam;
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
    /// Approved: the page shows what is published and the take-down form, not the review.
    pub approved: bool,
    pub take_down_reasons: Vec<(&'static str, String)>,
    /// Why it was taken down, when it came back to the queue that way.
    pub taken_down: Option<String>,
    /// "Being reviewed by ... until ...", when another moderator's claim is running.
    pub claimed_by_other: Option<String>,
    /// What was just done, from the page before ("Het verhaal is goedgekeurd.").
    pub notice: Option<String>,
    /// The title the story just approved got, after the anonymiser ("?approved=ID").
    pub approved_title: Option<String>,
    /// After "Opslaan": what the anonymiser removed from the moderator's change.
    pub edit_result: Option<String>,
    /// Sentences asking readers for contact next to a removed phone, address or e-mail.
    pub contact_requests: Vec<String>,
    /// The themes ticked are suggestions from the parent's answers.
    pub themes_suggested: bool,
}

/// Splits a text into plain text, placeholders and words to check, for highlighting.
pub fn pieces(lang: Lang, text: &AnonymisedText, new: &[String]) -> Vec<Piece> {
    let check = words_to_check(lang, text);
    let mut pieces = Vec::new();
    let mut offset = 0;
    for segment in text.segments() {
        match segment {
            Segment::Placeholder(p) => {
                pieces.push(Piece {
                    text: p.to_owned(),
                    class: if new.iter().any(|n| n == p) {
                        "new-placeholder"
                    } else {
                        "placeholder"
                    },
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
        StoryPage::build_with(req, signed_in, story, themes, two_person, &[])
    }

    /// `build`, with `new_placeholders` (those an edit just added) marked as new.
    pub fn build_with(
        req: &HttpRequest,
        signed_in: &SignedIn,
        story: &ReviewStory,
        themes: &[Theme],
        two_person: bool,
        new_placeholders: &[String],
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
                pieces: text
                    .map(|t| pieces(lang, t, new_placeholders))
                    .unwrap_or_default(),
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
        // Until a moderator chose themes, the parent's answers suggest them.
        let mut answered = story.choices.clone();
        answered.extend(single.iter().map(|(q, o)| ((*q).to_owned(), (*o).clone())));
        let themes_suggested = story.theme_ids.is_empty() && story.approved_by.is_empty();
        let suggested = if themes_suggested {
            suggested_slugs(&answered)
        } else {
            Vec::new()
        };
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
                checked: story.theme_ids.contains(&t.id)
                    || (t.active && suggested.contains(&t.slug.as_str())),
            })
            .collect();
        let themes_suggested = themes_suggested && themes.iter().any(|t| t.checked);
        let contact_requests = texts
            .iter()
            .flatten()
            .flat_map(|t| contact_requests(t.as_str()))
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
        let take_down_reasons = TAKE_DOWN_REASONS
            .iter()
            .map(|r| (*r, chrome.t(&format!("mod.take_down.{r}"))))
            .collect();
        let taken_down = record
            .taken_down_reason
            .as_deref()
            .filter(|r| TAKE_DOWN_REASONS.contains(r))
            .map(|r| {
                chrome
                    .t("mod.take_down.came_back")
                    .replace("%{reason}", &chrome.t(&format!("mod.take_down.{r}")))
            });
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
            approved: record.status == StoryStatus::Approved,
            take_down_reasons,
            taken_down,
            claimed_by_other: None,
            notice: None,
            approved_title: None,
            edit_result: None,
            contact_requests,
            themes_suggested,
            chrome,
        }
    }
}

impl StoryPage {
    /// True when a placeholder on the page is marked as added by the last edit.
    pub fn sentences_new_marked(&self) -> bool {
        self.sections
            .iter()
            .any(|s| s.pieces.iter().any(|p| p.class == "new-placeholder"))
    }

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
    let (story, themes) = load_any(state, public_id).await?;
    if story.record.status != StoryStatus::Pending {
        return Err(AppError::NotFound);
    }
    Ok((story, themes))
}

/// Loads a pending or approved story and the themes.
pub async fn load_any(
    state: &AppState,
    public_id: String,
) -> Result<(ReviewStory, Vec<Theme>), AppError> {
    crate::db::run(&state.pool, move |conn| {
        let story = review::find_story(conn, &public_id)?.ok_or(AppError::NotFound)?;
        Ok((story, review::themes(conn)?))
    })
    .await
}

/// What the moderator just did, as `?done=` on the page they land on names it; only the
/// outcomes kanarie sends, so a link cannot put other words on the page.
pub const DONE_NOTICES: [&str; 8] = [
    "approved",
    "awaiting",
    "reset",
    "rejected",
    "already",
    "taken_down",
    "saved",
    "rejected_many",
];

/// The notice for `?done=...` in `req`'s query, if it names a known outcome.
pub fn done_notice(req: &HttpRequest, chrome: &ModerationChrome) -> Option<String> {
    let query =
        web::Query::<std::collections::HashMap<String, String>>::from_query(req.query_string())
            .ok()?;
    let done = query.get("done")?;
    let done = DONE_NOTICES.iter().find(|d| **d == done.as_str())?;
    let mut notice = chrome.t(&format!("mod.queue.done_{done}"));
    if let Some(count) = query.get("count").and_then(|c| c.parse::<u32>().ok()) {
        notice = notice.replace("%{count}", &count.to_string());
    }
    Some(notice)
}

/// What the page before says about the change just made: the story just approved (for
/// its title), what the anonymiser removed from an edit (counts only) and which
/// placeholders the edit added.
#[derive(serde::Deserialize, Default)]
struct AfterChange {
    #[serde(default)]
    approved: Option<String>,
    #[serde(default)]
    removed: String,
    #[serde(default)]
    new: String,
}

/// A moderator opening a pending story claims it for `CLAIM_SECONDS`, unless another
/// moderator's claim is running: then the page says who is reviewing it, until when.
pub async fn show_story(
    req: HttpRequest,
    state: web::Data<AppState>,
    signed_in: SignedIn,
    id: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    let (mut story, themes) = load_any(&state, id.into_inner()).await?;
    let query = web::Query::<AfterChange>::from_query(req.query_string())
        .map(web::Query::into_inner)
        .unwrap_or_default();
    let approved_title = match query.approved.filter(|id| *id != story.record.public_id) {
        Some(approved) => {
            crate::db::run(&state.pool, move |conn| {
                Ok(review::find_story(conn, &approved)?
                    .and_then(|s| s.record.title)
                    .map(|t| t.as_str().to_owned()))
            })
            .await?
        }
        None => None,
    };
    let mut other_claim = None;
    if story.record.status == StoryStatus::Pending {
        let (story_id, me) = (story.record.id, signed_in.moderator.id);
        let now = crate::accounts::now();
        let holder = crate::db::run(&state.pool, move |conn| {
            let holder = review::claim(conn, story_id, me, now, now + CLAIM_SECONDS)?;
            let holder = match holder {
                Some(other) if other != me => {
                    crate::db::moderators::find(conn, other)?.map(|m| (other, m.email))
                }
                _ => None,
            };
            Ok(holder)
        })
        .await?;
        if holder.is_none() {
            story.record.claimed_by = Some(me);
            story.record.claimed_until = Some(now + CLAIM_SECONDS);
        }
        other_claim = holder.map(|(_, email)| (email, story.record.claimed_until));
    }
    // Only placeholders, and only those in the text: the query cannot add words to the page.
    let new_placeholders: Vec<String> = query
        .new
        .split('|')
        .filter(|p| p.starts_with('[') && p.ends_with(']'))
        .filter(|p| {
            [
                Some(&story.record.story_text),
                story.record.change_text.as_ref(),
                story.record.child_words.as_ref(),
            ]
            .into_iter()
            .flatten()
            .any(|t| {
                t.segments()
                    .any(|s| matches!(s, Segment::Placeholder(x) if x == *p))
            })
        })
        .map(str::to_owned)
        .collect();
    let mut page = StoryPage::build_with(
        &req,
        &signed_in,
        &story,
        &themes,
        state.config.two_person_approval,
        &new_placeholders,
    );
    page.notice = done_notice(&req, &page.chrome);
    page.approved_title = approved_title;
    page.edit_result = serde_json::from_str::<Summary>(&query.removed)
        .ok()
        .map(|removed| {
            let sentence = summary_sentence(page.chrome.lang, &removed);
            if removed.total() == 0 {
                page.chrome.t("mod.edit.nothing_removed")
            } else {
                format!(
                    "{} {sentence}",
                    page.chrome.t("mod.edit.removed_from_change")
                )
            }
        });
    page.claimed_by_other = other_claim.map(|(email, until)| {
        page.chrome
            .t("mod.claim.by_other")
            .replace("%{who}", &email)
            .replace(
                "%{until}",
                &until.map(amsterdam::time_of_day).unwrap_or_default(),
            )
    });
    Ok(render_private(&page, StatusCode::OK))
}
