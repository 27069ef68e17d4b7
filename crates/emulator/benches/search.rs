//! Search latency on a large audience: loads N rows (default 1,000,000) through the bulk
//! upsert API, then times the first page of filtered searches over HTTP, cold (first time
//! that filter is seen) and warm (counts cached).
//!
//! Run with: `cargo bench -p gtmsql-emulator --bench search [-- ROWS]`
//!
//! It prints one table; the baseline is the unfiltered first page, the cheapest request
//! the HTTP path can serve, measured in the same run.

#![allow(clippy::print_stdout, reason = "a benchmark reports on stdout")]

use std::time::{Duration, Instant};

use futures::future::join_all;
use gtmsql_emulator::{Emulator, EmulatorConfig, JobPace, Storage};
use serde_json::{Value, json};

const COUNTRIES: &[&str] = &[
    "United States",
    "Germany",
    "France",
    "Japan",
    "Brazil",
    "India",
    "Canada",
    "Spain",
];
const WORDS: &[&str] = &[
    "Acme",
    "Globex",
    "Initech",
    "Umbrella",
    "Hooli",
    "Vandelay",
    "Stark",
    "Wayne",
    "Tyrell",
    "Cyberdyne",
];

fn row(i: usize, cols: &[String]) -> Value {
    let h = (i as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15) >> 16;
    let company = format!(
        "{} {}",
        WORDS[i % WORDS.len()],
        WORDS[(h as usize / 7) % WORDS.len()]
    );
    let values = json!([
        {"columnId": cols[0], "value": format!("person{i}@{}.example.com", WORDS[i % WORDS.len()].to_lowercase())},
        {"columnId": cols[1], "value": format!("Person {i}")},
        {"columnId": cols[2], "value": company},
        {"columnId": cols[3], "value": (h % 100_000) as i64},
        {"columnId": cols[4], "value": (h % 10_000_000) as f64 / 100.0},
        {"columnId": cols[5], "value": COUNTRIES[(h as usize) % COUNTRIES.len()]},
        {"columnId": cols[6], "value": format!("20{:02}-{:02}-{:02}", 10 + h % 16, 1 + h % 12, 1 + h % 28)},
        {"columnId": cols[7], "value": h.is_multiple_of(3)},
    ]);
    json!({"type": "Row", "attributes": {"values": values}})
}

struct Client {
    http: reqwest::Client,
    base: String,
    token: String,
}

impl Client {
    async fn post(&self, path: &str, body: &Value) -> Value {
        let r = self
            .http
            .post(format!("{}/gtm/studio/v1{path}", self.base))
            .bearer_auth(&self.token)
            .header("Content-Type", "application/vnd.api+json")
            .body(body.to_string())
            .send()
            .await
            .expect("request");
        let status = r.status();
        let body: Value = r.json().await.expect("json");
        assert!(status.is_success(), "{status}: {body}");
        body
    }
}

fn filter(col: &str, op: &str, values: &Value) -> Value {
    json!({"data": {"type": "RowSearch", "attributes": {"filter": {"operator": "AND", "filters": [
        {"type": "Filter", "columnId": col, "filterOperator": op, "values": values}]}}}})
}

#[tokio::main(flavor = "multi_thread")]
async fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    // `cargo bench` passes `--bench`; `cargo test --all-targets` and nextest run this binary
    // as a test. Under a test runner it lists one `smoke` test and runs it on a small audience,
    // so the harness is exercised by CI without the minutes a million rows take.
    if args.iter().any(|a| a == "--list") {
        if !args.iter().any(|a| a == "--ignored") {
            println!("smoke: test");
        }
        return;
    }
    let smoke = !args.iter().any(|a| a == "--bench");
    let rows: usize = args
        .iter()
        .find_map(|a| a.parse().ok())
        .unwrap_or(if smoke { 2_000 } else { 1_000_000 });
    let dir = std::env::temp_dir().join(format!("gtmsql-bench-search-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    let emulator = Emulator::start(
        EmulatorConfig::new()
            .with_listen("127.0.0.1:0".parse().unwrap())
            .with_storage(Storage::Dir(dir.clone()))
            .with_job_pace(JobPace::immediate()),
    )
    .await
    .expect("emulator");
    let http = reqwest::Client::builder()
        .user_agent("gtmsql-bench/1.0")
        .build()
        .unwrap();
    let token: Value = http
        .post(format!("{}/gtm/oauth/v1/token", emulator.base_url()))
        .basic_auth(emulator.client_id(), Some(emulator.client_secret()))
        .form(&[("grant_type", "client_credentials")])
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let c = Client {
        http,
        base: emulator.base_url().to_owned(),
        token: token["access_token"].as_str().unwrap().to_owned(),
    };
    let columns = [
        ("Email", "EMAIL"),
        ("Name", "TEXT"),
        ("Company", "TEXT"),
        ("Employees", "INTEGER"),
        ("Revenue", "DECIMAL"),
        ("Country", "TEXT"),
        ("Signed", "DATE"),
        ("Active", "BOOLEAN"),
    ];
    let cols_json: Vec<Value> = columns
        .iter()
        .map(|(n, t)| json!({"type": "Column", "attributes": {"columnType": "CUSTOM", "name": n, "dataType": t}}))
        .collect();
    let created = c
        .post("/audiences", &json!({"data": {"type": "Audience", "attributes": {"name": "Bench", "type": "CONTACT", "columns": cols_json}}}))
        .await;
    let audience = created["data"]["id"].as_str().unwrap().to_owned();
    let cols: Vec<String> = created["data"]["attributes"]["columns"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["id"].as_str().unwrap().to_owned())
        .collect();

    // Load through the API, four requests in flight.
    let started = Instant::now();
    let upsert = format!("/audiences/{audience}/rows/actions/bulk/upsert");
    let batches: Vec<usize> = (0..rows).step_by(500).collect();
    for wave in batches.chunks(4) {
        join_all(wave.iter().map(|&start| {
            let data: Vec<Value> = (start..(start + 500).min(rows))
                .map(|i| row(i, &cols))
                .collect();
            let body = json!({ "data": data });
            let c = &c;
            let upsert = &upsert;
            async move { c.post(upsert, &body).await }
        }))
        .await;
    }
    let load = started.elapsed();
    println!(
        "loaded {rows} rows in {:.1} s ({:.0} rows/s through bulk upsert)",
        load.as_secs_f64(),
        rows as f64 / load.as_secs_f64()
    );

    let search = |query: String, body: Value| {
        let c = &c;
        let path = format!("/audiences/{audience}/rows/actions/search{query}");
        async move {
            let t = Instant::now();
            let r = c.post(&path, &body).await;
            (
                t.elapsed(),
                r["meta"]["total"].as_u64().unwrap_or(0),
                r["data"].as_array().map_or(0, Vec::len),
            )
        }
    };
    let (email, company, employees, country) = (&cols[0], &cols[2], &cols[3], &cols[5]);
    // (label, query string, the body of the k-th variant)
    type Case<'a> = (&'a str, String, Box<dyn Fn(usize) -> Value + 'a>);
    let cases: Vec<Case<'_>> = vec![
        (
            "unfiltered (baseline)",
            String::new(),
            Box::new(|_| json!({})),
        ),
        (
            "email = x (indexed)",
            String::new(),
            Box::new(move |k| {
                filter(
                    email,
                    "EQUALS",
                    &json!([format!("person{}@acme.example.com", k * 10 + 10)]),
                )
            }),
        ),
        (
            "company CONTAINS (scan)",
            String::new(),
            Box::new(move |k| {
                let needle = ["lob", "nit", "ool", "tar", "yne"][k % 5];
                filter(company, "CONTAINS", &json!([needle]))
            }),
        ),
        (
            "employees > n (range)",
            String::new(),
            Box::new(move |k| {
                filter(
                    employees,
                    "GREATER_THAN",
                    &json!([50_000 + k as i64 * 1000]),
                )
            }),
        ),
        (
            "country IN 2 + employees range",
            String::new(),
            Box::new(move |k| {
                json!({"data": {"type": "RowSearch", "attributes": {"filter": {"operator": "AND", "filters": [
            {"type": "Filter", "columnId": country, "filterOperator": "EQUALS", "values": [COUNTRIES[k % 8], COUNTRIES[(k + 3) % 8]]},
            {"type": "Filter", "columnId": employees, "filterOperator": "IN_RANGE", "values": [10_000 + k as i64, 20_000]}]}}}})
            }),
        ),
        (
            "TopN: sort -employees, 10",
            format!("?sort=-{employees}&page[size]=10"),
            Box::new(|_| json!({})),
        ),
        (
            "email OR company (OR group)",
            String::new(),
            Box::new(move |k| {
                json!({"data": {"type": "RowSearch", "attributes": {"filter": {"operator": "OR", "filters": [
            {"type": "Filter", "columnId": email, "filterOperator": "EQUALS", "values": [format!("person{k}@acme.example.com")]},
            {"type": "Filter", "columnId": company, "filterOperator": "STARTS_WITH", "values": ["Hooli Stark"]}]}}}})
            }),
        ),
    ];
    let mut baseline = Duration::ZERO;
    println!(
        "\n{:<34} {:>12} {:>12} {:>10} {:>8}",
        "first page (25 rows unless noted)", "cold ms", "warm ms", "total", "x base"
    );
    for (name, query, make) in &cases {
        // Cold: five different values, each seen for the first time; warm: the same again.
        let mut cold = Vec::new();
        let mut warm = Vec::new();
        let mut total = 0;
        for k in 0..5 {
            let (t, n, _) = search(query.clone(), make(k)).await;
            cold.push(t);
            total = n;
            let (t, _, _) = search(query.clone(), make(k)).await;
            warm.push(t);
        }
        cold.sort();
        warm.sort();
        let (cold_med, warm_med) = (cold[2], warm[2]);
        if baseline.is_zero() {
            baseline = cold_med;
        }
        println!(
            "{:<34} {:>12.1} {:>12.1} {:>10} {:>8.1}",
            name,
            cold_med.as_secs_f64() * 1e3,
            warm_med.as_secs_f64() * 1e3,
            total,
            cold_med.as_secs_f64() / baseline.as_secs_f64()
        );
    }
    // A full scan through every page (500 rows each), as gtmsql's scan does it.
    let t = Instant::now();
    let pages = rows.div_ceil(500);
    let mut fetched = 0;
    for wave in (1..=pages).collect::<Vec<_>>().chunks(4) {
        let got = join_all(
            wave.iter()
                .map(|p| search(format!("?page[size]=500&page[number]={p}"), json!({}))),
        )
        .await;
        fetched += got.iter().map(|(_, _, n)| n).sum::<usize>();
    }
    let scan = t.elapsed();
    println!(
        "\nfull scan: {fetched} rows in {pages} pages, {:.1} s ({:.0} rows/s, 4 in flight)",
        scan.as_secs_f64(),
        fetched as f64 / scan.as_secs_f64()
    );
    emulator.shutdown().await;
    let _ = std::fs::remove_dir_all(&dir);
}
