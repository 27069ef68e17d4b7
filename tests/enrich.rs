//! Enrichment at the HTTP level: what `CALL enrich` and the column procedures actually send
//! (read back from the emulator's request log), that `rows => 'retryable'` and
//! `rows => 'blank'` name exactly the rows they should, that procedures send nothing until
//! collected, and the Rust API without SQL.

mod common;

use std::collections::BTreeSet;
use std::sync::{Arc, Mutex};

use common::TestEnv;
use datafusion::arrow::array::{Array, AsArray, RecordBatch};
use datafusion::arrow::datatypes::Int64Type;
use datafusion::common::TableReference;
use gtmsql::GtmSession;
use gtmsql::client::{
    AudienceClient, AudienceType, DataType, NewAudience, NewColumn, NewFolder, UpsertOptions,
    UpsertRow,
};
use gtmsql::jobs::enrich::{EnrichOptions, RowSelection, enrich};
use gtmsql::jobs::{JobKind, Progress};
use gtmsql_emulator::samples::{self, Sample};
use gtmsql_emulator::{EmulatorConfig, JobPace};
use serde_json::{Value, json};

const ENRICH: &str = "Audiences_enrichAudience";

/// An emulator that records request bodies, with jobs that run at once and no AI failures.
async fn env() -> TestEnv {
    TestEnv::with(
        EmulatorConfig::new()
            .with_listen("127.0.0.1:0".parse().expect("address"))
            .with_job_pace(JobPace::immediate())
            .with_ai_error_rate(0.0)
            .with_request_log(true),
    )
    .await
}

/// The emails of the test audience, by what they do when enriched.
struct Emails {
    matching: Vec<String>,
    retryable: Vec<String>,
    permanent: Vec<String>,
    unknown: Vec<String>,
}

impl Emails {
    fn new() -> Self {
        Self {
            matching: samples::contact_emails(Sample::Matching, 3),
            retryable: samples::contact_emails(Sample::RetryableFailure, 3),
            permanent: samples::contact_emails(Sample::PermanentFailure, 2),
            unknown: (0..2).map(samples::unknown_email).collect(),
        }
    }

    fn all(&self) -> Vec<String> {
        [
            &self.matching,
            &self.retryable,
            &self.permanent,
            &self.unknown,
        ]
        .into_iter()
        .flatten()
        .cloned()
        .collect()
    }
}

/// Creates `leads.scans` (CONTACT; Email, Full Name) holding `emails`.
async fn audience(client: &AudienceClient, emails: &[String]) {
    let folder = client
        .create_folder(&NewFolder {
            name: "Leads".to_owned(),
            ..NewFolder::default()
        })
        .await
        .expect("folder");
    let created = client
        .create_audience(
            &NewAudience {
                name: "Scans".to_owned(),
                audience_type: AudienceType::Contact,
                folder_id: Some(folder.id),
                columns: vec![
                    NewColumn::custom("Email", DataType::Email),
                    NewColumn::custom("Full Name", DataType::Text),
                ],
                ..NewAudience::default()
            },
            false,
        )
        .await
        .expect("audience");
    insert(client, &created.id, &created.columns[0].id, emails).await;
}

/// Adds rows with these emails; returns their ids.
async fn insert(
    client: &AudienceClient,
    audience_id: &str,
    email_column: &str,
    emails: &[String],
) -> Vec<String> {
    let rows: Vec<UpsertRow> = emails
        .iter()
        .map(|e| UpsertRow::create([(email_column.to_owned(), json!(e))]))
        .collect();
    client
        .upsert_rows(audience_id, &rows, &UpsertOptions::default())
        .await
        .expect("rows")
        .into_iter()
        .map(|r| r.id)
        .collect()
}

/// The guide's setup on `leads.scans`: a match column, an AI column, criteria on the email.
async fn guide_columns(session: &GtmSession) {
    for sql in [
        "CALL add_match_column('leads.scans', 'ZoomInfo Contact')",
        "CALL add_ai_column('leads.scans', 'Follow-up Angle', prompt => 'In one sentence, suggest an opening angle.', tool => 'AI_WEB_RESEARCH', depends_on => ['full_name', 'kb:companyName'])",
        "CALL set_match_criteria('leads.scans', email => 'CONTACT_EMAIL')",
    ] {
        session.execute(sql).await.expect(sql);
    }
}

fn one_row(batches: &[RecordBatch]) -> &RecordBatch {
    let rows: usize = batches.iter().map(RecordBatch::num_rows).sum();
    assert_eq!(rows, 1, "one row expected");
    batches.iter().find(|b| b.num_rows() == 1).expect("a batch")
}

fn int(batch: &RecordBatch, name: &str) -> Option<i64> {
    let column = batch.column_by_name(name).expect(name);
    let column = column.as_primitive::<Int64Type>();
    (!column.is_null(0)).then(|| column.value(0))
}

fn text(batch: &RecordBatch, name: &str) -> Option<String> {
    let column = batch.column_by_name(name).expect(name);
    let column =
        datafusion::arrow::compute::cast(column, &datafusion::arrow::datatypes::DataType::Utf8)
            .expect("text");
    let column = column.as_string::<i32>();
    (!column.is_null(0)).then(|| column.value(0).to_owned())
}

/// The first column of a query's rows, as text.
async fn strings(session: &GtmSession, sql: &str) -> Vec<String> {
    let batches = session.execute(sql).await.expect(sql);
    let mut out = Vec::new();
    for batch in &batches {
        let column = datafusion::arrow::compute::cast(
            batch.column(0),
            &datafusion::arrow::datatypes::DataType::Utf8,
        )
        .expect("text");
        let column = column.as_string::<i32>();
        out.extend((0..column.len()).map(|i| column.value(i).to_owned()));
    }
    out
}

/// The row ids named by an enrichment request body (empty for scope AUDIENCE).
fn request_rows(body: &Value) -> BTreeSet<String> {
    body["data"]["attributes"]["rows"]
        .as_array()
        .map(|rows| {
            rows.iter()
                .map(|r| r.as_str().expect("row id").to_owned())
                .collect()
        })
        .unwrap_or_default()
}

fn quoted(ids: &BTreeSet<String>) -> String {
    ids.iter()
        .map(|id| format!("'{id}'"))
        .collect::<Vec<_>>()
        .join(", ")
}

#[tokio::test]
async fn retryable_mode_re_enriches_exactly_the_rows_with_retryable_errors() {
    let env = env().await;
    let emails = Emails::new();
    audience(&env.client, &emails.all()).await;
    let session = GtmSession::connect(env.client.clone())
        .await
        .expect("session");
    guide_columns(&session).await;

    let batches = session
        .execute("CALL enrich('leads.scans')")
        .await
        .expect("enrich all");
    let first = one_row(&batches);
    assert_eq!(int(first, "rows"), Some(10));
    // The retryable rows' match cells fail retryably; their AI cells have no match to use.
    assert_eq!(int(first, "retryable"), Some(3));
    assert_eq!(int(first, "error"), Some(5));
    assert_eq!(
        text(first, "status").as_deref(),
        Some("PARTIALLY_SUCCEEDED")
    );
    let sent = env.emulator.requests(ENRICH);
    assert_eq!(sent.len(), 1);
    assert_eq!(sent[0]["data"]["attributes"]["scope"], "AUDIENCE");
    assert!(request_rows(&sent[0]).is_empty());

    // The rows whose cells are ERROR with retryable = true, and that they are the rows of the
    // retryable sample emails.
    let retryable: BTreeSet<String> = strings(
        &session,
        "SELECT DISTINCT row_id FROM cells('leads.scans') WHERE state = 'ERROR' AND retryable",
    )
    .await
    .into_iter()
    .collect();
    assert_eq!(retryable.len(), 3);
    let retryable_emails: BTreeSet<String> = strings(
        &session,
        &format!(
            "SELECT email FROM leads.scans WHERE _row_id IN ({})",
            quoted(&retryable)
        ),
    )
    .await
    .into_iter()
    .collect();
    assert_eq!(
        retryable_emails,
        emails.retryable.iter().cloned().collect::<BTreeSet<_>>()
    );

    let batches = session
        .execute("CALL enrich('leads.scans', rows => 'retryable')")
        .await
        .expect("enrich retryable");
    let again = one_row(&batches);
    assert_eq!(int(again, "rows"), Some(3));
    // Both columns of the three rows now hold results: the match succeeds on the retry and
    // the AI column writes from it.
    assert_eq!(int(again, "result"), Some(6));
    assert_eq!(int(again, "error"), Some(0));
    assert_eq!(text(again, "status").as_deref(), Some("SUCCEEDED"));

    // On the wire: one more enrichment, scope ROW, naming exactly those rows.
    let sent = env.emulator.requests(ENRICH);
    assert_eq!(sent.len(), 2);
    let body = &sent[1];
    assert_eq!(body["data"]["attributes"]["scope"], "ROW");
    let named = body["data"]["attributes"]["rows"]
        .as_array()
        .expect("rows")
        .len();
    assert_eq!(named, 3, "each row named once");
    assert_eq!(request_rows(body), retryable);
    assert!(
        body["data"]["attributes"].get("columns").is_none(),
        "no columns => every enrichable column"
    );

    // Those cells end RESULT; the permanent failures were left alone.
    let states = strings(
        &session,
        &format!(
            "SELECT DISTINCT state FROM cells('leads.scans') WHERE row_id IN ({}) AND column IN ('zoominfo_contact', 'follow_up_angle')",
            quoted(&retryable)
        ),
    )
    .await;
    assert_eq!(states, vec!["RESULT".to_owned()]);
    let errors = strings(
        &session,
        "SELECT b.email FROM cells('leads.scans') c JOIN leads.scans b ON c.row_id = b._row_id WHERE c.state = 'ERROR' ORDER BY b.email",
    )
    .await;
    let mut permanent = emails.permanent.clone();
    permanent.sort();
    assert_eq!(errors, permanent);

    // Nothing retryable is left: no request at all.
    let batches = session
        .execute("CALL enrich('leads.scans', rows => 'retryable')")
        .await
        .expect("nothing to do");
    assert_eq!(
        text(one_row(&batches), "status").as_deref(),
        Some("NOTHING_TO_DO")
    );
    assert_eq!(env.emulator.requests(ENRICH).len(), 2);

    let jobs = strings(
        &session,
        "SELECT status FROM gtm_jobs() ORDER BY started_at",
    )
    .await;
    assert_eq!(jobs, vec!["PARTIALLY_SUCCEEDED", "SUCCEEDED"]);
}

#[tokio::test]
async fn blank_mode_enriches_exactly_the_rows_added_since() {
    let env = env().await;
    let emails = Emails::new();
    audience(&env.client, &emails.matching).await;
    let session = GtmSession::connect(env.client.clone())
        .await
        .expect("session");
    guide_columns(&session).await;
    session
        .execute("CALL enrich('leads.scans')")
        .await
        .expect("enrich all");

    let table = session
        .catalog()
        .resolve_audience(&TableReference::parse_str("leads.scans"))
        .await
        .expect("table");
    let state = table.state();
    let email = &state.layout.columns[0].column.id;
    let added: BTreeSet<String> = insert(&env.client, &state.audience_id, email, &emails.unknown)
        .await
        .into_iter()
        .collect();

    let batches = session
        .execute("CALL enrich('leads.scans', columns => ['zoominfo_contact'], rows => 'blank')")
        .await
        .expect("enrich blank");
    let row = one_row(&batches);
    assert_eq!(int(row, "rows"), Some(2));
    // The new emails match nothing; only the match column was enriched and counted.
    assert_eq!(int(row, "no_result"), Some(2));
    assert_eq!(int(row, "result"), Some(0));
    let sent = env.emulator.requests(ENRICH);
    let body = sent.last().expect("a request");
    assert_eq!(body["data"]["attributes"]["scope"], "ROW");
    assert_eq!(request_rows(body), added);
    let match_column = state
        .layout
        .columns
        .iter()
        .find(|c| c.name == "zoominfo_contact")
        .expect("match column");
    assert_eq!(
        body["data"]["attributes"]["columns"],
        json!([match_column.column.id])
    );

    // The AI cells of the new rows are still blank: rows => 'blank' over every enrichable
    // column finds the same two rows again.
    session
        .execute("CALL enrich('leads.scans', rows => 'blank')")
        .await
        .expect("enrich blank again");
    let sent = env.emulator.requests(ENRICH);
    assert_eq!(request_rows(sent.last().expect("a request")), added);
}

#[tokio::test]
async fn ai_column_dependencies_are_checked_before_anything_is_created() {
    let env = env().await;
    audience(&env.client, &samples::contact_emails(Sample::Matching, 1)).await;
    let session = GtmSession::connect(env.client.clone())
        .await
        .expect("session");
    guide_columns(&session).await;

    let created = env.emulator.requests("Columns_addColumns");
    assert_eq!(created.len(), 2);
    let ai = &created[1]["data"][0]["attributes"];
    assert_eq!(ai["columnType"], "AI");
    assert_eq!(ai["tool"], "AI_WEB_RESEARCH");
    let table = session
        .catalog()
        .resolve_audience(&TableReference::parse_str("leads.scans"))
        .await
        .expect("table");
    let full_name = &table.state().layout.columns[1];
    assert_eq!(full_name.name, "full_name");
    assert_eq!(
        ai["dataDependencies"],
        json!([
            {"id": full_name.column.id, "type": "COLUMN"},
            {"id": "companyName", "type": "KNOWLEDGE_BASE"}
        ])
    );

    let e = session
        .execute("CALL add_ai_column('leads.scans', 'Bad', prompt => 'p', depends_on => ['full_name', 'shoe_size'])")
        .await
        .expect_err("unknown dependency");
    assert!(
        e.user_message().contains("unknown dependency 'shoe_size'"),
        "{}",
        e.user_message()
    );
    assert_eq!(env.emulator.requests("Columns_addColumns").len(), 2);
}

#[tokio::test]
async fn procedures_send_nothing_until_collected() {
    let env = env().await;
    audience(&env.client, &samples::contact_emails(Sample::Matching, 2)).await;
    let session = GtmSession::connect(env.client.clone())
        .await
        .expect("session");
    let before = env.emulator.stats();

    let frame = session
        .sql("CALL add_match_column('leads.scans', 'ZoomInfo Contact')")
        .await
        .expect("planned");
    let cells = session
        .sql("SELECT * FROM cells('leads.scans')")
        .await
        .expect("planned");
    assert_eq!(env.emulator.stats(), before, "planning sent requests");

    frame.collect().await.expect("ran");
    assert_eq!(env.served("Columns_addColumns"), 1);
    let batches = cells.collect().await.expect("ran");
    let rows: usize = batches.iter().map(RecordBatch::num_rows).sum();
    // Planned before the match column existed, run after: the table function reads the
    // audience as it is when it runs.
    assert_eq!(rows, 2 * 3);
}

#[tokio::test]
async fn enrich_from_rust_reports_progress_and_records_the_job() {
    let env = env().await;
    let emails = Emails::new();
    audience(&env.client, &emails.all()).await;
    let session = GtmSession::connect(env.client.clone())
        .await
        .expect("session");
    guide_columns(&session).await;
    let events: Arc<Mutex<Vec<Progress>>> = Arc::default();
    let sink = Arc::clone(&events);
    session
        .jobs()
        .set_observer(Some(Arc::new(move |p: &Progress| {
            sink.lock().expect("events").push(p.clone());
        })));

    let table = session
        .catalog()
        .resolve_audience(&TableReference::parse_str("leads.scans"))
        .await
        .expect("table");
    let outcome = enrich(
        table.state(),
        session.jobs(),
        &EnrichOptions {
            columns: Some(vec!["zoominfo_contact".to_owned()]),
            ..EnrichOptions::default()
        },
    )
    .await
    .expect("enriched");
    assert_eq!(outcome.job_ids.len(), 1);
    assert_eq!(outcome.rows, 10);
    let cells = outcome.cells.expect("counted");
    assert_eq!(
        (cells.result, cells.no_result, cells.error, cells.retryable),
        (3, 2, 5, 3)
    );
    let jobs = session.jobs().list();
    assert_eq!(jobs.len(), 1);
    assert_eq!(jobs[0].job_id, outcome.job_ids[0]);
    assert_eq!(jobs[0].kind, JobKind::Enrich);
    assert_eq!(jobs[0].audience, "leads.scans");
    assert_eq!(Some(&jobs[0].status), outcome.status.as_ref());
    let seen = events.lock().expect("events").clone();
    assert!(
        seen.iter().any(|p| matches!(
            p,
            Progress::Job { job_id, kind: JobKind::Enrich, .. } if *job_id == outcome.job_ids[0]
        )),
        "{seen:?}"
    );

    // Without waiting: accepted, not counted.
    let outcome = enrich(
        table.state(),
        session.jobs(),
        &EnrichOptions {
            rows: RowSelection::Errors,
            wait: false,
            ..EnrichOptions::default()
        },
    )
    .await
    .expect("started");
    assert_eq!(outcome.rows, 5);
    assert!(outcome.cells.is_none());
    assert_eq!(session.jobs().list().len(), 2);
}
