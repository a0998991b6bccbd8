//! The structured kinds: e-mail, URL, handle, IBAN, BSN, phone, date, postcode, licence
//! plate, address, identifying numbers. Each is a linear-time `regex` pattern, and the
//! ones with a checksum or a digit count are validated before they count.

use std::sync::LazyLock;

use regex::Regex;

use super::gazetteer;
use super::kind::Kind;
use super::validate;

/// A byte range of the text with the kind it identifies.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Span {
    pub start: usize,
    pub end: usize,
    pub kind: Kind,
    /// For organisations: the organisation is a school ("[school]").
    pub school: bool,
}

impl Span {
    pub fn new(start: usize, end: usize, kind: Kind) -> Span {
        Span {
            start,
            end,
            kind,
            school: false,
        }
    }
}

fn re(pattern: &str) -> Regex {
    Regex::new(pattern).expect("constant pattern")
}

static EMAIL: LazyLock<Regex> =
    LazyLock::new(|| re(r"(?i)[a-z0-9._%+\-]+@[a-z0-9\-]+(?:\.[a-z0-9\-]+)*\.[a-z]{2,24}"));

static URL: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)(?:https?://|www\.)[^\s<>\[\]]+|(?-u:\b)[a-z0-9][a-z0-9\-]*(?:\.[a-z0-9\-]+)*\.(?:nl|com|org|net|be|eu|info|io|de|uk|co|app|online|site|shop|me|tv|frl|amsterdam|nu|org\.uk|co\.uk)(?-u:\b)(?:/[^\s<>\[\]]*)?",
    )
});

static HANDLE: LazyLock<Regex> =
    LazyLock::new(|| re(r"(?:^|[^\w@.\])])(@[A-Za-z0-9_](?:[A-Za-z0-9_.]{0,28}[A-Za-z0-9_])?)"));

/// Usernames without "@": tokens with an underscore, or letters glued to digits, or
/// dotted lowercase words; only taken near a handle cue or when unmistakable.
static USERNAME: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?-u:\b)[A-Za-z0-9_]+(?:[._][A-Za-z0-9_]+)+(?-u:\b)|(?-u:\b)[A-Za-z][A-Za-z0-9]*[0-9]+[A-Za-z0-9]*(?-u:\b)",
    )
});

static IBAN: LazyLock<Regex> =
    LazyLock::new(|| re(r"(?i)(?-u:\b)[a-z]{2}[0-9]{2}(?:[ .]?[a-z0-9]){11,30}"));

static PHONE: LazyLock<Regex> = LazyLock::new(|| {
    re(r"(?:\+|(?-u:\b)00)[1-9][0-9 ()./\-–]{6,}[0-9]|(?:\(0|(?-u:\b)0)[0-9][0-9 ()./\-–]{6,}[0-9]")
});

const MONTHS: &str = "januari|februari|maart|april|mei|juni|juli|augustus|september|oktober|november|december|january|february|march|may|june|july|august|october|jan|feb|mrt|mar|apr|jun|jul|aug|sept|sep|okt|oct|nov|dec";
const DAYS: &str = "maandag|dinsdag|woensdag|donderdag|vrijdag|zaterdag|zondag|monday|tuesday|wednesday|thursday|friday|saturday|sunday|ma|di|wo|do|vr|za|zo";

static DATE: LazyLock<Regex> = LazyLock::new(|| {
    re(&format!(
        r"(?i)(?-u:\b)(?:(?:{DAYS})\.?,?\s+)?(?:(?:de\s+|the\s+)?(?:0?[1-9]|[12][0-9]|3[01])(?:e|ste|de|st|nd|rd|th)?\s+(?:of\s+|van\s+)?(?:{MONTHS})(?-u:\b)\.?(?:,?\s+(?:19|20)[0-9]{{2}}(?-u:\b))?|(?:{MONTHS})\.?\s+(?:0?[1-9]|[12][0-9]|3[01])(?:st|nd|rd|th)?(?-u:\b)(?:,?\s+(?:19|20)[0-9]{{2}}(?-u:\b))?|(?:0?[1-9]|[12][0-9]|3[01])[\-/.](?:0?[1-9]|1[0-2])[\-/.](?:(?:19|20)[0-9]{{2}}|[0-9]{{2}})(?-u:\b)|(?:19|20)[0-9]{{2}}[\-/.](?:0?[1-9]|1[0-2])[\-/.](?:0?[1-9]|[12][0-9]|3[01])(?-u:\b))"
    ))
});

static POSTCODE: LazyLock<Regex> =
    LazyLock::new(|| re(r"(?-u:\b)[1-9][0-9]{3}(?:\s?[A-Z]{2}|[a-z]{2}| [a-z]{2})(?-u:\b)"));

static PLATE: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)(?-u:\b)(?:[a-z]{2}-[0-9]{2}-[0-9]{2}|[0-9]{2}-[0-9]{2}-[a-z]{2}|[0-9]{2}-[a-z]{2}-[0-9]{2}|[a-z]{2}-[0-9]{2}-[a-z]{2}|[a-z]{2}-[a-z]{2}-[0-9]{2}|[0-9]{2}-[a-z]{2}-[a-z]{2}|[0-9]{2}-[a-z]{3}-[0-9]|[0-9]-[a-z]{3}-[0-9]{2}|[a-z]{2}-[0-9]{3}-[a-z]|[a-z]-[0-9]{3}-[a-z]{2}|[a-z]{3}-[0-9]{2}-[a-z]|[a-z]-[0-9]{2}-[a-z]{3}|[0-9]-[a-z]{2}-[0-9]{3}|[0-9]{3}-[a-z]{2}-[0-9])(?-u:\b)",
    )
});

/// Codes of letters and digits with separators ("AB-2023-0042", "2023/LP/118734") and
/// long digit runs, possibly grouped ("880-1734-552", "1234 5678 90").
static CODE: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?-u:\b)[A-Za-z0-9]{1,10}(?:[\-/.][A-Za-z0-9]{1,10}){1,5}(?-u:\b)|(?-u:\b)[0-9]{5,}(?:[ .][0-9]{2,})*(?-u:\b)",
    )
});

static ADDRESS: LazyLock<Regex> = LazyLock::new(|| {
    let endings = super::context::STREET_ENDINGS.join("|");
    re(&format!(
        r"(?-u:\b)\p{{Lu}}[\p{{L}}'\-]*(?:{endings})\s+[0-9]{{1,4}}(?:\s?[a-zA-Z](?-u:\b))?(?:[\-/][0-9]{{1,4}}[a-zA-Z]?)?(?-u:\b)"
    ))
});

/// Words whose neighbourhood makes a shorter digit run an identifying number.
static NUMBER_CUE: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)(?:nummer|nr|dossier|zaak|leerling|polis|klant|kenmerk|referentie|registratie|case|reference|number|no|id)\W{0,3}\S{0,12}\s*$",
    )
});

/// Finds every structured identifier in `text`. Overlaps are left for the engine to resolve
/// (it prefers the more specific kinds).
///
/// The patterns run only on windows around their trigger characters (digits, "@", a dot
/// inside a word), widened to whitespace so that no candidate is cut. Stories have few
/// such characters, so most of the text is never scanned by a pattern at all.
pub fn find(text: &str, out: &mut Vec<Span>) {
    let bytes = text.as_bytes();
    let word_dot = |i: usize| {
        matches!(bytes[i], b'.' | b'/' | b'_')
            && bytes.get(i + 1).is_some_and(|b| b.is_ascii_alphanumeric())
    };
    for (start, end) in windows(bytes, 100, |i| bytes[i] == b'@') {
        let Some(window) = text.get(start..end) else {
            continue;
        };
        for m in EMAIL.find_iter(window) {
            out.push(Span::new(start + m.start(), start + m.end(), Kind::Email));
        }
        for c in HANDLE.captures_iter(window) {
            if let Some(m) = c.get(1) {
                out.push(Span::new(start + m.start(), start + m.end(), Kind::Handle));
            }
        }
    }
    for (start, end) in windows(bytes, 16, word_dot) {
        let Some(window) = text.get(start..end) else {
            continue;
        };
        for m in URL.find_iter(window) {
            let len = trim_trailing_punctuation(m.as_str());
            if len > 0 {
                out.push(Span::new(
                    start + m.start(),
                    start + m.start() + len,
                    Kind::Url,
                ));
            }
        }
    }
    for (start, end) in windows(bytes, 16, |i| word_dot(i) || bytes[i].is_ascii_digit()) {
        find_usernames(text, start, end, out);
    }
    for (start, end) in windows(bytes, 64, |i| bytes[i].is_ascii_digit()) {
        find_numeric(text, start, end, out);
    }
    // The patterns' word boundaries are ASCII; widen every span to whole words so that
    // no letter glued to it ("ºa_a") is left behind as a fragment.
    for span in out.iter_mut() {
        span.start = word_start(text, span.start);
        span.end = word_end(text, span.end);
    }
}

fn is_joiner(c: char) -> bool {
    matches!(c, '-' | '\'' | '’')
}

/// Moves `pos` back over letters and digits, and over a joiner between two of them (the
/// tokeniser's notion of a word: "Dijk-Bos", "Daan's").
fn word_start(text: &str, mut pos: usize) -> usize {
    let mut chars = text
        .get(..pos)
        .unwrap_or("")
        .char_indices()
        .rev()
        .peekable();
    while let Some((i, c)) = chars.next() {
        let joined = is_joiner(c) && chars.peek().is_some_and(|&(_, p)| p.is_alphanumeric());
        if c.is_alphanumeric()
            || joined
                && text
                    .get(pos..)
                    .and_then(|r| r.chars().next())
                    .is_some_and(char::is_alphanumeric)
        {
            pos = i;
        } else {
            break;
        }
    }
    pos
}

/// Moves `pos` forward over letters and digits, and over a joiner between two of them.
fn word_end(text: &str, mut pos: usize) -> usize {
    let rest = text.get(pos..).unwrap_or("");
    let mut chars = rest.chars().peekable();
    let mut prev_alnum = text
        .get(..pos)
        .and_then(|b| b.chars().next_back())
        .is_some_and(char::is_alphanumeric);
    while let Some(c) = chars.next() {
        let joined =
            is_joiner(c) && prev_alnum && chars.peek().is_some_and(|p| p.is_alphanumeric());
        if c.is_alphanumeric() || joined {
            pos += c.len_utf8();
            prev_alnum = c.is_alphanumeric();
        } else {
            break;
        }
    }
    pos
}

/// Byte windows around every position where `trigger` holds: `reach` bytes either side,
/// widened to whitespace (or the text's ends) and merged. Each byte is visited a bounded
/// number of times, so this is linear even for text without whitespace.
fn windows(bytes: &[u8], reach: usize, trigger: impl Fn(usize) -> bool) -> Vec<(usize, usize)> {
    let mut out: Vec<(usize, usize)> = Vec::new();
    let is_space = |b: u8| b == b' ' || b == b'\n' || b == b'\t';
    // Forward from `from` to `reach` past `i`, then on to whitespace; never back over
    // bytes already covered, so the total work is linear.
    let widen = |from: usize, i: usize| {
        let mut end = (i + reach).min(bytes.len()).max(from);
        while end < bytes.len() && !is_space(bytes[end]) {
            end += 1;
        }
        end
    };
    for i in 0..bytes.len() {
        if !trigger(i) {
            continue;
        }
        if let Some(last) = out.last_mut() {
            if i.saturating_sub(reach) <= last.1 {
                if i + reach > last.1 {
                    last.1 = widen(last.1, i);
                }
                continue;
            }
        }
        let floor = out.last().map_or(0, |w| w.1);
        let mut start = i.saturating_sub(reach).max(floor);
        while start > floor && !is_space(bytes[start - 1]) {
            start -= 1;
        }
        let end = widen(i, i);
        out.push((start, end));
    }
    out
}

/// The digit-triggered kinds, in a window `start..end` of `text`.
fn find_numeric(text: &str, start: usize, end: usize, out: &mut Vec<Span>) {
    let Some(window) = text.get(start..end) else {
        return;
    };
    let at = |m: &regex::Match<'_>| (start + m.start(), start + m.end());
    // The IBAN pattern is greedy (spaces are allowed inside), so after a valid IBAN the
    // search resumes where it ends, not where the candidate ended.
    let mut pos = 0;
    while let Some(m) = IBAN.find_at(window, pos) {
        let (s, e) = at(&m);
        match valid_iban_end(text, s, e) {
            Some(end) => {
                out.push(Span::new(s, end, Kind::Iban));
                pos = end - start;
            }
            // candidates start with an ASCII letter, so one byte on is a char boundary
            None => pos = m.start() + 1,
        }
        if pos >= window.len() {
            break;
        }
    }
    for m in DATE.find_iter(window) {
        if m.as_str().bytes().any(|b| b.is_ascii_digit()) {
            let (s, e) = at(&m);
            out.push(Span::new(s, e, Kind::Date));
        }
    }
    // The pattern is greedy ("01-01-2000 06 1234 5678" is one candidate), so a phone number
    // may start at any digit group of a candidate: each group that starts like a phone
    // number is tried, and overlap resolution later prefers the date over "01-01-2000 06".
    for m in PHONE.find_iter(window) {
        let candidate = m.as_str();
        let bytes = candidate.as_bytes();
        let (base, _) = at(&m);
        for g in 0..bytes.len() {
            let starts_group = g == 0 || !bytes[g - 1].is_ascii_digit() && bytes[g - 1] != b'+';
            if !starts_group || !matches!(bytes[g], b'0' | b'+' | b'(') {
                continue;
            }
            if let Some(len) = candidate.get(g..).and_then(valid_phone_end) {
                out.push(Span::new(base + g, base + g + len, Kind::Phone));
            }
        }
    }
    for m in POSTCODE.find_iter(window) {
        let letters = m
            .as_str()
            .get(m.as_str().len().saturating_sub(2)..)
            .unwrap_or("");
        let upper = letters.to_ascii_uppercase();
        // SA, SD and SS are never issued; lowercase "2023 en" is a year and a word.
        if matches!(upper.as_str(), "SA" | "SD" | "SS") {
            continue;
        }
        if letters.bytes().all(|b| b.is_ascii_lowercase())
            && m.as_str().contains(' ')
            && gazetteer::is_lexical(letters)
        {
            continue;
        }
        let (s, e) = at(&m);
        out.push(Span::new(s, e, Kind::Postcode));
    }
    for m in PLATE.find_iter(window) {
        let (s, e) = at(&m);
        out.push(Span::new(s, e, Kind::Plate));
    }
    for m in ADDRESS.find_iter(window) {
        let (s, e) = at(&m);
        out.push(Span::new(s, e, Kind::Address));
    }
    for m in CODE.find_iter(window) {
        let (s, e) = at(&m);
        let code = m.as_str();
        let digits: Vec<u8> = code.bytes().filter(u8::is_ascii_digit).collect();
        let letters = code.bytes().filter(u8::is_ascii_alphabetic).count();
        let separators = code.len() - digits.len() - letters;
        if digits.len() == 9 && letters == 0 && validate::is_bsn(&digits) {
            out.push(Span::new(s, e, Kind::Bsn));
            continue;
        }
        let mut from = s.saturating_sub(40);
        while from > 0 && !text.is_char_boundary(from) {
            from -= 1;
        }
        let cued = NUMBER_CUE.is_match(text.get(from..s).unwrap_or(""));
        let is_code = if letters > 0 {
            digits.len() >= 4 && separators >= 1 && letters <= 6
        } else {
            digits.len() >= 7
                || (digits.len() >= 5 && (cued || separators == 0 && digits.len() >= 6))
        };
        if (is_code && !looks_like_year_range(code)) || (cued && digits.len() >= 4 && letters == 0)
        {
            out.push(Span::new(s, extend_code(text, e), Kind::IdNumber));
        }
    }
}

/// Extends the end of a number over the rest of its token ("123456789 00-00-2000" is cut
/// by the pattern after "00"), so that no fragment is left to be found on a second pass.
fn extend_code(text: &str, end: usize) -> usize {
    let bytes = text.as_bytes();
    let mut e = end;
    loop {
        match bytes.get(e) {
            Some(b) if b.is_ascii_alphanumeric() => e += 1,
            Some(b'-' | b'/' | b'.') if bytes.get(e + 1).is_some_and(u8::is_ascii_alphanumeric) => {
                e += 2
            }
            _ => return e,
        }
    }
}

/// "2022-2023" and "2019/2020" are school years, not identifiers.
fn looks_like_year_range(s: &str) -> bool {
    let parts: Vec<&str> = s.split(['-', '/']).collect();
    parts.len() == 2
        && parts
            .iter()
            .all(|p| p.len() == 4 && (p.starts_with("19") || p.starts_with("20")))
}

fn trim_trailing_punctuation(s: &str) -> usize {
    s.trim_end_matches(['.', ',', ';', ':', '!', '?', ')', '\'', '"', '’', '”'])
        .len()
}

/// The end of the longest valid IBAN starting at `start` (spaces and dots allowed between
/// characters), or None.
fn valid_iban_end(text: &str, start: usize, end: usize) -> Option<usize> {
    let region = text.get(start..end)?;
    let mut chars: Vec<u8> = Vec::with_capacity(34);
    let mut ends: Vec<usize> = Vec::with_capacity(34);
    for (i, b) in region.bytes().enumerate() {
        if b.is_ascii_alphanumeric() {
            chars.push(b);
            ends.push(start + i + 1);
            if chars.len() == 34 {
                break;
            }
        }
    }
    if chars.len() < 15 {
        return None;
    }
    if let Some(len) = validate::iban_length(&chars[..2]) {
        if chars.len() >= len && validate::is_iban(&chars[..len]) {
            return ends.get(len - 1).copied();
        }
        return None;
    }
    (15..=chars.len())
        .rev()
        .find(|&len| validate::is_iban(&chars[..len]))
        .and_then(|len| ends.get(len - 1).copied())
}

/// A phone candidate is valid when it has the digits of a phone number: ten for a Dutch
/// national number (0...), 9 to 15 after "+" or "00". Longer candidates are cut back at a
/// separator. Returns the byte length to keep.
fn valid_phone_end(s: &str) -> Option<usize> {
    let international = s.starts_with('+') || s.starts_with("00");
    let mut best = None;
    let mut digits = 0usize;
    let mut ends = Vec::new();
    // A phone number is at most 15 digits and some separators: looking further is useless,
    // and the bound keeps the per-group work constant.
    for (i, b) in s.bytes().enumerate().take(48) {
        if b.is_ascii_digit() {
            digits += 1;
            let next_is_digit = s.as_bytes().get(i + 1).is_some_and(u8::is_ascii_digit);
            if !next_is_digit {
                ends.push((i + 1, digits));
            }
        }
    }
    for (end, n) in ends {
        let ok = if international {
            let counted = if s.starts_with("00") {
                n.saturating_sub(2)
            } else {
                n
            };
            (9..=15).contains(&counted)
        } else {
            n == 10 || (n == 11 && s.contains("(0"))
        };
        if ok {
            best = Some(end);
        }
    }
    best
}

fn find_usernames(text: &str, start: usize, end: usize, out: &mut Vec<Span>) {
    let Some(window) = text.get(start..end) else {
        return;
    };
    for m in USERNAME.find_iter(window) {
        let s = m.as_str();
        let (m_start, m_end) = (start + m.start(), start + m.end());
        let has_underscore = s.contains('_');
        let letters = s.bytes().filter(u8::is_ascii_alphabetic).count();
        let digits = s.bytes().filter(u8::is_ascii_digit).count();
        let dotted = s.contains('.');
        if dotted && !has_underscore {
            // "emre.stinkt" near a handle cue; "bijv.de" or "3.5" are not usernames.
            let parts_ok = s
                .split('.')
                .all(|p| p.len() >= 2 && p.bytes().any(|b| b.is_ascii_alphabetic()));
            if !parts_ok || !handle_cue_before(text, m_start) {
                continue;
            }
        } else if !has_underscore {
            // letters glued to digits: "gamer2011", "xx_07"; not "5e", "mp3", "covid19", "groep7"
            if letters < 3 || digits == 0 || s.len() < 6 {
                continue;
            }
            let lower = s.to_ascii_lowercase();
            let alpha: String = lower.chars().filter(|c| c.is_ascii_alphabetic()).collect();
            if gazetteer::is_lexical(&alpha) && !handle_cue_before(text, m_start) {
                continue;
            }
        }
        out.push(Span::new(m_start, m_end, Kind::Handle));
    }
}

/// A handle cue word ("TikTok", "account", "gebruikersnaam") within the 60 bytes before.
pub fn handle_cue_before(text: &str, pos: usize) -> bool {
    let mut from = pos.saturating_sub(60);
    while from > 0 && !text.is_char_boundary(from) {
        from -= 1;
    }
    let before = text.get(from..pos).unwrap_or("").to_lowercase();
    // Words inside brackets are placeholders ("[bank account]") or asides, not cues.
    // The window may start inside a bracket pair: then its first bracket is a closing one.
    let mut depth = usize::from(before.chars().find(|c| matches!(c, '[' | ']')) == Some(']'));
    let outside: String = before
        .chars()
        .map(|c| match c {
            '[' => {
                depth += 1;
                ' '
            }
            ']' => {
                depth = depth.saturating_sub(1);
                ' '
            }
            _ if depth > 0 => ' ',
            _ => c,
        })
        .collect();
    outside
        .split(|c: char| !c.is_alphanumeric())
        .any(|w| !w.is_empty() && w != "x" && super::context::HANDLE_CUES.contains(&w))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(text: &str) -> Vec<(Kind, String)> {
        let mut spans = Vec::new();
        find(text, &mut spans);
        spans
            .into_iter()
            .map(|s| (s.kind, text[s.start..s.end].to_string()))
            .collect()
    }

    #[test]
    fn finds_structured_kinds() {
        let k = kinds("Bel 06-11 22 33 44 of mail piet.puk@voorbeeld.nl.");
        assert!(k.contains(&(Kind::Phone, "06-11 22 33 44".into())));
        assert!(k.contains(&(Kind::Email, "piet.puk@voorbeeld.nl".into())));
        let k = kinds("IBAN NL91 ABNA 0417 1643 00 op naam");
        assert!(k.contains(&(Kind::Iban, "NL91 ABNA 0417 1643 00".into())));
        let k = kinds("BSN 111222333 en postcode 1234 AB");
        assert!(k.contains(&(Kind::Bsn, "111222333".into())));
        assert!(k.contains(&(Kind::Postcode, "1234 AB".into())));
        let k = kinds("op 14 maart 2023 en 02-01-2020, kenteken XY-123-Z");
        assert!(k.contains(&(Kind::Date, "14 maart 2023".into())));
        assert!(k.contains(&(Kind::Date, "02-01-2020".into())));
        assert!(k.contains(&(Kind::Plate, "XY-123-Z".into())));
        assert!(kinds("in 2023 en daarna").is_empty());
        assert!(kinds("schooljaar 2022-2023").is_empty());
    }
}
