//! The word rules, one file per family. Each rule looks at tokens and their context and
//! labels the ones that identify; `spans` turns labels into spans. Every rule is a single
//! pass with bounded work per token, so the whole is linear in the input.

mod bare_nouns;
mod capitals;
mod handles;
mod organisations;
mod places;
mod spans;
mod subjects;
mod titles;

use crate::context::{
    ACRONYM_PREFIXES, NAME_FOLLOWERS, ORG_PREFIXES, ORG_SUFFIXES, STREET_ENDINGS,
};
use crate::engine::Field;
use crate::gazetteer::{self, Flags};
use crate::kind::Kind;
use crate::lang::Lang;
use crate::patterns::HandleCues;
use crate::placeholders;
use crate::tokens::{Case, Token, Tokens};

/// How sure the engine is that a word is identifying.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum Strength {
    /// Remove this occurrence only (a capitalised ordinary word, "Karakter").
    Local,
    /// Remove every occurrence of the word in the story ("Daan", "juf Roos").
    Story,
}

#[derive(Clone, Copy, Debug)]
pub(crate) struct Label {
    kind: Kind,
    school: bool,
    strength: Strength,
    /// Found through a title, role or introduction cue: certainly a person.
    cued: bool,
}

impl Label {
    fn new(kind: Kind, strength: Strength) -> Label {
        Label {
            kind,
            school: false,
            strength,
            cued: false,
        }
    }

    fn cued_person(strength: Strength) -> Label {
        Label {
            kind: Kind::Person,
            school: false,
            strength,
            cued: true,
        }
    }

    fn school() -> Label {
        Label {
            kind: Kind::Organisation,
            school: true,
            strength: Strength::Local,
            cued: false,
        }
    }
}

/// What every rule may look at.
#[derive(Clone, Copy)]
pub(super) struct Cx<'a> {
    text: &'a str,
    tokens: &'a Tokens,
    lang: Lang,
    handle_cues: &'a HandleCues,
}

/// One token with what the per-token rules ask about it.
#[derive(Clone, Copy)]
pub(super) struct Word<'a> {
    i: usize,
    t: &'a Token,
    lower: &'a str,
    base: &'a str,
    f: Flags,
    /// The token before, when it is close enough to act as context.
    prev: Option<&'a str>,
    prev_flags: Flags,
    kept: bool,
    single_letter: bool,
    after_title: bool,
}

/// "roos (8)", "sky is 16": a word followed by an age.
pub(super) fn age_follows(text: &str, tokens: &Tokens, i: usize) -> bool {
    let Some(t) = tokens.list.get(i) else {
        return false;
    };
    let rest = text.get(t.end..).unwrap_or("").trim_start_matches(' ');
    let small = |s: &str| {
        let digits: String = s.chars().take_while(char::is_ascii_digit).collect();
        !digits.is_empty() && digits.len() <= 2
    };
    if let Some(inner) = rest.strip_prefix('(') {
        return small(inner.trim_start());
    }
    let next = |k: usize| tokens.list.get(k).map(|x| tokens.lower(x));
    matches!(
        next(i + 1),
        Some("is" | "was" | "wordt" | "werd" | "turned" | "turns")
    ) && tokens.list.get(i + 2).is_some_and(|x| {
        // an age stands alone: "is 12", not "is 12.05.14-123.45" (a number or date)
        let glued = text
            .get(x.end..)
            .unwrap_or("")
            .strip_prefix(['.', '-', '/', ':', ','])
            .is_some_and(|r| r.starts_with(|c: char| c.is_ascii_digit()));
        x.case == Case::Number && small(tokens.lower(x)) && !glued
    })
}

/// The next token is a verb a subject takes ("zei", "heeft", "said"), or a Dutch finite
/// verb by its form ("logeert", "fietste").
pub(super) fn next_is_subject_verb(tokens: &Tokens, i: usize) -> bool {
    tokens.list.get(i + 1).is_some_and(|x| {
        x.flags.has(Flags::SUBJECT_VERB)
            || x.case == Case::Lower && {
                let known = x.finite_verb.get();
                known.unwrap_or_else(|| {
                    let verb = dutch_finite_verb(tokens.lower(x));
                    x.finite_verb.set(Some(verb));
                    verb
                })
            }
    })
}

/// A Dutch third-person or past singular by its form: the word less "-t", "-te" or "-de"
/// is a stem whose infinitive the lexicon knows ("logeert": "logeren", "woonde": "wonen",
/// "fietst": "fietsen"). Spelling follows the stem into the open syllable: a doubled
/// vowel is single ("speel": "spelen"), a final f or s may voice ("leef": "leven"). Most
/// nouns have no such form ("kat", "feest"); a plural can pass for an infinitive ("tent":
/// "tenen"), a rare wrong guess that only matters right after a name's slot.
pub(crate) fn dutch_finite_verb(word: &str) -> bool {
    let stem = if let Some(s) = word.strip_suffix("de").or_else(|| word.strip_suffix("te")) {
        s
    } else if let Some(s) = word.strip_suffix('t') {
        s
    } else {
        return false;
    };
    if stem.chars().count() < 3 || !gazetteer::lookup(word).has(Flags::NL) {
        return false;
    }
    // the candidate infinitives, built one after another in one buffer
    let chars: Vec<char> = stem.chars().collect();
    let k = chars.len();
    let is_vowel = |c: char| matches!(c, 'a' | 'e' | 'o' | 'u');
    let last = chars[k - 1];
    let mut buffer = String::with_capacity(word.len() + 3);
    let mut known = |parts: &[&[char]], tail: &str| {
        buffer.clear();
        parts.iter().for_each(|p| buffer.extend(p.iter()));
        buffer.push_str(tail);
        let f = gazetteer::lookup(&buffer);
        f.has(Flags::NL) && !f.has(Flags::GIVEN) && !f.has(Flags::PLACE)
    };
    // the stem as written, or with its doubled vowel single ("speel" -> "spelen", "woon"
    // -> "wonen", "logeer" -> "logeren"); a final f or s voices before the ending ("leef"
    // -> "leven", "reis" -> "reizen")
    let undoubled =
        k >= 3 && !is_vowel(last) && chars[k - 2] == chars[k - 3] && is_vowel(chars[k - 2]);
    let voiced = match last {
        'f' => Some('v'),
        's' => Some('z'),
        _ => None,
    };
    let mut heads: Vec<&[char]> = vec![&chars[..k - 1]];
    if undoubled {
        heads.push(&chars[..k - 2]);
    }
    for head in heads {
        if known(&[head, &[last]], "en") || voiced.is_some_and(|v| known(&[head, &[v]], "en")) {
            return true;
        }
    }
    // a short vowel closes its syllable with a doubled consonant: "zet" -> "zetten"
    k >= 2
        && !is_vowel(last)
        && is_vowel(chars[k - 2])
        && !chars[..k - 2].last().is_some_and(|&c| is_vowel(c))
        && known(&[&chars, &[last]], "en")
}

/// The next word is a form of "zijn"/"worden"/"blijven" or "to be": a verb a predicate
/// adjective stands before in a Dutch subordinate clause ("toen zijn vader ziek werd").
pub(super) fn next_is_copula(tokens: &Tokens, i: usize) -> bool {
    tokens
        .list
        .get(i + 1)
        .is_some_and(|x| crate::context::COPULAS.contains(&tokens.lower(x)))
}

/// Labels the words of a field that identify someone and records them as spans.
pub(crate) fn classify_words(field: &mut Field<'_>, lang: Lang) {
    let tokens = &field.tokens;
    let n = tokens.list.len();
    let mut labels: Vec<Option<Label>> = vec![None; n];
    let cx = Cx {
        text: field.text,
        tokens,
        lang,
        handle_cues: &field.handle_cues,
    };
    // The per-token rules, in order: the first that decides a token ends its turn.
    type Rule = fn(&Cx<'_>, &Word<'_>, &mut [Option<Label>]) -> bool;
    const PER_TOKEN: [Rule; 11] = [
        titles::title_and_initials,
        titles::role_or_introduction,
        handles::handle,
        places::place_after_locative,
        subjects::sentence_start_subject,
        subjects::lowercase_subject,
        subjects::age_in_brackets,
        subjects::unknown_word_in_name_slot,
        capitals::capitalised_mid_sentence,
        capitals::unknown_proper,
        places::lowercase_place,
    ];
    for i in 0..n {
        if labels[i].is_some() {
            continue; // set by a look-ahead of an earlier token
        }
        let t = &tokens.list[i];
        if t.protected || t.case == Case::Number {
            continue;
        }
        let prev = context_before(tokens, i);
        let prev_flags = match (prev, i.checked_sub(1)) {
            (Some(_), Some(k)) => tokens.list[k].flags,
            _ => Flags::default(),
        };
        let base = tokens.base(t);
        let word = Word {
            i,
            t,
            lower: tokens.lower(t),
            base,
            f: t.flags,
            prev,
            prev_flags,
            kept: t.flags.is_kept(),
            single_letter: base.chars().count() == 1,
            after_title: prev_flags.has(Flags::TITLE_CUE),
        };
        for rule in PER_TOKEN {
            if rule(&cx, &word, &mut labels) {
                break;
            }
        }
    }
    // The rules over several tokens.
    organisations::acronym_prefixes(&cx, &mut labels);
    organisations::bracketed_after_school(&cx, &mut labels);
    capitals::capital_extensions(&cx, &mut labels);
    places::around_postcodes(&cx, &mut labels, &field.found);
    organisations::before_school_word(&cx, &mut labels);
    places::before_neighbourhood_word(&cx, &mut labels);
    capitals::name_before_person(&cx, &mut labels);
    titles::sign_offs(&cx, &mut labels);
    organisations::provider_after_cue(&cx, &mut labels);
    organisations::employer_chains(&cx, &mut labels);
    organisations::provider_after_role(&cx, &mut labels);
    organisations::name_after_institution_type(&cx, &mut labels);
    organisations::name_before_apposition(&cx, &mut labels);
    organisations::name_after_institution_comma(&cx, &mut labels);
    organisations::school_after_cue(&cx, &mut labels);
    organisations::provider_heads_and_tails(&cx, &mut labels);
    organisations::provider_as_subject(&cx, &mut labels);
    organisations::compound_school_names(&cx, &mut labels);
    places::streets_and_roads(&cx, &mut labels);
    places::place_parts(&cx, &mut labels);
    places::place_after_place_comma(&cx, &mut labels);
    subjects::children_in_brackets(&cx, &mut labels);
    subjects::coordinated_names(&cx, &mut labels);
    subjects::relative_of_name(&cx, &mut labels);
    subjects::given_names_in_person_slots(&cx, &mut labels);
    titles::given_name_and_surname(&cx, &mut labels);
    titles::lowercase_surname_after_given_name(&cx, &mut labels);
    titles::given_name_before_surname(&cx, &mut labels);
    organisations::bracketed_after_place(&cx, &mut labels);
    organisations::coordinated_institutions(&cx, &mut labels);
    organisations::suffix_after_name(&cx, &mut labels);
    organisations::person_named_institution(&cx, &mut labels);
    organisations::name_before_school_word(&cx, &mut labels);
    places::place_after_institution(&cx, &mut labels);
    bare_nouns::bare_nouns_as_names(&cx, &mut labels);
    bare_nouns::dutch_article_in_english(&cx, &mut labels);
    spans::group(field, &labels);
}

pub(super) fn in_list(list: &[&str], w: &str) -> bool {
    list.contains(&w)
}

pub(super) fn is_acronym_prefix(w: &str) -> bool {
    ACRONYM_PREFIXES.contains(&w)
}

/// A Dutch past participle by its form: "verteld", "gevraagd", "gezegd", "uitgelegd",
/// "besproken" (ge-, be- or ver- before, or -ge- inside a longer word; -d, -t or -en
/// after), listed in the Dutch lexicon.
pub(crate) fn is_dutch_participle(word: &str) -> bool {
    let shaped = word.starts_with("ge")
        || word.starts_with("ver")
        || word.starts_with("be")
        || word.len() > 7 && word.get(2..).is_some_and(|rest| rest.contains("ge"));
    shaped
        && (word.ends_with('d') || word.ends_with('t') || word.ends_with("en"))
        && word.len() >= 6
        && gazetteer::lookup(word).has(Flags::NL)
}

/// Whether `w` is itself a listed kind of institution ("ziekenhuis", "praktijk"), not a
/// compound that ends in one ("autobedrijf" may be half a name).
pub(crate) fn is_institution_kind(w: &str) -> bool {
    ORG_PREFIX_MAP.contains_key(w)
}

pub(crate) fn org_prefix(w: &str) -> Option<bool> {
    if let Some(&school) = ORG_PREFIX_MAP.get(w) {
        return Some(school);
    }
    // Dutch compounds keep their head's meaning: an "expertisecentrum" or a
    // "jeugdzorgaanbieder" introduces a name as a "centrum" or "aanbieder" does. Only the
    // word's ends of the lengths of long prefixes are looked up: a few hash look-ups, asked
    // of every token by several rules. A tail ends where the word ends, so a word whose
    // last three bytes end no long prefix (nearly every word) needs none of them.
    let ending = w.as_bytes().get(w.len().checked_sub(3)?..)?;
    if w.len() < 9 || !ORG_PREFIX_ENDINGS.contains(ending) {
        return None;
    }
    ORG_PREFIX_TAIL_LENGTHS.iter().find_map(|&len| {
        let cut = w.len().checked_sub(len).filter(|&c| c >= 3)?;
        let tail = w.get(cut..)?;
        ORG_PREFIX_MAP.get(tail).copied()
    })
}

static ORG_PREFIX_MAP: std::sync::LazyLock<gazetteer::FastMap<&'static str, bool>> =
    std::sync::LazyLock::new(|| ORG_PREFIXES.iter().copied().collect());

/// Asked of nearly every token by several rules: a hash look-up, not a scan of the list.
static ORG_SUFFIX_MAP: std::sync::LazyLock<gazetteer::FastMap<&'static str, bool>> =
    std::sync::LazyLock::new(|| ORG_SUFFIXES.iter().copied().collect());

/// The last three bytes of the prefixes of at least six letters.
static ORG_PREFIX_ENDINGS: std::sync::LazyLock<gazetteer::FastSet<&'static [u8]>> =
    std::sync::LazyLock::new(|| {
        ORG_PREFIXES
            .iter()
            .filter(|(p, _)| p.len() >= 6)
            .filter_map(|(p, _)| p.as_bytes().get(p.len() - 3..))
            .collect()
    });

/// The lengths (in bytes) of the prefixes of at least six letters, longest first.
static ORG_PREFIX_TAIL_LENGTHS: std::sync::LazyLock<Vec<usize>> = std::sync::LazyLock::new(|| {
    let mut lengths: Vec<usize> = ORG_PREFIXES
        .iter()
        .map(|(p, _)| p.len())
        .filter(|&l| l >= 6)
        .collect();
    lengths.sort_unstable_by(|a, b| b.cmp(a));
    lengths.dedup();
    lengths
});

pub(crate) fn org_suffix(w: &str) -> Option<bool> {
    ORG_SUFFIX_MAP.get(w).copied()
}

pub(super) fn is_street(lower: &str) -> bool {
    STREET_ENDINGS
        .iter()
        .any(|e| lower.len() > e.len() + 2 && lower.ends_with(e))
}

/// Only spaces (or one hyphen) between two byte positions: the words belong together.
pub(super) fn joined(text: &str, from: usize, to: usize) -> bool {
    let gap = text.get(from..to).unwrap_or(".");
    !gap.is_empty() && gap.len() <= 3 && gap.chars().all(|c| c == ' ' || c == '-' || c == '\u{a0}')
}

/// Is this lowercase word an ordinary word of either language?
pub(crate) fn lexical(tokens: &Tokens, t: &Token) -> bool {
    if let Some(known) = t.lexical.get() {
        return known;
    }
    // A word the lists know as a name or place only is no word because it splits into
    // words ("eindhoven", "maastricht"): the split is for words nobody listed.
    let base = tokens.base(t);
    // "pv-nummer", "mdo-verslag", "ggz-instelling": a short abbreviation hyphened to a
    // word is a word too
    let abbreviated_compound = base.split_once('-').is_some_and(|(head, tail)| {
        head.chars().count() <= 4
            && tail.chars().count() >= 5
            && !tail.contains('-')
            && gazetteer::lookup(tail).is_word()
            && !gazetteer::lookup(tail).is_proper()
    });
    let result = t.flags.is_word()
        || abbreviated_compound
        || !t.flags.is_proper() && gazetteer::is_lexical(base);
    t.lexical.set(Some(result));
    result
}

/// The token before `i`, when it is close enough to act as context: in the same sentence,
/// or an abbreviated title followed by a dot ("dhr. Jansen").
pub(super) fn context_before(tokens: &Tokens, i: usize) -> Option<&str> {
    let t = tokens.list.get(i)?;
    let prev = tokens.list.get(i.checked_sub(1)?)?;
    if prev.protected {
        return None;
    }
    let lower = tokens.lower(prev);
    if t.sentence_start && !(prev.dotted && lower.len() <= 4) {
        return None;
    }
    Some(lower)
}

/// Names are followed by an age, a comma, a full stop or a verb of being: "roos (8)",
/// "roos, die", "roos is", "roos zit".
pub(super) fn name_like_follow(text: &str, tokens: &Tokens, i: usize) -> bool {
    let t = &tokens.list[i];
    let rest = text.get(t.end..).unwrap_or("");
    let rest = rest.trim_start_matches(' ');
    // "[" is a user's bracket (it becomes "(" in the output) unless a placeholder starts
    // there: a placeholder says nothing about the word before it.
    let placeholder_next = placeholders::find_next(rest).is_some_and(|(start, _)| start == 0);
    if rest.is_empty()
        || rest.starts_with(['(', ')', ',', '.', '!', '?', ':', ';', '\n'])
        || rest.starts_with('[') && !placeholder_next
    {
        return true;
    }
    tokens
        .list
        .get(i + 1)
        .is_some_and(|next| NAME_FOLLOWERS.contains(&tokens.lower(next)))
}

#[cfg(test)]
mod tests {
    use super::dutch_finite_verb;

    #[test]
    fn dutch_finite_verbs_are_known_by_their_infinitive() {
        for verb in [
            "logeert", "woonde", "fietst", "speelt", "leeft", "pakte", "huilde",
        ] {
            assert!(dutch_finite_verb(verb), "{verb}");
        }
        // nouns and adjectives ending in -t or -te have no such infinitive
        for word in ["kat", "groot", "feest", "taart", "xqzt"] {
            assert!(!dutch_finite_verb(word), "{word}");
        }
    }
}
