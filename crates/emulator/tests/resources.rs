//! Folders, audiences and columns: every operation's success and documented failures.

mod common;

use common::Api;
use serde_json::{Value, json};

fn folder(name: &str) -> Value {
    json!({"data": {"type": "Folder", "attributes": {"name": name}}})
}

#[tokio::test]
async fn folders_crud_and_listing() {
    let api = Api::start().await;
    let created = api
        .post("/folders", json!({"data": {"type": "Folder", "attributes": {"name": "Q3 Campaigns", "description": "d", "starred": true}}}))
        .await
        .expect(201);
    let f = &created["data"];
    assert_eq!(f["type"], "Folder");
    assert_eq!(f["attributes"]["starred"], true);
    assert_eq!(f["attributes"]["audiences"], json!([]));
    for key in [
        "createdAt",
        "createdById",
        "createdByName",
        "updatedAt",
        "updatedById",
        "updatedByName",
    ] {
        assert!(!f["meta"][key].is_null(), "meta.{key}");
    }
    let id = f["id"].as_str().unwrap().to_owned();
    assert_eq!(id.len(), 36);

    let got = api.get(&format!("/folders/{id}")).await.expect(200);
    assert_eq!(got["data"]["attributes"]["name"], "Q3 Campaigns");

    let patched = api
        .patch(
            &format!("/folders/{id}"),
            json!({"data": {"type": "Folder", "attributes": {"starred": false}}}),
        )
        .await
        .expect(200);
    assert_eq!(patched["data"]["attributes"]["starred"], false);
    assert_eq!(
        patched["data"]["attributes"]["name"], "Q3 Campaigns",
        "untouched fields stay"
    );

    for n in ["Alpha", "beta", "Gamma"] {
        api.post("/folders", folder(n)).await.expect(201);
    }
    let page = api.get("/folders?sort=name&page[size]=2").await.expect(200);
    let names: Vec<&str> = page["data"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["attributes"]["name"].as_str().unwrap())
        .collect();
    assert_eq!(names, ["Alpha", "beta"]);
    assert_eq!(page["meta"]["total"], 4);
    assert_eq!(page["meta"]["page"], json!({"size": 2, "number": 1}));
    assert!(
        page["links"]["next"]
            .as_str()
            .unwrap()
            .contains("page%5Bnumber%5D=2")
    );
    assert!(page["links"].get("prev").is_none());
    let found = api
        .get("/folders?filter%5BsearchText%5D=amm")
        .await
        .expect(200);
    assert_eq!(found["meta"]["total"], 1);
    let by_user = api
        .get("/folders?filter[createdById]=10001,7")
        .await
        .expect(200);
    assert_eq!(by_user["meta"]["total"], 4);
    let none = api
        .get("/folders?filter[createdAfter]=2999-01-01T00:00:00Z")
        .await
        .expect(200);
    assert_eq!(none["meta"]["total"], 0);

    let bad_sort = api.get("/folders?sort=color").await;
    assert_eq!(bad_sort.status, 400);
    assert_eq!(bad_sort.error()["source"]["parameter"], "sort");
    assert_eq!(api.get("/folders?page[size]=101").await.status, 400);
    assert_eq!(
        api.get("/folders?filter[createdAfter]=yesterday")
            .await
            .status,
        400
    );

    let missing = api
        .post(
            "/folders",
            json!({"data": {"type": "Folder", "attributes": {}}}),
        )
        .await;
    assert_eq!(missing.status, 400);
    assert_eq!(missing.error()["code"], "PFAPI0002");
    assert_eq!(missing.error()["status"], "400");
    assert_eq!(
        missing.error()["source"]["pointer"],
        "/data/attributes/name"
    );
    let wrong_type = api
        .post(
            "/folders",
            json!({"data": {"type": "Audience", "attributes": {"name": "x"}}}),
        )
        .await;
    assert_eq!(wrong_type.error()["source"]["pointer"], "/data/type");
    let not_json = api
        .call(
            reqwest::Method::POST,
            "/folders",
            Some(Value::String("{".into())),
        )
        .await;
    assert_eq!(not_json.status, 400);

    api.delete(&format!("/folders/{id}"), None)
        .await
        .expect(204);
    let gone = api.get(&format!("/folders/{id}")).await;
    assert_eq!(gone.status, 404);
    assert_eq!(gone.error()["source"]["parameter"], "folderId");
    assert_eq!(
        api.delete(&format!("/folders/{id}"), None).await.status,
        404
    );
    assert_eq!(
        api.patch(&format!("/folders/{id}"), folder("x"))
            .await
            .status,
        404
    );
}

#[tokio::test]
async fn audiences_crud_folders_and_cascades() {
    let api = Api::start().await;
    let (id, cols) = api
        .audience(
            "Trade show leads",
            &[("Email", "EMAIL"), ("Employees", "INTEGER")],
        )
        .await;
    let got = api.get(&format!("/audiences/{id}")).await.expect(200);
    let a = &got["data"]["attributes"];
    assert_eq!(a["type"], "CONTACT");
    assert_eq!(a["origin"], "CUSTOM");
    assert_eq!(a["recordCount"], 0);
    assert_eq!(
        a["folderName"], "Trade show leads",
        "a folder named after the audience"
    );
    assert_eq!(a["columns"].as_array().unwrap().len(), 2);
    let email = &a["columns"][0]["attributes"];
    assert_eq!(email["columnType"], "CUSTOM");
    assert_eq!(email["isEditable"], true);
    assert_eq!(email["isSortable"], true);
    let folder_id = a["folderId"].as_str().unwrap().to_owned();
    let f = api.get(&format!("/folders/{folder_id}")).await.expect(200);
    assert_eq!(f["data"]["attributes"]["audiences"], json!([id]));

    // PATCH: name/notes/folder; other fields are refused.
    let other = api.post("/folders", folder("Elsewhere")).await.expect(201);
    let other_id = other["data"]["id"].as_str().unwrap();
    let moved = api
        .patch(&format!("/audiences/{id}"), json!({"data": {"type": "Audience", "attributes": {"name": "Renamed", "folderId": other_id}}}))
        .await
        .expect(200);
    assert_eq!(moved["data"]["attributes"]["name"], "Renamed");
    assert_eq!(moved["data"]["attributes"]["folderName"], "Elsewhere");
    assert!(
        moved["data"]["attributes"]
            .get("zoomInfoSearchCriteria")
            .is_none()
    );
    let unsupported = api
        .patch(
            &format!("/audiences/{id}"),
            json!({"data": {"type": "Audience", "attributes": {"type": "COMPANY"}}}),
        )
        .await;
    assert_eq!(unsupported.status, 400);
    assert!(
        unsupported.error()["detail"]
            .as_str()
            .unwrap()
            .contains("unsupported")
    );

    let list = api
        .get("/audiences?filter[type]=CONTACT&filter[searchText]=renam")
        .await
        .expect(200);
    assert_eq!(list["meta"]["total"], 1);
    assert_eq!(api.get("/audiences?filter[type]=PERSON").await.status, 400);
    assert_eq!(
        api.get("/audiences?filter[type]=COMPANY").await.expect(200)["meta"]["total"],
        0
    );

    // Creation errors.
    let no_type = api
        .post(
            "/audiences",
            json!({"data": {"type": "Audience", "attributes": {"name": "x"}}}),
        )
        .await;
    assert_eq!(
        no_type.error()["source"]["pointer"],
        "/data/attributes/type"
    );
    let bad_dt = api
        .post("/audiences", json!({"data": {"type": "Audience", "attributes": {"name": "x", "type": "CONTACT",
            "columns": [{"type": "Column", "attributes": {"columnType": "CUSTOM", "name": "Id", "dataType": "ZI_CONTACT_ID"}}]}}}))
        .await;
    assert_eq!(bad_dt.status, 400);
    assert_eq!(
        bad_dt.error()["source"]["pointer"],
        "/data/attributes/columns/0/attributes/dataType"
    );
    let ai_at_create = api
        .post("/audiences", json!({"data": {"type": "Audience", "attributes": {"name": "x", "type": "CONTACT",
            "columns": [{"type": "Column", "attributes": {"columnType": "AI", "name": "A", "prompt": "p"}}]}}}))
        .await;
    assert_eq!(ai_at_create.status, 400);
    let bad_folder = api
        .post("/audiences", json!({"data": {"type": "Audience", "attributes": {"name": "x", "type": "CONTACT", "folderId": "00000000-0000-0000-0000-000000000000"}}}))
        .await;
    assert_eq!(
        bad_folder.error()["source"]["pointer"],
        "/data/attributes/folderId"
    );
    let public_without_criteria = api
        .post("/audiences", json!({"data": {"type": "Audience", "attributes": {"name": "x", "type": "COMPANY", "origin": "ZOOMINFO_PUBLIC_API"}}}))
        .await;
    assert_eq!(public_without_criteria.status, 400);

    // Rows go with the audience; audiences go with their folder.
    api.insert(&id, &[vec![(cols[0].as_str(), json!("a@b.co"))]])
        .await;
    api.delete(&format!("/folders/{other_id}"), None)
        .await
        .expect(204);
    assert_eq!(api.get(&format!("/audiences/{id}")).await.status, 404);
    assert_eq!(
        api.delete(&format!("/audiences/{id}"), None).await.status,
        404
    );
}

#[tokio::test]
async fn columns_of_every_creatable_type() {
    let api = Api::start().await;
    let (id, cols) = api
        .audience("Columns", &[("Email", "EMAIL"), ("Company", "TEXT")])
        .await;
    let path = format!("/audiences/{id}/columns/actions/bulk/create");
    let created = api
        .post(&path, json!({"data": [
            {"type": "Column", "attributes": {"columnType": "CUSTOM", "name": "Tags", "dataType": "STRING_LIST"}},
            {"type": "Column", "attributes": {"columnType": "FORMULA", "name": "Domain", "prompt": "Email.split('@')[1]"}},
            {"type": "Column", "attributes": {"columnType": "FORMULA", "name": "Prose", "prompt": "extract the domain from Email"}},
            {"type": "Column", "attributes": {"columnType": "AI", "name": "Funding summary", "prompt": "Summarize latest funding",
                "tool": "AI_WEB_RESEARCH", "dataType": "LARGE_TEXT",
                "dataDependencies": [{"id": cols[1], "type": "COLUMN"}, {"id": "companyDescription", "type": "KNOWLEDGE_BASE"}]}},
            {"type": "Column", "attributes": {"columnType": "ZOOMINFO_MATCH", "name": "ZoomInfo Contact", "dataType": "ZI_CONTACT_ID"}}
        ]}))
        .await
        .expect(201);
    let data = created["data"].as_array().unwrap();
    assert_eq!(data.len(), 5);
    assert_eq!(
        data[0]["attributes"]["isSortable"], false,
        "lists do not sort"
    );
    assert_eq!(
        data[1]["attributes"]["scriptConfiguration"],
        json!({"language": "JAVASCRIPT", "expression": "Email.split('@')[1]"})
    );
    assert!(
        data[2]["attributes"].get("scriptConfiguration").is_none(),
        "prose does not compile"
    );
    assert_eq!(data[1]["attributes"]["isEditable"], false);
    assert_eq!(data[3]["attributes"]["tool"], "AI_WEB_RESEARCH");
    assert_eq!(data[3]["attributes"]["isSortable"], false);
    assert_eq!(
        data[3]["attributes"]["dataDependencies"]
            .as_array()
            .unwrap()
            .len(),
        2
    );
    assert_eq!(data[4]["attributes"]["matchCriteria"], json!([]));

    let second_match = api
        .post(&path, json!({"data": [{"type": "Column", "attributes": {"columnType": "ZOOMINFO_MATCH", "name": "Another", "dataType": "ZI_CONTACT_ID"}}]}))
        .await;
    assert_eq!(second_match.status, 400);
    let wrong_id_type = api
        .post(&format!("/audiences/{}/columns/actions/bulk/create", api.audience_of("COMPANY", "Co", &[]).await.0),
            json!({"data": [{"type": "Column", "attributes": {"columnType": "ZOOMINFO_MATCH", "name": "M", "dataType": "ZI_CONTACT_ID"}}]}))
        .await;
    assert_eq!(wrong_id_type.status, 400);
    let system_type = api
        .post(&path, json!({"data": [{"type": "Column", "attributes": {"columnType": "CRM", "name": "C", "dataType": "TEXT"}}]}))
        .await;
    assert_eq!(
        system_type.error()["source"]["pointer"],
        "/data/0/attributes/columnType"
    );
    let duplicate = api
        .post(&path, json!({"data": [{"type": "Column", "attributes": {"columnType": "CUSTOM", "name": "email", "dataType": "TEXT"}}]}))
        .await;
    assert_eq!(duplicate.status, 400);
    let bad_dep = api
        .post(&path, json!({"data": [{"type": "Column", "attributes": {"columnType": "AI", "name": "X", "prompt": "p",
            "dataDependencies": [{"id": "noSuchAttribute", "type": "KNOWLEDGE_BASE"}]}}]}))
        .await;
    assert_eq!(
        bad_dep.error()["source"]["pointer"],
        "/data/0/attributes/dataDependencies/0/id"
    );
    assert_eq!(
        api.post(
            "/audiences/00000000-0000-0000-0000-000000000000/columns/actions/bulk/create",
            json!({"data": []})
        )
        .await
        .status,
        404
    );

    // Data dependencies per tool.
    let deps = api
        .get(&format!(
            "/audiences/{id}/columns/data-dependencies/AI_WEB_RESEARCH"
        ))
        .await
        .expect(200);
    let entries = deps["data"]["attributes"].as_array().unwrap();
    assert_eq!(deps["data"]["type"], "ColumnDataDependencyList");
    assert!(
        entries.iter().any(|e| e["id"] == cols[0].as_str()
            && e["type"] == "COLUMN"
            && e["dataType"] == "EMAIL")
    );
    assert!(entries.iter().any(|e| e["type"] == "KNOWLEDGE_BASE"));
    assert!(
        !entries.iter().any(|e| e["name"] == "Funding summary"),
        "AI columns are not inputs"
    );
    assert_eq!(
        api.get(&format!(
            "/audiences/{id}/columns/data-dependencies/AI_MAGIC"
        ))
        .await
        .status,
        400
    );

    // PATCH: CUSTOM columns rename; computed ones are not editable.
    let tags = data[0]["id"].as_str().unwrap();
    let renamed = api
        .patch(
            &format!("/audiences/{id}/columns/{tags}"),
            json!({"data": {"type": "Column", "attributes": {"name": "Labels", "isHidden": true}}}),
        )
        .await
        .expect(200);
    assert_eq!(renamed["data"]["attributes"]["name"], "Labels");
    assert_eq!(renamed["data"]["attributes"]["isHidden"], true);
    let formula = data[1]["id"].as_str().unwrap();
    assert_eq!(
        api.patch(
            &format!("/audiences/{id}/columns/{formula}"),
            json!({"data": {"type": "Column", "attributes": {"name": "D"}}})
        )
        .await
        .status,
        400
    );

    // DELETE.
    api.delete(&format!("/audiences/{id}/columns/{tags}"), None)
        .await
        .expect(204);
    assert_eq!(
        api.delete(&format!("/audiences/{id}/columns/{tags}"), None)
            .await
            .status,
        404
    );
    let after = api.get(&format!("/audiences/{id}")).await.expect(200);
    assert_eq!(
        after["data"]["attributes"]["columns"]
            .as_array()
            .unwrap()
            .len(),
        6
    );
}

#[tokio::test]
async fn match_criteria_set_replace_and_auto_map() {
    let api = Api::start().await;
    let (id, cols) = api
        .audience(
            "Match",
            &[
                ("Work Email", "EMAIL"),
                ("Company Name", "TEXT"),
                ("Website", "URL"),
            ],
        )
        .await;
    let path = format!("/audiences/{id}/actions/match-criteria");
    // No body: auto-map, and create the match column.
    let auto = api
        .call(reqwest::Method::POST, &path, None)
        .await
        .expect(200);
    assert_eq!(auto["data"]["attributes"]["columnType"], "ZOOMINFO_MATCH");
    assert_eq!(auto["data"]["attributes"]["dataType"], "ZI_CONTACT_ID");
    let mapped: Vec<&str> = auto["data"]["attributes"]["matchCriteria"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["mappedTo"].as_str().unwrap())
        .collect();
    assert_eq!(mapped, ["CONTACT_EMAIL", "COMPANY_NAME", "COMPANY_WEBSITE"]);
    // Explicit criteria replace them.
    let explicit = api
        .post(&path, json!({"data": {"type": "UpsertMatchCriteria", "attributes": {"matchCriteria": [{"columnId": cols[2], "mappedTo": "COMPANY_WEBSITE"}]}}}))
        .await
        .expect(200);
    assert_eq!(
        explicit["data"]["id"], auto["data"]["id"],
        "the same match column"
    );
    assert_eq!(
        explicit["data"]["attributes"]["matchCriteria"],
        json!([{"columnId": cols[2], "mappedTo": "COMPANY_WEBSITE"}])
    );
    let company_field = api
        .post(&path, json!({"data": {"type": "UpsertMatchCriteria", "attributes": {"matchCriteria": [{"columnId": cols[1], "mappedTo": "COMPANY_CITY"}]}}}))
        .await;
    assert_eq!(company_field.status, 400);
    assert_eq!(
        company_field.error()["source"]["pointer"],
        "/data/attributes/matchCriteria/0/mappedTo"
    );
    let unknown = api
        .post(&path, json!({"data": {"type": "UpsertMatchCriteria", "attributes": {"matchCriteria": [{"columnId": "nope", "mappedTo": "CONTACT_EMAIL"}]}}}))
        .await;
    assert_eq!(
        unknown.error()["source"]["pointer"],
        "/data/attributes/matchCriteria/0/columnId"
    );
    assert_eq!(
        api.call(
            reqwest::Method::POST,
            "/audiences/00000000-0000-0000-0000-000000000000/actions/match-criteria",
            None
        )
        .await
        .status,
        404
    );
}

#[tokio::test]
async fn filter_metadata_lists_operators_per_data_type() {
    let api = Api::start().await;
    let (id, cols) = api
        .audience(
            "Meta",
            &[
                ("Name", "TEXT"),
                ("Employees", "INTEGER"),
                ("Active", "BOOLEAN"),
                ("Since", "DATE"),
                ("Tags", "STRING_LIST"),
                ("Blob", "OBJECT"),
            ],
        )
        .await;
    let body = api
        .get(&format!("/audiences/{id}/filter-metadata"))
        .await
        .expect(200);
    assert_eq!(body["data"]["type"], "AudienceFilterMetadata");
    assert_eq!(body["data"]["id"], id.as_str());
    let meta = body["data"]["attributes"]["filterMetadata"]
        .as_array()
        .unwrap();
    let ops = |i: usize| -> Vec<String> {
        meta[i]["filterOperators"]
            .as_array()
            .unwrap()
            .iter()
            .map(|o| o["operator"].as_str().unwrap().to_owned())
            .collect()
    };
    assert_eq!(meta[0]["columnId"], cols[0].as_str());
    assert!(ops(0).contains(&"DOES_NOT_CONTAINS".to_owned()));
    assert!(ops(1).contains(&"IN_RANGE".to_owned()));
    assert_eq!(ops(2), ["IS_TRUE", "IS_FALSE", "EMPTY", "NOT_EMPTY"]);
    assert!(ops(3).contains(&"ROLLING_RANGE".to_owned()));
    assert!(ops(4).contains(&"HAS_ALL_OF".to_owned()));
    assert_eq!(meta[5]["isFilterable"], false);
    assert_eq!(meta[5]["filterOperators"], json!([]));
    let contains = meta[0]["filterOperators"]
        .as_array()
        .unwrap()
        .iter()
        .find(|o| o["operator"] == "CONTAINS")
        .unwrap();
    assert_eq!(contains["minCharLimit"], 2);
    assert_eq!(contains["isMultipleSupported"], true);
    let empty = meta[0]["filterOperators"]
        .as_array()
        .unwrap()
        .iter()
        .find(|o| o["operator"] == "EMPTY")
        .unwrap();
    assert_eq!(empty["valueCountLimit"], 0);
}

#[tokio::test]
async fn zoominfo_public_api_audiences_are_populated_from_the_graph() {
    let api = Api::start().await;
    let created = api
        .post("/audiences", json!({"data": {"type": "Audience", "attributes": {
            "name": "Northwind people", "type": "CONTACT", "origin": "ZOOMINFO_PUBLIC_API",
            "zoomInfoSearchCriteria": {"contactSearch": {"companyWebsite": "northwind.io"}},
            "columns": [{"type": "Column", "attributes": {"columnType": "CUSTOM", "name": "Owner", "dataType": "TEXT"}}]}}}))
        .await
        .expect(201);
    let a = &created["data"]["attributes"];
    assert_eq!(a["origin"], "ZOOMINFO_PUBLIC_API");
    assert_eq!(
        a["zoomInfoSearchCriteria"]["contactSearch"]["companyWebsite"],
        "northwind.io"
    );
    let count = a["recordCount"].as_u64().unwrap();
    assert!(count >= 2, "Northwind's contacts: {count}");
    let cols = a["columns"].as_array().unwrap();
    let email = cols
        .iter()
        .find(|c| c["attributes"]["name"] == "Email")
        .unwrap();
    assert_eq!(email["attributes"]["columnType"], "ZOOMINFO_CONTACT");
    assert_eq!(email["attributes"]["isDeletable"], false);
    assert_eq!(email["attributes"]["isEditable"], false);
    let zi = cols
        .iter()
        .find(|c| c["attributes"]["columnType"] == "ZOOMINFO_MATCH")
        .unwrap();
    assert_eq!(
        zi["attributes"]["matchCriteria"][0]["mappedTo"],
        "CONTACT_EMAIL"
    );
    let id = created["data"]["id"].as_str().unwrap();
    let email_id = email["id"].as_str().unwrap();
    let dana = api
        .search(id, "", Some(json!({"operator": "AND", "filters": [
            {"type": "Filter", "columnId": email_id, "filterOperator": "EQUALS", "values": ["dana@northwind.io"]}]})))
        .await;
    assert_eq!(dana["meta"]["total"], 1);
    let row = &dana["data"][0];
    assert_eq!(
        common::cell(row, zi["id"].as_str().unwrap())["value"],
        "1200000001"
    );
    assert_eq!(common::cell(row, email_id)["state"], "RESULT");
    // System columns are read-only; CUSTOM ones take values.
    let delete = api
        .delete(&format!("/audiences/{id}/columns/{email_id}"), None)
        .await;
    assert_eq!(delete.status, 400);

    let companies = api
        .post("/audiences", json!({"data": {"type": "Audience", "attributes": {
            "name": "Big software", "type": "COMPANY", "origin": "ZOOMINFO_PUBLIC_API",
            "zoomInfoSearchCriteria": {"companySearch": {"employeeRangeMin": "5000", "country": "United States"}}}}}))
        .await
        .expect(201);
    let n = companies["data"]["attributes"]["recordCount"]
        .as_u64()
        .unwrap();
    assert!(n > 0 && n <= 1000, "{n}");
    let bad = api
        .post(
            "/audiences",
            json!({"data": {"type": "Audience", "attributes": {
            "name": "Bad", "type": "COMPANY", "origin": "ZOOMINFO_PUBLIC_API",
            "zoomInfoSearchCriteria": {"companySearch": {"employeeRangeMin": "lots"}}}}}),
        )
        .await;
    assert_eq!(
        bad.error()["source"]["pointer"],
        "/data/attributes/zoomInfoSearchCriteria/companySearch/employeeRangeMin"
    );
}
