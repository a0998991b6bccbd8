//! A change sent after the session ended is not lost: it is kept through the sign-in and
//! shown again, filled in, to send with one click.
//!
//! Where it lives, and why that is safe: only in the moderator's browser. The answer to
//! the late change is the sign-in page with the change in hidden fields; the sign-in
//! sends them back, and the page after it shows the change again with a fresh CSRF token.
//! The server stores nothing of it (no table, no cookie, no log: form bodies are never
//! logged), and typed text stays `RawText` all the way, leaving that type only through
//! `echo_to_author` into the no-store pages of the moderator who typed it. It goes through
//! the anonymiser only when it is sent again, like any edit.
//!
//! Who may leave a change: only the holder of a session that existed and merely timed out,
//! who sent that session's CSRF token from this site. A forged cross-site post has no
//! cookie (`SameSite=Strict`) and no token, so no one can plant a change for a moderator
//! to confirm; an unknown or signed-out session keeps nothing.

use crate::anonymiser::{AuthorEcho, RawText};
use crate::questionnaire::TEXT_FIELDS;
use crate::web::form_body::FormFields;

use super::story::{REJECTION_REASONS, TAKE_DOWN_REASONS, TITLE_MAX_CHARS};

/// Prefix of the hidden fields that carry a pending change through the sign-in form.
pub const FIELD_PREFIX: &str = "pending.";

/// What a pending change does, read from its path.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum PendingAction {
    Edit(String),
    Approve(String),
    Reject(String),
    TakeDown(String),
    RejectMany,
}

impl PendingAction {
    /// The action a change path names, if it is one of the story changes kept.
    pub fn parse(path: &str) -> Option<PendingAction> {
        if path == "/moderation/queue/reject" {
            return Some(PendingAction::RejectMany);
        }
        let rest = path.strip_prefix("/moderation/stories/")?;
        let (id, verb) = rest.split_once('/')?;
        if id.is_empty() || id.len() > 64 || !id.chars().all(|c| c.is_ascii_alphanumeric()) {
            return None;
        }
        let id = id.to_owned();
        Some(match verb {
            "edit" => PendingAction::Edit(id),
            "approve" => PendingAction::Approve(id),
            "reject" => PendingAction::Reject(id),
            "unpublish" => PendingAction::TakeDown(id),
            _ => return None,
        })
    }

    pub fn path(&self) -> String {
        match self {
            PendingAction::RejectMany => "/moderation/queue/reject".to_owned(),
            PendingAction::Edit(id) => format!("/moderation/stories/{id}/edit"),
            PendingAction::Approve(id) => format!("/moderation/stories/{id}/approve"),
            PendingAction::Reject(id) => format!("/moderation/stories/{id}/reject"),
            PendingAction::TakeDown(id) => format!("/moderation/stories/{id}/unpublish"),
        }
    }

    pub fn story(&self) -> Option<&str> {
        match self {
            PendingAction::Edit(id)
            | PendingAction::Approve(id)
            | PendingAction::Reject(id)
            | PendingAction::TakeDown(id) => Some(id),
            PendingAction::RejectMany => None,
        }
    }

    /// The i18n key of what the change does.
    pub fn label_key(&self) -> &'static str {
        match self {
            PendingAction::Edit(_) => "mod.edit.title",
            PendingAction::Approve(_) => "mod.approve.title",
            PendingAction::Reject(_) => "mod.reject.title",
            PendingAction::TakeDown(_) => "mod.take_down.title",
            PendingAction::RejectMany => "mod.bulk.title",
        }
    }
}

/// A typed text of a pending change: the field, its label key, the text.
pub struct PendingText {
    pub name: &'static str,
    pub label_key: String,
    text: RawText,
}

impl PendingText {
    pub fn echo(&self) -> AuthorEcho<'_> {
        self.text.echo_to_author()
    }
}

/// A change kept through the sign-in: typed texts as `RawText`, everything else only as
/// codes from closed lists and ids.
pub struct PendingChange {
    pub action: PendingAction,
    pub texts: Vec<PendingText>,
    /// (field, value): reasons from the fixed lists, theme ids, story ids.
    pub codes: Vec<(&'static str, String)>,
}

/// Reads field `name` as the change sent it, or as the sign-in form carries it.
fn field<'a>(fields: &'a FormFields, prefix: &str, name: &str) -> &'a str {
    fields.get(&format!("{prefix}{name}"))
}

fn all<'a>(fields: &'a FormFields, prefix: &str, name: &str) -> Vec<&'a str> {
    fields.all(&format!("{prefix}{name}"))
}

impl PendingChange {
    /// The change a request to `path` sent in `fields` (`prefix` "" for the change itself,
    /// `FIELD_PREFIX` for the sign-in form carrying it). Fields a change does not take
    /// are dropped; codes are kept only when they are on their list.
    pub fn read(path: &str, fields: &mut FormFields, prefix: &str) -> Option<PendingChange> {
        let action = PendingAction::parse(path)?;
        let mut texts = Vec::new();
        let mut codes: Vec<(&'static str, String)> = Vec::new();
        let reason = field(fields, prefix, "reason").to_owned();
        match &action {
            PendingAction::Edit(_) => {
                for text_field in TEXT_FIELDS.iter() {
                    let typed: String = fields
                        .take(&format!("{prefix}{}", text_field.id))
                        .chars()
                        .take(text_field.max_chars)
                        .collect();
                    texts.push(PendingText {
                        name: text_field.id,
                        label_key: format!("form.{}.label", text_field.id),
                        text: RawText::new(typed),
                    });
                }
            }
            PendingAction::Approve(_) => {
                let typed: String = fields
                    .take(&format!("{prefix}title"))
                    .chars()
                    .take(TITLE_MAX_CHARS)
                    .collect();
                texts.push(PendingText {
                    name: "title",
                    label_key: "mod.approve.story_title".to_owned(),
                    text: RawText::new(typed),
                });
                for theme in all(fields, prefix, "theme") {
                    if theme.parse::<i64>().is_ok() {
                        codes.push(("theme", theme.to_owned()));
                    }
                }
            }
            PendingAction::Reject(_) => {
                if let Some(r) = REJECTION_REASONS.iter().find(|r| **r == reason) {
                    codes.push(("reason", (*r).to_owned()));
                }
            }
            PendingAction::TakeDown(_) => {
                if let Some(r) = TAKE_DOWN_REASONS.iter().find(|r| **r == reason) {
                    codes.push(("reason", (*r).to_owned()));
                }
            }
            PendingAction::RejectMany => {
                if let Some(r) = REJECTION_REASONS.iter().find(|r| **r == reason) {
                    codes.push(("reason", (*r).to_owned()));
                }
                for story in all(fields, prefix, "story").into_iter().take(200) {
                    if !story.is_empty()
                        && story.len() <= 64
                        && story.chars().all(|c| c.is_ascii_alphanumeric())
                    {
                        codes.push(("story", story.to_owned()));
                    }
                }
            }
        }
        Some(PendingChange {
            action,
            texts,
            codes,
        })
    }

    /// The path the sign-in form sends the change's path in.
    pub fn path(&self) -> String {
        self.action.path()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_story_changes_with_plain_ids_are_kept() {
        assert_eq!(
            PendingAction::parse("/moderation/stories/abc123/approve"),
            Some(PendingAction::Approve("abc123".into()))
        );
        assert_eq!(
            PendingAction::parse("/moderation/queue/reject"),
            Some(PendingAction::RejectMany)
        );
        for refused in [
            "/moderation/accounts",
            "/moderation/stories/abc/delete",
            "/moderation/stories/a%2Fb/edit",
            "/moderation/stories//edit",
            "https://elders.example/moderation/stories/abc/edit",
        ] {
            assert_eq!(PendingAction::parse(refused), None, "{refused}");
        }
    }

    #[test]
    fn codes_off_their_list_are_dropped() {
        let mut fields = FormFields::parse(b"reason=made-up&theme=3&theme=x&title=Titel");
        let change =
            PendingChange::read("/moderation/stories/abc/approve", &mut fields, "").unwrap();
        assert_eq!(change.codes, vec![("theme", "3".to_owned())]);
        assert_eq!(change.texts[0].echo().to_string(), "Titel");
        let mut fields = FormFields::parse(b"pending.reason=made-up");
        let change =
            PendingChange::read("/moderation/stories/abc/reject", &mut fields, FIELD_PREFIX)
                .unwrap();
        assert!(change.codes.is_empty());
    }
}
