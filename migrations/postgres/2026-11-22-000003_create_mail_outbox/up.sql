-- Mail waiting to be sent. A request only adds a row (in its own transaction); a background
-- worker sends it and deletes the row, so no mail content is kept after delivery.
-- Times are unix seconds. last_error holds the SMTP error only, never the body.
CREATE TABLE mail_outbox (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    recipient TEXT NOT NULL,
    subject TEXT NOT NULL,
    body TEXT NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('invitation', 'password_reset', 'review_notice')),
    attempts INTEGER NOT NULL DEFAULT 0,
    next_attempt_at BIGINT NOT NULL,
    -- set while one instance is sending the row, so no other instance sends it too
    claimed_until BIGINT,
    last_error TEXT,
    created_at BIGINT NOT NULL
);

CREATE INDEX mail_outbox_due ON mail_outbox (next_attempt_at, id);

-- Small shared values, such as when the last review notice was queued (across instances).
CREATE TABLE mail_state (
    key TEXT PRIMARY KEY,
    value BIGINT NOT NULL
);

INSERT INTO mail_state (key, value) VALUES ('review_notice_queued_at', 0);
