//! Retries under the emulator's injected faults: 5xx and 429s, connections dropped after a
//! write committed, and tokens expired mid-stream.

use std::time::Duration;

use futures::{StreamExt, TryStreamExt};
use gtmsql_emulator::{EmulatorConfig, FaultSpec};
use serde_json::json;

use super::{bounded, builder_for, client_for, served, start};
use crate::client::*;

fn faults(spec: &str) -> FaultSpec {
    spec.parse().expect("a fault spec")
}

async fn audience(client: &AudienceClient) -> (String, String) {
    let audience = client
        .create_audience(
            &NewAudience {
                columns: vec![NewColumn::custom("Email", DataType::Email)],
                ..NewAudience::new("faults", AudienceType::Contact)
            },
            false,
        )
        .await
        .unwrap();
    let email = audience.columns[0].id.clone();
    (audience.id, email)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn server_errors_and_429s_are_retried() {
    bounded(Duration::from_secs(90), async {
        let spec = faults("5xx=30%,429=20%,retry-after=1");
        let emulator = start(EmulatorConfig::new().with_faults(spec).with_seed(7)).await;
        let client = client_for(&emulator);
        // Creating the audience may be retried too (an injected 5xx or 429 is answered
        // before the request is handled).
        let (id, _) = audience(&client).await;
        let before = client.stats().snapshot();
        let request = SearchRequest::default();
        let pages: Vec<RowPage> = futures::stream::iter(0..30)
            .map(|_| client.search_rows(&id, &request))
            .buffer_unordered(6)
            .try_collect()
            .await
            .unwrap();
        assert_eq!(pages.len(), 30);
        let stats = client.stats().snapshot().since(&before);
        assert!(stats.retries > 0);
        assert_eq!(stats.operation("Rows_listRows"), 30 + stats.retries);
        assert_eq!(served(&emulator, "Rows_listRows"), 30 + stats.retries);
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_dropped_write_is_reported_as_maybe_committed() {
    bounded(Duration::from_secs(60), async {
        let spec = faults("drop=100%@Rows_bulkUpsertRows");
        let emulator = start(EmulatorConfig::new().with_faults(spec)).await;
        let client = builder_for(&emulator)
            .with_retry(RetryConfig {
                max_retries: 3,
                ..super::fast_retry()
            })
            .build()
            .unwrap();
        let (id, email) = audience(&client).await;
        let row = UpsertRow::create([(email.clone(), json!("dropped@example.com"))]);

        let e = client
            .upsert_rows(&id, std::slice::from_ref(&row), &UpsertOptions::default())
            .await
            .unwrap_err();
        let Error::Transport {
            maybe_committed,
            retries,
            method,
            path,
            ..
        } = &e
        else {
            panic!("{e:?}")
        };
        assert!(*maybe_committed);
        assert_eq!(*retries, 0, "a non-idempotent write is not re-sent");
        assert_eq!(method, "POST");
        assert_eq!(
            path,
            &format!("/gtm/studio/v1/audiences/{id}/rows/actions/bulk/upsert")
        );
        assert!(!e.is_retryable());
        assert!(
            e.to_string().contains("may or may not have been applied"),
            "{e}"
        );
        assert_eq!(served(&emulator, "Rows_bulkUpsertRows"), 1);
        // It was in fact applied.
        let page = client
            .search_rows(&id, &SearchRequest::default())
            .await
            .unwrap();
        assert_eq!(page.total, 1);

        // Marked idempotent, it is re-sent until the retries run out.
        let keyed = UpsertRow::update(&page.rows[0].id, [(email, json!("kept@example.com"))]);
        let e = client
            .upsert_rows(
                &id,
                &[keyed],
                &UpsertOptions {
                    idempotent: true,
                    ..UpsertOptions::default()
                },
            )
            .await
            .unwrap_err();
        assert!(
            matches!(
                e,
                Error::Transport {
                    maybe_committed: false,
                    retries: 3,
                    ..
                }
            ),
            "{e:?}"
        );
        assert_eq!(served(&emulator, "Rows_bulkUpsertRows"), 1 + 4);
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn idempotent_writes_survive_dropped_connections() {
    bounded(Duration::from_secs(60), async {
        let spec = faults("drop=50%@Rows_bulkUpsertRows");
        let emulator = start(EmulatorConfig::new().with_faults(spec).with_seed(3)).await;
        let client = client_for(&emulator);
        let (id, email) = audience(&client).await;
        let idempotent = UpsertOptions {
            idempotent: true,
            ..UpsertOptions::default()
        };
        // A create re-sent after a drop may be applied twice; the caller accepted that by
        // marking it idempotent.
        let created = client
            .upsert_rows(
                &id,
                &[UpsertRow::create([(
                    email.clone(),
                    json!("v0@example.com"),
                )])],
                &idempotent,
            )
            .await
            .unwrap();
        let row = created[0].id.clone();
        for i in 1..=8 {
            let value = json!(format!("v{i}@example.com"));
            let written = client
                .upsert_rows(
                    &id,
                    &[UpsertRow::update(&row, [(email.clone(), value.clone())])],
                    &idempotent,
                )
                .await
                .unwrap();
            assert_eq!(written[0].value(&email), Some(&value));
        }
        assert!(
            client.stats().snapshot().retries > 0,
            "some drops were retried"
        );
        let final_row = client.get_row(&id, &row, None).await.unwrap();
        assert_eq!(final_row.value(&email), Some(&json!("v8@example.com")));
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn tokens_expired_mid_stream_are_replaced() {
    bounded(Duration::from_secs(60), async {
        let spec = faults("expire=15%@Rows_listRows");
        let emulator = start(EmulatorConfig::new().with_faults(spec).with_seed(11)).await;
        let client = client_for(&emulator);
        let (id, _) = audience(&client).await;
        for _ in 0..30 {
            client
                .search_rows(&id, &SearchRequest::default())
                .await
                .unwrap();
        }
        let tokens = served(&emulator, "Token");
        assert!(
            tokens > 1,
            "expired tokens were replaced ({tokens} token requests)"
        );
        let stats = client.stats().snapshot();
        assert_eq!(stats.operation("Token"), tokens);
        assert_eq!(stats.operation("Rows_listRows"), 30 + tokens - 1);
    })
    .await;
}
