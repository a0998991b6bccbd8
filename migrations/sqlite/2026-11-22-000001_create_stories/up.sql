-- A story as it is kept: anonymised texts, banded answers, day-precision date, nothing else.
-- No address, user agent, cookie or time of day is ever stored: there is no column for it.
CREATE TABLE stories (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    -- random, for links and the public API; never the sequential id
    public_id TEXT NOT NULL UNIQUE,
    lang TEXT NOT NULL CHECK (lang IN ('nl', 'en')),
    status TEXT NOT NULL CHECK (status IN ('pending', 'approved')),
    consent TEXT NOT NULL CHECK (consent IN ('publish', 'count_only')),
    submitted_on DATE NOT NULL,
    -- SHA-256 of the parent's withdrawal code; the code itself is shown once and never kept
    withdrawal_hash TEXT NOT NULL UNIQUE,
    story_text TEXT NOT NULL,
    change_text TEXT,
    child_words TEXT,
    -- JSON counts of what the anonymiser removed, per kind; no content
    removal_summary TEXT NOT NULL,
    writer TEXT NOT NULL,
    age_band TEXT NOT NULL,
    school_type TEXT NOT NULL,
    time_at_home TEXT NOT NULL,
    situation TEXT NOT NULL,
    province TEXT NOT NULL
);

-- Answers to the questions that allow several choices (what played a part, what helped).
CREATE TABLE story_choices (
    story_id INTEGER NOT NULL REFERENCES stories (id) ON DELETE CASCADE,
    question TEXT NOT NULL,
    choice TEXT NOT NULL,
    PRIMARY KEY (story_id, question, choice)
);

CREATE INDEX stories_status ON stories (status, id);
