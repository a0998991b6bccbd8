use actix_web::{web, HttpRequest, HttpResponse};
use askama::Template;

use super::view::{StoryView, TextLabels};
use crate::error::AppError;
use crate::lang::Lang;
use crate::publishing::{stories_path, PublicStory};
use crate::state::AppState;
use crate::web::pages::story::StoryPaths;
use crate::web::pages::PageChrome;
use crate::web::path::LangPath;

/// Characters of the story in the page's description (link previews).
const DESCRIPTION_CHARS: usize = 200;

#[derive(Template)]
#[template(path = "stories/show.html")]
struct StoryPage {
    page: PageChrome,
    story: StoryView,
    labels: TextLabels,
    description: String,
    alternates: Vec<(&'static str, String)>,
    oembed_href: String,
    og_locale: &'static str,
    list_href: &'static str,
    form_href: &'static str,
    mail_href: String,
    whatsapp_href: String,
}

/// Percent-encodes everything but RFC 3986's unreserved characters: for `mailto:` and
/// share links, where `+` would not read as a space.
pub fn percent_encode(text: &str) -> String {
    let mut out = String::with_capacity(text.len() * 3);
    for byte in text.bytes() {
        if byte.is_ascii_alphanumeric() || b"-._~".contains(&byte) {
            out.push(char::from(byte));
        } else {
            out.push_str(&format!("%{byte:02X}"));
        }
    }
    out
}

/// The story's beginning as one line, for link previews.
fn description(story: &PublicStory) -> String {
    let flat: String = story.story.split_whitespace().collect::<Vec<_>>().join(" ");
    if flat.chars().count() <= DESCRIPTION_CHARS {
        return flat;
    }
    let cut: String = flat.chars().take(DESCRIPTION_CHARS).collect();
    let end = cut.rfind(' ').unwrap_or(cut.len());
    format!("{}…", cut[..end].trim_end())
}

/// The oEmbed address of a story page, for the discovery link.
pub fn oembed_href(public_url: &str, page_url: &str) -> String {
    let query: String = form_urlencoded::Serializer::new(String::new())
        .append_pair("url", page_url)
        .append_pair("format", "json")
        .finish();
    format!("{public_url}/oembed?{query}")
}

fn render(state: &AppState, story: &PublicStory, lang: Lang) -> Result<String, AppError> {
    let public_url = state.config.public_url.as_str();
    let view = StoryView::of(story, lang, DESCRIPTION_CHARS);
    let here = format!("{public_url}{}", view.href);
    let other = lang.other();
    let share_text = format!("{}: {}", story.title, story.url);
    StoryPage {
        page: PageChrome {
            lang,
            switch_href: format!("{}/{}", stories_path(other), story.id),
        },
        description: description(story),
        alternates: vec![
            (lang.code(), here),
            (
                other.code(),
                format!("{public_url}{}/{}", stories_path(other), story.id),
            ),
        ],
        oembed_href: oembed_href(public_url, &story.url),
        og_locale: match lang {
            Lang::Nl => "nl_NL",
            Lang::En => "en_GB",
        },
        list_href: stories_path(lang),
        form_href: StoryPaths::of(lang).form,
        mail_href: format!(
            "mailto:?subject={}&body={}",
            percent_encode(&story.title),
            percent_encode(&share_text)
        ),
        whatsapp_href: format!("https://wa.me/?text={}", percent_encode(&share_text)),
        labels: TextLabels::new(lang),
        story: view,
    }
    .render()
    .map_err(|e| AppError::Internal(format!("story page template: {e}")))
}

/// `GET /nl/verhalen/{id}`, `/en/stories/{id}`: one published story, readable and
/// shareable. Anything not in the published catalogue is the ordinary 404.
pub async fn show_story(
    req: HttpRequest,
    state: web::Data<AppState>,
    lang: LangPath,
    path: web::Path<(String, String)>,
) -> Result<HttpResponse, AppError> {
    let lang = lang.lang();
    let (_, id) = path.into_inner();
    let catalog = state.publisher.catalog();
    let story = catalog.story(&id).ok_or(AppError::NotFound)?;
    let key = format!("story-page|{}|{}", lang.code(), story.id);
    let rendered = catalog.rendered(&key, || render(&state, story, lang))?;
    Ok(super::cached_page(&req, &rendered))
}

#[cfg(test)]
mod tests {
    use super::percent_encode;

    #[test]
    fn share_links_encode_everything_but_unreserved_characters() {
        assert_eq!(percent_encode("a b&c=ë/~"), "a%20b%26c%3D%C3%AB%2F~");
    }
}
