use actix_web::{web, HttpRequest, HttpResponse};
use diesel::Connection;

use super::show::{load_any, StoryPage};
use super::TAKE_DOWN_REASONS;
use crate::db::audit::AuditAction;
use crate::db::stories::StoryStatus;
use crate::db::{audit, published};
use crate::error::AppError;
use crate::state::AppState;
use crate::web::moderation::change::ModeratorForm;
use crate::web::render::see_other;

/// Takes an approved story down, for a reason from a fixed list (audited): it leaves the
/// API, feeds, embeds and story pages at once on this instance (the catalogue is rebuilt
/// before the answer) and within `publishing::REFRESH_EVERY` on every other, and waits in
/// the queue again to be corrected and approved, or rejected and deleted.
pub async fn unpublish_story(
    req: HttpRequest,
    state: web::Data<AppState>,
    change: ModeratorForm,
    id: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    let ModeratorForm {
        signed_in,
        form: fields,
    } = change;
    let (story, themes) = load_any(&state, id.into_inner()).await?;
    if story.record.status != StoryStatus::Approved {
        return Err(AppError::NotFound);
    }
    let Some(reason) = TAKE_DOWN_REASONS
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
        .refuse("mod.take_down.reason_required"));
    };
    let story_id = story.record.id;
    let public_id = story.record.public_id.clone();
    let taken = crate::db::run(&state.pool, move |conn| {
        conn.transaction::<_, AppError, _>(|conn| {
            let taken = published::take_down(conn, story_id, reason)?;
            if taken {
                audit::record(
                    conn,
                    signed_in.email(),
                    AuditAction::TakenDown,
                    Some(&public_id),
                    Some(reason),
                )?;
            }
            Ok(taken)
        })
    })
    .await?;
    if !taken {
        // Taken down by someone else a moment ago: the story page says where it stands.
        return Ok(see_other(req.path().trim_end_matches("/unpublish")));
    }
    crate::metrics::record_event("take_downs");
    state.refresh_published().await;
    Ok(see_other(format!(
        "{}?done=taken_down",
        req.path().trim_end_matches("/unpublish")
    )))
}
