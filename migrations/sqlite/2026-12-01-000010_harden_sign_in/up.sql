-- The last two-step time step accepted per account, so a code (or an earlier one) works
-- once; and the secret being set up, kept here rather than in the browser's form.
ALTER TABLE moderators ADD COLUMN totp_last_step BIGINT;
ALTER TABLE moderators ADD COLUMN totp_pending_secret TEXT;

-- Attempts counted per key across instances (sign-ins per account and per address, reset
-- requests per account). A key is a keyed hash, never an address or what was typed; rows
-- are removed once their window has passed.
CREATE TABLE attempt_counts (
    key TEXT PRIMARY KEY,
    count BIGINT NOT NULL,
    last_at BIGINT NOT NULL
);
