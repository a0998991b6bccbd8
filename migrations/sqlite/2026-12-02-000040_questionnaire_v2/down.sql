-- Back to the first questionnaire's columns, for the up-down-up test. Lossy by nature:
-- answers the first form could not hold become 'unsaid'.
ALTER TABLE stories ADD COLUMN situation TEXT NOT NULL DEFAULT 'unsaid';
UPDATE stories SET situation = COALESCE((
    SELECT MIN(c.choice) FROM story_choices c
    WHERE c.story_id = stories.id AND c.question = 'situation'
      AND c.choice IN ('home_without_education', 'partly_school', 'other_school',
          'care_or_day_programme', 'other')), 'unsaid');
DELETE FROM story_choices
WHERE question IN ('situation', 'registration', 'started', 'education_hours', 'measures')
   OR choice = 'old_form'
   OR (question = 'helped' AND choice NOT IN ('calm_start', 'contact_person',
       'adjusted_timetable', 'care_support', 'peer_contact', 'nothing_yet', 'other', 'unsaid'))
   OR (question = 'reasons' AND choice NOT IN ('overstimulation', 'not_seen', 'bullying',
       'pressure', 'unsafe', 'care_waiting_list', 'no_suitable_place', 'illness', 'other',
       'unsaid'));
UPDATE stories SET age_band = CASE age_band
    WHEN '12_15' THEN '12_15' ELSE 'unsaid' END;
UPDATE stories SET time_at_home = CASE time_at_home
    WHEN '1_2_years' THEN '1_2_years' WHEN 'over_2_years' THEN 'over_2_years' ELSE 'unsaid' END;
