use askama::Template;
use askama_web::WebTemplate;

use crate::web::pages::PageChrome;
use crate::web::path::LangPath;

#[derive(Template, WebTemplate)]
#[template(path = "home.html")]
pub struct HomePage {
    page: PageChrome,
}

/// The home page in one language: what kanarie is for and where to start.
pub async fn show_home(lang: LangPath) -> HomePage {
    HomePage {
        page: PageChrome::new(lang.lang(), "/"),
    }
}
