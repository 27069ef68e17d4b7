//! The opt-in request log: bodies recorded by operationId as sent, requests still served
//! unchanged, and nothing recorded unless it was asked for.

mod common;

use common::{Api, config};
use serde_json::{Value, json};

#[tokio::test]
async fn request_log_records_bodies_as_sent_and_requests_still_work() {
    let api = Api::with(config().with_request_log(true)).await;
    let (id, cols) = api.audience("Logged", &[("Email", "EMAIL")]).await;
    let rows = api
        .insert(&id, &[vec![(cols[0].as_str(), json!("a@example.com"))]])
        .await;
    let enrich = json!({"data": {"type": "AudienceEnrichment", "attributes": {"scope": "ROW", "rows": rows}}});
    // The audience has nothing to compute, but the row is in scope: a valid request.
    let answer = api
        .post(&format!("/audiences/{id}/actions/enrich"), enrich.clone())
        .await;
    assert!(answer.status.is_success(), "{:?}", answer.body);
    api.post(&format!("/audiences/{id}/rows/actions/search"), json!({}))
        .await
        .expect(200);

    let logged = api.emulator.requests("Audiences_enrichAudience");
    assert_eq!(logged, vec![enrich]);
    let created = api.emulator.requests("Audiences_createAudience");
    assert_eq!(created.len(), 1);
    assert_eq!(created[0]["data"]["attributes"]["name"], "Logged");
    assert_eq!(
        api.emulator.requests("Rows_listRows"),
        vec![json!({})],
        "a search body is recorded too"
    );
    // Bodiless requests are recorded as null.
    api.get(&format!("/audiences/{id}")).await.expect(200);
    assert_eq!(
        api.emulator.requests("Audiences_getAudience"),
        vec![Value::Null]
    );
}

#[tokio::test]
async fn request_log_is_off_by_default() {
    let api = Api::start().await;
    let (id, _) = api.audience("Unlogged", &[("Email", "EMAIL")]).await;
    api.get(&format!("/audiences/{id}")).await.expect(200);
    assert!(api.emulator.requests("Audiences_createAudience").is_empty());
    assert!(api.emulator.requests("Audiences_getAudience").is_empty());
    assert_eq!(api.emulator.stats()["Audiences_getAudience"], 1);
}
