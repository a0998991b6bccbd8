DROP TABLE closed_stories;
