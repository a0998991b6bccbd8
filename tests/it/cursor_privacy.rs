//! The API's keyset cursor says nothing about submission order or volume: it is the
//! publication month and the public id of the page's last story, both shown with the story
//! anyway. Paging stays exact when many stories share a month.

use std::collections::HashSet;

use diesel::prelude::*;
use kanarie::db::schema::stories;
use reqwest::header;

use crate::helpers::{Session, TestApp};

const ADMIN: &str = "bladeraar@example.org";
const PASSWORD: &str = "bladzijde voor bladzijde";

async fn approve(app: &TestApp, admin: &Session, id: &str) {
    let response = app
        .post_as(
            admin,
            &format!("/moderation/stories/{id}/approve"),
            &[("title", "Een titel")],
        )
        .await;
    // Approving lands on the next story or the queue, saying it was approved.
    let location = response.headers()[header::LOCATION].to_str().unwrap();
    assert!(location.contains("done=approved"), "{location}");
}

fn month_index(month: &str) -> u32 {
    let (year, month) = month.split_once('-').unwrap();
    year.parse::<u32>().unwrap() * 12 + month.parse::<u32>().unwrap() - 1
}

backend_test! {
    async fn cursors_hold_the_month_and_public_id_and_ties_page_exactly_once(backend: Backend) {
        let app = TestApp::builder(backend).for_moderation().spawn().await;
        app.add_moderator(ADMIN, "admin", PASSWORD).await;
        let admin = app.sign_in(ADMIN, PASSWORD).await;
        let mut ids = Vec::new();
        for n in 0..9 {
            let id = app.submit_story(&format!("Verhaal {n} over thuiszitten."), "publish").await;
            ids.push(id);
        }
        for id in &ids[..8] {
            approve(&app, &admin, id).await;
        }
        // Three stories of an earlier month, so pages cross a month boundary; the last
        // approval makes this instance read the catalogue again.
        let earlier: Vec<String> = ids[..3].to_vec();
        let moved = earlier.clone();
        app.with_db(move |conn| {
            diesel::update(stories::table.filter(stories::public_id.eq_any(moved)))
                .set(stories::published_month.eq("2025-06"))
                .execute(conn)
                .unwrap()
        })
        .await;
        approve(&app, &admin, &ids[8]).await;
        let row_ids: Vec<i64> = app
            .with_db(|conn| stories::table.select(stories::id).load(conn).unwrap())
            .await;

        let mut seen: Vec<(String, String)> = Vec::new();
        let mut cursor: Option<String> = None;
        loop {
            let path = match &cursor {
                Some(c) => format!("/api/v1/stories?limit=2&cursor={c}"),
                None => "/api/v1/stories?limit=2".to_owned(),
            };
            let response = app.get(&path).await;
            assert_eq!(response.status(), 200, "{path}");
            let page: serde_json::Value = response.json().await.unwrap();
            let stories = page["stories"].as_array().unwrap();
            for story in stories {
                seen.push((
                    story["published"].as_str().unwrap().to_owned(),
                    story["id"].as_str().unwrap().to_owned(),
                ));
            }
            let Some(next) = page["next_cursor"].as_str() else {
                break;
            };
            let last = stories.last().unwrap();
            let (month, id) = (last["published"].as_str().unwrap(), last["id"].as_str().unwrap());
            assert_eq!(next, format!("{:08x}{id}", month_index(month)), "the cursor is the month and public id");
            for row_id in &row_ids {
                assert!(!next.contains(&format!("{row_id:016x}")), "the cursor {next} holds row id {row_id}");
            }
            cursor = Some(next.to_owned());
        }

        let unique: HashSet<&String> = seen.iter().map(|(_, id)| id).collect();
        assert_eq!(unique.len(), seen.len(), "a story on two pages: {seen:?}");
        assert_eq!(unique.len(), ids.len(), "a story missing: {seen:?}");
        // Newest month first; within a month, by public id.
        let mut expected = seen.clone();
        expected.sort();
        expected.reverse();
        assert_eq!(seen, expected);
        let last_three: Vec<&String> = seen[6..].iter().map(|(_, id)| id).collect();
        assert!(last_three.iter().all(|id| earlier.contains(id)), "{seen:?}");
    }
}
