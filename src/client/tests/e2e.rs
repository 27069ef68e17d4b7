//! Every operation end to end against the emulator: folder → audience → columns → match
//! criteria → rows → search → enrichment → deletes.

use std::time::Duration;

use futures::{StreamExt, TryStreamExt};
use gtmsql_emulator::{EmulatorConfig, JobPace};
use serde_json::{Value, json};

use super::{bounded, client_for, served, start};
use crate::client::*;

fn text(v: &str) -> Value {
    Value::String(v.to_owned())
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_operation_end_to_end() {
    bounded(Duration::from_secs(90), async {
        // Small steps, so a job reports several progress values.
        let pace = JobPace {
            schedule_delay: Duration::from_millis(100),
            step_rows: 2,
            step_delay: Duration::from_millis(120),
        };
        let emulator = start(
            EmulatorConfig::new()
                .with_job_pace(pace)
                .with_ai_error_rate(0.0),
        )
        .await;
        let client = client_for(&emulator);
        assert_eq!(client.base_url(), emulator.base_url());

        // Folders. (A successful call also proves the User-Agent: the emulator refuses
        // default library agents with 403 ZI0003.)
        let folder = client
            .create_folder(&NewFolder {
                description: Some("client e2e".to_owned()),
                ..NewFolder::new("E2E folder")
            })
            .await
            .unwrap();
        assert_eq!(folder.name, "E2E folder");
        assert!(!folder.starred);
        let starred = client
            .update_folder(
                &folder.id,
                &FolderPatch {
                    starred: Some(true),
                    notes: Some("from the test".to_owned()),
                    ..FolderPatch::default()
                },
            )
            .await
            .unwrap();
        assert!(starred.starred);
        assert_eq!(client.get_folder(&folder.id).await.unwrap(), starred);
        assert!(
            client
                .list_folders()
                .await
                .unwrap()
                .iter()
                .any(|f| f.id == folder.id)
        );

        // An audience with CUSTOM columns.
        let new = NewAudience {
            folder_id: Some(folder.id.clone()),
            description: Some("people met at the show".to_owned()),
            columns: vec![
                NewColumn::custom("Email", DataType::Email),
                NewColumn::custom("Full Name", DataType::Text),
                NewColumn::custom("Company", DataType::Text),
                NewColumn::custom("Employees", DataType::Integer),
                NewColumn::custom("Met on", DataType::Date),
            ],
            ..NewAudience::new("Trade show leads", AudienceType::Contact)
        };
        let audience = client.create_audience(&new, false).await.unwrap();
        assert_eq!(audience.audience_type, AudienceType::Contact);
        assert_eq!(audience.origin, Origin::Custom);
        assert_eq!(audience.folder_id.as_deref(), Some(folder.id.as_str()));
        let id = audience.id.clone();
        let col = |name: &str| audience.column_by_name(name).unwrap().id.clone();
        let (email, name, company, employees, met) = (
            col("Email"),
            col("Full Name"),
            col("Company"),
            col("Employees"),
            col("Met on"),
        );
        let patched = client
            .update_audience(
                &id,
                &AudiencePatch {
                    notes: Some("checked".to_owned()),
                    ..AudiencePatch::default()
                },
            )
            .await
            .unwrap();
        assert_eq!(patched.notes.as_deref(), Some("checked"));
        assert!(
            client
                .list_audiences()
                .await
                .unwrap()
                .iter()
                .any(|a| a.id == id && a.columns.len() == 5)
        );
        assert_eq!(
            client.get_folder(&folder.id).await.unwrap().audience_ids,
            std::slice::from_ref(&id)
        );

        // Filter metadata and data dependencies.
        let metadata = client.filter_metadata(&id).await.unwrap();
        let email_ops = metadata.iter().find(|m| m.column_id == email).unwrap();
        assert!(email_ops.is_filterable);
        assert!(
            email_ops
                .operators
                .iter()
                .any(|o| o.operator == FilterOperator::Contains && o.min_char_limit.is_some())
        );
        let deps = client
            .data_dependencies(&id, AiTool::AiWebResearch)
            .await
            .unwrap();
        let email_dep = deps.iter().find(|d| d.id == email).unwrap();
        assert_eq!(email_dep.kind, InputType::Column);
        assert!(deps.iter().any(|d| d.kind == InputType::KnowledgeBase));

        // FORMULA, AI and ZOOMINFO_MATCH columns.
        let added = client
            .add_columns(
                &id,
                &[
                    NewColumn::formula("Domain", "Email ? Email.split('@')[1] : null"),
                    NewColumn {
                        tool: Some(AiTool::AiWebResearch),
                        data_dependencies: vec![email_dep.to_ref()],
                        ..NewColumn::ai(
                            "Opener",
                            "In one sentence, suggest an opening angle for a follow-up.",
                        )
                    },
                    NewColumn::zoominfo_match("ZoomInfo Contact", DataType::ZiContactId),
                ],
            )
            .await
            .unwrap();
        let types: Vec<&ColumnType> = added.iter().map(|c| &c.column_type).collect();
        assert_eq!(
            types,
            [
                &ColumnType::Formula,
                &ColumnType::Ai,
                &ColumnType::ZoominfoMatch
            ]
        );
        assert_eq!(
            added[0].script_expression.as_deref(),
            Some("Email ? Email.split('@')[1] : null")
        );
        assert_eq!(added[1].data_dependencies, [email_dep.to_ref()]);
        let (domain, opener, matched) = (
            added[0].id.clone(),
            added[1].id.clone(),
            added[2].id.clone(),
        );

        // Match criteria, explicit and automatic.
        let criteria = [
            MatchCriterion {
                column_id: email.clone(),
                mapped_to: MatchField::ContactEmail,
            },
            MatchCriterion {
                column_id: company.clone(),
                mapped_to: MatchField::CompanyName,
            },
        ];
        let match_column = client
            .set_match_criteria(&id, Some(&criteria))
            .await
            .unwrap();
        assert_eq!(match_column.id, matched);
        assert_eq!(match_column.match_criteria, criteria);
        let auto = client.set_match_criteria(&id, None).await.unwrap();
        assert!(
            auto.match_criteria
                .iter()
                .any(|c| c.column_id == email && c.mapped_to == MatchField::ContactEmail)
        );

        // Only CUSTOM columns can be patched.
        let frozen = client
            .update_column(
                &id,
                &name,
                &ColumnPatch {
                    is_frozen: Some(true),
                    ..ColumnPatch::default()
                },
            )
            .await
            .unwrap();
        assert!(frozen.is_frozen);

        // Ten rows through the bulk upsert.
        let people = [
            (
                "dana@northwind.io",
                "Dana Whitfield",
                "Northwind",
                120,
                "2026-01-05",
            ),
            (
                "marco@brightloom.com",
                "Marco Reyes",
                "Brightloom",
                45,
                "2026-01-06",
            ),
            ("ann@example.com", "Ann Lee", "Example", 7, "2026-01-07"),
            ("bo@example.com", "Bo Chan", "Example", 9, "2026-01-08"),
            ("cy@acme.test", "Cy Young", "Acme", 300, "2026-01-09"),
            ("di@acme.test", "Di Moss", "Acme", 310, "2026-01-10"),
            ("ed@globex.test", "Ed Nash", "Globex", 50, "2026-01-11"),
            ("fi@globex.test", "Fi Park", "Globex", 55, "2026-01-12"),
            ("gu@initech.test", "Gu Ito", "Initech", 12, "2026-01-13"),
            ("hy@initech.test", "Hy Ro", "Initech", 13, "2026-01-14"),
        ];
        let rows: Vec<UpsertRow> = people
            .iter()
            .map(|(e, n, c, size, day)| {
                UpsertRow::create([
                    (email.clone(), text(e)),
                    (name.clone(), text(n)),
                    (company.clone(), text(c)),
                    (employees.clone(), json!(size)),
                    (met.clone(), text(day)),
                ])
            })
            .collect();
        let written = client
            .upsert_rows(&id, &rows, &UpsertOptions::default())
            .await
            .unwrap();
        assert_eq!(written.len(), 10);
        assert_eq!(written[0].value(&email), Some(&json!("dana@northwind.io")));
        assert_eq!(written[0].cell(&domain).unwrap().value, None);
        let ids: Vec<String> = written.iter().map(|r| r.id.clone()).collect();

        // A keyed update.
        let updated = client
            .upsert_rows(
                &id,
                &[UpsertRow::update(&ids[2], [(employees.clone(), json!(8))])],
                &UpsertOptions {
                    idempotent: true,
                    ..UpsertOptions::default()
                },
            )
            .await
            .unwrap();
        assert_eq!(updated[0].value(&employees), Some(&json!(8)));
        assert_eq!(updated[0].value(&name), Some(&json!("Ann Lee")));

        // Search: filter, OR group, sort, ids, projection, pagination.
        let page = client
            .search_rows(
                &id,
                &SearchRequest {
                    filter: Some(FilterGroup {
                        operator: GroupOperator::And,
                        filters: vec![Filter::new(
                            company.clone(),
                            FilterOperator::Equals,
                            ["northwind".into()],
                        )],
                    }),
                    ..SearchRequest::default()
                },
            )
            .await
            .unwrap();
        assert_eq!(page.total, 1);
        assert_eq!(page.rows[0].id, ids[0]);

        let page = client
            .search_rows(
                &id,
                &SearchRequest {
                    filter: Some(FilterGroup {
                        operator: GroupOperator::Or,
                        filters: vec![
                            Filter::new(company.clone(), FilterOperator::Equals, ["Acme".into()]),
                            Filter::new(
                                employees.clone(),
                                FilterOperator::LessThan,
                                [FilterValue::Number(10.0)],
                            ),
                        ],
                    }),
                    sort: Some(SortKey {
                        column_id: employees.clone(),
                        descending: true,
                    }),
                    columns: Some(vec![email.clone(), employees.clone()]),
                    ..SearchRequest::default()
                },
            )
            .await
            .unwrap();
        let sizes: Vec<&Value> = page
            .rows
            .iter()
            .filter_map(|r| r.value(&employees))
            .collect();
        assert_eq!(sizes, [&json!(310), &json!(300), &json!(9), &json!(8)]);
        assert!(page.rows.iter().all(|r| r.cells.len() == 2));

        let page = client
            .search_rows(
                &id,
                &SearchRequest {
                    filter: Some(FilterGroup {
                        operator: GroupOperator::And,
                        filters: vec![Filter::new(
                            met.clone(),
                            FilterOperator::InRange,
                            ["2026-01-06".into(), "2026-01-08".into()],
                        )],
                    }),
                    ids: Some(vec![ids[1].clone(), ids[3].clone(), ids[9].clone()]),
                    ..SearchRequest::default()
                },
            )
            .await
            .unwrap();
        let found: Vec<&str> = page.rows.iter().map(|r| r.id.as_str()).collect();
        assert_eq!(found, [ids[1].as_str(), ids[3].as_str()]);

        let mut walked = Vec::new();
        for number in 1..=4 {
            let page = client
                .search_rows(
                    &id,
                    &SearchRequest {
                        page: number,
                        page_size: 3,
                        ..SearchRequest::default()
                    },
                )
                .await
                .unwrap();
            assert_eq!((page.total, page.page, page.page_size), (10, number, 3));
            walked.extend(page.rows.into_iter().map(|r| r.id));
        }
        assert_eq!(walked, ids);

        let raw = client
            .search_rows_raw(
                &id,
                &SearchRequest {
                    page_size: 2,
                    ..SearchRequest::default()
                },
            )
            .await
            .unwrap();
        let raw: Value = serde_json::from_slice(&raw).unwrap();
        assert_eq!(raw["meta"]["total"], json!(10));
        assert_eq!(raw["data"].as_array().unwrap().len(), 2);

        // One row, whole and projected.
        let row = client.get_row(&id, &ids[1], None).await.unwrap();
        assert_eq!(row.cells.len(), 8);
        let row = client
            .get_row(&id, &ids[1], Some(std::slice::from_ref(&company)))
            .await
            .unwrap();
        assert_eq!(row.cells.len(), 1);
        assert_eq!(row.value(&company), Some(&json!("Brightloom")));

        // Enrichment, watched until it finishes.
        let job = client
            .enrich(
                &id,
                &EnrichRequest {
                    scope: EnrichScope::Audience,
                    columns: None,
                },
            )
            .await
            .unwrap()
            .expect("rows to enrich");
        let mut seen: Vec<JobStatus> = Vec::new();
        let poll = PollConfig {
            initial: Duration::from_millis(30),
            max: Duration::from_millis(60),
            deadline: Some(Duration::from_secs(30)),
        };
        let done = client
            .wait_for_job(&id, &job, &poll, &mut |s: &JobStatus| seen.push(s.clone()))
            .await
            .unwrap();
        assert!(done.status.is_terminal(), "{done:?}");
        assert_eq!(seen.last(), Some(&done));
        let percents: Vec<u8> = seen.iter().filter_map(|s| s.percent).collect();
        assert!(percents.windows(2).all(|w| w[0] <= w[1]), "{percents:?}");
        let distinct: std::collections::BTreeSet<u8> = percents.iter().copied().collect();
        assert!(distinct.len() >= 3, "progress should rise: {percents:?}");
        assert!(seen.iter().any(|s| s.status == RunStatus::Running));

        let dana = client.get_row(&id, &ids[0], None).await.unwrap();
        assert_eq!(dana.cell(&matched).unwrap().state, CellState::Result);
        assert!(dana.cell(&matched).unwrap().value_text().is_some());
        assert_eq!(dana.value(&domain), Some(&json!("northwind.io")));
        assert!(dana.cell(&opener).unwrap().state.is_known());

        // Enriching rows by id; an empty row list is refused before sending.
        let job = client
            .enrich(
                &id,
                &EnrichRequest {
                    scope: EnrichScope::Rows(vec![ids[1].clone()]),
                    columns: Some(vec![domain.clone()]),
                },
            )
            .await
            .unwrap()
            .expect("a job");
        let done = client
            .wait_for_job(&id, &job, &poll, &mut |_: &JobStatus| {})
            .await
            .unwrap();
        assert_eq!(done.status, RunStatus::Succeeded);
        assert!(matches!(
            client
                .enrich(
                    &id,
                    &EnrichRequest {
                        scope: EnrichScope::Rows(Vec::new()),
                        columns: None
                    }
                )
                .await,
            Err(Error::InvalidArgument { .. })
        ));

        // A bulk delete is a job too.
        let job = client.delete_rows(&id, &ids[8..]).await.unwrap();
        let done = client
            .wait_for_job(&id, &job, &poll, &mut |_: &JobStatus| {})
            .await
            .unwrap();
        assert_eq!(done.status, RunStatus::Succeeded);
        let page = client
            .search_rows(&id, &SearchRequest::default())
            .await
            .unwrap();
        assert_eq!(page.total, 8);
        assert_eq!(client.get_audience(&id).await.unwrap().record_count, 8);

        // Columns, audiences and folders go away.
        client.delete_column(&id, &opener).await.unwrap();
        assert!(
            client
                .get_audience(&id)
                .await
                .unwrap()
                .column(&opener)
                .is_none()
        );
        client.delete_audience(&id).await.unwrap();
        assert!(client.get_audience(&id).await.unwrap_err().is_not_found());
        client.delete_folder(&folder.id).await.unwrap();
        assert!(
            client
                .get_folder(&folder.id)
                .await
                .unwrap_err()
                .is_not_found()
        );

        // The client's counters agree with the server's.
        let stats = client.stats().snapshot();
        for op in [
            "Token",
            "Rows_listRows",
            "Rows_bulkUpsertRows",
            "Audiences_getJobStatus",
        ] {
            assert_eq!(stats.operation(op), served(&emulator, op), "{op}");
        }
        assert_eq!(stats.operation("Token"), 1);
        assert_eq!(stats.retries, 0);
        assert!(stats.bytes_received > 0 && stats.bytes_sent > 0);
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn listings_follow_every_page() {
    bounded(Duration::from_secs(60), async {
        let emulator = start(EmulatorConfig::new()).await;
        let client = client_for(&emulator);
        // 205 folders: three pages of 100.
        let names: Vec<String> = (0..205).map(|i| format!("folder {i:03}")).collect();
        let folders: Vec<NewFolder> = names.iter().map(NewFolder::new).collect();
        let created: Vec<Folder> = futures::stream::iter(&folders)
            .map(|f| client.create_folder(f))
            .buffer_unordered(8)
            .try_collect()
            .await
            .unwrap();
        assert_eq!(created.len(), 205);
        let before = client.stats().snapshot();
        let listed = client.list_folders().await.unwrap();
        let delta = client.stats().snapshot().since(&before);
        assert_eq!(delta.operation("Folders_listFolders"), 3);
        let mut listed_names: Vec<String> = listed.into_iter().map(|f| f.name).collect();
        listed_names.sort();
        assert_eq!(listed_names, names);
    })
    .await;
}
