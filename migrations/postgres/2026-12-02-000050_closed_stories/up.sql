-- Stories withdrawn by the parent or rejected are deleted, but the form that sent them
-- stays valid for two days: a Reload of the thank-you page would store the story again.
-- Their public id (random, derived from the form's nonce; no text, no answer) is kept until
-- the form can no longer be sent, so a resubmission is answered "withdrawn" instead.
CREATE TABLE closed_stories (
    public_id TEXT PRIMARY KEY NOT NULL,
    forget_on DATE NOT NULL
);
