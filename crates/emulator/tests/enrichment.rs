//! Enrichment: the job's life (LOADING cells, SCHEDULED → RUNNING → terminal with rising
//! progress), match outcomes, retryable errors, FORMULA and AI columns, runEnrichment.

mod common;

use std::time::Duration;

use common::{Api, cell, config};
use gtmsql_emulator::JobPace;
use gtmsql_emulator::samples::{self, Sample};
use serde_json::{Value, json};

struct Setup {
    api: Api,
    id: String,
    email: String,
    matched: String,
    formula: String,
    prose: String,
    web: String,
    analysis: String,
}

async fn setup(api: Api) -> Setup {
    let (id, cols) = api
        .audience("Enrich", &[("Email", "EMAIL"), ("Full Name", "TEXT")])
        .await;
    let email = cols[0].clone();
    let prompt = "In one sentence, suggest a relevant opening angle for a sales follow-up.";
    let added = api
        .post(&format!("/audiences/{id}/columns/actions/bulk/create"), json!({"data": [
            {"type": "Column", "attributes": {"columnType": "ZOOMINFO_MATCH", "name": "ZoomInfo Contact", "dataType": "ZI_CONTACT_ID"}},
            {"type": "Column", "attributes": {"columnType": "FORMULA", "name": "Domain", "prompt": "Email ? Email.split('@')[1] : null"}},
            {"type": "Column", "attributes": {"columnType": "FORMULA", "name": "Prose", "prompt": "the domain part of the email"}},
            {"type": "Column", "attributes": {"columnType": "AI", "name": "Web angle", "tool": "AI_WEB_RESEARCH", "prompt": prompt}},
            {"type": "Column", "attributes": {"columnType": "AI", "name": "Data angle", "tool": "AI_DATA_ANALYSIS", "prompt": prompt}}
        ]}))
        .await
        .expect(201);
    let ids: Vec<String> = added["data"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["id"].as_str().unwrap().to_owned())
        .collect();
    api.post(&format!("/audiences/{id}/actions/match-criteria"),
        json!({"data": {"type": "UpsertMatchCriteria", "attributes": {"matchCriteria": [{"columnId": email, "mappedTo": "CONTACT_EMAIL"}]}}}))
        .await
        .expect(200);
    Setup {
        api,
        id,
        email,
        matched: ids[0].clone(),
        formula: ids[1].clone(),
        prose: ids[2].clone(),
        web: ids[3].clone(),
        analysis: ids[4].clone(),
    }
}

impl Setup {
    async fn enrich(&self, body: Value) -> String {
        let job = self
            .api
            .post(&format!("/audiences/{}/actions/enrich", self.id), body)
            .await
            .expect(202);
        job["data"]["id"].as_str().unwrap().to_owned()
    }

    async fn row(&self, id: &str) -> Value {
        self.api
            .get(&format!("/audiences/{}/rows/{id}", self.id))
            .await
            .expect(200)["data"]
            .clone()
    }
}

fn audience_scope() -> Value {
    json!({"data": {"type": "AudienceEnrichment", "attributes": {"scope": "AUDIENCE"}}})
}

#[tokio::test]
async fn a_job_goes_through_loading_to_a_terminal_state_with_rising_progress() {
    let pace = JobPace {
        schedule_delay: Duration::from_millis(300),
        step_rows: 40,
        step_delay: Duration::from_millis(60),
    };
    let s = setup(Api::with(config().with_job_pace(pace).with_ai_error_rate(0.0)).await).await;
    let emails = samples::contact_emails(Sample::Matching, 390);
    let rows: Vec<Vec<(&str, Value)>> = emails
        .iter()
        .map(|e| vec![(s.email.as_str(), json!(e))])
        .collect();
    let ids = s.api.insert(&s.id, &rows).await;

    let job = s
        .enrich(
            json!({"data": {"type": "AudienceEnrichment", "attributes": {"scope": "AUDIENCE",
            "columns": [s.matched, s.formula, s.web, s.analysis]}}}),
        )
        .await;
    // Right after the 202 the targeted cells are LOADING and the job is SCHEDULED.
    let first = s.row(&ids[0]).await;
    for col in [&s.matched, &s.formula, &s.web] {
        assert_eq!(cell(&first, col)["state"], "LOADING", "{col}");
        assert_eq!(cell(&first, col)["value"], Value::Null);
    }
    assert_eq!(
        cell(&first, &s.email)["state"],
        "RESULT",
        "CUSTOM cells are untouched"
    );
    let seen = s.api.wait_job(&s.id, &job).await;
    let statuses: Vec<&str> = seen
        .iter()
        .map(|b| b["data"]["attributes"]["status"].as_str().unwrap())
        .collect();
    let percents: Vec<u64> = seen
        .iter()
        .map(|b| b["data"]["attributes"]["percentProgress"].as_u64().unwrap())
        .collect();
    assert_eq!(statuses[0], "SCHEDULED");
    assert!(statuses.contains(&"RUNNING"), "{statuses:?}");
    assert_eq!(*statuses.last().unwrap(), "SUCCEEDED");
    assert!(
        percents.windows(2).all(|w| w[0] <= w[1]),
        "progress never goes back: {percents:?}"
    );
    let distinct: std::collections::BTreeSet<u64> = percents.iter().copied().collect();
    assert!(distinct.len() >= 4, "progress rises in steps: {percents:?}");
    assert_eq!(*percents.last().unwrap(), 100);
    assert_eq!(seen[0]["data"]["type"], "JobStatus");

    let last = s.row(ids.last().unwrap()).await;
    assert_eq!(cell(&last, &s.matched)["state"], "RESULT");
    assert!(
        cell(&last, &s.matched)["value"]
            .as_str()
            .unwrap()
            .chars()
            .all(|c| c.is_ascii_digit())
    );
    assert_eq!(
        cell(&last, &s.formula)["value"],
        emails.last().unwrap().split('@').nth(1).unwrap()
    );
}

#[tokio::test]
async fn match_outcomes_and_computed_columns() {
    let s = setup(Api::with(config().with_ai_error_rate(0.0)).await).await;
    let rows = vec![
        vec![(s.email.as_str(), json!("dana@northwind.io"))],
        vec![(s.email.as_str(), json!(samples::unknown_email(1)))],
        vec![(s.email.as_str(), Value::Null)],
    ];
    let ids = s.api.insert(&s.id, &rows).await;
    let job = s.enrich(audience_scope()).await;
    let seen = s.api.wait_job(&s.id, &job).await;
    assert_eq!(
        seen.last().unwrap()["data"]["attributes"]["status"],
        "PARTIALLY_SUCCEEDED"
    );

    let dana = s.row(&ids[0]).await;
    assert_eq!(cell(&dana, &s.matched)["state"], "RESULT");
    assert_eq!(cell(&dana, &s.formula)["value"], "northwind.io");
    let prose = cell(&dana, &s.prose);
    assert_eq!(prose["state"], "ERROR");
    assert_eq!(prose["errorDetails"]["retryable"], false);
    assert!(
        prose["errorDetails"]["description"]
            .as_str()
            .unwrap()
            .contains("JavaScript")
    );
    let web = cell(&dana, &s.web)["value"].as_str().unwrap().to_owned();
    let analysis = cell(&dana, &s.analysis)["value"]
        .as_str()
        .unwrap()
        .to_owned();
    assert!(
        web.contains("Northwind") && analysis.contains("Northwind"),
        "{web} / {analysis}"
    );
    assert_ne!(web, analysis, "the tools differ");

    let nobody = s.row(&ids[1]).await;
    assert_eq!(cell(&nobody, &s.matched)["state"], "NO_RESULT");
    assert_eq!(
        cell(&nobody, &s.web)["state"],
        "NO_RESULT",
        "AI needs a matched record"
    );
    assert_eq!(
        cell(&nobody, &s.formula)["value"],
        "no-such-company.example"
    );

    let blank = s.row(&ids[2]).await;
    assert_eq!(cell(&blank, &s.matched)["state"], "ERROR");
    assert_eq!(
        cell(&blank, &s.matched)["errorDetails"]["summary"],
        "Insufficient match input"
    );
    assert_eq!(cell(&blank, &s.formula)["state"], "NO_RESULT");
}

#[tokio::test]
async fn retryable_errors_succeed_when_enriched_again() {
    let s = setup(Api::with(config().with_ai_error_rate(0.0)).await).await;
    let flaky = samples::contact_emails(Sample::RetryableFailure, 3);
    let broken = samples::contact_emails(Sample::PermanentFailure, 2);
    let rows: Vec<Vec<(&str, Value)>> = flaky
        .iter()
        .chain(&broken)
        .map(|e| vec![(s.email.as_str(), json!(e))])
        .collect();
    let ids = s.api.insert(&s.id, &rows).await;
    let job = s.enrich(audience_scope()).await;
    s.api.wait_job(&s.id, &job).await;
    for (i, id) in ids.iter().enumerate() {
        let row = s.row(id).await;
        let m = cell(&row, &s.matched);
        assert_eq!(m["state"], "ERROR", "row {i}");
        assert_eq!(m["errorDetails"]["retryable"], i < 3, "row {i}: {m}");
        assert!(m["errorDetails"]["summary"].as_str().unwrap().len() > 3);
    }
    // Enrich just those rows again (scope ROW): the retryable ones now succeed.
    let job = s
        .enrich(json!({"data": {"type": "AudienceEnrichment", "attributes": {"scope": "ROW", "rows": ids, "columns": [s.matched]}}}))
        .await;
    s.api.wait_job(&s.id, &job).await;
    for (i, id) in ids.iter().enumerate() {
        let row = s.row(id).await;
        let expected = if i < 3 { "RESULT" } else { "ERROR" };
        assert_eq!(cell(&row, &s.matched)["state"], expected, "row {i}");
        assert_eq!(
            cell(&row, &s.web)["state"],
            "NO_RESULT",
            "columns outside the request keep their first-run state"
        );
    }
}

#[tokio::test]
async fn ai_cells_can_fail_retryably_too() {
    let s = setup(Api::with(config().with_ai_error_rate(1.0)).await).await;
    let emails = samples::contact_emails(Sample::Matching, 2);
    let rows: Vec<Vec<(&str, Value)>> = emails
        .iter()
        .map(|e| vec![(s.email.as_str(), json!(e))])
        .collect();
    let ids = s.api.insert(&s.id, &rows).await;
    s.api
        .wait_job(&s.id, &s.enrich(audience_scope()).await)
        .await;
    let row = s.row(&ids[0]).await;
    assert_eq!(
        cell(&row, &s.matched)["state"],
        "RESULT",
        "{row:#} {emails:?}"
    );
    assert_eq!(cell(&row, &s.web)["state"], "ERROR");
    assert_eq!(cell(&row, &s.web)["errorDetails"]["retryable"], true);
    s.api
        .wait_job(&s.id, &s.enrich(audience_scope()).await)
        .await;
    let row = s.row(&ids[0]).await;
    assert_eq!(cell(&row, &s.web)["state"], "RESULT");
}

#[tokio::test]
async fn enrich_request_rules() {
    let s = setup(Api::start().await).await;
    let path = format!("/audiences/{}/actions/enrich", s.id);
    // No rows in scope: 204 and no body.
    let empty = s.api.post(&path, audience_scope()).await;
    assert_eq!(empty.status, 204);
    assert_eq!(empty.body, Value::Null);
    let ids = s
        .api
        .insert(
            &s.id,
            &[vec![(s.email.as_str(), json!("dana@northwind.io"))]],
        )
        .await;
    let no_rows = s
        .api
        .post(
            &path,
            json!({"data": {"type": "AudienceEnrichment", "attributes": {"scope": "ROW"}}}),
        )
        .await;
    assert_eq!(no_rows.status, 400);
    assert_eq!(
        no_rows.error()["source"]["pointer"],
        "/data/attributes/rows"
    );
    let unknown_row = s
        .api
        .post(&path, json!({"data": {"type": "AudienceEnrichment", "attributes": {"scope": "ROW", "rows": ["nope"]}}}))
        .await;
    assert_eq!(
        unknown_row.error()["source"]["pointer"],
        "/data/attributes/rows/0"
    );
    let unknown_col = s
        .api
        .post(&path, json!({"data": {"type": "AudienceEnrichment", "attributes": {"scope": "AUDIENCE", "columns": ["nope"]}}}))
        .await;
    assert_eq!(
        unknown_col.error()["source"]["pointer"],
        "/data/attributes/columns/0"
    );
    let bad_scope = s
        .api
        .post(
            &path,
            json!({"data": {"type": "AudienceEnrichment", "attributes": {"scope": "ALL"}}}),
        )
        .await;
    assert_eq!(bad_scope.status, 400);
    assert_eq!(
        s.api
            .post(
                "/audiences/00000000-0000-0000-0000-000000000000/actions/enrich",
                audience_scope()
            )
            .await
            .status,
        404
    );
    // Jobs are scoped to their audience.
    let job = s.enrich(audience_scope()).await;
    let (other, _) = s.api.audience("Other", &[]).await;
    assert_eq!(
        s.api
            .get(&format!("/audiences/{other}/jobs/{job}"))
            .await
            .status,
        404
    );
    assert_eq!(
        s.api
            .get(&format!(
                "/audiences/{}/jobs/00000000-0000-0000-0000-000000000000",
                s.id
            ))
            .await
            .status,
        404
    );
    assert!(!ids.is_empty());
}

#[tokio::test]
async fn missing_match_criteria_fails_the_match() {
    let api = Api::start().await;
    let (id, cols) = api.audience("No criteria", &[("Notes", "TEXT")]).await;
    let added = api
        .post(&format!("/audiences/{id}/columns/actions/bulk/create"),
            json!({"data": [{"type": "Column", "attributes": {"columnType": "ZOOMINFO_MATCH", "name": "ZI", "dataType": "ZI_CONTACT_ID"}}]}))
        .await
        .expect(201);
    let zi = added["data"][0]["id"].as_str().unwrap().to_owned();
    let ids = api
        .insert(&id, &[vec![(cols[0].as_str(), json!("hello"))]])
        .await;
    let job = api
        .post(&format!("/audiences/{id}/actions/enrich"), audience_scope())
        .await
        .expect(202);
    let seen = api.wait_job(&id, job["data"]["id"].as_str().unwrap()).await;
    assert_eq!(
        seen.last().unwrap()["data"]["attributes"]["status"],
        "FAILED"
    );
    let row = api
        .get(&format!("/audiences/{id}/rows/{}", ids[0]))
        .await
        .expect(200);
    assert_eq!(
        cell(&row["data"], &zi)["errorDetails"]["summary"],
        "Missing match criteria"
    );
}

#[tokio::test]
async fn run_enrichment_on_bulk_upsert() {
    let s = setup(Api::start().await).await;
    let r = s
        .api
        .post(&format!("/audiences/{}/rows/actions/bulk/upsert?runEnrichment=true&columns={}", s.id, s.matched),
            json!({"data": [{"type": "Row", "attributes": {"values": [{"columnId": s.email, "value": "marco@brightloom.com"}]}}]}))
        .await
        .expect(200);
    let row = &r["data"][0];
    assert_eq!(cell(row, &s.matched)["state"], "LOADING");
    assert_eq!(
        cell(row, &s.web)["state"],
        "BLANK",
        "only the named columns are enriched"
    );
    let id = row["id"].as_str().unwrap().to_owned();
    for _ in 0..200 {
        let now = s.row(&id).await;
        if cell(&now, &s.matched)["state"] == "RESULT" {
            return;
        }
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    panic!("the enrichment started by the upsert never finished");
}

#[tokio::test]
async fn credits_run_out_with_a_402() {
    let s = setup(Api::with(config().with_credits(Some(2))).await).await;
    let rows: Vec<Vec<(&str, Value)>> = (0..3)
        .map(|i| vec![(s.email.as_str(), json!(samples::unknown_email(i)))])
        .collect();
    s.api.insert(&s.id, &rows).await;
    let r = s
        .api
        .post(
            &format!("/audiences/{}/actions/enrich", s.id),
            audience_scope(),
        )
        .await;
    assert_eq!(r.status, 402);
    assert_eq!(r.error()["code"], "PFAPI0011");
}
