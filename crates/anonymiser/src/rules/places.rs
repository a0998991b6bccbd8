//! Places: lowercase places after a place cue, the town after a postcode, neighbourhoods.

use crate::kind::Kind;
use crate::tokens::Case;

use super::lexical;
use super::{Cx, Label, Strength, Word};
use crate::context::DWELLING_VERBS;
use crate::engine::Found;
use crate::tokens::Tokens;

/// "in stadsveld", "wonen in rijnwijk": a lowercase word that is no word after a place cue.
pub(super) fn lowercase_place(cx: &Cx<'_>, w: &Word<'_>, labels: &mut [Option<Label>]) -> bool {
    let Cx { tokens, .. } = *cx;
    let Word {
        i,
        t,
        lower,
        base,
        f,
        prev,
        kept,
        ..
    } = *w;
    if matches!(t.case, Case::Capital | Case::AllCaps) && !t.sentence_start {
        return false;
    }
    if kept || base.chars().count() < 3 {
        return true;
    }
    let is_lexical = lexical(tokens, t);
    if t.case == Case::Lower
        && lower.len() >= 4
        && (!is_lexical && prev.is_some_and(|p| matches!(p, "in" | "uit" | "naar" | "te" | "from" | "near"))
            // "in stadsveld", "uit rijnwijk": a compound that is no listed word
            // after a bare "in"/"uit" is most often a neighbourhood
            || !f.is_word() && lower.chars().count() >= 8 && prev.is_some_and(|p| matches!(p, "in" | "uit"))
            || !f.is_word() && after_dwelling_verb(tokens, i))
    {
        labels[i] = Some(Label::new(Kind::Place, Strength::Story));
    }
    false
}

pub(super) fn around_postcodes(cx: &Cx<'_>, labels: &mut [Option<Label>], found: &[Found]) {
    let Cx { text, tokens, .. } = *cx;
    // The word after a postcode is its town ("3512 AB utrecht"), and a word set off by a
    // comma before a postcode after "in" is a place too ("we wonen in ondiep, 3552 XK").
    let mut postcodes: Vec<(usize, usize)> = found
        .iter()
        .filter(|f| f.span.kind == Kind::Postcode)
        .map(|f| (f.span.start, f.span.end))
        .collect();
    postcodes.sort_unstable();
    if !postcodes.is_empty() {
        for (i, t) in tokens.list.iter().enumerate() {
            if labels[i].is_some() || t.protected || t.case == Case::Number || t.flags.is_kept() {
                continue;
            }
            // `postcodes` is sorted and disjoint: look up the neighbours, no scan.
            let before = postcodes.partition_point(|&(_, e)| e <= t.start);
            let after_postcode =
                before > 0 && text.get(postcodes[before - 1].1..t.start) == Some(" ");
            let next = postcodes.partition_point(|&(s, _)| s < t.end);
            let before_postcode = next < postcodes.len()
                && text.get(t.end..postcodes[next].0) == Some(", ")
                && i > 0
                && matches!(tokens.lower(&tokens.list[i - 1]), "in" | "te");
            if after_postcode || before_postcode {
                labels[i] = Some(Label::new(Kind::Place, Strength::Local));
            }
        }
    }
}

pub(super) fn before_neighbourhood_word(cx: &Cx<'_>, labels: &mut [Option<Label>]) {
    let Cx { tokens, .. } = *cx;
    // A capitalised word before "wijk", "buurt", "neighbourhood" is a place name.
    for (i, pair) in tokens.list.windows(2).enumerate() {
        let t = &pair[0];
        let next = tokens.lower(&pair[1]);
        if labels[i].is_none()
            && !t.protected
            && t.case == Case::Capital
            && !t.flags.is_kept()
            && matches!(
                next,
                "wijk" | "buurt" | "neighbourhood" | "neighborhood" | "district" | "estate"
            )
        {
            labels[i] = Some(Label::new(Kind::Place, Strength::Local));
        }
    }
}

/// "wonen in (de) X", "moved to X": the token two or three places after a dwelling verb.
fn after_dwelling_verb(tokens: &Tokens, i: usize) -> bool {
    let at = |k: Option<usize>| k.and_then(|k| tokens.list.get(k)).map(|t| tokens.lower(t));
    let p1 = at(i.checked_sub(1));
    let p2 = at(i.checked_sub(2));
    let p3 = at(i.checked_sub(3));
    let prep = |w: Option<&str>| matches!(w, Some("in" | "naar" | "to" | "op"));
    let verb = |w: Option<&str>| w.is_some_and(|w| DWELLING_VERBS.contains(&w));
    let article = |w: Option<&str>| matches!(w, Some("de" | "het" | "the" | "'t"));
    (prep(p1) && verb(p2)) || (article(p1) && prep(p2) && verb(p3))
}
