-- Moderation v2. A claim: the moderator reviewing a pending story and until when (unix
-- seconds), so two volunteers do not work on the same story. The publication sequence: a
-- number that grows with every approval, for "newest first" on the moderators' list of
-- published stories and so every instance's catalogue notices a story taken down and
-- approved again; it is never shown outside moderation. Why a story was taken down (a
-- code from a fixed list), so the queue can say it came back for correction.
ALTER TABLE stories ADD COLUMN claimed_by BIGINT;
ALTER TABLE stories ADD COLUMN claimed_until BIGINT;
ALTER TABLE stories ADD COLUMN published_seq BIGINT;
ALTER TABLE stories ADD COLUMN taken_down_reason TEXT;
-- Stories approved before this migration keep their order among themselves.
UPDATE stories SET published_seq = id WHERE status = 'approved';
