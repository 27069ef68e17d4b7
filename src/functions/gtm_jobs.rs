//! `gtm_jobs()`: the jobs this session started (enrichments, bulk deletes), oldest first,
//! with the last status the session saw (no request is sent).

use std::sync::{Arc, LazyLock};
use std::time::UNIX_EPOCH;

use datafusion::arrow::array::{
    ArrayRef, Float64Builder, Int64Builder, StringBuilder, TimestampMillisecondBuilder,
};
use datafusion::arrow::datatypes::{DataType, Field, Schema, SchemaRef, TimeUnit};
use datafusion::arrow::record_batch::RecordBatch;
use datafusion::catalog::{TableFunctionArgs, TableFunctionImpl, TableProvider};
use datafusion::common::Result;

use super::table::{FunctionTable, Producer};
use super::{check_arity, one_batch};
use crate::jobs::JobRecord;
use crate::provider::GtmCatalog;

const USAGE: &str = "gtm_jobs()";

static SCHEMA: LazyLock<SchemaRef> = LazyLock::new(|| {
    Arc::new(Schema::new(vec![
        Field::new("job_id", DataType::Utf8, false),
        Field::new("kind", DataType::Utf8, false),
        Field::new("audience", DataType::Utf8, false),
        Field::new("status", DataType::Utf8, false),
        Field::new("percent", DataType::Int64, true),
        Field::new(
            "started_at",
            DataType::Timestamp(TimeUnit::Millisecond, Some("UTC".into())),
            false,
        ),
        Field::new("elapsed", DataType::Float64, false),
    ]))
});

/// The `gtm_jobs` table function.
#[derive(Debug)]
pub(crate) struct GtmJobsFunction {
    catalog: Arc<GtmCatalog>,
}

impl GtmJobsFunction {
    pub(crate) fn new(catalog: Arc<GtmCatalog>) -> Self {
        Self { catalog }
    }
}

impl TableFunctionImpl for GtmJobsFunction {
    fn call_with_args(&self, args: TableFunctionArgs<'_, '_>) -> Result<Arc<dyn TableProvider>> {
        check_arity(USAGE, args.exprs(), 0, 0)?;
        let catalog = Arc::clone(&self.catalog);
        let producer: Producer = Arc::new(move || {
            // The list as it is when the query runs, not when it was planned.
            let records = catalog.jobs().list();
            one_batch(Box::pin(async move { jobs_batch(&records) }))
        });
        Ok(Arc::new(FunctionTable::new(
            USAGE.to_owned(),
            &SCHEMA,
            producer,
        )))
    }
}

fn jobs_batch(records: &[JobRecord]) -> Result<RecordBatch> {
    let mut job_id = StringBuilder::new();
    let mut kind = StringBuilder::new();
    let mut audience = StringBuilder::new();
    let mut status = StringBuilder::new();
    let mut percent = Int64Builder::new();
    let mut started_at = TimestampMillisecondBuilder::new().with_timezone("UTC");
    let mut elapsed = Float64Builder::new();
    for r in records {
        job_id.append_value(&r.job_id);
        kind.append_value(r.kind.as_str());
        audience.append_value(&r.audience);
        status.append_value(r.status.as_str());
        percent.append_option(r.percent.map(i64::from));
        let millis = r
            .started_at
            .duration_since(UNIX_EPOCH)
            .map_or(0, |d| i64::try_from(d.as_millis()).unwrap_or(i64::MAX));
        started_at.append_value(millis);
        elapsed.append_value(r.elapsed.as_secs_f64());
    }
    let columns: Vec<ArrayRef> = vec![
        Arc::new(job_id.finish()),
        Arc::new(kind.finish()),
        Arc::new(audience.finish()),
        Arc::new(status.finish()),
        Arc::new(percent.finish()),
        Arc::new(started_at.finish()),
        Arc::new(elapsed.finish()),
    ];
    Ok(RecordBatch::try_new(Arc::clone(&SCHEMA), columns)?)
}
