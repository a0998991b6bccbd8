//! `kanarie demo-data`: clearly fictional stories, sent through the real anonymiser and
//! approved, so a new installation shows a populated feed and benchmarks have data.
//!
//! Demo stories are recognisable by their withdrawal hash (`demo-...`, which no real
//! code hashes to), so the command can refuse a database that holds real stories.

use diesel::prelude::*;
use rand::seq::IndexedRandom;
use rand::Rng;

use crate::anonymiser::{anonymise_story, RawText};
use crate::db::schema::{stories, story_themes, themes};
use crate::db::stories::{insert_story, NewStory};
use crate::db::DbConnection;
use crate::lang::Lang;
use crate::questionnaire::{Answers, Choice, Consent, QUESTIONS};

const OPENINGS_NL: &[&str] = &[
    "Dit is een verzonnen voorbeeldverhaal. Onze dochter Fleur zit sinds de herfst thuis.",
    "Voorbeeld, niet echt: mijn zoon Jesse ging in groep 6 steeds minder vaak naar school.",
    "Een fictief verhaal om te laten zien hoe kanarie werkt. Onze jongste, Noor, is elf.",
];
const MIDDLES_NL: &[&str] = &[
    "Elke ochtend begon met buikpijn. De klas was te druk en niemand zag hoe moe hij was.",
    "Juf Marieke deed haar best, maar er was geen plek voor een rustige start van de dag.",
    "We stonden maanden op een wachtlijst. Het samenwerkingsverband zei dat er geen passend aanbod was.",
    "Na het pesten in de pauze wilde ze niet meer. De leerplichtambtenaar belde elke maand.",
];
const ENDINGS_NL: &[&str] = &[
    "Nu gaat het iets beter, met een vast aanspreekpunt en een aangepast rooster.",
    "We wachten nog steeds. Wat zou helpen: iemand die luistert voordat het misgaat.",
    "Thuisonderwijs geeft rust, maar we missen een school die bij haar past.",
];
const OPENINGS_EN: &[&str] = &[
    "This is a made-up example story. Our son Liam has been at home since spring.",
    "An invented story to show how kanarie works. Our daughter Emma is nine.",
];
const MIDDLES_EN: &[&str] = &[
    "Every morning started with a stomach ache. The class was loud and nobody noticed.",
    "We waited months for care. The school said there was no suitable place for her.",
];
const ENDINGS_EN: &[&str] = &[
    "Things are a little better now, with one teacher she trusts and shorter days.",
    "We are still waiting. What would help: someone who listens before it goes wrong.",
];

#[derive(Debug, thiserror::Error)]
pub enum DemoError {
    #[error("this database holds real stories; demo data goes only into a database without them")]
    RealStories,
    #[error(transparent)]
    Database(#[from] diesel::result::Error),
}

/// Adds `count` approved demo stories, in transactions of a thousand.
pub fn add_demo_stories(conn: &mut DbConnection, count: usize) -> Result<usize, DemoError> {
    let real: i64 = stories::table
        .filter(stories::withdrawal_hash.not_like("demo-%"))
        .count()
        .get_result(conn)?;
    if real > 0 {
        return Err(DemoError::RealStories);
    }
    let theme_ids: Vec<i64> = themes::table.select(themes::id).load(conn)?;
    let already: i64 = stories::table.count().get_result(conn)?;
    let mut rng = rand::rng();
    let month = chrono::Utc::now().format("%Y-%m").to_string();
    let mut added = 0;
    while added < count {
        let batch = (count - added).min(1000);
        conn.transaction(|conn| {
            for _ in 0..batch {
                let n = already + i64::try_from(added).unwrap_or(0);
                add_one(conn, &mut rng, n, &theme_ids, &month)?;
                added += 1;
            }
            Ok::<_, diesel::result::Error>(())
        })?;
    }
    Ok(added)
}

fn pick<'a>(rng: &mut impl Rng, options: &'a [&'a str]) -> &'a str {
    options.choose(rng).copied().unwrap_or_default()
}

fn add_one(
    conn: &mut DbConnection,
    rng: &mut impl Rng,
    n: i64,
    theme_ids: &[i64],
    month: &str,
) -> QueryResult<()> {
    let lang = if rng.random_bool(0.8) {
        Lang::Nl
    } else {
        Lang::En
    };
    let (openings, middles, endings) = match lang {
        Lang::Nl => (OPENINGS_NL, MIDDLES_NL, ENDINGS_NL),
        Lang::En => (OPENINGS_EN, MIDDLES_EN, ENDINGS_EN),
    };
    let text = format!(
        "{} {} {} {}",
        pick(rng, openings),
        pick(rng, middles),
        pick(rng, middles),
        pick(rng, endings)
    );
    let raw = RawText::new(text);
    let anonymised = anonymise_story(lang, &[&raw]);
    let title_raw = RawText::new(
        match lang {
            Lang::Nl => "Voorbeeld: thuis zonder school",
            Lang::En => "Example: at home without school",
        }
        .to_owned(),
    );
    let title = anonymise_story(lang, &[&title_raw])
        .texts
        .into_iter()
        .next();
    let Some(story) = anonymised.texts.into_iter().next() else {
        return Ok(());
    };
    let mut single = Vec::new();
    let mut several = Vec::new();
    for question in &QUESTIONS {
        match question.choice {
            Choice::One => single.push((question.id, pick(rng, question.options))),
            Choice::Several => several.push((question.id, vec![pick(rng, question.options)])),
        }
    }
    let mut id_bytes = [0u8; 15];
    rng.fill_bytes(&mut id_bytes);
    let public_id = data_encoding::BASE32_NOPAD
        .encode(&id_bytes)
        .to_ascii_lowercase();
    let id = insert_story(
        conn,
        &NewStory {
            public_id: public_id.clone(),
            lang,
            submitted_on: chrono::Utc::now().date_naive(),
            withdrawal: crate::questionnaire::WithdrawalCodeHash::demo(n),
            story,
            what_should_change: None,
            child_words: None,
            summary: anonymised.summary,
            answers: Answers {
                single,
                several,
                consent: Consent::Publish,
            },
        },
    )?;
    diesel::update(stories::table.find(id))
        .set((
            stories::status.eq(crate::db::stories::StoryStatus::Approved),
            stories::title.eq(title.as_ref()),
            stories::published_month.eq(month),
        ))
        .execute(conn)?;
    if let Some(theme) = theme_ids.choose(rng) {
        diesel::insert_into(story_themes::table)
            .values((
                story_themes::story_id.eq(id),
                story_themes::theme_id.eq(theme),
            ))
            .execute(conn)?;
    }
    Ok(())
}
