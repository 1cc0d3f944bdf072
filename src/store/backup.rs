//! Copies of the database (备份) made with SQLite's online backup API, so a
//! copy taken while the database is open is consistent.

use std::path::{Path, PathBuf};
use std::time::Duration;

use rusqlite::Connection;
use rusqlite::backup::Backup;

use super::Store;
use crate::error::{Error, Result};

/// The folder beside the database that holds its backups.
pub const BACKUP_DIR: &str = "backups";

fn io_error(path: &Path, source: std::io::Error) -> Error {
    Error::Io {
        path: path.display().to_string(),
        source,
    }
}

impl Store {
    /// Writes a complete copy of the database to `dest`, which must not exist.
    /// A copy that fails midway is removed.
    pub fn backup_to(&self, dest: &Path) -> Result<()> {
        if dest.exists() {
            return Err(Error::Other(format!(
                "备份文件 {} 已存在，为免覆盖已停止备份",
                dest.display()
            )));
        }
        if let Some(dir) = dest.parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir).map_err(|e| io_error(dir, e))?;
        }
        let copy = || -> rusqlite::Result<()> {
            let mut target = Connection::open(dest)?;
            let backup = Backup::new(&self.conn, &mut target)?;
            backup.run_to_completion(256, Duration::from_millis(10), None)
        };
        copy().map_err(|e| {
            let _ = std::fs::remove_file(dest);
            Error::Other(format!("备份数据库到 {} 失败：{e}", dest.display()))
        })
    }

    /// Backs the database up into `backups/` beside it, named after the file
    /// and the time (zicha-20240710-153000.db). `None` for a database in memory.
    pub fn backup_beside(&self) -> Result<Option<PathBuf>> {
        let Some(path) = self.path() else {
            return Ok(None);
        };
        let dir = path
            .parent()
            .unwrap_or_else(|| Path::new("."))
            .join(BACKUP_DIR);
        let stem = path
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_else(|| "zicha".into());
        let stamp = chrono::Local::now().format("%Y%m%d-%H%M%S");
        let mut dest = dir.join(format!("{stem}-{stamp}.db"));
        let mut n = 2;
        while dest.exists() {
            dest = dir.join(format!("{stem}-{stamp}-{n}.db"));
            n += 1;
        }
        self.backup_to(&dest)?;
        Ok(Some(dest))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::Person;

    #[test]
    fn backup_is_a_complete_openable_copy() {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("zicha.db");
        let mut store = Store::open(&db).unwrap();
        store.add_person(&Person::new("张三")).unwrap();
        let dest = store.backup_beside().unwrap().unwrap();
        assert!(dest.starts_with(dir.path().join(BACKUP_DIR)));
        let copy = Store::open(&dest).unwrap();
        assert_eq!(copy.load_roster().unwrap(), store.load_roster().unwrap());
        // A second backup in the same second gets its own name.
        let again = store.backup_beside().unwrap().unwrap();
        assert_ne!(again, dest);
        assert!(store.backup_to(&dest).is_err(), "refuses to overwrite");
        assert!(
            Store::open_in_memory()
                .unwrap()
                .backup_beside()
                .unwrap()
                .is_none()
        );
    }
}
