use actix_web::{web, HttpRequest, HttpResponse};
use serde_json::json;

use crate::error::AppError;
use crate::lang::Lang;
use crate::publishing::{etag_of, stories_path, PublicStory};
use crate::state::AppState;
use crate::web::api::{cached, Query};

/// The frame's width when the consumer sets no `maxwidth`.
pub const DEFAULT_WIDTH: u32 = 560;
/// The largest `maxwidth`/`maxheight` read; larger is a 400 (the OpenAPI document says so).
pub const MAX_DIMENSION: u32 = 10_000;
/// The frame is never taller than this without a `maxheight`: beyond it the frame scrolls.
const TALLEST: u32 = 1_200;
const SHORTEST: u32 = 240;

/// The story a page address names: `{KANARIE_PUBLIC_URL}/nl/verhalen/{id}` or
/// `.../en/stories/{id}`, with or without a trailing slash, query or fragment; and the
/// page's language.
fn story_of_url<'a>(public_url: &str, url: &'a str) -> Option<(Lang, &'a str)> {
    let path = url.strip_prefix(public_url)?;
    let path = path.split(['?', '#']).next().unwrap_or("");
    Lang::ALL.iter().find_map(|&lang| {
        let id = path
            .strip_prefix(stories_path(lang))?
            .strip_prefix('/')?
            .trim_end_matches('/');
        (!id.is_empty() && !id.contains('/')).then_some((lang, id))
    })
}

/// A positive whole number up to `MAX_DIMENSION`, or a 400 naming the parameter.
fn dimension(query: &Query, name: &'static str) -> Result<Option<u32>, AppError> {
    match query.get(name) {
        None => Ok(None),
        Some(text) => text
            .parse::<u32>()
            .ok()
            .filter(|n| (1..=MAX_DIMENSION).contains(n) && text.bytes().all(|b| b.is_ascii_digit()))
            .map(Some)
            .ok_or(AppError::InvalidQuery(name)),
    }
}

/// About how tall the story's frame is at `width` CSS pixels: its lines of text at about
/// 9 pixels a character and 25 a line, plus title, headings, note and links.
pub fn estimated_height(story: &PublicStory, width: u32) -> u32 {
    let per_line = (width.saturating_sub(24) / 9).max(16) as usize;
    let mut lines = story.title.chars().count() / per_line + 1;
    let mut headings = 0;
    for text in [
        Some(&story.story),
        story.what_should_change.as_ref(),
        story.child_words.as_ref(),
    ]
    .into_iter()
    .flatten()
    {
        headings += 1;
        lines += text
            .split('\n')
            .map(|paragraph| paragraph.chars().count() / per_line + 1)
            .sum::<usize>();
    }
    let estimate = 140 + 40 * headings + 25 * lines;
    u32::try_from(estimate)
        .unwrap_or(TALLEST)
        .clamp(SHORTEST, TALLEST)
}

/// Escapes text for an HTML attribute value in double quotes.
fn attribute(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '"' => out.push_str("&quot;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// `GET /oembed?url=STORY_PAGE&format=json&maxwidth=&maxheight=` (oEmbed 1.0): a `rich`
/// item whose `html` is an iframe of `/embed/stories/{id}`, no wider than `maxwidth` and
/// no taller than `maxheight`. An address that is not a published story's page is a 404;
/// `format=xml` is a 501 (kanarie speaks JSON only); anything else wrong is a 400.
pub async fn oembed(
    req: HttpRequest,
    state: web::Data<AppState>,
) -> Result<HttpResponse, AppError> {
    let query = Query::of(&req);
    match query.get("format") {
        None | Some("json") => {}
        Some("xml") => return Err(AppError::UnsupportedFormat),
        Some(_) => return Err(AppError::InvalidQuery("format")),
    }
    let url = query.get("url").ok_or(AppError::InvalidQuery("url"))?;
    let max_width = dimension(&query, "maxwidth")?;
    let max_height = dimension(&query, "maxheight")?;
    let public_url = state.config.public_url.as_str();
    let (lang, id) = story_of_url(public_url, url).ok_or(AppError::NotFound)?;
    let catalog = state.publisher.catalog();
    let story = catalog.story(id).ok_or(AppError::NotFound)?;

    let width = max_width.map_or(DEFAULT_WIDTH, |max| max.min(DEFAULT_WIDTH));
    let height = estimated_height(story, width);
    let height = max_height.map_or(height, |max| max.min(height));
    let src = format!(
        "{public_url}/embed/stories/{}?lang={}",
        story.id,
        lang.code()
    );
    let html = format!(
        "<iframe src=\"{}\" title=\"{}\" width=\"{width}\" height=\"{height}\" loading=\"lazy\" frameborder=\"0\"></iframe>",
        attribute(&src),
        attribute(&story.title),
    );
    let body = json!({
        "version": "1.0",
        "type": "rich",
        "provider_name": "kanarie",
        "provider_url": public_url,
        "title": story.title,
        "html": html,
        "width": width,
        "height": height,
        "cache_age": 3600,
    })
    .to_string();
    let etag = etag_of(body.as_bytes());
    Ok(cached(&req, "application/json", body, &etag))
}

#[cfg(test)]
mod tests {
    use super::*;

    const BASE: &str = "https://kanarie.example";

    #[test]
    fn only_story_page_addresses_of_this_site_name_a_story() {
        let id = "abcdefghijklmnopqrstuvwx";
        assert_eq!(
            story_of_url(BASE, &format!("{BASE}/nl/verhalen/{id}")),
            Some((Lang::Nl, id))
        );
        assert_eq!(
            story_of_url(BASE, &format!("{BASE}/en/stories/{id}/?x=1#top")),
            Some((Lang::En, id))
        );
        for other in [
            format!("https://elders.example/nl/verhalen/{id}"),
            format!("{BASE}/nl/verhaal/{id}"),
            format!("{BASE}/nl/verhalen/"),
            format!("{BASE}/nl/verhalen/{id}/meer"),
            format!("{BASE}/api/v1/stories/{id}"),
            String::new(),
        ] {
            assert_eq!(story_of_url(BASE, &other), None, "{other}");
        }
    }

    #[test]
    fn attributes_are_escaped() {
        assert_eq!(attribute("a\"<b>&'"), "a&quot;&lt;b&gt;&amp;&#39;");
    }
}
