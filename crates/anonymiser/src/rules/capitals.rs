//! Capitalisation as evidence: capitalised words mid-sentence, unknown proper nouns, and
//! capitalised words joined to a name.

use crate::gazetteer::Flags;
use crate::kind::Kind;
use crate::tokens::Case;

use super::{joined, lexical};
use super::{Cx, Label, Strength, Word};
use crate::context::ENGLISH_NAME_PREPOSITIONS;
use crate::lang::Lang;
use crate::tokens::Tokens;

/// A capitalised (or all-caps) word that does not start a sentence.
pub(super) fn capitalised_mid_sentence(
    cx: &Cx<'_>,
    w: &Word<'_>,
    labels: &mut [Option<Label>],
) -> bool {
    let Cx { tokens, lang, .. } = *cx;
    let Word {
        i,
        t,
        base,
        f,
        prev,
        kept,
        single_letter,
        ..
    } = *w;
    if !matches!(t.case, Case::Capital | Case::AllCaps) || t.sentence_start {
        return false;
    }
    // single letters without a dot ("plan B") name nobody
    if kept || single_letter {
        return true;
    }
    let is_lexical = lexical(tokens, t);
    if t.case == Case::AllCaps && (is_lexical || base.len() < 3) {
        return true; // shouting ("NIET") or a short acronym
    }
    // English capitalises ordinary words far more than Dutch ("New Year",
    // "Special Needs"): there a capitalised word must be no word, a known
    // name or place, or follow a preposition that introduces one.
    let after_dutch_article = i > 0
        && prev.is_some()
        && tokens.list[i - 1].case == Case::Capital
        && matches!(prev, Some("de" | "het" | "'t"));
    if lang == Lang::En
        && is_lexical
        && !f.is_proper()
        && !after_dutch_article
        && !prev.is_some_and(|p| ENGLISH_NAME_PREPOSITIONS.contains(&p))
    {
        return true;
    }
    let strength = if !is_lexical || f.is_name() {
        Strength::Story
    } else {
        Strength::Local
    };
    labels[i] = Some(Label::new(Kind::Person, strength));
    true
}
/// A known name or place that is no word, or an unknown capitalised word at a sentence start.
pub(super) fn unknown_proper(cx: &Cx<'_>, w: &Word<'_>, labels: &mut [Option<Label>]) -> bool {
    let Cx { tokens, .. } = *cx;
    let Word {
        i,
        t,
        base,
        f,
        kept,
        ..
    } = *w;
    if matches!(t.case, Case::Capital | Case::AllCaps) && !t.sentence_start {
        return false;
    }
    if kept || base.chars().count() < 3 {
        return true;
    }
    if (f.is_proper() || t.case == Case::Capital) && !lexical(tokens, t) {
        labels[i] = Some(Label::new(Kind::Person, Strength::Story));
        return true;
    }
    false
}

pub(super) fn capital_extensions(cx: &Cx<'_>, labels: &mut [Option<Label>]) {
    let Cx { text, tokens, .. } = *cx;
    let n = tokens.list.len();
    // Capitalised words joined to a labelled one are one name ("Hague International
    // Academy", "Bargeres neighbourhood" is handled below); only English lets them through
    // the first pass unlabelled.
    for i in 1..n {
        if labels[i - 1].is_some()
            && labels[i].is_none()
            && capital_extension(text, tokens, i - 1, i)
        {
            labels[i] = Some(Label::new(Kind::Person, Strength::Local));
        }
    }
    for i in (1..n).rev() {
        if labels[i].is_some()
            && labels[i - 1].is_none()
            && capital_extension(text, tokens, i, i - 1)
        {
            labels[i - 1] = Some(Label::new(Kind::Person, Strength::Local));
        }
    }
}

pub(super) fn name_before_person(cx: &Cx<'_>, labels: &mut [Option<Label>]) {
    let Cx { text, tokens, .. } = *cx;
    let n = tokens.list.len();
    // A name-like word right before a labelled person belongs to it ("Mehmet Yilmaz" at a
    // sentence start), unless it is an ordinary word ("Toen Daan ...").
    for i in 1..n {
        let is_person = labels[i].is_some_and(|l| l.kind == Kind::Person);
        let p = &tokens.list[i - 1];
        if is_person
            && labels[i - 1].is_none()
            && !p.protected
            && p.case == Case::Capital
            && !p.flags.is_kept()
            && !p.flags.has(Flags::PARTICLE)
            && joined(text, p.end, tokens.list[i].start)
            && (p.flags.has(Flags::GIVEN) || !lexical(tokens, p))
        {
            labels[i - 1] = Some(Label::new(Kind::Person, Strength::Story));
        }
    }
}

/// Is token `other` a capitalised word mid-sentence, joined to labelled token `labelled`?
fn capital_extension(text: &str, tokens: &Tokens, labelled: usize, other: usize) -> bool {
    let o = &tokens.list[other];
    let l = &tokens.list[labelled];
    let (a, b) = if labelled < other { (l, o) } else { (o, l) };
    let blocked = o.protected
        || l.protected
        || o.case != Case::Capital
        || o.sentence_start && other < labelled
        || o.flags.has(Flags::FUNCTION)
        || o.flags.has(Flags::COUNTRY)
        || o.flags.has(Flags::KEEP) && !o.flags.is_word();
    !blocked && joined(text, a.end, b.start)
}
