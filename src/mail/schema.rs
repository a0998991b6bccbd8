// The mail tables as diesel sees them; keep in step with
// migrations/*/2026-11-22-000003_create_mail_outbox. Times are unix seconds.

diesel::table! {
    mail_outbox (id) {
        id -> BigInt,
        recipient -> Text,
        subject -> Text,
        body -> Text,
        kind -> Text,
        attempts -> Integer,
        next_attempt_at -> BigInt,
        claimed_until -> Nullable<BigInt>,
        last_error -> Nullable<Text>,
        created_at -> BigInt,
    }
}

diesel::table! {
    mail_state (key) {
        key -> Text,
        value -> BigInt,
    }
}
