//! Runs `sql/**/*.slt`: each file gets its own in-process GTM Studio emulator, seeded with the
//! fixture audiences of `tests/common/fixture.rs`, and its own gtmsql session.
//!
//! `cargo test --test sqllogictests [FILTER]` runs them; `-- --complete` rewrites the expected
//! results from what gtmsql answers now (review the diff before committing).

mod common;

use std::path::{Path, PathBuf};
use std::sync::Arc;

use async_trait::async_trait;
use datafusion::arrow::array::{Array, ArrayRef};
use datafusion::arrow::datatypes::DataType;
use datafusion::arrow::record_batch::RecordBatch;
use datafusion::arrow::util::display::{ArrayFormatter, FormatOptions};
use gtmsql::GtmSession;
use libtest_mimic::{Arguments, Failed, Trial};
use sqllogictest::{DBOutput, DefaultColumnType};

/// A gtmsql session as a sqllogictest database.
struct GtmDb {
    session: GtmSession,
    /// Machine-specific paths, replaced in results by `<NAME>` so files pass in any clone.
    paths: Vec<(String, &'static str)>,
}

#[derive(Debug)]
struct DbError(String);

impl std::fmt::Display for DbError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for DbError {}

#[async_trait]
impl sqllogictest::AsyncDB for GtmDb {
    type Error = DbError;
    type ColumnType = DefaultColumnType;

    async fn run(&mut self, sql: &str) -> Result<DBOutput<Self::ColumnType>, Self::Error> {
        let frame = self
            .session
            .sql(sql)
            .await
            .map_err(|e| DbError(e.user_message()))?;
        let schema = Arc::clone(frame.schema().inner());
        let batches = frame
            .collect()
            .await
            .map_err(|e| DbError(gtmsql::error::datafusion_message(&e)))?;
        let types = schema
            .fields()
            .iter()
            .map(|f| column_type(f.data_type()))
            .collect();
        let mut rows = rows(&batches).map_err(DbError)?;
        for value in rows.iter_mut().flatten() {
            for (path, name) in &self.paths {
                // Plans print object-store paths without the leading `/`.
                let relative = path.trim_start_matches('/');
                if value.contains(relative) {
                    *value = value.replace(relative, name);
                }
            }
        }
        // A plan is one cell of many lines; the validator compares lines, so give each its
        // own row (the file then reads as the plan's tree).
        let rows = rows
            .into_iter()
            .flat_map(|row| {
                let line = row.join(" ");
                if line.contains('\n') {
                    line.lines().map(|l| vec![l.to_owned()]).collect()
                } else {
                    vec![row]
                }
            })
            .collect();
        Ok(DBOutput::Rows { types, rows })
    }

    async fn shutdown(&mut self) {}

    fn engine_name(&self) -> &str {
        "gtmsql"
    }

    async fn sleep(dur: std::time::Duration) {
        tokio::time::sleep(dur).await;
    }
}

fn column_type(t: &DataType) -> DefaultColumnType {
    match t {
        DataType::Int8
        | DataType::Int16
        | DataType::Int32
        | DataType::Int64
        | DataType::UInt8
        | DataType::UInt16
        | DataType::UInt32
        | DataType::UInt64 => DefaultColumnType::Integer,
        DataType::Float16 | DataType::Float32 | DataType::Float64 | DataType::Decimal128(_, _) => {
            DefaultColumnType::FloatingPoint
        }
        _ => DefaultColumnType::Text,
    }
}

fn cell(array: &ArrayRef, row: usize) -> Result<String, String> {
    if array.is_null(row) {
        return Ok("NULL".to_owned());
    }
    let options = FormatOptions::default().with_null("NULL");
    let formatter = ArrayFormatter::try_new(array.as_ref(), &options).map_err(|e| e.to_string())?;
    let text = formatter.value(row).to_string();
    // A plan ends with a newline; keep cells free of trailing blank lines, which would end
    // the record in the .slt file.
    let text = text.trim_end_matches('\n').to_owned();
    Ok(if text.is_empty() {
        "(empty)".to_owned()
    } else {
        text
    })
}

fn rows(batches: &[RecordBatch]) -> Result<Vec<Vec<String>>, String> {
    let mut out = Vec::new();
    for batch in batches {
        for row in 0..batch.num_rows() {
            out.push(
                batch
                    .columns()
                    .iter()
                    .map(|c| cell(c, row))
                    .collect::<Result<Vec<_>, _>>()?,
            );
        }
    }
    Ok(out)
}

fn slt_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    let mut entries: Vec<_> = entries.filter_map(Result::ok).map(|e| e.path()).collect();
    entries.sort();
    for path in entries {
        if path.is_dir() {
            slt_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "slt") {
            out.push(path);
        }
    }
}

fn run_file(path: &Path, complete: bool) -> Result<(), Failed> {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .map_err(|e| Failed::from(e.to_string()))?;
    runtime.block_on(async {
        let env = common::TestEnv::start().await;
        common::fixture::load(&env.client).await;
        let dir = std::env::temp_dir().join(format!(
            "gtmsql-slt-{}-{}",
            std::process::id(),
            path.file_stem().and_then(|s| s.to_str()).unwrap_or("file")
        ));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).map_err(|e| Failed::from(e.to_string()))?;
        let client = env.client.clone();
        let test_dir = dir.display().to_string();
        let data_dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data").to_owned();
        let paths = vec![
            (data_dir.clone(), "<DATA_DIR>"),
            (test_dir.clone(), "<TEST_DIR>"),
        ];
        let mut runner = sqllogictest::Runner::new(move || {
            let client = client.clone();
            let paths = paths.clone();
            async move {
                let session = GtmSession::connect(client)
                    .await
                    .map_err(|e| DbError(e.user_message()))?;
                Ok(GtmDb { session, paths })
            }
        });
        runner.set_var("TEST_DIR".to_owned(), test_dir);
        runner.set_var("DATA_DIR".to_owned(), data_dir);
        let result = if complete {
            runner
                .update_test_file(
                    path,
                    " ",
                    sqllogictest::default_validator,
                    sqllogictest::default_normalizer,
                    sqllogictest::default_column_validator,
                )
                .await
                .map_err(|e| Failed::from(e.to_string()))
        } else {
            runner
                .run_file_async(path)
                .await
                .map_err(|e| Failed::from(e.display(true).to_string()))
        };
        let _ = std::fs::remove_dir_all(&dir);
        result
    })
}

fn main() {
    let mut complete = false;
    let args: Vec<String> = std::env::args()
        .filter(|a| {
            if a == "--complete" {
                complete = true;
                false
            } else {
                true
            }
        })
        .collect();
    let args = Arguments::from_iter(args);
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("sql");
    let mut files = Vec::new();
    slt_files(&root, &mut files);
    let trials = files
        .into_iter()
        .map(|path| {
            let name = path
                .strip_prefix(&root)
                .unwrap_or(&path)
                .with_extension("")
                .display()
                .to_string();
            Trial::test(name, move || run_file(&path, complete))
        })
        .collect();
    libtest_mimic::run(&args, trials).exit();
}
