use actix_web::{web, HttpRequest, HttpResponse};
use diesel::Connection;

use super::REJECTION_REASONS;
use crate::db::audit::AuditAction;
use crate::db::stories::{checkpoint_after_delete, StoryStatus};
use crate::db::{audit, review};
use crate::error::AppError;
use crate::state::AppState;
use crate::web::moderation::change::ModeratorForm;
use crate::web::render::see_other;

/// Stories one bulk rejection takes at most (a queue page's worth).
const MAX_STORIES: usize = 200;

/// Rejects several pending stories at once (duplicates, spam) with one reason from the
/// fixed list: each is deleted like a single rejection and audited on its own, all in one
/// transaction, so either every ticked story is gone or none is.
pub async fn reject_many(
    req: HttpRequest,
    state: web::Data<AppState>,
    change: ModeratorForm,
) -> Result<HttpResponse, AppError> {
    let ModeratorForm {
        signed_in,
        form: fields,
    } = change;
    let reason = REJECTION_REASONS
        .iter()
        .find(|r| **r == fields.get("reason"));
    let mut chosen: Vec<String> = fields
        .all("story")
        .into_iter()
        .take(MAX_STORIES)
        .map(str::to_owned)
        .collect();
    chosen.sort_unstable();
    chosen.dedup();
    let Some(reason) = reason.filter(|_| !chosen.is_empty()) else {
        return crate::web::moderation::queue::refuse(
            &req,
            &state,
            &signed_in,
            "mod.bulk.none_chosen",
        )
        .await;
    };
    let rejected = crate::db::run(&state.pool, move |conn| {
        let rejected = conn.transaction::<_, AppError, _>(|conn| {
            let mut rejected = 0;
            for public_id in &chosen {
                // Only pending stories: a published one is taken down, not rejected here.
                let Some(story) = review::find_story(conn, public_id)?
                    .filter(|s| s.record.status == StoryStatus::Pending)
                else {
                    continue;
                };
                review::delete_story(conn, story.record.id)?;
                audit::record(
                    conn,
                    signed_in.email(),
                    AuditAction::Rejected,
                    Some(public_id),
                    Some(reason),
                )?;
                rejected += 1;
            }
            Ok(rejected)
        })?;
        checkpoint_after_delete(conn)?;
        Ok(rejected)
    })
    .await?;
    for _ in 0..rejected {
        crate::metrics::record_event("rejections");
    }
    Ok(see_other(format!(
        "{}?done=rejected_many&count={rejected}",
        crate::web::moderation::paths::QUEUE
    )))
}
