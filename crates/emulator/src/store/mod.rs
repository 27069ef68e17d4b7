//! `Store`: the emulator's durable state in SQLite (folders, audiences, columns, rows, jobs).
//!
//! Why SQLite: it is a real embedded database with ACID transactions, a write-ahead log and
//! a query planner, so search, sort, projection and pagination run *in the store* with
//! indexes, and an acknowledged write survives `kill -9` (WAL + `synchronous=FULL`: a bulk
//! upsert's transaction is fsynced before the 200 is sent). `--memory` uses an in-memory
//! database with the same schema and code paths.
//!
//! Each audience's rows live in their own table `rows_<audience seq>`, with one typed SQL
//! column per audience column (`c<column seq>`), plus a state (`s<seq>`) and error
//! (`e<seq>`) column for columns that enrichment writes. Filters compile to SQL over those
//! typed columns (see `search`), so a million-row audience is searched by SQLite's planner
//! and indexes, not by scanning JSON.
//!
//! All database work runs on tokio's blocking pool. Writes are serialised through one writer
//! connection; reads use a small pool of reader connections (WAL readers do not block the
//! writer). In memory mode the single connection serves both.

pub(crate) mod audiences;
pub(crate) mod columns;
pub(crate) mod folders;
pub(crate) mod jobs;
pub(crate) mod rows;
pub(crate) mod schema;
pub(crate) mod search;
pub(crate) mod sqlfn;

use std::path::PathBuf;
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::Duration;

use rusqlite::{Connection, OpenFlags};

use crate::error::{ApiError, ApiResult};

/// How many reader connections a file-backed store keeps at most.
const MAX_READERS: usize = 4;

/// Where the store keeps its data.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Location {
    /// A directory holding `gtm-studio.db`.
    Dir(PathBuf),
    /// Nothing on disk.
    Memory,
}

/// The emulator's database.
#[derive(Debug, Clone)]
pub(crate) struct Store {
    inner: Arc<Inner>,
}

#[derive(Debug)]
struct Inner {
    writer: Mutex<Connection>,
    /// Idle reader connections (file mode only).
    readers: Option<Mutex<Vec<Connection>>>,
    path: Option<PathBuf>,
    /// Cached row counts per (audience, data version, filter).
    counts: search::CountCache,
}

/// The user a request acts as (from the token's client).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Actor {
    /// `createdById` / `updatedById`.
    pub(crate) id: u32,
    /// `createdByName` / `updatedByName`.
    pub(crate) name: String,
}

/// Creation and update stamps, as stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Stamps {
    pub(crate) created_at: String,
    pub(crate) created_by: u32,
    pub(crate) created_by_name: String,
    pub(crate) updated_at: String,
    pub(crate) updated_by: u32,
    pub(crate) updated_by_name: String,
}

impl Stamps {
    pub(crate) fn from_row(row: &rusqlite::Row<'_>, offset: usize) -> rusqlite::Result<Self> {
        Ok(Self {
            created_at: row.get(offset)?,
            created_by: row.get(offset + 1)?,
            created_by_name: row.get(offset + 2)?,
            updated_at: row.get(offset + 3)?,
            updated_by: row.get(offset + 4)?,
            updated_by_name: row.get(offset + 5)?,
        })
    }
}

/// The current time as the API prints it (RFC 3339, milliseconds, `Z`).
pub(crate) fn now() -> String {
    chrono::Utc::now()
        .format("%Y-%m-%dT%H:%M:%S%.3fZ")
        .to_string()
}

impl Store {
    /// Opens (creating if needed) the store at `location`.
    pub(crate) fn open(location: &Location) -> Result<Self, rusqlite::Error> {
        match location {
            Location::Memory => {
                let conn = Connection::open_in_memory()?;
                configure(&conn, false)?;
                schema::migrate(&conn)?;
                Ok(Self {
                    inner: Arc::new(Inner {
                        writer: Mutex::new(conn),
                        readers: None,
                        path: None,
                        counts: search::CountCache::default(),
                    }),
                })
            }
            Location::Dir(dir) => {
                std::fs::create_dir_all(dir)
                    .map_err(|_| rusqlite::Error::InvalidPath(dir.clone()))?;
                let path = dir.join("gtm-studio.db");
                let conn = Connection::open(&path)?;
                configure(&conn, true)?;
                schema::migrate(&conn)?;
                Ok(Self {
                    inner: Arc::new(Inner {
                        writer: Mutex::new(conn),
                        readers: Some(Mutex::new(Vec::new())),
                        path: Some(path),
                        counts: search::CountCache::default(),
                    }),
                })
            }
        }
    }

    /// The row-count cache.
    pub(crate) fn counts(&self) -> &search::CountCache {
        &self.inner.counts
    }

    /// Runs `f` inside a write transaction on the blocking pool; commits when it returns `Ok`.
    pub(crate) async fn write<T, F>(&self, f: F) -> ApiResult<T>
    where
        T: Send + 'static,
        F: FnOnce(&Connection) -> ApiResult<T> + Send + 'static,
    {
        let inner = Arc::clone(&self.inner);
        run_blocking(move || {
            let mut conn = lock(&inner.writer);
            let tx = conn.transaction()?;
            let out = f(&tx)?;
            tx.commit()?;
            Ok(out)
        })
        .await
    }

    /// Runs `f` with a read connection on the blocking pool.
    pub(crate) async fn read<T, F>(&self, f: F) -> ApiResult<T>
    where
        T: Send + 'static,
        F: FnOnce(&Connection) -> ApiResult<T> + Send + 'static,
    {
        let inner = Arc::clone(&self.inner);
        run_blocking(move || inner.with_reader(f)).await
    }

    /// Checkpoints the write-ahead log (on clean shutdown).
    pub(crate) fn checkpoint(&self) {
        if self.inner.path.is_some() {
            let conn = lock(&self.inner.writer);
            if let Err(e) = conn.execute_batch("PRAGMA wal_checkpoint(TRUNCATE);") {
                tracing::warn!(error = %e, "WAL checkpoint failed");
            }
        }
    }
}

impl Inner {
    fn with_reader<T>(&self, f: impl FnOnce(&Connection) -> ApiResult<T>) -> ApiResult<T> {
        let (Some(pool), Some(path)) = (&self.readers, &self.path) else {
            let conn = lock(&self.writer);
            return f(&conn);
        };
        // One read transaction per call: every query of a request sees the same snapshot.
        let pooled = lock(pool).pop();
        let conn = match pooled {
            Some(c) => c,
            None => {
                let c = Connection::open_with_flags(
                    path,
                    OpenFlags::SQLITE_OPEN_READ_ONLY
                        | OpenFlags::SQLITE_OPEN_URI
                        | OpenFlags::SQLITE_OPEN_NO_MUTEX,
                )?;
                configure(&c, false)?;
                c
            }
        };
        let out = match conn.unchecked_transaction() {
            Ok(tx) => f(&tx),
            Err(e) => Err(e.into()),
        };
        let mut idle = lock(pool);
        if idle.len() < MAX_READERS {
            idle.push(conn);
        }
        out
    }
}

/// Per-connection settings and functions.
fn configure(conn: &Connection, writer_on_disk: bool) -> rusqlite::Result<()> {
    conn.busy_timeout(Duration::from_secs(30))?;
    if writer_on_disk {
        // WAL keeps readers off the writer's back; FULL fsyncs every commit, so an
        // acknowledged write survives a crash of the process and of the machine.
        conn.pragma_update(None, "journal_mode", "WAL")?;
        conn.pragma_update(None, "synchronous", "FULL")?;
    }
    conn.pragma_update(None, "foreign_keys", "ON")?;
    conn.pragma_update(None, "cache_size", -65536)?; // 64 MiB page cache
    conn.pragma_update(None, "temp_store", "MEMORY")?;
    conn.set_prepared_statement_cache_capacity(256);
    sqlfn::register(conn)?;
    Ok(())
}

fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    // A panic while holding the lock leaves SQLite consistent (the transaction rolls back
    // when dropped), so a poisoned lock is safe to reuse.
    m.lock().unwrap_or_else(std::sync::PoisonError::into_inner)
}

async fn run_blocking<T: Send + 'static>(
    f: impl FnOnce() -> ApiResult<T> + Send + 'static,
) -> ApiResult<T> {
    tokio::task::spawn_blocking(f)
        .await
        .map_err(|e| ApiError::internal(format!("store task failed: {e}")))?
}
