use actix_web::{web, HttpRequest, HttpResponse};
use askama::Template;

use super::page::{framable, scheme, transparent};
use crate::error::AppError;
use crate::lang::Lang;
use crate::publishing::{stories_path, Catalog, PublicStory};
use crate::state::AppState;
use crate::web::api::Query;
use crate::web::pages::stories::view::{StoryView, TextLabels};

#[derive(Template)]
#[template(path = "embed_story.html")]
struct EmbeddedStory {
    lang: Lang,
    scheme: &'static str,
    transparent: bool,
    story: StoryView,
    labels: TextLabels,
    more_href: String,
}

impl EmbeddedStory {
    fn t(&self, key: &str) -> String {
        rust_i18n::t!(key, locale = self.lang.code()).into_owned()
    }
}

fn render(
    state: &AppState,
    story: &PublicStory,
    lang: Lang,
    scheme: &'static str,
    transparent: bool,
) -> Result<String, AppError> {
    EmbeddedStory {
        lang,
        scheme,
        transparent,
        // Whole: an embed of one story never cuts it.
        story: StoryView::of(story, lang, usize::MAX),
        labels: TextLabels::new(lang),
        more_href: format!("{}{}", state.config.public_url, stories_path(lang)),
    }
    .render()
    .map_err(|e| AppError::Internal(format!("story embed template: {e}")))
}

/// The embed's language: `lang` when it names one, else the story's own.
fn embed_lang(query: &Query, story: &PublicStory) -> Lang {
    query
        .get("lang")
        .and_then(Lang::parse)
        .or_else(|| Lang::parse(&story.lang))
        .unwrap_or_default()
}

/// `GET /embed/stories/{id}?lang=&scheme=&background=`: one published story, whole, made
/// for an iframe (what oEmbed hands out). Framable like `/embed`; a story that is not
/// published is the ordinary 404.
pub async fn embed_story(
    req: HttpRequest,
    state: web::Data<AppState>,
    id: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    let catalog: std::sync::Arc<Catalog> = state.publisher.catalog();
    let story = catalog.story(&id).ok_or(AppError::NotFound)?;
    let query = Query::of(&req);
    let lang = embed_lang(&query, story);
    let scheme = scheme(&query);
    let transparent = transparent(&query);
    let key = format!(
        "embed-story|{}|{}|{scheme}|{transparent}",
        story.id,
        lang.code()
    );
    let rendered = catalog.rendered(&key, || render(&state, story, lang, scheme, transparent))?;
    Ok(framable(&req, &state, &rendered))
}
