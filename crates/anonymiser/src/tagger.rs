//! A learned second opinion on the words the rules kept: a linear model (an averaged
//! perceptron, trained by `tools/tagger/train.py`) over hashed features of each word and
//! its neighbours, which scores every kept word as a person, place or organisation or as
//! nothing. Where it is confident enough a kept word becomes a span.
//!
//! The model (`data/tagger.bin`, see `data/TAGGER.md`) holds only weights indexed by a
//! hash of a feature: no word of the stories it was trained on can be read back from it.
//! The features are computed here and nowhere else: the training script reads what the
//! `tagger_features` example writes with `training_rows`, so training and inference
//! cannot drift apart.
//!
//! Linear: per kept word a bounded number of features, each a hash of a few bytes and
//! four weight lookups.

use std::sync::LazyLock;

use super::gazetteer::{self, FastMap, Flags};
use super::kind::Kind;
use super::patterns::Span;
use super::tokens::{Case, Token, Tokens};
use crate::lang::Lang;

const MODEL: &[u8] = include_bytes!("../data/tagger.bin");
const MAGIC: &[u8; 4] = b"KTG1";

/// The classes the model scores, in the order of its weights.
const CLASSES: usize = 4;
const CLASS_KINDS: [Option<Kind>; CLASSES] = [
    None,
    Some(Kind::Person),
    Some(Kind::Place),
    Some(Kind::Organisation),
];

struct Model {
    /// log2 of the number of feature buckets.
    bits: u32,
    /// Margin (best kind's score minus nothing's, in weight units) above which a word that
    /// is in no lexicon goes.
    threshold: i32,
    /// The same for ordinary words ("winkel", "made"): they go only on stronger evidence,
    /// since removing one costs the story a word every reader needs.
    threshold_lexical: i32,
    /// Bit k set: the features of template k are used (the script may leave some out).
    templates: u32,
    /// `CLASSES` weights per bucket, little-endian i16.
    weights: &'static [u8],
}

/// The compiled-in model; None when the file is empty or malformed (then the tagger
/// decides nothing and the rules stand alone).
static LOADED: LazyLock<Option<Model>> = LazyLock::new(|| parse(MODEL));

fn parse(bytes: &'static [u8]) -> Option<Model> {
    let header = bytes.get(..20)?;
    if header.get(..4)? != MAGIC {
        return None;
    }
    let word = |at: usize| -> Option<u32> {
        Some(u32::from_le_bytes(header.get(at..at + 4)?.try_into().ok()?))
    };
    let bits = word(4)?;
    let threshold = i32::from_le_bytes(header.get(8..12)?.try_into().ok()?);
    let threshold_lexical = i32::from_le_bytes(header.get(12..16)?.try_into().ok()?);
    let templates = word(16)?;
    if !(8..=24).contains(&bits) {
        return None;
    }
    let weights = bytes.get(20..)?;
    (weights.len() == (1usize << bits) * CLASSES * 2).then_some(Model {
        bits,
        threshold,
        threshold_lexical,
        templates,
        weights,
    })
}

/// Feature templates: the first byte of every hashed feature, so that equal words in
/// different roles fall in different buckets. Append only (the model's buckets depend on
/// them); retrain after any change.
mod template {
    pub const BIAS: u8 = 1;
    pub const WORD: u8 = 2;
    pub const SUFFIX3: u8 = 3;
    pub const SUFFIX2: u8 = 4;
    pub const PREFIX3: u8 = 5;
    pub const SHAPE: u8 = 6;
    pub const FLAGS: u8 = 7;
    pub const FLAG_EACH: u8 = 8;
    pub const PREV1: u8 = 9;
    pub const PREV2: u8 = 10;
    pub const NEXT1: u8 = 11;
    pub const NEXT2: u8 = 12;
    pub const PREV1_FLAGS: u8 = 13;
    pub const NEXT1_FLAGS: u8 = 14;
    pub const PREV1_OWN: u8 = 15;
    pub const NEXT1_OWN: u8 = 16;
    pub const AFTER: u8 = 17;
    pub const PREV_BIGRAM: u8 = 18;
    pub const LANG: u8 = 19;
    pub const LENGTH: u8 = 20;
    pub const AROUND: u8 = 21;
    pub const WORD_REGISTER: u8 = 22;
    pub const PREV2_FLAGS: u8 = 23;
    pub const IN_FIELD: u8 = 24;
    pub const NEXT_BIGRAM: u8 = 25;
}

/// What the tagger sees of one field: its tokens, which of them the rules (or earlier
/// passes) already removed, and whether the field is written without capitals.
pub struct View<'a> {
    text: &'a str,
    tokens: &'a Tokens,
    lang: Lang,
    /// Per token: inside a span the rules found, a structured span or a placeholder.
    covered: Vec<bool>,
    /// Most sentences start in lowercase: capitals say little here.
    lowercase_register: bool,
    /// Per word of the field: how often it occurs, and whether it is capitalised somewhere
    /// mid-sentence (a name written in lowercase once is often capitalised elsewhere).
    seen: FastMap<&'a str, (u8, bool)>,
}

impl<'a> View<'a> {
    /// `spans` are the byte ranges already removed (any order).
    pub fn new(
        text: &'a str,
        tokens: &'a Tokens,
        lang: Lang,
        spans: impl Iterator<Item = (usize, usize)>,
    ) -> View<'a> {
        let mut spans: Vec<(usize, usize)> = spans.collect();
        spans.sort_unstable();
        let mut covered = Vec::with_capacity(tokens.list.len());
        // sized for every token up front: growing it again and again cost more than filling it
        let mut seen: FastMap<&'a str, (u8, bool)> =
            FastMap::with_capacity_and_hasher(tokens.list.len(), Default::default());
        let mut s = 0;
        let (mut starts, mut lower_starts) = (0usize, 0usize);
        for t in &tokens.list {
            while s < spans.len() && spans[s].1 <= t.start {
                s += 1;
            }
            let mut k = s;
            let mut inside = t.protected;
            while !inside && k < spans.len() && spans[k].0 < t.end {
                inside = spans[k].1 > t.start;
                k += 1;
            }
            covered.push(inside);
            if !inside && t.case != Case::Number {
                let entry = seen.entry(tokens.base(t)).or_default();
                entry.0 = entry.0.saturating_add(1);
                entry.1 |= t.case == Case::Capital && !t.sentence_start;
            }
            if t.sentence_start && !inside && t.case != Case::Number {
                starts += 1;
                lower_starts += usize::from(t.case == Case::Lower);
            }
        }
        View {
            text,
            tokens,
            lang,
            covered,
            lowercase_register: starts >= 3 && lower_starts * 2 > starts,
            seen,
        }
    }

    /// Whether the tagger gives an opinion on token `i`: a word the rules kept that could
    /// be a name (not a number, function word, particle or word that is always kept).
    fn candidate(&self, i: usize) -> bool {
        let Some(t) = self.tokens.list.get(i) else {
            return false;
        };
        !self.covered[i]
            && t.case != Case::Number
            && !t.flags.has(Flags::FUNCTION)
            && !t.flags.has(Flags::PARTICLE)
            && !t.flags.is_kept()
            // a verb typed in lowercase is the verb ("mijn dochter zit thuis"), whatever the
            // words before it suggest; capitalised, it may be a name ("Wil")
            && (t.case != Case::Lower || !t.flags.has(Flags::SUBJECT_VERB))
            // a kind of institution is no name ("naar het ziekenhuis", "de sportschool");
            // the rules find the names that come with it
            && !crate::rules::is_institution_kind(self.tokens.lower(t))
            // nor a participle ("ik heb het aan [naam] verteld")
            && (t.case != Case::Lower
                || t.flags.is_name()
                || !crate::rules::is_dutch_participle(self.tokens.lower(t)))
            && self.tokens.base(t).chars().count() >= 2
    }

    /// The neighbour `step` words away (negative: before), where a run of removed tokens
    /// counts as one word and a sentence boundary ends the view.
    fn neighbour(&self, i: usize, step: isize) -> Neighbour<'_> {
        let mut at = i;
        for _ in 0..step.unsigned_abs() {
            if step < 0 {
                if self.tokens.list[at].sentence_start || at == 0 {
                    return Neighbour::Boundary;
                }
                at -= 1;
                if self.covered[at] {
                    // skip the rest of the removed run
                    while at > 0 && self.covered[at - 1] && !self.tokens.list[at].sentence_start {
                        at -= 1;
                    }
                }
            } else {
                if self.covered[at] {
                    while at + 1 < self.covered.len()
                        && self.covered[at + 1]
                        && !self.tokens.list[at + 1].sentence_start
                    {
                        at += 1;
                    }
                }
                at += 1;
                if at >= self.tokens.list.len() || self.tokens.list[at].sentence_start {
                    return Neighbour::Boundary;
                }
            }
        }
        if self.covered[at] {
            Neighbour::Removed
        } else {
            Neighbour::Word(&self.tokens.list[at])
        }
    }

    fn lexical(&self, t: &Token) -> bool {
        if let Some(known) = t.lexical.get() {
            return known;
        }
        let result = t.flags.is_word() || gazetteer::is_lexical(self.tokens.base(t));
        t.lexical.set(Some(result));
        result
    }

    /// The hashed features of token `i` whose template is in `templates`, as (template,
    /// bucket number below `1 << bits`).
    fn features(&self, i: usize, bits: u32, templates: u32, emit: &mut impl FnMut(u8, u32)) {
        let t = &self.tokens.list[i];
        let base = self.tokens.base(t);
        let mask = (1u64 << bits) - 1;
        let mut put = |template: u8, parts: &[&[u8]]| {
            if templates & (1 << template) == 0 {
                return;
            }
            let mut h = Fnv::new(template);
            for p in parts {
                h.write(p);
                h.write(&[0xff]);
            }
            emit(template, (h.finish() & mask) as u32);
        };
        let lexical = self.lexical(t);
        let own = own_bits(t.flags, lexical);
        let register = [u8::from(self.lowercase_register)];
        let lang = [u8::from(self.lang == Lang::En)];
        let shape = [
            match t.case {
                Case::Lower => 0,
                Case::Capital => 1,
                Case::AllCaps => 2,
                Case::Number => 3,
            },
            u8::from(t.sentence_start),
            register[0],
        ];
        put(template::BIAS, &[]);
        put(template::LANG, &[&lang]);
        put(template::WORD, &[base.as_bytes()]);
        put(template::WORD_REGISTER, &[base.as_bytes(), &shape]);
        put(template::SUFFIX3, &[tail(base, 3).as_bytes()]);
        put(template::SUFFIX2, &[tail(base, 2).as_bytes()]);
        put(template::PREFIX3, &[head(base, 3).as_bytes()]);
        put(template::SHAPE, &[&shape]);
        put(template::FLAGS, &[&own.to_le_bytes(), &shape]);
        for bit in 0..9u8 {
            if own & (1 << bit) != 0 {
                put(template::FLAG_EACH, &[&[bit], &register]);
            }
        }
        let length = [base.chars().count().min(12) as u8];
        put(template::LENGTH, &[&length]);

        let p1 = self.neighbour(i, -1);
        let p2 = self.neighbour(i, -2);
        let n1 = self.neighbour(i, 1);
        let n2 = self.neighbour(i, 2);
        let word_of = |n: &Neighbour| -> &[u8] {
            match n {
                Neighbour::Boundary => b"<s>",
                Neighbour::Removed => b"<removed>",
                Neighbour::Word(t) => self.tokens.base(t).as_bytes(),
            }
        };
        let flags_of = |n: &Neighbour| -> [u8; 2] {
            match n {
                Neighbour::Word(t) => neighbour_bits(t.flags).to_le_bytes(),
                Neighbour::Boundary => [0xff, 0],
                Neighbour::Removed => [0xfe, 0],
            }
        };
        let (w1, w2, m1, m2) = (word_of(&p1), word_of(&p2), word_of(&n1), word_of(&n2));
        let own_short = [u8::from(lexical), u8::from(t.flags.is_name()), shape[0]];
        put(template::PREV1, &[w1]);
        put(template::PREV2, &[w2]);
        put(template::NEXT1, &[m1]);
        put(template::NEXT2, &[m2]);
        put(template::PREV_BIGRAM, &[w2, w1]);
        put(template::AROUND, &[w1, m1]);
        put(template::PREV1_OWN, &[w1, &own_short]);
        put(template::NEXT1_OWN, &[m1, &own_short]);
        put(template::PREV1_FLAGS, &[&flags_of(&p1), &own_short]);
        put(template::PREV2_FLAGS, &[&flags_of(&p2)]);
        put(template::NEXT1_FLAGS, &[&flags_of(&n1), &own_short]);
        put(template::AFTER, &[&[after_class(self.text, t.end)]]);
        put(template::NEXT_BIGRAM, &[m1, m2]);
        let (count, capital_elsewhere) = self.seen.get(base).copied().unwrap_or((1, false));
        put(
            template::IN_FIELD,
            &[&[
                count.min(3),
                u8::from(capital_elsewhere),
                shape[0],
                u8::from(lexical),
            ]],
        );
    }
}

enum Neighbour<'t> {
    Boundary,
    Removed,
    Word(&'t Token),
}

/// The gazetteer facts about the word itself, as bits.
fn own_bits(f: Flags, lexical: bool) -> u16 {
    let bits = [
        f.has(Flags::GIVEN),
        f.has(Flags::SURNAME),
        f.has(Flags::PLACE),
        f.has(Flags::PROPER),
        f.has(Flags::NL),
        f.has(Flags::EN),
        lexical,
        f.has(Flags::PERSON_CUE),
        f.has(Flags::PLACE_CUE),
    ];
    bits.iter()
        .enumerate()
        .fold(0u16, |acc, (k, &b)| acc | (u16::from(b) << k))
}

/// The gazetteer facts about a neighbour that cue a name: titles, roles, places' prepositions.
fn neighbour_bits(f: Flags) -> u16 {
    let bits = [
        f.is_word(),
        f.is_name(),
        f.has(Flags::PLACE),
        f.has(Flags::FUNCTION),
        f.has(Flags::PERSON_CUE),
        f.has(Flags::TITLE_CUE),
        f.has(Flags::PLACE_CUE),
        f.is_kept(),
    ];
    bits.iter()
        .enumerate()
        .fold(0u16, |acc, (k, &b)| acc | (u16::from(b) << k))
}

/// What directly follows a word: a comma, a full stop, a bracket, a space, ...
fn after_class(text: &str, end: usize) -> u8 {
    match text.get(end..).and_then(|r| r.chars().next()) {
        None => 0,
        Some(',') => 1,
        Some('.' | '!' | '?') => 2,
        Some('(' | ')') => 3,
        Some(' ') => 4,
        Some('\n') => 5,
        Some(':' | ';') => 6,
        Some(_) => 7,
    }
}

fn tail(w: &str, n: usize) -> &str {
    let cut = w.char_indices().rev().nth(n - 1).map_or(0, |(i, _)| i);
    w.get(cut..).unwrap_or(w)
}

fn head(w: &str, n: usize) -> &str {
    let cut = w.char_indices().nth(n).map_or(w.len(), |(i, _)| i);
    w.get(..cut).unwrap_or(w)
}

/// FNV-1a, 64 bits: stable across platforms and versions (the model's buckets are its
/// output), and fast on the few bytes of a feature.
struct Fnv(u64);

impl Fnv {
    fn new(template: u8) -> Fnv {
        let mut h = Fnv(0xcbf2_9ce4_8422_2325);
        h.write(&[template]);
        h
    }
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 ^= u64::from(b);
            self.0 = self.0.wrapping_mul(0x0000_0100_0000_01b3);
        }
    }
    fn finish(&self) -> u64 {
        // fold the high bits in: the low bits of FNV alone spread short inputs poorly
        self.0 ^ (self.0 >> 29)
    }
}

impl Model {
    /// The best kind and its margin over "nothing" for token `i`.
    fn score(&self, view: &View<'_>, i: usize) -> (usize, i32) {
        let mut sums = [0i32; CLASSES];
        view.features(i, self.bits, self.templates, &mut |_, bucket| {
            let at = bucket as usize * CLASSES * 2;
            if let Some(w) = self.weights.get(at..at + CLASSES * 2) {
                for (c, sum) in sums.iter_mut().enumerate() {
                    *sum += i32::from(i16::from_le_bytes([w[2 * c], w[2 * c + 1]]));
                }
            }
        });
        let best = (1..CLASSES).max_by_key(|&c| sums[c]).unwrap_or(1);
        (best, sums[best] - sums[0])
    }
}

/// For each token of the view: how far the model's margin for it lies above (positive) or
/// below its threshold, for the words it gives an opinion on. The parent's check ranks the
/// kept words by it: the model's near misses are the likeliest missed names.
pub fn margins(view: &View<'_>) -> Vec<Option<i32>> {
    let n = view.tokens.list.len();
    let Some(model) = LOADED.as_ref() else {
        return vec![None; n];
    };
    (0..n)
        .map(|i| {
            if !view.candidate(i) {
                return None;
            }
            let (_, margin) = model.score(view, i);
            let threshold = if view.lexical(&view.tokens.list[i]) {
                model.threshold_lexical
            } else {
                model.threshold
            };
            Some(margin - threshold)
        })
        .collect()
}

/// A word (or run of joined words) the model took, with the lowercase words that name it.
pub struct Tagged {
    pub span: Span,
    pub words: Vec<String>,
}

/// The kept words of a field that the model scores as identifying above its threshold,
/// adjacent ones joined into one span.
pub fn spans(view: &View<'_>) -> Vec<Tagged> {
    let Some(model) = LOADED.as_ref() else {
        return Vec::new();
    };
    let n = view.tokens.list.len();
    let mut taken: Vec<Option<usize>> = vec![None; n];
    let mut any = false;
    for (i, slot) in taken.iter_mut().enumerate() {
        if view.candidate(i) {
            let (class, margin) = model.score(view, i);
            let t = &view.tokens.list[i];
            let threshold = if view.lexical(t) {
                model.threshold_lexical
            } else {
                model.threshold
            };
            if margin > threshold {
                *slot = Some(class);
                any = true;
            }
        }
    }
    if !any {
        return Vec::new();
    }
    let mut out: Vec<Tagged> = Vec::new();
    let mut i = 0;
    while i < n {
        let Some(class) = taken[i] else {
            i += 1;
            continue;
        };
        let Some(kind) = CLASS_KINDS[class] else {
            i += 1;
            continue;
        };
        let first = &view.tokens.list[i];
        let mut last = i;
        while last + 1 < n
            && taken[last + 1] == Some(class)
            && view
                .text
                .get(view.tokens.list[last].end..view.tokens.list[last + 1].start)
                .is_some_and(|gap| gap == " ")
        {
            last += 1;
        }
        let end_token = &view.tokens.list[last];
        let end = end_token.end - possessive_bytes(view.text, end_token);
        out.push(Tagged {
            span: Span::new(first.start, end, kind),
            words: (i..=last)
                .map(|k| view.tokens.base(&view.tokens.list[k]).to_string())
                .collect(),
        });
        i = last + 1;
    }
    out
}

fn possessive_bytes(text: &str, t: &Token) -> usize {
    if t.possessive == 0 {
        0
    } else if text.get(..t.end).is_some_and(|s| s.ends_with("’s")) {
        4
    } else {
        2
    }
}

#[cfg(feature = "training")]
/// One row of training data: a token the rules kept, whether the tagger would give an
/// opinion on it, and its features (for the bucket count the script asks for).
pub struct TrainingRow {
    pub start: usize,
    pub end: usize,
    pub lower: String,
    pub candidate: bool,
    /// An ordinary word of either lexicon (the model has a threshold of its own for those).
    pub lexical: bool,
    /// (template, bucket) pairs.
    pub features: Vec<(u8, u32)>,
}

#[cfg(feature = "training")]
/// The rows of every token the rules kept in `view`.
pub fn training_rows(view: &View<'_>, bits: u32) -> Vec<TrainingRow> {
    (0..view.tokens.list.len())
        .filter(|&i| !view.covered[i])
        .map(|i| {
            let t = &view.tokens.list[i];
            let candidate = view.candidate(i);
            let lexical = view.lexical(t);
            let mut features = Vec::new();
            if candidate {
                view.features(i, bits, u32::MAX, &mut |t, b| features.push((t, b)));
            }
            TrainingRow {
                start: t.start,
                end: t.end,
                lower: view.tokens.lower(t).to_string(),
                candidate,
                lexical,
                features,
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tokens::tokenise;

    #[test]
    fn neighbours_skip_removed_runs_and_stop_at_sentences() {
        let text = "wij wonen in Abc Def en dan. zo";
        let tokens = tokenise(text);
        // "Abc Def" removed
        let view = View::new(text, &tokens, Lang::Nl, [(13usize, 20usize)].into_iter());
        let at = |n: Neighbour| match n {
            Neighbour::Boundary => "<s>".to_string(),
            Neighbour::Removed => "<removed>".to_string(),
            Neighbour::Word(t) => tokens.lower(t).to_string(),
        };
        // "en" is token 5: before it one removed run, then "in"
        assert_eq!(at(view.neighbour(5, -1)), "<removed>");
        assert_eq!(at(view.neighbour(5, -2)), "in");
        assert_eq!(at(view.neighbour(2, 1)), "<removed>");
        assert_eq!(at(view.neighbour(2, 2)), "en");
        // "dan" ends a sentence: "zo" is not its neighbour
        assert_eq!(at(view.neighbour(6, 1)), "<s>");
        assert_eq!(at(view.neighbour(0, -1)), "<s>");
        assert!(!view.candidate(3));
        assert!(view.candidate(1));
    }

    #[test]
    fn suffixes_and_prefixes_cut_at_characters() {
        assert_eq!(tail("hoekmän", 3), "män");
        assert_eq!(tail("hoekmän", 2), "än");
        assert_eq!(tail("a", 3), "a");
        assert_eq!(head("één", 2), "éé");
    }

    #[test]
    fn the_committed_model_loads() {
        assert!(
            LOADED.is_some(),
            "data/tagger.bin does not match the format"
        );
    }

    #[test]
    fn a_malformed_model_decides_nothing() {
        assert!(parse(b"").is_none());
        assert!(parse(b"KTG1\x10\0\0\0\0\0\0\0\0\0\0\0\xff\xff\xff\xffshort").is_none());
    }
}
