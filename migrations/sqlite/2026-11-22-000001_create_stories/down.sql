DROP TABLE story_choices;
DROP TABLE stories;
