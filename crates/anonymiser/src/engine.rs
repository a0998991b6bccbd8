//! The engine: structured patterns first, then word-level decisions from gazetteers,
//! capitalisation and context cues, then propagation (a word found to be a name is removed
//! everywhere in the story), then placeholders numbered per person.
//!
//! Every step is a single pass over the text or its tokens, with per-token work bounded
//! (hash lookups, a bounded compound split), so the whole is linear in the input.

use std::borrow::Cow;

use zeroize::Zeroize;

use super::gazetteer::{self, FastMap, FastSet, Flags};
use super::kind::{Kind, Summary};
use super::patterns::{self, Span};
use super::placeholders;
use super::rules::{classify_words, org_prefix, org_suffix};
use super::tagger;
use super::tokens::{tokenise, Case, Tokens};
use crate::lang::Lang;

/// A span with the priority used to resolve overlaps (lower wins) and, for persons, the
/// lowercase name words that identify who it is.
#[derive(Clone, Debug)]
pub(crate) struct Found {
    pub(crate) span: Span,
    pub(crate) priority: u8,
    pub(crate) person_keys: Vec<String>,
}

/// One field of a story while it is being analysed.
pub(crate) struct Field<'a> {
    pub(crate) text: &'a str,
    pub(crate) tokens: Tokens,
    /// Placeholders already in the text: (start, end, person number).
    pub(crate) existing: Vec<(usize, usize, Option<u32>)>,
    pub(crate) found: Vec<Found>,
    /// Where "TikTok", "gebruikersnaam" and the like occur (they make odd words handles).
    pub(crate) handle_cues: patterns::HandleCues,
    /// Words this field showed to be identifying, to be removed in every field.
    pub(crate) learned: Vec<Learned>,
}

/// A word found to be identifying, to be removed wherever else it occurs in the story.
pub(crate) struct Learned {
    pub(crate) word: String,
    pub(crate) kind: Kind,
    pub(crate) school: bool,
    /// A surname that is also an ordinary word, seen capitalised after a particle ("van der
    /// Meer", "de Boer"): its lowercase occurrences are the word ("niet meer", "de boer"),
    /// so only capitalised ones are removed.
    pub(crate) capital_only: bool,
}

/// The result of analysing a whole story, before rendering.
pub struct Analysis {
    pub texts: Vec<String>,
    pub summary: Summary,
}

/// How many passes [`anonymise`] makes at most. Every pass that changes the text turns
/// some plain text into placeholders, so the passes end; on ordinary stories the second
/// pass already changes nothing. The fuzzer (which checks that running the anonymiser
/// again changes nothing) found glued punctuation-and-letter runs on session 3's engine
/// that needed more than 6 passes (a regression case in tests/cases.rs); the bound is
/// generous because a pass is linear and only such inputs ever need more than two.
const MAX_PASSES: usize = 32;

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
    if changed {
        // Still changing after the last pass: an input built so that every placeholder
        // turns its neighbour into a name (the fuzzer found runs like "MM]MM]+M"), one step
        // per pass. No story does this. Rather than return text that a further pass would
        // change, keep only what is settled: the placeholders and the punctuation and
        // spaces between them.
        for text in &mut current {
            *text = placeholders_and_punctuation(text);
        }
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

/// The placeholders of `text` and every character outside them that is no letter or
/// digit: a text that anonymising leaves as it is, since it holds no word to judge.
fn placeholders_and_punctuation(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut pos = 0;
    for (start, end, _) in placeholders::find_all(text) {
        let between = text.get(pos..start).unwrap_or("");
        out.extend(between.chars().filter(|c| !c.is_alphanumeric()));
        out.push_str(text.get(start..end).unwrap_or(""));
        pos = end;
    }
    let rest = text.get(pos..).unwrap_or("");
    out.extend(rest.chars().filter(|c| !c.is_alphanumeric()));
    out
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
        // before dates and phones: a Belgian national number starts with a birth date,
        // and both kinds are checked (eleven-test, check digits or the official shape);
        // before handles: "bsn111222333" is a checked number, not a username
        Kind::Bsn => 3,
        Kind::Handle => 4,
        Kind::Date => 5,
        Kind::Phone => 6,
        Kind::Postcode => 7,
        Kind::Plate => 8,
        Kind::IdNumber => 9,
        Kind::Address => 10,
        _ => 20,
    }
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
            // numbers are never learned words: they go as phrases of one token
            let number = tokens.list.iter().any(|t| t.case == Case::Number);
            if lowers.len() == 1 && !number {
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
    // a spelled-out e-mail address the parent ticked ("x punt y apenstaartje z punt nl")
    if list.len() >= 5
        && list.iter().any(|t| {
            matches!(
                tokens.base(t),
                "at" | "apenstaartje" | "apestaartje" | "apenstaart"
            )
        })
    {
        return (Kind::Email, false);
    }
    if list.iter().any(|t| t.case == Case::Number) {
        return (Kind::IdNumber, false);
    }
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
