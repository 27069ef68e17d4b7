//! Rate limits, fault injection and the stats endpoint.

mod common;

use std::time::Duration;

use common::{Api, answer, config};
use gtmsql_emulator::{FaultSpec, RateLimitPlan};
use serde_json::{Value, json};

#[tokio::test]
async fn every_response_carries_rate_limit_headers_and_429s_say_when_to_retry() {
    let api = Api::with(config().with_rate_limit(RateLimitPlan::Builder)).await;
    let first = api.get("/folders").await;
    assert_eq!(first.status, 200);
    for (h, v) in [
        ("x-ratelimit-limit-second", "5"),
        ("x-ratelimit-remaining-second", "4"),
        ("x-ratelimit-limit-hour", "10800"),
        ("x-ratelimit-limit-day", "129600"),
        ("x-ratelimit-limit", "5"),
        ("x-ratelimit-remaining", "4"),
    ] {
        assert_eq!(first.headers[h], v, "{h}");
    }
    assert!(first.headers.contains_key("x-ratelimit-remaining-hour"));
    let mut refused = None;
    for _ in 0..10 {
        let r = api.get("/folders").await;
        if r.status == 429 {
            refused = Some(r);
            break;
        }
    }
    let r = refused.expect("the sixth request in a second is refused");
    assert_eq!(r.body["error"]["code"], "ZI0004");
    assert_eq!(r.headers["retry-after"], "1");
    assert_eq!(r.headers["x-ratelimit-rejected-bucket"], "second");
    assert!(
        r.headers["x-ratelimit-reset"]
            .to_str()
            .unwrap()
            .parse::<u64>()
            .unwrap()
            > 1_700_000_000
    );
    tokio::time::sleep(Duration::from_millis(1050)).await;
    api.get("/folders").await.expect(200);

    let unlimited = Api::start().await;
    let r = unlimited.get("/folders").await;
    assert_eq!(r.headers["x-ratelimit-remaining-second"], "-1");
}

async fn statuses(api: &Api, n: usize) -> Vec<u16> {
    let mut out = Vec::new();
    for _ in 0..n {
        out.push(api.get("/folders").await.status.as_u16());
    }
    out
}

#[tokio::test]
async fn injected_errors_are_deterministic_under_a_seed() {
    let spec: FaultSpec = "5xx=20%,429=10%,retry-after=2".parse().unwrap();
    let a = Api::with(config().with_faults(spec.clone()).with_seed(42)).await;
    let b = Api::with(config().with_faults(spec.clone()).with_seed(42)).await;
    let c = Api::with(config().with_faults(spec).with_seed(43)).await;
    let (sa, sb, sc) = (
        statuses(&a, 60).await,
        statuses(&b, 60).await,
        statuses(&c, 60).await,
    );
    assert_eq!(sa, sb);
    assert_ne!(sa, sc);
    assert!(sa.iter().any(|s| *s >= 500), "{sa:?}");
    assert!(sa.contains(&429), "{sa:?}");
    assert!(sa.contains(&200), "{sa:?}");
    // The first 60 requests include the token request, which faults may hit too; count ours.
    let r = loop {
        let r = a.get("/folders").await;
        if r.status == 429 {
            break r;
        }
    };
    assert_eq!(r.headers["retry-after"], "2");
    let r = loop {
        let r = a.get("/folders").await;
        if r.status.as_u16() == 500 {
            break r;
        }
    };
    assert_eq!(r.body["errors"][0]["code"], "PFAPI0007");
}

#[tokio::test]
async fn a_dropped_connection_still_committed_the_write() {
    let spec: FaultSpec = "drop=100%@Rows_bulkUpsertRows".parse().unwrap();
    let api = Api::with(config().with_faults(spec)).await;
    let (id, cols) = api.audience("Drops", &[("Email", "EMAIL")]).await;
    let r = api
        .http
        .post(api.url(&format!("/audiences/{id}/rows/actions/bulk/upsert")))
        .bearer_auth(&api.token)
        .json(&json!({"data": [{"type": "Row", "attributes": {"values": [{"columnId": cols[0], "value": "kept@example.com"}]}}]}))
        .send()
        .await;
    let err = r.expect_err("no response arrives");
    assert!(
        !err.is_timeout(),
        "the connection is closed, not left hanging: {err}"
    );
    let rows = api.search(&id, "", None).await;
    assert_eq!(
        rows["meta"]["total"], 1,
        "the write was committed before the drop"
    );
    // Reads are not dropped by a writes-only rule.
    api.get(&format!("/audiences/{id}")).await.expect(200);
}

#[tokio::test]
async fn token_expiry_mid_stream_needs_a_new_token() {
    let spec: FaultSpec = "expire=100%@Audiences_listAudiences".parse().unwrap();
    let mut api = Api::with(config().with_faults(spec)).await;
    let r = api.get("/audiences").await;
    assert_eq!(r.status, 401);
    assert!(
        r.body["error"]["message"]
            .as_str()
            .unwrap()
            .contains("expired")
    );
    // The token stays expired for every operation.
    assert_eq!(api.get("/folders").await.status, 401);
    api.token = api.fetch_token().await;
    api.get("/folders").await.expect(200);
}

#[tokio::test]
async fn latency_is_added() {
    let api =
        Api::with(config().with_faults("latency=120ms@Folders_listFolders".parse().unwrap())).await;
    let t = std::time::Instant::now();
    api.get("/folders").await.expect(200);
    assert!(t.elapsed() >= Duration::from_millis(120));
}

#[tokio::test]
async fn stats_count_requests_by_operation_id() {
    let api = Api::start().await;
    let (id, _) = api.audience("Stats", &[("Email", "EMAIL")]).await;
    api.search(&id, "", None).await;
    api.search(&id, "", None).await;
    api.get("/folders").await.expect(200);
    let stats: Value = answer(
        api.http
            .get(format!("{}/_emulator/stats", api.emulator.base_url()))
            .send()
            .await
            .unwrap(),
    )
    .await
    .expect(200);
    assert_eq!(stats["requests"]["Rows_listRows"], 2);
    assert_eq!(stats["requests"]["Audiences_createAudience"], 1);
    assert_eq!(stats["requests"]["Folders_listFolders"], 1);
    assert_eq!(stats["requests"]["Token"], 1);
    assert_eq!(stats["total"], 5);
    assert_eq!(api.emulator.stats()["Rows_listRows"], 2);
    // Reset.
    let r = api
        .http
        .delete(format!("{}/_emulator/stats", api.emulator.base_url()))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 204);
    assert!(api.emulator.stats().is_empty());
}
