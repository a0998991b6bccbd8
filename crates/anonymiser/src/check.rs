//! The words the anonymiser kept but is unsure of: what the preview asks the parent about
//! and what the moderators' outline marks, in one ranking.

use crate::gazetteer::FastMap;
use crate::gazetteer::Flags;
use crate::lang::Lang;
use crate::placeholders;
use crate::rules::lexical;
use crate::tagger;
use crate::tokens::{tokenise, Case, Token, Tokens};

/// Words a moderator should look at twice, in text that was already anonymised, in text
/// order (the outline on the moderation page).
pub fn words_to_check(lang: Lang, text: &str) -> Vec<std::ops::Range<usize>> {
    doubtful_words(lang, text)
        .into_iter()
        .filter(|&(_, score)| score >= OFFER_FROM)
        .map(|(r, _)| r)
        .collect()
}

/// The doubtful words of an anonymised story's fields (as they appear in the output),
/// distinct ignoring case, most likely identifying first, at most `limit`.
pub fn words_to_ask(lang: Lang, texts: &[&str], limit: usize) -> Vec<String> {
    // (score, field, position) of each distinct word's best occurrence
    let mut best: FastMap<String, (u32, usize, usize, String)> = FastMap::default();
    for (f, text) in texts.iter().enumerate() {
        for (range, score) in doubtful_words(lang, text) {
            let Some(surface) = text.get(range.clone()) else {
                continue;
            };
            let key = surface.to_lowercase();
            let entry = best
                .entry(key)
                .or_insert((score, f, range.start, surface.to_string()));
            if score > entry.0 {
                entry.0 = score;
            }
        }
    }
    let mut words: Vec<(u32, usize, usize, String)> = best.into_values().collect();
    words.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)).then(a.2.cmp(&b.2)));
    // the rules' cases first; the tagger's fill only up to `FILL_TO` words in all
    let offered = words.iter().filter(|w| w.0 >= OFFER_FROM).count();
    let take = limit.min(offered.max(FILL_TO));
    words.into_iter().take(take).map(|w| w.3).collect()
}

/// The parent's list is filled up to this many words with the tagger's best guesses when
/// the rules have fewer cases: the issue allows ten ordinary words per story, and a short
/// list is read, so eight leaves room for the rules' own ordinary words.
const FILL_TO: usize = 8;

/// Tagger margins (in its weight units, relative to its threshold): within `NEAR_MISS`
/// below the threshold a word is offered with the rules' middle cases; further than
/// `FAR_FROM_A_NAME` below it, the rules' weakest cases are not offered.
const NEAR_MISS: i32 = 30_000;
const FAR_FROM_A_NAME: i32 = 60_000;

/// Below this score a word is not offered: ordinary words that happen to be listed as a
/// name somewhere ("elke", "keer", "meer") have no name's context and score lower.
const OFFER_FROM: u32 = 30;

/// Each doubtful word with how likely it is to identify someone (higher is likelier), in
/// text order. The score follows the same evidence the rules use, weaker: a word that is
/// no word at all, a listed name or place that is no word, a capital mid-sentence, a
/// word in a name's slot (after a title or role, before an age, after a locative or a
/// provider cue, next to a placeholder, as a verb's subject).
fn doubtful_words(lang: Lang, text: &str) -> Vec<(std::ops::Range<usize>, u32)> {
    let existing: Vec<(usize, usize)> = placeholders::find_all(text).map(|e| (e.0, e.1)).collect();
    let tokens = tokenise(text);
    let list = &tokens.list;
    // The learned tagger's opinion of each kept word, relative to the margin at which it
    // would have removed it (src/tagger.rs).
    let margins = tagger::margins(&tagger::View::new(
        text,
        &tokens,
        lang,
        existing.iter().copied(),
    ));
    let in_placeholder = |t: &Token| {
        let idx = existing.partition_point(|&(s, _)| s < t.end);
        idx > 0 && existing[idx - 1].1 > t.start
    };
    // A placeholder of a place or organisation right before the token ("[plaats]
    // holtenbroek"), or any placeholder right after it ("Duinrand [school]"), with only a
    // space or hyphen between: a part of the name may have been left. (After a person
    // comes a verb: "[naam 1] zegt".)
    let next_to_placeholder = |t: &Token| {
        let idx = existing.partition_point(|&(s, _)| s < t.end);
        let tight = |g: Option<&str>| {
            g.is_some_and(|g| {
                !g.is_empty() && g.len() <= 2 && g.chars().all(|c| c == ' ' || c == '-')
            })
        };
        let before = idx > 0
            && tight(text.get(existing[idx - 1].1..t.start))
            && !text
                .get(existing[idx - 1].0..existing[idx - 1].1)
                .is_some_and(|p| p.starts_with("[naam") || p.starts_with("[name"));
        let after = existing
            .get(idx)
            .is_some_and(|&(s, _)| tight(text.get(t.end..s)));
        before || after
    };
    let mut out = Vec::new();
    let mut number_run_until = 0;
    let mut spelled_until = 0;
    for (i, t) in list.iter().enumerate() {
        if in_placeholder(t) {
            continue;
        }
        if t.start < spelled_until {
            continue;
        }
        if let Some((start, end)) = spelled_address(text, &tokens, i, &in_placeholder) {
            spelled_until = end;
            out.push((start..end, 88));
            continue;
        }
        if t.case == Case::Number {
            if t.start >= number_run_until {
                if let Some((end, score)) = number_run(text, &tokens, i, &in_placeholder) {
                    number_run_until = end;
                    out.push((t.start..end, score));
                }
            }
            continue;
        }
        let f = t.flags;
        // cue words are what makes a neighbour a name; they never are one themselves
        // ("wachtlijst bij X", "werkt bij X", "zaaknummer 123", "geboren in X")
        let cue = [
            Flags::PROVIDER_CUE,
            Flags::PROVIDER_HEAD,
            Flags::NUMBER_CUE,
            Flags::SUBJECT_VERB,
            Flags::SCHOOL_VERB,
            Flags::NAMING_VERB,
            Flags::SIGN_OFF,
        ]
        .into_iter()
        .any(|c| f.has(c))
            && t.case == Case::Lower
            // a function word is no name even capitalised at a sentence start ("Since",
            // "Elke"), nor is a kind of number ("zaaknummer", "leerlingnummer")
            || f.has(Flags::FUNCTION) && (t.case == Case::Lower || t.sentence_start)
            || {
                let l = tokens.lower(t);
                l.ends_with("nummer") || l.ends_with("number")
            };
        // numbers in words ("van twee jongens") count, they do not name
        let number_word = t.flags.has(Flags::NUMBER_WORD);
        if f.is_kept() || cue || number_word || f.has(Flags::PARTICLE) && t.case == Case::Lower {
            continue;
        }
        let base = tokens.base(t);
        let long = base.chars().count();
        if long < 2 {
            continue;
        }
        let is_lexical = lexical(&tokens, t);
        let prev = i
            .checked_sub(1)
            .map(|k| &list[k])
            .filter(|p| !in_placeholder(p));
        let prev_lower = prev.map(|p| tokens.lower(p)).unwrap_or("");
        let prev_flags = prev.map(|p| p.flags).unwrap_or_default();
        let prev2_flags = i
            .checked_sub(2)
            .map(|k| &list[k])
            .filter(|p| !in_placeholder(p))
            .map(|p| p.flags)
            .unwrap_or_default();
        let prev2_lower = i
            .checked_sub(2)
            .map(|k| &list[k])
            .filter(|p| !in_placeholder(p))
            .map(|p| tokens.lower(p))
            .unwrap_or("");
        let after = text.get(t.end..).unwrap_or("").trim_start_matches(' ');
        let age_next = after
            .strip_prefix('(')
            .is_some_and(|r| r.starts_with(|c: char| c.is_ascii_digit()));
        let verb_next = list
            .get(i + 1)
            .is_some_and(|x| x.flags.has(Flags::SUBJECT_VERB));
        let capital_mid = t.case == Case::Capital && !t.sentence_start;
        let verb_itself = f.has(Flags::SUBJECT_VERB);
        let listed = f.is_proper();
        // After a possessive a thing follows ("my son's psychiatrist", "husband's job"),
        // not a name.
        let after_possessive = prev.is_some_and(|p| p.possessive > 0);
        let role_slot = !after_possessive
            && (prev_flags.has(Flags::TITLE_CUE) || prev_flags.has(Flags::PERSON_CUE))
            || prev_flags.has(Flags::NAMING_VERB);
        let place_slot = prev_flags.has(Flags::LOCATIVE) || prev_flags.has(Flags::PLACE_NOUN);
        let article_slot = matches!(prev_lower, "de" | "het" | "the")
            && matches!(
                prev2_lower,
                "op" | "naar" | "bij" | "van" | "voor" | "to" | "at"
            );
        let provider_slot = matches!(prev_lower, "bij" | "naar" | "van" | "met")
            || prev2_flags.has(Flags::PROVIDER_CUE);
        // Only a word that could be part of a name: an ordinary word beside a placeholder
        // is mostly the verb or noun of the sentence ("in [plaats] kregen we").
        let beside = next_to_placeholder(t)
            && !verb_itself
            && (!is_lexical || listed || t.case == Case::Capital || f.has(Flags::PLACE_PART));
        // "karakter heeft een intake gedaan", "de bascule heeft een wachtlijst"
        // The verb at `v` is followed by its subject: inverted order after an adverb.
        let inverted_after = |v: usize| {
            list.get(v + 1).is_some_and(|n| {
                let l = tokens.lower(n);
                matches!(
                    l,
                    "ik" | "je"
                        | "jij"
                        | "hij"
                        | "ze"
                        | "zij"
                        | "we"
                        | "wij"
                        | "u"
                        | "het"
                        | "er"
                        | "de"
                        | "mijn"
                        | "mn"
                        | "onze"
                        | "zijn"
                        | "haar"
                        | "i"
                        | "he"
                        | "she"
                        | "we've"
                        | "they"
                        | "it"
                        | "the"
                        | "my"
                        | "our"
                ) || in_placeholder(n)
            })
        };
        let subject_slot = verb_next
            && (t.sentence_start
                || article_before(prev_lower) && prev.is_some_and(|p| p.sentence_start));
        let bracketed = {
            let before = text.get(..t.start).unwrap_or("").trim_end_matches(' ');
            let before = ["de", "het", "the"]
                .iter()
                .find_map(|a| {
                    before.strip_suffix(a).or_else(|| {
                        before
                            .strip_suffix(&a.to_uppercase()[..1])
                            .filter(|_| false)
                    })
                })
                .map_or(before, |b| b.trim_end_matches(' '));
            before.ends_with('(') || before.ends_with(", ") && article_before(prev_lower)
        };
        // The word ends its phrase ("op de zonneboom in ...", "in tiel,"): where a name that
        // is also a word would stand after "op de" or "in", and not "op de bank te wachten".
        let phrase_ends = {
            let rest = after.trim_start_matches(' ');
            rest.is_empty()
                || rest.starts_with(['.', ',', '!', '?', ';', ':', ')', '\n'])
                || list.get(i + 1).is_some_and(|n| {
                    matches!(
                        tokens.lower(n),
                        "in" | "en"
                            | "maar"
                            | "want"
                            | "sinds"
                            | "toen"
                            | "omdat"
                            | "and"
                            | "but"
                            | "since"
                            | "when"
                            | "because"
                            | "groep"
                            | "klas"
                    )
                })
        };
        // after a kind of institution, where the phrase ends: "gezondheidscentrum
        // lunetten)", "dagbesteding zonnehoek." (a word there is mostly its name)
        let institution_slot = phrase_ends
            && long >= 3
            && !f.has(Flags::FUNCTION)
            && prev.is_some_and(|p| p.case != Case::Number)
            && crate::rules::org_prefix(prev_lower).is_some();
        let bare_place_slot = matches!(prev_lower, "in" | "uit" | "from" | "near")
            && !f.has(Flags::FUNCTION)
            && long >= 3
            && phrase_ends;
        let score = if !is_lexical && long >= 3 {
            if listed {
                90
            } else {
                80
            }
        } else if listed && !f.is_word() {
            85
        } else if role_slot && !f.has(Flags::FUNCTION) && !verb_itself || age_next {
            70
        } else if capital_mid {
            if listed {
                65
            } else {
                55
            }
        } else if beside && !f.has(Flags::FUNCTION) {
            50
        } else if bracketed && !f.has(Flags::FUNCTION) {
            48
        } else if (listed || !f.is_word()) && (place_slot || provider_slot || verb_next)
            || institution_slot && !verb_itself
        {
            45
        } else if article_slot && phrase_ends && !verb_itself && long >= 3 {
            40
        } else if bare_place_slot && !verb_itself {
            36
        } else if (article_slot || provider_slot && long >= 4) && !verb_itself {
            32
        } else if subject_slot
            && !verb_itself
            && !f.has(Flags::FUNCTION)
            && long >= 4
            && !inverted_after(i + 1)
            && t.sentence_start
        {
            // A bare word as the subject at a sentence start ("zwaantje kwam langs"): where
            // Dutch puts an adverb, the subject follows the verb ("gisteren heeft ze"), so a
            // verb not followed by its subject leaves the word as the subject, a name.
            46
        } else if subject_slot && !verb_itself && !f.has(Flags::FUNCTION) && long >= 4 {
            31
        } else if listed && long >= 3 && t.case != Case::Lower {
            30
        } else {
            0
        };
        // The tagger's near misses come first among the rules' weak cases; a word the
        // tagger is sure is nothing loses a weak case ("voor de deur", "in de gang").
        let margin = margins.get(i).copied().flatten();
        let score = match margin {
            Some(m) if m >= -NEAR_MISS && score < 60 => 60,
            Some(m) if m < -FAR_FROM_A_NAME && score < 45 => 0,
            _ => score,
        };
        // A word with no rule's case that the tagger does not rule out may fill the
        // parent's list (below `OFFER_FROM`, ranked by the tagger's margin): a parent reads
        // a few ordinary words to tick none of them, and a name the rules had no case for
        // gets its chance to be ticked.
        let score = match margin {
            Some(m) if score == 0 && m >= -FAR_FROM_A_NAME && !f.has(Flags::FUNCTION) => {
                // -FAR_FROM_A_NAME..=0 onto 1..=29
                let closeness = (m + FAR_FROM_A_NAME).clamp(0, FAR_FROM_A_NAME);
                1 + (closeness as u64 * u64::from(OFFER_FROM - 2) / FAR_FROM_A_NAME as u64) as u32
            }
            _ => score,
        };
        if score > 0 {
            out.push((t.start..t.end - t.possessive, score));
        }
    }
    out
}

fn article_before(prev: &str) -> bool {
    matches!(prev, "de" | "het" | "the")
}

/// A run of numbers from token `i` joined by single spaces ("123 456 782", "06 12"), as one
/// phrase to ask about, with its score; ages, school years and years are not asked about.
fn number_run(
    text: &str,
    tokens: &Tokens,
    i: usize,
    in_placeholder: &impl Fn(&Token) -> bool,
) -> Option<(usize, u32)> {
    let list = &tokens.list;
    let mut k = i;
    while k + 1 < list.len()
        && list[k + 1].case == Case::Number
        && !in_placeholder(&list[k + 1])
        && text.get(list[k].end..list[k + 1].start) == Some(" ")
    {
        k += 1;
    }
    let surface = text.get(list[i].start..list[k].end)?;
    let digits = surface.chars().filter(char::is_ascii_digit).count();
    let separated = surface.contains(['-', '/', '.', ':']);
    let year = k == i
        && digits == 4
        && (surface.starts_with("19") || surface.starts_with("20"))
        && surface.chars().all(|c| c.is_ascii_digit());
    let score = if year {
        0
    } else if digits >= 6 {
        75
    } else if digits >= 3 {
        45
    } else if separated {
        40
    } else {
        0
    };
    (score >= OFFER_FROM).then_some((list[k].end, score))
}

/// Words that spell out an e-mail address: "voornaam punt achternaam apenstaartje kpnmail
/// punt nl", "x dot y at outlook dot com".
const SPELLED_AT: &[&str] = &["at", "apenstaartje", "apestaartje", "apenstaart"];
const SPELLED_DOT: &[&str] = &["dot", "punt"];
const TOP_LEVEL: &[&str] = &[
    "nl", "com", "be", "net", "org", "eu", "de", "uk", "info", "co",
];

/// A spelled-out e-mail address starting at token `i`, as one phrase to ask about: words
/// joined by "punt"/"dot", one "apenstaartje"/"at", ending in a top-level domain.
fn spelled_address(
    text: &str,
    tokens: &Tokens,
    i: usize,
    in_placeholder: &impl Fn(&Token) -> bool,
) -> Option<(usize, usize)> {
    let list = &tokens.list;
    let word = |k: usize| {
        list.get(k)
            .filter(|t| !in_placeholder(t))
            .map(|t| tokens.lower(t))
    };
    let is = |k: usize, set: &[&str]| word(k).is_some_and(|w| set.contains(&w));
    // the local part: word (dot word){0,2}, then "at"
    let mut k = i;
    if word(k).is_none() || is(k, SPELLED_AT) || is(k, SPELLED_DOT) {
        return None;
    }
    let mut parts = 0;
    loop {
        if parts > 2 {
            return None;
        }
        if is(k + 1, SPELLED_AT) {
            break;
        }
        if !is(k + 1, SPELLED_DOT) || word(k + 2).is_none() {
            return None;
        }
        k += 2;
        parts += 1;
    }
    // the domain: word (dot word){1,2} ending in a top-level domain
    let mut d = k + 2;
    word(d)?;
    let mut labels = 0;
    while is(d + 1, SPELLED_DOT) && word(d + 2).is_some() && labels < 3 {
        d += 2;
        labels += 1;
    }
    if labels == 0 || !is(d, TOP_LEVEL) {
        return None;
    }
    let _ = text;
    Some((list[i].start, list[d].end))
}
