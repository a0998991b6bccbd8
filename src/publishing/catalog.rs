use std::collections::HashMap;
use std::sync::{Arc, RwLock};

use actix_web::web::Bytes;

use serde::Serialize;
use sha2::{Digest, Sha256};

use super::display::PlaceholderSpans;
use super::encoding::{EncodedBodies, RenderedBody};
use super::Cursor;
use crate::db::published::{PublishedRow, ThemeRow};
use crate::lang::Lang;

/// A theme as published.
#[derive(Clone, Debug, Serialize)]
pub struct PublicTheme {
    pub slug: String,
    pub label_nl: String,
    pub label_en: String,
    #[serde(skip)]
    id: i64,
}

/// A published story: the title, texts, themes, language, age band and month of
/// publication, and nothing else that could link it to its answers.
#[derive(Clone, Debug, Serialize)]
pub struct PublicStory {
    pub id: String,
    /// The story's page, in its own language, absolute from `KANARIE_PUBLIC_URL`.
    pub url: String,
    pub title: String,
    pub lang: String,
    pub age_band: String,
    /// `YYYY-MM`: the month, never the day.
    pub published: String,
    pub themes: Vec<PublicTheme>,
    pub story: String,
    pub what_should_change: Option<String>,
    pub child_words: Option<String>,
    /// This story serialised once, as every response that includes it sends it; its
    /// compressed forms are made when it is first asked for in one (there may be 100,000
    /// stories, and most are read in a list).
    #[serde(skip)]
    pub json: RenderedBody,
    /// Where the placeholders are in the texts, for pages that show them as labels.
    #[serde(skip)]
    pub placeholders: PlaceholderSpans,
    /// A moderator chose invented first names instead of "[naam 1]" on kanarie's pages.
    #[serde(skip)]
    pub invented_names: bool,
}

impl PublicStory {
    fn cursor(&self) -> Cursor {
        Cursor::new(&self.published, &self.id)
    }

    pub fn has_theme(&self, slug: &str) -> bool {
        self.themes.iter().any(|t| t.slug == slug)
    }
}

/// A page of stories and where the next one starts.
pub struct StoryPage<'a> {
    pub stories: Vec<&'a PublicStory>,
    pub next: Option<Cursor>,
}

/// Rendered responses kept at most per catalogue; beyond it the memo starts again.
const MEMO_ENTRIES: usize = 4096;

/// Every published story, newest month first (within a month by public id: the order of
/// approval or submission is not shown), and the themes.
pub struct Catalog {
    stories: Vec<PublicStory>,
    index: HashMap<String, usize>,
    themes: Vec<PublicTheme>,
    themes_json: RenderedBody,
    /// Lists, feeds and embeds rendered for this catalogue, by path and query, each with
    /// its compressed forms. A new catalogue starts with an empty memo, so nothing stale
    /// is ever served.
    memo: RwLock<HashMap<String, Arc<RenderedBody>>>,
    /// Compressed forms of the bodies made per request for this catalogue's version.
    encoded: EncodedBodies,
}

/// A strong validator for a body: its SHA-256, quoted.
pub fn etag_of(body: &[u8]) -> String {
    let digest = Sha256::digest(body);
    format!(
        "\"{}\"",
        data_encoding::BASE64URL_NOPAD.encode(&digest[..18])
    )
}

impl Catalog {
    pub fn empty() -> Catalog {
        Catalog::build(Vec::new(), Vec::new(), "")
    }

    /// The catalogue of `rows`; story URLs start with `public_url` (`KANARIE_PUBLIC_URL`).
    pub fn build(
        rows: Vec<(PublishedRow, Vec<i64>)>,
        theme_rows: Vec<ThemeRow>,
        public_url: &str,
    ) -> Catalog {
        let all_themes: Vec<PublicTheme> = theme_rows
            .iter()
            .map(|t| PublicTheme {
                slug: t.slug.clone(),
                label_nl: t.label_nl.clone(),
                label_en: t.label_en.clone(),
                id: t.id,
            })
            .collect();
        let mut stories: Vec<PublicStory> = rows
            .into_iter()
            .map(|(row, theme_ids)| {
                let placeholders = PlaceholderSpans::of(
                    &row.story_text,
                    row.change_text.as_ref(),
                    row.child_words.as_ref(),
                );
                let mut story = PublicStory {
                    url: super::story_url(public_url, &row.lang, &row.public_id),
                    id: row.public_id,
                    title: row.title.map(|t| t.as_str().to_owned()).unwrap_or_default(),
                    lang: row.lang,
                    age_band: row.age_band,
                    published: row.published_month.unwrap_or_default(),
                    themes: all_themes
                        .iter()
                        .filter(|t| theme_ids.contains(&t.id))
                        .cloned()
                        .collect(),
                    story: row.story_text.as_str().to_owned(),
                    what_should_change: row.change_text.map(|t| t.as_str().to_owned()),
                    child_words: row.child_words.map(|t| t.as_str().to_owned()),
                    json: RenderedBody::new(Bytes::new()),
                    placeholders,
                    invented_names: row.invented_names,
                };
                story.json = RenderedBody::new(serde_json::to_string(&story).unwrap_or_default());
                story
            })
            .collect();
        stories.sort_by_key(|s| std::cmp::Reverse(s.cursor()));
        let index = stories
            .iter()
            .enumerate()
            .map(|(i, s)| (s.id.clone(), i))
            .collect();
        let themes: Vec<PublicTheme> = theme_rows
            .iter()
            .filter(|t| t.active)
            .filter_map(|t| all_themes.iter().find(|p| p.id == t.id).cloned())
            .collect();
        let themes_json =
            RenderedBody::precompressed(serde_json::json!({ "themes": themes }).to_string());
        Catalog {
            stories,
            index,
            themes,
            themes_json,
            memo: RwLock::new(HashMap::new()),
            encoded: EncodedBodies::default(),
        }
    }

    /// The response for `key` (a path with its canonical query), rendered by `render` and
    /// compressed the first time it is asked of this catalogue.
    pub fn rendered<E>(
        &self,
        key: &str,
        render: impl FnOnce() -> Result<String, E>,
    ) -> Result<Arc<RenderedBody>, E> {
        if let Some(found) = self
            .memo
            .read()
            .ok()
            .and_then(|memo| memo.get(key).cloned())
        {
            return Ok(found);
        }
        let rendered = Arc::new(RenderedBody::precompressed(render()?));
        if let Ok(mut memo) = self.memo.write() {
            if memo.len() >= MEMO_ENTRIES {
                memo.clear();
            }
            memo.insert(key.to_owned(), Arc::clone(&rendered));
        }
        Ok(rendered)
    }

    /// How many bodies this catalogue has rendered (and compressed) so far.
    pub fn rendered_count(&self) -> usize {
        self.memo.read().map_or(0, |memo| memo.len())
    }

    /// Brotli and gzip forms of the bodies made per request for this catalogue version.
    pub fn encoded(&self) -> &EncodedBodies {
        &self.encoded
    }

    pub fn len(&self) -> usize {
        self.stories.len()
    }

    pub fn is_empty(&self) -> bool {
        self.stories.is_empty()
    }

    pub fn story(&self, id: &str) -> Option<&PublicStory> {
        self.index.get(id).and_then(|i| self.stories.get(*i))
    }

    pub fn themes(&self) -> &[PublicTheme] {
        &self.themes
    }

    pub fn themes_json(&self) -> &RenderedBody {
        &self.themes_json
    }

    pub fn theme_exists(&self, slug: &str) -> bool {
        self.themes.iter().any(|t| t.slug == slug)
    }

    /// Up to `limit` stories after `after`, newest first, in one language and/or theme.
    pub fn page(
        &self,
        lang: Option<Lang>,
        theme: Option<&str>,
        after: Option<&Cursor>,
        limit: usize,
    ) -> StoryPage<'_> {
        // Sorted newest (largest key) first: skip every story at or before the cursor.
        let start = match after {
            Some(cursor) => self.stories.partition_point(|s| s.cursor() >= *cursor),
            None => 0,
        };
        let mut matching = self.stories[start..].iter().filter(|s| {
            lang.is_none_or(|l| s.lang == l.code()) && theme.is_none_or(|t| s.has_theme(t))
        });
        let stories: Vec<&PublicStory> = matching.by_ref().take(limit).collect();
        let more = matching.next().is_some();
        let next = if more {
            stories.last().map(|s| s.cursor())
        } else {
            None
        };
        StoryPage { stories, next }
    }
}
