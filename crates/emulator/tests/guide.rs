//! The user guide's worked example, step by step, against a spawned `gtmsql-emulator`
//! process, with the guide's own request bodies and headers.

mod common;

use std::io::{BufRead, BufReader};
use std::process::{Child, Command, Stdio};
use std::time::Duration;

use common::{answer, cell};
use serde_json::{Value, json};

const UA: &str = "gtm-studio-quickstart/1.0";

struct Server {
    child: Child,
    base: String,
    id: String,
    secret: String,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn spawn(args: &[&str]) -> Server {
    let mut child = Command::new(env!("CARGO_BIN_EXE_gtmsql-emulator"))
        .args(["--listen", "127.0.0.1:0"])
        .args(args)
        .stdout(Stdio::piped())
        .stderr(Stdio::inherit())
        .spawn()
        .expect("the emulator binary starts");
    let mut line = String::new();
    BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut line)
        .unwrap();
    // listening on http://ADDR client_id=ID client_secret=SECRET
    let parts: Vec<&str> = line.split_whitespace().collect();
    assert_eq!(parts[..2], ["listening", "on"], "{line}");
    Server {
        child,
        base: parts[2].to_owned(),
        id: parts[3].strip_prefix("client_id=").unwrap().to_owned(),
        secret: parts[4].strip_prefix("client_secret=").unwrap().to_owned(),
    }
}

struct Guide {
    http: reqwest::Client,
    base: String,
    token: String,
}

impl Guide {
    async fn call(
        &self,
        method: reqwest::Method,
        path: &str,
        body: Option<Value>,
    ) -> common::Answer {
        let mut req = self
            .http
            .request(method, format!("{}/gtm/studio/v1{path}", self.base))
            .header("Authorization", format!("Bearer {}", self.token))
            .header("Accept", "application/vnd.api+json")
            .header("User-Agent", UA);
        if let Some(b) = body {
            req = req
                .header("Content-Type", "application/vnd.api+json")
                .body(b.to_string());
        }
        answer(req.send().await.unwrap()).await
    }
}

#[tokio::test]
async fn the_guides_walkthrough_runs_end_to_end() {
    let server = spawn(&["--memory", "--fast-jobs"]);
    let http = reqwest::Client::new();

    // Authentication: client credentials in the form body, as the guide's curl does.
    let token: Value = http
        .post(format!("{}/gtm/oauth/v1/token", server.base))
        .header("Content-Type", "application/x-www-form-urlencoded")
        .header("Accept", "application/json")
        .header("User-Agent", UA)
        .body(format!(
            "grant_type=client_credentials&client_id={}&client_secret={}",
            server.id, server.secret
        ))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let g = Guide {
        http,
        base: server.base.clone(),
        token: token["access_token"].as_str().unwrap().to_owned(),
    };

    // 1. Create the audience with its input columns (autoMatchCriteria=true).
    let created = g
        .call(
            reqwest::Method::POST,
            "/audiences?autoMatchCriteria=true",
            Some(json!({
                "data": {
                    "type": "Audience",
                    "attributes": {
                        "name": "SaaStr 2026 Booth Scans",
                        "type": "CONTACT",
                        "origin": "CUSTOM",
                        "columns": [
                            { "type": "Column", "attributes": { "columnType": "CUSTOM", "name": "Email",     "dataType": "EMAIL" } },
                            { "type": "Column", "attributes": { "columnType": "CUSTOM", "name": "Full Name",  "dataType": "TEXT" } },
                            { "type": "Column", "attributes": { "columnType": "CUSTOM", "name": "Company",    "dataType": "TEXT" } }
                        ]
                    }
                }
            })),
        )
        .await
        .expect(201);
    let audience = created["data"]["id"].as_str().unwrap().to_owned();
    assert_eq!(
        created["data"]["attributes"]["folderName"],
        "SaaStr 2026 Booth Scans"
    );
    let col = |name: &str| -> String {
        created["data"]["attributes"]["columns"]
            .as_array()
            .unwrap()
            .iter()
            .find(|c| c["attributes"]["name"] == name)
            .unwrap()["id"]
            .as_str()
            .unwrap()
            .to_owned()
    };
    let (email, name, company) = (col("Email"), col("Full Name"), col("Company"));

    // 2. Add a grounding column and a research column.
    let added = g
        .call(
            reqwest::Method::POST,
            &format!("/audiences/{audience}/columns/actions/bulk/create"),
            Some(json!({
                "data": [
                    { "type": "Column", "attributes": { "columnType": "ZOOMINFO_MATCH", "name": "ZoomInfo Contact", "dataType": "ZI_CONTACT_ID" } },
                    { "type": "Column", "attributes": {
                        "columnType": "AI", "name": "Follow-up Angle", "tool": "AI_WEB_RESEARCH",
                        "prompt": "In one sentence, suggest a relevant opening angle for a sales follow-up with this contact based on their company and recent activity." } }
                ]
            })),
        )
        .await
        .expect(201);
    let match_col = added["data"][0]["id"].as_str().unwrap().to_owned();
    let angle_col = added["data"][1]["id"].as_str().unwrap().to_owned();
    // autoMatchCriteria already mapped Email to CONTACT_EMAIL on the audience's match column.
    let criteria = &added["data"][0]["attributes"]["matchCriteria"];
    assert!(
        criteria
            .as_array()
            .unwrap()
            .iter()
            .any(|c| c["columnId"] == email.as_str() && c["mappedTo"] == "CONTACT_EMAIL"),
        "{criteria}"
    );

    // 3. Confirm the match criteria explicitly.
    let confirmed = g
        .call(
            reqwest::Method::POST,
            &format!("/audiences/{audience}/actions/match-criteria"),
            Some(json!({
                "data": { "type": "UpsertMatchCriteria", "attributes": {
                    "matchCriteria": [ { "columnId": email, "mappedTo": "CONTACT_EMAIL" } ] } }
            })),
        )
        .await
        .expect(200);
    assert_eq!(confirmed["data"]["id"], match_col.as_str());
    assert_eq!(
        confirmed["data"]["attributes"]["matchCriteria"],
        json!([{ "columnId": email, "mappedTo": "CONTACT_EMAIL" }])
    );

    // 4. Upsert the seed rows.
    let upserted = g
        .call(
            reqwest::Method::POST,
            &format!("/audiences/{audience}/rows/actions/bulk/upsert"),
            Some(json!({
                "data": [
                    { "type": "Row", "attributes": { "values": [
                        { "columnId": email,   "value": "dana@northwind.io" },
                        { "columnId": name,    "value": "Dana Lin" },
                        { "columnId": company, "value": "Northwind" } ] } },
                    { "type": "Row", "attributes": { "values": [
                        { "columnId": email,   "value": "marco@brightloom.com" },
                        { "columnId": name,    "value": "Marco Reyes" },
                        { "columnId": company, "value": "Brightloom" } ] } }
                ]
            })),
        )
        .await
        .expect(200);
    assert_eq!(upserted["data"].as_array().unwrap().len(), 2);
    assert_eq!(cell(&upserted["data"][0], &email)["state"], "RESULT");
    assert_eq!(cell(&upserted["data"][0], &match_col)["state"], "BLANK");

    // 5. Run enrichment.
    let job = g
        .call(
            reqwest::Method::POST,
            &format!("/audiences/{audience}/actions/enrich"),
            Some(json!({ "data": { "type": "AudienceEnrichment", "attributes": { "scope": "AUDIENCE" } } })),
        )
        .await
        .expect(202);
    assert_eq!(job["data"]["type"], "EnrichJob");
    let job_id = job["data"]["id"].as_str().unwrap().to_owned();

    // 6. Poll the job.
    let mut status = String::new();
    for _ in 0..500 {
        let body = g
            .call(
                reqwest::Method::GET,
                &format!("/audiences/{audience}/jobs/{job_id}"),
                None,
            )
            .await
            .expect(200);
        status = body["data"]["attributes"]["status"]
            .as_str()
            .unwrap()
            .to_owned();
        if !matches!(status.as_str(), "SCHEDULED" | "RUNNING") {
            assert_eq!(body["data"]["attributes"]["percentProgress"], 100);
            break;
        }
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    assert_eq!(status, "SUCCEEDED");

    // 7. Read the enriched rows.
    let rows = g
        .call(
            reqwest::Method::POST,
            &format!("/audiences/{audience}/rows/actions/search"),
            Some(json!({ "data": { "type": "RowSearch", "attributes": {} } })),
        )
        .await
        .expect(200);
    assert_eq!(rows["meta"]["total"], 2);
    let dana = &rows["data"][0];
    let marco = &rows["data"][1];
    assert_eq!(cell(dana, &email)["value"], "dana@northwind.io");
    assert_eq!(cell(dana, &match_col)["state"], "RESULT");
    assert_eq!(
        cell(marco, &match_col)["state"],
        "RESULT",
        "Marco matches too"
    );
    let angle = cell(dana, &angle_col);
    assert_eq!(angle["state"], "RESULT", "{angle}");
    let text = angle["value"].as_str().unwrap();
    assert!(
        text.contains("Northwind"),
        "grounded in Northwind's record: {text}"
    );
    assert!(text.contains("Dana"), "addressed to the contact: {text}");
    assert_eq!(cell(marco, &angle_col)["state"], "RESULT");
    assert!(
        cell(marco, &angle_col)["value"]
            .as_str()
            .unwrap()
            .contains("Brightloom")
    );

    // Filtering, sorting and pagination from the guide's "Reading" section.
    let filtered = g
        .call(
            reqwest::Method::POST,
            &format!("/audiences/{audience}/rows/actions/search?page[number]=1&page[size]=500&sort=-{email}&columns={email},{angle_col}"),
            Some(json!({ "data": { "type": "RowSearch", "attributes": { "filter": { "operator": "AND", "filters": [
                { "type": "Filter", "columnId": company, "filterOperator": "EQUALS", "values": ["northwind"] } ] } } } })),
        )
        .await
        .expect(200);
    assert_eq!(filtered["meta"]["total"], 1);
    assert_eq!(
        filtered["data"][0]["attributes"]["values"]
            .as_array()
            .unwrap()
            .len(),
        2
    );
    // And one record by id.
    let dana_id = dana["id"].as_str().unwrap();
    g.call(
        reqwest::Method::GET,
        &format!("/audiences/{audience}/rows/{dana_id}"),
        None,
    )
    .await
    .expect(200);
}
