//! The one reader of tables (表格) for every import source: the roster
//! workbook, the social-insurance payment list, a person's 参保缴费证明, the
//! report ledger, and later the received Annex 1 files. It opens a file by its
//! content, not its name, and gives its sheets as rows of [`Cell`]s, with the
//! file's name and SHA-256 for the provenance of what is imported from it.

pub mod cell;
pub use crate::domain::limits;
mod spreadsheet;

use std::io::Cursor;
use std::path::Path;

use calamine::{Reader, Sheets};
use sha2::{Digest, Sha256};

pub use cell::Cell;
pub use spreadsheet::PASSWORD_MESSAGE;

use crate::error::{Error, Result};
use spreadsheet::{contained, rows_of, workbook_error};

/// One row of a sheet.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RawRow {
    /// The row number as Excel shows it.
    pub number: u32,
    /// The cells from the sheet's first used column; trailing empty cells dropped.
    pub cells: Vec<Cell>,
}

impl RawRow {
    pub fn cell(&self, index: usize) -> Option<&Cell> {
        self.cells.get(index)
    }
}

/// What the file's sheets are read from.
enum Content {
    Spreadsheet(Sheets<Cursor<Vec<u8>>>),
}

/// An opened file: its name, its SHA-256 and its sheets, read one by one.
pub struct Book {
    /// The file name without its folder, as provenance names it.
    pub file_name: String,
    /// The SHA-256 of the file's bytes, as 64 lowercase hex digits.
    pub sha256: String,
    content: Content,
}

impl Book {
    /// The sheets' names, in the file's order.
    pub fn sheet_names(&self) -> Vec<String> {
        match &self.content {
            Content::Spreadsheet(s) => s.sheet_names(),
        }
    }

    /// The non-empty rows of the sheet `name`, or why it cannot be read.
    pub fn rows(&mut self, name: &str) -> std::result::Result<Vec<RawRow>, String> {
        const DAMAGED: &str = "无法读取该工作表，文件可能已损坏，请在 Excel 中打开后另存再导入";
        match &mut self.content {
            Content::Spreadsheet(book) => match contained(|| book.worksheet_range(name)) {
                Some(Ok(range)) => Ok(rows_of(&range)),
                Some(Err(_)) | None => Err(DAMAGED.to_string()),
            },
        }
    }
}

/// The SHA-256 of `bytes` in lowercase hex.
pub fn sha256_hex(bytes: &[u8]) -> String {
    Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// Reads the file at `path`, refusing missing, empty, encrypted and unknown
/// files with a Chinese message naming the file.
pub fn open(path: &Path) -> Result<Book> {
    let bytes = std::fs::read(path).map_err(|source| match source.kind() {
        std::io::ErrorKind::NotFound => workbook_error(path, "找不到该文件，请检查路径"),
        std::io::ErrorKind::PermissionDenied => workbook_error(
            path,
            "没有读取该文件的权限；如文件正在 Excel 中打开，请先关闭",
        ),
        _ if path.is_dir() => workbook_error(path, "这是一个文件夹，请指定工作簿文件"),
        _ => Error::Io {
            path: path.display().to_string(),
            source,
        },
    })?;
    if bytes.is_empty() {
        return Err(workbook_error(
            path,
            "文件是空的（0 字节），不是 Excel 工作簿",
        ));
    }
    let sha256 = sha256_hex(&bytes);
    let file_name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let content = Content::Spreadsheet(spreadsheet::open(path, bytes)?);
    Ok(Book {
        file_name,
        sha256,
        content,
    })
}
