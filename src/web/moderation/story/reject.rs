use actix_web::{web, HttpRequest, HttpResponse};

use super::show::{load, StoryPage};
use super::{next_location, REJECTION_REASONS};
use crate::db::audit::AuditAction;
use crate::db::stories::checkpoint_after_delete;
use crate::db::{audit, review};
use crate::error::AppError;
use crate::state::AppState;
use crate::web::moderation::change::ModeratorForm;
use crate::web::render::see_other;

/// Rejects a story: it is deleted with its answers (not flagged), and on SQLite the freed
/// pages are overwritten and the WAL emptied, so no trace of the text remains.
pub async fn reject_story(
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
    let Some(reason) = REJECTION_REASONS
        .iter()
        .find(|r| **r == fields.get("reason"))
    else {
        return Ok(StoryPage::build(
            &req,
            &signed_in,
            &story,
            &themes,
            state.config.two_person_approval,
        )
        .refuse("mod.reject.reason_required"));
    };
    let story_id = story.record.id;
    let public_id = story.record.public_id.clone();
    let me = signed_in.moderator.id;
    let location = crate::db::run(&state.pool, move |conn| {
        review::delete_story(conn, story_id)?;
        audit::record(
            conn,
            signed_in.email(),
            AuditAction::Rejected,
            Some(&public_id),
            Some(reason),
        )?;
        checkpoint_after_delete(conn)?;
        Ok(next_location(conn, me, story_id, "rejected", None)?)
    })
    .await?;
    crate::metrics::record_event("rejections");
    state.refresh_published().await;
    Ok(see_other(location))
}
