//! What the read path costs in requests, counted by the emulator (`/_emulator/stats`), on a
//! 100,000-row audience, with the catalog and table metadata already cached.

#![allow(
    clippy::print_stderr,
    reason = "the figures are reported for the record"
)]

mod common;

use std::sync::Arc;

use datafusion::arrow::array::{AsArray, Int64Array, RecordBatch};
use datafusion::arrow::datatypes::{DataType, Field, Int64Type, Schema};
use datafusion::datasource::MemTable;
use gtmsql::GtmSession;
use gtmsql::client::{
    AudienceClient, AudienceType, ColumnType, DataType as GtmType, NewAudience, NewColumn,
    NewFolder, UpsertOptions, UpsertRow,
};
use serde_json::json;

const ROWS: usize = 100_000;

fn employees(i: usize) -> i64 {
    ((i * 7919) % 100_003) as i64
}

async fn load(client: &AudienceClient) {
    let folder = client
        .create_folder(&NewFolder {
            name: "Big".to_owned(),
            ..NewFolder::default()
        })
        .await
        .unwrap();
    let column = |name: &str, dt: GtmType| NewColumn {
        name: name.to_owned(),
        column_type: ColumnType::Custom,
        data_type: Some(dt),
        ..NewColumn::default()
    };
    let audience = client
        .create_audience(
            &NewAudience {
                name: "Contacts".to_owned(),
                audience_type: AudienceType::Contact,
                folder_id: Some(folder.id),
                columns: vec![
                    column("Email", GtmType::Email),
                    column("Employees", GtmType::Integer),
                    column("Country", GtmType::Text),
                ],
                ..NewAudience::default()
            },
            false,
        )
        .await
        .unwrap();
    let ids: Vec<String> = audience.columns.iter().map(|c| c.id.clone()).collect();
    let batches: Vec<Vec<UpsertRow>> = (0..ROWS)
        .collect::<Vec<_>>()
        .chunks(500)
        .map(|chunk| {
            chunk
                .iter()
                .map(|&i| UpsertRow {
                    id: None,
                    values: vec![
                        (ids[0].clone(), json!(format!("person{i}@example.com"))),
                        (ids[1].clone(), json!(employees(i))),
                        (ids[2].clone(), json!(["DE", "US", "FR", "JP"][i % 4])),
                    ],
                })
                .collect()
        })
        .collect();
    let options = UpsertOptions::default();
    for wave in batches.chunks(4) {
        let calls = wave
            .iter()
            .map(|rows| client.upsert_rows(&audience.id, rows, &options));
        for r in futures::future::join_all(calls).await {
            r.unwrap();
        }
    }
}

fn peak_rss_kib() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    status
        .lines()
        .find(|l| l.starts_with("VmHWM:"))?
        .split_whitespace()
        .nth(1)?
        .parse()
        .ok()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_read_path_costs_as_few_requests_as_the_question_allows() {
    let env = common::TestEnv::start().await;
    load(&env.client).await;
    let session = GtmSession::connect(env.client.clone()).await.unwrap();
    // Cache the table's metadata (its filter-metadata request).
    session
        .execute("SELECT email FROM big.contacts LIMIT 1")
        .await
        .unwrap();
    let searches = || env.served("Rows_listRows");

    // A point lookup on a text column: one search.
    let before = searches();
    let rows = session
        .execute("SELECT * FROM big.contacts WHERE email = 'person50000@example.com'")
        .await
        .unwrap();
    assert_eq!(rows.iter().map(RecordBatch::num_rows).sum::<usize>(), 1);
    assert_eq!(searches() - before, 1, "a point lookup is one search");

    // TopN: one search of at most ten rows, sorted by the server.
    let before = searches();
    let top = session
        .execute("SELECT employees FROM big.contacts ORDER BY employees DESC LIMIT 10")
        .await
        .unwrap();
    assert_eq!(searches() - before, 1, "TopN is one search");
    let got: Vec<i64> = top
        .iter()
        .flat_map(|b| b.column(0).as_primitive::<Int64Type>().values().to_vec())
        .collect();
    let mut all: Vec<i64> = (0..ROWS).map(employees).collect();
    all.sort_unstable_by(|a, b| b.cmp(a));
    assert_eq!(got, all[..10]);
    let plan = session
        .execute("EXPLAIN SELECT employees FROM big.contacts ORDER BY employees DESC LIMIT 10")
        .await
        .unwrap();
    let text = format!(
        "{}",
        datafusion::arrow::util::pretty::pretty_format_batches(&plan).unwrap()
    );
    assert!(text.contains("sort=employees DESC, limit=10"), "{text}");

    // count(*), with and without a pushable filter: at most one request.
    for (sql, expected) in [
        ("SELECT count(*) FROM big.contacts", ROWS as i64),
        (
            "SELECT count(*) FROM big.contacts WHERE employees >= 50000",
            (0..ROWS).filter(|&i| employees(i) >= 50_000).count() as i64,
        ),
    ] {
        let before = searches();
        let out = session.execute(sql).await.unwrap();
        assert!(searches() - before <= 1, "{sql}");
        assert_eq!(
            out[0].column(0).as_primitive::<Int64Type>().value(0),
            expected,
            "{sql}"
        );
    }

    // A full scan: exactly 200 pages of 500.
    let _ = std::fs::write("/proc/self/clear_refs", "5");
    let before = searches();
    let sum = session
        .execute("SELECT sum(employees), count(country) FROM big.contacts")
        .await
        .unwrap();
    assert_eq!(
        searches() - before,
        200,
        "a full scan of 100,000 rows is 200 searches"
    );
    assert_eq!(
        sum[0].column(0).as_primitive::<Int64Type>().value(0),
        (0..ROWS).map(employees).sum::<i64>()
    );
    if let Some(peak) = peak_rss_kib() {
        // The whole test process, with the emulator and its database in it.
        assert!(peak < 400 * 1024, "peak RSS {peak} KiB");
        eprintln!(
            "peak RSS during the full scan (test process incl. emulator): {} MiB",
            peak / 1024
        );
    }

    // A join of 1,000 local emails with the audience: batched searches, not a full scan.
    let emails: Vec<String> = (0..1000)
        .map(|i| format!("person{}@example.com", i * 97))
        .collect();
    let local = RecordBatch::try_new(
        Arc::new(Schema::new(vec![
            Field::new("email", DataType::Utf8View, false),
            Field::new("k", DataType::Int64, false),
        ])),
        vec![
            Arc::new(datafusion::arrow::array::StringViewArray::from(
                emails.iter().map(String::as_str).collect::<Vec<_>>(),
            )),
            Arc::new(Int64Array::from((0..1000).collect::<Vec<i64>>())),
        ],
    )
    .unwrap();
    let table = MemTable::try_new(local.schema(), vec![vec![local]]).unwrap();
    session
        .context()
        .register_table("gtm.local.leads", Arc::new(table))
        .unwrap();
    let before = searches();
    let joined = session
        .execute("SELECT l.k, b.employees FROM leads l JOIN big.contacts b ON b.email = l.email")
        .await
        .unwrap();
    let requests = searches() - before;
    assert_eq!(
        joined.iter().map(RecordBatch::num_rows).sum::<usize>(),
        1000
    );
    assert!(
        requests <= 12,
        "joining 1,000 keys took {requests} searches (10 expected)"
    );
    eprintln!("join of 1,000 local emails: {requests} searches");
}
