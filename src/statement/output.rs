//! Statements gtmsql runs itself, as lazy DataFrames: a [`TaskExec`] runs an async task when
//! the result is collected and yields its one batch; [`task_frame`] wraps it in a DataFrame.

use std::fmt;
use std::sync::Arc;

use async_trait::async_trait;
use datafusion::arrow::array::{RecordBatch, UInt64Array};
use datafusion::arrow::datatypes::{DataType, Field, Schema, SchemaRef};
use datafusion::catalog::{Session, TableProvider};
use datafusion::common::tree_node::TreeNodeRecursion;
use datafusion::common::{Result, internal_err};
use datafusion::dataframe::DataFrame;
use datafusion::execution::{SendableRecordBatchStream, TaskContext};
use datafusion::logical_expr::{Expr, TableType};
use datafusion::physical_expr::{EquivalenceProperties, PhysicalExpr};
use datafusion::physical_plan::execution_plan::{Boundedness, EmissionType};
use datafusion::physical_plan::projection::ProjectionExec;
use datafusion::physical_plan::stream::RecordBatchStreamAdapter;
use datafusion::physical_plan::{
    DisplayAs, DisplayFormatType, ExecutionPlan, Partitioning, PlanProperties,
};
use datafusion::prelude::SessionContext;
use futures::future::BoxFuture;
use futures::stream;

/// The task of a [`TaskExec`]: given the task context, produce the result batch.
pub(crate) type Task =
    Arc<dyn Fn(Arc<TaskContext>) -> BoxFuture<'static, Result<RecordBatch>> + Send + Sync>;

/// An execution plan that runs one async task when executed and yields its batch. Used for
/// writes, DML and procedures: planning (and `EXPLAIN`) does nothing remote.
pub(crate) struct TaskExec {
    label: String,
    schema: SchemaRef,
    task: Task,
    properties: Arc<PlanProperties>,
}

impl TaskExec {
    /// A plan showing as `label` in `EXPLAIN`, producing batches of `schema`.
    pub(crate) fn new(label: impl Into<String>, schema: SchemaRef, task: Task) -> Self {
        let properties = Arc::new(PlanProperties::new(
            EquivalenceProperties::new(Arc::clone(&schema)),
            Partitioning::UnknownPartitioning(1),
            EmissionType::Final,
            Boundedness::Bounded,
        ));
        Self {
            label: label.into(),
            schema,
            task,
            properties,
        }
    }
}

impl fmt::Debug for TaskExec {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("TaskExec")
            .field("label", &self.label)
            .finish_non_exhaustive()
    }
}

impl DisplayAs for TaskExec {
    fn fmt_as(&self, _t: DisplayFormatType, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.label)
    }
}

impl ExecutionPlan for TaskExec {
    fn name(&self) -> &str {
        "TaskExec"
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
            internal_err!("TaskExec has no children")
        }
    }

    fn execute(
        &self,
        partition: usize,
        context: Arc<TaskContext>,
    ) -> Result<SendableRecordBatchStream> {
        if partition != 0 {
            return internal_err!("TaskExec has one partition, not {partition}");
        }
        let future = (self.task)(context);
        Ok(Box::pin(RecordBatchStreamAdapter::new(
            Arc::clone(&self.schema),
            stream::once(future),
        )))
    }
}

/// The schema of a write's result: one `count` (UInt64), as DataFusion's DML returns.
pub(crate) fn count_schema() -> SchemaRef {
    Arc::new(Schema::new(vec![Field::new(
        "count",
        DataType::UInt64,
        false,
    )]))
}

/// A one-row `count` batch.
pub(crate) fn count_batch(count: u64) -> Result<RecordBatch> {
    Ok(RecordBatch::try_new(
        count_schema(),
        vec![Arc::new(UInt64Array::from(vec![count]))],
    )?)
}

/// A DataFrame that runs `exec` when collected.
pub(crate) fn task_frame(ctx: &SessionContext, exec: TaskExec) -> Result<DataFrame> {
    ctx.read_table(Arc::new(PlanTable {
        plan: Arc::new(exec),
    }))
}

/// An execution plan as a table, so that it can be a DataFrame.
#[derive(Debug)]
struct PlanTable {
    plan: Arc<dyn ExecutionPlan>,
}

#[async_trait]
impl TableProvider for PlanTable {
    fn schema(&self) -> SchemaRef {
        self.plan.schema()
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
        let plan = Arc::clone(&self.plan);
        let schema = plan.schema();
        match projection {
            Some(p)
                if p.len() != schema.fields().len()
                    || p.iter().enumerate().any(|(i, &j)| i != j) =>
            {
                let exprs = p
                    .iter()
                    .map(|&i| {
                        let field = schema.field(i);
                        (
                            Arc::new(datafusion::physical_expr::expressions::Column::new(
                                field.name(),
                                i,
                            )) as Arc<dyn PhysicalExpr>,
                            field.name().clone(),
                        )
                    })
                    .collect::<Vec<_>>();
                Ok(Arc::new(ProjectionExec::try_new(exprs, plan)?))
            }
            _ => Ok(plan),
        }
    }
}
