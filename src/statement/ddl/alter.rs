//! `ALTER TABLE` on audiences: add, drop and rename CUSTOM columns, rename or move the
//! audience.

use datafusion::dataframe::DataFrame;
use datafusion::sql::sqlparser::ast::{
    AlterTable, AlterTableOperation, Ident, ObjectName, RenameTableNameKind,
};

use super::names::{self, Kind, NewName};
use super::table::{ColumnSpec, column_spec};
use super::{
    audience_name, done, find_audience, find_folder, find_table, idents, no_such_audience,
    no_such_folder, refreshed,
};
use crate::client::{AudiencePatch, ColumnPatch, NewColumn};
use crate::error::{Error, Result};
use crate::provider::CATALOG;
use crate::provider::catalog::FolderSchema;
use crate::provider::naming::ROW_ID;
use crate::provider::schema::{TableColumn, TableLayout};
use crate::session::GtmSession;

/// One change, checked as far as it can be without the audience.
#[derive(Debug)]
enum Change<'a> {
    /// `ADD [COLUMN] [IF NOT EXISTS] col TYPE`.
    Add {
        spec: ColumnSpec,
        if_not_exists: bool,
    },
    /// `DROP [COLUMN] [IF EXISTS] col[, col]`.
    Drop {
        columns: &'a [Ident],
        if_exists: bool,
    },
    /// `RENAME COLUMN old TO new`.
    RenameColumn { old: &'a Ident, new: NewName },
    /// `RENAME TO [folder.]name`.
    RenameTable {
        folder: Option<String>,
        new: NewName,
        written: &'a ObjectName,
    },
}

/// `ALTER TABLE [IF EXISTS] f.a <change>[, <change>]`.
pub(crate) async fn run(session: &GtmSession, alter: &AlterTable) -> Result<Option<DataFrame>> {
    let Some(target) = audience_name(session, &alter.name) else {
        return Ok(None);
    };
    let statement = format!("ALTER TABLE {}", alter.name);
    let invalid = |message: String| Error::Invalid(format!("{statement}: {message}"));
    if alter.only
        || alter.table_type.is_some()
        || alter.location.is_some()
        || alter.on_cluster.is_some()
    {
        return Err(invalid(
            "ONLY, ICEBERG/DYNAMIC/EXTERNAL, LOCATION and ON CLUSTER do not apply to audiences"
                .to_owned(),
        ));
    }
    let changes = alter
        .operations
        .iter()
        .map(change)
        .collect::<Result<Vec<_>, _>>()
        .map_err(invalid)?;
    let (folder, found) = find_table(session, &target).await?;
    let (folder, (table, audience)) = match (folder, found) {
        (Some(folder), Some(found)) => (folder, found),
        _ if alter.if_exists => return done(session),
        (None, _) => return Err(no_such_folder(&statement, &target.folder)),
        (Some(_), None) => return Err(no_such_audience(&statement, &target)),
    };
    let place = Place {
        statement: &statement,
        folder: &folder,
        qualified: format!("{}.{table}", folder.name()),
        audience_id: &audience.id,
    };
    let result = async {
        for (i, change) in changes.iter().enumerate() {
            apply(session, &place, change)
                .await
                .map_err(|e| if i == 0 { e } else { after_earlier_changes(e) })?;
        }
        Ok(())
    }
    .await;
    refreshed(session, result).await?;
    done(session)
}

/// The change an `ALTER TABLE` operation makes; `Err` says why it cannot be made.
fn change(operation: &AlterTableOperation) -> Result<Change<'_>, String> {
    match operation {
        AlterTableOperation::AddColumn {
            if_not_exists,
            column_def,
            column_position,
            ..
        } => {
            if column_position.is_some() {
                return Err(format!(
                    "column {}: FIRST / AFTER are not supported; new columns go last",
                    column_def.name
                ));
            }
            Ok(Change::Add {
                spec: column_spec(column_def)?,
                if_not_exists: *if_not_exists,
            })
        }
        AlterTableOperation::DropColumn {
            column_names,
            if_exists,
            ..
        } => Ok(Change::Drop {
            columns: column_names,
            if_exists: *if_exists,
        }),
        AlterTableOperation::RenameColumn {
            old_column_name,
            new_column_name,
        } => Ok(Change::RenameColumn {
            old: old_column_name,
            new: names::new_name(new_column_name, Kind::Column)
                .map_err(|e| format!("column {new_column_name}: {e}"))?,
        }),
        AlterTableOperation::RenameTable { table_name } => {
            let (RenameTableNameKind::To(written) | RenameTableNameKind::As(written)) = table_name;
            let parts = idents(written).unwrap_or_default();
            let (folder, table) = match parts.as_slice() {
                [table] => (None, *table),
                [folder, table] => (Some(names::lookup(folder)), *table),
                [catalog, folder, table] if names::lookup(catalog) == CATALOG => {
                    (Some(names::lookup(folder)), *table)
                }
                _ => {
                    return Err(format!(
                        "rename an audience to name or folder.name, not {written}"
                    ));
                }
            };
            Ok(Change::RenameTable {
                folder,
                new: names::new_name(table, Kind::Audience)?,
                written,
            })
        }
        other => Err(format!(
            "{other} is not supported on audiences; ALTER TABLE supports ADD COLUMN, DROP COLUMN, RENAME COLUMN and RENAME TO"
        )),
    }
}

/// The audience a statement changes.
#[derive(Debug)]
struct Place<'a> {
    statement: &'a str,
    folder: &'a FolderSchema,
    /// `folder.table` when the statement started.
    qualified: String,
    audience_id: &'a str,
}

impl Place<'_> {
    fn invalid(&self, message: &str) -> Error {
        Error::Invalid(format!("{}: {message}", self.statement))
    }

    fn remote(&self, doing: &str, e: crate::client::Error) -> Error {
        Error::remote(format!("{}: {doing}", self.statement), e)
    }
}

/// Makes one change, against the audience as the server has it now.
async fn apply(session: &GtmSession, place: &Place<'_>, change: &Change<'_>) -> Result<()> {
    let client = session.catalog().client();
    let qualified = &place.qualified;
    let audience = client
        .get_audience(place.audience_id)
        .await
        .map_err(|e| place.remote(&format!("reading audience {qualified}"), e))?;
    let layout = TableLayout::new(&audience, &[]);
    match change {
        Change::Add {
            spec,
            if_not_exists,
        } => {
            if let Some(existing) = find_column(&layout, &spec.name.sql)
                .or_else(|| find_column(&layout, &spec.name.display))
            {
                if *if_not_exists {
                    return Ok(());
                }
                return Err(place.invalid(&format!(
                    "column {} (\"{}\") already exists in {qualified}; use ADD COLUMN IF NOT EXISTS, or another name",
                    existing.name, existing.column.name
                )));
            }
            let column = NewColumn::custom(spec.name.display.clone(), spec.data_type.clone());
            client
                .add_columns(place.audience_id, &[column])
                .await
                .map_err(|e| {
                    place.remote(
                        &format!("adding column \"{}\" to {qualified}", spec.name.display),
                        e,
                    )
                })?;
        }
        Change::Drop { columns, if_exists } => {
            // Check every column before deleting any.
            let mut doomed = Vec::new();
            for ident in *columns {
                let lookup = not_row_id(place, ident, "dropped")?;
                let Some(column) = find_column(&layout, &lookup) else {
                    if *if_exists {
                        continue;
                    }
                    return Err(place.invalid(&format!(
                        "column {lookup} does not exist in {qualified}; use DROP COLUMN IF EXISTS to skip missing columns"
                    )));
                };
                if !column.column.is_deletable {
                    return Err(place.invalid(&format!(
                        "column {} of {qualified} is a {} column GTM Studio does not let you delete",
                        column.name, column.column.column_type
                    )));
                }
                doomed.push(column);
            }
            for column in doomed {
                client
                    .delete_column(place.audience_id, &column.column.id)
                    .await
                    .map_err(|e| {
                        place.remote(
                            &format!("deleting column {} of {qualified}", column.name),
                            e,
                        )
                    })?;
            }
        }
        Change::RenameColumn { old, new } => {
            let lookup = not_row_id(place, old, "renamed")?;
            let Some(column) = find_column(&layout, &lookup) else {
                return Err(
                    place.invalid(&format!("column {lookup} does not exist in {qualified}"))
                );
            };
            if let Some(other) =
                find_column(&layout, &new.sql).filter(|other| other.column.id != column.column.id)
            {
                return Err(place.invalid(&format!(
                    "column {} already exists in {qualified}; pick another name",
                    other.name
                )));
            }
            let patch = ColumnPatch {
                name: Some(new.display.clone()),
                ..ColumnPatch::default()
            };
            client
                .update_column(place.audience_id, &column.column.id, &patch)
                .await
                .map_err(|e| {
                    place.remote(
                        &format!("renaming column {} of {qualified}", column.name),
                        e,
                    )
                })?;
        }
        Change::RenameTable {
            folder,
            new,
            written,
        } => {
            let destination = match folder {
                None => None,
                Some(name) => match find_folder(session, name).await? {
                    Some(found) => Some(found),
                    None => return Err(no_such_folder(place.statement, name)),
                },
            };
            let into = destination.as_deref().unwrap_or(place.folder);
            if let Some((existing, _)) = find_audience(into, &new.sql)
                .or_else(|| find_audience(into, &new.display))
                .filter(|(_, a)| a.id != place.audience_id)
            {
                return Err(place.invalid(&format!(
                    "table {}.{existing} already exists; pick another name than {written}",
                    into.name()
                )));
            }
            let moves = into.folder().id != place.folder.folder().id;
            let patch = AudiencePatch {
                name: Some(new.display.clone()),
                folder_id: moves.then(|| into.folder().id.clone()),
                ..AudiencePatch::default()
            };
            client
                .update_audience(place.audience_id, &patch)
                .await
                .map_err(|e| place.remote(&format!("renaming audience {qualified}"), e))?;
        }
    }
    Ok(())
}

/// The lookup name of a column identifier, refusing `_row_id`.
fn not_row_id(place: &Place<'_>, ident: &Ident, verb: &str) -> Result<String> {
    let lookup = names::lookup(ident);
    if lookup == ROW_ID {
        return Err(place.invalid(&format!(
            "{ROW_ID} is the row id every audience has, not a column; it cannot be {verb}"
        )));
    }
    Ok(lookup)
}

/// A column by SQL name, else by display name.
fn find_column<'a>(layout: &'a TableLayout, name: &str) -> Option<&'a TableColumn> {
    layout
        .columns
        .iter()
        .find(|c| c.name == name)
        .or_else(|| layout.columns.iter().find(|c| c.column.name == name))
}

/// An error of a later change: the earlier ones were made and stay.
fn after_earlier_changes(e: Error) -> Error {
    const NOTE: &str = "(the changes before it in this statement were made)";
    match e {
        Error::Invalid(message) => Error::Invalid(format!("{message} {NOTE}")),
        Error::Remote { what, source } => Error::Remote {
            what: format!("{what} {NOTE}"),
            source,
        },
        other => other,
    }
}
