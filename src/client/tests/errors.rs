//! Error mapping against the emulator (404, 400 with a pointer, 401 refresh, 403, bad
//! credentials, deadlines, arguments refused before sending) and the redaction of secrets.

use std::time::Duration;

use gtmsql_emulator::{ClientConfig, EmulatorConfig, FaultSpec, JobPace, SCOPE_READ};
use serde_json::json;

use super::{bounded, builder_for, client_for, served, start};
use crate::client::*;

const UNKNOWN: &str = "00000000-0000-4000-8000-000000000000";

async fn audience_with(client: &AudienceClient, columns: Vec<NewColumn>) -> Audience {
    client
        .create_audience(
            &NewAudience {
                columns,
                ..NewAudience::new("errors", AudienceType::Contact)
            },
            false,
        )
        .await
        .unwrap()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn api_errors_keep_status_code_detail_and_source() {
    bounded(Duration::from_secs(60), async {
        let emulator = start(EmulatorConfig::new()).await;
        let client = client_for(&emulator);

        let e = client.get_audience(UNKNOWN).await.unwrap_err();
        assert!(e.is_not_found(), "{e:?}");
        assert_eq!(e.status(), Some(404));
        assert!(!e.is_retryable());
        assert!(
            matches!(&e, Error::Api { parameter: Some(p), request_id: Some(_), retries: 0, .. } if p == "audienceId"),
            "{e:?}"
        );
        assert_eq!(
            e.to_string(),
            format!(
                "404 {}: Audience '{UNKNOWN}' does not exist (parameter audienceId)",
                e.code().unwrap()
            )
        );
        let e = client
            .search_rows(UNKNOWN, &SearchRequest::default())
            .await
            .unwrap_err();
        assert!(e.is_not_found());

        let audience = audience_with(
            &client,
            vec![
                NewColumn::custom("Name", DataType::Text),
                NewColumn::custom("Employees", DataType::Integer),
            ],
        )
        .await;
        let (name, employees) = (&audience.columns[0].id, &audience.columns[1].id);
        let rows = [
            UpsertRow::create([(name.clone(), json!("ok")), (employees.clone(), json!(1))]),
            UpsertRow::create([(name.clone(), json!("bad")), (employees.clone(), json!("abc"))]),
        ];
        let e = client
            .upsert_rows(&audience.id, &rows, &UpsertOptions::default())
            .await
            .unwrap_err();
        let Error::Api {
            status,
            code,
            pointer,
            detail,
            ..
        } = &e
        else {
            panic!("{e:?}")
        };
        assert_eq!((*status, code.as_str()), (400, "PFAPI0002"));
        assert_eq!(pointer.as_deref(), Some("/data/1/attributes/values/1/value"));
        assert!(detail.contains("'abc'"), "{detail}");
        let shown = e.to_string();
        assert!(
            shown.starts_with("400 PFAPI0002: data[1].attributes.values[1].value: "),
            "{shown}"
        );
        assert!(
            shown.ends_with(" (at /data/1/attributes/values/1/value)"),
            "{shown}"
        );
        // Nothing was written: one bad value rejects the whole request.
        let page = client
            .search_rows(&audience.id, &SearchRequest::default())
            .await
            .unwrap();
        assert_eq!(page.total, 0);

        // A bad filter value is a 400 too.
        let e = client
            .search_rows(
                &audience.id,
                &SearchRequest {
                    filter: Some(FilterGroup {
                        operator: GroupOperator::And,
                        filters: vec![Filter::new(
                            name.clone(),
                            FilterOperator::Contains,
                            ["x".into()],
                        )],
                    }),
                    ..SearchRequest::default()
                },
            )
            .await
            .unwrap_err();
        assert_eq!(e.status(), Some(400));
        assert!(
            matches!(&e, Error::Api { pointer: Some(p), .. } if p.starts_with("/data/attributes/filter/filters/0")),
            "{e:?}"
        );
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_expired_token_is_replaced() {
    bounded(Duration::from_secs(30), async {
        let emulator = start(EmulatorConfig::new().with_token_ttl(Duration::from_secs(1))).await;
        let client = client_for(&emulator);
        // Concurrent first requests share one token request.
        futures::future::try_join_all((0..8).map(|_| client.list_folders()))
            .await
            .unwrap();
        assert_eq!(served(&emulator, "Token"), 1);
        tokio::time::sleep(Duration::from_millis(1200)).await;
        // After expiry, concurrent requests share one refresh.
        futures::future::try_join_all((0..8).map(|_| client.list_folders()))
            .await
            .unwrap();
        assert_eq!(served(&emulator, "Token"), 2);
        assert_eq!(client.stats().snapshot().operation("Token"), 2);
        assert_eq!(client.stats().snapshot().retries, 0);
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn credentials_and_scopes_are_checked() {
    bounded(Duration::from_secs(30), async {
        let emulator = start(
            EmulatorConfig::new()
                .with_client(ClientConfig::new("main-client", "main-secret"))
                .with_client(
                    ClientConfig::new("reader", "reader-secret").with_scopes(&[SCOPE_READ]),
                ),
        )
        .await;

        let wrong = builder_for(&emulator)
            .with_client_secret("not-the-secret")
            .build()
            .unwrap();
        let e = wrong.list_folders().await.unwrap_err();
        assert!(
            matches!(&e, Error::Auth { message } if message.contains("invalid_client")),
            "{e:?}"
        );
        assert_eq!(
            served(&emulator, "Token"),
            1,
            "a refused client is not retried"
        );

        let reader = builder_for(&emulator)
            .with_client_id("reader")
            .with_client_secret("reader-secret")
            .build()
            .unwrap();
        reader.list_folders().await.unwrap();
        let e = reader
            .create_folder(&NewFolder::new("nope"))
            .await
            .unwrap_err();
        assert_eq!((e.status(), e.code()), (Some(403), Some("ZI0002")));
        assert!(!e.is_retryable());
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn arguments_are_checked_before_sending() {
    bounded(Duration::from_secs(30), async {
        let emulator = start(EmulatorConfig::new()).await;
        let client = client_for(&emulator);
        let too_many: Vec<UpsertRow> = (0..=MAX_UPSERT_ROWS)
            .map(|_| UpsertRow::default())
            .collect();
        let e = client
            .upsert_rows(UNKNOWN, &too_many, &UpsertOptions::default())
            .await
            .unwrap_err();
        assert!(matches!(e, Error::InvalidArgument { .. }), "{e:?}");
        assert!(e.to_string().contains("at most 500 rows"), "{e}");
        let ids: Vec<String> = (0..=MAX_DELETE_ROWS).map(|i| i.to_string()).collect();
        assert!(matches!(
            client.delete_rows(UNKNOWN, &ids).await,
            Err(Error::InvalidArgument { .. })
        ));
        assert!(matches!(
            client.delete_rows(UNKNOWN, &[]).await,
            Err(Error::InvalidArgument { .. })
        ));
        assert!(
            client
                .upsert_rows(UNKNOWN, &[], &UpsertOptions::default())
                .await
                .unwrap()
                .is_empty()
        );
        assert_eq!(client.stats().snapshot().requests, 0);
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn waiting_for_a_job_stops_at_the_deadline() {
    bounded(Duration::from_secs(30), async {
        let pace = JobPace {
            schedule_delay: Duration::from_secs(20),
            ..JobPace::default()
        };
        let emulator = start(EmulatorConfig::new().with_job_pace(pace)).await;
        let client = client_for(&emulator);
        let audience =
            audience_with(&client, vec![NewColumn::custom("Email", DataType::Email)]).await;
        client
            .add_columns(
                &audience.id,
                &[NewColumn::formula("Upper", "Email.toUpperCase()")],
            )
            .await
            .unwrap();
        let email = &audience.columns[0].id;
        client
            .upsert_rows(
                &audience.id,
                &[UpsertRow::create([(email.clone(), json!("x@example.com"))])],
                &UpsertOptions::default(),
            )
            .await
            .unwrap();
        let job = client
            .enrich(
                &audience.id,
                &EnrichRequest {
                    scope: EnrichScope::Audience,
                    columns: None,
                },
            )
            .await
            .unwrap()
            .unwrap();
        let mut polls = 0;
        let e = client
            .wait_for_job(
                &audience.id,
                &job,
                &PollConfig {
                    initial: Duration::from_millis(20),
                    max: Duration::from_millis(50),
                    deadline: Some(Duration::from_millis(300)),
                },
                &mut |s: &JobStatus| {
                    assert_eq!(s.status, RunStatus::Scheduled);
                    polls += 1;
                },
            )
            .await
            .unwrap_err();
        assert!(
            matches!(&e, Error::Timeout { what, .. } if what.contains(&job)),
            "{e:?}"
        );
        assert!(polls >= 3, "{polls}");
        assert!(e.to_string().contains("did not finish within"));
    })
    .await;
}

/// Formats every error variant, the client and the builder, and checks that no secret or
/// token shows up (and no host in the errors).
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn nothing_prints_secrets() {
    bounded(Duration::from_secs(60), async {
        let faults: FaultSpec = "drop=100%@Rows_bulkUpsertRows".parse().unwrap();
        let emulator = start(EmulatorConfig::new().with_faults(faults)).await;
        let secret = emulator.client_secret().to_owned();
        let host = emulator.addr().to_string();
        let builder = builder_for(&emulator);
        let client = builder.clone().build().unwrap();
        let audience =
            audience_with(&client, vec![NewColumn::custom("Email", DataType::Email)]).await;
        let token = client
            .inner
            .credentials
            .token(&client.inner)
            .await
            .unwrap()
            .expose()
            .to_owned();
        assert!(token.len() > 10);

        let mut errors: Vec<Error> = Vec::new();
        errors.push(client.get_audience(UNKNOWN).await.unwrap_err());
        errors.push(
            client
                .upsert_rows(
                    &audience.id,
                    &[UpsertRow::create([(
                        audience.columns[0].id.clone(),
                        json!("a@example.com"),
                    )])],
                    &UpsertOptions::default(),
                )
                .await
                .unwrap_err(),
        );
        assert!(
            matches!(errors[1], Error::Transport { .. }),
            "{:?}",
            errors[1]
        );
        let wrong_secret = "wrong-secret-value-123";
        errors.push(
            builder
                .clone()
                .with_client_secret(wrong_secret)
                .build()
                .unwrap()
                .list_folders()
                .await
                .unwrap_err(),
        );
        errors.push(Error::Timeout {
            what: "job x".to_owned(),
            elapsed: Duration::from_secs(1),
        });
        errors.push(Error::decode(
            "a row",
            serde_json::from_str::<Row>("{").unwrap_err(),
        ));
        errors.push(
            AudienceClientBuilder::new()
                .with_client_secret(&secret)
                .build()
                .unwrap_err(),
        );
        errors.push(Error::invalid_argument("too many rows"));

        let mut shown = vec![format!("{client:?}"), format!("{builder:?}")];
        for e in &errors {
            shown.push(format!("{e}"));
            shown.push(format!("{e:?}"));
            assert!(!e.to_string().contains(&host), "{e}");
        }
        for text in &shown {
            for needle in [secret.as_str(), token.as_str(), wrong_secret] {
                assert!(!text.contains(needle), "a secret leaked into: {text}");
            }
        }
        assert!(shown[0].contains("[REDACTED]"));
        assert!(shown[1].contains("[REDACTED]"));
    })
    .await;
}
