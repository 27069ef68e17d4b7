//! The result of a table function: a table whose scan is a [`FunctionExec`], which produces
//! its batches only when executed (planning and `EXPLAIN` send no request).
//!
//! DataFusion names a table function's scan after the function and compares scans without
//! their tables, so `cells('a.x')` and `cells('a.y')` in one query would look like the same
//! scan and be planned as one. The schema of each call therefore carries the call itself as
//! metadata (`gtm.table_function`), which tells the scans apart.

use std::fmt;
use std::sync::Arc;

use async_trait::async_trait;
use datafusion::arrow::datatypes::SchemaRef;
use datafusion::arrow::record_batch::RecordBatch;
use datafusion::catalog::{Session, TableProvider};
use datafusion::common::tree_node::TreeNodeRecursion;
use datafusion::common::{Result, internal_err};
use datafusion::execution::{SendableRecordBatchStream, TaskContext};
use datafusion::logical_expr::{Expr, TableType};
use datafusion::physical_expr::{EquivalenceProperties, PhysicalExpr};
use datafusion::physical_plan::execution_plan::{Boundedness, EmissionType};
use datafusion::physical_plan::stream::RecordBatchStreamAdapter;
use datafusion::physical_plan::{
    DisplayAs, DisplayFormatType, ExecutionPlan, Partitioning, PlanProperties,
};
use futures::StreamExt;
use futures::stream::BoxStream;

/// Schema metadata key: the table function call a schema is the result of.
pub(crate) const CALL_METADATA: &str = "gtm.table_function";

/// Produces a function's batches (called once per execution).
pub(crate) type Producer = Arc<dyn Fn() -> BoxStream<'static, Result<RecordBatch>> + Send + Sync>;

/// A table function's result as a table.
pub(crate) struct FunctionTable {
    label: String,
    schema: SchemaRef,
    producer: Producer,
}

impl FunctionTable {
    /// A table of `schema` whose rows `producer` streams; `label` (the call, e.g.
    /// `cells(events.booth_scans)`) shows in `EXPLAIN`.
    pub(crate) fn new(label: String, schema: &SchemaRef, producer: Producer) -> Self {
        let mut metadata = schema.metadata().clone();
        metadata.insert(CALL_METADATA.to_owned(), label.clone());
        Self {
            label,
            schema: Arc::new(schema.as_ref().clone().with_metadata(metadata)),
            producer,
        }
    }
}

impl fmt::Debug for FunctionTable {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("FunctionTable")
            .field("label", &self.label)
            .finish_non_exhaustive()
    }
}

#[async_trait]
impl TableProvider for FunctionTable {
    fn schema(&self) -> SchemaRef {
        Arc::clone(&self.schema)
    }

    fn table_type(&self) -> TableType {
        TableType::Temporary
    }

    async fn scan(
        &self,
        _state: &dyn Session,
        projection: Option<&Vec<usize>>,
        _filters: &[Expr],
        _limit: Option<usize>,
    ) -> Result<Arc<dyn ExecutionPlan>> {
        Ok(Arc::new(FunctionExec::new(
            self.label.clone(),
            &self.schema,
            projection.cloned(),
            Arc::clone(&self.producer),
        )?))
    }
}

/// Runs a table function's producer when executed, projecting its batches.
pub(crate) struct FunctionExec {
    label: String,
    /// The function's whole schema (batches are relabelled with it, metadata included).
    schema: SchemaRef,
    projection: Option<Vec<usize>>,
    producer: Producer,
    properties: Arc<PlanProperties>,
}

impl FunctionExec {
    fn new(
        label: String,
        schema: &SchemaRef,
        projection: Option<Vec<usize>>,
        producer: Producer,
    ) -> Result<Self> {
        let projected = match &projection {
            Some(p) => Arc::new(schema.project(p)?),
            None => Arc::clone(schema),
        };
        let properties = Arc::new(PlanProperties::new(
            EquivalenceProperties::new(projected),
            Partitioning::UnknownPartitioning(1),
            EmissionType::Incremental,
            Boundedness::Bounded,
        ));
        Ok(Self {
            label,
            schema: Arc::clone(schema),
            projection,
            producer,
            properties,
        })
    }
}

impl fmt::Debug for FunctionExec {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("FunctionExec")
            .field("label", &self.label)
            .field("projection", &self.projection)
            .finish_non_exhaustive()
    }
}

impl DisplayAs for FunctionExec {
    fn fmt_as(&self, _t: DisplayFormatType, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "FunctionExec: {}", self.label)
    }
}

impl ExecutionPlan for FunctionExec {
    fn name(&self) -> &str {
        "FunctionExec"
    }

    fn properties(&self) -> &Arc<PlanProperties> {
        &self.properties
    }

    fn children(&self) -> Vec<&Arc<dyn ExecutionPlan>> {
        Vec::new()
    }

    fn apply_expressions(
        &self,
        _f: &mut dyn FnMut(&Arc<dyn PhysicalExpr>) -> Result<TreeNodeRecursion>,
    ) -> Result<TreeNodeRecursion> {
        Ok(TreeNodeRecursion::Continue)
    }

    fn with_new_children(
        self: Arc<Self>,
        children: Vec<Arc<dyn ExecutionPlan>>,
    ) -> Result<Arc<dyn ExecutionPlan>> {
        if children.is_empty() {
            Ok(self)
        } else {
            internal_err!("FunctionExec has no children")
        }
    }

    fn execute(
        &self,
        partition: usize,
        _context: Arc<TaskContext>,
    ) -> Result<SendableRecordBatchStream> {
        if partition != 0 {
            return internal_err!("FunctionExec has one partition, not {partition}");
        }
        let projection = self.projection.clone();
        let schema = Arc::clone(&self.schema);
        let batches = (self.producer)().map(move |batch| {
            let batch = RecordBatch::try_new(Arc::clone(&schema), batch?.columns().to_vec())?;
            match &projection {
                Some(p) => Ok(batch.project(p)?),
                None => Ok(batch),
            }
        });
        Ok(Box::pin(RecordBatchStreamAdapter::new(
            self.schema(),
            batches,
        )))
    }
}
