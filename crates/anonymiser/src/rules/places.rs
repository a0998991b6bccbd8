//! Places: lowercase places after a place cue, the town after a postcode, neighbourhoods.

use crate::kind::Kind;
use crate::tokens::Case;

use super::{is_street, joined, lexical};
use super::{Cx, Label, Strength, Word};
use crate::context::{DWELLING_VERBS, NEIGHBOURHOOD_WORDS};
use crate::engine::Found;
use crate::gazetteer::Flags;
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
    // "rotterdam-alexander", "utrecht-noord": a listed place that is no word, hyphened to
    // more, is that place's part of town
    if let Some((head, tail)) = lower.split_once('-') {
        let head_flags = crate::gazetteer::lookup(head);
        if head_flags.has(Flags::PLACE)
            && !head_flags.has(Flags::COUNTRY)
            && !crate::gazetteer::is_lexical(head)
            && head.chars().count() >= 4
            && tail.chars().count() >= 3
        {
            labels[i] = Some(Label::new(Kind::Place, Strength::Story));
            return true;
        }
    }
    // "zuid-drenthe", "noord-veluwe", "midden-limburg": a compass word hyphened to
    // a name is a region, wherever it stands; provinces and countries ("noord-holland",
    // "zuid-afrika") are kept by the lists.
    if let Some((head, tail)) = lower.split_once('-') {
        let compass = matches!(
            head,
            "noord"
                | "zuid"
                | "oost"
                | "west"
                | "midden"
                | "noordoost"
                | "noordwest"
                | "zuidoost"
                | "zuidwest"
                | "north"
                | "south"
                | "east"
                | "central"
        );
        let tail_flags = crate::gazetteer::lookup(tail);
        // parts of the world are no region a family lives in ("oost-europa")
        let continent = matches!(
            tail,
            "europa"
                | "afrika"
                | "azië"
                | "azie"
                | "amerika"
                | "oosten"
                | "europe"
                | "africa"
                | "asia"
                | "america"
                | "east"
                | "west"
        );
        if compass
            && !continent
            && tail.chars().count() >= 4
            && !tail_flags.has(Flags::COUNTRY)
            && (tail_flags.has(Flags::PLACE) || !crate::gazetteer::is_lexical(tail))
        {
            labels[i] = Some(Label::new(Kind::Place, Strength::Story));
            return true;
        }
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
            && NEIGHBOURHOOD_WORDS.contains(&next)
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

/// A listed place right after a locative preposition, without an article, where the phrase
/// ends ("ze zat op school in best, groep 6", "we wonen in leek.", "uit den bosch"): common
/// nouns take an article there, names do not. After a dwelling verb ("we wonen in X") any
/// word that is no function word is the place.
pub(super) fn place_after_locative(
    cx: &Cx<'_>,
    w: &Word<'_>,
    labels: &mut [Option<Label>],
) -> bool {
    let Cx { tokens, .. } = *cx;
    let Word { i, t, f, kept, .. } = *w;
    if kept || f.has(Flags::FUNCTION) || t.case == Case::Number || i == 0 {
        return false;
    }
    let at = |k: usize| tokens.list.get(k).map(|x| tokens.lower(x)).unwrap_or("");
    // "in den helder", "uit 's-hertogenbosch": an article that belongs to the name;
    // "in de bilt", "uit de lier": "de" does when the lists hold the two words as one
    // place (looked up after a locative only: "de" and a noun are everywhere)
    let listed_pair = i >= 2
        && matches!(at(i - 1), "de" | "het" | "den" | "ter" | "ten")
        && tokens.list[i - 2].flags.has(Flags::LOCATIVE)
        && crate::gazetteer::lookup(&format!("{} {}", at(i - 1), tokens.lower(t)))
            .has(Flags::PLACE);
    let listed_with_de = listed_pair && matches!(at(i - 1), "de" | "het");
    let name_article = i >= 2 && matches!(at(i - 1), "den" | "'s" | "s" | "ter");
    let article = name_article || listed_with_de;
    let prep_at = if article { i - 2 } else { i - 1 };
    let prep = at(prep_at);
    let locative = tokens.list[prep_at].flags.has(Flags::LOCATIVE);
    let noun = tokens.list[prep_at].flags.has(Flags::PLACE_NOUN);
    // "van" is no locative, but after a verb of moving it says where from ("we verhuisden
    // van putten naar ...")
    let moved_from =
        matches!(prep, "van" | "from") && prep_at >= 1 && DWELLING_VERBS.contains(&at(prep_at - 1));
    if !(locative || noun || moved_from) || tokens.list[prep_at].protected {
        return false;
    }
    let dwelling = prep_at >= 1
        && DWELLING_VERBS.contains(&at(prep_at - 1))
        && matches!(prep, "in" | "naar" | "uit" | "to" | "van" | "from");
    // "van groningen naar assen", "from leiden to utrecht": the second of a pair of places
    // is a place too, even when it is also a word
    let paired = matches!(prep, "naar" | "to")
        && prep_at >= 2
        && (labels[prep_at - 1].is_some_and(|l| l.kind == Kind::Place)
            || tokens.list[prep_at - 1].flags.has(Flags::PLACE)
                && !lexical(tokens, &tokens.list[prep_at - 1]))
        && matches!(at(prep_at - 2), "van" | "from" | "uit");
    // "in den haag": the pair is listed, the word alone is a word
    let listed = f.has(Flags::PLACE) || name_article && listed_pair;
    let is_lexical = lexical(tokens, t);
    let ends = super::organisations::phrase_ends(cx, i)
        || super::organisations::phrase_ends(cx, i + 1)
            && tokens
                .list
                .get(i + 1)
                .is_some_and(|n| n.flags.has(Flags::PLACE_PART));
    // a compound nobody listed as a word, where the phrase ends: "in malberg.", "from
    // manchester,"
    // (not after the prepositions that also say when or how: "buiten schooltijd")
    let unlisted = !f.is_word()
        && !listed
        && w.base.chars().count() >= 5
        && ends
        && !matches!(prep, "buiten" | "rondom" | "tussen" | "onder" | "boven");
    // The second of a pair after a place found first is a place even when nobody listed it
    // ("van [plaats] naar bergen."), unless it is where one goes home or to ("naar huis").
    let paired_word =
        paired && ends && !f.has(Flags::SUBJECT_VERB) && !t.flags.has(Flags::BARE_NOUN);
    // a listed "de X" only where one lives or is from, at the phrase's end: "in de bilt."
    // ("naar de hoeve" may be a farm)
    let listed_with_de = listed_with_de
        && (dwelling || ends && matches!(prep, "in" | "uit" | "te" | "from" | "near"));
    // a finite verb ends a listed place's phrase too: "de orthopedagoog in hoorn zei"
    let verb_next = tokens
        .list
        .get(i + 1)
        .is_some_and(|n| n.case == Case::Lower && n.flags.has(Flags::SUBJECT_VERB));
    let place = listed_with_de
        || listed
            && (!is_lexical || ends || verb_next || dwelling || noun || name_article || paired)
        || paired_word
        || unlisted
        || dwelling && (ends || !is_lexical)
        || name_article && !is_lexical;
    if place && tokens.lower(t).chars().count() >= 2 {
        let strength = if is_lexical {
            Strength::Local
        } else {
            Strength::Story
        };
        if article {
            labels[i - 1] = Some(Label::new(Kind::Place, Strength::Local));
        }
        labels[i] = Some(Label::new(Kind::Place, strength));
        return true;
    }
    false
}

/// A place's part: "amsterdam noord", "utrecht overvecht", "almere haven", "den haag
/// zuidwest", "amersfoort centraal": a compass or part word, or a word that is no word,
/// right after a labelled place.
pub(super) fn place_parts(cx: &Cx<'_>, labels: &mut [Option<Label>]) {
    let Cx { text, tokens, .. } = *cx;
    let list = &tokens.list;
    for i in 1..list.len() {
        let before = labels[i - 1].is_some_and(|l| l.kind == Kind::Place)
            || labels[i - 1].is_some() && list[i - 1].flags.has(Flags::PLACE);
        let t = &list[i];
        if !before || labels[i].is_some() || t.protected || !joined(text, list[i - 1].end, t.start)
        {
            continue;
        }
        let part = t.flags.has(Flags::PLACE_PART)
            || t.case != Case::Number
                && !t.flags.is_kept()
                && !t.flags.has(Flags::FUNCTION)
                && (!lexical(tokens, t)
                    || t.flags.has(Flags::PROPER) && !t.flags.is_word()
                    || !t.flags.is_word() && super::organisations::phrase_ends(cx, i));
        if part {
            labels[i] = Some(Label::new(Kind::Place, Strength::Local));
        }
    }
}

/// A street without a number ("op de heerlenerweg"), and a road ("de a2", "over de n201").
pub(super) fn streets_and_roads(cx: &Cx<'_>, labels: &mut [Option<Label>]) {
    let Cx { tokens, .. } = *cx;
    let list = &tokens.list;
    for i in 1..list.len() {
        let t = &list[i];
        if t.protected || labels[i].is_some() {
            continue;
        }
        let p = tokens.lower(&list[i - 1]);
        let l = tokens.lower(t);
        let after_article = matches!(p, "de" | "het" | "the" | "via" | "over" | "op" | "aan");
        if !after_article {
            continue;
        }
        let street =
            t.case == Case::Lower && !t.flags.is_word() && !t.flags.is_kept() && is_street(l);
        let road = {
            let mut c = l.chars();
            matches!(c.next(), Some('a' | 'n'))
                && l.len() >= 2
                && l.len() <= 4
                && c.all(|d| d.is_ascii_digit())
        };
        if street || road {
            labels[i] = Some(Label::new(Kind::Place, Strength::Local));
        }
    }
}

/// A place named after a place and a comma, the way one narrows it down: "in een dorp vlak
/// bij roermond, velden", "regio utrecht, bunnik." A listed place that is also a word goes
/// here when its phrase ends after it.
pub(super) fn place_after_place_comma(cx: &Cx<'_>, labels: &mut [Option<Label>]) {
    listed_place_after(cx, labels, Kind::Place, ", ");
}

/// The town a school or provider carries in its name, straight after it: "het stedelijk
/// gymnasium leiden", "hogeschool utrecht", "de ggz in het umc utrecht". A listed place that
/// is also a word ("leiden", "best") goes when its phrase ends after it; it stays a word
/// elsewhere in the story.
pub(super) fn place_after_institution(cx: &Cx<'_>, labels: &mut [Option<Label>]) {
    listed_place_after(cx, labels, Kind::Organisation, " ");
}

/// A listed place right after a span of kind `before`, separated by `gap`, where its phrase
/// ends: a place for this occurrence only.
fn listed_place_after(cx: &Cx<'_>, labels: &mut [Option<Label>], before: Kind, gap: &str) {
    let Cx { text, tokens, .. } = *cx;
    let list = &tokens.list;
    for i in 1..list.len() {
        let t = &list[i];
        if labels[i - 1].is_none_or(|l| l.kind != before)
            || labels[i].is_some()
            || t.protected
            || !t.flags.has(Flags::PLACE)
            || t.flags.is_kept()
            || t.flags.has(Flags::FUNCTION)
            || text.get(list[i - 1].end..t.start) != Some(gap)
            || !super::organisations::phrase_ends(cx, i)
        {
            continue;
        }
        labels[i] = Some(Label::new(Kind::Place, Strength::Local));
    }
}
