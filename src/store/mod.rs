//! The SQLite store: one file holds the agency's roster. Schema by numbered
//! migrations, foreign keys on, WAL, and every multi-row change in one transaction.

pub mod audit;
mod backup;
mod codec;
pub mod decisions;
mod ops;
pub mod persons;
pub mod settings;

use std::path::{Path, PathBuf};

use rusqlite::{Connection, OpenFlags, Transaction};
use rusqlite_migration::{M, Migrations};

use crate::domain::Roster;
use crate::error::{Error, Result};

pub use audit::{AuditEntry, actor};
pub use persons::record_label;

/// Marks a SQLite file as a zicha database ("zich").
pub const APPLICATION_ID: i64 = 0x7A69_6368;

fn migrations() -> Migrations<'static> {
    Migrations::new(vec![M::up(include_str!("sql/001_initial.sql"))])
}

/// The newest schema version this build knows.
pub fn schema_version() -> i64 {
    1
}

/// An open roster database.
pub struct Store {
    conn: Connection,
    path: Option<PathBuf>,
}

impl Store {
    /// The default database file: `%APPDATA%\zicha\zicha.db` on Windows, the
    /// XDG data directory elsewhere.
    pub fn default_path() -> Result<PathBuf> {
        // BaseDirs' data dir is %APPDATA% (Roaming) on Windows, ~/.local/share on Linux.
        let dirs = directories::BaseDirs::new().ok_or(Error::NoDataDir)?;
        Ok(dirs.data_dir().join("zicha").join("zicha.db"))
    }

    /// Opens (creating when missing) the database at `path`, upgrading its schema.
    /// A file that is not a zicha database, or one written by a newer version, is
    /// refused and left untouched.
    pub fn open(path: &Path) -> Result<Store> {
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir).map_err(|source| Error::Io {
                path: dir.display().to_string(),
                source,
            })?;
        }
        let label = path.display().to_string();
        let conn = Connection::open_with_flags(
            path,
            OpenFlags::SQLITE_OPEN_READ_WRITE
                | OpenFlags::SQLITE_OPEN_CREATE
                | OpenFlags::SQLITE_OPEN_URI,
        )?;
        let store = Store::prepare(conn, &label)?;
        Ok(Store {
            path: Some(path.to_path_buf()),
            ..store
        })
    }

    /// A fresh database in memory (tests, previews).
    pub fn open_in_memory() -> Result<Store> {
        Store::prepare(Connection::open_in_memory()?, ":memory:")
    }

    fn prepare(mut conn: Connection, label: &str) -> Result<Store> {
        let not_ours = || Error::NotZichaDatabase(label.to_string());
        // Reading the header fails on a file that is not SQLite at all.
        let app_id: i64 = conn
            .query_row("PRAGMA application_id", [], |r| r.get(0))
            .map_err(|e| match e {
                rusqlite::Error::SqliteFailure(f, _)
                    if f.code == rusqlite::ErrorCode::NotADatabase =>
                {
                    not_ours()
                }
                other => Error::Database(other),
            })?;
        let version: i64 = conn.query_row("PRAGMA user_version", [], |r| r.get(0))?;
        let objects: i64 =
            conn.query_row("SELECT count(*) FROM sqlite_master", [], |r| r.get(0))?;
        if app_id != APPLICATION_ID && !(app_id == 0 && version == 0 && objects == 0) {
            return Err(not_ours());
        }
        if version > schema_version() {
            return Err(Error::NewerSchema {
                path: label.to_string(),
                found: version,
                supported: schema_version(),
            });
        }
        conn.busy_timeout(std::time::Duration::from_secs(5))?;
        conn.pragma_update(None, "foreign_keys", true)?;
        if label != ":memory:" {
            conn.pragma_update(None, "journal_mode", "WAL")?;
            conn.pragma_update(None, "synchronous", "NORMAL")?;
        }
        migrations()
            .to_latest(&mut conn)
            .map_err(|e| Error::Migration(e.to_string()))?;
        conn.pragma_update(None, "application_id", APPLICATION_ID)?;
        Ok(Store { conn, path: None })
    }

    /// The file behind the store (`None` in memory).
    pub fn path(&self) -> Option<&Path> {
        self.path.as_deref()
    }

    /// Read access for the core's own modules (import, export, reports).
    pub fn conn(&self) -> &Connection {
        &self.conn
    }

    /// Runs `f` in one transaction: it applies whole or not at all.
    pub fn write<T>(&mut self, f: impl FnOnce(&Transaction) -> Result<T>) -> Result<T> {
        let tx = self.conn.transaction()?;
        let value = f(&tx)?;
        tx.commit()?;
        Ok(value)
    }

    /// Loads the whole roster in form order.
    pub fn load_roster(&self) -> Result<Roster> {
        Ok(Roster {
            settings: settings::load(&self.conn)?,
            staffing: settings::load_staffing(&self.conn)?,
            persons: persons::load_all(&self.conn)?,
        })
    }
}

#[cfg(test)]
mod tests;
