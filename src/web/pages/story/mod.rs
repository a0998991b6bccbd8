//! *Deel jouw verhaal*: the questionnaire, the preview, sending, and the parent's status
//! and withdrawal pages. Dutch and English paths lead to the same handlers.

mod check_status;
mod edit;
mod keep_code;
mod preview;
mod send;
mod show_code;
mod show_form;
mod show_status;
mod shown;
mod thanks;
mod view;
mod withdraw;

pub use view::summary_sentence;

use actix_web::http::header;
use actix_web::web::ServiceConfig;
use actix_web::HttpResponse;

use crate::lang::Lang;
use crate::web::routing::{form, post_only, read_only};

/// The questionnaire's paths in each language.
pub struct StoryPaths {
    pub form: &'static str,
    pub preview: &'static str,
    /// "Pas aan" on the preview: the questionnaire again, filled in.
    pub edit: &'static str,
    pub send: &'static str,
    pub status: &'static str,
    pub withdraw: &'static str,
    /// The thank-you page with a code sent in the body (its language switch).
    pub code: &'static str,
    /// The code as a text file to keep.
    pub code_file: &'static str,
    pub privacy: &'static str,
}

impl StoryPaths {
    pub fn of(lang: Lang) -> &'static StoryPaths {
        match lang {
            Lang::Nl => &StoryPaths {
                form: "/nl/verhaal",
                preview: "/nl/verhaal/voorbeeld",
                edit: "/nl/verhaal/aanpassen",
                send: "/nl/verhaal/versturen",
                status: "/nl/verhaal/status",
                withdraw: "/nl/verhaal/intrekken",
                code: "/nl/verhaal/code",
                code_file: "/nl/verhaal/code/bewaren",
                privacy: "/nl/privacy",
            },
            Lang::En => &StoryPaths {
                form: "/en/story",
                preview: "/en/story/preview",
                edit: "/en/story/edit",
                send: "/en/story/send",
                status: "/en/story/status",
                withdraw: "/en/story/withdraw",
                code: "/en/story/code",
                code_file: "/en/story/code/save",
                privacy: "/en/privacy",
            },
        }
    }
}

pub fn configure(cfg: &mut ServiceConfig) {
    for (lang, base) in [("nl", "verhaal"), ("en", "story")] {
        let paths = StoryPaths::of(Lang::parse(lang).unwrap_or_default());
        let route = |path: &str| format!("/{{lang:{lang}}}{}", &path[3..]);
        cfg.service(read_only(&route(paths.form), show_form::show_form))
            .service(form(&route(paths.preview), back_to_form, preview::preview))
            .service(form(&route(paths.edit), back_to_form, edit::edit))
            .service(form(&route(paths.send), back_to_form, send::send))
            .service(form(
                &route(paths.status),
                show_status::show_status,
                check_status::check_status,
            ))
            .service(post_only(&route(paths.withdraw), withdraw::withdraw))
            // A GET here (a bookmark) has no code to show: the status page asks for it.
            .service(form(&route(paths.code), to_status, show_code::show_code))
            .service(post_only(&route(paths.code_file), keep_code::keep_code));
        debug_assert!(paths.form.ends_with(base));
    }
}

/// A GET where a code was expected goes to the status page, which asks for it.
async fn to_status(lang: crate::web::path::LangPath) -> HttpResponse {
    HttpResponse::SeeOther()
        .insert_header((header::LOCATION, StoryPaths::of(lang.lang()).status))
        .finish()
}

/// A GET on a form's action (a reload, a bookmark) goes back to the form.
async fn back_to_form(lang: crate::web::path::LangPath) -> HttpResponse {
    HttpResponse::SeeOther()
        .insert_header((header::LOCATION, StoryPaths::of(lang.lang()).form))
        .finish()
}
