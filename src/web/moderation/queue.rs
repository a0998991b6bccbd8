use actix_web::http::StatusCode;
use actix_web::{web, HttpRequest, HttpResponse};
use askama::Template;

use super::chrome::ModerationChrome;
use super::session::SignedIn;
use crate::anonymiser::words_to_check;
use crate::db::review::{self, QueueItem};
use crate::error::AppError;
use crate::lang::Lang;
use crate::questionnaire::Consent;
use crate::state::AppState;
use crate::web::render::render_private;

/// Characters of a story the queue shows before cutting it at a word.
pub const EXCERPT_CHARS: usize = 160;

/// The first `EXCERPT_CHARS` or so characters of a text, cut at a word, with "…" when
/// there is more.
pub fn excerpt(text: &str) -> String {
    let flat: String = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if flat.chars().count() <= EXCERPT_CHARS {
        return flat;
    }
    let cut: String = flat.chars().take(EXCERPT_CHARS).collect();
    let cut = match cut.rfind(' ') {
        Some(space) if space > EXCERPT_CHARS / 2 => cut[..space].to_owned(),
        _ => cut,
    };
    format!("{}…", cut.trim_end_matches([',', '.', ';', ':']))
}

/// One row of the queue as the moderator reads it.
pub struct QueueRowView {
    pub public_id: String,
    pub lang: String,
    pub publishable: bool,
    pub excerpt: String,
    pub words: usize,
    /// "vandaag", "3 dagen".
    pub waiting: String,
    /// Short remarks: words worth a second look, approvals so far, taken down before.
    pub flags: Vec<String>,
    /// "Bezig: a@example.org (tot 21:15)" when someone else is reviewing it.
    pub claim: Option<String>,
    pub mine: bool,
}

#[derive(Template)]
#[template(path = "moderation/queue.html")]
struct QueuePage {
    chrome: ModerationChrome,
    rows: Vec<QueueRowView>,
    total: usize,
    to_publish: usize,
    to_count: usize,
    stale: i64,
    stale_days: u32,
    mail_failures: usize,
    notice: Option<String>,
    search: String,
    lang: String,
    consent: String,
    filtered: bool,
    reasons: Vec<(&'static str, String)>,
    error: Option<String>,
    /// The title the story just approved got, after the anonymiser.
    approved_title: Option<String>,
}

#[derive(serde::Deserialize, Default)]
pub struct QueueQuery {
    #[serde(default)]
    q: String,
    #[serde(default)]
    lang: String,
    #[serde(default)]
    consent: String,
    #[serde(default)]
    approved: String,
}

/// The stories waiting for review, oldest first, with counts and filters; admins also see
/// stories waiting too long and mail that could not be sent.
pub async fn show_queue(
    req: HttpRequest,
    state: web::Data<AppState>,
    signed_in: SignedIn,
    query: web::Query<QueueQuery>,
) -> Result<HttpResponse, AppError> {
    let page = build(&req, &state, &signed_in, query.into_inner()).await?;
    Ok(render_private(&page, StatusCode::OK))
}

/// The queue page again with an error at the top (a bulk rejection that was refused).
pub async fn refuse(
    req: &HttpRequest,
    state: &AppState,
    signed_in: &SignedIn,
    key: &str,
) -> Result<HttpResponse, AppError> {
    let mut page = build(req, state, signed_in, QueueQuery::default()).await?;
    page.error = Some(page.chrome.t(key));
    let mut response = render_private(&page, StatusCode::UNPROCESSABLE_ENTITY);
    response
        .extensions_mut()
        .insert(crate::web::middleware::OwnErrorPage);
    Ok(response)
}

async fn build(
    req: &HttpRequest,
    state: &AppState,
    signed_in: &SignedIn,
    query: QueueQuery,
) -> Result<QueuePage, AppError> {
    let stale_days = state.config.stale_review_days;
    let two_person = state.config.two_person_approval;
    let is_admin = signed_in.require_admin().is_ok();
    let now = crate::accounts::now();
    let approved = query.approved.clone();
    let (items, stale, mail_failures, approved_title) = crate::db::run(&state.pool, move |conn| {
        let items = review::queue(conn, now)?;
        let approved_title = match approved.as_str() {
            "" => None,
            id => review::find_story(conn, id)?
                .and_then(|s| s.record.title)
                .map(|t| t.as_str().to_owned()),
        };
        let (stale, failures) = if is_admin {
            let cutoff = chrono::Utc::now().date_naive() - chrono::Days::new(u64::from(stale_days));
            (
                review::pending_since_before(conn, cutoff)?,
                crate::mail::failures(conn)?.len(),
            )
        } else {
            (0, 0)
        };
        Ok((items, stale, failures, approved_title))
    })
    .await?;
    let chrome = ModerationChrome::new(req, Some(signed_in));
    let notice = super::story::done_notice(req, &chrome);
    let to_publish = items
        .iter()
        .filter(|i| i.row.consent.allows_publication())
        .count();
    let total = items.len();
    let search = query.q.trim().to_lowercase();
    let lang = Lang::parse(query.lang.trim())
        .map(|l| l.code().to_owned())
        .unwrap_or_default();
    let consent = Consent::parse(query.consent.trim())
        .map(|c| c.as_str().to_owned())
        .unwrap_or_default();
    let today = chrono::Utc::now().date_naive();
    let me = signed_in.moderator.id;
    let rows = items
        .into_iter()
        .filter(|item| lang.is_empty() || item.row.lang == lang)
        .filter(|item| consent.is_empty() || item.row.consent.as_str() == consent)
        .filter(|item| {
            search.is_empty()
                || item
                    .row
                    .story_text
                    .as_str()
                    .to_lowercase()
                    .contains(&search)
        })
        .map(|item| row_view(&chrome, item, me, today, two_person))
        .collect();
    let reasons = super::story::REJECTION_REASONS
        .iter()
        .map(|r| (*r, chrome.t(&format!("mod.reject.{r}"))))
        .collect();
    Ok(QueuePage {
        filtered: !(search.is_empty() && lang.is_empty() && consent.is_empty()),
        to_count: total - to_publish,
        to_publish,
        total,
        rows,
        stale,
        stale_days,
        mail_failures,
        notice,
        search: query.q.trim().to_owned(),
        lang,
        consent,
        reasons,
        error: None,
        approved_title,
        chrome,
    })
}

fn row_view(
    chrome: &ModerationChrome,
    item: QueueItem,
    me: i64,
    today: chrono::NaiveDate,
    two_person: bool,
) -> QueueRowView {
    let text = item.row.story_text.as_str();
    let story_lang = Lang::parse(&item.row.lang).unwrap_or_default();
    let mut flags = Vec::new();
    let check = words_to_check(story_lang, &item.row.story_text).len();
    if check > 0 {
        flags.push(
            chrome
                .t("mod.queue.flag_check")
                .replace("%{count}", &check.to_string()),
        );
    }
    if two_person && item.approvals > 0 {
        flags.push(
            chrome
                .t("mod.queue.flag_approvals")
                .replace("%{count}", &item.approvals.to_string()),
        );
    }
    if item.row.taken_down_reason.is_some() {
        flags.push(chrome.t("mod.queue.flag_taken_down"));
    }
    let days = (today - item.row.submitted_on).num_days().max(0);
    let waiting = match days {
        0 => chrome.t("mod.queue.today"),
        1 => chrome.t("mod.queue.one_day"),
        n => chrome
            .t("mod.queue.n_days")
            .replace("%{count}", &n.to_string()),
    };
    let mine = item.claimed_by.as_ref().is_some_and(|(id, _)| *id == me);
    let claim = item
        .claimed_by
        .filter(|(id, _)| *id != me)
        .map(|(_, email)| {
            chrome
                .t("mod.queue.claimed")
                .replace("%{who}", &email)
                .replace(
                    "%{until}",
                    &item
                        .row
                        .claimed_until
                        .map(super::amsterdam::time_of_day)
                        .unwrap_or_default(),
                )
        });
    QueueRowView {
        excerpt: excerpt(text),
        words: text.split_whitespace().count(),
        publishable: item.row.consent.allows_publication(),
        public_id: item.row.public_id,
        lang: item.row.lang,
        waiting,
        flags,
        claim,
        mine,
    }
}

#[cfg(test)]
mod tests {
    use super::excerpt;

    #[test]
    fn an_excerpt_is_cut_at_a_word_near_160_characters() {
        assert_eq!(
            excerpt("Kort  verhaal.\nMet regels."),
            "Kort verhaal. Met regels."
        );
        let long = "woord ".repeat(60);
        let cut = excerpt(&long);
        assert!(cut.ends_with("woord…"), "{cut}");
        assert!(cut.chars().count() <= 161);
        assert!(cut.chars().count() > 120);
    }
}
