-- Questionnaire v2: stored stories keep their answers. An old option becomes a new one
-- only where the two mean exactly the same; everything else becomes 'old_form' (asked in
-- the first questionnaire, not comparable), never a guess. Questions the first form did
-- not ask are 'old_form' for every earlier story. The mapping is listed in the README.

-- Age: 8-11 and 12-15 lie inside today's bands; 4-7 and 16-18 each straddle two.
UPDATE stories SET age_band = CASE age_band
    WHEN '8_11' THEN '5_11'
    WHEN '12_15' THEN '12_15'
    WHEN 'unsaid' THEN 'unsaid'
    ELSE 'old_form' END;

-- Time at home: under 3 months and 3-12 months each straddle today's bands.
UPDATE stories SET time_at_home = CASE time_at_home
    WHEN '1_2_years' THEN '1_2_years'
    WHEN 'over_2_years' THEN 'over_2_years'
    WHEN 'unsaid' THEN 'unsaid'
    ELSE 'old_form' END;

-- The situation allows several answers now, so it moves beside the other several-answer
-- questions. "Thuisonderwijs met vrijstelling" mixed home education and an exemption
-- without education; "op een wachtlijst" did not say for what.
INSERT INTO story_choices (story_id, question, choice)
SELECT id, 'situation', CASE situation
    WHEN 'home_without_education' THEN 'home_without_education'
    WHEN 'partly_school' THEN 'partly_school'
    WHEN 'other_school' THEN 'other_school'
    WHEN 'care_or_day_programme' THEN 'care_or_day_programme'
    WHEN 'other' THEN 'other'
    WHEN 'unsaid' THEN 'unsaid'
    ELSE 'old_form' END
FROM stories;
ALTER TABLE stories DROP COLUMN situation;

-- What helped: "Thuisonderwijs" could mean lessons at home or the legal 5b route.
-- Every other earlier option keeps its meaning (and its code).
INSERT OR IGNORE INTO story_choices (story_id, question, choice)
SELECT DISTINCT story_id, 'helped', 'old_form' FROM story_choices
WHERE question = 'helped' AND choice NOT IN ('calm_start', 'contact_person',
    'adjusted_timetable', 'care_support', 'peer_contact', 'nothing_yet', 'other', 'unsaid');
DELETE FROM story_choices
WHERE question = 'helped' AND choice NOT IN ('calm_start', 'contact_person',
    'adjusted_timetable', 'care_support', 'peer_contact', 'nothing_yet', 'other', 'unsaid',
    'old_form');

-- What played a part: every earlier option keeps its meaning; anything unknown is old.
INSERT OR IGNORE INTO story_choices (story_id, question, choice)
SELECT DISTINCT story_id, 'reasons', 'old_form' FROM story_choices
WHERE question = 'reasons' AND choice NOT IN ('overstimulation', 'not_seen', 'bullying',
    'pressure', 'unsafe', 'care_waiting_list', 'no_suitable_place', 'illness', 'other',
    'unsaid');
DELETE FROM story_choices
WHERE question = 'reasons' AND choice NOT IN ('overstimulation', 'not_seen', 'bullying',
    'pressure', 'unsafe', 'care_waiting_list', 'no_suitable_place', 'illness', 'other',
    'unsaid', 'old_form');

-- The new questions were not asked.
INSERT INTO story_choices (story_id, question, choice)
SELECT id, 'registration', 'old_form' FROM stories;
INSERT INTO story_choices (story_id, question, choice)
SELECT id, 'started', 'old_form' FROM stories;
INSERT INTO story_choices (story_id, question, choice)
SELECT id, 'education_hours', 'old_form' FROM stories;
INSERT INTO story_choices (story_id, question, choice)
SELECT id, 'measures', 'old_form' FROM stories;
