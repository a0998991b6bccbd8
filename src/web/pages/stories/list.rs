use actix_web::{web, HttpRequest, HttpResponse};
use askama::Template;

use super::view::{StoryView, TextLabels};
use crate::error::AppError;
use crate::lang::Lang;
use crate::publishing::{stories_path, Catalog, Cursor};
use crate::state::AppState;
use crate::web::api::Query;
use crate::web::pages::story::StoryPaths;
use crate::web::pages::PageChrome;
use crate::web::path::LangPath;

/// Stories per page.
pub const PAGE_SIZE: usize = 20;
/// Characters of each story shown in the list.
const EXCERPT_CHARS: usize = 280;

pub struct ThemeFilter {
    pub label: String,
    pub href: String,
    pub current: bool,
}

#[derive(Template)]
#[template(path = "stories/list.html")]
struct ListPage {
    page: PageChrome,
    stories: Vec<StoryView>,
    labels: TextLabels,
    filters: Vec<ThemeFilter>,
    /// The chosen theme's label.
    theme_label: Option<String>,
    unknown_theme: bool,
    next_href: Option<String>,
    first_href: Option<String>,
    form_href: &'static str,
}

fn list_href(lang: Lang, theme: Option<&str>, cursor: Option<&Cursor>) -> String {
    let mut query = form_urlencoded::Serializer::new(String::new());
    if let Some(theme) = theme {
        query.append_pair("theme", theme);
    }
    if let Some(cursor) = cursor {
        query.append_pair("cursor", &cursor.encode());
    }
    let query = query.finish();
    if query.is_empty() {
        stories_path(lang).to_owned()
    } else {
        format!("{}?{query}", stories_path(lang))
    }
}

fn render(
    catalog: &Catalog,
    lang: Lang,
    theme: Option<&str>,
    unknown_theme: bool,
    after: Option<&Cursor>,
) -> Result<String, AppError> {
    let page = catalog.page(None, theme, after, PAGE_SIZE);
    let label_of = |t: &crate::publishing::PublicTheme| match lang {
        Lang::Nl => t.label_nl.clone(),
        Lang::En => t.label_en.clone(),
    };
    let mut filters = vec![ThemeFilter {
        label: rust_i18n::t!("stories.every_theme", locale = lang.code()).into_owned(),
        href: list_href(lang, None, None),
        current: theme.is_none(),
    }];
    filters.extend(catalog.themes().iter().map(|t| ThemeFilter {
        label: label_of(t),
        href: list_href(lang, Some(&t.slug), None),
        current: theme == Some(t.slug.as_str()),
    }));
    ListPage {
        page: PageChrome {
            lang,
            switch_href: list_href(lang.other(), theme, after),
        },
        stories: page
            .stories
            .iter()
            .map(|s| StoryView::of(s, lang, EXCERPT_CHARS))
            .collect(),
        labels: TextLabels::new(lang),
        filters,
        theme_label: theme.and_then(|slug| {
            catalog
                .themes()
                .iter()
                .find(|t| t.slug == slug)
                .map(label_of)
        }),
        unknown_theme,
        next_href: page.next.map(|c| list_href(lang, theme, Some(&c))),
        first_href: after.map(|_| list_href(lang, theme, None)),
        form_href: StoryPaths::of(lang).form,
    }
    .render()
    .map_err(|e| AppError::Internal(format!("story list template: {e}")))
}

/// `GET /nl/verhalen`, `/en/stories`: published stories of every language, newest first,
/// `PAGE_SIZE` a page, with `?theme=` and `?cursor=` (keyset pagination, as the API's).
/// A theme that does not exist (an old link) shows every story with a note; a cursor
/// kanarie did not make is a 400.
pub async fn list_stories(
    req: HttpRequest,
    state: web::Data<AppState>,
    lang: LangPath,
) -> Result<HttpResponse, AppError> {
    let lang = lang.lang();
    let catalog = state.publisher.catalog();
    let query = Query::of(&req);
    let (theme, unknown_theme) = match query.get("theme").filter(|t| !t.is_empty()) {
        None => (None, false),
        Some(slug) if catalog.theme_exists(slug) => (Some(slug.to_owned()), false),
        Some(_) => (None, true),
    };
    let after = match query.get("cursor") {
        None => None,
        Some(text) => Some(Cursor::decode(text).ok_or(AppError::InvalidQuery("cursor"))?),
    };
    let key = format!(
        "stories-page|{}|{}|{}|{}",
        lang.code(),
        theme.as_deref().unwrap_or(""),
        unknown_theme,
        after.map(|c| c.encode()).unwrap_or_default()
    );
    let rendered = catalog.rendered(&key, || {
        render(
            &catalog,
            lang,
            theme.as_deref(),
            unknown_theme,
            after.as_ref(),
        )
    })?;
    Ok(super::cached_page(&req, &rendered))
}
