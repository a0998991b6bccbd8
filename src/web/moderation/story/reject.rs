use actix_web::http::header;
use actix_web::{web, HttpRequest, HttpResponse};

use super::show::{load, StoryPage};
use super::REJECTION_REASONS;
use crate::db::stories::checkpoint_after_delete;
use crate::db::{audit, review};
use crate::error::AppError;
use crate::state::AppState;
use crate::web::form_body::{require_form, FormFields};
use crate::web::moderation::session::SignedIn;

/// Rejects a story: it is deleted with its answers (not flagged), and on SQLite the freed
/// pages are overwritten and the WAL emptied, so no trace of the text remains.
pub async fn reject_story(
    req: HttpRequest,
    state: web::Data<AppState>,
    signed_in: SignedIn,
    id: web::Path<String>,
    body: web::Bytes,
) -> Result<HttpResponse, AppError> {
    require_form(&req)?;
    let fields = FormFields::parse(&body);
    signed_in.verify_change(&req, fields.get("csrf"))?;
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
    crate::db::run(&state.pool, move |conn| {
        review::delete_story(conn, story_id)?;
        audit::record(
            conn,
            signed_in.email(),
            "rejected",
            Some(&public_id),
            Some(reason),
        )?;
        checkpoint_after_delete(conn)?;
        Ok(())
    })
    .await?;
    crate::metrics::record_event("rejections");
    // This instance serves the change at once; others within `publishing::REFRESH_EVERY`.
    if let Err(error) = state.publisher.refresh(&state.pool).await {
        tracing::warn!(%error, "published stories not refreshed");
    }
    Ok(HttpResponse::SeeOther()
        .insert_header((
            header::LOCATION,
            format!("{}?done=rejected", crate::web::moderation::paths::QUEUE),
        ))
        .finish())
}
