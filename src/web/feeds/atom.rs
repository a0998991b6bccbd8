use std::fmt::Write;

use actix_web::{web, HttpRequest, HttpResponse};

use super::{month_start, FeedInput};
use crate::error::AppError;
use crate::state::AppState;

/// Escapes text for XML and drops the characters XML 1.0 cannot carry at all.
fn xml_text(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\t' | '\n' | '\r' => out.push(c),
            c if (c as u32) < 0x20 || c == '\u{FFFE}' || c == '\u{FFFF}' => {}
            c => out.push(c),
        }
    }
    out
}

/// `GET /feed.atom`: an Atom 1.0 feed (RFC 4287) of the newest published stories.
pub async fn atom_feed(
    req: HttpRequest,
    state: web::Data<AppState>,
) -> Result<HttpResponse, AppError> {
    super::serve(&req, &state, &super::ATOM)
}

pub(super) fn render(feed: &FeedInput) -> String {
    let lang = feed.lang;
    let public_url = feed.public_url;
    let title = rust_i18n::t!("feed.title", locale = lang.code());
    let updated = feed
        .stories
        .first()
        .map(|s| month_start(&s.published))
        .unwrap_or_else(|| "2026-01-01T00:00:00Z".to_owned());
    let mut xml = String::with_capacity(2048 + feed.stories.len() * 2048);
    xml.push_str("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n");
    let _ = write!(
        xml,
        "<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"{}\">\n<id>{}</id>\n<title>{}</title>\n<updated>{}</updated>\n<author><name>kanarie</name></author>\n<link rel=\"self\" type=\"application/atom+xml\" href=\"{}\"/>\n<link rel=\"alternate\" type=\"text/html\" href=\"{}\"/>\n",
        lang.code(),
        xml_text(&feed.self_url),
        xml_text(&title),
        updated,
        xml_text(&feed.self_url),
        xml_text(&feed.home_url),
    );
    for story in &feed.stories {
        let mut content = story.story.clone();
        if let Some(change) = &story.what_should_change {
            content.push_str("\n\n");
            content.push_str(change);
        }
        if let Some(words) = &story.child_words {
            content.push_str("\n\n");
            content.push_str(words);
        }
        let _ = write!(
            xml,
            "<entry xml:lang=\"{}\">\n<id>{}</id>\n<title>{}</title>\n<updated>{}</updated>\n<link rel=\"alternate\" type=\"text/html\" href=\"{}\"/>\n<link rel=\"alternate\" type=\"application/json\" href=\"{}\"/>\n",
            xml_text(&story.lang),
            // The id stays the API address it always was, so readers see no new entries.
            xml_text(&format!("{public_url}/api/v1/stories/{}", story.id)),
            xml_text(&story.title),
            month_start(&story.published),
            xml_text(&story.url),
            xml_text(&format!("{public_url}/api/v1/stories/{}", story.id)),
        );
        for theme in &story.themes {
            let _ = writeln!(xml, "<category term=\"{}\"/>", xml_text(&theme.slug));
        }
        let _ = write!(
            xml,
            "<content type=\"text\">{}</content>\n</entry>\n",
            xml_text(&content)
        );
    }
    xml.push_str("</feed>\n");
    xml
}

#[cfg(test)]
mod tests {
    #[test]
    fn xml_text_escapes_markup_and_drops_forbidden_characters() {
        assert_eq!(
            super::xml_text("<a href=\"x\">&'</a>\u{1}\u{FFFF}ok"),
            "&lt;a href=&quot;x&quot;&gt;&amp;&apos;&lt;/a&gt;ok"
        );
    }
}
