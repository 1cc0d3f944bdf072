//! The core's error type. Every message is Chinese and names what was wrong,
//! because it is shown to the clerk as it is.

mod cell;
pub mod io_reason;

use std::path::PathBuf;

use thiserror::Error;

pub use cell::CellError;

pub type Result<T, E = Error> = std::result::Result<T, E>;

#[derive(Debug, Error)]
pub enum Error {
    /// A value the clerk gave does not parse or is out of range.
    #[error("{field}：{message}")]
    InvalidValue { field: String, message: String },

    /// No person matches the given 身份证号 or 姓名.
    #[error("找不到人员“{0}”：请填写台账中已有的身份证号或姓名")]
    PersonNotFound(String),

    /// A 姓名 matches more than one person.
    #[error("姓名“{0}”对应多名人员，请改用身份证号指明")]
    PersonAmbiguous(String),

    /// Two persons would share one 身份证号.
    #[error("身份证号 {0} 已属于台账中的另一名人员")]
    DuplicateIdNumber(String),

    /// The database was written by a newer version of zicha.
    #[error(
        "数据库文件 {path} 由更新版本的本程序创建（结构版本 {found}，本程序支持到 {supported}），为保护数据不予打开，请升级本程序"
    )]
    NewerSchema {
        path: String,
        found: i64,
        supported: i64,
    },

    /// The file exists but is not a zicha database.
    #[error("文件 {0} 不是本程序的台账数据库，为保护该文件不予打开")]
    NotZichaDatabase(String),

    /// The data directory could not be determined.
    #[error("无法确定用户数据目录，请用 --db 指定数据库文件路径")]
    NoDataDir,

    #[error("{}", database_message(.0))]
    Database(#[from] rusqlite::Error),

    #[error("数据库结构升级失败：{0}")]
    Migration(String),

    #[error("文件读写失败（{path}）：{}", io_reason::reason(.source))]
    Io {
        path: String,
        #[source]
        source: std::io::Error,
    },

    /// A workbook that cannot be read as a roster at all: missing, empty, not a
    /// spreadsheet, password-protected, or without the 人员 sheet.
    #[error("{0}")]
    Workbook(String),

    /// An import refused because of errors in the workbook: every one is listed,
    /// and nothing was changed.
    #[error(
        "{}",
        cell::rejected_message(.errors, .rejects_file.as_deref(), .rejects_failed.as_deref())
    )]
    ImportRejected {
        errors: Vec<CellError>,
        /// Where the offending rows were written, when they were.
        rejects_file: Option<PathBuf>,
        /// Why the offending rows could not be written, when they could not.
        rejects_failed: Option<String>,
    },

    /// A source file (payment list, 参保缴费证明, report ledger) without a column
    /// it needs: the GUI offers to map the file's headers, the CLI `--column`.
    #[error(
        "无法导入 {file}：工作表“{sheet}”中没有找到{}列（找到的表头：{}）。请用 --column 字段=表头 指明，例如 --column 姓名=人员姓名",
        .missing.join("、"),
        if .headers.is_empty() { "（无）".to_string() } else { .headers.join("、") }
    )]
    ColumnsMissing {
        file: String,
        sheet: String,
        /// What is missing, in words ("缴费月份", "姓名或身份证号").
        missing: Vec<String>,
        /// The best candidate header row's texts, in order.
        headers: Vec<String>,
    },

    /// The database file is damaged; nothing was written to it.
    #[error("台账数据库 {path} 已损坏（数据库自检：{problems}）。{offer}")]
    Damaged {
        path: String,
        problems: String,
        /// The newest backup that passed the checks.
        backup: Option<PathBuf>,
        /// What the clerk can do: restore that backup, or keep the file and ask.
        offer: String,
    },

    /// A file offered as a backup cannot be restored.
    #[error("不能用 {0} 恢复：{1}")]
    BadBackup(String, String),

    /// Another instance of the program has the database open.
    #[error(
        "台账数据库 {0} 正在被另一个本程序窗口或命令使用。为免两处同时修改，本次不予打开；请先关闭另一个窗口（或等命令结束）后再试"
    )]
    InUse(String),

    /// The 修改记录 hash chain is broken (exit code 3 in the CLI); carries the
    /// first broken place in words (`store::ChainBreak`'s text).
    #[error(
        "修改记录校验未通过：{0}。修改记录可能被本程序以外的工具改动过，请保留数据库文件原样，并核实情况"
    )]
    AuditBroken(String),

    /// A file for the clerk (PDF, workbook, backup) could not be written; no
    /// half-written file was left behind.
    #[error("无法写出文件 {path}：{reason}。没有留下不完整的文件")]
    WriteFailed { path: String, reason: String },

    /// A command for the other kind of database file (an agency's 自查台账 or
    /// a regulator's 辖区汇总（附件2）); the message names both.
    #[error("{0}")]
    WrongWorkspace(String),

    /// A received file that cannot be taken as an Annex 1 or a roster
    /// workbook: the message says why; nothing was stored.
    #[error("{0}")]
    NotReceivable(String),

    /// A received file without a 单位名称 and none given by the clerk: the
    /// shell says where to give it; nothing was stored.
    #[error(
        "不能接收 {0}：文件上没有填写单位名称，请填写单位名称，指明是哪个机构的。未保存任何内容"
    )]
    AgencyUnnamed(String),

    #[error("{0}")]
    Other(String),
}

/// SQLite's failures in words the clerk can act on; anything else with
/// SQLite's own text.
fn database_message(e: &rusqlite::Error) -> String {
    use rusqlite::ErrorCode as C;
    let hint = match e {
        rusqlite::Error::SqliteFailure(f, _) => match f.code {
            C::DiskFull => Some("磁盘空间不足，请清理磁盘后重试"),
            C::SystemIoFailure => {
                Some("读写数据库文件失败：磁盘可能已满、已拔出或出错，请检查后重试")
            }
            C::ReadOnly | C::PermissionDenied => {
                Some("数据库文件或所在文件夹是只读的，请检查文件权限，或把数据库放到可写的位置")
            }
            C::DatabaseBusy | C::DatabaseLocked => Some("数据库正被其他程序占用，请稍后重试"),
            C::CannotOpen => Some("无法打开数据库文件：请检查路径是否存在、是否有权限"),
            // Found mid-session: the checks at the next open offer a good backup if one exists.
            C::DatabaseCorrupt | C::NotADatabase => Some(
                "台账数据库文件已损坏。请关闭本程序后重新打开：程序会检查文件，如有完好的备份，会提示用它恢复（损坏的文件会改名保留，不会删除）；也可在“备份与修改记录”中选一份备份恢复",
            ),
            _ => None,
        },
        _ => None,
    };
    match hint {
        // SQLite's English adds nothing the hint does not say; its code is kept.
        Some(h) => match e {
            rusqlite::Error::SqliteFailure(f, _) => {
                format!("数据库操作失败：{h}（SQLite 错误代码 {}）", f.extended_code)
            }
            _ => format!("数据库操作失败：{h}"),
        },
        None => format!("数据库操作失败：{e}"),
    }
}

impl Error {
    pub fn invalid(field: impl Into<String>, message: impl Into<String>) -> Self {
        Error::InvalidValue {
            field: field.into(),
            message: message.into(),
        }
    }

    /// Errors caused by what the clerk typed or chose (exit code 2 in the CLI),
    /// as opposed to failures of the machine or the file (exit code 1).
    pub fn is_user_error(&self) -> bool {
        matches!(
            self,
            Error::InvalidValue { .. }
                | Error::PersonNotFound(_)
                | Error::PersonAmbiguous(_)
                | Error::DuplicateIdNumber(_)
                | Error::Workbook(_)
                | Error::ImportRejected { .. }
                | Error::ColumnsMissing { .. }
                | Error::WrongWorkspace(_)
                | Error::NotReceivable(_)
                | Error::AgencyUnnamed(_)
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sqlite_failure(code: i32) -> Error {
        Error::Database(rusqlite::Error::SqliteFailure(
            rusqlite::ffi::Error::new(code),
            None,
        ))
    }

    #[test]
    fn sqlite_failures_say_what_the_clerk_can_do() {
        for (code, words) in [
            (rusqlite::ffi::SQLITE_FULL, "磁盘空间不足"),
            (rusqlite::ffi::SQLITE_READONLY, "只读"),
            (rusqlite::ffi::SQLITE_BUSY, "稍后重试"),
            (rusqlite::ffi::SQLITE_CORRUPT, "重新打开"),
            (rusqlite::ffi::SQLITE_NOTADB, "如有完好的备份"),
        ] {
            let message = sqlite_failure(code).to_string();
            assert!(message.contains(words), "{code}: {message}");
            assert!(
                message.contains(&format!("SQLite 错误代码 {code}")),
                "{message}"
            );
            assert!(
                !message.contains("database") && !message.contains("disk"),
                "{message}"
            );
        }
    }
}
