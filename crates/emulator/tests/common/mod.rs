//! Shared helpers for the emulator's HTTP tests: start an emulator on a free loopback port,
//! get a token, and send JSON:API requests.

#![allow(dead_code, unreachable_pub)]

use std::time::Duration;

use gtmsql_emulator::{Emulator, EmulatorConfig, JobPace};
use reqwest::{Method, StatusCode};
use serde_json::{Value, json};

pub const UA: &str = "gtmsql-emulator-tests/1.0";

/// A running emulator and an authenticated client for it.
pub struct Api {
    pub emulator: Emulator,
    pub http: reqwest::Client,
    pub token: String,
}

/// An answer: status, headers and the JSON body (`Value::Null` when empty).
#[derive(Debug)]
pub struct Answer {
    pub status: StatusCode,
    pub headers: reqwest::header::HeaderMap,
    pub body: Value,
}

impl Answer {
    /// Asserts the status and returns the body.
    #[track_caller]
    pub fn expect(self, status: u16) -> Value {
        assert_eq!(
            self.status.as_u16(),
            status,
            "unexpected status; body: {:#}",
            self.body
        );
        self.body
    }

    /// The first JSON:API error.
    pub fn error(&self) -> &Value {
        &self.body["errors"][0]
    }
}

/// A config for tests: free port, memory, fast jobs.
pub fn config() -> EmulatorConfig {
    EmulatorConfig::new()
        .with_listen("127.0.0.1:0".parse().unwrap())
        .with_job_pace(JobPace::immediate())
}

impl Api {
    /// Starts an emulator with [`config`].
    pub async fn start() -> Self {
        Self::with(config()).await
    }

    /// Starts an emulator with `config` and fetches a token.
    pub async fn with(config: EmulatorConfig) -> Self {
        let emulator = Emulator::start(config).await.expect("emulator starts");
        let http = reqwest::Client::builder()
            .user_agent(UA)
            .timeout(Duration::from_secs(30))
            .build()
            .unwrap();
        let mut api = Self {
            emulator,
            http,
            token: String::new(),
        };
        api.token = api.fetch_token().await;
        api
    }

    /// A fresh client-credentials token.
    pub async fn fetch_token(&self) -> String {
        let r = self
            .http
            .post(format!("{}/gtm/oauth/v1/token", self.emulator.base_url()))
            .form(&[
                ("grant_type", "client_credentials"),
                ("client_id", self.emulator.client_id()),
                ("client_secret", self.emulator.client_secret()),
            ])
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), 200);
        let body: Value = r.json().await.unwrap();
        body["access_token"].as_str().unwrap().to_owned()
    }

    /// `base_url + /gtm/studio/v1 + path`.
    pub fn url(&self, path: &str) -> String {
        format!("{}/gtm/studio/v1{path}", self.emulator.base_url())
    }

    /// Sends a request with the token and the JSON:API content type.
    pub async fn call(&self, method: Method, path: &str, body: Option<Value>) -> Answer {
        let mut req = self
            .http
            .request(method, self.url(path))
            .bearer_auth(&self.token)
            .header("Accept", "application/vnd.api+json");
        if let Some(b) = body {
            req = req
                .header("Content-Type", "application/vnd.api+json")
                .body(b.to_string());
        }
        answer(req.send().await.expect("request sent")).await
    }

    pub async fn get(&self, path: &str) -> Answer {
        self.call(Method::GET, path, None).await
    }

    pub async fn post(&self, path: &str, body: Value) -> Answer {
        self.call(Method::POST, path, Some(body)).await
    }

    pub async fn patch(&self, path: &str, body: Value) -> Answer {
        self.call(Method::PATCH, path, Some(body)).await
    }

    pub async fn delete(&self, path: &str, body: Option<Value>) -> Answer {
        self.call(Method::DELETE, path, body).await
    }

    /// Creates a CONTACT audience with CUSTOM columns `(name, dataType)`; returns
    /// (audience id, column ids in order).
    pub async fn audience(&self, name: &str, columns: &[(&str, &str)]) -> (String, Vec<String>) {
        self.audience_of("CONTACT", name, columns).await
    }

    /// Like [`Api::audience`] for either type.
    pub async fn audience_of(
        &self,
        kind: &str,
        name: &str,
        columns: &[(&str, &str)],
    ) -> (String, Vec<String>) {
        let cols: Vec<Value> = columns
            .iter()
            .map(|(n, t)| json!({"type": "Column", "attributes": {"columnType": "CUSTOM", "name": n, "dataType": t}}))
            .collect();
        let body = self
            .post(
                "/audiences",
                json!({"data": {"type": "Audience", "attributes": {"name": name, "type": kind, "origin": "CUSTOM", "columns": cols}}}),
            )
            .await
            .expect(201);
        let id = body["data"]["id"].as_str().unwrap().to_owned();
        let ids = body["data"]["attributes"]["columns"]
            .as_array()
            .unwrap()
            .iter()
            .map(|c| c["id"].as_str().unwrap().to_owned())
            .collect();
        (id, ids)
    }

    /// Bulk-upserts rows given as lists of (column id, value); returns the row ids.
    pub async fn insert(&self, audience: &str, rows: &[Vec<(&str, Value)>]) -> Vec<String> {
        let mut ids = Vec::new();
        for chunk in rows.chunks(500) {
            let data: Vec<Value> = chunk
                .iter()
                .map(|cells| {
                    let values: Vec<Value> = cells
                        .iter()
                        .map(|(c, v)| json!({"columnId": c, "value": v}))
                        .collect();
                    json!({"type": "Row", "attributes": {"values": values}})
                })
                .collect();
            let body = self
                .post(
                    &format!("/audiences/{audience}/rows/actions/bulk/upsert"),
                    json!({ "data": data }),
                )
                .await
                .expect(200);
            ids.extend(
                body["data"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .map(|r| r["id"].as_str().unwrap().to_owned()),
            );
        }
        ids
    }

    /// Searches with a filter group; returns the body.
    pub async fn search(&self, audience: &str, query: &str, filter: Option<Value>) -> Value {
        let attrs = match filter {
            Some(f) => json!({"filter": f}),
            None => json!({}),
        };
        self.post(
            &format!("/audiences/{audience}/rows/actions/search{query}"),
            json!({"data": {"type": "RowSearch", "attributes": attrs}}),
        )
        .await
        .expect(200)
    }

    /// Polls a job until it leaves SCHEDULED/RUNNING; returns every status body seen.
    pub async fn wait_job(&self, audience: &str, job: &str) -> Vec<Value> {
        let mut seen = Vec::new();
        for _ in 0..2000 {
            let body = self
                .get(&format!("/audiences/{audience}/jobs/{job}"))
                .await
                .expect(200);
            let status = body["data"]["attributes"]["status"]
                .as_str()
                .unwrap()
                .to_owned();
            seen.push(body);
            if status != "SCHEDULED" && status != "RUNNING" {
                return seen;
            }
            tokio::time::sleep(Duration::from_millis(10)).await;
        }
        panic!("job {job} did not finish");
    }
}

/// Reads a response into an [`Answer`].
pub async fn answer(r: reqwest::Response) -> Answer {
    let status = r.status();
    let headers = r.headers().clone();
    let bytes = r.bytes().await.unwrap_or_default();
    let body = if bytes.is_empty() {
        Value::Null
    } else {
        serde_json::from_slice(&bytes)
            .unwrap_or_else(|_| Value::String(String::from_utf8_lossy(&bytes).into_owned()))
    };
    Answer {
        status,
        headers,
        body,
    }
}

/// The value of one cell of a row resource.
pub fn cell<'a>(row: &'a Value, column: &str) -> &'a Value {
    row["attributes"]["values"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["columnId"] == column)
        .unwrap_or(&Value::Null)
}

/// The ids of a search result's rows.
pub fn row_ids(body: &Value) -> Vec<String> {
    body["data"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["id"].as_str().unwrap().to_owned())
        .collect()
}
