//! Malformed server responses: a proxy on 127.0.0.1 between gtmsql and the emulator rewrites
//! answers (truncated JSON, a value of the wrong type for its column, enum values the client
//! does not know, a page bigger than asked, a total that changes mid-scan). Each gives a clear
//! error or a tolerant read that is still right: never a panic, never a wrong row.

mod common;

use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use gtmsql::GtmSession;
use gtmsql::client::{AudienceClient, Error, SearchRequest};
use serde_json::{Value, json};

use common::TestEnv;
use common::proxy::{Proxy, no_request_hook};

use common::render::sorted_rows as render;

/// A query parameter of a request target.
fn query_value<'a>(target: &'a str, key: &str) -> Option<&'a str> {
    target.split_once('?')?.1.split('&').find_map(|pair| {
        pair.split_once('=')
            .filter(|(k, _)| *k == key)
            .map(|(_, v)| v)
    })
}

async fn env() -> TestEnv {
    let env = TestEnv::start().await;
    common::fixture::load(&env.client).await;
    env
}

async fn audience_id(client: &AudienceClient, name: &str) -> (String, Vec<(String, String)>) {
    let audience = client
        .list_audiences()
        .await
        .unwrap()
        .into_iter()
        .find(|a| a.name == name)
        .unwrap();
    let columns = audience
        .columns
        .iter()
        .map(|c| (c.name.clone(), c.id.clone()))
        .collect();
    (audience.id, columns)
}

async fn bounded<F: Future>(body: F) -> F::Output {
    tokio::time::timeout(Duration::from_secs(90), body)
        .await
        .expect("the test finished within 90 s")
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn truncated_json_is_a_decode_error_and_a_cut_body_a_transport_error() {
    bounded(async {
        let env = env().await;
        let cut_on_the_wire = Arc::new(AtomicBool::new(false));
        let flag = Arc::clone(&cut_on_the_wire);
        let proxy = Proxy::start(
            env.emulator.base_url(),
            no_request_hook(),
            Box::new(move |x| {
                if !x.is_search() {
                    return;
                }
                let half = x.body.len() / 2;
                if flag.load(Ordering::SeqCst) {
                    // The header promises the whole body; half of it arrives.
                    let mut raw = format!(
                        "HTTP/1.1 200 OK\r\ncontent-type: application/vnd.api+json\r\ncontent-length: {}\r\nconnection: close\r\n\r\n",
                        x.body.len()
                    )
                    .into_bytes();
                    raw.extend_from_slice(&x.body[..half]);
                    x.raw = Some(raw);
                } else {
                    x.body.truncate(half);
                }
            }),
        )
        .await;
        let client = proxy.client(&env);
        let session = GtmSession::connect(client.clone()).await.unwrap();
        let (id, _) = audience_id(&env.client, "Booth Scans").await;
        proxy.arm(true);

        let e = client
            .search_rows(&id, &SearchRequest::default())
            .await
            .unwrap_err();
        assert!(matches!(e, Error::Decode { .. }), "{e:?}");
        assert!(e.to_string().starts_with("could not decode a page of rows"), "{e}");
        let e = session
            .execute("SELECT email FROM events.booth_scans")
            .await
            .unwrap_err()
            .user_message();
        // The scan decodes pages itself; either way the error says a page could not be read.
        assert!(
            e.contains("page of rows") && e.contains("decod") && e.contains("EOF"),
            "{e}"
        );

        cut_on_the_wire.store(true, Ordering::SeqCst);
        let e = client
            .search_rows(&id, &SearchRequest::default())
            .await
            .unwrap_err();
        let Error::Transport { path, retries, .. } = &e else {
            panic!("{e:?}")
        };
        assert!(path.ends_with("/rows/actions/search"), "{path}");
        assert_eq!(*retries, 2, "a search is re-sent: {e}");
        let e = session
            .execute("SELECT email FROM events.booth_scans")
            .await
            .unwrap_err()
            .user_message();
        assert!(e.contains("the connection failed"), "{e}");
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_value_of_the_wrong_type_is_an_error_naming_row_and_column() {
    bounded(async {
        let env = env().await;
        let (_, columns) = audience_id(&env.client, "Booth Scans").await;
        let id_of = |name: &str| {
            columns
                .iter()
                .find(|(n, _)| n == name)
                .map(|(_, id)| id.clone())
                .unwrap()
        };
        // (column name, SQL name, the value sent instead, whether it still reads right)
        let cases: Vec<(&str, &str, Value, Option<&str>)> = vec![
            ("Employees", "employees", json!("abc"), None),
            ("Employees", "employees", json!(1e300), None),
            ("Employees", "employees", json!(true), None),
            ("Employees", "employees", json!({"n": 1}), None),
            ("Employees", "employees", json!("420"), Some("420")),
            ("Signed Up", "signed_up", json!(12345), None),
            ("Signed Up", "signed_up", json!("2026-13-45"), None),
            ("Active", "active", json!("maybe"), None),
            ("Active", "active", json!("TRUE"), Some("true")),
            ("Ratings", "ratings", json!(["x"]), None),
            ("Score", "score", json!([1, 2]), None),
        ];
        let current: Arc<Mutex<Option<(String, Value)>>> = Arc::default();
        let state = Arc::clone(&current);
        let proxy = Proxy::start(
            env.emulator.base_url(),
            no_request_hook(),
            Box::new(move |x| {
                let Some((column, value)) = state.lock().unwrap().clone() else {
                    return;
                };
                if !x.is_search() {
                    return;
                }
                let mut doc = x.json();
                // Only Dana's row (the first) gets the bad value.
                if let Some(cells) = doc["data"][0]["attributes"]["values"].as_array_mut() {
                    for cell in cells {
                        if cell["columnId"] == column.as_str() {
                            cell["value"] = value.clone();
                            cell["state"] = json!("RESULT");
                        }
                    }
                }
                x.set_json(&doc);
            }),
        )
        .await;
        let session = GtmSession::connect(proxy.client(&env)).await.unwrap();
        proxy.arm(true);
        for (column, sql_name, value, reads_as) in cases {
            *current.lock().unwrap() = Some((id_of(column), value.clone()));
            let sql = format!(
                "SELECT email, {sql_name} FROM events.booth_scans WHERE email = 'dana@northwind.io'"
            );
            let result = session.execute(&sql).await;
            match (result, reads_as) {
                (Ok(batches), Some(expected)) => {
                    let rows = render(&batches);
                    assert_eq!(
                        rows,
                        vec![format!("dana@northwind.io|{expected}")],
                        "{value}"
                    );
                }
                (Err(e), None) => {
                    let e = e.user_message();
                    assert!(e.contains(&format!("column {sql_name}")), "{value}: {e}");
                    assert!(e.contains("row "), "{value}: {e}");
                    assert!(e.contains("does not fit"), "{value}: {e}");
                }
                (Ok(batches), None) => {
                    panic!("{value} in {column} was read as {:?}", render(&batches))
                }
                (Err(e), Some(_)) => panic!("{value} in {column}: {}", e.user_message()),
            }
        }
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn unknown_enum_values_are_read_tolerantly_and_correctly() {
    bounded(async {
        let env = env().await;
        let proxy = Proxy::start(
            env.emulator.base_url(),
            no_request_hook(),
            Box::new(|x| {
                let mut doc = x.json();
                let rewrite = |audience: &mut Value| {
                    audience["attributes"]["type"] = json!("ALIEN");
                    audience["attributes"]["origin"] = json!("MARS");
                    if let Some(columns) = audience["attributes"]["columns"].as_array_mut() {
                        for c in columns {
                            if c["attributes"]["name"] == "Title" {
                                c["attributes"]["dataType"] = json!("HOLOGRAM");
                            }
                            if c["attributes"]["name"] == "Website" {
                                c["attributes"]["columnType"] = json!("TELEPATHY");
                            }
                        }
                    }
                };
                let path = x.target.split('?').next().unwrap_or_default();
                let audience_doc = path.ends_with("/audiences")
                    || path
                        .rsplit_once("/audiences/")
                        .is_some_and(|(_, id)| !id.contains('/'));
                if x.method == "GET" && audience_doc {
                    match &mut doc["data"] {
                        Value::Array(list) => list.iter_mut().for_each(rewrite),
                        one @ Value::Object(_) => rewrite(one),
                        _ => {}
                    }
                    x.set_json(&doc);
                } else if x.is_search()
                    && let Some(rows) = doc["data"].as_array_mut()
                {
                    // A cell state the client does not know: not a RESULT, so NULL.
                    for row in rows {
                        if let Some(cells) = row["attributes"]["values"].as_array_mut() {
                            for cell in cells {
                                if cell["value"] == "Northwind" {
                                    cell["state"] = json!("PENDING");
                                }
                            }
                        }
                    }
                    x.set_json(&doc);
                }
            }),
        )
        .await;
        proxy.arm(true);
        let odd = GtmSession::connect(proxy.client(&env)).await.unwrap();
        let plain = GtmSession::connect(env.client.clone()).await.unwrap();
        let sql = "SELECT email, title, website, employees FROM events.booth_scans";
        let got = render(&odd.execute(sql).await.unwrap());
        let want = render(&plain.execute(sql).await.unwrap());
        assert_eq!(
            got, want,
            "an unknown dataType or columnType changed the values"
        );
        assert_eq!(got.len(), 12);
        let company =
            "SELECT email, company FROM events.booth_scans WHERE email = 'dana@northwind.io'";
        assert_eq!(
            render(&odd.execute(company).await.unwrap()),
            vec!["dana@northwind.io|NULL".to_owned()]
        );
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_page_bigger_than_asked_is_refused() {
    bounded(async {
        let env = env().await;
        let proxy = Proxy::start(
            env.emulator.base_url(),
            // The server ignores page[size] and answers pages of 500.
            Box::new(|method, target| {
                if method == "POST" && target.contains("/rows/actions/search") {
                    *target = target.replace("page[size]=5", "page[size]=500");
                }
            }),
            Box::new(|_| {}),
        )
        .await;
        let session = GtmSession::connect(proxy.client(&env)).await.unwrap();
        session.execute("SET gtm.page_size = 5").await.unwrap();
        let sql = "SELECT email FROM events.booth_scans";
        assert_eq!(render(&session.execute(sql).await.unwrap()).len(), 12);
        proxy.arm(true);
        let e = session.execute(sql).await.unwrap_err().user_message();
        assert!(e.contains("rows for page 1 of 5"), "{e}");
        assert!(
            e.contains("events.booth_scans") || e.contains("Booth Scans"),
            "{e}"
        );
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_total_that_changes_mid_scan_is_refused() {
    bounded(async {
        let env = env().await;
        let change = Arc::new(AtomicUsize::new(3));
        let by = Arc::clone(&change);
        let proxy = Proxy::start(
            env.emulator.base_url(),
            no_request_hook(),
            Box::new(move |x| {
                if !x.is_search() || query_value(&x.target, "page[number]") == Some("1") {
                    return;
                }
                let mut doc = x.json();
                let total = doc["meta"]["total"].as_u64().unwrap_or(0);
                let delta = by.load(Ordering::SeqCst);
                doc["meta"]["total"] = json!(total + delta as u64);
                x.set_json(&doc);
            }),
        )
        .await;
        let session = GtmSession::connect(proxy.client(&env)).await.unwrap();
        session.execute("SET gtm.page_size = 5").await.unwrap();
        let plain = GtmSession::connect(env.client.clone()).await.unwrap();
        let sql = "SELECT email, full_name FROM events.booth_scans";
        assert_eq!(
            render(&session.execute(sql).await.unwrap()),
            render(&plain.execute(sql).await.unwrap())
        );
        proxy.arm(true);
        let e = session.execute(sql).await.unwrap_err().user_message();
        assert!(e.contains("the rows changed during the scan"), "{e}");
        assert!(e.contains("page 1 counted 12 rows"), "{e}");
    })
    .await;
}
