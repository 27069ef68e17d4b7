//! Loads of CSV files into audiences over HTTP, under the emulator's faults: keyed loads stay
//! exactly-once when bulk-upsert answers are lost after the commit, unkeyed loads name the
//! rows in doubt, and a bad value names its row and column and writes nothing.

mod common;

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use datafusion::arrow::array::AsArray;
use datafusion::arrow::datatypes::{Int64Type, UInt64Type};
use gtmsql::GtmSession;
use gtmsql::client::{
    AudienceClient, AudienceType, ColumnType, DataType, FilterOperator, NewAudience, NewColumn,
    NewFolder,
};
use gtmsql_emulator::{EmulatorConfig, FaultSpec, JobPace};

use common::TestEnv;

const ROWS: usize = 10_000;

/// An emulator injecting `faults` (seeded), with a `loads.leads` audience.
async fn env_with(faults: &str) -> (TestEnv, String) {
    let env = TestEnv::with(
        EmulatorConfig::new()
            .with_listen("127.0.0.1:0".parse().unwrap())
            .with_job_pace(JobPace::immediate())
            .with_faults(faults.parse::<FaultSpec>().unwrap())
            .with_seed(7),
    )
    .await;
    let audience_id = create_leads(&env.client).await;
    (env, audience_id)
}

async fn create_leads(client: &AudienceClient) -> String {
    let folder = client
        .create_folder(&NewFolder {
            name: "Loads".to_owned(),
            ..NewFolder::default()
        })
        .await
        .unwrap();
    let column = |name: &str, data_type: DataType| NewColumn {
        name: name.to_owned(),
        column_type: ColumnType::Custom,
        data_type: Some(data_type),
        ..NewColumn::default()
    };
    client
        .create_audience(
            &NewAudience {
                name: "Leads".to_owned(),
                audience_type: AudienceType::Contact,
                folder_id: Some(folder.id),
                columns: vec![
                    column("Email", DataType::Email),
                    column("Name", DataType::Text),
                    column("Employees", DataType::Integer),
                ],
                ..NewAudience::default()
            },
            false,
        )
        .await
        .unwrap()
        .id
}

/// A CSV of `ROWS` leads; `bad_row` (1-based) gets `employees = abc`.
fn write_csv(dir: &Path, bad_row: Option<usize>) -> PathBuf {
    let mut text = String::from("email,name,employees\n");
    for i in 1..=ROWS {
        let employees = if Some(i) == bad_row {
            "abc".to_owned()
        } else {
            (i * 3).to_string()
        };
        writeln!(text, "lead{i}@company{}.com,Lead {i},{employees}", i % 97).unwrap();
    }
    std::fs::create_dir_all(dir).unwrap();
    let path = dir.join("leads.csv");
    std::fs::write(&path, text).unwrap();
    path
}

fn temp_dir(name: &str) -> PathBuf {
    std::env::temp_dir().join(format!("gtmsql-loads-{}-{name}", std::process::id()))
}

async fn session_with_csv(env: &TestEnv, csv: &Path) -> GtmSession {
    let session = GtmSession::connect(env.client.clone()).await.unwrap();
    session
        .execute(&format!(
            "CREATE EXTERNAL TABLE leads_csv STORED AS CSV LOCATION '{}' OPTIONS ('format.has_header' 'true')",
            csv.display()
        ))
        .await
        .unwrap();
    session
}

async fn count(session: &GtmSession, sql: &str) -> u64 {
    let batches = session.execute(sql).await.unwrap();
    let column = batches[0].column(0);
    column
        .as_primitive_opt::<Int64Type>()
        .map(|a| a.value(0) as u64)
        .or_else(|| column.as_primitive_opt::<UInt64Type>().map(|a| a.value(0)))
        .expect("a count")
}

const KEYED_LOAD: &str = "INSERT INTO loads.leads (email, name, employees) \
     SELECT email, name, employees FROM leads_csv \
     ON CONFLICT (email) DO UPDATE SET name = EXCLUDED.name, employees = EXCLUDED.employees";

#[tokio::test]
async fn keyed_loads_are_exactly_once_when_upsert_answers_are_lost() {
    let (env, audience_id) = env_with("drop=5%@Rows_bulkUpsertRows").await;
    let dir = temp_dir("keyed");
    let csv = write_csv(&dir, None);
    let session = session_with_csv(&env, &csv).await;

    assert_eq!(count(&session, KEYED_LOAD).await, ROWS as u64);
    assert_eq!(
        count(&session, "SELECT count(*) FROM loads.leads").await,
        ROWS as u64
    );
    assert_eq!(
        count(&session, "SELECT count(DISTINCT email) FROM loads.leads").await,
        ROWS as u64
    );
    // The first pass looks every key up once (one page each: none exists yet); any search
    // beyond that is a lost answer being resolved by looking its chunk's keys up again.
    let limit = env
        .client
        .filter_metadata(&audience_id)
        .await
        .unwrap()
        .into_iter()
        .find(|m| {
            m.operators
                .iter()
                .any(|o| o.operator == FilterOperator::Equals)
        })
        .and_then(|m| {
            m.operators
                .into_iter()
                .find(|o| o.operator == FilterOperator::Equals)
                .and_then(|o| o.value_count_limit)
        })
        .unwrap_or(100) as u64;
    let first_pass_lookups = (ROWS as u64).div_ceil(limit);
    let searches = env.served("Rows_listRows");
    assert!(
        searches > first_pass_lookups,
        "no lost answer was resolved: {searches} searches for {first_pass_lookups} lookups (pick another seed)"
    );

    // The same load again updates every row and creates none.
    assert_eq!(count(&session, KEYED_LOAD).await, ROWS as u64);
    assert_eq!(
        count(&session, "SELECT count(*) FROM loads.leads").await,
        ROWS as u64
    );
    assert_eq!(
        count(
            &session,
            "SELECT count(*) FROM loads.leads l JOIN leads_csv c ON c.email = l.email AND c.employees = l.employees AND c.name = l.name"
        )
        .await,
        ROWS as u64
    );
    let _ = std::fs::remove_dir_all(dir);
}

#[tokio::test]
async fn unkeyed_loads_name_the_rows_whose_fate_is_unknown() {
    let (env, _) = env_with("drop=100%@Rows_bulkUpsertRows").await;
    let dir = temp_dir("unkeyed");
    let csv = write_csv(&dir, None);
    let session = session_with_csv(&env, &csv).await;

    let error = session
        .execute(
            "INSERT INTO loads.leads (email, name, employees) SELECT email, name, employees FROM leads_csv WHERE employees <= 3600",
        )
        .await
        .expect_err("every answer is lost")
        .user_message();
    assert!(
        error.contains("source rows 1–1,200 may or may not have been written"),
        "{error}"
    );
    assert!(error.contains("ON CONFLICT"), "{error}");
    // A create is never re-sent blindly: one request per 500-row chunk, no more.
    assert_eq!(env.served("Rows_bulkUpsertRows"), 3);
    // They did arrive (the fault drops the answer after the commit).
    assert_eq!(
        count(&session, "SELECT count(*) FROM loads.leads").await,
        1200
    );
    let _ = std::fs::remove_dir_all(dir);
}

#[tokio::test]
async fn a_bad_value_names_its_row_and_column_and_writes_nothing() {
    let env = TestEnv::start().await;
    create_leads(&env.client).await;
    let dir = temp_dir("bad");
    let csv = write_csv(&dir, Some(7345));
    let session = session_with_csv(&env, &csv).await;

    let error = session
        .execute(KEYED_LOAD)
        .await
        .expect_err("row 7,345 is bad")
        .user_message();
    assert!(error.contains("row 7,345"), "{error}");
    assert!(error.contains("employees"), "{error}");
    assert!(error.contains("'abc'"), "{error}");
    assert!(error.contains("nothing was written"), "{error}");
    assert_eq!(env.served("Rows_bulkUpsertRows"), 0);
    assert_eq!(count(&session, "SELECT count(*) FROM loads.leads").await, 0);
    let _ = std::fs::remove_dir_all(dir);
}

#[tokio::test]
async fn a_plain_load_then_the_same_keyed_load_leaves_one_row_per_key() {
    let env = TestEnv::start().await;
    create_leads(&env.client).await;
    let dir = temp_dir("plain-then-keyed");
    let csv = write_csv(&dir, None);
    let session = session_with_csv(&env, &csv).await;

    let plain = "INSERT INTO loads.leads (email, name, employees) SELECT email, name, employees FROM leads_csv";
    assert_eq!(count(&session, plain).await, ROWS as u64);
    assert_eq!(
        env.served("Rows_bulkUpsertRows"),
        (ROWS as u64).div_ceil(500)
    );
    assert_eq!(count(&session, KEYED_LOAD).await, ROWS as u64);
    assert_eq!(
        count(&session, "SELECT count(*) FROM loads.leads").await,
        ROWS as u64
    );
    // The keyed load updated the rows the plain one created.
    assert_eq!(
        env.served("Rows_bulkUpsertRows"),
        2 * (ROWS as u64).div_ceil(500)
    );
    let _ = std::fs::remove_dir_all(dir);
}
