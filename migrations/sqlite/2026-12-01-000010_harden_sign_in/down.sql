DROP TABLE attempt_counts;
ALTER TABLE moderators DROP COLUMN totp_pending_secret;
ALTER TABLE moderators DROP COLUMN totp_last_step;
