// The tables as diesel sees them; keep in step with migrations/ (a test checks the columns).

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
        situation -> Text,
        province -> Text,
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
