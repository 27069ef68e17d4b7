//! Rows: upserts (limits, value shapes, updates), reads, projection and bulk deletes.

mod common;

use common::{Api, cell};
use serde_json::{Value, json};

fn row(values: &Value) -> Value {
    json!({"type": "Row", "attributes": {"values": values}})
}

#[tokio::test]
async fn upserts_create_update_and_validate_every_value_first() {
    let api = Api::start().await;
    let (id, c) = api
        .audience(
            "Rows",
            &[
                ("Email", "EMAIL"),
                ("Employees", "INTEGER"),
                ("Tags", "STRING_LIST"),
                ("Since", "DATE"),
                ("Meta", "OBJECT"),
            ],
        )
        .await;
    let bulk = format!("/audiences/{id}/rows/actions/bulk/upsert");
    let made = api
        .post(&bulk, json!({"data": [
            row(&json!([{"columnId": c[0], "value": "ada@example.com"}, {"columnId": c[1], "value": 42},
                       {"columnId": c[2], "value": ["a", "b"]}, {"columnId": c[3], "value": "2026-01-31"},
                       {"columnId": c[4], "value": "{\"k\":1}"}])),
            row(&json!([{"columnId": c[0], "value": "grace@example.com"}]))
        ]}))
        .await
        .expect(200);
    let first = &made["data"][0];
    assert_eq!(
        cell(first, &c[1]),
        &json!({"columnId": c[1], "value": 42, "state": "RESULT"})
    );
    assert_eq!(cell(first, &c[2])["value"], json!(["a", "b"]));
    assert_eq!(cell(first, &c[4])["value"], "{\"k\":1}");
    let second = &made["data"][1];
    assert_eq!(
        cell(second, &c[1]),
        &json!({"columnId": c[1], "value": null, "state": "BLANK"})
    );
    assert_eq!(
        second["attributes"]["values"].as_array().unwrap().len(),
        5,
        "every column is listed"
    );

    // Update by id: given cells change, others stay.
    let ada = first["id"].as_str().unwrap();
    let updated = api
        .post(&format!("/audiences/{id}/rows/actions/upsert"), json!({"data": [
            {"id": ada, "type": "Row", "attributes": {"values": [{"columnId": c[1], "value": 43}, {"columnId": c[2], "value": null}]}}
        ]}))
        .await
        .expect(200);
    let u = &updated["data"][0];
    assert_eq!(u["id"], ada);
    assert_eq!(cell(u, &c[1])["value"], 43);
    assert_eq!(cell(u, &c[2])["state"], "BLANK");
    assert_eq!(cell(u, &c[0])["value"], "ada@example.com");
    let aud = api.get(&format!("/audiences/{id}")).await.expect(200);
    assert_eq!(aud["data"]["attributes"]["recordCount"], 2);

    // A wrong shape anywhere: 400 with a pointer, and nothing of the request is written.
    let bad = api
        .post(&bulk, json!({"data": [
            row(&json!([{"columnId": c[0], "value": "new@example.com"}])),
            row(&json!([{"columnId": c[0], "value": "x@example.com"}, {"columnId": c[1], "value": "abc"}]))
        ]}))
        .await;
    assert_eq!(bad.status, 400);
    assert_eq!(bad.error()["code"], "PFAPI0002");
    assert_eq!(
        bad.error()["source"]["pointer"],
        "/data/1/attributes/values/1/value"
    );
    let detail = bad.error()["detail"].as_str().unwrap();
    assert!(
        detail.contains("INTEGER") && detail.contains("Employees") && detail.contains("'abc'"),
        "{detail}"
    );
    let total = api.search(&id, "", None).await["meta"]["total"].clone();
    assert_eq!(total, 2, "the valid first row was not written either");

    for (value, col) in [
        (json!(["x@example.com", 7]), 2),
        (json!("2026-13-01"), 3),
        (json!({"k": 1}), 4),
        (json!("not-an-email"), 0),
    ] {
        let r = api
            .post(
                &bulk,
                json!({"data": [row(&json!([{"columnId": c[col], "value": value}]))]}),
            )
            .await;
        assert_eq!(r.status, 400, "{value}");
    }
    let unknown_row = api
        .post(&bulk, json!({"data": [{"id": "00000000-0000-0000-0000-000000000000", "type": "Row", "attributes": {"values": []}}]}))
        .await;
    assert_eq!(unknown_row.error()["source"]["pointer"], "/data/0/id");
    let unknown_col = api
        .post(
            &bulk,
            json!({"data": [row(&json!([{"columnId": "nope", "value": 1}]))]}),
        )
        .await;
    assert_eq!(
        unknown_col.error()["source"]["pointer"],
        "/data/0/attributes/values/0/columnId"
    );
    assert_eq!(api.post(&bulk, json!({"data": []})).await.status, 400);

    // Limits: 50 per sync upsert, 500 per bulk upsert.
    let many = |n: usize| -> Value {
        json!({"data": (0..n).map(|i| row(&json!([{"columnId": c[0], "value": format!("p{i}@example.com")}]))).collect::<Vec<_>>()})
    };
    assert_eq!(
        api.post(&format!("/audiences/{id}/rows/actions/upsert"), many(51))
            .await
            .status,
        400
    );
    api.post(&format!("/audiences/{id}/rows/actions/upsert"), many(50))
        .await
        .expect(200);
    assert_eq!(api.post(&bulk, many(501)).await.status, 400);
    api.post(&bulk, many(500)).await.expect(200);
    assert_eq!(
        api.post(
            "/audiences/00000000-0000-0000-0000-000000000000/rows/actions/bulk/upsert",
            many(1)
        )
        .await
        .status,
        404
    );
}

#[tokio::test]
async fn computed_columns_cannot_be_written() {
    let api = Api::start().await;
    let (id, c) = api.audience("Computed", &[("Email", "EMAIL")]).await;
    let added = api
        .post(&format!("/audiences/{id}/columns/actions/bulk/create"),
            json!({"data": [{"type": "Column", "attributes": {"columnType": "ZOOMINFO_MATCH", "name": "ZI", "dataType": "ZI_CONTACT_ID"}}]}))
        .await
        .expect(201);
    let zi = added["data"][0]["id"].as_str().unwrap();
    let r = api
        .post(&format!("/audiences/{id}/rows/actions/bulk/upsert"),
            json!({"data": [row(&json!([{"columnId": c[0], "value": "a@b.co"}, {"columnId": zi, "value": "123"}]))]}))
        .await;
    assert_eq!(r.status, 400);
    assert!(
        r.error()["detail"]
            .as_str()
            .unwrap()
            .contains("not editable")
    );
}

#[tokio::test]
async fn rows_read_by_id_with_projection() {
    let api = Api::start().await;
    let (id, c) = api
        .audience("Get", &[("Email", "EMAIL"), ("Name", "TEXT")])
        .await;
    let rows = api
        .insert(
            &id,
            &[vec![
                (c[0].as_str(), json!("a@b.co")),
                (c[1].as_str(), json!("A")),
            ]],
        )
        .await;
    let full = api
        .get(&format!("/audiences/{id}/rows/{}", rows[0]))
        .await
        .expect(200);
    assert_eq!(full["data"]["type"], "Row");
    assert_eq!(
        full["data"]["attributes"]["values"]
            .as_array()
            .unwrap()
            .len(),
        2
    );
    let one = api
        .get(&format!(
            "/audiences/{id}/rows/{}?columns={}",
            rows[0], c[1]
        ))
        .await
        .expect(200);
    assert_eq!(
        one["data"]["attributes"]["values"],
        json!([{"columnId": c[1], "value": "A", "state": "RESULT"}])
    );
    let missing = api
        .get(&format!(
            "/audiences/{id}/rows/00000000-0000-0000-0000-000000000000"
        ))
        .await;
    assert_eq!(missing.status, 404);
    assert_eq!(missing.error()["source"]["parameter"], "rowId");
}

#[tokio::test]
async fn bulk_delete_is_an_async_job() {
    let api = Api::start().await;
    let (id, c) = api.audience("Delete", &[("Email", "EMAIL")]).await;
    let rows: Vec<Vec<(&str, Value)>> = (0..30)
        .map(|i| vec![(c[0].as_str(), json!(format!("d{i}@example.com")))])
        .collect();
    let ids = api.insert(&id, &rows).await;
    let path = format!("/audiences/{id}/rows/actions/bulk/delete");
    let victims: Vec<Value> = ids[..10]
        .iter()
        .map(|r| json!({"id": r, "type": "Row"}))
        .collect();
    let job = api
        .delete(&path, Some(json!({"data": victims})))
        .await
        .expect(202);
    assert_eq!(job["data"]["type"], "RowAsyncJob");
    let seen = api.wait_job(&id, job["data"]["id"].as_str().unwrap()).await;
    assert_eq!(
        seen.last().unwrap()["data"]["attributes"]["status"],
        "SUCCEEDED"
    );
    assert_eq!(api.search(&id, "", None).await["meta"]["total"], 20);
    assert_eq!(
        api.get(&format!("/audiences/{id}")).await.expect(200)["data"]["attributes"]["recordCount"],
        20
    );
    assert_eq!(
        api.get(&format!("/audiences/{id}/rows/{}", ids[0]))
            .await
            .status,
        404
    );

    // Unknown ids: 400, nothing deleted. Limits: 1..=1000; the body is required.
    let unknown = api
        .delete(&path, Some(json!({"data": [{"id": ids[15], "type": "Row"}, {"id": "00000000-0000-0000-0000-000000000000", "type": "Row"}]})))
        .await;
    assert_eq!(unknown.status, 400);
    assert_eq!(unknown.error()["source"]["pointer"], "/data/1/id");
    assert_eq!(api.search(&id, "", None).await["meta"]["total"], 20);
    let too_many: Vec<Value> = (0..1001)
        .map(|_| json!({"id": ids[15], "type": "Row"}))
        .collect();
    assert_eq!(
        api.delete(&path, Some(json!({"data": too_many})))
            .await
            .status,
        400
    );
    assert_eq!(api.delete(&path, None).await.status, 400);
}
