//! Request methods a client makes up: any token is a valid HTTP method, so the method as
//! sent is text the client chose. It must not become a metrics series or a log line.

use crate::logging::LoggedServer;

const TOKEN: &str = "scraper-token-for-methods";

#[actix_web::test]
async fn made_up_methods_are_one_metrics_label_and_never_logged() {
    let dir = tempfile::tempdir().unwrap();
    let url = format!("sqlite://{}", dir.path().join("k.db").display());
    let server = LoggedServer::start(&url, &[("KANARIE_METRICS_TOKEN", TOKEN)]);
    let client = reqwest::Client::new();

    let long = format!("LANGMETHODE{}", "Q".repeat(8000));
    let mut made_up: Vec<String> = (1..=20).map(|n| format!("VERZONNEN{n}")).collect();
    made_up.push(long);
    for method in &made_up {
        let method = reqwest::Method::from_bytes(method.as_bytes()).unwrap();
        for path in ["/nl/", "/api/v1/stories", "/nergens"] {
            let response = client
                .request(method.clone(), format!("{}{path}", server.address))
                .send()
                .await
                .unwrap();
            assert!(response.status().is_client_error(), "{}", response.status());
        }
    }
    client
        .get(format!("{}/nl/", server.address))
        .send()
        .await
        .unwrap();

    let metrics = client
        .get(format!("{}/metrics", server.address))
        .bearer_auth(TOKEN)
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    let log = server.stop();

    assert!(
        metrics.contains("kanarie_http_requests_total{method=\"GET\",route=\"/{lang:nl|en}/\""),
        "{metrics}"
    );
    let other_series: Vec<&str> = metrics
        .lines()
        .filter(|line| line.starts_with("kanarie_http_requests_total{method=\"other\""))
        .collect();
    assert!(
        !other_series.is_empty(),
        "made-up methods are counted as other:\n{metrics}"
    );
    // One series per route and status, however many methods were made up.
    assert!(other_series.len() <= 3, "{other_series:#?}");
    for line in &other_series {
        assert!(
            line.ends_with(" 21"),
            "all 21 made-up methods in one series: {line}"
        );
    }
    assert!(!metrics.contains("VERZONNEN"), "{metrics}");
    assert!(
        !metrics.contains("LANGMETHODE"),
        "a made-up method is a label"
    );

    assert!(
        log.contains("kanarie::access"),
        "the access log was not captured, so the test proves nothing:\n{log}"
    );
    assert!(log.contains("method=\"other\""), "{log}");
    assert!(!log.contains("VERZONNEN"), "a made-up method was logged");
    assert!(!log.contains("LANGMETHODE"), "a made-up method was logged");
    assert!(!log.contains("QQQQQQQQ"), "a made-up method was logged");
}
