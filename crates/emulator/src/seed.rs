//! Seeding rows straight into the store, for fixtures too large to load over HTTP quickly.
//!
//! A million rows through the bulk upsert API take minutes (2,000 requests, each fsynced);
//! [`Emulator::seed_rows`] writes the same rows, validated by the same per-dataType rules, in
//! one transaction, so benchmarks and tests can set up big audiences in seconds. Rows seeded
//! this way are indistinguishable from uploaded ones: same tables, ids, counts and stamps.

use serde_json::Value;

use crate::Emulator;
use crate::store::Actor;
use crate::store::rows::{self, Upsert};
use crate::value;

/// Why [`Emulator::seed_rows`] failed.
#[derive(Debug, thiserror::Error)]
#[error("cannot seed rows: {0}")]
pub struct SeedError(String);

impl Emulator {
    /// Creates `rows` in audience `audience_id`, each given as `(column id, value)` pairs with
    /// the values the bulk upsert accepts, in one transaction, without HTTP. Returns how many
    /// rows were created. The rows are written as the emulator's first client.
    ///
    /// # Errors
    /// An unknown audience or column, a value that does not fit its column's dataType, or a
    /// store failure; nothing is written then.
    pub async fn seed_rows(
        &self,
        audience_id: &str,
        rows: Vec<Vec<(String, Value)>>,
    ) -> Result<usize, SeedError> {
        let actor = Actor {
            id: self.client.user_id,
            name: self.client.user_name.clone(),
        };
        let audience_id = audience_id.to_owned();
        self.state
            .store
            .write(move |db| {
                let audience =
                    crate::store::audiences::get(db, &audience_id)?.ok_or_else(|| {
                        crate::error::ApiError::not_found("audienceId", "Audience", &audience_id)
                    })?;
                let mut upserts = Vec::with_capacity(rows.len());
                for (i, row) in rows.into_iter().enumerate() {
                    let mut cells = Vec::with_capacity(row.len());
                    for (column_id, v) in row {
                        let Some(index) = audience.columns.iter().position(|c| c.id == column_id)
                        else {
                            return Err(crate::error::ApiError::internal(format!(
                                "row {i}: column '{column_id}' does not exist in this audience"
                            )));
                        };
                        let stored = value::to_sql(audience.columns[index].value_type(), &v)
                            .map_err(|why| {
                                crate::error::ApiError::internal(format!(
                                    "row {i}, column '{column_id}': {why}"
                                ))
                            })?;
                        cells.push((index, stored));
                    }
                    upserts.push(Upsert { id: None, cells });
                }
                Ok(rows::upsert(db, &audience, &upserts, &actor)?.len())
            })
            .await
            .map_err(|e| SeedError(e.to_string()))
    }
}
