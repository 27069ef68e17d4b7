//! `data_dependencies('folder.audience' [, 'AI_TOOL'])`: the context sources an AI column
//! using that tool may read (audience columns and knowledge-base attributes), and how
//! `CALL add_ai_column(…, depends_on => […])` names them: a column by its SQL name, a
//! knowledge-base attribute as `'kb:<id>'`.

use std::collections::HashMap;
use std::sync::{Arc, LazyLock};

use datafusion::arrow::array::{ArrayRef, StringBuilder};
use datafusion::arrow::datatypes::{DataType, Field, Schema, SchemaRef};
use datafusion::arrow::record_batch::RecordBatch;
use datafusion::catalog::{TableFunctionArgs, TableFunctionImpl, TableProvider};
use datafusion::common::{Result, plan_datafusion_err};

use super::table::{FunctionTable, Producer};
use super::{audience_arg, check_arity, one_batch, text_arg};
use crate::client::{AiTool, DataDependency, DataDependencyRef, InputType};
use crate::error::Error;
use crate::provider::GtmCatalog;
use crate::provider::naming::snake_case;
use crate::provider::schema::TableLayout;

const USAGE: &str = "data_dependencies('folder.audience' [, 'AI_TOOL'])";

/// The tool whose dependencies apply to an AI column created without a tool (the API's
/// "default AI workflow" reasons over the row's data, as data analysis does).
pub(crate) const DEFAULT_TOOL: AiTool = AiTool::AiDataAnalysis;

/// How `depends_on` names a knowledge-base attribute: `kb:<id>`.
const KB_PREFIX: &str = "kb:";

static SCHEMA: LazyLock<SchemaRef> = LazyLock::new(|| {
    Arc::new(Schema::new(vec![
        Field::new("id", DataType::Utf8, false),
        Field::new("name", DataType::Utf8, false),
        Field::new("kind", DataType::Utf8, false),
        Field::new("data_type", DataType::Utf8, false),
        Field::new("description", DataType::Utf8, true),
        Field::new("column", DataType::Utf8, true),
        Field::new("depends_on", DataType::Utf8, true),
    ]))
});

/// Parses an AI tool, ignoring case and the `AI_` prefix (`'web_research'` is
/// `AI_WEB_RESEARCH`).
pub(crate) fn parse_tool(text: &str) -> Result<AiTool, String> {
    let upper = text.trim().to_ascii_uppercase();
    let wire = if upper.starts_with("AI_") {
        upper
    } else {
        format!("AI_{upper}")
    };
    match AiTool::from_wire(&wire) {
        AiTool::Unknown(_) => Err(format!(
            "unknown AI tool '{text}'; the tools are {}",
            AiTool::KNOWN
                .iter()
                .map(AiTool::as_str)
                .collect::<Vec<_>>()
                .join(", ")
        )),
        tool => Ok(tool),
    }
}

/// How `depends_on` names a dependency: the SQL name of a column (`None` for a column the
/// layout does not have), `kb:<id>` for a knowledge-base attribute.
fn depends_on_name(dependency: &DataDependency, names: &HashMap<&str, &str>) -> Option<String> {
    match dependency.kind {
        InputType::Column => names.get(dependency.id.as_str()).map(|n| (*n).to_owned()),
        _ => Some(format!("{KB_PREFIX}{}", dependency.id)),
    }
}

/// Resolves `depends_on` entries (SQL column names, `kb:<id or name>`) against what the
/// server offers for `tool` (`offered`), keeping their order and dropping repeats.
///
/// # Errors
/// An entry that names nothing offered, with the valid names.
pub(crate) fn resolve_dependencies(
    layout: &TableLayout,
    offered: &[DataDependency],
    wanted: &[String],
    tool: &AiTool,
    audience: &str,
) -> crate::Result<Vec<DataDependencyRef>> {
    let names: HashMap<&str, &str> = layout
        .columns
        .iter()
        .map(|c| (c.column.id.as_str(), c.name.as_str()))
        .collect();
    let valid = || {
        offered
            .iter()
            .filter_map(|d| depends_on_name(d, &names))
            .collect::<Vec<_>>()
            .join(", ")
    };
    let mut out: Vec<DataDependencyRef> = Vec::with_capacity(wanted.len());
    for entry in wanted {
        let text = entry.trim();
        let found = if text
            .get(..KB_PREFIX.len())
            .is_some_and(|p| p.eq_ignore_ascii_case(KB_PREFIX))
        {
            let key = text[KB_PREFIX.len()..].trim();
            let kb = || {
                offered
                    .iter()
                    .filter(|d| d.kind == InputType::KnowledgeBase)
            };
            let found = kb()
                .find(|d| d.id == key)
                .or_else(|| kb().find(|d| d.id.eq_ignore_ascii_case(key)))
                .or_else(|| kb().find(|d| d.name.eq_ignore_ascii_case(key)))
                .or_else(|| kb().find(|d| snake_case(&d.name, "") == key.to_lowercase()));
            found.ok_or_else(|| {
                Error::Invalid(format!(
                    "unknown knowledge-base dependency '{entry}' for an {tool} column of {audience}; valid dependencies: {}",
                    valid()
                ))
            })?
        } else {
            let sql_name = text.to_lowercase();
            let Some(column) = layout.columns.iter().find(|c| c.name == sql_name) else {
                return Err(Error::Invalid(format!(
                    "unknown dependency '{entry}' for an {tool} column of {audience}: name a column or a knowledge-base attribute as 'kb:<id>'; valid dependencies: {}",
                    valid()
                )));
            };
            offered
                .iter()
                .find(|d| d.kind == InputType::Column && d.id == column.column.id)
                .ok_or_else(|| {
                    Error::Invalid(format!(
                        "column '{}' ({}) is not a data dependency GTM Studio offers for an {tool} column of {audience}; valid dependencies: {}",
                        column.name,
                        column.column.column_type,
                        valid()
                    ))
                })?
        };
        let reference = found.to_ref();
        if !out.contains(&reference) {
            out.push(reference);
        }
    }
    Ok(out)
}

/// The `data_dependencies` table function.
#[derive(Debug)]
pub(crate) struct DataDependenciesFunction {
    catalog: Arc<GtmCatalog>,
}

impl DataDependenciesFunction {
    pub(crate) fn new(catalog: Arc<GtmCatalog>) -> Self {
        Self { catalog }
    }
}

impl TableFunctionImpl for DataDependenciesFunction {
    fn call_with_args(&self, args: TableFunctionArgs<'_, '_>) -> Result<Arc<dyn TableProvider>> {
        let exprs = args.exprs();
        check_arity(USAGE, exprs, 1, 2)?;
        let reference = audience_arg(USAGE, &exprs[0])?;
        let tool = match exprs.get(1) {
            Some(arg) => parse_tool(&text_arg(USAGE, "the tool", arg)?)
                .map_err(|e| plan_datafusion_err!("{USAGE}: {e}"))?,
            None => DEFAULT_TOOL,
        };
        let catalog = Arc::clone(&self.catalog);
        let audience = reference.clone();
        let asked = tool.clone();
        let producer: Producer = Arc::new(move || {
            let catalog = Arc::clone(&catalog);
            let audience = audience.clone();
            let tool = asked.clone();
            one_batch(Box::pin(async move {
                let table = catalog.resolve_audience(&audience).await?;
                let state = table.state();
                let offered = state
                    .client
                    .data_dependencies(&state.audience_id, tool.clone())
                    .await
                    .map_err(|e| {
                        Error::remote(
                            format!(
                                "reading the {tool} data dependencies of {}",
                                state.display_name
                            ),
                            e,
                        )
                    })?;
                dependencies_batch(&offered, &state.layout)
            }))
        });
        Ok(Arc::new(FunctionTable::new(
            format!("data_dependencies({reference}, {tool})"),
            &SCHEMA,
            producer,
        )))
    }
}

fn dependencies_batch(offered: &[DataDependency], layout: &TableLayout) -> Result<RecordBatch> {
    let names: HashMap<&str, &str> = layout
        .columns
        .iter()
        .map(|c| (c.column.id.as_str(), c.name.as_str()))
        .collect();
    let mut id = StringBuilder::new();
    let mut name = StringBuilder::new();
    let mut kind = StringBuilder::new();
    let mut data_type = StringBuilder::new();
    let mut description = StringBuilder::new();
    let mut column = StringBuilder::new();
    let mut depends_on = StringBuilder::new();
    for d in offered {
        id.append_value(&d.id);
        name.append_value(&d.name);
        kind.append_value(d.kind.as_str());
        data_type.append_value(d.data_type.as_str());
        description.append_option(d.description.as_deref());
        column.append_option(match d.kind {
            InputType::Column => names.get(d.id.as_str()).copied(),
            _ => None,
        });
        depends_on.append_option(depends_on_name(d, &names));
    }
    let columns: Vec<ArrayRef> = vec![
        Arc::new(id.finish()),
        Arc::new(name.finish()),
        Arc::new(kind.finish()),
        Arc::new(data_type.finish()),
        Arc::new(description.finish()),
        Arc::new(column.finish()),
        Arc::new(depends_on.finish()),
    ];
    Ok(RecordBatch::try_new(Arc::clone(&SCHEMA), columns)?)
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;
    use crate::client::{Audience, DataType as Dt};

    fn layout() -> TableLayout {
        let audience: Audience = serde_json::from_value(json!({
            "id": "a1", "type": "Audience",
            "attributes": {"name": "Scans", "type": "CONTACT", "origin": "CUSTOM", "recordCount": 0,
                "columns": [
                    {"id": "c-email", "type": "Column", "attributes": {"name": "Email", "columnType": "CUSTOM", "dataType": "EMAIL"}},
                    {"id": "c-company", "type": "Column", "attributes": {"name": "Company", "columnType": "CUSTOM", "dataType": "TEXT"}},
                    {"id": "c-angle", "type": "Column", "attributes": {"name": "Follow-up Angle", "columnType": "AI", "dataType": "TEXT"}}
                ]}
        }))
        .unwrap();
        TableLayout::new(&audience, &[])
    }

    fn offered() -> Vec<DataDependency> {
        let dep = |id: &str, name: &str, kind: InputType| DataDependency {
            id: id.to_owned(),
            name: name.to_owned(),
            description: None,
            data_type: Dt::Text,
            kind,
        };
        vec![
            dep("c-email", "Email", InputType::Column),
            dep("c-company", "Company", InputType::Column),
            dep(
                "companyDescription",
                "Company Description",
                InputType::KnowledgeBase,
            ),
            dep("jobTitle", "Job Title", InputType::KnowledgeBase),
        ]
    }

    fn resolve(wanted: &[&str]) -> crate::Result<Vec<DataDependencyRef>> {
        let wanted: Vec<String> = wanted.iter().map(|s| (*s).to_owned()).collect();
        resolve_dependencies(
            &layout(),
            &offered(),
            &wanted,
            &AiTool::AiWebResearch,
            "events.scans",
        )
    }

    #[test]
    fn columns_by_sql_name_and_knowledge_base_by_id_or_name() {
        assert_eq!(
            resolve(&[
                "company",
                "kb:companyDescription",
                "KB:job title",
                "kb:job_title",
                "Company"
            ])
            .unwrap(),
            vec![
                DataDependencyRef::column("c-company"),
                DataDependencyRef::knowledge_base("companyDescription"),
                DataDependencyRef::knowledge_base("jobTitle"),
            ]
        );
    }

    #[test]
    fn unknown_dependencies_are_named_with_the_valid_ones() {
        let e = resolve(&["company", "industry"]).unwrap_err().to_string();
        assert!(e.contains("unknown dependency 'industry'"), "{e}");
        assert!(
            e.contains("valid dependencies: email, company, kb:companyDescription, kb:jobTitle"),
            "{e}"
        );
        let e = resolve(&["kb:revenue"]).unwrap_err().to_string();
        assert!(
            e.contains("unknown knowledge-base dependency 'kb:revenue'"),
            "{e}"
        );
        let e = resolve(&["follow_up_angle"]).unwrap_err().to_string();
        assert!(
            e.contains("column 'follow_up_angle' (AI) is not a data dependency"),
            "{e}"
        );
    }

    #[test]
    fn tools_parse_with_or_without_the_prefix() {
        assert_eq!(
            parse_tool("AI_WEB_RESEARCH").unwrap(),
            AiTool::AiWebResearch
        );
        assert_eq!(parse_tool("emailer").unwrap(), AiTool::AiEmailer);
        let e = parse_tool("search").unwrap_err();
        assert!(e.contains("unknown AI tool 'search'"), "{e}");
        assert!(e.contains("AI_DATA_ANALYSIS, AI_WEB_RESEARCH"), "{e}");
    }
}
