//! The names Tab completion offers: a snapshot of the session's schemas, tables, columns and
//! functions, taken from the catalog's cached listings (no request to GTM Studio) when the
//! REPL starts and again after statements that may change them.

use std::sync::{Arc, PoisonError, RwLock};

use datafusion::catalog::{CatalogProvider, SchemaProvider};

use crate::GtmSession;
use crate::provider::LOCAL_SCHEMA;
use crate::provider::schema::TableLayout;

/// One table's names.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct TableNames {
    /// Its schema (a folder's SQL name, or `local`).
    pub(crate) schema: String,
    /// Its SQL name.
    pub(crate) name: String,
    /// Its columns' SQL names, in order.
    pub(crate) columns: Vec<String>,
}

/// The names in a session at one moment.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct CatalogSnapshot {
    /// Schema names (folders, then `local`).
    pub(crate) schemas: Vec<String>,
    /// Every table of every schema.
    pub(crate) tables: Vec<TableNames>,
    /// Function names (scalar, aggregate, window and table functions), sorted.
    pub(crate) functions: Vec<String>,
}

impl CatalogSnapshot {
    /// Reads the names from the session's cached catalog listings. Audience columns come
    /// from the audience listing (the same SQL names a table gets); local tables are
    /// in memory.
    pub(crate) async fn take(session: &GtmSession) -> Self {
        let catalog = session.catalog();
        let mut snapshot = Self::default();
        for schema in catalog.schema_names() {
            if schema == LOCAL_SCHEMA {
                let local = catalog.local();
                let mut names = local.table_names();
                names.sort();
                for name in names {
                    let Ok(Some(table)) = local.table(&name).await else {
                        continue;
                    };
                    let columns = table
                        .schema()
                        .fields()
                        .iter()
                        .map(|f| f.name().clone())
                        .collect();
                    snapshot.tables.push(TableNames {
                        schema: schema.clone(),
                        name,
                        columns,
                    });
                }
            } else if let Some(folder) = catalog.folder(&schema) {
                for (name, audience) in folder.audiences() {
                    let layout = TableLayout::new(audience, &[]);
                    snapshot.tables.push(TableNames {
                        schema: schema.clone(),
                        name: name.clone(),
                        columns: layout
                            .schema
                            .fields()
                            .iter()
                            .map(|f| f.name().clone())
                            .collect(),
                    });
                }
            }
            snapshot.schemas.push(schema);
        }
        let state = session.context().state();
        let mut functions: Vec<String> = state
            .scalar_functions()
            .keys()
            .chain(state.aggregate_functions().keys())
            .chain(state.window_functions().keys())
            .chain(state.table_functions().keys())
            .cloned()
            .collect();
        functions.sort();
        functions.dedup();
        snapshot.functions = functions;
        snapshot
    }

    /// The table `schema.name`.
    pub(crate) fn table(&self, schema: &str, name: &str) -> Option<&TableNames> {
        self.tables
            .iter()
            .find(|t| t.schema == schema && t.name == name)
    }

    /// The only table called `name` in any schema, if exactly one is.
    pub(crate) fn unique_table(&self, name: &str) -> Option<&TableNames> {
        let mut found = self.tables.iter().filter(|t| t.name == name);
        let first = found.next()?;
        found.next().is_none().then_some(first)
    }
}

/// The snapshot the editor completes from, shared between the editor (which reads it on Tab)
/// and the REPL loop (which replaces it).
#[derive(Debug, Clone, Default)]
pub(crate) struct SharedNames {
    inner: Arc<RwLock<Arc<CatalogSnapshot>>>,
}

impl SharedNames {
    /// The current snapshot.
    pub(crate) fn get(&self) -> Arc<CatalogSnapshot> {
        Arc::clone(&self.inner.read().unwrap_or_else(PoisonError::into_inner))
    }

    /// Takes a new snapshot of `session`'s names.
    pub(crate) async fn refresh(&self, session: &GtmSession) {
        let snapshot = Arc::new(CatalogSnapshot::take(session).await);
        *self.inner.write().unwrap_or_else(PoisonError::into_inner) = snapshot;
    }
}
