//! The words the anonymiser kept but is unsure of: what the preview asks the parent about
//! and what the moderators' outline marks, in one ranking.

use crate::gazetteer::FastMap;
use crate::placeholders;
use crate::rules::lexical;
use crate::tokens::{tokenise, Case};

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
