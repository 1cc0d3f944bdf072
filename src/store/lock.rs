//! One program instance per database (单实例): the first to open a roster
//! holds an OS lock on `NAME.lock` beside it until it exits (the OS releases
//! it even when the program is killed); a second instance is refused with a
//! message, and the first keeps working.
//!
//! On Windows the lock file is opened with `FILE_FLAG_DELETE_ON_CLOSE` by
//! every instance, so it disappears with the last handle (no 0-byte
//! `NAME.lock` left beside the roster). Once any of those handles has closed
//! (a refused second instance) the file is "delete pending" until the holder
//! exits: Windows then refuses to open it at all, which is read as "in use"
//! too. Elsewhere the file stays, empty, and is reused (removing it at exit
//! would race an instance that has just opened it).

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
        let file = match open_lock_file(&path) {
            Ok(file) => file,
            Err(source) if held_elsewhere(&path, &source) => {
                return Err(Error::InUse(db.display().to_string()));
            }
            Err(source) => {
                return Err(Error::Io {
                    path: path.display().to_string(),
                    source,
                });
            }
        };
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

fn open_lock_file(path: &Path) -> std::io::Result<File> {
    let mut options = File::options();
    options.read(true).write(true).create(true).truncate(false);
    #[cfg(windows)]
    {
        windows::delete_on_close(&mut options);
        windows::open_retrying(&options, path)
    }
    #[cfg(not(windows))]
    {
        options.open(path)
    }
}

/// Whether opening the lock file failed because another instance holds it
/// (Windows: the file is delete pending). Never elsewhere: the open there
/// does not depend on other instances.
fn held_elsewhere(path: &Path, error: &std::io::Error) -> bool {
    #[cfg(windows)]
    {
        windows::delete_pending(path, error)
    }
    #[cfg(not(windows))]
    {
        let _ = (path, error);
        false
    }
}

#[cfg(windows)]
mod windows {
    use std::fs::{File, OpenOptions};
    use std::os::windows::fs::OpenOptionsExt;
    use std::path::Path;
    use std::time::Duration;

    use windows_sys::Win32::Foundation::{ERROR_ACCESS_DENIED, GENERIC_READ, GENERIC_WRITE};
    use windows_sys::Win32::Storage::FileSystem::{
        DELETE, FILE_FLAG_DELETE_ON_CLOSE, FILE_SHARE_DELETE, FILE_SHARE_READ, FILE_SHARE_WRITE,
    };

    const SHARE_ALL: u32 = FILE_SHARE_READ | FILE_SHARE_WRITE | FILE_SHARE_DELETE;

    /// Every instance opens the file so: it is removed when its last handle
    /// closes, and each instance can open it while another holds it.
    pub fn delete_on_close(options: &mut OpenOptions) {
        options
            .access_mode(GENERIC_READ | GENERIC_WRITE | DELETE)
            .share_mode(SHARE_ALL)
            .custom_flags(FILE_FLAG_DELETE_ON_CLOSE);
    }

    /// Opens, retrying for up to a second while the file is delete pending:
    /// an instance that is just exiting takes the file with it, and then the
    /// open creates a new one.
    pub fn open_retrying(options: &OpenOptions, path: &Path) -> std::io::Result<File> {
        let mut tries = 0;
        loop {
            match options.open(path) {
                Err(e) if tries < 10 && delete_pending(path, &e) => {
                    tries += 1;
                    std::thread::sleep(Duration::from_millis(100));
                }
                other => return other,
            }
        }
    }

    /// Access denied, and the file cannot be opened even without asking for
    /// any access: it is delete pending (a file the clerk may not write can
    /// still be opened so).
    pub fn delete_pending(path: &Path, error: &std::io::Error) -> bool {
        let denied = |e: &std::io::Error| e.raw_os_error() == Some(ERROR_ACCESS_DENIED as i32);
        denied(error)
            && OpenOptions::new()
                .access_mode(0)
                .share_mode(SHARE_ALL)
                .open(path)
                .is_err_and(|e| denied(&e))
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
