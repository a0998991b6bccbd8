//! From labelled tokens to spans: adjacent labels (with name particles between) form one
//! span, whose kind follows from prefixes, suffixes, articles and cues; and which words the
//! rest of the story must lose too.

use crate::gazetteer::Flags;
use crate::kind::Kind;
use crate::tokens::Case;

use super::organisations::school_context;
use super::{in_list, is_acronym_prefix, is_street, joined, lexical, org_prefix, org_suffix};
use super::{Label, Strength};
use crate::context::PLACE_CUES;
use crate::engine::{Field, Found, Learned};
use crate::gazetteer;
use crate::patterns::Span;

/// Groups the labels into spans and records them (and the words learned) in `field`.
pub(super) fn group(field: &mut Field<'_>, labels: &[Option<Label>]) {
    let tokens = &field.tokens;
    let text = field.text;
    let n = tokens.list.len();
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
            // set by the acronym rule; a capitalised article mid-sentence is the name's own
            // ("basisschool Het Kompas", "bij De Wissel")
            if first_label.kind == Kind::Organisation && article_before {
                start = prev_tok.map_or(start, |a| a.start);
            }
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
                // a name found with evidence: a person's, or a school's or provider's
                // one name word after a cue ("wachtlijst bij karakter")
                let evident = labels[k].is_some_and(|l| l.strength == Strength::Story);
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
