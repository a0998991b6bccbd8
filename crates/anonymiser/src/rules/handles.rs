//! Usernames: unusual lowercase words near "Discord", "TikTok", "gebruikersnaam".

use crate::kind::Kind;
use crate::tokens::Case;

use super::lexical;
use super::{Cx, Label, Strength, Word};

/// An unusual lowercase word near a handle cue.
pub(super) fn handle(cx: &Cx<'_>, w: &Word<'_>, labels: &mut [Option<Label>]) -> bool {
    let Cx { tokens, .. } = *cx;
    let Word { i, t, base, f, .. } = *w;
    // An unusual lowercase word near "Discord", "TikTok", "username": a handle.
    // a kept word (a country, a role, an app) is no username: "my friend from belgium"
    if t.case == Case::Lower
        && !w.kept
        && !f.is_proper()
        && base.chars().count() >= 4
        && !lexical(tokens, t)
        && cx.handle_cues.before(t.start)
    {
        labels[i] = Some(Label::new(Kind::Handle, Strength::Local));
        return true;
    }
    false
}
