use askama::Template;
use askama_web::WebTemplate;

use crate::web::pages::story::StoryPaths;
use crate::web::pages::PageChrome;
use crate::web::path::LangPath;

#[derive(Template, WebTemplate)]
#[template(path = "privacy.html")]
pub struct PrivacyPage {
    page: PageChrome,
    status_href: &'static str,
    form_href: &'static str,
}

pub async fn show_privacy(lang: LangPath) -> PrivacyPage {
    let lang = lang.lang();
    PrivacyPage {
        page: PageChrome::new(lang, "/privacy"),
        status_href: StoryPaths::of(lang).status,
        form_href: StoryPaths::of(lang).form,
    }
}
