//! Schools, care providers and employers: acronym prefixes ("sbo de wissel"), a name in
//! brackets after "school", a capitalised word before "College".

use crate::gazetteer::{self, Flags};
use crate::kind::Kind;
use crate::tokens::Case;

use super::{joined, lexical, org_suffix};
use super::{Cx, Label, Strength};
use crate::context::{
    ACRONYM_CLUB_PREFIXES, ACRONYM_SCHOOL_PREFIXES, CHAINS, GENERIC_SCHOOL_STEMS,
    INSTITUTION_NOUNS, NEIGHBOURHOOD_TEAMS, SUBJECT_PRONOUNS,
};
use crate::gazetteer::lookup;
use crate::tokens::Tokens;

pub(super) fn acronym_prefixes(cx: &Cx<'_>, labels: &mut [Option<Label>]) {
    let Cx { text, tokens, .. } = *cx;
    let n = tokens.list.len();
    // Acronym school prefixes take the next one or two words even in lowercase ("sbo de wissel").
    for i in 0..n {
        let t = &tokens.list[i];
        if t.protected {
            continue;
        }
        let lower = tokens.lower(t);
        let school = ACRONYM_SCHOOL_PREFIXES.contains(&lower);
        if !school && !ACRONYM_CLUB_PREFIXES.contains(&lower) {
            continue;
        }
        let mut j = i + 1;
        if let Some(a) = tokens.list.get(j) {
            if matches!(tokens.lower(a), "de" | "het" | "t" | "'t") && joined(text, t.end, a.start)
            {
                j += 1;
            }
        }
        if let Some(name) = tokens.list.get(j) {
            let prev_end = tokens.list[j - 1].end;
            // "het roc kon haar niet plaatsen": a verb or kept word is no name
            if !name.protected
                && joined(text, prev_end, name.start)
                && !name.flags.has(Flags::FUNCTION)
                && !name.flags.has(Flags::SUBJECT_VERB)
                && name.case != Case::Number
            {
                let label = if school {
                    Label::school()
                } else {
                    Label::new(Kind::Organisation, Strength::Local)
                };
                for slot in labels.iter_mut().take(j + 1).skip(i) {
                    *slot = Some(label);
                }
            }
        }
    }
}

pub(super) fn bracketed_after_school(cx: &Cx<'_>, labels: &mut [Option<Label>]) {
    let Cx { text, tokens, .. } = *cx;
    let n = tokens.list.len();
    // A school named in brackets right after the word school: "school (de Linde in Ede)".
    for i in 1..n {
        let gap = text
            .get(tokens.list[i - 1].end..tokens.list[i].start)
            .unwrap_or("");
        if !gap.trim_end().ends_with(['(', '[']) || tokens.list[i].protected {
            continue;
        }
        // Only the word right before the bracket counts: a wider window would hold other
        // words once names in it became placeholders, and a second pass would differ.
        let before = &tokens.list[i - 1];
        let l = tokens.lower(before);
        let after_school = !before.protected
            && (l.contains("school") || l.ends_with("college") || l.ends_with("lyceum"));
        if !after_school {
            continue;
        }
        // The name must end within three words, at a closing bracket, a comma or "in"
        // ("(de klimop in ...)"); a placeholder inside stops it (a second pass sees one
        // where the first saw words, and both must decide alike).
        let mut k = i;
        let mut closed = false;
        while k < n && k < i + 3 {
            if tokens.list[k].protected {
                break;
            }
            let l = tokens.lower(&tokens.list[k]);
            if k > i && matches!(l, "in" | "te" | "at" | "op") {
                closed = true;
                break;
            }
            let closes = text
                .get(tokens.list[k].end..)
                .is_some_and(|r| r.starts_with([')', ']', ',']));
            k += 1;
            if closes {
                closed = true;
                break;
            }
        }
        if !closed {
            continue;
        }
        // a name, not an age or aside: "(de klimop)", not "(8)" or "(jaja)"
        let named = (i..k).all(|k| tokens.list[k].case != Case::Number)
            && (i..k).any(|k| {
                !tokens.list[k].flags.has(Flags::FUNCTION) && !tokens.list[k].flags.is_kept()
            });
        if named && k - i <= 3 {
            for label in labels.iter_mut().take(k).skip(i) {
                *label = Some(Label::school());
            }
        }
    }
}

pub(super) fn before_school_word(cx: &Cx<'_>, labels: &mut [Option<Label>]) {
    let Cx { text, tokens, .. } = *cx;
    let list = &tokens.list;
    let n = list.len();
    // A capitalised word before a capitalised "College", "Lyceum", "Academy": a school.
    for i in 0..n.saturating_sub(1) {
        let t = &list[i];
        // "maxima medisch centrum", "sophia psychiatrisch ziekenhuis": an adjective in
        // -isch may stand between the name and the kind of institution
        let adjective_between = list.get(i + 1).is_some_and(|a| {
            let l = tokens.lower(a);
            (l.ends_with("isch") || l.ends_with("ische"))
                && !a.protected
                && joined(text, t.end, a.start)
        });
        let s = if adjective_between { i + 2 } else { i + 1 };
        let Some(next) = list.get(s) else {
            continue;
        };
        // lowercase too when the word is no word at all ("naar het vechtdal college"):
        // an adjective ("de oude school"), even one that is a name too, is a word
        let lowercase_name = t.case == Case::Lower
            && !lexical(tokens, t)
            && !t.flags.is_kept()
            && tokens.lower(t).chars().count() >= 3;
        if !t.protected
            && !next.protected
            && (t.case == Case::Capital && next.case == Case::Capital || lowercase_name)
            && !t.flags.has(Flags::FUNCTION)
            && !t.flags.has(Flags::PARTICLE)
            && org_suffix(tokens.lower(next)).is_some()
            && joined(text, list[s - 1].end, next.start)
        {
            for label in labels.iter_mut().skip(i).take(s + 1 - i) {
                if label.is_none() {
                    *label = Some(Label::new(Kind::Organisation, Strength::Local));
                }
            }
        }
    }
}

pub(super) fn school_context(tokens: &Tokens, i: usize) -> bool {
    let from = i.saturating_sub(4);
    tokens.list[from..i].iter().any(|t| {
        let l = tokens.lower(t);
        l == "op" || l.contains("school") || l == "at" || l == "klas"
    })
}

/// Where a run of name words after a cue ends: (index after the last word, name words).
/// An article may open it ("de bascule"); it takes up to four words that are no function
/// word, number or role, joined by spaces or hyphens (a particle inside: "vincent van
/// gogh"); words that end a school or provider name ("college", "jeugdhulp") close it.
pub(super) fn name_run(cx: &Cx<'_>, from: usize) -> Option<(usize, usize, bool)> {
    let Cx { text, tokens, .. } = *cx;
    let list = &tokens.list;
    let mut k = from;
    let article = list
        .get(k)
        .is_some_and(|a| matches!(tokens.lower(a), "de" | "het" | "'t" | "t" | "the"));
    if article {
        k += 1;
    }
    let start = k;
    let mut words = 0;
    while k < list.len() && k < start + 4 {
        let t = &list[k];
        let f = t.flags;
        if k > from && !joined(text, list[k - 1].end, t.start) {
            break;
        }
        let particle_inside = f.has(Flags::PARTICLE)
            && k > start
            && list
                .get(k + 1)
                .is_some_and(|n| !n.flags.has(Flags::FUNCTION));
        let suffix = org_suffix(tokens.lower(t)).is_some() || t.flags.has(Flags::PROVIDER_TAIL);
        // A verb ends the name: a finite verb the lists know ("bij youz kwam er niks"), or
        // any word before a subject pronoun, as Dutch puts the verb second ("bij cardea
        // zie ik dit vaak").
        let verb = k > start
            && (f.has(Flags::SUBJECT_VERB)
                || list
                    .get(k + 1)
                    .is_some_and(|n| SUBJECT_PRONOUNS.contains(&tokens.lower(n))));
        // a cue word or a participle after the name is the sentence going on: "traject
        // bij zorgveld gediagnosticeerd met"
        let lower = tokens.lower(t);
        let goes_on = k > start
            && (f.has(Flags::PROVIDER_CUE)
                || lower.starts_with("ge")
                    && (lower.ends_with('d') || lower.ends_with('t'))
                    && lexical(tokens, t));
        if verb
            || goes_on
            || t.protected
            || t.case == Case::Number
            || (f.has(Flags::FUNCTION) || f.has(Flags::PARTICLE)) && !particle_inside
            || f.has(Flags::PERSON_CUE)
            || f.has(Flags::TITLE_CUE)
            || f.is_kept() && !suffix && !f.has(Flags::PARTICLE)
            // a kind of school on its own is no name ("zat op het vmbo")
            || f.is_kept() && suffix && words == 0
            || tokens.lower(t).chars().count() < 2
        {
            break;
        }
        k += 1;
        if !f.has(Flags::PARTICLE) {
            words += 1;
        }
        if suffix && words > 1 {
            break;
        }
    }
    (words > 0).then_some((start, k, article))
}

/// Does the phrase end after token `last` (punctuation, the end, or a word that starts a
/// new part: "in", "en", "maar", a bracket)? A lexical word after a cue is a name only
/// there: "zat op de bank te wachten" goes on, "zat op de zonneboom in tiel" ends.
pub(super) fn phrase_ends(cx: &Cx<'_>, last: usize) -> bool {
    let Cx { text, tokens, .. } = *cx;
    let Some(t) = tokens.list.get(last) else {
        return true;
    };
    let after = text.get(t.end..).unwrap_or("");
    let trimmed = after.trim_start_matches(' ');
    if trimmed.is_empty() || trimmed.starts_with(['.', ',', '!', '?', ';', ':', '(', ')', '\n']) {
        return true;
    }
    // "in" or "at" ends it only before a name: "in best", not "in de kamer"
    let before_article = |k: usize| {
        tokens
            .list
            .get(k)
            .is_some_and(|a| matches!(tokens.lower(a), "de" | "het" | "een" | "the" | "a" | "an"))
    };
    if tokens
        .list
        .get(last + 1)
        .is_some_and(|n| matches!(tokens.lower(n), "in" | "at"))
        && before_article(last + 2)
    {
        return false;
    }
    tokens.list.get(last + 1).is_some_and(|n| {
        matches!(
            tokens.lower(n),
            "in" | "en"
                | "maar"
                | "want"
                | "and"
                | "but"
                | "at"
                | "sinds"
                | "terecht"
                | "tot"
                | "toen"
                | "daar"
                | "omdat"
                | "groep"
                | "klas"
                | "heeft"
                | "is"
                | "was"
                | "zegt"
                | "aangemeld"
                | "loopt"
                | "since"
                | "for"
                | "because"
                | "has"
                | "said"
        )
    })
}

fn label_run(labels: &mut [Option<Label>], start: usize, end: usize, school: bool, story: bool) {
    for label in labels.iter_mut().take(end).skip(start) {
        if label.is_none() || label.is_some_and(|l| l.kind != Kind::Person || !l.cued) {
            *label = Some(Label {
                kind: Kind::Organisation,
                school,
                strength: if story {
                    Strength::Story
                } else {
                    Strength::Local
                },
                cued: false,
            });
        }
    }
}

/// A care provider, school or employer named after a cue of being referred or waiting:
/// "wachtlijst bij karakter", "aangemeld bij de bascule", "referred us to kenter
/// jeugdhulp", "sent us to mondriaan", "waiting list at X".
pub(super) fn provider_after_cue(cx: &Cx<'_>, labels: &mut [Option<Label>]) {
    let Cx { tokens, .. } = *cx;
    let list = &tokens.list;
    for i in 0..list.len() {
        if list[i].protected || !list[i].flags.has(Flags::PROVIDER_CUE) {
            continue;
        }
        // the preposition within two words: "wachtlijst bij", "referred us to"
        let mut k = i + 1;
        while k < list.len() && k < i + 3 {
            let l = tokens.lower(&list[k]);
            if matches!(
                l,
                "bij"
                    | "naar"
                    | "van"
                    | "vanuit"
                    | "via"
                    | "voor"
                    | "door"
                    | "to"
                    | "at"
                    | "with"
                    | "for"
                    | "by"
            ) {
                break;
            }
            if !matches!(
                l,
                "us" | "him"
                    | "her"
                    | "them"
                    | "me"
                    | "staan"
                    | "staat"
                    | "stond"
                    | "ik"
                    | "hij"
                    | "ze"
                    | "zij"
                    | "we"
                    | "wij"
                    | "i"
                    | "he"
                    | "she"
            ) {
                k = list.len();
                break;
            }
            k += 1;
        }
        if k >= list.len() || k >= i + 3 {
            continue;
        }
        if let Some((start, end, _)) = name_run(cx, k + 1) {
            let lexical_only = (start..end).all(|j| lexical(tokens, &list[j]));
            if lexical_only && !phrase_ends(cx, end - 1) {
                continue;
            }
            label_run(labels, start, end, false, end - start == 1);
        }
    }
}

/// A school named after a verb of going there: "zat op de zonneboom", "in groep 8 op de
/// achtbaan", "school is de wilgenhoek", "naar een nieuwe school, de sleutel".
pub(super) fn school_after_cue(cx: &Cx<'_>, labels: &mut [Option<Label>]) {
    let Cx { text, tokens, .. } = *cx;
    let list = &tokens.list;
    let pronoun = |k: usize| {
        matches!(
            tokens.lower(&list[k]),
            "ik" | "hij" | "ze" | "zij" | "we" | "wij" | "je" | "jij" | "i" | "he" | "she"
        )
    };
    for i in 1..list.len() {
        if list[i].protected {
            continue;
        }
        let l = tokens.lower(&list[i]);
        let p = tokens.lower(&list[i - 1]);
        // Only these words open a name below; most tokens are none of them, and the checks
        // of the words before them are not free.
        let opens = matches!(
            l,
            "op" | "van"
                | "is"
                | "heet"
                | "heette"
                | "genaamd"
                | "called"
                | "named"
                | "school"
                | "bij"
                | "naar"
        ) || p == "school";
        if !opens {
            continue;
        }
        let school_verb = |k: usize| list[k].flags.has(Flags::SCHOOL_VERB);
        // "zat op", "zat ik op", "groep 6 op", "groep 5 van"
        let verb_before = school_verb(i - 1) || i >= 2 && pronoun(i - 1) && school_verb(i - 2);
        let class_before = list[i - 1].case == Case::Number
            && i >= 2
            && matches!(
                tokens.lower(&list[i - 2]),
                "groep"
                    | "klas"
                    | "group"
                    | "year"
                    | "havo"
                    | "vwo"
                    | "vmbo"
                    | "mavo"
                    | "atheneum"
                    | "gymnasium"
                    | "leerjaar"
            );
        // "zat eerst op de X, daarna op de Y": the verb of going to school carries over a
        // sequence word to the next "op" of its sentence
        let sequence_before = matches!(
            p,
            "daarna" | "toen" | "later" | "vervolgens" | "nu" | "eerst" | "then" | "later,"
        ) && {
            let mut k = i - 1;
            let mut found = false;
            while k > 0 && k + 12 > i && !list[k].sentence_start {
                k -= 1;
                if school_verb(k) {
                    found = true;
                    break;
                }
            }
            found
        };
        let cue = l == "op" && (verb_before || class_before || sequence_before)
            || l == "van" && class_before
            || l == "is" && p == "school"
            // "de school heet de X", "the clinic is called X", "een praktijk genaamd X"
            || matches!(l, "heet" | "heette" | "genaamd" | "called" | "named")
                && (INSTITUTION_NOUNS.contains(&p)
                    || p == "is"
                        && i >= 2
                        && INSTITUTION_NOUNS.contains(&tokens.lower(&list[i - 2])))
            || l == "school"
                && text.get(list[i].end..).is_some_and(|r| {
                    r.starts_with(", ") || r.starts_with(" (") || r.starts_with(" de ") || r.starts_with(" het ")
                })
            // "school here, de X", "nieuwe school ga, de X"
            || p == "school" && text.get(list[i].end..).is_some_and(|r| r.starts_with(", "));
        // "op het kompas in ede": a named place of learning or care in a town
        let located = matches!(l, "op" | "bij" | "naar");
        if !(cue || located) {
            continue;
        }
        // a school type before the name: "zat op basisschool de linde"
        let mut from = i + 1;
        if cue
            && list.get(from).is_some_and(|t| {
                org_prefix_is_school(tokens.lower(t))
                    && list
                        .get(from + 1)
                        .is_some_and(|a| matches!(tokens.lower(a), "de" | "het"))
            })
        {
            from += 1;
        }
        let Some((start, end, article)) = name_run(cx, from) else {
            continue;
        };
        // "op het moment", "op het laatst": a time, not a school
        if matches!(
            tokens.lower(&list[start]),
            "moment" | "ogenblik" | "laatst" | "eind" | "einde" | "begin" | "eerst" | "nippertje"
        ) {
            continue;
        }
        let suffix_last = org_suffix(tokens.lower(&list[end - 1])).is_some();
        let known = (start..end).any(|j| !lexical(tokens, &list[j]) || list[j].flags.is_proper());
        let in_town = list.get(end).is_some_and(|t| tokens.lower(t) == "in")
            && list.get(end + 1).is_some_and(|t| {
                t.flags.has(Flags::PLACE) || !lexical(tokens, t) && t.case != Case::Number
            });
        if located && !cue {
            if article && in_town && end - start <= 2 {
                label_run(labels, start, end, l == "op", end - start == 1);
            }
            continue;
        }
        // a lexical word is a name with an article and where the phrase ends
        if !(suffix_last || known && article || article && phrase_ends(cx, end - 1)) {
            continue;
        }
        // an adjective and the kind of school say which school in general: "op de gewone
        // school", "op de nieuwe school" (a name has a noun: "de zonneboom school")
        let adjective_and_kind = suffix_last && end - start == 2 && {
            let a = &list[start];
            let la = tokens.lower(a);
            lexical(tokens, a) && !a.flags.is_proper() && la.ends_with('e') && la.len() > 3
        };
        if adjective_and_kind {
            continue;
        }
        label_run(labels, start, end, true, end - start == 1);
        if from > i + 1 {
            label_run(labels, i + 1, from, true, false);
        }
    }
}

/// A provider's head word with its name or region: "ggz drenthe", "swv ijssel vecht",
/// "ggz noord-holland-noord", "stichting maasland onderwijs"; and a name before a
/// provider's tail word: "kenter jeugdhulp".
pub(super) fn provider_heads_and_tails(cx: &Cx<'_>, labels: &mut [Option<Label>]) {
    let Cx { text, tokens, .. } = *cx;
    let list = &tokens.list;
    for i in 0..list.len() {
        if list[i].protected {
            continue;
        }
        // "stichting kwadrant", "vereniging de eendracht": a foundation named without an
        // article before the head word takes one or two ordinary words as its name ("de
        // stichting", "een stichting die" are the generic noun).
        let head = tokens.lower(&list[i]);
        if matches!(head, "stichting" | "vereniging" | "foundation")
            && !(i > 0
                && matches!(
                    tokens.lower(&list[i - 1]),
                    "de" | "een" | "die" | "deze" | "onze" | "hun" | "the" | "a" | "that" | "this"
                ))
        {
            if let Some((start, end, _)) = name_run(cx, i + 1) {
                if end - start <= 2 {
                    label_run(labels, i, end, false, false);
                    continue;
                }
            }
        }
        if list[i].flags.has(Flags::PROVIDER_HEAD) {
            // what follows must be a name: a place or province, a compass part, "po"/"vo",
            // a word that is no word, or a capitalised word
            let mut k = i + 1;
            // the last word of the run that names (a formal name's "passend onderwijs" or
            // "primair onderwijs" only leads up to the region)
            let mut named_until = i + 1;
            while k < list.len() && k < i + 6 {
                let t = &list[k];
                if t.protected || !joined(text, list[k - 1].end, t.start) {
                    break;
                }
                let tl = tokens.lower(t);
                let f = t.flags;
                if matches!(tl, "passend" | "primair" | "voortgezet" | "onderwijs") {
                    k += 1;
                    continue;
                }
                // a region's adjective: "ggd gelderland zuid", "brabantse"
                let of_region = |w: &str| {
                    let g = lookup(w);
                    g.has(Flags::PLACE) || g.has(Flags::COUNTRY)
                };
                let adjective = tl.strip_suffix('s').is_some_and(of_region)
                    || tl.strip_suffix("se").is_some_and(of_region);
                // a compass part hyphened to a name is a region: "noord-veluwe"
                let compass_region = tl.split_once('-').is_some_and(|(part, rest)| {
                    lookup(part).has(Flags::PLACE_PART) && rest.chars().count() >= 4
                });
                let adjective = adjective || compass_region;
                let name = adjective
                    || f.has(Flags::PLACE)
                    || f.has(Flags::COUNTRY)
                    || f.has(Flags::PLACE_PART)
                    || tl.split('-').all(|p| {
                        crate::gazetteer::lookup(p).has(Flags::PLACE_PART)
                            || lookup(p).has(Flags::PLACE)
                            || lookup(p).has(Flags::COUNTRY)
                    })
                    || matches!(tl, "po" | "vo" | "so")
                    || !lexical(tokens, t) && !f.is_kept() && t.case != Case::Number
                    || t.case == Case::Capital && !f.is_kept() && !f.has(Flags::FUNCTION);
                if !name || f.has(Flags::FUNCTION) && !f.has(Flags::COUNTRY) {
                    break;
                }
                k += 1;
                named_until = k;
            }
            if named_until > i + 1 {
                label_run(labels, i, named_until, false, false);
            }
        } else if list[i].flags.has(Flags::PROVIDER_TAIL) && i > 0 {
            let p = &list[i - 1];
            let f = p.flags;
            if !p.protected
                && joined(text, p.end, list[i].start)
                && p.case != Case::Number
                && !f.is_kept()
                && !f.has(Flags::FUNCTION)
                && !f.has(Flags::PERSON_CUE)
                && tokens.lower(p).chars().count() >= 3
                && (!lexical(tokens, p)
                    || f.is_proper()
                    || labels[i - 1].is_some()
                    || p.case == Case::Capital)
                || labels[i - 1].is_some_and(|x| x.kind == Kind::Organisation)
            {
                label_run(labels, i - 1, i + 1, false, false);
                if let Some(x) = labels[i - 1].as_mut() {
                    x.strength = Strength::Story;
                }
            }
        }
    }
}

fn org_prefix_is_school(w: &str) -> bool {
    super::org_prefix(w) == Some(true)
}

/// A provider as the subject of having a waiting list or an intake: "karakter heeft een
/// wachtlijst van 7 maanden", "de bascule heeft een intake gedaan". The words from the
/// sentence start up to "heeft" are its name.
pub(super) fn provider_as_subject(cx: &Cx<'_>, labels: &mut [Option<Label>]) {
    let Cx { text, tokens, .. } = *cx;
    let list = &tokens.list;
    for i in 1..list.len() {
        if list[i].protected || !matches!(tokens.lower(&list[i]), "heeft" | "has" | "biedt" | "had")
        {
            continue;
        }
        let object = (i + 1..list.len().min(i + 4)).any(|k| {
            list[k].flags.has(Flags::PROVIDER_CUE)
                || matches!(
                    tokens.lower(&list[k]),
                    "dagbesteding" | "gezinscoach" | "plek" | "wachttijd"
                )
        });
        if !object {
            continue;
        }
        // back to the sentence start over at most three name words
        let mut k = i;
        let mut start = None;
        while k > 0 && k + 3 >= i {
            k -= 1;
            let t = &list[k];
            let f = t.flags;
            if t.protected
                || t.case == Case::Number
                || labels[k].is_some_and(|l| l.kind == Kind::Person)
                || f.is_kept()
                    && !f.has(Flags::PARTICLE)
                    && !matches!(tokens.lower(t), "de" | "het" | "s")
                || f.has(Flags::PERSON_CUE)
                || !joined(text, t.end, list[k + 1].start)
            {
                break;
            }
            if t.sentence_start {
                start = Some(k);
                break;
            }
        }
        let Some(mut start) = start else {
            continue;
        };
        while start < i
            && matches!(
                tokens.lower(&list[start]),
                "de" | "het" | "s" | "'s" | "the"
            )
        {
            start += 1;
        }
        if start < i {
            label_run(labels, start, i, false, i - start == 1);
        }
    }
}

/// A name in brackets after a town or village: "in amstelveen (de horizon)", "het dorp (de
/// kameleon)", "in spijkenisse (de gouden lotus)": the school or business there; a single
/// word in brackets after a town is its neighbourhood ("dordrecht (crabbehof)").
pub(super) fn bracketed_after_place(cx: &Cx<'_>, labels: &mut [Option<Label>]) {
    let Cx { text, tokens, .. } = *cx;
    let list = &tokens.list;
    for i in 1..list.len() {
        let gap = text.get(list[i - 1].end..list[i].start).unwrap_or("");
        if gap.trim() != "(" || list[i].protected {
            continue;
        }
        let before = &list[i - 1];
        let place_before = labels[i - 1].is_some_and(|l| l.kind == Kind::Place)
            || before.flags.has(Flags::PLACE) && !before.flags.is_word()
            || matches!(tokens.lower(before), "dorp" | "here" | "hier" | "wijk");
        if !place_before {
            continue;
        }
        let Some((start, end, article)) = name_run(cx, i) else {
            continue;
        };
        let closes = text
            .get(list[end - 1].end..)
            .is_some_and(|r| r.starts_with(')'));
        if !closes {
            continue;
        }
        if article {
            label_run(labels, start, end, false, end - start == 1);
        } else if end - start == 1 && labels[i - 1].is_some() && labels[i].is_none() {
            labels[i] = Some(Label::new(Kind::Place, Strength::Local));
        }
    }
}

/// A school named as one compound with its kind: "het dommelcollege", "de klimopschool",
/// also after a hyphen: "het sint-jozefcollege", "de heilig-hartschool" (the words before
/// the hyphen being words does not make the name one).
pub(super) fn compound_school_names(cx: &Cx<'_>, labels: &mut [Option<Label>]) {
    let Cx { tokens, .. } = *cx;
    for (i, t) in tokens.list.iter().enumerate() {
        let whole = tokens.lower(t);
        let l = whole.rsplit('-').next().unwrap_or(whole);
        let word = if l.len() < whole.len() {
            gazetteer::lookup(whole).is_word() || gazetteer::lookup_token(l).is_word()
        } else {
            t.flags.is_word()
        };
        if t.protected || labels[i].is_some() || t.case == Case::Number || word || t.flags.is_kept()
        {
            continue;
        }
        let school = ["college", "lyceum", "school", "gymnasium", "academie"]
            .iter()
            .any(|s| {
                l.len() >= s.len() + 3
                    && l.strip_suffix(s)
                        .is_some_and(|stem| !GENERIC_SCHOOL_STEMS.iter().any(|g| stem.ends_with(g)))
            });
        if school {
            labels[i] = Some(Label {
                kind: Kind::Organisation,
                school: true,
                strength: Strength::Story,
                cued: false,
            });
        }
    }
}

/// A shop chain is kept as a place to shop ("boodschappen bij de lidl" identifies nobody),
/// but named as an employer: "ik werk bij de jumbo", "werkt in het distributiecentrum van
/// de action", "mijn man werkt bij albert heijn". The chain follows a preposition, and a
/// word of working comes earlier in the same sentence (at most eight words back).
pub(super) fn employer_chains(cx: &Cx<'_>, labels: &mut [Option<Label>]) {
    let Cx { text, tokens, .. } = *cx;
    let list = &tokens.list;
    let work_word = |l: &str| {
        l.starts_with("werk") && !l.starts_with("werkl")
            || matches!(l, "works" | "worked" | "working" | "job")
    };
    for i in 1..list.len() {
        let t = &list[i];
        if t.protected || labels[i].is_some() || !CHAINS.contains(&tokens.lower(t)) {
            continue;
        }
        // "bij de jumbo", "van albert heijn": the preposition, an article, a first word
        let mut k = i - 1;
        let mut start = i;
        let lower = |j: usize| tokens.lower(&list[j]);
        if !list[k].protected
            && list[k].case != Case::Number
            && !list[k].flags.has(Flags::FUNCTION)
            && !list[k].flags.is_kept()
            && !list[k].sentence_start
            && joined(text, list[k].end, t.start)
            && k > 0
        {
            start = k;
            k -= 1;
        }
        if matches!(lower(k), "de" | "het" | "the") && k > 0 {
            k -= 1;
        }
        if !matches!(lower(k), "bij" | "van" | "voor" | "at" | "for") {
            continue;
        }
        let mut j = k;
        let mut found = false;
        while j > 0 && j + 8 > k {
            if list[j].sentence_start {
                break;
            }
            j -= 1;
            if work_word(lower(j)) {
                found = true;
                break;
            }
        }
        if found {
            label_run(labels, start, i + 1, false, false);
        }
    }
}

/// The word that says what a named thing is belongs to its name: "het [vechtdal] college",
/// "het [wilhelmina] kinderziekenhuis" go whole, and the name before it is an organisation,
/// not a person. Compounds count ("kinderziekenhuis", "jeugdkliniek").
pub(super) fn suffix_after_name(cx: &Cx<'_>, labels: &mut [Option<Label>]) {
    let Cx { text, tokens, .. } = *cx;
    let list = &tokens.list;
    let institution = |l: &str| {
        org_suffix(l).is_some()
            || ["ziekenhuis", "kliniek", "college", "lyceum", "hospital"]
                .iter()
                .any(|e| l.len() > e.len() + 2 && l.ends_with(e))
    };
    for i in 1..list.len() {
        let t = &list[i];
        let Some(before) = labels[i - 1] else {
            continue;
        };
        if t.protected
            || labels[i].is_some()
            || before.cued
            || !joined(text, list[i - 1].end, t.start)
            || !institution(tokens.lower(t))
        {
            continue;
        }
        // walk back over the whole name, so every word of it becomes the organisation
        let mut start = i - 1;
        while start > 0
            && labels[start - 1].is_some_and(|l| l.kind == before.kind && !l.cued)
            && joined(text, list[start - 1].end, list[start].start)
        {
            start -= 1;
        }
        let school = org_suffix(tokens.lower(t)) == Some(true);
        for slot in labels.iter_mut().take(i + 1).skip(start) {
            *slot = Some(Label {
                kind: Kind::Organisation,
                school,
                strength: before.strength,
                cued: false,
            });
        }
    }
}

/// Roles at a school or care provider name where they work: "de ib'er van de tweemaster",
/// "zijn mentor op het baken", "the senco at X". The name run after the preposition is an
/// organisation when it holds a word that is no word, or ends the phrase after an article.
pub(super) fn provider_after_role(cx: &Cx<'_>, labels: &mut [Option<Label>]) {
    let Cx { tokens, .. } = *cx;
    let list = &tokens.list;
    for i in 0..list.len().saturating_sub(2) {
        if list[i].protected || !list[i].flags.has(Flags::ROLE_AT_INSTITUTION) {
            continue;
        }
        if !matches!(
            tokens.lower(&list[i + 1]),
            "van" | "bij" | "op" | "vanuit" | "at" | "from" | "of"
        ) {
            continue;
        }
        let Some((start, run_end, article)) = name_run(cx, i + 2) else {
            continue;
        };
        // the run stops before a verb ("van de tweemaster belde"): one word, and a second
        // only when it is no word either ("bij de kleine prins" stays one, "de hoge
        // raven" in lowercase does not reach this)
        let word = |j: usize| !lexical(tokens, &list[j]) || list[j].flags.is_proper();
        let mut end = start + 1;
        if run_end > end && word(end) && !list[end].flags.has(Flags::SUBJECT_VERB) {
            end += 1;
        }
        if (start..end).any(|j| labels[j].is_some_and(|l| l.cued)) {
            continue;
        }
        let first = tokens.lower(&list[start]);
        // plurals ("van de kleuters") and compounds of an institution word ("van de
        // polikliniek") are kinds of things, not names
        // A plural no list holds whole is a compound name's ("de kinderpsychiater van
        // rivierduinen"): the kinds of things are listed ("van kinderen").
        let plural = (first.ends_with("ers") || first.ends_with("en") && first.len() > 4)
            && list[start].flags.is_word();
        let compound = [
            "kliniek", "school", "team", "groep", "dienst", "centrum", "afdeling",
        ]
        .iter()
        .any(|e| first.ends_with(e));
        let generic = plural
            || compound
            || super::org_prefix(first).is_some()
            || org_suffix(first).is_some()
            || INSTITUTION_NOUNS.contains(&first)
            || list[start].flags.has(Flags::PROVIDER_HEAD);
        if generic {
            continue;
        }
        // after a role, an article and an ordinary noun that ends the phrase or is the
        // subject of a verb are a name too ("de ib'er van de tweemaster belde"): what a
        // role belongs to is a school or provider
        let verb_next = list
            .get(end)
            .is_some_and(|n| n.flags.has(Flags::SUBJECT_VERB));
        let known = (start..end).any(word);
        // without an article, a compound no list holds whole that ends the phrase: Dutch
        // names a thing after a preposition with an article, a provider without one
        let compound_name =
            !article && end == start + 1 && !list[start].flags.is_word() && phrase_ends(cx, start);
        if known || compound_name || article && (verb_next || phrase_ends(cx, end - 1)) {
            label_run(labels, start, end, false, false);
        }
    }
}

/// A type of institution followed by an article opens its name in Dutch: "kinderpraktijk
/// de vlinder", "basisschool het kompas", "zorgboerderij de hoeve".
pub(super) fn name_after_institution_type(cx: &Cx<'_>, labels: &mut [Option<Label>]) {
    let Cx { tokens, .. } = *cx;
    let list = &tokens.list;
    // the kind may be the last word but one ("naar uz gent."): a name without an article
    // needs one word after it
    for i in 0..list.len().saturating_sub(1) {
        if list[i].protected || super::org_prefix(tokens.lower(&list[i])).is_none() {
            continue;
        }
        if !matches!(tokens.lower(&list[i + 1]), "de" | "het" | "'t") {
            bare_name_after_institution_type(cx, i, labels);
            continue;
        }
        let Some((start, end, _)) = name_run(cx, i + 1) else {
            continue;
        };
        if end - start > 2 || (start..end).any(|j| labels[j].is_some_and(|l| l.cued)) {
            continue;
        }
        let known = (start..end).any(|j| !lexical(tokens, &list[j]) || list[j].flags.is_proper());
        if known || phrase_ends(cx, end - 1) || super::next_is_subject_verb(tokens, end - 1) {
            label_run(
                labels,
                start,
                end,
                org_prefix_is_school(tokens.lower(&list[i])),
                false,
            );
        }
    }
}

/// A name explained by an apposition: "de berkenhorst, een school voor speciaal onderwijs",
/// "de ruimte, a small democratic school". The article before the name and the
/// institution word within four words after ", een"/", a" mark it.
pub(super) fn name_before_apposition(cx: &Cx<'_>, labels: &mut [Option<Label>]) {
    let Cx { text, tokens, .. } = *cx;
    let list = &tokens.list;
    for a in 0..list.len() {
        if list[a].protected || !matches!(tokens.lower(&list[a]), "de" | "het" | "'t" | "the") {
            continue;
        }
        // The name is one to three words after the article, up to the comma: "de kleine
        // prins, een kleine school".
        for end in a + 2..list.len().min(a + 5) {
            let t = &list[end - 1];
            // The last word is no kept word; words before it may be ("de kleine prins").
            let fits = |j: usize, last: bool| {
                let w = &list[j];
                !w.protected
                    && labels[j].is_none()
                    && w.case != Case::Number
                    && !w.flags.has(Flags::FUNCTION)
                    && !w.flags.has(Flags::SUBJECT_VERB)
                    && (!last || !w.flags.is_kept())
            };
            let last = text.get(t.end..).is_some_and(|r| r.starts_with(", "));
            if !fits(end - 1, last) {
                break;
            }
            let gap = text.get(list[end - 2].end..t.start).unwrap_or("");
            if end - 1 > a + 1 && gap != " " {
                break;
            }
            let after = text.get(t.end..).unwrap_or("");
            let Some(rest) = after.strip_prefix(", ") else {
                continue;
            };
            if !(rest.starts_with("een ") || rest.starts_with("a ") || rest.starts_with("an ")) {
                break;
            }
            let institution = (end + 1..list.len().min(end + 6))
                .any(|k| names_an_institution(tokens.lower(&list[k])));
            if institution {
                label_run(labels, a + 1, end, false, false);
            }
            break;
        }
    }
}

/// A school or building named after a person: "de joop westerweelschool", "het erasmus
/// college", "the Anne Frank school". A given name, or a capitalised word, right before the
/// organisation and right after an article is the first part of its name.
pub(super) fn person_named_institution(cx: &Cx<'_>, labels: &mut [Option<Label>]) {
    let Cx { text, tokens, .. } = *cx;
    let list = &tokens.list;
    for i in 1..list.len().saturating_sub(1) {
        let t = &list[i];
        let Some(next) = labels[i + 1] else {
            continue;
        };
        if next.kind != Kind::Organisation
            || labels[i].is_some()
            || t.protected
            || list[i + 1].protected
            || t.flags.is_kept()
            || t.flags.has(Flags::FUNCTION)
            || text.get(t.end..list[i + 1].start) != Some(" ")
        {
            continue;
        }
        let article_before = matches!(tokens.lower(&list[i - 1]), "de" | "het" | "'t" | "the");
        let name = t.flags.has(Flags::GIVEN) || t.case == Case::Capital && !t.sentence_start;
        if article_before && name {
            labels[i] = Some(Label { ..next });
        }
    }
}

/// "het summa college", "de stad lyceum": between an article and a school word, a word that
/// is no attributive adjective is the school's name. Dutch inflects an adjective after
/// "de"/"het" with -e ("het nieuwe college", "het hele lyceum"; material adjectives with
/// -en), so a word without that ending names the school.
pub(super) fn name_before_school_word(cx: &Cx<'_>, labels: &mut [Option<Label>]) {
    let Cx { text, tokens, .. } = *cx;
    let list = &tokens.list;
    for i in 1..list.len().saturating_sub(1) {
        let t = &list[i];
        let word = tokens.lower(&list[i + 1]);
        // A name of two words joined by "en" ("de berg en dal school"): the first was found
        // after its cue, the second stands before the school word.
        let coordinated = i >= 2
            && matches!(tokens.lower(&list[i - 1]), "en" | "and" | "&")
            && labels[i - 2].is_some_and(|l| l.kind == Kind::Organisation)
            && text.get(list[i - 2].end..list[i - 1].start) == Some(" ");
        let school_word = matches!(
            word,
            "college" | "lyceum" | "gymnasium" | "atheneum" | "campus" | "academie"
        ) || coordinated && matches!(word, "school" | "basisschool");
        if !school_word
            || !(coordinated || matches!(tokens.lower(&list[i - 1]), "de" | "het" | "'t"))
            || labels[i].is_some()
            || t.protected
            || list[i + 1].protected
            || t.case == Case::Number
            || t.flags.has(Flags::FUNCTION)
            || t.flags.has(Flags::SUBJECT_VERB)
            || text.get(t.end..list[i + 1].start) != Some(" ")
        {
            continue;
        }
        let lower = tokens.lower(t);
        if lower.chars().count() < 3 || lower.ends_with('e') || lower.ends_with("en") {
            continue;
        }
        let first = if coordinated { i - 1 } else { i };
        label_run(labels, first, i + 2, true, false);
    }
}

/// "zorgaanbieder kwadrant deed de intake", "praktijk kindkracht zei": a care type without
/// an article, then one word that is the subject of a verb, or no word at all. Schools are
/// left out ("naar school gaan"): after "school" a bare word is mostly a verb.
fn bare_name_after_institution_type(cx: &Cx<'_>, i: usize, labels: &mut [Option<Label>]) {
    let Cx { text, tokens, .. } = *cx;
    let list = &tokens.list;
    if org_prefix_is_school(tokens.lower(&list[i])) || list[i].case == Case::Number {
        return;
    }
    let Some(name) = list.get(i + 1) else {
        return;
    };
    if name.protected
        || labels[i + 1].is_some()
        || name.case == Case::Number
        || name.flags.has(Flags::FUNCTION)
        || name.flags.has(Flags::SUBJECT_VERB)
        || name.flags.is_kept()
        || !joined(text, list[i].end, name.start)
        || tokens.base(name).chars().count() < 3
        || super::org_prefix(tokens.lower(name)).is_some()
    {
        return;
    }
    // a pronominal adverb is no name ("het samenwerkingsverband erover gaat")
    let lower = tokens.lower(name);
    let adverb = ["er", "daar", "hier", "waar"]
        .iter()
        .any(|p| lower.starts_with(p) && lexical(tokens, name));
    // A neighbourhood team is named after its neighbourhood, which is often a word:
    // "buurtteam zuilen", "wijkteam de hoven" is handled with the article above.
    let team = NEIGHBOURHOOD_TEAMS.contains(&tokens.lower(&list[i]));
    // a verb after the team is the sentence going on: "via het wijkteam kwamen we bij",
    // "het buurtteam gebeld"
    // ("gent" has the shape but is too short: "ge" and one letter make no stem)
    let participle = super::is_dutch_participle(lower)
        || lower.len() >= 5
            && lower.starts_with("ge")
            && (lower.ends_with('d') || lower.ends_with('t'));
    let verb = name.flags.has(Flags::SUBJECT_VERB)
        || super::dutch_finite_verb(lower)
        || list
            .get(i + 2)
            .is_some_and(|n| SUBJECT_PRONOUNS.contains(&tokens.lower(n)));
    let sentence_goes_on = participle || verb;
    // a town after the kind names the branch ("uz gent", "ziekenhuis amstelland"), also
    // when the town is a word too
    // (its form may pass for a verb's: "gent" as if of "genen")
    let town = name.flags.has(Flags::PLACE)
        && !participle
        && !name.flags.has(Flags::SUBJECT_VERB)
        && !list
            .get(i + 2)
            .is_some_and(|n| SUBJECT_PRONOUNS.contains(&tokens.lower(n)));
    // a compound no list holds whole is a name after a kind ("praktijk kindenjeugd"); the
    // kinds of care are listed
    let compound_name = !name.flags.is_word() && !participle && !verb;
    if !adverb
        && (!lexical(tokens, name)
            || town
            || compound_name
            || super::next_is_subject_verb(tokens, i + 1)
            || team && !sentence_goes_on)
    {
        label_run(labels, i + 1, i + 2, false, false);
    }
}

/// "de vrije school in de stad, de zonnewijzer": an institution named after a comma, at
/// the end of its phrase, right after a phrase about an institution.
pub(super) fn name_after_institution_comma(cx: &Cx<'_>, labels: &mut [Option<Label>]) {
    let Cx { text, tokens, .. } = *cx;
    let list = &tokens.list;
    for a in 2..list.len().saturating_sub(1) {
        if list[a].protected
            || !matches!(tokens.lower(&list[a]), "de" | "het" | "'t")
            || text.get(list[a - 1].end..list[a].start) != Some(", ")
        {
            continue;
        }
        // an institution word in the five words before the comma, in the same sentence
        let mut institution = false;
        let mut k = a;
        while k > 0 && k + 5 > a {
            k -= 1;
            if names_an_institution(tokens.lower(&list[k])) {
                institution = true;
                break;
            }
            if list[k].sentence_start {
                break;
            }
        }
        if !institution {
            continue;
        }
        let name = a + 1;
        let t = &list[name];
        if t.protected
            || labels[name].is_some()
            || t.case == Case::Number
            || t.flags.has(Flags::FUNCTION)
            || t.flags.is_kept()
            || tokens.base(t).chars().count() < 3
            || super::org_prefix(tokens.lower(t)).is_some()
            || INSTITUTION_NOUNS.contains(&tokens.lower(t))
        {
            continue;
        }
        let ends = text
            .get(t.end..)
            .is_some_and(|r| r.is_empty() || r.starts_with(['.', ',', '!', '?', ';', ')', '\n']));
        if ends {
            label_run(labels, name, name + 1, false, false);
        }
    }
}

/// A word that says a school or provider is meant: "school", "praktijk", "centrum de",
/// "jenaplanschool", "kinderpraktijk" (for the appositions around a name).
fn names_an_institution(l: &str) -> bool {
    INSTITUTION_NOUNS.contains(&l)
        || super::org_prefix(l).is_some()
        || l.len() > 8 && (l.ends_with("school") || l.ends_with("praktijk"))
}

/// The second of two institutions joined with the preposition repeated: "een plek bij
/// zorgveld en bij de windroos", "op de wending of op het kompas", "at kentalis and at
/// the bridge". Repeating the preposition says the second is the same kind of thing as
/// the first, so a name that is also a word goes there too. A role or kind of place after
/// it stays ("bij de jumbo en bij de huisarts").
pub(super) fn coordinated_institutions(cx: &Cx<'_>, labels: &mut [Option<Label>]) {
    let Cx { tokens, .. } = *cx;
    let list = &tokens.list;
    let n = list.len();
    let institution =
        |l: Option<Label>| l.filter(|l| matches!(l.kind, Kind::Organisation | Kind::Place));
    for i in 0..n.saturating_sub(3) {
        let Some(first) = institution(labels[i]) else {
            continue;
        };
        if list[i].protected && labels[i].is_none()
            || !matches!(tokens.lower(&list[i + 1]), "en" | "of" | "and" | "or")
            || labels[i + 1].is_some()
        {
            continue;
        }
        // the preposition before the first institution: back over its words and article
        let mut s = i;
        while s > 0 && institution(labels[s - 1]).is_some() {
            s -= 1;
        }
        if s > 0 && matches!(tokens.lower(&list[s - 1]), "de" | "het" | "'t" | "the") {
            s -= 1;
        }
        let Some(prep) = s.checked_sub(1).map(|p| tokens.lower(&list[p])) else {
            continue;
        };
        if !matches!(
            prep,
            "bij" | "op" | "naar" | "van" | "via" | "at" | "to" | "from"
        ) || tokens.lower(&list[i + 2]) != prep
        {
            continue;
        }
        let Some((start, end, article)) = name_run(cx, i + 3) else {
            continue;
        };
        // places take no article, institutions often do ("bij de viersprong")
        let kind = if article {
            Kind::Organisation
        } else {
            first.kind
        };
        let role_or_kind = (start..end).any(|k| {
            let f = list[k].flags;
            labels[k].is_some()
                || f.has(Flags::PERSON_CUE)
                || f.has(Flags::PROVIDER_CUE)
                || f.has(Flags::PROVIDER_HEAD)
                || f.has(Flags::PLACE_NOUN)
                || f.is_kept()
        });
        if role_or_kind || !phrase_ends(cx, end - 1) {
            continue;
        }
        for label in labels.iter_mut().take(end).skip(start) {
            *label = Some(Label {
                kind,
                strength: Strength::Local,
                cued: false,
                ..first
            });
        }
    }
}
