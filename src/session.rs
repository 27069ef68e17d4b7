//! `GtmSession`: a DataFusion `SessionContext` with the `gtm` catalog and gtmsql's statements.

use std::sync::Arc;

use datafusion::arrow::record_batch::RecordBatch;
use datafusion::catalog::CatalogProvider;
use datafusion::dataframe::DataFrame;
use datafusion::prelude::{SessionConfig, SessionContext};
use datafusion::sql::parser::{DFParser, Statement as DFStatement};
use datafusion::sql::sqlparser::ast::{Set, Statement as SqlStatement};
use datafusion::sql::sqlparser::dialect::GenericDialect;

use crate::client::AudienceClient;
use crate::error::{Error, Result};
use crate::jobs::Jobs;
use crate::provider::{CATALOG, GtmCatalog, GtmOptions, LOCAL_SCHEMA, SharedOptions};
use crate::{functions, statement};

/// A SQL session over GTM Studio audiences (and local data).
#[derive(Clone)]
pub struct GtmSession {
    ctx: SessionContext,
    catalog: Arc<GtmCatalog>,
    options: SharedOptions,
    jobs: Jobs,
}

impl std::fmt::Debug for GtmSession {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("GtmSession")
            .field("session_id", &self.ctx.session_id())
            .field("options", &self.options.get())
            .finish_non_exhaustive()
    }
}

impl GtmSession {
    /// Connects: loads the folder and audience listings and registers the `gtm` catalog.
    pub async fn connect(client: AudienceClient) -> Result<Self> {
        Self::with_config(client, SessionConfig::new()).await
    }

    /// Like [`GtmSession::connect`] with a DataFusion configuration of your own.
    pub async fn with_config(client: AudienceClient, config: SessionConfig) -> Result<Self> {
        let config = configure(config);
        let ctx = SessionContext::new_with_config(config);
        Self::attach(ctx, client).await
    }

    /// Registers the `gtm` catalog into an existing context (its default catalog and schema
    /// are left as they are).
    pub async fn attach(ctx: SessionContext, client: AudienceClient) -> Result<Self> {
        let options = SharedOptions::new(GtmOptions::default());
        let jobs = Jobs::default();
        let catalog = GtmCatalog::load(client, options.clone(), jobs.clone()).await?;
        ctx.register_catalog(CATALOG, Arc::clone(&catalog) as Arc<dyn CatalogProvider>);
        functions::register(&ctx, &catalog);
        Ok(Self {
            ctx,
            catalog,
            options,
            jobs,
        })
    }

    /// The DataFusion context.
    pub fn context(&self) -> &SessionContext {
        &self.ctx
    }

    /// The `gtm` catalog.
    pub fn catalog(&self) -> &Arc<GtmCatalog> {
        &self.catalog
    }

    /// The jobs this session started, and where its progress events go.
    pub fn jobs(&self) -> &Jobs {
        &self.jobs
    }

    /// The current `gtm.*` options.
    pub fn options(&self) -> GtmOptions {
        self.options.get()
    }

    /// Sets a `gtm.*` option.
    pub fn set_option(&self, key: &str, value: &str) -> Result<()> {
        self.options.set(key, value)
    }

    /// Reloads the folder and audience listings.
    pub async fn refresh(&self) -> Result<()> {
        self.catalog.refresh().await
    }

    /// Plans one SQL statement.
    ///
    /// DataFusion plans most statements. gtmsql takes over those on `gtm` folders and
    /// audiences that DataFusion cannot express: `INSERT` (its own value conversion and
    /// `ON CONFLICT`), `CREATE`/`DROP SCHEMA`, `CREATE`/`DROP`/`ALTER TABLE`, `CALL`, and
    /// `SET gtm.*`. As in DataFusion, DDL and `SET` take effect here; queries, writes and
    /// procedures run when the DataFrame is collected.
    pub async fn sql(&self, sql: &str) -> Result<DataFrame> {
        let statements = DFParser::parse_sql_with_dialect(sql, &GenericDialect {})?;
        if statements.len() > 1 {
            return Err(Error::Invalid(
                "one statement at a time, please (run several with execute_script)".to_owned(),
            ));
        }
        if let Some(statement) = statements.front() {
            if let Some((key, value)) = gtm_set(statement) {
                self.options.set(&key, &value)?;
                return Ok(self.ctx.read_empty()?);
            }
            if let Some(frame) = statement::intercept(self, statement).await? {
                return Ok(frame);
            }
            self.refresh_if_unknown(statement).await?;
        }
        Ok(self.ctx.sql(sql).await?)
    }

    /// Runs one statement and collects its result.
    pub async fn execute(&self, sql: &str) -> Result<Vec<RecordBatch>> {
        Ok(self.sql(sql).await?.collect().await?)
    }

    /// Reloads the listings when a statement names a `gtm` schema or table the cached
    /// listing does not have (an audience created elsewhere since the session started).
    async fn refresh_if_unknown(&self, statement: &DFStatement) -> Result<()> {
        let state = self.ctx.state();
        let Ok(references) = state.resolve_table_references(statement) else {
            return Ok(());
        };
        let default_catalog = state.config().options().catalog.default_catalog.clone();
        let unknown = references.iter().any(|r| {
            let catalog = r.catalog().unwrap_or(&default_catalog);
            if catalog != CATALOG {
                return false;
            }
            match r.schema() {
                None | Some(LOCAL_SCHEMA | "information_schema") => false,
                Some(schema) => match self.catalog.folder(schema) {
                    None => true,
                    Some(folder) => folder.audience(r.table()).is_none(),
                },
            }
        });
        if unknown {
            self.catalog.refresh().await?;
        }
        Ok(())
    }
}

/// gtmsql's DataFusion settings: the `gtm` catalog with `local` as the default schema,
/// `information_schema`, and hash joins that hand their build-side keys to scans as `IN`
/// lists (up to 10,000 keys) so that joins become batched searches.
pub fn configure(config: SessionConfig) -> SessionConfig {
    let mut config = config
        .with_information_schema(true)
        .with_default_catalog_and_schema(CATALOG, LOCAL_SCHEMA)
        .with_create_default_catalog_and_schema(true);
    let optimizer = &mut config.options_mut().optimizer;
    optimizer.hash_join_inlist_pushdown_max_distinct_values = 10_000;
    optimizer.hash_join_inlist_pushdown_max_size = 16 * 1024 * 1024;
    config
}

/// `SET gtm.x = y` as (key, value).
fn gtm_set(statement: &DFStatement) -> Option<(String, String)> {
    let DFStatement::Statement(inner) = statement else {
        return None;
    };
    let SqlStatement::Set(Set::SingleAssignment {
        variable, values, ..
    }) = inner.as_ref()
    else {
        return None;
    };
    let key = variable.to_string();
    if !key.to_ascii_lowercase().starts_with("gtm.") {
        return None;
    }
    let value = values
        .iter()
        .map(ToString::to_string)
        .collect::<Vec<_>>()
        .join(",");
    Some((key, value))
}
