//! Row search: every operator per dataType, with the case, blank and list rules written down
//! in `src/filter.rs`; OR groups, ids, sort (blanks greatest), pagination and projection.

mod common;

use chrono::{Days, Utc};
use common::{Api, row_ids};
use serde_json::{Value, json};

struct Fixture {
    api: Api,
    id: String,
    col: Vec<String>,
    labels: Vec<String>,
}

const COLUMNS: &[(&str, &str)] = &[
    ("Label", "TEXT"),
    ("Name", "TEXT"),
    ("Email", "EMAIL"),
    ("Employees", "INTEGER"),
    ("Revenue", "DECIMAL"),
    ("Active", "BOOLEAN"),
    ("Since", "DATE"),
    ("Seen", "DATE"),
    ("Tags", "STRING_LIST"),
    ("Scores", "NUMBER_LIST"),
    ("Blob", "OBJECT"),
];

fn day(offset: i64) -> String {
    let today = Utc::now().date_naive();
    let d = if offset < 0 {
        today.checked_sub_days(Days::new(offset.unsigned_abs()))
    } else {
        today.checked_add_days(Days::new(offset as u64))
    };
    d.unwrap().format("%Y-%m-%d").to_string()
}

async fn fixture() -> Fixture {
    let api = Api::start().await;
    let (id, col) = api.audience("Search", COLUMNS).await;
    let rows = [
        json!([
            "r1",
            "Acme Corp",
            "ana@acme.com",
            10,
            1.5,
            true,
            "2026-01-15",
            day(-1),
            ["SaaS", "B2B"],
            [1, 2],
            null
        ]),
        json!([
            "r2",
            "acme labs",
            "bo@ACME.io",
            250,
            99.9,
            false,
            "2025-12-31",
            day(-10),
            ["saas"],
            [3],
            null
        ]),
        json!([
            "r3", "Globex", null, null, null, null, null, null, null, null, null
        ]),
        json!([
            "r4",
            "Initech Data Platform",
            "cy@initech.com",
            5000,
            0,
            true,
            "2024-06-01",
            day(-100),
            ["Enterprise", "b2b"],
            [2.5],
            null
        ]),
        json!([
            "r5",
            null,
            "dee@umbrella.org",
            250,
            10,
            false,
            "2026-02-01",
            day(5),
            [],
            [],
            null
        ]),
    ];
    let cells: Vec<Vec<(&str, Value)>> = rows
        .iter()
        .map(|r| {
            col.iter()
                .zip(r.as_array().unwrap())
                .map(|(c, v)| (c.as_str(), v.clone()))
                .collect()
        })
        .collect();
    api.insert(&id, &cells).await;
    let labels = (1..=5).map(|i| format!("r{i}")).collect();
    Fixture {
        api,
        id,
        col,
        labels,
    }
}

impl Fixture {
    fn column(&self, name: &str) -> &str {
        let i = COLUMNS.iter().position(|(n, _)| *n == name).unwrap();
        &self.col[i]
    }

    async fn labels_of(&self, body: &Value) -> Vec<String> {
        let ids = row_ids(body);
        let mut out = Vec::new();
        for id in ids {
            let row = self
                .api
                .get(&format!(
                    "/audiences/{}/rows/{id}?columns={}",
                    self.id, self.col[0]
                ))
                .await
                .expect(200);
            out.push(
                row["data"]["attributes"]["values"][0]["value"]
                    .as_str()
                    .unwrap()
                    .to_owned(),
            );
        }
        out
    }

    async fn find(&self, operator: &str, filters: &[(&str, &str, Value)]) -> Vec<String> {
        let items: Vec<Value> = filters
            .iter()
            .map(|(c, op, v)| json!({"type": "Filter", "columnId": self.column(c), "filterOperator": op, "values": v}))
            .collect();
        let body = self
            .api
            .search(
                &self.id,
                "?page[size]=500",
                Some(json!({"operator": operator, "filters": items})),
            )
            .await;
        let mut labels = self.labels_of(&body).await;
        labels.sort();
        assert_eq!(
            body["meta"]["total"].as_u64().unwrap() as usize,
            labels.len()
        );
        labels
    }

    async fn error(&self, filter: Value) -> Value {
        let r = self
            .api
            .post(
                &format!("/audiences/{}/rows/actions/search", self.id),
                json!({"data": {"type": "RowSearch", "attributes": {"filter": filter}}}),
            )
            .await;
        assert_eq!(r.status, 400, "{:#}", r.body);
        r.error().clone()
    }
}

fn rows(list: &[&str]) -> Vec<String> {
    list.iter().map(|s| (*s).to_owned()).collect()
}

#[tokio::test]
async fn every_operator_per_data_type() {
    let f = fixture().await;
    let cases: Vec<(&str, &str, Value, Vec<String>)> = vec![
        // Text: case-insensitive; blanks match negative operators only.
        ("Name", "EQUALS", json!(["ACME CORP"]), rows(&["r1"])),
        (
            "Name",
            "EQUALS",
            json!(["acme corp", "globex"]),
            rows(&["r1", "r3"]),
        ),
        (
            "Name",
            "NOT_EQUALS",
            json!(["acme corp"]),
            rows(&["r2", "r3", "r4", "r5"]),
        ),
        ("Name", "CONTAINS", json!(["acme"]), rows(&["r1", "r2"])),
        (
            "Name",
            "CONTAINS",
            json!(["acme", "TECH"]),
            rows(&["r1", "r2", "r4"]),
        ),
        (
            "Name",
            "DOES_NOT_CONTAINS",
            json!(["acme"]),
            rows(&["r3", "r4", "r5"]),
        ),
        ("Name", "STARTS_WITH", json!(["ac"]), rows(&["r1", "r2"])),
        (
            "Name",
            "DOES_NOT_START_WITH",
            json!(["ac"]),
            rows(&["r3", "r4", "r5"]),
        ),
        (
            "Name",
            "CONTAINS_WORD",
            json!(["data platform"]),
            rows(&["r4"]),
        ),
        ("Name", "CONTAINS_WORD", json!(["corp"]), rows(&["r1"])),
        ("Name", "CONTAINS_WORD", json!(["acm"]), rows(&[])),
        (
            "Name",
            "DOES_NOT_CONTAIN_WORD",
            json!(["labs"]),
            rows(&["r1", "r3", "r4", "r5"]),
        ),
        ("Name", "EMPTY", json!([]), rows(&["r5"])),
        (
            "Name",
            "NOT_EMPTY",
            json!([]),
            rows(&["r1", "r2", "r3", "r4"]),
        ),
        ("Name", "CONTAINS", json!(["e%"]), rows(&[])),
        ("Email", "EQUALS", json!(["bo@acme.io"]), rows(&["r2"])),
        ("Email", "CONTAINS", json!(["@acme."]), rows(&["r1", "r2"])),
        // Numbers: numeric comparison, numeric strings accepted.
        ("Employees", "EQUALS", json!([250]), rows(&["r2", "r5"])),
        (
            "Employees",
            "EQUALS",
            json!([250.0, 10]),
            rows(&["r1", "r2", "r5"]),
        ),
        (
            "Employees",
            "NOT_EQUALS",
            json!([250]),
            rows(&["r1", "r3", "r4"]),
        ),
        (
            "Employees",
            "GREATER_THAN",
            json!([100]),
            rows(&["r2", "r4", "r5"]),
        ),
        ("Employees", "LESS_THAN", json!([250]), rows(&["r1"])),
        (
            "Employees",
            "GREATER_THAN_OR_EQUAL",
            json!(["250"]),
            rows(&["r2", "r4", "r5"]),
        ),
        (
            "Employees",
            "LESS_THAN_OR_EQUAL",
            json!([250]),
            rows(&["r1", "r2", "r5"]),
        ),
        (
            "Employees",
            "IN_RANGE",
            json!([10, 250]),
            rows(&["r1", "r2", "r5"]),
        ),
        ("Employees", "EMPTY", json!([]), rows(&["r3"])),
        (
            "Revenue",
            "GREATER_THAN",
            json!(["1.5"]),
            rows(&["r2", "r5"]),
        ),
        ("Revenue", "EQUALS", json!([0]), rows(&["r4"])),
        // Booleans.
        ("Active", "IS_TRUE", json!([]), rows(&["r1", "r4"])),
        ("Active", "IS_FALSE", json!([]), rows(&["r2", "r5"])),
        ("Active", "EMPTY", json!([]), rows(&["r3"])),
        // Dates.
        (
            "Since",
            "IS_EXACT_DATE",
            json!(["2026-01-15"]),
            rows(&["r1"]),
        ),
        (
            "Since",
            "BEFORE",
            json!(["2026-01-01"]),
            rows(&["r2", "r4"]),
        ),
        (
            "Since",
            "AFTER",
            json!(["2026-01-15T08:00:00Z"]),
            rows(&["r5"]),
        ),
        (
            "Since",
            "IN_RANGE",
            json!(["2025-12-31", "2026-01-15"]),
            rows(&["r1", "r2"]),
        ),
        ("Seen", "WITHIN", json!([7, "DAYS"]), rows(&["r1"])),
        ("Seen", "WITHIN", json!([2, "WEEKS"]), rows(&["r1", "r2"])),
        (
            "Seen",
            "WITHIN",
            json!([6, "MONTHS"]),
            rows(&["r1", "r2", "r4"]),
        ),
        (
            "Seen",
            "ROLLING_RANGE",
            json!([-30, 0]),
            rows(&["r1", "r2"]),
        ),
        ("Seen", "ROLLING_RANGE", json!([0, 10]), rows(&["r5"])),
        (
            "Seen",
            "NOT_EMPTY",
            json!([]),
            rows(&["r1", "r2", "r4", "r5"]),
        ),
        // Lists: element semantics, case-insensitive; an empty list is blank.
        ("Tags", "HAS_ONE_OF", json!(["saas"]), rows(&["r1", "r2"])),
        (
            "Tags",
            "HAS_ONE_OF",
            json!(["enterprise", "nope"]),
            rows(&["r4"]),
        ),
        ("Tags", "HAS_ALL_OF", json!(["SAAS", "b2b"]), rows(&["r1"])),
        (
            "Tags",
            "HAS_NONE_OF",
            json!(["b2b"]),
            rows(&["r2", "r3", "r5"]),
        ),
        ("Tags", "EMPTY", json!([]), rows(&["r3", "r5"])),
        ("Tags", "NOT_EMPTY", json!([]), rows(&["r1", "r2", "r4"])),
        ("Scores", "HAS_ONE_OF", json!([2]), rows(&["r1"])),
        ("Scores", "HAS_ONE_OF", json!([2.5, 3]), rows(&["r2", "r4"])),
        ("Scores", "HAS_ALL_OF", json!([1, 2]), rows(&["r1"])),
    ];
    for (column, op, values, expected) in cases {
        let got = f.find("AND", &[(column, op, values.clone())]).await;
        assert_eq!(got, expected, "{column} {op} {values}");
    }
    assert_eq!(f.labels.len(), 5);
}

#[tokio::test]
async fn groups_and_ids() {
    let f = fixture().await;
    let or = f
        .find(
            "OR",
            &[
                ("Name", "CONTAINS", json!(["acme"])),
                ("Employees", "GREATER_THAN", json!([1000])),
            ],
        )
        .await;
    assert_eq!(or, rows(&["r1", "r2", "r4"]));
    let and = f
        .find(
            "AND",
            &[
                ("Name", "CONTAINS", json!(["acme"])),
                ("Employees", "GREATER_THAN", json!([100])),
            ],
        )
        .await;
    assert_eq!(and, rows(&["r2"]));
    assert_eq!(
        f.find("AND", &[]).await.len(),
        5,
        "an empty group matches everything"
    );

    let all = f.api.search(&f.id, "", None).await;
    let ids = row_ids(&all);
    let by_ids = f
        .api
        .post(
            &format!("/audiences/{}/rows/actions/search", f.id),
            json!({"data": {"type": "RowSearch", "attributes": {"ids": [ids[3], ids[1], "00000000-0000-0000-0000-000000000000"],
                "filter": {"operator": "AND", "filters": [{"type": "Filter", "columnId": f.column("Active"), "filterOperator": "IS_FALSE", "values": []}]}}}}),
        )
        .await
        .expect(200);
    assert_eq!(f.labels_of(&by_ids).await, rows(&["r2"]));
}

#[tokio::test]
async fn invalid_filters_are_400s_with_pointers() {
    let f = fixture().await;
    let filter = |col: &str, op: &str, values: Value| json!({"operator": "AND", "filters": [{"type": "Filter", "columnId": f.column(col), "filterOperator": op, "values": values}]});
    let short = f.error(filter("Name", "CONTAINS", json!(["a"]))).await;
    assert_eq!(
        short["source"]["pointer"],
        "/data/attributes/filter/filters/0/values/0"
    );
    assert!(short["detail"].as_str().unwrap().contains("minimum of 2"));
    let many: Vec<String> = (0..101).map(|i| format!("v{i}")).collect();
    let too_many = f.error(filter("Name", "EQUALS", json!(many))).await;
    assert!(too_many["detail"].as_str().unwrap().contains("at most 100"));
    let no_values = f.error(filter("Active", "IS_TRUE", json!([true]))).await;
    assert!(no_values["detail"].as_str().unwrap().contains("no values"));
    let not_allowed = f.error(filter("Name", "GREATER_THAN", json!(["a"]))).await;
    assert_eq!(
        not_allowed["source"]["pointer"],
        "/data/attributes/filter/filters/0/filterOperator"
    );
    let typed = f.error(filter("Name", "EQUALS", json!([5]))).await;
    assert!(typed["detail"].as_str().unwrap().contains("string values"));
    let object = f.error(filter("Blob", "EQUALS", json!(["x"]))).await;
    assert!(
        object["detail"]
            .as_str()
            .unwrap()
            .contains("not filterable")
    );
    let backwards = f
        .error(filter("Employees", "IN_RANGE", json!([250, 10])))
        .await;
    assert!(
        backwards["detail"]
            .as_str()
            .unwrap()
            .contains("greater than")
    );
    let bad_op = f.error(filter("Name", "LIKE", json!(["x"]))).await;
    assert_eq!(
        bad_op["source"]["pointer"],
        "/data/attributes/filter/filters/0/filterOperator"
    );
    let unknown = f
        .error(json!({"operator": "AND", "filters": [{"type": "Filter", "columnId": "nope", "filterOperator": "EMPTY", "values": []}]}))
        .await;
    assert_eq!(
        unknown["source"]["pointer"],
        "/data/attributes/filter/filters/0/columnId"
    );
    let no_group = f.error(json!({"filters": []})).await;
    assert_eq!(
        no_group["source"]["pointer"],
        "/data/attributes/filter/operator"
    );
    let bad_date = f
        .error(filter("Since", "BEFORE", json!(["next week"])))
        .await;
    assert!(bad_date["detail"].as_str().unwrap().contains("not a date"));
}

#[tokio::test]
async fn sorting_puts_blanks_last_ascending_and_first_descending() {
    let f = fixture().await;
    let employees = f.column("Employees").to_owned();
    let asc = f
        .api
        .search(&f.id, &format!("?sort={employees}"), None)
        .await;
    assert_eq!(
        f.labels_of(&asc).await,
        rows(&["r1", "r2", "r5", "r4", "r3"])
    );
    let desc = f
        .api
        .search(&f.id, &format!("?sort=-{employees}"), None)
        .await;
    assert_eq!(
        f.labels_of(&desc).await,
        rows(&["r3", "r4", "r2", "r5", "r1"])
    );
    let name = f.column("Name").to_owned();
    let by_name = f.api.search(&f.id, &format!("?sort={name}"), None).await;
    assert_eq!(
        f.labels_of(&by_name).await,
        rows(&["r1", "r2", "r3", "r4", "r5"])
    );
    // Pages of a sorted search stitch together exactly.
    let mut stitched = Vec::new();
    for page in 1..=3 {
        let body = f
            .api
            .search(
                &f.id,
                &format!("?sort=-{employees}&page[size]=2&page[number]={page}"),
                None,
            )
            .await;
        stitched.extend(f.labels_of(&body).await);
    }
    assert_eq!(stitched, rows(&["r3", "r4", "r2", "r5", "r1"]));
    let tags = f.column("Tags").to_owned();
    let unsortable = f
        .api
        .post(
            &format!("/audiences/{}/rows/actions/search?sort={tags}", f.id),
            json!({}),
        )
        .await;
    assert_eq!(unsortable.status, 400);
    assert_eq!(unsortable.error()["source"]["parameter"], "sort");
    assert_eq!(
        f.api
            .post(
                &format!("/audiences/{}/rows/actions/search?sort=nope", f.id),
                json!({})
            )
            .await
            .status,
        400
    );
}

#[tokio::test]
async fn pagination_projection_and_links() {
    let f = fixture().await;
    let page = f
        .api
        .search(&f.id, "?page[size]=2&page[number]=2", None)
        .await;
    assert_eq!(f.labels_of(&page).await, rows(&["r3", "r4"]));
    assert_eq!(
        page["meta"],
        json!({"page": {"size": 2, "number": 2}, "total": 5})
    );
    let links = &page["links"];
    assert!(
        links["first"]
            .as_str()
            .unwrap()
            .ends_with("page%5Bnumber%5D=1")
    );
    assert!(
        links["prev"]
            .as_str()
            .unwrap()
            .ends_with("page%5Bnumber%5D=1")
    );
    assert!(
        links["next"]
            .as_str()
            .unwrap()
            .ends_with("page%5Bnumber%5D=3")
    );
    assert!(
        links["last"]
            .as_str()
            .unwrap()
            .ends_with("page%5Bnumber%5D=3")
    );
    assert!(
        links["next"]
            .as_str()
            .unwrap()
            .starts_with("http://127.0.0.1:")
    );
    let past = f
        .api
        .search(&f.id, "?page[size]=2&page[number]=9", None)
        .await;
    assert_eq!(past["data"], json!([]));
    assert_eq!(past["meta"]["total"], 5);
    let cols = format!("{},{}", f.column("Email"), f.column("Label"));
    let projected = f.api.search(&f.id, &format!("?columns={cols}"), None).await;
    let values = projected["data"][0]["attributes"]["values"]
        .as_array()
        .unwrap();
    assert_eq!(values.len(), 2);
    assert_eq!(
        values[0]["columnId"],
        f.column("Label"),
        "in audience column order"
    );
    assert_eq!(
        f.api
            .post(
                &format!("/audiences/{}/rows/actions/search?columns=nope", f.id),
                json!({})
            )
            .await
            .status,
        400
    );
    assert_eq!(
        f.api
            .post(
                &format!("/audiences/{}/rows/actions/search?page[size]=501", f.id),
                json!({})
            )
            .await
            .status,
        400
    );
    // No body at all is a search for everything.
    let bare = f
        .api
        .call(
            reqwest::Method::POST,
            &format!("/audiences/{}/rows/actions/search", f.id),
            None,
        )
        .await
        .expect(200);
    assert_eq!(bare["meta"]["total"], 5);
    assert_eq!(bare["meta"]["page"]["size"], 25);
}
