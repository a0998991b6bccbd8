//! Invented first names for "[naam 1]", "[naam 2]"... when a moderator chose them for a
//! story. The real names were never stored, so these come from a fixed list: names given
//! to girls and boys alike (the story's "hij" or "zij" must still fit), common in the
//! Netherlands and easy to read in English.
//!
//! Each story starts at its own place in the list (derived from its public id), and
//! person N gets the N-th name from there, so one person keeps one name everywhere in the
//! story and no two persons in a story share a name. Beyond the list's length the
//! placeholder stays.

use sha2::{Digest, Sha256};

/// The names, all different.
pub const NAMES: [&str; 24] = [
    "Sam", "Robin", "Kim", "Noa", "Lou", "Jip", "Bo", "Alex", "Charlie", "Mika", "Jesse", "Luca",
    "Kai", "Quinn", "Sasha", "Eden", "Dani", "Jamie", "Jordan", "Nikki", "Puck", "Rowan", "Sky",
    "Kris",
];

/// The names of one story's persons.
pub struct Names {
    start: usize,
}

impl Names {
    pub fn for_story(public_id: &str) -> Names {
        let digest = Sha256::digest(public_id.as_bytes());
        Names {
            start: usize::from(digest[0]) % NAMES.len(),
        }
    }

    /// The name of person `number` (1-based); `None` past the list.
    pub fn name(&self, number: u32) -> Option<&'static str> {
        let index = usize::try_from(number).ok()?.checked_sub(1)?;
        if index >= NAMES.len() {
            return None;
        }
        NAMES.get((self.start + index) % NAMES.len()).copied()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_person_in_a_story_gets_a_different_name_up_to_the_list_length() {
        let unique: std::collections::HashSet<&str> = NAMES.iter().copied().collect();
        assert_eq!(unique.len(), NAMES.len(), "the list has no repeats");
        for id in ["a", "abcdefghijklmnopqrstuvwx", "zzzz"] {
            let names = Names::for_story(id);
            let given: std::collections::HashSet<&str> = (1..=NAMES.len() as u32)
                .map(|n| names.name(n).unwrap())
                .collect();
            assert_eq!(given.len(), NAMES.len());
            assert_eq!(names.name(0), None);
            assert_eq!(names.name(NAMES.len() as u32 + 1), None);
            assert_eq!(names.name(1), Names::for_story(id).name(1), "stable");
        }
    }
}
