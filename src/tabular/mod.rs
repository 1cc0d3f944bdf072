//! The one reader of tables (表格) for every import source: the roster
//! workbook, the social-insurance payment list, a person's 参保缴费证明, the
//! report ledger, and later the received Annex 1 files. It opens a file by its
//! content, not its name, and gives its sheets as rows of [`Cell`]s, with the
//! file's name and SHA-256 for the provenance of what is imported from it.

pub mod cell;
pub use crate::domain::limits;
mod html;
mod markup;
mod sheet;
mod spreadsheet;
mod spreadsheetml;
mod text;
mod xls_guard;
mod xlsx;
mod zip_guard;

use std::path::Path;
use std::sync::Arc;

use calamine::Sheets;
use sha2::{Digest, Sha256};

pub use cell::Cell;
pub use spreadsheet::PASSWORD_MESSAGE;

use crate::error::{Error, Result};
use limits::MAX_FILE_BYTES;
use spreadsheet::{CFB_MAGIC, ZIP_MAGIC, workbook_error};

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

/// A sheet's rows, or why they cannot be read.
type SheetRows = std::result::Result<Vec<RawRow>, String>;

/// What the file's sheets are read from.
enum Content {
    /// An .xlsx, read by the reader itself. `first` holds the first sheet,
    /// read at open (the guard's limits held as it was read), handed out
    /// once; asked again, a sheet is read again.
    Xlsx {
        book: Box<xlsx::Workbook>,
        first: Option<(String, SheetRows)>,
    },
    /// A workbook read sheet by sheet through calamine (.xls .xlsb .ods).
    Spreadsheet(Box<Sheets<spreadsheet::Bytes>>),
    /// Sheets the reader parsed itself at open (text, HTML, SpreadsheetML).
    Tables(Tables),
}

/// The sheets of a text, HTML or SpreadsheetML file, parsed at open (so that
/// every limit is checked before the clerk goes on). A sheet's rows are
/// handed out, not copied, the first time they are asked for; asked again,
/// the file's bytes are parsed again: one copy of the rows in memory.
struct Tables {
    path: std::path::PathBuf,
    bytes: Vec<u8>,
    sheets: Vec<(String, Option<Vec<RawRow>>)>,
}

/// What a file's content says it is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// .xlsx .xlsm .xlsb .ods (a zip) or .xls (a compound file).
    Workbook,
    /// CSV or tab-separated text.
    Text,
    /// An HTML page with tables (often saved under a .xls name).
    Html,
    /// SpreadsheetML 2003, "XML 电子表格" (often saved under a .xls name).
    SpreadsheetMl,
}

/// An opened file: its name, its SHA-256 and its sheets, read one by one.
pub struct Book {
    /// The file name without its folder, as provenance names it.
    pub file_name: String,
    /// The SHA-256 of the file's bytes, as 64 lowercase hex digits.
    pub sha256: String,
    /// What the file really is, told by its content.
    pub format: Format,
    content: Content,
}

impl Book {
    /// The sheets' names, in the file's order.
    pub fn sheet_names(&self) -> Vec<String> {
        match &self.content {
            Content::Xlsx { book, .. } => book.sheet_names(),
            Content::Spreadsheet(book) => calamine::Reader::sheet_names(book.as_ref()),
            Content::Tables(t) => t.sheets.iter().map(|(n, _)| n.clone()).collect(),
        }
    }

    /// The non-empty rows of the sheet `name`, or why it cannot be read.
    pub fn rows(&mut self, name: &str) -> std::result::Result<Vec<RawRow>, String> {
        match &mut self.content {
            Content::Xlsx { book, first } => {
                if first.as_ref().is_some_and(|(n, _)| n == name)
                    && let Some((_, rows)) = first.take()
                {
                    return rows;
                }
                book.rows(name).map_err(xlsx::SheetError::into_message)
            }
            Content::Spreadsheet(book) => spreadsheet::rows(book, name),
            Content::Tables(t) => {
                let Some(at) = t.sheets.iter().position(|(n, _)| n == name) else {
                    return Err(format!("找不到工作表“{name}”"));
                };
                if let Some(rows) = t.sheets[at].1.take() {
                    return Ok(rows);
                }
                match read_text(&t.path, &t.bytes) {
                    Ok((_, mut again)) => Ok(std::mem::take(&mut again[at].1)),
                    Err(e) => Err(e.to_string()),
                }
            }
        }
    }
}

/// The SHA-256 of the file at `path` as it is now (whether a file changed
/// since it was read for a preview).
pub fn file_sha256(path: &Path) -> Result<String> {
    let bytes = std::fs::read(path).map_err(|source| Error::Io {
        path: path.display().to_string(),
        source,
    })?;
    Ok(sha256_hex(&bytes))
}

/// The SHA-256 of `bytes` in lowercase hex.
pub fn sha256_hex(bytes: &[u8]) -> String {
    Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

fn too_big(path: &Path, bytes: u64) -> Error {
    workbook_error(
        path,
        &format!(
            "文件过大（{:.0} MB，超过 {} MB），不像是一份台账或导出表；请确认选对了文件，或把数据拆分为几个文件分别导入",
            bytes as f64 / 1024.0 / 1024.0,
            MAX_FILE_BYTES / 1024 / 1024
        ),
    )
}

/// Reads the file at `path`: a workbook (.xlsx .xlsm .xlsb .ods .xls), a text
/// table (CSV, tab-separated), an HTML table or SpreadsheetML 2003, told by
/// its content, not its name. Missing, empty, encrypted, unknown and
/// oversized files, and files beyond the limits (`limits`), are refused with
/// a Chinese message naming the file.
pub fn open(path: &Path) -> Result<Book> {
    let io_error = |source: std::io::Error| match source.kind() {
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
    };
    if path.is_dir() {
        return Err(workbook_error(path, "这是一个文件夹，请指定工作簿文件"));
    }
    let file = std::fs::File::open(path).map_err(io_error)?;
    if let Ok(meta) = file.metadata()
        && meta.len() > MAX_FILE_BYTES
    {
        return Err(too_big(path, meta.len()));
    }
    let mut bytes = Vec::new();
    std::io::Read::read_to_end(
        &mut std::io::Read::take(file, MAX_FILE_BYTES + 1),
        &mut bytes,
    )
    .map_err(io_error)?;
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(too_big(path, bytes.len() as u64));
    }
    if bytes.is_empty() {
        return Err(workbook_error(
            path,
            "文件是空的（0 字节），不是 Excel 工作簿",
        ));
    }
    let file_name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let xlsx = bytes.starts_with(&ZIP_MAGIC)
        && !spreadsheet::is_ods(&bytes)
        && !spreadsheet::is_xlsb(path);
    if xlsx {
        let (sha256, content) = open_xlsx(path, bytes)?;
        return Ok(Book {
            file_name,
            sha256,
            format: Format::Workbook,
            content,
        });
    }
    let sha256 = sha256_hex(&bytes);
    let (format, content) = if bytes.starts_with(&ZIP_MAGIC) || bytes.starts_with(&CFB_MAGIC) {
        if bytes.starts_with(&ZIP_MAGIC) {
            zip_guard::check(&bytes).map_err(|why| workbook_error(path, &why))?;
        }
        let book = spreadsheet::open(path, std::io::Cursor::new(bytes))?;
        (Format::Workbook, Content::Spreadsheet(Box::new(book)))
    } else if text::looks_like_text(&bytes) {
        let (format, sheets) = read_text(path, &bytes)?;
        let sheets = sheets
            .into_iter()
            .map(|(name, rows)| (name, Some(rows)))
            .collect();
        let tables = Tables {
            path: path.to_path_buf(),
            bytes,
            sheets,
        };
        (format, Content::Tables(tables))
    } else {
        return Err(spreadsheet::not_a_workbook(path));
    };
    Ok(Book {
        file_name,
        sha256,
        format,
        content,
    })
}

/// Opens an .xlsx (or .xlsm) and reads its first sheet (a payment list's or
/// a ledger's one sheet), the file's SHA-256 taken on a second thread
/// meanwhile. Every part but the worksheets passes the zip guard first; the
/// first worksheet is held to the guard's limits as it is read, the others
/// are scanned by the guard here, so that a file beyond the limits is refused
/// at open, whichever sheet the clerk goes on to.
fn open_xlsx(path: &Path, bytes: Vec<u8>) -> Result<(String, Content)> {
    let deferred =
        zip_guard::check_all_but_worksheets(&bytes).map_err(|why| workbook_error(path, &why))?;
    let bytes = Arc::new(bytes);
    let (sha256, opened) = std::thread::scope(|s| {
        let hashing = s.spawn(|| sha256_hex(&bytes));
        let opened = (|| -> Result<_> {
            let book = spreadsheet::contained(|| xlsx::Workbook::open(bytes.clone()))
                .flatten()
                .ok_or_else(|| spreadsheet::not_a_workbook(path))?;
            let first = book.sheet_names().into_iter().next();
            let first = match first {
                Some(name) => {
                    let rows = spreadsheet::contained(|| book.rows(&name)).unwrap_or_else(|| {
                        Err(xlsx::SheetError::Read(spreadsheet::DAMAGED.to_string()))
                    });
                    if let Err(xlsx::SheetError::Guard(why)) = &rows {
                        return Err(workbook_error(path, why));
                    }
                    Some((name, rows.map_err(xlsx::SheetError::into_message)))
                }
                None => None,
            };
            let first_part = first.as_ref().and_then(|(n, _)| book.part_of(n));
            let others = deferred
                .iter()
                .filter(|d| Some(d.name.as_str()) != first_part);
            spreadsheet::contained(|| zip_guard::check_worksheets(&bytes, others))
                .unwrap_or_else(|| Err(spreadsheet::DAMAGED.to_string()))
                .map_err(|why| workbook_error(path, &why))?;
            Ok((book, first))
        })();
        let sha256 = hashing
            .join()
            .unwrap_or_else(|panic| std::panic::resume_unwind(panic));
        (sha256, opened)
    });
    let (book, first) = opened?;
    Ok((
        sha256,
        Content::Xlsx {
            book: Box::new(book),
            first,
        },
    ))
}

/// Reads a file whose content is text: SpreadsheetML, an HTML page, or a
/// text table (one sheet named after the file).
fn read_text(path: &Path, bytes: &[u8]) -> Result<(Format, Vec<sheet::Sheet>)> {
    let declared = html::declared_charset(bytes);
    let decoded = text::decode(bytes, declared);
    let (format, sheets) = if spreadsheetml::is_spreadsheetml(&decoded) {
        (Format::SpreadsheetMl, spreadsheetml::read(&decoded))
    } else if html::is_html(&decoded) {
        (Format::Html, html::read(&decoded))
    } else {
        let stem = path
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default();
        (Format::Text, text::read(&stem, &decoded).map(|s| vec![s]))
    };
    let sheets = sheets.map_err(|why| workbook_error(path, &why))?;
    if sheets.is_empty() {
        let what = match format {
            Format::Html => {
                "这是一个网页（HTML）文件，但其中没有表格；请在 Excel 中打开后另存为 .xlsx 再导入"
            }
            _ => {
                "这是一个 XML 电子表格（SpreadsheetML）文件，但其中没有工作表；请在 Excel 中打开后另存为 .xlsx 再导入"
            }
        };
        return Err(workbook_error(path, what));
    }
    Ok((format, sheets))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn write(dir: &tempfile::TempDir, name: &str, bytes: &[u8]) -> std::path::PathBuf {
        let path = dir.path().join(name);
        std::fs::write(&path, bytes).unwrap();
        path
    }

    #[test]
    fn files_are_told_by_their_content() {
        let dir = tempfile::tempdir().unwrap();
        let html = write(
            &dir,
            "明细.xls",
            b"<HTML><body><table><tr><td>a</td></tr></table>",
        );
        let book = open(&html).unwrap();
        assert_eq!(book.format, Format::Html);
        assert_eq!(book.sheet_names(), ["表1"]);
        let xml = concat!(
            r#"<?xml version="1.0"?><Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet">"#,
            r#"<Worksheet ss:Name="S"><Table><Row><Cell><Data ss:Type="String">a</Data></Cell></Row></Table></Worksheet></Workbook>"#
        );
        let ssml = write(&dir, "明细2.xls", xml.as_bytes());
        assert_eq!(open(&ssml).unwrap().format, Format::SpreadsheetMl);
        let mut utf16 = vec![0xFF, 0xFE];
        utf16.extend(
            "姓名\t身份证号\r\n张三\t1\r\n"
                .encode_utf16()
                .flat_map(u16::to_le_bytes),
        );
        let text = write(&dir, "Unicode 文本.txt", &utf16);
        let mut book = open(&text).unwrap();
        assert_eq!(book.format, Format::Text);
        assert_eq!(book.sheet_names(), ["Unicode 文本"]);
        // Asked twice, the rows come back the same (the second time parsed again).
        let first = book.rows("Unicode 文本").unwrap();
        assert_eq!(first.len(), 2);
        assert_eq!(book.rows("Unicode 文本").unwrap(), first);
        assert!(book.rows("别的").is_err());
        let empty_html = write(&dir, "空.xls", b"<html><body>none</body></html>");
        let e = open(&empty_html).err().unwrap().to_string();
        assert!(e.contains("网页") && e.contains("另存为 .xlsx"), "{e}");
        let binary = write(&dir, "x.xlsx", &[0u8, 1, 2, 3]);
        let e = open(&binary).err().unwrap().to_string();
        assert!(
            e.contains("x.xlsx") && e.contains("不是能读取的表格文件"),
            "{e}"
        );
    }
}
