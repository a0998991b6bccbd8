//! The structured kinds: e-mail, URL, handle, IBAN, BSN, phone, date, postcode, licence
//! plate, address, identifying numbers. Each is a linear-time `regex` pattern, and the
//! ones with a checksum or a digit count are validated before they count.

use std::sync::LazyLock;

use regex::Regex;

use super::gazetteer::{self, Flags};
use super::kind::Kind;
use super::tokens::{self, Tokens};
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

/// Compiles one of this module's constant patterns, inside a `LazyLock` initialiser: every
/// test compiles them all, so the `expect` cannot fire in production.
#[allow(clippy::expect_used)]
fn re(pattern: &str) -> Regex {
    Regex::new(pattern).expect("constant pattern")
}

static EMAIL: LazyLock<Regex> =
    LazyLock::new(|| re(r"(?i)[a-z0-9._%+\-]+@[a-z0-9\-]+(?:\.[a-z0-9\-]+)*\.[a-z]{2,24}"));

/// An e-mail address written out so that robots cannot read it: "x punt y at gmail punt
/// com", "x dot y at outlook dot com", "naam(at)live.nl", "naam [at] gmail",
/// "voornaam punt achternaam apenstaartje kpnmail punt nl". A spelled-out "at" needs a
/// domain that ends in a top-level domain; a bracketed "(at)" or "@" may also be followed
/// by a bare mail provider ("naam [at] gmail"). Repetitions are bounded, so each search
/// is ASCII-only (a small automaton).
static OBFUSCATED_EMAIL: LazyLock<Regex> = LazyLock::new(|| {
    let word = r"[a-z0-9_%+\-]+";
    // the name before the "at" may hold surname particles: "jan punt de vries apenstaartje"
    let local = r"(?:(?:van|de|der|den|te|ter|ten|la|le|da|di|du|el|al)\s+){0,3}[a-z0-9_%+\-]+";
    let dot = r"(?:\.|\s+(?:punt|dot)\s+|\s*[(\[{]\s*(?:punt|dot)\s*[)\]}]\s*)";
    let spelled_at = r"\s+(?:at|apenstaartje|apestaartje|apenstaart|apestaart|at-teken)\s+";
    let bracket_at = r"(?:\s*[(\[{]\s*(?:at|apenstaartje|apestaartje)\s*[)\]}]\s*|@)";
    let tlds = "nl|com|be|org|net|eu|de|fr|pl|ua|ru|tr|es|it|info|me|nu|io|co\\.uk|uk";
    let providers = "gmail|hotmail|outlook|live|yahoo|icloud|kpnmail|kpnplanet|ziggo|planet|xs4all|telenet|skynet|protonmail|proton|gmx|msn|hetnet|caiway|upcmail|chello|casema|zeelandnet|home";
    re(&format!(
        r"(?i-u)\b{local}(?:{dot}{local})*(?:(?:{spelled_at}|{bracket_at}){word}(?:{dot}{word})*{dot}(?:{tlds})|{bracket_at}(?:{providers}))\b"
    ))
});

static URL: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)(?:https?://|www\.)[^\s<>\[\]]+|(?-u:\b)[a-z0-9][a-z0-9\-]*(?:\.[a-z0-9\-]+)*\.(?:nl|com|org|net|be|eu|info|io|de|uk|co|app|online|site|shop|me|tv|frl|amsterdam|nu|org\.uk|co\.uk|ee|ly|gl|gg|xyz|blog|link|page|fm|cc|ch|fr|pl|ua|club|social|art|studio|website|store|ws|us|ca|au|ie|lu|dk|nz|za)(?-u:\b)(?:/[^\s<>\[\]]*)?",
    )
});

static HANDLE: LazyLock<Regex> =
    LazyLock::new(|| re(r"(?:^|[^\w@.\])])(@[A-Za-z0-9_](?:[A-Za-z0-9_.]{0,28}[A-Za-z0-9_])?)"));

/// Usernames without "@": tokens with an underscore, or letters glued to digits, or
/// dotted lowercase words; only taken near a handle cue or when unmistakable.
static USERNAME: LazyLock<Regex> =
    LazyLock::new(|| re(r"(?-u:\b)[A-Za-z0-9_]+(?:[._][A-Za-z0-9_]+)+(?-u:\b)"));

/// Letters glued to digits ("gamer2011"), searched separately so that a dotted candidate
/// that is no username ("Kim.gamer2011") still yields its parts.
static GLUED: LazyLock<Regex> =
    LazyLock::new(|| re(r"(?-u:\b)[A-Za-z][A-Za-z0-9]*[0-9]+[A-Za-z0-9]*(?-u:\b)"));

static IBAN: LazyLock<Regex> =
    LazyLock::new(|| re(r"(?i)(?-u:\b)[a-z]{2}[0-9]{2}(?:[ .]?[a-z0-9]){11,30}"));

/// North American numbers ("(612) 555-0173", "612-555-0173") and the Dutch municipal
/// number "14 020" / "14 0592" (14 followed by the area code).
static PHONE_OTHER: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?-u)\(\s?[2-9][0-9]{2}\s?\)\s?[0-9]{3}[\-. ][0-9]{4}(?-u:\b)|(?-u:\b)[2-9][0-9]{2}[\-.][0-9]{3}[\-.][0-9]{4}(?-u:\b)|(?-u:\b)14[ \-]?0[1-9][0-9]{1,2}(?-u:\b)",
    )
});

static PHONE: LazyLock<Regex> = LazyLock::new(|| {
    // "[" and "]" count as brackets too: the output turns user brackets into round ones,
    // and a second pass must see the same phone numbers.
    re(
        r"(?:\+|(?-u:\b)00)[1-9][0-9 ()\[\]./\-–]{6,}[0-9]|(?:[(\[]0|(?-u:\b)0)[0-9][0-9 ()\[\]./\-–]{6,}[0-9]",
    )
});

const MONTHS: &str = "januari|februari|maart|april|mei|juni|juli|augustus|september|oktober|november|december|january|february|march|may|june|july|august|october|jan|feb|mrt|mar|apr|jun|jul|aug|sept|sep|okt|oct|nov|dec";
const DAYS: &str = "maandag|dinsdag|woensdag|donderdag|vrijdag|zaterdag|zondag|monday|tuesday|wednesday|thursday|friday|saturday|sunday|ma|di|wo|do|vr|za|zo";

static DATE: LazyLock<Regex> = LazyLock::new(|| {
    re(&format!(
        r"(?i)(?-u:\b)(?:(?:{DAYS})\.?,?\s+)?(?:(?:de\s+|the\s+)?(?:0?[1-9]|[12][0-9]|3[01])(?:e|ste|de|st|nd|rd|th)?\s+(?:of\s+|van\s+)?(?:{MONTHS})(?-u:\b)\.?(?:,?\s+(?:19|20)[0-9]{{2}}(?-u:\b)|\s+'[0-9]{{2}}(?-u:\b))?|(?:{MONTHS})\.?\s+(?:0?[1-9]|[12][0-9]|3[01])(?:st|nd|rd|th)?(?-u:\b)(?:,?\s+(?:19|20)[0-9]{{2}}(?-u:\b))?|(?:0?[1-9]|[12][0-9]|3[01])[\-/.](?:0?[1-9]|1[0-2])[\-/.](?:(?:19|20)[0-9]{{2}}|[0-9]{{2}})(?-u:\b)|(?:19|20)[0-9]{{2}}[\-/.](?:0?[1-9]|1[0-2])[\-/.](?:0?[1-9]|[12][0-9]|3[01])(?-u:\b))"
    ))
});

/// A day and month in digits without a year: "4-10", "7/9", "14-10". Also a fraction, a
/// score or a range ("3/4 van de klas", "een 7/10", "4-10 jaar"), so it counts only after a
/// date cue or at the start of a line or sentence (`is_day_month`).
static DAY_MONTH: LazyLock<Regex> =
    LazyLock::new(|| re(r"(?-u:\b)(?:0?[1-9]|[12][0-9]|3[01])[/\-](?:0?[1-9]|1[0-2])(?-u:\b)"));

/// A bare ordinal day after an article: "op de 12de", "de 5e", "on the 21st". Also "de 5e
/// klas" or "the 9th grade", so what follows decides (`is_bare_ordinal`).
static ORDINAL: LazyLock<Regex> = LazyLock::new(|| {
    re(r"(?i-u)\b(?:de|the)\s+((?:0?[1-9]|[12][0-9]|3[01])(?:e|ste|de|st|nd|rd|th))\b")
});

/// A day written as a word before its month: "eenentwintig november", "the first of May".
static WORD_DATE: LazyLock<Regex> = LazyLock::new(|| {
    let nl = "twee|drie|vier|vijf|zes|zeven|acht|negen|tien|elf|twaalf|dertien|veertien|vijftien|zestien|zeventien|achttien|negentien|twintig|eenentwintig|tweeëntwintig|tweeentwintig|drieëntwintig|drieentwintig|vierentwintig|vijfentwintig|zesentwintig|zevenentwintig|achtentwintig|negenentwintig|dertig|eenendertig|eerste|tweede|derde|vierde|vijfde|zesde|zevende|achtste|negende|tiende|elfde|twaalfde|dertiende|veertiende|vijftiende|zestiende|zeventiende|achttiende|negentiende|twintigste|eenentwintigste|dertigste";
    let nl_months =
        "januari|februari|maart|april|mei|juni|juli|augustus|september|oktober|november|december";
    let en = "first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|eleventh|twelfth|thirteenth|fourteenth|fifteenth|sixteenth|seventeenth|eighteenth|nineteenth|twentieth|twenty-first|twenty-second|twenty-third|twenty-fourth|twenty-fifth|twenty-sixth|twenty-seventh|twenty-eighth|twenty-ninth|thirtieth|thirty-first";
    let en_months =
        "january|february|march|april|may|june|july|august|september|october|november|december";
    re(&format!(
        r"(?i-u)\b(?:(?:{nl})\s+(?:{nl_months})|(?:{en})\s+of\s+(?:{en_months}))\b(?:\s+(?:19|20)[0-9]{{2}}\b)?"
    ))
});

/// Words before a date: "op 4-10", "sinds 7/9", "on 3/4", "vrijdag 18/10".
const DATE_CUES: &[&str] = &[
    // posts and their updates are dated: "update 14/02:", "edit 3-4", "geplaatst 12/3"
    "update",
    "edit",
    "geplaatst",
    "gepost",
    "posted",
    "op",
    "vanaf",
    "sinds",
    "tot",
    "per",
    "voor",
    "na",
    "datum",
    "dd",
    "geboren",
    "on",
    "since",
    "until",
    "till",
    "from",
    "before",
    "after",
    "date",
    "dated",
    "born",
    "dob",
    "maandag",
    "dinsdag",
    "woensdag",
    "donderdag",
    "vrijdag",
    "zaterdag",
    "zondag",
    "ma",
    "di",
    "wo",
    "do",
    "vr",
    "za",
    "zo",
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
    "mon",
    "tue",
    "wed",
    "thu",
    "fri",
    "sat",
    "sun",
];

/// Words after a day and month that make it a fraction or a range ("3/4 van", "4-10 jaar").
/// Also a part of a span of time ("1/2 dag", "3/4 jaar").
const NOT_AFTER_DAY_MONTH: &[&str] = &[
    "van", "of", "deel", "part", "punten", "points", "dag", "dagen", "uur", "week", "weken",
    "maand", "maanden", "jaar", "day", "days", "hour", "hours", "weeks", "month", "months", "year",
    "years",
];

fn is_day_month(text: &str, start: usize, end: usize) -> bool {
    let bytes = text.as_bytes();
    // part of a longer date, number or code: "2022-10-4", "4-10-2023", "1/2/3"
    let glued_before = start > 0
        && (bytes[start - 1].is_ascii_digit()
            || matches!(bytes[start - 1], b'-' | b'/' | b'.' | b','));
    let glued_after = matches!(bytes.get(end), Some(b'-' | b'/' | b'.' | b','))
        && bytes.get(end + 1).is_some_and(u8::is_ascii_digit)
        || bytes
            .get(end)
            .is_some_and(|b| b.is_ascii_alphanumeric() || *b == b'%');
    // "06-12 34 56 78" goes on as a phone number: digits, a separator, digits again
    let rest = bytes.get(end..).unwrap_or(&[]);
    let digits_after = rest
        .iter()
        .skip(1)
        .take_while(|b| b.is_ascii_digit())
        .count();
    let continues = rest.first() == Some(&b' ')
        && digits_after >= 2
        && matches!(rest.get(1 + digits_after), Some(b' ' | b'-' | b'.'))
        && rest.get(2 + digits_after).is_some_and(u8::is_ascii_digit);
    if glued_before || glued_after || continues || followed_by_unit(text, end) {
        return false;
    }
    if next_word(text, end).is_some_and(|w| NOT_AFTER_DAY_MONTH.contains(&w.as_str())) {
        return false;
    }
    // at the start of the text, a line or a sentence (timelines: "3/10 komt huilend thuis")
    let before = text
        .get(..start)
        .unwrap_or("")
        .trim_end_matches([' ', '\t']);
    let starts = before.is_empty()
        || before.ends_with(['\n', '.', ':', ';', '!', '?', '•', '*', '(', '–'])
        || before.ends_with(" -");
    starts || prev_word(text, start).is_some_and(|w| DATE_CUES.contains(&w.as_str()))
}

/// Words after "de 5e" / "the 21st" that show the ordinal is a day: the clause goes on
/// with a verb, pronoun or conjunction ("op de 12de ging", "on the 21st and they").
const AFTER_ORDINAL_DAY: &[&str] = &[
    "en", "and", "is", "was", "we", "wij", "ik", "hij", "zij", "ze", "i", "he", "she", "they",
    "ging", "gingen", "kwam", "kwamen", "om", "at", "heb", "hebben", "had", "hadden", "heeft",
    "moet", "moeten", "moest", "moesten", "zijn", "waren", "werd", "wordt", "word", "gaat", "gaan",
    "komt", "zou", "zal", "dan", "then", "but", "maar", "toen", "when", "want", "omdat", "because",
    "krijgt", "kreeg", "kregen", "has", "have", "got", "will", "would", "er", "there", "weer",
    "again", "nog", "al", "ook", "pas", "hebt", "belde", "called", "mailde", "emailed", "we'll",
    "we've", "we're", "i'm", "i've", "van", "of", "this", "deze", "die", "hadden", "in", "met",
    "with", "bij",
];

fn is_bare_ordinal(text: &str, end: usize) -> bool {
    match next_word(text, end) {
        Some(w) => {
            // a word glued to the ordinal ("5e-klas") or directly after it without a
            // comma is a noun unless it is one of the clause words
            let rest = text.get(end..).unwrap_or("");
            // ... or any verb a subject takes ("op de 5e zat hij"):
            // a noun after the ordinal would be what it counts
            let flags = gazetteer::lookup(&w);
            rest.trim_start()
                .starts_with([',', '.', ';', ':', '!', '?', ')'])
                || AFTER_ORDINAL_DAY.contains(&w.as_str())
                || flags.has(Flags::SUBJECT_VERB)
        }
        None => {
            let rest = text.get(end..).unwrap_or("");
            !rest.starts_with(['-', '/'])
                && !rest.trim_start().starts_with(|c: char| c.is_ascii_digit())
        }
    }
}

/// The Belgian national number (rijksregisternummer), "85.07.30-033.61": birth date,
/// serial and check digits. It is Belgium's BSN, so it is one.
static BELGIAN_NATIONAL_NUMBER: LazyLock<Regex> = LazyLock::new(|| {
    re(r"(?-u:\b)[0-9]{2}\.?[0-9]{2}\.?[0-9]{2}[-. ][0-9]{3}[.-]?[0-9]{2}(?-u:\b)")
});

static POSTCODE: LazyLock<Regex> =
    LazyLock::new(|| re(r"(?-u:\b)[1-9][0-9]{3}(?:\s?[A-Z]{2}|[a-z]{2}| [a-z]{2})(?-u:\b)"));

/// Dutch side codes 1 to 14 and the Belgian "1-ABC-234".
static PLATE: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)(?-u:\b)(?:[a-z]{2}-[0-9]{2}-[0-9]{2}|[0-9]{2}-[0-9]{2}-[a-z]{2}|[0-9]{2}-[a-z]{2}-[0-9]{2}|[a-z]{2}-[0-9]{2}-[a-z]{2}|[a-z]{2}-[a-z]{2}-[0-9]{2}|[0-9]{2}-[a-z]{2}-[a-z]{2}|[0-9]{2}-[a-z]{3}-[0-9]|[0-9]-[a-z]{3}-[0-9]{2}|[a-z]{2}-[0-9]{3}-[a-z]|[a-z]-[0-9]{3}-[a-z]{2}|[a-z]{3}-[0-9]{2}-[a-z]|[a-z]-[0-9]{2}-[a-z]{3}|[0-9]-[a-z]{2}-[0-9]{3}|[0-9]{3}-[a-z]{2}-[0-9]|[1-9]-[a-z]{3}-[0-9]{3})(?-u:\b)",
    )
});

/// A short code of letters and digits without separators ("12AB", "AB1234", "04XY00"):
/// only after a number cue ("brin", "klantnummer") is it an identifying number.
static MIXED_CODE: LazyLock<Regex> = LazyLock::new(|| {
    re(r"(?-u:\b)(?:[A-Za-z]{1,4}[0-9]{2,10}|[0-9]{2,10}[A-Za-z]{1,4})[0-9]{0,6}(?-u:\b)")
});

/// Codes of letters and digits with separators ("AB-2023-0042", "2023/LP/118734") and
/// long digit runs, possibly grouped ("880-1734-552", "1234 5678 90").
static CODE: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?-u:\b)[A-Za-z0-9]{1,10}(?:[\-/.][A-Za-z0-9]{1,10}){1,5}(?-u:\b)|(?-u:\b)[0-9]{5,}(?:[ .][0-9]{2,})*(?-u:\b)",
    )
});

/// Digits in groups of two to four separated by single spaces or dots: a BSN written
/// "123 456 782" or "1318 60 914", a payment reference "8140 2277 1193 0561", a pupil
/// number "114 592". Which of them identify is decided by `grouped_kind`.
static GROUPED: LazyLock<Regex> =
    LazyLock::new(|| re(r"(?-u:\b)[0-9]{2,4}(?:[ .][0-9]{2,4}){1,5}(?-u:\b)"));

/// Words after a number that make it an amount, a duration or a count, not an identifier.
const UNIT_WORDS: &[&str] = &[
    "euro",
    "eur",
    "uur",
    "km",
    "kilometer",
    "meter",
    "jaar",
    "jaren",
    "maanden",
    "weken",
    "dagen",
    "minuten",
    "min",
    "keer",
    "kinderen",
    "leerlingen",
    "mensen",
    "procent",
    "pond",
    "dollar",
    "pounds",
    "dollars",
    "years",
    "months",
    "weeks",
    "days",
    "hours",
    "minutes",
    "times",
    "children",
    "people",
    "pupils",
    "students",
    "percent",
];

/// The lowercase word (letters only) that starts after `pos` past spaces, if any.
fn next_word(text: &str, pos: usize) -> Option<String> {
    let rest = text.get(pos..)?.trim_start_matches([' ', '\t']);
    let word: String = rest
        .chars()
        .take_while(|c| c.is_alphabetic())
        .take(24)
        .collect();
    (!word.is_empty()).then(|| word.to_lowercase())
}

/// The lowercase word (letters only) that ends before `pos` past spaces, if any.
fn prev_word(text: &str, pos: usize) -> Option<String> {
    let before = text.get(..pos)?.trim_end_matches([' ', '\t']);
    let mut word: Vec<char> = before
        .chars()
        .rev()
        .take_while(|c| c.is_alphabetic())
        .take(24)
        .collect();
    word.reverse();
    (!word.is_empty()).then(|| word.into_iter().collect::<String>().to_lowercase())
}

fn followed_by_unit(text: &str, end: usize) -> bool {
    let rest = text.get(end..).unwrap_or("").trim_start();
    rest.starts_with(['%', '€', '$', '£'])
        || next_word(text, end).is_some_and(|w| UNIT_WORDS.contains(&w.as_str()))
}

/// What a run of grouped digits holds: BSNs (nine digits of consecutive groups passing the
/// 11-proef, after a cue or grouped 3-3-3: "111 222 333 06" holds one), else an identifying
/// number (five digits or more after a number cue, or twelve or more anyway), else nothing
/// (amounts such as "1 250 000", counts, times).
fn grouped_spans(text: &str, start: usize, end: usize, cued: bool, out: &mut Vec<Span>) {
    let Some(run) = text.get(start..end) else {
        return;
    };
    // (start, end) of each group; the pattern allows at most six
    let mut groups: Vec<(usize, usize)> = Vec::with_capacity(6);
    let mut pos = 0;
    for part in run.split([' ', '.']) {
        groups.push((pos, pos + part.len()));
        pos += part.len() + 1;
    }
    let mut bsn = false;
    for a in 0..groups.len() {
        for b in a..groups.len() {
            let (from, to) = (groups[a].0, groups[b].1);
            let Some(part) = run.get(from..to) else {
                continue;
            };
            let digits: Vec<u8> = part.bytes().filter(u8::is_ascii_digit).collect();
            let three_by_three = b == a + 2 && groups[a..=b].iter().all(|g| g.1 - g.0 == 3);
            if digits.len() == 9 && validate::is_bsn(&digits) && (cued || three_by_three) {
                out.push(Span::new(start + from, start + to, Kind::Bsn));
                bsn = true;
            }
        }
    }
    let digits = run.bytes().filter(u8::is_ascii_digit).count();
    if !bsn && (digits >= 12 || cued && digits >= 5) && !followed_by_unit(text, end) {
        out.push(Span::new(start, end, Kind::IdNumber));
    }
}

/// A street and house number: a capitalised word with a street ending ("Dorpsstraat 4"),
/// an adjective and a street word ("Oude Gracht 12"), or any capitalised name after "aan
/// de" / "op de" ("we wonen aan de Esdoorn 12").
static ADDRESS: LazyLock<Regex> = LazyLock::new(|| {
    let endings = super::context::STREET_ENDINGS.join("|");
    let number = r"\s+[0-9]{1,4}(?:\s?[a-zA-Z](?-u:\b))?(?:[\-/][0-9]{1,4}[a-zA-Z]?)?(?-u:\b)";
    // The street may be typed in lowercase ("kerkweg 12", "prinsengracht 263"): then a
    // compound of at least three letters and a street ending ("weg 12" alone is no street).
    re(&format!(
        r"(?-u:\b)\p{{Ll}}[\p{{L}}'\-]{{2,}}(?:{endings}){number}|(?-u:\b)\p{{Lu}}[\p{{L}}'\-]*(?:{endings}){number}|(?-u:\b)\p{{Lu}}\p{{L}}+\s+(?i:{endings}){number}|(?-u:\b)(?:aan|op)\s+(?:de|het)\s+\p{{Lu}}\p{{L}}+{number}"
    ))
});

/// A street and house number right before a postcode ("zwanenveld 9103, 6538TE",
/// "Kikkenstein 2214, [postcode]"), whatever the street is called: the postcode vouches for
/// it. Matched against the few bytes before each postcode, so it ends at their end.
static STREET_BEFORE_POSTCODE: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?-u:\b)(\p{L}[\p{L}'\-]{2,40})\s+[0-9]{1,4}(?:\s?[a-zA-Z](?-u:\b))?(?:[\-/][0-9]{1,4}[a-zA-Z]?)?(,?\s+)$",
    )
});

/// A street and house number after a word for living somewhere ("ik woon op Kikkenstein
/// 2214", "living at Ringbaan-Oost 188", "adres: zwanenveld 12").
static ADDRESS_AFTER_CUE: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)(?-u:\b)(?:woon|woont|wonen|woonde|woonden|wonend|adres|address|live|lives|living|lived)\s*:?\s+(?:(?:is|was)\s+)?(?:(?:op|aan|at|on)\s+)?(?:(?:de|het|the)\s+)?(\p{L}[\p{L}'\-]{2,40}\s+[0-9]{1,4}(?:[a-zA-Z](?-u:\b))?(?:[\-/][0-9]{1,4}[a-zA-Z]?)?)(?-u:\b)",
    )
});

/// Words before a number that are no street: "ik woon al 12 jaar", "wonen sinds 2019".
const NOT_STREETS: &[&str] = &[
    "nummer",
    "huisnummer",
    "number",
    "postbus",
    "kamer",
    "room",
    "groep",
    "klas",
    "al",
    "sinds",
    "since",
    "nu",
    "now",
    "hier",
    "here",
    "daar",
    "there",
    "ongeveer",
    "about",
    "bijna",
    "almost",
    "pas",
    "only",
];

fn is_street_word(word: &str) -> bool {
    let lower = word.to_lowercase();
    let flags = gazetteer::lookup(&lower);
    let not_street = flags.has(Flags::FUNCTION)
        || flags.has(Flags::COUNTRY)
        || MONTH_WORDS.contains(&lower.as_str())
        || NOT_STREETS.contains(&lower.as_str());
    !not_street
}

const MONTH_WORDS: &[&str] = &[
    "januari",
    "februari",
    "maart",
    "april",
    "mei",
    "juni",
    "juli",
    "augustus",
    "september",
    "oktober",
    "november",
    "december",
    "january",
    "february",
    "march",
    "may",
    "june",
    "july",
    "august",
    "october",
    "jan",
    "feb",
    "mrt",
    "apr",
    "jun",
    "jul",
    "aug",
    "sep",
    "sept",
    "okt",
    "oct",
    "nov",
    "dec",
];

/// Addresses and short postcodes in a window `start..end` of `text` around digits. The
/// words that vouch for an address may lie before the window: up to 64 bytes before a
/// postcode are read, and the cue pattern reads from 32 bytes (widened to a space) before.
fn find_addresses(text: &str, start: usize, end: usize, out: &mut Vec<Span>) {
    let Some(window) = text.get(start..end) else {
        return;
    };
    let postcodes = POSTCODE
        .find_iter(window)
        .map(|m| start + m.start())
        .chain(window.match_indices("[postcode]").map(|(i, _)| start + i));
    for p in postcodes {
        let mut from = p.saturating_sub(64);
        while !text.is_char_boundary(from) {
            from += 1;
        }
        let Some(before) = text.get(from..p) else {
            continue;
        };
        if let Some(c) = STREET_BEFORE_POSTCODE.captures(before) {
            let (Some(street), Some(gap)) = (c.get(1), c.get(2)) else {
                continue;
            };
            // the address is the street and number; the postcode is found on its own
            if is_street_word(street.as_str()) {
                let s = from + street.start();
                out.push(Span::new(s, from + gap.start(), Kind::Address));
            }
        }
    }
    let bytes = text.as_bytes();
    let mut left = start.saturating_sub(32);
    while left > 0 && !matches!(bytes[left - 1], b' ' | b'\n' | b'\t') && start - left < 64 {
        left -= 1;
    }
    while !text.is_char_boundary(left) {
        left += 1;
    }
    let Some(wide) = text.get(left..end) else {
        return;
    };
    for c in ADDRESS_AFTER_CUE.captures_iter(wide) {
        let Some(m) = c.get(1) else { continue };
        let street = m.as_str().split_whitespace().next().unwrap_or("");
        let (s, e) = (left + m.start(), left + m.end());
        if is_street_word(street) && !followed_by_unit(text, e) {
            out.push(Span::new(s, e, Kind::Address));
        }
    }
    find_short_postcodes(text, start, end, out);
}

/// Four digits before a place ("1000 Brussel", "2600 [plaats]") or after the word
/// "postcode" ("postcode 1012"): a Belgian or partial Dutch postcode. A byte scan for runs
/// of exactly four digits, then a look at the words either side.
fn find_short_postcodes(text: &str, start: usize, end: usize, out: &mut Vec<Span>) {
    let bytes = text.as_bytes();
    let mut i = start;
    while i < end {
        if !bytes[i].is_ascii_digit() {
            i += 1;
            continue;
        }
        let s = i;
        while i < end && bytes[i].is_ascii_digit() {
            i += 1;
        }
        let e = i;
        let glued_before = s > 0
            && (bytes[s - 1].is_ascii_alphabetic()
                || matches!(bytes[s - 1], b'-' | b'/' | b'.' | b',' | b':' | b'+' | b'('));
        let glued_after = bytes
            .get(e)
            .is_some_and(|b| b.is_ascii_alphabetic() || matches!(b, b'-' | b'/' | b'.' | b'_'))
            && bytes.get(e + 1).is_some_and(u8::is_ascii_alphanumeric);
        if e - s != 4 || bytes[s] == b'0' || glued_before || glued_after {
            continue;
        }
        let cued = prev_word(text, s)
            .is_some_and(|w| matches!(w.as_str(), "postcode" | "postcodegebied" | "zip"));
        // the word after: a place, a capitalised unknown word or our place placeholder
        let rest = text.get(e..).unwrap_or("");
        let gap = rest.len() - rest.trim_start_matches([' ', '\t']).len();
        let after = e + gap;
        let word_len = text
            .get(after..)
            .unwrap_or("")
            .char_indices()
            .find(|&(_, c)| !(c.is_alphabetic() || c == '-' || c == '\''))
            .map_or(text.len() - after, |(k, _)| k);
        let word = text.get(after..after + word_len).unwrap_or("");
        let placeholder = gap > 0
            && ["[plaats]", "[place]"]
                .iter()
                .any(|p| text.get(after..).is_some_and(|r| r.starts_with(p)));
        // "9203 LK" is a Dutch postcode, found as one
        if gap == 0 && !word.is_empty()
            || word.len() == 2 && word.is_ascii() && !word.eq_ignore_ascii_case("en")
        {
            continue;
        }
        let lower = word.to_lowercase();
        let flags = gazetteer::lookup(&lower);
        let place = placeholder
            || gap > 0
                && !word.is_empty()
                && !flags.has(Flags::COUNTRY)
                && (flags.has(Flags::PLACE)
                    || word.starts_with(char::is_uppercase) && !gazetteer::is_lexical(&lower));
        // "in 2019 Leeds verlaten": a year after a preposition
        let year = matches!(text.get(s..s + 2), Some("19" | "20"))
            && prev_word(text, s).is_some_and(|w| {
                matches!(
                    w.as_str(),
                    "in" | "sinds"
                        | "since"
                        | "van"
                        | "tot"
                        | "uit"
                        | "vanaf"
                        | "from"
                        | "until"
                        | "jaar"
                        | "year"
                        | "eind"
                        | "begin"
                        | "zomer"
                        | "summer"
                )
            });
        // "we wonen in 1012 en ...", "daarna in 3581.": four digits where a place stands,
        // after "in"/"uit" and ending the phrase, are a postcode area unless a year
        let phrase_ends = word.is_empty()
            && !rest.trim_start().starts_with(|c: char| c.is_ascii_digit())
            || matches!(lower.as_str(), "en" | "and" | "maar" | "but");
        let located = !matches!(text.get(s..s + 2), Some("19" | "20"))
            && prev_word(text, s).is_some_and(|w| matches!(w.as_str(), "in" | "uit" | "rond"))
            && phrase_ends;
        if !(cued || located || place && !year) || followed_by_unit(text, e) {
            continue;
        }
        out.push(Span::new(s, e, Kind::Postcode));
        if place && !placeholder {
            out.push(Span::new(after, after + word_len, Kind::Place));
        }
    }
}

/// Numbers run into other characters: "bsn123456782", "123456782ks", "123456782_"
/// (nine digits that pass the 11-proef) and "tel0612345678", "tel06-12345678" (a Dutch
/// number of ten digits). The other patterns want a boundary around a number; here any
/// character but a digit (or a "+" before) bounds it, so nothing a BSN or phone pattern
/// would match is left.
fn find_glued_numbers(bytes: &[u8], start: usize, end: usize, out: &mut Vec<Span>) {
    let digit = |b: Option<&u8>| b.is_some_and(u8::is_ascii_digit);
    let mut i = start;
    while i < end {
        if !bytes[i].is_ascii_digit() {
            i += 1;
            continue;
        }
        let run_start = i;
        let before = run_start.checked_sub(1).and_then(|k| bytes.get(k));
        while i < end && bytes[i].is_ascii_digit() {
            i += 1;
        }
        if i - run_start == 9 && !digit(bytes.get(i)) && validate::is_bsn(&bytes[run_start..i]) {
            out.push(Span::new(run_start, i, Kind::Bsn));
        }
        // Ten digits or more glued to a letter ("0031612345678ummer"): the code patterns
        // need a word boundary, and such a run may hold a phone number or a BSN anywhere
        // inside it. A run that long is a number of something; it goes whole.
        let letter = |b: Option<&u8>| b.is_some_and(|b| b.is_ascii_alphabetic() || *b == b'_');
        if i - run_start >= 10 && (letter(before) || letter(bytes.get(i))) {
            out.push(Span::new(run_start, i, Kind::IdNumber));
        }
        let opens_phone = before.is_some_and(|&b| b.is_ascii_alphabetic() || b == b'_')
            && bytes[run_start] == b'0'
            && bytes.get(run_start + 1).is_some_and(|&b| b != b'0');
        if opens_phone {
            // digit groups joined by single spaces or hyphens, up to ten digits
            let (mut k, mut digits) = (run_start, 0);
            let mut phone_end = None;
            while k < end && digits < 10 {
                if bytes[k].is_ascii_digit() {
                    digits += 1;
                    k += 1;
                    if digits == 10 {
                        phone_end = Some(k);
                    }
                } else if matches!(bytes[k], b' ' | b'-') && digit(bytes.get(k + 1)) {
                    k += 1;
                } else {
                    break;
                }
            }
            if let Some(e) = phone_end.filter(|&e| !digit(bytes.get(e))) {
                out.push(Span::new(run_start, e, Kind::Phone));
            }
        }
    }
}

/// Finds every structured identifier in `text`. Overlaps are left for the engine to resolve
/// (it prefers the more specific kinds).
///
/// The patterns run only on windows around their trigger characters (digits, "@", a dot
/// inside a word), widened to whitespace so that no candidate is cut. Stories have few
/// such characters, so most of the text is never scanned by a pattern at all.
pub fn find(text: &str, cues: &HandleCues, numbers: &NumberCues, out: &mut Vec<Span>) {
    let bytes = text.as_bytes();
    // Every URL and username holds one of these: ".", "/" or "_" followed by a letter,
    // digit or "_". Windows around them contain every candidate whole (candidates hold no
    // whitespace), so both passes over a text find the same ones.
    let word_dot = |i: usize| {
        matches!(bytes[i], b'.' | b'/' | b'_')
            && bytes
                .get(i + 1)
                .is_some_and(|&b| b.is_ascii_alphanumeric() || b == b'_')
    };
    for (start, end) in windows_around(bytes, 100, memchr::memchr_iter(b'@', bytes)) {
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
    // Written-out e-mail addresses: around "@", a bracketed "(at)" and the words "at" and
    // "apenstaartje" (64 bytes either side hold "voornaam punt achternaam").
    let spelled_at = |&i: &usize| {
        let word_before = i > 0 && bytes[i - 1].is_ascii_alphanumeric();
        let rest = &bytes[i..];
        let starts = |w: &[u8]| {
            rest.len() >= w.len()
                && rest[..w.len()].eq_ignore_ascii_case(w)
                && !rest.get(w.len()).is_some_and(u8::is_ascii_alphanumeric)
        };
        bytes[i] == b'@'
            || !word_before
                && (starts(b"at")
                    || rest.len() >= 9 && rest[..9].eq_ignore_ascii_case(b"apenstaar")
                    || rest.len() >= 8 && rest[..8].eq_ignore_ascii_case(b"apestaar"))
    };
    let candidates = memchr::memchr3_iter(b'@', b'a', b'A', bytes).filter(spelled_at);
    for (start, end) in windows_around(bytes, 64, candidates) {
        let Some(window) = text.get(start..end) else {
            continue;
        };
        for m in OBFUSCATED_EMAIL.find_iter(window) {
            out.push(Span::new(start + m.start(), start + m.end(), Kind::Email));
        }
    }
    for (start, end) in windows(bytes, 16, word_dot) {
        let Some(window) = text.get(start..end) else {
            continue;
        };
        for m in URL.find_iter(window) {
            // "@jolien.de" is a handle, not the website "jolien.de"
            if m.start() > 0
                && window.as_bytes()[m.start() - 1] == b'@'
                && !m.as_str().contains("://")
            {
                continue;
            }
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
    // The number of a person placeholder ("[naam 2]") triggers nothing: a second pass over
    // a story full of them would otherwise scan around every name for numbers.
    let digit = |i: usize| bytes[i].is_ascii_digit() && !in_person_placeholder(bytes, i);
    for (start, end) in windows(bytes, 16, |i| word_dot(i) || digit(i)) {
        find_usernames(text, start, end, cues, out);
    }
    // 24 bytes either side (widened to whole words) hold the words a number needs: the
    // street before a house number, "maandag de" before a day, "of September 2023" after.
    for (start, end) in windows(bytes, 24, digit) {
        find_numeric(text, start, end, numbers, out);
        find_addresses(text, start, end, out);
        find_glued_numbers(bytes, start, end, out);
    }
    // Days written as words have no digit to trigger on; the pattern's month words are
    // literals the regex engine skips to, so one scan of the whole text is cheap.
    for m in WORD_DATE.find_iter(text) {
        out.push(Span::new(m.start(), m.end(), Kind::Date));
    }
    // The patterns' word boundaries are ASCII; widen every span to whole words so that
    // no letter glued to it ("ºa_a") is left behind as a fragment.
    for span in out.iter_mut() {
        span.start = word_start(text, span.start);
        span.end = word_end(text, span.end);
    }
    // A span holds a letter or digit ("@_" is no handle): its placeholder is a word, and
    // the words after it must be judged the same before and after the replacement.
    out.retain(|span| {
        text.get(span.start..span.end)
            .is_some_and(|s| s.chars().any(char::is_alphanumeric))
    });
}

/// Is the digit at `i` part of the number of a "[naam N]" / "[name N]" placeholder (the
/// digits run from "[naam " to "]")?
fn in_person_placeholder(bytes: &[u8], i: usize) -> bool {
    let mut start = i;
    while start > 0 && bytes[start - 1].is_ascii_digit() && i - start < 6 {
        start -= 1;
    }
    let mut end = i + 1;
    while end < bytes.len() && bytes[end].is_ascii_digit() && end - i < 6 {
        end += 1;
    }
    // exactly the placeholder's form: 1 to 6 digits, the first not 0
    bytes.get(end) == Some(&b']')
        && end - start <= 6
        && bytes[start] != b'0'
        && start >= 6
        && matches!(bytes.get(start - 6..start), Some(b"[naam " | b"[name "))
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
    windows_around(bytes, reach, (0..bytes.len()).filter(|&i| trigger(i)))
}

/// [`windows`] around the given trigger positions (ascending): for triggers that a
/// `memchr` search finds faster than a test of every byte.
fn windows_around(
    bytes: &[u8],
    reach: usize,
    triggers: impl Iterator<Item = usize>,
) -> Vec<(usize, usize)> {
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
    for i in triggers {
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
fn find_numeric(text: &str, start: usize, end: usize, numbers: &NumberCues, out: &mut Vec<Span>) {
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
            let (mut s, e) = at(&m);
            // "since the 9th of jan": the article stays ("op de [datum]")
            for article in ["de ", "the "] {
                if m.as_str()
                    .get(..article.len())
                    .is_some_and(|a| a.eq_ignore_ascii_case(article))
                {
                    s += article.len();
                }
            }
            out.push(Span::new(s, e, Kind::Date));
        }
    }
    for m in DAY_MONTH.find_iter(window) {
        let (s, e) = at(&m);
        if is_day_month(text, s, e) {
            out.push(Span::new(s, e, Kind::Date));
        }
    }
    for c in ORDINAL.captures_iter(window) {
        if let Some(m) = c.get(1) {
            let (s, e) = at(&m);
            if is_bare_ordinal(text, e) {
                out.push(Span::new(s, e, Kind::Date));
            }
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
            if !starts_group || !matches!(bytes[g], b'0' | b'+' | b'(' | b'[') {
                continue;
            }
            if let Some(len) = candidate.get(g..).and_then(valid_phone_end) {
                out.push(Span::new(base + g, base + g + len, Kind::Phone));
            }
        }
    }
    for m in PHONE_OTHER.find_iter(window) {
        // "14 0592" must not be the tail of a longer number ("2023 14 0592")
        let (s, e) = at(&m);
        let glued =
            |b: Option<&u8>| b.is_some_and(|&b| b.is_ascii_digit() || b == b'-' || b == b'/');
        let before = s.checked_sub(1).and_then(|i| text.as_bytes().get(i));
        let before2 = s.checked_sub(2).and_then(|i| text.as_bytes().get(i));
        let after = text.as_bytes().get(e);
        let after2 = text.as_bytes().get(e + 1);
        let continues = glued(before)
            || glued(after)
            || (before == Some(&b' ') && before2.is_some_and(u8::is_ascii_digit))
            || (after == Some(&b' ') && after2.is_some_and(u8::is_ascii_digit));
        if !continues {
            out.push(Span::new(s, e, Kind::Phone));
        }
    }
    for m in BELGIAN_NATIONAL_NUMBER.find_iter(window) {
        let (s, e) = at(&m);
        let digits: Vec<u8> = m.as_str().bytes().filter(u8::is_ascii_digit).collect();
        // Written the official way ("85.07.30-033.61") the shape says it; otherwise the
        // check digits must hold.
        let official = m.as_str().len() == 15
            && m.as_str().as_bytes()[2] == b'.'
            && m.as_str().as_bytes()[5] == b'.'
            && m.as_str().as_bytes()[8] == b'-'
            && m.as_str().as_bytes()[12] == b'.';
        if official || validate::is_belgian_national_number(&digits) {
            out.push(Span::new(s, e, Kind::Bsn));
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
        // Lowercase with a space, the letters may be the next word: a year before a word
        // ("2019 en", "2020 op"), a quantity and its unit ("1500 km"), or a function word.
        // Other letters are a postcode typed on a phone ("3512 ab").
        if letters.bytes().all(|b| b.is_ascii_lowercase()) && m.as_str().contains(' ') {
            let number = m.as_str().get(..4).unwrap_or("");
            let year = number.starts_with("19") || number.starts_with("20");
            let unit = matches!(
                letters,
                "km" | "kg" | "mg" | "ml" | "cm" | "mm" | "kb" | "mb" | "gb" | "pk" | "ct"
            );
            let flags = gazetteer::lookup(letters);
            if year || unit || flags.has(Flags::FUNCTION) || flags.has(Flags::PARTICLE) {
                continue;
            }
        }
        let (s, e) = at(&m);
        out.push(Span::new(s, e, Kind::Postcode));
    }
    for m in PLATE.find_iter(window) {
        let (s, e) = at(&m);
        out.push(Span::new(s, e, Kind::Plate));
    }
    for m in ADDRESS.find_iter(window) {
        let (mut s, e) = at(&m);
        // "de snelweg 12 km": a distance on a road, not an address
        if followed_by_unit(text, e) {
            continue;
        }
        // "aan de Esdoorn 12": the address starts at the name
        for prefix in ["aan de ", "aan het ", "op de ", "op het "] {
            if m.as_str().starts_with(prefix) {
                s += prefix.len();
            }
        }
        out.push(Span::new(s, e, Kind::Address));
    }
    for m in GROUPED.find_iter(window) {
        let (s, e) = at(&m);
        // only digits separated by spaces or dots; whole runs are the CODE pattern's
        if !m.as_str().contains([' ', '.']) {
            continue;
        }
        grouped_spans(text, s, e, numbers.before(s), out);
    }
    // A code's span runs to the end of its glued run (`extend_code`), so later candidates
    // of the same run are inside it already. Skipping them keeps a run of thousands of
    // glued codes linear: otherwise each would be a span to the run's end, and each
    // overlap would be resolved against all the others.
    for m in MIXED_CODE.find_iter(window) {
        let (s, e) = at(&m);
        if m.as_str().len() >= 4 && numbers.before(s) {
            out.push(Span::new(s, e, Kind::IdNumber));
        }
    }
    let mut covered_until = 0;
    for m in CODE.find_iter(window) {
        let (s, _) = at(&m);
        if s < covered_until {
            continue;
        }
        let code = m.as_str();
        // Try the whole candidate, then its parts between separators, longest first: a
        // second pass may see only a part ("Kim.5ab.123456" once "Kim" is a placeholder),
        // and must decide as the first did.
        let cuts: Vec<usize> = std::iter::once(0)
            .chain(code.match_indices(['-', '/', '.']).map(|(i, _)| i + 1))
            .chain(std::iter::once(code.len() + 1))
            .collect();
        // Parts left over on either side of an accepted range are tried again the same way.
        let mut todo = vec![(0, cuts.len() - 1)];
        while let Some((lo, hi)) = todo.pop() {
            let mut best: Option<(usize, usize, Kind)> = None;
            'ranges: for width in (1..=hi - lo).rev() {
                for first in lo..=hi - width {
                    let (from, to) = (cuts[first], cuts[first + width] - 1);
                    let Some(part) = code.get(from..to) else {
                        continue;
                    };
                    if let Some(kind) = code_kind(part, numbers.before(s + from)) {
                        best = Some((first, first + width, kind));
                        break 'ranges;
                    }
                }
            }
            if let Some((a, b, kind)) = best {
                let (from, to) = (cuts[a], cuts[b] - 1);
                let end = extend_code(text, s + to);
                covered_until = covered_until.max(end);
                out.push(Span::new(s + from, end, kind));
                if a > lo {
                    todo.push((lo, a));
                }
                if b < hi {
                    todo.push((b, hi));
                }
            }
        }
    }
}

/// What a code-like candidate is, if anything: a BSN (nine digits passing the 11-proef), an
/// identifying number, or nothing ("covid-19", "2022-2023").
fn code_kind(code: &str, cued: bool) -> Option<Kind> {
    let digits: Vec<u8> = code.bytes().filter(u8::is_ascii_digit).collect();
    let letters = code.bytes().filter(u8::is_ascii_alphabetic).count();
    let separators = code.len() - digits.len() - letters;
    if digits.len() == 9 && letters == 0 && validate::is_bsn(&digits) {
        return Some(Kind::Bsn);
    }
    let is_code = if letters > 0 {
        digits.len() >= 4 && separators >= 1 && letters <= 6
    } else {
        digits.len() >= 7 || (digits.len() >= 5 && (cued || separators == 0 && digits.len() >= 6))
    };
    let id =
        (is_code && !looks_like_year_range(code)) || (cued && digits.len() >= 4 && letters == 0);
    id.then_some(Kind::IdNumber)
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
    s.trim_end_matches(['.', ',', ';', ':', '!', '?', ')', ']', '\'', '"', '’', '”'])
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
        } else if chars.len() & 3 != 0 {
            // IBANs are written whole or in groups of four: a space elsewhere ends it
            break;
        }
    }
    let len = validate::iban_length(chars.get(..2)?)?;
    if chars.len() >= len && validate::is_iban(&chars[..len]) {
        return ends.get(len - 1).copied();
    }
    None
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
            let bracketed = s.contains("(0") || s.contains("[0");
            // the digits before the first separator: "0471", "09", "0116"
            let first_group = s
                .bytes()
                .skip_while(|b| !b.is_ascii_digit())
                .take_while(u8::is_ascii_digit)
                .count();
            let second = s.bytes().filter(u8::is_ascii_digit).nth(1);
            n == 10
                || (n == 11 && bracketed)
                // Belgian landlines: "09 123 45 67", "016 29 84 10" (written grouped; a
                // bare nine-digit run is left to the BSN and number checks)
                || (n == 9 && (2..=3).contains(&first_group) && second != Some(b'0'))
                // British numbers: "0116 496 0782", "07700 900 562", "020 7946 0958"
                || (n == 11
                    && (3..=5).contains(&first_group)
                    && matches!(second, Some(b'1' | b'2' | b'3' | b'7' | b'8')))
        };
        if ok {
            best = Some(end);
        }
    }
    best
}

fn find_usernames(text: &str, start: usize, end: usize, cues: &HandleCues, out: &mut Vec<Span>) {
    let Some(window) = text.get(start..end) else {
        return;
    };
    for m in USERNAME.find_iter(window).chain(GLUED.find_iter(window)) {
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
            if !parts_ok || !cues.before(m_start) {
                continue;
            }
        } else if !has_underscore {
            // letters glued to digits: "gamer2011", "xx_07"; not "5e", "mp3", "covid19", "groep7"
            if letters < 3 || digits == 0 || s.len() < 6 {
                continue;
            }
            let lower = s.to_ascii_lowercase();
            let alpha: String = lower.chars().filter(|c| c.is_ascii_alphabetic()).collect();
            if gazetteer::is_lexical(&alpha) && !cues.before(m_start) {
                continue;
            }
        }
        out.push(Span::new(m_start, m_end, Kind::Handle));
    }
}

/// The byte ranges of our placeholders in a text, for "is this word inside one?".
/// Found on the first question only: most texts have no cue word at all.
struct Placeholders<'t> {
    text: &'t str,
    found: std::cell::OnceCell<Vec<(usize, usize)>>,
}

impl<'t> Placeholders<'t> {
    fn of(text: &'t str) -> Placeholders<'t> {
        Placeholders {
            text,
            found: std::cell::OnceCell::new(),
        }
    }

    fn contains(&self, pos: usize) -> bool {
        let found = self.found.get_or_init(|| {
            super::placeholders::find_all(self.text)
                .map(|(s, e, _)| (s, e))
                .collect()
        });
        let idx = found.partition_point(|&(s, _)| s <= pos);
        idx > 0 && pos < found[idx - 1].1
    }
}

/// Where handle cues occur: for each line with one, the end of its first cue. A candidate
/// is cued when a cue comes before it on the same line. Lines (not byte windows) make the
/// answer the same before and after anonymisation, which changes lengths but not lines.
pub struct HandleCues(Vec<(usize, usize, usize)>);

impl HandleCues {
    /// Finds the cues of `text` (tokenising it; for short pieces).
    pub fn new(text: &str) -> HandleCues {
        HandleCues::from_tokens(text, &tokens::tokenise(text))
    }

    /// Finds the cues among already computed tokens: one pass over them.
    pub fn from_tokens(text: &str, tokens: &Tokens) -> HandleCues {
        let placeholders = Placeholders::of(text);
        let mut lines: Vec<(usize, usize, usize)> = Vec::new();
        for t in &tokens.list {
            if !t.flags.has(Flags::HANDLE_CUE) || tokens.lower(t).len() < 2 {
                continue;
            }
            let (s, e) = (t.start, t.end);
            // our own placeholders ("[account]", "[bank account]") are no cues; and only
            // the first cue of a line counts
            if placeholders.contains(s) || lines.last().is_some_and(|l| s < l.1) {
                continue;
            }
            let line_start = text
                .get(..s)
                .and_then(|b| b.rfind('\n'))
                .map_or(0, |p| p + 1);
            let line_end = text
                .get(e..)
                .and_then(|r| r.find('\n'))
                .map_or(text.len(), |p| e + p);
            lines.push((line_start, line_end, e));
        }
        HandleCues(lines)
    }

    /// Is there a cue before `pos` on its line?
    pub fn before(&self, pos: usize) -> bool {
        let idx = self.0.partition_point(|&(start, _, _)| start <= pos);
        idx > 0 && {
            let (_, end, cue_end) = self.0[idx - 1];
            pos < end && cue_end <= pos
        }
    }
}

/// Where number cues occur ("dossiernummer", "zaak", "case number"): for each sentence
/// with one, the end of its first cue. A shorter digit run is an identifying number when a
/// cue comes before it in its sentence. Sentences, not byte windows, so that the answer is
/// the same after anonymisation has changed the lengths around it.
pub struct NumberCues(Vec<(usize, usize, usize)>);

impl NumberCues {
    pub fn from_tokens(text: &str, tokens: &Tokens) -> NumberCues {
        let placeholders = Placeholders::of(text);
        let mut out: Vec<(usize, usize, usize)> = Vec::new();
        let mut sentence_start = 0;
        let mut cue_end: Option<usize> = None;
        for t in &tokens.list {
            // a colon opens what the cue names ("zaaknummer: 48213"): no new sentence
            let after_colon = text
                .get(..t.start)
                .is_some_and(|before| before.trim_end_matches([' ', '\t']).ends_with(':'));
            if t.sentence_start && !after_colon {
                if let Some(c) = cue_end.take() {
                    out.push((sentence_start, t.start, c));
                }
                sentence_start = t.start;
            }
            let l = tokens.lower(t);
            // "[nummer]", "[telefoonnummer]": our placeholders are no cues
            let is_cue = (t.flags.has(Flags::NUMBER_CUE)
                || l.ends_with("nummer")
                || l.ends_with("nr")
                || l.ends_with("kenmerk"))
                && !placeholders.contains(t.start);
            if is_cue && cue_end.is_none() {
                cue_end = Some(t.end);
            }
        }
        if let Some(c) = cue_end {
            out.push((sentence_start, text.len(), c));
        }
        NumberCues(out)
    }

    pub fn new(text: &str) -> NumberCues {
        NumberCues::from_tokens(text, &tokens::tokenise(text))
    }

    /// Is there a cue before `pos` in its sentence?
    pub fn before(&self, pos: usize) -> bool {
        let idx = self.0.partition_point(|&(start, _, _)| start <= pos);
        idx > 0 && {
            let (_, end, cue_end) = self.0[idx - 1];
            pos < end && cue_end <= pos
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(text: &str) -> Vec<(Kind, String)> {
        let mut spans = Vec::new();
        find(
            text,
            &HandleCues::new(text),
            &NumberCues::new(text),
            &mut spans,
        );
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
