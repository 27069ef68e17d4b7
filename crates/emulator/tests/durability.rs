//! The standalone binary: its listening line, kill -9 durability, clean shutdown on SIGTERM.

mod common;

use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::Duration;

use common::{answer, cell};
use serde_json::{Value, json};

struct Proc {
    child: Child,
    base: String,
}

impl Drop for Proc {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn start(dir: &Path, port: u16) -> Proc {
    let mut child = Command::new(env!("CARGO_BIN_EXE_gtmsql-emulator"))
        .args(["--listen", &format!("127.0.0.1:{port}")])
        .arg("--data-dir")
        .arg(dir)
        .args([
            "--client-id",
            "durable",
            "--client-secret",
            "durable-secret-0123456789",
        ])
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    let mut line = String::new();
    BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut line)
        .unwrap();
    assert!(
        line.starts_with("listening on http://127.0.0.1:")
            && line.contains(" client_id=durable client_secret=durable-secret-0123456789"),
        "{line}"
    );
    Proc {
        child,
        base: line.split_whitespace().nth(2).unwrap().to_owned(),
    }
}

async fn token(http: &reqwest::Client, base: &str) -> String {
    let body: Value = http
        .post(format!("{base}/gtm/oauth/v1/token"))
        .basic_auth("durable", Some("durable-secret-0123456789"))
        .form(&[("grant_type", "client_credentials")])
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    body["access_token"].as_str().unwrap().to_owned()
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

#[tokio::test]
async fn an_acknowledged_upsert_survives_kill_9() {
    let dir = std::env::temp_dir().join(format!("gtmsql-emu-durability-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    let port = free_port();
    let http = reqwest::Client::builder()
        .user_agent(common::UA)
        .build()
        .unwrap();

    let (audience, email, rows) = {
        let p = start(&dir, port);
        let t = token(&http, &p.base).await;
        let created = answer(
            http.post(format!("{}/gtm/studio/v1/audiences", p.base))
                .bearer_auth(&t)
                .json(&json!({"data": {"type": "Audience", "attributes": {"name": "Durable", "type": "CONTACT",
                    "columns": [{"type": "Column", "attributes": {"columnType": "CUSTOM", "name": "Email", "dataType": "EMAIL"}}]}}}))
                .send()
                .await
                .unwrap(),
        )
        .await
        .expect(201);
        let audience = created["data"]["id"].as_str().unwrap().to_owned();
        let email = created["data"]["attributes"]["columns"][0]["id"]
            .as_str()
            .unwrap()
            .to_owned();
        let data: Vec<Value> = (0..500)
            .map(|i| json!({"type": "Row", "attributes": {"values": [{"columnId": email, "value": format!("person{i}@example.com")}]}}))
            .collect();
        let upserted = answer(
            http.post(format!(
                "{}/gtm/studio/v1/audiences/{audience}/rows/actions/bulk/upsert",
                p.base
            ))
            .bearer_auth(&t)
            .json(&json!({ "data": data }))
            .send()
            .await
            .unwrap(),
        )
        .await
        .expect(200);
        let rows: Vec<String> = upserted["data"]
            .as_array()
            .unwrap()
            .iter()
            .map(|r| r["id"].as_str().unwrap().to_owned())
            .collect();
        // The 200 is in hand: kill -9 at once, no chance to flush anything more.
        let mut p = p;
        p.child.kill().unwrap();
        p.child.wait().unwrap();
        (audience, email, rows)
    };

    // A new client: the old one's pooled connection died with the killed process.
    let http = reqwest::Client::builder()
        .user_agent(common::UA)
        .build()
        .unwrap();
    let p = start(&dir, port);
    let t = token(&http, &p.base).await;
    let last = rows.last().unwrap();
    let row = answer(
        http.get(format!(
            "{}/gtm/studio/v1/audiences/{audience}/rows/{last}",
            p.base
        ))
        .bearer_auth(&t)
        .send()
        .await
        .unwrap(),
    )
    .await
    .expect(200);
    assert_eq!(cell(&row["data"], &email)["value"], "person499@example.com");
    let got = answer(
        http.get(format!("{}/gtm/studio/v1/audiences/{audience}", p.base))
            .bearer_auth(&t)
            .send()
            .await
            .unwrap(),
    )
    .await
    .expect(200);
    assert_eq!(got["data"]["attributes"]["recordCount"], 500);
    drop(p);
    let _ = std::fs::remove_dir_all(&dir);
}

#[tokio::test]
async fn sigterm_shuts_down_cleanly() {
    let dir = std::env::temp_dir().join(format!("gtmsql-emu-sigterm-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    let mut p = start(&dir, free_port());
    let pid = p.child.id().to_string();
    let status = Command::new("kill").args(["-TERM", &pid]).status().unwrap();
    assert!(status.success());
    let mut exited = None;
    for _ in 0..100 {
        if let Some(s) = p.child.try_wait().unwrap() {
            exited = Some(s);
            break;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    let exited = exited.expect("the emulator exits on SIGTERM");
    assert!(exited.success(), "{exited:?}");
    let _ = std::fs::remove_dir_all(&dir);
}
