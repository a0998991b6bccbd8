ALTER TABLE stories DROP COLUMN invented_names;
