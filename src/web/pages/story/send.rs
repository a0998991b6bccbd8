use std::time::Duration;

use actix_web::http::StatusCode;
use actix_web::{web, HttpRequest, HttpResponse};

use super::shown;
use super::thanks::{Received, ThanksPage};
use super::view::StoryFormPage;
use crate::anonymiser::AnonymisedText;
use crate::db::stories::{has_withdrawal, insert_story, is_closed, NewStory};
use crate::error::AppError;
use crate::protection::form_token::TokenCheck;
use crate::questionnaire::{StoryForm, WithdrawalCode};
use crate::state::AppState;
use crate::web::form_body::require_form;
use crate::web::path::LangPath;

/// Step 2, "Verstuur": anonymises the texts again from what was sent and stores them with
/// the answers in one transaction, but only when that is exactly what the preview it was
/// sent from showed (its seal matches); otherwise the parent sees the new preview and
/// nothing is stored. Only after storing does the parent see "thank you" and their
/// withdrawal code (again after a Reload: see `thanks`).
pub async fn send(
    lang: LangPath,
    state: web::Data<AppState>,
    req: HttpRequest,
    body: web::Bytes,
) -> Result<HttpResponse, AppError> {
    require_form(&req)?;
    let lang = lang.lang();
    state.limit_submissions(&req)?;
    let form = StoryForm::parse(&body);

    let nonce = match state.form_signer.check(&form.token) {
        TokenCheck::Valid { age, nonce } => {
            let too_fast = age < Duration::from_secs(state.config.min_fill_seconds);
            if form.honeypot_filled || too_fast {
                return Ok(bot_thanks(lang, &state));
            }
            nonce
        }
        TokenCheck::Expired | TokenCheck::Invalid => {
            if form.honeypot_filled {
                return Ok(bot_thanks(lang, &state));
            }
            // Nothing is lost: the form comes back filled in, with a fresh token.
            return Ok(
                StoryFormPage::build(lang, &form, state.form_signer.issue(), &[])
                    .with_notice("form.notice.expired")
                    .respond(StatusCode::BAD_REQUEST),
            );
        }
    };

    let answers = match form.validate() {
        Ok(answers) => answers,
        Err(errors) => {
            return Ok(
                StoryFormPage::build(lang, &form, form.token.clone(), &errors)
                    .respond(StatusCode::UNPROCESSABLE_ENTITY),
            )
        }
    };

    let anonymised = shown::anonymise(lang, &form);
    if !shown::was_previewed(&state.form_signer, lang, &form, &anonymised, &answers) {
        // Changed below the preview (texts, ticked or typed words, answers), or never
        // previewed: show what would be stored now, and store nothing.
        let seal = shown::seal(&state.form_signer, lang, &form, &anonymised, &answers);
        return Ok(StoryFormPage::build(lang, &form, form.token.clone(), &[])
            .with_notice("preview.notice.changed")
            .with_preview(&form, &anonymised, seal)
            .respond(StatusCode::CONFLICT));
    }
    let mut texts = anonymised.texts.into_iter();
    let story = texts
        .next()
        .ok_or_else(|| AppError::Internal("the anonymiser returned no story text".into()))?;
    let optional = |text: Option<AnonymisedText>| text.filter(|t| !t.as_str().trim().is_empty());
    let code = state.form_signer.withdrawal_code(&nonce);
    let new_story = NewStory {
        public_id: state.form_signer.story_id(&nonce),
        lang,
        // The day, never the time: a time of day could be matched to a family's evening.
        submitted_on: chrono::Utc::now().date_naive(),
        withdrawal: code.hash(),
        story,
        what_should_change: optional(texts.next()),
        child_words: optional(texts.next()),
        summary: anonymised.summary,
        answers,
    };
    drop(form);

    // No review notice is queued here: its row would hold this moment. Moderators are told
    // by the notice check, which runs at fixed times (`mail::spawn_notice_scheduler`).
    let received = crate::db::run(&state.pool, move |conn| {
        // Withdrawn or rejected since this form was sent: its Reload must not bring it back.
        if is_closed(conn, &new_story.public_id, new_story.submitted_on)? {
            return Ok(Received::Closed);
        }
        match insert_story(conn, &new_story) {
            Ok(_) => Ok(Received::Now),
            Err(diesel::result::Error::DatabaseError(
                diesel::result::DatabaseErrorKind::UniqueViolation,
                _,
            )) => {
                // The same form again (Reload, Back and resend): stored once already. Its
                // code is shown again when it is the one stored, which it is unless the
                // secret key changed in between.
                let same = has_withdrawal(conn, &new_story.public_id, &new_story.withdrawal)?;
                Ok(if same {
                    Received::Again
                } else {
                    Received::AgainWithoutCode
                })
            }
            Err(error) => Err(error.into()),
        }
    })
    .await?;
    if received == Received::Now {
        crate::metrics::record_event("submissions");
    }
    let code = matches!(received, Received::Now | Received::Again).then(|| code.to_string());
    Ok(ThanksPage::new(lang, &state.config, received, code).respond())
}

/// What a bot sees: the same thank-you page with a code that belongs to nothing, so it
/// has no signal to adapt to. Nothing is stored.
fn bot_thanks(lang: crate::lang::Lang, state: &AppState) -> HttpResponse {
    ThanksPage::new(
        lang,
        &state.config,
        Received::Now,
        Some(WithdrawalCode::generate().to_string()),
    )
    .respond()
}
