//! DDL on `gtm` folders and audiences: folders are schemas, audiences are tables, CUSTOM
//! columns are columns.
//!
//! | statement | what it does in GTM Studio |
//! |---|---|
//! | `CREATE SCHEMA [IF NOT EXISTS] f [WITH (description = '…', notes = '…')]` | creates a folder |
//! | `DROP SCHEMA [IF EXISTS] f[, g] [CASCADE \| RESTRICT]` | deletes folders; one holding audiences only with `CASCADE` (which deletes them first) |
//! | `ALTER SCHEMA f RENAME TO g` | renames a folder |
//! | `CREATE TABLE [IF NOT EXISTS] f.a (col TYPE, …) [WITH (…)]` | creates an audience with CUSTOM columns |
//! | `CREATE TABLE [IF NOT EXISTS] f.a [(col TYPE, …)] [WITH (…)] AS SELECT …` | creates an audience with a column per output column, and loads the query's rows into it |
//! | `DROP TABLE [IF EXISTS] f.a[, f.b]` | deletes audiences |
//! | `ALTER TABLE [IF EXISTS] f.a ADD [COLUMN] [IF NOT EXISTS] col TYPE` | adds a CUSTOM column |
//! | `ALTER TABLE [IF EXISTS] f.a DROP [COLUMN] [IF EXISTS] col` | deletes a column GTM Studio lets you delete |
//! | `ALTER TABLE [IF EXISTS] f.a RENAME COLUMN old TO new` | renames a column |
//! | `ALTER TABLE [IF EXISTS] f.a RENAME TO b` (or `TO g.b`) | renames an audience (or moves it to folder `g`) |
//!
//! `CREATE TABLE` options, in PostgreSQL's `WITH (key = value, …)` form (the form DataFusion's
//! parser accepts for any dialect):
//!
//! * `type = 'CONTACT' | 'COMPANY'`: what the audience's records are (default CONTACT; fixed
//!   once created);
//! * `auto_match = true`: let GTM Studio map suitable columns to match criteria
//!   (`?autoMatchCriteria=true`);
//! * `description = '…'` (or `COMMENT '…'`), `notes = '…'`.
//!
//! `CREATE TABLE … AS SELECT` plans the query first (so a query that does not plan, or an
//! output column without a dataType, creates nothing), creates the audience, then loads it
//! with `INSERT INTO gtm.f.a (cols) <query>` and returns that insert's row count. A `_row_id`
//! output column (`SELECT *` from an audience) is left out: new rows get new ids. If the load
//! fails the audience is deleted again and the error says so.
//!
//! Column types: see [`types`]. Every audience column is nullable, so `NULL` is accepted and
//! ignored; `NOT NULL`, `DEFAULT`, keys, `CHECK` and other constraints are refused, because
//! GTM Studio has none of them. Names: see [`names`] (unquoted `trade_shows` creates the
//! folder "Trade Shows"; quoted `"SaaStr 2026 Booth Scans"` is kept as written). Existing
//! folders, audiences and columns are found by their SQL name or, quoted, by their display
//! name.
//!
//! Statements on anything else (tables in the `local` schema, which is the default, or in
//! another catalog; views; `CREATE EXTERNAL TABLE`) are left to DataFusion. DDL runs when it
//! is planned, as DataFusion's own does, and refreshes the catalog so the new names are
//! visible at once.

mod alter;
mod names;
mod options;
mod schema;
mod table;
#[cfg(test)]
mod tests;
mod types;

use std::sync::Arc;

use datafusion::catalog::CatalogProvider;
use datafusion::dataframe::DataFrame;
use datafusion::sql::sqlparser::ast::{Ident, ObjectName, ObjectType, Statement as SqlStatement};

use crate::client::Audience;
use crate::error::{Error, Result};
use crate::provider::catalog::FolderSchema;
use crate::provider::{CATALOG, LOCAL_SCHEMA};
use crate::session::GtmSession;

/// Runs a DDL statement on `gtm` folders or audiences; `None` for other statements.
pub(crate) async fn run(
    session: &GtmSession,
    statement: &SqlStatement,
) -> Result<Option<DataFrame>> {
    match statement {
        SqlStatement::CreateSchema {
            schema_name,
            if_not_exists,
            with,
            options,
            default_collate_spec,
            clone,
        } => {
            schema::create(
                session,
                &schema::CreateSchema {
                    name: schema_name,
                    if_not_exists: *if_not_exists,
                    options: with.as_deref().or(options.as_deref()).unwrap_or_default(),
                    unsupported: default_collate_spec.is_some() || clone.is_some(),
                },
            )
            .await
        }
        SqlStatement::Drop {
            object_type: ObjectType::Schema,
            if_exists,
            names,
            cascade,
            ..
        } => schema::drop(session, names, *if_exists, *cascade).await,
        SqlStatement::AlterSchema(alter) => schema::alter(session, alter).await,
        SqlStatement::CreateTable(create) => table::create(session, create).await,
        SqlStatement::Drop {
            object_type: ObjectType::Table,
            if_exists,
            names,
            ..
        } => table::drop(session, names, *if_exists).await,
        SqlStatement::AlterTable(alter) => alter::run(session, alter).await,
        _ => Ok(None),
    }
}

/// The identifiers of an object name (`None` if a part is not an identifier).
fn idents(name: &ObjectName) -> Option<Vec<&Ident>> {
    name.0.iter().map(|p| p.as_ident()).collect()
}

/// The session's default catalog and schema.
fn defaults(session: &GtmSession) -> (String, String) {
    let state = session.context().state();
    let catalog = &state.config().options().catalog;
    (
        catalog.default_catalog.clone(),
        catalog.default_schema.clone(),
    )
}

/// Whether a schema name (as DataFusion normalizes it) can be a folder.
fn is_folder_schema(schema: &str) -> bool {
    schema != LOCAL_SCHEMA && schema != "information_schema"
}

/// The folder identifier a schema name (`f` or `gtm.f`) names, `None` when it names a
/// schema of another catalog or the `local` / `information_schema` schema.
fn folder_ident<'a>(session: &GtmSession, name: &'a ObjectName) -> Option<&'a Ident> {
    let parts = idents(name)?;
    let (catalog, schema) = match parts.as_slice() {
        [schema] => (defaults(session).0, *schema),
        [catalog, schema] => (names::lookup(catalog), *schema),
        _ => return None,
    };
    (catalog == CATALOG && is_folder_schema(&names::lookup(schema))).then_some(schema)
}

/// A table name that names an audience in a folder.
#[derive(Debug, Clone)]
struct AudienceName<'a> {
    /// The folder, as written (normalized); the session's default schema when unqualified.
    folder: String,
    /// The table identifier.
    table: &'a Ident,
}

impl AudienceName<'_> {
    /// `folder.table`, for messages.
    fn qualified(&self) -> String {
        format!("{}.{}", self.folder, names::lookup(self.table))
    }
}

/// The audience a table name (`a`, `f.a`, `gtm.f.a`) names, `None` when it names a table in
/// the `local` schema (unqualified names, by default) or in another catalog.
fn audience_name<'a>(session: &GtmSession, name: &'a ObjectName) -> Option<AudienceName<'a>> {
    let parts = idents(name)?;
    let (default_catalog, default_schema) = defaults(session);
    let (catalog, folder, table) = match parts.as_slice() {
        [table] => (default_catalog, default_schema, *table),
        [schema, table] => (default_catalog, names::lookup(schema), *table),
        [catalog, schema, table] => (names::lookup(catalog), names::lookup(schema), *table),
        _ => return None,
    };
    (catalog == CATALOG && is_folder_schema(&folder)).then_some(AudienceName { folder, table })
}

/// The folder a name refers to in the loaded listing: by SQL name, else by display name.
fn folder_named(session: &GtmSession, name: &str) -> Option<Arc<FolderSchema>> {
    let catalog = session.catalog();
    catalog.folder(name).or_else(|| {
        catalog
            .schema_names()
            .iter()
            .filter_map(|schema| catalog.folder(schema))
            .find(|f| f.folder().name == name)
    })
}

/// The folder a name refers to, reloading the listings once when it is not in them (it may
/// have been created elsewhere).
async fn find_folder(session: &GtmSession, name: &str) -> Result<Option<Arc<FolderSchema>>> {
    if let Some(folder) = folder_named(session, name) {
        return Ok(Some(folder));
    }
    session.catalog().refresh().await?;
    Ok(folder_named(session, name))
}

/// The audience a name refers to in a folder (its SQL name and listing): by SQL name, else
/// by display name.
fn find_audience(folder: &FolderSchema, name: &str) -> Option<(String, Audience)> {
    if let Some(audience) = folder.audience(name) {
        return Some((name.to_owned(), audience.clone()));
    }
    folder
        .audiences()
        .find(|(_, a)| a.name == name)
        .map(|(n, a)| (n.clone(), a.clone()))
}

/// Where the loaded listing has the audience with this id: its folder's SQL name, its SQL
/// name and its listing.
fn locate_audience(session: &GtmSession, id: &str) -> Option<(String, String, Audience)> {
    let catalog = session.catalog();
    catalog.schema_names().iter().find_map(|schema| {
        let folder = catalog.folder(schema)?;
        folder
            .audiences()
            .find(|(_, a)| a.id == id)
            .map(|(table, a)| (folder.name().to_owned(), table.clone(), a.clone()))
    })
}

/// The folder and audience an audience name refers to, reloading the listings once when the
/// audience is not in them (it may have been created elsewhere).
async fn find_table(
    session: &GtmSession,
    name: &AudienceName<'_>,
) -> Result<(Option<Arc<FolderSchema>>, Option<(String, Audience)>)> {
    let lookup = names::lookup(name.table);
    let Some(folder) = find_folder(session, &name.folder).await? else {
        return Ok((None, None));
    };
    if let Some(found) = find_audience(&folder, &lookup) {
        return Ok((Some(folder), Some(found)));
    }
    session.catalog().refresh().await?;
    let Some(folder) = find_folder(session, &name.folder).await? else {
        return Ok((None, None));
    };
    let found = find_audience(&folder, &lookup);
    Ok((Some(folder), found))
}

/// The error for a statement on a folder that does not exist.
fn no_such_folder(statement: &str, folder: &str) -> Error {
    Error::Invalid(format!(
        "{statement}: schema {folder} does not exist (CREATE SCHEMA {folder} first; SELECT schema_name FROM information_schema.schemata lists the folders)"
    ))
}

/// The error for a statement on an audience that does not exist.
fn no_such_audience(statement: &str, name: &AudienceName<'_>) -> Error {
    Error::Invalid(format!(
        "{statement}: table {} does not exist (SHOW TABLES lists the audiences)",
        name.qualified()
    ))
}

/// Reloads the listings after a change, keeping the change's error if it failed.
async fn refreshed<T>(session: &GtmSession, result: Result<T>) -> Result<T> {
    let refresh = session.catalog().refresh().await;
    let value = result?;
    refresh?;
    Ok(value)
}

/// The result of a DDL statement: an empty frame.
fn done(session: &GtmSession) -> Result<Option<DataFrame>> {
    Ok(Some(session.context().read_empty()?))
}
