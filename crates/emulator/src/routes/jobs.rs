//! Enrichment and job-status handlers.

use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::Response;

use super::{json, no_content, require_audience};
use crate::AppState;
use crate::error::{ApiError, ApiResult};
use crate::jobs::{self, EnrichRequest};
use crate::model::EnrichmentScope;
use crate::store::rows;
use crate::store::search::{self, Where};
use crate::wire::read::{Node, require_body};
use crate::wire::response::{Doc, IdOnly, JobAttrs, JobOut};

/// `POST /audiences/{audienceId}/actions/enrich`: 202 with a job, or 204 when no row is in
/// scope.
pub(crate) async fn enrich(
    State(state): State<AppState>,
    Path(audience_id): Path<String>,
    body: Bytes,
) -> ApiResult<Response> {
    let body = require_body(&body)?;
    let st = state.clone();
    let job = state
        .store
        .write(move |db| {
            let audience = require_audience(db, &audience_id)?;
            let root = Node::root(&body);
            let data = root.field("data");
            data.required_object()?;
            data.expect_type("AudienceEnrichment")?;
            let attrs = data.field("attributes");
            attrs.required_object()?;
            let scope: EnrichmentScope = attrs.field("scope").required_parse()?;
            let columns_node = attrs.field("columns");
            let columns = match columns_node.array()? {
                None => None,
                Some(items) => {
                    let mut ids = Vec::with_capacity(items.len());
                    for item in &items {
                        let id = item.str()?.ok_or_else(|| {
                            item.error(format!("{} must be a column id", item.path()))
                        })?;
                        if audience.column(id).is_none() {
                            return Err(item
                                .error(format!("column '{id}' does not exist in this audience")));
                        }
                        ids.push(id.to_owned());
                    }
                    Some(ids)
                }
            };
            let rows_node = attrs.field("rows");
            let seqs = match scope {
                EnrichmentScope::Audience => search::matching_seqs(
                    db,
                    &audience,
                    &Where {
                        sql: "1=1".to_owned(),
                        params: Vec::new(),
                    },
                )?,
                EnrichmentScope::Row => {
                    let items = rows_node.array()?.unwrap_or_default();
                    if items.is_empty() {
                        return Err(rows_node.error(
                            "scope ROW needs data.attributes.rows with at least one row id",
                        ));
                    }
                    let mut ids = Vec::with_capacity(items.len());
                    for item in &items {
                        ids.push(
                            item.str()?
                                .ok_or_else(|| {
                                    item.error(format!("{} must be a row id", item.path()))
                                })?
                                .to_owned(),
                        );
                    }
                    let refs: Vec<&str> = ids.iter().map(String::as_str).collect();
                    let mut seqs = Vec::with_capacity(ids.len());
                    for (i, seq) in rows::seqs_of(db, audience.seq, &refs)?
                        .into_iter()
                        .enumerate()
                    {
                        let Some(seq) = seq else {
                            return Err(items[i].error(format!(
                                "row '{}' does not exist in this audience",
                                ids[i]
                            )));
                        };
                        if !seqs.contains(&seq) {
                            seqs.push(seq);
                        }
                    }
                    seqs
                }
            };
            if seqs.is_empty() {
                return Ok(None);
            }
            st.credits.charge(seqs.len() as u64)?;
            let id = jobs::start_enrichment(
                db,
                &audience,
                EnrichRequest {
                    rows: seqs,
                    columns,
                },
            )?;
            Ok(Some(id))
        })
        .await?;
    let Some(job) = job else {
        return Ok(no_content());
    };
    state.jobs.submit(job.clone());
    Ok(json(
        StatusCode::ACCEPTED,
        &Doc {
            data: IdOnly {
                id: &job,
                kind: "EnrichJob",
            },
        },
    ))
}

/// `GET /audiences/{audienceId}/jobs/{jobId}`.
pub(crate) async fn status(
    State(state): State<AppState>,
    Path((audience_id, job_id)): Path<(String, String)>,
) -> ApiResult<Response> {
    let job = state
        .store
        .read(move |db| {
            let audience = require_audience(db, &audience_id)?;
            crate::store::jobs::get(db, audience.seq, &job_id)?
                .ok_or_else(|| ApiError::not_found("jobId", "Job", &job_id))
        })
        .await?;
    Ok(json(
        StatusCode::OK,
        &Doc {
            data: JobOut {
                id: &job.id,
                kind: "JobStatus",
                attributes: JobAttrs {
                    status: job.status,
                    percent_progress: job.percent,
                },
            },
        },
    ))
}
