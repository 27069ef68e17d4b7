//! Pushdown never changes an answer: 250 generated WHERE / ORDER BY / LIMIT queries over a
//! generated audience (every scalar and list type, NULLs, mixed case, duplicates) return the
//! same rows with pushdown on, with pushdown off, and from a DataFusion `MemTable` built
//! directly from the generated data (not read through gtmsql).

mod common;

use std::sync::Arc;

use datafusion::arrow::array::{
    ArrayRef, BooleanArray, Date32Array, Float64Array, Int64Array, ListBuilder, RecordBatch,
    StringBuilder, StringViewArray,
};
use datafusion::arrow::datatypes::{DataType, Field, Schema};
use datafusion::datasource::MemTable;
use gtmsql::GtmSession;
use gtmsql::client::{
    AudienceType, ColumnType, DataType as GtmType, NewAudience, NewColumn, NewFolder,
    UpsertOptions, UpsertRow,
};
use serde_json::{Value, json};

use common::render::rows as render;

const ROWS: usize = 640;
const QUERIES: usize = 250;

/// SplitMix64: deterministic, dependency-free.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    fn chance(&mut self, percent: u64) -> bool {
        self.next() % 100 < percent
    }

    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
}

const NAMES: &[&str] = &[
    "Acme",
    "acme",
    "ACME Corp",
    "Globex",
    "globex inc",
    "Initech",
    "Umbrella",
    "Hooli",
    "Stark_Ind",
    "50% Off",
    "Émile",
    "émile",
    "O'Brien",
];
const TAGS: &[&str] = &["SaaS", "saas", "B2B", "b2b", "AI", "Enterprise", "x"];

#[derive(Debug, Clone)]
struct Person {
    id: i64,
    name: Option<String>,
    email: Option<String>,
    n: Option<i64>,
    x: Option<f64>,
    flag: Option<bool>,
    day: Option<i32>,
    tags: Option<Vec<String>>,
    nums: Option<Vec<f64>>,
}

fn generate(rng: &mut Rng) -> Vec<Person> {
    (0..ROWS)
        .map(|i| {
            let name = (!rng.chance(10)).then(|| rng.pick(NAMES).to_string());
            let email = (!rng.chance(10)).then(|| {
                let user = ["ann", "Bob", "carl", "DANA", "eve"][rng.below(5)];
                let domain = ["acme.com", "ACME.com", "globex.io", "initech.ai"][rng.below(4)];
                format!("{user}{}@{domain}", rng.below(40))
            });
            let n = (!rng.chance(12)).then(|| rng.below(300) as i64 - 20);
            let x = (!rng.chance(12)).then(|| (rng.below(400) as f64) / 4.0 - 10.0);
            let flag = (!rng.chance(15)).then(|| rng.chance(50));
            let day = (!rng.chance(15)).then(|| 19_000 + rng.below(900) as i32);
            let tags = (!rng.chance(15)).then(|| {
                let k = rng.below(3);
                (0..k)
                    .map(|_| rng.pick(TAGS).to_string())
                    .collect::<Vec<_>>()
            });
            let nums = (!rng.chance(15)).then(|| {
                let k = rng.below(3);
                (0..k)
                    .map(|_| rng.below(10) as f64 / 2.0)
                    .collect::<Vec<_>>()
            });
            Person {
                id: i as i64,
                name,
                email,
                n,
                x,
                flag,
                day,
                // The server stores an empty list as blank.
                tags: tags.filter(|t| !t.is_empty()),
                nums: nums.filter(|t| !t.is_empty()),
            }
        })
        .collect()
}

fn date_text(days: i32) -> String {
    let d = chrono::NaiveDate::from_num_days_from_ce_opt(days + 719_163).unwrap();
    d.format("%Y-%m-%d").to_string()
}

fn mem_table(people: &[Person]) -> MemTable {
    let schema = Arc::new(Schema::new(vec![
        Field::new("id", DataType::Int64, true),
        Field::new("name", DataType::Utf8View, true),
        Field::new("email", DataType::Utf8View, true),
        Field::new("n", DataType::Int64, true),
        Field::new("x", DataType::Float64, true),
        Field::new("flag", DataType::Boolean, true),
        Field::new("day", DataType::Date32, true),
        Field::new("tags", DataType::new_list(DataType::Utf8, true), true),
        Field::new("nums", DataType::new_list(DataType::Float64, true), true),
    ]));
    let mut tags = ListBuilder::new(StringBuilder::new());
    for p in people {
        match &p.tags {
            Some(t) => {
                for s in t {
                    tags.values().append_value(s);
                }
                tags.append(true);
            }
            None => tags.append_null(),
        }
    }
    let mut nums = ListBuilder::new(datafusion::arrow::array::Float64Builder::new());
    for p in people {
        match &p.nums {
            Some(t) => {
                for v in t {
                    nums.values().append_value(*v);
                }
                nums.append(true);
            }
            None => nums.append_null(),
        }
    }
    let columns: Vec<ArrayRef> = vec![
        Arc::new(Int64Array::from(
            people.iter().map(|p| Some(p.id)).collect::<Vec<_>>(),
        )),
        Arc::new(StringViewArray::from(
            people.iter().map(|p| p.name.as_deref()).collect::<Vec<_>>(),
        )),
        Arc::new(StringViewArray::from(
            people
                .iter()
                .map(|p| p.email.as_deref())
                .collect::<Vec<_>>(),
        )),
        Arc::new(Int64Array::from(
            people.iter().map(|p| p.n).collect::<Vec<_>>(),
        )),
        Arc::new(Float64Array::from(
            people.iter().map(|p| p.x).collect::<Vec<_>>(),
        )),
        Arc::new(BooleanArray::from(
            people.iter().map(|p| p.flag).collect::<Vec<_>>(),
        )),
        Arc::new(Date32Array::from(
            people.iter().map(|p| p.day).collect::<Vec<_>>(),
        )),
        Arc::new(tags.finish()),
        Arc::new(nums.finish()),
    ];
    let batch = RecordBatch::try_new(Arc::clone(&schema), columns).unwrap();
    MemTable::try_new(schema, vec![vec![batch]]).unwrap()
}

/// A random predicate over the generated columns.
fn predicate(rng: &mut Rng, people: &[Person], depth: usize) -> String {
    let sample = &people[rng.below(people.len())];
    let text_value = |rng: &mut Rng, v: &Option<String>| {
        v.clone()
            .unwrap_or_else(|| rng.pick(NAMES).to_string())
            .replace('\'', "''")
    };
    let n = sample.n.unwrap_or(7);
    let x = sample.x.unwrap_or(1.5);
    let day = date_text(sample.day.unwrap_or(19_400));
    let kind = rng.below(if depth > 0 { 26 } else { 30 });
    match kind {
        0 => format!("name = '{}'", text_value(rng, &sample.name)),
        1 => format!("name <> '{}'", text_value(rng, &sample.name)),
        2 => format!(
            "name IN ('{}', '{}', 'nobody')",
            text_value(rng, &sample.name),
            rng.pick(NAMES).replace('\'', "''")
        ),
        3 => format!("name NOT IN ('{}')", rng.pick(NAMES).replace('\'', "''")),
        4 => format!(
            "name LIKE '{}%'",
            &rng.pick(&["Ac", "ac", "Gl", "50\\%", "Stark\\_", "É", "O'"])
                .replace('\'', "''")
        ),
        5 => format!(
            "name LIKE '%{}%'",
            rng.pick(&["cme", "CME", "lob", "_I", "e"])
        ),
        6 => format!("name ILIKE '%{}%'", rng.pick(&["cme", "ÉMI", "lob"])),
        7 => format!("name NOT LIKE '%{}%'", rng.pick(&["cme", "x"])),
        8 => format!("email = '{}'", sample.email.clone().unwrap_or_default()),
        9 => format!(
            "email LIKE '%@{}'",
            rng.pick(&["acme.com", "ACME.com", "globex.io"])
        ),
        10 => format!("n = {n}"),
        11 => format!("n <> {n}"),
        12 => format!("n {} {n}", rng.pick(&[">", ">=", "<", "<="])),
        13 => format!("n BETWEEN {} AND {}", n - 30, n + 30),
        14 => {
            let k = *rng.pick(&[3usize, 20, 150]);
            let list: Vec<String> = (0..k)
                .map(|_| (rng.below(300) as i64 - 20).to_string())
                .collect();
            format!("n IN ({})", list.join(", "))
        }
        15 => format!("n NOT IN ({}, {})", n, n + 1),
        16 => format!("x {} {x}", rng.pick(&[">", ">=", "<", "<=", "=", "<>"])),
        17 => format!("x BETWEEN {} AND {}", x - 5.0, x + 5.0),
        18 => (*rng.pick(&[
            "flag",
            "NOT flag",
            "flag = true",
            "flag = false",
            "flag IS TRUE",
            "flag IS NOT FALSE",
            "flag <> true",
        ]))
        .to_owned(),
        19 => format!(
            "day {} DATE '{day}'",
            rng.pick(&[">", ">=", "<", "<=", "="])
        ),
        20 => format!(
            "day BETWEEN DATE '{day}' AND DATE '{}'",
            date_text(sample.day.unwrap_or(19_400) + 60)
        ),
        21 => format!(
            "{} IS {}NULL",
            rng.pick(&["name", "email", "n", "x", "flag", "day", "tags", "nums"]),
            if rng.chance(50) { "NOT " } else { "" }
        ),
        22 => format!("array_has(tags, '{}')", rng.pick(TAGS)),
        23 => format!(
            "array_has_any(tags, ['{}', '{}'])",
            rng.pick(TAGS),
            rng.pick(TAGS)
        ),
        24 => format!(
            "array_has_all(tags, ['{}', '{}'])",
            rng.pick(TAGS),
            rng.pick(TAGS)
        ),
        25 => format!("array_has(nums, {})", rng.below(10) as f64 / 2.0),
        26 => format!(
            "({} OR {})",
            predicate(rng, people, depth + 1),
            predicate(rng, people, depth + 1)
        ),
        27 => format!("NOT ({})", predicate(rng, people, depth + 1)),
        28 => format!(
            "(_row_id IS NOT NULL AND {})",
            predicate(rng, people, depth + 1)
        ),
        _ => format!(
            "({} AND {})",
            predicate(rng, people, depth + 1),
            predicate(rng, people, depth + 1)
        ),
    }
}

/// A query against table `{T}`, and the columns whose order is defined (for ORDER BY … LIMIT).
fn query(rng: &mut Rng, people: &[Person]) -> (String, Option<String>) {
    let mut wher: Vec<String> = Vec::new();
    for _ in 0..rng.below(3) + 1 {
        wher.push(predicate(rng, people, 0));
    }
    let filter = format!("WHERE {}", wher.join(" AND "));
    match rng.below(5) {
        0 => (format!("SELECT count(*) FROM {{T}} {filter}"), None),
        1 => {
            let (col, unique) = *rng.pick(&[
                ("id", true),
                ("n", false),
                ("x", false),
                ("day", false),
                ("name", false),
            ]);
            let dir = if rng.chance(50) { "DESC" } else { "ASC" };
            let limit = rng.below(40) + 1;
            let select = if unique {
                "id, name, n, x, flag, day".to_owned()
            } else {
                col.to_owned()
            };
            (
                format!("SELECT {select} FROM {{T}} {filter} ORDER BY {col} {dir} LIMIT {limit}"),
                Some(col.to_owned()),
            )
        }
        2 => (
            format!("SELECT id FROM {{T}} {filter} LIMIT {}", rng.below(700) + 1),
            Some("limit-count".to_owned()),
        ),
        _ => (
            format!("SELECT id, name, email, n, x, flag, day, tags, nums FROM {{T}} {filter}"),
            None,
        ),
    }
}

async fn run(session: &GtmSession, sql: &str) -> Result<Vec<String>, String> {
    match session.execute(sql).await {
        Ok(b) => Ok(render(&b)),
        Err(e) => Err(e.user_message()),
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn pushdown_on_off_and_a_local_copy_agree() {
    let env = common::TestEnv::start().await;
    // GTMSQL_DIFF_SEED explores other generated audiences and queries.
    let seed = std::env::var("GTMSQL_DIFF_SEED")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(20_261_126);
    let mut rng = Rng(seed);
    let people = generate(&mut rng);
    let folder = env
        .client
        .create_folder(&NewFolder {
            name: "Diff".to_owned(),
            ..NewFolder::default()
        })
        .await
        .unwrap();
    let column = |name: &str, dt: GtmType| NewColumn {
        name: name.to_owned(),
        column_type: ColumnType::Custom,
        data_type: Some(dt),
        ..NewColumn::default()
    };
    let audience = env
        .client
        .create_audience(
            &NewAudience {
                name: "People".to_owned(),
                audience_type: AudienceType::Contact,
                folder_id: Some(folder.id),
                columns: vec![
                    column("Id", GtmType::Integer),
                    column("Name", GtmType::Text),
                    column("Email", GtmType::Email),
                    column("N", GtmType::Integer),
                    column("X", GtmType::Decimal),
                    column("Flag", GtmType::Boolean),
                    column("Day", GtmType::Date),
                    column("Tags", GtmType::StringList),
                    column("Nums", GtmType::NumberList),
                ],
                ..NewAudience::default()
            },
            false,
        )
        .await
        .unwrap();
    let ids: Vec<String> = audience.columns.iter().map(|c| c.id.clone()).collect();
    for chunk in people.chunks(500) {
        let rows: Vec<UpsertRow> = chunk
            .iter()
            .map(|p| {
                let values = [
                    json!(p.id),
                    json!(p.name),
                    json!(p.email),
                    json!(p.n),
                    json!(p.x),
                    json!(p.flag),
                    p.day.map_or(Value::Null, |d| json!(date_text(d))),
                    json!(p.tags),
                    json!(p.nums),
                ];
                UpsertRow {
                    id: None,
                    values: ids
                        .iter()
                        .cloned()
                        .zip(values)
                        .filter(|(_, v)| !v.is_null())
                        .collect(),
                }
            })
            .collect();
        env.client
            .upsert_rows(&audience.id, &rows, &UpsertOptions::default())
            .await
            .unwrap();
    }
    let on = GtmSession::connect(env.client.clone()).await.unwrap();
    let off = GtmSession::connect(env.client.clone()).await.unwrap();
    off.set_option("gtm.pushdown", "false").unwrap();
    on.context()
        .register_table("gtm.local.mem", Arc::new(mem_table(&people)))
        .unwrap();

    let mut compared = 0;
    let mut failures = Vec::new();
    for _ in 0..QUERIES {
        let (template, ordered) = query(&mut rng, &people);
        let remote = template.replace("{T}", "diff.people");
        // The local copy has no _row_id; every row has one, so the predicate is true.
        let local = template
            .replace("{T}", "gtm.local.mem")
            .replace("_row_id IS NOT NULL", "TRUE");
        let (a, b, c) = (
            run(&on, &remote).await,
            run(&off, &remote).await,
            run(&on, &local).await,
        );
        let normalise = |r: Result<Vec<String>, String>| -> Result<Vec<String>, String> {
            r.map(|mut rows| {
                match ordered.as_deref() {
                    // The order of an ORDER BY on a unique column, or the sort key's values,
                    // is defined; row order otherwise is not.
                    Some("id") => rows,
                    Some("limit-count") => vec![rows.len().to_string()],
                    Some(_) => rows,
                    None => {
                        rows.sort();
                        rows
                    }
                }
            })
        };
        let (a, b, c) = (normalise(a), normalise(b), normalise(c));
        compared += 1;
        if a != c || b != c {
            failures.push(format!(
                "{remote}\n  pushdown on:  {:?}\n  pushdown off: {:?}\n  local copy:   {:?}",
                a.as_ref().map(|r| r.iter().take(8).collect::<Vec<_>>()),
                b.as_ref().map(|r| r.iter().take(8).collect::<Vec<_>>()),
                c.as_ref().map(|r| r.iter().take(8).collect::<Vec<_>>()),
            ));
        }
    }
    assert!(compared >= 200);
    assert!(
        failures.is_empty(),
        "{} of {compared} queries differ:\n{}",
        failures.len(),
        failures.join("\n")
    );
}
