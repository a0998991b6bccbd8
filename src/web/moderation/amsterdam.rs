//! Times as moderators read them: Europe/Amsterdam, summer time included. The European
//! Union's rule (since 1996: summer time from the last Sunday of March to the last Sunday
//! of October, both at 01:00 UTC) is all the Netherlands uses, so it is written out here
//! rather than pulling in a time-zone database.

use chrono::{DateTime, Datelike, Duration, NaiveDate, NaiveDateTime, TimeZone, Utc, Weekday};

/// 01:00 UTC on the last Sunday of `month` in `year`.
fn last_sunday_at_one(year: i32, month: u32) -> Option<DateTime<Utc>> {
    let first_of_next = if month == 12 {
        NaiveDate::from_ymd_opt(year + 1, 1, 1)?
    } else {
        NaiveDate::from_ymd_opt(year, month + 1, 1)?
    };
    let mut day = first_of_next.pred_opt()?;
    while day.weekday() != Weekday::Sun {
        day = day.pred_opt()?;
    }
    Some(Utc.from_utc_datetime(&day.and_hms_opt(1, 0, 0)?))
}

/// The wall-clock time in Amsterdam at unix time `at`.
pub fn local(at: i64) -> Option<NaiveDateTime> {
    let utc = DateTime::from_timestamp(at, 0)?;
    let year = utc.year();
    let summer = match (last_sunday_at_one(year, 3), last_sunday_at_one(year, 10)) {
        (Some(start), Some(end)) => utc >= start && utc < end,
        _ => false,
    };
    let offset = if summer { 2 } else { 1 };
    Some(utc.naive_utc() + Duration::hours(offset))
}

/// "2026-12-01 21:05", Amsterdam time.
pub fn date_time(at: i64) -> String {
    local(at)
        .map(|t| t.format("%Y-%m-%d %H:%M").to_string())
        .unwrap_or_default()
}

/// "21:05", Amsterdam time.
pub fn time_of_day(at: i64) -> String {
    local(at)
        .map(|t| t.format("%H:%M").to_string())
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(text: &str) -> i64 {
        DateTime::parse_from_rfc3339(text).unwrap().timestamp()
    }

    #[test]
    fn winter_is_one_hour_ahead_and_summer_two_switching_at_one_utc() {
        assert_eq!(date_time(at("2026-12-01T20:05:00Z")), "2026-12-01 21:05");
        assert_eq!(date_time(at("2026-07-01T20:05:00Z")), "2026-07-01 22:05");
        // 2026: summer time from Sunday 29 March to Sunday 25 October, 01:00 UTC.
        assert_eq!(date_time(at("2026-03-29T00:59:00Z")), "2026-03-29 01:59");
        assert_eq!(date_time(at("2026-03-29T01:00:00Z")), "2026-03-29 03:00");
        assert_eq!(date_time(at("2026-10-25T00:59:00Z")), "2026-10-25 02:59");
        assert_eq!(date_time(at("2026-10-25T01:00:00Z")), "2026-10-25 02:00");
        assert_eq!(time_of_day(at("2027-01-01T23:30:00Z")), "00:30");
    }
}
