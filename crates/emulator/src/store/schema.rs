//! The catalog tables (folders, audiences, columns, jobs) and their migrations.
//!
//! Row tables are created per audience by `audiences` and altered by `columns`.

use rusqlite::Connection;

/// The current schema version (`PRAGMA user_version`).
const VERSION: i64 = 1;

/// Creates or upgrades the catalog.
pub(crate) fn migrate(conn: &Connection) -> rusqlite::Result<()> {
    let version: i64 = conn.pragma_query_value(None, "user_version", |r| r.get(0))?;
    if version >= VERSION {
        return Ok(());
    }
    conn.execute_batch(
        "BEGIN;
        CREATE TABLE IF NOT EXISTS folders (
            id TEXT PRIMARY KEY,
            name TEXT NOT NULL,
            description TEXT,
            notes TEXT,
            starred INTEGER NOT NULL DEFAULT 0,
            created_at TEXT NOT NULL,
            created_by INTEGER NOT NULL,
            created_by_name TEXT NOT NULL,
            updated_at TEXT NOT NULL,
            updated_by INTEGER NOT NULL,
            updated_by_name TEXT NOT NULL,
            viewed_at TEXT
        );
        CREATE TABLE IF NOT EXISTS audiences (
            seq INTEGER PRIMARY KEY AUTOINCREMENT,
            id TEXT NOT NULL UNIQUE,
            folder_id TEXT NOT NULL REFERENCES folders(id),
            name TEXT NOT NULL,
            description TEXT,
            notes TEXT,
            type TEXT NOT NULL,
            origin TEXT NOT NULL,
            search_criteria TEXT,
            match_criteria TEXT,
            record_count INTEGER NOT NULL DEFAULT 0,
            data_version INTEGER NOT NULL DEFAULT 0,
            created_at TEXT NOT NULL,
            created_by INTEGER NOT NULL,
            created_by_name TEXT NOT NULL,
            updated_at TEXT NOT NULL,
            updated_by INTEGER NOT NULL,
            updated_by_name TEXT NOT NULL
        );
        CREATE INDEX IF NOT EXISTS audiences_folder ON audiences(folder_id);
        CREATE TABLE IF NOT EXISTS columns (
            seq INTEGER PRIMARY KEY AUTOINCREMENT,
            id TEXT NOT NULL UNIQUE,
            audience_seq INTEGER NOT NULL REFERENCES audiences(seq) ON DELETE CASCADE,
            position INTEGER NOT NULL,
            name TEXT NOT NULL,
            column_type TEXT NOT NULL,
            data_type TEXT,
            is_frozen INTEGER NOT NULL DEFAULT 0,
            is_hidden INTEGER NOT NULL DEFAULT 0,
            prompt TEXT,
            tool TEXT,
            data_dependencies TEXT,
            script_expression TEXT,
            created_at TEXT NOT NULL,
            created_by INTEGER NOT NULL,
            created_by_name TEXT NOT NULL,
            updated_at TEXT NOT NULL,
            updated_by INTEGER NOT NULL,
            updated_by_name TEXT NOT NULL
        );
        CREATE INDEX IF NOT EXISTS columns_audience ON columns(audience_seq, position);
        CREATE TABLE IF NOT EXISTS jobs (
            id TEXT PRIMARY KEY,
            audience_seq INTEGER NOT NULL REFERENCES audiences(seq) ON DELETE CASCADE,
            kind TEXT NOT NULL,
            status TEXT NOT NULL,
            percent INTEGER NOT NULL DEFAULT 0,
            spec TEXT NOT NULL,
            total INTEGER NOT NULL DEFAULT 0,
            done INTEGER NOT NULL DEFAULT 0,
            cells_ok INTEGER NOT NULL DEFAULT 0,
            cells_failed INTEGER NOT NULL DEFAULT 0,
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL
        );
        CREATE INDEX IF NOT EXISTS jobs_open ON jobs(status);
        PRAGMA user_version = 1;
        COMMIT;",
    )
}
