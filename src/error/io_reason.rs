//! Why reading or writing a file failed, in the clerk's words: the one place an
//! io error becomes a message, at the lowest layer so [`super::Error::Io`] can use it.

use std::io;

/// Windows' sharing and lock violations (ERROR_SHARING_VIOLATION, ERROR_LOCK_VIOLATION).
pub(crate) fn is_locked(e: &io::Error) -> bool {
    cfg!(windows) && matches!(e.raw_os_error(), Some(32 | 33))
}

fn is_disk_full(e: &io::Error) -> bool {
    e.kind() == io::ErrorKind::StorageFull
        || (cfg!(windows) && matches!(e.raw_os_error(), Some(39 | 112)))
}

/// Windows: ERROR_INVALID_NAME (123), ERROR_FILENAME_EXCED_RANGE (206).
fn is_bad_name(e: &io::Error) -> bool {
    e.kind() == io::ErrorKind::InvalidFilename
        || (cfg!(windows) && matches!(e.raw_os_error(), Some(123 | 206)))
}

/// Why reading or writing a file failed, in words the clerk can act on: the one
/// place an [`io::Error`] becomes a message (also for [`super::Error::Io`]). Never the
/// operating system's English ("Not a directory (os error 20)").
pub fn reason(e: &io::Error) -> String {
    use io::ErrorKind as K;
    if is_disk_full(e) {
        return "磁盘空间不足，请清理磁盘或换一个位置保存".into();
    }
    if is_locked(e) {
        return "文件正被其他程序（如 Excel、WPS 或 PDF 阅读器）打开，请先关闭它再保存".into();
    }
    if is_bad_name(e) {
        return "文件名或路径无效：太长，或含有 \\ / : * ? \" < > | 等不能用于文件名的字符，请换一个短些的名字".into();
    }
    // ERROR_DIRECTORY (267): Windows' "not a directory".
    if e.kind() == K::NotADirectory || (cfg!(windows) && e.raw_os_error() == Some(267)) {
        return "路径中的某一级不是文件夹，而是一个同名的文件，请检查路径或换一个位置".into();
    }
    match e.kind() {
        K::ReadOnlyFilesystem => "所在磁盘是只读的，请换一个位置保存".into(),
        K::PermissionDenied => "没有写入权限（文件夹只读或受保护），请换一个位置保存".into(),
        K::NotFound => "文件或文件夹不存在（或无法创建），请检查路径，或换一个位置".into(),
        K::QuotaExceeded => "磁盘配额已用完，请清理磁盘或换一个位置保存".into(),
        K::IsADirectory => "这是一个文件夹，不是文件，请在路径末尾写上文件名".into(),
        K::AlreadyExists => "同名的文件或文件夹已存在，请换一个名字".into(),
        K::DirectoryNotEmpty => "文件夹不是空的".into(),
        K::CrossesDevices => "不能跨磁盘移动该文件，请换一个位置".into(),
        K::ResourceBusy | K::ExecutableFileBusy => "文件正被其他程序使用，请先关闭它再试".into(),
        K::FileTooLarge => "文件太大，超出了磁盘或系统允许的大小".into(),
        K::TooManyLinks => "文件夹层级或链接过多，请换一个位置".into(),
        K::StaleNetworkFileHandle
        | K::TimedOut
        | K::NotConnected
        | K::ConnectionReset
        | K::ConnectionAborted
        | K::NetworkUnreachable
        | K::HostUnreachable
        | K::NetworkDown => "网络磁盘或外接磁盘没有响应，请检查连接后重试".into(),
        K::UnexpectedEof => "文件不完整（未读到应有的结尾）".into(),
        K::InvalidData => "文件内容无法识别".into(),
        K::OutOfMemory => "内存不足，请关闭其他程序后重试".into(),
        K::Interrupted | K::WouldBlock => "读写被打断，请重试".into(),
        _ => match e.raw_os_error() {
            Some(code) => format!("读写失败（系统错误代码 {code}），请检查路径、磁盘和权限后重试"),
            None => "读写失败，请检查路径、磁盘和权限后重试".into(),
        },
    }
}
