//! Schools, care providers and employers: acronym prefixes ("sbo de wissel"), a name in
//! brackets after "school", a capitalised word before "College".

use crate::gazetteer::Flags;
use crate::kind::Kind;
use crate::tokens::Case;

use super::{joined, org_suffix};
use super::{Cx, Label, Strength};
use crate::tokens::Tokens;

pub(super) fn acronym_prefixes(cx: &Cx<'_>, labels: &mut [Option<Label>]) {
    let Cx { text, tokens, .. } = *cx;
    let n = tokens.list.len();
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
}

pub(super) fn bracketed_after_school(cx: &Cx<'_>, labels: &mut [Option<Label>]) {
    let Cx { text, tokens, .. } = *cx;
    let n = tokens.list.len();
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
}

pub(super) fn before_school_word(cx: &Cx<'_>, labels: &mut [Option<Label>]) {
    let Cx { text, tokens, .. } = *cx;
    let n = tokens.list.len();
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
}

pub(super) fn school_context(tokens: &Tokens, i: usize) -> bool {
    let from = i.saturating_sub(4);
    tokens.list[from..i].iter().any(|t| {
        let l = tokens.lower(t);
        l == "op" || l.contains("school") || l == "at" || l == "klas"
    })
}
