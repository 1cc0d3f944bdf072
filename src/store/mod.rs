//! The SQLite store: one file holds the agency's roster. Schema by numbered
//! migrations, foreign keys on, WAL, and every multi-row change in one transaction.

pub mod annex2;
pub mod attachments;
pub mod audit;
pub mod audit_chain;
pub mod backup;
pub mod blobs;
pub mod campaigns;
pub mod chsi;
mod codec;
pub mod decisions;
mod evidence_blocks;
pub mod imported;
pub mod integrity;
mod lock;
mod normalise;
mod open;
mod ops;
pub mod persons;
mod restore;
pub mod settings;
pub mod sources;
pub mod submissions;
pub mod workspace;

use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use rusqlite::{Connection, OpenFlags, Transaction};
use rusqlite_migration::{HookError, M, Migrations};

use crate::domain::Roster;
use crate::error::{Error, Result};

pub use audit::{AuditEntry, actor};
pub use audit_chain::{ChainBreak, ChainReport};
pub use backup::{BackupFile, BackupSummary};
pub use lock::InstanceLock;
pub use open::{OpenedStore, db_path, open_store};
pub use persons::{list_label, record_label};
pub use restore::{RestoreOutcome, recover_damaged, restore_file};
pub use workspace::Workspace;

/// Marks a SQLite file as a zicha database ("zich").
pub const APPLICATION_ID: i64 = 0x7A69_6368;

/// The migrations; notes for the clerk that one produces go into `notes`.
fn migrations(notes: &Arc<Mutex<Vec<String>>>) -> Migrations<'static> {
    let notes = Arc::clone(notes);
    Migrations::new(vec![
        M::up(include_str!("sql/001_initial.sql")),
        M::up_with_hook(
            include_str!("sql/002_audit_chain.sql"),
            |tx: &Transaction| {
                audit_chain::seal_unchained(tx)?;
                Ok(())
            },
        ),
        M::up_with_hook(
            include_str!("sql/003_normalise_names.sql"),
            move |tx: &Transaction| {
                let found =
                    normalise::normalise_persons(tx).map_err(|e| HookError::Hook(e.to_string()))?;
                notes
                    .lock()
                    .unwrap_or_else(std::sync::PoisonError::into_inner)
                    .extend(found);
                Ok(())
            },
        ),
        M::up(include_str!("sql/004_sources.sql")),
        M::up(include_str!("sql/005_annex2.sql")),
        M::up(include_str!("sql/006_attachments.sql")),
        M::up(include_str!("sql/007_submissions.sql")),
        M::up(include_str!("sql/008_chsi_records.sql")),
        M::up(include_str!("sql/009_citations.sql")),
        M::up(include_str!("sql/010_evidence_blocks.sql")),
    ])
}

/// The newest schema version this build knows.
pub fn schema_version() -> i64 {
    10
}

/// An open roster database.
pub struct Store {
    conn: Connection,
    path: Option<PathBuf>,
    /// What opening found for the clerk to know (see [`Store::open_notes`]).
    notes: Vec<String>,
}

impl Store {
    /// Opens (creating when missing) the database at `path`, upgrading its schema.
    /// A file that is not a zicha database, or one written by a newer version, is
    /// refused and left untouched.
    pub fn open(path: &Path) -> Result<Store> {
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            crate::safe_write::create_folder(dir).map_err(|source| Error::Io {
                path: dir.display().to_string(),
                source,
            })?;
        }
        let label = path.display().to_string();
        if integrity::missing_roster(path) {
            return Err(integrity::damaged(
                path,
                &["数据库文件不见了或是空的，但旁边有它的备份".to_string()],
            ));
        }
        // Checked on a read-only connection first: a damaged or foreign file is
        // refused before anything could write to it (closing a read-write
        // connection folds its -wal into the file).
        let prechecked = integrity::precheck(path, &label)?;
        let conn = Connection::open_with_flags(
            path,
            OpenFlags::SQLITE_OPEN_READ_WRITE
                | OpenFlags::SQLITE_OPEN_CREATE
                | OpenFlags::SQLITE_OPEN_URI,
        )?;
        let store = Store::prepare(conn, &label, Some(path), !prechecked)?;
        let mut store = Store {
            path: Some(path.to_path_buf()),
            ..store
        };
        // 附件: sizes and times here (a file whose time is not zicha's is
        // hashed), so the open stays cheap; the day's first start hashes the
        // day's share (open.rs).
        let attachment_notes = store.check_attachments(false)?;
        store.notes.extend(attachment_notes);
        Ok(store)
    }

    /// A fresh database in memory (tests, previews).
    pub fn open_in_memory() -> Result<Store> {
        Store::prepare(Connection::open_in_memory()?, ":memory:", None, true)
    }

    fn prepare(
        mut conn: Connection,
        label: &str,
        path: Option<&Path>,
        deep: bool,
    ) -> Result<Store> {
        let integrity::Header { app_id, version } = integrity::check(&conn, label, path, deep)?;
        conn.busy_timeout(std::time::Duration::from_secs(5))?;
        conn.pragma_update(None, "foreign_keys", true)?;
        if label != ":memory:" {
            conn.pragma_update(None, "journal_mode", "WAL")?;
            conn.pragma_update(None, "synchronous", "NORMAL")?;
        }
        if let Some(path) = path
            && version > 0
            && version < schema_version()
        {
            // 升级前备份: the file as the older version left it.
            backup::backup_connection_beside(&conn, path)?;
        }
        let notes = Arc::new(Mutex::new(Vec::new()));
        migrations(&notes)
            .to_latest(&mut conn)
            .map_err(|e| Error::Migration(e.to_string()))?;
        if app_id != APPLICATION_ID {
            conn.pragma_update(None, "application_id", APPLICATION_ID)?;
        }
        let notes = std::mem::take(
            &mut *notes
                .lock()
                .unwrap_or_else(std::sync::PoisonError::into_inner),
        );
        Ok(Store {
            conn,
            path: None,
            notes,
        })
    }

    /// Checks the 修改记录 hash chain from the first entry to the last. A trail
    /// SQLite cannot read is reported as broken, not as an error.
    pub fn verify_audit(&self) -> Result<ChainReport> {
        Ok(
            audit_chain::verify(&self.conn).unwrap_or_else(|e| ChainReport {
                entries: 0,
                problem: Some(ChainBreak::Unreadable(e.to_string())),
            }),
        )
    }

    /// [`Store::verify_audit`], and every submission's kept record and files
    /// against their 修改记录 entries (`submissions::check_all`): the check the
    /// clerk asks for (`zicha audit verify`, the app's 校验 button). It reads
    /// every kept file, so it is not the check made at every start.
    pub fn verify_audit_full(&self) -> Result<(ChainReport, Vec<String>)> {
        Ok((self.verify_audit()?, submissions::check_all(&self.conn)?))
    }

    /// Sentences for the clerk (Chinese) that opening the file produced, e.g. two
    /// persons found sharing one 身份证号 when an older file was upgraded. Empty
    /// normally; the CLI prints them once to stderr, the app shows them.
    pub fn open_notes(&self) -> &[String] {
        &self.notes
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
    /// The write lock is taken at the start (BEGIN IMMEDIATE): a second
    /// connection (the app's background import) waits for it instead of failing
    /// midway, and the audit chain's tail read inside is the one it appends to.
    pub fn write<T>(&mut self, f: impl FnOnce(&Transaction) -> Result<T>) -> Result<T> {
        let tx = self
            .conn
            .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
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
#[cfg(test)]
mod tests_attachments;
#[cfg(test)]
mod tests_safety;
