//! Safe writes (安全写出): every file the program writes for the clerk (Annex 1
//! PDF and XLSX, workbooks, the audit trail, backups) is first written to a
//! temporary file in the target folder, flushed to disk, then renamed over the
//! final name. A failure (full disk, read-only folder, a file open in Excel)
//! leaves no half-written file behind and gives a message that says what to do.

use std::io::{self, Write};
use std::path::{Path, PathBuf};

use crate::error::{Error, Result};

/// Writes `bytes` to `path` through a temporary file beside it.
pub fn write_atomically(path: &Path, bytes: &[u8]) -> Result<()> {
    write_with(path, |tmp| {
        let mut f = std::fs::File::create(tmp).map_err(|e| failure(path, &e))?;
        f.write_all(bytes).map_err(|e| failure(path, &e))?;
        f.sync_all().map_err(|e| failure(path, &e))
    })
}

/// Lets `fill` write the temporary file (given its path), then renames it over
/// `path`. The temporary file is removed whatever happens.
pub fn write_with(path: &Path, fill: impl FnOnce(&Path) -> Result<()>) -> Result<()> {
    let tmp = temp_path(path)?;
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        create_folder(dir).map_err(|e| failure(path, &e))?;
    }
    let result = fill(&tmp).and_then(|()| {
        std::fs::rename(&tmp, path).map_err(|e| {
            if path.exists() {
                replace_failure(path, &e)
            } else {
                failure(path, &e)
            }
        })
    });
    if result.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    result
}

/// `create_dir_all`, except that a file standing where a folder of the path
/// should be is reported as [`io::ErrorKind::NotADirectory`] (create_dir_all
/// says AlreadyExists then, which would tell the clerk the wrong thing).
pub fn create_folder(dir: &Path) -> io::Result<()> {
    std::fs::create_dir_all(dir).map_err(|e| {
        if dir.ancestors().any(Path::is_file) {
            io::Error::from(io::ErrorKind::NotADirectory)
        } else {
            e
        }
    })
}

/// `.NAME.PID.tmp` beside `path`: hidden, and never mistaken for the real file.
pub fn temp_path(path: &Path) -> Result<PathBuf> {
    let name = path
        .file_name()
        .ok_or_else(|| Error::invalid("输出文件", format!("“{}”不是文件路径", path.display())))?;
    let mut tmp_name = std::ffi::OsString::from(".");
    tmp_name.push(name);
    tmp_name.push(format!(".{}.tmp", std::process::id()));
    Ok(path.with_file_name(tmp_name))
}

/// The clerk's message for a file that could not be written.
pub fn failure(path: &Path, e: &io::Error) -> Error {
    Error::WriteFailed {
        path: path.display().to_string(),
        reason: reason(e),
    }
}

/// Like [`failure`], for replacing a file that already exists: on Windows a file
/// open in Excel or a PDF reader cannot be replaced.
fn replace_failure(path: &Path, e: &io::Error) -> Error {
    let reason = if is_locked(e) || e.kind() == io::ErrorKind::PermissionDenied {
        "同名文件正被其他程序（如 Excel、WPS 或 PDF 阅读器）打开，或是只读文件；请先关闭它，或换一个文件名"
            .to_string()
    } else {
        reason(e)
    };
    Error::WriteFailed {
        path: path.display().to_string(),
        reason,
    }
}

use crate::error::io_reason::is_locked;
/// The clerk's words for an io failure live beside the error type (the lowest layer).
pub use crate::error::io_reason::reason;

#[cfg(test)]
mod tests {
    use super::*;

    fn leftovers(dir: &Path) -> Vec<String> {
        std::fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .filter(|n| n.ends_with(".tmp"))
            .collect()
    }

    #[test]
    fn writes_and_replaces_in_a_folder_with_chinese_and_spaces() {
        let dir = tempfile::tempdir().unwrap();
        let folder = dir.path().join("自查 材料 2024");
        let path = folder.join("附件1 自查情况统计表.pdf");
        write_atomically(&path, b"first").unwrap();
        write_atomically(&path, b"second").unwrap();
        assert_eq!(std::fs::read(&path).unwrap(), b"second");
        assert!(leftovers(&folder).is_empty());
    }

    #[test]
    fn a_failed_fill_leaves_the_old_file_and_no_temporary() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("台账.xlsx");
        std::fs::write(&path, b"old").unwrap();
        let err = write_with(&path, |tmp| {
            std::fs::write(tmp, b"half").unwrap();
            Err(failure(tmp, &io::Error::from(io::ErrorKind::StorageFull)))
        })
        .unwrap_err();
        assert!(err.to_string().contains("磁盘空间不足"), "{err}");
        assert_eq!(std::fs::read(&path).unwrap(), b"old");
        assert!(leftovers(dir.path()).is_empty());
    }

    #[test]
    fn reasons_name_what_to_do() {
        use io::ErrorKind as K;
        for (kind, words) in [
            (K::StorageFull, "磁盘空间不足"),
            (K::ReadOnlyFilesystem, "只读"),
            (K::PermissionDenied, "没有写入权限"),
            (K::NotFound, "文件夹不存在"),
            (K::NotADirectory, "不是文件夹"),
            (K::IsADirectory, "这是一个文件夹"),
            (K::InvalidFilename, "文件名或路径无效"),
            (K::AlreadyExists, "已存在"),
            (K::TimedOut, "没有响应"),
            (K::Other, "读写失败"),
        ] {
            assert!(reason(&io::Error::from(kind)).contains(words), "{kind:?}");
        }
        // An error the list does not know still comes out in Chinese.
        let odd = reason(&io::Error::from_raw_os_error(9999));
        assert!(odd.contains("系统错误代码 9999"), "{odd}");
        #[cfg(unix)]
        for errno in [2, 13, 17, 20, 21, 28, 30, 36, 39] {
            let text = reason(&io::Error::from_raw_os_error(errno));
            assert!(
                !text.is_ascii() && !text.contains("os error"),
                "{errno}: {text}"
            );
        }
    }

    /// "Not a directory (os error 20)" came out in English: a folder part of
    /// the path that is a file is now named in Chinese.
    #[test]
    fn a_file_in_place_of_a_folder_is_said_in_chinese() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("台账.xlsx");
        std::fs::write(&file, b"x").unwrap();
        let path = file.join("子文件夹").join("附件1.pdf");
        let err = write_atomically(&path, b"x").unwrap_err().to_string();
        assert!(
            err.contains("附件1.pdf") && err.contains("不是文件夹"),
            "{err}"
        );
        assert!(
            !err.contains("os error") && !err.contains("Not a directory"),
            "{err}"
        );
        let err = Error::Io {
            path: path.display().to_string(),
            source: std::fs::create_dir_all(file.join("x")).unwrap_err(),
        }
        .to_string();
        assert!(
            err.contains("不是文件夹") && !err.contains("os error"),
            "{err}"
        );
    }

    #[test]
    fn a_path_that_is_a_folder_is_refused_with_its_name() {
        let dir = tempfile::tempdir().unwrap();
        let err = write_atomically(dir.path(), b"x").unwrap_err().to_string();
        assert!(err.contains(&dir.path().display().to_string()), "{err}");
        assert!(!err.contains("os error"), "{err}");
        #[cfg(unix)]
        assert!(err.contains("这是一个文件夹"), "{err}");
    }

    /// Excel keeps a workbook it has open locked against writing and deleting;
    /// replacing it must fail with a message that says so, and leave it whole.
    #[cfg(windows)]
    #[test]
    fn a_file_open_in_excel_is_named_and_left_alone() {
        use std::os::windows::fs::OpenOptionsExt;
        const FILE_SHARE_READ: u32 = 1;
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("附件1 统计表.xlsx");
        std::fs::write(&path, b"old").unwrap();
        let held = std::fs::OpenOptions::new()
            .read(true)
            .share_mode(FILE_SHARE_READ)
            .open(&path)
            .unwrap();
        let err = write_atomically(&path, b"new").unwrap_err();
        assert!(err.to_string().contains("正被其他程序"), "{err}");
        drop(held);
        assert_eq!(std::fs::read(&path).unwrap(), b"old");
        assert!(leftovers(dir.path()).is_empty());
    }
}
