//! Every failing exit says why, even when nobody reads standard error.
//!
//! The error always goes to stderr first. The Windows exe is a GUI-subsystem
//! program: started from Explorer, a shortcut, the task scheduler or another
//! program (a file dropped on zicha.exe) it has no console and no standard
//! handles, and Rust's std then drops what is written to stderr without a
//! word, so the process would end with code 1 or 2 and print nothing. When
//! stderr reaches nobody (no handle, a stale one, the null device) the message is also appended to `错误记录.txt` in the
//! database's folder and, on Windows, shown in a message box (the desktop
//! app's own errors already had theirs). See docs/DECISIONS.md, "Windows
//! polish (issue 16)".

use std::io::Write;
use std::path::{Path, PathBuf};

/// The file the errors go to when stderr reaches nobody.
pub const LOG_NAME: &str = "错误记录.txt";

/// After `message` was printed to stderr for a failing exit: if stderr goes
/// nowhere, leaves it where the clerk can see it. `db` is the `--db` given
/// (the default database's folder otherwise); `shown` says the message was
/// already shown in a window.
pub fn leave_where_seen(message: &str, db: Option<&Path>, shown: bool) {
    if stderr_reaches_someone() {
        return;
    }
    let log = log_path(db);
    let written = append(&log, message).is_ok();
    if !shown {
        let where_ = if written {
            format!("\n\n（此信息已记入 {}）", log.display())
        } else {
            String::new()
        };
        message_box(&format!("{}{where_}", message.trim_end()));
    }
}

/// Where the log goes: beside the database (the default one when none was
/// given), else the temporary folder.
fn log_path(db: Option<&Path>) -> PathBuf {
    let folder = zicha::store::db_path(db)
        .ok()
        .and_then(|p| p.parent().map(Path::to_path_buf))
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or_else(std::env::temp_dir);
    folder.join(LOG_NAME)
}

/// Appends one entry: the time, the command line and the message. An
/// append-only log, not a document: written in place, not through
/// safe_write's temporary file.
fn append(log: &Path, message: &str) -> std::io::Result<()> {
    if let Some(dir) = log.parent() {
        std::fs::create_dir_all(dir)?;
    }
    let command: Vec<String> = std::env::args_os()
        .map(|a| a.to_string_lossy().into_owned())
        .collect();
    let entry = format!(
        "{} {}\r\n{}\r\n\r\n",
        chrono::Local::now().format("%Y-%m-%d %H:%M:%S"),
        command.join(" "),
        message.trim_end().replace('\n', "\r\n")
    );
    let mut file = std::fs::OpenOptions::new()
        .create(true)
        .append(true)
        .open(log)?;
    file.write_all(entry.as_bytes())?;
    file.flush()
}

/// Whether standard error reaches anyone: not when it is closed or was never
/// given. Rust's std opens a closed stderr on /dev/null before `main`, so
/// here the null device counts as nobody too (a run whose errors were thrown
/// away keeps them in the log).
#[cfg(unix)]
fn stderr_reaches_someone() -> bool {
    use std::os::fd::AsFd;
    use std::os::unix::fs::{FileTypeExt, MetadataExt};
    let Ok(fd) = std::io::stderr().as_fd().try_clone_to_owned() else {
        return false;
    };
    let Ok(meta) = std::fs::File::from(fd).metadata() else {
        return false;
    };
    let null = std::fs::metadata("/dev/null");
    !(meta.file_type().is_char_device() && null.is_ok_and(|n| n.rdev() == meta.rdev()))
}

#[cfg(windows)]
fn stderr_reaches_someone() -> bool {
    use windows_sys::Win32::Foundation::{
        GetLastError, INVALID_HANDLE_VALUE, NO_ERROR, SetLastError,
    };
    use windows_sys::Win32::Storage::FileSystem::{FILE_TYPE_UNKNOWN, GetFileType};
    use windows_sys::Win32::System::Console::{GetStdHandle, STD_ERROR_HANDLE};
    // SAFETY: reads this process's standard-handle table; GetFileType only
    // queries the handle (a stale one yields FILE_TYPE_UNKNOWN and an error).
    unsafe {
        let handle = GetStdHandle(STD_ERROR_HANDLE);
        if handle.is_null() || handle == INVALID_HANDLE_VALUE {
            return false;
        }
        SetLastError(NO_ERROR);
        GetFileType(handle) != FILE_TYPE_UNKNOWN || GetLastError() == NO_ERROR
    }
}

#[cfg(not(any(unix, windows)))]
fn stderr_reaches_someone() -> bool {
    true
}

#[cfg(windows)]
fn message_box(text: &str) {
    use windows_sys::Win32::UI::WindowsAndMessaging::{
        MB_ICONERROR, MB_OK, MB_SETFOREGROUND, MessageBoxW,
    };
    let wide = |s: &str| -> Vec<u16> { s.encode_utf16().chain([0]).collect() };
    let (text, caption) = (wide(text), wide("特种设备检验检测人员自查台账"));
    // SAFETY: NUL-terminated UTF-16 strings that outlive the call; no owner window.
    unsafe {
        MessageBoxW(
            std::ptr::null_mut(),
            text.as_ptr(),
            caption.as_ptr(),
            MB_OK | MB_ICONERROR | MB_SETFOREGROUND,
        );
    }
}

/// Elsewhere a command without stderr was started by a script or a service:
/// the log file is the place.
#[cfg(not(windows))]
fn message_box(_text: &str) {}
