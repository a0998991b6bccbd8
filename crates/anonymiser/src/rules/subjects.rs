//! Names decided as the subject of a sentence: "Kees, de eigenaar, ...", "Kees zit thuis".

use crate::gazetteer::Flags;
use crate::kind::Kind;
use crate::tokens::Case;

use super::{age_follows, lexical, next_is_subject_verb};
use super::{Cx, Label, Strength, Word};
use crate::context::{APPOSITION_OPENERS, COUNTED_NOUNS, RELATIVES, SPEECH_VERBS};

/// A known given name at a sentence start, set off as an apposition or a verb's subject.
pub(super) fn sentence_start_subject(
    cx: &Cx<'_>,
    w: &Word<'_>,
    labels: &mut [Option<Label>],
) -> bool {
    let Cx { text, tokens, .. } = *cx;
    let Word { i, t, f, kept, .. } = *w;
    // A known given name at a sentence start, set off as the subject of an apposition:
    // "Kees, de eigenaar, ...".
    if t.sentence_start && t.case == Case::Capital && f.has(Flags::GIVEN) && !kept {
        let comma_after = text.get(t.end..).is_some_and(|r| r.starts_with(", "));
        let next = tokens.list.get(i + 1).map(|x| tokens.lower(x));
        let apposition = next.is_some_and(|x| APPOSITION_OPENERS.contains(&x));
        if comma_after && apposition {
            labels[i] = Some(Label::cued_person(Strength::Story));
            return true;
        }
        // ... or as the subject of a verb: "Kees zit al een jaar thuis". Only this
        // occurrence: "Hoop doet leven" must not take "hoop" from the rest of the story.
        if !comma_after
            && tokens
                .list
                .get(i + 1)
                .is_some_and(|x| x.flags.has(Flags::SUBJECT_VERB))
        {
            labels[i] = Some(Label::new(Kind::Person, Strength::Local));
            return true;
        }
    }
    false
}

/// A word that is no word of either language, in a name's slot: after "bij", "naar",
/// "van", "met" ("wachtlijst bij accare", "met lucertis"), or as the subject of a verb
/// ("dimence heeft onderzoek gedaan", "zij zegt youz kan helpen"). Such a word is a name
/// of someone or something in the story, so every occurrence goes.
pub(super) fn unknown_word_in_name_slot(
    cx: &Cx<'_>,
    w: &Word<'_>,
    labels: &mut [Option<Label>],
) -> bool {
    let Cx { tokens, .. } = *cx;
    let Word {
        i,
        t,
        f,
        prev,
        kept,
        ..
    } = *w;
    let long = w.base.chars().count();
    if t.case != Case::Lower || kept || f.is_proper() || long < 3 {
        return false;
    }
    let slot = |p: &str| {
        matches!(
            p,
            "bij" | "naar" | "via" | "van" | "voor" | "to" | "at" | "with" | "by" | "met"
        )
    };
    // ... or after such a word, or "in", "op", "uit", and an article: "naar het rivierdal
    // gegaan", "bij de zonnehof", "in het umcg", "at the amc" (places take no article, so a
    // word nobody listed there is an institution; an abbreviation may have three letters)
    let article_between = prev.is_some_and(|p| matches!(p, "de" | "het" | "the"))
        && i >= 2
        && !tokens.list[i - 1].sentence_start
        && {
            let p = tokens.lower(&tokens.list[i - 2]);
            slot(p) || matches!(p, "in" | "op" | "uit" | "from")
        };
    // a kind of institution is no name ("van het roc", "bij de bso")
    if long < 4 && !article_between
        || lexical(tokens, t)
        || crate::rules::org_prefix(w.lower).is_some()
    {
        return false;
    }
    let provider_slot = prev.is_some_and(slot);
    if article_between && !next_is_subject_verb(tokens, i) {
        labels[i] = Some(Label::new(Kind::Organisation, Strength::Story));
        return true;
    }
    let subject = next_is_subject_verb(tokens, i);
    if provider_slot || subject {
        // After a preposition the word is no subject ("bij kentalis kreeg hij"): a place
        // one goes to is an organisation; "met X" is someone.
        let kind = if prev.is_some_and(|p| matches!(p, "met" | "with")) || subject && !provider_slot
        {
            Kind::Person
        } else {
            Kind::Organisation
        };
        labels[i] = Some(Label::new(kind, Strength::Story));
        return true;
    }
    false
}

/// A name followed by an age in brackets: "Summer (13)", "alfie (14)", "bo (11)". The word
/// must be a listed name, no word at all, or capitalised mid-sentence.
pub(super) fn age_in_brackets(cx: &Cx<'_>, w: &Word<'_>, labels: &mut [Option<Label>]) -> bool {
    let Cx { text, tokens, .. } = *cx;
    let Word { i, t, f, kept, .. } = *w;
    if kept || f.has(Flags::FUNCTION) || w.base.chars().count() < 2 {
        return false;
    }
    let in_brackets = text
        .get(t.end..)
        .unwrap_or("")
        .trim_start_matches(' ')
        .starts_with('(');
    if !in_brackets || !age_follows(text, tokens, i) {
        return false;
    }
    let capital_mid = t.case == Case::Capital && !t.sentence_start;
    if f.has(Flags::GIVEN) || !lexical(tokens, t) || capital_mid {
        labels[i] = Some(Label::cued_person(Strength::Story));
        return true;
    }
    // Any word as the subject with an age: "zon (8) is onze jongste", ", hoop (14),".
    // Only this occurrence: the word elsewhere is the word. Words that take a number
    // themselves ("groep (8)", "kinderen (3)") are not.
    let subject_position = t.sentence_start
        || cx
            .text
            .get(..t.start)
            .is_some_and(|b| b.trim_end().ends_with(','));
    if subject_position && !COUNTED_NOUNS.contains(&w.lower) {
        labels[i] = Some(Label::new(Kind::Person, Strength::Local));
        return true;
    }
    false
}

/// Names joined by "en"/"and"/"&": "dylan en sem zeiden", "ilse en hiba appen", "Summer
/// (13) and Finn (9)". The other side must be a listed given name or no word at all.
pub(super) fn coordinated_names(cx: &Cx<'_>, labels: &mut [Option<Label>]) {
    let Cx { tokens, .. } = *cx;
    let list = &tokens.list;
    let n = list.len();
    let fits = |k: usize, labels: &[Option<Label>]| {
        let t = &list[k];
        let f = t.flags;
        labels[k].is_none()
            && !t.protected
            && t.case != Case::Number
            && !f.is_kept()
            && !f.has(Flags::FUNCTION)
            && !f.has(Flags::PARTICLE)
            && tokens.base(t).chars().count() >= 2
            && (f.has(Flags::GIVEN) || !lexical(tokens, t) && tokens.base(t).chars().count() >= 3)
    };
    let person = |k: usize, labels: &[Option<Label>]| {
        labels[k].is_some_and(|l| l.kind == Kind::Person) && !list[k].protected
    };
    // "sky en river zijn een tweeling": two listed given names joined as the subject of a
    // verb, at a sentence start or after a comma
    let given = |k: usize, labels: &[Option<Label>]| {
        let t = &list[k];
        labels[k].is_none()
            && !t.protected
            && t.flags.has(Flags::GIVEN)
            && !t.flags.is_kept()
            && !t.flags.has(Flags::FUNCTION)
            && !t.flags.has(Flags::SUBJECT_VERB)
            && tokens.base(t).chars().count() >= 2
    };
    for i in 0..n.saturating_sub(3) {
        let opens = list[i].sentence_start
            || i > 0 && cx.text.get(list[i - 1].end..list[i].start) == Some(", ");
        if opens
            && matches!(tokens.lower(&list[i + 1]), "en" | "and")
            && given(i, labels)
            && given(i + 2, labels)
            && (super::next_is_subject_verb(tokens, i + 2) || super::next_is_copula(tokens, i + 2))
        {
            labels[i] = Some(Label::cued_person(Strength::Local));
            labels[i + 2] = Some(Label::cued_person(Strength::Local));
        }
    }
    for i in 0..n.saturating_sub(2) {
        if !matches!(tokens.lower(&list[i + 1]), "en" | "and" | "&") {
            continue;
        }
        if person(i, labels) && fits(i + 2, labels) {
            labels[i + 2] = Some(Label::cued_person(Strength::Story));
        } else if person(i + 2, labels) && fits(i, labels) {
            labels[i] = Some(Label::cued_person(Strength::Story));
        }
    }
    // A list "A, B en C" of which the last two are persons: the earlier items are too
    // ("fleur, puck en jip"). Walked from the right so that the list grows leftwards.
    let comma_between = |a: usize, b: usize| cx.text.get(list[a].end..list[b].start) == Some(", ");
    for i in (0..n.saturating_sub(2)).rev() {
        if comma_between(i, i + 1) && person(i + 1, labels) && fits(i, labels) {
            let list_of_persons = (i + 2..n.min(i + 12)).any(|k| {
                matches!(tokens.lower(&list[k]), "en" | "and" | "&")
                    && k + 1 < n
                    && person(k + 1, labels)
            });
            if list_of_persons {
                labels[i] = Some(Label::cued_person(Strength::Story));
            }
        }
    }
}

/// A known given name in lowercase as the subject of a verb, at a sentence start or after
/// a conjunction: "roos wil niet meer", "en bo zei niks", "jack cried". Only this
/// occurrence when the name is also a word ("hoop doet leven" elsewhere stays).
pub(super) fn lowercase_subject(cx: &Cx<'_>, w: &Word<'_>, labels: &mut [Option<Label>]) -> bool {
    let Cx { tokens, .. } = *cx;
    let Word {
        i,
        t,
        f,
        prev,
        kept,
        ..
    } = *w;
    if t.case != Case::Lower || kept || !f.has(Flags::GIVEN) || w.base.chars().count() < 2 {
        return false;
    }
    let opens = t.sentence_start
        || prev.is_some_and(|p| {
            matches!(
                p,
                "en" | "maar"
                    | "want"
                    | "toen"
                    | "dat"
                    | "omdat"
                    | "and"
                    | "but"
                    | "because"
                    | "so"
                    | "that"
                    | "when"
            )
        });
    if opens && next_is_subject_verb(tokens, i) {
        let strength = if lexical(tokens, t) {
            Strength::Local
        } else {
            Strength::Story
        };
        labels[i] = Some(Label::new(Kind::Person, strength));
        return true;
    }
    false
}

/// A parent or relative names the child through "van"/"of": "ik ben de moeder van sem",
/// "groetjes, mama van jesse", "the mum of two, noah and ...". A listed given name right
/// after it is that person, in every occurrence.
pub(super) fn relative_of_name(cx: &Cx<'_>, labels: &mut [Option<Label>]) {
    let Cx { tokens, .. } = *cx;
    let list = &tokens.list;
    for i in 2..list.len() {
        let t = &list[i];
        if t.protected || labels[i].is_some() || t.flags.is_kept() || !t.flags.has(Flags::GIVEN) {
            continue;
        }
        if !matches!(tokens.lower(&list[i - 1]), "van" | "of") {
            continue;
        }
        if RELATIVES.contains(&tokens.lower(&list[i - 2]))
            && super::name_like_follow(cx.text, tokens, i)
        {
            labels[i] = Some(Label::cued_person(Strength::Story));
        }
    }
}

/// A listed given name in the slots Dutch and English give a person: after a verb of saying
/// in inverted order ("gisteren zei fleur dat", "toen vroeg sven of"), beside "ik"/"I"
/// ("kim en ik zijn gescheiden"), or in a list of children with ages ("sven 14, tess 11 en
/// mats 7").
pub(super) fn given_names_in_person_slots(cx: &Cx<'_>, labels: &mut [Option<Label>]) {
    let Cx { text, tokens, .. } = *cx;
    let list = &tokens.list;
    let lower = |k: usize| list.get(k).map_or("", |t| tokens.lower(t));
    let small_number = |k: usize| {
        list.get(k)
            .is_some_and(|t| t.case == Case::Number && tokens.lower(t).len() <= 2)
    };
    // a word for a relative or a role: "broertje", "vriendin", "juf"
    let of_a_person = |k: usize| {
        list.get(k).is_some_and(|x| {
            !x.protected && (RELATIVES.contains(&tokens.lower(x)) || x.flags.has(Flags::PERSON_CUE))
        })
    };
    for i in 0..list.len() {
        let t = &list[i];
        if t.protected
            || labels[i].is_some()
            || t.flags.is_kept()
            || t.flags.has(Flags::FUNCTION)
            || !t.flags.has(Flags::GIVEN)
            || tokens.base(t).chars().count() < 2
        {
            continue;
        }
        let after_speech = i > 0
            && !t.sentence_start
            && SPEECH_VERBS.contains(&lower(i - 1))
            && (matches!(
                lower(i + 1),
                "dat"
                    | "of"
                    | "tegen"
                    | "me"
                    | "mij"
                    | "ons"
                    | "toen"
                    | "ook"
                    | "nog"
                    | "that"
                    | "to"
            ) || text.get(t.end..).is_some_and(|r| r.starts_with([':', ','])));
        let beside_me = matches!((lower(i + 1), lower(i + 2)), ("en" | "and", "ik" | "i"))
            || i >= 2 && matches!((lower(i - 2), lower(i - 1)), ("ik" | "i", "en" | "and"));
        // "tess 11 en mats 7": a name with an age after a name with an age
        let listed_with_age = small_number(i + 1)
            && i >= 2
            && matches!(lower(i - 1), "en" | "and")
            && small_number(i - 2)
            && i >= 3
            && labels[i - 3].is_some_and(|l| l.kind == Kind::Person);
        // "sem en zijn broertje", "tess and her sister": someone who has a relative
        let beside_relative = matches!(lower(i + 1), "en" | "and" | "met" | "with")
            && matches!(
                lower(i + 2),
                "zijn" | "z'n" | "zn" | "haar" | "d'r" | "his" | "her"
            )
            && of_a_person(i + 3);
        // "mila haar vader", "daan z'n juf": the spoken Dutch genitive, a name before a
        // possessive pronoun and a relative or role
        let genitive =
            matches!(lower(i + 1), "haar" | "zijn" | "z'n" | "zn" | "d'r") && of_a_person(i + 2);
        // "voor bram was dat de druppel", "met noor gaat het beter": a bare given name
        // after a preposition, with the finite verb right after it, is the fronted
        // phrase of a Dutch main clause: a name, since a common noun would take an article
        let fronted = i > 0
            && t.case == Case::Lower
            && matches!(
                lower(i - 1),
                "voor" | "met" | "van" | "tegen" | "bij" | "aan" | "over" | "door" | "zonder"
            )
            && list[i - 1].sentence_start
            && list
                .get(i + 1)
                .is_some_and(|n| n.flags.has(Flags::SUBJECT_VERB));
        // "daarna ging mees naar zijn kamer", "toen kwam roos thuis": after a fronted
        // adverb the finite verb comes second and the subject third; there a bare common
        // noun would take an article, so a listed given name is the subject
        let inverted_subject = i >= 2
            && t.case == Case::Lower
            && list[i - 1].flags.has(Flags::SUBJECT_VERB)
            && list[i - 2].sentence_start
            && FRONTED_ADVERBS.contains(&lower(i - 2))
            && list.get(i + 1).is_some_and(|n| n.case != Case::Number);
        // "toen zei de juf tegen merel dat", "ik heb het aan fenna verteld", "gebeld met
        // peter van leerplicht": a person's preposition and a bare listed given name, then
        // what is said or done with that person
        let after_person_preposition = i > 0
            && t.case == Case::Lower
            && !t.flags.has(Flags::BARE_NOUN)
            && matches!(lower(i - 1), "tegen" | "aan" | "met" | "samen")
            && (matches!(
                lower(i + 1),
                "dat" | "over" | "gebeld" | "gepraat" | "gesproken" | "denk" | "dacht" | "denken"
            ) || matches!(lower(i + 1), "van" | "uit") && list.get(i + 2).is_some()
                || super::is_dutch_participle(lower(i + 1))
                || list.get(i + 1).is_some_and(|n| {
                    n.case == Case::Lower
                        && (n.flags.has(Flags::SUBJECT_VERB)
                            || super::dutch_finite_verb(tokens.lower(n)))
                }));
        // "ik heb 3 kids: sem 14 en roos 9": a name with its age in a list
        // (opened by a colon or comma, never "ik ben 11": a verb before an age)
        let opens_list = i > 0
            && text
                .get(list[i - 1].end..t.start)
                .is_some_and(|gap| gap.trim() == ":" || gap.trim() == ",");
        let with_age_in_list = t.case == Case::Lower
            && opens_list
            && !t.flags.has(Flags::SUBJECT_VERB)
            && !crate::gazetteer::lookup(tokens.lower(t)).has(Flags::FUNCTION)
            && small_number(i + 1)
            && (matches!(lower(i + 2), "en" | "and" | "jaar" | "years" | "")
                || text
                    .get(list[i + 1].end..)
                    .is_some_and(|r| r.starts_with([',', ')', '.'])));
        // "mijn beste vriendin is fleur", "her best friend was ivy": a relative or role,
        // a form of "to be" and a listed given name that ends the phrase
        let named_by_being = i >= 2
            && matches!(lower(i - 1), "is" | "was" | "heet" | "heette")
            && (i.saturating_sub(4)..i - 1).any(of_a_person)
            && (super::organisations::phrase_ends(cx, i)
                || matches!(lower(i + 1), "maar" | "en" | "but" | "and" | "die" | "who"));
        // "zijn vriendje van voetbal, sem, komt nog": a name between commas right after a
        // phrase about a person (a relative or role at most four words before the comma)
        let apposition = i > 0
            && text.get(list[i - 1].end..t.start) == Some(", ")
            && text.get(t.end..).is_some_and(|r| r.starts_with(','))
            && (i.saturating_sub(4)..i).any(of_a_person);
        if after_speech
            || beside_me
            || listed_with_age
            || beside_relative
            || fronted
            || genitive
            || apposition
            || named_by_being
            || inverted_subject
            || after_person_preposition
            || with_age_in_list
        {
            labels[i] = Some(Label::cued_person(Strength::Story));
        }
    }
}

/// Children named in brackets after the word for them: "twee kinderen (sara en mo)", "our
/// kids (finn, 9, and ivy)". Inside the brackets only names, ages and "en"/"and"/commas
/// may stand; the names must be listed given names or no words at all, except short
/// ones ("mo", "bo") between the others.
pub(super) fn children_in_brackets(cx: &Cx<'_>, labels: &mut [Option<Label>]) {
    let Cx { text, tokens, .. } = *cx;
    let list = &tokens.list;
    for i in 0..list.len().saturating_sub(1) {
        let word = tokens.lower(&list[i]);
        let plural_of_persons = matches!(
            word,
            "kinderen"
                | "kids"
                | "zonen"
                | "dochters"
                | "jongens"
                | "meiden"
                | "meisjes"
                | "children"
                | "sons"
                | "daughters"
                | "boys"
                | "girls"
                | "pleegkinderen"
                | "kleinkinderen"
                | "grandchildren"
        );
        if !plural_of_persons
            || text.get(list[i].end..list[i + 1].start).map(str::trim) != Some("(")
        {
            continue;
        }
        let mut k = i + 1;
        let mut names = Vec::new();
        let mut fits = true;
        while k < list.len() && k < i + 12 {
            let t = &list[k];
            let before = text.get(list[k - 1].end..t.start).unwrap_or("");
            if k > i + 1 && before.contains(')') {
                break;
            }
            let lower = tokens.lower(t);
            if t.case == Case::Number || matches!(lower, "en" | "and" | "&") {
                k += 1;
                continue;
            }
            let name_like = t.flags.has(Flags::GIVEN)
                || !lexical(tokens, t)
                || tokens.base(t).chars().count() <= 3 && !t.flags.has(Flags::FUNCTION);
            if t.protected || t.flags.is_kept() || !name_like {
                fits = false;
                break;
            }
            names.push(k);
            k += 1;
        }
        let closed = list
            .get(k.saturating_sub(1))
            .and_then(|last| text.get(last.end..))
            .is_some_and(|r| r.trim_start().starts_with(')'));
        if fits && closed && !names.is_empty() {
            for j in names {
                if labels[j].is_none() {
                    labels[j] = Some(Label::cued_person(Strength::Story));
                }
            }
        }
    }
}

/// Adverbs that open a Dutch main clause and push the subject after the verb: "toen ging
/// ze", "daarna zei hij".
const FRONTED_ADVERBS: &[&str] = &[
    "toen",
    "daarna",
    "daarop",
    "gisteren",
    "vandaag",
    "nu",
    "dan",
    "later",
    "soms",
    "vaak",
    "ineens",
    "opeens",
    "eerst",
    "vanochtend",
    "vanmiddag",
    "vanavond",
    "vannacht",
    "morgen",
    "straks",
    "sindsdien",
    "daarom",
    "vervolgens",
    "uiteindelijk",
    "gelukkig",
    "helaas",
];
