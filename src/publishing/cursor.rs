//! Opaque keyset cursors: where the previous page ended, not an offset, so a client
//! paging through while stories are approved sees every story at most once, and every
//! story that stays published exactly once.
//!
//! A cursor is the publication key and the public id of the last story on the page: 8
//! lower-case hex digits for the month of publication (year × 12 + month − 1), then the
//! 24-character public id. Both are shown with the story anyway, and neither says anything
//! about when a story was sent or how many came before it (the row id, which counts
//! submissions, is never part of it). Stories of one month are ordered by their random
//! public id, so ties in the month are broken by a unique key and no page repeats or skips
//! a story. Every string of that shape decodes, so the API's documented pattern describes
//! exactly the cursors it accepts; anything else is a 400.

/// Length of a public id: 15 random bytes in lower-case base32.
pub const PUBLIC_ID_CHARS: usize = 24;

const MONTH_CHARS: usize = 8;

/// The position after which the next page starts.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Cursor {
    month: u32,
    /// A public id (`[a-z2-7]{24}`); byte order is the order of the ids as strings.
    public_id: [u8; PUBLIC_ID_CHARS],
}

/// The pattern of a valid cursor, for the OpenAPI document.
pub const CURSOR_PATTERN: &str = "^[0-9a-f]{8}[a-z2-7]{24}$";

fn is_public_id_char(byte: u8) -> bool {
    byte.is_ascii_lowercase() || (b'2'..=b'7').contains(&byte)
}

impl Cursor {
    /// The position of the story `public_id` published in `month` (`YYYY-MM`). An id not
    /// of the public-id shape (kanarie makes none) sorts as if it were all `a`s.
    pub fn new(month: &str, public_id: &str) -> Cursor {
        let mut parts = month.split('-');
        let year: u32 = parts.next().and_then(|y| y.parse().ok()).unwrap_or(0);
        let month_of_year: u32 = parts.next().and_then(|m| m.parse().ok()).unwrap_or(1);
        let mut id = [b'a'; PUBLIC_ID_CHARS];
        if public_id.len() == PUBLIC_ID_CHARS && public_id.bytes().all(is_public_id_char) {
            id.copy_from_slice(public_id.as_bytes());
        }
        Cursor {
            month: year
                .saturating_mul(12)
                .saturating_add(month_of_year.saturating_sub(1)),
            public_id: id,
        }
    }

    pub fn encode(&self) -> String {
        let mut text = data_encoding::HEXLOWER.encode(&self.month.to_be_bytes());
        // Only public-id characters are ever stored in the array, all ASCII.
        text.extend(self.public_id.iter().map(|&b| char::from(b)));
        text
    }

    /// `None` for anything not of the cursor's shape.
    pub fn decode(text: &str) -> Option<Cursor> {
        let bytes = text.as_bytes();
        if bytes.len() != MONTH_CHARS + PUBLIC_ID_CHARS {
            return None;
        }
        let (month, id) = bytes.split_at(MONTH_CHARS);
        if !month
            .iter()
            .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(b))
            || !id.iter().copied().all(is_public_id_char)
        {
            return None;
        }
        let month = data_encoding::HEXLOWER.decode(month).ok()?;
        Some(Cursor {
            month: u32::from_be_bytes(month.try_into().ok()?),
            public_id: id.try_into().ok()?,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::Cursor;
    use proptest::prelude::*;

    const ID: &str = "abcdefghijklmnopqrstuvwx";

    #[test]
    fn cursors_round_trip_order_by_month_then_public_id_and_reject_other_shapes() {
        let cursor = Cursor::new("2026-11", ID);
        assert_eq!(cursor.encode(), format!("{:08x}{ID}", 2026 * 12 + 10));
        assert_eq!(Cursor::decode(&cursor.encode()), Some(cursor));
        let z = "zzzzzzzzzzzzzzzzzzzzzzzz";
        let two = "222222222222222222222222";
        assert!(Cursor::new("2026-12", two) > Cursor::new("2026-11", z));
        assert!(Cursor::new("2027-01", two) > Cursor::new("2026-12", z));
        assert!(Cursor::new("2026-11", z) > cursor);
        assert!(
            cursor > Cursor::new("2026-11", two),
            "as the ids compare as text"
        );
        for bad in [
            "",
            "w",
            "000097f2abcdefghijklmnopqrstuvw",
            "000097f2abcdefghijklmnopqrstuvwxy",
            "000097F2abcdefghijklmnopqrstuvwx",
            "000097f2abcdefghijklmnopqrstuvw1",
            "000097f2ABCDEFGHIJKLMNOPQRSTUVWX",
            "00000000000000000000000000000000",
            "000097f2abcdefghijklmnopqrstuvw\u{e9}",
        ] {
            assert_eq!(Cursor::decode(bad), None, "{bad}");
        }
    }

    proptest! {
        #[test]
        fn every_string_of_the_documented_shape_decodes_and_encodes_back(text in "[0-9a-f]{8}[a-z2-7]{24}") {
            let cursor = Cursor::decode(&text);
            prop_assert!(cursor.is_some());
            prop_assert_eq!(cursor.map(|c| c.encode()), Some(text));
        }

        #[test]
        fn decoding_anything_never_panics(text in ".{0,80}") {
            let _ = Cursor::decode(&text);
        }
    }
}
