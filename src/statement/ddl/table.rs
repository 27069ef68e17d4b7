//! `CREATE TABLE` (with columns, or `AS SELECT`) and `DROP TABLE` on audiences.

use std::collections::HashSet;

use datafusion::arrow::datatypes::Field;
use datafusion::dataframe::DataFrame;
use datafusion::sql::parser::Statement as DFStatement;
use datafusion::sql::sqlparser::ast::{
    ColumnDef, ColumnOption, CommentDef, CreateTable, CreateTableOptions, Ident, ObjectName, Query,
    SqlOption, Statement as SqlStatement,
};

use super::names::{self, Kind, NewName};
use super::options::{self, Accepts};
use super::{
    AudienceName, audience_name, done, find_audience, find_folder, find_table, locate_audience,
    no_such_audience, no_such_folder, refreshed, types,
};
use crate::client::{Audience, ColumnType, DataType, NewAudience, NewColumn};
use crate::error::{Error, Result};
use crate::provider::CATALOG;
use crate::provider::naming::ROW_ID;
use crate::provider::schema::TableLayout;
use crate::session::GtmSession;

/// A CUSTOM column to create.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct ColumnSpec {
    /// Its display name and SQL name.
    pub(crate) name: NewName,
    /// Its dataType.
    pub(crate) data_type: DataType,
}

/// `CREATE TABLE [IF NOT EXISTS] f.a (…) [WITH (…)] [AS SELECT …]`.
pub(crate) async fn create(
    session: &GtmSession,
    create: &CreateTable,
) -> Result<Option<DataFrame>> {
    let Some(target) = audience_name(session, &create.name) else {
        return Ok(None);
    };
    let statement = format!(
        "CREATE TABLE {}{}",
        create.name,
        if create.query.is_some() {
            " AS …"
        } else {
            ""
        }
    );
    let invalid = |message: String| Error::Invalid(format!("{statement}: {message}"));
    unsupported_clause(create, &target).map_err(invalid)?;
    let mut options = options::parse(table_options(create), Accepts::Audience).map_err(invalid)?;
    if let Some(CommentDef::WithEq(comment) | CommentDef::WithoutEq(comment)) = &create.comment {
        options.description = Some(comment.clone());
    }
    let new = names::new_name(target.table, Kind::Audience).map_err(invalid)?;
    let declared = create
        .columns
        .iter()
        .map(column_spec)
        .collect::<Result<Vec<_>, _>>()
        .map_err(invalid)?;
    // Plan the query (without running it) for its columns before anything is created.
    let load = match &create.query {
        Some(query) => Some(plan_load(session, query, declared.is_empty()).await?),
        None => None,
    };
    let columns = match &load {
        Some(load) if declared.is_empty() => load.derived.clone().map_err(invalid)?,
        Some(load) if load.width != declared.len() => {
            return Err(invalid(format!(
                "the column list names {} column(s) but the query returns {}; name one column per output column",
                declared.len(),
                load.width
            )));
        }
        _ => declared,
    };
    check_unique(&columns).map_err(invalid)?;

    let Some(folder) = find_folder(session, &target.folder).await? else {
        return Err(no_such_folder(&statement, &target.folder));
    };
    if let Some((existing, audience)) =
        find_audience(&folder, &new.sql).or_else(|| find_audience(&folder, &new.display))
    {
        if create.if_not_exists {
            return done(session);
        }
        let qualified = format!("{}.{existing}", folder.name());
        return Err(invalid(format!(
            "table {qualified} already exists (audience \"{}\"); use CREATE TABLE IF NOT EXISTS, DROP TABLE {qualified} first, or another name",
            audience.name
        )));
    }
    let audience = NewAudience {
        name: new.display.clone(),
        audience_type: options.audience_type,
        description: options.description,
        notes: options.notes,
        folder_id: Some(folder.folder().id.clone()),
        columns: columns
            .iter()
            .map(|c| NewColumn::custom(c.name.display.clone(), c.data_type.clone()))
            .collect(),
        ..NewAudience::default()
    };
    let result = session
        .catalog()
        .client()
        .create_audience(&audience, options.auto_match)
        .await
        .map_err(|e| {
            Error::remote(
                format!(
                    "{statement}: creating audience \"{}\" in folder \"{}\"",
                    new.display,
                    folder.folder().name
                ),
                e,
            )
        });
    let created = refreshed(session, result).await?;
    match (&create.query, load) {
        (Some(query), Some(load)) => {
            fill(session, &statement, &created, &columns, query, &load).await
        }
        _ => done(session),
    }
}

/// What a `CREATE TABLE … AS SELECT` loads.
#[derive(Debug)]
struct Load {
    /// The number of columns loaded (the query's, without `_row_id`).
    width: usize,
    /// Whether the query returns a `_row_id` column, which is left out.
    has_row_id: bool,
    /// The columns derived from the query's output (when none are declared).
    derived: Result<Vec<ColumnSpec>, String>,
}

/// Plans `query` for its output columns.
async fn plan_load(session: &GtmSession, query: &Query, derive: bool) -> Result<Load> {
    let state = session.context().state();
    let plan = state
        .statement_to_plan(DFStatement::Statement(Box::new(SqlStatement::Query(
            Box::new(query.clone()),
        ))))
        .await?;
    let fields: Vec<&Field> = plan
        .schema()
        .fields()
        .iter()
        .map(AsRef::as_ref)
        .filter(|f| f.name() != ROW_ID)
        .collect();
    let has_row_id = fields.len() != plan.schema().fields().len();
    let derived = if derive {
        fields
            .iter()
            .map(|field| {
                let name = names::field_name(field.name());
                let data_type = types::custom_type_for_field(field)
                    .map_err(|e| format!("column {}: {e}", field.name()))?;
                Ok(ColumnSpec { name, data_type })
            })
            .collect()
    } else {
        Ok(Vec::new())
    };
    Ok(Load {
        width: fields.len(),
        has_row_id,
        derived,
    })
}

/// Loads the query's rows into the audience just created; deletes the audience again when
/// that fails, so a failed `CREATE TABLE … AS` leaves nothing behind.
async fn fill(
    session: &GtmSession,
    statement: &str,
    created: &Audience,
    columns: &[ColumnSpec],
    query: &Query,
    load: &Load,
) -> Result<Option<DataFrame>> {
    let result = insert(session, created, columns, query, load).await;
    let error = match result {
        Ok(frame) => return Ok(Some(frame)),
        Err(e) => e.user_message(),
    };
    let cleanup = session
        .catalog()
        .client()
        .delete_audience(&created.id)
        .await;
    let refresh = session.catalog().refresh().await;
    let message = match cleanup {
        Ok(()) => format!(
            "{statement}: loading the rows failed, so the new audience was deleted again: {error}"
        ),
        Err(e) => format!(
            "{statement}: loading the rows failed: {error}; deleting the new audience \"{}\" failed too ({e}), so drop it with DROP TABLE",
            created.name
        ),
    };
    refresh?;
    Err(Error::Invalid(message))
}

/// `INSERT INTO gtm.f.a (cols) <query>`, collected.
async fn insert(
    session: &GtmSession,
    created: &Audience,
    columns: &[ColumnSpec],
    query: &Query,
    load: &Load,
) -> Result<DataFrame> {
    let Some((folder, table, listed)) = locate_audience(session, &created.id) else {
        return Err(Error::Invalid(format!(
            "the new audience \"{}\" is not in the catalog after a refresh",
            created.name
        )));
    };
    let layout = TableLayout::new(&listed, &[]);
    let mut targets = Vec::with_capacity(columns.len());
    for spec in columns {
        let column = layout
            .columns
            .iter()
            .find(|c| {
                c.column.column_type == ColumnType::Custom && c.column.name == spec.name.display
            })
            .or_else(|| {
                layout.columns.iter().find(|c| {
                    c.column.column_type == ColumnType::Custom
                        && c.column.name.eq_ignore_ascii_case(&spec.name.display)
                })
            });
        let Some(column) = column else {
            return Err(Error::Invalid(format!(
                "the new audience has no column \"{}\"",
                spec.name.display
            )));
        };
        targets.push(quoted(&column.name));
    }
    let source = if load.has_row_id {
        format!(
            "SELECT * EXCLUDE ({}) FROM ({query}) AS source",
            quoted(ROW_ID)
        )
    } else {
        query.to_string()
    };
    let sql = format!(
        "INSERT INTO {}.{}.{} ({}) {source}",
        quoted(CATALOG),
        quoted(&folder),
        quoted(&table),
        targets.join(", ")
    );
    // `sql` plans this statement too: box the recursion.
    let frame = Box::pin(session.sql(&sql)).await?;
    let batches = frame.collect().await?;
    Ok(session.context().read_batches(batches)?)
}

/// `DROP TABLE [IF EXISTS] f.a[, f.b]`.
pub(crate) async fn drop(
    session: &GtmSession,
    names: &[ObjectName],
    if_exists: bool,
) -> Result<Option<DataFrame>> {
    let targets: Vec<Option<AudienceName<'_>>> =
        names.iter().map(|n| audience_name(session, n)).collect();
    if targets.iter().all(Option::is_none) {
        return Ok(None);
    }
    let statement = format!(
        "DROP TABLE {}",
        names
            .iter()
            .map(ToString::to_string)
            .collect::<Vec<_>>()
            .join(", ")
    );
    // Check every table before deleting any.
    let mut doomed: Vec<(String, String)> = Vec::new();
    for (name, target) in names.iter().zip(&targets) {
        let Some(target) = target else {
            return Err(Error::Invalid(format!(
                "{statement}: {name} is a local table; drop local tables and audiences in separate statements"
            )));
        };
        match find_table(session, target).await? {
            (Some(folder), Some((table, audience))) => {
                let qualified = format!("{}.{table}", folder.name());
                if !doomed.iter().any(|(_, id)| *id == audience.id) {
                    doomed.push((qualified, audience.id));
                }
            }
            _ if if_exists => {}
            (None, _) => return Err(no_such_folder(&statement, &target.folder)),
            (Some(_), None) => return Err(no_such_audience(&statement, target)),
        }
    }
    let client = session.catalog().client();
    let result = async {
        for (qualified, id) in &doomed {
            client.delete_audience(id).await.map_err(|e| {
                Error::remote(format!("{statement}: deleting audience {qualified}"), e)
            })?;
        }
        Ok(())
    }
    .await;
    refreshed(session, result).await?;
    done(session)
}

/// The CUSTOM column a column definition creates.
pub(crate) fn column_spec(def: &ColumnDef) -> Result<ColumnSpec, String> {
    let name = names::new_name(&def.name, Kind::Column)
        .map_err(|e| format!("column {}: {e}", def.name))?;
    let data_type =
        types::custom_type(&def.data_type).map_err(|e| format!("column {}: {e}", def.name))?;
    for option in &def.options {
        match &option.option {
            ColumnOption::Null => {}
            other => {
                return Err(format!(
                    "column {}: {other} is not supported; GTM Studio columns have no constraints or defaults, and every column is nullable",
                    def.name
                ));
            }
        }
    }
    Ok(ColumnSpec { name, data_type })
}

/// Refuses two columns that would be listed under the same SQL name.
pub(crate) fn check_unique(columns: &[ColumnSpec]) -> Result<(), String> {
    let mut seen = HashSet::new();
    for column in columns {
        if !seen.insert(column.name.sql.clone()) {
            return Err(format!(
                "column {} appears twice; give each column its own name",
                column.name.sql
            ));
        }
    }
    Ok(())
}

/// The options in `WITH (…)` (or a plain `COMMENT '…'`).
fn table_options(create: &CreateTable) -> &[SqlOption] {
    match &create.table_options {
        CreateTableOptions::None => &[],
        CreateTableOptions::With(options)
        | CreateTableOptions::Options(options)
        | CreateTableOptions::Plain(options)
        | CreateTableOptions::TableProperties(options) => options,
    }
}

/// Refuses the parts of `CREATE TABLE` audiences have no use for.
fn unsupported_clause(create: &CreateTable, target: &AudienceName<'_>) -> Result<(), String> {
    let qualified = target.qualified();
    let clause = if create.or_replace {
        return Err(format!(
            "OR REPLACE is not supported on audiences; DROP TABLE {qualified} first"
        ));
    } else if create.temporary {
        "TEMPORARY"
    } else if create.external {
        "EXTERNAL"
    } else if create.like.is_some() {
        "LIKE"
    } else if create.clone.is_some() {
        "CLONE"
    } else if !create.constraints.is_empty() {
        return Err(format!(
            "{} is not supported; GTM Studio audiences have no keys or constraints",
            create.constraints[0]
        ));
    } else if create.primary_key.is_some() {
        "PRIMARY KEY"
    } else if create.partition_by.is_some() || create.partition_of.is_some() {
        "PARTITION"
    } else if create.order_by.is_some() {
        "ORDER BY"
    } else if create.cluster_by.is_some() || create.clustered_by.is_some() {
        "CLUSTER BY"
    } else if create.location.is_some() || create.file_format.is_some() {
        "LOCATION / STORED AS"
    } else {
        return Ok(());
    };
    Err(format!(
        "{clause} is not supported on audiences; write CREATE TABLE folder.audience (column TYPE, …) [WITH (type = 'CONTACT' | 'COMPANY', auto_match = true, description = '…')] [AS SELECT …]"
    ))
}

/// A name as a quoted SQL identifier.
fn quoted(name: &str) -> String {
    Ident::with_quote('"', name).to_string()
}
