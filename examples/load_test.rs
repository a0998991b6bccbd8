//! Load generator for `bench/load.sh` (loopback only, bounded in time): half the workers
//! send stories the way a parent's browser does (serve the form, send it), half read the
//! published feed. Prints what was acknowledged, the rates and every 5xx; the script then
//! compares stored rows with acknowledged submissions.
//!
//!   cargo run --release --example load_test -- BASE_URL SECONDS WORKERS

use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

#[derive(Default)]
struct Counts {
    submitted: AtomicU64,
    reads: AtomicU64,
    server_errors: AtomicU64,
    other_failures: AtomicU64,
}

fn token(form: &str) -> Option<&str> {
    hidden(form, "token")
}

/// The seal of a preview page (what "Verstuur" must send back to store the story).
fn seal(preview: &str) -> Option<&str> {
    hidden(preview, "seal")
}

fn hidden<'a>(form: &'a str, name: &str) -> Option<&'a str> {
    let marker = format!("name=\"{name}\" value=\"");
    let start = form.find(&marker)? + marker.len();
    let end = form[start..].find('"')? + start;
    Some(&form[start..end])
}

#[tokio::main(flavor = "current_thread")]
async fn main() {
    let args: Vec<String> = std::env::args().collect();
    let base = args
        .get(1)
        .cloned()
        .unwrap_or_else(|| "http://127.0.0.1:18092".into());
    let seconds: u64 = args.get(2).and_then(|s| s.parse().ok()).unwrap_or(60);
    let workers: usize = args.get(3).and_then(|s| s.parse().ok()).unwrap_or(32);
    let counts = Arc::new(Counts::default());
    let deadline = Instant::now() + Duration::from_secs(seconds);
    let client = reqwest::Client::builder()
        .pool_max_idle_per_host(workers)
        .build()
        .unwrap_or_default();
    let mut tasks = Vec::new();
    for worker in 0..workers {
        let (client, base, counts) = (client.clone(), base.clone(), Arc::clone(&counts));
        tasks.push(tokio::spawn(async move {
            let mut n = 0u64;
            while Instant::now() < deadline {
                n += 1;
                if worker % 2 == 0 {
                    let Ok(form) = client.get(format!("{base}/nl/verhaal")).send().await else {
                        counts.other_failures.fetch_add(1, Ordering::Relaxed);
                        continue;
                    };
                    let form = form.text().await.unwrap_or_default();
                    let Some(token) = token(&form) else {
                        counts.other_failures.fetch_add(1, Ordering::Relaxed);
                        continue;
                    };
                    let story = format!("Werker {worker} schrijft verhaal {n}. Onze zoon heeft elke ochtend buikpijn en de school belt niet terug.");
                    let mut answers = vec![
                        ("token", token), ("writer", "parent"), ("age_band", "5_11"), ("registration", "enrolled"),
                        ("school_type", "primary"), ("time_at_home", "1_2_years"), ("started", "this_school_year"),
                        ("situation", "waiting_care"), ("education_hours", "none"), ("reasons", "overstimulation"),
                        ("measures", "none"), ("helped", "unsaid"), ("province", "utrecht"), ("consent", "publish"),
                        ("story", story.as_str()),
                    ];
                    // Verstuur stores only what a preview showed: preview first, as a parent does.
                    let preview_body = form_urlencoded::Serializer::new(String::new()).extend_pairs(&answers).finish();
                    let preview = client
                        .post(format!("{base}/nl/verhaal/voorbeeld"))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .body(preview_body)
                        .send()
                        .await;
                    let preview = match preview {
                        Ok(r) if r.status().is_server_error() => { counts.server_errors.fetch_add(1, Ordering::Relaxed); continue; }
                        Ok(r) => r.text().await.unwrap_or_default(),
                        Err(_) => { counts.other_failures.fetch_add(1, Ordering::Relaxed); continue; }
                    };
                    let Some(seal) = seal(&preview) else {
                        counts.other_failures.fetch_add(1, Ordering::Relaxed);
                        continue;
                    };
                    answers.push(("seal", seal));
                    let body = form_urlencoded::Serializer::new(String::new())
                        .extend_pairs(&answers)
                        .finish();
                    match client
                        .post(format!("{base}/nl/verhaal/versturen"))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .body(body)
                        .send()
                        .await
                    {
                        Ok(r) if r.status().is_server_error() => { counts.server_errors.fetch_add(1, Ordering::Relaxed); }
                        Ok(r) if r.status().is_success() => {
                            if r.text().await.unwrap_or_default().contains("class=\"code\"") {
                                counts.submitted.fetch_add(1, Ordering::Relaxed);
                            }
                        }
                        _ => { counts.other_failures.fetch_add(1, Ordering::Relaxed); }
                    }
                } else {
                    let path = if n % 2 == 0 { "/api/v1/stories" } else { "/embed" };
                    match client.get(format!("{base}{path}")).send().await {
                        Ok(r) if r.status().is_server_error() => { counts.server_errors.fetch_add(1, Ordering::Relaxed); }
                        Ok(r) if r.status().is_success() => {
                            let _ = r.bytes().await;
                            counts.reads.fetch_add(1, Ordering::Relaxed);
                        }
                        _ => { counts.other_failures.fetch_add(1, Ordering::Relaxed); }
                    }
                }
            }
        }));
    }
    for task in tasks {
        let _ = task.await;
    }
    let submitted = counts.submitted.load(Ordering::Relaxed);
    let reads = counts.reads.load(Ordering::Relaxed);
    println!("acknowledged_submissions {submitted}");
    println!(
        "submissions_per_second {:.0}",
        submitted as f64 / seconds as f64
    );
    println!("reads_per_second {:.0}", reads as f64 / seconds as f64);
    println!(
        "server_errors {}",
        counts.server_errors.load(Ordering::Relaxed)
    );
    println!(
        "other_failures {}",
        counts.other_failures.load(Ordering::Relaxed)
    );
}
