//! Names decided as the subject of a sentence: "Kees, de eigenaar, ...", "Kees zit thuis".

use crate::gazetteer::Flags;
use crate::kind::Kind;
use crate::tokens::Case;

use super::{Cx, Label, Strength, Word};
use crate::context::SUBJECT_VERBS;

/// A known given name at a sentence start, set off as an apposition or a verb's subject.
pub(super) fn sentence_start_subject(
    cx: &Cx<'_>,
    w: &Word<'_>,
    labels: &mut [Option<Label>],
) -> bool {
    let Cx { text, tokens, .. } = *cx;
    let Word { i, t, f, kept, .. } = *w;
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
            return true;
        }
        // ... or as the subject of a verb: "Kees zit al een jaar thuis". Only this
        // occurrence: "Hoop doet leven" must not take "hoop" from the rest of the story.
        if !comma_after && next.is_some_and(|x| SUBJECT_VERBS.contains(&x)) {
            labels[i] = Some(Label::new(Kind::Person, Strength::Local));
            return true;
        }
    }
    false
}
