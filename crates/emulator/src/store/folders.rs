//! Folders: records, listing with the contract's filters and sorts, cascade delete.

use rusqlite::{Connection, OptionalExtension, params};

use super::{Actor, Stamps, audiences, now};
use crate::error::ApiResult;

/// A folder as stored, with the ids of its audiences.
#[derive(Debug, Clone)]
pub(crate) struct Folder {
    pub(crate) id: String,
    pub(crate) name: String,
    pub(crate) description: Option<String>,
    pub(crate) notes: Option<String>,
    pub(crate) starred: bool,
    pub(crate) audiences: Vec<String>,
    pub(crate) stamps: Stamps,
}

/// What a new folder is made of.
#[derive(Debug, Clone)]
pub(crate) struct NewFolder {
    pub(crate) name: String,
    pub(crate) description: Option<String>,
    pub(crate) notes: Option<String>,
    pub(crate) starred: bool,
}

const SELECT: &str = "SELECT id, name, description, notes, starred, created_at, created_by, \
     created_by_name, updated_at, updated_by, updated_by_name FROM folders";

fn from_row(row: &rusqlite::Row<'_>) -> rusqlite::Result<Folder> {
    Ok(Folder {
        id: row.get(0)?,
        name: row.get(1)?,
        description: row.get(2)?,
        notes: row.get(3)?,
        starred: row.get(4)?,
        audiences: Vec::new(),
        stamps: Stamps::from_row(row, 5)?,
    })
}

fn with_audiences(conn: &Connection, mut folder: Folder) -> ApiResult<Folder> {
    let mut stmt =
        conn.prepare_cached("SELECT id FROM audiences WHERE folder_id = ?1 ORDER BY seq")?;
    folder.audiences = stmt
        .query_map([&folder.id], |r| r.get(0))?
        .collect::<rusqlite::Result<Vec<String>>>()?;
    Ok(folder)
}

/// Creates a folder.
pub(crate) fn create(conn: &Connection, new: &NewFolder, actor: &Actor) -> ApiResult<Folder> {
    let id = uuid::Uuid::new_v4().to_string();
    let ts = now();
    conn.execute(
        "INSERT INTO folders (id, name, description, notes, starred, created_at, created_by, \
         created_by_name, updated_at, updated_by, updated_by_name) \
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?6, ?7, ?8)",
        params![
            id,
            new.name,
            new.description,
            new.notes,
            new.starred,
            ts,
            actor.id,
            actor.name
        ],
    )?;
    get(conn, &id)?.ok_or_else(|| crate::error::ApiError::internal("folder vanished"))
}

/// Loads a folder.
pub(crate) fn get(conn: &Connection, id: &str) -> ApiResult<Option<Folder>> {
    let mut stmt = conn.prepare_cached(&format!("{SELECT} WHERE id = ?1"))?;
    match stmt.query_row([id], from_row).optional()? {
        Some(f) => Ok(Some(with_audiences(conn, f)?)),
        None => Ok(None),
    }
}

/// Whether a folder exists.
pub(crate) fn exists(conn: &Connection, id: &str) -> ApiResult<bool> {
    Ok(conn
        .query_row("SELECT 1 FROM folders WHERE id = ?1", [id], |_| Ok(()))
        .optional()?
        .is_some())
}

/// Records that a folder was viewed (for `sort=recentlyViewed`).
pub(crate) fn mark_viewed(conn: &Connection, id: &str) -> ApiResult<()> {
    conn.execute(
        "UPDATE folders SET viewed_at = ?1 WHERE id = ?2",
        params![now(), id],
    )?;
    Ok(())
}

/// Sort keys of the folder list.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum SortKey {
    Name,
    CreatedAt,
    UpdatedAt,
    AudienceCount,
    RecentlyViewed,
}

/// Folder list query (filters per the contract).
#[derive(Debug, Clone, Default)]
pub(crate) struct ListQuery {
    pub(crate) created_by: Vec<u32>,
    pub(crate) updated_by: Vec<u32>,
    pub(crate) search_text: Option<String>,
    pub(crate) created_after: Option<String>,
    pub(crate) created_before: Option<String>,
    pub(crate) updated_after: Option<String>,
    pub(crate) updated_before: Option<String>,
    pub(crate) sort: Option<SortKey>,
    pub(crate) descending: bool,
    pub(crate) page: u32,
    pub(crate) size: u32,
}

/// Lists folders; returns the page and the total.
pub(crate) fn list(conn: &Connection, q: &ListQuery) -> ApiResult<(Vec<Folder>, u64)> {
    let mut conds = vec!["1=1".to_owned()];
    let mut args: Vec<rusqlite::types::Value> = Vec::new();
    if !q.created_by.is_empty() {
        let list = q
            .created_by
            .iter()
            .map(u32::to_string)
            .collect::<Vec<_>>()
            .join(",");
        conds.push(format!("created_by IN ({list})"));
    }
    if !q.updated_by.is_empty() {
        let list = q
            .updated_by
            .iter()
            .map(u32::to_string)
            .collect::<Vec<_>>()
            .join(",");
        conds.push(format!("updated_by IN ({list})"));
    }
    let mut push = |cond: &str, value: rusqlite::types::Value, args: &mut Vec<_>| {
        args.push(value);
        conds.push(cond.replace('?', &format!("?{}", args.len())));
    };
    if let Some(text) = &q.search_text {
        push(
            "name LIKE ? ESCAPE '\\'",
            audiences::like_pattern(text).into(),
            &mut args,
        );
    }
    for (value, cond) in [
        (&q.created_after, "created_at > ?"),
        (&q.created_before, "created_at < ?"),
        (&q.updated_after, "updated_at > ?"),
        (&q.updated_before, "updated_at < ?"),
    ] {
        if let Some(v) = value {
            push(cond, v.clone().into(), &mut args);
        }
    }
    let wher = conds.join(" AND ");
    let order = match q.sort.unwrap_or(SortKey::UpdatedAt) {
        SortKey::Name => "name COLLATE NOCASE",
        SortKey::CreatedAt => "created_at",
        SortKey::UpdatedAt => "updated_at",
        SortKey::AudienceCount => {
            "(SELECT COUNT(*) FROM audiences a WHERE a.folder_id = folders.id)"
        }
        SortKey::RecentlyViewed => "COALESCE(viewed_at, '')",
    };
    let dir = if q.descending { "DESC" } else { "ASC" };
    let total: i64 = conn.query_row(
        &format!("SELECT COUNT(*) FROM folders WHERE {wher}"),
        rusqlite::params_from_iter(args.iter()),
        |r| r.get(0),
    )?;
    let total = total.unsigned_abs();
    let sql = format!(
        "{SELECT} WHERE {wher} ORDER BY {order} {dir}, rowid {dir} LIMIT {} OFFSET {}",
        q.size,
        u64::from(q.page - 1) * u64::from(q.size)
    );
    let mut stmt = conn.prepare(&sql)?;
    let page = stmt
        .query_map(rusqlite::params_from_iter(args.iter()), from_row)?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    let mut out = Vec::with_capacity(page.len());
    for f in page {
        out.push(with_audiences(conn, f)?);
    }
    Ok((out, total))
}

/// What a folder PATCH may change.
#[derive(Debug, Clone, Default)]
pub(crate) struct FolderPatch {
    pub(crate) name: Option<String>,
    pub(crate) description: Option<String>,
    pub(crate) notes: Option<String>,
    pub(crate) starred: Option<bool>,
}

/// Applies a PATCH.
pub(crate) fn patch(
    conn: &Connection,
    id: &str,
    patch: &FolderPatch,
    actor: &Actor,
) -> ApiResult<Option<Folder>> {
    conn.execute(
        "UPDATE folders SET name = COALESCE(?1, name), description = COALESCE(?2, description), \
         notes = COALESCE(?3, notes), starred = COALESCE(?4, starred), updated_at = ?5, \
         updated_by = ?6, updated_by_name = ?7 WHERE id = ?8",
        params![
            patch.name,
            patch.description,
            patch.notes,
            patch.starred,
            now(),
            actor.id,
            actor.name,
            id
        ],
    )?;
    get(conn, id)
}

/// Deletes a folder and every audience in it.
pub(crate) fn delete(conn: &Connection, id: &str) -> ApiResult<bool> {
    let Some(folder) = get(conn, id)? else {
        return Ok(false);
    };
    for audience_id in &folder.audiences {
        if let Some(a) = audiences::get(conn, audience_id)? {
            audiences::delete(conn, &a)?;
        }
    }
    conn.execute("DELETE FROM folders WHERE id = ?1", [id])?;
    Ok(true)
}
