//! The audiences every sqllogictest file starts with.
//!
//! * `events.booth_scans` (CONTACT, 12 rows): every CUSTOM data type, NULLs, mixed case, lists,
//!   dates; rows 1–2 are the user guide's Dana and Marco.
//! * `events.accounts` (COMPANY, 6 rows).
//! * `bulk.contacts` (CONTACT, 1,234 rows): enough for several 500-row pages.

use gtmsql::client::{
    AudienceClient, AudienceType, ColumnType, DataType, NewAudience, NewColumn, NewFolder,
    UpsertOptions, UpsertRow,
};
use serde_json::{Value, json};

fn custom(name: &str, data_type: DataType) -> NewColumn {
    NewColumn {
        name: name.to_owned(),
        column_type: ColumnType::Custom,
        data_type: Some(data_type),
        ..NewColumn::default()
    }
}

async fn audience(
    client: &AudienceClient,
    folder_id: &str,
    name: &str,
    audience_type: AudienceType,
    columns: Vec<NewColumn>,
    rows: Vec<Value>,
) {
    let created = client
        .create_audience(
            &NewAudience {
                name: name.to_owned(),
                audience_type,
                folder_id: Some(folder_id.to_owned()),
                columns,
                ..NewAudience::default()
            },
            false,
        )
        .await
        .expect("fixture audience");
    let ids: Vec<String> = created.columns.iter().map(|c| c.id.clone()).collect();
    for chunk in rows.chunks(500) {
        let upserts: Vec<UpsertRow> = chunk
            .iter()
            .map(|values| UpsertRow {
                id: None,
                values: ids
                    .iter()
                    .zip(values.as_array().map(Vec::as_slice).unwrap_or_default())
                    .filter(|(_, v)| !v.is_null())
                    .map(|(c, v)| (c.clone(), v.clone()))
                    .collect(),
            })
            .collect();
        client
            .upsert_rows(&created.id, &upserts, &UpsertOptions::default())
            .await
            .expect("fixture rows");
    }
}

/// Creates the fixture folders and audiences.
pub async fn load(client: &AudienceClient) {
    let events = client
        .create_folder(&NewFolder {
            name: "Events".to_owned(),
            ..NewFolder::default()
        })
        .await
        .expect("folder");
    let columns = vec![
        custom("Email", DataType::Email),
        custom("Full Name", DataType::Text),
        custom("Company", DataType::Text),
        custom("Title", DataType::Text),
        custom("Employees", DataType::Integer),
        custom("Revenue", DataType::Currency),
        custom("Score", DataType::Decimal),
        custom("Active", DataType::Boolean),
        custom("Signed Up", DataType::Date),
        custom("Tags", DataType::StringList),
        custom("Ratings", DataType::NumberList),
        custom("Website", DataType::Url),
        custom("Profile", DataType::Object),
    ];
    let rows = vec![
        json!([
            "dana@northwind.io",
            "Dana Lin",
            "Northwind",
            "VP of Revenue Operations",
            420,
            61000000,
            8.5,
            true,
            "2026-03-14",
            ["SaaS", "Logistics"],
            [4, 5],
            "northwind.io",
            "{\"tier\":\"gold\"}"
        ]),
        json!([
            "marco@brightloom.com",
            "Marco Reyes",
            "Brightloom",
            "Director of Marketing",
            260,
            30000000,
            7.25,
            true,
            "2026-02-02",
            ["Restaurant Tech"],
            [3],
            "https://www.brightloom.com",
            null
        ]),
        json!([
            "ada@acme.com",
            "Ada Lovelace",
            "Acme Corp",
            "CTO",
            5000,
            900000000,
            9.9,
            false,
            "2025-11-30",
            ["saas", "Enterprise"],
            [5, 5, 4],
            "acme.com",
            null
        ]),
        json!([
            "grace@ACME.com",
            "Grace Hopper",
            "ACME corp",
            "Engineer",
            5000,
            null,
            6.0,
            true,
            "2025-12-31",
            ["Enterprise"],
            [],
            null,
            null
        ]),
        json!([
            "linus@initech.io",
            "Linus T",
            "Initech",
            "Manager",
            45,
            2500000,
            null,
            null,
            null,
            null,
            null,
            "initech.io",
            null
        ]),
        json!([
            "margaret@globex.com",
            "Margaret Hamilton",
            "Globex",
            "Chief Scientist",
            1200,
            150000000,
            9.1,
            false,
            "2024-07-20",
            ["Aerospace", "B2B"],
            [2.5],
            "globex.com",
            null
        ]),
        json!([
            null,
            "No Email",
            "Umbrella",
            null,
            0,
            0,
            0.0,
            false,
            "2026-01-01",
            [],
            [0],
            null,
            null
        ]),
        json!([
            "tim@hooli.xyz",
            "Tim Berners",
            "Hooli",
            "Founder",
            12,
            800000,
            5.5,
            true,
            "2026-06-01",
            ["b2b", "Search"],
            [1, 2, 3],
            "hooli.xyz",
            "[{\"k\":1}]"
        ]),
        json!([
            "ken@stark.io",
            "Ken Thompson",
            "Stark Industries",
            "VP Engineering",
            9000,
            2000000000,
            4.75,
            null,
            "2023-01-15",
            ["Defense"],
            null,
            "stark.io",
            null
        ]),
        json!([
            "barbara@wayne.co",
            "Barbara Liskov",
            null,
            "Director",
            null,
            null,
            8.0,
            true,
            "2026-03-14",
            ["SaaS"],
            [4],
            "wayne.co",
            null
        ]),
        json!([
            "edsger@tyrell.ai",
            "Edsger Dijkstra",
            "Tyrell",
            "Data Scientist",
            300,
            45000000,
            7.0,
            false,
            null,
            ["AI", "saas"],
            [5],
            "tyrell.ai",
            null
        ]),
        json!([
            "frances@cyberdyne.ai",
            "Frances Allen",
            "Cyberdyne",
            "chief data officer",
            750,
            120000000,
            6.5,
            true,
            "2025-05-05",
            ["AI"],
            [3, 4],
            null,
            null
        ]),
    ];
    audience(
        client,
        &events.id,
        "Booth Scans",
        AudienceType::Contact,
        columns,
        rows,
    )
    .await;

    let accounts = vec![
        json!(["Northwind", "northwind.io", "Software", 420, "2014-05-01"]),
        json!([
            "Brightloom",
            "brightloom.com",
            "Restaurant Technology",
            260,
            "2012-09-10"
        ]),
        json!(["Acme Corp", "acme.com", "Manufacturing", 5000, "1950-01-01"]),
        json!(["Globex", "globex.com", "Energy", 1200, "1989-03-03"]),
        json!(["Hooli", "hooli.xyz", "Software", 12, null]),
        json!(["Initech", null, "Software", 45, "1998-02-19"]),
    ];
    audience(
        client,
        &events.id,
        "Accounts",
        AudienceType::Company,
        vec![
            custom("Name", DataType::Text),
            custom("Domain", DataType::Url),
            custom("Industry", DataType::Text),
            custom("Employees", DataType::Integer),
            custom("Founded", DataType::Date),
        ],
        accounts,
    )
    .await;

    let bulk = client
        .create_folder(&NewFolder {
            name: "Bulk".to_owned(),
            ..NewFolder::default()
        })
        .await
        .expect("folder");
    let rows: Vec<Value> = (0..1234)
        .map(|i| {
            json!([
                format!("person{i:04}@example.com"),
                i,
                if i % 7 == 0 {
                    Value::Null
                } else {
                    json!(["alpha", "beta", "gamma"][i % 3])
                },
            ])
        })
        .collect();
    audience(
        client,
        &bulk.id,
        "Contacts",
        AudienceType::Contact,
        vec![
            custom("Email", DataType::Email),
            custom("N", DataType::Integer),
            custom("Group", DataType::Text),
        ],
        rows,
    )
    .await;
}
