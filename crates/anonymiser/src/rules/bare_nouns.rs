//! English names things with an article and names names without one: "at the clinic" is a
//! kind of place, "at parnassia", "from cork", "a job at shell" are names. Dutch does the
//! same after "bij" for an employer: "hij werkt bij defensie", "werkt bij shell". A bare
//! ordinary word in such a slot is a name, whatever its case, unless it is one of the
//! nouns both languages use bare ("at home", "from school", "bij toeval").

use crate::context::SUBJECT_PRONOUNS;
use crate::gazetteer::Flags;
use crate::kind::Kind;
use crate::tokens::Case;

use super::{Cx, Label, Strength};

pub(super) fn bare_nouns_as_names(cx: &Cx<'_>, labels: &mut [Option<Label>]) {
    let Cx { tokens, .. } = *cx;
    let list = &tokens.list;
    let lower = |j: usize| tokens.lower(&list[j]);
    // A word of working in the same sentence, at most eight words back.
    let work_before = |k: usize| {
        let mut j = k;
        while j > 0 && j + 8 > k && !list[j].sentence_start {
            j -= 1;
            let l = lower(j);
            if l.starts_with("werk") && !l.starts_with("werkl")
                || matches!(l, "works" | "worked" | "working" | "job" | "employed")
            {
                return true;
            }
        }
        false
    };
    for i in 2..list.len() {
        let t = &list[i];
        let p = &list[i - 1];
        if labels[i].is_some()
            || t.protected
            || p.protected
            || t.sentence_start
            || t.case != Case::Lower
            || t.flags.is_kept()
            || t.flags.has(Flags::FUNCTION)
            || t.flags.has(Flags::SUBJECT_VERB)
            || t.flags.has(Flags::PARTICLE)
            || tokens.base(t).chars().count() < 2
        {
            continue;
        }
        let word = lower(i);
        if word.chars().count() < 3 && !matches!(lower(i - 1), "de" | "het" | "the") {
            continue;
        }
        // "from being", "at making": a verb, not a name; "at nights", "from scratch"
        // the nouns both languages use bare: "at home", "from school", "bij toeval"
        if word.ends_with("ing") || t.flags.has(Flags::BARE_NOUN) {
            continue;
        }
        // The word ends its phrase: "at shell, ..." or "at parnassia the", not "at school
        // level" or "from day one" (a noun phrase goes on).
        // A word before a subject pronoun is a verb (Dutch puts it second: "via X kregen
        // we hulp"), so the phrase ended before it.
        let verb_before_pronoun = |k: usize| {
            list.get(k + 1)
                .is_some_and(|n| SUBJECT_PRONOUNS.contains(&tokens.lower(n)))
        };
        let next_continues = list.get(i + 1).is_some_and(|x| {
            x.case == Case::Number
                || x.case == Case::Lower
                    && !x.flags.has(Flags::FUNCTION)
                    && !x.flags.has(Flags::SUBJECT_VERB)
                    && !verb_before_pronoun(i + 1)
        });
        if next_continues || t.flags.has(Flags::NUMBER_WORD) {
            continue;
        }
        // Who is "at" somewhere: a role or a provider cue before it ("a psychologist at X",
        // "waiting list at X"), or work; not "looking at boats", "good at maths".
        let before = Some(&list[i - 2]);
        let role_before = before.is_some_and(|b| {
            let l = tokens.lower(b);
            b.flags.has(Flags::PERSON_CUE)
                || b.flags.has(Flags::PROVIDER_CUE)
                || b.flags.has(Flags::PROVIDER_HEAD)
                || l.len() > 5
                    && (l.ends_with("ist") || l.ends_with("ician") || l.ends_with("list"))
        });
        // Where someone is from: "came from cork", "we're from X", "originally from X".
        let origin_before = before.is_some_and(|b| {
            matches!(
                tokens.lower(b),
                "came"
                    | "come"
                    | "comes"
                    | "moved"
                    | "move"
                    | "is"
                    | "are"
                    | "am"
                    | "was"
                    | "were"
                    | "originally"
                    | "emigrated"
                    | "relocated"
                    | "i'm"
                    | "we're"
                    | "he's"
                    | "she's"
                    | "they're"
            )
        });
        // "we moved to the netherlands from cork": a verb of moving earlier in the sentence
        // (not "came": one comes home from school)
        let moved_before = |k: usize| {
            let mut j = k;
            while j > 0 && j + 8 > k && !list[j].sentence_start {
                j -= 1;
                if matches!(
                    lower(j),
                    "moved" | "emigrated" | "relocated" | "fled" | "escaped"
                ) {
                    return true;
                }
            }
            false
        };
        let kind = match lower(i - 1) {
            // ... or a person just named: "dr. patel at karakter"
            "at" if work_before(i - 1)
                || role_before
                || labels[i - 2].is_some_and(|l| l.kind == Kind::Person) =>
            {
                Kind::Organisation
            }
            "from" if origin_before || moved_before(i - 1) => Kind::Place,
            "bij" if work_before(i - 1) => Kind::Organisation,
            // Dutch too names a place one goes to without an article ("naar karakter",
            // "bij lucertis", "via kentalis"); its common nouns there are fixed phrases
            // ("naar huis", "bij toeval") or plurals ("bij vrienden").
            "bij" | "naar" | "via"
                if !(word.ends_with("en") || word.ends_with('s') || t.flags.has(Flags::EN)) =>
            {
                Kind::Organisation
            }
            // "ik werk bij de ns": after an article only a word that is no word, an acronym
            // of an employer (a bare ordinary word after "de" is the generic "gemeente")
            "de" | "het" | "the"
                if i >= 3
                    && matches!(lower(i - 2), "bij" | "at" | "for" | "voor")
                    && work_before(i - 2)
                    && !super::lexical(tokens, t) =>
            {
                Kind::Organisation
            }
            _ => continue,
        };
        labels[i] = Some(Label::new(kind, Strength::Story));
    }
}

/// "she was at de regenboog", "then at het kompas", "moved him to de wissel": in English, a
/// Dutch article is part of a Dutch name, since the English sentence would say "the". The
/// article and the words after it, up to the end of the name, are a school or provider.
pub(super) fn dutch_article_in_english(cx: &Cx<'_>, labels: &mut [Option<Label>]) {
    let Cx { text, tokens, .. } = *cx;
    let list = &tokens.list;
    for a in 1..list.len().saturating_sub(1) {
        if list[a].protected
            || !matches!(tokens.lower(&list[a]), "de" | "het")
            || !matches!(
                tokens.lower(&list[a - 1]),
                "at" | "to" | "from" | "with" | "near" | "attends" | "attended" | "joined"
            )
        {
            continue;
        }
        let mut end = a + 1;
        while end < list.len() && end < a + 4 {
            let t = &list[end];
            if t.protected
                || labels[end].is_some()
                || t.case == Case::Number
                || t.flags.has(Flags::FUNCTION) && !t.flags.has(Flags::PARTICLE)
                || t.flags.has(Flags::SUBJECT_VERB)
                || text.get(list[end - 1].end..t.start) != Some(" ")
                || end > a + 1 && t.flags.has(Flags::EN) && !t.flags.has(Flags::NL)
            {
                break;
            }
            end += 1;
        }
        if end > a + 1 {
            for label in labels.iter_mut().take(end).skip(a + 1) {
                *label = Some(Label::new(Kind::Organisation, Strength::Local));
            }
        }
    }
}
