//! The `gtm` catalog: folders as schemas, audiences as tables, and a `local` schema for
//! CSV/Parquet and in-memory tables.
//!
//! DataFusion asks for schema and table *names* synchronously (`SHOW TABLES`,
//! `information_schema`), so the folder and audience listings are loaded when the session
//! starts and kept until [`GtmCatalog::refresh`]. A table's filter metadata is fetched the
//! first time the table is used and cached with it. SQL names are snake_case forms of the
//! display names (see `naming`), unique within the catalog (folders) or folder (audiences).

use std::collections::BTreeMap;
use std::sync::{Arc, RwLock};

use async_trait::async_trait;
use datafusion::catalog::{CatalogProvider, MemorySchemaProvider, SchemaProvider, TableProvider};
use datafusion::common::{DataFusionError, Result, TableReference, exec_err};
use tokio::sync::OnceCell;

use super::naming::Namer;
use super::options::SharedOptions;
use super::schema::TableLayout;
use super::table::{AudienceTable, TableState};
use crate::client::{Audience, AudienceClient, Folder};
use crate::error::Error;
use crate::jobs::Jobs;

/// The name of the schema for local tables (the default schema).
pub const LOCAL_SCHEMA: &str = "local";
/// The catalog's name.
pub const CATALOG: &str = "gtm";

/// The `gtm` catalog.
#[derive(Debug)]
pub struct GtmCatalog {
    client: AudienceClient,
    options: SharedOptions,
    jobs: Jobs,
    folders: RwLock<BTreeMap<String, Arc<FolderSchema>>>,
    local: Arc<MemorySchemaProvider>,
}

impl GtmCatalog {
    /// Loads the folder and audience listings.
    pub async fn load(
        client: AudienceClient,
        options: SharedOptions,
        jobs: Jobs,
    ) -> crate::Result<Arc<Self>> {
        let catalog = Arc::new(Self {
            client,
            options,
            jobs,
            folders: RwLock::new(BTreeMap::new()),
            local: Arc::new(MemorySchemaProvider::new()),
        });
        catalog.refresh().await?;
        Ok(catalog)
    }

    /// Reloads the listings (tables already in use keep their metadata; tables whose
    /// audience changed are rebuilt on next use).
    pub async fn refresh(&self) -> crate::Result<()> {
        let folders = self
            .client
            .list_folders()
            .await
            .map_err(|e| Error::remote("listing folders", e))?;
        let audiences = self
            .client
            .list_audiences()
            .await
            .map_err(|e| Error::remote("listing audiences", e))?;
        let mut by_folder: BTreeMap<String, Vec<Audience>> = BTreeMap::new();
        for a in audiences {
            by_folder
                .entry(a.folder_id.clone().unwrap_or_default())
                .or_default()
                .push(a);
        }
        let mut folders = folders;
        folders.sort_by(|a, b| created(a).cmp(&created(b)).then_with(|| a.id.cmp(&b.id)));
        let mut namer = Namer::with_reserved(&[LOCAL_SCHEMA, "information_schema", "public"]);
        let previous = self.folders.read().map(|f| f.clone()).unwrap_or_default();
        let mut next = BTreeMap::new();
        for folder in folders {
            let name = namer.name(&folder.name, "folder");
            let mut audiences = by_folder.remove(&folder.id).unwrap_or_default();
            audiences.sort_by(|a, b| {
                a.meta
                    .as_ref()
                    .map(|m| m.created_at.clone())
                    .cmp(&b.meta.as_ref().map(|m| m.created_at.clone()))
                    .then_with(|| a.id.cmp(&b.id))
            });
            let old = previous.get(&name).cloned();
            let schema = FolderSchema::new(
                self.client.clone(),
                self.options.clone(),
                self.jobs.clone(),
                &name,
                folder,
                audiences,
                old.as_deref(),
            );
            next.insert(name, Arc::new(schema));
        }
        *self
            .folders
            .write()
            .unwrap_or_else(std::sync::PoisonError::into_inner) = next;
        Ok(())
    }

    /// The folder schema with this SQL name.
    pub fn folder(&self, name: &str) -> Option<Arc<FolderSchema>> {
        self.folders
            .read()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .get(name)
            .cloned()
    }

    /// The local schema.
    pub fn local(&self) -> &Arc<MemorySchemaProvider> {
        &self.local
    }

    /// The client.
    pub fn client(&self) -> &AudienceClient {
        &self.client
    }

    /// The session's jobs.
    pub fn jobs(&self) -> &Jobs {
        &self.jobs
    }

    /// The folder schema a `gtm` schema name refers to, reloading the listings once when it
    /// is not known (it may have been created elsewhere since they were loaded).
    pub async fn resolve_folder(&self, name: &str) -> crate::Result<Option<Arc<FolderSchema>>> {
        if let Some(folder) = self.folder(name) {
            return Ok(Some(folder));
        }
        self.refresh().await?;
        Ok(self.folder(name))
    }

    /// The audience table a reference (`folder.audience`, `gtm.folder.audience` or
    /// `'folder.audience'` as a string) names, reloading the listings once when it is not
    /// known.
    ///
    /// # Errors
    /// [`Error::Invalid`] naming the reference when it is not an audience.
    pub async fn resolve_audience(
        &self,
        reference: &TableReference,
    ) -> crate::Result<Arc<AudienceTable>> {
        let unknown = || {
            Error::Invalid(format!(
                "{reference} is not an audience: name one as folder.audience (SHOW TABLES lists them)"
            ))
        };
        if reference.catalog().is_some_and(|c| c != CATALOG) {
            return Err(unknown());
        }
        let Some(schema) = reference.schema() else {
            return Err(unknown());
        };
        if self
            .folder(schema)
            .is_none_or(|f| f.audience(reference.table()).is_none())
        {
            self.refresh().await?;
        }
        let folder = self.folder(schema).ok_or_else(unknown)?;
        folder
            .audience_table(reference.table())
            .await?
            .ok_or_else(unknown)
    }
}

fn created(f: &Folder) -> String {
    f.meta
        .as_ref()
        .map(|m| m.created_at.clone())
        .unwrap_or_default()
}

impl CatalogProvider for GtmCatalog {
    fn schema_names(&self) -> Vec<String> {
        let mut names: Vec<String> = self
            .folders
            .read()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .keys()
            .cloned()
            .collect();
        names.push(LOCAL_SCHEMA.to_owned());
        names
    }

    fn schema(&self, name: &str) -> Option<Arc<dyn SchemaProvider>> {
        if name == LOCAL_SCHEMA {
            return Some(Arc::clone(&self.local) as Arc<dyn SchemaProvider>);
        }
        self.folder(name).map(|f| f as Arc<dyn SchemaProvider>)
    }
}

/// One audience in a folder listing, with its table built on first use.
#[derive(Debug)]
struct Entry {
    audience: Audience,
    table: OnceCell<Arc<AudienceTable>>,
}

/// A folder as a schema.
#[derive(Debug)]
pub struct FolderSchema {
    client: AudienceClient,
    options: SharedOptions,
    jobs: Jobs,
    name: String,
    folder: Folder,
    tables: BTreeMap<String, Arc<Entry>>,
}

impl FolderSchema {
    fn new(
        client: AudienceClient,
        options: SharedOptions,
        jobs: Jobs,
        name: &str,
        folder: Folder,
        audiences: Vec<Audience>,
        previous: Option<&Self>,
    ) -> Self {
        let mut namer = Namer::default();
        let mut tables = BTreeMap::new();
        for audience in audiences {
            let table_name = namer.name(&audience.name, "audience");
            // Keep an already built table when the audience's columns did not change; the
            // listing's row count is newer than the one the table holds.
            let built = previous
                .and_then(|p| p.tables.get(&table_name))
                .filter(|e| same_shape(&e.audience, &audience))
                .and_then(|e| e.table.get().cloned());
            if let Some(table) = &built {
                table.state().set_rows(audience.record_count);
            }
            let entry = Arc::new(Entry {
                audience,
                table: OnceCell::new_with(built),
            });
            tables.insert(table_name, entry);
        }
        Self {
            client,
            options,
            jobs,
            name: name.to_owned(),
            folder,
            tables,
        }
    }

    /// The schema's SQL name.
    pub fn name(&self) -> &str {
        &self.name
    }

    /// The folder behind the schema.
    pub fn folder(&self) -> &Folder {
        &self.folder
    }

    /// The audience behind a table name.
    pub fn audience(&self, table: &str) -> Option<&Audience> {
        self.tables.get(table).map(|e| &e.audience)
    }

    /// The table names with their audiences.
    pub fn audiences(&self) -> impl Iterator<Item = (&String, &Audience)> {
        self.tables.iter().map(|(n, e)| (n, &e.audience))
    }

    /// The rows of table `name`: as this session last saw them if it used the table, else
    /// as the listing said.
    pub fn record_count(&self, name: &str) -> Option<u64> {
        let entry = self.tables.get(name)?;
        Some(
            entry
                .table
                .get()
                .map_or(entry.audience.record_count, |t| t.state().rows()),
        )
    }

    /// The table for `name`, fetching its filter metadata the first time.
    pub async fn audience_table(&self, name: &str) -> crate::Result<Option<Arc<AudienceTable>>> {
        let Some(entry) = self.tables.get(name) else {
            return Ok(None);
        };
        let display_name = format!("{}.{}", self.name, name);
        let table = entry
            .table
            .get_or_try_init(|| async {
                let audience = &entry.audience;
                let meta = self
                    .client
                    .filter_metadata(&audience.id)
                    .await
                    .map_err(|e| {
                        Error::remote(format!("reading the filter metadata of {display_name}"), e)
                    })?;
                let layout = TableLayout::new(audience, &meta);
                Ok::<_, Error>(Arc::new(AudienceTable::new(
                    TableState {
                        client: self.client.clone(),
                        audience_id: audience.id.clone(),
                        display_name: display_name.clone(),
                        layout,
                        record_count: audience.record_count.into(),
                    },
                    self.options.clone(),
                    self.jobs.clone(),
                )))
            })
            .await?;
        Ok(Some(Arc::clone(table)))
    }
}

/// Whether two listings of an audience have the same columns (a built table stays valid).
fn same_shape(a: &Audience, b: &Audience) -> bool {
    a.id == b.id
        && a.columns.len() == b.columns.len()
        && a.columns
            .iter()
            .zip(&b.columns)
            .all(|(x, y)| x.id == y.id && x.name == y.name && x.data_type == y.data_type)
}

#[async_trait]
impl SchemaProvider for FolderSchema {
    fn table_names(&self) -> Vec<String> {
        self.tables.keys().cloned().collect()
    }

    async fn table(&self, name: &str) -> Result<Option<Arc<dyn TableProvider>>, DataFusionError> {
        Ok(self
            .audience_table(name)
            .await
            .map_err(DataFusionError::from)?
            .map(|t| t as Arc<dyn TableProvider>))
    }

    fn table_exist(&self, name: &str) -> bool {
        self.tables.contains_key(name)
    }

    fn register_table(
        &self,
        name: String,
        _table: Arc<dyn TableProvider>,
    ) -> Result<Option<Arc<dyn TableProvider>>> {
        exec_err!(
            "cannot register a local table in folder {}; create '{name}' in the local schema (gtm.local) instead",
            self.name
        )
    }
}
