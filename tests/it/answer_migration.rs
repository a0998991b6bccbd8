//! Questionnaire v2's answer migration: stories stored with the first questionnaire keep
//! their answers. Rows are written the way the first version wrote them, the migration
//! runs, and the counts per answer are compared with the mapping (exact where the old
//! option means the same, `old_form` otherwise, never a guess), on both backends.

use std::collections::BTreeMap;

use diesel::sql_types::{BigInt, Text};
use diesel::{QueryableByName, RunQueryDsl};
use kanarie::config::DatabaseTarget;
use kanarie::db::{connect_pool, run_migrations, run_migrations_before, DbConnection};

use crate::helpers::TestDatabase;

/// The migration under test: everything before it is the first questionnaire's schema.
const V2: &str = "2026-12-02-000040";

const OLD_AGE: [&str; 5] = ["4_7", "8_11", "12_15", "16_18", "unsaid"];
const OLD_TIME: [&str; 5] = [
    "under_3_months",
    "3_12_months",
    "1_2_years",
    "over_2_years",
    "unsaid",
];
const OLD_SITUATION: [&str; 8] = [
    "home_without_education",
    "home_education_exemption",
    "partly_school",
    "other_school",
    "care_or_day_programme",
    "waiting_list",
    "other",
    "unsaid",
];
const OLD_REASONS: [&str; 10] = [
    "overstimulation",
    "not_seen",
    "bullying",
    "pressure",
    "unsafe",
    "care_waiting_list",
    "no_suitable_place",
    "illness",
    "other",
    "unsaid",
];
const OLD_HELPED: [&str; 9] = [
    "calm_start",
    "contact_person",
    "adjusted_timetable",
    "home_education",
    "care_support",
    "peer_contact",
    "nothing_yet",
    "other",
    "unsaid",
];

/// The mapping, written out here on its own (not read from the migration), so a change
/// to either shows up as a difference.
fn mapped(question: &str, old: &str) -> String {
    // Unchanged questions keep every answer.
    if matches!(question, "writer" | "school_type" | "province") {
        return old.to_owned();
    }
    let exact: &[(&str, &str)] = match question {
        "age_band" => &[("8_11", "5_11"), ("12_15", "12_15"), ("unsaid", "unsaid")],
        "time_at_home" => &[
            ("1_2_years", "1_2_years"),
            ("over_2_years", "over_2_years"),
            ("unsaid", "unsaid"),
        ],
        "situation" => &[
            ("home_without_education", "home_without_education"),
            ("partly_school", "partly_school"),
            ("other_school", "other_school"),
            ("care_or_day_programme", "care_or_day_programme"),
            ("other", "other"),
            ("unsaid", "unsaid"),
        ],
        "reasons" => &[
            ("overstimulation", "overstimulation"),
            ("not_seen", "not_seen"),
            ("bullying", "bullying"),
            ("pressure", "pressure"),
            ("unsafe", "unsafe"),
            ("care_waiting_list", "care_waiting_list"),
            ("no_suitable_place", "no_suitable_place"),
            ("illness", "illness"),
            ("other", "other"),
            ("unsaid", "unsaid"),
        ],
        "helped" => &[
            ("calm_start", "calm_start"),
            ("contact_person", "contact_person"),
            ("adjusted_timetable", "adjusted_timetable"),
            ("care_support", "care_support"),
            ("peer_contact", "peer_contact"),
            ("nothing_yet", "nothing_yet"),
            ("other", "other"),
            ("unsaid", "unsaid"),
        ],
        _ => &[],
    };
    exact
        .iter()
        .find(|(from, _)| *from == old)
        .map_or("old_form", |(_, to)| *to)
        .to_owned()
}

#[derive(QueryableByName)]
struct Count {
    #[diesel(sql_type = Text)]
    question: String,
    #[diesel(sql_type = Text)]
    value: String,
    #[diesel(sql_type = BigInt)]
    stories: i64,
}

type Counts = BTreeMap<(String, String), i64>;

/// Stories per (question, value), from the columns and from `story_choices`.
fn counts(conn: &mut DbConnection, columns: &[&str]) -> Counts {
    let mut all = Counts::new();
    for column in columns {
        let rows: Vec<Count> = diesel::sql_query(format!(
            "SELECT '{column}' AS question, {column} AS value, COUNT(*) AS stories \
             FROM stories GROUP BY {column}"
        ))
        .load(conn)
        .unwrap();
        all.extend(rows.into_iter().map(|r| ((r.question, r.value), r.stories)));
    }
    let rows: Vec<Count> = diesel::sql_query(
        "SELECT question, choice AS value, COUNT(DISTINCT story_id) AS stories \
         FROM story_choices GROUP BY question, choice",
    )
    .load(conn)
    .unwrap();
    all.extend(rows.into_iter().map(|r| ((r.question, r.value), r.stories)));
    all
}

#[derive(QueryableByName)]
struct Number {
    #[diesel(sql_type = BigInt)]
    n: i64,
}

fn number(conn: &mut DbConnection, sql: &str) -> i64 {
    diesel::sql_query(sql).get_result::<Number>(conn).unwrap().n
}

/// Writes `stories` stories as the first questionnaire did, covering every old option.
fn store_old_stories(conn: &mut DbConnection, stories: usize) {
    for i in 0..stories {
        diesel::sql_query(format!(
            "INSERT INTO stories (public_id, lang, status, consent, submitted_on, \
             withdrawal_hash, story_text, removal_summary, writer, age_band, school_type, \
             time_at_home, situation, province) VALUES ('old-{i}', 'nl', '{status}', 'publish', \
             '2026-11-30', 'hash-{i}', 'Een verzonnen verhaal.', '{{}}', 'parent', '{age}', \
             'primary', '{time}', '{situation}', 'utrecht')",
            status = if i % 2 == 0 { "approved" } else { "pending" },
            age = OLD_AGE[i % OLD_AGE.len()],
            time = OLD_TIME[(i / 2) % OLD_TIME.len()],
            situation = OLD_SITUATION[i % OLD_SITUATION.len()],
        ))
        .execute(conn)
        .unwrap();
        let mut choices = vec![
            ("reasons", OLD_REASONS[i % OLD_REASONS.len()]),
            ("reasons", OLD_REASONS[(i + 3) % OLD_REASONS.len()]),
            ("helped", OLD_HELPED[i % OLD_HELPED.len()]),
        ];
        if i % 3 == 0 {
            choices.push(("helped", OLD_HELPED[(i + 4) % OLD_HELPED.len()]));
        }
        if i % 4 == 0 {
            choices.push(("helped", "home_education"));
        }
        choices.sort_unstable();
        choices.dedup();
        for (question, choice) in choices {
            diesel::sql_query(format!(
                "INSERT INTO story_choices (story_id, question, choice) \
                 SELECT id, '{question}', '{choice}' FROM stories WHERE public_id = 'old-{i}'"
            ))
            .execute(conn)
            .unwrap();
        }
    }
}

backend_test! {
    async fn stored_answers_are_migrated_exactly_or_marked_old_form(backend: Backend) {
        let database = TestDatabase::create(&backend);
        let target = DatabaseTarget::parse(&database.url()).unwrap();
        let pool = connect_pool(&target).unwrap();
        actix_web::rt::task::spawn_blocking(move || {
            let mut conn = pool.get().unwrap();
            assert!(run_migrations_before(&mut conn, V2).unwrap() >= 1);
            const STORIES: usize = 40;
            store_old_stories(&mut conn, STORIES);
            let before = counts(
                &mut conn,
                &["writer", "age_band", "school_type", "time_at_home", "province", "situation"],
            );

            // questionnaire v2, then closed_stories (which touches no answer)
            assert_eq!(run_migrations(&mut conn).unwrap(), 2, "questionnaire v2 and closed_stories were pending");

            // Every story is still there, and each question it was asked still has an answer.
            assert_eq!(number(&mut conn, "SELECT COUNT(*) AS n FROM stories"), STORIES as i64);
            let after = counts(
                &mut conn,
                &["writer", "age_band", "school_type", "time_at_home", "province"],
            );
            let mut expected = Counts::new();
            for ((question, old), stories) in &before {
                *expected
                    .entry((question.clone(), mapped(question, old)))
                    .or_default() += stories;
            }
            for question in ["registration", "started", "education_hours", "measures"] {
                expected.insert((question.into(), "old_form".into()), STORIES as i64);
            }
            assert_eq!(after, expected);

            // The first form's answers the mapping had to mark: each is there, as old_form.
            let old_form = |question: &str| {
                after.get(&(question.to_owned(), "old_form".to_owned())).copied().unwrap_or(0)
            };
            let old = |question: &str, values: &[&str]| -> i64 {
                values
                    .iter()
                    .map(|v| before.get(&(question.to_owned(), (*v).to_owned())).copied().unwrap_or(0))
                    .sum()
            };
            assert_eq!(old_form("age_band"), old("age_band", &["4_7", "16_18"]));
            assert_eq!(old_form("time_at_home"), old("time_at_home", &["under_3_months", "3_12_months"]));
            assert_eq!(
                old_form("situation"),
                old("situation", &["home_education_exemption", "waiting_list"])
            );
            assert_eq!(old_form("helped"), old("helped", &["home_education"]));
            assert!(old_form("helped") > 0 && old_form("age_band") > 0);

            // Every story has exactly one answer to each one-answer question kept in rows.
            for question in ["situation", "registration", "started", "education_hours", "measures"] {
                let answered = number(
                    &mut conn,
                    &format!(
                        "SELECT COUNT(DISTINCT story_id) AS n FROM story_choices \
                         WHERE question = '{question}'"
                    ),
                );
                assert_eq!(answered, STORIES as i64, "{question}");
            }
            // No value is left that today's questionnaire does not know.
            for (question, value) in after.keys() {
                let known = kanarie::questionnaire::question(question)
                    .is_some_and(|q| q.stored_values().contains(&value.as_str()));
                assert!(known, "{question}: {value}");
            }
        })
        .await
        .unwrap();
    }
}
