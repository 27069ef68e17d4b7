//! Audiences: their records, their row tables, match criteria and listing.

use rusqlite::{Connection, OptionalExtension, params};
use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::columns::{self, Column, NewColumn};
use super::{Actor, Stamps, folders, now, rows};
use crate::error::ApiResult;
use crate::model::{AudienceType, MatchField, Origin};

/// An audience with its columns.
#[derive(Debug, Clone)]
pub(crate) struct Audience {
    /// Internal number; names the row table `rows_<seq>`.
    pub(crate) seq: i64,
    pub(crate) id: String,
    pub(crate) folder_id: String,
    pub(crate) folder_name: String,
    pub(crate) name: String,
    pub(crate) description: Option<String>,
    pub(crate) notes: Option<String>,
    pub(crate) audience_type: AudienceType,
    pub(crate) origin: Origin,
    pub(crate) search_criteria: Option<Value>,
    /// The criteria of the audience's match column (kept even before that column exists,
    /// e.g. after `autoMatchCriteria=true`).
    pub(crate) match_criteria: Vec<MatchCriterion>,
    pub(crate) record_count: i64,
    /// Bumped on every change to the audience's rows (keys the count cache).
    pub(crate) data_version: i64,
    pub(crate) stamps: Stamps,
    pub(crate) columns: Vec<Column>,
}

/// One match criterion.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) struct MatchCriterion {
    #[serde(rename = "columnId")]
    pub(crate) column_id: String,
    #[serde(rename = "mappedTo")]
    pub(crate) mapped_to: MatchField,
}

impl Audience {
    /// The column with this id.
    pub(crate) fn column(&self, id: &str) -> Option<&Column> {
        self.columns.iter().find(|c| c.id == id)
    }

    /// The audience's designated match column, if it has one.
    pub(crate) fn match_column(&self) -> Option<&Column> {
        self.columns
            .iter()
            .find(|c| c.column_type == crate::model::ColumnType::ZoominfoMatch)
    }
}

/// What a new audience is made of (validated by the route).
#[derive(Debug, Clone)]
pub(crate) struct NewAudience {
    pub(crate) name: String,
    pub(crate) description: Option<String>,
    pub(crate) notes: Option<String>,
    pub(crate) audience_type: AudienceType,
    pub(crate) origin: Origin,
    pub(crate) folder_id: Option<String>,
    pub(crate) search_criteria: Option<Value>,
    pub(crate) columns: Vec<NewColumn>,
}

const SELECT: &str = "SELECT a.seq, a.id, a.folder_id, f.name, a.name, a.description, a.notes, \
     a.type, a.origin, a.search_criteria, a.match_criteria, a.record_count, a.data_version, \
     a.created_at, a.created_by, a.created_by_name, a.updated_at, a.updated_by, a.updated_by_name \
     FROM audiences a JOIN folders f ON f.id = a.folder_id";

fn from_row(row: &rusqlite::Row<'_>) -> rusqlite::Result<Audience> {
    let conv = |i: usize, e: crate::model::UnknownValue| {
        rusqlite::Error::FromSqlConversionFailure(i, rusqlite::types::Type::Text, Box::new(e))
    };
    let audience_type: String = row.get(7)?;
    let origin: String = row.get(8)?;
    let criteria: Option<String> = row.get(9)?;
    let matches: Option<String> = row.get(10)?;
    Ok(Audience {
        seq: row.get(0)?,
        id: row.get(1)?,
        folder_id: row.get(2)?,
        folder_name: row.get(3)?,
        name: row.get(4)?,
        description: row.get(5)?,
        notes: row.get(6)?,
        audience_type: audience_type.parse().map_err(|e| conv(7, e))?,
        origin: origin.parse().map_err(|e| conv(8, e))?,
        search_criteria: criteria.and_then(|c| serde_json::from_str(&c).ok()),
        match_criteria: matches
            .and_then(|m| serde_json::from_str(&m).ok())
            .unwrap_or_default(),
        record_count: row.get(11)?,
        data_version: row.get(12)?,
        stamps: Stamps::from_row(row, 13)?,
        columns: Vec::new(),
    })
}

/// Loads an audience and its columns.
pub(crate) fn get(conn: &Connection, id: &str) -> ApiResult<Option<Audience>> {
    let mut stmt = conn.prepare_cached(&format!("{SELECT} WHERE a.id = ?1"))?;
    let Some(mut audience) = stmt.query_row([id], from_row).optional()? else {
        return Ok(None);
    };
    audience.columns = columns::list(conn, audience.seq)?;
    Ok(Some(audience))
}

/// Loads an audience by its internal number.
pub(crate) fn get_by_seq(conn: &Connection, seq: i64) -> ApiResult<Option<Audience>> {
    let mut stmt = conn.prepare_cached(&format!("{SELECT} WHERE a.seq = ?1"))?;
    let Some(mut audience) = stmt.query_row([seq], from_row).optional()? else {
        return Ok(None);
    };
    audience.columns = columns::list(conn, audience.seq)?;
    Ok(Some(audience))
}

/// Creates an audience (and its folder when none is given), its columns and its row table.
pub(crate) fn create(conn: &Connection, new: &NewAudience, actor: &Actor) -> ApiResult<Audience> {
    let folder_id = match &new.folder_id {
        Some(f) => f.clone(),
        None => {
            folders::create(
                conn,
                &folders::NewFolder {
                    name: new.name.clone(),
                    description: None,
                    notes: None,
                    starred: false,
                },
                actor,
            )?
            .id
        }
    };
    let id = uuid::Uuid::new_v4().to_string();
    let ts = now();
    conn.execute(
        "INSERT INTO audiences (id, folder_id, name, description, notes, type, origin, \
         search_criteria, created_at, created_by, created_by_name, updated_at, updated_by, \
         updated_by_name) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?9, ?10, ?11)",
        params![
            id,
            folder_id,
            new.name,
            new.description,
            new.notes,
            new.audience_type.as_str(),
            new.origin.as_str(),
            new.search_criteria.as_ref().map(Value::to_string),
            ts,
            actor.id,
            actor.name,
        ],
    )?;
    let seq = conn.last_insert_rowid();
    conn.execute_batch(&format!(
        "CREATE TABLE {} (seq INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE)",
        rows::table(seq)
    ))?;
    columns::create(conn, seq, &new.columns, actor)?;
    touch_folder(conn, &folder_id, actor)?;
    get(conn, &id)?.ok_or_else(|| crate::error::ApiError::internal("audience vanished"))
}

/// Sort keys of the audience list.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum SortKey {
    Name,
    CreatedAt,
    UpdatedAt,
    RecordCount,
}

/// Audience list query.
#[derive(Debug, Clone)]
pub(crate) struct ListQuery {
    pub(crate) audience_type: Option<AudienceType>,
    pub(crate) search_text: Option<String>,
    pub(crate) sort: SortKey,
    pub(crate) descending: bool,
    pub(crate) page: u32,
    pub(crate) size: u32,
}

/// Lists audiences; returns the page and the total.
pub(crate) fn list(conn: &Connection, q: &ListQuery) -> ApiResult<(Vec<Audience>, u64)> {
    let mut conds = vec!["1=1".to_owned()];
    let mut args: Vec<rusqlite::types::Value> = Vec::new();
    if let Some(t) = q.audience_type {
        args.push(t.as_str().to_owned().into());
        conds.push(format!("a.type = ?{}", args.len()));
    }
    if let Some(text) = &q.search_text {
        args.push(like_pattern(text).into());
        conds.push(format!("a.name LIKE ?{} ESCAPE '\\'", args.len()));
    }
    let wher = conds.join(" AND ");
    let order = match q.sort {
        SortKey::Name => "a.name COLLATE NOCASE",
        SortKey::CreatedAt => "a.created_at",
        SortKey::UpdatedAt => "a.updated_at",
        SortKey::RecordCount => "a.record_count",
    };
    let dir = if q.descending { "DESC" } else { "ASC" };
    let total: i64 = conn.query_row(
        &format!("SELECT COUNT(*) FROM audiences a WHERE {wher}"),
        rusqlite::params_from_iter(args.iter()),
        |r| r.get(0),
    )?;
    let total = total.unsigned_abs();
    let sql = format!(
        "{SELECT} WHERE {wher} ORDER BY {order} {dir}, a.seq {dir} LIMIT {} OFFSET {}",
        q.size,
        u64::from(q.page - 1) * u64::from(q.size)
    );
    let mut stmt = conn.prepare(&sql)?;
    let mut out = stmt
        .query_map(rusqlite::params_from_iter(args.iter()), from_row)?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    for a in &mut out {
        a.columns = columns::list(conn, a.seq)?;
    }
    Ok((out, total))
}

/// A `LIKE` pattern for a case-insensitive "contains", with wildcards escaped.
pub(crate) fn like_pattern(text: &str) -> String {
    let escaped = text
        .replace('\\', "\\\\")
        .replace('%', "\\%")
        .replace('_', "\\_");
    format!("%{escaped}%")
}

/// What an audience PATCH may change.
#[derive(Debug, Clone, Default)]
pub(crate) struct AudiencePatch {
    pub(crate) name: Option<String>,
    pub(crate) description: Option<String>,
    pub(crate) notes: Option<String>,
    pub(crate) folder_id: Option<String>,
}

/// Applies a PATCH.
pub(crate) fn patch(
    conn: &Connection,
    audience: &Audience,
    patch: &AudiencePatch,
    actor: &Actor,
) -> ApiResult<Audience> {
    conn.execute(
        "UPDATE audiences SET name = COALESCE(?1, name), description = COALESCE(?2, description), \
         notes = COALESCE(?3, notes), folder_id = COALESCE(?4, folder_id), updated_at = ?5, \
         updated_by = ?6, updated_by_name = ?7 WHERE seq = ?8",
        params![
            patch.name,
            patch.description,
            patch.notes,
            patch.folder_id,
            now(),
            actor.id,
            actor.name,
            audience.seq
        ],
    )?;
    if let Some(folder) = &patch.folder_id {
        touch_folder(conn, folder, actor)?;
        touch_folder(conn, &audience.folder_id, actor)?;
    }
    get(conn, &audience.id)?.ok_or_else(|| crate::error::ApiError::internal("audience vanished"))
}

/// Deletes an audience with its rows, columns and jobs.
pub(crate) fn delete(conn: &Connection, audience: &Audience) -> ApiResult<()> {
    conn.execute_batch(&format!(
        "DROP TABLE IF EXISTS {}",
        rows::table(audience.seq)
    ))?;
    conn.execute("DELETE FROM audiences WHERE seq = ?1", [audience.seq])?;
    Ok(())
}

/// Replaces the audience's match criteria.
pub(crate) fn set_match_criteria(
    conn: &Connection,
    audience_seq: i64,
    criteria: &[MatchCriterion],
    actor: &Actor,
) -> ApiResult<()> {
    let json = serde_json::to_string(criteria).unwrap_or_else(|_| "[]".to_owned());
    conn.execute(
        "UPDATE audiences SET match_criteria = ?1, updated_at = ?2, updated_by = ?3, \
         updated_by_name = ?4 WHERE seq = ?5",
        params![json, now(), actor.id, actor.name, audience_seq],
    )?;
    Ok(())
}

/// Records a change to the audience's rows: `delta` rows more (or fewer) and a new data
/// version (which invalidates cached counts).
pub(crate) fn rows_changed(
    conn: &Connection,
    audience_seq: i64,
    delta: i64,
    actor: Option<&Actor>,
) -> ApiResult<()> {
    match actor {
        Some(actor) => conn.execute(
            "UPDATE audiences SET record_count = record_count + ?1, \
             data_version = data_version + 1, updated_at = ?2, updated_by = ?3, \
             updated_by_name = ?4 WHERE seq = ?5",
            params![delta, now(), actor.id, actor.name, audience_seq],
        )?,
        None => conn.execute(
            "UPDATE audiences SET record_count = record_count + ?1, \
             data_version = data_version + 1 WHERE seq = ?2",
            params![delta, audience_seq],
        )?,
    };
    Ok(())
}

fn touch_folder(conn: &Connection, folder_id: &str, actor: &Actor) -> ApiResult<()> {
    conn.execute(
        "UPDATE folders SET updated_at = ?1, updated_by = ?2, updated_by_name = ?3 WHERE id = ?4",
        params![now(), actor.id, actor.name, folder_id],
    )?;
    Ok(())
}
