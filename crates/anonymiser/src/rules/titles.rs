//! Titles, initials, roles and introductions: "meneer jansen", "J. de Vries", "mijn dochter
//! roos (8)", "ik ben Mees". A name is decided by its role in the sentence, whatever its case.

use crate::gazetteer::Flags;
use crate::tokens::Case;

use super::{age_follows, lexical, name_like_follow, next_is_subject_verb};
use super::{Cx, Label, Strength, Word};
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
    // Typed on a phone the initial is lowercase too: "mijn naam is j. de wit". Then a
    // particle or a surname must follow, as "a. de" in a list of points is no name.
    let lowercase_initial = t.case == Case::Lower
        && single_letter
        && t.dotted
        && tokens.list.get(i + 1).is_some_and(|x| {
            x.case == Case::Lower
                && !x.protected
                && (x.flags.has(Flags::PARTICLE)
                    || x.flags.has(Flags::SURNAME) && !x.flags.has(Flags::FUNCTION))
        });
    if (after_title && (f.has(Flags::PARTICLE) || single_letter)) || initial || lowercase_initial {
        if let Some(k) = surname_after(tokens, i, after_title || lowercase_initial) {
            // "de juf van mila": a given name that is no surname after a lone "van" is
            // whose teacher it is, and "van" stays
            let of_someone = k == i + 1
                && tokens.lower(t) == "van"
                && tokens.list[k].flags.has(Flags::GIVEN)
                && !tokens.list[k].flags.has(Flags::SURNAME);
            if !of_someone {
                for label in labels.iter_mut().take(k).skip(i) {
                    *label = Some(Label::cued_person(Strength::Local));
                }
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
    // "we call her bee", "ze noemen hem vos": a verb of calling, a pronoun, the name
    let called_so = matches!(
        (before_prev, prev),
        (
            Some("call" | "calls" | "called" | "named" | "noemen" | "noemde" | "noemt" | "noemden"),
            Some("her" | "him" | "them" | "hem" | "haar" | "ze" | "zij")
        )
    );
    let introduces = called_so
        || matches!(
            (before_prev, prev),
            (Some("ik"), Some("ben"))
                | (Some("i"), Some("am"))
                | (_, Some("i'm" | "im"))
                | (Some("naam" | "name"), Some("is"))
        );
    // "zn storm is 13", "mn zoon": a possessive before a word with an age is a cue too
    let possessive_age = matches!(
        prev,
        Some(
            "mijn" | "mn" | "m'n" | "zijn" | "zn" | "z'n" | "haar" | "onze" | "my" | "his" | "our"
        )
    ) && crate::rules::age_follows(text, tokens, i)
        // "mijn kinderen (12 en 9)": the ages of the persons a noun counts
        && !crate::context::COUNTED_NOUNS.contains(&w.lower);
    let role_cue = prev_flags.has(Flags::PERSON_CUE) || possessive_age;
    if (role_cue || introduces) && base.chars().count() >= 2 {
        let _ = lang;
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
        let verb = f.has(Flags::SUBJECT_VERB) || f.has(Flags::FUNCTION);
        // After a title ("meneer kok", "mevr smit", "juf fleur") the word is a surname or
        // name unless it is a verb ("de juf zei"): names known to the lists, words that are
        // no word, and words followed the way names are.
        // Any word the lists know as a proper noun counts ("meester kees"): after a title
        // it is not a thing. A word before a copula is not enough when it is a word: in a
        // Dutch subordinate clause the adjective stands there ("sinds zijn moeder ziek is").
        let verb_follows = next_is_subject_verb(tokens, i)
            && !(lexical(tokens, t) && super::next_is_copula(tokens, i));
        let after_title_name = after_title
            && !verb
            && (f.is_proper()
                || !lexical(tokens, t)
                || name_like_follow(text, tokens, i)
                || verb_follows);
        // After a role or family word the word must be no word ("anouk"), or a known
        // name followed the way names are ("mijn dochter roos (8)"), or any word followed
        // by an age or named by a naming verb ("mn dochter zon (13)", "heet hoop"), so
        // that "the teacher said" stays.
        let after_role_name = !verb
            && (!lexical(tokens, t)
                || f.has(Flags::GIVEN) && name_like_follow(text, tokens, i)
                || age_follows(text, tokens, i)
                || verb_follows && !w.lower.ends_with("ly")
                || prev_flags.has(Flags::NAMING_VERB)
                // what someone is called may be a word of abuse ("call her terrorist"):
                // only a listed given name counts here
                || called_so && f.has(Flags::GIVEN));
        let lowercase_name = t.case == Case::Lower
            && !kept
            && !possessive_cue
            && (after_title_name || after_role_name);
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
                && !surname.flags.has(Flags::SUBJECT_VERB)
                && (had_initial
                    || !lexical(tokens, surname)
                    || k > i && surname.flags.has(Flags::SURNAME))
        }
        _ => false,
    };
    (k > i || after_title && k == i)
        .then_some(k)
        .filter(|_| fits && !surname.protected && k < i + 6)
}

/// A closing and a name: "groet, marieke koning", "liefs, kim (ps ...)", "Hoogachtend,\n
/// Wei Chen". The one to three words after the closing up to the end of the line are the
/// writer's name.
pub(super) fn sign_offs(cx: &Cx<'_>, labels: &mut [Option<Label>]) {
    let Cx { text, tokens, .. } = *cx;
    let list = &tokens.list;
    for i in 0..list.len() {
        if list[i].protected || !list[i].flags.has(Flags::SIGN_OFF) {
            continue;
        }
        let gap = |a: usize, b: usize| text.get(list[a].end..list[b].start).unwrap_or("");
        let Some(first) = list.get(i + 1) else {
            continue;
        };
        if !gap(i, i + 1).contains([',', '\n']) || first.case == Case::Number {
            continue;
        }
        let mut k = i + 1;
        while k < list.len() && k < i + 4 {
            let t = &list[k];
            let f = t.flags;
            if t.protected
                || t.case == Case::Number
                || f.has(Flags::FUNCTION) && !f.has(Flags::PARTICLE)
                || f.is_kept() && !f.has(Flags::PARTICLE)
            {
                break;
            }
            k += 1;
            let after = text.get(t.end..).unwrap_or("");
            let line_ends = after.trim_start_matches([' ', '.', '!']).is_empty()
                || after
                    .trim_start_matches([' ', '.', '!'])
                    .starts_with(['\n', '('])
                || after.starts_with("  ");
            if line_ends {
                for j in i + 1..k {
                    if labels[j].is_none() && !list[j].flags.has(Flags::PARTICLE) {
                        labels[j] = Some(Label::cued_person(Strength::Story));
                    }
                }
                break;
            }
            if k < list.len() && !gap(k - 1, k).chars().all(|c| c == ' ' || c == '-') {
                break;
            }
        }
    }
}

/// A surname after a given name, in lowercase: "lisa de jong", "sandra van der meer",
/// "annemieke vd berg", "ingrid schouten". After a person, Dutch name particles (at most
/// three) and then a word the lists know as a surname, or no word at all, are that
/// person's surname. An ordinary word after the particles stays: "roos van de buurvrouw",
/// "sem de hele dag".
pub(super) fn lowercase_surname_after_given_name(cx: &Cx<'_>, labels: &mut [Option<Label>]) {
    let Cx { text, tokens, .. } = *cx;
    let list = &tokens.list;
    let n = list.len();
    for i in 0..n.saturating_sub(2) {
        let Some(person) = labels[i].filter(|l| l.kind == crate::kind::Kind::Person) else {
            continue;
        };
        if list[i].protected {
            continue;
        }
        let tight = |a: usize, b: usize| text.get(list[a].end..list[b].start) == Some(" ");
        let mut k = i + 1;
        while k < n
            && k <= i + 3
            && labels[k].is_none()
            && !list[k].protected
            && matches!(
                tokens.lower(&list[k]),
                "van" | "de" | "der" | "den" | "ter" | "ten" | "'t" | "vd" | "v.d." | "v/d" | "op"
            )
            && tight(k - 1, k)
        {
            k += 1;
        }
        // Without a particle, only a listed given name takes the next word as its
        // surname ("ingrid schouten"): any name found by its role might be followed by a
        // word of the sentence.
        let direct = k == i + 1;
        if direct && !list[i].flags.has(Flags::GIVEN) || k >= n || !tight(k - 1, k) {
            continue;
        }
        let surname = &list[k];
        if labels[k].is_some()
            || surname.protected
            || surname.case == Case::Number
            || surname.flags.has(Flags::FUNCTION)
            || surname.flags.has(Flags::SUBJECT_VERB)
            // a kept word is no surname: "mevrouw pieters van de ggd" is someone of the ggd
            || surname.flags.is_kept()
            || tokens.base(surname).chars().count() < 2
        {
            continue;
        }
        let word = lexical(tokens, surname);
        // "juf X van de oude school": a noun phrase goes on after an adjective
        let phrase_goes_on = list.get(k + 1).is_some_and(|x| {
            x.case == Case::Lower
                && tight(k, k + 1)
                && !x.flags.has(Flags::FUNCTION)
                && !x.flags.has(Flags::SUBJECT_VERB)
                && lexical(tokens, x)
        });
        // Straight after a given name only a listed surname: a word in no list there is as
        // often chat ("tyler im 14", "noor lol").
        let known = if direct {
            surname.flags.has(Flags::SURNAME) && !surname.flags.has(Flags::GIVEN) && !phrase_goes_on
        } else {
            surname.flags.has(Flags::SURNAME) && !phrase_goes_on || !word
        };
        if known {
            // A surname that is also a word goes here only ("de jong", "van der meer"):
            // the word elsewhere in the story is the word.
            let strength = if word {
                Strength::Local
            } else {
                person.strength
            };
            for label in labels.iter_mut().take(k + 1).skip(i + 1) {
                *label = Some(Label { strength, ..person });
            }
        }
    }
}

/// A given name right before a surname found by its role: "we spraken met kees wolters",
/// where "wolters" was found and "kees" would say who it is. Only a listed given name
/// that is no function word or verb goes with it, so "met wolters" keeps "met".
pub(super) fn given_name_before_surname(cx: &Cx<'_>, labels: &mut [Option<Label>]) {
    let Cx { text, tokens, .. } = *cx;
    let list = &tokens.list;
    for k in 1..list.len() {
        let Some(person) = labels[k].filter(|l| l.kind == crate::kind::Kind::Person) else {
            continue;
        };
        let i = k - 1;
        let given = &list[i];
        if labels[i].is_some()
            || given.protected
            || list[k].protected
            || text.get(given.end..list[k].start) != Some(" ")
            || !given.flags.has(Flags::GIVEN)
            || given.flags.has(Flags::FUNCTION)
            || given.flags.has(Flags::SUBJECT_VERB)
            || given.flags.has(Flags::PARTICLE)
            || given.flags.has(Flags::TITLE_CUE)
            || given.flags.has(Flags::PERSON_CUE)
        {
            continue;
        }
        // A capitalised given name before a lowercase word is not its first name.
        if given.case == Case::Capital && list[k].case == Case::Lower {
            continue;
        }
        labels[i] = Some(Label {
            strength: Strength::Local,
            ..person
        });
    }
}

/// A listed given name that is no word, straight before a listed surname, needs no cue:
/// "we hadden een gesprek met wim hoogendijk". Two names in a row say a full name wherever
/// they stand; a surname that is no function word, verb or kept word is enough.
pub(super) fn given_name_and_surname(cx: &Cx<'_>, labels: &mut [Option<Label>]) {
    let Cx { text, tokens, .. } = *cx;
    let list = &tokens.list;
    let bare = |t: &crate::tokens::Token| {
        !t.protected
            && t.case != Case::Number
            && !t.flags.is_kept()
            && !t.flags.has(Flags::FUNCTION)
            && !t.flags.has(Flags::SUBJECT_VERB)
            && !t.flags.has(Flags::PARTICLE)
            && !t.flags.has(Flags::PERSON_CUE)
            && !t.flags.has(Flags::TITLE_CUE)
            && tokens.base(t).chars().count() >= 2
    };
    for i in 0..list.len().saturating_sub(1) {
        let (given, surname) = (&list[i], &list[i + 1]);
        if labels[i].is_some()
            || labels[i + 1].is_some()
            || text.get(given.end..surname.start) != Some(" ")
            || !given.flags.has(Flags::GIVEN)
            || !surname.flags.has(Flags::SURNAME)
            || surname.flags.has(Flags::PLACE)
            || !bare(given)
            || !bare(surname)
            || lexical(tokens, given)
        {
            continue;
        }
        labels[i] = Some(Label::cued_person(Strength::Story));
        // a surname that is also a word is the name here only ("de bakker" elsewhere)
        let strength = if lexical(tokens, surname) {
            Strength::Local
        } else {
            Strength::Story
        };
        labels[i + 1] = Some(Label::cued_person(strength));
    }
}
