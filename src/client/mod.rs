//! The REST client of ZoomInfo's GTM Studio Audiences API, usable without DataFusion.
//!
//! [`AudienceClient`] covers the API's operations on folders, audiences, columns, rows and
//! jobs. It is cheap to clone (clones share one connection pool, token, rate limiter and
//! [`ClientStats`]) and handles, for every call:
//!
//! * **Authentication**: the OAuth client-credentials grant, a cached token refreshed before
//!   it expires and after a 401 (see [`Secret`] for how secrets stay out of output).
//! * **Retries**: 5xx, 429, 408 and connection failures, with jittered exponential backoff and
//!   `Retry-After`, per a [`RetryConfig`]; writes are only re-sent after a failure that may
//!   have reached the server when they are idempotent.
//! * **Pacing**: the `X-RateLimit-*` headers size a client-side limiter so that concurrent
//!   requests do not run into avoidable 429s.
//! * **Errors**: one [`Error`] with the API's code, detail and JSON pointer.
//!
//! ```no_run
//! # async fn demo() -> gtmsql::client::Result<()> {
//! use gtmsql::client::{AudienceClient, SearchRequest};
//!
//! // ZOOMINFO_CLIENT_ID, ZOOMINFO_CLIENT_SECRET, GTMSQL_BASE_URL, ...
//! let client = AudienceClient::builder().with_client_id("id").with_client_secret("secret").build()?;
//! let audiences = client.list_audiences().await?;
//! if let Some(audience) = audiences.first() {
//!     let page = client.search_rows(&audience.id, &SearchRequest::default()).await?;
//!     println!("{} of {} rows", page.rows.len(), page.total);
//! }
//! # Ok(())
//! # }
//! ```

// `Error::Api` carries the API's whole error (code, detail, pointer, request id, ...) inline,
// as the DataFusion layer matches on its fields; the larger `Result` is the price.
#![allow(clippy::result_large_err)]

mod backoff;
mod builder;
mod create;
mod credential;
mod error;
mod pacing;
mod request;
mod retry;
mod stats;
mod types;

#[cfg(test)]
mod tests;

use std::collections::HashSet;
use std::fmt;
use std::sync::Arc;
use std::time::{Duration, Instant};

use reqwest::{Method, StatusCode};
use serde::de::DeserializeOwned;

pub use backoff::BackoffConfig;
pub use builder::{
    AudienceClientBuilder, ClientConfigKey, DEFAULT_BASE_URL, DEFAULT_CONNECT_TIMEOUT,
    DEFAULT_REQUEST_TIMEOUT, USER_AGENT,
};
pub use credential::Secret;
pub use error::{BoxError, Error, Result};
pub use pacing::RateLimitStatus;
pub use retry::{MAX_AUTH_REFRESHES, RetryConfig};
pub use stats::{ClientStats, StatsSnapshot};
pub use types::*;

use create::Resolution;
use request::{ClientInner, segment};

/// Rows per bulk upsert.
pub const MAX_UPSERT_ROWS: usize = 500;
/// How often a create of a folder, audience or columns whose outcome was unknown is looked
/// up by name and sent again.
pub const MAX_CREATE_RESOLUTIONS: usize = 3;
/// Row ids per bulk delete.
pub const MAX_DELETE_ROWS: usize = 1000;
/// The page size used to list folders and audiences (the API's maximum).
pub const LIST_PAGE_SIZE: u32 = 100;

/// A client of the GTM Studio Audiences API. Cheap to clone; `Debug` shows no secrets.
#[derive(Clone)]
pub struct AudienceClient {
    inner: Arc<ClientInner>,
}

impl fmt::Debug for AudienceClient {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.inner.fmt(f)
    }
}

/// A resource with an id (to drop duplicates when a listing shifts between pages).
trait Identified {
    fn id(&self) -> &str;
}

impl Identified for Folder {
    fn id(&self) -> &str {
        &self.id
    }
}

impl Identified for Audience {
    fn id(&self) -> &str {
        &self.id
    }
}

impl AudienceClient {
    /// A builder (same as [`AudienceClientBuilder::new`]).
    pub fn builder() -> AudienceClientBuilder {
        AudienceClientBuilder::new()
    }

    /// The server root, without a trailing slash.
    pub fn base_url(&self) -> &str {
        &self.inner.root
    }

    /// The request counters.
    pub fn stats(&self) -> &ClientStats {
        &self.inner.stats
    }

    /// The rate-limit headers of the last API response.
    pub fn rate_limit(&self) -> RateLimitStatus {
        self.inner.pacer.status()
    }

    /// Every page of a folder or audience listing, oldest first.
    async fn list_all<T: DeserializeOwned + Identified>(
        &self,
        operation: &'static str,
        path: &str,
        what: &str,
    ) -> Result<Vec<T>> {
        let mut out: Vec<T> = Vec::new();
        let mut seen = HashSet::new();
        let mut page = 1u32;
        loop {
            let doc: ListDoc<T> = self
                .inner
                .request(Method::GET, operation, path)
                .query(&[
                    ("page[number]", page.to_string()),
                    ("page[size]", LIST_PAGE_SIZE.to_string()),
                    ("sort", "createdAt".to_owned()),
                ])
                .send_decode(what)
                .await?;
            let received = doc.data.len() as u64;
            let meta = doc.meta.unwrap_or_default();
            // The server may cap the page size below what was asked.
            let size = meta
                .page
                .and_then(|p| p.size)
                .map_or(u64::from(LIST_PAGE_SIZE), u64::from);
            for item in doc.data {
                if seen.insert(item.id().to_owned()) {
                    out.push(item);
                }
            }
            let done = match meta.total {
                Some(total) => received == 0 || u64::from(page) * size >= total,
                None => received < size,
            };
            if done {
                return Ok(out);
            }
            page += 1;
        }
    }

    /// Every folder (all pages of 100).
    pub async fn list_folders(&self) -> Result<Vec<Folder>> {
        self.list_all("Folders_listFolders", "/folders", "the folder list")
            .await
    }

    /// One folder.
    pub async fn get_folder(&self, id: &str) -> Result<Folder> {
        let doc: Doc<Folder> = self
            .inner
            .request(
                Method::GET,
                "Folders_getFolderById",
                format!("/folders/{}", segment(id)),
            )
            .send_decode("a folder")
            .await?;
        Ok(doc.data)
    }

    /// Creates a folder.
    ///
    /// A create is not re-sent blindly: when its outcome is unknown (the connection dropped
    /// after it was sent, or a 500/502/504 answer) the folders are listed, and the newest
    /// folder of that name is taken as the one created; only when there is none is it sent
    /// again (up to [`MAX_CREATE_RESOLUTIONS`] times).
    pub async fn create_folder(&self, new: &NewFolder) -> Result<Folder> {
        let body = folder_create_body(new);
        let send = || async {
            let doc: Doc<Folder> = self
                .inner
                .request(Method::POST, "Folders_createFolder", "/folders")
                .json(&body)?
                .idempotent(false)
                .send_decode("the created folder")
                .await?;
            Ok(doc.data)
        };
        let look_up = || async {
            match Box::pin(self.list_folders()).await {
                Ok(folders) => folders
                    .into_iter()
                    .rev()
                    .find(|f| f.name == new.name)
                    .map_or(Resolution::NotCreated, Resolution::Created),
                Err(_) => Resolution::Unknown,
            }
        };
        self.create_resolving(&format!("creating folder '{}'", new.name), send, look_up)
            .await
    }

    /// Changes a folder's name, description, notes or star (sending it twice is harmless, so
    /// it is retried like a read).
    pub async fn update_folder(&self, id: &str, patch: &FolderPatch) -> Result<Folder> {
        let doc: Doc<Folder> = self
            .inner
            .request(
                Method::PATCH,
                "Folders_updateFolder",
                format!("/folders/{}", segment(id)),
            )
            .json(&folder_patch_body(patch))?
            .idempotent(true)
            .send_decode("the updated folder")
            .await?;
        Ok(doc.data)
    }

    /// Deletes a folder **and its audiences**. A 404 on a re-send after a lost answer
    /// counts as done.
    pub async fn delete_folder(&self, id: &str) -> Result<()> {
        self.inner
            .request(
                Method::DELETE,
                "Folders_deleteFolder",
                format!("/folders/{}", segment(id)),
            )
            .done_if_gone()
            .send()
            .await?;
        Ok(())
    }

    /// Every audience (all pages of 100), with its columns.
    pub async fn list_audiences(&self) -> Result<Vec<Audience>> {
        self.list_all("Audiences_listAudiences", "/audiences", "the audience list")
            .await
    }

    /// One audience, with its columns.
    pub async fn get_audience(&self, id: &str) -> Result<Audience> {
        let doc: Doc<Audience> = self
            .inner
            .request(
                Method::GET,
                "Audiences_getAudience",
                format!("/audiences/{}", segment(id)),
            )
            .send_decode("an audience")
            .await?;
        Ok(doc.data)
    }

    /// Creates an audience (and its CUSTOM columns). With `auto_match_criteria` the API maps
    /// suitable columns to match criteria (`?autoMatchCriteria=true`).
    ///
    /// When the outcome is unknown (see [`create_folder`](Self::create_folder)) the newest
    /// audience of that name in that folder is taken as the one created, and the create is
    /// sent again only when there is none.
    pub async fn create_audience(
        &self,
        new: &NewAudience,
        auto_match_criteria: bool,
    ) -> Result<Audience> {
        let body = audience_create_body(new);
        let send = || async {
            let mut request = self
                .inner
                .request(Method::POST, "Audiences_createAudience", "/audiences")
                .json(&body)?
                .idempotent(false);
            if auto_match_criteria {
                request = request.query(&[("autoMatchCriteria", "true")]);
            }
            let doc: Doc<Audience> = Box::pin(request.send_decode("the created audience")).await?;
            Ok(doc.data)
        };
        let look_up = || async {
            match Box::pin(self.list_audiences()).await {
                Ok(audiences) => audiences
                    .into_iter()
                    .rev()
                    .find(|a| a.name == new.name && a.folder_id == new.folder_id)
                    .map_or(Resolution::NotCreated, Resolution::Created),
                Err(_) => Resolution::Unknown,
            }
        };
        self.create_resolving(&format!("creating audience '{}'", new.name), send, look_up)
            .await
    }

    /// Changes an audience's name, description, notes or folder (retried like a read).
    pub async fn update_audience(&self, id: &str, patch: &AudiencePatch) -> Result<Audience> {
        let doc: Doc<Audience> = self
            .inner
            .request(
                Method::PATCH,
                "Audiences_patchAudience",
                format!("/audiences/{}", segment(id)),
            )
            .json(&audience_patch_body(patch))?
            .idempotent(true)
            .send_decode("the updated audience")
            .await?;
        Ok(doc.data)
    }

    /// Deletes an audience with its rows, columns and history. A 404 on a re-send after a
    /// lost answer counts as done.
    pub async fn delete_audience(&self, id: &str) -> Result<()> {
        self.inner
            .request(
                Method::DELETE,
                "Audiences_deleteAudience",
                format!("/audiences/{}", segment(id)),
            )
            .done_if_gone()
            .send()
            .await?;
        Ok(())
    }

    /// The filter operators each column supports.
    pub async fn filter_metadata(&self, audience_id: &str) -> Result<Vec<ColumnFilterMetadata>> {
        let doc: FilterMetadataDoc = self
            .inner
            .request(
                Method::GET,
                "Audiences_getAudienceFilterMetadata",
                format!("/audiences/{}/filter-metadata", segment(audience_id)),
            )
            .send_decode("the filter metadata")
            .await?;
        Ok(doc.data.attributes.filter_metadata)
    }

    /// Adds FORMULA, AI and ZOOMINFO_MATCH columns; returns them in request order.
    pub async fn add_columns(
        &self,
        audience_id: &str,
        columns: &[NewColumn],
    ) -> Result<Vec<Column>> {
        if columns.is_empty() {
            return Ok(Vec::new());
        }
        let body = columns_create_body(columns);
        let path = format!(
            "/audiences/{}/columns/actions/bulk/create",
            segment(audience_id)
        );
        let send = || async {
            let doc: ColumnList = self
                .inner
                .request(Method::POST, "Columns_addColumns", path.clone())
                .json(&body)?
                .idempotent(false)
                .send_decode("the created columns")
                .await?;
            Ok(doc.data)
        };
        let look_up = || async {
            let Ok(audience) = Box::pin(self.get_audience(audience_id)).await else {
                return Resolution::Unknown;
            };
            // The bulk create is atomic and appends: either the audience ends with exactly
            // these columns, or none of them is there and it is safe to send again.
            let existing = &audience.columns;
            let tail = existing
                .len()
                .checked_sub(columns.len())
                .map(|start| &existing[start..]);
            if let Some(tail) = tail
                && tail.iter().zip(columns).all(|(c, new)| c.name == new.name)
            {
                Resolution::Created(tail.to_vec())
            } else if existing
                .iter()
                .any(|c| columns.iter().any(|new| new.name == c.name))
            {
                Resolution::Unknown
            } else {
                Resolution::NotCreated
            }
        };
        self.create_resolving("adding columns", send, look_up).await
    }

    /// Renames, freezes or hides a column (retried like a read).
    pub async fn update_column(
        &self,
        audience_id: &str,
        column_id: &str,
        patch: &ColumnPatch,
    ) -> Result<Column> {
        let doc: Doc<Column> = self
            .inner
            .request(
                Method::PATCH,
                "Columns_patchColumn",
                format!(
                    "/audiences/{}/columns/{}",
                    segment(audience_id),
                    segment(column_id)
                ),
            )
            .json(&column_patch_body(patch))?
            .idempotent(true)
            .send_decode("the updated column")
            .await?;
        Ok(doc.data)
    }

    /// Deletes a column and its values. A 404 on a re-send after a lost answer counts as
    /// done.
    pub async fn delete_column(&self, audience_id: &str, column_id: &str) -> Result<()> {
        self.inner
            .request(
                Method::DELETE,
                "Columns_deleteColumn",
                format!(
                    "/audiences/{}/columns/{}",
                    segment(audience_id),
                    segment(column_id)
                ),
            )
            .done_if_gone()
            .send()
            .await?;
        Ok(())
    }

    /// What an AI column using `tool` can depend on: the audience's columns and
    /// knowledge-base attributes.
    pub async fn data_dependencies(
        &self,
        audience_id: &str,
        tool: AiTool,
    ) -> Result<Vec<DataDependency>> {
        let doc: DataDependencyList = self
            .inner
            .request(
                Method::GET,
                "Columns_getSupportedDataDependencies",
                format!(
                    "/audiences/{}/columns/data-dependencies/{}",
                    segment(audience_id),
                    segment(tool.as_str())
                ),
            )
            .send_decode("the data dependencies")
            .await?;
        Ok(doc.data.attributes)
    }

    /// Replaces the audience's match criteria (creating its ZOOMINFO_MATCH column if needed)
    /// and returns that column. `None` sends no body: the API maps columns by itself.
    pub async fn set_match_criteria(
        &self,
        audience_id: &str,
        criteria: Option<&[MatchCriterion]>,
    ) -> Result<Column> {
        let mut request = self
            .inner
            .request(
                Method::POST,
                "Audiences_upsertMatchCriteria",
                format!("/audiences/{}/actions/match-criteria", segment(audience_id)),
            )
            .idempotent(true);
        if let Some(criteria) = criteria {
            request = request.json(&match_criteria_body(criteria))?;
        }
        let doc: Doc<Column> = request.send_decode("the match column").await?;
        Ok(doc.data)
    }

    fn search_request(
        &self,
        audience_id: &str,
        request: &SearchRequest,
    ) -> Result<request::Request<'_>> {
        Ok(self
            .inner
            .request(
                Method::POST,
                "Rows_listRows",
                format!("/audiences/{}/rows/actions/search", segment(audience_id)),
            )
            .query(&request.query())
            .json(&search_body(request))?
            .idempotent(true))
    }

    /// One page of rows matching a search.
    pub async fn search_rows(&self, audience_id: &str, request: &SearchRequest) -> Result<RowPage> {
        let doc: ListDoc<Row> = self
            .search_request(audience_id, request)?
            .send_decode("a page of rows")
            .await?;
        let meta = doc.meta.unwrap_or_default();
        let page = meta.page.unwrap_or_default();
        Ok(RowPage {
            total: meta.total.unwrap_or(doc.data.len() as u64),
            page: page.number.unwrap_or(request.page),
            page_size: page.size.unwrap_or(request.page_size),
            rows: doc.data,
        })
    }

    /// The undecoded 200 body of a row search (same request and retries as
    /// [`search_rows`](Self::search_rows)).
    pub async fn search_rows_raw(
        &self,
        audience_id: &str,
        request: &SearchRequest,
    ) -> Result<bytes::Bytes> {
        Ok(self
            .search_request(audience_id, request)?
            .send()
            .await?
            .body)
    }

    /// One row; `columns` limits its cells.
    pub async fn get_row(
        &self,
        audience_id: &str,
        row_id: &str,
        columns: Option<&[String]>,
    ) -> Result<Row> {
        let mut request = self.inner.request(
            Method::GET,
            "Rows_getRowById",
            format!(
                "/audiences/{}/rows/{}",
                segment(audience_id),
                segment(row_id)
            ),
        );
        if let Some(columns) = columns {
            request = request.query(&[("columns", columns.join(","))]);
        }
        let doc: Doc<Row> = request.send_decode("a row").await?;
        Ok(doc.data)
    }

    /// Creates and updates up to [`MAX_UPSERT_ROWS`] rows with the bulk endpoint and returns
    /// them, in request order, as stored. An empty `rows` sends nothing.
    ///
    /// A transport failure after the request was sent is retried only when
    /// `options.idempotent` (otherwise [`Error::Transport`] has `maybe_committed`).
    /// `run_enrichment` and `enrich_columns` are sent as `?runEnrichment=true&columns=...`.
    pub async fn upsert_rows(
        &self,
        audience_id: &str,
        rows: &[UpsertRow],
        options: &UpsertOptions,
    ) -> Result<Vec<Row>> {
        if rows.is_empty() {
            return Ok(Vec::new());
        }
        if rows.len() > MAX_UPSERT_ROWS {
            return Err(Error::invalid_argument(format!(
                "at most {MAX_UPSERT_ROWS} rows per upsert, got {}",
                rows.len()
            )));
        }
        let doc: Doc<Vec<Row>> = self
            .upsert_request(audience_id, rows, options)?
            .send_decode("the upserted rows")
            .await?;
        Ok(doc.data)
    }

    /// [`upsert_rows`](Self::upsert_rows) for callers that do not need the rows back: the
    /// same request, retries and errors, but the answer is only counted, not decoded into
    /// `Row`s (on a load, decoding 500 rows per answer would cost as much CPU as a scan).
    /// Returns how many rows the server wrote.
    pub async fn upsert_rows_count(
        &self,
        audience_id: &str,
        rows: &[UpsertRow],
        options: &UpsertOptions,
    ) -> Result<usize> {
        if rows.is_empty() {
            return Ok(0);
        }
        if rows.len() > MAX_UPSERT_ROWS {
            return Err(Error::invalid_argument(format!(
                "at most {MAX_UPSERT_ROWS} rows per upsert, got {}",
                rows.len()
            )));
        }
        let doc: Doc<Vec<serde::de::IgnoredAny>> = self
            .upsert_request(audience_id, rows, options)?
            .send_decode("the upserted rows")
            .await?;
        Ok(doc.data.len())
    }

    /// The bulk upsert request of `rows` (1 to [`MAX_UPSERT_ROWS`]).
    fn upsert_request(
        &self,
        audience_id: &str,
        rows: &[UpsertRow],
        options: &UpsertOptions,
    ) -> Result<request::Request<'_>> {
        let mut query: Vec<(&str, String)> = Vec::new();
        if options.run_enrichment {
            query.push(("runEnrichment", "true".to_owned()));
            if let Some(columns) = &options.enrich_columns {
                query.push(("columns", columns.join(",")));
            }
        }
        Ok(self
            .inner
            .request(
                Method::POST,
                "Rows_bulkUpsertRows",
                format!(
                    "/audiences/{}/rows/actions/bulk/upsert",
                    segment(audience_id)
                ),
            )
            .query(&query)
            .json(&rows_upsert_body(rows))?
            .idempotent(options.idempotent))
    }

    /// Starts deleting 1 to [`MAX_DELETE_ROWS`] rows; returns the job id (see
    /// [`wait_for_job`](Self::wait_for_job)).
    pub async fn delete_rows(&self, audience_id: &str, row_ids: &[String]) -> Result<String> {
        if row_ids.is_empty() || row_ids.len() > MAX_DELETE_ROWS {
            return Err(Error::invalid_argument(format!(
                "a bulk delete takes 1 to {MAX_DELETE_ROWS} row ids, got {}",
                row_ids.len()
            )));
        }
        let doc: Doc<IdResource> = self
            .inner
            .request(
                Method::DELETE,
                "Rows_deleteRows",
                format!(
                    "/audiences/{}/rows/actions/bulk/delete",
                    segment(audience_id)
                ),
            )
            .json(&rows_delete_body(row_ids))?
            // It starts a job; a second one would fail on the rows the first deleted.
            .idempotent(false)
            .send_decode("the delete job")
            .await?;
        Ok(doc.data.id)
    }

    /// Starts an enrichment; returns its job id, or `None` when no row matched the scope
    /// (204).
    pub async fn enrich(
        &self,
        audience_id: &str,
        request: &EnrichRequest,
    ) -> Result<Option<String>> {
        if matches!(&request.scope, EnrichScope::Rows(rows) if rows.is_empty()) {
            return Err(Error::invalid_argument(
                "an enrichment of rows needs at least one row id",
            ));
        }
        let response = self
            .inner
            .request(
                Method::POST,
                "Audiences_enrichAudience",
                format!("/audiences/{}/actions/enrich", segment(audience_id)),
            )
            .json(&enrich_body(request))?
            .idempotent(false)
            .send()
            .await?;
        if response.status == StatusCode::NO_CONTENT || response.body.is_empty() {
            return Ok(None);
        }
        let doc: Doc<IdResource> = response.decode("the enrichment job")?;
        Ok(Some(doc.data.id))
    }

    /// A job's status.
    pub async fn job_status(&self, audience_id: &str, job_id: &str) -> Result<JobStatus> {
        let doc: Doc<JobStatus> = self
            .inner
            .request(
                Method::GET,
                "Audiences_getJobStatus",
                format!(
                    "/audiences/{}/jobs/{}",
                    segment(audience_id),
                    segment(job_id)
                ),
            )
            .send_decode("a job status")
            .await?;
        Ok(doc.data)
    }

    /// Polls a job until it finishes, calling `progress` with every status seen (the last
    /// one included). Delays start at `poll.initial` and double up to `poll.max`.
    ///
    /// # Errors
    /// [`Error::Timeout`] once `poll.deadline` has passed; the errors of
    /// [`job_status`](Self::job_status).
    pub async fn wait_for_job(
        &self,
        audience_id: &str,
        job_id: &str,
        poll: &PollConfig,
        progress: &mut (dyn FnMut(&JobStatus) + Send),
    ) -> Result<JobStatus> {
        let started = Instant::now();
        let mut delay = poll.initial.max(Duration::from_millis(1));
        loop {
            let status = self.job_status(audience_id, job_id).await?;
            progress(&status);
            if status.status.is_terminal() {
                return Ok(status);
            }
            let mut sleep = delay;
            if let Some(deadline) = poll.deadline {
                let left = deadline.saturating_sub(started.elapsed());
                if left.is_zero() {
                    return Err(Error::Timeout {
                        what: format!("job {job_id}"),
                        elapsed: started.elapsed(),
                    });
                }
                sleep = sleep.min(left);
            }
            tokio::time::sleep(sleep).await;
            delay = delay.saturating_mul(2).min(poll.max.max(poll.initial));
        }
    }
}
