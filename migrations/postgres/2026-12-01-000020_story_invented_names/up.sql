-- A moderator's choice, per story: kanarie's pages show invented first names (marked as
-- changed) instead of "[naam 1]". Only a display choice: the stored text keeps its
-- placeholders, and the real names were never stored.
ALTER TABLE stories ADD COLUMN invented_names BOOLEAN NOT NULL DEFAULT FALSE;
