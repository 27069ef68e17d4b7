//! `CREATE SCHEMA`, `DROP SCHEMA` and `ALTER SCHEMA … RENAME TO` on folders.

use std::sync::Arc;

use datafusion::dataframe::DataFrame;
use datafusion::sql::sqlparser::ast::{
    AlterSchema, AlterSchemaOperation, ObjectName, SchemaName, SqlOption,
};

use super::names::{self, Kind, NewName};
use super::options::{self, Accepts};
use super::{done, find_folder, folder_ident, folder_named, no_such_folder, refreshed};
use crate::client::{FolderPatch, NewFolder};
use crate::error::{Error, Result};
use crate::provider::LOCAL_SCHEMA;
use crate::provider::catalog::FolderSchema;
use crate::session::GtmSession;

/// Schema names gtmsql keeps for itself: a folder cannot be listed under them.
const RESERVED: &[&str] = &[LOCAL_SCHEMA, "information_schema", "public"];

/// A parsed `CREATE SCHEMA`.
#[derive(Debug)]
pub(crate) struct CreateSchema<'a> {
    /// The schema name.
    pub(crate) name: &'a SchemaName,
    /// `IF NOT EXISTS`.
    pub(crate) if_not_exists: bool,
    /// `WITH (…)` / `OPTIONS (…)`.
    pub(crate) options: &'a [SqlOption],
    /// A clause folders have no use for (`DEFAULT COLLATE`, `CLONE`).
    pub(crate) unsupported: bool,
}

/// `CREATE SCHEMA [IF NOT EXISTS] f [WITH (description = '…', notes = '…')]`.
pub(crate) async fn create(
    session: &GtmSession,
    create: &CreateSchema<'_>,
) -> Result<Option<DataFrame>> {
    let (name, authorization) = match create.name {
        SchemaName::Simple(name) => (name, false),
        SchemaName::NamedAuthorization(name, _) => (name, true),
        SchemaName::UnnamedAuthorization(_) => return Ok(None),
    };
    let Some(ident) = folder_ident(session, name) else {
        return Ok(None);
    };
    let statement = format!("CREATE SCHEMA {name}");
    let invalid = |message: String| Error::Invalid(format!("{statement}: {message}"));
    if authorization || create.unsupported {
        return Err(invalid(
            "folders take no AUTHORIZATION, COLLATE or CLONE; write CREATE SCHEMA name [WITH (description = '…', notes = '…')]"
                .to_owned(),
        ));
    }
    let options = options::parse(create.options, Accepts::Folder).map_err(invalid)?;
    let new = names::new_name(ident, Kind::Folder).map_err(invalid)?;
    check_reserved(&new).map_err(invalid)?;
    if let Some(existing) = existing_folder(session, &new).await? {
        if create.if_not_exists {
            return done(session);
        }
        return Err(invalid(format!(
            "schema {} already exists (folder \"{}\"); use CREATE SCHEMA IF NOT EXISTS, or another name",
            existing.name(),
            existing.folder().name
        )));
    }
    let folder = NewFolder {
        name: new.display.clone(),
        description: options.description,
        notes: options.notes,
        starred: false,
    };
    let result = session
        .catalog()
        .client()
        .create_folder(&folder)
        .await
        .map_err(|e| {
            Error::remote(
                format!("{statement}: creating folder \"{}\"", new.display),
                e,
            )
        });
    refreshed(session, result).await?;
    done(session)
}

/// `DROP SCHEMA [IF EXISTS] f[, g] [CASCADE | RESTRICT]`.
pub(crate) async fn drop(
    session: &GtmSession,
    names: &[ObjectName],
    if_exists: bool,
    cascade: bool,
) -> Result<Option<DataFrame>> {
    let targets: Vec<_> = names
        .iter()
        .map(|n| folder_ident(session, n).map(names::lookup))
        .collect();
    if targets.iter().all(Option::is_none) {
        return Ok(None);
    }
    let statement = format!(
        "DROP SCHEMA {}",
        names
            .iter()
            .map(ToString::to_string)
            .collect::<Vec<_>>()
            .join(", ")
    );
    // Check every folder before deleting any.
    let mut folders = Vec::new();
    for (name, target) in names.iter().zip(targets) {
        let Some(target) = target else {
            return Err(Error::Invalid(format!(
                "{statement}: {name} is not a folder; drop local schemas and folders in separate statements"
            )));
        };
        let Some(folder) = find_folder(session, &target).await? else {
            if if_exists {
                continue;
            }
            return Err(Error::Invalid(format!(
                "{statement}: schema {target} does not exist (SELECT schema_name FROM information_schema.schemata lists the folders)"
            )));
        };
        let audiences: Vec<String> = folder.audiences().map(|(n, _)| n.clone()).collect();
        let held = audiences.len().max(folder.folder().audience_ids.len());
        if held > 0 && !cascade {
            let listed = if audiences.is_empty() {
                String::new()
            } else {
                format!(" ({})", audiences.join(", "))
            };
            return Err(Error::Invalid(format!(
                "{statement}: schema {} holds {held} audience(s){listed}; drop them first, or add CASCADE to delete them with the folder",
                folder.name()
            )));
        }
        folders.push(folder);
    }
    let client = session.catalog().client();
    let result = async {
        for folder in &folders {
            for (table, audience) in folder.audiences() {
                client.delete_audience(&audience.id).await.map_err(|e| {
                    Error::remote(
                        format!("{statement}: deleting audience {}.{table}", folder.name()),
                        e,
                    )
                })?;
            }
            client
                .delete_folder(&folder.folder().id)
                .await
                .map_err(|e| {
                    Error::remote(
                        format!("{statement}: deleting folder \"{}\"", folder.folder().name),
                        e,
                    )
                })?;
        }
        Ok(())
    }
    .await;
    refreshed(session, result).await?;
    done(session)
}

/// `ALTER SCHEMA [IF EXISTS] f RENAME TO g`.
pub(crate) async fn alter(session: &GtmSession, alter: &AlterSchema) -> Result<Option<DataFrame>> {
    let Some(ident) = folder_ident(session, &alter.name) else {
        return Ok(None);
    };
    let statement = format!("ALTER SCHEMA {}", alter.name);
    let invalid = |message: String| Error::Invalid(format!("{statement}: {message}"));
    let [AlterSchemaOperation::Rename { name: new_name }] = alter.operations.as_slice() else {
        return Err(invalid(
            "folders support only RENAME TO (ALTER SCHEMA f RENAME TO g)".to_owned(),
        ));
    };
    let lookup = names::lookup(ident);
    let Some(folder) = find_folder(session, &lookup).await? else {
        if alter.if_exists {
            return done(session);
        }
        return Err(no_such_folder(&statement, &lookup));
    };
    let new_ident = match super::idents(new_name).as_deref() {
        Some([one]) => *one,
        _ => {
            return Err(invalid(format!(
                "rename a folder to a plain name, not {new_name}"
            )));
        }
    };
    let new = names::new_name(new_ident, Kind::Folder).map_err(invalid)?;
    check_reserved(&new).map_err(invalid)?;
    if let Some(existing) = existing_folder(session, &new).await?
        && existing.folder().id != folder.folder().id
    {
        return Err(invalid(format!(
            "schema {} already exists (folder \"{}\"); pick another name",
            existing.name(),
            existing.folder().name
        )));
    }
    let patch = FolderPatch {
        name: Some(new.display.clone()),
        ..FolderPatch::default()
    };
    let result = session
        .catalog()
        .client()
        .update_folder(&folder.folder().id, &patch)
        .await
        .map_err(|e| {
            Error::remote(
                format!("{statement}: renaming folder \"{}\"", folder.folder().name),
                e,
            )
        });
    refreshed(session, result).await?;
    done(session)
}

/// Refuses names gtmsql would have to list under another name.
fn check_reserved(new: &NewName) -> Result<(), String> {
    if RESERVED.contains(&new.sql.as_str()) {
        return Err(format!(
            "{} is a schema name gtmsql keeps for itself; pick another name",
            new.sql
        ));
    }
    Ok(())
}

/// The folder a new name would clash with: one listed under the same SQL name, or with the
/// same display name (reloading the listings once when there is none).
async fn existing_folder(session: &GtmSession, new: &NewName) -> Result<Option<Arc<FolderSchema>>> {
    let find = || folder_named(session, &new.sql).or_else(|| folder_named(session, &new.display));
    if let Some(folder) = find() {
        return Ok(Some(folder));
    }
    session.catalog().refresh().await?;
    Ok(find())
}
