//! Golden-file tests: response bodies written by hand from the contract decode as expected,
//! and request types encode to the hand-written request bodies.

use serde::Serialize;
use serde::de::DeserializeOwned;
use serde_json::{Value, json};

use super::*;
use crate::client::retry::{Endpoint, error_from_response};
use crate::client::{Error, Secret};

macro_rules! fixture {
    ($name:literal) => {
        include_str!(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/tests/fixtures/api/",
            $name
        ))
    };
}

fn decode<T: DeserializeOwned>(text: &str) -> T {
    serde_json::from_str(text).unwrap_or_else(|e| panic!("decoding failed: {e}"))
}

/// Compares an encoded request with a golden body (as JSON values, so layout is free).
fn assert_encodes(body: &impl Serialize, golden: &str) {
    let actual = serde_json::to_value(body).unwrap();
    let expected: Value = serde_json::from_str(golden).unwrap();
    assert_eq!(
        actual,
        expected,
        "\nactual:   {}\nexpected: {}",
        serde_json::to_string_pretty(&actual).unwrap(),
        serde_json::to_string_pretty(&expected).unwrap()
    );
}

const EMAIL: &str = "a1111111-1111-4111-8111-111111111111";
const DOMAIN: &str = "a2222222-2222-4222-8222-222222222222";
const FUNDING: &str = "a3333333-3333-4333-8333-333333333333";
const MATCH: &str = "a4444444-4444-4444-8444-444444444444";
const EMPLOYEES: &str = "a8888888-8888-4888-8888-888888888888";
const SIGNED_UP: &str = "a9999999-9999-4999-8999-999999999999";
const COMPANY: &str = "a7777777-7777-4777-8777-777777777777";
const ROW_1: &str = "b1111111-1111-4111-8111-111111111111";
const ROW_2: &str = "b2222222-2222-4222-8222-222222222222";

#[test]
fn token_response() {
    let t: TokenResponse = decode(fixture!("token.json"));
    assert_eq!(t.access_token.expose(), "golden-access-token-0123456789");
    assert_eq!(t.expires_in, Some(3600));
    assert_eq!(t.token_type.as_deref(), Some("Bearer"));
    assert!(!format!("{t:?}").contains("golden-access-token"));
    let e: TokenErrorResponse = decode(fixture!("token_error.json"));
    assert_eq!(e.error, "invalid_client");
    let err = error_from_response(
        Endpoint::Token,
        reqwest::StatusCode::UNAUTHORIZED,
        &reqwest::header::HeaderMap::new(),
        fixture!("token_error.json").as_bytes(),
        0,
    );
    assert!(
        matches!(err, Error::Auth { ref message } if message.contains("Client authentication failed"))
    );
}

#[test]
fn folder_list() {
    let doc: ListDoc<Folder> = decode(fixture!("folders_list.json"));
    assert_eq!(doc.meta.as_ref().and_then(|m| m.total), Some(2));
    let [q3, inbox] = doc.data.as_slice() else {
        panic!("two folders expected")
    };
    assert_eq!(q3.name, "Q3 Campaigns");
    assert!(q3.starred);
    assert_eq!(q3.audience_ids.len(), 2);
    assert_eq!(q3.notes.as_deref(), Some("Owned by field marketing"));
    let meta = q3.meta.as_ref().unwrap();
    assert_eq!(meta.created_by_id, "12345");
    assert_eq!(meta.updated_by_name, "John Roe");
    assert_eq!(inbox.description, None);
    assert!(inbox.audience_ids.is_empty());
}

#[test]
fn audience_detail_with_every_column_type() {
    let doc: Doc<Audience> = decode(fixture!("audience_detail.json"));
    let a = doc.data;
    assert_eq!(a.audience_type, AudienceType::Contact);
    assert_eq!(a.origin, Origin::Custom);
    assert_eq!(a.record_count, 2);
    assert_eq!(a.notes, None);
    assert_eq!(a.folder_name.as_deref(), Some("Q3 Campaigns"));
    let types: Vec<&str> = a.columns.iter().map(|c| c.column_type.as_str()).collect();
    assert_eq!(
        types,
        [
            "CUSTOM",
            "FORMULA",
            "AI",
            "ZOOMINFO_MATCH",
            "ZOOMINFO_HOLOGRAMS"
        ]
    );

    let email = a.column(EMAIL).unwrap();
    assert_eq!(email.data_type, Some(DataType::Email));
    assert!(email.is_editable && email.is_frozen && !email.is_hidden);

    let formula = a.column_by_name("domain").unwrap();
    assert_eq!(formula.column_type, ColumnType::Formula);
    assert_eq!(
        formula.script_expression.as_deref(),
        Some("Email.split('@')[1]")
    );
    assert!(!formula.is_editable);

    let ai = a.column(FUNDING).unwrap();
    assert_eq!(ai.tool, Some(AiTool::AiWebResearch));
    assert_eq!(
        ai.data_dependencies,
        [
            DataDependencyRef::column(EMAIL),
            DataDependencyRef::knowledge_base("companyDescription")
        ]
    );
    assert!(!ai.is_sortable);

    let matcher = a.column(MATCH).unwrap();
    assert_eq!(matcher.data_type, Some(DataType::ZiContactId));
    assert_eq!(
        matcher.match_criteria,
        [MatchCriterion {
            column_id: EMAIL.to_owned(),
            mapped_to: MatchField::ContactEmail
        }]
    );

    let unknown = &a.columns[4];
    assert_eq!(
        unknown.column_type,
        ColumnType::Unknown("ZOOMINFO_HOLOGRAMS".to_owned())
    );
    assert_eq!(
        unknown.data_type.as_ref().map(DataType::as_str),
        Some("HOLOGRAM")
    );
    assert!(!unknown.column_type.is_creatable());
    assert!(unknown.is_hidden);
}

#[test]
fn audience_list() {
    let doc: ListDoc<Audience> = decode(fixture!("audiences_list.json"));
    assert_eq!(doc.data.len(), 2);
    assert_eq!(doc.data[0].origin, Origin::ZoominfoPublicApi);
    assert_eq!(doc.data[0].audience_type, AudienceType::Company);
    assert_eq!(
        doc.data[0].columns[0].column_type,
        ColumnType::ZoominfoCompany
    );
    assert_eq!(doc.data[1].origin, Origin::DerivedCrmContacts);
    assert!(doc.data[1].meta.is_none());
}

#[test]
fn row_search_page_with_every_cell_state() {
    let doc: ListDoc<Row> = decode(fixture!("rows_search.json"));
    let meta = doc.meta.unwrap();
    assert_eq!(meta.total, Some(137));
    assert_eq!(meta.page.as_ref().and_then(|p| p.number), Some(3));
    let [first, second] = doc.data.as_slice() else {
        panic!("two rows expected")
    };
    assert_eq!(first.id, ROW_1);
    assert_eq!(first.value(EMAIL), Some(&json!("dana@northwind.io")));
    assert_eq!(first.cell(FUNDING).unwrap().state, CellState::Loading);
    assert_eq!(first.cell(FUNDING).unwrap().value, None);
    // A ZoomInfo id as a number and as a string reads the same as text.
    assert_eq!(
        first.cell(MATCH).unwrap().value_text().as_deref(),
        Some("1234567890")
    );
    assert_eq!(
        second.cell(MATCH).unwrap().value_text().as_deref(),
        Some("9876543210")
    );
    assert_eq!(second.cell(EMAIL).unwrap().state, CellState::Blank);
    assert_eq!(second.cell(DOMAIN).unwrap().state, CellState::NoResult);
    let failed = second.cell(FUNDING).unwrap();
    assert_eq!(failed.state, CellState::Error);
    assert_eq!(
        failed.error,
        Some(CellError {
            summary: "Match failed".to_owned(),
            description: "No ZoomInfo contact matched the input".to_owned(),
            retryable: false,
        })
    );
    let odd = &second.cells[4];
    assert_eq!(odd.state, CellState::Unknown("QUANTUM".to_owned()));
    assert_eq!(odd.value, Some(json!(["a", "b"])));
}

#[test]
fn filter_metadata() {
    let doc: FilterMetadataDoc = decode(fixture!("filter_metadata.json"));
    let meta = doc.data.attributes.filter_metadata;
    assert_eq!(meta.len(), 2);
    let ops = &meta[0].operators;
    assert_eq!(
        ops[1],
        OperatorConfig {
            operator: FilterOperator::Contains,
            multiple: true,
            value_count_limit: Some(10),
            min_char_limit: Some(2),
        }
    );
    assert_eq!(ops[2].operator, FilterOperator::DoesNotContains);
    assert_eq!(ops[3].value_count_limit, Some(0));
    assert_eq!(
        ops[4].operator,
        FilterOperator::Unknown("SOUNDS_LIKE".to_owned())
    );
    assert_eq!(ops[4].value_count_limit, None);
    assert!(!meta[1].is_filterable);
    assert!(meta[1].operators.is_empty());
}

#[test]
fn job_status_and_job_ids() {
    let doc: Doc<JobStatus> = decode(fixture!("job_status.json"));
    assert_eq!(doc.data.status, RunStatus::Running);
    assert_eq!(doc.data.percent, Some(40));
    assert!(!doc.data.status.is_terminal());
    let doc: Doc<JobStatus> = decode(fixture!("job_status_no_progress.json"));
    assert_eq!(doc.data.percent, None);
    assert!(doc.data.status.is_terminal());
    let doc: Doc<IdResource> = decode(fixture!("enrich_job.json"));
    assert_eq!(doc.data.id, "c1111111-1111-4111-8111-111111111111");
    let doc: Doc<IdResource> = decode(fixture!("row_delete_job.json"));
    assert_eq!(doc.data.id, "c3333333-3333-4333-8333-333333333333");
    assert!(!RunStatus::Unknown("PAUSED".to_owned()).is_terminal());
}

#[test]
fn data_dependencies() {
    let doc: DataDependencyList = decode(fixture!("data_dependencies.json"));
    let deps = doc.data.attributes;
    assert_eq!(deps.len(), 2);
    assert_eq!(deps[0].kind, InputType::Column);
    assert_eq!(deps[0].data_type, DataType::Email);
    assert_eq!(deps[1].kind, InputType::KnowledgeBase);
    assert_eq!(deps[1].description, None);
    assert_eq!(
        deps[1].to_ref(),
        DataDependencyRef::knowledge_base("companyDescription")
    );
}

#[test]
fn match_column_response() {
    let doc: Doc<Column> = decode(fixture!("match_column.json"));
    assert_eq!(doc.data.column_type, ColumnType::ZoominfoMatch);
    assert_eq!(doc.data.match_criteria.len(), 2);
    assert_eq!(
        doc.data.match_criteria[1].mapped_to,
        MatchField::CompanyName
    );
}

#[test]
fn both_error_shapes() {
    let doc: ErrorDocument = decode(fixture!("error_jsonapi.json"));
    assert_eq!(doc.errors.len(), 2);
    assert_eq!(doc.errors[0].status.as_deref(), Some("400"));
    assert_eq!(
        doc.errors[1]
            .source
            .as_ref()
            .and_then(|s| s.parameter.as_deref()),
        Some("page[size]")
    );
    let gateway: GatewayErrorDocument = decode(fixture!("error_gateway.json"));
    assert_eq!(gateway.error.status.as_deref(), Some("429"));
    assert_eq!(gateway.error.retryable, Some(true));

    let api = |status: u16, body: &str| {
        error_from_response(
            Endpoint::Api,
            reqwest::StatusCode::from_u16(status).unwrap(),
            &reqwest::header::HeaderMap::new(),
            body.as_bytes(),
            0,
        )
    };
    let e = api(400, fixture!("error_jsonapi.json"));
    assert_eq!(
        e.to_string(),
        "400 PFAPI0002: data[1].attributes.values[1].value: a INTEGER column expects a whole number, not the string 'abc' (at /data/1/attributes/values/1/value)"
    );
    let e = api(429, fixture!("error_gateway.json"));
    assert_eq!(e.code(), Some("ZI0004"));
    assert!(e.is_retryable());
    assert!(matches!(e, Error::Api { request_id: Some(ref r), .. } if r == "req_7d0c1f3a9b2e4c58"));
}

#[test]
fn enums_keep_unknown_values_and_parse_loosely() {
    assert_eq!(DataType::from_wire("TEXT"), DataType::Text);
    assert_eq!(
        "large_text".parse::<DataType>().unwrap(),
        DataType::LargeText
    );
    let odd: DataType = "Quaternion".parse().unwrap();
    assert_eq!(odd, DataType::Unknown("Quaternion".to_owned()));
    assert_eq!(odd.as_str(), "Quaternion");
    assert_eq!(serde_json::to_value(&odd).unwrap(), json!("Quaternion"));
    assert_eq!(DataType::KNOWN.len(), 26);
    assert_eq!(ColumnType::KNOWN.len(), 33);
    assert_eq!(MatchField::KNOWN.len(), 39);
    assert_eq!(FilterOperator::KNOWN.len(), 25);
    assert_eq!(Origin::KNOWN.len(), 13);
    assert_eq!(RunStatus::KNOWN.len(), 6);
    for op in FilterOperator::KNOWN {
        assert_eq!(&FilterOperator::from_wire(op.as_str()), op);
    }
    assert_eq!(AiTool::AiEmailer.to_string(), "AI_EMAILER");
}

#[test]
fn folder_create_request() {
    let new = NewFolder {
        description: Some("Trade shows and webinars".to_owned()),
        ..NewFolder::new("Q3 Campaigns")
    };
    assert_encodes(
        &folder_create_body(&new),
        fixture!("request_folder_create.json"),
    );
    let patch = FolderPatch {
        starred: Some(true),
        ..FolderPatch::default()
    };
    assert_encodes(
        &folder_patch_body(&patch),
        r#"{"data":{"type":"Folder","attributes":{"starred":true}}}"#,
    );
}

#[test]
fn audience_create_request() {
    let new = NewAudience {
        description: Some("Badge scans from the spring show".to_owned()),
        folder_id: Some("0b5f2c1e-7a3d-4e8f-9c61-2d4b6a8e0f13".to_owned()),
        columns: vec![
            NewColumn::custom("Email", DataType::Email),
            NewColumn::custom("Employees", DataType::Integer),
        ],
        ..NewAudience::new("Trade show leads", AudienceType::Contact)
    };
    assert_encodes(
        &audience_create_body(&new),
        fixture!("request_audience_create.json"),
    );
    let patch = AudiencePatch {
        name: Some("Renamed".to_owned()),
        ..AudiencePatch::default()
    };
    assert_encodes(
        &audience_patch_body(&patch),
        r#"{"data":{"type":"Audience","attributes":{"name":"Renamed"}}}"#,
    );
}

#[test]
fn column_bulk_create_request() {
    let columns = [
        NewColumn {
            script_expression: Some("Email.split('@')[1]".to_owned()),
            ..NewColumn::formula("Domain", "Email.split('@')[1]")
        },
        NewColumn {
            data_type: Some(DataType::LargeText),
            tool: Some(AiTool::AiWebResearch),
            data_dependencies: vec![
                DataDependencyRef::column(EMAIL),
                DataDependencyRef::knowledge_base("companyDescription"),
            ],
            ..NewColumn::ai(
                "Funding summary",
                "Summarize the latest funding round in one sentence",
            )
        },
        NewColumn::zoominfo_match("ZoomInfo Contact", DataType::ZiContactId),
    ];
    assert_encodes(
        &columns_create_body(&columns),
        fixture!("request_columns_create.json"),
    );
    let patch = ColumnPatch {
        name: Some("Work email".to_owned()),
        is_hidden: Some(true),
        ..ColumnPatch::default()
    };
    assert_encodes(
        &column_patch_body(&patch),
        fixture!("request_column_patch.json"),
    );
}

#[test]
fn row_search_request_with_an_or_group() {
    let request = SearchRequest {
        filter: Some(FilterGroup {
            operator: GroupOperator::Or,
            filters: vec![
                Filter::new(
                    EMAIL,
                    FilterOperator::Contains,
                    ["northwind".into(), "brightloom".into()],
                ),
                Filter::new(
                    EMPLOYEES,
                    FilterOperator::GreaterThanOrEqual,
                    [FilterValue::Number(100.0)],
                ),
                Filter::new(
                    SIGNED_UP,
                    FilterOperator::Within,
                    [FilterValue::from(7_i64), "DAYS".into()],
                ),
                Filter::new(
                    EMPLOYEES,
                    FilterOperator::InRange,
                    [0.5.into(), 2.25.into()],
                ),
                Filter::new(DOMAIN, FilterOperator::Empty, []),
            ],
        }),
        ids: Some(vec![ROW_1.to_owned(), ROW_2.to_owned()]),
        sort: Some(SortKey {
            column_id: EMPLOYEES.to_owned(),
            descending: true,
        }),
        columns: Some(vec![EMAIL.to_owned(), EMPLOYEES.to_owned()]),
        page: 2,
        page_size: 50,
    };
    assert_encodes(&search_body(&request), fixture!("request_rows_search.json"));
    assert_eq!(
        request.query(),
        [
            ("page[number]", "2".to_owned()),
            ("page[size]", "50".to_owned()),
            ("sort", format!("-{EMPLOYEES}")),
            ("columns", format!("{EMAIL},{EMPLOYEES}")),
        ]
    );
    let plain = SearchRequest::default();
    assert_eq!((plain.page, plain.page_size), (1, 25));
    assert_encodes(
        &search_body(&plain),
        r#"{"data":{"type":"RowSearch","attributes":{}}}"#,
    );
}

#[test]
fn bulk_upsert_request() {
    let rows = [
        UpsertRow::create([
            (EMAIL.to_owned(), json!("ada@example.com")),
            (EMPLOYEES.to_owned(), json!(42)),
        ]),
        UpsertRow::update(
            ROW_2,
            [
                (EMAIL.to_owned(), Value::Null),
                (
                    "aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa".to_owned(),
                    json!(["x", "y"]),
                ),
            ],
        ),
    ];
    assert_encodes(
        &rows_upsert_body(&rows),
        fixture!("request_rows_upsert.json"),
    );
}

#[test]
fn bulk_delete_request() {
    let ids = [ROW_1.to_owned(), ROW_2.to_owned()];
    assert_encodes(
        &rows_delete_body(&ids),
        fixture!("request_rows_delete.json"),
    );
}

#[test]
fn enrich_requests() {
    let request = EnrichRequest {
        scope: EnrichScope::Rows(vec![ROW_1.to_owned()]),
        columns: Some(vec![FUNDING.to_owned(), MATCH.to_owned()]),
    };
    assert_encodes(&enrich_body(&request), fixture!("request_enrich.json"));
    let request = EnrichRequest {
        scope: EnrichScope::Audience,
        columns: None,
    };
    assert_encodes(
        &enrich_body(&request),
        fixture!("request_enrich_audience.json"),
    );
}

#[test]
fn match_criteria_request() {
    let criteria = [
        MatchCriterion {
            column_id: EMAIL.to_owned(),
            mapped_to: MatchField::ContactEmail,
        },
        MatchCriterion {
            column_id: COMPANY.to_owned(),
            mapped_to: MatchField::CompanyName,
        },
    ];
    assert_encodes(
        &match_criteria_body(&criteria),
        fixture!("request_match_criteria.json"),
    );
}

#[test]
fn secrets_do_not_print() {
    let s = Secret::new("hunter2");
    assert_eq!(format!("{s:?}"), "[REDACTED]");
    assert_eq!(s.expose(), "hunter2");
}
