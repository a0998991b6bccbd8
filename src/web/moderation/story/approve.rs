use actix_web::{web, HttpRequest, HttpResponse};

use super::show::{load, StoryPage};
use super::{next_location, TITLE_MAX_CHARS};
use crate::anonymiser::{anonymise_story, RawText};
use crate::db::audit;
use crate::db::audit::AuditAction;
use crate::db::review::{self, ApprovalOutcome};
use crate::error::AppError;
use crate::lang::Lang;
use crate::state::AppState;
use crate::web::moderation::change::ModeratorForm;
use crate::web::render::see_other;

/// Approves a story: for publication when the parent consented (a title is needed, themes
/// are optional), for the statistics only otherwise. With the two-moderator setting, the
/// first approval is recorded and a second, different moderator completes it, provided
/// they approve the same title and themes; a change lets the first approval lapse (and is
/// audited), so the changed version needs a second moderator too.
pub async fn approve_story(
    req: HttpRequest,
    state: web::Data<AppState>,
    change: ModeratorForm,
    id: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    let ModeratorForm {
        signed_in,
        form: fields,
    } = change;
    let (story, themes) = load(&state, id.into_inner()).await?;
    let publishable = story.record.consent.allows_publication();
    let lang = Lang::parse(&story.record.lang).unwrap_or_default();

    let title_text = fields.get("title").trim();
    let problem = if !publishable {
        None
    } else if title_text.is_empty() {
        Some("mod.approve.title_required")
    } else if title_text.chars().count() > TITLE_MAX_CHARS {
        Some("mod.approve.title_too_long")
    } else {
        None
    };
    if let Some(key) = problem {
        return Ok(StoryPage::build(
            &req,
            &signed_in,
            &story,
            &themes,
            state.config.two_person_approval,
        )
        .refuse(key));
    }
    // A title is typed text like any other: it may name someone, so it is anonymised too.
    let title = publishable.then(|| {
        let raw = RawText::new(title_text.to_owned());
        anonymise_story(lang, &[&raw]).texts.into_iter().next()
    });
    let title = title.flatten();
    let mut theme_ids: Vec<i64> = if publishable {
        fields
            .all("theme")
            .iter()
            .filter_map(|id| id.parse::<i64>().ok())
            .filter(|id| themes.iter().any(|t| t.id == *id && t.active))
            .collect()
    } else {
        Vec::new()
    };
    theme_ids.sort_unstable();
    theme_ids.dedup();
    let required = if state.config.two_person_approval {
        2
    } else {
        1
    };
    let month = chrono::Utc::now().format("%Y-%m").to_string();
    let story_id = story.record.id;
    let public_id = story.record.public_id.clone();
    let me = signed_in.moderator.id;
    // The one checkbox kanarie's story pages read: invented first names, marked as such.
    let invented_names = publishable && fields.get("invented_names") == "yes";
    let (outcome, location) = crate::db::run(&state.pool, move |conn| {
        // Set before the approval that publishes, so the first catalogue with the story
        // already shows it as chosen (a display choice only: harmless if approval fails).
        crate::db::published::set_invented_names(conn, story_id, invented_names)?;
        let outcome = review::approve(
            conn,
            story_id,
            signed_in.moderator.id,
            title.as_ref(),
            &theme_ids,
            required,
            &month,
        )?;
        let action = match outcome {
            ApprovalOutcome::Approved if publishable => AuditAction::ApprovedForPublication,
            ApprovalOutcome::Approved => AuditAction::ApprovedForCounting,
            ApprovalOutcome::AwaitingAnother => AuditAction::ApprovalRecorded,
            ApprovalOutcome::ApprovalsReset => {
                // What changed is said by the title and themes now stored, not here.
                audit::record(
                    conn,
                    signed_in.email(),
                    AuditAction::ApprovalsReset,
                    Some(&public_id),
                    Some("title or themes changed"),
                )?;
                AuditAction::ApprovalRecorded
            }
            ApprovalOutcome::AlreadyApprovedByYou => {
                let next = next_location(conn, me, story_id, done_code(outcome), None)?;
                return Ok((outcome, next));
            }
        };
        audit::record(conn, signed_in.email(), action, Some(&public_id), None)?;
        review::release_claim(conn, story_id, me)?;
        // The title as stored (after the anonymiser) is shown on the next page.
        let titled =
            (publishable && outcome == ApprovalOutcome::Approved).then_some(public_id.as_str());
        let next = next_location(conn, me, story_id, done_code(outcome), titled)?;
        Ok((outcome, next))
    })
    .await?;
    state.refresh_published().await;
    if outcome == ApprovalOutcome::Approved {
        crate::metrics::record_event("approvals");
    }
    Ok(see_other(location))
}

/// The `?done=` code of an approval's outcome, for the notice on the next page.
fn done_code(outcome: ApprovalOutcome) -> &'static str {
    match outcome {
        ApprovalOutcome::Approved => "approved",
        ApprovalOutcome::AwaitingAnother => "awaiting",
        ApprovalOutcome::ApprovalsReset => "reset",
        ApprovalOutcome::AlreadyApprovedByYou => "already",
    }
}
