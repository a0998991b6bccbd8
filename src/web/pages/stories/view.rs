//! A published story as kanarie's HTML shows it (story page, list, embeds): its texts cut
//! into plain text and placeholder labels (or invented names), its month in words, its
//! themes with links to the list of that theme.

use crate::lang::Lang;
use crate::publishing::display::{excerpt_cut, spans_within, Piece, StoryTexts};
use crate::publishing::{stories_path, PublicStory};

const MONTHS_NL: [&str; 12] = [
    "januari",
    "februari",
    "maart",
    "april",
    "mei",
    "juni",
    "juli",
    "augustus",
    "september",
    "oktober",
    "november",
    "december",
];
const MONTHS_EN: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// `2026-11` as "november 2026" (or "November 2026"); anything else as it is.
pub fn month_label(month: &str, lang: Lang) -> String {
    let mut parts = month.splitn(2, '-');
    let year = parts.next().unwrap_or("");
    let name = parts
        .next()
        .and_then(|m| m.parse::<usize>().ok())
        .and_then(|m| m.checked_sub(1))
        .and_then(|m| match lang {
            Lang::Nl => MONTHS_NL.get(m),
            Lang::En => MONTHS_EN.get(m),
        });
    match name {
        Some(name) => format!("{name} {year}"),
        None => month.to_owned(),
    }
}

pub struct ThemeLink {
    pub label: String,
    pub href: String,
}

/// One text of a story, with a heading when it is not the story itself.
pub struct TextView {
    pub heading: Option<String>,
    pub pieces: Vec<Piece>,
}

pub struct StoryView {
    pub id: String,
    /// The story's own language (`lang` attribute of its text).
    pub lang: String,
    pub title: String,
    /// `YYYY-MM`, for `<time datetime>`.
    pub month: String,
    pub month_label: String,
    pub themes: Vec<ThemeLink>,
    /// Its page in the visitor's language.
    pub href: String,
    /// Its canonical page, absolute.
    pub url: String,
    pub texts: Vec<TextView>,
    /// The story's beginning and the rest, for lists and embeds.
    pub excerpt: Vec<Piece>,
    pub rest: Vec<Piece>,
    pub invented_names: bool,
}

fn t(key: &str, lang: Lang) -> String {
    rust_i18n::t!(key, locale = lang.code()).into_owned()
}

impl StoryView {
    /// `story` for a visitor reading kanarie in `lang`; the excerpt has about
    /// `excerpt_chars` characters.
    pub fn of(story: &PublicStory, lang: Lang, excerpt_chars: usize) -> StoryView {
        let list = stories_path(lang);
        let mut texts = StoryTexts::new(&story.id, story.invented_names);
        let spans = story.placeholders.story();
        let (excerpt, rest) = match excerpt_cut(&story.story, spans, excerpt_chars) {
            None => (texts.pieces(&story.story, spans), Vec::new()),
            Some((end, start)) => {
                let head = story.story.get(..end).unwrap_or("");
                let tail = story.story.get(start..).unwrap_or("");
                (
                    texts.pieces(head, &spans_within(spans, 0..end)),
                    texts.pieces(tail, &spans_within(spans, start..story.story.len())),
                )
            }
        };
        // The whole texts are cut afresh, so "name changed" is marked at their first
        // names too.
        let mut whole = StoryTexts::new(&story.id, story.invented_names);
        let mut all = vec![TextView {
            heading: None,
            pieces: whole.pieces(&story.story, spans),
        }];
        if let Some(change) = &story.what_should_change {
            all.push(TextView {
                heading: Some(t("stories.what_should_change", lang)),
                pieces: whole.pieces(change, story.placeholders.what_should_change()),
            });
        }
        if let Some(words) = &story.child_words {
            all.push(TextView {
                heading: Some(t("stories.child_words", lang)),
                pieces: whole.pieces(words, story.placeholders.child_words()),
            });
        }
        StoryView {
            id: story.id.clone(),
            lang: story.lang.clone(),
            title: story.title.clone(),
            month: story.published.clone(),
            month_label: month_label(&story.published, lang),
            themes: story
                .themes
                .iter()
                .map(|theme| ThemeLink {
                    label: match lang {
                        Lang::Nl => theme.label_nl.clone(),
                        Lang::En => theme.label_en.clone(),
                    },
                    href: format!(
                        "{list}?theme={}",
                        form_urlencoded::byte_serialize(theme.slug.as_bytes()).collect::<String>()
                    ),
                })
                .collect(),
            href: format!("{list}/{}", story.id),
            url: story.url.clone(),
            texts: all,
            excerpt,
            rest,
            invented_names: story.invented_names,
        }
    }
}

/// What the templates say about placeholders and invented names, once per page.
pub struct TextLabels {
    pub placeholder_title: String,
    pub name_changed: String,
    pub name_changed_title: String,
}

impl TextLabels {
    pub fn new(lang: Lang) -> TextLabels {
        TextLabels {
            placeholder_title: t("stories.placeholder_title", lang),
            name_changed: t("stories.name_changed", lang),
            name_changed_title: t("stories.name_changed_title", lang),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn months_read_as_words_in_both_languages() {
        assert_eq!(month_label("2026-11", Lang::Nl), "november 2026");
        assert_eq!(month_label("2027-01", Lang::En), "January 2027");
        assert_eq!(month_label("2026-13", Lang::Nl), "2026-13");
        assert_eq!(month_label("", Lang::En), "");
    }
}
