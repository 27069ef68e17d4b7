//! DDL against an in-process emulator: what reaches the API (the `.slt` files under
//! `sql/ddl/` cover what SQL sees afterwards).

use std::time::Duration;

use gtmsql_emulator::{Emulator, EmulatorConfig};
use serde_json::Value;

use crate::client::{Audience, AudienceClient, AudienceType, DataType, NewColumn};
use crate::session::GtmSession;

/// An emulator logging request bodies, and a session on it.
async fn start() -> (Emulator, GtmSession) {
    let emulator = Emulator::start(
        EmulatorConfig::new()
            .with_listen("127.0.0.1:0".parse().expect("an address"))
            .with_request_log(true),
    )
    .await
    .expect("the emulator starts");
    let client = AudienceClient::builder()
        .with_base_url(emulator.base_url())
        .with_client_id(emulator.client_id())
        .with_client_secret(emulator.client_secret())
        .with_request_timeout(Duration::from_secs(20))
        .build()
        .expect("the client builds");
    let session = GtmSession::connect(client)
        .await
        .expect("the session connects");
    (emulator, session)
}

async fn run(session: &GtmSession, sql: &str) {
    session
        .execute(sql)
        .await
        .unwrap_or_else(|e| panic!("{sql}: {}", e.user_message()));
}

async fn audience_named(session: &GtmSession, name: &str) -> Audience {
    let audiences = session
        .catalog()
        .client()
        .list_audiences()
        .await
        .expect("audiences");
    audiences
        .into_iter()
        .find(|a| a.name == name)
        .unwrap_or_else(|| panic!("no audience named {name}"))
}

fn served(emulator: &Emulator, operation: &str) -> u64 {
    emulator.stats().get(operation).copied().unwrap_or(0)
}

/// The last request body for `operation`.
fn last_body(emulator: &Emulator, operation: &str) -> Value {
    emulator
        .requests(operation)
        .pop()
        .unwrap_or_else(|| panic!("no {operation} request"))
}

#[tokio::test]
async fn create_table_sends_display_names_and_custom_data_types() {
    let (emulator, session) = start().await;
    run(&session, "CREATE SCHEMA trade_shows").await;
    assert_eq!(
        last_body(&emulator, "Folders_createFolder")["data"]["attributes"]["name"],
        "Trade Shows"
    );
    run(
        &session,
        r#"CREATE TABLE trade_shows."SaaStr 2026 Booth Scans" (email EMAIL, full_name VARCHAR(80), "Job Title" TEXT, tags TEXT[])"#,
    )
    .await;
    let body = last_body(&emulator, "Audiences_createAudience");
    let attributes = &body["data"]["attributes"];
    assert_eq!(attributes["name"], "SaaStr 2026 Booth Scans");
    assert_eq!(attributes["type"], "CONTACT");
    assert_eq!(attributes["origin"], "CUSTOM");
    let folder = session.catalog().folder("trade_shows").expect("the folder");
    assert_eq!(attributes["folderId"], folder.folder().id.as_str());
    let columns: Vec<(String, String, String)> = attributes["columns"]
        .as_array()
        .expect("columns")
        .iter()
        .map(|c| {
            let a = &c["attributes"];
            (
                a["name"].as_str().unwrap_or_default().to_owned(),
                a["dataType"].as_str().unwrap_or_default().to_owned(),
                a["columnType"].as_str().unwrap_or_default().to_owned(),
            )
        })
        .collect();
    let expected = [
        ("Email", "EMAIL"),
        ("Full Name", "TEXT"),
        ("Job Title", "TEXT"),
        ("Tags", "STRING_LIST"),
    ];
    assert_eq!(columns.len(), expected.len());
    for ((name, data_type, column_type), (want_name, want_type)) in columns.iter().zip(expected) {
        assert_eq!((name.as_str(), data_type.as_str()), (want_name, want_type));
        assert_eq!(column_type, "CUSTOM");
    }
}

#[tokio::test]
async fn company_type_auto_match_and_description_reach_the_api() {
    let (emulator, session) = start().await;
    run(&session, "CREATE SCHEMA f").await;
    run(
        &session,
        "CREATE TABLE f.exhibitors (company_name TEXT, website URL) WITH (type = 'COMPANY', auto_match = true, description = 'Who had a booth', notes = 'from the scanner')",
    )
    .await;
    let audience = audience_named(&session, "Exhibitors").await;
    assert_eq!(audience.audience_type, AudienceType::Company);
    assert_eq!(audience.description.as_deref(), Some("Who had a booth"));
    assert_eq!(audience.notes.as_deref(), Some("from the scanner"));
    assert_eq!(served(&emulator, "Audiences_createAudience"), 1);
    // Auto-matched criteria show on the match column once there is one; a COMPANY audience
    // takes a ZI_COMPANY_ID match column (a CONTACT one would refuse it).
    let client = session.catalog().client();
    let created = client
        .add_columns(
            &audience.id,
            &[NewColumn::zoominfo_match(
                "ZoomInfo Company",
                DataType::ZiCompanyId,
            )],
        )
        .await
        .expect("a company match column");
    let mapped: Vec<&str> = created[0]
        .match_criteria
        .iter()
        .map(|c| c.mapped_to.as_str())
        .collect();
    assert!(
        mapped.contains(&"COMPANY_NAME") && mapped.contains(&"COMPANY_WEBSITE"),
        "{mapped:?}"
    );
}

#[tokio::test]
async fn contact_is_the_default_and_auto_match_is_off_by_default() {
    let (_emulator, session) = start().await;
    run(&session, "CREATE SCHEMA f").await;
    run(&session, "CREATE TABLE f.visitors (email EMAIL)").await;
    let audience = audience_named(&session, "Visitors").await;
    assert_eq!(audience.audience_type, AudienceType::Contact);
    let created = session
        .catalog()
        .client()
        .add_columns(
            &audience.id,
            &[NewColumn::zoominfo_match(
                "ZoomInfo Contact",
                DataType::ZiContactId,
            )],
        )
        .await
        .expect("a contact match column");
    assert!(created[0].match_criteria.is_empty());
}

#[tokio::test]
async fn drop_schema_cascade_deletes_the_audiences_then_the_folder() {
    let (emulator, session) = start().await;
    run(&session, "CREATE SCHEMA f").await;
    run(&session, "CREATE TABLE f.a (x TEXT)").await;
    run(&session, "CREATE TABLE f.b (x TEXT)").await;
    let refused = session.execute("DROP SCHEMA f").await;
    assert!(refused.is_err());
    assert_eq!(served(&emulator, "Audiences_deleteAudience"), 0);
    assert_eq!(served(&emulator, "Folders_deleteFolder"), 0);
    run(&session, "DROP SCHEMA f CASCADE").await;
    assert_eq!(served(&emulator, "Audiences_deleteAudience"), 2);
    assert_eq!(served(&emulator, "Folders_deleteFolder"), 1);
    assert!(session.catalog().folder("f").is_none());
}

#[tokio::test]
async fn local_ddl_makes_no_requests() {
    let (emulator, session) = start().await;
    let before = emulator.stats();
    run(&session, "CREATE TABLE t (x INT)").await;
    run(&session, "CREATE TABLE local.u AS SELECT 1 AS y").await;
    run(&session, "DROP TABLE t").await;
    run(&session, "DROP TABLE local.u").await;
    run(&session, "CREATE VIEW v AS SELECT 1 AS z").await;
    assert_eq!(emulator.stats(), before);
}

#[tokio::test]
async fn alter_table_sends_custom_columns_renames_and_deletes() {
    let (emulator, session) = start().await;
    run(&session, "CREATE SCHEMA f").await;
    run(
        &session,
        "CREATE TABLE f.leads (email EMAIL, full_name TEXT)",
    )
    .await;
    run(&session, "ALTER TABLE f.leads ADD COLUMN lead_score NUMBER").await;
    let body = last_body(&emulator, "Columns_addColumns");
    let added = &body["data"][0]["attributes"];
    assert_eq!(added["name"], "Lead Score");
    assert_eq!(added["dataType"], "DECIMAL");
    assert_eq!(added["columnType"], "CUSTOM");
    run(
        &session,
        r#"ALTER TABLE f.leads RENAME COLUMN full_name TO "Contact""#,
    )
    .await;
    assert_eq!(
        last_body(&emulator, "Columns_patchColumn")["data"]["attributes"]["name"],
        "Contact"
    );
    run(&session, "ALTER TABLE f.leads DROP COLUMN lead_score").await;
    assert_eq!(served(&emulator, "Columns_deleteColumn"), 1);
    let audience = audience_named(&session, "Leads").await;
    let names: Vec<&str> = audience.columns.iter().map(|c| c.name.as_str()).collect();
    assert_eq!(names, ["Email", "Contact"]);
    run(&session, "ALTER TABLE f.leads RENAME TO prospects").await;
    assert_eq!(
        last_body(&emulator, "Audiences_patchAudience")["data"]["attributes"]["name"],
        "Prospects"
    );
}

#[tokio::test]
async fn a_table_comment_is_the_description() {
    let (_emulator, session) = start().await;
    run(&session, "CREATE SCHEMA f").await;
    run(
        &session,
        "CREATE TABLE f.c (x TEXT) COMMENT 'from a comment'",
    )
    .await;
    let audience = audience_named(&session, "C").await;
    assert_eq!(audience.description.as_deref(), Some("from a comment"));
}
