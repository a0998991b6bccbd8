use askama::Template;
use askama_web::WebTemplate;

use crate::web::pages::story::StoryPaths;
use crate::web::pages::PageChrome;
use crate::web::path::LangPath;

#[derive(Template, WebTemplate)]
#[template(path = "home.html")]
pub struct HomePage {
    page: PageChrome,
    form_href: &'static str,
    status_href: &'static str,
    numbers_href: &'static str,
}

/// The home page in one language: what kanarie is for and where to start.
pub async fn show_home(lang: LangPath) -> HomePage {
    let lang = lang.lang();
    HomePage {
        page: PageChrome::new(lang, "/"),
        form_href: StoryPaths::of(lang).form,
        status_href: StoryPaths::of(lang).status,
        numbers_href: match lang {
            crate::lang::Lang::Nl => "/nl/cijfers",
            crate::lang::Lang::En => "/en/numbers",
        },
    }
}
