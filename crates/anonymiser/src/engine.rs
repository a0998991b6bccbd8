//! The engine: structured patterns first, then word-level decisions from gazetteers,
//! capitalisation and context cues, then propagation (a word found to be a name is removed
//! everywhere in the story), then placeholders numbered per person.
//!
//! Every step is a single pass over the text or its tokens, with per-token work bounded
//! (hash lookups, a bounded compound split), so the whole is linear in the input.

use std::borrow::Cow;
use std::collections::HashSet;
use std::hash::BuildHasherDefault;

use zeroize::Zeroize;

use super::context::{
    DWELLING_VERBS, ORG_PREFIXES, ORG_SUFFIXES, PLACE_CUES, STREET_ENDINGS, SUBJECT_VERBS,
};
use super::gazetteer::{self, FastMap, Flags, WordHasher};

type FastSet<T> = HashSet<T, BuildHasherDefault<WordHasher>>;
use super::kind::{Kind, Summary};
use super::patterns::{self, Span};
use super::placeholders;
use super::tagger;
use super::tokens::{tokenise, Case, Token, Tokens};
use crate::lang::Lang;

/// How sure the engine is that a word is identifying.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum Strength {
    /// Remove this occurrence only (a capitalised ordinary word, "Karakter").
    Local,
    /// Remove every occurrence of the word in the story ("Daan", "juf Roos").
    Story,
}

#[derive(Clone, Copy, Debug)]
struct Label {
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

/// A span with the priority used to resolve overlaps (lower wins) and, for persons, the
/// lowercase name words that identify who it is.
#[derive(Clone, Debug)]
struct Found {
    span: Span,
    priority: u8,
    person_keys: Vec<String>,
}

/// One field of a story while it is being analysed.
struct Field<'a> {
    text: &'a str,
    tokens: Tokens,
    /// Placeholders already in the text: (start, end, person number).
    existing: Vec<(usize, usize, Option<u32>)>,
    found: Vec<Found>,
    /// Where "TikTok", "gebruikersnaam" and the like occur (they make odd words handles).
    handle_cues: patterns::HandleCues,
    /// Words this field showed to be identifying, to be removed in every field.
    learned: Vec<Learned>,
}

/// A word found to be identifying, to be removed wherever else it occurs in the story.
struct Learned {
    word: String,
    kind: Kind,
    school: bool,
    /// A surname that is also an ordinary word, seen capitalised after a particle ("van der
    /// Meer", "de Boer"): its lowercase occurrences are the word ("niet meer", "de boer"),
    /// so only capitalised ones are removed.
    capital_only: bool,
}

/// The result of analysing a whole story, before rendering.
pub struct Analysis {
    pub texts: Vec<String>,
    pub summary: Summary,
}

/// How many passes [`anonymise`] makes at most. Every pass that changes the text turns
/// some plain text into placeholders, so the passes end; on ordinary stories the second
/// pass already changes nothing, and the fuzzer (which checks that running the
/// anonymiser again changes nothing) has found no input that does not settle within this.
const MAX_PASSES: usize = 6;

/// Anonymises the fields of one story together, and again over its own output until
/// nothing changes: that is what makes anonymising twice change nothing. A single pass
/// decides on the input it sees; replacing a span can leave neighbours that read
/// differently next to a placeholder ("lu44E/444" once a number inside it is gone), and
/// chasing every such case with a rule is a losing game, so the fixed point is the rule.
/// A text with nothing to remove costs one pass.
pub fn anonymise(lang: Lang, texts: &[&str]) -> Analysis {
    anonymise_removing(lang, texts, &[])
}

/// [`anonymise`], and also removes every occurrence of each of `also_remove` (words or
/// phrases a parent ticked or typed on the preview), whole words, any case.
pub fn anonymise_removing(lang: Lang, texts: &[&str], also_remove: &[&str]) -> Analysis {
    let removals = Removals::new(also_remove);
    let _memo = gazetteer::StoryMemo::start();
    let mut visible: Vec<Cow<'_, str>> = texts.iter().map(|t| without_invisible(t)).collect();
    let texts: Vec<&str> = visible.iter().map(|t| t.as_ref()).collect();
    let texts = texts.as_slice();
    let mut summary = Summary::default();
    let mut counted: FastSet<(Kind, String)> = FastSet::default();
    let mut current = anonymise_once(lang, texts, &removals, &mut summary, &mut counted);
    // Output equal to the input is a fixed point already.
    let mut changed =
        current.len() != texts.len() || current.iter().zip(texts).any(|(a, b)| a != b);
    let mut passes = 1;
    while changed && passes < MAX_PASSES {
        let previous: Vec<&str> = current.iter().map(String::as_str).collect();
        let next = anonymise_once(lang, &previous, &removals, &mut summary, &mut counted);
        passes += 1;
        changed = next != current;
        current = next;
    }
    // The cleaned copies are raw text: wiped like `RawText` is.
    for copy in &mut visible {
        if let Cow::Owned(text) = copy {
            text.zeroize();
        }
    }
    Analysis {
        texts: current,
        summary,
    }
}

/// Removes characters that are invisible on screen but split words for the rules: a
/// soft hyphen or zero-width space inside "Da\u{AD}an" would hide a name from every
/// gazetteer, and bidirectional overrides make stored text display reversed in campaign
/// sites. The zero-width joiner stays between non-letters, where it builds emoji
/// ("👨‍👧"). Borrowed when there is nothing to remove, which is almost always.
fn without_invisible(text: &str) -> Cow<'_, str> {
    // Every character removed here is encoded with one of these lead bytes.
    if memchr::memchr3(0xC2, 0xE2, 0xEF, text.as_bytes()).is_none() {
        return Cow::Borrowed(text);
    }
    let invisible = |c: char| {
        matches!(c,
            '\u{AD}' | '\u{200B}'..='\u{200C}' | '\u{200E}'..='\u{200F}'
            | '\u{202A}'..='\u{202E}' | '\u{2060}'..='\u{2064}' | '\u{2066}'..='\u{2069}'
            | '\u{FEFF}')
    };
    // A joiner stays only between two characters that stay and are neither letters,
    // digits, spaces nor joiners: then removing anything else never changes its
    // neighbours, and a second run keeps exactly what the first kept.
    let glue = |c: Option<char>| {
        c.is_some_and(|c| {
            !(c.is_alphanumeric() || c.is_whitespace() || c == '\u{200D}' || invisible(c))
        })
    };
    let mut out: Option<String> = None;
    let mut chars = text.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        let drop = invisible(c)
            || c == '\u{200D}'
                && !(glue(text.get(..i).and_then(|t| t.chars().next_back()))
                    && glue(chars.peek().map(|&(_, n)| n)));
        match (&mut out, drop) {
            (None, false) => {}
            (None, true) => out = Some(text.get(..i).unwrap_or("").to_owned()),
            (Some(o), false) => o.push(c),
            (Some(_), true) => {}
        }
    }
    out.map_or(Cow::Borrowed(text), Cow::Owned)
}

/// One pass over the fields of a story: new findings are added to `summary` (counted
/// once per kind and text, across passes).
fn anonymise_once(
    lang: Lang,
    texts: &[&str],
    removals: &Removals,
    summary: &mut Summary,
    counted: &mut FastSet<(Kind, String)>,
) -> Vec<String> {
    let mut fields: Vec<Field<'_>> = texts.iter().map(|t| analyse_field(t, lang)).collect();

    // Words learned anywhere are removed everywhere.
    let mut learned: FastMap<String, (Kind, bool, bool)> = FastMap::default();
    for field in &fields {
        learn(field, &mut learned);
    }
    removals.seed(&mut learned);
    for field in &mut fields {
        propagate(field, &learned);
        removals.find_phrases(field);
    }
    // The learned tagger's second opinion on the words the rules kept (src/tagger.rs).
    for field in &mut fields {
        let covered = field.found.iter().map(|f| (f.span.start, f.span.end));
        let view = tagger::View::new(field.text, &field.tokens, lang, covered);
        for tagged in tagger::spans(&view) {
            let person = tagged.span.kind == Kind::Person;
            field.found.push(Found {
                span: tagged.span,
                priority: 45,
                person_keys: if person { tagged.words } else { Vec::new() },
            });
        }
    }

    let mut next_person = fields
        .iter()
        .flat_map(|f| f.existing.iter().filter_map(|e| e.2))
        .max()
        .unwrap_or(0);
    let mut persons: Vec<(u32, Vec<String>)> = Vec::new();
    let mut out = Vec::with_capacity(fields.len());
    for field in &mut fields {
        let spans = resolve(
            field.text,
            std::mem::take(&mut field.found),
            &field.existing,
        );
        let mut rendered = String::with_capacity(field.text.len() + 16);
        let mut pos = 0;
        let mut existing = field.existing.iter().peekable();
        for f in &spans {
            push_between(&mut rendered, field.text, pos, f.span.start, &mut existing);
            let number = if f.span.kind == Kind::Person {
                person_number(&mut persons, &mut next_person, &f.person_keys)
            } else {
                0
            };
            placeholders::render(&mut rendered, f.span.kind, f.span.school, number, lang);
            let key = if f.span.kind == Kind::Person {
                number.to_string()
            } else {
                field
                    .text
                    .get(f.span.start..f.span.end)
                    .unwrap_or("")
                    .to_lowercase()
            };
            if counted.insert((f.span.kind, key)) {
                summary.add(f.span.kind);
            }
            pos = f.span.end;
        }
        push_between(
            &mut rendered,
            field.text,
            pos,
            field.text.len(),
            &mut existing,
        );
        out.push(rendered);
    }
    out
}

#[cfg(feature = "training")]
/// The tagger's training rows for one text: every token the rules' first pass kept, with
/// its features (`tools/tagger/train.py` reads them through the `tagger_features` example).
pub fn tagger_rows(lang: Lang, text: &str, bits: u32) -> Vec<tagger::TrainingRow> {
    let _memo = gazetteer::StoryMemo::start();
    let mut field = analyse_field(text, lang);
    let mut learned: FastMap<String, (Kind, bool, bool)> = FastMap::default();
    learn(&field, &mut learned);
    propagate(&mut field, &learned);
    let covered = field.found.iter().map(|f| (f.span.start, f.span.end));
    let view = tagger::View::new(field.text, &field.tokens, lang, covered);
    tagger::training_rows(&view, bits)
}

/// Copies the text between two spans: placeholders already there verbatim, the rest as
/// plain text.
fn push_between<'e>(
    out: &mut String,
    text: &str,
    from: usize,
    to: usize,
    existing: &mut std::iter::Peekable<impl Iterator<Item = &'e (usize, usize, Option<u32>)>>,
) {
    let mut pos = from;
    while let Some(&&(start, end, _)) = existing.peek() {
        if start >= to {
            break;
        }
        existing.next();
        if start < pos {
            continue;
        }
        push_plain(out, text.get(pos..start).unwrap_or(""));
        out.push_str(text.get(start..end).unwrap_or(""));
        pos = end;
    }
    push_plain(out, text.get(pos..to).unwrap_or(""));
}

/// Copies plain text, turning square brackets that are not our placeholders into round
/// ones: the output never contains "[[" or "]]", and no user text can pose as a placeholder
/// except the exact forms we write (which `resolve` keeps as they are).
fn push_plain(out: &mut String, text: &str) {
    if !text.contains(['[', ']']) {
        out.push_str(text);
        return;
    }
    for c in text.chars() {
        match c {
            '[' => out.push('('),
            ']' => out.push(')'),
            _ => out.push(c),
        }
    }
}

/// The person number for a span: the same as an earlier span that shares its name words
/// (one's words contain the other's: "Petra" and "Petra de Vries"), or a new one.
fn person_number(persons: &mut Vec<(u32, Vec<String>)>, next: &mut u32, keys: &[String]) -> u32 {
    if !keys.is_empty() {
        for (n, known) in persons.iter() {
            let contains = |a: &[String], b: &[String]| b.iter().all(|k| a.contains(k));
            if contains(known, keys) || contains(keys, known) {
                return *n;
            }
        }
    }
    *next = next.saturating_add(1);
    persons.push((*next, keys.to_vec()));
    *next
}

/// Orders spans, drops overlaps (the lower priority number wins, then the longer span),
/// never touches existing placeholders, and joins a word span to a following address or
/// place ("Burgemeester" + "Fockstraat 12").
fn resolve(
    text: &str,
    mut found: Vec<Found>,
    existing: &[(usize, usize, Option<u32>)],
) -> Vec<Found> {
    // `existing` is sorted and disjoint (found left to right), so overlap is a binary
    // search: a second pass over text full of placeholders must not go quadratic.
    found.retain(|f| {
        let idx = existing.partition_point(|e| e.0 < f.span.end);
        f.span.end > f.span.start && !(idx > 0 && existing[idx - 1].1 > f.span.start)
    });
    // An address swallows the capitalised words of its street name before it
    // ("Burgemeester" + "Jansenstraat 12").
    let word_spans: Vec<(usize, usize)> = found
        .iter()
        .filter(|f| f.priority >= 30)
        .map(|f| (f.span.start, f.span.end))
        .collect();
    for f in found.iter_mut().filter(|f| f.span.kind == Kind::Address) {
        for &(s, e) in &word_spans {
            if s < f.span.start && e > f.span.start {
                f.span.start = s;
            }
        }
    }
    found.sort_by(|a, b| {
        a.priority
            .cmp(&b.priority)
            .then((b.span.end - b.span.start).cmp(&(a.span.end - a.span.start)))
            .then(a.span.start.cmp(&b.span.start))
    });
    let mut kept: Vec<Found> = Vec::with_capacity(found.len());
    let mut taken: Vec<(usize, usize)> = Vec::with_capacity(found.len());
    for f in found {
        // `taken` is kept sorted by start, so overlap is a binary search away.
        let idx = taken.partition_point(|&(s, _)| s < f.span.end);
        let overlaps = idx > 0 && taken[idx - 1].1 > f.span.start;
        if !overlaps {
            taken.insert(idx, (f.span.start, f.span.end));
            kept.push(f);
        } else if f.priority >= 30 {
            // A word span that ran into a structured one ("De Regenboog" after a URL took
            // "De") keeps the words left over: a second pass would see them on their own.
            for (start, end) in uncovered(text, &taken, f.span.start, f.span.end) {
                let idx = taken.partition_point(|&(s, _)| s < end);
                taken.insert(idx, (start, end));
                let mut rest = f.clone();
                rest.span.start = start;
                rest.span.end = end;
                kept.push(rest);
            }
        } else {
            // A structured candidate that lost part of itself to a more specific one
            // ("14 February 2023claire@x.nl": an e-mail address took "2023") has what is
            // left searched again, as a second pass over the output would; a remainder
            // with digits that no pattern takes is still a number.
            for (start, end) in uncovered(text, &taken, f.span.start, f.span.end) {
                let mut again = Vec::new();
                if let Some(piece) = text.get(start..end) {
                    patterns::find(
                        piece,
                        &patterns::HandleCues::new(piece),
                        &patterns::NumberCues::new(piece),
                        &mut again,
                    );
                }
                let mut pieces: Vec<Span> = again
                    .into_iter()
                    .map(|mut sp| {
                        sp.start += start;
                        sp.end += start;
                        sp
                    })
                    .collect();
                let digits = text
                    .get(start..end)
                    .map_or(0, |p| p.bytes().filter(u8::is_ascii_digit).count());
                if pieces.is_empty() && digits >= 4 {
                    pieces.push(Span::new(start, end, Kind::IdNumber));
                }
                pieces.sort_by_key(|p| (priority_of(p.kind), std::cmp::Reverse(p.end - p.start)));
                for piece in pieces {
                    let idx = taken.partition_point(|&(s, _)| s < piece.end);
                    if idx > 0 && taken[idx - 1].1 > piece.start {
                        continue;
                    }
                    taken.insert(idx, (piece.start, piece.end));
                    kept.push(Found {
                        priority: priority_of(piece.kind),
                        span: piece,
                        person_keys: Vec::new(),
                    });
                }
            }
        }
    }
    kept.sort_by_key(|f| f.span.start);
    kept
}

/// The parts of `start..end` not covered by `taken` (sorted, disjoint), trimmed of
/// surrounding spaces and punctuation.
fn uncovered(
    text: &str,
    taken: &[(usize, usize)],
    start: usize,
    end: usize,
) -> Vec<(usize, usize)> {
    let mut parts = Vec::new();
    let mut pos = start;
    let first = taken.partition_point(|&(_, e)| e <= start);
    for &(s, e) in &taken[first..] {
        if s >= end {
            break;
        }
        if s > pos {
            parts.push((pos, s));
        }
        pos = pos.max(e);
    }
    if pos < end {
        parts.push((pos, end));
    }
    parts
        .into_iter()
        .filter_map(|(s, e)| {
            let piece = text.get(s..e)?;
            let trimmed_start = piece.len()
                - piece
                    .trim_start_matches(|c: char| !(c.is_alphanumeric() || c == '_'))
                    .len();
            let trimmed = piece.trim_matches(|c: char| !(c.is_alphanumeric() || c == '_'));
            (!trimmed.is_empty()).then(|| (s + trimmed_start, s + trimmed_start + trimmed.len()))
        })
        .collect()
}

fn analyse_field(text: &str, lang: Lang) -> Field<'_> {
    let existing: Vec<(usize, usize, Option<u32>)> = placeholders::find_all(text).collect();
    let mut tokens = tokenise(text);
    let handle_cues = patterns::HandleCues::from_tokens(text, &tokens);
    let mut structured = Vec::new();
    let number_cues = patterns::NumberCues::from_tokens(text, &tokens);
    patterns::find(text, &handle_cues, &number_cues, &mut structured);
    let candidates: Vec<Found> = structured
        .into_iter()
        .map(|span| Found {
            priority: priority_of(span.kind),
            span,
            person_keys: Vec::new(),
        })
        .collect();
    // Settle the structured spans first: only the ones that stay may hide their words from
    // the word rules (otherwise a second pass would see words the first pass did not).
    let found = resolve(text, candidates, &existing);
    // Tokens inside placeholders or structured spans take no part in word decisions.
    // Both lists are walked in order, so marking is linear.
    let mut blocked: Vec<(usize, usize)> = existing.iter().map(|e| (e.0, e.1)).collect();
    blocked.extend(
        found
            .iter()
            .filter(|f| f.span.kind != Kind::Address)
            .map(|f| (f.span.start, f.span.end)),
    );
    blocked.sort_unstable();
    let mut b = 0;
    for t in tokens.list.iter_mut() {
        while b < blocked.len() && blocked[b].1 <= t.start {
            b += 1;
        }
        let mut k = b;
        while k < blocked.len() && blocked[k].0 < t.end {
            if blocked[k].1 > t.start {
                t.protected = true;
                break;
            }
            k += 1;
        }
    }
    let mut field = Field {
        text,
        tokens,
        existing,
        found,
        handle_cues,
        learned: Vec::new(),
    };
    classify_words(&mut field, lang);
    field
}

fn priority_of(kind: Kind) -> u8 {
    match kind {
        Kind::Email => 0,
        Kind::Url => 1,
        Kind::Iban => 2,
        Kind::Handle => 3,
        Kind::Date => 4,
        Kind::Phone => 5,
        Kind::Bsn => 6,
        Kind::Postcode => 7,
        Kind::Plate => 8,
        Kind::IdNumber => 9,
        Kind::Address => 10,
        _ => 20,
    }
}

fn in_list(list: &[&str], w: &str) -> bool {
    list.contains(&w)
}

fn is_acronym_prefix(w: &str) -> bool {
    matches!(
        w,
        "obs"
            | "cbs"
            | "pcbs"
            | "rkbs"
            | "rk"
            | "sbo"
            | "so"
            | "vso"
            | "ikc"
            | "roc"
            | "swv"
            | "vv"
            | "sv"
            | "hc"
            | "zv"
            | "bv"
    )
}

fn org_prefix(w: &str) -> Option<bool> {
    ORG_PREFIXES.iter().find(|(p, _)| *p == w).map(|&(_, s)| s)
}

fn org_suffix(w: &str) -> Option<bool> {
    ORG_SUFFIXES.iter().find(|(p, _)| *p == w).map(|&(_, s)| s)
}

fn is_street(lower: &str) -> bool {
    STREET_ENDINGS
        .iter()
        .any(|e| lower.len() > e.len() + 2 && lower.ends_with(e))
}

/// Only spaces (or one hyphen) between two byte positions: the words belong together.
fn joined(text: &str, from: usize, to: usize) -> bool {
    let gap = text.get(from..to).unwrap_or(".");
    !gap.is_empty() && gap.len() <= 3 && gap.chars().all(|c| c == ' ' || c == '-' || c == '\u{a0}')
}

/// Is this lowercase word an ordinary word of either language?
fn lexical(tokens: &Tokens, t: &Token) -> bool {
    if let Some(known) = t.lexical.get() {
        return known;
    }
    let result = t.flags.is_word() || gazetteer::is_lexical(tokens.base(t));
    t.lexical.set(Some(result));
    result
}

/// The token before `i`, when it is close enough to act as context: in the same sentence,
/// or an abbreviated title followed by a dot ("dhr. Jansen").
fn context_before(tokens: &Tokens, i: usize) -> Option<&str> {
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

fn classify_words(field: &mut Field<'_>, lang: Lang) {
    let tokens = &field.tokens;
    let text = field.text;
    let n = tokens.list.len();
    let mut labels: Vec<Option<Label>> = vec![None; n];

    for i in 0..n {
        if labels[i].is_some() {
            continue; // set by a look-ahead of an earlier token
        }
        let t = &tokens.list[i];
        if t.protected || t.case == Case::Number {
            continue;
        }
        let lower = tokens.lower(t);
        let base = tokens.base(t);
        let f = t.flags;
        let prev = context_before(tokens, i);
        let prev_flags = match (prev, i.checked_sub(1)) {
            (Some(_), Some(k)) => tokens.list[k].flags,
            _ => Flags::default(),
        };
        let kept = f.is_kept();
        let single_letter = base.chars().count() == 1;

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
            continue;
        }
        if f.has(Flags::FUNCTION) || f.has(Flags::PARTICLE) {
            continue;
        }

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
                    || lang == Lang::Nl
                        && f.has(Flags::GIVEN)
                        && name_like_follow(text, tokens, i));
            if capital_name && (role_cue || f.is_name() || !lexical(tokens, t)) || lowercase_name {
                labels[i] = Some(Label::cued_person(Strength::Story));
                continue;
            }
        }

        // An unusual lowercase word near "Discord", "TikTok", "username": a handle.
        if t.case == Case::Lower
            && !f.is_proper()
            && base.chars().count() >= 4
            && !lexical(tokens, t)
            && field.handle_cues.before(t.start)
        {
            labels[i] = Some(Label::new(Kind::Handle, Strength::Local));
            continue;
        }

        // A known given name at a sentence start, set off as the subject of an apposition:
        // "Kees, de eigenaar, ...".
        if t.sentence_start && t.case == Case::Capital && f.has(Flags::GIVEN) && !kept {
            let comma_after = text.get(t.end..).is_some_and(|r| r.starts_with(", "));
            let next = tokens.list.get(i + 1).map(|x| tokens.lower(x));
            let apposition = next.is_some_and(|x| {
                matches!(
                    x,
                    "de" | "het"
                        | "onze"
                        | "mijn"
                        | "our"
                        | "my"
                        | "the"
                        | "his"
                        | "her"
                        | "zijn"
                        | "haar"
                )
            });
            if comma_after && apposition {
                labels[i] = Some(Label::cued_person(Strength::Story));
                continue;
            }
            // ... or as the subject of a verb: "Kees zit al een jaar thuis". Only this
            // occurrence: "Hoop doet leven" must not take "hoop" from the rest of the story.
            if !comma_after && next.is_some_and(|x| SUBJECT_VERBS.contains(&x)) {
                labels[i] = Some(Label::new(Kind::Person, Strength::Local));
                continue;
            }
        }

        match t.case {
            Case::Capital | Case::AllCaps if !t.sentence_start => {
                // single letters without a dot ("plan B") name nobody
                if kept || single_letter {
                    continue;
                }
                let is_lexical = lexical(tokens, t);
                if t.case == Case::AllCaps && (is_lexical || base.len() < 3) {
                    continue; // shouting ("NIET") or a short acronym
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
                    && !prev.is_some_and(|p| {
                        matches!(p, "at" | "from" | "in" | "to" | "near" | "called" | "named")
                    })
                {
                    continue;
                }
                let strength = if !is_lexical || f.is_name() {
                    Strength::Story
                } else {
                    Strength::Local
                };
                labels[i] = Some(Label::new(Kind::Person, strength));
            }
            _ => {
                if kept || base.chars().count() < 3 {
                    continue;
                }
                let is_lexical = lexical(tokens, t);
                if (f.is_proper() || t.case == Case::Capital) && !is_lexical {
                    // A known name or place that is no word, or an unknown capitalised
                    // word at a sentence start.
                    labels[i] = Some(Label::new(Kind::Person, Strength::Story));
                } else if t.case == Case::Lower
                    && lower.len() >= 4
                    && (!is_lexical && prev.is_some_and(|p| matches!(p, "in" | "uit" | "naar" | "te" | "from" | "near"))
                        // "in stadsveld", "uit rijnwijk": a compound that is no listed word
                        // after a bare "in"/"uit" is most often a neighbourhood
                        || !f.is_word() && lower.chars().count() >= 8 && prev.is_some_and(|p| matches!(p, "in" | "uit"))
                        || !f.is_word() && after_dwelling_verb(tokens, i))
                {
                    labels[i] = Some(Label::new(Kind::Place, Strength::Story));
                }
            }
        }
    }

    // Acronym school prefixes take the next one or two words even in lowercase ("sbo de wissel").
    for i in 0..n {
        let t = &tokens.list[i];
        if t.protected {
            continue;
        }
        let lower = tokens.lower(t);
        if !matches!(
            lower,
            "obs" | "cbs" | "pcbs" | "rkbs" | "sbo" | "ikc" | "vso" | "roc" | "swv"
        ) {
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
            if !name.protected
                && joined(text, prev_end, name.start)
                && !name.flags.has(Flags::FUNCTION)
                && name.case != Case::Number
            {
                for label in labels.iter_mut().take(j + 1).skip(i) {
                    *label = Some(Label::school());
                }
            }
        }
    }

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
    // The word after a postcode is its town ("3512 AB utrecht"), and a word set off by a
    // comma before a postcode after "in" is a place too ("we wonen in ondiep, 3552 XK").
    let mut postcodes: Vec<(usize, usize)> = field
        .found
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

    // A capitalised word before a capitalised "College", "Lyceum", "Academy": a school.
    for i in 0..n.saturating_sub(1) {
        let t = &tokens.list[i];
        let next = &tokens.list[i + 1];
        if !t.protected
            && !next.protected
            && t.case == Case::Capital
            && next.case == Case::Capital
            && !t.flags.has(Flags::FUNCTION)
            && org_suffix(tokens.lower(next)).is_some()
            && joined(text, t.end, next.start)
        {
            for label in labels.iter_mut().skip(i).take(2) {
                if label.is_none() {
                    *label = Some(Label::new(Kind::Organisation, Strength::Local));
                }
            }
        }
    }
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

    // Group adjacent labelled tokens (with name particles between them) into spans.
    let mut i = 0;
    while i < n {
        let Some(first_label) = labels[i] else {
            i += 1;
            continue;
        };
        let mut last = i;
        let mut strength = first_label.strength;
        let mut j = i + 1;
        while j < n {
            let prev_end = tokens.list[j - 1].end;
            let t = &tokens.list[j];
            let initial_before =
                tokens.list[j - 1].dotted && tokens.lower(&tokens.list[j - 1]).chars().count() == 1;
            if t.protected || !joined(text, prev_end, t.start) && !initial_before {
                break;
            }
            if labels[j].is_some() {
                strength = strength.max(labels[j].map_or(Strength::Local, |l| l.strength));
                last = j;
                j += 1;
                continue;
            }
            // particles ("van der", "de", "el") between two name words
            if t.flags.has(Flags::PARTICLE) {
                let mut k = j;
                while k < n && tokens.list[k].flags.has(Flags::PARTICLE) && labels[k].is_none() {
                    k += 1;
                }
                let org_word = |k: usize| {
                    let l = tokens.lower(&tokens.list[k]);
                    org_prefix(l).is_some() || org_suffix(l).is_some()
                };
                if k < n
                    && labels[k].is_some()
                    && tokens.list[k].case != Case::Lower
                    && !org_word(k)
                {
                    j = k;
                    continue;
                }
            }
            break;
        }
        let group = i..=last;
        let mut start = tokens.list[i].start;
        let end_token = &tokens.list[last];
        let mut end = end_token.end;
        let surface_end = text.get(..end).unwrap_or("");
        if end_token.possessive > 0 {
            end -= if surface_end.ends_with("’s") { 4 } else { 2 };
        } else if labels[last].is_some_and(|l| l.strength == Strength::Story)
            && tokens.base(end_token).ends_with('s')
            && !end_token.flags.is_name()
        {
            // "Jelmers": the name without the genitive s, if that is a known name.
            let b = tokens.base(end_token);
            if let Some(stem) = b.get(..b.len() - 1) {
                if stem.chars().count() >= 3
                    && gazetteer::lookup(stem).is_name()
                    && !end_token.flags.is_proper()
                {
                    end -= 1;
                }
            }
        }

        // What kind of thing is it?
        let lowers: Vec<&str> = group
            .clone()
            .map(|k| tokens.base(&tokens.list[k]))
            .collect();
        let prev_idx = i.checked_sub(1);
        let prev_tok = prev_idx.map(|p| &tokens.list[p]);
        let prev_lower = prev_tok.map(|p| tokens.lower(p)).unwrap_or("");
        let mut kind = first_label.kind;
        let mut school = first_label.school;
        let any = |flag: Flags| group.clone().any(|k| tokens.list[k].flags.has(flag));
        let first_flags = tokens.list[i].flags;

        let article_before = prev_tok.is_some_and(|p| {
            matches!(tokens.lower(p), "de" | "het" | "'t")
                && !p.protected
                && p.case == Case::Capital
                && joined(text, p.end, tokens.list[i].start)
        });
        let prefix_idx = if article_before {
            i.checked_sub(2)
        } else {
            i.checked_sub(1)
        };
        let prefix = prefix_idx
            .map(|p| &tokens.list[p])
            .filter(|p| {
                // the prefix must touch the name, or the article before it
                let next_start = match (article_before, prev_tok) {
                    (true, Some(article)) => article.start,
                    _ => tokens.list[i].start,
                };
                !p.protected && joined(text, p.end, next_start)
            })
            .and_then(|p| org_prefix(tokens.lower(p)).map(|s| (p, s)));
        let suffix = org_suffix(lowers.last().copied().unwrap_or(""));

        let cued = group.clone().any(|k| labels[k].is_some_and(|l| l.cued));
        if cued {
            kind = Kind::Person;
        } else if matches!(first_label.kind, Kind::Organisation | Kind::Handle) {
            // set by the acronym rule
        } else if let Some((p, is_school)) = prefix {
            kind = Kind::Organisation;
            school = is_school;
            // "OBS De Linde" goes whole; in "basisschool De Linde" the common noun stays.
            if is_acronym_prefix(tokens.lower(p)) {
                start = p.start;
            } else if article_before {
                start = prev_tok.map_or(start, |a| a.start);
            }
        } else if let Some(is_school) = suffix.filter(|_| lowers.len() >= 2 || article_before) {
            kind = Kind::Organisation;
            school = is_school;
        } else if article_before {
            kind = Kind::Organisation;
            school = school_context(tokens, i);
            if let Some(p) = prev_tok {
                start = p.start;
            }
        } else if lowers.iter().any(|l| is_street(l)) && tokens.list[i].case == Case::Capital {
            kind = Kind::Place;
        } else if first_flags.has(Flags::GIVEN) && first_label.kind == Kind::Person {
            kind = Kind::Person;
        } else if first_label.kind == Kind::Place
            || any(Flags::PLACE) && !any(Flags::GIVEN)
            || in_list(PLACE_CUES, prev_lower)
                && prev_lower != "bij"
                && !any(Flags::GIVEN)
                && !any(Flags::SURNAME)
        {
            kind = Kind::Place;
        } else if matches!(prev_lower, "bij" | "via" | "at" | "van")
            && !any(Flags::GIVEN)
            && !any(Flags::SURNAME)
            && first_label.strength == Strength::Local
        {
            kind = Kind::Organisation;
            school = school_context(tokens, i);
        } else if tokens.list[i].case == Case::AllCaps && lowers.len() == 1 {
            kind = Kind::Organisation;
        } else if matches!(prev_lower, "de" | "het")
            && i >= 2
            && matches!(
                tokens.lower(&tokens.list[i - 2]),
                "op" | "naar" | "bij" | "van"
            )
            && !any(Flags::GIVEN)
            && !any(Flags::SURNAME)
        {
            // "zat op de Linde", "naar het Baken": a named school or institution
            kind = Kind::Organisation;
            school = school_context(tokens, i) || tokens.lower(&tokens.list[i - 2]) == "op";
        }

        let person_keys = if kind == Kind::Person {
            lowers
                .iter()
                .filter(|l| !gazetteer::lookup(l).has(Flags::PARTICLE) && l.chars().count() > 1)
                .map(|l| l.to_string())
                .collect()
        } else {
            Vec::new()
        };
        field.found.push(Found {
            span: Span {
                start,
                end,
                kind,
                school,
            },
            priority: 30,
            person_keys,
        });
        // Remember which words to remove everywhere: names found with evidence, and
        // any word of the span that is no ordinary word.
        if strength == Strength::Story || kind != Kind::Person {
            for k in group.clone() {
                let t = &tokens.list[k];
                let evident = kind == Kind::Person
                    && labels[k].is_some_and(|l| l.strength == Strength::Story);
                if !t.flags.has(Flags::PARTICLE)
                    && (evident || !lexical(tokens, t))
                    && tokens.base(t).chars().count() >= 2
                {
                    let after_particle = k > i && tokens.list[k - 1].flags.has(Flags::PARTICLE);
                    field.learned.push(Learned {
                        word: tokens.base(t).to_string(),
                        kind,
                        school,
                        capital_only: after_particle && t.case != Case::Lower && lexical(tokens, t),
                    });
                }
            }
        }
        i = last + 1;
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

/// Names are followed by an age, a comma, a full stop or a verb of being: "roos (8)",
/// "roos, die", "roos is", "roos zit".
fn name_like_follow(text: &str, tokens: &Tokens, i: usize) -> bool {
    let t = &tokens.list[i];
    let rest = text.get(t.end..).unwrap_or("");
    let rest = rest.trim_start_matches(' ');
    // "[" is a user's bracket (it becomes "(" in the output) unless a placeholder starts
    // there: a placeholder says nothing about the word before it.
    let placeholder_next = placeholders::find_next(rest).is_some_and(|(start, _)| start == 0);
    if rest.is_empty()
        || rest.starts_with(['(', ',', '.', '!', '?', ':', ';', '\n'])
        || rest.starts_with('[') && !placeholder_next
    {
        return true;
    }
    tokens.list.get(i + 1).is_some_and(|next| {
        matches!(
            tokens.lower(next),
            "is" | "was"
                | "en"
                | "and"
                | "zit"
                | "zat"
                | "heeft"
                | "had"
                | "has"
                | "gaat"
                | "ging"
                | "wil"
                | "kan"
                | "wordt"
                | "werd"
                | "van"
                | "die"
                | "who"
                | "doet"
                | "houdt"
                | "zegt"
        )
    })
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

fn school_context(tokens: &Tokens, i: usize) -> bool {
    let from = i.saturating_sub(4);
    tokens.list[from..i].iter().any(|t| {
        let l = tokens.lower(t);
        l == "op" || l.contains("school") || l == "at" || l == "klas"
    })
}

fn learn(field: &Field<'_>, learned: &mut FastMap<String, (Kind, bool, bool)>) {
    for l in &field.learned {
        let entry = learned
            .entry(l.word.clone())
            .or_insert((l.kind, l.school, l.capital_only));
        // seen as a name in lowercase or without a particle anywhere: remove it everywhere
        entry.2 &= l.capital_only;
    }
}

/// Removes every other occurrence of a learned word (also lowercase, possessive and
/// diminutive: "roos", "Daan's", "Daantje").
fn propagate(field: &mut Field<'_>, learned: &FastMap<String, (Kind, bool, bool)>) {
    if learned.is_empty() {
        return;
    }
    let mut covered: Vec<(usize, usize)> = field
        .found
        .iter()
        .map(|f| (f.span.start, f.span.end))
        .collect();
    covered.sort_unstable();
    let text = field.text;
    let mut extra = Vec::new();
    for t in &field.tokens.list {
        if t.protected || t.case == Case::Number {
            continue;
        }
        let idx = covered.partition_point(|&(s, _)| s < t.end);
        if idx > 0 && covered[idx - 1].1 > t.start {
            continue;
        }
        let base = field.tokens.base(t);
        let mut hit = learned
            .get(base)
            .filter(|&&(_, _, capital_only)| !(capital_only && t.case == Case::Lower))
            .map(|&(k, s, _)| (k, s, base.to_string(), t.end));
        if hit.is_none() {
            for suffix in ["tje", "je", "ke", "ie", "s"] {
                if let Some(stem) = base.strip_suffix(suffix) {
                    if let Some(&(k, s, _)) = learned.get(stem) {
                        if k == Kind::Person && !gazetteer::is_lexical(base) {
                            let end = if suffix == "s" { t.end - 1 } else { t.end };
                            hit = Some((k, s, stem.to_string(), end));
                            break;
                        }
                    }
                }
            }
        }
        if let Some((kind, school, key, mut end)) = hit {
            if t.possessive > 0 {
                let surface = text.get(..t.end).unwrap_or("");
                end = t.end - if surface.ends_with("’s") { 4 } else { 2 };
            }
            extra.push(Found {
                span: Span {
                    start: t.start,
                    end,
                    kind,
                    school,
                },
                priority: 40,
                person_keys: if kind == Kind::Person {
                    vec![key]
                } else {
                    Vec::new()
                },
            });
        }
    }
    field.found.extend(extra);
}

/// Words and phrases a parent asked to remove, as lowercase token sequences.
struct Removals {
    /// One-word removals: (word, kind, school), seeded as learned words.
    words: Vec<(String, Kind, bool)>,
    /// Phrases of two or more words, with their kind.
    phrases: Vec<(Vec<String>, Kind, bool)>,
}

impl Removals {
    fn new(also_remove: &[&str]) -> Removals {
        let mut words = Vec::new();
        let mut phrases = Vec::new();
        for raw in also_remove {
            let tokens = tokenise(raw);
            let lowers: Vec<String> = tokens
                .list
                .iter()
                .map(|t| tokens.base(t).to_string())
                .collect();
            if lowers.is_empty() {
                continue;
            }
            let (kind, school) = removal_kind(&tokens);
            if lowers.len() == 1 {
                words.extend(lowers.into_iter().map(|w| (w, kind, school)));
            } else {
                phrases.push((lowers, kind, school));
            }
        }
        Removals { words, phrases }
    }

    /// A parent's word is removed like a word the story showed to be a name: every
    /// occurrence, possessives and diminutives too. A kind the engine found already wins.
    fn seed(&self, learned: &mut FastMap<String, (Kind, bool, bool)>) {
        for (word, kind, school) in &self.words {
            learned
                .entry(word.clone())
                .and_modify(|e| e.2 = false)
                .or_insert((*kind, *school, false));
        }
    }

    /// Every run of tokens spelling one of the phrases (any case, any spacing or
    /// punctuation between the words). Linear in tokens times phrases, and a parent
    /// types a handful.
    fn find_phrases(&self, field: &mut Field<'_>) {
        if self.phrases.is_empty() {
            return;
        }
        let tokens = &field.tokens;
        let list = &tokens.list;
        let mut extra = Vec::new();
        for (words, kind, school) in &self.phrases {
            let mut i = 0;
            while i + words.len() <= list.len() {
                let matches = words
                    .iter()
                    .enumerate()
                    .all(|(k, w)| !list[i + k].protected && tokens.base(&list[i + k]) == w);
                if !matches {
                    i += 1;
                    continue;
                }
                let last = &list[i + words.len() - 1];
                let end = last.end - last.possessive;
                extra.push(Found {
                    span: Span {
                        start: list[i].start,
                        end,
                        kind: *kind,
                        school: *school,
                    },
                    // above the word rules: a parent's phrase wins over a part of it
                    priority: 25,
                    person_keys: if *kind == Kind::Person {
                        words.clone()
                    } else {
                        Vec::new()
                    },
                });
                i += words.len();
            }
        }
        field.found.extend(extra);
    }
}

/// The parent's words are raw text: wiped like `RawText` is.
impl Drop for Removals {
    fn drop(&mut self) {
        for (w, _, _) in &mut self.words {
            w.zeroize();
        }
        for (ws, _, _) in &mut self.phrases {
            for w in ws {
                w.zeroize();
            }
        }
    }
}

/// The placeholder for words a parent removed. A parent ticks what "are names, places or
/// schools"; which one it is we can only guess from the lists, and a wrong guess costs
/// readability only, never privacy. Persons are the most common miss, and a numbered
/// "[naam 3]" keeps a story readable where the same child or teacher comes back, so a word
/// is a person unless the lists say it is a place (and no given name) or it ends in a
/// school or organisation word ("de regenboogschool", "ipse de bruggen" stays a name: we
/// cannot tell).
fn removal_kind(tokens: &Tokens) -> (Kind, bool) {
    let list = &tokens.list;
    let Some(last) = list.last() else {
        return (Kind::Person, false);
    };
    let last_lower = tokens.base(last);
    if let Some(school) = org_suffix(last_lower).or_else(|| {
        list.first()
            .and_then(|f| org_prefix(tokens.base(f)))
            .filter(|_| list.len() > 1)
    }) {
        return (Kind::Organisation, school);
    }
    if last_lower.ends_with("school") || last_lower.ends_with("college") {
        return (Kind::Organisation, true);
    }
    // "de wending", "het baken": an article before a word that is no surname ("de vries")
    let article_first = list.len() > 1
        && matches!(tokens.base(&list[0]), "de" | "het" | "'t" | "the")
        && !list[1..].iter().any(|t| t.flags.has(Flags::SURNAME));
    if article_first {
        return (Kind::Organisation, false);
    }
    let any_given = list.iter().any(|t| t.flags.has(Flags::GIVEN));
    let any_place = list.iter().any(|t| t.flags.has(Flags::PLACE));
    if any_place && !any_given {
        return (Kind::Place, false);
    }
    (Kind::Person, false)
}

/// Words a moderator should look at twice, in text that was already anonymised, in text
/// order (the outline on the moderation page).
pub fn words_to_check(text: &str) -> Vec<std::ops::Range<usize>> {
    doubtful_words(text).into_iter().map(|(r, _)| r).collect()
}

/// The doubtful words of an anonymised story's fields (as they appear in the output),
/// distinct ignoring case, most likely identifying first, at most `limit`.
pub fn words_to_ask(texts: &[&str], limit: usize) -> Vec<String> {
    // (score, field, position) of each distinct word's best occurrence
    let mut best: FastMap<String, (u32, usize, usize, String)> = FastMap::default();
    for (f, text) in texts.iter().enumerate() {
        for (range, score) in doubtful_words(text) {
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
    words.into_iter().take(limit).map(|w| w.3).collect()
}

/// Each doubtful word with how likely it is to identify someone (higher is likelier).
fn doubtful_words(text: &str) -> Vec<(std::ops::Range<usize>, u32)> {
    let existing: Vec<(usize, usize)> = placeholders::find_all(text).map(|e| (e.0, e.1)).collect();
    let tokens = tokenise(text);
    let mut out = Vec::new();
    for t in &tokens.list {
        let idx = existing.partition_point(|&(s, _)| s < t.end);
        if (idx > 0 && existing[idx - 1].1 > t.start) || t.case == Case::Number {
            continue;
        }
        let f = t.flags;
        if f.is_kept() {
            continue;
        }
        let base = tokens.base(t);
        let is_lexical = lexical(&tokens, t);
        let long = base.chars().count();
        let score = if t.case != Case::Lower && !is_lexical {
            Some(50)
        } else if t.case != Case::Lower && f.is_proper() {
            Some(40)
        } else if f.is_proper() && long >= 3 {
            Some(30)
        } else if !is_lexical && long >= 4 {
            Some(20)
        } else {
            None
        };
        if let Some(score) = score {
            out.push((t.start..t.end - t.possessive, score));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(lang: Lang, text: &str) -> String {
        anonymise(lang, &[text]).texts.remove(0)
    }

    #[test]
    fn capitalised_words_mid_sentence_are_names_in_dutch_but_not_every_one_in_english() {
        assert_eq!(
            run(Lang::Nl, "We gingen naar Karwei met Fedde."),
            "We gingen naar [plaats] met [naam 1]."
        );
        assert_eq!(
            run(Lang::En, "We celebrated New Year with Fedde."),
            "We celebrated New Year with [name 1]."
        );
    }

    #[test]
    fn introductions_and_appositions_are_cues() {
        assert_eq!(
            run(Lang::Nl, "Hoi, ik ben Wietske."),
            "Hoi, ik ben [naam 1]."
        );
        assert_eq!(run(Lang::En, "Hi, I'm Wietske."), "Hi, I'm [name 1].");
        assert_eq!(
            run(Lang::Nl, "Mees, de buurjongen, hielp."),
            "[naam 1], de buurjongen, hielp."
        );
    }

    #[test]
    fn lowercase_known_names_after_a_cue_need_a_name_like_follow() {
        assert_eq!(
            run(Lang::En, "The teacher said no."),
            "The teacher said no."
        );
        assert_eq!(
            run(Lang::Nl, "mijn dochter roos (8) huilt"),
            "mijn dochter [naam 1] (8) huilt"
        );
    }

    #[test]
    fn structured_leftovers_are_searched_again() {
        let out = run(Lang::Nl, "sinds 3 maart 2021kim@voorbeeld.nl");
        assert!(
            out.contains("[datum]") && out.contains("[e-mailadres]"),
            "{out}"
        );
    }
}
