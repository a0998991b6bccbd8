//! The kinds of identifying detail (those of the annotation guide) and the content-free
//! summary of what was removed from a story.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::lang::Lang;

/// A kind of identifying detail.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Kind {
    Person,
    Place,
    Address,
    Postcode,
    Organisation,
    Phone,
    Email,
    Url,
    Handle,
    Bsn,
    Iban,
    Date,
    Plate,
    IdNumber,
}

impl Kind {
    pub const ALL: [Kind; 14] = [
        Kind::Person,
        Kind::Place,
        Kind::Address,
        Kind::Postcode,
        Kind::Organisation,
        Kind::Phone,
        Kind::Email,
        Kind::Url,
        Kind::Handle,
        Kind::Bsn,
        Kind::Iban,
        Kind::Date,
        Kind::Plate,
        Kind::IdNumber,
    ];

    /// A stable snake_case key, used for i18n keys such as `removed.person`.
    pub fn key(self) -> &'static str {
        match self {
            Kind::Person => "person",
            Kind::Place => "place",
            Kind::Address => "address",
            Kind::Postcode => "postcode",
            Kind::Organisation => "organisation",
            Kind::Phone => "phone",
            Kind::Email => "email",
            Kind::Url => "url",
            Kind::Handle => "handle",
            Kind::Bsn => "bsn",
            Kind::Iban => "iban",
            Kind::Date => "date",
            Kind::Plate => "plate",
            Kind::IdNumber => "id_number",
        }
    }
}

/// The placeholder word for a kind; persons are numbered separately, schools have their
/// own word because "[school]" reads better than "[organisatie]" in these stories.
pub(super) fn placeholder_word(kind: Kind, school: bool, lang: Lang) -> &'static str {
    match (lang, kind) {
        (Lang::Nl, Kind::Person) => "naam",
        (Lang::En, Kind::Person) => "name",
        (Lang::Nl, Kind::Place) => "plaats",
        (Lang::En, Kind::Place) => "place",
        (Lang::Nl, Kind::Address) => "adres",
        (Lang::En, Kind::Address) => "address",
        (_, Kind::Postcode) => "postcode",
        (_, Kind::Organisation) if school => "school",
        (Lang::Nl, Kind::Organisation) => "organisatie",
        (Lang::En, Kind::Organisation) => "organisation",
        (Lang::Nl, Kind::Phone) => "telefoonnummer",
        (Lang::En, Kind::Phone) => "phone number",
        (Lang::Nl, Kind::Email) => "e-mailadres",
        (Lang::En, Kind::Email) => "email address",
        (_, Kind::Url) => "website",
        (Lang::Nl, Kind::Handle) => "account",
        (Lang::En, Kind::Handle) => "handle",
        (_, Kind::Bsn) => "BSN",
        (Lang::Nl, Kind::Iban) => "rekeningnummer",
        (Lang::En, Kind::Iban) => "bank account",
        (Lang::Nl, Kind::Date) => "datum",
        (Lang::En, Kind::Date) => "date",
        (Lang::Nl, Kind::Plate) => "kenteken",
        (Lang::En, Kind::Plate) => "licence plate",
        (Lang::Nl, Kind::IdNumber) => "nummer",
        (Lang::En, Kind::IdNumber) => "number",
    }
}

/// What was removed, without content: counts per kind. Stored as JSON.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Summary {
    /// A map rather than an array so that stored summaries survive new kinds.
    counts: BTreeMap<Kind, u32>,
}

impl Summary {
    pub fn total(&self) -> u32 {
        self.counts.values().fold(0u32, |a, &b| a.saturating_add(b))
    }

    /// Kinds with a count above zero, in the order of [`Kind::ALL`] (the derived `Ord`).
    pub fn counts(&self) -> impl Iterator<Item = (Kind, u32)> + '_ {
        self.counts
            .iter()
            .map(|(&k, &n)| (k, n))
            .filter(|&(_, n)| n > 0)
    }

    /// Adds another summary's counts (a moderator's edit removed more).
    pub fn merge(&mut self, other: &Summary) {
        for (&kind, &n) in &other.counts {
            let slot = self.counts.entry(kind).or_insert(0);
            *slot = slot.saturating_add(n);
        }
    }

    pub(super) fn add(&mut self, kind: Kind) {
        let slot = self.counts.entry(kind).or_insert(0);
        *slot = slot.saturating_add(1);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn summary_counts_in_stable_order_and_round_trips_as_json() {
        let mut s = Summary::default();
        s.add(Kind::Phone);
        s.add(Kind::Person);
        s.add(Kind::Person);
        assert_eq!(s.total(), 3);
        let counts: Vec<_> = s.counts().collect();
        assert_eq!(counts, vec![(Kind::Person, 2), (Kind::Phone, 1)]);
        let json = serde_json::to_string(&s).unwrap();
        let back: Summary = serde_json::from_str(&json).unwrap();
        assert_eq!(back, s);
    }

    #[test]
    fn keys_are_distinct_snake_case() {
        let keys: std::collections::HashSet<_> = Kind::ALL.iter().map(|k| k.key()).collect();
        assert_eq!(keys.len(), Kind::ALL.len());
        assert!(keys
            .iter()
            .all(|k| k.chars().all(|c| c.is_ascii_lowercase() || c == '_')));
    }
}
