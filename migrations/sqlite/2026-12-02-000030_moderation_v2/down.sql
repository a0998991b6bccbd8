ALTER TABLE stories DROP COLUMN taken_down_reason;
ALTER TABLE stories DROP COLUMN published_seq;
ALTER TABLE stories DROP COLUMN claimed_until;
ALTER TABLE stories DROP COLUMN claimed_by;
