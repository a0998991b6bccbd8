//! Opaque keyset cursors: where the previous page ended, not an offset, so a client
//! paging through while stories are approved sees every story exactly once.
//!
//! A cursor is 24 lower-case hex digits: a month index (year × 12 + month − 1) and the
//! story's internal order. Every string of that shape decodes, so the API's documented
//! pattern describes exactly the cursors it accepts; anything else is a 400.

/// The position after which the next page starts.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Cursor {
    month: u32,
    order: i64,
}

/// The pattern of a valid cursor, for the OpenAPI document.
pub const CURSOR_PATTERN: &str = "^[0-9a-f]{24}$";

impl Cursor {
    /// The position of a story published in `month` (`YYYY-MM`) with internal `order`.
    pub fn new(month: &str, order: i64) -> Cursor {
        let mut parts = month.split('-');
        let year: u32 = parts.next().and_then(|y| y.parse().ok()).unwrap_or(0);
        let month_of_year: u32 = parts.next().and_then(|m| m.parse().ok()).unwrap_or(1);
        Cursor {
            month: year
                .saturating_mul(12)
                .saturating_add(month_of_year.saturating_sub(1)),
            order,
        }
    }

    pub fn encode(&self) -> String {
        let mut bytes = [0u8; 12];
        bytes[..4].copy_from_slice(&self.month.to_be_bytes());
        bytes[4..].copy_from_slice(&self.order.to_be_bytes());
        data_encoding::HEXLOWER.encode(&bytes)
    }

    /// `None` for anything not of the cursor's shape.
    pub fn decode(text: &str) -> Option<Cursor> {
        if text.len() != 24
            || !text
                .bytes()
                .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
        {
            return None;
        }
        let bytes = data_encoding::HEXLOWER.decode(text.as_bytes()).ok()?;
        let month = u32::from_be_bytes(bytes[..4].try_into().ok()?);
        let order = i64::from_be_bytes(bytes[4..].try_into().ok()?);
        Some(Cursor { month, order })
    }
}

#[cfg(test)]
mod tests {
    use super::Cursor;
    use proptest::prelude::*;

    #[test]
    fn cursors_round_trip_order_by_month_then_order_and_reject_other_shapes() {
        let cursor = Cursor::new("2026-11", 42);
        assert_eq!(Cursor::decode(&cursor.encode()), Some(cursor));
        assert!(Cursor::new("2026-12", 1) > Cursor::new("2026-11", 999));
        assert!(Cursor::new("2027-01", 1) > Cursor::new("2026-12", 999));
        assert!(Cursor::new("2026-11", 43) > cursor);
        for bad in [
            "",
            "w",
            "MTo",
            "00000000000000000000000G",
            "0000000000000000000000000",
            "00000000000000000000000A",
        ] {
            assert_eq!(Cursor::decode(bad), None, "{bad}");
        }
    }

    proptest! {
        #[test]
        fn every_string_of_the_documented_shape_decodes(text in "[0-9a-f]{24}") {
            prop_assert!(Cursor::decode(&text).is_some());
        }

        #[test]
        fn decoding_anything_never_panics(text in ".{0,80}") {
            let _ = Cursor::decode(&text);
        }
    }
}
