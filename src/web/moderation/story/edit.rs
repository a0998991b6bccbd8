use actix_web::{web, HttpRequest, HttpResponse};

use super::show::load;
use crate::anonymiser::{anonymise_story, AnonymisedText, RawText, Segment};
use crate::db::audit::AuditAction;
use crate::db::stories::checkpoint_after_delete;
use crate::db::{audit, review};
use crate::error::AppError;
use crate::lang::Lang;
use crate::questionnaire::TEXT_FIELDS;
use crate::state::AppState;
use crate::web::moderation::change::ModeratorForm;
use crate::web::render::see_other;

/// Saves a moderator's redaction or edit. What they typed goes through the anonymiser like
/// a parent's text (placeholders already there are kept), and earlier approvals lapse.
/// What the edit removed must not linger either: on SQLite the WAL is checkpointed and
/// emptied after the change, and `secure_delete` overwrites the replaced text's pages.
pub async fn edit_story(
    req: HttpRequest,
    state: web::Data<AppState>,
    change: ModeratorForm,
    id: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    let ModeratorForm {
        signed_in,
        form: mut fields,
    } = change;
    let (story, _) = load(&state, id.into_inner()).await?;
    let lang = Lang::parse(&story.record.lang).unwrap_or_default();
    // Placeholders the moderator typed ("[naam 9]") are theirs, not the anonymiser's
    // changes: only their spelling is kept, to leave them out of what is pointed out.
    let mut typed_placeholders: Vec<String> = Vec::new();
    let texts: Vec<RawText> = TEXT_FIELDS
        .iter()
        .map(|field| {
            let text: String = fields
                .take(field.id)
                .chars()
                .take(field.max_chars)
                .collect();
            typed_placeholders.extend(bracketed(&text));
            RawText::new(text)
        })
        .collect();
    if texts[0].is_blank() {
        return Err(AppError::BadRequest);
    }
    let anonymised = anonymise_story(lang, &texts.iter().collect::<Vec<_>>());
    drop(texts);
    let removed_summary = anonymised.summary;
    let removed = removed_summary.total();
    let mut edited = anonymised.texts.into_iter();
    let optional = |text: Option<AnonymisedText>| text.filter(|t| !t.as_str().trim().is_empty());
    let story_text = edited
        .next()
        .ok_or_else(|| AppError::Internal("the anonymiser returned no story text".into()))?;
    let (change, child_words) = (optional(edited.next()), optional(edited.next()));
    // Placeholders the edit added, to point out on the page after saving: the anonymiser's
    // changes to what the moderator typed. Only placeholders travel in the URL, never text.
    let before: Vec<String> = [
        Some(&story.record.story_text),
        story.record.change_text.as_ref(),
        story.record.child_words.as_ref(),
    ]
    .into_iter()
    .flatten()
    .flat_map(placeholders_of)
    .collect();
    let mut added: Vec<String> = [Some(&story_text), change.as_ref(), child_words.as_ref()]
        .into_iter()
        .flatten()
        .flat_map(placeholders_of)
        .filter(|p| !before.contains(p) && !typed_placeholders.contains(p))
        .collect();
    added.sort_unstable();
    added.dedup();
    let removed_json = serde_json::to_string(&removed_summary)
        .map_err(|e| AppError::Internal(format!("summary not serialised: {e}")))?;
    let public_id = story.record.public_id.clone();
    let story_id = story.record.id;
    crate::db::run(&state.pool, move |conn| {
        review::update_texts(
            conn,
            story_id,
            &story_text,
            change.as_ref(),
            child_words.as_ref(),
            &removed_summary,
        )?;
        let detail = format!("removed {removed}");
        audit::record(
            conn,
            signed_in.email(),
            AuditAction::Edited,
            Some(&public_id),
            Some(&detail),
        )?;
        checkpoint_after_delete(conn)?;
        Ok(())
    })
    .await?;
    let query = form_urlencoded::Serializer::new(String::new())
        .append_pair("done", "saved")
        .append_pair("removed", &removed_json)
        .append_pair("new", &added.join("|"))
        .finish();
    Ok(see_other(format!(
        "{}?{query}#edit-heading",
        req.path().trim_end_matches("/edit")
    )))
}

/// Every "[...]" of a typed text that could be a placeholder (short, on one line).
fn bracketed(text: &str) -> Vec<String> {
    let mut found = Vec::new();
    let mut rest = text;
    while let Some(open) = rest.find('[') {
        let after = &rest[open..];
        match after.find(']') {
            Some(close) if close <= 40 && !after[..close].contains('\n') => {
                found.push(after[..=close].to_owned());
                rest = &after[close + 1..];
            }
            _ => rest = &after[1..],
        }
    }
    found
}

fn placeholders_of(text: &AnonymisedText) -> Vec<String> {
    text.segments()
        .filter_map(|s| match s {
            Segment::Placeholder(p) => Some(p.to_owned()),
            Segment::Text(_) => None,
        })
        .collect()
}
