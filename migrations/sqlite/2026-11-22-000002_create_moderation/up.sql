-- Moderators, their sign-in links and sessions, the review's themes and approvals, and the
-- append-only audit trail. Times are unix seconds (BIGINT) on both backends.
CREATE TABLE moderators (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    email TEXT NOT NULL UNIQUE,
    role TEXT NOT NULL CHECK (role IN ('admin', 'moderator')),
    -- argon2id PHC string; NULL until the invitation link has been used
    password_hash TEXT,
    -- base32 TOTP secret; NULL when two-step sign-in is not set up
    totp_secret TEXT,
    disabled BOOLEAN NOT NULL DEFAULT FALSE,
    created_at BIGINT NOT NULL
);

-- Single-use, expiring links for invitations and password resets; only their hash is kept.
CREATE TABLE account_links (
    token_hash TEXT PRIMARY KEY,
    moderator_id INTEGER NOT NULL REFERENCES moderators (id) ON DELETE CASCADE,
    purpose TEXT NOT NULL CHECK (purpose IN ('invite', 'reset')),
    expires_at BIGINT NOT NULL
);

-- Server-side sessions, so any instance can check a cookie; only the token's hash is kept.
CREATE TABLE sessions (
    token_hash TEXT PRIMARY KEY,
    moderator_id INTEGER NOT NULL REFERENCES moderators (id) ON DELETE CASCADE,
    csrf_token TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    last_seen_at BIGINT NOT NULL
);

CREATE TABLE themes (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    slug TEXT NOT NULL UNIQUE,
    label_nl TEXT NOT NULL,
    label_en TEXT NOT NULL,
    active BOOLEAN NOT NULL DEFAULT TRUE
);

CREATE TABLE story_themes (
    story_id INTEGER NOT NULL REFERENCES stories (id) ON DELETE CASCADE,
    theme_id INTEGER NOT NULL REFERENCES themes (id) ON DELETE CASCADE,
    PRIMARY KEY (story_id, theme_id)
);

-- Approvals so far, for the two-moderator rule; cleared when the text is edited.
CREATE TABLE story_approvals (
    story_id INTEGER NOT NULL REFERENCES stories (id) ON DELETE CASCADE,
    moderator_id INTEGER NOT NULL REFERENCES moderators (id) ON DELETE CASCADE,
    PRIMARY KEY (story_id, moderator_id)
);

ALTER TABLE stories ADD COLUMN title TEXT;
ALTER TABLE stories ADD COLUMN published_month TEXT;

-- Who did what, when; never story text. Rows are only ever added.
CREATE TABLE audit_log (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    at BIGINT NOT NULL,
    actor TEXT NOT NULL,
    action TEXT NOT NULL,
    story_ref TEXT,
    detail TEXT
);
CREATE INDEX audit_log_at ON audit_log (at);
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN SELECT RAISE(ABORT, 'the audit trail is append-only'); END;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN SELECT RAISE(ABORT, 'the audit trail is append-only'); END;

-- The questionnaire's reasons are the first themes.
INSERT INTO themes (slug, label_nl, label_en) VALUES
    ('overprikkeling', 'Overprikkeling', 'Overstimulation'),
    ('niet-gezien', 'Niet gezien worden', 'Not being seen'),
    ('pesten', 'Pesten', 'Bullying'),
    ('prestatiedruk', 'Druk om te presteren', 'Pressure to perform'),
    ('onveilig', 'Zich onveilig voelen', 'Feeling unsafe'),
    ('wachtlijst', 'Wachtlijst voor zorg', 'Waiting list for care'),
    ('geen-passend-aanbod', 'Geen passend aanbod', 'No suitable place'),
    ('ziekte', 'Ziekte', 'Illness');
