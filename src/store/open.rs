//! Opening the roster database for the program's own work, shared by both
//! shells (the desktop app and the command line): the default file, the
//! single-instance lock, the checks at open and the day's first backup.

use std::path::{Path, PathBuf};

use super::{InstanceLock, Store};
use crate::error::{Error, Result};

/// A database opened by [`Store::open_for_work`].
pub struct OpenedStore {
    pub store: Store,
    /// Held until the program ends.
    pub lock: InstanceLock,
    /// The day's first backup, when this start made one.
    pub daily_backup: Result<Option<PathBuf>>,
}

/// The database file to work on: `db` when given (`--db`), else the default.
pub fn db_path(db: Option<&Path>) -> Result<PathBuf> {
    match db {
        Some(path) => Ok(path.to_path_buf()),
        None => Store::default_path(),
    }
}

/// Opens the database at `db` (the default when `None`) for work: see
/// [`Store::open_for_work`].
pub fn open_store(db: Option<&Path>, daily_backup: bool) -> Result<OpenedStore> {
    Store::open_for_work(&db_path(db)?, daily_backup)
}

impl Store {
    /// The default database file: `%APPDATA%\zicha\zicha.db` on Windows, the
    /// XDG data directory elsewhere.
    pub fn default_path() -> Result<PathBuf> {
        // BaseDirs' data dir is %APPDATA% (Roaming) on Windows, ~/.local/share on Linux.
        let dirs = directories::BaseDirs::new().ok_or(Error::NoDataDir)?;
        Ok(dirs.data_dir().join("zicha").join("zicha.db"))
    }

    /// Opens the database for the program's own work (the app, a CLI command):
    /// takes the single-instance lock first, then opens and checks the file
    /// (at the day's first start, with the day's share of attachment hashes),
    /// then makes the day's first backup, unless `daily_backup` is false (a
    /// command that backs up anyway). A failed daily backup does not stop the work; it is
    /// returned for the caller to show.
    pub fn open_for_work(path: &Path, daily_backup: bool) -> Result<OpenedStore> {
        let lock = InstanceLock::acquire(path)?;
        let mut store = Store::open(path)?;
        if store.daily_backup_due() {
            // The day's first start: the hashes of the attachments due since
            // the last start, before any backup of the day (the daily one, or
            // the one a command that backs up anyway makes): the next start
            // counts a day with a backup as hashed (docs/DECISIONS.md, issue 15).
            store.recheck_attachments_due(chrono::Local::now().date_naive())?;
        }
        let daily_backup = if daily_backup {
            store.daily_backup()
        } else {
            Ok(None)
        };
        Ok(OpenedStore {
            store,
            lock,
            daily_backup,
        })
    }
}
