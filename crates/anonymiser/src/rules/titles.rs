//! Titles, initials, roles and introductions: "meneer jansen", "J. de Vries", "mijn dochter
//! roos (8)", "ik ben Mees". A name is decided by its role in the sentence, whatever its case.

use crate::gazetteer::Flags;
use crate::tokens::Case;

use super::{lexical, name_like_follow};
use super::{Cx, Label, Strength, Word};
use crate::lang::Lang;
use crate::tokens::Tokens;

/// A title followed by initials or particles, or an initial before a surname; function
/// words and particles end the token's turn here.
pub(super) fn title_and_initials(cx: &Cx<'_>, w: &Word<'_>, labels: &mut [Option<Label>]) -> bool {
    let Cx { tokens, .. } = *cx;
    let Word {
        i,
        t,
        f,
        prev_flags,
        single_letter,
        ..
    } = *w;
    // A title followed by initials or particles ("mw h. de lange", "meneer van Dam"),
    // or an initial before a surname ("J. de Vries", "A.B. Jansen").
    let after_title = prev_flags.has(Flags::TITLE_CUE);
    let initial = t.case == Case::Capital && single_letter && t.dotted;
    if (after_title && (f.has(Flags::PARTICLE) || single_letter)) || initial {
        if let Some(k) = surname_after(tokens, i, after_title) {
            for label in labels.iter_mut().take(k).skip(i) {
                *label = Some(Label::cued_person(Strength::Local));
            }
            labels[k] = Some(Label::cued_person(Strength::Story));
        }
        return true;
    }
    if f.has(Flags::FUNCTION) || f.has(Flags::PARTICLE) {
        return true;
    }
    false
}
/// A title, role or family word right before, or an introduction.
pub(super) fn role_or_introduction(
    cx: &Cx<'_>,
    w: &Word<'_>,
    labels: &mut [Option<Label>],
) -> bool {
    let Cx {
        text, tokens, lang, ..
    } = *cx;
    let Word {
        i,
        t,
        base,
        f,
        prev,
        prev_flags,
        kept,
        after_title,
        ..
    } = *w;
    // A title, role or family word right before: "juf Roos", "mijn dochter anouk";
    // or an introduction: "ik ben Mees", "I'm Sarah", "mijn naam is ...".
    let before_prev = i
        .checked_sub(2)
        .filter(|_| prev.is_some())
        .map(|k| tokens.lower(&tokens.list[k]));
    let introduces = matches!(
        (before_prev, prev),
        (Some("ik"), Some("ben"))
            | (Some("i"), Some("am"))
            | (_, Some("i'm" | "im"))
            | (Some("naam" | "name"), Some("is"))
    );
    let role_cue = prev_flags.has(Flags::PERSON_CUE);
    if (role_cue || introduces) && base.chars().count() >= 2 {
        let capital_name =
            t.case == Case::Capital && (!kept || after_title && !f.has(Flags::FUNCTION));
        // A lowercase word after a cue is a name only when it is no word ("anouk"), or
        // a known name followed the way names are ("mijn dochter roos (8)"), so that
        // "the teacher said" stays.
        // A possessive is followed by a thing ("my husband's job"), so it is no cue for
        // lowercase words; and English writes names with capitals.
        let possessive_cue = i
            .checked_sub(1)
            .is_some_and(|k| tokens.list[k].possessive > 0);
        let lowercase_name = t.case == Case::Lower
            && !kept
            && !possessive_cue
            && (!lexical(tokens, t)
                || lang == Lang::Nl && f.has(Flags::GIVEN) && name_like_follow(text, tokens, i));
        if capital_name && (role_cue || f.is_name() || !lexical(tokens, t)) || lowercase_name {
            labels[i] = Some(Label::cued_person(Strength::Story));
            return true;
        }
    }
    false
}

/// The index of the surname after initials and particles starting at `i` ("h. de lange",
/// "A.B. Jansen"); after a title the surname may be lowercase.
fn surname_after(tokens: &Tokens, i: usize, after_title: bool) -> Option<usize> {
    let n = tokens.list.len();
    let mut k = i;
    while k < n && k < i + 6 {
        let t = &tokens.list[k];
        let one_letter = tokens.lower(t).chars().count() == 1;
        if t.protected || !(t.flags.has(Flags::PARTICLE) || one_letter) {
            break;
        }
        k += 1;
    }
    let surname = tokens.list.get(k)?;
    // "het" starts no surname on its own ("de juf het noemde").
    if tokens.lower(&tokens.list[i]) == "het" {
        return None;
    }
    let had_initial = (i..k).any(|j| tokens.lower(&tokens.list[j]).chars().count() == 1);
    let fits = match surname.case {
        Case::Capital => !surname.flags.is_kept(),
        // lowercase only in "mw h. de lange" style, or when it is no word at all
        Case::Lower => {
            after_title
                && !surname.flags.has(Flags::FUNCTION)
                && !surname.flags.is_kept()
                && (had_initial || !lexical(tokens, surname))
        }
        _ => false,
    };
    (k > i || after_title && k == i)
        .then_some(k)
        .filter(|_| fits && !surname.protected && k < i + 6)
}
