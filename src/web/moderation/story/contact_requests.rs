//! Sentences that ask readers to get in touch next to a removed phone number, address or
//! e-mail address ("bel me gerust [telefoonnummer]"). The anonymiser removed the number,
//! but the invitation stays and reads oddly, and a reader who answers it is looking for
//! the parent: moderators are asked to remove the sentence.

/// The placeholders of contact details, as the anonymiser writes them in either language.
const CONTACT_PLACEHOLDERS: &[&str] = &[
    "[telefoonnummer",
    "[e-mailadres",
    "[adres",
    "[phone number",
    "[email address",
    "[address",
];

/// Words that turn a sentence into a request to the reader (lowercase, matched as words
/// or, with a space inside, as phrases).
const REQUEST_CUES: &[&str] = &[
    "me",
    "mij",
    "ons",
    "gerust",
    "contact",
    "bereikbaar",
    "reageer",
    "reageren",
    "bellen",
    "mailen",
    "appen",
    "us",
    "reach",
    "touch",
    "feel free",
];

/// The sentences of `text` that hold a contact placeholder and ask the reader for contact.
pub fn contact_requests(text: &str) -> Vec<String> {
    sentences(text)
        .filter(|sentence| {
            let lower = sentence.to_lowercase();
            CONTACT_PLACEHOLDERS.iter().any(|p| lower.contains(p)) && {
                let words: Vec<&str> = lower
                    .split(|c: char| !c.is_alphanumeric() && c != '-')
                    .filter(|w| !w.is_empty())
                    .collect();
                let spaced = format!(" {} ", words.join(" "));
                REQUEST_CUES
                    .iter()
                    .any(|cue| spaced.contains(&format!(" {cue} ")))
            }
        })
        .map(str::to_owned)
        .collect()
}

/// Sentences, cut after ".", "!" or "?" followed by a space, and at line ends.
fn sentences(text: &str) -> impl Iterator<Item = &str> {
    let mut pieces = Vec::new();
    for line in text.lines() {
        let mut start = 0;
        let chars: Vec<(usize, char)> = line.char_indices().collect();
        for (i, (at, c)) in chars.iter().enumerate() {
            let followed_by_space = chars.get(i + 1).is_none_or(|(_, n)| n.is_whitespace());
            if matches!(c, '.' | '!' | '?') && followed_by_space {
                pieces.push(&line[start..at + c.len_utf8()]);
                start = at + c.len_utf8();
            }
        }
        pieces.push(&line[start..]);
    }
    pieces.into_iter().map(str::trim).filter(|s| !s.is_empty())
}

#[cfg(test)]
mod tests {
    use super::contact_requests;

    #[test]
    fn requests_for_contact_next_to_a_removed_detail_are_found() {
        let text = "Wij zijn moe. Bel me gerust op [telefoonnummer]! \
                    De school belde naar [telefoonnummer] van de GGD.\n\
                    Mail ons via [e-mailadres] als je hetzelfde meemaakt.";
        assert_eq!(
            contact_requests(text),
            vec![
                "Bel me gerust op [telefoonnummer]!",
                "Mail ons via [e-mailadres] als je hetzelfde meemaakt."
            ]
        );
        assert_eq!(
            contact_requests("Feel free to call [phone number]. We moved to [address]."),
            vec!["Feel free to call [phone number]."]
        );
        assert!(contact_requests("Bel me gerust, dat helpt.").is_empty());
    }
}
