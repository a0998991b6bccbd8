// Every table as diesel sees it, in one place; keep in step with migrations/ (a test
// checks the columns). Times in the moderation and mail tables are unix seconds.

diesel::table! {
    stories (id) {
        id -> BigInt,
        public_id -> Text,
        lang -> Text,
        status -> Text,
        consent -> Text,
        submitted_on -> Date,
        withdrawal_hash -> Text,
        story_text -> Text,
        change_text -> Nullable<Text>,
        child_words -> Nullable<Text>,
        removal_summary -> Text,
        writer -> Text,
        age_band -> Text,
        school_type -> Text,
        time_at_home -> Text,
        province -> Text,
        title -> Nullable<Text>,
        published_month -> Nullable<Text>,
        invented_names -> Bool,
        claimed_by -> Nullable<BigInt>,
        claimed_until -> Nullable<BigInt>,
        published_seq -> Nullable<BigInt>,
        taken_down_reason -> Nullable<Text>,
    }
}

diesel::table! {
    story_choices (story_id, question, choice) {
        story_id -> BigInt,
        question -> Text,
        choice -> Text,
    }
}

diesel::joinable!(story_choices -> stories (story_id));
diesel::allow_tables_to_appear_in_same_query!(stories, story_choices);

diesel::table! {
    /// Withdrawn and rejected stories' public ids, until their form can no longer be sent.
    closed_stories (public_id) {
        public_id -> Text,
        forget_on -> Date,
    }
}

diesel::table! {
    moderators (id) {
        id -> BigInt,
        email -> Text,
        role -> Text,
        password_hash -> Nullable<Text>,
        totp_secret -> Nullable<Text>,
        disabled -> Bool,
        created_at -> BigInt,
        totp_last_step -> Nullable<BigInt>,
        totp_pending_secret -> Nullable<Text>,
    }
}

diesel::table! {
    attempt_counts (key) {
        key -> Text,
        count -> BigInt,
        last_at -> BigInt,
    }
}

diesel::table! {
    account_links (token_hash) {
        token_hash -> Text,
        moderator_id -> BigInt,
        purpose -> Text,
        expires_at -> BigInt,
    }
}

diesel::table! {
    sessions (token_hash) {
        token_hash -> Text,
        moderator_id -> BigInt,
        csrf_token -> Text,
        created_at -> BigInt,
        last_seen_at -> BigInt,
    }
}

diesel::table! {
    themes (id) {
        id -> BigInt,
        slug -> Text,
        label_nl -> Text,
        label_en -> Text,
        active -> Bool,
    }
}

diesel::table! {
    story_themes (story_id, theme_id) {
        story_id -> BigInt,
        theme_id -> BigInt,
    }
}

diesel::table! {
    story_approvals (story_id, moderator_id) {
        story_id -> BigInt,
        moderator_id -> BigInt,
    }
}

diesel::table! {
    audit_log (id) {
        id -> BigInt,
        at -> BigInt,
        actor -> Text,
        action -> Text,
        story_ref -> Nullable<Text>,
        detail -> Nullable<Text>,
    }
}

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

diesel::table! {
    stats_batches (period) {
        period -> Text,
        computed_on -> Date,
        body -> Text,
    }
}

diesel::joinable!(sessions -> moderators (moderator_id));
diesel::joinable!(account_links -> moderators (moderator_id));
diesel::joinable!(story_themes -> themes (theme_id));
diesel::joinable!(story_themes -> stories (story_id));
diesel::joinable!(story_approvals -> stories (story_id));
diesel::allow_tables_to_appear_in_same_query!(
    attempt_counts,
    moderators,
    account_links,
    sessions,
    themes,
    story_themes,
    story_approvals,
    stories,
    audit_log,
    mail_outbox,
    mail_state,
    stats_batches
);
