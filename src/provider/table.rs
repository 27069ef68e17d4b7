//! `AudienceTable`: an audience as a DataFusion table.

use std::fmt;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};

use async_trait::async_trait;
use datafusion::arrow::datatypes::SchemaRef;
use datafusion::catalog::{Session, TableProvider};
use datafusion::common::{DFSchema, Result};
use datafusion::logical_expr::dml::InsertOp;
use datafusion::logical_expr::utils::conjunction;
use datafusion::logical_expr::{Expr, TableProviderFilterPushDown, TableType};
use datafusion::physical_plan::ExecutionPlan;
use datafusion::physical_plan::filter::FilterExecBuilder;

use super::filter::{self, Pass, PushdownPlan};
use super::options::SharedOptions;
use super::scan::{AudienceScanExec, ScanOptions};
use super::schema::TableLayout;
use crate::client::AudienceClient;
use crate::jobs::Jobs;

/// What every scan of a table needs.
pub struct TableState {
    /// The client.
    pub client: AudienceClient,
    /// The audience's id.
    pub audience_id: String,
    /// `folder.audience`, for messages and EXPLAIN.
    pub display_name: String,
    /// Columns and schema.
    pub layout: TableLayout,
    /// The audience's row count: `recordCount` when the metadata was read, then kept
    /// current by this session's writes and unfiltered scans (for statistics).
    pub record_count: AtomicU64,
}

impl TableState {
    /// The row count as last known.
    pub fn rows(&self) -> u64 {
        self.record_count.load(Ordering::Relaxed)
    }

    /// Records a row count the server just reported.
    pub fn set_rows(&self, rows: u64) {
        self.record_count.store(rows, Ordering::Relaxed);
    }

    /// Records rows created (positive) or deleted (negative) by this session.
    pub fn add_rows(&self, delta: i64) {
        let _ = self
            .record_count
            .fetch_update(Ordering::Relaxed, Ordering::Relaxed, |n| {
                Some(n.saturating_add_signed(delta))
            });
    }
}

impl fmt::Debug for TableState {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("TableState")
            .field("audience_id", &self.audience_id)
            .field("display_name", &self.display_name)
            .field("columns", &self.layout.columns.len())
            .finish_non_exhaustive()
    }
}

/// An audience as a table: `_row_id` plus one column per audience column.
#[derive(Debug, Clone)]
pub struct AudienceTable {
    state: Arc<TableState>,
    options: SharedOptions,
    jobs: Jobs,
}

impl AudienceTable {
    /// A table over `state`, reading options from `options` at planning time.
    pub fn new(state: TableState, options: SharedOptions, jobs: Jobs) -> Self {
        Self {
            state: Arc::new(state),
            options,
            jobs,
        }
    }

    /// The table's metadata.
    pub fn state(&self) -> &Arc<TableState> {
        &self.state
    }

    /// The session options the table plans with.
    pub fn options(&self) -> &SharedOptions {
        &self.options
    }

    /// The session's jobs (bulk deletes are recorded there).
    pub fn jobs(&self) -> &Jobs {
        &self.jobs
    }
}

#[async_trait]
impl TableProvider for AudienceTable {
    fn schema(&self) -> SchemaRef {
        Arc::clone(&self.state.layout.schema)
    }

    fn table_type(&self) -> TableType {
        TableType::Base
    }

    fn supports_filters_pushdown(
        &self,
        filters: &[&Expr],
    ) -> Result<Vec<TableProviderFilterPushDown>> {
        if !self.options.get().pushdown {
            return Ok(vec![
                TableProviderFilterPushDown::Unsupported;
                filters.len()
            ]);
        }
        Ok(filters
            .iter()
            .map(|e| filter::decide(&self.state.layout, e))
            .collect())
    }

    async fn scan(
        &self,
        session: &dyn Session,
        projection: Option<&Vec<usize>>,
        filters: &[Expr],
        limit: Option<usize>,
    ) -> Result<Arc<dyn ExecutionPlan>> {
        let options = self.options.get();
        let refs: Vec<&Expr> = filters.iter().collect();
        let plan = if options.pushdown {
            filter::plan(&self.state.layout, &refs)
        } else {
            PushdownPlan {
                decisions: Vec::new(),
                passes: vec![Pass::default()],
                local: (0..filters.len()).collect(),
            }
        };
        let projection = projection
            .cloned()
            .unwrap_or_else(|| (0..self.state.layout.schema.fields().len()).collect());
        let partitions = if options.partitions == 0 {
            session.config().target_partitions()
        } else {
            options.partitions
        };
        let scan_options = ScanOptions {
            page_size: options.page_size,
            concurrency: options.concurrency,
            partitions,
            join_pushdown: options.pushdown && options.join_pushdown,
            sort_pushdown: options.pushdown && options.sort_pushdown,
        };
        if plan.local.is_empty() {
            return Ok(Arc::new(
                AudienceScanExec::new(
                    Arc::clone(&self.state),
                    projection,
                    plan.passes,
                    limit,
                    scan_options,
                )?
                .with_progress(self.jobs.clone()),
            ));
        }
        // Conjuncts the searches cannot express next to the others: filter them here, over
        // the requested columns plus the ones they read.
        let local: Vec<Expr> = plan.local.iter().map(|&i| filters[i].clone()).collect();
        // `column_refs` is a hash set: sort so plans (and EXPLAIN) are the same every run.
        let mut read: Vec<usize> = local
            .iter()
            .flat_map(|expr| expr.column_refs())
            .filter_map(|c| self.state.layout.index_of(&c.name))
            .filter(|i| !projection.contains(i))
            .collect();
        read.sort_unstable();
        read.dedup();
        let mut columns = projection.clone();
        columns.extend(read);
        let scan = AudienceScanExec::new(
            Arc::clone(&self.state),
            columns,
            plan.passes,
            None,
            scan_options,
        )?
        .with_progress(self.jobs.clone());
        let Some(predicate) = conjunction(local) else {
            return Ok(Arc::new(scan));
        };
        let df_schema = DFSchema::try_from(scan.schema().as_ref().clone())?;
        let predicate = session.create_physical_expr(predicate, &df_schema)?;
        let filtered = FilterExecBuilder::new(predicate, Arc::new(scan))
            .apply_projection(Some((0..projection.len()).collect()))?
            .with_fetch(limit)
            .build()?;
        Ok(Arc::new(filtered))
    }

    async fn insert_into(
        &self,
        _state: &dyn Session,
        input: Arc<dyn ExecutionPlan>,
        insert_op: InsertOp,
    ) -> Result<Arc<dyn ExecutionPlan>> {
        crate::write::dml::insert(self, input, insert_op)
    }

    async fn delete_from(
        &self,
        state: &dyn Session,
        filters: Vec<Expr>,
    ) -> Result<Arc<dyn ExecutionPlan>> {
        crate::write::dml::delete(self, state, filters).await
    }

    async fn update(
        &self,
        state: &dyn Session,
        assignments: Vec<(String, Expr)>,
        filters: Vec<Expr>,
    ) -> Result<Arc<dyn ExecutionPlan>> {
        crate::write::dml::update(self, state, assignments, filters).await
    }
}
