DROP TABLE audit_log;
ALTER TABLE stories DROP COLUMN published_month;
ALTER TABLE stories DROP COLUMN title;
DROP TABLE story_approvals;
DROP TABLE story_themes;
DROP TABLE themes;
DROP TABLE sessions;
DROP TABLE account_links;
DROP TABLE moderators;
