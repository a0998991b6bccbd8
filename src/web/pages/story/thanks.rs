//! The thank-you page, which shows the parent their withdrawal code: after sending, again
//! after a Reload or a resend, and in the other language.
//!
//! How the code survives Back and Reload with no cookie and nothing in a URL, log or table:
//! - The page is the answer to the POST that sent the story (a redirect to a GET page would
//!   have to carry the code in its URL, or in a cookie).
//! - It is marked `private, no-cache` instead of `no-store`: browsers keep a POST's answer
//!   in their own cache only when it may be stored, and then Back shows that copy without
//!   the "resend the form?" question. No shared cache keeps it (`private`), and it holds
//!   the code and no story text.
//! - Reload (or Back and "resend") posts the same form again. The story is stored once
//!   (its public id is derived from the form's nonce), and the code is derived from the
//!   nonce too (`FormSigner::withdrawal_code`), so the same code is shown again, after
//!   checking it is the code whose hash was stored.
//! - The language switch and "save as file" post the code in the body of a form.

use actix_web::http::{header, StatusCode};
use actix_web::HttpResponse;
use askama::Template;

use super::view::render_private;
use super::StoryPaths;
use crate::config::Config;
use crate::lang::Lang;
use crate::web::pages::PageChrome;

/// What the thank-you page says.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Received {
    /// Just stored.
    Now,
    /// The same form sent again (Reload, Back and resend): stored once, the code again.
    Again,
    /// Sent again, but the code cannot be made again (the secret key changed since).
    AgainWithoutCode,
    /// Sent again after the story was withdrawn or rejected: not stored again.
    Closed,
    /// The code sent back by this page itself (the language switch).
    Shown,
}

#[derive(Template)]
#[template(path = "story/thanks.html")]
pub struct ThanksPage {
    pub page: PageChrome,
    pub paths: &'static StoryPaths,
    /// The other language's paths, for the language switch that keeps the code.
    pub other_paths: &'static StoryPaths,
    pub received: Received,
    pub code: Option<String>,
    /// Who reads the story ("Een vrijwilliger van Oudervereniging Balans leest je verhaal").
    pub who_reads: String,
    /// How long review usually takes, in coarse words.
    pub review_time: String,
    /// The status page's full address, printed with the code.
    pub status_url: String,
}

impl ThanksPage {
    pub fn new(lang: Lang, config: &Config, received: Received, code: Option<String>) -> Self {
        let page = PageChrome::new(lang, "/");
        let who_reads = match &config.organisation_name {
            Some(name) => rust_i18n::t!(
                "thanks.who_reads",
                locale = lang.code(),
                organisation = name
            )
            .into_owned(),
            None => page.t("thanks.who_reads_unnamed"),
        };
        let review_time = page.t(review_time_key(config.stale_review_days));
        ThanksPage {
            paths: StoryPaths::of(lang),
            other_paths: StoryPaths::of(lang.other()),
            received,
            code,
            who_reads,
            review_time,
            status_url: format!("{}{}", config.public_url, StoryPaths::of(lang).status),
            page,
        }
    }

    /// The page, kept by the browser for Back but by no shared cache (see the module).
    pub fn respond(&self) -> HttpResponse {
        let mut response = render_private(self, StatusCode::OK);
        if response.status() == StatusCode::OK {
            response.headers_mut().insert(
                header::CACHE_CONTROL,
                header::HeaderValue::from_static("private, no-cache"),
            );
        }
        response
    }
}

/// Review usually ends well before stories count as waiting too long
/// (`KANARIE_STALE_REVIEW_DAYS`): that target, in coarse words.
fn review_time_key(stale_review_days: u32) -> &'static str {
    match stale_review_days {
        0..=3 => "thanks.review_time.days",
        4..=7 => "thanks.review_time.week",
        8..=14 => "thanks.review_time.two_weeks",
        _ => "thanks.review_time.month",
    }
}
