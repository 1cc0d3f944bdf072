//! One program instance per database (单实例): the first to open a roster
//! holds an OS lock on `NAME.lock` beside it until it exits (the OS releases
//! it even when the program is killed); a second instance is refused with a
//! message, and the first keeps working.

use std::fs::{File, TryLockError};
use std::path::{Path, PathBuf};

use crate::error::{Error, Result};

/// Held while the program works on a database.
#[derive(Debug)]
pub struct InstanceLock {
    _file: File,
    path: PathBuf,
}

impl InstanceLock {
    /// Takes the lock of the database at `db`, or says who holds it.
    pub fn acquire(db: &Path) -> Result<InstanceLock> {
        let mut name = db.file_name().unwrap_or_default().to_os_string();
        name.push(".lock");
        let path = db.with_file_name(name);
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            crate::safe_write::create_folder(dir).map_err(|source| Error::Io {
                path: dir.display().to_string(),
                source,
            })?;
        }
        let file = File::options()
            .read(true)
            .write(true)
            .create(true)
            .truncate(false)
            .open(&path)
            .map_err(|source| Error::Io {
                path: path.display().to_string(),
                source,
            })?;
        match file.try_lock() {
            Ok(()) => Ok(InstanceLock { _file: file, path }),
            Err(TryLockError::WouldBlock) => Err(Error::InUse(db.display().to_string())),
            Err(TryLockError::Error(source)) => Err(Error::Io {
                path: path.display().to_string(),
                source,
            }),
        }
    }

    /// The lock file.
    pub fn path(&self) -> &Path {
        &self.path
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_second_lock_on_the_same_database_is_refused_until_the_first_ends() {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("台账 2024.db");
        let first = InstanceLock::acquire(&db).unwrap();
        let err = InstanceLock::acquire(&db).unwrap_err();
        assert!(matches!(err, Error::InUse(_)), "{err:?}");
        assert!(err.to_string().contains("台账 2024.db"), "{err}");
        // Another database is not affected.
        let _other = InstanceLock::acquire(&dir.path().join("其他.db")).unwrap();
        drop(first);
        InstanceLock::acquire(&db).unwrap();
    }
}
