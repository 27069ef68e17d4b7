//! Load a CSV file into an audience and enrich it, as in the user guide.
//!
//! Writes a small CSV of conference leads, creates the guide's audience (match column and
//! AI research column) with SQL, loads the file with `INSERT … ON CONFLICT (email)` (run
//! twice: the second run updates, it does not duplicate), enriches it while printing the
//! job's progress, and prints each lead with its ZoomInfo contact id and follow-up angle.
//!
//! Run with `cargo run --example load_csv_and_enrich`.

#![allow(clippy::print_stdout, reason = "an example prints its results")]

use std::sync::Arc;

use datafusion::arrow::util::pretty::pretty_format_batches;
use gtmsql::GtmSession;
use gtmsql::embedded::Embedded;
use gtmsql::jobs::Progress;

const CSV: &str = "email,name,company
dana@northwind.io,Dana Lin,Northwind
marco@brightloom.com,Marco Reyes,Brightloom
nobody@unknown-company.example,No Body,Unknown Co
";

#[tokio::main]
async fn main() -> gtmsql::Result<()> {
    let dir = std::env::temp_dir().join(format!("gtmsql-example-{}", std::process::id()));
    std::fs::create_dir_all(&dir).map_err(|e| gtmsql::Error::Invalid(e.to_string()))?;
    let csv = dir.join("leads.csv");
    std::fs::write(&csv, CSV).map_err(|e| gtmsql::Error::Invalid(e.to_string()))?;

    let embedded = Embedded::start(None).await?;
    let session = GtmSession::connect(embedded.client().clone()).await?;
    session
        .jobs()
        .set_observer(Some(Arc::new(|progress: &Progress| {
            if let Progress::Job {
                kind,
                status,
                percent,
                ..
            } = progress
            {
                println!(
                    "  {kind} job: {} {}%",
                    status.as_str(),
                    percent.unwrap_or(0)
                );
            }
        })));
    let table = "events.saastr_2026_booth_scans";
    let load = format!(
        "INSERT INTO {table} (email, full_name, company) SELECT email, name, company FROM leads \
         ON CONFLICT (email) DO UPDATE SET full_name = EXCLUDED.full_name, company = EXCLUDED.company"
    );
    for statement in [
        format!(
            "CREATE EXTERNAL TABLE leads STORED AS CSV LOCATION '{}' OPTIONS ('format.has_header' 'true')",
            csv.display()
        ),
        "CREATE SCHEMA events".to_owned(),
        "CREATE TABLE events.\"SaaStr 2026 Booth Scans\" (\"Email\" EMAIL, \"Full Name\" TEXT, \"Company\" TEXT) \
         WITH (auto_match = true)"
            .to_owned(),
        format!("CALL add_match_column('{table}', 'ZoomInfo Contact')"),
        format!(
            "CALL add_ai_column('{table}', 'Follow-up Angle', prompt => 'In one sentence, suggest an opening angle \
             for a sales follow-up based on their company and recent activity.', tool => 'AI_WEB_RESEARCH', \
             depends_on => ['company'])"
        ),
    ] {
        session.execute(&statement).await?;
    }
    for run in ["first", "second"] {
        let batches = session.execute(&load).await?;
        println!("{run} load: {}", pretty_format_batches(&batches)?);
    }
    println!("enriching:");
    let result = session.execute(&format!("CALL enrich('{table}')")).await?;
    println!("{}", pretty_format_batches(&result)?);
    let rows = session
        .execute(&format!(
            "SELECT full_name, zoominfo_contact, follow_up_angle FROM {table} ORDER BY full_name"
        ))
        .await?;
    println!("{}", pretty_format_batches(&rows)?);
    embedded.shutdown().await;
    let _ = std::fs::remove_dir_all(dir);
    Ok(())
}
